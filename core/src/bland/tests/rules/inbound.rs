//! `POST /v1/inbound/{phone_number}`.

use super::Op::{self, *};
use super::Want::{self, Clean, Issue, Phone};
use super::base;
use crate::bland::tests::{with, without};
use crate::issue::IssueCode as C;
use crate::issue::Severity::{Error as E, Warning as W};
use serde_json::{Value, json};

pub(super) fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    let inbound = base(Inbound);
    vec![
        // --- POST /v1/inbound/{phone_number}
        (
            "inbound: phone_number missing",
            Inbound,
            without(&inbound, "phone_number"),
            Issue("phone_number", C::Required, E),
        ),
        (
            "inbound: %2B prefix accepted",
            Inbound,
            with(&inbound, "phone_number", json!("%2B12015550123")),
            Clean,
        ),
        (
            "inbound: number invalid",
            Inbound,
            with(&inbound, "phone_number", json!("3334445555x")),
            Phone("phone_number"),
        ),
        (
            "inbound: pathway clears prompt",
            Inbound,
            with(&inbound, "pathway_id", json!("pw")),
            Issue("prompt", C::Ignored, W),
        ),
        (
            "inbound: pathway clears first_sentence",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "first_sentence",
                json!("Hi"),
            ),
            Issue("first_sentence", C::Ignored, W),
        ),
        (
            "inbound: pathway clears model",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "model",
                json!("base"),
            ),
            Issue("model", C::Ignored, W),
        ),
        (
            "inbound: pathway clears dynamic_data",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "dynamic_data",
                json!({}),
            ),
            Issue("dynamic_data", C::Ignored, W),
        ),
        (
            "inbound: pathway clears tools",
            Inbound,
            with(
                &with(&inbound, "pathway_id", json!("pw")),
                "tools",
                json!([]),
            ),
            Issue("tools", C::Ignored, W),
        ),
        (
            "inbound: clearing the pathway is no conflict",
            Inbound,
            with(&inbound, "pathway_id", Value::Null),
            Clean,
        ),
        (
            "inbound: babel code is not on the inbound page",
            Inbound,
            with(&inbound, "language", json!("babel-en")),
            Issue("language", C::UnknownLanguage, W),
        ),
        (
            "inbound: model unknown",
            Inbound,
            with(&inbound, "model", json!("gpt4")),
            Issue("model", C::InvalidEnum, E),
        ),
        (
            "inbound: interruption_threshold",
            Inbound,
            with(&inbound, "interruption_threshold", json!(300)),
            Issue("interruption_threshold", C::OutOfRange, W),
        ),
        (
            "inbound: max_duration zero",
            Inbound,
            with(&inbound, "max_duration", json!(0)),
            Issue("max_duration", C::OutOfRange, E),
        ),
        (
            "inbound: timezone",
            Inbound,
            with(&inbound, "timezone", json!("EST5EDT-ish")),
            Issue("timezone", C::InvalidTimezone, E),
        ),
        (
            "inbound: transfer number",
            Inbound,
            with(&inbound, "transfer_phone_number", json!("12")),
            Phone("transfer_phone_number"),
        ),
        (
            "inbound: transfer number null clears",
            Inbound,
            with(&inbound, "transfer_phone_number", Value::Null),
            Clean,
        ),
        (
            "inbound: transfer_list value",
            Inbound,
            with(&inbound, "transfer_list", json!({"billing": "1"})),
            Phone("transfer_list.billing"),
        ),
        (
            "inbound: webhook http",
            Inbound,
            with(&inbound, "webhook", json!("http://example.com")),
            Issue("webhook", C::NotHttps, E),
        ),
        (
            "inbound: keywords",
            Inbound,
            with(&inbound, "keywords", json!(vec!["k"; 21])),
            Issue("keywords", C::TooMany, E),
        ),
        (
            "inbound: dynamic_data of wrong type",
            Inbound,
            with(&inbound, "dynamic_data", json!(5)),
            Issue("dynamic_data", C::InvalidType, E),
        ),
        (
            "inbound: dynamic_data empty string clears",
            Inbound,
            with(&inbound, "dynamic_data", json!("")),
            Clean,
        ),
        (
            "inbound: nothing to update",
            Inbound,
            json!({"phone_number": "2015550123"}),
            Issue("", C::Required, W),
        ),
        (
            "inbound: record and metadata",
            Inbound,
            with(
                &with(&inbound, "record", json!(true)),
                "metadata",
                json!({"k": 1}),
            ),
            Clean,
        ),
    ]
}
