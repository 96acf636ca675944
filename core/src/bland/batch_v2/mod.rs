//! v2 batches: `POST /v2/batches/create` (`global` options + per-call `call_objects`) and the
//! list/get/logs/stop endpoints and `status_webhook` events (docs.bland.ai/api-v2/post/batches;
//! VENDORS.md §1.4).

mod responses;

pub use responses::*;

use super::check_options::{validate_call_options, validate_call_options_within};
use super::options::with_call_options;
use super::rules;
use super::wire;
use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

with_call_options! {
    /// `global`: the call options every call of the batch shares. Must contain `task` or
    /// `pathway_id`; `phone_number` is forbidden.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    pub struct BatchGlobal {
        /// Forbidden here (each call object has its own); modelled only to refuse it with a
        /// message that says so.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone_number: Option<Value>,
        /// Fields callplane does not model yet, sent verbatim inside `global`.
        #[serde(default, skip_serializing)]
        pub extra: Extra,
    }
}

with_call_options! {
    /// One entry of `call_objects`: a `/v1/calls`-shaped object. Its options override `global`.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    pub struct CallObject {
        /// The number to call (Bland's rules; sent in E.164).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone_number: Option<String>,
        /// A caller-assigned call id, UUIDv7 (entitlement-gated).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub b_cid: Option<String>,
        /// Fields callplane does not model yet, sent verbatim inside this call object.
        #[serde(default, skip_serializing)]
        pub extra: Extra,
    }
}

/// `POST /v2/batches/create` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct CreateBatchV2Request {
    /// Options shared by every call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<BatchGlobal>,
    /// The calls. Elements are `Option` so a malformed element is reported once at its own
    /// index without shifting the ones after it; `null` is refused by the validator.
    #[serde(default)]
    pub call_objects: Vec<Option<CallObject>>,
    /// At most 60 characters (Bland default "Untitled Batch").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Receives one POST per lifecycle phase (single attempt, 10 s timeout, not retried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_webhook: Option<String>,
    /// Top-level fields callplane does not model yet, sent verbatim.
    #[serde(default, skip_serializing)]
    pub extra: Extra,
}

const CREATE_OWN: &[&str] = &["global", "call_objects", "description", "status_webhook"];
const GLOBAL_OWN: &[&str] = &["phone_number"];
const OBJECT_OWN: &[&str] = &["phone_number", "b_cid"];

/// Validate a `POST /v2/batches/create` body.
pub fn validate_create_batch_v2(req: &CreateBatchV2Request, ctx: &Context, report: &mut Report) {
    let global_opts = req.global.as_ref().map(BatchGlobal::call_options);
    match &req.global {
        None => report.error(
            IssueCode::Required,
            "global",
            "global is required (the options every call shares; it must contain task or pathway_id)",
        ),
        Some(g) => {
            let at = Path::from("global");
            if g.task.is_none() && g.pathway_id.is_none() {
                report.error(IssueCode::Required, at.field("task"), "global must contain task or pathway_id");
            } else if g.pathway_id.is_none() {
                rules::require_text(g.task.as_ref(), &at.field("task"), "global.task", report);
            }
            if g.phone_number.is_some() {
                report.error(
                    IssueCode::Conflict,
                    at.field("phone_number"),
                    "phone_number is not allowed in global; put each number in its call object",
                );
            }
            if let Some(o) = &global_opts {
                validate_call_options(o, &at, ctx, report);
            }
            wire::check_extra(&g.extra, GLOBAL_OWN, true, &at, report);
        }
    }

    if req.call_objects.is_empty() {
        report.error(
            IssueCode::TooFew,
            "call_objects",
            "call_objects must contain at least one call",
        );
    }
    let list_at = Path::from("call_objects");
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(req.call_objects.len());
    for (i, obj) in req.call_objects.iter().enumerate() {
        let at = list_at.index(i);
        let Some(obj) = obj else {
            report.error(
                IssueCode::Required,
                at,
                "a call object must be an object with phone_number",
            );
            continue;
        };
        match &obj.phone_number {
            None => report.error(
                IssueCode::Required,
                at.field("phone_number"),
                "phone_number is required",
            ),
            Some(n) => {
                if let Some(wire) = rules::check_phone(n, &at.field("phone_number"), report) {
                    match seen.get(&wire) {
                        Some(first) => report.warning(
                            IssueCode::Duplicate,
                            at.field("phone_number"),
                            format!(
                                "{wire} is also at call_objects[{first}]; Bland refuses a second call to the same number within 10 seconds"
                            ),
                        ),
                        None => {
                            seen.insert(wire, i);
                        }
                    }
                }
            }
        }
        if let Some(b) = &obj.b_cid {
            rules::check_uuid_v7(b, &at.field("b_cid"), report);
        }
        validate_call_options_within(&obj.call_options(), global_opts.as_ref(), &at, ctx, report);
        wire::check_extra(&obj.extra, OBJECT_OWN, true, &at, report);
    }

    if let Some(d) = &req.description {
        rules::check_len(
            d,
            rules::DESCRIPTION_LIMIT,
            false,
            &Path::from("description"),
            report,
            false,
        );
    }
    if let Some(url) = &req.status_webhook {
        rules::check_https_url(url, &Path::from("status_webhook"), report);
    }
    wire::check_extra(&req.extra, CREATE_OWN, false, &Path::root(), report);
}

/// Read and validate a `POST /v2/batches/create` body from JSON.
pub fn parse_create_batch_v2(
    value: Value,
    ctx: &Context,
) -> (Option<CreateBatchV2Request>, Report) {
    json::parse_and_validate(value, |r: &CreateBatchV2Request, rep| {
        validate_create_batch_v2(r, ctx, rep)
    })
}

impl CreateBatchV2Request {
    /// The JSON body to POST (numbers in E.164, every level's `extra` merged) and the validation
    /// report. Send only when `report.is_ok()`.
    pub fn to_wire_body(&self, ctx: &Context) -> (Value, Report) {
        let mut report = Report::new();
        validate_create_batch_v2(self, ctx, &mut report);
        let mut body = wire::to_object(self);
        if let (Some(Value::Object(g)), Some(global)) = (body.get_mut("global"), &self.global) {
            wire::normalise_call_option_phones(g);
            wire::merge(g, &global.extra, GLOBAL_OWN, true, &Path::from("global"));
        }
        if let Some(Value::Array(objs)) = body.get_mut("call_objects") {
            for (i, (v, obj)) in objs.iter_mut().zip(&self.call_objects).enumerate() {
                if let (Value::Object(o), Some(obj)) = (v, obj) {
                    wire::normalise_phone_at(o, "phone_number");
                    wire::normalise_call_option_phones(o);
                    wire::merge(
                        o,
                        &obj.extra,
                        OBJECT_OWN,
                        true,
                        &Path::from("call_objects").index(i),
                    );
                }
            }
        }
        wire::merge(&mut body, &self.extra, CREATE_OWN, false, &Path::root());
        (Value::Object(body), report)
    }
}
