//! CreateAICall rule rows for the list-valued and behaviour parameters.

use super::Row;
use serde_json::json;

/// Functions, variables, extraction, model knobs, call behaviour, input shape.
pub(super) fn rows() -> Vec<Row> {
    vec![
        // --- functions
        (
            "EndFunctionDesc without enable",
            json!({"EndFunctionDesc": "bye"}),
            vec![("EndFunctionDesc", "ignored", 'W')],
        ),
        (
            "EndFunctionDesc with enable false",
            json!({"EndFunctionEnable": false, "EndFunctionDesc": "bye"}),
            vec![("EndFunctionDesc", "ignored", 'W')],
        ),
        (
            "EndFunctionDesc with enable",
            json!({"EndFunctionEnable": true, "EndFunctionDesc": "bye"}),
            vec![],
        ),
        (
            "transfer enabled without items",
            json!({"TransferFunctionEnable": true}),
            vec![("TransferFunctionEnable", "required", 'W')],
        ),
        (
            "transfer items without enable",
            json!({"TransferItems": [{"TransferFunctionName": "to_human", "TransferFunctionDesc": "d", "TransferSkillGroupId": 7}]}),
            vec![("TransferItems", "ignored", 'W')],
        ),
        (
            "transfer item fields",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionDesc": "d"}, {"TransferFunctionName": "bad name", "TransferSkillGroupId": 0}]}),
            vec![
                ("TransferItems[0].TransferFunctionName", "required", 'E'),
                ("TransferItems[0].TransferSkillGroupId", "required", 'E'),
                (
                    "TransferItems[1].TransferFunctionName",
                    "invalid_format",
                    'W',
                ),
                ("TransferItems[1].TransferSkillGroupId", "out_of_range", 'E'),
            ],
        ),
        (
            "transfer duplicate names",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionName": "t", "TransferSkillGroupId": 1}, {"TransferFunctionName": "t", "TransferSkillGroupId": 2}]}),
            vec![("TransferItems[1].TransferFunctionName", "duplicate", 'E')],
        ),
        (
            "transfer item unknown field",
            json!({"TransferFunctionEnable": true, "TransferItems": [{"TransferFunctionName": "t", "TransferSkillGroupId": 1, "Phone": "1"}]}),
            vec![("TransferItems[0].Phone", "unknown_field", 'E')],
        ),
        (
            "to-agent enabled without items",
            json!({"TransferToAgentEnable": true}),
            vec![("TransferToAgentEnable", "required", 'W')],
        ),
        (
            "to-agent items without enable",
            json!({"TransferToAgentItems": [{"TransferToAgentName": "sales", "TransferToAgentId": 3}]}),
            vec![("TransferToAgentItems", "ignored", 'W')],
        ),
        (
            "to-agent item fields",
            json!({"TransferToAgentEnable": true, "TransferToAgentItems": [{"TransferToAgentDesc": "d"}]}),
            vec![
                (
                    "TransferToAgentItems[0].TransferToAgentName",
                    "required",
                    'E',
                ),
                ("TransferToAgentItems[0].TransferToAgentId", "required", 'E'),
            ],
        ),
        // --- variables
        (
            "PromptVariables deprecated",
            json!({"PromptVariables": [{"Key": "name", "Value": "Cindy"}]}),
            vec![("PromptVariables", "deprecated", 'W')],
        ),
        (
            "Variables duplicate key",
            json!({"Variables": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}),
            vec![("Variables[1].Key", "duplicate", 'E')],
        ),
        (
            "Variables empty key",
            json!({"Variables": [{"Key": "", "Value": "1"}]}),
            vec![("Variables[0].Key", "required", 'E')],
        ),
        (
            "welcome delay not seconds",
            json!({"Variables": [{"Key": "welcome-message-delay", "Value": "1.5s"}]}),
            vec![("Variables[0].Value", "invalid_format", 'E')],
        ),
        (
            "welcome delay seconds",
            json!({"Variables": [{"Key": "welcome-message-delay", "Value": "2"}]}),
            vec![],
        ),
        (
            "dify variable with openai",
            json!({"Variables": [{"Key": "dify-inputs-user", "Value": "u1"}]}),
            vec![("Variables[0].Key", "ignored", 'W')],
        ),
        (
            "dify variable with dify",
            json!({"LLMType": "dify", "Variables": [{"Key": "dify-inputs-user", "Value": "u1"}]}),
            vec![],
        ),
        // --- extraction
        (
            "ExtractConfig bad type",
            json!({"ExtractConfig": [{"InfoType": "Date", "InfoName": "d"}]}),
            vec![("ExtractConfig[0].InfoType", "invalid_enum", 'E')],
        ),
        (
            "ExtractConfig selector without choices",
            json!({"ExtractConfig": [{"InfoType": "Selector", "InfoName": "s"}]}),
            vec![("ExtractConfig[0].Choices", "required", 'E')],
        ),
        (
            "ExtractConfig choices on text",
            json!({"ExtractConfig": [{"InfoType": "Text", "InfoName": "t", "Choices": ["a"]}]}),
            vec![("ExtractConfig[0].Choices", "ignored", 'W')],
        ),
        (
            "ExtractConfig duplicate name",
            json!({"ExtractConfig": [{"InfoType": "Text", "InfoName": "t"}, {"InfoType": "Boolean", "InfoName": "t"}]}),
            vec![("ExtractConfig[1].InfoName", "duplicate", 'E')],
        ),
        (
            "ExtractConfig missing fields",
            json!({"ExtractConfig": [{}]}),
            vec![
                ("ExtractConfig[0].InfoType", "required", 'E'),
                ("ExtractConfig[0].InfoName", "required", 'E'),
            ],
        ),
        // --- model knobs
        (
            "Temperature negative",
            json!({"Temperature": -0.1}),
            vec![("Temperature", "out_of_range", 'E')],
        ),
        (
            "Temperature above 2",
            json!({"Temperature": 2.5}),
            vec![("Temperature", "out_of_range", 'W')],
        ),
        (
            "TopP above 1",
            json!({"TopP": 1.5}),
            vec![("TopP", "out_of_range", 'E')],
        ),
        (
            "ToneWord timeout 0",
            json!({"ToneWord": {"FirstSentenceTimeout": 0}}),
            vec![("ToneWord.FirstSentenceTimeout", "out_of_range", 'E')],
        ),
        (
            "ToneWord unknown field",
            json!({"ToneWord": {"ZHToneWords": {"Neutral": ["嗯"], "Happy": []}}}),
            vec![("ToneWord.ZHToneWords.Happy", "unknown_field", 'E')],
        ),
        (
            "LLMExtraBody not JSON",
            json!({"LLMExtraBody": "max_tokens=5"}),
            vec![("LLMExtraBody", "invalid_type", 'E')],
        ),
        (
            "LLMExtraBody object",
            json!({"LLMExtraBody": {"max_tokens": 256}}),
            vec![],
        ),
        (
            "CustomSTTConfig wrong type",
            json!({"CustomSTTConfig": 5}),
            vec![("CustomSTTConfig", "invalid_type", 'E')],
        ),
        // --- call behaviour
        (
            "VoicemailAction without detection",
            json!({"VoicemailAction": 0}),
            vec![("VoicemailAction", "ignored", 'W')],
        ),
        (
            "VoicemailAction undocumented",
            json!({"EnableVoicemailDetection": true, "VoicemailAction": 1}),
            vec![("VoicemailAction", "invalid_enum", 'W')],
        ),
        (
            "AmbientSoundType unknown",
            json!({"AmbientSoundType": "cafe"}),
            vec![("AmbientSoundType", "invalid_enum", 'E')],
        ),
        (
            "AmbientSoundVolume range",
            json!({"AmbientSoundType": "busy_office", "AmbientSoundVolume": 2.5}),
            vec![("AmbientSoundVolume", "out_of_range", 'E')],
        ),
        (
            "AmbientSoundVolume without type",
            json!({"AmbientSoundVolume": 1.0}),
            vec![("AmbientSoundVolume", "ignored", 'W')],
        ),
        // --- shape
        (
            "unknown field",
            json!({"VoiceID": "x"}),
            vec![("VoiceID", "unknown_field", 'E')],
        ),
        (
            "extra shadows a modelled field",
            json!({"extra": {"VoiceType": "ZhiXi"}}),
            vec![("extra.VoiceType", "extra_shadows_field", 'E')],
        ),
        (
            "extra with a new vendor field",
            json!({"extra": {"SomeFutureParam": 1}}),
            vec![],
        ),
    ]
}
