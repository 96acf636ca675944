//! Call status codes, smart status codes and the documented error-code table.

use crate::aliyun::codes::{self, MISSING_PARAM, missing_param_code};
use crate::aliyun::{
    CallOutcome, CallStatusCode, CallStatusKind, CodeLayer, DOCUMENTED_CODES, RECALL_STATE_CODES,
    SmartStatusCode, SmartStatusKind,
};
use std::collections::HashSet;

#[test]
fn every_documented_call_code_maps_back_to_its_kind() {
    let mut seen = HashSet::new();
    for kind in CallStatusKind::ALL {
        assert!(!kind.codes().is_empty(), "{kind:?}");
        for code in kind.codes() {
            assert!(seen.insert(*code), "{code} listed twice");
            assert_eq!(CallStatusKind::from_code(code), *kind, "{code}");
        }
    }
    // VENDORS.md §2.7 plus the carrier-receipt and call-status pages.
    for code in [
        "200000", "200001", "200002", "200003", "200004", "200005", "200006", "200007", "200008",
        "200010", "200011", "200012", "200100", "200101", "200102", "200103", "200104", "200105",
        "200121", "200118", "200119", "300000", "999999", "500", "400", "200130", "200201",
    ] {
        assert!(seen.contains(code), "{code} is documented but not modelled");
    }
}

#[test]
fn outcome_mapping_follows_the_documented_meanings() {
    use CallOutcome::*;
    let table: &[(&str, Option<CallOutcome>)] = &[
        ("200000", Some(Completed)), // listened fully
        ("200001", Some(Completed)), // hung up early, after answering
        ("200002", Some(Busy)),      // 占线
        ("200005", Some(Busy)),      // declined (拒绝)
        ("200003", Some(NoAnswer)),  // 未接听
        ("200010", Some(NoAnswer)),  // powered off
        ("200007", Some(NoAnswer)),  // out of service area
        ("200004", Some(Failed)),    // 空号
        ("200011", Some(Failed)),    // 停机
        ("200121", Some(Failed)),    // concurrency
        ("999999", Some(Failed)),    // system error
        ("400", Some(Failed)),       // network element busy: not the callee
        ("200130", Some(Unknown)),   // early media could not classify
        ("200101", None),            // calling
        ("200201", None),            // ringing
        ("200103", None),            // in conversation
    ];
    for (code, want) in table {
        assert_eq!(CallStatusCode::new(*code).outcome(), *want, "{code}");
    }
}

#[test]
fn recall_codes_are_final_and_not_successes() {
    for code in RECALL_STATE_CODES {
        let c = CallStatusCode::new(*code);
        assert!(c.is_terminal(), "{code}");
        assert!(
            matches!(
                c.outcome(),
                Some(CallOutcome::Busy | CallOutcome::NoAnswer | CallOutcome::Failed)
            ),
            "{code} is worth re-calling, so it cannot be completed/unknown"
        );
    }
}

#[test]
fn unknown_codes_keep_their_raw_value() {
    let c: CallStatusCode = serde_json::from_str("\"210099\"").expect("string");
    assert_eq!(
        (c.raw(), c.kind(), c.outcome()),
        (
            "210099",
            CallStatusKind::Unrecognised,
            Some(CallOutcome::Unknown)
        )
    );
    let n: CallStatusCode = serde_json::from_str("200002").expect("number");
    assert_eq!(n.kind(), CallStatusKind::Busy);
    assert_eq!(
        serde_json::to_string(&n).ok().as_deref(),
        Some("\"200002\"")
    );
    assert!(serde_json::from_str::<CallStatusCode>("null").is_err());
}

#[test]
fn smart_status_codes() {
    use CallOutcome::*;
    let table: &[(&str, CallOutcome)] = &[
        ("ANSWERED", Completed),
        ("CANCEL", Canceled),
        ("CALL_REJECTED", Busy),
        ("USER_BUSY", Busy),
        ("NO_ANSWER", NoAnswer),
        ("POWERED_OFF", NoAnswer),
        ("UNAVAILABLE", NoAnswer),
        ("INVALID_NUMBER", Failed),
        ("SUSPEND", Failed),
        ("NETWORK_BUSY", Failed),
        ("CALL_FORWARDING", Voicemail),
        ("OTHER", Unknown),
        ("OTHERS", Unknown),
        ("SOMETHING_NEW", Unknown),
    ];
    for (code, want) in table {
        assert_eq!(SmartStatusCode::new(*code).outcome(), *want, "{code}");
    }
    let mut seen = HashSet::new();
    for kind in SmartStatusKind::ALL {
        for code in kind.codes() {
            assert!(seen.insert(*code), "{code} twice");
            assert_eq!(SmartStatusKind::from_code(code), *kind);
        }
    }
    // VENDORS.md §2.7's list.
    for code in [
        "ANSWERED",
        "CANCEL",
        "CALL_REJECTED",
        "CALL_FORWARDING",
        "INCOMING_CALL_BARRED",
        "INVALID_NUMBER",
        "NO_ANSWER",
        "NO_USER_RESPONDING",
        "NETWORK_BUSY",
        "OPERATOR_BLOCK",
        "POWERED_OFF",
        "SUSPEND",
        "USER_BUSY",
        "UNAVAILABLE",
        "OTHER",
    ] {
        assert!(seen.contains(code), "{code}");
    }
    let s: SmartStatusCode = serde_json::from_str("\"OTHERS\"").expect("string");
    assert_eq!(s.raw(), "OTHERS", "the spelling is preserved");
    assert_eq!(s.kind(), SmartStatusKind::Other);
}

#[test]
fn outcome_wire_strings_are_the_unified_set() {
    let all = [
        CallOutcome::Completed,
        CallOutcome::NoAnswer,
        CallOutcome::Busy,
        CallOutcome::Failed,
        CallOutcome::Voicemail,
        CallOutcome::Canceled,
        CallOutcome::Unknown,
    ];
    let wire: Vec<String> = all
        .iter()
        .map(|o| {
            serde_json::to_value(o)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        wire,
        [
            "completed",
            "no_answer",
            "busy",
            "failed",
            "voicemail",
            "canceled",
            "unknown"
        ]
    );
    for o in all {
        assert_eq!(
            serde_json::to_value(o).ok(),
            Some(serde_json::json!(o.as_str()))
        );
    }
}

/// Every code VENDORS.md §2.2–2.3 names, copied from the reference so a dropped entry fails.
const VENDORS_CODES: &[&str] = &[
    "InvalidApi.NotFound",
    "MissingCalledNumber",
    "InvalidAccessKeyId.NotFound",
    "InvalidAccessKeyId.Inactive",
    "InvalidTimeStamp.Format",
    "InvalidTimeStamp.Expired",
    "SignatureNonceUsed",
    "InvalidParameter.Format",
    "UnsupportedHTTPMethod",
    "InvalidSignatureMethod",
    "SignatureDoesNotMatch",
    "Throttling.User",
    "Throttling.Api",
    "Throttling",
    "InternalError",
    "ServiceUnavailable",
    "isp.RAM_PERMISSION_DENY",
    "isv.OUT_OF_SERVICE",
    "isv.PRODUCT_UN_SUBSCRIPT",
    "isv.PRODUCT_UNSUBSCRIBE",
    "isv.TTS_TEMPLATE_ILLEGAL",
    "isv.VOICE_ROBOT_CALLEE_LIMIT",
    "isv.BUSINESS_LIMIT_CONTROL",
    "isv.VOICE_ROBOT_NOT_PERIOD",
    "isv.MOBILE_COUNT_OVER_LIMIT",
    "isv.VOICE_CALL_PERIOD_ERROR",
    "isv.VOICE_CALL_FAIL",
    "isv.BILLID_NOT_EXIST",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.COMPLAINT_REJECT",
    "isv.TEMPLATE_ILLEGAL",
    "isv.TEMPLATE_PARAMS_ILLEGAL",
    "isv.AMOUNT_NOT_ENOUGH",
    "isv.ACCOUNT_NOT_EXISTS",
    "isv.ACCOUNT_ABNORMAL",
    "isv.DISPLAY_NUMBER_ILLEGAL",
    "isv.INVALID_PARAMETERS",
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.PARAM_LENGTH_LIMIT",
    "isv.PARAM_NOT_SUPPORT_URL",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isp.SYSTEM_ERROR",
    "isv.HIT_VOICE_SECURITY_RULE",
];

#[test]
fn every_vendors_md_code_is_in_the_table() {
    for code in VENDORS_CODES {
        assert!(codes::lookup(code).is_some(), "{code} missing");
    }
    // And nothing in the table is unaccounted for (Missing{Param} stands for MissingCalledNumber).
    for c in DOCUMENTED_CODES {
        let probe = if c.code == MISSING_PARAM {
            "MissingCalledNumber"
        } else {
            c.code
        };
        assert!(
            VENDORS_CODES.contains(&probe),
            "{} is not in VENDORS.md",
            c.code
        );
    }
}

#[test]
fn code_table_is_consistent() {
    let mut seen = HashSet::new();
    for c in DOCUMENTED_CODES {
        assert!(seen.insert(c.code), "{} twice", c.code);
        let business = c.code.starts_with("isv.") || c.code.starts_with("isp.");
        assert_eq!(c.layer == CodeLayer::Business, business, "{}", c.code);
        assert!(!c.meaning.is_empty() && !c.message.is_empty(), "{}", c.code);
        assert!(
            matches!(c.http_status, 200 | 400 | 404 | 500 | 503),
            "{}",
            c.code
        );
        if c.layer == CodeLayer::Business {
            assert!(
                !c.http_status_confirmed,
                "{}: 200 for isv.* is an assumption",
                c.code
            );
        }
    }
    assert!(codes::lookup("OK").is_none());
    assert!(codes::lookup("Missing").is_none());
    assert!(codes::lookup("Missingno").is_none());
    assert!(codes::lookup("isv.SOMETHING_NEW").is_none());
}

#[test]
fn missing_param_family() {
    let code = missing_param_code("CalledNumber");
    assert_eq!(code, "MissingCalledNumber");
    let doc = codes::lookup(&code).expect("family");
    assert_eq!(doc.http_status, 400);
    assert_eq!(
        doc.render_message("CalledNumber"),
        "CalledNumber is mandatory for this action."
    );
}
