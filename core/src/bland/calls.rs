//! Single calls: `POST /v1/calls` (send), `GET /v1/calls` (list), `POST /v1/calls/{id}/stop`,
//! `POST /v1/calls/{id}/analyze` (docs.bland.ai/api-v1/post/calls and siblings; VENDORS.md §1.1,
//! §1.3). `GET /v1/calls/{id}` returns [`super::CallDetails`].

use super::call_details::CallDetails;
use super::check_options::validate_call_options;
use super::enums::ResponseStatus;
use super::options::with_call_options;
use super::rules;
use super::wire;
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

with_call_options! {
    /// `POST /v1/calls` body: the number to call plus every call option.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    pub struct SendCallRequest {
        /// The number to call. Bland's rules: `+` optional, US when there is no country code;
        /// callplane sends it in E.164.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone_number: Option<String>,
        /// Fields callplane does not model yet, sent verbatim.
        #[serde(default, skip_serializing)]
        pub extra: Extra,
    }
}

const SEND_CALL_OWN: &[&str] = &["phone_number"];

/// Validate a `POST /v1/calls` body.
pub fn validate_send_call(req: &SendCallRequest, ctx: &Context, report: &mut Report) {
    let root = Path::root();
    match &req.phone_number {
        Some(n) => {
            rules::check_phone(n, &root.field("phone_number"), report);
        }
        None => report.error(
            IssueCode::Required,
            "phone_number",
            "phone_number is required",
        ),
    }
    if req.pathway_id.is_none() {
        rules::require_text(
            req.task.as_ref(),
            &root.field("task"),
            "task (or pathway_id)",
            report,
        );
    }
    validate_call_options(&req.call_options(), &root, ctx, report);
    wire::check_extra(&req.extra, SEND_CALL_OWN, true, &root, report);
}

/// Read and validate a `POST /v1/calls` body from JSON, reporting every problem at once.
pub fn parse_send_call(value: Value, ctx: &Context) -> (Option<SendCallRequest>, Report) {
    json::parse_and_validate(value, |r: &SendCallRequest, rep| {
        validate_send_call(r, ctx, rep)
    })
}

impl SendCallRequest {
    /// The JSON body to POST (phone numbers in E.164, `extra` merged) and the validation report.
    /// Send only when `report.is_ok()`.
    pub fn to_wire_body(&self, ctx: &Context) -> (Value, Report) {
        let mut report = Report::new();
        validate_send_call(self, ctx, &mut report);
        let mut body = wire::to_object(self);
        wire::normalise_phone_at(&mut body, "phone_number");
        wire::normalise_call_option_phones(&mut body);
        wire::merge(&mut body, &self.extra, SEND_CALL_OWN, true, &Path::root());
        (Value::Object(body), report)
    }
}

/// `POST /v1/calls` response: `{"status":"success","message":"Call successfully queued.",
/// "call_id":"…","batch_id":null}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendCallResponse {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// The new call's id.
    #[serde(default)]
    pub call_id: Option<String>,
    /// Set when the call belongs to a batch.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// Validation errors on a 400.
    #[serde(default)]
    pub errors: Option<Vec<Value>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /v1/calls/{id}/stop` (and legacy batch stop) response:
/// `{"status":"success","message":"Call ended successfully."}`.
pub type StopCallResponse = super::envelope::StatusEnvelope;

/// `POST /v1/calls/{id}/analyze` and legacy `POST /v1/batches/{id}/analyze` body:
/// `{"goal": "...", "questions": [["Who answered?", "string"], …]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The overall purpose of the call(s), context for the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// `[question, answer type]` pairs. Elements are `Option` so a malformed element is reported
    /// once at its own index without shifting the ones after it.
    #[serde(default)]
    pub questions: Vec<Option<AnalysisQuestion>>,
}

/// `[question, type]`, e.g. `["Did they agree to renew?", "boolean"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
pub struct AnalysisQuestion(pub String, pub String);

/// Validate an analyze body.
pub fn validate_analyze(req: &AnalyzeRequest, report: &mut Report) {
    if req.questions.is_empty() {
        report.error(
            IssueCode::Required,
            "questions",
            "at least one question is required",
        );
    }
    let at = Path::from("questions");
    for (i, q) in req.questions.iter().enumerate() {
        match q {
            None => report.error(
                IssueCode::Required,
                at.index(i),
                "expected a [question, type] pair",
            ),
            Some(AnalysisQuestion(text, kind)) => {
                rules::require_text(
                    Some(text),
                    &at.index(i).index(0),
                    "the question text",
                    report,
                );
                rules::require_text(Some(kind), &at.index(i).index(1), "the answer type", report);
            }
        }
    }
}

/// Read and validate an analyze body from JSON.
pub fn parse_analyze(value: Value) -> (Option<AnalyzeRequest>, Report) {
    json::parse_and_validate(value, validate_analyze)
}

/// `POST /v1/calls/{id}/analyze` response:
/// `{"status":"success","message":"Successfully analyzed call","answers":[…]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalyzeCallResponse {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// One answer per question, in order.
    #[serde(default)]
    pub answers: Option<Vec<Value>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Query of `GET /v1/calls` (list). All filters optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct ListCallsQuery {
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
    /// Sort column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<String>,
    /// Calls created on or after (date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Calls created on or before (date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Calls created on this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Time zone the dates are in (IANA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Caller number filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_number: Option<String>,
    /// Callee number filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_number: Option<String>,
    /// Only calls of this batch (how v2 batches expose per-call status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// Only finished / unfinished calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    /// Other filters, sent verbatim.
    #[serde(default, skip_serializing)]
    pub extra: Extra,
}

/// Validate a list query.
pub fn validate_list_calls(q: &ListCallsQuery, report: &mut Report) {
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
    if let Some(tz) = &q.timezone {
        rules::check_timezone(tz, &Path::from("timezone"), report);
    }
    for (name, n) in [("from_number", &q.from_number), ("to_number", &q.to_number)] {
        if let Some(n) = n {
            rules::check_phone(n, &Path::from(name), report);
        }
    }
    wire::check_extra(&q.extra, LIST_CALLS_FIELDS, false, &Path::root(), report);
}

const LIST_CALLS_FIELDS: &[&str] = &[
    "from",
    "to",
    "limit",
    "ascending",
    "sort_by",
    "start_date",
    "end_date",
    "created_at",
    "timezone",
    "from_number",
    "to_number",
    "batch_id",
    "completed",
];

impl ListCallsQuery {
    /// Query parameters in order (values as Bland expects them: numbers and booleans as text,
    /// phone filters in E.164 when valid). Not percent-encoded: the transport does that.
    pub fn to_query_pairs(&self) -> Vec<(String, String)> {
        let body = wire::to_object(self);
        let mut out = Vec::with_capacity(body.len() + self.extra.len());
        for (k, v) in body.iter().chain(self.extra.iter()) {
            let text = match v {
                Value::String(s) if k == "from_number" || k == "to_number" => {
                    rules::normalise_phone(s).map_or_else(|_| s.clone(), String::from)
                }
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push((k.clone(), text));
        }
        out
    }
}

/// `GET /v1/calls` response: `{"total_count": n, "count": n, "calls": [...]}`. The list entries
/// are call objects with fewer fields; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListCallsResponse {
    /// Calls matching the filters.
    #[serde(default)]
    pub total_count: Option<u64>,
    /// Calls in this page.
    #[serde(default)]
    pub count: Option<u64>,
    /// The calls.
    #[serde(default)]
    pub calls: Vec<CallDetails>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
