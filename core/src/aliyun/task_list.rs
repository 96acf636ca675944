//! `QueryRobotTaskList`: the robot call tasks of the account, filtered by name, status and day
//! (help.aliyun.com/zh/vms/developer-reference/api-dyvmsapi-2017-05-25-queryrobottasklist).
//!
//! callplane uses it to find a `BatchRobotSmartCall` task whose answer was lost: every task a
//! campaign creates carries a unique `TaskName`, so "is there a task with this name?" tells whether
//! the lost request reached Alibaba before anything is sent again.

use super::rpc::{self, Params, RpcAction, check_extra};
use super::wire;
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::Extra;
use serde::{Deserialize, Serialize};

/// The largest `PageSize` callplane sends. The page documents no maximum (UNCONFIRMED); 100 is
/// Alibaba's usual list cap, and a unique `TaskName` matches one task anyway.
pub const MAX_TASK_LIST_PAGE_SIZE: i64 = 100;

/// `QueryRobotTaskList` request. Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct QueryRobotTaskList {
    /// The task name given to `BatchRobotSmartCall` (`TaskName`).
    #[serde(rename = "TaskName", default, skip_serializing_if = "Option::is_none")]
    pub task_name: Option<String>,
    /// Task status filter, as Alibaba spells it (the page lists no closed set; sent verbatim).
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The day the tasks were created, `yyyy-MM-dd` (Alibaba's day is China Standard Time).
    #[serde(rename = "Time", default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Tasks per page.
    #[serde(
        rename = "PageSize",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_size: Option<i64>,
    /// Page number, from 1.
    #[serde(
        rename = "PageNo",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_no: Option<i64>,
    /// Internal account parameter the SDKs carry; normally unset.
    #[serde(
        rename = "OwnerId",
        default,
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<i64>,
    /// Parameters callplane does not model, sent verbatim (flat values only).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The wire names of [`QueryRobotTaskList`]'s modelled parameters.
pub const QUERY_ROBOT_TASK_LIST_PARAMS: &[&str] = &[
    "TaskName", "Status", "Time", "PageSize", "PageNo", "OwnerId",
];

impl QueryRobotTaskList {
    /// The wire parameters.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut p = Params::default();
        p.opt_str("TaskName", &self.task_name);
        p.opt_str("Status", &self.status);
        p.opt_str("Time", &self.time);
        p.opt_i64("PageSize", self.page_size);
        p.opt_i64("PageNo", self.page_no);
        p.opt_i64("OwnerId", self.owner_id);
        p.extra(&self.extra, QUERY_ROBOT_TASK_LIST_PARAMS);
        p.finish()
    }
    /// Read wire parameters (the simulator's side).
    pub fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        let (mut t, extra) = rpc::read_params::<Self>(params, QUERY_ROBOT_TASK_LIST_PARAMS)?;
        t.extra = extra;
        Ok(t)
    }
    fn check(&self, report: &mut Report) {
        if let Some(name) = &self.task_name
            && name.trim().is_empty()
        {
            report.error(
                IssueCode::Required,
                "TaskName",
                "TaskName is empty: leave it out to list every task",
            );
        }
        if let Some(t) = &self.time
            && !is_day(t)
        {
            report.error(
                IssueCode::InvalidFormat,
                "Time",
                format!("`{t}` is not a day in the form yyyy-MM-dd (e.g. 2026-11-21)"),
            );
        }
        check_page(
            self.page_size,
            "PageSize",
            1,
            MAX_TASK_LIST_PAGE_SIZE,
            report,
        );
        check_page(self.page_no, "PageNo", 1, i64::MAX, report);
        check_extra(&self.extra, QUERY_ROBOT_TASK_LIST_PARAMS, report);
    }
}

fn check_page(v: Option<i64>, name: &str, min: i64, max: i64, report: &mut Report) {
    if let Some(n) = v
        && !(min..=max).contains(&n)
    {
        let rule = if max == i64::MAX {
            format!("must be {min} or more (pages count from {min})")
        } else {
            format!("must be from {min} to {max}")
        };
        report.error(
            IssueCode::OutOfRange,
            Path::root().field(name),
            format!("{n} {rule}"),
        );
    }
}

/// `yyyy-MM-dd` with a real month and day.
fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

impl RpcAction for QueryRobotTaskList {
    const ACTION: &'static str = "QueryRobotTaskList";
    type Response = QueryRobotTaskListResponse;
    fn to_params(&self) -> Vec<(String, String)> {
        QueryRobotTaskList::to_params(self)
    }
    fn from_params(params: &[(String, String)]) -> Result<Self, Report> {
        QueryRobotTaskList::from_params(params)
    }
    fn validate(&self, _ctx: &Context, report: &mut Report) {
        self.check(report);
    }
}

/// `{RequestId, Code, Message, Data}` with `Data` (a JSON *string* holding a list) read into
/// [`RobotTask`]s. Serializing writes `Data` back as text, like Alibaba.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryRobotTaskListResponse {
    /// Alibaba's request id.
    #[serde(rename = "RequestId", alias = "requestId", default)]
    pub request_id: String,
    /// `OK` on success.
    #[serde(rename = "Code", alias = "code", default)]
    pub code: String,
    /// Human text for `Code`.
    #[serde(rename = "Message", alias = "message", default)]
    pub message: String,
    /// The tasks; `None` when `Data` is empty.
    #[serde(rename = "Data", alias = "data", default, with = "wire::data_string")]
    pub data: Option<Vec<RobotTask>>,
}

/// One task of [`QueryRobotTaskListResponse::data`] (camelCase, as Alibaba writes it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RobotTask {
    /// The task id (`TaskId` of `BatchRobotSmartCall`); a number or a string on the wire.
    #[serde(default, deserialize_with = "wire::lenient_string")]
    pub id: Option<String>,
    /// The task name.
    #[serde(default)]
    pub task_name: Option<String>,
    /// The robot (dialog) id.
    #[serde(default, deserialize_with = "wire::lenient_string")]
    pub robot_id: Option<String>,
    /// The robot's name.
    #[serde(default)]
    pub robot_name: Option<String>,
    /// Task status, as Alibaba spells it.
    #[serde(default)]
    pub status: Option<String>,
    /// Immediate or scheduled.
    #[serde(default)]
    pub schedule_type: Option<String>,
    /// Creation time, CST text.
    #[serde(default)]
    pub create_time: Option<String>,
    /// Completion time, CST text.
    #[serde(default)]
    pub complete_time: Option<String>,
    /// Start time of a scheduled task, CST text.
    #[serde(default)]
    pub fire_time: Option<String>,
    /// Callees in the task.
    #[serde(default, deserialize_with = "wire::lenient_i64")]
    pub total_count: Option<i64>,
    /// Callees whose call has ended.
    #[serde(default, deserialize_with = "wire::lenient_i64")]
    pub finish_count: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes_at(v: serde_json::Value) -> Vec<(String, IssueCode)> {
        let (_, r) = rpc::parse_and_validate::<QueryRobotTaskList>(v, &Context::at(0));
        r.issues
            .into_iter()
            .map(|i| (i.path.as_str().to_owned(), i.code))
            .collect()
    }

    #[test]
    fn every_rule_reports_its_field() {
        let cases = [
            (json!({}), vec![]),
            (
                json!({"TaskName": "c1:chunk:0", "Time": "2026-11-21", "PageSize": 10, "PageNo": 1}),
                vec![],
            ),
            (
                json!({"TaskName": " "}),
                vec![("TaskName", IssueCode::Required)],
            ),
            (
                json!({"Time": "2026-02-29"}),
                vec![("Time", IssueCode::InvalidFormat)],
            ),
            (json!({"Time": "2024-02-29"}), vec![]),
            (
                json!({"Time": "21/11/2026"}),
                vec![("Time", IssueCode::InvalidFormat)],
            ),
            (
                json!({"PageSize": 0, "PageNo": 0}),
                vec![
                    ("PageSize", IssueCode::OutOfRange),
                    ("PageNo", IssueCode::OutOfRange),
                ],
            ),
            (
                json!({"PageSize": 101}),
                vec![("PageSize", IssueCode::OutOfRange)],
            ),
            (json!({"Nope": 1}), vec![("Nope", IssueCode::UnknownField)]),
        ];
        for (input, want) in cases {
            let want: Vec<(String, IssueCode)> =
                want.into_iter().map(|(p, c)| (p.to_owned(), c)).collect();
            assert_eq!(codes_at(input.clone()), want, "{input}");
        }
    }

    #[test]
    fn params_round_trip() {
        let q = QueryRobotTaskList {
            task_name: Some("camp:chunk:3".into()),
            time: Some("2026-11-21".into()),
            page_size: Some(20),
            page_no: Some(2),
            ..Default::default()
        };
        let params = q.to_params();
        assert!(params.contains(&("PageNo".into(), "2".into())));
        assert_eq!(QueryRobotTaskList::from_params(&params).ok(), Some(q));
    }

    #[test]
    fn data_is_a_json_string_list() {
        let body = json!({"RequestId": "R", "Code": "OK", "Message": "OK",
            "Data": "[{\"id\":123,\"taskName\":\"t\",\"robotId\":\"9\",\"status\":\"RUNNING\",\"totalCount\":\"3\",\"finishCount\":1}]"});
        let r: QueryRobotTaskListResponse = serde_json::from_value(body).unwrap_or_default();
        let tasks = r.data.unwrap_or_default();
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].id.as_deref(), Some("123"));
        assert_eq!(tasks[0].total_count, Some(3));
        // Written back as text, like Alibaba.
        let out = serde_json::to_value(QueryRobotTaskListResponse {
            data: Some(tasks),
            ..Default::default()
        })
        .unwrap_or_default();
        assert!(out["Data"].is_string());
        let empty: QueryRobotTaskListResponse =
            serde_json::from_value(json!({"Code": "OK", "Data": ""})).unwrap_or_default();
        assert_eq!(empty.data, None);
    }
}
