//! Phone numbers: parse with libphonenumber metadata (the `phonenumber` crate), normalise to E.164,
//! and format for each vendor's wire.
//!
//! PROVISIONAL: this body is a minimal placeholder with the final public signatures; the phone
//! work package replaces it (fast path, Bland rules, vendor formats, error kinds).

use crate::Vendor;
use crate::issue::IssueCode;
use std::fmt;

/// Why a number was refused. Each kind maps to one stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneErrorKind {
    /// Empty after trimming.
    Empty,
    /// Letters or symbols that are not digits or formatting.
    InvalidCharacters,
    TooShort,
    TooLong,
    /// The digits do not form a valid number for the (default or detected) region.
    InvalidForRegion,
    /// Valid, but the vendor cannot dial it (Alibaba: mainland China only).
    NotSupportedByVendor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError {
    pub kind: PhoneErrorKind,
    pub message: String,
}

impl PhoneError {
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

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PhoneError {}

/// A valid number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    e164: String,
    country_code: u16,
    national: String,
    region: Option<[u8; 2]>,
}

impl PhoneNumber {
    /// `+13334445555`
    pub fn e164(&self) -> &str {
        &self.e164
    }
    pub fn country_code(&self) -> u16 {
        self.country_code
    }
    /// National significant number, digits only, without trunk prefix (`3334445555`).
    pub fn national_number(&self) -> &str {
        &self.national
    }
    /// ISO 3166 region the number belongs to (`"US"`, `"CN"`), when libphonenumber knows it.
    pub fn region(&self) -> Option<&str> {
        self.region
            .as_ref()
            .and_then(|r| std::str::from_utf8(r).ok())
    }
}

/// Parse `input` with `default_region` (ISO 3166 alpha-2, e.g. `"US"`) used when the number has no
/// country code.
pub fn parse(input: &str, default_region: &str) -> Result<PhoneNumber, PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::new(
            PhoneErrorKind::Empty,
            "phone number is empty",
        ));
    }
    let region = default_region
        .parse::<phonenumber::country::Id>()
        .map_err(|_| {
            PhoneError::new(
                PhoneErrorKind::InvalidForRegion,
                format!("unknown region {default_region}"),
            )
        })?;
    let n = phonenumber::parse(Some(region), trimmed).map_err(|e| {
        PhoneError::new(
            PhoneErrorKind::InvalidForRegion,
            format!("not a phone number: {e}"),
        )
    })?;
    if !phonenumber::is_valid(&n) {
        return Err(PhoneError::new(
            PhoneErrorKind::InvalidForRegion,
            format!("not a valid number for region {default_region}"),
        ));
    }
    let cc = n.code().value();
    let national = n.national().value().to_string();
    Ok(PhoneNumber {
        e164: format!("+{cc}{national}"),
        country_code: cc,
        national,
        region: n.country().id().and_then(|id| {
            let s: &str = id.as_ref();
            s.as_bytes().try_into().ok()
        }),
    })
}

/// Bland's rules (inbound page): `+` or `%2B` prefix optional; no country code means US.
pub fn parse_bland(input: &str) -> Result<PhoneNumber, PhoneError> {
    let s = input.trim();
    let s = s
        .strip_prefix("%2B")
        .or_else(|| s.strip_prefix("%2b"))
        .map(|r| format!("+{r}"));
    parse(s.as_deref().unwrap_or(input), "US")
}

/// Parse a number as `vendor` accepts it from users.
pub fn parse_for(vendor: Vendor, input: &str) -> Result<PhoneNumber, PhoneError> {
    match vendor {
        Vendor::Bland => parse_bland(input),
        Vendor::Aliyun | Vendor::Tencent => parse(input, "CN"),
    }
}

/// Format for `vendor`'s wire.
pub fn to_wire(vendor: Vendor, n: &PhoneNumber) -> Result<String, PhoneError> {
    match vendor {
        Vendor::Bland => Ok(n.e164.clone()),
        Vendor::Aliyun => {
            if n.country_code != 86 {
                return Err(PhoneError::new(
                    PhoneErrorKind::NotSupportedByVendor,
                    "aliyun dials mainland China numbers only",
                ));
            }
            Ok(n.national.clone())
        }
        Vendor::Tencent => Ok(format!("00{}{}", n.country_code, n.national)),
    }
}

/// `parse_for` then `to_wire`.
pub fn normalize_for(vendor: Vendor, input: &str) -> Result<String, PhoneError> {
    to_wire(vendor, &parse_for(vendor, input)?)
}
