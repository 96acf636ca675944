//! BatchRobotSmartCall validation: one case (at least) per rule, each asserting the exact set of
//! issues so spurious follow-up errors fail too. TtsParam rules are in `tts_rules`.

use super::{Code, E, NOW, W, assert_issues, ctx, mobiles, patched, valid_batch};
use crate::aliyun::{BatchRobotSmartCall, parse_and_validate};
use crate::issue::IssueCode as C;
use serde_json::{Value, json};

pub(super) struct Case {
    name: &'static str,
    patch: Value,
    remove: &'static [&'static str],
    expect: Vec<(&'static str, Code, crate::Severity)>,
}

pub(super) fn case(
    name: &'static str,
    patch: Value,
    remove: &'static [&'static str],
    expect: Vec<(&'static str, Code, crate::Severity)>,
) -> Case {
    Case {
        name,
        patch,
        remove,
        expect,
    }
}

pub(super) fn is(c: C) -> Code {
    Code::Is(c)
}

pub(super) fn run(cases: Vec<Case>) {
    for c in cases {
        let input = patched(&valid_batch(), &c.patch, c.remove);
        let (model, report) = parse_and_validate::<BatchRobotSmartCall>(input, &ctx());
        assert!(model.is_some(), "{}: model should be readable", c.name);
        assert_issues(c.name, &report, &c.expect);
    }
}

fn chinese(n: usize) -> String {
    "批".repeat(n)
}

#[test]
fn called_number_rules() {
    run(vec![
        case("valid base", json!({}), &[], vec![]),
        case(
            "missing",
            json!({}),
            &["CalledNumber"],
            vec![("CalledNumber", is(C::Required), E)],
        ),
        case(
            "empty list",
            json!({"CalledNumber": []}),
            &[],
            vec![("CalledNumber", is(C::Required), E)],
        ),
        case(
            "null",
            json!({"CalledNumber": null}),
            &[],
            vec![("CalledNumber", is(C::Required), E)],
        ),
        case(
            "vendor comma string",
            json!({"CalledNumber": "13900001234,13800138000"}),
            &[],
            vec![],
        ),
        case(
            "invalid item",
            json!({"CalledNumber": ["13900001234", "12345"]}),
            &[],
            vec![("CalledNumber[1]", Code::Phone, E)],
        ),
        case(
            "masked doc example",
            json!({"CalledNumber": "1390000****"}),
            &[],
            vec![("CalledNumber[0]", Code::Phone, E)],
        ),
        case(
            "empty item in comma string",
            json!({"CalledNumber": "13900001234,,13800138000"}),
            &[],
            vec![("CalledNumber[1]", Code::Phone, E)],
        ),
        case(
            "non-mainland",
            json!({"CalledNumber": ["+12125550123"]}),
            &[],
            vec![("CalledNumber[0]", is(C::PhoneNotSupportedByVendor), E)],
        ),
        case(
            "duplicate after normalisation",
            json!({"CalledNumber": ["13900001234", "+86 139-0000-1234"]}),
            &[],
            vec![("CalledNumber[1]", is(C::Duplicate), E)],
        ),
        case(
            "full-width comma",
            json!({"CalledNumber": "13900001234，13800138000"}),
            &[],
            vec![("CalledNumber[0]", is(C::InvalidFormat), E)],
        ),
        case(
            "comma inside an array item",
            json!({"CalledNumber": ["13900001234,13800138000"]}),
            &[],
            vec![("CalledNumber[0]", is(C::InvalidFormat), E)],
        ),
        case(
            "wrong type is a type error, not also `required`",
            json!({"CalledNumber": 13900001234_u64}),
            &[],
            vec![("CalledNumber", is(C::InvalidType), E)],
        ),
        case(
            "wrong item types keep their own paths",
            json!({"CalledNumber": ["13900001234", 13800138000_u64, true, "12345"]}),
            &[],
            vec![
                ("CalledNumber[1]", is(C::InvalidType), E),
                ("CalledNumber[2]", is(C::InvalidType), E),
                ("CalledNumber[3]", Code::Phone, E),
            ],
        ),
        case(
            "a null item is an empty number",
            json!({"CalledNumber": ["13900001234", null]}),
            &[],
            vec![("CalledNumber[1]", Code::Phone, E)],
        ),
    ]);
}

#[test]
fn called_number_counts_and_the_100_vs_1000_doc_inconsistency() {
    run(vec![
        case(
            "100 is fine",
            json!({"CalledNumber": mobiles(100)}),
            &[],
            vec![],
        ),
        case(
            "101 warns, citing the summary",
            json!({"CalledNumber": mobiles(101)}),
            &[],
            vec![("CalledNumber", is(C::TooMany), W)],
        ),
        case(
            "1000 still only warns",
            json!({"CalledNumber": mobiles(1000)}),
            &[],
            vec![("CalledNumber", is(C::TooMany), W)],
        ),
        case(
            "1001 is an error, without the warning",
            json!({"CalledNumber": mobiles(1001)}),
            &[],
            vec![("CalledNumber", is(C::TooMany), E)],
        ),
    ]);
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(
        patched(&valid_batch(), &json!({"CalledNumber": mobiles(101)}), &[]),
        &ctx(),
    );
    let msg = &r.issues[0].message;
    assert!(
        msg.contains("1–100") && msg.contains("1–1000") && msg.contains("§2.4"),
        "{msg}"
    );
}

#[test]
fn called_show_number_rules() {
    run(vec![
        case(
            "missing",
            json!({}),
            &["CalledShowNumber"],
            vec![("CalledShowNumber", is(C::Required), E)],
        ),
        case(
            "comma string",
            json!({"CalledShowNumber": "13700000000,13600000000"}),
            &[],
            vec![],
        ),
        case(
            "invalid",
            json!({"CalledShowNumber": ["abc"]}),
            &[],
            vec![("CalledShowNumber[0]", Code::Phone, E)],
        ),
        case(
            "duplicate",
            json!({"CalledShowNumber": ["13700000000", "+8613700000000"]}),
            &[],
            vec![("CalledShowNumber[1]", is(C::Duplicate), E)],
        ),
        case(
            "100 is fine",
            json!({"CalledShowNumber": mobiles(100)}),
            &[],
            vec![],
        ),
        case(
            "101 is too many",
            json!({"CalledShowNumber": mobiles(101)}),
            &[],
            vec![("CalledShowNumber", is(C::TooMany), E)],
        ),
    ]);
}

#[test]
fn dialog_id_task_name_corp_name_rules() {
    run(vec![
        case(
            "DialogId missing",
            json!({}),
            &["DialogId"],
            vec![("DialogId", is(C::Required), E)],
        ),
        case(
            "DialogId blank",
            json!({"DialogId": "  "}),
            &[],
            vec![("DialogId", is(C::Required), E)],
        ),
        case(
            "DialogId not numeric warns",
            json!({"DialogId": "robot-7"}),
            &[],
            vec![("DialogId", is(C::InvalidFormat), W)],
        ),
        case(
            "TaskName missing",
            json!({}),
            &["TaskName"],
            vec![("TaskName", is(C::Required), E)],
        ),
        case(
            "TaskName empty warns",
            json!({"TaskName": ""}),
            &[],
            vec![("TaskName", is(C::Required), W)],
        ),
        case(
            "TaskName 30 Chinese characters (90 bytes)",
            json!({"TaskName": chinese(30)}),
            &[],
            vec![],
        ),
        case(
            "TaskName 31 characters",
            json!({"TaskName": chinese(31)}),
            &[],
            vec![("TaskName", is(C::TooLong), E)],
        ),
        case(
            "CorpName missing",
            json!({}),
            &["CorpName"],
            vec![("CorpName", is(C::Required), E)],
        ),
        case(
            "CorpName blank",
            json!({"CorpName": " "}),
            &[],
            vec![("CorpName", is(C::Required), E)],
        ),
        case(
            "CorpName optional on a self line",
            json!({"IsSelfLine": true}),
            &["CorpName"],
            vec![],
        ),
        case(
            "IsSelfLine in the vendor's text form",
            json!({"IsSelfLine": "true"}),
            &["CorpName"],
            vec![],
        ),
        case(
            "IsSelfLine false still needs CorpName",
            json!({"IsSelfLine": false}),
            &["CorpName"],
            vec![("CorpName", is(C::Required), E)],
        ),
        case(
            "CorpName with stray spaces warns",
            json!({"CorpName": " 阿里巴巴 "}),
            &[],
            vec![("CorpName", is(C::InvalidFormat), W)],
        ),
    ]);
}

#[test]
fn schedule_rules() {
    let future = NOW + 3_600_000;
    run(vec![
        case(
            "scheduled in the future",
            json!({"ScheduleCall": true, "ScheduleTime": future}),
            &[],
            vec![],
        ),
        case(
            "vendor text forms",
            json!({"ScheduleCall": "true", "ScheduleTime": future.to_string()}),
            &[],
            vec![],
        ),
        case(
            "ScheduleCall without ScheduleTime",
            json!({"ScheduleCall": true}),
            &[],
            vec![("ScheduleTime", is(C::Required), E)],
        ),
        case(
            "in the past",
            json!({"ScheduleCall": true, "ScheduleTime": NOW - 1}),
            &[],
            vec![("ScheduleTime", is(C::NotInFuture), E)],
        ),
        case(
            "exactly now is not the future",
            json!({"ScheduleCall": true, "ScheduleTime": NOW}),
            &[],
            vec![("ScheduleTime", is(C::NotInFuture), E)],
        ),
        case(
            "ScheduleTime alone is ignored",
            json!({"ScheduleTime": future}),
            &[],
            vec![("ScheduleTime", is(C::Ignored), W)],
        ),
        case(
            "ScheduleTime with ScheduleCall false is ignored",
            json!({"ScheduleCall": false, "ScheduleTime": future}),
            &[],
            vec![("ScheduleTime", is(C::Ignored), W)],
        ),
        case(
            "unreadable ScheduleTime is one type error",
            json!({"ScheduleCall": true, "ScheduleTime": "soon"}),
            &[],
            vec![("ScheduleTime", is(C::InvalidType), E)],
        ),
        case(
            "a fraction is not a millisecond timestamp",
            json!({"ScheduleCall": true, "ScheduleTime": 1.5}),
            &[],
            vec![("ScheduleTime", is(C::InvalidType), E)],
        ),
        case(
            "booleans must be true/false",
            json!({"ScheduleCall": "yes", "EarlyMediaAsr": 1}),
            &[],
            vec![
                ("ScheduleCall", is(C::InvalidType), E),
                ("EarlyMediaAsr", is(C::InvalidType), E),
            ],
        ),
    ]);
    // Seconds instead of milliseconds: say so.
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(
        patched(
            &valid_batch(),
            &json!({"ScheduleCall": true, "ScheduleTime": NOW / 1000 + 60}),
            &[],
        ),
        &ctx(),
    );
    assert!(r.issues[0].message.contains("seconds"), "{r}");
}

#[test]
fn extra_rules() {
    run(vec![
        case(
            "flat extra",
            json!({"extra": {"OutId": "abc", "Speed": 5, "Flag": true}}),
            &[],
            vec![],
        ),
        case(
            "extra shadows a modelled field",
            json!({"extra": {"CalledNumber": "13900001234"}}),
            &[],
            vec![("extra.CalledNumber", is(C::ExtraShadowsField), E)],
        ),
        case(
            "extra sets a signer parameter",
            json!({"extra": {"Signature": "x"}}),
            &[],
            vec![("extra.Signature", is(C::ExtraShadowsField), E)],
        ),
        case(
            "extra values are flat",
            json!({"extra": {"Obj": {"a": 1}, "Nothing": null}}),
            &[],
            vec![
                ("extra.Obj", is(C::InvalidType), E),
                ("extra.Nothing", is(C::InvalidType), E),
            ],
        ),
        case(
            "unknown top-level field",
            json!({"CalledNumbers": ["13900001234"]}),
            &[],
            vec![("CalledNumbers", is(C::UnknownField), E)],
        ),
    ]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let input = json!({
        "CalledShowNumber": [],
        "CalledNumber": ["+12125550123", "13900001234", "13900001234"],
        "DialogId": "",
        "TaskName": chinese(40),
        "ScheduleCall": true,
        "TtsParamHead": ["a"],
        "Bogus": 1
    });
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(input, &ctx());
    assert_issues(
        "all at once",
        &r,
        &[
            ("Bogus", Code::Is(C::UnknownField), E),
            ("CalledNumber[0]", Code::Is(C::PhoneNotSupportedByVendor), E),
            ("CalledNumber[2]", Code::Is(C::Duplicate), E),
            ("CalledShowNumber", Code::Is(C::Required), E),
            ("DialogId", Code::Is(C::Required), E),
            ("TaskName", Code::Is(C::TooLong), E),
            ("CorpName", Code::Is(C::Required), E),
            ("ScheduleTime", Code::Is(C::Required), E),
            ("TtsParam", Code::Is(C::TtsParamMismatch), E),
        ],
    );
}

#[test]
fn a_non_object_is_one_type_error() {
    for v in [
        json!([1, 2]),
        json!("CalledNumber=1"),
        json!(null),
        json!(3),
    ] {
        let (m, r) = parse_and_validate::<BatchRobotSmartCall>(v.clone(), &ctx());
        assert!(m.is_none(), "{v}");
        assert_issues("root", &r, &[("", Code::Is(C::InvalidType), E)]);
    }
}
