//! Campaign-level rules: id, script, schedule, calling hours, caller ids, suppression list and the
//! vendor options. Anything found here concerns every contact; an error stops the plan.

use super::model::{Campaign, Script};
use super::options::{self, VendorInput};
use super::plan::requests;
use super::window::{HORIZON_MS, Window};
use crate::api::registry;
use crate::issue::{IssueCode, Path, Report};
use crate::template::Template;
use crate::{Context, Vendor, phone};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Longest campaign id: it is embedded in every Bland label.
pub const MAX_ID_CHARS: usize = 200;

/// What the campaign-level rules found usable, for the contact checks and the plan.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    /// The calling window, when set and valid.
    pub window: Option<Window>,
    /// No call before this (max of now and `schedule.startAt`).
    pub base_ms: i64,
    /// No call at or after this: `schedule.endAt`, else `base_ms` + [`HORIZON_MS`].
    pub until_ms: i64,
    /// True when `until_ms` is the campaign's own `endAt`.
    pub has_end: bool,
    /// The prompt template (`script.prompt.template`).
    pub prompt: Option<Template>,
    /// The first sentence, as a template.
    pub first_sentence: Option<Template>,
    /// The variables every contact must have (template variables or TTS variables).
    pub required: Vec<String>,
    /// Whether `required` is explicit (unused contact variables are then worth a warning).
    pub warn_unused: bool,
    /// Alibaba `TtsParamHead` (empty: no TTS variables).
    pub tts_head: Vec<String>,
    /// Alibaba `DialogId`.
    pub dialog_id: String,
    /// Suppressed numbers in E.164.
    pub suppressed: HashSet<String>,
    /// The vendor options in wire names.
    pub options: VendorInput,
}

fn parse_instant(s: &str, at: Path, report: &mut Report) -> Option<i64> {
    match crate::datetime::parse_rfc3339(s) {
        Ok(t) => Some(t.timestamp_millis()),
        Err(e) => {
            report.error(
                IssueCode::InvalidFormat,
                at,
                format!(
                    "`{}` is not an RFC 3339 instant (`2026-11-23T09:00:00+01:00`): {e}",
                    s.escape_debug()
                ),
            );
            None
        }
    }
}

fn template(source: &str, at: &str, report: &mut Report) -> Option<Template> {
    if source.trim().is_empty() {
        report.error(IssueCode::Required, at, "the prompt template is empty");
        return None;
    }
    match Template::parse(source) {
        Ok(t) => Some(t),
        Err(e) => {
            report.error(IssueCode::TemplateSyntax, at, e.to_string());
            None
        }
    }
}

/// Union of the contacts' variable names, in order of first appearance.
fn contact_variables(c: &Campaign) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for contact in &c.contacts {
        for k in contact.variables.keys() {
            if seen.insert(k) {
                out.push(k.clone());
            }
        }
    }
    out
}

/// Check everything that is not a contact.
pub(crate) fn campaign_level(
    c: &Campaign,
    vendor: Vendor,
    ctx: &Context,
    report: &mut Report,
) -> Checked {
    check_id(&c.id, report);
    if c.contacts.is_empty() {
        report.error(
            IssueCode::TooFew,
            "contacts",
            "contacts is empty: nobody to call",
        );
    }
    let options = options::read(c, vendor, report);

    let mut prompt = None;
    let mut first_sentence = None;
    let mut required: Vec<String> = Vec::new();
    let mut warn_unused = true;
    let mut tts_head = Vec::new();
    let mut dialog_id = String::new();
    match &c.script {
        Script::Prompt {
            template: source,
            first_sentence: first,
        } => {
            prompt = template(source, "script.prompt.template", report);
            // Unused variables are only meaningful against a template that parsed.
            warn_unused = prompt.is_some();
            if let Some(t) = &prompt {
                required.extend(t.variables().into_iter().map(str::to_owned));
            }
            if let Some(f) = first {
                if vendor == Vendor::Aliyun {
                    report.warning(
                        IssueCode::Ignored,
                        "script.prompt.firstSentence",
                        "Alibaba dialogs speak what the console dialog says; firstSentence is not sent",
                    );
                } else {
                    first_sentence = template(f, "script.prompt.firstSentence", report);
                    for v in first_sentence.iter().flat_map(Template::variables) {
                        if !required.iter().any(|r| r == v) {
                            required.push(v.to_owned());
                        }
                    }
                }
            }
            if vendor == Vendor::Aliyun {
                tts_head = required.clone();
                match options.wire.get("DialogId") {
                    Some(Value::String(id)) => dialog_id = id.clone(),
                    _ => report.error(
                        IssueCode::Required,
                        "vendors.aliyun.dialogId",
                        "Alibaba calls follow a console dialog: set vendors.aliyun.dialogId (the template's \
                         variables become its TTS variables), or use script.aliyunDialog",
                    ),
                }
            }
        }
        Script::AliyunDialog {
            dialog_id: id,
            tts_variables,
        } => {
            if vendor != Vendor::Aliyun {
                report.error(
                    IssueCode::Conflict,
                    "script.aliyunDialog",
                    format!(
                        "an Alibaba dialog cannot be played on {vendor}: give script.prompt instead"
                    ),
                );
            }
            if id.trim().is_empty() {
                report.error(
                    IssueCode::Required,
                    "script.aliyunDialog.dialogId",
                    "dialogId is required: the dialog (话术) id from the console",
                );
            }
            dialog_id = id.clone();
            match tts_variables {
                Some(list) => {
                    let mut seen = HashSet::new();
                    for (i, name) in list.iter().enumerate() {
                        let at = Path::from("script.aliyunDialog.ttsVariables").index(i);
                        if name.trim().is_empty() {
                            report.error(IssueCode::Required, at, "variable name is empty");
                        } else if !seen.insert(name.as_str()) {
                            report.error(
                                IssueCode::Duplicate,
                                at,
                                format!("`{name}` is listed twice"),
                            );
                        }
                    }
                    tts_head = list.clone();
                }
                None => {
                    tts_head = contact_variables(c);
                    warn_unused = false;
                }
            }
            required = tts_head.clone();
        }
    }

    let (base_ms, until_ms, has_end) = schedule(c, ctx, report);
    let window = c
        .calling_hours
        .as_ref()
        .and_then(|h| Window::parse(h, &Path::from("callingHours"), report));
    let suppressed = suppression(c, vendor, report);
    check_callers(c, vendor, report);

    let checked = Checked {
        window,
        base_ms,
        until_ms,
        has_end,
        prompt,
        first_sentence,
        required,
        warn_unused,
        tts_head,
        dialog_id,
        suppressed,
        options,
    };
    vendor_probe(c, vendor, &checked, ctx, report);
    checked
}

fn check_id(id: &str, report: &mut Report) {
    if id.trim().is_empty() {
        report.error(
            IssueCode::Required,
            "id",
            "id is required: a stable campaign id (dispatch journals and vendor labels derive from it)",
        );
    } else if id.chars().count() > MAX_ID_CHARS {
        report.error(
            IssueCode::TooLong,
            "id",
            format!(
                "{} characters; id takes at most {MAX_ID_CHARS}",
                id.chars().count()
            ),
        );
    } else if id.chars().any(char::is_control) {
        report.error(
            IssueCode::InvalidFormat,
            "id",
            "id contains control characters",
        );
    }
}

/// `(base, until, has_end)`.
fn schedule(c: &Campaign, ctx: &Context, report: &mut Report) -> (i64, i64, bool) {
    let s = c.schedule.clone().unwrap_or_default();
    let start = s
        .start_at
        .as_deref()
        .and_then(|t| parse_instant(t, Path::from("schedule.startAt"), report));
    let base = start.map_or(ctx.now_ms, |t| t.max(ctx.now_ms));
    let end = s
        .end_at
        .as_deref()
        .and_then(|t| parse_instant(t, Path::from("schedule.endAt"), report));
    match end {
        Some(e) if e <= base => {
            report.error(
                IssueCode::NotInFuture,
                "schedule.endAt",
                format!(
                    "the campaign ends ({}) before it can start ({})",
                    super::window::utc_time(e),
                    super::window::utc_time(base)
                ),
            );
            (base, base, true)
        }
        Some(e) => (base, e, true),
        None => (base, base.saturating_add(HORIZON_MS), false),
    }
}

/// The default region of numbers without a country code, as the vendor reads them.
fn parse_any(vendor: Vendor, input: &str) -> Result<phone::PhoneNumber, phone::PhoneError> {
    match vendor {
        Vendor::Bland => phone::parse_bland(input),
        Vendor::Aliyun | Vendor::Tencent => phone::parse(input, "CN"),
    }
}

fn suppression(c: &Campaign, vendor: Vendor, report: &mut Report) -> HashSet<String> {
    let mut out = HashSet::with_capacity(c.suppression.len());
    for (i, raw) in c.suppression.iter().enumerate() {
        match parse_any(vendor, raw) {
            Ok(n) => {
                out.insert(n.e164().to_owned());
            }
            // An entry that cannot be read could be a number that must not be called: refuse
            // the campaign rather than call it.
            Err(e) => report.push(e.to_issue(Path::from("suppression").index(i))),
        }
    }
    out
}

fn check_callers(c: &Campaign, vendor: Vendor, report: &mut Report) {
    if c.caller_ids.is_empty() && vendor == Vendor::Aliyun {
        report.error(
            IssueCode::Required,
            "callerIds",
            "Alibaba needs at least one display number (CalledShowNumber) bought in the console",
        );
    }
    // Bland's `from` is not part of the probe (one per batch): check each here. Alibaba and
    // Tencent take the whole list, so the vendor probe checks it.
    if vendor == Vendor::Bland {
        for (i, n) in c.caller_ids.iter().enumerate() {
            phone::check_for(vendor, n, Path::from("callerIds").index(i), report);
        }
    }
}

/// Validate the vendor options with the vendor's own model: build one request for a sample callee
/// and keep the issues that are not about contacts (those are checked per contact), renamed to
/// campaign paths.
fn vendor_probe(
    c: &Campaign,
    vendor: Vendor,
    checked: &Checked,
    ctx: &Context,
    report: &mut Report,
) {
    let sample = match vendor {
        Vendor::Bland => "+14155550100",
        Vendor::Aliyun => "13900001111",
        Vendor::Tencent => "008613900001111",
    };
    let mut row = Map::new();
    row.insert("phone_number".into(), Value::from(sample));
    let input = match vendor {
        Vendor::Bland => requests::bland_input(
            checked,
            c,
            "probe",
            c.caller_ids.first().map(String::as_str),
            vec![Value::Object(row)],
        ),
        Vendor::Aliyun => {
            requests::aliyun_input(checked, c, "probe", &[(sample.to_owned(), Vec::new())])
        }
        Vendor::Tencent => requests::tencent_input(checked, c, sample, "", None),
    };
    let found = registry::validate(options::operation(vendor), input, ctx);
    for mut issue in found.issues {
        let wire = issue.path.as_str().to_owned();
        let (head, rest) = match wire.find(['.', '[']) {
            Some(p) => wire.split_at(p),
            None => (wire.as_str(), ""),
        };
        let path = match (vendor, head) {
            (
                Vendor::Bland,
                "call_data" | "base_prompt" | "label" | "first_sentence" | "from" | "task",
            ) => None,
            (Vendor::Aliyun, "CalledNumber" | "TtsParam" | "TtsParamHead" | "TaskName") => None,
            (Vendor::Aliyun, "CalledShowNumber") | (Vendor::Tencent, "Callers") => {
                Some(Path::from(format!("callerIds{rest}")))
            }
            (Vendor::Aliyun, "DialogId") if matches!(c.script, Script::AliyunDialog { .. }) => {
                Some(Path::from("script.aliyunDialog.dialogId"))
            }
            (Vendor::Tencent, "Callee" | "SystemPrompt" | "WelcomeMessage") => None,
            _ => Some(options::option_path(vendor, &wire)),
        };
        // Skip what the campaign rules already said at that place (`callerIds` required…).
        if let Some(p) = path
            && !report
                .issues
                .iter()
                .any(|i| i.path == p && i.code == issue.code)
        {
            issue.path = p;
            report.push(issue);
        }
    }
}
