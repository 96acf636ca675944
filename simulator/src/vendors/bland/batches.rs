//! Legacy v1 batches (VENDORS.md §1.4, recovered from the docs' history): create, list, details
//! with aggregates, stop, analyze and stored analyses.

use super::book;
use super::calls::{self, Spec, query_object};
use super::reply::{self, body_json};
use super::routes::Envelope;
use super::view;
use super::{BatchAnalysis, Caller, now};
use crate::Inner;
use crate::compact::Shared;
use crate::http::{Incoming, Reply};
use crate::outcome::splitmix64;
use crate::state::{SimBatch, Store, row_text_of};
use crate::vendors::common::{self, iso8601_ms};
use callplane_core::Vendor;
use callplane_core::bland::{self as core_bland, GetBatchV1Query, ListBatchesV1Query};
use callplane_core::json::parse_and_validate;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

const ENV: Envelope = Envelope::Status;

/// `3p7rQ3p9sT5bzmFx-gen-batch`: Bland's legacy id shape (16 characters, then `-gen-batch`).
fn batch_id(seed: u64, seq: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut h = splitmix64(seed ^ seq.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let mut out = String::with_capacity(26);
    for _ in 0..16 {
        h = splitmix64(h);
        out.push(ALPHABET[(h % ALPHABET.len() as u64) as usize] as char);
    }
    out.push_str("-gen-batch");
    out
}

/// `POST /v1/batches`.
pub fn create(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let value = match body_json(ENV, &req.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(r) = reply::arrays_for_objects(ENV, &value) {
        return r;
    }
    let (now, ctx) = now(inner);
    let (parsed, report) = core_bland::parse_batch(value, &ctx);
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
    let mut rows = match body.remove("call_data") {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    if body.get("test_mode").and_then(Value::as_bool) == Some(true) {
        // "Place only the first call, to test."
        rows.truncate(1);
    }
    let delay = body
        .get("start_time")
        .and_then(Value::as_str)
        .and_then(core_bland::rules::parse_start_time)
        .map_or(0, |at| (at - now).max(0));
    let from = body.get("from").and_then(Value::as_str).map(str::to_owned);
    let webhook = body.get("webhook").is_some();
    let mut store = inner.store();
    let id = match body.get("batch_id").and_then(Value::as_str) {
        Some(chosen) if store.batch(chosen).is_some() => {
            return reply::invalid_messages(
                ENV,
                vec![format!("batch_id: {chosen} already exists")],
            );
        }
        Some(chosen) => chosen.to_owned(),
        None => batch_id(inner.config.seed, store.next_seq + 1),
    };
    // The batch body (without its rows) is stored once; each call keeps only its row.
    let request = store.insert_request(Value::Object(body));
    let group = Shared::from(id.as_str());
    let specs: Vec<Spec> = rows
        .into_iter()
        .filter_map(|row| match row {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .map(|row| {
            let to = row
                .get("phone_number")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            Spec {
                plan: common::plan(inner, &to).ok(),
                to,
                from: from.clone(),
                request,
                row: Some(row_text_of(&row)),
                group: Some(group.clone()),
                id: None,
                delay_ms: delay,
                webhook,
            }
        })
        .collect();
    let mut book = book::primed(inner, &store, now);
    let indexes = calls::place_batch(inner, &mut store, &mut book, &caller.owner, now, specs);
    drop(book);
    let owner = store.owner(&caller.owner);
    store.insert_batch(SimBatch {
        vendor: Vendor::Bland,
        id: group,
        api: "v1".into(),
        created_ms: now,
        owner,
        request,
        calls: indexes,
        stopped_ms: None,
        final_webhook_sent: false,
    });
    Reply::json(200, &json!({"message": "success", "batch_id": id}))
}

fn own_batch<'a>(store: &'a Store, caller: &Caller, id: &str) -> Option<&'a SimBatch> {
    store
        .batch(id)
        .filter(|b| b.vendor == Vendor::Bland && b.api == "v1" && b.owner == caller.owner)
}

fn not_found() -> Reply {
    reply::not_found(ENV, "Batch not found.")
}

/// `batch_params` / list entry of a legacy batch.
fn params(store: &Store, b: &SimBatch, id_key: &str) -> Value {
    let request = store.request(b.request);
    let call_params: Map<String, Value> = match request {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "base_prompt" | "label" | "campaign_id" | "batch_id"
                )
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Map::new(),
    };
    json!({
        id_key: b.id,
        "campaign_id": request.get("campaign_id"),
        "label": request.get("label"),
        "base_prompt": request.get("base_prompt"),
        "endpoint_code": "api",
        "call_params": call_params,
        "created_at": iso8601_ms(b.created_ms),
    })
}

/// `GET /v1/batches`.
pub fn list(inner: &Arc<Inner>, req: &Incoming, caller: &Caller) -> Reply {
    let q = match query_object(ENV, req, &["from", "to", "limit"], &["ascending"]) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (parsed, report) = parse_and_validate(q, core_bland::validate_list_batches_v1);
    let Some(q): Option<ListBatchesV1Query> = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let store = inner.store();
    let mut mine: Vec<&SimBatch> = store
        .batches
        .iter()
        .filter(|b| b.vendor == Vendor::Bland && b.api == "v1" && b.owner == caller.owner)
        .filter(|b| {
            q.campaign_id.as_deref().is_none_or(|c| {
                store
                    .request(b.request)
                    .get("campaign_id")
                    .and_then(Value::as_str)
                    == Some(c)
            })
        })
        .collect();
    if q.ascending != Some(true) {
        mine.reverse();
    }
    let from = usize::try_from(q.from.unwrap_or(0)).unwrap_or(usize::MAX);
    let end =
        q.to.map_or(usize::MAX, |t| usize::try_from(t).unwrap_or(usize::MAX));
    let batches: Vec<Value> = mine
        .into_iter()
        .enumerate()
        .skip(from)
        .take_while(|(i, _)| *i < end)
        .take(q.limit.unwrap_or(1000) as usize)
        .map(|(_, b)| params(&store, b, "batch_id"))
        .collect();
    Reply::json(200, &json!({"status": "success", "batches": batches}))
}

/// `analysis` of a legacy batch: counts per state, call-length statistics, failures.
fn aggregates(store: &Store, b: &SimBatch, now: i64) -> (Value, bool) {
    let mut queue_statuses: BTreeMap<String, u64> = BTreeMap::new();
    let mut lengths = Vec::with_capacity(b.calls.len());
    let mut ids = Vec::with_capacity(b.calls.len());
    let mut errors = Vec::new();
    let mut done = 0u64;
    for c in b.calls.iter().filter_map(|i| store.calls.get(*i)) {
        let cx = view::context(store, c);
        let s = c.snapshot(now);
        *queue_statuses
            .entry(view::queue_status(&cx, &s, now).to_owned())
            .or_default() += 1;
        if cx.pre_queue || s.status.is_terminal() {
            done += 1;
        }
        lengths.push(s.talk_ms() as f64 / 60_000.0);
        ids.push(c.id.clone());
        if let Some(m) = view::error_message(&cx, &s) {
            errors.push(json!({"call_id": c.id, "error_message": m}));
        }
    }
    let total = b.calls.len() as u64;
    let nonzero: Vec<f64> = lengths.iter().copied().filter(|l| *l > 0.0).collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mut summary: BTreeMap<&str, u64> = BTreeMap::new();
    for l in &lengths {
        let bucket = match *l {
            x if x < 5.0 => "0-5",
            x if x < 10.0 => "5-10",
            x if x < 15.0 => "10-15",
            x if x < 30.0 => "15-30",
            _ => "30+",
        };
        *summary.entry(bucket).or_default() += 1;
    }
    let analysis = json!({
        "total_calls": total,
        "completed_calls": done,
        "in_progress_calls": total - done,
        "queue_statuses": queue_statuses,
        "call_lengths": {"average": mean(&lengths), "average_nonzero": mean(&nonzero), "summary": summary, "all": lengths},
        "call_ids": ids,
        "error_messages": errors,
        "endpoints": {"api.bland.ai": total},
    });
    (analysis, done == total)
}

/// `GET /v1/batches/{id}`: `analysis` unless `include_analysis=false`; `call_data` with
/// `include_calls=true` (transcripts in it only with `include_transcripts=true`).
pub fn get(inner: &Arc<Inner>, req: &Incoming, caller: &Caller, id: &str) -> Reply {
    let q = match query_object(
        ENV,
        req,
        &[],
        &["include_calls", "include_transcripts", "include_analysis"],
    ) {
        Ok(q) => q,
        Err(r) => return r,
    };
    let (parsed, report) = parse_and_validate(q, |_: &GetBatchV1Query, _| {});
    let Some(q) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (now, _) = now(inner);
    let store = inner.store();
    let Some(b) = own_batch(&store, caller, id) else {
        return not_found();
    };
    let (analysis, finished) = aggregates(&store, b, now);
    let mut out = Map::new();
    out.insert(
        "status".into(),
        json!(if finished { "completed" } else { "in-progress" }),
    );
    out.insert("batch_params".into(), params(&store, b, "id"));
    if q.include_analysis != Some(false) {
        out.insert("analysis".into(), analysis);
    }
    if q.include_calls == Some(true) {
        let transcripts = q.include_transcripts == Some(true);
        let calls: Vec<Value> = b
            .calls
            .iter()
            .filter_map(|i| store.calls.get(*i))
            .map(|c| {
                let mut o = view::call_object(&view::context(&store, c), now, true);
                if !transcripts && let Value::Object(m) = &mut o {
                    m.remove("transcripts");
                    m.remove("concatenated_transcript");
                }
                o
            })
            .collect();
        out.insert("call_data".into(), Value::Array(calls));
    }
    Reply::json(200, &Value::Object(out))
}

/// `POST /v1/batches/{id}/stop`.
pub fn stop(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let (now, _) = now(inner);
    let mut store = inner.store();
    let Some(&bi) = store.batch_index.get(id) else {
        return not_found();
    };
    let Some(indexes) = store
        .batches
        .get(bi)
        .filter(|b| b.vendor == Vendor::Bland && b.api == "v1" && b.owner == caller.owner)
        .map(|b| b.calls.clone())
    else {
        return not_found();
    };
    let n = calls::stop_calls(inner, &mut store, &indexes, now);
    if let Some(b) = store.batches.get_mut(bi) {
        b.stopped_ms.get_or_insert(now);
    }
    Reply::json(
        200,
        &json!({"status": "success", "message": "Successfully stopped batch", "num_calls": n, "batch_id": id}),
    )
}

/// `POST /v1/batches/{id}/analyze`: answers per call id; the request is kept for
/// `GET /v1/batches/{id}/analysis`.
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
    let mut store = inner.store();
    let Some(b) = own_batch(&store, caller, id) else {
        return not_found();
    };
    let qs = calls::questions(&a);
    let answers: Map<String, Value> = b
        .calls
        .iter()
        .filter_map(|i| store.calls.get(*i))
        .map(|c| {
            (
                c.id.clone(),
                Value::Array(calls::answers(&store, c, &qs, now)),
            )
        })
        .collect();
    let credits = (answers.len() as f64 * 0.1 * 100.0).round() / 100.0;
    store.bland.analyses.push(BatchAnalysis {
        batch_id: id.to_owned(),
        goal: a.goal.clone(),
        questions: qs,
        at_ms: now,
    });
    Reply::json(
        200,
        &json!({"status": "success", "message": "Successfully analyzed batch", "answers": answers, "credits_used": credits}),
    )
}

/// `GET /v1/batches/{id}/analysis`: every stored analysis, one entry per call.
pub fn analysis(inner: &Arc<Inner>, caller: &Caller, id: &str) -> Reply {
    let (now, _) = now(inner);
    let store = inner.store();
    let Some(b) = own_batch(&store, caller, id) else {
        return not_found();
    };
    let mut entries = Vec::new();
    for a in store.bland.analyses.iter().filter(|a| a.batch_id == id) {
        let questions: Vec<Value> = a.questions.iter().map(|(q, t)| json!([q, t])).collect();
        for c in b.calls.iter().filter_map(|i| store.calls.get(*i)) {
            entries.push(json!({
                "call_id": c.id,
                "batch_id": id,
                "goal": a.goal,
                "answers": calls::answers(&store, c, &a.questions, now),
                "questions": questions,
            }));
        }
    }
    Reply::json(
        200,
        &json!({"status": "success", "message": "Successfully fetched analyses", "analysis": entries}),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn legacy_ids_have_bland_shape() {
        let id = super::batch_id(7, 1);
        assert!(id.ends_with("-gen-batch"), "{id}");
        assert_eq!(id.len(), 26);
        assert_ne!(id, super::batch_id(7, 2));
    }
}
