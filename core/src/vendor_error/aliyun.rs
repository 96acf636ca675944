//! Alibaba Cloud (POP gateway + dyvms business) error bodies (VENDORS.md §2.2, §2.3).
//!
//! Success is `"Code":"OK"`. Anything else is an error *whatever the HTTP status*: gateway errors come
//! with 4xx/5xx, business `isv.*` errors usually with 200. Older SDKs and some bodies use lower-case
//! keys (`code`, `message`, `requestId`), so both spellings are read.

use super::{RetryClass, VendorError, VendorErrorKind, from_status_only, header};
use crate::Vendor;
use serde_json::Value;

/// `None` when the response is a success; otherwise the error in callplane's shape.
pub fn parse_error(status: u16, headers: &[(String, String)], body: &[u8]) -> Option<VendorError> {
    let header_id = header(headers, "x-acs-request-id").map(str::to_owned);
    let json: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) if (200..300).contains(&status) => {
            // A 2xx that is not JSON is not a dyvms answer we understand.
            return Some(from_status_only(Vendor::Aliyun, 502, body, header_id)).map(|mut e| {
                e.http_status = status;
                e.vendor_code = "InvalidResponse".into();
                e
            });
        }
        Err(_) => return Some(from_status_only(Vendor::Aliyun, status, body, header_id)),
    };
    let field = |a: &str, b: &str| {
        json.get(a)
            .or_else(|| json.get(b))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let code = field("Code", "code");
    let request_id = field("RequestId", "requestId").or(header_id);
    match code.as_deref() {
        Some("OK") if (200..300).contains(&status) => None,
        // A 2xx without any Code is a query API whose body is the data itself; only the status
        // decides then.
        None if (200..300).contains(&status) => None,
        _ => {
            let code = code.unwrap_or_else(|| format!("HTTP_{status}"));
            let message = field("Message", "message").unwrap_or_else(|| code.clone());
            let (kind, retry, retry_after_ms) = classify(&code, status);
            Some(VendorError {
                vendor: Vendor::Aliyun,
                kind,
                vendor_code: code,
                message,
                http_status: status,
                request_id,
                retry,
                retry_after_ms,
                details: Vec::new(),
            })
        }
    }
}

/// Kind and retry class of an Alibaba code.
pub fn classify(code: &str, status: u16) -> (VendorErrorKind, RetryClass, Option<u64>) {
    use RetryClass::*;
    use VendorErrorKind::*;
    match code {
        // Re-signing gives a fresh nonce/timestamp, so these are safe to retry (the official Go SDK
        // once retried with the same nonce and got SignatureNonceUsed forever: alibaba-cloud-sdk-go#39).
        "SignatureNonceUsed" | "InvalidTimeStamp.Expired" => (Auth, Retryable, None),
        "SignatureDoesNotMatch"
        | "IncompleteSignature"
        | "InvalidAccessKeyId.NotFound"
        | "InvalidAccessKeyId.Inactive"
        | "InvalidSecurityToken.Expired"
        | "InvalidSecurityToken.Malformed"
        | "InvalidSecurityToken.MismatchWithAccessKey"
        | "InvalidSignatureMethod"
        | "MissingSignature"
        | "InvalidTimeStamp.Format" => (Auth, Final, None),
        "isp.RAM_PERMISSION_DENY" | "Forbidden.RAM" | "Forbidden" | "isv.ACCOUNT_ABNORMAL" => {
            (Permission, Final, None)
        }
        // Per-number business flow control: 1/min, 5/hour, 20/day per caller number (§2.3); the
        // earliest useful retry is a minute away.
        "isv.BUSINESS_LIMIT_CONTROL" => (RateLimited, Retryable, Some(60_000)),
        c if c.starts_with("Throttling") => (RateLimited, Retryable, None),
        "InternalError" | "ServiceUnavailable" | "isp.SYSTEM_ERROR" => (Server, Retryable, None),
        "isv.AMOUNT_NOT_ENOUGH" | "isv.OUT_OF_SERVICE" => (Payment, Final, None),
        "isv.PRODUCT_UN_SUBSCRIPT" | "isv.PRODUCT_UNSUBSCRIBE" | "isv.ACCOUNT_NOT_EXISTS" => {
            (Permission, Final, None)
        }
        "isv.BLACK_KEY_CONTROL_LIMIT" | "isv.COMPLAINT_REJECT" | "isv.HIT_VOICE_SECURITY_RULE" => {
            (Blocked, Final, None)
        }
        "isv.VOICE_ROBOT_NOT_PERIOD" | "isv.VOICE_CALL_PERIOD_ERROR" | "isv.VOICE_CALL_FAIL" => {
            (Rejected, Final, None)
        }
        "isv.BILLID_NOT_EXIST" | "InvalidApi.NotFound" => (NotFound, Final, None),
        "InvalidAction.NotFound" => (NotFound, Final, None),
        c if c.starts_with("isv.") => (InvalidRequest, Final, None),
        c if c.starts_with("Missing")
            || c.starts_with("InvalidParameter")
            || c.starts_with("Invalid")
            || c == "UnsupportedHTTPMethod" =>
        {
            (InvalidRequest, Final, None)
        }
        _ => match status {
            500..=599 => (Server, Retryable, None),
            429 => (RateLimited, Retryable, None),
            _ => (Unknown, Final, None),
        },
    }
}
