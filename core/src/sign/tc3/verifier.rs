//! Server side of TC3: checks a request the way Tencent's gateway does.

use super::{
    ALGORITHM, CONTENT_SHA256_HEADER, SCOPE_TERMINATOR, TIMESTAMP_HEADER, TOKEN_HEADER,
    UNSIGNED_PAYLOAD, derive_signing_mac, write_canonical_request, write_string_to_sign,
};
use crate::http::{HttpRequest, UrlParts, strip_port};
use crate::sign::encode::{hex_str, hex32, unhex32};
use crate::sign::keys::CredentialLookup;
use crate::sign::time::{ascii, utc_date};
use crate::sign::verify::{
    Field, VerifiedRequest, VerifyError, VerifyErrorKind, check_token, check_window,
};
use crate::sign::{Scheme, TENCENT_WINDOW_SECS};
use hmac::Mac;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Server-side TC3 verification (the simulator's Tencent gateway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tc3Verifier {
    /// Allowed clock skew either way (Tencent: 300 s).
    pub window_secs: i64,
    /// The service this server is (`ccc`). `None` accepts the service named in the credential scope,
    /// which is what a local simulator needs: the Node SDK derives the service from its endpoint's
    /// first label, so a client pointed at `127.0.0.1` signs for service `127`.
    pub service: Option<String>,
}

impl Default for Tc3Verifier {
    fn default() -> Self {
        Tc3Verifier {
            window_secs: TENCENT_WINDOW_SECS,
            service: None,
        }
    }
}

/// A parsed `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct ParsedAuth<'a> {
    secret_id: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: [u8; 32],
}

const SCHEME: Scheme = Scheme::Tc3HmacSha256;

fn parse_authorization(value: &str) -> Result<ParsedAuth<'_>, VerifyError> {
    let bad = |reason: &str| VerifyError::malformed(SCHEME, Field::Authorization, reason);
    let value = value.trim();
    let (algorithm, rest) = value.split_once(' ').ok_or_else(|| {
        bad("expected `TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`")
    })?;
    if algorithm != ALGORITHM {
        return Err(VerifyError::new(
            SCHEME,
            VerifyErrorKind::UnsupportedAlgorithm {
                algorithm: algorithm.to_owned(),
            },
        ));
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for item in rest.split(',') {
        let (k, v) = item
            .trim()
            .split_once('=')
            .ok_or_else(|| bad("each part must be key=value"))?;
        let slot = match k {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
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
    let credential = credential.ok_or_else(|| bad("Credential is missing"))?;
    let signed_headers = signed_headers.ok_or_else(|| bad("SignedHeaders is missing"))?;
    let signature = signature.ok_or_else(|| bad("Signature is missing"))?;
    let mut scope = credential.split('/');
    let (Some(secret_id), Some(_date), Some(service), Some(term), None) = (
        scope.next(),
        scope.next(),
        scope.next(),
        scope.next(),
        scope.next(),
    ) else {
        return Err(bad("Credential must be SecretId/date/service/tc3_request"));
    };
    if secret_id.is_empty() || service.is_empty() || term != SCOPE_TERMINATOR {
        return Err(bad("Credential must be SecretId/date/service/tc3_request"));
    }
    let signature = unhex32(signature).ok_or_else(|| bad("Signature must be 64 hex digits"))?;
    Ok(ParsedAuth {
        secret_id,
        service,
        signed_headers,
        signature,
    })
}

impl Tc3Verifier {
    /// Checks `req` against the key found through `keys`, at server time `now` (Unix seconds).
    ///
    /// Order: Authorization shape, timestamp, window, key, token, signature — each failure with its
    /// `AuthFailure.*` code. The server recomputes everything from the request: the date comes from
    /// `X-TC-Timestamp` (a client that signs with its local date fails with the server's string to
    /// sign in the error), header values are trimmed and lower-cased as Tencent's documentation
    /// specifies, and the signed header list is the one the client sent (it must include
    /// `content-type` and `host`).
    pub fn verify<L: CredentialLookup + ?Sized>(
        &self,
        req: &HttpRequest,
        keys: &L,
        now: i64,
    ) -> Result<VerifiedRequest, VerifyError> {
        let auth = req
            .header("Authorization")
            .ok_or_else(|| VerifyError::missing(SCHEME, Field::Authorization))?;
        let auth = parse_authorization(auth)?;
        let ts_value = req
            .header(TIMESTAMP_HEADER)
            .ok_or_else(|| VerifyError::missing(SCHEME, Field::Timestamp))?;
        let timestamp = parse_timestamp(ts_value)?;
        check_window(SCHEME, timestamp, now, self.window_secs)?;
        let record = keys.lookup(auth.secret_id).ok_or_else(|| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::UnknownKey {
                    key_id: auth.secret_id.to_owned(),
                },
            )
        })?;
        let token = req.header(TOKEN_HEADER);
        check_token(SCHEME, &record, token)?;

        let service = self.service.as_deref().unwrap_or(auth.service);
        let url = UrlParts::parse(&req.url).map_err(|e| {
            VerifyError::new(
                SCHEME,
                VerifyErrorKind::MalformedRequest {
                    reason: e.to_string(),
                },
            )
        })?;
        let mut headers: Vec<(&str, String)> = Vec::new();
        let mut has = (false, false);
        for name in auth.signed_headers.split(';') {
            if name.is_empty() || name.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(VerifyError::malformed(
                    SCHEME,
                    Field::Authorization,
                    "SignedHeaders must be lower-case names separated by ';'",
                ));
            }
            has.0 |= name == "content-type";
            has.1 |= name == "host";
            let value = match (req.header(name), name) {
                (Some(v), _) => v,
                // HTTP/2 carries the host as :authority; the URL has it too.
                (None, "host") => url.authority,
                (None, _) => {
                    return Err(VerifyError::missing(SCHEME, Field::Header(name.to_owned())));
                }
            };
            headers.push((name, value.trim().to_lowercase()));
        }
        if !(has.0 && has.1) {
            return Err(VerifyError::malformed(
                SCHEME,
                Field::Authorization,
                "SignedHeaders must include content-type and host",
            ));
        }

        let date = utc_date(timestamp);
        let date = ascii(&date);
        let mac = derive_signing_mac(record.secret.expose(), date, service);
        // The Python SDK's `unsignedPayload` option sends `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`
        // and hashes that literal instead of the body (tencentcloud-sdk-python-common,
        // AbstractClient._get_tc3_signature).
        let unsigned = req
            .header(CONTENT_SHA256_HEADER)
            .is_some_and(|v| v.trim() == UNSIGNED_PAYLOAD);
        let body_hash = if unsigned {
            hex32(&Sha256::digest(UNSIGNED_PAYLOAD.as_bytes()))
        } else {
            hex32(&Sha256::digest(&req.body))
        };
        let method = req.method.to_ascii_uppercase();
        let compute = |headers: &[(&str, &str)]| {
            let mut canonical = String::new();
            write_canonical_request(
                &mut canonical,
                &method,
                url.path,
                url.query,
                headers,
                auth.signed_headers,
                hex_str(&body_hash),
            );
            let mut sts = String::new();
            write_string_to_sign(
                &mut sts,
                ts_value.trim(),
                date,
                service,
                hex_str(&hex32(&Sha256::digest(canonical.as_bytes()))),
            );
            let mut m = mac.clone();
            m.update(sts.as_bytes());
            let sig: [u8; 32] = m.finalize().into_bytes().into();
            (bool::from(sig.ct_eq(&auth.signature)), sts)
        };
        let as_sent: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let (mut ok, sts) = compute(&as_sent);
        if !ok {
            // The Node SDK signs `URL.hostname` (no port) while sending `Host: host:port`; a client
            // pointed at a local port is still valid if the portless host matches.
            let portless: Vec<(&str, &str)> = as_sent
                .iter()
                .map(|&(n, v)| {
                    if n == "host" {
                        (n, strip_port(v))
                    } else {
                        (n, v)
                    }
                })
                .collect();
            if portless != as_sent {
                ok = compute(&portless).0;
            }
        }
        if !ok {
            return Err(VerifyError::new(
                SCHEME,
                VerifyErrorKind::SignatureMismatch {
                    string_to_sign: sts,
                },
            ));
        }
        Ok(VerifiedRequest {
            scheme: SCHEME,
            key_id: auth.secret_id.to_owned(),
            timestamp: Some(timestamp),
            nonce: None,
            service: Some(service.to_owned()),
            security_token: token.is_some(),
        })
    }
}

fn parse_timestamp(value: &str) -> Result<i64, VerifyError> {
    let v = value.trim();
    let parsed = if !v.is_empty() && v.len() <= 12 && v.bytes().all(|b| b.is_ascii_digit()) {
        v.parse::<i64>()
            .ok()
            .filter(|ts| crate::sign::time::in_range(*ts))
    } else {
        None
    };
    parsed.ok_or_else(|| {
        VerifyError::new(
            SCHEME,
            VerifyErrorKind::TimestampMalformed {
                value: value.to_owned(),
            },
        )
    })
}
