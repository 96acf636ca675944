//! The Tencent ccc side over real HTTP, driven by callplane's own `TencentClient`: every answer is
//! read back with the core's parser and every error classified through `vendor_error`.

mod cn_support;

use callplane_core::api::tencent::TencentClient;
use callplane_core::http::HttpResponse;
use callplane_core::tencent::end_status::{EndStatus, SessionStatus};
use callplane_core::tencent::lookups::{
    DescribeAIAnalysisResult, DescribeAICallExtractResult, DescribeAICallInteractionRecords,
    DescribeAILatency, DescribeSessionDetail, DescribeTelCdr, DescribeTelSession, HangUpCall,
    HungUpSide,
};
use callplane_core::tencent::{CreateAICall, Operation};
use callplane_core::vendor_error::{RetryClass, VendorErrorKind};
use callplane_sim::Simulator;
use callplane_sim::config::Limits;
use callplane_sim::faults::{FaultConfig, FaultRule};
use callplane_sim::state::CallFilter;
use cn_support::*;
use serde_json::{Value, json};

async fn sim() -> Simulator {
    Simulator::builder()
        .seed(5)
        .speed(0.0)
        .start()
        .await
        .unwrap()
}

fn create_body(callee: &str) -> Value {
    json!({
        "SdkAppId": APP,
        "Callee": callee,
        "SystemPrompt": "You are Mia from Acme. Confirm the delivery slot.",
        "LLMType": "openai",
        "Model": "gpt-4o-mini",
        "APIKey": "sk-test-not-stored",
        "APIUrl": "https://api.openai.com/v1/",
        "WelcomeMessage": "您好{{name}}，我是 Acme 的 Mia。",
        "Variables": [{"Key": "name", "Value": "王先生"}],
        "ExtractConfig": [
            {"InfoType": "Boolean", "InfoName": "confirmed", "InfoContent": "did the callee confirm"},
            {"InfoType": "Selector", "InfoName": "slot", "InfoContent": "which slot", "Choices": ["morning", "evening"]},
        ],
    })
}

async fn call<O: Operation>(client: &TencentClient, op: &O) -> HttpResponse {
    exchange(&client.build(op, &ctx()).expect("build").request).await
}

async fn create(client: &TencentClient, callee: &str) -> String {
    let op: CreateAICall = serde_json::from_value(create_body(callee)).unwrap();
    let resp = call(client, &op).await;
    TencentClient::parse::<CreateAICall>(&resp)
        .expect("CreateAICall")
        .data
        .session_id
        .expect("SessionId")
}

fn op<O: Operation>(v: Value) -> O {
    serde_json::from_value(v).unwrap()
}

fn window() -> (i64, i64) {
    let now = real_now_ms() / 1000;
    (now - 3600, now + 7 * 86_400)
}

async fn cdr(
    client: &TencentClient,
    session: &str,
) -> callplane_core::tencent::lookups::TelCdrInfo {
    let (s, e) = window();
    let resp = call(
        client,
        &op::<DescribeTelCdr>(
            json!({"SdkAppId": APP, "StartTimeStamp": s, "EndTimeStamp": e,
            "PageSize": 10, "PageNumber": 0, "SessionIds": [session]}),
        ),
    )
    .await;
    let out = TencentClient::parse::<DescribeTelCdr>(&resp)
        .expect("DescribeTelCdr")
        .data;
    assert_eq!(
        out.total_count,
        Some(1),
        "{}",
        String::from_utf8_lossy(&resp.body)
    );
    out.records()[0].clone()
}

async fn session_status(client: &TencentClient, session: &str) -> SessionStatus {
    let resp = call(
        client,
        &op::<DescribeTelSession>(json!({"SdkAppId": APP, "SessionId": session})),
    )
    .await;
    TencentClient::parse::<DescribeTelSession>(&resp)
        .expect("DescribeTelSession")
        .data
        .session
        .and_then(|s| s.session_status)
        .expect("SessionStatus")
}

#[tokio::test]
async fn a_completed_call_walks_its_states_and_every_lookup_reports_it() {
    let sim = sim().await;
    let c = tencent(&sim);
    let id = create(&c, "+8613800138000").await;
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));

    // Magic 00: queued 1 s, rings 6 s, talks 45 s.
    assert_eq!(session_status(&c, &id).await, SessionStatus::Ringing);
    sim.advance_clock(7.2);
    assert_eq!(session_status(&c, &id).await, SessionStatus::SeatJoining);
    sim.advance_clock(5.0);
    assert_eq!(session_status(&c, &id).await, SessionStatus::InProgress);
    sim.advance_clock(60.0);
    assert_eq!(session_status(&c, &id).await, SessionStatus::Finished);

    let rec = cdr(&c, &id).await;
    assert_eq!(rec.end_status, Some(EndStatus::Ok));
    assert_eq!(rec.end_status_string.as_deref(), Some("ok"));
    assert_eq!(rec.duration, Some(45));
    assert_eq!(rec.callee.as_deref(), Some("008613800138000"));
    assert_eq!(
        rec.accept_timestamp
            .zip(rec.ended_timestamp)
            .map(|(a, e)| e - a),
        Some(45)
    );
    assert!(rec.record_url.is_some());

    let (s, e) = window();
    let detail = call(
        &c,
        &op::<DescribeSessionDetail>(
            json!({"SdkAppId": APP, "SessionId": id, "StartTimestamp": s, "EndTimestamp": e}),
        ),
    )
    .await;
    let detail = TencentClient::parse::<DescribeSessionDetail>(&detail)
        .unwrap()
        .data;
    assert_eq!(detail.end_status, Some(EndStatus::Ok));
    assert_eq!(detail.hung_up_side, Some(HungUpSide::User));

    // The conversation opens with the call's real WelcomeMessage, variables filled.
    let rounds = call(
        &c,
        &op::<DescribeAICallInteractionRecords>(json!({"SdkAppId": APP, "SessionId": id})),
    )
    .await;
    let rounds = TencentClient::parse::<DescribeAICallInteractionRecords>(&rounds)
        .unwrap()
        .data
        .interaction_event_list
        .unwrap();
    assert_eq!(rounds.len(), 3, "45 s of talk, one round per 12 s");
    let first = &rounds[0].messages.as_ref().unwrap()[0];
    assert_eq!(
        first
            .ai_speak
            .as_ref()
            .and_then(|a| a.spoken_text.as_deref()),
        Some("您好王先生，我是 Acme 的 Mia。")
    );

    let aw = json!({"SdkAppId": APP, "SessionId": id, "StartTime": s, "EndTime": e});
    let extract = call(&c, &op::<DescribeAICallExtractResult>(aw.clone())).await;
    let extract = TencentClient::parse::<DescribeAICallExtractResult>(&extract)
        .unwrap()
        .data
        .result_list
        .unwrap();
    let names: Vec<_> = extract
        .iter()
        .map(|r| r.info_name.clone().unwrap())
        .collect();
    assert_eq!(names, ["confirmed", "slot"]);
    assert_eq!(extract[0].result.as_ref().unwrap().boolean, Some(true));
    let chosen = extract[1].result.as_ref().unwrap().chosen.clone().unwrap();
    assert!(chosen.len() == 1 && ["morning", "evening"].contains(&chosen[0].as_str()));

    let analysis = call(&c, &op::<DescribeAIAnalysisResult>(aw.clone())).await;
    let analysis = TencentClient::parse::<DescribeAIAnalysisResult>(&analysis)
        .unwrap()
        .data
        .result_list
        .unwrap();
    assert_eq!(analysis.len(), 3);

    let latency = call(&c, &op::<DescribeAILatency>(aw)).await;
    let latency = TencentClient::parse::<DescribeAILatency>(&latency)
        .unwrap()
        .data;
    let detail = latency.ai_latency_detail.unwrap();
    assert_eq!(detail.len(), 3);
    let ete = latency.ai_latency_statistics.unwrap().ete_latency.unwrap();
    assert!(ete.min_latency <= ete.middle_latency && ete.middle_latency <= ete.p90_latency);
}

#[tokio::test]
async fn magic_numbers_end_in_their_vendor_end_status() {
    let sim = sim().await;
    let c = tencent(&sim);
    // (suffix, EndStatus, HungUpSide)
    let cases = [
        ("00", EndStatus::Ok, HungUpSide::User),
        ("02", EndStatus::NotAnswer, HungUpSide::System),
        ("03", EndStatus::Busy, HungUpSide::System),
        ("04", EndStatus::NumberNotExist, HungUpSide::System),
        ("05", EndStatus::VoiceMailReached, HungUpSide::System),
        ("06", EndStatus::NotAnswer, HungUpSide::System),
        ("08", EndStatus::Ok, HungUpSide::User),
        ("09", EndStatus::PowerOff, HungUpSide::System),
    ];
    let mut ids = Vec::new();
    for (suffix, _, _) in &cases {
        ids.push(create(&c, &format!("+86138001380{suffix}")).await);
    }
    sim.advance_clock(120.0);
    for ((suffix, want, side), id) in cases.iter().zip(&ids) {
        let rec = cdr(&c, id).await;
        assert_eq!(rec.end_status, Some(*want), "suffix {suffix}");
        assert_eq!(
            rec.end_status_string.as_deref(),
            want.as_str(),
            "suffix {suffix}"
        );
        assert_eq!(rec.hung_up_side.as_ref(), Some(side), "suffix {suffix}");
        // The core reads the vendor code as the simulator's unified status.
        let unified = sim.calls(&CallFilter {
            to: Some(format!("+86138001380{suffix}")),
            ..Default::default()
        })[0]
            .status;
        assert_eq!(
            want.outcome().as_str(),
            unified.as_str(),
            "suffix {suffix}: core outcome vs simulator status"
        );
        let talked = matches!(suffix, &"00" | &"05" | &"08");
        assert_eq!(rec.accept_timestamp.is_some(), talked, "suffix {suffix}");
    }
    // Paging: 8 records, 3 per page, page 2 holds the last two.
    let (s, e) = window();
    let page = call(
        &c,
        &op::<DescribeTelCdr>(json!({"SdkAppId": APP, "StartTimeStamp": s, "EndTimeStamp": e, "PageSize": 3, "PageNumber": 2})),
    )
    .await;
    let page = TencentClient::parse::<DescribeTelCdr>(&page).unwrap().data;
    assert_eq!(page.total_count, Some(8));
    let got: Vec<_> = page
        .records()
        .iter()
        .map(|r| r.session_id.clone().unwrap())
        .collect();
    assert_eq!(got, ids[6..].to_vec());
    // Phones filter, in the records' 0086 form.
    let by_phone = call(
        &c,
        &op::<DescribeTelCdr>(json!({"SdkAppId": APP, "StartTimeStamp": s, "EndTimeStamp": e, "PageSize": 10, "PageNumber": 0, "Phones": ["008613800138003"]})),
    )
    .await;
    let by_phone = TencentClient::parse::<DescribeTelCdr>(&by_phone)
        .unwrap()
        .data;
    assert_eq!(by_phone.total_count, Some(1));
    assert_eq!(by_phone.records()[0].end_status, Some(EndStatus::Busy));
}

#[tokio::test]
async fn refused_callee_and_foreign_application_are_vendor_errors() {
    let sim = sim().await;
    let c = tencent(&sim);
    let op: CreateAICall = serde_json::from_value(create_body("+8613800138007")).unwrap();
    let e = vendor_error(TencentClient::parse::<CreateAICall>(&call(&c, &op).await));
    assert_eq!(e.vendor_code, "FailedOperation.CalleeIsBlackUser");
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::Blocked, RetryClass::Final)
    );
    assert!(sim.calls(&CallFilter::default()).is_empty());

    let mut body = create_body("+8613800138000");
    body["SdkAppId"] = json!(1_400_000_999);
    let op: CreateAICall = serde_json::from_value(body).unwrap();
    let e = vendor_error(TencentClient::parse::<CreateAICall>(&call(&c, &op).await));
    assert_eq!(e.vendor_code, "InvalidParameterValue.InstanceNotExist");
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::NotFound, RetryClass::Final)
    );

    let e = vendor_error(TencentClient::parse::<DescribeTelSession>(
        &call(&c, &op_session("0123456789abcdef0123456789abcdef")).await,
    ));
    assert_eq!(e.vendor_code, "InvalidParameterValue.RecordNotExist");
}

fn op_session(id: &str) -> DescribeTelSession {
    op(json!({"SdkAppId": APP, "SessionId": id}))
}

#[tokio::test]
async fn hang_up_cancels_a_live_call_once() {
    let sim = sim().await;
    let c = tencent(&sim);
    let id = create(&c, "+8613800138001").await;
    sim.advance_clock(10.0); // magic 01: answered at 5 s, talks 5 min
    let hang = op::<HangUpCall>(json!({"SdkAppId": APP, "SessionId": id}));
    TencentClient::parse::<HangUpCall>(&call(&c, &hang).await).expect("HangUpCall");
    assert_eq!(session_status(&c, &id).await, SessionStatus::Finished);
    let rec = cdr(&c, &id).await;
    assert_eq!(rec.end_status, Some(EndStatus::CallerCancel));
    assert_eq!(rec.duration, Some(5));
    let again = vendor_error(TencentClient::parse::<HangUpCall>(&call(&c, &hang).await));
    assert_eq!(again.vendor_code, "FailedOperation");

    // Hung up while ringing: callerCancelWhileRing.
    let ringing = create(&c, "+8613800138002").await;
    sim.advance_clock(3.0);
    let hang = op::<HangUpCall>(json!({"SdkAppId": APP, "SessionId": ringing}));
    TencentClient::parse::<HangUpCall>(&call(&c, &hang).await).unwrap();
    assert_eq!(
        cdr(&c, &ringing).await.end_status,
        Some(EndStatus::CallerCancelWhileRing)
    );
}

#[tokio::test]
async fn signature_failures_carry_tencent_codes_and_classify() {
    let sim = sim().await;
    let op: CreateAICall = serde_json::from_value(create_body("+8613800138000")).unwrap();
    let cases = [
        // (client, signing age in seconds, code, kind, retry)
        (
            tencent_with(&sim, "AKIDSimSecretId0001", "wrong-secret"),
            0,
            "AuthFailure.SignatureFailure",
            RetryClass::Final,
        ),
        (
            tencent(&sim),
            6 * 60,
            "AuthFailure.SignatureExpire",
            RetryClass::Retryable,
        ),
        (
            tencent(&sim),
            16 * 60,
            "AuthFailure.SignatureExpire",
            RetryClass::Retryable,
        ),
        (
            tencent_with(&sim, "AKIDNoSuchKey", "x"),
            0,
            "AuthFailure.SecretIdNotFound",
            RetryClass::Final,
        ),
    ];
    for (client, age, code, retry) in cases {
        let req = client.build(&op, &ctx_aged(age)).unwrap().request;
        let resp = exchange(&req).await;
        assert_eq!(resp.status, 200, "Tencent answers errors with HTTP 200");
        let e = vendor_error(TencentClient::parse::<CreateAICall>(&resp));
        assert_eq!(e.vendor_code, code, "age {age}");
        assert_eq!((e.kind, e.retry), (VendorErrorKind::Auth, retry), "{code}");
        assert!(e.request_id.is_some());
    }
    // Four minutes old is inside the five-minute window.
    let ok = exchange(&tencent(&sim).build(&op, &ctx_aged(4 * 60)).unwrap().request).await;
    assert!(TencentClient::parse::<CreateAICall>(&ok).is_ok());
    // No Authorization at all.
    let mut unsigned = tencent_raw(&sim, "CreateAICall", "{}");
    unsigned.remove_header("Authorization");
    let body = json(&exchange(&unsigned).await);
    assert_eq!(
        body["Response"]["Error"]["Code"],
        "AuthFailure.InvalidAuthorization"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_twenty_first_create_in_a_second_is_throttled_unless_limits_are_off() {
    for (limits, throttled) in [(Limits::default(), true), (Limits::off(), false)] {
        let sim = Simulator::builder()
            .speed(0.0)
            .limits(limits)
            .start()
            .await
            .unwrap();
        let c = tencent(&sim);
        let op: CreateAICall = serde_json::from_value(create_body("+8613800138000")).unwrap();
        let requests: Vec<_> = (0..21)
            .map(|_| c.build(&op, &ctx()).unwrap().request)
            .collect();
        // The first twenty at once (so the whole burst fits in a second even on a loaded
        // machine), then the twenty-first.
        let (first20, last) = requests.split_at(20);
        let handles: Vec<_> = first20
            .iter()
            .cloned()
            .map(|r| tokio::spawn(async move { exchange(&r).await }))
            .collect();
        let mut results = Vec::new();
        for h in handles {
            results.push(TencentClient::parse::<CreateAICall>(&h.await.unwrap()));
        }
        results.push(TencentClient::parse::<CreateAICall>(
            &exchange(&last[0]).await,
        ));
        let (last, first) = results.split_last().unwrap();
        assert!(first.iter().all(Result::is_ok));
        if throttled {
            let e = vendor_error(last.clone());
            assert_eq!(e.vendor_code, "RequestLimitExceeded");
            assert_eq!(
                (e.kind, e.retry),
                (VendorErrorKind::RateLimited, RetryClass::Retryable)
            );
            assert_eq!(sim.calls(&CallFilter::default()).len(), 20);
        } else {
            assert!(last.is_ok(), "{last:?}");
            assert_eq!(sim.calls(&CallFilter::default()).len(), 21);
        }
    }
}

#[tokio::test]
async fn bad_requests_get_tencent_errors_never_500() {
    let sim = Simulator::builder()
        .speed(0.0)
        .limits(Limits {
            max_body_bytes: 64 * 1024,
            ..Limits::default()
        })
        .start()
        .await
        .unwrap();
    let mut missing_callee = create_body("+8613800138000");
    missing_callee.as_object_mut().unwrap().remove("Callee");
    let mut unknown = create_body("+8613800138000");
    unknown["Colour"] = json!("blue");
    let mut wrong_type = create_body("+8613800138000");
    wrong_type["SdkAppId"] = json!("abc");
    let mut bad_value = create_body("+8613800138000");
    bad_value["Callee"] = json!("12");
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            b"{\"SdkAppId\": ".to_vec(),
            "InvalidParameter",
            "not valid JSON",
        ),
        (vec![b'{', 0xff, 0xfe, b'}'], "InvalidParameter", "UTF-8"),
        (b"[1,2]".to_vec(), "InvalidParameter", ""),
        (
            serde_json::to_vec(&missing_callee).unwrap(),
            "MissingParameter",
            "Callee",
        ),
        (
            serde_json::to_vec(&unknown).unwrap(),
            "UnknownParameter",
            "Colour",
        ),
        (
            serde_json::to_vec(&wrong_type).unwrap(),
            "InvalidParameter",
            "SdkAppId",
        ),
        (
            serde_json::to_vec(&bad_value).unwrap(),
            "InvalidParameterValue",
            "Callee",
        ),
    ];
    for (body, code, mentions) in cases {
        let resp = exchange(&tencent_raw(&sim, "CreateAICall", body.clone())).await;
        assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&body));
        let e = vendor_error(TencentClient::parse::<CreateAICall>(&resp));
        assert_eq!(
            e.vendor_code,
            code,
            "{}: {}",
            String::from_utf8_lossy(&body),
            e.message
        );
        assert!(e.message.contains(mentions), "{}", e.message);
        assert_eq!(e.kind, VendorErrorKind::InvalidRequest);
    }
    // Version and action.
    let mut v = tencent_raw(&sim, "CreateAICall", "{}");
    v.set_header("X-TC-Version", "2017-03-12");
    assert_eq!(
        json(&exchange(&v).await)["Response"]["Error"]["Code"],
        "NoSuchVersion"
    );
    let a = tencent_raw(&sim, "DescribeNothing", "{}");
    assert_eq!(
        json(&exchange(&a).await)["Response"]["Error"]["Code"],
        "InvalidAction"
    );
    // A body over the limit: 413 in Tencent's shape.
    let huge = tencent_raw(&sim, "CreateAICall", vec![b' '; 100 * 1024]);
    let resp = exchange(&huge).await;
    assert_eq!(resp.status, 413);
    assert_eq!(
        json(&resp)["Response"]["Error"]["Code"],
        "RequestSizeLimitExceeded"
    );
    assert!(sim.calls(&CallFilter::default()).is_empty());
}

#[tokio::test]
async fn faults_answer_in_tencent_shape_and_commit_then_time_out_creates_the_call() {
    let sim = sim().await;
    let c = tencent(&sim);
    let rule = |error_rate: f64, commit: f64| FaultRule {
        vendor: callplane_core::Vendor::Tencent,
        operation: "CreateAICall".into(),
        error_rate,
        error: Some("InternalError".into()),
        error_status: None,
        error_message: None,
        latency_ms: 0,
        commit_then_timeout_rate: commit,
        hang_ms: 100,
    };
    sim.set_faults(FaultConfig {
        rules: vec![rule(1.0, 0.0)],
    })
    .unwrap();
    let op: CreateAICall = serde_json::from_value(create_body("+8613800138000")).unwrap();
    let e = vendor_error(TencentClient::parse::<CreateAICall>(&call(&c, &op).await));
    assert_eq!(
        (e.vendor_code.as_str(), e.retry),
        ("InternalError", RetryClass::Retryable)
    );
    assert!(sim.calls(&CallFilter::default()).is_empty());

    sim.set_faults(FaultConfig {
        rules: vec![rule(0.0, 1.0)],
    })
    .unwrap();
    let req = c.build(&op, &ctx()).unwrap().request;
    assert!(try_exchange(&req).await.is_err(), "the answer is withheld");
    assert_eq!(
        sim.calls(&CallFilter::default()).len(),
        1,
        "but the call exists"
    );
}
