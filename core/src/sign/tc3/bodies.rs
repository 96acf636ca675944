//! Many TC3 `Authorization` values of one request shape: [`Tc3Signer::bodies`].

use super::{
    HmacSha256, SIGNED_HEADERS, Tc3Signer, authorization_value, fmt_decimal,
    write_canonical_request, write_string_to_sign,
};
use crate::http::HttpRequest;
use crate::sign::encode::{Sink, StackBuf, hex_str, hex32};
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
        // Both prefixes assembled on the stack (one hash update each), streamed when a long
        // path or query does not fit.
        let write_canonical = |s: &mut dyn Sink| {
            write_canonical_request(
                s,
                parts.method,
                parts.path,
                parts.query,
                &[("content-type", parts.content_type), ("host", &parts.host)],
                SIGNED_HEADERS,
                "",
            )
        };
        let mut canonical = Sha256::new();
        let mut prefix = StackBuf::<256>::new();
        write_canonical(&mut prefix);
        match prefix.bytes() {
            Some(b) => canonical.update(b),
            None => write_canonical(&mut canonical),
        }
        let mut mac = self.signing_mac(timestamp, date, service);
        let mut digits = [0u8; 20];
        let ts = fmt_decimal(timestamp, &mut digits);
        let write_sts = |s: &mut dyn Sink| write_string_to_sign(s, ts, date, service, "");
        let mut prefix = StackBuf::<256>::new();
        write_sts(&mut prefix);
        match prefix.bytes() {
            Some(b) => mac.update(b),
            None => write_sts(&mut mac),
        }
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
        let signature = signature_hex(self.canonical.clone(), self.mac.clone(), body);
        out.push_str(&self.authorization);
        out.push_str(hex_str(&signature));
    }

    /// The `Authorization` value of the request carrying `body`.
    pub fn authorization(&self, body: &[u8]) -> String {
        let mut out = String::with_capacity(self.authorization.len() + 64);
        self.authorization_into(body, &mut out);
        out
    }

    /// [`Tc3Bodies::authorization`] for a single body, written after the batch's own prefix
    /// (no further allocation for a one-off signature).
    pub fn into_authorization(self, body: &[u8]) -> String {
        let mut authorization = self.authorization;
        let signature = signature_hex(self.canonical, self.mac, body);
        authorization.push_str(hex_str(&signature));
        authorization
    }
}

/// The hex signature of `body`: the canonical request's hash state and the string to sign's MAC
/// state, both up to their last 64 hex digits, finished with them.
fn signature_hex(mut canonical: Sha256, mut mac: HmacSha256, body: &[u8]) -> [u8; 64] {
    canonical.update(hex32(&Sha256::digest(body)));
    mac.update(&hex32(&canonical.finalize()));
    hex32(&mac.finalize().into_bytes())
}
