//! Inbound numbers (docs.bland.ai/api-v1/post/inbound-number-update; VENDORS.md §1.5). The path
//! number follows Bland's spelling rules (`+`/`%2B` optional, US without a country code) through
//! `callplane_core::phone::bland_path_e164`. The simulator has no number purchasing, so an update
//! to a number it has not seen provisions it; reading an unknown number is a 404.

use super::now;
use super::reply::{self, body_json};
use super::routes::Envelope;
use crate::Inner;
use crate::http::{Incoming, Reply};
use crate::vendors::common::iso8601_ms;
use callplane_core::bland::{self as core_bland, CLEARED_BY_PATHWAY};
use callplane_core::phone::bland_path_e164;
use serde_json::{Map, Value, json};
use std::sync::Arc;

const ENV: Envelope = Envelope::Status;

/// `POST /v1/inbound/{phone_number}`.
pub fn update(inner: &Arc<Inner>, req: &Incoming, number: &str) -> Reply {
    let mut value = match body_json(ENV, &req.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Value::Object(m) = &mut value {
        m.insert("phone_number".into(), json!(number));
    }
    let (parsed, report) = core_bland::parse_inbound_update(value);
    let Some(update) = parsed.filter(|_| report.is_ok()) else {
        return reply::invalid(ENV, &report);
    };
    let (wire, report) = update.to_wire();
    if !report.is_ok() {
        return reply::invalid(ENV, &report);
    }
    let Ok(e164) = bland_path_e164(number) else {
        return reply::invalid_messages(
            ENV,
            vec![format!("phone_number: `{number}` is not a phone number")],
        );
    };
    let Value::Object(changes) = wire.body else {
        return reply::invalid_messages(ENV, vec!["expected a JSON object".into()]);
    };
    let (now, _) = now(inner);
    let mut store = inner.store();
    let entry = store.inbound.entry(e164.clone()).or_insert_with(|| {
        json!({"phone_number": e164, "created_at": iso8601_ms(now), "prompt": null, "webhook": null,
               "voice_id": null, "dynamic_data": null, "max_duration": 30, "pathway_id": null})
    });
    if let Value::Object(settings) = entry {
        apply(settings, &changes);
    }
    Reply::json(
        200,
        &json!({"status": "success", "message": format!("Successfully updated number {e164}."), "updates": changes}),
    )
}

/// Apply an update: `null` (and `""` for the clearable fields) clears; setting a pathway resets
/// the fields the inbound page lists.
fn apply(settings: &mut Map<String, Value>, changes: &Map<String, Value>) {
    for (k, v) in changes {
        let cleared = v.is_null()
            || (matches!(k.as_str(), "pathway_id" | "dynamic_data") && v.as_str() == Some(""));
        let value = if cleared { Value::Null } else { v.clone() };
        if k == "voice" {
            settings.insert("voice_id".into(), value.clone());
        }
        settings.insert(k.clone(), value);
    }
    let pathway_set = changes
        .get("pathway_id")
        .and_then(Value::as_str)
        .is_some_and(|p| !p.trim().is_empty());
    if pathway_set {
        for f in CLEARED_BY_PATHWAY {
            settings.insert((*f).to_owned(), Value::Null);
        }
    }
}

/// `GET /v1/inbound/{phone_number}`.
pub fn get(inner: &Arc<Inner>, number: &str) -> Reply {
    let e164 = match bland_path_e164(number) {
        Ok(n) => n,
        Err(e) => {
            return reply::invalid_messages(ENV, vec![format!("phone_number: {}", e.message)]);
        }
    };
    match inner.store().inbound.get(&e164) {
        Some(v) => Reply::json(200, v),
        None => reply::not_found(ENV, &format!("Inbound number {e164} not found.")),
    }
}

/// `GET /v1/inbound`.
pub fn list(inner: &Arc<Inner>) -> Reply {
    let numbers: Vec<Value> = inner.store().inbound.values().cloned().collect();
    Reply::json(200, &json!({"inbound_numbers": numbers}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathway_resets_listed_fields_and_null_clears() {
        let mut s = Map::new();
        s.insert("prompt".into(), json!("old"));
        s.insert("webhook".into(), json!("https://x.example/h"));
        let mut c = Map::new();
        c.insert("pathway_id".into(), json!("pw-1"));
        c.insert("webhook".into(), Value::Null);
        apply(&mut s, &c);
        assert_eq!(s["pathway_id"], json!("pw-1"));
        assert_eq!(s["prompt"], Value::Null);
        assert_eq!(s["webhook"], Value::Null);
        let mut c = Map::new();
        c.insert("pathway_id".into(), json!(""));
        apply(&mut s, &c);
        assert_eq!(s["pathway_id"], Value::Null);
    }
}
