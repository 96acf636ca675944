//! Outputs of the AI-call result lookups (extraction, analysis, interaction records, latency).
//! Lenient like [`super::records`]. Field lists: tencentcloud-sdk-dotnet `AICallExtractResult*.cs`,
//! `AIAnalysisResult.cs`, `AICallInteractionRound.cs`, `AIRoundMessage.cs`, `AIRoundPath.cs`,
//! `UserReplyEvent.cs`, `AISpeakEvent.cs`, `AILatency*.cs` (2025).

use super::lenient::lenient_str_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

lenient_str_enum! {
    /// `AIAnalysisResult.Type`.
    AnalysisType {
        /// Call summary.
        Summary => "summary",
        /// Mood analysis.
        Mood => "mood",
        /// Intention extraction.
        Intention => "intention",
    }
}

lenient_str_enum! {
    /// `AIRoundPath.NodeType`: the kind of canvas node a round passed through.
    NodeType {
        /// Dialogue node.
        Dialogue => "DIALOGUE",
        /// API call node.
        ApiCall => "API_CALL",
        /// Transfer node.
        Transfer => "TRANSFER",
        /// Key-press node.
        KeyPress => "KEY_PRESS",
        /// Hang-up node.
        EndCall => "END_CALL",
        /// Transfer-to-agent node.
        TransferAgent => "TRANSFER_AGENT",
        /// Working-time node.
        WorkTime => "WORK_TIME",
    }
}

/// DescribeAICallExtractResult output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAICallExtractResultOutput {
    /// One entry per ExtractConfig item.
    #[serde(
        rename = "ResultList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub result_list: Option<Vec<AiCallExtractResultElement>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One extracted item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiCallExtractResultElement {
    /// Text | Selector | Boolean | Number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_type: Option<String>,
    /// The item's name from ExtractConfig.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_name: Option<String>,
    /// The item's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_content: Option<String>,
    /// The answer; read the member matching InfoType.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AiCallExtractResultInfo>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The answer of one extracted item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiCallExtractResultInfo {
    /// For Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// For Selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<Vec<String>>,
    /// For Boolean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boolean: Option<bool>,
    /// For Number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// DescribeAIAnalysisResult output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAIAnalysisResultOutput {
    /// summary / mood / intention entries.
    #[serde(
        rename = "ResultList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub result_list: Option<Vec<AiAnalysisResult>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One analysis entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiAnalysisResult {
    /// summary | mood | intention.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub analysis_type: Option<AnalysisType>,
    /// The analysis text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// DescribeAICallInteractionRecords output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAICallInteractionRecordsOutput {
    /// Rounds in order.
    #[serde(
        rename = "InteractionEventList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_event_list: Option<Vec<AiCallInteractionRound>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One conversation round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiCallInteractionRound {
    /// Round ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_id: Option<String>,
    /// Round number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_index: Option<i64>,
    /// Tags hit this round: a JSON string of [{TagName, TagValue, TagType}], "" when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Messages of the round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<AiRoundMessage>>,
    /// Canvas nodes passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<AiRoundPath>>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A message: the user's reply or the AI's speech.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiRoundMessage {
    /// Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// The user's reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_reply: Option<UserReplyEvent>,
    /// The AI's speech.
    #[serde(rename = "AISpeak", default, skip_serializing_if = "Option::is_none")]
    pub ai_speak: Option<AiSpeakEvent>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// What the user said.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserReplyEvent {
    /// ASR transcript.
    #[serde(
        rename = "ASRTranscript",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub asr_transcript: Option<String>,
    /// Matched reply category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_intent: Option<String>,
    /// Slots collected: a JSON string, "" when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_slots: Option<String>,
    /// Branch type (Intent, Fallback, NoResponse, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_type: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// What the AI said.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiSpeakEvent {
    /// Could the user interrupt it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_be_interrupted: Option<bool>,
    /// The text spoken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken_text: Option<String>,
    /// Script, KnowledgeBase, LLMFallback, NoResponseTip, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken_type: Option<String>,
    /// Latency of this response, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_metrics: Option<Value>,
    /// Knowledge-base question hit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_name: Option<String>,
    /// Why the canvas moved on (flexible mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traverse_reason: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A canvas node on a round's path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiRoundPath {
    /// Node name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// Node type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<NodeType>,
    /// Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// API call detail (API_CALL nodes), verbatim.
    #[serde(rename = "APICall", default, skip_serializing_if = "Option::is_none")]
    pub api_call: Option<Value>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// DescribeAILatency output. Every latency is milliseconds; -1 means "no data".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeAILatencyOutput {
    /// Per round.
    #[serde(
        rename = "AILatencyDetail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ai_latency_detail: Option<Vec<AiLatencyDetail>>,
    /// Over the call.
    #[serde(
        rename = "AILatencyStatistics",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ai_latency_statistics: Option<AiLatencyStatistics>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Latency of one round (ms, -1 = no data; see [`latency`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AiLatencyDetail {
    /// Round ID.
    #[serde(rename = "RoundId", default, skip_serializing_if = "Option::is_none")]
    pub round_id: Option<String>,
    /// Speech recognition.
    #[serde(
        rename = "ASRLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub asr_latency: Option<i64>,
    /// Speech synthesis.
    #[serde(
        rename = "TTSLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tts_latency: Option<i64>,
    /// Model.
    #[serde(
        rename = "LLMLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub llm_latency: Option<i64>,
    /// End to end.
    #[serde(
        rename = "ETELatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ete_latency: Option<i64>,
    /// Fields this version does not model (e.g. newer first-token latency).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Latency statistics per stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AiLatencyStatistics {
    /// Speech recognition.
    #[serde(
        rename = "ASRLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub asr_latency: Option<AiLatencyStatisticsInfo>,
    /// Speech synthesis.
    #[serde(
        rename = "TTSLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tts_latency: Option<AiLatencyStatisticsInfo>,
    /// Model.
    #[serde(
        rename = "LLMLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub llm_latency: Option<AiLatencyStatisticsInfo>,
    /// End to end.
    #[serde(
        rename = "ETELatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ete_latency: Option<AiLatencyStatisticsInfo>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Min / median / p90 of one stage (ms, -1 = no data).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AiLatencyStatisticsInfo {
    /// Minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_latency: Option<i64>,
    /// Median.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_latency: Option<i64>,
    /// 90th percentile.
    #[serde(
        rename = "P90Latency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub p90_latency: Option<i64>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A latency value with Tencent's `-1 = no data` turned into `None`.
pub fn latency(v: Option<i64>) -> Option<i64> {
    v.filter(|&ms| ms >= 0)
}
