//! `{{placeholder}}` templates: plain text (no HTML escaping), whitespace allowed inside the braces,
//! dotted paths into nested objects.
//!
//! PROVISIONAL: minimal placeholder with the final public signatures; the template work package
//! replaces it (line/column errors, canonical numbers, batch rendering).

use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateErrorKind {
    /// `{{` without a matching `}}`.
    Unclosed,
    /// `{{ }}`.
    Empty,
    /// A tag whose name is not a valid (dotted) identifier.
    Malformed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub kind: TemplateErrorKind,
    /// 1-based line of the tag's `{{`.
    pub line: usize,
    /// 1-based column (in characters) of the tag's `{{`.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TemplateError {
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
    /// Absent (or null) in the row.
    Missing(String),
    /// An object or array: no text form.
    NonScalar(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub problems: Vec<VariableProblem>,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            match p {
                VariableProblem::Missing(n) => write!(f, "missing variable `{n}`")?,
                VariableProblem::NonScalar(n) => write!(f, "variable `{n}` is not text")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Var(String),
}

#[derive(Debug, Clone)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = source;
        while let Some(open) = rest.find("{{") {
            parts.push(Part::Text(rest[..open].to_owned()));
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or_else(|| TemplateError {
                kind: TemplateErrorKind::Unclosed,
                line: 1,
                column: 1,
                message: "unclosed tag".into(),
            })?;
            let name = after[..close].trim();
            if name.is_empty() {
                return Err(TemplateError {
                    kind: TemplateErrorKind::Empty,
                    line: 1,
                    column: 1,
                    message: "empty tag".into(),
                });
            }
            parts.push(Part::Var(name.to_owned()));
            rest = &after[close + 2..];
        }
        parts.push(Part::Text(rest.to_owned()));
        Ok(Template {
            source: source.to_owned(),
            parts,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Unique variable names in order of first appearance, dotted names as written.
    pub fn variables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.parts {
            if let Part::Var(n) = p
                && !out.contains(&n.as_str())
            {
                out.push(n);
            }
        }
        out
    }

    pub fn render(&self, row: &Map<String, Value>) -> Result<String, RenderError> {
        let mut out = String::new();
        self.render_into(row, &mut out)?;
        Ok(out)
    }

    pub fn render_into(
        &self,
        row: &Map<String, Value>,
        out: &mut String,
    ) -> Result<(), RenderError> {
        let mut problems = Vec::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Var(n) => match lookup(row, n) {
                    None | Some(Value::Null) => problems.push(VariableProblem::Missing(n.clone())),
                    Some(Value::String(s)) => out.push_str(s),
                    Some(v @ (Value::Number(_) | Value::Bool(_))) => out.push_str(&v.to_string()),
                    Some(_) => problems.push(VariableProblem::NonScalar(n.clone())),
                },
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(RenderError { problems })
        }
    }
}

/// Resolve a (dotted) variable name in a row.
pub fn lookup<'a>(row: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let mut parts = name.split('.');
    let mut cur = row.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

/// Render every row; one result per row, in order.
pub fn render_batch(t: &Template, rows: &[Map<String, Value>]) -> Vec<Result<String, RenderError>> {
    rows.iter().map(|r| t.render(r)).collect()
}
