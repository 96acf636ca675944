//! UTC calendar arithmetic for signing: Tencent's credential date (`YYYY-MM-DD` of the timestamp in
//! UTC) and Alibaba's `yyyy-MM-ddTHH:mm:ssZ`. Written out (Howard Hinnant's civil-from-days) so
//! signing formats into stack buffers without allocating or reading a clock.

/// Earliest timestamp the signers accept: 1970-01-01T00:00:00Z.
pub const MIN_TIMESTAMP: i64 = 0;
/// Latest timestamp the signers accept: 9999-12-31T23:59:59Z (four-digit years only, as every
/// vendor format requires).
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

/// (year, month 1–12, day 1–31) of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn put2(out: &mut [u8], v: u32) {
    out[0] = b'0' + (v / 10 % 10) as u8;
    out[1] = b'0' + (v % 10) as u8;
}

fn put4(out: &mut [u8], v: i64) {
    let v = v.clamp(0, 9999) as u32;
    put2(&mut out[..2], v / 100);
    put2(&mut out[2..4], v % 100);
}

/// Whether the signers can format `ts`.
pub fn in_range(ts: i64) -> bool {
    (MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&ts)
}

/// `YYYY-MM-DD` of `ts` in UTC. Callers check [`in_range`] first.
pub fn utc_date(ts: i64) -> [u8; 10] {
    let (y, m, d) = civil_from_days(ts.div_euclid(86_400));
    let mut out = *b"0000-00-00";
    put4(&mut out[0..4], y);
    put2(&mut out[5..7], m);
    put2(&mut out[8..10], d);
    out
}

/// `YYYY-MM-DDTHH:MM:SSZ` of `ts` (Alibaba's `Timestamp` / `x-acs-date`). Callers check
/// [`in_range`] first.
pub fn iso8601(ts: i64) -> [u8; 20] {
    let mut out = *b"0000-00-00T00:00:00Z";
    out[..10].copy_from_slice(&utc_date(ts));
    let secs = ts.rem_euclid(86_400) as u32;
    put2(&mut out[11..13], secs / 3600);
    put2(&mut out[14..16], secs / 60 % 60);
    put2(&mut out[17..19], secs % 60);
    out
}

/// A formatted buffer as `&str` (ASCII by construction).
pub fn ascii(buf: &[u8]) -> &str {
    std::str::from_utf8(buf).unwrap_or_default()
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (the only form Alibaba documents, VENDORS.md §2.1) into Unix
/// seconds. Any other shape, or an impossible date such as February 30, is `None`.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || d == 0 || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d > month_days[(mo - 1) as usize] {
        return None;
    }
    let days = days_from_civil(i64::from(y), mo, d);
    Some(days * 86_400 + i64::from(h * 3600 + mi * 60 + sec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn formatting_matches_chrono_across_the_range() {
        // Day boundaries, leap days, century rules and the range ends.
        let mut samples = vec![
            0,
            1_551_113_065,
            951_782_399,   // 2000-02-28T23:59:59Z
            951_868_799,   // 2000-02-29T23:59:59Z
            4_107_542_400, // 2100-03-01
            MAX_TIMESTAMP,
        ];
        samples.extend((0..2000).map(|i| i * 126_230_401 % MAX_TIMESTAMP));
        for ts in samples {
            let want = DateTime::from_timestamp(ts, 0).unwrap();
            assert_eq!(
                ascii(&iso8601(ts)),
                want.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "{ts}"
            );
            assert_eq!(ascii(&utc_date(ts)), want.format("%Y-%m-%d").to_string());
            assert_eq!(parse_iso8601(ascii(&iso8601(ts))), Some(ts));
        }
    }

    #[test]
    fn parsing_is_strict() {
        for bad in [
            "2016-02-23T12:46:24",
            "2016-02-23 12:46:24Z",
            "2016-02-23T12:46:24.000Z",
            "2016-02-30T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-02-23T24:00:00Z",
            "+016-02-23T12:46:24Z",
            "２０16-02-23T12:46:24Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
        assert_eq!(parse_iso8601("2016-02-29T00:00:00Z"), Some(1_456_704_000));
    }
}
