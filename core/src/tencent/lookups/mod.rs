//! The outcome lookups of an AI call (VENDORS.md §3.3) and HangUpCall: requests with their
//! validators, and lenient typed outputs.

mod ai;
mod lenient;
mod records;
mod requests;

pub use ai::{
    AiAnalysisResult, AiCallExtractResultElement, AiCallExtractResultInfo, AiCallInteractionRound,
    AiLatencyDetail, AiLatencyStatistics, AiLatencyStatisticsInfo, AiRoundMessage, AiRoundPath,
    AiSpeakEvent, AnalysisType, DescribeAIAnalysisResultOutput, DescribeAICallExtractResultOutput,
    DescribeAICallInteractionRecordsOutput, DescribeAILatencyOutput, NodeType, UserReplyEvent,
    latency,
};
pub use records::{
    DescribeSessionDetailOutput, DescribeTelCdrOutput, DescribeTelSessionOutput, HungUpSide,
    IvrKeyPressedElement, PstnSession, SeatUserInfo, ServeParticipant, SessionEvent, TelCdrInfo,
};
pub use requests::{
    DescribeAIAnalysisResult, DescribeAICallExtractResult, DescribeAICallInteractionRecords,
    DescribeAILatency, DescribeSessionDetail, DescribeTelCdr, DescribeTelSession, HangUpCall,
    MAX_PAGE_SIZE,
};
