//! The bland side of the simulator (being built).

use crate::Inner;
use crate::http::{Incoming, Reply};
use std::sync::Arc;

/// bland bookkeeping outside the saved world.
#[derive(Debug, Default)]
pub struct State {}

impl State {
    pub fn reset(&self) {}
}

pub async fn handle(_inner: &Arc<Inner>, req: Incoming) -> Reply {
    Reply::json(
        501,
        &serde_json::json!({"error": format!("bland: {} {} is not simulated yet", req.method, req.path)}),
    )
}

/// `{"status":"error","message":...}` with `status`.
pub fn error_reply(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        &serde_json::json!({"status": "error", "message": message}),
    )
}

/// Post-call and batch-status webhooks that became due.
pub fn tick(_inner: &Arc<Inner>) {}

/// OpenAPI 3.1 paths of the simulated Bland endpoints.
pub fn openapi_paths() -> serde_json::Value {
    serde_json::json!({})
}
