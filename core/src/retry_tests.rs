use super::*;
use crate::api::transport_error;
use crate::issue::Report;
use crate::vendor_error::{self, TransportFailure};
use proptest::prelude::*;

fn bland(status: u16, body: &str) -> Error {
    match vendor_error::bland::parse_error(status, &[], body.as_bytes()) {
        Some(e) => Error::Vendor(e),
        None => panic!("not an error body: {body}"),
    }
}

fn tencent(code: &str) -> Error {
    let body = format!(
        r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r-1"}}}}"#
    );
    match vendor_error::tencent::parse_error(200, &[], body.as_bytes()) {
        Some(e) => Error::Vendor(e),
        None => panic!("not an error body: {body}"),
    }
}

fn aliyun(status: u16, code: &str) -> Error {
    let body = format!(r#"{{"RequestId":"r-2","Code":"{code}","Message":"m"}}"#);
    match vendor_error::aliyun::parse_error(status, &[], body.as_bytes()) {
        Some(e) => Error::Vendor(e),
        None => panic!("not an error body: {body}"),
    }
}

/// (case, error, retried on the first failure with budget left)
fn cases() -> Vec<(&'static str, Error, bool)> {
    vec![
        (
            "bland 429 rate limit",
            bland(429, r#"{"status":"error","message":"Rate limit exceeded"}"#),
            true,
        ),
        (
            "bland 500",
            bland(
                500,
                r#"{"status":"error","message":"Internal server error"}"#,
            ),
            true,
        ),
        (
            "bland 401",
            bland(401, r#"{"status":"error","message":"Invalid API key"}"#),
            false,
        ),
        (
            "tencent RequestLimitExceeded",
            tencent("RequestLimitExceeded"),
            true,
        ),
        (
            "tencent SignatureExpire",
            tencent("AuthFailure.SignatureExpire"),
            true,
        ),
        (
            "tencent SignatureFailure",
            tencent("AuthFailure.SignatureFailure"),
            false,
        ),
        ("tencent InternalError", tencent("InternalError"), true),
        ("aliyun throttling", aliyun(400, "Throttling.User"), true),
        (
            "aliyun bad number",
            aliyun(200, "isv.MOBILE_NUMBER_ILLEGAL"),
            false,
        ),
        (
            "create call: no response",
            transport_error(TransportFailure::NoResponse, true, "timed out"),
            false,
        ),
        (
            "create call: not sent",
            transport_error(TransportFailure::NotSent, true, "connection refused"),
            true,
        ),
        (
            "read: no response",
            transport_error(TransportFailure::NoResponse, false, "timed out"),
            true,
        ),
        ("validation", Error::Validation(Report::new()), false),
    ]
}

#[test]
fn only_the_retryable_class_is_retried() {
    let policy = RetryPolicy::default();
    for (name, error, expected) in cases() {
        assert_eq!(should_retry(&error, 0, &policy), expected, "{name}");
        // The rule is the class, never the case list: the two must agree.
        assert_eq!(
            expected,
            error.retry_class() == Some(RetryClass::Retryable),
            "{name}: table disagrees with the class"
        );
        let decision = decide(&error, 0, &policy, u64::MAX);
        assert_eq!(
            matches!(decision, RetryDecision::Retry { .. }),
            expected,
            "{name}"
        );
    }
}

#[test]
fn ambiguous_is_never_retried_whatever_the_budget() {
    let e = transport_error(TransportFailure::NoResponse, true, "reset after sending");
    assert_eq!(e.retry_class(), Some(RetryClass::Ambiguous));
    let generous = RetryPolicy {
        max_retries: RetryPolicy::MAX_RETRIES,
        ..RetryPolicy::default()
    };
    for attempt in [0, 1, 50] {
        assert!(!should_retry(&e, attempt, &generous));
        assert_eq!(
            decide(&e, attempt, &generous, 0),
            RetryDecision::Stop(StopReason::NotRetryable(Some(RetryClass::Ambiguous)))
        );
    }
}

#[test]
fn budget_counts_retries_after_the_first_attempt() {
    let e = tencent("RequestLimitExceeded");
    let policy = RetryPolicy {
        max_retries: 2,
        ..RetryPolicy::default()
    };
    assert!(should_retry(&e, 0, &policy));
    assert!(should_retry(&e, 1, &policy));
    assert!(!should_retry(&e, 2, &policy));
    assert_eq!(
        decide(&e, 2, &policy, 7),
        RetryDecision::Stop(StopReason::Exhausted)
    );
    assert!(!should_retry(&e, 0, &RetryPolicy::none()));
}

#[test]
fn bounds_double_then_cap() {
    let p = RetryPolicy {
        max_retries: 10,
        base_ms: 100,
        cap_ms: 1_000,
    };
    let bounds: Vec<u64> = (0..6).map(|a| p.bound_ms(a)).collect();
    assert_eq!(bounds, [100, 200, 400, 800, 1_000, 1_000]);
    // Huge attempt numbers saturate instead of overflowing.
    assert_eq!(p.bound_ms(200), 1_000);
    // The extremes of the random input reach both ends of the range.
    assert_eq!(backoff_ms(&p, 2, 0), 0);
    assert_eq!(backoff_ms(&p, 2, u64::MAX), 400);
}

#[test]
fn vendor_retry_after_is_a_floor() {
    // Bland: one call per 10 s to the same number; the documented 429 message.
    let e = bland(
        429,
        r#"{"status":"error","message":"You can only call a number once every 10 seconds to the same number."}"#,
    );
    assert_eq!(retry_after_ms(&e), Some(10_000));
    let p = RetryPolicy::default();
    assert_eq!(delay_ms(&e, &p, 0, 0), 10_000);
    assert_eq!(delay_ms(&e, &p, 0, u64::MAX), 10_000);
    // Without a floor the jitter rules alone.
    let plain = tencent("RequestLimitExceeded");
    assert_eq!(delay_ms(&plain, &p, 0, 0), 0);
}

#[test]
fn policy_problems_name_the_field() {
    let mut r = Report::new();
    RetryPolicy {
        max_retries: 1_000,
        base_ms: 5_000,
        cap_ms: 1_000,
    }
    .validate(&Path::from("retries"), &mut r);
    let paths: Vec<&str> = r.errors().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["retries.max_retries", "retries.base_ms"]);
    let mut ok = Report::new();
    RetryPolicy::default().validate(&Path::root(), &mut ok);
    assert!(ok.issues.is_empty());
}

proptest! {
    #[test]
    fn delays_stay_within_zero_and_cap(
        base in 0u64..100_000,
        extra in 0u64..1_000_000,
        attempt in 0u32..200,
        random in any::<u64>(),
    ) {
        let p = RetryPolicy { max_retries: 100, base_ms: base, cap_ms: base + extra };
        let d = backoff_ms(&p, attempt, random);
        prop_assert!(d <= p.cap_ms);
        prop_assert!(d <= p.bound_ms(attempt));
    }

    #[test]
    fn backoff_is_monotonic_in_the_random_value(a in any::<u64>(), b in any::<u64>(), attempt in 0u32..20) {
        let p = RetryPolicy::default();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(backoff_ms(&p, attempt, lo) <= backoff_ms(&p, attempt, hi));
    }
}
