//! Call status codes (`state` / `statusCode` in call details and receipts, VENDORS.md §2.7) and
//! their mapping onto callplane's unified outcome.
//!
//! Sources: the carrier-receipt code page
//! (help.aliyun.com/zh/vms/developer-reference/operators-receipt-error-code, formerly
//! document_detail/55085.html) and the call-status-code page (intermediate and early-media codes).
//! The raw code is always kept: new codes appear without notice, and a dashboard may want the
//! vendor's exact value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub use crate::outcome::CallOutcome;

macro_rules! call_status_kinds {
    ($($(#[$meta:meta])* $variant:ident => [$($code:literal),+],)*) => {
        /// What a documented call status code means. `Unrecognised` covers codes not in the docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CallStatusKind {
            $($(#[$meta])* $variant,)*
            /// Not a documented code.
            Unrecognised,
        }

        impl CallStatusKind {
            /// Every documented kind, for exhaustive tests and documentation.
            pub const ALL: &'static [CallStatusKind] = &[$(CallStatusKind::$variant,)*];

            /// The kind of a raw code (`"200002"` → `Busy`).
            pub fn from_code(code: &str) -> CallStatusKind {
                match code.trim() {
                    $($($code)|+ => CallStatusKind::$variant,)*
                    _ => CallStatusKind::Unrecognised,
                }
            }

            /// The documented codes of this kind (some kinds have two: single- and double-call).
            pub fn codes(self) -> &'static [&'static str] {
                match self {
                    $(CallStatusKind::$variant => &[$($code),+],)*
                    CallStatusKind::Unrecognised => &[],
                }
            }
        }
    };
}

call_status_kinds! {
    /// 200000 用户听完语音: answered and listened to the end.
    ListenedFully => ["200000"],
    /// 200001 用户提前挂机: answered, hung up before the end.
    HungUpEarly => ["200001"],
    /// 200002 用户占线: busy.
    Busy => ["200002"],
    /// 200003 用户收到呼叫但未接听: rang, not answered.
    NoAnswer => ["200003"],
    /// 200004 用户号码不合法 / 空号: the number does not exist.
    InvalidNumber => ["200004"],
    /// 200005 被叫用户无法接通（拒绝）: declined, or refused by the carrier.
    Unreachable => ["200005"],
    /// 200006 语音播放失败: the audio could not be played (bad format).
    AudioPlaybackFailed => ["200006"],
    /// 200007 用户无法接通（不在服务区）: out of the service area.
    OutOfServiceArea => ["200007"],
    /// 200008 获取按键超时: answered; waiting for a key press timed out.
    DtmfTimeout => ["200008"],
    /// 200010 关机: powered off.
    PoweredOff => ["200010"],
    /// 200011 停机: suspended (arrears, expired, stopped).
    Suspended => ["200011"],
    /// 200012 呼损: call loss, call restricted.
    CallLoss => ["200012"],
    /// 200100 呼叫结束: the call ended after being connected.
    CallEnded => ["200100"],
    /// 200101 开始呼叫 / 正在接通: dialling.
    Calling => ["200101"],
    /// 200102 被叫接听 (double call: caller connected, calling callee).
    Answered => ["200102"],
    /// 200103 呼叫建立，正在通话: in conversation.
    InCall => ["200103"],
    /// 200104 主叫号码受限: the calling (display) number is restricted.
    CallerRestricted => ["200104"],
    /// 200105 被叫号码受限: the called number is restricted.
    CalleeRestricted => ["200105"],
    /// 200111 被叫无法接通（拒绝） (double call).
    CalleeRejected => ["200111"],
    /// 200112 被叫占线 (double call).
    CalleeBusy => ["200112"],
    /// 200113 被叫收到呼叫但未接听 (double call).
    CalleeNoAnswer => ["200113"],
    /// 200116 被叫号码不合法 (double call).
    CalleeInvalidNumber => ["200116"],
    /// 200117 来电显示号码不合法: the display number breaks the carrier's usage rules.
    DisplayNumberIllegal => ["200117"],
    /// 200118 供应商时间段限呼: the supplier forbids calls in this time window.
    SupplierTimeLimit => ["200118"],
    /// 200119 供应商频次限呼: the supplier's frequency limit.
    SupplierFrequencyLimit => ["200119"],
    /// 200120 被叫无法接通（不在服务区） (double call).
    CalleeOutOfServiceArea => ["200120"],
    /// 200121 呼叫超并发: the account's concurrency limit was exceeded.
    ConcurrencyExceeded => ["200121"],
    /// 200130 其他（无法识别）: early-media recognition could not classify the result.
    EarlyMediaUnrecognised => ["200130"],
    /// 200201 / 200202 响铃: ringing.
    Ringing => ["200201", "200202"],
    /// 300000 dtmf消息: a key press was received (the call is connected).
    Dtmf => ["300000"],
    /// 999999 系统错误.
    SystemError => ["999999"],
    /// 500 运营商错误: carrier error.
    CarrierError => ["500"],
    /// 400 网元忙: network element busy (congestion, not the callee).
    NetworkBusy => ["400"],
}

impl CallStatusKind {
    /// The unified outcome, or `None` while the call is still in progress (dialling, ringing,
    /// answered, in conversation): a poller keeps polling.
    ///
    /// Mapping choices (the doc gives meanings, not categories):
    /// - Answered-then-ended codes are `completed`, including an early hang-up (200001), a key
    ///   press timeout (200008) and a final DTMF event (300000): the robot talked to the callee.
    /// - Declined (200005, 200111) is `busy`: the callee was reached and refused, like a busy
    ///   line, and it is in the vendor's recall list with busy (CreateRobotTask RecallStateCodes).
    /// - Transient unreachability (no pick-up, powered off, out of area) is `no_answer`: the person
    ///   may answer later; 200010 and 200003 are in the recall list too.
    /// - Suspended numbers (200011), call loss (200012), restrictions, invalid numbers, limits and
    ///   system/carrier errors are `failed`. 200011 and 200012 are in the recall list, but a retry
    ///   only helps once the line is restored, which the caller cannot influence.
    /// - 400 "network element busy" is congestion in the network, not the callee: `failed`.
    /// - 200130 (early media could not classify) and undocumented codes are `unknown`.
    /// - No dyvms code reports an answering machine, so nothing maps to `voicemail` here.
    pub fn outcome(self) -> Option<CallOutcome> {
        use CallOutcome as O;
        use CallStatusKind as K;
        Some(match self {
            K::Calling | K::Ringing | K::Answered | K::InCall => return None,
            K::ListenedFully | K::HungUpEarly | K::DtmfTimeout | K::CallEnded | K::Dtmf => {
                O::Completed
            }
            K::Busy | K::CalleeBusy | K::Unreachable | K::CalleeRejected => O::Busy,
            K::NoAnswer
            | K::CalleeNoAnswer
            | K::PoweredOff
            | K::OutOfServiceArea
            | K::CalleeOutOfServiceArea => O::NoAnswer,
            K::InvalidNumber
            | K::CalleeInvalidNumber
            | K::AudioPlaybackFailed
            | K::Suspended
            | K::CallLoss
            | K::CallerRestricted
            | K::CalleeRestricted
            | K::DisplayNumberIllegal
            | K::SupplierTimeLimit
            | K::SupplierFrequencyLimit
            | K::ConcurrencyExceeded
            | K::SystemError
            | K::CarrierError
            | K::NetworkBusy => O::Failed,
            K::EarlyMediaUnrecognised | K::Unrecognised => O::Unknown,
        })
    }
}

/// The codes Alibaba documents as worth re-calling (CreateRobotTask `RecallStateCodes`).
pub const RECALL_STATE_CODES: &[&str] =
    &["200010", "200011", "200002", "200012", "200005", "200003"];

/// A raw call status code as the vendor sent it (`"200000"`), with its typed meaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallStatusCode(String);

impl CallStatusCode {
    /// Wrap a raw code.
    pub fn new(raw: impl Into<String>) -> Self {
        CallStatusCode(raw.into())
    }
    /// The code exactly as received.
    pub fn raw(&self) -> &str {
        &self.0
    }
    /// The documented meaning.
    pub fn kind(&self) -> CallStatusKind {
        CallStatusKind::from_code(&self.0)
    }
    /// The unified outcome; `None` while the call is in progress.
    pub fn outcome(&self) -> Option<CallOutcome> {
        self.kind().outcome()
    }
    /// True once the call has ended (the outcome is final).
    pub fn is_terminal(&self) -> bool {
        self.outcome().is_some()
    }
}

impl fmt::Display for CallStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CallStatusCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CallStatusCode {
    /// Accepts `"200000"` and `200000`: the doc's examples quote it, receipts may not.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match super::wire::lenient_string(d)? {
            Some(s) => Ok(CallStatusCode(s)),
            None => Err(serde::de::Error::custom("expected a status code, got null")),
        }
    }
}
