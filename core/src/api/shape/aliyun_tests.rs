//! Alibaba's shape seed against the typed round trip (`registry::parse_typed_aliyun`, `Data` as
//! an object): identical output text and errors, `Data` and `dialogDetail` as objects, arrays and
//! JSON text (compact, pretty-printed, cut short for line numbers, broken), positional arrays for
//! the plain response structs, every JSON literal in the sources.

use super::aliyun::{A, AStruct, answer};
use super::tests::{fixtures, object_variants, probes, response, same};
use crate::api::registry::{Operation, parse_typed_aliyun};
use serde_json::{Value, json};

const ALIYUN_OPS: &[Operation] = &[
    Operation::AliyunBatchRobotSmartCall,
    Operation::AliyunQueryCallDetailByTaskId,
    Operation::AliyunQueryCallDetailByCallId,
    Operation::AliyunQueryRobotTaskList,
];

#[test]
fn every_alibaba_operation_has_a_table_and_no_other_does() {
    for op in Operation::ALL {
        assert_eq!(
            answer(*op).is_some(),
            ALIYUN_OPS.contains(op),
            "{}",
            op.name()
        );
    }
}

/// Values Alibaba's lenient readers treat specially, beyond the shared probes.
fn lenient_probes() -> Vec<Value> {
    vec![
        json!(" "),
        json!("12"),
        json!(" 12 "),
        json!("1.5"),
        json!("-7"),
        json!("true"),
        json!(12.0),
        json!(-3.0),
        json!(1e20),
        json!(9_223_372_036_854_775_808u64),
        json!(9_223_372_036_854_775_807i64),
        json!(0.1),
    ]
}

fn sample(shape: &A, depth: usize) -> Value {
    match shape {
        A::Str => json!("OK"),
        A::OptStr => json!("name"),
        A::LenientStr => json!("text"),
        A::LenientI64 => json!(42),
        A::Status => json!("200000"),
        A::JsonList(s) => json!([object(s, depth)]),
        A::Data(inner) => Value::String(sample(inner, depth).to_string()),
        A::Seq(inner) => json!([sample(inner, depth), sample(inner, depth)]),
        A::Struct(s) => object(s, depth),
    }
}

fn object(s: &AStruct, depth: usize) -> Value {
    if depth == 0 {
        return json!({});
    }
    Value::Object(
        s.fields
            .iter()
            .map(|f| (f.wire.to_owned(), sample(&f.shape, depth - 1)))
            .collect(),
    )
}

/// JSON text forms of `v`: compact, pretty (several lines), and broken ones.
fn texts(v: &Value, out: &mut Vec<Value>) {
    out.push(Value::String(v.to_string()));
    let pretty = serde_json::to_string_pretty(v).unwrap_or_default();
    // Cut short: a syntax error on a later line (its position is kept; it wins over any type
    // error before it, since the text is parsed whole first).
    let mut cut = pretty.clone();
    cut.pop();
    out.push(Value::String(pretty));
    out.push(Value::String(cut));
}

fn broken_texts() -> Vec<Value> {
    [
        "{",
        "{\"a\":1",
        "[1,]",
        "{\"a\":1} x",
        "[“小王”]",
        "  ",
        "nul",
        "[{\"role\":1}]",
        "{}\n\n  {",
    ]
    .into_iter()
    .map(|s| json!(s))
    .collect()
}

fn variants(shape: &A, depth: usize, out: &mut Vec<Value>) {
    out.extend(probes());
    out.extend(lenient_probes());
    out.push(sample(shape, depth));
    match shape {
        A::Struct(s) if depth > 0 => struct_variants(s, depth - 1, out),
        A::Seq(inner) => {
            let mut vs = Vec::new();
            variants(inner, depth, &mut vs);
            let good = sample(inner, depth);
            out.extend(vs.into_iter().map(|v| json!([good.clone(), v])));
        }
        A::JsonList(s) => {
            let mut vs = Vec::new();
            variants(&A::Struct(s), depth, &mut vs);
            let good = object(s, depth);
            for v in vs {
                let list = json!([good.clone(), v, null]);
                texts(&list, out);
                out.push(list);
            }
            out.extend(broken_texts());
        }
        A::Data(inner) => {
            let mut vs = Vec::new();
            variants(inner, depth, &mut vs);
            for v in vs {
                texts(&v, out);
                out.push(v);
            }
            out.extend(broken_texts());
        }
        _ => {}
    }
}

/// A full object, each field absent and varied, aliases alone and beside their field, unknown
/// fields first and last, reversed order; for a plain struct also the positional array forms.
fn struct_variants(s: &AStruct, depth: usize, out: &mut Vec<Value>) {
    let Value::Object(base) = object(s, depth + 1) else {
        return;
    };
    let fields = s.fields.iter().map(|f| {
        let mut vs = Vec::new();
        variants(&f.shape, depth, &mut vs);
        (f.wire, f.aliases, vs, sample(&f.shape, depth))
    });
    object_variants(&base, fields, out);
    let items: Vec<Value> = base.values().cloned().collect();
    for n in 0..=items.len() {
        out.push(Value::Array(items.iter().take(n).cloned().collect()));
    }
    let mut longer = items.clone();
    longer.push(json!("one too many"));
    out.push(Value::Array(longer));
    for (i, _) in items.iter().enumerate() {
        let mut wrong = items.clone();
        if let Some(x) = wrong.get_mut(i) {
            *x = json!({"wrong": [true]});
        }
        out.push(Value::Array(wrong));
    }
}

#[test]
fn alibaba_generated_variants_read_as_the_typed_models_do() {
    let (mut cases, mut accepted, mut in_text, mut multi_line) = (0usize, 0usize, 0usize, 0usize);
    for op in ALIYUN_OPS {
        let Some(table) = answer(*op) else {
            panic!("{} has no table", op.name());
        };
        let mut vs = Vec::new();
        variants(&A::Struct(table), 3, &mut vs);
        for v in vs {
            cases += 1;
            if same(*op, parse_typed_aliyun, &v) {
                accepted += 1;
            } else if let Err(e) = super::parse(*op, &response(&v)) {
                let e = e.to_string();
                let inside = e.contains("not the expected JSON: at ");
                // A type error inside the (innermost) text names its path, never a position.
                let innermost = e.rsplit("not the expected JSON: ").next().unwrap_or("");
                assert!(
                    !(innermost.starts_with("at ") && innermost.contains(" column ")),
                    "{e}"
                );
                in_text += usize::from(inside);
                multi_line += usize::from(e.contains(" line 2") || e.contains(" line 3"));
            }
        }
    }
    eprintln!(
        "{cases} cases, {accepted} accepted, {in_text} errors inside JSON text, {multi_line} on later lines"
    );
    // The text path must be exercised: type errors with a path inside `Data`/`dialogDetail`
    // text and syntax errors past the first line (pretty-printed text cut short).
    assert!(
        in_text > 100 && multi_line > 100,
        "{in_text} / {multi_line}"
    );
    assert!(cases > 5_000, "{cases} cases");
    assert!(
        accepted > 3_000 && cases - accepted > 3_000,
        "{accepted} of {cases} accepted"
    );
}

#[test]
fn every_json_literal_in_the_sources_reads_the_same_as_every_alibaba_answer() {
    let mut accepted = 0;
    for v in &fixtures() {
        for op in ALIYUN_OPS {
            accepted += usize::from(same(*op, parse_typed_aliyun, v));
            let wrapped = json!({"Code": "OK", "Data": v.to_string()});
            accepted += usize::from(same(*op, parse_typed_aliyun, &wrapped));
        }
    }
    assert!(accepted > 1_000, "{accepted} accepted");
}

/// `Data` text is parsed into a `Value` and read by its shape: type errors name the path inside
/// the text (no line/column), syntax errors keep `serde_json`'s position and win over a type
/// error before them; the typed oracle says the same (`same`).
#[test]
fn data_text_errors_name_the_path_inside_not_a_position() {
    const AT: &str = "invalid JSON input: QueryCallDetailByCallId: unexpected shape at `Data`: \
                      the string is not the expected JSON: ";
    let digits = "expected an integer or a string of digits";
    for (data, want) in [
        (
            "{\"duration\":\"sixteen\"}".to_owned(),
            format!("at duration: invalid value: string \"sixteen\", {digits}"),
        ),
        (
            "{\n  \"caller\": \"1\",\n  \"duration\": [1]\n}".to_owned(),
            format!("at duration: invalid type: sequence, {digits}"),
        ),
        (
            "{\"caller\":{\"a\":1}}".to_owned(),
            "at caller: invalid type: map, expected a string or a number".to_owned(),
        ),
        (
            "{\"duration\":\"x\",".to_owned(),
            "EOF while parsing a value at line 1 column 16".to_owned(),
        ),
        (
            "{\n\"duration\":1,\n\"caller\":}".to_owned(),
            "expected value at line 3 column 10".to_owned(),
        ),
        (
            "[1]".to_owned(),
            "invalid type: sequence, expected struct CallRecord".to_owned(),
        ),
        (
            "not json".to_owned(),
            "expected ident at line 1 column 2".to_owned(),
        ),
        (
            "{\"a\":1} x".to_owned(),
            "trailing characters at line 1 column 9".to_owned(),
        ),
        (
            "{“caller”:1}".to_owned(),
            "key must be a string at line 1 column 2; it contains typographic quotes (“ ”), \
             as Alibaba's doc example does: use plain \""
                .to_owned(),
        ),
    ] {
        let body = json!({"Code": "OK", "Data": data});
        let op = Operation::AliyunQueryCallDetailByCallId;
        assert!(!same(op, parse_typed_aliyun, &body), "{data} was accepted");
        let got = super::parse(op, &response(&body)).map(|p| p.data);
        assert_eq!(
            got.map_err(|e| e.to_string()),
            Err(format!("{AT}{want}")),
            "{data}"
        );
    }
}
