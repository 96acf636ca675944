//! Bland's inputs (snake_case on the wire) and the free-form fields of its answers.
//!
//! Field lists reuse the model's own constants where it has them ([`CALL_OPTION_FIELDS`],
//! `BATCH_OWN_FIELDS`); `super::tests` proves every list equal to what the model accepts.

use crate::bland::{BATCH_OWN_FIELDS, CALL_OPTION_FIELDS};
use crate::js::shape::{Rest, Shape, Struct};
use std::sync::OnceLock;

const FREE: Shape = Shape::Free;

static VOICEMAIL_SMS: Struct = Struct {
    fields: &[&["to", "from", "message"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static VOICEMAIL: Struct = Struct {
    fields: &[&["action", "message", "sms", "sensitive"]],
    nested: &[("sms", Shape::Struct(&VOICEMAIL_SMS))],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static RETRY: Struct = Struct {
    fields: &[&["wait", "voicemail_action", "voicemail_message"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static PRONUNCIATION: Struct = Struct {
    fields: &[&["word", "pronunciation", "case_sensitive", "spaced"]],
    // `case_sensitive` and `spaced` are kept as JSON (Bland's own example writes `"false"`) but
    // hold a boolean or its text: scalars.
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};

/// The non-scalar call options, shared by every struct that carries them, plus `extra`.
macro_rules! call_option_nested {
    ($($own:tt)*) => {
        &[
            $($own)*
            ("pronunciation_guide", Shape::List(&Shape::Struct(&PRONUNCIATION))),
            ("dialing_strategy", FREE),
            ("transfer_list", FREE),
            ("tools", FREE),
            ("voicemail", Shape::Struct(&VOICEMAIL)),
            ("retry", Shape::Struct(&RETRY)),
            ("request_data", FREE),
            ("metadata", FREE),
            ("dynamic_data", FREE),
            ("guard_rails", FREE),
            ("analysis_schema", FREE),
            ("extra", FREE),
        ]
    };
}

static SEND_CALL: Struct = Struct {
    fields: &[&["phone_number"], CALL_OPTION_FIELDS, &["extra"]],
    nested: call_option_nested!(),
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v1/calls`.
pub const SEND_CALL_SHAPE: Shape = Shape::Struct(&SEND_CALL);

/// A `call_data` row: `phone_number` is a field, every other key is a prompt variable.
static CALL_DATA_ROW: Struct = Struct {
    fields: &[&["phone_number"]],
    nested: &[],
    rest: Rest::Data,
    js: OnceLock::new(),
};
static BATCH: Struct = Struct {
    fields: &[BATCH_OWN_FIELDS, CALL_OPTION_FIELDS, &["extra"]],
    nested: call_option_nested!(("call_data", Shape::List(&Shape::Struct(&CALL_DATA_ROW))),),
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v1/batches` (also the input of `preflightBlandBatch`).
pub const BATCH_SHAPE: Shape = Shape::Struct(&BATCH);

static GLOBAL: Struct = Struct {
    fields: &[&["phone_number"], CALL_OPTION_FIELDS, &["extra"]],
    // Modelled only to refuse it, so any JSON is read.
    nested: call_option_nested!(("phone_number", FREE),),
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static CALL_OBJECT: Struct = Struct {
    fields: &[&["phone_number", "b_cid"], CALL_OPTION_FIELDS, &["extra"]],
    nested: call_option_nested!(),
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static CREATE_BATCH_V2: Struct = Struct {
    fields: &[&[
        "global",
        "call_objects",
        "description",
        "status_webhook",
        "extra",
    ]],
    nested: &[
        ("global", Shape::Struct(&GLOBAL)),
        ("call_objects", Shape::List(&Shape::Struct(&CALL_OBJECT))),
        ("extra", FREE),
    ],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v2/batches/create`.
pub const CREATE_BATCH_V2_SHAPE: Shape = Shape::Struct(&CREATE_BATCH_V2);

static INBOUND_UPDATE: Struct = Struct {
    fields: &[&[
        "phone_number",
        "prompt",
        "pathway_id",
        "voice",
        "background_track",
        "first_sentence",
        "wait_for_greeting",
        "interruption_threshold",
        "model",
        "tools",
        "language",
        "timezone",
        "transfer_phone_number",
        "transfer_list",
        "dynamic_data",
        "keywords",
        "max_duration",
        "webhook",
        "analysis_schema",
        "metadata",
        "record",
        "extra",
    ]],
    nested: &[
        ("tools", FREE),
        ("transfer_list", FREE),
        ("dynamic_data", FREE),
        ("analysis_schema", FREE),
        ("metadata", FREE),
        ("extra", FREE),
    ],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v1/inbound/{phone_number}`.
pub const INBOUND_UPDATE_SHAPE: Shape = Shape::Struct(&INBOUND_UPDATE);

/// A struct of scalar fields only; `+ extra` adds the free-form `extra` map.
macro_rules! flat {
    ($name:ident, $shape:ident, $doc:literal, [$($f:literal),* $(,)?]) => {
        static $name: Struct = Struct {
            fields: &[&[$($f),*]],
            nested: &[],
            rest: Rest::Closed,
            js: OnceLock::new(),
        };
        #[doc = $doc]
        pub const $shape: Shape = Shape::Struct(&$name);
    };
    ($name:ident, $shape:ident, $doc:literal, [$($f:literal),* $(,)?] + extra) => {
        static $name: Struct = Struct {
            fields: &[&[$($f,)* "extra"]],
            nested: &[("extra", FREE)],
            rest: Rest::Closed,
            js: OnceLock::new(),
        };
        #[doc = $doc]
        pub const $shape: Shape = Shape::Struct(&$name);
    };
}

flat!(
    CALL_ID,
    CALL_ID_SHAPE,
    "Operations addressed by `call_id`.",
    ["call_id"]
);
flat!(
    BATCH_ID,
    BATCH_ID_SHAPE,
    "Operations addressed by `batch_id`.",
    ["batch_id"]
);
flat!(
    PHONE_NUMBER,
    PHONE_NUMBER_SHAPE,
    "`GET /v1/inbound/{phone_number}`.",
    ["phone_number"]
);
flat!(NONE, EMPTY_SHAPE, "Operations without parameters.", []);
flat!(
    LIST_CALLS,
    LIST_CALLS_SHAPE,
    "`GET /v1/calls`.",
    [
        "from",
        "to",
        "limit",
        "ascending",
        "sort_by",
        "start_date",
        "end_date",
        "created_at",
        "timezone",
        "from_number",
        "to_number",
        "batch_id",
        "completed"
    ] + extra
);
flat!(
    LIST_BATCHES,
    LIST_BATCHES_SHAPE,
    "`GET /v1/batches`.",
    ["campaign_id", "from", "to", "limit", "ascending"]
);
flat!(
    GET_BATCH,
    GET_BATCH_SHAPE,
    "`GET /v1/batches/{batch_id}`.",
    [
        "batch_id",
        "include_calls",
        "include_transcripts",
        "include_analysis"
    ]
);
flat!(
    LIST_BATCHES_V2,
    LIST_BATCHES_V2_SHAPE,
    "`GET /v2/batches/list`.",
    ["take", "skip"]
);
flat!(
    BATCH_LOGS,
    BATCH_LOGS_SHAPE,
    "`GET /v2/batches/{batch_id}/logs`.",
    ["batch_id", "take", "skip", "direction"]
);

static ANALYZE_CALL: Struct = Struct {
    fields: &[&["call_id", "goal", "questions"]],
    // `[question, type]` pairs: lists of strings.
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v1/calls/{call_id}/analyze`.
pub const ANALYZE_CALL_SHAPE: Shape = Shape::Struct(&ANALYZE_CALL);

static ANALYZE_BATCH: Struct = Struct {
    fields: &[&["batch_id", "goal", "questions"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `POST /v1/batches/{batch_id}/analyze`.
pub const ANALYZE_BATCH_SHAPE: Shape = Shape::Struct(&ANALYZE_BATCH);

/// Fields of Bland's answers whose values belong to the user (keys they chose: prompt
/// variables, metadata, analysis questions, webhooks' payloads) or are keyed by data (call ids,
/// status names): their keys are never renamed. The same names are free-form in the inputs.
pub const OUTPUT_FREE: &[&str] = &[
    "request_data",
    "variables",
    "metadata",
    "analysis",
    "analysis_schema",
    "dynamic_data",
    "transfer_list",
    "tools",
    "guard_rails",
    "dialing_strategy",
    "extra",
    "answers",
    "queue_statuses",
    "summary",
    "updates",
    "failed_updates",
    "payload",
    "call_data",
    "pathway_logs",
    "citations",
];
