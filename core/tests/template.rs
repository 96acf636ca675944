//! Template behaviour from data: the case table (`data/template/cases.json`), JavaScript's own
//! number output (`data/template/js_numbers.json`, made by `gen_js_numbers.js` under Node), the
//! Bland batch guide's example as a golden case, and property tests.

use callplane_core::template::{
    RenderError, Template, TemplateErrorKind, VariableProblem, render_batch,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const CASES: &str = include_str!("data/template/cases.json");
const JS_NUMBERS: &str = include_str!("data/template/js_numbers.json");

fn object(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn kind_name(k: TemplateErrorKind) -> &'static str {
    k.as_str()
}

fn problem_pair(p: &VariableProblem) -> (String, String) {
    match p {
        VariableProblem::Missing(n) => ("missing".into(), n.clone()),
        VariableProblem::NonScalar(n) => ("non_scalar".into(), n.clone()),
    }
}

#[test]
fn case_table() {
    let data: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
    let cases = data["cases"].as_array().expect("cases array");
    assert!(cases.len() >= 30, "the table shrank");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let src = case["template"].as_str().expect("template string");
        let checked = Template::check(src);
        let parsed = Template::parse(src);

        if let Some(expected) = case.get("errors").and_then(Value::as_array) {
            let got: Vec<_> = checked
                .iter()
                .map(|e| (kind_name(e.kind), e.line, e.column))
                .collect();
            let want: Vec<_> = expected
                .iter()
                .map(|e| {
                    (
                        e[0].as_str().unwrap_or(""),
                        e[1].as_u64().unwrap_or(0) as usize,
                        e[2].as_u64().unwrap_or(0) as usize,
                    )
                })
                .collect();
            if got != want {
                failures.push(format!("{name}: errors {got:?}, want {want:?}"));
                continue;
            }
            for (e, want) in checked.iter().zip(expected) {
                let needle = want[3].as_str().unwrap_or("");
                if !e.message.contains(needle) {
                    failures.push(format!("{name}: message {:?} lacks {needle:?}", e.message));
                }
            }
            match &parsed {
                Err(first) if Some(first) == checked.first() => {}
                other => failures.push(format!("{name}: parse gave {other:?}, want first error")),
            }
            continue;
        }

        let t = match parsed {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{name}: unexpected error {e}"));
                continue;
            }
        };
        if !checked.is_empty() {
            failures.push(format!(
                "{name}: check found {checked:?} but parse succeeded"
            ));
        }
        if let Some(vars) = case.get("variables").and_then(Value::as_array) {
            let want: Vec<&str> = vars.iter().filter_map(Value::as_str).collect();
            if t.variables() != want {
                failures.push(format!(
                    "{name}: variables {:?}, want {want:?}",
                    t.variables()
                ));
            }
        }
        for r in case
            .get("renders")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let got = t.render(&object(&r["row"]));
            if let Some(out) = r.get("output").and_then(Value::as_str) {
                if got.as_deref() != Ok(out) {
                    failures.push(format!("{name}: rendered {got:?}, want {out:?}"));
                }
            } else if let Some(problems) = r.get("problems").and_then(Value::as_array) {
                let want: Vec<(String, String)> = problems
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap_or("").to_owned(),
                            p[1].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect();
                let got_pairs = got
                    .as_ref()
                    .err()
                    .map(|e| e.problems.iter().map(problem_pair).collect::<Vec<_>>());
                if got_pairs.as_ref() != Some(&want) {
                    failures.push(format!("{name}: got {got:?}, want problems {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn floats_render_exactly_as_javascript_prints_them() {
    let data: Value = serde_json::from_str(JS_NUMBERS).expect("js_numbers.json is JSON");
    let cases = data["cases"].as_array().expect("cases array");
    assert!(cases.len() > 5000, "the JS table shrank");
    let t = Template::parse("{{x}}").expect("parses");
    let mut row = Map::new();
    let mut out = String::new();
    let mut failures = Vec::new();
    for case in cases {
        let bits = case["bits"].as_str().expect("bits");
        let js = case["js"].as_str().expect("js");
        let x = f64::from_bits(u64::from_str_radix(bits, 16).expect("hex bits"));
        let Some(n) = serde_json::Number::from_f64(x) else {
            failures.push(format!("{bits}: not a finite JSON number"));
            continue;
        };
        row.insert("x".into(), Value::Number(n));
        out.clear();
        match t.render_into(&row, &mut out) {
            Ok(()) if out == js => {}
            other => failures.push(format!("{bits} ({x:e}): got {other:?} {out:?}, JS {js:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ from JS:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

/// The prompt and `call_data` of Bland's batch guide (French edition, seed `000_*.txt`, "Étape 2"
/// and "Étape 3"). `phone_number` is a row field no variable uses.
#[test]
fn bland_batch_guide_golden() {
    let prompt = "You are calling {{business}} to renew their subscription to {{service}} before it expires on {{date}}.";
    let rows = vec![
        object(&json!({
            "phone_number": "1234567890",
            "business": "ABC co.",
            "service": "Netflix",
            "date": "September 4th",
        })),
        object(&json!({
            "phone_number": "32176540987",
            "business": "XYZ inc.",
            "service": "Window Cleaning",
            "date": "December 20th",
        })),
    ];
    let t = Template::parse(prompt).expect("the vendor's own example parses");
    assert_eq!(t.variables(), vec!["business", "service", "date"]);
    assert!(!t.uses_field("phone_number"));
    let out = render_batch(&t, &rows);
    assert_eq!(
        out,
        vec![
            Ok("You are calling ABC co. to renew their subscription to Netflix before it expires on September 4th.".to_owned()),
            Ok("You are calling XYZ inc. to renew their subscription to Window Cleaning before it expires on December 20th.".to_owned()),
        ]
    );
    // Dropping `date` from the second row reports that row alone.
    let mut broken = rows.clone();
    broken[1].remove("date");
    let out = render_batch(&t, &broken);
    assert!(out[0].is_ok());
    assert_eq!(
        out[1],
        Err(RenderError {
            problems: vec![VariableProblem::Missing("date".into())]
        })
    );
}

// ---- property tests

/// A valid field: letters (incl. non-ASCII), digits, `_`, `-`.
fn field() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_éß日本-]{1,6}"
}

/// A valid (maybe dotted) name.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(field(), 1..=3).prop_map(|f| f.join("."))
}

/// Text that cannot touch a tag: no `{` (a `{` before `{{` would make `{{{`); `}` is allowed.
fn text() -> impl Strategy<Value = String> {
    "[a-z }\n\r\téà日🎉.,:\"<>&]{0,12}"
}

/// Random text and tags (with random padding); returns the source and the names in tag order.
fn template_parts() -> impl Strategy<Value = (String, Vec<String>)> {
    (
        text(),
        prop::collection::vec((name(), "[ \t]{0,2}", "[ \t]{0,2}", text()), 0..8),
    )
        .prop_map(|(head, tags)| {
            let mut src = head;
            let mut names = Vec::new();
            for (n, l, r, t) in tags {
                src.push_str(&format!("{{{{{l}{n}{r}}}}}{t}"));
                names.push(n);
            }
            (src, names)
        })
}

/// Insert `name` into `row`, building nested objects for dotted names; `false` when an earlier
/// name made a prefix a string (then the row cannot hold both and the case is skipped).
fn insert(row: &mut Map<String, Value>, name: &str, value: Value) -> bool {
    let mut fields: Vec<&str> = name.split('.').collect();
    let Some(leaf) = fields.pop() else {
        return false;
    };
    let mut cur = row;
    for f in fields {
        let entry = cur
            .entry(f.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        match entry.as_object_mut() {
            Some(m) => cur = m,
            None => return false,
        }
    }
    if cur.get(leaf).is_some_and(Value::is_object) {
        return false;
    }
    cur.insert(leaf.to_owned(), value);
    true
}

/// Byte offset of a 1-based (line, column), with the documented line breaks.
fn offset_of(src: &str, line: usize, column: usize) -> Option<usize> {
    let (mut l, mut c) = (1, 1);
    let mut chars = src.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if (l, c) == (line, column) {
            return Some(i);
        }
        match ch {
            '\r' => {
                if chars.peek().map(|&(_, n)| n) == Some('\n') {
                    chars.next();
                }
                l += 1;
                c = 1;
            }
            '\n' => {
                l += 1;
                c = 1;
            }
            _ => c += 1,
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// (1) With every variable bound to text free of `{{`, the output holds no `{{`.
    /// Values must also not start or end with `{`: `{{a}}{{b}}` with a = b = `{` renders `{{`
    /// from two innocent values, so the invariant only holds in this sharper form.
    #[test]
    fn rendering_leaves_no_open_braces(
        (src, names) in template_parts(),
        values in prop::collection::vec("[a-z{} ]{0,6}", 8),
    ) {
        let t = Template::parse(&src).map_err(|e| TestCaseError::fail(format!("{src:?}: {e}")))?;
        let mut row = Map::new();
        for (n, v) in names.iter().zip(values.iter().cycle()) {
            let mut v = v.clone();
            while v.contains("{{") {
                v = v.replace("{{", "{ {");
            }
            let v = v.trim_matches('{').to_owned();
            prop_assume!(insert(&mut row, n, Value::String(v)));
        }
        let out = t.render(&row).map_err(|e| TestCaseError::fail(format!("{src:?}: {e}")))?;
        prop_assert!(!out.contains("{{"), "{:?} -> {:?}", src, out);
    }

    /// (2) Parsing never panics, and parse agrees with check: Ok iff no errors, else the first.
    #[test]
    fn parse_never_panics(src in any::<String>()) {
        let checked = Template::check(&src);
        match Template::parse(&src) {
            Ok(_) => prop_assert!(checked.is_empty()),
            Err(e) => prop_assert_eq!(Some(&e), checked.first()),
        }
    }

    /// (2b) Same on brace-heavy input, where the interesting cases are; and every error points
    /// at a `{{` in the source.
    #[test]
    fn errors_point_at_an_opening_tag(src in "[{} a.\n\r\té日🎉#]{0,40}") {
        for e in Template::check(&src) {
            let at = offset_of(&src, e.line, e.column);
            prop_assert!(
                at.is_some_and(|i| src[i..].starts_with("{{")),
                "{:?}: {} points at {:?}", src, e, at
            );
        }
    }

    /// Any finite float renders as text that reads back as the same float (JS's layout included:
    /// `1e+21`, `1.5e-7`, `0.000001`).
    #[test]
    fn floats_round_trip(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let t = Template::parse("{{x}}").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut row = Map::new();
        row.insert("x".into(), json!(x));
        let out = t.render(&row).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: f64 = out.parse().map_err(|_| TestCaseError::fail(format!("{out:?} is not a number")))?;
        prop_assert!(back == x, "{:e} rendered {:?}", x, out);
    }

    /// (3) `variables()` of random text + random tags equals the tags used (unique, in order).
    #[test]
    fn variables_are_the_tags_used((src, names) in template_parts()) {
        let t = Template::parse(&src).map_err(|e| TestCaseError::fail(format!("{src:?}: {e}")))?;
        let mut want: Vec<&str> = Vec::new();
        for n in &names {
            if !want.contains(&n.as_str()) {
                want.push(n);
            }
        }
        prop_assert_eq!(t.variables(), want);
    }
}
