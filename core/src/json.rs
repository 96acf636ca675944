//! Reading user JSON into typed models while collecting *every* problem, not just serde's first.
//!
//! serde stops at the first type error. [`from_value_collect`] records that error with its field path
//! (via [`track`]), removes the offending field and tries again, so one pass reports all
//! wrong types and unknown fields (structs use `deny_unknown_fields`, or an [`UnknownFields`]
//! catch-all where `#[serde(flatten)]` is involved). Required fields are `#[serde(default)]` in input
//! models and checked by the validators, so a missing field is a `required` issue, never a serde error.

use crate::issue::{IssueCode, Path, Report};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub mod read;
pub mod track;

/// Upper bound on reparse rounds: each round removes one bad field, so this caps pathological input.
const MAX_ROUNDS: usize = 200;

/// Deserialize `value` into `T`, pushing an issue for each field that does not fit and dropping it.
/// Returns `None` only when the input cannot be read as `T` at all (e.g. the root is not an object).
pub fn from_value_collect<T: read::ReadJson>(value: Value, report: &mut Report) -> Option<T> {
    let mut out = None;
    collect(value, report, &mut |v| match read::from_value::<T>(v) {
        Ok(t) => {
            out = Some(t);
            None
        }
        Err(e) => Some(e),
    });
    out
}

/// The loop of [`from_value_collect`], once for every model: only `read` (one typed read of the
/// current value; `None` when it succeeded) depends on the type. Generic, it was repeated in each
/// caller of every model in the wasm module (BENCHMARKS.md § wasm "Size").
#[inline(never)]
fn collect(
    mut value: Value,
    report: &mut Report,
    read: &mut dyn FnMut(&Value) -> Option<track::PathError>,
) {
    // Every input model is a JSON object; serde would also accept an array for a struct.
    if !value.is_object() {
        report.error(
            IssueCode::InvalidType,
            Path::root(),
            format!("expected a JSON object, got {}", kind_name(&value)),
        );
        return;
    }
    // Array items that were deleted, per array path, as original indexes: later errors in the same
    // array are reported at their original index, not the shifted one.
    let mut removed: Vec<(String, Vec<usize>)> = Vec::new();
    // Items already replaced by null (and reported): a second failure there is not a new problem.
    let mut nulled: Vec<String> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        match read(&value) {
            None => return,
            Some(err) => {
                let path = path_string(err.path());
                let raw = err.inner().to_string();
                let (code, message) = classify(&raw);
                // The tracker includes the unknown key in the path; make sure it does.
                let path = match (code, unknown_field_name(&raw)) {
                    (IssueCode::UnknownField, Some(name))
                        if path != name && !path.ends_with(&format!(".{name}")) =>
                    {
                        Path::from(path.as_str()).field(name).to_string()
                    }
                    _ => path,
                };
                let already_reported = nulled.contains(&path);
                if !already_reported {
                    report.error(code, Path::from(original_path(&path, &removed)), message);
                }
                match remove_at(&mut value, &path) {
                    Removed::Nothing => return,
                    Removed::Nulled => nulled.push(path),
                    Removed::Deleted { array, index } => {
                        nulled.retain(|p| p != &path);
                        let original = original_index(&array, index, &removed);
                        match removed.iter_mut().find(|(a, _)| *a == array) {
                            Some((_, list)) => {
                                list.push(original);
                                list.sort_unstable();
                            }
                            None => removed.push((array, vec![original])),
                        }
                    }
                    Removed::Field => {}
                }
            }
        }
    }
    report.error(
        IssueCode::InvalidType,
        Path::root(),
        format!("more than {MAX_ROUNDS} fields have the wrong type; stopped reading"),
    );
}

/// Parse and validate in one step. `validate` sees the typed model only when it could be read.
/// `required` issues on a path that already has an `invalid_type` issue are dropped: the field was
/// present, just wrong.
pub fn parse_and_validate<T: read::ReadJson>(
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

fn path_string(p: &track::Path) -> String {
    use track::Segment;
    let mut out = String::new();
    for seg in p.segments() {
        match seg {
            Segment::Seq(index) => out.push_str(&format!("[{index}]")),
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
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

/// What [`remove_at`] did.
enum Removed {
    Nothing,
    Field,
    /// An array item was replaced by null (keeps later indexes stable).
    Nulled,
    /// An array item was deleted (it failed again as null).
    Deleted {
        array: String,
        index: usize,
    },
}

/// The array path and index of the last segment, when it is an index: `a.b[3]` → (`a.b`, 3).
fn split_last_index(path: &str) -> Option<(&str, usize)> {
    let stripped = path.strip_suffix(']')?;
    let open = stripped.rfind('[')?;
    let index = stripped[open + 1..].parse().ok()?;
    Some((&path[..open], index))
}

/// Original index of `index` in `array` given the originals already deleted from it.
fn original_index(array: &str, index: usize, removed: &[(String, Vec<usize>)]) -> usize {
    let mut original = index;
    if let Some((_, list)) = removed.iter().find(|(a, _)| a == array) {
        for r in list {
            if *r <= original {
                original += 1;
            }
        }
    }
    original
}

/// Rewrite every `[i]` of `path` to the original index, so reports match the user's input.
fn original_path(path: &str, removed: &[(String, Vec<usize>)]) -> String {
    if removed.is_empty() {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        match rest[open + 1..close].parse::<usize>() {
            Ok(i) => {
                let orig = original_index(&out, i, removed);
                out.push_str(&format!("[{orig}]"));
            }
            Err(_) => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Remove the value at a path produced by [`path_string`].
fn remove_at(root: &mut Value, path: &str) -> Removed {
    if path.is_empty() {
        return Removed::Nothing;
    }
    let segs = split_path(path);
    let Some((last, parents)) = segs.split_last() else {
        return Removed::Nothing;
    };
    let mut cur = root;
    for seg in parents {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(m)) => match m.get_mut(*k) {
                Some(v) => v,
                None => return Removed::Nothing,
            },
            (Seg::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return Removed::Nothing,
            },
            _ => return Removed::Nothing,
        };
    }
    match (last, cur) {
        (Seg::Key(k), Value::Object(m)) => {
            if m.shift_remove(*k).is_some() {
                Removed::Field
            } else {
                Removed::Nothing
            }
        }
        // Replacing an array item with null keeps later indexes stable (Option items accept it);
        // items that cannot be null fail again at the same index and are then deleted.
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            if a[*i].is_null() {
                a.remove(*i);
                match split_last_index(path) {
                    Some((array, index)) => Removed::Deleted {
                        array: array.to_owned(),
                        index,
                    },
                    None => Removed::Field,
                }
            } else {
                a[*i] = Value::Null;
                Removed::Nulled
            }
        }
        _ => Removed::Nothing,
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
            // `get`: a key like `a[0]]` (user input) leaves `]` first, where `1..0` would panic.
            if let Some(Ok(i)) = rest.get(1..end).map(str::parse) {
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

    #[derive(Debug, Deserialize, Default, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        #[serde(default)]
        n: u32,
    }

    #[derive(Debug, Deserialize, Default, crate::json::read::ReadJson)]
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

    #[derive(Debug, Deserialize, Default, crate::json::read::ReadJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Numbers {
        #[serde(default)]
        list: Vec<String>,
        #[serde(default)]
        rows: Vec<Inner>,
    }

    #[test]
    fn bad_array_items_are_reported_once_at_their_original_index() {
        let mut r = Report::new();
        let v = json!({"list": ["a", 1, "b", true, "c", 3.5],
                       "rows": [{"n": "x"}, {"n": 1}, 7, {"n": "y"}]});
        let out: Option<Numbers> = from_value_collect(v, &mut r);
        let out = out.expect("readable");
        assert_eq!(out.list, vec!["a", "b", "c"]);
        let paths: Vec<&str> = r.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "list[1]",
                "list[3]",
                "list[5]",
                "rows[0].n",
                "rows[2]",
                "rows[3].n"
            ],
            "{r:?}"
        );
    }

    #[test]
    fn bracket_heavy_unknown_keys_do_not_panic() {
        for key in ["a[0]]", "]", "[", "a[]", "x[1]]]"] {
            let mut r = Report::new();
            let _ = from_value_collect::<Outer>(json!({ key: 1 }), &mut r);
            assert!(
                r.issues.iter().any(|i| i.code == IssueCode::UnknownField),
                "{key}: {r:?}"
            );
        }
    }

    #[test]
    fn a_nested_struct_given_as_an_array_is_a_type_error_not_read_by_position() {
        // serde_json alone would read `[7]` as `Inner { n: 7 }`; callplane reads objects only.
        let mut r = Report::new();
        let out: Option<Numbers> = from_value_collect(json!({"rows": [[7], {"n": 2}, []]}), &mut r);
        let out = out.expect("readable");
        assert_eq!(out.rows.len(), 1, "the two arrays are dropped: {out:?}");
        assert_eq!(out.rows[0].n, 2);
        let got: Vec<(&str, IssueCode, &str)> = r
            .issues
            .iter()
            .map(|i| (i.path.as_str(), i.code, i.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "rows[0]",
                    IssueCode::InvalidType,
                    "invalid type: sequence, expected struct Inner"
                ),
                (
                    "rows[2]",
                    IssueCode::InvalidType,
                    "invalid type: sequence, expected struct Inner"
                ),
            ]
        );
    }

    #[test]
    fn non_object_root_is_reported_not_panicked() {
        let mut r = Report::new();
        let out: Option<Outer> = from_value_collect(json!([1, 2]), &mut r);
        assert!(out.is_none());
        assert_eq!(r.issues.len(), 1);
    }
}
