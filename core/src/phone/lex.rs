//! What callplane accepts as a phone number, before libphonenumber's rules apply.
//!
//! Accepted: ASCII and full-width digits (Chinese input methods produce `１３８…`); formatting
//! characters (spaces, tabs, no-break and ideographic spaces, `-` and the Unicode dashes, `.`, `/`,
//! parentheses, their full-width forms, zero-width spaces); one `+` (or full-width `＋`) before the
//! first digit; for Bland only, a leading `%2B` (the URL-encoded `+` of its inbound path parameter).
//!
//! Refused as [`PhoneErrorKind::InvalidCharacters`], unlike libphonenumber:
//! - **letters**, including vanity numbers (`1-800-FLOWERS`): libphonenumber maps them to digits,
//!   but in a call list they are far more often a typo or a name in the wrong column, and no vendor
//!   accepts them (Bland lists non-numeric input as invalid);
//! - **extensions** (`ext. 123`, `x123`, `#123`, `;ext=123`, `,123`): libphonenumber strips them,
//!   but none of the three vendors can dial an extension, and Bland's docs list
//!   `2223334444 ext. 123` as INVALID; dropping it silently would call the switchboard instead;
//! - anything else (`*`, `%`, `@`, control characters, a `+` after a digit).

use super::engine::{Digits, Lexed, MAX_INPUT_DIGITS};
use super::{PhoneError, PhoneErrorKind};

/// Digits libphonenumber can need before it can say anything: fewer is always too short.
const MIN_DIGITS: usize = 3;

fn is_formatting(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '-'
            | '.'
            | '/'
            | '('
            | ')'
            | '\u{00A0}'
            | '\u{00AD}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{3000}'
                | '\u{30FC}'
                | '\u{FF08}'
                | '\u{FF09}'
                | '\u{FF0D}'
                | '\u{FF0E}'
                | '\u{FF0F}'
    )
}

fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8),
        '\u{FF10}'..='\u{FF19}' => Some(b'0' + (u32::from(c) - 0xFF10) as u8),
        _ => None,
    }
}

/// Splits `input` into an optional leading plus and its digits, or says why it is not a number.
pub(crate) fn lex(input: &str, percent_plus: bool) -> Result<Lexed, PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::new(
            PhoneErrorKind::Empty,
            "phone number is empty",
        ));
    }
    let mut rest = trimmed;
    let mut plus = false;
    if percent_plus && let Some(after) = rest.get(..3).filter(|p| p.eq_ignore_ascii_case("%2B")) {
        rest = rest.get(after.len()..).unwrap_or("");
        plus = true;
    }
    let mut digits = Digits::new();
    let mut count = 0usize;
    if rest.is_ascii() {
        // The common case, byte by byte.
        for (i, &b) in rest.as_bytes().iter().enumerate() {
            match b {
                b'0'..=b'9' => {
                    if count < MAX_INPUT_DIGITS {
                        digits.push(b);
                    }
                    count += 1;
                }
                b' ' | b'-' | b'(' | b')' | b'.' | b'/' | b'\t' => {}
                b'+' if !plus && count == 0 => plus = true,
                _ => return Err(refuse(rest, i, char::from(b), count)),
            }
        }
        return finish(plus, digits, count);
    }
    for (i, c) in rest.char_indices() {
        if let Some(d) = digit_value(c) {
            if count < MAX_INPUT_DIGITS {
                digits.push(d);
            }
            count += 1;
        } else if (c == '+' || c == '\u{FF0B}') && !plus && count == 0 {
            plus = true;
        } else if !is_formatting(c) {
            return Err(refuse(rest, i, c, count));
        }
    }
    finish(plus, digits, count)
}

fn finish(plus: bool, digits: Digits, count: usize) -> Result<Lexed, PhoneError> {
    if count == 0 {
        return Err(PhoneError::new(
            PhoneErrorKind::Empty,
            "phone number has no digits",
        ));
    }
    if count < MIN_DIGITS {
        return Err(PhoneError::new(
            PhoneErrorKind::TooShort,
            format!("too short: {count} digits"),
        ));
    }
    if count > MAX_INPUT_DIGITS {
        return Err(PhoneError::new(
            PhoneErrorKind::TooLong,
            format!("too long: {count} digits (E.164 numbers have at most 15)"),
        ));
    }
    Ok(Lexed { plus, digits })
}

/// The extension markers libphonenumber recognises (`EXTN_PATTERNS_FOR_PARSING`), lower-case.
const EXTENSION_MARKERS: [&str; 10] = [
    "ext",
    "extn",
    "extension",
    "x",
    "#",
    ";ext=",
    ",",
    ";",
    "anexo",
    "int",
];

/// The error for character `c` at byte `i` of `rest`, after `count` digits.
fn refuse(rest: &str, i: usize, c: char, count: usize) -> PhoneError {
    if c == '+' || c == '\u{FF0B}' {
        return PhoneError::new(
            PhoneErrorKind::InvalidCharacters,
            "a `+` may only appear once, before the first digit",
        );
    }
    invalid_character(rest.get(i..).unwrap_or(""), c, count > 0)
}

fn invalid_character(tail: &str, c: char, after_digits: bool) -> PhoneError {
    let lower = tail.trim_start().to_ascii_lowercase();
    let message = if after_digits && EXTENSION_MARKERS.iter().any(|m| lower.starts_with(m)) {
        let shown: String = tail.trim().chars().take(16).collect();
        format!(
            "phone number has an extension (`{}`): extensions cannot be dialled, remove it",
            shown.escape_debug()
        )
    } else if c.is_alphabetic() {
        format!(
            "phone number contains letters (`{}`): write vanity numbers in digits",
            c.escape_debug()
        )
    } else {
        format!(
            "phone number contains an invalid character `{}`",
            c.escape_debug()
        )
    };
    PhoneError::new(PhoneErrorKind::InvalidCharacters, message)
}
