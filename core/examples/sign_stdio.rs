//! Signs and verifies requests read as JSON lines on stdin, one JSON line out per request. It is the
//! Rust half of the differential test (`core/tests/signing/generate/differential.mjs`), which feeds
//! it random requests and compares every step with the official Node SDKs' signers.
//!
//! Input line:
//! `{"id":1,"scheme":"tc3-hmac-sha256"|"aliyun-acs3-hmac-sha256"|"aliyun-rpc-hmac-sha1",
//!   "method":"POST","url":"https://…","headers":[["Name","value"],…],"body":"…",
//!   "key_id":"…","secret":"…","token":null|"…","timestamp":1700000000,
//!   "sdk_authorization":"…" (TC3, ACS3) | "sdk_signature":"…" (RPC), "verify_now":1700000000}`
//!
//! Output line: `{"id":1,"canonical_request":…,"string_to_sign":…,"signature":…,"authorization":…,
//! "fast":… (TC3 fast-path Authorization, RPC streamed signature),"verify":"ok"|"<code>: <message>","error":null|"…"}`. `verify` is the
//! result of verifying the request carrying the SDK's signature.

use callplane_core::http::HttpRequest;
use callplane_core::sign::acs3::{Acs3Signer, Acs3Verifier, SignedHeaders};
use callplane_core::sign::aliyun_rpc::{RpcSigner, RpcVerifier, request_params};
use callplane_core::sign::encode::percent_encode;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Signer, Tc3Verifier};
use callplane_core::sign::{
    AliyunCredentials, InMemoryNonceStore, KeyRecord, SigningSteps, VerifiedRequest, VerifyError,
};
use serde::Deserialize;
use serde_json::json;
use std::io::{BufRead, BufWriter, Write};

#[derive(Deserialize)]
struct Input {
    id: u64,
    scheme: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    key_id: String,
    secret: String,
    token: Option<String>,
    timestamp: Option<i64>,
    sdk_authorization: Option<String>,
    sdk_signature: Option<String>,
    verify_now: i64,
}

fn record(input: &Input) -> KeyRecord {
    match &input.token {
        Some(t) => KeyRecord::with_token(input.secret.as_str(), t.as_str()),
        None => KeyRecord::new(input.secret.as_str()),
    }
}

fn verdict(r: Result<VerifiedRequest, VerifyError>) -> String {
    match r {
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("{}: {e}", e.vendor_code()),
    }
}

fn run(input: &Input) -> Result<serde_json::Value, String> {
    let req = HttpRequest {
        method: input.method.clone(),
        url: input.url.clone(),
        headers: input.headers.clone(),
        body: input.body.clone().into_bytes(),
    };
    let keys = |k: &str| (k == input.key_id).then(|| record(input));
    let (steps, fast, verify): (SigningSteps, Option<String>, String) = match input.scheme.as_str()
    {
        "tc3-hmac-sha256" => {
            let ts = input.timestamp.ok_or("timestamp is required")?;
            let mut creds = Tc3Credentials::new(input.key_id.as_str(), input.secret.as_str());
            if let Some(t) = &input.token {
                creds = creds.with_token(t.as_str());
            }
            let signer = Tc3Signer::new(creds);
            let steps = signer.steps(&req, ts).map_err(|e| e.to_string())?;
            let fast = signer.authorization(&req, ts).map_err(|e| e.to_string())?;
            let mut signed = req.clone();
            signed.set_header(
                "Authorization",
                input.sdk_authorization.clone().unwrap_or_default(),
            );
            let v = Tc3Verifier::default().verify(&signed, &keys, input.verify_now);
            (steps, Some(fast), verdict(v))
        }
        "aliyun-acs3-hmac-sha256" => {
            let signer = Acs3Signer::new(AliyunCredentials::new(
                input.key_id.as_str(),
                input.secret.as_str(),
            ));
            let steps = signer
                .steps(&req, &SignedHeaders::Sdk)
                .map_err(|e| e.to_string())?;
            let mut signed = req.clone();
            signed.set_header(
                "Authorization",
                input.sdk_authorization.clone().unwrap_or_default(),
            );
            let nonces = InMemoryNonceStore::default();
            let v = Acs3Verifier::default().verify(&signed, &keys, &nonces, input.verify_now);
            (steps, None, verdict(v))
        }
        "aliyun-rpc-hmac-sha1" => {
            let signer = RpcSigner::new(AliyunCredentials::new(
                input.key_id.as_str(),
                input.secret.as_str(),
            ));
            // The request may already carry the SDK's Signature (the signer must leave it out).
            let steps = signer.steps(&req).map_err(|e| e.to_string())?;
            // The streaming path builders use, on the same decoded parameters.
            let params = request_params(&req).map_err(|e| e.to_string())?;
            let fast = signer.signature(&req.method, &params);
            let mut signed = req.clone();
            let has_signature = signed.url.contains("Signature=")
                || String::from_utf8_lossy(&signed.body).contains("Signature=");
            if !has_signature {
                let sig = percent_encode(input.sdk_signature.as_deref().unwrap_or_default());
                let sep = if signed.url.contains('?') { '&' } else { '?' };
                signed.url = format!("{}{sep}Signature={sig}", signed.url);
            }
            let nonces = InMemoryNonceStore::default();
            let v = RpcVerifier::default().verify(&signed, &keys, &nonces, input.verify_now);
            (steps, Some(fast), verdict(v))
        }
        other => return Err(format!("unknown scheme {other:?}")),
    };
    Ok(json!({
        "id": input.id,
        "canonical_request": steps.canonical_request,
        "string_to_sign": steps.string_to_sign,
        "signature": steps.signature,
        "authorization": steps.authorization,
        "fast": fast,
        "verify": verify,
        "error": null,
    }))
}

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<Input>(&line) {
            Ok(input) => run(&input).unwrap_or_else(|e| json!({"id": input.id, "error": e})),
            Err(e) => json!({"id": null, "error": format!("bad input line: {e}")}),
        };
        writeln!(out, "{value}")?;
    }
    out.flush()
}
