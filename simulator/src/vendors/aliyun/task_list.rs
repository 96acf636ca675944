//! `QueryRobotTaskList`: the key's robot call tasks, filtered by `TaskName`, `Status` and CST day
//! `Time`, paged from 1. `Data` is JSON text holding the list, written with the core's model
//! (help.aliyun.com/zh/vms/developer-reference/api-dyvmsapi-2017-05-25-queryrobottasklist).
//!
//! The page does not list the status values; this simulator reports `RUNNING` while any call of
//! the task is live and `FINISHED` once all have ended (an assumption, stated in the README), and
//! `scheduleType` `NOW` or `SCHEDULED`.

use super::Call;
use super::validation;
use crate::state::{SimBatch, Store};
use callplane_core::aliyun::time::unix_ms_to_cst;
use callplane_core::aliyun::{QueryRobotTaskList, RobotTask, RpcAction};
use callplane_core::{Context, Vendor};
use serde_json::json;

const ACTION: &str = "QueryRobotTaskList";
const DEFAULT_PAGE_SIZE: usize = 20;

/// `QueryRobotTaskList`.
pub fn query_robot_task_list(c: &Call) -> crate::http::Reply {
    let m = match QueryRobotTaskList::from_params(&c.params) {
        Ok(m) => m,
        Err(report) => return validation::refuse(c, ACTION, &report),
    };
    let mut report = callplane_core::issue::Report::new();
    m.validate(&Context::at(c.validation_now_ms()), &mut report);
    if report.has_errors() {
        return validation::refuse(c, ACTION, &report);
    }
    let now = c.inner.clock.now_ms();
    let store = c.inner.store();
    let tasks: Vec<RobotTask> = store
        .batches
        .iter()
        .filter(|b| b.vendor == Vendor::Aliyun && b.owner == c.key_id)
        .map(|b| task_of(&store, b, now))
        .filter(|t| {
            m.task_name
                .as_deref()
                .is_none_or(|n| t.task_name.as_deref() == Some(n.trim()))
                && m.status
                    .as_deref()
                    .is_none_or(|s| t.status.as_deref() == Some(s.trim()))
        })
        // `Time` is a CST day; `createTime` is CST `yyyy-MM-dd HH:mm:ss`, so the day is its prefix.
        .filter(|t| {
            m.time.as_deref().is_none_or(|day| {
                t.create_time
                    .as_deref()
                    .is_some_and(|ct| ct.starts_with(day.trim()))
            })
        })
        .collect();
    drop(store);
    let size = m
        .page_size
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let page = m.page_no.and_then(|n| usize::try_from(n).ok()).unwrap_or(1);
    let list: Vec<RobotTask> = tasks
        .into_iter()
        .skip(size.saturating_mul(page.saturating_sub(1)))
        .take(size)
        .collect();
    match serde_json::to_string(&list) {
        Ok(text) => c.ok(json!({ "Data": text })),
        Err(e) => c.business("isp.SYSTEM_ERROR", &e.to_string()),
    }
}

/// How dyvms lists task `b` at simulated instant `now`.
fn task_of(store: &Store, b: &SimBatch, now: i64) -> RobotTask {
    let request = store.request(b.request);
    let text = |k: &str| request.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let mut finished = 0i64;
    let mut last_end: Option<i64> = None;
    for call in b.calls.iter().filter_map(|i| store.calls.get(*i)) {
        let snap = call.snapshot(now);
        if snap.status.is_terminal() {
            finished += 1;
            last_end = last_end.max(snap.ended_ms);
        }
    }
    let total = b.calls.len() as i64;
    let scheduled = request.get("ScheduleCall").and_then(|v| v.as_bool()) == Some(true);
    let fire = request.get("ScheduleTime").and_then(|v| v.as_i64());
    let cst = |ms: i64| unix_ms_to_cst(ms).ok();
    RobotTask {
        id: Some(b.id.to_string()),
        task_name: text("TaskName"),
        robot_id: request.get("DialogId").map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        robot_name: None,
        status: Some(
            if finished == total {
                "FINISHED"
            } else {
                "RUNNING"
            }
            .to_owned(),
        ),
        schedule_type: Some(if scheduled { "SCHEDULED" } else { "NOW" }.to_owned()),
        create_time: cst(b.created_ms),
        complete_time: if finished == total {
            last_end.and_then(cst)
        } else {
            None
        },
        fire_time: if scheduled { fire.and_then(cst) } else { None },
        total_count: Some(total),
        finish_count: Some(finished),
    }
}
