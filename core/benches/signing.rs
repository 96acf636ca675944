//! Signatures per second per scheme, on each vendor's seed example and a larger payload: a Tencent
//! `CreateAICall` (the seed's 362-byte example and a 1.5 KB body with a SystemPrompt) and an
//! Alibaba `BatchRobotSmartCall` (the seed's own example values, and 100 callees with TtsParam,
//! ≈ 16 KB encoded). The Alibaba groups also time the SDK-exact entry points the npm package's
//! batch signers use (`sdk-authorization`, `sdk-signature`) and the floor of each: hashing the
//! already-encoded canonical text alone, which no signature of that request can avoid. The same
//! payloads drive the official Node SDKs in `core/tests/signing/generate/bench-sdk.mjs` and
//! `bindings-node/bench/bench.mjs`, for the ratio.
//!
//! Run: `cargo bench -p callplane-core --bench signing` (elements/s = signatures/s).
//!
//! On Linux the clock is the benchmark thread's own CPU time (`CLOCK_THREAD_CPUTIME_ID`), so figures mean "on one core" even when other processes share the machine; set
//! `CALLPLANE_BENCH_CLOCK=wall` for criterion's wall clock.

use callplane_core::http::HttpRequest;
use callplane_core::secret::Secret;
use callplane_core::sign::AliyunCredentials;
use callplane_core::sign::acs3::{Acs3Signer, SignedHeaders};
use callplane_core::sign::aliyun_rpc::RpcSigner;
use callplane_core::sign::bland::sign_webhook;
use callplane_core::sign::encode::encode_query;
use callplane_core::sign::tc3::{Tc3Credentials, Tc3Signer};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::hint::black_box;

/// CPU time of the current thread (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, nanoseconds).
#[cfg(target_os = "linux")]
struct ThreadCpuTime {
    wall: WallTime,
}

#[cfg(target_os = "linux")]
impl ThreadCpuTime {
    fn open() -> Option<Self> {
        let t = ThreadCpuTime { wall: WallTime };
        t.read().map(|_| t)
    }

    fn read(&self) -> Option<u64> {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant Linux supports.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
    }
}

#[cfg(target_os = "linux")]
impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        self.read().unwrap_or(0)
    }
    fn end(&self, start: u64) -> u64 {
        self.read().unwrap_or(start).saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like the wall clock.
        self.wall.formatter()
    }
}

const CREATE_AI_CALL: &str = include_str!("data/createaicall.json");
/// The CreateAICall seed's own example request (≈ 360 bytes): the typical call without a long prompt.
const CREATE_AI_CALL_SEED: &str = include_str!("data/createaicall-seed.json");
const BATCH: &str = include_str!("data/batchrobotsmartcall.json");
/// The BatchRobotSmartCall seed's own example values (≈ 0.7 KB of parameters encoded).
const BATCH_SEED: &str = include_str!("data/batchrobotsmartcall-seed.json");
const TS: i64 = 1_773_130_530;
/// Requests per call in the batch rows (as the Node bench's Alibaba calls).
const BATCH_ROWS: usize = 64;

fn batch_params(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).unwrap_or_default();
    v.into_iter()
        .map(|(k, v)| (k, v.as_str().map(str::to_owned).unwrap_or_default()))
        .collect()
}

fn tc3_request() -> HttpRequest {
    HttpRequest::new("POST", "https://ccc.tencentcloudapi.com/")
        .with_header("Host", "ccc.tencentcloudapi.com")
        .with_header("Content-Type", "application/json")
        .with_header("X-TC-Action", "CreateAICall")
        .with_header("X-TC-Version", "2020-02-10")
        .with_body(CREATE_AI_CALL.as_bytes())
}

fn bench_tc3<M: Measurement>(c: &mut Criterion<M>) {
    let mut g = c.benchmark_group("tc3-hmac-sha256");
    g.throughput(Throughput::Elements(1));
    let creds = Tc3Credentials::new("AKIDcallplaneEXAMPLE", "callplaneSecretKeyEXAMPLE");
    let signer = Tc3Signer::new(creds.clone());
    let req = tc3_request();
    g.bench_function("createaicall/authorization", |b| {
        b.iter(|| black_box(signer.authorization(black_box(&req), TS)))
    });
    // The floor: SHA-256 of the body alone (every TC3 signature must hash it once).
    g.bench_function("createaicall/sha256-of-body-only", |b| {
        b.iter(|| black_box(Sha256::digest(black_box(CREATE_AI_CALL.as_bytes()))))
    });
    let mut in_place = tc3_request();
    g.bench_function("createaicall/sign-in-place", |b| {
        b.iter(|| black_box(signer.sign(black_box(&mut in_place), TS)))
    });
    let seed_req = tc3_request().with_body(CREATE_AI_CALL_SEED.as_bytes());
    g.bench_function("createaicall-seed-example/authorization", |b| {
        b.iter(|| black_box(signer.authorization(black_box(&seed_req), TS)))
    });
    // What `authorizations` does per body: one `Tc3Bodies` for 64 bodies. Per element.
    g.throughput(Throughput::Elements(BATCH_ROWS as u64));
    for (label, body) in [
        ("createaicall", CREATE_AI_CALL),
        ("createaicall-seed-example", CREATE_AI_CALL_SEED),
    ] {
        g.bench_function(format!("{label}/bodies-64-per-element"), |b| {
            b.iter(|| {
                let mut out = String::new();
                if let Ok(bodies) = signer.bodies(&req, TS) {
                    for _ in 0..BATCH_ROWS {
                        bodies.authorization_into(black_box(body.as_bytes()), &mut out);
                    }
                }
                black_box(out)
            })
        });
    }
    g.throughput(Throughput::Elements(1));
    // Without the per-day key cache: all five HMACs every time.
    g.bench_function("createaicall/authorization-cold-key", |b| {
        b.iter(|| black_box(Tc3Signer::new(creds.clone()).authorization(black_box(&req), TS)))
    });
    g.finish();
}

fn bench_aliyun<M: Measurement>(c: &mut Criterion<M>) {
    for (label, json) in [
        ("batchrobotsmartcall-100", BATCH),
        ("batchrobotsmartcall-seed-example", BATCH_SEED),
    ] {
        bench_aliyun_payload(c, label, &batch_params(json));
    }
}

fn bench_aliyun_payload<M: Measurement>(
    c: &mut Criterion<M>,
    label: &str,
    params: &[(String, String)],
) {
    let creds = AliyunCredentials::new("LTAI5tCallplaneEXAMPLE", "CallplaneAccessKeySecretEXAMPLE");
    let nonce = "3156853299f313e23d1673dc12e1703d";

    let mut g = c.benchmark_group("aliyun-acs3-hmac-sha256");
    g.throughput(Throughput::Elements(1));
    let acs3 = Acs3Signer::new(creds.clone());
    let mut req = HttpRequest::new(
        "POST",
        format!("https://dyvmsapi.aliyuncs.com/?{}", encode_query(params)),
    )
    .with_header("host", "dyvmsapi.aliyuncs.com")
    .with_header("x-acs-action", "BatchRobotSmartCall")
    .with_header("x-acs-version", "2017-05-25")
    .with_header("accept", "application/json");
    g.bench_function(format!("{label}/sign-in-place"), |b| {
        b.iter(|| black_box(acs3.sign(black_box(&mut req), TS, nonce)))
    });
    // What `getAuthorization` computes, from decoded parameters and the headers as set.
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| n != "Authorization")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let payload = req.header("x-acs-content-sha256").unwrap_or_default();
    let query: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    g.bench_function(format!("{label}/sdk-authorization"), |b| {
        b.iter(|| black_box(acs3.sdk_authorization("POST", "/", &query, &headers, payload)))
    });
    // What `acs3Authorizations` does per request: a batch of 64 requests whose own values are
    // the callees, TtsParam and TaskName, the date and the nonce; the rest shared. Per element.
    let own_query: Vec<&str> = ["CalledNumber", "TtsParam", "TaskName"]
        .into_iter()
        .filter(|n| query.iter().any(|(k, _)| k == n))
        .collect();
    let shared_query: Vec<(&str, &str)> = query
        .iter()
        .copied()
        .filter(|(k, _)| !own_query.contains(k))
        .collect();
    let own_headers = ["x-acs-date", "x-acs-signature-nonce"];
    let shared_headers: Vec<(&str, &str)> = headers
        .iter()
        .copied()
        .filter(|(k, _)| !own_headers.contains(k))
        .collect();
    let nonces: Vec<String> = (0..BATCH_ROWS).map(|i| format!("nonce-{i}")).collect();
    let rows: Vec<Vec<&str>> = nonces
        .iter()
        .map(|nonce| {
            own_query
                .iter()
                .map(|n| query.iter().find(|(k, _)| k == n).map_or("", |(_, v)| *v))
                .chain(["2026-03-10T08:15:30Z", nonce.as_str(), payload])
                .collect()
        })
        .collect();
    g.throughput(Throughput::Elements(BATCH_ROWS as u64));
    g.bench_function(format!("{label}/sdk-batch-64-per-element"), |b| {
        b.iter(|| {
            let mut batch = acs3.sdk_batch(
                "POST",
                "/",
                &shared_query,
                &shared_headers,
                &own_query,
                &own_headers,
            );
            let mut out = String::new();
            for row in &rows {
                let _ = batch.authorization_into(row, &mut out);
            }
            black_box(out)
        })
    });
    g.throughput(Throughput::Elements(1));
    // The floor: SHA-256 of the canonical request's bytes alone (which every V3 signature of
    // this request must hash once; encoding them is extra).
    let canonical = acs3
        .steps(&req, &SignedHeaders::Sdk)
        .map(|s| s.canonical_request)
        .unwrap_or_default();
    g.bench_function(format!("{label}/floor-sha256-of-canonical-request"), |b| {
        b.iter(|| black_box(Sha256::digest(black_box(canonical.as_bytes()))))
    });
    g.finish();

    let mut g = c.benchmark_group("aliyun-rpc-hmac-sha1");
    g.throughput(Throughput::Elements(1));
    let rpc = RpcSigner::new(creds);
    let mut signed_params = params.to_vec();
    for (k, v) in [
        ("AccessKeyId", "LTAI5tCallplaneEXAMPLE"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("Timestamp", "2026-03-10T08:15:30Z"),
    ] {
        signed_params.push((k.to_owned(), v.to_owned()));
    }
    g.bench_function(format!("{label}/signature"), |b| {
        b.iter(|| black_box(rpc.signature("POST", black_box(&signed_params))))
    });
    let pairs: Vec<(&str, &str)> = signed_params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    g.bench_function(format!("{label}/sdk-signature"), |b| {
        b.iter(|| black_box(rpc.sdk_signature("POST", black_box(&pairs))))
    });
    // What `rpcSignatures` does per request: a batch of 64 whose own values are the callees,
    // TtsParam and TaskName, the nonce and the time; the rest shared. Per element.
    let own: Vec<&str> = [
        "CalledNumber",
        "TtsParam",
        "TaskName",
        "SignatureNonce",
        "Timestamp",
    ]
    .into_iter()
    .filter(|n| pairs.iter().any(|(k, _)| k == n))
    .collect();
    let shared: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .filter(|(k, _)| !own.contains(k))
        .collect();
    let nonces: Vec<String> = (0..BATCH_ROWS).map(|i| format!("nonce-{i}")).collect();
    let rows: Vec<Vec<&str>> = nonces
        .iter()
        .map(|nonce| {
            own.iter()
                .map(|n| match *n {
                    "SignatureNonce" => nonce.as_str(),
                    _ => pairs.iter().find(|(k, _)| k == n).map_or("", |(_, v)| *v),
                })
                .collect()
        })
        .collect();
    g.throughput(Throughput::Elements(BATCH_ROWS as u64));
    g.bench_function(format!("{label}/sdk-batch-64-per-element"), |b| {
        b.iter(|| {
            let mut batch = rpc.sdk_batch("POST", &shared, &own);
            let mut out = String::new();
            for row in &rows {
                let _ = batch.signature_into(row, &mut out);
            }
            black_box(out)
        })
    });
    g.throughput(Throughput::Elements(1));
    // The floor: HMAC-SHA1 of the string to sign's bytes alone (already encoded).
    let sts = rpc
        .steps(&HttpRequest::new(
            "POST",
            format!(
                "https://dyvmsapi.aliyuncs.com/?{}",
                encode_query(&signed_params)
            ),
        ))
        .map(|s| s.string_to_sign)
        .unwrap_or_default();
    let mac = Hmac::<Sha1>::new_from_slice(b"CallplaneAccessKeySecretEXAMPLE&").ok();
    g.bench_function(format!("{label}/floor-hmac-sha1-of-string-to-sign"), |b| {
        b.iter(|| {
            let mut m = mac.clone()?;
            m.update(black_box(sts.as_bytes()));
            Some(m.finalize().into_bytes())
        })
    });
    let mut req = HttpRequest::new(
        "POST",
        format!("https://dyvmsapi.aliyuncs.com/?{}", encode_query(params)),
    );
    g.bench_function(format!("{label}/sign-in-place"), |b| {
        b.iter(|| {
            black_box(rpc.sign(
                black_box(&mut req),
                TS,
                "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            ))
        })
    });
    g.finish();
}

fn bench_bland<M: Measurement>(c: &mut Criterion<M>) {
    let mut g = c.benchmark_group("bland-webhook");
    g.throughput(Throughput::Elements(1));
    let secret = Secret::new("whsec_callplane_EXAMPLE");
    g.bench_function("1.5KB-body/sign", |b| {
        b.iter(|| black_box(sign_webhook(&secret, black_box(CREATE_AI_CALL.as_bytes()))))
    });
    g.finish();
}

fn run<M: Measurement>(mut c: Criterion<M>) {
    bench_tc3(&mut c);
    bench_aliyun(&mut c);
    bench_bland(&mut c);
    c.final_summary();
}

fn main() {
    let wall = std::env::var("CALLPLANE_BENCH_CLOCK").is_ok_and(|v| v == "wall");
    #[cfg(target_os = "linux")]
    if let Some(cpu) = ThreadCpuTime::open().filter(|_| !wall) {
        return run(Criterion::default()
            .with_measurement(cpu)
            .configure_from_args());
    }
    let _ = wall;
    run(Criterion::default().configure_from_args());
}
