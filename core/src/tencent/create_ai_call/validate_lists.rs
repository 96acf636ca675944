//! CreateAICall rules for the list-valued parameters: the model's functions (call_end, transfer to
//! human, transfer to agent), Variables / PromptVariables and ExtractConfig.

use super::options::{DIFY_VARIABLE_PREFIX, EXTRACT_INFO_TYPES, LlmType, WELCOME_DELAY_VARIABLE};
use super::{
    AiCallExtractConfigElement, AiTransferItem, CreateAICall, TransferToAgentItem, Variable,
};
use crate::issue::{IssueCode, Path, Report};
use crate::tencent::checks::required_str;
use std::collections::HashSet;

pub(super) fn functions(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    if m.end_function_desc.is_some() && m.end_function_enable != Some(true) {
        r.warning(
            IssueCode::Ignored,
            root.field("EndFunctionDesc"),
            "only used when EndFunctionEnable is true",
        );
    }
    transfer_items(m, r);
    transfer_to_agent_items(m, r);
}

/// LLM function names: OpenAI-compatible APIs accept `^[a-zA-Z0-9_-]{1,64}$` and refuse the whole
/// request otherwise, which here would break the call mid-conversation. Warning: other protocols
/// may be laxer.
fn function_name(name: &str, p: Path, r: &mut Report) {
    let ok = name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok {
        r.warning(
            IssueCode::InvalidFormat,
            p,
            format!("`{name}` is not a valid function name for OpenAI-compatible models (letters, digits, _ and -, at most 64)"),
        );
    }
}

fn transfer_items(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    let items = m.transfer_items.as_deref().unwrap_or_default();
    if m.transfer_function_enable == Some(true) && items.is_empty() {
        r.warning(
            IssueCode::Required,
            root.field("TransferFunctionEnable"),
            "transfer to human is enabled but TransferItems is empty: there is no skill group to transfer to",
        );
    }
    if !items.is_empty() && m.transfer_function_enable != Some(true) {
        r.warning(
            IssueCode::Ignored,
            root.field("TransferItems"),
            "only used when TransferFunctionEnable is true",
        );
    }
    let p = root.field("TransferItems");
    let mut names = HashSet::new();
    for (
        i,
        AiTransferItem {
            transfer_function_name: name,
            transfer_skill_group_id: group,
            ..
        },
    ) in items.iter().enumerate()
    {
        let at = p.index(i);
        if required_str(
            name,
            at.field("TransferFunctionName"),
            "TransferFunctionName",
            r,
        ) {
            function_name(name, at.field("TransferFunctionName"), r);
            if !names.insert(name.as_str()) {
                r.error(
                    IssueCode::Duplicate,
                    at.field("TransferFunctionName"),
                    format!("function `{name}` is defined twice"),
                );
            }
        }
        positive_id(
            *group,
            at.field("TransferSkillGroupId"),
            "TransferSkillGroupId (the skill group to transfer to)",
            r,
        );
    }
}

fn transfer_to_agent_items(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    let items = m.transfer_to_agent_items.as_deref().unwrap_or_default();
    if m.transfer_to_agent_enable == Some(true) && items.is_empty() {
        r.warning(
            IssueCode::Required,
            root.field("TransferToAgentEnable"),
            "transfer to agent is enabled but TransferToAgentItems is empty: there is no agent to transfer to",
        );
    }
    if !items.is_empty() && m.transfer_to_agent_enable != Some(true) {
        r.warning(
            IssueCode::Ignored,
            root.field("TransferToAgentItems"),
            "only used when TransferToAgentEnable is true",
        );
    }
    let p = root.field("TransferToAgentItems");
    let mut names = HashSet::new();
    for (
        i,
        TransferToAgentItem {
            transfer_to_agent_name: name,
            transfer_to_agent_id: id,
            ..
        },
    ) in items.iter().enumerate()
    {
        let at = p.index(i);
        if required_str(
            name,
            at.field("TransferToAgentName"),
            "TransferToAgentName",
            r,
        ) {
            function_name(name, at.field("TransferToAgentName"), r);
            if !names.insert(name.as_str()) {
                r.error(
                    IssueCode::Duplicate,
                    at.field("TransferToAgentName"),
                    format!("function `{name}` is defined twice"),
                );
            }
        }
        positive_id(
            *id,
            at.field("TransferToAgentId"),
            "TransferToAgentId (the target agent)",
            r,
        );
    }
}

fn positive_id(v: Option<i64>, p: Path, what: &str, r: &mut Report) {
    match v {
        None => r.error(IssueCode::Required, p, format!("{what} is required")),
        Some(n) if n <= 0 => r.error(
            IssueCode::OutOfRange,
            p,
            format!("must be a positive ID, got {n}"),
        ),
        Some(_) => {}
    }
}

pub(super) fn variables(m: &CreateAICall, r: &mut Report) {
    let root = Path::root();
    if let Some(list) = &m.prompt_variables {
        // The SDK models mark PromptVariables [Obsolete]; Variables covers prompt variables too.
        r.warning(
            IssueCode::Deprecated,
            root.field("PromptVariables"),
            "deprecated by Tencent; put prompt variables in Variables",
        );
        variable_list(list, root.field("PromptVariables"), m.llm_type, r);
    }
    if let Some(list) = &m.variables {
        variable_list(list, root.field("Variables"), m.llm_type, r);
    }
}

fn variable_list(list: &[Variable], p: Path, llm: Option<LlmType>, r: &mut Report) {
    let mut keys = HashSet::new();
    for (i, v) in list.iter().enumerate() {
        let at = p.index(i);
        if !required_str(&v.key, at.field("Key"), "Key", r) {
            continue;
        }
        if !keys.insert(v.key.as_str()) {
            r.error(
                IssueCode::Duplicate,
                at.field("Key"),
                format!("variable `{}` is defined twice", v.key),
            );
        }
        // "欢迎语延迟播放(秒级)：welcome-message-delay": whole seconds.
        if v.key == WELCOME_DELAY_VARIABLE && v.value.trim().parse::<u32>().is_err() {
            r.error(
                IssueCode::InvalidFormat,
                at.field("Value"),
                format!(
                    "{WELCOME_DELAY_VARIABLE} is a delay in whole seconds, got `{}`",
                    v.value
                ),
            );
        }
        if v.key.starts_with(DIFY_VARIABLE_PREFIX) && llm.is_some_and(|l| l != LlmType::Dify) {
            r.warning(
                IssueCode::Ignored,
                at.field("Key"),
                format!("`{DIFY_VARIABLE_PREFIX}*` variables are only used with LLMType dify"),
            );
        }
    }
}

pub(super) fn extract_config(items: Option<&[AiCallExtractConfigElement]>, r: &mut Report) {
    let p = Path::root().field("ExtractConfig");
    let mut names = HashSet::new();
    for (i, e) in items.unwrap_or_default().iter().enumerate() {
        let at = p.index(i);
        if required_str(&e.info_type, at.field("InfoType"), "InfoType", r)
            && !EXTRACT_INFO_TYPES.contains(&e.info_type.as_str())
        {
            r.error(
                IssueCode::InvalidEnum,
                at.field("InfoType"),
                format!(
                    "must be one of {}, got `{}`",
                    EXTRACT_INFO_TYPES.join(", "),
                    e.info_type
                ),
            );
        }
        // "配置项名称，不可重复"
        if required_str(&e.info_name, at.field("InfoName"), "InfoName", r)
            && !names.insert(e.info_name.as_str())
        {
            r.error(
                IssueCode::Duplicate,
                at.field("InfoName"),
                format!("`{}` is used twice; names must be unique", e.info_name),
            );
        }
        let has_choices = e.choices.as_ref().is_some_and(|c| !c.is_empty());
        if e.info_type == "Selector" && !has_choices {
            r.error(
                IssueCode::Required,
                at.field("Choices"),
                "InfoType Selector needs Choices",
            );
        } else if e.info_type != "Selector" && has_choices {
            r.warning(
                IssueCode::Ignored,
                at.field("Choices"),
                "Choices are only used with InfoType Selector",
            );
        }
    }
}
