//! Tests for the aliyun module: one file per concern.

mod batch_rules;
mod fuzz;
mod params;
mod queries;
mod responses;
mod status_codes;
mod time;
mod tts_rules;

use crate::Context;
use crate::issue::{IssueCode, Report, Severity};
use serde_json::{Value, json};

/// 2023-11-14T22:13:20Z.
pub(super) const NOW: i64 = 1_700_000_000_000;

pub(super) fn ctx() -> Context {
    Context::at(NOW)
}

/// How an expected issue's code is matched: phone errors come from the phone module, whose exact
/// kind for a malformed number is its business; any phone code (or `required` for an empty item)
/// is accepted there.
#[derive(Debug, Clone, Copy)]
pub(super) enum Code {
    Is(IssueCode),
    Phone,
}

impl Code {
    fn matches(self, c: IssueCode) -> bool {
        match self {
            Code::Is(x) => x == c,
            Code::Phone => matches!(
                c,
                IssueCode::PhoneInvalidCharacters
                    | IssueCode::PhoneTooShort
                    | IssueCode::PhoneTooLong
                    | IssueCode::PhoneInvalidForRegion
                    | IssueCode::PhoneNotSupportedByVendor
                    | IssueCode::Required
            ),
        }
    }
}

pub(super) const E: Severity = Severity::Error;
pub(super) const W: Severity = Severity::Warning;

/// Assert that `report` holds exactly `expected` (order-insensitive), so a test fails both on a
/// missing issue and on a spurious one.
pub(super) fn assert_issues(case: &str, report: &Report, expected: &[(&str, Code, Severity)]) {
    let mut left: Vec<_> = report.issues.iter().collect();
    for (path, code, sev) in expected {
        let pos = left
            .iter()
            .position(|i| i.path.as_str() == *path && code.matches(i.code) && i.severity == *sev);
        match pos {
            Some(p) => {
                left.remove(p);
            }
            None => panic!(
                "{case}: expected {sev:?} {code:?} at `{path}`; got {:#?}",
                report.issues
            ),
        }
    }
    assert!(left.is_empty(), "{case}: unexpected issues {left:#?}");
}

/// Merge `patch` into `base` (top-level keys), removing `remove`.
pub(super) fn patched(base: &Value, patch: &Value, remove: &[&str]) -> Value {
    let mut v = base.clone();
    if let (Some(m), Some(p)) = (v.as_object_mut(), patch.as_object()) {
        for k in remove {
            m.shift_remove(*k);
        }
        for (k, val) in p {
            m.insert(k.clone(), val.clone());
        }
    }
    v
}

/// `n` distinct valid mainland mobile numbers.
pub(super) fn mobiles(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("139{:08}", i)).collect()
}

/// A request with no issue at all.
pub(super) fn valid_batch() -> Value {
    json!({
        "CalledShowNumber": ["13700000000"],
        "CorpName": "阿里巴巴通信技术(北京)有限公司",
        "CalledNumber": ["13900001234", "13800138000"],
        "DialogId": "1234567",
        "TaskName": "批量任务测试"
    })
}
