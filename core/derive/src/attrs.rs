//! The `#[serde(...)]` attributes that decide how a model is read, parsed as serde_derive 1.0.229
//! parses them (its `internals/attr.rs`); attributes that only affect serializing are skipped.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

/// `#[serde(default)]` or `#[serde(default = "path")]`.
#[derive(Clone)]
pub enum Default {
    None,
    Trait,
    Path(syn::Path),
}

/// Container attributes.
pub struct Container {
    pub rename_all: Option<String>,
    pub deny_unknown_fields: bool,
    pub default: Default,
    pub transparent: bool,
    /// `tag`, `untagged`, `content`, `from`, `try_from`, `remote`, `expecting`: left to serde.
    pub serde_only: bool,
}

/// Field attributes.
pub struct Field {
    pub rename: Option<String>,
    pub aliases: Vec<String>,
    pub default: Default,
    pub flatten: bool,
    pub skip_deserializing: bool,
    /// `deserialize_with = "path"`, or `with = "module"` as `module::deserialize`.
    pub deserialize_with: Option<syn::Path>,
}

/// The string of `= "…"`, also when a `macro_rules!` passed it as an invisible group.
fn string(meta: &ParseNestedMeta) -> syn::Result<String> {
    // One token: the rest of the input is the next attributes (`rename = "x", default`).
    let mut tt: Option<TokenTree> = Some(meta.value()?.parse()?);
    while let Some(TokenTree::Group(g)) = &tt {
        if g.delimiter() != Delimiter::None {
            break;
        }
        tt = g.stream().into_iter().next();
    }
    let lit: LitStr = syn::parse2(tt.map(TokenStream::from).unwrap_or_default())?;
    Ok(lit.value())
}

fn path(meta: &ParseNestedMeta) -> syn::Result<syn::Path> {
    syn::parse_str(&string(meta)?)
}

/// `default` or `default = "path"`.
fn default(meta: &ParseNestedMeta) -> syn::Result<Default> {
    Ok(if meta.input.peek(Token![=]) {
        Default::Path(path(meta)?)
    } else {
        Default::Trait
    })
}

/// Skip a nested attribute we do not need (`skip_serializing_if = "…"`, `bound(…)`, …).
fn skip(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: TokenStream = {
            meta.input.parse::<Token![=]>()?;
            let mut out = TokenStream::new();
            while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                let tt: TokenTree = meta.input.parse()?;
                out.extend([tt]);
            }
            out
        };
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip(&inner))?;
    }
    Ok(())
}

/// `rename = "x"` or `rename(deserialize = "x")`: the deserialize side.
fn de_name(meta: &ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return string(meta).map(Some);
    }
    let mut out = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("deserialize") {
            out = Some(string(&inner)?);
            Ok(())
        } else {
            skip(&inner)
        }
    })?;
    Ok(out)
}

fn serde_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("serde"))
}

impl Container {
    pub fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut c = Container {
            rename_all: None,
            deny_unknown_fields: false,
            default: Default::None,
            transparent: false,
            serde_only: false,
        };
        for attr in serde_attrs(attrs) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                if p.is_ident("rename_all") {
                    c.rename_all = de_name(&meta)?;
                } else if p.is_ident("deny_unknown_fields") {
                    c.deny_unknown_fields = true;
                } else if p.is_ident("default") {
                    c.default = default(&meta)?;
                } else if p.is_ident("transparent") {
                    c.transparent = true;
                } else if [
                    "tag",
                    "untagged",
                    "content",
                    "from",
                    "try_from",
                    "remote",
                    "expecting",
                ]
                .iter()
                .any(|n| p.is_ident(n))
                {
                    c.serde_only = true;
                    skip(&meta)?;
                } else {
                    skip(&meta)?;
                }
                Ok(())
            })?;
        }
        Ok(c)
    }
}

impl Field {
    pub fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut f = Field {
            rename: None,
            aliases: Vec::new(),
            default: Default::None,
            flatten: false,
            skip_deserializing: false,
            deserialize_with: None,
        };
        for attr in serde_attrs(attrs) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                if p.is_ident("rename") {
                    if let Some(name) = de_name(&meta)? {
                        f.rename = Some(name);
                    }
                } else if p.is_ident("alias") {
                    f.aliases.push(string(&meta)?);
                } else if p.is_ident("default") {
                    f.default = default(&meta)?;
                } else if p.is_ident("flatten") {
                    f.flatten = true;
                } else if p.is_ident("skip") || p.is_ident("skip_deserializing") {
                    f.skip_deserializing = true;
                } else if p.is_ident("deserialize_with") {
                    f.deserialize_with = Some(path(&meta)?);
                } else if p.is_ident("with") {
                    let mut module = path(&meta)?;
                    module.segments.push(syn::parse_quote!(deserialize));
                    f.deserialize_with = Some(module);
                } else {
                    skip(&meta)?;
                }
                Ok(())
            })?;
        }
        Ok(f)
    }
}

/// A unit variant's `rename` (deserialize side) and `alias`es; `None` if it has any other serde
/// attribute (`other`, `skip`, `deserialize_with`, …: left to serde).
pub fn unit_variant(attrs: &[Attribute]) -> syn::Result<Option<(Option<String>, Vec<String>)>> {
    let (mut rename, mut aliases, mut simple) = (None, Vec::new(), true);
    for attr in serde_attrs(attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if let Some(name) = de_name(&meta)? {
                    rename = Some(name);
                }
            } else if meta.path.is_ident("alias") {
                aliases.push(string(&meta)?);
            } else {
                simple = false;
                skip(&meta)?;
            }
            Ok(())
        })?;
    }
    Ok(simple.then_some((rename, aliases)))
}

/// serde_derive's `RenameRule::apply_to_variant`.
pub fn rename_variant(rule: Option<&str>, variant: &str) -> Result<String, String> {
    let snake = || {
        let mut out = String::new();
        for (i, ch) in variant.char_indices() {
            if i > 0 && ch.is_uppercase() {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    };
    Ok(match rule {
        None | Some("PascalCase") => variant.to_owned(),
        Some("lowercase") => variant.to_ascii_lowercase(),
        Some("UPPERCASE") => variant.to_ascii_uppercase(),
        Some("camelCase") => {
            let mut chars = variant.chars();
            match chars.next() {
                Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        }
        Some("snake_case") => snake(),
        Some("SCREAMING_SNAKE_CASE") => snake().to_ascii_uppercase(),
        Some("kebab-case") => snake().replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => snake().to_ascii_uppercase().replace('_', "-"),
        Some(other) => return Err(format!("unknown rename rule `{other}`")),
    })
}

/// serde_derive's `RenameRule::apply_to_field`.
pub fn rename_field(rule: Option<&str>, field: &str) -> Result<String, String> {
    let pascal = || {
        let mut out = String::new();
        let mut capitalize = true;
        for ch in field.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                out.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                out.push(ch);
            }
        }
        out
    };
    Ok(match rule {
        None | Some("lowercase") | Some("snake_case") => field.to_owned(),
        Some("UPPERCASE") | Some("SCREAMING_SNAKE_CASE") => field.to_ascii_uppercase(),
        Some("PascalCase") => pascal(),
        Some("camelCase") => {
            let p = pascal();
            let mut chars = p.chars();
            match chars.next() {
                Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                None => p,
            }
        }
        Some("kebab-case") => field.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => field.to_ascii_uppercase().replace('_', "-"),
        Some(other) => return Err(format!("unknown rename rule `{other}`")),
    })
}
