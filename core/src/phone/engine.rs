//! libphonenumber's parse and validation algorithm (`PhoneNumberUtil.parseHelper`,
//! `maybeExtractCountryCode`, `maybeStripNationalPrefixAndCarrierCode`, `testNumberLength`,
//! `getRegionCodeForNumber`, `getNumberTypeHelper`), ported step by step from the Java source,
//! over digits that the lexer has already extracted.
//!
//! The algorithm is written once and is generic over a [`Matcher`], the only thing that differs
//! between the two engines: the reference engine matches with regexes, the fast engine with digit
//! DFAs. The differential tests compare the two over the whole pipeline.
//!
//! Why not `phonenumber::parse` + `phonenumber::is_valid`: the crate's own algorithm departs from
//! libphonenumber in ways that change results (it matches patterns as prefixes instead of whole
//! strings, leaves the general possible lengths empty, strips national prefixes of `+49…` numbers
//! with the *default* region's rules, and its RFC 3966 branch reads `+1415-555-0123` as calling
//! code 1415). On mutated example numbers it disagrees with libphonenumber 9.0.33 about 5% of the
//! time; this port agrees on the whole oracle corpus (`core/tests/data/phone_oracle.tsv`).

use super::meta::{self, Index, MetaId};

/// libphonenumber `MIN_LENGTH_FOR_NSN` / `MAX_LENGTH_FOR_NSN`.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;
/// Digits a [`Digits`] holds: the lexer refuses more than `MAX_INPUT_DIGITS`, and a national-prefix
/// transform adds at most a few.
pub(crate) const CAPACITY: usize = 40;
pub(crate) const MAX_INPUT_DIGITS: usize = 24;

/// A short ASCII digit string on the stack.
#[derive(Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; CAPACITY],
    len: u8,
}

impl Digits {
    pub fn new() -> Digits {
        Digits {
            buf: [0; CAPACITY],
            len: 0,
        }
    }
    pub fn from_slice(s: &[u8]) -> Digits {
        let mut d = Digits::new();
        d.extend(s);
        d
    }
    pub fn as_slice(&self) -> &[u8] {
        self.buf.get(..usize::from(self.len)).unwrap_or(&[])
    }
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }
    /// Appends as much of `s` as fits; returns false when something was dropped.
    pub fn extend(&mut self, s: &[u8]) -> bool {
        let start = self.len();
        let n = s.len().min(CAPACITY - start);
        if let (Some(dst), Some(src)) = (self.buf.get_mut(start..start + n), s.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.len = (start + n) as u8;
        n == s.len()
    }
    /// Appends `b`; false (and nothing appended) when full. A store, not `extend`: the lexer
    /// pushes every digit, and `extend`'s variable-length copy was a `memcpy` call per digit
    /// (≈ 2 % of a 100k-row preflight, BENCHMARKS.md § npm package).
    pub fn push(&mut self, b: u8) -> bool {
        match self.buf.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
                true
            }
            None => false,
        }
    }
}

/// Where a lookingAt-style match of a national-prefix pattern ended, and its capture groups.
pub(crate) struct PrefixMatch {
    pub end: usize,
    /// Java `groupCount()` (explicit groups only).
    pub groups: usize,
    /// Spans of groups 0..=9 (`None` when the group did not participate).
    pub spans: [Option<(usize, usize)>; 10],
}

impl PrefixMatch {
    fn group(&self, i: usize) -> Option<(usize, usize)> {
        self.spans.get(i).copied().flatten()
    }
}

/// The matching primitives the algorithm needs; all patterns come from one metadata entry.
pub(crate) trait Matcher {
    /// Bit `1 << slot` set for each descriptor whose pattern matches the whole of `s`
    /// (`matcherApi.matchNationalNumber(s, desc, false)`; lengths are not checked here).
    fn full_mask(&self, m: MetaId, s: &[u8]) -> u16;
    /// Whether the region's leading-digits pattern matches at the start of `s` (`lookingAt`).
    fn leading_digits(&self, m: MetaId, s: &[u8]) -> bool;
    /// End of the international prefix matched at the start of `s` (`lookingAt`).
    fn international_prefix(&self, m: MetaId, s: &[u8]) -> Option<usize>;
    /// The national prefix for parsing matched at the start of `s` (`lookingAt`), with groups.
    fn national_prefix(&self, m: MetaId, s: &[u8]) -> Option<PrefixMatch>;
}

/// What kind of line a valid number is (libphonenumber's `PhoneNumberType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// Geographic landline.
    FixedLine,
    /// Mobile.
    Mobile,
    /// Either; the number plan cannot tell (all NANPA numbers).
    FixedLineOrMobile,
    /// Free for the caller (US 800, CN 800/400 excluded).
    TollFree,
    /// Premium rate: the callee charges more than a normal call. Campaigns should not dial these.
    PremiumRate,
    /// Cost shared between caller and callee (CN 400, UK 084x).
    SharedCost,
    /// Voice over IP (UK 056).
    Voip,
    /// Personal number routed elsewhere (UK 070).
    PersonalNumber,
    /// Pager.
    Pager,
    /// Universal access number (company numbers).
    Uan,
    /// Voicemail access.
    Voicemail,
}

impl NumberType {
    /// Stable snake_case name (`"premium_rate"`).
    pub fn as_str(self) -> &'static str {
        match self {
            NumberType::FixedLine => "fixed_line",
            NumberType::Mobile => "mobile",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::Voip => "voip",
            NumberType::PersonalNumber => "personal_number",
            NumberType::Pager => "pager",
            NumberType::Uan => "uan",
            NumberType::Voicemail => "voicemail",
        }
    }
}

/// libphonenumber's `ValidationResult` (without `INVALID_COUNTRY_CODE`, which cannot occur here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    Possible,
    LocalOnly,
    TooShort,
    Invalid,
    TooLong,
}

/// libphonenumber's `NumberParseException.ErrorType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseErr {
    InvalidCountryCode,
    TooShortAfterIdd,
    TooShortNsn,
    TooLong,
}

/// The result of parsing and validating digits.
#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    Valid {
        cc: u16,
        nsn: Digits,
        meta: MetaId,
        number_type: NumberType,
    },
    /// Parsed, but not a valid number. `meta` is the region the number was attributed to (or the
    /// calling code's main region), `length` the reason libphonenumber's `isPossibleNumber` gives.
    Invalid {
        cc: u16,
        nsn: Digits,
        meta: MetaId,
        length: Length,
    },
    NotParsed(ParseErr),
}

/// Lexed input: digits (ASCII), and whether a `+` came before them.
pub(crate) struct Lexed {
    pub plus: bool,
    pub digits: Digits,
}

/// Parse and validate, libphonenumber style. `default` is the default region's metadata.
pub(crate) fn run<M: Matcher>(m: &M, lexed: &Lexed, default: MetaId) -> Outcome {
    let idx = Index::get();
    let number = lexed.digits.as_slice();
    let mut national = Digits::new();
    let extracted =
        match extract_country_code_and_national(m, idx, lexed.plus, number, default, &mut national)
        {
            Err(ParseErr::InvalidCountryCode) if lexed.plus => {
                // parseHelper: "Strip the plus-char, and try again."
                national = Digits::new();
                match extract_country_code_and_national(
                    m,
                    idx,
                    false,
                    number,
                    default,
                    &mut national,
                ) {
                    Ok(0) => Err(ParseErr::InvalidCountryCode),
                    other => other,
                }
            }
            other => other,
        };
    let cc = match extracted {
        Ok(cc) => cc,
        Err(e) => return Outcome::NotParsed(e),
    };
    let (cc, region_meta) = if cc != 0 {
        match idx.main_for_cc(cc) {
            Some(main) => (cc, main),
            None => return Outcome::NotParsed(ParseErr::InvalidCountryCode),
        }
    } else {
        national = lexed.digits;
        (idx.meta(default).cc, default)
    };
    if national.len() < MIN_NSN {
        return Outcome::NotParsed(ParseErr::TooShortNsn);
    }
    let mut potential = national;
    if idx.meta(region_meta).national_prefix_for_parsing.is_some()
        && strip_national_prefix(m, idx, region_meta, &mut potential)
    {
        let length = test_length(idx, region_meta, potential.len());
        if !matches!(
            length,
            Length::TooShort | Length::LocalOnly | Length::Invalid
        ) {
            national = potential;
        }
    }
    if national.len() < MIN_NSN {
        return Outcome::NotParsed(ParseErr::TooShortNsn);
    }
    if national.len() > MAX_NSN {
        return Outcome::NotParsed(ParseErr::TooLong);
    }
    validate(m, idx, cc, national)
}

/// isValidNumber + getNumberType; on failure, isPossibleNumberWithReason.
fn validate<M: Matcher>(m: &M, idx: &Index, cc: u16, nsn: Digits) -> Outcome {
    let s = nsn.as_slice();
    let candidates = idx.for_cc(cc);
    let main = candidates.first().copied();
    let mut found = None;
    if let [only] = candidates {
        found = Some((*only, None));
    } else {
        for &r in candidates {
            if idx.meta(r).has_leading_digits {
                if m.leading_digits(r, s) {
                    found = Some((r, None));
                    break;
                }
            } else if let Some(t) = number_type(m, idx, r, s) {
                found = Some((r, Some(t)));
                break;
            }
        }
    }
    if let Some((r, Some(number_type))) =
        found.map(|(r, known)| (r, known.or_else(|| number_type(m, idx, r, s))))
    {
        return Outcome::Valid {
            cc,
            nsn,
            meta: r,
            number_type,
        };
    }
    let Some(main) = main else {
        return Outcome::NotParsed(ParseErr::InvalidCountryCode);
    };
    Outcome::Invalid {
        cc,
        nsn,
        meta: found.map_or(main, |(r, _)| r),
        length: test_length(idx, main, s.len()),
    }
}

/// maybeExtractCountryCode (with maybeStripInternationalPrefixAndNormalize folded in). Returns the
/// calling code, or 0 when the number carries none; fills `national` when it returns non-zero.
fn extract_country_code_and_national<M: Matcher>(
    m: &M,
    idx: &Index,
    plus: bool,
    number: &[u8],
    default: MetaId,
    national: &mut Digits,
) -> Result<u16, ParseErr> {
    if number.is_empty() {
        return Ok(0);
    }
    let international = if plus {
        Some(number)
    } else {
        strip_international_prefix(m, default, number)
    };
    if let Some(full) = international {
        if full.len() <= MIN_NSN {
            return Err(ParseErr::TooShortAfterIdd);
        }
        return match leading_country_code(idx, full) {
            Some((cc, n)) => {
                national.extend(full.get(n..).unwrap_or(&[]));
                Ok(cc)
            }
            None => Err(ParseErr::InvalidCountryCode),
        };
    }
    let dm = idx.meta(default);
    if let Some(rest) = number.strip_prefix(dm.cc_digits.as_slice()) {
        let mut potential = Digits::from_slice(rest);
        strip_national_prefix(m, idx, default, &mut potential);
        let general = |s: &[u8]| m.full_mask(default, s) & (1 << meta::GENERAL) != 0;
        // "If the number was not valid before but is valid now, or if it was too long before, we
        // consider the number with the country calling code stripped to be a better result."
        if (!general(number) && general(potential.as_slice()))
            || test_length(idx, default, number.len()) == Length::TooLong
        {
            *national = potential;
            return Ok(dm.cc);
        }
    }
    Ok(0)
}

/// parsePrefixAsIdd with the default region's international prefix, then callplane's own rule:
/// `00` (the ITU-recommended prefix) is accepted from every region, so that `0044…` typed by a US
/// user means +44 (libphonenumber alone would read it as a US national number). `011` stays the
/// NANPA prefix only: elsewhere it can start a national number (Sapporo is 011 in Japan).
fn strip_international_prefix<'a, M: Matcher>(
    m: &M,
    default: MetaId,
    number: &'a [u8],
) -> Option<&'a [u8]> {
    if let Some(end) = m.international_prefix(default, number) {
        // "Only strip this if the first digit after the match is not a 0, since country calling
        // codes cannot begin with 0."
        return match number.get(end) {
            Some(b'0') => None,
            _ => number.get(end..),
        };
    }
    match number {
        [b'0', b'0', rest @ ..] if rest.first() != Some(&b'0') => Some(rest),
        _ => None,
    }
}

/// extractCountryCode: the first 1-3 digits that are a known calling code.
fn leading_country_code(idx: &Index, full: &[u8]) -> Option<(u16, usize)> {
    if full.first() == Some(&b'0') {
        return None;
    }
    let mut cc: u16 = 0;
    for (i, &d) in full.iter().take(3).enumerate() {
        if !d.is_ascii_digit() {
            return None;
        }
        cc = cc * 10 + u16::from(d - b'0');
        if !idx.for_cc(cc).is_empty() {
            return Some((cc, i + 1));
        }
    }
    None
}

/// maybeStripNationalPrefixAndCarrierCode (the carrier code is not kept).
fn strip_national_prefix<M: Matcher>(
    m: &M,
    idx: &Index,
    meta: MetaId,
    number: &mut Digits,
) -> bool {
    let info = idx.meta(meta);
    if number.len() == 0 || info.national_prefix_for_parsing.is_none() {
        return false;
    }
    let Some(pm) = m.national_prefix(meta, number.as_slice()) else {
        return false;
    };
    let original = *number;
    let s = original.as_slice();
    let general = |t: &[u8]| m.full_mask(meta, t) & (1 << meta::GENERAL) != 0;
    let viable_original = general(s);
    let rest = s.get(pm.end..).unwrap_or(&[]);
    match info.national_prefix_transform_rule.as_deref() {
        Some(rule) if pm.group(pm.groups).is_some() => {
            let mut transformed = Digits::new();
            let complete = expand(rule, &pm, s, &mut transformed) && transformed.extend(rest);
            if !complete || (viable_original && !general(transformed.as_slice())) {
                return false;
            }
            *number = transformed;
            true
        }
        _ => {
            if viable_original && !general(rest) {
                return false;
            }
            *number = Digits::from_slice(rest);
            true
        }
    }
}

/// Java `Matcher.appendReplacement` expansion of a transform rule such as `9$1`: `$` + digits is a
/// group reference (more digits are taken while they name an existing group), `\x` is a literal x,
/// and a group that did not participate expands to nothing.
fn expand(rule: &str, pm: &PrefixMatch, s: &[u8], out: &mut Digits) -> bool {
    let mut chars = rule.bytes().peekable();
    while let Some(c) = chars.next() {
        match c {
            b'\\' => {
                if let Some(n) = chars.next()
                    && !out.push(n)
                {
                    return false;
                }
            }
            b'$' => {
                let Some(first) = chars.next_if(u8::is_ascii_digit) else {
                    return false;
                };
                let mut g = usize::from(first - b'0');
                while let Some(&d) = chars.peek() {
                    let next = g * 10 + usize::from(d.wrapping_sub(b'0'));
                    if !d.is_ascii_digit() || next > pm.groups {
                        break;
                    }
                    g = next;
                    chars.next();
                }
                if g > pm.groups {
                    return false;
                }
                if let Some((a, b)) = pm.group(g)
                    && !out.extend(s.get(a..b).unwrap_or(&[]))
                {
                    return false;
                }
            }
            other => {
                if !out.push(other) {
                    return false;
                }
            }
        }
    }
    true
}

/// testNumberLength(number, metadata, UNKNOWN).
pub(crate) fn test_length(idx: &Index, meta: MetaId, len: usize) -> Length {
    let info = idx.meta(meta);
    let possible = &info.general_lengths;
    let (Some(&min), Some(&max)) = (possible.first(), possible.last()) else {
        return Length::Invalid;
    };
    let has = |v: &[u8]| v.iter().any(|&l| usize::from(l) == len);
    if has(&info.general_local_lengths) {
        Length::LocalOnly
    } else if len == usize::from(min) {
        Length::Possible
    } else if len < usize::from(min) {
        Length::TooShort
    } else if len > usize::from(max) {
        Length::TooLong
    } else if has(possible) {
        Length::Possible
    } else {
        Length::Invalid
    }
}

/// getNumberTypeHelper; `None` is `UNKNOWN`.
fn number_type<M: Matcher>(m: &M, idx: &Index, meta: MetaId, s: &[u8]) -> Option<NumberType> {
    let info = idx.meta(meta);
    let mask = m.full_mask(meta, s);
    let len = s.len().min(63);
    let is = |slot: usize| {
        mask & (1 << slot) != 0
            && info
                .length_masks
                .get(slot)
                .is_some_and(|lengths| lengths & (1 << len) != 0)
    };
    if !is(meta::GENERAL) {
        return None;
    }
    let ordered = [
        (meta::PREMIUM_RATE, NumberType::PremiumRate),
        (meta::TOLL_FREE, NumberType::TollFree),
        (meta::SHARED_COST, NumberType::SharedCost),
        (meta::VOIP, NumberType::Voip),
        (meta::PERSONAL_NUMBER, NumberType::PersonalNumber),
        (meta::PAGER, NumberType::Pager),
        (meta::UAN, NumberType::Uan),
        (meta::VOICEMAIL, NumberType::Voicemail),
    ];
    if let Some(&(_, t)) = ordered.iter().find(|(slot, _)| is(*slot)) {
        return Some(t);
    }
    let same = info.same_mobile_and_fixed_pattern;
    if is(meta::FIXED_LINE) {
        return Some(if same || is(meta::MOBILE) {
            NumberType::FixedLineOrMobile
        } else {
            NumberType::FixedLine
        });
    }
    if !same && is(meta::MOBILE) {
        return Some(NumberType::Mobile);
    }
    None
}
