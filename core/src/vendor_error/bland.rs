//! Bland.ai error envelopes (VENDORS.md §1.0, §1.1 "Error Codes Reference").
//!
//! Two envelopes coexist: the legacy `{"status":"error","message":...,"errors":[...]}` and the newer
//! `{"data":...,"errors":[{"error":"CODE","message":...}]}`; a third, `{"error":"..."}`, appears on some
//! 400/418 answers. The legacy envelope carries no machine code, and several different refusals share
//! HTTP 429, so callplane derives a stable `vendor_code` from the documented message — most
//! importantly to tell "every 10 seconds to the same number" (retry later) from "blacklisted" (never).

use super::{RetryClass, VendorError, VendorErrorKind, from_status_only, header};
use crate::Vendor;
use serde_json::Value;

/// `None` when the response is a success; otherwise the error in callplane's shape.
pub fn parse_error(status: u16, headers: &[(String, String)], body: &[u8]) -> Option<VendorError> {
    let request_id = header(headers, "x-request-id").map(str::to_owned);
    let ok_status = (200..300).contains(&status);
    let json: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) if ok_status => return None,
        Err(_) => return Some(from_status_only(Vendor::Bland, status, body, request_id)),
    };
    let obj = json.as_object();
    let get_str = |k: &str| obj.and_then(|o| o.get(k)).and_then(Value::as_str);

    let mut code: Option<String> = None;
    let mut message: Option<String> = None;
    let mut details = Vec::new();
    let mut is_error = !ok_status;

    if let Some(errors) = obj.and_then(|o| o.get("errors")).and_then(Value::as_array) {
        for e in errors {
            match e {
                // {data, errors:[{error, message}]}
                Value::Object(eo) => {
                    let c = eo.get("error").and_then(Value::as_str);
                    let m = eo.get("message").and_then(Value::as_str);
                    if code.is_none() {
                        code = c.map(str::to_owned);
                    }
                    if message.is_none() {
                        message = m.map(str::to_owned);
                    }
                    details.push(m.or(c).unwrap_or_default().to_owned());
                }
                // {status:"error", message, errors:["Missing required parameter: phone_number."]}
                Value::String(s) => details.push(s.clone()),
                _ => {}
            }
        }
        if !errors.is_empty() {
            is_error = true;
        }
    }
    if get_str("status") == Some("error") {
        is_error = true;
    }
    if let Some(m) = get_str("message")
        && (is_error || message.is_none())
    {
        // The legacy envelope's message is the main text; the data envelope's is in errors[0].
        if message.is_none() || get_str("status") == Some("error") {
            message = Some(m.to_owned());
        }
    }
    if let Some(e) = get_str("error") {
        // {"error":"OBJECTIVE_VALIDATION_ERROR"} or {"error":"Invalid phone number format"}
        is_error = true;
        if is_code_like(e) {
            code.get_or_insert_with(|| e.to_owned());
        } else {
            message.get_or_insert_with(|| e.to_owned());
        }
    }
    if !is_error {
        return None;
    }

    let message = message
        .or_else(|| details.first().cloned())
        .unwrap_or_else(|| format!("HTTP {status}"));
    let (derived, kind, retry, retry_after_ms) = classify(status, code.as_deref(), &message);
    Some(VendorError {
        vendor: Vendor::Bland,
        kind,
        vendor_code: code.unwrap_or_else(|| derived.to_owned()),
        message,
        http_status: status,
        request_id,
        retry,
        retry_after_ms,
        details,
    })
}

fn is_code_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Bland's documented refusals, matched on their message (lower-cased), most specific first.
/// (derived code, kind, retry class, retry after ms)
const BY_MESSAGE: &[(&str, &str, VendorErrorKind, RetryClass, Option<u64>)] = &[
    (
        "every 10 seconds to the same number",
        "RATE_LIMIT_SAME_NUMBER",
        VendorErrorKind::RateLimited,
        RetryClass::Retryable,
        Some(10_000),
    ),
    (
        "blacklisted",
        "BLACKLISTED",
        VendorErrorKind::Blocked,
        RetryClass::Final,
        None,
    ),
    (
        "rate limit exceeded for newly created accounts",
        "NEW_ACCOUNT_RATE_LIMIT",
        VendorErrorKind::RateLimited,
        RetryClass::Retryable,
        None,
    ),
    // A limit of the account *type*: waiting does not lift it, upgrading does.
    (
        "international rate limit exceeded",
        "INTERNATIONAL_RATE_LIMIT",
        VendorErrorKind::RateLimited,
        RetryClass::Final,
        None,
    ),
    (
        "rate limit exceeded",
        "RATE_LIMIT",
        VendorErrorKind::RateLimited,
        RetryClass::Retryable,
        None,
    ),
    (
        "dnc list",
        "DNC",
        VendorErrorKind::Blocked,
        RetryClass::Final,
        None,
    ),
    (
        "do not call",
        "DNC",
        VendorErrorKind::Blocked,
        RetryClass::Final,
        None,
    ),
    (
        "sensitive number",
        "SENSITIVE_NUMBER",
        VendorErrorKind::Blocked,
        RetryClass::Final,
        None,
    ),
    (
        "flagged your account",
        "ACCOUNT_FLAGGED",
        VendorErrorKind::Permission,
        RetryClass::Final,
        None,
    ),
    (
        "insufficient balance",
        "INSUFFICIENT_BALANCE",
        VendorErrorKind::Payment,
        RetryClass::Final,
        None,
    ),
    (
        "no billing record",
        "NO_BILLING_RECORD",
        VendorErrorKind::Payment,
        RetryClass::Final,
        None,
    ),
    (
        "flagged node",
        "CONTENT_FLAGGED",
        VendorErrorKind::Rejected,
        RetryClass::Final,
        None,
    ),
    // Reported as HTTP 500, but it is the caller's BYOT key that is wrong: retrying cannot help.
    (
        "invalid `encrypted_key`",
        "INVALID_ENCRYPTED_KEY",
        VendorErrorKind::Auth,
        RetryClass::Final,
        None,
    ),
];

fn classify(
    status: u16,
    code: Option<&str>,
    message: &str,
) -> (&'static str, VendorErrorKind, RetryClass, Option<u64>) {
    let lower = message.to_ascii_lowercase();
    for (needle, derived, kind, retry, after) in BY_MESSAGE {
        if lower.contains(needle) {
            return (derived, *kind, *retry, *after);
        }
    }
    if code == Some("AUTH_FAILURE") {
        return (
            "AUTH_FAILURE",
            VendorErrorKind::Auth,
            RetryClass::Final,
            None,
        );
    }
    match status {
        400 | 418 | 422 => (
            "INVALID_PARAMETERS",
            VendorErrorKind::InvalidRequest,
            RetryClass::Final,
            None,
        ),
        401 => (
            "AUTH_FAILURE",
            VendorErrorKind::Auth,
            RetryClass::Final,
            None,
        ),
        402 => (
            "PAYMENT_REQUIRED",
            VendorErrorKind::Payment,
            RetryClass::Final,
            None,
        ),
        403 => (
            "FORBIDDEN",
            VendorErrorKind::Permission,
            RetryClass::Final,
            None,
        ),
        404 => (
            "NOT_FOUND",
            VendorErrorKind::NotFound,
            RetryClass::Final,
            None,
        ),
        408 | 429 => (
            "RATE_LIMIT",
            VendorErrorKind::RateLimited,
            RetryClass::Retryable,
            None,
        ),
        500..=599 => (
            "SERVER_ERROR",
            VendorErrorKind::Server,
            RetryClass::Retryable,
            None,
        ),
        // 2xx with {"status":"error"}: the request was understood and refused.
        _ => ("ERROR", VendorErrorKind::Rejected, RetryClass::Final, None),
    }
}
