use super::*;

const SOURCE: &str = include_str!("../../../data/timezones/map_data.txt");
const TABLE_PATH: &str = "src/campaign/timezones/table.rs";

/// `(prefix, zones)` lines of `map_data.txt`.
fn entries() -> Vec<(&'static str, Vec<&'static str>)> {
    SOURCE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (p, z) = l.split_once('|').expect("PREFIX|zones");
            (p, z.split('&').collect())
        })
        .collect()
}

/// The generated table, from `map_data.txt`.
fn generate() -> String {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt::Write;
    let entries = entries();
    let zones: Vec<&str> = entries
        .iter()
        .flat_map(|(_, z)| z.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let zone_id = |z: &str| zones.binary_search(&z).expect("listed") as u16;
    let mut sets: Vec<Vec<u16>> = Vec::new();
    let mut rows: BTreeMap<(usize, u32), u16> = BTreeMap::new();
    for (p, z) in &entries {
        let mut ids: Vec<u16> = z.iter().map(|z| zone_id(z)).collect();
        ids.sort_unstable();
        ids.dedup();
        let set = match sets.iter().position(|s| *s == ids) {
            Some(i) => i,
            None => {
                sets.push(ids);
                sets.len() - 1
            }
        } as u16;
        let value: u32 = p.parse().expect("digits");
        assert!(
            rows.insert((p.len(), value), set).is_none(),
            "prefix {p} twice"
        );
    }
    let max_len = rows.keys().map(|(l, _)| *l).max().unwrap_or(0);
    let mut out = String::new();
    out.push_str("// @generated from core/data/timezones/map_data.txt by\n");
    out.push_str(
        "// `CALLPLANE_REGENERATE=1 cargo test -p callplane-core --lib campaign::timezones`.\n",
    );
    out.push_str("// Do not edit; the tests check it against the source.\n\n");
    out.push_str("/// Every zone name, sorted.\npub(super) const ZONES: &[&str] = &[\n");
    for z in &zones {
        writeln!(out, "    {z:?},").unwrap();
    }
    out.push_str("];\n\n/// Distinct zone sets, as indexes into `ZONES`.\npub(super) const SETS: &[&[u16]] = &[\n");
    for s in &sets {
        let items: Vec<String> = s.iter().map(u16::to_string).collect();
        writeln!(out, "    &[{}],", items.join(", ")).unwrap();
    }
    out.push_str("];\n\n/// `PREFIXES[LENGTH_START[n]..LENGTH_START[n + 1]]` are the prefixes of `n` digits.\n");
    let mut starts = Vec::new();
    let mut n = 0usize;
    for len in 0..=max_len + 1 {
        starts.push(n);
        n += rows.keys().filter(|(l, _)| *l == len).count();
    }
    let starts: Vec<String> = starts.iter().map(usize::to_string).collect();
    writeln!(
        out,
        "pub(super) const LENGTH_START: [u16; {}] = [{}];\n",
        starts.len(),
        starts.join(", ")
    )
    .unwrap();
    out.push_str("/// Prefixes as integers, sorted by length then value.\npub(super) const PREFIXES: &[u32] = &[\n");
    for chunk in rows.keys().collect::<Vec<_>>().chunks(12) {
        let items: Vec<String> = chunk.iter().map(|(_, v)| v.to_string()).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    out.push_str("];\n\n/// The zone set of each prefix, as an index into `SETS`.\npub(super) const PREFIX_SET: &[u16] = &[\n");
    for chunk in rows.values().collect::<Vec<_>>().chunks(16) {
        let items: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    out.push_str("];\n");
    out
}

#[test]
fn table_is_generated_from_map_data() {
    let fresh = generate();
    if std::env::var_os("CALLPLANE_REGENERATE").is_some() {
        std::fs::write(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE_PATH),
            &fresh,
        )
        .expect("write table");
        return;
    }
    let committed = include_str!("table.rs");
    assert!(
        committed == fresh,
        "{TABLE_PATH} is stale: run CALLPLANE_REGENERATE=1 cargo test -p callplane-core --lib campaign::timezones"
    );
}

#[test]
fn every_zone_of_the_table_is_in_the_bundled_tz_database() {
    let missing: Vec<&str> = table::ZONES
        .iter()
        .copied()
        .filter(|z| z.parse::<chrono_tz::Tz>().is_err())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_source_line_is_found_by_its_own_prefix_with_its_zones() {
    for (prefix, zones) in entries() {
        // A number that *is* the prefix plus digits that extend no longer prefix is rare to
        // construct; the prefix itself must map to exactly its own line.
        let set = for_e164(prefix).unwrap_or_else(|| panic!("{prefix} not found"));
        let mut want: Vec<&str> = zones.clone();
        want.sort_unstable();
        want.dedup();
        let got: Vec<&str> = set.zones().map(|z| z.name).collect();
        assert_eq!(got, want, "prefix {prefix}");
    }
}

#[test]
fn longest_prefix_wins() {
    let cases: &[(&str, Option<&[&str]>)] = &[
        // 1208 is split: 1208201 is Denver, other 12082… Boise or Los Angeles.
        ("+12082011234", Some(&["America/Denver"])),
        (
            "+12082221234",
            Some(&["America/Boise", "America/Los_Angeles"]),
        ),
        ("+12125550100", Some(&["America/New_York"])),
        ("+8613800138000", Some(&["Asia/Shanghai"])),
        ("+442079460000", Some(&["Europe/London"])),
        ("+441481123456", Some(&["Europe/Guernsey"])),
        (
            "+447700900123",
            Some(&["Europe/Guernsey", "Europe/Isle_of_Man", "Europe/London"]),
        ),
        // Non-geographic: +800 (international freephone) is not in the table.
        ("+80012345678", None),
        ("", None),
        ("+1a", None),
    ];
    for (number, want) in cases {
        let got: Option<Vec<&str>> = for_e164(number).map(|s| s.zones().map(|z| z.name).collect());
        assert_eq!(got.as_deref(), *want, "{number}");
    }
}
