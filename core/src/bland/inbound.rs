//! Inbound numbers: `POST /v1/inbound/{phone_number}` (update the agent answering a number),
//! `GET /v1/inbound` and `GET /v1/inbound/{phone_number}`.
//!
//! Sources: the Chinese API page (seed 001, "更新入站详细信息": every body field and the
//! `{status, message, updates}` response) and VENDORS.md §1.5 (adds `background_track` and
//! `failed_updates`; setting a pathway also clears `transfer_list`).

use super::enums::{BackgroundTrack, Model, ResponseStatus};
use super::rules::{self, LanguageScope};
use super::wire;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use crate::nullable::Nullable;
use crate::phone::PhoneError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Fields the inbound page says a pathway resets to null ("设置路径会将以下字段设置为其null默认值 -
/// prompt、first_sentence、model、dynamic_data、tools"; VENDORS.md adds transfer_list).
pub const CLEARED_BY_PATHWAY: &[&str] = &[
    "prompt",
    "first_sentence",
    "model",
    "dynamic_data",
    "tools",
    "transfer_list",
];

/// `POST /v1/inbound/{phone_number}`: the path parameter plus the body. Every body field is
/// optional (it is an update); fields whose docs say `null` clears them are [`Nullable`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields)]
pub struct InboundUpdateRequest {
    /// The inbound number to update (path parameter, not sent in the body). Bland's rules: `+` or
    /// `%2B` optional, US when there is no country code.
    #[serde(default, skip_serializing)]
    pub phone_number: Option<String>,
    /// The agent's prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// A pathway to follow instead of `prompt`; `null` or `""` clears it. Setting one resets
    /// prompt, first_sentence, model, dynamic_data, tools and transfer_list.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub pathway_id: Nullable<String>,
    /// Voice name or id (see the voices endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    /// Background audio; `null` restores the default quiet static.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub background_track: Nullable<BackgroundTrack>,
    /// The agent's first sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_sentence: Option<String>,
    /// Wait for the caller to speak first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_for_greeting: Option<bool>,
    /// Patience before answering; recommended 50–200 (100 balanced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interruption_threshold: Option<u32>,
    /// `base`, `turbo` or `enhanced`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Model>,
    /// Custom tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Value>>,
    /// One of ENG, ESP, FRE, POL, GER, ITA, PBR, POR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// IANA time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Transfer number; `null` removes it.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub transfer_phone_number: Nullable<String>,
    /// Named transfer numbers (`default`, `sales`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_list: Option<BTreeMap<String, String>>,
    /// External data for the agent; `null` or `""` clears it.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub dynamic_data: Nullable<Value>,
    /// Words boosted in transcription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    /// Longest call, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<u32>,
    /// Post-call webhook (https); receives the call object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    /// What to extract into `analysis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis_schema: Option<Map<String, Value>>,
    /// Anything to get back with each call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
    /// Record calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<bool>,
    /// Fields callplane does not model yet, sent verbatim.
    #[serde(default, skip_serializing)]
    pub extra: Extra,
}

const INBOUND_FIELDS: &[&str] = &[
    "phone_number",
    "prompt",
    "pathway_id",
    "voice",
    "background_track",
    "first_sentence",
    "wait_for_greeting",
    "interruption_threshold",
    "model",
    "tools",
    "language",
    "timezone",
    "transfer_phone_number",
    "transfer_list",
    "dynamic_data",
    "keywords",
    "max_duration",
    "webhook",
    "analysis_schema",
    "metadata",
    "record",
];

/// `/v1/inbound/%2B13334445555` for any accepted spelling of the number. The `+` is sent
/// percent-encoded because the page documents `%2B` as valid and a literal `+` in a path is
/// read as a space by some servers and proxies.
pub fn inbound_path(phone_number: &str) -> Result<String, PhoneError> {
    // Bland's spelling rules decide the path; libphonenumber validity is checked (as a warning) by
    // the validator, because the number is one Bland already assigned to the account.
    let wire = crate::phone::bland_path_e164(phone_number)?;
    Ok(match wire.strip_prefix('+') {
        Some(digits) => format!("/v1/inbound/%2B{digits}"),
        None => format!("/v1/inbound/{wire}"),
    })
}

/// Validate an inbound update.
pub fn validate_inbound_update(req: &InboundUpdateRequest, report: &mut Report) {
    let root = Path::root();
    match &req.phone_number {
        Some(n) => match crate::phone::bland_path_e164(n) {
            Err(e) => report.push(e.to_issue(root.field("phone_number"))),
            Ok(e164) => {
                if let Err(e) = crate::phone::parse_bland(n) {
                    report.warning(
                        e.issue_code(),
                        root.field("phone_number"),
                        format!(
                            "{}; sent as {e164} (Bland's spelling rules) because an inbound number is one Bland assigned to the account",
                            e.message
                        ),
                    );
                }
            }
        },
        None => report.error(
            IssueCode::Required,
            "phone_number",
            "phone_number (the inbound number to update) is required",
        ),
    }

    let setting_pathway = matches!(&req.pathway_id, Nullable::Value(p) if !p.trim().is_empty());
    if setting_pathway {
        let present = [
            req.prompt.is_some(),
            req.first_sentence.is_some(),
            req.model.is_some(),
            req.dynamic_data.is_present(),
            req.tools.is_some(),
            req.transfer_list.is_some(),
        ];
        for (name, set) in CLEARED_BY_PATHWAY.iter().zip(present) {
            if set {
                report.warning(
                    IssueCode::Ignored,
                    root.field(name),
                    format!(
                        "setting pathway_id resets `{name}` to null, so this value will be cleared"
                    ),
                );
            }
        }
    }

    if let Some(lang) = &req.language {
        rules::check_language(
            lang,
            LanguageScope::Inbound,
            &root.field("language"),
            report,
        );
    }
    if let Some(v) = req.interruption_threshold {
        rules::check_interruption_threshold(v, &root.field("interruption_threshold"), report);
    }
    if let Some(m) = req.max_duration {
        rules::check_max_duration(m, &root.field("max_duration"), report);
    }
    if let Some(tz) = &req.timezone {
        rules::check_timezone(tz, &root.field("timezone"), report);
    }
    if let Nullable::Value(n) = &req.transfer_phone_number {
        rules::check_phone(n, &root.field("transfer_phone_number"), report);
    }
    if let Some(list) = &req.transfer_list {
        for (name, n) in list {
            rules::check_phone(n, &root.field("transfer_list").field(name), report);
        }
    }
    if let Some(url) = &req.webhook {
        rules::check_https_url(url, &root.field("webhook"), report);
    }
    if let Some(k) = &req.keywords
        && k.len() > rules::MAX_KEYWORDS
    {
        report.error(
            IssueCode::TooMany,
            "keywords",
            format!(
                "{} keywords; Bland allows at most {}",
                k.len(),
                rules::MAX_KEYWORDS
            ),
        );
    }
    if let Nullable::Value(BackgroundTrack::Other(s)) = &req.background_track {
        report.warning(
            IssueCode::InvalidEnum,
            "background_track",
            format!(
                "background_track `{}` is not documented (documented: {})",
                rules::truncate_for_message(s),
                BackgroundTrack::documented()
            ),
        );
    }
    if let Nullable::Value(d) = &req.dynamic_data
        && !matches!(d, Value::Object(_) | Value::Array(_))
        && d.as_str() != Some("")
    {
        report.error(
            IssueCode::InvalidType,
            "dynamic_data",
            format!(
                "dynamic_data must be an object, null or \"\" (to clear), got {}",
                json::kind_name(d)
            ),
        );
    }
    if let Some(tools) = &req.tools {
        for (i, t) in tools.iter().enumerate() {
            if !matches!(t, Value::Object(_) | Value::String(_)) {
                report.error(
                    IssueCode::InvalidType,
                    Path::from("tools").index(i),
                    format!(
                        "a tool must be a tool object or a tool id string, got {}",
                        json::kind_name(t)
                    ),
                );
            }
        }
    }
    let body_fields = wire::to_object(req).len();
    if body_fields == 0 && req.extra.is_empty() {
        report.warning(
            IssueCode::Required,
            Path::root(),
            "the update sets no field; nothing would change",
        );
    }
    wire::check_extra(&req.extra, INBOUND_FIELDS, false, &root, report);
}

/// Read and validate an inbound update from JSON (`phone_number` plus the body fields).
pub fn parse_inbound_update(value: Value) -> (Option<InboundUpdateRequest>, Report) {
    json::parse_and_validate(value, validate_inbound_update)
}

/// A ready-to-send inbound update.
#[derive(Debug, Clone, PartialEq)]
pub struct InboundUpdateWire {
    /// `/v1/inbound/%2B13334445555`; `None` when the number is invalid (see the report).
    pub path: Option<String>,
    /// The JSON body (`null` kept where it clears a setting; numbers in E.164; `extra` merged).
    pub body: Value,
}

impl InboundUpdateRequest {
    /// Path, body and the validation report. Send only when `report.is_ok()`.
    pub fn to_wire(&self) -> (InboundUpdateWire, Report) {
        let mut report = Report::new();
        validate_inbound_update(self, &mut report);
        let path = self
            .phone_number
            .as_deref()
            .and_then(|n| inbound_path(n).ok());
        let mut body = wire::to_object(self);
        wire::normalise_phone_at(&mut body, "transfer_phone_number");
        if let Some(Value::Object(list)) = body.get_mut("transfer_list") {
            let keys: Vec<String> = list.keys().cloned().collect();
            for k in keys {
                wire::normalise_phone_at(list, &k);
            }
        }
        wire::merge(&mut body, &self.extra, INBOUND_FIELDS, false, &Path::root());
        (
            InboundUpdateWire {
                path,
                body: Value::Object(body),
            },
            report,
        )
    }
}

/// `POST /v1/inbound/{phone_number}` response:
/// `{"status":"success","message":"Successfully updated number +18584139939.","updates":{…}}`;
/// `failed_updates` lists what was refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboundUpdateResponse {
    /// `success` / `error`.
    #[serde(default)]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
    /// The settings now in effect (`webhook: null` when unset).
    #[serde(default)]
    pub updates: Option<Map<String, Value>>,
    /// Settings that were not applied, and why.
    #[serde(default)]
    pub failed_updates: Option<Map<String, Value>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An inbound number's settings (`GET /v1/inbound/{phone_number}`, entries of `GET /v1/inbound`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboundNumber {
    /// ISO-8601 creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// The number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// The prompt.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Post-call webhook.
    #[serde(default)]
    pub webhook: Option<String>,
    /// Voice.
    #[serde(default)]
    pub voice_id: Option<Value>,
    /// Dynamic data settings.
    #[serde(default)]
    pub dynamic_data: Option<Value>,
    /// Longest call, minutes.
    #[serde(default)]
    pub max_duration: Option<Value>,
    /// Pathway.
    #[serde(default)]
    pub pathway_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v1/inbound` response: `{"inbound_numbers": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboundListResponse {
    /// The numbers.
    #[serde(default)]
    pub inbound_numbers: Vec<InboundNumber>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
