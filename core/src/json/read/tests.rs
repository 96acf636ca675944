//! `#[derive(ReadJson)]` against its oracle, serde's derived `Deserialize` through `track`: for
//! every model `from_value_collect` reads, over generated inputs, the same value (`Debug` text)
//! or the same error (path and message), and the same `from_value_collect` report.
//!
//! The inputs need no hand-written schema: a rich valid sample of each model is discovered by
//! asking the oracle (`unknown field `zz`, expected one of …` names a struct's fields, aliases
//! included; each field keeps the richest probe it accepts, structs and arrays explored in
//! turn). Every position of the sample is then tried with every probe (each JSON kind, number
//! edges, numeric strings, containers), removed, and surrounded by unknown keys; aliases are
//! tried alone and beside their field; the root is tried as every non-object.

use super::{ReadJson, from_value};
use crate::api::registry::{
    BatchAnalyze, BatchId, BatchLogs, CallAnalyze, CallId, GetBatch, PhoneNumberParam,
};
use crate::issue::Report;
use crate::json::{collect, track};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::fmt::Debug;

/// The oracle's and the reader's outcome as text: the value's `Debug`, or the error's path and
/// message.
pub(super) fn outcome<T: Debug>(r: Result<T, track::PathError>) -> String {
    match r {
        Ok(t) => format!("ok {t:?}"),
        Err(e) => format!("err {} | {}", e.path(), e.inner()),
    }
}

/// `from_value_collect`'s report with serde's reader (as before `json::read`).
pub(super) fn serde_report<T: DeserializeOwned>(v: &Value) -> Report {
    let mut report = Report::new();
    collect(v.clone(), &mut report, &mut |v| {
        track::from_value::<T>(v).err()
    });
    report
}

pub(super) fn read_report<T: ReadJson>(v: &Value) -> Report {
    let mut report = Report::new();
    let _ = crate::json::from_value_collect::<T>(v.clone(), &mut report);
    report
}

/// Values every position is tried with.
pub(super) fn probes() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(7),
        json!(-5),
        json!(1.5),
        json!(5.0),
        json!(1e300),
        json!(4_294_967_296u64),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("s"),
        json!("54"),
        json!("-3"),
        json!([]),
        json!([1, "a", null]),
        json!(["s"]),
        json!(["s", "s"]),
        json!([["s", "t"]]),
        json!([{}]),
        json!({}),
        json!({"k": 1}),
    ]
}

/// A step into a JSON value.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'v>(v: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut cur = v;
    for step in path {
        cur = match (step, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn with_at(root: &Value, path: &[Step], f: impl FnOnce(&mut Value)) -> Value {
    let mut out = root.clone();
    if let Some(slot) = at_mut(&mut out, path) {
        f(slot);
    }
    out
}

/// How rich a value is as a sample: structure first, so containers get explored.
fn richness(v: &Value) -> u8 {
    match v {
        Value::Array(a) if a.first().is_some_and(Value::is_object) => 6,
        Value::Object(_) => 5,
        Value::Array(a) if !a.is_empty() => 4,
        Value::String(s) if !s.is_empty() => 3,
        Value::Number(_) => 2,
        Value::Bool(_) => 1,
        _ => 0,
    }
}

/// The field names of the struct at `path` (`None`: not a struct that denies unknown fields).
fn field_names(
    ok: &dyn Fn(&Value) -> Result<(), String>,
    root: &Value,
    path: &[Step],
) -> Option<Vec<String>> {
    let probe = with_at(root, path, |slot| {
        if let Value::Object(m) = slot {
            m.insert("zz_probe".into(), json!(1));
        }
    });
    let msg = ok(&probe).err()?;
    let list = msg.split("unknown field `zz_probe`, expected ").nth(1)?;
    let list = list.strip_prefix("one of ").unwrap_or(list);
    Some(
        list.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s.to_owned())
            .collect(),
    )
}

/// Fill the struct at `path` of `root` with the richest accepted value of each field, exploring
/// nested structs (also as array items) `depth` levels deep. Returns the names skipped because
/// the struct already had them under another name (aliases).
fn explore(
    ok: &dyn Fn(&Value) -> Result<(), String>,
    root: &mut Value,
    path: &[Step],
    extra_names: &[&str],
    depth: usize,
    aliases: &mut Vec<(Vec<Step>, String)>,
) {
    let mut names = field_names(ok, root, path).unwrap_or_default();
    names.extend(extra_names.iter().map(|s| (*s).to_owned()));
    for name in names {
        let mut best: Option<Value> = None;
        let set = |v: &Value| {
            with_at(root, path, |slot| {
                if let Value::Object(m) = slot {
                    m.insert(name.clone(), v.clone());
                }
            })
        };
        // An enum names its variants when given an unknown one: try the first too.
        let mut tries = probes();
        for wrap in [false, true] {
            let probe = if wrap {
                json!(["zz_variant"])
            } else {
                json!("zz_variant")
            };
            if let Err(msg) = ok(&set(&probe))
                && let Some(list) = msg.split("unknown variant `zz_variant`, expected ").nth(1)
                && let Some(first) = list.split('`').nth(1)
            {
                tries.push(if wrap { json!([first]) } else { json!(first) });
            }
        }
        for p in tries {
            if ok(&set(&p)).is_ok() && best.as_ref().is_none_or(|b| richness(&p) > richness(b)) {
                best = Some(p);
            }
        }
        let Some(best) = best else {
            // Only a duplicate makes every probe fail: `name` is an alias of a field set above.
            aliases.push((path.to_vec(), name));
            continue;
        };
        let mut field_path = path.to_vec();
        field_path.push(Step::Key(name.clone()));
        *root = with_at(root, path, |slot| {
            if let Value::Object(m) = slot {
                m.insert(name.clone(), best.clone());
            }
        });
        if depth > 0 {
            match &best {
                Value::Object(_) => explore(ok, root, &field_path, &[], depth - 1, aliases),
                Value::Array(a) if a.first().is_some_and(Value::is_object) => {
                    field_path.push(Step::Index(0));
                    explore(ok, root, &field_path, &[], depth - 1, aliases);
                }
                _ => {}
            }
        }
    }
}

/// Every position (path) of `v`.
fn positions(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Step::Key(k.clone()));
                positions(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Step::Index(i));
                positions(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The generated inputs for a model whose discovered sample is `sample`.
fn variants(sample: &Value, aliases: &[(Vec<Step>, String)]) -> Vec<Value> {
    let mut out = vec![sample.clone(), json!({})];
    let mut all = Vec::new();
    positions(sample, &mut Vec::new(), &mut all);
    for path in &all {
        for p in probes() {
            out.push(with_at(sample, path, |slot| *slot = p));
        }
        if let Some((Step::Key(k), parent)) = path.split_last() {
            out.push(with_at(sample, parent, |slot| {
                if let Value::Object(m) = slot {
                    m.shift_remove(k);
                }
            }));
        }
        if let Some((Step::Index(i), parent)) = path.split_last() {
            // A second, wrong item after this one: later items are reported at their index.
            out.push(with_at(sample, parent, |slot| {
                if let Value::Array(a) = slot {
                    a.insert(i + 1, json!("wrong"));
                    a.push(json!(false));
                }
            }));
        }
        let surrounded = with_at(sample, path, |slot| {
            if let Value::Object(m) = slot {
                let mut n = Map::new();
                n.insert("zz_first".into(), json!({"n": 1}));
                n.extend(std::mem::take(m));
                n.insert("aa_last".into(), json!([1]));
                *m = n;
            }
        });
        out.push(surrounded);
        out.push(with_at(sample, path, |slot| {
            if let Value::Object(m) = slot {
                *m = std::mem::take(m).into_iter().rev().collect();
            }
        }));
        // Several fields wrong at once: the report must list each, as before.
        out.push(with_at(sample, path, |slot| {
            if let Value::Object(m) = slot {
                for (i, (_, v)) in m.iter_mut().enumerate() {
                    *v = if i % 2 == 0 {
                        json!([true])
                    } else {
                        json!({"x": "y"})
                    };
                }
            }
        }));
    }
    for (path, alias) in aliases {
        let both = with_at(sample, path, |slot| {
            if let Value::Object(m) = slot {
                m.insert(alias.clone(), json!("alias"));
            }
        });
        out.push(both);
        let first = with_at(sample, path, |slot| {
            if let Value::Object(m) = slot {
                let mut n = Map::new();
                n.insert(alias.clone(), json!(1));
                n.extend(std::mem::take(m));
                *m = n;
            }
        });
        out.push(first);
    }
    out
}

/// Discover `T`'s sample, generate its inputs and compare both readers on each; returns the
/// number of cases and how many the oracle accepted.
fn compare<T: ReadJson + DeserializeOwned + Debug>(extra_names: &[&str]) -> (usize, usize) {
    compare_except::<T>(extra_names, |_, _| false).0
}

/// [`compare`], where `expected(got, want)` marks a known, documented difference (counted in
/// the second result instead of compared).
fn compare_except<T: ReadJson + DeserializeOwned + Debug>(
    extra_names: &[&str],
    expected: fn(&str, &str) -> bool,
) -> ((usize, usize), usize) {
    let ok = |v: &Value| -> Result<(), String> {
        track::from_value::<T>(v)
            .map(|_| ())
            .map_err(|e| e.inner().to_string())
    };
    // While the sample is built, a required field not filled in yet is no reason to reject.
    let lenient = |v: &Value| match ok(v) {
        Err(m) if m.starts_with("missing field") => Ok(()),
        r => r,
    };
    let mut sample = json!({});
    let mut aliases = Vec::new();
    explore(&lenient, &mut sample, &[], extra_names, 4, &mut aliases);
    assert!(
        ok(&sample).is_ok(),
        "{}: sample {sample} rejected",
        std::any::type_name::<T>()
    );
    let (mut cases, mut accepted, mut differences) = (0, 0, 0);
    for v in variants(&sample, &aliases) {
        let want = outcome(track::from_value::<T>(&v));
        let got = outcome(from_value::<T>(&v));
        if got != want && expected(&got, &want) {
            differences += 1;
            continue;
        }
        assert_eq!(got, want, "{} on {v}", std::any::type_name::<T>());
        assert_eq!(
            read_report::<T>(&v),
            serde_report::<T>(&v),
            "report of {} on {v}",
            std::any::type_name::<T>()
        );
        cases += 1;
        accepted += usize::from(want.starts_with("ok"));
    }
    ((cases, accepted), differences)
}

/// Every model `from_value_collect` reads (registry, the vendors' `parse_and_validate`, the
/// preflight, the custom-TTS variants, the campaign), with the readers' cases counted.
#[test]
fn every_input_model_reads_as_serde_reads_it() {
    use crate::{aliyun, bland, campaign, tencent};
    let mut total = (0, 0);
    let mut run = |name: &str, (cases, accepted): (usize, usize)| {
        assert!(
            cases > 20 && accepted > 5,
            "{name}: {cases} cases, {accepted} accepted"
        );
        total.0 += cases;
        total.1 += accepted;
    };
    run("CallId", compare::<CallId>(&[]));
    run("BatchId", compare::<BatchId>(&[]));
    run("PhoneNumberParam", compare::<PhoneNumberParam>(&[]));
    run("CallAnalyze", compare::<CallAnalyze>(&[]));
    run("BatchAnalyze", compare::<BatchAnalyze>(&[]));
    // Flattened: serde's `unknown field` there lists no names; give the query's.
    run(
        "GetBatch",
        compare::<GetBatch>(&[
            "batch_id",
            "include_calls",
            "include_transcripts",
            "include_analysis",
        ]),
    );
    run(
        "BatchLogs",
        compare::<BatchLogs>(&["batch_id", "take", "skip", "direction"]),
    );
    run("SendCallRequest", compare::<bland::SendCallRequest>(&[]));
    run("ListCallsQuery", compare::<bland::ListCallsQuery>(&[]));
    run("AnalyzeRequest", compare::<bland::AnalyzeRequest>(&[]));
    run("BatchRequest", compare::<bland::BatchRequest>(&[]));
    run(
        "ListBatchesV1Query",
        compare::<bland::ListBatchesV1Query>(&[]),
    );
    run("GetBatchV1Query", compare::<bland::GetBatchV1Query>(&[]));
    run(
        "CreateBatchV2Request",
        compare::<bland::CreateBatchV2Request>(&[]),
    );
    run(
        "ListBatchesV2Query",
        compare::<bland::ListBatchesV2Query>(&[]),
    );
    run("BatchLogsQuery", compare::<bland::BatchLogsQuery>(&[]));
    run(
        "InboundUpdateRequest",
        compare::<bland::InboundUpdateRequest>(&[]),
    );
    run("ListInbound", compare::<Map<String, Value>>(&["k"]));
    run(
        "BatchRobotSmartCall",
        compare::<aliyun::BatchRobotSmartCall>(&[]),
    );
    run(
        "QueryCallDetailByTaskId",
        compare::<aliyun::QueryCallDetailByTaskId>(&[]),
    );
    run(
        "QueryCallDetailByCallId",
        compare::<aliyun::QueryCallDetailByCallId>(&[]),
    );
    run(
        "QueryRobotTaskList",
        compare::<aliyun::QueryRobotTaskList>(&[]),
    );
    run("CreateAICall", compare::<tencent::CreateAICall>(&[]));
    run(
        "DescribeTelSession",
        compare::<tencent::DescribeTelSession>(&[]),
    );
    run(
        "DescribeSessionDetail",
        compare::<tencent::DescribeSessionDetail>(&[]),
    );
    run("DescribeTelCdr", compare::<tencent::DescribeTelCdr>(&[]));
    run(
        "DescribeAICallExtractResult",
        compare::<tencent::DescribeAICallExtractResult>(&[]),
    );
    run(
        "DescribeAIAnalysisResult",
        compare::<tencent::DescribeAIAnalysisResult>(&[]),
    );
    run(
        "DescribeAICallInteractionRecords",
        compare::<tencent::DescribeAICallInteractionRecords>(&[]),
    );
    run(
        "DescribeAILatency",
        compare::<tencent::DescribeAILatency>(&[]),
    );
    run("HangUpCall", compare::<tencent::HangUpCall>(&[]));
    run("TencentTts", compare::<tencent::tts::TencentTts>(&[]));
    run("MinimaxTts", compare::<tencent::tts::MinimaxTts>(&[]));
    run("VolcengineTts", compare::<tencent::tts::VolcengineTts>(&[]));
    run("AzureTts", compare::<tencent::tts::AzureTts>(&[]));
    run("CustomTts", compare::<tencent::tts::CustomTts>(&[]));
    run("Campaign", compare::<campaign::Campaign>(&[]));
    eprintln!(
        "json::read differential: {} cases, {} accepted",
        total.0, total.1
    );
    assert!(total.0 > 15_000 && total.1 > 5_000, "{total:?}");
}

/// The attributes no input model uses today (aliases, a required field, `default = "fn"`,
/// container `default`, `skip`, `deserialize_with`, maps of structs, flatten beside
/// `deny_unknown_fields`), so a model that starts using one is already covered.
mod attributes {
    use super::{compare, compare_except};
    use crate::Nullable;
    use crate::json::read::ReadJson;
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;
    use std::collections::BTreeMap;

    fn seven() -> u64 {
        7
    }

    /// A count given as a number or a numeric string; anything else is a custom error.
    fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| serde::de::Error::custom("not a count")),
            Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom("expected a count")),
        }
    }

    #[derive(Debug, Default, Deserialize, ReadJson)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Sink {
        #[serde(alias = "givenName", alias = "first")]
        full_name: String,
        plain_opt: Option<u32>,
        #[serde(default = "seven")]
        seven: u64,
        #[serde(skip)]
        skipped: u8,
        #[serde(default, deserialize_with = "count")]
        tries: u32,
        #[serde(deserialize_with = "count")]
        needed: u32,
        #[serde(default)]
        nested: Option<Box<Inner>>,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        by_name: BTreeMap<String, Inner>,
        #[serde(default)]
        nullable: Nullable<String>,
        missing_nullable: Nullable<u8>,
    }

    #[derive(Debug, Default, Deserialize, ReadJson)]
    #[serde(default, deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        a: u8,
        #[serde(rename = "B", alias = "b")]
        b: Option<String>,
        c: Vec<i64>,
    }

    #[derive(Debug, Default, Deserialize, ReadJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Flat {
        #[serde(default)]
        id: String,
        #[serde(flatten)]
        query: Query,
    }

    #[derive(Debug, Default, Deserialize, ReadJson)]
    #[allow(dead_code)]
    struct Query {
        #[serde(default)]
        take: Option<u32>,
        #[serde(alias = "from")]
        skip: Option<u64>,
        #[serde(default)]
        inner: Option<Inner>,
    }

    #[test]
    fn every_attribute_reads_as_serde_reads_it() {
        let sink = compare::<Sink>(&[]);
        // The one expected difference: serde reads a flattened struct's fields from a buffer
        // of `Content`, where a struct is also read from an array, positionally (`"inner": []`
        // is an all-default `Inner`). `json::read` reads them as everywhere else: objects
        // only, as `track` does since main's objects-only rule, so `[…]` is `invalid type:
        // sequence, expected struct Inner`, whatever serde made of the items. No input model has a struct inside a flattened one
        // (`GetBatchV1Query`, `BatchLogsQuery` hold scalars), so users never see it.
        let (flat, differences) = compare_except::<Flat>(
            &["id", "take", "skip", "from", "inner"],
            // (serde's positional read then accepts the array or fails on an item)
            |got, _| got == "err . | invalid type: sequence, expected struct Inner",
        );
        assert!(
            differences > 0,
            "the documented difference was not exercised"
        );
        let query = compare::<Query>(&["take", "skip", "from", "inner", "zz"]);
        eprintln!("attributes: {sink:?} {flat:?} {query:?} (cases, accepted)");
        for (cases, accepted) in [sink, flat, query] {
            assert!(cases > 100 && accepted > 10, "{cases} {accepted}");
        }
    }
}
