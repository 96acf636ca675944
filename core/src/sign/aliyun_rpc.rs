//! Alibaba Cloud RPC signature v1 (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`), the scheme
//! dyvms documents (VENDORS.md §2.1), byte for byte as `@alicloud/openapi-util`'s `getRPCSignature`
//! and `@alicloud/pop-core`'s `RPCClient.request` compute it:
//!
//! ```text
//! Canonicalized = join("&", encode(name) "=" encode(value)  for params sorted by name, Signature left out)
//! StringToSign  = METHOD & %2F & encode(Canonicalized)
//! Signature     = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//! ```
//!
//! `encode` is RFC 3986 (space → `%20`, `*` → `%2A`, `~` kept). Names sort in JavaScript order
//! (UTF-16 code units) before encoding, as the SDKs sort their parameter objects' keys.
//!
//! Where the parameters travel: `@alicloud/openapi-client` (`doRPCRequest`) sends everything in the
//! query of a POST, `Signature` included, and signs a form body's parameters too when there is one;
//! `@alicloud/pop-core` sends a GET with everything in the query, or a POST with everything (the
//! `Signature` too) in an `application/x-www-form-urlencoded` body. The signer and verifier here
//! therefore read the decoded query plus, for a form-encoded body, the decoded body; they never
//! pass the incoming encoding through.

use super::encode::{cmp_utf16, encode_query, parse_query, percent_encode_into};
use super::time::{ascii, iso8601, parse_iso8601};
use super::verify::{
    CredentialLookup, Field, NonceStore, VerifiedRequest, VerifyError, VerifyErrorKind,
    check_token, check_window,
};
use super::{
    ALIYUN_WINDOW_SECS, AliyunCredentials, Scheme, SignError, SigningSteps, check_timestamp,
};
use crate::http::{HttpRequest, UrlParts};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::fmt;
use subtle::ConstantTimeEq;

type HmacSha1 = Hmac<Sha1>;

/// `SignatureMethod` value.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `SignatureVersion` value.
pub const SIGNATURE_VERSION: &str = "1.0";
const FORM: &str = "application/x-www-form-urlencoded";

fn new_mac(key: &[u8]) -> HmacSha1 {
    match HmacSha1::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC-SHA1 accepts any key length"),
    }
}

fn secret_mac(secret: &str) -> HmacSha1 {
    let mut key = Vec::with_capacity(secret.len() + 1);
    key.extend_from_slice(secret.as_bytes());
    key.push(b'&');
    let mac = new_mac(&key);
    key.iter_mut().for_each(|b| *b = 0);
    mac
}

/// The canonicalized query string of `params` (`Signature` left out).
pub fn canonicalize<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> String {
    // Stable sort: repeated names keep their order.
    let sorted = sorted_params(params);
    let mut out =
        String::with_capacity(sorted.iter().map(|(k, v)| k.len() + v.len() * 3 + 2).sum());
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(k, &mut out);
        out.push('=');
        percent_encode_into(v, &mut out);
    }
    out
}

/// `METHOD&%2F&encode(canonicalized)`.
pub fn string_to_sign(method: &str, canonicalized: &str) -> String {
    let mut s = String::with_capacity(method.len() + 5 + canonicalized.len() * 5 / 4);
    s.push_str(&method.to_ascii_uppercase());
    s.push_str("&%2F&");
    percent_encode_into(canonicalized, &mut s);
    s
}

/// Bytes on their way into a MAC, gathered in a stack block and fed 4 KiB at a time.
struct MacFeed<'m> {
    mac: &'m mut HmacSha1,
    buf: [u8; 4096],
    len: usize,
}

impl<'m> MacFeed<'m> {
    fn new(mac: &'m mut HmacSha1) -> Self {
        MacFeed {
            mac,
            buf: [0; 4096],
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.len = end;
            }
            None => {
                self.flush();
                if bytes.len() >= self.buf.len() {
                    self.mac.update(bytes);
                } else {
                    self.push(bytes);
                }
            }
        }
    }

    /// `encode(encode(s))`: an unreserved byte stays, any other byte `b` becomes `%25XX` (the `%`
    /// of its first encoding encoded again, the hex digits being unreserved).
    fn push_double_encoded(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let bytes = s.as_bytes();
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                continue;
            }
            self.push(&bytes[run..i]);
            self.push(&[
                b'%',
                b'2',
                b'5',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0x0f)],
            ]);
            run = i + 1;
        }
        self.push(&bytes[run..]);
    }

    fn flush(&mut self) {
        self.mac.update(&self.buf[..self.len]);
        self.len = 0;
    }
}

/// Parameters in signing order: `Signature` left out, names in JavaScript order (stable).
fn sorted_params<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> Vec<(&str, &str)> {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .filter(|(k, _)| *k != "Signature")
        .collect();
    sorted.sort_by(|a, b| cmp_utf16(a.0, b.0));
    sorted
}

/// HMAC of `METHOD&%2F&encode(canonicalized)` streamed straight into the MAC, without building the
/// canonicalized query or the string to sign (tens of KB for a 1000-callee BatchRobotSmartCall).
fn stream_signature(mac: &HmacSha1, method: &str, sorted: &[(&str, &str)]) -> [u8; 20] {
    let mut m = mac.clone();
    {
        let mut feed = MacFeed::new(&mut m);
        for b in method.bytes() {
            feed.push(&[b.to_ascii_uppercase()]);
        }
        feed.push(b"&%2F&");
        for (i, (k, v)) in sorted.iter().enumerate() {
            if i > 0 {
                feed.push(b"%26");
            }
            feed.push_double_encoded(k);
            feed.push(b"%3D");
            feed.push_double_encoded(v);
        }
        feed.flush();
    }
    m.finalize().into_bytes().into()
}

fn sign_bytes(mac: &HmacSha1, string_to_sign: &str) -> [u8; 20] {
    let mut m = mac.clone();
    m.update(string_to_sign.as_bytes());
    m.finalize().into_bytes().into()
}

/// Every signed parameter of a request: the decoded query, plus the decoded body when it is a
/// form (`Content-Type: application/x-www-form-urlencoded`).
pub fn request_params(req: &HttpRequest) -> Result<Vec<(String, String)>, SignError> {
    let url = UrlParts::parse(&req.url)?;
    let mut params = parse_query(url.query)?;
    params.extend(form_params(req)?);
    Ok(params)
}

/// The decoded parameters of a form-encoded body (none for any other body).
fn form_params(req: &HttpRequest) -> Result<Vec<(String, String)>, SignError> {
    if !is_form(req) || req.body.is_empty() {
        return Ok(Vec::new());
    }
    let body = std::str::from_utf8(&req.body)
        .map_err(|_| SignError::MalformedQuery(super::encode::DecodeError::NotUtf8))?;
    Ok(parse_query(body)?)
}

fn is_form(req: &HttpRequest) -> bool {
    req.header("Content-Type").is_some_and(|ct| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(FORM))
    })
}

/// Signs requests with one set of Alibaba credentials. The HMAC key schedule is prepared once.
pub struct RpcSigner {
    credentials: AliyunCredentials,
    mac: HmacSha1,
}

impl fmt::Debug for RpcSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RpcSigner")
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl Clone for RpcSigner {
    fn clone(&self) -> Self {
        RpcSigner::new(self.credentials.clone())
    }
}

/// The common parameters the signer owns (replaced on every signature).
const COMMON: &[&str] = &[
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
];

impl RpcSigner {
    /// A signer for `credentials`.
    pub fn new(credentials: AliyunCredentials) -> Self {
        let mac = secret_mac(credentials.access_key_secret.expose());
        RpcSigner { credentials, mac }
    }

    /// The credentials this signer uses.
    pub fn credentials(&self) -> &AliyunCredentials {
        &self.credentials
    }

    /// Signs `req` in place the way `@alicloud/openapi-client` sends RPC calls: the request's own
    /// parameters (query, and a form body if any) stay; `AccessKeyId`, `SignatureMethod`,
    /// `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken` (STS only) are set in the
    /// query, which is rewritten in RFC 3986 form, and `Signature` is appended to it. The body is
    /// left byte for byte as it was. `nonce` must be fresh for every attempt, retries included.
    pub fn sign(
        &self,
        req: &mut HttpRequest,
        timestamp: i64,
        nonce: &str,
    ) -> Result<(), SignError> {
        check_timestamp(timestamp)?;
        let url = UrlParts::parse(&req.url)?;
        let mut query: Vec<(String, String)> = parse_query(url.query)?
            .into_iter()
            .filter(|(k, _)| !COMMON.contains(&k.as_str()))
            .collect();
        let prefix = format!("{}://{}{}", url.scheme, url.authority, url.path);
        let date = iso8601(timestamp);
        let common = [
            ("AccessKeyId", self.credentials.access_key_id.as_str()),
            ("SignatureMethod", SIGNATURE_METHOD),
            ("SignatureVersion", SIGNATURE_VERSION),
            ("SignatureNonce", nonce),
            ("Timestamp", ascii(&date)),
        ];
        query.extend(common.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        if let Some(t) = &self.credentials.security_token {
            query.push(("SecurityToken".to_owned(), t.expose().to_owned()));
        }
        // Signed: the new query plus a form body's parameters, if any.
        let mut all: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let form = form_params(req)?;
        all.extend(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let signature = self.signature(&req.method, &all);
        query.push(("Signature".to_owned(), signature));
        req.url = format!("{prefix}?{}", encode_query(&query));
        Ok(())
    }

    /// Every intermediate for `req` as it stands (all parameters already present).
    pub fn steps(&self, req: &HttpRequest) -> Result<SigningSteps, SignError> {
        let params = request_params(req)?;
        let canonical_request = canonicalize(&params);
        let string_to_sign = string_to_sign(&req.method, &canonical_request);
        let signature = BASE64.encode(sign_bytes(&self.mac, &string_to_sign));
        Ok(SigningSteps {
            canonical_request,
            string_to_sign,
            signature,
            authorization: None,
        })
    }

    /// The signature of an already-flattened parameter list (what `getRPCSignature(params, method,
    /// secret)` returns), for builders that assemble parameters themselves.
    pub fn signature<K: AsRef<str>, V: AsRef<str>>(
        &self,
        method: &str,
        params: &[(K, V)],
    ) -> String {
        BASE64.encode(stream_signature(&self.mac, method, &sorted_params(params)))
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::verify::{InMemoryNonceStore, KeyRecord};

    const TS: i64 = 1_700_000_000;

    fn keys(id: &str) -> Option<KeyRecord> {
        match id {
            "testid" => Some(KeyRecord::new("testsecret")),
            "STS.x" => Some(KeyRecord::with_token("testsecret", "tok")),
            _ => None,
        }
    }

    fn base() -> HttpRequest {
        HttpRequest::new(
            "POST",
            "https://dyvmsapi.aliyuncs.com/?Action=BatchRobotSmartCall&Format=JSON&Version=2017-05-25&TtsParam=%5B%7B%22number%22%3A%221390000%22%7D%5D",
        )
    }

    fn verify(
        req: &HttpRequest,
        now: i64,
        n: &InMemoryNonceStore,
    ) -> Result<VerifiedRequest, VerifyError> {
        RpcVerifier::default().verify(req, &keys, n, now)
    }

    #[test]
    fn published_example_signature() {
        // Alibaba's ECS DescribeRegions example (also a conformance case).
        let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
        let params = [
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ];
        assert_eq!(s.signature("GET", &params), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    #[test]
    fn streamed_signature_equals_the_string_path() {
        let mac = secret_mac("k");
        let long = "中文 😀*~!'()&=%+/".repeat(400);
        for params in [
            vec![("b", "2"), ("a", "1")],
            vec![
                ("Signature", "x"),
                ("Key.10", "v"),
                ("Key.2", long.as_str()),
                ("", ""),
            ],
            vec![],
        ] {
            for method in ["GET", "post"] {
                let sts = string_to_sign(method, &canonicalize(&params));
                assert_eq!(
                    stream_signature(&mac, method, &sorted_params(&params)),
                    sign_bytes(&mac, &sts),
                    "{params:?}"
                );
            }
        }
    }

    #[test]
    fn sign_then_verify_with_query_and_replay() {
        let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
        let mut req = base();
        s.sign(&mut req, TS, "nonce-1").unwrap();
        assert!(
            req.url.contains("&Timestamp=2023-11-14T22%3A13%3A20Z&"),
            "{}",
            req.url
        );
        assert!(req.url.contains("&Signature="), "{}", req.url);
        let n = InMemoryNonceStore::default();
        let ok = verify(&req, TS, &n).unwrap();
        assert_eq!(
            (ok.key_id.as_str(), ok.nonce.as_deref()),
            ("testid", Some("nonce-1"))
        );
        assert_eq!(
            verify(&req, TS, &n).unwrap_err().vendor_code(),
            "SignatureNonceUsed"
        );
        // Signing again replaces the common parameters instead of duplicating them.
        s.sign(&mut req, TS + 1, "nonce-2").unwrap();
        assert_eq!(req.url.matches("SignatureNonce=").count(), 1);
        assert!(verify(&req, TS + 1, &n).is_ok());
    }

    #[test]
    fn pop_core_style_form_body_is_signed_and_verified() {
        // pop-core POST: URL without query, every parameter (Signature too) in the form body.
        let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
        let mut params = vec![
            ("Action", "BatchRobotSmartCall".to_owned()),
            ("AccessKeyId", "testid".to_owned()),
            ("SignatureMethod", "HMAC-SHA1".to_owned()),
            ("SignatureVersion", "1.0".to_owned()),
            ("SignatureNonce", "n-form".to_owned()),
            ("Timestamp", "2023-11-14T22:13:20Z".to_owned()),
            ("CalledNumber", "13900000000,13900000001".to_owned()),
            (
                "TtsParam",
                "[{\"number\":\"1390000\",\"params\":[\"小王 😀\"]}]".to_owned(),
            ),
        ];
        let sig = s.signature("POST", &params);
        params.push(("Signature", sig));
        let body = canonicalize(
            &params
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<Vec<_>>(),
        );
        let body = format!(
            "{body}&Signature={}",
            crate::sign::encode::percent_encode(&params[8].1)
        );
        let req = HttpRequest::new("POST", "https://dyvmsapi.aliyuncs.com/")
            .with_header("content-type", "application/x-www-form-urlencoded")
            .with_body(body.into_bytes());
        let n = InMemoryNonceStore::default();
        assert!(verify(&req, TS, &n).is_ok());
        let mut tampered = req.clone();
        let pos = tampered.body.iter().position(|&b| b == b'1').unwrap();
        tampered.body[pos] = b'2';
        let err = verify(&tampered, TS, &InMemoryNonceStore::default()).unwrap_err();
        assert_eq!(err.vendor_code(), "SignatureDoesNotMatch");
        assert!(
            err.vendor_message()
                .contains("server string to sign is:POST&%2F&AccessKeyId%3Dtestid")
        );
    }

    #[test]
    fn each_failure_has_its_alibaba_code() {
        let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
        let mut req = base();
        s.sign(&mut req, TS, "n").unwrap();
        let code = |r: &HttpRequest, now: i64| match verify(r, now, &InMemoryNonceStore::default())
        {
            Ok(_) => "ok",
            Err(e) => e.vendor_code(),
        };
        let edit = |from: &str, to: &str| {
            let mut r = req.clone();
            assert!(r.url.contains(from), "{from}");
            r.url = r.url.replacen(from, to, 1);
            r
        };
        assert_eq!(code(&req, TS - 900), "ok");
        assert_eq!(code(&req, TS - 901), "InvalidTimeStamp.Expired");
        assert_eq!(code(&edit("&Signature=", "&Sig="), TS), "MissingSignature");
        assert_eq!(
            code(&edit("AccessKeyId=testid", "AccessKeyId=other"), TS),
            "InvalidAccessKeyId.NotFound"
        );
        assert_eq!(
            code(&edit("AccessKeyId=testid", "AKI=testid"), TS),
            "MissingAccessKeyId"
        );
        assert_eq!(
            code(&edit("HMAC-SHA1", "HMAC-SHA256"), TS),
            "InvalidSignatureMethod"
        );
        assert_eq!(
            code(&edit("SignatureVersion=1.0", "SignatureVersion=2.0"), TS),
            "InvalidSignatureVersion"
        );
        assert_eq!(
            code(&edit("T22%3A13", "T22-13"), TS),
            "InvalidTimeStamp.Format"
        );
        assert_eq!(
            code(&edit("SignatureNonce=n", "SignatureNonce="), TS),
            "MissingSignatureNonce"
        );
        assert_eq!(
            code(&edit("Format=JSON", "Format=XML"), TS),
            "SignatureDoesNotMatch"
        );
        assert_eq!(
            code(&edit("Format=JSON", "Format=J%ZZ"), TS),
            "InvalidParameter.Format"
        );
        assert_eq!(
            code(&edit("Format=JSON", "Format=JSON&SecurityToken=t"), TS),
            "InvalidSecurityToken.MismatchWithAccessKey"
        );
    }

    #[test]
    fn incoming_encoding_is_never_passed_through() {
        // `+`, lower-case hex and unencoded `*` all decode to the same parameters as the SDK's
        // canonical form, so they sign the same.
        let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
        let a = HttpRequest::new("GET", "https://h/?Name=a%20b%2Ac&X=%e4%b8%ad");
        let b = HttpRequest::new("GET", "https://h/?X=%E4%B8%AD&Name=a+b*c");
        let (sa, sb) = (s.steps(&a).unwrap(), s.steps(&b).unwrap());
        assert_eq!(sa, sb);
        assert_eq!(sa.canonical_request, "Name=a%20b%2Ac&X=%E4%B8%AD");
    }

    #[test]
    fn sts_token_goes_in_the_query() {
        let s = RpcSigner::new(
            AliyunCredentials::new("STS.x", "testsecret").with_security_token("tok"),
        );
        let mut req = base();
        s.sign(&mut req, TS, "n").unwrap();
        assert!(req.url.contains("SecurityToken=tok"));
        let ok = verify(&req, TS, &InMemoryNonceStore::default()).unwrap();
        assert!(ok.security_token);
    }
}
