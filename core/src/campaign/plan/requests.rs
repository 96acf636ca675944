//! The wire-name inputs of each vendor's request: the options given in `vendors.<vendor>` plus what
//! the campaign fills. The output is what [`crate::api::registry::build`] takes as it is.

use super::super::check::Checked;
use super::super::model::{Campaign, Script};
use serde_json::{Map, Value};

/// `POST /v1/batches`: `base_prompt` (Bland renders it per row), `call_data` rows
/// `{phone_number, ...variables}`, a unique `label`, `campaign_id` (the campaign id unless the
/// options set one), `from`.
pub(crate) fn bland_input(
    checked: &Checked,
    c: &Campaign,
    label: &str,
    from: Option<&str>,
    call_data: Vec<Value>,
) -> Value {
    let mut m = checked.options.wire.clone();
    if let Script::Prompt {
        template,
        first_sentence,
    } = &c.script
    {
        m.insert("base_prompt".into(), Value::from(template.as_str()));
        if let Some(f) = first_sentence {
            m.insert("first_sentence".into(), Value::from(f.as_str()));
        }
    }
    m.insert("call_data".into(), Value::Array(call_data));
    m.insert("label".into(), Value::from(label));
    if !m.contains_key("campaign_id") {
        m.insert("campaign_id".into(), Value::from(c.id.as_str()));
    }
    if let Some(f) = from {
        m.insert("from".into(), Value::from(f));
    }
    Value::Object(m)
}

/// `BatchRobotSmartCall`: `DialogId`, `CalledShowNumber` (every caller id), `CalledNumber`, a
/// unique `TaskName`, and `TtsParamHead` / `TtsParam` when the dialog has variables. `entries` are
/// `(wire number, TTS values in head order)`.
pub(crate) fn aliyun_input(
    checked: &Checked,
    c: &Campaign,
    task_name: &str,
    entries: &[(String, Vec<String>)],
) -> Value {
    let mut m = checked.options.wire.clone();
    m.insert("DialogId".into(), Value::from(checked.dialog_id.as_str()));
    m.insert(
        "CalledShowNumber".into(),
        Value::Array(
            c.caller_ids
                .iter()
                .map(|s| Value::from(s.as_str()))
                .collect(),
        ),
    );
    m.insert(
        "CalledNumber".into(),
        Value::Array(
            entries
                .iter()
                .map(|(n, _)| Value::from(n.as_str()))
                .collect(),
        ),
    );
    m.insert("TaskName".into(), Value::from(task_name));
    if !checked.tts_head.is_empty() {
        m.insert(
            "TtsParamHead".into(),
            Value::Array(
                checked
                    .tts_head
                    .iter()
                    .map(|s| Value::from(s.as_str()))
                    .collect(),
            ),
        );
        let params = entries
            .iter()
            .map(|(n, values)| {
                let mut e = Map::with_capacity(2);
                e.insert("number".into(), Value::from(n.as_str()));
                e.insert(
                    "params".into(),
                    Value::Array(values.iter().map(|v| Value::from(v.as_str())).collect()),
                );
                Value::Object(e)
            })
            .collect();
        m.insert("TtsParam".into(), Value::Array(params));
    }
    Value::Object(m)
}

/// `CreateAICall`: `Callee`, the prompt rendered for this contact as `SystemPrompt`, the first
/// sentence as `WelcomeMessage`, every caller id as `Callers`.
pub(crate) fn tencent_input(
    checked: &Checked,
    c: &Campaign,
    callee: &str,
    system_prompt: &str,
    welcome: Option<&str>,
) -> Value {
    let mut m = checked.options.wire.clone();
    m.insert("Callee".into(), Value::from(callee));
    m.insert("SystemPrompt".into(), Value::from(system_prompt));
    if let Some(w) = welcome {
        m.insert("WelcomeMessage".into(), Value::from(w));
    }
    if !c.caller_ids.is_empty() {
        m.insert(
            "Callers".into(),
            Value::Array(
                c.caller_ids
                    .iter()
                    .map(|s| Value::from(s.as_str()))
                    .collect(),
            ),
        );
    }
    Value::Object(m)
}
