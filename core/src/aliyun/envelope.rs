//! The two body shapes every dyvms answer comes in (VENDORS.md §2.2–2.3). Mapping them onto
//! callplane errors is a separate step; these are the models only.

use super::codes::{self, DocumentedCode};
use serde::{Deserialize, Serialize};

/// `{RequestId, Code, Message}`: present in every dyvms response, success (`Code: "OK"`) or
/// business error (`isv.*`). Older SDKs saw lower-case keys (`{"code":…,"message":…,
/// "requestId":…}`, developer.aliyun.com/ask/30003), so those are accepted too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseEnvelope {
    /// Alibaba's request id; quote it in support tickets.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// `OK` on success, else an error code.
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text for `Code`.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
}

impl ResponseEnvelope {
    /// True for `Code: "OK"`. Any other code is an error regardless of the HTTP status.
    pub fn is_ok(&self) -> bool {
        self.code == codes::OK
    }
    /// The documented meaning of `code`, if any.
    pub fn documented(&self) -> Option<&'static DocumentedCode> {
        codes::lookup(&self.code)
    }
}

/// The POP gateway's error body (4xx/5xx), e.g.
/// `{"RequestId":"…","HostId":"dyvmsapi.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":
/// "Specified signature is not matched with our calculation. server string to sign is:…",
/// "Recommend":"https://error-center.aliyun.com/status/search?Keyword=SignatureDoesNotMatch&source=PopGw"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayError {
    /// Alibaba's request id.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// The endpoint host that answered.
    #[serde(rename = "HostId", alias = "hostId", default)]
    pub host_id: String,
    /// The gateway code (`SignatureDoesNotMatch`, `Throttling.User`, …).
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text; for signature errors it includes the server's string to sign.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    /// A link to Alibaba's error center.
    #[serde(
        rename = "Recommend",
        alias = "recommend",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub recommend: Option<String>,
}

impl GatewayError {
    /// The documented meaning of `code`, if any.
    pub fn documented(&self) -> Option<&'static DocumentedCode> {
        codes::lookup(&self.code)
    }
    /// For `SignatureDoesNotMatch`: the string the server signed, quoted in `Message`, which is
    /// the fastest way to see where a client's canonicalisation differs.
    pub fn server_string_to_sign(&self) -> Option<&str> {
        self.message
            .split_once("server string to sign is:")
            .map(|(_, s)| s.trim())
    }
}
