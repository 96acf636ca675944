//! Table-driven phone tests (`data/phone_cases.tsv`, expected values from libphonenumber 9.0.33 via
//! `data/phone_cases.py`), and property tests for the invariants.

use callplane_core::Vendor;
use callplane_core::phone::{self, Engine, PhoneError, PhoneErrorKind, PhoneNumber};
use proptest::prelude::*;

const VENDORS: [Vendor; 3] = [Vendor::Bland, Vendor::Aliyun, Vendor::Tencent];

struct Case {
    line: usize,
    input: String,
    mode: String,
    expected: String,
    region: String,
    number_type: String,
    wires: [String; 3],
    message: String,
    note: String,
}

/// `\t`, `\n` and `\u{..}` escapes, as written by phone_cases.py.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("\\t") {
            out.push('\t');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\n") {
            out.push('\n');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\u{") {
            let end = r.find('}').expect("closed \\u{");
            let c = u32::from_str_radix(&r[..end], 16).expect("hex escape");
            out.push(char::from_u32(c).expect("scalar value"));
            rest = &r[end + 1..];
        } else {
            out.push('\\');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn cases() -> Vec<Case> {
    let text = include_str!("data/phone_cases.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.starts_with("input\t"))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 10, "line {}: {l:?}", i + 1);
            Case {
                line: i + 1,
                input: unescape(f[0]),
                mode: f[1].to_owned(),
                expected: f[2].to_owned(),
                region: f[3].to_owned(),
                number_type: f[4].to_owned(),
                wires: [f[5].to_owned(), f[6].to_owned(), f[7].to_owned()],
                message: f[8].to_owned(),
                note: f[9].to_owned(),
            }
        })
        .collect()
}

fn run(engine: Engine, mode: &str, input: &str) -> Result<PhoneNumber, PhoneError> {
    match mode {
        "bland" => phone::parse_for_with(engine, Vendor::Bland, input),
        "aliyun" => phone::parse_for_with(engine, Vendor::Aliyun, input),
        "tencent" => phone::parse_for_with(engine, Vendor::Tencent, input),
        region => phone::parse_with(engine, input, region),
    }
}

fn kind_name(e: &PhoneError) -> String {
    format!("!{:?}", e.kind)
}

fn wire_text(r: Result<String, PhoneError>) -> String {
    match r {
        Ok(s) => s,
        Err(e) => kind_name(&e),
    }
}

#[test]
fn table_has_enough_cases() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    for kind in [
        "!Empty",
        "!InvalidCharacters",
        "!TooShort",
        "!TooLong",
        "!InvalidForRegion",
        "!NotSupportedByVendor",
    ] {
        assert!(
            cases.iter().any(|c| c.expected == kind),
            "no case for {kind}"
        );
    }
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for c in cases() {
        let got = run(Engine::Fast, &c.mode, &c.input);
        let reference = run(Engine::Reference, &c.mode, &c.input);
        let ctx = format!("line {} {:?} ({}) [{}]", c.line, c.input, c.mode, c.note);
        if got != reference {
            failures.push(format!("{ctx}: fast {got:?} != reference {reference:?}"));
        }
        match &got {
            Err(e) => {
                if kind_name(e) != c.expected {
                    failures.push(format!("{ctx}: expected {}, got {e:?}", c.expected));
                }
                if c.message != "-" && e.message != c.message {
                    failures.push(format!("{ctx}: message {:?}", e.message));
                }
            }
            Ok(n) => {
                let actual = [
                    n.e164().to_owned(),
                    n.region().unwrap_or("-").to_owned(),
                    n.number_type().as_str().to_owned(),
                ];
                let expected = [c.expected.clone(), c.region.clone(), c.number_type.clone()];
                if actual != expected {
                    failures.push(format!("{ctx}: expected {expected:?}, got {actual:?}"));
                }
                for (v, want) in VENDORS.iter().zip(&c.wires) {
                    let wire = wire_text(phone::to_wire(*v, n));
                    if &wire != want {
                        failures.push(format!("{ctx}: {v} wire {wire:?}, expected {want:?}"));
                    }
                    // Responses come back in wire form: reading it gives the same number.
                    if let Ok(w) = phone::to_wire(*v, n) {
                        match phone::from_wire(*v, &w) {
                            Ok(back) if &back == n => {}
                            other => {
                                failures.push(format!("{ctx}: {v} from_wire({w}) = {other:?}"))
                            }
                        }
                    }
                }
                match phone::parse(n.e164(), "US") {
                    Ok(again) if &again == n => {}
                    other => failures.push(format!("{ctx}: reparse {other:?}")),
                }
                if c.mode == "bland" && phone::parse_bland(&c.input).as_ref() != Ok(n) {
                    failures.push(format!("{ctx}: parse_bland differs"));
                }
            }
        }
        // normalize_for = parse_for + to_wire for the vendor modes.
        if let Some(v) = VENDORS.iter().find(|v| v.as_str() == c.mode) {
            let want = match &got {
                Ok(n) => wire_text(phone::to_wire(*v, n)),
                Err(e) => kind_name(e),
            };
            let normalized = wire_text(phone::normalize_for(*v, &c.input));
            if normalized != want {
                failures.push(format!("{ctx}: normalize_for {normalized:?} != {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bland_inbound_spellings_are_one_number() {
    // The inbound page's four spellings (with an assigned area code: 333 is not one).
    let all: Vec<_> = [
        "+12015550123",
        "%2B12015550123",
        "12015550123",
        "2015550123",
    ]
    .iter()
    .map(|s| phone::parse_bland(s).map(|n| n.e164().to_owned()))
    .collect();
    assert!(
        all.iter().all(|r| r.as_deref() == Ok("+12015550123")),
        "{all:?}"
    );
    // ...and Bland's own example number fails the same way in all four spellings.
    let kinds: Vec<_> = [
        "+13334445555",
        "%2B13334445555",
        "13334445555",
        "3334445555",
    ]
    .iter()
    .map(|s| phone::parse_bland(s).map_err(|e| e.message))
    .collect();
    let expected: Result<PhoneNumber, String> = Err("not a valid number for region US".to_owned());
    assert!(kinds.iter().all(|k| k == &expected), "{kinds:?}");
}

#[test]
fn errors_carry_stable_codes() {
    let e = phone::parse("2015550123 ext. 9", "US").unwrap_err();
    assert_eq!(e.kind, PhoneErrorKind::InvalidCharacters);
    assert_eq!(e.code(), "phone_invalid_characters");
    assert!(e.message.contains("extension"), "{}", e.message);
    let e = phone::parse("1-800-FLOWERS", "US").unwrap_err();
    assert!(e.message.contains("letters"), "{}", e.message);
    let e = phone::parse("201555012", "US").unwrap_err();
    assert_eq!(e.code(), "phone_too_short");
    assert_eq!(
        e.message,
        "too short for region US: 9 digits after the country code, expected 10 digits"
    );
    let e = phone::normalize_for(Vendor::Aliyun, "+44 20 7946 0958").unwrap_err();
    assert_eq!(e.code(), "phone_not_supported_by_vendor");
    assert!(
        e.message.contains("+442079460958") && e.message.contains("GB"),
        "{}",
        e.message
    );
    assert_eq!(phone::parse(" ", "US").unwrap_err().code(), "required");
}

#[test]
fn check_for_records_errors_and_premium_warnings() {
    use callplane_core::Report;
    let mut report = Report::new();
    let ok = phone::check_for(
        Vendor::Bland,
        "(201) 555-0123",
        "call_data[0].phone_number",
        &mut report,
    );
    assert_eq!(
        ok.map(|n| n.e164().to_owned()).as_deref(),
        Some("+12015550123")
    );
    assert!(report.issues.is_empty());
    assert!(
        phone::check_for(
            Vendor::Bland,
            "1234567890",
            "call_data[1].phone_number",
            &mut report
        )
        .is_none()
    );
    let premium = phone::check_for(
        Vendor::Bland,
        "+1 900 234 5678",
        "call_data[2].phone_number",
        &mut report,
    );
    assert!(premium.is_some());
    assert!(
        phone::check_for(
            Vendor::Aliyun,
            "+1 201 555 0123",
            "CalledNumber",
            &mut report
        )
        .is_none()
    );
    let lines: Vec<String> = report
        .issues
        .iter()
        .map(|i| format!("{:?} {} {i}", i.severity, i.code))
        .collect();
    assert_eq!(
        lines,
        [
            "Error phone_invalid_for_region call_data[1].phone_number: not a valid number for region US",
            "Warning phone_premium_rate call_data[2].phone_number: +19002345678 is a premium-rate number: each call costs extra",
            "Error phone_not_supported_by_vendor CalledNumber: aliyun dials mainland China (+86) numbers only; +12015550123 is in US",
        ]
    );
}

/// Strings that look like phone numbers: prefixes, digits and formatting.
fn phoneish() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "", "+", "00", "011", "%2B", "0", "+86", "0086", "+1", "1",
    ]);
    let body = prop::collection::vec(
        prop::sample::select(vec![
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", " ", "-", "(", ")", ".", "/",
        ]),
        0..20,
    );
    (prefix, body).prop_map(|(p, b)| format!("{p}{}", b.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn normalizing_is_idempotent(s in phoneish()) {
        for v in VENDORS {
            if let Ok(once) = phone::normalize_for(v, &s) {
                prop_assert_eq!(phone::normalize_for(v, &once), Ok(once.clone()));
            }
        }
    }

    #[test]
    fn e164_reparses_to_itself(s in phoneish(), region in prop::sample::select(vec!["US", "CN", "GB", "DE", "IN", "BR", "JP", "AR"])) {
        if let Ok(n) = phone::parse(&s, region) {
            let again = phone::parse(n.e164(), "US");
            prop_assert_eq!(again.as_ref().map(PhoneNumber::e164), Ok(n.e164()));
            prop_assert_eq!(again, Ok(n));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,40}") {
        for v in VENDORS {
            let _ = phone::normalize_for(v, &s);
            let _ = phone::parse_for_with(Engine::Reference, v, &s);
        }
        let _ = phone::parse(&s, "US");
    }
}
