//! Reading a `preflightBlandBatch` batch from its JSON text (`JSON.stringify`'s output) straight
//! into the checks, without a `serde_json::Value` per row: reading 100k rows into values took
//! longer than checking them (BENCHMARKS.md § wasm).
//!
//! One pass over the text: the batch's own fields are read into a map (`callData` left out);
//! `callData` is read row by row into ONE reused row map that is handed to [`RowChecker::push`]:
//! a row with the same keys as the previous one overwrites its values in place (strings reuse
//! their buffers), so steady state allocates nothing per row. `phoneNumber` is stored as
//! `phone_number`, at its place, as the generic renaming does. The rows are checked against the
//! fields read before `callData`; fields after it (JS keeps insertion order, so `{basePrompt,
//! callData, label}` is common) only change the batch-level checks, which are redone
//! ([`RowChecker::rebase`]) — unless they change the template, and then the rows are read again.
//!
//! The batch's fields then go through exactly the generic path (renaming, the model's reader), so
//! their issues are the generic ones. Anything unusual makes [`read`] answer `None` and the caller
//! falls back to the generic path ([`super::Checked::run`] on a parsed `Value`), which produces the
//! exact issue or error: text that is not valid JSON (lone surrogates, trailing characters), a
//! batch that is not an object or whose fields do not read, `callData` missing, repeated, not an
//! array, rows that are not objects, a row using `phone_number`, bad options. Tests in
//! `js/tests/batch_text.rs` compare both paths on such inputs.

use super::{Checked, RowsMode, rows_mode, scan};
use crate::bland::{BatchRequest, RowChecker, rules};
use crate::issue::{Path, Report};
use crate::js::args::Options;
use crate::js::shape::input_to_wire;
use crate::js::{Host, schema};
use crate::{Context, json};
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// The JS name of the batch's rows.
const CALL_DATA: &str = "callData";
/// A row's number: its JS name, and the wire name the checks read.
const PHONE_JS: &str = "phoneNumber";
const PHONE_WIRE: &str = "phone_number";

/// The checked batch, or `None` when the generic path must answer (see the module docs).
pub(super) fn read(text: &str, options: &Value, host: &dyn Host) -> Option<Checked> {
    let mut options = options.clone();
    let mode: RowsMode = rows_mode(&mut options).ok()?;
    let options = Options::read(options, false, host).ok()?;
    let ctx = Context::at(options.now_ms);

    // A low guess (a typical row is 100+ bytes of JSON): buffers grow when it is short, and a
    // batch of few large rows reserves little.
    let rows_hint = text.len() / 128;
    let (fields, checker) = match scan::one_pass(text, &ctx, rows_hint) {
        Some(read) => read,
        None => one_pass(text, &ctx, rows_hint)?,
    };
    let mut checker = checker?;

    let shape = schema::bland_batch();
    let mut top = Report::new();
    let wire = input_to_wire(shape, Value::Object(fields), &Path::root(), &mut top);
    let mut shape_report = Report::new();
    let batch = json::from_value_collect::<BatchRequest>(wire, &mut shape_report)?;
    if !checker.rebase(&batch, &ctx) {
        // The template came after the rows (or changed): check them again, now knowing it.
        let rows = checker.len();
        checker = RowChecker::new(&batch, &ctx, rules::normalise_phone, rows);
        stream_rows(text, &mut checker)?;
    }
    Some(Checked::new(
        shape,
        top,
        shape_report,
        Some(checker.finish()),
        mode,
    ))
}

pub(super) type Checker =
    RowChecker<fn(&str) -> Result<crate::phone::E164, crate::phone::PhoneError>>;

/// The batch's fields other than `callData`, and its rows checked against the fields before
/// them (`None` without `callData`), read by serde_json: what [`scan::one_pass`] leaves to it.
pub(super) fn one_pass(
    text: &str,
    ctx: &Context,
    rows_hint: usize,
) -> Option<(Map<String, Value>, Option<Checker>)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let read = de.deserialize_map(OnePass { ctx, rows_hint }).ok()?;
    de.end().ok()?;
    Some(read)
}

/// The checker of the rows that follow `fields` (the batch's fields before `callData`), or `None`
/// when those fields do not read (the generic path reports them).
pub(super) fn checker_after(
    fields: &Map<String, Value>,
    ctx: &Context,
    rows_hint: usize,
) -> Option<Checker> {
    let wire = input_to_wire(
        schema::bland_batch(),
        Value::Object(fields.clone()),
        &Path::root(),
        &mut Report::new(),
    );
    let so_far = json::from_value_collect::<BatchRequest>(wire, &mut Report::new())?;
    let normalise: fn(&str) -> Result<crate::phone::E164, crate::phone::PhoneError> =
        rules::normalise_phone;
    Some(RowChecker::new(&so_far, ctx, normalise, rows_hint))
}

/// One pass over the batch: its fields other than `callData` into a map, and the rows into a
/// checker made from the fields read before them (see [`RowChecker::rebase`]).
struct OnePass<'c> {
    ctx: &'c Context,
    rows_hint: usize,
}

impl<'de> Visitor<'de> for OnePass<'_> {
    type Value = (Map<String, Value>, Option<Checker>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a batch object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut fields = Map::new();
        let mut checker: Option<Checker> = None;
        while let Some(key) = access.next_key::<String>()? {
            if key != CALL_DATA {
                // `insert` keeps a repeated key at its first place with its last value, as
                // serde_json's own map reader does.
                fields.insert(key, access.next_value()?);
                continue;
            }
            if checker.is_some() {
                return Err(A::Error::custom("callData repeated"));
            }
            let mut c = checker_after(&fields, self.ctx, self.rows_hint)
                .ok_or_else(|| A::Error::custom("the fields before callData do not read"))?;
            access.next_value_seed(Rows(&mut c))?;
            checker = Some(c);
        }
        Ok((fields, checker))
    }
}

/// Every row of `callData`, in order, into `checker` (a second pass, when the first one checked
/// them against another template).
fn stream_rows<N>(text: &str, checker: &mut RowChecker<N>) -> Option<()>
where
    N: FnMut(&str) -> Result<crate::phone::E164, crate::phone::PhoneError>,
{
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_map(RowsOfBatch(checker)).ok()
}

struct RowsOfBatch<'c, N>(&'c mut RowChecker<N>);

impl<'de, N> Visitor<'de> for RowsOfBatch<'_, N>
where
    N: FnMut(&str) -> Result<crate::phone::E164, crate::phone::PhoneError>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a batch object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        while let Some(key) = access.next_key::<String>()? {
            if key == CALL_DATA {
                access.next_value_seed(Rows(&mut *self.0))?;
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Rows<'c, N>(&'c mut RowChecker<N>);

impl<'de, N> DeserializeSeed<'de> for Rows<'_, N>
where
    N: FnMut(&str) -> Result<crate::phone::E164, crate::phone::PhoneError>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, N> Visitor<'de> for Rows<'_, N>
where
    N: FnMut(&str) -> Result<crate::phone::E164, crate::phone::PhoneError>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut row = Map::new();
        while seq.next_element_seed(RowSeed(&mut row))?.is_some() {
            self.0.push(&row);
        }
        Ok(())
    }
}

/// Reads one row into the reused `row` map.
struct RowSeed<'r>(&'r mut Map<String, Value>);

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row object or null")
    }

    /// A `null` row reads as an empty row, as `CallDataRow` reads it.
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<(), A::Error> {
        fill_row(self.0, &mut Serde(access, PhantomData))
    }
}

/// Where [`fill_row`] reads a row's entries from: serde_json's map reader, or the scanner of
/// [`scan`] (which reads the common rows without serde's per-value calls).
pub(super) trait Entries {
    /// Why reading stopped.
    type Error;
    /// The next key (`None` after the last one), compared with the key `expected` at this place.
    fn key(&mut self, expected: Option<&str>) -> Result<Option<Key>, Self::Error>;
    /// The value of the key just read, into `slot` (a string reuses its buffer).
    fn value_into(&mut self, slot: &mut Value) -> Result<(), Self::Error>;
    /// The value of the key just read.
    fn value(&mut self) -> Result<Value, Self::Error>;
    /// A key was the same as expected where the row had no slot: cannot happen (the expected key
    /// comes from a slot), refused rather than assumed.
    fn no_slot() -> Self::Error;
}

struct Serde<'de, A>(A, PhantomData<&'de ()>);

impl<'de, A: MapAccess<'de>> Entries for Serde<'de, A> {
    type Error = A::Error;
    fn key(&mut self, expected: Option<&str>) -> Result<Option<Key>, A::Error> {
        self.0.next_key_seed(KeySeed { expected })
    }
    fn value_into(&mut self, slot: &mut Value) -> Result<(), A::Error> {
        self.0.next_value_seed(Slot(slot))
    }
    fn value(&mut self) -> Result<Value, A::Error> {
        self.0.next_value()
    }
    fn no_slot() -> A::Error {
        A::Error::custom("no slot")
    }
}

/// Reads one row into the reused `row`: while the keys repeat the previous row's, in order, their
/// values are overwritten in place; from the first different key on, the rest of the row is read
/// as serde_json reads a map (`insert`: a repeated key keeps its first place and its last value).
pub(super) fn fill_row<E: Entries>(
    row: &mut Map<String, Value>,
    entries: &mut E,
) -> Result<(), E::Error> {
    let mut kept = 0usize;
    let mut slots = row.iter_mut();
    let first_new = loop {
        let (key, value) = match slots.next() {
            Some((k, v)) => (Some(k.as_str()), Some(v)),
            None => (None, None),
        };
        match (entries.key(key)?, value) {
            (None, _) => break None,
            (Some(Key::Same), Some(value)) => {
                entries.value_into(value)?;
                kept += 1;
            }
            (Some(Key::Same), None) => return Err(E::no_slot()),
            (Some(Key::Other(k)), _) => break Some(k),
        }
    };
    if row.len() > kept {
        let mut n = 0usize;
        row.retain(|_, _| {
            n += 1;
            n <= kept
        });
    }
    if let Some(k) = first_new {
        row.insert(k, entries.value()?);
        while let Some(key) = entries.key(None)? {
            let Key::Other(k) = key else {
                return Err(E::no_slot());
            };
            row.insert(k, entries.value()?);
        }
    }
    Ok(())
}

/// A key read against the key expected at this place of the reused row.
pub(super) enum Key {
    /// The expected key (nothing allocated).
    Same,
    /// Another key, under the name the checks read.
    Other(String),
}

/// Reads a key, storing `phoneNumber` as `phone_number`.
struct KeySeed<'a> {
    expected: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
        row_key(v, self.expected).ok_or_else(|| E::custom("a row uses the wire name"))
    }
}

/// A row's key `v` as the checks read it, against the key `expected` at its place: `phoneNumber`
/// is stored as `phone_number`; `None` for a row using `phone_number` itself, which the generic
/// path reports (`unknown_field`, "write `phoneNumber`").
pub(super) fn row_key(v: &str, expected: Option<&str>) -> Option<Key> {
    let stored = match v {
        PHONE_JS => PHONE_WIRE,
        PHONE_WIRE => return None,
        _ => v,
    };
    Some(
        if expected.is_some_and(|e| crate::template::same_key(e, stored)) {
            Key::Same
        } else {
            Key::Other(stored.to_owned())
        },
    )
}

/// Reads a value into an existing one, reusing a string's buffer.
struct Slot<'v>(&'v mut Value);

impl<'de> DeserializeSeed<'de> for Slot<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// What serde_json's `Value` reader makes of each JSON value (`Value::deserialize`).
impl<'de> Visitor<'de> for Slot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        *self.0 = Value::Bool(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        *self.0 = Value::Number(v.into());
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        *self.0 = Value::Number(v.into());
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        *self.0 = serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        match self.0 {
            Value::String(s) => {
                s.clear();
                s.push_str(v);
            }
            other => *other = Value::String(v.to_owned()),
        }
        Ok(())
    }
    fn visit_string<E>(self, v: String) -> Result<(), E> {
        *self.0 = Value::String(v);
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        *self.0 = Value::Null;
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        *self.0 = Value::Null;
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        *self.0 = Value::deserialize(d)?;
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        *self.0 = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        *self.0 = Value::deserialize(MapAccessDeserializer::new(map))?;
        Ok(())
    }
}
