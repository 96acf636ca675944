//! The two call-detail lookups: by robot task and callee (VENDORS.md §2.5) and by call id and
//! product (§2.6). Both answer with `Data`, a JSON document carried as a string.

use super::batch_validate::LOOKS_LIKE_SECONDS_BELOW;
use super::detail::{CallDetail, CallRecord};
use super::numbers::{check_number, wire_or_raw};
use super::rpc::{self, Params, RpcAction, check_extra};
use super::wire;
use crate::Context;
use crate::issue::{IssueCode, Report};
use crate::json::Extra;
use serde::{Deserialize, Serialize};

/// `QueryCallDetailByTaskId`: one callee's record in a robot task
/// (help.aliyun.com/zh/vms/developer-reference/api-dyvmsapi-2017-05-25-querycalldetailbytaskid).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct QueryCallDetailByTaskId {
    /// The `TaskId` `BatchRobotSmartCall` returned.
    #[serde(rename = "TaskId", default)]
    pub task_id: String,
    /// The task's start time, Unix ms; the vendor searches that (CST) day.
    #[serde(
        rename = "QueryDate",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub query_date: Option<i64>,
    /// Exactly one callee ("当前仅支持查看一个被叫号码的外呼记录").
    #[serde(rename = "Callee", default)]
    pub callee: String,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "OwnerId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<i64>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "ResourceOwnerAccount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_owner_account: Option<String>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "ResourceOwnerId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_owner_id: Option<i64>,
    /// Parameters callplane does not model, sent verbatim (flat values only).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The wire names of [`QueryCallDetailByTaskId`]'s modelled parameters.
pub const QUERY_BY_TASK_ID_PARAMS: &[&str] = &[
    "TaskId",
    "QueryDate",
    "Callee",
    "OwnerId",
    "ResourceOwnerAccount",
    "ResourceOwnerId",
];

impl QueryCallDetailByTaskId {
    /// The wire parameters; `Callee` in national form when it parses.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut p = Params::default();
        p.non_empty("TaskId", &self.task_id);
        p.opt_i64("QueryDate", self.query_date);
        if !self.callee.is_empty() {
            p.push("Callee", wire_or_raw(&self.callee));
        }
        p.opt_i64("OwnerId", self.owner_id);
        p.opt_str("ResourceOwnerAccount", &self.resource_owner_account);
        p.opt_i64("ResourceOwnerId", self.resource_owner_id);
        p.extra(&self.extra, QUERY_BY_TASK_ID_PARAMS);
        p.finish()
    }
    /// Read wire parameters (the simulator's side).
    pub fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        let (mut t, extra) = rpc::read_params::<Self>(params, QUERY_BY_TASK_ID_PARAMS)?;
        t.extra = extra;
        Ok(t)
    }
    fn check(&self, ctx: &Context, report: &mut Report) {
        if self.task_id.trim().is_empty() {
            report.error(
                IssueCode::Required,
                "TaskId",
                "TaskId is required: the id BatchRobotSmartCall returned",
            );
        }
        check_query_date(self.query_date, ctx, report);
        let callee = self.callee.trim();
        if callee.is_empty() {
            report.error(
                IssueCode::Required,
                "Callee",
                "Callee is required: one called number",
            );
        } else if callee.contains([',', '，']) {
            report.error(
                IssueCode::TooMany,
                "Callee",
                "Callee takes exactly one number; query each callee separately",
            );
        } else {
            check_number(callee, &"Callee".into(), report);
        }
        check_extra(&self.extra, QUERY_BY_TASK_ID_PARAMS, report);
    }
}

impl RpcAction for QueryCallDetailByTaskId {
    const ACTION: &'static str = "QueryCallDetailByTaskId";
    type Response = QueryCallDetailByTaskIdResponse;
    fn to_params(&self) -> Vec<(String, String)> {
        QueryCallDetailByTaskId::to_params(self)
    }
    fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        QueryCallDetailByTaskId::from_params(params)
    }
    fn validate(&self, ctx: &Context, report: &mut Report) {
        self.check(ctx, report);
    }
}

/// `{RequestId, Code, Message, Data}` with `Data` (JSON text on the wire) read into a
/// [`CallDetail`]. Serializing writes `Data` back as text, like Alibaba.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryCallDetailByTaskIdResponse {
    /// Alibaba's request id.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// `OK` on success.
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text for `Code`.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    /// The record; `None` when `Data` is empty (nothing matched yet).
    #[serde(rename = "Data", alias = "data", default, with = "wire::data_string")]
    pub data: Option<CallDetail>,
}

/// Product ids `QueryCallDetailByCallId` documents (`ProdId`).
pub const DOCUMENTED_PROD_IDS: &[(i64, &str)] = &[
    (11000000300006, "voice notification (语音通知)"),
    (11010000138001, "voice verification code (语音验证码)"),
    (11000000300005, "IVR"),
    // Listed in the 2019 version of the page (github mirror of the Alibaba docs), not in §2.6.
    (11000000300004, "click to dial (点击拨号)"),
    (11000000300009, "SIP"),
    (11030000180001, "smart outbound call (智能外呼)"),
];

/// `QueryCallDetailByCallId`: one call by id (help.aliyun.com/document_detail/393529.html).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct QueryCallDetailByCallId {
    /// The call id another API returned (`"116014888060^10281631****"`).
    #[serde(rename = "CallId", default)]
    pub call_id: String,
    /// The product the call belongs to; see [`DOCUMENTED_PROD_IDS`]. A wrong one gives empty
    /// `Data`, not an error.
    #[serde(
        rename = "ProdId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub prod_id: Option<i64>,
    /// When the call happened, Unix ms; the vendor searches the following 24 h, same day as the
    /// call.
    #[serde(
        rename = "QueryDate",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub query_date: Option<i64>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "OwnerId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<i64>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "ResourceOwnerAccount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_owner_account: Option<String>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "ResourceOwnerId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_owner_id: Option<i64>,
    /// Parameters callplane does not model, sent verbatim (flat values only).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The wire names of [`QueryCallDetailByCallId`]'s modelled parameters.
pub const QUERY_BY_CALL_ID_PARAMS: &[&str] = &[
    "CallId",
    "ProdId",
    "QueryDate",
    "OwnerId",
    "ResourceOwnerAccount",
    "ResourceOwnerId",
];

impl QueryCallDetailByCallId {
    /// The wire parameters.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut p = Params::default();
        p.non_empty("CallId", &self.call_id);
        p.opt_i64("ProdId", self.prod_id);
        p.opt_i64("QueryDate", self.query_date);
        p.opt_i64("OwnerId", self.owner_id);
        p.opt_str("ResourceOwnerAccount", &self.resource_owner_account);
        p.opt_i64("ResourceOwnerId", self.resource_owner_id);
        p.extra(&self.extra, QUERY_BY_CALL_ID_PARAMS);
        p.finish()
    }
    /// Read wire parameters (the simulator's side).
    pub fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        let (mut t, extra) = rpc::read_params::<Self>(params, QUERY_BY_CALL_ID_PARAMS)?;
        t.extra = extra;
        Ok(t)
    }
    fn check(&self, ctx: &Context, report: &mut Report) {
        if self.call_id.trim().is_empty() {
            report.error(
                IssueCode::Required,
                "CallId",
                "CallId is required: the id the calling API returned",
            );
        }
        match self.prod_id {
            None => report.error(
                IssueCode::Required,
                "ProdId",
                format!("ProdId is required: one of {}", prod_id_list()),
            ),
            Some(p) if !DOCUMENTED_PROD_IDS.iter().any(|(id, _)| *id == p) => report.error(
                IssueCode::InvalidEnum,
                "ProdId",
                format!(
                    "{p} is not a documented product id; use one of {}",
                    prod_id_list()
                ),
            ),
            Some(_) => {}
        }
        check_query_date(self.query_date, ctx, report);
        check_extra(&self.extra, QUERY_BY_CALL_ID_PARAMS, report);
    }
}

fn prod_id_list() -> String {
    DOCUMENTED_PROD_IDS
        .iter()
        .map(|(id, name)| format!("{id} ({name})"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl RpcAction for QueryCallDetailByCallId {
    const ACTION: &'static str = "QueryCallDetailByCallId";
    type Response = QueryCallDetailByCallIdResponse;
    fn to_params(&self) -> Vec<(String, String)> {
        QueryCallDetailByCallId::to_params(self)
    }
    fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        QueryCallDetailByCallId::from_params(params)
    }
    fn validate(&self, ctx: &Context, report: &mut Report) {
        self.check(ctx, report);
    }
}

/// `{RequestId, Code, Message, Data}` with `Data` read into a [`CallRecord`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryCallDetailByCallIdResponse {
    /// Alibaba's request id.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// `OK` on success.
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text for `Code`.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    /// The record; `None` when `Data` is `""` (wrong ProdId, or not synced yet: wait 3–5 min).
    #[serde(rename = "Data", alias = "data", default, with = "wire::data_string")]
    pub data: Option<CallRecord>,
}

/// `QueryDate`: required, positive, not in the future. The 2019 doc's own example
/// (`1553774465`) is in seconds although the field is milliseconds, so seconds-looking values get
/// a hint.
fn check_query_date(date: Option<i64>, ctx: &Context, report: &mut Report) {
    match date {
        None => report.error(
            IssueCode::Required,
            "QueryDate",
            "QueryDate (Unix milliseconds of the call or task start) is required",
        ),
        Some(d) if d <= 0 => report.error(
            IssueCode::OutOfRange,
            "QueryDate",
            format!("{d} must be a positive Unix time in milliseconds"),
        ),
        Some(d) if d > ctx.now_ms => report.error(
            IssueCode::OutOfRange,
            "QueryDate",
            format!("{d} is in the future (now {}); there are no records yet", ctx.now_ms),
        ),
        Some(d) if d < LOOKS_LIKE_SECONDS_BELOW => report.warning(
            IssueCode::OutOfRange,
            "QueryDate",
            format!("{d} looks like Unix seconds; QueryDate is milliseconds (it would query a day in 1970–1973)"),
        ),
        Some(_) => {}
    }
}
