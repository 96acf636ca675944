//! Campaign throughput: preflight and plan of a 100k-contact campaign per vendor, in contacts/s
//! (`Throughput::Elements`). Contacts have two variables and distinct numbers in a few area codes
//! (Bland: five US area codes, so several time zones; Alibaba and Tencent: mainland mobiles);
//! calling hours are set, so every contact's time zones are looked up and its window computed.
//! `plan` includes its own preflight.
//!
//! `cargo bench -p callplane-core --bench campaign`

use callplane_core::campaign::{self, Campaign};
use callplane_core::{Context, Vendor};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

const CONTACTS: usize = 100_000;
/// Monday 2026-11-23 15:00 UTC.
const NOW: i64 = 1_795_446_000_000;

fn phone(vendor: Vendor, k: usize) -> String {
    match vendor {
        Vendor::Bland => {
            let area = [212, 213, 312, 415, 617][k % 5];
            let exchange = 201 + (k / 5) / 10_000;
            format!("+1 ({area}) {exchange}-{:04}", (k / 5) % 10_000)
        }
        _ => format!("139{:08}", k),
    }
}

fn campaign(vendor: Vendor) -> Campaign {
    let contacts: Vec<Value> = (0..CONTACTS)
        .map(|k| {
            json!({"phone": phone(vendor, k),
                   "variables": {"name": format!("Customer {k}"), "amount": k % 500}})
        })
        .collect();
    let value = json!({
        "id": "bench-2026",
        "script": {"prompt": {"template": "You are calling {{name}} about an open balance of {{amount}} dollars."}},
        "contacts": contacts,
        "callerIds": if vendor == Vendor::Aliyun { json!(["057188773344"]) } else { json!([]) },
        "callingHours": {"start": "09:00", "end": "21:00"},
        "suppression": [phone(vendor, 7), phone(vendor, 99_999)],
        "vendors": {
            "bland": {"voice": "maya", "maxDuration": 10},
            "aliyun": {"dialogId": "1234567", "corpName": "Acme Ltd"},
            "tencent": {"sdkAppId": 1400000001u64, "llmType": "openai", "model": "gpt-4o-mini",
                        "apiKey": "sk-bench", "apiUrl": "https://api.openai.com/v1/"}
        }
    });
    let (c, report) = campaign::parse_campaign(value);
    assert!(report.issues.is_empty(), "{report}");
    c.expect("campaign")
}

fn bench(c: &mut Criterion) {
    let ctx = Context::at(NOW);
    for vendor in [Vendor::Bland, Vendor::Aliyun, Vendor::Tencent] {
        let camp = campaign(vendor);
        let pre = campaign::preflight(&camp, vendor, &ctx);
        assert_eq!(
            pre.summary.excluded, 2,
            "{vendor}: only the suppressed are excluded"
        );
        let plan = campaign::plan(&camp, vendor, &ctx).expect("plan");
        eprintln!(
            "{vendor}: {} requests; {}",
            plan.requests.len(),
            plan.explanation.join(" ")
        );
        let mut g = c.benchmark_group(format!("campaign_{vendor}"));
        g.throughput(Throughput::Elements(CONTACTS as u64));
        g.sample_size(10);
        g.bench_function("preflight_100k", |b| {
            b.iter(|| black_box(campaign::preflight(black_box(&camp), vendor, &ctx)))
        });
        g.bench_function("plan_100k", |b| {
            b.iter(|| black_box(campaign::plan(black_box(&camp), vendor, &ctx)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
