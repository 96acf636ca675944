//! One row per CreateAICall rule: a patch on a valid request and the exact issues it must produce
//! (path, code, E/W). Exact sets, so a row also proves the rule raises nothing else.

mod rows_lists;
mod rows_scalar;

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

pub(super) const TENCENT_TTS: &str = r#"{"TTSType":"tencent","AppId":"1300000000","SecretId":"AKID","SecretKey":"k","VoiceType":101001}"#;

pub(super) type Row = (&'static str, Value, Vec<(&'static str, &'static str, char)>);

fn rows() -> Vec<Row> {
    let mut rows = rows_scalar::rows();
    rows.extend(rows_lists::rows());
    rows
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
