//! Every documented vendor error (VENDORS.md's catalogues), as a response body, maps to the right
//! kind, vendor code, retry class and request id. Data: `tests/data/vendor_errors.json`.

use callplane_core::vendor_error::{self, VendorError};
use serde_json::Value;

fn parse(
    vendor: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Option<VendorError> {
    match vendor {
        "bland" => vendor_error::bland::parse_error(status, headers, body),
        "aliyun" => vendor_error::aliyun::parse_error(status, headers, body),
        "tencent" => vendor_error::tencent::parse_error(status, headers, body),
        other => panic!("unknown vendor {other} in data file"),
    }
}

#[test]
fn documented_vendor_errors_map_to_kind_code_and_retry_class() {
    let data: Vec<Value> =
        serde_json::from_str(include_str!("data/vendor_errors.json")).expect("valid data file");
    assert!(data.len() > 100, "catalogue unexpectedly small");
    let mut failures = Vec::new();
    for case in &data {
        let vendor = case["vendor"].as_str().unwrap();
        let name = case["name"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let headers: Vec<(String, String)> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h[0].as_str().unwrap().into(), h[1].as_str().unwrap().into()))
            .collect();
        let body = case["body"].as_str().unwrap().as_bytes();
        let got = parse(vendor, status, &headers, body);
        let expect = &case["expect"];
        match (got, expect.is_null()) {
            (None, true) => {}
            (Some(e), true) => failures.push(format!("{vendor}/{name}: expected success, got {e}")),
            (None, false) => {
                failures.push(format!("{vendor}/{name}: expected an error, got success"))
            }
            (Some(e), false) => {
                let got = serde_json::json!({
                    "kind": e.kind, "vendor_code": e.vendor_code, "retry": e.retry,
                    "retry_after_ms": e.retry_after_ms, "request_id": e.request_id,
                });
                for key in [
                    "kind",
                    "vendor_code",
                    "retry",
                    "retry_after_ms",
                    "request_id",
                ] {
                    if got[key] != expect[key] {
                        failures.push(format!(
                            "{vendor}/{name}: {key} = {} but the catalogue says {}",
                            got[key], expect[key]
                        ));
                    }
                }
                if let Some(details) = expect.get("details")
                    && serde_json::json!(e.details) != *details
                {
                    failures.push(format!("{vendor}/{name}: details {:?}", e.details));
                }
                assert_eq!(e.http_status, status, "{vendor}/{name}");
                assert!(!e.message.is_empty(), "{vendor}/{name}: empty message");
                assert_eq!(e.vendor.as_str(), vendor);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn vendor_error_becomes_one_error_with_stable_code_and_retry_class() {
    let e = vendor_error::tencent::parse_error(
        200,
        &[],
        br#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r1"}}"#,
    )
    .unwrap();
    let err = callplane_core::Error::from(e);
    assert_eq!(err.code(), "vendor_rate_limited");
    assert_eq!(err.retry_class(), Some(vendor_error::RetryClass::Retryable));
    assert!(err.to_string().contains("RequestLimitExceeded"));
    assert!(err.to_string().contains("r1"));
}
