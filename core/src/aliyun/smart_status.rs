//! `smart_status_code`: the newer, named call results in Alibaba's call receipts
//! (help.aliyun.com/zh/vms/developer-reference/smart-status-code, VENDORS.md §2.7).

use super::status::CallOutcome;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! smart_kinds {
    ($($(#[$meta:meta])* $variant:ident => [$($code:literal),+],)*) => {
        /// What a documented `smart_status_code` means.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum SmartStatusKind {
            $($(#[$meta])* $variant,)*
            /// Not a documented value.
            Unrecognised,
        }

        impl SmartStatusKind {
            /// Every documented kind.
            pub const ALL: &'static [SmartStatusKind] = &[$(SmartStatusKind::$variant,)*];

            /// `"USER_BUSY"` → `UserBusy`. Case-sensitive, as the vendor sends upper case.
            pub fn from_code(code: &str) -> SmartStatusKind {
                match code.trim() {
                    $($($code)|+ => SmartStatusKind::$variant,)*
                    _ => SmartStatusKind::Unrecognised,
                }
            }

            /// The documented spellings of this kind.
            pub fn codes(self) -> &'static [&'static str] {
                match self {
                    $(SmartStatusKind::$variant => &[$($code),+],)*
                    SmartStatusKind::Unrecognised => &[],
                }
            }
        }
    };
}

smart_kinds! {
    /// The callee answered.
    Answered => ["ANSWERED"],
    /// The call was cancelled before it connected.
    Cancel => ["CANCEL"],
    /// The callee declined.
    CallRejected => ["CALL_REJECTED"],
    /// The callee's line forwarded the call elsewhere.
    CallForwarding => ["CALL_FORWARDING"],
    /// The callee's line bars incoming calls.
    IncomingCallBarred => ["INCOMING_CALL_BARRED"],
    /// The number does not exist.
    InvalidNumber => ["INVALID_NUMBER"],
    /// It rang; nobody answered.
    NoAnswer => ["NO_ANSWER"],
    /// The callee's handset did not respond.
    NoUserResponding => ["NO_USER_RESPONDING"],
    /// Network congestion.
    NetworkBusy => ["NETWORK_BUSY"],
    /// The carrier blocked the call.
    OperatorBlock => ["OPERATOR_BLOCK"],
    /// Powered off.
    PoweredOff => ["POWERED_OFF"],
    /// The number is suspended.
    Suspend => ["SUSPEND"],
    /// The callee's line is busy.
    UserBusy => ["USER_BUSY"],
    /// Temporarily unavailable (out of coverage).
    Unavailable => ["UNAVAILABLE"],
    /// Anything else; the docs spell it both `OTHER` and `OTHERS`.
    Other => ["OTHER", "OTHERS"],
}

impl SmartStatusKind {
    /// The unified outcome. Every smart status is final (receipts are sent after the call).
    ///
    /// Mapping choices, consistent with [`super::status::CallStatusKind::outcome`]:
    /// declined → `busy`; powered off, unavailable, no answer, no response → `no_answer`
    /// (transient); barred, invalid, suspended, carrier block and network congestion → `failed`;
    /// `CANCEL` → `canceled`. `CALL_FORWARDING` → `voicemail`: the call left the callee's
    /// handset, and on mainland networks unconditional/no-reply forwarding usually ends at the
    /// carrier's secretary/voicemail service, so the robot did not speak to the callee. This is a
    /// judgement call (the doc gives no detail); the raw value is kept for callers who disagree.
    /// `OTHER(S)` and undocumented values → `unknown`.
    pub fn outcome(self) -> CallOutcome {
        use CallOutcome as O;
        use SmartStatusKind as K;
        match self {
            K::Answered => O::Completed,
            K::Cancel => O::Canceled,
            K::CallRejected | K::UserBusy => O::Busy,
            K::NoAnswer | K::NoUserResponding | K::PoweredOff | K::Unavailable => O::NoAnswer,
            K::IncomingCallBarred
            | K::InvalidNumber
            | K::NetworkBusy
            | K::OperatorBlock
            | K::Suspend => O::Failed,
            K::CallForwarding => O::Voicemail,
            K::Other | K::Unrecognised => O::Unknown,
        }
    }
}

/// A raw `smart_status_code` exactly as received, with its typed meaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmartStatusCode(String);

impl SmartStatusCode {
    /// Wrap a raw value.
    pub fn new(raw: impl Into<String>) -> Self {
        SmartStatusCode(raw.into())
    }
    /// The value as received.
    pub fn raw(&self) -> &str {
        &self.0
    }
    /// The documented meaning.
    pub fn kind(&self) -> SmartStatusKind {
        SmartStatusKind::from_code(&self.0)
    }
    /// The unified outcome.
    pub fn outcome(&self) -> CallOutcome {
        self.kind().outcome()
    }
}

impl fmt::Display for SmartStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SmartStatusCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SmartStatusCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SmartStatusCode)
    }
}
