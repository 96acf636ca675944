//! The binding itself, inside a real JS engine: under Node (`wasm-bindgen-test-runner`) and under
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`). What is tested here is what only the binding
//! does: moving values across the boundary, turning errors into JS `Error`s, and the platform's
//! clock and randomness. The API's behaviour is tested by the core and by tests/js.
#![cfg(target_arch = "wasm32")]

use callplane_wasm as api;
use js_sys::{Array, BigInt, JSON, JsString, Object, Reflect};
use wasm_bindgen::prelude::Closure;
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

/// `preflightBlandCsv`: the CSV as a string (encoded into the module's memory) and as UTF-8 bytes
/// give the same result; a lone surrogate and bytes that are not UTF-8 are refused, U+FFFD itself
/// is text.
#[wasm_bindgen_test]
fn csv_text_crosses_as_a_string_or_as_bytes() {
    let mut csv = String::from("\u{feff}phone,name\r\n");
    for i in 0..1500 {
        csv.push_str(&format!("+1415555{i:04},\"Zoë, {i}\"\r\n"));
    }
    let batch = || json(r#"{"basePrompt":"Hi {{name}}"}"#);
    let as_text = api::preflight_bland_csv(batch(), JsValue::from_str(&csv), None).unwrap();
    let bytes = js_sys::Uint8Array::from(csv.as_bytes());
    let as_bytes = api::preflight_bland_csv(batch(), bytes.into(), None).unwrap();
    assert_eq!(text(&as_text), text(&as_bytes));
    let last = Array::from(&get(&as_text, "rows")).get(1499);
    assert_eq!(
        get(&last, "prompt").as_string().as_deref(),
        Some("Hi Zoë, 1499")
    );
    assert_eq!(get(&last, "line").as_f64(), Some(1501.0));

    let lone: JsValue = JsString::from_char_code(&[0x70, 0x0a, 0xd800]).into();
    let e = error_with_code(
        api::preflight_bland_csv(batch(), lone, None),
        "validation_failed",
    );
    assert!(text(&e).contains("csvText"), "{}", text(&e));
    let bad = js_sys::Uint8Array::from(&[0x70u8, 0xff][..]);
    error_with_code(
        api::preflight_bland_csv(batch(), bad.into(), None),
        "validation_failed",
    );
    error_with_code(
        api::preflight_bland_csv(batch(), JsValue::from_f64(1.0), None),
        "validation_failed",
    );
    let replacement = api::preflight_bland_csv(
        batch(),
        JsValue::from_str("phone,name\n4155552671,\u{fffd}\n"),
        None,
    )
    .unwrap();
    let row = Array::from(&get(&replacement, "rows")).get(0);
    assert_eq!(
        get(&row, "prompt").as_string().as_deref(),
        Some("Hi \u{fffd}")
    );
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

/// `preflightBlandBatch` writes the batch's text with `callData` stringified 1,000 rows at a time
/// (js/batch-text.js): for every batch the pieces must make exactly `JSON.stringify(batch)`, and
/// the batches that cannot be chunked faithfully must be declined (`None`: the caller then
/// stringifies the batch whole, as before). The cases are the Node package's (preflight-text.js).
#[wasm_bindgen_test]
fn the_batch_text_written_in_chunks_is_json_stringify_of_the_batch() {
    const MARK: &str = r"'\u0001callplane:callData\u0001'";
    let rows = "const rowsOf = (n, f = (r) => r) => Array.from({ length: n }, (_, i) => \
                f({ phoneNumber: `+1415${String(2000000 + (i % 1500)).padStart(7, '0')}`, name: `N${i}` }, i));";
    // (name, expression, written: the pieces make the text, rather than the batch being declined)
    let cases: &[(&str, String, bool)] = &[
        ("999 rows", "({ basePrompt: 'Hi {{name}}', callData: rowsOf(999) })".into(), true),
        ("exactly one chunk", "({ basePrompt: 'Hi', callData: rowsOf(1000) })".into(), true),
        ("a chunk and one row", "({ basePrompt: 'Hi', callData: rowsOf(1001) })".into(), true),
        ("2,500 rows", "({ basePrompt: 'Hi', callData: rowsOf(2500) })".into(), true),
        ("no rows", "({ basePrompt: 'Hi', callData: [] })".into(), true),
        (
            "non-ASCII and astral text",
            "({ basePrompt: 'Szia {{name}} 😀', label: 'é', callData: rowsOf(1200, (r, i) => ({ ...r, name: `Ő${i}🎉\\u2028` })) })".into(),
            true,
        ),
        (
            "callData first, fields after",
            "({ callData: rowsOf(3), basePrompt: 'Hi', maxDuration: 5, n: -0, x: NaN })".into(),
            true,
        ),
        (
            "the marker inside a field's text",
            format!("({{ basePrompt: 'Hi ' + {MARK}, callData: rowsOf(3) }})"),
            true,
        ),
        (
            "the marker in a row, a nested callData",
            format!("({{ basePrompt: 'Hi', metadata: {{ callData: [1] }}, callData: rowsOf(3, (r) => ({{ ...r, name: {MARK} }})) }})"),
            true,
        ),
        (
            "callData with toJSON (its result is chunked)",
            "({ basePrompt: 'Hi', callData: { toJSON: () => rowsOf(1500) } })".into(),
            true,
        ),
        (
            "batch with toJSON (one piece)",
            "({ toJSON: () => ({ basePrompt: 'Hi', callData: rowsOf(2) }) })".into(),
            true,
        ),
        (
            "holes, undefined, null and non-object rows",
            "({ basePrompt: 'Hi', callData: [, undefined, null, 7, 'x', { phoneNumber: '4155552671' }] })".into(),
            true,
        ),
        (
            "an Array subclass (one piece)",
            "({ basePrompt: 'Hi', callData: Object.assign(new (class extends Array {})(), [new Date(0)]) })".into(),
            true,
        ),
        (
            "undefined and function fields",
            "({ basePrompt: 'Hi', callData: rowsOf(2), webhook: undefined, f() {} })".into(),
            true,
        ),
        ("a field that is the marker", format!("({{ label: {MARK}, basePrompt: 'Hi', callData: rowsOf(3) }})"), false),
        (
            "a row with toJSON: one piece (in a chunk it would see the wrong index)",
            "({ basePrompt: 'Hi', callData: rowsOf(1003, (r, i) => (i === 1002 ? { toJSON: (k) => ({ ...r, name: `key ${k}` }) } : r)) })".into(),
            true,
        ),
        (
            "a BigInt in a later chunk",
            "(() => { const c = rowsOf(1500); c[1200] = { phoneNumber: 1n }; return { basePrompt: 'Hi', callData: c } })()".into(),
            false,
        ),
        ("a BigInt before callData", "({ basePrompt: 1n, callData: rowsOf(2) })".into(), false),
        ("a cycle", "(() => { const b = { basePrompt: 'Hi', callData: [] }; b.self = b; return b })()".into(), false),
        ("not an object", "'text'".into(), false),
        ("null", "null".into(), false),
    ];
    for (name, expr, written) in cases {
        let batch = js_sys::eval(&format!("(() => {{ {rows} return {expr} }})()"))
            .unwrap_or_else(|e| panic!("{name}: {}", text(&e)));
        let whole = JSON::stringify(&batch).ok().and_then(|s| s.as_string());
        let pieces = api::batch_text(&batch);
        if *written {
            assert!(whole.is_some(), "{name}: the case must stringify");
            // Not assert_eq!: the texts are long.
            assert!(
                pieces == whole,
                "{name}: the pieces differ from JSON.stringify"
            );
        } else {
            assert_eq!(pieces, None, "{name}: declined");
        }
    }
}

/// Declined batches still give `JSON.stringify`'s errors, and a getter that calls the package
/// while the text is being written gets its own result (each call has its own buffer).
#[wasm_bindgen_test]
fn declined_and_reentrant_batches_get_the_results_of_the_batch_itself() {
    let bigint = js_sys::eval(
        "(() => { const c = Array.from({ length: 1500 }, () => ({ phoneNumber: '4155552671' })); \
         c[1200] = { phoneNumber: 1n }; return { basePrompt: 'Hi', callData: c } })()",
    )
    .unwrap();
    let e = error_with_code(api::preflight_bland_batch(bigint, None), "invalid_json");
    let message = String::from(e.unchecked_ref::<js_sys::Error>().message());
    assert!(
        message.starts_with("invalid JSON input: batch cannot be read as JSON: "),
        "{message}"
    );
    assert!(message.contains("BigInt"), "{message}");

    let reentrant = js_sys::eval(
        "(api) => { const inner = { basePrompt: 'Inner {{name}}', callData: Array.from({ length: 1500 }, \
         (_, i) => ({ phoneNumber: '4155552671', name: `I${i}` })) }; const box = {}; \
         const callData = Array.from({ length: 2100 }, (_, i) => ({ phoneNumber: '4155552672', name: `O${i}` })); \
         Object.defineProperty(callData[2050], 'name', { enumerable: true, get() { box.inner = api(inner); return 'late' } }); \
         return [{ basePrompt: 'Hi {{name}}', callData }, box] }",
    )
    .unwrap();
    let call = Closure::<dyn Fn(JsValue) -> JsValue>::new(|b: JsValue| {
        api::preflight_bland_batch(b, None).unwrap_or_else(|e| e)
    });
    let made = Array::from(
        &js_sys::Function::from(reentrant)
            .call1(&JsValue::NULL, call.as_ref())
            .unwrap(),
    );
    let out = api::preflight_bland_batch(made.get(0), None).unwrap();
    let rows = Array::from(&get(&out, "rows"));
    assert_eq!(rows.length(), 2100);
    assert_eq!(text(&get(&rows.get(2050), "prompt")), r#""Hi late""#);
    assert_eq!(text(&get(&rows.get(2099), "prompt")), r#""Hi O2099""#);
    let inner = Array::from(&get(&get(&made.get(1), "inner"), "rows"));
    assert_eq!(inner.length(), 1500);
    assert_eq!(text(&get(&inner.get(1499), "prompt")), r#""Inner I1499""#);
}
