//! The validator for the shared call options ([`CallOptionsRef`]), used by every operation that
//! carries them. Operation-specific rules (what is required, what conflicts with `base_prompt`…)
//! live with each operation.

use super::enums::{BackgroundTrack, VoicemailAction};
use super::options::{CallOptionsRef, PronunciationGuideEntry, Retry, Voicemail};
use super::rules::{self, LanguageScope};
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use serde_json::Value;

/// Fields `/v1/calls` ignores when `pathway_id` is set ("Unused Parameters" accordion on
/// docs.bland.ai/api-v1/post/calls: the pathway replaces the task, model, tools and transfers).
pub const IGNORED_WITH_PATHWAY: &[&str] = &[
    "task",
    "model",
    "tools",
    "transfer_list",
    "transfer_phone_number",
];

/// Validate the shared call options found at `at` (the root, `global`, `call_objects[3]`).
pub fn validate_call_options(
    o: &CallOptionsRef<'_>,
    at: &Path,
    ctx: &Context,
    report: &mut Report,
) {
    validate_call_options_within(o, None, at, ctx, report);
}

/// Like [`validate_call_options`] for options that inherit from `parent` (a v2 call object inherits
/// `global`: a `pathway_id` there applies to the object too).
pub fn validate_call_options_within(
    o: &CallOptionsRef<'_>,
    parent: Option<&CallOptionsRef<'_>>,
    at: &Path,
    ctx: &Context,
    report: &mut Report,
) {
    let pathway_set = o.pathway_id.is_some() || parent.is_some_and(|p| p.pathway_id.is_some());
    pathway_rules(o, pathway_set, at, report);

    if let Some(s) = o.first_sentence {
        rules::check_len(
            s,
            rules::FIRST_SENTENCE_LIMIT,
            true,
            &at.field("first_sentence"),
            report,
            true,
        );
    }
    if let Some(lang) = o.language {
        rules::check_language(lang, LanguageScope::Call, &at.field("language"), report);
    }
    if let Some(t) = o.temperature
        && !(0.0..=1.0).contains(t)
    {
        report.error(
            IssueCode::OutOfRange,
            at.field("temperature"),
            format!("temperature {t} is outside 0–1"),
        );
    }
    if let Some(v) = o.interruption_threshold {
        rules::check_interruption_threshold(*v, &at.field("interruption_threshold"), report);
    }
    if let Some(f) = o.from {
        rules::check_from_number(f, &at.field("from"), report);
    }
    if let Some(tz) = o.timezone {
        rules::check_timezone(tz, &at.field("timezone"), report);
    }
    if let Some(s) = o.start_time {
        rules::check_start_time(s, ctx, &at.field("start_time"), report);
    }
    if let Some(n) = o.transfer_phone_number {
        rules::check_phone(n, &at.field("transfer_phone_number"), report);
    }
    if let Some(list) = o.transfer_list {
        let list_at = at.field("transfer_list");
        for (name, number) in list {
            rules::check_phone(number, &list_at.field(name), report);
        }
    }
    if let Some(m) = o.max_duration {
        rules::check_max_duration(*m, &at.field("max_duration"), report);
    }
    if let Some(tools) = o.tools {
        check_tools(tools, &at.field("tools"), report);
    }
    if let Some(BackgroundTrack::Other(s)) = o.background_track {
        report.warning(
            IssueCode::InvalidEnum,
            at.field("background_track"),
            format!(
                "background_track `{}` is not documented (documented: {})",
                rules::truncate_for_message(s),
                BackgroundTrack::documented()
            ),
        );
    }
    if let Some(vm) = o.voicemail {
        check_voicemail(vm, &at.field("voicemail"), report);
    }
    if let Some(s) = o.summary_prompt {
        rules::check_len(
            s,
            rules::SUMMARY_PROMPT_LIMIT,
            true,
            &at.field("summary_prompt"),
            report,
            false,
        );
    }
    if let Some(r) = o.retry {
        check_retry(r, &at.field("retry"), report);
    }
    if let Some(url) = o.webhook {
        rules::check_https_url(url, &at.field("webhook"), report);
    }
    if let Some(events) = o.webhook_events {
        let ev_at = at.field("webhook_events");
        for (i, e) in events.iter().enumerate() {
            if !e.is_known() {
                report.warning(
                    IssueCode::InvalidEnum,
                    ev_at.index(i),
                    format!(
                        "webhook event `{}` is not documented (documented: {})",
                        rules::truncate_for_message(e.as_str()),
                        super::enums::WebhookEvent::documented()
                    ),
                );
            }
        }
        if !events.is_empty() && o.webhook.is_none() && parent.is_none_or(|p| p.webhook.is_none()) {
            report.warning(
                IssueCode::Ignored,
                ev_at,
                "webhook_events are delivered to `webhook`, which is not set",
            );
        }
    }
    if let Some(k) = o.keywords
        && k.len() > rules::MAX_KEYWORDS
    {
        report.error(
            IssueCode::TooMany,
            at.field("keywords"),
            format!(
                "{} keywords; Bland allows at most {}",
                k.len(),
                rules::MAX_KEYWORDS
            ),
        );
    }
    if let Some(seq) = o.precall_dtmf_sequence {
        rules::check_dtmf(seq, &at.field("precall_dtmf_sequence"), report);
    }
    if let Some(guide) = o.pronunciation_guide {
        let g_at = at.field("pronunciation_guide");
        for (i, entry) in guide.iter().enumerate() {
            check_pronunciation(entry.as_ref(), &g_at.index(i), report);
        }
    }
}

fn pathway_rules(o: &CallOptionsRef<'_>, pathway_set: bool, at: &Path, report: &mut Report) {
    if pathway_set {
        let set = [
            o.task.is_some(),
            o.model.is_some(),
            o.tools.is_some(),
            o.transfer_list.is_some(),
            o.transfer_phone_number.is_some(),
        ];
        for (name, present) in IGNORED_WITH_PATHWAY.iter().zip(set) {
            if present {
                report.warning(
                    IssueCode::Ignored,
                    at.field(name),
                    format!("`{name}` is ignored when pathway_id is set (the pathway replaces it)"),
                );
            }
        }
    } else {
        for (name, present) in [
            ("pathway_version", o.pathway_version.is_some()),
            ("start_node_id", o.start_node_id.is_some()),
        ] {
            if present {
                report.warning(
                    IssueCode::Ignored,
                    at.field(name),
                    format!("`{name}` has no effect without pathway_id"),
                );
            }
        }
    }
}

/// Tools are inline tool objects or tool ids (`TL-…`, knowledge bases `KB-…`).
fn check_tools(tools: &[Value], at: &Path, report: &mut Report) {
    for (i, t) in tools.iter().enumerate() {
        match t {
            Value::Object(_) => {}
            Value::String(s) if !s.trim().is_empty() => {}
            other => report.error(
                IssueCode::InvalidType,
                at.index(i),
                format!(
                    "a tool must be a tool object or a tool id string, got {}",
                    crate::json::kind_name(other)
                ),
            ),
        }
    }
}

fn check_voicemail(vm: &Voicemail, at: &Path, report: &mut Report) {
    let has_message = vm.message.as_deref().is_some_and(|m| !m.trim().is_empty());
    if vm.action == Some(VoicemailAction::LeaveMessage) && !has_message {
        report.error(
            IssueCode::Required,
            at.field("message"),
            "voicemail.message is required when voicemail.action is leave_message",
        );
    }
    if let Some(sms) = &vm.sms {
        let sms_at = at.field("sms");
        match &sms.to {
            Some(to) => {
                rules::check_phone(to, &sms_at.field("to"), report);
            }
            None => report.error(
                IssueCode::Required,
                sms_at.field("to"),
                "voicemail.sms.to is required",
            ),
        }
        if let Some(from) = &sms.from {
            rules::check_from_number(from, &sms_at.field("from"), report);
        }
        rules::require_text(
            sms.message.as_ref(),
            &sms_at.field("message"),
            "voicemail.sms.message",
            report,
        );
    }
}

fn check_retry(r: &Retry, at: &Path, report: &mut Report) {
    let has_message = r
        .voicemail_message
        .as_deref()
        .is_some_and(|m| !m.trim().is_empty());
    if r.voicemail_action == Some(VoicemailAction::LeaveMessage) && !has_message {
        report.error(
            IssueCode::Required,
            at.field("voicemail_message"),
            "retry.voicemail_message is required when retry.voicemail_action is leave_message",
        );
    }
}

fn check_pronunciation(entry: Option<&PronunciationGuideEntry>, at: &Path, report: &mut Report) {
    let Some(e) = entry else {
        report.error(
            IssueCode::Required,
            at.clone(),
            "pronunciation_guide entries must be objects",
        );
        return;
    };
    rules::require_text(e.word.as_ref(), &at.field("word"), "word", report);
    rules::require_text(
        e.pronunciation.as_ref(),
        &at.field("pronunciation"),
        "pronunciation",
        report,
    );
    for (name, v) in [("case_sensitive", &e.case_sensitive), ("spaced", &e.spaced)] {
        match v {
            None | Some(Value::Bool(_)) => {}
            Some(Value::String(s)) if s == "true" || s == "false" => {}
            Some(other) => report.error(
                IssueCode::InvalidType,
                at.field(name),
                format!(
                    "expected true/false (or \"true\"/\"false\"), got {}",
                    crate::json::kind_name(other)
                ),
            ),
        }
    }
}
