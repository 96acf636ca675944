//! `#[derive(ReadJson)]` for callplane-core's input models (see `callplane_core::json::read`).
//!
//! The model's `#[serde(...)]` attributes stay the single source of truth: this derive reads
//! them (rename, rename_all, alias, default, deny_unknown_fields, flatten, deserialize_with, with,
//! skip, transparent) and emits a reader that behaves as serde_derive 1.0.229's `visit_map` does
//! through `json::track`, without serde's visitor and access machinery per model. Enums and the
//! forms this derive does not model (`tag`, `untagged`, `from`, …) are read by their
//! `Deserialize` through `track`, which gives the same errors by construction.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, parse_macro_input};

mod attrs;

/// Derive `callplane_core::json::read::ReadJson` (and `ReadFlat` for named structs) from the
/// type's serde attributes.
#[proc_macro_derive(ReadJson, attributes(serde))]
pub fn derive_read_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let container = attrs::Container::parse(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(s) if !container.serde_only => match &s.fields {
            Fields::Named(_) if container.transparent => transparent(input, &s.fields)?,
            Fields::Named(named) => named_struct(input, &container, named)?,
            Fields::Unnamed(f) if f.unnamed.len() == 1 || container.transparent => {
                transparent(input, &s.fields)?
            }
            _ => via_serde(input),
        },
        _ => via_serde(input),
    };
    Ok(quote! {
        const _: () = {
            use ::callplane_core::json::read as __r;
            #body
        };
    })
}

/// `impl … for Name<T: ReadJson>`.
fn impl_header(input: &DeriveInput, tr: Tokens) -> Tokens {
    let name = &input.ident;
    let mut generics = input.generics.clone();
    for p in generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(__r::ReadJson));
    }
    let (ig, tg, wc) = generics.split_for_impl();
    quote!(impl #ig #tr for #name #tg #wc)
}

/// Enums and serde-only forms: the type's own `Deserialize`, through `track`.
fn via_serde(input: &DeriveInput) -> Tokens {
    let name = &input.ident;
    let (ig, tg, wc) = input.generics.split_for_impl();
    let bound = if input.generics.params.is_empty() {
        quote!()
    } else {
        let pred = quote!(#name #tg: __r::DeserializeOwned);
        match wc {
            Some(w) => quote!(#w, #pred),
            None => quote!(where #pred),
        }
    };
    let wc = if input.generics.params.is_empty() {
        quote!(#wc)
    } else {
        bound
    };
    quote! {
        impl #ig __r::ReadJson for #name #tg #wc {
            fn read(
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                __r::serde_at(__v, __at)
            }
            fn missing(__name: &'static str) -> ::core::result::Result<Self, __r::Error> {
                __r::missing_via_serde(__name)
            }
        }
    }
}

/// `#[serde(transparent)]` and newtype structs: the one field at the same position. (A newtype
/// is read by `visit_newtype_struct`, which reads the field there too; only `transparent`
/// passes serde's `missing_field` on to the field's type.)
fn transparent(input: &DeriveInput, fields: &Fields) -> syn::Result<Tokens> {
    let container = attrs::Container::parse(&input.attrs)?;
    let mut inner = None;
    let mut members = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let fa = attrs::Field::parse(&f.attrs)?;
        let member = match &f.ident {
            Some(id) => quote!(#id),
            None => {
                let idx = syn::Index::from(i);
                quote!(#idx)
            }
        };
        if fa.skip_deserializing {
            members.push(quote!(#member: ::core::default::Default::default()));
        } else {
            inner = Some(f.ty.clone());
            members.push(quote!(#member: __x));
        }
    }
    let Some(ty) = inner else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "ReadJson: a transparent struct needs one field that is read",
        ));
    };
    let header = impl_header(input, quote!(__r::ReadJson));
    let missing = if container.transparent {
        quote! {
            fn missing(__name: &'static str) -> ::core::result::Result<Self, __r::Error> {
                <#ty as __r::ReadJson>::missing(__name).map(|__x| Self { #(#members),* })
            }
        }
    } else {
        quote!()
    };
    Ok(quote! {
        #header {
            fn read(
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                <#ty as __r::ReadJson>::read(__v, __at).map(|__x| Self { #(#members),* })
            }
            #missing
        }
    })
}

/// One named field, as the reader sees it.
struct Field<'a> {
    member: &'a syn::Ident,
    ty: &'a syn::Type,
    attrs: attrs::Field,
    /// The deserialize name.
    name: String,
    /// Every name it is read under (the name and its aliases), sorted as serde's `BTreeSet`.
    names: Vec<String>,
    var: syn::Ident,
}

fn named_struct(
    input: &DeriveInput,
    container: &attrs::Container,
    named: &syn::FieldsNamed,
) -> syn::Result<Tokens> {
    let mut fields = Vec::new();
    for (i, f) in named.named.iter().enumerate() {
        let Some(member) = &f.ident else {
            continue;
        };
        let mut attrs = attrs::Field::parse(&f.attrs)?;
        // serde_derive: a skipped field without its own default takes `Default::default()`
        // unless the container has a default.
        if attrs.skip_deserializing
            && matches!(attrs.default, attrs::Default::None)
            && matches!(container.default, attrs::Default::None)
        {
            attrs.default = attrs::Default::Trait;
        }
        let ident = member.to_string();
        let ident = ident.strip_prefix("r#").unwrap_or(&ident);
        let name = match &attrs.rename {
            Some(n) => n.clone(),
            None => attrs::rename_field(container.rename_all.as_deref(), ident)
                .map_err(|e| syn::Error::new_spanned(member, e))?,
        };
        let mut names = attrs.aliases.clone();
        names.push(name.clone());
        names.sort();
        names.dedup();
        fields.push(Field {
            member,
            ty: &f.ty,
            attrs,
            name,
            names,
            var: format_ident!("__f{}", i),
        });
    }
    let read_fields: Vec<&Field> = fields
        .iter()
        .filter(|f| !f.attrs.skip_deserializing && !f.attrs.flatten)
        .collect();
    let flattened: Vec<&Field> = fields
        .iter()
        .filter(|f| !f.attrs.skip_deserializing && f.attrs.flatten)
        .collect();
    let has_flatten = !flattened.is_empty();
    let field_names: Vec<&String> = read_fields.iter().flat_map(|f| &f.names).collect();

    let lets = read_fields.iter().map(|f| {
        let (var, ty) = (&f.var, f.ty);
        quote!(let mut #var: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    // One out-of-line call per field, generic only in the field's type: the code per field is
    // a call, shared by every field of that type in every model.
    let arms = read_fields.iter().map(|f| {
        let (var, name) = (&f.var, &f.name);
        let names = &f.names;
        match &f.attrs.deserialize_with {
            None => quote! {
                #(#names)|* => __r::field(&mut #var, __val, __at, __k, #name),
            },
            Some(path) => quote! {
                #(#names)|* => __r::field_with(&mut #var, __val, __at, __k, #name, |__d| #path(__d)),
            },
        }
    });
    let other = if has_flatten {
        quote!(_ => {
            __collect.push(::core::option::Option::Some((__k, __val)));
            ::core::result::Result::Ok(())
        })
    } else if container.deny_unknown_fields {
        quote!(_ => ::core::result::Result::Err(__r::unknown(__at, __k, FIELDS)),)
    } else {
        quote!(_ => ::core::result::Result::Ok(()),)
    };
    let collect =
        has_flatten.then(|| quote!(let mut __collect: __r::FlatBuf<'_> = ::std::vec::Vec::new();));
    let let_default = match &container.default {
        attrs::Default::None => quote!(),
        attrs::Default::Trait => quote!(let __default: Self = ::core::default::Default::default();),
        attrs::Default::Path(p) => quote!(let __default: Self = #p();),
    };
    let missing_expr = |f: &Field| -> Tokens {
        let member = f.member;
        let name = &f.name;
        let ty = f.ty;
        match (
            &f.attrs.default,
            &container.default,
            &f.attrs.deserialize_with,
        ) {
            (attrs::Default::Trait, _, _) => quote!(::core::default::Default::default()),
            (attrs::Default::Path(p), _, _) => quote!(#p()),
            (attrs::Default::None, attrs::Default::None, None) => {
                quote!(__r::missing::<#ty>(__at, #name)?)
            }
            (attrs::Default::None, attrs::Default::None, Some(_)) => {
                quote!(return ::core::result::Result::Err(__r::missing_with(__at, #name)))
            }
            (attrs::Default::None, _, _) => quote!(__default.#member),
        }
    };
    let extract = read_fields.iter().map(|f| {
        let var = &f.var;
        let missing = missing_expr(f);
        quote! {
            let #var = match #var {
                ::core::option::Option::Some(__x) => __x,
                ::core::option::Option::None => #missing,
            };
        }
    });
    let flat_reads = flattened.iter().map(|f| {
        let (var, ty) = (&f.var, f.ty);
        quote!(let #var: #ty = __r::flat::<#ty>(&mut __collect, __at)?;)
    });
    let deny_rest = (has_flatten && container.deny_unknown_fields)
        .then(|| quote!(__r::deny_unclaimed(&__collect, __at)?;));
    let members = fields.iter().map(|f| {
        let (member, var) = (f.member, &f.var);
        if f.attrs.skip_deserializing {
            let value = missing_expr(f);
            quote!(#member: #value)
        } else {
            quote!(#member: #var)
        }
    });

    let name = &input.ident;
    let expecting = format!("struct {name}");
    let (ig, tg, wc) = input.generics.split_for_impl();
    let _ = ig;
    let header_read = impl_header(input, quote!(__r::ReadJson));
    let header_flat = impl_header(input, quote!(__r::ReadFlat));
    let mut inherent_generics = input.generics.clone();
    for p in inherent_generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(__r::ReadJson));
    }
    let (iig, _, _) = inherent_generics.split_for_impl();
    // A struct with flattened fields is itself read by serde's `FlatMapAccess` when flattened:
    // it sees every unclaimed entry and takes none.
    let flat_entries = if has_flatten {
        quote!(__r::remaining(__buf))
    } else {
        quote!(__r::take(__buf, FIELDS))
    };
    Ok(quote! {
        #[allow(dead_code)]
        const FIELDS: &[&str] = &[#(#field_names),*];
        impl #iig #name #tg #wc {
            fn __read_json_entries<'__v>(
                __it: &mut __r::Entries<'_, '__v>,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                #(#lets)*
                #collect
                // One exit for every error of the loop: each `return` would carry its own drop
                // of every slot (most of a big model's reader, measured).
                let mut __res: ::core::result::Result<(), __r::PathError> = ::core::result::Result::Ok(());
                for (__k, __val) in __it {
                    __res = match __k {
                        #(#arms)*
                        #other
                    };
                    if __res.is_err() {
                        break;
                    }
                }
                __res?;
                #let_default
                #(#extract)*
                #(#flat_reads)*
                #deny_rest
                ::core::result::Result::Ok(Self { #(#members),* })
            }
        }
        #header_read {
            fn read(
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                let __m = __r::object(__v, __at, #expecting)?;
                Self::__read_json_entries(&mut __m.iter().map(__r::entry), __at)
            }
        }
        #header_flat {
            fn read_flat(
                __buf: &mut __r::FlatBuf<'_>,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                let __entries = #flat_entries;
                Self::__read_json_entries(&mut __entries.into_iter(), __at)
                    .map_err(__r::moved(__at))
            }
        }
    })
}
