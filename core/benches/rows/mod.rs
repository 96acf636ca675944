//! The 100k-row Bland batch both preflight benches use (`preflight.rs` in wire names,
//! `js_preflight.rs` in JS names): realistic US numbers in seven formats from 24 real area codes,
//! four prompt variables, a deterministic generator, so the two benches measure identical data.

use serde_json::{Map, Value, json};

pub const ROWS: usize = 100_000;
pub const PROMPT: &str = "Hi {{name}}, this is Jordan from {{business}}. Your {{service}} plan renews on \
{{date}}. Would you like to keep it, change it, or cancel before then?";

/// Real NANP area codes (libphonenumber-valid), so rows are realistic rather than all one prefix.
const AREA_CODES: &[u16] = &[
    201, 202, 206, 212, 213, 214, 305, 310, 312, 404, 408, 415, 503, 512, 602, 617, 646, 702, 713,
    718, 773, 801, 917, 972,
];
const NAMES: &[&str] = &[
    "Ann", "Bo", "Carmen", "Dmitri", "Esther", "Farid", "Grace", "Hiro",
];
const BUSINESSES: &[&str] = &[
    "ABC co.",
    "XYZ inc.",
    "Acme Plumbing",
    "Blue Bottle Cafe",
    "Northwind",
];
const SERVICES: &[&str] = &[
    "Netflix",
    "Window Cleaning",
    "Lawn Care",
    "Premium Support",
    "Fiber 1G",
];
const DATES: &[&str] = &["September 4th", "December 20th", "March 1st", "June 30th"];

/// Deterministic generator (no `rand` dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() as usize) % xs.len()]
    }
}

fn number(rng: &mut Lcg) -> String {
    let area = *rng.pick(AREA_CODES);
    // Exchange 200–999 without N11 service codes; line 0000–9999.
    let mut exchange = 200 + (rng.next() % 800) as u16;
    if exchange % 100 == 11 {
        exchange += 1;
    }
    let line = rng.next() % 10_000;
    match rng.next() % 7 {
        0 => format!("+1{area}{exchange}{line:04}"),
        1 => format!("({area}) {exchange}-{line:04}"),
        2 => format!("{area}-{exchange}-{line:04}"),
        3 => format!("{area}{exchange}{line:04}"),
        4 => format!("+1 {area} {exchange} {line:04}"),
        5 => format!("{area}.{exchange}.{line:04}"),
        _ => format!("1-{area}-{exchange}-{line:04}"),
    }
}

/// The `ROWS` rows, with the number under `phone_key` (`phone_number` or `phoneNumber`).
pub fn rows(phone_key: &str) -> Vec<Map<String, Value>> {
    let mut rng = Lcg(0x5eed);
    (0..ROWS)
        .map(|_| {
            let mut m = Map::new();
            m.insert(phone_key.into(), Value::String(number(&mut rng)));
            m.insert("name".into(), json!(rng.pick(NAMES)));
            m.insert("business".into(), json!(rng.pick(BUSINESSES)));
            m.insert("service".into(), json!(rng.pick(SERVICES)));
            m.insert("date".into(), json!(rng.pick(DATES)));
            m
        })
        .collect()
}

/// The `ROWS` rows as CSV text (header `phone,name,business,service,date`, LF line ends; a field
/// is quoted when it holds a comma, a quote or a line break): what `preflightBlandCsv` reads.
/// `bindings-wasm/bench/rows.mjs` (`csvText`) writes the same text.
#[allow(dead_code)] // `js_preflight.rs` includes this module too and does not use it.
pub fn csv(rows: &[Map<String, Value>]) -> String {
    let field = |v: &Value| {
        let s = v.as_str().unwrap_or_default();
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("phone,name,business,service,date\n");
    for row in rows {
        let line: Vec<String> = row.values().map(field).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
