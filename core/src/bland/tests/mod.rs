//! Tests of the Bland module: one data-driven table per operation (every rule at least once),
//! preflight behaviour, wire bodies, responses, and "never panics" property tests.

mod never_panics;
mod preflight;
mod responses;
mod rules;
mod wire_bodies;

use crate::Context;
use crate::issue::{IssueCode, Report, Severity};
use serde_json::{Map, Value, json};

/// 2025-01-01T00:00:00Z.
pub(super) const NOW_MS: i64 = 1_735_689_600_000;

pub(super) fn ctx() -> Context {
    Context::at(NOW_MS)
}

/// `base` with `key` set to `value` (dotted keys reach into objects; `[n]` into arrays).
pub(super) fn with(base: &Value, key: &str, value: Value) -> Value {
    let mut out = base.clone();
    let mut cur = &mut out;
    let parts: Vec<&str> = key.split('.').collect();
    for (n, part) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*part, None),
        };
        let obj = cur.as_object_mut().expect("test path goes through objects");
        if last && index.is_none() {
            obj.insert(name.to_owned(), value);
            return out;
        }
        let next = obj.entry(name.to_owned()).or_insert_with(|| json!({}));
        cur = match index {
            Some(i) => {
                let arr = next.as_array_mut().expect("indexed test path is an array");
                if last {
                    arr[i] = value;
                    return out;
                }
                &mut arr[i]
            }
            None => next,
        };
    }
    out
}

/// `base` without the top-level `key`.
pub(super) fn without(base: &Value, key: &str) -> Value {
    let mut out = base.clone();
    if let Some(m) = out.as_object_mut() {
        m.shift_remove(key);
    }
    out
}

pub(super) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

/// The phone error codes (the phone module decides which one applies).
pub(super) const PHONE_CODES: &[IssueCode] = &[
    IssueCode::PhoneInvalidCharacters,
    IssueCode::PhoneTooShort,
    IssueCode::PhoneTooLong,
    IssueCode::PhoneInvalidForRegion,
];

/// Render a report compactly for assertion messages.
pub(super) fn dump(r: &Report) -> String {
    r.issues
        .iter()
        .map(|i| format!("[{:?} {} {}] {}", i.severity, i.code, i.path, i.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Issues at exactly `path`.
pub(super) fn at(r: &Report, path: &str) -> Vec<(IssueCode, Severity)> {
    r.issues
        .iter()
        .filter(|i| i.path.as_str() == path)
        .map(|i| (i.code, i.severity))
        .collect()
}
