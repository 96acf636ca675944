//! Many TC3 `Authorization` values of one request shape: [`Tc3Signer::bodies`].

use super::{
    HmacSha256, SIGNED_HEADERS, Tc3Signer, authorization_value, fmt_decimal,
    write_canonical_request, write_string_to_sign,
};
use crate::http::HttpRequest;
use crate::sign::encode::{hex_str, hex32};
use crate::sign::time::{ascii, utc_date};
use crate::sign::{SignError, check_timestamp};
use hmac::Mac;
use sha2::{Digest, Sha256};
use std::fmt;

/// Signs bodies for one method, URL, `Content-Type` and second, as `Sign.sign3` does. TC3 signs
/// only those and the body, so everything but the body's hash is the same for every body: the
/// canonical request up to that hash, the string to sign up to the canonical hash, the day's
/// signing key and the `Authorization` up to the signature are worked out once, and their hash
/// states kept (the canonical prefix is ≈ 100 bytes: its first block is hashed once per batch).
pub struct Tc3Bodies {
    /// SHA-256 having absorbed the canonical request up to the body hash.
    canonical: Sha256,
    /// `kSigning`'s MAC having absorbed the string to sign up to the canonical hash.
    mac: HmacSha256,
    /// `TC3-HMAC-SHA256 Credential=…, SignedHeaders=content-type;host, Signature=`.
    authorization: String,
}

impl fmt::Debug for Tc3Bodies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tc3Bodies").finish_non_exhaustive()
    }
}

impl Tc3Signer {
    /// A signer for bodies of `req` (its method, URL and `Content-Type`; its own body is
    /// ignored) at `timestamp`: [`Tc3Bodies::authorization_into`] answers what
    /// [`Tc3Signer::authorization`] answers for `req` carrying each body.
    pub fn bodies(&self, req: &HttpRequest, timestamp: i64) -> Result<Tc3Bodies, SignError> {
        check_timestamp(timestamp)?;
        let parts = self.parts(req)?;
        let service = self.service_for(&parts)?;
        let date = utc_date(timestamp);
        let date = ascii(&date);
        let mut canonical_prefix = String::new();
        write_canonical_request(
            &mut canonical_prefix,
            parts.method,
            parts.path,
            parts.query,
            &[("content-type", parts.content_type), ("host", &parts.host)],
            SIGNED_HEADERS,
            "",
        );
        let mut canonical = Sha256::new();
        canonical.update(canonical_prefix.as_bytes());
        let mut mac = self.signing_mac(timestamp, date, service);
        let mut digits = [0u8; 20];
        let mut sts_prefix = String::new();
        write_string_to_sign(
            &mut sts_prefix,
            fmt_decimal(timestamp, &mut digits),
            date,
            service,
            "",
        );
        mac.update(sts_prefix.as_bytes());
        // The value with an empty signature is the prefix every body's value starts with.
        let authorization = authorization_value(
            &self.credentials.secret_id,
            date,
            service,
            SIGNED_HEADERS,
            "",
        );
        Ok(Tc3Bodies {
            canonical,
            mac,
            authorization,
        })
    }
}

impl Tc3Bodies {
    /// Appends the `Authorization` value of the request carrying `body` to `out`.
    pub fn authorization_into(&self, body: &[u8], out: &mut String) {
        let body_hash = hex32(&Sha256::digest(body));
        let mut canonical = self.canonical.clone();
        canonical.update(body_hash);
        let canonical_hash = hex32(&canonical.finalize());
        let mut mac = self.mac.clone();
        mac.update(&canonical_hash);
        out.push_str(&self.authorization);
        out.push_str(hex_str(&hex32(&mac.finalize().into_bytes())));
    }

    /// The `Authorization` value of the request carrying `body`.
    pub fn authorization(&self, body: &[u8]) -> String {
        let mut out = String::with_capacity(self.authorization.len() + 64);
        self.authorization_into(body, &mut out);
        out
    }
}
