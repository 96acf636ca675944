//! The JS-facing preflight natively: `js::preflight_bland_batch` on the 100k-row batch of
//! `benches/preflight.rs` (same generator), in JS names — JSON in, JSON out, including the name
//! mapping and the per-row result objects. It is what `@callplane/wasm` runs inside the module
//! (BENCHMARKS.md § wasm compares it with Node and Chromium); the difference to
//! `bland_preflight_*` in `preflight.rs` is the facade's own cost.
//!
//! `text_reader_*` are what both bindings run since the text reader (`js::preflight_bland_batch_text_*`).
//!
//! `cargo bench -p callplane-core --bench js_preflight`

mod rows;

use callplane_core::js::{self, Host};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rows::{PROMPT, ROWS};
use serde_json::{Value, json};
use std::hint::black_box;

const NOW_MS: i64 = 1_763_700_000_000;

/// The batch in JS names, as a dashboard passes it.
fn batch() -> Value {
    let rows: Vec<Value> = rows::rows("phoneNumber")
        .into_iter()
        .map(Value::Object)
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
    // What the wasm binding runs inside the module: JSON text in (`JSON.stringify` output),
    // JSON text out written straight from the rows (`preflight_bland_batch_json`)...
    let text = input.to_string();
    g.bench_function("with_json_text_in_and_out_100k_rows", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&text)).expect("json");
            black_box(js::preflight_bland_batch_json(v, Value::Null, &Fixed).expect("preflight"))
        })
    });
    // What the bindings run now: the text read row by row into the checks (no `Value` per row),
    // the result as JSON text, or in columns (clean rows as one text plus offsets, for the JS
    // wrappers to slice).
    g.bench_function("text_reader_json_out_100k_rows", |b| {
        b.iter(|| {
            black_box(
                js::preflight_bland_batch_text_json(Some(black_box(&text)), Value::Null, &Fixed)
                    .expect("preflight"),
            )
        })
    });
    g.bench_function("text_reader_columns_out_100k_rows", |b| {
        b.iter(|| {
            black_box(
                js::preflight_bland_batch_text_columns(Some(black_box(&text)), Value::Null, &Fixed)
                    .expect("preflight"),
            )
        })
    });
    // ... and the text parsed alone, to separate the input's cost from preflight's.
    g.bench_function("json_text_parse_only_100k_rows", |b| {
        b.iter(|| black_box(serde_json::from_str::<Value>(black_box(&text)).expect("json")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
