//! Calling hours in the callee's local time. A call may start at instant `t` when, in *every* zone
//! the callee may be in, `t`'s local weekday is allowed and its local time of day is in
//! `[start, end)`. Offsets, DST included, come from the bundled tz database at `t` itself, so a
//! window read in March and sent in July uses July's offset.

use super::model::CallingHours;
use super::timezones::Tz;
use super::timezones::ZoneSet;
use crate::datetime;
use crate::issue::{IssueCode, Path, Report};
use chrono::{DateTime, Datelike, Days, NaiveTime, Timelike};

/// How far ahead [`Window::next_open`] looks when the campaign has no end: a week covers every
/// allowed-days pattern, the extra day a DST change.
pub const HORIZON_MS: i64 = 8 * 86_400_000;

/// A validated calling-hours window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Seconds after local midnight.
    start_s: u32,
    /// Seconds after local midnight, exclusive; 86 400 for `24:00`.
    end_s: u32,
    /// Bit `n` = weekday `n` (Monday 0) is allowed.
    days: u8,
}

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 3600 + m * 60)
}

impl Window {
    /// Check `hours` (at `callingHours`), pushing every problem; the window when it is usable.
    pub fn parse(hours: &CallingHours, at: &Path, report: &mut Report) -> Option<Window> {
        let mut read = |name: &str, value: &str| {
            if value.is_empty() {
                report.error(
                    IssueCode::Required,
                    at.field(name),
                    format!("{name} is required (`HH:MM`, 24-hour)"),
                );
                return None;
            }
            let parsed = parse_hhmm(value);
            if parsed.is_none() {
                report.error(
                    IssueCode::InvalidFormat,
                    at.field(name),
                    format!(
                        "`{}` is not a time of day as `HH:MM` (00:00–24:00)",
                        value.escape_debug()
                    ),
                );
            }
            parsed
        };
        let start = read("start", &hours.start);
        let end = read("end", &hours.end);
        let mut days = 0u8;
        match &hours.days {
            None => days = 0x7f,
            Some(list) if list.is_empty() => report.error(
                IssueCode::TooFew,
                at.field("days"),
                "days is empty: no call could ever be placed (omit it to allow every day)",
            ),
            Some(list) => {
                for (i, d) in list.iter().enumerate() {
                    let bit = 1u8 << d.to_chrono().num_days_from_monday();
                    if days & bit != 0 {
                        report.warning(
                            IssueCode::Duplicate,
                            at.field("days").index(i),
                            format!("{d:?} is listed twice"),
                        );
                    }
                    days |= bit;
                }
            }
        }
        let (start_s, end_s) = (start?, end?);
        if end_s <= start_s {
            // Overnight windows (20:00–08:00) are refused: calling-hours rules are daytime
            // windows, and a window that wraps is far more often a typo than an intent.
            report.error(
                IssueCode::OutOfRange,
                at.field("end"),
                format!(
                    "end ({}) must be after start ({}); windows that wrap past midnight are not supported",
                    hours.end, hours.start
                ),
            );
            return None;
        }
        (days != 0).then_some(Window {
            start_s,
            end_s,
            days,
        })
    }

    /// Whether a call may start at `t_ms` in zone `tz`.
    pub fn holds(&self, tz: Tz, t_ms: i64) -> bool {
        let Some(local) = tz.local(t_ms) else {
            return false;
        };
        let day = local.weekday().num_days_from_monday();
        let s = local.num_seconds_from_midnight();
        self.days & (1 << day) != 0 && self.start_s <= s && s < self.end_s
    }

    /// Whether a call may start at `t_ms` in every zone of `zones` (false when a zone is unknown
    /// to the tz database).
    pub fn holds_all(&self, zones: ZoneSet, t_ms: i64) -> bool {
        zones
            .zones()
            .all(|z| z.tz.is_some_and(|tz| self.holds(tz, t_ms)))
    }

    /// The earliest instant in `[from_ms, until_ms)` at which [`Window::holds_all`]; `None` when
    /// there is none. The answer is `from_ms` itself or the start of some zone's window (the
    /// intersection of the zones' windows opens when its last zone opens), so only those
    /// instants are tried.
    pub fn next_open(&self, zones: ZoneSet, from_ms: i64, until_ms: i64) -> Option<i64> {
        if from_ms >= until_ms {
            return None;
        }
        if self.holds_all(zones, from_ms) {
            return Some(from_ms);
        }
        let start = NaiveTime::from_num_seconds_from_midnight_opt(self.start_s, 0)?;
        let from = DateTime::from_timestamp_millis(from_ms)?;
        let span_days = u64::try_from((until_ms - from_ms) / 86_400_000 + 2).unwrap_or(u64::MAX);
        let mut candidates: Vec<i64> = Vec::new();
        for zone in zones.zones() {
            let tz = zone.tz?;
            let Some(today) = tz.local(from.timestamp_millis()).map(|l| l.date()) else {
                continue;
            };
            // The pattern repeats every week: an opening exists within the horizon or not at all
            // (DST changes aside), so a far campaign end never means a longer search.
            for d in 0..=span_days.min(HORIZON_MS as u64 / 86_400_000 + 1) {
                let Some(date) = today.checked_add_days(Days::new(d)) else {
                    break;
                };
                // A window start inside a DST gap does not exist that day; the earliest of an
                // ambiguous (repeated) local time is the first moment the window is open.
                if let Some(t) = tz.earliest_utc(date.and_time(start)).map(|t| t * 1000)
                    && t > from_ms
                    && t < until_ms
                {
                    candidates.push(t);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().find(|&t| self.holds_all(zones, t))
    }

    /// `09:00–20:00` for messages.
    pub fn describe(&self) -> String {
        let hm = |s: u32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
        let mut out = format!("{}–{}", hm(self.start_s), hm(self.end_s));
        if self.days != 0x7f {
            const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            let days: Vec<&str> = NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| self.days & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect();
            out.push_str(&format!(" ({})", days.join(", ")));
        }
        out
    }
}

/// `2026-11-23 09:00 America/New_York` for messages.
pub fn local_time(tz: Tz, t_ms: i64) -> String {
    match tz.local(t_ms) {
        Some(t) => format!("{} {}", datetime::format_ymd_hm(&t, ' ', false), tz.name()),
        None => t_ms.to_string(),
    }
}

/// RFC 3339 in UTC for messages.
pub fn utc_time(t_ms: i64) -> String {
    match DateTime::from_timestamp_millis(t_ms) {
        Some(t) => datetime::format_ymd_hm(&t.naive_utc(), 'T', true) + "Z",
        None => t_ms.to_string(),
    }
}
