//! `datetime` against `chrono`'s format-string path: the same items, the same parse results and
//! error messages, the same text.

use super::*;
use chrono::format::StrftimeItems;
use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;

const TABLES: [(&str, &[Item<'static>]); 3] = [
    ("%Y-%m-%d %H:%M:%S", YMD_HMS),
    ("%Y-%m-%d %H:%M:%S %:z", YMD_HMS_OFFSET),
    ("%a %b %d %H:%M:%S %Y", JAVA_DATE),
];

#[test]
fn items_are_what_strftime_yields() {
    for (fmt, items) in TABLES {
        let compiled: Vec<Item<'_>> = StrftimeItems::new(fmt).collect();
        assert_eq!(compiled, items, "{fmt}");
    }
}

/// Both parsers' results, errors as their messages.
fn both(s: &str) -> Vec<(String, String)> {
    let show = |r: ParseResult<String>| match r {
        Ok(v) => v,
        Err(e) => format!("error: {e}"),
    };
    let mut out = Vec::new();
    for (fmt, items) in TABLES {
        out.push((
            show(NaiveDateTime::parse_from_str(s, fmt).map(|t| t.to_string())),
            show(parse_naive(s, items).map(|t| t.to_string())),
        ));
        out.push((
            show(DateTime::parse_from_str(s, fmt).map(|t| t.to_rfc3339())),
            show(parse_with_offset(s, items).map(|t| t.to_rfc3339())),
        ));
    }
    out
}

const SAMPLES: &[&str] = &[
    "2019-03-27 10:34:54",
    " 2019-03-27 10:34:54",
    "2019-03-27  10:34:54",
    "2019-3-7 1:4:5",
    "+2019-03-27 10:34:54",
    "-0044-03-15 12:00:00",
    "12019-03-27 10:34:54",
    "2019-03-27 10:34:60",
    "2019-03-27 23:59:60 +08:00",
    "2019-02-29 10:34:54",
    "2020-02-29 10:34:54 -05:30",
    "2019-13-27 10:34:54",
    "2019-03-27 24:00:00",
    "2019-03-27 10:34",
    "2019-03-27 10:34:54 ",
    "2019-03-27 10:34:54 Z",
    "2019-03-27 10:34:54 +0800",
    "2019-03-27 10:34:54 +08:00 x",
    "2019-03-27T10:34:54",
    "2019-03-27\u{3000}10:34:54",
    "",
    " ",
    "Wed Mar 27 10:34:45 2019",
    "Thu Mar 27 10:34:45 2019",
    "wed mar 27 10:34:45 2019",
    "Wednesday March 27 10:34:45 2019",
    "Wed Mar 27 10:34:45 19",
    "Wed Mar 7 1:4:5 2019",
    "Xyz Mar 27 10:34:45 2019",
];

#[test]
fn parsing_matches_chrono_on_samples() {
    for s in SAMPLES {
        for (chrono, ours) in both(s) {
            assert_eq!(ours, chrono, "{s:?}");
        }
    }
}

proptest! {
    /// Strings built from the characters these formats are made of.
    #[test]
    fn parsing_matches_chrono(s in "[0-9 :+\\-A-Za-z]{0,32}") {
        for (chrono, ours) in both(&s) {
            prop_assert_eq!(ours, chrono, "{:?}", s);
        }
    }

    /// Date-time shaped strings with each part perturbed.
    #[test]
    fn parsing_matches_chrono_near_valid(
        y in "[+-]?[0-9]{1,6}", mo in "[0-9]{1,3}", d in "[0-9]{1,3}",
        h in "[0-9]{1,3}", mi in "[0-9]{1,3}", sec in "[0-9]{1,3}",
        off in "( [+-][0-9]{2}:[0-9]{2})?", sp in "[ \t]{1,2}",
    ) {
        let s = format!("{y}-{mo}-{d}{sp}{h}:{mi}:{sec}{off}");
        for (chrono, ours) in both(&s) {
            prop_assert_eq!(ours, chrono, "{:?}", s);
        }
    }

    /// Formatting over the whole range of millisecond instants `chrono` represents.
    #[test]
    fn formatting_matches_chrono(ms in -8_210_298_412_800_000i64..=8_210_298_412_799_999) {
        let Some(t) = DateTime::from_timestamp_millis(ms) else {
            return Ok(());
        };
        let t = t.naive_utc();
        prop_assert_eq!(format_ymd_hm(&t, ' ', true), t.format("%Y-%m-%d %H:%M:%S").to_string());
        prop_assert_eq!(format_ymd_hm(&t, 'T', true), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        prop_assert_eq!(format_ymd_hm(&t, ' ', false), t.format("%Y-%m-%d %H:%M").to_string());
    }
}

#[test]
fn formatting_matches_chrono_at_the_edges() {
    let dates = [
        (-262_143, 1, 1),
        (-10_000, 12, 31),
        (-1, 1, 1),
        (0, 1, 1),
        (999, 9, 9),
        (1000, 1, 1),
        (9999, 12, 31),
        (10_000, 1, 1),
        (262_142, 12, 31),
    ];
    for (y, m, d) in dates {
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            panic!("{y}-{m}-{d} is a valid date");
        };
        // A leap second (nanosecond ≥ 1e9) included.
        for (h, mi, s, milli) in [(0, 0, 0, 0), (23, 59, 59, 999), (23, 59, 59, 1500)] {
            let Some(t) = date.and_hms_milli_opt(h, mi, s, milli) else {
                panic!("{h}:{mi}:{s}.{milli} is a valid time");
            };
            assert_eq!(
                format_ymd_hm(&t, ' ', true),
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            );
            assert_eq!(
                format_ymd_hm(&t, ' ', false),
                t.format("%Y-%m-%d %H:%M").to_string()
            );
        }
    }
}
