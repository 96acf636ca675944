//! One test per syntax and rendering rule. The data-driven cases, the JS number table, the Bland
//! golden case and the property tests live in `core/tests/template.rs`.

use super::*;
use crate::issue::{IssueCode, Path};
use serde_json::json;

fn row(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn render(src: &str, v: Value) -> Result<String, RenderError> {
    match Template::parse(src) {
        Ok(t) => t.render(&row(v)),
        Err(e) => panic!("{src:?} should parse: {e}"),
    }
}

fn err(src: &str) -> TemplateError {
    match Template::parse(src) {
        Ok(_) => panic!("{src:?} should not parse"),
        Err(e) => e,
    }
}

#[test]
fn substitutes_and_allows_padding() {
    let r = json!({"a": "A", "b": "B"});
    assert_eq!(render("x{{a}}y{{ b }}z", r.clone()).unwrap(), "xAyBz");
    assert_eq!(render("{{\ta\t}}{{  b}}", r).unwrap(), "AB");
}

#[test]
fn dotted_paths_read_nested_objects() {
    let r = json!({"customer": {"first_name": "Ada", "address": {"city": "Lyon"}}});
    assert_eq!(
        render("{{customer.first_name}} in {{ customer.address.city }}", r).unwrap(),
        "Ada in Lyon"
    );
}

#[test]
fn dotted_path_through_a_non_object_is_missing() {
    let r = json!({"customer": "Ada", "list": [{"x": 1}]});
    let e = render("{{customer.first_name}}{{list.0}}", r).unwrap_err();
    assert_eq!(
        e.problems,
        vec![
            VariableProblem::Missing("customer.first_name".into()),
            VariableProblem::Missing("list.0".into())
        ]
    );
}

#[test]
fn flat_key_with_a_dot_is_not_a_path() {
    // A dotted name always walks objects; a flat `"a.b"` key does not satisfy `{{a.b}}`.
    let e = render("{{a.b}}", json!({"a.b": "flat"})).unwrap_err();
    assert_eq!(e.problems, vec![VariableProblem::Missing("a.b".into())]);
}

#[test]
fn unicode_names_are_valid() {
    let r = json!({"prénom": "Zoé", "姓名": "王", "first-name": "x", "2fa_code": 7, "e\u{301}t": "nfd"});
    assert_eq!(
        render(
            "{{prénom}} {{姓名}} {{first-name}} {{2fa_code}} {{e\u{301}t}}",
            r
        )
        .unwrap(),
        "Zoé 王 x 7 nfd"
    );
}

#[test]
fn output_is_never_html_escaped() {
    let r = json!({"co": "AT&T <b>\"bold\"</b> 'q'"});
    assert_eq!(
        render("<p>{{co}} & co</p>", r).unwrap(),
        "<p>AT&T <b>\"bold\"</b> 'q' & co</p>"
    );
}

#[test]
fn values_that_look_like_tags_are_not_expanded() {
    let r = json!({"a": "{{b}}", "b": "no"});
    assert_eq!(render("{{a}}", r).unwrap(), "{{b}}");
}

#[test]
fn lone_closing_braces_and_single_braces_are_text() {
    let r = json!({"x": "X"});
    assert_eq!(render("a }} b", r.clone()).unwrap(), "a }} b");
    assert_eq!(
        render("{\"a\":{\"b\":1}}", r.clone()).unwrap(),
        "{\"a\":{\"b\":1}}"
    );
    assert_eq!(render("{ {x} }", r.clone()).unwrap(), "{ {x} }");
    assert_eq!(render("{{x}}}", r.clone()).unwrap(), "X}");
    assert_eq!(render("{{x}}}}", r.clone()).unwrap(), "X}}");
    assert_eq!(render("{\"k\": {{x}}}", r).unwrap(), "{\"k\": X}");
}

#[test]
fn triple_braces_are_malformed() {
    for src in ["{{{x}}}", "{{{x}}", "{{{{x}}}}", "a{{{ x }}}b"] {
        let e = err(src);
        assert_eq!(e.kind, TemplateErrorKind::Malformed, "{src}");
        assert!(e.message.contains("triple braces"), "{src}: {}", e.message);
        assert!(e.message.contains("write `{{x}}`"), "{src}: {}", e.message);
    }
    // The whole `{{{x}}}` is one bad tag: no second error for the trailing `}`.
    assert_eq!(Template::check("{{{x}}} {{y}}").len(), 1);
    assert!(
        err("{{{x}}}")
            .message
            .starts_with("malformed tag `{{{x}}}`")
    );
}

#[test]
fn open_braces_inside_text_start_a_tag() {
    // No escape exists: `{{` always opens a tag, so literal `{{` text is an unclosed tag.
    let e = err("use {{ to open");
    assert_eq!(e.kind, TemplateErrorKind::Unclosed);
    assert_eq!((e.line, e.column), (1, 5));
}

#[test]
fn empty_tags() {
    for src in ["{{}}", "{{ }}", "a {{ \t }} b"] {
        let e = err(src);
        assert_eq!(e.kind, TemplateErrorKind::Empty, "{src}");
        assert!(e.message.starts_with("empty tag `{{"), "{}", e.message);
    }
}

#[test]
fn names_with_spaces_explain_the_csv_header_rule() {
    let e = err("Hi {{first name}}!");
    assert_eq!(e.kind, TemplateErrorKind::Malformed);
    assert_eq!((e.line, e.column), (1, 4));
    assert!(e.message.contains("cannot contain spaces"), "{}", e.message);
    assert!(e.message.contains("`first name`"), "{}", e.message);
    assert!(e.message.contains("`first_name`"), "{}", e.message);
}

#[test]
fn malformed_names() {
    let cases = [
        ("{{a..b}}", "empty field name"),
        ("{{.a}}", "empty field name"),
        ("{{a.}}", "empty field name"),
        ("{{a#b}}", "`#` is not allowed"),
        ("{{a}b}}", "`}` is not allowed"),
        ("{{a{b}}", "`{` is not allowed"),
        ("{{a\u{0}}}", "`\\0` is not allowed"),
        ("{{#if x}}", "Mustache section"),
        ("{{/if}}", "Mustache section"),
        ("{{> partial}}", "Mustache section"),
        ("{{! comment }}", "Mustache section"),
        ("{{&x}}", "Mustache section"),
    ];
    for (src, needle) in cases {
        let e = err(src);
        assert_eq!(e.kind, TemplateErrorKind::Malformed, "{src}");
        assert!(e.message.contains(needle), "{src}: {}", e.message);
        assert!(
            e.message.starts_with("malformed tag `{{"),
            "{src}: {}",
            e.message
        );
    }
}

#[test]
fn unclosed_tags_stop_at_line_end_next_tag_or_end() {
    let e = err("Hello {{ name");
    assert_eq!(e.kind, TemplateErrorKind::Unclosed);
    assert_eq!(
        e.message,
        "unclosed tag `{{ name` (no `}}` before the end of the template)"
    );
    let e = err("Hello {{ name \nmore }}");
    assert_eq!(
        e.message,
        "unclosed tag `{{ name` (no `}}` before the end of the line)"
    );
    let e = err("Hello {{ name, {{ b }}");
    assert_eq!(
        e.message,
        "unclosed tag `{{ name,` (no `}}` before the next `{{`)"
    );
    assert_eq!((e.line, e.column), (1, 7));
}

#[test]
fn error_display_matches_the_documented_shape() {
    let e = err("Dear customer,\nyour renewal {{ date\nis due.");
    assert_eq!((e.line, e.column), (2, 14));
    assert_eq!(
        e.to_string(),
        "line 2, column 14: unclosed tag `{{ date` (no `}}` before the end of the line)"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // é (2 bytes), 日本 (3 bytes each), 🎉 (4 bytes, 2 UTF-16 units): each is one column.
    let e = err("ok {{a}}\nhé 日本 🎉 {{ b c }}");
    assert_eq!((e.line, e.column), (2, 9));
    let e = err("l1\nl2\n\t→ {{");
    assert_eq!((e.line, e.column), (3, 4));
}

#[test]
fn line_breaks_are_lf_crlf_or_lone_cr() {
    assert_eq!(
        (err("a\r\nb\r\n  {{").line, err("a\r\nb\r\n  {{").column),
        (3, 3)
    );
    let e = err("a\rb\r\n\n{{");
    assert_eq!((e.line, e.column), (4, 1));
    // A tag cannot span lines: CR ends it like LF.
    assert_eq!(err("{{a\r}}").kind, TemplateErrorKind::Unclosed);
}

#[test]
fn check_reports_every_error_in_order() {
    let src = "A {{ ok }} {{}} B {{first name}}\n{{ date\nC {{{x}}} {{a..b}} {{ unclosed";
    let all = Template::check(src);
    let got: Vec<_> = all.iter().map(|e| (e.kind, e.line, e.column)).collect();
    use TemplateErrorKind::*;
    assert_eq!(
        got,
        vec![
            (Empty, 1, 12),
            (Malformed, 1, 19),
            (Unclosed, 2, 1),
            (Malformed, 3, 3),
            (Malformed, 3, 11),
            (Unclosed, 3, 20),
        ]
    );
    assert_eq!(Some(err(src)), all.into_iter().next());
    assert!(Template::check("fine {{a}} {{b.c}}").is_empty());
}

#[test]
fn check_recovers_after_an_unclosed_tag_before_the_next() {
    let all = Template::check("{{a {{b}} {{c");
    let got: Vec<_> = all.iter().map(|e| (e.kind, e.column)).collect();
    assert_eq!(
        got,
        vec![
            (TemplateErrorKind::Unclosed, 1),
            (TemplateErrorKind::Unclosed, 11)
        ]
    );
}

#[test]
fn long_tags_are_cut_in_messages() {
    let long = format!("{{{{ {} ", "x".repeat(100));
    let e = err(&long);
    assert!(e.message.contains('…'), "{}", e.message);
    assert!(e.message.chars().count() < 100, "{}", e.message);
}

#[test]
fn variables_are_unique_in_first_appearance_order() {
    let t = Template::parse("{{ b }} {{a.x}} {{b}} {{c}} {{a.x}} {{a}}").unwrap();
    assert_eq!(t.variables(), vec!["b", "a.x", "c", "a"]);
    assert!(t.uses_field("a") && t.uses_field("b") && t.uses_field("c"));
    assert!(!t.uses_field("x") && !t.uses_field("a.x"));
    assert!(Template::parse("no tags").unwrap().variables().is_empty());
}

#[test]
fn source_is_kept_verbatim() {
    let src = "Hi {{ name }}\r\n";
    assert_eq!(Template::parse(src).unwrap().source(), src);
}

#[test]
fn scalars_render_canonically() {
    let r = json!({"s": "txt", "t": true, "f": false, "i": 42, "n": -7, "big": u64::MAX,
                   "one": 1.0, "tenth": 0.1, "e21": 1e21, "tiny": 1.5e-7, "nz": -0.0, "empty": ""});
    assert_eq!(
        render(
            "{{s}}|{{t}}|{{f}}|{{i}}|{{n}}|{{big}}|{{one}}|{{tenth}}|{{e21}}|{{tiny}}|{{nz}}|{{empty}}",
            r
        )
        .unwrap(),
        "txt|true|false|42|-7|18446744073709551615|1|0.1|1e+21|1.5e-7|0|"
    );
}

#[test]
fn all_problems_of_a_row_are_reported_once_each_in_order() {
    let t = Template::parse("{{a}} {{b}} {{c}} {{a}} {{d.e}} {{f}} {{ok}}").unwrap();
    let r = row(json!({"b": null, "c": [1], "d": {"e": {"x": 1}}, "ok": "fine"}));
    let e = t.render(&r).unwrap_err();
    assert_eq!(
        e.problems,
        vec![
            VariableProblem::Missing("a".into()),
            VariableProblem::Missing("b".into()),
            VariableProblem::NonScalar("c".into()),
            VariableProblem::NonScalar("d.e".into()),
            VariableProblem::Missing("f".into()),
        ]
    );
    assert!(
        e.to_string()
            .starts_with("missing variable `a`: the template uses `{{a}}`")
    );
}

#[test]
fn render_into_appends_and_leaves_out_untouched_on_error() {
    let t = Template::parse("[{{a}}]").unwrap();
    let mut out = String::from("prefix:");
    t.render_into(&row(json!({"a": 1})), &mut out).unwrap();
    assert_eq!(out, "prefix:[1]");
    let before = out.clone();
    assert!(t.render_into(&row(json!({})), &mut out).is_err());
    assert_eq!(out, before);
}

#[test]
fn render_batch_gives_one_result_per_row() {
    let t = Template::parse("Hi {{name}}").unwrap();
    let rows = vec![
        row(json!({"name": "A"})),
        row(json!({})),
        row(json!({"name": {"x": 1}})),
    ];
    let got = render_batch(&t, &rows);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0], Ok("Hi A".to_owned()));
    assert_eq!(
        got[1],
        Err(RenderError {
            problems: vec![VariableProblem::Missing("name".into())]
        })
    );
    assert_eq!(
        got[2],
        Err(RenderError {
            problems: vec![VariableProblem::NonScalar("name".into())]
        })
    );
}

#[test]
fn lookup_walks_dotted_names() {
    let r = row(json!({"a": {"b": {"c": 3}}, "s": "x"}));
    assert_eq!(lookup(&r, "a.b.c"), Some(&json!(3)));
    assert_eq!(lookup(&r, "a.b"), Some(&json!({"c": 3})));
    assert_eq!(lookup(&r, "s.x"), None);
    assert_eq!(lookup(&r, "missing"), None);
}

#[test]
fn errors_become_issues_with_wire_paths() {
    let e = err("{{}}");
    let issue = e.to_issue(&Path::from("base_prompt"));
    assert_eq!(issue.code, IssueCode::TemplateSyntax);
    assert_eq!(issue.path.as_str(), "base_prompt");
    assert!(issue.message.starts_with("line 1, column 1: empty tag"));

    let t = Template::parse("{{customer.name}} {{plan}}").unwrap();
    let e = t
        .render(&row(json!({"customer": {}, "plan": ["x"]})))
        .unwrap_err();
    let issues = e.to_issues(&Path::from("call_data").index(3));
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i.code, i.path.as_str().to_owned()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                IssueCode::MissingVariable,
                "call_data[3].customer.name".to_owned()
            ),
            (IssueCode::NonScalarVariable, "call_data[3].plan".to_owned()),
        ]
    );
}

#[test]
fn error_kinds_have_stable_names() {
    assert_eq!(TemplateErrorKind::Unclosed.as_str(), "unclosed");
    assert_eq!(TemplateErrorKind::Empty.as_str(), "empty");
    assert_eq!(TemplateErrorKind::Malformed.as_str(), "malformed");
}

#[test]
fn many_variables_keep_order_and_report_each_once() {
    // Dedup uses a map while parsing and one pass over the variables when rendering fails, so
    // large generated templates stay linear; order and uniqueness must survive that.
    let names: Vec<String> = (0..3000)
        .map(|i| format!("v{}", (i * 7919) % 1000))
        .collect();
    let src: String = names.iter().map(|n| format!("{{{{{n}}}}} ")).collect();
    let t = Template::parse(&src).unwrap();
    let mut want: Vec<&str> = Vec::new();
    for n in &names {
        if !want.contains(&n.as_str()) {
            want.push(n);
        }
    }
    assert_eq!(want.len(), 1000);
    assert_eq!(t.variables(), want);
    let mut r = Map::new();
    r.insert(want[0].to_owned(), json!("ok"));
    let e = t.render(&r).unwrap_err();
    assert_eq!(e.problems.len(), 999);
    assert_eq!(e.problems[0], VariableProblem::Missing(want[1].to_owned()));
    assert_eq!(
        e.problems[998],
        VariableProblem::Missing(want[999].to_owned())
    );
}

#[test]
fn same_key_agrees_with_str_equality() {
    // Every length up to 20 (both word sizes, their overlaps, the `==` fallback), keys differing
    // in their first, a middle or their last byte, and non-ASCII bytes.
    let mut keys: Vec<String> = Vec::new();
    for n in 0..=20usize {
        let base: String = "abcdefghijklmnopqrstu".chars().take(n).collect();
        keys.push(base.clone());
        for at in [0, n / 2, n.saturating_sub(1)] {
            if n > 0 {
                let mut b = base.clone().into_bytes();
                b[at] = b'Z';
                keys.push(String::from_utf8(b).unwrap());
            }
        }
    }
    keys.extend(["é", "né", "naïve", "naïvf", "日本語のキー", "日本語のキイ"].map(String::from));
    for a in &keys {
        for b in &keys {
            assert_eq!(super::same_key(a, b), a == b, "{a:?} vs {b:?}");
        }
    }
}
