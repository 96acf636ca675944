//! Shared by the Tencent and Alibaba tests: send the core's `HttpRequest` over real HTTP, build
//! clients pointed at a simulator, and sign raw bodies the clients would refuse to build.
#![allow(dead_code)]

use bytes::Bytes;
use callplane_core::api::RequestContext;
use callplane_core::api::aliyun::{AliyunClient, AliyunSignature};
use callplane_core::api::tencent::TencentClient;
use callplane_core::http::{HttpRequest, HttpResponse};
use callplane_core::sign::AliyunCredentials;
use callplane_core::sign::acs3::Acs3Signer;
use callplane_core::sign::aliyun_rpc::RpcSigner;
use callplane_core::sign::encode::encode_query;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Signer};
use callplane_core::vendor_error::VendorError;
use callplane_sim::Simulator;
use callplane_sim::config::{
    DEFAULT_ALIYUN_ACCESS_KEY_ID, DEFAULT_ALIYUN_ACCESS_KEY_SECRET, DEFAULT_TENCENT_SECRET_ID,
    DEFAULT_TENCENT_SECRET_KEY,
};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::sync::atomic::{AtomicU64, Ordering};

pub const APP: i64 = 1_400_000_001;

/// Send `req`; `Err` when no complete answer came back (a dropped connection).
pub async fn try_exchange(req: &HttpRequest) -> Result<HttpResponse, String> {
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let mut b = hyper::Request::builder()
        .method(req.method.as_str())
        .uri(req.url.as_str());
    for (k, v) in &req.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    let request = b
        .body(Full::new(Bytes::from(req.body.clone())))
        .map_err(|e| e.to_string())?;
    let resp = client.request(request).await.map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes()
        .to_vec();
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

pub async fn exchange(req: &HttpRequest) -> HttpResponse {
    match try_exchange(req).await {
        Ok(r) => r,
        Err(e) => panic!("{} {}: {e}", req.method, req.url),
    }
}

pub fn json(resp: &HttpResponse) -> serde_json::Value {
    serde_json::from_slice(&resp.body).unwrap_or_else(|e| {
        panic!(
            "HTTP {} not JSON ({e}): {}",
            resp.status,
            String::from_utf8_lossy(&resp.body)
        )
    })
}

static NONCES: AtomicU64 = AtomicU64::new(0);

/// A fresh nonce.
pub fn nonce() -> String {
    format!(
        "test-{}-{}",
        std::process::id(),
        NONCES.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn real_now_ms() -> i64 {
    callplane_sim::clock::real_now_ms()
}

/// Signed now (real clock) minus `age_s`, with a fresh nonce.
pub fn ctx_aged(age_s: i64) -> RequestContext {
    RequestContext::new(real_now_ms() - age_s * 1000, nonce())
}

pub fn ctx() -> RequestContext {
    ctx_aged(0)
}

pub fn tencent_creds() -> Tc3Credentials {
    Tc3Credentials::new(DEFAULT_TENCENT_SECRET_ID, DEFAULT_TENCENT_SECRET_KEY)
}

pub fn tencent(sim: &Simulator) -> TencentClient {
    TencentClient::new(tencent_creds()).with_endpoint(sim.url())
}

pub fn tencent_with(sim: &Simulator, id: &str, key: &str) -> TencentClient {
    TencentClient::new(Tc3Credentials::new(id, key)).with_endpoint(sim.url())
}

/// A TC3-signed request with any body (one the client's validation would refuse to build).
pub fn tencent_raw(sim: &Simulator, action: &str, body: impl Into<Vec<u8>>) -> HttpRequest {
    let mut req = HttpRequest::new("POST", format!("{}/", sim.url()))
        .with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("X-TC-Action", action)
        .with_header("X-TC-Version", "2020-02-10")
        .with_body(body.into());
    Tc3Signer::new(tencent_creds())
        .with_service("ccc")
        .sign(&mut req, real_now_ms() / 1000)
        .expect("sign");
    req
}

pub fn aliyun_creds() -> AliyunCredentials {
    AliyunCredentials::new(
        DEFAULT_ALIYUN_ACCESS_KEY_ID,
        DEFAULT_ALIYUN_ACCESS_KEY_SECRET,
    )
}

pub fn aliyun(sim: &Simulator, sig: AliyunSignature) -> AliyunClient {
    AliyunClient::new(aliyun_creds())
        .with_endpoint(sim.url())
        .with_signature(sig)
}

pub fn aliyun_with(sim: &Simulator, sig: AliyunSignature, id: &str, secret: &str) -> AliyunClient {
    AliyunClient::new(AliyunCredentials::new(id, secret))
        .with_endpoint(sim.url())
        .with_signature(sig)
}

/// A signed dyvms request with any parameters, laid out as `AliyunClient` does (form body; RPC v1
/// adds the common parameters to the query).
pub fn aliyun_raw(
    sim: &Simulator,
    sig: AliyunSignature,
    action: &str,
    params: &[(&str, &str)],
) -> HttpRequest {
    let pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let body = encode_query(&pairs).into_bytes();
    aliyun_raw_body(sim, sig, action, body)
}

pub fn aliyun_raw_body(
    sim: &Simulator,
    sig: AliyunSignature,
    action: &str,
    body: Vec<u8>,
) -> HttpRequest {
    let mut req = match sig {
        AliyunSignature::V3 => HttpRequest::new("POST", format!("{}/", sim.url()))
            .with_header("x-acs-action", action)
            .with_header("x-acs-version", "2017-05-25"),
        AliyunSignature::RpcV1 => HttpRequest::new(
            "POST",
            format!(
                "{}/?Action={action}&Version=2017-05-25&Format=JSON&RegionId=cn-hangzhou",
                sim.url()
            ),
        ),
    };
    req.push_header("content-type", "application/x-www-form-urlencoded");
    req.body = body;
    let ts = real_now_ms() / 1000;
    let n = nonce();
    match sig {
        AliyunSignature::V3 => Acs3Signer::new(aliyun_creds()).sign(&mut req, ts, &n),
        AliyunSignature::RpcV1 => RpcSigner::new(aliyun_creds()).sign(&mut req, ts, &n),
    }
    .expect("sign");
    req
}

/// The vendor error of a failed parse.
pub fn vendor_error<T: std::fmt::Debug>(r: callplane_core::Result<T>) -> VendorError {
    match r {
        Err(callplane_core::Error::Vendor(e)) => e,
        other => panic!("expected a vendor error, got {other:?}"),
    }
}

/// Deterministic mainland mobile numbers outside the magic range.
pub fn mobiles(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("1390000{:04}", i)).collect()
}
