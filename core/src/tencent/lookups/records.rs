//! Outputs of the call-record lookups: DescribeTelSession (live), DescribeSessionDetail (one call)
//! and DescribeTelCdr (records in a window). Lenient: every field optional (Tencent documents many as
//! "may return null"), unknown fields kept in `other`, unknown enum values kept verbatim.
//! Field lists: tencentcloud-sdk-dotnet `PSTNSession.cs`, `DescribeSessionDetailResponse.cs`,
//! `TelCdrInfo.cs` (intl-en and CN editions), `ServeParticipant`, `IVRKeyPressedElement.cs`,
//! `SessionEvent.cs`; AIAgentId/AIAgentName from the PHP SDK's TelCdrInfo.

use super::lenient::lenient_str_enum;
use crate::tencent::end_status::{EndStatus, Outcome, SessionStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

lenient_str_enum! {
    /// Who hung up (`HungUpSide`).
    HungUpSide {
        /// An agent.
        Seat => "seat",
        /// The customer (for AI calls: the callee).
        User => "user",
        /// The platform (including the AI ending the call).
        System => "system",
    }
}

/// DescribeTelSession output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeTelSessionOutput {
    /// The session.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<PstnSession>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A live telephone session (`PSTNSession`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PstnSession {
    /// Session ID (note the capital `ID` on this struct only).
    #[serde(rename = "SessionID", default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Temporary room ID.
    #[serde(rename = "RoomID", default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// Caller number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// Callee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    /// Start, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timestamp: Option<i64>,
    /// Ringing since, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_timestamp: Option<i64>,
    /// Answered at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_timestamp: Option<i64>,
    /// Agent e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_email: Option<String>,
    /// Agent number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_number: Option<String>,
    /// ringing | seatJoining | inProgress | finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_status: Option<SessionStatus>,
    /// 0 inbound, 1 outbound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<i64>,
    /// Number used when transferring to an outside line.
    #[serde(
        rename = "OutBoundCaller",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub out_bound_caller: Option<String>,
    /// Outside-line callee.
    #[serde(
        rename = "OutBoundCallee",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub out_bound_callee: Option<String>,
    /// Caller number-protection ID (then Caller is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_caller: Option<String>,
    /// Callee number-protection ID (then Callee is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_callee: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// DescribeSessionDetail output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeSessionDetailOutput {
    /// Caller number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// Callee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    /// 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<i64>,
    /// Start, Unix seconds (the vendor spells it `StartTimeStamp` here).
    #[serde(
        rename = "StartTimeStamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time_stamp: Option<i64>,
    /// Ringing since, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_timestamp: Option<i64>,
    /// Answered at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_timestamp: Option<i64>,
    /// Ended at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_timestamp: Option<i64>,
    /// Queued at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_timestamp: Option<i64>,
    /// Agent account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_user_id: Option<String>,
    /// How the call ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_status: Option<EndStatus>,
    /// Queue skill group ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_skill_group_id: Option<i64>,
    /// Queue skill group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_skill_group_name: Option<String>,
    /// Signed recording URL; fetch within 24 h, do not store the link.
    #[serde(rename = "RecordURL", default, skip_serializing_if = "Option::is_none")]
    pub record_url: Option<String>,
    /// Recording copied to your COS bucket.
    #[serde(
        rename = "CustomRecordURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_record_url: Option<String>,
    /// Signed transcript URL; fetch within 24 h.
    #[serde(rename = "AsrURL", default, skip_serializing_if = "Option::is_none")]
    pub asr_url: Option<String>,
    /// Voicemail recording URLs.
    #[serde(
        rename = "VoicemailRecordURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub voicemail_record_url: Option<Vec<String>>,
    /// Voicemail transcript URLs.
    #[serde(
        rename = "VoicemailAsrURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub voicemail_asr_url: Option<Vec<String>>,
    /// IVR keys pressed.
    #[serde(
        rename = "IVRKeyPressed",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ivr_key_pressed: Option<Vec<IvrKeyPressedElement>>,
    /// Satisfaction-survey keys pressed.
    #[serde(
        rename = "PostIVRKeyPressed",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub post_ivr_key_pressed: Option<Vec<IvrKeyPressedElement>>,
    /// seat | user | system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hung_up_side: Option<HungUpSide>,
    /// User-to-user data.
    #[serde(rename = "UUI", default, skip_serializing_if = "Option::is_none")]
    pub uui: Option<String>,
    /// In-call events (hold, mute, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<SessionEvent>>,
    /// Agents who served the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serve_participants: Option<Vec<ServeParticipant>>,
    /// System hang-up reason code after connection (cloud.tencent.com/document/product/679/123938).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_hangup_reason: Option<i64>,
    /// System hang-up reason text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_hangup_reason_string: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl DescribeSessionDetailOutput {
    /// The unified outcome, when the record has an EndStatus.
    pub fn outcome(&self) -> Option<Outcome> {
        self.end_status.map(EndStatus::outcome)
    }
}

/// DescribeTelCdr output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTelCdrOutput {
    /// Records matching the query (all pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// Deprecated copy of TelCdrList.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tel_cdrs: Option<Vec<TelCdrInfo>>,
    /// This page's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tel_cdr_list: Option<Vec<TelCdrInfo>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl DescribeTelCdrOutput {
    /// This page's records: TelCdrList, or the deprecated TelCdrs when only that is present.
    pub fn records(&self) -> &[TelCdrInfo] {
        self.tel_cdr_list
            .as_deref()
            .or(self.tel_cdrs.as_deref())
            .unwrap_or_default()
    }
}

/// One call record (`TelCdrInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TelCdrInfo {
    /// Caller number (`0086…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// Callee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    /// Call initiated at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    /// 0 inbound, 1 outbound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<i64>,
    /// 1 outbound, 2 inbound, 3 audio inbound, 5 predictive, 6 internal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_type: Option<i64>,
    /// Talk time in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
    /// Recording URL.
    #[serde(rename = "RecordURL", default, skip_serializing_if = "Option::is_none")]
    pub record_url: Option<String>,
    /// Recording ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_user: Option<SeatUserInfo>,
    /// How the call ended (numeric).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_status: Option<EndStatus>,
    /// Skill group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_group: Option<String>,
    /// Caller location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_location: Option<String>,
    /// Seconds in the IVR.
    #[serde(
        rename = "IVRDuration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ivr_duration: Option<i64>,
    /// Ringing since, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_timestamp: Option<i64>,
    /// Answered at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_timestamp: Option<i64>,
    /// Ended at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_timestamp: Option<i64>,
    /// IVR keys, e.g. ["1","2"].
    #[serde(
        rename = "IVRKeyPressed",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ivr_key_pressed: Option<Vec<String>>,
    /// seat | user | system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hung_up_side: Option<HungUpSide>,
    /// Agents who served the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serve_participants: Option<Vec<ServeParticipant>>,
    /// Skill group ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_group_id: Option<i64>,
    /// How the call ended (string form of EndStatus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_status_string: Option<String>,
    /// Session start, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timestamp: Option<i64>,
    /// Queued at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_timestamp: Option<i64>,
    /// Satisfaction-survey keys.
    #[serde(
        rename = "PostIVRKeyPressed",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub post_ivr_key_pressed: Option<Vec<IvrKeyPressedElement>>,
    /// Queue skill group ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_skill_group_id: Option<i64>,
    /// Session ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Caller number-protection ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_caller: Option<String>,
    /// Callee number-protection ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_callee: Option<String>,
    /// Deprecated spelling of UUI.
    #[serde(rename = "Uui", default, skip_serializing_if = "Option::is_none")]
    pub uui_deprecated: Option<String>,
    /// User-to-user data.
    #[serde(rename = "UUI", default, skip_serializing_if = "Option::is_none")]
    pub uui: Option<String>,
    /// IVR keys with labels.
    #[serde(
        rename = "IVRKeyPressedEx",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ivr_key_pressed_ex: Option<Vec<IvrKeyPressedElement>>,
    /// Transcript URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asr_url: Option<String>,
    /// Complete | Processing | NotExists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asr_status: Option<String>,
    /// Recording copied to your COS bucket.
    #[serde(
        rename = "CustomRecordURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_record_url: Option<String>,
    /// Remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Queue skill group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_skill_group_name: Option<String>,
    /// Voicemail recording URLs.
    #[serde(
        rename = "VoicemailRecordURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub voicemail_record_url: Option<Vec<String>>,
    /// Voicemail transcript URLs.
    #[serde(
        rename = "VoicemailAsrURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub voicemail_asr_url: Option<Vec<String>>,
    /// AI agent ID (console-configured agents).
    #[serde(rename = "AIAgentId", default, skip_serializing_if = "Option::is_none")]
    pub ai_agent_id: Option<i64>,
    /// AI agent name.
    #[serde(
        rename = "AIAgentName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ai_agent_name: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl TelCdrInfo {
    /// EndStatus, falling back to EndStatusString when the number is missing.
    pub fn end_status(&self) -> Option<EndStatus> {
        EndStatus::resolve(
            self.end_status.map(EndStatus::code),
            self.end_status_string.as_deref(),
        )
    }
    /// The unified outcome; `Unknown` when the record says nothing.
    pub fn outcome(&self) -> Outcome {
        self.end_status()
            .map_or(Outcome::Unknown, EndStatus::outcome)
    }
}

/// Agent on a record (`SeatUserInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SeatUserInfo {
    /// Agent e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Skill groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_group_name_list: Option<Vec<String>>,
    /// Staff number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_number: Option<String>,
    /// User ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An agent leg of a call (`ServeParticipant`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServeParticipant {
    /// Agent e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<String>,
    /// Agent phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Ringing since, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_timestamp: Option<i64>,
    /// Answered at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_timestamp: Option<i64>,
    /// Ended at, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_timestamp: Option<i64>,
    /// Agent-side recording ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// staffSeat | outboundSeat | staffPhoneSeat.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub participant_type: Option<String>,
    /// Transferred from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_from: Option<String>,
    /// Type of the transferring participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_from_type: Option<String>,
    /// Transferred to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to: Option<String>,
    /// Type of the receiving participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to_type: Option<String>,
    /// Skill group ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_group_id: Option<i64>,
    /// End status string of this leg.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_status_string: Option<String>,
    /// Recording URL.
    #[serde(rename = "RecordURL", default, skip_serializing_if = "Option::is_none")]
    pub record_url: Option<String>,
    /// Order, from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Start, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timestamp: Option<i64>,
    /// Skill group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_group_name: Option<String>,
    /// Recording copied to your COS bucket.
    #[serde(
        rename = "CustomRecordURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_record_url: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A key press or recognised keyword in an IVR (`IVRKeyPressedElement`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IvrKeyPressedElement {
    /// Key or keyword.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Its label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// Node label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_label: Option<String>,
    /// Raw user input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_content: Option<String>,
    /// Prompt played.
    #[serde(rename = "TTSPrompt", default, skip_serializing_if = "Option::is_none")]
    pub tts_prompt: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An in-call event (`SessionEvent`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionEvent {
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// StaffHold | StaffUnhold | StaffMute | StaffUnmute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Agent event detail, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_event_detail: Option<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}
