//! The one error type of callplane. Every variant has a stable machine code ([`Error::code`]) that
//! bindings expose as the JS `Error.code`; messages are for humans and may change.

use crate::issue::Report;
use crate::phone::PhoneError;
use crate::sign::{SignError, VerifyError};
use crate::template::TemplateError;
use crate::vendor_error::{RetryClass, TransportFailure, VendorError};
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
    /// The vendor answered with an error (any of its envelopes), in one shape for all vendors.
    Vendor(VendorError),
    /// No usable HTTP answer: the request was not sent, or no response came back.
    Transport {
        failure: TransportFailure,
        /// `ambiguous` for a call-creating request that may have reached the vendor.
        retry: RetryClass,
        message: String,
    },
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
            Error::Vendor(e) => e.code(),
            Error::Transport {
                retry: RetryClass::Ambiguous,
                ..
            } => "ambiguous_outcome",
            Error::Transport {
                failure: TransportFailure::NotSent,
                ..
            } => "transport_not_sent",
            Error::Transport { .. } => "transport_no_response",
            Error::Signing(e) => e.code(),
            Error::Verification(e) => e.code(),
        }
    }

    /// What a caller may do next; `None` for errors found before anything was sent (validation,
    /// templates, phone numbers), which retrying cannot fix.
    pub fn retry_class(&self) -> Option<RetryClass> {
        match self {
            Error::Vendor(e) => Some(e.retry),
            Error::Transport { retry, .. } => Some(*retry),
            _ => None,
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
            Error::Vendor(e) => write!(f, "{e}"),
            Error::Transport {
                retry: RetryClass::Ambiguous,
                message,
                ..
            } => write!(
                f,
                "{message}; the request may have reached the vendor, so it was not retried: \
                 check with the vendor whether the call exists before sending again"
            ),
            Error::Transport { message, .. } => f.write_str(message),
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

impl From<VendorError> for Error {
    fn from(e: VendorError) -> Self {
        Error::Vendor(e)
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
