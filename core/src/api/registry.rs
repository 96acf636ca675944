//! Every operation by name, with JSON in and JSON out: what the Node and wasm bindings call, so
//! both expose exactly the same operations with the same validation and the same wire output.

use super::aliyun::AliyunClient;
use super::bland::{BlandClient, BlandRequest, Envelope};
use super::tencent::TencentClient;
use super::{Built, Parsed, RequestContext};
use crate::http::HttpResponse;
use crate::issue::{IssueCode, Report};
use crate::{Context, Error, Vendor, aliyun, bland, json, tencent};
use serde::Deserialize;
use serde::Serialize;
use serde_json::Value;

macro_rules! operations {
    ($($variant:ident => $name:literal, $vendor:ident, $creates:literal;)*) => {
        /// Every operation the core models.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $($variant,)*
        }

        impl Operation {
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)*];

            /// Stable name: `bland.send_call`, `aliyun.BatchRobotSmartCall`, `tencent.CreateAICall`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Operation::$variant => $name,)*
                }
            }

            pub fn vendor(self) -> Vendor {
                match self {
                    $(Operation::$variant => Vendor::$vendor,)*
                }
            }

            /// True when the operation places calls: a lost answer is ambiguous, never retried.
            pub fn creates_calls(self) -> bool {
                match self {
                    $(Operation::$variant => $creates,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Operation> {
                Operation::ALL.iter().copied().find(|o| o.name() == name)
            }
        }
    };
}

operations! {
    BlandSendCall => "bland.send_call", Bland, true;
    BlandGetCall => "bland.get_call", Bland, false;
    BlandListCalls => "bland.list_calls", Bland, false;
    BlandStopCall => "bland.stop_call", Bland, false;
    BlandAnalyzeCall => "bland.analyze_call", Bland, false;
    BlandCreateBatch => "bland.create_batch", Bland, true;
    BlandListBatches => "bland.list_batches", Bland, false;
    BlandGetBatch => "bland.get_batch", Bland, false;
    BlandStopBatch => "bland.stop_batch", Bland, false;
    BlandAnalyzeBatch => "bland.analyze_batch", Bland, false;
    BlandGetBatchAnalysis => "bland.get_batch_analysis", Bland, false;
    BlandCreateBatchV2 => "bland.create_batch_v2", Bland, true;
    BlandListBatchesV2 => "bland.list_batches_v2", Bland, false;
    BlandGetBatchV2 => "bland.get_batch_v2", Bland, false;
    BlandGetBatchV2Logs => "bland.get_batch_v2_logs", Bland, false;
    BlandStopBatchV2 => "bland.stop_batch_v2", Bland, false;
    BlandUpdateInbound => "bland.update_inbound", Bland, false;
    BlandGetInbound => "bland.get_inbound", Bland, false;
    BlandListInbound => "bland.list_inbound", Bland, false;
    AliyunBatchRobotSmartCall => "aliyun.BatchRobotSmartCall", Aliyun, true;
    AliyunQueryCallDetailByTaskId => "aliyun.QueryCallDetailByTaskId", Aliyun, false;
    AliyunQueryCallDetailByCallId => "aliyun.QueryCallDetailByCallId", Aliyun, false;
    AliyunQueryRobotTaskList => "aliyun.QueryRobotTaskList", Aliyun, false;
    TencentCreateAICall => "tencent.CreateAICall", Tencent, true;
    TencentDescribeTelSession => "tencent.DescribeTelSession", Tencent, false;
    TencentDescribeSessionDetail => "tencent.DescribeSessionDetail", Tencent, false;
    TencentDescribeTelCdr => "tencent.DescribeTelCdr", Tencent, false;
    TencentDescribeAICallExtractResult => "tencent.DescribeAICallExtractResult", Tencent, false;
    TencentDescribeAIAnalysisResult => "tencent.DescribeAIAnalysisResult", Tencent, false;
    TencentDescribeAICallInteractionRecords => "tencent.DescribeAICallInteractionRecords", Tencent, false;
    TencentDescribeAILatency => "tencent.DescribeAILatency", Tencent, false;
    TencentHangUpCall => "tencent.HangUpCall", Tencent, false;
}

/// A client of any vendor.
#[derive(Debug, Clone)]
pub enum Client {
    Bland(BlandClient),
    Aliyun(AliyunClient),
    Tencent(TencentClient),
}

impl Client {
    pub fn vendor(&self) -> Vendor {
        match self {
            Client::Bland(_) => Vendor::Bland,
            Client::Aliyun(_) => Vendor::Aliyun,
            Client::Tencent(_) => Vendor::Tencent,
        }
    }

    /// Sign (or, for Bland, authorize) a request built elsewhere at `ctx.now_ms` with
    /// `ctx.nonce`, as this client signs the requests it builds.
    pub fn sign(
        &self,
        req: &mut crate::http::HttpRequest,
        ctx: &RequestContext,
    ) -> crate::Result<()> {
        match self {
            Client::Bland(c) => {
                c.sign(req);
                Ok(())
            }
            Client::Aliyun(c) => c.sign(req, ctx),
            Client::Tencent(c) => c.sign(req, ctx),
        }
    }
}

/// Path parameters of Bland's id-addressed endpoints, as JSON input.
#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallId {
    #[serde(default)]
    call_id: String,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchId {
    #[serde(default)]
    batch_id: String,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhoneNumberParam {
    #[serde(default)]
    phone_number: String,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallAnalyze {
    #[serde(default)]
    call_id: String,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default)]
    questions: Vec<bland::AnalysisQuestion>,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchAnalyze {
    #[serde(default)]
    batch_id: String,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default)]
    questions: Vec<bland::AnalysisQuestion>,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct GetBatch {
    #[serde(default)]
    batch_id: String,
    #[serde(flatten)]
    query: bland::GetBatchV1Query,
}

#[derive(Debug, Deserialize, crate::json::read::ReadJson, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchLogs {
    #[serde(default)]
    batch_id: String,
    #[serde(flatten)]
    query: bland::BatchLogsQuery,
}

/// Read JSON as `T`, reporting every shape problem.
fn read<T: json::read::ReadJson>(input: Value, report: &mut Report) -> Option<T> {
    json::from_value_collect::<T>(input, report)
}

/// The Bland request described by `input`, with every shape problem reported.
fn bland_request(
    op: Operation,
    input: Value,
    ctx: &Context,
    report: &mut Report,
) -> Option<BlandRequest> {
    use Operation::*;
    Some(match op {
        BlandSendCall => BlandRequest::SendCall(read(input, report)?),
        BlandGetCall => BlandRequest::GetCall {
            call_id: read::<CallId>(input, report)?.call_id,
        },
        BlandListCalls => BlandRequest::ListCalls(read(input, report)?),
        BlandStopCall => BlandRequest::StopCall {
            call_id: read::<CallId>(input, report)?.call_id,
        },
        BlandAnalyzeCall => {
            let a: CallAnalyze = read(input, report)?;
            BlandRequest::AnalyzeCall {
                call_id: a.call_id,
                request: analyze(a.goal, a.questions)?,
            }
        }
        BlandCreateBatch => {
            let (b, r) = bland::parse_batch(input, ctx);
            report.extend(shape_only(r));
            BlandRequest::CreateBatch(b?)
        }
        BlandListBatches => BlandRequest::ListBatches(read(input, report)?),
        BlandGetBatch => {
            let g: GetBatch = read(input, report)?;
            BlandRequest::GetBatch {
                batch_id: g.batch_id,
                query: g.query,
            }
        }
        BlandStopBatch => BlandRequest::StopBatch {
            batch_id: read::<BatchId>(input, report)?.batch_id,
        },
        BlandAnalyzeBatch => {
            let a: BatchAnalyze = read(input, report)?;
            BlandRequest::AnalyzeBatch {
                batch_id: a.batch_id,
                request: analyze(a.goal, a.questions)?,
            }
        }
        BlandGetBatchAnalysis => BlandRequest::GetBatchAnalysis {
            batch_id: read::<BatchId>(input, report)?.batch_id,
        },
        BlandCreateBatchV2 => BlandRequest::CreateBatchV2(read(input, report)?),
        BlandListBatchesV2 => BlandRequest::ListBatchesV2(read(input, report)?),
        BlandGetBatchV2 => BlandRequest::GetBatchV2 {
            batch_id: read::<BatchId>(input, report)?.batch_id,
        },
        BlandGetBatchV2Logs => {
            let l: BatchLogs = read(input, report)?;
            BlandRequest::GetBatchV2Logs {
                batch_id: l.batch_id,
                query: l.query,
            }
        }
        BlandStopBatchV2 => BlandRequest::StopBatchV2 {
            batch_id: read::<BatchId>(input, report)?.batch_id,
        },
        BlandUpdateInbound => BlandRequest::UpdateInbound(read(input, report)?),
        BlandGetInbound => BlandRequest::GetInbound {
            phone_number: read::<PhoneNumberParam>(input, report)?.phone_number,
        },
        BlandListInbound => {
            let _: Option<serde_json::Map<String, Value>> = read(input, report);
            BlandRequest::ListInbound
        }
        _ => return None,
    })
}

/// `parse_batch` also validates; keep only what reading found (validation runs once, later).
fn shape_only(r: Report) -> Report {
    Report {
        issues: r
            .issues
            .into_iter()
            .filter(|i| {
                matches!(
                    i.code,
                    IssueCode::InvalidType | IssueCode::UnknownField | IssueCode::InvalidEnum
                )
            })
            .collect(),
    }
}

/// The analyze body from the operation's input. Built directly: a round trip through JSON (as
/// before) always succeeded with the same value, but read `AnalyzeRequest` with `serde_json`'s
/// own `Value` deserializer, a second copy of its reader in the wasm module.
fn analyze(
    goal: Option<String>,
    questions: Vec<bland::AnalysisQuestion>,
) -> Option<bland::AnalyzeRequest> {
    Some(bland::AnalyzeRequest {
        goal,
        questions: questions.into_iter().map(Some).collect(),
    })
}

/// Validate `input` for `op`: every problem at once, as the vendor would see it.
pub fn validate(op: Operation, input: Value, ctx: &Context) -> Report {
    use Operation::*;
    let mut report = Report::new();
    match op.vendor() {
        Vendor::Bland => {
            if let Some(req) = bland_request(op, input, ctx, &mut report) {
                report.extend(req.validate(ctx));
            }
        }
        Vendor::Aliyun => {
            let r = match op {
                AliyunBatchRobotSmartCall => {
                    aliyun::parse_and_validate::<aliyun::BatchRobotSmartCall>(input, ctx).1
                }
                AliyunQueryCallDetailByTaskId => {
                    aliyun::parse_and_validate::<aliyun::QueryCallDetailByTaskId>(input, ctx).1
                }
                AliyunQueryRobotTaskList => {
                    aliyun::parse_and_validate::<aliyun::QueryRobotTaskList>(input, ctx).1
                }
                _ => aliyun::parse_and_validate::<aliyun::QueryCallDetailByCallId>(input, ctx).1,
            };
            report.extend(r);
        }
        Vendor::Tencent => report.extend(tencent_validate(op, input, ctx)),
    }
    report
}

fn tencent_validate(op: Operation, input: Value, ctx: &Context) -> Report {
    use Operation::*;
    use tencent::Operation as T;
    match op {
        TencentCreateAICall => tencent::CreateAICall::parse_and_validate(input, ctx).1,
        TencentDescribeTelSession => tencent::DescribeTelSession::parse_and_validate(input, ctx).1,
        TencentDescribeSessionDetail => {
            tencent::DescribeSessionDetail::parse_and_validate(input, ctx).1
        }
        TencentDescribeTelCdr => tencent::DescribeTelCdr::parse_and_validate(input, ctx).1,
        TencentDescribeAICallExtractResult => {
            tencent::DescribeAICallExtractResult::parse_and_validate(input, ctx).1
        }
        TencentDescribeAIAnalysisResult => {
            tencent::DescribeAIAnalysisResult::parse_and_validate(input, ctx).1
        }
        TencentDescribeAICallInteractionRecords => {
            tencent::DescribeAICallInteractionRecords::parse_and_validate(input, ctx).1
        }
        TencentDescribeAILatency => tencent::DescribeAILatency::parse_and_validate(input, ctx).1,
        _ => tencent::HangUpCall::parse_and_validate(input, ctx).1,
    }
}

fn mismatch(op: Operation, client: &Client) -> Error {
    Error::Json {
        message: format!(
            "{} is a {} operation, but the client is for {}",
            op.name(),
            op.vendor(),
            client.vendor()
        ),
    }
}

fn read_or_refuse<T: json::read::ReadJson>(
    input: Value,
    f: impl FnOnce(&T, &mut Report),
) -> crate::Result<(T, Report)> {
    let (parsed, report) = json::parse_and_validate::<T>(input, f);
    match parsed {
        Some(t) if !report.has_errors() => Ok((t, report)),
        _ => Err(Error::Validation(report)),
    }
}

/// Validate `input` for `op` and build the signed request.
pub fn build(
    op: Operation,
    client: &Client,
    input: Value,
    ctx: &RequestContext,
) -> crate::Result<Built> {
    use Operation::*;
    let vctx = ctx.validation();
    match (op.vendor(), client) {
        (Vendor::Bland, Client::Bland(c)) => {
            let mut report = Report::new();
            let req = bland_request(op, input, &vctx, &mut report);
            match req {
                Some(req) if !report.has_errors() => {
                    let mut built = c.build(&req, ctx)?;
                    report.extend(built.warnings);
                    built.warnings = report;
                    Ok(built)
                }
                _ => Err(Error::Validation(report)),
            }
        }
        (Vendor::Aliyun, Client::Aliyun(c)) => match op {
            AliyunBatchRobotSmartCall => aliyun_build::<aliyun::BatchRobotSmartCall>(c, input, ctx),
            AliyunQueryCallDetailByTaskId => {
                aliyun_build::<aliyun::QueryCallDetailByTaskId>(c, input, ctx)
            }
            AliyunQueryRobotTaskList => aliyun_build::<aliyun::QueryRobotTaskList>(c, input, ctx),
            _ => aliyun_build::<aliyun::QueryCallDetailByCallId>(c, input, ctx),
        },
        (Vendor::Tencent, Client::Tencent(c)) => match op {
            TencentCreateAICall => tencent_build::<tencent::CreateAICall>(c, input, ctx),
            TencentDescribeTelSession => {
                tencent_build::<tencent::DescribeTelSession>(c, input, ctx)
            }
            TencentDescribeSessionDetail => {
                tencent_build::<tencent::DescribeSessionDetail>(c, input, ctx)
            }
            TencentDescribeTelCdr => tencent_build::<tencent::DescribeTelCdr>(c, input, ctx),
            TencentDescribeAICallExtractResult => {
                tencent_build::<tencent::DescribeAICallExtractResult>(c, input, ctx)
            }
            TencentDescribeAIAnalysisResult => {
                tencent_build::<tencent::DescribeAIAnalysisResult>(c, input, ctx)
            }
            TencentDescribeAICallInteractionRecords => {
                tencent_build::<tencent::DescribeAICallInteractionRecords>(c, input, ctx)
            }
            TencentDescribeAILatency => tencent_build::<tencent::DescribeAILatency>(c, input, ctx),
            _ => tencent_build::<tencent::HangUpCall>(c, input, ctx),
        },
        _ => Err(mismatch(op, client)),
    }
}

fn aliyun_build<A: aliyun::RpcAction>(
    c: &AliyunClient,
    input: Value,
    ctx: &RequestContext,
) -> crate::Result<Built> {
    let (parsed, report) = aliyun::parse_and_validate::<A>(input, &ctx.validation());
    match parsed {
        Some(a) if !report.has_errors() => {
            let mut built = c.build(&a, ctx)?;
            built.warnings = report;
            Ok(built)
        }
        _ => Err(Error::Validation(report)),
    }
}

fn tencent_build<O: tencent::Operation>(
    c: &TencentClient,
    input: Value,
    ctx: &RequestContext,
) -> crate::Result<Built> {
    let vctx = ctx.validation();
    let (op, report) = read_or_refuse::<O>(input, |o, r| o.validate(&vctx, r))?;
    let mut built = c.build(&op, ctx)?;
    built.warnings = report;
    Ok(built)
}

fn to_value<T: Serialize>(p: Parsed<T>) -> crate::Result<Parsed<Value>> {
    let data = serde_json::to_value(&p.data).map_err(|e| Error::Json {
        message: format!("output could not be serialized: {e}"),
    })?;
    Ok(Parsed {
        data,
        request_id: p.request_id,
        http_status: p.http_status,
        raw: p.raw,
    })
}

/// dyvms sends the call record as a JSON *string* in `Data` (the typed model keeps that wire form);
/// callers of the registry get the record itself as an object (a list for QueryRobotTaskList;
/// `null` when there is none yet).
fn data_as_object(mut p: Parsed<Value>) -> crate::Result<Parsed<Value>> {
    if let Some(Value::String(s)) = p.data.get("Data") {
        let parsed = if s.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(s).map_err(|e| Error::Json {
                message: format!("Data: not a JSON record: {e}"),
            })?
        };
        p.data["Data"] = parsed;
    }
    Ok(p)
}

/// Read the vendor's answer to `op`: its shape checked, then as JSON. Natively each answer is
/// read into its typed model and written back; with the `answer-shapes` feature (the wasm build)
/// every answer (all three vendors have shape tables) is read by one interpreter with the same
/// output and errors (`api::shape`), so the typed readers and writers stay out of the module.
pub fn parse(op: Operation, resp: &HttpResponse) -> crate::Result<Parsed<Value>> {
    if cfg!(feature = "answer-shapes") {
        return super::shape::parse(op, resp);
    }
    match op.vendor() {
        Vendor::Bland => parse_typed_bland(op, resp),
        Vendor::Tencent => parse_typed_tencent(op, resp),
        Vendor::Aliyun => parse_typed_aliyun(op, resp),
    }
}

/// Bland's answers, typed (the oracle of `api::shape`).
pub(crate) fn parse_typed_bland(
    op: Operation,
    resp: &HttpResponse,
) -> crate::Result<Parsed<Value>> {
    use Operation::*;
    match op {
        BlandSendCall => to_value(BlandClient::parse::<bland::SendCallResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandGetCall => to_value(BlandClient::parse::<bland::CallDetails>(
            Envelope::Plain,
            resp,
        )?),
        BlandListCalls => to_value(BlandClient::parse::<bland::ListCallsResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandStopCall => to_value(BlandClient::parse::<bland::StopCallResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandAnalyzeCall => to_value(BlandClient::parse::<bland::AnalyzeCallResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandCreateBatch => to_value(BlandClient::parse::<bland::CreateBatchResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandListBatches => to_value(BlandClient::parse::<bland::ListBatchesV1Response>(
            Envelope::Plain,
            resp,
        )?),
        BlandGetBatch => to_value(BlandClient::parse::<bland::LegacyBatchDetails>(
            Envelope::Plain,
            resp,
        )?),
        BlandStopBatch => to_value(BlandClient::parse::<bland::StopBatchV1Response>(
            Envelope::Plain,
            resp,
        )?),
        BlandAnalyzeBatch => to_value(BlandClient::parse::<bland::AnalyzeBatchResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandGetBatchAnalysis => to_value(BlandClient::parse::<bland::BatchAnalysisResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandCreateBatchV2 => to_value(BlandClient::parse::<bland::CreatedBatch>(
            Envelope::Data,
            resp,
        )?),
        BlandListBatchesV2 => to_value(BlandClient::parse::<Vec<bland::BatchV2>>(
            Envelope::Data,
            resp,
        )?),
        BlandGetBatchV2 => to_value(BlandClient::parse::<bland::BatchV2>(Envelope::Data, resp)?),
        BlandGetBatchV2Logs => to_value(BlandClient::parse::<Vec<bland::BatchLogEntry>>(
            Envelope::Data,
            resp,
        )?),
        BlandStopBatchV2 => to_value(BlandClient::parse::<Value>(Envelope::Data, resp)?),
        BlandUpdateInbound => to_value(BlandClient::parse::<bland::InboundUpdateResponse>(
            Envelope::Plain,
            resp,
        )?),
        BlandGetInbound => to_value(BlandClient::parse::<bland::InboundNumber>(
            Envelope::Plain,
            resp,
        )?),
        BlandListInbound => to_value(BlandClient::parse::<bland::InboundListResponse>(
            Envelope::Plain,
            resp,
        )?),
        _ => Err(not_this_vendor(op)),
    }
}

/// Alibaba's answers, typed.
pub(crate) fn parse_typed_aliyun(
    op: Operation,
    resp: &HttpResponse,
) -> crate::Result<Parsed<Value>> {
    use Operation::*;
    match op {
        AliyunBatchRobotSmartCall => {
            to_value(AliyunClient::parse::<aliyun::BatchRobotSmartCall>(resp)?)
        }
        AliyunQueryCallDetailByTaskId => data_as_object(to_value(AliyunClient::parse::<
            aliyun::QueryCallDetailByTaskId,
        >(resp)?)?),
        AliyunQueryCallDetailByCallId => data_as_object(to_value(AliyunClient::parse::<
            aliyun::QueryCallDetailByCallId,
        >(resp)?)?),
        AliyunQueryRobotTaskList => data_as_object(to_value(AliyunClient::parse::<
            aliyun::QueryRobotTaskList,
        >(resp)?)?),
        _ => Err(not_this_vendor(op)),
    }
}

/// Tencent's answers, typed (the oracle of `api::shape`).
pub(crate) fn parse_typed_tencent(
    op: Operation,
    resp: &HttpResponse,
) -> crate::Result<Parsed<Value>> {
    use Operation::*;
    match op {
        TencentCreateAICall => to_value(TencentClient::parse::<tencent::CreateAICall>(resp)?),
        TencentDescribeTelSession => {
            to_value(TencentClient::parse::<tencent::DescribeTelSession>(resp)?)
        }
        TencentDescribeSessionDetail => to_value(TencentClient::parse::<
            tencent::DescribeSessionDetail,
        >(resp)?),
        TencentDescribeTelCdr => to_value(TencentClient::parse::<tencent::DescribeTelCdr>(resp)?),
        TencentDescribeAICallExtractResult => {
            to_value(TencentClient::parse::<tencent::DescribeAICallExtractResult>(resp)?)
        }
        TencentDescribeAIAnalysisResult => to_value(TencentClient::parse::<
            tencent::DescribeAIAnalysisResult,
        >(resp)?),
        TencentDescribeAICallInteractionRecords => to_value(TencentClient::parse::<
            tencent::DescribeAICallInteractionRecords,
        >(resp)?),
        TencentDescribeAILatency => {
            to_value(TencentClient::parse::<tencent::DescribeAILatency>(resp)?)
        }
        TencentHangUpCall => to_value(TencentClient::parse::<tencent::HangUpCall>(resp)?),
        _ => Err(not_this_vendor(op)),
    }
}

/// A parser handed another vendor's operation (a dispatch mistake, not user input).
pub(crate) fn not_this_vendor(op: Operation) -> Error {
    Error::Json {
        message: format!("no answer reader for `{}` here", op.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `analyze` builds what the former JSON round trip (`json!` then `serde_json::from_value`)
    /// produced, for every combination of goal and question list shapes.
    #[test]
    fn analyze_equals_the_json_round_trip() {
        let q = |a: &str, b: &str| bland::AnalysisQuestion(a.into(), b.into());
        let goals = [
            None,
            Some(String::new()),
            Some("renewal \"quoted\" ✓".to_string()),
        ];
        let lists = [
            vec![],
            vec![q("Who answered?", "string")],
            vec![q("", ""), q("Agreed?", "boolean"), q("n", "number")],
        ];
        for goal in &goals {
            for questions in &lists {
                let v = serde_json::json!({"goal": goal, "questions": questions});
                let old: Option<bland::AnalyzeRequest> = serde_json::from_value(v).ok();
                assert!(old.is_some());
                assert_eq!(analyze(goal.clone(), questions.clone()), old);
            }
        }
    }
}
