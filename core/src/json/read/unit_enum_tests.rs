//! Unit-only enums (`json::read::unit_variant`) against serde's derived `Deserialize` through
//! `track`: every input model's enum and test enums for each `rename_all` rule, renames and
//! aliases, read alone, as an `Option` field, inside an array, and absent (required), each name
//! (found from the oracle's `unknown variant` list) as a string, as `{name: probe}` for every
//! probe, with case changes, and every non-name.

use super::tests::{outcome, probes, read_report, serde_report};
use super::{ReadJson, from_value};
use crate::json::track;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::fmt::Debug;

/// The enum as a required field, an optional field and array items.
#[derive(Debug, Default, Deserialize, ReadJson)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Holder<E: Default> {
    req: E,
    #[serde(default)]
    opt: Option<E>,
    #[serde(default)]
    list: Vec<E>,
}

/// Every name serde accepts: the list of its `unknown variant` error.
fn names<E: DeserializeOwned + Debug>() -> Vec<String> {
    let err = match track::from_value::<E>(&json!("\u{1}zz")) {
        Err(e) => e.inner().to_string(),
        Ok(v) => panic!("accepted a non-name as {v:?}"),
    };
    err.split('`')
        .skip(3)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The inputs for an enum whose names are `names`.
fn inputs(names: &[String]) -> Vec<Value> {
    let mut words: Vec<String> = names.to_vec();
    for n in names {
        words.push(n.to_uppercase());
        words.push(n.to_lowercase());
        words.push(format!("{n} "));
    }
    words.extend(["", "zz", "0", "null"].map(String::from));
    let mut out = probes();
    for w in &words {
        out.push(json!(w));
        for p in probes() {
            out.push(json!({ w.as_str(): p }));
        }
        out.push(json!({ w.as_str(): null, "zz": null }));
    }
    out
}

/// Compare both readers on every input, alone and inside [`Holder`]; returns (cases, accepted).
fn compare_enum<E>() -> (usize, usize)
where
    E: ReadJson + DeserializeOwned + Debug + Default,
{
    let names = names::<E>();
    assert!(!names.is_empty(), "{}", std::any::type_name::<E>());
    let (mut cases, mut accepted) = (0, 0);
    let check = |v: Value, ok: &mut usize| {
        let want = outcome(track::from_value::<Holder<E>>(&v));
        assert_eq!(outcome(from_value::<Holder<E>>(&v)), want, "on {v}");
        assert_eq!(read_report::<Holder<E>>(&v), serde_report::<Holder<E>>(&v));
        *ok += usize::from(want.starts_with("ok"));
    };
    for e in inputs(&names) {
        let want = outcome(track::from_value::<E>(&e));
        assert_eq!(outcome(from_value::<E>(&e)), want, "on {e}");
        accepted += usize::from(want.starts_with("ok"));
        let first = json!(names[0]);
        check(json!({ "req": e.clone() }), &mut accepted);
        check(
            json!({ "req": first.clone(), "opt": e.clone() }),
            &mut accepted,
        );
        check(
            json!({ "req": first, "list": [null, e.clone(), e] }),
            &mut accepted,
        );
        cases += 4;
    }
    check(json!({}), &mut accepted);
    check(json!({ "opt": names[0] }), &mut accepted);
    (cases + 2, accepted)
}

macro_rules! rule_enums {
    ($($name:ident $rule:literal;)*) => {$(
        #[derive(Debug, Default, Deserialize, ReadJson)]
        #[serde(rename_all = $rule)]
        #[allow(dead_code, clippy::upper_case_acronyms)]
        enum $name {
            #[default]
            Plain,
            TwoWords,
            HTTPServer,
            A,
            #[serde(rename = "Given name", alias = "zeta", alias = "alpha")]
            Renamed,
            #[serde(alias = "other_Name")]
            Aliased,
        }
    )*};
}

rule_enums! {
    NoRule "PascalCase";
    Lower "lowercase";
    Upper "UPPERCASE";
    Camel "camelCase";
    Snake "snake_case";
    ScreamingSnake "SCREAMING_SNAKE_CASE";
    Kebab "kebab-case";
    ScreamingKebab "SCREAMING-KEBAB-CASE";
}

/// No `rename_all`, raw identifiers.
#[derive(Debug, Default, Deserialize, ReadJson)]
#[allow(dead_code, non_camel_case_types)]
enum Raw {
    #[default]
    r#type,
    Other,
}

#[test]
fn unit_enums_read_as_serde_reads_them() {
    use crate::{bland, campaign, tencent};
    let runs = [
        ("NoRule", compare_enum::<NoRule>()),
        ("Lower", compare_enum::<Lower>()),
        ("Upper", compare_enum::<Upper>()),
        ("Camel", compare_enum::<Camel>()),
        ("Snake", compare_enum::<Snake>()),
        ("ScreamingSnake", compare_enum::<ScreamingSnake>()),
        ("Kebab", compare_enum::<Kebab>()),
        ("ScreamingKebab", compare_enum::<ScreamingKebab>()),
        ("Raw", compare_enum::<Raw>()),
        ("Weekday", compare_enum::<Dflt<campaign::Weekday>>()),
        ("Vendor", compare_enum::<Dflt<crate::Vendor>>()),
        (
            "LlmType",
            compare_enum::<Dflt<tencent::create_ai_call::LlmType>>(),
        ),
        ("Model", compare_enum::<Dflt<bland::Model>>()),
        (
            "VoicemailAction",
            compare_enum::<Dflt<bland::VoicemailAction>>(),
        ),
        ("LogDirection", compare_enum::<Dflt<bland::LogDirection>>()),
    ];
    let mut total = (0, 0);
    for (name, (cases, accepted)) in runs {
        assert!(cases > 500 && accepted > 10, "{name}: {cases} {accepted}");
        total = (total.0 + cases, total.1 + accepted);
    }
    eprintln!("unit enums: {total:?} (cases, accepted)");
}

/// A model enum with a `Default` for [`Holder`]: read exactly as the enum is (transparent).
#[derive(Debug, Deserialize, ReadJson)]
#[serde(transparent)]
struct Dflt<E>(E);

impl<E: ReadJson + DeserializeOwned> Default for Dflt<E> {
    fn default() -> Self {
        // Only the starting value of `Holder::req`/`opt`; any accepted name will do.
        let first = names_of::<E>();
        match from_value::<E>(&json!(first)) {
            Ok(e) => Dflt(e),
            Err(e) => panic!("{first}: {e:?}"),
        }
    }
}

fn names_of<E: DeserializeOwned>() -> String {
    match track::from_value::<E>(&json!("\u{1}zz")) {
        Err(e) => e
            .inner()
            .to_string()
            .split('`')
            .nth(3)
            .unwrap_or("")
            .to_owned(),
        Ok(_) => String::new(),
    }
}
