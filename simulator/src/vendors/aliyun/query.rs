//! The call-detail queries. `Data` is a JSON *string*, written with the core's `to_data()`; it is
//! `""` when nothing matches (another account's task, another day, a wrong `ProdId`, a call not yet
//! dialled), as the vendor documents for a mismatched `ProdId`.

use super::Call;
use super::detail::{Seen, e164};
use super::validation;
use crate::http::Reply;
use crate::state::{SimCall, Store};
use callplane_core::aliyun::time::cst_day_start_ms;
use callplane_core::aliyun::{QueryCallDetailByCallId, QueryCallDetailByTaskId, RpcAction};
use callplane_core::{Context, Vendor};
use serde_json::json;

/// The robot-call product (智能外呼), the only one this simulator places calls for.
pub const ROBOT_PROD_ID: i64 = 11_030_000_180_001;
const DAY_MS: i64 = 86_400_000;

fn same_cst_day(a: i64, b: i64) -> bool {
    matches!((cst_day_start_ms(a), cst_day_start_ms(b)), (Ok(x), Ok(y)) if x == y)
}

fn read<A: RpcAction>(c: &Call) -> Result<A, Reply> {
    let model = A::from_params(&c.params).map_err(|r| validation::refuse(c, A::ACTION, &r))?;
    let mut report = callplane_core::issue::Report::new();
    model.validate(&Context::at(c.validation_now_ms()), &mut report);
    if report.has_errors() {
        return Err(validation::refuse(c, A::ACTION, &report));
    }
    Ok(model)
}

fn data(c: &Call, text: Option<callplane_core::Result<String>>) -> Reply {
    match text {
        Some(Ok(t)) => c.ok(json!({ "Data": t })),
        // The core's models always serialize; a failure would be a bug, answered as dyvms would.
        Some(Err(e)) => c.business("isp.SYSTEM_ERROR", &e.to_string()),
        None => c.ok(json!({ "Data": "" })),
    }
}

/// `QueryCallDetailByTaskId`: the callee's call in the task, when `QueryDate` is the CST day the
/// task was created or the call placed (a scheduled task's "start time" is either, to a client).
pub fn by_task_id(c: &Call) -> Reply {
    let m = match read::<QueryCallDetailByTaskId>(c) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let date = m.query_date.unwrap_or_default();
    let callee = e164(m.callee.trim());
    let now = c.inner.clock.now_ms();
    let store = c.inner.store();
    let found = find_in_task(&store, &c.key_id, m.task_id.trim(), callee.as_deref())
        .filter(|(task_ms, call)| {
            same_cst_day(date, *task_ms) || same_cst_day(date, call.created_ms)
        })
        .and_then(|(_, call)| {
            Seen::new(call, store.request(call.request), now)
                .detail()
                .map(|d| d.to_data())
        });
    data(c, found)
}

/// The task's creation time and the callee's call in it, for a task owned by `owner`.
fn find_in_task<'s>(
    store: &'s Store,
    owner: &str,
    task: &str,
    callee: Option<&str>,
) -> Option<(i64, &'s SimCall)> {
    let batch = store
        .batch(task)
        .filter(|b| b.vendor == Vendor::Aliyun && b.owner == owner)?;
    let callee = callee?;
    let call = batch
        .calls
        .iter()
        .filter_map(|i| store.calls.get(*i))
        .find(|x| x.to == callee)?;
    Some((batch.created_ms, call))
}

/// `QueryCallDetailByCallId`: the call, when `ProdId` is the robot product and `QueryDate` is
/// the call's CST day or up to 24 h before the call.
pub fn by_call_id(c: &Call) -> Reply {
    let m = match read::<QueryCallDetailByCallId>(c) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if m.prod_id != Some(ROBOT_PROD_ID) {
        return data(c, None);
    }
    let date = m.query_date.unwrap_or_default();
    let now = c.inner.clock.now_ms();
    let store = c.inner.store();
    let found = store
        .call(m.call_id.trim())
        .filter(|x| x.vendor == Vendor::Aliyun && x.owner == c.key_id)
        .filter(|x| {
            same_cst_day(date, x.created_ms) || (date..date + DAY_MS).contains(&x.created_ms)
        })
        .and_then(|x| {
            Seen::new(x, store.request(x.request), now)
                .record()
                .map(|r| r.to_data())
        });
    data(c, found)
}
