//! A tiny backtracking matcher for the two `lookingAt` matches whose *end* and *capture groups*
//! matter: the international prefix and the national prefix for parsing (whose groups feed the
//! transform rule, e.g. Argentina's `9$1`). DFAs say *whether* these match; this says *where*.
//!
//! The programs are compiled from the metadata's patterns at build time (`source::prog`, from
//! `regex-syntax`'s HIR, the same one the reference `regex` engine compiles), so the module needs
//! no regex compiler at run time. Backtracking in priority order is exactly Java's semantics
//! (libphonenumber) and the `regex` crate's leftmost-first semantics for an anchored search;
//! `tests/phone_differential.rs` checks it against the reference engine. Each (instruction,
//! position) pair is tried at most once, so a search is linear in program × input length.

use super::blob::Reader;
use super::engine::PrefixMatch;

/// One instruction. Jump targets are instruction indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inst {
    /// One digit in the set (bit d = digit d).
    Digit(u16),
    /// Try the first target, then the second.
    Split(u16, u16),
    Jump(u16),
    /// Record the position in capture slot n (group n/2, start when even).
    Save(u8),
    /// Only at the start of the input (`^`).
    Start,
    /// Only at the end of the input (`$`).
    End,
    Match,
}

/// Capture slots: groups 0..=9, start and end.
pub(crate) const SLOTS: usize = 20;

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prog {
    pub insts: Vec<Inst>,
    /// Explicit capture groups (Java `groupCount()`), at most 9.
    pub groups: u8,
}

const OP_DIGIT: u8 = 0;
const OP_SPLIT: u8 = 1;
const OP_JUMP: u8 = 2;
const OP_SAVE: u8 = 3;
const OP_START: u8 = 4;
const OP_END: u8 = 5;
const OP_MATCH: u8 = 6;

enum Frame {
    Step(usize, usize),
    Restore(usize, Option<usize>),
}

impl Prog {
    /// The first match at the start of `s` (ASCII digits) in priority order, with its groups.
    pub fn looking_at(&self, s: &[u8]) -> Option<PrefixMatch> {
        let width = s.len() + 1;
        let mut visited = vec![0u64; (self.insts.len() * width).div_ceil(64)];
        let mut slots: [Option<usize>; SLOTS] = [None; SLOTS];
        let mut stack = vec![Frame::Step(0, 0)];
        while let Some(frame) = stack.pop() {
            let (mut pc, mut pos) = match frame {
                Frame::Restore(slot, old) => {
                    if let Some(s) = slots.get_mut(slot) {
                        *s = old;
                    }
                    continue;
                }
                Frame::Step(pc, pos) => (pc, pos),
            };
            loop {
                let bit = pc * width + pos;
                let Some(word) = visited.get_mut(bit / 64) else {
                    break;
                };
                if *word & (1 << (bit % 64)) != 0 {
                    break;
                }
                *word |= 1 << (bit % 64);
                match self.insts.get(pc) {
                    Some(Inst::Digit(set)) => {
                        let d = s.get(pos).map_or(10, |b| b.wrapping_sub(b'0'));
                        if d >= 10 || set & (1 << d) == 0 {
                            break;
                        }
                        pc += 1;
                        pos += 1;
                    }
                    Some(&Inst::Split(a, b)) => {
                        stack.push(Frame::Step(usize::from(b), pos));
                        pc = usize::from(a);
                    }
                    Some(&Inst::Jump(a)) => pc = usize::from(a),
                    Some(&Inst::Save(n)) => {
                        let n = usize::from(n);
                        let Some(slot) = slots.get_mut(n) else { break };
                        stack.push(Frame::Restore(n, *slot));
                        *slot = Some(pos);
                        pc += 1;
                    }
                    Some(Inst::Start) if pos == 0 => pc += 1,
                    Some(Inst::End) if pos == s.len() => pc += 1,
                    Some(Inst::Match) => return Some(self.found(pos, &slots)),
                    Some(Inst::Start | Inst::End) | None => break,
                }
            }
        }
        None
    }

    fn found(&self, end: usize, slots: &[Option<usize>; SLOTS]) -> PrefixMatch {
        let mut spans = [None; 10];
        spans[0] = Some((0, end));
        for (g, span) in spans.iter_mut().enumerate().skip(1) {
            if let (Some(Some(a)), Some(Some(b))) = (slots.get(2 * g), slots.get(2 * g + 1)) {
                *span = Some((*a, *b));
            }
        }
        PrefixMatch {
            end,
            groups: usize::from(self.groups),
            spans,
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Option<Prog> {
        let groups = r.u8()?;
        let n = r.len()?;
        let mut insts = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            insts.push(match r.u8()? {
                OP_DIGIT => Inst::Digit(r.u16()?),
                OP_SPLIT => Inst::Split(r.u16()?, r.u16()?),
                OP_JUMP => Inst::Jump(r.u16()?),
                OP_SAVE => Inst::Save(r.u8()?),
                OP_START => Inst::Start,
                OP_END => Inst::End,
                OP_MATCH => Inst::Match,
                _ => return None,
            });
        }
        Some(Prog { insts, groups })
    }

    #[cfg(all(test, feature = "reference"))]
    pub fn write(&self, w: &mut super::blob::Writer) {
        w.u8(self.groups);
        w.uint(self.insts.len() as u64);
        for inst in &self.insts {
            match *inst {
                Inst::Digit(set) => {
                    w.u8(OP_DIGIT);
                    w.uint(u64::from(set));
                }
                Inst::Split(a, b) => {
                    w.u8(OP_SPLIT);
                    w.uint(u64::from(a));
                    w.uint(u64::from(b));
                }
                Inst::Jump(a) => {
                    w.u8(OP_JUMP);
                    w.uint(u64::from(a));
                }
                Inst::Save(n) => {
                    w.u8(OP_SAVE);
                    w.u8(n);
                }
                Inst::Start => w.u8(OP_START),
                Inst::End => w.u8(OP_END),
                Inst::Match => w.u8(OP_MATCH),
            }
        }
    }
}
