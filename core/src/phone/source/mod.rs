//! The build step of the phone tables (feature `reference`): reads the `phonenumber` crate's
//! metadata (libphonenumber 9.0.33), derives the few values that libphonenumber's *own* build step
//! adds and the crate's XML loader does not, compiles every pattern, and writes `tables.bin`.
//!
//! Derived as `BuildMetadataFromXml` does:
//! - the general description's possible lengths are the union of the number types' lengths
//!   (`setPossibleLengthsGeneralDesc`); the crate leaves them empty;
//! - a type whose lengths equal the general ones has them dropped, meaning "no length check";
//! - `nationalPrefixForParsing` defaults to `nationalPrefix` (`loadNationalFormat`);
//! - `sameMobileAndFixedLinePattern` compares the patterns without whitespace.
//!
//! The reference engine (`reference.rs`) matches the same [`SourceMeta`] patterns with the `regex`
//! crate, which is what the differential tests compare the shipped tables against.
//!
//! Regenerate after a `phonenumber` or `regex-automata` update:
//! `CALLPLANE_WRITE_PHONE_TABLES=1 cargo test -p callplane-core --lib tables_are_current`.

mod dfa;
mod prog;
#[cfg(test)]
mod tests;

use super::blob::Writer;
use super::meta::{self, DESC_COUNT, GENERAL, MAGIC};
use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use std::sync::OnceLock;

/// One entry's patterns and derived values, as read from the `phonenumber` crate.
pub(crate) struct SourceMeta {
    pub cc: u16,
    pub region: Option<[u8; 2]>,
    /// Pattern and own possible lengths (empty: same as general) per descriptor slot.
    pub descs: [Option<(&'static str, Vec<u8>)>; DESC_COUNT],
    pub general_lengths: Vec<u8>,
    pub general_local_lengths: Vec<u8>,
    pub same_mobile_and_fixed_pattern: bool,
    pub international_prefix: Option<&'static str>,
    pub national_prefix_for_parsing: Option<String>,
    pub national_prefix_transform_rule: Option<&'static str>,
    pub leading_digits: Option<&'static str>,
}

/// Every entry in the order `tables.bin` stores them (calling code, then the crate's order),
/// so ids agree with [`meta::Index`].
pub(crate) fn metas() -> &'static [SourceMeta] {
    static METAS: OnceLock<Vec<SourceMeta>> = OnceLock::new();
    METAS.get_or_init(|| {
        let mut out = Vec::new();
        for cc in 1u16..1000 {
            for m in DATABASE.by_code(&cc).into_iter().flatten() {
                out.push(SourceMeta::derive(cc, m));
            }
        }
        out
    })
}

fn lengths(v: &[u16]) -> Vec<u8> {
    v.iter().filter_map(|&l| u8::try_from(l).ok()).collect()
}

fn squash(p: &str) -> String {
    p.chars().filter(|c| !c.is_whitespace()).collect()
}

impl SourceMeta {
    fn derive(cc: u16, meta: &'static Metadata) -> SourceMeta {
        let d = meta.descriptors();
        let typed: [(usize, Option<&'static Descriptor>); DESC_COUNT - 1] = [
            (meta::PREMIUM_RATE, d.premium_rate()),
            (meta::TOLL_FREE, d.toll_free()),
            (meta::SHARED_COST, d.shared_cost()),
            (meta::VOIP, d.voip()),
            (meta::PERSONAL_NUMBER, d.personal_number()),
            (meta::PAGER, d.pager()),
            (meta::UAN, d.uan()),
            (meta::VOICEMAIL, d.voicemail()),
            (meta::FIXED_LINE, d.fixed_line()),
            (meta::MOBILE, d.mobile()),
        ];
        // setPossibleLengthsGeneralDesc: union over every type (noInternationalDialling excluded);
        // local-only lengths that are also national lengths are dropped.
        let mut general: Vec<u8> = Vec::new();
        let mut local: Vec<u8> = Vec::new();
        for desc in typed.iter().filter_map(|(_, d)| *d) {
            general.extend(lengths(desc.possible_length()));
            local.extend(lengths(desc.possible_local_length()));
        }
        general.sort_unstable();
        general.dedup();
        local.sort_unstable();
        local.dedup();
        local.retain(|l| !general.contains(l));

        let mut descs: [Option<(&'static str, Vec<u8>)>; DESC_COUNT] = Default::default();
        descs[GENERAL] = Some((d.general().national_number().as_str(), general.clone()));
        for (slot, desc) in typed {
            if let Some(desc) = desc {
                let mut own = lengths(desc.possible_length());
                own.sort_unstable();
                own.dedup();
                // setPossibleLengths: lengths equal to the general ones are not stored.
                if own == general {
                    own.clear();
                }
                descs[slot] = Some((desc.national_number().as_str(), own));
            }
        }
        let same = match (d.fixed_line(), d.mobile()) {
            (Some(f), Some(m)) => {
                squash(f.national_number().as_str()) == squash(m.national_number().as_str())
            }
            (None, None) => true,
            _ => false,
        };
        let region = match meta.id().as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some([*a, *b]),
            _ => None,
        };
        let npfp = meta
            .national_prefix_for_parsing()
            .map(|r| r.as_str().to_owned())
            .or_else(|| meta.national_prefix().map(regex::escape))
            .filter(|p| !squash(p).is_empty());
        SourceMeta {
            cc,
            region,
            descs,
            general_lengths: general,
            general_local_lengths: local,
            same_mobile_and_fixed_pattern: same,
            international_prefix: meta.international_prefix().map(|r| r.as_str()),
            national_prefix_for_parsing: npfp,
            national_prefix_transform_rule: meta
                .national_prefix_transform_rule()
                .filter(|t| !t.is_empty()),
            leading_digits: meta.leading_digits().map(|r| r.as_str()),
        }
    }

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
        let name = self
            .region
            .map_or_else(|| format!("+{}", self.cc), |r| String::from_utf8_lossy(&r).into());
        let what = |part: &str, e: String| format!("{name} {part}: {e}");
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = flag(self.same_mobile_and_fixed_pattern, meta::SAME_MOBILE_AND_FIXED)
            | flag(self.leading_digits.is_some(), meta::HAS_LEADING_DIGITS)
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
        dfa::build(&types)
            .map_err(|e| what("types", e))?
            .write(w);
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
