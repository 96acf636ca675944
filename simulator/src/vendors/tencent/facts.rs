//! What the lookups read of a `CreateAICall` request, and the compaction that keeps only that once
//! the call has ended.
//!
//! A live call keeps its parsed request (≈ 2 KB): parsing it again on every lookup would cost the
//! hot path nothing, but compacting it there would (≈ 6 µs a request). Once the call is terminal
//! its answers can no longer change with the request, so the tick (`vendors::compact_ended`) replaces
//! the request in `Store::requests` by the JSON text of its [`Facts`] (≈ 50–150 bytes). Every
//! lookup reads through [`Facts`] whichever form is stored, so the answers before and after are the
//! same bytes (tested below).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The request's answers to every question a lookup asks of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// `EndFunctionEnable` is `true`: the AI may end the call (HungUpSide of a completed call).
    #[serde(default, skip_serializing_if = "is_false")]
    pub end_function: bool,
    /// `Languages[0]` starts with `en`: the transcript is in English.
    #[serde(default, skip_serializing_if = "is_false")]
    pub english: bool,
    /// The AI's opening line, when it speaks first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    /// `ExtractConfig` as the request gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extract: Option<Value>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Facts {
    /// The facts of a stored request: a full request object (live call), or the compacted text.
    pub fn of(stored: &Value) -> Facts {
        match stored {
            Value::String(text) => serde_json::from_str(text).unwrap_or_default(),
            request => Facts::from_request(request),
        }
    }

    fn from_request(r: &Value) -> Facts {
        let english = r["Languages"][0]
            .as_str()
            .is_some_and(|l| l.starts_with("en"));
        Facts {
            end_function: r["EndFunctionEnable"] == Value::Bool(true),
            english,
            greeting: greeting(r, english),
            extract: r.get("ExtractConfig").filter(|v| !v.is_null()).cloned(),
        }
    }

    /// The compacted form kept in `Store::requests`.
    pub fn compacted(&self) -> Value {
        Value::String(serde_json::to_string(self).unwrap_or_else(|_| "{}".into()))
    }
}

/// The first thing the AI says, if it speaks first: the `WelcomeMessage` with its variables
/// filled, or a greeting derived from `SystemPrompt` when `WelcomeType` is 1; `None` when the
/// callee speaks first, as Tencent documents.
fn greeting(r: &Value, english: bool) -> Option<String> {
    if r["WelcomeType"].as_i64() == Some(1) {
        let prompt = r["SystemPrompt"].as_str().unwrap_or("");
        let first: String = prompt
            .split(['。', '！', '？', '.', '!', '?', '\n'])
            .map(str::trim)
            .find(|p| !p.is_empty())
            .unwrap_or("")
            .chars()
            .take(60)
            .collect();
        return Some(if english {
            format!("Hello! (greeting generated from the SystemPrompt: {first})")
        } else {
            format!("您好！（根据 SystemPrompt 生成的开场白：{first}）")
        });
    }
    let message = r["WelcomeMessage"]
        .as_str()
        .filter(|m| !m.trim().is_empty())?;
    Some(fill_variables(message, r))
}

/// `{{Key}}` → value, from `Variables` and the older `PromptVariables`.
fn fill_variables(text: &str, request: &Value) -> String {
    let mut out = text.to_owned();
    for list in ["Variables", "PromptVariables"] {
        for v in request[list].as_array().into_iter().flatten() {
            if let (Some(k), Some(val)) = (v["Key"].as_str(), v["Value"].as_str()) {
                out = out.replace(&format!("{{{{{k}}}}}"), val);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn variables_fill_the_greeting() {
        let req = json!({"Variables": [{"Key": "name", "Value": "小王"}],
                         "PromptVariables": [{"Key": "corp", "Value": "Acme"}]});
        assert_eq!(
            fill_variables("您好{{name}}，这里是{{corp}}，{{missing}}", &req),
            "您好小王，这里是Acme，{{missing}}"
        );
    }

    #[test]
    fn compacted_text_reads_back_as_the_same_facts() {
        let requests = [
            json!({}),
            json!({"WelcomeMessage": "  "}),
            json!({"WelcomeType": 1, "SystemPrompt": "你是客服。请礼貌。", "Languages": ["zh"]}),
            json!({"WelcomeMessage": "Hi {{n}}", "Variables": [{"Key": "n", "Value": "Bo"}],
                   "Languages": ["en-US"], "EndFunctionEnable": true,
                   "ExtractConfig": [{"InfoType": "Number", "InfoName": "age", "InfoContent": "1.5"}]}),
        ];
        for r in requests {
            let facts = Facts::of(&r);
            let compact = facts.compacted();
            assert!(compact.is_string());
            assert_eq!(Facts::of(&compact), facts, "{r}");
        }
        let f = Facts::of(
            &json!({"WelcomeType": 1, "SystemPrompt": "\n Be brief. Then stop.",
                                  "Languages": ["en"]}),
        );
        assert_eq!(
            f.greeting.as_deref(),
            Some("Hello! (greeting generated from the SystemPrompt: Be brief)")
        );
        assert!(f.english && !f.end_function);
    }
}
