//! Tencent Cloud API 3.0 signature, `TC3-HMAC-SHA256`, exactly as `tencentcloud-sdk-nodejs`
//! (`tencentcloud/common/sign.js`, `Sign.sign3`) computes it:
//!
//! ```text
//! CanonicalRequest = METHOD \n path \n query \n content-type:<Content-Type>\nhost:<hostname>\n \n content-type;host \n hex(sha256(body))
//! StringToSign     = TC3-HMAC-SHA256 \n <timestamp> \n <UTC date>/<service>/tc3_request \n hex(sha256(CanonicalRequest))
//! kSigning         = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
//! Signature        = hex(HMAC(kSigning, StringToSign))
//! ```
//!
//! SDK details reproduced on purpose: the signed headers are always `content-type;host`; the
//! Content-Type value is signed as sent (not lower-cased); the host is the URL's hostname without a
//! port (`URL.hostname`); the query is signed as it appears in the URL; the service is the first
//! label of the host (`ccc` for both `ccc.tencentcloudapi.com` and `ccc.intl.tencentcloudapi.com`);
//! the date is the UTC date of the timestamp — never local time, which is the classic bug at
//! Beijing midnight.
//!
//! [`Tc3Signer`] keeps the derived `kSigning` for the current UTC day and service, which removes
//! three of the five HMACs from every signature. [`Tc3Verifier`] is the server side.

use super::encode::{Sink, hex_str, hex32};
use super::time::{ascii, utc_date};
use super::{SignError, SigningSteps, check_timestamp};
use crate::http::{HttpRequest, UrlParts};
use crate::secret::Secret;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;
use std::sync::Mutex;

type HmacSha256 = Hmac<Sha256>;

/// The algorithm name in `Authorization` and the string to sign.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// The headers the official SDKs sign.
pub const SIGNED_HEADERS: &str = "content-type;host";
/// Header carrying the Unix timestamp.
pub const TIMESTAMP_HEADER: &str = "X-TC-Timestamp";
/// Header carrying the STS session token.
pub const TOKEN_HEADER: &str = "X-TC-Token";
const SCOPE_TERMINATOR: &str = "tc3_request";
/// Header by which a client declares an unsigned body.
pub const CONTENT_SHA256_HEADER: &str = "X-TC-Content-SHA256";
/// Its only value.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Tencent Cloud API credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tc3Credentials {
    /// The SecretId (`AKID…`; names the key, not secret).
    pub secret_id: String,
    /// The SecretKey.
    pub secret_key: Secret,
    /// The STS session token of temporary credentials, sent as `X-TC-Token`.
    pub token: Option<Secret>,
}

impl Tc3Credentials {
    /// Long-term credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Tc3Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// Adds an STS token (temporary credentials).
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

fn new_mac(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        // HMAC accepts keys of every length; `new_from_slice` only fails for fixed-key MACs.
        Err(_) => unreachable!("HMAC-SHA256 accepts any key length"),
    }
}

fn hmac(key: &[u8], msg: &str) -> [u8; 32] {
    let mut m = new_mac(key);
    m.update(msg.as_bytes());
    m.finalize().into_bytes().into()
}

/// `kSigning` as a MAC keyed and ready to take a string to sign.
fn derive_signing_mac(secret_key: &str, date: &str, service: &str) -> HmacSha256 {
    let mut key = Vec::with_capacity(3 + secret_key.len());
    key.extend_from_slice(b"TC3");
    key.extend_from_slice(secret_key.as_bytes());
    let k_date = hmac(&key, date);
    key.iter_mut().for_each(|b| *b = 0);
    let k_service = hmac(&k_date, service);
    let k_signing = hmac(&k_service, SCOPE_TERMINATOR);
    new_mac(&k_signing)
}

/// The per-UTC-day signing key: reused while the date and service stay the same.
struct CachedKey {
    day: i64,
    service: String,
    mac: HmacSha256,
}

/// Signs requests with one set of credentials. Cheap to share: `&self` methods, the key cache
/// behind a mutex (held for a clone of the keyed MAC only).
pub struct Tc3Signer {
    credentials: Tc3Credentials,
    service: Option<String>,
    cache: Mutex<Option<CachedKey>>,
}

impl fmt::Debug for Tc3Signer {
    /// Shows the SecretId and which day/service the cache holds; never a key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self
            .cache
            .lock()
            .map(|c| c.as_ref().map(|k| (k.day, k.service.clone())))
            .unwrap_or(None);
        f.debug_struct("Tc3Signer")
            .field("credentials", &self.credentials)
            .field("service", &self.service)
            .field("cached_day_and_service", &cached)
            .finish()
    }
}

impl Clone for Tc3Signer {
    fn clone(&self) -> Self {
        Tc3Signer {
            credentials: self.credentials.clone(),
            service: self.service.clone(),
            cache: Mutex::new(None),
        }
    }
}

/// What TC3 reads from a request, borrowed.
struct Parts<'a> {
    method: &'static str,
    path: &'a str,
    query: &'a str,
    content_type: &'a str,
    host: Cow<'a, str>,
}

impl Tc3Signer {
    /// A signer for `credentials`; the service is taken from each request's host.
    pub fn new(credentials: Tc3Credentials) -> Self {
        Tc3Signer {
            credentials,
            service: None,
            cache: Mutex::new(None),
        }
    }

    /// Uses `service` instead of the host's first label (e.g. when the host is a local simulator).
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// The credentials this signer uses.
    pub fn credentials(&self) -> &Tc3Credentials {
        &self.credentials
    }

    /// Signs `req` in place: sets `X-TC-Timestamp`, `X-TC-Token` (temporary credentials; removed
    /// otherwise) and `Authorization`. The request must already carry `Content-Type` and the body.
    pub fn sign(&self, req: &mut HttpRequest, timestamp: i64) -> Result<(), SignError> {
        check_timestamp(timestamp)?;
        let mut digits = [0u8; 20];
        req.set_header(TIMESTAMP_HEADER, fmt_decimal(timestamp, &mut digits));
        match &self.credentials.token {
            Some(t) => req.set_header(TOKEN_HEADER, t.expose()),
            None => {
                req.remove_header(TOKEN_HEADER);
            }
        }
        let auth = self.authorization(req, timestamp)?;
        req.set_header("Authorization", auth);
        Ok(())
    }

    /// The `Authorization` value for `req` at `timestamp`, computed without building the
    /// intermediate strings (hashes are fed directly; hex lives on the stack).
    pub fn authorization(&self, req: &HttpRequest, timestamp: i64) -> Result<String, SignError> {
        self.authorization_with_body(req, &req.body, timestamp)
    }

    /// [`Tc3Signer::authorization`] of `req` carrying `body` instead of its own (whose bytes are
    /// ignored): for bindings that sign many bodies where they lie, without copying them into a
    /// request.
    pub fn authorization_with_body(
        &self,
        req: &HttpRequest,
        body: &[u8],
        timestamp: i64,
    ) -> Result<String, SignError> {
        Ok(self.bodies(req, timestamp)?.into_authorization(body))
    }

    /// Every intermediate for `req` at `timestamp` (for tests and debugging). Same bytes as
    /// [`Tc3Signer::authorization`] signs.
    pub fn steps(&self, req: &HttpRequest, timestamp: i64) -> Result<SigningSteps, SignError> {
        check_timestamp(timestamp)?;
        let parts = self.parts(req)?;
        let service = self.service_for(&parts)?;
        let date = utc_date(timestamp);
        let date = ascii(&date);
        let body_hash = hex32(&Sha256::digest(&req.body));
        let mut canonical_request = String::new();
        write_canonical_request(
            &mut canonical_request,
            parts.method,
            parts.path,
            parts.query,
            &[("content-type", parts.content_type), ("host", &parts.host)],
            SIGNED_HEADERS,
            hex_str(&body_hash),
        );
        let canonical_hash = hex32(&Sha256::digest(canonical_request.as_bytes()));
        let mut string_to_sign = String::new();
        let mut digits = [0u8; 20];
        write_string_to_sign(
            &mut string_to_sign,
            fmt_decimal(timestamp, &mut digits),
            date,
            service,
            hex_str(&canonical_hash),
        );
        let mut mac = self.signing_mac(timestamp, date, service);
        mac.update(string_to_sign.as_bytes());
        let signature = hex_str(&hex32(&mac.finalize().into_bytes())).to_owned();
        let authorization = authorization_value(
            &self.credentials.secret_id,
            date,
            service,
            SIGNED_HEADERS,
            &signature,
        );
        Ok(SigningSteps {
            canonical_request,
            string_to_sign,
            signature,
            authorization: Some(authorization),
        })
    }

    fn parts<'a>(&self, req: &'a HttpRequest) -> Result<Parts<'a>, SignError> {
        let method = if req.method.eq_ignore_ascii_case("POST") {
            "POST"
        } else if req.method.eq_ignore_ascii_case("GET") {
            "GET"
        } else {
            return Err(SignError::UnsupportedMethod(req.method.clone()));
        };
        let url = UrlParts::parse(&req.url)?;
        let content_type = req
            .header("Content-Type")
            .ok_or(SignError::MissingHeader("Content-Type"))?;
        // `URL.hostname`: no port, ASCII lower case.
        let host = url.host();
        let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(host.to_ascii_lowercase())
        } else {
            Cow::Borrowed(host)
        };
        Ok(Parts {
            method,
            path: url.path,
            query: url.query,
            content_type,
            host,
        })
    }

    fn service_for<'a>(&'a self, parts: &'a Parts<'_>) -> Result<&'a str, SignError> {
        match &self.service {
            Some(s) => Ok(s),
            None => match parts.host.split('.').next() {
                Some(s) if !s.is_empty() => Ok(s),
                _ => Err(SignError::NoService),
            },
        }
    }

    /// The keyed `kSigning` MAC for the timestamp's UTC day and `service`, from the cache when it
    /// holds the same day and service.
    fn signing_mac(&self, timestamp: i64, date: &str, service: &str) -> HmacSha256 {
        let day = timestamp.div_euclid(86_400);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = cache
            .as_ref()
            .filter(|k| k.day == day && k.service == service)
        {
            return k.mac.clone();
        }
        let mac = derive_signing_mac(self.credentials.secret_key.expose(), date, service);
        *cache = Some(CachedKey {
            day,
            service: service.to_owned(),
            mac: mac.clone(),
        });
        mac
    }

    #[cfg(test)]
    fn cached_day(&self) -> Option<i64> {
        self.cache
            .lock()
            .ok()
            .and_then(|c| c.as_ref().map(|k| k.day))
    }
}

fn fmt_decimal(v: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    // Timestamps are range-checked non-negative before formatting.
    ascii(&buf[i..])
}

fn write_canonical_request<S: Sink + ?Sized>(
    s: &mut S,
    method: &str,
    path: &str,
    query: &str,
    headers: &[(&str, &str)],
    signed_headers: &str,
    payload_hash: &str,
) {
    s.put(method);
    s.put("\n");
    s.put(path);
    s.put("\n");
    s.put(query);
    s.put("\n");
    for (name, value) in headers {
        s.put(name);
        s.put(":");
        s.put(value);
        s.put("\n");
    }
    s.put("\n");
    s.put(signed_headers);
    s.put("\n");
    s.put(payload_hash);
}

fn write_string_to_sign<S: Sink + ?Sized>(
    s: &mut S,
    timestamp: &str,
    date: &str,
    service: &str,
    canonical_hash: &str,
) {
    s.put(ALGORITHM);
    s.put("\n");
    s.put(timestamp);
    s.put("\n");
    s.put(date);
    s.put("/");
    s.put(service);
    s.put("/");
    s.put(SCOPE_TERMINATOR);
    s.put("\n");
    s.put(canonical_hash);
}

fn authorization_value(
    secret_id: &str,
    date: &str,
    service: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    let mut a = String::with_capacity(
        ALGORITHM.len() + secret_id.len() + service.len() + signed_headers.len() + 120,
    );
    for piece in [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        date,
        "/",
        service,
        "/",
        SCOPE_TERMINATOR,
        ", SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ] {
        a.push_str(piece);
    }
    a
}

mod bodies;
mod verifier;
pub use bodies::Tc3Bodies;
pub use verifier::Tc3Verifier;

#[cfg(test)]
mod tests;
