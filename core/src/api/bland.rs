//! Bland.ai (REST, `authorization: <API key>`): one builder for every endpoint the core models, and
//! parsers for both of Bland's envelopes.

use super::{
    Built, Parsed, RequestContext, json_body, refuse_errors, shape_error, trim_base, typed,
};
use crate::Error;
use crate::bland::{
    AnalyzeRequest, BatchLogsQuery, BatchRequest, CreateBatchV2Request, GetBatchV1Query,
    InboundUpdateRequest, ListBatchesV1Query, ListBatchesV2Query, ListCallsQuery, SendCallRequest,
};
use crate::http::{HttpRequest, HttpResponse};
use crate::issue::{IssueCode, Report};
use crate::secret::Secret;
use crate::sign::encode::{encode_query, percent_encode};
use crate::vendor_error;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Bland's API.
pub const ENDPOINT: &str = "https://api.bland.ai";

/// Every Bland request the core can build.
#[derive(Debug, Clone, PartialEq)]
pub enum BlandRequest {
    /// `POST /v1/calls`
    SendCall(SendCallRequest),
    /// `GET /v1/calls/{call_id}`
    GetCall { call_id: String },
    /// `GET /v1/calls`
    ListCalls(ListCallsQuery),
    /// `POST /v1/calls/{call_id}/stop`
    StopCall { call_id: String },
    /// `POST /v1/calls/{call_id}/analyze`
    AnalyzeCall {
        call_id: String,
        request: AnalyzeRequest,
    },
    /// `POST /v1/batches` (legacy v1)
    CreateBatch(BatchRequest),
    /// `GET /v1/batches`
    ListBatches(ListBatchesV1Query),
    /// `GET /v1/batches/{batch_id}`
    GetBatch {
        batch_id: String,
        query: GetBatchV1Query,
    },
    /// `POST /v1/batches/{batch_id}/stop`
    StopBatch { batch_id: String },
    /// `POST /v1/batches/{batch_id}/analyze`
    AnalyzeBatch {
        batch_id: String,
        request: AnalyzeRequest,
    },
    /// `GET /v1/batches/{batch_id}/analysis`
    GetBatchAnalysis { batch_id: String },
    /// `POST /v2/batches/create`
    CreateBatchV2(CreateBatchV2Request),
    /// `GET /v2/batches/list`
    ListBatchesV2(ListBatchesV2Query),
    /// `GET /v2/batches/{batch_id}`
    GetBatchV2 { batch_id: String },
    /// `GET /v2/batches/{batch_id}/logs`
    GetBatchV2Logs {
        batch_id: String,
        query: BatchLogsQuery,
    },
    /// `POST /v2/batches/{batch_id}/stop`
    StopBatchV2 { batch_id: String },
    /// `POST /v1/inbound/{phone_number}`
    UpdateInbound(InboundUpdateRequest),
    /// `GET /v1/inbound/{phone_number}`
    GetInbound { phone_number: String },
    /// `GET /v1/inbound`
    ListInbound,
}

/// Which of Bland's two success shapes an endpoint answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// The body is the output (`{"status":"success", ...}` or a bare object).
    Plain,
    /// `{"data": <output>, "errors": null}` (v2 batches).
    Data,
}

impl BlandRequest {
    /// True for requests that place calls: a lost answer to these is ambiguous, never retried.
    pub fn creates_calls(&self) -> bool {
        matches!(
            self,
            BlandRequest::SendCall(_)
                | BlandRequest::CreateBatch(_)
                | BlandRequest::CreateBatchV2(_)
        )
    }

    /// The answer's envelope.
    pub fn envelope(&self) -> Envelope {
        match self {
            BlandRequest::CreateBatchV2(_)
            | BlandRequest::ListBatchesV2(_)
            | BlandRequest::GetBatchV2 { .. }
            | BlandRequest::GetBatchV2Logs { .. }
            | BlandRequest::StopBatchV2 { .. } => Envelope::Data,
            _ => Envelope::Plain,
        }
    }

    /// All problems of this request (errors refuse the build, warnings travel with it).
    pub fn validate(&self, ctx: &crate::Context) -> Report {
        let mut r = Report::new();
        let id = |r: &mut Report, field: &str, v: &str| {
            if v.trim().is_empty() {
                r.error(IssueCode::Required, field, format!("{field} is required"));
            }
        };
        match self {
            BlandRequest::SendCall(c) => crate::bland::validate_send_call(c, ctx, &mut r),
            BlandRequest::ListCalls(q) => crate::bland::validate_list_calls(q, &mut r),
            BlandRequest::GetCall { call_id } | BlandRequest::StopCall { call_id } => {
                id(&mut r, "call_id", call_id)
            }
            BlandRequest::AnalyzeCall { call_id, request } => {
                id(&mut r, "call_id", call_id);
                crate::bland::validate_analyze(request, &mut r);
            }
            BlandRequest::CreateBatch(b) => {
                r.extend(crate::bland::preflight_batch(b, ctx).into_report());
            }
            BlandRequest::ListBatches(q) => crate::bland::validate_list_batches_v1(q, &mut r),
            BlandRequest::GetBatch { batch_id, .. }
            | BlandRequest::StopBatch { batch_id }
            | BlandRequest::GetBatchAnalysis { batch_id }
            | BlandRequest::GetBatchV2 { batch_id }
            | BlandRequest::StopBatchV2 { batch_id } => id(&mut r, "batch_id", batch_id),
            BlandRequest::AnalyzeBatch { batch_id, request } => {
                id(&mut r, "batch_id", batch_id);
                crate::bland::validate_analyze(request, &mut r);
            }
            BlandRequest::CreateBatchV2(b) => {
                crate::bland::validate_create_batch_v2(b, ctx, &mut r)
            }
            BlandRequest::ListBatchesV2(q) => crate::bland::validate_take(q.take, &mut r),
            BlandRequest::GetBatchV2Logs { batch_id, query } => {
                id(&mut r, "batch_id", batch_id);
                crate::bland::validate_take(query.take, &mut r);
            }
            BlandRequest::UpdateInbound(u) => crate::bland::validate_inbound_update(u, &mut r),
            BlandRequest::GetInbound { phone_number } => {
                if let Err(e) = crate::bland::inbound_path(phone_number) {
                    r.error(e.issue_code(), "phone_number", e.message.clone());
                }
            }
            BlandRequest::ListInbound => {}
        }
        r
    }
}

/// Builds and parses Bland requests for one API key.
#[derive(Debug, Clone)]
pub struct BlandClient {
    api_key: Secret,
    encrypted_key: Option<Secret>,
    base_url: String,
}

fn query_of<T: Serialize>(q: &T) -> String {
    let pairs: Vec<(String, String)> = match serde_json::to_value(q) {
        Ok(Value::Object(m)) => m
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect(),
        _ => Vec::new(),
    };
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", encode_query(&pairs))
    }
}

fn to_json<T: Serialize>(v: &T, what: &str) -> crate::Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| Error::Json {
        message: format!("{what}: body could not be serialized: {e}"),
    })
}

impl BlandClient {
    /// A client for `https://api.bland.ai`.
    pub fn new(api_key: impl Into<Secret>) -> Self {
        BlandClient {
            api_key: api_key.into(),
            encrypted_key: None,
            base_url: ENDPOINT.to_owned(),
        }
    }
    /// Another base URL, e.g. a simulator (`http://127.0.0.1:4010`).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.base_url = trim_base(&endpoint.into());
        self
    }
    /// The `encrypted_key` header of bring-your-own-Twilio accounts.
    pub fn with_encrypted_key(mut self, key: impl Into<Secret>) -> Self {
        self.encrypted_key = Some(key.into());
        self
    }
    pub fn endpoint(&self) -> &str {
        &self.base_url
    }

    /// Authorize a request built elsewhere (`authorization`, and `encrypted_key` when set), as
    /// [`BlandClient::build`] does its own. Bland signs nothing else.
    pub fn sign(&self, req: &mut HttpRequest) {
        crate::sign::bland::authorize(req, &self.api_key);
        if let Some(k) = &self.encrypted_key {
            req.set_header("encrypted_key", k.expose());
        }
    }

    /// Validate, then build the request (Bland's "signature" is the `authorization` header).
    pub fn build(&self, request: &BlandRequest, ctx: &RequestContext) -> crate::Result<Built> {
        let vctx = ctx.validation();
        let warnings = refuse_errors(request.validate(&vctx))?;
        let seg = percent_encode;
        let (method, path, body): (&str, String, Option<Vec<u8>>) = match request {
            BlandRequest::SendCall(c) => {
                let (body, r) = c.to_wire_body(&vctx);
                refuse_errors(r)?;
                (
                    "POST",
                    "/v1/calls".into(),
                    Some(to_json(&body, "send call")?),
                )
            }
            BlandRequest::GetCall { call_id } => {
                ("GET", format!("/v1/calls/{}", seg(call_id)), None)
            }
            BlandRequest::ListCalls(q) => ("GET", format!("/v1/calls{}", query_of(q)), None),
            BlandRequest::StopCall { call_id } => {
                ("POST", format!("/v1/calls/{}/stop", seg(call_id)), None)
            }
            BlandRequest::AnalyzeCall { call_id, request } => (
                "POST",
                format!("/v1/calls/{}/analyze", seg(call_id)),
                Some(to_json(request, "analyze call")?),
            ),
            BlandRequest::CreateBatch(b) => {
                let (body, r) = b.to_wire_body(&vctx);
                refuse_errors(r)?;
                (
                    "POST",
                    "/v1/batches".into(),
                    Some(to_json(&body, "create batch")?),
                )
            }
            BlandRequest::ListBatches(q) => ("GET", format!("/v1/batches{}", query_of(q)), None),
            BlandRequest::GetBatch { batch_id, query } => (
                "GET",
                format!("/v1/batches/{}{}", seg(batch_id), query_of(query)),
                None,
            ),
            BlandRequest::StopBatch { batch_id } => {
                ("POST", format!("/v1/batches/{}/stop", seg(batch_id)), None)
            }
            BlandRequest::AnalyzeBatch { batch_id, request } => (
                "POST",
                format!("/v1/batches/{}/analyze", seg(batch_id)),
                Some(to_json(request, "analyze batch")?),
            ),
            BlandRequest::GetBatchAnalysis { batch_id } => (
                "GET",
                format!("/v1/batches/{}/analysis", seg(batch_id)),
                None,
            ),
            BlandRequest::CreateBatchV2(b) => {
                let (body, r) = b.to_wire_body(&vctx);
                refuse_errors(r)?;
                (
                    "POST",
                    "/v2/batches/create".into(),
                    Some(to_json(&body, "create batch")?),
                )
            }
            BlandRequest::ListBatchesV2(q) => {
                ("GET", format!("/v2/batches/list{}", query_of(q)), None)
            }
            BlandRequest::GetBatchV2 { batch_id } => {
                ("GET", format!("/v2/batches/{}", seg(batch_id)), None)
            }
            BlandRequest::GetBatchV2Logs { batch_id, query } => (
                "GET",
                format!("/v2/batches/{}/logs{}", seg(batch_id), query_of(query)),
                None,
            ),
            BlandRequest::StopBatchV2 { batch_id } => {
                ("POST", format!("/v2/batches/{}/stop", seg(batch_id)), None)
            }
            BlandRequest::UpdateInbound(u) => {
                let (wire, r) = u.to_wire();
                refuse_errors(r)?;
                let path = wire.path.ok_or_else(|| Error::Json {
                    message: "phone_number: required for an inbound update".into(),
                })?;
                ("POST", path, Some(to_json(&wire.body, "inbound update")?))
            }
            BlandRequest::GetInbound { phone_number } => {
                let path = crate::bland::inbound_path(phone_number).map_err(Error::Phone)?;
                ("GET", path, None)
            }
            BlandRequest::ListInbound => ("GET", "/v1/inbound".into(), None),
        };
        let mut req = HttpRequest::new(method, format!("{}{path}", self.base_url));
        crate::sign::bland::authorize(&mut req, &self.api_key);
        if let Some(k) = &self.encrypted_key {
            req.push_header("encrypted_key", k.expose());
        }
        if let Some(b) = body {
            req.push_header("content-type", "application/json");
            req.body = b;
        }
        Ok(Built {
            request: req,
            warnings,
        })
    }

    /// Read an answer: either envelope's errors (and any non-2xx status) become `Error::Vendor`;
    /// otherwise the body (or its `data`) becomes `T`.
    pub fn parse<T: DeserializeOwned>(
        envelope: Envelope,
        resp: &HttpResponse,
    ) -> crate::Result<Parsed<T>> {
        let (raw, part) = answer_parts(envelope, resp)?;
        let data = typed::<T>(part, "bland")?;
        Ok(Parsed {
            data,
            request_id: resp.header("x-request-id").map(str::to_owned),
            http_status: resp.status,
            raw,
        })
    }

    /// [`BlandClient::parse`] with the answer read by its shape table (`api::shape`) instead of
    /// a typed model: the same output and errors.
    pub(crate) fn parse_shaped(
        envelope: Envelope,
        resp: &HttpResponse,
        shape: &super::shape::Shape,
    ) -> crate::Result<Parsed<Value>> {
        let (raw, part) = answer_parts(envelope, resp)?;
        let data = super::shape::read(shape, &part).map_err(|e| shape_error(&e, "bland"))?;
        Ok(Parsed {
            data,
            request_id: resp.header("x-request-id").map(str::to_owned),
            http_status: resp.status,
            raw,
        })
    }
}

/// The vendor error if the answer is one, else the body and the part the output is read from.
fn answer_parts(envelope: Envelope, resp: &HttpResponse) -> crate::Result<(Value, Value)> {
    if let Some(e) = vendor_error::bland::parse_error(resp.status, &resp.headers, &resp.body) {
        return Err(Error::Vendor(e));
    }
    let raw = json_body(resp)?;
    let part = match envelope {
        Envelope::Plain => raw.clone(),
        Envelope::Data => raw.get("data").cloned().unwrap_or(Value::Null),
    };
    Ok((raw, part))
}
