//! An index over the `phonenumber` crate's metadata (libphonenumber 9.0.33), with the few values that
//! libphonenumber's *build step* derives and the crate's XML loader does not:
//!
//! - the general description's possible lengths are the union of the number types' lengths
//!   (`BuildMetadataFromXml.setPossibleLengthsGeneralDesc`); the crate leaves them empty;
//! - a type whose lengths equal the general ones has them dropped, meaning "no length check";
//! - `nationalPrefixForParsing` defaults to `nationalPrefix` (`BuildMetadataFromXml.loadNationalFormat`);
//! - `sameMobileAndFixedLinePattern` compares the patterns without whitespace.
//!
//! Everything is computed once, on first use, and shared by both engines.

use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use std::sync::OnceLock;

/// Index of a metadata entry (a region, or a non-geographic calling code such as +800).
pub(crate) type MetaId = u16;

/// Descriptor slots, in the order `getNumberTypeHelper` tests them (general first).
pub(crate) const GENERAL: usize = 0;
pub(crate) const PREMIUM_RATE: usize = 1;
pub(crate) const TOLL_FREE: usize = 2;
pub(crate) const SHARED_COST: usize = 3;
pub(crate) const VOIP: usize = 4;
pub(crate) const PERSONAL_NUMBER: usize = 5;
pub(crate) const PAGER: usize = 6;
pub(crate) const UAN: usize = 7;
pub(crate) const VOICEMAIL: usize = 8;
pub(crate) const FIXED_LINE: usize = 9;
pub(crate) const MOBILE: usize = 10;
pub(crate) const DESC_COUNT: usize = 11;

/// One number-type description: its pattern and the lengths to check before matching it.
pub(crate) struct Desc {
    pub pattern: &'static str,
    /// Empty means "same as the general description": no length check (libphonenumber's encoding).
    pub lengths: Vec<u8>,
}

impl Desc {
    pub fn length_ok(&self, len: usize) -> bool {
        self.lengths.is_empty() || self.lengths.iter().any(|&l| usize::from(l) == len)
    }

    /// Bit `len` set for each length that passes [`Desc::length_ok`] (lengths up to 63).
    fn length_mask(&self) -> u64 {
        (0..64)
            .filter(|&l| self.length_ok(l))
            .fold(0, |m, l| m | (1 << l))
    }
}

/// Derived metadata for one region or non-geographic entity.
pub(crate) struct MetaInfo {
    pub cc: u16,
    /// Decimal digits of `cc`, e.g. `b"86"`.
    pub cc_digits: Vec<u8>,
    /// ISO 3166 alpha-2, or `None` for the non-geographic entity "001".
    pub region: Option<[u8; 2]>,
    pub descs: [Option<Desc>; DESC_COUNT],
    /// The general description's possible lengths (sorted), derived as libphonenumber does.
    pub general_lengths: Vec<u8>,
    pub general_local_lengths: Vec<u8>,
    pub same_mobile_and_fixed_pattern: bool,
    /// Per descriptor slot, the lengths it accepts as a bit set (0 when the type is absent).
    pub length_masks: [u64; DESC_COUNT],
    pub international_prefix: Option<&'static str>,
    pub national_prefix_for_parsing: Option<String>,
    pub national_prefix_transform_rule: Option<&'static str>,
    pub leading_digits: Option<&'static str>,
}

/// All metadata, indexed by calling code and by region.
pub(crate) struct Index {
    pub metas: Vec<MetaInfo>,
    /// For each calling code 0..1000, the metadata ids sharing it, main country first (the order
    /// libphonenumber's `getRegionCodeForNumberFromRegionList` walks).
    by_cc: Vec<Vec<MetaId>>,
    /// Region `XY` at `(X - 'A') * 26 + (Y - 'A')`, plus one: 0 is "no such region".
    by_region: Vec<MetaId>,
}

impl Index {
    pub fn get() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(Index::build)
    }

    fn build() -> Index {
        let db: &'static phonenumber::metadata::Database = &DATABASE;
        let mut metas = Vec::new();
        let mut by_cc = vec![Vec::new(); 1000];
        let mut by_region = vec![0; 26 * 26];
        for cc in 1u16..1000 {
            let Some(entries) = db.by_code(&cc) else {
                continue;
            };
            for meta in entries {
                let Ok(id) = MetaId::try_from(metas.len()) else {
                    continue;
                };
                let info = MetaInfo::derive(cc, meta);
                if let Some(slot) = info.region.and_then(|r| by_region.get_mut(region_slot(r)?)) {
                    *slot = id + 1;
                }
                if let Some(slot) = by_cc.get_mut(usize::from(cc)) {
                    slot.push(id);
                }
                metas.push(info);
            }
        }
        Index {
            metas,
            by_cc,
            by_region,
        }
    }

    pub fn meta(&self, id: MetaId) -> &MetaInfo {
        // Ids are only ever created by `build` from positions in `metas`.
        &self.metas[usize::from(id)]
    }

    /// Metadata sharing calling code `cc`, main country first; empty for unknown codes.
    pub fn for_cc(&self, cc: u16) -> &[MetaId] {
        self.by_cc.get(usize::from(cc)).map_or(&[], Vec::as_slice)
    }

    /// The main metadata for `cc` (`getMetadataForRegionOrCallingCode(cc, getRegionCodeForCountryCode(cc))`).
    pub fn main_for_cc(&self, cc: u16) -> Option<MetaId> {
        self.for_cc(cc).first().copied()
    }

    /// Geographic region by ISO code (`"US"`, case-insensitive).
    pub fn region(&self, code: &str) -> Option<MetaId> {
        let [a, b] = code.as_bytes() else {
            return None;
        };
        let slot = region_slot([a.to_ascii_uppercase(), b.to_ascii_uppercase()])?;
        self.by_region.get(slot).and_then(|&id| id.checked_sub(1))
    }
}

fn region_slot([a, b]: [u8; 2]) -> Option<usize> {
    if a.is_ascii_uppercase() && b.is_ascii_uppercase() {
        Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
    } else {
        None
    }
}

fn lengths(v: &[u16]) -> Vec<u8> {
    v.iter().filter_map(|&l| u8::try_from(l).ok()).collect()
}

fn squash(p: &str) -> String {
    p.chars().filter(|c| !c.is_whitespace()).collect()
}

impl MetaInfo {
    fn derive(cc: u16, meta: &'static Metadata) -> MetaInfo {
        let d = meta.descriptors();
        let typed: [(usize, Option<&'static Descriptor>); DESC_COUNT - 1] = [
            (PREMIUM_RATE, d.premium_rate()),
            (TOLL_FREE, d.toll_free()),
            (SHARED_COST, d.shared_cost()),
            (VOIP, d.voip()),
            (PERSONAL_NUMBER, d.personal_number()),
            (PAGER, d.pager()),
            (UAN, d.uan()),
            (VOICEMAIL, d.voicemail()),
            (FIXED_LINE, d.fixed_line()),
            (MOBILE, d.mobile()),
        ];
        // setPossibleLengthsGeneralDesc: union over every type (noInternationalDialling excluded);
        // local-only lengths that are also national lengths are dropped.
        let mut general: Vec<u8> = Vec::new();
        let mut local: Vec<u8> = Vec::new();
        for (_, desc) in typed.iter() {
            if let Some(desc) = desc {
                general.extend(lengths(desc.possible_length()));
                local.extend(lengths(desc.possible_local_length()));
            }
        }
        general.sort_unstable();
        general.dedup();
        local.sort_unstable();
        local.dedup();
        local.retain(|l| !general.contains(l));

        let mut descs: [Option<Desc>; DESC_COUNT] = Default::default();
        descs[GENERAL] = Some(Desc {
            pattern: d.general().national_number().as_str(),
            lengths: general.clone(),
        });
        for (slot, desc) in typed {
            if let Some(desc) = desc {
                let mut own = lengths(desc.possible_length());
                own.sort_unstable();
                own.dedup();
                // setPossibleLengths: lengths equal to the general ones are not stored.
                if own == general {
                    own.clear();
                }
                descs[slot] = Some(Desc {
                    pattern: desc.national_number().as_str(),
                    lengths: own,
                });
            }
        }
        let same = match (d.fixed_line(), d.mobile()) {
            (Some(f), Some(m)) => {
                squash(f.national_number().as_str()) == squash(m.national_number().as_str())
            }
            (None, None) => true,
            _ => false,
        };
        let id = meta.id().as_bytes();
        let region = match id {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some([*a, *b]),
            _ => None,
        };
        let npfp = meta
            .national_prefix_for_parsing()
            .map(|r| r.as_str().to_owned())
            .or_else(|| meta.national_prefix().map(regex::escape))
            .filter(|p| !squash(p).is_empty());
        let length_masks = std::array::from_fn(|i| {
            descs
                .get(i)
                .and_then(Option::as_ref)
                .map_or(0, Desc::length_mask)
        });
        MetaInfo {
            cc,
            length_masks,
            cc_digits: cc.to_string().into_bytes(),
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

    /// ISO code as text (`"US"`), or `None` for non-geographic entities.
    pub fn region_str(&self) -> Option<&str> {
        self.region
            .as_ref()
            .and_then(|r| std::str::from_utf8(r).ok())
    }
}
