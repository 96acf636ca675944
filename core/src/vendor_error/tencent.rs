//! Tencent Cloud API 3.0 error envelope (VENDORS.md §3.1; ccc codes from the CreateAICall seed and
//! tencentcloud-sdk-go `ccc/v20200210/errors.go`).
//!
//! Errors arrive as `{"Response":{"Error":{"Code","Message"},"RequestId"}}`, normally under HTTP 200,
//! so the presence of `Response.Error` decides, whatever the status.

use super::{RetryClass, VendorError, VendorErrorKind, from_status_only, header};
use crate::Vendor;
use serde_json::Value;

/// `None` when the response is a success; otherwise the error in callplane's shape.
pub fn parse_error(status: u16, headers: &[(String, String)], body: &[u8]) -> Option<VendorError> {
    let header_id = header(headers, "x-tc-requestid").map(str::to_owned);
    let json: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => {
            let mut e = from_status_only(
                Vendor::Tencent,
                if (200..300).contains(&status) {
                    502
                } else {
                    status
                },
                body,
                header_id,
            );
            e.http_status = status;
            return Some(e);
        }
    };
    let response = json.get("Response");
    let request_id = response
        .and_then(|r| r.get("RequestId"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or(header_id);
    let error = response.and_then(|r| r.get("Error"));
    match (error, response) {
        (Some(err), _) => {
            let code = err
                .get("Code")
                .and_then(Value::as_str)
                .unwrap_or("InternalError")
                .to_owned();
            let message = err
                .get("Message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let (kind, retry, retry_after_ms) = classify(&code);
            Some(VendorError {
                vendor: Vendor::Tencent,
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
        (None, Some(_)) if (200..300).contains(&status) => None,
        _ => {
            let mut e = from_status_only(Vendor::Tencent, status, body, request_id);
            if (200..300).contains(&status) {
                e.kind = VendorErrorKind::Unknown;
                e.vendor_code = "InvalidResponse".into();
                e.message = "response has no `Response` object".into();
            }
            Some(e)
        }
    }
}

/// Kind and retry class of a Tencent code.
pub fn classify(code: &str) -> (VendorErrorKind, RetryClass, Option<u64>) {
    use RetryClass::*;
    use VendorErrorKind::*;
    match code {
        // The timestamp was too old when it arrived: a fresh signature fixes it.
        "AuthFailure.SignatureExpire" => (Auth, Retryable, None),
        c if c.starts_with("AuthFailure") => (Auth, Final, None),
        c if c.starts_with("RequestLimitExceeded") => (RateLimited, Retryable, None),
        // Per-caller-number and per-callee spacing rules: wait, then it passes.
        "FailedOperation.CallerOverFrequency"
        | "FailedOperation.CalloutRuleMaxCallCountCalleeIntervalTime" => {
            (RateLimited, Retryable, Some(60_000))
        }
        // A daily cap: not today.
        "FailedOperation.CalloutRuleMaxCallCountCalleePerDayAppID" => (RateLimited, Final, None),
        "FailedOperation.CalleeIsBlackUser"
        | "FailedOperation.CalleeIsLimited"
        | "FailedOperation.CalloutRuleBlindArea"
        | "OperationDenied.NotInWhiteList" => (Blocked, Final, None),
        "FailedOperation.CalloutRuleNotWorkTime"
        | "FailedOperation.NoCallOutNumber"
        | "FailedOperation.CallOutFailed"
        | "FailedOperation.SeatStatusBusy"
        | "FailedOperation.CurStateNotAllowModify" => (Rejected, Final, None),
        "FailedOperation.PermissionDenied"
        | "UnauthorizedOperation"
        | "OperationDenied.UinDisabled"
        | "IpInBlacklist"
        | "IpNotInWhitelist" => (Permission, Final, None),
        c if c.starts_with("UnauthorizedOperation") || c.starts_with("OperationDenied") => {
            (Permission, Final, None)
        }
        "LimitExceeded.BasePackageExpired" => (Payment, Final, None),
        "InvalidParameterValue.InstanceNotExist"
        | "InvalidParameter.InstanceNotExist"
        | "InvalidParameterValue.RecordNotExist"
        | "InvalidParameterValue.AccountNotExist"
        | "ResourceNotFound" => (NotFound, Final, None),
        c if c.starts_with("ResourceNotFound") => (NotFound, Final, None),
        "InternalError" | "ServiceUnavailable" => (Server, Retryable, None),
        c if c.starts_with("InternalError") => (Server, Retryable, None),
        c if c.starts_with("InvalidParameter")
            || c.starts_with("MissingParameter")
            || c.starts_with("UnknownParameter")
            || c.starts_with("InvalidAction")
            || c.starts_with("InvalidRequest")
            || c.starts_with("Unsupported")
            || c.starts_with("NoSuch")
            || c == "ActionOffline"
            || c == "RequestSizeLimitExceeded"
            || c == "ResponseSizeLimitExceeded"
            || c == "DryRunOperation" =>
        {
            (InvalidRequest, Final, None)
        }
        c if c.starts_with("LimitExceeded") => (RateLimited, Final, None),
        // The resource exists but is in a state that refuses this (in use, isolated, exhausted).
        "FailedOperation" | "ResourceInUse" | "ResourceInsufficient" | "ResourceUnavailable" => {
            (Rejected, Final, None)
        }
        c if c.starts_with("FailedOperation") => (Rejected, Final, None),
        _ => (Unknown, Final, None),
    }
}
