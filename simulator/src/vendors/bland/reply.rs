//! Bland's answers, in its two envelopes (VENDORS.md §1.0, §1.1 "Error Codes Reference"):
//! legacy `{"status":"error","message":...,"errors":[...]}` on v1 endpoints, and
//! `{"data":null,"errors":[{"error":CODE,"message":...}]}` on v2 endpoints and every 401.

use super::routes::Envelope;
use crate::faults::InjectedError;
use crate::http::Reply;
use callplane_core::issue::Report;
use serde_json::{Value, json};

/// `{"status":"error","message":...}` with `status`.
pub fn error_reply(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({"status": "error", "message": message}))
}

/// An error in the endpoint's envelope; `code` is used by the data envelope only.
pub fn error(env: Envelope, status: u16, code: &str, message: &str) -> Reply {
    match env {
        Envelope::Status => error_reply(status, message),
        Envelope::Data => Reply::json(
            status,
            &json!({"data": null, "errors": [{"error": code, "message": message}]}),
        ),
    }
}

/// 401, identical on every endpoint (Bland documents this body for a missing or wrong key).
pub fn auth_failure() -> Reply {
    Reply::json(
        401,
        &json!({"data": null, "errors": [{"error": "AUTH_FAILURE", "message": "Unauthorized"}]}),
    )
}

pub fn not_found(env: Envelope, message: &str) -> Reply {
    error(env, 404, "NOT_FOUND", message)
}

pub fn method_not_allowed(env: Envelope, method: &str, path: &str, allowed: &[&str]) -> Reply {
    error(
        env,
        405,
        "METHOD_NOT_ALLOWED",
        &format!("Method {method} is not allowed on {path}"),
    )
    .with_header("allow", &allowed.join(", "))
}

/// 400 listing the core's error messages (`call_data[3].phone_number: …`); warnings are not
/// refusals and are left out.
pub fn invalid(env: Envelope, report: &Report) -> Reply {
    let messages: Vec<String> = report.errors().map(ToString::to_string).collect();
    invalid_messages(env, messages)
}

pub fn invalid_messages(env: Envelope, messages: Vec<String>) -> Reply {
    match env {
        Envelope::Status => Reply::json(
            400,
            &json!({"status": "error", "message": "Invalid parameters", "errors": messages}),
        ),
        Envelope::Data => {
            let errors: Vec<Value> = messages
                .into_iter()
                .map(|m| json!({"error": "INVALID_INPUT", "message": m}))
                .collect();
            Reply::json(400, &json!({"data": null, "errors": errors}))
        }
    }
}

/// The body as JSON: an empty body reads as `{}` (so the validator names every required field);
/// anything that is not JSON (or not UTF-8) is a 400, never a 500.
pub fn body_json(env: Envelope, body: &[u8]) -> Result<Value, Reply> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|e| invalid_messages(env, vec![format!("Request body is not valid JSON: {e}")]))
}

/// A fault rule's error: `error_status` (default 500) and `error_message` in the envelope.
pub fn injected(env: Envelope, e: &InjectedError) -> Reply {
    let status = e.status.filter(|s| (400..=599).contains(s)).unwrap_or(500);
    let message = e
        .message
        .clone()
        .unwrap_or_else(|| "Internal server error".to_owned());
    let code = e.code.clone().unwrap_or_else(|| match status {
        429 => "RATE_LIMITED".to_owned(),
        s if s >= 500 => "INTERNAL_SERVER_ERROR".to_owned(),
        _ => "ERROR".to_owned(),
    });
    error(env, status, &code, &message)
}

/// `{"data": data, "errors": null}`.
pub fn data(value: Value) -> Reply {
    Reply::json(200, &json!({"data": value, "errors": null}))
}

/// A gap in the core's reading, closed here until the core closes it: serde reads a JSON *array*
/// into a struct positionally, so `"retry": []` or `"voicemail": ["hangup"]` would pass as options
/// objects. Bland documents these as objects; refuse arrays where an options object belongs (top
/// level, v2 `global` and each call object).
pub fn arrays_for_objects(env: Envelope, body: &Value) -> Result<(), Reply> {
    fn check(at: &str, v: &Value, out: &mut Vec<String>) {
        let Some(o) = v.as_object() else { return };
        for key in ["voicemail", "retry"] {
            if o.get(key).is_some_and(Value::is_array) {
                out.push(format!("{at}{key}: expected an object, got an array"));
            }
        }
        if o.get("voicemail")
            .and_then(|vm| vm.get("sms"))
            .is_some_and(Value::is_array)
        {
            out.push(format!(
                "{at}voicemail.sms: expected an object, got an array"
            ));
        }
        if let Some(Value::Array(guide)) = o.get("pronunciation_guide") {
            for (i, g) in guide.iter().enumerate() {
                if g.is_array() {
                    out.push(format!(
                        "{at}pronunciation_guide[{i}]: expected an object, got an array"
                    ));
                }
            }
        }
    }
    let mut problems = Vec::new();
    check("", body, &mut problems);
    if let Some(g) = body.get("global") {
        check("global.", g, &mut problems);
    }
    if let Some(Value::Array(objs)) = body.get("call_objects") {
        for (i, o) in objs.iter().enumerate() {
            check(&format!("call_objects[{i}]."), o, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(invalid_messages(env, problems))
    }
}
