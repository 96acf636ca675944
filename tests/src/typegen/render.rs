//! Rust model types → TypeScript declarations in JS names.
//!
//! Inputs and outputs are rendered differently, as the core reads and writes them:
//! - **input** (what `validate` / `buildRequest` / the clients accept): `Option` and `Nullable`
//!   fields are optional, every other field is required (the models default it only so the
//!   validator can report it as `required` with the others);
//! - **output** (the typed answer, serialized from the model and renamed by
//!   `js::shape::output_to_js`): a field is optional only when serde skips it
//!   (`skip_serializing_if`); an `Option` it does not skip is `T | null`;
//! - **free** (an output field whose keys `output_to_js` keeps: `metadata`, `variables`…): keys
//!   keep their wire names.

use super::source::{Decl, Field, Model, Scope, Source};
use super::ts::{CALL_DATA_ROW, array, jsdoc, key, widen};
use callplane_core::js::names::to_js;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use syn::{GenericArgument, PathArguments, Type};

/// How a type is read or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// What the facade reads (`validate`, `buildRequest`, the clients' methods).
    Input,
    /// What it answers (`data`), keys renamed.
    Output,
    /// Inside a free-form output field: keys as the vendor sent them.
    Free,
}

/// A field's keys as the JS side sees them, for the drift test: `key → (children, renamed)`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct KeyTree {
    /// Every key, in declaration order, with the tree of its value when that value has named
    /// fields (`None`: scalar or free-form).
    pub keys: Vec<(String, Option<KeyTree>)>,
    /// Other keys are data (`[variable: string]: unknown`).
    pub open: bool,
}

/// One rendered TypeScript type.
struct Rendered {
    ty: String,
    optional: bool,
    keys: Option<KeyTree>,
}

/// Renders declarations on demand and remembers what it emitted.
pub struct Renderer<'a> {
    src: &'a Source,
    /// `(scope, name, mode)` → TypeScript name, for everything referenced so far.
    names: BTreeMap<(Scope, String, Mode), String>,
    /// Declarations to write, by TypeScript name.
    pub decls: BTreeMap<String, String>,
    queue: Vec<(Scope, String, Mode)>,
    /// `(scope, name)` pairs used as inputs; a struct used both ways gets `Output` on its output.
    both: BTreeSet<(Scope, String)>,
    /// Free-form output fields of the operation being rendered.
    free: &'static [&'static str],
    /// Errors (unresolved types); reported all at once.
    pub errors: Vec<String>,
}

fn prefix(scope: Scope) -> &'static str {
    match scope {
        "aliyun" => "Aliyun",
        "tencent" => "Tencent",
        _ => "Bland",
    }
}

/// The last segment of a path type and its type arguments.
fn segment(ty: &Type) -> Option<(String, Vec<Type>, Vec<String>)> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    let args = match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let path = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    Some((seg.ident.to_string(), args, path))
}

impl<'a> Renderer<'a> {
    /// A renderer of the models in `src`.
    pub fn new(src: &'a Source) -> Self {
        Renderer {
            src,
            names: BTreeMap::new(),
            decls: BTreeMap::new(),
            queue: Vec::new(),
            both: BTreeSet::new(),
            free: &[],
            errors: Vec::new(),
        }
    }

    /// Mark `(scope, name)` as reachable from inputs (call before rendering outputs).
    pub fn set_inputs(&mut self, inputs: BTreeSet<(Scope, String)>) {
        self.both = inputs;
    }

    /// Every model rendered as an input so far.
    pub fn input_models(&self) -> BTreeSet<(Scope, String)> {
        self.names
            .keys()
            .filter(|(_, _, m)| *m == Mode::Input)
            .map(|(s, n, _)| (*s, n.clone()))
            .collect()
    }

    /// The free-form output fields of the operation rendered next.
    pub fn set_free(&mut self, free: &'static [&'static str]) {
        self.free = free;
    }

    /// Find the model `name` as seen from `scope` (a vendor segment in `path` wins).
    fn resolve(&self, name: &str, scope: Scope, path: &[String]) -> Option<&'a Model> {
        let get = |s: Scope| self.src.models.get(&(s, name.to_owned()));
        for s in ["bland", "aliyun", "tencent"] {
            if path.iter().any(|p| p == s) {
                return get(s);
            }
        }
        if let Some(m) = get(scope) {
            return Some(m);
        }
        let found: Vec<&Model> = self
            .src
            .models
            .values()
            .filter(|m| m.name == name)
            .collect();
        match found.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The TypeScript name of model `m` in `mode`, queueing its declaration.
    fn name_of(&mut self, m: &Model, mode: Mode) -> String {
        // String unions read and write alike: one declaration.
        let mode = match m.decl {
            Decl::Strings { .. } => Mode::Input,
            _ => mode,
        };
        let k = (m.scope, m.name.clone(), mode);
        if let Some(n) = self.names.get(&k) {
            return n.clone();
        }
        let p = prefix(m.scope);
        let base = if m.name.starts_with(p) {
            m.name.clone()
        } else {
            format!("{p}{}", m.name)
        };
        let n = match mode {
            Mode::Input => base,
            Mode::Output if self.both.contains(&(m.scope, m.name.clone())) => {
                format!("{base}Output")
            }
            Mode::Output => base,
            Mode::Free => format!("{base}Wire"),
        };
        self.names.insert(k.clone(), n.clone());
        self.queue.push(k);
        n
    }

    /// Render a Rust type.
    fn ty(&mut self, ty: &Type, scope: Scope, mode: Mode) -> Rendered {
        let plain = |ty: &str| Rendered {
            ty: ty.to_owned(),
            optional: false,
            keys: None,
        };
        match ty {
            Type::Reference(r) => return self.ty(&r.elem, scope, mode),
            Type::Tuple(t) => {
                let items: Vec<String> =
                    t.elems.iter().map(|e| self.ty(e, scope, mode).ty).collect();
                return plain(&format!("[{}]", items.join(", ")));
            }
            Type::Slice(s) => {
                let inner = self.ty(&s.elem, scope, mode);
                return Rendered {
                    ty: array(&inner.ty),
                    optional: false,
                    keys: inner.keys,
                };
            }
            _ => {}
        }
        let Some((name, args, path)) = segment(ty) else {
            self.errors.push(format!(
                "unsupported type `{}`",
                quote::ToTokens::to_token_stream(ty)
            ));
            return plain("unknown");
        };
        let arg = |i: usize| args.get(i).cloned();
        match name.as_str() {
            "Option" | "Nullable" => {
                let Some(inner) = arg(0) else {
                    return plain("unknown");
                };
                let r = self.ty(&inner, scope, mode);
                let ty = if name == "Nullable" {
                    format!("{} | null", r.ty)
                } else {
                    r.ty
                };
                Rendered {
                    ty,
                    optional: true,
                    keys: r.keys,
                }
            }
            "Vec" => {
                let Some(inner) = arg(0) else {
                    return plain("unknown[]");
                };
                let r = self.ty(&inner, scope, mode);
                Rendered {
                    ty: array(&r.ty),
                    optional: false,
                    keys: r.keys,
                }
            }
            "Box" => arg(0).map_or_else(|| plain("unknown"), |t| self.ty(&t, scope, mode)),
            "String" | "str" | "char" | "Secret" | "SmartStatusCode" | "CallStatusCode" => {
                plain("string")
            }
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
            | "f32" | "f64" | "Number" | "EndStatus" => plain("number"),
            "bool" => plain("boolean"),
            "Value" => plain("unknown"),
            "Map" | "Extra" | "BTreeMap" | "HashMap" | "IndexMap" => {
                let v = arg(1).map_or_else(
                    || "unknown".to_owned(),
                    |t| self.ty(&t, scope, Mode::Free).ty,
                );
                plain(&format!("Record<string, {v}>"))
            }
            // A JSON object that Tencent wants as JSON text: either form in, text out.
            "JsonObjectString" => match mode {
                Mode::Input => plain("Record<string, unknown> | string"),
                _ => plain("string"),
            },
            // Custom serde (see `tencent::tts`): the object tagged by `TTSType`, or its text.
            "CustomTtsConfig" if mode == Mode::Input => self.custom_tts(scope),
            // A `call_data` row: `phone_number` plus the prompt's variables, kept as written.
            "CallDataRow" => match mode {
                Mode::Input => {
                    self.decls
                        .insert("BlandCallDataRow".into(), CALL_DATA_ROW.to_owned());
                    Rendered {
                        ty: "BlandCallDataRow".into(),
                        optional: false,
                        keys: Some(KeyTree {
                            keys: vec![("phoneNumber".into(), None)],
                            open: true,
                        }),
                    }
                }
                _ => plain("Record<string, unknown>"),
            },
            _ => match self.resolve(&name, scope, &path) {
                Some(m) => {
                    let keys = self.keys_of(m, mode);
                    let n = self.name_of(m, mode);
                    Rendered {
                        ty: n,
                        optional: false,
                        keys,
                    }
                }
                None => {
                    self.errors
                        .push(format!("unresolved type `{name}` (scope {scope})"));
                    plain("unknown")
                }
            },
        }
    }

    /// The key tree of a struct model (for the drift test); `None` for anything else.
    fn keys_of(&mut self, m: &Model, mode: Mode) -> Option<KeyTree> {
        match &m.decl {
            Decl::Struct(fields) if mode == Mode::Input => {
                let fields = fields.clone();
                let mut tree = KeyTree::default();
                let mut body = String::new();
                self.fields(&fields, m.scope, mode, &mut body, &mut tree);
                Some(tree)
            }
            Decl::Alias(t) if mode == Mode::Input => self.ty(t, m.scope, mode).keys,
            _ => None,
        }
    }

    /// `CustomTTSConfig`'s object form: one interface per `TTSType`, discriminated by `ttsType`.
    fn custom_tts(&mut self, scope: Scope) -> Rendered {
        let Some(Model { docs, .. }) = self.resolve("CustomTtsConfig", scope, &[]) else {
            self.errors.push("CustomTtsConfig not found".into());
            return Rendered {
                ty: "unknown".into(),
                optional: false,
                keys: None,
            };
        };
        let variants = [
            ("tencent", "TencentTts"),
            ("minimax", "MinimaxTts"),
            ("volcengine", "VolcengineTts"),
            ("azure", "AzureTts"),
            ("custom", "CustomTts"),
        ];
        let mut union = Vec::new();
        let mut tree = KeyTree {
            keys: vec![("ttsType".into(), None)],
            open: false,
        };
        for (tag, model) in variants {
            let Some(m) = self.resolve(model, scope, &[]) else {
                self.errors.push(format!("{model} not found"));
                continue;
            };
            let n = self.name_of(m, Mode::Input);
            if let Some(t) = self.keys_of(m, Mode::Input) {
                for k in t.keys {
                    if !tree.keys.contains(&k) {
                        tree.keys.push(k);
                    }
                }
            }
            union.push(format!("({{ ttsType: {tag:?} }} & {n})"));
        }
        let mut decl = jsdoc(
            &format!(
                "{docs}\n\nThe object form, tagged by `ttsType`; the vendor's JSON text form is \
                 also accepted."
            ),
            "",
            &self.src.string_lists,
        );
        let _ = writeln!(
            decl,
            "export type TencentCustomTtsConfig =\n  | {}\n  | string;",
            union.join("\n  | ")
        );
        self.decls.insert("TencentCustomTtsConfig".into(), decl);
        Rendered {
            ty: "TencentCustomTtsConfig".into(),
            optional: false,
            keys: Some(tree),
        }
    }

    /// Append the members of `fields` to `body` (and their keys to `tree`).
    fn fields(
        &mut self,
        fields: &[Field],
        scope: Scope,
        mode: Mode,
        body: &mut String,
        tree: &mut KeyTree,
    ) {
        for f in fields {
            let skipped = match mode {
                Mode::Input => f.skip_deserializing,
                _ => f.skip_serializing,
            };
            let unknown_catch_all = segment(&f.ty).is_some_and(|(n, ..)| n == "UnknownFields");
            if skipped || unknown_catch_all {
                continue;
            }
            if f.flatten {
                match segment(&f.ty).map(|s| s.0) {
                    Some(n) if matches!(n.as_str(), "Map" | "Extra") => {
                        body.push_str("  /** Fields this version of callplane does not model, as the vendor sent them. */\n  [field: string]: unknown;\n");
                        tree.open = true;
                    }
                    _ => {
                        let Some((n, _, path)) = segment(&f.ty) else {
                            continue;
                        };
                        match self.resolve(&n, scope, &path).map(|m| m.decl.clone()) {
                            Some(Decl::Struct(inner)) => {
                                self.fields(&inner, scope, mode, body, tree)
                            }
                            _ => self.errors.push(format!("cannot flatten `{n}`")),
                        }
                    }
                }
                continue;
            }
            let child_mode = if mode == Mode::Output && self.free.contains(&f.wire.as_str()) {
                Mode::Free
            } else {
                mode
            };
            let name = match mode {
                Mode::Free => f.wire.clone(),
                _ => to_js(&f.wire).into_owned(),
            };
            // Two wire names with one JS name (Tencent's `UUI` and its deprecated `Uui`) are one
            // key in JS: `output_to_js` writes both to it, the later value winning.
            if tree.keys.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let r = self.ty(&f.ty, scope, child_mode);
            let is_map =
                segment(&f.ty).is_some_and(|(n, ..)| matches!(n.as_str(), "Map" | "Extra"));
            let data_string = f.with.as_deref() == Some("wire::data_string");
            let (ty, optional) = match mode {
                Mode::Input => (widen(f.with.as_deref(), r.ty.clone()), r.optional || is_map),
                _ if data_string => (format!("{} | null", r.ty), false),
                _ if r.optional && !f.skip_if && !r.ty.ends_with("| null") && r.ty != "unknown" => {
                    (format!("{} | null", r.ty), false)
                }
                _ => (r.ty.clone(), f.skip_if),
            };
            let mut docs = f.docs.clone();
            if segment(&f.ty).is_some_and(|(n, ..)| n == "Nullable") && mode == Mode::Input {
                docs.push_str(
                    "\n\n`null` clears the setting (not the same as leaving the field out).",
                );
            }
            // Editors strike deprecated fields through.
            if docs.starts_with("Deprecated") || docs.contains("Deprecated by") {
                docs.push_str("\n\n@deprecated");
            }
            body.push_str(&jsdoc(&docs, "  ", &self.src.string_lists));
            let _ = writeln!(
                body,
                "  {}{}: {ty};",
                key(&name),
                if optional { "?" } else { "" }
            );
            tree.keys.push((
                name,
                if child_mode == Mode::Free {
                    None
                } else {
                    r.keys
                },
            ));
        }
    }

    /// Emit every queued declaration.
    pub fn drain(&mut self) {
        while let Some(k) = self.queue.pop() {
            let (scope, name, mode) = k.clone();
            let Some(ts_name) = self.names.get(&k).cloned() else {
                continue;
            };
            let Some(m) = self.src.models.get(&(scope, name.clone())) else {
                continue;
            };
            let m = m.clone();
            let mut out = jsdoc(&m.docs, "", &self.src.string_lists);
            match &m.decl {
                Decl::Struct(fields) => {
                    let mut body = String::new();
                    let mut tree = KeyTree::default();
                    self.fields(fields, scope, mode, &mut body, &mut tree);
                    if body.is_empty() {
                        let _ = writeln!(out, "export type {ts_name} = Record<string, never>;");
                    } else {
                        let _ = write!(out, "export interface {ts_name} {{\n{body}}}\n");
                    }
                }
                Decl::Tuple(tys) => {
                    let items: Vec<String> =
                        tys.iter().map(|t| self.ty(t, scope, mode).ty).collect();
                    let ty = match items.as_slice() {
                        [one] => one.clone(),
                        _ => format!("[{}]", items.join(", ")),
                    };
                    let _ = writeln!(out, "export type {ts_name} = {ty};");
                }
                Decl::Strings { variants, open } => {
                    let mut members: Vec<String> =
                        variants.iter().map(|(w, _)| format!("{w:?}")).collect();
                    let described: Vec<String> = variants
                        .iter()
                        .filter(|(_, d)| !d.is_empty())
                        .map(|(w, d)| format!("- `{w}`: {}", d.replace('\n', " ")))
                        .collect();
                    out = jsdoc(
                        &format!(
                            "{}{}{}",
                            m.docs,
                            if described.is_empty() { "" } else { "\n\n" },
                            described.join("\n")
                        ),
                        "",
                        &self.src.string_lists,
                    );
                    if *open {
                        // Unknown values are kept verbatim: any string, with the known ones suggested.
                        members.push("(string & {})".into());
                    }
                    let _ = writeln!(out, "export type {ts_name} = {};", members.join(" | "));
                }
                Decl::Untagged(variants) => {
                    let items: Vec<String> = variants
                        .iter()
                        .map(|(t, _)| self.ty(t, scope, mode).ty)
                        .collect();
                    let _ = writeln!(out, "export type {ts_name} = {};", items.join(" | "));
                }
                Decl::Alias(t) => {
                    let r = self.ty(t, scope, mode);
                    let _ = writeln!(out, "export type {ts_name} = {};", r.ty);
                }
            }
            self.decls.insert(ts_name, out);
        }
    }

    /// Render a root type (an operation's input model or output type).
    pub fn root(&mut self, ty: &Type, scope: Scope, mode: Mode) -> (String, Option<KeyTree>) {
        let r = self.ty(ty, scope, mode);
        (r.ty, r.keys)
    }
}
