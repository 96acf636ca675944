//! Phone numbers as dyvms takes them: mainland China only, national form on the wire
//! (`13900001234`), lists joined with ASCII commas.

use crate::issue::{IssueCode, Path, Report};
use crate::{Vendor, phone};
use std::collections::HashMap;

/// The wire form of `raw`, or `None` when it is not a dialable mainland number.
pub(crate) fn wire_number(raw: &str) -> Option<String> {
    let n = phone::parse_for(Vendor::Aliyun, raw).ok()?;
    phone::to_wire(Vendor::Aliyun, &n).ok()
}

/// The wire form for `to_params`: normalised when valid, else as given (the validator has said why).
pub(crate) fn wire_or_raw(raw: &str) -> String {
    wire_number(raw).unwrap_or_else(|| raw.to_owned())
}

/// Check one number at `path`; its wire form when valid.
pub(crate) fn check_number(raw: &str, path: &Path, report: &mut Report) -> Option<String> {
    // A comma inside one item would split it in two on the wire. The full-width comma is the
    // usual typo when numbers are pasted from Chinese text: Alibaba only splits on ','.
    if raw.contains('，') {
        report.error(
            IssueCode::InvalidFormat,
            path.clone(),
            "contains a full-width comma (，); Alibaba separates numbers with the ASCII comma (,)",
        );
        return None;
    }
    if raw.contains(',') {
        report.error(
            IssueCode::InvalidFormat,
            path.clone(),
            "contains a comma; give one number per list item",
        );
        return None;
    }
    let parsed =
        phone::parse_for(Vendor::Aliyun, raw).and_then(|n| phone::to_wire(Vendor::Aliyun, &n));
    match parsed {
        Ok(w) => Some(w),
        Err(e) => {
            report.error(e.issue_code(), path.clone(), e.message);
            None
        }
    }
}

/// Check a number list field: `min..=max` items, each valid, no duplicates after normalisation.
/// Returns each item's wire form (`None` where invalid), index-aligned with `list`.
pub(crate) fn check_number_list(
    list: &[String],
    field: &str,
    max: usize,
    report: &mut Report,
) -> Vec<Option<String>> {
    let at = Path::root().field(field);
    if list.is_empty() {
        report.error(
            IssueCode::Required,
            at.clone(),
            format!("{field} needs 1–{max} numbers"),
        );
    } else if list.len() > max {
        report.error(
            IssueCode::TooMany,
            at.clone(),
            format!("{} numbers; {field} takes at most {max}", list.len()),
        );
    }
    let mut first: HashMap<String, usize> = HashMap::with_capacity(list.len());
    let mut out = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let path = at.index(i);
        let wire = check_number(raw, &path, report);
        if let Some(w) = &wire {
            if let Some(j) = first.get(w) {
                report.error(
                    IssueCode::Duplicate,
                    path,
                    format!("{w} is already {field}[{j}]"),
                );
            } else {
                first.insert(w.clone(), i);
            }
        }
        out.push(wire);
    }
    out
}
