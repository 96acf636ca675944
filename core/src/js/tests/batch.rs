//! `preflightBlandBatch`.

use super::{Fixed, codes_paths};
use crate::js::preflight_bland_batch;
use serde_json::{Value, json};

#[test]
fn rows_summary_and_batch_issues() {
    let batch = json!({
        "basePrompt": "Hi {{name}}, this is {{business}}.",
        "callData": [
            {"phoneNumber": "(415) 555-2671", "name": "Ann", "business": "Acme", "note": "vip"},
            {"phoneNumber": "12", "name": "Bob", "business": "Acme"},
            {"phoneNumber": "+1 415 555 2671", "name": "Cy"},
            {"name": "Di", "business": "Acme"}
        ],
        "label": "spring",
        "colour": "blue"
    });
    let out = preflight_bland_batch(batch, json!({"nowMs": super::NOW_MS}), &Fixed).unwrap();
    assert_eq!(out["ok"], false);
    let rows = out["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);

    assert_eq!(rows[0]["index"], 0);
    assert_eq!(rows[0]["phoneNumber"], "+14155552671");
    assert_eq!(rows[0]["phoneError"], Value::Null);
    assert_eq!(rows[0]["prompt"], "Hi Ann, this is Acme.");
    assert_eq!(rows[0]["issues"], json!([]));

    assert_eq!(rows[1]["phoneNumber"], Value::Null);
    assert!(
        rows[1]["phoneError"]["code"]
            .as_str()
            .unwrap()
            .starts_with("phone_")
    );
    assert_eq!(rows[1]["prompt"], "Hi Bob, this is Acme.");

    assert_eq!(rows[2]["phoneNumber"], "+14155552671");
    assert_eq!(rows[2]["prompt"], Value::Null);
    assert_eq!(rows[2]["missingVariables"], json!(["business"]));
    let row2 = codes_paths(&rows[2]["issues"]);
    assert!(
        row2.contains(&("duplicate".into(), "callData[2].phoneNumber".into())),
        "{row2:?}"
    );
    assert!(
        row2.contains(&("missing_variable".into(), "callData[2].business".into())),
        "{row2:?}"
    );

    assert_eq!(
        codes_paths(&rows[3]["issues"]),
        [("required".to_owned(), "callData[3].phoneNumber".to_owned())]
    );

    let top = codes_paths(&out["issues"]);
    assert!(
        top.contains(&("unknown_field".into(), "colour".into())),
        "{top:?}"
    );
    assert!(
        top.contains(&("unused_variable".into(), "callData[0].note".into())),
        "{top:?}"
    );
    // Row issues are not repeated at the top.
    assert!(
        !top.iter()
            .any(|(_, p)| p.starts_with("callData[") && !p.ends_with(".note")),
        "{top:?}"
    );

    let s = &out["summary"];
    assert_eq!(s["rows"], 4);
    assert_eq!(s["ready"], 1);
    assert_eq!(s["withErrors"], 3);
    assert_eq!(s["invalidPhoneNumbers"], 1);
    assert_eq!(s["missingVariables"], 1);
    assert_eq!(s["duplicates"], 1);
    let errors = top.len()
        + rows
            .iter()
            .map(|r| r["issues"].as_array().unwrap().len())
            .sum::<usize>();
    assert_eq!(
        s["errors"].as_u64().unwrap() + s["warnings"].as_u64().unwrap(),
        errors as u64
    );
}

#[test]
fn not_a_batch_is_an_issue_not_a_crash() {
    for input in [
        Value::Null,
        json!([]),
        json!("x"),
        json!({"callData": {"a": 1}}),
    ] {
        let out = preflight_bland_batch(input.clone(), Value::Null, &Fixed).unwrap();
        assert_eq!(out["ok"], false, "{input}");
        assert!(!out["issues"].as_array().unwrap().is_empty(), "{input}");
    }
    let e = preflight_bland_batch(json!({}), json!({"nowMs": "now"}), &Fixed).unwrap_err();
    assert_eq!(
        crate::js::error_to_js(&e)["issues"][0]["path"],
        "options.nowMs"
    );
}

#[test]
fn a_clean_batch_is_ok() {
    let rows: Vec<Value> = (0..50)
        .map(|i| json!({"phoneNumber": format!("+1 415 555 {:04}", 2600 + i), "name": format!("N{i}")}))
        .collect();
    let out = preflight_bland_batch(
        json!({"basePrompt": "Hi {{name}}", "callData": rows}),
        Value::Null,
        &Fixed,
    )
    .unwrap();
    assert_eq!(out["ok"], true, "{}", out["issues"]);
    assert_eq!(out["summary"]["ready"], 50);
    assert_eq!(out["rows"][49]["prompt"], "Hi N49");
}

#[test]
fn json_text_is_the_value_written_out() {
    // Rows with every outcome (valid, invalid number, missing number, missing and non-scalar
    // variables, duplicate), batch issues (unknown field, unused column) and one that is not an
    // object: the text form is exactly the value form serialised.
    let batches = [
        json!({
            "basePrompt": "Hi {{name}}, this is {{business}}.",
            "callData": [
                {"phoneNumber": "(415) 555-2671", "name": "Ann", "business": "Acme", "note": "vip"},
                {"phoneNumber": "12", "name": "Bob", "business": "Acme"},
                {"phoneNumber": "+1 415 555 2671", "name": "Cy", "business": {"x": 1}},
                {"name": "Di", "business": "Acme"},
                {"phoneNumber": 5, "name": "Ed", "business": "Acme"},
                7
            ],
            "colour": "blue"
        }),
        json!({"callData": "nope"}),
        json!([1, 2]),
    ];
    for batch in batches {
        let options = json!({"nowMs": super::NOW_MS});
        let value = preflight_bland_batch(batch.clone(), options.clone(), &Fixed).unwrap();
        let text = crate::js::preflight_bland_batch_json(batch, options, &Fixed).unwrap();
        assert_eq!(text, value.to_string());
        assert!(
            value["rows"].is_array() && value["summary"]["rows"].is_u64(),
            "{value}"
        );
    }
}
