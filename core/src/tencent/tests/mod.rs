//! Tests for the ccc models: data-driven rule tables per operation, the seed's examples, wire
//! bodies, responses, and a never-panics property test.

mod create_ai_call;
mod lookups;
mod proptests;
mod responses;
mod tables;
mod tts;

use crate::issue::{Report, Severity};
use serde_json::{Map, Value};

/// `(path, code, severity)` with `E`/`W` for severity, sorted, for exact comparisons.
pub(super) type Found = Vec<(String, String, char)>;

pub(super) fn found(r: &Report) -> Found {
    let mut v: Found = r
        .issues
        .iter()
        .map(|i| {
            let s = match i.severity {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            (i.path.to_string(), i.code.as_str().to_owned(), s)
        })
        .collect();
    v.sort();
    v
}

pub(super) fn expect(list: &[(&str, &str, char)]) -> Found {
    let mut v: Found = list
        .iter()
        .map(|(p, c, s)| ((*p).to_owned(), (*c).to_owned(), *s))
        .collect();
    v.sort();
    v
}

/// `base` with each key of `patch` set, or removed when the patch value is null.
pub(super) fn patched(base: &Value, patch: &Value) -> Value {
    let mut out: Map<String, Value> = base.as_object().cloned().unwrap_or_default();
    if let Some(p) = patch.as_object() {
        for (k, v) in p {
            if v.is_null() {
                out.shift_remove(k);
            } else {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}
