//! Reading user JSON into typed models while collecting *every* problem, not just serde's first.
//!
//! serde stops at the first type error. [`from_value_collect`] records that error with its field path
//! (via `serde_path_to_error`), removes the offending field and tries again, so one pass reports all
//! wrong types and unknown fields (structs use `deny_unknown_fields`, or an [`UnknownFields`]
//! catch-all where `#[serde(flatten)]` is involved). Required fields are `#[serde(default)]` in input
//! models and checked by the validators, so a missing field is a `required` issue, never a serde error.

use crate::issue::{IssueCode, Path, Report};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Upper bound on reparse rounds: each round removes one bad field, so this caps pathological input.
const MAX_ROUNDS: usize = 200;

/// Deserialize `value` into `T`, pushing an issue for each field that does not fit and dropping it.
/// Returns `None` only when the input cannot be read as `T` at all (e.g. the root is not an object).
pub fn from_value_collect<T: DeserializeOwned>(mut value: Value, report: &mut Report) -> Option<T> {
    // Every input model is a JSON object; serde would also accept an array for a struct.
    if !value.is_object() {
        report.error(
            IssueCode::InvalidType,
            Path::root(),
            format!("expected a JSON object, got {}", kind_name(&value)),
        );
        return None;
    }
    for _ in 0..MAX_ROUNDS {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return Some(t),
            Err(err) => {
                let path = path_string(err.path());
                let raw = err.inner().to_string();
                let (code, message) = classify(&raw);
                // serde_path_to_error usually includes the unknown key in the path; make sure it does.
                let path = match (code, unknown_field_name(&raw)) {
                    (IssueCode::UnknownField, Some(name))
                        if path != name && !path.ends_with(&format!(".{name}")) =>
                    {
                        Path::from(path.as_str()).field(name)
                    }
                    _ => Path::from(path),
                };
                report.error(code, path.clone(), message);
                if !remove_at(&mut value, path.as_str()) {
                    return None;
                }
            }
        }
    }
    report.error(
        IssueCode::InvalidType,
        Path::root(),
        format!("more than {MAX_ROUNDS} fields have the wrong type; stopped reading"),
    );
    None
}

/// Parse and validate in one step. `validate` sees the typed model only when it could be read.
/// `required` issues on a path that already has an `invalid_type` issue are dropped: the field was
/// present, just wrong.
pub fn parse_and_validate<T: DeserializeOwned>(
    value: Value,
    validate: impl FnOnce(&T, &mut Report),
) -> (Option<T>, Report) {
    let mut report = Report::new();
    let parsed = from_value_collect::<T>(value, &mut report);
    if let Some(t) = &parsed {
        let mut v = Report::new();
        validate(t, &mut v);
        for issue in v.issues {
            let shadowed = issue.code == IssueCode::Required
                && report.issues.iter().any(|i| {
                    i.path == issue.path
                        && matches!(i.code, IssueCode::InvalidType | IssueCode::InvalidEnum)
                });
            if !shadowed {
                report.push(issue);
            }
        }
    }
    (parsed, report)
}

/// `a string`, `an array`, … for messages.
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn path_string(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in p.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn unknown_field_name(raw: &str) -> Option<&str> {
    let rest = raw.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// Turn serde's message into an issue code and a message without Rust type names.
fn classify(raw: &str) -> (IssueCode, String) {
    if let Some(name) = unknown_field_name(raw) {
        let expected = raw
            .split_once(", expected ")
            .map(|(_, e)| format!(" (known fields: {})", e.trim_start_matches("one of ")))
            .unwrap_or_default();
        return (
            IssueCode::UnknownField,
            format!(
                "unknown field `{name}`{expected}; put fields callplane does not model yet in `extra`"
            ),
        );
    }
    if raw.starts_with("unknown variant") {
        return (
            IssueCode::InvalidEnum,
            raw.replace("unknown variant", "unknown value"),
        );
    }
    if let Some(f) = raw.strip_prefix("missing field `") {
        let name = f.split('`').next().unwrap_or(f);
        return (
            IssueCode::Required,
            format!("missing required field `{name}`"),
        );
    }
    (IssueCode::InvalidType, humanize_types(raw))
}

fn humanize_types(raw: &str) -> String {
    let mut s = raw.to_owned();
    for (rust, human) in [
        ("expected u8", "expected an integer"),
        ("expected u16", "expected an integer"),
        ("expected u32", "expected an integer"),
        ("expected u64", "expected an integer"),
        ("expected i32", "expected an integer"),
        ("expected i64", "expected an integer"),
        ("expected usize", "expected an integer"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
    ] {
        if let Some(pos) = s.find(rust) {
            // Only replace a whole type name (avoid turning "u64x" into nonsense).
            let end = pos + rust.len();
            if s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                s.replace_range(pos..end, human);
            }
        }
    }
    s
}

/// Remove the value at a path produced by [`path_string`]. Returns false if nothing was removed.
fn remove_at(root: &mut Value, path: &str) -> bool {
    if path.is_empty() {
        return false;
    }
    let segs = split_path(path);
    let Some((last, parents)) = segs.split_last() else {
        return false;
    };
    let mut cur = root;
    for seg in parents {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(m)) => match m.get_mut(*k) {
                Some(v) => v,
                None => return false,
            },
            (Seg::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, cur) {
        (Seg::Key(k), Value::Object(m)) => m.shift_remove(*k).is_some(),
        // Replacing an array element with null keeps later indexes stable; element types that
        // cannot be null then fail again at the same index, so drop the element in that case.
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            if a[*i].is_null() {
                a.remove(*i);
            } else {
                a[*i] = Value::Null;
            }
            true
        }
        _ => false,
    }
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(p) => (&part[..p], &part[p..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(Seg::Key(name));
        }
        while let Some(end) = rest.find(']') {
            if let Ok(i) = rest[1..end].parse() {
                out.push(Seg::Index(i));
            }
            rest = &rest[end + 1..];
        }
    }
    out
}

/// Catch-all for models that need `#[serde(flatten)]` (where serde cannot `deny_unknown_fields`).
/// Put it last: `#[serde(flatten, skip_serializing)] pub unknown: UnknownFields`. Validators call
/// [`UnknownFields::report`], which turns every key into an `unknown_field` error.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct UnknownFields(pub Map<String, Value>);

impl UnknownFields {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn report(&self, at: &Path, report: &mut Report) {
        for key in self.0.keys() {
            report.error(
                IssueCode::UnknownField,
                at.field(key),
                format!(
                    "unknown field `{key}`; put fields callplane does not model yet in `extra`"
                ),
            );
        }
    }
}

/// Fields callplane does not model yet, passed to the vendor verbatim. Explicit by design: a typo
/// in a modelled field is an error, an `extra` entry is a deliberate choice.
pub type Extra = Map<String, Value>;

/// Merge `extra` into a serialized body. A key that the model already produced is an error (it would
/// silently override a validated field).
pub fn merge_extra(body: &mut Map<String, Value>, extra: &Extra, at: &Path, report: &mut Report) {
    for (k, v) in extra {
        if body.contains_key(k) {
            report.error(
                IssueCode::ExtraShadowsField,
                at.field("extra").field(k),
                format!("`{k}` is a modelled field; set it directly instead of through `extra`"),
            );
        } else {
            body.insert(k.clone(), v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        #[serde(default)]
        n: u32,
    }

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        #[serde(default)]
        name: String,
        #[serde(default)]
        max_duration: Option<u32>,
        #[serde(default)]
        rows: Vec<Inner>,
    }

    #[test]
    fn collects_every_type_error_and_unknown_field() {
        let mut r = Report::new();
        let v = json!({"name": 5, "max_duration": "ten", "colour": "red",
                       "rows": [{"n": 1}, {"n": "x"}, {"n": 2, "zz": 1}]});
        let out: Option<Outer> = from_value_collect(v, &mut r);
        assert!(out.is_some(), "{r:?}");
        let got: Vec<(String, IssueCode)> = r
            .issues
            .iter()
            .map(|i| (i.path.to_string(), i.code))
            .collect();
        assert!(
            got.contains(&("name".into(), IssueCode::InvalidType)),
            "{got:?}"
        );
        assert!(
            got.contains(&("max_duration".into(), IssueCode::InvalidType)),
            "{got:?}"
        );
        assert!(
            got.contains(&("colour".into(), IssueCode::UnknownField)),
            "{got:?}"
        );
        assert!(
            got.contains(&("rows[1].n".into(), IssueCode::InvalidType)),
            "{got:?}"
        );
        assert!(
            got.contains(&("rows[2].zz".into(), IssueCode::UnknownField)),
            "{got:?}"
        );
        assert_eq!(got.len(), 5, "{got:?}");
        let msg = &r
            .issues
            .iter()
            .find(|i| i.path.as_str() == "max_duration")
            .unwrap()
            .message;
        assert!(msg.contains("expected an integer"), "{msg}");
    }

    #[test]
    fn non_object_root_is_reported_not_panicked() {
        let mut r = Report::new();
        let out: Option<Outer> = from_value_collect(json!([1, 2]), &mut r);
        assert!(out.is_none());
        assert_eq!(r.issues.len(), 1);
    }
}
