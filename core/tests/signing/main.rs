//! The signing conformance suite (format: shared/SIGNING-SUITE.md). Every folder under
//! `tests/signing/<scheme>/` is a case: its request is signed through the core's public API and
//! compared step by step with the expected files (which come from the vendors' published examples
//! and from their official SDKs, see `generate/`). Then the core's verifier must accept the signed
//! request and refuse it after a one-byte change to each part the scheme signs.
//!
//! Run: `cargo test -p callplane-core --test signing`.

mod support;

use callplane_core::http::HttpRequest;
use callplane_core::sign::acs3::{Acs3Signer, Acs3Verifier, SignedHeaders};
use callplane_core::sign::aliyun_rpc::{RpcSigner, RpcVerifier, request_params};
use callplane_core::sign::encode::percent_encode;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Signer, Tc3Verifier};
use callplane_core::sign::time::parse_iso8601;
use callplane_core::sign::{
    AliyunCredentials, InMemoryNonceStore, KeyRecord, SigningSteps, VerifiedRequest, VerifyError,
};
use std::path::PathBuf;
use support::{Case, cases, mutate_one_byte};

const TC3: &str = "tc3-hmac-sha256";
const RPC: &str = "aliyun-rpc-hmac-sha1";
const ACS3: &str = "aliyun-acs3-hmac-sha256";

/// Each scheme keeps its published example plus at least ten SDK-generated cases.
const MIN_CASES: usize = 11;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/signing")
}

/// Compares the steps in the suite's order; the first divergence is the error.
fn compare(case: &Case, steps: &SigningSteps) -> Result<(), String> {
    let ours = [
        ("canonical-request.txt", Some(&steps.canonical_request)),
        ("string-to-sign.txt", Some(&steps.string_to_sign)),
        ("signature.txt", Some(&steps.signature)),
        ("authorization.txt", steps.authorization.as_ref()),
    ];
    for (file, got) in ours {
        let Some(want) = case.expected(file) else {
            continue;
        };
        let got = got.map(String::as_str).unwrap_or("<none>");
        if want != got {
            return Err(format!(
                "{}: first divergence at {file}\n----- expected -----\n{want}\n----- callplane -----\n{got}\n--------------------",
                case.id
            ));
        }
    }
    Ok(())
}

/// The signed request must pass; each mutated one must not.
fn check_verification(
    case: &Case,
    accepted: Result<VerifiedRequest, VerifyError>,
    mutations: Vec<(String, HttpRequest)>,
    verify: impl Fn(&HttpRequest) -> Result<VerifiedRequest, VerifyError>,
) -> Result<usize, String> {
    accepted.map_err(|e| format!("{}: the verifier refused the signed request: {e}", case.id))?;
    if mutations.is_empty() {
        return Err(format!("{}: no signed part to mutate", case.id));
    }
    let n = mutations.len();
    for (what, req) in mutations {
        match verify(&req) {
            Ok(_) => {
                return Err(format!(
                    "{}: the verifier accepted the request after a one-byte change to {what}",
                    case.id
                ));
            }
            Err(e) if what == "body" && e.code() != "signature_mismatch" => {
                return Err(format!(
                    "{}: a changed body must be a signature mismatch, got {e}",
                    case.id
                ));
            }
            Err(_) => {}
        }
    }
    Ok(n)
}

fn mutate_body(req: &HttpRequest) -> Option<(String, HttpRequest)> {
    if req.body.is_empty() {
        return None;
    }
    let mut r = req.clone();
    let i = r
        .body
        .iter()
        .position(|b| b.is_ascii_alphanumeric())
        .unwrap_or(0);
    r.body[i] = if r.body[i] == b'a' { b'b' } else { b'a' };
    Some(("body".to_owned(), r))
}

fn mutate_header(req: &HttpRequest, name: &str) -> Option<(String, HttpRequest)> {
    let value = req.header(name)?;
    let mut r = req.clone();
    r.set_header(name, mutate_one_byte(value, 0));
    Some((format!("header {name}"), r))
}

/// One mutation per query parameter value (skipping `skip`).
fn mutate_query_values(req: &HttpRequest, skip: &[&str]) -> Vec<(String, HttpRequest)> {
    let Some((base, query)) = req.url.split_once('?') else {
        return Vec::new();
    };
    let segs: Vec<&str> = query.split('&').collect();
    let mut out = Vec::new();
    for (i, seg) in segs.iter().enumerate() {
        let (name, _) = seg.split_once('=').unwrap_or((seg, ""));
        if skip.contains(&name) || seg.is_empty() {
            continue;
        }
        let mut new = segs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        new[i] = match seg.find('=') {
            Some(eq) => mutate_one_byte(seg, eq + 1),
            None => format!("{seg}=x"),
        };
        let mut r = req.clone();
        r.url = format!("{base}?{}", new.join("&"));
        out.push((format!("query value of {name}"), r));
    }
    out
}

fn run_scheme(scheme: &str, check: impl Fn(&Case) -> Result<usize, String>) {
    let cases = cases(&root(), scheme).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut mutations = 0;
    for case in &cases {
        match check(case) {
            Ok(n) => mutations += n,
            Err(e) => failures.push(e),
        }
    }
    eprintln!(
        "{scheme}: {} cases, {} passed, {} failed ({mutations} one-byte mutations refused)",
        cases.len(),
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    assert!(
        cases.len() >= MIN_CASES,
        "{scheme}: only {} cases (expected at least {MIN_CASES}); run generate/generate.mjs",
        cases.len()
    );
}

fn tc3_case(case: &Case) -> Result<usize, String> {
    let secret_id = case.ctx_str("secret_id")?;
    let secret_key = case.ctx_str("secret_key")?;
    let ts = case
        .context
        .get("timestamp")
        .and_then(|t| t.as_i64())
        .ok_or_else(|| format!("{}: context.json has no integer timestamp", case.id))?;
    let signer = Tc3Signer::new(Tc3Credentials::new(secret_id, secret_key));
    let steps = signer
        .steps(&case.request, ts)
        .map_err(|e| format!("{}: {e}", case.id))?;
    compare(case, &steps)?;
    let fast = signer
        .authorization(&case.request, ts)
        .map_err(|e| format!("{}: {e}", case.id))?;
    if Some(&fast) != steps.authorization.as_ref() {
        return Err(format!(
            "{}: the allocation-free path gave {fast:?}, the steps {:?}",
            case.id, steps.authorization
        ));
    }

    let mut signed = case.request.clone();
    signed.set_header("Authorization", fast);
    let record = match case.request.header("X-TC-Token") {
        Some(t) => KeyRecord::with_token(secret_key, t),
        None => KeyRecord::new(secret_key),
    };
    let keys = |k: &str| (k == secret_id).then(|| record.clone());
    let verifier = Tc3Verifier::default();
    let verify = |r: &HttpRequest| verifier.verify(r, &keys, ts);
    let mut mutations: Vec<(String, HttpRequest)> = Vec::new();
    mutations.extend(mutate_body(&signed));
    for h in ["Content-Type", "Host", "X-TC-Timestamp"] {
        mutations.extend(mutate_header(&signed, h));
    }
    mutations.extend(mutate_query_values(&signed, &[]));
    check_verification(case, verify(&signed), mutations, verify)
}

fn acs3_case(case: &Case) -> Result<usize, String> {
    let key_id = case.ctx_str("access_key_id")?;
    let secret = case.ctx_str("access_key_secret")?;
    let signed_headers: Vec<String> = case
        .context
        .get("signed_headers")
        .and_then(|v| v.as_array())
        .ok_or_else(|| format!("{}: context.json has no signed_headers", case.id))?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let signer = Acs3Signer::new(AliyunCredentials::new(key_id, secret));
    let steps = signer
        .steps(
            &case.request,
            &SignedHeaders::Exactly(signed_headers.clone()),
        )
        .map_err(|e| format!("{}: {e}", case.id))?;
    compare(case, &steps)?;

    let mut signed = case.request.clone();
    if let Some(a) = &steps.authorization {
        signed.set_header("Authorization", a.clone());
    }
    let now = case
        .request
        .header("x-acs-date")
        .and_then(parse_iso8601)
        .ok_or_else(|| format!("{}: request has no valid x-acs-date", case.id))?;
    let record = match case.request.header("x-acs-security-token") {
        Some(t) => KeyRecord::with_token(secret, t),
        None => KeyRecord::new(secret),
    };
    let keys = |k: &str| (k == key_id).then(|| record.clone());
    let verifier = Acs3Verifier::default();
    let verify = |r: &HttpRequest| verifier.verify(r, &keys, &InMemoryNonceStore::default(), now);
    let mut mutations: Vec<(String, HttpRequest)> = Vec::new();
    mutations.extend(mutate_body(&signed));
    for h in &signed_headers {
        mutations.extend(mutate_header(&signed, h));
    }
    mutations.extend(mutate_query_values(&signed, &[]));
    check_verification(case, verify(&signed), mutations, verify)
}

fn rpc_case(case: &Case) -> Result<usize, String> {
    let secret = case.ctx_str("access_key_secret")?;
    let params = request_params(&case.request).map_err(|e| format!("{}: {e}", case.id))?;
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let key_id = param("AccessKeyId").unwrap_or_default();
    let signer = RpcSigner::new(AliyunCredentials::new(key_id.clone(), secret));
    let steps = signer
        .steps(&case.request)
        .map_err(|e| format!("{}: {e}", case.id))?;
    compare(case, &steps)?;

    let mut signed = case.request.clone();
    let sep = if signed.url.contains('?') { '&' } else { '?' };
    signed.url = format!(
        "{}{sep}Signature={}",
        signed.url,
        percent_encode(&steps.signature)
    );
    let now = param("Timestamp")
        .as_deref()
        .and_then(parse_iso8601)
        .ok_or_else(|| format!("{}: request has no valid Timestamp", case.id))?;
    let record = match param("SecurityToken") {
        Some(t) => KeyRecord::with_token(secret, t),
        None => KeyRecord::new(secret),
    };
    let keys = |k: &str| (k == key_id).then(|| record.clone());
    let verifier = RpcVerifier::default();
    let verify = |r: &HttpRequest| verifier.verify(r, &keys, &InMemoryNonceStore::default(), now);
    let mut mutations: Vec<(String, HttpRequest)> = Vec::new();
    mutations.extend(mutate_body(&signed));
    mutations.extend(mutate_query_values(&signed, &["Signature"]));
    check_verification(case, verify(&signed), mutations, verify)
}

#[test]
fn tc3_hmac_sha256() {
    run_scheme(TC3, tc3_case);
}

#[test]
fn aliyun_acs3_hmac_sha256() {
    run_scheme(ACS3, acs3_case);
}

#[test]
fn aliyun_rpc_hmac_sha1() {
    run_scheme(RPC, rpc_case);
}

#[test]
fn the_published_examples_are_in_the_suite() {
    for case in [
        "tc3-hmac-sha256/tencent-doc-cvm-describeinstances",
        "aliyun-rpc-hmac-sha1/aliyun-doc-ecs-describeregions-get",
        "aliyun-acs3-hmac-sha256/aliyun-doc-ecs-runinstances",
    ] {
        assert!(
            root().join(case).join("request.txt").is_file(),
            "{case} is missing"
        );
    }
}

#[test]
fn a_wrong_expected_value_is_reported_with_the_step_and_both_strings() {
    // The comparison itself must be able to fail: feed it a case whose signature is off by one.
    let dir = root().join(TC3).join("tencent-doc-cvm-describeinstances");
    let case = Case {
        id: "probe".to_owned(),
        dir,
        request: HttpRequest::new("POST", "https://x/"),
        context: serde_json::Value::Null,
    };
    let want = case.expected("canonical-request.txt").unwrap_or_default();
    let steps = SigningSteps {
        canonical_request: want.clone(),
        string_to_sign: "TC3-HMAC-SHA256\nwrong".to_owned(),
        signature: String::new(),
        authorization: None,
    };
    let err = compare(&case, &steps).unwrap_err();
    assert!(
        err.contains("first divergence at string-to-sign.txt"),
        "{err}"
    );
    assert!(err.contains("TC3-HMAC-SHA256\nwrong"), "{err}");
    assert!(err.contains("2019-02-25/cvm/tc3_request"), "{err}");
}
