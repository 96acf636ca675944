//! Template speed: parse once, then render rows into a reused `String`.
//!
//! Target: a ~100-character prompt with 3–4 variables well under 200 ns per row, so that
//! validate + phone + render stays above 1,000,000 rows/s on one core.
//!
//! Run: `cargo bench -p callplane-core --bench template`

use callplane_core::template::{Template, render_batch};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Map, Value, json};
use std::hint::black_box;

/// Bland's batch-guide prompt (~100 characters, 3 variables) plus a greeting variable.
const PROMPT: &str = "Hi {{name}}! You are calling {{business}} to renew their subscription to {{service}} before it expires on {{date}}.";

fn row(i: usize) -> Map<String, Value> {
    let v = json!({
        "phone_number": format!("+1415555{:04}", i % 10_000),
        "name": "Ada",
        "business": "ABC co.",
        "service": "Netflix",
        "date": "September 4th",
    });
    v.as_object().cloned().unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let t = Template::parse(PROMPT).expect("prompt parses");
    let r = row(0);

    let mut g = c.benchmark_group("template");
    g.throughput(Throughput::Elements(1));
    g.bench_function("render_into_4_vars", |b| {
        let mut out = String::with_capacity(256);
        b.iter(|| {
            out.clear();
            let res = t.render_into(black_box(&r), &mut out);
            black_box((&res, out.len()));
        })
    });

    let numeric = json!({"name": "Ada", "business": 12345, "service": 19.99, "date": true});
    let numeric = numeric.as_object().cloned().unwrap_or_default();
    g.bench_function("render_into_4_vars_numbers", |b| {
        let mut out = String::with_capacity(256);
        b.iter(|| {
            out.clear();
            let res = t.render_into(black_box(&numeric), &mut out);
            black_box((&res, out.len()));
        })
    });

    let missing = json!({"name": "Ada"});
    let missing = missing.as_object().cloned().unwrap_or_default();
    g.bench_function("render_into_3_missing", |b| {
        let mut out = String::with_capacity(256);
        b.iter(|| {
            out.clear();
            black_box(t.render_into(black_box(&missing), &mut out).is_err());
        })
    });

    let one = |v: Value| {
        let mut m = Map::new();
        m.insert("x".to_owned(), v);
        m
    };
    let single = Template::parse("{{x}}").expect("parses");
    for (label, value) in [
        ("render_int", json!(1234567)),
        ("render_float", json!(19.99)),
        ("render_float_17_digits", json!(0.1 + 0.2)),
    ] {
        let r = one(value);
        g.bench_function(label, |b| {
            let mut out = String::with_capacity(64);
            b.iter(|| {
                out.clear();
                let res = single.render_into(black_box(&r), &mut out);
                black_box((&res, out.len()));
            })
        });
    }

    g.bench_function("parse", |b| {
        b.iter(|| black_box(Template::parse(black_box(PROMPT)).is_ok()))
    });
    g.finish();

    let rows: Vec<_> = (0..1000).map(row).collect();
    let mut g = c.benchmark_group("template_batch");
    g.throughput(Throughput::Elements(rows.len() as u64));
    g.bench_function("render_batch_1000", |b| {
        b.iter(|| black_box(render_batch(&t, black_box(&rows)).len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
