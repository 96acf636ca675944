//! serde helpers for the two shapes Alibaba values arrive in.
//!
//! The RPC wire is flat strings: number lists are comma-separated, `TtsParam`/`TtsParamHead` are
//! JSON *text*, booleans are `true`/`false`, longs are decimal text. Users write the structured form
//! (arrays, JSON booleans and numbers) but also paste the vendor's examples, so request fields accept
//! both. Responses are read leniently: Alibaba's own examples send the same field as a number in one
//! place and a string in another (`tags` is `""` in the XML example and `1` in the JSON one,
//! help.aliyun.com/document_detail/393537.html), and `Data` is JSON text inside the JSON body.
//!
//! Visitors use `deserialize_any` with `visit_seq`, so the path tracker (`json::track`) still
//! reports element paths (`TtsParam[2].number`) for the structured form.

use serde::de::{DeserializeOwned, Deserializer, Error as DeError, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Split Alibaba's comma-separated list. Empty input is an empty list (the validator then reports
/// `required`); empty items are kept so the validator can point at them (`"139…,,138…"`).
pub(crate) fn split_list(s: &str) -> Vec<String> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    s.split(',').map(str::to_owned).collect()
}

/// `Vec<String>` from an array of strings or a comma-separated string; `null` is an empty list.
pub(crate) fn number_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of number strings or a comma-separated string")
        }
        fn visit_str<E: DeError>(self, s: &str) -> Result<Self::Value, E> {
            Ok(split_list(s))
        }
        fn visit_unit<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            items_with_holes(seq)
        }
    }
    d.deserialize_any(V)
}

/// Read sequence items, turning `null` into `T::default()`.
///
/// Why: when an item has the wrong type, `json::from_value_collect` reports it and replaces it
/// with `null` to keep later indexes stable. Refusing that `null` would report the same item twice
/// and then delete it, shifting every later path by one. The default (`""`, an empty entry) is
/// caught by the validator as `required` at the same path, which the type error shadows; a
/// literal `null` from the user gets that `required` issue.
pub(crate) fn items_with_holes<'de, A, T>(mut seq: A) -> Result<Vec<T>, A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de> + Default,
{
    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
    while let Some(x) = seq.next_element::<Option<T>>()? {
        out.push(x.unwrap_or_default());
    }
    Ok(out)
}

/// `Vec<String>` from an array only (`TtsParam[].params`), `null` items as `""`.
pub(crate) fn string_items<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of strings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            items_with_holes(seq)
        }
    }
    d.deserialize_seq(V)
}

/// `Option<Vec<T>>` from an array or from JSON text holding that array (`TtsParam`,
/// `TtsParamHead`). `null` and blank text are `None`: that is how an unset RPC string looks.
pub(crate) fn opt_json_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    struct V<T>(PhantomData<T>);
    impl<'de, T: DeserializeOwned + Default> Visitor<'de> for V<T> {
        type Value = Option<Vec<T>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array, or a string holding that array as JSON")
        }
        fn visit_str<E: DeError>(self, s: &str) -> Result<Self::Value, E> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            parse_json_text::<Vec<T>>(s).map(Some).map_err(E::custom)
        }
        fn visit_unit<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            items_with_holes(seq).map(Some)
        }
    }
    d.deserialize_any(V(PhantomData))
}

/// Parse JSON text with the inner path in the message (`at [0].params[1]: …`). Alibaba's own doc
/// example for `TtsParam` uses typographic quotes (`[“小王”,…]`), which is not JSON; say so.
pub(crate) fn parse_json_text<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    parse_json_text_seed(s, PhantomData::<T>)
}

/// [`parse_json_text`] for a `DeserializeSeed` (`api::shape::aliyun` reads `Data` by its shape):
/// the same reading, paths and messages.
///
/// Why a `Value` first and not `serde_json`'s text deserializer under `serde_path_to_error`: the
/// text is then read by the one `&Value` deserializer (`json::track`) every model already goes
/// through, so neither the wrappers nor a text-deserializer copy of each seed ships in the wasm
/// module (BENCHMARKS.md § wasm "Size", `wire` row). Syntax errors keep `serde_json`'s
/// "… at line L column C"; type errors carry the path inside the text instead of a position, and
/// a syntax error anywhere in the text wins over a type error before it.
pub(crate) fn parse_json_text_seed<S, O>(s: &str, seed: S) -> Result<O, String>
where
    S: for<'a> serde::de::DeserializeSeed<'a, Value = O>,
{
    let value: serde_json::Value =
        serde_json::from_str(s).map_err(|e| json_text_message(s, "", &e))?;
    crate::json::track::from_value_seed(&value, seed)
        .map_err(|e| json_text_message(s, &e.path().to_string(), e.inner()))
}

/// `the string is not the expected JSON: [at <path>: ]<serde_json's message>`, with a hint when
/// the text holds typographic quotes.
fn json_text_message(s: &str, at: &str, inner: &serde_json::Error) -> String {
    let mut msg = if at.is_empty() || at == "." {
        format!("the string is not the expected JSON: {inner}")
    } else {
        format!("the string is not the expected JSON: at {at}: {inner}")
    };
    if s.contains(['“', '”', '‘', '’']) {
        msg.push_str(
            "; it contains typographic quotes (“ ”), as Alibaba's doc example does: use plain \"",
        );
    }
    msg
}

/// `Option<bool>` from a JSON boolean or the RPC text `true`/`false`. Any other text is an error:
/// guessing what `"yes"` or `"1"` means would be a silent default.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("true or false")
        }
        fn visit_bool<E: DeError>(self, b: bool) -> Result<Self::Value, E> {
            Ok(Some(b))
        }
        fn visit_str<E: DeError>(self, s: &str) -> Result<Self::Value, E> {
            match s {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(E::invalid_value(Unexpected::Str(s), &self)),
            }
        }
        fn visit_unit<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// `Option<i64>` from an integer or its decimal text (RPC longs travel as text). Strict: blank
/// text, fractions and out-of-range values are errors.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(I64Visitor { lenient: false })
}

/// Like [`opt_i64`] for responses: blank text is `None`, integral floats are accepted.
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(I64Visitor { lenient: true })
}

struct I64Visitor {
    lenient: bool,
}

impl<'de> Visitor<'de> for I64Visitor {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or a string of digits")
    }
    fn visit_i64<E: DeError>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: DeError>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &"an integer below 2^63"))
    }
    fn visit_f64<E: DeError>(self, v: f64) -> Result<Self::Value, E> {
        // 2^63 as f64; `as` saturates, so check the range before converting.
        if self.lenient && v.fract() == 0.0 && v.abs() < 9.223_372_036_854_775e18 {
            Ok(Some(v as i64))
        } else {
            Err(E::invalid_type(Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: DeError>(self, s: &str) -> Result<Self::Value, E> {
        let t = s.trim();
        if t.is_empty() && self.lenient {
            return Ok(None);
        }
        t.parse::<i64>()
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Str(s), &self))
    }
    fn visit_unit<E: DeError>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: DeError>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `Option<String>` from a string, number or boolean (responses only): `callId`, `tags`,
/// `hangupDirection` and numbers arrive either way.
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: DeError>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Some(s.to_owned()))
        }
        fn visit_string<E: DeError>(self, s: String) -> Result<Self::Value, E> {
            Ok(Some(s))
        }
        fn visit_i64<E: DeError>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: DeError>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: DeError>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: DeError>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: DeError>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// `Data` fields: a JSON document carried as a JSON *string* inside the response. Reading also
/// accepts an embedded object; `null`, absent and `""` (what a query that matched nothing returns,
/// help.aliyun.com/document_detail/393529.html) are `None`. Writing produces the string, as
/// Alibaba does, so the simulator's bodies look like the real ones.
pub(crate) mod data_string {
    use super::*;

    pub(crate) fn serialize<S: Serializer, T: Serialize>(
        v: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            None => s.serialize_str(""),
            Some(t) => {
                let text = serde_json::to_string(t).map_err(serde::ser::Error::custom)?;
                s.serialize_str(&text)
            }
        }
    }

    pub(crate) fn deserialize<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned,
    {
        deserialize_seed(d, PhantomData::<T>)
    }

    /// [`deserialize`] for a `DeserializeSeed` (`api::shape::aliyun` reads `Data` by its shape).
    pub(crate) fn deserialize_seed<'de, D, S, O>(d: D, seed: S) -> Result<Option<O>, D::Error>
    where
        D: Deserializer<'de>,
        S: for<'a> serde::de::DeserializeSeed<'a, Value = O>,
    {
        // Buffer as a JSON value first: the field may be text or an object, and both need the
        // same target type.
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
            serde_json::Value::String(s) => parse_json_text_seed(s, seed)
                .map(Some)
                .map_err(D::Error::custom),
            serde_json::Value::Object(_) => crate::json::track::from_value_seed(&v, seed)
                .map(Some)
                .map_err(|e| D::Error::custom(format!("at {}: {}", e.path(), e.inner()))),
            other => Err(D::Error::custom(format!(
                "expected a JSON string or object, got {}",
                crate::json::kind_name(other)
            ))),
        }
    }
}
