//! The JS-facing preflight natively: `js::preflight_bland_batch` on the 100k-row batch of
//! `benches/preflight.rs` (same generator), in JS names — JSON in, JSON out, including the name
//! mapping and the per-row result objects. It is what `@callplane/wasm` runs inside the module
//! (BENCHMARKS.md § wasm compares it with Node and Chromium); the difference to
//! `bland_preflight_*` in `preflight.rs` is the facade's own cost.
//!
//! `cargo bench -p callplane-core --bench js_preflight`

use callplane_core::js::{self, Host};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use std::hint::black_box;

const ROWS: usize = 100_000;
const PROMPT: &str = "Hi {{name}}, this is Jordan from {{business}}. Your {{service}} plan renews on \
{{date}}. Would you like to keep it, change it, or cancel before then?";
const AREA_CODES: &[u16] = &[
    201, 202, 206, 212, 213, 214, 305, 310, 312, 404, 408, 415, 503, 512, 602, 617, 646, 702, 713,
    718, 773, 801, 917, 972,
];
const NAMES: &[&str] = &[
    "Ann", "Bo", "Carmen", "Dmitri", "Esther", "Farid", "Grace", "Hiro",
];
const BUSINESSES: &[&str] = &[
    "ABC co.",
    "XYZ inc.",
    "Acme Plumbing",
    "Blue Bottle Cafe",
    "Northwind",
];
const SERVICES: &[&str] = &[
    "Netflix",
    "Window Cleaning",
    "Lawn Care",
    "Premium Support",
    "Fiber 1G",
];
const DATES: &[&str] = &["September 4th", "December 20th", "March 1st", "June 30th"];
const NOW_MS: i64 = 1_763_700_000_000;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() as usize) % xs.len()]
    }
}

fn number(rng: &mut Lcg) -> String {
    let area = *rng.pick(AREA_CODES);
    let mut exchange = 200 + (rng.next() % 800) as u16;
    if exchange % 100 == 11 {
        exchange += 1;
    }
    let line = rng.next() % 10_000;
    match rng.next() % 7 {
        0 => format!("+1{area}{exchange}{line:04}"),
        1 => format!("({area}) {exchange}-{line:04}"),
        2 => format!("{area}-{exchange}-{line:04}"),
        3 => format!("{area}{exchange}{line:04}"),
        4 => format!("+1 {area} {exchange} {line:04}"),
        5 => format!("{area}.{exchange}.{line:04}"),
        _ => format!("1-{area}-{exchange}-{line:04}"),
    }
}

/// The batch in JS names, as a dashboard passes it.
fn batch() -> Value {
    let mut rng = Lcg(0x5eed);
    let rows: Vec<Value> = (0..ROWS)
        .map(|_| {
            let mut m = Map::new();
            m.insert("phoneNumber".into(), Value::String(number(&mut rng)));
            m.insert("name".into(), json!(rng.pick(NAMES)));
            m.insert("business".into(), json!(rng.pick(BUSINESSES)));
            m.insert("service".into(), json!(rng.pick(SERVICES)));
            m.insert("date".into(), json!(rng.pick(DATES)));
            Value::Object(m)
        })
        .collect();
    json!({
        "basePrompt": PROMPT,
        "callData": rows,
        "label": "bench",
        "maxDuration": 10,
        "webhook": "https://example.com/bland"
    })
}

struct Fixed;
impl Host for Fixed {
    fn now_ms(&self) -> i64 {
        NOW_MS
    }
    fn nonce(&self) -> String {
        String::new()
    }
}

fn bench(c: &mut Criterion) {
    let input = batch();
    let out = js::preflight_bland_batch(input.clone(), Value::Null, &Fixed).expect("preflight");
    assert_eq!(out["summary"]["ready"], ROWS, "{}", out["summary"]);
    assert_eq!(out["summary"]["warnings"], 27, "{}", out["summary"]);

    let mut g = c.benchmark_group("js_preflight");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("preflight_bland_batch_100k_rows", |b| {
        b.iter_batched(
            || input.clone(),
            |v| black_box(js::preflight_bland_batch(v, Value::Null, &Fixed)),
            BatchSize::LargeInput,
        )
    });
    // What the wasm binding adds around it: JSON text in (`JSON.stringify` output) and out.
    let text = input.to_string();
    g.bench_function("with_json_text_in_and_out_100k_rows", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&text)).expect("json");
            let out = js::preflight_bland_batch(v, Value::Null, &Fixed).expect("preflight");
            black_box(out.to_string())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
