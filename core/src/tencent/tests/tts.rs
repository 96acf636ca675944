//! CustomTTSConfig: the seed's five examples in both forms, and one row per variant rule.

use super::tables::base;
use super::{expect, found, patched};
use crate::Context;
use crate::tencent::tts::CustomTtsConfig;
use crate::tencent::{CreateAICall, Operation};
use serde_json::{Value, json};

/// The seed's five examples with their `//` comments removed (the doc's blocks are commented
/// pseudo-JSON; the custom one also lacks a comma and has a trailing one). Values are verbatim.
fn seed_examples() -> Vec<(&'static str, Value)> {
    vec![
        (
            "tencent",
            json!({"TTSType": "tencent", "AppId": "Your application ID", "SecretId": "Your Secret ID",
            "SecretKey": "Your Secret Key", "VoiceType": 101001, "Speed": 1.25, "Volume": 5, "PrimaryLanguage": 1,
            "FastVoiceType": "xxxx"}),
        ),
        (
            "minimax",
            json!({"TTSType": "minimax", "Model": "speech-01-turbo", "APIUrl": "https://api.minimax.chat/v1/t2a_v2",
            "APIKey": "eyxxxx", "GroupId": "181000000000000", "VoiceType": "female-tianmei-yujie", "Speed": 1.2}),
        ),
        (
            "volcengine",
            json!({"TTSType": "volcengine", "AppId": "xxxxxxxx", "Token": "TY9d4sQXHxxxxxxx", "Speed": 1.0,
            "Volume": 1.0, "Cluster": "volcano_tts", "VoiceType": "zh_male_aojiaobazong_moon_bigtts"}),
        ),
        (
            "azure",
            json!({"TTSType": "azure", "SubscriptionKey": "xxxxxxxx", "Region": "chinanorth3",
            "VoiceName": "zh-CN-XiaoxiaoNeural", "Language": "zh-CN", "Rate": 1}),
        ),
        (
            "custom",
            json!({"TTSType": "custom", "APIKey": "ApiKey", "APIUrl": "http://0.0.0.0:8080/stream-audio",
            "AudioFormat": "wav", "SampleRate": 16000, "AudioChannel": 1}),
        ),
    ]
}

fn with_tts(tts: Value) -> Value {
    patched(&base(), &json!({ "CustomTTSConfig": tts }))
}

/// The seed's custom example points at `http://0.0.0.0:8080`: a placeholder Tencent cannot reach,
/// over plain http. Those two warnings are the only issues any example may raise.
fn expected_for(kind: &str) -> Vec<(&'static str, &'static str, char)> {
    if kind == "custom" {
        vec![
            ("CustomTTSConfig.APIUrl", "invalid_url", 'W'),
            ("CustomTTSConfig.APIUrl", "not_https", 'W'),
        ]
    } else {
        vec![]
    }
}

#[test]
fn each_seed_example_parses_in_object_and_string_form() {
    for (kind, obj) in seed_examples() {
        for (form, v) in [
            ("object", obj.clone()),
            ("string", Value::String(obj.to_string())),
        ] {
            let (m, r) = CreateAICall::parse_and_validate(with_tts(v), &Context::at(0));
            assert_eq!(
                found(&r),
                expect(&expected_for(kind)),
                "{kind} ({form} form): {r}"
            );
            let cfg = m
                .and_then(|m| m.custom_tts_config)
                .unwrap_or_else(|| panic!("{kind} ({form}) not read"));
            assert_eq!(cfg.tts_type(), kind);
            // The string sent to Tencent holds the same object the user gave.
            let back: Value =
                serde_json::from_str(&cfg.to_wire_string()).expect("wire string is JSON");
            assert_eq!(back, obj, "{kind} ({form})");
        }
    }
}

#[test]
fn plain_serde_reads_both_forms_too() {
    for (kind, obj) in seed_examples() {
        let a: CustomTtsConfig =
            serde_json::from_value(obj.clone()).unwrap_or_else(|e| panic!("{kind}: {e}"));
        let b: CustomTtsConfig = serde_json::from_value(Value::String(obj.to_string()))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(a, b, "{kind}");
        assert_eq!(
            serde_json::to_value(&a).expect("serialize"),
            Value::String(a.to_wire_string())
        );
    }
}

#[test]
fn numeric_app_ids_are_accepted_and_sent_as_strings() {
    let (m, r) = CreateAICall::parse_and_validate(
        with_tts(
            json!({"TTSType": "tencent", "AppId": 1300000000, "SecretId": "id", "SecretKey": "k", "VoiceType": 101001}),
        ),
        &Context::at(0),
    );
    assert!(r.issues.is_empty(), "{r}");
    let (body, _) = m.expect("parsed").to_wire_body();
    let tts: Value =
        serde_json::from_str(body["CustomTTSConfig"].as_str().expect("string")).expect("json");
    assert_eq!(tts["AppId"], json!("1300000000"));
}

type Row = (&'static str, Value, Vec<(&'static str, &'static str, char)>);

fn tencent() -> Value {
    json!({"TTSType": "tencent", "AppId": "1300000000", "SecretId": "AKID", "SecretKey": "key", "VoiceType": 101001})
}

fn rows() -> Vec<Row> {
    let t = |patch: Value| patched(&tencent(), &patch);
    vec![
        (
            "tencent AppId",
            t(json!({"AppId": null})),
            vec![("CustomTTSConfig.AppId", "required", 'E')],
        ),
        (
            "tencent SecretId",
            t(json!({"SecretId": ""})),
            vec![("CustomTTSConfig.SecretId", "required", 'E')],
        ),
        (
            "tencent SecretKey",
            t(json!({"SecretKey": null})),
            vec![("CustomTTSConfig.SecretKey", "required", 'E')],
        ),
        (
            "tencent VoiceType",
            t(json!({"VoiceType": null})),
            vec![("CustomTTSConfig.VoiceType", "required", 'E')],
        ),
        (
            "tencent VoiceType string",
            t(json!({"VoiceType": "101001"})),
            vec![("CustomTTSConfig.VoiceType", "invalid_type", 'E')],
        ),
        (
            "tencent Speed high",
            t(json!({"Speed": 6.5})),
            vec![("CustomTTSConfig.Speed", "out_of_range", 'E')],
        ),
        (
            "tencent Speed low",
            t(json!({"Speed": -2.5})),
            vec![("CustomTTSConfig.Speed", "out_of_range", 'E')],
        ),
        ("tencent Speed bounds", t(json!({"Speed": -2})), vec![]),
        (
            "tencent Volume",
            t(json!({"Volume": 11})),
            vec![("CustomTTSConfig.Volume", "out_of_range", 'E')],
        ),
        (
            "tencent PrimaryLanguage",
            t(json!({"PrimaryLanguage": 4})),
            vec![("CustomTTSConfig.PrimaryLanguage", "invalid_enum", 'E')],
        ),
        (
            "tencent unknown field",
            t(json!({"Pitch": 1})),
            vec![("CustomTTSConfig.Pitch", "unknown_field", 'E')],
        ),
        (
            "tencent three problems at once",
            t(json!({"AppId": null, "SecretKey": null, "Speed": 9})),
            vec![
                ("CustomTTSConfig.AppId", "required", 'E'),
                ("CustomTTSConfig.SecretKey", "required", 'E'),
                ("CustomTTSConfig.Speed", "out_of_range", 'E'),
            ],
        ),
        (
            "minimax credentials",
            json!({"TTSType": "minimax", "Model": "speech-01-turbo"}),
            vec![
                ("CustomTTSConfig.APIKey", "required", 'E'),
                ("CustomTTSConfig.GroupId", "required", 'E'),
            ],
        ),
        (
            "minimax relative URL",
            json!({"TTSType": "minimax", "APIKey": "k", "GroupId": "1", "APIUrl": "/v1/t2a_v2"}),
            vec![("CustomTTSConfig.APIUrl", "invalid_url", 'E')],
        ),
        (
            "volcengine Token",
            json!({"TTSType": "volcengine", "AppId": "a"}),
            vec![("CustomTTSConfig.Token", "required", 'E')],
        ),
        (
            "volcengine Speed",
            json!({"TTSType": "volcengine", "AppId": "a", "Token": "t", "Speed": 0}),
            vec![("CustomTTSConfig.Speed", "out_of_range", 'E')],
        ),
        (
            "azure required",
            json!({"TTSType": "azure"}),
            vec![
                ("CustomTTSConfig.SubscriptionKey", "required", 'E'),
                ("CustomTTSConfig.Region", "required", 'E'),
                ("CustomTTSConfig.VoiceName", "required", 'E'),
                ("CustomTTSConfig.Language", "required", 'E'),
            ],
        ),
        (
            "azure Rate",
            json!({"TTSType": "azure", "SubscriptionKey": "k", "Region": "r", "VoiceName": "v", "Language": "l", "Rate": 2.5}),
            vec![("CustomTTSConfig.Rate", "out_of_range", 'E')],
        ),
        (
            "custom required",
            json!({"TTSType": "custom"}),
            vec![
                ("CustomTTSConfig.APIKey", "required", 'E'),
                ("CustomTTSConfig.APIUrl", "required", 'E'),
            ],
        ),
        (
            "custom AudioFormat",
            json!({"TTSType": "custom", "APIKey": "k", "APIUrl": "https://tts.example.com/s", "AudioFormat": "mp3"}),
            vec![("CustomTTSConfig.AudioFormat", "invalid_enum", 'E')],
        ),
        (
            "custom AudioChannel",
            json!({"TTSType": "custom", "APIKey": "k", "APIUrl": "https://tts.example.com/s", "AudioChannel": 3}),
            vec![("CustomTTSConfig.AudioChannel", "out_of_range", 'E')],
        ),
        (
            "custom SampleRate",
            json!({"TTSType": "custom", "APIKey": "k", "APIUrl": "https://tts.example.com/s", "SampleRate": 0}),
            vec![("CustomTTSConfig.SampleRate", "out_of_range", 'E')],
        ),
        (
            "custom URL",
            json!({"TTSType": "custom", "APIKey": "k", "APIUrl": "tts.example.com"}),
            vec![("CustomTTSConfig.APIUrl", "invalid_url", 'E')],
        ),
        (
            "unknown TTSType",
            json!({"TTSType": "elevenlabs"}),
            vec![("CustomTTSConfig.TTSType", "invalid_enum", 'E')],
        ),
        (
            "TTSType missing",
            json!({"AppId": "a"}),
            vec![("CustomTTSConfig.TTSType", "required", 'E')],
        ),
        (
            "TTSType not a string",
            json!({"TTSType": 1}),
            vec![("CustomTTSConfig.TTSType", "invalid_type", 'E')],
        ),
        (
            "not an object",
            json!(5),
            vec![("CustomTTSConfig", "invalid_type", 'E')],
        ),
        (
            "string holding an array",
            json!("[1]"),
            vec![("CustomTTSConfig", "invalid_type", 'E')],
        ),
        (
            "string that is not JSON",
            json!("{TTSType: tencent}"),
            vec![("CustomTTSConfig", "invalid_format", 'E')],
        ),
        ("null is absent", Value::Null, vec![]),
    ]
}

#[test]
fn every_variant_rule_reports_exactly_its_issue_in_both_forms() {
    let mut failures = Vec::new();
    for (name, tts, want) in rows() {
        let forms = if tts.is_object() {
            vec![tts.clone(), Value::String(tts.to_string())]
        } else {
            vec![tts.clone()]
        };
        for v in forms {
            let input = if v.is_null() {
                base()
            } else {
                with_tts(v.clone())
            };
            let (_, r) = CreateAICall::parse_and_validate(input, &Context::at(0));
            let (got, want) = (found(&r), expect(&want));
            if got != want {
                failures.push(format!("{name} [{v}]:\n  got  {got:?}\n  want {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_tts_type_lists_the_five_and_hints_at_the_docs_typo() {
    for (tag, needles) in [
        (
            "elevenlabs",
            vec!["tencent, minimax, volcengine, azure, custom"],
        ),
        ("minixmax", vec!["misspells", "`minimax`"]),
        ("Tencent", vec!["did you mean `tencent`"]),
    ] {
        let (_, r) =
            CreateAICall::parse_and_validate(with_tts(json!({"TTSType": tag})), &Context::at(0));
        let msg = &r.issues.first().expect("an issue").message;
        for n in needles {
            assert!(msg.contains(n), "{tag}: {msg}");
        }
    }
}

#[test]
fn commented_doc_json_gets_a_hint_and_no_secret_is_echoed() {
    let commented =
        "{\n\"TTSType\": \"azure\", // Required\n\"SubscriptionKey\": \"very-secret-key\"\n}";
    let (_, r) = CreateAICall::parse_and_validate(with_tts(json!(commented)), &Context::at(0));
    let msg = &r.issues.first().expect("an issue").message;
    assert!(msg.contains("`//` comments"), "{msg}");
    assert!(!r.to_string().contains("very-secret-key"), "{r}");
}

#[test]
fn debug_of_every_variant_hides_its_credentials() {
    for (kind, obj) in seed_examples() {
        let cfg: CustomTtsConfig = serde_json::from_value(obj.clone()).expect("reads");
        let dbg = format!("{cfg:?}");
        for key in ["SecretKey", "APIKey", "Token", "SubscriptionKey"] {
            if let Some(secret) = obj.get(key).and_then(Value::as_str) {
                assert!(!dbg.contains(secret), "{kind}.{key} leaked: {dbg}");
            }
        }
    }
}
