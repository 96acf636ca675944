//! Vendor answers read by a shape table instead of their typed models (the wasm build).
//!
//! Why: `registry::parse` reads each of the 32 answers into its typed model and serialises it back,
//! so every answer model's derived reader and writer lands in the wasm module (≈ 148 KB gzipped,
//! BENCHMARKS.md § wasm "Size"). Here each answer type is a [`Shape`] table (data, not code) and
//! one interpreter over `&Value` reproduces the typed round trip exactly: declared fields in
//! declaration order (absent `Option`s as `null`, or skipped where the model skips `None`),
//! aliases folded to the wire name, a flattened `extra` map's entries after them in input order,
//! numbers normalised as the typed field writes them (an integer in an `f64` field comes back as
//! `5.0`), and the same error (`serde_json`'s message at `json::track`'s path).
//!
//! Alibaba's answers carry JSON *text* (`Data`) whose errors need the text reader's positions:
//! they are read by a shape-driven `DeserializeSeed` instead ([`aliyun`]).
//!
//! The tables are generated from the models' serde attributes (`generate.rs`, with a staleness
//! test). Natively the typed path stays as the oracle: `tests.rs` and `aliyun_tests.rs` compare
//! both over every JSON literal in the sources and generated variants of every field. The wasm
//! crate turns the interpreters on with core's `answer-shapes` feature.

pub mod aliyun;
#[rustfmt::skip]
#[allow(unused_imports, clippy::all)]
mod aliyun_generated;
pub(crate) mod bland;
#[rustfmt::skip]
#[allow(unused_imports, clippy::all)]
mod bland_generated;
#[cfg(test)]
mod generate;
pub(crate) mod tencent;
#[rustfmt::skip]
#[allow(unused_imports, clippy::all)]
mod tencent_generated;
#[cfg(test)]
mod aliyun_tests;
#[cfg(test)]
mod tests;

use super::Parsed;
use super::registry::{Operation, not_this_vendor};
use crate::http::HttpResponse;
use crate::json::track::{Chain, PathError, invalid_type};
use serde::de::{self, Unexpected};
use serde_json::{Error, Map, Value};

/// `registry::parse` by the operation's shape table.
pub fn parse(op: Operation, resp: &HttpResponse) -> crate::Result<Parsed<Value>> {
    if let Some(parsed) = aliyun::parse(op, resp) {
        return parsed;
    }
    if let Some((envelope, shape)) = bland::answer(op) {
        return super::bland::BlandClient::parse_shaped(envelope, resp, &shape);
    }
    match tencent::answer(op) {
        // The action is the operation's name after `tencent.` (`CreateAICall`), as `O::ACTION`.
        Some(shape) => super::tencent::TencentClient::parse_shaped(
            op.name().trim_start_matches("tencent."),
            resp,
            &shape,
        ),
        None => Err(not_this_vendor(op)),
    }
}

/// What one JSON value must look like, and how the typed model writes it back.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `Value`: anything, verbatim.
    Any,
    /// `String`, or an open string enum (an unknown value kept verbatim): a string.
    Str,
    /// `bool`.
    Bool,
    /// `f64`: any number, written back as a float (`5` → `5.0`).
    F64,
    /// `u64`.
    U64,
    /// `i64` (also Tencent's `EndStatus`, read as its code and written back as it).
    I64,
    /// Bland's untagged `Numeric`: a number (written as `f64`) or a string kept verbatim.
    Numeric,
    /// `Option<T>`: `null` stays `null`.
    Opt(&'static Shape),
    /// `Vec<T>`.
    Seq(&'static Shape),
    /// `serde_json::Map<String, T>`: entries in input order.
    Map(&'static Shape),
    /// `BTreeMap<String, T>`: written back sorted by key.
    SortedMap(&'static Shape),
    /// A struct.
    Struct(&'static Struct),
}

/// A struct that ends with `#[serde(flatten)] extra: Map<String, Value>`, as every answer model
/// of Bland and Tencent does: undeclared fields are kept, after the declared ones. (serde reads
/// such a struct through `deserialize_map`, so the positional array form of plain structs never
/// applies; a model without the flattened map would need it, and `generate.rs` refuses one.)
#[derive(Debug)]
pub struct Struct {
    /// The Rust name (serde's `expected struct Name`).
    pub name: &'static str,
    /// Declared fields, in declaration order.
    pub fields: &'static [Field],
}

/// One declared field.
#[derive(Debug)]
pub struct Field {
    /// The wire name (after `rename`).
    pub wire: &'static str,
    /// Other names read into it (`alias`).
    pub aliases: &'static [&'static str],
    /// Its shape.
    pub shape: Shape,
    /// `#[serde(default)]`: absent reads as the type's default instead of `missing field`.
    pub default: bool,
    /// `skip_serializing_if = "Option::is_none"`: `None` is not written back.
    pub skip_none: bool,
}

/// Read `v` as `shape` and write it back as the typed model would, or fail as the typed read does.
pub fn read(shape: &Shape, v: &Value) -> Result<Value, PathError> {
    read_at(shape, v, &Chain::Root)
}

fn read_at(shape: &Shape, v: &Value, at: &Chain<'_>) -> Result<Value, PathError> {
    let bad = |exp: &str| PathError::at(at, invalid_type(v, &exp));
    match (shape, v) {
        (Shape::Any, _) => Ok(v.clone()),
        (Shape::Opt(_), Value::Null) => Ok(Value::Null),
        (Shape::Opt(inner), _) => read_at(inner, v, at),
        (Shape::Str, Value::String(_)) | (Shape::Bool, Value::Bool(_)) => Ok(v.clone()),
        (Shape::Str, _) => Err(bad("a string")),
        (Shape::Bool, _) => Err(bad("a boolean")),
        (Shape::F64 | Shape::Numeric, Value::Number(n)) => Ok(float(n)),
        (Shape::F64, _) => Err(bad("f64")),
        (Shape::Numeric, Value::String(_)) => Ok(v.clone()),
        (Shape::Numeric, _) => Err(PathError::at(
            at,
            de::Error::custom("data did not match any variant of untagged enum Numeric"),
        )),
        (Shape::U64, Value::Number(n)) => unsigned(n).map_err(|e| PathError::at(at, e)),
        (Shape::U64, _) => Err(bad("u64")),
        (Shape::I64, Value::Number(n)) => signed(n).map_err(|e| PathError::at(at, e)),
        (Shape::I64, _) => Err(bad("i64")),
        (Shape::Seq(item), Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                out.push(read_at(
                    item,
                    x,
                    &Chain::Seq {
                        parent: at,
                        index: i,
                    },
                )?);
            }
            Ok(Value::Array(out))
        }
        (Shape::Seq(_), _) => Err(bad("a sequence")),
        (Shape::Map(item) | Shape::SortedMap(item), Value::Object(m)) => {
            let mut out = Map::new();
            for (k, x) in m {
                out.insert(
                    k.clone(),
                    read_at(item, x, &Chain::Key { parent: at, key: k })?,
                );
            }
            if matches!(shape, Shape::SortedMap(_)) {
                out.sort_keys();
            }
            Ok(Value::Object(out))
        }
        (Shape::Map(_) | Shape::SortedMap(_), _) => Err(bad("a map")),
        (Shape::Struct(s), Value::Object(m)) => read_struct(s, m, at),
        (Shape::Struct(s), _) => Err(PathError::at(at, invalid_type(v, &Expecting(s.name)))),
    }
}

/// serde's derived `expecting`: `struct Name`.
struct Expecting(&'static str);

impl de::Expected for Expecting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "struct {}", self.0)
    }
}

/// A JSON number as an `f64` field writes it back (`as f64` for integers, as serde's visitor does).
fn float(n: &serde_json::Number) -> Value {
    n.as_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// serde's `u64` visitor over `serde_json`'s `Number`.
fn unsigned(n: &serde_json::Number) -> Result<Value, Error> {
    if let Some(u) = n.as_u64() {
        Ok(Value::from(u))
    } else if let Some(i) = n.as_i64() {
        Err(de::Error::invalid_value(Unexpected::Signed(i), &"u64"))
    } else {
        Err(de::Error::invalid_type(
            Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
            &"u64",
        ))
    }
}

/// serde's `i64` visitor over `serde_json`'s `Number`.
fn signed(n: &serde_json::Number) -> Result<Value, Error> {
    if let Some(i) = n.as_i64() {
        Ok(Value::from(i))
    } else if let Some(u) = n.as_u64() {
        Err(de::Error::invalid_value(Unexpected::Unsigned(u), &"i64"))
    } else {
        Err(de::Error::invalid_type(
            Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
            &"i64",
        ))
    }
}

/// The derived `visit_map`: entries in input order (the first bad one fails), an alias given
/// alongside its field is `duplicate field`, then `missing field` for the first absent required
/// one; written back in declaration order, then the others in input order.
fn read_struct(s: &Struct, m: &Map<String, Value>, at: &Chain<'_>) -> Result<Value, PathError> {
    let mut slots: Vec<Option<Value>> = vec![None; s.fields.len()];
    let mut other = Map::new();
    for (k, x) in m {
        let found = s
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.wire == k || f.aliases.contains(&k.as_str()));
        let Some((i, f)) = found else {
            other.insert(k.clone(), x.clone());
            continue;
        };
        let Some(slot) = slots.get_mut(i) else {
            continue;
        };
        if slot.is_some() {
            // Raised by the derived visitor itself, so `track` puts it at the struct.
            return Err(PathError::at(at, de::Error::duplicate_field(f.wire)));
        }
        *slot = Some(read_at(&f.shape, x, &Chain::Key { parent: at, key: k })?);
    }
    let mut out = Map::new();
    for (f, slot) in s.fields.iter().zip(slots) {
        let value = match slot {
            Some(v) => v,
            None if f.default || matches!(f.shape, Shape::Opt(_)) => default_of(&f.shape),
            None => return Err(PathError::at(at, de::Error::missing_field(f.wire))),
        };
        if f.skip_none && value.is_null() && matches!(f.shape, Shape::Opt(_)) {
            continue;
        }
        out.insert(f.wire.to_owned(), value);
    }
    out.extend(other);
    Ok(Value::Object(out))
}

/// What `Default::default()` of the field's type writes.
fn default_of(shape: &Shape) -> Value {
    match shape {
        Shape::Any | Shape::Opt(_) => Value::Null,
        Shape::Str => Value::String(String::new()),
        Shape::Bool => Value::Bool(false),
        Shape::F64 => Value::from(0.0),
        Shape::U64 => Value::from(0u64),
        Shape::I64 => Value::from(0i64),
        Shape::Numeric => Value::Null,
        Shape::Seq(_) => Value::Array(Vec::new()),
        Shape::Map(_) | Shape::SortedMap(_) => Value::Object(Map::new()),
        Shape::Struct(s) => {
            let mut out = Map::new();
            for f in s.fields {
                if !(f.skip_none && matches!(f.shape, Shape::Opt(_))) {
                    out.insert(f.wire.to_owned(), default_of(&f.shape));
                }
            }
            Value::Object(out)
        }
    }
}
