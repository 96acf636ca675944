//! Many V3 `Authorization` values of one shape: [`Acs3Signer::sdk_batch`].

use super::{Acs3Signer, HmacSha256, canonical_uri, js_lower, sdk_signs, signature_of};
use crate::sign::SignError;
use crate::sign::encode::{
    Buf, ENCODE_CHUNK, HASH_AT, cmp_utf16, encoded_into, hex_str, hex32, js_trim,
};
use crate::sign::template::{Source, Template, object_order};
use sha2::{Digest, Sha256};
use std::fmt;

/// What each request fills in its canonical request.
#[derive(Debug, Clone, Copy)]
enum Hole {
    /// Own query value `j`, encoded.
    Query(usize),
    /// Own header value `j`, trimmed.
    Header(usize),
    /// A signed header name given several times in different cases: its values joined.
    Group(usize),
    /// The payload hash (the row's last value, or the batch's own: [`Acs3Batch::with_payload_hash`]).
    Payload,
}

/// Signs requests whose query is `{ ...sharedQuery, ...ownQuery }` and headers `{
/// ...sharedHeaders, ...ownHeaders }`, with the same names every time and their own values, as
/// `getAuthorization(…, 'ACS3-HMAC-SHA256', hashedPayload, …)` does (see
/// [`Acs3Signer::sdk_authorization`]). Which headers are signed, the key order, the encoding of
/// every shared value, the signed-headers list and the `Authorization` up to the signature are
/// worked out once; each request then costs its own values, one SHA-256 over a reused buffer and
/// the HMAC.
pub struct Acs3Batch {
    /// SHA-256 having absorbed the canonical request's lead.
    hash: Sha256,
    mac: HmacSha256,
    template: Template<Hole>,
    /// Each header name given several times in different cases (`X-Acs-A` and `x-acs-a`): its
    /// shared values, trimmed, and its own columns.
    groups: Vec<(Vec<String>, Vec<usize>)>,
    query_width: usize,
    header_width: usize,
    /// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=`.
    authorization: String,
    /// Every request's payload hash, when they share one (rows then end without it).
    payload: Option<String>,
    buf: Buf,
}

impl fmt::Debug for Acs3Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acs3Batch")
            .field("width", &self.width())
            .finish_non_exhaustive()
    }
}

impl Acs3Signer {
    /// A batch of requests signed as `getAuthorization({ method, pathname, query: { ...shared_query,
    /// ...own_query }, headers: { ...shared_headers, ...own_headers } }, 'ACS3-HMAC-SHA256',
    /// hashedPayload, id, secret)`: each request's row ([`Acs3Batch::authorization_into`]) gives
    /// one value per `own_query` name, one per `own_headers` name, then its payload hash. A name
    /// given twice keeps its last value (own after shared); header names are lower-cased as
    /// JavaScript's `toLowerCase` does and names differing only in case are joined, as the SDK
    /// does; `method` is signed as given.
    pub fn sdk_batch(
        &self,
        method: &str,
        pathname: &str,
        shared_query: &[(&str, &str)],
        shared_headers: &[(&str, &str)],
        own_query: &[&str],
        own_headers: &[&str],
    ) -> Acs3Batch {
        let mut template = Template::new();
        template.push(method.as_bytes());
        template.push(b"\n");
        template.push(canonical_uri(pathname).as_bytes());
        template.push(b"\n");
        for (i, (name, source)) in object_order(shared_query, own_query)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                template.push(b"&");
            }
            // The SDK appends the name unencoded.
            template.push(name.as_bytes());
            template.push(b"=");
            match source {
                Source::Shared(value) => encoded_into(template.static_text(), value.as_bytes()),
                Source::Own(j) => template.hole(Hole::Query(j)),
            }
        }
        template.push(b"\n");
        let mut groups = Vec::new();
        let mut names = String::new();
        for (name, sources) in signed_headers(shared_headers, own_headers) {
            template.push(name.as_bytes());
            template.push(b":");
            let shared: Vec<&str> = sources
                .iter()
                .filter_map(|s| match s {
                    Source::Shared(v) => Some(js_trim(v)),
                    Source::Own(_) => None,
                })
                .collect();
            let own: Vec<usize> = sources
                .iter()
                .filter_map(|s| match s {
                    Source::Own(j) => Some(*j),
                    Source::Shared(_) => None,
                })
                .collect();
            match (shared.as_slice(), own.as_slice()) {
                (_, []) => {
                    let mut values = shared;
                    values.sort_by(|a, b| cmp_utf16(a, b));
                    template.push(values.join(",").as_bytes());
                }
                ([], [j]) => template.hole(Hole::Header(*j)),
                _ => {
                    template.hole(Hole::Group(groups.len()));
                    groups.push((shared.into_iter().map(str::to_owned).collect(), own));
                }
            }
            template.push(b"\n");
            if !names.is_empty() {
                names.push(';');
            }
            names.push_str(&name);
        }
        template.push(b"\n");
        template.push(names.as_bytes());
        template.push(b"\n");
        template.hole(Hole::Payload);
        let mut hash = Sha256::new();
        hash.update(template.lead());
        Acs3Batch {
            hash,
            mac: self.mac.clone(),
            template,
            groups,
            query_width: own_query.len(),
            header_width: own_headers.len(),
            authorization: self.authorization_prefix(&names),
            payload: None,
            buf: Buf::default(),
        }
    }
}

/// The signed headers of `{ ...shared, ...own }` as the SDK picks them: one value per exact name
/// (the last given), `host`, `content-type` and `x-acs-*` by lower-case name, sorted by that
/// name, names differing only in case grouped (their values are joined per request).
fn signed_headers<'a>(
    shared: &[(&'a str, &'a str)],
    own: &[&'a str],
) -> Vec<(String, Vec<Source<'a>>)> {
    let all: Vec<(&str, Source<'_>)> = shared
        .iter()
        .map(|&(n, v)| (n, Source::Shared(v)))
        .chain(own.iter().enumerate().map(|(j, &n)| (n, Source::Own(j))))
        .collect();
    let mut signed: Vec<(String, Source<'_>)> = Vec::new();
    for (i, (name, source)) in all.iter().enumerate() {
        if all
            .get(i + 1..)
            .is_some_and(|later| later.iter().any(|(n, _)| n == name))
        {
            continue;
        }
        let lower = js_lower(name);
        if sdk_signs(&lower) {
            signed.push((lower.into_owned(), *source));
        }
    }
    signed.sort_by(|a, b| cmp_utf16(&a.0, &b.0));
    let mut grouped: Vec<(String, Vec<Source<'_>>)> = Vec::new();
    for (name, source) in signed {
        match grouped.last_mut() {
            Some((n, sources)) if *n == name => sources.push(source),
            _ => grouped.push((name, vec![source])),
        }
    }
    grouped
}

impl Acs3Batch {
    /// Values per request: own query values, own header values, the payload hash (unless
    /// [`Acs3Batch::with_payload_hash`] gave it once).
    pub fn width(&self) -> usize {
        self.query_width + self.header_width + usize::from(self.payload.is_none())
    }

    /// Every request of the batch has the payload hash `hash` (the lower-case hex SHA-256 of
    /// its body, signed as given, as the SDK's `hashedPayload` is): rows then end with their
    /// last own header value. Requests without a body, or with one body sent many times, share
    /// it, and the caller saves a value per request.
    #[must_use]
    pub fn with_payload_hash(mut self, hash: &str) -> Self {
        self.payload = Some(hash.to_owned());
        self
    }

    /// Appends the `Authorization` value of the request whose row is `row` to `out`: its own
    /// query values, its own header values (in the batch's name order), then the lower-case hex
    /// SHA-256 of its body (`x-acs-content-sha256`).
    pub fn authorization_into(&mut self, row: &[&str], out: &mut String) -> Result<(), SignError> {
        if row.len() != self.width() {
            return Err(SignError::RowWidth {
                expected: self.width(),
                got: row.len(),
            });
        }
        self.sign(row, out);
        Ok(())
    }

    /// [`Acs3Batch::authorization_into`] into a new string.
    pub fn authorization(&mut self, row: &[&str]) -> Result<String, SignError> {
        let mut out = String::with_capacity(self.authorization.len() + 64);
        self.authorization_into(row, &mut out)?;
        Ok(out)
    }

    /// The `Authorization` of `row`, already checked to be `width` values wide.
    pub(super) fn sign(&mut self, row: &[&str], out: &mut String) {
        let (nq, nh) = (self.query_width, self.header_width);
        let value = |i: usize| row.get(i).copied().unwrap_or_default();
        let groups = &self.groups;
        let payload = self.payload.as_deref();
        let mut hash = self.hash.clone();
        self.buf.clear();
        self.template
            .render_after_lead(&mut self.buf, |hole, buf| match *hole {
                Hole::Query(j) => {
                    for piece in value(j).as_bytes().chunks(ENCODE_CHUNK) {
                        buf.encoded(piece);
                        if buf.len() >= HASH_AT {
                            hash.update(buf.bytes());
                            buf.clear();
                        }
                    }
                }
                Hole::Header(j) => buf.push(js_trim(value(nq + j)).as_bytes()),
                Hole::Group(g) => {
                    let mut values: Vec<&str> = Vec::new();
                    if let Some((shared, own)) = groups.get(g) {
                        values.extend(shared.iter().map(String::as_str));
                        values.extend(own.iter().map(|j| js_trim(value(nq + j))));
                    }
                    values.sort_by(|a, b| cmp_utf16(a, b));
                    buf.push(values.join(",").as_bytes());
                }
                Hole::Payload => buf.push(payload.unwrap_or_else(|| value(nq + nh)).as_bytes()),
            });
        hash.update(self.buf.bytes());
        let canonical: [u8; 32] = hash.finalize().into();
        out.push_str(&self.authorization);
        out.push_str(hex_str(&hex32(&signature_of(&self.mac, &canonical))));
    }
}
