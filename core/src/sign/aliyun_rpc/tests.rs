use super::*;
use crate::sign::keys::{InMemoryNonceStore, KeyRecord};
use crate::sign::template::spread as merged;
use crate::sign::verify::{VerifiedRequest, VerifyError};

const TS: i64 = 1_700_000_000;

fn keys(id: &str) -> Option<KeyRecord> {
    match id {
        "testid" => Some(KeyRecord::new("testsecret")),
        "STS.x" => Some(KeyRecord::with_token("testsecret", "tok")),
        _ => None,
    }
}

fn base() -> HttpRequest {
    HttpRequest::new(
        "POST",
        "https://dyvmsapi.aliyuncs.com/?Action=BatchRobotSmartCall&Format=JSON&Version=2017-05-25&TtsParam=%5B%7B%22number%22%3A%221390000%22%7D%5D",
    )
}

fn verify(
    req: &HttpRequest,
    now: i64,
    n: &InMemoryNonceStore,
) -> Result<VerifiedRequest, VerifyError> {
    RpcVerifier::default().verify(req, &keys, n, now)
}

#[test]
fn published_example_signature() {
    // Alibaba's ECS DescribeRegions example (also a conformance case).
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let params = [
        ("Timestamp", "2016-02-23T12:46:24Z"),
        ("Format", "XML"),
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("Version", "2014-05-26"),
        ("SignatureVersion", "1.0"),
    ];
    assert_eq!(s.signature("GET", &params), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

#[test]
fn streamed_signature_equals_the_string_path() {
    let mac = secret_mac("k");
    let long = "中文 😀*~!'()&=%+/".repeat(400);
    for params in [
        vec![("b", "2"), ("a", "1")],
        vec![
            ("Signature", "x"),
            ("Key.10", "v"),
            ("Key.2", long.as_str()),
            ("", ""),
        ],
        vec![],
    ] {
        for method in ["GET", "post"] {
            let sts = string_to_sign(method, &canonicalize(&params));
            assert_eq!(
                stream_signature(&mac, &method.to_ascii_uppercase(), &sorted_params(&params)),
                sign_bytes(&mac, &sts),
                "{params:?}"
            );
        }
    }
}

#[test]
fn sdk_signature_signs_an_object_of_the_params() {
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    // The SDK signs the method as given and whatever the object holds, `Signature` included;
    // a repeated name keeps its last value, as `Object.fromEntries` does.
    let upper = s.sdk_signature("GET", &[("b", "2"), ("a", "1")]);
    assert_eq!(upper, s.signature("GET", &[("a", "1"), ("b", "2")]));
    assert_ne!(s.sdk_signature("get", &[("b", "2"), ("a", "1")]), upper);
    assert_eq!(
        s.sdk_signature("GET", &[("b", "0"), ("a", "1"), ("b", "2")]),
        upper
    );
    assert_ne!(
        s.sdk_signature("GET", &[("b", "2"), ("a", "1"), ("Signature", "x")]),
        upper
    );
}

#[test]
fn sign_then_verify_with_query_and_replay() {
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let mut req = base();
    s.sign(&mut req, TS, "nonce-1").unwrap();
    assert!(
        req.url.contains("&Timestamp=2023-11-14T22%3A13%3A20Z&"),
        "{}",
        req.url
    );
    assert!(req.url.contains("&Signature="), "{}", req.url);
    let n = InMemoryNonceStore::default();
    let ok = verify(&req, TS, &n).unwrap();
    assert_eq!(
        (ok.key_id.as_str(), ok.nonce.as_deref()),
        ("testid", Some("nonce-1"))
    );
    assert_eq!(
        verify(&req, TS, &n).unwrap_err().vendor_code(),
        "SignatureNonceUsed"
    );
    // Signing again replaces the common parameters instead of duplicating them.
    s.sign(&mut req, TS + 1, "nonce-2").unwrap();
    assert_eq!(req.url.matches("SignatureNonce=").count(), 1);
    assert!(verify(&req, TS + 1, &n).is_ok());
}

#[test]
fn pop_core_style_form_body_is_signed_and_verified() {
    // pop-core POST: URL without query, every parameter (Signature too) in the form body.
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let mut params = vec![
        ("Action", "BatchRobotSmartCall".to_owned()),
        ("AccessKeyId", "testid".to_owned()),
        ("SignatureMethod", "HMAC-SHA1".to_owned()),
        ("SignatureVersion", "1.0".to_owned()),
        ("SignatureNonce", "n-form".to_owned()),
        ("Timestamp", "2023-11-14T22:13:20Z".to_owned()),
        ("CalledNumber", "13900000000,13900000001".to_owned()),
        (
            "TtsParam",
            "[{\"number\":\"1390000\",\"params\":[\"小王 😀\"]}]".to_owned(),
        ),
    ];
    let sig = s.signature("POST", &params);
    params.push(("Signature", sig));
    let body = canonicalize(
        &params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<Vec<_>>(),
    );
    let body = format!(
        "{body}&Signature={}",
        crate::sign::encode::percent_encode(&params[8].1)
    );
    let req = HttpRequest::new("POST", "https://dyvmsapi.aliyuncs.com/")
        .with_header("content-type", "application/x-www-form-urlencoded")
        .with_body(body.into_bytes());
    let n = InMemoryNonceStore::default();
    assert!(verify(&req, TS, &n).is_ok());
    let mut tampered = req.clone();
    let pos = tampered.body.iter().position(|&b| b == b'1').unwrap();
    tampered.body[pos] = b'2';
    let err = verify(&tampered, TS, &InMemoryNonceStore::default()).unwrap_err();
    assert_eq!(err.vendor_code(), "SignatureDoesNotMatch");
    assert!(
        err.vendor_message()
            .contains("server string to sign is:POST&%2F&AccessKeyId%3Dtestid")
    );
}

#[test]
fn each_failure_has_its_alibaba_code() {
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let mut req = base();
    s.sign(&mut req, TS, "n").unwrap();
    let code = |r: &HttpRequest, now: i64| match verify(r, now, &InMemoryNonceStore::default()) {
        Ok(_) => "ok",
        Err(e) => e.vendor_code(),
    };
    let edit = |from: &str, to: &str| {
        let mut r = req.clone();
        assert!(r.url.contains(from), "{from}");
        r.url = r.url.replacen(from, to, 1);
        r
    };
    assert_eq!(code(&req, TS - 900), "ok");
    assert_eq!(code(&req, TS - 901), "InvalidTimeStamp.Expired");
    assert_eq!(code(&edit("&Signature=", "&Sig="), TS), "MissingSignature");
    assert_eq!(
        code(&edit("AccessKeyId=testid", "AccessKeyId=other"), TS),
        "InvalidAccessKeyId.NotFound"
    );
    assert_eq!(
        code(&edit("AccessKeyId=testid", "AKI=testid"), TS),
        "MissingAccessKeyId"
    );
    assert_eq!(
        code(&edit("HMAC-SHA1", "HMAC-SHA256"), TS),
        "InvalidSignatureMethod"
    );
    assert_eq!(
        code(&edit("SignatureVersion=1.0", "SignatureVersion=2.0"), TS),
        "InvalidSignatureVersion"
    );
    assert_eq!(
        code(&edit("T22%3A13", "T22-13"), TS),
        "InvalidTimeStamp.Format"
    );
    assert_eq!(
        code(&edit("SignatureNonce=n", "SignatureNonce="), TS),
        "MissingSignatureNonce"
    );
    assert_eq!(
        code(&edit("Format=JSON", "Format=XML"), TS),
        "SignatureDoesNotMatch"
    );
    assert_eq!(
        code(&edit("Format=JSON", "Format=J%ZZ"), TS),
        "InvalidParameter.Format"
    );
    assert_eq!(
        code(&edit("Format=JSON", "Format=JSON&SecurityToken=t"), TS),
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
}

#[test]
fn incoming_encoding_is_never_passed_through() {
    // `+`, lower-case hex and unencoded `*` all decode to the same parameters as the SDK's
    // canonical form, so they sign the same.
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let a = HttpRequest::new("GET", "https://h/?Name=a%20b%2Ac&X=%e4%b8%ad");
    let b = HttpRequest::new("GET", "https://h/?X=%E4%B8%AD&Name=a+b*c");
    let (sa, sb) = (s.steps(&a).unwrap(), s.steps(&b).unwrap());
    assert_eq!(sa, sb);
    assert_eq!(sa.canonical_request, "Name=a%20b%2Ac&X=%E4%B8%AD");
}

#[test]
fn sts_token_goes_in_the_query() {
    let s =
        RpcSigner::new(AliyunCredentials::new("STS.x", "testsecret").with_security_token("tok"));
    let mut req = base();
    s.sign(&mut req, TS, "n").unwrap();
    assert!(req.url.contains("SecurityToken=tok"));
    let ok = verify(&req, TS, &InMemoryNonceStore::default()).unwrap();
    assert!(ok.security_token);
}

#[test]
fn a_batch_signs_each_row_as_the_request_path_signs_its_parameters() {
    let s = RpcSigner::new(AliyunCredentials::new("testid", "testsecret"));
    let seed = [
        ("Action", "BatchRobotSmartCall"),
        ("CorpName", "阿里巴巴通信技术(北京)有限公司"),
        ("TaskName", "shared, overridden"),
        ("AccessKeyId", "testid"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("Action", "given twice: the last counts"),
    ];
    // (shared, own names, rows): own names before, between and after the shared ones, an own
    // name repeated, nothing shared, nothing own.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], &'a [&'a [&'a str]]);
    let cases: [Case<'_>; 4] = [
        (
            &seed,
            &[
                "SignatureNonce",
                "TaskName",
                "Timestamp",
                "AAA",
                "\u{1f600}",
            ],
            &[
                &["n-1", "任务 *~'()!", "2026-03-10T08:15:30Z", "", "x"],
                &["n-2", "a+b&c=d%e", "2026-03-10T08:15:31Z", "first", "y"],
                &["n-3", "", "2026-03-10T08:15:31Z", "\u{ff01}", "z"],
            ],
        ),
        (
            &seed,
            &["TaskName", "TaskName"],
            &[&["a", "b"], &["b", "a"]],
        ),
        (
            &[],
            &["SignatureNonce", "CalledNumber"],
            &[&["n", "1"], &["m", "2"]],
        ),
        (&seed, &[], &[&[]]),
    ];
    for (shared, names, rows) in cases {
        let mut batch = s.sdk_batch("POST", shared, names);
        assert_eq!(batch.width(), names.len());
        let mut signatures = Vec::new();
        for row in rows {
            let got = batch.signature(row).unwrap();
            let params = merged(shared, names, row);
            assert_eq!(got, s.signature("POST", &params), "{names:?} {row:?}");
            assert_eq!(got, s.sdk_signature("POST", &params));
            signatures.push(got);
        }
        signatures.dedup();
        assert_eq!(signatures.len(), rows.len(), "{names:?}");
    }
    let mut batch = s.sdk_batch("POST", &seed, &["SignatureNonce"]);
    assert_eq!(
        batch.signature(&["a", "b"]),
        Err(SignError::RowWidth {
            expected: 1,
            got: 2
        })
    );
}
