//! What a simulated conversation "said": transcript lines, summary, analysis answers and
//! dispositions. All of it is a pure function of the call (its seq, plan, options and rendered
//! prompt) and its lifecycle snapshot, computed on read; nothing per line is stored.

use super::view::CallCtx;
use crate::lifecycle::{Snapshot, Status};
use crate::outcome::{fnv1a, splitmix64};
use crate::vendors::common::iso8601_ms;
use serde_json::{Value, json};

/// One transcript line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Simulated ms when it was said.
    pub at_ms: i64,
    /// `user`, `assistant` or `agent-action` (Bland's `transcripts[].user`).
    pub user: &'static str,
    pub text: String,
}

const USER: &[&str] = &[
    "Hello?",
    "Yes, speaking.",
    "Sure, go ahead.",
    "Okay, that makes sense.",
    "Can you tell me a bit more?",
    "Yes, that works for me.",
    "I think so, yes.",
];
const ASSISTANT: &[&str] = &[
    "Great, thank you.",
    "I understand.",
    "Let me confirm that for you.",
    "Perfect, I have noted that.",
    "Is there anything else I can help with?",
];

/// A deterministic draw for this call and a label.
pub fn draw(seq: u64, label: &str) -> u64 {
    splitmix64(seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ fnv1a(label.as_bytes()))
}

fn pick<'a>(list: &[&'a str], seq: u64, label: &str) -> &'a str {
    list.get((draw(seq, label) % list.len() as u64) as usize)
        .copied()
        .unwrap_or("")
}

/// What the agent said first: `first_sentence` when given, else the call's rendered prompt.
pub fn opening(cx: &CallCtx) -> String {
    if let Some(s) = cx.opts.get("first_sentence").and_then(Value::as_str)
        && !s.trim().is_empty()
    {
        return s.to_owned();
    }
    match &cx.prompt {
        Some(p) if !p.trim().is_empty() => p.clone(),
        _ => "Hello, this is an automated call.".to_owned(),
    }
}

/// Every line of the finished conversation (callers keep those said by "now").
pub fn transcript(cx: &CallCtx, s: &Snapshot) -> Vec<Line> {
    let (Some(a), Some(e)) = (s.answered_ms, natural_or_cancel_end(cx, s)) else {
        return Vec::new();
    };
    let seq = cx.call.seq;
    let mut texts: Vec<(&'static str, String)> = Vec::new();
    if cx.call.plan.outcome == crate::outcome::Outcome::Voicemail {
        texts.push((
            "user",
            "Hi, you've reached my voicemail. Please leave a message after the tone.".to_owned(),
        ));
        let vm = cx.opts.get("voicemail");
        let action = vm.and_then(|v| v.get("action")).and_then(Value::as_str);
        if action == Some("leave_message")
            && let Some(m) = vm.and_then(|v| v.get("message")).and_then(Value::as_str)
        {
            texts.push(("assistant", m.to_owned()));
        }
        texts.push(("agent-action", "Ended call".to_owned()));
    } else {
        texts.push(("assistant", opening(cx)));
        let talk = (e - a).max(0);
        let exchanges = (talk / 12_000).clamp(1, 6);
        for k in 0..exchanges {
            texts.push(("user", pick(USER, seq, &format!("u{k}")).to_owned()));
            if k + 1 < exchanges {
                texts.push((
                    "assistant",
                    pick(ASSISTANT, seq, &format!("a{k}")).to_owned(),
                ));
            }
        }
        if cx.call.plan.early_hangup {
            texts.push(("user", "Sorry, I can't talk right now. Bye.".to_owned()));
        } else {
            texts.push((
                "assistant",
                "Thank you for your time. Have a great day, goodbye!".to_owned(),
            ));
            texts.push(("agent-action", "Ended call".to_owned()));
        }
    }
    let n = texts.len() as i64;
    let span = (e - a - 600).max(0);
    texts
        .into_iter()
        .enumerate()
        .map(|(i, (user, text))| Line {
            at_ms: a + 300 + if n > 1 { span * i as i64 / (n - 1) } else { 0 },
            user,
            text,
        })
        .collect()
}

/// The end the conversation had or will have (cancellation included).
fn natural_or_cancel_end(cx: &CallCtx, s: &Snapshot) -> Option<i64> {
    let natural = crate::lifecycle::natural_end_ms(&cx.call.plan, cx.call.created_ms);
    match cx.call.canceled_ms {
        Some(c) if c < natural => Some(c),
        _ if s.answered_ms.is_some() => Some(natural),
        _ => None,
    }
}

/// `transcripts` entries said by `now`, and `concatenated_transcript` in Bland's
/// `"user: … \n assistant: … \n "` layout.
pub fn transcripts_json(cx: &CallCtx, s: &Snapshot, now: i64) -> (Value, String) {
    let mut lines = Vec::new();
    let mut joined = String::new();
    for (i, l) in transcript(cx, s)
        .into_iter()
        .filter(|l| l.at_ms <= now)
        .enumerate()
    {
        joined.push_str(l.user);
        joined.push_str(": ");
        joined.push_str(&l.text);
        joined.push_str(" \n ");
        lines.push(json!({
            "id": cx.call.seq * 1_000 + i as u64,
            "user": l.user,
            "text": l.text,
            "created_at": iso8601_ms(l.at_ms),
            "c_id": cx.call.id,
        }));
    }
    (Value::Array(lines), joined)
}

/// The post-call summary (terminal calls that connected only).
pub fn summary(cx: &CallCtx, s: &Snapshot) -> Option<String> {
    if !s.status.is_terminal() {
        return None;
    }
    let secs = s.talk_ms() / 1000;
    match s.status {
        Status::Completed if cx.call.plan.early_hangup => Some(format!(
            "The assistant called {} and the callee hung up after {secs} seconds, before the conversation could continue.",
            cx.call.to
        )),
        Status::Completed => Some(format!(
            "The assistant called {} and spoke with the callee for {secs} seconds, covering the purpose of the call before ending it politely.",
            cx.call.to
        )),
        Status::Voicemail => Some(format!("The call to {} reached voicemail.", cx.call.to)),
        Status::Canceled if s.answered_ms.is_some() => Some(format!(
            "The call to {} was stopped after {secs} seconds of conversation.",
            cx.call.to
        )),
        _ => None,
    }
}

/// An answer of the declared type for `key` (`analysis_schema` values and `/analyze` questions):
/// `string`, `boolean`, `number`/`integer`/`float`, `email`, `phone`, `date`/`datetime`, or a date
/// layout such as `YYYY-MM-DD HH:MM:SS`. Anything else is answered with a string.
pub fn answer(cx: &CallCtx, key: &str, kind: &str, end_ms: i64) -> Value {
    let seq = cx.call.seq;
    let r = draw(seq, key);
    let k = kind.trim().to_ascii_lowercase();
    // A row or request_data value of the same name is what the callee "confirmed".
    let known = cx.vars.get(key).filter(|v| !v.is_null());
    match k.as_str() {
        "boolean" | "bool" => known
            .and_then(Value::as_bool)
            .map_or(json!(r.is_multiple_of(2)), Value::from),
        "number" | "float" | "double" | "decimal" => known
            .filter(|v| v.is_number())
            .cloned()
            .unwrap_or_else(|| json!((r % 10_000) as f64 / 100.0)),
        "integer" | "int" => known
            .filter(|v| v.is_i64() || v.is_u64())
            .cloned()
            .unwrap_or_else(|| json!(r % 100)),
        "email" => known
            .filter(|v| v.as_str().is_some_and(|s| s.contains('@')))
            .cloned()
            .unwrap_or_else(|| {
                let digits: String = cx.call.to.chars().filter(char::is_ascii_digit).collect();
                let tail = digits.get(digits.len().saturating_sub(4)..).unwrap_or("");
                json!(format!("callee{tail}@example.com"))
            }),
        "phone" | "phone_number" => json!(cx.call.to),
        "date" => json!(date_layout("YYYY-MM-DD", future(end_ms, r))),
        "datetime" | "timestamp" => json!(iso8601_ms(future(end_ms, r))),
        _ if k.contains("yyyy") => json!(date_layout(kind.trim(), future(end_ms, r))),
        _ => known
            .filter(|v| v.is_string())
            .cloned()
            .unwrap_or_else(|| json!(format!("Simulated answer for {key}"))),
    }
}

/// A date 1–14 days after the call, on the hour (an appointment the callee agreed to).
fn future(end_ms: i64, r: u64) -> i64 {
    let day = 86_400_000;
    let base = end_ms - end_ms.rem_euclid(3_600_000);
    base + (1 + (r % 14) as i64) * day
}

/// Fill `YYYY`, `MM`, `DD`, `HH`, `MM` (minutes once an hour was written) and `SS` in a layout.
pub fn date_layout(layout: &str, ms: i64) -> String {
    let iso = iso8601_ms(ms);
    let part = |r: std::ops::Range<usize>| iso.get(r).unwrap_or("00").to_owned();
    let (y, mo, d, h, mi, s) = (
        part(0..4),
        part(5..7),
        part(8..10),
        part(11..13),
        part(14..16),
        part(17..19),
    );
    let upper = layout.to_ascii_uppercase();
    let mut out = String::with_capacity(layout.len());
    let mut seen_hour = false;
    let mut i = 0;
    let bytes = upper.as_bytes();
    while i < bytes.len() {
        let rest = &upper[i..];
        let (text, len) = if rest.starts_with("YYYY") {
            (y.as_str(), 4)
        } else if rest.starts_with("DD") {
            (d.as_str(), 2)
        } else if rest.starts_with("HH") {
            seen_hour = true;
            (h.as_str(), 2)
        } else if rest.starts_with("MM") {
            (if seen_hour { mi.as_str() } else { mo.as_str() }, 2)
        } else if rest.starts_with("SS") {
            (s.as_str(), 2)
        } else {
            let ch = layout[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        };
        out.push_str(text);
        i += len;
    }
    out
}

/// `analysis`: one answer per `analysis_schema` key, for calls where someone talked to the agent;
/// `null` otherwise.
pub fn analysis(cx: &CallCtx, s: &Snapshot) -> Value {
    let Some(Value::Object(schema)) = cx.opts.get("analysis_schema") else {
        return Value::Null;
    };
    if s.status != Status::Completed {
        return Value::Null;
    }
    let end = s.ended_ms.unwrap_or(s.created_ms);
    let out: serde_json::Map<String, Value> = schema
        .iter()
        .map(|(k, t)| {
            (
                k.clone(),
                answer(cx, k, t.as_str().unwrap_or("string"), end),
            )
        })
        .collect();
    Value::Object(out)
}

/// `disposition_tag`: one of `dispositions`, for completed calls.
pub fn disposition(cx: &CallCtx, s: &Snapshot) -> Option<String> {
    if s.status != Status::Completed {
        return None;
    }
    let list = cx.opts.get("dispositions")?.as_array()?;
    let tags: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
    if tags.is_empty() {
        return None;
    }
    Some(pick(&tags, cx.call.seq, "disposition").to_owned())
}

/// `Friday, September 12, 2025 8:39 PM` (Bland's `variables.now_utc` layout).
pub fn long_date(ms: i64) -> String {
    const DAYS: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let iso = iso8601_ms(ms);
    let num = |r: std::ops::Range<usize>| {
        iso.get(r)
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let weekday = (ms.div_euclid(86_400_000) + 4).rem_euclid(7) as usize;
    let (h, m) = (num(11..13), num(14..16));
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!(
        "{}, {} {}, {} {h12}:{m:02} {ampm}",
        DAYS.get(weekday).unwrap_or(&""),
        MONTHS.get(num(5..7).saturating_sub(1)).unwrap_or(&""),
        num(8..10),
        num(0..4)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_layouts_and_long_dates() {
        // 2025-09-12T20:39:03Z, a Friday.
        let ms = 1_757_709_543_000;
        assert_eq!(
            date_layout("YYYY-MM-DD HH:MM:SS", ms),
            "2025-09-12 20:39:03"
        );
        assert_eq!(date_layout("DD/MM/YYYY", ms), "12/09/2025");
        assert_eq!(long_date(ms), "Friday, September 12, 2025 8:39 PM");
        assert_eq!(long_date(0), "Thursday, January 1, 1970 12:00 AM");
    }
}
