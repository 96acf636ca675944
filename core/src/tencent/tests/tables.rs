//! One row per CreateAICall rule: a patch on a valid request and the exact issues it must produce
//! (path, code, E/W). Exact sets, so a row also proves the rule raises nothing else.

use super::{expect, found, patched};
use crate::Context;
use crate::tencent::{CreateAICall, Operation};
use serde_json::{Value, json};

pub(super) fn base() -> Value {
    json!({
        "SdkAppId": 1400000000,
        "Callee": "+8613012345678",
        "SystemPrompt": "You are Dr. Li, a friendly follow-up doctor.",
        "LLMType": "openai",
        "Model": "gpt-4o-mini",
        "APIKey": "sk-proj-xxxxx",
        "APIUrl": "https://api.openai.com/v1/"
    })
}

const TENCENT_TTS: &str = r#"{"TTSType":"tencent","AppId":"1300000000","SecretId":"AKID","SecretKey":"k","VoiceType":101001}"#;

type Row = (&'static str, Value, Vec<(&'static str, &'static str, char)>);

fn rows() -> Vec<Row> {
    vec![
        // --- required (seed "Yes" column)
        (
            "SdkAppId missing",
            json!({"SdkAppId": null}),
            vec![("SdkAppId", "required", 'E')],
        ),
        (
            "SdkAppId zero",
            json!({"SdkAppId": 0}),
            vec![("SdkAppId", "out_of_range", 'E')],
        ),
        (
            "SdkAppId wrong type is not also required",
            json!({"SdkAppId": "1400000000"}),
            vec![("SdkAppId", "invalid_type", 'E')],
        ),
        (
            "Callee missing",
            json!({"Callee": null}),
            vec![("Callee", "required", 'E')],
        ),
        (
            "Callee blank",
            json!({"Callee": "  "}),
            vec![("Callee", "required", 'E')],
        ),
        (
            "SystemPrompt missing",
            json!({"SystemPrompt": null}),
            vec![("SystemPrompt", "required", 'E')],
        ),
        (
            "LLMType missing",
            json!({"LLMType": null}),
            vec![("LLMType", "required", 'E')],
        ),
        (
            "LLMType unknown",
            json!({"LLMType": "gemini"}),
            vec![("LLMType", "invalid_enum", 'E')],
        ),
        (
            "LLMType dify accepted (SDK 2025)",
            json!({"LLMType": "dify"}),
            vec![],
        ),
        (
            "LLMType minimax accepted",
            json!({"LLMType": "minimax"}),
            vec![],
        ),
        (
            "Model missing",
            json!({"Model": null}),
            vec![("Model", "required", 'E')],
        ),
        (
            "APIKey missing",
            json!({"APIKey": null}),
            vec![("APIKey", "required", 'E')],
        ),
        (
            "APIKey empty",
            json!({"APIKey": ""}),
            vec![("APIKey", "required", 'E')],
        ),
        (
            "APIUrl missing",
            json!({"APIUrl": null}),
            vec![("APIUrl", "required", 'E')],
        ),
        // --- APIUrl
        (
            "APIUrl relative",
            json!({"APIUrl": "api.openai.com/v1"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "APIUrl plain http",
            json!({"APIUrl": "http://llm.example.com/v1"}),
            vec![("APIUrl", "not_https", 'W')],
        ),
        (
            "APIUrl loopback",
            json!({"APIUrl": "https://127.0.0.1/v1"}),
            vec![("APIUrl", "invalid_url", 'W')],
        ),
        (
            "azure without api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "azure with empty api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com?api-version="}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "azure with api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com?api-version=2024-06-01"}),
            vec![],
        ),
        (
            "azure doc placeholder",
            json!({"LLMType": "azure", "APIUrl": "https://{your-resource-name}.openai.azure.com?api-version={api-version}"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        // --- voice
        ("VoiceType built-in", json!({"VoiceType": "ZhiXi"}), vec![]),
        (
            "VoiceType wrong case",
            json!({"VoiceType": "zhixi"}),
            vec![("VoiceType", "invalid_enum", 'E')],
        ),
        (
            "VoiceType unknown",
            json!({"VoiceType": "Alloy"}),
            vec![("VoiceType", "invalid_enum", 'E')],
        ),
        (
            "VoiceType and CustomTTSConfig",
            json!({"VoiceType": "ZhiXi", "CustomTTSConfig": TENCENT_TTS}),
            vec![("VoiceType", "conflict", 'E')],
        ),
        (
            "blank VoiceType with CustomTTSConfig",
            json!({"VoiceType": "", "CustomTTSConfig": TENCENT_TTS}),
            vec![],
        ),
        (
            "conflict even when the TTS config is broken",
            json!({"VoiceType": "ZhiXi", "CustomTTSConfig": "{\"TTSType\":\"x\"}"}),
            vec![
                ("VoiceType", "conflict", 'E'),
                ("CustomTTSConfig.TTSType", "invalid_enum", 'E'),
            ],
        ),
        // --- Callers
        (
            "Callers valid",
            json!({"Callers": ["+8613800138000", "008601012341234"]}),
            vec![],
        ),
        (
            "Callers duplicate",
            json!({"Callers": ["+8613800138000", "008613800138000"]}),
            vec![("Callers[1]", "duplicate", 'W')],
        ),
        (
            "Callers empty entry",
            json!({"Callers": ["+8613800138000", ""]}),
            vec![("Callers[1]", "required", 'E')],
        ),
        // --- welcome
        (
            "WelcomeType 2",
            json!({"WelcomeType": 2}),
            vec![("WelcomeType", "invalid_enum", 'E')],
        ),
        (
            "WelcomeType 1 ignores WelcomeMessage",
            json!({"WelcomeType": 1, "WelcomeMessage": "Hello"}),
            vec![("WelcomeMessage", "ignored", 'W')],
        ),
        (
            "WelcomeType 0 uses WelcomeMessage",
            json!({"WelcomeType": 0, "WelcomeMessage": "Hello"}),
            vec![],
        ),
        (
            "WelcomeMessagePriority 2",
            json!({"WelcomeMessagePriority": 2}),
            vec![],
        ),
        (
            "WelcomeMessagePriority 1 (old docs)",
            json!({"WelcomeMessagePriority": 1}),
            vec![("WelcomeMessagePriority", "out_of_range", 'W')],
        ),
        (
            "WelcomeMessagePriority 3",
            json!({"WelcomeMessagePriority": 3}),
            vec![("WelcomeMessagePriority", "invalid_enum", 'E')],
        ),
        // --- timing
        (
            "MaxDuration zero",
            json!({"MaxDuration": 0}),
            vec![("MaxDuration", "out_of_range", 'E')],
        ),
        (
            "MaxDuration seconds by mistake",
            json!({"MaxDuration": 60}),
            vec![("MaxDuration", "out_of_range", 'W')],
        ),
        ("MaxDuration 60 s", json!({"MaxDuration": 60000}), vec![]),
        (
            "MaxDuration float",
            json!({"MaxDuration": 1.5}),
            vec![("MaxDuration", "invalid_type", 'E')],
        ),
        (
            "MaxCallDurationMs negative",
            json!({"MaxCallDurationMs": -1}),
            vec![("MaxCallDurationMs", "out_of_range", 'E')],
        ),
        (
            "MaxCallDurationMs tiny",
            json!({"MaxCallDurationMs": 300}),
            vec![("MaxCallDurationMs", "out_of_range", 'W')],
        ),
        (
            "NotifyDuration below 10",
            json!({"NotifyDuration": 9}),
            vec![("NotifyDuration", "out_of_range", 'E')],
        ),
        ("NotifyDuration 10", json!({"NotifyDuration": 10}), vec![]),
        (
            "NotifyMaxCount negative",
            json!({"NotifyMaxCount": -1}),
            vec![("NotifyMaxCount", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime 239",
            json!({"VadSilenceTime": 239}),
            vec![("VadSilenceTime", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime 2001",
            json!({"VadSilenceTime": 2001}),
            vec![("VadSilenceTime", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime bounds",
            json!({"VadSilenceTime": 240}),
            vec![],
        ),
        (
            "VadLevel 4",
            json!({"VadLevel": 4}),
            vec![("VadLevel", "out_of_range", 'E')],
        ),
        ("VadLevel 3", json!({"VadLevel": 3}), vec![]),
        (
            "AcquireTimeoutSecond 6",
            json!({"AcquireTimeoutSecond": 6}),
            vec![("AcquireTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "AcquireTimeoutSecond -1",
            json!({"AcquireTimeoutSecond": -1}),
            vec![("AcquireTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "AcquireTimeoutSecond 0",
            json!({"AcquireTimeoutSecond": 0}),
            vec![],
        ),
        (
            "MaxRingTimeoutSecond 0",
            json!({"MaxRingTimeoutSecond": 0}),
            vec![("MaxRingTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "InterruptMode 2",
            json!({"InterruptMode": 2}),
            vec![("InterruptMode", "invalid_enum", 'E')],
        ),
        (
            "InterruptSpeechDuration 0",
            json!({"InterruptSpeechDuration": 0}),
            vec![("InterruptSpeechDuration", "out_of_range", 'E')],
        ),
        (
            "InterruptSpeechDuration with mode 1",
            json!({"InterruptMode": 1, "InterruptSpeechDuration": 500}),
            vec![("InterruptSpeechDuration", "ignored", 'W')],
        ),
        (
            "InterruptSpeechDuration with mode 0",
            json!({"InterruptMode": 0, "InterruptSpeechDuration": 500}),
            vec![],
        ),
        // --- languages
        (
            "Languages 5",
            json!({"Languages": ["zh", "en", "ja", "ko", "th"]}),
            vec![("Languages", "too_many", 'E')],
        ),
        (
            "Languages unknown",
            json!({"Languages": ["zh", "xx"]}),
            vec![("Languages[1]", "unknown_language", 'E')],
        ),
        (
            "Languages wrong case",
            json!({"Languages": ["zh-tw"]}),
            vec![("Languages[0]", "unknown_language", 'E')],
        ),
        (
            "Languages duplicate",
            json!({"Languages": ["en", "en"]}),
            vec![("Languages[1]", "duplicate", 'E')],
        ),
        (
            "Languages dialect primary",
            json!({"Languages": ["zh-dialect", "en", "ja"]}),
            vec![
                ("Languages[1]", "ignored", 'W'),
                ("Languages[2]", "ignored", 'W'),
            ],
        ),
        (
            "Languages dialect optional",
            json!({"Languages": ["zh", "zh-dialect"]}),
            vec![],
        ),
        // --- functions
        (
            "EndFunctionDesc without enable",
            json!({"EndFunctionDesc": "bye"}),
            vec![("EndFunctionDesc", "ignored", 'W')],
        ),
        (
            "EndFunctionDesc with enable false",
            json!({"EndFunctionEnable": false, "EndFunctionDesc": "bye"}),
            vec![("EndFunctionDesc", "ignored", 'W')],
        ),
        (
            "EndFunctionDesc with enable",
            json!({"EndFunctionEnable": true, "EndFunctionDesc": "bye"}),
            vec![],
        ),
        (
            "transfer enabled without items",
            json!({"TransferFunctionEnable": true}),
            vec![("TransferFunctionEnable", "required", 'W')],
        ),
        (
            "transfer items without enable",
            json!({"TransferItems": [{"TransferFunctionName": "to_human", "TransferFunctionDesc": "d", "TransferSkillGroupId": 7}]}),
            vec![("TransferItems", "ignored", 'W')],
        ),
        (
            "transfer item fields",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionDesc": "d"}, {"TransferFunctionName": "bad name", "TransferSkillGroupId": 0}]}),
            vec![
                ("TransferItems[0].TransferFunctionName", "required", 'E'),
                ("TransferItems[0].TransferSkillGroupId", "required", 'E'),
                (
                    "TransferItems[1].TransferFunctionName",
                    "invalid_format",
                    'W',
                ),
                ("TransferItems[1].TransferSkillGroupId", "out_of_range", 'E'),
            ],
        ),
        (
            "transfer duplicate names",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionName": "t", "TransferSkillGroupId": 1}, {"TransferFunctionName": "t", "TransferSkillGroupId": 2}]}),
            vec![("TransferItems[1].TransferFunctionName", "duplicate", 'E')],
        ),
        (
            "transfer item unknown field",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionName": "t", "TransferSkillGroupId": 1, "Phone": "1"}]}),
            vec![("TransferItems[0].Phone", "unknown_field", 'E')],
        ),
        (
            "to-agent enabled without items",
            json!({"TransferToAgentEnable": true}),
            vec![("TransferToAgentEnable", "required", 'W')],
        ),
        (
            "to-agent items without enable",
            json!({"TransferToAgentItems": [{"TransferToAgentName": "sales", "TransferToAgentId": 3}]}),
            vec![("TransferToAgentItems", "ignored", 'W')],
        ),
        (
            "to-agent item fields",
            json!({"TransferToAgentEnable": true, "TransferToAgentItems": [{"TransferToAgentDesc": "d"}]}),
            vec![
                (
                    "TransferToAgentItems[0].TransferToAgentName",
                    "required",
                    'E',
                ),
                ("TransferToAgentItems[0].TransferToAgentId", "required", 'E'),
            ],
        ),
        // --- variables
        (
            "PromptVariables deprecated",
            json!({"PromptVariables": [{"Key": "name", "Value": "Cindy"}]}),
            vec![("PromptVariables", "deprecated", 'W')],
        ),
        (
            "Variables duplicate key",
            json!({"Variables": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}),
            vec![("Variables[1].Key", "duplicate", 'E')],
        ),
        (
            "Variables empty key",
            json!({"Variables": [{"Key": "", "Value": "1"}]}),
            vec![("Variables[0].Key", "required", 'E')],
        ),
        (
            "welcome delay not seconds",
            json!({"Variables": [{"Key": "welcome-message-delay", "Value": "1.5s"}]}),
            vec![("Variables[0].Value", "invalid_format", 'E')],
        ),
        (
            "welcome delay seconds",
            json!({"Variables": [{"Key": "welcome-message-delay", "Value": "2"}]}),
            vec![],
        ),
        (
            "dify variable with openai",
            json!({"Variables": [{"Key": "dify-inputs-user", "Value": "u1"}]}),
            vec![("Variables[0].Key", "ignored", 'W')],
        ),
        (
            "dify variable with dify",
            json!({"LLMType": "dify", "Variables": [{"Key": "dify-inputs-user", "Value": "u1"}]}),
            vec![],
        ),
        // --- extraction
        (
            "ExtractConfig bad type",
            json!({"ExtractConfig": [{"InfoType": "Date", "InfoName": "d"}]}),
            vec![("ExtractConfig[0].InfoType", "invalid_enum", 'E')],
        ),
        (
            "ExtractConfig selector without choices",
            json!({"ExtractConfig": [{"InfoType": "Selector", "InfoName": "s"}]}),
            vec![("ExtractConfig[0].Choices", "required", 'E')],
        ),
        (
            "ExtractConfig choices on text",
            json!({"ExtractConfig": [{"InfoType": "Text", "InfoName": "t", "Choices": ["a"]}]}),
            vec![("ExtractConfig[0].Choices", "ignored", 'W')],
        ),
        (
            "ExtractConfig duplicate name",
            json!({"ExtractConfig": [{"InfoType": "Text", "InfoName": "t"}, {"InfoType": "Boolean", "InfoName": "t"}]}),
            vec![("ExtractConfig[1].InfoName", "duplicate", 'E')],
        ),
        (
            "ExtractConfig missing fields",
            json!({"ExtractConfig": [{}]}),
            vec![
                ("ExtractConfig[0].InfoType", "required", 'E'),
                ("ExtractConfig[0].InfoName", "required", 'E'),
            ],
        ),
        // --- model knobs
        (
            "Temperature negative",
            json!({"Temperature": -0.1}),
            vec![("Temperature", "out_of_range", 'E')],
        ),
        (
            "Temperature above 2",
            json!({"Temperature": 2.5}),
            vec![("Temperature", "out_of_range", 'W')],
        ),
        (
            "TopP above 1",
            json!({"TopP": 1.5}),
            vec![("TopP", "out_of_range", 'E')],
        ),
        (
            "ToneWord timeout 0",
            json!({"ToneWord": {"FirstSentenceTimeout": 0}}),
            vec![("ToneWord.FirstSentenceTimeout", "out_of_range", 'E')],
        ),
        (
            "ToneWord unknown field",
            json!({"ToneWord": {"ZHToneWords": {"Neutral": ["嗯"], "Happy": []}}}),
            vec![("ToneWord.ZHToneWords.Happy", "unknown_field", 'E')],
        ),
        (
            "LLMExtraBody not JSON",
            json!({"LLMExtraBody": "max_tokens=5"}),
            vec![("LLMExtraBody", "invalid_type", 'E')],
        ),
        (
            "LLMExtraBody object",
            json!({"LLMExtraBody": {"max_tokens": 256}}),
            vec![],
        ),
        (
            "CustomSTTConfig wrong type",
            json!({"CustomSTTConfig": 5}),
            vec![("CustomSTTConfig", "invalid_type", 'E')],
        ),
        // --- call behaviour
        (
            "VoicemailAction without detection",
            json!({"VoicemailAction": 0}),
            vec![("VoicemailAction", "ignored", 'W')],
        ),
        (
            "VoicemailAction undocumented",
            json!({"EnableVoicemailDetection": true, "VoicemailAction": 1}),
            vec![("VoicemailAction", "invalid_enum", 'W')],
        ),
        (
            "AmbientSoundType unknown",
            json!({"AmbientSoundType": "cafe"}),
            vec![("AmbientSoundType", "invalid_enum", 'E')],
        ),
        (
            "AmbientSoundVolume range",
            json!({"AmbientSoundType": "busy_office", "AmbientSoundVolume": 2.5}),
            vec![("AmbientSoundVolume", "out_of_range", 'E')],
        ),
        (
            "AmbientSoundVolume without type",
            json!({"AmbientSoundVolume": 1.0}),
            vec![("AmbientSoundVolume", "ignored", 'W')],
        ),
        // --- shape
        (
            "unknown field",
            json!({"VoiceID": "x"}),
            vec![("VoiceID", "unknown_field", 'E')],
        ),
        (
            "extra shadows a modelled field",
            json!({"extra": {"VoiceType": "ZhiXi"}}),
            vec![("extra.VoiceType", "extra_shadows_field", 'E')],
        ),
        (
            "extra with a new vendor field",
            json!({"extra": {"SomeFutureParam": 1}}),
            vec![],
        ),
    ]
}

#[test]
fn every_create_ai_call_rule_reports_exactly_its_issue() {
    let ctx = Context::at(1_750_000_000_000);
    let mut failures = Vec::new();
    for (name, patch, want) in rows() {
        let (_, report) = CreateAICall::parse_and_validate(patched(&base(), &patch), &ctx);
        let (got, want) = (found(&report), expect(&want));
        if got != want {
            failures.push(format!(
                "{name}:\n  got  {got:?}\n  want {want:?}\n  {report}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_base_request_is_clean() {
    let (m, r) = CreateAICall::parse_and_validate(base(), &Context::at(0));
    assert!(m.is_some());
    assert!(r.issues.is_empty(), "{r}");
}

#[test]
fn many_problems_are_reported_in_one_pass() {
    let bad = json!({
        "Callee": "", "LLMType": "gpt", "APIUrl": "nope", "VadLevel": 9, "Languages": ["xx"],
        "WelcomeType": "one", "Bogus": 1, "CustomTTSConfig": {"TTSType": "azure", "Rate": 5}
    });
    let (_, r) = CreateAICall::parse_and_validate(bad, &Context::at(0));
    let paths: Vec<String> = found(&r).into_iter().map(|(p, ..)| p).collect();
    for p in [
        "SdkAppId",
        "Callee",
        "SystemPrompt",
        "LLMType",
        "Model",
        "APIKey",
        "APIUrl",
        "VadLevel",
        "Languages[0]",
        "WelcomeType",
        "Bogus",
        "CustomTTSConfig.SubscriptionKey",
        "CustomTTSConfig.Region",
        "CustomTTSConfig.VoiceName",
        "CustomTTSConfig.Language",
        "CustomTTSConfig.Rate",
    ] {
        assert!(paths.iter().any(|q| q == p), "missing {p} in {paths:?}");
    }
}

#[test]
fn messages_name_the_rule() {
    for (patch, path, needle) in [
        (
            json!({"VoiceType": "zhixi"}),
            "VoiceType",
            "did you mean `ZhiXi`",
        ),
        (
            json!({"Languages": ["zh-tw"]}),
            "Languages[0]",
            "did you mean `zh-TW`",
        ),
        (json!({"LLMType": "gemini"}), "LLMType", "openai"),
        (json!({"MaxDuration": 60}), "MaxDuration", "60000 ms"),
        (
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com"}),
            "APIUrl",
            "api-version",
        ),
        (
            json!({"NotifyDuration": 5}),
            "NotifyDuration",
            "at least 10 seconds",
        ),
    ] {
        let (_, r) = CreateAICall::parse_and_validate(patched(&base(), &patch), &Context::at(0));
        let issue = r
            .issues
            .iter()
            .find(|i| i.path.as_str() == path)
            .unwrap_or_else(|| panic!("{path}: {r}"));
        assert!(issue.message.contains(needle), "{path}: {}", issue.message);
    }
}

#[test]
fn invalid_numbers_carry_the_phone_module_code_and_index() {
    let (_, r) = CreateAICall::parse_and_validate(
        patched(
            &base(),
            &json!({"Callee": "12345", "Callers": ["+8613800138000", "+86 1", "abc"]}),
        ),
        &Context::at(0),
    );
    for path in ["Callee", "Callers[1]", "Callers[2]"] {
        let i = r
            .issues
            .iter()
            .find(|i| i.path.as_str() == path)
            .unwrap_or_else(|| panic!("{path}: {r}"));
        assert!(
            i.code.as_str().starts_with("phone_"),
            "{path}: {:?}",
            i.code
        );
    }
    assert!(r.under("Callers[0]").next().is_none(), "{r}");
}
