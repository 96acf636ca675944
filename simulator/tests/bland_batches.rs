//! Bland batches (legacy v1 and v2) and webhooks over real HTTP: every call of a batch reaches a
//! terminal state and is listed by `GET /v1/calls?batch_id=`, the post-call webhook arrives signed
//! and is retried, v2 `status_webhook` events arrive in order of the lifecycle.

mod bland_support;
mod common;

use bland_support::*;
use callplane_core::api::bland::{BlandClient, BlandRequest, Envelope};
use callplane_core::bland::{
    BatchGlobal, BatchLogEntry, BatchLogsQuery, BatchRequest, BatchStatusWebhook, BatchV2,
    CallDataRow, CallObject, CreateBatchResponse, CreateBatchV2Request, CreatedBatch,
    LegacyBatchDetails, ListBatchesV1Query, ListBatchesV2Query, ListCallsQuery, LogDirection,
    SendCallRequest,
};
use callplane_core::secret::Secret;
use callplane_sim::Simulator;
use callplane_sim::config::{DEFAULT_BLAND_WEBHOOK_SECRET, Limits};
use callplane_sim::webhooks::{DeliveryState, WebhookKind, WebhookPolicy};
use serde_json::{Map, Value, json};

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn row(phone: &str, name: &str) -> CallDataRow {
    CallDataRow(obj(json!({"phone_number": phone, "name": name})))
}

async fn calls_of(sim: &Simulator, batch_id: &str) -> Vec<Value> {
    let q = ListCallsQuery {
        batch_id: Some(batch_id.into()),
        ascending: Some(true),
        ..Default::default()
    };
    let r = call(sim, BlandRequest::ListCalls(q)).await;
    assert_eq!(r.status, 200);
    r.json()["calls"].as_array().unwrap().clone()
}

#[tokio::test]
async fn legacy_batch_calls_all_finish_and_are_listed_by_batch_id() {
    let sim = Simulator::builder()
        .seed(5)
        .speed(0.0)
        .start()
        .await
        .unwrap();
    let names = ["Ada", "Bo", "Cy", "Di", "Ed"];
    let phones = [
        "+12015550100",
        "+12015550102",
        "+12015550105",
        "+12015550107",
        "+14155551234",
    ];
    let batch = BatchRequest {
        base_prompt: Some("Hello {{name}}, this is a reminder from Acme.".into()),
        call_data: phones.iter().zip(names).map(|(p, n)| row(p, n)).collect(),
        label: Some("reminders".into()),
        campaign_id: Some("spring".into()),
        ..Default::default()
    };
    let r = call(&sim, BlandRequest::CreateBatch(batch)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let created = BlandClient::parse::<CreateBatchResponse>(Envelope::Plain, &to_core(&r))
        .unwrap()
        .data;
    assert_eq!(created.message.as_deref(), Some("success"));
    let id = created.batch_id.unwrap();
    assert!(id.ends_with("-gen-batch"), "{id}");

    let listed = calls_of(&sim, &id).await;
    assert_eq!(listed.len(), 5);
    // The blacklisted row failed before queueing; the others are queued.
    let refused = listed.iter().find(|c| c["to"] == "+12015550107").unwrap();
    assert_eq!(refused["queue_status"], "pre_queue_error");
    assert_eq!(refused["error_message"], "This number is blacklisted.");
    assert!(
        listed
            .iter()
            .filter(|c| c["to"] != "+12015550107")
            .all(|c| c["completed"] == false)
    );

    sim.advance_clock(600.0);
    let listed = calls_of(&sim, &id).await;
    assert!(listed.iter().all(|c| c["completed"] == true), "{listed:?}");
    assert!(listed.iter().all(|c| c["batch_id"] == json!(id)));

    let q = callplane_core::bland::GetBatchV1Query {
        include_calls: Some(true),
        include_transcripts: Some(true),
        include_analysis: Some(true),
    };
    let r = call(
        &sim,
        BlandRequest::GetBatch {
            batch_id: id.clone(),
            query: q,
        },
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let details = BlandClient::parse::<LegacyBatchDetails>(Envelope::Plain, &to_core(&r))
        .unwrap()
        .data;
    let analysis = details.analysis.unwrap();
    assert_eq!(analysis.total_calls, Some(5));
    assert_eq!(analysis.completed_calls, Some(5));
    let qs = analysis.queue_statuses.unwrap();
    assert_eq!(qs.get("pre_queue_error"), Some(&1));
    assert_eq!(qs.values().sum::<u64>(), 5);
    let lengths = analysis.call_lengths.unwrap();
    assert_eq!(lengths.all.as_ref().map(Vec::len), Some(5));
    assert!(lengths.average_nonzero.unwrap() > 0.0);
    let calls = details.call_data.unwrap();
    // Each answered call's transcript starts with its own rendered prompt.
    for c in calls.iter().filter(|c| {
        c.answered_by
            .as_ref()
            .is_some_and(|a| a.as_str() == "human")
    }) {
        let name = names[phones
            .iter()
            .position(|p| Some(*p) == c.to.as_deref())
            .unwrap()];
        let first = &c.transcripts.as_ref().unwrap()[0];
        assert_eq!(
            first.text.as_deref(),
            Some(format!("Hello {name}, this is a reminder from Acme.").as_str())
        );
    }
    let voicemail = calls
        .iter()
        .find(|c| c.to.as_deref() == Some("+12015550105"))
        .unwrap();
    assert_eq!(
        voicemail.answered_by.as_ref().map(|a| a.as_str()),
        Some("voicemail")
    );

    // List, analyze, stored analysis, stop.
    let list = call(
        &sim,
        BlandRequest::ListBatches(ListBatchesV1Query {
            campaign_id: Some("spring".into()),
            ..Default::default()
        }),
    )
    .await
    .json();
    assert_eq!(list["batches"][0]["batch_id"], json!(id));
    assert_eq!(list["batches"][0]["label"], "reminders");
    let none = call(
        &sim,
        BlandRequest::ListBatches(ListBatchesV1Query {
            campaign_id: Some("autumn".into()),
            ..Default::default()
        }),
    )
    .await
    .json();
    assert_eq!(none["batches"], json!([]));
    let a = raw(
        &sim,
        "POST",
        &format!("/v1/batches/{id}/analyze"),
        r#"{"goal": "g", "questions": [["Agreed?", "boolean"], ["When?", "YYYY-MM-DD"]]}"#,
    )
    .await
    .json();
    assert_eq!(a["answers"].as_object().unwrap().len(), 5);
    let human = listed.iter().find(|c| c["to"] == "+12015550100").unwrap()["call_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(a["answers"][&human][0].is_boolean());
    assert_eq!(a["answers"][&human][1].as_str().unwrap().len(), 10);
    let stored = raw(&sim, "GET", &format!("/v1/batches/{id}/analysis"), "")
        .await
        .json();
    assert_eq!(stored["analysis"].as_array().unwrap().len(), 5);
    let stop = raw(&sim, "POST", &format!("/v1/batches/{id}/stop"), "")
        .await
        .json();
    assert_eq!(
        (stop["status"].clone(), stop["num_calls"].clone()),
        (json!("success"), json!(0)),
        "every call had ended"
    );
    assert_eq!(
        raw(&sim, "GET", "/v1/batches/none-gen-batch", "")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_batch_queues_behind_the_concurrency_cap_and_the_same_number_window() {
    let limits = Limits {
        bland_max_concurrent_calls: Some(2),
        ..Limits::default()
    };
    let sim = Simulator::builder()
        .speed(0.0)
        .limits(limits)
        .start()
        .await
        .unwrap();
    let rows = [
        "+12015550100",
        "+12025550100",
        "+12035550100",
        "+12045550100",
        "+12045550100",
    ];
    let batch = BatchRequest {
        base_prompt: Some("Hi {{name}}".into()),
        call_data: rows.iter().map(|p| row(p, "X")).collect(),
        ..Default::default()
    };
    let r = call(&sim, BlandRequest::CreateBatch(batch)).await;
    assert_eq!(
        r.status,
        200,
        "a batch is never refused for the cap: {}",
        String::from_utf8_lossy(&r.body)
    );
    let id = r.json()["batch_id"].as_str().unwrap().to_owned();
    let live_at = |t: f64| {
        sim.calls(&Default::default())
            .iter()
            .filter(|c| c.plan.outcome == callplane_sim::outcome::Outcome::Completed)
            .filter(|c| {
                let t_ms = c.created_at + (t * 1000.0) as i64;
                let start = c.created_at + i64::from(c.plan.queue_ms);
                let end = start + i64::from(c.plan.ring_ms) + i64::from(c.plan.talk_ms);
                start <= t_ms && t_ms < end
            })
            .count()
    };
    for t in [0.0, 30.0, 60.0, 120.0, 200.0] {
        assert!(live_at(t) <= 2, "more than 2 calls dialing at {t}s");
    }
    let calls = sim.calls(&Default::default());
    let twice: Vec<_> = calls.iter().filter(|c| c.to == "+12045550100").collect();
    let gap = (twice[1].plan.queue_ms as i64 - twice[0].plan.queue_ms as i64).abs();
    assert!(
        gap >= 10_000,
        "same number spaced by the 10 s window, got {gap} ms"
    );
    sim.advance_clock(1_000.0);
    assert!(
        calls_of(&sim, &id)
            .await
            .iter()
            .all(|c| c["completed"] == true)
    );
}

#[tokio::test]
async fn post_call_webhook_is_signed_and_retried_until_delivered() {
    let receiver = Receiver::start(2).await;
    let policy = WebhookPolicy {
        max_attempts: 5,
        backoff_ms: 20,
        ..WebhookPolicy::default()
    };
    let sim = Simulator::builder()
        .speed(0.0)
        .webhook_policy(policy)
        .start()
        .await
        .unwrap();
    let req = SendCallRequest {
        phone_number: Some("+12015550100".into()),
        task: Some("Say hello.".into()),
        webhook: Some(receiver.url("/hook")),
        ..Default::default()
    };
    let r = call(&sim, BlandRequest::SendCall(req)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let id = r.json()["call_id"].as_str().unwrap().to_owned();
    sim.advance_clock(30.0);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(
        receiver.received().is_empty(),
        "no webhook before the call ends"
    );
    sim.advance_clock(60.0);
    let got = receiver.wait_for("3 attempts", |r| r.len() >= 3).await;
    let last = &got[2];
    assert_eq!(last.path, "/hook");
    let sig = last.header("x-webhook-signature").expect("signed");
    callplane_core::sign::bland::verify_webhook(
        &Secret::new(DEFAULT_BLAND_WEBHOOK_SECRET),
        &last.body,
        sig,
    )
    .expect("signature verifies");
    // The body is the call object of GET /v1/calls/{id}.
    let body = last.json();
    let details = call(
        &sim,
        BlandRequest::GetCall {
            call_id: id.clone(),
        },
    )
    .await
    .json();
    assert_eq!(body, details);
    assert_eq!(body["status"], "completed");
    // The simulator recorded three attempts, then success.
    let mut deliveries = sim.webhooks();
    for _ in 0..40 {
        if deliveries
            .first()
            .is_some_and(|d| d.state == DeliveryState::Delivered)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        deliveries = sim.webhooks();
    }
    assert_eq!(deliveries.len(), 1);
    let d = &deliveries[0];
    assert_eq!(
        (d.kind, d.state, d.call_id.as_deref()),
        (
            WebhookKind::PostCall,
            DeliveryState::Delivered,
            Some(id.as_str())
        )
    );
    let statuses: Vec<Option<u16>> = d.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, vec![Some(500), Some(500), Some(200)]);
    // Later ticks do not send it again.
    sim.advance_clock(600.0);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(receiver.received().len(), 3);
}

#[tokio::test]
async fn a_stopped_call_sends_its_webhook_at_the_stop() {
    let receiver = Receiver::start(0).await;
    let sim = Simulator::builder().speed(0.0).start().await.unwrap();
    let req = SendCallRequest {
        phone_number: Some("+12015550101".into()),
        task: Some("Long talk.".into()),
        webhook: Some(receiver.url("/stop")),
        ..Default::default()
    };
    let id = call(&sim, BlandRequest::SendCall(req)).await.json()["call_id"]
        .as_str()
        .unwrap()
        .to_owned();
    sim.advance_clock(20.0);
    assert_eq!(
        call(&sim, BlandRequest::StopCall { call_id: id })
            .await
            .status,
        200
    );
    sim.advance_clock(0.0);
    let got = receiver
        .wait_for("the stop webhook", |r| !r.is_empty())
        .await;
    assert_eq!(got[0].json()["status"], "canceled");
    // The natural end, later, sends nothing more.
    sim.advance_clock(400.0);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(receiver.received().len(), 1);
}

fn v2(phones: &[&str], status_webhook: Option<String>) -> CreateBatchV2Request {
    CreateBatchV2Request {
        global: Some(BatchGlobal {
            task: Some("Remind {{name}} to renew.".into()),
            ..Default::default()
        }),
        call_objects: phones
            .iter()
            .map(|p| {
                Some(CallObject {
                    phone_number: Some((*p).into()),
                    request_data: Some(obj(json!({"name": "Ada"}))),
                    ..Default::default()
                })
            })
            .collect(),
        description: Some("renewals".into()),
        status_webhook,
        ..Default::default()
    }
}

#[tokio::test]
async fn v2_batch_lifecycle_logs_and_status_webhook() {
    let receiver = Receiver::start(0).await;
    let sim = Simulator::builder().speed(0.0).start().await.unwrap();
    let req = v2(
        &["+12015550100", "+12025550102", "+12035550107"],
        Some(receiver.url("/status")),
    );
    let r = call(&sim, BlandRequest::CreateBatchV2(req)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let created = BlandClient::parse::<CreatedBatch>(Envelope::Data, &to_core(&r))
        .unwrap()
        .data;
    let id = created.batch_id.unwrap();
    let phases = |r: &[Received]| -> Vec<String> {
        r.iter()
            .map(|x| x.json()["status"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let got = receiver
        .wait_for("the three start events", |r| r.len() >= 3)
        .await;
    let mut start = phases(&got);
    start.sort();
    assert_eq!(start, ["dispatching", "in_progress", "validating"]);

    // Per-call status through the v1 list; transcripts start from the rendered global task.
    sim.advance_clock(200.0);
    let listed = calls_of(&sim, &id).await;
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|c| c["completed"] == true));
    let answered = listed.iter().find(|c| c["to"] == "+12015550100").unwrap();
    let d = call(
        &sim,
        BlandRequest::GetCall {
            call_id: answered["call_id"].as_str().unwrap().into(),
        },
    )
    .await
    .json();
    assert_eq!(d["transcripts"][0]["text"], "Remind Ada to renew.");

    let got = receiver.wait_for("the final event", |r| r.len() >= 4).await;
    let fin: BatchStatusWebhook = serde_json::from_slice(&got[3].body).unwrap();
    assert_eq!(fin.batch_id.as_deref(), Some(id.as_str()));
    assert_eq!(
        fin.status.as_ref().map(|s| s.as_str()),
        Some("completed_partial")
    );
    assert_eq!(
        (fin.calls_total, fin.calls_successful, fin.calls_failed),
        (Some(3), Some(2), Some(1))
    );

    // Logs: lifecycle entries plus the tally, both directions.
    let logs = |direction| {
        call(
            &sim,
            BlandRequest::GetBatchV2Logs {
                batch_id: id.clone(),
                query: BatchLogsQuery {
                    direction,
                    ..Default::default()
                },
            },
        )
    };
    let r = logs(None).await;
    let entries = BlandClient::parse::<Vec<BatchLogEntry>>(Envelope::Data, &to_core(&r))
        .unwrap()
        .data;
    assert_eq!(entries.len(), 5);
    let last = entries.last().unwrap();
    assert_eq!(
        last.event_type.as_ref().map(|e| e.as_str()),
        Some("complete")
    );
    assert_eq!(last.payload.as_ref().unwrap()["calls_failed"], 1);
    let desc = logs(Some(LogDirection::Desc)).await.json();
    assert_eq!(desc["data"][0]["event_type"], "complete");

    // List and get; base_prompt is the global options as a JSON string.
    let r = call(
        &sim,
        BlandRequest::ListBatchesV2(ListBatchesV2Query {
            take: Some(10),
            skip: None,
        }),
    )
    .await;
    let list = BlandClient::parse::<Vec<BatchV2>>(Envelope::Data, &to_core(&r))
        .unwrap()
        .data;
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].base_prompt_json().unwrap()["task"],
        "Remind {{name}} to renew."
    );
    let one = call(
        &sim,
        BlandRequest::GetBatchV2 {
            batch_id: id.clone(),
        },
    )
    .await
    .json();
    assert_eq!(one["data"]["description"], "renewals");
    assert_eq!(one["errors"], Value::Null);
    let missing = call(
        &sim,
        BlandRequest::GetBatchV2 {
            batch_id: "nope".into(),
        },
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        vendor_error(&missing).kind,
        callplane_core::vendor_error::VendorErrorKind::NotFound
    );
}

#[tokio::test]
async fn stopping_a_v2_batch_cancels_its_calls_and_ends_it_early() {
    let receiver = Receiver::start(0).await;
    let sim = Simulator::builder().speed(0.0).start().await.unwrap();
    let req = v2(
        &["+12015550101", "+12025550101"],
        Some(receiver.url("/status")),
    );
    let id = call(&sim, BlandRequest::CreateBatchV2(req)).await.json()["data"]["batch_id"]
        .as_str()
        .unwrap()
        .to_owned();
    sim.advance_clock(30.0);
    let r = call(
        &sim,
        BlandRequest::StopBatchV2 {
            batch_id: id.clone(),
        },
    )
    .await;
    assert_eq!(r.json(), json!({"data": null, "errors": null}));
    sim.advance_clock(0.0);
    let got = receiver.wait_for("the final event", |r| r.len() >= 4).await;
    let fin = got
        .iter()
        .map(Received::json)
        .find(|j| j.get("calls_total").is_some())
        .unwrap();
    assert_eq!(fin["status"], "failed");
    assert_eq!(fin["code"], "batch_early_exit");
    assert_eq!(fin["calls_failed"], 2);
    assert!(
        calls_of(&sim, &id)
            .await
            .iter()
            .all(|c| c["status"] == "canceled")
    );
    // Validation errors use the data envelope with the core's messages.
    let r = raw(
        &sim,
        "POST",
        "/v2/batches/create",
        r#"{"global": {"phone_number": "+12015550100"}, "call_objects": []}"#,
    )
    .await;
    assert_eq!(r.status, 400);
    let messages: Vec<String> = r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        messages.iter().any(|m| m.starts_with("call_objects")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("global")),
        "{messages:?}"
    );
}
