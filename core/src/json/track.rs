//! Reading a `&Value` into a typed model with the path of the first error: one deserializer type
//! for every model, instead of `serde_path_to_error`'s wrappers around `serde_json`'s.
//!
//! Why: `serde_path_to_error` wraps the deserializer, every visitor, every seed and every map and
//! sequence access, so each model's derived reader was instantiated through several wrapper layers
//! (≈ 490 KB of the wasm module's code, BENCHMARKS.md § wasm "Size"). Here the path is kept by the
//! map and sequence accesses themselves: a derived reader is instantiated once, for [`De`].
//!
//! Behaviour matches `serde_json`'s `&Value` deserializer (the leaves are delegated to it, so the
//! error messages are its own) and `serde_path_to_error`'s paths: the innermost position where an
//! error leaves a deserializer call is recorded, keys and variants as `.name`, items as `[i]`.

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::{Error, Map, Value};
use std::cell::RefCell;
use std::fmt;

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An array item.
    Seq(usize),
    /// An object key or an enum variant.
    Key(String),
}

/// Where an error happened: `call_data[3].phone_number`; `.` is the root (as
/// `serde_path_to_error` writes it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The steps from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Seq(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
            }
        }
        Ok(())
    }
}

/// A typed reading error: the path and `serde_json`'s error.
#[derive(Debug)]
pub struct PathError {
    path: Path,
    inner: Error,
}

impl PathError {
    /// An error at `chain` (the answer-shape interpreter reports the positions `track` would).
    pub fn at(chain: &Chain<'_>, inner: Error) -> Self {
        PathError {
            path: chain.path(),
            inner,
        }
    }
    /// The same error at `chain`: serde reads a `#[serde(flatten)]`ed field from a buffer without
    /// positions, so its errors surface at the enclosing object (`json::read` does the same).
    pub fn moved_to(self, chain: &Chain<'_>) -> Self {
        PathError::at(chain, self.inner)
    }
    /// Where the error happened.
    pub fn path(&self) -> &Path {
        &self.path
    }
    /// The error itself, as `serde_json` words it.
    pub fn inner(&self) -> &Error {
        &self.inner
    }
}

/// Read `value` as `T`, with the path of the first error.
pub fn from_value<'a, T: Deserialize<'a>>(value: &'a Value) -> Result<T, PathError> {
    from_value_seed(value, std::marker::PhantomData::<T>)
}

/// [`from_value`] for a `DeserializeSeed` (the answer-shape interpreter of `api::shape::aliyun`).
pub(crate) fn from_value_seed<'a, S: DeserializeSeed<'a>>(
    value: &'a Value,
    seed: S,
) -> Result<S::Value, PathError> {
    let track = Track(RefCell::new(None));
    seed.deserialize(De {
        v: value,
        chain: &Chain::Root,
        track: &track,
    })
    .map_err(|inner| PathError {
        path: track.0.into_inner().unwrap_or_default(),
        inner,
    })
}

/// Read `value` (at `chain`) as `T` through serde: `json::read`'s leaves and the few types it
/// leaves to their `Deserialize` (enums, hand-written readers), with `from_value`'s paths.
pub fn serde_at<'a, T: Deserialize<'a>>(
    value: &'a Value,
    chain: &Chain<'_>,
) -> Result<T, PathError> {
    with_de(value, chain, |de| T::deserialize(de))
}

/// Run `f` (a `#[serde(deserialize_with)]` function) on a deserializer for `value` at `chain`:
/// the innermost position of an error is recorded, `chain` if none deeper.
pub fn with_de<'a, T>(
    value: &'a Value,
    chain: &Chain<'_>,
    f: impl for<'c> FnOnce(De<'a, 'c>) -> Result<T, Error>,
) -> Result<T, PathError> {
    let track = Track(RefCell::new(None));
    f(De {
        v: value,
        chain,
        track: &track,
    })
    .map_err(|inner| {
        let recorded = track.0.into_inner();
        PathError {
            path: recorded.unwrap_or_else(|| chain.path()),
            inner,
        }
    })
}

/// The position of the value being read, as a linked list up the stack (no allocation until an
/// error is recorded). Also the position of `api::shape`'s interpreter and of `json::read`.
pub enum Chain<'a> {
    /// The value read.
    Root,
    /// Item `index` of the array at `parent`.
    Seq { parent: &'a Chain<'a>, index: usize },
    /// Entry `key` of the object at `parent`.
    Key { parent: &'a Chain<'a>, key: &'a str },
}

impl Chain<'_> {
    /// The path from the root to here; not generic, so it exists once in the binary.
    fn path(&self) -> Path {
        let mut segs = Vec::new();
        let mut at = self;
        loop {
            match at {
                Chain::Root => break,
                Chain::Seq { parent, index } => {
                    segs.push(Segment::Seq(*index));
                    at = parent;
                }
                Chain::Key { parent, key } => {
                    segs.push(Segment::Key((*key).to_owned()));
                    at = parent;
                }
            }
        }
        segs.reverse();
        Path(segs)
    }
}

/// The first (innermost) error position recorded.
struct Track(RefCell<Option<Path>>);

impl Track {
    /// Record `chain` unless a deeper position was already recorded; not generic, so it exists
    /// once in the binary.
    fn trigger(&self, chain: &Chain<'_>, err: Error) -> Error {
        let mut slot = self.0.borrow_mut();
        if slot.is_none() {
            *slot = Some(chain.path());
        }
        err
    }
}

/// `serde_json`'s `Value::unexpected` (crate-private there).
pub(crate) fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The deserializer: a value, its position and the shared error slot (see [`with_de`]).
pub struct De<'a, 'c> {
    v: &'a Value,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'a, 'c> De<'a, 'c> {
    fn mark(&self, err: Error) -> Error {
        self.track.trigger(self.chain, err)
    }

    /// `serde_json`'s `visit_array_ref`, with items at `[i]`.
    fn seq<V: Visitor<'a>>(&self, items: &'a [Value], visitor: V) -> Result<V::Value, Error> {
        let mut access = Items {
            iter: items.iter(),
            index: 0,
            chain: self.chain,
            track: self.track,
        };
        let out = visitor.visit_seq(&mut access)?;
        if access.iter.len() == 0 {
            Ok(out)
        } else {
            Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            ))
        }
    }

    /// `serde_json`'s `&Map` deserializer, with values at `.key`.
    fn map<V: Visitor<'a>>(
        &self,
        m: &'a Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Entries {
            iter: m.iter(),
            value: None,
            chain: self.chain,
            track: self.track,
        };
        let out = visitor.visit_map(&mut access)?;
        if access.iter.len() == 0 {
            Ok(out)
        } else {
            Err(de::Error::invalid_length(m.len(), &"fewer elements in map"))
        }
    }
}

/// Numbers: `serde_json`'s `Number` reads them (the visitor says which width it wants).
macro_rules! numbers {
    ($($method:ident)*) => {
        $(#[inline(never)]
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.v {
                Value::Number(n) => n.deserialize_any(visitor),
                v => Err(invalid_type(v, &visitor)),
            }
            .map_err(|e| self.mark(e))
        })*
    };
}

/// Strings, as `serde_json` gives them (borrowed).
macro_rules! strings {
    ($($method:ident)*) => {
        $(#[inline(never)]
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.v {
                Value::String(s) => visitor.visit_borrowed_str(s),
                v => Err(invalid_type(v, &visitor)),
            }
            .map_err(|e| self.mark(e))
        })*
    };
}

/// `serde_json`'s `invalid_type` for a value. Every error case is built here rather than by
/// calling `serde_json`'s own `&Value` methods: those contain the array and object paths too, so
/// each model's reader would be instantiated a second time for `serde_json`'s accesses.
pub(crate) fn invalid_type(v: &Value, exp: &dyn de::Expected) -> Error {
    de::Error::invalid_type(unexpected(v), exp)
}

// The leaf reads, `deserialize_option` and the accesses' `next_*_seed` are `#[inline(never)]`:
// each is instantiated per visitor or seed type, but LLVM otherwise copies it into every field of
// every model that uses it (7.7 KB gzipped of the wasm module, BENCHMARKS.md § wasm "Size"). The
// rows of the preflight do not come through here, so no hot path pays for the calls.
impl<'a> Deserializer<'a> for De<'a, '_> {
    type Error = Error;

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    strings! {
        deserialize_char deserialize_str deserialize_string deserialize_identifier
    }

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => self.seq(a, visitor),
            Value::Object(m) => self.map(m, visitor),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Bool(b) => visitor.visit_bool(*b),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(a) => self.seq(a, visitor),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Null => visitor.visit_unit(),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit().map_err(|e| self.mark(e))
    }

    #[inline(never)]
    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let (chain, track) = (self.chain, self.track);
        match self.v {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| track.trigger(chain, e))
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (chain, track) = (self.chain, self.track);
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| track.trigger(chain, e))
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Array(a) => self.seq(a, visitor),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Object(m) => self.map(m, visitor),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    /// Objects only. `serde_json` would also read a struct from an array, field by field in
    /// declaration order; no vendor documents that form, a positional row is almost always a
    /// mistake, and every model's derived `visit_seq` cost the wasm module 20.7 KB gzipped
    /// (BENCHMARKS.md § wasm "Size"). So `[…]` where an object is expected is an `invalid_type`.
    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.v {
            Value::Object(m) => self.map(m, visitor),
            v => Err(invalid_type(v, &visitor)),
        }
        .map_err(|e| self.mark(e))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let access = |variant: &'a str, value| Variant {
            variant,
            value,
            chain: self.chain,
            track: self.track,
        };
        match self.v {
            Value::Object(m) => match m.iter().next() {
                Some((variant, value)) if m.len() == 1 => {
                    visitor.visit_enum(access(variant, Some(value)))
                }
                // Enums are maps with a single key in JSON.
                _ => Err(de::Error::invalid_value(
                    Unexpected::Map,
                    &"map with a single key",
                )),
            },
            Value::String(variant) => visitor.visit_enum(access(variant, None)),
            v => Err(invalid_type(v, &"string or map")),
        }
        .map_err(|e| self.mark(e))
    }
}

/// Array items, each at `[i]`.
struct Items<'a, 'c> {
    iter: std::slice::Iter<'a, Value>,
    index: usize,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'a> SeqAccess<'a> for Items<'a, '_> {
    type Error = Error;

    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(v) = self.iter.next() else {
            return Ok(None);
        };
        let chain = Chain::Seq {
            parent: self.chain,
            index: self.index,
        };
        self.index += 1;
        // At the item even when the error comes from the item type's own code (a custom
        // `Deserialize` that reads a `Value` first), as `serde_path_to_error`'s seeds do.
        seed.deserialize(De {
            v,
            chain: &chain,
            track: self.track,
        })
        .map(Some)
        .map_err(|e| self.track.trigger(&chain, e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Object entries, each value at `.key`; a key's own error (an unknown field) is at `.key` too.
struct Entries<'a, 'c> {
    iter: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'a> MapAccess<'a> for Entries<'a, '_> {
    type Error = Error;

    #[inline(never)]
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        seed.deserialize(BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
            .map_err(|e| {
                let chain = Chain::Key {
                    parent: self.chain,
                    key,
                };
                self.track.trigger(&chain, e)
            })
    }

    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, v)) = self.value.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        let chain = Chain::Key {
            parent: self.chain,
            key,
        };
        seed.deserialize(De {
            v,
            chain: &chain,
            track: self.track,
        })
        .map_err(|e| self.track.trigger(&chain, e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// `{"Variant": value}` (the value is at `.Variant`), or `"Variant"` alone.
struct Variant<'a, 'c> {
    variant: &'a str,
    value: Option<&'a Value>,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'a, 'c> EnumAccess<'a> for Variant<'a, 'c> {
    type Error = Error;
    type Variant = VariantValue<'a, 'c>;

    fn variant_seed<V: DeserializeSeed<'a>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let name: StrDeserializer<'_, Error> = self.variant.into_deserializer();
        let v = seed
            .deserialize(name)
            .map_err(|e| self.track.trigger(self.chain, e))?;
        Ok((
            v,
            VariantValue {
                variant: self.variant,
                value: self.value,
                parent: self.chain,
                track: self.track,
            },
        ))
    }
}

struct VariantValue<'a, 'c> {
    variant: &'a str,
    value: Option<&'a Value>,
    parent: &'c Chain<'c>,
    track: &'c Track,
}

impl<'a> VariantAccess<'a> for VariantValue<'a, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let chain = Chain::Key {
            parent: self.parent,
            key: self.variant,
        };
        match self.value {
            None | Some(Value::Null) => Ok(()),
            Some(v) => Err(invalid_type(v, &"unit")),
        }
        .map_err(|e| self.track.trigger(&chain, e))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'a>>(self, seed: T) -> Result<T::Value, Error> {
        let chain = Chain::Key {
            parent: self.parent,
            key: self.variant,
        };
        match self.value {
            Some(v) => seed.deserialize(De {
                v,
                chain: &chain,
                track: self.track,
            }),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
        .map_err(|e| self.track.trigger(&chain, e))
    }

    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let chain = Chain::Key {
            parent: self.parent,
            key: self.variant,
        };
        let de = De {
            v: self.value.unwrap_or(&Value::Null),
            chain: &chain,
            track: self.track,
        };
        match self.value {
            Some(Value::Array(a)) if a.is_empty() => visitor.visit_unit(),
            Some(Value::Array(a)) => de.seq(a, visitor),
            Some(other) => Err(invalid_type(other, &"tuple variant")),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
        .map_err(|e| self.track.trigger(&chain, e))
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let chain = Chain::Key {
            parent: self.parent,
            key: self.variant,
        };
        let de = De {
            v: self.value.unwrap_or(&Value::Null),
            chain: &chain,
            track: self.track,
        };
        match self.value {
            Some(Value::Object(m)) => de.map(m, visitor),
            Some(other) => Err(invalid_type(other, &"struct variant")),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
        .map_err(|e| self.track.trigger(&chain, e))
    }
}
