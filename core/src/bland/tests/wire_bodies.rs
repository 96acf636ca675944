//! Wire bodies: what goes on the wire after validation (numbers in E.164, `extra` merged,
//! `null`-clears kept, path parameters normalised).

use super::{ctx, dump, obj};
use crate::bland::{
    inbound_path, parse_batch, parse_create_batch_v2, parse_inbound_update, parse_send_call,
};
use crate::issue::IssueCode;
use serde_json::{Value, json};

#[test]
fn send_call_body_normalises_numbers_and_merges_extra() {
    let (req, r) = parse_send_call(
        json!({
            "phone_number": "(201) 555-0123",
            "task": "Say hi",
            "from": "+1 415 555 2671",
            "transfer_list": {"default": "212-555-0147"},
            "voicemail": {"action": "leave_message", "message": "Call back", "sms": {"to": "2015550123", "message": "hi"}},
            "extra": {"citation_schema_version": 2}
        }),
        &ctx(),
    );
    assert!(r.is_ok(), "{}", dump(&r));
    let (body, report) = req.unwrap().to_wire_body(&ctx());
    assert!(report.is_ok(), "{}", dump(&report));
    assert_eq!(
        body,
        json!({
            "phone_number": "+12015550123",
            "task": "Say hi",
            "from": "+14155552671",
            "transfer_list": {"default": "+12125550147"},
            "voicemail": {"action": "leave_message", "message": "Call back", "sms": {"to": "+12015550123", "message": "hi"}},
            "citation_schema_version": 2
        })
    );
}

#[test]
fn extra_never_overrides_a_modelled_field() {
    let (req, r) = parse_send_call(
        json!({"phone_number": "+12015550123", "task": "x", "extra": {"task": "sneaky", "webhook": "http://x"}}),
        &ctx(),
    );
    let shadow: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.code == IssueCode::ExtraShadowsField)
        .map(|i| i.path.to_string())
        .collect();
    assert_eq!(shadow, vec!["extra.task", "extra.webhook"]);
    let (body, report) = req.unwrap().to_wire_body(&ctx());
    assert!(!report.is_ok());
    assert_eq!(body["task"], json!("x"), "the validated value stays");
    // `webhook` was unset, yet the unvalidated `http://` value must not sneak in through `extra`.
    assert!(body.get("webhook").is_none(), "{body}");
    assert_eq!(
        report
            .issues
            .iter()
            .filter(|i| i.code == IssueCode::ExtraShadowsField)
            .count(),
        2
    );
}

#[test]
fn batch_body_keeps_rows_in_order_with_e164_numbers() {
    let (b, r) = parse_batch(
        json!({
            "base_prompt": "Hi {{name}}",
            "call_data": [
                {"phone_number": "201.555.0123", "name": "Ann"},
                {"phone_number": "bogus", "name": "Bo"}
            ],
            "label": "L",
            "voice_id": 0,
            "extra": {"campaign_tag": "q3"}
        }),
        &ctx(),
    );
    assert!(!r.is_ok());
    let (body, report) = b.unwrap().to_wire_body(&ctx());
    assert!(
        !report.is_ok(),
        "the invalid row keeps the batch from being sent"
    );
    assert_eq!(
        body["call_data"][0],
        json!({"phone_number": "+12015550123", "name": "Ann"})
    );
    assert_eq!(
        body["call_data"][1]["phone_number"],
        json!("bogus"),
        "invalid numbers stay as given"
    );
    assert_eq!(body["voice_id"], json!(0));
    assert_eq!(body["campaign_tag"], json!("q3"));
    assert!(obj(body).get("extra").is_none());
}

#[test]
fn v2_body_merges_extra_at_each_level() {
    let (req, r) = parse_create_batch_v2(
        json!({
            "global": {"task": "t", "extra": {"g_flag": 1}},
            "call_objects": [{"phone_number": "2015550123", "extra": {"o_flag": 2}}],
            "extra": {"top_flag": 3}
        }),
        &ctx(),
    );
    assert!(r.is_ok(), "{}", dump(&r));
    let (body, report) = req.unwrap().to_wire_body(&ctx());
    assert!(report.is_ok(), "{}", dump(&report));
    assert_eq!(
        body,
        json!({
            "global": {"task": "t", "g_flag": 1},
            "call_objects": [{"phone_number": "+12015550123", "o_flag": 2}],
            "top_flag": 3
        })
    );
}

#[test]
fn inbound_update_keeps_null_clears_and_normalises_the_path() {
    let (req, r) = parse_inbound_update(json!({
        "phone_number": "12015550123",
        "pathway_id": null,
        "transfer_phone_number": null,
        "dynamic_data": "",
        "prompt": "Hi"
    }));
    assert!(r.is_ok(), "{}", dump(&r));
    let (wire, report) = req.unwrap().to_wire();
    assert!(report.is_ok());
    assert_eq!(wire.path.as_deref(), Some("/v1/inbound/%2B12015550123"));
    assert_eq!(
        wire.body,
        json!({"prompt": "Hi", "pathway_id": null, "transfer_phone_number": null, "dynamic_data": ""})
    );
    let body = obj(wire.body);
    assert!(
        !body.contains_key("phone_number"),
        "the number is the path, not a body field"
    );
}

#[test]
fn inbound_path_accepts_every_documented_spelling() {
    for given in [
        "+12015550123",
        "%2B12015550123",
        "12015550123",
        "2015550123",
        " (201) 555-0123 ",
    ] {
        assert_eq!(
            inbound_path(given).as_deref(),
            Ok("/v1/inbound/%2B12015550123"),
            "{given}"
        );
    }
    assert!(inbound_path("3334445555x").is_err());
    assert!(inbound_path("").is_err());
}

#[test]
fn bodies_are_objects_even_for_empty_requests() {
    let (req, _) = parse_send_call(json!({}), &ctx());
    let (body, report) = req.unwrap().to_wire_body(&ctx());
    assert_eq!(body, Value::Object(Default::default()));
    assert!(!report.is_ok());
}
