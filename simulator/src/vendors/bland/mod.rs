//! The Bland.ai side of the simulator: REST under `/v1/` and `/v2/`, the raw API key in
//! `authorization`, both of Bland's envelopes, calls whose Bland view is derived on read from the
//! lifecycle snapshot, post-call and batch-status webhooks, and the documented limits.
//!
//! Every body is read and validated by the core (`callplane_core::bland::parse_*`), so the simulator
//! refuses exactly what callplane refuses, with the core's messages inside Bland's 400 envelopes.
//!
//! | module | what |
//! | --- | --- |
//! | [`routes`] | path + method → operation; Bland-shaped 404/405 |
//! | [`reply`] | Bland's error shapes (`{status,message,errors}`, `{data,errors}`) |
//! | [`calls`] | `/v1/calls` endpoints and call creation shared with batches |
//! | [`batches`] | legacy `/v1/batches` endpoints |
//! | [`batches_v2`] | `/v2/batches` endpoints and `status_webhook` events |
//! | [`inbound`] | `/v1/inbound` endpoints |
//! | [`view`] | the call object (`GET /v1/calls/{id}`, webhook body) derived from a snapshot |
//! | [`content`] | transcripts, summaries and analysis answers, generated deterministically |
//! | [`book`] | limits bookkeeping (same-number window, concurrency slots) and the webhook due-queue |
//! | [`openapi`] | OpenAPI 3.1 paths of every endpoint |

pub mod batches;
pub mod batches_v2;
pub mod book;
pub mod calls;
#[cfg(test)]
mod compaction_tests;
pub mod content;
pub mod inbound;
pub mod openapi;
pub mod reply;
pub mod routes;
pub mod view;

use crate::Inner;
use crate::http::{Incoming, Reply};
use callplane_core::Vendor;
use callplane_core::sign::keys::KeyRecord;
use routes::Op;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

pub use openapi::openapi_paths;
pub use reply::error_reply;

/// Bland bookkeeping outside the saved world: rate windows, concurrency slots and the webhook
/// due-queue. All of it is rebuilt from the store on the first tick after a start or restore.
#[derive(Debug, Default)]
pub struct State {
    book: Mutex<book::Book>,
}

impl State {
    pub fn reset(&self) {
        *self.book() = book::Book::default();
    }
    pub(crate) fn book(&self) -> MutexGuard<'_, book::Book> {
        self.book.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// What the Bland side adds to the saved world (`Store::bland`, part of the `--state` file).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// Calls refused before queueing (batch rows to a blacklisted number), by `SimCall::seq`.
    pub pre_queue: BTreeSet<u64>,
    /// `POST /v1/batches/{id}/analyze` requests; answers are derived on read.
    pub analyses: Vec<BatchAnalysis>,
}

/// One stored batch analysis request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchAnalysis {
    pub batch_id: String,
    pub goal: Option<String>,
    /// `[question, type]` pairs as sent.
    pub questions: Vec<(String, String)>,
    /// Simulated ms.
    pub at_ms: i64,
}

/// The authenticated caller: index of the API key in the credentials (the calls' `owner`).
#[derive(Debug, Clone)]
pub struct Caller {
    pub owner: String,
}

/// Route, authenticate, apply faults, then run the operation.
pub async fn handle(inner: &Arc<Inner>, mut req: Incoming) -> Reply {
    let op = match routes::resolve(&req.method, &req.path) {
        Ok(op) => op,
        Err(reply) => return reply,
    };
    let envelope = op.envelope();
    let caller = match authenticate(inner, &mut req) {
        Some(c) => c,
        None => return reply::auth_failure(),
    };
    let action = super::common::faults(inner, Vendor::Bland, op.name()).await;
    if let Some(err) = action.error {
        return reply::injected(envelope, &err);
    }
    let mut reply = run(inner, &req, &caller, op);
    if action.hang_ms.is_some() {
        reply.hang_ms = action.hang_ms;
    }
    reply
}

fn run(inner: &Arc<Inner>, req: &Incoming, caller: &Caller, op: Op) -> Reply {
    match op {
        Op::SendCall => calls::send(inner, req, caller),
        Op::ListCalls => calls::list(inner, req, caller),
        Op::GetCall(id) => calls::get(inner, caller, &id),
        Op::StopCall(id) => calls::stop(inner, caller, &id),
        Op::AnalyzeCall(id) => calls::analyze(inner, req, caller, &id),
        Op::CreateBatch => batches::create(inner, req, caller),
        Op::ListBatches => batches::list(inner, req, caller),
        Op::GetBatch(id) => batches::get(inner, req, caller, &id),
        Op::StopBatch(id) => batches::stop(inner, caller, &id),
        Op::AnalyzeBatch(id) => batches::analyze(inner, req, caller, &id),
        Op::GetBatchAnalysis(id) => batches::analysis(inner, caller, &id),
        Op::CreateBatchV2 => batches_v2::create(inner, req, caller),
        Op::ListBatchesV2 => batches_v2::list(inner, req, caller),
        Op::GetBatchV2(id) => batches_v2::get(inner, caller, &id),
        Op::BatchV2Logs(id) => batches_v2::logs(inner, req, caller, &id),
        Op::StopBatchV2(id) => batches_v2::stop(inner, caller, &id),
        Op::UpdateInbound(n) => inbound::update(inner, req, &n),
        Op::GetInbound(n) => inbound::get(inner, &n),
        Op::ListInbound => inbound::list(inner),
    }
}

/// The core's verifier decides; the owner is the index of the matching key.
fn authenticate(inner: &Inner, req: &mut Incoming) -> Option<Caller> {
    let keys = &inner.config.credentials.bland.api_keys;
    let lookup = |k: &str| {
        keys.iter()
            .find(|x| x.as_str() == k)
            .map(|x| KeyRecord::new(x.as_str()))
    };
    super::common::with_core_request(req, |r| {
        callplane_core::sign::bland::verify_api_key(r, &lookup)
    })
    .ok()?;
    let presented = req.header("authorization").map(str::trim)?;
    let index = keys.iter().position(|k| k == presented)?;
    Some(Caller {
        owner: index.to_string(),
    })
}

/// Deliver what became due on the simulated clock: post-call webhooks and v2 batch final events.
pub fn tick(inner: &Arc<Inner>) {
    // Deliveries are spawned on the tokio runtime; without one (a plain thread calling
    // `advance_clock`) they wait for the background ticker.
    if tokio::runtime::Handle::try_current().is_err() {
        return;
    }
    let due = book::collect_due(inner);
    for d in due {
        inner.deliverer.enqueue(d);
    }
}

/// The simulated "now" and the core's validation context at that instant (schedules such as
/// `start_time` live on the simulated clock).
pub(crate) fn now(inner: &Inner) -> (i64, callplane_core::Context) {
    let now = inner.clock.now_ms();
    (now, callplane_core::Context::at(now))
}
