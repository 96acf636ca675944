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
