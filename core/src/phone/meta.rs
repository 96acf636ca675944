//! The phone metadata the algorithm needs, read from `tables.bin`: libphonenumber 9.0.33 as shipped
//! by the `phonenumber` crate, with the values libphonenumber's *build step* derives, and every
//! pattern already compiled (digit DFAs, backtracking programs). `source` (feature `reference`)
//! derives and writes it; `tables_are_current` proves the committed file is what it writes.
//!
//! Only what the algorithm reads is kept: per entry its calling code and region, possible lengths,
//! flags, the transform rule and the compiled patterns; plus China's formatting rules (the only
//! region whose national format a vendor needs): 195 KB (53 KB gzipped) instead of the crate's 527 KB
//! database and its run-time regex compiler.
//!
//! Decoded once, on first use.

use super::blob::Reader;
use super::fast::DigitDfa;
use super::prog::Prog;
use std::sync::OnceLock;

/// The precompiled tables (see `source::encode`).
static TABLES: &[u8] = include_bytes!("tables.bin");
/// First bytes of `tables.bin`: name and format version.
pub(crate) const MAGIC: &[u8] = b"callplane-phone-1";

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

/// Flag bits of an entry in `tables.bin`.
pub(crate) const SAME_MOBILE_AND_FIXED: u8 = 1;
pub(crate) const HAS_LEADING_DIGITS: u8 = 2;
pub(crate) const HAS_INTERNATIONAL_PREFIX: u8 = 4;
pub(crate) const HAS_NATIONAL_PREFIX: u8 = 8;
pub(crate) const HAS_TRANSFORM_RULE: u8 = 16;

/// Derived metadata for one region or non-geographic entity.
pub(crate) struct MetaInfo {
    pub cc: u16,
    /// Decimal digits of `cc`, e.g. `b"86"`.
    pub cc_digits: Vec<u8>,
    /// ISO 3166 alpha-2, or `None` for the non-geographic entity "001".
    pub region: Option<[u8; 2]>,
    /// The general description's possible lengths (sorted), derived as libphonenumber does.
    pub general_lengths: Vec<u8>,
    pub general_local_lengths: Vec<u8>,
    pub same_mobile_and_fixed_pattern: bool,
    /// Per descriptor slot, the lengths it accepts as a bit set (0 when the type is absent).
    pub length_masks: [u64; DESC_COUNT],
    /// Whether the entry has a leading-digits pattern (shared calling codes such as +1, +44).
    pub has_leading_digits: bool,
    pub international_prefix: Option<Prog>,
    pub national_prefix_for_parsing: Option<Prog>,
    pub national_prefix_transform_rule: Option<String>,
    /// The number-type patterns, slot i reporting as bit i.
    pub types: DigitDfa,
    /// Leading digits, international prefix, national prefix (`fast::LEADING`...).
    pub prefixes: DigitDfa,
}

/// China's formatting rules, for the domestic (national-format) wire form.
pub(crate) struct CnFormats {
    /// Bit 2i = leading digits of format i match a prefix, bit 2i+1 = its pattern matches all.
    pub dfa: DigitDfa,
    /// Per format: has a leading-digits pattern, and its national prefix rule adds the prefix.
    pub formats: Vec<(bool, bool)>,
    pub national_prefix: String,
}

/// All metadata, indexed by calling code and by region.
pub(crate) struct Index {
    pub metas: Vec<MetaInfo>,
    /// For each calling code 0..1000, the metadata ids sharing it, main country first (the order
    /// libphonenumber's `getRegionCodeForNumberFromRegionList` walks).
    by_cc: Vec<Vec<MetaId>>,
    /// Region `XY` at `(X - 'A') * 26 + (Y - 'A')`, plus one: 0 is "no such region".
    by_region: Vec<MetaId>,
    pub cn_formats: Option<CnFormats>,
}

impl Index {
    pub fn get() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        // The tables are generated and checked by the tests (`tables_are_current`, and every
        // phone test reads through them); were they ever unreadable, every region would be
        // unknown and every number refused with that message, never a panic.
        INDEX.get_or_init(|| Index::read(TABLES).unwrap_or_else(Index::empty))
    }

    fn empty() -> Index {
        Index {
            metas: Vec::new(),
            by_cc: Vec::new(),
            by_region: Vec::new(),
            cn_formats: None,
        }
    }

    /// Decodes `tables.bin` (the layout is `source::encode`'s).
    pub(crate) fn read(bytes: &[u8]) -> Option<Index> {
        let mut r = Reader::new(bytes.strip_prefix(MAGIC)?);
        let count = r.len()?;
        let mut idx = Index {
            metas: Vec::with_capacity(count.min(1024)),
            by_cc: vec![Vec::new(); 1000],
            by_region: vec![0; 26 * 26],
            cn_formats: None,
        };
        for _ in 0..count {
            let id = MetaId::try_from(idx.metas.len()).ok()?;
            let info = MetaInfo::read(&mut r)?;
            if let Some(slot) = info
                .region
                .and_then(|r| idx.by_region.get_mut(region_slot(r)?))
            {
                *slot = id + 1;
            }
            idx.by_cc.get_mut(usize::from(info.cc))?.push(id);
            idx.metas.push(info);
        }
        let formats = (0..r.len()?)
            .map(|_| Some((r.u8()? != 0, r.u8()? != 0)))
            .collect::<Option<Vec<_>>>()?;
        let national_prefix = String::from_utf8(r.bytes()?.to_vec()).ok()?;
        let dfa = DigitDfa::read(&mut r)?;
        idx.cn_formats = Some(CnFormats {
            dfa,
            formats,
            national_prefix,
        });
        r.is_empty().then_some(idx)
    }

    pub fn meta(&self, id: MetaId) -> &MetaInfo {
        // Ids are only ever created by `read` from positions in `metas`.
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

impl MetaInfo {
    fn read(r: &mut Reader<'_>) -> Option<MetaInfo> {
        let cc = r.u16()?;
        let region = match r.bytes()? {
            &[a, b] => Some([a, b]),
            _ => None,
        };
        let flags = r.u8()?;
        let general_lengths = r.bytes()?.to_vec();
        let general_local_lengths = r.bytes()?.to_vec();
        let mut length_masks = [0u64; DESC_COUNT];
        for m in &mut length_masks {
            *m = r.uint()?;
        }
        let national_prefix_transform_rule = if flags & HAS_TRANSFORM_RULE != 0 {
            Some(String::from_utf8(r.bytes()?.to_vec()).ok()?)
        } else {
            None
        };
        let international_prefix = if flags & HAS_INTERNATIONAL_PREFIX != 0 {
            Some(Prog::read(r)?)
        } else {
            None
        };
        let national_prefix_for_parsing = if flags & HAS_NATIONAL_PREFIX != 0 {
            Some(Prog::read(r)?)
        } else {
            None
        };
        let types = DigitDfa::read(r)?;
        let prefixes = DigitDfa::read(r)?;
        Some(MetaInfo {
            cc,
            cc_digits: cc.to_string().into_bytes(),
            region,
            general_lengths,
            general_local_lengths,
            same_mobile_and_fixed_pattern: flags & SAME_MOBILE_AND_FIXED != 0,
            length_masks,
            has_leading_digits: flags & HAS_LEADING_DIGITS != 0,
            international_prefix,
            national_prefix_for_parsing,
            national_prefix_transform_rule,
            types,
            prefixes,
        })
    }

    /// ISO code as text (`"US"`), or `None` for non-geographic entities.
    pub fn region_str(&self) -> Option<&str> {
        self.region
            .as_ref()
            .and_then(|r| std::str::from_utf8(r).ok())
    }
}
