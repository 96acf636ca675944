//! Status tracking: the contacts' records, fed by polling each vendor's lookups and by Bland's
//! post-call webhooks, and the campaign totals read from the journal.
//!
//! Polling, per vendor (the lookups the core models):
//! - Tencent: `DescribeTelCdr` by `SessionIds` (100 per page); a record exists once a call ends,
//!   so a call without one stays `queued`.
//! - Alibaba: `QueryCallDetailByTaskId` per callee (`TaskId`, `Callee`, `QueryDate`), which also
//!   reports ringing and talking.
//! - Bland: `GET /v1/calls?batch_id=` per batch (calls matched to contacts by number), or
//!   `GET /v1/calls/{id}` for a single call.

use super::clock::VendorClock;
use super::journal::{self, ContactUpdate, Journal};
use super::record::{self, STATUSES};
use crate::engine::{Engine, unix_ms};
use callplane_core::Vendor;
use callplane_core::api::registry::Operation;
use callplane_core::secret::Secret;
use rusqlite::params;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Totals by status and by request state, as JSON.
pub(crate) async fn status(j: &Journal) -> Result<Value, String> {
    j.read(|conn| {
        let by_status = journal::totals(conn)?;
        let by_state = journal::intent_totals(conn)?;
        let resolved: Map<String, Value> = journal::resolution_totals(conn)?
            .into_iter()
            .map(|(k, n)| (k, Value::from(n)))
            .collect();
        let id = journal::meta(conn, "campaign_id")?;
        // Sends beyond one per request: each is a request the vendor refused (retryable) or
        // whose answer was lost and that a lookup proved absent.
        let extra_sends: i64 = conn.query_row(
            "SELECT COALESCE(SUM(sends), 0) - COUNT(*) FROM intents WHERE sends > 0",
            [],
            |r| r.get(0),
        )?;
        let vendor = journal::meta(conn, "vendor")?;
        let mut statuses = Map::new();
        for s in STATUSES {
            statuses.insert((*s).into(), 0.into());
        }
        let mut contacts = 0;
        let mut open = 0;
        for (s, n) in &by_status {
            statuses.insert(s.clone(), (*n).into());
            contacts += n;
            if !record::is_final(s) {
                open += n;
            }
        }
        let requests: Map<String, Value> = by_state
            .iter()
            .map(|(s, n)| (s.clone(), Value::from(*n)))
            .collect();
        let unsent = by_state
            .iter()
            .filter(|(s, _)| s != "sent" && s != "failed")
            .map(|(_, n)| n)
            .sum::<i64>();
        Ok(json!({
            "campaignId": id,
            "vendor": vendor,
            "contacts": contacts,
            "byStatus": statuses,
            "requests": requests,
            "resolvedBy": resolved,
            "extraSends": extra_sends,
            "dispatched": unsent == 0,
            "final": open == 0,
        }))
    })
    .await
}

/// The contacts' records (optionally one status), in contact order.
pub(crate) async fn records(
    j: &Journal,
    status: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Result<Value, String> {
    j.read(move |conn| {
        let vendor = journal::meta(conn, "vendor")?;
        let mut st = conn.prepare(
            "SELECT idx, key, phone, status, call_id, group_id, duration_s, transcript,
                    recording_url, analysis, raw, error, updated_ms
             FROM contacts WHERE (?1 IS NULL OR status = ?1) ORDER BY idx LIMIT ?2 OFFSET ?3",
        )?;
        let json_col = |s: Option<String>| -> Value {
            s.and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(Value::Null)
        };
        let rows = st.query_map(
            params![
                status,
                limit.map_or(-1, i64::from),
                offset.map_or(0, i64::from)
            ],
            |r| {
                Ok(json!({
                    "index": r.get::<_, i64>(0)?,
                    "key": r.get::<_, String>(1)?,
                    "phone": r.get::<_, Option<String>>(2)?,
                    "vendor": vendor,
                    "status": r.get::<_, String>(3)?,
                    "callId": r.get::<_, Option<String>>(4)?,
                    "groupId": r.get::<_, Option<String>>(5)?,
                    "duration": r.get::<_, Option<f64>>(6)?,
                    "transcript": r.get::<_, Option<String>>(7)?,
                    "recordingUrl": r.get::<_, Option<String>>(8)?,
                    "analysis": json_col(r.get(9)?),
                    "raw": json_col(r.get(10)?),
                    "error": json_col(r.get(11)?),
                    "updatedAt": r.get::<_, i64>(12)?,
                }))
            },
        )?;
        Ok(Value::Array(rows.collect::<rusqlite::Result<Vec<_>>>()?))
    })
    .await
}

/// A dispatched contact whose call has no final status yet.
struct Open {
    idx: i64,
    phone: Option<String>,
    call_id: Option<String>,
    group_id: Option<String>,
    input: Value,
    sent_at_ms: i64,
}

async fn open_contacts(j: &Journal) -> Result<Vec<Open>, String> {
    j.read(|conn| {
        let mut st = conn.prepare(
            "SELECT c.idx, c.phone, c.call_id, c.group_id, i.input, i.sent_at_ms
             FROM contacts c JOIN intents i ON c.intent = i.key
             WHERE i.state = 'sent' AND c.status IN ('pending', 'queued', 'ringing', 'in_progress')
             ORDER BY c.idx",
        )?;
        let rows = st.query_map([], |r| {
            let input: String = r.get(4)?;
            Ok(Open {
                idx: r.get(0)?,
                phone: r.get(1)?,
                call_id: r.get(2)?,
                group_id: r.get(3)?,
                input: serde_json::from_str(&input).unwrap_or(Value::Null),
                sent_at_ms: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            })
        })?;
        rows.collect()
    })
    .await
}

/// Poll until every dispatched call is final, or `timeout_ms` passes.
pub(crate) async fn poll_until_final(
    engine: &Engine,
    j: &Journal,
    clock: &VendorClock,
    interval_ms: u64,
    timeout_ms: u64,
) -> Result<(), String> {
    let start = Instant::now();
    loop {
        let open = open_contacts(j).await?;
        if open.is_empty() {
            return Ok(());
        }
        let updates = poll_once(engine, clock, &open).await?;
        if !updates.is_empty() {
            let now = unix_ms();
            j.write(move |tx| journal::update_contacts(tx, &updates, now))
                .await?;
        }
        if start.elapsed() >= Duration::from_millis(timeout_ms) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(interval_ms)).await;
    }
}

async fn call(engine: &Engine, op: Operation, input: Value) -> Option<Value> {
    // A failed lookup leaves the record as it is; the next poll asks again.
    engine.run_core(op, input).await.ok().map(|s| s.parsed.data)
}

async fn poll_once(
    engine: &Engine,
    clock: &VendorClock,
    open: &[Open],
) -> Result<Vec<ContactUpdate>, String> {
    let vt = clock.read().await?;
    let mut out = Vec::new();
    match engine.vendor() {
        Vendor::Tencent => {
            let mut by_app: BTreeMap<i64, Vec<&Open>> = BTreeMap::new();
            for o in open.iter().filter(|o| o.call_id.is_some()) {
                let app = o.input.get("SdkAppId").and_then(Value::as_i64).unwrap_or(0);
                by_app.entry(app).or_default().push(o);
            }
            for (app, rows) in by_app {
                for chunk in rows.chunks(100) {
                    let first = chunk.iter().map(|o| o.sent_at_ms).min().unwrap_or(0);
                    let ids: Vec<&str> =
                        chunk.iter().filter_map(|o| o.call_id.as_deref()).collect();
                    let data = call(
                        engine,
                        Operation::TencentDescribeTelCdr,
                        json!({"SdkAppId": app,
                               "StartTimeStamp": (vt.at(first) - 60_000).div_euclid(1000),
                               "EndTimeStamp": (vt.now_ms + 60_000).div_euclid(1000),
                               "SessionIds": ids, "PageSize": 100, "PageNumber": 0}),
                    )
                    .await;
                    let cdrs: Vec<Value> = data
                        .iter()
                        .flat_map(|d| ["TelCdrs", "TelCdrList"].map(|k| d.get(k).cloned()))
                        .flatten()
                        .filter_map(|v| v.as_array().cloned())
                        .flatten()
                        .collect();
                    for cdr in &cdrs {
                        let sid = cdr.get("SessionId").and_then(Value::as_str);
                        if let Some(o) = chunk.iter().find(|o| o.call_id.as_deref() == sid)
                            && let Some(mut u) = record::tencent_cdr(o.idx, cdr)
                        {
                            // A CDR carries no words: a completed call's transcript comes from
                            // its conversation record, fetched once when the call is final.
                            if u.status.as_deref() == Some("completed")
                                && let Some(sid) = sid
                            {
                                let rounds = call(
                                    engine,
                                    Operation::TencentDescribeAICallInteractionRecords,
                                    json!({"SdkAppId": app, "SessionId": sid}),
                                )
                                .await;
                                // A failed lookup leaves the contact open: the next poll asks
                                // again rather than settling it without its transcript.
                                let Some(rounds) = rounds else {
                                    continue;
                                };
                                u.transcript = record::tencent_transcript(&rounds);
                            }
                            out.push(u);
                        }
                    }
                }
            }
        }
        Vendor::Aliyun => {
            for o in open {
                let (Some(task), Some(phone)) = (&o.group_id, &o.phone) else {
                    continue;
                };
                // The task's (vendor) time, but never past the wall clock: the core refuses a
                // QueryDate in the future of the machine's clock (a fast simulator runs ahead).
                let date = vt.at(o.sent_at_ms).min(vt.now_ms).min(unix_ms());
                let data = call(
                    engine,
                    Operation::AliyunQueryCallDetailByTaskId,
                    json!({"TaskId": task, "Callee": phone, "QueryDate": date}),
                )
                .await;
                if let Some(u) = data
                    .as_ref()
                    .and_then(|d| d.get("Data"))
                    .filter(|d| d.is_object())
                    .and_then(|d| record::aliyun_detail(o.idx, d))
                {
                    out.push(u);
                }
            }
        }
        Vendor::Bland => {
            let mut batches: BTreeMap<&str, Vec<&Open>> = BTreeMap::new();
            for o in open {
                match (&o.group_id, &o.call_id) {
                    (Some(b), _) => batches.entry(b.as_str()).or_default().push(o),
                    (None, Some(id)) => {
                        let data =
                            call(engine, Operation::BlandGetCall, json!({"call_id": id})).await;
                        if let Some(u) = data.and_then(|d| record::bland_call(o.idx, &d)) {
                            out.push(u);
                        }
                    }
                    _ => {}
                }
            }
            for (batch, rows) in batches {
                let data = call(
                    engine,
                    Operation::BlandListCalls,
                    json!({"batch_id": batch, "limit": 1000}),
                )
                .await;
                let calls = data
                    .and_then(|d| d.get("calls").and_then(Value::as_array).cloned())
                    .unwrap_or_default();
                for c in &calls {
                    let to = c.get("to").and_then(Value::as_str).unwrap_or("");
                    let Some(o) = rows.iter().find(|o| same_number(o.phone.as_deref(), to)) else {
                        continue;
                    };
                    let Some(mut u) = record::bland_call(o.idx, c) else {
                        continue;
                    };
                    // The list gives a summary of each call; a completed call's words are in
                    // its details (GET /v1/calls/{id}), fetched once when it is final.
                    if u.status.as_deref() == Some("completed")
                        && u.transcript.is_none()
                        && let Some(id) = c.get("call_id").and_then(Value::as_str)
                    {
                        let detail =
                            call(engine, Operation::BlandGetCall, json!({"call_id": id})).await;
                        // A failed lookup leaves the contact open for the next poll.
                        let Some(full) = detail.and_then(|d| record::bland_call(o.idx, &d)) else {
                            continue;
                        };
                        u = full;
                    }
                    out.push(u);
                }
            }
        }
    }
    Ok(out)
}

/// Bland may return a number without `+` or country code (`5551234567`): compare digits, the
/// shorter a suffix of the longer (at least 7 digits, so short codes never match anything).
fn same_number(contact: Option<&str>, vendor: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(contact.unwrap_or("")), digits(vendor));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 7 && long.ends_with(&short)
}

/// Verify a Bland webhook and read its call object.
pub(crate) fn verify_bland_webhook(
    body: &[u8],
    signature: &str,
    secret: &str,
) -> Result<Value, String> {
    let secret = Secret::new(secret.to_owned());
    callplane_core::sign::bland::verify_webhook(&secret, body, signature)
        .map_err(|e| format!("the webhook signature does not verify: {e}"))?;
    serde_json::from_slice(body).map_err(|e| format!("the webhook body is not JSON: {e}"))
}

/// Store a Bland call object (a verified webhook's body) in its contact's record.
pub(crate) async fn record_bland_call(j: &Journal, call: Value) -> Result<Option<i64>, String> {
    let call_id = call
        .get("call_id")
        .or_else(|| call.get("c_id"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let batch = call
        .get("batch_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let to = call
        .get("to")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let candidates: Vec<(i64, Option<String>, Option<String>)> = j
        .read(move |conn| {
            let mut st = conn.prepare(
                "SELECT idx, phone, call_id FROM contacts
                 WHERE (call_id IS NOT NULL AND call_id = ?1) OR (group_id IS NOT NULL AND group_id = ?2)",
            )?;
            let rows = st.query_map(params![call_id, batch], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            rows.collect()
        })
        .await?;
    let id = call.get("call_id").and_then(Value::as_str);
    let found = candidates
        .iter()
        .find(|(_, _, c)| c.is_some() && c.as_deref() == id)
        .or_else(|| {
            candidates
                .iter()
                .find(|(_, phone, _)| same_number(phone.as_deref(), &to))
        })
        .map(|(idx, _, _)| *idx);
    let Some(idx) = found else {
        return Ok(None);
    };
    let Some(update) = record::bland_call(idx, &call) else {
        return Ok(None);
    };
    let now = unix_ms();
    j.write(move |tx| journal::update_contacts(tx, &[update], now))
        .await?;
    Ok(Some(idx))
}
