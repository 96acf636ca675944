//! RFC 4180 CSV text, read with exactly the rules of the dashboard's contact reader
//! (`bindings-wasm/dashboard/contacts.mjs`, `parseCsv`), so a CSV file means the same thing in the
//! browser's JS and in the core:
//!
//! - a leading UTF-8 BOM (U+FEFF) is dropped;
//! - fields may be quoted; inside quotes `""` is a quote, and the delimiter and line breaks are
//!   text (a line break inside quotes is read as `\n` whatever the file used);
//! - records end at CRLF, LF or CR; a blank line (one empty field) is no record;
//! - the delimiter is `,` unless the header line (up to its first line break outside quotes) has
//!   a tab or a semicolon and no comma (tab wins over semicolon), as spreadsheets export in some
//!   locales;
//! - problems are reported with their line and reading goes on: a quote inside an unquoted field
//!   or text after a closing quote is kept as text, a quoted field never closed runs to the end;
//! - the first record names the columns (trimmed as JS `trim` does); a column without a name or
//!   named twice, and a record with another number of fields than the header, are errors.
//!
//! [`Reader`] reads one record at a time into a reused [`Record`] (no allocation per record once
//! the buffers have grown), for the Bland CSV preflight (`js::preflight_bland_csv`); [`parse`] is
//! `parseCsv` itself (a table of strings), and the tests compare it with `parseCsv`'s answers on
//! the same texts (`core/tests/csv/`).
//!
//! Lines are counted from 1 over the text without its BOM; every line break counts, inside quotes
//! too. Positions are found by byte (every byte the rules look at is ASCII, and no byte of a
//! multi-byte UTF-8 character is), which is what `parseCsv` does over UTF-16 units.

use std::fmt;

#[cfg(test)]
mod tests;

/// One CSV problem: where, and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line: of the character at fault, or of the record for a record's problem.
    pub line: usize,
    /// What is wrong.
    pub kind: CsvErrorKind,
}

/// The rule a [`CsvError`] breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvErrorKind {
    /// A `"` in a field that did not start with one.
    QuoteInUnquotedField,
    /// A character after the closing quote of a quoted field, before the delimiter.
    TextAfterClosingQuote,
    /// A quoted field still open at the end of the text (the error's line is its record's).
    UnclosedQuote,
    /// The text has no record at all.
    NoHeader,
    /// Header column `n` (1-based) is empty after trimming.
    UnnamedColumn(usize),
    /// Two header columns have this name.
    DuplicateColumn(String),
    /// A record has `got` fields where the header has `want`.
    FieldCount {
        /// Fields of the record.
        got: usize,
        /// Columns of the header.
        want: usize,
    },
}

impl CsvErrorKind {
    /// Whether the problem is in the quoting of the text (the others are of the table's shape).
    pub fn is_syntax(&self) -> bool {
        matches!(
            self,
            CsvErrorKind::QuoteInUnquotedField
                | CsvErrorKind::TextAfterClosingQuote
                | CsvErrorKind::UnclosedQuote
        )
    }
}

/// The messages are `parseCsv`'s, word for word (the dashboard shows either).
impl fmt::Display for CsvErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvErrorKind::QuoteInUnquotedField => f.write_str(
                "a quote inside an unquoted field: quote the whole field and double the quote (\"\")",
            ),
            CsvErrorKind::TextAfterClosingQuote => f.write_str(
                "text after a closing quote: a quoted field must end at the delimiter or the line end",
            ),
            CsvErrorKind::UnclosedQuote => f.write_str("a quoted field is never closed (missing \")"),
            CsvErrorKind::NoHeader => {
                f.write_str("no header line: the first line names the columns")
            }
            CsvErrorKind::UnnamedColumn(n) => write!(f, "column {n} has no name"),
            CsvErrorKind::DuplicateColumn(name) => write!(f, "column `{name}` appears twice"),
            CsvErrorKind::FieldCount { got, want } => {
                write!(f, "{got} fields, but the header has {want}")
            }
        }
    }
}

/// One record: its fields, reused from record to record. A field that is a plain run of the text
/// (unquoted, or quoted without `""` or a CR) is a range of the text itself; only the others are
/// copied, unescaped, into a buffer. In the wasm module the copies (a `reserve` call per piece)
/// were a fifth of reading.
#[derive(Debug, Clone, Default)]
pub struct Record<'t> {
    /// Line the record starts on.
    pub line: usize,
    src: &'t str,
    /// The unescaped fields that are not ranges of `src`.
    text: String,
    /// Each field: its range, in `text` when `.2`, else in `src`.
    spans: Vec<(usize, usize, bool)>,
    /// The field being read.
    cur: Cur,
}

/// The field being read: nothing yet, a range of the text, or from this offset of `text` on.
#[derive(Debug, Clone, Copy, Default)]
enum Cur {
    #[default]
    Empty,
    Src(usize, usize),
    Text(usize),
}

impl<'t> Record<'t> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True for a record without fields (never returned by [`Reader::next_record`]).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `k`, unescaped.
    #[inline]
    pub fn field(&self, k: usize) -> Option<&str> {
        let &(start, end, copied) = self.spans.get(k)?;
        if copied {
            self.text.get(start..end)
        } else {
            self.src.get(start..end)
        }
    }

    /// The fields in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.spans.len()).filter_map(move |k| self.field(k))
    }

    fn start(&mut self, src: &'t str, line: usize) {
        self.src = src;
        self.line = line;
        self.text.clear();
        self.spans.clear();
        self.cur = Cur::Empty;
    }

    /// Append `src[from..to]` (non-empty) to the field being read.
    #[inline]
    fn push_src(&mut self, from: usize, to: usize) {
        self.cur = match self.cur {
            Cur::Empty => Cur::Src(from, to),
            Cur::Src(s, e) if e == from => Cur::Src(s, to),
            _ => {
                let at = self.move_to_text();
                self.text
                    .push_str(self.src.get(from..to).unwrap_or_default());
                Cur::Text(at)
            }
        };
    }

    /// Append a character that is not at this place of the text (`\n` for a CR).
    fn push_char(&mut self, c: char) {
        let at = self.move_to_text();
        self.text.push(c);
        self.cur = Cur::Text(at);
    }

    /// The field being read moved into `text`: where it starts there.
    fn move_to_text(&mut self) -> usize {
        match self.cur {
            Cur::Text(at) => at,
            Cur::Empty => self.text.len(),
            Cur::Src(s, e) => {
                let at = self.text.len();
                self.text.push_str(self.src.get(s..e).unwrap_or_default());
                at
            }
        }
    }

    /// The field being read is empty so far.
    fn field_is_empty(&self) -> bool {
        match self.cur {
            Cur::Empty => true,
            Cur::Src(s, e) => s == e,
            Cur::Text(at) => self.text.len() == at,
        }
    }

    #[inline]
    fn end_field(&mut self) {
        let span = match self.cur {
            Cur::Empty => (0, 0, false),
            Cur::Src(s, e) => (s, e, false),
            Cur::Text(at) => (at, self.text.len(), true),
        };
        self.spans.push(span);
        self.cur = Cur::Empty;
    }

    /// `parseCsv`'s blank line: one empty field.
    fn is_blank(&self) -> bool {
        self.spans.len() == 1 && self.field(0).is_some_and(str::is_empty)
    }
}

/// Reads records one at a time (see the module documentation for the rules).
#[derive(Debug, Clone)]
pub struct Reader<'t> {
    /// The text without its BOM.
    text: &'t str,
    at: usize,
    line: usize,
    delimiter: u8,
    errors: Vec<CsvError>,
}

impl<'t> Reader<'t> {
    /// A reader of `text`, its delimiter detected from the header line.
    pub fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Reader {
            text,
            at: 0,
            line: 1,
            delimiter: detect_delimiter(text),
            errors: Vec::new(),
        }
    }

    /// The delimiter in use: `,`, `\t` or `;`.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Bytes of the text (without BOM) read so far: with [`Reader::len`], how far along it is.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Bytes of the text without its BOM.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True for a text without anything after its BOM.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The quoting problems met so far, in text order (an unclosed quote is found at the end).
    pub fn errors(&self) -> &[CsvError] {
        &self.errors
    }

    /// The problems met, taking them out of the reader.
    pub fn take_errors(&mut self) -> Vec<CsvError> {
        std::mem::take(&mut self.errors)
    }

    fn error(&mut self, line: usize, kind: CsvErrorKind) {
        self.errors.push(CsvError { line, kind });
    }

    /// The next record into `rec` (blank lines skipped); `false` at the end of the text.
    pub fn next_record(&mut self, rec: &mut Record<'t>) -> bool {
        loop {
            if self.at >= self.text.len() {
                return false;
            }
            if self.read_record(rec) {
                return true;
            }
        }
    }

    /// One record from the current position: `false` when it was blank (or nothing was left),
    /// `parseCsv`'s `endRecord` skipping it.
    fn read_record(&mut self, rec: &mut Record<'t>) -> bool {
        rec.start(self.text, self.line);
        let bytes = self.text.as_bytes();
        let d = self.delimiter;
        // The current field was quoted and closed: text after it is an error.
        let mut was_quoted = false;
        loop {
            // Outside quotes: a run of plain bytes, then one byte that ends it.
            let start = self.at;
            let end = plain_run(bytes, start, d);
            if end > start {
                if was_quoted {
                    self.error(self.line, CsvErrorKind::TextAfterClosingQuote);
                    was_quoted = false;
                }
                rec.push_src(start, end);
            }
            self.at = end;
            let Some(&c) = bytes.get(end) else {
                // The end of the text: `parseCsv` closes a record that has something in it.
                if !rec.field_is_empty() || !rec.spans.is_empty() || was_quoted {
                    rec.end_field();
                    return !rec.is_blank();
                }
                return false;
            };
            match c {
                b'\r' | b'\n' => {
                    self.at += if c == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    self.line += 1;
                    rec.end_field();
                    return !rec.is_blank();
                }
                b'"' => {
                    self.at += 1;
                    if rec.field_is_empty() && !was_quoted {
                        if self.quoted(rec) {
                            was_quoted = true;
                        } else {
                            // Never closed: what was read is the field (`parseCsv` ends the record
                            // when it has anything).
                            self.error(rec.line, CsvErrorKind::UnclosedQuote);
                            if !rec.field_is_empty() || !rec.spans.is_empty() {
                                rec.end_field();
                                return !rec.is_blank();
                            }
                            return false;
                        }
                    } else {
                        self.error(self.line, CsvErrorKind::QuoteInUnquotedField);
                        rec.push_src(end, end + 1);
                    }
                }
                _ => {
                    // The delimiter.
                    self.at += 1;
                    rec.end_field();
                    was_quoted = false;
                }
            }
        }
    }

    /// The rest of a quoted field, its opening quote read: `true` at its closing quote, `false`
    /// at the end of the text.
    fn quoted(&mut self, rec: &mut Record<'t>) -> bool {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.at;
            let end = quoted_run(bytes, start);
            if end > start {
                rec.push_src(start, end);
            }
            self.at = end;
            match bytes.get(end) {
                None => return false,
                Some(b'"') => {
                    if bytes.get(end + 1) == Some(&b'"') {
                        // The first quote of the pair is the text's own `"`.
                        rec.push_src(end, end + 1);
                        self.at += 2;
                    } else {
                        self.at += 1;
                        return true;
                    }
                }
                Some(&c) => {
                    // A line break inside quotes: `\n` in the value, one line more.
                    if c == b'\n' {
                        rec.push_src(end, end + 1);
                    } else {
                        rec.push_char('\n');
                    }
                    self.at += if c == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    self.line += 1;
                }
            }
        }
    }
}

/// The end of the run of bytes from `at` that are neither the delimiter, a quote nor a line break.
#[inline]
fn plain_run(bytes: &[u8], mut at: usize, d: u8) -> usize {
    // Eight bytes at a time while none is special (names, numbers, prompts are long such runs).
    while let Some(word) = bytes
        .get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let w = u64::from_le_bytes(word);
        if has_byte(w, d) | has_byte(w, b'"') | has_byte(w, b'\n') | has_byte(w, b'\r') {
            break;
        }
        at += 8;
    }
    // The rest one byte at a time: one table lookup per byte instead of four comparisons (the
    // fields of a contact list are short, so most of a field is read here).
    let table = special_table(d);
    while let Some(&b) = bytes.get(at) {
        if table[usize::from(b)] {
            break;
        }
        at += 1;
    }
    at
}

/// The bytes that end a plain run for delimiter `d`: `d`, `"`, LF and CR.
#[inline]
fn special_table(d: u8) -> &'static [bool; 256] {
    const fn table(d: u8) -> [bool; 256] {
        let mut t = [false; 256];
        t[d as usize] = true;
        t[b'"' as usize] = true;
        t[b'\n' as usize] = true;
        t[b'\r' as usize] = true;
        t
    }
    static COMMA: [bool; 256] = table(b',');
    static SEMICOLON: [bool; 256] = table(b';');
    static TAB: [bool; 256] = table(b'\t');
    match d {
        b';' => &SEMICOLON,
        b'\t' => &TAB,
        _ => &COMMA,
    }
}

/// The end of the run of bytes from `at` inside quotes: up to a quote or a line break.
#[inline]
fn quoted_run(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = bytes
        .get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let w = u64::from_le_bytes(word);
        if has_byte(w, b'"') | has_byte(w, b'\n') | has_byte(w, b'\r') {
            break;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\n' || b == b'\r' {
            break;
        }
        at += 1;
    }
    at
}

/// Whether one of the eight bytes of `w` is `b` (the usual "has a zero byte" test on `w ^ b…`;
/// it can flag a byte above a match, never miss one, and a flagged word is rescanned bytewise).
#[inline]
fn has_byte(w: u64, b: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH != 0
}

/// `parseCsv`'s `detectDelimiter`: the header line is the text up to the first line break
/// outside quotes (a quote toggles, `""` included).
fn detect_delimiter(text: &str) -> u8 {
    let mut quoted = false;
    let mut end = text.len();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let head = text.as_bytes().get(..end).unwrap_or_default();
    if head.contains(&b',') {
        b','
    } else if head.contains(&b'\t') {
        b'\t'
    } else if head.contains(&b';') {
        b';'
    } else {
        b','
    }
}

/// JS `String.prototype.trim`, as `parseCsv` trims header names: the signers' (ACS3 trims header
/// values the same way), not a second copy.
pub use crate::sign::encode::js_trim;

/// The header's column names (trimmed) and their problems, as `parseCsv` reports them.
pub fn header(rec: &Record<'_>) -> (Vec<String>, Vec<CsvError>) {
    let columns: Vec<String> = rec.fields().map(|f| js_trim(f).to_owned()).collect();
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (k, name) in columns.iter().enumerate() {
        if name.is_empty() {
            errors.push(CsvError {
                line: rec.line,
                kind: CsvErrorKind::UnnamedColumn(k + 1),
            });
        } else if seen.contains(&name.as_str()) {
            errors.push(CsvError {
                line: rec.line,
                kind: CsvErrorKind::DuplicateColumn(name.clone()),
            });
        }
        seen.push(name);
    }
    (columns, errors)
}

/// A whole CSV text as `parseCsv` returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The header's names, trimmed.
    pub columns: Vec<String>,
    /// The records with as many fields as the header: `(line, fields)`.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Quoting problems in text order, then the header's, then records with another number of
    /// fields (`parseCsv`'s order).
    pub errors: Vec<CsvError>,
}

/// `parseCsv(text)`: read the whole text into a [`Table`].
pub fn parse(text: &str) -> Table {
    let mut reader = Reader::new(text);
    let mut rec = Record::default();
    if !reader.next_record(&mut rec) {
        let mut errors = reader.take_errors();
        errors.push(CsvError {
            line: 1,
            kind: CsvErrorKind::NoHeader,
        });
        return Table {
            errors,
            ..Table::default()
        };
    }
    let (columns, header_errors) = header(&rec);
    let mut rows = Vec::new();
    let mut counts = Vec::new();
    while reader.next_record(&mut rec) {
        if rec.len() == columns.len() {
            rows.push((rec.line, rec.fields().map(str::to_owned).collect()));
        } else {
            counts.push(CsvError {
                line: rec.line,
                kind: CsvErrorKind::FieldCount {
                    got: rec.len(),
                    want: columns.len(),
                },
            });
        }
    }
    let mut errors = reader.take_errors();
    errors.extend(header_errors);
    errors.extend(counts);
    Table {
        columns,
        rows,
        errors,
    }
}
