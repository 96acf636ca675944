//! The four parsers against `chrono`'s own, differentially: on a generated corpus (every field at
//! and beyond its edges, separators replaced, removed and doubled, whitespace of several kinds
//! inserted everywhere, every truncation, names in every case and form, weekday mismatches, leap
//! seconds, offsets up to ±99:99) and on random strings. Values are compared with their offset,
//! errors by kind and message.

use super::*;
use chrono::format::ParseResult;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Debug;

/// A parser's result as text: the value (`Debug` shows a `DateTime`'s offset and every
/// nanosecond) or the error's kind and message.
fn show<T: Debug>(r: ParseResult<T>) -> String {
    match r {
        Ok(v) => format!("{v:?}"),
        Err(e) => format!("error {:?}: {e}", e.kind()),
    }
}

type Parser = fn(&str) -> String;

/// Each format: its name, `chrono`'s parser, ours.
const FORMATS: [(&str, Parser, Parser); 4] = [
    (
        "%Y-%m-%d %H:%M:%S",
        |s| show(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")),
        |s| show(parse_ymd_hms(s)),
    ),
    (
        "%Y-%m-%d %H:%M:%S %:z",
        |s| show(DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %:z")),
        |s| show(parse_ymd_hms_offset(s)),
    ),
    (
        "%a %b %d %H:%M:%S %Y",
        |s| show(NaiveDateTime::parse_from_str(s, "%a %b %d %H:%M:%S %Y")),
        |s| show(parse_java_date(s)),
    ),
    (
        "rfc3339",
        |s| show(DateTime::parse_from_rfc3339(s)),
        |s| show(parse_rfc3339(s)),
    ),
];

/// Where our parsers disagree with `chrono` on `s`.
fn mismatches(s: &str) -> Vec<String> {
    FORMATS
        .iter()
        .filter_map(|(name, theirs, ours)| {
            let (want, got) = (theirs(s), ours(s));
            (want != got).then(|| format!("{name} {s:?}: chrono {want}, ours {got}"))
        })
        .collect()
}

/// Whitespace `chrono` skips (`char::is_whitespace`) and look-alikes it does not.
const SPACES: &[&str] = &[
    " ", "  ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2009}", "\u{2028}",
    "\u{3000}", "\u{200b}", "\u{feff}",
];

/// What replaces a run of digits.
const NUMBERS: &[&str] = &[
    "",
    "0",
    "00",
    "000",
    "0000",
    "00000",
    "1",
    "01",
    "001",
    "7",
    "9",
    "09",
    "10",
    "11",
    "12",
    "13",
    "23",
    "24",
    "25",
    "28",
    "29",
    "30",
    "31",
    "32",
    "59",
    "60",
    "61",
    "99",
    "100",
    "999",
    "1000",
    "9999",
    "10000",
    "262142",
    "262143",
    "262144",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "+1",
    "-1",
    "+01",
    "-01",
    " 1",
    "1 ",
    "٣",
    "１",
];

/// What replaces a run of letters: every weekday and month name, short and long, in several
/// cases, cut short, and other letters the formats use or nearly use.
fn names() -> Vec<String> {
    let words = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Z",
        "z",
        "T",
        "t",
        "CST",
        "UTC",
        "x",
        "Mo",
        "Ja",
        "Sept",
        "Tues",
        "Thur",
        "Weds",
    ];
    let mut out = vec![String::new()];
    for w in words {
        let short: String = w.chars().take(3).collect();
        for v in [w.to_string(), short] {
            out.push(v.to_lowercase());
            out.push(v.to_uppercase());
            // Alternating case: `wEdNeSdAy`.
            out.push(
                v.chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if i % 2 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect(),
            );
            out.push(v);
        }
    }
    out.extend(["Wéd", "Mär", "Ｍon", "We", "W"].map(String::from));
    out
}

/// What replaces a separator (a character that is neither digit nor letter).
const SEPARATORS: &[&str] = &[
    "", "-", "--", ":", "::", " ", "  ", "T", "t", "\t", "\u{3000}", "+", ".", ",", "/", "x",
    "\u{2212}", "é", "_", ": ", " :",
];

/// Inserted at every position.
const INSERTS: &[&str] = &[
    " ", "\t", "\n", "\u{3000}", "\u{a0}", "\u{200b}", "+", "-", "\u{2212}", "0", "9", ":", ".",
    "x", "Z", "é", "中",
];

/// Valid inputs of each format (and of none) to mutate.
fn seeds() -> Vec<String> {
    let mut out: Vec<String> = [
        "2019-03-27 10:34:54",
        "0000-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "2020-02-29 23:59:60",
        "2019-3-7 1:4:5",
        "+12019-03-27 10:34:54",
        "-0044-03-15 12:00:00",
        "-262143-01-01 00:00:00",
        "+262142-12-31 23:59:59",
        "2019-03-27 10:34:54 +08:00",
        "2019-03-27 10:34:54 -23:59",
        "2019-03-27 10:34:54 +23:59",
        "2019-03-27 10:34:54 \u{2212}05:30",
        "2019-03-27 10:34:54+0800",
        "2019-03-27 10:34:54 +08 : 00",
        "-262143-01-01 00:00:00 +00:01",
        "+262142-12-31 23:59:59 -00:01",
        "Wed Mar 27 10:34:45 2019",
        "sat jan 1 0:0:0 0",
        "FRI DEC 31 23:59:60 9999",
        "Thu Feb 29 12:00:00 2024",
        "Sun Jan 1 00:00:00 -0001",
        "2019-03-27T10:34:54Z",
        "2019-03-27t10:34:54z",
        "2019-03-27 10:34:54+08:00",
        "0000-01-01T00:00:00.000000000-23:59",
        "9999-12-31T23:59:60.999999999+23:59",
        "2019-03-27T10:34:54.1\u{2212}05:30",
        "2019-03-27T10:34:54.123456789123+00:00",
    ]
    .map(String::from)
    .into();
    // Java dates of every weekday and month, written by `chrono`.
    let mut d = NaiveDate::from_ymd_opt(2023, 12, 25);
    for _ in 0..12 {
        let Some(date) = d else { break };
        if let Some(t) = date.and_hms_opt(9, 5, 7) {
            out.push(t.format("%a %b %d %H:%M:%S %Y").to_string());
        }
        d = date.checked_add_signed(Duration::days(33));
    }
    out
}

/// Splits into runs of ASCII digits, runs of letters and single other characters.
fn tokens(s: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_ascii_digit() {
            0
        } else if c.is_alphabetic() {
            1
        } else {
            2
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for c in s.chars() {
        let k = class(c);
        match out.last_mut() {
            Some(t) if last == Some(k) && k != 2 => t.push(c),
            _ => out.push(c.to_string()),
        }
        last = Some(k);
    }
    out
}

/// Every mutation of `seed` described in the module comment.
fn mutations(seed: &str, names: &[String], out: &mut BTreeSet<String>) {
    out.insert(seed.to_string());
    let bounds: Vec<usize> = (0..=seed.len())
        .filter(|&i| seed.is_char_boundary(i))
        .collect();
    for &i in &bounds {
        let (a, b) = seed.split_at(i);
        out.insert(a.to_string());
        out.insert(b.to_string());
        for ins in INSERTS.iter().chain(SPACES) {
            out.insert(format!("{a}{ins}{b}"));
        }
    }
    for w in bounds.windows(2) {
        if let [i, j] = *w {
            out.insert(format!("{}{}", &seed[..i], &seed[j..]));
        }
    }
    for sp in SPACES {
        out.insert(format!("{sp}{seed}"));
        out.insert(format!("{seed}{sp}"));
        out.insert(format!("{sp}{seed}{sp}"));
    }
    let toks = tokens(seed);
    for (i, tok) in toks.iter().enumerate() {
        let first = tok.chars().next().unwrap_or(' ');
        let mut with = |rep: &str| {
            let mut t = toks.clone();
            t[i] = rep.to_string();
            out.insert(t.concat());
        };
        if first.is_ascii_digit() {
            for n in NUMBERS {
                with(n);
            }
            // Over-long and zero-padded runs of the same digits.
            with(&format!("0{tok}"));
            with(&format!("00000{tok}"));
            with(&format!("{tok}{tok}"));
            with(&format!("{tok}0"));
        } else if first.is_alphabetic() {
            for n in names {
                with(n);
            }
        } else {
            for s in SEPARATORS.iter().chain(SPACES) {
                with(s);
            }
            with(&format!("{tok}{tok}"));
        }
    }
}

/// Field values on a grid: dates around every edge, times, offsets, fractions, weekdays.
fn grid(out: &mut BTreeSet<String>) {
    let years = [
        "0",
        "0000",
        "1",
        "1900",
        "1970",
        "2000",
        "2019",
        "2020",
        "2100",
        "9999",
        "-1",
        "-0000",
        "+0",
        "-262143",
        "-262144",
        "+262142",
        "+262143",
        "+2147483647",
        "+2147483648",
        "-2147483648",
        "-2147483649",
        "+9223372036854775807",
        "-9223372036854775808",
    ];
    for y in years {
        for m in 0..=13 {
            for d in 0..=32 {
                out.insert(format!("{y}-{m:02}-{d:02} 12:00:00"));
                out.insert(format!("{y}-{m}-{d} 00:00:60 +01:00"));
                out.insert(format!("{y}-{m:02}-{d:02}T12:00:00Z"));
            }
        }
    }
    for h in 0..=25 {
        for mi in [0, 1, 59, 60, 99] {
            for s in [0, 1, 59, 60, 61, 99] {
                out.insert(format!("2019-03-27 {h:02}:{mi:02}:{s:02}"));
                out.insert(format!("2019-03-27T{h:02}:{mi:02}:{s:02}+00:00"));
                out.insert(format!("Wed Mar 27 {h}:{mi}:{s} 2019"));
            }
        }
    }
    for sign in ["+", "-", "\u{2212}"] {
        for hh in 0..=99 {
            for mm in ["00", "30", "59", "60", "99", "5", "0x"] {
                for sep in [":", "", " ", "::", ": ", "\t:\u{3000}"] {
                    out.insert(format!("2019-03-27 10:34:54 {sign}{hh:02}{sep}{mm}"));
                }
                out.insert(format!("2019-03-27T10:34:54{sign}{hh:02}:{mm}"));
                // At the ends of `chrono`'s range an offset can push the instant out of it.
                out.insert(format!("+262142-12-31 23:59:59 {sign}{hh:02}:{mm}"));
                out.insert(format!("-262143-01-01 00:00:00 {sign}{hh:02}:{mm}"));
            }
        }
    }
    for len in 0..=13 {
        let digits: String = "9876543210987".chars().take(len).collect();
        for sec in ["59", "60"] {
            out.insert(format!("2019-03-27T10:34:{sec}.{digits}Z"));
            out.insert(format!("2019-03-27T10:34:{sec}.{digits}"));
        }
    }
    // Every weekday against every day of three years: exactly one matches.
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut d = NaiveDate::from_ymd_opt(2019, 1, 1);
    while let Some(date) = d.filter(|d| d.year() < 2022) {
        for wd in weekdays {
            out.insert(format!(
                "{wd} {} {} 1:2:3 {}",
                date.format("%b"),
                date.day(),
                date.year()
            ));
        }
        d = date.succ_opt();
    }
}

#[test]
fn parsing_matches_chrono_on_the_corpus() {
    let names = names();
    let mut corpus = BTreeSet::new();
    for seed in seeds() {
        mutations(&seed, &names, &mut corpus);
    }
    grid(&mut corpus);
    let bad: Vec<String> = corpus.iter().flat_map(|s| mismatches(s)).collect();
    // Make sure the corpus reaches every outcome of every parser, not only errors.
    let mut outcomes = BTreeSet::new();
    for s in &corpus {
        for (name, theirs, _) in &FORMATS {
            let r = theirs(s);
            let kind = r
                .strip_prefix("error ")
                .map_or("ok", |e| e.split(':').next().unwrap_or(e));
            outcomes.insert(format!("{name} {kind}"));
        }
    }
    println!(
        "{} inputs × {} formats = {} cases; outcomes: {outcomes:?}",
        corpus.len(),
        FORMATS.len(),
        corpus.len() * FORMATS.len()
    );
    // Every format's success and every error kind it can return are in the corpus (`chrono`'s
    // RFC 3339 parser has no "impossible": four-digit years never leave the range).
    for (name, _, _) in &FORMATS {
        let mut kinds = vec!["ok", "Invalid", "TooShort", "TooLong", "OutOfRange"];
        if name.ends_with('z') || name.starts_with("%a") {
            kinds.push("Impossible");
        }
        for kind in kinds {
            let outcome = format!("{name} {kind}");
            assert!(outcomes.contains(&outcome), "no `{outcome}` in the corpus");
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches, first: {:#?}",
        bad.len(),
        &bad[..bad.len().min(20)]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Strings over the characters the formats are made of.
    #[test]
    fn parsing_matches_chrono_on_random_strings(s in "[0-9 :+\\-TtZz.\u{2212}\t\u{3000}]{0,36}") {
        let bad = mismatches(&s);
        prop_assert!(bad.is_empty(), "{:?}", bad);
    }

    /// Java-date shaped strings over the names' letters.
    #[test]
    fn parsing_matches_chrono_on_random_names(s in "[A-Za-z]{0,9} [A-Za-z]{0,9}[ 0-9:]{0,20}") {
        let bad = mismatches(&s);
        prop_assert!(bad.is_empty(), "{:?}", bad);
    }

    /// Date-time shaped strings with each part perturbed.
    #[test]
    fn parsing_matches_chrono_near_valid(
        y in "[+-]?[0-9]{1,6}", mo in "[0-9]{1,3}", d in "[0-9]{1,3}",
        sep in "[ tT]{0,2}", h in "[0-9]{1,3}", mi in "[0-9]{1,3}", sec in "[0-9]{1,3}",
        frac in "(\\.[0-9]{0,11})?", off in "( ?[+\u{2212}-][0-9]{2}:?[0-9]{2}| ?[Zz])?",
    ) {
        let s = format!("{y}-{mo}-{d}{sep}{h}:{mi}:{sec}{frac}{off}");
        let bad = mismatches(&s);
        prop_assert!(bad.is_empty(), "{:?}", bad);
    }
}

/// Every error kind converts to `chrono`'s error of that kind.
#[test]
fn kinds_convert_to_chrono_kinds() {
    use super::scan::Kind;
    use chrono::format::ParseErrorKind as K;
    let pairs = [
        (Kind::OutOfRange, K::OutOfRange),
        (Kind::Impossible, K::Impossible),
        (Kind::Invalid, K::Invalid),
        (Kind::TooShort, K::TooShort),
        (Kind::TooLong, K::TooLong),
    ];
    for (ours, theirs) in pairs {
        assert_eq!(ours.into_chrono().kind(), theirs, "{ours:?}");
    }
}
