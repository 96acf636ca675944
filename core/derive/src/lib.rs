//! `#[derive(ReadJson)]` for callplane-core's input models (see `callplane_core::json::read`).
//!
//! The model's `#[serde(...)]` attributes stay the single source of truth: this derive reads
//! them (rename, rename_all, alias, default, deny_unknown_fields, flatten, deserialize_with, with,
//! skip, transparent) and emits a reader that behaves as serde_derive 1.0.229's `visit_map` does
//! through `json::track`, without serde's visitor and access machinery per model: a table of the
//! field names and one `match` arm per field; the loop is `json::read::read_entries`, shared.
//! Named structs must implement `Default` (every input model does): reading starts from it. Enums and the
//! forms this derive does not model (`tag`, `untagged`, `from`, …) are read by their
//! `Deserialize` through `track`, which gives the same errors by construction.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
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
        Data::Enum(e) if !container.serde_only && input.generics.params.is_empty() => {
            match unit_enum(input, &container, e)? {
                Some(t) => t,
                None => via_serde(input),
            }
        }
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

/// A unit-only enum (variants renamed or aliased, nothing else): its names as data, read by
/// `json::read::unit_variant` (once in the binary) instead of serde's derived visitor, variant
/// identifier and `EnumAccess` instantiated per enum. `None`: some variant carries data or an
/// attribute this does not model (`other`, `skip`, …), so serde reads it.
fn unit_enum(
    input: &DeriveInput,
    container: &attrs::Container,
    e: &syn::DataEnum,
) -> syn::Result<Option<Tokens>> {
    let mut tables = Vec::new();
    let mut all = Vec::new();
    let mut idents = Vec::new();
    for v in &e.variants {
        if !matches!(v.fields, Fields::Unit) {
            return Ok(None);
        }
        let Some((rename, aliases)) = attrs::unit_variant(&v.attrs)? else {
            return Ok(None);
        };
        let ident = v.ident.to_string();
        let ident = ident.strip_prefix("r#").unwrap_or(&ident);
        let name = match rename {
            Some(n) => n,
            None => attrs::rename_variant(container.rename_all.as_deref(), ident)
                .map_err(|err| syn::Error::new_spanned(&v.ident, err))?,
        };
        let mut names = aliases;
        names.push(name);
        names.sort();
        names.dedup();
        all.extend(names.iter().cloned());
        tables.push(quote!(&[#(#names),*]));
        idents.push(&v.ident);
    }
    let Some((last, rest)) = idents.split_last() else {
        return Ok(None);
    };
    let name = &input.ident;
    let indices = 0..rest.len();
    // `unit_variant` returns an index into the table, so the last arm is the last variant.
    Ok(Some(quote! {
        impl __r::ReadJson for #name {
            fn read(
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                const VARIANTS: &[&str] = &[#(#all),*];
                const TABLE: &[&[&str]] = &[#(#tables),*];
                ::core::result::Result::Ok(match __r::unit_variant(__v, __at, TABLE, VARIANTS)? {
                    #(#indices => Self::#rest,)*
                    _ => Self::#last,
                })
            }
        }
    }))
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
}

fn named_struct(
    input: &DeriveInput,
    container: &attrs::Container,
    named: &syn::FieldsNamed,
) -> syn::Result<Tokens> {
    let mut fields = Vec::new();
    for f in named.named.iter() {
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

    // Every field is read into `Self::default()` (serde's missing values are the default's
    // for `#[serde(default)]` fields and a container `default`; the differential tests catch a
    // hand-written `Default` that disagrees). The loop, key lookup, duplicates, unknown keys
    // and the flatten buffer are `json::read::read_entries`, once for every model; per field
    // the model has one `match` arm calling `json::read::set::<T>` (BENCHMARKS.md § wasm).
    let specs = read_fields.iter().enumerate().map(|(i, f)| {
        let (name, names) = (&f.name, &f.names);
        let missing = needs_missing(f, container);
        let _ = i;
        quote!(__r::FieldSpec { name: #name, names: &[#(#names),*], missing: #missing })
    });
    let set_arms = read_fields.iter().enumerate().map(|(i, f)| {
        let member = f.member;
        match &f.attrs.deserialize_with {
            None => quote!(#i => __r::set(&mut self.#member, __v, __at),),
            Some(path) => {
                quote!(#i => __r::set_with(&mut self.#member, __v, __at, |__d| #path(__d)),)
            }
        }
    });
    let missing_arms = read_fields.iter().enumerate().filter_map(|(i, f)| {
        if !needs_missing(f, container) {
            return None;
        }
        let (member, name, ty) = (f.member, &f.name, f.ty);
        Some(match (&f.attrs.default, &f.attrs.deserialize_with) {
            (attrs::Default::Path(p), _) => {
                quote!(#i => { self.#member = #p(); ::core::result::Result::Ok(()) })
            }
            (_, Some(_)) => quote!(#i => ::core::result::Result::Err(__r::missing_with(__at, #name)),),
            _ => quote!(#i => { self.#member = __r::missing::<#ty>(__at, #name)?; ::core::result::Result::Ok(()) }),
        })
    });
    // Skipped fields with `default = "fn"` (or a container `default = "fn"`): serde sets them
    // after reading; so does `finish`.
    let skipped = fields
        .iter()
        .filter(|f| f.attrs.skip_deserializing)
        .filter_map(|f| {
            let member = f.member;
            match &f.attrs.default {
                attrs::Default::Path(p) => Some(quote!(self.#member = #p();)),
                _ => None,
            }
        });
    let flat_sets = flattened.iter().map(|f| {
        let (member, ty) = (f.member, f.ty);
        quote!(self.#member = __r::flat::<#ty>(__buf, __at)?;)
    });
    let deny = container.deny_unknown_fields;
    let name = &input.ident;
    let expecting = format!("struct {name}");
    let (_, tg, wc) = input.generics.split_for_impl();
    let header_fields = impl_header(input, quote!(__r::Fields));
    let header_read = impl_header(input, quote!(__r::ReadJson));
    let header_flat = impl_header(input, quote!(__r::ReadFlat));
    let _ = (tg, wc);
    let new = match &container.default {
        attrs::Default::Path(p) => quote!(#p()),
        _ => quote!(<Self as ::core::default::Default>::default()),
    };
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
        const SPEC: __r::StructSpec = __r::StructSpec {
            expecting: #expecting,
            fields: &[#(#specs),*],
            names: FIELDS,
            deny_unknown_fields: #deny,
            flatten: #has_flatten,
        };
        #header_fields {
            fn set(
                &mut self,
                __i: usize,
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<(), __r::PathError> {
                match __i {
                    #(#set_arms)*
                    _ => ::core::result::Result::Ok(()),
                }
            }
            #[allow(unreachable_code, unused_variables)]
            fn missing(
                &mut self,
                __i: usize,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<(), __r::PathError> {
                match __i {
                    #(#missing_arms)*
                    _ => ::core::result::Result::Ok(()),
                }
            }
            #[allow(unused_variables)]
            fn finish(
                &mut self,
                __buf: &mut __r::FlatBuf<'_>,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<(), __r::PathError> {
                #(#skipped)*
                #(#flat_sets)*
                ::core::result::Result::Ok(())
            }
        }
        #header_read {
            fn read(
                __v: &__r::Value,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                let mut __this: Self = #new;
                __r::read_object(__v, __at, &SPEC, &mut __this)?;
                ::core::result::Result::Ok(__this)
            }
        }
        #header_flat {
            fn read_flat(
                __buf: &mut __r::FlatBuf<'_>,
                __at: &__r::Chain<'_>,
            ) -> ::core::result::Result<Self, __r::PathError> {
                let mut __this: Self = #new;
                let __entries = #flat_entries;
                __r::read_entries(&mut __entries.into_iter(), __at, &SPEC, &mut __this)
                    .map_err(__r::moved(__at))?;
                ::core::result::Result::Ok(__this)
            }
        }
    })
}

/// Whether an absent field needs more than the value `read` starts from (the struct's
/// `Default`, or the container's `default = "fn"`, whose fields serde also takes): serde's
/// `missing_field`, or the field's own `default = "fn"`.
fn needs_missing(f: &Field, container: &attrs::Container) -> bool {
    match (&f.attrs.default, &container.default) {
        (attrs::Default::Path(_), _) => true,
        (attrs::Default::Trait, _) => false,
        (attrs::Default::None, attrs::Default::None) => true,
        (attrs::Default::None, _) => false,
    }
}
