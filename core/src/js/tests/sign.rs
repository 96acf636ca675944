//! `signRequest`, `signRequests`, `signing_headers`, and the client input path
//! (`input_to_wire`, `parsed_to_js`): what the bindings call when they sign or send themselves.

use super::super::{
    build_request, input_to_wire, sign_request, sign_requests, signing_client, signing_headers,
};
use super::{Fixed, NOW_MS, codes_paths};
use crate::Context;
use crate::api::RequestContext;
use crate::api::registry::Operation;
use crate::http::HttpRequest;
use crate::issue::Report;
use serde_json::{Value, json};

fn header<'a>(headers: &'a Value, name: &str) -> Option<&'a str> {
    headers
        .as_array()?
        .iter()
        .find_map(|p| (p[0].as_str()?.eq_ignore_ascii_case(name)).then(|| p[1].as_str())?)
}

#[test]
fn re_signing_a_built_request_gives_the_builders_signature_for_every_scheme() {
    let cases = [
        (
            "tencent.describeTelSession",
            json!({"vendor": "tencent", "secretId": "AKID", "secretKey": "k", "token": "t"}),
            json!({"sdkAppId": 1400000001, "sessionId": "s-1"}),
            &["authorization", "x-tc-timestamp", "x-tc-token"][..],
        ),
        (
            "aliyun.queryCallDetailByCallId",
            json!({"vendor": "aliyun", "accessKeyId": "LTAI", "accessKeySecret": "s"}),
            json!({"callId": "c-1", "queryDate": NOW_MS, "prodId": 11000000300006_i64}),
            &[
                "authorization",
                "x-acs-date",
                "x-acs-signature-nonce",
                "x-acs-content-sha256",
            ][..],
        ),
        (
            "bland.getCall",
            json!({"vendor": "bland", "apiKey": "sk"}),
            json!({"callId": "c-1"}),
            &["authorization"][..],
        ),
    ];
    for (op, creds, input, signing) in cases {
        let built = build_request(&json!(op), creds.clone(), input, Value::Null, &Fixed)
            .unwrap_or_else(|e| panic!("{op}: {e}"));
        let unsigned: Vec<Value> = built["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| {
                let name = p[0].as_str().unwrap_or("").to_ascii_lowercase();
                !signing.contains(&name.as_str())
            })
            .cloned()
            .collect();
        let request = json!({"method": built["method"], "url": built["url"], "headers": unsigned, "body": built["body"]});
        let again = sign_request(creds, request, Value::Null, &Fixed)
            .unwrap_or_else(|e| panic!("{op}: {e}"));
        for name in signing {
            assert!(header(&built["headers"], name).is_some(), "{op}: {name}");
            assert_eq!(
                header(&again["headers"], name),
                header(&built["headers"], name),
                "{op}: {name}"
            );
        }
    }
}

#[test]
fn signing_headers_are_only_what_the_signature_set_and_rpc_v1_is_refused() {
    let tc = signing_client(json!({"vendor": "tencent", "secretId": "AKID", "secretKey": "k"}))
        .unwrap_or_else(|e| panic!("{e}"));
    let req = HttpRequest::new("POST", "https://ccc.tencentcloudapi.com/")
        .with_header("Content-Type", "application/json")
        .with_body(b"{}".as_slice());
    let ctx = RequestContext::new(NOW_MS, "n");
    let set = signing_headers(&tc, req, &ctx).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = set.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["X-TC-Timestamp", "Authorization"]);
    assert_eq!(set[0].1, (NOW_MS / 1000).to_string());

    let rpc = signing_client(json!({"vendor": "aliyun", "accessKeyId": "a", "accessKeySecret": "b", "signature": "rpc_v1"}))
        .unwrap_or_else(|e| panic!("{e}"));
    let e = signing_headers(
        &rpc,
        HttpRequest::new("POST", "https://dyvmsapi.aliyuncs.com/"),
        &ctx,
    )
    .err()
    .and_then(|e| e.report().cloned());
    assert_eq!(
        e.map(|r| r.issues[0].path.as_str().to_owned()).as_deref(),
        Some("credentials.signature")
    );
}

#[test]
fn a_batch_reports_every_bad_request_and_refuses_a_shared_nonce() {
    let creds = json!({"vendor": "tencent", "secretId": "AKID", "secretKey": "k"});
    let e = sign_requests(
        creds.clone(),
        json!([{"method": "POST"}, {"method": "GET", "url": "https://x/", "headers": 3}, 7]),
        Value::Null,
        &Fixed,
    )
    .err()
    .and_then(|e| e.report().cloned())
    .unwrap_or_default();
    let issues = serde_json::to_value(
        e.issues
            .iter()
            .map(|i| json!({"code": i.code.as_str(), "path": i.path.as_str()}))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    assert_eq!(
        codes_paths(&issues),
        [
            ("required".into(), "requests[0].url".into()),
            ("invalid_type".into(), "requests[1].headers".into()),
            ("invalid_type".into(), "requests[2]".into()),
        ]
    );
    assert!(sign_requests(creds, json!([]), json!({"nonce": "n"}), &Fixed).is_err());
}

#[test]
fn client_input_mapping_reports_reader_mapping_and_core_problems_at_once() {
    // A reader problem at `task` (say, a lone surrogate), a wire name, and a core rule.
    let mut prior = Report::new();
    prior.error(crate::IssueCode::InvalidFormat, "task", "lone surrogate");
    let e = input_to_wire(
        Operation::BlandSendCall,
        json!({"phoneNumber": "12", "max_duration": 3}),
        prior,
        &Context::at(NOW_MS),
    )
    .err()
    .and_then(|e| e.report().cloned())
    .unwrap_or_default();
    let got: Vec<(&str, &str)> = e
        .issues
        .iter()
        .map(|i| (i.code.as_str(), i.path.as_str()))
        .collect();
    assert!(got.contains(&("invalid_format", "task")), "{got:?}");
    assert!(got.contains(&("unknown_field", "max_duration")), "{got:?}");
    assert!(got.contains(&("phone_too_short", "phoneNumber")), "{got:?}");
    // `task` is not also reported as missing: the reader already said what is wrong there.
    assert_eq!(
        got.iter().filter(|(_, p)| *p == "task").count(),
        1,
        "{got:?}"
    );

    let wire = input_to_wire(
        Operation::BlandSendCall,
        json!({"phoneNumber": "+14155552671", "task": "x", "requestData": {"first_name": "A"}}),
        Report::new(),
        &Context::at(NOW_MS),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        wire,
        json!({"phone_number": "+14155552671", "task": "x", "request_data": {"first_name": "A"}})
    );
}
