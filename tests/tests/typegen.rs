//! The generated TypeScript declarations (`typings/operations.d.ts`) cannot drift from the core:
//! every operation's input interface has exactly the keys the JS facade accepts, at every level,
//! and the committed file is what the generator writes today.

use callplane_core::api::registry::Operation;
use callplane_core::js::{self, shape::Shape};
use callplane_tests::typegen::{self, render::KeyTree};

fn generated() -> typegen::Generated {
    match typegen::generate(&typegen::workspace_root()) {
        Ok(g) => g,
        Err(e) => panic!("typegen failed:\n{e}"),
    }
}

/// Compare the keys of the TypeScript type (`tree`) with the facade's `shape` at `path`.
fn compare(shape: Shape, tree: Option<&KeyTree>, path: &str, problems: &mut Vec<String>) {
    match shape {
        Shape::List(item) => compare(*item, tree, path, problems),
        Shape::Struct(s) => {
            let Some(tree) = tree else {
                problems.push(format!(
                    "{path}: the facade renames fields here, the type has none"
                ));
                return;
            };
            let mut want: Vec<String> = s.names().map(|(_, js)| js.to_owned()).collect();
            let mut have: Vec<String> = tree.keys.iter().map(|(k, _)| k.clone()).collect();
            want.sort();
            have.sort();
            if want != have {
                let missing: Vec<&String> = want.iter().filter(|k| !have.contains(k)).collect();
                let extra: Vec<&String> = have.iter().filter(|k| !want.contains(k)).collect();
                problems.push(format!(
                    "{path}: keys differ; the type lacks {missing:?}, has extra {extra:?}"
                ));
            }
            let data = s.rest == js::shape::Rest::Data;
            if data != tree.open {
                problems.push(format!(
                    "{path}: the facade {} other keys as data; the type {}",
                    if data { "keeps" } else { "refuses" },
                    if tree.open { "allows them" } else { "does not" }
                ));
            }
            for (wire, js_name) in s.names() {
                let child = tree
                    .keys
                    .iter()
                    .find(|(k, _)| k == js_name)
                    .and_then(|(_, t)| t.as_ref());
                let at = format!("{path}.{js_name}");
                match s.shape_of(wire) {
                    inner @ (Shape::Struct(_) | Shape::List(_)) => {
                        compare(inner, child, &at, problems)
                    }
                    Shape::Scalar | Shape::Free => {
                        if child.is_some() {
                            problems.push(format!(
                                "{at}: the type renames keys inside, the facade keeps them"
                            ));
                        }
                    }
                }
            }
        }
        Shape::Scalar | Shape::Free => problems.push(format!("{path}: not an object")),
    }
}

#[test]
fn input_types_have_exactly_the_keys_the_facade_accepts() {
    let g = generated();
    let mut problems = Vec::new();
    for op in Operation::ALL {
        let name = js::operation_name(*op);
        let tree = g.input_keys.get(&name);
        assert!(tree.is_some(), "{name}: no input type");
        compare(js::input_shape(*op), tree, &name, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_key_the_facade_refuses_is_caught() {
    // The comparison itself must fail on drift: drop a key and add a bogus one.
    let g = generated();
    let mut tree = g.input_keys["tencent.createAICall"].clone();
    tree.keys.retain(|(k, _)| k != "llmType");
    tree.keys.push(("LLMType".into(), None));
    let mut problems = Vec::new();
    compare(
        js::input_shape(Operation::TencentCreateAICall),
        Some(&tree),
        "x",
        &mut problems,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("\"llmType\"") && problems[0].contains("\"LLMType\""));
}

#[test]
fn every_operation_is_in_the_operations_map() {
    let g = generated();
    for op in Operation::ALL {
        let name = js::operation_name(*op);
        let stem = typegen::type_stem(*op);
        let row = format!("  {name:?}: {{ input: {stem}Input; output: {stem}Output }};");
        assert!(g.text.contains(&row), "missing: {row}");
        for t in [format!("{stem}Input"), format!("{stem}Output")] {
            assert!(
                g.text.contains(&format!("export type {t} = "))
                    || g.text.contains(&format!("export interface {t} {{")),
                "{t} is not declared"
            );
        }
    }
}

#[test]
fn the_committed_file_is_current() {
    let g = generated();
    let path = typegen::workspace_root().join(typegen::OUTPUT);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == g.text,
        "{} is stale: run `cargo run -p callplane-tests --bin typegen` and commit it",
        typegen::OUTPUT
    );
}

/// The top-level keys of `export interface <name> {` in the generated text.
fn interface_keys(text: &str, name: &str) -> Vec<String> {
    let head = format!("export interface {name} {{\n");
    let body = text
        .split(&head)
        .nth(1)
        .and_then(|s| s.split("\n}").next())
        .unwrap_or("");
    let mut keys: Vec<String> = body
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' ') && !l.starts_with('/') && !l.starts_with('*'))
        .filter_map(|l| l.split(':').next())
        .map(|k| k.trim_end_matches('?'))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys
}

/// The keys serde wrote for a model (every optional field set).
fn serialized_keys(value: serde_json::Result<serde_json::Value>) -> Vec<String> {
    let mut keys: Vec<String> = match value {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        other => panic!("not an object: {other:?}"),
    };
    keys.sort();
    keys
}

#[test]
fn the_campaign_types_have_the_core_models_keys() {
    use callplane_core::campaign::{CallingHours, Campaign, Contact, Schedule};
    let g = generated();
    let campaign = Campaign {
        schedule: Some(Schedule::default()),
        calling_hours: Some(CallingHours::default()),
        ..Campaign::default()
    };
    assert_eq!(
        interface_keys(&g.text, "Campaign"),
        serialized_keys(serde_json::to_value(campaign))
    );
    let contact = Contact {
        id: Some("k".into()),
        ..Contact::default()
    };
    assert_eq!(
        interface_keys(&g.text, "CampaignContact"),
        serialized_keys(serde_json::to_value(contact))
    );
}

#[test]
fn the_campaign_results_name_every_kind_status_and_code() {
    use callplane_core::campaign::ContactStatus;
    let g = generated();
    let union = |name: &str| -> Vec<String> {
        let mut v: Vec<String> = g
            .text
            .split(&format!("export type {name} ="))
            .nth(1)
            .and_then(|s| s.split(";\n").next())
            .unwrap_or("")
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        v.sort();
        v
    };
    let mut codes: Vec<String> = callplane_core::IssueCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    codes.sort();
    assert_eq!(union("IssueCode"), codes);
    assert_eq!(union("Vendor"), ["aliyun", "bland", "tencent"]);
    let mut statuses: Vec<String> = [
        ContactStatus::Ready,
        ContactStatus::Warning,
        ContactStatus::Excluded,
    ]
    .iter()
    .map(|s| s.as_str().to_owned())
    .collect();
    statuses.sort();
    assert_eq!(union("ContactStatus"), statuses);
    // The kinds core/src/js/campaign.rs writes (`correlation_js`).
    let mut kinds = [
        "bland_batch_label",
        "bland_call",
        "aliyun_task",
        "tencent_callee",
    ];
    kinds.sort_unstable();
    assert_eq!(union("Correlation"), kinds);
}
