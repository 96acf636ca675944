//! Tencent: one `CreateAICall` per contact, with the prompt rendered for that contact, paced at
//! ≤ 20 requests/s per `SdkAppId` (CreateAICall: "A maximum of 20 requests can be initiated per
//! second for this API"; see [`crate::pacing`]).
//!
//! Contacts are taken in order of the instant their window opens. Each gets the pacer's next slot;
//! if that slot falls outside its calling window (a long queue at 20/s can run past the window's
//! end), the contact goes back in the queue at the window's next opening. The slot it did not use
//! stays reserved, which only ever lowers the rate.

use super::super::preflight::Run;
use super::super::window::utc_time;
use super::super::{ContactStatus, Correlation, PlannedRequest};
use super::not_before;
use super::requests::tencent_input;
use crate::Context;
use crate::api::registry::Operation;
use crate::campaign::model::Campaign;
use crate::pacing::{Pacer, RateLimit};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub(super) fn plan(
    c: &Campaign,
    ctx: &Context,
    run: &Run,
    excluded: &mut Vec<usize>,
    explanation: &mut Vec<String>,
) -> Vec<PlannedRequest> {
    let checked = &run.checked;
    let sdk_app_id = checked
        .options
        .wire
        .get("SdkAppId")
        .and_then(Value::as_u64)
        .unwrap_or_default();
    let mut queue: BinaryHeap<Reverse<(i64, usize)>> = run
        .contacts
        .iter()
        .filter(|cc| cc.status != ContactStatus::Excluded)
        .map(|cc| Reverse((cc.send_after_ms.unwrap_or(checked.base_ms), cc.index)))
        .collect();
    let mut pacer = Pacer::new(RateLimit::TENCENT_CCC);
    let mut out = Vec::with_capacity(queue.len());
    let mut late = 0usize;
    let mut render = String::new();
    let needs_number = checked
        .prompt
        .iter()
        .chain(&checked.first_sentence)
        .any(|t| t.uses_field("phone_number"));
    while let Some(Reverse((t, i))) = queue.pop() {
        let slot = pacer.next_slot(t);
        let zones = run.zones.get(i).copied().flatten();
        if let (Some(w), Some(zs)) = (checked.window, zones)
            && !w.holds_all(zs, slot)
        {
            match w.next_open(zs, slot, checked.until_ms) {
                Some(next) if next > slot => queue.push(Reverse((next, i))),
                _ => {
                    late += 1;
                    excluded.push(i);
                }
            }
            continue;
        }
        if slot >= checked.until_ms && checked.has_end {
            late += 1;
            excluded.push(i);
            continue;
        }
        let (Some(cc), Some(contact)) = (run.contacts.get(i), c.contacts.get(i)) else {
            continue;
        };
        let e164 = cc.e164.clone().unwrap_or_default();
        let callee = run.wire.get(i).cloned().flatten().unwrap_or_default();
        // `{{phone_number}}` is the contact's number: only a template that reads it needs a row
        // with it; the others render straight from the contact's variables (no copy).
        let with_number;
        let row = if needs_number {
            let mut r = Map::with_capacity(contact.variables.len() + 1);
            r.insert("phone_number".into(), Value::from(e164.as_str()));
            r.extend(
                contact
                    .variables
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            with_number = r;
            &with_number
        } else {
            &contact.variables
        };
        let prompt = checked
            .prompt
            .as_ref()
            .and_then(|t| t.render(row).ok())
            .unwrap_or_default();
        let welcome = checked.first_sentence.as_ref().and_then(|t| {
            render.clear();
            t.render_into(row, &mut render)
                .ok()
                .map(|()| render.clone())
        });
        let input = tencent_input(checked, c, &callee, &prompt, welcome.as_deref());
        out.push(PlannedRequest {
            key: format!("tencent:c:{}", cc.key),
            operation: Operation::TencentCreateAICall,
            input,
            contacts: vec![i],
            callees: vec![e164],
            not_before_ms: not_before(slot, ctx),
            correlation: Correlation::TencentCallee { callee, sdk_app_id },
        });
    }
    explanation.push(format!(
        "{} CreateAICall request(s), one per contact (the API places one call), each with the prompt \
         rendered for its contact, paced at ≤ 20 requests/s per SdkAppId{}.",
        out.len(),
        out.last()
            .and_then(|r| r.not_before_ms)
            .map(|t| format!("; the last is sent at {}", utc_time(t)))
            .unwrap_or_default()
    ));
    if late > 0 {
        explanation.push(format!(
            "{late} contact(s) could not be paced inside their calling window before the campaign ends: \
             not called (excluded)."
        ));
    }
    out
}
