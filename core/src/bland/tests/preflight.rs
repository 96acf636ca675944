//! Batch preflight: per-row results, row issue slices, the seed batch from Bland's guide.

use super::{ctx, dump};
use crate::bland::{BatchRequest, CallDataRow, RowNumber, RowPrompt, parse_batch, preflight_batch};
use crate::issue::{IssueCode, Severity};
use crate::template::VariableProblem;
use serde_json::{Value, json};

const SEED: &str = include_str!("../../../examples/data/bland_seed_batch.json");

fn e164(text: &str) -> crate::phone::E164 {
    crate::phone::E164::new(text).unwrap_or_else(|| panic!("not an E.164 text: {text}"))
}

fn batch(v: Value) -> BatchRequest {
    let (b, r) = parse_batch(v, &ctx());
    b.unwrap_or_else(|| panic!("unreadable batch:\n{}", dump(&r)))
}

#[test]
fn seed_batch_from_bland_guide_reads_every_field() {
    let v: Value = serde_json::from_str(SEED).unwrap();
    let b = batch(v);
    assert_eq!(b.call_data.len(), 2);
    assert_eq!(b.voice_id, Some(0));
    assert_eq!(b.max_duration, Some(10));
    assert_eq!(b.reduce_latency, Some(true));
    assert_eq!(b.wait_for_greeting, Some(true));
    assert_eq!(
        b.label.as_deref(),
        Some("Renewal Reminder - Wednesday Afternoon with female voice")
    );
}

#[test]
fn seed_batch_renders_both_prompts_and_reports_its_numbers() {
    let b = batch(serde_json::from_str(SEED).unwrap());
    let pre = preflight_batch(&b, &ctx());
    let prompts: Vec<_> = pre.rows().map(|r| r.prompt).collect();
    assert_eq!(
        prompts,
        vec![
            RowPrompt::Rendered(
                "You are calling ABC co. to renew their subscription to Netflix before it expires on September 4th."
            ),
            RowPrompt::Rendered(
                "You are calling XYZ inc. to renew their subscription to Window Cleaning before it expires on December 20th."
            ),
        ]
    );
    // The guide's numbers are placeholders: 123 and 321 are not US area codes. Whatever the
    // phone module says about them must surface per row, with the row's path.
    for row in pre.rows() {
        match row.number {
            RowNumber::Invalid(e) => {
                let path = format!("call_data[{}].phone_number", row.index);
                assert_eq!(row.issues.len(), 1, "{:?}", row.issues);
                assert_eq!(row.issues[0].path.as_str(), path);
                assert_eq!(row.issues[0].message, e.message);
                assert_eq!(row.issues[0].code, e.issue_code());
            }
            other => panic!("row {} unexpectedly {other:?}", row.index),
        }
    }
    assert_eq!(pre.report().warnings().count(), 0, "{}", dump(pre.report()));
    assert!(!pre.is_ok());
    assert_eq!(pre.ready_rows(), 0);
}

#[test]
fn rows_get_normalised_numbers_prompts_and_their_own_issues() {
    let b = batch(json!({
        "base_prompt": "Hello {{ name }} from {{city}}",
        "call_data": [
            {"phone_number": "(201) 555-0123", "name": "Ann", "city": "Newark"},
            {"phone_number": "+1 415.555.2671", "name": "Bo"},
            {"phone_number": "201-555-0123", "name": "Cy", "city": "Jersey City", "tier": "gold"},
            {"phone_number": "not a number", "name": "Di", "city": "Austin"},
            {"name": "Ed", "city": "Reno"},
            {"phone_number": "2125550147", "name": 42, "city": true}
        ]
    }));
    let pre = preflight_batch(&b, &ctx());
    let rows: Vec<_> = pre.rows().collect();
    assert_eq!(rows.len(), 6);

    assert_eq!(rows[0].number, &RowNumber::Valid(e164("+12015550123")));
    assert_eq!(rows[0].prompt, RowPrompt::Rendered("Hello Ann from Newark"));
    assert!(rows[0].issues.is_empty());

    assert_eq!(rows[1].number, &RowNumber::Valid(e164("+14155552671")));
    assert_eq!(
        rows[1].prompt,
        RowPrompt::Missing(&[VariableProblem::Missing("city".into())])
    );
    assert_eq!(rows[1].issues.len(), 1);
    assert_eq!(rows[1].issues[0].path.as_str(), "call_data[1].city");

    // Same number as row 0 in another format: a warning on this row, naming row 0.
    assert_eq!(rows[2].number, &RowNumber::Valid(e164("+12015550123")));
    assert_eq!(rows[2].issues.len(), 1, "{:?}", rows[2].issues);
    assert_eq!(rows[2].issues[0].code, IssueCode::Duplicate);
    assert_eq!(rows[2].issues[0].severity, Severity::Warning);
    assert!(
        rows[2].issues[0].message.contains("call_data[0]"),
        "{}",
        rows[2].issues[0].message
    );

    assert!(matches!(rows[3].number, RowNumber::Invalid(_)));
    assert_eq!(rows[3].prompt, RowPrompt::Rendered("Hello Di from Austin"));

    assert_eq!(rows[4].number, &RowNumber::Missing);
    assert_eq!(rows[4].issues[0].path.as_str(), "call_data[4].phone_number");

    // Numbers and booleans render as text.
    assert_eq!(rows[5].prompt, RowPrompt::Rendered("Hello 42 from true"));

    // Unused columns: one batch-level warning per column, pointing at the first row using it.
    let unused: Vec<_> = pre
        .report()
        .issues
        .iter()
        .filter(|i| i.code == IssueCode::UnusedVariable)
        .collect();
    assert_eq!(unused.len(), 1, "{}", dump(pre.report()));
    assert_eq!(unused[0].path.as_str(), "call_data[2].tier");

    // Every issue of the report is either batch-level or in exactly one row's slice.
    let in_rows: usize = rows.iter().map(|r| r.issues.len()).sum();
    assert_eq!(
        in_rows + unused.len(),
        pre.report().issues.len(),
        "{}",
        dump(pre.report())
    );
    assert_eq!(
        pre.ready_rows(),
        3,
        "rows 0, 2 (duplicate is only a warning) and 5"
    );
}

#[test]
fn phone_number_variable_renders_as_given() {
    let b = batch(json!({
        "base_prompt": "Calling {{phone_number}}",
        "call_data": [{"phone_number": "201 555 0123"}]
    }));
    let pre = preflight_batch(&b, &ctx());
    assert_eq!(
        pre.row(0).unwrap().prompt,
        RowPrompt::Rendered("Calling 201 555 0123")
    );
    assert!(pre.report().issues.is_empty(), "{}", dump(pre.report()));
}

#[test]
fn dotted_variables_use_the_top_level_column() {
    let b = batch(json!({
        "base_prompt": "Hi {{customer.first}}",
        "call_data": [
            {"phone_number": "2015550123", "customer": {"first": "Ann"}},
            {"phone_number": "4155552671", "customer": {"last": "Bo"}}
        ]
    }));
    let pre = preflight_batch(&b, &ctx());
    assert_eq!(pre.row(0).unwrap().prompt, RowPrompt::Rendered("Hi Ann"));
    let r1 = pre.row(1).unwrap();
    assert_eq!(r1.issues[0].path.as_str(), "call_data[1].customer.first");
    assert!(
        pre.report()
            .issues
            .iter()
            .all(|i| i.code != IssueCode::UnusedVariable)
    );
}

#[test]
fn broken_template_renders_nothing_but_still_checks_numbers() {
    let b = batch(json!({
        "base_prompt": "Hi {{name",
        "call_data": [{"phone_number": "2015550123", "name": "Ann"}, {"phone_number": "12"}]
    }));
    let pre = preflight_batch(&b, &ctx());
    assert!(pre.rows().all(|r| r.prompt == RowPrompt::NotRendered));
    assert_eq!(
        pre.row(0).unwrap().number,
        &RowNumber::Valid(e164("+12015550123"))
    );
    assert!(matches!(pre.row(1).unwrap().number, RowNumber::Invalid(_)));
    let syntax: Vec<_> = pre
        .report()
        .issues
        .iter()
        .filter(|i| i.code == IssueCode::TemplateSyntax)
        .collect();
    assert_eq!(syntax.len(), 1);
    assert_eq!(syntax[0].path.as_str(), "base_prompt");
}

#[test]
fn typed_construction_without_json() {
    let mut row = serde_json::Map::new();
    row.insert("phone_number".into(), json!("+14155552671"));
    row.insert("name".into(), json!("Ann"));
    let b = BatchRequest {
        base_prompt: Some("Hi {{name}}".into()),
        call_data: vec![CallDataRow(row)],
        ..Default::default()
    };
    let pre = preflight_batch(&b, &ctx());
    assert!(pre.is_ok(), "{}", dump(pre.report()));
    assert_eq!(pre.row(0).unwrap().prompt, RowPrompt::Rendered("Hi Ann"));
    assert!(pre.row(1).is_none());
}

#[test]
fn custom_normaliser_sees_every_row_number_once_and_its_errors_surface() {
    use crate::phone::{PhoneError, PhoneErrorKind};
    let b = batch(json!({
        "base_prompt": "Hi {{name}}",
        "call_data": [
            {"phone_number": "a", "name": "Ann"},
            {"phone_number": "b", "name": "Bo"},
            {"phone_number": "a", "name": "Cy"}
        ]
    }));
    let mut seen = Vec::new();
    let pre = crate::bland::preflight_batch_with(&b, &ctx(), |s| {
        seen.push(s.to_owned());
        match s {
            "a" => Ok(e164("+12015550123")),
            _ => Err(PhoneError::new(
                PhoneErrorKind::TooShort,
                "too short for this test",
            )),
        }
    });
    assert_eq!(seen, vec!["a", "b", "a"]);
    assert_eq!(
        pre.row(0).unwrap().number,
        &RowNumber::Valid(e164("+12015550123"))
    );
    let r1 = pre.row(1).unwrap();
    assert_eq!(r1.issues[0].code, IssueCode::PhoneTooShort);
    assert_eq!(r1.issues[0].message, "too short for this test");
    assert_eq!(pre.row(2).unwrap().issues[0].code, IssueCode::Duplicate);
}
