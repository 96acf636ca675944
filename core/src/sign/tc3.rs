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

use super::encode::{Sink, StackBuf, hex_str, hex32, sha256_of, unhex32};
use super::time::{ascii, utc_date};
use super::verify::{
    CredentialLookup, Field, VerifiedRequest, VerifyError, VerifyErrorKind, check_token,
    check_window,
};
use super::{Scheme, SignError, SigningSteps, TENCENT_WINDOW_SECS, check_timestamp};
use crate::http::{HttpRequest, UrlParts, strip_port};
use crate::secret::Secret;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;
use std::sync::Mutex;
use subtle::ConstantTimeEq;

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
        check_timestamp(timestamp)?;
        let parts = self.parts(req)?;
        let service = self.service_for(&parts)?;
        let date = utc_date(timestamp);
        let date = ascii(&date);

        let body_hash = hex32(&Sha256::digest(&req.body));
        let headers = [("content-type", parts.content_type), ("host", &*parts.host)];
        let canonical_hash = hex32(&sha256_of(|s| {
            write_canonical_request(
                s,
                parts.method,
                parts.path,
                parts.query,
                &headers,
                SIGNED_HEADERS,
                hex_str(&body_hash),
            )
        }));

        let mut mac = self.signing_mac(timestamp, date, service);
        let mut digits = [0u8; 20];
        let ts = fmt_decimal(timestamp, &mut digits);
        let write_sts =
            |s: &mut dyn Sink| write_string_to_sign(s, ts, date, service, hex_str(&canonical_hash));
        // One MAC update from a stack buffer; stream only if the service name is unusually long.
        let mut sts = StackBuf::<256>::new();
        write_sts(&mut sts);
        match sts.bytes() {
            Some(b) => mac.update(b),
            None => write_sts(&mut mac),
        }
        let signature = hex32(&mac.finalize().into_bytes());
        Ok(authorization_value(
            &self.credentials.secret_id,
            date,
            service,
            SIGNED_HEADERS,
            hex_str(&signature),
        ))
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
            .filter(|ts| super::time::in_range(*ts))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::verify::KeyRecord;

    fn doc_request() -> HttpRequest {
        // Tencent's published example (also a conformance case; here to exercise the API directly).
        HttpRequest::new("POST", "https://cvm.tencentcloudapi.com/")
            .with_header("Host", "cvm.tencentcloudapi.com")
            .with_header("Content-Type", "application/json; charset=utf-8")
            .with_header("X-TC-Action", "DescribeInstances")
            .with_body(
                &br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#[..],
            )
    }

    fn doc_signer() -> Tc3Signer {
        Tc3Signer::new(Tc3Credentials::new(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        ))
    }

    const DOC_TS: i64 = 1_551_113_065;
    const DOC_SIG: &str = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";

    #[test]
    fn fast_path_and_steps_agree_with_the_published_example() {
        let s = doc_signer();
        let req = doc_request();
        let fast = s.authorization(&req, DOC_TS).unwrap();
        let steps = s.steps(&req, DOC_TS).unwrap();
        assert_eq!(steps.signature, DOC_SIG);
        assert_eq!(Some(fast.clone()), steps.authorization);
        assert!(fast.ends_with(DOC_SIG), "{fast}");
    }

    #[test]
    fn the_key_cache_is_per_utc_day_and_correct_across_midnight() {
        let s = doc_signer();
        let req = doc_request();
        // 2024-03-01T15:59:59Z and 16:00:00Z: both "2024-03-01" in UTC (00:00 Mar 2 in Beijing).
        // 23:59:59Z and 00:00:00Z the next day: different credential dates.
        let times = [1_709_308_799, 1_709_308_800, 1_709_337_599, 1_709_337_600];
        for &ts in &times {
            let cached = s.authorization(&req, ts).unwrap();
            let fresh = doc_signer().authorization(&req, ts).unwrap();
            assert_eq!(cached, fresh, "{ts}");
            assert_eq!(s.cached_day(), Some(ts.div_euclid(86_400)));
        }
        let before = s.authorization(&req, 1_709_337_599).unwrap();
        let after = s.authorization(&req, 1_709_337_600).unwrap();
        assert!(before.contains("/2024-03-01/cvm/"), "{before}");
        assert!(after.contains("/2024-03-02/cvm/"), "{after}");
        // Going back a day after the cache moved on is still right.
        assert_eq!(s.authorization(&req, 1_709_337_599).unwrap(), before);
    }

    #[test]
    fn debug_never_shows_the_key() {
        let s = doc_signer().with_service("cvm");
        s.authorization(&doc_request(), DOC_TS).unwrap();
        let dbg = format!("{s:?}");
        assert!(!dbg.contains("Gu5t9x"), "{dbg}");
        assert!(
            dbg.contains("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
            "{dbg}"
        );
    }

    #[test]
    fn sign_sets_headers_and_verifies() {
        let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1").with_token("tok"));
        let mut req = doc_request();
        req.url = "https://ccc.intl.tencentcloudapi.com/".into();
        req.set_header("Host", "ccc.intl.tencentcloudapi.com");
        s.sign(&mut req, 1_700_000_000).unwrap();
        assert_eq!(req.header("X-TC-Timestamp"), Some("1700000000"));
        assert_eq!(req.header("X-TC-Token"), Some("tok"));
        let auth = req.header("Authorization").unwrap();
        assert!(
            auth.contains("Credential=AKID1/2023-11-14/ccc/tc3_request"),
            "{auth}"
        );
        let keys = |id: &str| (id == "AKID1").then(|| KeyRecord::with_token("key1", "tok"));
        let v = Tc3Verifier::default();
        let ok = v.verify(&req, &keys, 1_700_000_100).unwrap();
        assert_eq!(ok.key_id, "AKID1");
        assert_eq!(ok.service.as_deref(), Some("ccc"));
        assert!(ok.security_token);
    }

    fn codes(req: &HttpRequest, now: i64) -> &'static str {
        let keys = |id: &str| (id == "AKID1").then(|| KeyRecord::new("key1"));
        match Tc3Verifier::default().verify(req, &keys, now) {
            Ok(_) => "ok",
            Err(e) => e.vendor_code(),
        }
    }

    #[test]
    fn each_failure_has_its_tencent_code() {
        let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1"));
        let mut req = doc_request();
        s.sign(&mut req, 1_700_000_000).unwrap();
        assert_eq!(codes(&req, 1_700_000_000), "ok");
        assert_eq!(codes(&req, 1_700_000_301), "AuthFailure.SignatureExpire");
        assert_eq!(codes(&req, 1_699_999_699), "AuthFailure.SignatureExpire");

        let mut wrong_key = req.clone();
        Tc3Signer::new(Tc3Credentials::new("AKID1", "key2"))
            .sign(&mut wrong_key, 1_700_000_000)
            .unwrap();
        assert_eq!(
            codes(&wrong_key, 1_700_000_000),
            "AuthFailure.SignatureFailure"
        );

        let mut unknown = req.clone();
        Tc3Signer::new(Tc3Credentials::new("AKID9", "key1"))
            .sign(&mut unknown, 1_700_000_000)
            .unwrap();
        assert_eq!(
            codes(&unknown, 1_700_000_000),
            "AuthFailure.SecretIdNotFound"
        );

        let mut token = req.clone();
        token.set_header("X-TC-Token", "t");
        assert_eq!(codes(&token, 1_700_000_000), "AuthFailure.TokenFailure");

        let mut no_auth = req.clone();
        no_auth.remove_header("Authorization");
        assert_eq!(
            codes(&no_auth, 1_700_000_000),
            "AuthFailure.InvalidAuthorization"
        );

        let mut other_alg = req.clone();
        let a = req
            .header("Authorization")
            .unwrap()
            .replacen("TC3-HMAC-SHA256", "TC3-HMAC-SM3", 1);
        other_alg.set_header("Authorization", a);
        assert_eq!(
            codes(&other_alg, 1_700_000_000),
            "AuthFailure.InvalidAuthorization"
        );

        let mut garbled = req.clone();
        garbled.set_header("Authorization", "TC3-HMAC-SHA256 Credential=AKID1");
        assert_eq!(
            codes(&garbled, 1_700_000_000),
            "AuthFailure.InvalidAuthorization"
        );

        let mut no_ts = req.clone();
        no_ts.remove_header("X-TC-Timestamp");
        assert_eq!(codes(&no_ts, 1_700_000_000), "MissingParameter");

        let mut bad_ts = req.clone();
        bad_ts.set_header("X-TC-Timestamp", "17e8");
        assert_eq!(codes(&bad_ts, 1_700_000_000), "InvalidParameter");
    }

    #[test]
    fn local_date_signing_is_refused_with_the_servers_string_to_sign() {
        // 2024-03-01T16:30:00Z is already March 2 in Beijing. A client that signs with its local
        // date gets SignatureFailure, and the error shows the UTC date the server used.
        let ts = 1_709_310_600;
        let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1"));
        let mut req = doc_request();
        s.sign(&mut req, ts).unwrap();
        let sig_local = {
            let mac = derive_signing_mac("key1", "2024-03-02", "cvm");
            let steps = s.steps(&req, ts).unwrap();
            let sts = steps.string_to_sign.replace("2024-03-01", "2024-03-02");
            let mut m = mac;
            m.update(sts.as_bytes());
            hex_str(&hex32(&m.finalize().into_bytes())).to_owned()
        };
        let local = format!(
            "TC3-HMAC-SHA256 Credential=AKID1/2024-03-02/cvm/tc3_request, SignedHeaders=content-type;host, Signature={sig_local}"
        );
        req.set_header("Authorization", local);
        let keys = |_: &str| Some(KeyRecord::new("key1"));
        let err = Tc3Verifier::default().verify(&req, &keys, ts).unwrap_err();
        assert_eq!(err.vendor_code(), "AuthFailure.SignatureFailure");
        match err.kind {
            VerifyErrorKind::SignatureMismatch { string_to_sign } => {
                assert!(
                    string_to_sign.contains("2024-03-01/cvm/tc3_request"),
                    "{string_to_sign}"
                )
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn unsigned_payload_requests_verify_without_covering_the_body() {
        // What the Python SDK computes with `profile.unsignedPayload = True`.
        let mut req = doc_request();
        req.set_header("X-TC-Timestamp", DOC_TS.to_string());
        req.set_header("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD");
        let canonical = format!(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n{}",
            hex::encode(Sha256::digest(b"UNSIGNED-PAYLOAD"))
        );
        let sts = format!(
            "TC3-HMAC-SHA256\n{DOC_TS}\n2019-02-25/cvm/tc3_request\n{}",
            hex::encode(Sha256::digest(canonical.as_bytes()))
        );
        let mut mac = derive_signing_mac("key1", "2019-02-25", "cvm");
        mac.update(sts.as_bytes());
        let sig = hex::encode(mac.finalize().into_bytes());
        req.set_header(
            "Authorization",
            format!("TC3-HMAC-SHA256 Credential=AKID1/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature={sig}"),
        );
        assert_eq!(codes(&req, DOC_TS), "ok");
        req.body.push(b' ');
        assert_eq!(codes(&req, DOC_TS), "ok", "the body is not covered");
        req.remove_header("X-TC-Content-SHA256");
        assert_eq!(codes(&req, DOC_TS), "AuthFailure.SignatureFailure");
    }

    #[test]
    fn a_port_in_host_is_accepted_like_the_node_sdk_sends_it() {
        let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1")).with_service("ccc");
        let mut req = HttpRequest::new("POST", "http://127.0.0.1:8080/")
            .with_header("Host", "127.0.0.1:8080")
            .with_header("Content-Type", "application/json")
            .with_body(&b"{}"[..]);
        s.sign(&mut req, 1_700_000_000).unwrap();
        assert_eq!(codes(&req, 1_700_000_000), "ok");
    }

    #[test]
    fn signing_rejects_what_it_cannot_sign() {
        let s = doc_signer();
        let mut req = doc_request();
        assert_eq!(
            s.authorization(&req, -1),
            Err(SignError::TimestampOutOfRange(-1))
        );
        req.method = "PUT".into();
        assert!(matches!(
            s.authorization(&req, DOC_TS),
            Err(SignError::UnsupportedMethod(_))
        ));
        let mut req = doc_request();
        req.remove_header("content-type");
        assert_eq!(
            s.authorization(&req, DOC_TS),
            Err(SignError::MissingHeader("Content-Type"))
        );
    }
}
