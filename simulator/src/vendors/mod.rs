//! Which vendor a request is for, and the per-vendor handlers.
//!
//! The request itself tells the vendors apart, as the real endpoints would: Tencent API 3.0 always
//! sends `X-TC-Action`; Alibaba RPC/V3 sends `Action` (query or form) or `x-acs-action`; Bland is
//! REST under `/v1/` and `/v2/`.

pub mod aliyun;
pub mod bland;
pub mod common;
#[cfg(test)]
pub(crate) mod compaction_support;
pub mod tencent;

use crate::Inner;
use crate::http::{Incoming, Reply};
use callplane_core::Vendor;
use serde_json::Value;
use std::sync::Arc;

/// Per-vendor bookkeeping that is not part of the saved world (rate windows, nonces).
#[derive(Debug, Default)]
pub struct VendorState {
    pub bland: bland::State,
    pub aliyun: aliyun::State,
    pub tencent: tencent::State,
}

impl VendorState {
    pub fn reset(&self) {
        self.bland.reset();
        self.aliyun.reset();
        self.tencent.reset();
    }
}

/// The vendor a request is addressed to, if any.
pub fn detect(req: &Incoming) -> Option<Vendor> {
    if req.header("x-tc-action").is_some() {
        return Some(Vendor::Tencent);
    }
    if req.path.starts_with("/v1/") || req.path.starts_with("/v2/") {
        return Some(Vendor::Bland);
    }
    if req.header("x-acs-action").is_some() || req.lenient_param("Action").is_some() {
        return Some(Vendor::Aliyun);
    }
    None
}

pub async fn handle(inner: &Arc<Inner>, req: Incoming) -> Reply {
    match detect(&req) {
        Some(Vendor::Bland) => bland::handle(inner, req).await,
        Some(Vendor::Aliyun) => aliyun::handle(inner, req).await,
        Some(Vendor::Tencent) => tencent::handle(inner, req).await,
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
        Some(Vendor::Tencent) => tencent::error_reply(413, "RequestSizeLimitExceeded", &msg),
        Some(Vendor::Aliyun) => aliyun::error_reply(413, "RequestEntityTooLarge", &msg),
        Some(Vendor::Bland) => bland::error_reply(413, &msg),
        // The Action of an Alibaba form request may be in the body we refused to read.
        None if req
            .header("content-type")
            .is_some_and(|c| c.contains("x-www-form-urlencoded")) =>
        {
            aliyun::error_reply(413, "RequestEntityTooLarge", &msg)
        }
        None => Reply::json(
            413,
            &serde_json::json!({"error": {"code": "too_large", "message": msg}}),
        ),
    }
}

/// Fire what became due on the simulated clock.
pub fn tick(inner: &Arc<Inner>) {
    {
        let now = inner.clock.now_ms();
        let mut store = inner.store();
        if !store.compaction_due.is_empty() {
            compact_ended(&mut store, now);
        }
    }
    bland::tick(inner);
}

/// Calls compacted per tick at most: the store lock is held for a few milliseconds at a time, and
/// the 25 ms ticker works through a larger backlog (a day's clock advance over a million calls) in
/// the background.
pub const COMPACT_PER_TICK: usize = 4_096;

/// Compact the requests of calls that own theirs and have ended by `now_ms`, at most
/// [`COMPACT_PER_TICK`] of them; returns how many are still waiting (ended or not).
///
/// A call that owns its request keeps it whole while it is live (compacting on the request path
/// costs ≈ 6 µs a request in the allocator). Once it has ended, a Tencent CreateAICall request
/// becomes the text of its [`tencent::facts::Facts`], a Bland `/v1/calls` body its own JSON text
/// (lossless: its views read every option); both are read back through the same code as the
/// whole form, so every answer is unchanged.
pub fn compact_ended(store: &mut crate::state::Store, now_ms: i64) -> usize {
    use std::cmp::Reverse;
    for _ in 0..COMPACT_PER_TICK {
        match store.compaction_due.peek() {
            Some(Reverse((due, _))) if *due <= now_ms => {}
            _ => break,
        }
        let Some(Reverse((_, index))) = store.compaction_due.pop() else {
            break;
        };
        let Some((vendor, request)) = store
            .calls
            .get(index as usize)
            .map(|c| (c.vendor, c.request))
        else {
            continue;
        };
        if let Some(slot) = store.requests.get_mut(request as usize)
            && !slot.is_string()
        {
            *slot = match vendor {
                Vendor::Tencent => tencent::facts::Facts::of(slot).compacted(),
                _ => Value::String(slot.to_string()),
            };
        }
    }
    if store.compaction_due.is_empty() {
        // A frozen clock let the queue grow to a million entries; give that memory back.
        store.compaction_due.shrink_to_fit();
    }
    store.compaction_due.len()
}

/// OpenAPI paths of the Bland endpoints.
pub fn bland_openapi_paths() -> serde_json::Value {
    bland::openapi_paths()
}

/// A request id in the UUID style Alibaba and Tencent use.
pub fn request_id(n: u64) -> String {
    common::uuid(crate::clock::real_now_ms() as u64, n)
}
