//! Alibaba Cloud Voice Messaging Service, "dyvms" (Dyvmsapi 2017-05-25): typed models of the robot
//! call operations callplane uses, their validators, and the vendor's response shapes.
//!
//! - Requests ([`BatchRobotSmartCall`], [`QueryCallDetailByTaskId`], [`QueryCallDetailByCallId`],
//!   [`QueryRobotTaskList`])
//!   use proper types; [`RpcAction::to_params`] / `from_params` convert to and from the flat RPC
//!   parameters (comma lists, JSON text, `true`/`false`, decimal longs).
//! - JSON input goes through [`parse_and_validate`], which reports every type error, unknown field
//!   and rule violation at once, with wire-name paths (`CalledNumber[3]`).
//! - Responses: the [`ResponseEnvelope`] every answer has, the gateway's [`GatewayError`], and the
//!   call-detail documents ([`CallDetail`], [`CallRecord`]) that arrive as JSON text in `Data`.
//! - [`status`] and [`smart_status`] map call results onto [`CallOutcome`]; [`codes`] lists every
//!   documented error code; [`time`] converts Aliyun's CST time strings.
//!
//! Reference: VENDORS.md §2 and the seed `002_*.txt` (BatchRobotSmartCall).

mod batch;
mod batch_validate;
pub mod codes;
mod detail;
mod envelope;
mod numbers;
mod query;
mod rpc;
pub mod smart_status;
pub mod status;
mod task_list;
pub mod time;
pub(crate) mod wire;

#[cfg(test)]
mod tests;

pub use batch::{
    BATCH_ROBOT_SMART_CALL_PARAMS, BatchRobotSmartCall, BatchRobotSmartCallResponse, TtsParamEntry,
};
pub use batch_validate::{
    MAX_CALLED_NUMBERS, MAX_CALLED_SHOW_NUMBERS, MAX_TASK_NAME_CHARS, SUMMARY_CALLED_NUMBERS,
};
pub use codes::{CodeLayer, DOCUMENTED_CODES, DocumentedCode};
pub(crate) use detail::opt_status;
pub use detail::{CallDetail, CallRecord, DialogTurn};
pub use envelope::{GatewayError, ResponseEnvelope};
pub use query::{
    DOCUMENTED_PROD_IDS, QUERY_BY_CALL_ID_PARAMS, QUERY_BY_TASK_ID_PARAMS, QueryCallDetailByCallId,
    QueryCallDetailByCallIdResponse, QueryCallDetailByTaskId, QueryCallDetailByTaskIdResponse,
};
pub use rpc::{API_VERSION, COMMON_PARAMS, ENDPOINT, RpcAction, parse_and_validate};
pub use smart_status::{SmartStatusCode, SmartStatusKind};
pub use status::{CallOutcome, CallStatusCode, CallStatusKind, RECALL_STATE_CODES};
pub use task_list::{
    MAX_TASK_LIST_PAGE_SIZE, QUERY_ROBOT_TASK_LIST_PARAMS, QueryRobotTaskList,
    QueryRobotTaskListResponse, RobotTask,
};
