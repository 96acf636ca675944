//! Reads `REGION<TAB>INPUT` lines on stdin and prints what both engines make of each, one line per
//! input: `REGION INPUT cc nsn region V type` or `REGION INPUT ERR kind message`, then `SAME` or
//! `DIFF` and the reference engine's answer. Used to compare with libphonenumber
//! (`core/tests/data/phone_oracle.py`): `cargo run --release -p callplane-core --example phone_probe`.
use callplane_core::phone::{self, Engine};
use std::io::{BufRead, Write};

fn show(r: Result<phone::PhoneNumber, phone::PhoneError>) -> String {
    match r {
        Ok(n) => format!(
            "{}\t{}\t{}\tV\t{}",
            n.country_code(),
            n.national_number(),
            n.region().unwrap_or("-"),
            n.number_type().as_str()
        ),
        Err(e) => format!("ERR\t{:?}\t{}", e.kind, e.message),
    }
}

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Some((region, input)) = line.split_once('\t') else {
            continue;
        };
        let fast = show(phone::parse_with(Engine::Fast, input, region));
        let slow = show(phone::parse_with(Engine::Reference, input, region));
        let verdict = if fast == slow {
            "SAME".to_owned()
        } else {
            format!("DIFF\t{slow}")
        };
        if writeln!(out, "{line}\t{fast}\t{verdict}").is_err() {
            return;
        }
    }
}
