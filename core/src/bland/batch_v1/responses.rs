//! Responses and queries of the legacy v1 batch endpoints (VENDORS.md §1.4, recovered from the
//! Bland docs' git history before 2025-05-08). Read leniently: unknown fields go to `extra`.

use crate::bland::call_details::CallDetails;
use crate::bland::enums::{LegacyBatchStatus, ResponseStatus};
use crate::issue::{IssueCode, Report};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `POST /v1/batches` response: `{"message": "success", "batch_id": "…-gen-batch"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateBatchResponse {
    /// `success` on success.
    #[serde(default)]
    pub message: Option<String>,
    /// The batch id (`3p$7rQ3p9sT5bzmF-gen-batch`).
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Every other field (errors arrive as `{status, message, errors}`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Query of `GET /v1/batches`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct ListBatchesV1Query {
    /// Only batches of this campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// Start index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u64>,
    /// End index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u64>,
    /// Page size (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ascending: Option<bool>,
}

/// Validate a legacy batch list query.
pub fn validate_list_batches_v1(q: &ListBatchesV1Query, report: &mut Report) {
    if q.limit == Some(0) {
        report.error(IssueCode::OutOfRange, "limit", "limit must be at least 1");
    }
    if let (Some(from), Some(to)) = (q.from, q.to)
        && to < from
    {
        report.error(
            IssueCode::OutOfRange,
            "to",
            format!("to ({to}) is before from ({from})"),
        );
    }
}

/// Query of `GET /v1/batches/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct GetBatchV1Query {
    /// Include `call_data` (the call objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_calls: Option<bool>,
    /// Include transcripts in the call objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_transcripts: Option<bool>,
    /// Include `analysis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_analysis: Option<bool>,
}

/// `GET /v1/batches` response: `{"status": "success", "batches": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListBatchesV1Response {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// The batches.
    #[serde(default)]
    pub batches: Vec<LegacyBatchParams>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A legacy batch's parameters (list entries and `batch_params`). The list calls the id
/// `batch_id`, `batch_params` calls it `id`; both are modelled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegacyBatchParams {
    /// Id (in `batch_params`).
    #[serde(default)]
    pub id: Option<String>,
    /// Id (in list entries).
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Campaign.
    #[serde(default)]
    pub campaign_id: Option<String>,
    /// Label.
    #[serde(default)]
    pub label: Option<String>,
    /// The prompt template.
    #[serde(default)]
    pub base_prompt: Option<String>,
    /// Endpoint code.
    #[serde(default)]
    pub endpoint_code: Option<String>,
    /// The call options the batch was sent with.
    #[serde(default)]
    pub call_params: Option<Value>,
    /// ISO-8601 creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v1/batches/{id}` response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegacyBatchDetails {
    /// `in-progress` or `completed`.
    #[serde(default)]
    pub status: Option<LegacyBatchStatus>,
    /// The batch's parameters.
    #[serde(default)]
    pub batch_params: Option<LegacyBatchParams>,
    /// Aggregates (with `include_analysis=true`).
    #[serde(default)]
    pub analysis: Option<LegacyBatchAnalysis>,
    /// The calls (with `include_calls=true`).
    #[serde(default)]
    pub call_data: Option<Vec<CallDetails>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `analysis` of a legacy batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegacyBatchAnalysis {
    /// Calls in the batch.
    #[serde(default)]
    pub total_calls: Option<u64>,
    /// Finished calls.
    #[serde(default)]
    pub completed_calls: Option<u64>,
    /// Running calls.
    #[serde(default)]
    pub in_progress_calls: Option<u64>,
    /// Calls per `queue_status` (`{"complete": 85, "started": 2, "call_error": 1}`).
    #[serde(default)]
    pub queue_statuses: Option<BTreeMap<String, u64>>,
    /// Call length statistics.
    #[serde(default)]
    pub call_lengths: Option<CallLengths>,
    /// Every call id.
    #[serde(default)]
    pub call_ids: Option<Vec<String>>,
    /// Calls that failed and why.
    #[serde(default)]
    pub error_messages: Option<Vec<CallErrorMessage>>,
    /// Endpoints used.
    #[serde(default)]
    pub endpoints: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `analysis.call_lengths`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CallLengths {
    /// Mean length (minutes).
    #[serde(default)]
    pub average: Option<f64>,
    /// Mean length of calls longer than zero.
    #[serde(default)]
    pub average_nonzero: Option<f64>,
    /// Histogram: bucket (`"0-5"`) → calls.
    #[serde(default)]
    pub summary: Option<BTreeMap<String, u64>>,
    /// Every call's length.
    #[serde(default)]
    pub all: Option<Vec<f64>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `analysis.error_messages[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CallErrorMessage {
    /// The failed call.
    #[serde(default)]
    pub call_id: Option<String>,
    /// Why.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /v1/batches/{id}/stop` response:
/// `{"status":"success","message":"Successfully stopped batch","num_calls":1205,"batch_id":"…"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopBatchV1Response {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// Calls stopped.
    #[serde(default)]
    pub num_calls: Option<u64>,
    /// The batch.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /v1/batches/{id}/analyze` response (body is [`crate::bland::AnalyzeRequest`]):
/// `{"status":"success","message":"Successfully analyzed batch","answers":{"<call_id>":[…]},
/// "credits_used":n}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalyzeBatchResponse {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// Answers per call id, one per question.
    #[serde(default)]
    pub answers: Option<BTreeMap<String, Vec<Value>>>,
    /// Credits charged.
    #[serde(default)]
    pub credits_used: Option<f64>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v1/batches/{id}/analysis` response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchAnalysisResponse {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// Stored analyses.
    #[serde(default)]
    pub analysis: Option<Vec<StoredAnalysis>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of `GET /v1/batches/{id}/analysis`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredAnalysis {
    /// The call.
    #[serde(default)]
    pub call_id: Option<String>,
    /// The batch.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// The goal given.
    #[serde(default)]
    pub goal: Option<String>,
    /// The answers.
    #[serde(default)]
    pub answers: Option<Value>,
    /// The questions asked.
    #[serde(default)]
    pub questions: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
