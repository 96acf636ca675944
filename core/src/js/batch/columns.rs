//! `preflightBlandBatch`'s result in columns, for the bindings' JS wrappers: a 100k-row result as
//! JSON text is 25 MB that `JSON.parse` reads back into 100k objects, which cost more than the
//! checks (BENCHMARKS.md § npm package). Most rows are *clean* (a valid number, a rendered prompt,
//! no issue), and a clean row is just two strings; so the clean rows' numbers and prompts go into
//! one text with their end offsets, and JS builds each row object with `slice`. Rows that are not
//! clean (few) stay JSON objects in `head`, exactly as [`super::preflight_bland_batch_json`]
//! writes them.
//!
//! The JS wrappers (`bindings-node/preflight-rows.js`, `bindings-wasm/js/preflight-rows.js`) and
//! [`PreflightColumns::into_value`] rebuild the same result as [`super::preflight_bland_batch`].

use super::{Checked, RowsMode, is_clean, write_error};
use crate::bland::{BatchPreflight, RowNumber, RowPrompt};
use serde_json::{Map, Value, json};

/// A preflight result in columns (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreflightColumns {
    /// JSON text of `{ok, summary, issues, rows}`, where `rows` leaves out the rows listed in the
    /// columns (every other row keeps its `index`).
    pub head: String,
    /// The numbers and prompts of the clean rows of mode `all`, one after the other.
    pub text: String,
    /// Two offsets per clean row, in `text`, in UTF-16 code units (what JS `slice` counts): where
    /// its number ends and where its prompt ends. A row starts where the previous one ended.
    pub ends: Vec<u32>,
}

/// [`super::preflight_bland_batch`] in columns.
pub fn preflight_bland_batch_columns(
    batch: Value,
    options: Value,
    host: &dyn super::Host,
) -> crate::Result<PreflightColumns> {
    Checked::run(batch, options, host)?.columns()
}

/// [`preflight_bland_batch_columns`] on the batch's JSON text, read as
/// [`super::preflight_bland_batch_text_json`] reads it: what the bindings call.
pub fn preflight_bland_batch_text_columns(
    batch: Option<&str>,
    options: Value,
    host: &dyn super::Host,
) -> crate::Result<PreflightColumns> {
    Checked::run_text(batch, options, host)?.columns()
}

impl Checked {
    pub(super) fn columns(mut self) -> crate::Result<PreflightColumns> {
        let head = serde_json::to_string(&self.view(true)).map_err(write_error)?;
        let mut text = String::new();
        let mut ends = Vec::new();
        if let (Some(pre), RowsMode::All) = (&mut self.checked, self.mode) {
            ends.reserve(pre.len() * 2);
            // One ASCII check of the whole clean text (the common case) instead of one per part:
            // then a part's UTF-16 length is its length in bytes.
            let ascii = pre.clean_text().is_ascii();
            let units = |part: &str| if ascii { part.len() } else { utf16_len(part) };
            let mut at: usize = 0;
            let mut bytes: usize = 0;
            for row in pre.rows() {
                if !is_clean(&row) {
                    continue;
                }
                if let (RowNumber::Valid(number), RowPrompt::Rendered(prompt)) =
                    (row.number, row.prompt)
                {
                    // A wire number is ASCII.
                    for (len, n) in [(number.len(), number.len()), (prompt.len(), units(prompt))] {
                        bytes += len;
                        at += n;
                        ends.push(u32::try_from(at).map_err(|_| too_large())?);
                    }
                }
            }
            // The checker already laid the clean rows out this way (`take_clean_text`): take
            // that string instead of copying 15 MB per 100k rows. The length check guards the
            // layout; were it ever different, the text is built as before.
            text = match pre.take_clean_text(bytes) {
                Some(clean) => clean,
                None => rebuild(pre, bytes),
            };
        }
        Ok(PreflightColumns { head, text, ends })
    }
}

/// The clean rows' numbers and prompts copied one after the other: what `take_clean_text` holds.
/// Only reached if the checker's layout ever differed from it (see `columns`).
fn rebuild(pre: &BatchPreflight, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes);
    for row in pre.rows().filter(is_clean) {
        if let (RowNumber::Valid(number), RowPrompt::Rendered(prompt)) = (row.number, row.prompt) {
            text.push_str(number);
            text.push_str(prompt);
        }
    }
    text
}

fn too_large() -> crate::Error {
    crate::Error::Json {
        message: "the preflight result is too large for one JS string".into(),
    }
}

/// Length of `s` in UTF-16 code units.
fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

impl PreflightColumns {
    /// The result as [`super::preflight_bland_batch`] returns it: what the JS wrappers build, done
    /// in Rust (tests compare the two forms; a Rust caller wanting values can use it).
    pub fn into_value(self) -> crate::Result<Value> {
        let mut out: Value = serde_json::from_str(&self.head).map_err(write_error)?;
        if self.ends.is_empty() {
            return Ok(out);
        }
        let Some(Value::Array(others)) = out.get_mut("rows").map(Value::take) else {
            return Err(malformed());
        };
        let units: Vec<u16> = self.text.encode_utf16().collect();
        let piece = |from: usize, to: usize| {
            units
                .get(from..to)
                .map(String::from_utf16_lossy)
                .ok_or_else(malformed)
        };
        let total = others.len() + self.ends.len() / 2;
        let mut rows = Vec::with_capacity(total);
        let mut others = others.into_iter().peekable();
        let mut clean = self.ends.chunks_exact(2);
        let mut at = 0usize;
        for index in 0..total {
            if others
                .peek()
                .is_some_and(|r| r["index"].as_u64() == Some(index as u64))
            {
                rows.extend(others.next());
                continue;
            }
            let Some(&[number_end, prompt_end]) = clean.next() else {
                return Err(malformed());
            };
            let (n, p) = (number_end as usize, prompt_end as usize);
            let mut row = Map::new();
            row.insert("index".into(), json!(index));
            row.insert("phoneNumber".into(), Value::String(piece(at, n)?));
            row.insert("phoneError".into(), Value::Null);
            row.insert("prompt".into(), Value::String(piece(n, p)?));
            row.insert("missingVariables".into(), json!([]));
            row.insert("issues".into(), json!([]));
            rows.push(Value::Object(row));
            at = p;
        }
        if let Some(slot) = out.get_mut("rows") {
            *slot = Value::Array(rows);
        }
        Ok(out)
    }
}

fn malformed() -> crate::Error {
    crate::Error::Json {
        message: "preflight columns do not match their head".into(),
    }
}
