//! `Tencent`: Tencent Cloud Contact Center, ccc (API 3.0, TC3-HMAC-SHA256).

use super::{CallResult, spawn, spawn_named};
use crate::engine::Engine;
use crate::{errors, options};
use callplane_core::Vendor;
use callplane_core::api::registry::Operation;
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi_derive::napi;
use std::sync::Arc;

/// Client of Tencent Cloud Contact Center, ccc (API 3.0, TC3-HMAC-SHA256).
///
/// Every method validates its input, signs a fresh request per attempt (new timestamp, new
/// nonce), paces it under the rate limit, retries only the retryable failures with full-jitter
/// backoff, and resolves with a `CallResult` or rejects with a `CallplaneError`. Inputs and
/// outputs are in JS names (camelCase), mapped to the vendor's wire names by the core.
#[napi]
pub struct Tencent {
    engine: Arc<Engine>,
}

#[napi]
impl Tencent {
    #[napi(constructor, ts_args_type = "options: TencentOptions")]
    pub fn new(env: Env, options: Unknown<'_>) -> napi::Result<Self> {
        errors::guard(|| {
            let parts = options::tencent(super::read_js(&env, options, None)?)?;
            Ok(Tencent {
                engine: Arc::new(Engine::from_parts(parts)),
            })
        })
    }

    /// Any operation of this vendor by its method name: `call("createAICall", input)`.
    #[napi(
        ts_generic_types = "K extends keyof TencentOperations",
        ts_args_type = "operation: K, input: TencentOperations[K]['input']",
        ts_return_type = "Promise<CallResult<TencentOperations[K]['output']>>"
    )]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: Unknown<'_>,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn_named(env, &self.engine, Vendor::Tencent, operation, input)
    }

    /// `CreateAICall`: an LLM-driven call to one callee (`SdkAppId`, `Callee`, `SystemPrompt`, `LLMType`, `Model`, `APIKey`, `APIUrl`, ...).
    #[napi(
        js_name = "createAICall",
        ts_args_type = "input: TencentCreateAICallInput",
        ts_return_type = "Promise<CallResult<TencentCreateAICallOutput>>"
    )]
    pub fn create_ai_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::TencentCreateAICall, input)
    }

    /// `DescribeTelSession`: one session (`SdkAppId`, `SessionId`).
    #[napi(
        js_name = "describeTelSession",
        ts_args_type = "input: TencentDescribeTelSessionInput",
        ts_return_type = "Promise<CallResult<TencentDescribeTelSessionOutput>>"
    )]
    pub fn describe_tel_session<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeTelSession,
            input,
        )
    }

    /// `DescribeSessionDetail`: a session's detail record.
    #[napi(
        js_name = "describeSessionDetail",
        ts_args_type = "input: TencentDescribeSessionDetailInput",
        ts_return_type = "Promise<CallResult<TencentDescribeSessionDetailOutput>>"
    )]
    pub fn describe_session_detail<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeSessionDetail,
            input,
        )
    }

    /// `DescribeTelCdr`: call detail records in a time range.
    #[napi(
        js_name = "describeTelCdr",
        ts_args_type = "input: TencentDescribeTelCdrInput",
        ts_return_type = "Promise<CallResult<TencentDescribeTelCdrOutput>>"
    )]
    pub fn describe_tel_cdr<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::TencentDescribeTelCdr, input)
    }

    /// `DescribeAICallExtractResult`: what the AI extracted from a call.
    #[napi(
        js_name = "describeAICallExtractResult",
        ts_args_type = "input: TencentDescribeAICallExtractResultInput",
        ts_return_type = "Promise<CallResult<TencentDescribeAICallExtractResultOutput>>"
    )]
    pub fn describe_ai_call_extract_result<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeAICallExtractResult,
            input,
        )
    }

    /// `DescribeAIAnalysisResult`: a call's AI analysis.
    #[napi(
        js_name = "describeAIAnalysisResult",
        ts_args_type = "input: TencentDescribeAIAnalysisResultInput",
        ts_return_type = "Promise<CallResult<TencentDescribeAIAnalysisResultOutput>>"
    )]
    pub fn describe_ai_analysis_result<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeAIAnalysisResult,
            input,
        )
    }

    /// `DescribeAICallInteractionRecords`: a call's conversation turns.
    #[napi(
        js_name = "describeAICallInteractionRecords",
        ts_args_type = "input: TencentDescribeAICallInteractionRecordsInput",
        ts_return_type = "Promise<CallResult<TencentDescribeAICallInteractionRecordsOutput>>"
    )]
    pub fn describe_ai_call_interaction_records<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeAICallInteractionRecords,
            input,
        )
    }

    /// `DescribeAILatency`: latency statistics of AI calls.
    #[napi(
        js_name = "describeAILatency",
        ts_args_type = "input: TencentDescribeAILatencyInput",
        ts_return_type = "Promise<CallResult<TencentDescribeAILatencyOutput>>"
    )]
    pub fn describe_ai_latency<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::TencentDescribeAILatency,
            input,
        )
    }

    /// `HangUpCall`: end a live call (`SdkAppId`, `SessionId`).
    #[napi(
        js_name = "hangUpCall",
        ts_args_type = "input: TencentHangUpCallInput",
        ts_return_type = "Promise<CallResult<TencentHangUpCallOutput>>"
    )]
    pub fn hang_up_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::TencentHangUpCall, input)
    }
}
