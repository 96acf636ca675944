//! Phone numbers: parse and validate with libphonenumber's metadata (9.0.33, shipped by the
//! `phonenumber` crate), normalise to E.164, and format for each vendor's wire.
//!
//! ```
//! use callplane_core::{Vendor, phone};
//! let n = phone::parse("(415) 555-0132", "US").unwrap();
//! assert_eq!(n.e164(), "+14155550132");
//! assert_eq!(phone::normalize_for(Vendor::Tencent, "+86 10 1234 5678").unwrap(), "008601012345678");
//! assert_eq!(
//!     phone::normalize_for(Vendor::Bland, "2223334444 ext. 123").unwrap_err().kind,
//!     phone::PhoneErrorKind::InvalidCharacters,
//! );
//! ```
//!
//! Layers:
//! - `lex` decides what characters a number may contain, and finds the digits and a leading `+`.
//!   Letters (vanity numbers) and extensions (`ext. 123`, `x123`, `#123`, `;ext=123`) are refused
//!   as [`PhoneErrorKind::InvalidCharacters`] where libphonenumber would map or strip them: no
//!   vendor can dial them, and Bland documents `2223334444 ext. 123` as invalid;
//! - `engine` runs libphonenumber's parse/validate algorithm, ported from the Java source;
//! - `meta` reads the precompiled metadata (`tables.bin`); `source` (feature `reference`) derives
//!   it from the `phonenumber` crate's metadata, adding what libphonenumber's metadata build adds
//!   to the XML data, compiles every pattern and writes the file;
//! - `fast` (digit DFAs, plus `prog` for the two prefix matches whose groups matter) and
//!   `reference` (regexes, feature `reference`) are the two interchangeable matchers the
//!   algorithm uses. [`Engine::Fast`] is the default and needs no regex compiler, so the wasm
//!   module ships without one; `Engine::Reference` exists to cross-check it
//!   (`tests/phone_differential.rs`) and costs microseconds per number;
//! - `vendor` formats each vendor's wire.
//!
//! Numbers without a country code take the default region's (`parse`), US for Bland, China for
//! Alibaba and Tencent. `+`, `00` (from any region) and the region's own international prefix
//! (`011` from the US) mark an international number.

mod bland_path;
mod blob;
mod e164;
mod engine;
mod fast;
mod lex;
mod meta;
mod prog;
#[cfg(feature = "reference")]
mod reference;
#[cfg(feature = "reference")]
mod source;
mod vendor;

pub use bland_path::bland_path_e164;
pub use e164::E164;
pub use engine::NumberType;

use crate::Vendor;
use crate::issue::{Issue, IssueCode, Path, Report, Severity};
use engine::{Length, Outcome, ParseErr};
use meta::Index;
use std::fmt;

/// Why a number was refused. Each kind maps to one stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneErrorKind {
    /// Empty after trimming, or nothing but formatting characters.
    Empty,
    /// Letters or symbols that are not digits or formatting, including extensions and vanity letters.
    InvalidCharacters,
    /// Fewer digits than any number of the region (7-digit US numbers without area code too).
    TooShort,
    /// More digits than any number of the region.
    TooLong,
    /// The digits do not form a valid number for the (default or detected) region, or do not start
    /// with a known country calling code.
    InvalidForRegion,
    /// Valid, but the vendor cannot dial it (Alibaba: mainland China only).
    NotSupportedByVendor,
}

/// A refused phone number: the kind (stable code) and a message naming the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError {
    /// Which rule the number broke.
    pub kind: PhoneErrorKind,
    /// Human-readable, e.g. `not a valid number for region US`.
    pub message: String,
}

impl PhoneError {
    /// An error of `kind` with `message`.
    pub fn new(kind: PhoneErrorKind, message: impl Into<String>) -> Self {
        PhoneError {
            kind,
            message: message.into(),
        }
    }
    /// Stable code, the same string as [`PhoneError::issue_code`].
    pub fn code(&self) -> &'static str {
        self.issue_code().as_str()
    }
    /// The validation code for this error (`phone_invalid_for_region`, ...).
    pub fn issue_code(&self) -> IssueCode {
        match self.kind {
            PhoneErrorKind::Empty => IssueCode::Required,
            PhoneErrorKind::InvalidCharacters => IssueCode::PhoneInvalidCharacters,
            PhoneErrorKind::TooShort => IssueCode::PhoneTooShort,
            PhoneErrorKind::TooLong => IssueCode::PhoneTooLong,
            PhoneErrorKind::InvalidForRegion => IssueCode::PhoneInvalidForRegion,
            PhoneErrorKind::NotSupportedByVendor => IssueCode::PhoneNotSupportedByVendor,
        }
    }
}

impl PhoneError {
    /// This error as a validation problem at `path`, e.g.
    /// `call_data[3].phone_number: not a valid number for region US`.
    pub fn to_issue(&self, path: impl Into<Path>) -> Issue {
        Issue {
            severity: Severity::Error,
            code: self.issue_code(),
            path: path.into(),
            message: self.message.clone(),
        }
    }
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PhoneError {}

/// A valid number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    /// `+` country code, national significant number.
    e164: E164,
    country_code: u16,
    region: Option<[u8; 2]>,
    number_type: NumberType,
}

impl PhoneNumber {
    /// `+13334445555`
    pub fn e164(&self) -> &str {
        self.e164.as_str()
    }
    /// [`PhoneNumber::e164`] as an inline value (no allocation), to keep after the number.
    pub fn wire_e164(&self) -> E164 {
        self.e164
    }
    /// ITU calling code (`1`, `86`).
    pub fn country_code(&self) -> u16 {
        self.country_code
    }
    /// National significant number, digits only, without trunk prefix (`3334445555`).
    pub fn national_number(&self) -> &str {
        let cc_len = match self.country_code {
            0..=9 => 1,
            10..=99 => 2,
            _ => 3,
        };
        self.e164.get(1 + cc_len..).unwrap_or("")
    }
    /// ISO 3166 region the number belongs to (`"US"`, `"CN"`), or `None` for non-geographic
    /// numbers (+800 international freephone, +882 networks...).
    pub fn region(&self) -> Option<&str> {
        self.region
            .as_ref()
            .and_then(|r| std::str::from_utf8(r).ok())
    }
    /// The kind of line, per libphonenumber's metadata. Campaigns should warn on
    /// [`NumberType::PremiumRate`].
    pub fn number_type(&self) -> NumberType {
        self.number_type
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.e164.as_str())
    }
}

/// Which matcher runs libphonenumber's algorithm. Both give identical results (proved by the
/// differential tests); only speed differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// Digit DFAs and backtracking programs precompiled from the metadata at build time
    /// (`tables.bin`, default; the only engine in builds without the `reference` feature).
    Fast,
    /// Whole-pattern regexes compiled from the `phonenumber` crate's metadata at run time, a
    /// literal transcription of libphonenumber's `matches`/`lookingAt` (feature `reference`).
    #[cfg(feature = "reference")]
    Reference,
}

/// Parse `input` with `default_region` (ISO 3166 alpha-2, e.g. `"US"`) used when the number has no
/// country code.
pub fn parse(input: &str, default_region: &str) -> Result<PhoneNumber, PhoneError> {
    parse_with(Engine::Fast, input, default_region)
}

/// [`parse`] with a chosen [`Engine`].
pub fn parse_with(
    engine: Engine,
    input: &str,
    default_region: &str,
) -> Result<PhoneNumber, PhoneError> {
    parse_inner(engine, input, default_region, false)
}

fn parse_inner(
    engine: Engine,
    input: &str,
    default_region: &str,
    percent_plus: bool,
) -> Result<PhoneNumber, PhoneError> {
    let idx = Index::get();
    let Some(default) = idx.region(default_region) else {
        return Err(PhoneError::new(
            PhoneErrorKind::InvalidForRegion,
            format!("unknown default region `{}`", default_region.escape_debug()),
        ));
    };
    let lexed = lex::lex(input, percent_plus)?;
    let outcome = match engine {
        Engine::Fast => engine::run(&fast::DfaMatcher, &lexed, default),
        #[cfg(feature = "reference")]
        Engine::Reference => engine::run(&reference::RegexMatcher, &lexed, default),
    };
    finish(idx, outcome)
}

fn finish(idx: &Index, outcome: Outcome) -> Result<PhoneNumber, PhoneError> {
    match outcome {
        Outcome::Valid {
            cc,
            nsn,
            meta,
            number_type,
        } => {
            // The engine refuses national numbers over 17 digits, so this fits; were it ever
            // longer, the number is refused rather than cut.
            let Some(e164) = E164::from_parts(&idx.meta(meta).cc_digits, nsn.as_slice()) else {
                return Err(PhoneError::new(
                    PhoneErrorKind::TooLong,
                    "too long: more than 17 digits after the country code",
                ));
            };
            Ok(PhoneNumber {
                e164,
                country_code: cc,
                region: idx.meta(meta).region,
                number_type,
            })
        }
        Outcome::Invalid {
            cc,
            nsn,
            meta,
            length,
        } => {
            let info = idx.meta(meta);
            let place = match info.region_str() {
                Some(r) => format!("region {r}"),
                None => format!("country calling code +{cc}"),
            };
            let n = nsn.len();
            let lengths = idx
                .main_for_cc(cc)
                .map(|m| idx.meta(m).general_lengths.as_slice())
                .unwrap_or(&[]);
            Err(match length {
                Length::TooShort => PhoneError::new(
                    PhoneErrorKind::TooShort,
                    format!(
                        "too short for {place}: {n} digits after the country code, expected {}",
                        describe(lengths)
                    ),
                ),
                Length::LocalOnly => PhoneError::new(
                    PhoneErrorKind::TooShort,
                    format!(
                        "too short for {place}: {n} digits is a local number, add the area code (expected {})",
                        describe(lengths)
                    ),
                ),
                Length::TooLong => PhoneError::new(
                    PhoneErrorKind::TooLong,
                    format!(
                        "too long for {place}: {n} digits after the country code, expected {}",
                        describe(lengths)
                    ),
                ),
                Length::Possible | Length::Invalid => PhoneError::new(
                    PhoneErrorKind::InvalidForRegion,
                    format!("not a valid number for {place}"),
                ),
            })
        }
        Outcome::NotParsed(e) => Err(match e {
            ParseErr::InvalidCountryCode => PhoneError::new(
                PhoneErrorKind::InvalidForRegion,
                "not a valid number: the digits after the international prefix are not a country calling code",
            ),
            ParseErr::TooShortAfterIdd | ParseErr::TooShortNsn => PhoneError::new(
                PhoneErrorKind::TooShort,
                "too short: not enough digits after the country code",
            ),
            ParseErr::TooLong => PhoneError::new(
                PhoneErrorKind::TooLong,
                "too long: more than 17 digits after the country code",
            ),
        }),
    }
}

/// `[10]` → "10 digits", `[7, 8, 9, 10, 11, 12]` → "7 to 12 digits", `[9, 11]` → "9 or 11 digits".
fn describe(lengths: &[u8]) -> String {
    match lengths {
        [] => "no digits".to_owned(),
        [one] => format!("{one} digits"),
        [first, .., last] if usize::from(last - first) + 1 == lengths.len() => {
            format!("{first} to {last} digits")
        }
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(u8::to_string).collect();
            format!("{} or {last} digits", init.join(", "))
        }
    }
}

/// Bland's rules (inbound page, <https://docs.bland.ai/api-v1/post/inbound-number-update>): `+` or
/// `%2B` prefix optional; no country code means US. `+13334445555`, `%2B13334445555`,
/// `13334445555` and `3334445555` are the same number.
pub fn parse_bland(input: &str) -> Result<PhoneNumber, PhoneError> {
    parse_inner(Engine::Fast, input, "US", true)
}

/// Parse a number as `vendor` accepts it from users: Bland per [`parse_bland`]; Alibaba and Tencent
/// with China as the default region (`13900001111`, `010-8888-1234`, `+86…`, `0086…` all work).
/// Alibaba refuses anything outside mainland China with [`PhoneErrorKind::NotSupportedByVendor`].
pub fn parse_for(vendor: Vendor, input: &str) -> Result<PhoneNumber, PhoneError> {
    parse_for_with(Engine::Fast, vendor, input)
}

/// [`parse_for`] with a chosen [`Engine`].
pub fn parse_for_with(
    engine: Engine,
    vendor: Vendor,
    input: &str,
) -> Result<PhoneNumber, PhoneError> {
    match vendor {
        Vendor::Bland => parse_inner(engine, input, "US", true),
        Vendor::Aliyun => {
            let n = parse_inner(engine, input, "CN", false)?;
            vendor::require_mainland(&n)?;
            Ok(n)
        }
        Vendor::Tencent => parse_inner(engine, input, "CN", false),
    }
}

/// Format for `vendor`'s wire: Bland `+14155550132`; Alibaba `13900001111` / `01088881234`
/// (mainland China only); Tencent `008613900001111` / `008601088881234` / `0014155550132`.
pub fn to_wire(vendor: Vendor, n: &PhoneNumber) -> Result<String, PhoneError> {
    vendor::to_wire(vendor, n)
}

/// Read a number in `vendor`'s wire format (request echoes, CDRs such as Tencent's `0086…`), so
/// responses can be normalised: `from_wire(v, &to_wire(v, n)?)? == n`.
pub fn from_wire(vendor: Vendor, wire: &str) -> Result<PhoneNumber, PhoneError> {
    parse_for(vendor, wire)
}

/// Validator helper: parse `input` for `vendor` and record problems at `path` in `report`: an
/// error when the number is refused, a `phone_premium_rate` warning when it is a premium-rate line.
/// Returns the number when it can be dialled.
pub fn check_for(
    vendor: Vendor,
    input: &str,
    path: impl Into<Path>,
    report: &mut Report,
) -> Option<PhoneNumber> {
    let path = path.into();
    match parse_for(vendor, input).and_then(|n| to_wire(vendor, &n).map(|_| n)) {
        Ok(n) => {
            if n.number_type() == NumberType::PremiumRate {
                report.warning(
                    IssueCode::PhonePremiumRate,
                    path,
                    format!(
                        "{} is a premium-rate number: each call costs extra",
                        n.e164()
                    ),
                );
            }
            Some(n)
        }
        Err(e) => {
            report.push(e.to_issue(path));
            None
        }
    }
}

/// `parse_for` then `to_wire`.
pub fn normalize_for(vendor: Vendor, input: &str) -> Result<String, PhoneError> {
    to_wire(vendor, &parse_for(vendor, input)?)
}
