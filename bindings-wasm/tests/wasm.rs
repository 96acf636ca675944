//! The binding itself, inside a real JS engine: under Node (`wasm-bindgen-test-runner`) and under
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`). What is tested here is what only the binding
//! does: moving values across the boundary, turning errors into JS `Error`s, and the platform's
//! clock and randomness. The API's behaviour is tested by the core and by tests/js.
#![cfg(target_arch = "wasm32")]

use callplane_wasm as api;
use js_sys::{Array, BigInt, JSON, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// The error is a real `Error` named CallplaneError with `code`; returns it.
fn error_with_code(r: Result<JsValue, JsValue>, code: &str) -> JsValue {
    let e = r.expect_err("an error");
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "a real Error: {}",
        text(&e)
    );
    let err: &js_sys::Error = e.unchecked_ref();
    assert_eq!(String::from(err.name()), "CallplaneError");
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some(code),
        "{}",
        String::from(err.message())
    );
    e
}

#[wasm_bindgen_test]
fn results_are_plain_js_values() {
    let ops = api::operations().unwrap();
    assert!(Array::is_array(&ops));
    // One entry per operation the core's registry knows (32 with QueryRobotTaskList).
    let all = callplane_core::api::registry::Operation::ALL.len();
    assert_eq!(Array::from(&ops).length() as usize, all);
    assert!(all >= 32);
    let r = api::validate(
        "bland.sendCall".into(),
        json(r#"{"phoneNumber": "12", "task": "hi", "requestData": {"a_b": 1}}"#),
        None,
    )
    .unwrap();
    assert_eq!(get(&r, "ok"), JsValue::FALSE);
    let issue = Array::from(&get(&r, "issues")).get(0);
    // A plain object (JSON.parse), not a Map: property access works.
    assert!(issue.is_instance_of::<Object>());
    assert_eq!(
        get(&issue, "path").as_string().as_deref(),
        Some("phoneNumber")
    );
    assert_eq!(
        get(&issue, "code").as_string().as_deref(),
        Some("phone_too_short")
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_properties() {
    let e = error_with_code(
        api::normalize_phone("bland".into(), "12".into()),
        "phone_too_short",
    );
    assert!(get(&e, "issues").is_undefined());
    let e = error_with_code(
        api::render_template(JsValue::NULL, json("{}")),
        "validation_failed",
    );
    let issues = Array::from(&get(&e, "issues"));
    assert_eq!(
        get(&issues.get(0), "path").as_string().as_deref(),
        Some("template")
    );
    let e = error_with_code(
        api::parse_response(
            "tencent.createAICall".into(),
            json(
                r#"{"status":200,"body":"{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"x\"},\"RequestId\":\"r-1\"}}"}"#,
            ),
        ),
        "vendor_rate_limited",
    );
    assert_eq!(get(&e, "requestId").as_string().as_deref(), Some("r-1"));
    assert_eq!(
        get(&e, "retryClass").as_string().as_deref(),
        Some("retryable")
    );
    assert_eq!(get(&e, "httpStatus").as_f64(), Some(200.0));
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_typed_errors() {
    // A lone surrogate in a property value.
    let row = Object::new();
    let lone = JsString::from_char_code1(0xD800);
    Reflect::set(&row, &"v".into(), &lone).unwrap();
    let e = error_with_code(
        api::render_template("{{v}}".into(), row.into()),
        "invalid_json",
    );
    let message = String::from(e.unchecked_ref::<js_sys::Error>().message());
    assert!(message.contains("surrogate"), "{message}");
    // BigInt, a cycle, a function.
    let o = Object::new();
    Reflect::set(&o, &"n".into(), &BigInt::from(7u32).into()).unwrap();
    error_with_code(
        api::validate("bland.sendCall".into(), o.into(), None),
        "invalid_json",
    );
    let c = Object::new();
    Reflect::set(&c, &"self".into(), &c).unwrap();
    error_with_code(
        api::validate("bland.sendCall".into(), c.into(), None),
        "invalid_json",
    );
    let f = js_sys::Function::new_no_args("return 1");
    error_with_code(api::template_variables(f.into()), "invalid_json");
    // Omitted arguments are `undefined`, read as null.
    error_with_code(
        api::normalize_phone(JsValue::UNDEFINED, JsValue::UNDEFINED),
        "validation_failed",
    );
    // The module still works afterwards.
    let n = api::normalize_phone("tencent".into(), "13800138000".into()).unwrap();
    assert_eq!(
        get(&n, "wire").as_string().as_deref(),
        Some("008613800138000")
    );
}

#[wasm_bindgen_test]
fn the_platform_supplies_clock_and_nonce() {
    let creds = json(r#"{"vendor":"aliyun","accessKeyId":"LTAI","accessKeySecret":"s"}"#);
    let input = json(r#"{"callId":"c","prodId":11000000300006,"queryDate":1763700000000}"#);
    let nonces: Vec<String> = (0..2)
        .map(|_| {
            let built = api::build_request(
                "aliyun.queryCallDetailByCallId".into(),
                creds.clone(),
                input.clone(),
                None,
            )
            .unwrap();
            let headers = Array::from(&get(&built, "headers"));
            let nonce = headers
                .iter()
                .map(|h| Array::from(&h))
                .find(|h| h.get(0).as_string().as_deref() == Some("x-acs-signature-nonce"))
                .and_then(|h| h.get(1).as_string())
                .expect("nonce header");
            let date = headers
                .iter()
                .map(|h| Array::from(&h))
                .find(|h| h.get(0).as_string().as_deref() == Some("x-acs-date"))
                .and_then(|h| h.get(1).as_string())
                .expect("date header");
            // The clock is the platform's: this year, not 1970.
            assert!(!date.starts_with("1970"), "{date}");
            nonce
        })
        .collect();
    for n in &nonces {
        let b = n.as_bytes();
        assert_eq!((n.len(), b[8], b[14]), (36, b'-', b'4'), "{n}");
    }
    assert_ne!(nonces[0], nonces[1]);
}

#[wasm_bindgen_test]
fn a_large_batch_crosses_the_boundary() {
    let rows = Array::new();
    for i in 0..2000 {
        rows.push(&json(&format!(
            r#"{{"phoneNumber":"+1415555{:04}","name":"N{i}"}}"#,
            i
        )));
    }
    let batch = Object::new();
    Reflect::set(&batch, &"basePrompt".into(), &"Hi {{name}}".into()).unwrap();
    Reflect::set(&batch, &"callData".into(), &rows).unwrap();
    let out = api::preflight_bland_batch(batch.into(), None).unwrap();
    let summary = get(&out, "summary");
    assert_eq!(get(&summary, "ready").as_f64(), Some(2000.0));
    let last = Array::from(&get(&out, "rows")).get(1999);
    assert_eq!(
        get(&last, "prompt").as_string().as_deref(),
        Some("Hi N1999")
    );
}
