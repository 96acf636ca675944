//! The README demo: start callplane-sim in-process, place calls on all three vendors through
//! callplane's request layer (validated, signed, sent over real HTTP), let simulated time pass, and
//! ask each vendor — through its own lookup API — what happened to every call.
//!
//! `cargo run -p callplane-sim --example demo` (no credentials needed: the simulator's built-in test
//! credentials are used).

use bytes::Bytes;
use callplane_core::api::RequestContext;
use callplane_core::api::aliyun::AliyunClient;
use callplane_core::api::bland::BlandClient;
use callplane_core::api::registry::{self, Client, Operation};
use callplane_core::api::tencent::TencentClient;
use callplane_core::http::{HttpRequest, HttpResponse};
use callplane_core::sign::AliyunCredentials;
use callplane_core::sign::tc3::Tc3Credentials;
use callplane_sim::Simulator;
use callplane_sim::state::CallFilter;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as Http;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

struct Caller {
    http: Http<HttpConnector, Full<Bytes>>,
    nonce: AtomicU64,
}

impl Caller {
    /// Build (validate + sign) with the real clock, send, parse. Errors are printed, not hidden.
    async fn call(&self, client: &Client, op: Operation, input: Value) -> Result<Value, String> {
        let now_ms = callplane_sim::clock::real_now_ms();
        let nonce = format!(
            "demo-{now_ms}-{}",
            self.nonce.fetch_add(1, Ordering::Relaxed)
        );
        let built = registry::build(op, client, input, &RequestContext::new(now_ms, nonce))
            .map_err(|e| format!("{}: {e}", op.name()))?;
        for w in built.warnings.warnings() {
            println!("    warning  {w}");
        }
        let resp = self.send(built.request).await?;
        registry::parse(op, &resp)
            .map(|p| p.data)
            .map_err(|e| format!("{}: {e}", op.name()))
    }

    async fn send(&self, r: HttpRequest) -> Result<HttpResponse, String> {
        let mut b = hyper::Request::builder()
            .method(r.method.as_str())
            .uri(r.url.as_str());
        for (k, v) in &r.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        let req = b
            .body(Full::new(Bytes::from(r.body)))
            .map_err(|e| e.to_string())?;
        let resp = self.http.request(req).await.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes()
            .to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

#[tokio::main]
async fn main() {
    let sim = Simulator::builder()
        .seed(7)
        .speed(0.0)
        .start()
        .await
        .expect("simulator starts");
    let url = sim.url().to_owned();
    println!(
        "callplane-sim listening on {url} (simulated clock frozen; advanced explicitly below)\n"
    );
    let c = sim.credentials().clone();
    let bland = Client::Bland(BlandClient::new(c.bland.api_keys[0].as_str()).with_endpoint(&url));
    let aliyun = Client::Aliyun(
        AliyunClient::new(AliyunCredentials::new(
            c.aliyun[0].access_key_id.as_str(),
            c.aliyun[0].access_key_secret.as_str(),
        ))
        .with_endpoint(&url),
    );
    let tencent = Client::Tencent(
        TencentClient::new(Tc3Credentials::new(
            c.tencent[0].secret_id.as_str(),
            c.tencent[0].secret_key.as_str(),
        ))
        .with_endpoint(&url),
    );
    let caller = Caller {
        http: Http::builder(TokioExecutor::new()).build_http(),
        nonce: AtomicU64::new(0),
    };
    let mut failures = 0;
    let mut check = |r: Result<Value, String>| match r {
        Ok(v) => Some(v),
        Err(e) => {
            println!("    error    {e}");
            failures += 1;
            None
        }
    };

    println!("Placing calls (magic test numbers pick each outcome; see simulator/README.md):");
    println!("  Bland  POST /v1/batches — 3 rows from one {{{{template}}}} prompt");
    let batch = check(
        caller
            .call(
                &bland,
                Operation::BlandCreateBatch,
                json!({
                    "base_prompt": "You are calling {{business}} to renew their {{service}} subscription before {{date}}.",
                    "call_data": [
                        {"phone_number": "+12015550100", "business": "ABC co.", "service": "Netflix", "date": "September 4th"},
                        {"phone_number": "(201) 555-0102", "business": "XYZ inc.", "service": "Window Cleaning", "date": "December 20th"},
                        {"phone_number": "201.555.0105", "business": "Acme", "service": "Lawn Care", "date": "March 1st"}
                    ],
                    "label": "callplane demo",
                    "max_duration": 10
                }),
            )
            .await,
    );
    let batch_id = batch
        .as_ref()
        .map(|b| s(&b["batch_id"]))
        .unwrap_or_default();
    println!("         batch_id {batch_id}");

    println!("  Alibaba BatchRobotSmartCall — 3 callees with TTS variables (V3 signature)");
    let task = check(
        caller
            .call(
                &aliyun,
                Operation::AliyunBatchRobotSmartCall,
                json!({
                    "CalledShowNumber": ["057188773344"],
                    "CorpName": "阿里巴巴通信技术(北京)有限公司",
                    "CalledNumber": ["13800138000", "13800138002", "13800138004"],
                    "DialogId": "1000029701",
                    "TaskName": "续费提醒",
                    "TtsParamHead": ["name"],
                    "TtsParam": [
                        {"number": "13800138000", "params": ["王先生"]},
                        {"number": "13800138002", "params": ["李女士"]},
                        {"number": "13800138004", "params": ["周先生"]}
                    ]
                }),
            )
            .await,
    );
    let task_id = task.as_ref().map(|t| s(&t["TaskId"])).unwrap_or_default();
    println!("         TaskId {task_id}");

    println!("  Tencent CreateAICall × 2 (TC3 signature)");
    let mut sessions = Vec::new();
    for callee in ["+8613800138001", "+442079460903"] {
        let r = check(
            caller
                .call(
                    &tencent,
                    Operation::TencentCreateAICall,
                    json!({
                        "SdkAppId": c.tencent[0].sdk_app_ids[0],
                        "Callee": callee,
                        "SystemPrompt": "You are Dr. Li from People's Hospital, following up after Xiaoming's surgery.",
                        "LLMType": "openai", "Model": "gpt-4o-mini", "APIKey": "sk-demo", "APIUrl": "https://api.openai.com/v1/",
                        "VoiceType": "ZhiXi", "WelcomeMessage": "Hello, this is People's Hospital."
                    }),
                )
                .await,
        );
        if let Some(r) = r {
            println!("         {callee} → SessionId {}", s(&r["SessionId"]));
            sessions.push((callee, s(&r["SessionId"])));
        }
    }

    let placed_at = sim.now_ms();
    sim.advance_clock(600.0);
    println!("\nTen simulated minutes later, each vendor's own answer:\n");
    println!(
        "  {:<8} {:<16} {:<58} simulator",
        "vendor", "callee", "vendor's status fields"
    );
    let unified = |to: &str| {
        sim.calls(&CallFilter {
            to: Some(to.to_owned()),
            ..Default::default()
        })
        .first()
        .map(|c| format!("{} ({:.0} s)", c.status.as_str(), c.duration_seconds))
        .unwrap_or_else(|| "-".into())
    };
    if let Some(list) = check(
        caller
            .call(
                &bland,
                Operation::BlandListCalls,
                json!({"batch_id": batch_id}),
            )
            .await,
    ) {
        for call in list["calls"].as_array().into_iter().flatten() {
            let to = s(&call["to"]);
            let fields = format!(
                "queue_status={} status={} answered_by={}",
                s(&call["queue_status"]),
                s(&call["status"]),
                s(&call["answered_by"])
            );
            println!(
                "  {:<8} {:<16} {:<58} {}",
                "bland",
                to,
                fields,
                unified(&to)
            );
        }
    }
    for n in ["13800138000", "13800138002", "13800138004"] {
        if let Some(d) = check(
            caller
                .call(
                    &aliyun,
                    Operation::AliyunQueryCallDetailByTaskId,
                    json!({"TaskId": task_id, "Callee": n, "QueryDate": placed_at}),
                )
                .await,
        ) {
            let data = &d["Data"];
            let fields = format!(
                "state={} stateDesc={} duration={}",
                s(&data["state"]),
                s(&data["stateDesc"]),
                s(&data["duration"])
            );
            println!(
                "  {:<8} {:<16} {:<58} {}",
                "aliyun",
                n,
                fields,
                unified(&format!("+86{n}"))
            );
        }
    }
    for (callee, session) in &sessions {
        if let Some(d) = check(
            caller
                .call(
                    &tencent,
                    Operation::TencentDescribeTelSession,
                    json!({"SdkAppId": c.tencent[0].sdk_app_ids[0], "SessionId": session}),
                )
                .await,
        ) {
            let fields = format!("SessionStatus={}", s(&d["Session"]["SessionStatus"]));
            println!(
                "  {:<8} {:<16} {:<58} {}",
                "tencent",
                callee,
                fields,
                unified(callee)
            );
        }
    }
    let all = sim.calls(&CallFilter::default());
    let terminal = all.iter().filter(|c| c.status.is_terminal()).count();
    println!(
        "\n{} calls placed, {} in a terminal state; {} request(s) failed.",
        all.len(),
        terminal,
        failures
    );
    if failures > 0 || terminal != all.len() || all.len() != 8 {
        std::process::exit(1);
    }
}
