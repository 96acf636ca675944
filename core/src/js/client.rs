//! The facade for a binding that sends requests itself (the Node addon's clients): one
//! operation's JS input in wire names, refused with every problem at JS paths; a core error with
//! its paths in JS names; and a vendor answer in JS names with the raw body kept. The pure
//! functions (`validate`, `buildRequest`, `parseResponse`) are made of the same pieces, so a
//! client method and its pure twin report the same issues at the same paths.

use super::{error_paths_to_js, report_to_js, schema, shape, to_wire};
use crate::api::Parsed;
use crate::api::registry::{self, Operation};
use crate::issue::Report;
use crate::{Context, Error};
use serde_json::{Map, Value};

/// `op`'s JS input in wire names, ready for [`registry::build`]. When the mapping itself finds
/// problems (unknown fields, a wire name written instead of its JS name), the core validates
/// what could be mapped too, so the `validation_failed` error lists every problem at once; the
/// core's validation otherwise runs when the request is built.
///
/// `prior` holds problems the binding found while reading the JS value (paths in JS names, e.g.
/// a lone surrogate); they refuse the input the same way, and the core's issues at those paths
/// are left out (they would only restate that the part is missing).
pub fn input_to_wire(
    op: Operation,
    input: Value,
    prior: Report,
    ctx: &Context,
) -> crate::Result<Value> {
    let mut report = prior;
    let read_errors = report.has_errors();
    let wire = to_wire(op, input, &mut report);
    if !report.has_errors() {
        return Ok(wire);
    }
    if wire.is_object() {
        let core = report_to_js(schema::input(op), registry::validate(op, wire, ctx));
        for issue in core.issues {
            let restated = read_errors && report.issues.iter().any(|i| i.path == issue.path);
            if issue.severity == crate::Severity::Error && !restated {
                report.push(issue);
            }
        }
    }
    Err(Error::Validation(report))
}

/// A core error about `op`'s input (from [`registry::build`]) with its issue paths in JS names.
pub fn error_to_js_names(op: Operation, e: Error) -> Error {
    error_paths_to_js(schema::input(op), e)
}

/// A report about `op`'s input (e.g. the warnings of a built request) with paths in JS names.
pub fn report_to_js_names(op: Operation, report: Report) -> Report {
    report_to_js(schema::input(op), report)
}

/// A parsed vendor answer as JS sees it: `{data, requestId, httpStatus, raw}`, where `data` is in
/// JS names (free-form user data keeps its keys) and `raw` is the body as the vendor sent it.
pub fn parsed_to_js(op: Operation, parsed: Parsed<Value>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "data".into(),
        shape::output_to_js(parsed.data, schema::output_free(op)),
    );
    m.insert(
        "requestId".into(),
        parsed.request_id.map_or(Value::Null, Value::String),
    );
    m.insert("httpStatus".into(), Value::from(parsed.http_status));
    m.insert("raw".into(), parsed.raw);
    m
}
