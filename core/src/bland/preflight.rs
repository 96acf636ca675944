//! Batch preflight: validate a `POST /v1/batches` request, normalise every row's number and render
//! every row's prompt, in one pass. This is the hot path behind "check and preview a batch before
//! money is spent", so it is written for throughput:
//! - the template is parsed once;
//! - prompts render straight into a single text arena (each row keeps a range) and the wire number
//!   is an inline [`E164`], so a valid row allocates nothing of its own;
//! - rows are read in place (no clone); issues are allocated only for rows that have problems;
//! - duplicate detection keys a `HashMap<u64, u32>` by the digits of the E.164 number (std's
//!   SipHash: batches can come from untrusted uploads, so no flood-prone fast hasher).
//!
//! Batch-level issues come first in the report, then each row's issues (contiguous, so a row can
//! point at its own slice), then one `unused_variable` warning per unused column.

use super::batch_v1::{BATCH_OWN_FIELDS, BatchRequest};
use super::check_options::validate_call_options;
use super::rules;
use super::wire;
use crate::Context;
use crate::issue::{Issue, IssueCode, Path, Report};
use crate::json;
use crate::phone::{E164, PhoneError};
use crate::template::{Template, VariableProblem, same_key};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

/// The number of one row after preflight.
#[derive(Debug, Clone, PartialEq)]
pub enum RowNumber {
    /// Valid; Bland's wire form (E.164, `+13334445555`), inline (no allocation per row).
    Valid(E164),
    /// Present but not a valid number.
    Invalid(PhoneError),
    /// No `phone_number` (or `null`).
    Missing,
    /// `phone_number` is not a string.
    NotAString,
}

impl RowNumber {
    /// The wire number when valid.
    pub fn wire(&self) -> Option<&str> {
        match self {
            RowNumber::Valid(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum PromptSlot {
    /// In `BatchPreflight::prompts` (a clean row: its number sits just before it).
    Rendered(Range<usize>),
    /// In `BatchPreflight::aside` (a row with issues).
    RenderedAside(Range<usize>),
    Missing(Vec<VariableProblem>),
    NotRendered,
}

/// A row's prompt after preflight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RowPrompt<'a> {
    /// The rendered prompt.
    Rendered(&'a str),
    /// Variables the row lacks (or that have no text form).
    Missing(&'a [VariableProblem]),
    /// Not rendered: `base_prompt` is absent or does not parse, or the row is empty.
    NotRendered,
}

#[derive(Debug, Clone, PartialEq)]
struct RowSlot {
    number: RowNumber,
    prompt: PromptSlot,
    issues: Range<usize>,
}

/// The result of [`preflight_batch`]: one entry per `call_data` row plus the whole-batch report.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPreflight {
    rows: Vec<RowSlot>,
    /// The clean rows (valid number, rendered prompt, no issue), in order: each row's wire number
    /// then its prompt, nothing else. This is the text of the JS result columns as is
    /// ([`Self::take_clean_text`]), so handing 100k rows to JS copies nothing more.
    prompts: String,
    /// The prompts of the rendered rows that have issues (duplicates).
    aside: String,
    report: Report,
}

/// One row of a [`BatchPreflight`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowView<'a> {
    /// Index in `call_data`.
    pub index: usize,
    /// Normalised number or why there is none.
    pub number: &'a RowNumber,
    /// Rendered prompt or why there is none.
    pub prompt: RowPrompt<'a>,
    /// This row's issues (phone, duplicate, variables); a subset of the batch report.
    pub issues: &'a [Issue],
}

impl BatchPreflight {
    /// Rows in `call_data` order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = RowView<'_>> + '_ {
        self.rows
            .iter()
            .enumerate()
            .map(move |(i, slot)| self.view(i, slot))
    }

    /// One row.
    pub fn row(&self, index: usize) -> Option<RowView<'_>> {
        self.rows.get(index).map(|slot| self.view(index, slot))
    }

    fn view<'a>(&'a self, index: usize, slot: &'a RowSlot) -> RowView<'a> {
        let prompt = match &slot.prompt {
            PromptSlot::Rendered(r) => self
                .prompts
                .get(r.clone())
                .map_or(RowPrompt::NotRendered, RowPrompt::Rendered),
            PromptSlot::RenderedAside(r) => self
                .aside
                .get(r.clone())
                .map_or(RowPrompt::NotRendered, RowPrompt::Rendered),
            PromptSlot::Missing(p) => RowPrompt::Missing(p),
            PromptSlot::NotRendered => RowPrompt::NotRendered,
        };
        RowView {
            index,
            number: &slot.number,
            prompt,
            issues: self.report.issues.get(slot.issues.clone()).unwrap_or(&[]),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The text [`Self::take_clean_text`] takes (while it is still here).
    pub(crate) fn clean_text(&self) -> &str {
        &self.prompts
    }

    /// Each clean row's wire number then its prompt, in row order, as one string (a row is clean
    /// when its number is valid, its prompt rendered and it has no issue), taken out of `self`
    /// when it is `len` bytes long (the caller's sum over the clean rows; `None` leaves `self`
    /// alone). The clean rows' prompts read as not rendered afterwards, so call it last. The JS
    /// bindings hand it to JS as the result's text column without copying it.
    pub(crate) fn take_clean_text(&mut self, len: usize) -> Option<String> {
        (self.prompts.len() == len).then(|| std::mem::take(&mut self.prompts))
    }

    /// True when `call_data` was empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every issue: batch-level, per row, then unused columns.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The report, consuming the preflight.
    pub fn into_report(self) -> Report {
        self.report
    }

    /// True when there is no error (warnings allowed): the batch can be sent.
    pub fn is_ok(&self) -> bool {
        self.report.is_ok()
    }

    /// Rows that are ready to call (valid number, prompt rendered or no template needed, no error).
    pub fn ready_rows(&self) -> usize {
        self.rows()
            .filter(|r| {
                r.issues
                    .iter()
                    .all(|i| i.severity == crate::Severity::Warning)
                    && r.number.wire().is_some()
            })
            .count()
    }
}

/// Validate, normalise and render a legacy v1 batch. Never panics; returns every problem.
pub fn preflight_batch(batch: &BatchRequest, ctx: &Context) -> BatchPreflight {
    preflight_batch_with(batch, ctx, rules::normalise_phone)
}

/// [`preflight_batch`] with a caller-supplied row-number normaliser instead of Bland's rules
/// ([`rules::normalise_phone`]): for a dashboard that memoises numbers across re-checks of the same
/// batch, or to measure preflight's own cost apart from phone parsing (the `preflight` bench).
/// Only `call_data[*].phone_number` goes through `normalise`; other number fields keep Bland's
/// rules.
pub fn preflight_batch_with(
    batch: &BatchRequest,
    ctx: &Context,
    normalise: impl FnMut(&str) -> Result<E164, PhoneError>,
) -> BatchPreflight {
    let mut rows = RowChecker::new(batch, ctx, normalise, batch.call_data.len());
    for row in &batch.call_data {
        rows.push(&row.0);
    }
    rows.finish()
}

/// [`preflight_batch`] one row at a time, for a reader that streams `call_data` (the JS facade
/// reads rows from JSON text into one reused row instead of building 100k maps). The result is
/// exactly `preflight_batch_with` of the batch with these rows as its `call_data`.
pub struct RowChecker<N> {
    report: Report,
    template: Option<Template>,
    /// The first field of each variable (`customer` for `{{customer.name}}`).
    roots: Vec<Box<str>>,
    prompts: String,
    aside: String,
    seen: HashMap<u64, u32>,
    unused: Vec<UnusedColumn>,
    slots: Vec<RowSlot>,
    call_data: Path,
    /// Where the `too_few` issue of an empty `call_data` goes among the batch-level issues.
    too_few_at: usize,
    /// How many batch-level issues open the report.
    batch_issues: usize,
    /// What the template was made from: `base_prompt`, and whether `pathway_id` is set.
    made_from: (Option<String>, bool),
    normalise: N,
}

impl<N: FnMut(&str) -> Result<E164, PhoneError>> RowChecker<N> {
    /// Check `batch`'s own fields (its `call_data` is not read: rows come through
    /// [`RowChecker::push`]); `rows_hint` sizes the buffers.
    pub fn new(batch: &BatchRequest, ctx: &Context, normalise: N, rows_hint: usize) -> Self {
        let mut report = Report::new();
        let (template, too_few_at) = batch_level(batch, ctx, &mut report);
        let batch_issues = report.issues.len();
        let roots = template
            .as_ref()
            .map(|t| {
                t.variables()
                    .into_iter()
                    .map(|v| v.split('.').next().unwrap_or(v).into())
                    .collect()
            })
            .unwrap_or_default();
        let per_row = template.as_ref().map_or(0, |t| t.source().len() + 32);
        // Cap the up-front reservation (in wasm it is committed memory); the arena still grows as
        // needed.
        let prompts = String::with_capacity(per_row.saturating_mul(rows_hint).min(32 << 20));
        RowChecker {
            report,
            template,
            roots,
            prompts,
            aside: String::new(),
            seen: HashMap::with_capacity(rows_hint.min(1 << 24)),
            unused: Vec::new(),
            slots: Vec::with_capacity(rows_hint.min(1 << 24)),
            call_data: Path::from("call_data"),
            too_few_at,
            batch_issues,
            made_from: (batch.base_prompt.clone(), batch.pathway_id.is_some()),
            normalise,
        }
    }

    /// Replace the batch-level checks with those of `batch`, for a reader that met fields after
    /// `call_data` (rows were checked against the fields read before them). Rows depend only on
    /// the template, so this is exact when `batch` makes the same one (same `base_prompt`, same
    /// presence of `pathway_id`); otherwise nothing changes and the answer is `false`: check the
    /// rows again with a new checker.
    pub fn rebase(&mut self, batch: &BatchRequest, ctx: &Context) -> bool {
        if (batch.base_prompt.as_ref(), batch.pathway_id.is_some())
            != (self.made_from.0.as_ref(), self.made_from.1)
        {
            return false;
        }
        let mut head = Report::new();
        let (_, too_few_at) = batch_level(batch, ctx, &mut head);
        let (old, new) = (self.batch_issues, head.issues.len());
        self.report.issues.splice(0..old, head.issues);
        for slot in &mut self.slots {
            slot.issues = slot.issues.start - old + new..slot.issues.end - old + new;
        }
        self.batch_issues = new;
        self.too_few_at = too_few_at;
        true
    }

    /// Make room for `rows` rows in all, for a reader that can tell the batch's size only after
    /// reading some rows (the JS text reader estimates it from the bytes its first rows took):
    /// a 100k-row batch otherwise outgrew the up-front guess and copied its row table once
    /// (BENCHMARKS.md § npm package). The prompt arena is sized from the rows so far.
    pub fn reserve(&mut self, rows: usize) {
        let rows = rows.min(1 << 24);
        let more = rows.saturating_sub(self.slots.len());
        self.slots.reserve(more);
        self.seen.reserve(more);
        let per_row = match self.slots.len() {
            0 => self.template.as_ref().map_or(0, |t| t.source().len() + 32),
            n => (self.prompts.len() + self.aside.len()).div_ceil(n),
        };
        // Capped as in `new` (in wasm the reservation is committed memory).
        let want = per_row.saturating_mul(rows).min(32 << 20);
        self.prompts
            .reserve(want.saturating_sub(self.prompts.len()));
    }

    /// Rows checked so far.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True before the first row.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Check the next `call_data` row.
    pub fn push(&mut self, row: &Map<String, Value>) {
        let i = self.slots.len();
        let report = &mut self.report;
        let call_data = &self.call_data;
        let first_issue = report.issues.len();
        if row.is_empty() {
            report.error(
                IssueCode::Required,
                call_data.index(i),
                "call_data row is empty (it needs phone_number and the base_prompt variables)",
            );
            self.slots.push(RowSlot {
                number: RowNumber::Missing,
                prompt: PromptSlot::NotRendered,
                issues: first_issue..report.issues.len(),
            });
            return;
        }
        let check_unused = self.template.is_some();
        // One pass over the row's columns finds phone_number and the unused columns, instead of
        // a hash lookup for phone_number plus a second walk.
        let mut phone = None;
        for (key, value) in row {
            let k = key.as_str();
            if k == "phone_number" {
                phone = Some(value);
            } else if check_unused && !self.roots.iter().any(|r| same_key(r, k)) {
                match self.unused.iter_mut().find(|u| same_key(&u.name, k)) {
                    Some(u) => u.rows += 1,
                    None => self.unused.push(UnusedColumn {
                        name: k.to_owned(),
                        first_row: i,
                        rows: 1,
                    }),
                }
            }
        }
        let number = row_number(
            phone,
            i,
            call_data,
            &mut self.normalise,
            &mut self.seen,
            report,
        );
        let prompt = match &self.template {
            Some(t) => {
                // A row clean so far goes to `prompts` as its number then its prompt (see
                // `BatchPreflight::prompts`), others' prompts to `aside`. Rendering straight into
                // the arena copies nothing; on an error it is left as it was.
                let clean = match &number {
                    RowNumber::Valid(n) if report.issues.len() == first_issue => Some(n),
                    _ => None,
                };
                let arena = if clean.is_some() {
                    &mut self.prompts
                } else {
                    &mut self.aside
                };
                let mark = arena.len();
                if let Some(n) = clean {
                    arena.push_str(n);
                }
                let start = arena.len();
                match t.render_into(row, arena) {
                    Ok(()) if clean.is_some() => PromptSlot::Rendered(start..arena.len()),
                    Ok(()) => PromptSlot::RenderedAside(start..arena.len()),
                    Err(e) => {
                        arena.truncate(mark);
                        let at = call_data.index(i);
                        for p in &e.problems {
                            push_variable_problem(p, &at, report);
                        }
                        PromptSlot::Missing(e.problems)
                    }
                }
            }
            None => PromptSlot::NotRendered,
        };
        self.slots.push(RowSlot {
            number,
            prompt,
            issues: first_issue..report.issues.len(),
        });
    }

    /// The preflight of the batch with the rows pushed.
    pub fn finish(self) -> BatchPreflight {
        let mut report = self.report;
        if self.slots.is_empty() {
            // With no rows the report holds only batch-level issues, so this is the place
            // `batch_level` would have put it.
            let at = self.too_few_at.min(report.issues.len());
            report.issues.insert(
                at,
                Issue {
                    severity: crate::Severity::Error,
                    code: IssueCode::TooFew,
                    path: Path::from("call_data"),
                    message: "call_data must contain at least one call".into(),
                },
            );
        }
        for u in self.unused {
            report.warning(
                IssueCode::UnusedVariable,
                self.call_data.index(u.first_row).field(&u.name),
                format!(
                    "column `{}` is not used by base_prompt ({} row{})",
                    u.name,
                    u.rows,
                    if u.rows == 1 { "" } else { "s" }
                ),
            );
        }
        BatchPreflight {
            rows: self.slots,
            prompts: self.prompts,
            aside: self.aside,
            report,
        }
    }
}

/// Read and validate a `POST /v1/batches` body from JSON, reporting every problem at once.
pub fn parse_batch(value: Value, ctx: &Context) -> (Option<BatchRequest>, Report) {
    json::parse_and_validate(value, |b: &BatchRequest, rep| {
        rep.extend(preflight_batch(b, ctx).into_report())
    })
}

impl BatchRequest {
    /// The JSON body to POST (row numbers and other phone fields in E.164, `extra` merged) and the
    /// full preflight report. Send only when `report.is_ok()`.
    pub fn to_wire_body(&self, ctx: &Context) -> (Value, Report) {
        let pre = preflight_batch(self, ctx);
        let mut body = wire::to_object(self);
        if let Some(Value::Array(rows)) = body.get_mut("call_data") {
            for (row, view) in rows.iter_mut().zip(pre.rows()) {
                if let (Value::Object(obj), Some(w)) = (row, view.number.wire()) {
                    obj.insert("phone_number".to_owned(), Value::String(w.to_owned()));
                }
            }
        }
        wire::normalise_call_option_phones(&mut body);
        wire::merge(
            &mut body,
            &self.extra,
            BATCH_OWN_FIELDS,
            true,
            &Path::root(),
        );
        (Value::Object(body), pre.into_report())
    }
}

/// Batch-level rules; returns the parsed template when there is one to render, and where among
/// the issues the `too_few` error of an empty `call_data` belongs ([`RowChecker::finish`] adds it:
/// rows are counted as they come).
fn batch_level(
    batch: &BatchRequest,
    ctx: &Context,
    report: &mut Report,
) -> (Option<Template>, usize) {
    let root = Path::root();
    let template = match (&batch.base_prompt, &batch.pathway_id) {
        (Some(p), Some(_)) => {
            report.warning(
                IssueCode::Ignored,
                "base_prompt",
                "base_prompt is ignored when pathway_id is set (the pathway replaces it)",
            );
            Template::parse(p).ok()
        }
        (Some(p), None) if p.trim().is_empty() => {
            report.error(IssueCode::Required, "base_prompt", "base_prompt is empty");
            None
        }
        (Some(p), None) => match Template::parse(p) {
            Ok(t) => Some(t),
            Err(e) => {
                report.error(IssueCode::TemplateSyntax, "base_prompt", e.to_string());
                None
            }
        },
        (None, Some(_)) => None,
        (None, None) => {
            report.error(
                IssueCode::Required,
                "base_prompt",
                "base_prompt (or pathway_id) is required",
            );
            None
        }
    };
    if batch.task.is_some() {
        report.error(
            IssueCode::Conflict,
            "task",
            "a batch's task is base_prompt; put the prompt in base_prompt instead of task",
        );
    }
    let too_few_at = report.issues.len();
    if batch.voice.is_some() {
        for (name, set) in [
            ("voice_id", batch.voice_id.is_some()),
            ("reduce_latency", batch.reduce_latency.is_some()),
        ] {
            if set {
                report.warning(
                    IssueCode::Conflict,
                    name,
                    format!("`{name}` is the legacy form of `voice` and may override it; send only `voice`"),
                );
            }
        }
    }
    if let Some(url) = &batch.batch_webhook {
        rules::check_https_url(url, &root.field("batch_webhook"), report);
    }
    validate_call_options(&batch.call_options(), &root, ctx, report);
    wire::check_extra(&batch.extra, BATCH_OWN_FIELDS, true, &root, report);
    (template, too_few_at)
}

fn row_number(
    phone: Option<&Value>,
    i: usize,
    call_data: &Path,
    normalise: &mut impl FnMut(&str) -> Result<E164, PhoneError>,
    seen: &mut HashMap<u64, u32>,
    report: &mut Report,
) -> RowNumber {
    match phone {
        None | Some(Value::Null) => {
            report.error(
                IssueCode::Required,
                call_data.index(i).field("phone_number"),
                "phone_number is required",
            );
            RowNumber::Missing
        }
        Some(Value::String(s)) => match normalise(s) {
            Ok(wire) => {
                if let Some(key) = digits_key(wire.as_bytes()) {
                    let idx = u32::try_from(i).unwrap_or(u32::MAX);
                    // One probe (and one SipHash of the key) per row instead of `get` then
                    // `insert`: hashing was ≈ 3 % of the native preflight (BENCHMARKS.md § npm).
                    match seen.entry(key) {
                        Entry::Occupied(seen_at) => {
                            let first = *seen_at.get();
                            report.warning(
                                IssueCode::Duplicate,
                                call_data.index(i).field("phone_number"),
                                format!(
                                    "{wire} is also at call_data[{first}]; Bland refuses a second call to the same number within 10 seconds"
                                ),
                            );
                        }
                        Entry::Vacant(slot) => {
                            slot.insert(idx);
                        }
                    }
                }
                RowNumber::Valid(wire)
            }
            Err(e) => {
                report.error(
                    e.issue_code(),
                    call_data.index(i).field("phone_number"),
                    e.message.clone(),
                );
                RowNumber::Invalid(e)
            }
        },
        Some(other) => {
            report.error(
                IssueCode::InvalidType,
                call_data.index(i).field("phone_number"),
                format!(
                    "phone_number must be a string, got {}",
                    json::kind_name(other)
                ),
            );
            RowNumber::NotAString
        }
    }
}

fn push_variable_problem(p: &VariableProblem, row: &Path, report: &mut Report) {
    match p {
        VariableProblem::Missing(name) => report.error(
            IssueCode::MissingVariable,
            row.field(name),
            format!("missing variable `{name}` used by base_prompt"),
        ),
        VariableProblem::NonScalar(name) => report.error(
            IssueCode::NonScalarVariable,
            row.field(name),
            format!("variable `{name}` used by base_prompt is an object or array, which has no text form"),
        ),
    }
}

struct UnusedColumn {
    name: String,
    first_row: usize,
    rows: usize,
}

/// Digits of a wire number as one integer (E.164 has at most 15 digits), tagged with the digit
/// count so numbers differing only in leading zeros stay distinct.
fn digits_key(wire: &[u8]) -> Option<u64> {
    let mut v: u64 = 0;
    let mut n: u64 = 0;
    for &b in wire {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            // Stop before a 19th digit: 18 digits stay below 10^18 < 2^64, so `v * 10 + d` needs
            // no checked arithmetic in this per-row loop (opt-level "s" keeps the checks).
            if n == 18 {
                return None;
            }
            v = v * 10 + u64::from(d);
            n += 1;
        }
    }
    if n == 0 {
        return None;
    }
    v.checked_mul(32)?.checked_add(n)
}
