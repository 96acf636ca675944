//! Templates, phone numbers, webhooks, operations, and bad arguments.

use super::op;
use crate::js::{
    check_template, error_to_js, normalize_phone, operation, operations, render_batch,
    render_template, sign_bland_webhook, template_variables, verify_bland_webhook,
};
use serde_json::{Value, json};

#[test]
fn operations_have_unique_js_names_that_resolve() {
    let ops = operations();
    let list = ops.as_array().unwrap();
    assert_eq!(list.len(), crate::api::registry::Operation::ALL.len());
    let mut names: Vec<&str> = list.iter().map(|o| o["name"].as_str().unwrap()).collect();
    for name in &names {
        let resolved = operation(&op(name)).unwrap();
        assert_eq!(crate::js::operation_name(resolved), *name);
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), list.len());
    let create = list
        .iter()
        .find(|o| o["name"] == "tencent.createAICall")
        .unwrap();
    assert_eq!(create["vendor"], "tencent");
    assert_eq!(create["createsCalls"], true);
    assert!(names.contains(&"bland.sendCall") && names.contains(&"aliyun.batchRobotSmartCall"));
}

#[test]
fn unknown_operations_say_what_to_write() {
    let e = operation(&op("tencent.CreateAICall")).unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(v["code"], "validation_failed");
    assert_eq!(v["issues"][0]["path"], "operation");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("write `tencent.createAICall`"),
        "{v}"
    );
    let e = operation(&op("nope")).unwrap_err();
    assert!(e.to_string().contains("bland.sendCall"), "{e}");
    let e = operation(&Value::Null).unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["code"], "invalid_type");
}

#[test]
fn templates() {
    let t = json!("Hi {{name}}, about {{ order.id }} and {{name}}");
    assert_eq!(template_variables(&t).unwrap(), json!(["name", "order.id"]));
    let row = json!({"name": "Ann", "order": {"id": 42}});
    assert_eq!(
        render_template(&t, row).unwrap(),
        json!("Hi Ann, about 42 and Ann")
    );

    let e = render_template(&t, json!({"order": {"id": [1]}})).unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(v["code"], "validation_failed");
    assert_eq!(
        super::codes_paths(&v["issues"]),
        [
            ("missing_variable".to_owned(), "name".to_owned()),
            ("non_scalar_variable".to_owned(), "order.id".to_owned())
        ]
    );

    let rows = json!([{"name": "A", "order": {"id": 1}}, {"name": "B"}, null]);
    let out = render_batch(&t, rows).unwrap();
    assert_eq!(out[0], json!({"ok": true, "text": "Hi A, about 1 and A"}));
    assert_eq!(out[1]["ok"], false);
    assert_eq!(out[1]["issues"][0]["path"], "order.id");
    assert_eq!(out[2]["issues"][0]["code"], "invalid_type");

    let bad = json!("ok {{ a\nthen {{}} and {{b}}");
    let checked = check_template(&bad).unwrap();
    assert_eq!(checked["ok"], false);
    let pos: Vec<(u64, u64, &str)> = checked["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(pos, [(1, 4, "unclosed"), (2, 6, "empty")]);
    let e = template_variables(&bad).unwrap_err();
    let v = error_to_js(&e);
    assert_eq!(
        (v["code"].as_str(), v["line"].as_u64()),
        (Some("template_syntax"), Some(1))
    );
    assert_eq!(
        check_template(&json!("{{a}}")).unwrap(),
        json!({"ok": true, "variables": ["a"], "errors": []})
    );
}

#[test]
fn phone_numbers_per_vendor() {
    let n = normalize_phone(&json!("bland"), &json!("(415) 555-2671")).unwrap();
    assert_eq!(n["e164"], "+14155552671");
    assert_eq!(n["wire"], "+14155552671");
    assert_eq!(n["region"], "US");
    assert_eq!(n["type"], "fixed_line_or_mobile");
    let t = normalize_phone(&json!("tencent"), &json!("13800138000")).unwrap();
    assert_eq!(
        (t["e164"].as_str(), t["wire"].as_str()),
        (Some("+8613800138000"), Some("008613800138000"))
    );
    assert_eq!(t["type"], "mobile");
    let a = normalize_phone(&json!("aliyun"), &json!("+86 138 0013 8000")).unwrap();
    assert_eq!(a["wire"], "13800138000");

    let e = normalize_phone(&json!("aliyun"), &json!("+1 415 555 2671")).unwrap_err();
    assert_eq!(error_to_js(&e)["code"], "phone_not_supported_by_vendor");
    let e = normalize_phone(&json!("bland"), &json!("2223334444 ext. 123")).unwrap_err();
    assert_eq!(error_to_js(&e)["code"], "phone_invalid_characters");
    let e = normalize_phone(&json!("twilio"), &json!("1")).unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "vendor");
    let e = normalize_phone(&json!("bland"), &json!({"number": 1})).unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "input");
}

#[test]
fn huge_and_odd_strings_are_errors_not_crashes() {
    let mega = "9".repeat(1 << 20);
    let e = normalize_phone(&json!("bland"), &json!(mega)).unwrap_err();
    assert_eq!(error_to_js(&e)["code"], "phone_too_long");
    let mega_text = "x".repeat(1 << 20);
    let out = render_template(&json!("{{v}}!"), json!({ "v": mega_text })).unwrap();
    assert_eq!(out.as_str().map(str::len), Some((1 << 20) + 1));
    let e = template_variables(&json!(format!("{{{{{}", "a".repeat(1 << 20)))).unwrap_err();
    assert_eq!(error_to_js(&e)["code"], "template_syntax");
    // U+FFFD and astral characters are ordinary text.
    let out = render_template(&json!("{{v}}"), json!({"v": "\u{FFFD}😀"})).unwrap();
    assert_eq!(out, json!("\u{FFFD}😀"));
}

#[test]
fn webhooks_sign_and_verify() {
    let secret = json!("whsec_test");
    let body = json!(r#"{"call_id":"c1","status":"completed"}"#);
    let sig = sign_bland_webhook(&secret, &body).unwrap();
    let hex = sig.as_str().unwrap();
    assert_eq!(hex.len(), 64);
    assert_eq!(
        verify_bland_webhook(&secret, &body, &sig).unwrap(),
        json!(true)
    );
    assert_eq!(
        verify_bland_webhook(&secret, &body, &json!(hex.to_uppercase())).unwrap(),
        json!(true)
    );
    let other = json!(r#"{"call_id":"c2","status":"completed"}"#);
    assert_eq!(
        verify_bland_webhook(&secret, &other, &sig).unwrap(),
        json!(false)
    );
    assert_eq!(
        verify_bland_webhook(&json!("other"), &body, &sig).unwrap(),
        json!(false)
    );
    assert_eq!(
        verify_bland_webhook(&secret, &body, &json!("zz")).unwrap(),
        json!(false)
    );
    let e = verify_bland_webhook(&Value::Null, &body, &sig).unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "secret");
}
