//! Build a [`DigitDfa`] from patterns with `regex-automata` (multi-pattern, anchored,
//! `MatchKind::All`, so every pattern that matches is reported), then flatten the states reachable
//! through digits into `[u16; 10]` rows, breadth first (so the numbering is deterministic).

use crate::phone::fast::DigitDfa;
use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};
use std::collections::{HashMap, VecDeque};

/// Largest DFA (states) we flatten.
const MAX_STATES: usize = 60_000;

/// `patterns[i]` reports as bit i (at most 32); `None` entries never match.
pub(crate) fn build(patterns: &[Option<&str>]) -> Result<DigitDfa, String> {
    if patterns.len() > 32 {
        return Err(format!("{} patterns, at most 32", patterns.len()));
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
        .map_err(|e| e.to_string())?;
    let start = dfa
        .start_state(&start::Config::new().anchored(Anchored::Yes))
        .map_err(|e| e.to_string())?;
    let mask_of = |id| -> u32 {
        if !dfa.is_match_state(id) {
            return 0;
        }
        (0..dfa.match_len(id))
            .map(|i| dfa.match_pattern(id, i).as_usize())
            .filter(|&p| p < 32)
            .fold(0, |m, p| m | (1 << p))
    };
    let mut out = DigitDfa {
        next: vec![[0; 10], [0; 10]],
        delayed: vec![0, mask_of(start)],
        at_end: vec![0, mask_of(dfa.next_eoi_state(start))],
    };
    let mut map = HashMap::from([(start, 1u16)]);
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        let from = usize::from(map[&id]);
        for d in 0..10u8 {
            let to = dfa.next_state(id, b'0' + d);
            if dfa.is_dead_state(to) || dfa.is_quit_state(to) {
                continue;
            }
            let idx = match map.get(&to) {
                Some(&i) => i,
                None => {
                    if out.next.len() >= MAX_STATES {
                        return Err(format!("more than {MAX_STATES} states"));
                    }
                    let i = u16::try_from(out.next.len()).map_err(|e| e.to_string())?;
                    map.insert(to, i);
                    out.next.push([0; 10]);
                    out.delayed.push(mask_of(to));
                    out.at_end.push(mask_of(dfa.next_eoi_state(to)));
                    queue.push_back(to);
                    i
                }
            };
            out.next[from][usize::from(d)] = idx;
        }
    }
    Ok(out)
}
