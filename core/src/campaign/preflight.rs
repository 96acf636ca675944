//! Per-contact rules, all problems at once: the number (invalid, or one the vendor cannot dial),
//! duplicates after normalisation, the suppression list, the script's variables, and the calling
//! window in the callee's local time(s). An error excludes the contact; a warning does not.

use super::check::{self, Checked};
use super::model::Campaign;
use super::timezones::{self, ZoneSet};
use super::window::{local_time, utc_time};
use super::{ContactCheck, ContactStatus, Preflight, Summary};
use crate::issue::{Issue, IssueCode, Path, Report, Severity};
use crate::template;
use crate::{Context, Vendor, phone};
use serde_json::Value;
use std::collections::HashMap;

/// Everything preflight found, with what the plan needs besides the public result.
pub(crate) struct Run {
    pub checked: Checked,
    pub campaign: Report,
    pub contacts: Vec<ContactCheck>,
    /// Each contact's number in the vendor's wire form, when valid.
    pub wire: Vec<Option<String>>,
    /// Each contact's zone set, when known.
    pub zones: Vec<Option<ZoneSet>>,
}

/// Check `campaign` for `vendor`: every problem of the campaign and of each contact.
pub fn preflight(campaign: &Campaign, vendor: Vendor, ctx: &Context) -> Preflight {
    let run = run(campaign, vendor, ctx);
    let summary = summarize(&run.campaign, &run.contacts);
    Preflight {
        issues: run.campaign.issues,
        contacts: run.contacts,
        summary,
    }
}

fn summarize(campaign: &Report, contacts: &[ContactCheck]) -> Summary {
    let mut s = Summary {
        contacts: contacts.len(),
        ..Summary::default()
    };
    let mut count = |i: &Issue| *s.by_code.entry(i.code.as_str().to_owned()).or_insert(0) += 1;
    campaign.issues.iter().for_each(&mut count);
    for c in contacts {
        c.issues.iter().for_each(&mut count);
    }
    for c in contacts {
        match c.status {
            ContactStatus::Ready => s.ready += 1,
            ContactStatus::Warning => s.warning += 1,
            ContactStatus::Excluded => s.excluded += 1,
        }
    }
    s
}

/// Preflight with the internals the plan reuses.
pub(crate) fn run(c: &Campaign, vendor: Vendor, ctx: &Context) -> Run {
    let mut campaign = Report::new();
    let checked = check::campaign_level(c, vendor, ctx, &mut campaign);
    let n = c.contacts.len();
    let mut contacts = Vec::with_capacity(n);
    let mut wire = Vec::with_capacity(n);
    let mut zones = Vec::with_capacity(n);
    let mut by_number: HashMap<String, usize> = HashMap::with_capacity(n);
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    // Per zone set: when the window opens, and what to say about it (the same for every contact in
    // those zones, so it is computed and formatted once).
    let mut opens: HashMap<ZoneSet, (Option<i64>, Option<Verdict>)> = HashMap::new();
    let mut unused: Vec<(String, usize, usize)> = Vec::new();

    for (i, contact) in c.contacts.iter().enumerate() {
        let at = Path::from("contacts").index(i);
        let mut issues = Report::new();

        // The number.
        let number = if contact.phone.trim().is_empty() {
            issues.error(IssueCode::Required, at.field("phone"), "phone is required");
            None
        } else {
            phone::check_for(vendor, &contact.phone, at.field("phone"), &mut issues)
        };
        let e164 = number.as_ref().map(|n| n.e164().to_owned());
        let wire_number = number.as_ref().and_then(|n| phone::to_wire(vendor, n).ok());
        if let Some(e) = &e164 {
            if let Some(&first) = by_number.get(e) {
                issues.error(
                    IssueCode::Duplicate,
                    at.field("phone"),
                    format!("{e} is also contacts[{first}]: each number is called once"),
                );
            } else {
                by_number.insert(e.clone(), i);
            }
            if checked.suppressed.contains(e) {
                issues.error(
                    IssueCode::Suppressed,
                    at.field("phone"),
                    format!("{e} is on the suppression (do-not-call) list"),
                );
            }
        }

        // The id.
        if let Some(id) = &contact.id {
            if id.trim().is_empty() {
                issues.error(
                    IssueCode::Required,
                    at.field("id"),
                    "id is empty: omit it to key the contact by its number",
                );
            } else if let Some(&first) = by_id.get(id.as_str()) {
                issues.error(
                    IssueCode::Duplicate,
                    at.field("id"),
                    format!("id `{id}` is also contacts[{first}]'s: contact ids must be unique"),
                );
            } else {
                by_id.insert(id, i);
            }
        }

        // The variables.
        check_variables(&contact.variables, &checked, &at, &mut issues);
        if checked.warn_unused {
            for k in contact.variables.keys().filter(|k| *k != "phone_number") {
                let used = checked
                    .required
                    .iter()
                    .any(|r| r.split('.').next() == Some(k.as_str()));
                if !used {
                    match unused.iter_mut().find(|(name, _, _)| name == k) {
                        Some(u) => u.2 += 1,
                        None => unused.push((k.clone(), i, 1)),
                    }
                }
            }
        }

        // The calling window.
        let zone_set = e164.as_deref().and_then(timezones::for_e164);
        let time_zones = zone_set.map(ZoneSet::names).unwrap_or_default();
        let mut send_after_ms = None;
        if let (Some(window), Some(e)) = (checked.window, &e164) {
            match zone_set {
                None => issues.error(
                    IssueCode::UnknownTimeZone,
                    at.field("phone"),
                    format!(
                        "{e}: its time zone is unknown (not in libphonenumber's prefix table), so calling \
                         hours cannot be checked"
                    ),
                ),
                Some(zs) => {
                    let (open, said) = opens.entry(zs).or_insert_with(|| {
                        let open = window.next_open(zs, checked.base_ms, checked.until_ms);
                        (open, window_issue(open, zs, &window.describe(), &checked))
                    });
                    send_after_ms = *open;
                    if let Some((severity, message)) = said {
                        issues.push(Issue {
                            severity: *severity,
                            code: IssueCode::OutsideCallingHours,
                            path: at.field("phone"),
                            message: message.clone(),
                        });
                    }
                }
            }
        }

        let status = if issues.has_errors() {
            ContactStatus::Excluded
        } else if issues.issues.is_empty() {
            ContactStatus::Ready
        } else {
            ContactStatus::Warning
        };
        let key = match (&contact.id, &e164) {
            (Some(id), _) if !id.trim().is_empty() => id.clone(),
            (_, Some(e)) => e.clone(),
            _ => format!("#{i}"),
        };
        contacts.push(ContactCheck {
            index: i,
            key,
            e164,
            time_zones,
            send_after_ms,
            issues: issues.issues,
            status,
        });
        wire.push(wire_number);
        zones.push(zone_set);
    }

    unique_keys(&mut contacts, c);
    for (name, first, count) in unused {
        campaign.warning(
            IssueCode::UnusedVariable,
            Path::from("contacts")
                .index(first)
                .field("variables")
                .field(&name),
            format!(
                "variable `{name}` is used by no variable of the script ({count} contact{})",
                if count == 1 { "" } else { "s" }
            ),
        );
    }
    Run {
        checked,
        campaign,
        contacts,
        wire,
        zones,
    }
}

fn check_variables(
    vars: &serde_json::Map<String, Value>,
    checked: &Checked,
    at: &Path,
    issues: &mut Report,
) {
    let vat = at.field("variables");
    if vars.contains_key("phone_number") {
        issues.error(
            IssueCode::Conflict,
            vat.field("phone_number"),
            "`phone_number` is the contact's number (contacts[].phone) and cannot be a variable",
        );
    }
    for name in &checked.required {
        if name == "phone_number" {
            continue;
        }
        match template::lookup(vars, name) {
            None | Some(Value::Null) => issues.error(
                IssueCode::MissingVariable,
                vat.field(name),
                format!("missing variable `{name}` used by the script"),
            ),
            Some(Value::Object(_) | Value::Array(_)) => issues.error(
                IssueCode::NonScalarVariable,
                vat.field(name),
                format!("variable `{name}` used by the script is an object or array, which has no text form"),
            ),
            Some(_) => {}
        }
    }
}

/// What to say about the calling window: severity and message.
type Verdict = (Severity, String);

/// What to say about a contact whose window opens at `open` (`None`: never).
fn window_issue(
    open: Option<i64>,
    zones: ZoneSet,
    window: &str,
    checked: &Checked,
) -> Option<Verdict> {
    let names: Vec<&str> = zones.zones().map(|z| z.name).collect();
    let zone_list = names.join(", ");
    match open {
        None if checked.has_end => Some((
            Severity::Error,
            format!(
                "calling hours {window} do not hold in all of the callee's time zones ({zone_list}) at any \
                 time before the campaign ends ({})",
                utc_time(checked.until_ms)
            ),
        )),
        None => Some((
            Severity::Error,
            format!(
                "calling hours {window} never hold in all of the callee's time zones ({zone_list}) at once \
                 within 8 days of the start"
            ),
        )),
        Some(t) if t > checked.base_ms => {
            let first = zones.zones().next().and_then(|z| z.tz);
            let when = first.map_or_else(|| utc_time(t), |tz| local_time(tz, t));
            let start = first.map_or_else(
                || utc_time(checked.base_ms),
                |tz| local_time(tz, checked.base_ms),
            );
            Some((
                Severity::Warning,
                format!(
                    "outside calling hours {window} at the start ({start}); deferred to {when}"
                ),
            ))
        }
        Some(_) => None,
    }
}

/// Keys must be unique among called contacts (the journal and Tencent request keys use them). Ids
/// and numbers are already unique among themselves; an id equal to another contact's number is
/// the collision left.
fn unique_keys(contacts: &mut [ContactCheck], c: &Campaign) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(contacts.len());
    for cc in contacts.iter_mut() {
        if cc.status == ContactStatus::Excluded {
            continue;
        }
        match seen.get(&cc.key) {
            Some(&first) => {
                let field = if c.contacts.get(cc.index).is_some_and(|x| x.id.is_some()) {
                    "id"
                } else {
                    "phone"
                };
                cc.issues.push(Issue {
                    severity: Severity::Error,
                    code: IssueCode::Duplicate,
                    path: Path::from("contacts").index(cc.index).field(field),
                    message: format!(
                        "key `{}` is also contacts[{first}]'s key (an id equal to another contact's number)",
                        cc.key
                    ),
                });
                cc.status = ContactStatus::Excluded;
            }
            None => {
                seen.insert(cc.key.clone(), cc.index);
            }
        }
    }
}
