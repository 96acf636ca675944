//! Request signing and verification for the three vendors, byte for byte as their official SDKs do it.
//!
//! Pure: time (Unix seconds), nonces and secrets are inputs; nothing reads a clock or a random source.
//! One file per scheme:
//! - [`tc3`]: Tencent Cloud API 3.0, `TC3-HMAC-SHA256` (with a per-UTC-day signing-key cache).
//! - [`acs3`]: Alibaba Cloud V3, `ACS3-HMAC-SHA256` (what current official SDKs send by default).
//! - [`aliyun_rpc`]: Alibaba Cloud RPC signature v1, `HMAC-SHA1` (what dyvms' documentation describes).
//! - [`bland`]: Bland's `authorization` API key and its `X-Webhook-Signature` webhooks.
//!
//! Every scheme has a signer (client side) and a verifier (the simulator's side). Signers can also
//! show their intermediate steps ([`SigningSteps`]), which is what the conformance suite under
//! `core/tests/signing/` compares against the vendors' SDKs. Verifiers return a
//! [`VerifiedRequest`] or a [`VerifyError`] whose [`VerifyError::vendor_code`] is the vendor's own
//! error code.

pub mod acs3;
pub mod aliyun_rpc;
pub mod bland;
pub mod encode;
pub mod keys;
pub mod tc3;
mod template;
pub mod time;
pub mod verify;

pub use keys::{CredentialLookup, InMemoryNonceStore, KeyRecord, NonceStore};
pub use verify::{Field, TokenProblem, VerifiedRequest, VerifyError, VerifyErrorKind};

use crate::http::UrlError;
use crate::secret::Secret;
use std::fmt;

/// Tencent's allowed clock skew: "Timestamp and server time cannot differ by more than five
/// minutes" (`AuthFailure.SignatureExpire`, VENDORS.md §3.0).
pub const TENCENT_WINDOW_SECS: i64 = 300;
/// Alibaba's allowed clock skew and nonce-reuse window: 15 minutes (VENDORS.md §2.1).
pub const ALIYUN_WINDOW_SECS: i64 = 900;

/// The signature schemes callplane speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Tencent Cloud API 3.0.
    Tc3HmacSha256,
    /// Alibaba Cloud RPC signature v1.
    AliyunRpcHmacSha1,
    /// Alibaba Cloud V3 signature.
    AliyunAcs3HmacSha256,
    /// Bland's `authorization: <API key>`.
    BlandApiKey,
    /// Bland's `X-Webhook-Signature`.
    BlandWebhook,
}

impl Scheme {
    /// The scheme's name as the conformance suite spells its folders (`tc3-hmac-sha256`).
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Tc3HmacSha256 => "tc3-hmac-sha256",
            Scheme::AliyunRpcHmacSha1 => "aliyun-rpc-hmac-sha1",
            Scheme::AliyunAcs3HmacSha256 => "aliyun-acs3-hmac-sha256",
            Scheme::BlandApiKey => "bland-api-key",
            Scheme::BlandWebhook => "bland-webhook",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every intermediate of one signature, for tests and for debugging a vendor's
/// `SignatureDoesNotMatch`. None of these contain a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningSteps {
    /// The canonical request (for Alibaba RPC v1: the canonicalized query string).
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signature: lower-case hex (TC3, ACS3) or base64 (RPC v1, not URL-encoded).
    pub signature: String,
    /// The `Authorization` header value (TC3 and ACS3; `None` for RPC v1).
    pub authorization: Option<String>,
}

/// Alibaba Cloud credentials, shared by [`acs3`] and [`aliyun_rpc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliyunCredentials {
    /// The AccessKeyId (not secret; it names the key).
    pub access_key_id: String,
    /// The AccessKeySecret.
    pub access_key_secret: Secret,
    /// The STS security token for temporary credentials.
    pub security_token: Option<Secret>,
}

impl AliyunCredentials {
    /// Long-term AccessKey credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        AliyunCredentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds an STS security token (temporary credentials).
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }
}

/// Why a request could not be signed. Signing never fails for a well-formed request; these are
/// caller mistakes, reported instead of producing a signature the vendor would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The request URL cannot be split.
    InvalidUrl(UrlError),
    /// A header the scheme signs is absent (`Content-Type` for TC3).
    MissingHeader(&'static str),
    /// The scheme does not sign this method (TC3: only GET and POST exist).
    UnsupportedMethod(String),
    /// The timestamp cannot be written as a four-digit-year UTC date.
    TimestampOutOfRange(i64),
    /// The query or form body is not decodable percent-encoding of UTF-8.
    MalformedQuery(encode::DecodeError),
    /// The TC3 service could not be derived from the host and none was configured.
    NoService,
    /// A batch signer was given a row of `got` values where each request has `expected`.
    RowWidth {
        /// Values per request.
        expected: usize,
        /// Values given.
        got: usize,
    },
}

impl SignError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::InvalidUrl(_) => "signing_invalid_url",
            SignError::MissingHeader(_) => "signing_missing_header",
            SignError::UnsupportedMethod(_) => "signing_unsupported_method",
            SignError::TimestampOutOfRange(_) => "signing_timestamp_out_of_range",
            SignError::MalformedQuery(_) => "signing_malformed_query",
            SignError::NoService => "signing_no_service",
            SignError::RowWidth { .. } => "signing_row_width",
        }
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::InvalidUrl(e) => write!(f, "cannot sign: {e}"),
            SignError::MissingHeader(h) => write!(f, "cannot sign: header {h} is required"),
            SignError::UnsupportedMethod(m) => {
                write!(
                    f,
                    "cannot sign: method {m:?} is not supported by this scheme"
                )
            }
            SignError::TimestampOutOfRange(ts) => write!(
                f,
                "cannot sign: timestamp {ts} is outside 1970-01-01..9999-12-31 UTC"
            ),
            SignError::MalformedQuery(e) => write!(f, "cannot sign: {e}"),
            SignError::NoService => f.write_str(
                "cannot sign: the TC3 service cannot be derived from the host; configure it",
            ),
            SignError::RowWidth { expected, got } => write!(
                f,
                "cannot sign: a row has {got} values where each request has {expected}"
            ),
        }
    }
}

impl std::error::Error for SignError {}

impl From<UrlError> for SignError {
    fn from(e: UrlError) -> Self {
        SignError::InvalidUrl(e)
    }
}

impl From<encode::DecodeError> for SignError {
    fn from(e: encode::DecodeError) -> Self {
        SignError::MalformedQuery(e)
    }
}

pub(crate) fn check_timestamp(ts: i64) -> Result<(), SignError> {
    if time::in_range(ts) {
        Ok(())
    } else {
        Err(SignError::TimestampOutOfRange(ts))
    }
}
