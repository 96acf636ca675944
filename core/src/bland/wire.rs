//! Building wire bodies: serialise the typed request, normalise phone numbers to Bland's wire
//! format, merge `extra`.

use super::options::CALL_OPTION_FIELDS;
use super::rules;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use serde::Serialize;
use serde_json::{Map, Value};

/// `extra` must not name a modelled field, even one left unset: it would bypass that field's
/// validation. `own` are the request's own fields; call-option fields are added when
/// `with_call_options` is true.
pub fn check_extra(
    extra: &Extra,
    own: &[&str],
    with_call_options: bool,
    at: &Path,
    report: &mut Report,
) {
    for key in extra.keys() {
        let k = key.as_str();
        if is_modelled(k, own, with_call_options) {
            report.error(
                IssueCode::ExtraShadowsField,
                at.field("extra").field(k),
                format!("`{k}` is a modelled field; set it directly instead of through `extra`"),
            );
        }
    }
}

/// Serialise a request model to a JSON object.
pub fn to_object<T: Serialize>(t: &T) -> Map<String, Value> {
    match serde_json::to_value(t) {
        Ok(Value::Object(m)) => m,
        // Every request model is a struct of plain data, which serialises to an object; keep the
        // signature total anyway.
        _ => Map::new(),
    }
}

/// True when `key` names a modelled field (own or, with `with_call_options`, a call option).
fn is_modelled(key: &str, own: &[&str], with_call_options: bool) -> bool {
    own.contains(&key) || key == "extra" || (with_call_options && CALL_OPTION_FIELDS.contains(&key))
}

/// Merge `extra` into `body` with `json::merge_extra`, leaving out keys that name a modelled field
/// even when that field is unset (they would bypass its validation). Validation has already
/// reported every such key ([`check_extra`]), so `merge_extra`'s own report is not repeated.
pub fn merge(
    body: &mut Map<String, Value>,
    extra: &Extra,
    own: &[&str],
    with_call_options: bool,
    at: &Path,
) {
    let mut scratch = Report::new();
    if extra.keys().any(|k| is_modelled(k, own, with_call_options)) {
        let allowed: Extra = extra
            .iter()
            .filter(|(k, _)| !is_modelled(k, own, with_call_options))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        json::merge_extra(body, &allowed, at, &mut scratch);
    } else {
        json::merge_extra(body, extra, at, &mut scratch);
    }
}

/// Replace a phone-number string at `key` with its Bland wire form when it is valid; invalid
/// numbers stay as given (the validation report already holds their error).
pub fn normalise_phone_at(obj: &mut Map<String, Value>, key: &str) {
    if let Some(Value::String(s)) = obj.get_mut(key)
        && let Ok(wire) = rules::normalise_phone(s)
    {
        *s = wire.into();
    }
}

/// Normalise the phone fields of serialised call options: `from`, `transfer_phone_number`, every
/// `transfer_list` value and `voicemail.sms.{to,from}`.
pub fn normalise_call_option_phones(obj: &mut Map<String, Value>) {
    normalise_phone_at(obj, "from");
    normalise_phone_at(obj, "transfer_phone_number");
    if let Some(Value::Object(list)) = obj.get_mut("transfer_list") {
        let keys: Vec<String> = list.keys().cloned().collect();
        for k in keys {
            normalise_phone_at(list, &k);
        }
    }
    if let Some(Value::Object(vm)) = obj.get_mut("voicemail")
        && let Some(Value::Object(sms)) = vm.get_mut("sms")
    {
        normalise_phone_at(sms, "to");
        normalise_phone_at(sms, "from");
    }
}
