//! Which vendor a request is for, and the per-vendor handlers.
//!
//! The request itself tells the vendors apart, as the real endpoints would: Tencent API 3.0 always
//! sends `X-TC-Action`; Alibaba RPC/V3 sends `Action` (query or form) or `x-acs-action`; Bland is
//! REST under `/v1/` and `/v2/`.

use crate::Inner;
use crate::http::{Incoming, Reply};
use callplane_core::Vendor;
use std::sync::Arc;

/// Mutable per-vendor bookkeeping that is not part of the saved world (rate windows, nonces).
#[derive(Debug, Default)]
pub struct VendorState {}

impl VendorState {
    pub fn reset(&self) {}
}

/// The vendor a request is addressed to, if any.
pub fn detect(req: &Incoming) -> Option<Vendor> {
    if req.header("x-tc-action").is_some() {
        return Some(Vendor::Tencent);
    }
    if req.path.starts_with("/v1/") || req.path.starts_with("/v2/") {
        return Some(Vendor::Bland);
    }
    if req.header("x-acs-action").is_some()
        || req.query_params().iter().any(|(k, _)| k == "Action")
        || req.form_params().iter().any(|(k, _)| k == "Action")
    {
        return Some(Vendor::Aliyun);
    }
    None
}

pub async fn handle(_inner: &Arc<Inner>, req: Incoming) -> Reply {
    match detect(&req) {
        Some(v) => Reply::json(
            501,
            &serde_json::json!({"error": format!("{v} endpoints are being built")}),
        ),
        None => Reply::json(
            404,
            &serde_json::json!({"error": {"code": "unknown_route", "message": format!(
                "{} {} is not a Bland path (/v1, /v2), a Tencent request (X-TC-Action) or an Alibaba request (Action)",
                req.method, req.path
            )}}),
        ),
    }
}

/// 413 in the shape of the vendor the request was for.
pub fn too_large(req: &Incoming, limit: usize) -> Reply {
    let msg = format!("request body exceeds {limit} bytes");
    match detect(req) {
        Some(Vendor::Tencent) => Reply::json(
            413,
            &serde_json::json!({"Response": {"Error": {"Code": "RequestSizeLimitExceeded", "Message": msg}, "RequestId": crate::vendors::request_id(0)}}),
        ),
        Some(Vendor::Aliyun) | None
            if req
                .header("content-type")
                .is_some_and(|c| c.contains("form"))
                || detect(req) == Some(Vendor::Aliyun) =>
        {
            Reply::json(
                413,
                &serde_json::json!({"RequestId": crate::vendors::request_id(0), "Code": "RequestEntityTooLarge", "Message": msg}),
            )
        }
        _ => Reply::json(413, &serde_json::json!({"status": "error", "message": msg})),
    }
}

/// OpenAPI paths of the Bland endpoints (filled as the Bland handlers land).
pub fn bland_openapi_paths() -> serde_json::Value {
    serde_json::json!({})
}

/// Fire what became due on the simulated clock.
pub fn tick(_inner: &Arc<Inner>) {}

/// A request id in the uppercase-UUID style Alibaba and Tencent use.
pub fn request_id(n: u64) -> String {
    let h = crate::outcome::splitmix64(n ^ crate::clock::real_now_ms() as u64);
    let l = crate::outcome::splitmix64(h);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (h >> 32) as u32,
        (h >> 16) as u16,
        h as u16 & 0x0fff,
        ((l >> 48) as u16 & 0x3fff) | 0x8000,
        l & 0xffff_ffff_ffff
    )
}
