//! Rules for [`BatchRobotSmartCall`]. Every problem is reported; paths use wire names
//! (`CalledNumber[3]`, `TtsParam[0].params`).

use super::batch::{BATCH_ROBOT_SMART_CALL_PARAMS, BatchRobotSmartCall, TtsParamEntry};
use super::numbers::{check_number, check_number_list};
use super::rpc::check_extra;
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use std::collections::{HashMap, HashSet};

/// `CalledNumber` hard cap (parameter doc; `isv.VOICE_ROBOT_CALLEE_LIMIT` above it).
pub const MAX_CALLED_NUMBERS: usize = 1000;
/// The API summary's "一次任务支持设置1~100个号码"; above it callplane warns.
pub const SUMMARY_CALLED_NUMBERS: usize = 100;
/// `CalledShowNumber` cap.
pub const MAX_CALLED_SHOW_NUMBERS: usize = 100;
/// `TaskName` cap, in characters (Chinese characters count one each).
pub const MAX_TASK_NAME_CHARS: usize = 30;

/// Below this a millisecond timestamp is before 1973: almost certainly Unix *seconds*.
pub(crate) const LOOKS_LIKE_SECONDS_BELOW: i64 = 100_000_000_000;

pub(crate) fn validate(req: &BatchRobotSmartCall, ctx: &Context, report: &mut Report) {
    let called = check_number_list(
        &req.called_number,
        "CalledNumber",
        MAX_CALLED_NUMBERS,
        report,
    );
    if req.called_number.len() > SUMMARY_CALLED_NUMBERS
        && req.called_number.len() <= MAX_CALLED_NUMBERS
    {
        report.warning(
            IssueCode::TooMany,
            "CalledNumber",
            format!(
                "{} numbers: Alibaba's API summary says a task takes 1–{SUMMARY_CALLED_NUMBERS} numbers while \
                 the CalledNumber parameter says 1–{MAX_CALLED_NUMBERS}; callplane allows {MAX_CALLED_NUMBERS}, \
                 but the vendor may refuse more than {SUMMARY_CALLED_NUMBERS} (VENDORS.md §2.4)",
                req.called_number.len()
            ),
        );
    }
    check_number_list(
        &req.called_show_number,
        "CalledShowNumber",
        MAX_CALLED_SHOW_NUMBERS,
        report,
    );
    check_dialog_id(&req.dialog_id, report);
    check_task_name(req.task_name.as_deref(), report);
    check_corp_name(req, report);
    check_schedule(req, ctx, report);
    check_tts(req, &called, report);
    check_extra(&req.extra, BATCH_ROBOT_SMART_CALL_PARAMS, report);
}

fn check_dialog_id(id: &str, report: &mut Report) {
    if id.trim().is_empty() {
        report.error(
            IssueCode::Required,
            "DialogId",
            "DialogId is required: the dialog (话术) id from the console's dialog management page",
        );
    } else if !id.bytes().all(|b| b.is_ascii_digit()) {
        // The docs type it as a string and never say "digits", but every id the console shows
        // and every example (`1234567`, `100002970****`) is numeric: warn, do not refuse.
        report.warning(
            IssueCode::InvalidFormat,
            "DialogId",
            format!("`{id}` is not all digits; dialog ids shown in the console are numeric"),
        );
    }
}

fn check_task_name(name: Option<&str>, report: &mut Report) {
    match name {
        // Marked required in the parameter table and enforced by the SDKs
        // (`@Validation(required = true)` in the Java SDK's BatchRobotSmartCallRequest).
        None => report.error(
            IssueCode::Required,
            "TaskName",
            "TaskName is required (up to 30 characters, Chinese or English)",
        ),
        // The doc allows "0~30 个字符", so an empty name is legal, just unhelpful.
        Some(n) if n.trim().is_empty() => report.warning(
            IssueCode::Required,
            "TaskName",
            "TaskName is empty: allowed (0–30 characters) but the task cannot be told apart in the console",
        ),
        Some(n) => {
            let chars = n.chars().count();
            if chars > MAX_TASK_NAME_CHARS {
                report.error(
                    IssueCode::TooLong,
                    "TaskName",
                    format!("{chars} characters; TaskName takes at most {MAX_TASK_NAME_CHARS}"),
                );
            }
        }
    }
}

fn check_corp_name(req: &BatchRobotSmartCall, report: &mut Report) {
    let self_line = req.is_self_line == Some(true);
    match req.corp_name.as_deref() {
        Some(c) if !c.trim().is_empty() => {
            if c.trim() != c {
                report.warning(
                    IssueCode::InvalidFormat,
                    "CorpName",
                    "leading or trailing spaces: CorpName must match the qualification page exactly",
                );
            }
        }
        _ if self_line => {}
        _ => report.error(
            IssueCode::Required,
            "CorpName",
            "CorpName is required unless IsSelfLine is true; it must match the company name on the qualification page exactly",
        ),
    }
}

fn check_schedule(req: &BatchRobotSmartCall, ctx: &Context, report: &mut Report) {
    match (req.schedule_call, req.schedule_time) {
        (Some(true), None) => report.error(
            IssueCode::Required,
            "ScheduleTime",
            "ScheduleTime (Unix milliseconds) is required when ScheduleCall is true",
        ),
        (Some(true), Some(t)) if t <= ctx.now_ms => {
            let hint = if t < LOOKS_LIKE_SECONDS_BELOW {
                "; it looks like Unix seconds, ScheduleTime is milliseconds"
            } else {
                ""
            };
            report.error(
                IssueCode::NotInFuture,
                "ScheduleTime",
                format!("{t} is not after now ({}){hint}", ctx.now_ms),
            );
        }
        (Some(true), Some(_)) => {}
        (_, Some(_)) => report.warning(
            IssueCode::Ignored,
            "ScheduleTime",
            "ScheduleTime has no effect unless ScheduleCall is true; the task starts now",
        ),
        (_, None) => {}
    }
}

/// `TtsParam` and `TtsParamHead` must agree with each other and with `CalledNumber`.
fn check_tts(req: &BatchRobotSmartCall, called: &[Option<String>], report: &mut Report) {
    let head = req.tts_param_head.as_deref();
    let entries = req.tts_param.as_deref();
    if let Some(h) = head {
        check_head_names(h, report);
    }
    let head_len = head.map_or(0, <[String]>::len);
    let entries_len = entries.map_or(0, <[TtsParamEntry]>::len);
    if head == Some(&[]) {
        report.error(
            IssueCode::TooFew,
            "TtsParamHead",
            "TtsParamHead is an empty list: name at least one variable, or omit TtsParam and TtsParamHead",
        );
    }
    if entries == Some(&[]) {
        report.error(
            IssueCode::TooFew,
            "TtsParam",
            "TtsParam is an empty list: give each callee's values, or omit TtsParam and TtsParamHead",
        );
    }
    if head_len > 0 && entries.is_none() {
        report.error(
            IssueCode::TtsParamMismatch,
            "TtsParam",
            format!(
                "TtsParamHead names {head_len} variable(s) ({}) but TtsParam is missing: give each callee's values",
                names(head.unwrap_or_default())
            ),
        );
    }
    if entries_len > 0 && head.is_none() {
        report.error(
            IssueCode::TtsParamMismatch,
            "TtsParamHead",
            "TtsParam gives values but TtsParamHead is missing: it names the variables the values fill, in order",
        );
    }
    let Some(entries) = entries else { return };

    let called_set: HashSet<&str> = called.iter().flatten().map(String::as_str).collect();
    // TtsParam numbers are usually CalledNumber's strings verbatim: reuse their (valid) wire
    // forms instead of parsing every number twice. Anything else is checked in full.
    let known: HashMap<&str, &str> = req
        .called_number
        .iter()
        .zip(called)
        .filter_map(|(raw, w)| Some((raw.as_str(), w.as_deref()?)))
        .collect();
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let at = Path::root().field("TtsParam").index(i);
        if e.number.is_empty() && e.params.is_empty() {
            // `{}` or `null` (also what an unreadable entry becomes, see `wire::items_with_holes`).
            report.error(
                IssueCode::Required,
                at,
                "empty entry: give `number` and `params`",
            );
            continue;
        }
        let wire = match known.get(e.number.as_str()) {
            Some(w) => Some((*w).to_owned()),
            None => check_number(&e.number, &at.field("number"), report),
        };
        if let Some(w) = wire {
            if let Some(j) = first.get(&w) {
                report.error(
                    IssueCode::Duplicate,
                    at.field("number"),
                    format!("{w} already has values at TtsParam[{j}]"),
                );
            } else {
                // Only compare when CalledNumber itself was readable; otherwise its own issue
                // says what is wrong and every entry would echo it.
                if !called_set.is_empty() && !called_set.contains(w.as_str()) {
                    report.error(
                        IssueCode::TtsParamMismatch,
                        at.field("number"),
                        format!("{w} is not one of CalledNumber"),
                    );
                }
                first.insert(w, i);
            }
        }
        if let Some(h) = head.filter(|h| !h.is_empty())
            && e.params.len() != h.len()
        {
            report.error(
                IssueCode::TtsParamMismatch,
                at.field("params"),
                format!(
                    "{} value(s) but TtsParamHead names {} variable(s) ({})",
                    e.params.len(),
                    h.len(),
                    names(h)
                ),
            );
        }
        // An empty value (also what a `null` item reads as, see `wire::items_with_holes`) makes
        // the robot say nothing where the variable stands: legal for Alibaba, so a warning, but
        // never silent.
        for (k, v) in e.params.iter().enumerate() {
            if v.trim().is_empty() {
                let name = head
                    .and_then(|h| h.get(k))
                    .map_or_else(|| format!("value {k}"), |n| format!("`{n}`"));
                report.warning(
                    IssueCode::Required,
                    at.field("params").index(k),
                    format!("empty value for {name}: the robot says nothing there"),
                );
            }
        }
    }
    // A callee without an entry gets the dialog with its variables unfilled. Alibaba may have
    // defaults in the dialog, so this is a warning.
    if head_len > 0 && !entries.is_empty() {
        for (i, w) in called.iter().enumerate() {
            if let Some(w) = w
                && !first.contains_key(w)
            {
                report.warning(
                    IssueCode::TtsParamMismatch,
                    Path::root().field("CalledNumber").index(i),
                    format!("{w} has no TtsParam entry; its TTS variables will be empty"),
                );
            }
        }
    }
}

fn check_head_names(head: &[String], report: &mut Report) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, name) in head.iter().enumerate() {
        let at = Path::root().field("TtsParamHead").index(i);
        if name.trim().is_empty() {
            report.error(IssueCode::Required, at, "variable name is empty");
        } else if let Some(j) = first.get(name.as_str()) {
            report.error(
                IssueCode::Duplicate,
                at,
                format!("variable `{name}` is already TtsParamHead[{j}]"),
            );
        } else {
            first.insert(name, i);
        }
    }
}

/// `name1, name2, name3` (at most 10 shown).
fn names(head: &[String]) -> String {
    let shown: Vec<&str> = head.iter().take(10).map(String::as_str).collect();
    let mut s = shown.join(", ");
    if head.len() > shown.len() {
        s.push_str(", …");
    }
    s
}
