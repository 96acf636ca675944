//! `Nullable<T>`: absent, explicitly null, or a value. Bland's inbound update treats `null` as
//! "clear this setting" (`transfer_phone_number`, `pathway_id`, `dynamic_data`), which is not the same
//! as leaving the field out, so a plain `Option` would lose meaning.
//!
//! Use with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Nullable<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
    /// True when the field was sent at all (null or a value).
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Callers skip Absent with skip_serializing_if; if they forget, null is the safe reading.
            Nullable::Absent | Nullable::Null => s.serialize_none(),
            Nullable::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            None => Nullable::Null,
            Some(v) => Nullable::Value(v),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct T {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        a: Nullable<String>,
    }

    #[test]
    fn three_states_round_trip() {
        for (json, want) in [
            ("{}", Nullable::Absent),
            (r#"{"a":null}"#, Nullable::Null),
            (r#"{"a":"x"}"#, Nullable::Value("x".to_owned())),
        ] {
            let t: T = serde_json::from_str(json).unwrap();
            assert_eq!(t.a, want);
            assert_eq!(serde_json::to_string(&t).unwrap(), json);
        }
    }
}
