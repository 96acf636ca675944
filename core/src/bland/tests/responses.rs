//! Response models read the documented examples (VENDORS.md §1; seeds 000 and 001) and keep what
//! they do not model.

use crate::bland::*;
use serde_json::{Value, json};

fn read<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn send_call_and_batch_create_responses() {
    let r: SendCallResponse = read(json!({
        "status": "success", "message": "Call successfully queued.",
        "call_id": "9d404c1b-6a23-4426-953a-a52c392ff8f1", "batch_id": null
    }));
    assert_eq!(r.status, Some(ResponseStatus::Success));
    assert_eq!(
        r.call_id.as_deref(),
        Some("9d404c1b-6a23-4426-953a-a52c392ff8f1")
    );
    assert_eq!(r.batch_id, None);

    // The French guide's example response.
    let b: CreateBatchResponse =
        read(json!({"message": "success", "batch_id": "3p$7rQ3p9sT5bzmF-gen-batch"}));
    assert_eq!(b.batch_id.as_deref(), Some("3p$7rQ3p9sT5bzmF-gen-batch"));
}

#[test]
fn inbound_update_response_from_the_chinese_page() {
    let r: InboundUpdateResponse = read(json!({
        "status": "success",
        "message": "Successfully updated number +18584139939.",
        "updates": {
            "prompt": "(Your prompt)", "voice": "maya", "webhook": null,
            "first_sentence": "Roberta speaking, how can I help you?",
            "record": false, "max_duration": 30, "model": "enhanced"
        }
    }));
    let updates = r.updates.as_ref().unwrap();
    assert_eq!(updates["webhook"], Value::Null);
    assert_eq!(updates["max_duration"], json!(30));
    assert_eq!(r.failed_updates, None);

    let failed: InboundUpdateResponse = read(json!({
        "status": "error", "message": "Some updates failed", "updates": {},
        "failed_updates": {"voice": "Voice not found"}
    }));
    assert_eq!(failed.status, Some(ResponseStatus::Error));
    assert!(failed.failed_updates.unwrap().contains_key("voice"));

    let list: InboundListResponse = read(json!({"inbound_numbers": [
        {"created_at": "2024-01-01", "phone_number": "+18584139939", "prompt": "p", "webhook": null,
         "voice_id": 2, "dynamic_data": null, "max_duration": 30, "pathway_id": null, "interruption_threshold": 100}
    ]}));
    assert_eq!(
        list.inbound_numbers[0].phone_number.as_deref(),
        Some("+18584139939")
    );
    assert!(
        list.inbound_numbers[0]
            .extra
            .contains_key("interruption_threshold")
    );
}

#[test]
fn v2_batch_responses_and_status_webhook() {
    let created: CreateBatchV2Response =
        read(json!({"data": {"batch_id": "8b8e8c57-1"}, "errors": null}));
    assert!(created.is_success());
    assert_eq!(
        created.data.unwrap().batch_id.as_deref(),
        Some("8b8e8c57-1")
    );

    let list: ListBatchesV2Response = read(json!({"data": [{
        "id": "b1", "user_id": "u1", "base_prompt": "{\"task\":\"Hi\"}", "created_at": "2025-06-01T00:00:00Z",
        "call_objects": [{"phone_number": "+12015550123"}], "description": "Untitled Batch"
    }], "errors": null}));
    let first = &list.data.unwrap()[0];
    assert_eq!(first.base_prompt_json(), Some(json!({"task": "Hi"})));

    let logs: BatchLogsResponse = read(json!({"data": [
        {"id": 1, "batch_id": "b1", "org_id": "o", "event_type": "lifecycle", "timestamp": "t",
         "payload": {"message": "Requested: 1. Validated: 1. Dispatched: 1. CPS: 1.12.", "state_change": "in_progress"}},
        {"id": 2, "batch_id": "b1", "org_id": "o", "event_type": "complete", "timestamp": "t",
         "payload": {"calls_total": 1, "calls_failed": 0, "calls_successful": 1}},
        {"id": 3, "event_type": "mystery", "payload": [1]}
    ], "errors": null}));
    let entries = logs.data.unwrap();
    assert_eq!(
        entries[0].typed_payload(),
        BatchLogPayload::Lifecycle {
            message: Some("Requested: 1. Validated: 1. Dispatched: 1. CPS: 1.12.".into()),
            state_change: Some(BatchStatus::InProgress)
        }
    );
    assert_eq!(
        entries[1].typed_payload(),
        BatchLogPayload::Complete(BatchTally {
            calls_total: Some(1),
            calls_successful: Some(1),
            calls_failed: Some(0)
        })
    );
    assert_eq!(
        entries[2].typed_payload(),
        BatchLogPayload::Other(json!([1]))
    );

    let stop: StopBatchV2Response = read(json!({"data": null, "errors": null}));
    assert!(stop.is_success());

    for (status, is_final) in [
        ("validating", false),
        ("dispatching", false),
        ("in_progress", false),
        ("in_progress_chunked", false),
        ("waiting_for_scheduled_calls", false),
        ("completed", true),
        ("failed", true),
        ("completed_partial", true),
    ] {
        let w: BatchStatusWebhook =
            read(json!({"batch_id": "b1", "status": status, "timestamp": "t"}));
        let s = w.status.unwrap();
        assert!(s.is_known(), "{status}");
        assert_eq!(s.is_final(), is_final, "{status}");
    }
    let failed: BatchStatusWebhook = read(json!({
        "batch_id": "b1", "status": "failed", "timestamp": "t", "code": "source_invalid", "reason": "bad"
    }));
    assert_eq!(failed.code.as_deref(), Some("source_invalid"));
}

#[test]
fn legacy_v1_batch_responses() {
    let list: ListBatchesV1Response = read(json!({"status": "success", "batches": [
        {"batch_id": "x-gen-batch", "campaign_id": null, "label": "L", "base_prompt": "Hi {{name}}",
         "endpoint_code": "api", "call_params": {"max_duration": 10}, "created_at": "2024-01-01"}
    ]}));
    assert_eq!(list.batches[0].batch_id.as_deref(), Some("x-gen-batch"));

    let details: LegacyBatchDetails = read(json!({
        "status": "in-progress",
        "batch_params": {"id": "x-gen-batch", "campaign_id": null, "created_at": "2024-01-01", "label": "L",
                         "base_prompt": "Hi", "endpoint_code": "api", "call_params": {}},
        "analysis": {
            "total_calls": 88, "completed_calls": 85, "in_progress_calls": 2,
            "queue_statuses": {"complete": 85, "started": 2, "call_error": 1},
            "call_lengths": {"average": 1.2, "average_nonzero": 1.5, "summary": {"0-5": 18}, "all": [0.5, 2.0]},
            "call_ids": ["c1"], "error_messages": [{"call_id": "c9", "error_message": "busy"}], "endpoints": {}
        },
        "call_data": [{"call_id": "c1", "queue_status": "complete", "answered_by": "human",
                       "transcripts": [{"id": 1, "text": "Hi", "user": "assistant"}]}]
    }));
    assert_eq!(details.status, Some(LegacyBatchStatus::InProgress));
    let a = details.analysis.unwrap();
    assert_eq!(a.queue_statuses.unwrap()["call_error"], 1);
    assert_eq!(a.call_lengths.unwrap().summary.unwrap()["0-5"], 18);
    assert_eq!(
        a.error_messages.unwrap()[0].error_message.as_deref(),
        Some("busy")
    );
    assert_eq!(
        details.call_data.unwrap()[0].answered_by,
        Some(AnsweredBy::Human)
    );

    let stop: StopBatchV1Response = read(json!({
        "status": "success", "message": "Successfully stopped batch", "num_calls": 1205, "batch_id": "x"
    }));
    assert_eq!(stop.num_calls, Some(1205));

    let analyzed: AnalyzeBatchResponse = read(json!({
        "status": "success", "message": "Successfully analyzed batch",
        "answers": {"c1": ["yes", 3]}, "credits_used": 0.5
    }));
    assert_eq!(analyzed.answers.unwrap()["c1"].len(), 2);

    let analysis: BatchAnalysisResponse = read(json!({
        "status": "success", "message": "Successfully fetched analyses",
        "analysis": [{"call_id": "c1", "batch_id": "x", "goal": "g", "answers": ["yes"], "questions": [["q", "string"]]}]
    }));
    assert_eq!(analysis.analysis.unwrap()[0].goal.as_deref(), Some("g"));
}

#[test]
fn call_endpoints_responses() {
    let list: ListCallsResponse = read(json!({"total_count": 2, "count": 1, "calls": [
        {"call_id": "c1", "to": "5551234567", "completed": false, "queue_status": "queued"}
    ]}));
    assert_eq!(list.calls[0].queue_status, Some(QueueStatus::Queued));

    let stop: StopCallResponse =
        read(json!({"status": "success", "message": "Call ended successfully."}));
    assert!(stop.is_success());

    let analyzed: AnalyzeCallResponse = read(json!({
        "status": "success", "message": "Successfully analyzed call", "answers": ["yes", true]
    }));
    assert_eq!(analyzed.answers.unwrap().len(), 2);

    let live: LiveEvent = read(
        json!({"message": "Call enqueued", "call_id": "c1", "category": "queue", "log_level": "info"}),
    );
    assert_eq!(live.category, Some(WebhookEvent::Queue));
}

#[test]
fn analyze_request_rules() {
    let (_, ok) =
        parse_analyze(json!({"goal": "Renewals", "questions": [["Did they renew?", "boolean"]]}));
    assert!(ok.issues.is_empty(), "{ok}");
    let (_, empty) = parse_analyze(json!({"goal": "g", "questions": []}));
    assert_eq!(empty.issues[0].code, crate::IssueCode::Required);
    let (_, bad) = parse_analyze(json!({"questions": [["", "string"], "oops", ["q", "string"]]}));
    let paths: Vec<_> = bad.issues.iter().map(|i| i.path.to_string()).collect();
    assert_eq!(paths, vec!["questions[1]", "questions[0][0]"], "{bad}");
}

#[test]
fn queries_serialise_to_pairs() {
    let q: ListCallsQuery = read(
        json!({"limit": 50, "batch_id": "b1", "to_number": "201-555-0123", "completed": true}),
    );
    let mut r = crate::Report::new();
    validate_list_calls(&q, &mut r);
    assert!(r.issues.is_empty(), "{r}");
    assert_eq!(
        q.to_query_pairs(),
        vec![
            ("limit".to_owned(), "50".to_owned()),
            ("to_number".to_owned(), "+12015550123".to_owned()),
            ("batch_id".to_owned(), "b1".to_owned()),
            ("completed".to_owned(), "true".to_owned()),
        ]
    );
    let bad: ListCallsQuery =
        read(json!({"limit": 0, "from": 10, "to": 2, "timezone": "Nowhere/Land"}));
    let mut r = crate::Report::new();
    validate_list_calls(&bad, &mut r);
    let paths: Vec<_> = r.issues.iter().map(|i| i.path.to_string()).collect();
    assert_eq!(paths, vec!["limit", "to", "timezone"]);

    let mut r = crate::Report::new();
    validate_list_batches_v1(&read(json!({"limit": 0})), &mut r);
    validate_take(Some(0), &mut r);
    assert_eq!(r.issues.len(), 2);
}
