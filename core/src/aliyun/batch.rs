//! `BatchRobotSmartCall`: start a robot call task for 1–1000 callees with a console-defined dialog
//! (help.aliyun.com/zh/vms/developer-reference/api-dyvmsapi-2017-05-25-batchrobotsmartcall,
//! VENDORS.md §2.4). Legacy API: closed to new customers since 2023-12-31 (VENDORS.md §2.0).

use super::numbers::wire_or_raw;
use super::rpc::{self, Params, RpcAction};
use super::wire;
use crate::Context;
use crate::issue::Report;
use crate::json::Extra;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// One callee's TTS variable values: `{"number":"13900001234","params":["小王","小李"]}`. `params`
/// line up with [`BatchRobotSmartCall::tts_param_head`].
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields)]
pub struct TtsParamEntry {
    /// The callee, one of `CalledNumber`.
    #[serde(default)]
    pub number: String,
    /// Values in `TtsParamHead` order.
    #[serde(default, deserialize_with = "wire::string_items")]
    pub params: Vec<String>,
}

/// The `BatchRobotSmartCall` request, typed. On the wire every field is a string; here lists are
/// lists and JSON parameters are structures. JSON input also accepts the vendor's string forms
/// (`"CalledNumber": "139…,138…"`, `"TtsParam": "[{\"number\":…}]"`, `"ScheduleCall": "true"`) so
/// Alibaba's examples can be pasted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct BatchRobotSmartCall {
    /// 被叫显号: purchased display numbers, 1–100 (comma-separated on the wire).
    #[serde(
        rename = "CalledShowNumber",
        default,
        deserialize_with = "wire::number_list"
    )]
    pub called_show_number: Vec<String>,
    /// Company name exactly as on the qualification page; required unless `IsSelfLine` is true.
    #[serde(rename = "CorpName", default, skip_serializing_if = "Option::is_none")]
    pub corp_name: Option<String>,
    /// 被叫号码: mainland China numbers, 1–1000 (comma-separated on the wire).
    #[serde(
        rename = "CalledNumber",
        default,
        deserialize_with = "wire::number_list"
    )]
    pub called_number: Vec<String>,
    /// The robot/dialog (话术) id from the console.
    #[serde(rename = "DialogId", default)]
    pub dialog_id: String,
    /// Early-media speech recognition (number-status detection); vendor default false.
    #[serde(
        rename = "EarlyMediaAsr",
        default,
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub early_media_asr: Option<bool>,
    /// Task name, up to 30 characters (Chinese or English). Required by the SDKs.
    #[serde(rename = "TaskName", default, skip_serializing_if = "Option::is_none")]
    pub task_name: Option<String>,
    /// When to call, Unix milliseconds; required when `ScheduleCall` is true.
    #[serde(
        rename = "ScheduleTime",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule_time: Option<i64>,
    /// Schedule the task for `ScheduleTime` instead of calling now.
    #[serde(
        rename = "ScheduleCall",
        default,
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub schedule_call: Option<bool>,
    /// Per-callee TTS variable values (JSON text on the wire).
    #[serde(
        rename = "TtsParam",
        default,
        deserialize_with = "wire::opt_json_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub tts_param: Option<Vec<TtsParamEntry>>,
    /// TTS variable names (JSON text on the wire).
    #[serde(
        rename = "TtsParamHead",
        default,
        deserialize_with = "wire::opt_json_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub tts_param_head: Option<Vec<String>>,
    /// Call over the customer's own line; vendor default false.
    #[serde(
        rename = "IsSelfLine",
        default,
        deserialize_with = "wire::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_self_line: Option<bool>,
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

/// The wire names of [`BatchRobotSmartCall`]'s modelled parameters.
pub const BATCH_ROBOT_SMART_CALL_PARAMS: &[&str] = &[
    "CalledShowNumber",
    "CorpName",
    "CalledNumber",
    "DialogId",
    "EarlyMediaAsr",
    "TaskName",
    "ScheduleTime",
    "ScheduleCall",
    "TtsParam",
    "TtsParamHead",
    "IsSelfLine",
    "OwnerId",
    "ResourceOwnerAccount",
    "ResourceOwnerId",
];

impl BatchRobotSmartCall {
    /// The wire parameters. Numbers that parse are sent in Alibaba's national form
    /// (`+86 139-0000-1234` → `13900001234`), in lists and inside `TtsParam`, so both agree;
    /// others are sent as given (validate first). Empty lists and unset options are not sent.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut p = Params::default();
        if !self.called_show_number.is_empty() {
            p.push("CalledShowNumber", join_numbers(&self.called_show_number));
        }
        p.opt_str("CorpName", &self.corp_name);
        // TtsParam numbers are usually CalledNumber's strings verbatim: normalise each once.
        let called: Vec<String> = self.called_number.iter().map(|n| wire_or_raw(n)).collect();
        if !called.is_empty() {
            p.push("CalledNumber", called.join(","));
        }
        let wire_of: HashMap<&str, &str> = self
            .called_number
            .iter()
            .map(String::as_str)
            .zip(called.iter().map(String::as_str))
            .collect();
        p.non_empty("DialogId", &self.dialog_id);
        p.opt_bool("EarlyMediaAsr", self.early_media_asr);
        p.opt_str("TaskName", &self.task_name);
        p.opt_i64("ScheduleTime", self.schedule_time);
        p.opt_bool("ScheduleCall", self.schedule_call);
        if let Some(entries) = &self.tts_param {
            let arr = entries
                .iter()
                .map(|e| {
                    let mut m = serde_json::Map::new();
                    let number = match wire_of.get(e.number.as_str()) {
                        Some(w) => (*w).to_owned(),
                        None => wire_or_raw(&e.number),
                    };
                    m.insert("number".into(), Value::String(number));
                    m.insert(
                        "params".into(),
                        Value::Array(e.params.iter().cloned().map(Value::String).collect()),
                    );
                    Value::Object(m)
                })
                .collect();
            p.push("TtsParam", Value::Array(arr).to_string());
        }
        if let Some(head) = &self.tts_param_head {
            let arr = head.iter().cloned().map(Value::String).collect();
            p.push("TtsParamHead", Value::Array(arr).to_string());
        }
        p.opt_bool("IsSelfLine", self.is_self_line);
        p.opt_i64("OwnerId", self.owner_id);
        p.opt_str("ResourceOwnerAccount", &self.resource_owner_account);
        p.opt_i64("ResourceOwnerId", self.resource_owner_id);
        p.extra(&self.extra, BATCH_ROBOT_SMART_CALL_PARAMS);
        p.finish()
    }

    /// Read wire parameters (the simulator's side). Lists are split on commas, JSON parameters
    /// parsed, booleans must be `true`/`false`, longs decimal. Unknown parameters go to `extra`.
    pub fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        let (mut t, extra) = rpc::read_params::<Self>(params, BATCH_ROBOT_SMART_CALL_PARAMS)?;
        t.extra = extra;
        Ok(t)
    }
}

fn join_numbers(list: &[String]) -> String {
    list.iter()
        .map(|n| wire_or_raw(n))
        .collect::<Vec<_>>()
        .join(",")
}

impl RpcAction for BatchRobotSmartCall {
    const ACTION: &'static str = "BatchRobotSmartCall";
    type Response = BatchRobotSmartCallResponse;
    fn to_params(&self) -> Vec<(String, String)> {
        BatchRobotSmartCall::to_params(self)
    }
    fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        BatchRobotSmartCall::from_params(params)
    }
    fn validate(&self, ctx: &Context, report: &mut Report) {
        super::batch_validate::validate(self, ctx, report);
    }
}

/// The success body: `{"Code":"OK","Message":"OK","RequestId":"…","TaskId":"4001112222"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRobotSmartCallResponse {
    /// `OK` on success.
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text for `Code`.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    /// Alibaba's request id.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// The task id for `QueryCallDetailByTaskId`. A string in the docs; a number is accepted.
    #[serde(
        rename = "TaskId",
        alias = "taskId",
        default,
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub task_id: Option<String>,
}
