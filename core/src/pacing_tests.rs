use super::*;
use proptest::prelude::*;
use serde_json::json;

/// The largest number of slots in any half-open window `[t, t + per_ms)`, by a two-pointer sweep
/// over the sorted slots (independent of how the pacer computes them).
fn busiest_window(slots: &[i64], per_ms: u64) -> usize {
    let mut sorted = slots.to_vec();
    sorted.sort_unstable();
    let per = per_ms as i64;
    let (mut start, mut best) = (0, 0);
    for end in 0..sorted.len() {
        while sorted[end] - sorted[start] >= per {
            start += 1;
        }
        best = best.max(end - start + 1);
    }
    best
}

#[test]
fn a_burst_of_1000_tencent_requests_is_spread_at_20_per_second() {
    let mut p = Pacer::new(RateLimit::TENCENT_CCC);
    let slots: Vec<i64> = (0..1_000).map(|_| p.next_slot(0)).collect();
    assert_eq!(busiest_window(&slots, 1_000), 20);
    // The fastest schedule the rule allows: 20 at once, then 20 more each second.
    for (i, s) in slots.iter().enumerate() {
        assert_eq!(*s, (i as i64 / 20) * 1_000, "slot {i}");
    }
    assert_eq!(slots.last(), Some(&49_000));
}

#[test]
fn requests_within_the_limit_are_not_delayed() {
    let mut p = Pacer::new(RateLimit::per_second(5));
    for t in [0, 10, 20, 30, 40] {
        assert_eq!(p.next_slot(t), t);
    }
    // The sixth waits until the first leaves the window.
    assert_eq!(p.next_slot(50), 1_000);
    // After a quiet period the next goes at once.
    assert_eq!(p.next_slot(10_000), 10_000);
}

#[test]
fn slots_never_go_back_when_the_clock_does() {
    let mut p = Pacer::new(RateLimit::per_second(100));
    assert_eq!(p.next_slot(5_000), 5_000);
    assert_eq!(p.next_slot(4_000), 5_000);
}

#[test]
fn zero_limits_are_treated_as_one() {
    let mut p = Pacer::new(RateLimit {
        requests: 0,
        per_ms: 0,
    });
    assert_eq!(
        p.limit(),
        RateLimit {
            requests: 1,
            per_ms: 1
        }
    );
    assert_eq!(p.next_slot(0), 0);
    assert_eq!(p.next_slot(0), 1);
}

#[test]
fn limit_problems_name_the_field() {
    let mut r = Report::new();
    RateLimit {
        requests: 0,
        per_ms: 0,
    }
    .validate(&Path::from("rate_limit"), &mut r);
    let paths: Vec<&str> = r.errors().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["rate_limit.requests", "rate_limit.per_ms"]);
    let mut ok = Report::new();
    RateLimit::TENCENT_CCC.validate(&Path::root(), &mut ok);
    assert!(ok.issues.is_empty());
}

#[test]
fn vendor_defaults_and_keys() {
    assert_eq!(
        VendorLimits::default_for(Vendor::Tencent),
        Some(RateLimit {
            requests: 20,
            per_ms: 1_000
        })
    );
    assert_eq!(VendorLimits::default_for(Vendor::Bland), None);
    let cases = [
        (
            Vendor::Tencent,
            json!({"SdkAppId": 1400000001}),
            Some("1400000001"),
        ),
        (Vendor::Tencent, json!({"SdkAppId": "14"}), Some("14")),
        (Vendor::Tencent, json!({"Callee": "+8613800138000"}), None),
        (Vendor::Aliyun, json!({"TaskName": "x"}), Some("")),
        (Vendor::Bland, json!(null), Some("")),
    ];
    for (vendor, input, key) in cases {
        assert_eq!(
            VendorLimits::key(vendor, &input).as_deref(),
            key,
            "{vendor} {input}"
        );
    }
}

proptest! {
    #[test]
    fn pacing_never_exceeds_the_rate_over_any_window(
        requests in 1u32..40,
        per_ms in 1u64..5_000,
        // Arrival times, possibly out of order (many tasks share one pacer).
        arrivals in prop::collection::vec(0i64..20_000, 1..400),
    ) {
        let limit = RateLimit { requests, per_ms };
        let mut p = Pacer::new(limit);
        let mut slots = Vec::with_capacity(arrivals.len());
        for &now in &arrivals {
            let s = p.next_slot(now);
            prop_assert!(s >= now, "a slot before its request");
            if let Some(&prev) = slots.last() {
                prop_assert!(s >= prev, "slots went back");
            }
            slots.push(s);
        }
        prop_assert!(busiest_window(&slots, per_ms) <= requests as usize);
    }

    #[test]
    fn sorted_arrivals_within_the_limit_go_at_once(
        requests in 1u32..40,
        gaps in prop::collection::vec(0i64..50, 1..40),
    ) {
        // Fewer arrivals than the limit: nobody waits.
        let limit = RateLimit { requests: requests.max(gaps.len() as u32), per_ms: 1_000 };
        let mut p = Pacer::new(limit);
        let mut now = 0;
        for g in gaps {
            now += g;
            prop_assert_eq!(p.next_slot(now), now);
        }
    }
}
