//! Tests of the JS facade, through its public functions only (what the bindings call).

mod batch;
mod campaign;
mod requests;
mod roundtrip;
mod text;

use super::Host;
use serde_json::Value;

/// 2025-11-21T04:40:00Z.
pub(super) const NOW_MS: i64 = 1_763_700_000_000;

/// A host with a fixed clock and nonce, so results are reproducible.
pub(super) struct Fixed;

impl Host for Fixed {
    fn now_ms(&self) -> i64 {
        NOW_MS
    }
    fn nonce(&self) -> String {
        "11111111-2222-4333-8444-555555555555".into()
    }
}

/// `(code, path)` of every issue in a JSON issue list.
pub(super) fn codes_paths(issues: &Value) -> Vec<(String, String)> {
    issues
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| {
                    (
                        i["code"].as_str().unwrap_or("").to_owned(),
                        i["path"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn op(name: &str) -> Value {
    Value::from(name)
}
