//! Reading the core's model sources with `syn`: every serde struct and enum (including the ones
//! the core declares through its own `macro_rules!`), with its doc comments and serde attributes.
//!
//! Only what the TypeScript rendering needs is kept. The model macros are read by their known
//! shapes (`with_call_options!`, `lenient_enum!`, `lenient_str_enum!`, `request!`,
//! `ai_window_request!`); a macro this reader does not know leaves its types undeclared, and the
//! generator then fails naming the missing type instead of guessing.

mod macros;

use macros::{ai_window_fields, ai_window_invocation, call_option_fields, lenient_enum, request};
use proc_macro2::TokenStream;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use syn::parse::Parser;
use syn::{Attribute, Expr, Fields, Item, Lit, Meta, Token, Type};

/// Where a declaration was found: the vendor folder, or `api` for the registry's own inputs.
pub type Scope = &'static str;

/// One named field.
#[derive(Clone)]
pub struct Field {
    /// The serialized name (after `rename` / `rename_all`).
    pub wire: String,
    /// The Rust type, as written.
    pub ty: Type,
    /// The doc comment.
    pub docs: String,
    /// `skip_serializing_if` is set: the key may be absent from an answer.
    pub skip_if: bool,
    /// `#[serde(flatten)]`.
    pub flatten: bool,
    /// `skip_serializing` (or `skip`): never in an answer.
    pub skip_serializing: bool,
    /// `skip_deserializing` (or `skip`): never read from an input.
    pub skip_deserializing: bool,
    /// `with` / `serialize_with` / `deserialize_with`, as written.
    pub with: Option<String>,
}

/// A declaration the renderer can turn into TypeScript.
#[derive(Clone)]
pub enum Decl {
    /// A struct with named fields.
    Struct(Vec<Field>),
    /// A tuple struct: `[a, b]`, or the inner type when it has one field (`transparent`).
    Tuple(Vec<Type>),
    /// Unit variants with their wire strings; `open` when unknown strings are kept (`Other`).
    Strings {
        /// `(wire string, docs)`.
        variants: Vec<(String, String)>,
        /// Unknown strings are kept verbatim.
        open: bool,
    },
    /// `#[serde(untagged)]`: one of the variants' types.
    Untagged(Vec<(Type, String)>),
    /// `type X = …;`.
    Alias(Type),
}

/// A declaration with its docs.
#[derive(Clone)]
pub struct Model {
    /// Where it was declared.
    pub scope: Scope,
    /// The Rust name.
    pub name: String,
    /// The doc comment.
    pub docs: String,
    /// What it is.
    pub decl: Decl,
}

/// Everything read: models by `(scope, name)`, and `&[&str]` constants (named in docs).
#[derive(Default)]
pub struct Source {
    /// Every model, by where it was declared and its Rust name.
    pub models: BTreeMap<(Scope, String), Model>,
    /// `&[&str]` constants, values already quoted (`` `a` ``), spelled out where docs name them.
    pub string_lists: BTreeMap<String, Vec<String>>,
    /// Variant docs of enums with hand-written serde, until their `as_str` is read.
    variant_docs: BTreeMap<(Scope, String), Vec<(String, String)>>,
}

/// The folders read, with their scope.
const ROOTS: &[(&str, Scope)] = &[
    ("core/src/bland", "bland"),
    ("core/src/aliyun", "aliyun"),
    ("core/src/tencent", "tencent"),
    ("core/src/api/registry.rs", "api"),
];

impl Source {
    /// Read every model file under the workspace root `root` (tests folders are skipped).
    pub fn read(root: &Path) -> Result<Source, String> {
        let mut src = Source::default();
        let mut call_options = None;
        let mut files = Vec::new();
        for (rel, scope) in ROOTS {
            collect(&root.join(rel), scope, &mut files)?;
        }
        let mut parsed = Vec::new();
        for (path, scope) in files {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            for item in &file.items {
                if let Item::Macro(m) = item
                    && m.ident.as_ref().is_some_and(|i| i == "call_option_fields")
                {
                    call_options = Some(call_option_fields(&m.mac.tokens)?);
                }
            }
            parsed.push((path, scope, file));
        }
        let call_options = call_options.ok_or("macro_rules! call_option_fields not found")?;
        for (path, scope, file) in &parsed {
            let ai_window = file.items.iter().find_map(|i| match i {
                Item::Macro(m) if m.ident.as_ref().is_some_and(|i| i == "ai_window_request") => {
                    Some(m.mac.tokens.clone())
                }
                _ => None,
            });
            for item in &file.items {
                src.item(item, scope, &call_options, ai_window.as_ref())
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        Ok(src)
    }

    fn add(&mut self, scope: Scope, name: String, docs: String, decl: Decl) {
        self.models.insert(
            (scope, name.clone()),
            Model {
                scope,
                name,
                docs,
                decl,
            },
        );
    }

    fn item(
        &mut self,
        item: &Item,
        scope: Scope,
        call_options: &[Field],
        ai_window: Option<&TokenStream>,
    ) -> Result<(), String> {
        match item {
            Item::Struct(s) => {
                let serde = serde_meta(&s.attrs);
                let docs = docs(&s.attrs);
                let name = s.ident.to_string();
                match &s.fields {
                    Fields::Named(n) => {
                        let rename_all = serde_value(&serde, "rename_all");
                        let fields = n
                            .named
                            .iter()
                            .map(|f| {
                                let ident = f.ident.as_ref().map(ToString::to_string);
                                field(
                                    &f.attrs,
                                    ident.unwrap_or_default(),
                                    f.ty.clone(),
                                    rename_all.as_deref(),
                                )
                            })
                            .collect();
                        self.add(scope, name, docs, Decl::Struct(fields));
                    }
                    Fields::Unnamed(u) => {
                        let tys = u.unnamed.iter().map(|f| f.ty.clone()).collect();
                        self.add(scope, name, docs, Decl::Tuple(tys));
                    }
                    Fields::Unit => {}
                }
            }
            Item::Enum(e) => {
                let serde = serde_meta(&e.attrs);
                let docs = docs(&e.attrs);
                let name = e.ident.to_string();
                if serde.iter().any(|m| m == "untagged") {
                    let variants = e
                        .variants
                        .iter()
                        .filter_map(|v| match &v.fields {
                            Fields::Unnamed(u) if u.unnamed.len() == 1 => u
                                .unnamed
                                .first()
                                .map(|f| (f.ty.clone(), crate::typegen::source::docs(&v.attrs))),
                            _ => None,
                        })
                        .collect();
                    self.add(scope, name, docs, Decl::Untagged(variants));
                } else if derives_serde(&e.attrs) {
                    let rename_all = serde_value(&serde, "rename_all");
                    let variants = e
                        .variants
                        .iter()
                        .filter(|v| matches!(v.fields, Fields::Unit))
                        .map(|v| {
                            let vs = serde_meta(&v.attrs);
                            let wire = serde_value(&vs, "rename").unwrap_or_else(|| {
                                rename(&v.ident.to_string(), rename_all.as_deref(), true)
                            });
                            (wire, crate::typegen::source::docs(&v.attrs))
                        })
                        .collect();
                    self.add(
                        scope,
                        name,
                        docs,
                        Decl::Strings {
                            variants,
                            open: false,
                        },
                    );
                } else {
                    // Hand-written serde (an open enum with `Other`, or a tagged object): the
                    // wire strings come from its `as_str` (see `Item::Impl` below).
                    self.variant_docs.insert(
                        (scope, name.clone()),
                        e.variants
                            .iter()
                            .map(|v| (v.ident.to_string(), crate::typegen::source::docs(&v.attrs)))
                            .collect(),
                    );
                    let open = e.variants.iter().any(|v| !matches!(v.fields, Fields::Unit));
                    self.add(
                        scope,
                        name,
                        docs,
                        Decl::Strings {
                            variants: Vec::new(),
                            open,
                        },
                    );
                }
            }
            Item::Impl(i) if i.trait_.is_none() => {
                let Type::Path(p) = &*i.self_ty else {
                    return Ok(());
                };
                let Some(name) = p.path.get_ident().map(ToString::to_string) else {
                    return Ok(());
                };
                let Some(docs) = self.variant_docs.get(&(scope, name.clone())).cloned() else {
                    return Ok(());
                };
                let arms = i.items.iter().find_map(|it| match it {
                    syn::ImplItem::Fn(f) if f.sig.ident == "as_str" => Some(as_str_arms(&f.block)),
                    _ => None,
                });
                if let (
                    Some(arms),
                    Some(Model {
                        decl: Decl::Strings { variants, .. },
                        ..
                    }),
                ) = (arms, self.models.get_mut(&(scope, name)))
                {
                    *variants = docs
                        .iter()
                        .filter_map(|(v, d)| {
                            arms.iter()
                                .find(|(a, _)| a == v)
                                .map(|(_, w)| (w.clone(), d.clone()))
                        })
                        .collect();
                }
            }
            Item::Type(t) => {
                self.add(
                    scope,
                    t.ident.to_string(),
                    docs(&t.attrs),
                    Decl::Alias((*t.ty).clone()),
                );
            }
            Item::Const(c) => {
                if let Some(list) = string_list(&c.expr) {
                    self.string_lists.insert(c.ident.to_string(), list);
                }
            }
            Item::Mod(m) => {
                for i in m.content.iter().flat_map(|(_, items)| items) {
                    self.item(i, scope, call_options, ai_window)?;
                }
            }
            Item::Macro(m) => {
                let Some(name) = m.mac.path.get_ident().map(ToString::to_string) else {
                    return Ok(());
                };
                let tokens = m.mac.tokens.clone();
                match name.as_str() {
                    "with_call_options" => {
                        let s: syn::ItemStruct = syn::parse2(tokens).map_err(|e| e.to_string())?;
                        self.item(&Item::Struct(s.clone()), scope, call_options, ai_window)?;
                        if let Some(Model {
                            decl: Decl::Struct(fields),
                            ..
                        }) = self.models.get_mut(&(scope, s.ident.to_string()))
                        {
                            fields.extend(call_options.iter().cloned());
                        }
                    }
                    "lenient_enum" | "lenient_str_enum" => {
                        let (name, docs, variants) = lenient_enum
                            .parse2(tokens)
                            .map_err(|e| format!("{name}!: {e}"))?;
                        self.add(
                            scope,
                            name,
                            docs,
                            Decl::Strings {
                                variants,
                                open: true,
                            },
                        );
                    }
                    "request" => {
                        let (name, docs, fields) = request
                            .parse2(tokens)
                            .map_err(|e| format!("request!: {e}"))?;
                        self.add(scope, name, docs, Decl::Struct(fields));
                    }
                    "ai_window_request" => {
                        let def =
                            ai_window.ok_or("ai_window_request! used without its definition")?;
                        let fields = ai_window_fields(def)?;
                        let (name, docs) = ai_window_invocation
                            .parse2(tokens)
                            .map_err(|e| format!("ai_window_request!: {e}"))?;
                        self.add(scope, name, docs, Decl::Struct(fields));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn collect(path: &Path, scope: Scope, out: &mut Vec<(PathBuf, Scope)>) -> Result<(), String> {
    if path.is_file() {
        out.push((path.to_owned(), scope));
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "tests") {
                collect(&p, scope, out)?;
            }
        } else if p.extension().is_some_and(|e| e == "rs")
            && !p
                .file_name()
                .is_some_and(|n| n == "tests.rs" || n.to_string_lossy().ends_with("_tests.rs"))
        {
            out.push((p, scope));
        }
    }
    Ok(())
}

/// The doc comment of `attrs`, lines joined with `\n`, common leading space removed.
pub fn docs(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn derives_serde(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive") && a.meta.to_token_stream_string().contains("Serialize")
    })
}

trait MetaText {
    fn to_token_stream_string(&self) -> String;
}

impl MetaText for Meta {
    fn to_token_stream_string(&self) -> String {
        quote::ToTokens::to_token_stream(self).to_string()
    }
}

/// The items of every `#[serde(...)]` attribute, as text: `rename = "X"`, `flatten`, …
fn serde_meta(attrs: &[Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let Meta::List(list) = &a.meta else { continue };
        let parsed =
            list.parse_args_with(syn::punctuated::Punctuated::<Meta, Token![,]>::parse_terminated);
        if let Ok(items) = parsed {
            out.extend(items.iter().map(|m| m.to_token_stream_string()));
        }
    }
    out
}

/// The string value of `key = "…"` among serde items.
fn serde_value(items: &[String], key: &str) -> Option<String> {
    items.iter().find_map(|m| {
        let (k, v) = m.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// serde's `rename_all` of a field (`variant` false) or variant name.
fn rename(ident: &str, rule: Option<&str>, variant: bool) -> String {
    let words: Vec<String> = if variant {
        // PascalCase variant → words
        let mut w = Vec::new();
        let mut cur = String::new();
        for c in ident.chars() {
            if c.is_ascii_uppercase() && !cur.is_empty() {
                w.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            w.push(cur);
        }
        w
    } else {
        ident.split('_').map(str::to_owned).collect()
    };
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    };
    match rule {
        Some("PascalCase") => words.iter().map(|w| cap(w)).collect(),
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { cap(w) })
            .collect(),
        Some("snake_case") => words.join("_"),
        Some("lowercase") => words.concat(),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_ascii_uppercase(),
        _ if variant => ident.to_owned(),
        _ => ident.to_owned(),
    }
}

fn field(attrs: &[Attribute], ident: String, ty: Type, rename_all: Option<&str>) -> Field {
    let serde = serde_meta(attrs);
    let has = |k: &str| serde.iter().any(|m| m == k);
    let wire = serde_value(&serde, "rename").unwrap_or_else(|| rename(&ident, rename_all, false));
    Field {
        wire,
        ty,
        docs: docs(attrs),
        skip_if: serde.iter().any(|m| m.starts_with("skip_serializing_if")),
        flatten: has("flatten"),
        skip_serializing: has("skip_serializing") || has("skip"),
        skip_deserializing: has("skip_deserializing") || has("skip"),
        with: ["with", "serialize_with", "deserialize_with"]
            .iter()
            .find_map(|k| serde_value(&serde, k)),
    }
}

/// `Name::Variant => "wire"` arms of an `as_str` body.
fn as_str_arms(block: &syn::Block) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for stmt in &block.stmts {
        let syn::Stmt::Expr(Expr::Match(m), _) = stmt else {
            continue;
        };
        for arm in &m.arms {
            let variant = match &arm.pat {
                syn::Pat::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            };
            if let (Some(v), Expr::Lit(l)) = (variant, &*arm.body)
                && let Lit::Str(s) = &l.lit
            {
                out.push((v, s.value()));
            }
        }
    }
    out
}

/// `&["a", "b"]` → `` ["`a`", "`b`"] ``; `&[("a", "what a is"), …]` → `` ["`a` (what a is)", …] ``.
fn string_list(expr: &Expr) -> Option<Vec<String>> {
    let Expr::Reference(r) = expr else {
        return None;
    };
    let Expr::Array(a) = &*r.expr else {
        return None;
    };
    let text = |e: &Expr| match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    };
    a.elems
        .iter()
        .map(|e| match e {
            Expr::Tuple(t) => {
                let mut parts = t.elems.iter().map(text);
                match (parts.next(), parts.next()) {
                    (Some(Some(v)), Some(Some(what))) => Some(format!("`{v}` ({what})")),
                    _ => None,
                }
            }
            e => text(e).map(|v| format!("`{v}`")),
        })
        .collect()
}
