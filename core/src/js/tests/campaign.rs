//! `checkCampaign` and `planCampaign`.

use super::{Fixed, NOW_MS, codes_paths};
use crate::js::{build_request, check_campaign, error_to_js, plan_campaign};
use serde_json::{Value, json};

fn campaign(vendor: &str) -> Value {
    let phone = |k: usize| {
        if vendor == "bland" {
            format!("+1 212 201 {k:04}")
        } else {
            format!("139{k:08}")
        }
    };
    json!({
        "id": "js-1",
        "script": {"prompt": {"template": "Hi {{name}}"}},
        "contacts": [
            {"phone": phone(0), "variables": {"name": "Ann"}},
            {"phone": phone(1), "variables": {}},
            {"phone": phone(2), "variables": {"name": "Bo"}, "id": "crm-2"}
        ],
        "callerIds": if vendor == "aliyun" { json!(["057188773344"]) } else { json!([]) },
        "vendors": {
            "bland": {"maxDuration": 5, "batchSize": 1},
            "aliyun": {"dialogId": "1234567", "corpName": "Acme", "chunkSize": 1},
            "tencent": {"sdkAppId": 1400000001u64, "llmType": "openai", "model": "m", "apiKey": "sk",
                        "apiUrl": "https://api.openai.com/v1/"}
        }
    })
}

fn credentials(vendor: &str) -> Value {
    match vendor {
        "bland" => json!({"vendor": "bland", "apiKey": "sk"}),
        "aliyun" => json!({"vendor": "aliyun", "accessKeyId": "LTAI", "accessKeySecret": "s"}),
        _ => json!({"vendor": "tencent", "secretId": "AKID", "secretKey": "s"}),
    }
}

#[test]
fn check_reports_contacts_in_camel_case() {
    let out = check_campaign(campaign("tencent"), &json!("tencent"), Value::Null, &Fixed).unwrap();
    assert_eq!(out["ok"], true);
    assert_eq!(out["summary"]["excluded"], 1);
    assert_eq!(out["summary"]["byCode"]["missing_variable"], 1);
    let c1 = &out["contacts"][1];
    assert_eq!(c1["status"], "excluded");
    assert_eq!(c1["e164"], "+8613900000001");
    assert_eq!(c1["timeZones"], json!(["Asia/Shanghai"]));
    assert_eq!(
        codes_paths(&c1["issues"]),
        [(
            "missing_variable".to_owned(),
            "contacts[1].variables.name".to_owned()
        )]
    );
    assert_eq!(out["contacts"][2]["key"], "crm-2");
}

#[test]
fn check_reports_reading_problems_and_refuses_bad_arguments() {
    let mut c = campaign("bland");
    c["colour"] = json!("red");
    let out = check_campaign(c, &json!("bland"), json!({"nowMs": NOW_MS}), &Fixed).unwrap();
    assert_eq!(out["ok"], false);
    assert_eq!(
        codes_paths(&out["issues"]),
        [("unknown_field".to_owned(), "colour".to_owned())]
    );
    let e = check_campaign(campaign("bland"), &json!("twilio"), Value::Null, &Fixed).unwrap_err();
    assert_eq!(error_to_js(&e)["issues"][0]["path"], "vendor");
    let out = check_campaign(json!([1]), &json!("bland"), Value::Null, &Fixed).unwrap();
    assert_eq!(out["ok"], false);
    assert_eq!(out["contacts"], json!([]));
}

/// Every planned request's JS `input` goes through `buildRequest` as it is.
#[test]
fn planned_js_inputs_build() {
    for vendor in ["bland", "aliyun", "tencent"] {
        let out = plan_campaign(campaign(vendor), &json!(vendor), Value::Null, &Fixed).unwrap();
        assert_eq!(out["excluded"], json!([1]), "{vendor}");
        let requests = out["requests"].as_array().unwrap();
        assert_eq!(requests.len(), 2, "{vendor}");
        for r in requests {
            let built = build_request(
                &r["operation"],
                credentials(vendor),
                r["input"].clone(),
                Value::Null,
                &Fixed,
            );
            assert!(
                built.is_ok(),
                "{vendor}: {:?}",
                built.err().map(|e| error_to_js(&e))
            );
            assert!(r["wireInput"].is_object());
            assert!(r["correlation"]["kind"].is_string());
        }
    }
    let out = plan_campaign(campaign("tencent"), &json!("tencent"), Value::Null, &Fixed).unwrap();
    let r = &out["requests"][1];
    assert_eq!(r["operation"], "tencent.createAICall");
    assert_eq!(r["input"]["systemPrompt"], "Hi Bo");
    assert_eq!(r["wireInput"]["SystemPrompt"], "Hi Bo");
    assert_eq!(r["key"], "tencent:c:crm-2");
    assert_eq!(
        r["correlation"],
        json!({"kind": "tencent_callee", "callee": "008613900000002", "sdkAppId": 1400000001u64})
    );
    let bland = plan_campaign(campaign("bland"), &json!("bland"), Value::Null, &Fixed).unwrap();
    assert_eq!(
        bland["requests"][0]["input"]["callData"][0]["phoneNumber"],
        "+12122010000"
    );
    assert_eq!(
        bland["requests"][0]["wireInput"]["call_data"][0]["phone_number"],
        "+12122010000"
    );
}

#[test]
fn plan_throws_every_campaign_problem_in_campaign_paths() {
    let mut c = campaign("tencent");
    c["vendors"]["tencent"]["llmType"] = json!("gpt");
    c["callingHours"] = json!({"start": "9", "end": "20:00"});
    let e = plan_campaign(c, &json!("tencent"), Value::Null, &Fixed).unwrap_err();
    let js = error_to_js(&e);
    assert_eq!(js["code"], "validation_failed");
    let got = codes_paths(&js["issues"]);
    assert!(
        got.contains(&(
            "invalid_enum".to_owned(),
            "vendors.tencent.llmType".to_owned()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("invalid_format".to_owned(), "callingHours.start".to_owned())),
        "{got:?}"
    );
}

/// Odd inputs are issues or typed errors, never panics.
#[test]
fn odd_campaigns_never_panic() {
    let odd = [
        json!(null),
        json!("campaign"),
        json!({"contacts": "x"}),
        json!({"contacts": [null, 1, [], {"phone": null}, {"phone": "+1", "variables": []}]}),
        json!({"id": "x", "script": {"prompt": 5}, "contacts": [{"phone": "+12122010000"}]}),
        json!({"id": "x", "script": {"unknownKind": {}}, "contacts": []}),
        json!({"id": "x", "script": {"prompt": {"template": "{{a.b.c}}"}},
               "contacts": [{"phone": "+12122010000", "variables": {"a": {"b": [1]}}}]}),
        json!({"id": "\u{0}", "callingHours": {"start": "99:99", "end": "24:01", "days": ["xyz"]}}),
        json!({"id": "x", "schedule": {"startAt": "9999-12-31T23:59:59Z"}, "callingHours": {"start": "00:00", "end": "24:00"},
               "script": {"prompt": {"template": "t"}}, "contacts": [{"phone": "+12122010000"}]}),
        json!({"id": "x", "vendors": {"bland": {"batchSize": -1}, "aliyun": {"chunkSize": "many"}, "tencent": []}}),
        json!({"id": "x", "vendors": {"bland": {"callData": [1]}, "tencent": {"sdkAppId": "abc"}}}),
    ];
    for c in odd {
        for vendor in ["bland", "aliyun", "tencent"] {
            let checked = check_campaign(c.clone(), &json!(vendor), Value::Null, &Fixed);
            assert!(checked.is_ok(), "{c}: {:?}", checked.err());
            if let Err(e) = plan_campaign(c.clone(), &json!(vendor), Value::Null, &Fixed) {
                assert_eq!(error_to_js(&e)["code"], "validation_failed", "{c}");
            }
        }
    }
}
