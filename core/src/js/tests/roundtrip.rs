//! Property tests: for every operation, a wire input made of the table's fields maps to JS names
//! and back to exactly itself, JS names have no `_` or leading capital, and free-form data keeps
//! every key it had.

use crate::api::registry::Operation;
use crate::issue::{Path, Report};
use crate::js::schema::input;
use crate::js::shape::{Rest, Shape, input_to_js, input_to_wire};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A key that looks like a field in every style: must survive untouched inside free-form data.
fn data_key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}(_[a-z]{1,6}){0,2}",
        "[A-Z][a-z]{1,5}([A-Z]{1,3}[a-z]{0,3}){0,2}",
        "[a-z]{1,5}[A-Z][a-z]{1,5}",
        ".{0,8}",
    ]
}

fn free_value(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        leaf,
        prop::collection::vec(free_value(depth - 1), 0..3).prop_map(Value::Array),
        prop::collection::vec((data_key(), free_value(depth - 1)), 0..4)
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
    ]
    .boxed()
}

/// A random wire value of `shape`: a random subset of each struct's fields.
fn wire_value(shape: Shape, depth: u32) -> BoxedStrategy<Value> {
    match shape {
        Shape::Scalar => prop_oneof![
            ".{0,8}".prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            prop::collection::vec(".{0,4}".prop_map(Value::from), 0..3).prop_map(Value::Array),
        ]
        .boxed(),
        Shape::Free => free_value(2),
        Shape::List(item) if depth > 0 => prop::collection::vec(wire_value(*item, depth - 1), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        Shape::List(_) => Just(json!([])).boxed(),
        Shape::Struct(s) => {
            let names: Vec<&'static str> = s.wire_names().collect();
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = names
                .iter()
                .map(|n| {
                    let n = *n;
                    prop::option::of(wire_value(s.shape_of(n), depth.saturating_sub(1)))
                        .prop_map(move |v| v.map(|v| (n.to_owned(), v)))
                        .boxed()
                })
                .collect();
            let data = if s.rest == Rest::Data {
                prop::collection::vec((data_key(), free_value(1)), 0..3).boxed()
            } else {
                Just(Vec::new()).boxed()
            };
            (fields, data)
                .prop_map(move |(fields, data)| {
                    let mut m: Map<String, Value> = fields.into_iter().flatten().collect();
                    for (k, v) in data {
                        // A data key spelled like a field is a field; leave those to the fields.
                        if !m.contains_key(&k) && !s_has(&names, &k) {
                            m.insert(k, v);
                        }
                    }
                    Value::Object(m)
                })
                .boxed()
        }
    }
}

fn s_has(names: &[&str], key: &str) -> bool {
    names
        .iter()
        .any(|n| *n == key || crate::js::names::js_eq(n, key))
}

/// Every key at a struct position of the JS form is camelCase.
fn assert_js_names(shape: Shape, v: &Value) {
    match (shape, v) {
        (Shape::List(item), Value::Array(items)) => {
            items.iter().for_each(|i| assert_js_names(*item, i))
        }
        (Shape::Struct(s), Value::Object(m)) => {
            for (k, v) in m {
                match s.wire_of(k) {
                    Some(w) => {
                        assert!(
                            !k.contains('_') && !k.starts_with(|c: char| c.is_ascii_uppercase()),
                            "{k}"
                        );
                        assert_js_names(s.shape_of(w), v);
                    }
                    None => assert_eq!(s.rest, Rest::Data, "{k} is not a field"),
                }
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn wire_to_js_and_back_is_identity(op_index in 0..Operation::ALL.len(), seed in any::<u64>()) {
        let op = Operation::ALL[op_index];
        let shape = input(op);
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            ProptestConfig::default(),
            proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed_bytes(seed)),
        );
        let wire = wire_value(shape, 4).new_tree(&mut runner).map_err(TestCaseError::fail)?.current();
        let js = input_to_js(shape, wire.clone());
        assert_js_names(shape, &js);
        let mut report = Report::new();
        let back = input_to_wire(shape, js, &Path::root(), &mut report);
        prop_assert!(report.issues.is_empty(), "{}: {report}", op.name());
        prop_assert_eq!(back, wire);
    }
}

fn seed_bytes(seed: u64) -> [u8; 32] {
    let mut b = [0u8; 32];
    for (i, chunk) in b.chunks_mut(8).enumerate() {
        chunk.copy_from_slice(&seed.rotate_left(i as u32 * 8).to_le_bytes());
    }
    b
}
