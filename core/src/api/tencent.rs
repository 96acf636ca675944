//! Tencent Cloud ccc (API 3.0): JSON POST to `/`, `X-TC-*` headers, TC3-HMAC-SHA256.

use super::{Built, Parsed, RequestContext, json_body, refuse_errors, trim_base, typed};
use crate::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::sign::tc3::{Tc3Credentials, Tc3Signer};
use crate::tencent::{API_VERSION, Operation, SERVICE};
use crate::vendor_error;

/// The mainland endpoint.
pub const ENDPOINT: &str = "https://ccc.tencentcloudapi.com";
/// The international endpoint (the CreateAICall seed's "Domain name for API request").
pub const ENDPOINT_INTL: &str = "https://ccc.intl.tencentcloudapi.com";

/// Builds and parses ccc requests for one set of credentials. Keeps the TC3 signer, whose
/// per-UTC-day signing key is cached across requests.
#[derive(Debug, Clone)]
pub struct TencentClient {
    signer: Tc3Signer,
    endpoint: String,
    region: Option<String>,
    language: Option<String>,
}

impl TencentClient {
    /// A client for the mainland endpoint. Temporary credentials: `Tc3Credentials::with_token`.
    pub fn new(credentials: Tc3Credentials) -> Self {
        TencentClient {
            // The service is always "ccc", also when the host is a simulator or a proxy: the
            // official SDKs pass the service explicitly rather than reading it from the host.
            signer: Tc3Signer::new(credentials).with_service(SERVICE),
            endpoint: ENDPOINT.to_owned(),
            region: None,
            language: None,
        }
    }
    /// Another endpoint: [`ENDPOINT_INTL`], or a simulator (`http://127.0.0.1:4010`).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = trim_base(&endpoint.into());
        self
    }
    /// `X-TC-Region` (ccc does not require it).
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
    /// `X-TC-Language` (`zh-CN` or `en-US`): the language of error messages.
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Validate `op`, then build and sign its request at `ctx.now_ms`.
    pub fn build<O: Operation>(&self, op: &O, ctx: &RequestContext) -> crate::Result<Built> {
        let mut report = crate::Report::new();
        op.validate(&ctx.validation(), &mut report);
        let (body, wire_report) = op.to_wire_body();
        report.extend(wire_report);
        let warnings = refuse_errors(report)?;
        self.sign_body(O::ACTION, &body, warnings, ctx)
    }

    /// The part of [`TencentClient::build`] that does not depend on the operation's type: kept
    /// out of line so that the wasm module has one copy of it instead of one per operation
    /// (BENCHMARKS.md § wasm "Size").
    #[inline(never)]
    fn sign_body(
        &self,
        action: &'static str,
        body: &serde_json::Value,
        warnings: crate::Report,
        ctx: &RequestContext,
    ) -> crate::Result<Built> {
        let body = serde_json::to_vec(body).map_err(|e| Error::Json {
            message: format!("{action}: body could not be serialized: {e}"),
        })?;
        let mut req = HttpRequest::new("POST", format!("{}/", self.endpoint))
            .with_header("Content-Type", "application/json; charset=utf-8")
            .with_header("X-TC-Action", action)
            .with_header("X-TC-Version", API_VERSION)
            .with_body(body);
        if let Some(r) = &self.region {
            req.push_header("X-TC-Region", r.as_str());
        }
        if let Some(l) = &self.language {
            req.push_header("X-TC-Language", l.as_str());
        }
        let host = crate::http::UrlParts::parse(&req.url)
            .map_err(|e| Error::Signing(crate::sign::SignError::InvalidUrl(e)))?
            .authority
            .to_owned();
        req.push_header("Host", host);
        self.signer
            .sign(&mut req, ctx.unix_seconds())
            .map_err(Error::Signing)?;
        Ok(Built {
            request: req,
            warnings,
        })
    }

    /// The TC3 signer of these credentials (its per-day key cache included), for bindings that
    /// compute many `Authorization` values without the rest of [`TencentClient::sign`].
    pub fn tc3_signer(&self) -> &Tc3Signer {
        &self.signer
    }

    /// Sign a request built elsewhere (`X-TC-Timestamp`, `X-TC-Token`, `Authorization`) at
    /// `ctx.now_ms`, exactly as [`TencentClient::build`] signs its own: for callers that bring
    /// their own body (the JS `signRequest`).
    pub fn sign(&self, req: &mut HttpRequest, ctx: &RequestContext) -> crate::Result<()> {
        self.signer
            .sign(req, ctx.unix_seconds())
            .map_err(Error::Signing)
    }

    /// Read `op`'s answer: `Response.Error` (whatever the HTTP status) becomes `Error::Vendor`,
    /// otherwise the fields inside `Response` become `O::Output`.
    pub fn parse<O: Operation>(resp: &HttpResponse) -> crate::Result<Parsed<O::Output>> {
        let (raw, response, request_id) = answer_parts(resp)?;
        let data = typed::<O::Output>(response, O::ACTION)?;
        Ok(Parsed {
            data,
            request_id,
            http_status: resp.status,
            raw,
        })
    }

    /// [`TencentClient::parse`] with `Response` read by its shape table (`api::shape`) instead of
    /// the typed output: the same output and errors. `action` names the operation in errors.
    pub(crate) fn parse_shaped(
        action: &str,
        resp: &HttpResponse,
        shape: &super::shape::Shape,
    ) -> crate::Result<Parsed<serde_json::Value>> {
        let (raw, response, request_id) = answer_parts(resp)?;
        let data =
            super::shape::read(shape, &response).map_err(|e| super::shape_error(&e, action))?;
        Ok(Parsed {
            data,
            request_id,
            http_status: resp.status,
            raw,
        })
    }
}

/// The vendor error if the answer is one, else the body, its `Response` and `RequestId`.
fn answer_parts(
    resp: &HttpResponse,
) -> crate::Result<(serde_json::Value, serde_json::Value, Option<String>)> {
    if let Some(e) = vendor_error::tencent::parse_error(resp.status, &resp.headers, &resp.body) {
        return Err(Error::Vendor(e));
    }
    let raw = json_body(resp)?;
    let response = raw
        .get("Response")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let request_id = response
        .get("RequestId")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    Ok((raw, response, request_id))
}
