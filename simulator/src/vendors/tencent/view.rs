//! How a simulated call looks through Tencent's eyes, derived on read from its plan and the
//! instant asked about: `SessionStatus`, `EndStatus`/`EndStatusString`, `HungUpSide`, numbers in
//! the `0086…` form of the records, Unix-second timestamps. The output types are the core's own
//! models, so what the simulator writes is what callplane reads.

use super::facts::Facts;
use crate::lifecycle::{Snapshot, Status};
use crate::outcome::FailReason;
use crate::state::SimCall;
use callplane_core::Vendor;
use callplane_core::phone;
use callplane_core::tencent::end_status::{EndStatus, SessionStatus};
use callplane_core::tencent::lookups::{
    DescribeSessionDetailOutput, HungUpSide, PstnSession, TelCdrInfo,
};
use serde_json::Value;
use std::cell::OnceCell;

/// Recordings are not served; the reserved `.invalid` domain (RFC 2606) makes that plain.
pub const RECORDING_BASE: &str = "https://ccc-recordings.callplane-sim.invalid";

/// A call as one request reads it: the call, its creating request, and the instant.
pub struct Seen<'a> {
    pub call: &'a SimCall,
    /// The creating request as stored: whole while the call is live, compacted once it has ended.
    stored: &'a Value,
    facts: OnceCell<Facts>,
    pub snap: Snapshot,
    pub now_ms: i64,
}

impl<'a> Seen<'a> {
    /// `call` (created by the stored request `stored`) at simulated instant `now_ms`.
    pub fn new(call: &'a SimCall, stored: &'a Value, now_ms: i64) -> Self {
        Seen {
            call,
            stored,
            facts: OnceCell::new(),
            snap: call.snapshot(now_ms),
            now_ms,
        }
    }

    /// What the lookups read of the request, whichever form is stored (read once, on first use:
    /// a DescribeTelCdr scan builds a `Seen` for every call and reads facts for one page only).
    pub fn facts(&self) -> &Facts {
        self.facts.get_or_init(|| Facts::of(self.stored))
    }

    /// Live status. Between the answer and the AI joining (the first second) the session is
    /// `seatJoining`: for an AI call the "seat" is the agent.
    pub fn session_status(&self) -> SessionStatus {
        let s = &self.snap;
        match s.status {
            Status::Queued | Status::Ringing => SessionStatus::Ringing,
            Status::InProgress if s.answered_ms.is_some_and(|a| self.now_ms < a + 1_000) => {
                SessionStatus::SeatJoining
            }
            Status::InProgress => SessionStatus::InProgress,
            _ => SessionStatus::Finished,
        }
    }

    /// How the call ended, once it has (VENDORS.md §3.3 EndStatus table).
    pub fn end_status(&self) -> Option<EndStatus> {
        let s = &self.snap;
        Some(match s.status {
            Status::Queued | Status::Ringing | Status::InProgress => return None,
            Status::Completed => EndStatus::Ok,
            Status::NoAnswer if self.call.plan.fail_reason == Some(FailReason::PoweredOff) => {
                EndStatus::PowerOff
            }
            Status::NoAnswer => EndStatus::NotAnswer,
            Status::Busy => EndStatus::Busy,
            Status::Voicemail => EndStatus::VoiceMailReached,
            // Codes the core reads as `failed` (204 powerOff reads as no answer).
            Status::Failed => match self.call.plan.fail_reason {
                Some(FailReason::InvalidNumber) => EndStatus::NumberInvalid,
                Some(FailReason::Unreachable | FailReason::PoweredOff) | None => {
                    EndStatus::NumberNotExist
                }
            },
            // HangUpCall: before dialling, while ringing, or after the answer.
            Status::Canceled if s.dial_ms.is_none() => EndStatus::CallerCancelWithoutRing,
            Status::Canceled if s.answered_ms.is_none() => EndStatus::CallerCancelWhileRing,
            Status::Canceled => EndStatus::CallerCancel,
        })
    }

    /// Who hung up: the callee after an early hang-up; otherwise the platform when the AI may end
    /// the call itself (`EndFunctionEnable`), the callee when it may not; the platform for every
    /// call that was never a conversation and for HangUpCall.
    pub fn hung_up_side(&self) -> Option<HungUpSide> {
        Some(match self.snap.status {
            Status::Queued | Status::Ringing | Status::InProgress => return None,
            Status::Completed if self.call.plan.early_hangup => HungUpSide::User,
            Status::Completed if self.facts().end_function => HungUpSide::System,
            Status::Completed => HungUpSide::User,
            _ => HungUpSide::System,
        })
    }

    /// The callee (or a mailbox) picked up.
    pub fn answered(&self) -> bool {
        self.snap.answered_ms.is_some()
    }

    fn record_url(&self) -> Option<String> {
        (self.answered() && self.snap.ended_ms.is_some())
            .then(|| format!("{RECORDING_BASE}/{}/{}.mp3", self.call.owner, self.call.id))
    }

    /// Talk time in whole seconds, rounded up as carriers bill.
    pub fn duration_s(&self) -> i64 {
        (self.snap.talk_ms() + 999) / 1000
    }

    /// The callee in the `0086…` form.
    pub fn callee(&self) -> String {
        wire(&self.call.to)
    }

    /// The calling number in the `0086…` form.
    pub fn caller(&self) -> Option<String> {
        self.call.from.as_deref().map(wire)
    }

    /// DescribeTelSession's `Session`.
    pub fn session(&self) -> PstnSession {
        let s = &self.snap;
        PstnSession {
            session_id: Some(self.call.id.clone()),
            caller: self.caller(),
            callee: Some(self.callee()),
            start_timestamp: Some(secs(s.created_ms)),
            ring_timestamp: s.dial_ms.map(secs),
            accept_timestamp: s.answered_ms.map(secs),
            session_status: Some(self.session_status()),
            direction: Some(1),
            ..PstnSession::default()
        }
    }

    /// DescribeSessionDetail's fields.
    pub fn detail(&self) -> DescribeSessionDetailOutput {
        let s = &self.snap;
        DescribeSessionDetailOutput {
            caller: self.caller(),
            callee: Some(self.callee()),
            call_type: Some(1),
            start_time_stamp: Some(secs(s.created_ms)),
            queued_timestamp: Some(secs(s.created_ms)),
            ring_timestamp: s.dial_ms.map(secs),
            accept_timestamp: s.answered_ms.map(secs),
            ended_timestamp: s.ended_ms.map(secs),
            end_status: self.end_status(),
            record_url: self.record_url(),
            hung_up_side: self.hung_up_side(),
            ..DescribeSessionDetailOutput::default()
        }
    }

    /// One DescribeTelCdr record.
    pub fn cdr(&self) -> TelCdrInfo {
        let s = &self.snap;
        let end = self.end_status();
        TelCdrInfo {
            caller: self.caller(),
            callee: Some(self.callee()),
            time: Some(secs(s.created_ms)),
            direction: Some(1),
            call_type: Some(1),
            duration: Some(self.duration_s()),
            record_url: self.record_url(),
            end_status: end,
            end_status_string: end.and_then(EndStatus::as_str).map(str::to_owned),
            start_timestamp: Some(secs(s.created_ms)),
            queued_timestamp: Some(secs(s.created_ms)),
            ring_timestamp: s.dial_ms.map(secs),
            accept_timestamp: s.answered_ms.map(secs),
            ended_timestamp: s.ended_ms.map(secs),
            hung_up_side: self.hung_up_side(),
            session_id: Some(self.call.id.clone()),
            asr_status: Some(
                if self.answered() {
                    "Complete"
                } else {
                    "NotExists"
                }
                .to_owned(),
            ),
            ..TelCdrInfo::default()
        }
    }
}

/// Unix seconds.
pub fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

/// The ccc wire form of an E.164 number (`+8613800138000` → `008613800138000`).
pub fn wire(e164: &str) -> String {
    phone::parse_for(Vendor::Tencent, e164)
        .and_then(|n| phone::to_wire(Vendor::Tencent, &n))
        .unwrap_or_else(|_| e164.to_owned())
}

/// A number as a request gives it (`0086…`, `+86…`, national) in E.164, when it parses.
pub fn e164(any: &str) -> Option<String> {
    phone::parse_for(Vendor::Tencent, any)
        .ok()
        .map(|n| n.e164().to_owned())
}
