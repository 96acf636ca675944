//! Compact string types for the per-call store: a million calls must fit in well under 1 GiB, and
//! a `String` costs 24 bytes plus a heap block of at least 32 (glibc's smallest chunk) even for a
//! one-character owner. Both types read as `&str` and serialise as plain JSON strings, so the
//! `--state` file keeps its shape.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A string shared by many calls (a batch id, an owner): one allocation, reference-counted, 16
/// bytes per holder.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shared(Arc<str>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        Shared(Arc::from(s))
    }
}

/// Strings that fit in a `Short` without a heap block (E.164 numbers have at most 16 bytes).
const INLINE: usize = 22;

/// A string stored inline when it has at most 22 bytes (a phone number), on the heap otherwise;
/// 24 bytes in all, like a `String` without its heap block.
#[derive(Clone)]
pub enum Short {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Short {
    pub fn new(s: &str) -> Short {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Short::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Short::Heap(Box::from(s))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Built from a `&str` cut at its own length, so the bytes are always valid UTF-8.
            Short::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Short::Heap(s) => s,
        }
    }
}

impl Deref for Short {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Short {
    fn from(s: &str) -> Self {
        Short::new(s)
    }
}

impl From<String> for Short {
    fn from(s: String) -> Self {
        Short::new(&s)
    }
}

impl PartialEq for Short {
    fn eq(&self, other: &Short) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Short {}

macro_rules! str_like {
    ($t:ty) => {
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(<$t>::from)
            }
        }
    };
}

str_like!(Shared);
str_like!(Short);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_stay_inline_and_long_ones_do_not() {
        assert_eq!(std::mem::size_of::<Short>(), 24);
        assert_eq!(std::mem::size_of::<Option<Short>>(), 24);
        for s in ["", "+12015550100", "a".repeat(22).as_str(), "中文号码"] {
            let short = Short::new(s);
            assert!(matches!(short, Short::Inline { .. }), "{s}");
            assert_eq!(short, s);
        }
        let long = "x".repeat(23);
        assert!(matches!(Short::new(&long), Short::Heap(_)));
        assert_eq!(Short::new(&long), long);
    }

    #[test]
    fn both_serialise_as_plain_strings() {
        let v = serde_json::to_string(&(Short::new("+442079460958"), Shared::from("0"))).unwrap();
        assert_eq!(v, r#"["+442079460958","0"]"#);
        let (s, sh): (Short, Shared) = serde_json::from_str(&v).unwrap();
        assert_eq!(s, "+442079460958");
        assert_eq!(sh, "0");
        assert!(serde_json::from_str::<Short>("1").is_err());
    }
}
