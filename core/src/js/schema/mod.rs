//! The JS mapping table of every operation: where its input's field names are ([`input`]) and
//! which fields of its answer are free-form ([`output_free`]).

mod aliyun;
mod bland;
mod tencent;

#[cfg(test)]
mod tests;

use super::shape::Shape;
use crate::Vendor;
use crate::api::registry::Operation;

/// The shape of `op`'s input.
pub fn input(op: Operation) -> Shape {
    use Operation::*;
    match op {
        BlandSendCall => bland::SEND_CALL_SHAPE,
        BlandGetCall | BlandStopCall => bland::CALL_ID_SHAPE,
        BlandListCalls => bland::LIST_CALLS_SHAPE,
        BlandAnalyzeCall => bland::ANALYZE_CALL_SHAPE,
        BlandCreateBatch => bland::BATCH_SHAPE,
        BlandListBatches => bland::LIST_BATCHES_SHAPE,
        BlandGetBatch => bland::GET_BATCH_SHAPE,
        BlandStopBatch | BlandGetBatchAnalysis | BlandGetBatchV2 | BlandStopBatchV2 => {
            bland::BATCH_ID_SHAPE
        }
        BlandAnalyzeBatch => bland::ANALYZE_BATCH_SHAPE,
        BlandCreateBatchV2 => bland::CREATE_BATCH_V2_SHAPE,
        BlandListBatchesV2 => bland::LIST_BATCHES_V2_SHAPE,
        BlandGetBatchV2Logs => bland::BATCH_LOGS_SHAPE,
        BlandUpdateInbound => bland::INBOUND_UPDATE_SHAPE,
        BlandGetInbound => bland::PHONE_NUMBER_SHAPE,
        BlandListInbound => bland::EMPTY_SHAPE,
        AliyunBatchRobotSmartCall => aliyun::BATCH_ROBOT_SMART_CALL_SHAPE,
        AliyunQueryCallDetailByTaskId => aliyun::QUERY_BY_TASK_ID_SHAPE,
        AliyunQueryCallDetailByCallId => aliyun::QUERY_BY_CALL_ID_SHAPE,
        AliyunQueryRobotTaskList => aliyun::QUERY_ROBOT_TASK_LIST_SHAPE,
        TencentCreateAICall => tencent::CREATE_AI_CALL_SHAPE,
        TencentDescribeTelSession => tencent::DESCRIBE_TEL_SESSION_SHAPE,
        TencentDescribeSessionDetail => tencent::DESCRIBE_SESSION_DETAIL_SHAPE,
        TencentDescribeTelCdr => tencent::DESCRIBE_TEL_CDR_SHAPE,
        TencentDescribeAICallExtractResult => tencent::DESCRIBE_AI_CALL_EXTRACT_RESULT_SHAPE,
        TencentDescribeAIAnalysisResult => tencent::DESCRIBE_AI_ANALYSIS_RESULT_SHAPE,
        TencentDescribeAICallInteractionRecords => {
            tencent::DESCRIBE_AI_CALL_INTERACTION_RECORDS_SHAPE
        }
        TencentDescribeAILatency => tencent::DESCRIBE_AI_LATENCY_SHAPE,
        TencentHangUpCall => tencent::HANG_UP_CALL_SHAPE,
    }
}

/// The shape of a `POST /v1/batches` body, the input of `preflightBlandBatch`.
pub fn bland_batch() -> Shape {
    bland::BATCH_SHAPE
}

/// Fields of `op`'s answer whose values keep their keys (see [`super::shape::output_to_js`]).
pub fn output_free(op: Operation) -> &'static [&'static str] {
    match op.vendor() {
        Vendor::Bland => bland::OUTPUT_FREE,
        Vendor::Aliyun => aliyun::OUTPUT_FREE,
        Vendor::Tencent => tencent::OUTPUT_FREE,
    }
}
