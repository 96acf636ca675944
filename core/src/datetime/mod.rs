//! The few fixed date-time formats callplane reads and writes, without `chrono`'s format-string
//! interpreter or item parser.
//!
//! Why: `parse_from_str(s, "%Y-…")` and `.format("%Y-…")` compile the format string at run time
//! (`StrftimeItems`) and format through `DelayedFormat`, which together were ≈ 13 KB of the wasm
//! module's code for five constant strings; the generic item parser behind `parse_from_str` and
//! `parse_from_rfc3339` (`chrono::format::parse`) was ≈ 7 KB gzipped more (BENCHMARKS.md § wasm
//! "Size"). Parsing is written out in [`parse`] with `chrono` 0.4.45's rules and error kinds (a
//! differential test compares results and errors over a generated corpus); formatting with
//! `chrono`'s rules for `%Y`, `%m`, `%d`, `%H`, `%M` and `%S` (zero-padded; a year outside 0–9999
//! gets a sign and at least four digits), and a test compares it with `chrono`'s `format` over the
//! whole range of instants.

mod parse;
mod scan;

pub use parse::{parse_java_date, parse_rfc3339, parse_ymd_hms, parse_ymd_hms_offset};

use chrono::{Datelike, NaiveDateTime, Timelike};
use std::fmt::Write as _;

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
mod format_tests;
#[cfg(test)]
mod parse_tests;
