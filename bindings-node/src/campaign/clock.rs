//! The vendor's clock. Lookups that resolve a lost answer search by time (Tencent's call records
//! by start time, Alibaba's tasks by CST day), and those times are the vendor's. For a real vendor
//! that is the wall clock. A simulator runs its own clock (`--speed`, faster than real time), so
//! against one the dispatcher reads `GET /_sim/clock` and maps its own wall-clock instants onto the
//! simulated ones.

use crate::engine::unix_ms;
use serde_json::Value;

/// Where "now" at the vendor comes from.
#[derive(Debug, Clone)]
pub(crate) enum VendorClock {
    /// The vendor's clock is the wall clock.
    Wall,
    /// A callplane simulator at this base URL (its admin API answers `GET /_sim/clock`).
    Simulator { url: String, http: reqwest::Client },
}

/// The vendor's view of time at one moment: its now, and how fast it runs against the wall clock.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VendorTime {
    /// Wall-clock ms when this was read.
    pub wall_ms: i64,
    /// The vendor's now, ms.
    pub now_ms: i64,
    /// Vendor ms per wall ms.
    pub speed: f64,
}

impl VendorTime {
    /// The vendor's time at wall-clock instant `wall_ms` (earlier instants only).
    pub(crate) fn at(&self, wall_ms: i64) -> i64 {
        let back = (self.wall_ms - wall_ms).max(0) as f64 * self.speed;
        self.now_ms - back as i64
    }
    /// Vendor ms corresponding to `ms` of wall time.
    pub(crate) fn span(&self, ms: i64) -> i64 {
        (ms as f64 * self.speed) as i64
    }
}

impl VendorClock {
    /// A simulator's clock at `url`.
    pub(crate) fn simulator(url: &str) -> VendorClock {
        VendorClock::Simulator {
            url: url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// Read the vendor's time now.
    pub(crate) async fn read(&self) -> Result<VendorTime, String> {
        match self {
            VendorClock::Wall => {
                let now = unix_ms();
                Ok(VendorTime {
                    wall_ms: now,
                    now_ms: now,
                    speed: 1.0,
                })
            }
            VendorClock::Simulator { url, http } => {
                let bytes = http
                    .get(format!("{url}/_sim/clock"))
                    .send()
                    .await
                    .map_err(|e| format!("the simulator's clock could not be read: {e}"))?
                    .bytes()
                    .await
                    .map_err(|e| format!("the simulator's clock could not be read: {e}"))?;
                let body: Value = serde_json::from_slice(&bytes)
                    .map_err(|e| format!("the simulator's clock answer is not JSON: {e}"))?;
                let now_ms = body.get("now_ms").and_then(Value::as_i64);
                let speed = body.get("speed").and_then(Value::as_f64);
                match (now_ms, speed) {
                    (Some(now_ms), Some(speed)) => Ok(VendorTime {
                        wall_ms: unix_ms(),
                        now_ms,
                        speed,
                    }),
                    _ => Err(format!("unexpected simulator clock answer: {body}")),
                }
            }
        }
    }
}
