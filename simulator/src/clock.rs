//! Two clocks. Signatures are checked against the *real* wall clock (clients sign with real time, and
//! the vendors' windows are real minutes); call lifecycles run on the *simulated* clock, which starts at
//! real time, runs `speed` times faster, and can be pushed forward with `POST /_sim/clock/advance`.

use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Real Unix milliseconds.
pub fn real_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[derive(Debug)]
pub struct SimClock {
    state: Mutex<Anchor>,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    real: Instant,
    sim_ms: i64,
    speed: f64,
}

impl SimClock {
    /// A clock that starts at `start_ms` and runs `speed` simulated seconds per real second.
    pub fn new(start_ms: i64, speed: f64) -> Self {
        SimClock {
            state: Mutex::new(Anchor {
                real: Instant::now(),
                sim_ms: start_ms,
                speed: sanitize_speed(speed),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Anchor> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Simulated Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        let a = *self.lock();
        a.sim_ms + (a.real.elapsed().as_secs_f64() * 1000.0 * a.speed) as i64
    }

    pub fn speed(&self) -> f64 {
        self.lock().speed
    }

    /// Jump forward (never backward: lifecycles and webhooks assume time only grows).
    pub fn advance_ms(&self, ms: i64) -> i64 {
        let mut a = self.lock();
        let now = a.sim_ms + (a.real.elapsed().as_secs_f64() * 1000.0 * a.speed) as i64;
        a.sim_ms = now + ms.max(0);
        a.real = Instant::now();
        a.sim_ms
    }

    pub fn set_speed(&self, speed: f64) {
        let mut a = self.lock();
        let now = a.sim_ms + (a.real.elapsed().as_secs_f64() * 1000.0 * a.speed) as i64;
        a.sim_ms = now;
        a.real = Instant::now();
        a.speed = sanitize_speed(speed);
    }

    /// Restore to a saved simulated time (state file), keeping the speed.
    pub fn restore(&self, sim_ms: i64) {
        let mut a = self.lock();
        a.sim_ms = sim_ms;
        a.real = Instant::now();
    }
}

fn sanitize_speed(speed: f64) -> f64 {
    if speed.is_finite() && speed >= 0.0 {
        speed
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_clock_moves_only_by_advance() {
        let c = SimClock::new(1_000_000, 0.0);
        assert_eq!(c.now_ms(), 1_000_000);
        assert_eq!(c.advance_ms(90_000), 1_090_000);
        assert_eq!(c.now_ms(), 1_090_000);
        // Never backwards.
        c.advance_ms(-5);
        assert_eq!(c.now_ms(), 1_090_000);
    }

    #[test]
    fn speed_scales_real_time() {
        let c = SimClock::new(0, 1000.0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        // 20 real ms at 1000x is at least 20 simulated seconds.
        assert!(c.now_ms() >= 20_000, "{}", c.now_ms());
        c.set_speed(f64::NAN);
        assert_eq!(c.speed(), 1.0);
    }
}
