//! Campaigns: one vendor-neutral contact list, checked for compliance ([`preflight`]) and turned
//! into the exact vendor requests ([`plan`]) that the dispatcher (Node package) sends and journals.
//! Pure: "now" comes from [`crate::Context`], nothing here reads a clock or does I/O.
//!
//! - [`Campaign`] ([`model`]): script, contacts with variables, caller ids, schedule, calling
//!   hours, suppression list, per-vendor options ([`options`]).
//! - [`preflight`]: every problem of every contact at once: invalid or undiallable numbers,
//!   duplicates after normalisation, suppressed numbers, missing variables, and calls outside the
//!   calling-hours window in the callee's local time ([`timezones`], [`window`]).
//! - [`plan`]: Bland batches, Alibaba `BatchRobotSmartCall` chunks (100 callees by default) or one
//!   Tencent `CreateAICall` per contact paced at 20/s, each with a deterministic key and a
//!   [`Correlation`] to resolve a lost answer.
//!
//! The contract with the dispatcher is `/work/wt/CAMPAIGN-INTERFACE.md` (kept in the types below).
//! Additions to it, all optional for the dispatcher: [`Preflight::issues`] (campaign-level
//! problems), [`ContactCheck::send_after_ms`], [`Schedule::end_at`],
//! `Script::AliyunDialog::tts_variables`; [`VendorOptions`] holds each vendor's options as the
//! JS-named object the user wrote (mapped and validated when checked or planned).

mod check;
pub mod model;
pub mod options;
mod plan;
mod preflight;
pub mod timezones;
pub mod window;

#[cfg(test)]
mod tests;

pub use model::{
    CallingHours, Campaign, Contact, Schedule, Script, VendorOptions, Weekday, parse_campaign,
};
pub use plan::plan;
pub use preflight::preflight;

use crate::Vendor;
use crate::api::registry::Operation;
use crate::issue::Issue;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Whether a contact will be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactStatus {
    /// No problem: it will be called.
    Ready,
    /// It will be called, but something deserves a look (deferred into the calling window,
    /// premium-rate number…).
    Warning,
    /// An error excludes it from the plan.
    Excluded,
}

impl ContactStatus {
    /// `ready`, `warning`, `excluded`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactStatus::Ready => "ready",
            ContactStatus::Warning => "warning",
            ContactStatus::Excluded => "excluded",
        }
    }
}

/// The preflight of one contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactCheck {
    /// Index in [`Campaign::contacts`].
    pub index: usize,
    /// The contact's key: its `id`, else its E.164 number, else (an invalid number) `#<index>`.
    pub key: String,
    /// The number in E.164, when valid.
    pub e164: Option<String>,
    /// The callee's possible IANA time zones (libphonenumber's prefix table); empty when unknown.
    pub time_zones: Vec<String>,
    /// The earliest instant (Unix ms) at or after the campaign start when the calling window holds
    /// in every one of `time_zones`; `None` when no calling hours are set or it never does.
    pub send_after_ms: Option<i64>,
    /// Every problem of this contact, paths such as `contacts[3].phone`.
    pub issues: Vec<Issue>,
    /// Ready, warning or excluded.
    pub status: ContactStatus,
}

/// Counts over the contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Contacts checked.
    pub contacts: usize,
    /// Without any issue.
    pub ready: usize,
    /// With warnings only.
    pub warning: usize,
    /// With at least one error: not called.
    pub excluded: usize,
    /// Issues by code, over the contacts and the campaign itself.
    pub by_code: BTreeMap<String, usize>,
}

/// The result of [`preflight`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preflight {
    /// Problems of the campaign itself (script, schedule, calling hours, caller ids, vendor
    /// options, suppression list, unused variables). An error here means nothing can be planned.
    pub issues: Vec<Issue>,
    /// One entry per contact, in order.
    pub contacts: Vec<ContactCheck>,
    /// Counts.
    pub summary: Summary,
}

impl Preflight {
    /// True when the campaign itself has no error (contacts may still be excluded).
    pub fn campaign_ok(&self) -> bool {
        !self
            .issues
            .iter()
            .any(|i| i.severity == crate::Severity::Error)
    }
}

/// How the dispatcher resolves an ambiguous outcome (the request may or may not have reached the
/// vendor) before anything is re-sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correlation {
    /// The v1 batch `label`, unique per request: find it in `GET /v1/batches`, then its calls.
    BlandBatchLabel {
        /// The label sent.
        label: String,
    },
    /// A single call: `metadata` marker plus `to`, found with `GET /v1/calls?to_number=`.
    BlandCall {
        /// The callee (E.164).
        to: String,
        /// The marker sent in `metadata`.
        marker: String,
    },
    /// The `TaskName`, unique per chunk: find the task, then `QueryCallDetailByTaskId`.
    AliyunTask {
        /// The task name sent.
        task_name: String,
    },
    /// `DescribeTelCdr` by callee within `[sent_at - 1 min, now]`.
    TencentCallee {
        /// The callee as sent (`0086…`).
        callee: String,
        /// The application the call was placed in.
        sdk_app_id: u64,
    },
}

/// One vendor request of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRequest {
    /// Deterministic intent key, unique within the campaign: `bland:batch:<n>:<hash>`,
    /// `aliyun:chunk:<n>:<hash>`, `tencent:c:<contact key>` (the hash covers the contact keys).
    pub key: String,
    /// The operation to send.
    pub operation: Operation,
    /// Wire-name JSON that [`crate::api::registry::build`] accepts as it is.
    pub input: Value,
    /// Indexes into [`Campaign::contacts`] covered by this request.
    pub contacts: Vec<usize>,
    /// E.164 numbers of those contacts, same order.
    pub callees: Vec<String>,
    /// Earliest send time (Unix ms): schedule start, calling window and pacing. `None`: now.
    pub not_before_ms: Option<i64>,
    /// What to ask the vendor when the answer is lost.
    pub correlation: Correlation,
}

/// The requests that carry out a campaign on one vendor.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The vendor.
    pub vendor: Vendor,
    /// In send order (`not_before_ms` ascending).
    pub requests: Vec<PlannedRequest>,
    /// Contacts not called (preflight errors), ascending.
    pub excluded: Vec<usize>,
    /// Human-readable lines: how many requests and chunks, and why.
    pub explanation: Vec<String>,
}
