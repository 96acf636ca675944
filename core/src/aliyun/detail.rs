//! The documents inside `Data` (a JSON string in the JSON response) of the two call-detail
//! queries, read leniently: Alibaba says the field list is "for reference, the actual response
//! decides" (返回字段供参考,具体字段以实际返回参数为准), its own examples send the same field as a
//! number or a string, and fields come and go. Unknown fields are kept in `extra`; numbers that
//! arrive as text are accepted; `null` means absent.

use super::status::CallStatusCode;
use super::time::{self, TimeError};
use super::wire;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One turn of the robot conversation (`dialogDetail[]`). The doc lists `{role, content, time}`;
/// its example sends `startTime` (`"Wed Mar 27 10:34:45 CST 2019"`) and roles `robot`/`custom`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DialogTurn {
    /// Who spoke: `robot` or `custom` (the callee) in the vendor's example.
    #[serde(
        default,
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub role: Option<String>,
    /// What was said (recognised text for the callee).
    #[serde(
        default,
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub content: Option<String>,
    /// When, as the doc names it.
    #[serde(
        default,
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<String>,
    /// When, as the example sends it (Java `Date.toString()` in CST).
    #[serde(
        rename = "startTime",
        default,
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time: Option<String>,
    /// Fields not modelled here, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl DialogTurn {
    /// Unix ms of the turn from `time` or `startTime`, whichever parses (Aliyun time, Java date,
    /// or digits of Unix ms). `None` when neither is present.
    pub fn unix_ms(&self) -> Option<Result<i64, TimeError>> {
        let raw = self.time.as_deref().or(self.start_time.as_deref())?;
        let t = raw.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return Some(t.parse::<i64>().map_err(|e| TimeError {
                message: format!("`{raw}`: {e}"),
            }));
        }
        Some(time::cst_to_unix_ms(t).or_else(|_| time::java_date_cst_to_unix_ms(t)))
    }
}

pub(crate) fn opt_status<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<CallStatusCode>, D::Error> {
    Ok(wire::lenient_string(d)?
        .filter(|s| !s.trim().is_empty())
        .map(CallStatusCode::new))
}

/// `Data` of `QueryCallDetailByTaskId`: one callee's robot call
/// (help.aliyun.com/document_detail/393537.html, VENDORS.md §2.5). Times are Aliyun time
/// strings (CST); see [`CallDetail::start_unix_ms`] and friends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CallDetail {
    /// 应答时间: when the callee answered.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date: Option<String>,
    /// 挂机原因: hang-up reason (the early-media reason when there is one).
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state_desc: Option<String>,
    /// 状态码 as the field list names it.
    #[serde(
        deserialize_with = "opt_status",
        skip_serializing_if = "Option::is_none"
    )]
    pub status_code: Option<CallStatusCode>,
    /// The same code as the example sends it (`"state":"200000"`).
    #[serde(
        deserialize_with = "opt_status",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<CallStatusCode>,
    /// 结束时间.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<String>,
    /// 主叫号显: the display number used.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub callee_show_number: Option<String>,
    /// 被叫号码.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub callee: Option<String>,
    /// 计费时长: billed seconds.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<i64>,
    /// 创建时间.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub gmt_create: Option<String>,
    /// 挂机方向: who hung up (`1` in the example; values undocumented).
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub hangup_direction: Option<String>,
    /// 标签 (`""` in one example, `1` in another).
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub tags: Option<String>,
    /// 对话轮次: dialogue rounds.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub dialog_count: Option<i64>,
    /// 肯定次数: affirmative answers.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub sure_count: Option<i64>,
    /// 否定次数: negative answers.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub deny_count: Option<i64>,
    /// 拒绝次数: refusals.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub reject_count: Option<i64>,
    /// 自定义次数: custom intents hit.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_count: Option<i64>,
    /// 知识库次数: knowledge-base hits.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub knowledge_count: Option<i64>,
    /// Default-branch hits.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_count: Option<i64>,
    /// 录音文件: recording URL, valid for 48 hours.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub record_file: Option<String>,
    /// 通话ID (`"115987800002^102789420002"`).
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub call_id: Option<String>,
    /// 录音文件状态: 1 has a recording, 2 none.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub record_status: Option<i64>,
    /// 知识库通用问题 count.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub knowledge_common_count: Option<i64>,
    /// 知识库业务问题 count.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub knowledge_business_count: Option<i64>,
    /// 对话明细: an array, or the same array as JSON text.
    #[serde(
        deserialize_with = "wire::opt_json_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub dialog_detail: Option<Vec<DialogTurn>>,
    /// Fields not modelled here, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `Data` of `QueryCallDetailByCallId` (help.aliyun.com/document_detail/393529.html,
/// VENDORS.md §2.6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CallRecord {
    /// 主叫号码.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub caller: Option<String>,
    /// 呼叫开始时间 (may be `""` when the call never connected).
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date: Option<String>,
    /// 通话状态描述.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state_desc: Option<String>,
    /// 通话时长, seconds.
    #[serde(
        deserialize_with = "wire::lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<i64>,
    /// 主叫显号.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub caller_show_number: Option<String>,
    /// 通话请求的接收时间.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub gmt_create: Option<String>,
    /// 通话状态 (the example has the carrier code `"502"`).
    #[serde(
        deserialize_with = "opt_status",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<CallStatusCode>,
    /// 呼叫结束时间.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<String>,
    /// 被叫显号.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub callee_show_number: Option<String>,
    /// B-leg ring time.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub b_ring_time: Option<String>,
    /// B-leg end time.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub b_end_time: Option<String>,
    /// 被叫号码.
    #[serde(
        deserialize_with = "wire::lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub callee: Option<String>,
    /// Fields not modelled here, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `Some(Err)` when present but not an Aliyun time; `None` when absent or blank.
fn parse_time(v: &Option<String>) -> Option<Result<i64, TimeError>> {
    v.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(time::cst_to_unix_ms)
}

impl CallDetail {
    /// Read the `Data` JSON text.
    pub fn from_data(data: &str) -> crate::Result<CallDetail> {
        wire::parse_json_text(data).map_err(|message| crate::Error::Json { message })
    }
    /// Write the `Data` JSON text (the simulator's side).
    pub fn to_data(&self) -> crate::Result<String> {
        serde_json::to_string(self).map_err(|e| crate::Error::Json {
            message: e.to_string(),
        })
    }
    /// The status code: `statusCode` when present, else `state`.
    pub fn status(&self) -> Option<&CallStatusCode> {
        self.status_code.as_ref().or(self.state.as_ref())
    }
    /// `startDate` (answer time) as Unix ms.
    pub fn start_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.start_date)
    }
    /// `endDate` as Unix ms.
    pub fn end_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.end_date)
    }
    /// `gmtCreate` as Unix ms.
    pub fn created_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.gmt_create)
    }
    /// `recordStatus == 1`.
    pub fn has_recording(&self) -> bool {
        self.record_status == Some(1)
    }
}

impl CallRecord {
    /// Read the `Data` JSON text.
    pub fn from_data(data: &str) -> crate::Result<CallRecord> {
        wire::parse_json_text(data).map_err(|message| crate::Error::Json { message })
    }
    /// Write the `Data` JSON text (the simulator's side).
    pub fn to_data(&self) -> crate::Result<String> {
        serde_json::to_string(self).map_err(|e| crate::Error::Json {
            message: e.to_string(),
        })
    }
    /// `startDate` as Unix ms.
    pub fn start_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.start_date)
    }
    /// `endDate` as Unix ms.
    pub fn end_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.end_date)
    }
    /// `gmtCreate` as Unix ms.
    pub fn created_unix_ms(&self) -> Option<Result<i64, TimeError>> {
        parse_time(&self.gmt_create)
    }
}
