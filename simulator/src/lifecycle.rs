//! A call's state at any simulated instant, as a pure function of its [`Plan`], creation time and an
//! optional cancellation. Nothing is stored per phase, so a million calls cost only their plans.

use crate::outcome::{Outcome, Plan};
use serde::{Deserialize, Serialize};

/// The unified call status (the same set callplane's `CallRecord` uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Queued,
    Ringing,
    InProgress,
    Completed,
    NoAnswer,
    Busy,
    Failed,
    Voicemail,
    Canceled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Ringing => "ringing",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::NoAnswer => "no_answer",
            Status::Busy => "busy",
            Status::Failed => "failed",
            Status::Voicemail => "voicemail",
            Status::Canceled => "canceled",
        }
    }
    pub fn is_terminal(self) -> bool {
        !matches!(self, Status::Queued | Status::Ringing | Status::InProgress)
    }
    pub fn parse(s: &str) -> Option<Status> {
        ALL_STATUSES.iter().copied().find(|x| x.as_str() == s)
    }
}

pub const ALL_STATUSES: [Status; 9] = [
    Status::Queued,
    Status::Ringing,
    Status::InProgress,
    Status::Completed,
    Status::NoAnswer,
    Status::Busy,
    Status::Failed,
    Status::Voicemail,
    Status::Canceled,
];

/// Where a call stands at one instant, with the timestamps known by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub status: Status,
    pub created_ms: i64,
    /// Dialing started (ringing).
    pub dial_ms: Option<i64>,
    pub answered_ms: Option<i64>,
    pub ended_ms: Option<i64>,
}

impl Snapshot {
    /// Talk time in ms (0 unless answered).
    pub fn talk_ms(&self) -> i64 {
        match (self.answered_ms, self.ended_ms) {
            (Some(a), Some(e)) => (e - a).max(0),
            _ => 0,
        }
    }
    /// From dialing to hang-up (what most vendors bill or report as duration).
    pub fn call_ms(&self) -> i64 {
        match (self.dial_ms, self.ended_ms) {
            (Some(d), Some(e)) => (e - d).max(0),
            _ => 0,
        }
    }
}

/// When each phase would begin if nobody cancels.
fn schedule(plan: &Plan, created_ms: i64) -> (i64, Option<i64>, i64) {
    let dial = created_ms + i64::from(plan.queue_ms);
    let ring_end = dial + i64::from(plan.ring_ms);
    match plan.outcome {
        Outcome::Completed | Outcome::Voicemail => {
            (dial, Some(ring_end), ring_end + i64::from(plan.talk_ms))
        }
        Outcome::NoAnswer | Outcome::Busy | Outcome::Failed => (dial, None, ring_end),
    }
}

/// The call's state at `now_ms`.
pub fn snapshot(plan: &Plan, created_ms: i64, canceled_ms: Option<i64>, now_ms: i64) -> Snapshot {
    let (dial, answer, end) = schedule(plan, created_ms);
    // A cancellation only matters if it came before the natural end.
    let cancel = canceled_ms.filter(|c| *c < end && *c <= now_ms);
    if let Some(c) = cancel {
        return Snapshot {
            status: Status::Canceled,
            created_ms,
            dial_ms: (dial <= c).then_some(dial),
            answered_ms: answer.filter(|a| *a <= c),
            ended_ms: Some(c),
        };
    }
    let status = if now_ms < dial {
        Status::Queued
    } else if now_ms >= end {
        match plan.outcome {
            Outcome::Completed => Status::Completed,
            Outcome::NoAnswer => Status::NoAnswer,
            Outcome::Busy => Status::Busy,
            Outcome::Failed => Status::Failed,
            Outcome::Voicemail => Status::Voicemail,
        }
    } else if answer.is_some_and(|a| now_ms >= a) {
        Status::InProgress
    } else {
        Status::Ringing
    };
    Snapshot {
        status,
        created_ms,
        dial_ms: (now_ms >= dial).then_some(dial),
        answered_ms: answer.filter(|a| now_ms >= *a),
        ended_ms: (now_ms >= end).then_some(end),
    }
}

/// The simulated instant at which the call reaches its terminal state (cancellation aside).
pub fn natural_end_ms(plan: &Plan, created_ms: i64) -> i64 {
    schedule(plan, created_ms).2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(outcome: Outcome) -> Plan {
        Plan {
            outcome,
            queue_ms: 1_000,
            ring_ms: 5_000,
            talk_ms: 30_000,
            fail_reason: None,
            early_hangup: false,
        }
    }

    #[test]
    fn completed_call_walks_every_phase() {
        let plan = p(Outcome::Completed);
        let at = |t| snapshot(&plan, 0, None, t).status;
        assert_eq!(at(0), Status::Queued);
        assert_eq!(at(999), Status::Queued);
        assert_eq!(at(1_000), Status::Ringing);
        assert_eq!(at(5_999), Status::Ringing);
        assert_eq!(at(6_000), Status::InProgress);
        assert_eq!(at(35_999), Status::InProgress);
        assert_eq!(at(36_000), Status::Completed);
        let s = snapshot(&plan, 0, None, 100_000);
        assert_eq!(
            (s.dial_ms, s.answered_ms, s.ended_ms),
            (Some(1_000), Some(6_000), Some(36_000))
        );
        assert_eq!(s.talk_ms(), 30_000);
        assert_eq!(s.call_ms(), 35_000);
    }

    #[test]
    fn unanswered_outcomes_never_pass_through_in_progress() {
        for o in [Outcome::NoAnswer, Outcome::Busy, Outcome::Failed] {
            let plan = p(o);
            for t in (0..10_000).step_by(250) {
                assert_ne!(
                    snapshot(&plan, 0, None, t).status,
                    Status::InProgress,
                    "{o:?} at {t}"
                );
            }
            let end = snapshot(&plan, 0, None, 10_000);
            assert!(end.status.is_terminal());
            assert_eq!(end.answered_ms, None);
            assert_eq!(end.talk_ms(), 0);
        }
    }

    #[test]
    fn cancellation_before_the_end_wins_and_after_it_is_ignored() {
        let plan = p(Outcome::Completed);
        let s = snapshot(&plan, 0, Some(10_000), 50_000);
        assert_eq!(s.status, Status::Canceled);
        assert_eq!(s.ended_ms, Some(10_000));
        assert_eq!(s.answered_ms, Some(6_000));
        // Before the cancel instant the call is still live.
        assert_eq!(
            snapshot(&plan, 0, Some(10_000), 8_000).status,
            Status::InProgress
        );
        // A stop after the call already ended changes nothing.
        assert_eq!(
            snapshot(&plan, 0, Some(40_000), 50_000).status,
            Status::Completed
        );
    }
}
