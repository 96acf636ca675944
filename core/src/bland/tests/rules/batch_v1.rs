//! `POST /v1/batches` (legacy): base_prompt, call_data rows, batch-only fields.

use super::Op::{self, *};
use super::Want::{self, Issue, Phone};
use super::base;
use crate::bland::tests::{with, without};
use crate::issue::IssueCode as C;
use crate::issue::Severity::{Error as E, Warning as W};
use serde_json::{Value, json};

pub(super) fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    let batch = base(Batch);
    vec![
        // --- POST /v1/batches
        (
            "batch: base_prompt missing",
            Batch,
            without(&batch, "base_prompt"),
            Issue("base_prompt", C::Required, E),
        ),
        (
            "batch: template syntax",
            Batch,
            with(&batch, "base_prompt", json!("Hi {{name")),
            Issue("base_prompt", C::TemplateSyntax, E),
        ),
        (
            "batch: call_data empty",
            Batch,
            with(&batch, "call_data", json!([])),
            Issue("call_data", C::TooFew, E),
        ),
        (
            "batch: missing variable",
            Batch,
            with(
                &batch,
                "call_data[1]",
                json!({"phone_number": "+14155552671", "name": "Bo"}),
            ),
            Issue("call_data[1].service", C::MissingVariable, E),
        ),
        (
            "batch: null variable is missing",
            Batch,
            with(&batch, "call_data[0].name", Value::Null),
            Issue("call_data[0].name", C::MissingVariable, E),
        ),
        (
            "batch: object variable",
            Batch,
            with(&batch, "call_data[0].name", json!({"first": "Ann"})),
            Issue("call_data[0].name", C::NonScalarVariable, E),
        ),
        (
            "batch: unused column",
            Batch,
            with(&batch, "call_data[0].colour", json!("red")),
            Issue("call_data[0].colour", C::UnusedVariable, W),
        ),
        (
            "batch: row number invalid",
            Batch,
            with(&batch, "call_data[1].phone_number", json!("1234567890")),
            Phone("call_data[1].phone_number"),
        ),
        (
            "batch: row number missing",
            Batch,
            with(
                &batch,
                "call_data[1]",
                json!({"name": "Bo", "service": "x"}),
            ),
            Issue("call_data[1].phone_number", C::Required, E),
        ),
        (
            "batch: row number not a string",
            Batch,
            with(&batch, "call_data[1].phone_number", json!(2015550123_u64)),
            Issue("call_data[1].phone_number", C::InvalidType, E),
        ),
        (
            "batch: duplicate number in another format",
            Batch,
            with(
                &batch,
                "call_data[1].phone_number",
                json!("+1 (201) 555-0123"),
            ),
            Issue("call_data[1].phone_number", C::Duplicate, W),
        ),
        (
            "batch: null row",
            Batch,
            with(&batch, "call_data[1]", Value::Null),
            Issue("call_data[1]", C::Required, E),
        ),
        (
            "batch: row of wrong type",
            Batch,
            with(&batch, "call_data[0]", json!("2015550123")),
            Issue("call_data[0]", C::InvalidType, E),
        ),
        (
            "batch: task conflicts with base_prompt",
            Batch,
            with(&batch, "task", json!("x")),
            Issue("task", C::Conflict, E),
        ),
        (
            "batch: voice and voice_id",
            Batch,
            with(&with(&batch, "voice", json!("maya")), "voice_id", json!(0)),
            Issue("voice_id", C::Conflict, W),
        ),
        (
            "batch: voice and reduce_latency",
            Batch,
            with(
                &with(&batch, "voice", json!("maya")),
                "reduce_latency",
                json!(true),
            ),
            Issue("reduce_latency", C::Conflict, W),
        ),
        (
            "batch: batch_webhook http",
            Batch,
            with(&batch, "batch_webhook", json!("http://x.example/b")),
            Issue("batch_webhook", C::NotHttps, E),
        ),
        (
            "batch: pathway replaces base_prompt",
            Batch,
            with(&batch, "pathway_id", json!("pw")),
            Issue("base_prompt", C::Ignored, W),
        ),
        (
            "batch: options checked at the root",
            Batch,
            with(&batch, "max_duration", json!(0)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "batch: voice_id must be an integer",
            Batch,
            with(&batch, "voice_id", json!("zero")),
            Issue("voice_id", C::InvalidType, E),
        ),
        (
            "batch: extra shadows own field",
            Batch,
            with(&batch, "extra", json!({"label": "x"})),
            Issue("extra.label", C::ExtraShadowsField, E),
        ),
    ]
}
