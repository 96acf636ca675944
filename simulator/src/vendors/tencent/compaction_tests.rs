//! Every Tencent lookup answers the same bytes before and after a call's request is compacted, and
//! after a `--state` save and restore of the compacted store. Driven through the real handler
//! with TC3-signed requests; the clock is moved without a tick so the "before" answers are taken
//! from ended calls that still hold their whole request.

use crate::Simulator;
use crate::config::{DEFAULT_TENCENT_SECRET_ID, DEFAULT_TENCENT_SECRET_KEY};
use crate::http::Incoming;
use crate::vendors::compaction_support::{fresh_state, start, stored_requests};
use callplane_core::Vendor;
use callplane_core::http::HttpRequest;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Signer};
use serde_json::{Value, json};

const APP: i64 = 1_400_000_001;

fn signed(sim: &Simulator, action: &str, body: &Value) -> Incoming {
    let mut req = HttpRequest::new("POST", format!("{}/", sim.url()))
        .with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("X-TC-Action", action)
        .with_header("X-TC-Version", "2020-02-10")
        .with_body(body.to_string().into_bytes());
    Tc3Signer::new(Tc3Credentials::new(
        DEFAULT_TENCENT_SECRET_ID,
        DEFAULT_TENCENT_SECRET_KEY,
    ))
    .with_service("ccc")
    .sign(&mut req, crate::clock::real_now_ms() / 1000)
    .expect("sign");
    Incoming {
        method: req.method,
        path: "/".into(),
        query: String::new(),
        headers: req.headers,
        body: req.body.into(),
    }
}

/// The answer without its per-request `RequestId`.
async fn answer(sim: &Simulator, action: &str, body: &Value) -> Value {
    let reply = super::handle(&sim.inner, signed(sim, action, body)).await;
    assert_eq!(reply.status, 200, "{action}");
    let mut v: Value = serde_json::from_slice(&reply.body).expect("JSON answer");
    let response = v["Response"].as_object_mut().expect("Response object");
    assert!(response.remove("RequestId").is_some(), "{action}");
    assert!(!response.contains_key("Error"), "{action}: {v}");
    v
}

/// The create bodies: every request field a lookup reads, in each of its shapes.
fn bodies() -> Vec<Value> {
    let base = json!({
        "SdkAppId": APP,
        "SystemPrompt": "You are Mia from Acme. Confirm the delivery slot.",
        "LLMType": "openai",
        "Model": "gpt-4o-mini",
        "APIKey": "sk-test-not-stored",
        "APIUrl": "https://api.openai.com/v1/",
    });
    let with = |extra: Value| {
        let mut b = base.clone();
        for (k, v) in extra.as_object().into_iter().flatten() {
            b[k] = v.clone();
        }
        b
    };
    vec![
        with(json!({
            "WelcomeMessage": "您好{{name}}，我是 {{corp}} 的 Mia。",
            "Variables": [{"Key": "name", "Value": "王先生"}],
            "PromptVariables": [{"Key": "corp", "Value": "Acme"}],
            "ExtractConfig": [
                {"InfoType": "Boolean", "InfoName": "confirmed", "InfoContent": "did the callee confirm"},
                {"InfoType": "Selector", "InfoName": "slot", "InfoContent": "which slot", "Choices": ["morning", "evening", "night"]},
                {"InfoType": "Number", "InfoName": "people", "InfoContent": "how many"},
                {"InfoType": "Text", "InfoName": "notes", "InfoContent": "anything else"},
            ],
        })),
        with(json!({"WelcomeType": 1, "Languages": ["en"], "EndFunctionEnable": true})),
        with(json!({"Languages": ["zh"], "EndFunctionEnable": false})),
    ]
}

/// Every lookup of `id`, plus DescribeTelCdr pages over all calls.
fn lookups(id: &str, window: (i64, i64)) -> Vec<(&'static str, Value)> {
    let (s, e) = window;
    let ai = json!({"SdkAppId": APP, "SessionId": id, "StartTime": s, "EndTime": e});
    vec![
        (
            "DescribeTelSession",
            json!({"SdkAppId": APP, "SessionId": id}),
        ),
        (
            "DescribeSessionDetail",
            json!({"SdkAppId": APP, "SessionId": id, "StartTimestamp": s, "EndTimestamp": e}),
        ),
        (
            "DescribeTelCdr",
            json!({"SdkAppId": APP, "StartTimeStamp": s, "EndTimeStamp": e, "SessionIds": [id], "PageSize": 10, "PageNumber": 0}),
        ),
        (
            "DescribeAICallInteractionRecords",
            json!({"SdkAppId": APP, "SessionId": id}),
        ),
        ("DescribeAICallExtractResult", ai.clone()),
        ("DescribeAIAnalysisResult", ai.clone()),
        ("DescribeAILatency", ai),
    ]
}

async fn every_answer(sim: &Simulator, ids: &[String], window: (i64, i64)) -> Vec<Value> {
    let mut out = Vec::new();
    for id in ids {
        for (action, body) in lookups(id, window) {
            out.push(answer(sim, action, &body).await);
        }
    }
    let (s, e) = window;
    for page in 0..3 {
        let body = json!({"SdkAppId": APP, "StartTimeStamp": s, "EndTimeStamp": e, "PageSize": 7, "PageNumber": page});
        out.push(answer(sim, "DescribeTelCdr", &body).await);
    }
    out
}

fn tencent_requests(sim: &Simulator) -> Vec<Value> {
    stored_requests(sim, Vendor::Tencent)
}

#[tokio::test]
async fn every_lookup_answers_the_same_bytes_before_and_after_compaction_and_a_restore() {
    let (dir, state) = fresh_state("callplane-sim-compact");
    let sim = start(Some(5), None).await;
    let now_s = sim.now_ms() / 1000;
    let window = (now_s - 3_600, now_s + 3_600);
    // Each magic outcome (ok, no answer, busy, not exist, voicemail, ring-out, early hang-up,
    // powered off) with each request shape.
    let mut ids = Vec::new();
    for (b, body) in bodies().into_iter().enumerate() {
        for suffix in ["00", "02", "03", "04", "05", "06", "08", "09"] {
            let mut body = body.clone();
            body["Callee"] = json!(format!("+861380013{b}0{suffix}"));
            let v = answer(&sim, "CreateAICall", &body).await;
            ids.push(v["Response"]["SessionId"].as_str().expect("id").to_owned());
        }
    }
    // Two hung up: one while it rings, one while it talks.
    sim.inner.clock.advance_ms(3_000);
    let first = ids.first().cloned().unwrap_or_default();
    answer(
        &sim,
        "HangUpCall",
        &json!({"SdkAppId": APP, "SessionId": first}),
    )
    .await;
    sim.inner.clock.advance_ms(9_000);
    let second = ids.get(8).cloned().unwrap_or_default();
    answer(
        &sim,
        "HangUpCall",
        &json!({"SdkAppId": APP, "SessionId": second}),
    )
    .await;
    // Every call ends within ten minutes; no tick runs, so every request is still whole.
    sim.inner.clock.advance_ms(600_000);
    assert!(tencent_requests(&sim).iter().all(Value::is_object));
    let before = every_answer(&sim, &ids, window).await;
    assert_eq!(before.len(), ids.len() * 7 + 3);

    let now = sim.now_ms();
    let pending = crate::vendors::compact_ended(&mut sim.inner.store(), now);
    assert_eq!(pending, 0);
    let compacted = tencent_requests(&sim);
    assert_eq!(compacted.len(), ids.len());
    for r in &compacted {
        let text = r.as_str().expect("compacted to text");
        // Credentials were never kept; what is left is a few facts, not the prompt.
        assert!(
            !text.contains("sk-test") && !text.contains("delivery slot"),
            "{text}"
        );
        assert!(text.len() < 600, "{text}");
    }
    let after = every_answer(&sim, &ids, window).await;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(serde_json::to_string(b).ok(), serde_json::to_string(a).ok());
    }

    // `--state`: the compacted store saves and restores, and answers the same again.
    sim.inner.save(&state).expect("save");
    drop(sim);
    let restored = start(Some(5), Some(&state)).await;
    assert_eq!(tencent_requests(&restored), compacted);
    assert!(restored.inner.store().compaction_due.is_empty());
    let again = every_answer(&restored, &ids, window).await;
    assert_eq!(
        serde_json::to_string(&again).ok(),
        serde_json::to_string(&before).ok()
    );
    drop(restored);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_tick_compacts_ended_calls_and_a_restore_requeues_live_ones() {
    let (dir, state) = fresh_state("callplane-sim-requeue");
    let sim = start(Some(5), None).await;
    let mut body = bodies().remove(0);
    for suffix in ["00", "02"] {
        body["Callee"] = json!(format!("+86138001380{suffix}"));
        answer(&sim, "CreateAICall", &body).await;
    }
    // 00 talks until 52 s, 02 rings out earlier: after 40 s only the second has ended.
    sim.advance_clock(40.0);
    let kinds: Vec<bool> = tencent_requests(&sim)
        .iter()
        .map(Value::is_string)
        .collect();
    assert_eq!(kinds, [false, true]);
    assert_eq!(sim.inner.store().compaction_due.len(), 1);
    // A live call saved whole is queued again on restore, and compacted once it ends.
    sim.inner.save(&state).expect("save");
    drop(sim);
    let restored = start(None, Some(&state)).await;
    assert_eq!(restored.inner.store().compaction_due.len(), 1);
    restored.advance_clock(60.0);
    assert!(tencent_requests(&restored).iter().all(Value::is_string));
    assert!(restored.inner.store().compaction_due.is_empty());
    drop(restored);
    let _ = std::fs::remove_dir_all(&dir);
}
