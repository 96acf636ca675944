//! The text reader ([`super::read`]) and the columns ([`super::columns`]) against the generic
//! path (JSON text parsed into a `Value`, then [`super::preflight_bland_batch`]): on every input
//! below, ordinary and tricky, all forms must give the same result or the same error, and the
//! reader must take the fast path exactly where it claims to.

use super::{
    preflight_bland_batch, preflight_bland_batch_columns, preflight_bland_batch_text_columns,
    preflight_bland_batch_text_json, read, scan,
};
use crate::js::tests::{Fixed, NOW_MS};
use crate::js::{arg_from_json_text, error_to_js};
use serde_json::{Value, json};

const PROMPT: &str = "Hi {{name}}, this is {{business}}.";

/// `(name, batch text, whether the text reader handles it itself)`.
fn cases() -> Vec<(&'static str, String, bool)> {
    let p = PROMPT;
    let huge = "x".repeat(200_000);
    vec![
        (
            "ordinary rows",
            format!(
                r#"{{"basePrompt":"{p}","callData":[{{"phoneNumber":"(415) 555-2671","name":"Ann","business":"Acme"}},{{"phoneNumber":"+1 212 555 0100","name":"Bo","business":"Acme"}}],"label":"x"}}"#
            ),
            true,
        ),
        (
            "rows with different keys, orders and lengths (the reused row is rebuilt)",
            format!(
                r#"{{"basePrompt":"{p}","callData":[
                {{"phoneNumber":"4155552671","name":"Ann","business":"Acme"}},
                {{"name":"Bo","phoneNumber":"2125550100","business":"Acme"}},
                {{"phoneNumber":"2125550101","name":"Cy"}},
                {{"phoneNumber":"2125550102","name":"Di","business":"Acme","note":"vip","extra":1}},
                {{"phoneNumber":"2125550103","name":"Ed","business":"Acme"}},
                {{}},
                null,
                {{"phoneNumber":"2125550104","name":"Fa","business":"Acme"}}
            ]}}"#
            ),
            true,
        ),
        (
            "repeated keys in a row and in the batch",
            format!(
                r#"{{"label":"a","basePrompt":"{p}","callData":[
                {{"phoneNumber":"4155552671","name":"Ann","business":"Acme","name":"Zed"}},
                {{"phoneNumber":"nope","name":"Bo","phoneNumber":"2125550100","business":"Acme"}},
                {{"phoneNumber":"2125550101","name":"Cy","business":"Acme"}}
            ],"label":"b"}}"#
            ),
            true,
        ),
        (
            "wrong types, nulls, numbers, nested objects and arrays as variables",
            r#"{"basePrompt":"Hi {{name}} {{n}} {{customer.first}} {{flag}}","callData":[
                {"phoneNumber":5,"name":"Ann","n":1,"customer":{"first":"A"},"flag":true},
                {"phoneNumber":null,"name":null,"n":1.0,"customer":{"first":"B"},"flag":false},
                {"phoneNumber":{"a":1},"name":["x"],"n":1e21,"customer":"flat","flag":null},
                {"phoneNumber":"4155552671","name":{"x":{"y":[1,2]}},"n":-0.0,"customer":{"first":2.5},"flag":1},
                {"phoneNumber":"4155552672","name":"Bo","n":12345678901234567890,"customer":{"first":"C"},"flag":true},
                {"phoneNumber":true,"name":"Bo","n":-7,"customer":{},"flag":true}
            ]}"#
            .into(),
            true,
        ),
        (
            "unknown and wire-named batch fields, before and after callData",
            format!(
                r#"{{"colour":"blue","base_prompt":"x","basePrompt":"{p}","callData":[{{"phoneNumber":"4155552671","name":"A","business":"B"}}],"call_data":[1],"maxDuration":"long","webhook":"http://x"}}"#
            ),
            true,
        ),
        (
            "basePrompt after callData",
            format!(
                r#"{{"callData":[{{"phoneNumber":"4155552671","name":"A","business":"B"}}],"basePrompt":"{p}"}}"#
            ),
            true,
        ),
        (
            "escapes, surrogate pairs and non-ASCII in keys and values",
            r#"{"basePrompt":"Bonjour {{pr\u00e9nom}} {{e}} 🎉","callData":[
                {"phone\u004eumber":"4155552671","prénom":"Zoë","e":"\ud83d\ude00 \"q\" \\ \n"},
                {"phoneNumber":"4155552672","pr\u00e9nom":"Ann","e":"tab\there"}
            ]}"#
            .into(),
            true,
        ),
        (
            "a huge string",
            format!(
                r#"{{"basePrompt":"{p}","callData":[{{"phoneNumber":"4155552671","name":"{huge}","business":"B"}},{{"phoneNumber":"4155552672","name":"A","business":"B"}}]}}"#
            ),
            true,
        ),
        (
            "pathwayId after callData (the rows are read again without a template)",
            format!(
                r#"{{"basePrompt":"{p}","callData":[{{"phoneNumber":"4155552671","name":"A"}},{{"phoneNumber":"x"}}],"pathwayId":"pw","task":"t"}}"#
            ),
            true,
        ),
        (
            "fields around callData change only the batch's issues",
            format!(
                r#"{{"webhook":"http://a","basePrompt":"{p}","callData":[{{"phoneNumber":"4155552671","name":"A","business":"B"}},{{"phoneNumber":"4155552671"}}],"voice":"v","voiceId":"w","webhook":"ftp://b","extra":{{"label":1}},"bogus":2}}"#
            ),
            true,
        ),
        (
            "more rows than the first 256 announce, then fewer (the reader's size estimate)",
            sized_rows(&[(256, 1), (700, 300), (300, 1)]),
            true,
        ),
        (
            "rows that run shorter after the first 256",
            sized_rows(&[(256, 400), (500, 1)]),
            true,
        ),
        ("empty callData", format!(r#"{{"basePrompt":"{p}","callData":[]}}"#), true),
        (
            "empty callData with other batch issues around too_few",
            r#"{"task":"x","callData":[],"voice":"v","voiceId":"w","webhook":"http://x"}"#.into(),
            true,
        ),
        (
            "pathway instead of a prompt; no prompt at all; bad template",
            r#"{"pathwayId":"p","basePrompt":"Hi {{x}}","callData":[{"phoneNumber":"4155552671","x":"1","y":2}]}"#.into(),
            true,
        ),
        ("no prompt", r#"{"callData":[{"phoneNumber":"4155552671"}]}"#.into(), true),
        ("bad template", r#"{"basePrompt":"Hi {{x","callData":[{"phoneNumber":"4155552671"}]}"#.into(), true),
        // What the reader leaves to the generic path.
        ("a row uses phone_number", format!(r#"{{"basePrompt":"{p}","callData":[{{"phone_number":"4155552671","name":"A","business":"B"}}]}}"#), false),
        ("rows that are not objects", format!(r#"{{"basePrompt":"{p}","callData":[7,"x",[],{{"phoneNumber":"4155552671","name":"A","business":"B"}}]}}"#), false),
        ("callData not an array", format!(r#"{{"basePrompt":"{p}","callData":{{"phoneNumber":"1"}}}}"#), false),
        ("callData null", format!(r#"{{"basePrompt":"{p}","callData":null}}"#), false),
        ("callData missing", format!(r#"{{"basePrompt":"{p}"}}"#), false),
        ("callData repeated", format!(r#"{{"basePrompt":"{p}","callData":[],"callData":[{{"phoneNumber":"4155552671","name":"A","business":"B"}}]}}"#), false),
        ("batch field of the wrong type", format!(r#"{{"basePrompt":5,"maxDuration":"x","callData":[{{"phoneNumber":"4155552671","name":"A","business":"{p}"}}]}}"#), true),
        ("lone surrogate in a row", format!(r#"{{"basePrompt":"{p}","callData":[{{"phoneNumber":"4155552671","name":"\ud800","business":"B"}}]}}"#), false),
        ("lone surrogate in a key", r#"{"basePrompt":"x","callData":[{"\udfff":"4155552671"}]}"#.into(), false),
        ("not JSON", r#"{"basePrompt":"x","callData":[{"phoneNumber":"4155552671"},]}"#.into(), false),
        ("trailing text", r#"{"callData":[]} x"#.into(), false),
        ("batch is an array", "[1,2]".into(), false),
        ("batch is a string", r#""batch""#.into(), false),
        ("batch is null", "null".into(), false),
    ]
}

/// A batch of `(rows, name length)` runs of rows, with a duplicate number, a bad number and a
/// non-ASCII name every so often, so clean rows and rows with issues alternate throughout.
fn sized_rows(runs: &[(usize, usize)]) -> String {
    let mut rows = Vec::new();
    for &(n, len) in runs {
        for _ in 0..n {
            let i = rows.len();
            let phone = match i % 97 {
                13 => "12".to_owned(),
                50 => "4155550100".to_owned(),
                _ => format!("415{:07}", 2_000_000 + i),
            };
            let name = if i % 89 == 7 {
                "Zoë".repeat(len)
            } else {
                "a".repeat(len)
            };
            rows.push(json!({"phoneNumber": phone, "name": name, "business": "Acme"}));
        }
    }
    json!({"basePrompt": PROMPT, "callData": rows, "label": "sized"}).to_string()
}

fn options() -> Vec<Value> {
    vec![
        json!({"nowMs": NOW_MS}),
        json!({"nowMs": NOW_MS, "rows": "problems"}),
        json!({"nowMs": NOW_MS, "rows": "none"}),
        json!({"nowMs": NOW_MS, "rows": "some"}),
        json!({"nowMs": "now"}),
    ]
}

/// A result or an error, comparable.
fn outcome(r: crate::Result<Value>) -> Value {
    match r {
        Ok(v) => json!({"ok": v}),
        Err(e) => json!({"error": error_to_js(&e)}),
    }
}

/// The generic path: the text parsed into a `Value`, then the `Value` facade.
fn generic(text: &str, options: &Value) -> Value {
    outcome(
        arg_from_json_text("batch", Some(text))
            .and_then(|b| preflight_bland_batch(b, options.clone(), &Fixed)),
    )
}

#[test]
fn every_form_answers_as_the_generic_path() {
    for (name, text, fast) in cases() {
        for options in options() {
            let want = generic(&text, &options);
            let text_json = preflight_bland_batch_text_json(Some(&text), options.clone(), &Fixed)
                .map(|t| serde_json::from_str(&t).unwrap());
            assert_eq!(outcome(text_json), want, "{name}, {options}: text → JSON");
            let text_columns =
                preflight_bland_batch_text_columns(Some(&text), options.clone(), &Fixed)
                    .and_then(|c| c.into_value());
            assert_eq!(
                outcome(text_columns),
                want,
                "{name}, {options}: text → columns"
            );
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                let columns = preflight_bland_batch_columns(value, options.clone(), &Fixed)
                    .and_then(|c| c.into_value());
                assert_eq!(outcome(columns), want, "{name}, {options}: value → columns");
            }
            let options_ok = options["nowMs"].is_i64() && options["rows"] != "some";
            assert_eq!(
                read::read(&text, &options, &Fixed).is_some(),
                fast && options_ok,
                "{name}, {options}: fast path taken?"
            );
        }
    }
}

#[test]
fn text_that_json_stringify_cannot_write_is_the_generic_error() {
    let got =
        outcome(preflight_bland_batch_text_json(None, Value::Null, &Fixed).map(Value::String));
    let want = outcome(arg_from_json_text("batch", None));
    assert_eq!(got, want);
    assert_eq!(got["error"]["code"], "invalid_json", "{got}");
}

#[test]
fn columns_hold_clean_rows_only_with_utf16_offsets() {
    let text = r#"{"basePrompt":"Hé {{n}} 🎉","callData":[
        {"phoneNumber":"4155552671","n":"Zoë"},
        {"phoneNumber":"12","n":"Bo"},
        {"phoneNumber":"4155552672","n":"😀"}
    ]}"#;
    let c =
        preflight_bland_batch_text_columns(Some(text), json!({"nowMs": NOW_MS}), &Fixed).unwrap();
    assert_eq!(c.text, "+14155552671Hé Zoë 🎉+14155552672Hé 😀 🎉");
    // "Hé Zoë 🎉" is 9 UTF-16 units (the emoji is two); "Hé 😀 🎉" is 8.
    assert_eq!(c.ends, [12, 21, 33, 41]);
    let head: Value = serde_json::from_str(&c.head).unwrap();
    let others: Vec<&Value> = head["rows"].as_array().unwrap().iter().collect();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0]["index"], 1);
    assert_eq!(head["summary"]["rows"], 3);
}

#[test]
fn the_row_shape_renames_only_phone_number() {
    // The reader renames `phoneNumber` and refuses `phone_number` itself; the schema must agree.
    let crate::js::shape::Shape::Struct(batch) = crate::js::schema::bland_batch() else {
        panic!("the batch shape is a struct");
    };
    let crate::js::shape::Shape::List(crate::js::shape::Shape::Struct(row)) =
        batch.shape_of("call_data")
    else {
        panic!("call_data is a list of rows");
    };
    let names: Vec<(&str, &str)> = row.names().collect();
    assert_eq!(names, [("phone_number", "phoneNumber")]);
    assert_eq!(batch.js_of("call_data"), "callData");
}

#[test]
fn rows_with_issues_between_clean_rows_stay_out_of_the_text() {
    // The checker writes clean rows (number then prompt) into the text column as it goes and the
    // prompts of other rows aside: a duplicate (rendered, with an issue), a row missing a
    // variable after a valid number, and an invalid number must leave no trace in the text, and
    // every form must still give each row its own prompt.
    let text = r#"{"basePrompt":"Hi {{n}}","callData":[
        {"phoneNumber":"4155552671","n":"Ann"},
        {"phoneNumber":"(415) 555-2671","n":"Dup"},
        {"phoneNumber":"4155552672"},
        {"phoneNumber":"12","n":"Bad"},
        {"phoneNumber":"4155552673","n":"Zoë"},
        {"phoneNumber":"+1 415 555 2674","n":"Second"}
    ]}"#;
    let options = json!({"nowMs": NOW_MS});
    let c = preflight_bland_batch_text_columns(Some(text), options.clone(), &Fixed).unwrap();
    assert_eq!(
        c.text,
        "+14155552671Hi Ann+14155552673Hi Zoë+14155552674Hi Second"
    );
    assert_eq!(c.ends, [12, 18, 30, 36, 48, 57]);
    let all = c.into_value().unwrap();
    let prompts: Vec<&Value> = all["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["prompt"])
        .collect();
    assert_eq!(
        prompts,
        [
            &json!("Hi Ann"),
            &json!("Hi Dup"),
            &Value::Null,
            &json!("Hi Bad"),
            &json!("Hi Zoë"),
            &json!("Hi Second")
        ]
    );
    let batch: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        all,
        crate::js::preflight_bland_batch(batch, options, &Fixed).unwrap()
    );
}

#[test]
fn the_scanner_reads_what_serde_json_reads_or_leaves_it() {
    // `scan::one_pass` must give serde_json's reading exactly (fields, and every row checked the
    // same) whenever it answers, and answer for the batches `JSON.stringify` writes commonly.
    let ctx = crate::Context::at(NOW_MS);
    let mut scanned = Vec::new();
    for (name, text, _) in cases() {
        let serde = read::one_pass(&text, &ctx, 4).map(|(f, c)| (f, c.map(|c| c.finish())));
        if let Some((fields, checker)) = scan::one_pass(&text, &ctx, 4) {
            assert_eq!(Some((fields, checker.map(|c| c.finish()))), serde, "{name}");
            scanned.push(name);
        }
    }
    // Left to serde_json: a key with an escape, rows that are not objects, `callData` not an
    // array, repeated or missing is read by the scanner as serde_json does (no checker)...
    let left: Vec<&str> = cases()
        .into_iter()
        .map(|(name, _, _)| name)
        .filter(|name| !scanned.contains(name))
        .collect();
    assert_eq!(
        left,
        [
            "escapes, surrogate pairs and non-ASCII in keys and values",
            "a row uses phone_number",
            "rows that are not objects",
            "callData not an array",
            "callData null",
            "callData repeated",
            "lone surrogate in a row",
            "lone surrogate in a key",
            "not JSON",
            "trailing text",
            "batch is an array",
            "batch is a string",
            "batch is null",
        ]
    );
}

#[test]
fn the_scanner_gives_up_on_values_nested_near_serde_json_limit() {
    // serde_json refuses nesting deeper than 128 levels from the top of the text; the scanner
    // reads a row's value from inside the row, so it must not accept what serde_json refuses.
    let ctx = crate::Context::at(NOW_MS);
    for levels in [99, 100, 101, 124, 125, 126, 127] {
        let nested = format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        let text = format!(
            r#"{{"basePrompt":"Hi {{{{n}}}}","callData":[{{"phoneNumber":"4155552671","n":{nested}}}]}}"#
        );
        let serde = read::one_pass(&text, &ctx, 4).map(|(f, c)| (f, c.map(|c| c.finish())));
        let scanned = scan::one_pass(&text, &ctx, 4).map(|(f, c)| (f, c.map(|c| c.finish())));
        assert_eq!(scanned.is_some(), levels <= 100, "{levels} levels");
        if scanned.is_some() {
            assert_eq!(scanned, serde, "{levels} levels");
        }
        if levels <= 100 {
            assert!(serde.is_some(), "{levels} levels");
        }
        if levels == 127 {
            // So the limit matters: serde_json refuses this one.
            assert!(serde.is_none(), "{levels} levels");
        }
    }
}
