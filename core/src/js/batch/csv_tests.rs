//! `preflightBlandCsv` against `preflightBlandBatch` on the same rows as objects: on generated CSV
//! texts (odd quoting, CRLF/CR, semicolons and tabs, unicode, empty cells, bad records), the rows,
//! summary and issues must be `preflightBlandBatch`'s plus the CSV's problems; then each rule of
//! the phone column and the header, one by one.

use super::{CsvTextProblem, csv_text_error, preflight_bland_csv, preflight_bland_csv_columns};
use crate::csv;
use crate::js::error_to_js;
use crate::js::preflight_bland_batch;
use crate::js::tests::{Fixed, NOW_MS, codes_paths};
use serde_json::{Map, Value, json};

const PROMPT: &str = "Hi {{name}}, this is {{business}} about {{topic}}.";

/// A small deterministic generator (xorshift64*), so every run checks the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const PHONES: &[&str] = &[
    "(415) 555-2671",
    "+1 212 555 0100",
    "2125550101",
    "+12125550102",
    "12",
    "+1 201 555 01#5",
    "",
    "4155552671",
];
const TEXTS: &[&str] = &[
    "Ann",
    "Zoë",
    "名前",
    "😀 smile",
    "a, b",
    "say \"hi\"",
    "line one\nline two",
    "",
    "semi;colon",
    "tab\there",
    " spaced ",
];

/// One field as a CSV writer would write it (quoted when it must be, sometimes when not), or
/// with a deliberate quoting mistake.
fn field(rng: &mut Rng, value: &str, d: char, eol: &str) -> String {
    let must = value.contains([d, '"', '\n', '\r']);
    match rng.below(20) {
        0 if !value.is_empty() => format!("{value}\"x"),
        1 => format!("\"{}\"tail", value.replace('"', "\"\"")),
        _ if must || rng.below(4) == 0 => {
            format!("\"{}\"", value.replace('"', "\"\"").replace('\n', eol))
        }
        _ => value.to_owned(),
    }
}

/// A CSV text of `rows` rows with the columns in a random order, and the phone column's name.
fn generate(rng: &mut Rng, rows: usize) -> String {
    let d = *[',', ';', '\t'].get(rng.below(3)).unwrap_or(&',');
    let eol = rng.pick(&["\n", "\r\n", "\r"]);
    let mut columns = ["phone", "name", "business", "topic", "note"];
    for i in (1..columns.len()).rev() {
        columns.swap(i, rng.below(i + 1));
    }
    let mut text = String::new();
    if rng.below(4) == 0 {
        text.push('\u{feff}');
    }
    text.push_str(&columns.join(&d.to_string()));
    text.push_str(eol);
    for _ in 0..rows {
        let mut fields: Vec<String> = columns
            .iter()
            .map(|c| {
                let v = if *c == "phone" {
                    rng.pick(PHONES)
                } else {
                    rng.pick(TEXTS)
                };
                field(rng, v, d, eol)
            })
            .collect();
        match rng.below(25) {
            0 => {
                fields.pop();
            }
            1 => fields.push("extra".into()),
            2 => text.push_str(eol),
            _ => {}
        }
        text.push_str(&fields.join(&d.to_string()));
        text.push_str(eol);
    }
    text
}

/// The rows as the dashboard makes them from `parseCsv` (`toContacts`, then `{...variables,
/// phoneNumber}`): empty cells left out, the phone column as `phoneNumber`.
fn rows_as_objects(table: &csv::Table, phone: &str) -> Vec<Value> {
    table
        .rows
        .iter()
        .map(|(_, fields)| {
            let mut m = Map::new();
            for (name, v) in table.columns.iter().zip(fields) {
                if v.is_empty() {
                    continue;
                }
                let key = if name == phone { "phoneNumber" } else { name };
                m.insert(key.to_owned(), Value::from(v.as_str()));
            }
            Value::Object(m)
        })
        .collect()
}

fn without_line(rows: &Value) -> Value {
    let mut rows = rows.clone();
    if let Some(a) = rows.as_array_mut() {
        for r in a {
            if let Some(m) = r.as_object_mut() {
                m.shift_remove("line");
            }
        }
    }
    rows
}

fn batch() -> Value {
    json!({"basePrompt": PROMPT, "voice": "maya", "label": "csv"})
}

#[test]
fn same_answer_as_preflight_bland_batch_on_the_same_rows() {
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut seen_csv_issues = 0usize;
    for n in 0..60 {
        let text = generate(&mut rng, 1 + n % 23);
        let table = csv::parse(&text);
        let mut with_rows = batch();
        with_rows["callData"] = Value::Array(rows_as_objects(&table, "phone"));
        for rows in ["all", "problems", "none"] {
            let options = json!({"nowMs": NOW_MS, "rows": rows});
            let want = preflight_bland_batch(with_rows.clone(), options.clone(), &Fixed);
            let got = preflight_bland_csv(batch(), &text, options.clone(), &Fixed);
            let (Ok(want), Ok(got)) = (want, got) else {
                panic!("{text:?}: an error");
            };
            assert_eq!(
                without_line(&got["rows"]),
                want["rows"],
                "{text:?} ({rows})"
            );
            // Each row's line is its record's.
            for r in got["rows"].as_array().into_iter().flatten() {
                let i = r["index"].as_u64().unwrap_or(u64::MAX) as usize;
                let line = table.rows.get(i).map(|(l, _)| *l as u64);
                assert_eq!(r["line"].as_u64(), line, "{text:?} row {i}");
            }
            // The CSV's problems first (parseCsv's, with their lines), then the batch's.
            let issues = got["issues"].as_array().cloned().unwrap_or_default();
            let k = table.errors.len();
            let csv_part: Vec<(u64, String)> = issues
                .iter()
                .take(k)
                .map(|i| {
                    (
                        i["line"].as_u64().unwrap_or(0),
                        i["message"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect();
            let want_csv: Vec<(u64, String)> = table
                .errors
                .iter()
                .map(|e| (e.line as u64, e.kind.to_string()))
                .collect();
            assert_eq!(csv_part, want_csv, "{text:?}");
            assert!(
                issues
                    .iter()
                    .take(k)
                    .all(|i| i["code"].as_str().is_some_and(|c| c.starts_with("csv_"))),
                "{text:?}"
            );
            assert_eq!(
                Value::Array(issues.get(k..).unwrap_or_default().to_vec()),
                want["issues"],
                "{text:?}"
            );
            let mut summary = want["summary"].clone();
            summary["errors"] = json!(summary["errors"].as_u64().unwrap_or(0) + k as u64);
            assert_eq!(got["summary"], summary, "{text:?}");
            assert_eq!(got["ok"], json!(summary["errors"] == json!(0)), "{text:?}");

            // The columns the bindings build from are the same result.
            let cols = preflight_bland_csv_columns(batch(), &text, options, &Fixed);
            let Ok(cols) = cols else {
                panic!("{text:?}: columns failed");
            };
            let mut rebuilt = cols.columns.into_value().unwrap_or_default();
            if let Some(rows) = rebuilt["rows"].as_array_mut() {
                for r in rows {
                    let i = r["index"].as_u64().unwrap_or(0) as usize;
                    r["line"] = json!(cols.lines.get(i));
                }
            }
            assert_eq!(rebuilt, got, "{text:?} columns ({rows})");
            seen_csv_issues += k;
        }
    }
    // The generator did produce bad records and quoting mistakes.
    assert!(seen_csv_issues > 30, "{seen_csv_issues} CSV issues");
}

fn run(text: &str, options: Value) -> Value {
    let mut options = options;
    options["nowMs"] = json!(NOW_MS);
    preflight_bland_csv(batch(), text, options, &Fixed).unwrap_or_else(|e| error_to_js(&e))
}

/// `(code, path, line)` of the issues that have a line (the CSV's).
fn csv_issues(out: &Value) -> Vec<(String, String, u64)> {
    out["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| {
            Some((
                i["code"].as_str()?.to_owned(),
                i["path"].as_str()?.to_owned(),
                i["line"].as_u64()?,
            ))
        })
        .collect()
}

fn owned(xs: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    xs.iter()
        .map(|(c, p, l)| (c.to_string(), p.to_string(), *l))
        .collect()
}

/// `(name, text, options, CSV issues as (code, path, line), phone numbers of the rows)`.
type RuleCase = (
    &'static str,
    String,
    Value,
    Vec<(&'static str, &'static str, u64)>,
    Vec<Value>,
);

#[test]
fn the_phone_column_and_header_rules() {
    let row = "Ann,Acme,renewal";
    let cases: Vec<RuleCase> = vec![
        (
            "phone_number first",
            format!("phone,name,business,topic,phone_number\n2125550100,{row},4155552671\n"),
            json!({}),
            vec![],
            vec![json!("+14155552671")],
        ),
        (
            "then phoneNumber",
            format!("phone,phoneNumber,name,business,topic\n2125550100,4155552671,{row}\n"),
            json!({}),
            // `phone` is then a variable: not one the prompt uses (a warning, without a line).
            vec![],
            vec![json!("+14155552671")],
        ),
        (
            "then phone",
            format!("name,business,topic,phone\n{row},4155552671\n"),
            json!({}),
            vec![],
            vec![json!("+14155552671")],
        ),
        (
            "options.phoneColumn",
            format!("tel,name,business,topic\n4155552671,{row}\n"),
            json!({"phoneColumn": "tel"}),
            vec![],
            vec![json!("+14155552671")],
        ),
        (
            "no phone column",
            format!("tel,name,business,topic\n4155552671,{row}\n"),
            json!({}),
            vec![("csv_phone_column", "callData", 1)],
            vec![Value::Null],
        ),
        (
            "options.phoneColumn not in the header",
            format!("\n\nphone,name,business,topic\n4155552671,{row}\n"),
            json!({"phoneColumn": "mobile"}),
            vec![("csv_phone_column", "callData", 3)],
            vec![Value::Null],
        ),
        (
            "a phoneNumber column that is not the phone column is left out",
            format!("phoneNumber,name,business,topic,tel\n2125550100,{row},4155552671\n"),
            json!({"phoneColumn": "tel"}),
            vec![("csv_header", "callData", 1)],
            vec![json!("+14155552671")],
        ),
        (
            "a repeated phone column keeps its last value",
            format!("phone,name,business,topic,phone\n2125550100,{row},4155552671\n"),
            json!({}),
            vec![("csv_header", "callData", 1)],
            vec![json!("+14155552671")],
        ),
        (
            "quoting problems point at their row and line, a short record at its line",
            format!(
                "phone,name,business,topic\n4155552671,{row}\n2125550100,A\"n,Acme,x\n1,2\n\"2125550101\" ,Bo,Acme,y\n"
            ),
            json!({}),
            vec![
                ("csv_syntax", "callData[1]", 3),
                ("csv_syntax", "callData[2]", 5),
                ("csv_field_count", "callData", 4),
            ],
            vec![
                json!("+14155552671"),
                json!("+12125550100"),
                // `"2125550101" ` reads as `2125550101 ` (and is reported).
                json!("+12125550101"),
            ],
        ),
        (
            "an unclosed quote at the end",
            format!("phone,name,business,topic\n4155552671,{row}\n2125550100,\"Bo,Acme,x\n"),
            json!({}),
            vec![
                ("csv_syntax", "callData", 3),
                ("csv_field_count", "callData", 3),
            ],
            vec![json!("+14155552671")],
        ),
        (
            "no header at all",
            "\u{feff}\r\n".to_owned(),
            json!({}),
            vec![("csv_header", "callData", 1)],
            vec![],
        ),
    ];
    for (name, text, options, want_issues, want_numbers) in cases {
        let out = run(&text, options);
        assert_eq!(csv_issues(&out), owned(&want_issues), "{name}: {out}");
        let numbers: Vec<Value> = out["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["phoneNumber"].clone())
            .collect();
        assert_eq!(numbers, want_numbers, "{name}");
    }
}

#[test]
fn a_row_without_phone_column_lacks_its_number_and_a_row_without_rows_is_too_few() {
    let out = run(
        "tel,name,business,topic\n4155552671,Ann,Acme,x\n",
        json!({}),
    );
    assert!(
        codes_paths(&out["rows"][0]["issues"])
            .contains(&("required".into(), "callData[0].phoneNumber".into()))
    );
    assert_eq!(out["ok"], json!(false));
    let out = run("phone,name\n", json!({}));
    assert_eq!(
        codes_paths(&out["issues"]),
        [("too_few".to_owned(), "callData".to_owned())]
    );
}

#[test]
fn empty_cells_are_absent_variables_and_values_keep_their_text() {
    let out = run(
        "phone,name,business,topic\n4155552671,,Acme,\" spaced, \"\"quoted\"\"\"\n",
        json!({}),
    );
    let row = &out["rows"][0];
    assert_eq!(row["missingVariables"], json!(["name"]));
    assert_eq!(row["line"], json!(2));
    let out = run(
        "phone,name,business,topic\n4155552671,Ann,Acme,\" spaced, \"\"quoted\"\"\"\n",
        json!({}),
    );
    assert_eq!(
        out["rows"][0]["prompt"],
        json!("Hi Ann, this is Acme about  spaced, \"quoted\".")
    );
}

#[test]
fn a_batch_with_call_data_and_bad_options() {
    let mut b = batch();
    b["callData"] = json!([{"phoneNumber": "4155552671"}]);
    let out = preflight_bland_csv(b, "phone\n2125550100\n", json!({"nowMs": NOW_MS}), &Fixed)
        .unwrap_or_default();
    assert!(codes_paths(&out["issues"]).contains(&("conflict".into(), "callData".into())));
    assert_eq!(out["summary"]["rows"], json!(1));
    assert_eq!(out["rows"][0]["phoneNumber"], json!("+12125550100"));

    for (options, path) in [
        (json!({"phoneColumn": 3}), "options.phoneColumn"),
        (json!({"rows": "some"}), "options.rows"),
        (json!({"nope": 1}), "options.nope"),
    ] {
        let e = preflight_bland_csv(batch(), "phone\n1\n", options.clone(), &Fixed)
            .map_err(|e| error_to_js(&e));
        let Err(e) = e else {
            panic!("{options} did not throw");
        };
        assert_eq!(e["code"], json!("validation_failed"), "{options}");
        assert_eq!(e["issues"][0]["path"], json!(path), "{options}");
    }
    for (p, code) in [
        (CsvTextProblem::NotAString, "invalid_type"),
        (CsvTextProblem::LoneSurrogate, "invalid_format"),
        (CsvTextProblem::NotUtf8(3), "invalid_format"),
    ] {
        let e = error_to_js(&csv_text_error(p));
        assert_eq!(e["issues"][0]["path"], json!("csvText"));
        assert_eq!(e["issues"][0]["code"], json!(code));
    }
}

#[test]
fn a_batch_whose_fields_do_not_read_still_reports_the_csv() {
    let out = preflight_bland_csv(
        json!({"basePrompt": 5}),
        "phone\n1,2\n",
        json!({"nowMs": NOW_MS}),
        &Fixed,
    )
    .unwrap_or_default();
    let codes: Vec<String> = codes_paths(&out["issues"])
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes.first().map(String::as_str), Some("csv_field_count"));
    assert!(codes.contains(&"invalid_type".to_owned()), "{codes:?}");
    assert_eq!(out["rows"], json!([]));
}
