//! Responses: the envelope, vendor examples, leniency (unknown fields and values kept), and the
//! EndStatus / error-code tables.

use crate::tencent::end_status::{EndStatus, Outcome, SessionStatus};
use crate::tencent::envelope::{Empty, parse_response};
use crate::tencent::error_codes::{
    CREATE_AI_CALL_ERROR_CODES, ERROR_CODES, ErrorScope, lookup, lookup_or_parent,
};
use crate::tencent::lookups::{
    AnalysisType, DescribeAIAnalysisResultOutput, DescribeAICallExtractResultOutput,
    DescribeAICallInteractionRecordsOutput, DescribeAILatencyOutput, DescribeSessionDetailOutput,
    DescribeTelCdrOutput, DescribeTelSessionOutput, HungUpSide, NodeType, latency,
};
use crate::tencent::{CreateAICall, Operation};
use serde_json::json;
use std::collections::HashSet;

type CreateOut = <CreateAICall as Operation>::Output;

#[test]
fn seed_create_ai_call_output() {
    let r = parse_response::<CreateOut>(json!({"Response": {
        "RequestId": "6bb56a09-2787-40bc-80c5-dc6dab783eff",
        "SessionId": "6bb56a09278740bc80c5dc6dab783eff"
    }}))
    .expect("reads");
    assert_eq!(r.request_id(), Some("6bb56a09-2787-40bc-80c5-dc6dab783eff"));
    let out = r.into_result().expect("success");
    assert_eq!(
        out.session_id.as_deref(),
        Some("6bb56a09278740bc80c5dc6dab783eff")
    );
    assert!(
        out.other.is_empty(),
        "RequestId belongs to the envelope: {:?}",
        out.other
    );
}

#[test]
fn error_envelope_reads_for_any_output_type() {
    let body = json!({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
        "Message": "The provided credentials could not be validated. Please check your signature is correct."},
        "RequestId": "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}});
    let r = parse_response::<CreateOut>(body.clone()).expect("reads");
    assert_eq!(r.request_id(), Some("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"));
    let err = r.into_result().expect_err("is an error");
    assert_eq!(err.code, "AuthFailure.SignatureFailure");
    assert!(!lookup(&err.code).expect("documented").retryable);
    assert!(
        parse_response::<DescribeTelCdrOutput>(body)
            .expect("reads")
            .error()
            .is_some()
    );
}

#[test]
fn tccli_describe_tel_cdr_example_reads_with_its_outcome() {
    // tccli examples/ccc/v20200210/DescribeTelCdr.md, Example 1 output (abridged to one record's
    // distinctive fields; values verbatim).
    let body = json!({"Response": {"TotalCount": 1, "RequestId": "abc", "TelCdrList": [{
        "AcceptTimestamp": 1729756307, "AsrStatus": "Complete", "AsrUrl": "https://xxxxxx",
        "Callee": "00860200000000", "Caller": "0086075500000", "CallerLocation": "广东深圳固话",
        "Direction": 0, "Duration": 8, "EndStatus": 1, "EndStatusString": "ok", "EndedTimestamp": 1729756315,
        "HungUpSide": "seat", "IVRDuration": 15, "IVRKeyPressed": ["香蕉"],
        "IVRKeyPressedEx": [{"Key": "香蕉", "Label": "香蕉", "NodeLabel": "语音识别导航", "OriginalContent": "香蕉。",
            "TTSPrompt": "输入您喜欢吃的水果", "Timestamp": 1729756303211u64}],
        "RecordId": "e9fdbff5-2e35-4480-83f7-81917e723fa5", "Remark": "skillGroupId--34588",
        "SeatUser": {"Mail": "xxxxxxx@tencent.com", "Name": "xiaoming", "Nick": "guanjia", "Phone": "00861580000000",
            "SkillGroupNameList": ["1539", "2522", "3551"], "StaffNumber": "20012", "UserId": "xxxxxxx@tencent.com"},
        "ServeParticipants": [{"AcceptTimestamp": 1729756306, "EndStatusString": "ok", "Mail": "xxxxxx@tencent.com",
            "Sequence": 0, "SkillGroupId": 2522, "Type": "staffSeat", "TransferFrom": ""}],
        "SessionId": "0955de87-c86d-4457-aac2-bee3d0a0b67a", "Time": 1729756291, "UUI": "", "Uui": "",
        "VoicemailAsrURL": [], "VoicemailRecordURL": [], "SomethingNew": {"x": 1}
    }]}});
    let out = parse_response::<DescribeTelCdrOutput>(body)
        .expect("reads")
        .into_result()
        .expect("success");
    assert_eq!(out.total_count, Some(1));
    let rec = &out.records()[0];
    assert_eq!(rec.end_status(), Some(EndStatus::Ok));
    assert_eq!(rec.outcome(), Outcome::Completed);
    assert_eq!(rec.hung_up_side, Some(HungUpSide::Seat));
    assert_eq!(
        rec.ivr_key_pressed_ex
            .as_ref()
            .map(|v| v[0].tts_prompt.clone()),
        Some(Some("输入您喜欢吃的水果".into()))
    );
    assert_eq!(
        rec.seat_user
            .as_ref()
            .and_then(|s| s.staff_number.as_deref()),
        Some("20012")
    );
    assert_eq!(
        rec.other.get("SomethingNew"),
        Some(&json!({"x": 1})),
        "unknown fields are kept"
    );
}

#[test]
fn outcome_prefers_the_code_and_falls_back_to_the_string() {
    let read = |v| -> DescribeTelCdrOutput {
        serde_json::from_value(json!({"TelCdrList": [v]})).expect("reads")
    };
    let out = read(json!({"EndStatus": 202, "EndStatusString": "ok"}));
    assert_eq!(out.records()[0].outcome(), Outcome::NoAnswer);
    let out = read(json!({"EndStatusString": "voiceMailReached"}));
    assert_eq!(out.records()[0].outcome(), Outcome::Voicemail);
    let out = read(json!({"EndStatus": 999}));
    assert_eq!(out.records()[0].end_status(), Some(EndStatus::Other(999)));
    assert_eq!(out.records()[0].outcome(), Outcome::Unknown);
    assert_eq!(read(json!({})).records()[0].outcome(), Outcome::Unknown);
    // The deprecated list is used when it is the only one.
    let old: DescribeTelCdrOutput =
        serde_json::from_value(json!({"TelCdrs": [{"EndStatus": 206}]})).expect("reads");
    assert_eq!(old.records()[0].outcome(), Outcome::Busy);
}

#[test]
fn live_session_status_and_unknown_values_are_kept() {
    for (wire, want, terminal) in [
        ("ringing", SessionStatus::Ringing, false),
        ("seatJoining", SessionStatus::SeatJoining, false),
        ("inProgress", SessionStatus::InProgress, false),
        ("finished", SessionStatus::Finished, true),
        ("paused", SessionStatus::Other("paused".into()), false),
    ] {
        let out = parse_response::<DescribeTelSessionOutput>(json!({"Response": {"Session": {
            "SessionID": "s1", "SessionStatus": wire, "Direction": 1}, "RequestId": "r"}}))
        .expect("reads")
        .into_result()
        .expect("success");
        let s = out.session.expect("session");
        assert_eq!(s.session_status.as_ref(), Some(&want));
        assert_eq!(want.is_terminal(), terminal);
        assert_eq!(
            serde_json::to_value(&want).expect("ser"),
            json!(wire),
            "round trip"
        );
    }
}

#[test]
fn session_detail_reads_vendor_spellings() {
    let out: DescribeSessionDetailOutput = serde_json::from_value(json!({
        "Caller": "008601012341234", "Callee": "008613012345678", "CallType": 1, "StartTimeStamp": 1756892198,
        "EndStatus": 222, "RecordURL": "https://r.example/x.mp3", "AsrURL": "https://r.example/x.txt",
        "VoicemailRecordURL": ["https://r.example/v.mp3"], "HungUpSide": "system", "UUI": "",
        "SysHangupReason": 3, "SysHangupReasonString": "voicemail"
    }))
    .expect("reads");
    assert_eq!(out.start_time_stamp, Some(1756892198));
    assert_eq!(out.outcome(), Some(Outcome::Voicemail));
    assert_eq!(out.hung_up_side, Some(HungUpSide::System));
    assert_eq!(
        out.voicemail_record_url.as_deref().map(<[String]>::len),
        Some(1)
    );
    assert!(out.other.is_empty(), "{:?}", out.other);
}

#[test]
fn ai_result_outputs_read() {
    let ex: DescribeAICallExtractResultOutput = serde_json::from_value(json!({"ResultList": [
        {"InfoType": "Boolean", "InfoName": "兴趣", "InfoContent": "用户是否对产品感兴趣",
         "Result": {"Text": "", "Chosen": [], "Boolean": true, "Number": 0}}]}))
    .expect("reads");
    assert_eq!(
        ex.result_list
            .as_ref()
            .and_then(|l| l[0].result.as_ref())
            .and_then(|r| r.boolean),
        Some(true)
    );

    let an: DescribeAIAnalysisResultOutput = serde_json::from_value(json!({"ResultList": [
        {"Type": "summary", "Result": "ok"}, {"Type": "sentiment", "Result": "?"}]}))
    .expect("reads");
    let types: Vec<_> = an
        .result_list
        .iter()
        .flatten()
        .filter_map(|r| r.analysis_type.clone())
        .collect();
    assert_eq!(
        types,
        vec![
            AnalysisType::Summary,
            AnalysisType::Other("sentiment".into())
        ]
    );

    let ir: DescribeAICallInteractionRecordsOutput = serde_json::from_value(json!({"InteractionEventList": [{
        "RoundId": "r1", "RoundIndex": 1, "Tags": "",
        "Messages": [{"Timestamp": 1737350008000u64, "UserReply": {"ASRTranscript": "你好", "BranchType": "Intent"}},
                     {"Timestamp": 1737350009000u64, "AISpeak": {"SpokenText": "您好", "SpokenType": "Script", "CanBeInterrupted": true}}],
        "Paths": [{"NodeName": "start", "NodeType": "DIALOGUE", "Timestamp": 1737350008000u64}]}]}))
    .expect("reads");
    let round = &ir.interaction_event_list.as_ref().expect("rounds")[0];
    assert_eq!(
        round.paths.as_ref().and_then(|p| p[0].node_type.clone()),
        Some(NodeType::Dialogue)
    );
    let msgs = round.messages.as_ref().expect("messages");
    assert_eq!(
        msgs[1]
            .ai_speak
            .as_ref()
            .and_then(|a| a.spoken_text.as_deref()),
        Some("您好")
    );

    let lat: DescribeAILatencyOutput = serde_json::from_value(json!({
        "AILatencyDetail": [{"RoundId": "r1", "ASRLatency": 300, "TTSLatency": -1, "LLMLatency": 800, "ETELatency": 1200, "LLMFirstTokenLatency": 400}],
        "AILatencyStatistics": {"ETELatency": {"MinLatency": 900, "MiddleLatency": 1200, "P90Latency": -1}}}))
    .expect("reads");
    let d = &lat.ai_latency_detail.as_ref().expect("detail")[0];
    assert_eq!(
        (latency(d.asr_latency), latency(d.tts_latency)),
        (Some(300), None)
    );
    assert!(d.other.contains_key("LLMFirstTokenLatency"));
    let p90 = lat
        .ai_latency_statistics
        .and_then(|s| s.ete_latency)
        .and_then(|e| latency(e.p90_latency));
    assert_eq!(p90, None);

    let hang = parse_response::<Empty>(json!({"Response": {"RequestId": "r"}})).expect("reads");
    assert!(hang.into_result().expect("success").other.is_empty());
}

#[test]
fn a_wrong_type_in_a_known_field_is_an_error_naming_value_and_type() {
    let err = parse_response::<DescribeTelCdrOutput>(json!({"Response": {"TotalCount": "many"}}))
        .expect_err("wrong type");
    assert_eq!(err.code(), "invalid_json");
    let msg = err.to_string();
    assert!(
        msg.contains("`Response`") && msg.contains("\"many\"") && msg.contains("expected i64"),
        "{msg}"
    );
    let err = parse_response::<DescribeTelCdrOutput>(json!({"NotResponse": {}}))
        .expect_err("no envelope");
    assert!(err.to_string().contains("Response"), "{err}");
}

#[test]
fn end_status_table_is_consistent() {
    let codes: HashSet<i64> = EndStatus::ALL.iter().map(|s| s.code()).collect();
    let names: HashSet<&str> = EndStatus::ALL.iter().filter_map(|s| s.as_str()).collect();
    assert_eq!(codes.len(), EndStatus::ALL.len(), "codes are unique");
    assert_eq!(names.len(), EndStatus::ALL.len(), "names are unique");
    for s in EndStatus::ALL {
        assert_eq!(EndStatus::from_code(s.code()), *s);
        assert_eq!(s.as_str().and_then(EndStatus::from_name), Some(*s));
        assert!(!s.outcome_reason().is_empty());
        assert_eq!(
            serde_json::from_value::<EndStatus>(json!(s.code())).expect("reads"),
            *s
        );
    }
    // Every code VENDORS.md §3.3 lists (from the TelCdrInfo doc) is known.
    for c in [
        1, 100, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 202, 203, 204, 205, 206, 207,
        208, 209, 210, 211, 212, 213, 215, 216, 217, 218, 219, 220, 221, 222, 501, 502, 503,
    ] {
        assert!(codes.contains(&c), "{c} missing");
    }
}

#[test]
fn end_status_outcomes_follow_the_documented_meanings() {
    for (code, name, outcome) in [
        (1, "ok", Outcome::Completed),
        (202, "notAnswer", Outcome::NoAnswer),
        (203, "userReject", Outcome::Busy),
        (204, "powerOff", Outcome::NoAnswer),
        (205, "numberNotExist", Outcome::Failed),
        (206, "busy", Outcome::Busy),
        (209, "callerCancel", Outcome::Canceled),
        (210, "notInService", Outcome::NoAnswer),
        (109, "tooManyRequest", Outcome::Failed),
        (222, "voiceMailReached", Outcome::Voicemail),
        (201, "unknown", Outcome::Unknown),
        (503, "voipClientError", Outcome::Failed),
    ] {
        let s = EndStatus::from_code(code);
        assert_eq!(s.as_str(), Some(name), "{code}");
        assert_eq!(s.outcome(), outcome, "{code} {name}");
    }
    assert_eq!(
        serde_json::to_value(Outcome::NoAnswer).expect("ser"),
        json!("no_answer")
    );
    assert_eq!(Outcome::NoAnswer.as_str(), "no_answer");
}

#[test]
fn error_code_table_covers_the_documented_codes() {
    let mut seen = HashSet::new();
    for e in ERROR_CODES {
        assert!(seen.insert(e.code), "{} twice", e.code);
        assert!(
            !e.meaning.is_empty() && e.meaning.ends_with('.'),
            "{}",
            e.code
        );
    }
    for c in CREATE_AI_CALL_ERROR_CODES {
        assert!(lookup(c).is_some(), "seed code {c} missing");
    }
    for c in [
        "AuthFailure.SignatureExpire",
        "RequestLimitExceeded",
        "UnsupportedRegion",
        "ResourceUnavailable",
    ] {
        assert_eq!(lookup(c).map(|e| e.scope), Some(ErrorScope::Common), "{c}");
    }
    for c in [
        "InvalidParameter.InvalidPhoneNumber",
        "OperationDenied.UinDisabled",
        "LimitExceeded.BasePackageExpired",
    ] {
        assert_eq!(lookup(c).map(|e| e.scope), Some(ErrorScope::Ccc), "{c}");
    }
    assert!(
        lookup("RequestLimitExceeded.UinLimitExceeded")
            .expect("known")
            .retryable
    );
    assert!(
        !lookup("InvalidParameterValue.InstanceNotExist")
            .expect("known")
            .retryable
    );
    assert_eq!(
        lookup_or_parent("FailedOperation.SomethingNew").map(|e| e.code),
        Some("FailedOperation")
    );
    assert_eq!(
        lookup_or_parent("RequestLimitExceeded.NewKind").map(|e| e.retryable),
        Some(true)
    );
    assert_eq!(lookup_or_parent("Nonsense.Code"), None);
}
