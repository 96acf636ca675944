//! Load generator for callplane-sim: TC3-signed `CreateAICall` requests (built and signed by the
//! core's request layer, exactly as a client would send them) from N concurrent keep-alive
//! HTTP/1.1 connections (one hyper client connection each, one request in flight per connection),
//! against a simulator started as a separate process with every limit off.
//!
//! ```sh
//! cargo build --release -p callplane-sim --examples
//! target/release/callplane-sim --addr 127.0.0.1:4090 --speed 0 --limits-off &
//! target/release/examples/load --url http://127.0.0.1:4090 --seconds 10 --concurrency 64
//! ```
//!
//! Prints requests/s and latency percentiles; exits non-zero if any answer was not a SessionId.
//! With `--pid PID` (the simulator's process id) it also prints the CPU time (user + system, from
//! `/proc/PID/stat`) the simulator and this generator spent per request: unlike requests/s, that
//! figure does not depend on what else runs on the machine.

use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[path = "common/signed.rs"]
mod signed;

struct Args {
    url: String,
    seconds: u64,
    concurrency: usize,
    /// The simulator's process id, for its CPU time per request.
    pid: Option<u32>,
}

fn args() -> Args {
    let mut a = Args {
        url: "http://127.0.0.1:4090".into(),
        seconds: 10,
        concurrency: 64,
        pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_default();
        match k.as_str() {
            "--url" => a.url = v,
            "--seconds" => a.seconds = v.parse().unwrap_or(10),
            "--concurrency" => a.concurrency = v.parse().unwrap_or(64),
            "--pid" => a.pid = v.parse().ok(),
            other => {
                eprintln!("unknown argument {other}; use --url, --seconds, --concurrency, --pid");
                std::process::exit(2);
            }
        }
    }
    a
}

#[tokio::main]
async fn main() {
    let a = args();
    // A pool of distinct signed requests (different callees), all signed now.
    let pool = Arc::new(signed::tencent_creates(&a.url, 0..4096));
    let authority = pool
        .first()
        .and_then(|r| r.uri().authority().map(|x| x.to_string()))
        .unwrap_or_else(|| "127.0.0.1:4090".into());
    let cpu_before = (a.pid.map(cpu_ms), cpu_ms_self());
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let bad = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..a.concurrency {
        let (pool, bad, authority) = (pool.clone(), bad.clone(), authority.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(1 << 16);
            let stream = tokio::net::TcpStream::connect(&authority)
                .await
                .expect("connect to the simulator");
            let _ = stream.set_nodelay(true);
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .expect("HTTP/1.1 handshake");
            tokio::spawn(conn);
            let mut i = w;
            while Instant::now() < deadline {
                let src = &pool[i % pool.len()];
                i += a_stride();
                // Origin-form target on the connection; the signed Host header names the server.
                let mut req = hyper::Request::new(src.body().clone());
                *req.method_mut() = src.method().clone();
                *req.uri_mut() = hyper::Uri::from_static("/");
                *req.headers_mut() = src.headers().clone();
                let t = Instant::now();
                if sender.ready().await.is_err() {
                    bad.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                match sender.send_request(req).await {
                    Ok(resp) => {
                        let status = resp.status();
                        let body = resp.into_body().collect().await.map(|b| b.to_bytes());
                        let ok = status == 200
                            && body
                                .as_ref()
                                .is_ok_and(|b| b.windows(11).any(|w| w == b"\"SessionId\""));
                        if !ok {
                            bad.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Err(_) => {
                        bad.fetch_add(1, Ordering::Relaxed);
                    }
                }
                lat.push(t.elapsed().as_micros() as u32);
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = (a.pid.map(cpu_ms), cpu_ms_self());
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 - 1.0) * p) as usize)
            .map(|us| *us as f64 / 1000.0)
            .unwrap_or(0.0)
    };
    let bad = bad.load(Ordering::Relaxed);
    println!(
        "CreateAICall (TC3-signed), concurrency {}: {} requests in {:.1} s = {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; non-SessionId answers: {}",
        a.concurrency,
        all.len(),
        elapsed,
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0),
        bad
    );
    let per_request = |before: Option<u64>, after: Option<u64>| {
        before
            .zip(after)
            .map(|(b, a)| a.saturating_sub(b) as f64 * 1000.0 / all.len().max(1) as f64)
    };
    if let Some(sim) = per_request(cpu_before.0.flatten(), cpu_after.0.flatten()) {
        let load = per_request(cpu_before.1, cpu_after.1).unwrap_or(0.0);
        println!(
            "CPU per request (user + system): simulator {sim:.1} µs, load generator {load:.1} µs; \
             both together fit {:.0} requests/s on 2 cores",
            2e6 / (sim + load).max(0.001)
        );
    }
    if bad > 0 || all.is_empty() {
        std::process::exit(1);
    }
}

/// User + system CPU time of a process in ms, from `/proc/PID/stat` (fields 14 and 15, in clock
/// ticks of 1/100 s: Linux fixes `USER_HZ` at 100 for this interface).
fn cpu_ms(pid: u32) -> Option<u64> {
    stat_cpu_ms(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

fn cpu_ms_self() -> Option<u64> {
    stat_cpu_ms(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

fn stat_cpu_ms(stat: &str) -> Option<u64> {
    // The command name (field 2) may contain spaces; fields after its closing ')' are plain.
    let rest = stat.rsplit_once(')')?.1;
    let mut f = rest.split_whitespace().skip(11);
    let utime: u64 = f.next()?.parse().ok()?;
    let stime: u64 = f.next()?.parse().ok()?;
    Some((utime + stime) * 10)
}

/// Workers step through the pool with a stride coprime to its size.
fn a_stride() -> usize {
    97
}
