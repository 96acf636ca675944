//! v2 batch responses, queries and the `status_webhook` payload. All responses use the
//! `{data, errors}` envelope ([`DataEnvelope`]).

use crate::bland::enums::{BatchLogEventType, BatchStatus};
use crate::bland::envelope::DataEnvelope;
use crate::issue::{IssueCode, Report};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `data` of `POST /v2/batches/create`: `{"batch_id": "8b8e8c57-…"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatedBatch {
    /// The new batch's id.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /v2/batches/create` response.
pub type CreateBatchV2Response = DataEnvelope<CreatedBatch>;
/// `GET /v2/batches/list` response.
pub type ListBatchesV2Response = DataEnvelope<Vec<BatchV2>>;
/// `GET /v2/batches/{batch_id}` response (no logs).
pub type GetBatchV2Response = DataEnvelope<BatchV2>;
/// `GET /v2/batches/{batch_id}/logs` response.
pub type BatchLogsResponse = DataEnvelope<Vec<BatchLogEntry>>;
/// `POST /v2/batches/{batch_id}/stop` response: `{"data": null, "errors": null}`.
pub type StopBatchV2Response = DataEnvelope<Value>;

/// A v2 batch as listed / fetched.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchV2 {
    /// Batch id.
    #[serde(default)]
    pub id: Option<String>,
    /// Owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The batch's `global` options, as a JSON *string* (see [`BatchV2::base_prompt_json`]).
    #[serde(default)]
    pub base_prompt: Option<String>,
    /// ISO-8601 creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// A preview of the call objects.
    #[serde(default)]
    pub call_objects: Option<Value>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BatchV2 {
    /// `base_prompt` parsed as JSON, when it is JSON.
    pub fn base_prompt_json(&self) -> Option<Value> {
        self.base_prompt
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
    }
}

/// One `GET /v2/batches/{id}/logs` entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchLogEntry {
    /// Entry id.
    #[serde(default)]
    pub id: Option<Value>,
    /// The batch.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// The organisation.
    #[serde(default)]
    pub org_id: Option<String>,
    /// `lifecycle` or `complete`.
    #[serde(default)]
    pub event_type: Option<BatchLogEventType>,
    /// When.
    #[serde(default)]
    pub timestamp: Option<Value>,
    /// Event data (see [`BatchLogEntry::typed_payload`]).
    #[serde(default)]
    pub payload: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A log entry's payload, typed by `event_type`.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchLogPayload {
    /// `{"message": "Requested: 1. Validated: 1. Dispatched: 1. CPS: 1.12.", "state_change": "in_progress"}`
    Lifecycle {
        /// Human message.
        message: Option<String>,
        /// The new state.
        state_change: Option<BatchStatus>,
    },
    /// `{"calls_total": n, "calls_failed": n, "calls_successful": n}`
    Complete(BatchTally),
    /// Unknown event type or shape, verbatim.
    Other(Value),
}

/// Final counts of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchTally {
    /// Calls in the batch.
    #[serde(default)]
    pub calls_total: Option<u64>,
    /// Calls dispatched successfully.
    #[serde(default)]
    pub calls_successful: Option<u64>,
    /// Calls that failed.
    #[serde(default)]
    pub calls_failed: Option<u64>,
}

impl BatchLogEntry {
    /// The payload read according to `event_type`.
    pub fn typed_payload(&self) -> BatchLogPayload {
        let payload = self.payload.clone().unwrap_or(Value::Null);
        match &self.event_type {
            Some(BatchLogEventType::Lifecycle) => BatchLogPayload::Lifecycle {
                message: payload
                    .get("message")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                state_change: payload
                    .get("state_change")
                    .and_then(Value::as_str)
                    .map(BatchStatus::from_wire),
            },
            Some(BatchLogEventType::Complete) => {
                match serde_json::from_value::<BatchTally>(payload.clone()) {
                    Ok(t) => BatchLogPayload::Complete(t),
                    Err(_) => BatchLogPayload::Other(payload),
                }
            }
            _ => BatchLogPayload::Other(payload),
        }
    }
}

/// The body Bland POSTs to `status_webhook`: one per lifecycle phase plus a final one. Sent once,
/// 10 s timeout, never retried, so a receiver must not depend on seeing every phase.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchStatusWebhook {
    /// The batch.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// The phase.
    #[serde(default)]
    pub status: Option<BatchStatus>,
    /// When.
    #[serde(default)]
    pub timestamp: Option<Value>,
    /// Optional human message.
    #[serde(default)]
    pub message: Option<String>,
    /// Final event: calls in the batch.
    #[serde(default)]
    pub calls_total: Option<u64>,
    /// Final event: successful calls.
    #[serde(default)]
    pub calls_successful: Option<u64>,
    /// Final event: failed calls.
    #[serde(default)]
    pub calls_failed: Option<u64>,
    /// Failure code (`source_invalid`, `batch_early_exit`, …).
    #[serde(default)]
    pub code: Option<String>,
    /// Failure reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Query of `GET /v2/batches/list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct ListBatchesV2Query {
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<u32>,
    /// Offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<u64>,
}

/// Order of `GET /v2/batches/{id}/logs`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "snake_case")]
pub enum LogDirection {
    /// Oldest first.
    Asc,
    /// Newest first.
    Desc,
}

/// Query of `GET /v2/batches/{id}/logs`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct BatchLogsQuery {
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<u32>,
    /// Offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<u64>,
    /// `asc` or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<LogDirection>,
}

/// Validate a v2 page query (`take` ≥ 1).
pub fn validate_take(take: Option<u32>, report: &mut Report) {
    if take == Some(0) {
        report.error(IssueCode::OutOfRange, "take", "take must be at least 1");
    }
}
