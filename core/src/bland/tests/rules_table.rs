//! Every validation rule, data-driven: a valid base input per operation, one change per case, and
//! the issue (path, code, severity) that change must produce — or the path that must stay clean.

use super::{PHONE_CODES, at, ctx, dump, with, without};
use crate::bland::{parse_batch, parse_create_batch_v2, parse_inbound_update, parse_send_call};
use crate::issue::Severity::{Error as E, Warning as W};
use crate::issue::{IssueCode as C, Report, Severity};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy)]
enum Op {
    SendCall,
    Batch,
    BatchV2,
    Inbound,
}

fn base(op: Op) -> Value {
    match op {
        Op::SendCall => json!({
            "phone_number": "+12015550123",
            "task": "Confirm tomorrow's appointment.",
            "webhook": "https://example.com/hook"
        }),
        Op::Batch => json!({
            "base_prompt": "Hi {{name}}, this is about your {{service}}.",
            "call_data": [
                {"phone_number": "2015550123", "name": "Ann", "service": "gutters"},
                {"phone_number": "(415) 555-2671", "name": "Bo", "service": "windows"}
            ]
        }),
        Op::BatchV2 => json!({
            "global": {"task": "Confirm the renewal."},
            "call_objects": [
                {"phone_number": "+12015550123"},
                {"phone_number": "+14155552671", "request_data": {"name": "Bo"}}
            ],
            "description": "Renewals",
            "status_webhook": "https://example.com/status"
        }),
        Op::Inbound => json!({
            "phone_number": "2015550123",
            "prompt": "Answer questions about opening hours.",
            "language": "ENG"
        }),
    }
}

fn run(op: Op, v: Value) -> Report {
    match op {
        Op::SendCall => parse_send_call(v, &ctx()).1,
        Op::Batch => parse_batch(v, &ctx()).1,
        Op::BatchV2 => parse_create_batch_v2(v, &ctx()).1,
        Op::Inbound => parse_inbound_update(v).1,
    }
}

enum Want {
    /// An issue with this path, code and severity.
    Issue(&'static str, C, Severity),
    /// A phone error (whichever phone code the phone module picks) at this path.
    Phone(&'static str),
    /// No issue at all.
    Clean,
}

use Want::{Clean, Issue, Phone};

fn minutes_from_now(m: i64) -> String {
    let t = chrono::DateTime::from_timestamp_millis(super::NOW_MS + m * 60_000).expect("in range");
    t.format("%Y-%m-%d %H:%M:%S +00:00").to_string()
}

fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    use Op::*;
    let call = base(SendCall);
    let batch = base(Batch);
    let v2 = base(BatchV2);
    let inbound = base(Inbound);
    let long = |n: usize| Value::String("x".repeat(n));
    vec![
        // --- POST /v1/calls: required fields
        (
            "send call: phone_number missing",
            SendCall,
            without(&call, "phone_number"),
            Issue("phone_number", C::Required, E),
        ),
        (
            "send call: phone_number invalid",
            SendCall,
            with(&call, "phone_number", json!("123")),
            Phone("phone_number"),
        ),
        (
            "send call: task or pathway required",
            SendCall,
            without(&call, "task"),
            Issue("task", C::Required, E),
        ),
        (
            "send call: blank task",
            SendCall,
            with(&call, "task", json!("  ")),
            Issue("task", C::Required, E),
        ),
        (
            "send call: pathway instead of task is fine",
            SendCall,
            with(&without(&call, "task"), "pathway_id", json!("pw-1")),
            Clean,
        ),
        // --- shapes
        (
            "unknown field is named",
            SendCall,
            with(&call, "colour", json!("red")),
            Issue("colour", C::UnknownField, E),
        ),
        (
            "wrong type",
            SendCall,
            with(&call, "max_duration", json!("ten")),
            Issue("max_duration", C::InvalidType, E),
        ),
        (
            "extra may not shadow a modelled field",
            SendCall,
            with(&call, "extra", json!({"model": "base"})),
            Issue("extra.model", C::ExtraShadowsField, E),
        ),
        (
            "extra passes other fields",
            SendCall,
            with(&call, "extra", json!({"brand_new_flag": true})),
            Clean,
        ),
        // --- pathway interplay (/v1/calls "Unused Parameters")
        (
            "pathway ignores task",
            SendCall,
            with(&call, "pathway_id", json!("pw-1")),
            Issue("task", C::Ignored, W),
        ),
        (
            "pathway ignores model",
            SendCall,
            with(
                &with(&call, "pathway_id", json!("pw")),
                "model",
                json!("base"),
            ),
            Issue("model", C::Ignored, W),
        ),
        (
            "pathway ignores tools",
            SendCall,
            with(
                &with(&call, "pathway_id", json!("pw")),
                "tools",
                json!(["TL-1"]),
            ),
            Issue("tools", C::Ignored, W),
        ),
        (
            "pathway ignores transfer_list",
            SendCall,
            with(
                &with(&call, "pathway_id", json!("pw")),
                "transfer_list",
                json!({"default": "+12015550123"}),
            ),
            Issue("transfer_list", C::Ignored, W),
        ),
        (
            "pathway ignores transfer_phone_number",
            SendCall,
            with(
                &with(&call, "pathway_id", json!("pw")),
                "transfer_phone_number",
                json!("+12015550123"),
            ),
            Issue("transfer_phone_number", C::Ignored, W),
        ),
        (
            "pathway_version needs pathway_id",
            SendCall,
            with(&call, "pathway_version", json!(3)),
            Issue("pathway_version", C::Ignored, W),
        ),
        (
            "start_node_id needs pathway_id",
            SendCall,
            with(&call, "start_node_id", json!("n1")),
            Issue("start_node_id", C::Ignored, W),
        ),
        // --- enums and vocabularies
        (
            "model gpt4 is not documented",
            SendCall,
            with(&call, "model", json!("gpt4")),
            Issue("model", C::InvalidEnum, E),
        ),
        (
            "model enhanced",
            SendCall,
            with(&call, "model", json!("enhanced")),
            Clean,
        ),
        (
            "unknown language warns",
            SendCall,
            with(&call, "language", json!("klingon")),
            Issue("language", C::UnknownLanguage, W),
        ),
        (
            "babel code on /v1/calls",
            SendCall,
            with(&call, "language", json!("babel-es")),
            Clean,
        ),
        (
            "legacy code on /v1/calls",
            SendCall,
            with(&call, "language", json!("FRE")),
            Clean,
        ),
        (
            "background_track unknown warns",
            SendCall,
            with(&call, "background_track", json!("jungle")),
            Issue("background_track", C::InvalidEnum, W),
        ),
        (
            "background_track office",
            SendCall,
            with(&call, "background_track", json!("office")),
            Clean,
        ),
        (
            "webhook event unknown warns",
            SendCall,
            with(&call, "webhook_events", json!(["queue", "teleport"])),
            Issue("webhook_events[1]", C::InvalidEnum, W),
        ),
        (
            "webhook events without webhook",
            SendCall,
            with(
                &without(&call, "webhook"),
                "webhook_events",
                json!(["call"]),
            ),
            Issue("webhook_events", C::Ignored, W),
        ),
        (
            "voicemail action unknown",
            SendCall,
            with(&call, "voicemail", json!({"action": "sing"})),
            Issue("voicemail.action", C::InvalidEnum, E),
        ),
        // --- ranges
        (
            "interruption_threshold low",
            SendCall,
            with(&call, "interruption_threshold", json!(20)),
            Issue("interruption_threshold", C::OutOfRange, W),
        ),
        (
            "interruption_threshold high",
            SendCall,
            with(&call, "interruption_threshold", json!(500)),
            Issue("interruption_threshold", C::OutOfRange, W),
        ),
        (
            "interruption_threshold 100",
            SendCall,
            with(&call, "interruption_threshold", json!(100)),
            Clean,
        ),
        (
            "max_duration zero",
            SendCall,
            with(&call, "max_duration", json!(0)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "max_duration over 12 h",
            SendCall,
            with(&call, "max_duration", json!(721)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "max_duration 12 h",
            SendCall,
            with(&call, "max_duration", json!(720)),
            Clean,
        ),
        (
            "max_duration negative",
            SendCall,
            with(&call, "max_duration", json!(-5)),
            Issue("max_duration", C::InvalidType, E),
        ),
        (
            "temperature above 1",
            SendCall,
            with(&call, "temperature", json!(1.5)),
            Issue("temperature", C::OutOfRange, E),
        ),
        (
            "temperature 0.3",
            SendCall,
            with(&call, "temperature", json!(0.3)),
            Clean,
        ),
        (
            "keywords over 20",
            SendCall,
            with(&call, "keywords", json!(vec!["k"; 21])),
            Issue("keywords", C::TooMany, E),
        ),
        (
            "keywords 20",
            SendCall,
            with(&call, "keywords", json!(vec!["k"; 20])),
            Clean,
        ),
        (
            "summary_prompt 2000 chars",
            SendCall,
            with(&call, "summary_prompt", long(2000)),
            Issue("summary_prompt", C::TooLong, E),
        ),
        (
            "summary_prompt 1999 chars",
            SendCall,
            with(&call, "summary_prompt", long(1999)),
            Clean,
        ),
        (
            "first_sentence 200 chars warns",
            SendCall,
            with(&call, "first_sentence", long(200)),
            Issue("first_sentence", C::TooLong, W),
        ),
        // --- formats
        (
            "dtmf letters",
            SendCall,
            with(&call, "precall_dtmf_sequence", json!("12a#")),
            Issue("precall_dtmf_sequence", C::InvalidFormat, E),
        ),
        (
            "dtmf valid",
            SendCall,
            with(&call, "precall_dtmf_sequence", json!("1w2ww#*0")),
            Clean,
        ),
        (
            "webhook http",
            SendCall,
            with(&call, "webhook", json!("http://example.com/hook")),
            Issue("webhook", C::NotHttps, E),
        ),
        (
            "webhook garbage",
            SendCall,
            with(&call, "webhook", json!("example dot com")),
            Issue("webhook", C::InvalidUrl, E),
        ),
        (
            "timezone not IANA",
            SendCall,
            with(&call, "timezone", json!("Mars/Olympus_Mons")),
            Issue("timezone", C::InvalidTimezone, E),
        ),
        (
            "timezone IANA",
            SendCall,
            with(&call, "timezone", json!("America/New_York")),
            Clean,
        ),
        (
            "start_time in 1 minute",
            SendCall,
            with(&call, "start_time", json!(minutes_from_now(1))),
            Issue("start_time", C::NotInFuture, E),
        ),
        (
            "start_time in the past",
            SendCall,
            with(&call, "start_time", json!(minutes_from_now(-60))),
            Issue("start_time", C::NotInFuture, E),
        ),
        (
            "start_time in 10 minutes",
            SendCall,
            with(&call, "start_time", json!(minutes_from_now(10))),
            Clean,
        ),
        (
            "start_time unparseable",
            SendCall,
            with(&call, "start_time", json!("next tuesday")),
            Issue("start_time", C::InvalidFormat, E),
        ),
        // --- numbers in options
        (
            "from invalid",
            SendCall,
            with(&call, "from", json!("555")),
            Phone("from"),
        ),
        (
            "from without country code warns",
            SendCall,
            with(&call, "from", json!("2015550123")),
            Issue("from", C::InvalidFormat, W),
        ),
        (
            "from in E.164",
            SendCall,
            with(&call, "from", json!("+12015550123")),
            Clean,
        ),
        (
            "transfer_phone_number invalid",
            SendCall,
            with(&call, "transfer_phone_number", json!("1234567890")),
            Phone("transfer_phone_number"),
        ),
        (
            "transfer_list value invalid",
            SendCall,
            with(
                &call,
                "transfer_list",
                json!({"default": "+12015550123", "sales": "000"}),
            ),
            Phone("transfer_list.sales"),
        ),
        (
            "transfer_list value not a string",
            SendCall,
            with(&call, "transfer_list", json!({"sales": 5})),
            Issue("transfer_list.sales", C::InvalidType, E),
        ),
        // --- nested objects
        (
            "voicemail leave_message needs message",
            SendCall,
            with(&call, "voicemail", json!({"action": "leave_message"})),
            Issue("voicemail.message", C::Required, E),
        ),
        (
            "voicemail sms.to invalid",
            SendCall,
            with(
                &call,
                "voicemail",
                json!({"sms": {"to": "12", "message": "hi"}}),
            ),
            Phone("voicemail.sms.to"),
        ),
        (
            "voicemail sms needs message",
            SendCall,
            with(&call, "voicemail", json!({"sms": {"to": "+12015550123"}})),
            Issue("voicemail.sms.message", C::Required, E),
        ),
        (
            "voicemail unknown key",
            SendCall,
            with(&call, "voicemail", json!({"volume": 3})),
            Issue("voicemail.volume", C::UnknownField, E),
        ),
        (
            "retry leave_message needs message",
            SendCall,
            with(
                &call,
                "retry",
                json!({"wait": 30, "voicemail_action": "leave_message"}),
            ),
            Issue("retry.voicemail_message", C::Required, E),
        ),
        (
            "tool of wrong type",
            SendCall,
            with(&call, "tools", json!(["TL-1", 5])),
            Issue("tools[1]", C::InvalidType, E),
        ),
        (
            "pronunciation needs pronunciation",
            SendCall,
            with(&call, "pronunciation_guide", json!([{"word": "API"}])),
            Issue("pronunciation_guide[0].pronunciation", C::Required, E),
        ),
        (
            "pronunciation flag of wrong type",
            SendCall,
            with(
                &call,
                "pronunciation_guide",
                json!([{"word": "API", "pronunciation": "A P I", "spaced": 3}]),
            ),
            Issue("pronunciation_guide[0].spaced", C::InvalidType, E),
        ),
        (
            "pronunciation flags as strings (Bland's example)",
            SendCall,
            with(
                &call,
                "pronunciation_guide",
                json!([{"word": "API", "pronunciation": "A P I", "case_sensitive": "true", "spaced": "false"}]),
            ),
            Clean,
        ),
        // --- POST /v1/batches
        (
            "batch: base_prompt missing",
            Batch,
            without(&batch, "base_prompt"),
            Issue("base_prompt", C::Required, E),
        ),
        (
            "batch: template syntax",
            Batch,
            with(&batch, "base_prompt", json!("Hi {{name")),
            Issue("base_prompt", C::TemplateSyntax, E),
        ),
        (
            "batch: call_data empty",
            Batch,
            with(&batch, "call_data", json!([])),
            Issue("call_data", C::TooFew, E),
        ),
        (
            "batch: missing variable",
            Batch,
            with(
                &batch,
                "call_data[1]",
                json!({"phone_number": "+14155552671", "name": "Bo"}),
            ),
            Issue("call_data[1].service", C::MissingVariable, E),
        ),
        (
            "batch: null variable is missing",
            Batch,
            with(&batch, "call_data[0].name", Value::Null),
            Issue("call_data[0].name", C::MissingVariable, E),
        ),
        (
            "batch: object variable",
            Batch,
            with(&batch, "call_data[0].name", json!({"first": "Ann"})),
            Issue("call_data[0].name", C::NonScalarVariable, E),
        ),
        (
            "batch: unused column",
            Batch,
            with(&batch, "call_data[0].colour", json!("red")),
            Issue("call_data[0].colour", C::UnusedVariable, W),
        ),
        (
            "batch: row number invalid",
            Batch,
            with(&batch, "call_data[1].phone_number", json!("1234567890")),
            Phone("call_data[1].phone_number"),
        ),
        (
            "batch: row number missing",
            Batch,
            with(
                &batch,
                "call_data[1]",
                json!({"name": "Bo", "service": "x"}),
            ),
            Issue("call_data[1].phone_number", C::Required, E),
        ),
        (
            "batch: row number not a string",
            Batch,
            with(&batch, "call_data[1].phone_number", json!(2015550123_u64)),
            Issue("call_data[1].phone_number", C::InvalidType, E),
        ),
        (
            "batch: duplicate number in another format",
            Batch,
            with(
                &batch,
                "call_data[1].phone_number",
                json!("+1 (201) 555-0123"),
            ),
            Issue("call_data[1].phone_number", C::Duplicate, W),
        ),
        (
            "batch: null row",
            Batch,
            with(&batch, "call_data[1]", Value::Null),
            Issue("call_data[1]", C::Required, E),
        ),
        (
            "batch: row of wrong type",
            Batch,
            with(&batch, "call_data[0]", json!("2015550123")),
            Issue("call_data[0]", C::InvalidType, E),
        ),
        (
            "batch: task conflicts with base_prompt",
            Batch,
            with(&batch, "task", json!("x")),
            Issue("task", C::Conflict, E),
        ),
        (
            "batch: voice and voice_id",
            Batch,
            with(&with(&batch, "voice", json!("maya")), "voice_id", json!(0)),
            Issue("voice_id", C::Conflict, W),
        ),
        (
            "batch: voice and reduce_latency",
            Batch,
            with(
                &with(&batch, "voice", json!("maya")),
                "reduce_latency",
                json!(true),
            ),
            Issue("reduce_latency", C::Conflict, W),
        ),
        (
            "batch: batch_webhook http",
            Batch,
            with(&batch, "batch_webhook", json!("http://x.example/b")),
            Issue("batch_webhook", C::NotHttps, E),
        ),
        (
            "batch: pathway replaces base_prompt",
            Batch,
            with(&batch, "pathway_id", json!("pw")),
            Issue("base_prompt", C::Ignored, W),
        ),
        (
            "batch: options checked at the root",
            Batch,
            with(&batch, "max_duration", json!(0)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "batch: voice_id must be an integer",
            Batch,
            with(&batch, "voice_id", json!("zero")),
            Issue("voice_id", C::InvalidType, E),
        ),
        (
            "batch: extra shadows own field",
            Batch,
            with(&batch, "extra", json!({"label": "x"})),
            Issue("extra.label", C::ExtraShadowsField, E),
        ),
        // --- POST /v2/batches/create
        (
            "v2: global missing",
            BatchV2,
            without(&v2, "global"),
            Issue("global", C::Required, E),
        ),
        (
            "v2: global needs task or pathway",
            BatchV2,
            with(&v2, "global", json!({"voice": "maya"})),
            Issue("global.task", C::Required, E),
        ),
        (
            "v2: global with pathway",
            BatchV2,
            with(&v2, "global", json!({"pathway_id": "pw"})),
            Clean,
        ),
        (
            "v2: phone_number forbidden in global",
            BatchV2,
            with(&v2, "global.phone_number", json!("+12015550123")),
            Issue("global.phone_number", C::Conflict, E),
        ),
        (
            "v2: global options checked with prefix",
            BatchV2,
            with(&v2, "global.webhook", json!("http://x.example")),
            Issue("global.webhook", C::NotHttps, E),
        ),
        (
            "v2: call_objects empty",
            BatchV2,
            with(&v2, "call_objects", json!([])),
            Issue("call_objects", C::TooFew, E),
        ),
        (
            "v2: call object without number",
            BatchV2,
            with(&v2, "call_objects[1]", json!({"task": "x"})),
            Issue("call_objects[1].phone_number", C::Required, E),
        ),
        (
            "v2: call object number invalid",
            BatchV2,
            with(&v2, "call_objects[1].phone_number", json!("99")),
            Phone("call_objects[1].phone_number"),
        ),
        (
            "v2: null call object",
            BatchV2,
            with(&v2, "call_objects[0]", Value::Null),
            Issue("call_objects[0]", C::Required, E),
        ),
        (
            "v2: call object of wrong type",
            BatchV2,
            with(&v2, "call_objects[0]", json!(7)),
            Issue("call_objects[0]", C::InvalidType, E),
        ),
        (
            "v2: call object unknown field",
            BatchV2,
            with(&v2, "call_objects[1].colour", json!(1)),
            Issue("call_objects[1].colour", C::UnknownField, E),
        ),
        (
            "v2: call object options checked",
            BatchV2,
            with(
                &v2,
                "call_objects[1].start_time",
                json!(minutes_from_now(2)),
            ),
            Issue("call_objects[1].start_time", C::NotInFuture, E),
        ),
        (
            "v2: duplicate numbers",
            BatchV2,
            with(&v2, "call_objects[1].phone_number", json!("2015550123")),
            Issue("call_objects[1].phone_number", C::Duplicate, W),
        ),
        (
            "v2: b_cid not a UUIDv7",
            BatchV2,
            with(&v2, "call_objects[0].b_cid", json!("abc")),
            Issue("call_objects[0].b_cid", C::InvalidFormat, E),
        ),
        (
            "v2: b_cid UUIDv7",
            BatchV2,
            with(
                &v2,
                "call_objects[0].b_cid",
                json!("0190b3a2-7c1e-7d4a-9b2e-0123456789ab"),
            ),
            Clean,
        ),
        (
            "v2: description 61 chars",
            BatchV2,
            with(&v2, "description", long(61)),
            Issue("description", C::TooLong, E),
        ),
        (
            "v2: description 60 chars",
            BatchV2,
            with(&v2, "description", long(60)),
            Clean,
        ),
        (
            "v2: status_webhook http",
            BatchV2,
            with(&v2, "status_webhook", json!("http://x.example/s")),
            Issue("status_webhook", C::NotHttps, E),
        ),
        (
            "v2: pathway in global ignores task in a call object",
            BatchV2,
            with(
                &with(&v2, "global", json!({"pathway_id": "pw"})),
                "call_objects[0].task",
                json!("t"),
            ),
            Issue("call_objects[0].task", C::Ignored, W),
        ),
        (
            "v2: pathway_version in a call object inherits global pathway",
            BatchV2,
            with(
                &with(&v2, "global", json!({"pathway_id": "pw"})),
                "call_objects[0].pathway_version",
                json!(2),
            ),
            Clean,
        ),
        // --- POST /v1/inbound/{phone_number}
        (
            "inbound: phone_number missing",
            Inbound,
            without(&inbound, "phone_number"),
            Issue("phone_number", C::Required, E),
        ),
        (
            "inbound: %2B prefix accepted",
            Inbound,
            with(&inbound, "phone_number", json!("%2B12015550123")),
            Clean,
        ),
        (
            "inbound: number invalid",
            Inbound,
            with(&inbound, "phone_number", json!("3334445555x")),
            Phone("phone_number"),
        ),
        (
            "inbound: pathway clears prompt",
            Inbound,
            with(&inbound, "pathway_id", json!("pw")),
            Issue("prompt", C::Ignored, W),
        ),
        (
            "inbound: pathway clears first_sentence",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "first_sentence",
                json!("Hi"),
            ),
            Issue("first_sentence", C::Ignored, W),
        ),
        (
            "inbound: pathway clears model",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "model",
                json!("base"),
            ),
            Issue("model", C::Ignored, W),
        ),
        (
            "inbound: pathway clears dynamic_data",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "dynamic_data",
                json!({}),
            ),
            Issue("dynamic_data", C::Ignored, W),
        ),
        (
            "inbound: pathway clears tools",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "tools",
                json!([]),
            ),
            Issue("tools", C::Ignored, W),
        ),
        (
            "inbound: clearing the pathway is no conflict",
            Inbound,
            with(&inbound, "pathway_id", Value::Null),
            Clean,
        ),
        (
            "inbound: babel code is not on the inbound page",
            Inbound,
            with(&inbound, "language", json!("babel-en")),
            Issue("language", C::UnknownLanguage, W),
        ),
        (
            "inbound: model unknown",
            Inbound,
            with(&inbound, "model", json!("gpt4")),
            Issue("model", C::InvalidEnum, E),
        ),
        (
            "inbound: interruption_threshold",
            Inbound,
            with(&inbound, "interruption_threshold", json!(300)),
            Issue("interruption_threshold", C::OutOfRange, W),
        ),
        (
            "inbound: max_duration zero",
            Inbound,
            with(&inbound, "max_duration", json!(0)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "inbound: timezone",
            Inbound,
            with(&inbound, "timezone", json!("EST5EDT-ish")),
            Issue("timezone", C::InvalidTimezone, E),
        ),
        (
            "inbound: transfer number",
            Inbound,
            with(&inbound, "transfer_phone_number", json!("12")),
            Phone("transfer_phone_number"),
        ),
        (
            "inbound: transfer number null clears",
            Inbound,
            with(&inbound, "transfer_phone_number", Value::Null),
            Clean,
        ),
        (
            "inbound: transfer_list value",
            Inbound,
            with(&inbound, "transfer_list", json!({"billing": "1"})),
            Phone("transfer_list.billing"),
        ),
        (
            "inbound: webhook http",
            Inbound,
            with(&inbound, "webhook", json!("http://example.com")),
            Issue("webhook", C::NotHttps, E),
        ),
        (
            "inbound: keywords",
            Inbound,
            with(&inbound, "keywords", json!(vec!["k"; 21])),
            Issue("keywords", C::TooMany, E),
        ),
        (
            "inbound: dynamic_data of wrong type",
            Inbound,
            with(&inbound, "dynamic_data", json!(5)),
            Issue("dynamic_data", C::InvalidType, E),
        ),
        (
            "inbound: dynamic_data empty string clears",
            Inbound,
            with(&inbound, "dynamic_data", json!("")),
            Clean,
        ),
        (
            "inbound: nothing to update",
            Inbound,
            json!({"phone_number": "2015550123"}),
            Issue("", C::Required, W),
        ),
        (
            "inbound: record and metadata",
            Inbound,
            with(
                &with(&inbound, "record", json!(true)),
                "metadata",
                json!({"k": 1}),
            ),
            Clean,
        ),
    ]
}

#[test]
fn base_inputs_are_clean() {
    for op in [Op::SendCall, Op::Batch, Op::BatchV2, Op::Inbound] {
        let r = run(op, base(op));
        assert!(r.issues.is_empty(), "{op:?}:\n{}", dump(&r));
    }
}

#[test]
fn every_rule() {
    let mut failures = Vec::new();
    for (name, op, input, want) in cases() {
        let r = run(op, input);
        let ok = match &want {
            Issue(path, code, sev) => at(&r, path).contains(&(*code, *sev)),
            Phone(path) => at(&r, path)
                .iter()
                .any(|(c, s)| *s == E && PHONE_CODES.contains(c)),
            Clean => r.issues.is_empty(),
        };
        if !ok {
            let w = match want {
                Issue(p, c, s) => format!("{s:?} {c} at `{p}`"),
                Phone(p) => format!("a phone error at `{p}`"),
                Clean => "no issue".to_owned(),
            };
            failures.push(format!("{name}: wanted {w}, got:\n{}", dump(&r)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let input = json!({
        "phone_number": "12",
        "model": "gpt4",
        "max_duration": 0,
        "webhook": "http://x.example",
        "keywords": vec!["k"; 25],
        "colour": "red"
    });
    let r = run(Op::SendCall, input);
    for (path, code) in [
        ("model", C::InvalidEnum),
        ("max_duration", C::OutOfRange),
        ("webhook", C::NotHttps),
        ("keywords", C::TooMany),
        ("colour", C::UnknownField),
        ("task", C::Required),
    ] {
        assert!(
            at(&r, path).iter().any(|(c, _)| *c == code),
            "{path} {code}:\n{}",
            dump(&r)
        );
    }
    assert!(
        at(&r, "phone_number")
            .iter()
            .any(|(c, _)| PHONE_CODES.contains(c)),
        "{}",
        dump(&r)
    );
}

#[test]
fn messages_name_the_rule() {
    let batch = base(Op::Batch);
    let r = run(
        Op::Batch,
        with(
            &batch,
            "call_data[1]",
            json!({"phone_number": "1234567890", "name": "Bo"}),
        ),
    );
    let shown: Vec<String> = r.issues.iter().map(ToString::to_string).collect();
    assert!(
        shown.contains(
            &"call_data[1].service: missing variable `service` used by base_prompt".to_owned()
        ),
        "{shown:#?}"
    );
    assert!(
        shown.contains(&"call_data[1].phone_number: not a valid number for region US".to_owned()),
        "{shown:#?}"
    );
    let t = run(
        Op::Batch,
        with(&batch, "base_prompt", json!("Hello\n  {{ name")),
    );
    let syntax = t
        .issues
        .iter()
        .find(|i| i.code == C::TemplateSyntax)
        .expect("syntax issue");
    assert!(syntax.message.contains("line "), "{}", syntax.message);
}
