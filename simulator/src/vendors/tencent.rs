//! The tencent side of the simulator (being built).

use crate::Inner;
use crate::http::{Incoming, Reply};
use std::sync::Arc;

/// tencent bookkeeping outside the saved world.
#[derive(Debug, Default)]
pub struct State {}

impl State {
    pub fn reset(&self) {}
}

pub async fn handle(_inner: &Arc<Inner>, req: Incoming) -> Reply {
    Reply::json(
        501,
        &serde_json::json!({"error": format!("tencent: {} {} is not simulated yet", req.method, req.path)}),
    )
}

/// `{"Response":{"Error":{"Code","Message"},"RequestId"}}` (Tencent answers errors with HTTP 200;
/// `status` is kept for the few transport-level refusals such as 413).
pub fn error_reply(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &serde_json::json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": super::request_id(0)}}),
    )
}
