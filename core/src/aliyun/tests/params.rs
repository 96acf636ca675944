//! `to_params` / `from_params`: the flat RPC wire form, both directions.

use super::{Code, E, assert_issues};
use crate::aliyun::{
    BatchRobotSmartCall, QueryCallDetailByCallId, QueryCallDetailByTaskId, RpcAction, TtsParamEntry,
};
use crate::issue::IssueCode as C;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn as_map(p: Vec<(String, String)>) -> BTreeMap<String, String> {
    let n = p.len();
    let m: BTreeMap<_, _> = p.into_iter().collect();
    assert_eq!(m.len(), n, "to_params must not repeat a parameter");
    m
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn full_request() -> BatchRobotSmartCall {
    BatchRobotSmartCall {
        called_show_number: vec!["13700000000".into(), "13600000000".into()],
        corp_name: Some("阿里巴巴通信技术(北京)有限公司".into()),
        called_number: vec!["13900001234".into(), "13800138000".into()],
        dialog_id: "1234567".into(),
        early_media_asr: Some(true),
        task_name: Some("批量外呼任务".into()),
        schedule_time: Some(1_900_000_000_000),
        schedule_call: Some(true),
        tts_param: Some(vec![
            TtsParamEntry {
                number: "13900001234".into(),
                params: vec!["小王".into(), "a,b \"quoted\"".into()],
            },
            TtsParamEntry {
                number: "13800138000".into(),
                params: vec!["小李".into(), "".into()],
            },
        ]),
        tts_param_head: Some(vec!["name".into(), "note".into()]),
        is_self_line: Some(false),
        owner_id: Some(42),
        resource_owner_account: Some("acct".into()),
        resource_owner_id: Some(7),
        extra: json!({"OutId": "x-1"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
    }
}

#[test]
fn to_params_produces_the_vendor_wire_form() {
    let got = as_map(full_request().to_params());
    let want: BTreeMap<String, String> = pairs(&[
        ("CalledShowNumber", "13700000000,13600000000"),
        ("CorpName", "阿里巴巴通信技术(北京)有限公司"),
        ("CalledNumber", "13900001234,13800138000"),
        ("DialogId", "1234567"),
        ("EarlyMediaAsr", "true"),
        ("TaskName", "批量外呼任务"),
        ("ScheduleTime", "1900000000000"),
        ("ScheduleCall", "true"),
        (
            "TtsParam",
            r#"[{"number":"13900001234","params":["小王","a,b \"quoted\""]},{"number":"13800138000","params":["小李",""]}]"#,
        ),
        ("TtsParamHead", r#"["name","note"]"#),
        ("IsSelfLine", "false"),
        ("OwnerId", "42"),
        ("ResourceOwnerAccount", "acct"),
        ("ResourceOwnerId", "7"),
        ("OutId", "x-1"),
    ])
    .into_iter()
    .collect();
    assert_eq!(got, want);
}

#[test]
fn to_params_normalises_numbers_everywhere_so_they_agree() {
    let mut r = full_request();
    r.called_number = vec!["+86 139-0000-1234".into(), "8613800138000".into()];
    r.called_show_number = vec!["+8613700000000".into()];
    if let Some(t) = r.tts_param.as_mut() {
        t[0].number = "+86 139 0000 1234".into();
    }
    let m = as_map(r.to_params());
    assert_eq!(m["CalledNumber"], "13900001234,13800138000");
    assert_eq!(m["CalledShowNumber"], "13700000000");
    assert!(
        m["TtsParam"].starts_with(r#"[{"number":"13900001234""#),
        "{}",
        m["TtsParam"]
    );
}

#[test]
fn unset_fields_are_not_sent_and_extra_cannot_override() {
    let mut r = BatchRobotSmartCall {
        dialog_id: "1".into(),
        ..Default::default()
    };
    r.extra.insert("CalledNumber".into(), json!("13900001234"));
    r.extra.insert("Signature".into(), json!("forged"));
    r.extra.insert("Speed".into(), json!(5));
    let m = as_map(r.to_params());
    assert_eq!(
        m,
        pairs(&[("DialogId", "1"), ("Speed", "5")])
            .into_iter()
            .collect()
    );
}

#[test]
fn from_params_reverses_to_params() {
    let r = full_request();
    let back = BatchRobotSmartCall::from_params(&r.to_params()).expect("readable");
    assert_eq!(back, r);
}

#[test]
fn from_params_skips_common_parameters_and_keeps_unknown_ones() {
    let mut p = full_request().to_params();
    p.extend(pairs(&[
        ("Action", "BatchRobotSmartCall"),
        ("Version", "2017-05-25"),
        ("Signature", "abc="),
        ("SignatureNonce", "n"),
        ("Timestamp", "2024-01-01T00:00:00Z"),
        ("Format", "JSON"),
        ("AccessKeyId", "LTAI"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("RegionId", "cn-hangzhou"),
        ("Unmodelled", "v"),
    ]));
    let back = BatchRobotSmartCall::from_params(&p).expect("readable");
    assert_eq!(back.extra.get("Unmodelled"), Some(&json!("v")));
    assert_eq!(back.extra.get("OutId"), Some(&json!("x-1")));
    assert_eq!(back.extra.len(), 2, "{:?}", back.extra);
}

#[test]
fn from_params_reports_every_unreadable_parameter() {
    let p = pairs(&[
        ("CalledNumber", "13900001234"),
        ("EarlyMediaAsr", "True"),
        ("ScheduleTime", "tomorrow"),
        ("TtsParam", "[{number:1}]"),
        ("TtsParamHead", "{\"a\":1}"),
        ("DialogId", "1"),
        ("DialogId", "2"),
    ]);
    let err = BatchRobotSmartCall::from_params(&p).expect_err("unreadable");
    assert_issues(
        "from_params",
        &err,
        &[
            ("DialogId", Code::Is(C::Duplicate), E),
            ("EarlyMediaAsr", Code::Is(C::InvalidType), E),
            ("ScheduleTime", Code::Is(C::InvalidType), E),
            ("TtsParam", Code::Is(C::InvalidType), E),
            ("TtsParamHead", Code::Is(C::InvalidType), E),
        ],
    );
}

#[test]
fn the_seed_request_in_wire_form_reads_back() {
    // The parameters of the seed's request table, with unmasked numbers.
    let p = pairs(&[
        ("CalledShowNumber", "13600000000,13800000000"),
        ("CorpName", "阿里巴巴通信技术(北京)有限公司"),
        ("CalledNumber", "13900001234"),
        ("DialogId", "1000029701234"),
        ("EarlyMediaAsr", "true"),
        ("TaskName", "批量外呼任务"),
        ("ScheduleTime", "1900000000000"),
        ("ScheduleCall", "true"),
        (
            "TtsParam",
            r#"[{"number":"13900001234","params":["小王","小李","小周"]}]"#,
        ),
        ("TtsParamHead", r#"["name1","name2","name3"]"#),
        ("IsSelfLine", "true"),
    ]);
    let r = BatchRobotSmartCall::from_params(&p).expect("readable");
    assert_eq!(r.called_show_number, ["13600000000", "13800000000"]);
    assert_eq!(r.tts_param_head.as_deref().map(<[String]>::len), Some(3));
    assert_eq!(
        r.tts_param.as_ref().map(|t| t[0].params[2].as_str()),
        Some("小周")
    );
    let mut report = crate::Report::new();
    r.validate(&super::ctx(), &mut report);
    assert!(report.issues.is_empty(), "{report}");
    assert_eq!(as_map(r.to_params()), as_map(p));
}

#[test]
fn query_params_round_trip() {
    let q = QueryCallDetailByTaskId {
        task_id: "4001112222".into(),
        query_date: Some(1_553_654_094_000),
        callee: "13735460951".into(),
        ..Default::default()
    };
    let m = as_map(q.to_params());
    assert_eq!(
        m,
        pairs(&[
            ("TaskId", "4001112222"),
            ("QueryDate", "1553654094000"),
            ("Callee", "13735460951")
        ])
        .into_iter()
        .collect()
    );
    assert_eq!(
        QueryCallDetailByTaskId::from_params(&q.to_params()).ok(),
        Some(q)
    );

    let c = QueryCallDetailByCallId {
        call_id: "116014888060^102816313060".into(),
        prod_id: Some(11000000300006),
        query_date: Some(1_553_774_465_000),
        owner_id: Some(1),
        ..Default::default()
    };
    let m = as_map(c.to_params());
    assert_eq!(m["ProdId"], "11000000300006");
    assert_eq!(m["CallId"], "116014888060^102816313060");
    assert_eq!(
        QueryCallDetailByCallId::from_params(&c.to_params()).ok(),
        Some(c)
    );
}

#[test]
fn actions_are_named_like_the_vendor() {
    assert_eq!(BatchRobotSmartCall::ACTION, "BatchRobotSmartCall");
    assert_eq!(QueryCallDetailByTaskId::ACTION, "QueryCallDetailByTaskId");
    assert_eq!(QueryCallDetailByCallId::ACTION, "QueryCallDetailByCallId");
}

/// Numbers already in wire form, so normalisation is the identity.
fn wire_mobile() -> impl Strategy<Value = String> {
    "1[3-9][0-9]{9}"
}

/// Any text without commas for fields that are not lists, including JSON-looking and Chinese.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^,]{0,20}",
        Just("批量外呼任务".to_string()),
        Just("[\"x\"]".to_string()),
        Just("true".to_string()),
    ]
}

fn request() -> impl Strategy<Value = BatchRobotSmartCall> {
    let tts = proptest::collection::vec(
        (wire_mobile(), proptest::collection::vec(".{0,8}", 0..4))
            .prop_map(|(number, params)| TtsParamEntry { number, params }),
        0..4,
    );
    (
        (
            proptest::collection::vec(wire_mobile(), 0..5),
            proptest::option::of(text()),
            proptest::collection::vec(wire_mobile(), 0..5),
            "[0-9a-z]{0,10}",
            proptest::option::of(any::<bool>()),
            proptest::option::of(text()),
            proptest::option::of(any::<i64>()),
        ),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(tts),
            proptest::option::of(proptest::collection::vec(".{0,8}", 0..4)),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<i64>()),
            proptest::option::of(text()),
            proptest::option::of(any::<i64>()),
            proptest::collection::btree_map("X[A-Za-z]{0,6}", "[^,]{0,6}", 0..3),
        ),
    )
        .prop_map(
            |((csn, corp, cn, dialog, ema, task, st), (sc, tp, tph, sl, oid, roa, roid, extra))| {
                BatchRobotSmartCall {
                    called_show_number: csn,
                    corp_name: corp,
                    called_number: cn,
                    dialog_id: dialog,
                    early_media_asr: ema,
                    task_name: task,
                    schedule_time: st,
                    schedule_call: sc,
                    tts_param: tp,
                    tts_param_head: tph,
                    is_self_line: sl,
                    owner_id: oid,
                    resource_owner_account: roa,
                    resource_owner_id: roid,
                    extra: extra
                        .into_iter()
                        .map(|(k, v)| (k, Value::String(v)))
                        .collect(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn from_params_inverts_to_params(r in request()) {
        let p = r.to_params();
        let back = BatchRobotSmartCall::from_params(&p);
        prop_assert_eq!(back.as_ref().ok(), Some(&r), "{:?} from {:?}", back.as_ref().err().map(|e| e.to_string()), p);
    }
}

#[test]
fn the_typed_json_form_round_trips_and_validates_clean() {
    let r = full_request();
    let v = serde_json::to_value(&r).expect("serializes");
    // Structured on the JSON side: lists are arrays, TtsParam is an array of objects.
    assert!(
        v["CalledNumber"].is_array() && v["TtsParam"][0]["params"].is_array(),
        "{v}"
    );
    let (back, report) = crate::aliyun::parse_and_validate::<BatchRobotSmartCall>(v, &super::ctx());
    assert_eq!(back.as_ref(), Some(&r));
    // The fixture keeps one deliberately empty TTS value (it must round-trip as ""): the only
    // issue is the warning that says so.
    let paths: Vec<&str> = report.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["TtsParam[1].params[1]"], "{report}");
    assert!(report.is_ok(), "{report}");
}
