//! BatchRobotSmartCall: TtsParam / TtsParamHead agreement with each other and with CalledNumber.

use super::batch_rules::{case, is, run};
use super::{Code, E, W, assert_issues, ctx, patched, valid_batch};
use crate::aliyun::{BatchRobotSmartCall, parse_and_validate};
use crate::issue::IssueCode as C;
use serde_json::json;

#[test]
fn tts_param_rules() {
    let head = json!(["name", "amount"]);
    let both = json!([
        {"number": "13900001234", "params": ["小王", "10"]},
        {"number": "13800138000", "params": ["小李", "20"]}
    ]);
    run(vec![
        case(
            "matched",
            json!({"TtsParamHead": head, "TtsParam": both}),
            &[],
            vec![],
        ),
        case(
            "vendor JSON-string forms",
            json!({"TtsParamHead": head.to_string(), "TtsParam": both.to_string()}),
            &[],
            vec![],
        ),
        case(
            "TtsParam numbers compared after normalisation",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "+86 139 0000 1234", "params": ["a"]},
                {"number": "8613800138000", "params": ["b"]}]}),
            &[],
            vec![],
        ),
        case(
            "head without params",
            json!({"TtsParamHead": head}),
            &[],
            vec![("TtsParam", is(C::TtsParamMismatch), E)],
        ),
        case(
            "params without head",
            json!({"TtsParam": both}),
            &[],
            vec![("TtsParamHead", is(C::TtsParamMismatch), E)],
        ),
        case(
            "a params list of the wrong length",
            json!({"TtsParamHead": head, "TtsParam": [
                {"number": "13900001234", "params": ["小王", "10"]},
                {"number": "13800138000", "params": ["小李"]}]}),
            &[],
            vec![("TtsParam[1].params", is(C::TtsParamMismatch), E)],
        ),
        case(
            "a null or blank value is read as empty and warned about, never silent",
            json!({"TtsParamHead": head, "TtsParam": [
                {"number": "13900001234", "params": [null, "10"]},
                {"number": "13800138000", "params": ["小李", " "]}]}),
            &[],
            vec![
                ("TtsParam[0].params[0]", is(C::Required), W),
                ("TtsParam[1].params[1]", is(C::Required), W),
            ],
        ),
        case(
            "a number that is not called (its callee then lacks values)",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "13700000001", "params": ["x"]},
                {"number": "13800138000", "params": ["y"]}]}),
            &[],
            vec![
                ("TtsParam[0].number", is(C::TtsParamMismatch), E),
                ("CalledNumber[0]", is(C::TtsParamMismatch), W),
            ],
        ),
        case(
            "duplicate TtsParam numbers",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "13900001234", "params": ["x"]},
                {"number": "+8613900001234", "params": ["y"]}]}),
            &[],
            vec![
                ("TtsParam[1].number", is(C::Duplicate), E),
                ("CalledNumber[1]", is(C::TtsParamMismatch), W),
            ],
        ),
        case(
            "invalid TtsParam number",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "13900001234", "params": ["x"]},
                {"number": "13800138000", "params": ["y"]},
                {"number": "nope", "params": ["z"]}]}),
            &[],
            vec![("TtsParam[2].number", Code::Phone, E)],
        ),
        case(
            "a callee without values warns",
            json!({"TtsParamHead": ["name"], "TtsParam": [{"number": "13900001234", "params": ["x"]}]}),
            &[],
            vec![("CalledNumber[1]", is(C::TtsParamMismatch), W)],
        ),
        case(
            "head names unique and non-empty",
            json!({"TtsParamHead": ["name", "name", " "], "TtsParam": [
                {"number": "13900001234", "params": ["a", "b", "c"]},
                {"number": "13800138000", "params": ["d", "e", "f"]}]}),
            &[],
            vec![
                ("TtsParamHead[1]", is(C::Duplicate), E),
                ("TtsParamHead[2]", is(C::Required), E),
            ],
        ),
        case(
            "empty lists",
            json!({"TtsParamHead": [], "TtsParam": []}),
            &[],
            vec![
                ("TtsParamHead", is(C::TooFew), E),
                ("TtsParam", is(C::TooFew), E),
            ],
        ),
        case(
            "blank vendor strings are unset",
            json!({"TtsParamHead": "", "TtsParam": " "}),
            &[],
            vec![],
        ),
        case(
            "unknown key in an entry",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "13900001234", "params": ["a"], "nmber": 1},
                {"number": "13800138000", "params": ["b"]}]}),
            &[],
            vec![("TtsParam[0].nmber", is(C::UnknownField), E)],
        ),
        case(
            "wrong type inside an entry",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": 13900001234_u64, "params": ["a"]},
                {"number": "13800138000", "params": ["b"]}]}),
            &[],
            vec![
                ("TtsParam[0].number", is(C::InvalidType), E),
                ("CalledNumber[0]", is(C::TtsParamMismatch), W),
            ],
        ),
        case(
            "a null or non-object entry",
            json!({"TtsParamHead": ["name"], "TtsParam": [
                {"number": "13900001234", "params": ["a"]}, null, "x",
                {"number": "13800138000", "params": ["b"]}]}),
            &[],
            vec![
                ("TtsParam[1]", is(C::Required), E),
                ("TtsParam[2]", is(C::InvalidType), E),
            ],
        ),
        case(
            "wrong value type keeps the params length",
            json!({"TtsParamHead": ["name", "n"], "TtsParam": [
                {"number": "13900001234", "params": ["a", 5]},
                {"number": "13800138000", "params": ["b", "c"]}]}),
            &[],
            vec![("TtsParam[0].params[1]", is(C::InvalidType), E)],
        ),
    ]);
}

#[test]
fn alibabas_doc_example_with_typographic_quotes_is_explained_not_echoed() {
    // The seed's TtsParam example: `[{"number":"1390000****","params":[“小王”,"小李","小周"]}]`.
    let input = patched(
        &valid_batch(),
        &json!({
            "TtsParamHead": "[\"name1\",\"name2\",\"name3\"]",
            "TtsParam": "[{\"number\":\"13900001234\",\"params\":[“小王”,\"小李\",\"小周\"]}]"
        }),
        &[],
    );
    let (_, r) = parse_and_validate::<BatchRobotSmartCall>(input, &ctx());
    // One type error on TtsParam; the "head without params" echo is suppressed.
    assert_issues(
        "curly quotes",
        &r,
        &[("TtsParam", Code::Is(C::InvalidType), E)],
    );
    assert!(r.issues[0].message.contains("typographic quotes"), "{r}");
}
