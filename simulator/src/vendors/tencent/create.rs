//! `CreateAICall`: validated with the core's model, then one call is placed on the simulated clock.

use super::Call;
use super::view;
use crate::http::Reply;
use crate::vendors::common::{self, NewCall};
use callplane_core::tencent::{CreateAICall, Operation};
use callplane_core::{Context, Vendor};
use serde_json::{Value, json};

/// Caller number used when the request names no `Callers` (Tencent then picks one of the
/// application's numbers). A Guangzhou landline in E.164.
pub const DEFAULT_CALLER: &str = "+862066661000";

/// Request fields never written to the store (and so never to a `--state` file): the model's API
/// key and the TTS/STT/LLM configurations, which carry provider credentials.
const SECRET_FIELDS: &[&str] = &[
    "APIKey",
    "CustomTTSConfig",
    "CustomSTTConfig",
    "LLMExtraBody",
];

/// `CreateAICall`. Takes the body out of `c`: the core reads it by value, and the store keeps
/// only its non-secret fields, so the body is copied once (without the credentials) instead of
/// twice.
pub fn create_ai_call(c: &mut Call) -> Reply {
    let ctx = Context::at(c.validation_now_ms());
    let body = std::mem::take(&mut c.body);
    let stored = stored_request(&body);
    let (model, report) = CreateAICall::parse_and_validate(body, &ctx);
    let model = match model {
        Some(m) if !report.has_errors() => m,
        _ => return c.invalid(&report),
    };
    let app = match c.owned_app(model.sdk_app_id) {
        Ok(a) => a,
        Err(reply) => return reply,
    };
    // The validator accepted the callee, so it parses; a failure here is a bug worth naming.
    let Some(to) = view::e164(&model.callee) else {
        return c.error(
            "InvalidParameterValue",
            &format!("Callee `{}` is not a dialable number", model.callee),
        );
    };
    let plan = match common::plan(c.inner, &to) {
        Ok(p) => p,
        Err(_) => {
            return c.error(
                "FailedOperation.CalleeIsBlackUser",
                &format!("{} is a high-risk callee; do not call", view::wire(&to)),
            );
        }
    };
    let from = model
        .callers
        .as_deref()
        .and_then(|list| list.iter().find_map(|n| view::e164(n)))
        .unwrap_or_else(|| DEFAULT_CALLER.to_owned());
    let now = c.inner.clock.now_ms();
    let mut store = c.inner.store();
    let seq = store.next_seq();
    let id = common::hex32(c.inner.config.seed, seq);
    let request = store.insert_request(stored);
    let owner = store.owner(&app.to_string());
    common::insert_call(
        &mut store,
        plan,
        now,
        NewCall {
            vendor: Vendor::Tencent,
            id: id.clone(),
            group_id: None,
            to,
            from: Some(from),
            owner,
            request,
            row: None,
        },
    );
    c.ok(json!({ "SessionId": id }))
}

/// The request as the store keeps it: everything the lookups derive from, no credentials.
fn stored_request(body: &Value) -> Value {
    let kept = body
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| !SECRET_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    Value::Object(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_reach_the_store() {
        let body = json!({"SdkAppId": 1, "APIKey": "sk-live", "CustomTTSConfig": "{\"Key\":\"k\"}",
                          "CustomSTTConfig": "x", "LLMExtraBody": "{}", "WelcomeMessage": "hi"});
        let kept = stored_request(&body);
        assert_eq!(kept, json!({"SdkAppId": 1, "WelcomeMessage": "hi"}));
        assert!(view::e164(DEFAULT_CALLER).is_some());
    }
}
