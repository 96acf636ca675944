//! `callplane-sim`: a local server that behaves like Bland.ai, Alibaba Cloud dyvms and Tencent Cloud
//! ccc — real signature checks, call lifecycles on a simulated clock, webhooks, vendor-shaped errors,
//! fault injection — so callplane and the vendors' own SDKs can be tested offline.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = callplane_sim::Simulator::builder().seed(7).start().await?;
//! println!("{}", sim.url());
//! # Ok(()) }
//! ```

// The OpenAPI documents are large `json!` literals.
#![recursion_limit = "512"]

pub mod admin;
pub mod clock;
pub mod compact;
pub mod config;
pub mod faults;
pub mod http;
pub mod lifecycle;
pub mod openapi;
pub mod outcome;
pub mod server;
pub mod state;
pub mod vendors;
pub mod webhooks;

use crate::clock::SimClock;
use crate::config::{Credentials, Limits};
use crate::faults::{Dice, FaultConfig};
use crate::state::{CallFilter, CallView, Store};
use crate::webhooks::{Deliverer, WebhookPolicy};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Everything that configures a simulator.
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub seed: u64,
    /// Simulated seconds per real second.
    pub speed: f64,
    pub credentials: Credentials,
    pub limits: Limits,
    pub webhooks: WebhookPolicy,
    /// Persist and restore all state here.
    pub state_file: Option<PathBuf>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            speed: 1.0,
            credentials: Credentials::default(),
            limits: Limits::default(),
            webhooks: WebhookPolicy::default(),
            state_file: None,
        }
    }
}

/// Shared state behind every request.
pub struct Inner {
    pub config: SimConfig,
    pub clock: SimClock,
    store: Mutex<Store>,
    faults: RwLock<FaultConfig>,
    pub dice: Dice,
    pub webhooks: Arc<webhooks::Log>,
    pub deliverer: Deliverer,
    pub vendors: vendors::VendorState,
}

impl Inner {
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
    pub fn faults(&self) -> RwLockReadGuard<'_, FaultConfig> {
        self.faults.read().unwrap_or_else(|p| p.into_inner())
    }
    pub fn faults_mut(&self) -> RwLockWriteGuard<'_, FaultConfig> {
        self.faults.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Forget every call, batch, inbound number, webhook and fault rule.
    pub fn reset(&self) {
        *self.store() = Store::default();
        self.webhooks.clear();
        *self.faults_mut() = FaultConfig::default();
        self.vendors.reset();
    }

    /// Fire what became due on the simulated clock (post-call and batch-status webhooks).
    pub fn tick(self: &Arc<Self>) {
        vendors::tick(self);
    }

    fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let snapshot = {
            let store = self.store();
            serde_json::to_vec(&SavedState {
                version: 1,
                sim_now_ms: self.clock.now_ms(),
                store: &store,
                webhooks: self.webhooks.snapshot(),
                faults: self.faults().clone(),
            })
            .map_err(std::io::Error::other)?
        };
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, snapshot)?;
        std::fs::rename(&tmp, path)
    }

    fn load(&self, path: &std::path::Path) -> std::io::Result<()> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        let saved: LoadedState = serde_json::from_slice(&bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: not a callplane-sim state file: {e}", path.display()),
            )
        })?;
        if saved.version != 1 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{}: unsupported state version {}",
                    path.display(),
                    saved.version
                ),
            ));
        }
        let mut store = saved.store;
        store.rebuild_indexes();
        *self.store() = store;
        self.webhooks.restore(saved.webhooks);
        *self.faults_mut() = saved.faults;
        // Never move the clock backwards relative to the saved world.
        if saved.sim_now_ms > self.clock.now_ms() {
            self.clock.restore(saved.sim_now_ms);
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct SavedState<'a> {
    version: u32,
    sim_now_ms: i64,
    store: &'a Store,
    webhooks: Vec<webhooks::Delivery>,
    faults: FaultConfig,
}

#[derive(Deserialize)]
struct LoadedState {
    version: u32,
    sim_now_ms: i64,
    store: Store,
    webhooks: Vec<webhooks::Delivery>,
    faults: FaultConfig,
}

/// A simulator world without a listening socket: for fuzzing and in-process tests that call
/// [`respond`] directly. Webhook deliveries need a tokio runtime when they fire.
pub fn offline(config: SimConfig) -> Arc<Inner> {
    let log = Arc::new(webhooks::Log::default());
    Arc::new(Inner {
        clock: SimClock::new(clock::real_now_ms(), config.speed),
        store: Mutex::new(Store::default()),
        faults: RwLock::new(FaultConfig::default()),
        dice: Dice::new(config.seed),
        deliverer: Deliverer::new(log.clone(), config.webhooks),
        webhooks: log,
        vendors: vendors::VendorState::default(),
        config,
    })
}

/// Answer one request exactly as the server would (admin API or vendor), without sockets.
pub async fn respond(inner: &Arc<Inner>, req: http::Incoming) -> http::Reply {
    server::route(inner, req).await
}

/// Builds and starts a simulator.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    config: SimConfig,
    addr: Option<SocketAddr>,
}

impl Builder {
    pub fn seed(mut self, seed: u64) -> Self {
        self.config.seed = seed;
        self
    }
    pub fn speed(mut self, speed: f64) -> Self {
        self.config.speed = speed;
        self
    }
    pub fn credentials(mut self, c: Credentials) -> Self {
        self.config.credentials = c;
        self
    }
    pub fn limits(mut self, l: Limits) -> Self {
        self.config.limits = l;
        self
    }
    pub fn webhook_policy(mut self, p: WebhookPolicy) -> Self {
        self.config.webhooks = p;
        self
    }
    pub fn state_file(mut self, p: impl Into<PathBuf>) -> Self {
        self.config.state_file = Some(p.into());
        self
    }
    /// Listen here instead of a free loopback port.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = Some(addr);
        self
    }
    pub fn config(mut self, config: SimConfig) -> Self {
        self.config = config;
        self
    }

    /// Bind (a free loopback port unless `addr` was given) and serve in the background.
    pub async fn start(self) -> std::io::Result<Simulator> {
        let problems = self.config.credentials.problems();
        if !problems.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                problems.join("; "),
            ));
        }
        let addr = self
            .addr
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let inner = offline(self.config);
        if let Some(path) = &inner.config.state_file {
            inner.load(path)?;
        }
        let (tx, rx) = watch::channel(false);
        let server = tokio::spawn(server::serve(listener, inner.clone(), rx.clone()));
        let ticker = tokio::spawn(run_ticker(inner.clone(), rx));
        Ok(Simulator {
            url: format!("http://{addr}"),
            addr,
            inner,
            shutdown: tx,
            tasks: vec![server, ticker],
        })
    }
}

async fn run_ticker(inner: Arc<Inner>, mut shutdown: watch::Receiver<bool>) {
    let mut since_save = Duration::ZERO;
    let period = Duration::from_millis(25);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = shutdown.changed() => break,
        }
        inner.tick();
        since_save += period;
        if since_save >= Duration::from_secs(1) {
            since_save = Duration::ZERO;
            if let Some(path) = &inner.config.state_file {
                // A failed periodic save is retried next second; the final save reports errors.
                let _ = inner.save(path);
            }
        }
    }
}

/// A running simulator. Dropping it shuts the server down (and saves state when configured).
pub struct Simulator {
    url: String,
    addr: SocketAddr,
    inner: Arc<Inner>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Simulator {
    pub fn builder() -> Builder {
        Builder::default()
    }
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    pub fn credentials(&self) -> &Credentials {
        &self.inner.config.credentials
    }
    pub fn config(&self) -> &SimConfig {
        &self.inner.config
    }
    /// Every call matching `filter`, in creation order.
    pub fn calls(&self, filter: &CallFilter) -> Vec<CallView> {
        let now = self.inner.clock.now_ms();
        self.inner
            .store()
            .calls
            .iter()
            .filter(|c| filter.matches_call(c, now))
            .map(|c| CallView::of(c, now))
            .collect()
    }
    /// Simulated Unix ms.
    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }
    pub fn advance_clock(&self, seconds: f64) -> i64 {
        let now = self.inner.clock.advance_ms((seconds * 1000.0) as i64);
        self.inner.tick();
        now
    }
    pub fn reset(&self) {
        self.inner.reset();
    }
    pub fn set_faults(&self, faults: FaultConfig) -> Result<(), String> {
        let p = faults.problems();
        if !p.is_empty() {
            return Err(p.join("; "));
        }
        *self.inner.faults_mut() = faults;
        Ok(())
    }
    pub fn webhooks(&self) -> Vec<webhooks::Delivery> {
        self.inner.webhooks.snapshot()
    }
    /// Stop serving and save state (when a state file is configured).
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        self.stop();
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
        match &self.inner.config.state_file {
            Some(p) => self.inner.save(p),
            None => Ok(()),
        }
    }
    fn stop(&self) {
        let _ = self.shutdown.send(true);
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.stop();
        for t in &self.tasks {
            t.abort();
        }
        if let Some(p) = &self.inner.config.state_file {
            let _ = self.inner.save(p);
        }
    }
}
