//! v2 batches (docs.bland.ai/api-v2/post/batches; VENDORS.md §1.4): create, list, get, logs, stop,
//! and the `status_webhook` events. Logs and events are one derived sequence: `validating`,
//! `dispatching`, `in_progress` when the batch is accepted, then a final `completed`,
//! `completed_partial` or `failed` (with `calls_total`, `calls_successful`, `calls_failed`) when
//! its last call ends on the simulated clock.

use super::book::{self, terminal_at};
use super::calls::{self, Spec, query_object};
use super::reply::{self, body_json};
use super::routes::Envelope;
use super::{Caller, now};
use crate::Inner;
use crate::compact::Shared;
use crate::http::{Incoming, Reply};
use crate::lifecycle::Status;
use crate::state::{SimBatch, Store, row_text_of};
use crate::vendors::common::{self, iso8601_ms};
use crate::webhooks::{Delivery, DeliveryState, WebhookKind};
use callplane_core::Vendor;
use callplane_core::bland::{self as core_bland, BatchLogsQuery, ListBatchesV2Query, LogDirection};
use callplane_core::json::parse_and_validate;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::sync::Arc;

const ENV: Envelope = Envelope::Data;

/// Final counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub total: u64,
    pub successful: u64,
    pub failed: u64,
}

/// One lifecycle event of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at_ms: i64,
    pub status: &'static str,
    pub message: String,
    /// Final events only.
    pub tally: Option<Tally>,
    /// `batch_early_exit` for a stopped batch.
    pub code: Option<&'static str>,
    pub reason: Option<&'static str>,
}

/// When the batch's last call ends (terminal instants, stops included), and the tally then.
/// Calls refused before queueing, failed and stopped calls count as failed; every other
/// terminal outcome (completed, no answer, busy, voicemail) was dispatched successfully.
pub fn completion(store: &Store, b: &SimBatch) -> (i64, Tally) {
    let mut end = b.created_ms;
    let mut t = Tally {
        total: b.calls.len() as u64,
        successful: 0,
        failed: 0,
    };
    for c in b.calls.iter().filter_map(|i| store.calls.get(*i)) {
        let at = terminal_at(c);
        end = end.max(at);
        let refused = store.bland.pre_queue.contains(&c.seq);
        let s = c.snapshot(at);
        if refused || matches!(s.status, Status::Failed | Status::Canceled) {
            t.failed += 1;
        } else {
            t.successful += 1;
        }
    }
    (end, t)
}

/// Every event of the batch that has happened by `now`.
pub fn events(store: &Store, b: &SimBatch, now: i64) -> Vec<Event> {
    let n = b.calls.len();
    let refused = b
        .calls
        .iter()
        .filter_map(|i| store.calls.get(*i))
        .filter(|c| store.bland.pre_queue.contains(&c.seq))
        .count();
    let dispatched = n - refused;
    let ev = |status, message: String| Event {
        at_ms: b.created_ms,
        status,
        message,
        tally: None,
        code: None,
        reason: None,
    };
    let mut out = vec![
        ev("validating", format!("Validating {n} call objects.")),
        ev(
            "dispatching",
            format!("Requested: {n}. Validated: {n}. Dispatching: {dispatched}."),
        ),
        ev(
            "in_progress",
            format!("Requested: {n}. Validated: {n}. Dispatched: {dispatched}. CPS: 1.00."),
        ),
    ];
    let (end, tally) = completion(store, b);
    if end <= now {
        let stopped = b.stopped_ms.is_some_and(|s| s <= end);
        let status = if stopped || (tally.successful == 0 && tally.total > 0) {
            "failed"
        } else if tally.failed > 0 {
            "completed_partial"
        } else {
            "completed"
        };
        out.push(Event {
            at_ms: end,
            status,
            message: format!(
                "Batch finished: {} of {} calls successful.",
                tally.successful, tally.total
            ),
            tally: Some(tally),
            code: stopped.then_some("batch_early_exit"),
            reason: stopped.then_some("The batch was stopped before every call finished."),
        });
    }
    out
}

/// The `status_webhook` body of one event (`BatchStatusWebhook`).
pub fn webhook_body(b: &SimBatch, e: &Event) -> Value {
    let mut o = Map::new();
    o.insert("batch_id".into(), json!(b.id));
    o.insert("status".into(), json!(e.status));
    o.insert("timestamp".into(), json!(iso8601_ms(e.at_ms)));
    o.insert("message".into(), json!(e.message));
    if let Some(t) = e.tally {
        o.insert("calls_total".into(), json!(t.total));
        o.insert("calls_successful".into(), json!(t.successful));
        o.insert("calls_failed".into(), json!(t.failed));
    }
    if let (Some(code), Some(reason)) = (e.code, e.reason) {
        o.insert("code".into(), json!(code));
        o.insert("reason".into(), json!(reason));
    }
    Value::Object(o)
}

fn delivery(b: &SimBatch, url: &str, e: &Event) -> Delivery {
    Delivery {
        id: 0,
        kind: WebhookKind::BatchStatus,
        url: book::delivery_url(url),
        call_id: None,
        batch_id: Some(b.id.to_string()),
        event_ms: e.at_ms,
        headers: Vec::new(),
        body: webhook_body(b, e),
        attempts: Vec::new(),
        state: DeliveryState::Pending,
    }
}

fn status_webhook<'a>(store: &'a Store, b: &SimBatch) -> Option<&'a str> {
    store
        .request(b.request)
        .get("status_webhook")
        .and_then(Value::as_str)
}

/// What the due-queue should do with a v2 batch.
pub enum Final {
    Send(Box<Delivery>),
    /// Not over yet: look again then.
    NotYet(i64),
    Skip,
}

/// The final `status_webhook` event of batch `index`, if it is due at `now`.
pub fn final_event(store: &Store, index: usize, now: i64) -> Final {
    let Some(b) = store.batches.get(index) else {
        return Final::Skip;
    };
    if b.api != "v2" || b.final_webhook_sent {
        return Final::Skip;
    }
    let Some(url) = status_webhook(store, b) else {
        return Final::Skip;
    };
    let (end, _) = completion(store, b);
    if end > now {
        return Final::NotYet(end);
    }
    match events(store, b, now)
        .into_iter()
        .find(|e| e.tally.is_some())
    {
        Some(e) => Final::Send(Box::new(delivery(b, url, &e))),
        None => Final::NotYet(now + 1),
    }
}

/// `POST /v2/batches/create`.
pub fn create(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let value = match body_json(ENV, &req.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(r) = reply::arrays_for_objects(ENV, &value) {
        return r;
    }
    let (now, ctx) = now(inner);
    let (parsed, report) = core_bland::parse_create_batch_v2(value, &ctx);
    let Some(batch) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (body, report) = batch.to_wire_body(&ctx);
    if !report.is_ok() {
        return reply::invalid(ENV, &report);
    }
    let Value::Object(mut body) = body else {
        return reply::invalid_messages(ENV, vec!["expected a JSON object".into()]);
    };
    let objects: Vec<Map<String, Value>> = match body.remove("call_objects") {
        Some(Value::Array(v)) => v
            .into_iter()
            .filter_map(|o| match o {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    body.entry("description")
        .or_insert_with(|| json!("Untitled Batch"));
    let global = body.get("global").cloned().unwrap_or(Value::Null);
    let mut store = inner.store();
    // Caller-assigned ids (`b_cid`) must be new.
    let mut seen = HashSet::new();
    let mut taken = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        if let Some(b) = o.get("b_cid").and_then(Value::as_str)
            && (!seen.insert(b.to_owned()) || store.call(b).is_some())
        {
            taken.push(format!(
                "call_objects[{i}].b_cid: {b} is already used by another call"
            ));
        }
    }
    if !taken.is_empty() {
        return reply::invalid_messages(ENV, taken);
    }
    let id = common::uuid(inner.config.seed ^ 0x0B1A_4D00, store.next_seq + 1);
    let request = store.insert_request(Value::Object(body));
    let pick = |o: &Map<String, Value>, k: &str| o.get(k).or_else(|| global.get(k)).cloned();
    let group = Shared::from(id.as_str());
    let specs: Vec<Spec> = objects
        .into_iter()
        .map(|o| {
            let to = o
                .get("phone_number")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let delay = pick(&o, "start_time")
                .as_ref()
                .and_then(Value::as_str)
                .and_then(core_bland::rules::parse_start_time)
                .map_or(0, |at| (at - now).max(0));
            Spec {
                plan: common::plan(inner, &to).ok(),
                from: pick(&o, "from").and_then(|v| v.as_str().map(str::to_owned)),
                webhook: pick(&o, "webhook").is_some(),
                id: o.get("b_cid").and_then(Value::as_str).map(str::to_owned),
                to,
                request,
                row: Some(row_text_of(&o)),
                group: Some(group.clone()),
                delay_ms: delay,
            }
        })
        .collect();
    let mut book = book::primed(inner, &store, now);
    let indexes = calls::place_batch(inner, &mut store, &mut book, &caller.owner, now, specs);
    let owner = store.owner(&caller.owner);
    let bi = store.insert_batch(SimBatch {
        vendor: Vendor::Bland,
        id: group,
        api: "v2".into(),
        created_ms: now,
        owner,
        request,
        calls: indexes,
        stopped_ms: None,
        final_webhook_sent: false,
    });
    let mut initial = Vec::new();
    if let Some(b) = store.batches.get(bi)
        && let Some(url) = status_webhook(&store, b)
    {
        let (end, _) = completion(&store, b);
        book.push_batch(end, bi);
        initial = events(&store, b, now)
            .iter()
            .filter(|e| e.tally.is_none())
            .map(|e| delivery(b, url, e))
            .collect();
    }
    drop(book);
    drop(store);
    for d in initial {
        inner.deliverer.enqueue(d);
    }
    reply::data(json!({"batch_id": id}))
}

fn own<'a>(store: &'a Store, caller: &Caller, id: &str) -> Option<&'a SimBatch> {
    store
        .batch(id)
        .filter(|b| b.vendor == Vendor::Bland && b.api == "v2" && b.owner == caller.owner)
}

fn not_found(id: &str) -> Reply {
    reply::error(
        ENV,
        404,
        "BATCH_NOT_FOUND",
        &format!("Batch {id} not found."),
    )
}

/// A batch as listed / fetched: `base_prompt` is the `global` object as a JSON string.
fn batch_json(store: &Store, b: &SimBatch) -> Value {
    let request = store.request(b.request);
    let global = request.get("global").cloned().unwrap_or(Value::Null);
    let preview: Vec<Value> = b
        .calls
        .iter()
        .take(5)
        .filter_map(|i| store.calls.get(*i))
        .filter_map(|c| c.row().map(Value::Object))
        .collect();
    json!({
        "id": b.id,
        "user_id": format!("user-sim-{}", b.owner),
        "base_prompt": serde_json::to_string(&global).unwrap_or_default(),
        "created_at": iso8601_ms(b.created_ms),
        "call_objects": preview,
        "description": request.get("description"),
    })
}

/// `GET /v2/batches/list?take=&skip=`: newest first.
pub fn list(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let q = match query_object(ENV, req, &["take", "skip"], &[]) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (parsed, report) = parse_and_validate(q, |q: &ListBatchesV2Query, r| {
        core_bland::validate_take(q.take, r)
    });
    let Some(q) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let store = inner.store();
    let skip = usize::try_from(q.skip.unwrap_or(0)).unwrap_or(usize::MAX);
    let data: Vec<Value> = store
        .batches
        .iter()
        .rev()
        .filter(|b| b.vendor == Vendor::Bland && b.api == "v2" && b.owner == caller.owner)
        .skip(skip)
        .take(q.take.map_or(usize::MAX, |t| t as usize))
        .map(|b| batch_json(&store, b))
        .collect();
    reply::data(Value::Array(data))
}

/// `GET /v2/batches/{id}` (no logs).
pub fn get(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let store = inner.store();
    match own(&store, caller, id) {
        Some(b) => reply::data(batch_json(&store, b)),
        None => not_found(id),
    }
}

/// `GET /v2/batches/{id}/logs?take=&skip=&direction=`: `lifecycle` entries per state change and
/// a `complete` entry with the tally.
pub fn logs(inner: &Arc<Inner>, req: &Incoming, caller: &Caller, id: &str) -> Reply {
    let q = match query_object(ENV, req, &["take", "skip"], &[]) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (parsed, report) = parse_and_validate(q, |q: &BatchLogsQuery, r| {
        core_bland::validate_take(q.take, r)
    });
    let Some(q) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (now, _) = now(inner);
    let store = inner.store();
    let Some(b) = own(&store, caller, id) else {
        return not_found(id);
    };
    let mut entries = Vec::new();
    for e in events(&store, b, now) {
        let n = entries.len() + 1;
        let entry = |event_type: &str, payload: Value, n: usize| {
            json!({"id": n, "batch_id": b.id, "org_id": format!("org-sim-{}", b.owner),
                   "event_type": event_type, "timestamp": iso8601_ms(e.at_ms), "payload": payload})
        };
        entries.push(entry(
            "lifecycle",
            json!({"message": e.message, "state_change": e.status}),
            n,
        ));
        if let Some(t) = e.tally {
            entries.push(entry(
                "complete",
                json!({"calls_total": t.total, "calls_failed": t.failed, "calls_successful": t.successful}),
                n + 1,
            ));
        }
    }
    if q.direction == Some(LogDirection::Desc) {
        entries.reverse();
    }
    let skip = usize::try_from(q.skip.unwrap_or(0)).unwrap_or(usize::MAX);
    let page: Vec<Value> = entries
        .into_iter()
        .skip(skip)
        .take(q.take.map_or(usize::MAX, |t| t as usize))
        .collect();
    reply::data(Value::Array(page))
}

/// `POST /v2/batches/{id}/stop` → `{"data": null, "errors": null}`.
pub fn stop(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let (now, _) = now(inner);
    let mut store = inner.store();
    let Some(&bi) = store.batch_index.get(id) else {
        return not_found(id);
    };
    let Some(indexes) = own(&store, caller, id).map(|b| b.calls.clone()) else {
        return not_found(id);
    };
    calls::stop_calls(inner, &mut store, &indexes, now);
    if let Some(b) = store.batches.get_mut(bi) {
        b.stopped_ms.get_or_insert(now);
    }
    let mut book = book::primed(inner, &store, now);
    book.push_batch(now, bi);
    reply::data(Value::Null)
}
