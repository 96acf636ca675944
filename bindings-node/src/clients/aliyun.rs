//! `Aliyun`: Alibaba Cloud Voice Service, dyvms (RPC API, signed ACS3-HMAC-SHA256 or RPC v1).

use super::{CallResult, spawn, spawn_named};
use crate::engine::Engine;
use crate::{errors, options};
use callplane_core::Vendor;
use callplane_core::api::registry::Operation;
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi_derive::napi;
use std::sync::Arc;

/// Client of Alibaba Cloud Voice Service, dyvms (RPC API, signed ACS3-HMAC-SHA256 or RPC v1).
///
/// Every method validates its input, signs a fresh request per attempt (new timestamp, new
/// nonce), paces it under the rate limit, retries only the retryable failures with full-jitter
/// backoff, and resolves with a `CallResult` or rejects with a `CallplaneError`. Inputs and
/// outputs are in JS names (camelCase), mapped to the vendor's wire names by the core.
#[napi]
pub struct Aliyun {
    engine: Arc<Engine>,
}

#[napi]
impl Aliyun {
    #[napi(constructor, ts_args_type = "options: AliyunOptions")]
    pub fn new(env: Env, options: Unknown<'_>) -> napi::Result<Self> {
        errors::guard(|| {
            let parts = options::aliyun(super::read_js(&env, options, None)?)?;
            Ok(Aliyun {
                engine: Arc::new(Engine::from_parts(parts)),
            })
        })
    }

    /// Any operation of this vendor by its method name: `call("batchRobotSmartCall", input)`.
    #[napi(
        ts_generic_types = "K extends keyof AliyunOperations",
        ts_args_type = "operation: K, input: AliyunOperations[K]['input']",
        ts_return_type = "Promise<CallResult<AliyunOperations[K]['output']>>"
    )]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: Unknown<'_>,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn_named(env, &self.engine, Vendor::Aliyun, operation, input)
    }

    /// `BatchRobotSmartCall`: one robot call task for 1–1000 callees (`CalledShowNumber`, `CalledNumber`, `DialogId`, `TaskName`, `TtsParam`, ...).
    #[napi(
        js_name = "batchRobotSmartCall",
        ts_args_type = "input: AliyunBatchRobotSmartCallInput",
        ts_return_type = "Promise<CallResult<AliyunBatchRobotSmartCallOutput>>"
    )]
    pub fn batch_robot_smart_call<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::AliyunBatchRobotSmartCall,
            input,
        )
    }

    /// `QueryCallDetailByTaskId`: one callee's call in a task (`TaskId`, `QueryDate`, `Callee`).
    #[napi(
        js_name = "queryCallDetailByTaskId",
        ts_args_type = "input: AliyunQueryCallDetailByTaskIdInput",
        ts_return_type = "Promise<CallResult<AliyunQueryCallDetailByTaskIdOutput>>"
    )]
    pub fn query_call_detail_by_task_id<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::AliyunQueryCallDetailByTaskId,
            input,
        )
    }

    /// `QueryCallDetailByCallId`: one call's record (`CallId`, `ProdId`, `QueryDate`).
    #[napi(
        js_name = "queryCallDetailByCallId",
        ts_args_type = "input: AliyunQueryCallDetailByCallIdInput",
        ts_return_type = "Promise<CallResult<AliyunQueryCallDetailByCallIdOutput>>"
    )]
    pub fn query_call_detail_by_call_id<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::AliyunQueryCallDetailByCallId,
            input,
        )
    }

    /// `QueryRobotTaskList`: robot call tasks by `TaskName`, `Status` and creation day (`Time`,
    /// yyyy-MM-dd), paged; how a lost `BatchRobotSmartCall` answer is found again.
    #[napi(
        js_name = "queryRobotTaskList",
        ts_args_type = "input: AliyunQueryRobotTaskListInput",
        ts_return_type = "Promise<CallResult<AliyunQueryRobotTaskListOutput>>"
    )]
    pub fn query_robot_task_list<'env>(
        &self,
        env: &'env Env,
        input: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, CallResult>> {
        spawn(
            env,
            &self.engine,
            Operation::AliyunQueryRobotTaskList,
            input,
        )
    }
}
