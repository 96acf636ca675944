//! Campaign tests: preflight rules (data-driven), time zones and calling windows, plan shape per
//! vendor, and registry acceptance of every planned request.

mod plan;
mod preflight;
mod windows;

use super::{Campaign, parse_campaign};
use crate::Vendor;
use serde_json::{Value, json};

/// Monday 2026-11-23 15:00 UTC (winter: New York 10:00, Los Angeles 07:00, London 15:00,
/// Shanghai 23:00).
pub(super) const NOW: i64 = 1_795_446_000_000;
/// Monday 2026-07-06 12:00 UTC (summer: London 13:00 BST).
pub(super) const SUMMER: i64 = 1_783_339_200_000;
pub(super) const HOUR: i64 = 3_600_000;

/// Distinct valid numbers: New York (`+1 212 201 xxxx`), mainland China mobiles.
pub(super) fn us(k: usize) -> String {
    format!("+1 212 201 {:04}", k % 10_000)
}
pub(super) fn cn(k: usize) -> String {
    format!("139{:08}", k % 100_000_000)
}

pub(super) fn read(v: Value) -> Campaign {
    let (c, r) = parse_campaign(v);
    assert!(r.issues.is_empty(), "{r}");
    c.expect("readable")
}

/// A valid campaign on `vendor` with `n` contacts (`name` variable), no calling hours.
pub(super) fn campaign(vendor: Vendor, n: usize) -> Value {
    let contacts: Vec<Value> = (0..n)
        .map(|k| {
            let phone = if vendor == Vendor::Bland {
                us(k)
            } else {
                cn(k)
            };
            json!({"phone": phone, "variables": {"name": format!("Ann {k}")}})
        })
        .collect();
    let mut c = json!({
        "id": "spring-2026",
        "script": {"prompt": {"template": "You are calling {{name}} about the spring sale."}},
        "contacts": contacts,
        "callerIds": [],
        "vendors": {
            "bland": {"voice": "maya", "maxDuration": 10},
            "aliyun": {"dialogId": "1234567", "corpName": "Acme Ltd"},
            "tencent": {"sdkAppId": 1400000001u64, "llmType": "openai", "model": "gpt-4o-mini",
                        "apiKey": "sk-test", "apiUrl": "https://api.openai.com/v1/"}
        }
    });
    c["callerIds"] = match vendor {
        Vendor::Bland => json!(["+1 415 723 4000"]),
        Vendor::Aliyun => json!(["057188773344"]),
        Vendor::Tencent => json!(["008601012345678"]),
    };
    c
}
