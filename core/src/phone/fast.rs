//! The fast matcher: each metadata entry's patterns as two small DFAs over the ten digits, so that
//! "which descriptors match this number" is one walk over at most 17 digits instead of up to a
//! dozen regex searches.
//!
//! - the *type* DFA holds the 11 number-type patterns; its end state says which match the whole
//!   string (libphonenumber's `matches()`);
//! - the *prefix* DFA holds leading digits, international prefix and national prefix for parsing;
//!   the states it passes through say which match some prefix (libphonenumber's `lookingAt()`).
//!   It usually dies after one or two digits. When the international or national prefix does
//!   match, the end and groups come from the entry's backtracking program ([`super::prog`]; rare:
//!   `0086…`, trunk `0`).
//!
//! The DFAs are built at build time from the metadata with `regex-automata` (multi-pattern,
//! anchored, `MatchKind::All`, so every pattern that matches is reported), flattened into
//! `[u16; 10]` transition rows (`source::dfa`) and shipped in `tables.bin`; nothing here compiles
//! a pattern.

use super::blob::Reader;
use super::engine::{Matcher, PrefixMatch};
use super::meta::{Index, MetaId};

/// Pattern bits of the prefix DFA.
pub(crate) const LEADING: u32 = 1 << 0;
pub(crate) const INTERNATIONAL: u32 = 1 << 1;
pub(crate) const NATIONAL: u32 = 1 << 2;

/// A DFA over `b'0'..=b'9'`. State 0 is dead, state 1 the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DigitDfa {
    pub next: Vec<[u16; 10]>,
    /// Patterns whose match ended one digit *before* entering this state (regex-automata reports
    /// matches with a one-byte delay).
    pub delayed: Vec<u32>,
    /// Patterns that match when the input ends in this state.
    pub at_end: Vec<u32>,
}

const START: u16 = 1;

impl DigitDfa {
    /// Patterns that match the whole of `s`.
    #[inline]
    pub fn full(&self, s: &[u8]) -> u32 {
        let mut st = START;
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
        self.walk(s).0
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
        let mut st = START;
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

    /// Number of states, the dead one included.
    #[cfg(all(test, feature = "reference"))]
    pub fn states(&self) -> usize {
        self.next.len()
    }

    /// Reads what [`DigitDfa::write`] wrote: the live states (1..), each as its two match masks
    /// and its transitions run-length encoded (target, how many consecutive digits go there).
    /// A target is written as 0 (dead), 1 (the next state not yet seen: states are numbered
    /// breadth first, so most targets are this) or its number plus one.
    pub fn read(r: &mut Reader<'_>) -> Option<DigitDfa> {
        let n = r.len()?;
        let states = n.checked_add(1)?;
        let states16 = u16::try_from(states).ok()?;
        let mut dfa = DigitDfa {
            next: Vec::with_capacity(states),
            delayed: Vec::with_capacity(states),
            at_end: Vec::with_capacity(states),
        };
        dfa.next.push([0; 10]);
        dfa.delayed.push(0);
        dfa.at_end.push(0);
        let mut fresh: u16 = 2;
        for _ in 0..n {
            dfa.delayed.push(r.u32()?);
            dfa.at_end.push(r.u32()?);
            let mut row = [0u16; 10];
            let mut d = 0;
            while d < 10 {
                let to = match r.u16()? {
                    0 => 0,
                    1 => {
                        fresh = fresh.checked_add(1)?;
                        fresh - 1
                    }
                    t => t - 1,
                };
                let run = usize::from(r.u8()?);
                if to >= states16 || run == 0 || d + run > 10 {
                    return None;
                }
                row.get_mut(d..d + run)?.fill(to);
                d += run;
            }
            dfa.next.push(row);
        }
        Some(dfa)
    }

    #[cfg(all(test, feature = "reference"))]
    pub fn write(&self, w: &mut super::blob::Writer) {
        w.uint(self.next.len().saturating_sub(1) as u64);
        let mut fresh = 2;
        for ((row, &delayed), &at_end) in self
            .next
            .iter()
            .zip(&self.delayed)
            .zip(&self.at_end)
            .skip(1)
        {
            w.uint(u64::from(delayed));
            w.uint(u64::from(at_end));
            let mut d = 0;
            while d < row.len() {
                let to = row[d];
                let run = row[d..].iter().take_while(|&&t| t == to).count();
                let code = match to {
                    0 => 0,
                    t if t == fresh => {
                        fresh += 1;
                        1
                    }
                    t => t + 1,
                };
                w.uint(u64::from(code));
                w.u8(run as u8);
                d += run;
            }
        }
    }
}

/// Matches with the precompiled DFAs and programs.
pub(crate) struct DfaMatcher;

impl DfaMatcher {
    fn prefix_bits(m: MetaId, s: &[u8]) -> u32 {
        Index::get().meta(m).prefixes.prefixes(s)
    }
}

impl Matcher for DfaMatcher {
    #[inline]
    fn full_mask(&self, m: MetaId, s: &[u8]) -> u16 {
        Index::get().meta(m).types.full(s) as u16
    }

    fn leading_digits(&self, m: MetaId, s: &[u8]) -> bool {
        Self::prefix_bits(m, s) & LEADING != 0
    }

    fn international_prefix(&self, m: MetaId, s: &[u8]) -> Option<usize> {
        if Self::prefix_bits(m, s) & INTERNATIONAL == 0 {
            return None;
        }
        let prog = Index::get().meta(m).international_prefix.as_ref()?;
        prog.looking_at(s).map(|pm| pm.end)
    }

    fn national_prefix(&self, m: MetaId, s: &[u8]) -> Option<PrefixMatch> {
        if Self::prefix_bits(m, s) & NATIONAL == 0 {
            return None;
        }
        let prog = Index::get().meta(m).national_prefix_for_parsing.as_ref()?;
        prog.looking_at(s)
    }
}
