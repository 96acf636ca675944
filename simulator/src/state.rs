//! Everything the simulator remembers, in one serialisable value (the `--state FILE` snapshot).

use crate::lifecycle::{self, Snapshot, Status};
use crate::outcome::Plan;
use callplane_core::Vendor;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One simulated call, on any vendor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimCall {
    pub seq: u64,
    pub vendor: Vendor,
    /// The vendor's id: Bland `call_id`, Tencent `SessionId`, Alibaba `CallId`.
    pub id: String,
    /// Bland `batch_id`, Alibaba `TaskId`.
    pub group_id: Option<String>,
    /// Callee, E.164.
    pub to: String,
    /// Caller number as the vendor would report it (E.164), when known.
    pub from: Option<String>,
    pub created_ms: i64,
    pub plan: Plan,
    pub canceled_ms: Option<i64>,
    /// Who owns it: Bland API key index, Alibaba AccessKeyId, Tencent SdkAppId.
    pub owner: String,
    /// Index into `Store::requests` of the request that created it (shared by every call of a
    /// batch), plus this call's own data (a Bland call_data row, an Alibaba TtsParam list). Vendor
    /// views are derived from these on read, so nothing per phase or per transcript line is stored.
    pub request: u32,
    pub row: Option<Box<Map<String, Value>>>,
}

impl SimCall {
    pub fn snapshot(&self, now_ms: i64) -> Snapshot {
        lifecycle::snapshot(&self.plan, self.created_ms, self.canceled_ms, now_ms)
    }
}

/// A Bland batch (v1 or v2) or an Alibaba task.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimBatch {
    pub vendor: Vendor,
    pub id: String,
    /// `v1` or `v2` for Bland; `task` for Alibaba.
    pub api: String,
    pub created_ms: i64,
    pub owner: String,
    /// Index into `Store::requests`.
    pub request: u32,
    /// Indexes into `Store::calls`.
    pub calls: Vec<usize>,
    pub stopped_ms: Option<i64>,
    /// v2 status webhook already sent for the final state.
    pub final_webhook_sent: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    pub next_seq: u64,
    /// Request bodies, stored once and shared by index (a 1,000-call batch keeps one copy).
    pub requests: Vec<Value>,
    pub calls: Vec<SimCall>,
    pub batches: Vec<SimBatch>,
    /// Bland inbound numbers: E.164 → settings object.
    pub inbound: Map<String, Value>,
    /// Vendor id → index in `calls`.
    #[serde(skip)]
    pub call_index: HashMap<String, usize>,
    #[serde(skip)]
    pub batch_index: HashMap<String, usize>,
    /// Calls whose post-call webhook has been queued (by seq).
    pub webhooked: std::collections::BTreeSet<u64>,
    /// What only the Bland side keeps (blacklisted batch rows, stored batch analyses).
    #[serde(default)]
    pub bland: crate::vendors::bland::Saved,
}

impl Store {
    pub fn rebuild_indexes(&mut self) {
        self.call_index = self
            .calls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        self.batch_index = self
            .batches
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
    }

    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn insert_request(&mut self, request: Value) -> u32 {
        self.requests.push(request);
        (self.requests.len() - 1) as u32
    }

    pub fn request(&self, i: u32) -> &Value {
        static NULL: Value = Value::Null;
        self.requests.get(i as usize).unwrap_or(&NULL)
    }

    pub fn insert_call(&mut self, call: SimCall) -> usize {
        let i = self.calls.len();
        self.call_index.insert(call.id.clone(), i);
        self.calls.push(call);
        i
    }

    pub fn insert_batch(&mut self, batch: SimBatch) -> usize {
        let i = self.batches.len();
        self.batch_index.insert(batch.id.clone(), i);
        self.batches.push(batch);
        i
    }

    pub fn call(&self, id: &str) -> Option<&SimCall> {
        self.call_index.get(id).and_then(|i| self.calls.get(*i))
    }

    pub fn call_mut(&mut self, id: &str) -> Option<&mut SimCall> {
        match self.call_index.get(id) {
            Some(i) => self.calls.get_mut(*i),
            None => None,
        }
    }

    pub fn batch(&self, id: &str) -> Option<&SimBatch> {
        self.batch_index.get(id).and_then(|i| self.batches.get(*i))
    }
}

/// The unified shape of `GET /_sim/calls`: every call of every vendor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CallView {
    pub vendor: Vendor,
    pub id: String,
    pub batch_id: Option<String>,
    pub to: String,
    pub from: Option<String>,
    pub status: Status,
    /// Simulated Unix ms.
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// Talk time in seconds.
    pub duration_seconds: f64,
    /// What will happen to it (outcome and timings), for test assertions.
    pub plan: Plan,
}

impl CallView {
    pub fn of(c: &SimCall, now_ms: i64) -> CallView {
        let s = c.snapshot(now_ms);
        CallView {
            vendor: c.vendor,
            id: c.id.clone(),
            batch_id: c.group_id.clone(),
            to: c.to.clone(),
            from: c.from.clone(),
            status: s.status,
            created_at: s.created_ms,
            answered_at: s.answered_ms,
            ended_at: s.ended_ms,
            duration_seconds: s.talk_ms() as f64 / 1000.0,
            plan: c.plan,
        }
    }
}

/// Filters of `GET /_sim/calls`.
#[derive(Debug, Default, Clone)]
pub struct CallFilter {
    pub vendor: Option<Vendor>,
    pub status: Option<Status>,
    pub to: Option<String>,
    pub batch_id: Option<String>,
    pub terminal: Option<bool>,
}

impl CallFilter {
    pub fn matches(&self, v: &CallView) -> bool {
        self.vendor.is_none_or(|x| x == v.vendor)
            && self.status.is_none_or(|x| x == v.status)
            && self.to.as_deref().is_none_or(|x| x == v.to)
            && self
                .batch_id
                .as_deref()
                .is_none_or(|x| Some(x) == v.batch_id.as_deref())
            && self.terminal.is_none_or(|x| x == v.status.is_terminal())
    }
}
