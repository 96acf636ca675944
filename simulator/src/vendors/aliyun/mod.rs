//! The Alibaba Cloud dyvms side (Dyvmsapi 2017-05-25): RPC-style requests with the action's
//! parameters in the query and/or a form body, signed with V3 (`ACS3-HMAC-SHA256`, checked by the
//! core's `Acs3Verifier`) or RPC signature v1 (`Signature` parameter, the core's `RpcVerifier`),
//! one shared 15-minute nonce store for both (VENDORS.md §2).
//!
//! Two answer layers, as at Alibaba: the POP gateway refuses with 4xx/5xx and
//! `{RequestId, HostId, Code, Message, Recommend}` (unknown API, signature, missing required
//! parameter); dyvms itself answers 200 with `{RequestId, Code, Message, …}`, `Code` being `OK` or an
//! `isv.*`/`isp.*` code.

mod auth;
mod batch;
mod detail;
mod query;
mod task_list;
mod validation;

use crate::Inner;
use crate::http::{Incoming, Reply};
use crate::vendors::common;
use callplane_core::Vendor;
use callplane_core::aliyun::codes::{self, CodeLayer};
use callplane_core::aliyun::{API_VERSION, ENDPOINT};
use callplane_core::sign::InMemoryNonceStore;
use serde_json::{Map, Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// The actions this side answers.
pub const ACTIONS: &[&str] = &[
    "BatchRobotSmartCall",
    "QueryCallDetailByTaskId",
    "QueryCallDetailByCallId",
    "QueryRobotTaskList",
];

/// Alibaba bookkeeping outside the saved world: the nonces seen in the last 15 real minutes.
#[derive(Debug, Default)]
pub struct State {
    nonces: RwLock<InMemoryNonceStore>,
    requests: AtomicU64,
}

impl State {
    /// Forget the nonces seen.
    pub fn reset(&self) {
        *self.nonces.write().unwrap_or_else(|p| p.into_inner()) = InMemoryNonceStore::default();
    }

    /// Alibaba request ids are upper-case UUIDs (`1DD9FD9A-…`).
    fn request_id(&self) -> String {
        super::request_id(self.requests.fetch_add(1, Ordering::Relaxed)).to_ascii_uppercase()
    }
}

/// One authenticated request on its way to an action.
pub(crate) struct Call<'a> {
    pub inner: &'a Arc<Inner>,
    /// The AccessKeyId that signed it.
    pub key_id: String,
    /// Every query and form parameter, decoded.
    pub params: Vec<(String, String)>,
    pub request_id: String,
}

impl Call<'_> {
    /// A dyvms answer: `{RequestId, Code: "OK", Message: "OK", …fields}`.
    pub fn ok(&self, fields: Value) -> Reply {
        let mut body = Map::new();
        body.insert("RequestId".into(), Value::String(self.request_id.clone()));
        body.insert("Code".into(), Value::String(codes::OK.into()));
        body.insert("Message".into(), Value::String("OK".into()));
        if let Value::Object(m) = fields {
            body.extend(m);
        }
        with_request_id(Reply::json(200, &body), &self.request_id)
    }

    /// A business refusal: HTTP 200, `{RequestId, Code, Message}` (VENDORS.md §2.3; the SDKs treat
    /// `Code != "OK"` as the error).
    pub fn business(&self, code: &str, message: &str) -> Reply {
        business_reply(code, message, &self.request_id)
    }

    /// A POP gateway refusal: `status`, `{RequestId, HostId, Code, Message, Recommend}`.
    pub fn gateway(&self, status: u16, code: &str, message: &str) -> Reply {
        gateway_reply(status, code, message, &self.request_id)
    }

    /// "Now" for validation rules: the later of the simulated and the real clock (a `QueryDate` a
    /// client takes from its real clock is not "in the future" while the simulated clock is frozen).
    pub fn validation_now_ms(&self) -> i64 {
        self.inner.clock.now_ms().max(crate::clock::real_now_ms())
    }
}

/// Answer one dyvms request.
pub async fn handle(inner: &Arc<Inner>, mut req: Incoming) -> Reply {
    let state = &inner.vendors.aliyun;
    let request_id = state.request_id();
    // Routing reads `Action` and `Version` leniently, so that a request with a malformed
    // parameter elsewhere still gets the gateway's answer for its API (404, missing version, then
    // the signature check). The parameters the action uses are decoded strictly below.
    let action = req
        .header("x-acs-action")
        .map(|a| a.trim().to_owned())
        .or_else(|| req.lenient_param("Action").map(|a| a.trim().to_owned()))
        .unwrap_or_default();
    let version = req
        .header("x-acs-version")
        .map(|v| v.trim().to_owned())
        .or_else(|| req.lenient_param("Version").map(|v| v.trim().to_owned()));
    let version = version.as_deref();
    let not_found = || {
        gateway_reply(
            404,
            "InvalidApi.NotFound",
            "Specified api is not found, please check your url and method.",
            &request_id,
        )
    };
    match version {
        None => {
            let c = codes::missing_param_code("Version");
            return gateway_reply(
                400,
                &c,
                "Version is mandatory for this action.",
                &request_id,
            );
        }
        Some(v) if v != API_VERSION => return not_found(),
        Some(_) => {}
    }
    if !ACTIONS.contains(&action.as_str()) {
        return not_found();
    }
    let key_id = match auth::verify(inner, &mut req) {
        Ok(k) => k,
        Err((status, code, message)) => {
            return gateway_reply(status, code, &message, &request_id);
        }
    };
    // The core's decoder, as in the verifiers (RPC v1 has already refused a malformed escape
    // with this code; V3 signs the raw bytes, so it reaches here).
    let params = match (req.query_params(), req.form_params()) {
        (Ok(mut query), Ok(form)) => {
            query.extend(form);
            query
        }
        (Err(e), _) | (_, Err(e)) => {
            return gateway_reply(
                400,
                "InvalidParameter.Format",
                &format!("the query or form body is not valid percent-encoding: {e}"),
                &request_id,
            );
        }
    };
    let fault = common::faults(inner, Vendor::Aliyun, &action).await;
    if let Some(e) = fault.error {
        let code = e.code.unwrap_or_else(|| "InternalError".into());
        let documented = codes::lookup(&code);
        let message = e
            .message
            .or_else(|| documented.map(|d| d.render_message("")))
            .unwrap_or_else(|| format!("injected fault {code}"));
        return match documented.map(|d| (d.layer, d.http_status)) {
            Some((CodeLayer::Business, _)) => business_reply(&code, &message, &request_id),
            Some((CodeLayer::Gateway, status)) => {
                gateway_reply(e.status.unwrap_or(status), &code, &message, &request_id)
            }
            None if e.status.is_some_and(|s| s != 200) || !code.contains('.') => {
                gateway_reply(e.status.unwrap_or(500), &code, &message, &request_id)
            }
            None => business_reply(&code, &message, &request_id),
        };
    }
    let call = Call {
        inner,
        key_id,
        params,
        request_id,
    };
    let mut reply = match action.as_str() {
        "BatchRobotSmartCall" => batch::batch_robot_smart_call(&call),
        "QueryCallDetailByTaskId" => query::by_task_id(&call),
        "QueryRobotTaskList" => task_list::query_robot_task_list(&call),
        _ => query::by_call_id(&call),
    };
    reply.hang_ms = fault.hang_ms;
    reply
}

fn with_request_id(reply: Reply, request_id: &str) -> Reply {
    reply.with_header("x-acs-request-id", request_id)
}

fn business_reply(code: &str, message: &str, request_id: &str) -> Reply {
    with_request_id(
        Reply::json(
            200,
            &json!({"RequestId": request_id, "Code": code, "Message": message}),
        ),
        request_id,
    )
}

fn gateway_reply(status: u16, code: &str, message: &str, request_id: &str) -> Reply {
    with_request_id(
        Reply::json(
            status,
            &json!({
                "RequestId": request_id, "HostId": ENDPOINT, "Code": code, "Message": message,
                "Recommend": format!("https://error-center.aliyun.com/status/search?Keyword={code}&source=PopGw")
            }),
        ),
        request_id,
    )
}

/// Alibaba's gateway error body `{RequestId, HostId, Code, Message, Recommend}`.
pub fn error_reply(status: u16, code: &str, message: &str) -> Reply {
    gateway_reply(
        status,
        code,
        message,
        &super::request_id(0).to_ascii_uppercase(),
    )
}
