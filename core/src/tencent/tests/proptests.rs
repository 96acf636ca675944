//! Validation never panics, whatever JSON arrives: random documents (wrong types, deep nesting,
//! awkward keys) into every operation, and random values planted into every field of valid
//! requests, including inside CustomTTSConfig in both its forms.

use super::tables::base;
use crate::Context;
use crate::tencent::envelope::parse_response;
use crate::tencent::lookups::{
    DescribeSessionDetailOutput, DescribeTelCdrOutput, DescribeTelSessionOutput,
};
use crate::tencent::{
    CreateAICall, DescribeAIAnalysisResult, DescribeAICallExtractResult,
    DescribeAICallInteractionRecords, DescribeAILatency, DescribeSessionDetail, DescribeTelCdr,
    DescribeTelSession, HangUpCall, Operation,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Keys that matter to the models plus keys that stress path handling.
const KEYS: &[&str] = &[
    "SdkAppId",
    "Callee",
    "Callers",
    "LLMType",
    "APIUrl",
    "APIKey",
    "VoiceType",
    "Languages",
    "CustomTTSConfig",
    "TTSType",
    "AppId",
    "Speed",
    "TransferItems",
    "ExtractConfig",
    "Variables",
    "Key",
    "ToneWord",
    "ZHToneWords",
    "LLMExtraBody",
    "SessionId",
    "StartTime",
    "EndTime",
    "StartTimeStamp",
    "EndTimeStamp",
    "PageSize",
    "Phones",
    "extra",
    "Response",
    "Error",
    "TelCdrList",
    "EndStatus",
    "Session",
    "SessionStatus",
    "",
    "a.b",
    "a[0]",
    "a[0]]",
    "]",
    "[",
    "é",
    "x\u{0}y",
];

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

fn arb_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        proptest::sample::select(vec![
            "tencent",
            "azure",
            "openai",
            "+8613012345678",
            "008613012345678",
            "zh-dialect",
            "https://a.b/c?api-version=1",
            "{\"TTSType\":\"tencent\"}",
            "{\"TTSType\":\"custom\",\"APIUrl\":5}",
            "[1,2]",
            "{",
            "//",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_leaf().prop_recursive(8, 96, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((arb_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Runs every step a caller would on `v` as operation `T`.
fn exercise<T: Operation>(v: &Value) {
    let ctx = Context::at(1_750_000_000_000);
    let (m, report) = T::parse_and_validate(v.clone(), &ctx);
    let _ = report.to_string();
    if let Some(m) = m {
        let mut r = crate::issue::Report::new();
        m.validate(&ctx, &mut r);
        let _ = m.to_wire_body();
        let _ = format!("{m:?}");
    }
}

fn exercise_all(v: &Value) {
    exercise::<CreateAICall>(v);
    exercise::<DescribeTelSession>(v);
    exercise::<DescribeSessionDetail>(v);
    exercise::<DescribeTelCdr>(v);
    exercise::<DescribeAICallExtractResult>(v);
    exercise::<DescribeAIAnalysisResult>(v);
    exercise::<DescribeAICallInteractionRecords>(v);
    exercise::<DescribeAILatency>(v);
    exercise::<HangUpCall>(v);
    let _ = parse_response::<DescribeTelCdrOutput>(v.clone());
    let _ = parse_response::<DescribeSessionDetailOutput>(v.clone());
    let _ = parse_response::<DescribeTelSessionOutput>(v.clone());
    let _ = parse_response::<<CreateAICall as Operation>::Output>(v.clone());
}

fn valid_requests() -> Vec<Value> {
    vec![
        base(),
        json!({"SdkAppId": 1, "SessionId": "s", "StartTime": 1, "EndTime": 2, "StartTimestamp": 1, "EndTimestamp": 2}),
        json!({"SdkAppId": 1, "StartTimeStamp": 1, "EndTimeStamp": 2, "PageSize": 10, "PageNumber": 0, "Phones": ["+8613012345678"]}),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        exercise_all(&v);
        exercise_all(&json!({"Response": v}));
    }

    #[test]
    fn arbitrary_values_in_any_field_never_panic(
        which in 0usize..3,
        field in proptest::sample::select(crate::tencent::create_ai_call::FIELDS.iter().chain(DescribeTelCdr::FIELDS).copied().collect::<Vec<_>>()),
        v in arb_json(),
    ) {
        let mut req = valid_requests().swap_remove(which);
        if let Some(m) = req.as_object_mut() {
            m.insert(field.to_owned(), v);
        }
        exercise_all(&req);
    }

    #[test]
    fn arbitrary_tts_fields_never_panic(
        tag in proptest::sample::select(vec!["tencent", "minimax", "volcengine", "azure", "custom", "other"]),
        fields in proptest::collection::vec((arb_key(), arb_json()), 0..6),
        as_string in any::<bool>(),
    ) {
        let mut tts: Map<String, Value> = fields.into_iter().collect();
        tts.insert("TTSType".into(), json!(tag));
        let tts = if as_string { Value::String(Value::Object(tts).to_string()) } else { Value::Object(tts) };
        let mut req = base();
        if let Some(m) = req.as_object_mut() {
            m.insert("CustomTTSConfig".into(), tts);
        }
        exercise::<CreateAICall>(&req);
    }
}
