//! How a simulated robot call looks through dyvms' eyes, derived on read: the status code of
//! VENDORS.md §2.7 with its description, CST time strings, billed seconds, the recording link and a
//! dialog that opens with the dialog's TTS variables filled from the callee's `TtsParam` row. The
//! documents are the core's `CallDetail` / `CallRecord`, written with their `to_data()`.

use crate::lifecycle::{Snapshot, Status};
use crate::outcome::{FailReason, Outcome};
use crate::state::SimCall;
use crate::vendors::common::cst;
use callplane_core::Vendor;
use callplane_core::aliyun::{CallDetail, CallRecord, CallStatusCode, DialogTurn};
use callplane_core::phone;
use serde_json::Value;

/// Recordings are not served; the reserved `.invalid` domain (RFC 2606) makes that plain.
pub const RECORDING_BASE: &str = "https://dyvms-records.callplane-sim.invalid";
/// Recording links are valid for 48 hours (VENDORS.md §2.5).
const RECORDING_VALID_MS: i64 = 48 * 3_600_000;
/// One dialog turn every this many ms of talk.
const TURN_MS: i64 = 8_000;
const MAX_TURNS: i64 = 80;

/// A call as one request reads it.
pub struct Seen<'a> {
    pub call: &'a SimCall,
    /// The task's stored request (display numbers, CorpName, DialogId, TtsParamHead).
    pub request: &'a Value,
    pub snap: Snapshot,
    pub now_ms: i64,
}

impl<'a> Seen<'a> {
    /// `call` (of the task stored as `request`) at simulated instant `now_ms`.
    pub fn new(call: &'a SimCall, request: &'a Value, now_ms: i64) -> Self {
        Seen {
            call,
            request,
            snap: call.snapshot(now_ms),
            now_ms,
        }
    }

    /// `(state, stateDesc)`; `None` before dialling, when dyvms has no record of the call yet.
    pub fn state(&self) -> Option<(&'static str, &'static str)> {
        Some(match self.snap.status {
            Status::Queued => return None,
            Status::Ringing => ("200201", "响铃"),
            Status::InProgress => ("200103", "呼叫建立，正在通话"),
            Status::Completed if self.call.plan.early_hangup => ("200001", "用户提前挂机"),
            Status::Completed => ("200000", "用户听完语音"),
            // dyvms has no answering-machine code: a mailbox answers like a person and the robot
            // plays its dialog to the end (see the simulator README).
            Status::Voicemail => ("200000", "用户听完语音"),
            Status::NoAnswer if self.call.plan.fail_reason == Some(FailReason::PoweredOff) => {
                ("200010", "关机")
            }
            Status::NoAnswer => ("200003", "用户收到呼叫但未接听"),
            Status::Busy => ("200002", "用户占线"),
            // Codes the core reads as `failed`, so the vendor view and the unified status agree
            // (200005 "declined" would read as busy, 200010 "powered off" as no answer).
            Status::Failed => match self.call.plan.fail_reason {
                Some(FailReason::InvalidNumber) => ("200004", "用户号码不合法"),
                Some(FailReason::Unreachable | FailReason::PoweredOff) | None => ("200012", "呼损"),
            },
            Status::Canceled => ("200100", "呼叫结束"),
        })
    }

    fn show_number(&self) -> Option<String> {
        self.call.from.as_deref().map(national)
    }

    /// Billed seconds: talk time rounded up.
    fn duration_s(&self) -> i64 {
        (self.snap.talk_ms() + 999) / 1000
    }

    fn record_file(&self) -> Option<String> {
        let ended = self.snap.ended_ms?;
        self.snap.answered_ms?;
        Some(format!(
            "{RECORDING_BASE}/{}/{}.wav?Expires={}",
            self.call.group_id.as_deref().unwrap_or("task"),
            self.call.id.replace('^', "%5E"),
            (ended + RECORDING_VALID_MS).div_euclid(1000)
        ))
    }

    /// `Data` of QueryCallDetailByTaskId.
    pub fn detail(&self) -> Option<CallDetail> {
        let (state, desc) = self.state()?;
        let s = &self.snap;
        let dialog = self.dialog();
        let robot = dialog
            .iter()
            .filter(|t| t.role.as_deref() == Some("robot"))
            .count() as i64;
        let sure = dialog
            .iter()
            .filter(|t| t.content.as_deref().is_some_and(|c| SURE.contains(&c)))
            .count() as i64;
        let deny = dialog
            .iter()
            .filter(|t| t.content.as_deref() == Some(DENY))
            .count() as i64;
        let answered = s.answered_ms.is_some();
        Some(CallDetail {
            start_date: s.answered_ms.map(cst),
            state_desc: Some(desc.to_owned()),
            status_code: Some(CallStatusCode::new(state)),
            state: Some(CallStatusCode::new(state)),
            end_date: s.ended_ms.map(cst),
            callee_show_number: self.show_number(),
            callee: Some(national(&self.call.to)),
            duration: Some(self.duration_s()),
            gmt_create: Some(cst(s.created_ms)),
            tags: Some(String::new()),
            dialog_count: Some(robot),
            sure_count: Some(sure),
            deny_count: Some(deny),
            reject_count: Some(0),
            custom_count: Some(0),
            knowledge_count: Some(0),
            default_count: Some(0),
            knowledge_common_count: Some(0),
            knowledge_business_count: Some(0),
            record_file: self.record_file(),
            record_status: Some(if self.record_file().is_some() { 1 } else { 2 }),
            call_id: Some(self.call.id.clone()),
            dialog_detail: answered.then_some(dialog),
            ..CallDetail::default()
        })
    }

    /// `Data` of QueryCallDetailByCallId.
    pub fn record(&self) -> Option<CallRecord> {
        let (state, desc) = self.state()?;
        let s = &self.snap;
        Some(CallRecord {
            caller: self.show_number(),
            caller_show_number: self.show_number(),
            callee_show_number: self.show_number(),
            callee: Some(national(&self.call.to)),
            start_date: s.answered_ms.map(cst),
            end_date: s.ended_ms.map(cst),
            gmt_create: Some(cst(s.created_ms)),
            state: Some(CallStatusCode::new(state)),
            state_desc: Some(desc.to_owned()),
            duration: Some(self.duration_s()),
            b_ring_time: s.dial_ms.map(cst),
            b_end_time: s.ended_ms.map(cst),
            ..CallRecord::default()
        })
    }

    /// The robot's opening line: the dialog's TTS variables filled from this callee's row.
    pub fn opening(&self) -> String {
        let corp = self.request["CorpName"].as_str().unwrap_or("");
        let dialog = self.request["DialogId"].as_str().unwrap_or("");
        let mut line = if corp.is_empty() {
            "您好！".to_owned()
        } else {
            format!("您好！这里是{corp}。")
        };
        let heads = self.request["TtsParamHead"].as_array();
        let row = self.call.row();
        let values = row
            .as_ref()
            .and_then(|r| r.get("params"))
            .and_then(Value::as_array);
        if let (Some(heads), Some(values)) = (heads, values) {
            let filled: Vec<String> = heads
                .iter()
                .zip(values)
                .map(|(h, v)| format!("{}：{}", h.as_str().unwrap_or(""), v.as_str().unwrap_or("")))
                .collect();
            if !filled.is_empty() {
                line.push_str(&filled.join("，"));
                line.push('。');
            }
        }
        line.push_str(&format!("（话术 {dialog}）"));
        line
    }

    /// The conversation so far: robot and callee (`custom`) alternate every 8 s of talk. A
    /// voicemail box never answers; an early hang-up ends after one refusal.
    pub fn dialog(&self) -> Vec<DialogTurn> {
        let Some(answered) = self.snap.answered_ms else {
            return Vec::new();
        };
        let until = self.snap.ended_ms.unwrap_or(self.now_ms);
        let turn = |role: &str, content: String, at: i64| DialogTurn {
            role: Some(role.to_owned()),
            content: Some(content),
            time: Some(cst(at)),
            ..DialogTurn::default()
        };
        let start = answered + 1_000;
        let mut out = vec![turn("robot", self.opening(), start)];
        let count = ((until - answered) / TURN_MS).clamp(1, MAX_TURNS);
        for k in 1..count {
            let at = start + k * TURN_MS;
            if at > until {
                break;
            }
            let t = match (self.call.plan.outcome, k % 2) {
                (Outcome::Voicemail, _) => {
                    turn("robot", ROBOT[k as usize % ROBOT.len()].into(), at)
                }
                (_, 1) if self.call.plan.early_hangup => turn("custom", DENY.into(), at),
                (_, 1) => turn("custom", CUSTOM[(k as usize / 2) % CUSTOM.len()].into(), at),
                _ => turn("robot", ROBOT[(k as usize / 2) % ROBOT.len()].into(), at),
            };
            let stop = t.content.as_deref() == Some(DENY);
            out.push(t);
            if stop {
                break;
            }
        }
        if self.call.plan.early_hangup && out.len() == 1 && until >= start {
            out.push(turn("custom", DENY.into(), until));
        }
        out
    }
}

/// Callee lines counted as affirmative (`sureCount`).
const SURE: &[&str] = &["好的。", "可以，您说。"];
const DENY: &str = "不需要，谢谢。";
const CUSTOM: &[&str] = &["好的。", "嗯，然后呢？", "可以，您说。", "我考虑一下。"];
const ROBOT: &[&str] = &[
    "好的，我简单介绍一下。",
    "明白，我再补充一点。",
    "感谢您的耐心。",
];

/// Alibaba's national form (`+8613800138000` → `13800138000`).
pub fn national(e164: &str) -> String {
    phone::parse_for(Vendor::Aliyun, e164)
        .and_then(|n| phone::to_wire(Vendor::Aliyun, &n))
        .unwrap_or_else(|_| e164.to_owned())
}

/// A number as a request gives it, in E.164, when it is a dialable mainland number.
pub fn e164(any: &str) -> Option<String> {
    phone::parse_for(Vendor::Aliyun, any)
        .ok()
        .map(|n| n.e164().to_owned())
}
