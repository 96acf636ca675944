//! The fast matcher: each metadata entry's patterns compiled once into two small DFAs over the ten
//! digits, so that "which descriptors match this number" is one walk over at most 17 digits instead
//! of up to a dozen regex searches (the `phonenumber` crate additionally funnels every search through
//! a 100-entry regex cache behind a mutex, recompiling on misses).
//!
//! - the *type* DFA holds the 11 number-type patterns; its end state says which match the whole
//!   string (libphonenumber's `matches()`);
//! - the *prefix* DFA holds leading digits, international prefix and national prefix for parsing;
//!   the states it passes through say which match some prefix (libphonenumber's `lookingAt()`).
//!   It usually dies after one or two digits. When the international or national prefix does
//!   match, the end and groups come from the reference regex (rare: `0086…`, trunk `0`).
//!
//! The DFAs are built with `regex-automata` (multi-pattern, anchored, `MatchKind::All`, so every
//! pattern that matches is reported) and then flattened into `[u16; 10]` transition rows. An entry
//! whose DFA would be too large keeps using the regexes.

use super::engine::{Matcher, PrefixMatch};
use super::meta::{DESC_COUNT, Index, MetaId};
use super::reference::{self, RegexMatcher};
use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};
use std::sync::OnceLock;

/// Pattern bits of the prefix DFA.
const LEADING: u32 = 1 << 0;
const INTERNATIONAL: u32 = 1 << 1;
const NATIONAL: u32 = 1 << 2;

/// A DFA over `b'0'..=b'9'`. State 0 is dead.
pub(crate) struct DigitDfa {
    start: u16,
    next: Vec<[u16; 10]>,
    /// Patterns whose match ended one digit *before* entering this state (regex-automata reports
    /// matches with a one-byte delay).
    delayed: Vec<u32>,
    /// Patterns that match when the input ends in this state.
    at_end: Vec<u32>,
}

/// Largest DFA (states) we flatten; bigger ones stay on regexes.
const MAX_STATES: usize = 60_000;

impl DigitDfa {
    /// `None` if a pattern does not compile or the DFA is too big. `patterns[i]` reports as bit i (at most 32);
    /// `None` entries never match.
    pub fn build(patterns: &[Option<&str>]) -> Option<DigitDfa> {
        if patterns.len() > 32 {
            return None;
        }
        let never = "a"; // never matches: only digits are ever fed in
        let pats: Vec<&str> = patterns.iter().map(|p| p.unwrap_or(never)).collect();
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .match_kind(MatchKind::All)
                    .start_kind(StartKind::Anchored)
                    .minimize(false)
                    .determinize_size_limit(Some(64 << 20))
                    .dfa_size_limit(Some(64 << 20)),
            )
            .syntax(
                syntax::Config::new()
                    .ignore_whitespace(true)
                    .unicode(false)
                    .utf8(false),
            )
            .build_many(&pats)
            .ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        let mask_of = |id| -> u32 {
            if !dfa.is_match_state(id) {
                return 0;
            }
            (0..dfa.match_len(id))
                .map(|i| dfa.match_pattern(id, i).as_usize())
                .filter(|&p| p < 32)
                .fold(0, |m, p| m | (1 << p))
        };
        // Breadth-first flattening of the states reachable through digits.
        let mut next: Vec<[u16; 10]> = vec![[0; 10]];
        let mut delayed = vec![0];
        let mut at_end = vec![0];
        let mut map = std::collections::HashMap::new();
        let mut queue = std::collections::VecDeque::new();
        map.insert(start, 1u16);
        queue.push_back(start);
        next.push([0; 10]);
        delayed.push(mask_of(start));
        at_end.push(mask_of(dfa.next_eoi_state(start)));
        while let Some(id) = queue.pop_front() {
            let from = usize::from(*map.get(&id)?);
            for d in 0..10u8 {
                let to = dfa.next_state(id, b'0' + d);
                if dfa.is_dead_state(to) || dfa.is_quit_state(to) {
                    continue;
                }
                let idx = match map.get(&to) {
                    Some(&i) => i,
                    None => {
                        if next.len() >= MAX_STATES {
                            return None;
                        }
                        let i = u16::try_from(next.len()).ok()?;
                        map.insert(to, i);
                        next.push([0; 10]);
                        delayed.push(mask_of(to));
                        at_end.push(mask_of(dfa.next_eoi_state(to)));
                        queue.push_back(to);
                        i
                    }
                };
                *next.get_mut(from)?.get_mut(usize::from(d))? = idx;
            }
        }
        Some(DigitDfa {
            start: 1,
            next,
            delayed,
            at_end,
        })
    }

    /// Patterns that match the whole of `s`.
    #[inline]
    pub fn full(&self, s: &[u8]) -> u32 {
        let mut st = self.start;
        for &b in s {
            st = self.step(st, b);
            if st == 0 {
                return 0;
            }
        }
        self.at_end.get(usize::from(st)).copied().unwrap_or(0)
    }

    /// Patterns that match some prefix of `s` (including all of it).
    #[inline]
    pub fn prefixes(&self, s: &[u8]) -> u32 {
        let mut st = self.start;
        let mut seen = 0;
        for &b in s {
            st = self.step(st, b);
            if st == 0 {
                return seen;
            }
            seen |= self.delayed.get(usize::from(st)).copied().unwrap_or(0);
        }
        seen | self.at_end.get(usize::from(st)).copied().unwrap_or(0)
    }

    #[inline]
    fn step(&self, st: u16, b: u8) -> u16 {
        let d = usize::from(b.wrapping_sub(b'0'));
        self.next
            .get(usize::from(st))
            .and_then(|row| row.get(d))
            .copied()
            .unwrap_or(0)
    }

    /// One walk: (patterns matching some prefix, patterns matching the whole of `s`).
    #[inline]
    pub fn walk(&self, s: &[u8]) -> (u32, u32) {
        let mut st = self.start;
        let mut seen = 0;
        for &b in s {
            st = self.step(st, b);
            if st == 0 {
                return (seen, 0);
            }
            seen |= self.delayed.get(usize::from(st)).copied().unwrap_or(0);
        }
        let end = self.at_end.get(usize::from(st)).copied().unwrap_or(0);
        (seen | end, end)
    }

    /// Number of states.
    #[cfg(test)]
    pub fn states(&self) -> usize {
        self.next.len()
    }
}

/// The DFAs of one metadata entry.
pub(crate) struct MetaDfas {
    types: Option<DigitDfa>,
    prefixes: Option<DigitDfa>,
}

pub(crate) fn meta_dfas(id: MetaId) -> Option<&'static MetaDfas> {
    static TABLE: OnceLock<Vec<OnceLock<MetaDfas>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..Index::get().metas.len())
            .map(|_| OnceLock::new())
            .collect()
    });
    let slot = table.get(usize::from(id))?;
    Some(slot.get_or_init(|| {
        let info = Index::get().meta(id);
        let types: [Option<&str>; DESC_COUNT] = std::array::from_fn(|i| {
            info.descs
                .get(i)
                .and_then(Option::as_ref)
                .map(|d| d.pattern)
        });
        let prefixes = [
            info.leading_digits,
            info.international_prefix,
            info.national_prefix_for_parsing.as_deref(),
        ];
        MetaDfas {
            types: DigitDfa::build(&types),
            prefixes: DigitDfa::build(&prefixes),
        }
    }))
}

/// Matches with DFAs, falling back to [`RegexMatcher`] for an entry without one.
pub(crate) struct DfaMatcher;

impl DfaMatcher {
    fn prefix_bits(m: MetaId, s: &[u8]) -> Option<u32> {
        meta_dfas(m)
            .and_then(|d| d.prefixes.as_ref())
            .map(|d| d.prefixes(s))
    }
}

impl Matcher for DfaMatcher {
    #[inline]
    fn full_mask(&self, m: MetaId, s: &[u8]) -> u16 {
        match meta_dfas(m).and_then(|d| d.types.as_ref()) {
            Some(dfa) => dfa.full(s) as u16,
            None => RegexMatcher.full_mask(m, s),
        }
    }

    fn leading_digits(&self, m: MetaId, s: &[u8]) -> bool {
        match Self::prefix_bits(m, s) {
            Some(bits) => bits & LEADING != 0,
            None => RegexMatcher.leading_digits(m, s),
        }
    }

    fn international_prefix(&self, m: MetaId, s: &[u8]) -> Option<usize> {
        match Self::prefix_bits(m, s) {
            Some(bits) if bits & INTERNATIONAL == 0 => None,
            _ => reference::international_prefix_end(m, s),
        }
    }

    fn national_prefix(&self, m: MetaId, s: &[u8]) -> Option<PrefixMatch> {
        match Self::prefix_bits(m, s) {
            Some(bits) if bits & NATIONAL == 0 => None,
            _ => reference::national_prefix_match(m, s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dfa(patterns: &[&str]) -> DigitDfa {
        let p: Vec<Option<&str>> = patterns.iter().map(|p| Some(*p)).collect();
        DigitDfa::build(&p).expect("builds")
    }

    #[test]
    fn full_and_prefix_semantics() {
        // 0: "1" then two digits; 1: "12"; 2: "0"; 3: whitespace is ignored as in the metadata.
        let d = dfa(&["1\\d{2}", "12", "0", " 4 5 "]);
        assert_eq!(d.full(b"123"), 1 << 0);
        assert_eq!(d.full(b"12"), 1 << 1);
        assert_eq!(d.full(b"1234"), 0);
        assert_eq!(d.full(b"45"), 1 << 3);
        // A prefix match is reported even when the walk dies right after it.
        assert_eq!(d.prefixes(b"1234"), (1 << 0) | (1 << 1));
        assert_eq!(d.prefixes(b"09"), 1 << 2);
        assert_eq!(d.prefixes(b"0"), 1 << 2);
        assert_eq!(d.prefixes(b"9"), 0);
        assert_eq!(d.walk(b"123"), ((1 << 0) | (1 << 1), 1 << 0));
        assert_eq!(d.full(b""), 0);
    }

    #[test]
    fn absent_patterns_never_match() {
        let d = DigitDfa::build(&[None, Some("\\d+")]).expect("builds");
        assert_eq!(d.full(b"0123456789"), 1 << 1);
    }

    #[test]
    fn every_metadata_entry_gets_its_dfas() {
        // No entry falls back to regexes: the fast path is fast everywhere.
        let idx = Index::get();
        let mut biggest = 0;
        for id in 0..idx.metas.len() {
            let d = meta_dfas(id as MetaId).expect("slot");
            let t = d.types.as_ref().expect("type DFA");
            assert!(
                d.prefixes.is_some(),
                "prefix DFA of {:?}",
                idx.meta(id as MetaId).region_str()
            );
            biggest = biggest.max(t.states());
        }
        assert!(biggest < MAX_STATES, "{biggest}");
    }
}
