//! Tencent's answers: the `Response` object of each operation, by the generated tables.

use super::Shape;
use super::tencent_generated::*;
use crate::api::registry::Operation;

/// The shape of a Tencent operation's `Response`; `None` for other vendors'.
pub fn answer(op: Operation) -> Option<Shape> {
    use Operation::*;
    Some(Shape::Struct(match op {
        TencentCreateAICall => &CREATE_A_I_CALL_OUTPUT,
        TencentDescribeTelSession => &DESCRIBE_TEL_SESSION_OUTPUT,
        TencentDescribeSessionDetail => &DESCRIBE_SESSION_DETAIL_OUTPUT,
        TencentDescribeTelCdr => &DESCRIBE_TEL_CDR_OUTPUT,
        TencentDescribeAICallExtractResult => &DESCRIBE_A_I_CALL_EXTRACT_RESULT_OUTPUT,
        TencentDescribeAIAnalysisResult => &DESCRIBE_A_I_ANALYSIS_RESULT_OUTPUT,
        TencentDescribeAICallInteractionRecords => &DESCRIBE_A_I_CALL_INTERACTION_RECORDS_OUTPUT,
        TencentDescribeAILatency => &DESCRIBE_A_I_LATENCY_OUTPUT,
        TencentHangUpCall => &EMPTY,
        _ => return None,
    }))
}
