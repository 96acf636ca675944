//! Compile a metadata pattern into a backtracking [`Prog`]: parse it with `regex-syntax` exactly as
//! the reference engine does (ignore whitespace, no Unicode: `\d` is ASCII), then lay out the HIR
//! the way a backtracking engine explores it. Alternatives and optional parts are tried in the
//! pattern's order (greedy first, lazy last), so the first match found is leftmost-first's, and a
//! bounded repetition `x{2,4}` is `xx(?:x(?:x)?)?` (the `regex` crate's layout).

use crate::phone::prog::{Inst, Prog, SLOTS};
use regex_syntax::ParserBuilder;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The program for `pattern`, or why it has none (a construct the metadata does not use).
pub(crate) fn compile(pattern: &str) -> Result<Prog, String> {
    let hir = ParserBuilder::new()
        .ignore_whitespace(true)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let mut c = Compiler {
        insts: Vec::new(),
        groups: 0,
    };
    c.hir(&hir)?;
    c.push(Inst::Match)?;
    Ok(Prog {
        insts: c.insts,
        groups: c.groups,
    })
}

struct Compiler {
    insts: Vec<Inst>,
    groups: u8,
}

/// The digits among `ranges` (inclusive byte or char ranges) as a bit set.
fn digit_set(ranges: impl Iterator<Item = (u32, u32)>) -> u16 {
    let mut set = 0;
    for (lo, hi) in ranges {
        for d in 0..10u32 {
            if (lo..=hi).contains(&(u32::from(b'0') + d)) {
                set |= 1 << d;
            }
        }
    }
    set
}

impl Compiler {
    fn pc(&self) -> Result<u16, String> {
        u16::try_from(self.insts.len()).map_err(|_| "program too long".to_owned())
    }

    fn push(&mut self, inst: Inst) -> Result<u16, String> {
        let pc = self.pc()?;
        self.insts.push(inst);
        Ok(pc)
    }

    fn patch(&mut self, at: u16, inst: Inst) {
        self.insts[usize::from(at)] = inst;
    }

    fn hir(&mut self, hir: &Hir) -> Result<(), String> {
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(lit) => {
                for &b in lit.0.iter() {
                    let set = digit_set(std::iter::once((u32::from(b), u32::from(b))));
                    self.push(Inst::Digit(set))?;
                }
            }
            HirKind::Class(Class::Bytes(cls)) => {
                let set = digit_set(
                    cls.ranges()
                        .iter()
                        .map(|r| (u32::from(r.start()), u32::from(r.end()))),
                );
                self.push(Inst::Digit(set))?;
            }
            HirKind::Class(Class::Unicode(cls)) => {
                let set = digit_set(
                    cls.ranges()
                        .iter()
                        .map(|r| (u32::from(r.start()), u32::from(r.end()))),
                );
                self.push(Inst::Digit(set))?;
            }
            HirKind::Look(Look::Start) => {
                self.push(Inst::Start)?;
            }
            HirKind::Look(Look::End) => {
                self.push(Inst::End)?;
            }
            HirKind::Look(other) => return Err(format!("unsupported assertion {other:?}")),
            HirKind::Capture(cap) => {
                let slot = usize::try_from(cap.index)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(2);
                if slot + 1 >= SLOTS {
                    return Err(format!("capture group {} (at most 9)", cap.index));
                }
                self.groups = self.groups.max(cap.index as u8);
                self.push(Inst::Save(slot as u8))?;
                self.hir(&cap.sub)?;
                self.push(Inst::Save(slot as u8 + 1))?;
            }
            HirKind::Concat(parts) => {
                for p in parts {
                    self.hir(p)?;
                }
            }
            HirKind::Alternation(alts) => {
                // split(a1, next) a1 jump(end) next: split(a2, ...) ... an
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    if i + 1 == alts.len() {
                        self.hir(alt)?;
                    } else {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.hir(alt)?;
                        jumps.push(self.push(Inst::Jump(0))?);
                        let next = self.pc()?;
                        self.patch(split, Inst::Split(split + 1, next));
                    }
                }
                let end = self.pc()?;
                for j in jumps {
                    self.patch(j, Inst::Jump(end));
                }
            }
            HirKind::Repetition(rep) => {
                for _ in 0..rep.min {
                    self.hir(&rep.sub)?;
                }
                let order = |body: u16, out: u16| {
                    if rep.greedy {
                        Inst::Split(body, out)
                    } else {
                        Inst::Split(out, body)
                    }
                };
                match rep.max {
                    Some(max) => {
                        // Nested optionals: every split's way out goes to the very end.
                        let mut splits = Vec::new();
                        for _ in rep.min..max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.hir(&rep.sub)?;
                        }
                        let end = self.pc()?;
                        for s in splits {
                            self.patch(s, order(s + 1, end));
                        }
                    }
                    None => {
                        if rep.sub.properties().minimum_len().unwrap_or(0) == 0 {
                            return Err(
                                "unbounded repetition of something that can be empty".into()
                            );
                        }
                        let split = self.push(Inst::Split(0, 0))?;
                        self.hir(&rep.sub)?;
                        self.push(Inst::Jump(split))?;
                        let end = self.pc()?;
                        self.patch(split, order(split + 1, end));
                    }
                }
            }
        }
        Ok(())
    }
}
