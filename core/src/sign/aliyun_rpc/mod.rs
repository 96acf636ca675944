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

use super::encode::{Feed, cmp_utf16, encode_query, parse_query, percent_encode_into};
use super::time::{ascii, iso8601};
use super::{AliyunCredentials, SignError, SigningSteps, check_timestamp};
use crate::http::{HttpRequest, UrlParts};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::borrow::Cow;
use std::fmt;

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
/// `method` is signed as given.
fn stream_signature(mac: &HmacSha1, method: &str, sorted: &[(&str, &str)]) -> [u8; 20] {
    let mut m = mac.clone();
    {
        let mut feed = Feed::new(&mut m);
        feed.raw(method.as_bytes());
        feed.raw(b"&%2F&");
        for (i, (k, v)) in sorted.iter().enumerate() {
            if i > 0 {
                feed.raw(b"%26");
            }
            feed.double_encoded(k);
            feed.raw(b"%3D");
            feed.double_encoded(v);
        }
        feed.finish();
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
        let method = if method.bytes().any(|b| b.is_ascii_lowercase()) {
            Cow::Owned(method.to_ascii_uppercase())
        } else {
            Cow::Borrowed(method)
        };
        BASE64.encode(stream_signature(&self.mac, &method, &sorted_params(params)))
    }

    /// Exactly what `@alicloud/openapi-util`'s `getRPCSignature(Object.fromEntries(params),
    /// method, secret)` answers: the names sorted in JavaScript order, one value per name (the
    /// last given, as an object keeps), `method` as given (not upper-cased), nothing left out.
    /// For many requests of one shape, [`RpcSigner::sdk_batch`] does the shared work once.
    pub fn sdk_signature(&self, method: &str, params: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(28);
        self.sdk_batch(method, params, &[]).sign(&[], &mut out);
        out
    }
}

mod batch;
mod verifier;
pub use batch::RpcBatch;
pub use verifier::RpcVerifier;

#[cfg(test)]
mod tests;
