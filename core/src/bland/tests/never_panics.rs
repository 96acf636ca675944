//! Validation never panics on arbitrary JSON: random values (wrong types, deep nesting, strings
//! shaped like numbers, URLs, templates and times), biased toward Bland's own field names so the
//! validators past the type checks run too.

use super::ctx;
use crate::bland::*;
use proptest::prelude::*;
use serde_json::{Map, Number, Value, json};

const KEYS: &[&str] = &[
    "phone_number",
    "task",
    "base_prompt",
    "call_data",
    "global",
    "call_objects",
    "description",
    "status_webhook",
    "pathway_id",
    "pathway_version",
    "start_node_id",
    "voice",
    "voice_id",
    "reduce_latency",
    "first_sentence",
    "model",
    "language",
    "interruption_threshold",
    "from",
    "timezone",
    "start_time",
    "transfer_phone_number",
    "transfer_list",
    "max_duration",
    "tools",
    "background_track",
    "voicemail",
    "action",
    "message",
    "sms",
    "to",
    "retry",
    "voicemail_action",
    "voicemail_message",
    "summary_prompt",
    "webhook",
    "webhook_events",
    "keywords",
    "precall_dtmf_sequence",
    "pronunciation_guide",
    "word",
    "pronunciation",
    "spaced",
    "dynamic_data",
    "extra",
    "b_cid",
    "batch_webhook",
    "questions",
    "goal",
    "name",
    "city",
    "business",
    "default",
    "prompt",
    "temperature",
    "queue_status",
    "status",
    "answered_by",
    "transcripts",
    "data",
    "errors",
    "updates",
    "payload",
    "event_type",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-z_.\\[\\]0-9]{0,10}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,16}",
        prop::sample::select(
            &[
                "+12015550123",
                "2015550123",
                "%2B14155552671",
                "1234567890",
                "+",
                "%2B",
                "",
                " ",
                "https://example.com/h",
                "http://x",
                "https://",
                "https://[::1",
                "https://a:99999",
                "Hi {{name}}",
                "{{",
                "{{ }}",
                "{{a.b.c}}",
                "}}{{x",
                "2025-01-01 12:00:00 -05:00",
                "2025-13-45 99:99:99",
                "9999-12-31T23:59:59Z",
                "America/New_York",
                "Etc/GMT+14",
                "babel-en",
                "ENG",
                "leave_message",
                "hangup",
                "base",
                "0190b3a2-7c1e-7d4a-9b2e-0123456789ab",
                "1w#*",
                "\u{0}",
                "ÿ",
                "🎉🎉",
            ][..]
        )
        .prop_map(str::to_owned),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(&[0i64, 1, 2, 19, 20, 21, 49, 50, 200, 201, 720, 721, -1][..])
            .prop_map(|n| json!(n)),
        text().prop_map(Value::String),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Wrap a value in `depth` levels of arrays / objects.
fn deep() -> impl Strategy<Value = Value> {
    (arb_json(), 0usize..96, any::<u64>()).prop_map(|(mut v, depth, bits)| {
        for level in 0..depth {
            v = if (bits >> (level % 64)) & 1 == 0 {
                json!([v])
            } else {
                json!({ "call_data": v })
            };
        }
        v
    })
}

/// Batch-shaped input: a prompt and rows whose values are arbitrary.
fn batch_like() -> impl Strategy<Value = Value> {
    (text(), prop::collection::vec(arb_json(), 0..6), arb_json()).prop_map(
        |(prompt, rows, extra)| {
            let mut m = Map::new();
            m.insert("base_prompt".into(), Value::String(prompt));
            m.insert("call_data".into(), Value::Array(rows));
            if let Value::Object(o) = extra {
                for (k, v) in o {
                    m.entry(k).or_insert(v);
                }
            }
            Value::Object(m)
        },
    )
}

fn any_input() -> impl Strategy<Value = Value> {
    prop_oneof![3 => arb_json(), 1 => deep(), 2 => batch_like()]
}

/// Run every validator and builder on `v`; each must return, with messages that say something.
fn exercise(v: Value) {
    let c = ctx();
    let mut reports = Vec::new();

    let (call, r) = parse_send_call(v.clone(), &c);
    reports.push(r);
    if let Some(call) = call {
        let (body, r) = call.to_wire_body(&c);
        assert!(body.is_object());
        reports.push(r);
    }

    let (batch, r) = parse_batch(v.clone(), &c);
    reports.push(r);
    if let Some(batch) = batch {
        let pre = preflight_batch(&batch, &c);
        assert_eq!(pre.len(), batch.call_data.len());
        let in_rows: usize = pre.rows().map(|row| row.issues.len()).sum();
        assert!(in_rows <= pre.report().issues.len());
        let (body, r) = batch.to_wire_body(&c);
        assert!(body.is_object());
        reports.push(r);
    }

    let (v2, r) = parse_create_batch_v2(v.clone(), &c);
    reports.push(r);
    if let Some(v2) = v2 {
        let (body, r) = v2.to_wire_body(&c);
        assert!(body.is_object());
        reports.push(r);
    }

    let (inbound, r) = parse_inbound_update(v.clone());
    reports.push(r);
    if let Some(inbound) = inbound {
        let (w, r) = inbound.to_wire();
        assert!(w.body.is_object());
        reports.push(r);
    }

    reports.push(parse_analyze(v.clone()).1);

    for r in &reports {
        for i in &r.issues {
            assert!(!i.message.trim().is_empty(), "empty message for {i:?}");
        }
    }

    // Response models: errors are fine, panics are not.
    let _ = serde_json::from_value::<CallDetails>(v.clone());
    let _ = serde_json::from_value::<SendCallResponse>(v.clone());
    let _ = serde_json::from_value::<LegacyBatchDetails>(v.clone());
    let _ = serde_json::from_value::<InboundUpdateResponse>(v.clone());
    let _ = serde_json::from_value::<BatchStatusWebhook>(v.clone());
    let _ = serde_json::from_value::<StatusEnvelope>(v.clone());
    if let Ok(logs) = serde_json::from_value::<BatchLogsResponse>(v) {
        for e in logs.data.unwrap_or_default() {
            let _ = e.typed_payload();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn validators_never_panic(v in any_input()) {
        exercise(v);
    }

    #[test]
    fn rules_never_panic_on_arbitrary_text(s in "\\PC{0,40}") {
        let mut r = crate::Report::new();
        let p = crate::Path::from("f");
        rules::check_https_url(&s, &p, &mut r);
        rules::check_language(&s, rules::LanguageScope::Call, &p, &mut r);
        rules::check_timezone(&s, &p, &mut r);
        rules::check_start_time(&s, &ctx(), &p, &mut r);
        rules::check_dtmf(&s, &p, &mut r);
        rules::check_uuid_v7(&s, &p, &mut r);
        let _ = inbound_path(&s);
    }
}

#[test]
fn field_names_with_brackets_and_dots_are_reported_not_panicked() {
    for name in ["]_b][", "[]]", "a[0", "x]", "a.b", "[1]"] {
        let mut m = Map::new();
        m.insert("phone_number".into(), json!("+12015550123"));
        m.insert("task".into(), json!("t"));
        m.insert(name.into(), json!(1));
        let (_, r) = parse_send_call(Value::Object(m), &ctx());
        assert!(
            r.issues
                .iter()
                .any(|i| i.code == crate::IssueCode::UnknownField),
            "{name}: {r}"
        );
    }
}
