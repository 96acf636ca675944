//! The call object: `GET /v1/calls/{call_id}`, each entry of a legacy batch's `call_data`, and the
//! body of the post-call webhook (docs.bland.ai/api-v1/get/calls-id,
//! docs.bland.ai/tutorials/post-call-webhooks; VENDORS.md §1.3, §1.6).
//!
//! Responses are read leniently: every field is optional, unknown fields land in `extra`, unknown
//! enum values in `Other`. Numbers Bland sometimes sends as strings (`corrected_duration` is a
//! string of seconds, `max_duration` appears as both) are [`Numeric`].

use super::enums::{AnsweredBy, CallEndedBy, CallStatus, QueueStatus, TranscriptUser};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A number that may arrive as a JSON number or as a string of digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Numeric {
    /// Sent as a number.
    Number(f64),
    /// Sent as a string (kept verbatim).
    Text(String),
}

impl Numeric {
    /// The value as a float, when it is one or parses as one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Numeric::Number(n) => Some(*n),
            Numeric::Text(s) => s.trim().parse().ok(),
        }
    }
}

/// A call as Bland reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CallDetails {
    /// Call id (UUID).
    #[serde(default)]
    pub call_id: Option<String>,
    /// Duplicate of `call_id`.
    #[serde(default)]
    pub c_id: Option<String>,
    /// Length in minutes.
    #[serde(default)]
    pub call_length: Option<f64>,
    /// Length in seconds (a string on the wire).
    #[serde(default)]
    pub corrected_duration: Option<Numeric>,
    /// The batch the call belongs to.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Callee (may come back unnormalised, e.g. `5551234567`).
    #[serde(default)]
    pub to: Option<String>,
    /// Caller.
    #[serde(default)]
    pub from: Option<String>,
    /// `request_data` as sent.
    #[serde(default)]
    pub request_data: Option<Value>,
    /// Finished. "If it differs from queue_status, this is the most up-to-date."
    #[serde(default)]
    pub completed: Option<bool>,
    /// An inbound call.
    #[serde(default)]
    pub inbound: Option<bool>,
    /// ISO-8601 creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// ISO-8601 start time.
    #[serde(default)]
    pub started_at: Option<String>,
    /// ISO-8601 end time.
    #[serde(default)]
    pub end_at: Option<String>,
    /// Queue lifecycle state.
    #[serde(default)]
    pub queue_status: Option<QueueStatus>,
    /// Final status.
    #[serde(default)]
    pub status: Option<CallStatus>,
    /// API endpoint the call was placed through.
    #[serde(default)]
    pub endpoint_url: Option<String>,
    /// `max_duration` as sent (minutes).
    #[serde(default)]
    pub max_duration: Option<Numeric>,
    /// Why the call failed (e.g. "Call failed. The number you dialed is busy…").
    #[serde(default)]
    pub error_message: Option<String>,
    /// Variables, including Bland's system ones (`now`, `from`, `to`, `call_id`, `city`, …) and
    /// extracted ones.
    #[serde(default)]
    pub variables: Option<Map<String, Value>>,
    /// Answering-machine detection result (null when off or undecided).
    #[serde(default)]
    pub answered_by: Option<AnsweredBy>,
    /// Recording was requested.
    #[serde(default)]
    pub record: Option<bool>,
    /// Recording URL (only when `record` was true).
    #[serde(default)]
    pub recording_url: Option<String>,
    /// `metadata` as sent.
    #[serde(default)]
    pub metadata: Option<Value>,
    /// Post-call summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Price in USD.
    #[serde(default)]
    pub price: Option<Numeric>,
    /// Local dialing was used.
    #[serde(default)]
    pub local_dialing: Option<bool>,
    /// Who hung up.
    #[serde(default)]
    pub call_ended_by: Option<CallEndedBy>,
    /// Pathway followed.
    #[serde(default)]
    pub pathway_id: Option<String>,
    /// Pathway node log.
    #[serde(default)]
    pub pathway_logs: Option<Value>,
    /// Pathway version used.
    #[serde(default)]
    pub pathway_version: Option<Value>,
    /// Pathway tags.
    #[serde(default)]
    pub pathway_tags: Option<Value>,
    /// Answers to `analysis_schema`.
    #[serde(default)]
    pub analysis: Option<Value>,
    /// `analysis_schema` as sent.
    #[serde(default)]
    pub analysis_schema: Option<Value>,
    /// `user: … \n assistant: …`.
    #[serde(default)]
    pub concatenated_transcript: Option<String>,
    /// Transcript lines.
    #[serde(default)]
    pub transcripts: Option<Vec<Transcript>>,
    /// Transfer target.
    #[serde(default)]
    pub transferred_to: Option<String>,
    /// When the call was transferred.
    #[serde(default)]
    pub transferred_at: Option<String>,
    /// Seconds before the transfer.
    #[serde(default)]
    pub pre_transfer_duration: Option<Numeric>,
    /// Seconds after the transfer.
    #[serde(default)]
    pub post_transfer_duration: Option<Numeric>,
    /// Citation results.
    #[serde(default)]
    pub citations: Option<Value>,
    /// Citation schemas run.
    #[serde(default)]
    pub citation_schema_ids: Option<Value>,
    /// Warm transfer details.
    #[serde(default)]
    pub warm_transfer_call: Option<Value>,
    /// A proxy-agent call.
    #[serde(default)]
    pub is_proxy_agent_call: Option<bool>,
    /// Ran on a canary release.
    #[serde(default)]
    pub is_canary: Option<bool>,
    /// Voice used.
    #[serde(default)]
    pub voice_id: Option<Value>,
    /// The disposition the AI picked.
    #[serde(default)]
    pub disposition_tag: Option<String>,
    /// When the recording expires.
    #[serde(default)]
    pub recording_expiration: Option<String>,
    /// Post-call webhook only: this delivery is for a retried call (changelog 2025-06-30).
    #[serde(default, rename = "isRetry")]
    pub is_retry: Option<bool>,
    /// Every field not modelled above, verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One line of `transcripts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// Line id.
    #[serde(default)]
    pub id: Option<Value>,
    /// ISO-8601 time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// What was said.
    #[serde(default)]
    pub text: Option<String>,
    /// Who said it.
    #[serde(default)]
    pub user: Option<TranscriptUser>,
    /// The call id.
    #[serde(default)]
    pub c_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A live event streamed to `webhook` for the categories in `webhook_events`:
/// `{"message": "Call enqueued", "call_id": "...", "category": "queue", "log_level": "info"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// The call.
    #[serde(default)]
    pub call_id: Option<String>,
    /// Event category (a `webhook_events` value).
    #[serde(default)]
    pub category: Option<super::enums::WebhookEvent>,
    /// `info`, `error`, …
    #[serde(default)]
    pub log_level: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_call_object_with_unknown_fields_and_values() {
        let v = json!({
            "call_id": "9d404c1b-6a23-4426-953a-a52c392ff8f1",
            "call_length": 0.9,
            "corrected_duration": "54",
            "batch_id": null,
            "to": "5551234567",
            "completed": true,
            "queue_status": "complete",
            "status": "completed",
            "answered_by": null,
            "call_ended_by": "USER",
            "price": 0.081,
            "max_duration": "30",
            "transcripts": [
                {"id": 1, "created_at": "2024-01-01T00:00:00Z", "text": "Hello?", "user": "user", "c_id": "9d4"},
                {"id": 2, "text": "Hi!", "user": "assistant", "brand_new": 1}
            ],
            "variables": {"now": "Monday", "city": "Austin"},
            "isRetry": true,
            "some_future_field": {"x": 1}
        });
        let c: CallDetails = serde_json::from_value(v).unwrap();
        assert_eq!(
            c.corrected_duration.as_ref().and_then(Numeric::as_f64),
            Some(54.0)
        );
        assert_eq!(
            c.max_duration.as_ref().and_then(Numeric::as_f64),
            Some(30.0)
        );
        assert_eq!(c.queue_status, Some(QueueStatus::Complete));
        assert_eq!(c.answered_by, None);
        assert_eq!(c.call_ended_by, Some(CallEndedBy::User));
        assert_eq!(c.is_retry, Some(true));
        let t = c.transcripts.as_ref().unwrap();
        assert_eq!(t[1].user, Some(TranscriptUser::Assistant));
        assert!(t[1].extra.contains_key("brand_new"));
        assert!(c.extra.contains_key("some_future_field"));
        assert!(
            !c.extra.contains_key("isRetry"),
            "modelled fields are not duplicated in extra"
        );
    }

    #[test]
    fn unknown_status_values_do_not_fail_the_parse() {
        let c: CallDetails = serde_json::from_value(json!({
            "queue_status": "teleported", "status": "voicemail", "answered_by": "fax"
        }))
        .unwrap();
        assert_eq!(
            c.queue_status,
            Some(QueueStatus::Other("teleported".into()))
        );
        assert_eq!(c.status, Some(CallStatus::Other("voicemail".into())));
        assert_eq!(c.answered_by, Some(AnsweredBy::Other("fax".into())));
    }
}
