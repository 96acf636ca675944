//! Memory of 1,000,000 simulated completed calls: starts the simulator binary as its own process,
//! creates the calls through Bland v1 batches (1,000 batches of 1,000 rows, the bulk path), moves the
//! simulated clock past every call's end, checks that every call is terminal, and reads the
//! simulator process's resident memory (`VmRSS`, and the peak `VmHWM`) from /proc.
//!
//! ```sh
//! cargo build --release -p callplane-sim --bins --examples
//! target/release/examples/memory --sim target/release/callplane-sim --calls 1000000
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

#[tokio::main]
async fn main() {
    let mut sim = "target/release/callplane-sim".to_owned();
    let mut calls: usize = 1_000_000;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--sim" => sim = v,
            "--calls" => calls = v.parse().unwrap_or(calls),
            other => {
                eprintln!("unknown argument {other}; use --sim PATH --calls N");
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
    let per_batch = 1_000;
    let mut n = 0usize;
    while n < calls {
        let rows: Vec<Value> = (0..per_batch.min(calls - n))
            .map(|i| {
                let k = n + i;
                let area = AREA_CODES[k % AREA_CODES.len()];
                let exchange = 200 + (k / AREA_CODES.len()) % 700;
                let line = (k / (AREA_CODES.len() * 700)) % 10_000;
                json!({"phone_number": format!("+1{area}{exchange}{line:04}"), "name": format!("Customer {k}"), "plan": "Premium"})
            })
            .collect();
        let (status, body) = send(
            &client,
            "POST",
            &format!("{url}/v1/batches"),
            json!({"base_prompt": "Hi {{name}}, this is Jordan calling about your {{plan}} plan renewal.", "call_data": rows, "max_duration": 5}),
        )
        .await;
        assert_eq!(status, 200, "batch refused: {body}");
        n += per_batch;
        if n.is_multiple_of(100_000) {
            eprintln!("  {n} calls ({:.1} s)", t.elapsed().as_secs_f64());
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
        "{} calls created in {:.1} s; live after advancing a day: {}; simulator RSS {:.0} MiB (baseline {:.0} MiB, peak {:.0} MiB) = {:.0} bytes per call",
        all["total"],
        created.as_secs_f64(),
        live["total"],
        rss as f64 / 1024.0,
        baseline as f64 / 1024.0,
        hwm as f64 / 1024.0,
        (rss.saturating_sub(baseline) * 1024) as f64 / calls as f64
    );
    let _ = child.kill();
    let _ = child.wait();
}
