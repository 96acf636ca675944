use super::encode::encode;
use super::*;
use crate::phone::blob::Reader;
use crate::phone::blob::Writer;
use crate::phone::fast::DigitDfa;
use crate::phone::meta::{Index, MAGIC};
use crate::phone::prog::Prog;
use regex::RegexBuilder;

const TABLES: &str = "src/phone/tables.bin";

/// The committed `tables.bin` is exactly what this build step writes from the `phonenumber`
/// crate's metadata. `CALLPLANE_WRITE_PHONE_TABLES=1` rewrites it instead.
#[test]
fn tables_are_current() {
    let fresh = encode().expect("every pattern compiles");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLES);
    if std::env::var_os("CALLPLANE_WRITE_PHONE_TABLES").is_some() {
        std::fs::write(&path, &fresh).expect("write tables.bin");
    }
    let committed = std::fs::read(&path).expect("read tables.bin");
    assert!(
        committed == fresh,
        "{TABLES} is stale ({} bytes, fresh {}): run CALLPLANE_WRITE_PHONE_TABLES=1 cargo test -p callplane-core --lib tables_are_current",
        committed.len(),
        fresh.len()
    );
    let idx = Index::read(&fresh).expect("tables.bin reads back");
    assert_eq!(idx.metas.len(), metas().len());
    assert!(idx.metas.len() > 240, "{}", idx.metas.len());
    assert!(idx.cn_formats.is_some());
    // The entries are the same, in the same order, as the reference engine's.
    for (m, s) in idx.metas.iter().zip(metas()) {
        assert_eq!((m.cc, m.region), (s.cc, s.region));
        assert_eq!(m.general_lengths, s.general_lengths);
        assert_eq!(m.has_leading_digits, s.leading_digits.is_some());
    }
}

#[test]
fn truncated_tables_are_refused() {
    let fresh = encode().expect("encodes");
    for cut in [0, MAGIC.len(), fresh.len() / 2, fresh.len() - 1] {
        assert!(Index::read(&fresh[..cut]).is_none(), "cut at {cut}");
    }
    let mut longer = fresh.clone();
    longer.push(0);
    assert!(Index::read(&longer).is_none());
}

fn dfa(patterns: &[&str]) -> DigitDfa {
    let p: Vec<Option<&str>> = patterns.iter().map(|p| Some(*p)).collect();
    dfa::build(&p).expect("builds")
}

#[test]
fn dfa_full_and_prefix_semantics() {
    // 0: "1" then two digits; 1: "12"; 2: "0"; 3: whitespace is ignored as in the metadata.
    let d = dfa(&["1\\d{2}", "12", "0", " 4 5 "]);
    assert_eq!(d.full(b"123"), 1 << 0);
    assert_eq!(d.full(b"12"), 1 << 1);
    assert_eq!(d.full(b"1234"), 0);
    assert_eq!(d.full(b"45"), 1 << 3);
    // A prefix match is reported even when the walk dies right after it.
    assert_eq!(d.prefixes(b"1234"), (1 << 0) | (1 << 1));
    assert_eq!(d.prefixes(b"09"), 1 << 2);
    assert_eq!(d.prefixes(b"0"), 1 << 2);
    assert_eq!(d.prefixes(b"9"), 0);
    assert_eq!(d.walk(b"123"), ((1 << 0) | (1 << 1), 1 << 0));
    assert_eq!(d.full(b""), 0);
}

#[test]
fn dfa_absent_patterns_never_match() {
    let d = dfa::build(&[None, Some("\\d+")]).expect("builds");
    assert_eq!(d.full(b"0123456789"), 1 << 1);
}

#[test]
fn dfa_round_trips_through_bytes() {
    let d = dfa(&["1\\d{2}", "12", "0[1-8]9?", "\\d{3,5}"]);
    let mut w = Writer::default();
    d.write(&mut w);
    let mut r = Reader::new(&w.buf);
    assert_eq!(DigitDfa::read(&mut r), Some(d));
    assert!(r.is_empty());
    // A transition to a state that does not exist is refused.
    assert_eq!(DigitDfa::read(&mut Reader::new(&[1, 0, 0, 6, 10])), None);
}

#[test]
fn every_entry_has_small_dfas() {
    let idx = Index::get();
    let biggest = idx.metas.iter().map(|m| m.types.states()).max();
    assert!(biggest.is_some_and(|b| b < 1000), "{biggest:?}");
}

/// Every digit string up to `len` digits over `alphabet`.
fn strings(alphabet: &[u8], len: usize) -> Vec<Vec<u8>> {
    let mut all = vec![Vec::new()];
    let mut last = vec![Vec::new()];
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|s: &Vec<u8>| {
                alphabet.iter().map(move |&d| {
                    let mut t = s.clone();
                    t.push(d);
                    t
                })
            })
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// A lookingAt match: its end and the spans of groups 1..=9.
type Found = Option<(usize, Vec<Option<(usize, usize)>>)>;

/// `^(?:pattern)` as the reference engine compiles it.
fn regex(pattern: &str) -> regex::Regex {
    RegexBuilder::new(&format!("^(?:{pattern})"))
        .ignore_whitespace(true)
        .build()
        .expect("compiles")
}

/// (end, groups 1..=9) of a lookingAt match by the `regex` crate.
fn by_regex(re: &regex::Regex, s: &[u8]) -> Found {
    let caps = re.captures(std::str::from_utf8(s).expect("ascii"))?;
    let groups = (1..10)
        .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
        .collect();
    Some((caps.get(0)?.end(), groups))
}

fn by_prog(prog: &Prog, s: &[u8]) -> Found {
    let m = prog.looking_at(s)?;
    Some((m.end, m.spans[1..].to_vec()))
}

#[test]
fn programs_agree_with_the_regex_crate_on_constructed_patterns() {
    // Priority between alternatives, greedy vs lazy, nested optional groups, `$`, bounded and
    // unbounded repetition, a group that does not take part.
    let patterns = [
        "0|01",
        "01|0",
        "(0)(1)?",
        "0(1\\d)?",
        "0??(1)",
        "(\\d{2,3})$|1",
        "(?:0|90)(?:(1[245]|2[1-35])(\\d{3,4}))?",
        "0?(?:(11|2(?:2|3[0-2]?))15)?",
        "(1+)(1*?)2",
        "(000[2569]\\d{2,3})$|(?:(?:0037)0?)|0",
        "[^1-8]1",
    ];
    let inputs = strings(b"01259", 6);
    for p in patterns {
        let (prog, re) = (prog::compile(p).expect("compiles"), regex(p));
        for s in &inputs {
            assert_eq!(by_prog(&prog, s), by_regex(&re, s), "{p} on {s:?}");
        }
    }
}

#[test]
fn programs_agree_with_the_regex_crate_on_every_prefix_pattern() {
    // Every distinct international and national prefix of the metadata on every digit string
    // up to 4 digits, and on strings that continue each of those with 6 to 12 more digits
    // (national prefixes such as Argentina's capture a whole area code and number).
    let mut patterns: Vec<&str> = metas()
        .iter()
        .flat_map(|m| {
            [
                m.international_prefix,
                m.national_prefix_for_parsing.as_deref(),
            ]
        })
        .flatten()
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let short = strings(b"0123456789", 4);
    let long: Vec<Vec<u8>> = short
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut t = s.clone();
            t.extend((0..6 + i % 7).map(|k| b'0' + ((i * 7 + k * 3) % 10) as u8));
            t
        })
        .collect();
    for p in patterns {
        let (prog, re) = (prog::compile(p).expect("compiles"), regex(p));
        for s in short.iter().chain(&long) {
            assert_eq!(by_prog(&prog, s), by_regex(&re, s), "{p:?} on {s:?}");
        }
    }
}
