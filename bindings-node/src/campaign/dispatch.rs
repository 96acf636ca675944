//! The dispatch loop: send every planned request exactly once, journalled.
//!
//! For each intent, in plan order and up to `concurrency` at a time:
//! 1. commit `sending` (with the wall-clock send time) — before any byte leaves;
//! 2. send through the engine (validated, signed per attempt, paced, retryable errors retried);
//! 3. commit the outcome: `sent` with the vendor's ids, `failed` with the error, or `ambiguous`
//!    when the answer was lost after sending.
//!
//! Every pass first resolves what is `sending` (a crash between 1 and 3) or `ambiguous` by asking
//! the vendor ([`super::trace`]): found → `sent`; no trace → back to `planned`, sent again; not
//! decidable yet → left alone and asked again later. A pass ends when nothing is left to send or
//! resolve.

use super::clock::VendorClock;
use super::journal::{self, ContactUpdate, IntentRow, Journal, State};
use super::trace::{self, Horizon, Resolution, Trace};
use crate::engine::{Engine, unix_ms};
use callplane_core::Vendor;
use callplane_core::api::registry::Operation;
use callplane_core::vendor_error::RetryClass;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How a run behaves.
#[derive(Debug, Clone)]
pub(crate) struct RunConfig {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The vendor's clock (wall clock, or a simulator's).
    pub clock: VendorClock,
    /// When an absent trace is conclusive.
    pub horizon: Horizon,
    /// Wait between passes while intents wait for a decidable lookup.
    pub recheck_ms: u64,
    /// Sends of one intent whose failures were all retryable before it is recorded as failed.
    pub max_sends: i64,
    /// Wait for each request's planned send time (schedule, calling hours, the plan's pacing).
    /// Off only for load tests against a simulator with its limits off.
    pub honor_not_before: bool,
}

/// Live counters, read by `progress()` while the run goes on.
#[derive(Debug, Default)]
pub(crate) struct Progress {
    pub intents: AtomicI64,
    pub contacts: AtomicI64,
    pub accepted_contacts: AtomicI64,
    pub failed_contacts: AtomicI64,
    pub sent_requests: AtomicI64,
    pub ambiguous: AtomicI64,
    pub found_by_lookup: AtomicI64,
    pub resent_after_lookup: AtomicI64,
    pub waiting: AtomicI64,
    pub started_ms: AtomicI64,
    /// The last lookup that failed (it is retried on the next pass), for the operator.
    pub last_lookup_error: std::sync::Mutex<Option<String>>,
}

impl Progress {
    /// The counters as JSON (camelCase, for JS).
    pub(crate) fn to_json(&self) -> Value {
        let g = |a: &AtomicI64| a.load(Ordering::Relaxed);
        json!({
            "requests": g(&self.intents),
            "contacts": g(&self.contacts),
            "accepted": g(&self.accepted_contacts),
            "failed": g(&self.failed_contacts),
            "sent": g(&self.sent_requests),
            "ambiguous": g(&self.ambiguous),
            "foundByLookup": g(&self.found_by_lookup),
            "resentAfterLookup": g(&self.resent_after_lookup),
            "waitingForLookup": g(&self.waiting),
            "elapsedMs": (unix_ms() - g(&self.started_ms)).max(0),
            "lastLookupError": self
                .last_lookup_error
                .lock()
                .map(|e| e.clone())
                .unwrap_or_default(),
        })
    }
}

/// Everything a dispatch task needs.
struct Ctx {
    engine: Arc<Engine>,
    journal: Journal,
    progress: Arc<Progress>,
    cfg: RunConfig,
}

/// Dispatch every intent of `journal` to completion.
pub(crate) async fn run(
    engine: Arc<Engine>,
    journal: Journal,
    cfg: RunConfig,
    progress: Arc<Progress>,
) -> Result<(), String> {
    let ctx = Arc::new(Ctx {
        engine,
        journal,
        progress,
        cfg,
    });
    let first = ctx.journal.read(journal::intents).await?;
    count_done(&ctx, &first).await?;
    loop {
        let rows = ctx.journal.read(journal::intents).await?;
        let unresolved: Vec<IntentRow> = rows
            .iter()
            .filter(|r| matches!(r.state, State::Sending | State::Ambiguous))
            .cloned()
            .collect();
        let planned: Vec<IntentRow> = rows
            .into_iter()
            .filter(|r| r.state == State::Planned)
            .collect();
        if unresolved.is_empty() && planned.is_empty() {
            ctx.progress.waiting.store(0, Ordering::Relaxed);
            return Ok(());
        }
        let waiting = resolve_all(&ctx, unresolved).await?;
        ctx.progress.waiting.store(waiting, Ordering::Relaxed);
        let sent = planned.len();
        send_all(&ctx, planned).await?;
        if sent == 0 && waiting > 0 {
            tokio::time::sleep(Duration::from_millis(ctx.cfg.recheck_ms)).await;
        }
    }
}

/// Counters for what earlier runs already finished.
async fn count_done(ctx: &Ctx, rows: &[IntentRow]) -> Result<(), String> {
    let p = &ctx.progress;
    p.intents.store(rows.len() as i64, Ordering::Relaxed);
    let totals = ctx.journal.read(journal::totals).await?;
    let mut contacts = 0;
    let mut accepted = 0;
    let mut failed = 0;
    for (status, n) in totals {
        match status.as_str() {
            "excluded" => {}
            "pending" => contacts += n,
            "failed" => {
                contacts += n;
                failed += n;
            }
            _ => {
                contacts += n;
                accepted += n;
            }
        }
    }
    p.contacts.store(contacts, Ordering::Relaxed);
    p.accepted_contacts.store(accepted, Ordering::Relaxed);
    p.failed_contacts.store(failed, Ordering::Relaxed);
    let sent = rows.iter().filter(|r| r.state == State::Sent).count();
    p.sent_requests.store(sent as i64, Ordering::Relaxed);
    Ok(())
}

/// Resolve every unresolved intent; returns how many must wait for a later pass.
async fn resolve_all(ctx: &Arc<Ctx>, rows: Vec<IntentRow>) -> Result<i64, String> {
    if rows.is_empty() {
        return Ok(0);
    }
    let vt = ctx.cfg.clock.read().await?;
    let limit = Arc::new(Semaphore::new(ctx.cfg.concurrency.clamp(1, 32)));
    let mut tasks = tokio::task::JoinSet::new();
    for row in rows {
        let ctx = Arc::clone(ctx);
        let permit = Arc::clone(&limit)
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        tasks.spawn(async move {
            let _permit = permit;
            resolve_one(&ctx, row, vt).await
        });
    }
    let mut waiting = 0;
    while let Some(r) = tasks.join_next().await {
        if r.map_err(|e| e.to_string())?? {
            waiting += 1;
        }
    }
    Ok(waiting)
}

/// Resolve one intent; true when it must wait.
async fn resolve_one(
    ctx: &Ctx,
    row: IntentRow,
    vt: super::clock::VendorTime,
) -> Result<bool, String> {
    let trace: Trace = serde_json::from_value(row.trace.clone())
        .map_err(|e| format!("intent {}: unreadable trace: {e}", row.key))?;
    let Some(sent_at) = row.sent_at_ms else {
        // Never marked as sent (cannot happen for these states): nothing can have left.
        set_planned(ctx, &row.key).await?;
        return Ok(false);
    };
    let found = trace::resolve(&ctx.engine, &trace, &row, sent_at, vt, ctx.cfg.horizon).await;
    match found {
        Ok(Resolution::Found { answer, updates }) => {
            ctx.progress.found_by_lookup.fetch_add(1, Ordering::Relaxed);
            accept(ctx, &row, answer, updates, "lookup").await?;
            Ok(false)
        }
        Ok(Resolution::Absent) => {
            ctx.progress
                .resent_after_lookup
                .fetch_add(1, Ordering::Relaxed);
            set_planned(ctx, &row.key).await?;
            Ok(false)
        }
        Ok(Resolution::NotYet) => Ok(true),
        // The lookup itself failed (network, throttling past the retries): keep the intent
        // unresolved and ask again on the next pass. Never send on a failed lookup.
        Err(e) => {
            if let Ok(mut last) = ctx.progress.last_lookup_error.lock() {
                *last = Some(e);
            }
            Ok(true)
        }
    }
}

async fn set_planned(ctx: &Ctx, key: &str) -> Result<(), String> {
    let key = key.to_owned();
    ctx.journal
        .write(move |tx| journal::set_state(tx, &key, State::Planned, None, Some("absent")))
        .await
}

/// Send every planned intent, `concurrency` at a time, in plan order.
async fn send_all(ctx: &Arc<Ctx>, rows: Vec<IntentRow>) -> Result<(), String> {
    let limit = Arc::new(Semaphore::new(ctx.cfg.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for row in rows {
        let permit = Arc::clone(&limit)
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        // Reap finished tasks as we go so a 100k plan does not hold 100k results.
        while let Some(r) = tasks.try_join_next() {
            r.map_err(|e| e.to_string())??;
        }
        let ctx = Arc::clone(ctx);
        tasks.spawn(async move {
            let _permit = permit;
            send_one(&ctx, row).await
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.map_err(|e| e.to_string())??;
    }
    Ok(())
}

async fn send_one(ctx: &Ctx, row: IntentRow) -> Result<(), String> {
    let op = Operation::from_name(&row.operation)
        .ok_or_else(|| format!("intent {}: unknown operation {}", row.key, row.operation))?;
    if row.lost >= ctx.cfg.max_sends {
        // Every lost send was refused retryably or proved absent by a lookup, so nothing was
        // placed: stop here rather than send forever. Sends cut short by a crash do not count.
        let error = json!({
            "code": "no_answer_from_vendor",
            "message": format!("sent {} times without an answer the vendor kept", row.lost),
        });
        return fail(ctx, &row, error).await;
    }
    if let Some(t) = row.not_before_ms.filter(|_| ctx.cfg.honor_not_before) {
        let wait = t - unix_ms();
        if wait > 0 {
            tokio::time::sleep(Duration::from_millis(wait as u64)).await;
        }
    }
    let key = row.key.clone();
    let now = unix_ms();
    ctx.journal
        .write(move |tx| journal::mark_sending(tx, &key, now))
        .await?;
    match ctx.engine.run_core(op, row.input.clone()).await {
        Ok(s) => {
            ctx.progress.sent_requests.fetch_add(1, Ordering::Relaxed);
            accept(ctx, &row, s.parsed.data, Vec::new(), "answer").await
        }
        Err(f) => {
            let class = f.error.retry_class();
            let error = json!({
                "code": f.error.code(),
                "message": f.error.to_string(),
                "retryClass": class.map(RetryClass::as_str),
                "attempts": f.attempts,
            });
            let key = row.key.clone();
            match class {
                Some(RetryClass::Ambiguous) => {
                    ctx.progress.ambiguous.fetch_add(1, Ordering::Relaxed);
                    ctx.journal
                        .write(move |tx| {
                            journal::set_state(tx, &key, State::Ambiguous, Some(&error), None)
                        })
                        .await
                }
                // Retryable, but the engine's retries ran out: the vendor answered, so nothing
                // was placed. Send again on a later pass, up to `max_sends` in all.
                Some(RetryClass::Retryable) if row.lost + 1 < ctx.cfg.max_sends => {
                    ctx.journal
                        .write(move |tx| {
                            journal::set_state(tx, &key, State::Planned, Some(&error), None)
                        })
                        .await
                }
                _ => fail(ctx, &row, error).await,
            }
        }
    }
}

/// Record `row` as failed for good, and its contacts.
async fn fail(ctx: &Ctx, row: &IntentRow, error: Value) -> Result<(), String> {
    let updates: Vec<ContactUpdate> = row
        .contacts
        .iter()
        .map(|&idx| ContactUpdate {
            idx,
            status: Some("failed".into()),
            error: Some(error.clone()),
            ..Default::default()
        })
        .collect();
    let n = updates.len() as i64;
    let key = row.key.clone();
    let now = unix_ms();
    ctx.journal
        .write(move |tx| {
            journal::set_state(tx, &key, State::Failed, Some(&error), None)?;
            journal::update_contacts(tx, &updates, now)
        })
        .await?;
    ctx.progress.failed_contacts.fetch_add(n, Ordering::Relaxed);
    Ok(())
}

/// Record `row` as accepted by the vendor with `answer`; its contacts become `queued` with the
/// vendor's ids, then `more` (what a lookup already knows) is applied.
async fn accept(
    ctx: &Ctx,
    row: &IntentRow,
    answer: Value,
    more: Vec<ContactUpdate>,
    how: &'static str,
) -> Result<(), String> {
    let vendor = Operation::from_name(&row.operation).map(Operation::vendor);
    let mut updates: Vec<ContactUpdate> = row
        .contacts
        .iter()
        .map(|&idx| {
            let mut u = ContactUpdate {
                idx,
                status: Some("queued".into()),
                ..Default::default()
            };
            let text = |k: &str| {
                answer.get(k).and_then(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
            };
            match vendor {
                Some(Vendor::Tencent) => u.call_id = text("SessionId"),
                Some(Vendor::Aliyun) => u.group_id = text("TaskId"),
                _ => {
                    u.group_id = text("batch_id");
                    u.call_id = text("call_id");
                }
            }
            u
        })
        .collect();
    updates.extend(more);
    let n = row.contacts.len() as i64;
    let key = row.key.clone();
    let now = unix_ms();
    ctx.journal
        .write(move |tx| {
            journal::set_state(tx, &key, State::Sent, Some(&answer), Some(how))?;
            journal::update_contacts(tx, &updates, now)
        })
        .await?;
    ctx.progress
        .accepted_contacts
        .fetch_add(n, Ordering::Relaxed);
    Ok(())
}
