//! `signRequest` and `signRequests`: sign a request the caller built (its own body, its own
//! action) exactly as callplane signs the requests it builds — TC3 for Tencent, ACS3 (V3) or RPC v1
//! for Alibaba (`credentials.signature`), the `authorization` header for Bland. The batch form
//! signs many requests with one signer (Tencent's per-day key is derived once) in one call.

use super::Host;
use super::args::{Fields, Options, invalid};
use super::request::{client_for, read_headers, request_to_js};
use crate::api::RequestContext;
use crate::api::registry::Client;
use crate::http::HttpRequest;
use crate::issue::{IssueCode, Report};
use crate::json::kind_name;
use crate::{Error, Vendor};
use serde_json::Value;

/// The vendor the credentials are for (`credentials.vendor`).
fn vendor_of(credentials: &Value) -> crate::Result<Vendor> {
    let Value::Object(m) = credentials else {
        return Err(invalid(
            IssueCode::InvalidType,
            "credentials",
            format!(
                "credentials must be an object, got {}",
                kind_name(credentials)
            ),
        ));
    };
    match m.get("vendor").and_then(Value::as_str) {
        Some("bland") => Ok(Vendor::Bland),
        Some("aliyun") => Ok(Vendor::Aliyun),
        Some("tencent") => Ok(Vendor::Tencent),
        _ => Err(invalid(
            IssueCode::InvalidEnum,
            "credentials.vendor",
            "vendor is required: one of bland, aliyun, tencent",
        )),
    }
}

/// The client that signs for `credentials` (vendor-tagged, as `buildRequest` takes them). A
/// binding keeps it to sign many requests without reading the credentials again (and, for
/// Tencent, without deriving the day's signing key again).
pub fn signing_client(credentials: Value) -> crate::Result<Client> {
    let vendor = vendor_of(&credentials)?;
    client_for(vendor, "signing", credentials)
}

/// Sign `req` with `client` and return only the headers the signature set or changed, in order
/// (TC3: `X-TC-Timestamp`, `Authorization`; ACS3: `host`, `x-acs-*`, `Authorization`; Bland:
/// `authorization`): the smallest answer, for bindings that sign at high rates. Alibaba's RPC v1
/// signs the URL instead of headers and is refused here (`signRequest` returns the new URL).
pub fn signing_headers(
    client: &Client,
    mut req: HttpRequest,
    ctx: &RequestContext,
) -> crate::Result<Vec<(String, String)>> {
    if let Client::Aliyun(c) = client
        && c.signature() == crate::api::aliyun::AliyunSignature::RpcV1
    {
        return Err(invalid(
            IssueCode::Conflict,
            "credentials.signature",
            "rpc_v1 signs the URL, not headers: use signRequest, which returns the signed URL",
        ));
    }
    let before = req.headers.clone();
    client.sign(&mut req, ctx)?;
    Ok(req
        .headers
        .into_iter()
        .filter(|h| !before.contains(h))
        .collect())
}

/// Read `{method, url, headers, body}` (the argument at `at`).
fn request(value: Value, at: &str) -> crate::Result<HttpRequest> {
    let mut f = Fields::new(value, at, &["method", "url", "headers", "body"], false)?;
    let method = f.string("method");
    let url = f.string("url");
    let headers = f.opt_value("headers");
    let body = f.opt_string("body");
    let headers = read_headers(headers, &format!("{at}.headers"), &mut f.report);
    f.finish()?;
    let (Some(method), Some(url)) = (method, url) else {
        // `finish` reported the missing field; total anyway.
        return Err(invalid(
            IssueCode::Required,
            at,
            "method and url are required",
        ));
    };
    let mut req = HttpRequest::new(method, url);
    req.headers = headers;
    req.body = body.unwrap_or_default().into_bytes();
    Ok(req)
}

fn sign_one(client: &Client, mut req: HttpRequest, ctx: &RequestContext) -> crate::Result<Value> {
    client.sign(&mut req, ctx)?;
    Ok(Value::Object(request_to_js(req)?))
}

/// `signRequest(credentials, request, {nowMs, nonce})` → `{method, url, headers, body}`: the
/// request signed at `nowMs` with `nonce` (Alibaba; fresh ones when absent). `credentials` are
/// `buildRequest`'s (`vendor` says which scheme family; Alibaba's `signature` picks V3 or RPC v1).
pub fn sign_request(
    credentials: Value,
    request_value: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let client = signing_client(credentials)?;
    let options = Options::read(options, true, host)?;
    let req = request(request_value, "request")?;
    let nonce = options.nonce.unwrap_or_else(|| host.nonce());
    sign_one(&client, req, &RequestContext::new(options.now_ms, nonce))
}

/// `signRequests(credentials, requests, {nowMs})` → one signed request per request, in order.
/// Every request gets its own fresh nonce (Alibaba refuses a reused one), so `options.nonce` is
/// refused here. A bad request fails the call with issues at `requests[i]`.
pub fn sign_requests(
    credentials: Value,
    requests: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let client = signing_client(credentials)?;
    let options = Options::read(options, false, host)?;
    let Value::Array(items) = requests else {
        return Err(invalid(
            IssueCode::InvalidType,
            "requests",
            format!("requests must be an array, got {}", kind_name(&requests)),
        ));
    };
    let mut reqs = Vec::with_capacity(items.len());
    let mut report = Report::new();
    for (i, item) in items.into_iter().enumerate() {
        match request(item, &format!("requests[{i}]")) {
            Ok(r) => reqs.push(r),
            Err(Error::Validation(r)) => report.extend(r),
            Err(e) => return Err(e),
        }
    }
    if report.has_errors() {
        return Err(Error::Validation(report));
    }
    let out: crate::Result<Vec<Value>> = reqs
        .into_iter()
        .map(|req| {
            sign_one(
                &client,
                req,
                &RequestContext::new(options.now_ms, host.nonce()),
            )
        })
        .collect();
    Ok(Value::Array(out?))
}
