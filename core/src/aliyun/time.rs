//! "Aliyun time": the `yyyy-MM-dd HH:mm:ss` strings in call details (`startDate`, `endDate`,
//! `gmtCreate`) carry no zone and are China Standard Time, UTC+8 (VENDORS.md §6). Requests use Unix
//! milliseconds (`ScheduleTime`, `QueryDate`), and "the day of `QueryDate`" is a CST day.
//!
//! A fixed +08:00 offset is used rather than the `Asia/Shanghai` zone: China has had no daylight
//! saving since 1991, long before these APIs existed, so both give the same answer for every
//! timestamp the vendor can produce, and the fixed offset needs no zone database.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::fmt;

/// UTC+8 in seconds.
pub const CST_OFFSET_SECONDS: i32 = 8 * 3600;

/// The `yyyy-MM-dd HH:mm:ss` pattern, in chrono's syntax.
pub const ALIYUN_TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

const MS_PER_DAY: i64 = 86_400_000;

/// A time string or timestamp that cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError {
    /// What was wrong, naming the expected format.
    pub message: String,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TimeError {}

/// UTC+8. Evaluated at compile time, so an invalid offset is a build error, not a runtime panic.
const CST: FixedOffset = match FixedOffset::east_opt(CST_OFFSET_SECONDS) {
    Some(o) => o,
    None => panic!("UTC+8 is a valid offset"),
};

fn cst() -> FixedOffset {
    CST
}

/// `"2019-03-27 10:34:54"` (CST) → Unix ms (`1553654094000`).
pub fn cst_to_unix_ms(s: &str) -> Result<i64, TimeError> {
    let naive = crate::datetime::parse_ymd_hms(s.trim()).map_err(|e| TimeError {
        message: format!(
            "`{s}` is not an Aliyun time (yyyy-MM-dd HH:mm:ss, China Standard Time): {e}"
        ),
    })?;
    cst()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| TimeError {
            message: format!("`{s}` does not exist in China Standard Time"),
        })
}

/// Unix ms → `"yyyy-MM-dd HH:mm:ss"` in CST. Milliseconds are truncated towards the earlier second
/// (the vendor's strings have whole seconds).
pub fn unix_ms_to_cst(ms: i64) -> Result<String, TimeError> {
    let t = to_cst(ms)?;
    Ok(crate::datetime::format_ymd_hm(&t.naive_local(), ' ', true))
}

/// The first millisecond of the CST calendar day that contains `ms`. `QueryDate` selects "that
/// whole day" (help.aliyun.com/document_detail/393529.html), so two timestamps query the same
/// records exactly when this is equal.
pub fn cst_day_start_ms(ms: i64) -> Result<i64, TimeError> {
    // Shift into CST, floor to the day, shift back; `div_euclid` floors negative times correctly.
    let offset_ms = i64::from(CST_OFFSET_SECONDS) * 1000;
    let local = ms.checked_add(offset_ms).ok_or_else(|| out_of_range(ms))?;
    Ok(local.div_euclid(MS_PER_DAY) * MS_PER_DAY - offset_ms)
}

/// The CST calendar date (`2019-03-27`) that contains `ms`.
pub fn cst_date(ms: i64) -> Result<NaiveDate, TimeError> {
    Ok(to_cst(ms)?.date_naive())
}

/// Java's `Date.toString()` form that `dialogDetail[].startTime` uses
/// (`"Wed Mar 27 10:34:45 CST 2019"`, from the QueryCallDetailByTaskId example) → Unix ms. Only the
/// `CST` zone name is accepted: it is the only one the vendor's servers print, and other
/// abbreviations are ambiguous.
pub fn java_date_cst_to_unix_ms(s: &str) -> Result<i64, TimeError> {
    let t = s.trim();
    let bad = || TimeError {
        message: format!("`{s}` is not a Java date in CST (e.g. `Wed Mar 27 10:34:45 CST 2019`)"),
    };
    let (head, year) = t.rsplit_once(' ').ok_or_else(bad)?;
    let head = head.strip_suffix(" CST").ok_or_else(bad)?;
    let joined = format!("{head} {year}");
    let naive = crate::datetime::parse_java_date(&joined).map_err(|_| bad())?;
    cst()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.timestamp_millis())
        .ok_or_else(bad)
}

fn to_cst(ms: i64) -> Result<DateTime<FixedOffset>, TimeError> {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&cst()))
        .ok_or_else(|| out_of_range(ms))
}

fn out_of_range(ms: i64) -> TimeError {
    TimeError {
        message: format!("{ms} ms is outside the representable date range"),
    }
}
