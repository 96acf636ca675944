//! The few fixed date-time formats callplane reads and writes, without `chrono`'s format-string
//! interpreter.
//!
//! Why: `parse_from_str(s, "%Y-…")` and `.format("%Y-…")` compile the format string at run time
//! (`StrftimeItems`) and format through `DelayedFormat`, which together were ≈ 13 KB of the wasm
//! module's code for five constant strings (BENCHMARKS.md § wasm "Size"). Parsing goes through
//! `chrono`'s own item parser with the items written out here — the very items `StrftimeItems`
//! yields for each string (a test compares them) — so parsing and its error messages are
//! unchanged; formatting is written out with `chrono`'s rules for `%Y`, `%m`, `%d`, `%H`, `%M` and
//! `%S` (zero-padded; a year outside 0–9999 gets a sign and at least four digits), and a test
//! compares it with `chrono`'s `format` over the whole range of instants.

use chrono::format::{Fixed, Item, Numeric, Pad, ParseResult, Parsed, parse};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike};
use std::fmt::Write as _;

const fn num(n: Numeric) -> Item<'static> {
    Item::Numeric(n, Pad::Zero)
}

// The three lists repeat their date and time items on purpose: built from shared pieces and read
// through `flat_map`, the item parser's instantiation cost 1.3 KB gzipped more (BENCHMARKS.md).

/// `%Y-%m-%d %H:%M:%S`.
pub const YMD_HMS: &[Item<'static>] = &[
    num(Numeric::Year),
    Item::Literal("-"),
    num(Numeric::Month),
    Item::Literal("-"),
    num(Numeric::Day),
    Item::Space(" "),
    num(Numeric::Hour),
    Item::Literal(":"),
    num(Numeric::Minute),
    Item::Literal(":"),
    num(Numeric::Second),
];

/// `%Y-%m-%d %H:%M:%S %:z`.
pub const YMD_HMS_OFFSET: &[Item<'static>] = &[
    num(Numeric::Year),
    Item::Literal("-"),
    num(Numeric::Month),
    Item::Literal("-"),
    num(Numeric::Day),
    Item::Space(" "),
    num(Numeric::Hour),
    Item::Literal(":"),
    num(Numeric::Minute),
    Item::Literal(":"),
    num(Numeric::Second),
    Item::Space(" "),
    Item::Fixed(Fixed::TimezoneOffsetColon),
];

/// `%a %b %d %H:%M:%S %Y` (Java's `Date.toString()` without the zone).
pub const JAVA_DATE: &[Item<'static>] = &[
    Item::Fixed(Fixed::ShortWeekdayName),
    Item::Space(" "),
    Item::Fixed(Fixed::ShortMonthName),
    Item::Space(" "),
    num(Numeric::Day),
    Item::Space(" "),
    num(Numeric::Hour),
    Item::Literal(":"),
    num(Numeric::Minute),
    Item::Literal(":"),
    num(Numeric::Second),
    Item::Space(" "),
    num(Numeric::Year),
];

/// `NaiveDateTime::parse_from_str(s, fmt)` for the `fmt` whose items are `items`.
pub fn parse_naive(s: &str, items: &[Item<'_>]) -> ParseResult<NaiveDateTime> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, s, items.iter())?;
    parsed.to_naive_datetime_with_offset(0)
}

/// `DateTime::<FixedOffset>::parse_from_str(s, fmt)` for the `fmt` whose items are `items`.
pub fn parse_with_offset(s: &str, items: &[Item<'_>]) -> ParseResult<DateTime<FixedOffset>> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, s, items.iter())?;
    parsed.to_datetime()
}

/// `chrono`'s `%Y`: four digits for 0–9999, otherwise a sign and at least four digits.
fn push_year(out: &mut String, year: i32) {
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}")
    } else {
        write!(out, "{year:+05}")
    };
}

/// Two zero-padded digits (`%m`, `%d`, `%H`, `%M`, `%S`: every value is below 100).
fn push2(out: &mut String, v: u32) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// `t.format("%Y-%m-%d{sep}%H:%M")`, then `:%S` when `seconds`.
pub fn format_ymd_hm(t: &NaiveDateTime, sep: char, seconds: bool) -> String {
    let mut out = String::with_capacity(20);
    push_year(&mut out, t.year());
    out.push('-');
    push2(&mut out, t.month());
    out.push('-');
    push2(&mut out, t.day());
    out.push(sep);
    push2(&mut out, t.hour());
    out.push(':');
    push2(&mut out, t.minute());
    if seconds {
        out.push(':');
        // `%S` of a leap second (nanosecond ≥ 1e9) is 60, as `chrono` writes it.
        push2(&mut out, t.second() + t.nanosecond() / 1_000_000_000);
    }
    out
}

#[cfg(test)]
#[path = "datetime_tests.rs"]
mod tests;
