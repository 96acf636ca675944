//! Phone parsing cost per number: the fast engine (digit DFAs), the reference engine (regexes,
//! same algorithm), and the `phonenumber` crate's own `parse` + `is_valid` as the peer.
//!
//! `cargo bench -p callplane-core --bench phone`
//!
//! Every engine is warmed on the inputs first, so one-time metadata compilation is not measured.

use callplane_core::Vendor;
use callplane_core::phone::{self, Engine};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The typical inputs named by the performance budget, with the default region they are read with.
const INPUTS: [(&str, &str); 6] = [
    ("+14155550123", "US"),
    ("4155550123", "US"),
    ("(415) 555-0123", "US"),
    ("+8613800138000", "US"),
    ("010-1234-5678", "CN"),
    ("+44 20 7946 0958", "US"),
];

fn crate_parse(input: &str, region: phonenumber::country::Id) -> bool {
    phonenumber::parse(Some(region), input).is_ok_and(|n| phonenumber::is_valid(&n))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("phone_parse");
    for (input, region) in INPUTS {
        for engine in [Engine::Fast, Engine::Reference] {
            assert!(phone::parse_with(engine, input, region).is_ok(), "{input}");
            g.bench_with_input(
                BenchmarkId::new(format!("{engine:?}").to_lowercase(), input),
                &(input, region),
                |b, &(input, region)| {
                    b.iter(|| phone::parse_with(engine, black_box(input), region))
                },
            );
        }
        let id: phonenumber::country::Id = region.parse().expect("region");
        let _ = crate_parse(input, id);
        g.bench_with_input(
            BenchmarkId::new("phonenumber_crate", input),
            &(input, id),
            |b, &(input, id)| b.iter(|| crate_parse(black_box(input), id)),
        );
    }
    g.finish();

    // The whole batch-preflight step for one Bland row's phone column, and the Chinese vendors'.
    let mut g = c.benchmark_group("phone_normalize");
    for (vendor, input) in [
        (Vendor::Bland, "(415) 555-0123"),
        (Vendor::Aliyun, "138 0013 8000"),
        (Vendor::Tencent, "+86 10 1234 5678"),
    ] {
        assert!(phone::normalize_for(vendor, input).is_ok());
        g.bench_with_input(
            BenchmarkId::new(vendor.as_str(), input),
            &input,
            |b, input| b.iter(|| phone::normalize_for(vendor, black_box(input))),
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
