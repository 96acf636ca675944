//! The reference matcher: every pattern compiled with the `regex` crate exactly as libphonenumber
//! uses it in Java: `matches()` becomes `^(?:p)$`, `lookingAt()` becomes `^(?:p)` (leftmost-first,
//! the same preference order as Java's backtracking). Slow (hundreds of regexes, compiled per region
//! on first use) but obviously faithful; the fast matcher is tested against it.
//!
//! It reads the patterns from [`super::source`] (the `phonenumber` crate's metadata), not from the
//! precompiled tables, so that the differential tests compare two independent compilations.

use super::engine::{Matcher, PrefixMatch};
use super::meta::{DESC_COUNT, MetaId};
use super::source::{self, SourceMeta};
use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

/// Regexes of one metadata entry.
pub(crate) struct MetaRegexes {
    descs: [Option<Regex>; DESC_COUNT],
    leading_digits: Option<Regex>,
}

/// Regexes for the two prefix patterns whose match end and groups matter.
struct PrefixRegexes {
    international: Option<Regex>,
    national: Option<Regex>,
}

fn compile(pattern: &str, full: bool) -> Option<Regex> {
    let wrapped = if full {
        format!("^(?:{pattern})$")
    } else {
        format!("^(?:{pattern})")
    };
    // The metadata patterns are laid out with whitespace (XML); the crate compiles them in the same
    // ignore-whitespace mode. A pattern that fails to compile never matches.
    RegexBuilder::new(&wrapped)
        .ignore_whitespace(true)
        .size_limit(1 << 24)
        .build()
        .ok()
}

fn lazy_table<T>() -> Vec<OnceLock<T>> {
    (0..source::metas().len())
        .map(|_| OnceLock::new())
        .collect()
}

fn meta_regexes(id: MetaId) -> Option<&'static MetaRegexes> {
    static TABLE: OnceLock<Vec<OnceLock<MetaRegexes>>> = OnceLock::new();
    let slot = TABLE.get_or_init(lazy_table).get(usize::from(id))?;
    Some(slot.get_or_init(|| {
        let info = source_meta(id);
        MetaRegexes {
            descs: std::array::from_fn(|i| {
                info.and_then(|m| m.descs.get(i))
                    .and_then(Option::as_ref)
                    .and_then(|(p, _)| compile(p, true))
            }),
            leading_digits: info
                .and_then(|m| m.leading_digits)
                .and_then(|p| compile(p, false)),
        }
    }))
}

fn source_meta(id: MetaId) -> Option<&'static SourceMeta> {
    source::metas().get(usize::from(id))
}

fn prefix_regexes(id: MetaId) -> Option<&'static PrefixRegexes> {
    static TABLE: OnceLock<Vec<OnceLock<PrefixRegexes>>> = OnceLock::new();
    let slot = TABLE.get_or_init(lazy_table).get(usize::from(id))?;
    Some(slot.get_or_init(|| {
        let info = source_meta(id);
        PrefixRegexes {
            international: info
                .and_then(|m| m.international_prefix)
                .and_then(|p| compile(p, false)),
            national: info
                .and_then(|m| m.national_prefix_for_parsing.as_deref())
                .and_then(|p| compile(p, false)),
        }
    }))
}

fn text(s: &[u8]) -> &str {
    std::str::from_utf8(s).unwrap_or("")
}

/// lookingAt end of the international prefix.
fn international_prefix_end(id: MetaId, s: &[u8]) -> Option<usize> {
    let re = prefix_regexes(id)?.international.as_ref()?;
    re.find(text(s)).map(|m| m.end())
}

/// lookingAt of the national prefix for parsing, with its groups.
fn national_prefix_match(id: MetaId, s: &[u8]) -> Option<PrefixMatch> {
    let re = prefix_regexes(id)?.national.as_ref()?;
    let caps = re.captures(text(s))?;
    let end = caps.get(0)?.end();
    let mut spans = [None; 10];
    for (i, span) in spans.iter_mut().enumerate() {
        *span = caps.get(i).map(|g| (g.start(), g.end()));
    }
    Some(PrefixMatch {
        end,
        groups: re.captures_len().saturating_sub(1),
        spans,
    })
}

/// Matches with regexes only.
pub(crate) struct RegexMatcher;

impl Matcher for RegexMatcher {
    fn full_mask(&self, m: MetaId, s: &[u8]) -> u16 {
        let Some(r) = meta_regexes(m) else { return 0 };
        let t = text(s);
        r.descs
            .iter()
            .enumerate()
            .filter(|(_, re)| re.as_ref().is_some_and(|re| re.is_match(t)))
            .fold(0, |mask, (i, _)| mask | (1 << i))
    }

    fn leading_digits(&self, m: MetaId, s: &[u8]) -> bool {
        meta_regexes(m)
            .and_then(|r| r.leading_digits.as_ref())
            .is_some_and(|re| re.is_match(text(s)))
    }

    fn international_prefix(&self, m: MetaId, s: &[u8]) -> Option<usize> {
        international_prefix_end(m, s)
    }

    fn national_prefix(&self, m: MetaId, s: &[u8]) -> Option<PrefixMatch> {
        national_prefix_match(m, s)
    }
}
