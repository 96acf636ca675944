//! From a campaign to a journal: read the campaign (core model), plan it (core `plan`) and write
//! the plan into a new journal — or, when the journal already holds this campaign, check it is the
//! same campaign and resume from what it holds (the plan is never recomputed: its keys, chunks and
//! inputs stay exactly as first journalled).

use super::journal::{self, IntentRow, Journal, NewContact};
use callplane_core::campaign::{self, Campaign, ContactStatus};
use callplane_core::{Context, Error, Vendor};
use serde_json::{Value, json};

/// Read a campaign (camelCase JSON), reporting every problem.
pub(crate) fn read_campaign(value: Value) -> Result<Campaign, Error> {
    let (c, report) = campaign::parse_campaign(value);
    match c {
        Some(c) if !report.has_errors() => Ok(c),
        _ => Err(Error::Validation(report)),
    }
}

/// A stable fingerprint of what the plan depends on (FNV-1a over the campaign's JSON), so a
/// journal is never resumed with a different campaign under the same id.
fn fingerprint(c: &Campaign) -> String {
    let text = serde_json::to_string(c).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What `prepare` found.
pub(crate) struct Prepared {
    /// True when the journal already held this campaign (a resume).
    pub resumed: bool,
    /// The plan's explanation lines (first run only).
    pub explanation: Vec<String>,
}

/// Plan `c` for `vendor` into `journal`, or check the journal holds exactly this campaign.
pub(crate) async fn prepare(
    journal: &Journal,
    c: &Campaign,
    vendor: Vendor,
    now_ms: i64,
) -> Result<Prepared, String> {
    let print = fingerprint(c);
    let existing = journal
        .read(|conn| {
            Ok((
                journal::meta(conn, "campaign_id")?,
                journal::meta(conn, "vendor")?,
                journal::meta(conn, "fingerprint")?,
            ))
        })
        .await?;
    if let (Some(id), Some(v), Some(f)) = existing {
        if id != c.id || v != vendor.as_str() || f != print {
            return Err(format!(
                "the journal {} belongs to campaign `{id}` on {v}{}; use another journal file for this one",
                journal.path().display(),
                if id == c.id && v == vendor.as_str() {
                    " with other contents (the campaign changed since it was planned)"
                } else {
                    ""
                }
            ));
        }
        return Ok(Prepared {
            resumed: true,
            explanation: Vec::new(),
        });
    }
    let ctx = Context::at(now_ms);
    let plan = campaign::plan(c, vendor, &ctx).map_err(|e| e.to_string())?;
    let check = campaign::preflight(c, vendor, &ctx);
    let mut intent_of: Vec<Option<String>> = vec![None; c.contacts.len()];
    let mut intents = Vec::with_capacity(plan.requests.len());
    for (seq, r) in plan.requests.iter().enumerate() {
        for &i in &r.contacts {
            if let Some(slot) = intent_of.get_mut(i) {
                *slot = Some(r.key.clone());
            }
        }
        intents.push(IntentRow {
            seq: seq as i64,
            key: r.key.clone(),
            operation: r.operation.name().to_owned(),
            input: r.input.clone(),
            contacts: r.contacts.iter().map(|&i| i as i64).collect(),
            trace: serde_json::to_value(&r.correlation).map_err(|e| e.to_string())?,
            not_before_ms: r.not_before_ms,
            state: journal::State::Planned,
            lost: 0,
            sent_at_ms: None,
        });
    }
    let contacts: Vec<NewContact> = check
        .contacts
        .iter()
        .map(|cc| {
            let intent = intent_of.get(cc.index).cloned().flatten();
            let excluded = intent.is_none();
            NewContact {
                idx: cc.index as i64,
                key: cc.key.clone(),
                phone: cc.e164.clone(),
                intent,
                status: if excluded { "excluded" } else { "pending" }.into(),
                error: excluded.then(|| {
                    let issues: Vec<Value> = cc
                        .issues
                        .iter()
                        .filter(|i| i.severity == callplane_core::Severity::Error)
                        .map(|i| json!({"code": i.code.as_str(), "path": i.path.as_str(), "message": i.message}))
                        .collect();
                    if issues.is_empty() || cc.status != ContactStatus::Excluded {
                        // Planned out without an error of its own: past the campaign's end.
                        json!({"code": "outside_schedule", "message": "no send time left inside the campaign's schedule and calling hours"})
                    } else {
                        json!({"code": "excluded", "issues": issues})
                    }
                }),
            }
        })
        .collect();
    let id = c.id.clone();
    let v = vendor.as_str().to_owned();
    journal
        .write(move |tx| {
            journal::set_meta(tx, "campaign_id", &id)?;
            journal::set_meta(tx, "vendor", &v)?;
            journal::set_meta(tx, "fingerprint", &print)?;
            journal::set_meta(tx, "planned_at_ms", &now_ms.to_string())?;
            journal::insert_plan(tx, &intents, &contacts, now_ms)
        })
        .await?;
    Ok(Prepared {
        resumed: false,
        explanation: plan.explanation,
    })
}
