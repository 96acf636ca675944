//! Many RPC v1 signatures of one shape: [`RpcSigner::sdk_batch`].

use super::{HmacSha1, RpcSigner};
use crate::sign::SignError;
use crate::sign::encode::{Buf, ENCODE_CHUNK, HASH_AT, double_encoded_into};
use crate::sign::template::{Source, Template, object_order};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::Mac;
use std::fmt;

/// Signs requests whose parameters are `{ ...shared, ...own }` with the same names every time
/// and their own values, as `getRPCSignature` does (see [`RpcSigner::sdk_signature`]). The
/// parameter order, the double encoding of every name and shared value and the MAC state after
/// the string to sign's leading static bytes are worked out once; each request then costs the
/// encoding of its own values and the MAC of one reused buffer.
pub struct RpcBatch {
    /// The MAC keyed with the secret, having absorbed the template's lead.
    mac: HmacSha1,
    /// The string to sign; hole `j` is column `j`'s value, double encoded.
    template: Template<usize>,
    width: usize,
    buf: Buf,
}

impl fmt::Debug for RpcBatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RpcBatch")
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

impl RpcSigner {
    /// A batch of requests signed as `getRPCSignature({ ...shared, ...own }, method, secret)`:
    /// `own` names the values each request gives in its row ([`RpcBatch::signature_into`]), in
    /// that order. A name given twice keeps its last value (own after shared); `method` is
    /// signed as given.
    pub fn sdk_batch(&self, method: &str, shared: &[(&str, &str)], own: &[&str]) -> RpcBatch {
        let mut template = Template::new();
        template.push(method.as_bytes());
        template.push(b"&%2F&");
        for (i, (name, source)) in object_order(shared, own).into_iter().enumerate() {
            if i > 0 {
                template.push(b"%26");
            }
            double_encoded_into(template.static_text(), name.as_bytes());
            template.push(b"%3D");
            match source {
                Source::Shared(value) => {
                    double_encoded_into(template.static_text(), value.as_bytes())
                }
                Source::Own(j) => template.hole(j),
            }
        }
        let mut mac = self.mac.clone();
        mac.update(template.lead());
        RpcBatch {
            mac,
            template,
            width: own.len(),
            buf: Buf::default(),
        }
    }
}

impl RpcBatch {
    /// Values per request: one per own name.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Appends the base64 signature of the request whose own values are `row` (one per own
    /// name, in order) to `out`.
    pub fn signature_into(&mut self, row: &[&str], out: &mut String) -> Result<(), SignError> {
        if row.len() != self.width {
            return Err(SignError::RowWidth {
                expected: self.width,
                got: row.len(),
            });
        }
        self.sign(row, out);
        Ok(())
    }

    /// The signature of `row`, already checked to be `width` values wide.
    pub(super) fn sign(&mut self, row: &[&str], out: &mut String) {
        let mut mac = self.mac.clone();
        self.buf.clear();
        self.template.render_after_lead(&mut self.buf, |&j, buf| {
            let value = row.get(j).copied().unwrap_or_default();
            for piece in value.as_bytes().chunks(ENCODE_CHUNK) {
                buf.double_encoded(piece);
                if buf.len() >= HASH_AT {
                    mac.update(buf.bytes());
                    buf.clear();
                }
            }
        });
        mac.update(self.buf.bytes());
        let digest: [u8; 20] = mac.finalize().into_bytes().into();
        BASE64.encode_string(digest, out);
    }

    /// [`RpcBatch::signature_into`] into a new string.
    pub fn signature(&mut self, row: &[&str]) -> Result<String, SignError> {
        let mut out = String::with_capacity(28);
        self.signature_into(row, &mut out)?;
        Ok(out)
    }
}
