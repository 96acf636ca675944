//! `datetime`'s formatting against `chrono`'s `format`.

use super::*;
use chrono::{DateTime, NaiveDate};
use proptest::prelude::*;

proptest! {
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
