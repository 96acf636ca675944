//! Time zones and calling windows: one zone, several zones for one prefix, DST.

use super::{HOUR, NOW, SUMMER, campaign, read};
use crate::campaign::model::{CallingHours, Weekday};
use crate::campaign::window::{HORIZON_MS, Window};
use crate::campaign::{ContactStatus, preflight, timezones};
use crate::issue::{IssueCode, Path, Report};
use crate::{Context, Vendor};
use serde_json::json;

fn window(start: &str, end: &str, days: Option<&[Weekday]>) -> Window {
    let mut r = Report::new();
    let w = Window::parse(
        &CallingHours {
            start: start.into(),
            end: end.into(),
            days: days.map(<[Weekday]>::to_vec),
        },
        &Path::from("callingHours"),
        &mut r,
    );
    assert!(r.issues.is_empty(), "{r}");
    w.expect("valid window")
}

/// `(name, number, window, days, from, expected next opening)`; `None` = never within the horizon.
type Case<'a> = (
    &'a str,
    &'a str,
    (&'a str, &'a str),
    Option<&'a [Weekday]>,
    i64,
    Option<i64>,
);

#[test]
fn next_opening_per_number() {
    const DAY: i64 = 24 * HOUR;
    let weekdays: &[Weekday] = &[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    let cases: &[Case] = &[
        // New York, 10:00 local: open now.
        (
            "NY open",
            "+12122010000",
            ("09:00", "20:00"),
            None,
            NOW,
            Some(NOW),
        ),
        // New York 10:00, window from 11:00: in an hour.
        (
            "NY later",
            "+12122010000",
            ("11:00", "20:00"),
            None,
            NOW,
            Some(NOW + HOUR),
        ),
        // Boise (UTC-7, 08:00) and Los Angeles (UTC-8, 07:00): both open when LA reaches 09:00.
        (
            "ID two zones",
            "+12082221234",
            ("09:00", "20:00"),
            None,
            NOW,
            Some(NOW + 2 * HOUR),
        ),
        // The same prefix with a one-hour window: when LA opens, Boise's window has closed.
        (
            "ID never",
            "+12082221234",
            ("09:00", "10:00"),
            None,
            NOW,
            None,
        ),
        // 1208201 is Denver only.
        (
            "Denver",
            "+12082011234",
            ("09:00", "10:00"),
            None,
            NOW,
            Some(NOW + HOUR),
        ),
        // Shanghai 23:00 Monday: Tuesday 09:00 CST = 01:00 UTC.
        (
            "CN next morning",
            "+8613900001111",
            ("09:00", "20:00"),
            None,
            NOW,
            Some(NOW + 10 * HOUR),
        ),
        // Toll-free +1 800 maps to every North American zone, Guam (UTC+10) to Newfoundland
        // (UTC-3:30): 09:00–20:00 holds in all only from 09:00 to 09:30 in Guam (23:00 UTC)…
        (
            "NANP everywhere",
            "+18002345678",
            ("09:00", "20:00"),
            None,
            NOW,
            Some(NOW + 8 * HOUR),
        ),
        // …and 09:00–18:00 never does.
        (
            "NANP never",
            "+18002345678",
            ("09:00", "18:00"),
            None,
            NOW,
            None,
        ),
        // Saturday 15:00 UTC, weekdays only: Monday 09:00 in New York = 14:00 UTC.
        (
            "NY weekend",
            "+12122010000",
            ("09:00", "20:00"),
            Some(weekdays),
            NOW + 5 * DAY,
            Some(NOW + 7 * DAY - HOUR),
        ),
        // Guernsey, Isle of Man, London: one offset, so like London (15:00 GMT).
        (
            "UK mobile",
            "+447700900123",
            ("09:00", "15:00"),
            None,
            NOW,
            Some(NOW + DAY - 6 * HOUR),
        ),
        // DST starts in New York on 2026-03-08: Sunday 09:00 is EDT, 13:00 UTC (not 14:00).
        (
            "NY DST start",
            "+12122010000",
            ("09:00", "20:00"),
            None,
            1_772_935_200_000,
            Some(1_772_974_800_000),
        ),
    ];
    for (name, number, (start, end), days, from, want) in cases {
        let zones = timezones::for_e164(number).unwrap_or_else(|| panic!("{name}: no zones"));
        let w = window(start, end, *days);
        assert_eq!(
            w.next_open(zones, *from, from + HORIZON_MS),
            *want,
            "{name}"
        );
    }
}

#[test]
fn london_summer_time_and_winter_time() {
    let london = timezones::for_e164("+442079460123").expect("London");
    let w = window("09:00", "20:00", None);
    // 08:30 UTC is 09:30 BST in July, 08:30 GMT in November.
    assert!(w.holds_all(london, SUMMER - 3 * HOUR - HOUR / 2));
    assert!(!w.holds_all(london, NOW - 6 * HOUR - HOUR / 2));
    // 19:30 UTC is 20:30 BST (closed) in July, 19:30 GMT (open) in November.
    assert!(!w.holds_all(london, SUMMER + 7 * HOUR + HOUR / 2));
    assert!(w.holds_all(london, NOW + 4 * HOUR + HOUR / 2));
}

#[test]
fn end_of_window_is_exclusive_and_24_00_is_midnight() {
    let ny = timezones::for_e164("+12122010000").expect("NY");
    // NOW is 10:00 in New York.
    assert!(!window("09:00", "10:00", None).holds_all(ny, NOW));
    assert!(window("10:00", "10:01", None).holds_all(ny, NOW));
    assert!(window("00:00", "24:00", None).holds_all(ny, NOW));
}

#[test]
fn preflight_checks_the_window_in_every_zone_of_the_number() {
    let mut v = campaign(Vendor::Tencent, 3);
    v["contacts"][0]["phone"] = json!("+1 208 222 1234");
    v["contacts"][1]["phone"] = json!("+1 208 201 1234");
    v["callingHours"] = json!({"start": "09:00", "end": "10:00"});
    let pre = preflight(&read(v), Vendor::Tencent, &Context::at(NOW));
    let c0 = &pre.contacts[0];
    assert_eq!(c0.time_zones, ["America/Boise", "America/Los_Angeles"]);
    assert_eq!(c0.status, ContactStatus::Excluded);
    assert_eq!(c0.issues[0].code, IssueCode::OutsideCallingHours);
    assert!(
        c0.issues[0]
            .message
            .contains("America/Boise, America/Los_Angeles"),
        "{}",
        c0.issues[0].message
    );
    // Denver opens at 09:00 MST = 16:00 UTC; Shanghai 09:00 CST = 01:00 UTC.
    assert_eq!(pre.contacts[1].send_after_ms, Some(NOW + HOUR));
    assert_eq!(pre.contacts[1].status, ContactStatus::Warning);
    assert_eq!(pre.contacts[2].send_after_ms, Some(NOW + 10 * HOUR));
}
