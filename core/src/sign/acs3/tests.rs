use super::*;
use crate::sign::keys::{InMemoryNonceStore, KeyRecord};
use crate::sign::template::spread as merged;
use crate::sign::verify::{VerifiedRequest, VerifyError};

fn signer(token: Option<&str>) -> Acs3Signer {
    let mut c = AliyunCredentials::new("LTAI1", "secret1");
    if let Some(t) = token {
        c = c.with_security_token(t);
    }
    Acs3Signer::new(c)
}

fn request() -> HttpRequest {
    HttpRequest::new(
        "POST",
        "https://dyvmsapi.aliyuncs.com/?RegionId=cn-hangzhou&TaskName=a%20b",
    )
    .with_header("x-acs-action", "BatchRobotSmartCall")
    .with_header("x-acs-version", "2017-05-25")
    .with_header("content-type", "application/x-www-form-urlencoded")
    .with_header("user-agent", "callplane")
    .with_body(&b"CalledNumber=1390000"[..])
}

const TS: i64 = 1_700_000_000;

fn verify(
    req: &HttpRequest,
    now: i64,
    nonces: &InMemoryNonceStore,
) -> Result<VerifiedRequest, VerifyError> {
    let keys = |id: &str| match id {
        "LTAI1" => Some(KeyRecord::new("secret1")),
        "STS.1" => Some(KeyRecord::with_token("secret1", "tok")),
        _ => None,
    };
    Acs3Verifier::default().verify(req, &keys, nonces, now)
}

#[test]
fn sign_sets_the_sdk_headers_and_verifies_once() {
    let mut req = request();
    signer(None).sign(&mut req, TS, "nonce-1").unwrap();
    assert_eq!(req.header("x-acs-date"), Some("2023-11-14T22:13:20Z"));
    assert_eq!(req.header("host"), Some("dyvmsapi.aliyuncs.com"));
    let auth = req.header("Authorization").unwrap();
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"),
        "{auth}"
    );
    let nonces = InMemoryNonceStore::default();
    let ok = verify(&req, TS + 60, &nonces).unwrap();
    assert_eq!(ok.key_id, "LTAI1");
    assert_eq!(ok.nonce.as_deref(), Some("nonce-1"));
    let replay = verify(&req, TS + 61, &nonces).unwrap_err();
    assert_eq!(replay.vendor_code(), "SignatureNonceUsed");
}

#[test]
fn a_forged_request_does_not_burn_the_nonce() {
    let mut req = request();
    signer(None).sign(&mut req, TS, "nonce-2").unwrap();
    let mut forged = req.clone();
    forged.body = b"CalledNumber=1390001".to_vec();
    let nonces = InMemoryNonceStore::default();
    assert_eq!(
        verify(&forged, TS, &nonces).unwrap_err().vendor_code(),
        "SignatureDoesNotMatch"
    );
    assert!(verify(&req, TS, &nonces).is_ok());
}

#[test]
fn each_failure_has_its_alibaba_code() {
    let nonces = InMemoryNonceStore::default();
    let mut req = request();
    signer(None).sign(&mut req, TS, "n").unwrap();
    let code = |r: &HttpRequest, now: i64| match verify(r, now, &InMemoryNonceStore::default()) {
        Ok(_) => "ok",
        Err(e) => e.vendor_code(),
    };
    assert_eq!(code(&req, TS + 900), "ok");
    assert_eq!(code(&req, TS + 901), "InvalidTimeStamp.Expired");
    let mut r = req.clone();
    r.set_header("x-acs-date", "2023-11-14 22:13:20");
    assert_eq!(code(&r, TS), "InvalidTimeStamp.Format");
    let mut r = req.clone();
    r.remove_header("x-acs-signature-nonce");
    assert_eq!(code(&r, TS), "MissingSignatureNonce");
    let mut r = req.clone();
    r.remove_header("Authorization");
    assert_eq!(code(&r, TS), "MissingAuthorization");
    let mut r = req.clone();
    let a = req
        .header("Authorization")
        .unwrap()
        .replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
    r.set_header("Authorization", a);
    assert_eq!(code(&r, TS), "InvalidSignatureMethod");
    let mut r = req.clone();
    let a = req
        .header("Authorization")
        .unwrap()
        .replace("LTAI1", "LTAI9");
    r.set_header("Authorization", a);
    assert_eq!(code(&r, TS), "InvalidAccessKeyId.NotFound");
    let mut r = req.clone();
    let a = req
        .header("Authorization")
        .unwrap()
        .replace("x-acs-date;", "");
    r.set_header("Authorization", a);
    assert_eq!(code(&r, TS), "IncompleteSignature");
    let mut r = req.clone();
    r.set_header("x-acs-action", "StartRobotTask");
    assert_eq!(code(&r, TS), "SignatureDoesNotMatch");
    let mut r = req.clone();
    r.url = r.url.replace("a%20b", "a%20c");
    assert_eq!(code(&r, TS), "SignatureDoesNotMatch");
    assert!(nonces.is_empty());
}

#[test]
fn sts_credentials_need_their_token() {
    let mut req = request();
    let s = Acs3Signer::new(AliyunCredentials::new("STS.1", "secret1").with_security_token("tok"));
    s.sign(&mut req, TS, "n").unwrap();
    assert_eq!(req.header("x-acs-security-token"), Some("tok"));
    assert_eq!(req.header("x-acs-accesskey-id"), Some("STS.1"));
    let nonces = InMemoryNonceStore::default();
    assert!(verify(&req, TS, &nonces).unwrap().security_token);
    let mut r = req.clone();
    r.set_header("x-acs-security-token", "other");
    assert_eq!(
        verify(&r, TS, &nonces).unwrap_err().vendor_code(),
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
}

#[test]
fn sdk_quirks_are_reproduced() {
    assert_eq!(canonical_uri("/a+b+c*d*%7E%7E"), "/a%20b+c%2Ad*~%7E");
    assert_eq!(canonical_uri("/plain/path"), "/plain/path");
    let req = HttpRequest::new("GET", "https://h/?b=%2A%20&a.b=1&%E4%B8%AD=x")
        .with_header("X-Acs-B", " 2 ")
        .with_header("x-acs-b", "\u{feff}1")
        .with_header("Host", "h")
        .with_header("Accept", "application/json");
    let steps = signer(None).steps(&req, &SignedHeaders::Sdk).unwrap();
    let lines: Vec<&str> = steps.canonical_request.split('\n').collect();
    // Names raw (not encoded), values RFC 3986.
    assert_eq!(lines[2], "a.b=1&b=%2A%20&中=x");
    assert_eq!(lines[3], "host:h");
    assert_eq!(lines[4], "x-acs-b:1,2");
    assert_eq!(lines[6], "host;x-acs-b");
}

#[test]
fn sdk_authorization_of_a_signed_request_is_its_authorization() {
    let s = signer(None);
    let mut req = request();
    s.sign(&mut req, TS, "nonce-9").unwrap();
    let decoded = parse_query(UrlParts::parse(&req.url).unwrap().query).unwrap();
    let mut query: Vec<(&str, &str)> = decoded
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    query.reverse();
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| n != "Authorization")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let payload = req.header("x-acs-content-sha256").unwrap();
    let got = s.sdk_authorization("POST", "/", &query, &headers, payload);
    assert_eq!(Some(got.as_str()), req.header("Authorization"));
    // The payload hash is signed as given; the method too (not upper-cased).
    assert_ne!(s.sdk_authorization("POST", "/", &query, &headers, "x"), got);
    assert_ne!(
        s.sdk_authorization("post", "/", &query, &headers, payload),
        got
    );
}

#[test]
fn debug_never_shows_the_secret() {
    let dbg = format!("{:?}", signer(Some("sts-tok-value")));
    assert!(
        !dbg.contains("secret1") && !dbg.contains("sts-tok"),
        "{dbg}"
    );
}

#[test]
fn a_batch_signs_each_row_as_the_request_path_signs_the_request() {
    use crate::sign::encode::encode_query;
    let s = signer(None);
    let shared_query = [
        ("Action", "BatchRobotSmartCall"),
        ("TaskName", "shared, overridden"),
        ("CorpName", "阿里巴巴通信技术(北京)有限公司"),
    ];
    let shared_headers = [
        ("host", "dyvmsapi.aliyuncs.com"),
        ("x-acs-action", "BatchRobotSmartCall"),
        ("accept", "application/json"),
        ("X-Acs-Multi", " shared "),
        ("x-acs-version", "old"),
        ("x-acs-version", "2017-05-25"),
        ("X-ACS-ALL-SHARED", "b"),
        ("x-acs-all-shared", "a"),
    ];
    // (own query, own headers, rows of query values, header values, body): own names that
    // override shared ones, a header name in another case than a shared one (joined with it,
    // sorted by value), a repeated own name, nothing own in the query.
    type Case<'a> = (
        &'a [&'a str],
        &'a [&'a str],
        &'a [(&'a [&'a str], &'a [&'a str], &'a str)],
    );
    let cases: [Case<'_>; 3] = [
        (
            &["CalledNumber", "TaskName", "\u{1f600}"],
            &[
                "x-acs-date",
                "x-acs-signature-nonce",
                "x-acs-multi",
                "Content-Type",
            ],
            &[
                (
                    &["1390000", "任务 *~'()!", "x"],
                    &[
                        "2026-03-10T08:15:30Z",
                        "n-1",
                        "\t0 first\u{feff}",
                        "application/json",
                    ],
                    "",
                ),
                (
                    &["1390001", "a+b&c=d%e", ""],
                    &["2026-03-10T08:15:31Z", "n-2", "z last", "text/plain"],
                    "{}",
                ),
            ],
        ),
        (
            &[],
            &[
                "x-acs-signature-nonce",
                "x-acs-action",
                "x-acs-signature-nonce",
            ],
            &[
                (&[], &["ignored", "Other", "n-3"], "b"),
                (&[], &["ignored", "Other", "n-4"], "b"),
            ],
        ),
        (
            &["TaskName", "TaskName"],
            &["x-acs-signature-nonce"],
            &[(&["a", "b"], &["n"], ""), (&["b", "a"], &["n"], "")],
        ),
    ];
    for (query_names, header_names, rows) in cases {
        let batch_of = || {
            s.sdk_batch(
                "POST",
                "/a+b",
                &shared_query,
                &shared_headers,
                query_names,
                header_names,
            )
        };
        let mut batch = batch_of();
        assert_eq!(batch.width(), query_names.len() + header_names.len() + 1);
        let mut seen = Vec::new();
        for (query, headers, body) in rows {
            let payload = hex::encode(Sha256::digest(body.as_bytes()));
            let row: Vec<&str> = query
                .iter()
                .chain(headers.iter())
                .copied()
                .chain([payload.as_str()])
                .collect();
            let got = batch.authorization(&row).unwrap();
            let q: Vec<(String, String)> = merged(&shared_query, query_names, query)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let mut req = HttpRequest::new("POST", format!("https://h/a+b?{}", encode_query(&q)))
                .with_body(body.as_bytes());
            for (k, v) in merged(&shared_headers, header_names, headers) {
                req.headers.push((k.to_owned(), v.to_owned()));
            }
            let want = s.steps(&req, &SignedHeaders::Sdk).unwrap().authorization;
            assert_eq!(Some(&got), want.as_ref(), "{row:?}");
            let single = s.sdk_authorization(
                "POST",
                "/a+b",
                &merged(&shared_query, query_names, query),
                &merged(&shared_headers, header_names, headers),
                &payload,
            );
            assert_eq!(got, single);
            // The same request, its payload hash given once for the batch: rows end without it.
            let mut same = batch_of().with_payload_hash(&payload);
            assert_eq!(same.width(), row.len() - 1);
            let own = row.get(..row.len() - 1).unwrap_or_default();
            assert_eq!(same.authorization(own).as_ref(), Ok(&got), "{row:?}");
            assert!(same.authorization(&row).is_err());
            seen.push(got);
        }
        seen.dedup();
        assert_eq!(seen.len(), rows.len());
    }
    let mut batch = s.sdk_batch("POST", "/", &[], &[], &["a"], &[]);
    assert_eq!(
        batch.authorization(&["a"]),
        Err(SignError::RowWidth {
            expected: 2,
            got: 1
        })
    );
}
