//! Legacy v1 batches: `POST /v1/batches` — one `{{placeholder}}` `base_prompt` plus per-call
//! `call_data` rows — and its list/get/stop/analyze companions.
//!
//! Sources: the French batch guide (seed 000: base_prompt, call_data, label, campaign_id,
//! test_mode, batch_id, voice_id, reduce_latency, language, request_data, webhook, max_duration,
//! amd, wait_for_greeting → `{message, batch_id}`) and VENDORS.md §1.4 (legacy section: `from`,
//! `batch_webhook`, "+ any /v1/calls param"). Bland replaced these endpoints with v2 batches in
//! 2025-05; whether v1 still answers is UNCONFIRMED, so both are modelled.
//!
//! Validation of a batch is [`super::preflight_batch`]: it checks the batch-level fields and every
//! row in one pass and also renders each row's prompt.

mod responses;

pub use responses::*;

use super::options::with_call_options;
use crate::json::Extra;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

with_call_options! {
    /// `POST /v1/batches` body.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    pub struct BatchRequest {
        /// The prompt shared by every call, with `{{placeholders}}` filled from each row.
        /// Required unless `pathway_id` is set.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub base_prompt: Option<String>,
        /// One row per call: `phone_number` plus the prompt's variables.
        #[serde(default)]
        pub call_data: Vec<CallDataRow>,
        /// A label to find the batch by.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub label: Option<String>,
        /// Groups related batches.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub campaign_id: Option<String>,
        /// Place only the first call, to test.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub test_mode: Option<bool>,
        /// A caller-chosen batch id (generated when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub batch_id: Option<String>,
        /// Legacy numeric voice (the guide sends `voice_id: 0`); `voice` replaces it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub voice_id: Option<u32>,
        /// Legacy low-latency voice flag; "may override the voice parameter".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reduce_latency: Option<bool>,
        /// Notified when the batch finishes (https).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub batch_webhook: Option<String>,
        /// Fields callplane does not model yet, sent verbatim.
        #[serde(default, skip_serializing)]
        pub extra: Extra,
    }
}

/// The batch's own fields (besides the shared call options), for `extra` shadowing checks.
pub(crate) const BATCH_OWN_FIELDS: &[&str] = &[
    "base_prompt",
    "call_data",
    "label",
    "campaign_id",
    "test_mode",
    "batch_id",
    "voice_id",
    "reduce_latency",
    "batch_webhook",
];

/// One `call_data` row: `phone_number` plus arbitrary variables, kept as the JSON object it is so
/// the prompt renders straight from it (no copy) and `{{phone_number}}` works too.
///
/// A JSON `null` row reads as an empty row (reported as `required` by the validator); this keeps
/// row indexes stable when the JSON reader replaces a malformed row with `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CallDataRow(pub Map<String, Value>);

impl<'de> Deserialize<'de> for CallDataRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(CallDataRow(
            Option::<Map<String, Value>>::deserialize(d)?.unwrap_or_default(),
        ))
    }
}

/// As `Deserialize`: `null` is an empty row, anything else must be an object.
impl crate::json::read::ReadJson for CallDataRow {
    fn read(
        v: &Value,
        at: &crate::json::read::Chain<'_>,
    ) -> Result<Self, crate::json::track::PathError> {
        crate::json::read::ReadJson::read(v, at)
            .map(|m: Option<Map<String, Value>>| CallDataRow(m.unwrap_or_default()))
    }
    fn missing(_: &'static str) -> Result<Self, serde_json::Error> {
        Ok(CallDataRow::default())
    }
}

impl CallDataRow {
    /// The row's `phone_number` value, as given.
    pub fn phone_number(&self) -> Option<&Value> {
        self.0.get("phone_number")
    }
    /// The variables, including `phone_number`.
    pub fn vars(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl From<Map<String, Value>> for CallDataRow {
    fn from(m: Map<String, Value>) -> Self {
        CallDataRow(m)
    }
}
