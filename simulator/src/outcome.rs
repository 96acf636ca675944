//! Deterministic call outcomes, like Stripe's test cards: a documented table of magic callee numbers,
//! and a seeded generator for every other number (same seed + same number → same outcome and
//! durations, whatever the order calls arrive in).
//!
//! Magic ranges (all valid numbers per libphonenumber, reserved for fiction/testing by their regulators):
//! - US/NANP `+1 NPA 555-01XX` (e.g. `+12015550100`), UK `+44 20 7946 09XX` (Ofcom's London drama
//!   range), China `+86 138 0013 80XX`;
//! - the last two digits `XX` pick the behaviour (see [`MAGIC`]); other `XX` values are seeded.

use serde::{Deserialize, Serialize};

/// How a call ends if nobody cancels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Completed,
    NoAnswer,
    Busy,
    Failed,
    Voicemail,
}

/// Why a call did not connect (vendors report these differently). `PoweredOff` goes with
/// `Outcome::NoAnswer`: vendors and callplane treat a switched-off phone as temporarily unreachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    Unreachable,
    PoweredOff,
    InvalidNumber,
}

/// Everything about a call's future, fixed when it is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub outcome: Outcome,
    /// Time in the vendor's queue before dialing starts.
    pub queue_ms: u32,
    /// Ringing time (until answer, or until giving up for no-answer, or the busy/failed signal).
    pub ring_ms: u32,
    /// Talk time after answer (completed and voicemail only).
    pub talk_ms: u32,
    /// Set for `Failed` (and `PoweredOff` for a `NoAnswer` whose phone is off).
    pub fail_reason: Option<FailReason>,
    /// The callee hung up early (a completed call with a short talk).
    pub early_hangup: bool,
}

/// What a magic suffix does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magic {
    Plan(Plan),
    /// The vendor refuses to place the call at all (blacklist / do-not-call).
    Refused,
}

const fn plan(outcome: Outcome, ring_ms: u32, talk_ms: u32) -> Plan {
    Plan {
        outcome,
        queue_ms: 1_000,
        ring_ms,
        talk_ms,
        fail_reason: None,
        early_hangup: false,
    }
}

/// The magic table, by the number's last two digits (documented in the simulator README).
pub const MAGIC: &[(u8, &str, Magic)] = &[
    (
        0,
        "completed: answered by a person, 45 s conversation",
        Magic::Plan(plan(Outcome::Completed, 6_000, 45_000)),
    ),
    (
        1,
        "completed: long conversation, 5 min",
        Magic::Plan(plan(Outcome::Completed, 4_000, 300_000)),
    ),
    (
        2,
        "no answer: rings 30 s",
        Magic::Plan(plan(Outcome::NoAnswer, 30_000, 0)),
    ),
    (3, "busy", Magic::Plan(plan(Outcome::Busy, 2_000, 0))),
    (
        4,
        "failed: number unreachable",
        Magic::Plan(Plan {
            fail_reason: Some(FailReason::Unreachable),
            ..plan(Outcome::Failed, 1_000, 0)
        }),
    ),
    (
        5,
        "voicemail: answering machine, 20 s message",
        Magic::Plan(plan(Outcome::Voicemail, 12_000, 20_000)),
    ),
    (
        6,
        "no answer: rings 60 s",
        Magic::Plan(plan(Outcome::NoAnswer, 60_000, 0)),
    ),
    (
        7,
        "refused by the vendor at creation (blacklist / do-not-call)",
        Magic::Refused,
    ),
    (
        8,
        "completed: callee hangs up after 5 s",
        Magic::Plan(Plan {
            early_hangup: true,
            ..plan(Outcome::Completed, 5_000, 5_000)
        }),
    ),
    (
        9,
        "no answer: phone powered off",
        Magic::Plan(Plan {
            fail_reason: Some(FailReason::PoweredOff),
            ..plan(Outcome::NoAnswer, 1_000, 0)
        }),
    ),
];

/// The magic entry for an E.164 number, if it is in a magic range with a listed suffix.
pub fn magic(e164: &str) -> Option<Magic> {
    let digits = e164.strip_prefix('+')?;
    let in_range = (digits.len() == 11 && digits.starts_with('1') && &digits[4..9] == "55501")
        || (digits.len() == 12 && digits.starts_with("4420794609"))
        || (digits.len() == 13 && digits.starts_with("86138001380"));
    if !in_range {
        return None;
    }
    let suffix: u8 = digits[digits.len() - 2..].parse().ok()?;
    MAGIC
        .iter()
        .find(|(s, _, _)| *s == suffix)
        .map(|(_, _, m)| *m)
}

/// SplitMix64: tiny, well-mixed, reproducible everywhere.
pub fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a, to fold a number into the seed.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The plan for a call to `e164` under `seed`; `None` when the vendor refuses the number outright.
pub fn plan_for(seed: u64, e164: &str) -> Option<Plan> {
    match magic(e164) {
        Some(Magic::Plan(p)) => return Some(p),
        Some(Magic::Refused) => return None,
        None => {}
    }
    let mut h = splitmix64(seed ^ fnv1a(e164.as_bytes()));
    let mut next = |lo: u32, hi: u32| {
        h = splitmix64(h);
        lo + (h % u64::from(hi - lo + 1)) as u32
    };
    let roll = next(0, 99);
    let queue_ms = next(500, 4_000);
    let p = match roll {
        0..=59 => Plan {
            outcome: Outcome::Completed,
            queue_ms,
            ring_ms: next(3_000, 20_000),
            talk_ms: next(20_000, 240_000),
            fail_reason: None,
            early_hangup: false,
        },
        60..=71 => Plan {
            outcome: Outcome::NoAnswer,
            queue_ms,
            ring_ms: next(30_000, 45_000),
            talk_ms: 0,
            fail_reason: None,
            early_hangup: false,
        },
        72..=74 => Plan {
            outcome: Outcome::NoAnswer,
            queue_ms,
            ring_ms: next(500, 2_000),
            talk_ms: 0,
            fail_reason: Some(FailReason::PoweredOff),
            early_hangup: false,
        },
        75..=82 => Plan {
            outcome: Outcome::Busy,
            queue_ms,
            ring_ms: next(1_000, 4_000),
            talk_ms: 0,
            fail_reason: None,
            early_hangup: false,
        },
        83..=89 => Plan {
            outcome: Outcome::Voicemail,
            queue_ms,
            ring_ms: next(10_000, 25_000),
            talk_ms: next(10_000, 30_000),
            fail_reason: None,
            early_hangup: false,
        },
        90..=94 => Plan {
            outcome: Outcome::Failed,
            queue_ms,
            ring_ms: next(300, 1_500),
            talk_ms: 0,
            fail_reason: Some(if next(0, 1) == 0 {
                FailReason::Unreachable
            } else {
                FailReason::InvalidNumber
            }),
            early_hangup: false,
        },
        _ => Plan {
            outcome: Outcome::Completed,
            queue_ms,
            ring_ms: next(3_000, 12_000),
            talk_ms: next(3_000, 9_000),
            fail_reason: None,
            early_hangup: true,
        },
    };
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers_pick_their_documented_outcome() {
        let cases = [
            ("+12015550100", Some(Outcome::Completed)),
            ("+12015550102", Some(Outcome::NoAnswer)),
            ("+14155550103", Some(Outcome::Busy)),
            ("+442079460904", Some(Outcome::Failed)),
            ("+8613800138005", Some(Outcome::Voicemail)),
            ("+12015550107", None),
        ];
        for (n, want) in cases {
            assert_eq!(plan_for(42, n).map(|p| p.outcome), want, "{n}");
            // Magic numbers ignore the seed.
            assert_eq!(plan_for(1, n), plan_for(2, n), "{n}");
        }
    }

    #[test]
    fn seeded_outcomes_are_deterministic_and_varied() {
        let numbers: Vec<String> = (0..2000)
            .map(|i| format!("+1415{:07}", 2_000_000 + i))
            .collect();
        let a: Vec<_> = numbers.iter().map(|n| plan_for(7, n)).collect();
        let b: Vec<_> = numbers.iter().map(|n| plan_for(7, n)).collect();
        assert_eq!(a, b);
        let c: Vec<_> = numbers.iter().map(|n| plan_for(8, n)).collect();
        assert_ne!(a, c, "a different seed must change outcomes");
        let completed = a
            .iter()
            .flatten()
            .filter(|p| p.outcome == Outcome::Completed)
            .count();
        // ~65% by construction; allow generous slack, but all five outcomes must occur.
        assert!((1100..1500).contains(&completed), "{completed}");
        for o in [
            Outcome::NoAnswer,
            Outcome::Busy,
            Outcome::Failed,
            Outcome::Voicemail,
        ] {
            assert!(
                a.iter().flatten().any(|p| p.outcome == o),
                "{o:?} never drawn"
            );
        }
    }
}
