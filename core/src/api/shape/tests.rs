//! The shape interpreter against its oracle, the typed round trip (`registry::parse_typed_*`):
//! identical output (compared as JSON text, so key order counts) and identical errors, over every
//! JSON literal in the repository's sources and generated variants of every field of every table.

use super::{Field, Shape, Struct, bland as tables, default_of, parse, tencent};
use crate::api::Parsed;
use crate::api::registry::{Operation, parse_typed_bland, parse_typed_tencent};
use crate::http::HttpResponse;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::path::Path;

/// Both readers' results, as comparable text.
fn outcome(r: crate::Result<Parsed<Value>>) -> String {
    match r {
        Ok(p) => format!(
            "ok {} | {} | {:?} | {}",
            serde_json::to_string(&p.data).unwrap_or_default(),
            serde_json::to_string(&p.raw).unwrap_or_default(),
            p.request_id,
            p.http_status
        ),
        Err(e) => format!("err {e:?}"),
    }
}

pub(super) fn response(body: &Value) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("x-request-id".into(), "rq-1".into())],
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

/// Compare both readers on `body`; returns whether the typed one accepted it.
pub(super) fn same(
    op: Operation,
    typed: fn(Operation, &HttpResponse) -> crate::Result<Parsed<Value>>,
    body: &Value,
) -> bool {
    let resp = response(body);
    let want = outcome(typed(op, &resp));
    let got = outcome(parse(op, &resp));
    assert_eq!(got, want, "{} on {}", op.name(), body);
    want.starts_with("ok")
}

const BLAND_OPS: &[Operation] = &[
    Operation::BlandSendCall,
    Operation::BlandGetCall,
    Operation::BlandListCalls,
    Operation::BlandStopCall,
    Operation::BlandAnalyzeCall,
    Operation::BlandCreateBatch,
    Operation::BlandListBatches,
    Operation::BlandGetBatch,
    Operation::BlandStopBatch,
    Operation::BlandAnalyzeBatch,
    Operation::BlandGetBatchAnalysis,
    Operation::BlandCreateBatchV2,
    Operation::BlandListBatchesV2,
    Operation::BlandGetBatchV2,
    Operation::BlandGetBatchV2Logs,
    Operation::BlandStopBatchV2,
    Operation::BlandUpdateInbound,
    Operation::BlandGetInbound,
    Operation::BlandListInbound,
];

const TENCENT_OPS: &[Operation] = &[
    Operation::TencentCreateAICall,
    Operation::TencentDescribeTelSession,
    Operation::TencentDescribeSessionDetail,
    Operation::TencentDescribeTelCdr,
    Operation::TencentDescribeAICallExtractResult,
    Operation::TencentDescribeAIAnalysisResult,
    Operation::TencentDescribeAICallInteractionRecords,
    Operation::TencentDescribeAILatency,
    Operation::TencentHangUpCall,
];

#[test]
fn every_bland_and_tencent_operation_has_a_table_and_no_other_does() {
    for op in Operation::ALL {
        assert_eq!(
            tables::answer(*op).is_some(),
            BLAND_OPS.contains(op),
            "{}",
            op.name()
        );
        assert_eq!(
            tencent::answer(*op).is_some(),
            TENCENT_OPS.contains(op),
            "{}",
            op.name()
        );
    }
}

/// Values every position is tried with: each JSON type, number edges (negative, float, beyond
/// `u64`/`i64`), numeric strings, empty and mixed containers.
pub(super) fn probes() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(5),
        json!(-5),
        json!(1.5),
        json!(5.0),
        json!(1e300),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("s"),
        json!("54"),
        json!([]),
        json!([1, "a", null, {"k": 1}]),
        json!({}),
        json!({"k": 1, "a": [2]}),
    ]
}

/// A valid value of `shape` (structs with every field set), `depth` levels of structs deep.
fn sample(shape: &Shape, depth: usize) -> Value {
    match shape {
        Shape::Any => json!({"free": [1, "x"]}),
        Shape::Str => json!("text"),
        Shape::Bool => json!(true),
        Shape::F64 => json!(7),
        Shape::U64 => json!(12),
        Shape::I64 => json!(-3),
        Shape::Numeric => json!("30"),
        Shape::Opt(inner) => sample(inner, depth),
        Shape::Seq(inner) => json!([sample(inner, depth), sample(inner, depth)]),
        Shape::Map(inner) | Shape::SortedMap(inner) => {
            json!({"zeta": sample(inner, depth), "alpha": sample(inner, depth)})
        }
        Shape::Struct(s) if depth == 0 => json!({}),
        Shape::Struct(s) => Value::Object(full(s, depth - 1)),
    }
}

fn full(s: &Struct, depth: usize) -> Map<String, Value> {
    s.fields
        .iter()
        .map(|f| (f.wire.to_owned(), sample(&f.shape, depth)))
        .collect()
}

/// Every value tried at a position of `shape`: the probes, a valid sample, and (for containers
/// and structs) the variants of what they hold.
fn variants(shape: &Shape, depth: usize, out: &mut Vec<Value>) {
    out.extend(probes());
    out.push(sample(shape, depth));
    match shape {
        Shape::Opt(inner) => variants(inner, depth, out),
        Shape::Seq(inner) => {
            let mut inner_vs = Vec::new();
            variants(inner, depth, &mut inner_vs);
            let good = sample(inner, depth);
            for v in inner_vs {
                out.push(json!([good.clone(), v]));
            }
        }
        Shape::Map(inner) | Shape::SortedMap(inner) => {
            let mut inner_vs = Vec::new();
            variants(inner, depth, &mut inner_vs);
            for v in inner_vs {
                out.push(json!({"zeta": sample(inner, depth), "alpha": v}));
            }
        }
        Shape::Struct(s) if depth > 0 => struct_variants(s, depth - 1, out),
        _ => {}
    }
}

/// A full object, then for each field: absent and every variant; unknown fields first and last;
/// the fields in reverse order; every alias alone and beside its field.
fn struct_variants(s: &Struct, depth: usize, out: &mut Vec<Value>) {
    let fields = s.fields.iter().map(|f| {
        let mut vs = Vec::new();
        variants(&f.shape, depth, &mut vs);
        (f.wire, f.aliases, vs, sample(&f.shape, depth))
    });
    object_variants(&full(s, depth), fields, out);
}

/// One field for [`object_variants`]: wire name, aliases, the values to try, a valid one.
pub(super) type FieldVariants = (&'static str, &'static [&'static str], Vec<Value>, Value);

/// `base`, then per field: absent, each of its values, each alias alone and beside the field;
/// unknown fields first and last; the fields in reverse order.
pub(super) fn object_variants(
    base: &Map<String, Value>,
    fields: impl Iterator<Item = FieldVariants>,
    out: &mut Vec<Value>,
) {
    out.push(Value::Object(base.clone()));
    for (wire, aliases, vs, good) in fields {
        let mut absent = base.clone();
        absent.shift_remove(wire);
        out.push(Value::Object(absent.clone()));
        for v in vs {
            let mut m = base.clone();
            m.insert(wire.to_owned(), v);
            out.push(Value::Object(m));
        }
        for alias in aliases {
            let mut alone = absent.clone();
            alone.insert((*alias).to_owned(), good.clone());
            out.push(Value::Object(alone));
            let mut both = base.clone();
            both.insert((*alias).to_owned(), good.clone());
            out.push(Value::Object(both));
        }
    }
    let mut extra = Map::new();
    extra.insert("zz_first".into(), json!({"n": 1}));
    extra.extend(base.clone());
    extra.insert("aa_last".into(), json!([1]));
    out.push(Value::Object(extra));
    out.push(Value::Object(base.clone().into_iter().rev().collect()));
}

fn generated(shape: &Shape) -> Vec<Value> {
    let mut out = Vec::new();
    variants(shape, 3, &mut out);
    out
}

fn differential(
    ops: &[Operation],
    answer: fn(Operation) -> Option<Shape>,
    typed: fn(Operation, &HttpResponse) -> crate::Result<Parsed<Value>>,
    wrap: fn(Operation, Value) -> Value,
) -> (usize, usize) {
    let (mut cases, mut accepted) = (0, 0);
    for op in ops {
        let Some(shape) = answer(*op) else {
            panic!("{} has no table", op.name());
        };
        for v in generated(&shape) {
            cases += 1;
            accepted += usize::from(same(*op, typed, &wrap(*op, v)));
        }
    }
    (cases, accepted)
}

fn bland_wrap(op: Operation, v: Value) -> Value {
    match tables::answer(op) {
        Some((crate::api::bland::Envelope::Data, _)) => json!({"data": v, "errors": null}),
        _ => v,
    }
}

#[test]
fn bland_generated_variants_read_as_the_typed_models_do() {
    let (cases, accepted) = differential(
        BLAND_OPS,
        |op| tables::answer(op).map(|(_, s)| s),
        parse_typed_bland,
        bland_wrap,
    );
    // Both outcomes must be exercised in quantity, or the comparison proves little.
    assert!(cases > 10_000, "{cases} cases");
    eprintln!("{cases} cases, {accepted} accepted");
    assert!(
        accepted > 4_000 && cases - accepted > 4_000,
        "{accepted} of {cases} accepted"
    );
}

fn tencent_wrap(_: Operation, v: Value) -> Value {
    json!({"Response": v})
}

#[test]
fn tencent_generated_variants_read_as_the_typed_models_do() {
    let (cases, accepted) = differential(
        TENCENT_OPS,
        tencent::answer,
        parse_typed_tencent,
        tencent_wrap,
    );
    eprintln!("{cases} cases, {accepted} accepted");
    assert!(cases > 10_000, "{cases} cases");
    assert!(
        accepted > 3_000 && cases - accepted > 3_000,
        "{accepted} of {cases} accepted"
    );
}

/// Every JSON literal in the sources (`json!(…)` bodies and raw strings that parse as JSON).
pub(super) fn fixtures() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in [
        "core/src",
        "core/tests",
        "simulator/src",
        "tests/src",
        "bindings-node/src",
    ] {
        walk(&root.join(dir), &mut out);
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Value>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && let Ok(text) = std::fs::read_to_string(&p)
        {
            literals(&text, out);
        }
    }
}

/// `json!(…)` bodies (balanced brackets outside strings) and `r#"…"#` strings that are JSON.
fn literals(text: &str, out: &mut Vec<Value>) {
    for (start, _) in text.match_indices("json!(") {
        let body = &text[start + 6..];
        if let Some(end) = balanced(body)
            && let Ok(v) = serde_json::from_str::<Value>(&body[..end])
            && (v.is_object() || v.is_array())
        {
            out.push(v);
        }
    }
    for (start, _) in text.match_indices("r#\"") {
        let body = &text[start + 3..];
        if let Some(end) = body.find("\"#")
            && let Ok(v) = serde_json::from_str::<Value>(&body[..end])
            && (v.is_object() || v.is_array())
        {
            out.push(v);
        }
    }
}

/// The length of the bracketed text at the start of `s` up to its closing `)`.
fn balanced(s: &str) -> Option<usize> {
    let (mut depth, mut in_str, mut esc) = (0usize, false, false);
    for (i, c) in s.char_indices() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' | '(' => depth += 1,
            '}' | ']' => depth = depth.checked_sub(1)?,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[test]
fn every_json_literal_in_the_sources_reads_the_same_as_every_bland_answer() {
    let all = fixtures();
    assert!(all.len() > 300, "{} literals found", all.len());
    let mut accepted = 0;
    for v in &all {
        for op in BLAND_OPS {
            accepted += usize::from(same(*op, parse_typed_bland, v));
            accepted += usize::from(same(*op, parse_typed_bland, &json!({"data": v})));
        }
    }
    assert!(accepted > 1_000, "{accepted} accepted");
}

#[test]
fn every_json_literal_in_the_sources_reads_the_same_as_every_tencent_answer() {
    let all = fixtures();
    let mut accepted = 0;
    for v in &all {
        for op in TENCENT_OPS {
            accepted += usize::from(same(*op, parse_typed_tencent, v));
            accepted += usize::from(same(*op, parse_typed_tencent, &json!({"Response": v})));
        }
    }
    assert!(accepted > 1_000, "{accepted} accepted");
}

/// A table's defaults are its model's `Default` written back: the same field names, in the same
/// order, with the same `None`s skipped. A field added to a model without its table fails here.
fn defaults_match<T: Default + Serialize>(s: &'static Struct) {
    let want = serde_json::to_string(&T::default()).unwrap_or_default();
    let got = serde_json::to_string(&default_of(&Shape::Struct(s))).unwrap_or_default();
    assert_eq!(got, want, "{}", s.name);
}

#[test]
fn bland_tables_declare_their_models_fields_in_order() {
    use crate::bland::*;
    defaults_match::<SendCallResponse>(&tables::SEND_CALL_RESPONSE);
    defaults_match::<CallDetails>(&tables::CALL_DETAILS);
    defaults_match::<Transcript>(&tables::TRANSCRIPT);
    defaults_match::<ListCallsResponse>(&tables::LIST_CALLS_RESPONSE);
    defaults_match::<StatusEnvelope>(&tables::STATUS_ENVELOPE);
    defaults_match::<AnalyzeCallResponse>(&tables::ANALYZE_CALL_RESPONSE);
    defaults_match::<CreateBatchResponse>(&tables::CREATE_BATCH_RESPONSE);
    defaults_match::<ListBatchesV1Response>(&tables::LIST_BATCHES_V1_RESPONSE);
    defaults_match::<LegacyBatchParams>(&tables::LEGACY_BATCH_PARAMS);
    defaults_match::<LegacyBatchDetails>(&tables::LEGACY_BATCH_DETAILS);
    defaults_match::<LegacyBatchAnalysis>(&tables::LEGACY_BATCH_ANALYSIS);
    defaults_match::<CallLengths>(&tables::CALL_LENGTHS);
    defaults_match::<CallErrorMessage>(&tables::CALL_ERROR_MESSAGE);
    defaults_match::<StopBatchV1Response>(&tables::STOP_BATCH_V1_RESPONSE);
    defaults_match::<AnalyzeBatchResponse>(&tables::ANALYZE_BATCH_RESPONSE);
    defaults_match::<BatchAnalysisResponse>(&tables::BATCH_ANALYSIS_RESPONSE);
    defaults_match::<StoredAnalysis>(&tables::STORED_ANALYSIS);
    defaults_match::<CreatedBatch>(&tables::CREATED_BATCH);
    defaults_match::<BatchV2>(&tables::BATCH_V2);
    defaults_match::<BatchLogEntry>(&tables::BATCH_LOG_ENTRY);
    defaults_match::<InboundUpdateResponse>(&tables::INBOUND_UPDATE_RESPONSE);
    defaults_match::<InboundNumber>(&tables::INBOUND_NUMBER);
    defaults_match::<InboundListResponse>(&tables::INBOUND_LIST_RESPONSE);
    // Every field of `StatusEnvelope` is skipped when `None`: its filled form names them.
    let filled = StatusEnvelope {
        status: Some(ResponseStatus::Success),
        message: Some("m".into()),
        errors: Some(vec![]),
        error: Some(json!(1)),
        extra: Map::new(),
    };
    let names: Vec<&str> = tables::STATUS_ENVELOPE
        .fields
        .iter()
        .map(|f: &Field| f.wire)
        .collect();
    let want = serde_json::to_value(&filled).unwrap_or_default();
    let want: Vec<&str> = want
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(names, want);
}
