//! Cost of reading and validating Tencent CreateAICall requests (the check a dashboard runs on every
//! row before money is spent), and of building the wire body.
//!
//! `cargo bench -p callplane-core --bench tencent_validate`

use callplane_core::Context;
use callplane_core::tencent::{CreateAICall, DescribeTelCdr, Operation};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;
use std::hint::black_box;

/// The seed example with a real callee: the common, small request.
const MINIMAL: &str = r#"{"Callee":"008613012345678","SdkAppId":1400000000,
 "SystemPrompt":"You are Dr. Li, a friendly and kind follow-up doctor from People's Hospital.",
 "WelcomeMessage":"Hello","LLMType":"openai","Model":"gpt-4o-mini","APIKey":"sk-proj-xxxxx",
 "APIUrl":"https://api.openai.com/v1/","VoiceType":"ZhiXi","EndFunctionEnable":true}"#;

/// Most optional fields set, CustomTTSConfig in the vendor's string form.
const FULL: &str = r#"{"SdkAppId":1400000000,"Callee":"+86 130 1234 5678","SystemPrompt":"Identity: you are Kate.\nTask: confirm the appointment.",
 "LLMType":"azure","Model":"gpt-4o","APIKey":"k","APIUrl":"https://res.openai.azure.com?api-version=2024-06-01",
 "Callers":["+8613800138000","008601012341234"],"WelcomeMessage":"Hi","WelcomeType":0,"MaxDuration":60000,
 "Languages":["en","zh"],"InterruptMode":0,"InterruptSpeechDuration":500,"EndFunctionEnable":true,
 "TransferFunctionEnable":true,"TransferItems":[{"TransferFunctionName":"to_human","TransferFunctionDesc":"d","TransferSkillGroupId":1}],
 "NotifyDuration":15,"CustomTTSConfig":"{\"TTSType\":\"tencent\",\"AppId\":\"1300000000\",\"SecretId\":\"id\",\"SecretKey\":\"k\",\"VoiceType\":101001,\"Speed\":1.25}",
 "VadSilenceTime":800,"ExtractConfig":[{"InfoType":"Selector","InfoName":"slot","Choices":["am","pm"]}],
 "Variables":[{"Key":"name","Value":"Cindy"}],"TopP":0.9,"VadLevel":2,"LLMExtraBody":{"max_tokens":256},
 "AmbientSoundType":"busy_office","AmbientSoundVolume":0.5,"AcquireTimeoutSecond":3}"#;

const CDR: &str = r#"{"SdkAppId":1400000000,"StartTimeStamp":1749900000,"EndTimeStamp":1750000000,
 "PageSize":100,"PageNumber":0,"Phones":["+8613012345678"]}"#;

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or(Value::Null)
}

fn bench(c: &mut Criterion) {
    let ctx = Context::at(1_750_000_000_000);
    for (name, json) in [
        ("create_ai_call/minimal", MINIMAL),
        ("create_ai_call/full", FULL),
    ] {
        let v = parse(json);
        // The inputs are valid; say so in the output so a broken fixture cannot go unnoticed.
        let (_, report) = CreateAICall::parse_and_validate(v.clone(), &ctx);
        eprintln!("{name}: {} issues {report}", report.issues.len());
        c.bench_function(&format!("{name}/parse_and_validate"), |b| {
            b.iter(|| CreateAICall::parse_and_validate(black_box(v.clone()), &ctx))
        });
        if let (Some(m), _) = CreateAICall::parse_and_validate(v.clone(), &ctx) {
            c.bench_function(&format!("{name}/to_wire_body"), |b| {
                b.iter(|| black_box(&m).to_wire_body())
            });
        }
    }
    let v = parse(CDR);
    c.bench_function("describe_tel_cdr/parse_and_validate", |b| {
        b.iter(|| DescribeTelCdr::parse_and_validate(black_box(v.clone()), &ctx))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
