//! `POST /v1/calls` and the shared call options (checked at the root of a send-call body).

use super::Op::{self, *};
use super::Want::{self, Clean, Issue, Phone};
use super::{base, minutes_from_now};
use crate::bland::tests::{with, without};
use crate::issue::IssueCode as C;
use crate::issue::Severity::{Error as E, Warning as W};
use serde_json::{Value, json};

pub(super) fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    let call = base(SendCall);
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
    ]
}
