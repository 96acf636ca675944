//! Bland.ai: every request and response model, typed, with one validator per operation.
//!
//! | operation | request | validator / builder | response |
//! | --- | --- | --- | --- |
//! | `POST /v1/calls` | [`SendCallRequest`] | [`parse_send_call`], [`SendCallRequest::to_wire_body`] | [`SendCallResponse`] |
//! | `GET /v1/calls/{id}` (and post-call webhook) | — | — | [`CallDetails`] |
//! | `GET /v1/calls` | [`ListCallsQuery`] | [`validate_list_calls`] | [`ListCallsResponse`] |
//! | `POST /v1/calls/{id}/stop` | — | — | [`StopCallResponse`] |
//! | `POST /v1/calls/{id}/analyze`, `POST /v1/batches/{id}/analyze` | [`AnalyzeRequest`] | [`parse_analyze`] | [`AnalyzeCallResponse`], [`AnalyzeBatchResponse`] |
//! | `POST /v1/batches` (legacy) | [`BatchRequest`] | [`preflight_batch`], [`parse_batch`], [`BatchRequest::to_wire_body`] | [`CreateBatchResponse`] |
//! | `GET /v1/batches`, `GET /v1/batches/{id}`, stop, analysis | [`ListBatchesV1Query`], [`GetBatchV1Query`] | [`validate_list_batches_v1`] | [`ListBatchesV1Response`], [`LegacyBatchDetails`], [`StopBatchV1Response`], [`BatchAnalysisResponse`] |
//! | `POST /v2/batches/create` | [`CreateBatchV2Request`] | [`parse_create_batch_v2`], [`CreateBatchV2Request::to_wire_body`] | [`CreateBatchV2Response`] |
//! | `GET /v2/batches/list`, `/{id}`, `/{id}/logs`, `POST /{id}/stop` | [`ListBatchesV2Query`], [`BatchLogsQuery`] | [`validate_take`] | [`ListBatchesV2Response`], [`GetBatchV2Response`], [`BatchLogsResponse`], [`StopBatchV2Response`] |
//! | v2 `status_webhook` | — | — | [`BatchStatusWebhook`] |
//! | `POST /v1/inbound/{phone_number}` | [`InboundUpdateRequest`] | [`parse_inbound_update`], [`InboundUpdateRequest::to_wire`] | [`InboundUpdateResponse`] |
//! | `GET /v1/inbound`, `GET /v1/inbound/{phone_number}` | — | [`inbound_path`] | [`InboundListResponse`], [`InboundNumber`] |
//!
//! Envelopes: [`StatusEnvelope`] (`{status, message, errors}`) and [`DataEnvelope`]
//! (`{data, errors: [{error, message}]}`).
//!
//! Conventions:
//! - Input models reject unknown fields (`unknown_field`, naming the field); unmodelled vendor
//!   fields go through each model's `extra`, which may not name a modelled field.
//! - Response models are lenient: every field optional, unknown fields in `extra`, unknown enum
//!   values in `Other(…)`.
//! - Phone numbers follow Bland's rules (`+` / `%2B` optional, US when there is no country code)
//!   and are sent in E.164.
//! - Languages (a decision, since Bland documents two vocabularies): the inbound endpoint accepts
//!   the eight codes of its page (ENG, ESP, FRE, POL, GER, ITA, PBR, POR); call and batch options
//!   also accept the `babel` / `babel-xx` codes of the current /v1/calls page. Anything else is a
//!   warning, not an error, because Bland adds languages without notice.
//! - Template variables: every `{{var}}` of `base_prompt` must be in every `call_data` row. Bland's
//!   call-time system variables (`{{now}}`, `{{from}}`, …) are not assumed: a prompt that uses them
//!   must also put them in the rows, or the preview would not be the prompt that is sent.

mod batch_v1;
mod batch_v2;
mod call_details;
mod calls;
mod check_options;
mod enums;
mod envelope;
mod inbound;
pub(crate) mod options;
mod preflight;
pub mod rules;
mod wire;

#[cfg(test)]
mod tests;

pub use batch_v1::*;
pub use batch_v2::*;
pub use call_details::{CallDetails, LiveEvent, Numeric, Transcript};
pub use calls::*;
pub use check_options::{
    IGNORED_WITH_PATHWAY, validate_call_options, validate_call_options_within,
};
pub use enums::*;
pub use envelope::{ApiError, DataEnvelope, StatusEnvelope};
pub use inbound::*;
pub use options::{
    CALL_OPTION_FIELDS, CallOptionsRef, PronunciationGuideEntry, Retry, Voicemail, VoicemailSms,
};
pub use preflight::{
    BatchPreflight, RowChecker, RowNumber, RowPrompt, RowView, parse_batch, preflight_batch,
    preflight_batch_with,
};
