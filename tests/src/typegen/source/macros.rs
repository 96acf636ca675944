//! Readers of the core's model macros, by their known shapes: `call_option_fields!` (pasted
//! into request structs by `with_call_options!`), `lenient_enum!` / `lenient_str_enum!`,
//! `request!` and `ai_window_request!` (Tencent lookups).

use super::{Field, docs, field};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Token, Type};

/// `(wire string, docs)` of each variant.
pub(super) type Variants = Vec<(String, String)>;

/// Drop the `$` of `$crate` so the tokens parse as Rust.
fn strip_dollar_crate(ts: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut it = ts.into_iter().peekable();
    while let Some(t) = it.next() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                if matches!(it.peek(), Some(TokenTree::Ident(i)) if i == "crate") {
                    continue;
                }
                out.push(TokenTree::Punct(p));
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), strip_dollar_crate(g.stream()));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The field list inside `macro_rules! call_option_fields`: `(docs) name: Type,` each, which the
/// macro pastes into request structs as `Option<Type>` with `skip_serializing_if`.
pub(super) fn call_option_fields(def: &TokenStream) -> Result<Vec<Field>, String> {
    // ($callback:path { … }) => { $callback! { { $($args)* } FIELDS } };
    let body = def
        .clone()
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
            _ => None,
        })
        .last()
        .ok_or("call_option_fields: no rule body")?;
    let inner = body
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
            _ => None,
        })
        .last()
        .ok_or("call_option_fields: no field list")?;
    // Skip the leading `{ $($args)* }` group.
    let fields: TokenStream = inner.into_iter().skip(1).collect();
    let parser = |input: ParseStream| {
        let mut out = Vec::new();
        while !input.is_empty() {
            let attrs = input.call(Attribute::parse_outer)?;
            let ident: syn::Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let ty: Type = input.parse()?;
            input.parse::<Token![,]>()?;
            let wrapped: Type = syn::parse_quote!(Option<#ty>);
            let mut f = field(&attrs, ident.to_string(), wrapped, None);
            f.skip_if = true;
            out.push(f);
        }
        Ok(out)
    };
    parser
        .parse2(strip_dollar_crate(fields))
        .map_err(|e| format!("call_option_fields: {e}"))
}

/// `lenient_enum! { #[doc] pub enum Name { #[doc] Variant => "wire", … } }` and
/// `lenient_str_enum! { #[doc] Name { … } }`.
pub(super) fn lenient_enum(input: ParseStream) -> syn::Result<(String, String, Variants)> {
    let attrs = input.call(Attribute::parse_outer)?;
    if input.peek(Token![pub]) {
        input.parse::<Token![pub]>()?;
        input.parse::<Token![enum]>()?;
    }
    let name: syn::Ident = input.parse()?;
    let body;
    syn::braced!(body in input);
    let mut variants = Vec::new();
    while !body.is_empty() {
        let vattrs = body.call(Attribute::parse_outer)?;
        body.parse::<syn::Ident>()?;
        body.parse::<Token![=>]>()?;
        let wire: syn::LitStr = body.parse()?;
        body.parse::<Token![,]>()?;
        variants.push((wire.value(), docs(&vattrs)));
    }
    Ok((name.to_string(), docs(&attrs), variants))
}

/// The `(docs) field: Type = "Wire",` list of a `request!` body.
fn request_fields(body: ParseStream) -> syn::Result<Vec<Field>> {
    let mut fields = Vec::new();
    while !body.is_empty() {
        let fattrs = body.call(Attribute::parse_outer)?;
        let ident: syn::Ident = body.parse()?;
        body.parse::<Token![:]>()?;
        let ty: Type = body.parse()?;
        body.parse::<Token![=]>()?;
        let wire: syn::LitStr = body.parse()?;
        body.parse::<Token![,]>()?;
        let mut f = field(&fattrs, ident.to_string(), ty, None);
        f.wire = wire.value();
        f.skip_if = true;
        fields.push(f);
    }
    Ok(fields)
}

/// The `extra` map every Tencent lookup request ends with.
fn extra_field() -> Field {
    Field {
        wire: "extra".into(),
        ty: syn::parse_quote!(Extra),
        docs: "Vendor fields callplane does not model yet, sent verbatim.".into(),
        skip_if: false,
        flatten: false,
        skip_serializing: true,
        skip_deserializing: false,
        with: None,
    }
}

/// `request! { #[doc] Name => Output { fields } validate(…) {…} wire(…) {…}? }`.
pub(super) fn request(input: ParseStream) -> syn::Result<(String, String, Vec<Field>)> {
    let attrs = input.call(Attribute::parse_outer)?;
    let name: syn::Ident = input.parse()?;
    input.parse::<Token![=>]>()?;
    input.parse::<Type>()?;
    let body;
    syn::braced!(body in input);
    let mut fields = request_fields(&body)?;
    fields.push(extra_field());
    input.parse::<TokenStream>()?;
    Ok((name.to_string(), docs(&attrs), fields))
}

/// `ai_window_request! { #[doc] Name => Output }`.
pub(super) fn ai_window_invocation(input: ParseStream) -> syn::Result<(String, String)> {
    let attrs = input.call(Attribute::parse_outer)?;
    let name: syn::Ident = input.parse()?;
    input.parse::<TokenStream>()?;
    Ok((name.to_string(), docs(&attrs)))
}

/// The fields `macro_rules! ai_window_request` passes to `request!`: the brace group after
/// `$name => $output` inside the `request! { … }` of its body.
pub(super) fn ai_window_fields(def: &TokenStream) -> Result<Vec<Field>, String> {
    fn find(ts: TokenStream) -> Option<TokenStream> {
        let tokens: Vec<TokenTree> = ts.into_iter().collect();
        for (i, t) in tokens.iter().enumerate() {
            if let TokenTree::Ident(id) = t
                && id == "request"
                && let Some(TokenTree::Group(g)) = tokens.get(i + 2)
            {
                // `$ (#[$meta])* $ name => $ output { fields }`: the first brace group inside.
                return g.stream().into_iter().find_map(|t| match t {
                    TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
                    _ => None,
                });
            }
            if let TokenTree::Group(g) = t
                && let Some(found) = find(g.stream())
            {
                return Some(found);
            }
        }
        None
    }
    let fields = find(def.clone()).ok_or("ai_window_request: no request! field list")?;
    let mut fields = request_fields
        .parse2(fields)
        .map_err(|e| format!("ai_window_request: {e}"))?;
    fields.push(extra_field());
    Ok(fields)
}
