//! Batch preflight throughput: 100k `call_data` rows (US numbers in mixed real-world formats, four
//! prompt variables) through `bland::preflight_batch` — validate, normalise every number, render
//! every prompt. Reported in rows/s (`Throughput::Elements`).
//!
//! Three more benches on the same rows say where the time goes: the same preflight with phone
//! parsing stubbed out (`preflight_batch_with`), phone normalisation alone, template rendering alone;
//! and the CSV entry point (`js::preflight_bland_csv_columns`) on the same rows as CSV text, with
//! the CSV reader alone.
//!
//! Measured twice: in wall-clock time (criterion's default) and in this thread's CPU time (Linux
//! `/proc/thread-self/schedstat`), because the benchmark machines are shared: CPU time is what
//! "rows/s on one core" means, wall time also counts the time other processes held the core.
//!
//! `cargo bench -p callplane-core --bench preflight`

mod rows;

use callplane_core::bland::{self, BatchRequest, CallDataRow};
use callplane_core::phone::{E164, PhoneError, PhoneErrorKind};
use callplane_core::template::Template;
use callplane_core::{Context, csv, js};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rows::{PROMPT, ROWS};
use serde_json::{Map, Value, json};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn batch() -> BatchRequest {
    let call_data = rows::rows("phone_number")
        .into_iter()
        .map(CallDataRow)
        .collect();
    BatchRequest {
        base_prompt: Some(PROMPT.to_owned()),
        call_data,
        label: Some("bench".into()),
        max_duration: Some(10),
        webhook: Some("https://example.com/bland".into()),
        ..Default::default()
    }
}

fn stub_normalise(input: &str) -> Result<E164, PhoneError> {
    let mut out = [b'0'; 12];
    out[..2].copy_from_slice(b"+1");
    let n = input.bytes().filter(u8::is_ascii_digit).count();
    let digits = input
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip(n.saturating_sub(10));
    let mut len = 2;
    for (slot, d) in out[2..].iter_mut().zip(digits) {
        *slot = d;
        len += 1;
    }
    let text = std::str::from_utf8(&out[..len]).unwrap_or("+1");
    E164::new(text).ok_or_else(|| PhoneError::new(PhoneErrorKind::TooShort, "stub: no digits"))
}

/// This thread's on-CPU time in nanoseconds (Linux schedstat), or wall time where that file does
/// not exist.
struct ThreadCpuTime {
    wall: WallTime,
    available: bool,
}

impl ThreadCpuTime {
    fn new() -> Self {
        let available = read_schedstat_ns().is_some();
        if !available {
            eprintln!(
                "/proc/thread-self/schedstat unavailable: the cpu-time group measures wall time"
            );
        }
        ThreadCpuTime {
            wall: WallTime,
            available,
        }
    }
}

fn read_schedstat_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Start of a measurement: CPU nanoseconds when available, else an instant.
enum Mark {
    Cpu(u64),
    Wall(Instant),
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Mark;
    type Value = Duration;

    fn start(&self) -> Mark {
        match (self.available, read_schedstat_ns()) {
            (true, Some(ns)) => Mark::Cpu(ns),
            _ => Mark::Wall(Instant::now()),
        }
    }
    fn end(&self, start: Mark) -> Duration {
        match start {
            Mark::Cpu(a) => {
                Duration::from_nanos(read_schedstat_ns().unwrap_or(a).saturating_sub(a))
            }
            Mark::Wall(t) => t.elapsed(),
        }
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, d: &Duration) -> f64 {
        d.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn benches<M: Measurement>(c: &mut Criterion<M>, group: &str) {
    let batch = batch();
    let ctx = Context::at(1_735_689_600_000);

    // Sanity: the data is what the bench claims (realistic, overwhelmingly valid rows).
    let pre = bland::preflight_batch(&batch, &ctx);
    let errors = pre.report().errors().count();
    eprintln!(
        "preflight data: {} rows, {} ready, {} errors, {} warnings (duplicates)",
        pre.len(),
        pre.ready_rows(),
        errors,
        pre.report().warnings().count()
    );
    assert!(
        errors * 100 < ROWS,
        "bench data should be overwhelmingly valid"
    );

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(2));
    g.measurement_time(Duration::from_secs(10));

    g.bench_function("preflight_batch_100k_rows", |b| {
        b.iter(|| black_box(bland::preflight_batch(black_box(&batch), &ctx)))
    });

    // Preflight's own cost: the same pass with a trivial stand-in for phone parsing (last ten
    // digits behind `+1`; not a validator). The gap to the full figure is the phone module.
    g.bench_function("preflight_batch_100k_rows_phone_stubbed", |b| {
        b.iter(|| {
            black_box(bland::preflight_batch_with(
                black_box(&batch),
                &ctx,
                stub_normalise,
            ))
        })
    });

    g.bench_function("component_phone_normalise_100k", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for row in &batch.call_data {
                if let Some(Value::String(s)) = row.phone_number()
                    && bland::rules::normalise_phone(s).is_ok()
                {
                    ok += 1;
                }
            }
            black_box(ok)
        })
    });

    let template = Template::parse(PROMPT).expect("bench prompt parses");
    g.bench_function("component_render_100k", |b| {
        let mut buf = String::with_capacity(256);
        b.iter(|| {
            let mut total = 0usize;
            for row in &batch.call_data {
                buf.clear();
                if template.render_into(row.vars(), &mut buf).is_ok() {
                    total += buf.len();
                }
            }
            black_box(total)
        })
    });
    // The CSV entry point (`preflightBlandCsv`, what the bindings call): the same rows as CSV text
    // read record by record into the same checks, result in the bindings' columns. The gap to
    // `preflight_batch_100k_rows` is reading the CSV and writing the JS result.
    let text = rows::csv(&rows::rows("phone_number"));
    let csv_batch = json!({
        "basePrompt": PROMPT, "label": "bench", "maxDuration": 10,
        "webhook": "https://example.com/bland"
    });
    let opts = json!({"nowMs": 1_735_689_600_000_i64, "phoneColumn": "phone"});
    let out = js::preflight_bland_csv_columns(csv_batch.clone(), &text, opts.clone(), &NoHost)
        .expect("csv preflight");
    assert_eq!(out.lines.len(), ROWS, "every CSV record is a row");
    g.bench_function("preflight_csv_100k_rows", |b| {
        b.iter(|| {
            black_box(js::preflight_bland_csv_columns(
                csv_batch.clone(),
                black_box(&text),
                opts.clone(),
                &NoHost,
            ))
        })
    });
    g.bench_function("component_csv_read_100k", |b| {
        let mut rec = csv::Record::default();
        b.iter(|| {
            let mut reader = csv::Reader::new(black_box(&text));
            let mut fields = 0usize;
            while reader.next_record(&mut rec) {
                fields += rec.len();
            }
            black_box(fields)
        })
    });
    g.finish();
}

/// The options give the clock; nothing else is asked of the host.
struct NoHost;
impl js::Host for NoHost {
    fn now_ms(&self) -> i64 {
        1_735_689_600_000
    }
    fn nonce(&self) -> String {
        String::new()
    }
}

/// `CALLPLANE_DUMP_ROWS=FILE` writes the exact 100k rows and prompt as JSON, so the JavaScript peer
/// (`core/benches/js-peer/preflight.mjs`: libphonenumber-js + mustache) runs on identical data.
fn dump_rows_if_asked() {
    if let Ok(path) = std::env::var("CALLPLANE_DUMP_ROWS") {
        let b = batch();
        let rows: Vec<&Map<String, Value>> = b.call_data.iter().map(|r| &r.0).collect();
        let doc = json!({"base_prompt": PROMPT, "call_data": rows});
        if let Err(e) = std::fs::write(&path, doc.to_string()) {
            eprintln!("CALLPLANE_DUMP_ROWS={path}: {e}");
        }
    }
}

fn wall(c: &mut Criterion) {
    dump_rows_if_asked();
    benches(c, "bland_preflight_wall");
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    benches(c, "bland_preflight_cpu");
}

criterion_group!(preflight_wall, wall);
criterion_group! {
    name = preflight_cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime::new());
    targets = cpu
}
criterion_main!(preflight_cpu, preflight_wall);
