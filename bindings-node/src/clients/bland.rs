//! `Bland`: Bland.ai (REST, `authorization: <API key>`).

use super::{CallResult, spawn, spawn_named};
use crate::engine::Engine;
use crate::{errors, options};
use callplane_core::Vendor;
use callplane_core::api::registry::Operation;
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi_derive::napi;
use std::sync::Arc;

/// Client of Bland.ai (REST, `authorization: <API key>`).
///
/// Every method validates its input, signs a fresh request per attempt (new timestamp, new
/// nonce), paces it under the rate limit, retries only the retryable failures with full-jitter
/// backoff, and resolves with a `CallResult` or rejects with a `CallplaneError`. Inputs and
/// outputs are in JS names (camelCase), mapped to the vendor's wire names by the core.
#[napi]
pub struct Bland {
    engine: Arc<Engine>,
}

#[napi]
impl Bland {
    #[napi(constructor, ts_args_type = "options: BlandOptions")]
    pub fn new(env: Env, options: Unknown<'_>) -> napi::Result<Self> {
        errors::guard(|| {
            let parts = options::bland(super::read_js(&env, options, None)?)?;
            Ok(Bland {
                engine: Arc::new(Engine::from_parts(parts)),
            })
        })
    }

    /// Any operation of this vendor by its method name: `call("sendCall", input)`.
    #[napi(
        ts_generic_types = "K extends keyof BlandOperations",
        ts_args_type = "operation: K, input: BlandOperations[K]['input']",
        ts_return_type = "Promise<CallResult<BlandOperations[K]['output']>>"
    )]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: Unknown<'_>,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn_named(env, &self.engine, Vendor::Bland, operation, input)
    }

    /// `POST /v1/calls`: place one call (`phone_number`, `task` or `pathway_id`, ...).
    #[napi(
        js_name = "sendCall",
        ts_args_type = "input: BlandSendCallInput",
        ts_return_type = "Promise<CallResult<BlandSendCallOutput>>"
    )]
    pub fn send_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandSendCall, input)
    }

    /// `GET /v1/calls/{call_id}`: one call's details (`{call_id}`).
    #[napi(
        js_name = "getCall",
        ts_args_type = "input: BlandGetCallInput",
        ts_return_type = "Promise<CallResult<BlandGetCallOutput>>"
    )]
    pub fn get_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetCall, input)
    }

    /// `GET /v1/calls`: calls, filtered and paged.
    #[napi(
        js_name = "listCalls",
        ts_args_type = "input: BlandListCallsInput",
        ts_return_type = "Promise<CallResult<BlandListCallsOutput>>"
    )]
    pub fn list_calls<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandListCalls, input)
    }

    /// `POST /v1/calls/{call_id}/stop`: end a live call (`{call_id}`).
    #[napi(
        js_name = "stopCall",
        ts_args_type = "input: BlandStopCallInput",
        ts_return_type = "Promise<CallResult<BlandStopCallOutput>>"
    )]
    pub fn stop_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandStopCall, input)
    }

    /// `POST /v1/calls/{call_id}/analyze`: questions about a call (`{call_id, goal, questions}`).
    #[napi(
        js_name = "analyzeCall",
        ts_args_type = "input: BlandAnalyzeCallInput",
        ts_return_type = "Promise<CallResult<BlandAnalyzeCallOutput>>"
    )]
    pub fn analyze_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandAnalyzeCall, input)
    }

    /// `POST /v1/batches`: a legacy batch from one `base_prompt` and per-call `call_data`.
    #[napi(
        js_name = "createBatch",
        ts_args_type = "input: BlandCreateBatchInput",
        ts_return_type = "Promise<CallResult<BlandCreateBatchOutput>>"
    )]
    pub fn create_batch<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandCreateBatch, input)
    }

    /// `GET /v1/batches`: legacy batches.
    #[napi(
        js_name = "listBatches",
        ts_args_type = "input: BlandListBatchesInput",
        ts_return_type = "Promise<CallResult<BlandListBatchesOutput>>"
    )]
    pub fn list_batches<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandListBatches, input)
    }

    /// `GET /v1/batches/{batch_id}`: one legacy batch (`{batch_id, include_calls?}`).
    #[napi(
        js_name = "getBatch",
        ts_args_type = "input: BlandGetBatchInput",
        ts_return_type = "Promise<CallResult<BlandGetBatchOutput>>"
    )]
    pub fn get_batch<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetBatch, input)
    }

    /// `POST /v1/batches/{batch_id}/stop`: stop a legacy batch's queued calls.
    #[napi(
        js_name = "stopBatch",
        ts_args_type = "input: BlandStopBatchInput",
        ts_return_type = "Promise<CallResult<BlandStopBatchOutput>>"
    )]
    pub fn stop_batch<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandStopBatch, input)
    }

    /// `POST /v1/batches/{batch_id}/analyze`: questions about every call of a batch.
    #[napi(
        js_name = "analyzeBatch",
        ts_args_type = "input: BlandAnalyzeBatchInput",
        ts_return_type = "Promise<CallResult<BlandAnalyzeBatchOutput>>"
    )]
    pub fn analyze_batch<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandAnalyzeBatch, input)
    }

    /// `GET /v1/batches/{batch_id}/analysis`: a batch analysis's answers.
    #[napi(
        js_name = "getBatchAnalysis",
        ts_args_type = "input: BlandGetBatchAnalysisInput",
        ts_return_type = "Promise<CallResult<BlandGetBatchAnalysisOutput>>"
    )]
    pub fn get_batch_analysis<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetBatchAnalysis, input)
    }

    /// `POST /v2/batches/create`: a batch of calls from a `global` template and per-call overrides.
    #[napi(
        js_name = "createBatchV2",
        ts_args_type = "input: BlandCreateBatchV2Input",
        ts_return_type = "Promise<CallResult<BlandCreateBatchV2Output>>"
    )]
    pub fn create_batch_v2<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandCreateBatchV2, input)
    }

    /// `GET /v2/batches/list`: batches.
    #[napi(
        js_name = "listBatchesV2",
        ts_args_type = "input: BlandListBatchesV2Input",
        ts_return_type = "Promise<CallResult<BlandListBatchesV2Output>>"
    )]
    pub fn list_batches_v2<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandListBatchesV2, input)
    }

    /// `GET /v2/batches/{batch_id}`: one batch (`{batch_id}`).
    #[napi(
        js_name = "getBatchV2",
        ts_args_type = "input: BlandGetBatchV2Input",
        ts_return_type = "Promise<CallResult<BlandGetBatchV2Output>>"
    )]
    pub fn get_batch_v2<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetBatchV2, input)
    }

    /// `GET /v2/batches/{batch_id}/logs`: a batch's event log.
    #[napi(
        js_name = "getBatchV2Logs",
        ts_args_type = "input: BlandGetBatchV2LogsInput",
        ts_return_type = "Promise<CallResult<BlandGetBatchV2LogsOutput>>"
    )]
    pub fn get_batch_v2_logs<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetBatchV2Logs, input)
    }

    /// `POST /v2/batches/{batch_id}/stop`: stop a batch.
    #[napi(
        js_name = "stopBatchV2",
        ts_args_type = "input: BlandStopBatchV2Input",
        ts_return_type = "Promise<CallResult<BlandStopBatchV2Output>>"
    )]
    pub fn stop_batch_v2<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandStopBatchV2, input)
    }

    /// `POST /v1/inbound/{phone_number}`: an inbound number's prompt, pathway, voice, ...
    #[napi(
        js_name = "updateInbound",
        ts_args_type = "input: BlandUpdateInboundInput",
        ts_return_type = "Promise<CallResult<BlandUpdateInboundOutput>>"
    )]
    pub fn update_inbound<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandUpdateInbound, input)
    }

    /// `GET /v1/inbound/{phone_number}`: one inbound number's settings (`{phone_number}`).
    #[napi(
        js_name = "getInbound",
        ts_args_type = "input: BlandGetInboundInput",
        ts_return_type = "Promise<CallResult<BlandGetInboundOutput>>"
    )]
    pub fn get_inbound<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandGetInbound, input)
    }

    /// `GET /v1/inbound`: the account's inbound numbers (`{}`).
    #[napi(
        js_name = "listInbound",
        ts_args_type = "input: BlandListInboundInput",
        ts_return_type = "Promise<CallResult<BlandListInboundOutput>>"
    )]
    pub fn list_inbound<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(env, &self.engine, Operation::BlandListInbound, input)
    }
}
