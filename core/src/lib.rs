//! `callplane-core`: the pure part of callplane.
//!
//! Everything here is sans-IO: no sockets, no files, no clock, no randomness. Time, nonces, secrets
//! and transport are inputs, so the same code runs natively, in Node (napi) and in the browser (wasm),
//! and is testable with fixed vectors.
//!
//! Modules:
//! - [`issue`]: validation problems (`Issue`, `Report`) with stable codes and field paths.
//! - [`error`]: the one `Error` type with a stable [`Error::code`].
//! - [`secret`]: credential values that redact themselves in `Debug`/`Display`.
//! - [`phone`]: E.164 normalisation with libphonenumber metadata and each vendor's wire format.
//! - [`template`]: `{{placeholder}}` templates.
//! - [`bland`], [`aliyun`], [`tencent`]: typed vendor models and their validators.
//! - [`http`]: sans-IO HTTP request/response types.
//! - [`sign`]: request signing and verification (TC3, Alibaba V3 and RPC v1, Bland).
//! - [`retry`], [`pacing`]: which failures to retry and when; spreading bursts under vendor rate limits.
//! - [`campaign`]: one contact list to any vendor: preflight (compliance) and the request plan.
//! - [`js`]: the JS-facing API (camelCase JSON in and out) both bindings export.

// The `ReadJson` derive names `::callplane_core::…`, also inside this crate.
extern crate self as callplane_core;

pub mod aliyun;
pub mod api;
pub mod bland;
pub mod campaign;
pub mod csv;
pub mod datetime;
pub mod error;
pub mod http;
pub mod issue;
pub mod js;
pub mod json;
pub mod nullable;
pub mod outcome;
pub mod pacing;
pub mod phone;
pub mod retry;
pub mod secret;
pub mod sign;
pub mod template;
pub mod tencent;
pub mod vendor_error;

pub use error::{Error, Result};
pub use issue::{Issue, IssueCode, Path, Report, Severity};
pub use nullable::Nullable;
pub use outcome::CallOutcome;
pub use secret::Secret;

/// The three vendors callplane speaks to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    json::read::ReadJson,
)]
#[serde(rename_all = "snake_case")]
pub enum Vendor {
    Bland,
    Aliyun,
    Tencent,
}

impl Vendor {
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Bland => "bland",
            Vendor::Aliyun => "aliyun",
            Vendor::Tencent => "tencent",
        }
    }
}

impl std::fmt::Display for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Inputs a validator needs from the outside world. The core never reads a clock itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// "Now", in Unix milliseconds (UTC).
    pub now_ms: i64,
}

impl Context {
    pub fn at(now_ms: i64) -> Self {
        Context { now_ms }
    }
}
