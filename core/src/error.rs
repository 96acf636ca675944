//! The one error type of callplane. Every variant has a stable machine code ([`Error::code`]) that
//! bindings expose as the JS `Error.code`; messages are for humans and may change.

use crate::issue::Report;
use crate::phone::PhoneError;
use crate::sign::{SignError, VerifyError};
use crate::template::TemplateError;
use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The input failed validation; the report holds every problem (errors and warnings).
    Validation(Report),
    /// A `{{template}}` does not parse.
    Template(TemplateError),
    /// A phone number could not be normalised.
    Phone(PhoneError),
    /// The input is not JSON of the expected overall shape (e.g. an array where an object belongs).
    Json { message: String },
    /// A request could not be signed (see [`SignError::code`]).
    Signing(SignError),
    /// A request's signature was refused (see [`VerifyError::code`] and
    /// [`VerifyError::vendor_code`]).
    Verification(VerifyError),
}

impl Error {
    /// Stable snake_case machine code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation_failed",
            Error::Template(_) => "template_syntax",
            Error::Phone(e) => e.code(),
            Error::Json { .. } => "invalid_json",
            Error::Signing(e) => e.code(),
            Error::Verification(e) => e.code(),
        }
    }

    /// The validation report, when this is a validation error.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::Validation(r) => Some(r),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(r) => {
                let n = r.errors().count();
                write!(f, "{n} validation error{}: ", if n == 1 { "" } else { "s" })?;
                let mut first = true;
                for i in r.errors() {
                    if !first {
                        f.write_str("; ")?;
                    }
                    first = false;
                    write!(f, "{i}")?;
                }
                Ok(())
            }
            Error::Template(e) => write!(f, "{e}"),
            Error::Phone(e) => write!(f, "{e}"),
            Error::Json { message } => write!(f, "invalid JSON input: {message}"),
            Error::Signing(e) => write!(f, "{e}"),
            Error::Verification(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Self {
        Error::Template(e)
    }
}

impl From<PhoneError> for Error {
    fn from(e: PhoneError) -> Self {
        Error::Phone(e)
    }
}

impl From<SignError> for Error {
    fn from(e: SignError) -> Self {
        Error::Signing(e)
    }
}

impl From<VerifyError> for Error {
    fn from(e: VerifyError) -> Self {
        Error::Verification(e)
    }
}
