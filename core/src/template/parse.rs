//! The scanner: splits a source into text and variable segments and finds every syntax error.
//! The grammar is documented on the [`template`](super) module.

use super::error::{TemplateError, TemplateErrorKind};
use std::collections::HashMap;

/// A piece of a parsed template.
#[derive(Debug, Clone)]
pub(super) enum Segment {
    /// Literal text, copied as is.
    Text(Box<str>),
    /// Index into [`Scanned::vars`].
    Var(usize),
}

/// A unique variable: its name as written (trimmed) and its path split at the dots once, so a
/// render never splits or allocates.
#[derive(Debug, Clone)]
pub(super) struct Variable {
    pub(super) name: Box<str>,
    pub(super) path: Box<[Box<str>]>,
}

/// The result of scanning a source. When `errors` is empty the segments describe the template.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub(super) segments: Vec<Segment>,
    pub(super) vars: Vec<Variable>,
    pub(super) errors: Vec<TemplateError>,
    /// Total bytes of literal text, to size output buffers.
    pub(super) text_len: usize,
}

/// Longest tag quote in an error message, in characters; longer tags end with `…`.
const EXCERPT_CHARS: usize = 40;

/// Scan `source`. With `all_errors` false, stops at the first error.
pub(super) fn scan(source: &str, all_errors: bool) -> Scanned {
    let mut out = Scanned::default();
    // Name → index in `out.vars`, so deduplicating stays linear for templates with many tags.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let bytes = source.as_bytes();
    let mut cursor = Cursor::default();
    // Start of literal text not yet emitted.
    let mut text_start = 0;
    // Where to look for the next `{{`.
    let mut pos = 0;
    while let Some(open) = source
        .get(pos..)
        .and_then(|rest| rest.find("{{"))
        .map(|rel| pos + rel)
    {
        // A run of three or more `{` belongs to this tag (and makes it malformed).
        let mut content_start = open + 2;
        while bytes.get(content_start) == Some(&b'{') {
            content_start += 1;
        }
        let extra_braces = content_start - open - 2;
        let tag = find_tag_end(bytes, content_start);
        let (end, error) = match tag {
            TagEnd::Closed(close) => {
                // Swallow as many extra `}` as there were extra `{`, so `{{{x}}}` is quoted whole.
                let mut end = close + 2;
                let mut swallowed = 0;
                while swallowed < extra_braces && bytes.get(end) == Some(&b'}') {
                    end += 1;
                    swallowed += 1;
                }
                let tag_text = source.get(open..end).unwrap_or("");
                let content = source.get(content_start..close).unwrap_or("");
                if extra_braces > 0 {
                    (end, Some(triple_brace(tag_text, content)))
                } else {
                    match classify(content, tag_text) {
                        Ok(name) => {
                            push_text(&mut out, source, text_start, open);
                            push_var(&mut out, &mut seen, name);
                            text_start = end;
                            (end, None)
                        }
                        Err(e) => (end, Some(e)),
                    }
                }
            }
            TagEnd::Unclosed(stop, why) => {
                let tag_text = source.get(open..stop).unwrap_or("").trim_end();
                let message = format!("unclosed tag `{}` (no `}}}}` {})", excerpt(tag_text), why);
                (stop, Some((TemplateErrorKind::Unclosed, message)))
            }
        };
        if let Some((kind, message)) = error {
            let (line, column) = cursor.position(source, open);
            out.errors.push(TemplateError {
                kind,
                line,
                column,
                message,
            });
            if !all_errors {
                return out;
            }
        }
        // Every branch moves past the `{{`, so the loop always progresses.
        pos = end;
    }
    push_text(&mut out, source, text_start, source.len());
    out
}

enum TagEnd {
    /// Byte offset of the closing `}}`.
    Closed(usize),
    /// Byte offset where the tag stops without `}}`, and why (for the message).
    Unclosed(usize, &'static str),
}

/// A tag closes at the first `}}`. It must close on its own line and before the next `{{`, so a
/// forgotten `}}` is reported at its own tag instead of swallowing text up to a later tag. The
/// delimiters are ASCII, so a byte scan never stops inside a multibyte character.
fn find_tag_end(bytes: &[u8], from: usize) -> TagEnd {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            (b'}', Some(b'}')) => return TagEnd::Closed(i),
            (b'\n' | b'\r', _) => return TagEnd::Unclosed(i, "before the end of the line"),
            (b'{', Some(b'{')) => return TagEnd::Unclosed(i, "before the next `{{`"),
            _ => i += 1,
        }
    }
    TagEnd::Unclosed(bytes.len(), "before the end of the template")
}

/// Check a closed tag's content; returns the trimmed name.
fn classify<'a>(content: &'a str, tag_text: &str) -> Result<&'a str, (TemplateErrorKind, String)> {
    let name = content.trim();
    if name.is_empty() {
        return Err((
            TemplateErrorKind::Empty,
            format!(
                "empty tag `{}`: write a variable name between the braces",
                excerpt(tag_text)
            ),
        ));
    }
    match name_problem(name) {
        None => Ok(name),
        Some(problem) => Err((
            TemplateErrorKind::Malformed,
            format!("malformed tag `{}`: {problem}", excerpt(tag_text)),
        )),
    }
}

/// Why `name` (already trimmed, non-empty) is not a valid dotted variable name.
fn name_problem(name: &str) -> Option<String> {
    const RULE: &str = "names are letters, digits, `_` and `-`, with `.` between nested fields";
    // Mustache/Handlebars sigils: people paste such templates; say plainly they are not supported.
    if let Some(c @ ('#' | '/' | '^' | '>' | '!' | '&' | '=')) = name.chars().next() {
        return Some(format!(
            "`{c}` starts a Mustache section, partial, comment or unescaped tag, which templates do \
             not support (only `{{{{name}}}}` substitution; output is never HTML-escaped)"
        ));
    }
    if name.chars().any(char::is_whitespace) {
        let suggestion: String = name
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        return Some(format!(
            "variable names cannot contain spaces; a column such as `{}` must be renamed, e.g. to \
             `{}` ({RULE})",
            excerpt(name),
            excerpt(&suggestion)
        ));
    }
    for segment in name.split('.') {
        if segment.is_empty() {
            return Some(format!(
                "empty field name in `{}`: a `.` must sit between two names ({RULE})",
                excerpt(name)
            ));
        }
        if let Some(c) = segment.chars().find(|&c| !is_name_char(c)) {
            return Some(format!(
                "`{}` is not allowed in a variable name ({RULE})",
                c.escape_debug()
            ));
        }
    }
    None
}

/// Letters and digits of any script (`char::is_alphanumeric`: Unicode Alphabetic or Numeric), `_`,
/// `-`, and combining diacritics (U+0300–U+036F) so a decomposed (NFD) `é` from a spreadsheet
/// export is as valid as a precomposed one.
pub(super) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || ('\u{300}'..='\u{36f}').contains(&c)
}

fn triple_brace(tag_text: &str, content: &str) -> (TemplateErrorKind, String) {
    let inner = content.trim().trim_matches(['{', '}']).trim();
    let inner = if inner.is_empty() { "name" } else { inner };
    (
        TemplateErrorKind::Malformed,
        format!(
            "malformed tag `{}`: triple braces are not supported (output is never HTML-escaped); \
             write `{{{{{}}}}}`",
            excerpt(tag_text),
            excerpt(inner)
        ),
    )
}

fn push_text(out: &mut Scanned, source: &str, from: usize, to: usize) {
    if let Some(text) = source.get(from..to).filter(|t| !t.is_empty()) {
        out.text_len += text.len();
        out.segments.push(Segment::Text(text.into()));
    }
}

fn push_var<'a>(out: &mut Scanned, seen: &mut HashMap<&'a str, usize>, name: &'a str) {
    let index = *seen.entry(name).or_insert_with(|| {
        out.vars.push(Variable {
            name: name.into(),
            path: name.split('.').map(Box::from).collect(),
        });
        out.vars.len() - 1
    });
    out.segments.push(Segment::Var(index));
}

/// `s` cut to [`EXCERPT_CHARS`] characters (with `…`), control characters escaped.
fn excerpt(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Turns byte offsets into 1-based line/column, moving forward only, so reporting every error of
/// a long template stays linear.
#[derive(Debug)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
    /// The last character seen was `\r` (so a following `\n` does not start another line).
    after_cr: bool,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            offset: 0,
            line: 1,
            column: 1,
            after_cr: false,
        }
    }
}

impl Cursor {
    /// Line and column of byte `offset` (which must not be before the previous call's).
    fn position(&mut self, source: &str, offset: usize) -> (usize, usize) {
        for c in source.get(self.offset..offset).unwrap_or("").chars() {
            match c {
                '\n' if self.after_cr => self.after_cr = false,
                '\n' | '\r' => {
                    self.line += 1;
                    self.column = 1;
                    self.after_cr = c == '\r';
                }
                _ => {
                    self.column += 1;
                    self.after_cr = false;
                }
            }
        }
        self.offset = self.offset.max(offset);
        (self.line, self.column)
    }
}
