//! The sans-IO request layer: every vendor's build is signed so that the core's own verifiers (the
//! ones the simulator runs) accept it, a one-byte change is refused, validation errors stop a build,
//! and parsing maps answers and errors.

use callplane_core::api::aliyun::{AliyunClient, AliyunSignature};
use callplane_core::api::bland::{BlandClient, BlandRequest, Envelope};
use callplane_core::api::registry::{self, Client, Operation};
use callplane_core::api::tencent::TencentClient;
use callplane_core::api::{RequestContext, transport_error};
use callplane_core::http::HttpResponse;
use callplane_core::sign::acs3::Acs3Verifier;
use callplane_core::sign::aliyun_rpc::RpcVerifier;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Verifier};
use callplane_core::sign::{AliyunCredentials, InMemoryNonceStore, KeyRecord};
use callplane_core::vendor_error::{RetryClass, TransportFailure};
use callplane_core::{Error, IssueCode, tencent};
use serde_json::{Value, json};
use std::collections::HashMap;

const NOW_MS: i64 = 1_763_700_000_000; // 2025-11-21T04:40:00Z

fn ctx(nonce: &str) -> RequestContext {
    RequestContext::new(NOW_MS, nonce)
}

fn keys(id: &str, secret: &str) -> HashMap<String, KeyRecord> {
    HashMap::from([(id.to_owned(), KeyRecord::new(secret))])
}

fn create_ai_call() -> Value {
    json!({
        "SdkAppId": 1400000001u64,
        "Callee": "+8613800138000",
        "SystemPrompt": "You are Dr. Li from People's Hospital, calling about 小明's follow-up.",
        "LLMType": "openai",
        "Model": "gpt-4o-mini",
        "APIKey": "sk-proj-secret-value",
        "APIUrl": "https://api.openai.com/v1/",
        "VoiceType": "ZhiXi",
        "WelcomeMessage": "您好",
        "EndFunctionEnable": true
    })
}

fn tencent_client() -> TencentClient {
    TencentClient::new(Tc3Credentials::new("AKIDtest", "tc-secret"))
        .with_endpoint("http://127.0.0.1:4010")
}

#[test]
fn tencent_build_is_signed_verifiable_and_tamper_evident() {
    let client = Client::Tencent(tencent_client());
    let built = registry::build(
        Operation::TencentCreateAICall,
        &client,
        create_ai_call(),
        &ctx("n"),
    )
    .unwrap();
    let req = built.request;
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "http://127.0.0.1:4010/");
    assert_eq!(req.header("X-TC-Action"), Some("CreateAICall"));
    assert_eq!(req.header("X-TC-Version"), Some("2020-02-10"));
    assert_eq!(req.header("X-TC-Timestamp"), Some("1763700000"));
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    // The wire form of the callee (seed example: 0086…), the secret sent as the vendor needs it.
    assert_eq!(body["Callee"], "008613800138000");
    assert_eq!(body["APIKey"], "sk-proj-secret-value");

    let verifier = Tc3Verifier {
        service: Some("ccc".into()),
        ..Tc3Verifier::default()
    };
    let k = keys("AKIDtest", "tc-secret");
    let ok = verifier
        .verify(&req, &k, NOW_MS / 1000)
        .expect("the core's verifier accepts the core's signature");
    assert_eq!(ok.key_id, "AKIDtest");

    let mut tampered = req.clone();
    let i = tampered.body.iter().position(|b| *b == b'Z').unwrap();
    tampered.body[i] = b'Y';
    let err = verifier.verify(&tampered, &k, NOW_MS / 1000).unwrap_err();
    assert_eq!(err.vendor_code(), "AuthFailure.SignatureFailure");
    // Six minutes later the same request is outside Tencent's 5-minute window.
    let err = verifier.verify(&req, &k, NOW_MS / 1000 + 360).unwrap_err();
    assert_eq!(err.vendor_code(), "AuthFailure.SignatureExpire");
}

#[test]
fn invalid_input_is_refused_with_every_problem_and_nothing_built() {
    let client = Client::Tencent(tencent_client());
    let mut input = create_ai_call();
    input["Callee"] = json!("12");
    input["LLMType"] = json!("gpt");
    input["Colour"] = json!("blue");
    let err =
        registry::build(Operation::TencentCreateAICall, &client, input, &ctx("n")).unwrap_err();
    assert_eq!(err.code(), "validation_failed");
    let report = err.report().unwrap();
    let paths: Vec<&str> = report.errors().map(|i| i.path.as_str()).collect();
    assert!(paths.contains(&"Callee"), "{paths:?}");
    assert!(paths.contains(&"LLMType"), "{paths:?}");
    assert!(paths.contains(&"Colour"), "{paths:?}");
    // The secret never leaks into the error.
    assert!(!format!("{err} {err:?}").contains("sk-proj-secret-value"));
}

#[test]
fn tencent_parse_success_and_error() {
    let ok = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"Response":{"RequestId":"6bb56a09-2787-40bc-80c5-dc6dab783eff","SessionId":"6bb56a09278740bc80c5dc6dab783eff"}}"#.to_vec(),
    };
    let p = TencentClient::parse::<tencent::CreateAICall>(&ok).unwrap();
    assert_eq!(
        p.data.session_id.as_deref(),
        Some("6bb56a09278740bc80c5dc6dab783eff")
    );
    assert_eq!(
        p.request_id.as_deref(),
        Some("6bb56a09-2787-40bc-80c5-dc6dab783eff")
    );
    let via_registry = registry::parse(Operation::TencentCreateAICall, &ok).unwrap();
    assert_eq!(
        via_registry.data["SessionId"],
        "6bb56a09278740bc80c5dc6dab783eff"
    );

    let limited = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too many"},"RequestId":"r-9"}}"#.to_vec(),
    };
    match registry::parse(Operation::TencentCreateAICall, &limited).unwrap_err() {
        Error::Vendor(e) => {
            assert_eq!(e.vendor_code, "RequestLimitExceeded");
            assert_eq!(e.retry, RetryClass::Retryable);
            assert_eq!(e.request_id.as_deref(), Some("r-9"));
        }
        other => panic!("{other:?}"),
    }
}

fn batch_robot_smart_call() -> Value {
    json!({
        "CalledShowNumber": "057188773344",
        "CorpName": "阿里巴巴通信技术(北京)有限公司",
        "CalledNumber": "13900001111,13900002222",
        "DialogId": "1000029701",
        "TaskName": "批量外呼任务 A&B=1+1 100%",
        "TtsParamHead": "[\"name\"]",
        "TtsParam": "[{\"number\":\"13900001111\",\"params\":[\"小王\"]},{\"number\":\"13900002222\",\"params\":[\"小李\"]}]"
    })
}

#[test]
fn aliyun_v3_and_rpc_builds_verify_and_refuse_a_reused_nonce() {
    let creds = AliyunCredentials::new("LTAItest", "ali-secret");
    let k = keys("LTAItest", "ali-secret");
    for sig in [AliyunSignature::V3, AliyunSignature::RpcV1] {
        let client = Client::Aliyun(
            AliyunClient::new(creds.clone())
                .with_endpoint("http://127.0.0.1:4010")
                .with_signature(sig),
        );
        let built = registry::build(
            Operation::AliyunBatchRobotSmartCall,
            &client,
            batch_robot_smart_call(),
            &ctx("nonce-1"),
        )
        .unwrap();
        let req = built.request;
        let body = String::from_utf8(req.body.clone()).unwrap();
        assert!(
            body.contains("CalledNumber=13900001111%2C13900002222"),
            "{body}"
        );
        let nonces = InMemoryNonceStore::new(900);
        let now = NOW_MS / 1000;
        let verified = match sig {
            AliyunSignature::V3 => Acs3Verifier::default().verify(&req, &k, &nonces, now),
            AliyunSignature::RpcV1 => RpcVerifier::default().verify(&req, &k, &nonces, now),
        };
        assert_eq!(verified.expect("verifies").key_id, "LTAItest", "{sig:?}");
        let replay = match sig {
            AliyunSignature::V3 => Acs3Verifier::default().verify(&req, &k, &nonces, now),
            AliyunSignature::RpcV1 => RpcVerifier::default().verify(&req, &k, &nonces, now),
        };
        assert_eq!(
            replay.unwrap_err().vendor_code(),
            "SignatureNonceUsed",
            "{sig:?}"
        );
        // A changed callee list no longer matches the signature.
        let mut tampered = req.clone();
        tampered.body = body.replace("13900002222", "13900003333").into_bytes();
        let fresh = InMemoryNonceStore::new(900);
        let err = match sig {
            AliyunSignature::V3 => Acs3Verifier::default().verify(&tampered, &k, &fresh, now),
            AliyunSignature::RpcV1 => RpcVerifier::default().verify(&tampered, &k, &fresh, now),
        };
        assert_eq!(
            err.unwrap_err().vendor_code(),
            "SignatureDoesNotMatch",
            "{sig:?}"
        );
    }
}

#[test]
fn aliyun_business_errors_are_errors_whatever_the_status() {
    let resp = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"RequestId":"R1","Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"flow control"}"#
            .to_vec(),
    };
    let err = registry::parse(Operation::AliyunBatchRobotSmartCall, &resp).unwrap_err();
    assert_eq!(err.code(), "vendor_rate_limited");
    let ok = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"Code":"OK","Message":"OK","RequestId":"D9CB3933","TaskId":"4001112222"}"#
            .to_vec(),
    };
    let p = registry::parse(Operation::AliyunBatchRobotSmartCall, &ok).unwrap();
    assert_eq!(p.data["TaskId"], "4001112222");
    assert_eq!(p.request_id.as_deref(), Some("D9CB3933"));
}

#[test]
fn bland_requests_have_the_documented_shape() {
    let client =
        Client::Bland(BlandClient::new("sk-bland").with_endpoint("http://127.0.0.1:4010/"));
    let built = registry::build(
        Operation::BlandSendCall,
        &client,
        json!({"phone_number": "(415) 555-0100", "task": "Say hello", "webhook": "https://example.com/hook"}),
        &ctx("n"),
    )
    .unwrap();
    let req = built.request;
    assert_eq!(
        (req.method.as_str(), req.url.as_str()),
        ("POST", "http://127.0.0.1:4010/v1/calls")
    );
    assert_eq!(req.header("authorization"), Some("sk-bland"));
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["phone_number"], "+14155550100");

    let get = registry::build(
        Operation::BlandGetCall,
        &client,
        json!({"call_id": "a b/c"}),
        &ctx("n"),
    )
    .unwrap();
    assert_eq!(get.request.url, "http://127.0.0.1:4010/v1/calls/a%20b%2Fc");
    assert!(get.request.body.is_empty());

    let inbound = registry::build(
        Operation::BlandUpdateInbound,
        &client,
        json!({"phone_number": "3334445555", "prompt": "hi", "transfer_phone_number": null}),
        &ctx("n"),
    );
    // The page's own example: Bland's spelling rules make it +13334445555; libphonenumber knows
    // area code 333 is unassigned, which is a warning here (Bland assigned the inbound number).
    let inbound = inbound.unwrap();
    assert_eq!(
        inbound.request.url,
        "http://127.0.0.1:4010/v1/inbound/%2B13334445555"
    );
    let w: Vec<_> = inbound
        .warnings
        .warnings()
        .map(|i| (i.path.as_str(), i.code))
        .collect();
    assert_eq!(w, vec![("phone_number", IssueCode::PhoneInvalidForRegion)]);
    // A spelling Bland's rules refuse is an error.
    let bad = registry::build(
        Operation::BlandUpdateInbound,
        &client,
        json!({"phone_number": "32176540987", "prompt": "hi"}),
        &ctx("n"),
    );
    assert!(matches!(bad, Err(Error::Validation(_))));
    let inbound = registry::build(
        Operation::BlandUpdateInbound,
        &client,
        json!({"phone_number": "%2B14155550100", "prompt": "hi", "transfer_phone_number": null}),
        &ctx("n"),
    )
    .unwrap();
    assert_eq!(
        inbound.request.url,
        "http://127.0.0.1:4010/v1/inbound/%2B14155550100"
    );
    let body: Value = serde_json::from_slice(&inbound.request.body).unwrap();
    assert!(
        body["transfer_phone_number"].is_null()
            && body
                .as_object()
                .unwrap()
                .contains_key("transfer_phone_number")
    );

    let list = registry::build(
        Operation::BlandListCalls,
        &client,
        json!({"batch_id": "b-1", "limit": 10}),
        &ctx("n"),
    )
    .unwrap();
    assert!(
        list.request
            .url
            .starts_with("http://127.0.0.1:4010/v1/calls?"),
        "{}",
        list.request.url
    );
    assert!(list.request.url.contains("batch_id=b-1") && list.request.url.contains("limit=10"));
}

#[test]
fn bland_batch_validation_names_rows_and_variables() {
    let client = Client::Bland(BlandClient::new("k"));
    let err = registry::build(
        Operation::BlandCreateBatch,
        &client,
        json!({"base_prompt": "Hi {{name}}, about {{service}}", "call_data": [
            {"phone_number": "+14155550100", "name": "Ann", "service": "x"},
            {"phone_number": "+14155550101", "name": "Bo"}
        ]}),
        &ctx("n"),
    )
    .unwrap_err();
    let r = err.report().unwrap();
    let i = r
        .errors()
        .find(|i| i.code == IssueCode::MissingVariable)
        .unwrap();
    assert_eq!(i.path.as_str(), "call_data[1].service");
}

#[test]
fn bland_parse_reads_both_envelopes() {
    let v2 = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"data":{"batch_id":"8b8e8c57"},"errors":null}"#.to_vec(),
    };
    let p = registry::parse(Operation::BlandCreateBatchV2, &v2).unwrap();
    assert_eq!(p.data["batch_id"], "8b8e8c57");
    let typed = BlandClient::parse::<Value>(Envelope::Data, &v2).unwrap();
    assert_eq!(typed.data["batch_id"], "8b8e8c57");
    let err = HttpResponse {
        status: 429,
        headers: vec![],
        body: br#"{"status":"error","message":"This number is blacklisted."}"#.to_vec(),
    };
    match registry::parse(Operation::BlandSendCall, &err).unwrap_err() {
        Error::Vendor(e) => assert_eq!(
            (e.vendor_code.as_str(), e.retry),
            ("BLACKLISTED", RetryClass::Final)
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        BlandRequest::ListInbound
            .validate(&callplane_core::Context::at(0))
            .is_ok()
    );
}

#[test]
fn registry_names_vendors_and_call_creation() {
    let creating: Vec<&str> = Operation::ALL
        .iter()
        .filter(|o| o.creates_calls())
        .map(|o| o.name())
        .collect();
    assert_eq!(
        creating,
        vec![
            "bland.send_call",
            "bland.create_batch",
            "bland.create_batch_v2",
            "aliyun.BatchRobotSmartCall",
            "tencent.CreateAICall"
        ]
    );
    for op in Operation::ALL {
        assert_eq!(Operation::from_name(op.name()), Some(*op));
    }
    assert_eq!(Operation::from_name("bland.nope"), None);
    let wrong = registry::build(
        Operation::TencentCreateAICall,
        &Client::Bland(BlandClient::new("k")),
        json!({}),
        &ctx("n"),
    );
    assert!(matches!(wrong, Err(Error::Json { .. })));
}

#[test]
fn lost_answers_to_call_creation_are_ambiguous() {
    let e = transport_error(
        TransportFailure::NoResponse,
        Operation::TencentCreateAICall.creates_calls(),
        "timed out after 30 s",
    );
    assert_eq!(e.code(), "ambiguous_outcome");
    assert_eq!(e.retry_class(), Some(RetryClass::Ambiguous));
    assert!(e.to_string().contains("not retried"));
    let e = transport_error(
        TransportFailure::NoResponse,
        Operation::TencentDescribeTelCdr.creates_calls(),
        "timed out",
    );
    assert_eq!(e.retry_class(), Some(RetryClass::Retryable));
    let e = transport_error(TransportFailure::NotSent, true, "connection refused");
    assert_eq!(e.retry_class(), Some(RetryClass::Retryable));
}

#[test]
fn aliyun_call_records_come_back_as_objects_not_json_strings() {
    let resp = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"RequestId":"R","Code":"OK","Message":"OK","Data":"{\"state\":\"200000\",\"duration\":45,\"callee\":\"13800138000\"}"}"#.to_vec(),
    };
    let p = registry::parse(Operation::AliyunQueryCallDetailByTaskId, &resp).unwrap();
    assert_eq!(p.data["Data"]["state"], "200000");
    assert_eq!(p.data["Data"]["duration"], 45);
    // The raw body keeps the vendor's string form.
    assert!(p.raw["Data"].is_string());
    let empty = HttpResponse {
        status: 200,
        headers: vec![],
        body: br#"{"RequestId":"R","Code":"OK","Message":"OK","Data":""}"#.to_vec(),
    };
    assert!(
        registry::parse(Operation::AliyunQueryCallDetailByTaskId, &empty)
            .unwrap()
            .data["Data"]
            .is_null()
    );
}
