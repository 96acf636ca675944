//! `preflightBlandBatch`: check and preview a `POST /v1/batches` body before money is spent. One
//! pass over the rows ([`crate::bland::preflight_batch`]); the result is serialised straight from
//! the checked rows, as a [`Value`], as JSON text, or in columns ([`columns`]). The bindings hand
//! over the batch as JSON text, which [`read`] reads row by row into the checks (no `Value` per
//! row); the `Value` path ([`Checked::run`]) stays the reference and the fallback.

mod columns;
mod csv;
mod read;
mod scan;

pub use columns::{
    PreflightColumns, preflight_bland_batch_columns, preflight_bland_batch_text_columns,
};
pub use csv::{
    CsvTextProblem, DEFAULT_PHONE_COLUMNS, PreflightCsvColumns, csv_text_error,
    preflight_bland_csv, preflight_bland_csv_columns,
};

use super::args::Options;
use super::error::issue_to_js;
use super::shape::{input_to_wire, path_to_js};
use super::{Host, schema};
use crate::bland::{BatchRequest, CallDataRow, RowNumber, RowPrompt, preflight_batch};
use crate::issue::{Issue, IssueCode, Path, Report, Severity};
use crate::{Context, json};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// Counts over the rows.
#[derive(Default)]
struct Summary {
    rows: usize,
    ready: usize,
    with_errors: usize,
    invalid_phone_numbers: usize,
    missing_variables: usize,
    duplicates: usize,
    errors: usize,
    warnings: usize,
}

impl Summary {
    fn count(&mut self, issues: &[Issue]) {
        for i in issues {
            match i.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }

    /// The row-level counts of one row.
    fn count_row(&mut self, row: &crate::bland::RowView<'_>) {
        if row.issues.iter().any(|i| i.severity == Severity::Error) {
            self.with_errors += 1;
        } else if row.number.wire().is_some() {
            self.ready += 1;
        }
        if row.issues.iter().any(|i| i.code == IssueCode::Duplicate) {
            self.duplicates += 1;
        }
        if matches!(row.number, RowNumber::Invalid(_)) {
            self.invalid_phone_numbers += 1;
        }
        if matches!(row.prompt, RowPrompt::Missing(_)) {
            self.missing_variables += 1;
        }
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(8))?;
        for (k, v) in [
            ("rows", self.rows),
            ("ready", self.ready),
            ("withErrors", self.with_errors),
            ("invalidPhoneNumbers", self.invalid_phone_numbers),
            ("missingVariables", self.missing_variables),
            ("duplicates", self.duplicates),
            ("errors", self.errors),
            ("warnings", self.warnings),
        ] {
            m.serialize_entry(k, &v)?;
        }
        m.end()
    }
}

/// `preflightBlandBatch(batch, {nowMs, rows})` → `{ok, summary, issues, rows}`.
///
/// - `rows[i]`: `{index, phoneNumber, phoneError, prompt, missingVariables, issues}`:
///   `phoneNumber` is the number in E.164 (Bland's wire form) or `null`, `phoneError`
///   `{code, message}` or `null`, `prompt` the rendered `basePrompt` or `null`,
///   `missingVariables` the variables the row could not fill (absent, `null`, or objects/arrays),
///   `issues` the row's own problems.
/// - `issues`: problems of the batch itself (fields, unknown keys) and one `unused_variable`
///   warning per column no variable reads.
/// - `summary`: `{rows, ready, withErrors, invalidPhoneNumbers, missingVariables, duplicates,
///   errors, warnings}`.
///
/// `options.rows` is `"all"` (default), `"problems"` (only rows with an issue, an invalid number or
/// an unrendered prompt) or `"none"` (summary and batch issues only); the summary always counts
/// every row.
///
/// Throws only for bad `options`; a batch that is not even an object is an issue at the root.
pub fn preflight_bland_batch(
    batch: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let checked = Checked::run(batch, options, host)?;
    serde_json::to_value(checked.view(false)).map_err(write_error)
}

/// [`preflight_bland_batch`]'s result as JSON text, written straight from the checked rows with
/// no intermediate [`Value`] per row: what a binding that hands JSON text to JS (`JSON.parse`)
/// wants. The text is exactly `preflight_bland_batch(..)?.to_string()`.
pub fn preflight_bland_batch_json(
    batch: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<String> {
    let checked = Checked::run(batch, options, host)?;
    serde_json::to_string(&checked.view(false)).map_err(write_error)
}

/// [`preflight_bland_batch_json`] on the batch's JSON text (`JSON.stringify`'s output; `None` for
/// what it cannot write): read row by row into the checks, without a `Value` per row. Same
/// answers, issues and errors as parsing the text with [`super::arg_from_json_text`] and calling
/// [`preflight_bland_batch_json`].
pub fn preflight_bland_batch_text_json(
    batch: Option<&str>,
    options: Value,
    host: &dyn Host,
) -> crate::Result<String> {
    let checked = Checked::run_text(batch, options, host)?;
    serde_json::to_string(&checked.view(false)).map_err(write_error)
}

/// Serialising the view cannot fail in practice (string keys, finite numbers); should it, the
/// caller gets a typed error rather than a panic.
fn write_error(e: serde_json::Error) -> crate::Error {
    crate::Error::Json {
        message: format!("the preflight result could not be written: {e}"),
    }
}

/// A batch read and checked: what both output forms are written from.
struct Checked {
    shape: super::shape::Shape,
    /// Issues of the batch itself, already in JS form (few).
    top: Vec<Value>,
    top_counts: Summary,
    checked: Option<crate::bland::BatchPreflight>,
    mode: RowsMode,
}

impl Checked {
    fn run(batch: Value, mut options: Value, host: &dyn Host) -> crate::Result<Checked> {
        let mode = rows_mode(&mut options)?;
        let options = Options::read(options, false, host)?;
        let shape = schema::bland_batch();
        let mut top = Report::new();
        let mut wire = input_to_wire(shape, batch, &Path::root(), &mut top);
        // The rows go straight into the model (each row *is* its JSON object), not through the
        // generic reader, which would rebuild every row and track every key's path: 10× slower.
        let rows_value = wire
            .as_object_mut()
            .and_then(|m| m.shift_remove("call_data"));
        let mut shape_report = Report::new();
        let call_data = read_rows(rows_value, &mut shape_report);
        let parsed =
            json::from_value_collect::<BatchRequest>(wire, &mut shape_report).map(|mut b| {
                b.call_data = call_data;
                b
            });
        let checked = parsed.map(|batch| preflight_batch(&batch, &Context::at(options.now_ms)));
        Ok(Checked::new(shape, top, shape_report, checked, mode))
    }

    /// [`Checked::run`] on the batch's JSON text: read straight into the checks when the text
    /// allows ([`read::read`]), else parsed into a `Value` and run as above. `None` is what
    /// `JSON.stringify` answers for a function or a symbol.
    fn run_text(text: Option<&str>, options: Value, host: &dyn Host) -> crate::Result<Checked> {
        if let Some(checked) = text.and_then(|t| read::read(t, &options, host)) {
            return Ok(checked);
        }
        let batch = super::arg_from_json_text("batch", text)?;
        Checked::run(batch, options, host)
    }

    /// The batch's issues in JS form and counted, next to the rows' preflight.
    fn new(
        shape: super::shape::Shape,
        mut top: Report,
        shape_report: Report,
        checked: Option<crate::bland::BatchPreflight>,
        mode: RowsMode,
    ) -> Checked {
        top.extend(super::report_to_js(shape, shape_report));
        let mut top_counts = Summary::default();
        top_counts.count(&top.issues);
        Checked {
            shape,
            top: top.issues.iter().map(issue_to_js).collect(),
            top_counts,
            checked,
            mode,
        }
    }

    /// The result to write; `columns`: leave the clean rows of mode `all` out of `rows` (they go
    /// to [`PreflightColumns`]).
    fn view(&self, columns: bool) -> View<'_> {
        let mut summary = Summary {
            errors: self.top_counts.errors,
            warnings: self.top_counts.warnings,
            ..Summary::default()
        };
        let mut batch_issues: Vec<&Issue> = Vec::new();
        if let Some(pre) = &self.checked {
            let all = &pre.report().issues;
            let mut in_rows = vec![false; all.len()];
            for row in pre.rows() {
                mark_slice(all, row.issues, &mut in_rows);
                summary.count_row(&row);
            }
            batch_issues = all
                .iter()
                .zip(&in_rows)
                .filter(|(_, in_row)| !**in_row)
                .map(|(i, _)| i)
                .collect();
            summary.count(all);
            summary.rows = pre.len();
        }
        View {
            shape: self.shape,
            summary,
            top: &self.top,
            batch_issues,
            pre: self.checked.as_ref(),
            mode: self.mode,
            columns,
        }
    }
}

/// The result, serialised field by field (`{ok, summary, issues, rows}`).
struct View<'a> {
    shape: super::shape::Shape,
    summary: Summary,
    top: &'a [Value],
    /// Issues of the core's report that belong to no row.
    batch_issues: Vec<&'a Issue>,
    pre: Option<&'a crate::bland::BatchPreflight>,
    mode: RowsMode,
    /// Clean rows go to columns, not to `rows` (mode `all` only).
    columns: bool,
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("ok", &(self.summary.errors == 0))?;
        m.serialize_entry("summary", &self.summary)?;
        m.serialize_entry("issues", &BatchIssues(self))?;
        m.serialize_entry("rows", &Rows(self))?;
        m.end()
    }
}

struct BatchIssues<'a>(&'a View<'a>);

impl Serialize for BatchIssues<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut seq = s.serialize_seq(Some(v.top.len() + v.batch_issues.len()))?;
        for i in v.top {
            seq.serialize_element(i)?;
        }
        for i in &v.batch_issues {
            seq.serialize_element(&IssueJs(v.shape, i))?;
        }
        seq.end()
    }
}

struct Rows<'a>(&'a View<'a>);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(pre) = self.0.pre else {
            return s.serialize_seq(Some(0))?.end();
        };
        let mode = self.0.mode;
        // In columns, `rows` holds what the columns cannot: the rows that are not clean.
        let skip_clean = mode == RowsMode::Problems || (mode == RowsMode::All && self.0.columns);
        let len = match mode {
            RowsMode::All if self.0.columns => None,
            RowsMode::All => Some(pre.len()),
            RowsMode::Problems => None,
            RowsMode::None => Some(0),
        };
        let mut seq = s.serialize_seq(len)?;
        if mode != RowsMode::None {
            for row in pre.rows() {
                if skip_clean && is_clean(&row) {
                    continue;
                }
                seq.serialize_element(&Row(self.0.shape, row))?;
            }
        }
        seq.end()
    }
}

/// An issue with its path in JS names (`{severity, code, path, message}`).
struct IssueJs<'a>(super::shape::Shape, &'a Issue);

impl Serialize for IssueJs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.1;
        let mut m = s.serialize_map(Some(4))?;
        let severity = match i.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        m.serialize_entry("severity", severity)?;
        m.serialize_entry("code", i.code.as_str())?;
        m.serialize_entry("path", &path_to_js(self.0, i.path.as_str()))?;
        m.serialize_entry("message", &i.message)?;
        m.end()
    }
}

/// `{index, phoneNumber, phoneError, prompt, missingVariables, issues}`.
struct Row<'a>(super::shape::Shape, crate::bland::RowView<'a>);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct PhoneErr<'a>(&'a crate::phone::PhoneError);
        impl Serialize for PhoneErr<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("code", self.0.code())?;
                m.serialize_entry("message", &self.0.message)?;
                m.end()
            }
        }
        struct Names<'a>(&'a [crate::template::VariableProblem]);
        impl Serialize for Names<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|p| p.name()))
            }
        }
        struct Issues<'a>(super::shape::Shape, &'a [Issue]);
        impl Serialize for Issues<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.1.iter().map(|i| IssueJs(self.0, i)))
            }
        }
        let row = &self.1;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("index", &row.index)?;
        match row.number {
            RowNumber::Valid(w) => {
                m.serialize_entry("phoneNumber", w)?;
                m.serialize_entry("phoneError", &())?;
            }
            RowNumber::Invalid(e) => {
                m.serialize_entry("phoneNumber", &())?;
                m.serialize_entry("phoneError", &PhoneErr(e))?;
            }
            RowNumber::Missing | RowNumber::NotAString => {
                m.serialize_entry("phoneNumber", &())?;
                m.serialize_entry("phoneError", &())?;
            }
        }
        match row.prompt {
            RowPrompt::Rendered(text) => {
                m.serialize_entry("prompt", text)?;
                m.serialize_entry("missingVariables", &Names(&[]))?;
            }
            RowPrompt::Missing(problems) => {
                m.serialize_entry("prompt", &())?;
                m.serialize_entry("missingVariables", &Names(problems))?;
            }
            RowPrompt::NotRendered => {
                m.serialize_entry("prompt", &())?;
                m.serialize_entry("missingVariables", &Names(&[]))?;
            }
        }
        m.serialize_entry("issues", &Issues(self.0, row.issues))?;
        m.end()
    }
}

/// Which rows `preflightBlandBatch` returns (`options.rows`): every row (the default), only the
/// rows with something to fix or look at, or none (the summary and batch issues only). A
/// back-end checking 100k rows needs the few problem rows, and building 100k result objects
/// costs more than the checks (BENCHMARKS.md § npm package).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowsMode {
    All,
    Problems,
    None,
}

/// Take `rows` out of the options object (the other keys are the shared [`Options`]).
fn rows_mode(options: &mut Value) -> crate::Result<RowsMode> {
    let Value::Object(m) = options else {
        return Ok(RowsMode::All);
    };
    match m.shift_remove("rows") {
        None | Some(Value::Null) => Ok(RowsMode::All),
        Some(Value::String(s)) if s == "all" => Ok(RowsMode::All),
        Some(Value::String(s)) if s == "problems" => Ok(RowsMode::Problems),
        Some(Value::String(s)) if s == "none" => Ok(RowsMode::None),
        Some(_) => Err(super::args::invalid(
            IssueCode::InvalidEnum,
            "options.rows",
            "rows must be one of all, problems, none",
        )),
    }
}

/// A row with nothing to fix or look at: no issue, a valid number, a rendered prompt.
fn is_clean(row: &crate::bland::RowView<'_>) -> bool {
    row.issues.is_empty()
        && matches!(row.number, RowNumber::Valid(_))
        && matches!(row.prompt, RowPrompt::Rendered(_))
}

/// `call_data` as rows, reporting what is not a list of objects as the model's reader would
/// (`invalid_type`; a row that is not an object reads as empty, which preflight reports).
fn read_rows(value: Option<Value>, report: &mut Report) -> Vec<CallDataRow> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Object(m) => CallDataRow(m),
                Value::Null => CallDataRow::default(),
                other => {
                    report.error(
                        IssueCode::InvalidType,
                        Path::from("call_data").index(i),
                        format!(
                            "a call_data row must be an object, got {}",
                            json::kind_name(&other)
                        ),
                    );
                    CallDataRow::default()
                }
            })
            .collect(),
        Some(other) => {
            report.error(
                IssueCode::InvalidType,
                "call_data",
                format!(
                    "call_data must be an array, got {}",
                    json::kind_name(&other)
                ),
            );
            Vec::new()
        }
    }
}

/// Mark the positions of `part` (a sub-slice of `all`) in `marks`.
fn mark_slice(all: &[Issue], part: &[Issue], marks: &mut [bool]) {
    if part.is_empty() {
        return;
    }
    let size = std::mem::size_of::<Issue>().max(1);
    let start = (part.as_ptr() as usize).wrapping_sub(all.as_ptr() as usize) / size;
    if let Some(m) = marks.get_mut(start..start + part.len()) {
        m.fill(true);
    }
}

#[cfg(test)]
mod tests;
