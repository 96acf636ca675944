//! `POST /v2/batches/create`: global, call_objects, description, status_webhook.

use super::Op::{self, *};
use super::Want::{self, Clean, Issue, Phone};
use super::{base, minutes_from_now};
use crate::bland::tests::{with, without};
use crate::issue::IssueCode as C;
use crate::issue::Severity::{Error as E, Warning as W};
use serde_json::{Value, json};

pub(super) fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    let v2 = base(BatchV2);
    let long = |n: usize| Value::String("x".repeat(n));
    vec![
        // --- POST /v2/batches/create
        (
            "v2: global missing",
            BatchV2,
            without(&v2, "global"),
            Issue("global", C::Required, E),
        ),
        (
            "v2: global needs task or pathway",
            BatchV2,
            with(&v2, "global", json!({"voice": "maya"})),
            Issue("global.task", C::Required, E),
        ),
        (
            "v2: global with pathway",
            BatchV2,
            with(&v2, "global", json!({"pathway_id": "pw"})),
            Clean,
        ),
        (
            "v2: phone_number forbidden in global",
            BatchV2,
            with(&v2, "global.phone_number", json!("+12015550123")),
            Issue("global.phone_number", C::Conflict, E),
        ),
        (
            "v2: global options checked with prefix",
            BatchV2,
            with(&v2, "global.webhook", json!("http://x.example")),
            Issue("global.webhook", C::NotHttps, E),
        ),
        (
            "v2: call_objects empty",
            BatchV2,
            with(&v2, "call_objects", json!([])),
            Issue("call_objects", C::TooFew, E),
        ),
        (
            "v2: call object without number",
            BatchV2,
            with(&v2, "call_objects[1]", json!({"task": "x"})),
            Issue("call_objects[1].phone_number", C::Required, E),
        ),
        (
            "v2: call object number invalid",
            BatchV2,
            with(&v2, "call_objects[1].phone_number", json!("99")),
            Phone("call_objects[1].phone_number"),
        ),
        (
            "v2: null call object",
            BatchV2,
            with(&v2, "call_objects[0]", Value::Null),
            Issue("call_objects[0]", C::Required, E),
        ),
        (
            "v2: call object of wrong type",
            BatchV2,
            with(&v2, "call_objects[0]", json!(7)),
            Issue("call_objects[0]", C::InvalidType, E),
        ),
        (
            "v2: call object unknown field",
            BatchV2,
            with(&v2, "call_objects[1].colour", json!(1)),
            Issue("call_objects[1].colour", C::UnknownField, E),
        ),
        (
            "v2: call object options checked",
            BatchV2,
            with(
                &v2,
                "call_objects[1].start_time",
                json!(minutes_from_now(2)),
            ),
            Issue("call_objects[1].start_time", C::NotInFuture, E),
        ),
        (
            "v2: duplicate numbers",
            BatchV2,
            with(&v2, "call_objects[1].phone_number", json!("2015550123")),
            Issue("call_objects[1].phone_number", C::Duplicate, W),
        ),
        (
            "v2: b_cid not a UUIDv7",
            BatchV2,
            with(&v2, "call_objects[0].b_cid", json!("abc")),
            Issue("call_objects[0].b_cid", C::InvalidFormat, E),
        ),
        (
            "v2: b_cid UUIDv7",
            BatchV2,
            with(
                &v2,
                "call_objects[0].b_cid",
                json!("0190b3a2-7c1e-7d4a-9b2e-0123456789ab"),
            ),
            Clean,
        ),
        (
            "v2: description 61 chars",
            BatchV2,
            with(&v2, "description", long(61)),
            Issue("description", C::TooLong, E),
        ),
        (
            "v2: description 60 chars",
            BatchV2,
            with(&v2, "description", long(60)),
            Clean,
        ),
        (
            "v2: status_webhook http",
            BatchV2,
            with(&v2, "status_webhook", json!("http://x.example/s")),
            Issue("status_webhook", C::NotHttps, E),
        ),
        (
            "v2: pathway in global ignores task in a call object",
            BatchV2,
            with(
                &with(&v2, "global", json!({"pathway_id": "pw"})),
                "call_objects[0].task",
                json!("t"),
            ),
            Issue("call_objects[0].task", C::Ignored, W),
        ),
        (
            "v2: pathway_version in a call object inherits global pathway",
            BatchV2,
            with(
                &with(&v2, "global", json!({"pathway_id": "pw"})),
                "call_objects[0].pathway_version",
                json!(2),
            ),
            Clean,
        ),
    ]
}
