//! Fault injection (`PUT /_sim/faults`): per vendor and operation, an error rate with a chosen vendor
//! error, added latency, and "commit then time out" — the call is created but the response is held
//! back past any sane client timeout, so clients meet the ambiguous case for real.

use crate::outcome::splitmix64;
use callplane_core::Vendor;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    pub vendor: Vendor,
    /// Operation name (`CreateAICall`, `BatchRobotSmartCall`, `POST /v1/calls`), or `*` for all.
    #[serde(default = "any_operation")]
    pub operation: String,
    /// Probability (0–1) of answering with `error` instead of doing the work.
    #[serde(default)]
    pub error_rate: f64,
    /// The vendor error to answer with: Tencent / Alibaba code (`RequestLimitExceeded`,
    /// `Throttling.User`, `isv.BUSINESS_LIMIT_CONTROL`), or for Bland an HTTP status plus message
    /// (`{"status":429,"message":"Rate limit exceeded"}` as `error_status` + `error_message`).
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub error_status: Option<u16>,
    #[serde(default)]
    pub error_message: Option<String>,
    /// Added latency before answering, in real milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Probability (0–1) that the call is created but the response is held for `hang_ms` and the
    /// connection then closed without an answer.
    #[serde(default)]
    pub commit_then_timeout_rate: f64,
    /// How long a "commit then time out" response is held (real ms; default 30 s).
    #[serde(default = "default_hang_ms")]
    pub hang_ms: u64,
}

fn any_operation() -> String {
    "*".into()
}

fn default_hang_ms() -> u64 {
    30_000
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultConfig {
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

// The admin API's body (`setFaults`), read by serde through `json::track`: not in the wasm
// module, and `FaultRule` has no `Default` for `#[derive(ReadJson)]` to start from.
callplane_core::read_json_via_serde!(FaultConfig);

impl FaultConfig {
    /// Check the rules make sense; the admin API answers 400 with these messages.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            for (name, v) in [
                ("error_rate", r.error_rate),
                ("commit_then_timeout_rate", r.commit_then_timeout_rate),
            ] {
                if !(0.0..=1.0).contains(&v) {
                    out.push(format!(
                        "rules[{i}].{name}: must be between 0 and 1, got {v}"
                    ));
                }
            }
            if r.error_rate > 0.0 && r.error.is_none() && r.error_status.is_none() {
                out.push(format!(
                    "rules[{i}].error: required when error_rate > 0 (a vendor error code, or error_status for Bland)"
                ));
            }
        }
        out
    }
}

/// What the fault layer decided for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub latency_ms: u64,
    pub error: Option<InjectedError>,
    pub hang_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InjectedError {
    pub code: Option<String>,
    pub status: Option<u16>,
    pub message: Option<String>,
}

/// Draws are deterministic for a seed: the n-th request gets the n-th number of a SplitMix64 stream.
#[derive(Debug)]
pub struct Dice {
    seed: u64,
    counter: AtomicU64,
}

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice {
            seed,
            counter: AtomicU64::new(0),
        }
    }
    /// A uniform number in [0, 1).
    pub fn roll(&self) -> f64 {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        (splitmix64(self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 11) as f64
            / (1u64 << 53) as f64
    }
}

impl FaultConfig {
    /// Decide for one request of `vendor`/`operation`. The first matching rule applies.
    pub fn decide(&self, vendor: Vendor, operation: &str, dice: &Dice) -> Decision {
        let Some(rule) = self
            .rules
            .iter()
            .find(|r| r.vendor == vendor && (r.operation == "*" || r.operation == operation))
        else {
            return Decision {
                latency_ms: 0,
                error: None,
                hang_ms: None,
            };
        };
        let r = dice.roll();
        let error = (r < rule.error_rate).then(|| InjectedError {
            code: rule.error.clone(),
            status: rule.error_status,
            message: rule.error_message.clone(),
        });
        let hang = (error.is_none()
            && r >= rule.error_rate
            && r < rule.error_rate + rule.commit_then_timeout_rate)
            .then_some(rule.hang_ms);
        Decision {
            latency_ms: rule.latency_ms,
            error,
            hang_ms: hang,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_honoured_and_reproducible() {
        let cfg = FaultConfig {
            rules: vec![FaultRule {
                vendor: Vendor::Tencent,
                operation: "CreateAICall".into(),
                error_rate: 0.10,
                error: Some("InternalError".into()),
                error_status: None,
                error_message: None,
                latency_ms: 5,
                commit_then_timeout_rate: 0.05,
                hang_ms: 1000,
            }],
        };
        assert!(cfg.problems().is_empty());
        let run = |seed| {
            let dice = Dice::new(seed);
            (0..20_000)
                .map(|_| cfg.decide(Vendor::Tencent, "CreateAICall", &dice))
                .collect::<Vec<_>>()
        };
        let a = run(3);
        assert_eq!(a, run(3));
        let errors = a.iter().filter(|d| d.error.is_some()).count();
        let hangs = a.iter().filter(|d| d.hang_ms.is_some()).count();
        assert!((1_700..2_300).contains(&errors), "{errors}");
        assert!((800..1_200).contains(&hangs), "{hangs}");
        assert!(
            a.iter()
                .all(|d| !(d.error.is_some() && d.hang_ms.is_some()))
        );
        // Other operations and vendors are untouched.
        let dice = Dice::new(1);
        let d = cfg.decide(Vendor::Tencent, "DescribeTelCdr", &dice);
        assert_eq!((d.error, d.hang_ms, d.latency_ms), (None, None, 0));
    }

    #[test]
    fn bad_rules_are_explained() {
        let cfg: FaultConfig = serde_json::from_value(serde_json::json!({
            "rules": [{"vendor": "aliyun", "error_rate": 1.5}]
        }))
        .unwrap();
        let p = cfg.problems();
        assert!(p.iter().any(|m| m.contains("rules[0].error_rate")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("rules[0].error:")), "{p:?}");
    }
}
