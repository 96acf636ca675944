//! The Alibaba dyvms side over real HTTP, driven by callplane's own `AliyunClient` with both
//! signatures: answers read back with the core's parser, errors classified through `vendor_error`.

mod cn_support;

use callplane_core::aliyun::time::cst_to_unix_ms;
use callplane_core::aliyun::{
    BatchRobotSmartCall, CallDetail, QueryCallDetailByCallId, QueryCallDetailByTaskId, RpcAction,
};
use callplane_core::api::aliyun::{AliyunClient, AliyunSignature};
use callplane_core::http::HttpResponse;
use callplane_core::vendor_error::{RetryClass, VendorErrorKind};
use callplane_sim::Simulator;
use callplane_sim::config::Limits;
use callplane_sim::faults::{FaultConfig, FaultRule};
use callplane_sim::lifecycle::Status;
use callplane_sim::state::CallFilter;
use cn_support::*;
use serde_json::{Value, json};

const SIGS: [AliyunSignature; 2] = [AliyunSignature::V3, AliyunSignature::RpcV1];

async fn sim() -> Simulator {
    Simulator::builder()
        .seed(3)
        .speed(0.0)
        .start()
        .await
        .unwrap()
}

fn batch(numbers: &[&str]) -> BatchRobotSmartCall {
    let entries: Vec<Value> = numbers
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"number": n, "params": [format!("客户{i}"), "宽带"]}))
        .collect();
    serde_json::from_value(json!({
        "CalledShowNumber": ["057188773344"],
        "CorpName": "Acme 科技",
        "CalledNumber": numbers,
        "DialogId": "100002970",
        "TaskName": "回访",
        "TtsParamHead": ["name", "product"],
        "TtsParam": entries,
    }))
    .unwrap()
}

async fn send<A: RpcAction>(client: &AliyunClient, action: &A) -> HttpResponse {
    exchange(&client.build(action, &ctx()).expect("build").request).await
}

async fn start(client: &AliyunClient, numbers: &[&str]) -> String {
    let resp = send(client, &batch(numbers)).await;
    let parsed = AliyunClient::parse::<BatchRobotSmartCall>(&resp).expect("BatchRobotSmartCall");
    assert_eq!(
        (parsed.data.code.as_str(), parsed.data.message.as_str()),
        ("OK", "OK")
    );
    parsed.data.task_id.expect("TaskId")
}

/// The raw `Data` string and its parsed document.
async fn detail(client: &AliyunClient, task: &str, callee: &str, date: i64) -> Option<CallDetail> {
    let q: QueryCallDetailByTaskId =
        serde_json::from_value(json!({"TaskId": task, "Callee": callee, "QueryDate": date}))
            .unwrap();
    let resp = send(client, &q).await;
    let raw = json(&resp);
    assert!(raw["Data"].is_string(), "Data is a JSON string: {raw}");
    AliyunClient::parse::<QueryCallDetailByTaskId>(&resp)
        .expect("QueryCallDetailByTaskId")
        .data
        .data
}

#[tokio::test]
async fn a_task_calls_each_callee_and_the_queries_report_vendor_status_codes() {
    for sig in SIGS {
        let sim = sim().await;
        let c = aliyun(&sim, sig);
        // (suffix, state, stateDesc fragment, answered)
        let cases = [
            ("00", "200000", "听完", true),
            ("01", "200000", "听完", true),
            ("02", "200003", "未接听", false),
            ("03", "200002", "占线", false),
            ("04", "200012", "呼损", false),
            ("05", "200000", "听完", true),
            ("06", "200003", "未接听", false),
            ("08", "200001", "提前挂机", true),
            ("09", "200010", "关机", false),
        ];
        let numbers: Vec<String> = cases
            .iter()
            .map(|(s, ..)| format!("138001380{s}"))
            .collect();
        let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let task = start(&c, &refs).await;
        assert!(task.bytes().all(|b| b.is_ascii_digit()), "{task}");
        let t0 = real_now_ms();
        let calls = sim.calls(&CallFilter {
            batch_id: Some(task.clone()),
            ..Default::default()
        });
        assert_eq!(calls.len(), cases.len(), "one call per callee");
        assert!(calls.iter().all(|v| v.status == Status::Queued));
        // Not dialled yet: dyvms has no record.
        assert!(detail(&c, &task, &numbers[0], t0).await.is_none());

        sim.advance_clock(5.0);
        let ringing = detail(&c, &task, &numbers[0], t0).await.expect("record");
        assert_eq!(ringing.state.as_ref().map(|s| s.raw()), Some("200201"));
        assert!(!ringing.state.unwrap().is_terminal());

        sim.advance_clock(400.0);
        for ((suffix, state, desc, answered), number) in cases.iter().zip(&numbers) {
            let d = detail(&c, &task, number, t0).await.expect("record");
            assert_eq!(
                d.status().map(|s| s.raw()),
                Some(*state),
                "{sig:?} {suffix}"
            );
            assert!(d.state_desc.as_deref().unwrap().contains(desc), "{suffix}");
            // The core reads the vendor code as the simulator's unified status (dyvms has no
            // voicemail code: a mailbox reads as an answered call).
            let unified = sim.calls(&CallFilter {
                to: Some(format!("+86{number}")),
                ..Default::default()
            })[0]
                .status;
            let core = d.status().and_then(|s| s.outcome()).map(|o| o.as_str());
            let want = if unified == Status::Voicemail {
                "completed"
            } else {
                unified.as_str()
            };
            assert_eq!(
                core,
                Some(want),
                "{sig:?} {suffix}: core outcome vs simulator status"
            );
            assert_eq!(d.callee.as_deref(), Some(number.as_str()));
            assert_eq!(d.callee_show_number.as_deref(), Some("057188773344"));
            assert_eq!(d.start_date.is_some(), *answered, "{suffix}");
            assert_eq!(d.has_recording(), *answered, "{suffix}");
            let end = d.end_unix_ms().unwrap().unwrap();
            let created = d.created_unix_ms().unwrap().unwrap();
            assert!(end > created);
            if *suffix == "00" {
                assert_eq!(d.duration, Some(45));
                let start = d.start_unix_ms().unwrap().unwrap();
                assert_eq!((end - start) / 1000, 45);
                // The dialog opens with the TTS variables of this callee's TtsParam row.
                let dialog = d.dialog_detail.as_ref().unwrap();
                let opening = dialog[0].content.as_deref().unwrap();
                assert_eq!(dialog[0].role.as_deref(), Some("robot"));
                for part in ["Acme 科技", "name：客户0", "product：宽带", "100002970"] {
                    assert!(opening.contains(part), "{opening}");
                }
                assert!(dialog.iter().any(|t| t.role.as_deref() == Some("custom")));
                assert!(cst_to_unix_ms(dialog[0].time.as_deref().unwrap()).is_ok());

                // The same call by CallId.
                let by_id: QueryCallDetailByCallId = serde_json::from_value(json!({
                    "CallId": d.call_id.clone().unwrap(), "ProdId": 11030000180001i64, "QueryDate": t0
                }))
                .unwrap();
                let rec = AliyunClient::parse::<QueryCallDetailByCallId>(&send(&c, &by_id).await)
                    .unwrap()
                    .data
                    .data
                    .expect("record by CallId");
                assert_eq!(rec.state.as_ref().map(|s| s.raw()), Some("200000"));
                assert_eq!(rec.duration, Some(45));
                assert!(rec.b_ring_time.is_some());
                // Another product: empty Data, as documented.
                let wrong: QueryCallDetailByCallId = serde_json::from_value(json!({
                    "CallId": d.call_id.clone().unwrap(), "ProdId": 11000000300006i64, "QueryDate": t0
                }))
                .unwrap();
                let r = AliyunClient::parse::<QueryCallDetailByCallId>(&send(&c, &wrong).await)
                    .unwrap();
                assert!(r.data.data.is_none());
            }
        }
        // Another day's QueryDate finds nothing.
        assert!(
            detail(&c, &task, &numbers[0], t0 - 2 * 86_400_000)
                .await
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_scheduled_task_is_placed_at_its_schedule_time() {
    let sim = sim().await;
    let c = aliyun(&sim, AliyunSignature::V3);
    let t0 = real_now_ms();
    let at = t0 + 3_600_000;
    let mut b = batch(&["13800138000"]);
    b.schedule_call = Some(true);
    b.schedule_time = Some(at);
    let resp = send(&c, &b).await;
    let task = AliyunClient::parse::<BatchRobotSmartCall>(&resp)
        .unwrap()
        .data
        .task_id
        .unwrap();
    let view = sim.calls(&CallFilter {
        batch_id: Some(task.clone()),
        ..Default::default()
    });
    assert_eq!(view[0].created_at, at);
    sim.advance_clock(600.0);
    assert_eq!(sim.calls(&CallFilter::default())[0].status, Status::Queued);
    // QueryDate is the task's day (the client cannot ask about its real future).
    assert!(detail(&c, &task, "13800138000", t0).await.is_none());
    sim.advance_clock(3_600.0);
    assert_eq!(
        sim.calls(&CallFilter::default())[0].status,
        Status::Completed
    );
    let d = detail(&c, &task, "13800138000", t0).await.unwrap();
    assert_eq!(d.status().map(|s| s.raw()), Some("200000"));
    assert!(d.created_unix_ms().unwrap().unwrap() >= at - 1000);
}

#[tokio::test]
async fn blacklisted_and_over_frequency_callees_refuse_the_task() {
    let sim = sim().await;
    let c = aliyun(&sim, AliyunSignature::RpcV1);
    let resp = send(&c, &batch(&["13800138000", "13800138007"])).await;
    assert_eq!(resp.status, 200);
    let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
    assert_eq!(e.vendor_code, "isv.BLACK_KEY_CONTROL_LIMIT");
    assert!(e.message.contains("13800138007"));
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::Blocked, RetryClass::Final)
    );
    assert!(
        sim.calls(&CallFilter::default()).is_empty(),
        "nothing is created"
    );

    // 1 per minute, 5 per hour per number (simulated clock).
    start(&c, &["13800138000"]).await;
    let resp = send(&c, &batch(&["13800138000"])).await;
    let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
    assert_eq!(e.vendor_code, "isv.BUSINESS_LIMIT_CONTROL");
    assert!(e.message.contains("minute"), "{}", e.message);
    assert_eq!(
        (e.kind, e.retry),
        (VendorErrorKind::RateLimited, RetryClass::Retryable)
    );
    for _ in 0..4 {
        sim.advance_clock(61.0);
        start(&c, &["13800138000"]).await;
    }
    sim.advance_clock(61.0);
    let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(
        &send(&c, &batch(&["13800138000"])).await,
    ));
    assert!(e.message.contains("hour"), "{}", e.message);
    assert_eq!(sim.calls(&CallFilter::default()).len(), 5);

    // With the limit off the same number can be called at once again.
    let free = Simulator::builder()
        .speed(0.0)
        .limits(Limits::off())
        .start()
        .await
        .unwrap();
    let c = aliyun(&free, AliyunSignature::V3);
    start(&c, &["13800138000"]).await;
    start(&c, &["13800138000"]).await;
}

#[tokio::test]
async fn validation_problems_answer_with_documented_codes() {
    let sim = sim().await;
    let many = mobiles(1001).join(",");
    let base = |extra: &[(&'static str, &str)]| {
        let mut p = vec![
            ("CalledShowNumber", "057188773344"),
            ("CorpName", "Acme"),
            ("CalledNumber", "13800138000"),
            ("DialogId", "100002970"),
            ("TaskName", "t"),
        ];
        for (k, v) in extra {
            p.retain(|(x, _)| x != k);
            if !v.is_empty() {
                p.push((k, v));
            }
        }
        p.into_iter()
            .map(|(k, v)| (k, v.to_owned()))
            .collect::<Vec<_>>()
    };
    // (parameters, HTTP status, code, message mentions)
    type Params = Vec<(&'static str, String)>;
    let cases: Vec<(Params, u16, &str, &str)> = vec![
        (
            base(&[("CalledNumber", &many)]),
            200,
            "isv.VOICE_ROBOT_CALLEE_LIMIT",
            "1001",
        ),
        (
            base(&[("CalledNumber", "12345")]),
            200,
            "isv.MOBILE_NUMBER_ILLEGAL",
            "CalledNumber",
        ),
        (
            base(&[("CalledShowNumber", "abc")]),
            200,
            "isv.DISPLAY_NUMBER_ILLEGAL",
            "CalledShowNumber",
        ),
        (
            base(&[("TaskName", &"长".repeat(31))]),
            200,
            "isv.PARAM_LENGTH_LIMIT",
            "TaskName",
        ),
        (
            base(&[("ScheduleCall", "maybe")]),
            200,
            "isv.INVALID_PARAMETERS",
            "ScheduleCall",
        ),
        (
            base(&[("TtsParam", "[{\"number\":")]),
            200,
            "isv.INVALID_PARAMETERS",
            "TtsParam",
        ),
        (
            base(&[("DialogId", "")]),
            400,
            "MissingDialogId",
            "DialogId is mandatory",
        ),
    ];
    for sig in SIGS {
        for (params, status, code, mentions) in &cases {
            let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let resp = exchange(&aliyun_raw(&sim, sig, "BatchRobotSmartCall", &p)).await;
            assert_eq!(
                resp.status,
                *status,
                "{code}: {}",
                String::from_utf8_lossy(&resp.body)
            );
            let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
            assert_eq!(e.vendor_code, *code, "{sig:?}: {}", e.message);
            assert!(e.message.contains(mentions), "{}", e.message);
            assert_eq!(
                (e.kind, e.retry),
                (VendorErrorKind::InvalidRequest, RetryClass::Final),
                "{code}"
            );
        }
    }
    assert!(sim.calls(&CallFilter::default()).is_empty());
}

#[tokio::test]
async fn signature_failures_carry_alibaba_codes_and_classify() {
    let sim = sim().await;
    let b = batch(&["13800138000"]);
    for sig in SIGS {
        // Wrong secret: 400 with the server's string to sign.
        let bad = aliyun_with(&sim, sig, "LTAI5tSimAccessKey0001", "wrong");
        let resp = exchange(&bad.build(&b, &ctx()).unwrap().request).await;
        assert_eq!(resp.status, 400);
        let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
        assert_eq!(e.vendor_code, "SignatureDoesNotMatch");
        assert!(
            e.message.contains("server string to sign is:"),
            "{}",
            e.message
        );
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Auth, RetryClass::Final)
        );
        assert_eq!(json(&resp)["HostId"], "dyvmsapi.aliyuncs.com");

        // Unknown key: 404.
        let nobody = aliyun_with(&sim, sig, "LTAI5tNobody", "x");
        let resp = exchange(&nobody.build(&b, &ctx()).unwrap().request).await;
        assert_eq!(resp.status, 404);
        let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
        assert_eq!(e.vendor_code, "InvalidAccessKeyId.NotFound");
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Auth, RetryClass::Final)
        );

        // Sixteen minutes old: expired; six minutes old: inside the 15-minute window.
        let c = aliyun(&sim, sig);
        let resp = exchange(&c.build(&b, &ctx_aged(16 * 60)).unwrap().request).await;
        let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
        assert_eq!(e.vendor_code, "InvalidTimeStamp.Expired");
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Auth, RetryClass::Retryable)
        );
        let q: QueryCallDetailByTaskId = serde_json::from_value(
            json!({"TaskId": "1", "Callee": "13800138000", "QueryDate": real_now_ms() - 600_000}),
        )
        .unwrap();
        let resp = exchange(&c.build(&q, &ctx_aged(6 * 60)).unwrap().request).await;
        assert!(AliyunClient::parse::<QueryCallDetailByTaskId>(&resp).is_ok());

        // The same signed request twice: the nonce was used.
        let once = c.build(&q, &ctx()).unwrap().request;
        assert!(AliyunClient::parse::<QueryCallDetailByTaskId>(&exchange(&once).await).is_ok());
        let resp = exchange(&once).await;
        assert_eq!(resp.status, 400);
        let e = vendor_error(AliyunClient::parse::<QueryCallDetailByTaskId>(&resp));
        assert_eq!(e.vendor_code, "SignatureNonceUsed");
        assert_eq!(
            (e.kind, e.retry),
            (VendorErrorKind::Auth, RetryClass::Retryable)
        );
    }
    // One nonce store for both schemes: a nonce used with V3 is refused with RPC v1.
    let fixed = ctx();
    let v3 = aliyun(&sim, AliyunSignature::V3);
    let rpc = aliyun(&sim, AliyunSignature::RpcV1);
    // QueryDate from the same instant as the signing context: a later clock read could be "in the
    // future" by a millisecond and fail validation.
    let q: QueryCallDetailByTaskId = serde_json::from_value(
        json!({"TaskId": "1", "Callee": "13800138000", "QueryDate": fixed.now_ms}),
    )
    .unwrap();
    assert_eq!(
        exchange(&v3.build(&q, &fixed).unwrap().request)
            .await
            .status,
        200
    );
    let e = vendor_error(AliyunClient::parse::<QueryCallDetailByTaskId>(
        &exchange(&rpc.build(&q, &fixed).unwrap().request).await,
    ));
    assert_eq!(e.vendor_code, "SignatureNonceUsed");
    assert!(sim.calls(&CallFilter::default()).is_empty());
}

#[tokio::test]
async fn unknown_apis_and_broken_bodies_get_alibaba_errors_never_500() {
    let sim = Simulator::builder()
        .speed(0.0)
        .limits(Limits {
            max_body_bytes: 64 * 1024,
            ..Limits::default()
        })
        .start()
        .await
        .unwrap();
    for sig in SIGS {
        let resp = exchange(&aliyun_raw(
            &sim,
            sig,
            "SingleCallByTts",
            &[("CalledNumber", "1")],
        ))
        .await;
        assert_eq!(resp.status, 404);
        let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
        assert_eq!(e.vendor_code, "InvalidApi.NotFound");
        assert_eq!(e.kind, VendorErrorKind::NotFound);

        // Not UTF-8, and a broken percent escape, in place of a signed form body (signers refuse
        // to sign either, so the body is swapped after signing).
        for body in [
            vec![b'C', b'a', b'l', b'l', b'e', b'd', b'N', b'=', 0xff],
            b"CalledNumber=%zz".to_vec(),
        ] {
            let mut req =
                aliyun_raw_body(&sim, sig, "BatchRobotSmartCall", b"CalledNumber=1".to_vec());
            req.body = body;
            let resp = exchange(&req).await;
            assert!(resp.status < 500, "{}", String::from_utf8_lossy(&resp.body));
            // V3 signs the body's hash, so the swap is a signature mismatch; RPC v1 signs the
            // decoded parameters, which cannot be decoded.
            let want = match sig {
                AliyunSignature::V3 => "SignatureDoesNotMatch",
                AliyunSignature::RpcV1 => "InvalidParameter.Format",
            };
            assert_eq!(json(&resp)["Code"], want);
            assert!(AliyunClient::parse::<BatchRobotSmartCall>(&resp).is_err());
        }

        // A malformed escape in the query (appended after signing): the gateway's 400, never a
        // 500, whatever the signature scheme.
        let mut req = aliyun_raw(&sim, sig, "BatchRobotSmartCall", &[("CalledNumber", "1")]);
        req.url.push_str(if req.url.contains('?') {
            "&x=%zz"
        } else {
            "?x=%zz"
        });
        let resp = exchange(&req).await;
        assert_eq!(resp.status, 400, "{}", String::from_utf8_lossy(&resp.body));
        let body = json(&resp);
        assert_eq!(body["Code"], "InvalidParameter.Format", "{body}");
        assert!(body["RequestId"].is_string() && body["HostId"].is_string());

        // Over the body limit: 413 in Alibaba's shape.
        let huge = aliyun_raw_body(&sim, sig, "BatchRobotSmartCall", vec![b'a'; 100 * 1024]);
        let resp = exchange(&huge).await;
        assert_eq!(resp.status, 413);
        assert_eq!(json(&resp)["Code"], "RequestEntityTooLarge");
    }
    assert!(sim.calls(&CallFilter::default()).is_empty());
}

#[tokio::test]
async fn faults_answer_in_alibaba_shapes_and_commit_then_time_out_creates_the_task() {
    let sim = sim().await;
    let c = aliyun(&sim, AliyunSignature::V3);
    let rule = |error: &str, error_rate: f64, commit: f64| FaultRule {
        vendor: callplane_core::Vendor::Aliyun,
        operation: "BatchRobotSmartCall".into(),
        error_rate,
        error: Some(error.into()),
        error_status: None,
        error_message: None,
        latency_ms: 0,
        commit_then_timeout_rate: commit,
        hang_ms: 100,
    };
    // A gateway code comes with its documented status and body; a business code with 200.
    for (code, status, kind) in [
        ("Throttling.User", 400, VendorErrorKind::RateLimited),
        ("isv.AMOUNT_NOT_ENOUGH", 200, VendorErrorKind::Payment),
        ("ServiceUnavailable", 503, VendorErrorKind::Server),
    ] {
        sim.set_faults(FaultConfig {
            rules: vec![rule(code, 1.0, 0.0)],
        })
        .unwrap();
        let resp = send(&c, &batch(&["13800138000"])).await;
        assert_eq!(resp.status, status, "{code}");
        assert_eq!(json(&resp).get("HostId").is_some(), status != 200, "{code}");
        let e = vendor_error(AliyunClient::parse::<BatchRobotSmartCall>(&resp));
        assert_eq!((e.vendor_code.as_str(), e.kind), (code, kind));
    }
    assert!(sim.calls(&CallFilter::default()).is_empty());
    sim.set_faults(FaultConfig {
        rules: vec![rule("InternalError", 0.0, 1.0)],
    })
    .unwrap();
    let req = c.build(&batch(&["13800138000"]), &ctx()).unwrap().request;
    assert!(try_exchange(&req).await.is_err());
    assert_eq!(sim.calls(&CallFilter::default()).len(), 1);
}

#[tokio::test]
async fn both_vendors_survive_a_state_file_round_trip_without_storing_the_llm_key() {
    let dir = std::env::temp_dir().join(format!("callplane-simcn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let (task, session) = {
        let sim = Simulator::builder()
            .speed(0.0)
            .state_file(&file)
            .start()
            .await
            .unwrap();
        let task = start(&aliyun(&sim, AliyunSignature::V3), &["13800138000"]).await;
        let t = tencent(&sim);
        let op: callplane_core::tencent::CreateAICall = serde_json::from_value(json!({
            "SdkAppId": APP, "Callee": "+8613800138001", "SystemPrompt": "p", "LLMType": "openai",
            "Model": "m", "APIKey": "sk-secret-llm-key", "APIUrl": "https://api.openai.com/v1/",
            "WelcomeMessage": "你好"
        }))
        .unwrap();
        let resp = exchange(&t.build(&op, &ctx()).unwrap().request).await;
        let session = callplane_core::api::tencent::TencentClient::parse::<
            callplane_core::tencent::CreateAICall,
        >(&resp)
        .unwrap()
        .data
        .session_id
        .unwrap();
        sim.advance_clock(90.0);
        sim.shutdown().await.unwrap();
        (task, session)
    };
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains(&session) && saved.contains(&task));
    assert!(
        !saved.contains("sk-secret-llm-key"),
        "the LLM key is not persisted"
    );

    let sim = Simulator::builder()
        .speed(0.0)
        .state_file(&file)
        .start()
        .await
        .unwrap();
    let d = detail(
        &aliyun(&sim, AliyunSignature::RpcV1),
        &task,
        "13800138000",
        real_now_ms(),
    )
    .await
    .expect("restored task");
    assert_eq!(d.status().map(|s| s.raw()), Some("200000"));
    let t = tencent(&sim);
    let op: callplane_core::tencent::lookups::DescribeTelSession =
        serde_json::from_value(json!({"SdkAppId": APP, "SessionId": session})).unwrap();
    let resp = exchange(&t.build(&op, &ctx()).unwrap().request).await;
    let s = callplane_core::api::tencent::TencentClient::parse::<
        callplane_core::tencent::lookups::DescribeTelSession,
    >(&resp)
    .unwrap()
    .data
    .session
    .unwrap();
    assert_eq!(
        s.session_status,
        Some(callplane_core::tencent::end_status::SessionStatus::InProgress)
    );
    drop(sim);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `QueryRobotTaskList` finds a task by its unique `TaskName` (how a campaign resolves a lost
/// BatchRobotSmartCall answer), filters by CST day and status, and pages from 1.
#[tokio::test]
async fn the_task_list_finds_tasks_by_name_day_and_status() {
    use callplane_core::aliyun::{QueryRobotTaskList, RobotTask};
    let s = sim().await;
    let c = aliyun(&s, AliyunSignature::V3);
    let mut named = batch(&["13800138000", "13800138001"]);
    named.task_name = Some("campaign-7:chunk:0".into());
    let resp = send(&c, &named).await;
    let task = AliyunClient::parse::<BatchRobotSmartCall>(&resp)
        .unwrap()
        .data
        .task_id
        .unwrap();
    let other = start(&c, &["13800138002"]).await;
    let list = |q: Value| {
        let c = c.clone();
        async move {
            let q: QueryRobotTaskList = serde_json::from_value(q).unwrap();
            let resp = send(&c, &q).await;
            assert!(json(&resp)["Data"].is_string(), "Data is JSON text");
            AliyunClient::parse::<QueryRobotTaskList>(&resp)
                .unwrap()
                .data
                .data
                .unwrap_or_default()
        }
    };
    let ids = |ts: &[RobotTask]| ts.iter().filter_map(|t| t.id.clone()).collect::<Vec<_>>();
    let found = list(json!({"TaskName": "campaign-7:chunk:0"})).await;
    assert_eq!(ids(&found), vec![task.clone()]);
    assert_eq!(found[0].total_count, Some(2));
    assert_eq!(found[0].robot_id.as_deref(), Some("100002970"));
    // The clock is frozen: nothing has ended yet.
    assert_eq!(found[0].status.as_deref(), Some("RUNNING"));
    assert!(
        list(json!({"TaskName": "campaign-7:chunk:1"}))
            .await
            .is_empty()
    );
    let day = found[0].create_time.clone().unwrap()[..10].to_owned();
    assert_eq!(
        ids(&list(json!({"Time": day})).await),
        vec![task.clone(), other.clone()]
    );
    assert!(list(json!({"Time": "2001-01-01"})).await.is_empty());
    assert_eq!(
        ids(&list(json!({"PageSize": 1, "PageNo": 2})).await),
        vec![other]
    );
    s.advance_clock(3_600.0);
    let done = list(json!({"TaskName": "campaign-7:chunk:0", "Status": "FINISHED"})).await;
    assert_eq!(ids(&done), vec![task]);
    assert_eq!(done[0].finish_count, Some(2));
    assert!(done[0].complete_time.is_some());
    // A bad day is refused with dyvms' code, naming the rule.
    let req = aliyun_raw(
        &s,
        AliyunSignature::V3,
        "QueryRobotTaskList",
        &[("Time", "2026-13-01")],
    );
    let raw = json(&exchange(&req).await);
    assert_eq!(raw["Code"], "isv.INVALID_PARAMETERS", "{raw}");
    assert!(
        raw["Message"].as_str().unwrap_or("").contains("yyyy-MM-dd"),
        "{raw}"
    );
}
