//! Writes `tables.bin` (the layout `meta::Index::read` reads). Test-only: the file is regenerated
//! and compared by `tests::tables_are_current`.

use super::{SourceMeta, dfa, metas, prog};
use crate::phone::blob::Writer;
use crate::phone::meta::{self, DESC_COUNT, MAGIC};
use phonenumber::metadata::DATABASE;

impl SourceMeta {
    /// Bit `len` set for each length slot `i` accepts (lengths up to 63; empty own lengths mean
    /// "no length check"); 0 when the type is absent.
    fn length_mask(&self, slot: usize) -> u64 {
        match self.descs.get(slot).and_then(Option::as_ref) {
            None => 0,
            Some((_, own)) if own.is_empty() => u64::MAX,
            Some((_, own)) => own
                .iter()
                .filter(|&&l| l < 64)
                .fold(0, |m, &l| m | (1 << l)),
        }
    }

    fn write(&self, w: &mut Writer) -> Result<(), String> {
        let name = self.region.map_or_else(
            || format!("+{}", self.cc),
            |r| String::from_utf8_lossy(&r).into(),
        );
        let what = |part: &str, e: String| format!("{name} {part}: {e}");
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = flag(
            self.same_mobile_and_fixed_pattern,
            meta::SAME_MOBILE_AND_FIXED,
        ) | flag(self.leading_digits.is_some(), meta::HAS_LEADING_DIGITS)
            | flag(
                self.international_prefix.is_some(),
                meta::HAS_INTERNATIONAL_PREFIX,
            )
            | flag(
                self.national_prefix_for_parsing.is_some(),
                meta::HAS_NATIONAL_PREFIX,
            )
            | flag(
                self.national_prefix_transform_rule.is_some(),
                meta::HAS_TRANSFORM_RULE,
            );
        w.uint(u64::from(self.cc));
        w.bytes(self.region.as_ref().map_or(&[], |r| &r[..]));
        w.u8(flags);
        w.bytes(&self.general_lengths);
        w.bytes(&self.general_local_lengths);
        for slot in 0..DESC_COUNT {
            w.uint(self.length_mask(slot));
        }
        if let Some(rule) = self.national_prefix_transform_rule {
            w.bytes(rule.as_bytes());
        }
        if let Some(p) = self.international_prefix {
            prog::compile(p)
                .map_err(|e| what("international prefix", e))?
                .write(w);
        }
        if let Some(p) = &self.national_prefix_for_parsing {
            prog::compile(p)
                .map_err(|e| what("national prefix", e))?
                .write(w);
        }
        let types: [Option<&str>; DESC_COUNT] =
            std::array::from_fn(|i| self.descs[i].as_ref().map(|(p, _)| *p));
        dfa::build(&types).map_err(|e| what("types", e))?.write(w);
        let prefixes = [
            self.leading_digits,
            self.international_prefix,
            self.national_prefix_for_parsing.as_deref(),
        ];
        dfa::build(&prefixes)
            .map_err(|e| what("prefixes", e))?
            .write(w);
        Ok(())
    }
}

/// China's formatting rules (`vendor::domestic`): per format its last leading-digits pattern
/// (bit 2i) and its pattern (bit 2i+1) in one DFA.
fn write_cn_formats(w: &mut Writer) -> Result<(), String> {
    let md = DATABASE.by_id("CN").ok_or("no CN metadata")?;
    let mut patterns: Vec<Option<&'static str>> = Vec::new();
    let mut formats = Vec::new();
    for f in md.formats() {
        let leading = f.leading_digits().last().map(|r| r.as_str());
        patterns.push(leading);
        patterns.push(Some(f.pattern().as_str()));
        let np = f.national_prefix().is_some_and(|r| r.contains("$NP"));
        formats.push((leading.is_some(), np));
    }
    w.uint(formats.len() as u64);
    for (leading, np) in formats {
        w.u8(u8::from(leading));
        w.u8(u8::from(np));
    }
    w.bytes(md.national_prefix().unwrap_or("").as_bytes());
    dfa::build(&patterns)
        .map_err(|e| format!("CN formats: {e}"))?
        .write(w);
    Ok(())
}

/// The bytes of `tables.bin`, or which pattern could not be compiled.
pub(crate) fn encode() -> Result<Vec<u8>, String> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(MAGIC);
    let metas = metas();
    w.uint(metas.len() as u64);
    for m in metas {
        m.write(&mut w)?;
    }
    write_cn_formats(&mut w)?;
    Ok(w.buf)
}
