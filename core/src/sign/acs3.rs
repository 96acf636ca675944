//! Alibaba Cloud V3 signature, `ACS3-HMAC-SHA256`, byte for byte as `@alicloud/openapi-util`
//! (`getAuthorization`, with `getAuthorizationQueryString` and `getAuthorizationHeaders`) computes it
//! for `@alicloud/openapi-client`'s `doRequest`, the default of current official SDKs:
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
//! StringToSign     = ACS3-HMAC-SHA256 \n hex(sha256(CanonicalRequest))
//! Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
//! Authorization    = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>
//! ```
//!
//! SDK details reproduced on purpose (all from `openapi-util/src/client.ts`):
//! - CanonicalURI is the path as sent, with only the *first* `+`, `*` and `%7E` replaced by `%20`,
//!   `%2A`, `~` (JavaScript `String.replace` with a string pattern replaces once).
//! - CanonicalQuery sorts the decoded parameter names in JavaScript order (UTF-16 code units) and
//!   writes `name=` + RFC 3986 `encode(value)`. The *name is not encoded* (the SDK appends it raw).
//! - Headers named `host`, `content-type` or `x-acs-*` (any case) are signed: names lower-cased and
//!   sorted, values trimmed with JavaScript `trim()`, repeated headers' values sorted and joined
//!   with `,`.
//! - The payload hash is computed from the body; the SDK also sends it as `x-acs-content-sha256`.

use super::encode::{Sink, cmp_utf16, hex_str, hex32, js_trim, parse_query, percent_encode_into};
use super::time::{ascii, iso8601, parse_iso8601};
use super::verify::{
    CredentialLookup, Field, NonceStore, VerifiedRequest, VerifyError, VerifyErrorKind,
    check_token, check_window,
};
use super::{
    ALIYUN_WINDOW_SECS, AliyunCredentials, Scheme, SignError, SigningSteps, check_timestamp,
};
use crate::http::{HttpRequest, UrlParts};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::fmt;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";
/// Request date header (`yyyy-MM-ddTHH:mm:ssZ`, UTC).
pub const DATE_HEADER: &str = "x-acs-date";
/// Nonce header.
pub const NONCE_HEADER: &str = "x-acs-signature-nonce";
/// Payload hash header.
pub const CONTENT_SHA256_HEADER: &str = "x-acs-content-sha256";
/// STS token header.
pub const SECURITY_TOKEN_HEADER: &str = "x-acs-security-token";
/// Sent next to the STS token by `@alicloud/openapi-client`.
pub const ACCESS_KEY_ID_HEADER: &str = "x-acs-accesskey-id";

/// Which headers to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedHeaders {
    /// As the SDK does: every `host`, `content-type` and `x-acs-*` header present.
    Sdk,
    /// Exactly these lower-case names (the conformance suite's `signed_headers`; also what a
    /// verifier reads from `Authorization`).
    Exactly(Vec<String>),
}

fn sdk_signs(lower_name: &str) -> bool {
    lower_name == "host" || lower_name == "content-type" || lower_name.starts_with("x-acs-")
}

fn new_mac(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC-SHA256 accepts any key length"),
    }
}

/// Signs requests with one set of Alibaba credentials. The HMAC key schedule is prepared once.
pub struct Acs3Signer {
    credentials: AliyunCredentials,
    mac: HmacSha256,
}

impl fmt::Debug for Acs3Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acs3Signer")
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl Clone for Acs3Signer {
    fn clone(&self) -> Self {
        Acs3Signer::new(self.credentials.clone())
    }
}

impl Acs3Signer {
    /// A signer for `credentials`.
    pub fn new(credentials: AliyunCredentials) -> Self {
        let mac = new_mac(credentials.access_key_secret.expose().as_bytes());
        Acs3Signer { credentials, mac }
    }

    /// The credentials this signer uses.
    pub fn credentials(&self) -> &AliyunCredentials {
        &self.credentials
    }

    /// Signs `req` in place as `@alicloud/openapi-client` does: sets `host` (from the URL, when
    /// absent), `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`, for STS credentials
    /// `x-acs-accesskey-id` and `x-acs-security-token`, then `Authorization` over every `host`,
    /// `content-type` and `x-acs-*` header. `nonce` must be fresh for every attempt, retries included
    /// (Alibaba refuses a reused nonce with `SignatureNonceUsed`).
    pub fn sign(
        &self,
        req: &mut HttpRequest,
        timestamp: i64,
        nonce: &str,
    ) -> Result<(), SignError> {
        check_timestamp(timestamp)?;
        let url = UrlParts::parse(&req.url)?;
        if req.header("host").is_none() {
            let host = url.authority.to_owned();
            req.set_header("host", host);
        }
        req.set_header(DATE_HEADER, ascii(&iso8601(timestamp)));
        req.set_header(NONCE_HEADER, nonce);
        let hash = hex32(&Sha256::digest(&req.body));
        req.set_header(CONTENT_SHA256_HEADER, hex_str(&hash));
        match &self.credentials.security_token {
            Some(t) => {
                req.set_header(
                    ACCESS_KEY_ID_HEADER,
                    self.credentials.access_key_id.as_str(),
                );
                req.set_header(SECURITY_TOKEN_HEADER, t.expose());
            }
            None => {
                req.remove_header(ACCESS_KEY_ID_HEADER);
                req.remove_header(SECURITY_TOKEN_HEADER);
            }
        }
        req.remove_header("Authorization");
        let steps = self.compute(req, &SignedHeaders::Sdk, false)?;
        if let Some(a) = steps.authorization {
            req.set_header("Authorization", a);
        }
        Ok(())
    }

    /// Every intermediate for `req` as it stands (the date, nonce and hash headers already set).
    pub fn steps(
        &self,
        req: &HttpRequest,
        signed_headers: &SignedHeaders,
    ) -> Result<SigningSteps, SignError> {
        self.compute(req, signed_headers, true)
    }

    fn compute(
        &self,
        req: &HttpRequest,
        signed_headers: &SignedHeaders,
        keep_text: bool,
    ) -> Result<SigningSteps, SignError> {
        let url = UrlParts::parse(&req.url)?;
        let query = parse_query(url.query)?;
        let headers = canonical_headers(req, signed_headers);
        let payload = hex32(&Sha256::digest(&req.body));
        let names = signed_names(&headers);
        let mut canonical = String::new();
        write_canonical_request(
            &mut canonical,
            &req.method,
            url.path,
            &query,
            &headers,
            &names,
            hex_str(&payload),
        );
        let string_to_sign = string_to_sign(&canonical);
        let mut mac = self.mac.clone();
        mac.update(string_to_sign.as_bytes());
        let signature = hex_str(&hex32(&mac.finalize().into_bytes())).to_owned();
        let authorization = format!(
            "{ALGORITHM} Credential={},SignedHeaders={names},Signature={signature}",
            self.credentials.access_key_id
        );
        Ok(SigningSteps {
            canonical_request: if keep_text { canonical } else { String::new() },
            string_to_sign,
            signature,
            authorization: Some(authorization),
        })
    }
}

/// `(lower-case name, joined value)` pairs, sorted by name, for the chosen headers.
fn canonical_headers<'a>(req: &'a HttpRequest, which: &'a SignedHeaders) -> Vec<(String, String)> {
    let mut grouped: Vec<(String, Vec<&str>)> = Vec::new();
    let mut add = |name: String, value: &'a str| match grouped.iter_mut().find(|(n, _)| *n == name)
    {
        Some((_, vs)) => vs.push(js_trim(value)),
        None => grouped.push((name, vec![js_trim(value)])),
    };
    match which {
        SignedHeaders::Sdk => {
            for (n, v) in &req.headers {
                let lower = n.to_ascii_lowercase();
                if sdk_signs(&lower) {
                    add(lower, v);
                }
            }
        }
        SignedHeaders::Exactly(names) => {
            for name in names {
                let lower = name.to_ascii_lowercase();
                for v in req.header_values(name) {
                    add(lower.clone(), v);
                }
            }
        }
    }
    grouped.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
    grouped
        .into_iter()
        .map(|(n, mut vs)| {
            vs.sort_by(|a, b| cmp_utf16(a, b));
            (n, vs.join(","))
        })
        .collect()
}

fn signed_names(headers: &[(String, String)]) -> String {
    let mut s = String::new();
    for (i, (n, _)) in headers.iter().enumerate() {
        if i > 0 {
            s.push(';');
        }
        s.push_str(n);
    }
    s
}

/// The SDK's CanonicalURI: replace the first `+`, the first `*` and the first `%7E` only.
fn canonical_uri(path: &str, out: &mut String) {
    let p = path.replacen('+', "%20", 1);
    let p = p.replacen('*', "%2A", 1);
    out.push_str(&p.replacen("%7E", "~", 1));
}

fn write_canonical_request(
    s: &mut String,
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed_names: &str,
    payload_hash: &str,
) {
    s.put(method);
    s.put("\n");
    canonical_uri(path, s);
    s.put("\n");
    let mut sorted: Vec<&(String, String)> = query.iter().collect();
    sorted.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            s.put("&");
        }
        s.put(k);
        s.put("=");
        percent_encode_into(v, s);
    }
    s.put("\n");
    for (n, v) in headers {
        s.put(n);
        s.put(":");
        s.put(v);
        s.put("\n");
    }
    s.put("\n");
    s.put(signed_names);
    s.put("\n");
    s.put(payload_hash);
}

fn string_to_sign(canonical: &str) -> String {
    let mut sts = String::with_capacity(ALGORITHM.len() + 65);
    sts.push_str(ALGORITHM);
    sts.push('\n');
    sts.push_str(hex_str(&hex32(&Sha256::digest(canonical.as_bytes()))));
    sts
}

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
    let signature =
        super::encode::unhex32(signature).ok_or_else(|| bad("Signature must be 64 hex digits"))?;
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
        let mut canonical = String::new();
        write_canonical_request(
            &mut canonical,
            &req.method.to_ascii_uppercase(),
            url.path,
            &query,
            &ordered,
            &names,
            hex_str(&payload),
        );
        let sts = string_to_sign(&canonical);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::verify::{InMemoryNonceStore, KeyRecord};

    fn signer(token: Option<&str>) -> Acs3Signer {
        let mut c = AliyunCredentials::new("LTAI1", "secret1");
        if let Some(t) = token {
            c = c.with_security_token(t);
        }
        Acs3Signer::new(c)
    }

    fn request() -> HttpRequest {
        HttpRequest::new(
            "POST",
            "https://dyvmsapi.aliyuncs.com/?RegionId=cn-hangzhou&TaskName=a%20b",
        )
        .with_header("x-acs-action", "BatchRobotSmartCall")
        .with_header("x-acs-version", "2017-05-25")
        .with_header("content-type", "application/x-www-form-urlencoded")
        .with_header("user-agent", "callplane")
        .with_body(&b"CalledNumber=1390000"[..])
    }

    const TS: i64 = 1_700_000_000;

    fn verify(
        req: &HttpRequest,
        now: i64,
        nonces: &InMemoryNonceStore,
    ) -> Result<VerifiedRequest, VerifyError> {
        let keys = |id: &str| match id {
            "LTAI1" => Some(KeyRecord::new("secret1")),
            "STS.1" => Some(KeyRecord::with_token("secret1", "tok")),
            _ => None,
        };
        Acs3Verifier::default().verify(req, &keys, nonces, now)
    }

    #[test]
    fn sign_sets_the_sdk_headers_and_verifies_once() {
        let mut req = request();
        signer(None).sign(&mut req, TS, "nonce-1").unwrap();
        assert_eq!(req.header("x-acs-date"), Some("2023-11-14T22:13:20Z"));
        assert_eq!(req.header("host"), Some("dyvmsapi.aliyuncs.com"));
        let auth = req.header("Authorization").unwrap();
        assert!(
            auth.contains("SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"),
            "{auth}"
        );
        let nonces = InMemoryNonceStore::default();
        let ok = verify(&req, TS + 60, &nonces).unwrap();
        assert_eq!(ok.key_id, "LTAI1");
        assert_eq!(ok.nonce.as_deref(), Some("nonce-1"));
        let replay = verify(&req, TS + 61, &nonces).unwrap_err();
        assert_eq!(replay.vendor_code(), "SignatureNonceUsed");
    }

    #[test]
    fn a_forged_request_does_not_burn_the_nonce() {
        let mut req = request();
        signer(None).sign(&mut req, TS, "nonce-2").unwrap();
        let mut forged = req.clone();
        forged.body = b"CalledNumber=1390001".to_vec();
        let nonces = InMemoryNonceStore::default();
        assert_eq!(
            verify(&forged, TS, &nonces).unwrap_err().vendor_code(),
            "SignatureDoesNotMatch"
        );
        assert!(verify(&req, TS, &nonces).is_ok());
    }

    #[test]
    fn each_failure_has_its_alibaba_code() {
        let nonces = InMemoryNonceStore::default();
        let mut req = request();
        signer(None).sign(&mut req, TS, "n").unwrap();
        let code = |r: &HttpRequest, now: i64| match verify(r, now, &InMemoryNonceStore::default())
        {
            Ok(_) => "ok",
            Err(e) => e.vendor_code(),
        };
        assert_eq!(code(&req, TS + 900), "ok");
        assert_eq!(code(&req, TS + 901), "InvalidTimeStamp.Expired");
        let mut r = req.clone();
        r.set_header("x-acs-date", "2023-11-14 22:13:20");
        assert_eq!(code(&r, TS), "InvalidTimeStamp.Format");
        let mut r = req.clone();
        r.remove_header("x-acs-signature-nonce");
        assert_eq!(code(&r, TS), "MissingSignatureNonce");
        let mut r = req.clone();
        r.remove_header("Authorization");
        assert_eq!(code(&r, TS), "MissingAuthorization");
        let mut r = req.clone();
        let a = req
            .header("Authorization")
            .unwrap()
            .replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
        r.set_header("Authorization", a);
        assert_eq!(code(&r, TS), "InvalidSignatureMethod");
        let mut r = req.clone();
        let a = req
            .header("Authorization")
            .unwrap()
            .replace("LTAI1", "LTAI9");
        r.set_header("Authorization", a);
        assert_eq!(code(&r, TS), "InvalidAccessKeyId.NotFound");
        let mut r = req.clone();
        let a = req
            .header("Authorization")
            .unwrap()
            .replace("x-acs-date;", "");
        r.set_header("Authorization", a);
        assert_eq!(code(&r, TS), "IncompleteSignature");
        let mut r = req.clone();
        r.set_header("x-acs-action", "StartRobotTask");
        assert_eq!(code(&r, TS), "SignatureDoesNotMatch");
        let mut r = req.clone();
        r.url = r.url.replace("a%20b", "a%20c");
        assert_eq!(code(&r, TS), "SignatureDoesNotMatch");
        assert!(nonces.is_empty());
    }

    #[test]
    fn sts_credentials_need_their_token() {
        let mut req = request();
        let s =
            Acs3Signer::new(AliyunCredentials::new("STS.1", "secret1").with_security_token("tok"));
        s.sign(&mut req, TS, "n").unwrap();
        assert_eq!(req.header("x-acs-security-token"), Some("tok"));
        assert_eq!(req.header("x-acs-accesskey-id"), Some("STS.1"));
        let nonces = InMemoryNonceStore::default();
        assert!(verify(&req, TS, &nonces).unwrap().security_token);
        let mut r = req.clone();
        r.set_header("x-acs-security-token", "other");
        assert_eq!(
            verify(&r, TS, &nonces).unwrap_err().vendor_code(),
            "InvalidSecurityToken.MismatchWithAccessKey"
        );
    }

    #[test]
    fn sdk_quirks_are_reproduced() {
        let mut s = String::new();
        canonical_uri("/a+b+c*d*%7E%7E", &mut s);
        assert_eq!(s, "/a%20b+c%2Ad*~%7E");
        let req = HttpRequest::new("GET", "https://h/?b=%2A%20&a.b=1&%E4%B8%AD=x")
            .with_header("X-Acs-B", " 2 ")
            .with_header("x-acs-b", "\u{feff}1")
            .with_header("Host", "h")
            .with_header("Accept", "application/json");
        let steps = signer(None).steps(&req, &SignedHeaders::Sdk).unwrap();
        let lines: Vec<&str> = steps.canonical_request.split('\n').collect();
        // Names raw (not encoded), values RFC 3986.
        assert_eq!(lines[2], "a.b=1&b=%2A%20&中=x");
        assert_eq!(lines[3], "host:h");
        assert_eq!(lines[4], "x-acs-b:1,2");
        assert_eq!(lines[6], "host;x-acs-b");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let dbg = format!("{:?}", signer(Some("sts-tok-value")));
        assert!(
            !dbg.contains("secret1") && !dbg.contains("sts-tok"),
            "{dbg}"
        );
    }
}
