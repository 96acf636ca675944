//! Lookup and control requests for an AI call, keyed by (SdkAppId, SessionId) and, for stored
//! records, a time window. Field lists: the official SDK models
//! (TencentCloud/tencentcloud-sdk-dotnet `Ccc/V20200210/Models/<Action>Request.cs`) and VENDORS.md §3.3.

use super::ai::{
    DescribeAIAnalysisResultOutput, DescribeAICallExtractResultOutput,
    DescribeAICallInteractionRecordsOutput, DescribeAILatencyOutput,
};
use super::records::{DescribeSessionDetailOutput, DescribeTelCdrOutput, DescribeTelSessionOutput};
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::Extra;
use crate::tencent::Operation;
use crate::tencent::checks::{self, cdr_window_limits, extra_keys, required_str, window};
use crate::tencent::envelope::Empty;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Largest `PageSize` DescribeTelCdr accepts ("分页尺寸（必填），上限 100").
pub const MAX_PAGE_SIZE: i64 = 100;

fn session_id(v: &str, r: &mut Report) {
    required_str(
        v,
        Path::root().field("SessionId"),
        "SessionId (from CreateAICall)",
        r,
    );
}

/// Declares a request struct with the shared derive set, its `extra` map and [`Operation`] impl.
macro_rules! request {
    (
        $(#[$meta:meta])* $name:ident => $output:ty {
            $($(#[$fmeta:meta])* $field:ident : $ty:ty = $wire:literal,)*
        }
        validate($self_:ident, $ctx:ident, $r:ident) $body:block
        $(wire($wself:ident, $wbody:ident) $wblock:block)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* #[serde(rename = $wire, default, skip_serializing_if = "crate::tencent::lookups::requests::is_unset")] pub $field: $ty,)*
            /// Vendor fields callplane does not model yet, sent verbatim.
            #[serde(default, rename = "extra", skip_serializing)]
            pub extra: Extra,
        }

        impl $name {
            /// Wire names of the modelled fields.
            pub const FIELDS: &'static [&'static str] = &[$($wire,)*];
        }

        impl Operation for $name {
            const ACTION: &'static str = stringify!($name);
            type Output = $output;
            // One copy per operation: `registry::build` calls it twice (read, then the client).
            #[inline(never)]
            fn validate(&$self_, $ctx: &Context, $r: &mut Report) {
                $body
                extra_keys(&$self_.extra, Self::FIELDS, $r);
            }
            fn extra(&self) -> &Extra {
                &self.extra
            }
            $(
                fn to_wire_body(&$wself) -> (Value, Report) {
                    let (mut body, report) = crate::tencent::serialize_with_extra($wself, &$wself.extra);
                    if let Some($wbody) = body.as_object_mut() $wblock
                    (body, report)
                }
            )?
        }
    };
}

/// Serialization filter: absent options and (never-set) empty strings stay off the wire.
pub(crate) fn is_unset<T: Unset>(v: &T) -> bool {
    v.unset()
}

/// What "not given" means for each field type.
pub(crate) trait Unset {
    fn unset(&self) -> bool;
}

impl<T> Unset for Option<T> {
    fn unset(&self) -> bool {
        self.is_none()
    }
}

impl Unset for String {
    /// Required strings are always sent, so the vendor sees exactly what was validated.
    fn unset(&self) -> bool {
        false
    }
}

request! {
    /// DescribeTelSession: live status of a call (SessionStatus ringing | seatJoining |
    /// inProgress | finished).
    DescribeTelSession => DescribeTelSessionOutput {
        /// Application ID.
        sdk_app_id: Option<i64> = "SdkAppId",
        /// The call's SessionId.
        session_id: String = "SessionId",
    }
    validate(self, _ctx, r) {
        checks::sdk_app_id(self.sdk_app_id, &Path::root(), r);
        session_id(&self.session_id, r);
    }
}

request! {
    /// DescribeSessionDetail: one call's record (timestamps, EndStatus, recording URL valid 24 h,
    /// hang-up side). The window is Unix seconds, shorter than 90 days, within the last 180 days.
    DescribeSessionDetail => DescribeSessionDetailOutput {
        /// Application ID.
        sdk_app_id: Option<i64> = "SdkAppId",
        /// The call's SessionId.
        session_id: String = "SessionId",
        /// Window start, Unix seconds.
        start_timestamp: Option<i64> = "StartTimestamp",
        /// Window end, Unix seconds.
        end_timestamp: Option<i64> = "EndTimestamp",
    }
    validate(self, ctx, r) {
        let root = Path::root();
        checks::sdk_app_id(self.sdk_app_id, &root, r);
        session_id(&self.session_id, r);
        let paths = (root.field("StartTimestamp"), root.field("EndTimestamp"));
        if let Some(w) = window(self.start_timestamp, self.end_timestamp, paths.clone(), r) {
            cdr_window_limits(w, ctx.now_ms, paths, r);
        }
    }
}

request! {
    /// DescribeTelCdr: call records in a window (Unix seconds, shorter than 90 days, within the
    /// last 180 days), paged (PageSize ≤ 100, PageNumber from 0), optionally filtered by phone
    /// numbers or SessionIds.
    DescribeTelCdr => DescribeTelCdrOutput {
        /// Window start, Unix seconds (note the vendor's capital S: `StartTimeStamp`).
        start_time_stamp: Option<i64> = "StartTimeStamp",
        /// Window end, Unix seconds.
        end_time_stamp: Option<i64> = "EndTimeStamp",
        /// Application ID (documented "必填" although typed optional).
        sdk_app_id: Option<i64> = "SdkAppId",
        /// Page size, 1–100 (documented "必填").
        page_size: Option<i64> = "PageSize",
        /// Page number from 0 (documented "必填").
        page_number: Option<i64> = "PageNumber",
        /// Filter by phone numbers (sent in the `0086…` form of the records).
        phones: Option<Vec<String>> = "Phones",
        /// Filter by SessionIds.
        session_ids: Option<Vec<String>> = "SessionIds",
        /// Deprecated by Tencent ("实例 ID（废弃）"); use SdkAppId.
        instance_id: Option<i64> = "InstanceId",
        /// Deprecated by Tencent ("（废弃）"); use PageSize.
        limit: Option<i64> = "Limit",
        /// Deprecated by Tencent ("（废弃）"); use PageNumber.
        offset: Option<i64> = "Offset",
    }
    validate(self, ctx, r) {
        let root = Path::root();
        let paths = (root.field("StartTimeStamp"), root.field("EndTimeStamp"));
        if let Some(w) = window(self.start_time_stamp, self.end_time_stamp, paths.clone(), r) {
            cdr_window_limits(w, ctx.now_ms, paths, r);
        }
        checks::sdk_app_id(self.sdk_app_id, &root, r);
        match self.page_size {
            None => r.error(IssueCode::Required, root.field("PageSize"), format!("PageSize is required (1–{MAX_PAGE_SIZE})")),
            Some(n) => checks::int_range(Some(n), root.field("PageSize"), 1, MAX_PAGE_SIZE, "", r),
        }
        match self.page_number {
            None => r.error(IssueCode::Required, root.field("PageNumber"), "PageNumber is required (pages count from 0)"),
            Some(n) if n < 0 => r.error(IssueCode::OutOfRange, root.field("PageNumber"), format!("pages count from 0, got {n}")),
            Some(_) => {}
        }
        for (i, p) in self.phones.iter().flatten().enumerate() {
            checks::phone_number(p, root.field("Phones").index(i), r);
        }
        for (i, s) in self.session_ids.iter().flatten().enumerate() {
            required_str(s, root.field("SessionIds").index(i), "SessionId", r);
        }
        for (name, set, instead) in [
            ("InstanceId", self.instance_id.is_some(), "SdkAppId"),
            ("Limit", self.limit.is_some(), "PageSize"),
            ("Offset", self.offset.is_some(), "PageNumber"),
        ] {
            if set {
                r.warning(IssueCode::Deprecated, root.field(name), format!("deprecated by Tencent; use {instead}"));
            }
        }
    }
    wire(self, body) {
        // Records store numbers as `0086…`; send the filter in the same form.
        if let Some(ps) = &self.phones {
            let wire = ps.iter().map(|p| Value::String(checks::wire_number(p))).collect();
            body.insert("Phones".into(), Value::Array(wire));
        }
    }
}

macro_rules! ai_window_request {
    ($(#[$meta:meta])* $name:ident => $output:ty) => {
        request! {
            $(#[$meta])*
            $name => $output {
                /// Application ID.
                sdk_app_id: Option<i64> = "SdkAppId",
                /// The call's SessionId.
                session_id: String = "SessionId",
                /// Search window start, Unix seconds.
                start_time: Option<i64> = "StartTime",
                /// Search window end, Unix seconds.
                end_time: Option<i64> = "EndTime",
            }
            validate(self, _ctx, r) {
                let root = Path::root();
                checks::sdk_app_id(self.sdk_app_id, &root, r);
                session_id(&self.session_id, r);
                window(self.start_time, self.end_time, (root.field("StartTime"), root.field("EndTime")), r);
            }
        }
    };
}

ai_window_request! {
    /// DescribeAICallExtractResult: the ExtractConfig answers of a finished AI call.
    DescribeAICallExtractResult => DescribeAICallExtractResultOutput
}

ai_window_request! {
    /// DescribeAIAnalysisResult: summary, mood and intention of a finished AI call.
    DescribeAIAnalysisResult => DescribeAIAnalysisResultOutput
}

ai_window_request! {
    /// DescribeAILatency: per-round ASR/LLM/TTS/end-to-end latency and its statistics.
    DescribeAILatency => DescribeAILatencyOutput
}

request! {
    /// DescribeAICallInteractionRecords: the conversation, round by round.
    DescribeAICallInteractionRecords => DescribeAICallInteractionRecordsOutput {
        /// Application ID.
        sdk_app_id: Option<i64> = "SdkAppId",
        /// The call's SessionId.
        session_id: String = "SessionId",
    }
    validate(self, _ctx, r) {
        checks::sdk_app_id(self.sdk_app_id, &Path::root(), r);
        session_id(&self.session_id, r);
    }
}

request! {
    /// HangUpCall: end a call now. Output is only the RequestId.
    HangUpCall => Empty {
        /// Application ID.
        sdk_app_id: Option<i64> = "SdkAppId",
        /// The call's SessionId.
        session_id: String = "SessionId",
    }
    validate(self, _ctx, r) {
        checks::sdk_app_id(self.sdk_app_id, &Path::root(), r);
        session_id(&self.session_id, r);
    }
}
