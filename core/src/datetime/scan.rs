//! Scanning pieces of `chrono` 0.4.45's format parser (`format/scan.rs`, `format/parse.rs`), with
//! its exact acceptance rules and error kinds, for the few items callplane's formats use.
//!
//! Errors are a [`Kind`] here and become a `chrono::format::ParseError` once, at the public
//! boundary ([`Kind::into_chrono`]): `ParseError` has no public constructor.

use chrono::format::{ParseError, Parsed};
use chrono::{FixedOffset, Weekday};

/// The `chrono::format::ParseErrorKind`s these parsers can return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// "input is out of range".
    OutOfRange,
    /// "no possible date and time matching input".
    Impossible,
    /// "input contains invalid characters".
    Invalid,
    /// "premature end of input".
    TooShort,
    /// "trailing input".
    TooLong,
}

impl Kind {
    /// The `chrono` error of this kind, reached through the smallest public API that returns it
    /// (a test checks every kind): `Parsed`'s setters for range and consistency errors, the
    /// offset parser behind `FixedOffset`'s `FromStr` for invalid and premature input, and the
    /// item parser with no items for trailing input (with no items its loop is dead code and the
    /// item interpreter leaves the build: BENCHMARKS.md § wasm "Size").
    pub(super) fn into_chrono(self) -> ParseError {
        let mut parsed = Parsed::new();
        let result = match self {
            Kind::OutOfRange => parsed.set_month(0),
            Kind::Impossible => parsed.set_month(1).and_then(|()| parsed.set_month(2)),
            Kind::Invalid => "x".parse::<FixedOffset>().map(drop),
            Kind::TooShort => "".parse::<FixedOffset>().map(drop),
            Kind::TooLong => chrono::format::parse(&mut parsed, " ", std::iter::empty::<Item>()),
        };
        match result {
            Err(e) => e,
            Ok(()) => unreachable!("each input above is rejected by chrono"),
        }
    }
}

type Item = chrono::format::Item<'static>;

/// A scanning step: what is left of the input and the value read.
pub(super) type Scan<'a, T> = Result<(&'a str, T), Kind>;

/// `s` without its first `n` bytes, which the caller has checked are ASCII (so `n` is a char
/// boundary; the empty fallback is never taken).
fn skip(s: &str, n: usize) -> &str {
    s.get(n..).unwrap_or_default()
}

/// `scan::number(s, 1, max)`: 1 to `max` ASCII digits; an empty input is premature, a non-digit
/// first byte invalid, an `i64` overflow (only reachable when `max` is unbounded) out of range.
pub(super) fn number(s: &str, max: usize) -> Scan<'_, i64> {
    let len = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return Err(if s.is_empty() {
            Kind::TooShort
        } else {
            Kind::Invalid
        });
    }
    let mut n = 0i64;
    for b in s.bytes().take(len) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(b - b'0')))
            .ok_or(Kind::OutOfRange)?;
    }
    Ok((skip(s, len), n))
}

/// An unsigned `Item::Numeric` of up to two digits (`%m %d %H %M %S`) and `Parsed`'s range check
/// for it: leading whitespace of any kind is skipped first.
pub(super) fn field2(s: &str, range: std::ops::RangeInclusive<i64>) -> Scan<'_, u32> {
    let (s, v) = number(s.trim_start(), 2)?;
    if !range.contains(&v) {
        return Err(Kind::OutOfRange);
    }
    // In range 0..=60, so the cast is exact.
    Ok((s, v as u32))
}

/// `%Y` (`Numeric::Year`): after leading whitespace, four digits at most, or a `+`/`-` sign and
/// any number of digits; the value must fit `i32` (`Parsed::set_year`).
pub(super) fn year(s: &str) -> Scan<'_, i32> {
    let s = s.trim_start();
    let (s, v) = if let Some(rest) = s.strip_prefix('-') {
        let (s, v) = number(rest, usize::MAX)?;
        (s, -v)
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, usize::MAX)?
    } else {
        number(s, 4)?
    };
    Ok((s, i32::try_from(v).map_err(|_| Kind::OutOfRange)?))
}

/// `Item::Literal` of one ASCII byte: premature at the end of input, invalid otherwise.
pub(super) fn literal(s: &str, c: u8) -> Result<&str, Kind> {
    match s.as_bytes().first() {
        Some(&b) if b == c => Ok(skip(s, 1)),
        Some(_) => Err(Kind::Invalid),
        None => Err(Kind::TooShort),
    }
}

/// Three ASCII letters, case-insensitively (`b | 32` lowers a letter and turns no other byte
/// into one), as `scan::short_month0` and `scan::short_weekday` read them; no whitespace skipped.
fn three<'a, T: Copy>(s: &'a str, names: &[(&[u8; 3], T)]) -> Scan<'a, T> {
    let [a, b, c, ..] = *s.as_bytes() else {
        return Err(Kind::TooShort);
    };
    let key = [a | 32, b | 32, c | 32];
    names
        .iter()
        .find(|(name, _)| **name == key)
        .map(|&(_, v)| (skip(s, 3), v))
        .ok_or(Kind::Invalid)
}

/// `%a`: `mon` … `sun` in any case (long names are not read: `%a` stops after three letters).
pub(super) fn short_weekday(s: &str) -> Scan<'_, Weekday> {
    use Weekday::*;
    three(
        s,
        &[
            (b"mon", Mon),
            (b"tue", Tue),
            (b"wed", Wed),
            (b"thu", Thu),
            (b"fri", Fri),
            (b"sat", Sat),
            (b"sun", Sun),
        ],
    )
}

/// `%b`: `jan` … `dec` in any case → 1–12.
pub(super) fn short_month(s: &str) -> Scan<'_, u32> {
    three(
        s,
        &[
            (b"jan", 1),
            (b"feb", 2),
            (b"mar", 3),
            (b"apr", 4),
            (b"may", 5),
            (b"jun", 6),
            (b"jul", 7),
            (b"aug", 8),
            (b"sep", 9),
            (b"oct", 10),
            (b"nov", 11),
            (b"dec", 12),
        ],
    )
}

/// Two ASCII bytes of an offset; premature when fewer than two bytes are left.
fn pair(s: &str) -> Result<(u8, u8), Kind> {
    match *s.as_bytes() {
        [a, b, ..] => Ok((a, b)),
        _ => Err(Kind::TooShort),
    }
}

/// How [`offset`] reads what lies between hours and minutes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Colon {
    /// `%:z`: any run of `:` and whitespace, possibly empty (`scan::colon_or_space`).
    Loose,
    /// RFC 3339: exactly one `:`; `Z`/`z` also stands for UTC.
    Strict,
}

/// `scan::timezone_offset` with minutes required and the Unicode minus sign `−` (U+2212)
/// accepted: `±HH` `sep` `MM` in seconds east of UTC. Hours may be 00–99 here (the range is
/// checked later by `FixedOffset::east_opt`); minutes 60–99 are out of range.
pub(super) fn offset(s: &str, colon: Colon) -> Scan<'_, i32> {
    // Bytes, not chars: the sign is ASCII except for `−`, which is the rare case.
    let (s, negative) = match s.as_bytes().first() {
        Some(b'Z' | b'z') if colon == Colon::Strict => return Ok((skip(s, 1), 0)),
        Some(b'+') => (skip(s, 1), false),
        Some(b'-') => (skip(s, 1), true),
        Some(_) => (s.strip_prefix('\u{2212}').ok_or(Kind::Invalid)?, true),
        None => return Err(Kind::TooShort),
    };
    let hours = match pair(s)? {
        (h1 @ b'0'..=b'9', h2 @ b'0'..=b'9') => i32::from((h1 - b'0') * 10 + (h2 - b'0')),
        _ => return Err(Kind::Invalid),
    };
    let s = skip(s, 2);
    let s = match colon {
        Colon::Loose => s.trim_start_matches(|c: char| c == ':' || c.is_whitespace()),
        Colon::Strict => literal(s, b':')?,
    };
    let minutes = match pair(s)? {
        (m1 @ b'0'..=b'5', m2 @ b'0'..=b'9') => i32::from((m1 - b'0') * 10 + (m2 - b'0')),
        (b'6'..=b'9', b'0'..=b'9') => return Err(Kind::OutOfRange),
        _ => return Err(Kind::Invalid),
    };
    let seconds = hours * 3600 + minutes * 60;
    Ok((skip(s, 2), if negative { -seconds } else { seconds }))
}
