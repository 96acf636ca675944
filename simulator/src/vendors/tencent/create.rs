//! `CreateAICall`: validated with the core's model, then one call is placed on the simulated clock.

use super::Call;
use super::view;
use crate::http::Reply;
use crate::vendors::common::{self, NewCall};
use callplane_core::issue::Report;
use callplane_core::tencent::{CreateAICall, Operation};
use callplane_core::{Context, Vendor};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::cmp::Reverse;

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

/// `CreateAICall`. Takes the body out of `c`: it is read in place and then kept by the store
/// without its credentials, so a valid request's body is never copied.
pub fn create_ai_call(c: &mut Call) -> Reply {
    let ctx = Context::at(c.validation_now_ms());
    let body = std::mem::take(&mut c.body);
    let model = match read(&body, &ctx) {
        Ok(m) => m,
        Err(report) => return c.invalid(&report),
    };
    let stored = stored_request(body);
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
    let index = common::insert_call(
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
    // Compacted by the tick once the call has ended (see `facts`).
    let end = crate::lifecycle::natural_end_ms(&plan, now);
    store
        .compaction_due
        .push(Reverse((end, u32::try_from(index).unwrap_or(u32::MAX))));
    drop(store);
    c.ok(json!({ "SessionId": id }))
}

/// The model, read and validated exactly as the core's `Operation::parse_and_validate` does, but
/// from a borrowed body: a body that reads as the model goes straight to `validate` (which is all
/// `parse_and_validate` does on that path); any other body takes the core's collecting path for
/// its full report.
fn read(body: &Value, ctx: &Context) -> Result<CreateAICall, Report> {
    if body.is_object()
        && let Ok(model) = CreateAICall::deserialize(body)
    {
        let mut report = Report::new();
        model.validate(ctx, &mut report);
        return if report.has_errors() {
            Err(report)
        } else {
            Ok(model)
        };
    }
    match CreateAICall::parse_and_validate(body.clone(), ctx) {
        (Some(m), report) if !report.has_errors() => Ok(m),
        (_, report) => Err(report),
    }
}

/// The request as the store keeps it: everything the lookups derive from, no credentials. The
/// fields move into a map of exactly their number: the parser's map grew by doubling (capacity 16
/// for 9 fields, 64 bytes an entry), and every single call keeps its request.
fn stored_request(body: Value) -> Value {
    let Value::Object(m) = body else {
        return body;
    };
    let kept = m
        .keys()
        .filter(|k| !SECRET_FIELDS.contains(&k.as_str()))
        .count();
    let mut out = Map::with_capacity(kept);
    for (k, v) in m {
        if !SECRET_FIELDS.contains(&k.as_str()) {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_reach_the_store() {
        let body = json!({"SdkAppId": 1, "APIKey": "sk-live", "CustomTTSConfig": "{\"Key\":\"k\"}",
                          "CustomSTTConfig": "x", "LLMExtraBody": "{}", "WelcomeMessage": "hi"});
        let kept = stored_request(body);
        assert_eq!(kept, json!({"SdkAppId": 1, "WelcomeMessage": "hi"}));
        assert!(view::e164(DEFAULT_CALLER).is_some());
    }

    #[test]
    fn reading_in_place_agrees_with_the_cores_parse_and_validate() {
        let ok = json!({"SdkAppId": 1400000001, "Callee": "+8613800138000",
            "SystemPrompt": "You are a helpful assistant.", "LLMType": "openai",
            "Model": "gpt-4o-mini", "APIKey": "sk-x", "APIUrl": "https://api.openai.com/v1/",
            "VoiceType": "ZhiXi"});
        let with = |k: &str, v: Value| {
            let mut b = ok.clone();
            b[k] = v;
            b
        };
        let mut missing = ok.clone();
        missing.as_object_mut().unwrap().shift_remove("Callee");
        let bodies = [
            ok.clone(),
            missing,
            with("Callee", json!("not a number")),
            with("SdkAppId", json!("1400000001")),
            with("NoSuchField", json!(1)),
            with("APIUrl", json!("ftp://x")),
            json!([1, 2]),
            json!({}),
        ];
        let ctx = Context::at(1_763_700_000_000);
        for body in bodies {
            let (model, report) = CreateAICall::parse_and_validate(body.clone(), &ctx);
            let core = match model {
                Some(m) if !report.has_errors() => Ok(format!("{m:?}")),
                _ => Err(report.errors().map(|i| i.to_string()).collect::<Vec<_>>()),
            };
            let here = read(&body, &ctx)
                .map(|m| format!("{m:?}"))
                .map_err(|r| r.errors().map(|i| i.to_string()).collect::<Vec<_>>());
            assert_eq!(here, core, "{body}");
        }
    }
}
