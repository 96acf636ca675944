//! The fast engine against the reference engine and against libphonenumber itself:
//! - `oracle`: every line of `data/phone_oracle.tsv` (11k inputs, expected values computed by
//!   libphonenumber 9.0.33, see `data/phone_oracle.py`) through both engines;
//! - `random`: 100,000 seeded random inputs (digits, formatting, `+`/`00`/`011`/`%2B` prefixes,
//!   real and made-up calling codes, mutated example numbers, stray letters) through both engines
//!   for `parse` with eight default regions and `parse_for` with each vendor: same number, or same
//!   error kind and message.

use callplane_core::Vendor;
use callplane_core::phone::{self, Engine, PhoneError, PhoneNumber};
use phonenumber::metadata::DATABASE;

fn show(r: &Result<PhoneNumber, PhoneError>) -> String {
    match r {
        Ok(n) => format!(
            "{}\t{}\t{}",
            n.e164(),
            n.region().unwrap_or("-"),
            n.number_type().as_str()
        ),
        Err(e) => format!("!{:?}", e.kind),
    }
}

#[test]
fn oracle() {
    let text = include_str!("data/phone_oracle.tsv");
    let mut failures = Vec::new();
    let mut rows = 0;
    for (i, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let (region, input, expected) = (f[0], f[1], &f[2..]);
        rows += 1;
        for engine in [Engine::Fast, Engine::Reference] {
            let got = phone::parse_with(engine, input, region);
            let want = if expected.len() == 1 {
                expected[0].to_owned()
            } else {
                expected[..3].join("\t")
            };
            if show(&got) != want {
                failures.push(format!(
                    "line {} {region} {input:?} {engine:?}: got {}, libphonenumber {want}",
                    i + 1,
                    show(&got)
                ));
            }
            // China: Alibaba's wire form is libphonenumber's national format, digits only.
            if let (Ok(n), Some(&domestic)) = (&got, expected.get(3))
                && domestic != "-"
            {
                let wire = phone::to_wire(Vendor::Aliyun, n);
                if wire.as_deref() != Ok(domestic) {
                    failures.push(format!(
                        "line {}: aliyun wire {wire:?} != {domestic}",
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(rows > 10_000, "{rows} rows");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(50)].join("\n")
    );
}

/// xorshift64*: a fixed seed, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
}

fn examples() -> Vec<(u16, String)> {
    let mut out = Vec::new();
    for m in DATABASE.iter() {
        let d = m.descriptors();
        for desc in [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(e) = desc.example() {
                out.push((m.country_code(), e.to_owned()));
            }
        }
    }
    out.sort();
    out
}

fn random_input(rng: &mut Rng, examples: &[(u16, String)]) -> String {
    const PREFIXES: [&str; 12] = [
        "", "", "", "+", "+", "00", "011", "%2B", "0", "+0", "(", "\u{FF0B}",
    ];
    const SEPARATORS: [&str; 9] = [" ", "-", ".", "(", ")", "/", "\u{3000}", "\u{2013}", "  "];
    const NOISE: [&str; 8] = ["x", " ext. ", "#", "*", "a", ";ext=", ",", "+"];
    let mut digits = String::new();
    let (cc, body) = if rng.chance(60) {
        let (cc, e) = &examples[rng.below(examples.len())];
        (cc.to_string(), e.clone())
    } else {
        let cc = if rng.chance(50) {
            rng.pick(&[
                1u16, 7, 33, 39, 44, 49, 52, 54, 55, 61, 81, 82, 86, 91, 800, 882, 979,
            ])
            .to_string()
        } else {
            rng.below(1000).to_string()
        };
        let len = rng.below(17);
        (
            cc,
            (0..len)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect(),
        )
    };
    if rng.chance(55) {
        digits.push_str(&cc);
    }
    digits.push_str(&body);
    // Mutations: change, insert, delete, truncate.
    let mut d: Vec<u8> = digits.into_bytes();
    let mutations = if rng.chance(50) { 0 } else { 1 + rng.below(2) };
    for _ in 0..mutations {
        match rng.below(4) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = b'0' + rng.below(10) as u8;
            }
            1 => {
                let i = rng.below(d.len() + 1);
                d.insert(i, b'0' + rng.below(10) as u8);
            }
            2 if !d.is_empty() => {
                let i = rng.below(d.len());
                d.remove(i);
            }
            _ => d.truncate(rng.below(d.len() + 1)),
        }
    }
    let mut s = String::from(rng.pick(&PREFIXES));
    for &b in &d {
        if rng.chance(12) {
            s.push_str(rng.pick(&SEPARATORS));
        }
        if rng.chance(1) {
            s.push_str(rng.pick(&NOISE));
        }
        if rng.chance(3) {
            s.push(char::from_u32(0xFF10 + u32::from(b - b'0')).unwrap_or('0'));
        } else {
            s.push(char::from(b));
        }
    }
    if rng.chance(3) {
        s.push_str(rng.pick(&NOISE));
        s.push_str("12");
    }
    s
}

#[test]
fn random() {
    const N: usize = 100_000;
    const REGIONS: [&str; 8] = ["US", "CN", "GB", "DE", "IN", "BR", "JP", "AR"];
    let examples = examples();
    assert!(examples.len() > 1000);
    let mut rng = Rng(0x5EED_CA11_F1A7_0001);
    let mut failures = Vec::new();
    let (mut valid, mut compared) = (0usize, 0usize);
    for i in 0..N {
        let input = random_input(&mut rng, &examples);
        let region = rng.pick(&REGIONS);
        let fast = phone::parse_with(Engine::Fast, &input, region);
        let slow = phone::parse_with(Engine::Reference, &input, region);
        compared += 1;
        valid += usize::from(fast.is_ok());
        if fast != slow {
            failures.push(format!(
                "#{i} parse({input:?}, {region}): {fast:?} vs {slow:?}"
            ));
        }
        let vendor = rng.pick(&[Vendor::Bland, Vendor::Aliyun, Vendor::Tencent]);
        let fast = phone::parse_for_with(Engine::Fast, vendor, &input);
        let slow = phone::parse_for_with(Engine::Reference, vendor, &input);
        compared += 1;
        if fast != slow {
            failures.push(format!(
                "#{i} parse_for({vendor}, {input:?}): {fast:?} vs {slow:?}"
            ));
        }
    }
    // The generator must exercise both outcomes, or the comparison proves little.
    assert!(valid > N / 10 && valid < N * 9 / 10, "{valid} valid of {N}");
    assert!(compared >= 2 * N);
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures[..failures.len().min(50)].join("\n")
    );
}
