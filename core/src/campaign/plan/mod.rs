//! From a checked campaign to the exact vendor requests. Contacts with preflight errors are left
//! out; the others are grouped by the instant their calling window opens (the campaign start when
//! it is open then), so one request never mixes contacts that may be called now with contacts that
//! must wait.
//!
//! - Bland: one `POST /v1/batches` per send time (split by `vendors.bland.batchSize` when set;
//!   Bland documents no per-batch cap), caller ids round robin over the batches.
//! - Alibaba: `BatchRobotSmartCall` tasks of `chunkSize` callees (default 100), paced under dyvms'
//!   100 requests/s.
//! - Tencent: one `CreateAICall` per contact (the API places one call), paced at ≤ 20 requests/s per
//!   `SdkAppId`; a contact that pacing would push out of its calling window waits for the next one.
//!
//! Keys, labels and task names are derived from the campaign id and the contacts' keys only, so
//! the same campaign always plans the same requests (the dispatcher's journal relies on it).

mod batches;
pub(crate) mod requests;
mod tencent;

use super::model::Campaign;
use super::preflight::{self, Run};
use super::window::utc_time;
use super::{ContactStatus, Plan};
use crate::template::push_js_number;
use crate::{Context, Error, Vendor};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Plan `campaign` on `vendor`. `Err(Error::Validation)` only for campaign-level errors (the
/// report holds them all, with the campaign's warnings); contacts with errors are listed in
/// [`Plan::excluded`].
pub fn plan(campaign: &Campaign, vendor: Vendor, ctx: &Context) -> Result<Plan, Error> {
    let run = preflight::run(campaign, vendor, ctx);
    if run.campaign.has_errors() {
        return Err(Error::Validation(run.campaign));
    }
    let mut excluded: Vec<usize> = run
        .contacts
        .iter()
        .filter(|c| c.status == ContactStatus::Excluded)
        .map(|c| c.index)
        .collect();
    let mut explanation = vec![summary_line(&run)];
    let requests = match vendor {
        Vendor::Bland | Vendor::Aliyun => {
            batches::plan(campaign, vendor, ctx, &run, &mut explanation)
        }
        Vendor::Tencent => tencent::plan(campaign, ctx, &run, &mut excluded, &mut explanation),
    };
    excluded.sort_unstable();
    if let Some(w) = run.checked.window {
        let deferred = run
            .contacts
            .iter()
            .filter(|c| c.status != ContactStatus::Excluded)
            .filter(|c| c.send_after_ms.is_some_and(|t| t > run.checked.base_ms))
            .count();
        explanation.push(format!(
            "Calling hours {} in each callee's local time (every zone its number may be in); {deferred} \
             contact(s) wait until their window opens.",
            w.describe()
        ));
    }
    if run.checked.base_ms > ctx.now_ms {
        explanation.push(format!(
            "Nothing is sent before the schedule's start, {}.",
            utc_time(run.checked.base_ms)
        ));
    }
    Ok(Plan {
        vendor,
        requests,
        excluded,
        explanation,
    })
}

fn summary_line(run: &Run) -> String {
    let (mut ready, mut warning, mut excluded) = (0, 0, 0);
    for c in &run.contacts {
        match c.status {
            ContactStatus::Ready => ready += 1,
            ContactStatus::Warning => warning += 1,
            ContactStatus::Excluded => excluded += 1,
        }
    }
    format!(
        "{} contact(s): {ready} ready, {warning} with warnings, {excluded} excluded by preflight errors.",
        run.contacts.len()
    )
}

/// The first 16 hex digits of SHA-256 over `parts` (each followed by a newline): a stable
/// fingerprint (unlike std's hasher, it never changes between builds or platforms).
pub(crate) fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\n");
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A variable's text, as the template renderer prints it (TTS values are strings).
pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => {
                let mut s = String::new();
                push_js_number(&mut s, f);
                s
            }
            _ => n.to_string(),
        },
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `not_before_ms` for a send time: `None` when it is now (or earlier).
pub(crate) fn not_before(t: i64, ctx: &Context) -> Option<i64> {
    (t > ctx.now_ms).then_some(t)
}
