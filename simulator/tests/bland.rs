//! The Bland side over real HTTP: single calls, their lifecycle and derived details, errors in
//! Bland's shapes (classified by the core), limits, faults, inbound numbers, and the state file.
//! Batches and webhooks: `bland_batches.rs`.

mod bland_support;
mod common;

use bland_support::*;
use callplane_core::Vendor;
use callplane_core::api::bland::{BlandClient, BlandRequest, Envelope};
use callplane_core::bland::{
    AnalysisQuestion, AnalyzeRequest, CallDetails, InboundUpdateRequest, ListCallsQuery,
    SendCallRequest, SendCallResponse,
};
use callplane_core::vendor_error::{RetryClass, VendorErrorKind};
use callplane_sim::Simulator;
use callplane_sim::config::Limits;
use callplane_sim::faults::{FaultConfig, FaultRule};
use serde_json::{Map, Value, json};

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn send_call(to: &str) -> SendCallRequest {
    SendCallRequest {
        phone_number: Some(to.into()),
        task: Some("Remind {{name}} about the {{thing}} on Friday.".into()),
        request_data: Some(obj(json!({"name": "Ada", "thing": "dentist"}))),
        ..Default::default()
    }
}

async fn frozen() -> Simulator {
    Simulator::builder()
        .seed(3)
        .speed(0.0)
        .start()
        .await
        .unwrap()
}

async fn place(sim: &Simulator, req: SendCallRequest) -> String {
    let r = call(sim, BlandRequest::SendCall(req)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let parsed = BlandClient::parse::<SendCallResponse>(Envelope::Plain, &to_core(&r)).unwrap();
    assert_eq!(
        parsed.data.message.as_deref(),
        Some("Call successfully queued.")
    );
    parsed.data.call_id.expect("call_id")
}

async fn details(sim: &Simulator, id: &str) -> Value {
    let r = call(sim, BlandRequest::GetCall { call_id: id.into() }).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    // The core's model reads it.
    BlandClient::parse::<CallDetails>(Envelope::Plain, &to_core(&r)).unwrap();
    r.json()
}

#[tokio::test]
async fn a_call_lives_and_its_details_are_derived_from_the_request() {
    let sim = frozen().await;
    let mut req = send_call("+12015550100");
    req.analysis_schema = Some(obj(json!({
        "email_address": "email", "wants_appointment": "boolean", "budget": "number",
        "appointment_time": "YYYY-MM-DD HH:MM:SS", "name": "string", "day": "date"
    })));
    req.record = Some(true);
    req.metadata = Some(obj(json!({"crm_id": "abc"})));
    let id = place(&sim, req).await;

    let d = details(&sim, &id).await;
    assert_eq!(d["queue_status"], "new");
    assert_eq!(d["completed"], false);
    assert_eq!(d["status"], Value::Null);
    assert_eq!(d["transcripts"], json!([]));
    sim.advance_clock(3.0);
    let d = details(&sim, &id).await;
    assert_eq!(d["queue_status"], "started");
    assert!(d["started_at"].is_string());
    sim.advance_clock(120.0);
    let d = details(&sim, &id).await;
    assert_eq!(d["queue_status"], "complete");
    assert_eq!(d["status"], "completed");
    assert_eq!(d["answered_by"], "human");
    assert_eq!(d["completed"], true);
    assert_eq!(d["corrected_duration"], "45");
    assert_eq!(d["call_length"], 0.75);
    assert_eq!(d["error_message"], Value::Null);
    assert_eq!(d["metadata"], json!({"crm_id": "abc"}));
    assert!(d["recording_url"].as_str().unwrap().contains(&id));
    assert!(d["price"].as_f64().unwrap() >= 0.015);
    assert!(d["summary"].as_str().unwrap().contains("+12015550100"));
    // The transcript starts from the rendered prompt.
    let rendered = "Remind Ada about the dentist on Friday.";
    assert_eq!(d["transcripts"][0]["text"], rendered);
    assert_eq!(d["transcripts"][0]["user"], "assistant");
    assert!(
        d["concatenated_transcript"]
            .as_str()
            .unwrap()
            .starts_with(&format!("assistant: {rendered}"))
    );
    // Analysis values have the schema's types.
    let a = &d["analysis"];
    assert!(a["email_address"].as_str().unwrap().contains('@'));
    assert!(a["wants_appointment"].is_boolean());
    assert!(a["budget"].is_number());
    assert_eq!(
        a["name"], "Ada",
        "a known variable is what the callee confirmed"
    );
    let when = a["appointment_time"].as_str().unwrap();
    assert_eq!(when.len(), 19, "{when}");
    assert!(chrono_like(when), "{when}");
    assert_eq!(a["day"].as_str().unwrap().len(), 10);
}

fn chrono_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && s.chars().filter(char::is_ascii_digit).count() == 14
}

#[tokio::test]
async fn magic_numbers_reach_their_documented_terminal_states() {
    let sim = frozen().await;
    // suffix, status, answered_by, queue_status, error_message
    let table: &[(&str, &str, &str, &str, Option<&str>)] = &[
        ("00", "completed", "human", "complete", None),
        ("01", "completed", "human", "complete", None),
        ("02", "no-answer", "no-answer", "complete", None),
        (
            "03",
            "busy",
            "unknown",
            "complete",
            Some("Call failed. The number you dialed is busy. Please try again later."),
        ),
        (
            "04",
            "failed",
            "unknown",
            "call_error",
            Some("Call failed. The number you dialed is not found."),
        ),
        ("05", "completed", "voicemail", "complete", None),
        ("06", "no-answer", "no-answer", "complete", None),
        ("08", "completed", "human", "complete", None),
        (
            "09",
            "no-answer",
            "no-answer",
            "complete",
            Some("Call failed. The number you dialed is temporarily unavailable."),
        ),
    ];
    let mut ids = Vec::new();
    for (suffix, ..) in table {
        ids.push(place(&sim, send_call(&format!("+120155501{suffix}"))).await);
    }
    sim.advance_clock(400.0);
    for ((suffix, status, by, queue, err), id) in table.iter().zip(&ids) {
        let d = details(&sim, id).await;
        assert_eq!(d["status"], *status, "{suffix}");
        assert_eq!(d["answered_by"], *by, "{suffix}");
        assert_eq!(d["queue_status"], *queue, "{suffix}");
        assert_eq!(d["error_message"].as_str(), *err, "{suffix}");
        assert_eq!(d["completed"], true, "{suffix}");
    }
    // 08: the callee hung up after 5 s.
    let d = details(&sim, &ids[7]).await;
    assert_eq!(d["call_ended_by"], "USER");
    assert_eq!(d["corrected_duration"], "5");
}

#[tokio::test]
async fn blacklist_and_same_number_refusals_classify_through_the_core() {
    let sim = frozen().await;
    let r = call(&sim, BlandRequest::SendCall(send_call("+12015550107"))).await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.json(),
        json!({"status": "error", "message": "This number is blacklisted."})
    );
    let e = vendor_error(&r);
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::Blocked, RetryClass::Final)
    );

    place(&sim, send_call("+12015550100")).await;
    let r = call(&sim, BlandRequest::SendCall(send_call("+12015550100"))).await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.json()["message"],
        "Calls can only be sent every 10 seconds to the same number. Please try again in a few seconds."
    );
    let e = vendor_error(&r);
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::RateLimited, RetryClass::Retryable)
    );
    assert_eq!(e.retry_after_ms, Some(10_000));
    // The window counts simulated seconds.
    sim.advance_clock(9.0);
    assert_eq!(
        call(&sim, BlandRequest::SendCall(send_call("+12015550100")))
            .await
            .status,
        429
    );
    sim.advance_clock(1.0);
    place(&sim, send_call("+12015550100")).await;
}

#[tokio::test]
async fn concurrency_cap_refuses_single_calls_with_a_retryable_429() {
    let limits = Limits {
        bland_max_concurrent_calls: Some(2),
        ..Limits::default()
    };
    let sim = Simulator::builder()
        .speed(0.0)
        .limits(limits)
        .start()
        .await
        .unwrap();
    place(&sim, send_call("+12015550100")).await; // 52 s
    place(&sim, send_call("+12025550101")).await; // 305 s
    let r = call(&sim, BlandRequest::SendCall(send_call("+12035550100"))).await;
    assert_eq!(
        (r.status, r.json()["message"].clone()),
        (429, json!("Rate limit exceeded"))
    );
    let e = vendor_error(&r);
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::RateLimited, RetryClass::Retryable)
    );
    // A slot frees when the first call ends.
    sim.advance_clock(60.0);
    place(&sim, send_call("+12035550100")).await;
    // With the limit off, nothing is refused.
    let sim = Simulator::builder()
        .speed(0.0)
        .limits(Limits::off())
        .start()
        .await
        .unwrap();
    for _ in 0..3 {
        place(&sim, send_call("+12015550100")).await;
    }
}

#[tokio::test]
async fn list_stop_and_analyze_calls() {
    let sim = frozen().await;
    let a = place(&sim, send_call("+12015550101")).await;
    let b = place(&sim, send_call("+12025550100")).await;
    let list = |q: ListCallsQuery| call(&sim, BlandRequest::ListCalls(q));
    let all = list(ListCallsQuery::default()).await.json();
    assert_eq!(all["total_count"], 2);
    assert_eq!(all["calls"][0]["call_id"], json!(b), "newest first");
    let asc = list(ListCallsQuery {
        ascending: Some(true),
        limit: Some(1),
        ..Default::default()
    })
    .await
    .json();
    assert_eq!(
        (asc["count"].clone(), asc["calls"][0]["call_id"].clone()),
        (json!(1), json!(a))
    );
    let by_number = list(ListCallsQuery {
        to_number: Some("(202) 555-0100".into()),
        ..Default::default()
    })
    .await
    .json();
    assert_eq!(by_number["calls"][0]["call_id"], json!(b));
    assert_eq!(by_number["total_count"], 1);

    // Analyze refuses a live call; stop ends it as canceled.
    let q = AnalyzeRequest {
        goal: Some("Reminders".into()),
        questions: vec![Some(AnalysisQuestion(
            "Will they come?".into(),
            "boolean".into(),
        ))],
    };
    let r = call(
        &sim,
        BlandRequest::AnalyzeCall {
            call_id: a.clone(),
            request: q.clone(),
        },
    )
    .await;
    assert_eq!(r.status, 400);
    sim.advance_clock(20.0);
    let r = call(&sim, BlandRequest::StopCall { call_id: a.clone() }).await;
    assert_eq!(
        r.json(),
        json!({"status": "success", "message": "Call ended successfully."})
    );
    let d = details(&sim, &a).await;
    assert_eq!(
        (d["status"].clone(), d["completed"].clone()),
        (json!("canceled"), json!(true))
    );
    assert_eq!(
        call(&sim, BlandRequest::StopCall { call_id: a.clone() })
            .await
            .status,
        400
    );
    let done = list(ListCallsQuery {
        completed: Some(true),
        ..Default::default()
    })
    .await
    .json();
    assert_eq!(done["total_count"], 1);

    sim.advance_clock(60.0);
    let r = call(
        &sim,
        BlandRequest::AnalyzeCall {
            call_id: b.clone(),
            request: q,
        },
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(j["message"], "Successfully analyzed call");
    assert!(j["answers"][0].is_boolean());

    let missing = call(
        &sim,
        BlandRequest::GetCall {
            call_id: "nope".into(),
        },
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(vendor_error(&missing).kind, VendorErrorKind::NotFound);
}

#[tokio::test]
async fn errors_are_bland_shaped_and_never_500() {
    let sim = frozen().await;
    let url = |p: &str| format!("{}{p}", sim.url());
    // Auth: missing, unknown, Bearer.
    for auth in [None, Some("sk-wrong"), Some("Bearer sk-sim-bland-0001")] {
        let h: Vec<(&str, &str)> = auth.map(|a| vec![("authorization", a)]).unwrap_or_default();
        let r = common::send("GET", &url("/v1/calls"), &h, "").await;
        assert_eq!(r.status, 401, "{auth:?}");
        assert_eq!(
            r.json(),
            json!({"data": null, "errors": [{"error": "AUTH_FAILURE", "message": "Unauthorized"}]})
        );
        assert_eq!(vendor_error(&r).kind, VendorErrorKind::Auth);
    }
    // Unknown path and method.
    assert_eq!(raw(&sim, "GET", "/v1/nothing", "").await.status, 404);
    let r = raw(&sim, "DELETE", "/v1/calls", "").await;
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, POST")));
    let r = raw(&sim, "PUT", "/v2/batches/list", "").await;
    assert_eq!(r.status, 405);
    assert!(
        r.json()["errors"][0]["error"].is_string(),
        "v2 paths answer in the data envelope"
    );

    // Malformed bodies on every POST endpoint: 400 in the endpoint's envelope, never 500.
    let posts = [
        "/v1/calls",
        "/v1/calls/x/analyze",
        "/v1/batches",
        "/v1/batches/x/analyze",
        "/v2/batches/create",
        "/v1/inbound/%2B13334445555",
    ];
    let bodies: [&[u8]; 7] = [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1,2,3]",
        b"\"text\"",
        b"null",
        br#"{"phone_number": 12, "task": [], "max_duration": "ten", "call_data": {"x": 1}}"#,
        br#"{"global": 5, "call_objects": "no", "questions": [[1, 2]], "prompt": false}"#,
    ];
    for p in posts {
        for b in bodies {
            let r = raw(&sim, "POST", p, b.to_vec()).await;
            assert!(
                (400..500).contains(&r.status),
                "{p} {:?} → {} {}",
                String::from_utf8_lossy(b),
                r.status,
                String::from_utf8_lossy(&r.body)
            );
            let j = r.json();
            if p.starts_with("/v2") {
                assert!(j["errors"][0]["message"].is_string(), "{p}: {j}");
            } else if r.status == 400 {
                assert_eq!(j["status"], "error", "{p}: {j}");
            }
        }
    }
    // Validation lists the core's messages, all at once.
    let r = raw(
        &sim,
        "POST",
        "/v1/calls",
        r#"{"phone_number": "12", "max_duration": "ten", "bogus": 1}"#,
    )
    .await;
    assert_eq!(r.status, 400);
    let j = r.json();
    assert_eq!(j["message"], "Invalid parameters");
    let errors: Vec<String> = j["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect();
    for field in ["phone_number", "max_duration", "bogus", "task"] {
        assert!(
            errors.iter().any(|e| e.starts_with(field)),
            "{field} not in {errors:?}"
        );
    }
    let e = vendor_error(&r);
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::InvalidRequest, RetryClass::Final)
    );
    // Query types too.
    let r = raw(&sim, "GET", "/v1/calls?limit=ten&completed=maybe", "").await;
    assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(&r.body));
    let r = raw(&sim, "GET", "/v2/batches/list?take=0", "").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["errors"][0]["error"], "INVALID_INPUT");
}

#[tokio::test]
async fn faults_answer_in_blands_shape_and_commit_then_time_out() {
    let sim = frozen().await;
    let rule = |rate: f64, hang: f64| FaultRule {
        vendor: Vendor::Bland,
        operation: "POST /v1/calls".into(),
        error_rate: rate,
        error: None,
        error_status: Some(503),
        error_message: Some("Service unavailable".into()),
        latency_ms: 0,
        commit_then_timeout_rate: hang,
        hang_ms: 300,
    };
    sim.set_faults(FaultConfig {
        rules: vec![rule(1.0, 0.0)],
    })
    .unwrap();
    let r = call(&sim, BlandRequest::SendCall(send_call("+12015550100"))).await;
    assert_eq!(
        r.json(),
        json!({"status": "error", "message": "Service unavailable"})
    );
    let e = vendor_error(&r);
    assert_eq!(
        (e.http_status, e.kind, e.retry),
        (503, VendorErrorKind::Server, RetryClass::Retryable)
    );
    assert!(
        sim.calls(&Default::default()).is_empty(),
        "an injected error does no work"
    );
    // Other operations are untouched.
    assert_eq!(call(&sim, BlandRequest::ListInbound).await.status, 200);

    // Commit then time out: the call exists, the answer never comes.
    sim.set_faults(FaultConfig {
        rules: vec![rule(0.0, 1.0)],
    })
    .unwrap();
    let built = client(&sim)
        .build(
            &BlandRequest::SendCall(send_call("+12025550100")),
            &callplane_core::api::RequestContext::new(sim.now_ms(), "n"),
        )
        .unwrap()
        .request;
    let hyper_client: hyper_util::client::legacy::Client<_, http_body_util::Full<bytes::Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let mut req = hyper::Request::builder().method("POST").uri(&built.url);
    for (k, v) in &built.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let res = hyper_client
        .request(
            req.body(http_body_util::Full::new(bytes::Bytes::from(built.body)))
                .unwrap(),
        )
        .await;
    assert!(res.is_err(), "the connection must close without an answer");
    let calls = sim.calls(&Default::default());
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].to, "+12025550100");
}

#[tokio::test]
async fn inbound_numbers_follow_blands_path_rules() {
    let sim = frozen().await;
    let update = InboundUpdateRequest {
        phone_number: Some("3334445555".into()),
        prompt: Some("You answer for Acme.".into()),
        webhook: Some("https://example.com/hook".into()),
        max_duration: Some(12),
        ..Default::default()
    };
    let r = call(&sim, BlandRequest::UpdateInbound(update)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(j["message"], "Successfully updated number +13334445555.");
    assert_eq!(j["updates"]["prompt"], "You answer for Acme.");
    // Every documented spelling names the same number.
    for spelled in [
        "+13334445555",
        "%2B13334445555",
        "13334445555",
        "3334445555",
    ] {
        let r = raw(&sim, "GET", &format!("/v1/inbound/{spelled}"), "").await;
        assert_eq!(r.status, 200, "{spelled}");
        assert_eq!(r.json()["prompt"], "You answer for Acme.", "{spelled}");
    }
    // A pathway clears the prompt (and the other fields the page lists), not the webhook.
    let r = raw(
        &sim,
        "POST",
        "/v1/inbound/13334445555",
        r#"{"pathway_id": "pw-1"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let n = call(
        &sim,
        BlandRequest::GetInbound {
            phone_number: "+13334445555".into(),
        },
    )
    .await
    .json();
    assert_eq!(
        (
            n["pathway_id"].clone(),
            n["prompt"].clone(),
            n["webhook"].clone()
        ),
        (
            json!("pw-1"),
            Value::Null,
            json!("https://example.com/hook")
        )
    );
    // `""` clears a pathway (a Nullable field).
    let r = raw(
        &sim,
        "POST",
        "/v1/inbound/13334445555",
        r#"{"pathway_id": ""}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(
        raw(&sim, "GET", "/v1/inbound/13334445555", "").await.json()["pathway_id"],
        Value::Null
    );
    let list = call(&sim, BlandRequest::ListInbound).await.json();
    assert_eq!(list["inbound_numbers"].as_array().unwrap().len(), 1);
    // Bad numbers and unknown numbers.
    assert_eq!(raw(&sim, "GET", "/v1/inbound/12ab", "").await.status, 400);
    assert_eq!(
        raw(&sim, "POST", "/v1/inbound/555", r#"{"prompt": "x"}"#)
            .await
            .status,
        400
    );
    assert_eq!(
        raw(&sim, "GET", "/v1/inbound/+14155550123", "")
            .await
            .status,
        404
    );
    let r = raw(
        &sim,
        "POST",
        "/v1/inbound/3334445555",
        r#"{"language": "ENG", "webhook": "http://x.example"}"#,
    )
    .await;
    assert_eq!(r.status, 400, "http webhooks are refused as Bland does");
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("callplane-sim-bland-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let start = || Simulator::builder().speed(0.0).state_file(&file).start();
    let sim = start().await.unwrap();
    let id = place(&sim, send_call("+12015550100")).await;
    let batch = raw(&sim, "POST", "/v1/batches", r#"{"base_prompt": "Hi {{name}}", "call_data": [
        {"phone_number": "+12025550100", "name": "Bo"}, {"phone_number": "+12025550107", "name": "Cy"}]}"#).await.json();
    let batch_id = batch["batch_id"].as_str().unwrap().to_owned();
    raw(
        &sim,
        "POST",
        "/v1/inbound/3334445555",
        r#"{"prompt": "Hello"}"#,
    )
    .await;
    sim.advance_clock(120.0);
    let r = raw(
        &sim,
        "POST",
        &format!("/v1/batches/{batch_id}/analyze"),
        r#"{"questions": [["Name?", "string"]]}"#,
    )
    .await;
    assert_eq!(r.status, 200);
    let before = details(&sim, &id).await;
    let before_batch = raw(
        &sim,
        "GET",
        &format!("/v1/batches/{batch_id}?include_calls=true"),
        "",
    )
    .await
    .json();
    sim.shutdown().await.unwrap();

    let sim = start().await.unwrap();
    assert_eq!(details(&sim, &id).await, before);
    let after_batch = raw(
        &sim,
        "GET",
        &format!("/v1/batches/{batch_id}?include_calls=true"),
        "",
    )
    .await
    .json();
    assert_eq!(after_batch, before_batch);
    assert_eq!(
        after_batch["analysis"]["queue_statuses"]["pre_queue_error"], 1,
        "the blacklisted row is remembered"
    );
    let analysis = raw(&sim, "GET", &format!("/v1/batches/{batch_id}/analysis"), "")
        .await
        .json();
    assert_eq!(analysis["analysis"].as_array().unwrap().len(), 2);
    assert_eq!(
        raw(&sim, "GET", "/v1/inbound/3334445555", "").await.json()["prompt"],
        "Hello"
    );
    drop(sim);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_malformed_percent_escape_in_the_query_is_blands_400_not_a_500() {
    let sim = frozen().await;
    // v1 envelope.
    for path in [
        "/v1/calls?to_number=%zz",
        "/v1/calls?limit=1%",
        "/v1/batches?ascending=%E4%B8",
    ] {
        let r = raw(&sim, "GET", path, "").await;
        assert_eq!(r.status, 400, "{path}");
        let body = r.json();
        assert_eq!(body["status"], "error", "{path}: {body}");
        assert_eq!(body["message"], "Invalid parameters");
        assert!(
            body["errors"][0]
                .as_str()
                .is_some_and(|m| m.contains("does not decode")),
            "{body}"
        );
    }
    // v2 envelope.
    let r = raw(&sim, "GET", "/v2/batches/list?take=%g0", "").await;
    assert_eq!(r.status, 400);
    let body = r.json();
    assert_eq!(body["data"], Value::Null);
    assert_eq!(body["errors"][0]["error"], "INVALID_INPUT");
    // A well-formed query still works.
    assert_eq!(
        raw(&sim, "GET", "/v1/calls?to_number=%2B12015550100", "")
            .await
            .status,
        200
    );
}
