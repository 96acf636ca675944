//! `RequestSigner`: signing at high rates. `signRequest` has the pure API's shape (JSON in, the
//! whole signed request out), and that boundary costs ten times the signature itself (see
//! BENCHMARKS.md § npm package). A signer reads the credentials once, keeps Tencent's derived
//! day key, and per request takes strings and answers only the headers the signature set — the
//! same work as the vendors' own SDK signers, which answer one string.

use crate::engine::{unix_ms, uuid_v4};
use crate::strings::{Answers, Bodies, Strings};
use crate::{errors, json_text};
use callplane_core::api::RequestContext;
use callplane_core::api::aliyun::AliyunClient;
use callplane_core::api::registry::Client;
use callplane_core::http::HttpRequest;
use callplane_core::issue::IssueCode;
use callplane_core::js;
use callplane_core::sign::SignError;
use callplane_core::sign::acs3::Acs3Batch;
use napi::bindgen_prelude::{ToNapiValue, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use std::sync::Mutex;

/// Signs requests you build (your own body and action) as callplane signs its own: TC3 for
/// Tencent, ACS3 (V3) for Alibaba, the `authorization` header for Bland. Alibaba's RPC v1 signs
/// the URL: use `signRequest` for it.
///
/// ```js
/// const signer = new RequestSigner({ vendor: 'tencent', secretId, secretKey })
/// const set = signer.sign('POST', 'https://ccc.tencentcloudapi.com/', ['Content-Type', 'application/json'], body)
/// // → ['X-TC-Timestamp', '1773130530', 'Authorization', 'TC3-HMAC-SHA256 Credential=…']
/// ```
#[napi]
pub struct RequestSigner {
    client: Client,
    /// The last `acs3Authorizations` batch and the shared inputs it was made from: a caller
    /// signing batch after batch of one task (the same method, path, shared parameters and
    /// names) reuses its key order, encoded shared values and hash state instead of working them
    /// out again per call (≈ 3 µs of a 64-request call).
    acs3: Mutex<Option<(Vec<u8>, Acs3Batch)>>,
}

#[napi]
impl RequestSigner {
    /// `credentials` as `buildRequest` takes them (`vendor`, then the vendor's keys).
    #[napi(constructor, ts_args_type = "credentials: Record<string, unknown>")]
    pub fn new(env: Env, credentials: Unknown<'_>) -> napi::Result<Self> {
        errors::guard(|| {
            // SAFETY: `env` and `credentials` are the handles of the N-API call in progress.
            let creds = unsafe { json_text::from_js(env.raw(), credentials.raw(), "credentials") }?;
            let client = js::signing_client(creds).map_err(errors::js)?;
            Ok(RequestSigner {
                client,
                acs3: Mutex::new(None),
            })
        })
    }

    /// Sign one request; answers the headers the signature set or changed, flat:
    /// `[name, value, name, value, …]`. `headers` is flat the same way. `nowMs` and `nonce`
    /// (Alibaba) default to now and a fresh UUID. Strings are read as UTF-8: a lone surrogate
    /// becomes U+FFFD, as `fetch` sends it.
    #[napi(
        ts_args_type = "method: string, url: string, headers?: string[] | null, body?: string | null, nowMs?: number, nonce?: string"
    )]
    pub fn sign(
        &self,
        method: String,
        url: String,
        headers: Option<Vec<String>>,
        body: Option<String>,
        now_ms: Option<f64>,
        nonce: Option<String>,
    ) -> napi::Result<Vec<String>> {
        errors::guard(|| {
            let req = request(method, url, headers, body)?;
            let now_ms = now_ms_of(now_ms)?;
            if nonce.as_deref() == Some("") {
                return Err(errors::invalid_arg(
                    "nonce",
                    IssueCode::Required,
                    "nonce is empty; omit it to have one generated",
                ));
            }
            let ctx = RequestContext::new(now_ms, nonce.unwrap_or_else(uuid_v4));
            let set = js::signing_headers(&self.client, req, &ctx).map_err(errors::js)?;
            Ok(set.into_iter().flat_map(|(k, v)| [k, v]).collect())
        })
    }

    /// Sign many bodies of one kind of request (same method, URL and headers) at one time, in
    /// one call: the `Authorization` value of each, in order — what Tencent's `Sign.sign3`
    /// answers. The other headers the signature sets are the same for every body and known to
    /// the caller (TC3: `X-TC-Timestamp` = `nowMs / 1000`, `X-TC-Token` = the token). Tencent and
    /// Bland only (for Alibaba see `acs3Authorizations` and `rpcSignatures`). A body may be a
    /// string (read as UTF-8) or the bytes you will send (`Buffer`, `Uint8Array`), which are
    /// hashed where they lie: for bodies of a KB or more that is the cheaper crossing.
    #[napi(
        ts_args_type = "method: string, url: string, headers: string[] | null, bodies: Array<string | Uint8Array>, nowMs?: number",
        ts_return_type = "string[]"
    )]
    pub fn authorizations<'env>(
        &self,
        env: &'env Env,
        method: String,
        url: String,
        headers: Option<Vec<String>>,
        bodies: Unknown<'_>,
        now_ms: Option<f64>,
    ) -> napi::Result<Unknown<'env>> {
        errors::guard(|| {
            // SAFETY: the handles of the N-API call in progress, which outlives `bodies`.
            let bodies = unsafe { Bodies::from_js(env.raw(), bodies.raw(), "bodies") }?;
            if matches!(self.client, Client::Aliyun(_)) {
                return Err(errors::invalid_arg(
                    "credentials.vendor",
                    IssueCode::Conflict,
                    "Alibaba requests carry a fresh nonce each: use acs3Authorizations or rpcSignatures, which take per-request headers or parameters",
                ));
            }
            let template = request(method, url, headers, None)?;
            let now_ms = now_ms_of(now_ms)?;
            let ctx = RequestContext::new(now_ms, String::new());
            if let Client::Tencent(c) = &self.client {
                // Whole seconds, as `RequestContext` gives every signer.
                let seconds = now_ms.div_euclid(1000);
                // TC3 signs only Content-Type, the host and the body: everything but the body's
                // hash is worked out once for the call (`Tc3Bodies`).
                let signer = c
                    .tc3_signer()
                    .bodies(&template, seconds)
                    .map_err(|e| errors::js(callplane_core::Error::Signing(e)))?;
                let mut answers = Answers::with_capacity(bodies.len(), 160);
                for bytes in bodies.iter() {
                    signer.authorization_into(bytes, &mut answers.text);
                    answers.end();
                }
                return answers_to_js(env, &answers);
            }
            let answers: Vec<String> = bodies
                .iter()
                .map(|body| {
                    let mut req = template.clone();
                    req.body = body.to_vec();
                    let set = js::signing_headers(&self.client, req, &ctx).map_err(errors::js)?;
                    set.into_iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
                        .map(|(_, v)| v)
                        .ok_or_else(|| errors::coded("internal_error", "no Authorization was set"))
                })
                .collect::<napi::Result<_>>()?;
            // SAFETY: `env` is the handle of the N-API call in progress.
            let raw = unsafe { Vec::<String>::to_napi_value(env.raw(), answers) }?;
            Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) })
        })
    }

    /// Alibaba RPC v1 (`HMAC-SHA1`): the signature of each request, in order — exactly what
    /// `@alicloud/openapi-util`'s `getRPCSignature(params, method, accessKeySecret)` answers,
    /// many at a time. Request `i`'s parameters are `shared` (flat name, value pairs the same for
    /// every request: `Action`, `Version`, `Format`, `RegionId`, `AccessKeyId`,
    /// `SignatureMethod`, `SignatureVersion`, …) and its own: `names` (at least
    /// `SignatureNonce`, which must be fresh per request; say also `Timestamp`, `CalledNumber`,
    /// `TtsParam`) with the values `values[i * names.length + j]` — one row of values per request,
    /// a table rather than an object each. Names are as the SDK's flattened object holds them
    /// (`List.1`, `List.2`, …); a repeated name keeps its last value, as `{ ...shared, ...own }`
    /// does; `method` is signed as given. The answer is the raw base64 signature (encode it for
    /// the query, as the SDK does).
    ///
    /// Use it when you assemble RPC requests yourself and sign many: one call for a whole batch,
    /// strings only across the boundary. The clients (`Aliyun`) sign their own requests inside
    /// Rust and never need it. Works whatever `credentials.signature` says.
    #[napi(
        ts_args_type = "method: string, shared: string[] | null, names: string[], values: string[]",
        ts_return_type = "string[]"
    )]
    pub fn rpc_signatures<'env>(
        &self,
        env: &'env Env,
        method: String,
        shared: Unknown<'_>,
        names: Unknown<'_>,
        values: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        errors::guard(|| {
            let signer = self.aliyun("rpcSignatures")?.rpc_signer();
            // SAFETY: the handles of the N-API call in progress.
            let (shared, names, values) = unsafe {
                (
                    Strings::from_js(env.raw(), shared.raw(), "shared", true)?,
                    Strings::from_js(env.raw(), names.raw(), "names", false)?,
                    Strings::from_js(env.raw(), values.raw(), "values", false)?,
                )
            };
            let shared = pairs_of(&shared, "shared")?;
            let names: Vec<&str> = names.iter().collect();
            let values = rows_of(&values, names.len(), "names", "SignatureNonce")?;
            // The order, the shared values' encoding and the MAC of the leading bytes, once.
            let mut batch = signer.sdk_batch(&method, &shared, &names);
            let answers = sign_rows(&values, names.len(), 28, |row, out| {
                batch.signature_into(row, out)
            })?;
            answers_to_js(env, &answers)
        })
    }

    /// Alibaba V3 (`ACS3-HMAC-SHA256`): the `Authorization` value of each request, in order —
    /// exactly what `@alicloud/openapi-util`'s `getAuthorization({ method, pathname, query,
    /// headers }, 'ACS3-HMAC-SHA256', hashedPayload, accessKeyId, accessKeySecret)` answers, many
    /// at a time. Every request has the query `sharedQuery` and the headers `sharedHeaders` (flat
    /// name, value pairs; the SDK signs `host`, `content-type` and every `x-acs-*`), then its own
    /// row of `values`: one value per `queryNames`, one per `headerNames` (at least
    /// `x-acs-signature-nonce`, fresh per request; say also `x-acs-date`), and last its payload
    /// hash (the lower-case hex SHA-256 of its body, sent as `x-acs-content-sha256`). Row `i`
    /// starts at `values[i * (queryNames.length + headerNames.length + 1)]`. When every request
    /// has the same payload hash (no body, or one body sent many times), pass it once as
    /// `payloadHash`: rows then end without it, `queryNames.length + headerNames.length` values
    /// each (a value fewer to hand over per request). A repeated name keeps
    /// its last value, as an object does; query values are decoded (the SDK encodes them);
    /// `method` is signed as given.
    ///
    /// Use it when you build V3 requests yourself and sign many: one call for a batch, strings
    /// only across the boundary. The clients (`Aliyun`) sign inside Rust and never need it.
    /// Works whatever `credentials.signature` says. The signer keeps what it worked out from the
    /// shared inputs (everything but `values`) for the next call: calls for one task, batch after
    /// batch, only pay for their rows.
    #[napi(
        ts_args_type = "method: string, pathname: string, sharedQuery: string[] | null, sharedHeaders: string[] | null, queryNames: string[], headerNames: string[], values: string[], payloadHash?: string | null",
        ts_return_type = "string[]"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn acs3_authorizations<'env>(
        &self,
        env: &'env Env,
        method: String,
        pathname: String,
        shared_query: Unknown<'_>,
        shared_headers: Unknown<'_>,
        query_names: Unknown<'_>,
        header_names: Unknown<'_>,
        values: Unknown<'_>,
        payload_hash: Option<String>,
    ) -> napi::Result<Unknown<'env>> {
        errors::guard(|| {
            let signer = self.aliyun("acs3Authorizations")?.acs3_signer();
            // SAFETY: the handles of the N-API call in progress.
            let [
                shared_query,
                shared_headers,
                query_names,
                header_names,
                values,
            ] = unsafe {
                let raw = |v: &Unknown<'_>, path, nullable| {
                    Strings::from_js(env.raw(), v.raw(), path, nullable)
                };
                [
                    raw(&shared_query, "sharedQuery", true)?,
                    raw(&shared_headers, "sharedHeaders", true)?,
                    raw(&query_names, "queryNames", false)?,
                    raw(&header_names, "headerNames", false)?,
                    raw(&values, "values", false)?,
                ]
            };
            let shared_query_pairs = pairs_of(&shared_query, "sharedQuery")?;
            let shared_header_pairs = pairs_of(&shared_headers, "sharedHeaders")?;
            if header_names.len() == 0 {
                return Err(errors::invalid_arg(
                    "headerNames",
                    IssueCode::Required,
                    "headerNames must name each request's own headers: at least x-acs-signature-nonce, fresh per request",
                ));
            }
            // Everything the batch is made from, each part with its length: equal keys, equal
            // batches.
            let mut key = Vec::with_capacity(1024);
            key_part(&mut key, &method);
            key_part(&mut key, &pathname);
            key.push(u8::from(payload_hash.is_some()));
            key_part(&mut key, payload_hash.as_deref().unwrap_or_default());
            for strings in [&shared_query, &shared_headers, &query_names, &header_names] {
                key.extend_from_slice(&strings.len().to_le_bytes());
                strings.iter().for_each(|s| key_part(&mut key, s));
            }
            // A poisoned lock (a panic while signing) is rebuilt: the batch is never trusted.
            let mut cached = match self.acs3.lock() {
                Ok(guard) => guard,
                Err(poisoned) => {
                    let mut guard = poisoned.into_inner();
                    *guard = None;
                    self.acs3.clear_poison();
                    guard
                }
            };
            if cached.as_ref().is_some_and(|(k, _)| *k != key) {
                *cached = None;
            }
            let (_, batch) = cached.get_or_insert_with(|| {
                // The key order, the header rules, the shared values' encoding, once.
                let query_names: Vec<&str> = query_names.iter().collect();
                let header_names: Vec<&str> = header_names.iter().collect();
                let mut batch = signer.sdk_batch(
                    &method,
                    &pathname,
                    &shared_query_pairs,
                    &shared_header_pairs,
                    &query_names,
                    &header_names,
                );
                if let Some(hash) = &payload_hash {
                    batch = batch.with_payload_hash(hash);
                }
                (key, batch)
            });
            let values = rows_of(
                &values,
                batch.width(),
                "headerNames",
                "x-acs-signature-nonce",
            )?;
            let answers = sign_rows(&values, batch.width(), 160, |row, out| {
                batch.authorization_into(row, out)
            })?;
            drop(cached);
            answers_to_js(env, &answers)
        })
    }
}

impl RequestSigner {
    /// The Alibaba client, or a typed refusal naming `what` for other vendors.
    fn aliyun(&self, what: &str) -> napi::Result<&AliyunClient> {
        match &self.client {
            Client::Aliyun(c) => Ok(c),
            _ => Err(errors::invalid_arg(
                "credentials.vendor",
                IssueCode::Conflict,
                format!("{what} signs Alibaba requests: make the signer with vendor 'aliyun'"),
            )),
        }
    }
}

/// Appends `part` and its length to a cache key.
fn key_part(key: &mut Vec<u8>, part: &str) {
    key.extend_from_slice(&part.len().to_le_bytes());
    key.extend_from_slice(part.as_bytes());
}

/// The batch signers' answers as a JS `string[]`.
fn answers_to_js<'env>(env: &'env Env, answers: &Answers) -> napi::Result<Unknown<'env>> {
    // SAFETY: `env` is the handle of the N-API call in progress; the array is a fresh value of it.
    unsafe {
        let raw = answers.to_js(env.raw())?;
        Ok(Unknown::from_raw_unchecked(env.raw(), raw))
    }
}

/// `[name, value, name, value, …]` as pairs, or a typed refusal naming `path`.
fn pairs_of<'a>(flat: &'a Strings, path: &str) -> napi::Result<Vec<(&'a str, &'a str)>> {
    if !flat.len().is_multiple_of(2) {
        return Err(errors::invalid_arg(
            path,
            IssueCode::InvalidFormat,
            format!("{path} must be flat name, value pairs (an even number of strings)"),
        ));
    }
    let items: Vec<&str> = flat.iter().collect();
    Ok(items.chunks_exact(2).map(|kv| (kv[0], kv[1])).collect())
}

/// One answer per row of `width` values (of about `each` bytes), written by `sign` — a batch
/// signer's `*_into` — in row order.
fn sign_rows(
    values: &[&str],
    width: usize,
    each: usize,
    mut sign: impl FnMut(&[&str], &mut String) -> Result<(), SignError>,
) -> napi::Result<Answers> {
    // `rows_of` refused a zero width already; `max` only keeps `chunks_exact` total.
    let mut answers = Answers::with_capacity(values.len() / width.max(1), each);
    for row in values.chunks_exact(width.max(1)) {
        sign(row, &mut answers.text).map_err(|e| errors::js(callplane_core::Error::Signing(e)))?;
        answers.end();
    }
    Ok(answers)
}

/// `values`, checked to be whole rows of `width` (one per request); `names` names the argument that sets the
/// width, which must not be zero since every request needs its own `needed`.
fn rows_of<'a>(
    values: &'a Strings,
    width: usize,
    names: &str,
    needed: &str,
) -> napi::Result<Vec<&'a str>> {
    if width == 0 {
        return Err(errors::invalid_arg(
            names,
            IssueCode::Required,
            format!(
                "{names} must name each request's own values: at least {needed}, fresh per request"
            ),
        ));
    }
    if !values.len().is_multiple_of(width) {
        return Err(errors::invalid_arg(
            "values",
            IssueCode::InvalidFormat,
            format!(
                "values has {} strings, not a multiple of the {width} each request has",
                values.len()
            ),
        ));
    }
    Ok(values.iter().collect())
}

/// The request of `sign` and `authorizations`: `headers` flat name, value pairs.
fn request(
    method: String,
    url: String,
    headers: Option<Vec<String>>,
    body: Option<String>,
) -> napi::Result<HttpRequest> {
    let mut req = HttpRequest::new(method, url);
    let flat = headers.unwrap_or_default();
    if !flat.len().is_multiple_of(2) {
        return Err(errors::invalid_arg(
            "headers",
            IssueCode::InvalidFormat,
            "headers must be flat name, value pairs (an even number of strings)",
        ));
    }
    let mut it = flat.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        req.headers.push((k, v));
    }
    req.body = body.unwrap_or_default().into_bytes();
    Ok(req)
}

/// `nowMs`, or the system clock when absent.
fn now_ms_of(now_ms: Option<f64>) -> napi::Result<i64> {
    match now_ms {
        None => Ok(unix_ms()),
        Some(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(n as i64),
        Some(_) => Err(errors::invalid_arg(
            "nowMs",
            IssueCode::InvalidType,
            "nowMs must be an integer number of Unix milliseconds",
        )),
    }
}
