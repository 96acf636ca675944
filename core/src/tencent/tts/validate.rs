//! Reading `CustomTTSConfig` with a field path for every problem, and the per-variant rules.

use super::{
    AzureTts, CustomTts, CustomTtsConfig, MinimaxTts, TTS_TYPES, TencentTts, VolcengineTts,
};
use crate::issue::{IssueCode, Path, Report};
use crate::json;
use crate::tencent::checks::{self, float_range, int_range, nest, required_str};
use crate::tencent::json_string::object_from_value;
use serde_json::{Map, Number, Value};

pub(super) fn unknown_type_message(tag: &str) -> String {
    let hint = if tag == "minixmax" {
        " (the doc's comment misspells Minimax; the tag is `minimax`)".to_owned()
    } else if let Some(s) = checks::suggest(tag, TTS_TYPES) {
        format!(" (did you mean `{s}`? tags are lower-case)")
    } else {
        String::new()
    };
    format!(
        "unknown TTSType `{tag}`; expected one of {}{hint}",
        TTS_TYPES.join(", ")
    )
}

/// Read `value` (object or string form) into a typed config, reporting every type error, unknown
/// field and tag problem under `at` (`CustomTTSConfig.AppId`). Returns `None` when the variant
/// cannot be determined or the object cannot be read at all.
pub fn parse_custom_tts(value: Value, at: &Path, r: &mut Report) -> Option<CustomTtsConfig> {
    let mut m = match object_from_value(value) {
        Ok(m) => m,
        Err(msg) => {
            let code = if msg.contains("not valid JSON") {
                IssueCode::InvalidFormat
            } else {
                IssueCode::InvalidType
            };
            r.error(code, at.clone(), msg);
            return None;
        }
    };
    let tag_path = at.field("TTSType");
    let tag = match m.shift_remove("TTSType") {
        Some(Value::String(s)) => s,
        Some(other) => {
            r.error(
                IssueCode::InvalidType,
                tag_path,
                format!(
                    "expected a string (one of {}), got {}",
                    TTS_TYPES.join(", "),
                    json::kind_name(&other)
                ),
            );
            return None;
        }
        None => {
            r.error(
                IssueCode::Required,
                tag_path,
                format!("TTSType is required: one of {}", TTS_TYPES.join(", ")),
            );
            return None;
        }
    };
    match tag.as_str() {
        "tencent" => read(m, at, r).map(CustomTtsConfig::Tencent),
        "minimax" => read(m, at, r).map(CustomTtsConfig::Minimax),
        "volcengine" => read(m, at, r).map(CustomTtsConfig::Volcengine),
        "azure" => read(m, at, r).map(CustomTtsConfig::Azure),
        "custom" => read(m, at, r).map(CustomTtsConfig::Custom),
        _ => {
            r.error(IssueCode::InvalidEnum, tag_path, unknown_type_message(&tag));
            None
        }
    }
}

fn num(n: &Option<Number>) -> Option<f64> {
    n.as_ref().and_then(Number::as_f64)
}

fn read<T: json::read::ReadJson>(m: Map<String, Value>, at: &Path, r: &mut Report) -> Option<T> {
    let mut sub = Report::new();
    let out = json::from_value_collect::<T>(Value::Object(m), &mut sub);
    nest(sub, at, r);
    out
}

/// Every documented rule of the config's variant, with paths under `at`.
pub fn validate_custom_tts(cfg: &CustomTtsConfig, at: &Path, r: &mut Report) {
    match cfg {
        CustomTtsConfig::Tencent(v) => tencent(v, at, r),
        CustomTtsConfig::Minimax(v) => minimax(v, at, r),
        CustomTtsConfig::Volcengine(v) => volcengine(v, at, r),
        CustomTtsConfig::Azure(v) => azure(v, at, r),
        CustomTtsConfig::Custom(v) => custom(v, at, r),
    }
}

fn tencent(v: &TencentTts, at: &Path, r: &mut Report) {
    required_str(&v.app_id, at.field("AppId"), "AppId", r);
    required_str(&v.secret_id, at.field("SecretId"), "SecretId", r);
    required_str(v.secret_key.expose(), at.field("SecretKey"), "SecretKey", r);
    match v.voice_type {
        None => r.error(
            IssueCode::Required,
            at.field("VoiceType"),
            "VoiceType is required: an integer voice ID from the Tencent TTS voice list (e.g. 101001)",
        ),
        Some(n) if n <= 0 => r.error(
            IssueCode::OutOfRange,
            at.field("VoiceType"),
            format!("must be a positive voice ID, got {n}"),
        ),
        Some(_) => {}
    }
    float_range(num(&v.speed), at.field("Speed"), -2.0, 6.0, r);
    float_range(num(&v.volume), at.field("Volume"), 0.0, 10.0, r);
    checks::int_enum(
        v.primary_language,
        at.field("PrimaryLanguage"),
        &[(1, "Chinese"), (2, "English"), (3, "Japanese")],
        r,
    );
}

fn minimax(v: &MinimaxTts, at: &Path, r: &mut Report) {
    required_str(v.api_key.expose(), at.field("APIKey"), "APIKey", r);
    required_str(&v.group_id, at.field("GroupId"), "GroupId", r);
    if let Some(u) = &v.api_url {
        checks::http_url(u, at.field("APIUrl"), true, r);
    }
    if let Some(s) = num(&v.speed)
        && s <= 0.0
    {
        r.error(
            IssueCode::OutOfRange,
            at.field("Speed"),
            format!("must be positive, got {s}"),
        );
    }
}

fn volcengine(v: &VolcengineTts, at: &Path, r: &mut Report) {
    required_str(&v.app_id, at.field("AppId"), "AppId", r);
    required_str(v.token.expose(), at.field("Token"), "Token", r);
    for (name, x) in [("Speed", num(&v.speed)), ("Volume", num(&v.volume))] {
        if let Some(x) = x
            && x <= 0.0
        {
            r.error(
                IssueCode::OutOfRange,
                at.field(name),
                format!("must be positive (default 1.0), got {x}"),
            );
        }
    }
}

fn azure(v: &AzureTts, at: &Path, r: &mut Report) {
    required_str(
        v.subscription_key.expose(),
        at.field("SubscriptionKey"),
        "SubscriptionKey",
        r,
    );
    required_str(&v.region, at.field("Region"), "Region", r);
    required_str(&v.voice_name, at.field("VoiceName"), "VoiceName", r);
    required_str(&v.language, at.field("Language"), "Language", r);
    float_range(num(&v.rate), at.field("Rate"), 0.5, 2.0, r);
}

fn custom(v: &CustomTts, at: &Path, r: &mut Report) {
    required_str(v.api_key.expose(), at.field("APIKey"), "APIKey", r);
    if required_str(&v.api_url, at.field("APIUrl"), "APIUrl", r) {
        checks::http_url(&v.api_url, at.field("APIUrl"), true, r);
    }
    if let Some(f) = &v.audio_format
        && f != "pcm"
        && f != "wav"
    {
        // The doc lists mp3 and ogg_opus as formats in general, then: "currently only pcm and
        // wav are supported".
        r.error(
            IssueCode::InvalidEnum,
            at.field("AudioFormat"),
            format!("must be `pcm` or `wav` (the only formats Tencent supports today), got `{f}`"),
        );
    }
    if let Some(n) = v.sample_rate
        && n <= 0
    {
        r.error(
            IssueCode::OutOfRange,
            at.field("SampleRate"),
            format!("must be a positive rate in Hz (16000 recommended), got {n}"),
        );
    }
    int_range(v.audio_channel, at.field("AudioChannel"), 1, 2, "", r);
}
