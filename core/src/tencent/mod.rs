//! Tencent Cloud Contact Center ("ccc", API 3.0, version 2020-02-10): typed models of the AI-call
//! operations, with validators that report every problem at once under wire-name paths.
//!
//! - [`CreateAICall`]: place one LLM-driven call ([`create_ai_call`]), with [`tts::CustomTtsConfig`].
//! - Lookups and control: [`DescribeTelSession`], [`DescribeSessionDetail`], [`DescribeTelCdr`],
//!   [`DescribeAICallExtractResult`], [`DescribeAIAnalysisResult`],
//!   [`DescribeAICallInteractionRecords`], [`DescribeAILatency`], [`HangUpCall`].
//! - [`envelope`]: `{"Response": …}` with `Error {Code, Message}`; [`error_codes`]: the documented
//!   codes; [`end_status`]: how a call ended, mapped to the unified [`end_status::Outcome`].
//!
//! Every request implements [`Operation`]: `parse_and_validate` for JSON input, `validate` for typed
//! input, `to_wire_body` for the body to sign and send.

pub mod create_ai_call;
pub mod end_status;
pub mod envelope;
pub mod error_codes;
pub mod json_string;
pub mod lookups;
pub mod tts;
pub mod url;

mod checks;

#[cfg(test)]
mod tests;

pub use create_ai_call::{CreateAICall, CreateAICallOutput};
pub use lookups::{
    DescribeAIAnalysisResult, DescribeAICallExtractResult, DescribeAICallInteractionRecords,
    DescribeAILatency, DescribeSessionDetail, DescribeTelCdr, DescribeTelSession, HangUpCall,
};

use crate::Context;
use crate::issue::{IssueCode, Path, Report};
use crate::json::{self, Extra};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// `X-TC-Version` of every ccc operation here.
pub const API_VERSION: &str = "2020-02-10";
/// Service name in the TC3 credential scope and the host (`ccc.tencentcloudapi.com`).
pub const SERVICE: &str = "ccc";

/// A ccc operation: its request model, validator, wire body and output type.
pub trait Operation:
    Sized + Serialize + DeserializeOwned + json::read::ReadJson + std::fmt::Debug
{
    /// `X-TC-Action`.
    const ACTION: &'static str;
    /// The output fields inside `{"Response": …}` (read with [`envelope::parse_response`]).
    type Output: DeserializeOwned;

    /// Every rule, all problems at once. `ctx` supplies "now" for window limits.
    fn validate(&self, ctx: &Context, report: &mut Report);

    /// Vendor fields passed through verbatim.
    fn extra(&self) -> &Extra;

    /// Read user JSON and validate: every wrong type, unknown field and rule violation.
    fn parse_and_validate(value: Value, ctx: &Context) -> (Option<Self>, Report) {
        json::parse_and_validate::<Self>(value, |m, r| m.validate(ctx, r))
    }

    /// The JSON body to sign and send, with `extra` merged in. The report holds problems found
    /// while building (an `extra` key that would override a modelled field); it does not
    /// re-validate, so call [`Operation::validate`] first.
    fn to_wire_body(&self) -> (Value, Report) {
        serialize_with_extra(self, self.extra())
    }
}

/// Serialize a model (its `extra` is `skip_serializing`) and merge `extra` into it.
pub(crate) fn serialize_with_extra<T: Serialize>(model: &T, extra: &Extra) -> (Value, Report) {
    with_extra(serde_json::to_value(model), extra)
}

/// [`serialize_with_extra`] after the model's own serialization: not generic, so one copy in the
/// wasm module instead of one per operation (BENCHMARKS.md § wasm "Size").
#[inline(never)]
fn with_extra(serialized: serde_json::Result<Value>, extra: &Extra) -> (Value, Report) {
    let mut report = Report::new();
    let mut body = match serialized {
        Ok(Value::Object(m)) => m,
        // Models are structs of strings, numbers and lists; this is unreachable in practice and
        // reported rather than panicking.
        Ok(other) => {
            report.error(
                IssueCode::InvalidType,
                Path::root(),
                format!("model serialized to {}", json::kind_name(&other)),
            );
            Map::new()
        }
        Err(e) => {
            report.error(
                IssueCode::InvalidType,
                Path::root(),
                format!("model could not be serialized: {e}"),
            );
            Map::new()
        }
    };
    json::merge_extra(&mut body, extra, &Path::root(), &mut report);
    (Value::Object(body), report)
}
