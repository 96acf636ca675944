//! `preflightBlandCsv(batch, csvText, options)`: [`super::preflight_bland_batch`] with the rows
//! read straight from a CSV file's text ([`crate::csv`], the dashboard's `parseCsv` rules) instead
//! of `batch.callData`. A campaign tool or the dashboard starts from a CSV file: going through 100k
//! JS objects, `JSON.stringify` and JSON again cost more than the checks (BENCHMARKS.md § wasm).
//!
//! **Rows.** The header names the `call_data` keys. The phone column is `options.phoneColumn`, else
//! the first of `phone_number`, `phoneNumber`, `phone` that the header has (exact names, after
//! trimming); it becomes the row's `phoneNumber`. Every other column becomes a string variable of
//! the row; an empty cell is an absent variable (so the checks report a missing variable rather
//! than render an empty one), as the dashboard's `toContacts` reads a CSV. Each record with as
//! many fields as the header is one row, checked by the same [`RowChecker`] as
//! `preflightBlandBatch`'s rows; the result is exactly `preflightBlandBatch({...batch, callData:
//! <those rows as objects>})`'s, with the CSV's problems first in `issues` and each row's CSV
//! `line` (where its record starts).
//!
//! **CSV problems** are error issues in `issues` with a `line` field (1-based, in the text without
//! BOM) and the message `parseCsv` gives: `csv_syntax` (quoting; the record is still read, as
//! `parseCsv` reads it), `csv_field_count` (the record is not a row: its values cannot be matched
//! to columns), `csv_header` (no header, a column without a name or named twice — a repeated name
//! keeps its last column, as a JS object would —, or a column called `phoneNumber`/`phone_number`
//! that is not the phone column: left out, it would be a second number), `csv_phone_column` (no
//! phone column; every row then lacks its number). The path is `callData[i]` for a problem of the
//! record that is row `i`, else `callData`.

use super::read::Checker;
use super::{Checked, RowsMode, rows_mode, write_error};
use crate::bland::{BatchRequest, RowChecker, rules};
use crate::csv::{self, CsvError, CsvErrorKind, Reader, Record};
use crate::issue::{Issue, IssueCode, Path, Report, Severity};
use crate::js::args::{Options, invalid};
use crate::js::error::issue_to_js;
use crate::js::shape::input_to_wire;
use crate::js::{Host, PreflightColumns, schema};
use crate::{Context, json};
use serde_json::{Map, Value};

/// The phone column when `options.phoneColumn` does not name one, in order of preference.
pub const DEFAULT_PHONE_COLUMNS: [&str; 3] = ["phone_number", "phoneNumber", "phone"];

/// Rows read before the checker's buffers are sized for the whole text (estimated from the bytes
/// these rows took), as the JSON text reader does.
const ESTIMATE_AFTER: usize = 256;

/// [`preflight_bland_csv`]'s result in columns, for the bindings' JS wrappers: the rows as
/// [`PreflightColumns`] (built by the same `preflight-rows.js`), and each row's CSV line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreflightCsvColumns {
    /// The rows and issues, as `preflightBlandBatch` hands them over.
    pub columns: PreflightColumns,
    /// The CSV line of row `i` at `lines[i]` (every row, whatever `options.rows` returns).
    pub lines: Vec<u32>,
}

/// `preflightBlandCsv(batch, csvText, {nowMs, rows, phoneColumn})` → `{ok, summary, issues, rows}`
/// (see the module documentation); each row also has `line`. `batch` is a batch without
/// `callData` (given, it is an error issue and left out). Throws only for bad `options`.
pub fn preflight_bland_csv(
    batch: Value,
    csv_text: &str,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let (checked, lines) = Checked::run_csv(batch, csv_text, options, host)?;
    let mut out = serde_json::to_value(checked.view(false)).map_err(write_error)?;
    if let Some(Value::Array(rows)) = out.get_mut("rows") {
        for row in rows {
            let line = row
                .get("index")
                .and_then(Value::as_u64)
                .and_then(|i| lines.get(usize::try_from(i).ok()?).copied());
            if let (Value::Object(m), Some(line)) = (row, line) {
                m.insert("line".into(), Value::from(line));
            }
        }
    }
    Ok(out)
}

/// [`preflight_bland_csv`] in columns: what the bindings call.
pub fn preflight_bland_csv_columns(
    batch: Value,
    csv_text: &str,
    options: Value,
    host: &dyn Host,
) -> crate::Result<PreflightCsvColumns> {
    let (checked, lines) = Checked::run_csv(batch, csv_text, options, host)?;
    Ok(PreflightCsvColumns {
        columns: checked.columns()?,
        lines,
    })
}

/// Why a binding could not hand over `csvText` (a JS string, or a `Uint8Array` of UTF-8: a file's
/// bytes as read, which crosses into the module as one copy instead of being encoded from a
/// string — in Chromium, `TextEncoder` took ≈ 10 ms for a 100k-row file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTextProblem {
    /// Neither a JS string nor a `Uint8Array`.
    NotAString,
    /// A string with a lone surrogate: not text, and UTF-8 cannot carry it (it would silently
    /// become U+FFFD).
    LoneSurrogate,
    /// Bytes that are not UTF-8, valid up to this byte.
    NotUtf8(usize),
}

/// The `validation_failed` error a binding throws for a `csvText` it cannot pass.
pub fn csv_text_error(problem: CsvTextProblem) -> crate::Error {
    match problem {
        CsvTextProblem::NotAString => invalid(
            IssueCode::InvalidType,
            "csvText",
            "csvText must be a string or a Uint8Array of UTF-8 (the CSV file's text)",
        ),
        CsvTextProblem::NotUtf8(at) => invalid(
            IssueCode::InvalidFormat,
            "csvText",
            format!(
                "csvText bytes are not UTF-8 (at byte {at}); decode the file with its encoding (TextDecoder) and pass the string"
            ),
        ),
        CsvTextProblem::LoneSurrogate => invalid(
            IssueCode::InvalidFormat,
            "csvText",
            "csvText has a lone UTF-16 surrogate, which is not text (read the file with TextDecoder or File.text())",
        ),
    }
}

/// `options.phoneColumn`, taken out of the options (the rest are the shared [`Options`]).
fn phone_column_option(options: &mut Value) -> crate::Result<Option<String>> {
    let Value::Object(m) = options else {
        return Ok(None);
    };
    match m.shift_remove("phoneColumn") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(invalid(
            IssueCode::InvalidType,
            "options.phoneColumn",
            format!(
                "phoneColumn must be a string (a header name), got {}",
                json::kind_name(&other)
            ),
        )),
    }
}

/// A CSV problem as an issue: where it is in `callData` and on which line.
struct CsvIssue {
    line: usize,
    code: IssueCode,
    /// The row it belongs to, if its record became one.
    row: Option<usize>,
    message: String,
}

impl CsvIssue {
    fn of(e: CsvError, row: Option<usize>) -> Self {
        let code = match e.kind {
            CsvErrorKind::FieldCount { .. } => IssueCode::CsvFieldCount,
            ref k if k.is_syntax() => IssueCode::CsvSyntax,
            _ => IssueCode::CsvHeader,
        };
        CsvIssue {
            line: e.line,
            code,
            row,
            message: e.kind.to_string(),
        }
    }

    /// `{severity, code, path, message, line}` (paths in JS names).
    fn to_js(&self) -> Value {
        let path = match self.row {
            Some(i) => Path::from("callData").index(i),
            None => Path::from("callData"),
        };
        let mut v = issue_to_js(&Issue {
            severity: Severity::Error,
            code: self.code,
            path,
            message: self.message.clone(),
        });
        if let Value::Object(m) = &mut v {
            m.insert("line".into(), Value::from(self.line));
        }
        v
    }
}

/// What each header column becomes in a row.
struct Plan {
    /// The row key of each column (`phone_number` for the phone column), `None` for a column
    /// that is no variable.
    keys: Vec<Option<String>>,
    issues: Vec<CsvIssue>,
}

impl Plan {
    fn new(columns: &[String], line: usize, phone_option: Option<&str>) -> Plan {
        let mut issues = Vec::new();
        // The last column of a name: a repeated name keeps its last value, as `values[name]`.
        let last_of = |name: &str| columns.iter().rposition(|c| c == name);
        let phone = match phone_option {
            Some(name) => last_of(name),
            None => DEFAULT_PHONE_COLUMNS.iter().find_map(|n| last_of(n)),
        };
        if phone.is_none() {
            let listed = columns
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let message = match phone_option {
                Some(name) => format!(
                    "options.phoneColumn `{name}` is not a column of the header (columns: {listed})"
                ),
                None => format!(
                    "no phone column: the header has none of `phone_number`, `phoneNumber`, `phone` (columns: {listed}); name it with options.phoneColumn"
                ),
            };
            issues.push(CsvIssue {
                line,
                code: IssueCode::CsvPhoneColumn,
                row: None,
                message,
            });
        }
        let phone_name = phone.and_then(|p| columns.get(p)).map(String::as_str);
        let keys = columns
            .iter()
            .enumerate()
            .map(|(k, name)| {
                if Some(k) == phone {
                    return Some("phone_number".to_owned());
                }
                if name.is_empty() || last_of(name) != Some(k) {
                    return None;
                }
                if name == "phoneNumber" || name == "phone_number" {
                    issues.push(CsvIssue {
                        line,
                        code: IssueCode::CsvHeader,
                        row: None,
                        message: format!(
                            "column `{name}` is not the phone column ({}) but would be read as the row's number; rename it, or choose it with options.phoneColumn",
                            phone_name.map_or("none".to_owned(), |p| format!("`{p}`"))
                        ),
                    });
                    return None;
                }
                Some(name.clone())
            })
            .collect();
        Plan { keys, issues }
    }
}

/// One reused row map: while the present columns are those of the previous row (the common
/// case), values are overwritten in place (strings reuse their buffers); otherwise it is rebuilt.
#[derive(Default)]
struct RowFill {
    row: Map<String, Value>,
    /// The columns whose values `row` holds, in order.
    current: Vec<usize>,
    present: Vec<usize>,
}

impl RowFill {
    fn fill(&mut self, rec: &Record<'_>, keys: &[Option<String>]) {
        // One pass while the present columns are the current ones, writing in place.
        let mut slots = self.row.values_mut();
        let mut kept = 0usize;
        let mut same = true;
        for (k, key) in keys.iter().enumerate() {
            let Some(f) = rec.field(k).filter(|f| key.is_some() && !f.is_empty()) else {
                continue;
            };
            match slots.next() {
                Some(slot) if self.current.get(kept) == Some(&k) => {
                    match slot {
                        Value::String(s) => {
                            s.clear();
                            s.push_str(f);
                        }
                        other => *other = Value::String(f.to_owned()),
                    }
                    kept += 1;
                }
                _ => {
                    same = false;
                    break;
                }
            }
        }
        if same && kept == self.current.len() {
            return;
        }
        self.present.clear();
        for (k, key) in keys.iter().enumerate() {
            if key.is_some() && rec.field(k).is_some_and(|f| !f.is_empty()) {
                self.present.push(k);
            }
        }
        self.row.clear();
        for &k in &self.present {
            if let (Some(Some(key)), Some(f)) = (keys.get(k), rec.field(k)) {
                self.row.insert(key.clone(), Value::String(f.to_owned()));
            }
        }
        std::mem::swap(&mut self.current, &mut self.present);
    }
}

impl Checked {
    /// The batch's own fields as [`Checked::run`] reads them, its rows from `csv_text`; the CSV
    /// issues open `top`. Also each row's line.
    fn run_csv(
        mut batch: Value,
        csv_text: &str,
        mut options: Value,
        host: &dyn Host,
    ) -> crate::Result<(Checked, Vec<u32>)> {
        let mode: RowsMode = rows_mode(&mut options)?;
        let phone_option = phone_column_option(&mut options)?;
        let options = Options::read(options, false, host)?;
        let ctx = Context::at(options.now_ms);
        let shape = schema::bland_batch();

        let mut top = Report::new();
        if let Some(m) = batch.as_object_mut()
            && m.shift_remove("callData").is_some()
        {
            top.error(
                IssueCode::Conflict,
                "callData",
                "the rows come from csvText: leave callData out of the batch",
            );
        }
        let wire = input_to_wire(shape, batch, &Path::root(), &mut top);
        let mut shape_report = Report::new();
        let parsed = json::from_value_collect::<BatchRequest>(wire, &mut shape_report);
        let rows_hint = ESTIMATE_AFTER.min(csv_text.len() / 32);
        let mut checker: Option<Checker> = parsed
            .as_ref()
            .map(|b| RowChecker::new(b, &ctx, rules::normalise_phone as _, rows_hint));

        let (issues, lines) = read_rows(csv_text, phone_option.as_deref(), checker.as_mut());
        let mut checked = Checked::new(shape, top, shape_report, checker.map(|c| c.finish()), mode);
        checked.top_counts.errors += issues.len();
        checked.top.splice(0..0, issues.iter().map(CsvIssue::to_js));
        Ok((checked, lines))
    }
}

/// Every CSV record into `checker` (when the batch's fields read): the CSV issues, in
/// `parseCsv`'s order (quoting, header, field counts), and each row's line.
fn read_rows(
    text: &str,
    phone_option: Option<&str>,
    mut checker: Option<&mut Checker>,
) -> (Vec<CsvIssue>, Vec<u32>) {
    let mut reader = Reader::new(text);
    let mut rec = Record::default();
    let mut lines: Vec<u32> = Vec::new();
    // The row (if any) of each quoting error, as they come.
    let mut syntax_rows: Vec<Option<usize>> = Vec::new();
    if !reader.next_record(&mut rec) {
        let mut issues: Vec<CsvIssue> = reader
            .take_errors()
            .into_iter()
            .map(|e| CsvIssue::of(e, None))
            .collect();
        issues.push(CsvIssue::of(
            CsvError {
                line: 1,
                kind: CsvErrorKind::NoHeader,
            },
            None,
        ));
        return (issues, lines);
    }
    syntax_rows.resize(reader.errors().len(), None);
    let (columns, header_errors) = csv::header(&rec);
    let plan = Plan::new(&columns, rec.line, phone_option);
    let mut counts = Vec::new();
    let mut fill = RowFill::default();
    while reader.next_record(&mut rec) {
        let row = if rec.len() == columns.len() {
            fill.fill(&rec, &plan.keys);
            if let Some(c) = checker.as_deref_mut() {
                c.push(&fill.row);
            }
            lines.push(u32::try_from(rec.line).unwrap_or(u32::MAX));
            if lines.len() == ESTIMATE_AFTER
                && let Some(c) = checker.as_deref_mut()
            {
                // The rest of the text at the bytes per row so far, an eighth more for longer
                // rows (over-reserving costs untouched memory, falling short a copy).
                let per_row = (reader.position() / ESTIMATE_AFTER).max(1);
                let rest = reader.len().saturating_sub(reader.position()) / per_row;
                c.reserve(ESTIMATE_AFTER + rest + rest / 8);
            }
            Some(lines.len() - 1)
        } else {
            counts.push(CsvIssue::of(
                CsvError {
                    line: rec.line,
                    kind: CsvErrorKind::FieldCount {
                        got: rec.len(),
                        want: columns.len(),
                    },
                },
                None,
            ));
            None
        };
        syntax_rows.resize(reader.errors().len(), row);
    }
    let mut issues: Vec<CsvIssue> = reader
        .take_errors()
        .into_iter()
        .enumerate()
        .map(|(n, e)| CsvIssue::of(e, syntax_rows.get(n).copied().flatten()))
        .collect();
    issues.extend(header_errors.into_iter().map(|e| CsvIssue::of(e, None)));
    issues.extend(plan.issues);
    issues.extend(counts);
    (issues, lines)
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
