//! Bland's answers: which table reads each operation's answer (the tables are generated from the
//! models of `crate::bland`, `bland_generated.rs`).

use super::Shape::{self, Any, Seq};
pub use super::bland_generated::*;
use crate::api::bland::Envelope::{self, Data, Plain};
use crate::api::registry::Operation;

/// The envelope and shape of a Bland operation's answer; `None` for other vendors'.
pub fn answer(op: Operation) -> Option<(Envelope, Shape)> {
    use Operation::*;
    Some(match op {
        BlandSendCall => (Plain, Shape::Struct(&SEND_CALL_RESPONSE)),
        BlandGetCall => (Plain, Shape::Struct(&CALL_DETAILS)),
        BlandListCalls => (Plain, Shape::Struct(&LIST_CALLS_RESPONSE)),
        BlandStopCall => (Plain, Shape::Struct(&STATUS_ENVELOPE)),
        BlandAnalyzeCall => (Plain, Shape::Struct(&ANALYZE_CALL_RESPONSE)),
        BlandCreateBatch => (Plain, Shape::Struct(&CREATE_BATCH_RESPONSE)),
        BlandListBatches => (Plain, Shape::Struct(&LIST_BATCHES_V1_RESPONSE)),
        BlandGetBatch => (Plain, Shape::Struct(&LEGACY_BATCH_DETAILS)),
        BlandStopBatch => (Plain, Shape::Struct(&STOP_BATCH_V1_RESPONSE)),
        BlandAnalyzeBatch => (Plain, Shape::Struct(&ANALYZE_BATCH_RESPONSE)),
        BlandGetBatchAnalysis => (Plain, Shape::Struct(&BATCH_ANALYSIS_RESPONSE)),
        BlandCreateBatchV2 => (Data, Shape::Struct(&CREATED_BATCH)),
        BlandListBatchesV2 => (Data, BATCH_V2_LIST),
        BlandGetBatchV2 => (Data, Shape::Struct(&BATCH_V2)),
        BlandGetBatchV2Logs => (Data, BATCH_LOGS),
        BlandStopBatchV2 => (Data, Any),
        BlandUpdateInbound => (Plain, Shape::Struct(&INBOUND_UPDATE_RESPONSE)),
        BlandGetInbound => (Plain, Shape::Struct(&INBOUND_NUMBER)),
        BlandListInbound => (Plain, Shape::Struct(&INBOUND_LIST_RESPONSE)),
        _ => return None,
    })
}

/// `Vec<bland::BatchV2>`.
const BATCH_V2_LIST: Shape = Seq(&Shape::Struct(&BATCH_V2));
/// `Vec<bland::BatchLogEntry>`.
const BATCH_LOGS: Shape = Seq(&Shape::Struct(&BATCH_LOG_ENTRY));
