//! Compact readers for the input models: `#[derive(ReadJson)]` (crate `callplane-core-derive`)
//! turns a model's `#[serde(...)]` attributes into data (a [`StructSpec`]: names, aliases,
//! which fields need more than `Default` when absent) and one `match` arm per field (the
//! [`Fields`] impl), so the models read by [`super::from_value_collect`] need no derived
//! `Deserialize` instantiated for [`track::De`].
//!
//! Why: each derived reader instantiated for `track` carried its own `visit_map`, key visitor
//! and seed-driven accesses (≈ 85 KB of the gzipped wasm module, BENCHMARKS.md § wasm "Size").
//! Here the loop over the entries ([`read_entries`]) exists once; a model starts from its
//! `Default` and each field is one call to [`set`], generic only in the field's type. The
//! leaves (strings, numbers, `Value`, enums) are still read by serde through
//! [`track::serde_at`], so every error message is serde's own, at the position `track` records.
//!
//! Behaviour is serde_derive 1.0.229's, checked by the differential tests (`read/tests.rs`):
//! objects only (`invalid type: …, expected struct Name`), entries in order, the first error wins,
//! `unknown field` at the key, `duplicate field` and `missing field` at the object, a missing
//! `Option` is `None`, `#[serde(flatten)]` buffers the unknown entries and reports errors inside
//! flattened values at the enclosing object (serde reads them from an untracked buffer). One
//! documented difference: inside a flattened struct, serde also reads a nested struct from an
//! array (positionally); here `[…]` is `invalid type` there too, as everywhere else. No input
//! model has a struct inside a flattened one.

use super::track;
use serde::de::{Error as _, Unexpected};
use serde_json::Map;

pub use super::track::{Chain, PathError, serde_at, with_de};
pub use callplane_core_derive::ReadJson;
pub use serde::de::DeserializeOwned;
pub use serde_json::{Error, Value};

/// A type read from a JSON value with the first error's path, as `track::from_value` reads it.
pub trait ReadJson: Sized {
    /// Read `v`, which sits at `at`.
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError>;

    /// The value of an absent field without `#[serde(default)]`: serde's `missing_field`, which
    /// only `Option`-like types (they go through `deserialize_option`) turn into a value.
    fn missing(field: &'static str) -> Result<Self, Error> {
        Err(Error::missing_field(field))
    }
}

/// A type that can be `#[serde(flatten)]`ed: read from the entries the enclosing struct did not
/// claim (`None` once a flattened struct took them, as serde's `FlatMapDeserializer` does).
pub trait ReadFlat: Sized {
    /// Read from `buf`, reporting errors at `at` (the enclosing object).
    fn read_flat(buf: &mut FlatBuf<'_>, at: &Chain<'_>) -> Result<Self, PathError>;
}

/// The entries a struct with `#[serde(flatten)]` fields did not claim, in input order.
pub type FlatBuf<'v> = Vec<Option<(&'v str, &'v Value)>>;

/// The entries of an object as `(key, value)`.
pub type Entries<'e, 'v> = dyn Iterator<Item = (&'v str, &'v Value)> + 'e;

/// Read `v` as `T` (`json::from_value_collect` and the tests' entry point).
pub fn from_value<T: ReadJson>(v: &Value) -> Result<T, PathError> {
    T::read(v, &Chain::Root)
}

/// Leaves and foreign types: serde reads them (through `track`, at the same position).
#[macro_export]
macro_rules! read_json_via_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::json::read::ReadJson for $t {
            #[inline(never)]
            fn read(
                v: &$crate::json::read::Value,
                at: &$crate::json::read::Chain<'_>,
            ) -> ::core::result::Result<Self, $crate::json::track::PathError> {
                $crate::json::track::serde_at(v, at)
            }
            fn missing(field: &'static str) -> ::core::result::Result<Self, $crate::json::read::Error> {
                $crate::json::read::missing_via_serde(field)
            }
        }
    )*};
}

/// serde's `missing_field` for a type read by serde: its `Deserialize` decides (`Option`-like
/// readers go through `deserialize_option` and give a value, the rest `missing field`).
pub fn missing_via_serde<T: DeserializeOwned>(field: &'static str) -> Result<T, Error> {
    T::deserialize(MissingField(field))
}

/// serde's private `MissingFieldDeserializer`.
struct MissingField(&'static str);

impl<'de> serde::Deserializer<'de> for MissingField {
    type Error = Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(Error::missing_field(self.0))
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

read_json_via_serde!(
    String,
    bool,
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    Value,
    serde_json::Number,
    Map<String, Value>,
);

impl<T: ReadJson> ReadJson for Option<T> {
    #[inline(never)]
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v, at).map(Some),
        }
    }
    fn missing(_: &'static str) -> Result<Self, Error> {
        Ok(None)
    }
}

impl<T: ReadJson> ReadJson for Box<T> {
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        T::read(v, at).map(Box::new)
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    #[inline(never)]
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        let items = array(v, at)?;
        let mut out = Vec::with_capacity(items.len().min(4096));
        for (index, item) in items.iter().enumerate() {
            out.push(T::read(item, &Chain::Seq { parent: at, index })?);
        }
        Ok(out)
    }
}

impl<T: ReadJson> ReadJson for std::collections::BTreeMap<String, T> {
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        let m = object(v, at, "a map")?;
        let mut out = Self::new();
        for (key, value) in m {
            out.insert(
                key.clone(),
                T::read(value, &Chain::Key { parent: at, key })?,
            );
        }
        Ok(out)
    }
}

impl<T: ReadJson> ReadJson for crate::Nullable<T> {
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        Ok(match Option::<T>::read(v, at)? {
            None => crate::Nullable::Null,
            Some(t) => crate::Nullable::Value(t),
        })
    }
    /// `Nullable`'s `Deserialize` reads an `Option`, so serde makes an absent field `Null`.
    fn missing(_: &'static str) -> Result<Self, Error> {
        Ok(crate::Nullable::Null)
    }
}

impl ReadJson for crate::Secret {
    fn read(v: &Value, at: &Chain<'_>) -> Result<Self, PathError> {
        String::read(v, at).map(crate::Secret::new)
    }
}

impl ReadFlat for Map<String, Value> {
    /// serde's `FlatMapAccess`: every entry not taken yet, without taking it.
    fn read_flat(buf: &mut FlatBuf<'_>, _at: &Chain<'_>) -> Result<Self, PathError> {
        Ok(buf
            .iter()
            .flatten()
            .map(|(k, v)| ((*k).to_owned(), (*v).clone()))
            .collect())
    }
}

/// The object's map, or serde's `invalid type: …, expected {expecting}` at `at`.
pub fn object<'v>(
    v: &'v Value,
    at: &Chain<'_>,
    expecting: &'static str,
) -> Result<&'v Map<String, Value>, PathError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(PathError::at(at, track::invalid_type(other, &expecting))),
    }
}

/// The array's items, or `invalid type: …, expected a sequence` at `at`.
fn array<'v>(v: &'v Value, at: &Chain<'_>) -> Result<&'v [Value], PathError> {
    match v {
        Value::Array(a) => Ok(a),
        other => Err(PathError::at(at, track::invalid_type(other, &"a sequence"))),
    }
}

/// An entry as `(&str, &Value)`.
pub fn entry<'v>((k, v): (&'v String, &'v Value)) -> (&'v str, &'v Value) {
    (k.as_str(), v)
}

/// One field of a derived struct: its deserialize name, every name it is read under (sorted, as
/// serde's `FIELDS`) and whether an absent field needs [`Fields::missing`].
pub struct FieldSpec {
    /// The deserialize name (`duplicate field` and `missing field` name it).
    pub name: &'static str,
    /// The name and its aliases.
    pub names: &'static [&'static str],
    /// Absent: call [`Fields::missing`] (else the starting value, `Default`, stands).
    pub missing: bool,
}

/// A derived struct's reading rules, as data: the loop that applies them is [`read_entries`],
/// once in the binary for every model.
pub struct StructSpec {
    /// `struct Name`, for `invalid type: …, expected struct Name`.
    pub expecting: &'static str,
    /// The fields read from entries, in declaration order.
    pub fields: &'static [FieldSpec],
    /// serde's `FIELDS` (every name of every field), for `unknown field`.
    pub names: &'static [&'static str],
    /// `#[serde(deny_unknown_fields)]`.
    pub deny_unknown_fields: bool,
    /// Some field is `#[serde(flatten)]`: unknown entries are buffered for them.
    pub flatten: bool,
}

/// The per-field code of a derived struct, by field index (see [`StructSpec::fields`]).
pub trait Fields {
    /// Read field `index` from `v` (at `at`) into `self`.
    fn set(&mut self, index: usize, v: &Value, at: &Chain<'_>) -> Result<(), PathError>;
    /// Field `index` was absent: serde's missing value, or its error (at the object `at`).
    fn missing(&mut self, index: usize, at: &Chain<'_>) -> Result<(), PathError>;
    /// After the entries: skipped fields' `default = "fn"` and the flattened fields from `buf`.
    fn finish(&mut self, buf: &mut FlatBuf<'_>, at: &Chain<'_>) -> Result<(), PathError>;
}

/// `v` as the object `spec` describes, into `this` (which starts as the struct's default).
pub fn read_object(
    v: &Value,
    at: &Chain<'_>,
    spec: &StructSpec,
    this: &mut dyn Fields,
) -> Result<(), PathError> {
    let m = object(v, at, spec.expecting)?;
    read_entries(&mut m.iter().map(entry), at, spec, this)
}

/// serde_derive's `visit_map`: entries in order, the first error wins; then the absent fields
/// in declaration order, the flattened fields, and `deny_unknown_fields` on what they left.
pub fn read_entries<'v>(
    entries: &mut Entries<'_, 'v>,
    at: &Chain<'_>,
    spec: &StructSpec,
    this: &mut dyn Fields,
) -> Result<(), PathError> {
    let mut seen = vec![false; spec.fields.len()];
    let mut buf: FlatBuf<'v> = Vec::new();
    for (key, v) in entries {
        let found = spec.fields.iter().position(|f| f.names.contains(&key));
        match found {
            Some(i) => {
                let (Some(done), Some(field)) = (seen.get_mut(i), spec.fields.get(i)) else {
                    continue;
                };
                if *done {
                    return Err(duplicate(at, field.name));
                }
                *done = true;
                this.set(i, v, &Chain::Key { parent: at, key })?;
            }
            None if spec.flatten => buf.push(Some((key, v))),
            None if spec.deny_unknown_fields => return Err(unknown(at, key, spec.names)),
            None => {}
        }
    }
    for (i, (field, done)) in spec.fields.iter().zip(&seen).enumerate() {
        if field.missing && !done {
            this.missing(i, at)?;
        }
    }
    this.finish(&mut buf, at)?;
    if spec.flatten && spec.deny_unknown_fields {
        deny_unclaimed(&buf, at)?;
    }
    Ok(())
}

/// A field's value, read as `T` at `at` (the field's key). Out of line and generic only in
/// `T`: each field of a model costs one `match` arm.
#[inline(never)]
pub fn set<T: ReadJson>(slot: &mut T, v: &Value, at: &Chain<'_>) -> Result<(), PathError> {
    *slot = T::read(v, at)?;
    Ok(())
}

/// [`set`] for a `#[serde(deserialize_with)]` field: `f` reads it through `track`.
#[inline(never)]
pub fn set_with<'v, T>(
    slot: &mut T,
    v: &'v Value,
    at: &Chain<'_>,
    f: impl for<'c> FnOnce(track::De<'v, 'c>) -> Result<T, Error>,
) -> Result<(), PathError> {
    *slot = with_de(v, at, f)?;
    Ok(())
}

/// A unit-only enum (`#[derive(ReadJson)]`), as serde_derive's visitor reads it through `track`:
/// `"name"` or `{"name": null}`; the index of the variant whose `names` (`table[i]`) hold it.
/// Errors, at the enum unless said: `invalid type: …, expected string or map`, `invalid value:
/// map, expected map with a single key`, `unknown variant `x`, expected one of …` (`variants`
/// is serde's `VARIANTS`), and `invalid type: …, expected unit` at `.name` for a non-null value.
/// Not generic: one copy for every enum instead of a serde visitor each (BENCHMARKS.md § wasm).
#[inline(never)]
pub fn unit_variant(
    v: &Value,
    at: &Chain<'_>,
    table: &[&[&str]],
    variants: &'static [&'static str],
) -> Result<usize, PathError> {
    let (name, value) = match v {
        Value::String(s) => (s.as_str(), None),
        Value::Object(m) => match m.iter().next() {
            Some((k, value)) if m.len() == 1 => (k.as_str(), Some(value)),
            _ => {
                let e = Error::invalid_value(Unexpected::Map, &"map with a single key");
                return Err(PathError::at(at, e));
            }
        },
        other => {
            return Err(PathError::at(
                at,
                track::invalid_type(other, &"string or map"),
            ));
        }
    };
    let Some(i) = table.iter().position(|names| names.contains(&name)) else {
        return Err(PathError::at(at, Error::unknown_variant(name, variants)));
    };
    match value {
        None | Some(Value::Null) => Ok(i),
        Some(other) => Err(PathError::at(
            &Chain::Key {
                parent: at,
                key: name,
            },
            track::invalid_type(other, &"unit"),
        )),
    }
}

/// `unknown field `key`, expected …` at the key (where `track` records a key's own error).
pub fn unknown(at: &Chain<'_>, key: &str, fields: &'static [&'static str]) -> PathError {
    PathError::at(
        &Chain::Key { parent: at, key },
        Error::unknown_field(key, fields),
    )
}

/// `duplicate field `name`` (a field and its alias both given) at the object.
pub fn duplicate(at: &Chain<'_>, name: &'static str) -> PathError {
    PathError::at(at, Error::duplicate_field(name))
}

/// An absent field without a default, at the object: `missing field` unless `T` is `Option`-like.
#[inline(never)]
pub fn missing<T: ReadJson>(at: &Chain<'_>, name: &'static str) -> Result<T, PathError> {
    T::missing(name).map_err(|e| PathError::at(at, e))
}

/// `missing field` for a `deserialize_with` field (serde does not ask the type).
pub fn missing_with(at: &Chain<'_>, name: &'static str) -> PathError {
    PathError::at(at, Error::missing_field(name))
}

/// A `#[serde(flatten)]` field: read from the unclaimed entries.
pub fn flat<T: ReadFlat>(buf: &mut FlatBuf<'_>, at: &Chain<'_>) -> Result<T, PathError> {
    T::read_flat(buf, at)
}

/// serde's `FlatStructAccess`: take (and return, in order) the entries whose key is one of
/// `fields`.
pub fn take<'v>(buf: &mut FlatBuf<'v>, fields: &[&str]) -> Vec<(&'v str, &'v Value)> {
    let mut out = Vec::new();
    for slot in buf.iter_mut() {
        if let Some((k, _)) = slot
            && fields.contains(k)
        {
            out.extend(slot.take());
        }
    }
    out
}

/// The entries still in `buf` (serde's `FlatMapAccess` borrows them).
pub fn remaining<'v>(buf: &FlatBuf<'v>) -> Vec<(&'v str, &'v Value)> {
    buf.iter().flatten().copied().collect()
}

/// `deny_unknown_fields` with `flatten`: the first entry nothing claimed is
/// `unknown field `key`` (serde's wording there, without the list) at the object.
pub fn deny_unclaimed(buf: &FlatBuf<'_>, at: &Chain<'_>) -> Result<(), PathError> {
    match buf.iter().flatten().next() {
        Some((key, _)) => Err(PathError::at(
            at,
            Error::custom(format_args!("unknown field `{key}`")),
        )),
        None => Ok(()),
    }
}

/// `PathError::moved_to`, as a function for the generated `map_err`.
pub fn moved<'a>(at: &'a Chain<'a>) -> impl FnOnce(PathError) -> PathError + 'a {
    move |e| e.moved_to(at)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod unit_enum_tests;
