//! The CreateAICall validator: every documented rule, all problems at once. Each rule cites its
//! source; "decided" marks a severity callplane chose where the doc is silent.

use super::options::{AMBIENT_SOUND_TYPES, LANGUAGES, LlmType, MAX_LANGUAGES, VOICE_TYPES};
use super::{CreateAICall, FIELDS};
use crate::issue::{IssueCode, Path, Report};
use crate::tencent::checks::{self, float_range, int_enum, int_range, required_str, suggest};
use crate::tencent::tts::{CustomTtsConfig, validate_custom_tts};
use std::collections::HashSet;

/// Validate a typed CreateAICall. (JSON input goes through
/// [`crate::tencent::Operation::parse_and_validate`], which also reports type errors.)
#[inline(never)]
pub fn validate_create_ai_call(m: &CreateAICall, r: &mut Report) {
    validate_with_tts(
        m,
        m.custom_tts_config.as_ref(),
        m.custom_tts_config.is_some(),
        r,
    );
}

/// `tts_present` is true when the input had a CustomTTSConfig, even one that could not be read
/// (its problems are reported by the reader), so the VoiceType conflict is still caught.
pub(super) fn validate_with_tts(
    m: &CreateAICall,
    tts: Option<&CustomTtsConfig>,
    tts_present: bool,
    r: &mut Report,
) {
    let root = Path::root();
    checks::sdk_app_id(m.sdk_app_id, &root, r);
    if required_str(
        &m.callee,
        root.field("Callee"),
        "Callee (the number to call)",
        r,
    ) {
        checks::phone_number(&m.callee, root.field("Callee"), r);
    }
    required_str(
        &m.system_prompt,
        root.field("SystemPrompt"),
        "SystemPrompt",
        r,
    );
    if m.llm_type.is_none() {
        r.error(
            IssueCode::Required,
            root.field("LLMType"),
            "LLMType is required: one of openai, azure, minimax, dify",
        );
    }
    required_str(&m.model, root.field("Model"), "Model (e.g. gpt-4o-mini)", r);
    required_str(
        m.api_key.expose(),
        root.field("APIKey"),
        "APIKey (the model API key)",
        r,
    );
    api_url(m, r);
    voice(m, tts_present, r);
    callers(m, r);
    welcome(m, r);
    timing(m, r);
    languages(m, r);
    super::validate_lists::functions(m, r);
    if let Some(cfg) = tts {
        validate_custom_tts(cfg, &root.field("CustomTTSConfig"), r);
    }
    super::validate_lists::variables(m, r);
    super::validate_lists::extract_config(m.extract_config.as_deref(), r);
    model_knobs(m, r);
    call_behaviour(m, r);
    checks::extra_keys(&m.extra, FIELDS, r);
}

fn api_url(m: &CreateAICall, r: &mut Report) {
    let p = Path::root().field("APIUrl");
    if !required_str(&m.api_url, p.clone(), "APIUrl (the model endpoint)", r) {
        return;
    }
    let Some(url) = checks::http_url(&m.api_url, p.clone(), true, r) else {
        return;
    };
    // Seed: Azure protocol "https://{your-resource-name}.openai.azure.com?api-version={api-version}";
    // Azure OpenAI refuses requests without api-version.
    if m.llm_type == Some(LlmType::Azure)
        && url.query_param("api-version").is_none_or(str::is_empty)
    {
        r.error(
            IssueCode::InvalidUrl,
            p,
            "LLMType azure needs the api-version query parameter (https://<resource>.openai.azure.com?api-version=2024-06-01)",
        );
    }
}

fn voice(m: &CreateAICall, tts_present: bool, r: &mut Report) {
    // The doc says to "leave VoiceType blank" when using CustomTTSConfig, so "" counts as unset.
    let Some(v) = m.voice_type.as_deref().filter(|v| !v.is_empty()) else {
        return;
    };
    let p = Path::root().field("VoiceType");
    if tts_present {
        r.error(
            IssueCode::Conflict,
            p.clone(),
            "VoiceType and CustomTTSConfig exclude each other; leave VoiceType blank to use your own TTS",
        );
    }
    // Decided: error. The doc lists the built-in voices and sends every other voice to
    // CustomTTSConfig, so an unlisted name is not a supported use of this field.
    if !VOICE_TYPES.iter().any(|(name, _)| *name == v) {
        let names: Vec<&str> = VOICE_TYPES.iter().map(|(n, _)| *n).collect();
        let hint = suggest(v, &names)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        r.error(
            IssueCode::InvalidEnum,
            p,
            format!(
                "`{v}` is not a built-in voice{hint}; use one of {} or configure CustomTTSConfig",
                names.join(", ")
            ),
        );
    }
}

fn callers(m: &CreateAICall, r: &mut Report) {
    let Some(list) = &m.callers else { return };
    let p = Path::root().field("Callers");
    let mut seen = HashSet::new();
    for (i, c) in list.iter().enumerate() {
        if c.trim().is_empty() {
            r.error(IssueCode::Required, p.index(i), "empty calling number");
            continue;
        }
        if let Some(n) = checks::phone_number(c, p.index(i), r)
            && !seen.insert(n.e164().to_owned())
        {
            r.warning(
                IssueCode::Duplicate,
                p.index(i),
                format!("{} is listed twice", n.e164()),
            );
        }
    }
}

fn welcome(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    int_enum(
        m.welcome_type,
        root.field("WelcomeType"),
        &[(0, "use WelcomeMessage"), (1, "AI-generated greeting")],
        r,
    );
    if m.welcome_type == Some(1) && m.welcome_message.as_deref().is_some_and(|w| !w.is_empty()) {
        r.warning(
            IssueCode::Ignored,
            root.field("WelcomeMessage"),
            "WelcomeType 1 makes the AI write its own greeting; WelcomeMessage is not used",
        );
    }
    // SDK models 2025: "0: 默认可打断， 2：高优先不可打断"; the 2024 text said 1 for high priority.
    let p = root.field("WelcomeMessagePriority");
    match m.welcome_message_priority {
        None | Some(0) | Some(2) => {}
        Some(1) => r.warning(
            IssueCode::OutOfRange,
            p,
            "documented values are 0 (interruptible) and 2 (high priority, not interruptible); 1 was the older docs' value",
        ),
        Some(n) => r.error(
            IssueCode::InvalidEnum,
            p,
            format!("must be 0 (interruptible) or 2 (high priority, not interruptible), got {n}"),
        ),
    }
}

/// Millisecond fields where a small value is almost surely seconds typed by mistake.
fn millis(v: Option<i64>, p: Path, what: &str, r: &mut Report) {
    match v {
        Some(n) if n <= 0 => r.error(
            IssueCode::OutOfRange,
            p,
            format!("{what} must be positive milliseconds, got {n}"),
        ),
        Some(n) if n < 1000 => r.warning(
            IssueCode::OutOfRange,
            p,
            format!(
                "{what} is in milliseconds; {n} is {} s. Did you mean {} ms?",
                n as f64 / 1000.0,
                n * 1000
            ),
        ),
        _ => {}
    }
}

fn timing(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    millis(
        m.max_duration,
        root.field("MaxDuration"),
        "MaxDuration (callee silence before hang-up)",
        r,
    );
    millis(
        m.max_call_duration_ms,
        root.field("MaxCallDurationMs"),
        "MaxCallDurationMs",
        r,
    );
    // Seed: "minimum 10 seconds".
    if let Some(n) = m.notify_duration
        && n < 10
    {
        r.error(
            IssueCode::OutOfRange,
            root.field("NotifyDuration"),
            format!("must be at least 10 seconds, got {n}"),
        );
    }
    if let Some(n) = m.notify_max_count
        && n < 0
    {
        r.error(
            IssueCode::OutOfRange,
            root.field("NotifyMaxCount"),
            format!("must not be negative, got {n}"),
        );
    }
    // SDK models: "范围为240-2000，默认为1000，单位为ms".
    int_range(
        m.vad_silence_time,
        root.field("VadSilenceTime"),
        240,
        2000,
        " ms",
        r,
    );
    int_range(m.vad_level, root.field("VadLevel"), 0, 3, "", r);
    // SDK models: "取值范围：[0, 5]".
    int_range(
        m.acquire_timeout_second,
        root.field("AcquireTimeoutSecond"),
        0,
        5,
        " s",
        r,
    );
    if let Some(n) = m.max_ring_timeout_second
        && n <= 0
    {
        r.error(
            IssueCode::OutOfRange,
            root.field("MaxRingTimeoutSecond"),
            format!("must be positive seconds, got {n}"),
        );
    }
    int_enum(
        m.interrupt_mode,
        root.field("InterruptMode"),
        &[
            (0, "server interrupts the AI"),
            (1, "server does not interrupt"),
        ],
        r,
    );
    let p = root.field("InterruptSpeechDuration");
    match m.interrupt_speech_duration {
        Some(n) if n <= 0 => r.error(
            IssueCode::OutOfRange,
            p,
            format!("must be positive milliseconds, got {n}"),
        ),
        Some(_) if m.interrupt_mode == Some(1) => r.warning(
            IssueCode::Ignored,
            p,
            "only used with InterruptMode 0; InterruptMode 1 never interrupts",
        ),
        _ => {}
    }
}

fn languages(m: &CreateAICall, r: &mut Report) {
    let Some(list) = &m.languages else { return };
    let p = Path::root().field("Languages");
    if list.len() > MAX_LANGUAGES {
        r.error(
            IssueCode::TooMany,
            p.clone(),
            format!("at most {MAX_LANGUAGES} languages, got {}", list.len()),
        );
    }
    let codes: Vec<&str> = LANGUAGES.iter().map(|(c, _)| *c).collect();
    let mut seen = HashSet::new();
    for (i, lang) in list.iter().enumerate() {
        if !codes.contains(&lang.as_str()) {
            let hint = suggest(lang, &codes)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            r.error(
                IssueCode::UnknownLanguage,
                p.index(i),
                format!(
                    "`{lang}` is not a supported ASR language{hint}; supported: {}",
                    codes.join(", ")
                ),
            );
        } else if !seen.insert(lang.as_str()) {
            r.error(
                IssueCode::Duplicate,
                p.index(i),
                format!("`{lang}` is listed twice"),
            );
        }
    }
    // Seed: "When the primary language is a Chinese dialect, optional languages are invalid."
    // Decided: warning. The request is accepted; the extra languages just have no effect.
    if list.first().is_some_and(|l| l == "zh-dialect") {
        for i in 1..list.len() {
            r.warning(
                IssueCode::Ignored,
                p.index(i),
                "ignored: with zh-dialect as the primary language, optional languages have no effect",
            );
        }
    }
}

fn model_knobs(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    // The doc gives no ranges. Negative temperature is meaningless for every protocol (error);
    // OpenAI-compatible APIs cap it at 2 (warning: other protocols may differ).
    if let Some(t) = m.temperature {
        if !t.is_finite() || t < 0.0 {
            r.error(
                IssueCode::OutOfRange,
                root.field("Temperature"),
                format!("must be 0 or more, got {t}"),
            );
        } else if t > 2.0 {
            r.warning(
                IssueCode::OutOfRange,
                root.field("Temperature"),
                format!("OpenAI-compatible models accept 0–2, got {t}"),
            );
        }
    }
    float_range(m.top_p, root.field("TopP"), 0.0, 1.0, r);
    if let Some(tw) = &m.tone_word
        && let Some(t) = tw.first_sentence_timeout
        && (!t.is_finite() || t <= 0.0)
    {
        r.error(
            IssueCode::OutOfRange,
            root.field("ToneWord").field("FirstSentenceTimeout"),
            format!("must be positive seconds, got {t}"),
        );
    }
}

fn call_behaviour(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    let p = root.field("VoicemailAction");
    if let Some(a) = m.voicemail_action {
        if m.enable_voicemail_detection != Some(true) {
            r.warning(
                IssueCode::Ignored,
                p.clone(),
                "only used when EnableVoicemailDetection is true",
            );
        }
        // Only "0: 挂断电话（默认）" is documented; Tencent may add actions, so other values warn.
        if a != 0 {
            r.warning(
                IssueCode::InvalidEnum,
                p,
                format!("the only documented action is 0 (hang up), got {a}"),
            );
        }
    }
    if let Some(t) = m.ambient_sound_type.as_deref() {
        // Decided: error, as for VoiceType: the doc lists the scenes, nothing else plays.
        if !AMBIENT_SOUND_TYPES.contains(&t) {
            let hint = suggest(t, AMBIENT_SOUND_TYPES)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            r.error(
                IssueCode::InvalidEnum,
                root.field("AmbientSoundType"),
                format!(
                    "must be one of {}, got `{t}`{hint}",
                    AMBIENT_SOUND_TYPES.join(", ")
                ),
            );
        }
    }
    float_range(
        m.ambient_sound_volume,
        root.field("AmbientSoundVolume"),
        0.0,
        2.0,
        r,
    );
    if m.ambient_sound_volume.is_some() && m.ambient_sound_type.as_deref().is_none_or(str::is_empty)
    {
        r.warning(
            IssueCode::Ignored,
            root.field("AmbientSoundVolume"),
            "only used with AmbientSoundType (\"如果AmbientSoundType 为空，该字段不填\")",
        );
    }
}
