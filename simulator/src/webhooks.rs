//! Webhook delivery: every delivery is recorded (`GET /_sim/webhooks`), failed attempts are retried
//! with exponential backoff, and each attempt's status, error and duration are kept.
//!
//! Bland documents that post-call webhooks are retried on failure (no schedule published) and that
//! v2 `status_webhook` events get one attempt with a 10 s timeout. The simulator retries both by
//! default so flaky receivers show up in tests; set `status_webhook_max_attempts: 1` for Bland's exact
//! single-attempt behaviour.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookPolicy {
    /// Attempts for post-call webhooks (1 = no retry).
    pub max_attempts: u32,
    /// Attempts for Bland v2 batch `status_webhook` events (Bland itself makes 1).
    pub status_webhook_max_attempts: u32,
    /// First retry delay in real ms; doubles each attempt.
    pub backoff_ms: u64,
    /// Per-attempt timeout in real ms (Bland documents 10 s).
    pub timeout_ms: u64,
}

impl Default for WebhookPolicy {
    fn default() -> Self {
        WebhookPolicy {
            max_attempts: 5,
            status_webhook_max_attempts: 5,
            backoff_ms: 500,
            timeout_ms: 10_000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebhookKind {
    /// Bland post-call webhook: the call object, signed with `X-Webhook-Signature`.
    PostCall,
    /// Bland v2 batch `status_webhook` event.
    BatchStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    /// Real Unix ms when the attempt started.
    pub at_ms: i64,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivery {
    pub id: u64,
    pub kind: WebhookKind,
    pub url: String,
    pub call_id: Option<String>,
    pub batch_id: Option<String>,
    /// Simulated ms when the event happened.
    pub event_ms: i64,
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
    pub attempts: Vec<Attempt>,
    /// `pending`, `delivered` or `failed` (every attempt used).
    pub state: DeliveryState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Pending,
    Delivered,
    Failed,
}

/// The record of every delivery, shared with the admin API and the state file.
#[derive(Debug, Default)]
pub struct Log {
    pub deliveries: Mutex<Vec<Delivery>>,
}

impl Log {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Delivery>> {
        self.deliveries.lock().unwrap_or_else(|p| p.into_inner())
    }
    pub fn snapshot(&self) -> Vec<Delivery> {
        self.lock().clone()
    }
    pub fn clear(&self) {
        self.lock().clear();
    }
    pub fn restore(&self, d: Vec<Delivery>) {
        *self.lock() = d;
    }
    fn push(&self, mut d: Delivery) -> u64 {
        let mut v = self.lock();
        d.id = v.len() as u64 + 1;
        let id = d.id;
        v.push(d);
        id
    }
    fn update(&self, id: u64, f: impl FnOnce(&mut Delivery)) {
        let mut v = self.lock();
        if let Some(d) = v.iter_mut().find(|d| d.id == id) {
            f(d);
        }
    }
}

/// Sends deliveries on the tokio runtime.
#[derive(Clone)]
pub struct Deliverer {
    client: Client<HttpConnector, Full<Bytes>>,
    log: Arc<Log>,
    policy: WebhookPolicy,
}

impl Deliverer {
    pub fn new(log: Arc<Log>, policy: WebhookPolicy) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_millis(policy.timeout_ms)));
        Deliverer {
            client: Client::builder(TokioExecutor::new()).build(connector),
            log,
            policy,
        }
    }

    /// Record the delivery and send it in the background. Returns its id.
    pub fn enqueue(&self, mut d: Delivery) -> u64 {
        d.state = DeliveryState::Pending;
        d.attempts.clear();
        let max = match d.kind {
            WebhookKind::PostCall => self.policy.max_attempts,
            WebhookKind::BatchStatus => self.policy.status_webhook_max_attempts,
        }
        .max(1);
        let body = Bytes::from(serde_json::to_vec(&d.body).unwrap_or_default());
        let (url, headers) = (d.url.clone(), d.headers.clone());
        let id = self.log.push(d);
        let this = self.clone();
        tokio::spawn(async move {
            let mut delay = this.policy.backoff_ms;
            for attempt in 1..=max {
                let started = Instant::now();
                let at_ms = crate::clock::real_now_ms();
                let result = this.send(&url, &headers, body.clone()).await;
                let duration_ms = started.elapsed().as_millis() as u64;
                let ok = matches!(result, Ok(s) if (200..300).contains(&s));
                this.log.update(id, |d| {
                    d.attempts.push(Attempt {
                        at_ms,
                        status: result.as_ref().ok().copied(),
                        error: result.as_ref().err().cloned(),
                        duration_ms,
                    });
                    if ok {
                        d.state = DeliveryState::Delivered;
                    } else if attempt == max {
                        d.state = DeliveryState::Failed;
                    }
                });
                if ok {
                    return;
                }
                if attempt < max {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                    delay = delay.saturating_mul(2);
                }
            }
        });
        id
    }

    async fn send(
        &self,
        url: &str,
        headers: &[(String, String)],
        body: Bytes,
    ) -> Result<u16, String> {
        let uri: hyper::Uri = url.parse().map_err(|e| format!("invalid URL: {e}"))?;
        if uri.scheme_str() != Some("http") {
            // The simulator runs offline: it can only reach local plain-HTTP receivers.
            return Err(format!(
                "the simulator delivers only to http:// receivers on this machine, not {url}"
            ));
        }
        let mut req = hyper::Request::post(uri);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let req = req
            .header("content-type", "application/json")
            .header("user-agent", "callplane-sim")
            .body(Full::new(body))
            .map_err(|e| e.to_string())?;
        let fut = self.client.request(req);
        match tokio::time::timeout(Duration::from_millis(self.policy.timeout_ms), fut).await {
            Err(_) => Err(format!("timed out after {} ms", self.policy.timeout_ms)),
            Ok(Err(e)) => Err(format!("connection failed: {e}")),
            Ok(Ok(resp)) => {
                let status = resp.status().as_u16();
                // Drain the body so the connection can be reused.
                let _ = resp.into_body().collect().await;
                Ok(status)
            }
        }
    }
}
