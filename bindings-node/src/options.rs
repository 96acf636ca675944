//! Constructor options of the three clients. The `#[napi(object)]` structs are the TypeScript
//! types in `index.d.ts` (their docs and `@default` tags flow there). The options themselves are
//! read by [`Fields`](crate::fields::Fields) rather than napi's conversion, so that every problem is reported at once
//! with its path (`retries.max`), unknown keys are refused, and a value of the wrong type is never
//! echoed into a message (it might be a credential).

use crate::errors;
use crate::fields::Fields;
use crate::transport::Transport;
use callplane_core::Secret;
use callplane_core::Vendor;
use callplane_core::api::aliyun::{AliyunClient, AliyunSignature};
use callplane_core::api::bland::BlandClient;
use callplane_core::api::registry::Client;
use callplane_core::api::tencent::TencentClient;
use callplane_core::http::UrlParts;
use callplane_core::issue::{IssueCode, Path, Report};
use callplane_core::pacing::{RateLimit, VendorLimits};
use callplane_core::retry::RetryPolicy;
use callplane_core::sign::AliyunCredentials;
use callplane_core::sign::tc3::Tc3Credentials;
use napi::Either;
use napi_derive::napi;
use serde_json::Value;
use std::time::Duration;

/// Retries of the *retryable* failures only — throttling, 5xx, a connection refused before
/// sending, a stale signature — with exponential backoff and full jitter
/// (`random(0, min(capMs, baseMs·2^attempt))`), never less than a vendor's own retry-after.
/// An ambiguous outcome (a call-creating request sent without an answer) is never retried.
#[napi(object)]
#[derive(Clone)]
pub struct RetryOptions {
    /// Retries after the first attempt; `0` disables retrying (at most 100).
    /// @default 3
    pub max: Option<u32>,
    /// Backoff bound of the first retry, in ms; it doubles per retry.
    /// @default 250
    pub base_ms: Option<u32>,
    /// Largest backoff bound, in ms.
    /// @default 20000
    pub cap_ms: Option<u32>,
}

/// At most `requests` requests in any window of `perMs` milliseconds; a burst beyond that waits
/// for its slot instead of being refused by the vendor.
#[napi(object)]
#[derive(Clone)]
pub struct RateLimitOptions {
    /// Requests allowed per window (1–10000).
    pub requests: u32,
    /// The window, in ms.
    /// @default 1000
    pub per_ms: Option<u32>,
}

/// Options of `new Bland(...)`.
#[napi(object)]
pub struct BlandOptions {
    /// Your Bland API key, sent as the `authorization` header.
    pub api_key: String,
    /// The `encrypted_key` header of bring-your-own-Twilio accounts.
    pub encrypted_key: Option<String>,
    /// Base URL, e.g. a simulator's (`http://127.0.0.1:4010`). Plain http only for loopback hosts.
    /// @default "https://api.bland.ai"
    pub endpoint: Option<String>,
    /// Time limit of one attempt (connect, send, answer), in ms.
    /// @default 30000
    pub timeout_ms: Option<u32>,
    pub retries: Option<RetryOptions>,
    /// Client-side pacing; `false` turns it off. Bland documents no request rate, so there is
    /// none by default (429 answers are retried with backoff).
    /// @default false
    #[napi(ts_type = "RateLimitOptions | false")]
    pub rate_limit: Option<Either<RateLimitOptions, bool>>,
}

/// Options of `new Aliyun(...)` (Alibaba Cloud Voice Service, dyvms).
#[napi(object)]
pub struct AliyunOptions {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// STS security token of temporary credentials.
    pub security_token: Option<String>,
    /// Endpoint, e.g. a simulator's. Plain http only for loopback hosts.
    /// @default "https://dyvmsapi.aliyuncs.com"
    pub endpoint: Option<String>,
    /// `RegionId` sent with the RPC v1 signature.
    /// @default "cn-hangzhou"
    pub region_id: Option<String>,
    /// `"v3"` (ACS3-HMAC-SHA256, what the current official SDKs send) or `"rpc_v1"` (HMAC-SHA1,
    /// what the dyvms documentation describes).
    /// @default "v3"
    #[napi(ts_type = "'v3' | 'rpc_v1'")]
    pub signature: Option<String>,
    /// Time limit of one attempt, in ms.
    /// @default 30000
    pub timeout_ms: Option<u32>,
    pub retries: Option<RetryOptions>,
    /// Client-side pacing per AccessKeyId; `false` turns it off.
    /// @default { requests: 100, perMs: 1000 }
    #[napi(ts_type = "RateLimitOptions | false")]
    pub rate_limit: Option<Either<RateLimitOptions, bool>>,
}

/// Options of `new Tencent(...)` (Tencent Cloud Contact Center, ccc).
#[napi(object)]
pub struct TencentOptions {
    pub secret_id: String,
    pub secret_key: String,
    /// Session token of temporary credentials (`X-TC-Token`).
    pub token: Option<String>,
    /// Endpoint: `https://ccc.intl.tencentcloudapi.com`, or a simulator's. Plain http only for
    /// loopback hosts.
    /// @default "https://ccc.tencentcloudapi.com"
    pub endpoint: Option<String>,
    /// `X-TC-Region` (ccc does not require one).
    pub region: Option<String>,
    /// `X-TC-Language` of error messages: `zh-CN` or `en-US`.
    pub language: Option<String>,
    /// Time limit of one attempt, in ms.
    /// @default 30000
    pub timeout_ms: Option<u32>,
    pub retries: Option<RetryOptions>,
    /// Client-side pacing per SdkAppId; `false` turns it off. The documented limit is 20
    /// requests per second.
    /// @default { requests: 20, perMs: 1000 }
    #[napi(ts_type = "RateLimitOptions | false")]
    pub rate_limit: Option<Either<RateLimitOptions, bool>>,
}

/// What a client is made of, ready for the engine.
pub(crate) struct Parts {
    pub client: Client,
    pub transport: Transport,
    pub retry: RetryPolicy,
    pub rate_limit: Option<RateLimit>,
}

const DEFAULT_TIMEOUT_MS: u32 = 30_000;
const MAX_TIMEOUT_MS: u32 = 600_000;

fn retries(f: &mut Fields<'_>) -> Option<RetryOptions> {
    let mut r = f.object("retries", &["max", "baseMs", "capMs"])?;
    Some(RetryOptions {
        max: r.u32_in("max", 0, RetryPolicy::MAX_RETRIES),
        base_ms: r.u32_in("baseMs", 0, RetryPolicy::MAX_CAP_MS as u32),
        cap_ms: r.u32_in("capMs", 0, RetryPolicy::MAX_CAP_MS as u32),
    })
}

fn rate_limit(f: &mut Fields<'_>) -> Option<Either<RateLimitOptions, bool>> {
    match f.raw("rateLimit")? {
        Value::Bool(false) => Some(Either::B(false)),
        Value::Bool(true) => {
            f.error(
                "rateLimit",
                IssueCode::InvalidType,
                "expected a rate limit object or false (omit it for the vendor's default)",
            );
            None
        }
        v => {
            let mut r = Fields::new(
                v,
                f.at.field("rateLimit"),
                &["requests", "perMs"],
                &mut *f.report,
            )?;
            let requests = r.u32_in("requests", 1, RateLimit::MAX_REQUESTS);
            let per_ms = r.u32_in("perMs", 1, RateLimit::MAX_PER_MS as u32);
            match requests {
                Some(requests) => Some(Either::A(RateLimitOptions { requests, per_ms })),
                None => {
                    if !r
                        .report
                        .issues
                        .iter()
                        .any(|i| i.path == r.at.field("requests"))
                    {
                        r.error("requests", IssueCode::Required, "requests is required");
                    }
                    None
                }
            }
        }
    }
}

/// Endpoint URL problems: not absolute, not http(s), or plain http to a non-loopback host (an API
/// key must not cross a network in clear text).
fn endpoint(f: &mut Fields<'_>) -> Option<String> {
    let url = f.string("endpoint")?;
    let problem = match UrlParts::parse(&url) {
        Err(e) => Some(e.to_string()),
        Ok(p) if p.scheme == "https" => None,
        Ok(p) if p.scheme == "http" => {
            let host = p.host().trim_start_matches('[').trim_end_matches(']');
            let loopback = host == "localhost"
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback());
            (!loopback).then(|| {
                "plain http is accepted only for loopback hosts (a local simulator); use https"
                    .to_owned()
            })
        }
        Ok(p) => Some(format!("unsupported scheme `{}` (use https)", p.scheme)),
    };
    match problem {
        Some(m) => {
            f.error("endpoint", IssueCode::InvalidUrl, m);
            None
        }
        None => Some(url),
    }
}

/// The options every client shares.
struct Common {
    endpoint: Option<String>,
    timeout_ms: Option<u32>,
    retries: Option<RetryOptions>,
    rate_limit: Option<Either<RateLimitOptions, bool>>,
}

/// Read the options every client shares.
fn common(f: &mut Fields<'_>) -> Common {
    Common {
        endpoint: endpoint(f),
        timeout_ms: f.u32_in("timeoutMs", 1, MAX_TIMEOUT_MS),
        retries: retries(f),
        rate_limit: rate_limit(f),
    }
}

const COMMON: [&str; 4] = ["endpoint", "timeoutMs", "retries", "rateLimit"];

fn known(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().copied().chain(COMMON).collect()
}

fn finish(
    vendor: Vendor,
    client: Client,
    common: Common,
    mut report: Report,
) -> napi::Result<Parts> {
    let defaults = RetryPolicy::default();
    let retry = match common.retries {
        Some(r) => RetryPolicy {
            max_retries: r.max.unwrap_or(defaults.max_retries),
            base_ms: r.base_ms.map_or(defaults.base_ms, u64::from),
            cap_ms: r.cap_ms.map_or(defaults.cap_ms, u64::from),
        },
        None => defaults,
    };
    retry.validate(&Path::from("retries"), &mut report);
    let rate_limit = match common.rate_limit {
        None => VendorLimits::default_for(vendor),
        Some(Either::B(_)) => None,
        Some(Either::A(r)) => Some(RateLimit {
            requests: r.requests,
            per_ms: r.per_ms.map_or(1_000, u64::from),
        }),
    };
    if report.has_errors() {
        return Err(errors::invalid(rename_retry_paths(report)));
    }
    let transport = Transport::new(Duration::from_millis(u64::from(
        common.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
    )))
    .map_err(|e| errors::core(&e, errors::Extra::default()))?;
    Ok(Parts {
        client,
        transport,
        retry,
        rate_limit,
    })
}

/// The core names policy fields in Rust (`retries.base_ms`); JS callers wrote `retries.baseMs`.
fn rename_retry_paths(mut report: Report) -> Report {
    for i in &mut report.issues {
        let renamed = match i.path.as_str() {
            "retries.max_retries" => Some("retries.max"),
            "retries.base_ms" => Some("retries.baseMs"),
            "retries.cap_ms" => Some("retries.capMs"),
            _ => None,
        };
        if let Some(p) = renamed {
            i.path = Path::from(p);
            i.message = i
                .message
                .replace("cap_ms", "capMs")
                .replace("base_ms", "baseMs");
        }
    }
    report
}

/// `new Bland(options)`.
pub(crate) fn bland(value: Value) -> napi::Result<Parts> {
    let mut report = Report::new();
    let known = known(&["apiKey", "encryptedKey"]);
    let Some(mut f) = Fields::new(value, Path::root(), &known, &mut report) else {
        return Err(errors::invalid(report));
    };
    let api_key = Secret::new(f.required("apiKey"));
    let encrypted_key = f.string("encryptedKey").map(Secret::new);
    let common = common(&mut f);
    let mut c = BlandClient::new(api_key);
    if let Some(k) = encrypted_key {
        c = c.with_encrypted_key(k);
    }
    if let Some(e) = common.endpoint.clone() {
        c = c.with_endpoint(e);
    }
    finish(Vendor::Bland, Client::Bland(c), common, report)
}

/// `new Aliyun(options)`.
pub(crate) fn aliyun(value: Value) -> napi::Result<Parts> {
    let mut report = Report::new();
    let known = known(&[
        "accessKeyId",
        "accessKeySecret",
        "securityToken",
        "regionId",
        "signature",
    ]);
    let Some(mut f) = Fields::new(value, Path::root(), &known, &mut report) else {
        return Err(errors::invalid(report));
    };
    let mut creds = AliyunCredentials::new(
        f.required("accessKeyId"),
        Secret::new(f.required("accessKeySecret")),
    );
    if let Some(t) = f.string("securityToken") {
        creds = creds.with_security_token(Secret::new(t));
    }
    let region = f.string("regionId");
    let signature = match f.string("signature").as_deref() {
        None | Some("v3") => AliyunSignature::V3,
        Some("rpc_v1") => AliyunSignature::RpcV1,
        Some(other) => {
            f.error(
                "signature",
                IssueCode::InvalidEnum,
                format!("unknown signature `{other}` (v3, rpc_v1)"),
            );
            AliyunSignature::V3
        }
    };
    let common = common(&mut f);
    let mut c = AliyunClient::new(creds).with_signature(signature);
    if let Some(r) = region {
        c = c.with_region_id(r);
    }
    if let Some(e) = common.endpoint.clone() {
        c = c.with_endpoint(e);
    }
    finish(Vendor::Aliyun, Client::Aliyun(c), common, report)
}

/// `new Tencent(options)`.
pub(crate) fn tencent(value: Value) -> napi::Result<Parts> {
    let mut report = Report::new();
    let known = known(&["secretId", "secretKey", "token", "region", "language"]);
    let Some(mut f) = Fields::new(value, Path::root(), &known, &mut report) else {
        return Err(errors::invalid(report));
    };
    let mut creds =
        Tc3Credentials::new(f.required("secretId"), Secret::new(f.required("secretKey")));
    if let Some(t) = f.string("token") {
        creds = creds.with_token(Secret::new(t));
    }
    let region = f.string("region");
    let language = f.string("language");
    if let Some(l) = &language
        && l != "zh-CN"
        && l != "en-US"
    {
        f.error(
            "language",
            IssueCode::InvalidEnum,
            format!("unknown language `{l}` (zh-CN, en-US)"),
        );
    }
    let common = common(&mut f);
    let mut c = TencentClient::new(creds);
    if let Some(r) = region {
        c = c.with_region(r);
    }
    if let Some(l) = language {
        c = c.with_language(l);
    }
    if let Some(e) = common.endpoint.clone() {
        c = c.with_endpoint(e);
    }
    finish(Vendor::Tencent, Client::Tencent(c), common, report)
}
