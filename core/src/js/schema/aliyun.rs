//! Alibaba dyvms inputs (PascalCase parameters; `TtsParam` entries use `number`/`params`).

use crate::aliyun::{
    BATCH_ROBOT_SMART_CALL_PARAMS, QUERY_BY_CALL_ID_PARAMS, QUERY_BY_TASK_ID_PARAMS,
    QUERY_ROBOT_TASK_LIST_PARAMS,
};
use crate::js::shape::{Rest, Shape, Struct};
use std::sync::OnceLock;

const FREE: Shape = Shape::Free;

/// One `TtsParam` entry. Alibaba also accepts the whole list as JSON text, which passes through
/// untouched.
static TTS_PARAM_ENTRY: Struct = Struct {
    fields: &[&["number", "params"]],
    nested: &[],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
static BATCH_ROBOT_SMART_CALL: Struct = Struct {
    fields: &[BATCH_ROBOT_SMART_CALL_PARAMS, &["extra"]],
    nested: &[
        ("TtsParam", Shape::List(&Shape::Struct(&TTS_PARAM_ENTRY))),
        // Unmodelled parameters go to Alibaba under the names given.
        ("extra", FREE),
    ],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `BatchRobotSmartCall`.
pub const BATCH_ROBOT_SMART_CALL_SHAPE: Shape = Shape::Struct(&BATCH_ROBOT_SMART_CALL);

static BY_TASK_ID: Struct = Struct {
    fields: &[QUERY_BY_TASK_ID_PARAMS, &["extra"]],
    nested: &[("extra", FREE)],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `QueryCallDetailByTaskId`.
pub const QUERY_BY_TASK_ID_SHAPE: Shape = Shape::Struct(&BY_TASK_ID);

static BY_CALL_ID: Struct = Struct {
    fields: &[QUERY_BY_CALL_ID_PARAMS, &["extra"]],
    nested: &[("extra", FREE)],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `QueryCallDetailByCallId`.
pub const QUERY_BY_CALL_ID_SHAPE: Shape = Shape::Struct(&BY_CALL_ID);

static ROBOT_TASK_LIST: Struct = Struct {
    fields: &[QUERY_ROBOT_TASK_LIST_PARAMS, &["extra"]],
    nested: &[("extra", FREE)],
    rest: Rest::Closed,
    js: OnceLock::new(),
};
/// `QueryRobotTaskList`.
pub const QUERY_ROBOT_TASK_LIST_SHAPE: Shape = Shape::Struct(&ROBOT_TASK_LIST);

/// Alibaba's answers carry no user-keyed maps.
pub const OUTPUT_FREE: &[&str] = &[];
