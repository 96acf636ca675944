//! CreateAICall rule rows for the scalar parameters.

use super::Row;
use super::TENCENT_TTS;
use serde_json::json;

/// Required fields, URL, voice, numbers, greeting, timing, languages.
pub(super) fn rows() -> Vec<Row> {
    vec![
        // --- required (seed "Yes" column)
        (
            "SdkAppId missing",
            json!({"SdkAppId": null}),
            vec![("SdkAppId", "required", 'E')],
        ),
        (
            "SdkAppId zero",
            json!({"SdkAppId": 0}),
            vec![("SdkAppId", "out_of_range", 'E')],
        ),
        (
            "SdkAppId wrong type is not also required",
            json!({"SdkAppId": "1400000000"}),
            vec![("SdkAppId", "invalid_type", 'E')],
        ),
        (
            "Callee missing",
            json!({"Callee": null}),
            vec![("Callee", "required", 'E')],
        ),
        (
            "Callee blank",
            json!({"Callee": "  "}),
            vec![("Callee", "required", 'E')],
        ),
        (
            "SystemPrompt missing",
            json!({"SystemPrompt": null}),
            vec![("SystemPrompt", "required", 'E')],
        ),
        (
            "LLMType missing",
            json!({"LLMType": null}),
            vec![("LLMType", "required", 'E')],
        ),
        (
            "LLMType unknown",
            json!({"LLMType": "gemini"}),
            vec![("LLMType", "invalid_enum", 'E')],
        ),
        (
            "LLMType dify accepted (SDK 2025)",
            json!({"LLMType": "dify"}),
            vec![],
        ),
        (
            "LLMType minimax accepted",
            json!({"LLMType": "minimax"}),
            vec![],
        ),
        (
            "Model missing",
            json!({"Model": null}),
            vec![("Model", "required", 'E')],
        ),
        (
            "APIKey missing",
            json!({"APIKey": null}),
            vec![("APIKey", "required", 'E')],
        ),
        (
            "APIKey empty",
            json!({"APIKey": ""}),
            vec![("APIKey", "required", 'E')],
        ),
        (
            "APIUrl missing",
            json!({"APIUrl": null}),
            vec![("APIUrl", "required", 'E')],
        ),
        // --- APIUrl
        (
            "APIUrl relative",
            json!({"APIUrl": "api.openai.com/v1"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "APIUrl plain http",
            json!({"APIUrl": "http://llm.example.com/v1"}),
            vec![("APIUrl", "not_https", 'W')],
        ),
        (
            "APIUrl loopback",
            json!({"APIUrl": "https://127.0.0.1/v1"}),
            vec![("APIUrl", "invalid_url", 'W')],
        ),
        (
            "azure without api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "azure with empty api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com?api-version="}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        (
            "azure with api-version",
            json!({"LLMType": "azure", "APIUrl": "https://r.openai.azure.com?api-version=2024-06-01"}),
            vec![],
        ),
        (
            "azure doc placeholder",
            json!({"LLMType": "azure", "APIUrl": "https://{your-resource-name}.openai.azure.com?api-version={api-version}"}),
            vec![("APIUrl", "invalid_url", 'E')],
        ),
        // --- voice
        ("VoiceType built-in", json!({"VoiceType": "ZhiXi"}), vec![]),
        (
            "VoiceType wrong case",
            json!({"VoiceType": "zhixi"}),
            vec![("VoiceType", "invalid_enum", 'E')],
        ),
        (
            "VoiceType unknown",
            json!({"VoiceType": "Alloy"}),
            vec![("VoiceType", "invalid_enum", 'E')],
        ),
        (
            "VoiceType and CustomTTSConfig",
            json!({"VoiceType": "ZhiXi", "CustomTTSConfig": TENCENT_TTS}),
            vec![("VoiceType", "conflict", 'E')],
        ),
        (
            "blank VoiceType with CustomTTSConfig",
            json!({"VoiceType": "", "CustomTTSConfig": TENCENT_TTS}),
            vec![],
        ),
        (
            "conflict even when the TTS config is broken",
            json!({"VoiceType": "ZhiXi", "CustomTTSConfig": "{\"TTSType\":\"x\"}"}),
            vec![
                ("VoiceType", "conflict", 'E'),
                ("CustomTTSConfig.TTSType", "invalid_enum", 'E'),
            ],
        ),
        // --- Callers
        (
            "Callers valid",
            json!({"Callers": ["+8613800138000", "008601012341234"]}),
            vec![],
        ),
        (
            "Callers duplicate",
            json!({"Callers": ["+8613800138000", "008613800138000"]}),
            vec![("Callers[1]", "duplicate", 'W')],
        ),
        (
            "Callers empty entry",
            json!({"Callers": ["+8613800138000", ""]}),
            vec![("Callers[1]", "required", 'E')],
        ),
        // --- welcome
        (
            "WelcomeType 2",
            json!({"WelcomeType": 2}),
            vec![("WelcomeType", "invalid_enum", 'E')],
        ),
        (
            "WelcomeType 1 ignores WelcomeMessage",
            json!({"WelcomeType": 1, "WelcomeMessage": "Hello"}),
            vec![("WelcomeMessage", "ignored", 'W')],
        ),
        (
            "WelcomeType 0 uses WelcomeMessage",
            json!({"WelcomeType": 0, "WelcomeMessage": "Hello"}),
            vec![],
        ),
        (
            "WelcomeMessagePriority 2",
            json!({"WelcomeMessagePriority": 2}),
            vec![],
        ),
        (
            "WelcomeMessagePriority 1 (old docs)",
            json!({"WelcomeMessagePriority": 1}),
            vec![("WelcomeMessagePriority", "out_of_range", 'W')],
        ),
        (
            "WelcomeMessagePriority 3",
            json!({"WelcomeMessagePriority": 3}),
            vec![("WelcomeMessagePriority", "invalid_enum", 'E')],
        ),
        // --- timing
        (
            "MaxDuration zero",
            json!({"MaxDuration": 0}),
            vec![("MaxDuration", "out_of_range", 'E')],
        ),
        (
            "MaxDuration seconds by mistake",
            json!({"MaxDuration": 60}),
            vec![("MaxDuration", "out_of_range", 'W')],
        ),
        ("MaxDuration 60 s", json!({"MaxDuration": 60000}), vec![]),
        (
            "MaxDuration float",
            json!({"MaxDuration": 1.5}),
            vec![("MaxDuration", "invalid_type", 'E')],
        ),
        (
            "MaxCallDurationMs negative",
            json!({"MaxCallDurationMs": -1}),
            vec![("MaxCallDurationMs", "out_of_range", 'E')],
        ),
        (
            "MaxCallDurationMs tiny",
            json!({"MaxCallDurationMs": 300}),
            vec![("MaxCallDurationMs", "out_of_range", 'W')],
        ),
        (
            "NotifyDuration below 10",
            json!({"NotifyDuration": 9}),
            vec![("NotifyDuration", "out_of_range", 'E')],
        ),
        ("NotifyDuration 10", json!({"NotifyDuration": 10}), vec![]),
        (
            "NotifyMaxCount negative",
            json!({"NotifyMaxCount": -1}),
            vec![("NotifyMaxCount", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime 239",
            json!({"VadSilenceTime": 239}),
            vec![("VadSilenceTime", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime 2001",
            json!({"VadSilenceTime": 2001}),
            vec![("VadSilenceTime", "out_of_range", 'E')],
        ),
        (
            "VadSilenceTime bounds",
            json!({"VadSilenceTime": 240}),
            vec![],
        ),
        (
            "VadLevel 4",
            json!({"VadLevel": 4}),
            vec![("VadLevel", "out_of_range", 'E')],
        ),
        ("VadLevel 3", json!({"VadLevel": 3}), vec![]),
        (
            "AcquireTimeoutSecond 6",
            json!({"AcquireTimeoutSecond": 6}),
            vec![("AcquireTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "AcquireTimeoutSecond -1",
            json!({"AcquireTimeoutSecond": -1}),
            vec![("AcquireTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "AcquireTimeoutSecond 0",
            json!({"AcquireTimeoutSecond": 0}),
            vec![],
        ),
        (
            "MaxRingTimeoutSecond 0",
            json!({"MaxRingTimeoutSecond": 0}),
            vec![("MaxRingTimeoutSecond", "out_of_range", 'E')],
        ),
        (
            "InterruptMode 2",
            json!({"InterruptMode": 2}),
            vec![("InterruptMode", "invalid_enum", 'E')],
        ),
        (
            "InterruptSpeechDuration 0",
            json!({"InterruptSpeechDuration": 0}),
            vec![("InterruptSpeechDuration", "out_of_range", 'E')],
        ),
        (
            "InterruptSpeechDuration with mode 1",
            json!({"InterruptMode": 1, "InterruptSpeechDuration": 500}),
            vec![("InterruptSpeechDuration", "ignored", 'W')],
        ),
        (
            "InterruptSpeechDuration with mode 0",
            json!({"InterruptMode": 0, "InterruptSpeechDuration": 500}),
            vec![],
        ),
        // --- languages
        (
            "Languages 5",
            json!({"Languages": ["zh", "en", "ja", "ko", "th"]}),
            vec![("Languages", "too_many", 'E')],
        ),
        (
            "Languages unknown",
            json!({"Languages": ["zh", "xx"]}),
            vec![("Languages[1]", "unknown_language", 'E')],
        ),
        (
            "Languages wrong case",
            json!({"Languages": ["zh-tw"]}),
            vec![("Languages[0]", "unknown_language", 'E')],
        ),
        (
            "Languages duplicate",
            json!({"Languages": ["en", "en"]}),
            vec![("Languages[1]", "duplicate", 'E')],
        ),
        (
            "Languages dialect primary",
            json!({"Languages": ["zh-dialect", "en", "ja"]}),
            vec![
                ("Languages[1]", "ignored", 'W'),
                ("Languages[2]", "ignored", 'W'),
            ],
        ),
        (
            "Languages dialect optional",
            json!({"Languages": ["zh", "zh-dialect"]}),
            vec![],
        ),
    ]
}
