//! Reading a JS options object (already converted to JSON by `js_input`) field by field: every
//! problem is recorded under its path, unknown keys are refused with the list of known ones, and a
//! value of the wrong type is named by its kind, never echoed (it might be a credential).

use callplane_core::issue::{IssueCode, Path, Report};
use callplane_core::json;
use serde_json::{Map, Value};

/// Reads one JS object's fields, recording every problem under its path.
pub(crate) struct Fields<'a> {
    map: Map<String, Value>,
    pub(crate) at: Path,
    pub(crate) report: &'a mut Report,
}

impl<'a> Fields<'a> {
    /// `value` must be an object whose keys are all in `known`.
    pub(crate) fn new(
        value: Value,
        at: Path,
        known: &[&str],
        report: &'a mut Report,
    ) -> Option<Fields<'a>> {
        let Value::Object(map) = value else {
            let what = if at.is_root() { "options" } else { at.as_str() };
            report.error(
                IssueCode::InvalidType,
                at.clone(),
                format!(
                    "{what}: expected an object, got {}",
                    json::kind_name(&value)
                ),
            );
            return None;
        };
        for k in map.keys() {
            if !known.contains(&k.as_str()) {
                report.error(
                    IssueCode::UnknownField,
                    at.field(k),
                    format!("unknown option `{k}` (known: {})", known.join(", ")),
                );
            }
        }
        Some(Fields { map, at, report })
    }

    fn wrong(&mut self, key: &str, expected: &str, got: &Value) {
        self.report.error(
            IssueCode::InvalidType,
            self.at.field(key),
            format!("expected {expected}, got {}", json::kind_name(got)),
        );
    }

    /// A present value. `null` is not "absent": it is reported as the wrong type by the
    /// getters, since the typings never allow it and a silent default would hide a mistake.
    fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            other => {
                self.wrong(key, "a string", &other);
                None
            }
        }
    }

    /// A required, non-empty string (a credential or an id).
    pub(crate) fn required(&mut self, key: &str) -> String {
        match self.string(key) {
            Some(s) if !s.trim().is_empty() => s,
            Some(_) => {
                self.report
                    .error(IssueCode::Required, self.at.field(key), "must not be empty");
                String::new()
            }
            None => {
                if !self
                    .report
                    .issues
                    .iter()
                    .any(|i| i.path == self.at.field(key))
                {
                    self.report.error(
                        IssueCode::Required,
                        self.at.field(key),
                        "a non-empty string is required",
                    );
                }
                String::new()
            }
        }
    }

    pub(crate) fn u32_in(&mut self, key: &str, min: u32, max: u32) -> Option<u32> {
        let v = self.take(key)?;
        match v.as_u64() {
            Some(n) if n >= u64::from(min) && n <= u64::from(max) => Some(n as u32),
            Some(_) | None if v.is_number() => {
                self.report.error(
                    IssueCode::OutOfRange,
                    self.at.field(key),
                    format!("must be an integer from {min} to {max}"),
                );
                None
            }
            _ => {
                self.wrong(key, "an integer", &v);
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        match self.take(key)? {
            Value::Bool(b) => Some(b),
            other => {
                self.wrong(key, "a boolean", &other);
                None
            }
        }
    }

    pub(crate) fn f64(&mut self, key: &str) -> Option<f64> {
        let v = self.take(key)?;
        match v.as_f64() {
            Some(n) => Some(n),
            None => {
                self.wrong(key, "a number", &v);
                None
            }
        }
    }

    pub(crate) fn object(&mut self, key: &str, known: &[&str]) -> Option<Fields<'_>> {
        let v = self.take(key)?;
        let at = self.at.field(key);
        Fields::new(v, at, known, self.report)
    }

    pub(crate) fn raw(&mut self, key: &str) -> Option<Value> {
        self.take(key)
    }

    pub(crate) fn error(&mut self, key: &str, code: IssueCode, message: impl Into<String>) {
        self.report.error(code, self.at.field(key), message);
    }
}
