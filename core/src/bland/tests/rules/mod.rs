//! Every validation rule, data-driven (one table per operation): a valid base input per operation, one change per case, and
//! the issue (path, code, severity) that change must produce — or the path that must stay clean.

mod batch_v1;
mod batch_v2;
mod inbound;
mod send_call;

use super::{PHONE_CODES, at, ctx, dump, with};
use crate::bland::{parse_batch, parse_create_batch_v2, parse_inbound_update, parse_send_call};
use crate::issue::Severity::Error as E;
use crate::issue::{IssueCode as C, Report, Severity};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy)]
pub(super) enum Op {
    SendCall,
    Batch,
    BatchV2,
    Inbound,
}

pub(super) fn base(op: Op) -> Value {
    match op {
        Op::SendCall => json!({
            "phone_number": "+12015550123",
            "task": "Confirm tomorrow's appointment.",
            "webhook": "https://example.com/hook"
        }),
        Op::Batch => json!({
            "base_prompt": "Hi {{name}}, this is about your {{service}}.",
            "call_data": [
                {"phone_number": "2015550123", "name": "Ann", "service": "gutters"},
                {"phone_number": "(415) 555-2671", "name": "Bo", "service": "windows"}
            ]
        }),
        Op::BatchV2 => json!({
            "global": {"task": "Confirm the renewal."},
            "call_objects": [
                {"phone_number": "+12015550123"},
                {"phone_number": "+14155552671", "request_data": {"name": "Bo"}}
            ],
            "description": "Renewals",
            "status_webhook": "https://example.com/status"
        }),
        Op::Inbound => json!({
            "phone_number": "2015550123",
            "prompt": "Answer questions about opening hours.",
            "language": "ENG"
        }),
    }
}

fn run(op: Op, v: Value) -> Report {
    match op {
        Op::SendCall => parse_send_call(v, &ctx()).1,
        Op::Batch => parse_batch(v, &ctx()).1,
        Op::BatchV2 => parse_create_batch_v2(v, &ctx()).1,
        Op::Inbound => parse_inbound_update(v).1,
    }
}

pub(super) enum Want {
    /// An issue with this path, code and severity.
    Issue(&'static str, C, Severity),
    /// A phone error (whichever phone code the phone module picks) at this path.
    Phone(&'static str),
    /// No issue at all.
    Clean,
}

use Want::{Clean, Issue, Phone};

pub(super) fn minutes_from_now(m: i64) -> String {
    let t = chrono::DateTime::from_timestamp_millis(super::NOW_MS + m * 60_000).expect("in range");
    t.format("%Y-%m-%d %H:%M:%S +00:00").to_string()
}

fn cases() -> Vec<(&'static str, Op, Value, Want)> {
    let mut all = send_call::cases();
    all.extend(batch_v1::cases());
    all.extend(batch_v2::cases());
    all.extend(inbound::cases());
    all
}

#[test]
fn base_inputs_are_clean() {
    for op in [Op::SendCall, Op::Batch, Op::BatchV2, Op::Inbound] {
        let r = run(op, base(op));
        assert!(r.issues.is_empty(), "{op:?}:\n{}", dump(&r));
    }
}

#[test]
fn every_rule() {
    let mut failures = Vec::new();
    for (name, op, input, want) in cases() {
        let r = run(op, input);
        let ok = match &want {
            Issue(path, code, sev) => at(&r, path).contains(&(*code, *sev)),
            Phone(path) => at(&r, path)
                .iter()
                .any(|(c, s)| *s == E && PHONE_CODES.contains(c)),
            Clean => r.issues.is_empty(),
        };
        if !ok {
            let w = match want {
                Issue(p, c, s) => format!("{s:?} {c} at `{p}`"),
                Phone(p) => format!("a phone error at `{p}`"),
                Clean => "no issue".to_owned(),
            };
            failures.push(format!("{name}: wanted {w}, got:\n{}", dump(&r)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let input = json!({
        "phone_number": "12",
        "model": "gpt4",
        "max_duration": 0,
        "webhook": "http://x.example",
        "keywords": vec!["k"; 25],
        "colour": "red"
    });
    let r = run(Op::SendCall, input);
    for (path, code) in [
        ("model", C::InvalidEnum),
        ("max_duration", C::OutOfRange),
        ("webhook", C::NotHttps),
        ("keywords", C::TooMany),
        ("colour", C::UnknownField),
        ("task", C::Required),
    ] {
        assert!(
            at(&r, path).iter().any(|(c, _)| *c == code),
            "{path} {code}:\n{}",
            dump(&r)
        );
    }
    assert!(
        at(&r, "phone_number")
            .iter()
            .any(|(c, _)| PHONE_CODES.contains(c)),
        "{}",
        dump(&r)
    );
}

#[test]
fn messages_name_the_rule() {
    let batch = base(Op::Batch);
    let r = run(
        Op::Batch,
        with(
            &batch,
            "call_data[1]",
            json!({"phone_number": "1234567890", "name": "Bo"}),
        ),
    );
    let shown: Vec<String> = r.issues.iter().map(ToString::to_string).collect();
    assert!(
        shown.contains(
            &"call_data[1].service: missing variable `service` used by base_prompt".to_owned()
        ),
        "{shown:#?}"
    );
    assert!(
        shown.contains(&"call_data[1].phone_number: not a valid number for region US".to_owned()),
        "{shown:#?}"
    );
    let t = run(
        Op::Batch,
        with(&batch, "base_prompt", json!("Hello\n  {{ name")),
    );
    let syntax = t
        .issues
        .iter()
        .find(|i| i.code == C::TemplateSyntax)
        .expect("syntax issue");
    assert!(syntax.message.starts_with("line "), "{}", syntax.message);
    assert!(
        !syntax.to_string().starts_with("base_prompt: base_prompt"),
        "{syntax}"
    );
}

#[test]
fn row_numbers_normalise_to_the_bland_wire_form() {
    // `normalise_phone` takes the parsed E.164 string instead of formatting it for Bland's wire;
    // both must agree on every outcome, valid or not.
    use crate::Vendor;
    use crate::phone::{parse_bland, to_wire};
    for input in [
        "(415) 555-2671",
        "+1 415 555 2671",
        "%2B14155552671",
        "4155552671",
        "+44 20 7946 0958",
        "+86 139 0000 1111",
        "12",
        "",
        "+1 900 555 0100",
        "not a number",
    ] {
        let want = parse_bland(input).and_then(|n| to_wire(Vendor::Bland, &n));
        assert_eq!(
            crate::bland::rules::normalise_phone(input).map(String::from),
            want,
            "{input}"
        );
    }
}
