//! Resolving a lost answer: before a request whose outcome is unknown (recorded as being sent, no
//! outcome recorded; or sent and answered by a timeout) is sent again, ask the vendor whether it
//! arrived. Only when the vendor shows no trace is it sent again.
//!
//! - Bland batch: its `label` is unique per request; find it in `GET /v1/batches`.
//! - Bland single call: `GET /v1/calls?to_number=` and the marker sent in `metadata`.
//! - Alibaba: its `TaskName` is unique per chunk; find it with `QueryRobotTaskList`
//!   (help.aliyun.com/zh/vms/developer-reference/api-dyvmsapi-2017-05-25-queryrobottasklist), by
//!   CST day. A task exists from the moment it is accepted.
//! - Tencent: `DescribeTelCdr` filtered by the callee, from a minute before the request was sent.
//!   Tencent writes a call record when the call *ends*, so "no record" proves nothing while a call
//!   this request may have placed could still be ringing or talking: absence counts only once the
//!   request is older than the record horizon (`recordHorizonMs`, default 30 minutes of vendor
//!   time: ringing plus the longest call). Until then the intent waits, unsent.
//!
//! For every vendor, "no trace" is believed only once the request is `settleMs` old (default one
//! minute): a request the client stopped waiting for may still sit in a vendor's queue and be
//! committed after the lookup.

use super::clock::VendorTime;
use super::journal::{ContactUpdate, IntentRow};
use super::record;
use crate::engine::Engine;
use callplane_core::api::registry::Operation;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// How to find a request at the vendor (the campaign plan's `Correlation`, as journalled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Trace {
    /// Bland v1 batch `label`.
    BlandBatchLabel { label: String },
    /// Bland single call: callee and `metadata` marker.
    BlandCall { to: String, marker: String },
    /// Alibaba `TaskName`.
    AliyunTask { task_name: String },
    /// Tencent callee (as sent) and application.
    TencentCallee { callee: String, sdk_app_id: u64 },
}

/// What the vendor says about a request whose answer was lost.
#[derive(Debug)]
pub(crate) enum Resolution {
    /// It arrived: the answer it would have had (its ids) and what is known of its calls.
    Found {
        answer: Value,
        updates: Vec<ContactUpdate>,
    },
    /// No trace: sending it again cannot place a second call.
    Absent,
    /// Undecidable yet (Tencent records appear when calls end); ask again later.
    NotYet,
}

/// Lookup settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Horizon {
    /// The client's per-attempt timeout (wall ms): a request cannot have been accepted later than
    /// this after it was sent.
    pub timeout_ms: i64,
    /// Vendor ms after sending by which any call the request placed has ended and been recorded.
    pub record_ms: i64,
    /// Wall ms after sending before "no trace" is believed: a request the client gave up on may
    /// still be in the vendor's hands (queued behind a slow gateway) and be committed late.
    pub settle_ms: i64,
}

const MINUTE_MS: i64 = 60_000;

/// Ask the vendor about `intent` (sent at wall-clock `sent_at_ms`).
pub(crate) async fn resolve(
    engine: &Engine,
    trace: &Trace,
    intent: &IntentRow,
    sent_at_ms: i64,
    vt: VendorTime,
    horizon: Horizon,
) -> Result<Resolution, String> {
    let sent = vt.at(sent_at_ms);
    let found = match trace {
        Trace::TencentCallee { callee, sdk_app_id } => {
            tencent(engine, intent, callee, *sdk_app_id, sent, vt, horizon).await
        }
        Trace::AliyunTask { task_name } => aliyun(engine, task_name, sent, vt, horizon).await,
        Trace::BlandBatchLabel { label } => bland_batch(engine, label).await,
        Trace::BlandCall { to, marker } => bland_call(engine, intent, to, marker).await,
    }?;
    let settled = vt.wall_ms >= sent_at_ms.saturating_add(horizon.settle_ms);
    Ok(match found {
        Resolution::Absent if !settled => Resolution::NotYet,
        other => other,
    })
}

async fn call(engine: &Engine, op: Operation, input: Value) -> Result<Value, String> {
    engine
        .run_core(op, input)
        .await
        .map(|s| s.parsed.data)
        .map_err(|f| format!("{}: {}", op.name(), f.error))
}

async fn tencent(
    engine: &Engine,
    intent: &IntentRow,
    callee: &str,
    sdk_app_id: u64,
    sent: i64,
    vt: VendorTime,
    horizon: Horizon,
) -> Result<Resolution, String> {
    let from_s = (sent - MINUTE_MS).div_euclid(1000);
    let to_s = (vt.now_ms + MINUTE_MS).div_euclid(1000);
    let mut page = 0;
    let mut found: Vec<Value> = Vec::new();
    loop {
        let data = call(
            engine,
            Operation::TencentDescribeTelCdr,
            json!({"SdkAppId": sdk_app_id, "StartTimeStamp": from_s, "EndTimeStamp": to_s,
                   "Phones": [callee], "PageSize": 100, "PageNumber": page}),
        )
        .await?;
        let list: Vec<Value> = ["TelCdrs", "TelCdrList"]
            .iter()
            .filter_map(|k| data.get(*k).and_then(Value::as_array))
            .flatten()
            .cloned()
            .collect();
        let n = list.len();
        found.extend(list);
        let total = data.get("TotalCount").and_then(Value::as_i64).unwrap_or(0);
        page += 1;
        if n == 0 || (page * 100) as i64 >= total {
            break;
        }
    }
    // The earliest record from the window: the call this request placed.
    found.sort_by_key(|r| r.get("Time").and_then(Value::as_i64).unwrap_or(i64::MAX));
    if let Some(cdr) = found.first() {
        let session = cdr.get("SessionId").cloned().unwrap_or(Value::Null);
        let updates = intent
            .contacts
            .first()
            .and_then(|&idx| record::tencent_cdr(idx, cdr))
            .into_iter()
            .collect();
        return Ok(Resolution::Found {
            answer: json!({"SessionId": session}),
            updates,
        });
    }
    let decided_at = sent + vt.span(horizon.timeout_ms) + horizon.record_ms;
    Ok(if vt.now_ms < decided_at {
        Resolution::NotYet
    } else {
        Resolution::Absent
    })
}

/// CST days (`yyyy-MM-dd`) from `from_ms` to `to_ms`.
fn cst_days(from_ms: i64, to_ms: i64) -> Vec<String> {
    let mut days: Vec<String> = Vec::new();
    let mut t = from_ms;
    loop {
        if let Ok(s) = callplane_core::aliyun::time::unix_ms_to_cst(t.min(to_ms))
            && let Some(day) = s.get(..10)
            && days.last().map(String::as_str) != Some(day)
        {
            days.push(day.to_owned());
        }
        if t >= to_ms {
            break;
        }
        t += 86_400_000 / 2;
    }
    days
}

async fn aliyun(
    engine: &Engine,
    task_name: &str,
    sent: i64,
    vt: VendorTime,
    horizon: Horizon,
) -> Result<Resolution, String> {
    // The task was created between sending and the timeout (a minute of slack either side).
    let latest = vt
        .now_ms
        .min(sent + vt.span(horizon.timeout_ms) + MINUTE_MS);
    for day in cst_days(sent - MINUTE_MS, latest.max(sent)) {
        let data = call(
            engine,
            Operation::AliyunQueryRobotTaskList,
            json!({"TaskName": task_name, "Time": day, "PageSize": 10, "PageNo": 1}),
        )
        .await?;
        let task = data.get("Data").and_then(Value::as_array).and_then(|ts| {
            ts.iter()
                .find(|t| t.get("taskName").and_then(Value::as_str) == Some(task_name))
        });
        if let Some(id) = task.and_then(|t| t.get("id")) {
            let id = match id {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return Ok(Resolution::Found {
                answer: json!({"TaskId": id, "Code": "OK"}),
                updates: Vec::new(),
            });
        }
    }
    Ok(Resolution::Absent)
}

async fn bland_batch(engine: &Engine, label: &str) -> Result<Resolution, String> {
    const PAGE: u64 = 1_000;
    let mut from = 0;
    loop {
        let data = call(
            engine,
            Operation::BlandListBatches,
            json!({"from": from, "to": from + PAGE, "limit": PAGE}),
        )
        .await?;
        let batches = data
            .get("batches")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(b) = batches
            .iter()
            .find(|b| b.get("label").and_then(Value::as_str) == Some(label))
        {
            let id = b
                .get("batch_id")
                .or_else(|| b.get("id"))
                .cloned()
                .unwrap_or(Value::Null);
            return Ok(Resolution::Found {
                answer: json!({"batch_id": id}),
                updates: Vec::new(),
            });
        }
        if (batches.len() as u64) < PAGE {
            return Ok(Resolution::Absent);
        }
        from += PAGE;
    }
}

async fn bland_call(
    engine: &Engine,
    intent: &IntentRow,
    to: &str,
    marker: &str,
) -> Result<Resolution, String> {
    let data = call(
        engine,
        Operation::BlandListCalls,
        json!({"to_number": to, "limit": 1000}),
    )
    .await?;
    let calls = data
        .get("calls")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let marked = calls.iter().find(|c| {
        c.get("metadata")
            .and_then(|m| m.get("callplane"))
            .and_then(Value::as_str)
            == Some(marker)
    });
    Ok(match marked {
        Some(c) => Resolution::Found {
            answer: json!({"call_id": c.get("call_id").cloned().unwrap_or(Value::Null)}),
            updates: intent
                .contacts
                .first()
                .and_then(|&idx| record::bland_call(idx, c))
                .into_iter()
                .collect(),
        },
        None => Resolution::Absent,
    })
}
