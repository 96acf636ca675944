//! Tencent fields whose wire type is "a string holding a JSON object" (`CreateAICall.LLMExtraBody`,
//! and `CustomTTSConfig`, which has its own typed model in [`crate::tencent::tts`]). Users may give
//! the object itself or the vendor's string form; callplane always sends the string form.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A JSON object that travels as a JSON string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonObjectString(pub Map<String, Value>);

impl JsonObjectString {
    /// The string the vendor receives.
    pub fn to_wire_string(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }
}

/// Read an object from either an object or a string holding one. The error message names the rule
/// and never echoes the input (these strings often carry credentials).
pub(crate) fn object_from_value(v: Value) -> Result<Map<String, Value>, String> {
    match v {
        Value::Object(m) => Ok(m),
        Value::String(s) => match serde_json::from_str::<Value>(&s) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(other) => Err(format!(
                "the string must hold a JSON object, it holds {}",
                crate::json::kind_name(&other)
            )),
            Err(e) => {
                let hint = if s.contains("//") {
                    " (JSON has no `//` comments; the vendor's examples do, remove them)"
                } else {
                    ""
                };
                Err(format!("the string is not valid JSON: {e}{hint}"))
            }
        },
        other => Err(format!(
            "expected a JSON object or a string holding one, got {}",
            crate::json::kind_name(&other)
        )),
    }
}

impl<'de> Deserialize<'de> for JsonObjectString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object_from_value(Value::deserialize(d)?)
            .map(JsonObjectString)
            .map_err(D::Error::custom)
    }
}

crate::read_json_via_serde!(JsonObjectString);

impl Serialize for JsonObjectString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn object_and_string_forms_read_the_same_and_write_the_string_form() {
        let a: JsonObjectString = serde_json::from_value(json!({"max_tokens": 256})).unwrap();
        let b: JsonObjectString = serde_json::from_value(json!("{\"max_tokens\":256}")).unwrap();
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            json!("{\"max_tokens\":256}")
        );
    }

    #[test]
    fn refuses_non_objects_with_the_rule() {
        for (v, needle) in [
            (json!("[1,2]"), "holds an array"),
            (json!("{oops"), "not valid JSON"),
            (json!("{\"a\": 1 // note\n}"), "no `//` comments"),
            (json!(5), "got a number"),
        ] {
            let err = serde_json::from_value::<JsonObjectString>(v.clone())
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{v}: {err}");
        }
    }
}
