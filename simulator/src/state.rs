//! Everything the simulator remembers, in one serialisable value (the `--state FILE` snapshot).

use crate::compact::{Shared, Short};
use crate::lifecycle::{self, Snapshot, Status};
use crate::outcome::Plan;
use callplane_core::Vendor;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// One simulated call, on any vendor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimCall {
    pub seq: u64,
    pub vendor: Vendor,
    /// The vendor's id: Bland `call_id`, Tencent `SessionId`, Alibaba `CallId`.
    pub id: String,
    /// Bland `batch_id`, Alibaba `TaskId` (shared with the batch and its other calls).
    pub group_id: Option<Shared>,
    /// Callee, E.164.
    pub to: Short,
    /// Caller number as the vendor would report it (E.164), when known.
    pub from: Option<Short>,
    pub created_ms: i64,
    pub plan: Plan,
    pub canceled_ms: Option<i64>,
    /// Who owns it: Bland API key index, Alibaba AccessKeyId, Tencent SdkAppId (interned by the
    /// store: one allocation per owner).
    pub owner: Shared,
    /// Index into `Store::requests` of the request that created it (shared by every call of a
    /// batch), plus this call's own data (a Bland call_data row, an Alibaba TtsParam list). Vendor
    /// views are derived from these on read, so nothing per phase or per transcript line is stored.
    pub request: u32,
    /// The row as compact JSON text of an object (≈ 80 bytes where a parsed map of three fields
    /// takes ≈ 500), parsed on read by [`SimCall::row`]. State files that hold it as an object
    /// (the format before 2026-11-21) are read too.
    #[serde(default, deserialize_with = "row_text")]
    pub row: Option<Box<str>>,
}

impl SimCall {
    pub fn snapshot(&self, now_ms: i64) -> Snapshot {
        lifecycle::snapshot(&self.plan, self.created_ms, self.canceled_ms, now_ms)
    }

    /// The call's request is its own (a Tencent CreateAICall, a Bland `/v1/calls` call), not a
    /// batch's or a task's shared one: it is compacted once the call has ended.
    pub fn owns_request(&self) -> bool {
        match self.vendor {
            Vendor::Tencent => true,
            Vendor::Bland => self.group_id.is_none(),
            _ => false,
        }
    }

    /// When the call reaches its terminal state (a stop before the natural end wins).
    pub fn terminal_ms(&self) -> i64 {
        let natural = lifecycle::natural_end_ms(&self.plan, self.created_ms);
        self.canceled_ms.filter(|x| *x < natural).unwrap_or(natural)
    }

    /// The call's own row, parsed (an object; `None` when the call has none).
    pub fn row(&self) -> Option<Map<String, Value>> {
        self.row
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
    }
}

/// A row as the store keeps it: compact JSON text of the object.
pub fn row_text_of(row: &Map<String, Value>) -> Box<str> {
    serde_json::to_string(row)
        .unwrap_or_else(|_| "{}".into())
        .into_boxed_str()
}

/// `row` from a state file: JSON text, or an object (older state files).
fn row_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Box<str>>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(text)) => Some(text.into_boxed_str()),
        Some(Value::Object(m)) => Some(row_text_of(&m)),
        _ => None,
    })
}

/// The call index is keyed by a 64-bit hash of the id (8 bytes per call where a `String` key costs
/// 24 plus its heap block); the id is checked on every hit, and the rare id whose hash another id
/// already holds goes to an overflow map keyed by the id itself.
#[derive(Debug, Default)]
pub struct CallIndex {
    by_hash: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    overflow: HashMap<Box<str>, u32>,
}

/// The keys of `CallIndex::by_hash` are already hashes: use them as they are.
#[derive(Debug, Default)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

fn id_hash(id: &str) -> u64 {
    // SipHash with fixed keys: the same id always lands on the same key, across restarts too.
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl CallIndex {
    fn get(&self, calls: &[SimCall], id: &str) -> Option<usize> {
        if let Some(&i) = self.by_hash.get(&id_hash(id))
            && calls.get(i as usize).is_some_and(|c| c.id == id)
        {
            return Some(i as usize);
        }
        self.overflow.get(id).map(|&i| i as usize)
    }

    /// Point `id` at call `index` (a repeated id points at its newest call).
    fn insert(&mut self, calls: &[SimCall], id: &str, index: usize) {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let slot = self.by_hash.entry(id_hash(id)).or_insert(index);
        if *slot == index {
            return;
        }
        if calls.get(*slot as usize).is_none_or(|c| c.id == id) {
            *slot = index;
        } else {
            self.overflow.insert(Box::from(id), index);
        }
    }

    pub fn len(&self) -> usize {
        self.by_hash.len() + self.overflow.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A Bland batch (v1 or v2) or an Alibaba task.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimBatch {
    pub vendor: Vendor,
    pub id: Shared,
    /// `v1` or `v2` for Bland; `task` for Alibaba.
    pub api: String,
    pub created_ms: i64,
    pub owner: Shared,
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
    pub call_index: CallIndex,
    #[serde(skip)]
    pub batch_index: HashMap<String, usize>,
    /// Every owner once (calls hold a reference to it).
    #[serde(skip)]
    owners: HashSet<Shared>,
    /// Calls whose post-call webhook has been queued (by seq).
    pub webhooked: std::collections::BTreeSet<u64>,
    /// (terminal instant, index in `calls`) of every call whose request is its own and still whole
    /// ([`SimCall::owns_request`]): the tick compacts each once it has ended
    /// (`vendors::compact_ended`). Rebuilt on restore from the requests themselves.
    #[serde(skip)]
    pub compaction_due: BinaryHeap<Reverse<(i64, u32)>>,
    /// What only the Bland side keeps (blacklisted batch rows, stored batch analyses).
    #[serde(default)]
    pub bland: crate::vendors::bland::Saved,
}

impl Store {
    /// After a restore: rebuild the indexes, and share each owner and batch id again (a state file
    /// holds one copy per call).
    pub fn rebuild_indexes(&mut self) {
        self.batch_index = self
            .batches
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.to_string(), i))
            .collect();
        let mut index = CallIndex::default();
        let mut calls = std::mem::take(&mut self.calls);
        for c in calls.iter_mut() {
            c.owner = self.owner(&c.owner);
            if let Some(b) = c.group_id.as_deref().and_then(|g| self.batch(g)) {
                c.group_id = Some(b.id.clone());
            }
        }
        let mut due = Vec::new();
        for (i, c) in calls.iter().enumerate() {
            index.insert(&calls, &c.id, i);
            if c.owns_request() && self.request(c.request).is_object() {
                due.push(Reverse((c.terminal_ms(), i as u32)));
            }
        }
        self.compaction_due = BinaryHeap::from(due);
        self.calls = calls;
        self.call_index = index;
        for b in 0..self.batches.len() {
            if let Some(owner) = self.batches.get(b).map(|x| x.owner.clone()) {
                let shared = self.owner(&owner);
                if let Some(x) = self.batches.get_mut(b) {
                    x.owner = shared;
                }
            }
        }
    }

    /// The shared copy of an owner (API key index, AccessKeyId, SdkAppId).
    pub fn owner(&mut self, owner: &str) -> Shared {
        if let Some(s) = self.owners.get(owner) {
            return s.clone();
        }
        let s = Shared::from(owner);
        self.owners.insert(s.clone());
        s
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
        self.calls.push(call);
        let (calls, index) = (&self.calls, &mut self.call_index);
        if let Some(c) = calls.last() {
            index.insert(calls, &c.id, i);
        }
        i
    }

    pub fn insert_batch(&mut self, batch: SimBatch) -> usize {
        let i = self.batches.len();
        self.batch_index.insert(batch.id.to_string(), i);
        self.batches.push(batch);
        i
    }

    /// Index in `calls` of the call with this vendor id.
    pub fn call_position(&self, id: &str) -> Option<usize> {
        self.call_index.get(&self.calls, id)
    }

    pub fn call(&self, id: &str) -> Option<&SimCall> {
        self.call_position(id).and_then(|i| self.calls.get(i))
    }

    pub fn call_mut(&mut self, id: &str) -> Option<&mut SimCall> {
        let i = self.call_position(id)?;
        self.calls.get_mut(i)
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
            batch_id: c.group_id.as_ref().map(|g| g.to_string()),
            to: c.to.to_string(),
            from: c.from.as_ref().map(|f| f.to_string()),
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
    /// Whether `c` passes every filter at simulated `now_ms` (no view is built to decide).
    pub fn matches_call(&self, c: &SimCall, now_ms: i64) -> bool {
        let status = c.snapshot(now_ms).status;
        self.vendor.is_none_or(|x| x == c.vendor)
            && self.status.is_none_or(|x| x == status)
            && self.to.as_deref().is_none_or(|x| c.to == x)
            && self
                .batch_id
                .as_deref()
                .is_none_or(|x| c.group_id.as_deref() == Some(x))
            && self.terminal.is_none_or(|x| x == status.is_terminal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Outcome, Plan};

    fn call(id: &str) -> SimCall {
        SimCall {
            seq: 1,
            vendor: Vendor::Bland,
            id: id.into(),
            group_id: None,
            to: "+12015550100".into(),
            from: None,
            created_ms: 0,
            plan: Plan {
                outcome: Outcome::Completed,
                queue_ms: 0,
                ring_ms: 0,
                talk_ms: 0,
                fail_reason: None,
                early_hangup: false,
            },
            canceled_ms: None,
            owner: "0".into(),
            request: 0,
            row: None,
        }
    }

    #[test]
    fn the_call_index_finds_every_id_and_only_real_ones() {
        let mut store = Store::default();
        for i in 0..1000 {
            store.insert_call(call(&format!("id-{i}")));
        }
        for i in [0, 1, 499, 999] {
            assert_eq!(store.call_position(&format!("id-{i}")), Some(i));
        }
        assert_eq!(store.call_position("id-1000"), None);
        // A repeated id (a caller-chosen v2 `b_cid`) points at its newest call.
        store.insert_call(call("id-7"));
        assert_eq!(store.call_position("id-7"), Some(1000));
        assert_eq!(store.call_index.len(), 1000);
    }

    #[test]
    fn an_id_whose_hash_is_taken_goes_to_the_overflow_map() {
        let calls = vec![call("a"), call("b")];
        let mut index = CallIndex::default();
        // Simulate a 64-bit collision: "b"'s hash slot already holds the call "a".
        index.by_hash.insert(id_hash("b"), 0);
        index.insert(&calls, "b", 1);
        assert_eq!(index.get(&calls, "b"), Some(1));
        assert_eq!(index.overflow.len(), 1);
        // The slot's owner is checked by id, so "a" is not found through "b"'s hash.
        assert_eq!(index.get(&calls, "a"), None);
        index.insert(&calls, "a", 0);
        assert_eq!(index.get(&calls, "a"), Some(0));
    }

    #[test]
    fn rows_are_kept_as_text_and_old_state_files_with_objects_still_load() {
        let mut row = Map::new();
        row.insert("phone_number".into(), "+12015550100".into());
        row.insert("name".into(), "Bo".into());
        let mut c = call("x");
        c.row = Some(row_text_of(&row));
        assert_eq!(
            c.row.as_deref(),
            Some(r#"{"phone_number":"+12015550100","name":"Bo"}"#)
        );
        assert_eq!(c.row(), Some(row.clone()));
        let mut saved = serde_json::to_value(&c).unwrap();
        assert!(saved["row"].is_string());
        saved["row"] = Value::Object(row.clone());
        let old: SimCall = serde_json::from_value(saved).unwrap();
        assert_eq!(old.row(), Some(row));
    }

    #[test]
    fn a_restore_shares_owners_and_batch_ids_again() {
        let mut store = Store::default();
        let mut a = call("a");
        a.group_id = Some("batch-1".into());
        store.insert_call(a);
        let b = call("b");
        store.insert_call(b);
        store.insert_batch(SimBatch {
            vendor: Vendor::Bland,
            id: "batch-1".into(),
            api: "v1".into(),
            created_ms: 0,
            owner: "0".into(),
            request: 0,
            calls: vec![0],
            stopped_ms: None,
            final_webhook_sent: false,
        });
        let text = serde_json::to_string(&store).unwrap();
        let mut restored: Store = serde_json::from_str(&text).unwrap();
        restored.rebuild_indexes();
        let (x, y) = (&restored.calls[0], &restored.calls[1]);
        assert_eq!(x.owner, "0");
        assert!(std::ptr::eq(x.owner.as_str(), y.owner.as_str()));
        assert!(std::ptr::eq(
            x.owner.as_str(),
            restored.batches[0].owner.as_str()
        ));
        let group = x.group_id.as_ref().unwrap();
        assert!(std::ptr::eq(
            group.as_str(),
            restored.batches[0].id.as_str()
        ));
        assert_eq!(restored.call_position("b"), Some(1));
    }
}
