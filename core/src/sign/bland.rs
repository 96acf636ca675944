//! Bland: the API key and webhook signatures.
//!
//! - Requests carry the raw key in `authorization: <API key>`, without `Bearer` (VENDORS.md §1.0,
//!   docs.bland.ai/api-v1/post/calls).
//! - Webhooks carry `X-Webhook-Signature`: the lower-case hex HMAC-SHA256 of the request body with
//!   the organisation's signing secret (§1.6, docs.bland.ai/tutorials/webhook-signing). Bland's own
//!   Node example HMACs `JSON.stringify(req.body)` and compares with `===`; that breaks on any
//!   re-serialisation difference and leaks timing, so here the MAC covers the raw body bytes and the
//!   comparison is constant-time.

use super::Scheme;
use super::encode::{hex_str, hex32, unhex32};
use crate::http::HttpRequest;
use crate::secret::Secret;
use crate::sign::keys::CredentialLookup;
use crate::sign::verify::{Field, VerifiedRequest, VerifyError, VerifyErrorKind};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The API key header (Bland spells it in lower case).
pub const API_KEY_HEADER: &str = "authorization";
/// The webhook signature header.
pub const WEBHOOK_SIGNATURE_HEADER: &str = "X-Webhook-Signature";

fn webhook_mac(secret: &Secret, body: &[u8]) -> [u8; 32] {
    let mut m = match HmacSha256::new_from_slice(secret.expose().as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC-SHA256 accepts any key length"),
    };
    m.update(body);
    m.finalize().into_bytes().into()
}

/// Sets `authorization: <API key>` on `req`.
pub fn authorize(req: &mut HttpRequest, api_key: &Secret) {
    req.set_header(API_KEY_HEADER, api_key.expose());
}

/// Checks a request's API key (the simulator's Bland gateway). `keys` is asked for the presented
/// key itself; the match is then re-checked in constant time. The verified `key_id` is `…` plus the
/// key's last four characters, never the key.
pub fn verify_api_key<L: CredentialLookup + ?Sized>(
    req: &HttpRequest,
    keys: &L,
) -> Result<VerifiedRequest, VerifyError> {
    const SCHEME: Scheme = Scheme::BlandApiKey;
    let presented = req
        .header(API_KEY_HEADER)
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| VerifyError::missing(SCHEME, Field::Authorization))?;
    if presented
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("bearer "))
    {
        return Err(VerifyError::malformed(
            SCHEME,
            Field::Authorization,
            "Bland expects the raw API key, without `Bearer `",
        ));
    }
    let hint = key_hint(presented);
    let record = keys
        .lookup(presented)
        .filter(|r| bool::from(r.secret.expose().as_bytes().ct_eq(presented.as_bytes())));
    match record {
        Some(_) => Ok(VerifiedRequest {
            scheme: SCHEME,
            key_id: hint,
            timestamp: None,
            nonce: None,
            service: None,
            security_token: false,
        }),
        None => Err(VerifyError::new(
            SCHEME,
            VerifyErrorKind::UnknownKey { key_id: hint },
        )),
    }
}

fn key_hint(key: &str) -> String {
    let tail: String = {
        let chars: Vec<char> = key.chars().collect();
        let start = chars.len().saturating_sub(4);
        // Short keys are shown not at all: four characters of a six-character key is most of it.
        if chars.len() < 12 {
            String::new()
        } else {
            chars[start..].iter().collect()
        }
    };
    format!("…{tail}")
}

/// `X-Webhook-Signature` for `body`: lower-case hex HMAC-SHA256 with the org signing secret.
pub fn sign_webhook(secret: &Secret, body: &[u8]) -> String {
    hex_str(&hex32(&webhook_mac(secret, body))).to_owned()
}

/// Checks a webhook's `X-Webhook-Signature` value against the raw `body` bytes, in constant time.
/// Hex of either case is accepted; surrounding whitespace is ignored.
pub fn verify_webhook(secret: &Secret, body: &[u8], header: &str) -> Result<(), VerifyError> {
    const SCHEME: Scheme = Scheme::BlandWebhook;
    let presented = unhex32(header.trim()).ok_or_else(|| {
        VerifyError::malformed(
            SCHEME,
            Field::WebhookSignature,
            "must be 64 hex digits (HMAC-SHA256)",
        )
    })?;
    if bool::from(webhook_mac(secret, body).ct_eq(&presented)) {
        Ok(())
    } else {
        Err(VerifyError::new(
            SCHEME,
            VerifyErrorKind::SignatureMismatch {
                string_to_sign: String::new(),
            },
        ))
    }
}

/// [`verify_webhook`] for a received request: reads `X-Webhook-Signature` and the body.
pub fn verify_webhook_request(secret: &Secret, req: &HttpRequest) -> Result<(), VerifyError> {
    let header = req
        .header(WEBHOOK_SIGNATURE_HEADER)
        .ok_or_else(|| VerifyError::missing(Scheme::BlandWebhook, Field::WebhookSignature))?;
    verify_webhook(secret, &req.body, header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::keys::KeyRecord;
    use hmac::Mac;

    const SECRET: &str = "whsec_test_0123456789";

    #[test]
    fn webhook_signature_is_hex_hmac_of_the_raw_body() {
        let secret = Secret::new(SECRET);
        // Raw bytes with whitespace and a non-ASCII name: re-serialising would change them.
        let body = "{\"call_id\": \"c1\",  \"summary\": \"Appel réussi 😀\"}".as_bytes();
        let sig = sign_webhook(&secret, body);
        // Independent computation with the hmac crate directly.
        let mut m = HmacSha256::new_from_slice(SECRET.as_bytes()).unwrap();
        m.update(body);
        assert_eq!(sig, hex::encode(m.finalize().into_bytes()));
        assert_eq!(sig.len(), 64);
        assert!(
            sig.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_eq!(verify_webhook(&secret, body, &sig), Ok(()));
        assert_eq!(verify_webhook(&secret, body, &sig.to_uppercase()), Ok(()));
    }

    #[test]
    fn any_change_is_refused() {
        let secret = Secret::new(SECRET);
        let body = br#"{"call_id":"c1","completed":true}"#;
        let sig = sign_webhook(&secret, body);
        for i in 0..body.len() {
            let mut b = body.to_vec();
            b[i] ^= 0x01;
            let e = verify_webhook(&secret, &b, &sig).unwrap_err();
            assert_eq!(e.code(), "signature_mismatch");
        }
        assert!(verify_webhook(&Secret::new("other"), body, &sig).is_err());
        let e = verify_webhook(&secret, body, "abc").unwrap_err();
        assert_eq!(e.code(), "malformed_auth_field");
        let req = HttpRequest::new("POST", "https://example.com/hook").with_body(&body[..]);
        assert_eq!(
            verify_webhook_request(&secret, &req).unwrap_err().code(),
            "missing_auth_field"
        );
        let req = req.with_header("x-webhook-signature", sig);
        assert_eq!(verify_webhook_request(&secret, &req), Ok(()));
    }

    #[test]
    fn api_key_goes_raw_in_authorization_and_verifies() {
        let key = Secret::new("sk-live-abcdefghijklmnop");
        let mut req = HttpRequest::new("POST", "https://api.bland.ai/v1/calls");
        authorize(&mut req, &key);
        assert_eq!(
            req.header("Authorization"),
            Some("sk-live-abcdefghijklmnop")
        );
        let keys = |k: &str| (k == "sk-live-abcdefghijklmnop").then(|| KeyRecord::new(k));
        let ok = verify_api_key(&req, &keys).unwrap();
        assert_eq!(ok.key_id, "…mnop");
        let mut bearer = req.clone();
        bearer.set_header("authorization", "Bearer sk-live-abcdefghijklmnop");
        let e = verify_api_key(&bearer, &keys).unwrap_err();
        assert_eq!(
            (e.code(), e.vendor_code(), e.http_status()),
            ("malformed_auth_field", "AUTH_FAILURE", 401)
        );
        let mut wrong = req.clone();
        wrong.set_header("authorization", "sk-live-zzzz");
        let e = verify_api_key(&wrong, &keys).unwrap_err();
        assert_eq!(e.code(), "unknown_key");
        assert!(!e.to_string().contains("sk-live"), "{e}");
    }
}
