//! Validation problems. A validator returns *all* problems at once as a [`Report`]; each [`Issue`]
//! has a stable snake_case [`IssueCode`], a field path in the vendor's wire names
//! (`call_data[3].phone_number`), a human message and a [`Severity`].

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The request would be refused by the vendor, or would do something the user cannot want.
    Error,
    /// The request is accepted, but something is probably not what the user meant.
    Warning,
}

macro_rules! issue_codes {
    ($($(#[$meta:meta])* $variant:ident => $wire:literal,)*) => {
        /// Stable machine codes for validation problems. Never change a code's string: dashboards
        /// branch on it. Add new codes at the end of their group.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum IssueCode {
            $($(#[$meta])* #[serde(rename = $wire)] $variant,)*
        }

        impl IssueCode {
            /// Every code, for documentation and exhaustive tests.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant,)*];

            /// The stable wire string (`"missing_variable"`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(IssueCode::$variant => $wire,)*
                }
            }
        }
    };
}

issue_codes! {
    // --- shape of the input
    /// A required field is absent, null or empty.
    Required => "required",
    /// A field has the wrong JSON type.
    InvalidType => "invalid_type",
    /// A field the model does not know (use `extra` to pass unmodelled vendor fields on).
    UnknownField => "unknown_field",
    /// A key in `extra` names a field the model already has.
    ExtraShadowsField => "extra_shadows_field",
    /// A value is not one of the documented options.
    InvalidEnum => "invalid_enum",
    /// A number is outside the documented range (error) or the recommended range (warning).
    OutOfRange => "out_of_range",
    /// A string is longer than allowed.
    TooLong => "too_long",
    /// A list has more items than allowed.
    TooMany => "too_many",
    /// A list has fewer items than required.
    TooFew => "too_few",
    /// The same value appears twice where it must be unique.
    Duplicate => "duplicate",
    /// A value does not have the documented format.
    InvalidFormat => "invalid_format",
    /// A URL is not absolute or not parseable.
    InvalidUrl => "invalid_url",
    /// A URL must use https.
    NotHttps => "not_https",
    /// Two fields that exclude each other are both set.
    Conflict => "conflict",
    /// A field is set that has no effect (or is overwritten) because of another field.
    Ignored => "ignored",
    /// A time that must be in the future is not.
    NotInFuture => "not_in_future",
    /// Not a real IANA time zone.
    InvalidTimezone => "invalid_timezone",
    /// A language code the vendor does not document.
    UnknownLanguage => "unknown_language",
    // --- templates
    /// The template does not parse (unclosed, empty or malformed tag).
    TemplateSyntax => "template_syntax",
    /// A template variable is missing from a row.
    MissingVariable => "missing_variable",
    /// A row has a column no template variable uses.
    UnusedVariable => "unused_variable",
    /// A template variable resolves to an object or array, which has no text form.
    NonScalarVariable => "non_scalar_variable",
    // --- phone numbers
    /// The number contains characters that are not digits or formatting.
    PhoneInvalidCharacters => "phone_invalid_characters",
    /// The number has too few digits.
    PhoneTooShort => "phone_too_short",
    /// The number has too many digits.
    PhoneTooLong => "phone_too_long",
    /// The digits do not form a valid number for the region.
    PhoneInvalidForRegion => "phone_invalid_for_region",
    /// A valid number the vendor cannot dial (e.g. non-mainland numbers on Alibaba).
    PhoneNotSupportedByVendor => "phone_not_supported_by_vendor",
    // --- vendor-specific consistency
    /// Alibaba TtsParam and TtsParamHead do not agree.
    TtsParamMismatch => "tts_param_mismatch",
    // --- tencent
    /// A field the vendor has deprecated (it still works; a replacement exists).
    Deprecated => "deprecated",
    // --- phone
    /// A valid number on a premium-rate line: each call costs the caller extra (warning).
    PhonePremiumRate => "phone_premium_rate",
    // --- campaign
    /// The number is on the campaign's suppression (do-not-call) list.
    Suppressed => "suppressed",
    /// The call cannot start inside the calling-hours window in the callee's local time (error),
    /// or is deferred until the window opens (warning).
    OutsideCallingHours => "outside_calling_hours",
    /// The callee's time zone is unknown, so calling hours cannot be checked.
    UnknownTimeZone => "unknown_time_zone",
    // --- csv
    /// CSV text that does not follow RFC 4180 quoting (a quote inside an unquoted field, text
    /// after a closing quote, a quoted field never closed).
    CsvSyntax => "csv_syntax",
    /// A CSV record with more or fewer fields than the header has columns.
    CsvFieldCount => "csv_field_count",
    /// A CSV header problem: no header line, a column without a name or named twice, a column
    /// that would be a second phone number.
    CsvHeader => "csv_header",
    /// No CSV column holds the phone number (`options.phoneColumn`, else a default name).
    CsvPhoneColumn => "csv_phone_column",
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field path in wire names: `call_data[3].phone_number`. Empty means the whole input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Path(String::new())
    }
    /// `a` → `a.name`; at the root, `name`.
    pub fn field(&self, name: &str) -> Self {
        if self.0.is_empty() {
            Path(name.to_owned())
        } else {
            let mut s = String::with_capacity(self.0.len() + 1 + name.len());
            s.push_str(&self.0);
            s.push('.');
            s.push_str(name);
            Path(s)
        }
    }
    /// `a` → `a[3]`.
    pub fn index(&self, i: usize) -> Self {
        Path(format!("{}[{i}]", self.0))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Path {
    fn from(s: &str) -> Self {
        Path(s.to_owned())
    }
}

impl From<String> for Path {
    fn from(s: String) -> Self {
        Path(s)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One validation problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub severity: Severity,
    pub code: IssueCode,
    pub path: Path,
    pub message: String,
}

impl fmt::Display for Issue {
    /// `call_data[3].phone_number: not a valid number for region US`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// All problems a validator found, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }
    pub fn error(&mut self, code: IssueCode, path: impl Into<Path>, message: impl Into<String>) {
        self.issues.push(Issue {
            severity: Severity::Error,
            code,
            path: path.into(),
            message: message.into(),
        });
    }
    pub fn warning(&mut self, code: IssueCode, path: impl Into<Path>, message: impl Into<String>) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            code,
            path: path.into(),
            message: message.into(),
        });
    }
    pub fn extend(&mut self, other: Report) {
        self.issues.extend(other.issues);
    }
    /// True when there is no error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        !self.has_errors()
    }
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
    /// Issues whose path is `prefix` or lies below it (`call_data[3]` matches `call_data[3].x`).
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| {
            let p = i.path.as_str();
            p == prefix
                || (p.starts_with(prefix)
                    && matches!(p.as_bytes().get(prefix.len()), Some(b'.') | Some(b'[')))
        })
    }
    /// `Ok(())` when there are no errors, else `Err(Error::Validation(self))`.
    pub fn into_result(self) -> crate::Result<Report> {
        if self.has_errors() {
            Err(crate::Error::Validation(self))
        } else {
            Ok(self)
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, i) in self.issues.iter().enumerate() {
            if n > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{i}")?;
        }
        Ok(())
    }
}
