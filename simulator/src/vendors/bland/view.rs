//! The Bland call object (`GET /v1/calls/{id}`, `call_data` entries, the post-call webhook body),
//! derived on read from the call's lifecycle snapshot, its request (shared by every call of a
//! batch) and its own row. Field meanings: VENDORS.md §1.3, §1.6 and the post-call webhook page
//! (docs.bland.ai/tutorials/post-call-webhooks), whose "Error Message Reference" gives the
//! `error_message` texts used here.

use super::content;
use crate::lifecycle::{Snapshot, Status};
use crate::outcome::{FailReason, Outcome};
use crate::state::{SimBatch, SimCall, Store};
use crate::vendors::common::iso8601_ms;
use callplane_core::template::Template;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// Caller number reported when the request named none (a fiction-range number).
pub const DEFAULT_FROM: &str = "+14155550150";

/// Bland's failure texts (post-call webhook page, "Call Connection Failures").
pub const BUSY_MESSAGE: &str =
    "Call failed. The number you dialed is busy. Please try again later.";
pub const NOT_FOUND_MESSAGE: &str = "Call failed. The number you dialed is not found.";
pub const UNAVAILABLE_MESSAGE: &str =
    "Call failed. The number you dialed is temporarily unavailable.";
pub const BLACKLISTED_MESSAGE: &str = "This number is blacklisted.";

/// Fields of a legacy batch body that are the batch's own, not call options.
const V1_BATCH_FIELDS: &[&str] = &[
    "base_prompt",
    "call_data",
    "label",
    "campaign_id",
    "test_mode",
    "batch_id",
    "voice_id",
    "reduce_latency",
    "batch_webhook",
];

/// Everything the view needs about one call, resolved once per read.
pub struct CallCtx<'a> {
    pub call: &'a SimCall,
    pub batch: Option<&'a SimBatch>,
    /// The call's effective options: the request (v1 batch body, v2 `global`, or the /v1/calls
    /// body) overlaid with the call's own row (a v2 call object).
    pub opts: Map<String, Value>,
    /// Template variables: `request_data`, plus the `call_data` row of a legacy batch call.
    pub vars: Map<String, Value>,
    /// The prompt as the agent received it (`{{variables}}` filled), when there is one.
    pub prompt: Option<String>,
    /// Refused before queueing (blacklisted batch row).
    pub pre_queue: bool,
}

/// A call's request as stored: whole, or (a `/v1/calls` call that has ended, see
/// `vendors::compact_ended`) its JSON text, parsed here.
fn stored(v: &Value) -> Cow<'_, Value> {
    match v {
        Value::String(text) => Cow::Owned(serde_json::from_str(text).unwrap_or(Value::Null)),
        whole => Cow::Borrowed(whole),
    }
}

/// Resolve a call's options, variables and rendered prompt.
pub fn context<'a>(store: &'a Store, call: &'a SimCall) -> CallCtx<'a> {
    let batch = call.group_id.as_deref().and_then(|b| store.batch(b));
    let request = stored(store.request(call.request));
    let request = request.as_ref();
    let row = call.row();
    let row = row.as_ref();
    let api = batch.map(|b| b.api.as_str());
    let mut opts = Map::new();
    let mut template: Option<&str> = None;
    match api {
        Some("v2") => {
            if let Some(Value::Object(g)) = request.get("global") {
                opts.extend(g.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            if let Some(r) = row {
                for (k, v) in r {
                    if k != "phone_number" && k != "b_cid" {
                        opts.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        Some(_) => {
            if let Value::Object(b) = request {
                for (k, v) in b {
                    if !V1_BATCH_FIELDS.contains(&k.as_str()) {
                        opts.insert(k.clone(), v.clone());
                    }
                }
            }
            template = request.get("base_prompt").and_then(Value::as_str);
        }
        None => {
            if let Value::Object(b) = request {
                opts.extend(
                    b.iter()
                        .filter(|(k, _)| k.as_str() != "phone_number")
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
            }
        }
    }
    opts.remove("phone_number");
    let mut vars = Map::new();
    if let Some(Value::Object(rd)) = opts.get("request_data") {
        vars.extend(rd.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    if api == Some("v1")
        && let Some(r) = row
    {
        vars.extend(r.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let source = template.or_else(|| opts.get("task").and_then(Value::as_str));
    // A prompt whose variables do not resolve is sent as written (Bland leaves them in place).
    let prompt = source.map(|src| {
        Template::parse(src)
            .ok()
            .and_then(|t| t.render(&vars).ok())
            .unwrap_or_else(|| src.to_owned())
    });
    CallCtx {
        call,
        batch,
        opts,
        vars,
        prompt,
        pre_queue: store.bland.pre_queue.contains(&call.seq),
    }
}

/// One effective option of a call without resolving the whole context (no prompt rendering):
/// the call's own row (v2 call object), then the request (v2 `global`, v1 batch body, or the
/// /v1/calls body).
pub fn option(store: &Store, call: &SimCall, key: &str) -> Option<Value> {
    let request = stored(store.request(call.request));
    let request = request.as_ref();
    let is_v2 = request.get("global").is_some() && call.group_id.is_some();
    let from_row = if is_v2 {
        call.row().and_then(|mut r| r.remove(key))
    } else {
        None
    };
    from_row.or_else(|| {
        if is_v2 {
            request.get("global").and_then(|g| g.get(key)).cloned()
        } else {
            request.get(key).cloned()
        }
    })
}

/// `queue_status`: new → queued → allocated → started → complete, or an error state.
pub fn queue_status(cx: &CallCtx, s: &Snapshot, now: i64) -> &'static str {
    if cx.pre_queue {
        return "pre_queue_error";
    }
    match s.status {
        Status::Queued if now - s.created_ms < 100 => "new",
        Status::Queued => "queued",
        Status::Ringing if s.dial_ms.is_some_and(|d| now - d < 1_000) => "allocated",
        Status::Ringing | Status::InProgress => "started",
        Status::Failed => "call_error",
        _ => "complete",
    }
}

/// `status` of a finished call (`null` while it runs).
pub fn call_status(cx: &CallCtx, s: &Snapshot) -> Value {
    if cx.pre_queue {
        return json!("failed");
    }
    match s.status {
        Status::Completed | Status::Voicemail => json!("completed"),
        Status::NoAnswer => json!("no-answer"),
        Status::Busy => json!("busy"),
        Status::Failed => json!("failed"),
        Status::Canceled => json!("canceled"),
        Status::Queued | Status::Ringing | Status::InProgress => Value::Null,
    }
}

/// `answered_by`: decided ~5 s after answer (Bland's AMD listens to the first seconds of audio).
pub fn answered_by(cx: &CallCtx, s: &Snapshot, now: i64) -> Value {
    if cx.pre_queue {
        return Value::Null;
    }
    let detected = s
        .answered_ms
        .is_some_and(|a| now - a >= 5_000 || s.status.is_terminal());
    match s.status {
        Status::NoAnswer => json!("no-answer"),
        Status::Busy | Status::Failed => json!("unknown"),
        _ if detected => match cx.call.plan.outcome {
            Outcome::Voicemail => json!("voicemail"),
            _ => json!("human"),
        },
        _ => Value::Null,
    }
}

/// `error_message` (Bland's documented texts), `null` for calls that did not fail.
pub fn error_message(cx: &CallCtx, s: &Snapshot) -> Option<&'static str> {
    if cx.pre_queue {
        return Some(BLACKLISTED_MESSAGE);
    }
    match s.status {
        Status::Busy => Some(BUSY_MESSAGE),
        // A switched-off phone is a temporary no-answer (SIP 480), as the other vendors report it.
        Status::NoAnswer if cx.call.plan.fail_reason == Some(FailReason::PoweredOff) => {
            Some(UNAVAILABLE_MESSAGE)
        }
        Status::Failed => Some(match cx.call.plan.fail_reason {
            Some(FailReason::Unreachable | FailReason::InvalidNumber) => NOT_FOUND_MESSAGE,
            _ => "Call failed.",
        }),
        _ => None,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// `$0.09` per connected minute, at least `$0.015` per dispatched call (VENDORS.md §1.7).
fn price(cx: &CallCtx, s: &Snapshot) -> Value {
    if !s.status.is_terminal() {
        return Value::Null;
    }
    if cx.pre_queue || s.dial_ms.is_none() {
        return json!(0.0);
    }
    let minutes = s.talk_ms() as f64 / 60_000.0;
    json!(round((0.09 * minutes).max(0.015), 4))
}

/// The `variables` object: Bland's system variables plus `request_data` and the batch row.
fn variables(cx: &CallCtx, from: &str, now: i64) -> Value {
    let short = |n: &str| -> String {
        let d: String = n.chars().filter(char::is_ascii_digit).collect();
        d.get(d.len().saturating_sub(10)..).unwrap_or("").to_owned()
    };
    let at = cx.call.created_ms.min(now);
    let mut v = Map::new();
    v.insert("now".into(), json!(content::long_date(at)));
    v.insert("now_utc".into(), json!(content::long_date(at)));
    v.insert("short_from".into(), json!(short(from)));
    v.insert("short_to".into(), json!(short(&cx.call.to)));
    v.insert("from".into(), json!(from));
    v.insert("to".into(), json!(cx.call.to));
    v.insert("call_id".into(), json!(cx.call.id));
    v.insert("phone_number".into(), json!(cx.call.to));
    v.insert(
        "timezone".into(),
        cx.opts
            .get("timezone")
            .cloned()
            .unwrap_or_else(|| json!("America/Los_Angeles")),
    );
    for (k, val) in &cx.vars {
        v.entry(k.clone()).or_insert_with(|| val.clone());
    }
    Value::Object(v)
}

fn iso(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |m| json!(iso8601_ms(m)))
}

/// The call object at `now`. `full` adds transcripts, analysis and the other per-call details;
/// list entries (`GET /v1/calls`) leave them out.
pub fn call_object(cx: &CallCtx, now: i64, full: bool) -> Value {
    let c = cx.call;
    let s = c.snapshot(now);
    let from = c.from.as_deref().unwrap_or(DEFAULT_FROM);
    let talk_s = s.talk_ms() as f64 / 1000.0;
    let mut o = Map::new();
    o.insert("call_id".into(), json!(c.id));
    o.insert("c_id".into(), json!(c.id));
    o.insert("call_length".into(), json!(round(talk_s / 60.0, 6)));
    o.insert(
        "corrected_duration".into(),
        json!(format!("{}", talk_s.round() as i64)),
    );
    o.insert("batch_id".into(), json!(c.group_id));
    o.insert("to".into(), json!(c.to));
    o.insert("from".into(), json!(from));
    o.insert(
        "completed".into(),
        json!(cx.pre_queue || s.status.is_terminal()),
    );
    o.insert("inbound".into(), json!(false));
    o.insert("created_at".into(), json!(iso8601_ms(c.created_ms)));
    o.insert("started_at".into(), iso(s.dial_ms));
    o.insert("end_at".into(), iso(s.ended_ms));
    o.insert("queue_status".into(), json!(queue_status(cx, &s, now)));
    o.insert("status".into(), call_status(cx, &s));
    o.insert("answered_by".into(), answered_by(cx, &s, now));
    o.insert("error_message".into(), json!(error_message(cx, &s)));
    o.insert("price".into(), price(cx, &s));
    if !full {
        return Value::Object(o);
    }
    let opt = |k: &str| cx.opts.get(k).cloned().unwrap_or(Value::Null);
    let record = cx
        .opts
        .get("record")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let recorded = record && s.answered_ms.is_some() && s.status.is_terminal();
    let (transcripts, concatenated) = content::transcripts_json(cx, &s, now);
    let ended_by = match (s.status, c.plan.early_hangup) {
        (Status::Completed, true) => json!("USER"),
        (Status::Completed | Status::Voicemail, false) => json!("ASSISTANT"),
        _ => Value::Null,
    };
    o.insert("request_data".into(), opt("request_data"));
    o.insert("metadata".into(), opt("metadata"));
    o.insert("variables".into(), variables(cx, from, now));
    o.insert("endpoint_url".into(), json!("https://api.bland.ai"));
    o.insert(
        "max_duration".into(),
        cx.opts.get("max_duration").cloned().unwrap_or(json!(30)),
    );
    o.insert("record".into(), json!(record));
    o.insert(
        "recording_url".into(),
        if recorded {
            json!(format!(
                "https://recordings.callplane-sim.invalid/v1/recordings/{}",
                c.id
            ))
        } else {
            Value::Null
        },
    );
    o.insert("summary".into(), json!(content::summary(cx, &s)));
    o.insert("local_dialing".into(), json!(false));
    o.insert("call_ended_by".into(), ended_by);
    o.insert("pathway_id".into(), opt("pathway_id"));
    o.insert("pathway_version".into(), opt("pathway_version"));
    o.insert("pathway_logs".into(), Value::Null);
    o.insert("pathway_tags".into(), json!([]));
    o.insert("analysis_schema".into(), opt("analysis_schema"));
    o.insert("analysis".into(), content::analysis(cx, &s));
    o.insert("concatenated_transcript".into(), json!(concatenated));
    o.insert("transcripts".into(), transcripts);
    o.insert("transferred_to".into(), Value::Null);
    o.insert(
        "citation_schema_ids".into(),
        cx.opts
            .get("citation_schema_ids")
            .cloned()
            .unwrap_or(json!([])),
    );
    o.insert(
        "disposition_tag".into(),
        json!(content::disposition(cx, &s)),
    );
    o.insert("is_proxy_agent_call".into(), json!(false));
    o.insert("is_canary".into(), json!(false));
    o.insert("voice_id".into(), opt("voice"));
    Value::Object(o)
}
