//! Proves every mapping table equal to its model: each struct position lists exactly the fields
//! the model accepts there, each field the table calls a scalar refuses an object of arbitrary
//! keys, and each field it calls free-form accepts one. The model speaks through
//! `registry::validate`: an unknown key at a struct position is reported with the model's own
//! list of field names (serde's `expected one of …`).

use super::input;
use crate::api::registry::{self, Operation};
use crate::issue::{Issue, IssueCode, Report};
use crate::js::shape::{Rest, Shape, Struct};
use crate::{Context, Path};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// A key no model has; the control character keeps it from ever being a real field.
const PROBE: &str = "\u{1}probe";

#[derive(Clone)]
enum Seg {
    Key(&'static str),
    Index,
}

/// `v` placed at `path` inside otherwise empty objects and one-element lists.
fn embed(path: &[Seg], v: Value) -> Value {
    path.iter().rev().fold(v, |inner, seg| match seg {
        Seg::Key(k) => {
            let mut m = Map::new();
            m.insert((*k).to_owned(), inner);
            Value::Object(m)
        }
        Seg::Index => Value::Array(vec![inner]),
    })
}

fn path_string(path: &[Seg]) -> Path {
    path.iter().fold(Path::root(), |p, seg| match seg {
        Seg::Key(k) => p.field(k),
        Seg::Index => p.index(0),
    })
}

enum Position {
    Struct(Vec<Seg>, &'static Struct),
    Scalar(Vec<Seg>),
    Free(Vec<Seg>),
}

fn positions(shape: Shape, path: Vec<Seg>, out: &mut Vec<Position>) {
    match shape {
        Shape::Scalar => out.push(Position::Scalar(path)),
        Shape::Free => out.push(Position::Free(path)),
        Shape::List(item) => {
            let mut p = path;
            p.push(Seg::Index);
            positions(*item, p, out);
        }
        Shape::Struct(s) => {
            out.push(Position::Struct(path.clone(), s));
            for name in s.wire_names() {
                let mut p = path.clone();
                p.push(Seg::Key(name));
                positions(s.shape_of(name), p, out);
            }
        }
    }
}

fn validate(op: Operation, input: Value) -> Report {
    registry::validate(op, input, &Context::at(1_900_000_000_000))
}

/// The field names listed in an `unknown_field` message: `(known fields: `a`, `b`)`.
fn known_fields(issue: &Issue) -> Option<BTreeSet<String>> {
    let list = issue.message.split_once("known fields: ")?.1;
    let list = list.split_once(')')?.0.replace("` or `", "`, `");
    if list.starts_with("there are no fields") {
        return Some(BTreeSet::new());
    }
    Some(
        list.split(", ")
            .map(|s| s.trim().trim_matches('`').to_owned())
            .collect(),
    )
}

fn is_under(issue: &Issue, at: &Path) -> bool {
    let p = issue.path.as_str();
    let at = at.as_str();
    at.is_empty()
        || p == at
        || (p.starts_with(at) && matches!(p.as_bytes().get(at.len()), Some(b'.' | b'[')))
}

fn mentions_probe(issue: &Issue) -> bool {
    issue.path.as_str().contains(PROBE) || issue.message.contains(PROBE)
}

/// The fields the model accepts at `path`, from the `unknown_field` issue a probe key causes.
fn model_fields(op: Operation, path: &[Seg], extra: &[(&str, Value)]) -> BTreeSet<String> {
    let mut obj = Map::new();
    for (k, v) in extra {
        obj.insert((*k).to_owned(), v.clone());
    }
    obj.insert(PROBE.to_owned(), json!("x"));
    let report = validate(op, embed(path, Value::Object(obj)));
    let at = path_string(path);
    let issue = report
        .issues
        .iter()
        .find(|i| i.code == IssueCode::UnknownField && mentions_probe(i))
        .unwrap_or_else(|| {
            panic!(
                "{}: no unknown_field for a probe at `{at}`: {report}",
                op.name()
            )
        });
    assert_eq!(
        issue.path.as_str(),
        at.field(PROBE).as_str(),
        "{}: probe reported elsewhere",
        op.name()
    );
    known_fields(issue)
        .or_else(|| flattened_fields(op))
        .unwrap_or_else(|| panic!("{}: no field list: {issue}", op.name()))
}

/// The fields of a serde struct, from the error an unknown key causes (`expected one of …`).
fn serde_fields<T: serde::de::DeserializeOwned>() -> BTreeSet<String> {
    let err = serde_json::from_value::<T>(json!({ PROBE: 0 }))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let list = err.split_once("expected one of ").map_or("", |(_, l)| l);
    let list = list.split(" at line").next().unwrap_or(list);
    list.split(", ")
        .map(|s| s.trim().trim_matches('`').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The registry reads these two operations as `{batch_id, #[serde(flatten)] query}`, where serde
/// reports an unknown key without the list: take the query model's own list.
fn flattened_fields(op: Operation) -> Option<BTreeSet<String>> {
    let mut fields = match op {
        Operation::BlandGetBatch => serde_fields::<crate::bland::GetBatchV1Query>(),
        Operation::BlandGetBatchV2Logs => serde_fields::<crate::bland::BatchLogsQuery>(),
        _ => return None,
    };
    assert!(!fields.is_empty(), "{}: no query fields", op.name());
    fields.insert("batch_id".to_owned());
    Some(fields)
}

fn check_struct(op: Operation, path: &[Seg], s: &Struct) {
    let table: BTreeSet<String> = s.wire_names().map(str::to_owned).collect();
    assert_eq!(
        table.len(),
        s.wire_names().count(),
        "{}: a field is listed twice at `{}`",
        op.name(),
        path_string(path)
    );
    for (name, _) in s.nested {
        assert!(
            table.contains(*name),
            "{}: nested `{name}` is no field",
            op.name()
        );
    }
    if s.rest == Rest::Data {
        let report = validate(op, embed(path, json!({ PROBE: "x" })));
        assert!(
            !report
                .issues
                .iter()
                .any(|i| i.code == IssueCode::UnknownField && mentions_probe(i)),
            "{}: `{}` should take any key: {report}",
            op.name(),
            path_string(path)
        );
        return;
    }
    if op == Operation::BlandListInbound {
        // The registry reads (and ignores) any object here; the JS table is stricter and refuses
        // every key, so a typo cannot pass unnoticed.
        assert!(table.is_empty());
        return;
    }
    if table.contains("TTSType") {
        // CustomTTSConfig: one field list per TTSType; the table holds their union.
        let mut union = BTreeSet::from(["TTSType".to_owned()]);
        for t in crate::tencent::tts::TTS_TYPES {
            let fields = model_fields(op, path, &[("TTSType", json!(t))]);
            union.extend(fields);
        }
        assert_eq!(table, union, "{}: CustomTTSConfig fields", op.name());
        return;
    }
    let model = model_fields(op, path, &[]);
    assert_eq!(
        table,
        model,
        "{}: fields at `{}` (left: table, right: model)",
        op.name(),
        path_string(path)
    );
}

fn probes() -> [Value; 2] {
    [json!({ PROBE: "x" }), json!([{ PROBE: "x" }])]
}

fn check_scalar(op: Operation, path: &[Seg]) {
    // A CustomTTSConfig field is read only under a TTSType that has it: probe it under each.
    if let [parent @ .., Seg::Key("CustomTTSConfig"), Seg::Key(field)] = path
        && *field != "TTSType"
    {
        let mut tts = parent.to_vec();
        tts.push(Seg::Key("CustomTTSConfig"));
        let mut checked = 0;
        for t in crate::tencent::tts::TTS_TYPES {
            if model_fields(op, &tts, &[("TTSType", json!(t))]).contains(*field) {
                check_scalar_with(op, path, Some(("TTSType", json!(t))));
                checked += 1;
            }
        }
        assert!(checked > 0, "{}: no TTSType has `{field}`", op.name());
        return;
    }
    check_scalar_with(op, path, None);
}

fn check_scalar_with(op: Operation, path: &[Seg], sibling: Option<(&str, Value)>) {
    let at = path_string(path);
    for probe in probes() {
        let mut input = embed(path, probe.clone());
        if let (Some((k, v)), Some((_, parent))) = (&sibling, path.split_last()) {
            let mut cur = &mut input;
            for seg in parent {
                cur = match (seg, cur) {
                    (Seg::Key(key), Value::Object(m)) => m.entry(*key).or_insert(Value::Null),
                    (Seg::Index, Value::Array(a)) => &mut a[0],
                    (_, other) => other,
                };
            }
            if let Value::Object(m) = cur {
                m.insert((*k).to_owned(), v.clone());
            }
        }
        let report = validate(op, input);
        // Behind `flatten` serde loses the path of a type error: it is reported at the root.
        let flat = flattened_fields(op).is_some();
        let here: Vec<&Issue> = report
            .issues
            .iter()
            .filter(|i| is_under(i, &at) || (flat && i.path.is_root()))
            .collect();
        assert!(
            !here.is_empty()
                && !here
                    .iter()
                    .any(|i| i.code == IssueCode::UnknownField && mentions_probe(i)),
            "{}: `{at}` is listed as a scalar but the model reads {probe} there: {report}",
            op.name()
        );
    }
}

fn check_free(op: Operation, path: &[Seg]) {
    let at = path_string(path);
    let accepted = probes().into_iter().any(|probe| {
        let report = validate(op, embed(path, probe));
        !report.issues.iter().any(|i| {
            is_under(i, &at) && matches!(i.code, IssueCode::UnknownField | IssueCode::InvalidType)
        })
    });
    assert!(
        accepted,
        "{}: `{at}` is listed as free-form but the model refuses arbitrary keys there",
        op.name()
    );
}

#[test]
fn every_table_matches_its_model() {
    for &op in Operation::ALL {
        let mut all = Vec::new();
        positions(input(op), Vec::new(), &mut all);
        for p in all {
            match p {
                Position::Struct(path, s) => check_struct(op, &path, s),
                Position::Scalar(path) => check_scalar(op, &path),
                Position::Free(path) => check_free(op, &path),
            }
        }
    }
}

#[test]
fn js_names_are_unique_per_struct() {
    for &op in Operation::ALL {
        let mut all = Vec::new();
        positions(input(op), Vec::new(), &mut all);
        for p in all {
            if let Position::Struct(path, s) = p {
                let js: BTreeSet<String> = s
                    .wire_names()
                    .map(|w| crate::js::names::to_js(w).into_owned())
                    .collect();
                assert_eq!(
                    js.len(),
                    s.wire_names().count(),
                    "{}: two fields share a JS name at `{}`",
                    op.name(),
                    path_string(&path)
                );
            }
        }
    }
}
