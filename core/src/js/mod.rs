//! The JS-facing pure API, shared by the wasm binding (`@callplane/wasm`) and the Node addon: every
//! function takes and returns JSON ([`serde_json::Value`]) in JS names, so a binding only converts
//! values and turns errors into JS `Error`s with [`error_to_js`].
//!
//! | JS | here |
//! | --- | --- |
//! | `operations()` | [`operations`] |
//! | `validate(operation, input, {nowMs})` | [`validate`] |
//! | `buildRequest(operation, credentials, input, {nowMs, nonce})` | [`build_request`] |
//! | `parseResponse(operation, {status, headers, body})` | [`parse_response`] |
//! | `preflightBlandBatch(batch, {nowMs, rows})` | [`preflight_bland_batch`]; the bindings call [`preflight_bland_batch_text_columns`] (the batch's JSON text read row by row, the result in columns for their JS wrappers) |
//! | `preflightBlandCsv(batch, csvText, {nowMs, rows, phoneColumn})` | [`preflight_bland_csv`]; the bindings call [`preflight_bland_csv_columns`] (the CSV read record by record into the same checks, see [`crate::csv`]) |
//! | `checkCampaign(campaign, vendor, {nowMs})`, `planCampaign(campaign, vendor, {nowMs})` | [`check_campaign`], [`plan_campaign`] |
//! | `templateVariables`, `renderTemplate`, `renderBatch`, `checkTemplate` | [`template_variables`], [`render_template`], [`render_batch`], [`check_template`] |
//! | `normalizePhone(vendor, input)` | [`normalize_phone`] |
//! | `signBlandWebhook`, `verifyBlandWebhook` | [`sign_bland_webhook`], [`verify_bland_webhook`] |
//! | `signRequest(credentials, request, {nowMs, nonce})`, `signRequests(credentials, requests, {nowMs})` | [`sign_request`], [`sign_requests`] |
//!
//! **Names.** Field names are camelCase ([`names::to_js`]: `phone_number` → `phoneNumber`,
//! `LLMType` → `llmType`, `CustomTTSConfig` → `customTtsConfig`); inputs are mapped back through
//! each operation's table ([`shape`], proved complete against the models), and free-form data —
//! `call_data` variables, `request_data`, `metadata`, `extra`, `LLMExtraBody`… — keeps its keys.
//! Issue paths come back in JS names (`callData[3].phoneNumber`); messages quote the vendors' wire
//! names, as their documentation does. Enum *values* (`"openai"`, `"leave_message"`, issue codes)
//! are never renamed. Operation names: Bland's in camelCase (`bland.sendCall`), Alibaba's and
//! Tencent's the vendor's action with a lower-case first letter (`aliyun.batchRobotSmartCall`,
//! `tencent.createAICall`), as their own SDKs name methods.
//!
//! **Errors.** Validators return `{ok, issues}`; everything else fails with one error shape
//! ([`error_to_js`]) whose `code` is [`crate::Error::code`]. A bad argument (wrong type, unknown
//! option) is `validation_failed` with an issue naming the argument (`options.nowMs`).
//!
//! **Clock and nonce.** The core still reads neither: `nowMs` and `nonce` come from the caller's
//! options, or else from the binding's [`Host`].

mod args;
mod batch;
mod campaign;
mod client;
mod error;
pub mod names;
mod request;
pub(crate) mod schema;
pub mod shape;
mod sign;
mod text;

#[cfg(test)]
mod tests;

pub use args::{arg_from_json_text, arg_not_json};
pub use batch::{
    CsvTextProblem, DEFAULT_PHONE_COLUMNS, PreflightColumns, PreflightCsvColumns, csv_text_error,
    preflight_bland_batch, preflight_bland_batch_columns, preflight_bland_batch_json,
    preflight_bland_batch_text_columns, preflight_bland_batch_text_json, preflight_bland_csv,
    preflight_bland_csv_columns,
};
pub use campaign::{check_campaign, plan_campaign};
pub use client::{error_to_js_names, input_to_wire, parsed_to_js, report_to_js_names};
pub use error::{error_to_js, issue_to_js, issues_to_js};
pub use request::{build_request, parse_response};
pub use sign::{sign_request, sign_requests, signing_client, signing_headers};
pub use text::{
    check_template, normalize_phone, render_batch, render_template, sign_bland_webhook,
    template_variables, verify_bland_webhook,
};

use crate::api::registry::{self, Operation};
use crate::issue::{IssueCode, Path, Report};
use crate::{Context, Error};
use serde_json::{Map, Value};

/// What a binding provides from its platform. Used only when the caller's options leave the value
/// out, so tests and reproducible builds can pass their own.
pub trait Host {
    /// Now, in Unix milliseconds.
    fn now_ms(&self) -> i64;
    /// A fresh random nonce for one request (a UUID v4 is ideal).
    fn nonce(&self) -> String;
}

/// The JS name of `op` (see the module docs).
pub fn operation_name(op: Operation) -> String {
    names::operation_js_name(op.name())
}

/// The operation called `name` in JS, or a `validation_failed` error at `operation` listing them.
pub fn operation(name: &Value) -> crate::Result<Operation> {
    let name = args::string(name, "operation")?;
    if let Some(op) = Operation::ALL
        .iter()
        .copied()
        .find(|op| operation_name(*op) == name)
    {
        return Ok(op);
    }
    let hint = match Operation::from_name(name) {
        Some(op) => format!("write `{}`", operation_name(op)),
        None => {
            let all: Vec<String> = Operation::ALL.iter().map(|o| operation_name(*o)).collect();
            format!("one of {}", all.join(", "))
        }
    };
    Err(args::invalid(
        IssueCode::InvalidEnum,
        "operation",
        format!("unknown operation `{name}`; {hint}"),
    ))
}

/// `operations()`: `[{name, vendor, createsCalls}]` for every operation.
pub fn operations() -> Value {
    Value::Array(
        Operation::ALL
            .iter()
            .map(|op| {
                let mut m = Map::new();
                m.insert("name".into(), Value::from(operation_name(*op)));
                m.insert("vendor".into(), Value::from(op.vendor().as_str()));
                m.insert("createsCalls".into(), Value::from(op.creates_calls()));
                Value::Object(m)
            })
            .collect(),
    )
}

/// The shape of `op`'s JS input: which keys are fields (renamed) and which are data. Public for
/// tools outside the core (the TypeScript generator's drift test).
pub fn input_shape(op: Operation) -> shape::Shape {
    schema::input(op)
}

/// The fields of `op`'s answer whose values keep their keys in JS (user data such as Bland's
/// `metadata`); see [`shape::output_to_js`].
pub fn output_free_fields(op: Operation) -> &'static [&'static str] {
    schema::output_free(op)
}

/// Map a JS input to wire names. Problems of the mapping itself (unknown fields, wire names used
/// in JS) are pushed to `report` at their JS paths.
pub(crate) fn to_wire(op: Operation, input: Value, report: &mut Report) -> Value {
    shape::input_to_wire(schema::input(op), input, &Path::root(), report)
}

/// A report from the core with its paths rewritten in JS names.
pub(crate) fn report_to_js(shape: shape::Shape, report: Report) -> Report {
    Report {
        issues: report
            .issues
            .into_iter()
            .map(|mut i| {
                i.path = Path::from(shape::path_to_js(shape, i.path.as_str()));
                i
            })
            .collect(),
    }
}

/// An error from the core with its validation paths in JS names.
pub(crate) fn error_paths_to_js(shape: shape::Shape, e: Error) -> Error {
    match e {
        Error::Validation(r) => Error::Validation(report_to_js(shape, r)),
        other => other,
    }
}

/// `{ok, issues}`: `ok` when no issue is an error.
pub(crate) fn verdict(report: &Report) -> Value {
    let mut m = Map::new();
    m.insert("ok".into(), Value::from(report.is_ok()));
    m.insert("issues".into(), issues_to_js(report));
    Value::Object(m)
}

/// `validate(operation, input, {nowMs})` → `{ok, issues: [{severity, code, path, message}]}`:
/// every problem at once, paths in JS names. Throws only for a bad `operation` or `options`.
pub fn validate(
    operation_name: &Value,
    input: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let op = operation(operation_name)?;
    let options = args::Options::read(options, false, host)?;
    let mut report = Report::new();
    let wire = to_wire(op, input, &mut report);
    let core = registry::validate(op, wire, &Context::at(options.now_ms));
    report.extend(report_to_js(schema::input(op), core));
    Ok(verdict(&report))
}
