//! Where the field names are in an operation's input, and the walks that rename them.
//!
//! A [`Shape`] says, for every position of an input, whether it holds a struct (whose keys are
//! field names and get renamed), a list, a scalar, or free-form data whose keys belong to the user
//! or the vendor and are never renamed (`request_data`, `metadata`, `call_data` variables,
//! `extra`, `LLMExtraBody`…). The tables live in [`super::schema`]; a test there proves each one
//! equal to what the model accepts.

use super::names::{js_eq, to_js};
use crate::issue::{IssueCode, Path, Report};
use serde_json::{Map, Value};

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

    /// The wire name of the field whose JS name is `js`.
    pub fn wire_of(&self, js: &str) -> Option<&'static str> {
        self.wire_names().find(|w| js_eq(w, js))
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
/// `unknown_field` (at their JS path) and dropped; a wire name used instead of its JS name gets a
/// message saying which name to write.
pub fn input_to_wire(shape: Shape, value: Value, path: &Path, report: &mut Report) -> Value {
    match (shape, value) {
        (Shape::List(item), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| input_to_wire(*item, v, &path.index(i), report))
                .collect(),
        ),
        (Shape::Struct(s), Value::Object(map)) => {
            Value::Object(struct_to_wire(s, map, path, report))
        }
        // Scalars, free-form data, and values of the wrong type (which the model reports).
        (_, v) => v,
    }
}

fn struct_to_wire(
    s: &'static Struct,
    map: Map<String, Value>,
    path: &Path,
    report: &mut Report,
) -> Map<String, Value> {
    let mut out = Map::with_capacity(map.len());
    for (key, v) in map {
        match s.wire_of(&key) {
            Some(wire) => {
                let v = input_to_wire(s.shape_of(wire), v, &path.field(&key), report);
                out.insert(wire.to_owned(), v);
            }
            None if s.rest == Rest::Data && !s.has_wire(&key) => {
                out.insert(key, v);
            }
            None => {
                let message = if s.has_wire(&key) {
                    format!("`{key}` is the vendor's wire name; write `{}`", to_js(&key))
                } else {
                    format!(
                        "unknown field `{key}` (known fields: {}); put fields callplane does not \
                         model yet in `extra`",
                        known_fields(s)
                    )
                };
                report.error(IssueCode::UnknownField, path.field(&key), message);
            }
        }
    }
    out
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
enum Step<'a> {
    Key(&'a str),
    Index(&'a str),
}

/// Split `a.b[3].c` into its first step and the rest (which starts with `.`, `[` or is empty).
fn first_step(path: &str) -> Option<(Step<'_>, &str)> {
    let path = path.strip_prefix('.').unwrap_or(path);
    if path.is_empty() {
        return None;
    }
    if let Some(rest) = path.strip_prefix('[') {
        let end = rest.find(']')?;
        return Some((Step::Index(&rest[..end]), &rest[end + 1..]));
    }
    let end = path.find(['.', '[']).unwrap_or(path.len());
    Some((Step::Key(&path[..end]), &path[end..]))
}

/// A wire path of an issue (`call_data[3].phone_number`) in JS names (`callData[3].phoneNumber`).
/// Steps inside free-form data are kept as they are (`callData[3].business_name`).
pub fn path_to_js(shape: Shape, wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    let mut shape = shape;
    let mut rest = wire;
    while let Some((step, after)) = first_step(rest) {
        match (step, shape) {
            (Step::Index(i), Shape::List(item)) => {
                out.push('[');
                out.push_str(i);
                out.push(']');
                shape = *item;
            }
            (Step::Key(k), Shape::Struct(s)) if s.has_wire(k) => {
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
    };
    static TTS: Struct = Struct {
        fields: &[&["TTSType", "AppId"]],
        nested: &[],
        rest: Rest::Closed,
    };
    static ROOT: Struct = Struct {
        fields: &[&["call_data", "request_data", "LLMType", "CustomTTSConfig"]],
        nested: &[
            ("call_data", Shape::List(&Shape::Struct(&ROW))),
            ("request_data", Shape::Free),
            ("CustomTTSConfig", Shape::Struct(&TTS)),
        ],
        rest: Rest::Closed,
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
