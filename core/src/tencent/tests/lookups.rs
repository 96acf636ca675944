//! Lookup requests: shared (SdkAppId, SessionId) rules across every operation, the window rules,
//! DescribeTelCdr paging, and wire bodies.

use super::{expect, found, patched};
use crate::Context;
use crate::issue::Report;
use crate::tencent::{
    DescribeAIAnalysisResult, DescribeAICallExtractResult, DescribeAICallInteractionRecords,
    DescribeAILatency, DescribeSessionDetail, DescribeTelCdr, DescribeTelSession, HangUpCall,
    Operation,
};
use serde_json::{Value, json};

/// 2025-06-15T15:06:40Z.
const NOW_MS: i64 = 1_750_000_000_000;
const NOW_S: i64 = NOW_MS / 1000;
const DAY: i64 = 86_400;

fn ctx() -> Context {
    Context::at(NOW_MS)
}

fn run<T: Operation>(v: Value) -> (Option<T>, Report) {
    T::parse_and_validate(v, &ctx())
}

/// Each operation with a valid input, as a function so the table can be generic.
/// (operation name, a valid input, "parse and validate as this operation").
type OpCase = (&'static str, Value, fn(Value) -> Report);

/// A patch on a valid input and the exact issues it must produce.
type Row = (Value, Vec<(&'static str, &'static str, char)>);

fn operations() -> Vec<OpCase> {
    let window = |s: &str, e: &str| {
        let mut m = serde_json::Map::new();
        m.insert(s.into(), json!(NOW_S - DAY));
        m.insert(e.into(), json!(NOW_S));
        m
    };
    let keyed = json!({"SdkAppId": 1400000000, "SessionId": "6bb56a09278740bc80c5dc6dab783eff"});
    let with = |extra: serde_json::Map<String, Value>| patched(&keyed, &Value::Object(extra));
    vec![
        ("DescribeTelSession", keyed.clone(), |v| {
            run::<DescribeTelSession>(v).1
        }),
        ("HangUpCall", keyed.clone(), |v| run::<HangUpCall>(v).1),
        ("DescribeAICallInteractionRecords", keyed.clone(), |v| {
            run::<DescribeAICallInteractionRecords>(v).1
        }),
        (
            "DescribeSessionDetail",
            with(window("StartTimestamp", "EndTimestamp")),
            |v| run::<DescribeSessionDetail>(v).1,
        ),
        (
            "DescribeAICallExtractResult",
            with(window("StartTime", "EndTime")),
            |v| run::<DescribeAICallExtractResult>(v).1,
        ),
        (
            "DescribeAIAnalysisResult",
            with(window("StartTime", "EndTime")),
            |v| run::<DescribeAIAnalysisResult>(v).1,
        ),
        (
            "DescribeAILatency",
            with(window("StartTime", "EndTime")),
            |v| run::<DescribeAILatency>(v).1,
        ),
    ]
}

#[test]
fn every_session_lookup_is_clean_when_valid_and_requires_its_keys() {
    for (name, valid, check) in operations() {
        assert!(
            check(valid.clone()).issues.is_empty(),
            "{name}: {}",
            check(valid.clone())
        );
        for (patch, want) in [
            (
                json!({"SdkAppId": null}),
                vec![("SdkAppId", "required", 'E')],
            ),
            (
                json!({"SdkAppId": -5}),
                vec![("SdkAppId", "out_of_range", 'E')],
            ),
            (
                json!({"SessionId": null}),
                vec![("SessionId", "required", 'E')],
            ),
            (
                json!({"SessionId": " "}),
                vec![("SessionId", "required", 'E')],
            ),
            (
                json!({"SessionId": 12}),
                vec![("SessionId", "invalid_type", 'E')],
            ),
            (
                json!({"Sessionid": "x"}),
                vec![("Sessionid", "unknown_field", 'E')],
            ),
            (
                json!({"extra": {"SessionId": "y"}}),
                vec![("extra.SessionId", "extra_shadows_field", 'E')],
            ),
        ] {
            assert_eq!(
                found(&check(patched(&valid, &patch))),
                expect(&want),
                "{name} {patch}"
            );
        }
    }
}

#[test]
fn window_rules_apply_to_every_windowed_lookup() {
    for (name, valid, check) in operations() {
        let Some((start, end)) = ["StartTimestamp", "StartTime"]
            .iter()
            .zip(["EndTimestamp", "EndTime"])
            .find(|(s, _)| valid.get(**s).is_some())
            .map(|(s, e)| (*s, e))
        else {
            continue;
        };
        let cases = [
            (json!({start: null}), vec![(start, "required", 'E')]),
            (json!({end: null}), vec![(end, "required", 'E')]),
            (
                json!({start: NOW_S, end: NOW_S - 10}),
                vec![(end, "out_of_range", 'E')],
            ),
            (
                json!({start: (NOW_S - DAY) * 1000}),
                vec![(start, "invalid_format", 'E')],
            ),
            (json!({end: -1}), vec![(end, "out_of_range", 'E')]),
            (json!({start: NOW_S, end: NOW_S}), vec![]),
        ];
        for (patch, want) in cases {
            assert_eq!(
                found(&check(patched(&valid, &patch))),
                expect(&want),
                "{name} {patch}"
            );
        }
    }
}

#[test]
fn cdr_windows_are_shorter_than_90_days_and_within_180() {
    let detail = |s: i64, e: i64| {
        run::<DescribeSessionDetail>(
            json!({"SdkAppId": 1, "SessionId": "s", "StartTimestamp": s, "EndTimestamp": e}),
        )
        .1
    };
    assert!(detail(NOW_S - 89 * DAY, NOW_S).issues.is_empty());
    assert_eq!(
        found(&detail(NOW_S - 90 * DAY, NOW_S)),
        expect(&[("EndTimestamp", "out_of_range", 'E')])
    );
    assert_eq!(
        found(&detail(NOW_S - 181 * DAY, NOW_S - 180 * DAY + DAY)),
        expect(&[("StartTimestamp", "out_of_range", 'E')])
    );
    assert_eq!(
        found(&detail(NOW_S + DAY, NOW_S + 2 * DAY)),
        expect(&[("StartTimestamp", "out_of_range", 'W')])
    );
}

fn cdr() -> Value {
    json!({"StartTimeStamp": NOW_S - DAY, "EndTimeStamp": NOW_S, "SdkAppId": 1400000000, "PageSize": 10, "PageNumber": 0})
}

#[test]
fn describe_tel_cdr_rules() {
    let rows: Vec<Row> = vec![
        (json!({}), vec![]),
        (json!({"PageSize": 100}), vec![]),
        (
            json!({"PageSize": 101}),
            vec![("PageSize", "out_of_range", 'E')],
        ),
        (
            json!({"PageSize": 0}),
            vec![("PageSize", "out_of_range", 'E')],
        ),
        (
            json!({"PageSize": null}),
            vec![("PageSize", "required", 'E')],
        ),
        (
            json!({"PageNumber": null}),
            vec![("PageNumber", "required", 'E')],
        ),
        (
            json!({"PageNumber": -1}),
            vec![("PageNumber", "out_of_range", 'E')],
        ),
        (
            json!({"SdkAppId": null}),
            vec![("SdkAppId", "required", 'E')],
        ),
        (
            json!({"StartTimeStamp": NOW_S - 100 * DAY}),
            vec![("EndTimeStamp", "out_of_range", 'E')],
        ),
        (
            json!({"StartTimeStamp": NOW_S - 200 * DAY, "EndTimeStamp": NOW_S - 199 * DAY}),
            vec![("StartTimeStamp", "out_of_range", 'E')],
        ),
        (
            json!({"Phones": ["+8613012345678", "008613800138000"]}),
            vec![],
        ),
        (
            json!({"SessionIds": ["a", ""]}),
            vec![("SessionIds[1]", "required", 'E')],
        ),
        (
            json!({"InstanceId": 1, "Limit": 10, "Offset": 0}),
            vec![
                ("InstanceId", "deprecated", 'W'),
                ("Limit", "deprecated", 'W'),
                ("Offset", "deprecated", 'W'),
            ],
        ),
        (
            json!({"StartTimestamp": 1}),
            vec![("StartTimestamp", "unknown_field", 'E')],
        ),
    ];
    for (patch, want) in rows {
        let (_, r) = run::<DescribeTelCdr>(patched(&cdr(), &patch));
        assert_eq!(found(&r), expect(&want), "{patch}");
    }
    let (_, r) = run::<DescribeTelCdr>(patched(
        &cdr(),
        &json!({"Phones": ["+8613012345678", "nope"]}),
    ));
    let bad = r
        .issues
        .iter()
        .find(|i| i.path.as_str() == "Phones[1]")
        .expect("Phones[1] flagged");
    assert!(bad.code.as_str().starts_with("phone_"), "{:?}", bad.code);
}

#[test]
fn the_tccli_example_window_is_reversed_and_caught() {
    // tccli examples/ccc/v20200210/DescribeTelCdr.md: StartTimeStamp 1590547606 > EndTimeStamp
    // 1590147606. The vendor's own example is backwards (and, today, older than 180 days).
    let (_, r) = DescribeTelCdr::parse_and_validate(
        json!({"SdkAppId": 1400000000, "StartTimeStamp": 1590547606, "EndTimeStamp": 1590147606, "PageSize": 10, "PageNumber": 0}),
        &ctx(),
    );
    assert_eq!(found(&r), expect(&[("EndTimeStamp", "out_of_range", 'E')]));
}

#[test]
fn wire_bodies_use_vendor_names_and_forms() {
    let (m, _) = run::<DescribeTelCdr>(patched(
        &cdr(),
        &json!({"Phones": ["+86 130 1234 5678"], "extra": {"Future": true}}),
    ));
    let (body, r) = m.expect("parsed").to_wire_body();
    assert!(r.issues.is_empty(), "{r}");
    assert_eq!(
        body,
        json!({"StartTimeStamp": NOW_S - DAY, "EndTimeStamp": NOW_S, "SdkAppId": 1400000000, "PageSize": 10,
               "PageNumber": 0, "Phones": ["008613012345678"], "Future": true})
    );
    let (m, _) = run::<HangUpCall>(json!({"SdkAppId": 1400000000, "SessionId": "abc"}));
    assert_eq!(
        m.expect("parsed").to_wire_body().0,
        json!({"SdkAppId": 1400000000, "SessionId": "abc"})
    );
}

#[test]
fn actions_are_the_vendor_names() {
    assert_eq!(
        <crate::tencent::CreateAICall as Operation>::ACTION,
        "CreateAICall"
    );
    assert_eq!(DescribeTelSession::ACTION, "DescribeTelSession");
    assert_eq!(DescribeSessionDetail::ACTION, "DescribeSessionDetail");
    assert_eq!(DescribeTelCdr::ACTION, "DescribeTelCdr");
    assert_eq!(
        DescribeAICallExtractResult::ACTION,
        "DescribeAICallExtractResult"
    );
    assert_eq!(DescribeAIAnalysisResult::ACTION, "DescribeAIAnalysisResult");
    assert_eq!(
        DescribeAICallInteractionRecords::ACTION,
        "DescribeAICallInteractionRecords"
    );
    assert_eq!(DescribeAILatency::ACTION, "DescribeAILatency");
    assert_eq!(HangUpCall::ACTION, "HangUpCall");
}
