//! The batch's JSON text read without serde for what `JSON.stringify` writes for an ordinary
//! batch: objects, plain strings (no escape), and anything else (numbers, literals, escaped
//! strings, nested values) handed to serde_json one value at a time. In the wasm module, which is
//! built for size (opt-level "s"), serde_json's map reader cost a fifth of a 100k-row preflight:
//! a call per key and per value through the `MapAccess`/`Visitor` layers, each string validated
//! again as UTF-8 (the input is a `&str` already). Here a row is one loop over its bytes.
//!
//! It answers exactly what [`super::read::one_pass`] answers, or `None` to let it answer: on
//! anything it does not take itself (text that is not JSON, a key with an escape, a row that is
//! neither an object nor `null`, `callData` not an array or repeated, a nested value deeper than
//! [`MAX_DEPTH`]…) it gives up and serde_json reads the whole text again, so the outcome — including
//! every error — stays serde_json's. The tests in `tests.rs` compare both readers.

use super::read::{Checker, Entries, Key, checker_after, fill_row, row_key};
use crate::Context;
use serde_json::{Map, Value};

/// Nesting of a value read by serde_json beyond which the scanner gives up: serde_json refuses
/// values nested deeper than 128 levels counted from the top of the text, which the scanner does
/// not count; well below it, both readers accept the same values.
const MAX_DEPTH: usize = 100;

/// The JS name of the batch's rows.
const CALL_DATA: &str = "callData";

/// Rows read before the checker's buffers are sized for the whole batch, estimated from the bytes
/// these rows took ([`RowChecker::reserve`](crate::bland::RowChecker::reserve)); until then they
/// hold this many rows.
const ESTIMATE_AFTER: usize = 256;

/// [`super::read::one_pass`] without serde for the common text, or `None`.
pub(super) fn one_pass(
    text: &str,
    ctx: &Context,
    rows_hint: usize,
) -> Option<(Map<String, Value>, Option<Checker>)> {
    let mut s = Scanner { text, at: 0 };
    let mut fields = Map::new();
    let mut checker: Option<Checker> = None;
    s.expect(b'{')?;
    if s.peek()? == b'}' {
        s.at += 1;
    } else {
        loop {
            s.expect(b'"')?;
            let key = s.plain_string()?;
            s.expect(b':')?;
            if key == CALL_DATA {
                if checker.is_some() {
                    return None;
                }
                let mut c = checker_after(&fields, ctx, rows_hint.min(ESTIMATE_AFTER))?;
                s.rows(&mut c)?;
                checker = Some(c);
            } else {
                // As serde_json's map reader: a repeated key keeps its first place, last value.
                let value = s.value()?;
                fields.insert(key.to_owned(), value);
            }
            match s.next_byte()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    s.skip_ws();
    (s.at == text.len()).then_some((fields, checker))
}

struct Scanner<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Scanner<'t> {
    #[inline]
    fn skip_ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.text.as_bytes().get(self.at).copied()
    }

    /// The next byte after whitespace, consumed.
    #[inline]
    fn next_byte(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    #[inline]
    fn expect(&mut self, want: u8) -> Option<()> {
        (self.next_byte()? == want).then_some(())
    }

    /// The rest of a string whose opening quote was consumed, when it has no escape and no
    /// control character (which JSON forbids raw); `None` leaves the position alone.
    #[inline]
    fn plain_string(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut end = start;
        // Eight bytes at a time while none of them is a quote, a backslash or a control
        // character (a names-and-prompts row is mostly such runs); the loop below finds which.
        while let Some(word) = bytes
            .get(end..end + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            if special(u64::from_le_bytes(word)) {
                break;
            }
            end += 8;
        }
        loop {
            match *bytes.get(end)? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => end += 1,
            }
        }
        // `end` is at an ASCII quote, so both ends are character boundaries.
        let s = self.text.get(start..end)?;
        self.at = end + 1;
        Some(s)
    }

    /// A whole string value (quote included) when it is plain; otherwise the position stays at
    /// its quote, for serde_json to read it with its escapes.
    #[inline]
    fn quoted_plain(&mut self) -> Option<&'t str> {
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        let plain = self.plain_string();
        if plain.is_none() {
            self.at -= 1;
        }
        plain
    }

    /// Any JSON value, read by serde_json (what its map reader makes of it), at most
    /// [`MAX_DEPTH`] deep.
    fn value(&mut self) -> Option<Value> {
        let rest = self.text.get(self.at..)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let value = values.next()?.ok()?;
        self.at += values.byte_offset();
        (depth(&value) <= MAX_DEPTH).then_some(value)
    }

    /// `callData`'s rows into `checker`: each an object or `null` (an empty row).
    fn rows(&mut self, checker: &mut Checker) -> Option<()> {
        self.expect(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        let mut row = Map::new();
        let start = self.at;
        let mut read = 0usize;
        loop {
            match self.next_byte()? {
                b'{' => fill_row(
                    &mut row,
                    &mut RowEntries {
                        s: self,
                        first: true,
                    },
                )
                .ok()?,
                b'n' => {
                    let rest = self.text.as_bytes().get(self.at..)?;
                    if !rest.starts_with(b"ull") {
                        return None;
                    }
                    self.at += 3;
                    row.clear();
                }
                _ => return None,
            }
            checker.push(&row);
            read += 1;
            if read == ESTIMATE_AFTER {
                // The rest of the text at the bytes per row so far, an eighth more for rows that
                // run longer: over-reserving costs untouched memory, falling short a copy.
                let per_row = (self.at.saturating_sub(start) / read).max(1);
                let rest = self.text.len().saturating_sub(self.at) / per_row;
                checker.reserve(read + rest + rest / 8);
            }
            match self.next_byte()? {
                b',' => continue,
                b']' => return Some(()),
                _ => return None,
            }
        }
    }
}

/// A row object's entries, its `{` consumed.
struct RowEntries<'s, 't> {
    s: &'s mut Scanner<'t>,
    first: bool,
}

/// The scanner gives up (serde_json reads the text instead).
struct GiveUp;

impl Entries for RowEntries<'_, '_> {
    type Error = GiveUp;

    fn key(&mut self, expected: Option<&str>) -> Result<Option<Key>, GiveUp> {
        let s = &mut *self.s;
        let first = std::mem::replace(&mut self.first, false);
        match s.next_byte().ok_or(GiveUp)? {
            b'}' => return Ok(None),
            b',' if !first => s.expect(b'"').ok_or(GiveUp)?,
            b'"' if first => {}
            _ => return Err(GiveUp),
        }
        let key = s.plain_string().ok_or(GiveUp)?;
        s.expect(b':').ok_or(GiveUp)?;
        row_key(key, expected).map(Some).ok_or(GiveUp)
    }

    fn value_into(&mut self, slot: &mut Value) -> Result<(), GiveUp> {
        let s = &mut *self.s;
        match s.quoted_plain() {
            // As serde's `Slot`: a string reuses the buffer of the previous row's value.
            Some(v) => match slot {
                Value::String(old) => {
                    old.clear();
                    old.push_str(v);
                }
                other => *other = Value::String(v.to_owned()),
            },
            None => *slot = s.value().ok_or(GiveUp)?,
        }
        Ok(())
    }

    fn value(&mut self) -> Result<Value, GiveUp> {
        let s = &mut *self.s;
        match s.quoted_plain() {
            Some(v) => Ok(Value::String(v.to_owned())),
            None => s.value().ok_or(GiveUp),
        }
    }

    fn no_slot() -> GiveUp {
        GiveUp
    }
}

/// Whether one of the eight bytes of `w` is `"`, `\\` or below 0x20 (the usual "has a zero
/// byte" test, `(x - 0x01…) & !x & 0x80…`, on `w` XOR each of them and on `w` itself less 0x20).
#[inline]
fn special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | below_space) != 0
}

/// Nesting depth of a value: 0 for a scalar, 1 for an object or array of scalars.
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::Scanner;

    /// The end of a plain string found one byte at a time: what the word loop must agree with.
    fn bytewise(s: &str) -> Option<usize> {
        s.bytes()
            .position(|b| b == b'"' || b == b'\\' || b < 0x20)
            .filter(|&i| s.as_bytes()[i] == b'"')
    }

    #[test]
    fn plain_strings_end_where_a_byte_loop_ends_them() {
        // Every special byte (and harmless neighbours: 0x20, 0x7f, non-ASCII) at every place of
        // the first two words and around their boundary.
        for special in [
            "\"", "\\", "\u{0}", "\u{1f}", "\n", " ", "\u{7f}", "é", "😀",
        ] {
            for at in 0..20 {
                let text = format!("{}{special}{}\"tail", "a".repeat(at), "b".repeat(9));
                let mut s = Scanner { text: &text, at: 0 };
                let got = s.plain_string().map(str::len);
                assert_eq!(got, bytewise(&text), "{special:?} at {at}");
                if got.is_some() {
                    assert_eq!(s.at, got.unwrap_or(0) + 1, "{special:?} at {at}");
                }
            }
        }
    }
}
