//! Retry decisions: which failures may be sent again, and after how long.
//!
//! Pure: the caller passes the failed attempt's error, its number and a random value; nothing here
//! sleeps, reads a clock or draws random numbers, so the same logic serves Node, the browser and
//! the tests.
//!
//! - Only [`RetryClass::Retryable`] failures are retried. [`RetryClass::Ambiguous`] (a call-creating
//!   request that may have reached the vendor) and [`RetryClass::Final`] never are, whatever the
//!   budget: a blind retry of an ambiguous request can dial someone twice.
//! - The delay is exponential backoff with *full jitter*, `random(0, min(cap, base·2^attempt))`
//!   (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015: full jitter spreads a
//!   thundering herd of clients best), with the vendor's `retry_after_ms` as a floor (Bland asks
//!   for 10 s between two calls to the same number; Tencent's per-caller frequency limits for 60 s).

use crate::Error;
use crate::issue::{IssueCode, Path, Report};
use crate::vendor_error::RetryClass;

/// How many times to retry and how long to wait. `attempt` numbers count from 0 (the first send).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying; at most [`RetryPolicy::MAX_RETRIES`]).
    pub max_retries: u32,
    /// The backoff bound of the first retry, in ms; it doubles per attempt.
    pub base_ms: u64,
    /// The largest backoff bound, in ms (a vendor's `retry_after_ms` may still ask for longer).
    pub cap_ms: u64,
}

impl Default for RetryPolicy {
    /// 3 retries, bounds 250 ms, 500 ms, 1 s: enough to ride out a throttling burst or a 5xx blip
    /// without holding a caller for long.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_ms: 250,
            cap_ms: 20_000,
        }
    }
}

impl RetryPolicy {
    /// More retries than this is a loop, not a policy.
    pub const MAX_RETRIES: u32 = 100;
    /// Longest accepted `cap_ms` (one hour): a longer wait belongs in a job queue.
    pub const MAX_CAP_MS: u64 = 3_600_000;

    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Every problem of this policy, reported under `at` (`retries.max`, `retries.cap_ms`, ...).
    /// Field names are the ones `serde` reads.
    pub fn validate(&self, at: &Path, report: &mut Report) {
        if self.max_retries > Self::MAX_RETRIES {
            report.error(
                IssueCode::OutOfRange,
                at.field("max_retries"),
                format!(
                    "at most {} retries (got {})",
                    Self::MAX_RETRIES,
                    self.max_retries
                ),
            );
        }
        if self.cap_ms > Self::MAX_CAP_MS {
            report.error(
                IssueCode::OutOfRange,
                at.field("cap_ms"),
                format!("at most {} ms (got {})", Self::MAX_CAP_MS, self.cap_ms),
            );
        }
        if self.base_ms > self.cap_ms {
            report.error(
                IssueCode::Conflict,
                at.field("base_ms"),
                format!(
                    "must not exceed cap_ms ({} > {})",
                    self.base_ms, self.cap_ms
                ),
            );
        }
    }

    /// The full-jitter bound of `attempt`: `min(cap, base·2^attempt)`, saturating.
    pub fn bound_ms(&self, attempt: u32) -> u64 {
        let factor = 1u64.checked_shl(attempt).unwrap_or(u64::MAX);
        self.base_ms.saturating_mul(factor).min(self.cap_ms)
    }
}

/// A value in `[0, bound]` from a uniformly random `u64`, without modulo bias worth speaking of
/// (Lemire's multiply-shift).
fn scale(random: u64, bound: u64) -> u64 {
    let span = u128::from(bound) + 1;
    // (random · span) >> 64 < span ≤ u64::MAX + 1, so the result fits.
    ((u128::from(random) * span) >> 64) as u64
}

/// Full-jitter backoff before retrying after attempt `attempt` failed: uniform in
/// `[0, min(cap, base·2^attempt)]`, `random` being a uniformly random `u64`.
pub fn backoff_ms(policy: &RetryPolicy, attempt: u32, random: u64) -> u64 {
    scale(random, policy.bound_ms(attempt))
}

/// The delay before retrying `error`: full-jitter backoff, never less than the vendor's
/// `retry_after_ms`.
pub fn delay_ms(error: &Error, policy: &RetryPolicy, attempt: u32, random: u64) -> u64 {
    let jitter = backoff_ms(policy, attempt, random);
    match retry_after_ms(error) {
        Some(floor) => jitter.max(floor),
        None => jitter,
    }
}

/// The earliest retry the vendor asked for, if any.
pub fn retry_after_ms(error: &Error) -> Option<u64> {
    match error {
        Error::Vendor(v) => v.retry_after_ms,
        _ => None,
    }
}

/// True when attempt `attempt` (0 = the first send) failed with `error` and another attempt may be
/// made: the error is [`RetryClass::Retryable`] and the budget is not spent.
pub fn should_retry(error: &Error, attempt: u32, policy: &RetryPolicy) -> bool {
    error.retry_class() == Some(RetryClass::Retryable) && attempt < policy.max_retries
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send again (re-built and re-signed) after this many ms.
    Retry { delay_ms: u64 },
    /// Give up and report the error.
    Stop(StopReason),
}

/// Why a failure is not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The error's class forbids it: `final`, `ambiguous`, or none (found before sending).
    NotRetryable(Option<RetryClass>),
    /// The error is retryable but the policy's retries are spent.
    Exhausted,
}

/// [`should_retry`] and [`delay_ms`] in one answer.
pub fn decide(error: &Error, attempt: u32, policy: &RetryPolicy, random: u64) -> RetryDecision {
    match error.retry_class() {
        Some(RetryClass::Retryable) if attempt < policy.max_retries => RetryDecision::Retry {
            delay_ms: delay_ms(error, policy, attempt, random),
        },
        Some(RetryClass::Retryable) => RetryDecision::Stop(StopReason::Exhausted),
        other => RetryDecision::Stop(StopReason::NotRetryable(other)),
    }
}

#[cfg(test)]
#[path = "retry_tests.rs"]
mod tests;
