//! The three client classes. Each holds an [`Engine`]; every operation method is a thin wrapper
//! over [`spawn`], which reads the JS input, maps it to wire names (the `facade` seam) and runs
//! the engine on the Tokio runtime, answering with a Promise.

pub mod aliyun;
pub mod bland;
pub mod tencent;

use crate::engine::{Engine, Success};
use crate::errors::{self, Extra};
use crate::{facade, js_input};
use callplane_core::Vendor;
use callplane_core::api::registry::{self, Operation};
use callplane_core::issue::{IssueCode, Report, Severity};
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;

/// One validation finding, as JS sees it.
#[napi(object)]
pub struct Issue {
    #[napi(ts_type = "'error' | 'warning'")]
    pub severity: String,
    /// Stable snake_case code (`required`, `phone_invalid_for_region`, ...).
    pub code: String,
    /// Field path in wire names: `call_data[3].phone_number`.
    pub path: String,
    pub message: String,
}

/// A vendor's successful answer. `T` is the operation's output type (generated from the core's
/// models: `typings/operations.d.ts`).
// The generic parameter exists only in TypeScript: napi-rs cannot declare one on an object, so
// it is spelled in the interface name (methods name `CallResult<…>` in their `ts_return_type`).
#[napi(object, js_name = "CallResult<T = unknown>")]
pub struct CallResult {
    /// The operation's output, checked against the vendor's documented shape.
    #[napi(ts_type = "T")]
    pub data: Value,
    /// The vendor's request id (Alibaba `RequestId`, Tencent `Response.RequestId`, Bland's
    /// `x-request-id`), when it sent one.
    pub request_id: Option<String>,
    pub http_status: u32,
    /// Warnings about the request that was sent (errors refuse the request before sending).
    pub warnings: Vec<Issue>,
    /// Attempts made: 1 unless retryable failures were retried.
    pub attempts: u32,
    /// The vendor's answer body as received (parsed JSON).
    pub raw: Value,
}

/// JS method name of each operation (also what `client.call(name, input)` accepts).
const JS_NAMES: &[(Operation, &str)] = &[
    (Operation::BlandSendCall, "sendCall"),
    (Operation::BlandGetCall, "getCall"),
    (Operation::BlandListCalls, "listCalls"),
    (Operation::BlandStopCall, "stopCall"),
    (Operation::BlandAnalyzeCall, "analyzeCall"),
    (Operation::BlandCreateBatch, "createBatch"),
    (Operation::BlandListBatches, "listBatches"),
    (Operation::BlandGetBatch, "getBatch"),
    (Operation::BlandStopBatch, "stopBatch"),
    (Operation::BlandAnalyzeBatch, "analyzeBatch"),
    (Operation::BlandGetBatchAnalysis, "getBatchAnalysis"),
    (Operation::BlandCreateBatchV2, "createBatchV2"),
    (Operation::BlandListBatchesV2, "listBatchesV2"),
    (Operation::BlandGetBatchV2, "getBatchV2"),
    (Operation::BlandGetBatchV2Logs, "getBatchV2Logs"),
    (Operation::BlandStopBatchV2, "stopBatchV2"),
    (Operation::BlandUpdateInbound, "updateInbound"),
    (Operation::BlandGetInbound, "getInbound"),
    (Operation::BlandListInbound, "listInbound"),
    (Operation::AliyunBatchRobotSmartCall, "batchRobotSmartCall"),
    (
        Operation::AliyunQueryCallDetailByTaskId,
        "queryCallDetailByTaskId",
    ),
    (
        Operation::AliyunQueryCallDetailByCallId,
        "queryCallDetailByCallId",
    ),
    (Operation::TencentCreateAICall, "createAICall"),
    (Operation::TencentDescribeTelSession, "describeTelSession"),
    (
        Operation::TencentDescribeSessionDetail,
        "describeSessionDetail",
    ),
    (Operation::TencentDescribeTelCdr, "describeTelCdr"),
    (
        Operation::TencentDescribeAICallExtractResult,
        "describeAICallExtractResult",
    ),
    (
        Operation::TencentDescribeAIAnalysisResult,
        "describeAIAnalysisResult",
    ),
    (
        Operation::TencentDescribeAICallInteractionRecords,
        "describeAICallInteractionRecords",
    ),
    (Operation::TencentDescribeAILatency, "describeAILatency"),
    (Operation::TencentHangUpCall, "hangUpCall"),
];

/// The JS method name of `op`.
pub(crate) fn js_name(op: Operation) -> &'static str {
    JS_NAMES
        .iter()
        .find(|(o, _)| *o == op)
        .map_or_else(|| op.name(), |(_, n)| *n)
}

/// Names of `vendor`'s operations, in order.
pub(crate) fn operation_names(vendor: Vendor) -> Vec<&'static str> {
    JS_NAMES
        .iter()
        .filter(|(o, _)| o.vendor() == vendor)
        .map(|(_, n)| *n)
        .collect()
}

/// The operation `name` of `vendor`, or an error listing the valid names.
fn operation(vendor: Vendor, name: &str) -> napi::Result<Operation> {
    JS_NAMES
        .iter()
        .find(|(o, n)| o.vendor() == vendor && *n == name)
        .map(|(o, _)| *o)
        .ok_or_else(|| {
            errors::invalid_arg(
                "operation",
                IssueCode::InvalidEnum,
                format!(
                    "`{name}` is not a {vendor} operation (one of: {})",
                    operation_names(vendor).join(", ")
                ),
            )
        })
}

fn to_result(op: Operation, s: Success) -> CallResult {
    let parsed = facade::output_from_wire(op, s.parsed);
    CallResult {
        data: parsed.data,
        request_id: parsed.request_id,
        http_status: u32::from(parsed.http_status),
        warnings: s
            .warnings
            .issues
            .into_iter()
            .map(|i| Issue {
                severity: serde_json::to_value(i.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                code: i.code.as_str().to_owned(),
                path: i.path.as_str().to_owned(),
                message: i.message,
            })
            .collect(),
        attempts: s.attempts,
        raw: parsed.raw,
    }
}

/// Read a JS argument as JSON, or throw the validation error naming every bad part.
pub(crate) fn read_js(env: &Env, value: Unknown<'_>, op: Option<Operation>) -> napi::Result<Value> {
    // SAFETY: `env` and `value` are the handles of the N-API call in progress.
    let (value, report) = unsafe { js_input::read(env.raw(), value.raw()) };
    if report.has_errors() {
        return Err(invalid_input(report, op));
    }
    Ok(value)
}

fn invalid_input(report: Report, op: Option<Operation>) -> napi::Error {
    errors::core(
        &callplane_core::Error::Validation(report),
        Extra {
            operation: op,
            attempts: None,
        },
    )
}

/// Read an operation's JS input. When parts of it cannot be read as JSON, the core still
/// validates the rest, so the error lists every problem at once (the core's issues at paths the
/// reader already reported are left out: they only restate that the part is missing).
fn read_operation_input(env: &Env, value: Unknown<'_>, op: Operation) -> napi::Result<Value> {
    // SAFETY: `env` and `value` are the handles of the N-API call in progress.
    let (value, mut report) = unsafe { js_input::read(env.raw(), value.raw()) };
    let extra = Extra {
        operation: Some(op),
        attempts: None,
    };
    let wire = facade::input_to_wire(op, value).map_err(|e| errors::core(&e, extra))?;
    if report.has_errors() {
        if wire.is_object() {
            let ctx = callplane_core::Context::at(crate::engine::unix_ms());
            for issue in registry::validate(op, wire, &ctx).issues {
                let restated = report.issues.iter().any(|i| i.path == issue.path);
                if issue.severity == Severity::Error && !restated {
                    report.push(issue);
                }
            }
        }
        return Err(invalid_input(report, Some(op)));
    }
    Ok(wire)
}

/// Run `op` with the JS `input`: a Promise of its [`CallResult`].
pub(crate) fn spawn<'env>(
    env: &'env Env,
    engine: &Arc<Engine>,
    op: Operation,
    input: Unknown<'_>,
) -> napi::Result<PromiseRaw<'env, CallResult>> {
    errors::guard(|| {
        let wire = read_operation_input(env, input, op)?;
        let engine = Arc::clone(engine);
        env.spawn_future(errors::CatchUnwind::new(async move {
            let s = engine.run(op, wire).await?;
            Ok(to_result(op, s))
        }))
    })
}

/// `client.call(name, input)`: the generic form of every typed method.
pub(crate) fn spawn_named<'env>(
    env: &'env Env,
    engine: &Arc<Engine>,
    vendor: Vendor,
    name: Unknown<'_>,
    input: Unknown<'_>,
) -> napi::Result<PromiseRaw<'env, CallResult>> {
    let name = match read_js(env, name, None)? {
        Value::String(s) => s,
        other => {
            return Err(errors::invalid_arg(
                "operation",
                IssueCode::InvalidType,
                format!(
                    "expected an operation name (a string), got {}",
                    callplane_core::json::kind_name(&other)
                ),
            ));
        }
    };
    let op = operation(vendor, &name)?;
    spawn(env, engine, op, input)
}
