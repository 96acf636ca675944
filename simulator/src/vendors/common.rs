//! What every vendor handler shares: faults, call creation, ids, and the conversion of an incoming
//! request into the core's `HttpRequest` for the core's verifiers (the simulator never re-implements
//! signing or verification).

use crate::Inner;
use crate::compact::Shared;
use crate::faults::InjectedError;
use crate::http::Incoming;
use crate::outcome::{Plan, plan_for, splitmix64};
use crate::state::{SimCall, Store};
use callplane_core::Vendor;
use callplane_core::http::HttpRequest;
use std::sync::Arc;
use std::time::Duration;

/// Run `f` on the request as the core's verifiers read it: `http://{Host}{path}?{query}`, headers
/// and body as received (signatures cover these bytes). The headers and body are lent to the core's
/// `HttpRequest` and given back afterwards, so a request is not copied to be verified.
pub fn with_core_request<R>(req: &mut Incoming, f: impl FnOnce(&HttpRequest) -> R) -> R {
    let host = req.header("host").unwrap_or("127.0.0.1");
    let url = if req.query.is_empty() {
        format!("http://{host}{}", req.path)
    } else {
        format!("http://{host}{}?{}", req.path, req.query)
    };
    let core = HttpRequest {
        method: std::mem::take(&mut req.method),
        url,
        headers: std::mem::take(&mut req.headers),
        // Free when the body's buffer is not shared, one copy otherwise.
        body: Vec::from(std::mem::take(&mut req.body)),
    };
    let out = f(&core);
    req.method = core.method;
    req.headers = core.headers;
    req.body = bytes::Bytes::from(core.body);
    out
}

/// What the fault rules decided for one request, after any added latency has been waited out.
#[derive(Debug, Clone, Default)]
pub struct FaultAction {
    /// Answer with this vendor error instead of doing the work.
    pub error: Option<InjectedError>,
    /// Do the work, then hold the answer this long and drop the connection.
    pub hang_ms: Option<u64>,
}

/// Apply the fault rules for `vendor`/`operation`: sleep the added latency, then say what to do.
pub async fn faults(inner: &Arc<Inner>, vendor: Vendor, operation: &str) -> FaultAction {
    let decision = inner.faults().decide(vendor, operation, &inner.dice);
    if decision.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(decision.latency_ms)).await;
    }
    FaultAction {
        error: decision.error,
        hang_ms: decision.hang_ms,
    }
}

/// The five groups of a deterministic UUID (version 4 layout) for the seed and a sequence number.
fn uuid_groups(seed: u64, seq: u64) -> (u32, u16, u16, u16, u64) {
    let h = splitmix64(seed ^ seq.wrapping_mul(0xA24B_AED4_963E_E407));
    let l = splitmix64(h ^ 0x5851_F42D_4C95_7F2D);
    (
        (h >> 32) as u32,
        (h >> 16) as u16,
        0x4000 | (h as u16 & 0x0fff),
        ((l >> 48) as u16 & 0x3fff) | 0x8000,
        l & 0xffff_ffff_ffff,
    )
}

/// A deterministic UUID-shaped id (version 4 layout) from the seed and a sequence number.
pub fn uuid(seed: u64, seq: u64) -> String {
    let (a, b, c, d, e) = uuid_groups(seed, seq);
    format!("{a:08x}-{b:04x}-{c:04x}-{d:04x}-{e:012x}")
}

/// 32 lowercase hex digits (Tencent SessionId style) from the seed and a sequence number: the
/// UUID of the same seed and number without its dashes.
pub fn hex32(seed: u64, seq: u64) -> String {
    let (a, b, c, d, e) = uuid_groups(seed, seq);
    format!("{a:08x}{b:04x}{c:04x}{d:04x}{e:012x}")
}

/// Everything a new call needs; `plan` is filled from the seed and the callee.
pub struct NewCall {
    pub vendor: Vendor,
    pub id: String,
    /// The batch's id, shared (`SimBatch::id`).
    pub group_id: Option<Shared>,
    pub to: String,
    pub from: Option<String>,
    /// The store's shared copy (`Store::owner`).
    pub owner: Shared,
    pub request: u32,
    /// Compact JSON text of the call's own row (`state::row_text_of`).
    pub row: Option<Box<str>>,
}

/// The callee is refused by the vendor at creation (magic suffix 07: blacklist / do-not-call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub to: String,
}

/// The plan for a callee under this simulator's seed; `Err` when the vendor refuses the number.
pub fn plan(inner: &Inner, to_e164: &str) -> Result<Plan, Refused> {
    plan_for(inner.config.seed, to_e164).ok_or_else(|| Refused {
        to: to_e164.to_owned(),
    })
}

/// Insert a call created at simulated time `now_ms`.
pub fn insert_call(store: &mut Store, plan: Plan, now_ms: i64, c: NewCall) -> usize {
    let seq = store.next_seq();
    store.insert_call(SimCall {
        seq,
        vendor: c.vendor,
        id: c.id,
        group_id: c.group_id,
        to: c.to.as_str().into(),
        from: c.from.as_deref().map(Into::into),
        created_ms: now_ms,
        plan,
        canceled_ms: None,
        owner: c.owner,
        request: c.request,
        row: c.row,
    })
}

/// ISO-8601 UTC with milliseconds (`2026-11-21T06:00:00.000Z`), as Bland reports times.
pub fn iso8601_ms(ms: i64) -> String {
    chrono_like(ms, true)
}

/// `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8), as Alibaba reports times.
pub fn cst(ms: i64) -> String {
    callplane_core::aliyun::time::unix_ms_to_cst(ms).unwrap_or_default()
}

fn chrono_like(ms: i64, z: bool) -> String {
    // Civil-from-days (Howard Hinnant), no chrono dependency needed here.
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let z_days = days + 719_468;
    let era = z_days.div_euclid(146_097);
    let doe = z_days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}{}",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60,
        if z { "Z" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_distinct() {
        assert_eq!(uuid(1, 1), uuid(1, 1));
        assert_ne!(uuid(1, 1), uuid(1, 2));
        assert_ne!(uuid(1, 1), uuid(2, 1));
        assert_eq!(uuid(1, 1).len(), 36);
        assert_eq!(hex32(1, 1).len(), 32);
        for (seed, seq) in [(0, 0), (1, 1), (7, 123_456), (u64::MAX, u64::MAX)] {
            let u = uuid(seed, seq);
            assert_eq!(hex32(seed, seq), u.replace('-', ""));
            assert_eq!(u.as_bytes()[14], b'4', "{u}");
            assert!(matches!(u.as_bytes()[19], b'8' | b'9' | b'a' | b'b'), "{u}");
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601_ms(1_763_700_000_123), "2025-11-21T04:40:00.123Z");
        assert_eq!(iso8601_ms(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}
