//! Client-side pacing: spread a burst of requests so a vendor's request-rate limit is never hit,
//! instead of sending everything at once and being refused.
//!
//! Pure: the clock is an input. A [`Pacer`] hands out send times (`next_slot(now) → when`); the
//! binding sleeps until `when`. Each slot is a reservation, so many concurrent tasks sharing one
//! pacer (behind a mutex) each get their own time.
//!
//! The rule is a sliding window: at most `requests` slots in *any* half-open window of `per_ms`.
//! That is the strictest reading of "N requests per second" — it holds whether the vendor counts per
//! calendar second or over a sliding second — and still lets a burst of up to `requests` go at once.
//! The pacer remembers the last `requests` slots; slot `k + requests` is never earlier than
//! `slot k + per_ms`.
//!
//! Default limits per vendor ([`VendorLimits::default`]):
//! - Tencent ccc: 20 requests per second per `SdkAppId` — the CreateAICall documentation: "A maximum
//!   of 20 requests can be initiated per second for this API" (same figure on CreateAIAgentCall,
//!   CreateIVRSession). callplane applies it to all ccc actions of one SdkAppId together, the
//!   conservative reading.
//! - Alibaba dyvms: 100 requests per second per AccessKeyId — stated for QueryCallDetailByCallId and
//!   the sibling robot APIs ("单用户调用频率:100 次/秒"); BatchRobotSmartCall's own page states none.
//! - Bland: none by default. Bland documents plan caps in calls per day/hour and concurrent calls,
//!   and an org `org_rate_limit` ("Default: 5", unit unstated), but no request rate; its 429 answers
//!   are retried with backoff instead. Set a limit when the account's is known.

use crate::Vendor;
use crate::issue::{IssueCode, Path, Report};
use std::collections::VecDeque;

/// At most `requests` per `per_ms` milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Requests allowed in any window of `per_ms` (1 ..= [`RateLimit::MAX_REQUESTS`]).
    pub requests: u32,
    /// The window, in ms (1 ..= one day).
    pub per_ms: u64,
}

impl RateLimit {
    /// The pacer keeps one timestamp per allowed request; this bounds its memory (80 KB).
    pub const MAX_REQUESTS: u32 = 10_000;
    /// Longest window: one day (Bland's plan caps are per day).
    pub const MAX_PER_MS: u64 = 86_400_000;
    /// Tencent ccc: 20 per second (CreateAICall: "A maximum of 20 requests can be initiated per
    /// second for this API").
    pub const TENCENT_CCC: RateLimit = RateLimit::per_second(20);
    /// Alibaba dyvms: 100 per second per user (QueryCallDetailByCallId and the robot task APIs).
    pub const ALIYUN_DYVMS: RateLimit = RateLimit::per_second(100);

    /// `requests` per 1,000 ms.
    pub const fn per_second(requests: u32) -> RateLimit {
        RateLimit {
            requests,
            per_ms: 1_000,
        }
    }

    /// Every problem of this limit, reported under `at` (`rate_limit.requests`, ...).
    pub fn validate(&self, at: &Path, report: &mut Report) {
        if self.requests == 0 || self.requests > Self::MAX_REQUESTS {
            report.error(
                IssueCode::OutOfRange,
                at.field("requests"),
                format!(
                    "must be between 1 and {} (got {})",
                    Self::MAX_REQUESTS,
                    self.requests
                ),
            );
        }
        if self.per_ms == 0 || self.per_ms > Self::MAX_PER_MS {
            report.error(
                IssueCode::OutOfRange,
                at.field("per_ms"),
                format!(
                    "must be between 1 and {} ms (got {})",
                    Self::MAX_PER_MS,
                    self.per_ms
                ),
            );
        }
    }
}

/// The request-rate limit callplane applies to each vendor unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VendorLimits;

impl VendorLimits {
    /// The default limit for `vendor` (see the module docs for the sources); `None` = unpaced.
    pub fn default_for(vendor: Vendor) -> Option<RateLimit> {
        match vendor {
            Vendor::Tencent => Some(RateLimit::TENCENT_CCC),
            Vendor::Aliyun => Some(RateLimit::ALIYUN_DYVMS),
            Vendor::Bland => None,
        }
    }

    /// What a vendor's limit is counted per, for choosing one pacer per key: Tencent counts per
    /// `SdkAppId` (read from the request input, `None` when absent or not a number), Alibaba and
    /// Bland per credential (one pacer per client: the key is the empty string).
    pub fn key(vendor: Vendor, input: &serde_json::Value) -> Option<String> {
        match vendor {
            Vendor::Tencent => match input.get("SdkAppId") {
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                // A string SdkAppId fails validation later; pace it under its text meanwhile.
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                _ => None,
            },
            Vendor::Aliyun | Vendor::Bland => Some(String::new()),
        }
    }
}

/// Hands out send times under one [`RateLimit`]. Slots never decrease, even if `now` does.
#[derive(Debug, Clone)]
pub struct Pacer {
    limit: RateLimit,
    /// The last `limit.requests` slots, oldest first.
    recent: VecDeque<i64>,
}

impl Pacer {
    /// A pacer with no history. `limit` should pass [`RateLimit::validate`]; a zero is treated as 1
    /// so the pacer can never divide by or wait on nothing.
    pub fn new(limit: RateLimit) -> Self {
        let limit = RateLimit {
            requests: limit.requests.clamp(1, RateLimit::MAX_REQUESTS),
            per_ms: limit.per_ms.max(1),
        };
        Pacer {
            limit,
            recent: VecDeque::with_capacity(limit.requests.min(64) as usize),
        }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Reserve the earliest slot at or after `now_ms` (any monotonic ms clock) and return it.
    pub fn next_slot(&mut self, now_ms: i64) -> i64 {
        let mut slot = now_ms;
        if let Some(&last) = self.recent.back() {
            slot = slot.max(last);
        }
        if self.recent.len() >= self.limit.requests as usize
            && let Some(&oldest) = self.recent.front()
        {
            let per = i64::try_from(self.limit.per_ms).unwrap_or(i64::MAX);
            slot = slot.max(oldest.saturating_add(per));
        }
        self.recent.push_back(slot);
        while self.recent.len() > self.limit.requests as usize {
            self.recent.pop_front();
        }
        slot
    }
}

#[cfg(test)]
#[path = "pacing_tests.rs"]
mod tests;
