//! The hand-written date-time parsers (`core::datetime`) against `chrono`'s own for the same
//! formats, in one process: a valid input and a typical invalid one per format.
//!
//! Run: `cargo bench -p callplane-core --bench datetime`

use callplane_core::datetime;
use chrono::format::{Item, Parsed, StrftimeItems, parse};
use chrono::{DateTime, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

type Parse = fn(&str) -> bool;

/// Each format: its name, ours, `chrono`'s, a valid and an invalid input.
const CASES: [(&str, Parse, Parse, &str, &str); 4] = [
    (
        "ymd_hms",
        |s| datetime::parse_ymd_hms(s).is_ok(),
        |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").is_ok(),
        "2019-03-27 10:34:54",
        "2019-03-27T10:34:54",
    ),
    (
        "ymd_hms_offset",
        |s| datetime::parse_ymd_hms_offset(s).is_ok(),
        |s| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %:z").is_ok(),
        "2019-03-27 10:34:54 +08:00",
        "2019-03-27 10:34:54 +0800x",
    ),
    (
        "java_date",
        |s| datetime::parse_java_date(s).is_ok(),
        |s| NaiveDateTime::parse_from_str(s, "%a %b %d %H:%M:%S %Y").is_ok(),
        "Wed Mar 27 10:34:45 2019",
        "Thu Mar 27 10:34:45 2019",
    ),
    (
        "rfc3339",
        |s| datetime::parse_rfc3339(s).is_ok(),
        |s| DateTime::parse_from_rfc3339(s).is_ok(),
        "2026-11-23T09:00:00.123+01:00",
        "2026-11-23 09:00",
    ),
];

/// The format's items as `StrftimeItems` yields them (none for RFC 3339).
fn items(name: &str) -> Option<Vec<Item<'static>>> {
    let fmt = match name {
        "ymd_hms" => "%Y-%m-%d %H:%M:%S",
        "ymd_hms_offset" => "%Y-%m-%d %H:%M:%S %:z",
        "java_date" => "%a %b %d %H:%M:%S %Y",
        _ => return None,
    };
    Some(StrftimeItems::new(fmt).collect())
}

fn bench(c: &mut Criterion) {
    for (name, ours, theirs, valid, invalid) in CASES {
        assert!(
            ours(valid) && theirs(valid) && !ours(invalid) && !theirs(invalid),
            "{name}"
        );
        let mut g = c.benchmark_group(format!("datetime/{name}"));
        for (input, s) in [("valid", valid), ("invalid", invalid)] {
            g.bench_function(format!("ours/{input}"), |b| b.iter(|| ours(black_box(s))));
            g.bench_function(format!("chrono/{input}"), |b| {
                b.iter(|| theirs(black_box(s)))
            });
        }
        if let Some(items) = items(name) {
            let offset = name.ends_with("offset");
            // What `core::datetime` did before: `chrono`'s item parser, items precompiled.
            for (input, s) in [("valid", valid), ("invalid", invalid)] {
                g.bench_function(format!("chrono_items/{input}"), |b| {
                    b.iter(|| {
                        let mut p = Parsed::new();
                        let r = parse(&mut p, black_box(s), items.iter());
                        r.and_then(|()| match offset {
                            true => p.to_datetime().map(drop),
                            false => p.to_naive_datetime_with_offset(0).map(drop),
                        })
                        .is_ok()
                    })
                });
            }
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
