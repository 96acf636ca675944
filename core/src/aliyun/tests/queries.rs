//! QueryCallDetailByTaskId and QueryCallDetailByCallId validation, one case per rule.

use super::{Code, E, NOW, W, assert_issues, ctx, patched};
use crate::aliyun::{
    DOCUMENTED_PROD_IDS, QueryCallDetailByCallId, QueryCallDetailByTaskId, parse_and_validate,
};
use crate::issue::IssueCode as C;
use serde_json::{Value, json};

type Expect = Vec<(&'static str, Code, crate::Severity)>;

fn by_task() -> Value {
    json!({"TaskId": "4001112222", "QueryDate": NOW - 86_400_000, "Callee": "13735460951"})
}

fn by_call() -> Value {
    json!({"CallId": "116014888060^102816313060", "ProdId": 11030000180001_i64, "QueryDate": NOW - 1})
}

fn is(c: C) -> Code {
    Code::Is(c)
}

#[test]
fn query_by_task_id_rules() {
    let cases: Vec<(&str, Value, &[&str], Expect)> = vec![
        ("valid", json!({}), &[], vec![]),
        (
            "vendor text forms",
            json!({"QueryDate": (NOW - 5).to_string()}),
            &[],
            vec![],
        ),
        (
            "TaskId missing",
            json!({}),
            &["TaskId"],
            vec![("TaskId", is(C::Required), E)],
        ),
        (
            "TaskId blank",
            json!({"TaskId": " "}),
            &[],
            vec![("TaskId", is(C::Required), E)],
        ),
        (
            "Callee missing",
            json!({}),
            &["Callee"],
            vec![("Callee", is(C::Required), E)],
        ),
        (
            "two callees",
            json!({"Callee": "13735460951,13900001234"}),
            &[],
            vec![("Callee", is(C::TooMany), E)],
        ),
        (
            "invalid callee",
            json!({"Callee": "12345"}),
            &[],
            vec![("Callee", Code::Phone, E)],
        ),
        (
            "non-mainland callee",
            json!({"Callee": "+442079460000"}),
            &[],
            vec![("Callee", is(C::PhoneNotSupportedByVendor), E)],
        ),
        (
            "Callee as an array is a type error",
            json!({"Callee": ["13735460951"]}),
            &[],
            vec![("Callee", is(C::InvalidType), E)],
        ),
        (
            "QueryDate missing",
            json!({}),
            &["QueryDate"],
            vec![("QueryDate", is(C::Required), E)],
        ),
        (
            "QueryDate zero",
            json!({"QueryDate": 0}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), E)],
        ),
        (
            "QueryDate negative",
            json!({"QueryDate": -5}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), E)],
        ),
        (
            "QueryDate in the future",
            json!({"QueryDate": NOW + 1}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), E)],
        ),
        (
            "QueryDate now is fine",
            json!({"QueryDate": NOW}),
            &[],
            vec![],
        ),
        (
            "QueryDate in seconds warns",
            json!({"QueryDate": 1_553_774_465}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), W)],
        ),
        (
            "QueryDate unreadable",
            json!({"QueryDate": "yesterday"}),
            &[],
            vec![("QueryDate", is(C::InvalidType), E)],
        ),
        (
            "extra must not shadow",
            json!({"extra": {"Callee": "1"}}),
            &[],
            vec![("extra.Callee", is(C::ExtraShadowsField), E)],
        ),
        (
            "unknown field",
            json!({"Callees": "1"}),
            &[],
            vec![("Callees", is(C::UnknownField), E)],
        ),
    ];
    for (name, patch, remove, expect) in cases {
        let (m, r) = parse_and_validate::<QueryCallDetailByTaskId>(
            patched(&by_task(), &patch, remove),
            &ctx(),
        );
        assert!(m.is_some(), "{name}");
        assert_issues(name, &r, &expect);
    }
}

#[test]
fn query_by_call_id_rules() {
    let cases: Vec<(&str, Value, &[&str], Expect)> = vec![
        ("valid", json!({}), &[], vec![]),
        (
            "ProdId as text",
            json!({"ProdId": "11000000300006"}),
            &[],
            vec![],
        ),
        (
            "CallId missing",
            json!({}),
            &["CallId"],
            vec![("CallId", is(C::Required), E)],
        ),
        (
            "ProdId missing",
            json!({}),
            &["ProdId"],
            vec![("ProdId", is(C::Required), E)],
        ),
        (
            "ProdId undocumented",
            json!({"ProdId": 11000000300001_i64}),
            &[],
            vec![("ProdId", is(C::InvalidEnum), E)],
        ),
        (
            "ProdId unreadable",
            json!({"ProdId": "voice"}),
            &[],
            vec![("ProdId", is(C::InvalidType), E)],
        ),
        (
            "QueryDate missing",
            json!({}),
            &["QueryDate"],
            vec![("QueryDate", is(C::Required), E)],
        ),
        (
            "QueryDate in the future",
            json!({"QueryDate": NOW + 60_000}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), E)],
        ),
        (
            "QueryDate zero",
            json!({"QueryDate": 0}),
            &[],
            vec![("QueryDate", is(C::OutOfRange), E)],
        ),
        (
            "everything wrong at once",
            json!({"CallId": "", "ProdId": 1, "QueryDate": NOW + 1}),
            &[],
            vec![
                ("CallId", is(C::Required), E),
                ("ProdId", is(C::InvalidEnum), E),
                ("QueryDate", is(C::OutOfRange), E),
            ],
        ),
    ];
    for (name, patch, remove, expect) in cases {
        let (m, r) = parse_and_validate::<QueryCallDetailByCallId>(
            patched(&by_call(), &patch, remove),
            &ctx(),
        );
        assert!(m.is_some(), "{name}");
        assert_issues(name, &r, &expect);
    }
}

#[test]
fn every_documented_prod_id_is_accepted() {
    for (id, _) in DOCUMENTED_PROD_IDS {
        let (_, r) = parse_and_validate::<QueryCallDetailByCallId>(
            patched(&by_call(), &json!({"ProdId": id}), &[]),
            &ctx(),
        );
        assert!(r.issues.is_empty(), "{id}: {r}");
    }
}
