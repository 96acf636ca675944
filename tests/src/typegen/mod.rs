//! `typegen`: TypeScript declarations of every operation's input and output, generated from the
//! core's Rust models (`core/src/{bland,aliyun,tencent}`, `core/src/api/registry.rs`) and shared
//! by both npm packages (`typings/operations.d.ts`; `cargo run -p callplane-tests --bin typegen`),
//! with the campaign types of `checkCampaign` / `planCampaign` ([`campaign`]).
//!
//! Why a source reader (`syn`) and not a derive (`ts-rs`, `specta`): the JS names are not a serde
//! case rule (`LLMType` → `llmType`, `CustomTTSConfig` → `customTtsConfig`: the core's
//! [`callplane_core::js::names::to_js`]), so a derive would need a rename on every field of every
//! model and a dependency in the core; several models are declared through the core's own macros
//! and custom serde impls, which a derive cannot see through either. Reading the sources keeps
//! the core untouched, takes field docs as they are, and names keys with the very function the
//! facade uses. `tests/tests/typegen.rs` proves the input keys equal what the facade accepts and
//! the committed file current.

pub mod campaign;
pub mod ops;
pub mod render;
pub mod source;
pub mod ts;

use callplane_core::api::registry::Operation;
use callplane_core::js;
use render::{KeyTree, Mode, Renderer};
use source::Source;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use ts::jsdoc;

/// Where the generated declarations live, relative to the workspace root.
pub const OUTPUT: &str = "typings/operations.d.ts";

/// The workspace root (this crate's parent folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The TypeScript name stem of an operation: `bland.sendCall` → `BlandSendCall`.
pub fn type_stem(op: Operation) -> String {
    let js = js::operation_name(op);
    js.split('.')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The generated file, and each operation's input keys (for the drift test).
pub struct Generated {
    /// The contents of [`OUTPUT`].
    pub text: String,
    /// The key tree of each operation's input type, by JS operation name.
    pub input_keys: BTreeMap<String, KeyTree>,
}

/// Generate the declarations from the sources under `root`.
pub fn generate(root: &Path) -> Result<Generated, String> {
    let src = Source::read(root)?;
    let mut r = Renderer::new(&src);
    let mut input_keys = BTreeMap::new();
    let mut aliases = String::new();
    let mut inputs = Vec::new();
    for (op, input, _) in ops::OPS {
        let stem = type_stem(*op);
        let (ty, keys) = match input {
            Some((scope, name)) => {
                let ty: syn::Type = syn::parse_str(name).map_err(|e| e.to_string())?;
                r.root(&ty, scope, Mode::Input)
            }
            None => ("Record<string, never>".to_owned(), Some(KeyTree::default())),
        };
        input_keys.insert(js::operation_name(*op), keys.unwrap_or_default());
        inputs.push((op, stem, ty));
    }
    r.drain();
    let used: BTreeSet<(source::Scope, String)> = r.input_models();
    r.set_inputs(used);
    let mut outputs = Vec::new();
    for (op, _, output) in ops::OPS {
        let ty: syn::Type = syn::parse_str(output).map_err(|e| e.to_string())?;
        r.set_free(js::output_free_fields(*op));
        let (ts, _) = r.root(&ty, op.vendor().as_str(), Mode::Output);
        r.drain();
        outputs.push(ts);
    }
    if !r.errors.is_empty() {
        let mut errors = r.errors.clone();
        errors.sort();
        errors.dedup();
        return Err(errors.join("\n"));
    }
    let lists = BTreeMap::new();
    for ((op, stem, input), output) in inputs.iter().zip(&outputs) {
        let name = js::operation_name(**op);
        for (alias, target, doc) in [
            (
                format!("{stem}Input"),
                input,
                format!("The input of `{name}`, in JS names."),
            ),
            (
                format!("{stem}Output"),
                output,
                format!(
                    "The typed answer of `{name}`, in JS names (free-form user data keeps its keys)."
                ),
            ),
        ] {
            // A model already called that (Tencent's `CreateAICallOutput`) is the type itself.
            if alias == *target {
                continue;
            }
            if r.decls.contains_key(&alias) {
                return Err(format!(
                    "`{alias}` names both a model and an operation type"
                ));
            }
            let _ = writeln!(
                aliases,
                "{}export type {alias} = {target};",
                jsdoc(&doc, "", &lists)
            );
        }
        aliases.push('\n');
    }
    let mut text = String::from(HEADER);
    text.push_str("\n// ---- Operations ----\n\n");
    let names: Vec<String> = Operation::ALL
        .iter()
        .map(|o| format!("{:?}", js::operation_name(*o)))
        .collect();
    let _ = writeln!(
        text,
        "/** Every operation, in JS names: Bland's in camelCase, Alibaba's and Tencent's the vendor's action with a lower-case first letter. */\nexport type OperationName =\n  | {};\n",
        names.join("\n  | ")
    );
    text.push_str("/** Each operation's input and output types, by operation name. */\nexport interface Operations {\n");
    for (op, stem, _) in &inputs {
        let _ = writeln!(
            text,
            "  {:?}: {{ input: {stem}Input; output: {stem}Output }};",
            js::operation_name(**op)
        );
    }
    text.push_str("}\n\n");
    text.push_str("/** The input type of operation `Op`. */\nexport type OperationInput<Op extends OperationName> = Operations[Op][\"input\"];\n\n");
    text.push_str("/** The output type (the typed answer's `data`) of operation `Op`. */\nexport type OperationOutput<Op extends OperationName> = Operations[Op][\"output\"];\n\n");
    for (vendor, title) in [
        ("bland", "Bland"),
        ("aliyun", "Aliyun"),
        ("tencent", "Tencent"),
    ] {
        let _ = writeln!(
            text,
            "/** {title}'s operations by method name (`client.call(name, input)`). */\nexport interface {title}Operations {{"
        );
        for (op, _, _) in inputs
            .iter()
            .filter(|(o, ..)| o.vendor().as_str() == vendor)
        {
            let name = js::operation_name(**op);
            let method = name.split_once('.').map_or(name.as_str(), |(_, m)| m);
            let _ = writeln!(text, "  {method}: Operations[{name:?}];");
        }
        text.push_str("}\n\n");
    }
    text.push_str(&aliases);
    text.push_str(&campaign::section());
    text.push('\n');
    text.push_str("// ---- Models ----\n\n");
    for decl in r.decls.values() {
        text.push_str(decl);
        text.push('\n');
    }
    let text = text.trim_end().to_owned() + "\n";
    Ok(Generated { text, input_keys })
}

const HEADER: &str = "/* eslint-disable */
// Generated by `cargo run -p callplane-tests --bin typegen` from the Rust models in core/src/
// (tests/src/typegen/). Do not edit: CI regenerates it and fails when it differs. Shared by
// @callplane/wasm (bindings-wasm/src/types.rs) and callplane (napi `dtsHeaderFile`).
";
