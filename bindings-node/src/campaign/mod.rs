//! Campaigns in Node: the durable dispatcher and status tracking over the core's campaign plan.
//!
//! - [`setup`]: campaign → core plan → journal (or resume what the journal holds).
//! - [`journal`]: the SQLite journal (intents before sending, outcomes after, one record per
//!   contact).
//! - [`dispatch`]: the send loop, at most once per contact.
//! - [`trace`]: asking the vendor about a request whose answer was lost.
//! - [`track`]: polling the vendors' lookups and reading Bland webhooks into the records.
//! - [`record`]: the one `CallRecord` status set and each vendor's mapping onto it.
//! - [`clock`]: the vendor's clock (a simulator runs its own).
//!
//! Requests go through the core registry with the plan's wire-name inputs (never the JS client
//! methods), on an [`Engine`] built from the same options as the client classes.

mod clock;
mod dispatch;
mod journal;
mod record;
mod setup;
mod trace;
mod track;

use crate::engine::{Engine, unix_ms};
use crate::errors::{self, CatchUnwind};
use crate::fields::Fields;
use callplane_core::Vendor;
use callplane_core::issue::{IssueCode, Path, Report};
use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi_derive::napi;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

const DEFAULT_CONCURRENCY: u32 = 64;
const MAX_CONCURRENCY: u32 = 4_096;
/// Ringing plus the longest call, in vendor time: after this a Tencent call placed by a request
/// has ended and has its record (see `trace`).
const DEFAULT_RECORD_HORIZON_MS: u32 = 30 * 60_000;
const DEFAULT_RECHECK_MS: u32 = 1_000;
/// How long after sending a lost request's absence at the vendor is believed (see `trace`).
const DEFAULT_SETTLE_MS: u32 = 60_000;
/// Sends of one intent whose every failure was retryable (each send itself retried by the engine)
/// before it is recorded as failed.
const MAX_SENDS: i64 = 4;

fn vendor_of(f: &mut Fields<'_>, key: &str) -> Option<Vendor> {
    match f.string(key).as_deref() {
        Some("bland") => Some(Vendor::Bland),
        Some("aliyun") => Some(Vendor::Aliyun),
        Some("tencent") => Some(Vendor::Tencent),
        Some(other) => {
            f.error(
                key,
                IssueCode::InvalidEnum,
                format!("unknown vendor `{other}` (bland, aliyun, tencent)"),
            );
            None
        }
        None => {
            f.error(
                key,
                IssueCode::Required,
                "vendor is required (bland, aliyun, tencent)",
            );
            None
        }
    }
}

/// Read options the JS way: every problem at once, or the validation error.
fn read_options<T>(
    value: Value,
    known: &[&str],
    f: impl FnOnce(&mut Fields<'_>) -> T,
) -> napi::Result<T> {
    let mut report = Report::new();
    let out = Fields::new(value, Path::root(), known, &mut report).map(|mut fields| f(&mut fields));
    match out {
        Some(t) if !report.has_errors() => Ok(t),
        _ => Err(errors::invalid(report)),
    }
}

/// The engine for `vendor` from the client options (the same as `new Bland(...)` etc.).
fn engine(vendor: Vendor, client: Value) -> napi::Result<Arc<Engine>> {
    let parts = match vendor {
        Vendor::Bland => crate::options::bland(client)?,
        Vendor::Aliyun => crate::options::aliyun(client)?,
        Vendor::Tencent => crate::options::tencent(client)?,
    };
    Ok(Arc::new(Engine::from_parts(parts)))
}

/// What a run was given.
struct RunOptions {
    vendor: Vendor,
    client: Value,
    journal: PathBuf,
    concurrency: u32,
    simulator: Option<String>,
    record_horizon_ms: u32,
    settle_ms: u32,
    recheck_ms: u32,
    timeout_ms: u32,
    honor_not_before: bool,
}

fn run_options(value: Value) -> napi::Result<RunOptions> {
    read_options(
        value,
        &[
            "vendor",
            "client",
            "journal",
            "concurrency",
            "simulator",
            "recordHorizonMs",
            "settleMs",
            "recheckMs",
            "notBefore",
        ],
        |f| {
            let vendor = vendor_of(f, "vendor");
            let client = f.raw("client");
            if client.is_none() {
                f.error(
                    "client",
                    IssueCode::Required,
                    "client options are required (credentials, endpoint, ...)",
                );
            }
            let timeout_ms = client
                .as_ref()
                .and_then(|c| c.get("timeoutMs"))
                .and_then(Value::as_u64)
                .map_or(30_000, |t| t.min(600_000) as u32);
            let journal = f.required("journal");
            let honor_not_before = match f.string("notBefore").as_deref() {
                None | Some("plan") => true,
                Some("ignore") => false,
                Some(other) => {
                    f.error(
                        "notBefore",
                        IssueCode::InvalidEnum,
                        format!("unknown value `{other}` (plan, ignore)"),
                    );
                    true
                }
            };
            RunOptions {
                vendor: vendor.unwrap_or(Vendor::Bland),
                client: client.unwrap_or(Value::Null),
                journal: PathBuf::from(journal),
                concurrency: f
                    .u32_in("concurrency", 1, MAX_CONCURRENCY)
                    .unwrap_or(DEFAULT_CONCURRENCY),
                simulator: f.string("simulator"),
                record_horizon_ms: f
                    .u32_in("recordHorizonMs", 0, u32::MAX)
                    .unwrap_or(DEFAULT_RECORD_HORIZON_MS),
                settle_ms: f
                    .u32_in("settleMs", 0, u32::MAX)
                    .unwrap_or(DEFAULT_SETTLE_MS),
                recheck_ms: f
                    .u32_in("recheckMs", 1, 600_000)
                    .unwrap_or(DEFAULT_RECHECK_MS),
                timeout_ms,
                honor_not_before,
            }
        },
    )
}

fn clock_of(simulator: &Option<String>) -> clock::VendorClock {
    match simulator {
        Some(url) => clock::VendorClock::simulator(url),
        None => clock::VendorClock::Wall,
    }
}

fn open_journal(path: &std::path::Path) -> napi::Result<journal::Journal> {
    journal::Journal::open(path).map_err(|e| journal_error(path)(e.to_string()))
}

fn journal_error(path: &std::path::Path) -> impl Fn(String) -> napi::Error + '_ {
    move |e| errors::coded("journal_error", format!("journal {}: {e}", path.display()))
}

/// A campaign run: `run(campaign, options)` dispatches it; `progress()` reads its counters at any
/// time. The package's `runCampaign` wraps this with an `onProgress` callback.
#[napi]
pub struct CampaignRun {
    progress: Arc<dispatch::Progress>,
}

#[napi]
impl CampaignRun {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        CampaignRun {
            progress: Arc::new(dispatch::Progress::default()),
        }
    }

    /// Counters so far: `{requests, contacts, accepted, failed, sent, ambiguous, foundByLookup,
    /// resentAfterLookup, waitingForLookup, elapsedMs}`.
    #[napi(ts_return_type = "Record<string, number>")]
    pub fn progress(&self) -> Value {
        self.progress.to_json()
    }

    /// Plan (first run) or resume, then dispatch every request exactly once. Resolves with the
    /// journal's totals by status.
    #[napi(
        ts_args_type = "campaign: Record<string, unknown>, options: Record<string, unknown>",
        ts_return_type = "Promise<Record<string, any>>"
    )]
    pub fn run<'env>(
        &self,
        env: &'env Env,
        campaign: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Value>> {
        errors::guard(|| {
            let campaign = setup::read_campaign(crate::clients::read_js(env, campaign, None)?)
                .map_err(|e| errors::core(&e, errors::Extra::default()))?;
            let o = run_options(crate::clients::read_js(env, options, None)?)?;
            let engine = engine(o.vendor, o.client.clone())?;
            let progress = Arc::clone(&self.progress);
            env.spawn_future(CatchUnwind::new(async move {
                progress.started_ms.store(unix_ms(), Ordering::Relaxed);
                let journal = open_journal(&o.journal)?;
                let err = journal_error(&o.journal);
                let prepared = setup::prepare(&journal, &campaign, o.vendor, unix_ms())
                    .await
                    .map_err(|e| errors::coded("campaign_error", e))?;
                let cfg = dispatch::RunConfig {
                    concurrency: o.concurrency as usize,
                    clock: clock_of(&o.simulator),
                    horizon: trace::Horizon {
                        timeout_ms: i64::from(o.timeout_ms),
                        record_ms: i64::from(o.record_horizon_ms),
                        settle_ms: i64::from(o.settle_ms),
                    },
                    recheck_ms: u64::from(o.recheck_ms),
                    max_sends: MAX_SENDS,
                    honor_not_before: o.honor_not_before,
                };
                dispatch::run(engine, journal.clone(), cfg, Arc::clone(&progress))
                    .await
                    .map_err(&err)?;
                let mut status = track::status(&journal).await.map_err(&err)?;
                if let Value::Object(m) = &mut status {
                    m.insert("resumed".into(), prepared.resumed.into());
                    m.insert("explanation".into(), prepared.explanation.into());
                    m.insert("progress".into(), progress.to_json());
                }
                Ok(status)
            }))
        })
    }
}

/// `campaignStatus(journal)`: totals by status (and by request state) from a journal file.
#[napi(ts_return_type = "Promise<Record<string, any>>")]
pub fn campaign_status<'env>(
    env: &'env Env,
    journal: String,
) -> napi::Result<PromiseRaw<'env, Value>> {
    errors::guard(|| {
        let path = PathBuf::from(journal);
        if !path.exists() {
            return Err(errors::invalid_arg(
                "journal",
                IssueCode::Required,
                format!("no journal at {}", path.display()),
            ));
        }
        env.spawn_future(CatchUnwind::new(async move {
            let j = open_journal(&path)?;
            track::status(&j).await.map_err(journal_error(&path))
        }))
    })
}

/// `campaignRecords(journal, {status?, limit?, offset?})`: the contacts' `CallRecord`s.
#[napi(
    ts_args_type = "journal: string, filter?: { status?: string, limit?: number, offset?: number }",
    ts_return_type = "Promise<Array<Record<string, any>>>"
)]
pub fn campaign_records<'env>(
    env: &'env Env,
    journal: String,
    filter: Unknown<'_>,
) -> napi::Result<PromiseRaw<'env, Value>> {
    errors::guard(|| {
        let filter = if filter.get_type()? == napi::ValueType::Undefined {
            Value::Object(Default::default())
        } else {
            crate::clients::read_js(env, filter, None)?
        };
        let (status, limit, offset) = read_options(filter, &["status", "limit", "offset"], |f| {
            (
                f.string("status"),
                f.u32_in("limit", 1, u32::MAX),
                f.u32_in("offset", 0, u32::MAX),
            )
        })?;
        let path = PathBuf::from(journal);
        env.spawn_future(CatchUnwind::new(async move {
            let j = open_journal(&path)?;
            track::records(&j, status, limit, offset)
                .await
                .map_err(journal_error(&path))
        }))
    })
}

/// `trackCampaign(journal, options)`: poll the vendor's lookups until every dispatched call has a
/// final status (or `untilMs` passes); resolves with the totals.
#[napi(
    ts_args_type = "journal: string, options: Record<string, unknown>",
    ts_return_type = "Promise<Record<string, any>>"
)]
pub fn track_campaign<'env>(
    env: &'env Env,
    journal: String,
    options: Unknown<'_>,
) -> napi::Result<PromiseRaw<'env, Value>> {
    errors::guard(|| {
        let value = crate::clients::read_js(env, options, None)?;
        let (vendor, client, simulator, interval, timeout) = read_options(
            value,
            &["vendor", "client", "simulator", "intervalMs", "timeoutMs"],
            |f| {
                let vendor = vendor_of(f, "vendor");
                let client = f.raw("client").unwrap_or(Value::Null);
                (
                    vendor.unwrap_or(Vendor::Bland),
                    client,
                    f.string("simulator"),
                    f.u32_in("intervalMs", 1, 3_600_000).unwrap_or(2_000),
                    f.u32_in("timeoutMs", 0, u32::MAX).unwrap_or(600_000),
                )
            },
        )?;
        let engine = engine(vendor, client)?;
        let path = PathBuf::from(journal);
        env.spawn_future(CatchUnwind::new(async move {
            let j = open_journal(&path)?;
            let err = journal_error(&path);
            let clock = clock_of(&simulator);
            track::poll_until_final(&engine, &j, &clock, u64::from(interval), u64::from(timeout))
                .await
                .map_err(&err)?;
            track::status(&j).await.map_err(&err)
        }))
    })
}

/// `recordBlandWebhook(journal, body, signature, secret)`: verify a Bland post-call webhook
/// (`X-Webhook-Signature`, HMAC-SHA256 of the raw body) with the core's verifier and store the call
/// in its contact's record. Resolves with the contact index updated, or `null` when the call is
/// not one of this campaign's. A bad signature rejects with `webhook_signature_invalid`.
#[napi(
    ts_args_type = "journal: string, body: string | Buffer, signature: string, secret: string",
    ts_return_type = "Promise<number | null>"
)]
pub fn record_bland_webhook<'env>(
    env: &'env Env,
    journal: String,
    body: napi::Either<String, napi::bindgen_prelude::Buffer>,
    signature: String,
    secret: String,
) -> napi::Result<PromiseRaw<'env, Option<i64>>> {
    errors::guard(|| {
        let bytes: Vec<u8> = match body {
            napi::Either::A(s) => s.into_bytes(),
            napi::Either::B(b) => b.to_vec(),
        };
        let call = track::verify_bland_webhook(&bytes, &signature, &secret)
            .map_err(|m| errors::coded("webhook_signature_invalid", m))?;
        let path = PathBuf::from(journal);
        env.spawn_future(CatchUnwind::new(async move {
            let j = open_journal(&path)?;
            track::record_bland_call(&j, call)
                .await
                .map_err(journal_error(&path))
        }))
    })
}
