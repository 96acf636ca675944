//! Tencent ccc inputs (PascalCase on the wire, with acronyms: `LLMType`, `APIKey`,
//! `CustomTTSConfig`). Field lists reuse each model's `FIELDS`; `super::tests` proves them
//! complete.

use crate::js::shape::{Rest, Shape, Struct};
use crate::tencent::{
    self, DescribeAIAnalysisResult, DescribeAICallExtractResult, DescribeAICallInteractionRecords,
    DescribeAILatency, DescribeSessionDetail, DescribeTelCdr, DescribeTelSession, HangUpCall,
};
use std::sync::OnceLock;

const FREE: Shape = Shape::Free;

static TRANSFER_ITEM: Struct = Struct {
    fields: &[&[
        "TransferFunctionName",
        "TransferFunctionDesc",
        "TransferSkillGroupId",
    ]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static TRANSFER_TO_AGENT_ITEM: Struct = Struct {
    fields: &[&[
        "TransferToAgentName",
        "TransferToAgentDesc",
        "TransferToAgentId",
    ]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `{Key, Value}`: `Key` names a prompt variable, but as a value, so nothing inside is renamed
/// beyond the two field names.
static VARIABLE: Struct = Struct {
    fields: &[&["Key", "Value"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static EXTRACT_ITEM: Struct = Struct {
    fields: &[&["InfoType", "InfoName", "InfoContent", "Examples", "Choices"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static ZH_TONE_WORDS: Struct = Struct {
    fields: &[&["Neutral", "Positive", "Negative"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static TONE_WORD: Struct = Struct {
    fields: &[&["FirstSentenceTimeout", "ZHToneWords"]],
    nested: &[("ZHToneWords", Shape::Struct(&ZH_TONE_WORDS))],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `CustomTTSConfig` in its object form: `TTSType` plus the union of the five providers' fields
/// (the model then checks which belong to the chosen `TTSType`). Its string form is the vendor's
/// own JSON text and is passed through untouched.
static CUSTOM_TTS: Struct = Struct {
    fields: &[
        &["TTSType"],
        // tencent
        &[
            "AppId",
            "SecretId",
            "SecretKey",
            "VoiceType",
            "Speed",
            "Volume",
            "PrimaryLanguage",
            "FastVoiceType",
        ],
        // minimax (VoiceType, Speed: above)
        &["Model", "APIUrl", "APIKey", "GroupId"],
        // volcengine (AppId, Speed, Volume, VoiceType: above)
        &["Token", "Cluster"],
        // azure
        &["SubscriptionKey", "Region", "VoiceName", "Language", "Rate"],
        // custom (APIKey, APIUrl: above)
        &["AudioFormat", "SampleRate", "AudioChannel"],
    ],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static CREATE_AI_CALL: Struct = Struct {
    fields: &[tencent::create_ai_call::FIELDS, &["extra"]],
    nested: &[
        ("TransferItems", Shape::List(&Shape::Struct(&TRANSFER_ITEM))),
        (
            "TransferToAgentItems",
            Shape::List(&Shape::Struct(&TRANSFER_TO_AGENT_ITEM)),
        ),
        ("CustomTTSConfig", Shape::Struct(&CUSTOM_TTS)),
        ("PromptVariables", Shape::List(&Shape::Struct(&VARIABLE))),
        ("Variables", Shape::List(&Shape::Struct(&VARIABLE))),
        ("ExtractConfig", Shape::List(&Shape::Struct(&EXTRACT_ITEM))),
        ("ToneWord", Shape::Struct(&TONE_WORD)),
        // Extra fields of the LLM request (`max_tokens`…): the LLM's names, not Tencent's.
        ("LLMExtraBody", FREE),
        ("extra", FREE),
    ],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `CreateAICall`.
pub const CREATE_AI_CALL_SHAPE: Shape = Shape::Struct(&CREATE_AI_CALL);

/// A lookup request: its model's `FIELDS` (all scalars or lists of strings) plus `extra`.
macro_rules! lookup {
    ($name:ident, $shape:ident, $model:ty) => {
        static $name: Struct = Struct {
            fields: &[<$model>::FIELDS, &["extra"]],
            nested: &[("extra", FREE)],
            rest: Rest::Closed,
            js: OnceLock::new(),
        };
        #[doc = concat!("`", stringify!($model), "`.")]
        pub const $shape: Shape = Shape::Struct(&$name);
    };
}

lookup!(TEL_SESSION, DESCRIBE_TEL_SESSION_SHAPE, DescribeTelSession);
lookup!(
    SESSION_DETAIL,
    DESCRIBE_SESSION_DETAIL_SHAPE,
    DescribeSessionDetail
);
lookup!(TEL_CDR, DESCRIBE_TEL_CDR_SHAPE, DescribeTelCdr);
lookup!(
    EXTRACT_RESULT,
    DESCRIBE_AI_CALL_EXTRACT_RESULT_SHAPE,
    DescribeAICallExtractResult
);
lookup!(
    ANALYSIS_RESULT,
    DESCRIBE_AI_ANALYSIS_RESULT_SHAPE,
    DescribeAIAnalysisResult
);
lookup!(
    INTERACTION_RECORDS,
    DESCRIBE_AI_CALL_INTERACTION_RECORDS_SHAPE,
    DescribeAICallInteractionRecords
);
lookup!(AI_LATENCY, DESCRIBE_AI_LATENCY_SHAPE, DescribeAILatency);
lookup!(HANG_UP, HANG_UP_CALL_SHAPE, HangUpCall);

/// Tencent's answers carry no user-keyed maps: every key is a Tencent field name.
pub const OUTPUT_FREE: &[&str] = &[];
