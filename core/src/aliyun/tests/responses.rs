//! Parsing vendor bodies: the seed's BatchRobotSmartCall example, the call-detail `Data` strings
//! from Alibaba's docs, the gateway error body, and the simulator's reverse direction.

use crate::aliyun::time::{cst_to_unix_ms, java_date_cst_to_unix_ms};
use crate::aliyun::{
    BatchRobotSmartCallResponse, CallDetail, CallOutcome, CallRecord, CallStatusKind, CodeLayer,
    GatewayError, QueryCallDetailByCallIdResponse, QueryCallDetailByTaskIdResponse,
    ResponseEnvelope,
};
use serde_json::{Value, json};

/// The seed's "正常返回示例".
const SEED_RESPONSE: &str = r#"{
  "Code": "OK",
  "Message": "OK",
  "RequestId": "D9CB3933-9FE3-4870-BA8E-2BEE91B69D23",
  "TaskId": "4001112222"
}"#;

/// VENDORS.md §2.5's example `Data`, completed with the values of the same example on
/// help.aliyun.com/document_detail/393537.html (VENDORS.md elides the tail and the URL query).
const VENDORS_DATA: &str = r#"{"rejectCount":0,"dialogCount":3,"tags":"","startDate":"2019-03-27 10:34:54","gmtCreate":"2019-03-27 10:34:40","sureCount":0,"state":"200000","recordFile":"http://alicom-fc-record-biz.cn-hangzhou.oss.aliyun-inc.com/Freeswitch_RU_115987800002_record.wav?OSSAccessKeyId=x&Expires=1554382725","defaultCount":0,"endDate":"2019-03-27 10:35:09","calleeShowNumber":"053158552960","customCount":0,"callId":"115987800002^102789420002","knowledgeCount":0,"recordStatus":1,"denyCount":0,"duration":16,"stateDesc":"用户接听","knowledgeCommonCount":0,"callee":"13735460951","knowledgeBusinessCount":0,"hangupDirection":1}"#;

/// The JSON response example of the same page: `Data` is a string, `tags` is a number there, and
/// `dialogDetail` is an array of `{content, startTime, role}` (not the documented `time`).
fn doc_response() -> String {
    let data = json!({
        "rejectCount": 0, "dialogCount": 3, "tags": 1, "startDate": "2019-03-27 10:34:54",
        "gmtCreate": "2019-03-27 10:34:40", "sureCount": 0, "state": "200000",
        "recordFile": "http://alicom-fc-record-biz.cn-hangzhou.oss.aliyun-inc.com/r.wav?Expires=1554382725",
        "defaultCount": 0, "endDate": "2019-03-27 10:35:09", "calleeShowNumber": "053158552960",
        "customCount": 0, "callId": "115987800002^102789420002",
        "dialogDetail": [
            {"content": "我的呼叫测试", "startTime": "Wed Mar 27 10:34:45 CST 2019", "role": "robot"},
            {"content": "喂，哎，你好", "startTime": "Wed Mar 27 10:35:00 CST 2019", "role": "custom"},
            {"content": "不好意思，可以慢点再说一遍吗?", "startTime": "Wed Mar 27 10:35:00 CST 2019", "role": "robot"},
            {"content": "喂", "startTime": "Wed Mar 27 10:35:01 CST 2019", "role": "custom"},
            {"content": "哦再见", "startTime": "Wed Mar 27 10:35:08 CST 2019", "role": "custom"},
            {"content": "不好意思，我这边听得不是很清楚，您可以再说一遍吗？", "startTime": "Wed Mar 27 10:35:08 CST 2019", "role": "robot"}
        ],
        "knowledgeCount": 0, "recordStatus": 1, "denyCount": 0, "duration": 16,
        "stateDesc": "鐢ㄦ埛鎺ュ惉", "knowledgeCommonCount": 0, "callee": "13735460951",
        "knowledgeBusinessCount": 0, "hangupDirection": 1
    });
    json!({
        "Data": data.to_string(),
        "Message": "OK",
        "RequestId": "D86B61A8-F2EE-4E4C-9F05-08A4676FFD89",
        "Code": "OK"
    })
    .to_string()
}

#[test]
fn seed_response_example() {
    let r: BatchRobotSmartCallResponse = serde_json::from_str(SEED_RESPONSE).expect("parses");
    assert_eq!(r.code, "OK");
    assert_eq!(r.message, "OK");
    assert_eq!(r.request_id, "D9CB3933-9FE3-4870-BA8E-2BEE91B69D23");
    assert_eq!(r.task_id.as_deref(), Some("4001112222"));
    let env: ResponseEnvelope = serde_json::from_str(SEED_RESPONSE).expect("parses");
    assert!(env.is_ok());
    // Serializing gives the vendor's body back (the simulator's side).
    let again: Value = serde_json::to_value(&r).expect("serializes");
    assert_eq!(
        again,
        serde_json::from_str::<Value>(SEED_RESPONSE).expect("json")
    );
}

#[test]
fn task_id_as_a_number_is_read_as_text() {
    let r: BatchRobotSmartCallResponse =
        serde_json::from_str(r#"{"Code":"OK","TaskId":4001112222}"#).expect("parses");
    assert_eq!(r.task_id.as_deref(), Some("4001112222"));
}

#[test]
fn vendors_md_data_example() {
    let d = CallDetail::from_data(VENDORS_DATA).expect("parses");
    assert_eq!(d.dialog_count, Some(3));
    assert_eq!(d.duration, Some(16));
    assert_eq!(d.tags.as_deref(), Some(""));
    assert_eq!(d.hangup_direction.as_deref(), Some("1"));
    assert_eq!(d.callee.as_deref(), Some("13735460951"));
    assert_eq!(d.call_id.as_deref(), Some("115987800002^102789420002"));
    assert!(d.has_recording());
    let status = d.status().expect("state present");
    assert_eq!(status.raw(), "200000");
    assert_eq!(status.kind(), CallStatusKind::ListenedFully);
    assert_eq!(status.outcome(), Some(CallOutcome::Completed));
    assert_eq!(d.start_unix_ms(), Some(Ok(1_553_654_094_000)));
    assert_eq!(d.end_unix_ms(), Some(Ok(1_553_654_109_000)));
    assert_eq!(d.created_unix_ms(), Some(Ok(1_553_654_080_000)));
    assert!(
        d.extra.is_empty(),
        "every documented field is modelled: {:?}",
        d.extra
    );
}

#[test]
fn doc_json_response_with_string_data_and_dialog_detail() {
    let r: QueryCallDetailByTaskIdResponse = serde_json::from_str(&doc_response()).expect("parses");
    assert_eq!(r.code, "OK");
    let d = r.data.expect("Data present");
    assert_eq!(d.tags.as_deref(), Some("1"), "number tags read as text");
    let turns = d.dialog_detail.as_deref().expect("dialogDetail");
    assert_eq!(turns.len(), 6);
    assert_eq!(turns[0].role.as_deref(), Some("robot"));
    assert_eq!(turns[1].role.as_deref(), Some("custom"));
    assert_eq!(turns[1].content.as_deref(), Some("喂，哎，你好"));
    assert_eq!(
        turns[0].unix_ms(),
        Some(cst_to_unix_ms("2019-03-27 10:34:45"))
    );
    assert_eq!(
        turns[0].unix_ms(),
        Some(java_date_cst_to_unix_ms("Wed Mar 27 10:34:45 CST 2019"))
    );
}

#[test]
fn dialog_detail_as_json_text_and_numbers_as_text_are_accepted() {
    let data = json!({
        "duration": "16",
        "dialogCount": " 3 ",
        "sureCount": "",
        "statusCode": 200002,
        "state": null,
        "dialogDetail": "[{\"role\":\"robot\",\"content\":\"您好\",\"time\":\"2019-03-27 10:34:45\"}]",
        "newField": {"nested": true}
    });
    let d = CallDetail::from_data(&data.to_string()).expect("parses");
    assert_eq!(d.duration, Some(16));
    assert_eq!(d.dialog_count, Some(3));
    assert_eq!(d.sure_count, None, "blank text is absent, not zero");
    assert_eq!(d.state, None);
    assert_eq!(d.status().map(|s| s.raw()), Some("200002"));
    assert_eq!(
        d.status().and_then(|s| s.outcome()),
        Some(CallOutcome::Busy)
    );
    let turns = d.dialog_detail.expect("dialogDetail");
    assert_eq!(turns[0].content.as_deref(), Some("您好"));
    assert_eq!(turns[0].unix_ms(), Some(Ok(1_553_654_085_000)));
    assert_eq!(d.extra.get("newField"), Some(&json!({"nested": true})));
}

#[test]
fn unreadable_data_is_an_error_naming_the_field() {
    for (data, needle) in [
        (r#"{"duration":"sixteen"}"#, "duration"),
        (r#"{"dialogDetail":"[{"}"#, "dialogDetail"),
        ("not json", "not the expected JSON"),
    ] {
        let err = CallDetail::from_data(data).expect_err(data);
        assert!(err.to_string().contains(needle), "{data}: {err}");
        assert_eq!(err.code(), "invalid_json");
    }
    let body = json!({"Code": "OK", "Data": "{\"duration\":[1]}"}).to_string();
    let err = serde_json::from_str::<QueryCallDetailByTaskIdResponse>(&body).expect_err("bad Data");
    assert!(err.to_string().contains("duration"), "{err}");
}

#[test]
fn empty_or_missing_data_is_none() {
    for body in [
        r#"{"Data":"","Message":"OK","RequestId":"A90E4451","Code":"OK"}"#,
        r#"{"Data":null,"Code":"OK"}"#,
        r#"{"Code":"OK"}"#,
    ] {
        let r: QueryCallDetailByCallIdResponse = serde_json::from_str(body).expect(body);
        assert_eq!(r.data, None, "{body}");
    }
}

#[test]
fn call_record_example_by_call_id() {
    // The example of help.aliyun.com/document_detail/393529.html with plain quotes (the page
    // prints typographic ones, which the reader explains rather than accepts).
    let data = r#"{"caller":"18767130000","startDate":"","stateDesc":"502","duration":0,"callerShowNumber":"05344750000","gmtCreate":"2017-11-27 20:09:06","state":"502","endDate":"","calleeShowNumber":"05344750000","callee":"13735460000","bRingTime":"2017-11-27 20:09:08"}"#;
    let body =
        json!({"Code": "OK", "Message": "OK", "RequestId": "A90E", "Data": data}).to_string();
    let r: QueryCallDetailByCallIdResponse = serde_json::from_str(&body).expect("parses");
    let rec = r.data.expect("Data");
    assert_eq!(rec.caller.as_deref(), Some("18767130000"));
    assert_eq!(rec.start_unix_ms(), None, "blank startDate is absent");
    assert_eq!(rec.b_ring_time.as_deref(), Some("2017-11-27 20:09:08"));
    let state = rec.state.as_ref().expect("state");
    assert_eq!(state.raw(), "502", "raw code preserved");
    assert_eq!(state.kind(), CallStatusKind::Unrecognised);
    assert_eq!(state.outcome(), Some(CallOutcome::Unknown));
    assert_eq!(
        rec.created_unix_ms(),
        Some(cst_to_unix_ms("2017-11-27 20:09:06"))
    );

    let curly = r#"{“caller”:”18767130000”}"#;
    let err = CallRecord::from_data(curly).expect_err("typographic quotes");
    assert!(err.to_string().contains("typographic quotes"), "{err}");
}

#[test]
fn data_is_written_back_as_a_json_string() {
    let r: QueryCallDetailByTaskIdResponse = serde_json::from_str(&doc_response()).expect("parses");
    let v = serde_json::to_value(&r).expect("serializes");
    let data = v["Data"].as_str().expect("Data is a string on the wire");
    // Read back: same record, unknown fields and the dialog included.
    let back: QueryCallDetailByTaskIdResponse =
        serde_json::from_value(v.clone()).expect("reads back");
    assert_eq!(back, r);
    let d = CallDetail::from_data(data).expect("Data parses alone");
    assert_eq!(Some(&d), r.data.as_ref());
    assert_eq!(d.to_data().ok().as_deref(), Some(data));
    // None is written as "", like the vendor's empty answer.
    let empty = QueryCallDetailByTaskIdResponse {
        code: "OK".into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&empty).expect("serializes")["Data"],
        json!("")
    );
}

#[test]
fn gateway_error_body() {
    let body = r#"{"RequestId":"1DD9FD9A-9A33-4D3A-A5C5-3B6D0E1FEF2B","HostId":"dyvmsapi.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dx","Recommend":"https://error-center.aliyun.com/status/search?Keyword=SignatureDoesNotMatch&source=PopGw"}"#;
    let e: GatewayError = serde_json::from_str(body).expect("parses");
    assert_eq!(e.host_id, "dyvmsapi.aliyuncs.com");
    assert_eq!(e.server_string_to_sign(), Some("POST&%2F&AccessKeyId%3Dx"));
    let doc = e.documented().expect("documented");
    assert_eq!((doc.layer, doc.http_status), (CodeLayer::Gateway, 400));
    assert!(
        e.recommend
            .as_deref()
            .is_some_and(|r| r.contains("error-center"))
    );
    let env: ResponseEnvelope = serde_json::from_str(body).expect("same envelope");
    assert!(!env.is_ok());
}

#[test]
fn lower_case_business_body_from_older_sdks() {
    let body = r#"{"code":"isv.BUSINESS_LIMIT_CONTROL","message":"业务级流控,partnerId=1,prodId=11000000300006","requestId":"abc"}"#;
    let env: ResponseEnvelope = serde_json::from_str(body).expect("parses");
    assert_eq!(env.code, "isv.BUSINESS_LIMIT_CONTROL");
    assert_eq!(env.request_id, "abc");
    assert!(!env.is_ok());
    let doc = env.documented().expect("documented");
    assert_eq!(doc.layer, CodeLayer::Business);
    assert!(doc.retryable);
}
