//! `offsets.bin` is generated from `chrono-tz` (a dev-dependency) and every lookup of
//! [`super::db`] is compared with it. Regenerate with
//! `CALLPLANE_REGENERATE=1 cargo test -p callplane-core --lib campaign::timezones::db_tests`.

use super::db::{Tz, is_iana_name};
use super::table::ZONES;
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};

const BLOB_PATH: &str = "src/campaign/timezones/offsets.bin";
/// 2020-01-01T00:00Z: the first instant `offsets.bin` describes (`db.rs` says why).
const START: i64 = super::db::START;
/// 2100-01-01T00:00Z: the end of `chrono-tz`'s prebuilt transitions (checked below).
const END: i64 = 4_102_444_800;
/// Scan step: no zone changes its offset twice within a day since 1970 (the sampled comparison
/// below would catch it).
const STEP: i64 = 86_400;

fn chrono_tz(name: &str) -> chrono_tz::Tz {
    name.parse()
        .unwrap_or_else(|_| panic!("{name}: unknown to chrono-tz"))
}

fn reference_offset(tz: chrono_tz::Tz, t: i64) -> i32 {
    let utc = DateTime::from_timestamp(t, 0)
        .expect("in range")
        .naive_utc();
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

/// `(offset at START, [(first second of the new offset, new offset)])`.
fn transitions(tz: chrono_tz::Tz) -> (i32, Vec<(i64, i32)>) {
    let first = reference_offset(tz, START);
    let (mut cur, mut t, mut out) = (first, START, Vec::new());
    while t < END {
        let next = (t + STEP).min(END);
        if reference_offset(tz, next) == cur {
            t = next;
            continue;
        }
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if reference_offset(tz, mid) == cur {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        cur = reference_offset(tz, hi);
        out.push((hi, cur));
        t = hi;
    }
    (first, out)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(out: &mut Vec<u8>, v: i64) {
    varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn generate() -> Vec<u8> {
    let mut out = Vec::new();
    let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
    names.sort_unstable();
    varint(&mut out, names.len() as u64);
    for n in names {
        out.push(u8::try_from(n.len()).expect("short names"));
        out.extend_from_slice(n.as_bytes());
    }
    varint(&mut out, ZONES.len() as u64);
    for name in ZONES {
        let (first, list) = transitions(chrono_tz(name));
        let mut distinct = vec![first];
        for &(_, o) in &list {
            if !distinct.contains(&o) {
                distinct.push(o);
            }
        }
        varint(&mut out, distinct.len() as u64);
        for &o in &distinct {
            zigzag(&mut out, i64::from(o));
        }
        varint(&mut out, list.len() as u64);
        let mut prev = 0;
        for (t, o) in list {
            varint(&mut out, (t - prev) as u64);
            varint(
                &mut out,
                distinct.iter().position(|&d| d == o).expect("listed") as u64,
            );
            prev = t;
        }
    }
    out
}

#[test]
fn offsets_bin_is_current() {
    let fresh = generate();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BLOB_PATH);
    if std::env::var_os("CALLPLANE_REGENERATE").is_some() {
        std::fs::write(&path, &fresh).expect("write offsets.bin");
    }
    let committed = std::fs::read(&path).expect("read offsets.bin");
    assert!(
        committed == fresh,
        "{BLOB_PATH} is stale: run with CALLPLANE_REGENERATE=1"
    );
}

fn zones() -> impl Iterator<Item = (&'static str, Tz, chrono_tz::Tz)> {
    ZONES.iter().enumerate().map(|(i, name)| {
        let tz = Tz::from_index(i).unwrap_or_else(|| panic!("{name}: not in offsets.bin"));
        (*name, tz, chrono_tz(name))
    })
}

#[test]
fn offsets_match_chrono_tz_around_every_transition_and_on_a_grid() {
    for (name, tz, reference) in zones() {
        assert_eq!(tz.name(), name);
        let (_, list) = transitions(reference);
        let around = list.iter().flat_map(|&(t, _)| [t - 1, t, t + 1]);
        // An odd stride (≈ 27 h) lands on every hour of the day and every weekday over time.
        let grid = (START..END + 400 * 86_400).step_by(97_397);
        for t in around.chain(grid) {
            assert_eq!(
                tz.offset_at(t),
                reference_offset(reference, t),
                "{name} at {t}"
            );
        }
    }
}

#[test]
fn before_2020_every_zone_keeps_its_offset_of_2020_01_01() {
    let mut differs_from_history = 0;
    for (name, tz, reference) in zones() {
        let at_start = reference_offset(reference, START);
        for t in (-86_400 * 365 * 60..START)
            .step_by(7_919_993)
            .chain([START - 1])
        {
            assert_eq!(tz.offset_at(t), at_start, "{name} at {t}");
            if reference_offset(reference, t) != at_start {
                differs_from_history += 1;
            }
        }
    }
    // The simplification is real (history differs), so the assertion above is not vacuous.
    assert!(differs_from_history > 1_000, "{differs_from_history}");
}

#[test]
fn no_transition_after_2100_in_chrono_tz() {
    for (name, tz, reference) in zones() {
        let last = tz.offset_at(END);
        for t in (END..END + 100 * 365 * 86_400).step_by(11 * 86_400 + 3_600) {
            assert_eq!(reference_offset(reference, t), last, "{name} at {t}");
        }
    }
}

fn reference_earliest(tz: chrono_tz::Tz, local: NaiveDateTime) -> Option<i64> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.timestamp())
}

#[test]
fn local_to_utc_matches_chrono_tz_in_gaps_repeats_and_on_a_grid() {
    for (name, tz, reference) in zones() {
        let (_, list) = transitions(reference);
        // Local times from 3 h before to 3 h after each transition (gaps and repeated hours),
        // every 15 minutes, and a grid over the whole range.
        let near = list
            .iter()
            .filter(|&&(t, _)| t > START + 86_400)
            .flat_map(|&(t, _)| {
                (-12..=12).map(move |q| t + i64::from(reference_offset(reference, t)) + q * 900)
            });
        // From a day after START: a local time less than 26 h after it may map to an instant
        // before START, where the table keeps START's offset on purpose (next test).
        let grid = (START + 86_400..END).step_by(1_000_003);
        for l in near.chain(grid) {
            let local = DateTime::from_timestamp(l, 0)
                .expect("in range")
                .naive_utc();
            assert_eq!(
                tz.earliest_utc(local),
                reference_earliest(reference, local),
                "{name} at local {local}"
            );
            let t_ms = l * 1000 + 123;
            assert_eq!(
                tz.local(t_ms),
                Some(
                    DateTime::from_timestamp_millis(t_ms)
                        .expect("in range")
                        .with_timezone(&reference)
                        .naive_local()
                ),
                "{name} local at {t_ms}"
            );
        }
    }
}

#[test]
fn iana_names_are_chrono_tz_names_exactly() {
    for t in chrono_tz::TZ_VARIANTS {
        assert!(is_iana_name(t.name()), "{}", t.name());
    }
    for bad in [
        "",
        "america/new_york",
        "America/New York",
        "Mars/Olympus",
        "UTC+1",
        "EST ",
    ] {
        assert_eq!(
            is_iana_name(bad),
            bad.parse::<chrono_tz::Tz>().is_ok(),
            "{bad:?}"
        );
        assert!(!is_iana_name(bad), "{bad:?}");
    }
}
