//! `startSimulator(options)`: callplane-sim in this process, on a free loopback port, for tests
//! and demos without credentials or network.

use crate::errors;
use crate::fields::Fields;
use callplane_core::Vendor;
use callplane_core::issue::{IssueCode, Path, Report};
use callplane_sim::faults::FaultConfig;
use callplane_sim::lifecycle::Status;
use callplane_sim::state::CallFilter;
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Mutex;

/// Options of `startSimulator`.
#[napi(object)]
pub struct SimulatorOptions {
    /// Seed of the outcomes of non-magic numbers and of fault dice.
    /// @default 1
    pub seed: Option<u32>,
    /// Simulated seconds per real second; 0 freezes the simulated clock (move it with
    /// `advanceClock`).
    /// @default 1
    pub speed: Option<f64>,
    /// `false` turns every documented vendor limit off (Tencent's 20/s per SdkAppId, Bland's
    /// 10 s between calls to one number and its concurrency cap, Alibaba's per-number limits):
    /// for load tests and benchmarks.
    /// @default true
    pub limits: Option<bool>,
}

/// Bland credentials the simulator accepts.
#[napi(object)]
pub struct SimulatorBlandCredentials {
    pub api_key: String,
}

/// Alibaba credentials the simulator accepts.
#[napi(object)]
pub struct SimulatorAliyunCredentials {
    pub access_key_id: String,
    pub access_key_secret: String,
}

/// Tencent credentials the simulator accepts (they may use the application `tencentSdkAppId`).
#[napi(object)]
pub struct SimulatorTencentCredentials {
    pub secret_id: String,
    pub secret_key: String,
}

/// The simulator's built-in test credentials, shaped to spread into the client options:
/// `new Bland({ ...sim.credentials.bland, endpoint: sim.url })`. They open only the simulator.
#[napi(object)]
pub struct SimulatorCredentials {
    pub bland: SimulatorBlandCredentials,
    pub aliyun: SimulatorAliyunCredentials,
    pub tencent: SimulatorTencentCredentials,
}

/// A running simulator. `stop()` shuts it down; so does garbage collection of the handle.
#[napi]
pub struct Simulator {
    url: String,
    inner: Mutex<Option<callplane_sim::Simulator>>,
}

fn stopped() -> napi::Error {
    errors::coded("simulator_stopped", "the simulator was stopped")
}

fn sim_error(message: impl std::fmt::Display) -> napi::Error {
    errors::coded("simulator_error", message.to_string())
}

impl Simulator {
    fn with<T>(
        &self,
        f: impl FnOnce(&callplane_sim::Simulator) -> napi::Result<T>,
    ) -> napi::Result<T> {
        errors::guard(|| {
            let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            match guard.as_ref() {
                Some(sim) => f(sim),
                None => Err(stopped()),
            }
        })
    }
}

#[napi]
impl Simulator {
    /// `http://127.0.0.1:PORT`: the endpoint of all three vendors and of the admin API (`/_sim/`).
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    #[napi(getter)]
    pub fn credentials(&self) -> napi::Result<SimulatorCredentials> {
        self.with(|sim| {
            let c = sim.credentials();
            let first = |what: &str| sim_error(format!("the simulator has no {what} credentials"));
            let a = c.aliyun.first().ok_or_else(|| first("aliyun"))?;
            let t = c.tencent.first().ok_or_else(|| first("tencent"))?;
            Ok(SimulatorCredentials {
                bland: SimulatorBlandCredentials {
                    api_key: c
                        .bland
                        .api_keys
                        .first()
                        .cloned()
                        .ok_or_else(|| first("bland"))?,
                },
                aliyun: SimulatorAliyunCredentials {
                    access_key_id: a.access_key_id.clone(),
                    access_key_secret: a.access_key_secret.clone(),
                },
                tencent: SimulatorTencentCredentials {
                    secret_id: t.secret_id.clone(),
                    secret_key: t.secret_key.clone(),
                },
            })
        })
    }

    /// The Tencent `SdkAppId` the simulator's credentials may use.
    #[napi(getter)]
    pub fn tencent_sdk_app_id(&self) -> napi::Result<u32> {
        self.with(|sim| {
            sim.credentials()
                .tencent
                .first()
                .and_then(|t| t.sdk_app_ids.first())
                .and_then(|id| u32::try_from(*id).ok())
                .ok_or_else(|| sim_error("the simulator has no Tencent SdkAppId"))
        })
    }

    /// Secret of the `X-Webhook-Signature` HMAC on the Bland webhooks the simulator sends.
    #[napi(getter)]
    pub fn bland_webhook_secret(&self) -> napi::Result<String> {
        self.with(|sim| Ok(sim.credentials().bland.webhook_secret.clone()))
    }

    /// Every simulated call (all vendors, one shape: the admin API's `GET /_sim/calls`), in
    /// creation order, optionally filtered.
    #[napi(
        ts_args_type = "filter?: { vendor?: 'bland' | 'aliyun' | 'tencent', status?: string, to?: string, batchId?: string, terminal?: boolean }",
        ts_return_type = "Array<Record<string, any>>"
    )]
    pub fn calls(&self, env: Env, filter: Unknown<'_>) -> napi::Result<Value> {
        let filter = match optional(&env, filter)? {
            Some(f) => read_filter(f)?,
            None => CallFilter::default(),
        };
        self.with(|sim| serde_json::to_value(sim.calls(&filter)).map_err(sim_error))
    }

    /// Move the simulated clock forward; returns the new simulated time (Unix ms).
    #[napi]
    pub fn advance_clock(&self, seconds: f64) -> napi::Result<f64> {
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(errors::invalid_arg(
                "seconds",
                IssueCode::OutOfRange,
                "must be a finite number of seconds, 0 or more",
            ));
        }
        self.with(|sim| Ok(sim.advance_clock(seconds) as f64))
    }

    /// The simulated time (Unix ms).
    #[napi]
    pub fn now_ms(&self) -> napi::Result<f64> {
        self.with(|sim| Ok(sim.now_ms() as f64))
    }

    /// Forget every call, batch, webhook and fault rule.
    #[napi]
    pub fn reset(&self) -> napi::Result<()> {
        self.with(|sim| {
            sim.reset();
            Ok(())
        })
    }

    /// Replace the fault rules (the admin API's `PUT /_sim/faults` body).
    #[napi(ts_args_type = "faults: { rules: Array<Record<string, unknown>> }")]
    pub fn set_faults(&self, env: Env, faults: Unknown<'_>) -> napi::Result<()> {
        let value = crate::clients::read_js(&env, faults, None)?;
        let mut report = Report::new();
        let config = callplane_core::json::from_value_collect::<FaultConfig>(value, &mut report);
        let Some(config) = config.filter(|_| !report.has_errors()) else {
            return Err(errors::invalid(report));
        };
        self.with(|sim| {
            sim.set_faults(config)
                .map_err(|m| errors::invalid_arg("rules", IssueCode::OutOfRange, m))
        })
    }

    /// Every webhook delivery and attempt so far.
    #[napi(ts_return_type = "Array<Record<string, any>>")]
    pub fn webhooks(&self) -> napi::Result<Value> {
        self.with(|sim| serde_json::to_value(sim.webhooks()).map_err(sim_error))
    }

    /// Stop serving. Later calls on this handle fail with `simulator_stopped`; stopping twice is
    /// harmless.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn stop<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let sim = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
        env.spawn_future(errors::CatchUnwind::new(async move {
            if let Some(sim) = sim {
                sim.shutdown().await.map_err(sim_error)?;
            }
            Ok(())
        }))
    }
}

/// An optional argument: `undefined` (or left out) is `None`; anything else, `null` included, is
/// read as JSON and checked.
fn optional(env: &Env, value: Unknown<'_>) -> napi::Result<Option<Value>> {
    if value.get_type()? == napi::ValueType::Undefined {
        return Ok(None);
    }
    crate::clients::read_js(env, value, None).map(Some)
}

fn read_filter(value: Value) -> napi::Result<CallFilter> {
    let mut report = Report::new();
    let mut filter = CallFilter::default();
    if let Some(mut f) = Fields::new(
        value,
        Path::from("filter"),
        &["vendor", "status", "to", "batchId", "terminal"],
        &mut report,
    ) {
        filter.vendor = match f.string("vendor").as_deref() {
            None => None,
            Some("bland") => Some(Vendor::Bland),
            Some("aliyun") => Some(Vendor::Aliyun),
            Some("tencent") => Some(Vendor::Tencent),
            Some(other) => {
                f.error(
                    "vendor",
                    IssueCode::InvalidEnum,
                    format!("unknown vendor `{other}` (bland, aliyun, tencent)"),
                );
                None
            }
        };
        if let Some(s) = f.string("status") {
            filter.status = Status::parse(&s);
            if filter.status.is_none() {
                f.error(
                    "status",
                    IssueCode::InvalidEnum,
                    format!("unknown status `{s}`"),
                );
            }
        }
        filter.to = f.string("to");
        filter.batch_id = f.string("batchId");
        filter.terminal = f.bool("terminal");
    }
    if report.has_errors() {
        Err(errors::invalid(report))
    } else {
        Ok(filter)
    }
}

/// `startSimulator(options?)`: start callplane-sim in this process on a free loopback port.
#[napi(
    ts_args_type = "options?: SimulatorOptions",
    ts_return_type = "Promise<Simulator>"
)]
pub fn start_simulator<'env>(
    env: &'env Env,
    options: Unknown<'_>,
) -> napi::Result<PromiseRaw<'env, Simulator>> {
    errors::guard(|| {
        let (seed, speed, limits) = match optional(env, options)? {
            Some(o) => read_options(o)?,
            None => (1, 1.0, true),
        };
        let limits = if limits {
            callplane_sim::config::Limits::default()
        } else {
            callplane_sim::config::Limits::off()
        };
        env.spawn_future(errors::CatchUnwind::new(async move {
            let sim = callplane_sim::Simulator::builder()
                .seed(seed)
                .speed(speed)
                .limits(limits)
                .start()
                .await
                .map_err(|e| sim_error(format!("the simulator could not start: {e}")))?;
            Ok(Simulator {
                url: sim.url().to_owned(),
                inner: Mutex::new(Some(sim)),
            })
        }))
    })
}

fn read_options(value: Value) -> napi::Result<(u64, f64, bool)> {
    let mut report = Report::new();
    let (mut seed, mut speed, mut limits) = (1u64, 1.0f64, true);
    let known = &["seed", "speed", "limits"];
    if let Some(mut f) = Fields::new(value, Path::root(), known, &mut report) {
        if let Some(l) = f.bool("limits") {
            limits = l;
        }
        if let Some(s) = f.u32_in("seed", 0, u32::MAX) {
            seed = u64::from(s);
        }
        if let Some(s) = f.f64("speed") {
            if s.is_finite() && (0.0..=1_000_000.0).contains(&s) {
                speed = s;
            } else {
                f.error("speed", IssueCode::OutOfRange, "must be from 0 to 1000000");
            }
        }
    }
    if report.has_errors() {
        Err(errors::invalid(report))
    } else {
        Ok((seed, speed, limits))
    }
}
