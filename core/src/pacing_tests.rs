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

/// Drive `reserve`/`complete` like a sender with `in_flight` concurrent tasks whose requests
/// arrive at the vendor `up` ms after sending and are answered `down` ms after arriving (per
/// request, from `lat`). Returns the arrival times.
fn simulate_answers(limit: RateLimit, lat: &[(i64, i64)], in_flight: usize) -> Vec<i64> {
    let mut p = Pacer::new(limit);
    // (answer time, id) of requests in flight; the clock jumps from event to event.
    let mut flying: Vec<(i64, u64)> = Vec::new();
    let (mut now, mut next, mut arrivals) = (0i64, 0usize, Vec::new());
    while next < lat.len() || !flying.is_empty() {
        let mut progressed = false;
        while next < lat.len() && flying.len() < in_flight {
            match p.reserve(now) {
                Reservation::Ready { id, at } => {
                    let (up, down) = lat[next];
                    arrivals.push(at + up);
                    flying.push((at + up + down, id));
                    next += 1;
                    progressed = true;
                }
                Reservation::Blocked => break,
            }
        }
        if !progressed || next == lat.len() || flying.len() == in_flight {
            // Nothing more can start now: jump to the next answer.
            let Some(k) = (0..flying.len()).min_by_key(|&k| flying[k].0) else {
                break;
            };
            let (done, id) = flying.swap_remove(k);
            now = now.max(done);
            p.complete(id, done);
        }
    }
    arrivals
}

#[test]
fn answer_spacing_holds_the_limit_at_arrival_whatever_the_latency() {
    // The case that broke send spacing: one slow request, then fast ones.
    let mut lat = vec![(400, 5)];
    lat.extend(std::iter::repeat_n((1, 1), 199));
    let arrivals = simulate_answers(RateLimit::TENCENT_CCC, &lat, 256);
    assert_eq!(arrivals.len(), 200);
    assert!(busiest_window(&arrivals, 1_000) <= 20);
    // Send spacing on the same latencies lets 21 arrive within one second.
    let mut p = Pacer::new(RateLimit::TENCENT_CCC);
    let sent: Vec<i64> = lat.iter().map(|(up, _)| p.next_slot(0) + up).collect();
    assert!(busiest_window(&sent, 1_000) > 20);
}

#[test]
fn answer_spacing_costs_one_round_trip_per_window() {
    // 2 ms round trips: 400 requests take 19 windows of (1,000 ms + one answer) after the first.
    let lat = vec![(1, 1); 400];
    let arrivals = simulate_answers(RateLimit::TENCENT_CCC, &lat, 256);
    let span =
        arrivals.iter().max().copied().unwrap_or(0) - arrivals.iter().min().copied().unwrap_or(0);
    assert!((19_000..=19 * 1_002 + 2).contains(&span), "span {span}");
}

#[test]
fn complete_of_an_unknown_or_forgotten_id_is_ignored() {
    let mut p = Pacer::new(RateLimit::per_second(1));
    let Reservation::Ready { id, at } = p.reserve(0) else {
        panic!("first reservation is ready");
    };
    assert_eq!(at, 0);
    assert_eq!(p.reserve(5), Reservation::Blocked);
    p.complete(id + 7, 10);
    assert_eq!(p.reserve(5), Reservation::Blocked);
    p.complete(id, 30);
    assert_eq!(
        p.reserve(40),
        Reservation::Ready {
            id: id + 1,
            at: 1_030
        }
    );
}

proptest! {
    #[test]
    fn answer_spacing_never_exceeds_the_limit_at_arrival(
        requests in 1u32..30,
        per_ms in 1u64..2_000,
        lat in proptest::collection::vec((0i64..500, 0i64..500), 1..300),
        in_flight in 1usize..64,
    ) {
        let limit = RateLimit { requests, per_ms };
        let arrivals = simulate_answers(limit, &lat, in_flight);
        prop_assert_eq!(arrivals.len(), lat.len());
        prop_assert!(busiest_window(&arrivals, per_ms) <= requests as usize);
    }
}
