//! Template errors: syntax errors with a position ([`TemplateError`]) and per-row rendering problems
//! ([`RenderError`]), plus their conversion into validation [`Issue`]s.

use crate::issue::{Issue, IssueCode, Path, Severity};
use std::fmt;

/// What is wrong with a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateErrorKind {
    /// `{{` without a matching `}}` on the same line (or before the next `{{`).
    Unclosed,
    /// `{{ }}`: nothing but whitespace between the braces.
    Empty,
    /// A tag whose content is not a valid (dotted) variable name, or that opens with `{{{`.
    Malformed,
}

impl TemplateErrorKind {
    /// Stable snake_case name (`"unclosed"`, `"empty"`, `"malformed"`), for bindings and test data.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateErrorKind::Unclosed => "unclosed",
            TemplateErrorKind::Empty => "empty",
            TemplateErrorKind::Malformed => "malformed",
        }
    }
}

/// A syntax error in a template, positioned at the offending tag's `{{`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The kind of problem.
    pub kind: TemplateErrorKind,
    /// 1-based line of the tag's `{{`. Lines end at `\n`, `\r\n` or a lone `\r`.
    pub line: usize,
    /// 1-based column (in Unicode scalar values, not bytes or UTF-16 units) of the tag's `{{`.
    pub column: usize,
    /// What is wrong, quoting the tag (`` unclosed tag `{{ date` ``); without the position.
    pub message: String,
}

impl TemplateError {
    /// The error as a validation issue (`template_syntax`) at `path`, e.g. `base_prompt`; the
    /// message carries the line and column.
    pub fn to_issue(&self, path: &Path) -> Issue {
        Issue {
            severity: Severity::Error,
            code: IssueCode::TemplateSyntax,
            path: path.clone(),
            message: self.to_string(),
        }
    }
}

impl fmt::Display for TemplateError {
    /// `line 2, column 14: unclosed tag `{{ date` (no `}}` before the end of the line)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for TemplateError {}

/// Why one variable could not be rendered for a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariableProblem {
    /// Absent (or null) in the row; for a dotted name, some step of the path is absent, null or
    /// not an object.
    Missing(String),
    /// An object or array: no text form.
    NonScalar(String),
}

impl VariableProblem {
    /// The variable's (dotted) name as written in the template, without braces or whitespace.
    pub fn name(&self) -> &str {
        match self {
            VariableProblem::Missing(n) | VariableProblem::NonScalar(n) => n,
        }
    }

    /// The stable issue code: `missing_variable` or `non_scalar_variable`.
    pub fn code(&self) -> IssueCode {
        match self {
            VariableProblem::Missing(_) => IssueCode::MissingVariable,
            VariableProblem::NonScalar(_) => IssueCode::NonScalarVariable,
        }
    }

    /// The problem as a validation issue at `row_path.<name>` (e.g. `call_data[3].business`).
    pub fn to_issue(&self, row_path: &Path) -> Issue {
        Issue {
            severity: Severity::Error,
            code: self.code(),
            path: row_path.field(self.name()),
            message: self.to_string(),
        }
    }
}

impl fmt::Display for VariableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VariableProblem::Missing(n) => write!(
                f,
                "missing variable `{n}`: the template uses `{{{{{n}}}}}` but the row has no value (absent or null)"
            ),
            VariableProblem::NonScalar(n) => write!(
                f,
                "variable `{n}` is an object or array, which has no text form (use a string, number or boolean)"
            ),
        }
    }
}

/// Every problem that kept one row from rendering, in order of the variables' first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// One entry per offending variable (a variable used twice is reported once). Never empty.
    pub problems: Vec<VariableProblem>,
}

impl RenderError {
    /// Every problem as a validation issue under `row_path` (e.g. `call_data[3]`).
    pub fn to_issues(&self, row_path: &Path) -> Vec<Issue> {
        self.problems.iter().map(|p| p.to_issue(row_path)).collect()
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}
