//! The campaign file: what users write and the dashboard builds. callplane's own format, so its
//! JSON is camelCase; only `vendors.*` carries vendor fields (in JS names, as everywhere in JS).

use crate::issue::Report;
use crate::json;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// One vendor-neutral campaign: a script, the people to call and the rules to call them by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Campaign {
    /// Stable campaign id; dispatch journals on (id, contact key) and vendor correlation labels
    /// (Bland batch `label`, Alibaba `TaskName`) derive from it.
    #[serde(default)]
    pub id: String,
    /// What the agent says.
    #[serde(default)]
    pub script: Script,
    /// Who to call.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Numbers to call from: Bland `from` (one per batch, round robin), Alibaba
    /// `CalledShowNumber`, Tencent `Callers`.
    #[serde(default)]
    pub caller_ids: Vec<String>,
    /// When the campaign may start (and must end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// The local-time window calls must fall in, in the callee's time zone(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calling_hours: Option<CallingHours>,
    /// Do-not-call numbers, in any spelling; compared with contacts after normalisation to E.164.
    #[serde(default)]
    pub suppression: Vec<String>,
    /// Per-vendor options.
    #[serde(default)]
    pub vendors: VendorOptions,
}

/// One person to call.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// The number, in any spelling the vendor's rules accept (Bland: US by default; Alibaba and
    /// Tencent: mainland China by default).
    pub phone: String,
    /// The script's variables for this contact (`{{name}}` reads `variables.name`).
    pub variables: Map<String, Value>,
    /// A stable id for the contact; its key in the journal. Defaults to the E.164 number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ContactFields {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    variables: Map<String, Value>,
    #[serde(default)]
    id: Option<String>,
}

impl<'de> Deserialize<'de> for Contact {
    /// A `null` contact reads as an empty one (reported as `required`), so contact indexes stay
    /// those of the input when the JSON reader blanks a malformed entry.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<ContactFields>::deserialize(d)? {
            Some(f) => Contact {
                phone: f.phone,
                variables: f.variables,
                id: f.id,
            },
            None => Contact::default(),
        })
    }
}

crate::read_json_via_serde!(Contact);

/// What the agent says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Script {
    /// A `{{template}}` prompt rendered with each contact's variables: Bland `base_prompt` (Bland
    /// renders it per row), Tencent `SystemPrompt` (callplane renders it per call). On Alibaba the
    /// template's variables become the TTS variables of `vendors.aliyun.dialogId`.
    #[serde(rename_all = "camelCase")]
    Prompt {
        /// The prompt.
        #[serde(default)]
        template: String,
        /// The agent's first sentence (Bland `first_sentence`, Tencent `WelcomeMessage`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_sentence: Option<String>,
    },
    /// An Alibaba console dialog (话术): `DialogId`, whose TTS variables (`TtsParamHead`) are
    /// `ttsVariables`, or else every variable the contacts have.
    #[serde(rename_all = "camelCase")]
    AliyunDialog {
        /// The dialog id from the console.
        #[serde(default)]
        dialog_id: String,
        /// The TTS variable names, in `TtsParamHead` order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tts_variables: Option<Vec<String>>,
    },
}

impl Default for Script {
    /// An empty prompt: the validator reports it as `required`.
    fn default() -> Self {
        Script::Prompt {
            template: String::new(),
            first_sentence: None,
        }
    }
}

/// When the campaign runs.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schedule {
    /// No call before this instant (RFC 3339, `2026-11-23T09:00:00+01:00`); default now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<String>,
    /// No call at or after this instant (RFC 3339): a contact whose calling window does not open
    /// before it is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<String>,
}

/// A daily window in the callee's local time: calls are placed at `start` or later and before
/// `end`, on `days` only (every day when absent).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallingHours {
    /// `HH:MM`, 24-hour (`09:00`).
    #[serde(default)]
    pub start: String,
    /// `HH:MM`, 24-hour, after `start` (`20:00`; `24:00` is the end of the day).
    #[serde(default)]
    pub end: String,
    /// The days of the week calls are allowed on (`["mon", "tue", "wed", "thu", "fri"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<Weekday>>,
}

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::read::ReadJson,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// The chrono weekday.
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

/// Per-vendor options, each an object of the vendor request's fields in JS names plus a few
/// campaign settings (see [`super::options`]):
/// - `bland`: `POST /v1/batches` fields (`voice`, `maxDuration`, `webhook`, …) and `batchSize`;
/// - `aliyun`: `BatchRobotSmartCall` fields (`dialogId`, `corpName`, `isSelfLine`, …) and
///   `chunkSize` (callees per task, 1–1000, default 100);
/// - `tencent`: `CreateAICall` fields (`sdkAppId`, `llmType`, `model`, `apiKey`, `apiUrl`,
///   `voiceType`, …).
///
/// Fields the campaign itself fills (the prompt, the callees, the caller ids, task names) are
/// refused here with a `conflict` issue naming the campaign field to use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, crate::json::read::ReadJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VendorOptions {
    /// Bland options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bland: Option<Map<String, Value>>,
    /// Alibaba options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliyun: Option<Map<String, Value>>,
    /// Tencent options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tencent: Option<Map<String, Value>>,
}

/// Read a campaign from JSON, reporting every wrong type and unknown field at once (paths such as
/// `contacts[3].phone`). The rules (numbers, variables, calling hours…) are [`super::preflight`]'s.
pub fn parse_campaign(value: Value) -> (Option<Campaign>, Report) {
    json::parse_and_validate::<Campaign>(value, |_, _| {})
}
