//! RPC plumbing shared by the dyvms actions: the [`RpcAction`] trait, flat wire parameters in both
//! directions, and JSON input through [`crate::json::parse_and_validate`].
//!
//! An RPC request is a flat list of string parameters (VENDORS.md §2.1). `to_params` yields only
//! the action's own parameters; the signer adds the common ones (`Action`, `Version`, `Timestamp`,
//! `Signature`, …) and sorts everything.

use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Dyvmsapi's API version.
pub const API_VERSION: &str = "2017-05-25";

/// The central endpoint every region uses (SDK `_endpoint_rule = 'central'`).
pub const ENDPOINT: &str = "dyvmsapi.aliyuncs.com";

/// Parameters the signer and transport own. `from_params` skips them, and `extra` may not set
/// them (a user value would be overwritten or break the signature).
pub const COMMON_PARAMS: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureNonce",
    "Timestamp",
    "SignatureMethod",
    "SignatureVersion",
    "Signature",
    "RegionId",
    "SecurityToken",
];

/// One dyvms RPC action: its typed request, wire form and validator.
pub trait RpcAction: Sized + Serialize + DeserializeOwned + json::read::ReadJson {
    /// The `Action` parameter.
    const ACTION: &'static str;
    /// The typed success body.
    type Response: Serialize + DeserializeOwned;
    /// The action's wire parameters (not the common ones), in no particular order.
    fn to_params(&self) -> Vec<(String, String)>;
    /// Read wire parameters back (the simulator's side). Common parameters are skipped, unknown
    /// ones land in `extra`. Every parameter that cannot be read is reported.
    fn from_params(params: &[(String, String)]) -> Result<Self, Report>;
    /// Check every rule; push all problems.
    fn validate(&self, ctx: &Context, report: &mut Report);
}

/// Read user JSON as `T` and validate it: every type error, unknown field and rule violation at
/// once. The model is returned whenever it could be read, even with errors in the report.
pub fn parse_and_validate<T: RpcAction>(value: Value, ctx: &Context) -> (Option<T>, Report) {
    let (parsed, mut report) = json::parse_and_validate::<T>(value, |t, r| t.validate(ctx, r));
    // A TtsParam/TtsParamHead that failed to parse is dropped by the reader; the validator then
    // sees it as absent and would add "TtsParamHead without TtsParam". The type error already
    // names the field, so drop that echo.
    let typed: Vec<Path> = report
        .issues
        .iter()
        .filter(|i| i.code == IssueCode::InvalidType)
        .map(|i| i.path.clone())
        .collect();
    report
        .issues
        .retain(|i| !(i.code == IssueCode::TtsParamMismatch && typed.contains(&i.path)));
    (parsed, report)
}

/// Builder for wire parameters.
#[derive(Default)]
pub(crate) struct Params(pub(crate) Vec<(String, String)>);

impl Params {
    pub(crate) fn push(&mut self, k: &str, v: impl Into<String>) {
        self.0.push((k.to_owned(), v.into()));
    }
    pub(crate) fn opt_str(&mut self, k: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.push(k, v.as_str());
        }
    }
    /// Required strings are `String` with `""` meaning unset; unset is not sent.
    pub(crate) fn non_empty(&mut self, k: &str, v: &str) {
        if !v.is_empty() {
            self.push(k, v);
        }
    }
    pub(crate) fn opt_bool(&mut self, k: &str, v: Option<bool>) {
        if let Some(b) = v {
            self.push(k, if b { "true" } else { "false" });
        }
    }
    pub(crate) fn opt_i64(&mut self, k: &str, v: Option<i64>) {
        if let Some(n) = v {
            self.push(k, n.to_string());
        }
    }
    /// `extra` entries, except keys the model or the signer own (the validator reports those).
    pub(crate) fn extra(&mut self, extra: &Extra, modelled: &[&str]) {
        for (k, v) in extra {
            if modelled.contains(&k.as_str()) || COMMON_PARAMS.contains(&k.as_str()) {
                continue;
            }
            let text = match v {
                Value::String(s) => s.clone(),
                // Arrays/objects/null are reported by the validator; JSON text is the only
                // faithful flat form if someone sends them anyway.
                other => other.to_string(),
            };
            self.push(k, text);
        }
    }
    pub(crate) fn finish(self) -> Vec<(String, String)> {
        self.0
    }
}

/// Split wire parameters into the modelled ones (as a JSON object of strings, which the models'
/// deserializers accept in their vendor string form) and the rest (`extra`). Common parameters are
/// skipped; a repeated parameter is an error (which one would the vendor use?).
pub(crate) fn read_params<T: json::read::ReadJson>(
    params: &[(String, String)],
    modelled: &[&str],
) -> Result<(T, Extra), Report> {
    let mut report = Report::new();
    let mut known = Map::new();
    let mut extra = Extra::new();
    let mut seen: Vec<&str> = Vec::with_capacity(params.len());
    for (k, v) in params {
        if COMMON_PARAMS.contains(&k.as_str()) {
            continue;
        }
        if seen.contains(&k.as_str()) {
            report.error(
                IssueCode::Duplicate,
                Path::root().field(k),
                format!("parameter `{k}` is given more than once"),
            );
            continue;
        }
        seen.push(k);
        if modelled.contains(&k.as_str()) {
            known.insert(k.clone(), Value::String(v.clone()));
        } else {
            extra.insert(k.clone(), Value::String(v.clone()));
        }
    }
    let parsed = json::from_value_collect::<T>(Value::Object(known), &mut report);
    match parsed {
        Some(t) if !report.has_errors() => Ok((t, extra)),
        _ => Err(report),
    }
}

/// `extra` must not shadow a modelled field or a signer-owned parameter, and RPC values are flat.
pub(crate) fn check_extra(extra: &Extra, modelled: &[&str], report: &mut Report) {
    let at = Path::root().field("extra");
    for (k, v) in extra {
        if modelled.contains(&k.as_str()) {
            report.error(
                IssueCode::ExtraShadowsField,
                at.field(k),
                format!("`{k}` is a modelled field; set it directly instead of through `extra`"),
            );
        } else if COMMON_PARAMS.contains(&k.as_str()) {
            report.error(
                IssueCode::ExtraShadowsField,
                at.field(k),
                format!("`{k}` is a common RPC parameter set by the request signer"),
            );
        }
        if !matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
            report.error(
                IssueCode::InvalidType,
                at.field(k),
                format!(
                    "RPC parameters are flat strings, got {}; JSON-encode the value yourself if the parameter takes JSON",
                    json::kind_name(v)
                ),
            );
        }
    }
}
