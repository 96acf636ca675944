//! `CreateAICall.CustomTTSConfig`: bring-your-own text-to-speech.
//!
//! On the wire it is a **JSON string** holding an object tagged by `TTSType`. The CreateAICall page
//! (seed 003; intl https://www.tencentcloud.com/document/product/1229/66755) documents five vendors,
//! each with its own fields; the same text is in the official SDK models
//! (TencentCloud/tencentcloud-sdk-dotnet `Ccc/V20200210/Models/CreateAICallRequest.cs`). callplane
//! models it as a typed enum, accepts the object or the vendor's string form from users, and always
//! sends the string form.
//!
//! Fractional knobs (Speed, Volume, Rate) are kept as the JSON number the user wrote: the doc types
//! Tencent's Volume as Integer but Speed as "Integer" with an example of 1.25, so rewriting `5` as
//! `5.0` (or the reverse) could break the vendor's decoder. What the user sends is what Tencent gets.
//!
//! The doc's own comment says `"minixmax"`; that is a typo: its Minimax example uses `"minimax"`.

mod validate;

pub use validate::{parse_custom_tts, validate_custom_tts};

use crate::secret::Secret;
use crate::tencent::json_string::object_from_value;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

/// The five documented `TTSType` values, in the doc's order.
pub const TTS_TYPES: &[&str] = &["tencent", "minimax", "volcengine", "azure", "custom"];

/// A custom TTS configuration, one variant per documented `TTSType`.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomTtsConfig {
    /// `"TTSType": "tencent"`: Tencent Cloud TTS.
    Tencent(TencentTts),
    /// `"TTSType": "minimax"`: Minimax T2A v2.
    Minimax(MinimaxTts),
    /// `"TTSType": "volcengine"`: Volcano Engine TTS.
    Volcengine(VolcengineTts),
    /// `"TTSType": "azure"`: Azure Speech.
    Azure(AzureTts),
    /// `"TTSType": "custom"`: your own TTS server speaking Tencent's streaming protocol.
    Custom(CustomTts),
}

/// Tencent Cloud TTS. Required: AppId, SecretId, SecretKey, VoiceType.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct TencentTts {
    /// Tencent Cloud application ID. The doc types it String; a number is accepted and sent as its
    /// decimal string, because console AppIds are numeric and users write them unquoted.
    #[serde(default, deserialize_with = "string_or_integer")]
    pub app_id: String,
    /// API SecretId (an identifier, not a secret).
    #[serde(default)]
    pub secret_id: String,
    /// API SecretKey.
    #[serde(default)]
    pub secret_key: Secret,
    /// Voice ID (Integer, e.g. 101001), from the TTS voice list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_type: Option<i64>,
    /// Speed in [-2, 6]: -2 = 0.6x, 0 = 1.0x (default), 6 = 2.5x; two decimals allowed (1.25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Number>,
    /// Volume in [0, 10]; 0 (default) is normal volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Number>,
    /// 1 Chinese (default), 2 English, 3 Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_language: Option<i64>,
    /// Fast voice-cloning (VRS) voice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_voice_type: Option<String>,
}

/// Minimax T2A v2. The doc marks nothing required; callplane requires the credentials (APIKey,
/// GroupId), without which no Minimax request can authenticate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct MinimaxTts {
    /// e.g. `speech-01-turbo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// e.g. `https://api.minimax.chat/v1/t2a_v2`.
    #[serde(default, rename = "APIUrl", skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// Minimax API key.
    #[serde(default, rename = "APIKey")]
    pub api_key: Secret,
    /// Minimax GroupId.
    #[serde(default, deserialize_with = "string_or_integer")]
    pub group_id: String,
    /// e.g. `female-tianmei-yujie`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_type: Option<String>,
    /// Playback speed, e.g. 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Number>,
}

/// Volcano Engine TTS. Required: AppId, Token.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct VolcengineTts {
    /// Volcano Engine AppId (String; a number is accepted and sent as its decimal string).
    #[serde(default, deserialize_with = "string_or_integer")]
    pub app_id: String,
    /// Volcano Engine access token.
    #[serde(default)]
    pub token: Secret,
    /// Default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Number>,
    /// Default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Number>,
    /// Business cluster, default `volcano_tts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Voice, default a large-model voice; a wrong voice plays silence (per the doc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_type: Option<String>,
}

/// Azure Speech. Required: SubscriptionKey, Region, VoiceName, Language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct AzureTts {
    /// Azure subscription key.
    #[serde(default)]
    pub subscription_key: Secret,
    /// e.g. `chinanorth3`.
    #[serde(default)]
    pub region: String,
    /// e.g. `zh-CN-XiaoxiaoNeural`.
    #[serde(default)]
    pub voice_name: String,
    /// e.g. `zh-CN`.
    #[serde(default)]
    pub language: String,
    /// Speed 0.5–2, default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Number>,
}

/// Your own TTS server. Required: APIKey, APIUrl.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct CustomTts {
    /// Sent to your server for authentication.
    #[serde(default, rename = "APIKey")]
    pub api_key: Secret,
    /// Your server, e.g. `http://0.0.0.0:8080/stream-audio`.
    #[serde(default, rename = "APIUrl")]
    pub api_url: String,
    /// `pcm` or `wav` (default wav; the doc names mp3 and ogg_opus but supports only these two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_format: Option<String>,
    /// Sample rate in Hz, default and recommended 16000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<i64>,
    /// 1 or 2, default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_channel: Option<i64>,
}

impl CustomTtsConfig {
    /// The `TTSType` tag.
    pub fn tts_type(&self) -> &'static str {
        match self {
            CustomTtsConfig::Tencent(_) => "tencent",
            CustomTtsConfig::Minimax(_) => "minimax",
            CustomTtsConfig::Volcengine(_) => "volcengine",
            CustomTtsConfig::Azure(_) => "azure",
            CustomTtsConfig::Custom(_) => "custom",
        }
    }

    /// The object form, `TTSType` first (secrets included: this is wire data).
    pub fn to_object(&self) -> Map<String, Value> {
        let fields = match self {
            CustomTtsConfig::Tencent(v) => serde_json::to_value(v),
            CustomTtsConfig::Minimax(v) => serde_json::to_value(v),
            CustomTtsConfig::Volcengine(v) => serde_json::to_value(v),
            CustomTtsConfig::Azure(v) => serde_json::to_value(v),
            CustomTtsConfig::Custom(v) => serde_json::to_value(v),
        };
        let mut out = Map::new();
        out.insert("TTSType".into(), Value::String(self.tts_type().into()));
        // Plain structs of strings and numbers always serialize; an Err here is unreachable, and
        // would only drop the variant's fields (the tag stays), never panic.
        if let Ok(Value::Object(m)) = fields {
            out.extend(m);
        }
        out
    }

    /// The string the vendor receives in `CustomTTSConfig`.
    pub fn to_wire_string(&self) -> String {
        Value::Object(self.to_object()).to_string()
    }

    /// Read the object form (with `TTSType`). Errors are coarse (one message); use
    /// [`parse_custom_tts`] to get every problem with its field path.
    pub fn from_object(mut m: Map<String, Value>) -> Result<Self, String> {
        let tag = match m.shift_remove("TTSType") {
            Some(Value::String(s)) => s,
            Some(other) => {
                return Err(format!(
                    "TTSType must be a string, got {}",
                    crate::json::kind_name(&other)
                ));
            }
            None => {
                return Err(format!(
                    "TTSType is required (one of {})",
                    TTS_TYPES.join(", ")
                ));
            }
        };
        let v = Value::Object(m);
        let r = match tag.as_str() {
            "tencent" => read_variant(&v).map(CustomTtsConfig::Tencent),
            "minimax" => read_variant(&v).map(CustomTtsConfig::Minimax),
            "volcengine" => read_variant(&v).map(CustomTtsConfig::Volcengine),
            "azure" => read_variant(&v).map(CustomTtsConfig::Azure),
            "custom" => read_variant(&v).map(CustomTtsConfig::Custom),
            _ => return Err(validate::unknown_type_message(&tag)),
        };
        r.map_err(|e| format!("TTSType {tag}: {e}"))
    }
}

/// One variant's fields, read by `json::track` (the reader every other model uses) rather than
/// `serde_json::from_value`, which instantiated the five readers a second time in the wasm module.
/// Same value and same message: `track`'s errors are `serde_json`'s (`tests.rs` compares both).
fn read_variant<'a, T: Deserialize<'a>>(v: &'a Value) -> Result<T, String> {
    crate::json::track::from_value(v).map_err(|e| e.inner().to_string())
}

impl Serialize for CustomTtsConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire_string())
    }
}

impl<'de> Deserialize<'de> for CustomTtsConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = object_from_value(Value::deserialize(d)?).map_err(D::Error::custom)?;
        CustomTtsConfig::from_object(m).map_err(D::Error::custom)
    }
}

crate::read_json_via_serde!(CustomTtsConfig);

/// A string field the vendor documents as String that users commonly write as a number.
fn string_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        other => Err(D::Error::custom(format!(
            "invalid type: {}, expected a string",
            crate::json::kind_name(&other)
        ))),
    }
}

#[cfg(test)]
mod tests;
