//! The Tencent Cloud ccc side (API 3.0, version 2020-02-10): `POST /` with a JSON body and
//! `X-TC-*` headers, TC3-HMAC-SHA256 checked by the core's [`Tc3Verifier`], answers in
//! `{"Response": …}` (VENDORS.md §3).
//!
//! Order of checks, as a gateway would: method, signature, `X-TC-Version`, `X-TC-Action`, JSON body,
//! rate limit, fault rules, then the operation (validated with the core's models, then the
//! SdkAppId ownership check, then the work).

mod ai;
mod auth;
#[cfg(test)]
mod compaction_tests;
mod create;
pub mod facts;
mod lookups;
mod view;

use crate::Inner;
use crate::http::{Incoming, Reply};
use crate::vendors::common;
use callplane_core::Vendor;
use callplane_core::issue::{IssueCode, Report};
use callplane_core::tencent::API_VERSION;
use serde_json::{Map, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The operations this side answers (`X-TC-Action`).
pub const ACTIONS: &[&str] = &[
    "CreateAICall",
    "DescribeTelSession",
    "DescribeSessionDetail",
    "DescribeTelCdr",
    "DescribeAICallInteractionRecords",
    "DescribeAICallExtractResult",
    "DescribeAIAnalysisResult",
    "DescribeAILatency",
    "HangUpCall",
];

/// Tencent bookkeeping outside the saved world: the real-time request-rate windows.
#[derive(Debug, Default)]
pub struct State {
    /// (SdkAppId, Action) → instants of the requests admitted in the last second.
    rate: Mutex<HashMap<(u64, String), VecDeque<Instant>>>,
    requests: AtomicU64,
}

impl State {
    /// Forget the rate windows.
    pub fn reset(&self) {
        self.rate.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn request_id(&self) -> String {
        super::request_id(self.requests.fetch_add(1, Ordering::Relaxed))
    }

    /// Admit one request of `action` for `app` under a limit of `per_second` in any sliding second
    /// of real time. Tencent documents its limits per interface ("默认接口请求频率限制：20次/秒"), so
    /// each action has its own window.
    fn admit(&self, app: u64, action: &str, per_second: u32, now: Instant) -> bool {
        let mut rate = self.rate.lock().unwrap_or_else(|p| p.into_inner());
        let window = rate.entry((app, action.to_owned())).or_default();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            window.pop_front();
        }
        if window.len() >= per_second as usize {
            return false;
        }
        window.push_back(now);
        true
    }
}

/// One authenticated, parsed request on its way to an operation.
pub(crate) struct Call<'a> {
    pub inner: &'a Arc<Inner>,
    /// The SecretId that signed it.
    pub secret_id: String,
    pub body: Value,
    pub request_id: String,
}

impl Call<'_> {
    /// `{"Response": {…fields, "RequestId"}}`.
    pub fn ok(&self, fields: Value) -> Reply {
        let mut response = match fields {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        response.insert("RequestId".into(), Value::String(self.request_id.clone()));
        Reply::json(200, &serde_json::json!({ "Response": response }))
    }

    /// `{"Response":{"Error":…}}` with this request's id, HTTP 200.
    pub fn error(&self, code: &str, message: &str) -> Reply {
        error_with_id(200, code, message, &self.request_id)
    }

    /// Validation problems in Tencent's words: the first error decides the code (an absent field
    /// is `MissingParameter`, an unknown one `UnknownParameter`, a wrong type `InvalidParameter` —
    /// "参数错误（包括参数格式、类型等错误）" — and any broken rule `InvalidParameterValue`); the
    /// message is the core's, every error joined.
    pub fn invalid(&self, report: &Report) -> Reply {
        let errors: Vec<_> = report.errors().collect();
        let code = match errors.first().map(|i| i.code) {
            Some(IssueCode::Required) => "MissingParameter",
            Some(IssueCode::UnknownField) => "UnknownParameter",
            Some(IssueCode::InvalidType) => "InvalidParameter",
            _ => "InvalidParameterValue",
        };
        let message = errors
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        self.error(code, &message)
    }

    /// The SdkAppId must belong to the signing key. An application of another account is answered
    /// like one that does not exist: Tencent resolves `SdkAppId` within the caller's account, so
    /// from there another account's application *is* absent, and saying "permission denied" would
    /// confirm that the id exists. `FailedOperation.PermissionDenied` is for a CAM sub-user without
    /// rights on an application of its own account, which the simulator's credentials do not model.
    pub fn owned_app(&self, sdk_app_id: Option<i64>) -> Result<u64, Reply> {
        let app = sdk_app_id.and_then(|a| u64::try_from(a).ok()).unwrap_or(0);
        let owns = self
            .inner
            .config
            .credentials
            .tencent
            .iter()
            .any(|k| k.secret_id == self.secret_id && k.sdk_app_ids.contains(&app));
        if owns {
            Ok(app)
        } else {
            Err(self.error(
                "InvalidParameterValue.InstanceNotExist",
                &format!("SdkAppId {app} does not exist under this account"),
            ))
        }
    }

    /// "Now" for validation rules: the later of the simulated and the real clock, so a window or
    /// date a client computes from its real clock is never "in the future" while the simulated clock
    /// is frozen, and one computed from simulated time is accepted after an advance.
    pub fn validation_now_ms(&self) -> i64 {
        self.inner.clock.now_ms().max(crate::clock::real_now_ms())
    }
}

/// Answer one Tencent API 3.0 request.
pub async fn handle(inner: &Arc<Inner>, mut req: Incoming) -> Reply {
    let state = &inner.vendors.tencent;
    let request_id = state.request_id();
    let fail = |code: &str, message: &str| error_with_id(200, code, message, &request_id);
    if req.method != "POST" {
        return fail(
            "UnsupportedProtocol",
            &format!(
                "{} is not simulated; API 3.0 requests here are POST with a JSON body",
                req.method
            ),
        );
    }
    let secret_id = match auth::verify(inner, &mut req) {
        Ok(id) => id,
        Err((status, code, message)) => return error_with_id(status, code, &message, &request_id),
    };
    match req.header("x-tc-version").map(str::trim) {
        Some(API_VERSION) => {}
        Some(v) => {
            return fail(
                "NoSuchVersion",
                &format!("the API version `{v}` does not exist; ccc is {API_VERSION}"),
            );
        }
        None => return fail("MissingParameter", "the X-TC-Version header is required"),
    }
    let action = req.header("x-tc-action").unwrap_or("").trim().to_owned();
    if !ACTIONS.contains(&action.as_str()) {
        return fail(
            "InvalidAction",
            &format!(
                "the action `{action}` does not exist in ccc {API_VERSION} (or is not simulated; simulated: {})",
                ACTIONS.join(", ")
            ),
        );
    }
    let body = match parse_body(&req.body) {
        Ok(b) => b,
        Err(message) => return fail("InvalidParameter", &message),
    };
    if let Some(per_second) = inner.config.limits.tencent_requests_per_second
        && let Some(app) = body.get("SdkAppId").and_then(Value::as_u64)
        && !state.admit(app, &action, per_second, Instant::now())
    {
        return fail(
            "RequestLimitExceeded",
            &format!("{action}: more than {per_second} requests in one second for SdkAppId {app}"),
        );
    }
    let fault = common::faults(inner, Vendor::Tencent, &action).await;
    if let Some(e) = fault.error {
        let code = e.code.unwrap_or_else(|| "InternalError".into());
        let message = e.message.unwrap_or_else(|| {
            callplane_core::tencent::error_codes::lookup_or_parent(&code)
                .map(|i| i.meaning.to_owned())
                .unwrap_or_else(|| format!("injected fault {code}"))
        });
        return error_with_id(e.status.unwrap_or(200), &code, &message, &request_id);
    }
    let mut call = Call {
        inner,
        secret_id,
        body,
        request_id,
    };
    let mut reply = match action.as_str() {
        "CreateAICall" => create::create_ai_call(&mut call),
        "HangUpCall" => lookups::hang_up(&call),
        "DescribeTelSession" => lookups::tel_session(&call),
        "DescribeSessionDetail" => lookups::session_detail(&call),
        "DescribeTelCdr" => lookups::tel_cdr(&call),
        other => ai::lookup(&call, other),
    };
    reply.hang_ms = fault.hang_ms;
    reply
}

/// The body as JSON. An empty body is refused rather than read as `{}`: the SDKs always send at
/// least `{}`, so an empty one is a broken client.
fn parse_body(bytes: &[u8]) -> Result<Value, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the request body is empty; send a JSON object".into());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("the request body is not UTF-8 (byte {})", e.valid_up_to()))?;
    serde_json::from_str(text).map_err(|e| format!("the request body is not valid JSON: {e}"))
}

/// `{"Response":{"Error":{"Code","Message"},"RequestId"}}` (Tencent answers errors with HTTP 200;
/// `status` is kept for the few transport-level refusals such as 413).
pub fn error_reply(status: u16, code: &str, message: &str) -> Reply {
    error_with_id(status, code, message, &super::request_id(0))
}

fn error_with_id(status: u16, code: &str, message: &str, request_id: &str) -> Reply {
    Reply::json(
        status,
        &serde_json::json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_window_slides_over_one_second() {
        let s = State::default();
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(s.admit(1, "CreateAICall", 20, t0 + Duration::from_millis(i)));
        }
        assert!(!s.admit(1, "CreateAICall", 20, t0 + Duration::from_millis(500)));
        // Another action and another application have their own windows.
        assert!(s.admit(1, "DescribeTelSession", 20, t0));
        assert!(s.admit(2, "CreateAICall", 20, t0));
        // One second after the first request a slot frees up, and only one.
        assert!(s.admit(1, "CreateAICall", 20, t0 + Duration::from_millis(1000)));
        assert!(!s.admit(1, "CreateAICall", 20, t0 + Duration::from_millis(1000)));
    }

    #[test]
    fn bodies_that_are_not_json_objects_are_explained() {
        assert!(parse_body(b"").unwrap_err().contains("empty"));
        assert!(
            parse_body(b"{\"a\":")
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert!(
            parse_body(&[0x7b, 0xff, 0x7d])
                .unwrap_err()
                .contains("UTF-8")
        );
        assert_eq!(parse_body(b"[]").unwrap(), serde_json::json!([]));
    }
}
