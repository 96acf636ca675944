//! Bookkeeping that is not part of the saved world, rebuilt from the store on first use after a
//! start or restore:
//! - the **due-queue**: a min-heap of (simulated instant, call or batch) for post-call webhooks and
//!   v2 batch final events, so a tick pops only what became due (O(k log n), never a scan of a
//!   million calls). A stopped call is pushed again at its cancel instant; the natural-end entry it
//!   leaves behind is skipped when it pops because the call is already in `Store::webhooked`;
//! - **concurrency slots** per API key: the end instants of the calls occupying a slot;
//! - the **same-number window**: when each (key, number) was last called.

use super::view::{self, CallCtx};
use crate::Inner;
use crate::state::{SimCall, Store};
use crate::webhooks::{Delivery, DeliveryState, WebhookKind};
use callplane_core::Vendor;
use callplane_core::secret::Secret;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};
use std::sync::MutexGuard;

const CALL: u8 = 0;
const BATCH: u8 = 1;

#[derive(Debug, Default)]
pub struct Book {
    primed: bool,
    due: BinaryHeap<Reverse<(i64, u8, u32)>>,
    slots: HashMap<String, BTreeSet<(i64, u64)>>,
    /// (owner, number) → when it was last called, keyed by [`number_key`]: 24 bytes per number
    /// where two `String`s took ≈ 120.
    last_call: HashMap<(u32, u64), i64>,
    /// Size of `last_call` at which the next prune runs; doubles when a prune frees little, so a
    /// frozen clock (where nothing ages out) costs O(1) amortised per call instead of a full scan.
    prune_at: usize,
}

/// `last_call` is pruned once it holds this many numbers (then at twice its size after each prune).
const PRUNE_FLOOR: usize = 200_000;

/// A compact key for (owner, number). Bland owners are API key indexes (`"0"`, `"1"`, …); an E.164
/// number (`+` and at most 18 digits, no leading zero) is its digits as an integer, which is unique.
/// Anything else (never stored for Bland, whose numbers the core normalises) gets a 64-bit hash
/// with the top bit set, so it cannot meet a number's key.
fn number_key(owner: &str, number: &str) -> (u32, u64) {
    let owner_key = owner
        .parse::<u32>()
        .unwrap_or_else(|_| hash(owner) as u32 | 1 << 31);
    let digits = number.strip_prefix('+').unwrap_or("");
    let number_key = if (1..=18).contains(&digits.len())
        && !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        digits.parse::<u64>().unwrap_or(0)
    } else {
        hash(number) | 1 << 63
    };
    (owner_key, number_key)
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// When the call reaches its terminal state (a stop before the natural end wins).
pub fn terminal_at(c: &SimCall) -> i64 {
    c.terminal_ms()
}

/// The book, rebuilt from the store first if this is its first use since start or restore.
pub fn primed<'a>(inner: &'a Inner, store: &Store, now: i64) -> MutexGuard<'a, Book> {
    let mut book = inner.vendors.bland.book();
    if !book.primed {
        // Numbers are remembered only while the same-number rule is on (`Limits` never change
        // while the simulator runs): with it off, a million calls need no entry each.
        book.prime(
            store,
            now,
            inner.config.limits.bland_same_number_seconds.is_some(),
        );
    }
    book
}

impl Book {
    fn prime(&mut self, store: &Store, now: i64, track_numbers: bool) {
        self.primed = true;
        for (i, c) in store.calls.iter().enumerate() {
            if c.vendor != Vendor::Bland {
                continue;
            }
            let end = terminal_at(c);
            if !store.webhooked.contains(&c.seq) && view::option(store, c, "webhook").is_some() {
                self.push_call(end, i);
            }
            if end > now && !store.bland.pre_queue.contains(&c.seq) {
                // Conservative: a restored backlog holds its slots until it drains.
                self.occupy(&c.owner, end, c.seq);
                if track_numbers {
                    self.note_call(&c.owner, &c.to, c.created_ms);
                }
            }
        }
        for (i, b) in store.batches.iter().enumerate() {
            if b.vendor == Vendor::Bland && b.api == "v2" && !b.final_webhook_sent {
                self.push_batch(now, i);
            }
        }
    }

    pub fn push_call(&mut self, due_ms: i64, index: usize) {
        self.due.push(Reverse((
            due_ms,
            CALL,
            u32::try_from(index).unwrap_or(u32::MAX),
        )));
    }

    pub fn push_batch(&mut self, due_ms: i64, index: usize) {
        self.due.push(Reverse((
            due_ms,
            BATCH,
            u32::try_from(index).unwrap_or(u32::MAX),
        )));
    }

    /// Milliseconds until `to` may be called again by `owner` (`None`: now is fine).
    pub fn same_number_wait(&self, owner: &str, to: &str, now: i64, window_ms: i64) -> Option<i64> {
        let last = self.last_call.get(&number_key(owner, to))?;
        let free = last + window_ms;
        (free > now).then_some(free - now)
    }

    pub fn note_call(&mut self, owner: &str, to: &str, at: i64) {
        // Keep the map bounded: forget numbers last called long ago (well past any window).
        if self.last_call.len() > self.prune_at.max(PRUNE_FLOOR) {
            let horizon = at - 3_600_000;
            self.last_call.retain(|_, t| *t > horizon);
            self.prune_at = (self.last_call.len() * 2).max(PRUNE_FLOOR);
        }
        let e = self.last_call.entry(number_key(owner, to)).or_insert(at);
        *e = (*e).max(at);
    }

    /// Calls of `owner` holding a slot at `now`.
    pub fn live(&mut self, owner: &str, now: i64) -> usize {
        let Some(set) = self.slots.get_mut(owner) else {
            return 0;
        };
        while set.first().is_some_and(|(end, _)| *end <= now) {
            set.pop_first();
        }
        set.len()
    }

    /// The instant a queued batch call can start: now while a slot is free, else when the
    /// earliest-ending call frees one (whose slot it then takes).
    pub fn slot_start(&mut self, owner: &str, now: i64, cap: usize) -> i64 {
        if self.live(owner, now) < cap {
            return now;
        }
        self.slots
            .get_mut(owner)
            .and_then(BTreeSet::pop_first)
            .map_or(now, |(end, _)| end.max(now))
    }

    pub fn occupy(&mut self, owner: &str, end: i64, seq: u64) {
        self.slots
            .entry(owner.to_owned())
            .or_default()
            .insert((end, seq));
    }

    /// A call stopped at `at`: its slot frees then.
    pub fn release(&mut self, owner: &str, old_end: i64, seq: u64, at: i64) {
        if let Some(set) = self.slots.get_mut(owner)
            && set.remove(&(old_end, seq))
        {
            set.insert((at, seq));
        }
    }
}

/// `https://` receivers on this machine are reached over plain HTTP: the simulator has no TLS,
/// and Bland (and the core) accept only https webhook URLs. Other URLs are left as they are (the
/// deliverer refuses anything that is not local plain HTTP and records why).
pub fn delivery_url(url: &str) -> String {
    let Some(rest) = url.strip_prefix("https://") else {
        return url.to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        format!("http://{rest}")
    } else {
        url.to_owned()
    }
}

/// The post-call webhook of a terminal call: the call object, signed.
pub fn post_call_delivery(cx: &CallCtx, url: &str, secret: &Secret, now: i64) -> Delivery {
    let body = view::call_object(cx, now, true);
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let signature = callplane_core::sign::bland::sign_webhook(secret, &bytes);
    Delivery {
        id: 0,
        kind: WebhookKind::PostCall,
        url: delivery_url(url),
        call_id: Some(cx.call.id.clone()),
        batch_id: cx.call.group_id.as_ref().map(|g| g.to_string()),
        event_ms: terminal_at(cx.call),
        headers: vec![(
            callplane_core::sign::bland::WEBHOOK_SIGNATURE_HEADER.to_owned(),
            signature,
        )],
        body,
        attempts: Vec::new(),
        state: DeliveryState::Pending,
    }
}

/// Pop everything due at the simulated "now" and build its deliveries.
pub fn collect_due(inner: &Inner) -> Vec<Delivery> {
    let now = inner.clock.now_ms();
    let secret = Secret::new(inner.config.credentials.bland.webhook_secret.clone());
    let mut store = inner.store();
    let mut book = primed(inner, &store, now);
    let mut out = Vec::new();
    while let Some(&Reverse((due, kind, idx))) = book.due.peek() {
        if due > now {
            break;
        }
        book.due.pop();
        let idx = idx as usize;
        if kind == BATCH {
            match super::batches_v2::final_event(&store, idx, now) {
                super::batches_v2::Final::Send(d) => {
                    if let Some(b) = store.batches.get_mut(idx) {
                        b.final_webhook_sent = true;
                    }
                    out.push(*d);
                }
                super::batches_v2::Final::NotYet(at) => book.push_batch(at.max(now + 1), idx),
                super::batches_v2::Final::Skip => {}
            }
            continue;
        }
        let Some(call) = store.calls.get(idx) else {
            continue;
        };
        if store.webhooked.contains(&call.seq) {
            continue;
        }
        let end = terminal_at(call);
        if end > now {
            book.push_call(end, idx);
            continue;
        }
        let seq = call.seq;
        let cx = view::context(&store, call);
        let delivery = cx
            .opts
            .get("webhook")
            .and_then(serde_json::Value::as_str)
            .map(|url| post_call_delivery(&cx, url, &secret, now));
        store.webhooked.insert(seq);
        out.extend(delivery);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_https_is_delivered_over_http() {
        assert_eq!(
            delivery_url("https://127.0.0.1:8080/hook?x=1"),
            "http://127.0.0.1:8080/hook?x=1"
        );
        assert_eq!(delivery_url("https://localhost/h"), "http://localhost/h");
        assert_eq!(delivery_url("https://[::1]:9/h"), "http://[::1]:9/h");
        assert_eq!(
            delivery_url("https://example.com/hook"),
            "https://example.com/hook"
        );
        assert_eq!(
            delivery_url("https://127.0.0.1.evil.com/h"),
            "https://127.0.0.1.evil.com/h"
        );
    }

    #[test]
    fn number_keys_are_distinct_per_owner_and_number() {
        let keys = [
            number_key("0", "+12015550100"),
            number_key("0", "+12015550101"),
            number_key("1", "+12015550100"),
            number_key("0", "+442079460958"),
            number_key("0", "+999999999999999999"),
            // Not E.164: hashed, top bit set, never equal to a number's digits.
            number_key("0", "12015550100"),
            number_key("0", "+012015550100"),
            number_key("0", "+1201555010x"),
            number_key("key", "+12015550100"),
        ];
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        assert_eq!(keys[0], (0, 12_015_550_100));
        assert!(keys[5..8].iter().all(|(_, n)| n >> 63 == 1));
        assert_eq!(keys[8].0 >> 31, 1);
        // The same pair always gives the same key.
        assert_eq!(number_key("0", "+12015550100"), keys[0]);
    }

    #[test]
    fn slots_queue_batch_calls_behind_the_earliest_end() {
        let mut b = Book::default();
        b.occupy("0", 100, 1);
        b.occupy("0", 50, 2);
        assert_eq!(b.live("0", 0), 2);
        // Full at cap 2: the next call starts when the call ending at 50 frees its slot.
        assert_eq!(b.slot_start("0", 0, 2), 50);
        b.occupy("0", 80, 3);
        assert_eq!(b.live("0", 60), 2);
        assert_eq!(b.live("0", 100), 0);
        b.release("0", 80, 3, 70);
        assert!(b.slots["0"].is_empty());
        b.note_call("0", "+1", 1_000);
        assert_eq!(b.same_number_wait("0", "+1", 5_000, 10_000), Some(6_000));
        assert_eq!(b.same_number_wait("0", "+1", 11_000, 10_000), None);
    }
}
