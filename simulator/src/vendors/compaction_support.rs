//! What the vendors' compaction tests share: a per-test state file, a simulator with the clock
//! frozen and limits off, and the requests the store holds for a vendor's calls.

use crate::Simulator;
use crate::config::Limits;
use callplane_core::Vendor;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `(dir, dir/state.json)` under the temp dir, named for the test and the process; any state
/// file a previous run left there is removed.
pub(crate) fn fresh_state(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let state = dir.join("state.json");
    let _ = std::fs::remove_file(&state);
    (dir, state)
}

/// A simulator at speed 0 with limits off, seeded when `seed` is given, restored from `state`
/// when it is given.
pub(crate) async fn start(seed: Option<u64>, state: Option<&Path>) -> Simulator {
    let mut b = Simulator::builder().speed(0.0).limits(Limits::off());
    if let Some(seed) = seed {
        b = b.seed(seed);
    }
    if let Some(state) = state {
        b = b.state_file(state);
    }
    b.start().await.expect("start")
}

/// The stored request of each of `vendor`'s calls, in call order: a JSON object while the call
/// holds its parsed request, a string once it is compacted.
pub(crate) fn stored_requests(sim: &Simulator, vendor: Vendor) -> Vec<Value> {
    let store = sim.inner.store();
    store
        .calls
        .iter()
        .filter(|c| c.vendor == vendor)
        .map(|c| store.request(c.request).clone())
        .collect()
}
