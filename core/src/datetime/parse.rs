//! The four date-time formats callplane reads, parsed by hand with the results and error kinds of
//! `chrono` 0.4.45 (`NaiveDateTime::parse_from_str`, `DateTime::parse_from_str`,
//! `DateTime::parse_from_rfc3339`), which the tests check differentially.
//!
//! `chrono`'s item parser sets each field through `Parsed`'s setters as it reads it (so a field out
//! of range fails before later text is read), rejects trailing input, and only then builds the date
//! (`from_ymd_opt`: out of range), checks a weekday against it (impossible), builds the time and
//! applies the offset. The functions here keep that order.

use super::scan::{self, Colon, Kind};
use chrono::format::ParseResult;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// The fields of a date-time as read, each within its `Parsed` setter's range.
struct Fields {
    year: i32,
    month: u32,
    day: u32,
    /// Hour, minute, second.
    hms: (u32, u32, u32),
}

impl Fields {
    /// `Parsed::to_naive_datetime_with_offset`: the date must exist; a second of 60 is a leap
    /// second (`59` plus one second of nanoseconds).
    fn to_naive(&self) -> Result<NaiveDateTime, Kind> {
        let date =
            NaiveDate::from_ymd_opt(self.year, self.month, self.day).ok_or(Kind::OutOfRange)?;
        let (hour, minute, second) = self.hms;
        time(hour, minute, second, 0).map(|t| date.and_time(t))
    }
}

/// `NaiveTime::from_hms_nano_opt` after mapping a leap second `60` to `59` + 1e9 ns, as both
/// `Parsed::to_naive_time` and `parse_rfc3339` do.
fn time(hour: u32, minute: u32, second: u32, nano: u32) -> Result<NaiveTime, Kind> {
    let (second, leap) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano + leap).ok_or(Kind::OutOfRange)
}

/// `%Y-%m-%d %H:%M:%S` up to the end of the seconds.
fn ymd_hms(s: &str) -> scan::Scan<'_, Fields> {
    let (s, year) = scan::year(s)?;
    let s = scan::literal(s, b'-')?;
    let (s, month) = scan::field2(s, 1..=12)?;
    let s = scan::literal(s, b'-')?;
    let (s, day) = scan::field2(s, 1..=31)?;
    // `Item::Space` skips any whitespace, including none, and never fails; so does a number.
    let (s, hms) = hms(s)?;
    Ok((
        s,
        Fields {
            year,
            month,
            day,
            hms,
        },
    ))
}

/// `%H:%M:%S`, after any whitespace.
fn hms(s: &str) -> scan::Scan<'_, (u32, u32, u32)> {
    let (s, hour) = scan::field2(s, 0..=23)?;
    let s = scan::literal(s, b':')?;
    let (s, minute) = scan::field2(s, 0..=59)?;
    let s = scan::literal(s, b':')?;
    let (s, second) = scan::field2(s, 0..=60)?;
    Ok((s, (hour, minute, second)))
}

/// Trailing input after the last item is an error of its own.
fn end(s: &str) -> Result<(), Kind> {
    if s.is_empty() {
        Ok(())
    } else {
        Err(Kind::TooLong)
    }
}

/// `NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")`.
pub fn parse_ymd_hms(s: &str) -> ParseResult<NaiveDateTime> {
    let run = || {
        let (s, f) = ymd_hms(s)?;
        end(s)?;
        f.to_naive()
    };
    run().map_err(Kind::into_chrono)
}

/// `DateTime::<FixedOffset>::parse_from_str(s, "%Y-%m-%d %H:%M:%S %:z")`: the offset is `±HH:MM`
/// with any run of `:` and whitespace (or none) between hours and minutes and `−` (U+2212) for
/// minus, after any whitespace.
pub fn parse_ymd_hms_offset(s: &str) -> ParseResult<DateTime<FixedOffset>> {
    let run = || {
        let (s, f) = ymd_hms(s)?;
        let (s, offset) = scan::offset(s.trim_start(), Colon::Loose)?;
        end(s)?;
        with_offset(f.to_naive()?, offset)
    };
    run().map_err(Kind::into_chrono)
}

/// The local `t` at `offset` seconds east (`Parsed::to_datetime`): an offset of a day or more is
/// out of range; an instant outside `chrono`'s range is impossible.
fn with_offset(t: NaiveDateTime, offset: i32) -> Result<DateTime<FixedOffset>, Kind> {
    let tz = FixedOffset::east_opt(offset).ok_or(Kind::OutOfRange)?;
    tz.from_local_datetime(&t).single().ok_or(Kind::Impossible)
}

/// `NaiveDateTime::parse_from_str(s, "%a %b %d %H:%M:%S %Y")`, Java's `Date.toString()` without
/// the zone: three-letter English names in any case, no whitespace before the weekday, and the
/// weekday must be the date's.
pub fn parse_java_date(s: &str) -> ParseResult<NaiveDateTime> {
    let run = || {
        let (s, weekday) = scan::short_weekday(s)?;
        let (s, month) = scan::short_month(s.trim_start())?;
        let (s, day) = scan::field2(s, 1..=31)?;
        let (s, hms) = hms(s)?;
        let (s, year) = scan::year(s)?;
        end(s)?;
        let t = Fields {
            year,
            month,
            day,
            hms,
        }
        .to_naive()?;
        if t.weekday() == weekday {
            Ok(t)
        } else {
            Err(Kind::Impossible)
        }
    };
    run().map_err(Kind::into_chrono)
}

/// The ASCII digit at `i` of the first 19 bytes, as `parse_rfc3339`'s `digit`.
fn digit(b: &[u8; 19], i: usize) -> Result<u32, Kind> {
    match b.get(i) {
        Some(d @ b'0'..=b'9') => Ok(u32::from(d - b'0')),
        _ => Err(Kind::Invalid),
    }
}

/// Two digits at `i`, `i + 1`.
fn two(b: &[u8; 19], i: usize) -> Result<u32, Kind> {
    Ok(digit(b, i)? * 10 + digit(b, i + 1)?)
}

/// The byte at `i` must be `c`.
fn sep(b: &[u8; 19], i: usize, c: u8) -> Result<(), Kind> {
    if b.get(i) == Some(&c) {
        Ok(())
    } else {
        Err(Kind::Invalid)
    }
}

/// `DateTime::parse_from_rfc3339`: exactly `YYYY-MM-DD`, `T`/`t`/space, `HH:MM:SS` (`60` is a leap
/// second), an optional `.` and 1+ digits (the first nine count), then `Z`/`z` or `±HH:MM`. Inputs
/// shorter than 19 bytes are premature; the date is checked before the time is read.
pub fn parse_rfc3339(s: &str) -> ParseResult<DateTime<FixedOffset>> {
    let run = || {
        let Some(b) = s.as_bytes().first_chunk::<19>() else {
            return Err(Kind::TooShort);
        };
        let year = two(b, 0)? * 100 + two(b, 2)?;
        sep(b, 4, b'-')?;
        let month = two(b, 5)?;
        sep(b, 7, b'-')?;
        let day = two(b, 8)?;
        // Four digits: 0–9999, always a valid `i32` year.
        let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(Kind::OutOfRange)?;
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return Err(Kind::Invalid);
        }
        let hour = two(b, 11)?;
        sep(b, 13, b':')?;
        let minute = two(b, 14)?;
        sep(b, 16, b':')?;
        let second = two(b, 17)?;
        // The first 19 bytes are ASCII, so 19 and 20 are char boundaries.
        let rest = s.get(19..).unwrap_or_default();
        let (rest, nano) = match rest.strip_prefix('.') {
            Some(frac) => nanosecond(frac)?,
            None => (rest, 0),
        };
        let t = date.and_time(time(hour, minute, second, nano)?);
        let (rest, offset) = scan::offset(rest, Colon::Strict)?;
        end(rest)?;
        // A year 0–9999 shifted by less than a day stays in range: never impossible.
        with_offset(t, offset)
    };
    run().map_err(Kind::into_chrono)
}

/// `scan::nanosecond`: 1–9 digits scaled to nanoseconds, further digits skipped.
fn nanosecond(s: &str) -> scan::Scan<'_, u32> {
    let (rest, v) = scan::number(s, 9)?;
    // `v` has 1–9 digits, so the scaled value is below 1e9: no overflow, and it fits `u32`.
    const SCALE: [i64; 10] = [
        0,
        100_000_000,
        10_000_000,
        1_000_000,
        100_000,
        10_000,
        1_000,
        100,
        10,
        1,
    ];
    let scale = SCALE.get(s.len() - rest.len()).copied().unwrap_or(0);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    Ok((
        rest,
        u32::try_from(v * scale).map_err(|_| Kind::OutOfRange)?,
    ))
}
