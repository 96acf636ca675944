//! Bland's answers as shape tables: one per model of `crate::bland` that `registry::parse` reads
//! (field order and names as declared there; `tests.rs` checks both against the models).

use super::Shape::{self, Any, Bool, F64, Map, Numeric, Opt, Seq, SortedMap, Str, U64};
use super::{Field, Struct};
use crate::api::bland::Envelope::{self, Data, Plain};
use crate::api::registry::Operation;

/// The envelope and shape of a Bland operation's answer; `None` for other vendors'.
pub fn answer(op: Operation) -> Option<(Envelope, Shape)> {
    use Operation::*;
    Some(match op {
        BlandSendCall => (Plain, st(&SEND_CALL_RESPONSE)),
        BlandGetCall => (Plain, st(&CALL_DETAILS)),
        BlandListCalls => (Plain, st(&LIST_CALLS_RESPONSE)),
        BlandStopCall => (Plain, st(&STATUS_ENVELOPE)),
        BlandAnalyzeCall => (Plain, st(&ANALYZE_CALL_RESPONSE)),
        BlandCreateBatch => (Plain, st(&CREATE_BATCH_RESPONSE)),
        BlandListBatches => (Plain, st(&LIST_BATCHES_V1_RESPONSE)),
        BlandGetBatch => (Plain, st(&LEGACY_BATCH_DETAILS)),
        BlandStopBatch => (Plain, st(&STOP_BATCH_V1_RESPONSE)),
        BlandAnalyzeBatch => (Plain, st(&ANALYZE_BATCH_RESPONSE)),
        BlandGetBatchAnalysis => (Plain, st(&BATCH_ANALYSIS_RESPONSE)),
        BlandCreateBatchV2 => (Data, st(&CREATED_BATCH)),
        BlandListBatchesV2 => (Data, BATCH_V2_LIST),
        BlandGetBatchV2 => (Data, st(&BATCH_V2)),
        BlandGetBatchV2Logs => (Data, BATCH_LOGS),
        BlandStopBatchV2 => (Data, Any),
        BlandUpdateInbound => (Plain, st(&INBOUND_UPDATE_RESPONSE)),
        BlandGetInbound => (Plain, st(&INBOUND_NUMBER)),
        BlandListInbound => (Plain, st(&INBOUND_LIST_RESPONSE)),
        _ => return None,
    })
}

/// `Vec<bland::BatchV2>`.
const BATCH_V2_LIST: Shape = Seq(&st(&BATCH_V2));
/// `Vec<bland::BatchLogEntry>`.
const BATCH_LOGS: Shape = Seq(&st(&BATCH_LOG_ENTRY));

const fn f(wire: &'static str, shape: Shape) -> Field {
    Field::new(wire, shape)
}
const fn st(s: &'static Struct) -> Shape {
    Shape::Struct(s)
}
const fn kept(name: &'static str, fields: &'static [Field]) -> Struct {
    Struct { name, fields }
}

// `Option<T>` of the leaves; open enums (`lenient_enum!`) read and write a string.
const OS: Shape = Opt(&Str);
const OB: Shape = Opt(&Bool);
const OF: Shape = Opt(&F64);
const OU: Shape = Opt(&U64);
const ON: Shape = Opt(&Numeric);
const OA: Shape = Opt(&Any);

/// `bland::SendCallResponse`.
pub static SEND_CALL_RESPONSE: Struct = kept(
    "SendCallResponse",
    &[
        f("status", OS),
        f("message", OS),
        f("call_id", OS),
        f("batch_id", OS),
        f("errors", Opt(&Seq(&Any))),
    ],
);

/// `bland::CallDetails`.
pub static CALL_DETAILS: Struct = kept(
    "CallDetails",
    &[
        f("call_id", OS),
        f("c_id", OS),
        f("call_length", OF),
        f("corrected_duration", ON),
        f("batch_id", OS),
        f("to", OS),
        f("from", OS),
        f("request_data", OA),
        f("completed", OB),
        f("inbound", OB),
        f("created_at", OS),
        f("started_at", OS),
        f("end_at", OS),
        f("queue_status", OS),
        f("status", OS),
        f("endpoint_url", OS),
        f("max_duration", ON),
        f("error_message", OS),
        f("variables", Opt(&Map(&Any))),
        f("answered_by", OS),
        f("record", OB),
        f("recording_url", OS),
        f("metadata", OA),
        f("summary", OS),
        f("price", ON),
        f("local_dialing", OB),
        f("call_ended_by", OS),
        f("pathway_id", OS),
        f("pathway_logs", OA),
        f("pathway_version", OA),
        f("pathway_tags", OA),
        f("analysis", OA),
        f("analysis_schema", OA),
        f("concatenated_transcript", OS),
        f("transcripts", Opt(&Seq(&st(&TRANSCRIPT)))),
        f("transferred_to", OS),
        f("transferred_at", OS),
        f("pre_transfer_duration", ON),
        f("post_transfer_duration", ON),
        f("citations", OA),
        f("citation_schema_ids", OA),
        f("warm_transfer_call", OA),
        f("is_proxy_agent_call", OB),
        f("is_canary", OB),
        f("voice_id", OA),
        f("disposition_tag", OS),
        f("recording_expiration", OS),
        f("isRetry", OB),
    ],
);

/// `bland::Transcript`.
pub static TRANSCRIPT: Struct = kept(
    "Transcript",
    &[
        f("id", OA),
        f("created_at", OS),
        f("text", OS),
        f("user", OS),
        f("c_id", OS),
    ],
);

/// `bland::ListCallsResponse`.
pub static LIST_CALLS_RESPONSE: Struct = kept(
    "ListCallsResponse",
    &[
        f("total_count", OU),
        f("count", OU),
        f("calls", Seq(&st(&CALL_DETAILS))),
    ],
);

/// `bland::StatusEnvelope` (`StopCallResponse`): `None`s are not written back.
pub static STATUS_ENVELOPE: Struct = kept(
    "StatusEnvelope",
    &[
        f("status", OS).skip_none(),
        f("message", OS).skip_none(),
        f("errors", Opt(&Seq(&Any))).skip_none(),
        f("error", OA).skip_none(),
    ],
);

/// `bland::AnalyzeCallResponse`.
pub static ANALYZE_CALL_RESPONSE: Struct = kept(
    "AnalyzeCallResponse",
    &[
        f("status", OS),
        f("message", OS),
        f("answers", Opt(&Seq(&Any))),
    ],
);

/// `bland::CreateBatchResponse`.
pub static CREATE_BATCH_RESPONSE: Struct = kept(
    "CreateBatchResponse",
    &[f("message", OS), f("batch_id", OS)],
);

/// `bland::ListBatchesV1Response`.
pub static LIST_BATCHES_V1_RESPONSE: Struct = kept(
    "ListBatchesV1Response",
    &[
        f("status", OS),
        f("batches", Seq(&st(&LEGACY_BATCH_PARAMS))),
    ],
);

/// `bland::LegacyBatchParams`.
pub static LEGACY_BATCH_PARAMS: Struct = kept(
    "LegacyBatchParams",
    &[
        f("id", OS),
        f("batch_id", OS),
        f("campaign_id", OS),
        f("label", OS),
        f("base_prompt", OS),
        f("endpoint_code", OS),
        f("call_params", OA),
        f("created_at", OS),
    ],
);

/// `bland::LegacyBatchDetails`.
pub static LEGACY_BATCH_DETAILS: Struct = kept(
    "LegacyBatchDetails",
    &[
        f("status", OS),
        f("batch_params", Opt(&st(&LEGACY_BATCH_PARAMS))),
        f("analysis", Opt(&st(&LEGACY_BATCH_ANALYSIS))),
        f("call_data", Opt(&Seq(&st(&CALL_DETAILS)))),
    ],
);

/// `bland::LegacyBatchAnalysis`.
pub static LEGACY_BATCH_ANALYSIS: Struct = kept(
    "LegacyBatchAnalysis",
    &[
        f("total_calls", OU),
        f("completed_calls", OU),
        f("in_progress_calls", OU),
        f("queue_statuses", Opt(&SortedMap(&U64))),
        f("call_lengths", Opt(&st(&CALL_LENGTHS))),
        f("call_ids", Opt(&Seq(&Str))),
        f("error_messages", Opt(&Seq(&st(&CALL_ERROR_MESSAGE)))),
        f("endpoints", OA),
    ],
);

/// `bland::CallLengths`.
pub static CALL_LENGTHS: Struct = kept(
    "CallLengths",
    &[
        f("average", OF),
        f("average_nonzero", OF),
        f("summary", Opt(&SortedMap(&U64))),
        f("all", Opt(&Seq(&F64))),
    ],
);

/// `bland::CallErrorMessage`.
pub static CALL_ERROR_MESSAGE: Struct = kept(
    "CallErrorMessage",
    &[f("call_id", OS), f("error_message", OS)],
);

/// `bland::StopBatchV1Response`.
pub static STOP_BATCH_V1_RESPONSE: Struct = kept(
    "StopBatchV1Response",
    &[
        f("status", OS),
        f("message", OS),
        f("num_calls", OU),
        f("batch_id", OS),
    ],
);

/// `bland::AnalyzeBatchResponse`.
pub static ANALYZE_BATCH_RESPONSE: Struct = kept(
    "AnalyzeBatchResponse",
    &[
        f("status", OS),
        f("message", OS),
        f("answers", Opt(&SortedMap(&Seq(&Any)))),
        f("credits_used", OF),
    ],
);

/// `bland::BatchAnalysisResponse`.
pub static BATCH_ANALYSIS_RESPONSE: Struct = kept(
    "BatchAnalysisResponse",
    &[
        f("status", OS),
        f("message", OS),
        f("analysis", Opt(&Seq(&st(&STORED_ANALYSIS)))),
    ],
);

/// `bland::StoredAnalysis`.
pub static STORED_ANALYSIS: Struct = kept(
    "StoredAnalysis",
    &[
        f("call_id", OS),
        f("batch_id", OS),
        f("goal", OS),
        f("answers", OA),
        f("questions", OA),
    ],
);

/// `bland::CreatedBatch`.
pub static CREATED_BATCH: Struct = kept("CreatedBatch", &[f("batch_id", OS)]);

/// `bland::BatchV2`.
pub static BATCH_V2: Struct = kept(
    "BatchV2",
    &[
        f("id", OS),
        f("user_id", OS),
        f("base_prompt", OS),
        f("created_at", OS),
        f("call_objects", OA),
        f("description", OS),
    ],
);

/// `bland::BatchLogEntry`.
pub static BATCH_LOG_ENTRY: Struct = kept(
    "BatchLogEntry",
    &[
        f("id", OA),
        f("batch_id", OS),
        f("org_id", OS),
        f("event_type", OS),
        f("timestamp", OA),
        f("payload", OA),
    ],
);

/// `bland::InboundUpdateResponse`.
pub static INBOUND_UPDATE_RESPONSE: Struct = kept(
    "InboundUpdateResponse",
    &[
        f("status", OS),
        f("message", OS),
        f("updates", Opt(&Map(&Any))),
        f("failed_updates", Opt(&Map(&Any))),
    ],
);

/// `bland::InboundNumber`.
pub static INBOUND_NUMBER: Struct = kept(
    "InboundNumber",
    &[
        f("created_at", OS),
        f("phone_number", OS),
        f("prompt", OS),
        f("webhook", OS),
        f("voice_id", OA),
        f("dynamic_data", OA),
        f("max_duration", OA),
        f("pathway_id", OS),
    ],
);

/// `bland::InboundListResponse`.
pub static INBOUND_LIST_RESPONSE: Struct = kept(
    "InboundListResponse",
    &[f("inbound_numbers", Seq(&st(&INBOUND_NUMBER)))],
);
