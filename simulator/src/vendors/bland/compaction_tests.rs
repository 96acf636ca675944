//! A Bland `/v1/calls` call answers the same bytes before and after its body is compacted to JSON
//! text, and after a `--state` save and restore. Driven through the real handler; the clock is
//! moved without a tick so the "before" answers come from ended calls that still hold their body.

use crate::Simulator;
use crate::config::DEFAULT_BLAND_API_KEY;
use crate::http::Incoming;
use crate::vendors::compaction_support::{fresh_state, start, stored_requests};
use callplane_core::Vendor;
use serde_json::{Value, json};

async fn send(sim: &Simulator, method: &str, path: &str, body: &Value) -> Value {
    let req = Incoming {
        method: method.into(),
        path: path.into(),
        query: String::new(),
        headers: vec![
            ("authorization".into(), DEFAULT_BLAND_API_KEY.into()),
            ("content-type".into(), "application/json".into()),
        ],
        body: if body.is_null() {
            bytes::Bytes::new()
        } else {
            body.to_string().into()
        },
    };
    let reply = super::handle(&sim.inner, req).await;
    let v: Value = serde_json::from_slice(&reply.body).expect("JSON answer");
    assert_eq!(reply.status, 200, "{method} {path}: {v}");
    v
}

async fn every_answer(sim: &Simulator, ids: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    for id in ids {
        out.push(send(sim, "GET", &format!("/v1/calls/{id}"), &Value::Null).await);
        let q = json!({"goal": "Reminders", "questions": [["Will they come?", "boolean"], ["Who answered?", "string"]]});
        out.push(send(sim, "POST", &format!("/v1/calls/{id}/analyze"), &q).await);
    }
    out.push(send(sim, "GET", "/v1/calls", &Value::Null).await);
    out
}

fn bland_requests(sim: &Simulator) -> Vec<Value> {
    stored_requests(sim, Vendor::Bland)
}

#[tokio::test]
async fn a_single_call_answers_the_same_bytes_before_and_after_compaction_and_a_restore() {
    let (dir, state) = fresh_state("callplane-sim-bland-compact");
    let sim = start(Some(7), None).await;
    let mut ids = Vec::new();
    // Completed, no answer, busy, failed, voicemail, early hang-up.
    for suffix in ["00", "02", "03", "04", "05", "08"] {
        let body = json!({
            "phone_number": format!("+1201555010{}", &suffix[1..]),
            "task": "Hi {{name}}, this is Jordan about your {{plan}} renewal.",
            "request_data": {"name": "Bo", "plan": "Premium"},
            "voice": "maya",
            "max_duration": 4,
            "temperature": 0.7,
            "metadata": {"crm_id": 42, "tags": ["a", "b"]},
            "record": true,
        });
        let v = send(&sim, "POST", "/v1/calls", &body).await;
        ids.push(v["call_id"].as_str().expect("call_id").to_owned());
    }
    sim.inner.clock.advance_ms(3_600_000);
    assert!(bland_requests(&sim).iter().all(Value::is_object));
    assert_eq!(sim.inner.store().compaction_due.len(), ids.len());
    let before = every_answer(&sim, &ids).await;

    let now = sim.now_ms();
    assert_eq!(
        crate::vendors::compact_ended(&mut sim.inner.store(), now),
        0
    );
    let compacted = bland_requests(&sim);
    assert!(compacted.iter().all(Value::is_string));
    let after = every_answer(&sim, &ids).await;
    assert_eq!(
        serde_json::to_string(&after).ok(),
        serde_json::to_string(&before).ok()
    );

    sim.inner.save(&state).expect("save");
    drop(sim);
    let restored = start(None, Some(&state)).await;
    assert_eq!(bland_requests(&restored), compacted);
    assert!(restored.inner.store().compaction_due.is_empty());
    let again = every_answer(&restored, &ids).await;
    assert_eq!(
        serde_json::to_string(&again).ok(),
        serde_json::to_string(&before).ok()
    );
    drop(restored);
    let _ = std::fs::remove_dir_all(&dir);
}
