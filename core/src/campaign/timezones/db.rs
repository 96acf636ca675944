//! UTC offsets (DST included) of the zones in the prefix table, and the list of IANA zone names,
//! from `offsets.bin`: generated from `chrono-tz`'s bundled tz database by the tests in
//! `db_tests.rs`, which also compare every lookup with `chrono-tz`.
//!
//! Why not `chrono-tz` itself: its prebuilt tables hold every transition of every zone since the
//! 1800s as 24-byte records, 885 KB (120 KB gzipped) of the wasm module, where calling hours need
//! the zones of the prefix table for the instants a campaign sends at: now and later. Here a zone
//! is its distinct offsets and its transitions from 2020-01-01 ([`START`]) to 2100-01-01 (where
//! `chrono-tz`'s own end, checked by the tests) as (seconds since the previous one, offset index)
//! varints: 81 KB, 6.3 KB gzipped (from 1970 it was 130 KB, 11.1 KB gzipped: the irregular
//! history compresses worst, BENCHMARKS.md § wasm "Size"). Before 2020 a zone keeps the offset it
//! had at 2020-01-01T00:00Z: a calling window is never evaluated that far back (a campaign's "now"
//! is the caller's clock), and `chrono-tz` would give the historical offset. Tests pin both sides.
//!
//! Layout (little-endian varints; `z` = zigzag): `n_names`, then each IANA name as `len u8` +
//! bytes (sorted); `n_zones` (the prefix table's zones, in `table::ZONES` order), then per zone
//! `n_offsets`, `z offset_s` each, `n_transitions`, then per transition `delta_s` (from 0 for the
//! first) and the offset index; offset 0 applies before the first transition.

use chrono::{DateTime, NaiveDateTime};
use std::sync::OnceLock;

static BLOB: &[u8] = include_bytes!("offsets.bin");

/// 2020-01-01T00:00Z, Unix seconds: the table's offsets are exact from here to 2100 (the
/// generator and the tests in `db_tests.rs` use it; lookups need no bound).
#[cfg(test)]
pub(super) const START: i64 = 1_577_836_800;

/// A zone of the prefix table (an index into `table::ZONES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tz(u16);

/// One zone's offsets: `offsets[i]` applies from `starts[i - 1]` (inclusive) to `starts[i]`.
#[derive(Debug, Default)]
struct Spans {
    starts: Vec<i64>,
    offsets: Vec<i32>,
}

#[derive(Debug, Default)]
struct Db {
    names: Vec<&'static str>,
    zones: Vec<Spans>,
}

struct Reader {
    at: usize,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *BLOB.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut out = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            out |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(out);
            }
        }
        None
    }

    fn zigzag(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }
}

fn read() -> Option<Db> {
    let mut r = Reader { at: 0 };
    let n = r.len()?;
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        let len = usize::from(r.byte()?);
        let bytes = BLOB.get(r.at..r.at + len)?;
        r.at += len;
        names.push(std::str::from_utf8(bytes).ok()?);
    }
    let n = r.len()?;
    let mut zones = Vec::with_capacity(n);
    for _ in 0..n {
        let mut distinct = Vec::new();
        for _ in 0..r.len()? {
            distinct.push(i32::try_from(r.zigzag()?).ok()?);
        }
        let count = r.len()?;
        let mut spans = Spans {
            starts: Vec::with_capacity(count),
            offsets: Vec::with_capacity(count + 1),
        };
        spans.offsets.push(*distinct.first()?);
        let mut t = 0i64;
        for _ in 0..count {
            t = t.checked_add(i64::try_from(r.varint()?).ok()?)?;
            spans.starts.push(t);
            spans.offsets.push(*distinct.get(r.len()?)?);
        }
        zones.push(spans);
    }
    (r.at == BLOB.len()).then_some(Db { names, zones })
}

fn db() -> &'static Db {
    static DB: OnceLock<Db> = OnceLock::new();
    // The blob is checked by the tests; a damaged one would leave every zone unknown rather
    // than panic.
    DB.get_or_init(|| read().unwrap_or_default())
}

/// Whether `name` is an IANA zone name the tz database knows (`America/New_York`, and links
/// such as `US/Eastern`), exactly as `chrono-tz` parses names (case-sensitive).
pub fn is_iana_name(name: &str) -> bool {
    db().names.binary_search(&name).is_ok()
}

impl Tz {
    /// The zone with index `i` in `table::ZONES`, when the database has its offsets.
    pub(super) fn from_index(i: usize) -> Option<Tz> {
        (i < db().zones.len()).then(|| Tz(u16::try_from(i).unwrap_or(u16::MAX)))
    }

    fn spans(self) -> &'static Spans {
        static EMPTY: Spans = Spans {
            starts: Vec::new(),
            offsets: Vec::new(),
        };
        db().zones.get(usize::from(self.0)).unwrap_or(&EMPTY)
    }

    /// The IANA name (`America/New_York`).
    pub fn name(self) -> &'static str {
        super::table::ZONES
            .get(usize::from(self.0))
            .copied()
            .unwrap_or("")
    }

    /// The offset from UTC in seconds at Unix time `t_s`.
    pub fn offset_at(self, t_s: i64) -> i32 {
        let s = self.spans();
        let i = s.starts.partition_point(|&start| start <= t_s);
        s.offsets.get(i).copied().unwrap_or(0)
    }

    /// The local date and time at Unix time `t_ms`.
    pub fn local(self, t_ms: i64) -> Option<NaiveDateTime> {
        let utc = DateTime::from_timestamp_millis(t_ms)?;
        let offset = self.offset_at(utc.timestamp());
        utc.naive_utc()
            .checked_add_signed(chrono::TimeDelta::seconds(i64::from(offset)))
    }

    /// The earliest Unix time (seconds) whose local time is `local`: `None` inside a DST gap,
    /// the first of the two in a repeated hour (`chrono`'s `LocalResult::earliest`).
    pub fn earliest_utc(self, local: NaiveDateTime) -> Option<i64> {
        let s = self.spans();
        let l = local.and_utc().timestamp();
        // Offsets stay within ±26 h, so only spans meeting [l − 26 h, l + 26 h] can hold `l`.
        const REACH: i64 = 26 * 3600;
        let first = s.starts.partition_point(|&start| start <= l - REACH);
        for i in first..s.offsets.len() {
            let from = if i == 0 { i64::MIN } else { s.starts[i - 1] };
            if from > l + REACH {
                break;
            }
            let to = s.starts.get(i).copied().unwrap_or(i64::MAX);
            let t = l - i64::from(s.offsets[i]);
            if from <= t && t < to {
                return Some(t);
            }
        }
        None
    }
}
