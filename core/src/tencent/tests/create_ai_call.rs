//! CreateAICall: the seed's example, a request using every field, the wire body and redaction.

use super::{expect, found, patched};
use crate::Context;
use crate::tencent::create_ai_call::LlmType;
use crate::tencent::{CreateAICall, Operation};
use serde_json::{Value, json};

/// Seed 003, "Example1 Create an AI call example", input verbatim.
fn seed_example() -> Value {
    json!({
        "Callee": "008612300000000",
        "SdkAppId": 1400000000,
        "SystemPrompt": "You are Dr. Li, a friendly and kind follow-up doctor from People's Hospital, calling the parent of the patient Xiaoming.",
        "WelcomeMessage": "Hello",
        "LLMType": "openai",
        "Model": "gpt-4o-mini",
        "APIKey": "sk-proj-xxxxx",
        "APIUrl": "https://api.openai.com/v1/",
        "VoiceType": "ZhiXi",
        "EndFunctionEnable": true
    })
}

#[test]
fn seed_example_only_trips_on_its_placeholder_callee() {
    // The doc's Callee, 0086 123 0000 0000, is a placeholder: no Chinese number starts with 123,
    // so libphonenumber rejects it. Everything else in the example is valid.
    let (m, r) = CreateAICall::parse_and_validate(seed_example(), &Context::at(0));
    assert!(m.is_some());
    let got = found(&r);
    assert_eq!(got.len(), 1, "{r}");
    assert_eq!(got[0].0, "Callee");
    assert!(got[0].1.starts_with("phone_"), "{got:?}");
}

#[test]
fn seed_example_with_a_real_callee_is_clean_and_serialises_back_to_the_same_fields() {
    // 008613012345678 is the CN CreateAIAgentCall doc's example callee, in the same 0086 form.
    let input = patched(&seed_example(), &json!({"Callee": "008613012345678"}));
    let (m, r) = CreateAICall::parse_and_validate(input.clone(), &Context::at(0));
    assert!(r.issues.is_empty(), "{r}");
    let m = m.expect("parsed");
    assert_eq!(m.llm_type, Some(LlmType::OpenAi));
    assert_eq!(m.api_key.expose(), "sk-proj-xxxxx");
    let (body, wr) = m.to_wire_body();
    assert!(wr.issues.is_empty(), "{wr}");
    assert_eq!(body, input, "same fields, same values");
}

fn everything_first_half() -> Value {
    json!({
    "SdkAppId": 1400000000,
    "Callee": "+86 130 1234 5678",
    "SystemPrompt": "## Identity\nYou are Kate from Retell Health.",
    "LLMType": "azure",
    "Model": "gpt-4o",
    "APIKey": "azure-key-123",
    "APIUrl": "https://res.openai.azure.com?api-version=2024-06-01",
    "Callers": ["+8613800138000", "008601012341234"],
    "WelcomeMessage": "Hi, this is Kate",
    "WelcomeType": 0,
    "WelcomeMessagePriority": 2,
    "MaxDuration": 60000,
    "Languages": ["en", "zh"],
    "InterruptMode": 0,
    "InterruptSpeechDuration": 500,
    "EndFunctionEnable": true,
    "EndFunctionDesc": "End the call when the user says bye.",
    "TransferFunctionEnable": true,
    "TransferItems": [{"TransferFunctionName": "transfer_to_human", "TransferFunctionDesc": "on request", "TransferSkillGroupId": 2522}],
    "TransferToAgentEnable": true,
    "TransferToAgentItems": [{"TransferToAgentName": "to_billing", "TransferToAgentDesc": "billing questions", "TransferToAgentId": 42}],
    "NotifyDuration": 15,
    "NotifyMessage": "Are you still there?",
    "NotifyMaxCount": 2,
    "CustomTTSConfig": {"TTSType": "azure", "SubscriptionKey": "sub-key", "Region": "eastus", "VoiceName": "en-US-JennyNeural", "Language": "en-US", "Rate": 1.1},
    })
}

fn everything() -> Value {
    // Two halves: one json! literal this size exceeds the macro recursion limit.
    patched(
        &everything_first_half(),
        &json!({
            "VadSilenceTime": 800,
            "ExtractConfig": [
                {"InfoType": "Boolean", "InfoName": "interested", "InfoContent": "Is the user interested?"},
                {"InfoType": "Selector", "InfoName": "slot", "Choices": ["morning", "afternoon"], "Examples": ["morning"]}
            ],
            "Temperature": 0.7,
            "Variables": [{"Key": "name", "Value": "Cindy"}, {"Key": "welcome-message-delay", "Value": "1"}],
            "TopP": 0.9,
            "VadLevel": 2,
            "ToneWord": {"FirstSentenceTimeout": 1.5, "ZHToneWords": {"Neutral": ["嗯"], "Positive": ["好的"], "Negative": ["抱歉"]}},
            "EnableComplianceAudio": true,
            "EnableVoicemailDetection": true,
            "VoicemailAction": 0,
            "LLMExtraBody": {"max_tokens": 256},
            "MaxCallDurationMs": 600000,
            "MaxRingTimeoutSecond": 30,
            "AmbientSoundType": "busy_office",
            "AmbientSoundVolume": 0.5,
            "AcquireTimeoutSecond": 3,
            "CustomSTTConfig": "{\"vendor\":\"x\",\"key\":\"stt-secret\"}",
            "extra": {"FutureParam": "kept"}
        }),
    )
}

#[test]
fn a_request_using_every_field_is_clean() {
    let (m, r) = CreateAICall::parse_and_validate(everything(), &Context::at(0));
    assert!(r.issues.is_empty(), "{r}");
    assert!(m.is_some());
}

#[test]
fn every_modelled_field_is_in_fields_and_on_the_wire() {
    let (m, _) = CreateAICall::parse_and_validate(everything(), &Context::at(0));
    let (body, _) = m.expect("parsed").to_wire_body();
    let keys: Vec<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for f in crate::tencent::create_ai_call::FIELDS {
        // VoiceType excludes CustomTTSConfig and PromptVariables is deprecated: not in `everything`.
        if *f == "VoiceType" || *f == "PromptVariables" {
            continue;
        }
        assert!(keys.contains(f), "{f} missing from the wire body {keys:?}");
    }
    assert_eq!(
        keys.len(),
        crate::tencent::create_ai_call::FIELDS.len() - 2 + 1,
        "plus FutureParam: {keys:?}"
    );
}

#[test]
fn wire_body_normalises_numbers_stringifies_json_fields_and_merges_extra() {
    let (m, _) = CreateAICall::parse_and_validate(everything(), &Context::at(0));
    let (body, r) = m.expect("parsed").to_wire_body();
    assert!(r.issues.is_empty(), "{r}");
    assert_eq!(body["Callee"], json!("008613012345678"));
    assert_eq!(body["Callers"][0], json!("008613800138000"));
    let tts = body["CustomTTSConfig"]
        .as_str()
        .expect("CustomTTSConfig is a JSON string on the wire");
    let tts: Value = serde_json::from_str(tts).expect("valid JSON");
    assert_eq!(tts["TTSType"], json!("azure"));
    assert_eq!(
        tts["SubscriptionKey"],
        json!("sub-key"),
        "wire data carries the secret"
    );
    assert_eq!(body["LLMExtraBody"], json!("{\"max_tokens\":256}"));
    assert_eq!(
        body["CustomSTTConfig"],
        json!("{\"vendor\":\"x\",\"key\":\"stt-secret\"}")
    );
    assert_eq!(body["FutureParam"], json!("kept"));
    assert!(body.get("extra").is_none());
}

#[test]
fn wire_body_reports_extra_that_would_override_a_field() {
    let (m, _) = CreateAICall::parse_and_validate(
        patched(&everything(), &json!({"extra": {"Model": "other"}})),
        &Context::at(0),
    );
    let (body, r) = m.expect("parsed").to_wire_body();
    assert_eq!(
        found(&r),
        expect(&[("extra.Model", "extra_shadows_field", 'E')])
    );
    assert_eq!(body["Model"], json!("gpt-4o"), "the validated value stays");
}

#[test]
fn debug_never_shows_credentials() {
    let (m, _) = CreateAICall::parse_and_validate(everything(), &Context::at(0));
    let dbg = format!("{:?}", m.expect("parsed"));
    for secret in ["azure-key-123", "sub-key", "stt-secret"] {
        assert!(!dbg.contains(secret), "{secret} leaked: {dbg}");
    }
    assert!(dbg.contains("[redacted]"));
    let (m, _) = CreateAICall::parse_and_validate(seed_example(), &Context::at(0));
    assert!(!format!("{m:?}").contains("sk-proj-xxxxx"));
}

#[test]
fn typed_validation_matches_json_validation() {
    let (m, via_json) = CreateAICall::parse_and_validate(
        patched(
            &everything(),
            &json!({"VadLevel": 7, "CustomTTSConfig": {"TTSType": "azure", "Rate": 9}}),
        ),
        &Context::at(0),
    );
    let mut typed = crate::issue::Report::new();
    m.expect("parsed").validate(&Context::at(0), &mut typed);
    // JSON validation adds nothing here (no type errors), so both see the same rule violations.
    assert_eq!(found(&typed), found(&via_json));
    assert!(
        found(&typed)
            .iter()
            .any(|(p, ..)| p == "CustomTTSConfig.Rate")
    );
}

#[test]
fn non_object_input_is_one_clear_error() {
    for v in [json!([]), json!("CreateAICall"), json!(null), json!(1)] {
        let (m, r) = CreateAICall::parse_and_validate(v.clone(), &Context::at(0));
        assert!(m.is_none(), "{v}");
        assert_eq!(found(&r), expect(&[("", "invalid_type", 'E')]), "{v}");
    }
}
