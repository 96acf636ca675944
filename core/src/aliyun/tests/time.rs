//! Aliyun time strings (CST, UTC+8) and Unix milliseconds.

use crate::aliyun::time::{
    cst_date, cst_day_start_ms, cst_to_unix_ms, java_date_cst_to_unix_ms, unix_ms_to_cst,
};
use proptest::prelude::*;

const DAY: i64 = 86_400_000;

#[test]
fn known_vectors() {
    for (s, ms) in [
        ("1970-01-01 08:00:00", 0),
        ("1970-01-01 07:59:59", -1000),
        ("2019-03-27 10:34:54", 1_553_654_094_000),
        ("2023-11-15 06:13:20", 1_700_000_000_000),
    ] {
        assert_eq!(cst_to_unix_ms(s), Ok(ms), "{s}");
        assert_eq!(unix_ms_to_cst(ms).as_deref(), Ok(s), "{ms}");
    }
}

#[test]
fn across_cst_midnight() {
    let before = cst_to_unix_ms("2019-03-27 23:59:59").expect("valid");
    let after = cst_to_unix_ms("2019-03-28 00:00:00").expect("valid");
    assert_eq!(after - before, 1000);
    // Both instants are on the same UTC day (15:59:59Z and 16:00:00Z) but on different CST days:
    // the conversion must not use UTC dates.
    assert_eq!(before.div_euclid(DAY), after.div_euclid(DAY));
    assert_ne!(cst_date(before), cst_date(after));
    assert_eq!(cst_day_start_ms(after), Ok(after));
    assert_eq!(cst_day_start_ms(before), Ok(after - DAY));
    assert_eq!(
        unix_ms_to_cst(after - 1).as_deref(),
        Ok("2019-03-27 23:59:59")
    );
    assert_eq!(unix_ms_to_cst(after).as_deref(), Ok("2019-03-28 00:00:00"));
    // UTC midnight is 08:00 CST, the middle of a CST day.
    let utc_midnight = after - after.rem_euclid(DAY) + DAY;
    assert_eq!(
        unix_ms_to_cst(utc_midnight).as_deref(),
        Ok("2019-03-28 08:00:00")
    );
    assert_eq!(cst_day_start_ms(utc_midnight), Ok(after));
    // Across a year boundary too.
    let ny = cst_to_unix_ms("2020-01-01 00:00:00").expect("valid");
    assert_eq!(unix_ms_to_cst(ny - 1).as_deref(), Ok("2019-12-31 23:59:59"));
}

#[test]
fn malformed_times_are_errors() {
    for s in [
        "",
        "2019-03-27",
        "2019-03-27T10:34:54",
        "2019-02-30 00:00:00",
        "2019-03-27 24:00:00",
        "昨天",
    ] {
        let e = cst_to_unix_ms(s).expect_err(s);
        assert!(e.message.contains("yyyy-MM-dd HH:mm:ss"), "{e}");
    }
    assert!(unix_ms_to_cst(i64::MAX).is_err());
    assert!(cst_day_start_ms(i64::MAX).is_err());
}

#[test]
fn java_dates_in_cst() {
    assert_eq!(
        java_date_cst_to_unix_ms("Wed Mar 27 10:34:45 CST 2019"),
        cst_to_unix_ms("2019-03-27 10:34:45")
    );
    for s in [
        "Wed Mar 27 10:34:45 PST 2019",
        "Wed Mar 27 10:34:45 2019",
        "",
        "CST",
    ] {
        assert!(java_date_cst_to_unix_ms(s).is_err(), "{s}");
    }
}

proptest! {
    #[test]
    fn round_trip_truncates_to_the_second(ms in -2_000_000_000_000_i64..5_000_000_000_000) {
        let s = unix_ms_to_cst(ms).expect("in range");
        prop_assert_eq!(cst_to_unix_ms(&s), Ok(ms.div_euclid(1000) * 1000));
        let start = cst_day_start_ms(ms).expect("in range");
        prop_assert!(start <= ms && ms - start < DAY);
        prop_assert!(unix_ms_to_cst(start).expect("in range").ends_with(" 00:00:00"));
    }
}
