//! The three client classes. Each holds an [`Engine`]; every operation method is a thin wrapper
//! over [`spawn`], which reads the JS input, maps it to wire names (`callplane_core::js`) and runs
//! the engine on the Tokio runtime, answering with a Promise.

pub mod aliyun;
pub mod bland;
pub mod tencent;

use crate::engine::{Engine, Success, unix_ms};
use crate::errors::{self, Extra};
use crate::js_input;
use callplane_core::api::registry::Operation;
use callplane_core::issue::{IssueCode, Report};
use callplane_core::{Context, Vendor, js};
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
    #[napi(ts_type = "IssueCode")]
    pub code: String,
    /// Field path in JS names: `callData[3].phoneNumber` (free-form data keeps its keys:
    /// `callData[3].first_name`).
    pub path: String,
    /// What is wrong, naming the rule (vendor field names as the vendor documents them).
    pub message: String,
}

/// A vendor's successful answer. `T` is the operation's output type (generated from the core's
/// models: `typings/operations.d.ts`).
// The generic parameter exists only in TypeScript: napi-rs cannot declare one on an object, so
// it is spelled in the interface name (methods name `CallResult<…>` in their `ts_return_type`).
#[napi(object, js_name = "CallResult<T = unknown>")]
pub struct CallResult {
    /// The operation's output in JS names (camelCase), checked against the vendor's documented
    /// shape; free-form user data (`variables`, `metadata`, `requestData`...) keeps its keys.
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
    /// The vendor's answer body as received (parsed JSON, the vendor's own field names).
    pub raw: Value,
}

/// The method name of `op` on its client (`sendCall`, `createAICall`): the core's JS operation
/// name (`bland.sendCall`) without the vendor.
pub(crate) fn method_name(op: Operation) -> String {
    let full = js::operation_name(op);
    match full.split_once('.') {
        Some((_, method)) => method.to_owned(),
        None => full,
    }
}

/// The operation `name` of `vendor`, or an error listing the valid names.
fn operation(vendor: Vendor, name: &str) -> napi::Result<Operation> {
    let ops = || {
        Operation::ALL
            .iter()
            .copied()
            .filter(|o| o.vendor() == vendor)
    };
    ops().find(|o| method_name(*o) == name).ok_or_else(|| {
        let names: Vec<String> = ops().map(method_name).collect();
        errors::invalid_arg(
            "operation",
            IssueCode::InvalidEnum,
            format!(
                "`{name}` is not a {vendor} operation (one of: {})",
                names.join(", ")
            ),
        )
    })
}

fn to_result(op: Operation, s: Success) -> CallResult {
    let mut parsed = js::parsed_to_js(op, s.parsed);
    let mut take = |k: &str| parsed.remove(k).unwrap_or(Value::Null);
    let (data, raw) = (take("data"), take("raw"));
    let request_id = take("requestId").as_str().map(str::to_owned);
    let http_status = take("httpStatus").as_u64().unwrap_or(0);
    CallResult {
        data,
        request_id,
        http_status: u32::try_from(http_status).unwrap_or(0),
        warnings: js::report_to_js_names(op, s.warnings)
            .issues
            .into_iter()
            .map(|i| Issue {
                severity: match i.severity {
                    callplane_core::Severity::Error => "error".into(),
                    callplane_core::Severity::Warning => "warning".into(),
                },
                code: i.code.as_str().to_owned(),
                path: i.path.as_str().to_owned(),
                message: i.message,
            })
            .collect(),
        attempts: s.attempts,
        raw,
    }
}

/// Read a JS argument as JSON, or throw the validation error naming every bad part.
pub(crate) fn read_js(env: &Env, value: Unknown<'_>, op: Option<Operation>) -> napi::Result<Value> {
    // SAFETY: `env` and `value` are the handles of the N-API call in progress.
    let (value, report) = unsafe { js_input::read(env.raw(), value.raw()) };
    if report.has_errors() {
        return Err(errors::core(
            &callplane_core::Error::Validation(report),
            Extra {
                operation: op,
                attempts: None,
            },
        ));
    }
    Ok(value)
}

/// Read an operation's JS input and map it to wire names. Parts that cannot be read as JSON and
/// problems of the mapping refuse it with every problem at once, paths in JS names
/// (`js::input_to_wire`).
fn read_operation_input(env: &Env, value: Unknown<'_>, op: Operation) -> napi::Result<Value> {
    // SAFETY: `env` and `value` are the handles of the N-API call in progress.
    let (value, report): (Value, Report) = unsafe { js_input::read(env.raw(), value.raw()) };
    js::input_to_wire(op, value, report, &Context::at(unix_ms())).map_err(|e| {
        errors::core(
            &e,
            Extra {
                operation: Some(op),
                attempts: None,
            },
        )
    })
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
