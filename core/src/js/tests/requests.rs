//! `validate`, `buildRequest` and `parseResponse` in JS names.

use super::{Fixed, NOW_MS, codes_paths, op};
use crate::http::HttpRequest;
use crate::js::{build_request, error_to_js, parse_response, validate};
use crate::sign::acs3::Acs3Verifier;
use crate::sign::tc3::Tc3Verifier;
use crate::sign::{InMemoryNonceStore, KeyRecord};
use serde_json::{Value, json};
use std::collections::HashMap;

fn create_ai_call() -> Value {
    json!({
        "sdkAppId": 1400000001u64,
        "callee": "+8613800138000",
        "systemPrompt": "You are Dr. Li, calling about {{name}}'s follow-up.",
        "llmType": "openai",
        "model": "gpt-4o-mini",
        "apiKey": "sk-proj-secret-value",
        "apiUrl": "https://api.openai.com/v1/",
        "customTtsConfig": {"ttsType": "tencent", "appId": 1300000000, "secretId": "AKIDtts", "secretKey": "tts-secret", "voiceType": 101001},
        "variables": [{"key": "name", "value": "小明"}],
        "toneWord": {"firstSentenceTimeout": 1.5, "zhToneWords": {"neutral": ["嗯"]}},
        "llmExtraBody": {"max_tokens": 256, "response_format": {"type": "text"}},
        "extra": {"SomeNewField": 1}
    })
}

fn tencent() -> Value {
    json!({"vendor": "tencent", "secretId": "AKIDtest", "secretKey": "tc-secret", "endpoint": "http://127.0.0.1:4010"})
}

fn request_of(built: &Value) -> HttpRequest {
    let mut req = HttpRequest::new(
        built["method"].as_str().unwrap(),
        built["url"].as_str().unwrap(),
    );
    for pair in built["headers"].as_array().unwrap() {
        req.push_header(pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
    }
    if let Some(b) = built["body"].as_str() {
        req.body = b.as_bytes().to_vec();
    }
    req
}

#[test]
fn tencent_build_maps_names_and_verifies() {
    let built = build_request(
        &op("tencent.createAICall"),
        tencent(),
        create_ai_call(),
        Value::Null,
        &Fixed,
    )
    .unwrap();
    assert_eq!(built["warnings"], json!([]));
    let req = request_of(&built);
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["SdkAppId"], 1400000001u64);
    assert_eq!(body["LLMType"], "openai");
    assert_eq!(body["APIKey"], "sk-proj-secret-value");
    assert_eq!(body["Variables"], json!([{"Key": "name", "Value": "小明"}]));
    assert_eq!(
        body["ToneWord"],
        json!({"FirstSentenceTimeout": 1.5, "ZHToneWords": {"Neutral": ["嗯"]}})
    );
    // Free-form: the LLM's own field names and `extra` keys travel as given.
    let extra_body: Value = serde_json::from_str(body["LLMExtraBody"].as_str().unwrap()).unwrap();
    assert_eq!(
        extra_body,
        json!({"max_tokens": 256, "response_format": {"type": "text"}})
    );
    assert_eq!(body["SomeNewField"], 1);
    let tts: Value = serde_json::from_str(body["CustomTTSConfig"].as_str().unwrap()).unwrap();
    assert_eq!(tts["TTSType"], "tencent");
    assert_eq!(tts["AppId"], "1300000000");

    let verifier = Tc3Verifier {
        service: Some("ccc".into()),
        ..Tc3Verifier::default()
    };
    let keys = HashMap::from([("AKIDtest".to_owned(), KeyRecord::new("tc-secret"))]);
    verifier
        .verify(&req, &keys, NOW_MS / 1000)
        .expect("TC3 signature verifies");
}

#[test]
fn validation_paths_are_js_paths() {
    let mut input = create_ai_call();
    input["callee"] = json!("12");
    input["llmType"] = json!("gpt");
    input["customTtsConfig"] = json!({"ttsType": "tencent", "secretId": "x", "secretKey": "y"});
    input["transferItems"] = json!([{"transferFunctionName": "a", "TransferFunctionDesc": "b"}]);
    input["colour"] = json!("blue");
    let v = validate(
        &op("tencent.createAICall"),
        input.clone(),
        json!({"nowMs": NOW_MS}),
        &Fixed,
    )
    .unwrap();
    assert_eq!(v["ok"], false);
    let got = codes_paths(&v["issues"]);
    for want in [
        ("unknown_field", "transferItems[0].TransferFunctionDesc"),
        ("unknown_field", "colour"),
        ("required", "customTtsConfig.appId"),
        ("invalid_enum", "llmType"),
    ] {
        assert!(
            got.iter().any(|(c, p)| (c.as_str(), p.as_str()) == want),
            "{want:?} in {got:?}"
        );
    }
    assert!(got.iter().any(|(_, p)| p == "callee"), "{got:?}");
    // A wire name in JS input says which name to write.
    let wire_name = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "transferItems[0].TransferFunctionDesc")
        .unwrap();
    assert!(
        wire_name["message"]
            .as_str()
            .unwrap()
            .contains("write `transferFunctionDesc`")
    );

    // buildRequest refuses the same input with the same issues, and no secret in the error.
    let e = build_request(
        &op("tencent.createAICall"),
        tencent(),
        input,
        Value::Null,
        &Fixed,
    )
    .unwrap_err();
    let js = error_to_js(&e);
    assert_eq!(js["code"], "validation_failed");
    assert_eq!(codes_paths(&js["issues"]), got);
    let text = js.to_string();
    for secret in ["sk-proj-secret-value", "tc-secret", "\"y\""] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn bland_batch_paths_keep_variables() {
    let batch = json!({
        "basePrompt": "Call {{name}} about {{business}}",
        "callData": [
            {"phoneNumber": "+1 415 555 2671", "name": "Ann", "business": "Acme"},
            {"phoneNumber": "12", "name": "Bob"},
            {"phone_number": "+14155552672", "name": "Cy", "business": "X"}
        ],
        "requestData": {"shared_key": 1},
        "maxDuration": 12
    });
    let v = validate(&op("bland.createBatch"), batch, Value::Null, &Fixed).unwrap();
    let got = codes_paths(&v["issues"]);
    for want in [
        ("unknown_field", "callData[2].phone_number"),
        ("missing_variable", "callData[1].business"),
        ("required", "callData[2].phoneNumber"),
    ] {
        assert!(
            got.iter().any(|(c, p)| (c.as_str(), p.as_str()) == want),
            "{want:?} in {got:?}"
        );
    }
    assert!(
        got.iter()
            .any(|(c, p)| c.starts_with("phone_") && p == "callData[1].phoneNumber"),
        "{got:?}"
    );
}

#[test]
fn bland_build_sends_wire_names_and_free_form_as_given() {
    let creds =
        json!({"vendor": "bland", "apiKey": "sk-bland", "endpoint": "http://127.0.0.1:4010/"});
    let input = json!({
        "phoneNumber": "(415) 555-2671",
        "task": "Say hi",
        "requestData": {"customer_name": "Ann", "OrderId": 7},
        "metadata": {"campaignId": "c", "row_no": 3},
        "voicemail": {"action": "leave_message", "message": "hi", "sms": {"to": "+14155552671", "message": "x"}},
        "pronunciationGuide": [{"word": "Acme", "pronunciation": "ak-mee", "caseSensitive": "false"}],
        "transferList": {"sales_team": "+14155552672"},
        "waitForGreeting": true
    });
    let built = build_request(
        &op("bland.sendCall"),
        creds,
        input,
        json!({"nowMs": NOW_MS, "nonce": "n"}),
        &Fixed,
    )
    .unwrap();
    assert_eq!(built["method"], "POST");
    assert_eq!(built["url"], "http://127.0.0.1:4010/v1/calls");
    assert!(
        built["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == &json!(["authorization", "sk-bland"])),
        "{}",
        built["headers"]
    );
    let body: Value = serde_json::from_str(built["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["phone_number"], "+14155552671");
    assert_eq!(
        body["request_data"],
        json!({"customer_name": "Ann", "OrderId": 7})
    );
    assert_eq!(body["metadata"], json!({"campaignId": "c", "row_no": 3}));
    assert_eq!(body["voicemail"]["action"], "leave_message");
    assert_eq!(body["pronunciation_guide"][0]["case_sensitive"], "false");
    assert_eq!(body["transfer_list"], json!({"sales_team": "+14155552672"}));
    assert_eq!(body["wait_for_greeting"], true);
    let get = build_request(
        &op("bland.getCall"),
        json!({"vendor": "bland", "apiKey": "k"}),
        json!({"callId": "c/1"}),
        Value::Null,
        &Fixed,
    )
    .unwrap();
    assert_eq!(get["url"], "https://api.bland.ai/v1/calls/c%2F1");
    assert_eq!(get["body"], Value::Null);
}

#[test]
fn aliyun_build_verifies_and_uses_the_nonce() {
    let creds = json!({"vendor": "aliyun", "accessKeyId": "LTAItest", "accessKeySecret": "ali-secret", "endpoint": "http://127.0.0.1:4010"});
    let input = json!({
        "calledShowNumber": ["057188773344"],
        "calledNumber": ["13900001111", "13900002222"],
        "dialogId": "1000029701",
        "taskName": "task",
        "isSelfLine": true,
        "ttsParamHead": ["name"],
        "ttsParam": [{"number": "13900001111", "params": ["小王"]}, {"number": "13900002222", "params": ["小李"]}]
    });
    let built = build_request(
        &op("aliyun.batchRobotSmartCall"),
        creds,
        input,
        json!({"nowMs": NOW_MS, "nonce": "nonce-7"}),
        &Fixed,
    )
    .unwrap();
    let req = request_of(&built);
    assert!(
        built["body"]
            .as_str()
            .unwrap()
            .contains("CalledNumber=13900001111%2C13900002222")
    );
    assert_eq!(req.header("x-acs-signature-nonce"), Some("nonce-7"));
    let keys = HashMap::from([("LTAItest".to_owned(), KeyRecord::new("ali-secret"))]);
    Acs3Verifier::default()
        .verify(&req, &keys, &InMemoryNonceStore::new(900), NOW_MS / 1000)
        .expect("ACS3 signature verifies");
    // Without a nonce in the options, the host's is used.
    let again = build_request(&op("aliyun.queryCallDetailByCallId"), json!({"vendor": "aliyun", "accessKeyId": "a", "accessKeySecret": "b", "signature": "rpc_v1"}), json!({"callId": "c", "prodId": 11000000300006u64, "queryDate": NOW_MS}), Value::Null, &Fixed).unwrap();
    assert!(
        again["url"]
            .as_str()
            .unwrap()
            .contains("SignatureNonce=11111111-2222-4333-8444-555555555555"),
        "{}",
        again["url"]
    );
}

#[test]
fn credential_problems_are_all_reported_without_values() {
    let e = build_request(
        &op("tencent.createAICall"),
        json!({"vendor": "tencent", "secretKey": 42, "tokn": "sts-value"}),
        create_ai_call(),
        Value::Null,
        &Fixed,
    )
    .unwrap_err();
    let js = error_to_js(&e);
    assert_eq!(
        codes_paths(&js["issues"]),
        [
            ("required".to_owned(), "credentials.secretId".to_owned()),
            (
                "invalid_type".to_owned(),
                "credentials.secretKey".to_owned()
            ),
            ("unknown_field".to_owned(), "credentials.tokn".to_owned()),
        ]
    );
    assert!(
        !js.to_string().contains("sts-value") && !js.to_string().contains("42"),
        "{js}"
    );
    let e = build_request(
        &op("bland.sendCall"),
        tencent(),
        json!({}),
        Value::Null,
        &Fixed,
    )
    .unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "credentials.vendor");
    let e = build_request(
        &op("bland.sendCall"),
        Value::Null,
        json!({}),
        Value::Null,
        &Fixed,
    )
    .unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "credentials");
    let e = build_request(
        &op("aliyun.batchRobotSmartCall"),
        json!({"vendor": "aliyun", "accessKeyId": "a", "accessKeySecret": "b", "signature": "v2"}),
        json!({}),
        Value::Null,
        &Fixed,
    )
    .unwrap_err();
    assert_eq!(
        error_to_js(&e)["issues"][0]["path"],
        "credentials.signature"
    );
}

#[test]
fn parse_maps_data_and_keeps_raw() {
    let body = json!({
        "call_id": "c1", "call_length": 1.5, "to": "+14155552671",
        "variables": {"first_name": "Ann", "OrderId": 7},
        "metadata": {"row_no": 3},
        "request_data": {"customer_name": "Ann", "Tier": {"gold_level": 1}},
        "analysis": {"did_they_agree": true},
        "analysis_schema": {"did_they_agree": "boolean"},
        "transcripts": [{"id": 1, "user": "assistant", "text": "hi", "created_at": "2025-11-21T04:40:00Z"}],
        "brand_new_field": {"nested_key": 1}
    });
    let v = parse_response(
        &op("bland.getCall"),
        json!({"status": 200, "headers": {"x-request-id": "rq-1"}, "body": body.to_string()}),
    )
    .unwrap();
    assert_eq!(v["httpStatus"], 200);
    assert_eq!(v["requestId"], "rq-1");
    assert_eq!(v["raw"], body);
    let d = &v["data"];
    assert_eq!(d["callId"], "c1");
    assert_eq!(d["variables"], json!({"first_name": "Ann", "OrderId": 7}));
    assert_eq!(d["metadata"], json!({"row_no": 3}));
    // User data keeps its keys, however deep.
    for (js, wire) in [
        ("requestData", "request_data"),
        ("analysis", "analysis"),
        ("analysisSchema", "analysis_schema"),
    ] {
        assert_eq!(d[js], body[wire], "{js}");
    }
    assert_eq!(d["transcripts"][0]["createdAt"], "2025-11-21T04:40:00Z");
    assert_eq!(d["brandNewField"], json!({"nestedKey": 1}));

    let t = parse_response(&op("tencent.createAICall"), json!({"status": 200, "headers": [["content-type", "application/json"]], "body": r#"{"Response":{"RequestId":"r-1","SessionId":"s-1"}}"#})).unwrap();
    assert_eq!(t["data"]["sessionId"], "s-1");
    assert_eq!(t["requestId"], "r-1");
}

#[test]
fn vendor_errors_become_one_shape() {
    let e = parse_response(&op("tencent.createAICall"), json!({"status": 200, "body": r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too many"},"RequestId":"r-9"}}"#})).unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(v["code"], "vendor_rate_limited");
    assert_eq!(v["vendor"], "tencent");
    assert_eq!(v["vendorCode"], "RequestLimitExceeded");
    assert_eq!(v["requestId"], "r-9");
    assert_eq!(v["retryClass"], "retryable");
    assert_eq!(v["httpStatus"], 200);

    let e = parse_response(&op("aliyun.batchRobotSmartCall"), json!({"status": 200, "body": r#"{"RequestId":"R1","Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"flow control"}"#})).unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(
        (
            v["code"].as_str(),
            v["vendor"].as_str(),
            v["requestId"].as_str()
        ),
        (Some("vendor_rate_limited"), Some("aliyun"), Some("R1"))
    );

    let e = parse_response(
        &op("bland.sendCall"),
        json!({"status": 401, "body": r#"{"status":"error","message":"Invalid API key"}"#}),
    )
    .unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(
        (
            v["vendor"].as_str(),
            v["httpStatus"].as_u64(),
            v["retryClass"].as_str()
        ),
        (Some("bland"), Some(401), Some("final"))
    );

    let e = parse_response(
        &op("bland.sendCall"),
        json!({"status": 502, "body": "<html>bad gateway</html>"}),
    )
    .unwrap_err();
    assert_eq!(error_to_js(&e)["retryClass"], "retryable");
    let e = parse_response(
        &op("bland.sendCall"),
        json!({"status": 200, "body": "not json"}),
    )
    .unwrap_err();
    assert_eq!(error_to_js(&e)["code"], "invalid_json");
}

#[test]
fn bad_response_arguments_are_typed() {
    for (resp, path) in [
        (Value::Null, "response"),
        (json!({"body": "{}"}), "response.status"),
        (json!({"status": 99, "body": "{}"}), "response.status"),
        (json!({"status": "200", "body": "{}"}), "response.status"),
        (
            json!({"status": 200, "headers": [["a"]], "body": "{}"}),
            "response.headers[0]",
        ),
        (
            json!({"status": 200, "headers": {"a": 1}}),
            "response.headers.a",
        ),
        (json!({"status": 200, "bdy": "{}"}), "response.bdy"),
    ] {
        let e = parse_response(&op("bland.getCall"), resp.clone()).unwrap_err();
        let v = error_to_js(&e);
        assert_eq!(v["issues"][0]["path"], path, "{resp}: {v}");
    }
}
