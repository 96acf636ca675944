//! `CreateAICall` ("创建单次智能体通话 - 自携模型"): one outbound call to one callee, driven by your own
//! LLM (OpenAI, Azure, Minimax or Dify protocol) through Tencent's voice stack.
//!
//! Field list: seed 003 (intl doc https://www.tencentcloud.com/document/product/1229/66755) plus the
//! parameters added since in tccli `api.json` / the official SDK models
//! (TencentCloud/tencentcloud-sdk-dotnet `Ccc/V20200210/Models/CreateAICallRequest.cs`, 2025-08:
//! TransferToAgent*, AmbientSound*, AcquireTimeoutSecond, CustomSTTConfig).

mod options;
mod validate;
mod validate_lists;

pub use options::{
    AMBIENT_SOUND_TYPES, DIFY_VARIABLE_PREFIX, EXTRACT_INFO_TYPES, LANGUAGES, LlmType,
    MAX_LANGUAGES, VOICE_TYPES, WELCOME_DELAY_VARIABLE,
};
pub use validate::validate_create_ai_call;

use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use crate::secret::Secret;
use crate::tencent::Operation;
use crate::tencent::checks::wire_number;
use crate::tencent::json_string::JsonObjectString;
use crate::tencent::tts::{CustomTtsConfig, parse_custom_tts};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// CreateAICall request. Required (the seed's "Yes" column): SdkAppId, Callee, SystemPrompt, LLMType,
/// Model, APIKey, APIUrl. `Debug` never shows `APIKey` or any TTS/STT credential.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct CreateAICall {
    /// Application ID (console.tencentcloud.com/ccc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk_app_id: Option<i64>,
    /// Called number; sent as `0086…` (the form of Tencent's examples).
    #[serde(default)]
    pub callee: String,
    /// Global prompt: persona, speaking rules, task.
    #[serde(default)]
    pub system_prompt: String,
    /// Model protocol.
    #[serde(default, rename = "LLMType", skip_serializing_if = "Option::is_none")]
    pub llm_type: Option<LlmType>,
    /// Model name (`gpt-4o-mini`, `hunyuan-turbo`, `deepseek-chat`, …).
    #[serde(default)]
    pub model: String,
    /// Model API key; Tencent forwards it to `APIUrl`.
    #[serde(default, rename = "APIKey")]
    pub api_key: Secret,
    /// Model endpoint (`https://api.openai.com/v1/`, Azure with `?api-version=`).
    #[serde(default, rename = "APIUrl")]
    pub api_url: String,
    /// Built-in voice ([`VOICE_TYPES`]); excludes `CustomTTSConfig`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_type: Option<String>,
    /// Calling numbers to choose from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callers: Option<Vec<String>>,
    /// Greeting. With WelcomeType 0, empty means the callee speaks first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
    /// 0: use WelcomeMessage; 1: the LLM writes the greeting from the prompt and speaks first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_type: Option<i64>,
    /// 0: greeting can be interrupted (default); 2: high priority, not interruptible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message_priority: Option<i64>,
    /// Milliseconds of callee silence before hanging up (default 60 000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<i64>,
    /// ASR languages, primary first, at most 4 ([`LANGUAGES`]); default `zh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// 0: the server interrupts the AI when the callee speaks (default); 1: it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interrupt_mode: Option<i64>,
    /// With InterruptMode 0: milliseconds of speech that interrupt the AI (default 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interrupt_speech_duration: Option<i64>,
    /// Give the model the `call_end` function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_function_enable: Option<bool>,
    /// Description of `call_end` (needs EndFunctionEnable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_function_desc: Option<String>,
    /// Give the model the `transfer_to_human` function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_function_enable: Option<bool>,
    /// Transfer-to-human targets (needs TransferFunctionEnable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_items: Option<Vec<AiTransferItem>>,
    /// Give the model a transfer-to-another-agent function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to_agent_enable: Option<bool>,
    /// Transfer-to-agent targets (needs TransferToAgentEnable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to_agent_items: Option<Vec<TransferToAgentItem>>,
    /// Seconds of callee silence before the AI prompts again (minimum and default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_duration: Option<i64>,
    /// What the AI says after NotifyDuration of silence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_message: Option<String>,
    /// How many times at most the AI prompts (default unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_max_count: Option<i64>,
    /// Your own TTS; excludes VoiceType. Object or string form in, string form on the wire.
    #[serde(
        default,
        rename = "CustomTTSConfig",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_tts_config: Option<CustomTtsConfig>,
    /// Prompt variables. Deprecated by Tencent in favour of `Variables`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_variables: Option<Vec<Variable>>,
    /// ASR end-of-speech silence in ms, 240–2000 (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vad_silence_time: Option<i64>,
    /// Post-call extraction items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extract_config: Option<Vec<AiCallExtractConfigElement>>,
    /// Model temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Prompt/greeting variables; special keys `welcome-message-delay`, `dify-inputs-*`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<Vec<Variable>>,
    /// Model top_p.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Far-field voice suppression 0–3 (default 0, 2 recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vad_level: Option<i64>,
    /// Filler words while the model thinks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone_word: Option<ToneWordInfo>,
    /// AI-disclosure tone at call start (default true). false means you accept the legal duty to
    /// label AI-generated content yourself (CN regulations cited by the doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_compliance_audio: Option<bool>,
    /// Detect voicemail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_voicemail_detection: Option<bool>,
    /// On voicemail (needs EnableVoicemailDetection): 0 hang up (default, the only documented value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_action: Option<i64>,
    /// Extra body fields for the LLM request; a JSON string on the wire.
    #[serde(
        default,
        rename = "LLMExtraBody",
        skip_serializing_if = "Option::is_none"
    )]
    pub llm_extra_body: Option<JsonObjectString>,
    /// Maximum call length in ms (default unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_call_duration_ms: Option<i64>,
    /// Ring timeout in seconds; own (BYO) numbers only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_ring_timeout_second: Option<i64>,
    /// Background ambience ([`AMBIENT_SOUND_TYPES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambient_sound_type: Option<String>,
    /// Ambience volume 0–2 (default 1); needs AmbientSoundType.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambient_sound_volume: Option<f64>,
    /// Seconds to queue when agent concurrency is exhausted, 0–5 (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquire_timeout_second: Option<i64>,
    /// Custom STT ("contact Tencent before use"). Opaque; treated as a secret because such configs
    /// carry provider credentials.
    #[serde(
        default,
        rename = "CustomSTTConfig",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_stt_config: Option<Secret>,
    /// Vendor fields callplane does not model yet, sent verbatim.
    #[serde(default, rename = "extra", skip_serializing)]
    pub extra: Extra,
}

/// `{Key, Value}` variable (`Variables`, `PromptVariables`).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Variable {
    /// Variable name.
    #[serde(default)]
    pub key: String,
    /// Variable value.
    #[serde(default)]
    pub value: String,
}

/// Transfer-to-human target (`AITransferItem`; all three fields required per the intl data types
/// page, https://www.tencentcloud.com/document/api/1229/59800).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct AiTransferItem {
    /// Function name the model calls.
    #[serde(default)]
    pub transfer_function_name: String,
    /// When the model should call it.
    #[serde(default)]
    pub transfer_function_desc: String,
    /// Skill group that takes the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_skill_group_id: Option<i64>,
}

/// Transfer-to-agent target (`TransferToAgentItem`, added 2025-08). Its required fields are not
/// published; callplane requires name and agent ID by analogy with [`AiTransferItem`].
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct TransferToAgentItem {
    /// Function name the model calls.
    #[serde(default)]
    pub transfer_to_agent_name: String,
    /// When the model should call it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to_agent_desc: Option<String>,
    /// Target AI agent ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_to_agent_id: Option<i64>,
}

/// Post-call extraction item (`AICallExtractConfigElement`).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct AiCallExtractConfigElement {
    /// Text | Selector | Boolean | Number.
    #[serde(default)]
    pub info_type: String,
    /// Unique name.
    #[serde(default)]
    pub info_name: String,
    /// What to extract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info_content: Option<String>,
    /// Example answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<String>>,
    /// Options; required for Selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
}

/// Filler words (`ToneWordInfo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ToneWordInfo {
    /// Seconds before the first filler word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_sentence_timeout: Option<f64>,
    /// Chinese filler words.
    #[serde(
        default,
        rename = "ZHToneWords",
        skip_serializing_if = "Option::is_none"
    )]
    pub zh_tone_words: Option<ZhToneWordsInfo>,
}

/// Chinese filler words by sentiment (`ZHToneWordsInfo`).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ZhToneWordsInfo {
    /// Neutral words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neutral: Option<Vec<String>>,
    /// Positive words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive: Option<Vec<String>>,
    /// Negative words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negative: Option<Vec<String>>,
}

/// CreateAICall output: `{"Response":{"SessionId","RequestId"}}` (RequestId lives in the envelope).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAICallOutput {
    /// The new call's session ID; the key for every lookup.
    #[serde(rename = "SessionId", default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

/// Wire names of every modelled CreateAICall field (for the `extra` shadowing rule).
pub const FIELDS: &[&str] = &[
    "SdkAppId",
    "Callee",
    "SystemPrompt",
    "LLMType",
    "Model",
    "APIKey",
    "APIUrl",
    "VoiceType",
    "Callers",
    "WelcomeMessage",
    "WelcomeType",
    "WelcomeMessagePriority",
    "MaxDuration",
    "Languages",
    "InterruptMode",
    "InterruptSpeechDuration",
    "EndFunctionEnable",
    "EndFunctionDesc",
    "TransferFunctionEnable",
    "TransferItems",
    "TransferToAgentEnable",
    "TransferToAgentItems",
    "NotifyDuration",
    "NotifyMessage",
    "NotifyMaxCount",
    "CustomTTSConfig",
    "PromptVariables",
    "VadSilenceTime",
    "ExtractConfig",
    "Temperature",
    "Variables",
    "TopP",
    "VadLevel",
    "ToneWord",
    "EnableComplianceAudio",
    "EnableVoicemailDetection",
    "VoicemailAction",
    "LLMExtraBody",
    "MaxCallDurationMs",
    "MaxRingTimeoutSecond",
    "AmbientSoundType",
    "AmbientSoundVolume",
    "AcquireTimeoutSecond",
    "CustomSTTConfig",
];

impl Operation for CreateAICall {
    const ACTION: &'static str = "CreateAICall";
    type Output = CreateAICallOutput;

    fn validate(&self, _ctx: &Context, report: &mut Report) {
        validate_create_ai_call(self, report);
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }

    /// Reads `CustomTTSConfig` on its own first, so a problem inside it is reported with its full
    /// path (`CustomTTSConfig.AppId`) even when it arrives in the vendor's string form.
    fn parse_and_validate(mut value: Value, _ctx: &Context) -> (Option<Self>, Report) {
        let at = Path::root().field("CustomTTSConfig");
        let mut tts_report = Report::new();
        let (tts, tts_present) = match value
            .as_object_mut()
            .and_then(|m| m.shift_remove("CustomTTSConfig"))
        {
            Some(Value::Null) | None => (None, false),
            Some(v) => (parse_custom_tts(v, &at, &mut tts_report), true),
        };
        let (parsed, mut report) = json::parse_and_validate::<CreateAICall>(value, |m, r| {
            validate::validate_with_tts(m, tts.as_ref(), tts_present, r)
        });
        let parsed = parsed.map(|mut m| {
            m.custom_tts_config = tts;
            m
        });
        // A field that was present with the wrong type is not also "required".
        let shadowed = |i: &crate::issue::Issue| {
            i.code == IssueCode::Required
                && tts_report.issues.iter().any(|t| {
                    t.path == i.path
                        && matches!(t.code, IssueCode::InvalidType | IssueCode::InvalidEnum)
                })
        };
        report.issues.retain(|i| !shadowed(i));
        tts_report.extend(report);
        (parsed, tts_report)
    }

    fn to_wire_body(&self) -> (Value, Report) {
        let (mut body, report) = crate::tencent::serialize_with_extra(self, &self.extra);
        if let Some(m) = body.as_object_mut() {
            m.insert("Callee".into(), Value::String(wire_number(&self.callee)));
            if let Some(callers) = &self.callers {
                let wire = callers
                    .iter()
                    .map(|c| Value::String(wire_number(c)))
                    .collect();
                m.insert("Callers".into(), Value::Array(wire));
            }
        }
        (body, report)
    }
}
