//! The aliyun side of the simulator (being built).

use crate::Inner;
use crate::http::{Incoming, Reply};
use std::sync::Arc;

/// aliyun bookkeeping outside the saved world.
#[derive(Debug, Default)]
pub struct State {}

impl State {
    pub fn reset(&self) {}
}

pub async fn handle(_inner: &Arc<Inner>, req: Incoming) -> Reply {
    Reply::json(
        501,
        &serde_json::json!({"error": format!("aliyun: {} {} is not simulated yet", req.method, req.path)}),
    )
}

/// Alibaba's error body `{RequestId, HostId, Code, Message, Recommend}`.
pub fn error_reply(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &serde_json::json!({
            "RequestId": super::request_id(0), "HostId": "dyvmsapi.aliyuncs.com", "Code": code, "Message": message,
            "Recommend": format!("https://error-center.aliyun.com/status/search?Keyword={code}&source=PopGw")
        }),
    )
}
