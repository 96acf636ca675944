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
///
/// Two ways to use it:
/// - [`Pacer::next_slot`]: spacing by *send* time, for planning (a schedule of send times).
/// - [`Pacer::reserve`] + [`Pacer::complete`]: spacing by *answer* time, for live sending. The
///   vendor counts a request when it arrives, somewhere between our send and its answer; spacing
///   sends alone lets a slow request followed by fast ones land `requests + 1` arrivals in one
///   window (observed against the simulator's sliding second: 21 Tencent arrivals). Holding
///   request `k + requests` until `per_ms` after the *answer* to request `k` makes that impossible
///   whatever the latency, at the cost of one round trip per window (≈ 0.2 % at 20/s on loopback).
#[derive(Debug, Clone)]
pub struct Pacer {
    limit: RateLimit,
    /// The last `limit.requests` reservations, oldest first.
    recent: VecDeque<Entry>,
    next_id: u64,
}

/// One reservation: its slot and, once known, when its answer came (`None`: still in flight).
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: u64,
    at: i64,
    done: Option<i64>,
}

/// What [`Pacer::reserve`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Send at `at` (≥ now); report the answer with [`Pacer::complete`]`(id, ..)`.
    Ready {
        /// Ticket for [`Pacer::complete`].
        id: u64,
        /// The send time.
        at: i64,
    },
    /// The window is full of requests still in flight: ask again after any of them completes.
    Blocked,
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
            next_id: 0,
        }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Reserve the earliest slot at or after `now_ms` (any monotonic ms clock) and return it,
    /// spacing by send time: slot `k + requests` is never earlier than slot `k + per_ms`.
    pub fn next_slot(&mut self, now_ms: i64) -> i64 {
        let slot = self.earliest(now_ms, |e| e.at);
        self.push(slot, Some(slot));
        slot
    }

    /// Reserve a slot spaced by *answer* time (see the type docs): slot `k + requests` is never
    /// earlier than `per_ms` after request `k`'s answer ([`Pacer::complete`]). `Blocked` when that
    /// answer has not come yet.
    pub fn reserve(&mut self, now_ms: i64) -> Reservation {
        if self.recent.len() >= self.limit.requests as usize
            && self.recent.front().is_some_and(|e| e.done.is_none())
        {
            return Reservation::Blocked;
        }
        let at = self.earliest(now_ms, |e| e.done.map_or(e.at, |d| d.max(e.at)));
        let id = self.push(at, None);
        Reservation::Ready { id, at }
    }

    /// Record that reservation `id`'s answer (or failure) came at `done_ms`. Unknown or already
    /// forgotten ids are ignored: an entry leaves the window only once it no longer matters.
    pub fn complete(&mut self, id: u64, done_ms: i64) {
        if let Some(e) = self.recent.iter_mut().find(|e| e.id == id) {
            e.done = Some(done_ms.max(e.at));
        }
    }

    /// The earliest slot at or after `now_ms`, given when each remembered request counts.
    fn earliest(&self, now_ms: i64, counts_at: impl Fn(&Entry) -> i64) -> i64 {
        let mut slot = now_ms;
        if let Some(last) = self.recent.back() {
            slot = slot.max(last.at);
        }
        if self.recent.len() >= self.limit.requests as usize
            && let Some(oldest) = self.recent.front()
        {
            let per = i64::try_from(self.limit.per_ms).unwrap_or(i64::MAX);
            slot = slot.max(counts_at(oldest).saturating_add(per));
        }
        slot
    }

    fn push(&mut self, at: i64, done: Option<i64>) -> u64 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        self.recent.push_back(Entry { id, at, done });
        while self.recent.len() > self.limit.requests as usize {
            self.recent.pop_front();
        }
        id
    }
}

#[cfg(test)]
#[path = "pacing_tests.rs"]
mod tests;
