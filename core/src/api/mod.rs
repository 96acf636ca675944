//! The sans-IO request layer: `build(operation, credentials, clock, nonce) → HttpRequest` (signed,
//! ready for any transport) and `parse(operation, HttpResponse) → typed output or Error`.
//!
//! - [`bland::BlandClient`], [`aliyun::AliyunClient`], [`tencent::TencentClient`]: typed builders
//!   and parsers per vendor.
//! - [`registry`]: the same, by operation name with JSON in and out, for the bindings.
//!
//! Every build validates first and refuses a request with errors (`Error::Validation` holding all
//! problems); warnings travel with the built request. Every parse maps the vendor's error envelopes
//! into `Error::Vendor` with a retry class (see [`crate::vendor_error`]). Transport failures (which
//! only a transport can see) become errors through [`transport_error`], where a call-creating
//! operation that may have reached the vendor is `ambiguous`, never blindly retryable.

pub mod aliyun;
pub mod bland;
pub mod registry;
pub mod shape;
pub mod tencent;

use crate::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::issue::Report;
use crate::vendor_error::{TransportFailure, transport_retry_class};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a build needs from the outside world. The core never reads a clock or a random source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    /// "Now", Unix milliseconds (UTC). Signatures use its seconds.
    pub now_ms: i64,
    /// A fresh, unique nonce for this attempt (Alibaba refuses a reused one). A UUID is ideal.
    pub nonce: String,
}

impl RequestContext {
    pub fn new(now_ms: i64, nonce: impl Into<String>) -> Self {
        RequestContext {
            now_ms,
            nonce: nonce.into(),
        }
    }
    pub(crate) fn unix_seconds(&self) -> i64 {
        self.now_ms.div_euclid(1000)
    }
    pub(crate) fn validation(&self) -> crate::Context {
        crate::Context::at(self.now_ms)
    }
}

/// A signed request and the warnings its validation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub request: HttpRequest,
    /// Warnings only (a request with errors is never built).
    pub warnings: Report,
}

/// A vendor's successful answer: typed data, plus what every result carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed<T> {
    pub data: T,
    /// The vendor's request id (Alibaba `RequestId`, Tencent `Response.RequestId`, Bland's
    /// `x-request-id` header when present).
    pub request_id: Option<String>,
    pub http_status: u16,
    /// The vendor's response body as received (parsed JSON).
    pub raw: Value,
}

/// Turn a failure below HTTP into the one error type. `creates_calls` comes from the operation
/// ([`registry::Operation::creates_calls`]): a call-creating request that may have been sent is
/// [`crate::vendor_error::RetryClass::Ambiguous`].
pub fn transport_error(
    failure: TransportFailure,
    creates_calls: bool,
    message: impl Into<String>,
) -> Error {
    Error::Transport {
        failure,
        retry: transport_retry_class(failure, creates_calls),
        message: message.into(),
    }
}

/// Refuse a report with errors; keep the warnings.
pub(crate) fn refuse_errors(report: Report) -> crate::Result<Report> {
    if report.has_errors() {
        Err(Error::Validation(report))
    } else {
        Ok(report)
    }
}

/// Read a JSON body, or say why it is not one (a vendor answer callplane does not understand).
pub(crate) fn json_body(resp: &HttpResponse) -> crate::Result<Value> {
    if resp.body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&resp.body).map_err(|e| Error::Json {
        message: format!(
            "the vendor's answer (HTTP {}) is not JSON: {e}",
            resp.status
        ),
    })
}

/// Deserialize a typed output from (part of) a vendor's body.
pub(crate) fn typed<T: DeserializeOwned>(v: Value, what: &str) -> crate::Result<T> {
    crate::json::track::from_value(&v).map_err(|e| shape_error(&e, what))
}

/// An answer that does not have its model's shape (typed read or `shape` table alike).
pub(crate) fn shape_error(e: &crate::json::track::PathError, what: &str) -> Error {
    Error::Json {
        message: format!("{what}: unexpected shape at `{}`: {}", e.path(), e.inner()),
    }
}

/// `scheme://host[:port]` without a trailing slash.
pub(crate) fn trim_base(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}
