//! `preflightBlandBatch`: check and preview a `POST /v1/batches` body before money is spent. One
//! pass over the rows ([`crate::bland::preflight_batch`]); the result is built directly as JSON so
//! a 100k-row batch costs one object per row.

use super::args::Options;
use super::error::issue_to_js;
use super::shape::{input_to_wire, path_to_js};
use super::{Host, schema};
use crate::bland::{BatchRequest, CallDataRow, RowNumber, RowPrompt, preflight_batch};
use crate::issue::{Issue, IssueCode, Path, Report, Severity};
use crate::{Context, json};
use serde_json::{Map, Value};

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

    fn to_value(&self) -> Value {
        let mut m = Map::new();
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
            m.insert(k.into(), Value::from(v));
        }
        Value::Object(m)
    }
}

fn issue_js(shape: super::shape::Shape, i: &Issue) -> Value {
    let mut i = i.clone();
    i.path = Path::from(path_to_js(shape, i.path.as_str()));
    issue_to_js(&i)
}

/// `preflightBlandBatch(batch, {nowMs, rows})` → `{ok, summary, issues, rows}`.
///
/// - `rows[i]`: `{index, phoneNumber, phoneError, prompt, missingVariables, issues}`:
///   `phoneNumber` is the number in E.164 (Bland's wire form) or `null`, `phoneError`
///   `{code, message}` or `null`, `prompt` the rendered `basePrompt` or `null`,
///   `missingVariables` the variables the row could not fill (absent, `null`, or objects/arrays),
///   `issues` the row's own problems. `options.rows`: `"all"` (default), `"problems"` (only rows
///   with an issue, an invalid or missing number, or missing variables) or `"none"`.
/// - `issues`: problems of the batch itself (fields, unknown keys) and one `unused_variable`
///   warning per column no variable reads.
/// - `summary`: `{rows, ready, withErrors, invalidPhoneNumbers, missingVariables, duplicates,
///   errors, warnings}`.
///
/// Throws only for bad `options`; a batch that is not even an object is an issue at the root.
pub fn preflight_bland_batch(
    batch: Value,
    mut options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
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
    let parsed = json::from_value_collect::<BatchRequest>(wire, &mut shape_report).map(|mut b| {
        b.call_data = call_data;
        b
    });
    top.extend(super::report_to_js(shape, shape_report));

    let mut summary = Summary::default();
    let mut rows = Vec::new();
    let mut issues: Vec<Value> = top.issues.iter().map(issue_to_js).collect();
    summary.count(&top.issues);

    if let Some(batch) = parsed {
        let pre = preflight_batch(&batch, &Context::at(options.now_ms));
        let all = &pre.report().issues;
        let mut in_rows = vec![false; all.len()];
        if mode == RowsMode::All {
            rows.reserve_exact(pre.len());
        }
        for row in pre.rows() {
            mark_slice(all, row.issues, &mut in_rows);
            if let Some(v) = row_value(shape, &row, &mut summary, mode) {
                rows.push(v);
            }
        }
        for (i, issue) in all.iter().enumerate() {
            if !in_rows.get(i).copied().unwrap_or(false) {
                issues.push(issue_js(shape, issue));
            }
        }
        summary.count(all);
        summary.rows = pre.len();
    }

    let ok = summary.errors == 0;
    let mut m = Map::new();
    m.insert("ok".into(), Value::Bool(ok));
    m.insert("summary".into(), summary.to_value());
    m.insert("issues".into(), Value::Array(issues));
    m.insert("rows".into(), Value::Array(rows));
    Ok(Value::Object(m))
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

/// Count `row` into `summary` and, unless `mode` leaves it out, its result object.
fn row_value(
    shape: super::shape::Shape,
    row: &crate::bland::RowView<'_>,
    summary: &mut Summary,
    mode: RowsMode,
) -> Option<Value> {
    let has_error = row.issues.iter().any(|i| i.severity == Severity::Error);
    if has_error {
        summary.with_errors += 1;
    } else if row.number.wire().is_some() {
        summary.ready += 1;
    }
    if row.issues.iter().any(|i| i.code == IssueCode::Duplicate) {
        summary.duplicates += 1;
    }
    if matches!(row.number, RowNumber::Invalid(_)) {
        summary.invalid_phone_numbers += 1;
    }
    if matches!(row.prompt, RowPrompt::Missing(_)) {
        summary.missing_variables += 1;
    }
    let clean = row.issues.is_empty()
        && matches!(row.number, RowNumber::Valid(_))
        && matches!(row.prompt, RowPrompt::Rendered(_));
    if mode == RowsMode::None || (mode == RowsMode::Problems && clean) {
        return None;
    }
    let (number, phone_error) = match row.number {
        RowNumber::Valid(w) => (Value::String(w.clone()), Value::Null),
        RowNumber::Invalid(e) => {
            let mut m = Map::with_capacity(2);
            m.insert("code".into(), Value::from(e.code()));
            m.insert("message".into(), Value::from(e.message.as_str()));
            (Value::Null, Value::Object(m))
        }
        RowNumber::Missing | RowNumber::NotAString => (Value::Null, Value::Null),
    };
    let (prompt, missing) = match row.prompt {
        RowPrompt::Rendered(text) => (Value::from(text), Vec::new()),
        RowPrompt::Missing(problems) => {
            let names = problems.iter().map(|p| Value::from(p.name())).collect();
            (Value::Null, names)
        }
        RowPrompt::NotRendered => (Value::Null, Vec::new()),
    };
    let mut m = Map::with_capacity(6);
    m.insert("index".into(), Value::from(row.index));
    m.insert("phoneNumber".into(), number);
    m.insert("phoneError".into(), phone_error);
    m.insert("prompt".into(), prompt);
    m.insert("missingVariables".into(), Value::Array(missing));
    m.insert(
        "issues".into(),
        Value::Array(row.issues.iter().map(|i| issue_js(shape, i)).collect()),
    );
    Some(Value::Object(m))
}
