use super::{CsvError, CsvErrorKind as K, Reader, Record, js_trim, parse};
use serde_json::Value;
use std::collections::BTreeMap;

/// One rule: the text, the header, the rows `(line, fields)` and the errors `(line, kind)`.
struct Case {
    name: &'static str,
    text: &'static str,
    columns: &'static [&'static str],
    rows: &'static [(usize, &'static [&'static str])],
    errors: Vec<(usize, K)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "plain LF",
            text: "phone,name\n+1 201 555 0100,Ann\n2,Bo\n",
            columns: &["phone", "name"],
            rows: &[(2, &["+1 201 555 0100", "Ann"]), (3, &["2", "Bo"])],
            errors: vec![],
        },
        Case {
            name: "BOM and CRLF",
            text: "\u{feff}phone,name\r\n1,a\r\n2,b\r\n",
            columns: &["phone", "name"],
            rows: &[(2, &["1", "a"]), (3, &["2", "b"])],
            errors: vec![],
        },
        Case {
            name: "CR line ends, no final break",
            text: "phone,name\r1,a\r2,b",
            columns: &["phone", "name"],
            rows: &[(2, &["1", "a"]), (3, &["2", "b"])],
            errors: vec![],
        },
        Case {
            name: "semicolons when the header has no comma",
            text: "phone;name\n1;a,b\n",
            columns: &["phone", "name"],
            rows: &[(2, &["1", "a,b"])],
            errors: vec![],
        },
        Case {
            name: "tab wins over semicolon",
            text: "phone\tname;x\n1\t2;3\n",
            columns: &["phone", "name;x"],
            rows: &[(2, &["1", "2;3"])],
            errors: vec![],
        },
        Case {
            name: "a comma in the header line makes it CSV",
            text: "a;b,c\n1;2,3\n",
            columns: &["a;b", "c"],
            rows: &[(2, &["1;2", "3"])],
            errors: vec![],
        },
        Case {
            // parseCsv looks at the whole header line, quoted text included.
            name: "a quoted comma counts for the delimiter too",
            text: "\"a,b\";c\n1;2\n",
            columns: &["a,b;c"],
            rows: &[(2, &["1;2"])],
            errors: vec![(1, K::TextAfterClosingQuote)],
        },
        Case {
            name: "quoted delimiter, escaped quotes, CRLF inside quotes read as LF",
            text: "a,b\n\"x, y\",\"say \"\"hi\"\"\r\nagain\"\n3,4\n",
            columns: &["a", "b"],
            rows: &[(2, &["x, y", "say \"hi\"\nagain"]), (4, &["3", "4"])],
            errors: vec![],
        },
        Case {
            name: "blank lines are no records, a quoted empty line is blank too",
            text: "\n\na,b\n\n1,2\n\"\"\n\r\n3,4",
            columns: &["a", "b"],
            rows: &[(5, &["1", "2"]), (8, &["3", "4"])],
            errors: vec![],
        },
        Case {
            name: "a quote inside an unquoted field is kept and reported",
            text: "a,b\nx\"y,2\n",
            columns: &["a", "b"],
            rows: &[(2, &["x\"y", "2"])],
            errors: vec![(2, K::QuoteInUnquotedField)],
        },
        Case {
            name: "text after a closing quote is kept and reported once",
            text: "a,b\n\"x\"yz,2\n1,\"w\" \n",
            columns: &["a", "b"],
            rows: &[(2, &["xyz", "2"]), (3, &["1", "w "])],
            errors: vec![(2, K::TextAfterClosingQuote), (3, K::TextAfterClosingQuote)],
        },
        Case {
            name: "an unclosed quote runs to the end, reported at its record's line",
            text: "a,b\n1,2\n3,\"never closed\nsecond line",
            columns: &["a", "b"],
            rows: &[(2, &["1", "2"]), (3, &["3", "never closed\nsecond line"])],
            errors: vec![(3, K::UnclosedQuote)],
        },
        Case {
            name: "a lone quote at the end is no record",
            text: "a,b\n\"",
            columns: &["a", "b"],
            rows: &[],
            errors: vec![(2, K::UnclosedQuote)],
        },
        Case {
            name: "records with another number of fields",
            text: "a,b\n1,2,3\n4\n5,6\n7,\n",
            columns: &["a", "b"],
            rows: &[(4, &["5", "6"]), (5, &["7", ""])],
            errors: vec![
                (2, K::FieldCount { got: 3, want: 2 }),
                (3, K::FieldCount { got: 1, want: 2 }),
            ],
        },
        Case {
            name: "header names trimmed as JS trims (NBSP, ideographic space; not U+0085)",
            text: " a , b ,\u{a0}c\u{3000}\n1,2,3\n",
            columns: &["a", "b", "c"],
            rows: &[(2, &["1", "2", "3"])],
            errors: vec![],
        },
        Case {
            name: "unnamed and repeated columns",
            text: "a,,a\n1,2,3\n",
            columns: &["a", "", "a"],
            rows: &[(2, &["1", "2", "3"])],
            errors: vec![
                (1, K::UnnamedColumn(2)),
                (1, K::DuplicateColumn("a".into())),
            ],
        },
        Case {
            name: "no record at all",
            text: "\u{feff}\n\r\n",
            columns: &[],
            rows: &[],
            errors: vec![(1, K::NoHeader)],
        },
        Case {
            name: "errors in parseCsv's order: quoting, header, field counts",
            text: "a,a\n1,2,3\nx\"y,2\n",
            columns: &["a", "a"],
            rows: &[(3, &["x\"y", "2"])],
            errors: vec![
                (3, K::QuoteInUnquotedField),
                (1, K::DuplicateColumn("a".into())),
                (2, K::FieldCount { got: 3, want: 2 }),
            ],
        },
        Case {
            name: "non-ASCII text and line numbers after a multi-line field",
            text: "名前,b\n\"Ä\n😀\",é\nx,y\n",
            columns: &["名前", "b"],
            rows: &[(2, &["Ä\n😀", "é"]), (4, &["x", "y"])],
            errors: vec![],
        },
    ]
}

#[test]
fn every_rule_reads_as_parse_csv_reads_it() {
    for c in cases() {
        let t = parse(c.text);
        assert_eq!(t.columns, c.columns, "{}: columns", c.name);
        let rows: Vec<(usize, Vec<&str>)> = t
            .rows
            .iter()
            .map(|(l, f)| (*l, f.iter().map(String::as_str).collect()))
            .collect();
        let want: Vec<(usize, Vec<&str>)> = c.rows.iter().map(|(l, f)| (*l, f.to_vec())).collect();
        assert_eq!(rows, want, "{}: rows", c.name);
        let want: Vec<CsvError> = c
            .errors
            .iter()
            .map(|(line, kind)| CsvError {
                line: *line,
                kind: kind.clone(),
            })
            .collect();
        assert_eq!(t.errors, want, "{}: errors", c.name);
    }
}

#[test]
fn delimiter_detection() {
    for (text, d) in [
        ("a,b", b','),
        ("a;b", b';'),
        ("a\tb", b'\t'),
        ("a\tb;c", b'\t'),
        ("a", b','),
        ("\"a,b\nc\";d\n", b','),
        ("\"a\nb\";c\n", b';'),
        ("a\nb;c", b','),
        ("\u{feff}a;b", b';'),
    ] {
        assert_eq!(Reader::new(text).delimiter(), d, "{text:?}");
    }
}

#[test]
fn js_trim_is_not_rusts_trim() {
    assert_eq!(js_trim("\u{feff} a\u{2028}"), "a");
    assert_eq!(js_trim("\u{85}a\u{85}"), "\u{85}a\u{85}");
    assert_eq!(js_trim("\t\u{b}\u{c}\r\n a \u{2000}\u{3000}"), "a");
}

#[test]
fn the_record_buffer_is_reused_without_leaking_fields() {
    let mut r = Reader::new("a,b,c\n\"1\",22,333\n4,5,6\n");
    let mut rec = Record::default();
    let mut seen = Vec::new();
    while r.next_record(&mut rec) {
        seen.push((rec.line, rec.fields().collect::<Vec<_>>().join("|")));
    }
    assert_eq!(
        seen,
        [
            (1, "a|b|c".to_owned()),
            (2, "1|22|333".to_owned()),
            (3, "4|5|6".to_owned())
        ]
    );
    assert_eq!(rec.field(3), None);
    assert!(r.errors().is_empty());
}

#[test]
fn long_runs_cross_word_boundaries() {
    // Special bytes at every place around the 8-byte steps of the run scanners.
    for at in 0..20 {
        for special in [",", "\"", "\n", "\r", ";", "é"] {
            let field = format!("{}{special}{}", "x".repeat(at), "y".repeat(9));
            let quoted = format!("\"{}\"", field.replace('"', "\"\""));
            let text = format!("h\n{quoted}\n");
            let t = parse(&text);
            let want = field.replace("\r", "\n");
            assert_eq!(t.rows, [(2, vec![want])], "{special:?} at {at}");
            assert!(t.errors.is_empty(), "{special:?} at {at}");
        }
    }
}

/// `(columns, rows as parseCsv's `values` objects, errors as `(line, message)`)`.
type JsTable = (
    Vec<String>,
    Vec<(usize, BTreeMap<String, String>)>,
    Vec<(usize, String)>,
);

fn js_form(text: &str) -> JsTable {
    let t = parse(text);
    let rows = t
        .rows
        .iter()
        .map(|(line, fields)| {
            // `values[name] = field` column by column: a repeated name keeps the last field.
            let values = t
                .columns
                .iter()
                .cloned()
                .zip(fields.iter().cloned())
                .collect();
            (*line, values)
        })
        .collect();
    let errors = t
        .errors
        .iter()
        .map(|e| (e.line, e.kind.to_string()))
        .collect();
    (t.columns, rows, errors)
}

fn fixture_form(case: &Value) -> Option<JsTable> {
    let columns = case["columns"]
        .as_array()?
        .iter()
        .map(|c| c.as_str().map(str::to_owned))
        .collect::<Option<Vec<_>>>()?;
    let mut rows = Vec::new();
    for r in case["rows"].as_array()? {
        let values = r["values"]
            .as_object()?
            .iter()
            .map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
            .collect::<Option<BTreeMap<_, _>>>()?;
        rows.push((usize::try_from(r["line"].as_u64()?).ok()?, values));
    }
    let mut errors = Vec::new();
    for e in case["errors"].as_array()? {
        errors.push((
            usize::try_from(e["line"].as_u64()?).ok()?,
            e["message"].as_str()?.to_owned(),
        ));
    }
    Some((columns, rows, errors))
}

/// The dashboard's `parseCsv`, run by `node core/tests/csv/generate.mjs` on hand-picked and seeded
/// random texts, answers as the core does on each of them.
#[test]
fn agrees_with_parse_csv() {
    let cases: Value =
        serde_json::from_str(include_str!("../../tests/csv/parse_csv.json")).unwrap_or_default();
    let cases = cases.as_array().cloned().unwrap_or_default();
    assert!(cases.len() > 500, "the fixture holds {} cases", cases.len());
    for case in &cases {
        let text = case["text"].as_str().unwrap_or_default();
        let want = fixture_form(case);
        assert!(want.is_some(), "unreadable fixture case {text:?}");
        assert_eq!(Some(js_form(text)), want, "{text:?}");
    }
}
