//! One operation, end to end: validate and sign (core), pace (core pacer, real clock here), send
//! (transport), parse (core), and retry the retryable class with full-jitter backoff (core
//! decision, real sleep here). Every attempt is built and signed anew, with a fresh timestamp and
//! a fresh nonce: Tencent and Alibaba refuse stale timestamps and reused nonces.

use crate::errors::{self, Extra};
use crate::transport::Transport;
use callplane_core::api::registry::{self, Client, Operation};
use callplane_core::api::{Built, Parsed, RequestContext};
use callplane_core::issue::Report;
use callplane_core::pacing::{Pacer, RateLimit, Reservation, VendorLimits};
use callplane_core::retry::{self, RetryDecision, RetryPolicy};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A successful operation.
pub(crate) struct Success {
    pub parsed: Parsed<Value>,
    /// Validation warnings of the request that succeeded.
    pub warnings: Report,
    pub attempts: u32,
}

/// A final failure: the core error and the attempts made (`None` when nothing was sent).
pub(crate) struct Failure {
    /// Boxed: the core error is large and this travels through every `Result`.
    pub error: Box<callplane_core::Error>,
    pub attempts: Option<u32>,
}

/// Everything one vendor client needs; shared by all its in-flight operations.
pub(crate) struct Engine {
    client: Client,
    transport: Transport,
    retry: RetryPolicy,
    rate_limit: Option<RateLimit>,
    /// One pacer per rate-limit key (Tencent: per SdkAppId).
    pacers: Mutex<HashMap<String, Pacer>>,
    /// Woken whenever a paced request's answer comes, for tasks waiting on a full window.
    answered: tokio::sync::Notify,
    /// Pacing runs on this monotonic clock (ms since the engine started); signing uses wall time.
    origin: Instant,
}

impl Engine {
    pub(crate) fn new(
        client: Client,
        transport: Transport,
        retry: RetryPolicy,
        rate_limit: Option<RateLimit>,
    ) -> Engine {
        Engine {
            client,
            transport,
            retry,
            rate_limit,
            pacers: Mutex::new(HashMap::new()),
            answered: tokio::sync::Notify::new(),
            origin: Instant::now(),
        }
    }

    /// The engine of a client built from its options (`options::{bland, aliyun, tencent}`).
    pub(crate) fn from_parts(parts: crate::options::Parts) -> Engine {
        Engine::new(parts.client, parts.transport, parts.retry, parts.rate_limit)
    }

    /// Run `op` with `input` (wire-name JSON) to completion or final failure.
    pub(crate) async fn run(&self, op: Operation, input: Value) -> napi::Result<Success> {
        self.run_core(op, input).await.map_err(|f| {
            // Validation paths in JS names (`callData[3].phoneNumber`), as the caller wrote them.
            errors::core(
                &callplane_core::js::error_to_js_names(op, *f.error),
                Extra {
                    operation: Some(op),
                    attempts: f.attempts,
                },
            )
        })
    }

    /// [`Engine::run`] with the core error kept (the campaign dispatcher reads its retry class).
    pub(crate) async fn run_core(&self, op: Operation, input: Value) -> Result<Success, Failure> {
        let key = VendorLimits::key(op.vendor(), &input).unwrap_or_default();
        let mut attempt: u32 = 0;
        loop {
            // Validate and sign first, so invalid input fails at once instead of after a wait.
            let mut built = self.build(op, &input, attempt)?;
            let (waited, ticket) = self.pace(&key).await;
            if waited {
                // The wait may have aged the signature: sign again at the time of sending.
                built = match self.build(op, &input, attempt) {
                    Ok(b) => b,
                    Err(f) => {
                        self.answered_at(&key, ticket);
                        return Err(f);
                    }
                };
            }
            let sent = self
                .transport
                .send(&built.request, op.creates_calls())
                .await;
            // Answered (or failed): the pacer may now let the request a window later go.
            self.answered_at(&key, ticket);
            let outcome = match sent {
                Ok(resp) => registry::parse(op, &resp),
                Err(e) => Err(e),
            };
            let error = match outcome {
                Ok(parsed) => {
                    return Ok(Success {
                        parsed,
                        warnings: built.warnings,
                        attempts: attempt + 1,
                    });
                }
                Err(e) => e,
            };
            match retry::decide(&error, attempt, &self.retry, random_u64()) {
                RetryDecision::Retry { delay_ms } => {
                    tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                    attempt += 1;
                }
                RetryDecision::Stop(_) => {
                    return Err(Failure {
                        error: Box::new(error),
                        attempts: Some(attempt + 1),
                    });
                }
            }
        }
    }

    /// The vendor this engine's client speaks.
    pub(crate) fn vendor(&self) -> callplane_core::Vendor {
        self.client.vendor()
    }

    fn build(&self, op: Operation, input: &Value, attempt: u32) -> Result<Built, Failure> {
        let ctx = RequestContext::new(unix_ms(), uuid_v4());
        registry::build(op, &self.client, input.clone(), &ctx).map_err(|error| Failure {
            error: Box::new(error),
            // Nothing was sent for a request that could not be built.
            attempts: (attempt > 0).then_some(attempt),
        })
    }

    /// Wait for this request's slot under the rate limit, spaced by answer time (core
    /// [`Pacer::reserve`]: request `k + N` goes `per_ms` after the answer to request `k`, so the
    /// vendor never counts `N + 1` arrivals in a window whatever the latency). Answers whether it
    /// waited and the ticket to hand back to [`Engine::answered_at`].
    async fn pace(&self, key: &str) -> (bool, Option<u64>) {
        let Some(limit) = self.rate_limit else {
            return (false, None);
        };
        let mut waited = false;
        loop {
            // Register for the wake-up before looking, so an answer in between is not missed.
            let notified = self.answered.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let now = self.now_ms();
            let reservation = {
                let mut pacers = self.pacers.lock().unwrap_or_else(|p| p.into_inner());
                pacers
                    .entry(key.to_owned())
                    .or_insert_with(|| Pacer::new(limit))
                    .reserve(now)
            };
            match reservation {
                Reservation::Ready { id, at } => {
                    if at > now {
                        let wait = Duration::from_millis(u64::try_from(at - now).unwrap_or(0));
                        tokio::time::sleep(wait).await;
                        waited = true;
                    }
                    return (waited, Some(id));
                }
                Reservation::Blocked => {
                    notified.await;
                    waited = true;
                }
            }
        }
    }

    /// Report a paced request's answer (or failure) to its pacer and wake the waiting tasks.
    fn answered_at(&self, key: &str, ticket: Option<u64>) {
        let Some(id) = ticket else {
            return;
        };
        let now = self.now_ms();
        {
            let mut pacers = self.pacers.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(p) = pacers.get_mut(key) {
                p.complete(id, now);
            }
        }
        self.answered.notify_waiters();
    }

    fn now_ms(&self) -> i64 {
        i64::try_from(self.origin.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

/// Wall-clock Unix ms, for signatures and validation ("is this time in the future?").
pub(crate) fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    if getrandom::fill(&mut b).is_err() {
        // The OS random source failed (practically never): fall back to the clock and a counter,
        // still unique per process, which is what a nonce needs.
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let seed = (unix_ms() as u64) ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32);
        for (i, x) in b.iter_mut().enumerate() {
            *x = (seed.rotate_left((i as u32 * 8) % 64) & 0xff) as u8;
        }
    }
    b
}

/// A uniformly random `u64` for backoff jitter.
fn random_u64() -> u64 {
    u64::from_le_bytes(random_bytes::<8>())
}

/// A random (version 4) UUID: the nonce of one attempt.
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
