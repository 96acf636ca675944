//! Server side of RPC v1: checks a request the way Alibaba's POP gateway does.

use super::{
    SIGNATURE_METHOD, SIGNATURE_VERSION, canonicalize, request_params, secret_mac, sorted_params,
    stream_signature, string_to_sign,
};
use crate::http::HttpRequest;
use crate::sign::keys::{CredentialLookup, NonceStore};
use crate::sign::time::parse_iso8601;
use crate::sign::verify::{
    Field, VerifiedRequest, VerifyError, VerifyErrorKind, check_token, check_window,
};
use crate::sign::{ALIYUN_WINDOW_SECS, Scheme};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use subtle::ConstantTimeEq;

/// Server-side RPC v1 verification (the simulator's dyvms gateway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcVerifier {
    /// Allowed clock skew either way (Alibaba: 900 s).
    pub window_secs: i64,
}

impl Default for RpcVerifier {
    fn default() -> Self {
        RpcVerifier {
            window_secs: ALIYUN_WINDOW_SECS,
        }
    }
}

const SCHEME: Scheme = Scheme::AliyunRpcHmacSha1;

fn first<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl RpcVerifier {
    /// Checks `req` at server time `now`: parameters from the query and a form body, then
    /// `Signature`, `AccessKeyId`, `SignatureMethod`/`SignatureVersion`, `Timestamp` (format and
    /// window), `SignatureNonce`, key, STS token, signature, and finally the nonce (recorded only for
    /// a valid signature).
    pub fn verify<L: CredentialLookup + ?Sized, N: NonceStore + ?Sized>(
        &self,
        req: &HttpRequest,
        keys: &L,
        nonces: &N,
        now: i64,
    ) -> Result<VerifiedRequest, VerifyError> {
        let params = request_params(req).map_err(|e| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::MalformedRequest {
                    reason: e.to_string(),
                },
            )
        })?;
        let need = |name: &str, field: Field| {
            first(&params, name).ok_or_else(|| VerifyError::missing(SCHEME, field))
        };
        let signature = need("Signature", Field::Signature)?;
        let key_id = need("AccessKeyId", Field::AccessKeyId)?;
        let method = need("SignatureMethod", Field::SignatureMethod)?;
        if method != SIGNATURE_METHOD {
            return Err(VerifyError::new(
                SCHEME,
                VerifyErrorKind::UnsupportedAlgorithm {
                    algorithm: method.to_owned(),
                },
            ));
        }
        let version = need("SignatureVersion", Field::SignatureVersion)?;
        if version != SIGNATURE_VERSION {
            return Err(VerifyError::malformed(
                SCHEME,
                Field::SignatureVersion,
                format!("must be {SIGNATURE_VERSION}"),
            ));
        }
        let ts_value = need("Timestamp", Field::Timestamp)?;
        let timestamp = parse_iso8601(ts_value).ok_or_else(|| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::TimestampMalformed {
                    value: ts_value.to_owned(),
                },
            )
        })?;
        check_window(SCHEME, timestamp, now, self.window_secs)?;
        let nonce = need("SignatureNonce", Field::SignatureNonce)?;
        if nonce.is_empty() {
            return Err(VerifyError::missing(SCHEME, Field::SignatureNonce));
        }
        let record = keys.lookup(key_id).ok_or_else(|| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::UnknownKey {
                    key_id: key_id.to_owned(),
                },
            )
        })?;
        let token = first(&params, "SecurityToken");
        check_token(SCHEME, &record, token)?;

        let want = stream_signature(
            &secret_mac(record.secret.expose()),
            &req.method,
            &sorted_params(&params),
        );
        // Compare decoded bytes; a signature that is not base64 of 20 bytes simply does not match.
        let got = BASE64.decode(signature.as_bytes()).unwrap_or_default();
        if !bool::from(got.as_slice().ct_eq(&want[..])) {
            // Only a refused request pays for building the string to sign it shows.
            return Err(VerifyError::new(
                SCHEME,
                VerifyErrorKind::SignatureMismatch {
                    string_to_sign: string_to_sign(&req.method, &canonicalize(&params)),
                },
            ));
        }
        if !nonces.check_and_insert(nonce, now) {
            return Err(VerifyError::new(
                SCHEME,
                VerifyErrorKind::NonceReused {
                    nonce: nonce.to_owned(),
                },
            ));
        }
        Ok(VerifiedRequest {
            scheme: SCHEME,
            key_id: key_id.to_owned(),
            timestamp: Some(timestamp),
            nonce: Some(nonce.to_owned()),
            service: None,
            security_token: token.is_some(),
        })
    }
}
