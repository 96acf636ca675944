use super::*;
use crate::sign::keys::KeyRecord;
use crate::sign::verify::VerifyErrorKind;

fn doc_request() -> HttpRequest {
    // Tencent's published example (also a conformance case; here to exercise the API directly).
    HttpRequest::new("POST", "https://cvm.tencentcloudapi.com/")
        .with_header("Host", "cvm.tencentcloudapi.com")
        .with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("X-TC-Action", "DescribeInstances")
        .with_body(
            &br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#[..],
        )
}

fn doc_signer() -> Tc3Signer {
    Tc3Signer::new(Tc3Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    ))
}

const DOC_TS: i64 = 1_551_113_065;
const DOC_SIG: &str = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";

#[test]
fn fast_path_and_steps_agree_with_the_published_example() {
    let s = doc_signer();
    let req = doc_request();
    let fast = s.authorization(&req, DOC_TS).unwrap();
    let steps = s.steps(&req, DOC_TS).unwrap();
    assert_eq!(steps.signature, DOC_SIG);
    assert_eq!(Some(fast.clone()), steps.authorization);
    assert!(fast.ends_with(DOC_SIG), "{fast}");
}

#[test]
fn a_body_given_apart_is_signed_as_if_the_request_carried_it() {
    let s = doc_signer();
    let req = doc_request();
    let empty = req.clone().with_body(&b""[..]);
    // The request's own body is ignored: only the one given counts.
    assert_eq!(
        s.authorization_with_body(&empty, &req.body, DOC_TS)
            .unwrap(),
        s.authorization(&req, DOC_TS).unwrap()
    );
    assert_ne!(
        s.authorization_with_body(&req, b"{}", DOC_TS).unwrap(),
        s.authorization(&req, DOC_TS).unwrap()
    );
    assert_eq!(
        s.authorization_with_body(&req, b"", DOC_TS).unwrap(),
        s.authorization(&empty, DOC_TS).unwrap()
    );
}

#[test]
fn the_key_cache_is_per_utc_day_and_correct_across_midnight() {
    let s = doc_signer();
    let req = doc_request();
    // 2024-03-01T15:59:59Z and 16:00:00Z: both "2024-03-01" in UTC (00:00 Mar 2 in Beijing).
    // 23:59:59Z and 00:00:00Z the next day: different credential dates.
    let times = [1_709_308_799, 1_709_308_800, 1_709_337_599, 1_709_337_600];
    for &ts in &times {
        let cached = s.authorization(&req, ts).unwrap();
        let fresh = doc_signer().authorization(&req, ts).unwrap();
        assert_eq!(cached, fresh, "{ts}");
        assert_eq!(s.cached_day(), Some(ts.div_euclid(86_400)));
    }
    let before = s.authorization(&req, 1_709_337_599).unwrap();
    let after = s.authorization(&req, 1_709_337_600).unwrap();
    assert!(before.contains("/2024-03-01/cvm/"), "{before}");
    assert!(after.contains("/2024-03-02/cvm/"), "{after}");
    // Going back a day after the cache moved on is still right.
    assert_eq!(s.authorization(&req, 1_709_337_599).unwrap(), before);
}

#[test]
fn debug_never_shows_the_key() {
    let s = doc_signer().with_service("cvm");
    s.authorization(&doc_request(), DOC_TS).unwrap();
    let dbg = format!("{s:?}");
    assert!(!dbg.contains("Gu5t9x"), "{dbg}");
    assert!(
        dbg.contains("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
        "{dbg}"
    );
}

#[test]
fn sign_sets_headers_and_verifies() {
    let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1").with_token("tok"));
    let mut req = doc_request();
    req.url = "https://ccc.intl.tencentcloudapi.com/".into();
    req.set_header("Host", "ccc.intl.tencentcloudapi.com");
    s.sign(&mut req, 1_700_000_000).unwrap();
    assert_eq!(req.header("X-TC-Timestamp"), Some("1700000000"));
    assert_eq!(req.header("X-TC-Token"), Some("tok"));
    let auth = req.header("Authorization").unwrap();
    assert!(
        auth.contains("Credential=AKID1/2023-11-14/ccc/tc3_request"),
        "{auth}"
    );
    let keys = |id: &str| (id == "AKID1").then(|| KeyRecord::with_token("key1", "tok"));
    let v = Tc3Verifier::default();
    let ok = v.verify(&req, &keys, 1_700_000_100).unwrap();
    assert_eq!(ok.key_id, "AKID1");
    assert_eq!(ok.service.as_deref(), Some("ccc"));
    assert!(ok.security_token);
}

fn codes(req: &HttpRequest, now: i64) -> &'static str {
    let keys = |id: &str| (id == "AKID1").then(|| KeyRecord::new("key1"));
    match Tc3Verifier::default().verify(req, &keys, now) {
        Ok(_) => "ok",
        Err(e) => e.vendor_code(),
    }
}

#[test]
fn each_failure_has_its_tencent_code() {
    let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1"));
    let mut req = doc_request();
    s.sign(&mut req, 1_700_000_000).unwrap();
    assert_eq!(codes(&req, 1_700_000_000), "ok");
    assert_eq!(codes(&req, 1_700_000_301), "AuthFailure.SignatureExpire");
    assert_eq!(codes(&req, 1_699_999_699), "AuthFailure.SignatureExpire");

    let mut wrong_key = req.clone();
    Tc3Signer::new(Tc3Credentials::new("AKID1", "key2"))
        .sign(&mut wrong_key, 1_700_000_000)
        .unwrap();
    assert_eq!(
        codes(&wrong_key, 1_700_000_000),
        "AuthFailure.SignatureFailure"
    );

    let mut unknown = req.clone();
    Tc3Signer::new(Tc3Credentials::new("AKID9", "key1"))
        .sign(&mut unknown, 1_700_000_000)
        .unwrap();
    assert_eq!(
        codes(&unknown, 1_700_000_000),
        "AuthFailure.SecretIdNotFound"
    );

    let mut token = req.clone();
    token.set_header("X-TC-Token", "t");
    assert_eq!(codes(&token, 1_700_000_000), "AuthFailure.TokenFailure");

    let mut no_auth = req.clone();
    no_auth.remove_header("Authorization");
    assert_eq!(
        codes(&no_auth, 1_700_000_000),
        "AuthFailure.InvalidAuthorization"
    );

    let mut other_alg = req.clone();
    let a = req
        .header("Authorization")
        .unwrap()
        .replacen("TC3-HMAC-SHA256", "TC3-HMAC-SM3", 1);
    other_alg.set_header("Authorization", a);
    assert_eq!(
        codes(&other_alg, 1_700_000_000),
        "AuthFailure.InvalidAuthorization"
    );

    let mut garbled = req.clone();
    garbled.set_header("Authorization", "TC3-HMAC-SHA256 Credential=AKID1");
    assert_eq!(
        codes(&garbled, 1_700_000_000),
        "AuthFailure.InvalidAuthorization"
    );

    let mut no_ts = req.clone();
    no_ts.remove_header("X-TC-Timestamp");
    assert_eq!(codes(&no_ts, 1_700_000_000), "MissingParameter");

    let mut bad_ts = req.clone();
    bad_ts.set_header("X-TC-Timestamp", "17e8");
    assert_eq!(codes(&bad_ts, 1_700_000_000), "InvalidParameter");
}

#[test]
fn local_date_signing_is_refused_with_the_servers_string_to_sign() {
    // 2024-03-01T16:30:00Z is already March 2 in Beijing. A client that signs with its local
    // date gets SignatureFailure, and the error shows the UTC date the server used.
    let ts = 1_709_310_600;
    let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1"));
    let mut req = doc_request();
    s.sign(&mut req, ts).unwrap();
    let sig_local = {
        let mac = derive_signing_mac("key1", "2024-03-02", "cvm");
        let steps = s.steps(&req, ts).unwrap();
        let sts = steps.string_to_sign.replace("2024-03-01", "2024-03-02");
        let mut m = mac;
        m.update(sts.as_bytes());
        hex_str(&hex32(&m.finalize().into_bytes())).to_owned()
    };
    let local = format!(
        "TC3-HMAC-SHA256 Credential=AKID1/2024-03-02/cvm/tc3_request, SignedHeaders=content-type;host, Signature={sig_local}"
    );
    req.set_header("Authorization", local);
    let keys = |_: &str| Some(KeyRecord::new("key1"));
    let err = Tc3Verifier::default().verify(&req, &keys, ts).unwrap_err();
    assert_eq!(err.vendor_code(), "AuthFailure.SignatureFailure");
    match err.kind {
        VerifyErrorKind::SignatureMismatch { string_to_sign } => {
            assert!(
                string_to_sign.contains("2024-03-01/cvm/tc3_request"),
                "{string_to_sign}"
            )
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn unsigned_payload_requests_verify_without_covering_the_body() {
    // What the Python SDK computes with `profile.unsignedPayload = True`.
    let mut req = doc_request();
    req.set_header("X-TC-Timestamp", DOC_TS.to_string());
    req.set_header("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD");
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n{}",
        hex::encode(Sha256::digest(b"UNSIGNED-PAYLOAD"))
    );
    let sts = format!(
        "TC3-HMAC-SHA256\n{DOC_TS}\n2019-02-25/cvm/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = derive_signing_mac("key1", "2019-02-25", "cvm");
    mac.update(sts.as_bytes());
    let sig = hex::encode(mac.finalize().into_bytes());
    req.set_header(
        "Authorization",
        format!("TC3-HMAC-SHA256 Credential=AKID1/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature={sig}"),
    );
    assert_eq!(codes(&req, DOC_TS), "ok");
    req.body.push(b' ');
    assert_eq!(codes(&req, DOC_TS), "ok", "the body is not covered");
    req.remove_header("X-TC-Content-SHA256");
    assert_eq!(codes(&req, DOC_TS), "AuthFailure.SignatureFailure");
}

#[test]
fn a_port_in_host_is_accepted_like_the_node_sdk_sends_it() {
    let s = Tc3Signer::new(Tc3Credentials::new("AKID1", "key1")).with_service("ccc");
    let mut req = HttpRequest::new("POST", "http://127.0.0.1:8080/")
        .with_header("Host", "127.0.0.1:8080")
        .with_header("Content-Type", "application/json")
        .with_body(&b"{}"[..]);
    s.sign(&mut req, 1_700_000_000).unwrap();
    assert_eq!(codes(&req, 1_700_000_000), "ok");
}

#[test]
fn signing_rejects_what_it_cannot_sign() {
    let s = doc_signer();
    let mut req = doc_request();
    assert_eq!(
        s.authorization(&req, -1),
        Err(SignError::TimestampOutOfRange(-1))
    );
    req.method = "PUT".into();
    assert!(matches!(
        s.authorization(&req, DOC_TS),
        Err(SignError::UnsupportedMethod(_))
    ));
    let mut req = doc_request();
    req.remove_header("content-type");
    assert_eq!(
        s.authorization(&req, DOC_TS),
        Err(SignError::MissingHeader("Content-Type"))
    );
}

#[test]
fn a_batch_of_bodies_signs_each_as_the_step_by_step_path_does() {
    // The batch keeps hash states of the shared prefixes; `steps` builds every string. Across
    // days (the cached key moves), query strings, a host in upper case and bodies of 0 to 3
    // hash blocks, both must agree.
    let s = doc_signer();
    let urls = [
        "https://cvm.tencentcloudapi.com/",
        "https://CCC.TencentCloudAPI.com/path?b=2&a=1",
    ];
    let bodies: [&[u8]; 4] = [b"", b"{}", "{\"Callee\":\"小明\"}".as_bytes(), &[b'x'; 130]];
    for url in urls {
        for ts in [DOC_TS, 1_709_337_599, 1_709_337_600, DOC_TS] {
            let req = HttpRequest::new("POST", url).with_header("Content-Type", "application/json");
            let batch = s.bodies(&req, ts).unwrap();
            let mut seen = Vec::new();
            for body in bodies {
                let got = batch.authorization(body);
                let want = s.steps(&req.clone().with_body(body), ts).unwrap();
                assert_eq!(Some(&got), want.authorization.as_ref(), "{url} {ts}");
                let mut appended = String::from("x");
                batch.authorization_into(body, &mut appended);
                assert_eq!(appended, format!("x{got}"));
                seen.push(got);
            }
            seen.dedup();
            assert_eq!(seen.len(), bodies.len());
        }
    }
    // A second signer with another key signs differently from the same prefixes.
    let other = Tc3Signer::new(Tc3Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "x",
    ));
    let req = doc_request();
    assert_ne!(
        other.bodies(&req, DOC_TS).unwrap().authorization(&req.body),
        s.bodies(&req, DOC_TS).unwrap().authorization(&req.body)
    );
    assert_eq!(
        s.bodies(&req, DOC_TS).unwrap().authorization(&req.body),
        s.steps(&req, DOC_TS).unwrap().authorization.unwrap()
    );
}
