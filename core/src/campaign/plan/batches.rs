//! Bland batches and Alibaba task chunks: contacts grouped by send time, then cut to size.

use super::super::options::{self, ALIYUN_DEFAULT_CHUNK};
use super::super::preflight::Run;
use super::super::window::utc_time;
use super::super::{ContactStatus, Correlation, PlannedRequest};
use super::requests::{aliyun_input, bland_input};
use super::{digest, not_before, scalar_text};
use crate::campaign::model::Campaign;
use crate::pacing::{Pacer, VendorLimits};
use crate::template;
use crate::{Context, Vendor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Characters of the campaign id kept at the front of an Alibaba `TaskName` (≤ 30 characters):
/// readable in the console, while the 16-digit hash keeps it unique.
const TASK_NAME_ID_CHARS: usize = 10;

/// `TaskName` of a chunk: `<first 10 characters of the id>-<hash of id and request key>`.
pub(crate) fn task_name(campaign_id: &str, key: &str) -> String {
    let prefix: String = campaign_id
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && !c.is_control())
        .take(TASK_NAME_ID_CHARS)
        .collect();
    format!("{prefix}-{}", digest([campaign_id, key]))
}

/// Bland `label` of a batch: unique per request, and readable.
pub(crate) fn bland_label(campaign_id: &str, key: &str) -> String {
    format!("callplane/{campaign_id}/{key}")
}

pub(super) fn plan(
    c: &Campaign,
    vendor: Vendor,
    ctx: &Context,
    run: &Run,
    explanation: &mut Vec<String>,
) -> Vec<PlannedRequest> {
    let base = run.checked.base_ms;
    let mut groups: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for cc in &run.contacts {
        if cc.status != ContactStatus::Excluded {
            groups
                .entry(cc.send_after_ms.unwrap_or(base))
                .or_default()
                .push(cc.index);
        }
    }
    let size = match vendor {
        Vendor::Aliyun => run.checked.options.size.unwrap_or(ALIYUN_DEFAULT_CHUNK),
        _ => run.checked.options.size.unwrap_or(usize::MAX),
    }
    .max(1);
    let mut pacer = VendorLimits::default_for(vendor).map(Pacer::new);
    let operation = options::operation(vendor);
    let mut out: Vec<PlannedRequest> = Vec::new();
    for (&open, members) in &groups {
        for chunk in members.chunks(size) {
            let n = out.len();
            let checks: Vec<_> = chunk.iter().filter_map(|&i| run.contacts.get(i)).collect();
            let hash = digest(checks.iter().map(|cc| cc.key.as_str()));
            let callees: Vec<String> = checks
                .iter()
                .map(|cc| cc.e164.clone().unwrap_or_default())
                .collect();
            let slot = pacer.as_mut().map_or(open, |p| p.next_slot(open));
            let (key, input, correlation) = match vendor {
                Vendor::Aliyun => {
                    let key = format!("aliyun:chunk:{n}:{hash}");
                    let task = task_name(&c.id, &key);
                    let entries: Vec<(String, Vec<String>)> = chunk
                        .iter()
                        .map(|&i| {
                            let wire = run.wire.get(i).cloned().flatten().unwrap_or_default();
                            let vars = c.contacts.get(i).map(|x| &x.variables);
                            let values = run
                                .checked
                                .tts_head
                                .iter()
                                .map(|name| {
                                    vars.and_then(|v| template::lookup(v, name))
                                        .map(scalar_text)
                                        .unwrap_or_default()
                                })
                                .collect();
                            (wire, values)
                        })
                        .collect();
                    let input = aliyun_input(&run.checked, c, &task, &entries);
                    (key, input, Correlation::AliyunTask { task_name: task })
                }
                _ => {
                    let key = format!("bland:batch:{n}:{hash}");
                    let label = bland_label(&c.id, &key);
                    let rows = chunk
                        .iter()
                        .zip(&callees)
                        .map(|(&i, e164)| {
                            let vars = c.contacts.get(i).map(|x| &x.variables);
                            let mut row = Map::with_capacity(1 + vars.map_or(0, Map::len));
                            row.insert("phone_number".into(), Value::from(e164.as_str()));
                            for (k, v) in vars.into_iter().flatten() {
                                row.insert(k.clone(), v.clone());
                            }
                            Value::Object(row)
                        })
                        .collect();
                    let from = match c.caller_ids.len() {
                        0 => None,
                        len => c.caller_ids.get(n % len).map(String::as_str),
                    };
                    let input = bland_input(&run.checked, c, &label, from, rows);
                    (key, input, Correlation::BlandBatchLabel { label })
                }
            };
            out.push(PlannedRequest {
                key,
                operation,
                input,
                contacts: chunk.to_vec(),
                callees,
                not_before_ms: not_before(slot, ctx),
                correlation,
            });
        }
    }
    explain(vendor, &groups, size, out.len(), run, explanation);
    out
}

fn explain(
    vendor: Vendor,
    groups: &BTreeMap<i64, Vec<usize>>,
    size: usize,
    requests: usize,
    run: &Run,
    explanation: &mut Vec<String>,
) {
    let times = groups.len();
    let last = groups.keys().next_back().copied();
    match vendor {
        Vendor::Aliyun => {
            explanation.push(format!(
                "{requests} BatchRobotSmartCall task(s) of at most {size} callees, over {times} send time(s): \
                 one task per {size} contacts whose calling window opens at the same time. {} callees per task \
                 is {}.",
                size,
                if run.checked.options.size.is_some() {
                    "vendors.aliyun.chunkSize"
                } else {
                    "the default: Alibaba's API summary says 1–100 numbers per task while CalledNumber says \
                     1–1000, so callplane takes the safe reading (set vendors.aliyun.chunkSize up to 1000)"
                }
            ));
            if run.checked.tts_head.is_empty() {
                explanation.push("The dialog has no TTS variables (no TtsParamHead).".to_owned());
            } else {
                explanation.push(format!(
                    "TTS variables (TtsParamHead): {}; each callee's values come from its variables.",
                    run.checked.tts_head.join(", ")
                ));
            }
            explanation.push(
                "Tasks are paced under dyvms' 100 requests/s; each has a unique TaskName to find it again."
                    .to_owned(),
            );
        }
        _ => {
            let split = if size == usize::MAX {
                "Bland documents no per-batch cap, so each send time is one batch (set vendors.bland.batchSize to split)".to_owned()
            } else {
                format!("at most {size} calls per batch (vendors.bland.batchSize)")
            };
            explanation.push(format!(
                "{requests} POST /v1/batches request(s) over {times} send time(s): {split}. Bland renders \
                 base_prompt for each call_data row; each batch has a unique label to find it again."
            ));
        }
    }
    if let Some(t) = last.filter(|_| times > 1) {
        explanation.push(format!("The last send time is {}.", utc_time(t)));
    }
}
