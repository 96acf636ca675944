//! The one JS-facing error shape, made from [`crate::Error`] by [`error_to_js`]:
//!
//! ```text
//! { code, message, vendor?, vendorCode?, httpStatus?, requestId?, retryClass?, retryAfterMs?,
//!   details?, issues?, line?, column?, transport? }
//! ```
//!
//! `code` is [`crate::Error::code`] (stable, snake_case); a binding turns this object into a real
//! JS `Error` with these properties. Nothing here reads a credential: vendor messages are the
//! vendor's, every other message is callplane's own and names fields, never their values.

use crate::Error;
use crate::issue::{Issue, Report};
use crate::vendor_error::{RetryClass, TransportFailure};
use serde_json::{Map, Value, json};

/// An issue as JS sees it: `{severity, code, path, message}` (the path already in JS names).
pub fn issue_to_js(i: &Issue) -> Value {
    let mut m = Map::with_capacity(4);
    m.insert("severity".into(), Value::from(severity(i)));
    m.insert("code".into(), Value::from(i.code.as_str()));
    m.insert("path".into(), Value::from(i.path.as_str()));
    m.insert("message".into(), Value::from(i.message.as_str()));
    Value::Object(m)
}

fn severity(i: &Issue) -> &'static str {
    match i.severity {
        crate::Severity::Error => "error",
        crate::Severity::Warning => "warning",
    }
}

/// Every issue of a report, in order.
pub fn issues_to_js(r: &Report) -> Value {
    Value::Array(r.issues.iter().map(issue_to_js).collect())
}

fn retry(m: &mut Map<String, Value>, class: Option<RetryClass>) {
    if let Some(c) = class {
        m.insert("retryClass".into(), Value::from(c.as_str()));
    }
}

/// The JS error object for `e`. Validation errors must already carry JS paths (the facade maps
/// them before wrapping).
pub fn error_to_js(e: &Error) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), Value::from(e.code()));
    m.insert("message".into(), Value::from(e.to_string()));
    match e {
        Error::Validation(r) => {
            m.insert("issues".into(), issues_to_js(r));
        }
        Error::Template(t) => {
            m.insert("line".into(), json!(t.line));
            m.insert("column".into(), json!(t.column));
        }
        Error::Vendor(v) => {
            m.insert("vendor".into(), Value::from(v.vendor.as_str()));
            m.insert("vendorCode".into(), Value::from(v.vendor_code.as_str()));
            m.insert("httpStatus".into(), json!(v.http_status));
            if let Some(id) = &v.request_id {
                m.insert("requestId".into(), Value::from(id.as_str()));
            }
            if let Some(ms) = v.retry_after_ms {
                m.insert("retryAfterMs".into(), json!(ms));
            }
            if !v.details.is_empty() {
                m.insert("details".into(), json!(v.details));
            }
        }
        Error::Verification(v) => {
            m.insert("vendorCode".into(), Value::from(v.vendor_code()));
        }
        Error::Transport { failure, .. } => {
            // Only a binding with its own transport (the Node clients) raises these: `not_sent`
            // (safe to resend) or `no_response` (the vendor may have acted).
            let name = match failure {
                TransportFailure::NotSent => "not_sent",
                TransportFailure::NoResponse => "no_response",
            };
            m.insert("transport".into(), Value::from(name));
        }
        Error::Phone(_) | Error::Json { .. } | Error::Signing(_) => {}
    }
    retry(&mut m, e.retry_class());
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::IssueCode;
    use crate::vendor_error::{VendorError, VendorErrorKind};
    use crate::{Vendor, phone};

    #[test]
    fn validation_errors_carry_every_issue() {
        let mut r = Report::new();
        r.error(
            IssueCode::Required,
            "callData[0].phoneNumber",
            "phone_number is required",
        );
        r.warning(IssueCode::Duplicate, "callData[1].phoneNumber", "dup");
        let v = error_to_js(&Error::Validation(r));
        assert_eq!(v["code"], "validation_failed");
        assert_eq!(v["issues"][0]["path"], "callData[0].phoneNumber");
        assert_eq!(v["issues"][1]["severity"], "warning");
        assert!(v.get("retryClass").is_none());
    }

    #[test]
    fn vendor_errors_carry_the_vendor_fields() {
        let e = Error::Vendor(VendorError {
            vendor: Vendor::Tencent,
            kind: VendorErrorKind::RateLimited,
            vendor_code: "RequestLimitExceeded".into(),
            message: "too many".into(),
            http_status: 200,
            request_id: Some("r-1".into()),
            retry: RetryClass::Retryable,
            retry_after_ms: Some(10_000),
            details: vec![],
        });
        let v = error_to_js(&e);
        assert_eq!(
            v,
            json!({
                "code": "vendor_rate_limited",
                "message": e.to_string(),
                "vendor": "tencent",
                "vendorCode": "RequestLimitExceeded",
                "httpStatus": 200,
                "requestId": "r-1",
                "retryAfterMs": 10000,
                "retryClass": "retryable"
            })
        );
    }

    #[test]
    fn transport_errors_say_whether_anything_was_sent() {
        for (failure, retry, code, name) in [
            (
                TransportFailure::NotSent,
                RetryClass::Retryable,
                "transport_not_sent",
                "not_sent",
            ),
            (
                TransportFailure::NoResponse,
                RetryClass::Ambiguous,
                "ambiguous_outcome",
                "no_response",
            ),
        ] {
            let v = error_to_js(&Error::Transport {
                failure,
                retry,
                message: "m".into(),
            });
            assert_eq!(
                (
                    v["code"].as_str(),
                    v["transport"].as_str(),
                    v["retryClass"].as_str()
                ),
                (Some(code), Some(name), Some(retry.as_str()))
            );
        }
    }

    #[test]
    fn phone_and_template_errors_keep_their_codes() {
        let p = phone::parse_for(Vendor::Bland, "12").unwrap_err();
        assert_eq!(error_to_js(&Error::Phone(p.clone()))["code"], p.code());
        let t = crate::template::Template::parse("a\n {{ b").unwrap_err();
        let v = error_to_js(&Error::Template(t));
        assert_eq!(
            (v["code"].as_str(), v["line"].as_u64(), v["column"].as_u64()),
            (Some("template_syntax"), Some(2), Some(2))
        );
    }
}
