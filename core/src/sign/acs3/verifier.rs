//! Server side of ACS3: checks a request the way Alibaba's gateway does for V3 signatures.

use super::{
    ALGORITHM, CONTENT_SHA256_HEADER, Canonical, DATE_HEADER, NONCE_HEADER, SECURITY_TOKEN_HEADER,
    SignedHeaders, canonical_headers, new_mac, string_to_sign,
};
use crate::http::{HttpRequest, UrlParts};
use crate::sign::encode::{cmp_utf16, hex_str, hex32, parse_query};
use crate::sign::keys::{CredentialLookup, NonceStore};
use crate::sign::time::parse_iso8601;
use crate::sign::verify::{
    Field, VerifiedRequest, VerifyError, VerifyErrorKind, check_token, check_window,
};
use crate::sign::{ALIYUN_WINDOW_SECS, Scheme};
use hmac::Mac;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Server-side ACS3 verification (the simulator's Alibaba gateway for V3 requests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acs3Verifier {
    /// Allowed clock skew either way (Alibaba: 900 s).
    pub window_secs: i64,
}

impl Default for Acs3Verifier {
    fn default() -> Self {
        Acs3Verifier {
            window_secs: ALIYUN_WINDOW_SECS,
        }
    }
}

const SCHEME: Scheme = Scheme::AliyunAcs3HmacSha256;

/// Headers that must be signed whenever present: Alibaba's "除 Authorization 外的所有公共请求头，
/// 只要存在必须被加入签名" (every common header except Authorization, if present, must be signed;
/// help.aliyun.com V3 request-structure page).
const MUST_SIGN: &[&str] = &[
    "host",
    "x-acs-action",
    "x-acs-version",
    DATE_HEADER,
    NONCE_HEADER,
    CONTENT_SHA256_HEADER,
    SECURITY_TOKEN_HEADER,
];

struct ParsedAuth<'a> {
    key_id: &'a str,
    signed_headers: Vec<String>,
    signature: [u8; 32],
}

fn parse_authorization(value: &str) -> Result<ParsedAuth<'_>, VerifyError> {
    let bad = |reason: &str| VerifyError::malformed(SCHEME, Field::Authorization, reason);
    let (algorithm, rest) = value.trim().split_once(' ').ok_or_else(|| {
        bad("expected `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`")
    })?;
    if algorithm != ALGORITHM {
        return Err(VerifyError::new(
            SCHEME,
            VerifyErrorKind::UnsupportedAlgorithm {
                algorithm: algorithm.to_owned(),
            },
        ));
    }
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for item in rest.split(',') {
        let (k, v) = item
            .trim()
            .split_once('=')
            .ok_or_else(|| bad("each part must be key=value"))?;
        let slot = match k {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => {
                return Err(bad(
                    "unknown part (expected Credential, SignedHeaders, Signature)",
                ));
            }
        };
        if slot.replace(v).is_some() {
            return Err(bad("a part appears twice"));
        }
    }
    let key_id = credential
        .filter(|c| !c.is_empty())
        .ok_or_else(|| bad("Credential is missing"))?;
    let signed = signed.ok_or_else(|| bad("SignedHeaders is missing"))?;
    let signature = signature.ok_or_else(|| bad("Signature is missing"))?;
    let signature = crate::sign::encode::unhex32(signature)
        .ok_or_else(|| bad("Signature must be 64 hex digits"))?;
    let mut signed_headers = Vec::new();
    for name in signed.split(';') {
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(bad(
                "SignedHeaders must be lower-case names separated by ';'",
            ));
        }
        signed_headers.push(name.to_owned());
    }
    Ok(ParsedAuth {
        key_id,
        signed_headers,
        signature,
    })
}

impl Acs3Verifier {
    /// Checks `req` at server time `now`. The nonce is recorded in `nonces` only once the signature
    /// is valid, so a forged request cannot burn a client's nonce; a valid request whose nonce was
    /// used is refused with `SignatureNonceUsed`.
    pub fn verify<L: CredentialLookup + ?Sized, N: NonceStore + ?Sized>(
        &self,
        req: &HttpRequest,
        keys: &L,
        nonces: &N,
        now: i64,
    ) -> Result<VerifiedRequest, VerifyError> {
        let auth = req
            .header("Authorization")
            .ok_or_else(|| VerifyError::missing(SCHEME, Field::Authorization))?;
        let auth = parse_authorization(auth)?;
        let date = req
            .header(DATE_HEADER)
            .ok_or_else(|| VerifyError::missing(SCHEME, Field::Timestamp))?;
        let timestamp = parse_iso8601(date.trim()).ok_or_else(|| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::TimestampMalformed {
                    value: date.to_owned(),
                },
            )
        })?;
        check_window(SCHEME, timestamp, now, self.window_secs)?;
        let nonce = req
            .header(NONCE_HEADER)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| VerifyError::missing(SCHEME, Field::SignatureNonce))?;
        if req.header(CONTENT_SHA256_HEADER).is_none() {
            return Err(VerifyError::missing(SCHEME, Field::ContentSha256));
        }
        for must in MUST_SIGN {
            if req.header(must).is_some() && !auth.signed_headers.iter().any(|h| h == must) {
                return Err(VerifyError::malformed(
                    SCHEME,
                    Field::Authorization,
                    format!("SignedHeaders must include {must}"),
                ));
            }
        }
        for name in &auth.signed_headers {
            if name != "host" && req.header(name).is_none() {
                return Err(VerifyError::missing(SCHEME, Field::Header(name.clone())));
            }
        }
        let record = keys.lookup(auth.key_id).ok_or_else(|| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::UnknownKey {
                    key_id: auth.key_id.to_owned(),
                },
            )
        })?;
        let token = req.header(SECURITY_TOKEN_HEADER);
        check_token(SCHEME, &record, token)?;

        let url = UrlParts::parse(&req.url).map_err(|e| malformed_request(e.to_string()))?;
        let query = parse_query(url.query).map_err(|e| malformed_request(e.to_string()))?;
        let mut headers =
            canonical_headers(req, &SignedHeaders::Exactly(auth.signed_headers.clone()));
        if req.header("host").is_none() && auth.signed_headers.iter().any(|h| h == "host") {
            // HTTP/2 carries the host as :authority; the URL has it.
            headers.push(("host".to_owned(), url.authority.to_owned()));
            headers.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
        }
        // The server signs the list the client declared, in the client's order.
        let names = auth.signed_headers.join(";");
        let ordered: Vec<(String, String)> = auth
            .signed_headers
            .iter()
            .filter_map(|n| headers.iter().find(|(h, _)| h == n).cloned())
            .collect();
        let payload = hex32(&Sha256::digest(&req.body));
        let mut query: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        query.sort_by(|a, b| cmp_utf16(a.0, b.0));
        let ordered: Vec<(&str, &str)> = ordered
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let method = req.method.to_ascii_uppercase();
        let hash = Canonical {
            method: &method,
            path: url.path,
            query: &query,
            headers: &ordered,
            signed_names: &names,
            payload_hash: hex_str(&payload),
        }
        .hash();
        let sts = string_to_sign(&hash);
        let mut mac = new_mac(record.secret.expose().as_bytes());
        mac.update(sts.as_bytes());
        let sig: [u8; 32] = mac.finalize().into_bytes().into();
        if !bool::from(sig.ct_eq(&auth.signature)) {
            return Err(VerifyError::new(
                SCHEME,
                VerifyErrorKind::SignatureMismatch {
                    string_to_sign: sts,
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
            key_id: auth.key_id.to_owned(),
            timestamp: Some(timestamp),
            nonce: Some(nonce.to_owned()),
            service: None,
            security_token: token.is_some(),
        })
    }
}

fn malformed_request(reason: String) -> VerifyError {
    VerifyError::new(SCHEME, VerifyErrorKind::MalformedRequest { reason })
}
