//! Reading the JS arguments of the facade: every argument arrives as JSON, and a wrong type is a
//! `validation_failed` error whose issue names the argument (`template`, `credentials.apiKey`) and
//! the rule, never its value (arguments can be secrets).

use crate::issue::{IssueCode, Path, Report};
use crate::json::kind_name;
use crate::{Error, Secret};
use serde_json::{Map, Value};

/// A `validation_failed` error with one issue at `path`.
pub(crate) fn invalid(code: IssueCode, path: impl Into<Path>, message: impl Into<String>) -> Error {
    let mut r = Report::new();
    r.error(code, path, message);
    Error::Validation(r)
}

/// `value` as a string, or an `invalid_type` error naming `name`.
pub(crate) fn string<'a>(value: &'a Value, name: &str) -> crate::Result<&'a str> {
    value.as_str().ok_or_else(|| {
        invalid(
            IssueCode::InvalidType,
            name,
            format!("{name} must be a string, got {}", kind_name(value)),
        )
    })
}

/// `value` as an object, or an `invalid_type` error naming `name`. `null` is allowed (and read as
/// `{}`) only when `optional`.
pub(crate) fn object(
    value: Value,
    name: &str,
    optional: bool,
) -> crate::Result<Map<String, Value>> {
    match value {
        Value::Object(m) => Ok(m),
        Value::Null if optional => Ok(Map::new()),
        other => Err(invalid(
            IssueCode::InvalidType,
            name,
            format!("{name} must be an object, got {}", kind_name(&other)),
        )),
    }
}

/// Reads the fields of one argument object, collecting every problem. Messages name fields and
/// types only: values are never echoed.
pub(crate) struct Fields {
    map: Map<String, Value>,
    at: Path,
    known: &'static [&'static str],
    pub(crate) report: Report,
}

impl Fields {
    /// Read `value` (an object, or `null` when `optional`) as the argument called `name`.
    pub(crate) fn new(
        value: Value,
        name: &str,
        known: &'static [&'static str],
        optional: bool,
    ) -> crate::Result<Self> {
        Ok(Fields {
            map: object(value, name, optional)?,
            at: Path::from(name),
            known,
            report: Report::new(),
        })
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        match self.map.shift_remove(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// An optional string.
    pub(crate) fn opt_string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            other => {
                self.report.error(
                    IssueCode::InvalidType,
                    self.at.field(key),
                    format!("{key} must be a string, got {}", kind_name(&other)),
                );
                None
            }
        }
    }

    /// A required, non-empty string.
    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        let present = self.map.get(key).is_some_and(|v| !v.is_null());
        match self.opt_string(key) {
            Some(s) if !s.is_empty() => Some(s),
            Some(_) => {
                self.report.error(
                    IssueCode::Required,
                    self.at.field(key),
                    format!("{key} is empty"),
                );
                None
            }
            None if present => None,
            None => {
                self.report.error(
                    IssueCode::Required,
                    self.at.field(key),
                    format!("{key} is required"),
                );
                None
            }
        }
    }

    /// A required secret: as [`Fields::string`], wrapped at once.
    pub(crate) fn secret(&mut self, key: &str) -> Option<Secret> {
        self.string(key).map(Secret::new)
    }

    /// An optional secret.
    pub(crate) fn opt_secret(&mut self, key: &str) -> Option<Secret> {
        self.opt_string(key).map(Secret::new)
    }

    /// An optional integer (a JS number without a fraction).
    pub(crate) fn opt_i64(&mut self, key: &str) -> Option<i64> {
        let v = self.take(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.report.error(
                    IssueCode::InvalidType,
                    self.at.field(key),
                    format!("{key} must be an integer, got {}", kind_name(&v)),
                );
                None
            }
        }
    }

    /// The value of `key`, without reading it.
    pub(crate) fn opt_value_ref(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// An optional value of any type.
    pub(crate) fn opt_value(&mut self, key: &str) -> Option<Value> {
        self.take(key)
    }

    /// Report the keys nobody read, then return every problem as one error.
    pub(crate) fn finish(mut self) -> crate::Result<()> {
        for key in self.map.keys() {
            let known: Vec<String> = self.known.iter().map(|k| format!("`{k}`")).collect();
            self.report.error(
                IssueCode::UnknownField,
                self.at.field(key),
                format!("unknown field `{key}` (known fields: {})", known.join(", ")),
            );
        }
        self.report.into_result().map(|_| ())
    }
}

/// The `options` argument of `validate`, `preflightBlandBatch` and `buildRequest`: `nowMs` (Unix
/// milliseconds) and, for builds, `nonce`. What is absent comes from the binding's [`super::Host`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    pub now_ms: i64,
    pub nonce: Option<String>,
}

impl Options {
    /// Read `options`; `with_nonce` allows the `nonce` key (only builds use one).
    pub(crate) fn read(
        value: Value,
        with_nonce: bool,
        host: &dyn super::Host,
    ) -> crate::Result<Self> {
        const BUILD: &[&str] = &["nowMs", "nonce"];
        const CHECK: &[&str] = &["nowMs"];
        let mut f = Fields::new(
            value,
            "options",
            if with_nonce { BUILD } else { CHECK },
            true,
        )?;
        let now_ms = f.opt_i64("nowMs");
        let nonce = if with_nonce {
            f.opt_string("nonce")
        } else {
            None
        };
        if nonce.as_deref() == Some("") {
            f.report.error(
                IssueCode::Required,
                "options.nonce",
                "nonce is empty; omit it to have one generated",
            );
        }
        f.finish()?;
        Ok(Options {
            now_ms: now_ms.unwrap_or_else(|| host.now_ms()),
            nonce,
        })
    }
}

/// The argument called `name`, sent across the boundary as JSON text (`JSON.stringify` on the JS
/// side: one crossing per argument instead of one per property; a binding reads `undefined` and
/// `null` as `null` without it). `None` is what `stringify` answers for a function or a symbol:
/// an `invalid_json` error. `stringify` escapes a lone UTF-16 surrogate as `\udXXX`, which
/// serde_json refuses as an incomplete escape; the message says what that means.
pub fn arg_from_json_text(name: &str, text: Option<&str>) -> crate::Result<Value> {
    let Some(text) = text else {
        return Err(Error::Json {
            message: format!("{name} cannot be read as JSON (a function or a symbol)"),
        });
    };
    serde_json::from_str(text).map_err(|e| {
        let why = if text.contains("\\ud") {
            "a string holds a lone UTF-16 surrogate, which is not Unicode text".to_owned()
        } else {
            e.to_string()
        };
        Error::Json {
            message: format!("{name}: {why} ({e})"),
        }
    })
}

/// `JSON.stringify` threw on the argument called `name` (a `BigInt`, a cycle, a throwing
/// `toJSON`): `why` is the JS error's message.
pub fn arg_not_json(name: &str, why: &str) -> Error {
    Error::Json {
        message: format!("{name} cannot be read as JSON: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Fixed;
    impl super::super::Host for Fixed {
        fn now_ms(&self) -> i64 {
            7
        }
        fn nonce(&self) -> String {
            "n".into()
        }
    }

    #[test]
    fn options_default_from_the_host_and_refuse_typos() {
        assert_eq!(
            Options::read(Value::Null, true, &Fixed).unwrap(),
            Options {
                now_ms: 7,
                nonce: None
            }
        );
        let o = Options::read(json!({"nowMs": 5, "nonce": "x"}), true, &Fixed).unwrap();
        assert_eq!((o.now_ms, o.nonce.as_deref()), (5, Some("x")));
        let e = Options::read(json!({"nowMS": 5}), false, &Fixed).unwrap_err();
        let r = e.report().unwrap();
        assert_eq!(r.issues[0].path.as_str(), "options.nowMS");
        assert_eq!(r.issues[0].code, IssueCode::UnknownField);
        let e = Options::read(json!({"nowMs": 1.5}), false, &Fixed).unwrap_err();
        assert_eq!(e.report().unwrap().issues[0].code, IssueCode::InvalidType);
        let e = Options::read(json!([]), false, &Fixed).unwrap_err();
        assert_eq!(e.report().unwrap().issues[0].path.as_str(), "options");
    }

    #[test]
    fn messages_never_echo_values() {
        let mut f = Fields::new(
            json!({"apiKey": 12345678, "x": "sk-secret"}),
            "credentials",
            &["apiKey"],
            false,
        )
        .unwrap();
        assert!(f.secret("apiKey").is_none());
        let e = f.finish().unwrap_err();
        let text = format!("{e}");
        assert!(
            !text.contains("12345678") && !text.contains("sk-secret"),
            "{text}"
        );
    }
}
