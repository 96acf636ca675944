//! Memory of 1,000,000 simulated completed calls of one vendor: starts the simulator binary as its
//! own process, creates the calls through that vendor's bulk path, moves the simulated clock past
//! every call's end, waits until every ended call is compacted, checks that every call is terminal,
//! and reads the simulator process's resident memory (`VmRSS`, and the peak `VmHWM`) from /proc.
//!
//! - `--vendor bland`: Bland v1 batches of 1,000 rows (`POST /v1/batches`);
//! - `--vendor tencent`: one TC3-signed `CreateAICall` per call (signed by the core, 32 in flight);
//! - `--vendor aliyun`: ACS3-signed `BatchRobotSmartCall` tasks of 1,000 callees, each with its own
//!   `TtsParam` row.
//!
//! The simulated clock advances an hour after every 10,000 calls, as calls end during a real
//! campaign (a Tencent call keeps its whole request only until it ends); `--frozen` keeps it still
//! until every call exists, the worst case for the peak.
//!
//! ```sh
//! cargo build --release -p callplane-sim --bins --examples
//! target/release/examples/memory --sim target/release/callplane-sim --calls 1000000 --vendor tencent
//! ```

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "common/signed.rs"]
mod signed;

const AREA_CODES: &[u32] = &[
    201, 202, 206, 212, 213, 214, 305, 310, 312, 404, 415, 512, 617, 646, 702, 718, 917, 972,
];

fn rss_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn send(
    client: &Client<HttpConnector, Full<Bytes>>,
    method: &str,
    url: &str,
    body: Value,
) -> (u16, Value) {
    let req = hyper::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json")
        .header(
            "authorization",
            callplane_sim::config::DEFAULT_BLAND_API_KEY,
        )
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("request");
    let resp = client.request(req).await.expect("simulator answers");
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Vendor {
    Bland,
    Tencent,
    Aliyun,
}

/// Send every request with `in_flight` at a time; every answer must be HTTP 200 and contain
/// `expect`.
async fn send_all(
    client: &Client<HttpConnector, Full<Bytes>>,
    requests: Vec<hyper::Request<Full<Bytes>>>,
    in_flight: usize,
    expect: &'static str,
) {
    let mut lanes: Vec<Vec<_>> = (0..in_flight).map(|_| Vec::new()).collect();
    for (i, r) in requests.into_iter().enumerate() {
        lanes[i % in_flight].push(r);
    }
    let tasks: Vec<_> = lanes
        .into_iter()
        .map(|lane| {
            let client = client.clone();
            tokio::spawn(async move {
                for r in lane {
                    let resp = client.request(r).await.expect("simulator answers");
                    let status = resp.status().as_u16();
                    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
                    let text = String::from_utf8_lossy(&bytes);
                    assert!(
                        status == 200 && text.contains(expect),
                        "refused ({status}): {text}"
                    );
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("sender");
    }
}

/// Create calls `n..n + count` of `vendor`.
async fn create(
    client: &Client<HttpConnector, Full<Bytes>>,
    url: &str,
    vendor: Vendor,
    n: usize,
    count: usize,
) {
    match vendor {
        Vendor::Bland => {
            let rows: Vec<Value> = (0..count)
                .map(|i| {
                    let k = n + i;
                    let area = AREA_CODES[k % AREA_CODES.len()];
                    let exchange = 200 + (k / AREA_CODES.len()) % 700;
                    let line = (k / (AREA_CODES.len() * 700)) % 10_000;
                    json!({"phone_number": format!("+1{area}{exchange}{line:04}"), "name": format!("Customer {k}"), "plan": "Premium"})
                })
                .collect();
            let (status, body) = send(
                client,
                "POST",
                &format!("{url}/v1/batches"),
                json!({"base_prompt": "Hi {{name}}, this is Jordan calling about your {{plan}} plan renewal.", "call_data": rows, "max_duration": 5}),
            )
            .await;
            assert_eq!(status, 200, "batch refused: {body}");
        }
        Vendor::Tencent => {
            let requests = signed::tencent_creates(url, n..n + count);
            send_all(client, requests, 32, "SessionId").await;
        }
        Vendor::Aliyun => {
            let request = signed::aliyun_task(url, n / count.max(1), count);
            send_all(client, vec![request], 1, "TaskId").await;
        }
    }
}

async fn health(client: &Client<HttpConnector, Full<Bytes>>, url: &str) -> Value {
    send(client, "GET", &format!("{url}/_sim/health"), Value::Null)
        .await
        .1
}

#[tokio::main]
async fn main() {
    let mut sim = "target/release/callplane-sim".to_owned();
    let mut calls: usize = 1_000_000;
    let mut vendor = Vendor::Bland;
    let mut frozen = false;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        if k == "--frozen" {
            frozen = true;
            continue;
        }
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--sim" => sim = v,
            "--calls" => calls = v.parse().unwrap_or(calls),
            "--vendor" => {
                vendor = match v.as_str() {
                    "bland" => Vendor::Bland,
                    "tencent" => Vendor::Tencent,
                    "aliyun" => Vendor::Aliyun,
                    other => {
                        eprintln!("unknown vendor {other}; use bland, tencent or aliyun");
                        std::process::exit(2);
                    }
                }
            }
            other => {
                eprintln!(
                    "unknown argument {other}; use --sim PATH --calls N --vendor bland|tencent|aliyun [--frozen]"
                );
                std::process::exit(2);
            }
        }
    }
    let mut child = Command::new(&sim)
        .args(["--addr", "127.0.0.1:0", "--speed", "0", "--limits-off"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {sim}: {e}"));
    let pid = child.id();
    let mut line = String::new();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    out.read_line(&mut line).expect("listening line");
    // Keep draining the simulator's stdout so its later lines never meet a closed pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while out.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build_http();
    let baseline = rss_kib(pid, "VmRSS");

    let t = Instant::now();
    // Bland rows per batch, Alibaba callees per task, Tencent requests signed at a time.
    let per_request = 1_000;
    let mut n = 0usize;
    while n < calls {
        let count = per_request.min(calls - n);
        create(&client, &url, vendor, n, count).await;
        n += count;
        if !frozen && n.is_multiple_of(10_000) {
            let (status, _) = send(
                &client,
                "POST",
                &format!("{url}/_sim/clock/advance"),
                json!({"seconds": 3_600}),
            )
            .await;
            assert_eq!(status, 200);
        }
        if n.is_multiple_of(100_000) {
            eprintln!(
                "  {n} calls ({:.1} s, RSS {} MiB)",
                t.elapsed().as_secs_f64(),
                rss_kib(pid, "VmRSS") / 1024
            );
        }
    }
    let created = t.elapsed();
    let (status, _) = send(
        &client,
        "POST",
        &format!("{url}/_sim/clock/advance"),
        json!({"seconds": 86_400}),
    )
    .await;
    assert_eq!(status, 200);
    // The background tick compacts a bounded share of the ended calls every 25 ms.
    while health(&client, &url).await["compaction_pending"].as_u64() != Some(0) {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let settled = t.elapsed();
    let (_, live) = send(
        &client,
        "GET",
        &format!("{url}/_sim/calls?terminal=false&limit=0"),
        Value::Null,
    )
    .await;
    let (_, all) = send(
        &client,
        "GET",
        &format!("{url}/_sim/calls?limit=1"),
        Value::Null,
    )
    .await;
    let rss = rss_kib(pid, "VmRSS");
    let hwm = rss_kib(pid, "VmHWM");
    println!(
        "{}: {} calls created in {:.1} s (all compacted at {:.1} s); live after advancing a day: {}; simulator RSS {:.0} MiB (baseline {:.0} MiB, peak {:.0} MiB) = {:.0} bytes per call",
        match vendor {
            Vendor::Bland => "bland (v1 batches of 1,000)",
            Vendor::Tencent => "tencent (one CreateAICall each)",
            Vendor::Aliyun => "aliyun (BatchRobotSmartCall tasks of 1,000)",
        },
        all["total"],
        created.as_secs_f64(),
        settled.as_secs_f64(),
        live["total"],
        rss as f64 / 1024.0,
        baseline as f64 / 1024.0,
        hwm as f64 / 1024.0,
        (rss.saturating_sub(baseline) * 1024) as f64 / calls as f64
    );
    let _ = child.kill();
    let _ = child.wait();
}
