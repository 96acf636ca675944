//! `vendors.<vendor>`: the vendor request's own fields in JS names, mapped to wire names through
//! the same tables as every other JS input (`crate::js::schema`), so the options are exactly the
//! vendor model's fields and are validated by the vendor model (see `check::vendor_probe`).
//! Fields the campaign fills itself are refused, naming the campaign field to use instead.

use super::model::{Campaign, Script};
use crate::api::registry::Operation;
use crate::issue::{IssueCode, Path, Report};
use crate::js::{names::to_js, schema, shape};
use crate::{Vendor, json};
use serde_json::{Map, Value};

/// Default callees per Alibaba task: the API summary's "一次任务支持设置1~100个号码", the safe
/// reading of a page whose `CalledNumber` row says 1–1000 (VENDORS.md §2.4).
pub const ALIYUN_DEFAULT_CHUNK: usize = 100;
/// Largest Alibaba chunk (`CalledNumber` hard cap; `isv.VOICE_ROBOT_CALLEE_LIMIT` above it).
pub const ALIYUN_MAX_CHUNK: usize = crate::aliyun::MAX_CALLED_NUMBERS;

/// The campaign-only setting in `vendors.bland`: calls per batch (no documented cap, so one batch
/// per send time unless set).
pub const BLAND_BATCH_SIZE: &str = "batchSize";
/// The campaign-only setting in `vendors.aliyun`: callees per task.
pub const ALIYUN_CHUNK_SIZE: &str = "chunkSize";

/// The options of the planned vendor, in wire names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VendorInput {
    /// The options as wire-name fields of the vendor request.
    pub wire: Map<String, Value>,
    /// Bland `batchSize` / Alibaba `chunkSize` (callees per request), when set and valid.
    pub size: Option<usize>,
}

/// The operation a campaign on `vendor` sends.
pub fn operation(vendor: Vendor) -> Operation {
    match vendor {
        Vendor::Bland => Operation::BlandCreateBatch,
        Vendor::Aliyun => Operation::AliyunBatchRobotSmartCall,
        Vendor::Tencent => Operation::TencentCreateAICall,
    }
}

/// `(wire field, campaign field that sets it)` for fields the campaign owns.
fn owned(vendor: Vendor, script: &Script) -> &'static [(&'static str, &'static str)] {
    match (vendor, script) {
        (Vendor::Bland, _) => &[
            ("base_prompt", "script.prompt.template"),
            ("task", "script.prompt.template"),
            ("first_sentence", "script.prompt.firstSentence"),
            ("call_data", "contacts"),
            ("from", "callerIds"),
            ("label", "id (callplane labels each batch to find it again)"),
        ],
        (Vendor::Aliyun, Script::AliyunDialog { .. }) => &[
            ("DialogId", "script.aliyunDialog.dialogId"),
            ("CalledNumber", "contacts"),
            ("CalledShowNumber", "callerIds"),
            ("TtsParam", "contacts[].variables"),
            ("TtsParamHead", "script.aliyunDialog.ttsVariables"),
            (
                "TaskName",
                "id (callplane names each task to find it again)",
            ),
            ("ScheduleCall", "schedule"),
            ("ScheduleTime", "schedule"),
        ],
        (Vendor::Aliyun, Script::Prompt { .. }) => &[
            ("CalledNumber", "contacts"),
            ("CalledShowNumber", "callerIds"),
            ("TtsParam", "contacts[].variables"),
            ("TtsParamHead", "the variables of script.prompt.template"),
            (
                "TaskName",
                "id (callplane names each task to find it again)",
            ),
            ("ScheduleCall", "schedule"),
            ("ScheduleTime", "schedule"),
        ],
        (Vendor::Tencent, _) => &[
            ("Callee", "contacts"),
            ("SystemPrompt", "script.prompt.template"),
            ("WelcomeMessage", "script.prompt.firstSentence"),
            ("Callers", "callerIds"),
        ],
    }
}

/// Read `vendors.<vendor>`: every problem of the mapping is pushed at its JS path.
pub fn read(c: &Campaign, vendor: Vendor, report: &mut Report) -> VendorInput {
    let at = Path::from("vendors").field(vendor.as_str());
    let given = match vendor {
        Vendor::Bland => c.vendors.bland.clone(),
        Vendor::Aliyun => c.vendors.aliyun.clone(),
        Vendor::Tencent => c.vendors.tencent.clone(),
    };
    let mut map = given.unwrap_or_default();
    let size = match vendor {
        Vendor::Bland => take_size(&mut map, BLAND_BATCH_SIZE, usize::MAX, &at, report),
        Vendor::Aliyun => {
            let size = take_size(&mut map, ALIYUN_CHUNK_SIZE, ALIYUN_MAX_CHUNK, &at, report);
            if let Some(n) = size.filter(|n| *n > ALIYUN_DEFAULT_CHUNK) {
                report.warning(
                    IssueCode::TooMany,
                    at.field(ALIYUN_CHUNK_SIZE),
                    format!(
                        "{n} callees per task: Alibaba's API summary says 1–{ALIYUN_DEFAULT_CHUNK} per task while \
                         the CalledNumber parameter says 1–{ALIYUN_MAX_CHUNK}; the vendor may refuse more than \
                         {ALIYUN_DEFAULT_CHUNK} (VENDORS.md §2.4)"
                    ),
                );
            }
            size
        }
        Vendor::Tencent => None,
    };
    for (wire, by) in owned(vendor, &c.script) {
        let js = to_js(wire);
        if map.shift_remove(js.as_ref()).is_some() {
            report.error(
                IssueCode::Conflict,
                at.field(&js),
                format!("`{js}` is set by the campaign ({by}); remove it from vendors.{vendor}"),
            );
        }
    }
    let op = operation(vendor);
    let wire = match shape::input_to_wire(schema::input(op), Value::Object(map), &at, report) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    VendorInput { wire, size }
}

fn take_size(
    map: &mut Map<String, Value>,
    key: &str,
    max: usize,
    at: &Path,
    report: &mut Report,
) -> Option<usize> {
    let v = map.shift_remove(key)?;
    let n = v.as_u64().and_then(|n| usize::try_from(n).ok());
    match n {
        Some(n) if n >= 1 && n <= max => Some(n),
        Some(n) => {
            report.error(
                IssueCode::OutOfRange,
                at.field(key),
                if max == usize::MAX {
                    format!("{key} must be at least 1 (got {n})")
                } else {
                    format!("{key} must be between 1 and {max} (got {n})")
                },
            );
            None
        }
        None if v.is_null() => None,
        None => {
            report.error(
                IssueCode::InvalidType,
                at.field(key),
                format!(
                    "{key} must be a positive integer, got {}",
                    json::kind_name(&v)
                ),
            );
            None
        }
    }
}

/// The wire path of a vendor issue as a campaign path (`vendors.tencent.llmType`).
pub fn option_path(vendor: Vendor, wire_path: &str) -> Path {
    let js = shape::path_to_js(schema::input(operation(vendor)), wire_path);
    Path::from("vendors").field(vendor.as_str()).field(&js)
}
