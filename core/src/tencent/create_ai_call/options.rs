//! The documented value sets of CreateAICall (seed 003 = intl doc 1229/66755; the same text in
//! TencentCloud/tencentcloud-sdk-dotnet `Ccc/V20200210/Models/CreateAICallRequest.cs`, 2025).

use serde::{Deserialize, Serialize};

/// `LLMType`: the model API protocol Tencent speaks to `APIUrl`.
///
/// The seed (intl page, 2024-12) lists openai, azure and minimax. The current official SDK models
/// and tccli `api.json` add `dify` ("Dify协议: dify", with `dify-inputs-*` Variables), so callplane
/// accepts all four: the newer vendor source wins over the older page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::read::ReadJson,
)]
pub enum LlmType {
    /// OpenAI protocol, also GPT, Hunyuan, DeepSeek.
    #[serde(rename = "openai")]
    OpenAi,
    /// Azure OpenAI; `APIUrl` carries `?api-version=`.
    #[serde(rename = "azure")]
    Azure,
    /// Minimax protocol.
    #[serde(rename = "minimax")]
    Minimax,
    /// Dify application API.
    #[serde(rename = "dify")]
    Dify,
}

impl LlmType {
    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            LlmType::OpenAi => "openai",
            LlmType::Azure => "azure",
            LlmType::Minimax => "minimax",
            LlmType::Dify => "dify",
        }
    }
}

/// Built-in `VoiceType` values, with the doc's description. Any other voice goes in
/// `CustomTTSConfig` ("If you wish to customize the voice type, please leave VoiceType blank").
pub const VOICE_TYPES: &[(&str, &str)] = &[
    ("ZhiMei", "Chinese, customer-service female voice"),
    ("ZhiXi", "Chinese, general female voice"),
    ("ZhiQi", "Chinese, customer-service female voice"),
    ("ZhiTian", "Chinese, female child voice"),
    ("AiXiaoJing", "Chinese, dialogue female voice"),
    ("WeRose", "English female voice"),
    ("Monika", "English female voice"),
    ("Nanami", "Japanese"),
    ("SunHi", "Korean"),
    ("Gadis", "Indonesian (Indonesia)"),
    ("Yasmin", "Malay (Malaysia)"),
    ("Kani", "Tamil (Malaysia)"),
    ("Achara", "Thai (Thailand)"),
    ("HoaiMy", "Vietnamese (Vietnam)"),
];

/// ASR `Languages` values (ISO 639 style), in the doc's order.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("zh", "Chinese"),
    ("zh-TW", "Chinese (Taiwan, China)"),
    ("zh-dialect", "Chinese dialect"),
    ("en", "English"),
    ("vi", "Vietnamese"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("id", "Indonesian"),
    ("th", "Thai"),
    ("pt", "Portuguese"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
    ("es", "Spanish"),
    ("hi", "Hindi"),
    ("fr", "French"),
    ("ms", "Malay"),
    ("fil", "Filipino"),
    ("de", "German"),
    ("it", "Italian"),
    ("ru", "Russian"),
];

/// At most this many `Languages` ("Fill in the array with up to 4 languages").
pub const MAX_LANGUAGES: usize = 4;

/// `AmbientSoundType` values (SDK models, 2025): coffee_shops (chatter in the background),
/// busy_office (contact centre).
pub const AMBIENT_SOUND_TYPES: &[&str] = &["coffee_shops", "busy_office"];

/// `ExtractConfig[].InfoType` values.
pub const EXTRACT_INFO_TYPES: &[&str] = &["Text", "Selector", "Boolean", "Number"];

/// The `Variables` key that delays the welcome message, in whole seconds.
pub const WELCOME_DELAY_VARIABLE: &str = "welcome-message-delay";

/// `Variables` keys with this prefix feed a Dify app (`dify-inputs-xxx`, `-user`,
/// `-conversation_id`); they mean nothing to other LLM types.
pub const DIFY_VARIABLE_PREFIX: &str = "dify-inputs-";
