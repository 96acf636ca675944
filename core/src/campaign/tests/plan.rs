//! Plans: request shape per vendor, chunk boundaries, pacing, exclusions, determinism, and every
//! planned request accepted by the registry's validate and build.

use super::preflight::set;
use super::{HOUR, NOW, campaign, read, us};
use crate::api::RequestContext;
use crate::api::aliyun::AliyunClient;
use crate::api::bland::BlandClient;
use crate::api::registry::{self, Client};
use crate::api::tencent::TencentClient;
use crate::campaign::{Correlation, Plan, plan, preflight};
use crate::issue::IssueCode;
use crate::sign::AliyunCredentials;
use crate::sign::tc3::Tc3Credentials;
use crate::{Context, Error, Vendor};
use serde_json::{Value, json};
use std::collections::HashSet;

fn client(vendor: Vendor) -> Client {
    match vendor {
        Vendor::Bland => Client::Bland(BlandClient::new("sk-test")),
        Vendor::Aliyun => Client::Aliyun(AliyunClient::new(AliyunCredentials::new(
            "LTAI-test",
            "secret",
        ))),
        Vendor::Tencent => Client::Tencent(TencentClient::new(Tc3Credentials::new(
            "AKID-test",
            "secret",
        ))),
    }
}

fn planned(v: Value, vendor: Vendor) -> Plan {
    plan(&read(v), vendor, &Context::at(NOW)).unwrap_or_else(|e| panic!("{e}"))
}

/// Every request validates without errors and builds, for every vendor, with contacts excluded.
#[test]
fn every_planned_request_passes_registry_validate_and_build() {
    for (vendor, n) in [
        (Vendor::Bland, 30),
        (Vendor::Aliyun, 250),
        (Vendor::Tencent, 30),
    ] {
        let mut v = campaign(vendor, n);
        set(&mut v, "/contacts/1/phone", json!("nope"));
        set(&mut v, "/contacts/2/variables", json!({}));
        set(
            &mut v,
            "/script/prompt/firstSentence",
            json!("Hello {{name}}!"),
        );
        if vendor == Vendor::Aliyun {
            v["script"]["prompt"]
                .as_object_mut()
                .unwrap()
                .remove("firstSentence");
        }
        let p = planned(v, vendor);
        assert_eq!(p.excluded, [1, 2], "{vendor}");
        assert!(!p.requests.is_empty());
        let covered: usize = p.requests.iter().map(|r| r.contacts.len()).sum();
        assert_eq!(covered, n - 2, "{vendor}");
        for r in &p.requests {
            let report = registry::validate(r.operation, r.input.clone(), &Context::at(NOW));
            assert!(report.is_ok(), "{vendor} {}: {report}", r.key);
            let built = registry::build(
                r.operation,
                &client(vendor),
                r.input.clone(),
                &RequestContext::new(NOW, "nonce-1"),
            );
            assert!(built.is_ok(), "{vendor} {}: {:?}", r.key, built.err());
        }
    }
}

#[test]
fn aliyun_chunk_boundaries() {
    // (contacts, chunkSize, expected chunk sizes)
    let cases: &[(usize, Option<usize>, &[usize])] = &[
        (1, None, &[1]),
        (100, None, &[100]),
        (101, None, &[100, 1]),
        (1000, None, &[100; 10]),
        (1000, Some(1000), &[1000]),
        (1001, Some(1000), &[1000, 1]),
        (5, Some(2), &[2, 2, 1]),
    ];
    for (n, size, want) in cases {
        let mut v = campaign(Vendor::Aliyun, *n);
        if let Some(s) = size {
            set(&mut v, "/vendors/aliyun/chunkSize", json!(s));
        }
        let p = planned(v, Vendor::Aliyun);
        let sizes: Vec<usize> = p.requests.iter().map(|r| r.contacts.len()).collect();
        assert_eq!(sizes, *want, "{n} contacts, chunkSize {size:?}");
        let all: Vec<usize> = p.requests.iter().flat_map(|r| r.contacts.clone()).collect();
        assert_eq!(
            all,
            (0..*n).collect::<Vec<_>>(),
            "every contact once, in order"
        );
        for r in &p.requests {
            let called = r.input["CalledNumber"].as_array().unwrap();
            assert_eq!(called.len(), r.contacts.len());
            assert_eq!(
                r.input["TtsParam"].as_array().unwrap().len(),
                r.contacts.len()
            );
        }
    }
}

#[test]
fn aliyun_request_carries_tts_variables_and_a_unique_task_name() {
    let p = planned(campaign(Vendor::Aliyun, 3), Vendor::Aliyun);
    let r = &p.requests[0];
    assert_eq!(r.input["DialogId"], "1234567");
    assert_eq!(r.input["CalledShowNumber"], json!(["057188773344"]));
    assert_eq!(
        r.input["CalledNumber"],
        json!(["13900000000", "13900000001", "13900000002"])
    );
    assert_eq!(r.input["TtsParamHead"], json!(["name"]));
    assert_eq!(
        r.input["TtsParam"][1],
        json!({"number": "13900000001", "params": ["Ann 1"]})
    );
    assert_eq!(r.input["CorpName"], "Acme Ltd");
    assert_eq!(
        r.callees,
        ["+8613900000000", "+8613900000001", "+8613900000002"]
    );
    let Correlation::AliyunTask { task_name } = &r.correlation else {
        panic!("{:?}", r.correlation)
    };
    assert_eq!(r.input["TaskName"], task_name.as_str());
    assert!(task_name.chars().count() <= 30, "{task_name}");
    assert!(task_name.starts_with("spring-202-"), "{task_name}");
}

#[test]
fn bland_batches_split_by_batch_size_with_caller_ids_round_robin() {
    let mut v = campaign(Vendor::Bland, 101);
    let p = planned(v.clone(), Vendor::Bland);
    assert_eq!(p.requests.len(), 1, "no documented cap: one batch");
    set(&mut v, "/vendors/bland/batchSize", json!(50));
    set(
        &mut v,
        "/callerIds",
        json!(["+1 415 723 4000", "+1 415 723 4001"]),
    );
    let p = planned(v, Vendor::Bland);
    let sizes: Vec<usize> = p.requests.iter().map(|r| r.contacts.len()).collect();
    assert_eq!(sizes, [50, 50, 1]);
    let froms: Vec<&str> = p
        .requests
        .iter()
        .map(|r| r.input["from"].as_str().unwrap())
        .collect();
    assert_eq!(
        froms,
        ["+1 415 723 4000", "+1 415 723 4001", "+1 415 723 4000"]
    );
    let r = &p.requests[1];
    assert_eq!(
        r.input["base_prompt"],
        "You are calling {{name}} about the spring sale."
    );
    assert_eq!(
        r.input["call_data"][0],
        json!({"phone_number": "+12122010050", "name": "Ann 50"})
    );
    assert_eq!(r.input["campaign_id"], "spring-2026");
    assert_eq!(r.input["voice"], "maya");
    assert_eq!(r.input["max_duration"], 10);
    let labels: HashSet<&str> = p
        .requests
        .iter()
        .map(|r| match &r.correlation {
            Correlation::BlandBatchLabel { label } => label.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(labels.len(), 3, "labels are unique");
    for r in &p.requests {
        let Correlation::BlandBatchLabel { label } = &r.correlation else {
            unreachable!()
        };
        assert_eq!(r.input["label"], label.as_str());
        assert!(
            label.starts_with("callplane/spring-2026/bland:batch:"),
            "{label}"
        );
    }
}

#[test]
fn bland_groups_contacts_by_when_their_window_opens() {
    let mut v = campaign(Vendor::Bland, 4);
    // New York is at 10:00 (open), Los Angeles at 07:00 (opens in 2 h).
    set(&mut v, "/contacts/1/phone", json!("+1 213 201 0001"));
    set(&mut v, "/contacts/3/phone", json!("+1 213 201 0003"));
    set(
        &mut v,
        "/callingHours",
        json!({"start": "09:00", "end": "20:00"}),
    );
    let p = planned(v, Vendor::Bland);
    let shape: Vec<(Vec<usize>, Option<i64>)> = p
        .requests
        .iter()
        .map(|r| (r.contacts.clone(), r.not_before_ms))
        .collect();
    assert_eq!(
        shape,
        [(vec![0, 2], None), (vec![1, 3], Some(NOW + 2 * HOUR))]
    );
    assert!(
        p.explanation
            .iter()
            .any(|l| l.contains("2 contact(s) wait")),
        "{:?}",
        p.explanation
    );
}

#[test]
fn tencent_one_call_per_contact_paced_at_20_per_second() {
    let p = planned(campaign(Vendor::Tencent, 45), Vendor::Tencent);
    assert_eq!(p.requests.len(), 45);
    let times: Vec<i64> = p
        .requests
        .iter()
        .map(|r| r.not_before_ms.unwrap_or(NOW))
        .collect();
    for (k, t) in times.iter().enumerate() {
        assert_eq!(*t, NOW + 1000 * (k as i64 / 20), "request {k}");
    }
    // No window of one second holds more than 20.
    for (k, t) in times.iter().enumerate().skip(20) {
        assert!(*t >= times[k - 20] + 1000);
    }
    let r = &p.requests[3];
    assert_eq!(r.key, "tencent:c:+8613900000003");
    assert_eq!(r.input["Callee"], "008613900000003");
    assert_eq!(
        r.input["SystemPrompt"],
        "You are calling Ann 3 about the spring sale."
    );
    assert_eq!(r.input["Callers"], json!(["008601012345678"]));
    assert_eq!(r.input["SdkAppId"], 1400000001u64);
    assert_eq!(
        r.correlation,
        Correlation::TencentCallee {
            callee: "008613900000003".into(),
            sdk_app_id: 1400000001
        }
    );
}

#[test]
fn tencent_pacing_that_overruns_the_window_waits_for_the_next_one() {
    // New York is at 10:00: a one-minute window fits 60 s × 20/s = 1200 calls.
    let mut v = campaign(Vendor::Tencent, 1210);
    for k in 0..1210 {
        set(&mut v, &format!("/contacts/{k}/phone"), json!(us(k)));
    }
    set(
        &mut v,
        "/callingHours",
        json!({"start": "10:00", "end": "10:01"}),
    );
    let p = planned(v, Vendor::Tencent);
    assert!(p.excluded.is_empty());
    let today = p
        .requests
        .iter()
        .filter(|r| r.not_before_ms.unwrap_or(NOW) < NOW + 60_000)
        .count();
    assert_eq!(today, 1200);
    let rest: Vec<i64> = p.requests[1200..]
        .iter()
        .map(|r| r.not_before_ms.unwrap_or(0))
        .collect();
    assert_eq!(
        rest,
        vec![NOW + 24 * HOUR; 10],
        "the next day's window, paced again"
    );
}

#[test]
fn tencent_contacts_past_the_campaign_end_are_excluded() {
    let mut v = campaign(Vendor::Tencent, 25);
    v["schedule"] = json!({"endAt": "2026-11-23T15:00:00.500Z"});
    let p = planned(v, Vendor::Tencent);
    assert_eq!(p.requests.len(), 20);
    assert_eq!(p.excluded, (20..25).collect::<Vec<_>>());
}

#[test]
fn excluded_contacts_are_in_no_request_and_plans_are_deterministic() {
    for vendor in [Vendor::Bland, Vendor::Aliyun, Vendor::Tencent] {
        let mut v = campaign(vendor, 12);
        set(&mut v, "/contacts/4/phone", json!(""));
        let seventh = v["contacts"][7]["phone"].clone();
        set(&mut v, "/suppression", json!([seventh]));
        let c = read(v);
        let pre = preflight(&c, vendor, &Context::at(NOW));
        let a = plan(&c, vendor, &Context::at(NOW)).unwrap();
        let b = plan(&c, vendor, &Context::at(NOW)).unwrap();
        assert_eq!(a, b, "{vendor}: same campaign, same plan");
        assert_eq!(a.excluded, [4, 7]);
        assert_eq!(pre.summary.excluded, 2);
        let keys: HashSet<&str> = a.requests.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys.len(), a.requests.len(), "{vendor}: keys unique");
        for r in &a.requests {
            assert!(!r.contacts.contains(&4) && !r.contacts.contains(&7));
            assert_eq!(r.callees.len(), r.contacts.len());
        }
    }
}

#[test]
fn campaign_errors_refuse_the_plan_with_every_issue() {
    let mut v = campaign(Vendor::Tencent, 2);
    v["vendors"]["tencent"]
        .as_object_mut()
        .unwrap()
        .remove("sdkAppId");
    set(&mut v, "/id", json!(""));
    let err = plan(&read(v), Vendor::Tencent, &Context::at(NOW)).unwrap_err();
    let Error::Validation(r) = err else {
        panic!("{err}")
    };
    let got: Vec<(&str, IssueCode)> = r.errors().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("id", IssueCode::Required),
            ("vendors.tencent.sdkAppId", IssueCode::Required)
        ]
    );
}

#[test]
fn schedule_start_delays_everything() {
    let mut v = campaign(Vendor::Aliyun, 150);
    v["schedule"] = json!({"startAt": "2026-11-24T01:00:00Z"});
    let p = planned(v, Vendor::Aliyun);
    let times: Vec<Option<i64>> = p.requests.iter().map(|r| r.not_before_ms).collect();
    assert_eq!(times, [Some(NOW + 10 * HOUR), Some(NOW + 10 * HOUR)]);
    assert!(
        p.explanation
            .iter()
            .any(|l| l.contains("2026-11-24T01:00:00Z")),
        "{:?}",
        p.explanation
    );
}

#[test]
fn prompts_can_read_the_contacts_number() {
    let mut v = campaign(Vendor::Tencent, 2);
    set(
        &mut v,
        "/script/prompt/template",
        json!("Calling {{phone_number}} for {{name}}."),
    );
    let p = planned(v, Vendor::Tencent);
    assert_eq!(
        p.requests[1].input["SystemPrompt"],
        "Calling +8613900000001 for Ann 1."
    );
}
