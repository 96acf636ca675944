//! Which model is each operation's input and output: the types `core/src/api/registry.rs` reads
//! (`bland_request`, the vendors' `parse_and_validate`) and answers with (`registry::parse`).
//! The input side is proved by `tests/tests/typegen.rs` (the interface keys equal the JS names
//! the facade accepts); a wrong output row fails to compile in the TypeScript examples.

use callplane_core::api::registry::Operation;

/// `(operation, input model, output type)`.
pub type OpRow = (
    Operation,
    Option<(&'static str, &'static str)>,
    &'static str,
);

/// Every operation's row. Inputs are `(scope, name)` of a model, `None` for
/// an operation without parameters; outputs are Rust type expressions read in the vendor's scope.
pub const OPS: &[OpRow] = {
    use Operation::*;
    &[
        (
            BlandSendCall,
            Some(("bland", "SendCallRequest")),
            "SendCallResponse",
        ),
        (BlandGetCall, Some(("api", "CallId")), "CallDetails"),
        (
            BlandListCalls,
            Some(("bland", "ListCallsQuery")),
            "ListCallsResponse",
        ),
        (BlandStopCall, Some(("api", "CallId")), "StopCallResponse"),
        (
            BlandAnalyzeCall,
            Some(("api", "CallAnalyze")),
            "AnalyzeCallResponse",
        ),
        (
            BlandCreateBatch,
            Some(("bland", "BatchRequest")),
            "CreateBatchResponse",
        ),
        (
            BlandListBatches,
            Some(("bland", "ListBatchesV1Query")),
            "ListBatchesV1Response",
        ),
        (
            BlandGetBatch,
            Some(("api", "GetBatch")),
            "LegacyBatchDetails",
        ),
        (
            BlandStopBatch,
            Some(("api", "BatchId")),
            "StopBatchV1Response",
        ),
        (
            BlandAnalyzeBatch,
            Some(("api", "BatchAnalyze")),
            "AnalyzeBatchResponse",
        ),
        (
            BlandGetBatchAnalysis,
            Some(("api", "BatchId")),
            "BatchAnalysisResponse",
        ),
        (
            BlandCreateBatchV2,
            Some(("bland", "CreateBatchV2Request")),
            "CreatedBatch",
        ),
        (
            BlandListBatchesV2,
            Some(("bland", "ListBatchesV2Query")),
            "Vec<BatchV2>",
        ),
        (BlandGetBatchV2, Some(("api", "BatchId")), "BatchV2"),
        (
            BlandGetBatchV2Logs,
            Some(("api", "BatchLogs")),
            "Vec<BatchLogEntry>",
        ),
        (BlandStopBatchV2, Some(("api", "BatchId")), "Value"),
        (
            BlandUpdateInbound,
            Some(("bland", "InboundUpdateRequest")),
            "InboundUpdateResponse",
        ),
        (
            BlandGetInbound,
            Some(("api", "PhoneNumberParam")),
            "InboundNumber",
        ),
        (BlandListInbound, None, "InboundListResponse"),
        (
            AliyunBatchRobotSmartCall,
            Some(("aliyun", "BatchRobotSmartCall")),
            "BatchRobotSmartCallResponse",
        ),
        (
            AliyunQueryCallDetailByTaskId,
            Some(("aliyun", "QueryCallDetailByTaskId")),
            "QueryCallDetailByTaskIdResponse",
        ),
        (
            AliyunQueryCallDetailByCallId,
            Some(("aliyun", "QueryCallDetailByCallId")),
            "QueryCallDetailByCallIdResponse",
        ),
        (
            AliyunQueryRobotTaskList,
            Some(("aliyun", "QueryRobotTaskList")),
            "QueryRobotTaskListResponse",
        ),
        (
            TencentCreateAICall,
            Some(("tencent", "CreateAICall")),
            "CreateAICallOutput",
        ),
        (
            TencentDescribeTelSession,
            Some(("tencent", "DescribeTelSession")),
            "DescribeTelSessionOutput",
        ),
        (
            TencentDescribeSessionDetail,
            Some(("tencent", "DescribeSessionDetail")),
            "DescribeSessionDetailOutput",
        ),
        (
            TencentDescribeTelCdr,
            Some(("tencent", "DescribeTelCdr")),
            "DescribeTelCdrOutput",
        ),
        (
            TencentDescribeAICallExtractResult,
            Some(("tencent", "DescribeAICallExtractResult")),
            "DescribeAICallExtractResultOutput",
        ),
        (
            TencentDescribeAIAnalysisResult,
            Some(("tencent", "DescribeAIAnalysisResult")),
            "DescribeAIAnalysisResultOutput",
        ),
        (
            TencentDescribeAICallInteractionRecords,
            Some(("tencent", "DescribeAICallInteractionRecords")),
            "DescribeAICallInteractionRecordsOutput",
        ),
        (
            TencentDescribeAILatency,
            Some(("tencent", "DescribeAILatency")),
            "DescribeAILatencyOutput",
        ),
        (TencentHangUpCall, Some(("tencent", "HangUpCall")), "Empty"),
    ]
};
