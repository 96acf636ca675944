//! Wire names ↔ JS names.
//!
//! JS users write camelCase for every field. The vendors use snake_case (Bland: `phone_number`) or
//! PascalCase with acronyms (Tencent: `LLMType`, `APIKey`, `CustomTTSConfig`, `SdkAppId`; Alibaba:
//! `CalledShowNumber`, `TtsParamHead`). [`to_js`] turns either into camelCase by splitting the name
//! into words and writing every word but the first capitalised, acronyms included, the way
//! TypeScript style guides write them: `LLMType` → `llmType`, `APIUrl` → `apiUrl`,
//! `CustomTTSConfig` → `customTtsConfig`, `ZHToneWords` → `zhToneWords`.
//!
//! The way back is not computable (`llmType` could be `LlmType` or `LLMType`), so inputs are mapped
//! through the list of wire names the model accepts at that position ([`super::shape`]); this
//! module only provides the forward direction and an allocation-free comparison ([`js_eq`]).

use std::borrow::Cow;

/// True for names [`to_js`] rewrites: an ASCII letter, then letters, digits and `_`. Anything else
/// (`Content-Type`, `0`, `a.b`, non-ASCII) is data, never a field name, and stays as it is.
fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The characters of `to_js(name)`, without allocating.
fn js_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let b = name.as_bytes();
    let mut word = 0usize;
    let mut at_word_start = true;
    b.iter().enumerate().filter_map(move |(i, &c)| {
        if c == b'_' {
            at_word_start = true;
            return None;
        }
        let prev = if i == 0 { None } else { b.get(i - 1).copied() };
        let next = b.get(i + 1).copied();
        if !at_word_start && c.is_ascii_uppercase() {
            // A capital starts a word after a lower-case letter or digit (`sdkApp`, `v2Type`), and
            // ends an acronym when a lower-case letter follows (`LLM|Type`, `TTS|Config`).
            let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let ends_acronym = prev.is_some_and(|p| p.is_ascii_uppercase())
                && next.is_some_and(|n| n.is_ascii_lowercase());
            if after_lower || ends_acronym {
                at_word_start = true;
            }
        }
        let out = if at_word_start {
            word += 1;
            at_word_start = false;
            if word == 1 {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        } else {
            c.to_ascii_lowercase()
        };
        Some(char::from(out))
    })
}

/// The JS (camelCase) name of a wire name: `phone_number` → `phoneNumber`, `LLMType` → `llmType`,
/// `SdkAppId` → `sdkAppId`, `callId` → `callId`. Names that are not identifiers are returned as
/// they are.
pub fn to_js(wire: &str) -> Cow<'_, str> {
    if !is_identifier(wire) || js_chars(wire).eq(wire.chars()) {
        return Cow::Borrowed(wire);
    }
    Cow::Owned(js_chars(wire).collect())
}

/// `to_js(wire) == js`, without allocating (this runs for every key of every input row).
pub fn js_eq(wire: &str, js: &str) -> bool {
    if !is_identifier(wire) {
        return wire == js;
    }
    js_chars(wire).eq(js.chars())
}

/// The JS name of an operation: `bland.send_call` → `bland.sendCall`; Alibaba and Tencent actions
/// keep the vendor's spelling with a lower-case first letter, as their own SDKs write method names
/// (`aliyun.batchRobotSmartCall`, `tencent.createAICall`), so the name can be searched for in the
/// vendor's documentation.
pub fn operation_js_name(registry_name: &str) -> String {
    match registry_name.split_once('.') {
        Some((vendor @ "bland", action)) => format!("{vendor}.{}", to_js(action)),
        Some((vendor, action)) => {
            let mut chars = action.chars();
            let first = chars.next().map(|c| c.to_ascii_lowercase());
            format!(
                "{vendor}.{}{}",
                first.map(String::from).unwrap_or_default(),
                chars.as_str()
            )
        }
        None => registry_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_to_js() {
        for (wire, js) in [
            ("phone_number", "phoneNumber"),
            ("call_data", "callData"),
            ("base_prompt", "basePrompt"),
            ("b_cid", "bCid"),
            ("extra", "extra"),
            ("LLMType", "llmType"),
            ("APIKey", "apiKey"),
            ("APIUrl", "apiUrl"),
            ("TTSType", "ttsType"),
            ("SdkAppId", "sdkAppId"),
            ("CustomTTSConfig", "customTtsConfig"),
            ("CustomSTTConfig", "customSttConfig"),
            ("LLMExtraBody", "llmExtraBody"),
            ("ZHToneWords", "zhToneWords"),
            ("CalledShowNumber", "calledShowNumber"),
            ("TtsParamHead", "ttsParamHead"),
            ("TopP", "topP"),
            ("MaxCallDurationMs", "maxCallDurationMs"),
            ("RequestId", "requestId"),
            ("callId", "callId"),
            ("v2_batch", "v2Batch"),
            ("batch_v2", "batchV2"),
            ("AppId", "appId"),
            ("number", "number"),
        ] {
            assert_eq!(to_js(wire), js, "{wire}");
            assert!(js_eq(wire, js), "{wire}");
            assert!(!js_eq(wire, &format!("{js}x")), "{wire}");
        }
    }

    #[test]
    fn data_keys_are_left_alone() {
        for key in [
            "Content-Type",
            "a.b",
            "0",
            "_private",
            "",
            "名前",
            "x-request-id",
        ] {
            assert_eq!(to_js(key), key);
            assert!(js_eq(key, key));
        }
    }

    #[test]
    fn to_js_is_idempotent() {
        for wire in [
            "LLMType",
            "phone_number",
            "CustomTTSConfig",
            "ZHToneWords",
            "b_cid",
        ] {
            let once = to_js(wire).into_owned();
            assert_eq!(to_js(&once), once);
        }
    }

    #[test]
    fn operation_names() {
        assert_eq!(operation_js_name("bland.send_call"), "bland.sendCall");
        assert_eq!(
            operation_js_name("bland.get_batch_v2_logs"),
            "bland.getBatchV2Logs"
        );
        assert_eq!(
            operation_js_name("aliyun.BatchRobotSmartCall"),
            "aliyun.batchRobotSmartCall"
        );
        assert_eq!(
            operation_js_name("tencent.CreateAICall"),
            "tencent.createAICall"
        );
    }
}
