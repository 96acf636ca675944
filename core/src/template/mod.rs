//! `{{placeholder}}` templates, as in Bland's `base_prompt` + `call_data` batches: parse once,
//! render many rows fast, report every problem with a position or a field path.
//!
//! # Syntax
//! - A tag is `{{` name `}}`. Whitespace (not line breaks) may pad the name: `{{ business }}`.
//! - A name is one or more fields joined by `.`; `{{customer.first_name}}` reads
//!   `row["customer"]["first_name"]`. A field is one or more Unicode letters or digits
//!   (`char::is_alphanumeric`), `_`, `-` or combining diacritics (U+0300–U+036F). So `{{prénom}}`,
//!   `{{姓名}}`, `{{first-name}}` and `{{2fa_code}}` are valid; `{{first name}}` (a CSV header with a
//!   space) is not, and the error says to rename the column.
//! - `{{` always opens a tag: there is no escape for a literal `{{`, because the vendor that
//!   renders the prompt (Bland) knows none, and a preview must show what the vendor will send.
//! - A tag closes at the first `}}`, which must come on the same line and before the next `{{`;
//!   otherwise the tag is *unclosed* (so a forgotten `}}` is reported where it was forgotten).
//! - `}}` outside a tag is plain text (prompts quote JSON such as `{"a":{"b":1}}`), as is a lone
//!   `{` or `}`. After a tag, extra `}` are text too: `{{x}}}` is the value of `x` then `}`.
//! - `{{{x}}}` (three or more opening braces) is *malformed*: Mustache uses it for "do not
//!   HTML-escape", and output here is never escaped, so `{{x}}` is what to write.
//! - Mustache sections, partials and comments (`{{#x}}`, `{{/x}}`, `{{>x}}`, `{{!x}}`…) are
//!   malformed: only substitution exists.
//!
//! Errors carry the 1-based line and column of the tag's `{{`. Lines end at `\n`, `\r\n` or a lone
//! `\r`; columns count Unicode scalar values (a tab or an emoji is one column).
//!
//! # Rendering
//! Output is plain text, never HTML-escaped (`AT&T` stays `AT&T`). Values print canonically:
//! strings as they are, booleans `true`/`false`, integers in decimal, other numbers exactly as
//! JavaScript's `String(x)` (`1.0` → `1`, `1e21` → `1e+21`, `-0.0` → `0`), so previews match the
//! Node and browser builds. A variable that is absent or null is [`VariableProblem::Missing`]; an
//! object or array is [`VariableProblem::NonScalar`]; a row reports all of its problems.

mod error;
mod number;
mod parse;

pub use error::{RenderError, TemplateError, TemplateErrorKind, VariableProblem};
pub use number::push_js_number;

use parse::{Segment, Variable};
use serde_json::{Map, Value};

/// A parsed template: literal text and variables, ready to render many rows.
#[derive(Debug, Clone)]
pub struct Template {
    source: String,
    segments: Vec<Segment>,
    vars: Vec<Variable>,
    text_len: usize,
}

impl Template {
    /// Parse `source`, or return its first syntax error. Use [`Template::check`] to get all.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let scanned = parse::scan(source, false);
        if let Some(first) = scanned.errors.into_iter().next() {
            return Err(first);
        }
        Ok(Template {
            source: source.to_owned(),
            segments: scanned.segments,
            vars: scanned.vars,
            text_len: scanned.text_len,
        })
    }

    /// Every syntax error in `source`, in order; empty when [`Template::parse`] would succeed.
    /// Scanning resumes after each bad tag, so a dashboard can underline all of them at once.
    pub fn check(source: &str) -> Vec<TemplateError> {
        parse::scan(source, true).errors
    }

    /// The text this template was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Unique variable names in order of first appearance, dotted names as written (without
    /// braces or padding): `Hi {{ a.b }} {{c}} {{a.b}}` → `["a.b", "c"]`.
    pub fn variables(&self) -> Vec<&str> {
        self.vars.iter().map(|v| &*v.name).collect()
    }

    /// Whether some variable reads the row's top-level field `key` (`customer` for
    /// `{{customer.first_name}}`): a row field no variable reads is unused.
    pub fn uses_field(&self, key: &str) -> bool {
        self.vars
            .iter()
            .any(|v| v.path.first().is_some_and(|f| &**f == key))
    }

    /// Render one row into a new string.
    pub fn render(&self, row: &Map<String, Value>) -> Result<String, RenderError> {
        let mut out = String::with_capacity(self.text_len + 16 * self.vars.len());
        self.render_into(row, &mut out)?;
        Ok(out)
    }

    /// Render one row, appending to `out`. Reuse one `String` across rows (clear it between them)
    /// and rendering allocates nothing once `out` has grown. On error `out` is left as it was and
    /// the error lists every problem of the row.
    pub fn render_into(
        &self,
        row: &Map<String, Value>,
        out: &mut String,
    ) -> Result<(), RenderError> {
        let start = out.len();
        // One capacity check for the literal text (and short values) instead of a growth check
        // that opt-level "s" keeps out of line at every segment.
        out.reserve(self.text_len + 16 * self.vars.len());
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Var(index) => {
                    let Some(var) = self.vars.get(*index) else {
                        continue;
                    };
                    match resolve(row, &var.path) {
                        Some(Value::String(s)) => out.push_str(s),
                        Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
                        Some(Value::Number(n)) => number::push_json_number(out, n),
                        Some(Value::Null | Value::Array(_) | Value::Object(_)) | None => {
                            out.truncate(start);
                            return Err(self.problems(row));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Every variable that cannot render for `row`, once each, in first-appearance order (the
    /// order of `vars`), in time linear in the number of variables.
    fn problems(&self, row: &Map<String, Value>) -> RenderError {
        let problems = self
            .vars
            .iter()
            .filter_map(|var| match resolve(row, &var.path) {
                None | Some(Value::Null) => Some(VariableProblem::Missing(var.name.to_string())),
                Some(Value::Array(_) | Value::Object(_)) => {
                    Some(VariableProblem::NonScalar(var.name.to_string()))
                }
                Some(Value::String(_) | Value::Bool(_) | Value::Number(_)) => None,
            })
            .collect();
        RenderError { problems }
    }
}

/// Walk a pre-split path; no allocation. Inlined: it runs for every variable of every row, and
/// opt-level "s" (the wasm module) would otherwise call it and `field` out of line.
#[inline(always)]
fn resolve<'a>(row: &'a Map<String, Value>, path: &[Box<str>]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut cur = field(row, first)?;
    for name in rest {
        cur = field(cur.as_object()?, name)?;
    }
    Some(cur)
}

/// Rows up to this many fields are searched linearly instead of hashed.
const LINEAR_SCAN_MAX: usize = 12;

/// `map.get(key)`, faster for the small objects call data rows are: comparing a few keys (most
/// differ in length, a one-instruction reject) beats SipHash-ing the key, about halving render
/// time for a typical 5-field row (see `core/benches/template.rs`).
#[inline(always)]
fn field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= LINEAR_SCAN_MAX {
        map.iter().find(|(k, _)| same_key(k, key)).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// `a == b` for the short keys of call data rows, without a `memcmp` call: `str ==` calls it for
/// every pair of the same length, and a 100k-row preflight compares a few keys per row in the
/// template's lookups, the unused-column check and the reader's reused row (`memcmp` was ≈ 8 % of
/// the native call, BENCHMARKS.md § npm package). Keys up to 16 bytes are compared as two
/// overlapping words; longer ones with `==`.
#[inline(always)]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Each word: the first and the last `W` bytes (they overlap when `n < 2 * W`).
    fn ends<const W: usize>(x: &[u8]) -> Option<([u8; W], [u8; W])> {
        let head = x.get(..W)?.try_into().ok()?;
        let tail = x.get(x.len().checked_sub(W)?..)?.try_into().ok()?;
        Some((head, tail))
    }
    match n {
        0..=3 => a == b,
        4..=7 => ends::<4>(a) == ends::<4>(b),
        8..=16 => ends::<8>(a) == ends::<8>(b),
        _ => a == b,
    }
}

/// Resolve a (dotted) variable name in a row: `customer.first_name` reads
/// `row["customer"]["first_name"]`. `None` when a step is absent or not an object.
pub fn lookup<'a>(row: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let mut names = name.split('.');
    let mut cur = field(row, names.next()?)?;
    for name in names {
        cur = field(cur.as_object()?, name)?;
    }
    Some(cur)
}

/// Render every row; one result per row, in order.
pub fn render_batch(t: &Template, rows: &[Map<String, Value>]) -> Vec<Result<String, RenderError>> {
    rows.iter().map(|r| t.render(r)).collect()
}

#[cfg(test)]
mod tests;
