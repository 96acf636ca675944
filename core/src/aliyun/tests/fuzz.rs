//! Validation, parameter reading and response parsing never panic, whatever the input: random
//! JSON (wrong types, deep nesting) under the real field names, random wire parameters, and
//! pathological JSON text inside the JSON-string fields.

use super::ctx;
use crate::aliyun::{
    BATCH_ROBOT_SMART_CALL_PARAMS, BatchRobotSmartCall, BatchRobotSmartCallResponse, CallDetail,
    CallRecord, GatewayError, QUERY_BY_CALL_ID_PARAMS, QUERY_BY_TASK_ID_PARAMS,
    QueryCallDetailByCallId, QueryCallDetailByCallIdResponse, QueryCallDetailByTaskId,
    QueryCallDetailByTaskIdResponse, ResponseEnvelope, parse_and_validate,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const RESPONSE_KEYS: &[&str] = &[
    "Code",
    "Message",
    "RequestId",
    "TaskId",
    "Data",
    "HostId",
    "Recommend",
    "code",
    "startDate",
    "state",
    "statusCode",
    "duration",
    "dialogDetail",
    "role",
    "content",
    "time",
    "startTime",
    "tags",
    "callId",
    "recordStatus",
    "caller",
    "bRingTime",
    "number",
    "params",
    "extra",
];

fn key() -> impl Strategy<Value = String> {
    let mut names: Vec<&'static str> = Vec::new();
    names.extend_from_slice(BATCH_ROBOT_SMART_CALL_PARAMS);
    names.extend_from_slice(QUERY_BY_TASK_ID_PARAMS);
    names.extend_from_slice(QUERY_BY_CALL_ID_PARAMS);
    names.extend_from_slice(RESPONSE_KEYS);
    prop_oneof![
        4 => proptest::sample::select(names).prop_map(str::to_owned),
        1 => ".{0,6}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        "1[3-9][0-9]{9}".prop_map(Value::String),
        "(1[3-9][0-9]{9},){0,3}1[3-9][0-9]{9}".prop_map(Value::String),
        Just(json!("[{\"number\":\"13900001234\",\"params\":[\"a\"]}]")),
        Just(json!("[\"name\"]")),
        Just(json!("true")),
        Just(json!("1700000000001")),
        Just(json!("{\"duration\":\"5\",\"dialogDetail\":\"[{}]\"}")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(12, 96, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn object() -> impl Strategy<Value = Value> {
    proptest::collection::vec((key(), value()), 0..10)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()))
}

fn exercise(v: &Value) {
    let c = ctx();
    let (m, r) = parse_and_validate::<BatchRobotSmartCall>(v.clone(), &c);
    // Whatever was read can be sent and read back without panicking either.
    if let Some(m) = m {
        let _ = BatchRobotSmartCall::from_params(&m.to_params());
        let _ = r.to_string();
    }
    let (m, _) = parse_and_validate::<QueryCallDetailByTaskId>(v.clone(), &c);
    if let Some(m) = m {
        let _ = QueryCallDetailByTaskId::from_params(&m.to_params());
    }
    let (m, _) = parse_and_validate::<QueryCallDetailByCallId>(v.clone(), &c);
    if let Some(m) = m {
        let _ = QueryCallDetailByCallId::from_params(&m.to_params());
    }
    let _ = serde_json::from_value::<BatchRobotSmartCallResponse>(v.clone());
    let _ = serde_json::from_value::<QueryCallDetailByTaskIdResponse>(v.clone());
    let _ = serde_json::from_value::<QueryCallDetailByCallIdResponse>(v.clone());
    let _ = serde_json::from_value::<ResponseEnvelope>(v.clone());
    let _ = serde_json::from_value::<GatewayError>(v.clone());
    if let Ok(d) = serde_json::from_value::<CallDetail>(v.clone()) {
        let _ = d.to_data();
        let _ = d.start_unix_ms();
        for t in d.dialog_detail.iter().flatten() {
            let _ = t.unix_ms();
        }
    }
    let _ = CallRecord::from_data(&v.to_string());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_objects(v in object()) {
        exercise(&v);
    }

    #[test]
    fn never_panics_on_arbitrary_values(v in value()) {
        exercise(&v);
    }

    #[test]
    fn from_params_never_panics(p in proptest::collection::vec((key(), ".{0,24}"), 0..16)) {
        let _ = BatchRobotSmartCall::from_params(&p);
        let _ = QueryCallDetailByTaskId::from_params(&p);
        let _ = QueryCallDetailByCallId::from_params(&p);
    }
}

/// `depth` nested arrays around `inner`.
fn nested(depth: usize, inner: Value) -> Value {
    (0..depth).fold(inner, |acc, _| Value::Array(vec![acc]))
}

#[test]
fn deep_nesting_in_every_field_is_reported_not_fatal() {
    let deep = nested(100, json!("13900001234"));
    let mut input = Map::new();
    for k in BATCH_ROBOT_SMART_CALL_PARAMS
        .iter()
        .chain(QUERY_BY_TASK_ID_PARAMS)
        .chain(QUERY_BY_CALL_ID_PARAMS)
    {
        input.insert((*k).to_owned(), deep.clone());
    }
    input.insert("extra".into(), json!({"Deep": deep}));
    exercise(&Value::Object(input.clone()));
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(Value::Object(input), &ctx());
    assert!(r.has_errors());
}

#[test]
fn pathological_json_text_in_string_fields() {
    // serde_json's recursion limit turns these into errors, not stack overflows.
    let brackets = "[".repeat(100_000);
    let objects = "{\"a\":".repeat(50_000);
    for text in [
        brackets.as_str(),
        objects.as_str(),
        "[{\"number\":",
        "\u{0}",
        "[1e999]",
    ] {
        let v = json!({"TtsParam": text, "TtsParamHead": text, "CalledNumber": text});
        let (m, r) = parse_and_validate::<BatchRobotSmartCall>(v, &ctx());
        assert!(m.is_some());
        assert!(r.has_errors());
        assert!(CallDetail::from_data(text).is_err());
        let body = json!({"Code": "OK", "Data": text});
        assert!(serde_json::from_value::<QueryCallDetailByTaskIdResponse>(body).is_err());
        let _ = BatchRobotSmartCall::from_params(&[("TtsParam".into(), text.into())]);
    }
}

#[test]
fn huge_lists_are_reported_without_trouble() {
    let many: Vec<String> = (0..4_000).map(|i| format!("139{:08}", i % 1000)).collect();
    let v = json!({"CalledNumber": many.join(","), "CalledShowNumber": many});
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(v, &ctx());
    // Too many, plus 3 000 duplicates in each list.
    let dups = r
        .errors()
        .filter(|i| i.code == crate::IssueCode::Duplicate)
        .count();
    assert_eq!(dups, 6_000);
}
