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

#[cfg(test)]
mod dfa;
#[cfg(test)]
mod encode;
#[cfg(test)]
mod prog;
#[cfg(test)]
mod tests;

use super::meta::{self, DESC_COUNT, GENERAL};
use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use std::sync::OnceLock;

/// One entry's patterns and derived values, as read from the `phonenumber` crate.
// The reference engine reads the patterns; the rest is read by the generator (`encode`, tests).
#[cfg_attr(not(test), allow(dead_code))]
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
}
