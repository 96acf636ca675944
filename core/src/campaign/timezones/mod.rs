//! The callee's likely time zones, from libphonenumber's prefix → time-zone table
//! (`resources/timezones/map_data.txt`, copied to `core/data/timezones/` with its Apache-2.0
//! license). The table is embedded in a compact generated form (`table.rs`: every zone name once,
//! every distinct zone set once, prefixes as integers sorted per length; about 25 KB instead of the
//! 86 KB text), regenerated and checked by the tests here.
//!
//! Lookup is a longest-prefix match on the E.164 digits (`+12082011234` → `1208201` →
//! America/Denver). A prefix may map to several zones (`1208` → Boise and Los Angeles): the
//! callee could be in any of them, so calling rules must hold in all. UTC offsets (with DST) come
//! from `chrono-tz`'s bundled tz database, already in the core for Bland's `timezone` field.

#[rustfmt::skip]
mod table;

#[cfg(test)]
mod tests;

mod db;
#[cfg(test)]
mod db_tests;

pub use db::{Tz, is_iana_name};

/// Digits of the longest prefix in the table.
const MAX_PREFIX_DIGITS: usize = table::LENGTH_START.len() - 2;

/// One zone of the table, as a name and (when the offsets table has it) a `Tz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    /// IANA name (`America/New_York`).
    pub name: &'static str,
    /// The zone, or `None` if the offsets table lacks it (never, per the tests).
    pub tz: Option<Tz>,
}

/// A set of zones a number may be in: an index into the table's distinct sets. Cheap to copy and
/// compare, so callers can memoise per set (a 100k-contact campaign has a few hundred at most).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ZoneSet(u16);

impl ZoneSet {
    /// The zones, in name order.
    pub fn zones(self) -> impl ExactSizeIterator<Item = Zone> {
        let ids: &'static [u16] = table::SETS.get(usize::from(self.0)).copied().unwrap_or(&[]);
        ids.iter().map(move |&i| Zone {
            name: table::ZONES.get(usize::from(i)).copied().unwrap_or(""),
            tz: Tz::from_index(usize::from(i)),
        })
    }

    /// The zone names.
    pub fn names(self) -> Vec<String> {
        self.zones().map(|z| z.name.to_owned()).collect()
    }
}

/// The zones of an E.164 number (`+…` or bare digits); `None` when no prefix of it is in the
/// table (non-geographic numbers such as +800, or unknown prefixes).
pub fn for_e164(e164: &str) -> Option<ZoneSet> {
    let digits = e164.strip_prefix('+').unwrap_or(e164).as_bytes();
    let longest = digits.len().min(MAX_PREFIX_DIGITS);
    let mut value: u32 = 0;
    let mut values = [0u32; MAX_PREFIX_DIGITS + 1];
    for (n, &b) in digits.iter().take(longest).enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
        if let Some(slot) = values.get_mut(n + 1) {
            *slot = value;
        }
    }
    for len in (1..=longest).rev() {
        let (Some(&from), Some(&to)) = (
            table::LENGTH_START.get(len),
            table::LENGTH_START.get(len + 1),
        ) else {
            continue;
        };
        let (from, to) = (usize::from(from), usize::from(to));
        let Some(keys) = table::PREFIXES.get(from..to) else {
            continue;
        };
        if let Ok(pos) = keys.binary_search(&values[len]) {
            return table::PREFIX_SET.get(from + pos).map(|&s| ZoneSet(s));
        }
    }
    None
}
