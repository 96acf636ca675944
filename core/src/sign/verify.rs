//! What verifiers return: a [`VerifiedRequest`], or a [`VerifyError`] whose every reason maps to
//! the vendor's own error code.

use super::Scheme;
use super::keys::KeyRecord;
use std::fmt;

/// A request whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedRequest {
    /// Which scheme signed it.
    pub scheme: Scheme,
    /// The SecretId / AccessKeyId that signed it (for Bland API keys: the key's last four characters
    /// after `…`, never the key).
    pub key_id: String,
    /// The signing time (Unix seconds), where the scheme carries one.
    pub timestamp: Option<i64>,
    /// The nonce, where the scheme carries one (Alibaba).
    pub nonce: Option<String>,
    /// The TC3 service of the credential scope (`ccc`).
    pub service: Option<String>,
    /// Whether the request was made with temporary (STS) credentials.
    pub security_token: bool,
}

/// A request field a verifier needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The `Authorization` header.
    Authorization,
    /// Alibaba RPC `Signature` parameter.
    Signature,
    /// Alibaba RPC `AccessKeyId` parameter.
    AccessKeyId,
    /// `X-TC-Timestamp`, Alibaba `Timestamp` or `x-acs-date`.
    Timestamp,
    /// Alibaba `SignatureNonce` / `x-acs-signature-nonce`.
    SignatureNonce,
    /// Alibaba RPC `SignatureMethod`.
    SignatureMethod,
    /// Alibaba RPC `SignatureVersion`.
    SignatureVersion,
    /// Alibaba V3 `x-acs-content-sha256`.
    ContentSha256,
    /// Bland's `X-Webhook-Signature`.
    WebhookSignature,
    /// Any other header that the signature covers (`host`, `content-type`, `x-acs-action`).
    Header(String),
}

impl Field {
    /// The field's name as it appears on the wire.
    pub fn wire_name(&self) -> &str {
        match self {
            Field::Authorization => "Authorization",
            Field::Signature => "Signature",
            Field::AccessKeyId => "AccessKeyId",
            Field::Timestamp => "Timestamp",
            Field::SignatureNonce => "SignatureNonce",
            Field::SignatureMethod => "SignatureMethod",
            Field::SignatureVersion => "SignatureVersion",
            Field::ContentSha256 => "x-acs-content-sha256",
            Field::WebhookSignature => "X-Webhook-Signature",
            Field::Header(h) => h,
        }
    }
}

/// How a security (STS) token failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// The key is temporary but the request carries no token.
    Missing,
    /// The token does not belong to this key.
    Mismatch,
    /// A token came with a long-term key.
    Unexpected,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyErrorKind {
    /// The signature does not match the server's computation. `string_to_sign` is the server's
    /// string to sign (Alibaba returns it to help debugging; it never contains a secret). Empty for
    /// Bland webhooks, whose "string" is the body.
    SignatureMismatch {
        /// The server's string to sign.
        string_to_sign: String,
    },
    /// The timestamp is outside the allowed window.
    TimestampExpired {
        /// The request's timestamp (Unix seconds).
        timestamp: i64,
        /// The server's time.
        now: i64,
        /// The allowed skew either way.
        window_secs: i64,
    },
    /// The timestamp is not in the scheme's format.
    TimestampMalformed {
        /// The value received.
        value: String,
    },
    /// No such key id.
    UnknownKey {
        /// The key id received (for Bland: its last four characters only).
        key_id: String,
    },
    /// The nonce was used before, within the window.
    NonceReused {
        /// The nonce received.
        nonce: String,
    },
    /// A required header or parameter is absent.
    Missing {
        /// Which one.
        field: Field,
    },
    /// A header or parameter does not have the scheme's shape.
    Malformed {
        /// Which one.
        field: Field,
        /// The rule it breaks.
        reason: String,
    },
    /// The signature algorithm or method is not the one this scheme verifies.
    UnsupportedAlgorithm {
        /// The algorithm named by the request.
        algorithm: String,
    },
    /// The STS token is missing, wrong, or unexpected.
    SecurityToken {
        /// How.
        problem: TokenProblem,
    },
    /// The query or form body cannot be decoded (bad `%` escape, not UTF-8), or the URL is not
    /// absolute.
    MalformedRequest {
        /// What is wrong.
        reason: String,
    },
}

/// A refused request: the scheme (which decides the vendor's code) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    /// The scheme whose rules refused it.
    pub scheme: Scheme,
    /// Why.
    pub kind: VerifyErrorKind,
}

impl VerifyError {
    pub(crate) fn new(scheme: Scheme, kind: VerifyErrorKind) -> Self {
        VerifyError { scheme, kind }
    }

    pub(crate) fn missing(scheme: Scheme, field: Field) -> Self {
        Self::new(scheme, VerifyErrorKind::Missing { field })
    }

    pub(crate) fn malformed(scheme: Scheme, field: Field, reason: impl Into<String>) -> Self {
        Self::new(
            scheme,
            VerifyErrorKind::Malformed {
                field,
                reason: reason.into(),
            },
        )
    }

    /// Stable snake_case code of the reason (independent of the vendor).
    pub fn code(&self) -> &'static str {
        match self.kind {
            VerifyErrorKind::SignatureMismatch { .. } => "signature_mismatch",
            VerifyErrorKind::TimestampExpired { .. } => "signature_expired",
            VerifyErrorKind::TimestampMalformed { .. } => "invalid_timestamp",
            VerifyErrorKind::UnknownKey { .. } => "unknown_key",
            VerifyErrorKind::NonceReused { .. } => "nonce_reused",
            VerifyErrorKind::Missing { .. } => "missing_auth_field",
            VerifyErrorKind::Malformed { .. } => "malformed_auth_field",
            VerifyErrorKind::UnsupportedAlgorithm { .. } => "unsupported_algorithm",
            VerifyErrorKind::SecurityToken { .. } => "invalid_security_token",
            VerifyErrorKind::MalformedRequest { .. } => "malformed_request",
        }
    }

    /// The vendor's own error code for this reason, as its gateway returns it: Tencent
    /// `AuthFailure.*` (VENDORS.md §3.1), Alibaba POP codes (§2.2), Bland `AUTH_FAILURE` (§1.1).
    pub fn vendor_code(&self) -> &'static str {
        match self.scheme {
            Scheme::Tc3HmacSha256 => self.tencent_code(),
            Scheme::AliyunRpcHmacSha1 | Scheme::AliyunAcs3HmacSha256 => self.aliyun_code(),
            Scheme::BlandApiKey | Scheme::BlandWebhook => "AUTH_FAILURE",
        }
    }

    fn tencent_code(&self) -> &'static str {
        use VerifyErrorKind as K;
        match &self.kind {
            K::SignatureMismatch { .. } => "AuthFailure.SignatureFailure",
            K::TimestampExpired { .. } => "AuthFailure.SignatureExpire",
            K::UnknownKey { .. } => "AuthFailure.SecretIdNotFound",
            K::SecurityToken { .. } => "AuthFailure.TokenFailure",
            K::Missing {
                field: Field::Timestamp,
            } => "MissingParameter",
            // "参数错误（包括参数格式、类型等错误）" — the common code for a badly formed parameter.
            K::TimestampMalformed { .. } | K::MalformedRequest { .. } => "InvalidParameter",
            // A missing or non-conforming Authorization (including an unknown algorithm or a
            // signed header that is absent) is "不符合腾讯云标准".
            K::Missing { .. } | K::Malformed { .. } | K::UnsupportedAlgorithm { .. } => {
                "AuthFailure.InvalidAuthorization"
            }
            // TC3 has no nonce; kept total for completeness.
            K::NonceReused { .. } => "AuthFailure.SignatureFailure",
        }
    }

    fn aliyun_code(&self) -> &'static str {
        use VerifyErrorKind as K;
        match &self.kind {
            K::SignatureMismatch { .. } => "SignatureDoesNotMatch",
            K::TimestampExpired { .. } => "InvalidTimeStamp.Expired",
            K::TimestampMalformed { .. } => "InvalidTimeStamp.Format",
            K::UnknownKey { .. } => "InvalidAccessKeyId.NotFound",
            K::NonceReused { .. } => "SignatureNonceUsed",
            // Missing{Param} per the POP common-error table (VENDORS.md §2.2). The V3 header names
            // map to their RPC parameter equivalents; `MissingAuthorization` and
            // `MissingXAcsContentSha256` follow the same pattern but are UNCONFIRMED.
            K::Missing { field } => match field {
                Field::Signature => "MissingSignature",
                Field::AccessKeyId => "MissingAccessKeyId",
                Field::Timestamp => "MissingTimestamp",
                Field::SignatureNonce => "MissingSignatureNonce",
                Field::SignatureMethod => "MissingSignatureMethod",
                Field::SignatureVersion => "MissingSignatureVersion",
                Field::Authorization => "MissingAuthorization",
                Field::ContentSha256 => "MissingXAcsContentSha256",
                // A header named in SignedHeaders that is not in the request.
                Field::Header(_) | Field::WebhookSignature => "IncompleteSignature",
            },
            K::UnsupportedAlgorithm { .. } => "InvalidSignatureMethod",
            // "The request signature does not conform to Aliyun standards" (IncompleteSignature,
            // seen in aliyun/openapi-core-ruby-sdk#32) for a malformed Authorization.
            K::Malformed {
                field: Field::SignatureVersion,
                ..
            } => "InvalidSignatureVersion",
            K::Malformed { .. } => "IncompleteSignature",
            K::SecurityToken { problem } => match problem {
                // kubevela/terraform-controller#191 shows `MissingSecurityToken`.
                TokenProblem::Missing => "MissingSecurityToken",
                TokenProblem::Mismatch | TokenProblem::Unexpected => {
                    "InvalidSecurityToken.MismatchWithAccessKey"
                }
            },
            K::MalformedRequest { .. } => "InvalidParameter.Format",
        }
    }

    /// The HTTP status the vendor answers with: Alibaba per its POP table (400, and 404 for an
    /// unknown AccessKeyId, VENDORS.md §2.2); Tencent API 3.0 reports errors inside a 200 body
    /// (§3.1, an observation rather than a documented guarantee); Bland 401 (§1.1).
    pub fn http_status(&self) -> u16 {
        match self.scheme {
            Scheme::Tc3HmacSha256 => 200,
            Scheme::AliyunRpcHmacSha1 | Scheme::AliyunAcs3HmacSha256 => match self.kind {
                VerifyErrorKind::UnknownKey { .. } => 404,
                _ => 400,
            },
            Scheme::BlandApiKey | Scheme::BlandWebhook => 401,
        }
    }

    /// A message in the vendor's words, for a simulator's error body. Alibaba's signature errors end
    /// with `server string to sign is:<string>` as the real gateway's do.
    pub fn vendor_message(&self) -> String {
        use VerifyErrorKind as K;
        let aliyun = matches!(
            self.scheme,
            Scheme::AliyunRpcHmacSha1 | Scheme::AliyunAcs3HmacSha256
        );
        match (&self.kind, aliyun) {
            (K::SignatureMismatch { string_to_sign }, true) => format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
            (K::SignatureMismatch { .. }, false) if self.scheme == Scheme::Tc3HmacSha256 => {
                "The provided credentials could not be validated. Please check your signature is correct."
                    .to_owned()
            }
            (K::TimestampExpired { .. }, true) => {
                "Specified time stamp or date value is expired.".to_owned()
            }
            (K::TimestampMalformed { .. }, true) => {
                "Specified time stamp or date value is not well formatted.".to_owned()
            }
            (K::UnknownKey { .. }, true) => "Specified access key is not found.".to_owned(),
            (K::NonceReused { .. }, true) => {
                "Specified signature nonce was used already.".to_owned()
            }
            (K::Missing { field }, true) => {
                format!("{} is mandatory for this action.", field.wire_name())
            }
            (K::UnsupportedAlgorithm { .. }, true) => {
                "Specified signature method is not valid.".to_owned()
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use VerifyErrorKind as K;
        write!(f, "{}: ", self.scheme.name())?;
        match &self.kind {
            K::SignatureMismatch { string_to_sign } if string_to_sign.is_empty() => {
                f.write_str("signature does not match")
            }
            K::SignatureMismatch { string_to_sign } => {
                write!(
                    f,
                    "signature does not match; server string to sign is: {string_to_sign:?}"
                )
            }
            K::TimestampExpired {
                timestamp,
                now,
                window_secs,
            } => write!(
                f,
                "timestamp {timestamp} is {}s away from server time {now} (allowed: {window_secs}s)",
                (now - timestamp).abs()
            ),
            K::TimestampMalformed { value } => {
                write!(f, "timestamp {value:?} is not well formatted")
            }
            K::UnknownKey { key_id } => write!(f, "unknown key id {key_id:?}"),
            K::NonceReused { nonce } => write!(f, "nonce {nonce:?} was already used"),
            K::Missing { field } => write!(f, "{} is missing", field.wire_name()),
            K::Malformed { field, reason } => {
                write!(f, "{} is malformed: {reason}", field.wire_name())
            }
            K::UnsupportedAlgorithm { algorithm } => {
                write!(f, "unsupported signature algorithm {algorithm:?}")
            }
            K::SecurityToken { problem } => f.write_str(match problem {
                TokenProblem::Missing => "the key is temporary and needs its security token",
                TokenProblem::Mismatch => "the security token does not belong to this key",
                TokenProblem::Unexpected => "a security token was sent with a long-term key",
            }),
            K::MalformedRequest { reason } => write!(f, "malformed request: {reason}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Checks a presented token against the key's record, in constant time.
pub(crate) fn check_token(
    scheme: Scheme,
    record: &KeyRecord,
    presented: Option<&str>,
) -> Result<(), VerifyError> {
    use subtle::ConstantTimeEq;
    let problem = match (&record.security_token, presented) {
        (None, None) => return Ok(()),
        (Some(want), Some(got)) => {
            if bool::from(want.expose().as_bytes().ct_eq(got.as_bytes())) {
                return Ok(());
            }
            TokenProblem::Mismatch
        }
        (Some(_), None) => TokenProblem::Missing,
        (None, Some(_)) => TokenProblem::Unexpected,
    };
    Err(VerifyError::new(
        scheme,
        VerifyErrorKind::SecurityToken { problem },
    ))
}

/// Whether `timestamp` is within `window_secs` of `now`.
pub(crate) fn check_window(
    scheme: Scheme,
    timestamp: i64,
    now: i64,
    window_secs: i64,
) -> Result<(), VerifyError> {
    if now.abs_diff(timestamp) > window_secs.unsigned_abs() {
        return Err(VerifyError::new(
            scheme,
            VerifyErrorKind::TimestampExpired {
                timestamp,
                now,
                window_secs,
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_a_vendor_code_per_scheme() {
        let kinds = [
            VerifyErrorKind::SignatureMismatch {
                string_to_sign: "GET&%2F&x".into(),
            },
            VerifyErrorKind::TimestampExpired {
                timestamp: 0,
                now: 1000,
                window_secs: 300,
            },
            VerifyErrorKind::UnknownKey { key_id: "k".into() },
            VerifyErrorKind::NonceReused { nonce: "n".into() },
            VerifyErrorKind::Missing {
                field: Field::Signature,
            },
            VerifyErrorKind::SecurityToken {
                problem: TokenProblem::Missing,
            },
        ];
        let tc3: Vec<_> = kinds
            .iter()
            .map(|k| VerifyError::new(Scheme::Tc3HmacSha256, k.clone()).vendor_code())
            .collect();
        assert_eq!(
            tc3,
            [
                "AuthFailure.SignatureFailure",
                "AuthFailure.SignatureExpire",
                "AuthFailure.SecretIdNotFound",
                "AuthFailure.SignatureFailure",
                "AuthFailure.InvalidAuthorization",
                "AuthFailure.TokenFailure"
            ]
        );
        let ali: Vec<_> = kinds
            .iter()
            .map(|k| VerifyError::new(Scheme::AliyunRpcHmacSha1, k.clone()).vendor_code())
            .collect();
        assert_eq!(
            ali,
            [
                "SignatureDoesNotMatch",
                "InvalidTimeStamp.Expired",
                "InvalidAccessKeyId.NotFound",
                "SignatureNonceUsed",
                "MissingSignature",
                "MissingSecurityToken"
            ]
        );
        let e = VerifyError::new(Scheme::AliyunRpcHmacSha1, kinds[0].clone());
        assert_eq!(
            e.vendor_message(),
            "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&x"
        );
        assert_eq!(
            VerifyError::new(Scheme::AliyunAcs3HmacSha256, kinds[2].clone()).http_status(),
            404
        );
    }

    #[test]
    fn tokens_compare_and_classify() {
        let temp = KeyRecord::with_token("s", "tok");
        let long = KeyRecord::new("s");
        let s = Scheme::Tc3HmacSha256;
        assert!(check_token(s, &temp, Some("tok")).is_ok());
        assert!(check_token(s, &long, None).is_ok());
        let problem = |r: Result<(), VerifyError>| match r.map_err(|e| e.kind) {
            Err(VerifyErrorKind::SecurityToken { problem }) => Some(problem),
            _ => None,
        };
        assert_eq!(
            problem(check_token(s, &temp, Some("tok2"))),
            Some(TokenProblem::Mismatch)
        );
        assert_eq!(
            problem(check_token(s, &temp, None)),
            Some(TokenProblem::Missing)
        );
        assert_eq!(
            problem(check_token(s, &long, Some("t"))),
            Some(TokenProblem::Unexpected)
        );
    }
}
