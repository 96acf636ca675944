//! Helpers for the Bland tests: requests built by the core's request layer, sent over real HTTP,
//! and a tiny local webhook receiver.
#![allow(dead_code)]

use crate::common::{Resp, send};
use bytes::Bytes;
use callplane_core::api::RequestContext;
use callplane_core::api::bland::{BlandClient, BlandRequest};
use callplane_core::http::HttpResponse;
use callplane_sim::Simulator;
use callplane_sim::config::DEFAULT_BLAND_API_KEY;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const KEY: &str = DEFAULT_BLAND_API_KEY;

pub fn client(sim: &Simulator) -> BlandClient {
    BlandClient::new(KEY).with_endpoint(sim.url())
}

/// Build with the core (validation, `authorization`), send, return the raw answer.
pub async fn call(sim: &Simulator, req: BlandRequest) -> Resp {
    let ctx = RequestContext::new(sim.now_ms(), "nonce");
    let built = client(sim)
        .build(&req, &ctx)
        .unwrap_or_else(|e| panic!("the core refused to build {req:?}: {e}"));
    let r = built.request;
    let headers: Vec<(&str, &str)> = r
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    send(&r.method, &r.url, &headers, r.body.clone()).await
}

/// Raw request with the test key.
pub async fn raw(sim: &Simulator, method: &str, path: &str, body: impl Into<Bytes>) -> Resp {
    let url = format!("{}{path}", sim.url());
    send(
        method,
        &url,
        &[("authorization", KEY), ("content-type", "application/json")],
        body,
    )
    .await
}

pub fn to_core(r: &Resp) -> HttpResponse {
    HttpResponse {
        status: r.status,
        headers: r.headers.clone(),
        body: r.body.to_vec(),
    }
}

/// The core's reading of an error answer.
pub fn vendor_error(r: &Resp) -> callplane_core::vendor_error::VendorError {
    callplane_core::vendor_error::bland::parse_error(r.status, &r.headers, &r.body).unwrap_or_else(
        || {
            panic!(
                "not an error: {} {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            )
        },
    )
}

/// One request the receiver saw.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }
}

/// A local HTTP receiver: answers 500 to the first `fail_first` requests, then 200.
pub struct Receiver {
    pub port: u16,
    pub seen: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Receiver {
    pub async fn start(fail_first: usize) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Arc<Mutex<Vec<Received>>> = Arc::default();
        let count = Arc::new(AtomicUsize::new(0));
        let seen2 = seen.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (seen, count) = (seen2.clone(), count.clone());
                tokio::spawn(async move {
                    let svc = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (seen, count) = (seen.clone(), count.clone());
                        async move {
                            let path = req.uri().path().to_owned();
                            let headers = req
                                .headers()
                                .iter()
                                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
                                .collect();
                            let body = req.into_body().collect().await.unwrap().to_bytes().to_vec();
                            seen.lock().unwrap().push(Received {
                                path,
                                headers,
                                body,
                            });
                            let n = count.fetch_add(1, Ordering::SeqCst);
                            let status = if n < fail_first { 500 } else { 200 };
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(status)
                                    .body(Full::new(Bytes::from_static(b"ok")))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        Receiver { port, seen, task }
    }

    /// `https://127.0.0.1:PORT{path}` (the simulator reaches loopback https URLs over plain HTTP).
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.seen.lock().unwrap().clone()
    }

    /// Wait (bounded) until `pred` holds for what was received.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        for _ in 0..200 {
            let r = self.received();
            if pred(&r) {
                return r;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("receiver never saw {what}: {:?}", self.received());
    }
}
