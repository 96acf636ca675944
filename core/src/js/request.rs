//! `buildRequest` and `parseResponse`: the sans-IO request layer ([`crate::api::registry`]) in JS
//! names. The caller moves the request with `fetch` (or anything else) and hands the answer back.

use super::args::{Fields, Options, invalid};
use super::{Host, error_paths_to_js, issues_to_js, operation, report_to_js, schema, to_wire};
use crate::api::RequestContext;
use crate::api::aliyun::{AliyunClient, AliyunSignature};
use crate::api::bland::BlandClient;
use crate::api::registry::{self, Client, Operation};
use crate::api::tencent::TencentClient;
use crate::http::{HttpRequest, HttpResponse};
use crate::issue::{IssueCode, Report};
use crate::json::kind_name;
use crate::sign::AliyunCredentials;
use crate::sign::tc3::Tc3Credentials;
use crate::{Error, Vendor};
use serde_json::{Map, Value};

const BLAND: &[&str] = &["vendor", "apiKey", "endpoint", "encryptedKey"];
const ALIYUN: &[&str] = &[
    "vendor",
    "accessKeyId",
    "accessKeySecret",
    "securityToken",
    "endpoint",
    "signature",
    "regionId",
];
const TENCENT: &[&str] = &[
    "vendor",
    "secretId",
    "secretKey",
    "token",
    "endpoint",
    "region",
    "language",
];

/// Read `credentials` into a client for `op`'s vendor. Every problem is reported at once, by
/// field name only (values are secrets).
fn client(op: Operation, credentials: Value) -> crate::Result<Client> {
    client_for(op.vendor(), &super::operation_name(op), credentials)
}

/// Read `credentials` into a client for `want`; `what` names what needs that vendor in messages
/// (`tencent.createAICall`).
pub(super) fn client_for(want: Vendor, what: &str, credentials: Value) -> crate::Result<Client> {
    let vendor = match &credentials {
        Value::Object(m) => m.get("vendor").and_then(Value::as_str).map(str::to_owned),
        other => {
            return Err(invalid(
                IssueCode::InvalidType,
                "credentials",
                format!("credentials must be an object, got {}", kind_name(other)),
            ));
        }
    };
    match vendor.as_deref() {
        Some(v) if v == want.as_str() => {}
        Some(v) => {
            return Err(invalid(
                IssueCode::Conflict,
                "credentials.vendor",
                format!("{what} is a {want} operation, but the credentials are for `{v}`"),
            ));
        }
        None => {
            return Err(invalid(
                IssueCode::Required,
                "credentials.vendor",
                format!("vendor is required (\"{want}\" for {what})"),
            ));
        }
    }
    match want {
        Vendor::Bland => {
            let mut f = Fields::new(credentials, "credentials", BLAND, false)?;
            let _ = f.opt_value("vendor");
            let key = f.secret("apiKey");
            let endpoint = f.opt_string("endpoint");
            let encrypted = f.opt_secret("encryptedKey");
            f.finish()?;
            let key = key.ok_or_else(missing)?;
            let mut c = BlandClient::new(key);
            if let Some(e) = endpoint {
                c = c.with_endpoint(e);
            }
            if let Some(k) = encrypted {
                c = c.with_encrypted_key(k);
            }
            Ok(Client::Bland(c))
        }
        Vendor::Aliyun => {
            let mut f = Fields::new(credentials, "credentials", ALIYUN, false)?;
            let _ = f.opt_value("vendor");
            let id = f.string("accessKeyId");
            let secret = f.secret("accessKeySecret");
            let token = f.opt_secret("securityToken");
            let endpoint = f.opt_string("endpoint");
            let region = f.opt_string("regionId");
            let signature = match f.opt_string("signature").as_deref() {
                None | Some("v3") => Some(AliyunSignature::V3),
                Some("rpc_v1") => Some(AliyunSignature::RpcV1),
                Some(other) => {
                    f.report.error(
                        IssueCode::InvalidEnum,
                        "credentials.signature",
                        format!("unknown signature `{other}`; one of v3, rpc_v1"),
                    );
                    None
                }
            };
            f.finish()?;
            let (Some(id), Some(secret), Some(signature)) = (id, secret, signature) else {
                return Err(missing());
            };
            let mut creds = AliyunCredentials::new(id, secret);
            if let Some(t) = token {
                creds = creds.with_security_token(t);
            }
            let mut c = AliyunClient::new(creds).with_signature(signature);
            if let Some(e) = endpoint {
                c = c.with_endpoint(e);
            }
            if let Some(r) = region {
                c = c.with_region_id(r);
            }
            Ok(Client::Aliyun(c))
        }
        Vendor::Tencent => {
            let mut f = Fields::new(credentials, "credentials", TENCENT, false)?;
            let _ = f.opt_value("vendor");
            let id = f.string("secretId");
            let key = f.secret("secretKey");
            let token = f.opt_secret("token");
            let endpoint = f.opt_string("endpoint");
            let region = f.opt_string("region");
            let language = f.opt_string("language");
            f.finish()?;
            let (Some(id), Some(key)) = (id, key) else {
                return Err(missing());
            };
            let mut creds = Tc3Credentials::new(id, key);
            if let Some(t) = token {
                creds = creds.with_token(t);
            }
            let mut c = TencentClient::new(creds);
            if let Some(e) = endpoint {
                c = c.with_endpoint(e);
            }
            if let Some(r) = region {
                c = c.with_region(r);
            }
            if let Some(l) = language {
                c = c.with_language(l);
            }
            Ok(Client::Tencent(c))
        }
    }
}

/// Unreachable after `finish()` succeeded (a missing field is an issue there); total anyway.
fn missing() -> Error {
    invalid(
        IssueCode::Required,
        "credentials",
        "credentials are incomplete",
    )
}

/// `buildRequest(operation, credentials, input, {nowMs, nonce})` → `{method, url, headers, body,
/// warnings}`: the input validated (a request with errors is refused with every issue, paths in JS
/// names), mapped to wire names and signed. `headers` is a list of `[name, value]` pairs (order
/// kept; `new Headers(pairs)` takes it); `body` is the text to send, or `null`.
pub fn build_request(
    operation_name: &Value,
    credentials: Value,
    input: Value,
    options: Value,
    host: &dyn Host,
) -> crate::Result<Value> {
    let op = operation(operation_name)?;
    let client = client(op, credentials)?;
    let options = Options::read(options, true, host)?;
    let nonce = options.nonce.unwrap_or_else(|| host.nonce());
    let ctx = RequestContext::new(options.now_ms, nonce);
    let shape = schema::input(op);
    let mut mapping = Report::new();
    let wire = to_wire(op, input, &mut mapping);
    let built = match registry::build(op, &client, wire, &ctx) {
        Ok(b) => b,
        Err(Error::Validation(r)) => {
            mapping.extend(report_to_js(shape, r));
            return Err(Error::Validation(mapping));
        }
        Err(e) => return Err(error_paths_to_js(shape, e)),
    };
    if mapping.has_errors() {
        mapping.extend(report_to_js(shape, built.warnings));
        return Err(Error::Validation(mapping));
    }
    mapping.extend(report_to_js(shape, built.warnings));
    let mut m = request_to_js(built.request)?;
    m.insert("warnings".into(), issues_to_js(&mapping));
    Ok(Value::Object(m))
}

/// A request as JS sees it: `{method, url, headers, body}`, `headers` as `[name, value]` pairs.
pub(super) fn request_to_js(req: HttpRequest) -> crate::Result<Map<String, Value>> {
    let body = if req.body.is_empty() {
        Value::Null
    } else {
        // Every vendor body callplane builds is JSON or a form: UTF-8 text by construction.
        Value::String(String::from_utf8(req.body).map_err(|_| Error::Json {
            message: "the built body is not UTF-8 text".into(),
        })?)
    };
    let headers = req
        .headers
        .into_iter()
        .map(|(k, v)| Value::Array(vec![Value::String(k), Value::String(v)]))
        .collect();
    let mut m = Map::new();
    m.insert("method".into(), Value::String(req.method));
    m.insert("url".into(), Value::String(req.url));
    m.insert("headers".into(), Value::Array(headers));
    m.insert("body".into(), body);
    Ok(m)
}

/// Read `{status, headers, body}`. `headers` is an object (`Object.fromEntries(res.headers)`) or a
/// list of `[name, value]` pairs; `body` the response text (absent or `null`: empty).
fn response(value: Value) -> crate::Result<HttpResponse> {
    let mut f = Fields::new(value, "response", &["status", "headers", "body"], false)?;
    let present = matches!(&f.opt_value_ref("status"), Some(v) if !v.is_null());
    let status = f.opt_i64("status");
    let headers = f.opt_value("headers");
    let body = f.opt_string("body");
    let status = match status.map(u16::try_from) {
        Some(Ok(s)) if (100..=599).contains(&s) => Some(s),
        Some(_) => {
            f.report.error(
                IssueCode::OutOfRange,
                "response.status",
                "status must be an HTTP status code (100–599)",
            );
            None
        }
        None if !present => {
            f.report
                .error(IssueCode::Required, "response.status", "status is required");
            None
        }
        None => None,
    };
    let headers = read_headers(headers, "response.headers", &mut f.report);
    f.finish()?;
    let mut resp = HttpResponse::new(status.unwrap_or(0));
    resp.headers = headers;
    resp.body = body.unwrap_or_default().into_bytes();
    Ok(resp)
}

/// Headers given as an object of strings or a list of `[name, value]` pairs; problems are
/// reported under `at` (`response.headers`).
pub(super) fn read_headers(
    v: Option<Value>,
    at: &str,
    report: &mut Report,
) -> Vec<(String, String)> {
    let bad = |report: &mut Report, at: String| {
        report.error(
            IssueCode::InvalidType,
            at,
            "headers must be an object of strings or a list of [name, value] string pairs",
        );
    };
    match v {
        None => Vec::new(),
        Some(Value::Object(m)) => {
            let mut out = Vec::with_capacity(m.len());
            for (k, v) in m {
                match v {
                    Value::String(s) => out.push((k, s)),
                    _ => bad(report, format!("{at}.{k}")),
                }
            }
            out
        }
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::Array(pair) => match <[Value; 2]>::try_from(pair) {
                        Ok([Value::String(k), Value::String(v)]) => out.push((k, v)),
                        _ => bad(report, format!("{at}[{i}]")),
                    },
                    _ => bad(report, format!("{at}[{i}]")),
                }
            }
            out
        }
        Some(_) => {
            bad(report, at.to_owned());
            Vec::new()
        }
    }
}

/// `parseResponse(operation, {status, headers, body})` → `{data, requestId, httpStatus, raw}`:
/// `data` is the typed answer in JS names (free-form user data keeps its keys), `raw` the body as
/// the vendor sent it. A vendor error (any of its envelopes) throws with `vendor`, `vendorCode`,
/// `httpStatus`, `requestId` and `retryClass`.
pub fn parse_response(operation_name: &Value, response_value: Value) -> crate::Result<Value> {
    let op = operation(operation_name)?;
    let resp = response(response_value)?;
    let parsed = registry::parse(op, &resp)?;
    Ok(Value::Object(super::parsed_to_js(op, parsed)))
}
