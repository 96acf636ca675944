//! Where the field names are in an operation's input, and the walks that rename them.
//!
//! A [`Shape`] says, for every position of an input, whether it holds a struct (whose keys are
//! field names and get renamed), a list, a scalar, or free-form data whose keys belong to the user
//! or the vendor and are never renamed (`request_data`, `metadata`, `call_data` variables,
//! `extra`, `LLMExtraBody`…). The tables live in [`super::schema`]; a test there proves each one
//! equal to what the model accepts.

use super::names::to_js;
use crate::issue::{IssueCode, Path, Report};
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// What is at one position of an input.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A string, number, boolean, or list of them: nothing to rename.
    Scalar,
    /// Free-form JSON owned by the user or the vendor: kept exactly as given.
    Free,
    /// A list whose items have this shape.
    List(&'static Shape),
    /// An object with named fields.
    Struct(&'static Struct),
}

/// An object with named fields.
#[derive(Debug)]
pub struct Struct {
    /// The wire names of every field, as concatenated lists (so model constants such as
    /// `CALL_OPTION_FIELDS` can be reused as they are).
    pub fields: &'static [&'static [&'static str]],
    /// The fields whose value is not a [`Shape::Scalar`].
    pub nested: &'static [(&'static str, Shape)],
    /// What other keys mean.
    pub rest: Rest,
    /// The JS names of [`Struct::fields`], in the same order; computed on first use.
    pub js: OnceLock<Box<[String]>>,
}

/// Keys of a struct that are not fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rest {
    /// None are allowed: an unknown key is an `unknown_field` issue.
    Closed,
    /// They are data (a `call_data` row's variables) and stay as they are.
    Data,
}

impl Struct {
    /// Every field's wire name, in declaration order.
    pub fn wire_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().flat_map(|l| l.iter().copied())
    }

    /// The JS names, aligned with [`Struct::wire_names`].
    fn js_names(&self) -> &[String] {
        self.js
            .get_or_init(|| self.wire_names().map(|w| to_js(w).into_owned()).collect())
    }

    /// `(wire, js)` for every field.
    pub fn names(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.wire_names()
            .zip(self.js_names().iter().map(String::as_str))
    }

    /// The wire name of the field whose JS name is `js`.
    pub fn wire_of(&self, js: &str) -> Option<&'static str> {
        self.names().find(|(_, j)| *j == js).map(|(w, _)| w)
    }

    /// The JS name of field `wire` (itself when it is not a field).
    pub fn js_of<'a>(&'a self, wire: &'a str) -> &'a str {
        self.names()
            .find(|(w, _)| *w == wire)
            .map_or(wire, |(_, j)| j)
    }

    /// The field called `wire` on the wire.
    pub fn has_wire(&self, wire: &str) -> bool {
        self.wire_names().any(|w| w == wire)
    }

    /// The shape of field `wire`.
    pub fn shape_of(&self, wire: &str) -> Shape {
        self.nested
            .iter()
            .find(|(n, _)| *n == wire)
            .map_or(Shape::Scalar, |(_, s)| *s)
    }
}

/// Rename a JS input to wire names. Keys that are not fields of a closed struct are reported as
/// `unknown_field` (at their JS path under `path`) and dropped; a wire name used instead of its JS
/// name gets a message saying which name to write.
///
/// Objects are renamed in place (a 100k-row `callData` allocates nothing new), and paths are
/// only written out when there is something to report.
pub fn input_to_wire(shape: Shape, value: Value, path: &Path, report: &mut Report) -> Value {
    let at = At {
        parent: None,
        step: Step::Base(path),
    };
    to_wire_at(shape, value, &at, report)
}

/// Where a value is, as a chain of steps on the stack; [`At::path`] writes it out on demand.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Base(&'a Path),
    Key(&'a str),
    Index(usize),
}

impl At<'_> {
    fn path(&self) -> Path {
        let parent = self.parent.map_or_else(Path::root, At::path);
        match self.step {
            Step::Base(p) => p.clone(),
            Step::Key(k) => parent.field(k),
            Step::Index(i) => parent.index(i),
        }
    }
}

fn to_wire_at(shape: Shape, value: Value, at: &At<'_>, report: &mut Report) -> Value {
    match (shape, value) {
        (Shape::List(item), Value::Array(mut items)) => {
            for (i, v) in items.iter_mut().enumerate() {
                let here = At {
                    parent: Some(at),
                    step: Step::Index(i),
                };
                *v = to_wire_at(*item, std::mem::take(v), &here, report);
            }
            Value::Array(items)
        }
        (Shape::Struct(s), Value::Object(map)) => Value::Object(struct_to_wire(s, map, at, report)),
        // Scalars, free-form data, and values of the wrong type (which the model reports).
        (_, v) => v,
    }
}

/// What to do with one key of a struct.
enum Plan {
    Keep,
    Rename(&'static str),
    Drop(String),
}

fn plan(s: &Struct, key: &str) -> Plan {
    match s.wire_of(key) {
        Some(wire) if wire == key => Plan::Keep,
        Some(wire) => Plan::Rename(wire),
        None if s.rest == Rest::Data && !s.has_wire(key) => Plan::Keep,
        None if s.has_wire(key) => Plan::Drop(format!(
            "`{key}` is the vendor's wire name; write `{}`",
            to_js(key)
        )),
        None => Plan::Drop(format!(
            "unknown field `{key}` (known fields: {}); put fields callplane does not model yet in \
             `extra`",
            known_fields(s)
        )),
    }
}

fn struct_to_wire(
    s: &'static Struct,
    mut map: Map<String, Value>,
    at: &At<'_>,
    report: &mut Report,
) -> Map<String, Value> {
    let mut renames = false;
    let mut drops = false;
    for k in map.keys() {
        match plan(s, k) {
            Plan::Keep => {}
            Plan::Rename(_) => renames = true,
            Plan::Drop(_) => drops = true,
        }
    }
    if drops {
        // Rare (an input with mistakes): rebuild, reporting in input order.
        let mut out = Map::with_capacity(map.len());
        for (key, v) in map {
            let here = At {
                parent: Some(at),
                step: Step::Key(&key),
            };
            match plan(s, &key) {
                Plan::Keep => {
                    let v = nested_to_wire(s, &key, v, &here, report);
                    out.insert(key, v);
                }
                Plan::Rename(wire) => {
                    let v = nested_to_wire(s, wire, v, &here, report);
                    out.insert(wire.to_owned(), v);
                }
                Plan::Drop(message) => report.error(IssueCode::UnknownField, here.path(), message),
            }
        }
        return out;
    }
    if renames {
        // In place, keeping the key order; this allocates only the new keys. No target can be
        // present already: a wire name in the input is a `Drop` above.
        for (wire, js) in s.names() {
            if wire == js {
                continue;
            }
            let Some(i) = map.keys().position(|k| k == js) else {
                continue;
            };
            if let Some((_, v)) = map.shift_remove_entry(js) {
                map.shift_insert(i, wire.to_owned(), v);
            }
        }
    }
    if s.nested
        .iter()
        .any(|(_, sh)| matches!(sh, Shape::List(_) | Shape::Struct(_)))
    {
        for (wire, v) in map.iter_mut() {
            // Issues below this field are reported under the JS name the user wrote.
            let here = At {
                parent: Some(at),
                step: Step::Key(s.js_of(wire)),
            };
            *v = nested_to_wire(s, wire, std::mem::take(v), &here, report);
        }
    }
    map
}

/// The value of field `wire` of `s`, mapped when its shape has field names inside.
fn nested_to_wire(s: &Struct, wire: &str, v: Value, at: &At<'_>, report: &mut Report) -> Value {
    match s.shape_of(wire) {
        shape @ (Shape::List(_) | Shape::Struct(_)) => to_wire_at(shape, v, at, report),
        Shape::Scalar | Shape::Free => v,
    }
}

fn known_fields(s: &Struct) -> String {
    let names: Vec<String> = s.wire_names().map(|w| format!("`{}`", to_js(w))).collect();
    names.join(", ")
}

/// Rename a wire input to JS names (the inverse of [`input_to_wire`] on inputs it accepts; used by
/// tests and to show a vendor example in JS form).
pub fn input_to_js(shape: Shape, value: Value) -> Value {
    match (shape, value) {
        (Shape::List(item), Value::Array(items)) => {
            Value::Array(items.into_iter().map(|v| input_to_js(*item, v)).collect())
        }
        (Shape::Struct(s), Value::Object(map)) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    if s.has_wire(&k) {
                        let v = input_to_js(s.shape_of(&k), v);
                        (to_js(&k).into_owned(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect(),
        ),
        (_, v) => v,
    }
}

/// One step of a field path.
enum PathStep<'a> {
    Key(&'a str),
    Index(&'a str),
}

/// Split `a.b[3].c` into its first step and the rest (which starts with `.`, `[` or is empty).
fn first_step(path: &str) -> Option<(PathStep<'_>, &str)> {
    let path = path.strip_prefix('.').unwrap_or(path);
    if path.is_empty() {
        return None;
    }
    if let Some(rest) = path.strip_prefix('[') {
        let end = rest.find(']')?;
        return Some((PathStep::Index(&rest[..end]), &rest[end + 1..]));
    }
    let end = path.find(['.', '[']).unwrap_or(path.len());
    Some((PathStep::Key(&path[..end]), &path[end..]))
}

/// A wire path of an issue (`call_data[3].phone_number`) in JS names (`callData[3].phoneNumber`).
/// Steps inside free-form data are kept as they are (`callData[3].business_name`).
pub fn path_to_js(shape: Shape, wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    let mut shape = shape;
    let mut rest = wire;
    while let Some((step, after)) = first_step(rest) {
        match (step, shape) {
            (PathStep::Index(i), Shape::List(item)) => {
                out.push('[');
                out.push_str(i);
                out.push(']');
                shape = *item;
            }
            (PathStep::Key(k), Shape::Struct(s)) if s.has_wire(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&to_js(k));
                shape = s.shape_of(k);
            }
            // Data, free-form values, or a path the shape does not know: keep the rest verbatim.
            _ => {
                if !out.is_empty() && !rest.starts_with(['.', '[']) {
                    out.push('.');
                }
                out.push_str(rest);
                return out;
            }
        }
        rest = after;
    }
    out
}

/// A vendor answer's body in JS names: every key is renamed with [`to_js`], except inside the
/// values of `free` fields (user data such as Bland's `variables`, `metadata`, `request_data`).
pub fn output_to_js(value: Value, free: &[&str]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if free.contains(&k.as_str()) {
                        v
                    } else {
                        output_to_js(v, free)
                    };
                    (to_js(&k).into_owned(), v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| output_to_js(v, free)).collect())
        }
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static ROW: Struct = Struct {
        fields: &[&["phone_number"]],
        nested: &[],
        rest: Rest::Data,
        js: OnceLock::new(),
    };
    static TTS: Struct = Struct {
        fields: &[&["TTSType", "AppId"]],
        nested: &[],
        rest: Rest::Closed,
        js: OnceLock::new(),
    };
    static ROOT: Struct = Struct {
        fields: &[&["call_data", "request_data", "LLMType", "CustomTTSConfig"]],
        nested: &[
            ("call_data", Shape::List(&Shape::Struct(&ROW))),
            ("request_data", Shape::Free),
            ("CustomTTSConfig", Shape::Struct(&TTS)),
        ],
        rest: Rest::Closed,
        js: OnceLock::new(),
    };
    const SHAPE: Shape = Shape::Struct(&ROOT);

    #[test]
    fn renames_fields_and_keeps_data() {
        let js = json!({
            "callData": [{"phoneNumber": "+1", "first_name": "Ann", "cityName": "X"}],
            "requestData": {"some_key": 1, "OtherKey": {"deep_key": 2}},
            "llmType": "openai",
            "customTtsConfig": {"ttsType": "tencent", "appId": "1"}
        });
        let mut r = Report::new();
        let wire = input_to_wire(SHAPE, js.clone(), &Path::root(), &mut r);
        assert!(r.issues.is_empty(), "{r}");
        assert_eq!(
            wire,
            json!({
                "call_data": [{"phone_number": "+1", "first_name": "Ann", "cityName": "X"}],
                "request_data": {"some_key": 1, "OtherKey": {"deep_key": 2}},
                "LLMType": "openai",
                "CustomTTSConfig": {"TTSType": "tencent", "AppId": "1"}
            })
        );
        assert_eq!(input_to_js(SHAPE, wire), js);
    }

    #[test]
    fn unknown_and_wire_names_are_reported_at_js_paths() {
        let js = json!({
            "LLMType": "x",
            "callData": [{}, {"phone_number": "+1"}],
            "bogus": 1
        });
        let mut r = Report::new();
        let wire = input_to_wire(SHAPE, js, &Path::root(), &mut r);
        assert_eq!(wire, json!({"call_data": [{}, {}]}));
        let got: Vec<_> = r.issues.iter().map(|i| (i.code, i.path.as_str())).collect();
        assert_eq!(
            got,
            [
                (IssueCode::UnknownField, "LLMType"),
                (IssueCode::UnknownField, "callData[1].phone_number"),
                (IssueCode::UnknownField, "bogus"),
            ]
        );
        assert!(r.issues[0].message.contains("write `llmType`"), "{r}");
        assert!(r.issues[2].message.contains("`customTtsConfig`"), "{r}");
    }

    #[test]
    fn paths_follow_the_shape() {
        for (wire, js) in [
            ("call_data[3].phone_number", "callData[3].phoneNumber"),
            ("call_data[3].business_name", "callData[3].business_name"),
            (
                "call_data[3].customer.first_name",
                "callData[3].customer.first_name",
            ),
            ("request_data.some_key", "requestData.some_key"),
            ("CustomTTSConfig.AppId", "customTtsConfig.appId"),
            ("LLMType", "llmType"),
            ("", ""),
            ("not_a_field.x", "not_a_field.x"),
            ("call_data", "callData"),
            ("call_data[0]", "callData[0]"),
        ] {
            assert_eq!(path_to_js(SHAPE, wire), js, "{wire}");
        }
    }

    #[test]
    fn outputs_keep_free_fields() {
        let wire = json!({
            "call_id": "c1",
            "variables": {"first_name": "Ann"},
            "transcripts": [{"created_at": 1, "user": "agent"}],
            "Response": {"SessionId": "s"}
        });
        assert_eq!(
            output_to_js(wire, &["variables"]),
            json!({
                "callId": "c1",
                "variables": {"first_name": "Ann"},
                "transcripts": [{"createdAt": 1, "user": "agent"}],
                "response": {"sessionId": "s"}
            })
        );
    }
}
