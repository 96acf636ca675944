//! Vendor error envelopes → one [`VendorError`], with a retry class callers can act on.
//!
//! Each vendor reports failure differently (Bland: two JSON envelopes and HTTP status codes; Alibaba:
//! `Code != "OK"` whatever the HTTP status; Tencent: `Response.Error` usually under HTTP 200). The
//! per-vendor modules read a raw response and return `None` for a success, `Some(VendorError)` for a
//! failure. The retry class is decided here, once, for every binding.

pub mod aliyun;
pub mod bland;
pub mod tencent;

use crate::Vendor;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a caller may do after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryClass {
    /// Nothing happened at the vendor (throttled, 5xx, connection refused before sending, a stale
    /// signature): send again, re-signed, after a backoff.
    Retryable,
    /// The vendor refused for a reason that will not change by itself (auth, validation, balance,
    /// do-not-call): do not retry.
    Final,
    /// A call-creating request whose outcome is unknown (the request was sent, no answer came back).
    /// None of the three vendors accepts an idempotency key for placing calls, so a blind retry may
    /// dial someone twice: resolve it by asking the vendor what exists before sending again.
    Ambiguous,
}

impl RetryClass {
    pub fn as_str(self) -> &'static str {
        match self {
            RetryClass::Retryable => "retryable",
            RetryClass::Final => "final",
            RetryClass::Ambiguous => "ambiguous",
        }
    }
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// callplane's vendor-neutral category of a vendor error; [`VendorErrorKind::code`] is the stable
/// `Error::code()` of a vendor error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VendorErrorKind {
    /// Credentials or signature rejected.
    Auth,
    /// Authenticated, but not allowed to do this.
    Permission,
    /// Throttled (request rate, same-number spacing, per-caller frequency).
    RateLimited,
    /// The request itself is wrong (parameters, format).
    InvalidRequest,
    /// The thing asked about does not exist.
    NotFound,
    /// Balance, billing or package exhausted.
    Payment,
    /// The callee may not be called (do-not-call list, blacklist, restricted area, sensitive number).
    Blocked,
    /// A vendor business rule refused it (outside calling hours, no caller number available, ...).
    Rejected,
    /// The vendor failed internally or is unavailable.
    Server,
    /// An error body we could not classify.
    Unknown,
}

impl VendorErrorKind {
    /// Stable code: `vendor_auth`, `vendor_rate_limited`, ...
    pub fn code(self) -> &'static str {
        match self {
            VendorErrorKind::Auth => "vendor_auth",
            VendorErrorKind::Permission => "vendor_permission",
            VendorErrorKind::RateLimited => "vendor_rate_limited",
            VendorErrorKind::InvalidRequest => "vendor_invalid_request",
            VendorErrorKind::NotFound => "vendor_not_found",
            VendorErrorKind::Payment => "vendor_payment",
            VendorErrorKind::Blocked => "vendor_blocked",
            VendorErrorKind::Rejected => "vendor_rejected",
            VendorErrorKind::Server => "vendor_server_error",
            VendorErrorKind::Unknown => "vendor_error",
        }
    }
}

/// A failure reported by a vendor, in one shape for all three.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorError {
    pub vendor: Vendor,
    pub kind: VendorErrorKind,
    /// The vendor's own code (`AuthFailure.SignatureFailure`, `isv.BUSINESS_LIMIT_CONTROL`,
    /// `AUTH_FAILURE`). Bland's legacy envelope has no code; there callplane derives a stable
    /// upper-case one from the documented message (see [`bland`]).
    pub vendor_code: String,
    pub message: String,
    pub http_status: u16,
    pub request_id: Option<String>,
    pub retry: RetryClass,
    /// The earliest sensible retry, when the vendor's rule says so (Bland: 10 s for the same number).
    pub retry_after_ms: Option<u64>,
    /// Extra detail lines (Bland's `errors` array).
    pub details: Vec<String>,
}

impl VendorError {
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl fmt::Display for VendorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (HTTP {}): {}",
            self.vendor, self.vendor_code, self.http_status, self.message
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// How a request failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportFailure {
    /// No byte of the request left this machine (DNS failure, connection refused, TLS handshake).
    NotSent,
    /// The request was (or may have been) sent and no complete response came back: a timeout after
    /// sending, a connection reset mid-response.
    NoResponse,
}

/// Retry class of a transport failure. A call-creating request that may have reached the vendor is
/// [`RetryClass::Ambiguous`]; a read-only one is safe to repeat.
pub fn transport_retry_class(failure: TransportFailure, creates_calls: bool) -> RetryClass {
    match failure {
        TransportFailure::NotSent => RetryClass::Retryable,
        TransportFailure::NoResponse if creates_calls => RetryClass::Ambiguous,
        TransportFailure::NoResponse => RetryClass::Retryable,
    }
}

/// Find a header value by case-insensitive name.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A body that is not JSON (an HTML error page from a proxy, an empty 502): classify by HTTP status.
pub(crate) fn from_status_only(
    vendor: Vendor,
    status: u16,
    body: &[u8],
    request_id: Option<String>,
) -> VendorError {
    let (kind, retry) = match status {
        401 => (VendorErrorKind::Auth, RetryClass::Final),
        403 => (VendorErrorKind::Permission, RetryClass::Final),
        404 => (VendorErrorKind::NotFound, RetryClass::Final),
        408 | 429 => (VendorErrorKind::RateLimited, RetryClass::Retryable),
        500..=599 => (VendorErrorKind::Server, RetryClass::Retryable),
        _ => (VendorErrorKind::Unknown, RetryClass::Final),
    };
    let snippet: String = String::from_utf8_lossy(body).chars().take(200).collect();
    VendorError {
        vendor,
        kind,
        vendor_code: format!("HTTP_{status}"),
        message: if snippet.trim().is_empty() {
            format!("HTTP {status} with an empty body")
        } else {
            format!("HTTP {status}: {}", snippet.trim())
        },
        http_status: status,
        request_id,
        retry,
        retry_after_ms: None,
        details: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_classes() {
        assert_eq!(
            transport_retry_class(TransportFailure::NotSent, true),
            RetryClass::Retryable
        );
        assert_eq!(
            transport_retry_class(TransportFailure::NoResponse, true),
            RetryClass::Ambiguous
        );
        assert_eq!(
            transport_retry_class(TransportFailure::NoResponse, false),
            RetryClass::Retryable
        );
    }

    #[test]
    fn non_json_bodies_classify_by_status() {
        let e = from_status_only(Vendor::Bland, 502, b"<html>Bad gateway</html>", None);
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Server, RetryClass::Retryable)
        );
        assert!(e.message.contains("Bad gateway"));
        let e = from_status_only(Vendor::Tencent, 401, b"", None);
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Auth, RetryClass::Final)
        );
    }
}
