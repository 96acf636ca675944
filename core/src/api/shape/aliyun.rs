//! Alibaba's answers by shape: a `DeserializeSeed` that makes the calls the derived readers make.
//!
//! Why a seed and not [`super::read`]: `Data` (and a call's `dialogDetail`) is JSON *text*, parsed
//! into a `Value` and then read like the body (`aliyun::wire::parse_json_text_seed`: syntax errors
//! keep `serde_json`'s line and column, type errors the path inside the text). Driving the one
//! `&Value` deserializer (`json::track`) with the same requests and visitors as the derived code
//! (`deserialize_map` for a struct with a flattened map, `deserialize_struct` with positional
//! arrays otherwise, the `aliyun::wire` readers as they are) yields their exact errors, with one
//! instantiation instead of one per model.

use super::Parsed;
use crate::aliyun::{opt_status, wire};
use crate::api::registry::Operation;
use crate::http::HttpResponse;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// What one Alibaba answer field is, by the type and reader its model declares.
#[derive(Debug, Clone, Copy)]
pub enum A {
    /// `String` (absent: `""`).
    Str,
    /// `Option<String>`.
    OptStr,
    /// `wire::lenient_string`: a string, number or boolean as text.
    LenientStr,
    /// `wire::lenient_i64`: an integer, an integral float or its text (blank: `None`).
    LenientI64,
    /// `opt_status`: `lenient_string`, blank as `None`.
    Status,
    /// `wire::opt_json_list::<T>`: an array (a `null` item is `T::default()`) or its JSON text.
    JsonList(&'static AStruct),
    /// `wire::data_string`: JSON text or an object; written back (after `registry`'s
    /// `data_as_object`) as the document, `null` when there is none.
    Data(&'static A),
    /// `Vec<T>`.
    Seq(&'static A),
    /// A struct.
    Struct(&'static AStruct),
}

/// A model struct.
#[derive(Debug)]
pub struct AStruct {
    /// The Rust name (`expected struct Name`).
    pub name: &'static str,
    /// Declared fields in order; every one has a default.
    pub fields: &'static [AField],
    /// Ends with `#[serde(flatten)] extra`: undeclared fields kept (read as a map only);
    /// otherwise they are ignored and the struct also reads from an array, positionally.
    pub kept: bool,
}

/// One declared field.
#[derive(Debug)]
pub struct AField {
    /// Wire name.
    pub wire: &'static str,
    /// `alias`es.
    pub aliases: &'static [&'static str],
    /// Its reader.
    pub shape: A,
    /// `skip_serializing_if = "Option::is_none"`.
    pub skip_none: bool,
}

/// `registry::parse` of an Alibaba operation by its table.
pub fn parse(op: Operation, resp: &HttpResponse) -> Option<crate::Result<Parsed<Value>>> {
    let table = answer(op)?;
    let action = op.name().trim_start_matches("aliyun.");
    Some(crate::api::aliyun::AliyunClient::parse_shaped(
        action, resp, table,
    ))
}

/// The table of an Alibaba operation's answer; `None` for other vendors'.
pub fn answer(op: Operation) -> Option<&'static AStruct> {
    use super::aliyun_generated::*;
    use Operation::*;
    Some(match op {
        AliyunBatchRobotSmartCall => &BATCH_ROBOT_SMART_CALL_RESPONSE,
        AliyunQueryCallDetailByTaskId => &QUERY_CALL_DETAIL_BY_TASK_ID_RESPONSE,
        AliyunQueryCallDetailByCallId => &QUERY_CALL_DETAIL_BY_CALL_ID_RESPONSE,
        AliyunQueryRobotTaskList => &QUERY_ROBOT_TASK_LIST_RESPONSE,
        _ => return None,
    })
}

/// Read the whole body as `table` (`json::track`'s errors).
pub(crate) fn read(
    table: &'static AStruct,
    body: &Value,
) -> Result<Value, crate::json::track::PathError> {
    crate::json::track::from_value_seed(body, Seed(&A::Struct(table)))
}

fn opt_string(s: Option<String>) -> Value {
    s.map_or(Value::Null, Value::String)
}

/// Reads one value as its [`A`].
#[derive(Clone, Copy)]
struct Seed<'s>(&'s A);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self.0 {
            A::Str => String::deserialize(d).map(Value::String),
            A::OptStr => Option::<String>::deserialize(d).map(opt_string),
            A::LenientStr => wire::lenient_string(d).map(opt_string),
            A::LenientI64 => wire::lenient_i64(d).map(|n| n.map_or(Value::Null, Value::from)),
            A::Status => opt_status(d).map(|c| opt_string(c.map(|c| c.raw().to_owned()))),
            A::JsonList(item) => d.deserialize_any(JsonList(item)),
            A::Data(inner) => data(d, inner),
            A::Seq(item) => d.deserialize_seq(Items(item)),
            A::Struct(s) if s.kept => d.deserialize_map(StructV(s)),
            A::Struct(s) => d.deserialize_struct(s.name, &[], StructV(s)),
        }
    }
}

/// `wire::data_string::deserialize`, with the document read by its shape (`null` for none).
fn data<'de, D: Deserializer<'de>>(d: D, inner: &A) -> Result<Value, D::Error> {
    wire::data_string::deserialize_seed(d, Seed(inner)).map(|v| v.unwrap_or(Value::Null))
}

/// `Vec<T>`'s visitor.
struct Items<'s>(&'s A);

impl<'de> Visitor<'de> for Items<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Value, S::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed(self.0))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
}

/// `wire::opt_json_list`'s visitor (the same `visit_*` set, so the same errors).
struct JsonList(&'static AStruct);

impl<'de> Visitor<'de> for JsonList {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array, or a string holding that array as JSON")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        if s.trim().is_empty() {
            return Ok(Value::Null);
        }
        let seq = A::Struct(self.0);
        wire::parse_json_text_seed(s, SeqOf(&seq)).map_err(E::custom)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    /// `wire::items_with_holes`: each item an `Option<T>`, `null` as `T::default()`.
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Value, S::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Hole(self.0))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
}

/// `Vec<T>` as a seed (the text form of a JSON list).
struct SeqOf<'s>(&'s A);

impl<'de> DeserializeSeed<'de> for SeqOf<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_seq(Items(self.0))
    }
}

/// `Option<T>` whose `None` is `T::default()` written back.
struct Hole(&'static AStruct);

impl<'de> DeserializeSeed<'de> for Hole {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Hole {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(finish(self.0, vec![None; self.0.fields.len()], Map::new()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Seed(&A::Struct(self.0)).deserialize(d)
    }
}

/// The derived struct visitor.
struct StructV<'s>(&'s AStruct);

impl<'de> Visitor<'de> for StructV<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.0.name)
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Value, M::Error> {
        let s = self.0;
        let mut slots: Vec<Option<Value>> = vec![None; s.fields.len()];
        let mut other = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let found = s
                .fields
                .iter()
                .zip(slots.iter_mut())
                .find(|(f, _)| f.wire == key || f.aliases.contains(&key.as_str()));
            match found {
                Some((f, slot)) => {
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(f.wire));
                    }
                    *slot = Some(map.next_value_seed(Seed(&f.shape))?);
                }
                None if s.kept => {
                    let v: Value = map.next_value()?;
                    other.insert(key, v);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(finish(s, slots, other))
    }
    /// Positional, as the derived `visit_seq` reads a struct without a flattened map: one item per
    /// field, a missing one is the field's default. A struct with one has no `visit_seq`.
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Value, S::Error> {
        let s = self.0;
        if s.kept {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut slots = Vec::with_capacity(s.fields.len());
        for f in s.fields {
            slots.push(seq.next_element_seed(Seed(&f.shape))?);
        }
        Ok(finish(s, slots, Map::new()))
    }
}

/// Declared fields in order (a missing one as its default, `None`s skipped where the model skips
/// them), then the kept others.
fn finish(s: &AStruct, slots: Vec<Option<Value>>, other: Map<String, Value>) -> Value {
    let mut out = Map::new();
    for (f, slot) in s.fields.iter().zip(slots) {
        let v = slot.unwrap_or(match f.shape {
            A::Str => Value::String(String::new()),
            _ => Value::Null,
        });
        if !(f.skip_none && v.is_null()) {
            out.insert(f.wire.to_owned(), v);
        }
    }
    out.extend(other);
    Value::Object(out)
}
