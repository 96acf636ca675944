//! Signed vendor requests for the load and memory examples, built by the core's request layer
//! exactly as a client would send them (shared through `#[path]`, so neither example copies it).
#![allow(dead_code)]

use bytes::Bytes;
use callplane_core::aliyun::BatchRobotSmartCall;
use callplane_core::api::RequestContext;
use callplane_core::api::aliyun::{AliyunClient, AliyunSignature};
use callplane_core::api::tencent::TencentClient;
use callplane_core::http::HttpRequest;
use callplane_core::sign::AliyunCredentials;
use callplane_core::sign::tc3::Tc3Credentials;
use callplane_core::tencent::CreateAICall;
use callplane_sim::config::{
    DEFAULT_ALIYUN_ACCESS_KEY_ID, DEFAULT_ALIYUN_ACCESS_KEY_SECRET, DEFAULT_TENCENT_SDK_APP_ID,
    DEFAULT_TENCENT_SECRET_ID, DEFAULT_TENCENT_SECRET_KEY,
};
use http_body_util::Full;
use serde_json::json;
use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

/// Real Unix ms (signatures are checked against the real clock).
pub fn real_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The core's request as a hyper request.
pub fn to_hyper(r: HttpRequest) -> hyper::Request<Full<Bytes>> {
    let mut b = hyper::Request::builder()
        .method(r.method.as_str())
        .uri(r.url.as_str());
    for (k, v) in &r.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Full::new(Bytes::from(r.body))).expect("request")
}

/// TC3-signed `CreateAICall`s to distinct mobile callees (`+86138` and `10_000_000 + i`), one per
/// `i` in `range`, all signed now.
pub fn tencent_creates(url: &str, range: Range<usize>) -> Vec<hyper::Request<Full<Bytes>>> {
    let client = TencentClient::new(Tc3Credentials::new(
        DEFAULT_TENCENT_SECRET_ID,
        DEFAULT_TENCENT_SECRET_KEY,
    ))
    .with_endpoint(url);
    let now_ms = real_now_ms();
    range
        .map(|i| {
            let op: CreateAICall = serde_json::from_value(json!({
                "SdkAppId": DEFAULT_TENCENT_SDK_APP_ID,
                "Callee": format!("+86138{:08}", 10_000_000 + i),
                "SystemPrompt": "You are Dr. Li, a friendly follow-up doctor from People's Hospital, calling the parent of the patient Xiaoming.",
                "LLMType": "openai",
                "Model": "gpt-4o-mini",
                "APIKey": "sk-load-test",
                "APIUrl": "https://api.openai.com/v1/",
                "VoiceType": "ZhiXi",
                "WelcomeMessage": "Hello"
            }))
            .expect("valid CreateAICall");
            let built = client
                .build(&op, &RequestContext::new(now_ms, format!("n{i}")))
                .expect("valid request");
            to_hyper(built.request)
        })
        .collect()
}

/// An ACS3-signed `BatchRobotSmartCall` task `task` of `callees` distinct mobile callees, each with
/// its own `TtsParam` row (the per-callee data the store keeps).
pub fn aliyun_task(url: &str, task: usize, callees: usize) -> hyper::Request<Full<Bytes>> {
    let client = AliyunClient::new(AliyunCredentials::new(
        DEFAULT_ALIYUN_ACCESS_KEY_ID,
        DEFAULT_ALIYUN_ACCESS_KEY_SECRET,
    ))
    .with_endpoint(url)
    .with_signature(AliyunSignature::V3);
    let numbers: Vec<String> = (0..callees)
        .map(|k| format!("138{:08}", 10_000_000 + task * callees + k))
        .collect();
    let rows: Vec<_> = numbers
        .iter()
        .enumerate()
        .map(|(k, n)| json!({"number": n, "params": [format!("客户{k}"), "宽带"]}))
        .collect();
    let op: BatchRobotSmartCall = serde_json::from_value(json!({
        "CalledShowNumber": ["057188773344"],
        "CorpName": "Acme 科技",
        "CalledNumber": numbers,
        "DialogId": "100002970",
        "TaskName": format!("回访 {task}"),
        "TtsParamHead": ["name", "product"],
        "TtsParam": rows,
    }))
    .expect("valid BatchRobotSmartCall");
    let built = client
        .build(&op, &RequestContext::new(real_now_ms(), format!("t{task}")))
        .expect("valid request");
    to_hyper(built.request)
}
