//! How a call ended: `EndStatus` / `EndStatusString` of TelCdrInfo (DescribeTelCdr),
//! DescribeSessionDetail and the CDR push, and its mapping to callplane's unified outcome.
//!
//! Codes: "Status Code Explanation for Call", https://www.tencentcloud.com/document/product/1229/71847
//! (2025-09) and the TelCdrInfo field docs in the official SDKs (tencentcloud-sdk-dotnet
//! `Ccc/V20200210/Models/TelCdrInfo.cs`), whose older text adds 0 error, 2 unconnected,
//! 101 seatForward and 201 unknown. Each code's unified outcome is chosen below with its reason.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The unified outcome; Tencent code historically called it `Outcome`.
pub use crate::outcome::CallOutcome as Outcome;

macro_rules! end_statuses {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, $outcome:ident, $why:literal;)*) => {
        /// `EndStatus` with its `EndStatusString`. Codes Tencent adds later read as
        /// [`EndStatus::Other`], never as an error.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EndStatus {
            $($(#[$doc])* $variant,)*
            /// A code this version does not know.
            Other(i64),
        }

        impl EndStatus {
            /// Every known status, in code order.
            pub const ALL: &'static [EndStatus] = &[$(EndStatus::$variant,)*];

            /// The numeric `EndStatus`.
            pub fn code(self) -> i64 {
                match self { $(EndStatus::$variant => $code,)* EndStatus::Other(c) => c }
            }

            /// From the numeric `EndStatus`.
            pub fn from_code(code: i64) -> Self {
                match code { $($code => EndStatus::$variant,)* c => EndStatus::Other(c) }
            }

            /// The `EndStatusString` (`notAnswer`); `None` for unknown codes.
            pub fn as_str(self) -> Option<&'static str> {
                match self { $(EndStatus::$variant => Some($name),)* EndStatus::Other(_) => None }
            }

            /// From the `EndStatusString`; `None` for strings this version does not know.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($name => Some(EndStatus::$variant),)* _ => None }
            }

            /// The unified outcome.
            pub fn outcome(self) -> Outcome {
                match self { $(EndStatus::$variant => Outcome::$outcome,)* EndStatus::Other(_) => Outcome::Unknown }
            }

            /// Why this code maps to its outcome (for docs and dashboards).
            pub fn outcome_reason(self) -> &'static str {
                match self { $(EndStatus::$variant => $why,)* EndStatus::Other(_) => "code not documented when callplane was built" }
            }
        }
    };
}

end_statuses! {
    /// 0 error (older SDK text).
    Error = 0, "error", Failed, "the platform reports an error";
    /// 1 ok: normal call.
    Ok = 1, "ok", Completed, "connected and ended normally";
    /// 2 unconnected (older SDK text).
    Unconnected = 2, "unconnected", NoAnswer, "never connected and no cause given; retrying later is the sensible default";
    /// 17 seatGiveUp: an agent did not pick up in time and the call moved to another agent.
    SeatGiveUp = 17, "seatGiveUp", NoAnswer, "the agent leg was not answered";
    /// 100 blackList (inbound): the number is on the blocklist.
    BlackList = 100, "blackList", Failed, "blocked by the blocklist";
    /// 101 seatForward (older SDK text): transferred by the agent.
    SeatForward = 101, "seatForward", Completed, "connected, then transferred";
    /// 102 ivrGiveUp (inbound): the caller hung up during the IVR.
    IvrGiveUp = 102, "ivrGiveUp", Canceled, "the caller gave up";
    /// 103 waitingGiveUp (inbound): the caller hung up while queueing.
    WaitingGiveUp = 103, "waitingGiveUp", Canceled, "the caller gave up";
    /// 104 ringingGiveUp (inbound): the caller hung up while an agent's phone rang.
    RingingGiveUp = 104, "ringingGiveUp", Canceled, "the caller gave up";
    /// 105 noSeatOnline (inbound).
    NoSeatOnline = 105, "noSeatOnline", Failed, "nobody could take the call";
    /// 106 notWorkTime (inbound).
    NotWorkTime = 106, "notWorkTime", Failed, "outside working hours";
    /// 107 ivrEnd (inbound): ended in the IVR without an agent.
    IvrEnd = 107, "ivrEnd", Completed, "the IVR flow finished normally";
    /// 108 restrictedCallee: carrier-flagged risky callee (system side).
    RestrictedCallee = 108, "restrictedCallee", Failed, "blocked before dialling";
    /// 109 tooManyRequest: outbound frequency control (system side).
    TooManyRequest = 109, "tooManyRequest", Failed, "blocked by frequency control before dialling";
    /// 110 restrictedArea: callee in a blocked area (system side).
    RestrictedArea = 110, "restrictedArea", Failed, "blocked before dialling";
    /// 111 restrictedTime: outside allowed calling hours (system side).
    RestrictedTime = 111, "restrictedTime", Failed, "blocked before dialling";
    /// 201 unknown (older SDK text).
    UnknownStatus = 201, "unknown", Unknown, "the platform does not know";
    /// 202 notAnswer: the callee did not answer.
    NotAnswer = 202, "notAnswer", NoAnswer, "rang without an answer";
    /// 203 userReject: the callee rejected the call.
    UserReject = 203, "userReject", Busy, "the callee declined; carriers signal it like busy and the retry policy is the same";
    /// 204 powerOff: the callee's phone is off.
    PowerOff = 204, "powerOff", NoAnswer, "unreachable for now; may succeed later";
    /// 205 numberNotExist: no such number.
    NumberNotExist = 205, "numberNotExist", Failed, "the number does not exist";
    /// 206 busy.
    Busy = 206, "busy", Busy, "the line was busy";
    /// 207 outOfCredit: the callee's line is suspended for arrears.
    OutOfCredit = 207, "outOfCredit", Failed, "the callee's line is suspended";
    /// 208 operatorError: carrier line error.
    OperatorError = 208, "operatorError", Failed, "carrier error";
    /// 209 callerCancel: the calling side cancelled.
    CallerCancel = 209, "callerCancel", Canceled, "cancelled by the calling side";
    /// 210 notInService: the callee is out of the service area.
    NotInService = 210, "notInService", NoAnswer, "out of coverage for now; may succeed later";
    /// 211 clientError: agent-side device or network problem.
    ClientError = 211, "clientError", Failed, "client-side error";
    /// 212 carrierBlocked: carrier blocklist.
    CarrierBlocked = 212, "carrierBlocked", Failed, "blocked by the carrier";
    /// 213 callReminder: the carrier's missed-call reminder answered (phone off or unreachable).
    CallReminder = 213, "callReminder", NoAnswer, "the person was unreachable; a carrier service took the call";
    /// 215 numberInvalid: the called number is invalid.
    NumberInvalid = 215, "numberInvalid", Failed, "the number is invalid";
    /// 216 callRestricted.
    CallRestricted = 216, "callRestricted", Failed, "the call was restricted";
    /// 217 calleeRestricted: the callee is on a restriction list.
    CalleeRestricted = 217, "calleeRestricted", Failed, "the callee is restricted";
    /// 218 areaRestricted: the callee's area is restricted.
    AreaRestricted = 218, "areaRestricted", Failed, "the callee's area is restricted";
    /// 219 promptCallForwarding: a call-forwarding announcement answered.
    PromptCallForwarding = 219, "promptCallForwarding", NoAnswer, "an announcement answered, not the person";
    /// 220 callerCancelWhileRing: cancelled while ringing. With MaxRingTimeoutSecond this is also
    /// how a ring timeout ends; the CDR does not distinguish the two.
    CallerCancelWhileRing = 220, "callerCancelWhileRing", Canceled, "cancelled by the calling side while ringing";
    /// 221 callerCancelWithoutRing: cancelled before it rang.
    CallerCancelWithoutRing = 221, "callerCancelWithoutRing", Canceled, "cancelled by the calling side before ringing";
    /// 222 voiceMailReached.
    VoiceMailReached = 222, "voiceMailReached", Voicemail, "reached voicemail";
    /// 501 callConflict (VoIP).
    CallConflict = 501, "callConflict", Failed, "VoIP call conflict";
    /// 502 clientTimeout (VoIP).
    ClientTimeout = 502, "clientTimeout", Failed, "VoIP client timed out";
    /// 503 voipClientError (VoIP).
    VoipClientError = 503, "voipClientError", Failed, "VoIP client error";
}

impl EndStatus {
    /// Resolve a CDR's pair: the numeric code when present, else the string.
    pub fn resolve(code: Option<i64>, name: Option<&str>) -> Option<Self> {
        match (code, name) {
            (Some(c), _) => Some(EndStatus::from_code(c)),
            (None, Some(n)) => EndStatus::from_name(n),
            (None, None) => None,
        }
    }
}

impl fmt::Display for EndStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => write!(f, "{} {s}", self.code()),
            None => write!(f, "{}", self.code()),
        }
    }
}

impl Serialize for EndStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for EndStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(EndStatus::from_code)
    }
}

/// Live `SessionStatus` of DescribeTelSession: ringing | seatJoining | inProgress | finished.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SessionStatus {
    /// The callee's phone is ringing.
    Ringing,
    /// Waiting for an agent (seat) to join.
    SeatJoining,
    /// Connected.
    InProgress,
    /// Ended; read the outcome from DescribeTelCdr / DescribeSessionDetail.
    Finished,
    /// A value this version does not know, kept verbatim.
    Other(String),
}

impl SessionStatus {
    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            SessionStatus::Ringing => "ringing",
            SessionStatus::SeatJoining => "seatJoining",
            SessionStatus::InProgress => "inProgress",
            SessionStatus::Finished => "finished",
            SessionStatus::Other(s) => s,
        }
    }
    /// From the wire string.
    pub fn parse(s: &str) -> Self {
        match s {
            "ringing" => SessionStatus::Ringing,
            "seatJoining" => SessionStatus::SeatJoining,
            "inProgress" => SessionStatus::InProgress,
            "finished" => SessionStatus::Finished,
            other => SessionStatus::Other(other.to_owned()),
        }
    }
    /// True once the call has ended.
    pub fn is_terminal(&self) -> bool {
        matches!(self, SessionStatus::Finished)
    }
}

impl Serialize for SessionStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SessionStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| SessionStatus::parse(&s))
    }
}
