//! Live status, call records and HangUpCall, all derived on read from the lifecycle.

use super::Call;
use super::view::{self, Seen};
use crate::http::Reply;
use callplane_core::Context;
use callplane_core::Vendor;
use callplane_core::tencent::Operation;
use callplane_core::tencent::lookups::{
    DescribeSessionDetail, DescribeTelCdr, DescribeTelCdrOutput, DescribeTelSession,
    DescribeTelSessionOutput, HangUpCall,
};
use serde_json::json;
use std::cmp::Reverse;
use std::collections::HashSet;

const NOT_FOUND: &str = "InvalidParameterValue.RecordNotExist";

/// Read and validate `O`, then check the signing key owns its SdkAppId.
pub(crate) fn parse<O: Operation>(
    c: &Call,
    app_of: impl Fn(&O) -> Option<i64>,
) -> Result<(O, u64), Reply> {
    let ctx = Context::at(c.validation_now_ms());
    let (model, report) = O::parse_and_validate(c.body.clone(), &ctx);
    let model = match model {
        Some(m) if !report.has_errors() => m,
        _ => return Err(c.invalid(&report)),
    };
    let app = c.owned_app(app_of(&model))?;
    Ok((model, app))
}

/// Run `f` on session `id` of application `app`, as seen now; `None` when there is no such call.
pub(crate) fn with_session<T>(
    c: &Call,
    app: u64,
    id: &str,
    f: impl FnOnce(&Seen) -> T,
) -> Option<T> {
    let store = c.inner.store();
    let owner = app.to_string();
    let call = store
        .call(id.trim())
        .filter(|x| x.vendor == Vendor::Tencent && x.owner == owner)?;
    let seen = Seen::new(call, store.request(call.request), c.inner.clock.now_ms());
    Some(f(&seen))
}

/// `InvalidParameterValue.RecordNotExist` for session `id`.
pub(crate) fn not_found(c: &Call, id: &str) -> Reply {
    c.error(NOT_FOUND, &format!("no session `{id}` in this application"))
}

/// `DescribeTelSession`.
pub fn tel_session(c: &Call) -> Reply {
    let (m, app) = match parse::<DescribeTelSession>(c, |m| m.sdk_app_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match with_session(c, app, &m.session_id, |s| s.session()) {
        Some(session) => c.ok(json!(DescribeTelSessionOutput {
            session: Some(session),
            ..Default::default()
        })),
        None => not_found(c, &m.session_id),
    }
}

/// `DescribeSessionDetail`: ended calls inside the window.
pub fn session_detail(c: &Call) -> Reply {
    let (m, app) = match parse::<DescribeSessionDetail>(c, |m| m.sdk_app_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    // The validator required both ends of the window.
    let (start, end) = (
        m.start_timestamp.unwrap_or(i64::MIN),
        m.end_timestamp.unwrap_or(i64::MAX),
    );
    let found = with_session(c, app, &m.session_id, |s| {
        let t = view::secs(s.snap.created_ms);
        if !(start..=end).contains(&t) {
            Err(format!(
                "session `{}` started at {t}, outside StartTimestamp..EndTimestamp ({start}..{end})",
                m.session_id
            ))
        } else if s.end_status().is_none() {
            // A record is written when the call ends; the live state is DescribeTelSession's.
            Err(format!(
                "session `{}` is still in progress (DescribeTelSession shows its live state); its record is written when it ends",
                m.session_id
            ))
        } else {
            Ok(s.detail())
        }
    });
    match found {
        Some(Ok(detail)) => c.ok(json!(detail)),
        Some(Err(why)) => c.error(NOT_FOUND, &why),
        None => not_found(c, &m.session_id),
    }
}

/// `DescribeTelCdr`: ended calls in the window, filtered, paged from 0.
pub fn tel_cdr(c: &Call) -> Reply {
    let (m, app) = match parse::<DescribeTelCdr>(c, |m| m.sdk_app_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (start, end) = (
        m.start_time_stamp.unwrap_or(i64::MIN),
        m.end_time_stamp.unwrap_or(i64::MAX),
    );
    let phones: Option<HashSet<String>> = m.phones.as_ref().filter(|p| !p.is_empty()).map(|p| {
        p.iter()
            .map(|n| view::e164(n).unwrap_or_else(|| n.clone()))
            .collect()
    });
    let sessions: Option<HashSet<&str>> = m
        .session_ids
        .as_ref()
        .filter(|s| !s.is_empty())
        .map(|s| s.iter().map(|x| x.trim()).collect());
    let page_size = m.page_size.unwrap_or(100).max(1) as usize;
    let page = m.page_number.unwrap_or(0).max(0) as usize;
    let owner = app.to_string();
    let now = c.inner.clock.now_ms();
    let store = c.inner.store();
    let mut total = 0usize;
    let mut list = Vec::new();
    for call in store
        .calls
        .iter()
        .filter(|x| x.vendor == Vendor::Tencent && x.owner == owner)
    {
        if !(start..=end).contains(&view::secs(call.created_ms))
            || sessions
                .as_ref()
                .is_some_and(|s| !s.contains(call.id.as_str()))
            || phones.as_ref().is_some_and(|p| {
                !p.contains(call.to.as_str())
                    && !call.from.as_ref().is_some_and(|f| p.contains(f.as_str()))
            })
        {
            continue;
        }
        let seen = Seen::new(call, store.request(call.request), now);
        // Records exist once a call has ended.
        if seen.end_status().is_none() {
            continue;
        }
        if total / page_size == page {
            list.push(seen.cdr());
        }
        total += 1;
    }
    c.ok(json!(DescribeTelCdrOutput {
        total_count: Some(total as i64),
        tel_cdr_list: Some(list),
        ..Default::default()
    }))
}

/// `HangUpCall`: cancel a live call now.
pub fn hang_up(c: &Call) -> Reply {
    let (m, app) = match parse::<HangUpCall>(c, |m| m.sdk_app_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let now = c.inner.clock.now_ms();
    let mut store = c.inner.store();
    let owner = app.to_string();
    let found = store.call_position(m.session_id.trim()).filter(|i| {
        store
            .calls
            .get(*i)
            .is_some_and(|x| x.vendor == Vendor::Tencent && x.owner == owner)
    });
    let Some((index, call)) = found.and_then(|i| Some((i, store.calls.get_mut(i)?))) else {
        drop(store);
        return not_found(c, &m.session_id);
    };
    if call.snapshot(now).status.is_terminal() {
        drop(store);
        return c.error(
            "FailedOperation",
            &format!("session `{}` has already ended", m.session_id),
        );
    }
    call.canceled_ms = Some(now);
    // Ended now: compact at the next tick rather than at the natural end.
    store
        .compaction_due
        .push(Reverse((now, u32::try_from(index).unwrap_or(u32::MAX))));
    drop(store);
    c.ok(json!({}))
}
