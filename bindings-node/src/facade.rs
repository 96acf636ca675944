//! The seam to the JS-facing facade, `callplane_core::js`, which another change is writing in
//! parallel: the camelCase ↔ wire-name mapping of operation inputs and outputs, and the JS error
//! shape that the wasm and Node packages share.
//!
//! Until that module is merged, the functions here pass the core's JSON through unchanged — inputs
//! and outputs use the vendors' wire names (`phone_number`, `SdkAppId`, `CalledShowNumber`), exactly
//! what `callplane_core::api::registry` reads and writes — and the error shape is built here from
//! the core error. At merge, each function's body becomes a call into `core::js`; nothing else in
//! the binding changes.

use callplane_core::Error;
use callplane_core::api::Parsed;
use callplane_core::api::registry::Operation;
use callplane_core::issue::Report;
use serde_json::{Map, Value, json};

/// JS input of `op` → the core's wire-name JSON. Currently the identity.
pub(crate) fn input_to_wire(_op: Operation, input: Value) -> Result<Value, Error> {
    Ok(input)
}

/// The core's parsed answer → what JS receives. Currently the identity.
pub(crate) fn output_from_wire(_op: Operation, parsed: Parsed<Value>) -> Parsed<Value> {
    parsed
}

/// Issues as JS objects: `{severity, code, path, message}` (paths in wire names).
pub(crate) fn issues(report: &Report) -> Value {
    Value::Array(
        report
            .issues
            .iter()
            .map(|i| {
                json!({
                    "severity": i.severity,
                    "code": i.code.as_str(),
                    "path": i.path.as_str(),
                    "message": i.message,
                })
            })
            .collect(),
    )
}

/// The JS error shape of a core error: every key always present (`null` when unknown), so callers
/// can branch on `code` and `retryClass` without existence checks.
pub(crate) fn error_payload(error: &Error) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("code".into(), error.code().into());
    out.insert("message".into(), error.to_string().into());
    let (mut vendor, mut vendor_code, mut http_status, mut request_id) =
        (Value::Null, Value::Null, Value::Null, Value::Null);
    let (mut retry_after_ms, mut details, mut transport) = (Value::Null, Value::Null, Value::Null);
    match error {
        Error::Vendor(v) => {
            vendor = v.vendor.as_str().into();
            vendor_code = v.vendor_code.clone().into();
            http_status = v.http_status.into();
            request_id = v.request_id.clone().map_or(Value::Null, Value::String);
            retry_after_ms = v.retry_after_ms.map_or(Value::Null, Value::from);
            details = v.details.clone().into();
        }
        Error::Transport { failure, .. } => {
            transport = serde_json::to_value(failure).unwrap_or(Value::Null);
        }
        _ => {}
    }
    out.insert("vendor".into(), vendor);
    out.insert("vendorCode".into(), vendor_code);
    out.insert("httpStatus".into(), http_status);
    out.insert("requestId".into(), request_id);
    out.insert(
        "retryClass".into(),
        error
            .retry_class()
            .map_or(Value::Null, |c| c.as_str().into()),
    );
    out.insert("retryAfterMs".into(), retry_after_ms);
    out.insert(
        "issues".into(),
        error
            .report()
            .map_or_else(|| Value::Array(Vec::new()), issues),
    );
    out.insert("details".into(), details);
    out.insert("transport".into(), transport);
    out
}
