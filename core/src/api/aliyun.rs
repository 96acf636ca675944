//! Alibaba Cloud dyvms (RPC API, version 2017-05-25): POST to `/` with the action's parameters as a
//! form body, signed with the V3 signature (`ACS3-HMAC-SHA256`, the default of the current official
//! SDKs) or, as an option, the RPC signature v1 (`HMAC-SHA1`).
//!
//! The parameters go in a form body rather than the query because a 1,000-callee
//! BatchRobotSmartCall with TtsParam runs to tens of kilobytes, past common URL limits; both
//! signatures cover form bodies (V3 through `x-acs-content-sha256`, v1 through its parameters).

use super::{Built, Parsed, RequestContext, json_body, refuse_errors, trim_base, typed};
use crate::Error;
use crate::aliyun::RpcAction;
use crate::aliyun::{API_VERSION, ENDPOINT};
use crate::http::{HttpRequest, HttpResponse};
use crate::sign::AliyunCredentials;
use crate::sign::acs3::Acs3Signer;
use crate::sign::aliyun_rpc::RpcSigner;
use crate::sign::encode::encode_query;
use crate::vendor_error;

/// Which signature to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliyunSignature {
    /// `ACS3-HMAC-SHA256` (V3), what the current official SDKs send.
    #[default]
    V3,
    /// RPC signature v1, `HMAC-SHA1`, what the dyvms documentation describes.
    RpcV1,
}

/// Builds and parses dyvms requests for one set of credentials.
#[derive(Debug, Clone)]
pub struct AliyunClient {
    v3: Acs3Signer,
    rpc: RpcSigner,
    endpoint: String,
    region_id: String,
    signature: AliyunSignature,
}

impl AliyunClient {
    /// A client for `https://dyvmsapi.aliyuncs.com` (region `cn-hangzhou`, V3 signature). STS
    /// credentials: `AliyunCredentials::with_security_token`.
    pub fn new(credentials: AliyunCredentials) -> Self {
        AliyunClient {
            v3: Acs3Signer::new(credentials.clone()),
            rpc: RpcSigner::new(credentials),
            endpoint: format!("https://{ENDPOINT}"),
            region_id: "cn-hangzhou".to_owned(),
            signature: AliyunSignature::V3,
        }
    }
    /// Another endpoint, e.g. a simulator (`http://127.0.0.1:4010`).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = trim_base(&endpoint.into());
        self
    }
    /// `RegionId` sent with the RPC v1 signature.
    pub fn with_region_id(mut self, region: impl Into<String>) -> Self {
        self.region_id = region.into();
        self
    }
    pub fn with_signature(mut self, signature: AliyunSignature) -> Self {
        self.signature = signature;
        self
    }
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
    pub fn signature(&self) -> AliyunSignature {
        self.signature
    }
    /// The V3 (`ACS3-HMAC-SHA256`) signer of these credentials, whichever scheme requests use.
    pub fn acs3_signer(&self) -> &Acs3Signer {
        &self.v3
    }
    /// The RPC v1 (`HMAC-SHA1`) signer of these credentials, whichever scheme requests use.
    pub fn rpc_signer(&self) -> &RpcSigner {
        &self.rpc
    }

    /// Sign a request built elsewhere with this client's signature scheme at `ctx.now_ms` with
    /// `ctx.nonce` (fresh for every attempt), exactly as [`AliyunClient::build`] signs its own.
    pub fn sign(&self, req: &mut HttpRequest, ctx: &RequestContext) -> crate::Result<()> {
        match self.signature {
            AliyunSignature::V3 => self.v3.sign(req, ctx.unix_seconds(), &ctx.nonce),
            AliyunSignature::RpcV1 => self.rpc.sign(req, ctx.unix_seconds(), &ctx.nonce),
        }
        .map_err(Error::Signing)
    }

    /// Validate `action`, then build and sign its request at `ctx.now_ms` with `ctx.nonce`.
    pub fn build<A: RpcAction>(&self, action: &A, ctx: &RequestContext) -> crate::Result<Built> {
        let mut report = crate::Report::new();
        action.validate(&ctx.validation(), &mut report);
        let warnings = refuse_errors(report)?;
        self.sign_params(A::ACTION, &action.to_params(), warnings, ctx)
    }

    /// The part of [`AliyunClient::build`] that does not depend on the action's type: kept out of
    /// line so that the wasm module has one copy of it instead of one per action (BENCHMARKS.md
    /// § wasm "Size").
    #[inline(never)]
    fn sign_params(
        &self,
        action: &'static str,
        params: &[(String, String)],
        warnings: crate::Report,
        ctx: &RequestContext,
    ) -> crate::Result<Built> {
        let body = encode_query(params).into_bytes();
        let mut req = match self.signature {
            AliyunSignature::V3 => HttpRequest::new("POST", format!("{}/", self.endpoint))
                .with_header("x-acs-action", action)
                .with_header("x-acs-version", API_VERSION),
            AliyunSignature::RpcV1 => {
                let common = [
                    ("Action".to_owned(), action.to_owned()),
                    ("Version".to_owned(), API_VERSION.to_owned()),
                    ("Format".to_owned(), "JSON".to_owned()),
                    ("RegionId".to_owned(), self.region_id.clone()),
                ];
                HttpRequest::new(
                    "POST",
                    format!("{}/?{}", self.endpoint, encode_query(&common)),
                )
            }
        };
        req.push_header("content-type", "application/x-www-form-urlencoded");
        req.push_header("accept", "application/json");
        req.body = body;
        let signed = match self.signature {
            AliyunSignature::V3 => self.v3.sign(&mut req, ctx.unix_seconds(), &ctx.nonce),
            AliyunSignature::RpcV1 => self.rpc.sign(&mut req, ctx.unix_seconds(), &ctx.nonce),
        };
        signed.map_err(Error::Signing)?;
        Ok(Built {
            request: req,
            warnings,
        })
    }

    /// Read `A`'s answer: `Code != "OK"` (whatever the HTTP status) becomes `Error::Vendor`.
    pub fn parse<A: RpcAction>(resp: &HttpResponse) -> crate::Result<Parsed<A::Response>> {
        let (raw, request_id) = answer_parts(resp)?;
        let data = typed::<A::Response>(raw.clone(), A::ACTION)?;
        Ok(Parsed {
            data,
            request_id,
            http_status: resp.status,
            raw,
        })
    }

    /// [`AliyunClient::parse`] and `registry`'s `Data` as an object, with the answer read by its
    /// shape table (`api::shape::aliyun`) instead of the typed model: the same output and errors.
    pub(crate) fn parse_shaped(
        action: &str,
        resp: &HttpResponse,
        table: &'static super::shape::aliyun::AStruct,
    ) -> crate::Result<Parsed<serde_json::Value>> {
        let (raw, request_id) = answer_parts(resp)?;
        let data =
            super::shape::aliyun::read(table, &raw).map_err(|e| super::shape_error(&e, action))?;
        Ok(Parsed {
            data,
            request_id,
            http_status: resp.status,
            raw,
        })
    }
}

/// The vendor error if the answer is one, else the body and its `RequestId`.
fn answer_parts(resp: &HttpResponse) -> crate::Result<(serde_json::Value, Option<String>)> {
    if let Some(e) = vendor_error::aliyun::parse_error(resp.status, &resp.headers, &resp.body) {
        return Err(Error::Vendor(e));
    }
    let raw = json_body(resp)?;
    let request_id = raw
        .get("RequestId")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    Ok((raw, request_id))
}
