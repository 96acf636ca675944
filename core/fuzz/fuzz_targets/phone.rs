#![no_main]
//! Any string: every parser entry point returns Ok or a typed error, never panics; the fast and
//! reference engines agree (same number or same error kind); a success is a fixed point
//! (normalising its own output gives the same number) and survives each vendor's wire round trip.
use callplane_core::phone::{self, Engine};
use callplane_core::Vendor;
use libfuzzer_sys::fuzz_target;

const REGIONS: [&str; 8] = ["US", "CN", "GB", "DE", "IN", "BR", "JP", "AR"];

fn same(
    a: &Result<phone::PhoneNumber, phone::PhoneError>,
    b: &Result<phone::PhoneNumber, phone::PhoneError>,
) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(x), Err(y)) => x.kind == y.kind && x.message == y.message,
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for vendor in [Vendor::Bland, Vendor::Aliyun, Vendor::Tencent] {
        let fast = phone::parse_for_with(Engine::Fast, vendor, s);
        let slow = phone::parse_for_with(Engine::Reference, vendor, s);
        assert!(same(&fast, &slow), "{vendor} {s:?}: {fast:?} vs {slow:?}");
        if let Ok(n) = fast {
            let again = phone::parse(n.e164(), "US").expect("E.164 output must parse");
            assert_eq!(again, n);
            let wire = phone::to_wire(vendor, &n).expect("a number parsed for a vendor has a wire form");
            assert_eq!(phone::from_wire(vendor, &wire).expect("wire form must parse"), n);
        }
    }
    let region = REGIONS[data.len() % REGIONS.len()];
    let fast = phone::parse_with(Engine::Fast, s, region);
    let slow = phone::parse_with(Engine::Reference, s, region);
    assert!(same(&fast, &slow), "{region} {s:?}: {fast:?} vs {slow:?}");
});
