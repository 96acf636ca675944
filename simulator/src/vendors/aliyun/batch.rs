//! `BatchRobotSmartCall`: parameters read with the core's `from_params`, validated with the core,
//! then one call per callee, created at `ScheduleTime` when `ScheduleCall` is true.
//!
//! Refusals apply to the whole task, before anything is created: a magic "refused" callee is
//! `isv.BLACK_KEY_CONTROL_LIMIT`; a callee over the per-number frequency limit (1/min, 5/h, 20/day
//! by default, on the simulated clock) is `isv.BUSINESS_LIMIT_CONTROL`. Either names the numbers.

use super::Call;
use super::detail::{e164, national};
use super::validation;
use crate::compact::Shared;
use crate::config::PerNumber;
use crate::http::Reply;
use crate::outcome::splitmix64;
use crate::state::{SimBatch, Store, row_text_of};
use crate::vendors::common::{self, NewCall};
use callplane_core::aliyun::{BatchRobotSmartCall, RpcAction};
use callplane_core::{Context, Vendor};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

const ACTION: &str = "BatchRobotSmartCall";
const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;

/// `BatchRobotSmartCall`.
pub fn batch_robot_smart_call(c: &Call) -> Reply {
    let model = match BatchRobotSmartCall::from_params(&c.params) {
        Ok(m) => m,
        Err(report) => return validation::refuse(c, ACTION, &report),
    };
    let mut report = callplane_core::issue::Report::new();
    model.validate(&Context::at(c.validation_now_ms()), &mut report);
    if report.has_errors() {
        return validation::refuse(c, ACTION, &report);
    }
    // Validation guarantees every number parses; keep the request order.
    let callees: Vec<String> = model.called_number.iter().filter_map(|n| e164(n)).collect();
    let shows: Vec<String> = model
        .called_show_number
        .iter()
        .filter_map(|n| e164(n))
        .collect();
    let mut plans = Vec::with_capacity(callees.len());
    let mut refused = Vec::new();
    for to in &callees {
        match common::plan(c.inner, to) {
            Ok(p) => plans.push(p),
            Err(r) => refused.push(national(&r.to)),
        }
    }
    if !refused.is_empty() {
        return c.business(
            "isv.BLACK_KEY_CONTROL_LIMIT",
            &format!("号码被列入黑名单 (blacklisted): {}", refused.join(",")),
        );
    }
    let now = c.inner.clock.now_ms();
    let at = match (model.schedule_call, model.schedule_time) {
        (Some(true), Some(t)) => t,
        _ => now,
    };
    let mut store = c.inner.store();
    if let Some(limits) = c.inner.config.limits.aliyun_per_number {
        let over = over_limit(&store, &c.key_id, &callees, at, limits);
        if !over.is_empty() {
            drop(store);
            return c.business(
                "isv.BUSINESS_LIMIT_CONTROL",
                &format!(
                    "业务级流控 (business flow control, per number {}/min, {}/h, {}/day): {}",
                    limits.per_minute,
                    limits.per_hour,
                    limits.per_day,
                    over.join("; ")
                ),
            );
        }
    }
    let seed = c.inner.config.seed;
    let task_seq = store.next_seq();
    let task_id = format!("{:04}{:08}", 1_000 + splitmix64(seed) % 9_000, task_seq);
    let request = store.insert_request(stored_request(&model));
    let rows = tts_rows(&model);
    let owner = store.owner(&c.key_id);
    let group = Shared::from(task_id.as_str());
    let mut indexes = Vec::with_capacity(callees.len());
    for (i, (to, plan)) in callees.into_iter().zip(plans).enumerate() {
        let seq = store.next_seq();
        let call_id = format!(
            "{:012}^1{:011}",
            splitmix64(seed ^ seq) % 1_000_000_000_000,
            seq
        );
        let from = shows.get(i % shows.len().max(1)).cloned();
        let row = rows.get(&national(&to)).map(|params| {
            let mut m = Map::new();
            m.insert("params".into(), params.clone());
            row_text_of(&m)
        });
        indexes.push(common::insert_call(
            &mut store,
            plan,
            at,
            NewCall {
                vendor: Vendor::Aliyun,
                id: call_id,
                group_id: Some(group.clone()),
                to,
                from,
                owner: owner.clone(),
                request,
                row,
            },
        ));
    }
    store.insert_batch(SimBatch {
        vendor: Vendor::Aliyun,
        id: group,
        api: "task".into(),
        // The task exists from the request on; its calls from the schedule time.
        created_ms: now,
        owner,
        request,
        calls: indexes,
        stopped_ms: None,
        final_webhook_sent: false,
    });
    drop(store);
    c.ok(json!({ "TaskId": task_id }))
}

/// Callees that one more call at `at` would put over a limit, each with the rule it breaks. A
/// window counts the calls created within that span either side of `at`, so calls scheduled for
/// later count too.
fn over_limit(
    store: &Store,
    owner: &str,
    callees: &[String],
    at: i64,
    limits: PerNumber,
) -> Vec<String> {
    let wanted: HashSet<&str> = callees.iter().map(String::as_str).collect();
    let mut history: HashMap<&str, Vec<i64>> = HashMap::new();
    for call in store
        .calls
        .iter()
        .filter(|x| x.vendor == Vendor::Aliyun && x.owner == owner)
    {
        if wanted.contains(call.to.as_str()) {
            history.entry(&call.to).or_default().push(call.created_ms);
        }
    }
    let mut out = Vec::new();
    for to in callees {
        let times = history.get(to.as_str()).map_or(&[][..], Vec::as_slice);
        let within = |span: i64| times.iter().filter(|t| (*t - at).abs() < span).count();
        let rule = [
            (limits.per_minute, MINUTE_MS, "minute"),
            (limits.per_hour, HOUR_MS, "hour"),
            (limits.per_day, DAY_MS, "day"),
        ]
        .into_iter()
        .find(|(limit, span, _)| within(*span) >= *limit as usize);
        if let Some((limit, _, unit)) = rule {
            out.push(format!(
                "{} already has {limit} call(s) within a {unit}",
                national(to)
            ));
        }
    }
    out
}

/// What the store keeps of the task, shared by its calls: everything but the callee list and the
/// per-callee TTS rows (those live on each call).
fn stored_request(m: &BatchRobotSmartCall) -> Value {
    json!({
        "CalledShowNumber": m.called_show_number.iter().map(|n| national(n)).collect::<Vec<_>>(),
        "CorpName": m.corp_name,
        "DialogId": m.dialog_id,
        "TaskName": m.task_name,
        "TtsParamHead": m.tts_param_head,
        "ScheduleCall": m.schedule_call,
        "ScheduleTime": m.schedule_time,
        "EarlyMediaAsr": m.early_media_asr,
        "IsSelfLine": m.is_self_line,
    })
}

/// National number → its TTS values.
fn tts_rows(m: &BatchRobotSmartCall) -> HashMap<String, Value> {
    m.tts_param
        .iter()
        .flatten()
        .map(|e| {
            (
                national(&e.number),
                Value::Array(e.params.iter().cloned().map(Value::String).collect()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::plan_for;
    use crate::state::SimCall;

    fn call_at(to: &str, owner: &str, t: i64, seq: u64) -> SimCall {
        SimCall {
            seq,
            vendor: Vendor::Aliyun,
            id: format!("c{seq}"),
            group_id: None,
            to: to.into(),
            from: None,
            created_ms: t,
            plan: plan_for(1, "+8613800138000").unwrap_or_else(|| unreachable!()),
            canceled_ms: None,
            owner: owner.into(),
            request: 0,
            row: None,
        }
    }

    #[test]
    fn per_number_windows_count_calls_either_side() {
        let limits = PerNumber {
            per_minute: 1,
            per_hour: 5,
            per_day: 20,
        };
        let to = "+8613800138000".to_owned();
        let mut store = Store::default();
        for (i, t) in [0, 10, 20, 30].iter().enumerate() {
            store.insert_call(call_at(&to, "k", t * MINUTE_MS, i as u64));
        }
        let check =
            |store: &Store, at| over_limit(store, "k", std::slice::from_ref(&to), at, limits);
        // 30 s after the last call: the minute rule.
        assert!(check(&store, 30 * MINUTE_MS + 30_000)[0].contains("minute"));
        // Two minutes later: 4 in the hour, allowed.
        assert!(check(&store, 32 * MINUTE_MS).is_empty());
        store.insert_call(call_at(&to, "k", 40 * MINUTE_MS, 9));
        assert!(check(&store, 50 * MINUTE_MS)[0].contains("hour"));
        // Another key's calls and other numbers do not count.
        assert!(
            over_limit(
                &store,
                "other",
                std::slice::from_ref(&to),
                50 * MINUTE_MS,
                limits
            )
            .is_empty()
        );
        // The hour rule frees up as the window slides; the day still counts.
        assert!(check(&store, 62 * MINUTE_MS).is_empty());
    }
}
