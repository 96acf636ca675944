//! `/v1/calls`: send, list, details, stop, analyze — and call creation shared with batches.

use super::book::{self, Book};
use super::reply::{self, body_json};
use super::routes::Envelope;
use super::view::{self, DEFAULT_FROM};
use super::{Caller, content, now};
use crate::Inner;
use crate::compact::Shared;
use crate::http::{Incoming, Reply};
use crate::lifecycle::natural_end_ms;
use crate::outcome::{Outcome, Plan};
use crate::state::Store;
use crate::vendors::common::{self, NewCall};
use callplane_core::Vendor;
use callplane_core::bland as core_bland;
use callplane_core::json::parse_and_validate;
use serde_json::{Map, Value, json};
use std::sync::Arc;

const ENV: Envelope = Envelope::Status;

/// Bland's documented 429 texts (POST /v1/calls "Error Codes Reference").
pub const SAME_NUMBER_MESSAGE: &str = "Calls can only be sent every 10 seconds to the same number. Please try again in a few seconds.";
pub const RATE_LIMIT_MESSAGE: &str = "Rate limit exceeded";

/// One call about to be created.
pub struct Spec {
    pub to: String,
    pub from: Option<String>,
    pub request: u32,
    /// Compact JSON text of the call's own row (`state::row_text_of`).
    pub row: Option<Box<str>>,
    pub group: Option<Shared>,
    /// Caller-chosen id (v2 `b_cid`).
    pub id: Option<String>,
    /// `None`: refused before queueing (blacklisted batch row).
    pub plan: Option<Plan>,
    /// Extra wait before dialing (schedule, queueing behind the concurrency cap).
    pub delay_ms: i64,
    pub webhook: bool,
}

/// A plan for a call refused before it was queued: it is over the moment it exists.
const REFUSED: Plan = Plan {
    outcome: Outcome::Failed,
    queue_ms: 0,
    ring_ms: 0,
    talk_ms: 0,
    fail_reason: None,
    early_hangup: false,
};

/// Insert a call; returns its index in `Store::calls`.
pub fn insert(
    inner: &Inner,
    store: &mut Store,
    book: &mut Book,
    owner: &str,
    now: i64,
    spec: Spec,
) -> usize {
    let mut plan = spec.plan.unwrap_or(REFUSED);
    let delay = u32::try_from(spec.delay_ms.max(0)).unwrap_or(u32::MAX);
    plan.queue_ms = plan.queue_ms.saturating_add(delay);
    let id = spec
        .id
        .unwrap_or_else(|| common::uuid(inner.config.seed, store.next_seq + 1));
    let owner = store.owner(owner);
    let idx = common::insert_call(
        store,
        plan,
        now,
        NewCall {
            vendor: Vendor::Bland,
            id,
            group_id: spec.group,
            to: spec.to,
            from: spec.from.or_else(|| Some(DEFAULT_FROM.to_owned())),
            owner,
            request: spec.request,
            row: spec.row,
        },
    );
    let Some(call) = store.calls.get(idx) else {
        return idx;
    };
    let (seq, end) = (call.seq, natural_end_ms(&call.plan, call.created_ms));
    if spec.plan.is_none() {
        store.bland.pre_queue.insert(seq);
    }
    if spec.webhook {
        book.push_call(end, idx);
    }
    idx
}

/// `POST /v1/calls`.
pub fn send(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let value = match body_json(ENV, &req.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(r) = reply::arrays_for_objects(ENV, &value) {
        return r;
    }
    let (now, ctx) = now(inner);
    let (parsed, report) = core_bland::parse_send_call(value, &ctx);
    let Some(call) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (body, report) = call.to_wire_body(&ctx);
    if !report.is_ok() {
        return reply::invalid(ENV, &report);
    }
    let Some(to) = body
        .get("phone_number")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return reply::invalid_messages(ENV, vec!["phone_number is required".into()]);
    };
    let Ok(plan) = common::plan(inner, &to) else {
        return reply::error_reply(429, view::BLACKLISTED_MESSAGE);
    };
    let delay = body
        .get("start_time")
        .and_then(Value::as_str)
        .and_then(core_bland::rules::parse_start_time)
        .map_or(0, |at| (at - now).max(0));
    let limits = &inner.config.limits;
    let mut store = inner.store();
    let mut book = book::primed(inner, &store, now);
    // The 10-second rule counts simulated seconds, like every other lifecycle time here.
    if let Some(secs) = limits.bland_same_number_seconds
        && book
            .same_number_wait(&caller.owner, &to, now, i64::from(secs) * 1000)
            .is_some()
    {
        return reply::error_reply(429, SAME_NUMBER_MESSAGE);
    }
    // A scheduled call is not dialing now: it takes no slot (and is not refused for one).
    if delay == 0
        && let Some(cap) = limits.bland_max_concurrent_calls
        && book.live(&caller.owner, now) >= cap as usize
    {
        return reply::error_reply(429, RATE_LIMIT_MESSAGE);
    }
    let from = body.get("from").and_then(Value::as_str).map(str::to_owned);
    let webhook = body.get("webhook").is_some();
    let request = store.insert_request(body);
    let idx = insert(
        inner,
        &mut store,
        &mut book,
        &caller.owner,
        now,
        Spec {
            to: to.clone(),
            from,
            request,
            row: None,
            group: None,
            id: None,
            plan: Some(plan),
            delay_ms: delay,
            webhook,
        },
    );
    if limits.bland_same_number_seconds.is_some() {
        book.note_call(&caller.owner, &to, now + delay);
    }
    let Some(c) = store.calls.get(idx) else {
        return reply::error_reply(500, "Unable to queue call.");
    };
    // The body is this call's own: compacted by the tick once the call has ended.
    let due = std::cmp::Reverse((
        natural_end_ms(&c.plan, c.created_ms),
        u32::try_from(idx).unwrap_or(u32::MAX),
    ));
    store.compaction_due.push(due);
    let Some(c) = store.calls.get(idx) else {
        return reply::error_reply(500, "Unable to queue call.");
    };
    if delay == 0 && limits.bland_max_concurrent_calls.is_some() {
        book.occupy(&caller.owner, natural_end_ms(&c.plan, c.created_ms), c.seq);
    }
    Reply::json(
        200,
        &json!({"status": "success", "message": "Call successfully queued.", "call_id": c.id, "batch_id": null}),
    )
}

/// Query pairs as a JSON object for the core's query models: numbers and booleans typed when
/// they read as such, so `limit=ten` is the core's type error, not a silent default. A query that
/// does not decode (a malformed percent-escape) is Bland's 400 in the endpoint's envelope.
pub fn query_object(
    env: Envelope,
    req: &Incoming,
    numeric: &[&str],
    boolean: &[&str],
) -> Result<Value, Reply> {
    let pairs = req.query_params().map_err(|e| {
        reply::invalid_messages(env, vec![format!("the query string does not decode: {e}")])
    })?;
    let mut m = Map::new();
    for (k, v) in pairs {
        let val = if numeric.contains(&k.as_str()) {
            v.parse::<u64>().map_or(Value::String(v), Value::from)
        } else if boolean.contains(&k.as_str()) {
            match v.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(v),
            }
        } else {
            Value::String(v)
        };
        m.insert(k, val);
    }
    Ok(Value::Object(m))
}

/// `GET /v1/calls`: the caller's calls, newest first unless `ascending`, filtered, then the
/// `from`/`to` index range and `limit` (default 1000).
pub fn list(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let q = match query_object(
        ENV,
        req,
        &["from", "to", "limit"],
        &["ascending", "completed"],
    ) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (parsed, report) = parse_and_validate(q, core_bland::validate_list_calls);
    let Some(q) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let to_number = q
        .to_number
        .as_deref()
        .map(|n| core_bland::rules::normalise_phone(n).map_or_else(|_| n.to_owned(), String::from));
    let from_number = q
        .from_number
        .as_deref()
        .map(|n| core_bland::rules::normalise_phone(n).map_or_else(|_| n.to_owned(), String::from));
    let (now, _) = now(inner);
    let store = inner.store();
    // A batch filter walks only that batch's calls.
    let candidates: Box<dyn Iterator<Item = &crate::state::SimCall>> = match &q.batch_id {
        Some(b) => match store.batch(b) {
            Some(batch) => Box::new(batch.calls.iter().filter_map(|i| store.calls.get(*i))),
            None => Box::new(std::iter::empty()),
        },
        None => Box::new(store.calls.iter()),
    };
    let day = |ms: i64| common::iso8601_ms(ms).get(..10).unwrap_or("").to_owned();
    let mut matching: Vec<&crate::state::SimCall> = candidates
        .filter(|c| c.vendor == Vendor::Bland && c.owner == caller.owner)
        .filter(|c| to_number.as_deref().is_none_or(|n| c.to == n))
        .filter(|c| {
            from_number
                .as_deref()
                .is_none_or(|n| c.from.as_deref() == Some(n))
        })
        .filter(|c| {
            q.completed.is_none_or(|want| {
                let done =
                    c.snapshot(now).status.is_terminal() || store.bland.pre_queue.contains(&c.seq);
                done == want
            })
        })
        .filter(|c| {
            let d = day(c.created_ms);
            q.created_at
                .as_deref()
                .is_none_or(|x| d == x.get(..10).unwrap_or(x))
                && q.start_date
                    .as_deref()
                    .is_none_or(|x| d.as_str() >= x.get(..10).unwrap_or(x))
                && q.end_date
                    .as_deref()
                    .is_none_or(|x| d.as_str() <= x.get(..10).unwrap_or(x))
        })
        .collect();
    if q.ascending != Some(true) {
        matching.reverse();
    }
    let total = matching.len();
    let from = usize::try_from(q.from.unwrap_or(0)).unwrap_or(usize::MAX);
    let end =
        q.to.map_or(usize::MAX, |t| usize::try_from(t).unwrap_or(usize::MAX));
    let limit = q.limit.unwrap_or(1000) as usize;
    let calls: Vec<Value> = matching
        .into_iter()
        .enumerate()
        .skip(from)
        .take_while(|(i, _)| *i < end)
        .take(limit)
        .map(|(_, c)| view::call_object(&view::context(&store, c), now, false))
        .collect();
    Reply::json(
        200,
        &json!({"total_count": total, "count": calls.len(), "calls": calls}),
    )
}

fn not_found() -> Reply {
    reply::not_found(ENV, "Call not found.")
}

/// `GET /v1/calls/{id}`.
pub fn get(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let (now, _) = now(inner);
    let store = inner.store();
    match store
        .call(id)
        .filter(|c| c.vendor == Vendor::Bland && c.owner == caller.owner)
    {
        Some(c) => Reply::json(
            200,
            &view::call_object(&view::context(&store, c), now, true),
        ),
        None => not_found(),
    }
}

/// Stop every given call that is still live at `now`; returns how many were stopped.
pub fn stop_calls(inner: &Inner, store: &mut Store, indexes: &[usize], now: i64) -> usize {
    let mut book = book::primed(inner, store, now);
    let mut stopped = 0;
    for &i in indexes {
        let Some(c) = store.calls.get_mut(i) else {
            continue;
        };
        let end = natural_end_ms(&c.plan, c.created_ms);
        let live = c.canceled_ms.is_none() && end > now;
        if !live || store.bland.pre_queue.contains(&c.seq) {
            continue;
        }
        c.canceled_ms = Some(now);
        book.release(&c.owner, end, c.seq, now);
        // Its post-call webhook is now due at the stop instant.
        book.push_call(now, i);
        stopped += 1;
    }
    stopped
}

/// `POST /v1/calls/{id}/stop`.
pub fn stop(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let (now, _) = now(inner);
    let mut store = inner.store();
    let Some(i) = store.call_position(id) else {
        return not_found();
    };
    if store
        .calls
        .get(i)
        .is_none_or(|c| c.vendor != Vendor::Bland || c.owner != caller.owner)
    {
        return not_found();
    }
    match stop_calls(inner, &mut store, &[i], now) {
        0 => reply::error_reply(400, "Call is not active."),
        _ => Reply::json(
            200,
            &json!({"status": "success", "message": "Call ended successfully."}),
        ),
    }
}

/// `[question, type]` pairs of a valid analyze body.
pub fn questions(req: &core_bland::AnalyzeRequest) -> Vec<(String, String)> {
    req.questions
        .iter()
        .flatten()
        .map(|q| (q.0.clone(), q.1.clone()))
        .collect()
}

/// Answers for one call: typed values for calls that connected to a person, `null` otherwise.
pub fn answers(
    store: &Store,
    c: &crate::state::SimCall,
    qs: &[(String, String)],
    now: i64,
) -> Vec<Value> {
    let cx = view::context(store, c);
    let s = c.snapshot(now);
    let talked = s.status == crate::lifecycle::Status::Completed && !cx.pre_queue;
    let end = s.ended_ms.unwrap_or(now);
    qs.iter()
        .map(|(q, t)| {
            if talked {
                content::answer(&cx, q, t, end)
            } else {
                Value::Null
            }
        })
        .collect()
}

/// `POST /v1/calls/{id}/analyze`: `{goal, questions: [[text, type], …]}`.
pub fn analyze(inner: &Arc<Inner>, req: &Incoming, caller: &Caller, id: &str) -> Reply {
    let value = match body_json(ENV, &req.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let (parsed, report) = core_bland::parse_analyze(value);
    let Some(a) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (now, _) = now(inner);
    let store = inner.store();
    let Some(c) = store
        .call(id)
        .filter(|c| c.vendor == Vendor::Bland && c.owner == caller.owner)
    else {
        return not_found();
    };
    if !c.snapshot(now).status.is_terminal() && !store.bland.pre_queue.contains(&c.seq) {
        return reply::error_reply(400, "Call must be completed before it can be analyzed.");
    }
    let answers = answers(&store, c, &questions(&a), now);
    Reply::json(
        200,
        &json!({"status": "success", "message": "Successfully analyzed call", "answers": answers}),
    )
}

/// Place the calls of a batch. Instead of the single-call 429s, each call waits: for a free
/// concurrency slot of the API key (it starts when the earliest-ending call frees one) and for the
/// same-number window. The wait becomes part of its queue time, so `queue_status` stays `queued`
/// until its turn. Scheduled calls (`start_time`) take no slot, as for single calls.
pub fn place_batch(
    inner: &Inner,
    store: &mut Store,
    book: &mut Book,
    owner: &str,
    now: i64,
    specs: Vec<Spec>,
) -> Vec<usize> {
    let limits = &inner.config.limits;
    let mut out = Vec::with_capacity(specs.len());
    for mut spec in specs {
        let mut slotted = false;
        if spec.plan.is_some() {
            let mut start = now + spec.delay_ms.max(0);
            if spec.delay_ms <= 0
                && let Some(cap) = limits.bland_max_concurrent_calls
            {
                start = book.slot_start(owner, now, (cap as usize).max(1));
                slotted = true;
            }
            if let Some(secs) = limits.bland_same_number_seconds {
                if let Some(wait) =
                    book.same_number_wait(owner, &spec.to, start, i64::from(secs) * 1000)
                {
                    start += wait;
                }
                book.note_call(owner, &spec.to, start);
            }
            spec.delay_ms = start - now;
        }
        let idx = insert(inner, store, book, owner, now, spec);
        if slotted && let Some(c) = store.calls.get(idx) {
            book.occupy(owner, natural_end_ms(&c.plan, c.created_ms), c.seq);
        }
        out.push(idx);
    }
    out
}
