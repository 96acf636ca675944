//! Writes the shape tables of `tencent_generated.rs` from the typed models' source (the serde
//! attributes are the specification), and fails when the committed file is stale:
//! `CALLPLANE_UPDATE_SHAPES=1 cargo test -p callplane-core --lib api::shape::generate` rewrites it.
//!
//! Read from the source rather than traced through serde: the models flatten an `other` map, so
//! serde hands a tracing deserializer no field names (`deserialize_map`), and every field is
//! skipped when `None`, so serialising a default names none either.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

/// One model field as its attributes declare it.
struct SField {
    wire: String,
    aliases: Vec<String>,
    ty: String,
    default: bool,
    skip_none: bool,
    /// `deserialize_with` or `with`.
    with: Option<String>,
}

/// One model struct.
struct SStruct {
    name: String,
    fields: Vec<SField>,
    keep: bool,
    /// `#[serde(default)]` on the struct.
    default: bool,
}

/// The `key = "value"` or bare items of every `#[serde(…)]` in `attrs`.
fn serde_items(attrs: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = attrs;
    while let Some(i) = rest.find("#[serde(") {
        let body = &rest[i + 8..];
        let end = body.find(")]").unwrap_or(body.len());
        for item in body[..end].split(',') {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            match item.split_once('=') {
                Some((k, v)) => out.push((
                    k.trim().to_owned(),
                    Some(v.trim().trim_matches('"').to_owned()),
                )),
                None => out.push((item.to_owned(), None)),
            }
        }
        rest = &body[end..];
    }
    out
}

fn camel(snake: &str) -> String {
    let p = pascal(snake);
    let mut c = p.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Every `Deserialize` struct of `src`, and the names of its open string enums.
fn parse(src: &str, structs: &mut Vec<SStruct>, strings: &mut BTreeSet<String>) {
    let mut attrs = String::new();
    let mut open: Option<(SStruct, Option<&str>)> = None;
    let mut lines = src.lines();
    let mut enum_next = false;
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t.starts_with("//") || t.is_empty() {
            continue;
        }
        // `lenient_str_enum! { Name { … } }` (Tencent) and `lenient_enum! { pub enum Name { … } }`
        // (Bland): a string read and written back as it.
        if enum_next && !t.starts_with("#[") {
            let name = t
                .trim_start_matches("pub enum ")
                .trim_end_matches('{')
                .trim();
            strings.insert(name.to_owned());
            enum_next = false;
        }
        if t.starts_with("lenient_str_enum!") || t.starts_with("lenient_enum!") {
            enum_next = true;
        }
        if t.starts_with("#[") {
            let mut a = t.to_owned();
            while a.matches('[').count() > a.matches(']').count() {
                match lines.next() {
                    Some(l) => a.push_str(l.trim()),
                    None => break,
                }
            }
            attrs.push_str(&a);
            continue;
        }
        if let Some(name) = t
            .strip_prefix("pub struct ")
            .and_then(|r| r.strip_suffix(" {"))
        {
            let items = serde_items(&attrs);
            let case =
                items
                    .iter()
                    .find(|(k, _)| k == "rename_all")
                    .map(|(_, v)| match v.as_deref() {
                        Some("PascalCase") => "PascalCase",
                        Some("camelCase") => "camelCase",
                        other => panic!("rename_all = {other:?} is not modelled"),
                    });
            let s = SStruct {
                name: name.to_owned(),
                fields: Vec::new(),
                keep: false,
                default: items.iter().any(|(k, v)| k == "default" && v.is_none()),
            };
            open = attrs.contains("Deserialize").then_some((s, case));
            attrs.clear();
            continue;
        }
        if let Some((s, case)) = open.as_mut() {
            if t == "}" {
                if let Some((s, _)) = open.take() {
                    structs.push(s);
                }
            } else if let Some((name, ty)) = t.strip_prefix("pub ").and_then(|r| r.split_once(':'))
            {
                let items = serde_items(&attrs);
                let get = |key: &str| {
                    items
                        .iter()
                        .find(|(k, _)| k == key)
                        .and_then(|(_, v)| v.clone())
                };
                if items.iter().any(|(k, _)| k == "flatten") {
                    s.keep = true;
                } else {
                    let name = name.trim();
                    s.fields.push(SField {
                        wire: get("rename").unwrap_or_else(|| match case {
                            Some("PascalCase") => pascal(name),
                            Some(_) => camel(name),
                            None => name.to_owned(),
                        }),
                        aliases: items
                            .iter()
                            .filter(|(k, _)| k == "alias")
                            .filter_map(|(_, v)| v.clone())
                            .collect(),
                        ty: ty.trim().trim_end_matches(',').replace(' ', ""),
                        default: items.iter().any(|(k, _)| k == "default"),
                        skip_none: get("skip_serializing_if").as_deref() == Some("Option::is_none"),
                        with: get("deserialize_with").or_else(|| get("with")),
                    });
                }
            }
            attrs.clear();
        } else if !t.starts_with("#[") {
            attrs.clear();
        }
    }
}

fn upper(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// The `Shape` expression of a Rust type.
fn shape(ty: &str, structs: &[SStruct], strings: &BTreeSet<String>) -> String {
    let inner = |p: &str| ty.strip_prefix(p).and_then(|r| r.strip_suffix('>'));
    if let Some(t) = inner("Option<") {
        return format!("Opt(&{})", shape(t, structs, strings));
    }
    if let Some(t) = inner("Vec<") {
        return format!("Seq(&{})", shape(t, structs, strings));
    }
    if let Some(t) = inner("BTreeMap<String,") {
        return format!("SortedMap(&{})", shape(t, structs, strings));
    }
    match ty {
        "Map<String,Value>" | "serde_json::Map<String,Value>" => "Map(&Any)".into(),
        "Value" | "serde_json::Value" => "Any".into(),
        "String" => "Str".into(),
        "bool" => "Bool".into(),
        "f64" => "F64".into(),
        "i64" => "I64".into(),
        "u64" => "U64".into(),
        // Bland's untagged number-or-string (`call_details.rs`).
        "Numeric" => "Numeric".into(),
        // Read as a string and written back as it (`end_status.rs`).
        "SessionStatus" => "Str".into(),
        // Read as an `i64` code and written back as it (`end_status.rs`).
        "EndStatus" => "I64".into(),
        t if strings.contains(t) => "Str".into(),
        t if structs.iter().any(|s| s.name == t) => format!("Shape::Struct(&{})", upper(t)),
        t => panic!("no shape for the model type `{t}`: map it in generate.rs"),
    }
}

/// The structs of `files` that `roots` reach (roots first), and the open string enums.
fn collect(files: &[&str], roots: &[&str]) -> (Vec<SStruct>, Vec<String>, BTreeSet<String>) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut structs, mut strings) = (Vec::new(), BTreeSet::new());
    for f in files {
        let src = std::fs::read_to_string(base.join(f)).unwrap_or_default();
        parse(&src, &mut structs, &mut strings);
    }
    let mut wanted: Vec<String> = roots.iter().map(|r| (*r).to_owned()).collect();
    let mut i = 0;
    while let Some(name) = wanted.get(i).cloned() {
        let s = structs.iter().find(|s| s.name == name);
        let s = s.unwrap_or_else(|| panic!("struct `{name}` not found"));
        for f in &s.fields {
            for t in f.ty.split(['<', '>', ',']) {
                if structs.iter().any(|s| s.name == t) && !wanted.iter().any(|w| w == t) {
                    wanted.push(t.to_owned());
                }
            }
        }
        i += 1;
    }
    (structs, wanted, strings)
}

/// The generated file for `roots` (and every struct they reach), from `files`.
fn generate(what: &str, files: &[&str], roots: &[&str]) -> String {
    let (structs, wanted, strings) = collect(files, roots);
    let mut out = format!(
        "//! GENERATED by `api::shape::generate` from {} (the {what} answer models): do not edit;\n\
         //! `CALLPLANE_UPDATE_SHAPES=1 cargo test -p callplane-core --lib api::shape::generate`.\n\n\
         use super::Shape::{{self, Any, Bool, F64, I64, Map, Numeric, Opt, Seq, SortedMap, Str, U64}};\n\
         use super::{{Field, Struct}};\n",
        files.join(", ")
    );
    for name in &wanted {
        let Some(s) = structs.iter().find(|s| &s.name == name) else {
            continue;
        };
        assert!(
            s.keep,
            "`{name}` has no flattened map: plain structs are not modelled"
        );
        let _ = write!(
            out,
            "\n/// `{name}`.\npub static {}: Struct = Struct {{ name: \"{name}\", fields: &[\n",
            upper(name)
        );
        for f in &s.fields {
            let aliases: Vec<String> = f.aliases.iter().map(|a| format!("\"{a}\"")).collect();
            let _ = writeln!(
                out,
                "    Field {{ wire: \"{}\", aliases: &[{}], shape: {}, default: {}, skip_none: {} }},",
                f.wire,
                aliases.join(", "),
                shape(&f.ty, &structs, &strings),
                f.default,
                f.skip_none
            );
        }
        out.push_str("] };\n");
    }
    out
}

fn check(file: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("CALLPLANE_UPDATE_SHAPES").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Compared without whitespace: `cargo fmt` may lay the committed file out its own way.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        squash(&committed) == squash(generated),
        "{file} is stale: CALLPLANE_UPDATE_SHAPES=1 cargo test -p callplane-core --lib api::shape::generate"
    );
}

#[test]
fn bland_tables_are_current() {
    let generated = generate(
        "Bland",
        &[
            "src/bland/enums.rs",
            "src/bland/calls.rs",
            "src/bland/call_details.rs",
            "src/bland/envelope.rs",
            "src/bland/batch_v1/responses.rs",
            "src/bland/batch_v2/responses.rs",
            "src/bland/inbound.rs",
        ],
        &[
            "SendCallResponse",
            "CallDetails",
            "ListCallsResponse",
            "StatusEnvelope",
            "AnalyzeCallResponse",
            "CreateBatchResponse",
            "ListBatchesV1Response",
            "LegacyBatchDetails",
            "StopBatchV1Response",
            "AnalyzeBatchResponse",
            "BatchAnalysisResponse",
            "CreatedBatch",
            "BatchV2",
            "BatchLogEntry",
            "InboundUpdateResponse",
            "InboundNumber",
            "InboundListResponse",
        ],
    );
    check("src/api/shape/bland_generated.rs", &generated);
}

#[test]
fn tencent_tables_are_current() {
    let generated = generate(
        "Tencent",
        &[
            "src/tencent/create_ai_call/mod.rs",
            "src/tencent/lookups/records.rs",
            "src/tencent/lookups/ai.rs",
            "src/tencent/envelope.rs",
        ],
        &[
            "CreateAICallOutput",
            "DescribeTelSessionOutput",
            "DescribeSessionDetailOutput",
            "DescribeTelCdrOutput",
            "DescribeAICallExtractResultOutput",
            "DescribeAIAnalysisResultOutput",
            "DescribeAICallInteractionRecordsOutput",
            "DescribeAILatencyOutput",
            "Empty",
        ],
    );
    check("src/api/shape/tencent_generated.rs", &generated);
}

/// The `A` expression of an Alibaba field (its type and reader).
fn aliyun_shape(f: &SField, structs: &[SStruct]) -> String {
    let strip = |t: &'_ str, p: &str| -> Option<String> {
        t.strip_prefix(p)
            .and_then(|r| r.strip_suffix('>'))
            .map(str::to_owned)
    };
    let known = |t: &str| structs.iter().any(|s| s.name == t);
    let plain = |t: &str| -> String {
        match strip(t, "Vec<") {
            Some(item) if known(&item) => format!("A::Seq(&A::Struct(&{}))", upper(&item)),
            _ if known(t) => format!("A::Struct(&{})", upper(t)),
            _ => panic!("no Alibaba shape for `{t}`"),
        }
    };
    match (f.with.as_deref(), f.ty.as_str()) {
        (None, "String") => "A::Str".into(),
        (None, "Option<String>") => "A::OptStr".into(),
        (Some("wire::lenient_string"), "Option<String>") => "A::LenientStr".into(),
        (Some("wire::lenient_i64"), "Option<i64>") => "A::LenientI64".into(),
        (Some("opt_status"), "Option<CallStatusCode>") => "A::Status".into(),
        (Some("wire::opt_json_list"), t) => match strip(t, "Option<Vec<").as_deref() {
            Some(item) if item.ends_with('>') && known(item.trim_end_matches('>')) => {
                format!("A::JsonList(&{})", upper(item.trim_end_matches('>')))
            }
            _ => panic!("opt_json_list of `{t}`"),
        },
        (Some("wire::data_string"), t) => match strip(t, "Option<") {
            Some(inner) => format!("A::Data(&{})", plain(&inner)),
            None => panic!("data_string of `{t}`"),
        },
        (w, t) => panic!("no Alibaba shape for `{t}` read by {w:?}: map it in generate.rs"),
    }
}

/// The generated file of Alibaba's tables (`aliyun::AStruct`).
fn generate_aliyun(files: &[&str], roots: &[&str]) -> String {
    let (structs, wanted, _) = collect(files, roots);
    let mut out = format!(
        "//! GENERATED by `api::shape::generate` from {} (the Alibaba answer models): do not edit;\n\
         //! `CALLPLANE_UPDATE_SHAPES=1 cargo test -p callplane-core --lib api::shape::generate`.\n\n\
         use super::aliyun::{{A, AField, AStruct}};\n",
        files.join(", ")
    );
    for name in &wanted {
        let Some(s) = structs.iter().find(|s| &s.name == name) else {
            continue;
        };
        let _ = write!(
            out,
            "\n/// `{name}`.\npub static {}: AStruct = AStruct {{ name: \"{name}\", kept: {}, fields: &[\n",
            upper(name),
            s.keep
        );
        for f in &s.fields {
            assert!(s.default || f.default, "`{name}.{}` has no default", f.wire);
            let aliases: Vec<String> = f.aliases.iter().map(|a| format!("\"{a}\"")).collect();
            let _ = writeln!(
                out,
                "    AField {{ wire: \"{}\", aliases: &[{}], shape: {}, skip_none: {} }},",
                f.wire,
                aliases.join(", "),
                aliyun_shape(f, &structs),
                f.skip_none
            );
        }
        out.push_str("] };\n");
    }
    out
}

#[test]
fn aliyun_tables_are_current() {
    let generated = generate_aliyun(
        &[
            "src/aliyun/batch.rs",
            "src/aliyun/query.rs",
            "src/aliyun/task_list.rs",
            "src/aliyun/detail.rs",
        ],
        &[
            "BatchRobotSmartCallResponse",
            "QueryCallDetailByTaskIdResponse",
            "QueryCallDetailByCallIdResponse",
            "QueryRobotTaskListResponse",
        ],
    );
    check("src/api/shape/aliyun_generated.rs", &generated);
}
