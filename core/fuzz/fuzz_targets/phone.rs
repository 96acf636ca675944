#![no_main]
//! Any string: every parser entry point returns Ok or a typed error, never panics, and a success is a
//! fixed point (normalising its own output gives the same number).
use callplane_core::{Vendor, phone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for vendor in [Vendor::Bland, Vendor::Aliyun, Vendor::Tencent] {
        if let Ok(n) = phone::parse_for(vendor, s) {
            let again = phone::parse(n.e164(), "US").expect("E.164 output must parse");
            assert_eq!(again.e164(), n.e164());
        }
    }
    let _ = phone::parse(s, "US");
});
