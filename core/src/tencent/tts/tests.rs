//! `CustomTtsConfig::from_object` reads each variant with `json::track`; it used
//! `serde_json::from_value` before. Both readers are compared here on every field of every
//! variant, each given every JSON kind, alone, in pairs (which error wins) and with an unknown key.

use super::*;
use serde::de::DeserializeOwned;
use serde_json::json;
use std::fmt::Debug;

/// The former reader: `serde_json::from_value`, its error as text.
fn oracle<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| e.to_string())
}

/// The variant's wire field names, from serde's own `unknown field` message (so a field added
/// to a model is covered without editing this test).
fn field_names<T: DeserializeOwned>() -> Vec<String> {
    let err = oracle::<T>(&json!({ "\u{1}not_a_field": 1 })).err();
    let msg = err.unwrap_or_default();
    let list = msg.split("expected one of ").nth(1).unwrap_or_default();
    list.split(", ")
        .map(|s| s.trim_matches('`').to_string())
        .collect()
}

fn kinds() -> Vec<Value> {
    vec![
        json!("text"),
        json!(""),
        json!("123"),
        json!(7),
        json!(-3),
        json!(1.25),
        json!(u64::MAX),
        json!(true),
        Value::Null,
        json!([]),
        json!(["a"]),
        json!({}),
        json!({"k": 1}),
    ]
}

fn compare<T: DeserializeOwned + PartialEq + Debug>() -> usize {
    let names = field_names::<T>();
    assert!(names.len() >= 3, "field names not found: {names:?}");
    let mut inputs = vec![json!({}), json!({"Unknown": 1})];
    for (i, a) in names.iter().enumerate() {
        for va in kinds() {
            inputs.push(json!({ a.as_str(): va.clone() }));
            inputs.push(json!({ a.as_str(): va.clone(), "Unknown": true }));
            inputs.push(json!({ "Unknown": true, a.as_str(): va.clone() }));
            let b = &names[(i + 1) % names.len()];
            for vb in [json!("s"), json!(2), json!([]), Value::Null] {
                inputs.push(json!({ a.as_str(): va.clone(), b.as_str(): vb.clone() }));
                inputs.push(json!({ b.as_str(): vb, a.as_str(): va.clone() }));
            }
        }
    }
    for v in &inputs {
        assert_eq!(read_variant::<T>(v), oracle::<T>(v), "input {v}");
    }
    inputs.len()
}

#[test]
fn variants_read_as_serde_json_from_value_reads_them() {
    let n = compare::<TencentTts>()
        + compare::<MinimaxTts>()
        + compare::<VolcengineTts>()
        + compare::<AzureTts>()
        + compare::<CustomTts>();
    assert!(n > 1000, "{n} inputs");
}

/// The whole `from_object` path: a variant's error keeps its `TTSType` prefix and serde's wording.
#[test]
fn from_object_prefixes_the_variant_error() {
    let obj = |v: Value| match v {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let bad = CustomTtsConfig::from_object(obj(json!({"TTSType": "azure", "Region": 5})));
    assert_eq!(
        bad,
        Err("TTSType azure: invalid type: integer `5`, expected a string".to_string())
    );
    let ok = CustomTtsConfig::from_object(obj(json!({"TTSType": "custom", "APIKey": "k"})));
    assert!(matches!(ok, Ok(CustomTtsConfig::Custom(_))), "{ok:?}");
}
