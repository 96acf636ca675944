//! callplane's one vendor-neutral call outcome (VENDORS.md §6). Each vendor module maps its own
//! codes onto it (Alibaba `aliyun::status`, Tencent `tencent::end_status`, Bland `bland::enums`)
//! and keeps the raw vendor value beside it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The result of a finished call, the same set for every vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// The callee answered and the call ended normally (fully or partly listened).
    Completed,
    /// The call did not reach a person this time, for a reason that may pass: no pick-up, powered
    /// off, out of the service area, temporarily unreachable. Worth retrying later.
    NoAnswer,
    /// The callee's line was busy or the callee declined the call.
    Busy,
    /// The call cannot succeed as placed: invalid or suspended number, restricted line, carrier or
    /// platform error, concurrency or supplier limits.
    Failed,
    /// The call reached a voicemail or secretary service instead of the person.
    Voicemail,
    /// The call was cancelled before it was placed.
    Canceled,
    /// A code callplane does not know (the raw code is preserved alongside).
    Unknown,
}

impl CallOutcome {
    /// The stable wire string (`"no_answer"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Completed => "completed",
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::Busy => "busy",
            CallOutcome::Failed => "failed",
            CallOutcome::Voicemail => "voicemail",
            CallOutcome::Canceled => "canceled",
            CallOutcome::Unknown => "unknown",
        }
    }
}

impl fmt::Display for CallOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
