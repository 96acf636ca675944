//! The npm package `callplane`: an async Node.js client for Bland.ai, Alibaba Cloud dyvms and
//! Tencent Cloud ccc over the pure `callplane-core`, plus the simulator in-process.
//!
//! The binding is thin: the core validates, builds, signs and parses requests and decides retries
//! and pacing; this crate adds only what needs the outside world — the system clock and random
//! nonces ([`engine`]), HTTP ([`transport`]), Tokio timers, and the JS boundary ([`js_input`],
//! [`errors`], [`options`], the client classes in [`clients`]). Names, issue paths and the error
//! shape are the shared JS facade's (`callplane_core::js`), as in `@callplane/wasm`; [`pure`]
//! exports that package's pure functions with the same names and shapes.

pub mod campaign;
pub mod clients;
mod columns;
mod engine;
mod errors;
mod fields;
mod js_input;
mod json_text;
pub mod options;
pub mod pure;
pub mod signer;
pub mod simulator;
mod strings;
mod transport;

use napi_derive::napi;

/// The package version (the crate's).
#[napi]
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Test-only: panic inside callplane, synchronously (`"sync"`) or inside an async operation
/// (`"async"`), to prove a panic reaches JS as an `internal_error`, never a crash. Not part of the
/// public API (hidden from the typings).
#[napi(js_name = "__panicForTest", skip_typescript)]
pub fn panic_for_test<'env>(
    env: &'env napi::Env,
    kind: String,
) -> napi::Result<napi::bindgen_prelude::PromiseRaw<'env, ()>> {
    errors::guard(|| {
        if kind == "sync" {
            panic!("deliberate panic for the boundary test (sync)");
        }
        env.spawn_future(errors::CatchUnwind::new(async move {
            tokio::task::yield_now().await;
            panic!("deliberate panic for the boundary test (async)")
        }))
    })
}
