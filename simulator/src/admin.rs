//! The admin API under `/_sim/`: health, calls, webhooks, reset, clock, faults, OpenAPI.

use crate::Inner;
use crate::faults::FaultConfig;
use crate::http::{Incoming, Reply};
use crate::lifecycle::Status;
use crate::state::{CallFilter, CallView};
use callplane_core::Vendor;
use serde_json::json;
use std::sync::Arc;

fn error(status: u16, code: &str, message: impl Into<String>) -> Reply {
    Reply::json(
        status,
        &json!({"error": {"code": code, "message": message.into()}}),
    )
}

pub async fn handle(inner: &Arc<Inner>, req: &Incoming) -> Reply {
    let path = req.path.trim_end_matches('/');
    match (req.method.as_str(), path) {
        ("GET", "/_sim/health") => {
            let (calls, pending) = {
                let store = inner.store();
                (store.calls.len(), store.compaction_due.len())
            };
            Reply::json(
                200,
                &json!({
                    "status": "ok",
                    "now_ms": inner.clock.now_ms(),
                    "real_now_ms": crate::clock::real_now_ms(),
                    "speed": inner.clock.speed(),
                    "seed": inner.config.seed,
                    "calls": calls,
                    // Calls whose whole request is still kept (live, or ended and not yet compacted
                    // by the background tick).
                    "compaction_pending": pending,
                }),
            )
        }
        ("GET", "/_sim/calls") => calls(inner, req),
        ("GET", "/_sim/webhooks") => {
            Reply::json(200, &json!({"deliveries": inner.webhooks.snapshot()}))
        }
        ("POST", "/_sim/reset") => {
            inner.reset();
            Reply::json(200, &json!({"status": "ok"}))
        }
        ("GET", "/_sim/clock") => Reply::json(
            200,
            &json!({"now_ms": inner.clock.now_ms(), "speed": inner.clock.speed()}),
        ),
        ("POST", "/_sim/clock/advance") => advance(inner, req),
        ("POST", "/_sim/clock/speed") => speed(inner, req),
        ("GET", "/_sim/faults") => Reply::json(200, &*inner.faults()),
        ("PUT", "/_sim/faults") => put_faults(inner, req),
        ("DELETE", "/_sim/faults") => {
            *inner.faults_mut() = FaultConfig::default();
            Reply::json(200, &FaultConfig::default())
        }
        ("GET", "/_sim/openapi.json") => Reply::json(200, &crate::openapi::document()),
        (_, p)
            if matches!(
                p,
                "/_sim/health"
                    | "/_sim/calls"
                    | "/_sim/webhooks"
                    | "/_sim/reset"
                    | "/_sim/clock"
                    | "/_sim/clock/advance"
                    | "/_sim/clock/speed"
                    | "/_sim/faults"
                    | "/_sim/openapi.json"
            ) =>
        {
            error(
                405,
                "method_not_allowed",
                format!("{} is not allowed on {p}", req.method),
            )
        }
        _ => error(404, "not_found", format!("no admin endpoint {}", req.path)),
    }
}

fn calls(inner: &Arc<Inner>, req: &Incoming) -> Reply {
    let mut filter = CallFilter::default();
    let mut limit: usize = usize::MAX;
    let mut offset: usize = 0;
    let pairs = match req.query_params() {
        Ok(p) => p,
        Err(e) => {
            return error(
                400,
                "invalid_filter",
                format!("the query string does not decode: {e}"),
            );
        }
    };
    for (k, v) in pairs {
        match k.as_str() {
            "vendor" => match v.as_str() {
                "bland" => filter.vendor = Some(Vendor::Bland),
                "aliyun" => filter.vendor = Some(Vendor::Aliyun),
                "tencent" => filter.vendor = Some(Vendor::Tencent),
                _ => {
                    return error(
                        400,
                        "invalid_filter",
                        format!("vendor: unknown vendor `{v}` (bland, aliyun, tencent)"),
                    );
                }
            },
            "status" => match Status::parse(&v) {
                Some(s) => filter.status = Some(s),
                None => {
                    return error(
                        400,
                        "invalid_filter",
                        format!("status: unknown status `{v}`"),
                    );
                }
            },
            "to" => filter.to = Some(v),
            "batch_id" => filter.batch_id = Some(v),
            "terminal" => match v.as_str() {
                "true" => filter.terminal = Some(true),
                "false" => filter.terminal = Some(false),
                _ => return error(400, "invalid_filter", "terminal: expected true or false"),
            },
            "limit" => match v.parse() {
                Ok(n) => limit = n,
                Err(_) => {
                    return error(
                        400,
                        "invalid_filter",
                        "limit: expected a non-negative integer",
                    );
                }
            },
            "offset" => match v.parse() {
                Ok(n) => offset = n,
                Err(_) => {
                    return error(
                        400,
                        "invalid_filter",
                        "offset: expected a non-negative integer",
                    );
                }
            },
            other => return error(400, "invalid_filter", format!("unknown filter `{other}`")),
        }
    }
    let now = inner.clock.now_ms();
    let store = inner.store();
    // Count every match but build views only for the page: a million calls are never copied.
    let mut total = 0usize;
    let mut page: Vec<CallView> = Vec::new();
    for c in store.calls.iter().filter(|c| filter.matches_call(c, now)) {
        if total >= offset && page.len() < limit {
            page.push(CallView::of(c, now));
        }
        total += 1;
    }
    Reply::json(200, &json!({"total": total, "now_ms": now, "calls": page}))
}

fn body_json(req: &Incoming) -> Result<serde_json::Value, Reply> {
    serde_json::from_slice(&req.body).map_err(|e| {
        error(
            400,
            "invalid_json",
            format!("request body is not JSON: {e}"),
        )
    })
}

fn advance(inner: &Arc<Inner>, req: &Incoming) -> Reply {
    let v = match body_json(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match v.get("seconds").and_then(serde_json::Value::as_f64) {
        Some(s) if s.is_finite() && s >= 0.0 => {
            let now = inner.clock.advance_ms((s * 1000.0) as i64);
            inner.tick();
            Reply::json(200, &json!({"now_ms": now}))
        }
        _ => error(
            400,
            "invalid_body",
            "seconds: expected a non-negative number, e.g. {\"seconds\": 60}",
        ),
    }
}

fn speed(inner: &Arc<Inner>, req: &Incoming) -> Reply {
    let v = match body_json(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match v.get("speed").and_then(serde_json::Value::as_f64) {
        Some(s) if s.is_finite() && s >= 0.0 => {
            inner.clock.set_speed(s);
            Reply::json(200, &json!({"speed": s, "now_ms": inner.clock.now_ms()}))
        }
        _ => error(400, "invalid_body", "speed: expected a non-negative number"),
    }
}

fn put_faults(inner: &Arc<Inner>, req: &Incoming) -> Reply {
    let cfg: FaultConfig = match serde_json::from_slice(&req.body) {
        Ok(c) => c,
        Err(e) => return error(400, "invalid_body", format!("faults: {e}")),
    };
    let problems = cfg.problems();
    if !problems.is_empty() {
        return error(400, "invalid_body", problems.join("; "));
    }
    *inner.faults_mut() = cfg.clone();
    Reply::json(200, &cfg)
}
