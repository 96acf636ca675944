//! TypeScript text: JSDoc blocks, keys, array types, and the few hand-written pieces.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A JS identifier (written without quotes as a key).
pub fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_' || f == '$')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property key: bare when it is an identifier, quoted otherwise.
pub fn key(s: &str) -> String {
    if is_ident(s) {
        s.to_owned()
    } else {
        format!("{s:?}")
    }
}

/// A JSDoc block at `indent`; intra-doc links become code, and `[`LIST`]` of a `&[&str]`
/// constant is spelled out so editors show the allowed values.
pub fn jsdoc(docs: &str, indent: &str, lists: &BTreeMap<String, Vec<String>>) -> String {
    if docs.trim().is_empty() {
        return String::new();
    }
    let mut text = docs.replace("*/", "*\\/");
    let mut spelled = Vec::new();
    while let Some(start) = text.find("[`") {
        let Some(len) = text[start..].find("`]") else {
            break;
        };
        let inner = text[start + 2..start + len].to_owned();
        let name = inner.rsplit("::").next().unwrap_or(&inner).to_owned();
        if let Some(values) = lists.get(&name)
            && !spelled.iter().any(|(n, _)| *n == name)
        {
            spelled.push((name.clone(), values.clone()));
        }
        // `[`X`](link)` and `[`X`]` both become `` `X` ``.
        let mut end = start + len + 2;
        if text[end..].starts_with('(')
            && let Some(close) = text[end..].find(')')
        {
            end += close + 1;
        }
        text.replace_range(start..end, &format!("`{name}`"));
    }
    for (name, values) in spelled {
        let _ = write!(text, "\n\n`{name}`: {}.", values.join(", "));
    }
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        return format!("{indent}/** {} */\n", lines[0]);
    }
    let mut out = format!("{indent}/**\n");
    for l in lines {
        if l.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {l}");
        }
    }
    let _ = writeln!(out, "{indent} */");
    out
}

/// What an input field with a custom deserializer also accepts: Alibaba's RPC text forms, so
/// the vendor's own examples can be pasted (`core/src/aliyun/wire.rs`), and numeric ids that
/// Tencent documents as strings (`core/src/tencent/tts`).
pub fn widen(with: Option<&str>, ty: String) -> String {
    match with {
        // An array, or Alibaba's comma-separated text.
        Some("wire::number_list") => format!("{ty} | string"),
        // An array, or JSON text holding it.
        Some("wire::opt_json_list") => format!("{ty} | string"),
        Some("wire::opt_bool") => format!("{ty} | \"true\" | \"false\""),
        // An integer or its decimal text.
        Some("wire::opt_i64" | "string_or_integer") => format!(
            "{ty} | {}",
            if ty == "number" { "string" } else { "number" }
        ),
        _ => ty,
    }
}

/// `T[]`, or `Array<A | B>` for a union.
pub fn array(inner: &str) -> String {
    if inner.contains(' ') {
        format!("Array<{inner}>")
    } else {
        format!("{inner}[]")
    }
}

/// A Bland `call_data` row (`CallDataRow` keeps the JSON object as it is: hand-written serde).
pub const CALL_DATA_ROW: &str = "/**
 * One `callData` row: `phoneNumber` plus the prompt's `{{variables}}`, whose names are kept
 * exactly as written (they must match the placeholders of `basePrompt`).
 */
export interface BlandCallDataRow {
  /** The number to call. Bland's rules: `+` optional, US when there is no country code. */
  phoneNumber?: string;
  /** A prompt variable. */
  [variable: string]: unknown;
}
";
