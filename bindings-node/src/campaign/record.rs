//! One `CallRecord` for every vendor: the status set, and how each vendor's call record (as the
//! core parses it) maps onto it. Terminal outcomes come from the core's mappings
//! (`callplane_core::outcome::CallOutcome` via `aliyun::CallStatusCode`, `tencent::TelCdrInfo`);
//! live states from the vendors' own progress fields.

use super::journal::ContactUpdate;
use callplane_core::aliyun::CallDetail;
use callplane_core::bland::CallDetails;
use callplane_core::outcome::CallOutcome;
use callplane_core::tencent::lookups::{DescribeAICallInteractionRecordsOutput, TelCdrInfo};
use serde_json::Value;

/// The statuses of a `CallRecord`, plus the two a contact has before or instead of a call:
/// `pending` (planned, not yet accepted by the vendor) and `excluded` (preflight kept it out).
pub(crate) const STATUSES: &[&str] = &[
    "pending",
    "queued",
    "ringing",
    "in_progress",
    "completed",
    "no_answer",
    "busy",
    "failed",
    "voicemail",
    "canceled",
    "excluded",
];

/// Statuses that no longer change.
pub(crate) fn is_final(status: &str) -> bool {
    matches!(
        status,
        "completed" | "no_answer" | "busy" | "failed" | "voicemail" | "canceled" | "excluded"
    )
}

/// A terminal core outcome as a record status (`unknown` reads as failed: the vendor ended the
/// call and callplane cannot tell how, so it is not counted as reached).
fn from_outcome(o: CallOutcome) -> &'static str {
    match o {
        CallOutcome::Completed => "completed",
        CallOutcome::NoAnswer => "no_answer",
        CallOutcome::Busy => "busy",
        CallOutcome::Voicemail => "voicemail",
        CallOutcome::Canceled => "canceled",
        CallOutcome::Failed | CallOutcome::Unknown => "failed",
    }
}

/// A Tencent call record (DescribeTelCdr); only ended calls have one.
pub(crate) fn tencent_cdr(idx: i64, raw: &Value) -> Option<ContactUpdate> {
    let cdr: TelCdrInfo = serde_json::from_value(raw.clone()).ok()?;
    Some(ContactUpdate {
        idx,
        status: Some(from_outcome(cdr.outcome()).to_owned()),
        call_id: cdr.session_id.clone(),
        duration_s: cdr.duration.map(|d| d as f64),
        recording_url: cdr.record_url.clone().filter(|u| !u.is_empty()),
        raw: Some(raw.clone()),
        ..Default::default()
    })
}

/// A Tencent AI call's conversation (DescribeAICallInteractionRecords) as one transcript, a line
/// per message (`assistant: …` / `user: …`), in round order; `None` when it has no message.
pub(crate) fn tencent_transcript(raw: &Value) -> Option<String> {
    let out: DescribeAICallInteractionRecordsOutput = serde_json::from_value(raw.clone()).ok()?;
    let mut lines = Vec::new();
    for round in out.interaction_event_list.iter().flatten() {
        for m in round.messages.iter().flatten() {
            if let Some(text) = m.ai_speak.as_ref().and_then(|a| a.spoken_text.as_deref()) {
                lines.push(format!("assistant: {text}"));
            }
            if let Some(text) = m
                .user_reply
                .as_ref()
                .and_then(|u| u.asr_transcript.as_deref())
            {
                lines.push(format!("user: {text}"));
            }
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// An Alibaba call detail (`Data` of QueryCallDetailByTaskId).
pub(crate) fn aliyun_detail(idx: i64, raw: &Value) -> Option<ContactUpdate> {
    let d: CallDetail = serde_json::from_value(raw.clone()).ok()?;
    let code = d.state.as_ref().or(d.status_code.as_ref());
    let status = match code.and_then(|c| c.outcome()) {
        Some(o) => from_outcome(o),
        // In progress: 200201 is ringing; 200103 and other live codes are a call in progress.
        None => match code.map(|c| c.raw()) {
            Some("200201") => "ringing",
            Some(_) => "in_progress",
            None => "queued",
        },
    };
    let transcript = d.dialog_detail.as_ref().map(|turns| {
        turns
            .iter()
            .map(|t| {
                format!(
                    "{}: {}",
                    t.role.as_deref().unwrap_or("?"),
                    t.content.as_deref().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Some(ContactUpdate {
        idx,
        status: Some(status.to_owned()),
        call_id: d.call_id.clone(),
        duration_s: d.duration.map(|s| s as f64),
        transcript: transcript.filter(|t| !t.is_empty()),
        recording_url: d.record_file.clone().filter(|u| !u.is_empty()),
        raw: Some(raw.clone()),
        ..Default::default()
    })
}

/// A Bland call object (`GET /v1/calls`, `GET /v1/calls/{id}`, or the post-call webhook body).
pub(crate) fn bland_call(idx: i64, raw: &Value) -> Option<ContactUpdate> {
    let c: CallDetails = serde_json::from_value(raw.clone()).ok()?;
    let status = bland_status(raw);
    let transcript = c.concatenated_transcript.clone().or_else(|| {
        c.transcripts.as_ref().map(|ts| {
            ts.iter()
                .filter_map(|t| t.text.clone())
                .collect::<Vec<_>>()
                .join("\n")
        })
    });
    let duration = c
        .corrected_duration
        .as_ref()
        .and_then(|n| serde_json::to_value(n).ok())
        .and_then(|v| {
            v.as_f64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        })
        .or(c.call_length.map(|m| m * 60.0));
    Some(ContactUpdate {
        idx,
        status: Some(status.to_owned()),
        call_id: c.call_id.clone().or(c.c_id.clone()),
        group_id: c.batch_id.clone(),
        duration_s: duration,
        transcript: transcript.filter(|t| !t.is_empty()),
        recording_url: c.recording_url.clone().filter(|u| !u.is_empty()),
        analysis: c.analysis.clone().filter(|a| !a.is_null()),
        raw: Some(raw.clone()),
        ..Default::default()
    })
}

/// Bland's fields read on the wire (`queue_status`, `status`, `answered_by`, `completed`): the
/// typed enums are lenient, so the raw strings are matched here.
fn bland_status(raw: &Value) -> &'static str {
    let s = |k: &str| raw.get(k).and_then(Value::as_str).unwrap_or("");
    let completed = raw.get("completed").and_then(Value::as_bool) == Some(true);
    match s("queue_status") {
        "pre_queue_error" | "queue_error" | "call_error" | "complete_error" => return "failed",
        _ => {}
    }
    if completed || matches!(s("queue_status"), "complete" | "completed") {
        return match (s("status"), s("answered_by")) {
            (_, "voicemail") => "voicemail",
            ("busy", _) => "busy",
            ("no-answer", _) | (_, "no-answer") => "no_answer",
            ("failed", _) => "failed",
            ("canceled", _) => "canceled",
            ("completed", _) => "completed",
            _ => "failed",
        };
    }
    match s("queue_status") {
        "started" => "in_progress",
        "allocated" => "ringing",
        _ => "queued",
    }
}
