//! Field checks shared by the ccc validators. Each pushes issues into a [`Report`] and never stops
//! at the first problem.

use crate::Vendor;
use crate::issue::{IssueCode, Path, Report};
use crate::json::Extra;
use crate::phone::{self, PhoneNumber};
use crate::tencent::url::{HttpUrl, parse_http_url};

/// Seconds in a day, for the lookup windows Tencent documents in days.
pub(crate) const DAY_S: i64 = 86_400;

/// Unix seconds above this are almost certainly milliseconds (it is the year 5138 in seconds).
/// Tencent's lookups take seconds; Bland and Aliyun use milliseconds in places, so the mix-up is
/// likely for callplane users.
const MAX_PLAUSIBLE_UNIX_S: i64 = 100_000_000_000;

/// `SdkAppId`: required, a positive integer (console.tencentcloud.com/ccc shows it, e.g. 1400000000).
pub(crate) fn sdk_app_id(v: Option<i64>, at: &Path, r: &mut Report) {
    let p = at.field("SdkAppId");
    match v {
        None => r.error(
            IssueCode::Required,
            p,
            "SdkAppId is required (the ccc application ID from the console)",
        ),
        Some(n) if n <= 0 => r.error(
            IssueCode::OutOfRange,
            p,
            format!("SdkAppId must be a positive application ID, got {n}"),
        ),
        Some(_) => {}
    }
}

/// A required non-blank string.
pub(crate) fn required_str(v: &str, p: Path, what: &str, r: &mut Report) -> bool {
    if v.trim().is_empty() {
        r.error(IssueCode::Required, p, format!("{what} is required"));
        false
    } else {
        true
    }
}

/// A phone number as Tencent accepts it (`+86…`, `0086…` or a national CN number), reported at `p`
/// with the phone module's own code and message.
pub(crate) fn phone_number(v: &str, p: Path, r: &mut Report) -> Option<PhoneNumber> {
    match phone::parse_for(Vendor::Tencent, v) {
        Ok(n) => Some(n),
        Err(e) => {
            r.error(e.issue_code(), p, e.message.clone());
            None
        }
    }
}

/// The ccc wire form (`0086…`) of `v`, or `v` unchanged when it does not parse (the validator has
/// reported it; building a body never guesses).
pub(crate) fn wire_number(v: &str) -> String {
    phone::parse_for(Vendor::Tencent, v)
        .and_then(|n| phone::to_wire(Vendor::Tencent, &n))
        .unwrap_or_else(|_| v.to_owned())
}

/// An absolute http(s) URL Tencent's servers will call. Plain http draws a warning when
/// `secret_travels` (the request carries a key to that URL).
pub(crate) fn http_url<'a>(
    v: &'a str,
    p: Path,
    secret_travels: bool,
    r: &mut Report,
) -> Option<HttpUrl<'a>> {
    match parse_http_url(v) {
        Ok(u) => {
            if let Some(why) = unreachable_host(u.host) {
                r.warning(
                    IssueCode::InvalidUrl,
                    p.clone(),
                    format!("{why}: Tencent's servers call this URL from the internet and cannot reach it"),
                );
            }
            if secret_travels && !u.is_https() {
                r.warning(
                    IssueCode::NotHttps,
                    p,
                    "plain http: the API key is sent to this URL unencrypted; use https",
                );
            }
            Some(u)
        }
        Err(msg) => {
            r.error(IssueCode::InvalidUrl, p, msg);
            None
        }
    }
}

/// Hosts Tencent's cloud cannot reach: loopback, unspecified and RFC 1918 private addresses (the
/// doc's own custom-TTS example uses `http://0.0.0.0:8080`, a placeholder).
fn unreachable_host(host: &str) -> Option<&'static str> {
    let h = host.to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") || h == "[::1]" || h.starts_with("127.") {
        return Some("a loopback address");
    }
    if h == "0.0.0.0" || h == "[::]" {
        return Some("the unspecified address 0.0.0.0");
    }
    let octets: Vec<u8> = h.split('.').filter_map(|o| o.parse().ok()).collect();
    let private = match (h.split('.').count(), octets.as_slice()) {
        (4, [10, _, _, _]) | (4, [192, 168, _, _]) => true,
        (4, [172, b, _, _]) => (16..=31).contains(b),
        _ => false,
    };
    private.then_some("a private (RFC 1918) address")
}

/// An optional integer in `[min, max]` (inclusive); `unit` is appended to the message.
pub(crate) fn int_range(v: Option<i64>, p: Path, min: i64, max: i64, unit: &str, r: &mut Report) {
    if let Some(n) = v
        && (n < min || n > max)
    {
        r.error(
            IssueCode::OutOfRange,
            p,
            format!("must be between {min} and {max}{unit}, got {n}"),
        );
    }
}

/// An optional integer that must be one of `allowed`.
pub(crate) fn int_enum(v: Option<i64>, p: Path, allowed: &[(i64, &str)], r: &mut Report) {
    if let Some(n) = v
        && !allowed.iter().any(|(a, _)| *a == n)
    {
        let list: Vec<String> = allowed.iter().map(|(a, m)| format!("{a} ({m})")).collect();
        r.error(
            IssueCode::InvalidEnum,
            p,
            format!("must be one of {}, got {n}", list.join(", ")),
        );
    }
}

/// An optional float in `[min, max]`.
pub(crate) fn float_range(v: Option<f64>, p: Path, min: f64, max: f64, r: &mut Report) {
    if let Some(x) = v
        && !(min..=max).contains(&x)
    {
        r.error(
            IssueCode::OutOfRange,
            p,
            format!("must be between {min} and {max}, got {x}"),
        );
    }
}

/// A Unix timestamp in seconds.
pub(crate) fn unix_seconds(v: i64, p: Path, r: &mut Report) -> bool {
    if v < 0 {
        r.error(
            IssueCode::OutOfRange,
            p,
            format!("must be a Unix timestamp in seconds, got {v}"),
        );
        false
    } else if v > MAX_PLAUSIBLE_UNIX_S {
        r.error(
            IssueCode::InvalidFormat,
            p,
            format!(
                "{v} looks like milliseconds; Tencent takes Unix seconds ({})",
                v / 1000
            ),
        );
        false
    } else {
        true
    }
}

/// A required `[start, end]` window in Unix seconds: both present, plausible and ordered.
/// Returns the window when it is usable for further checks.
pub(crate) fn window(
    start: Option<i64>,
    end: Option<i64>,
    (start_p, end_p): (Path, Path),
    r: &mut Report,
) -> Option<(i64, i64)> {
    let s = match start {
        None => {
            r.error(
                IssueCode::Required,
                start_p.clone(),
                "start of the time window is required (Unix seconds)",
            );
            None
        }
        Some(s) => unix_seconds(s, start_p.clone(), r).then_some(s),
    };
    let e = match end {
        None => {
            r.error(
                IssueCode::Required,
                end_p.clone(),
                "end of the time window is required (Unix seconds)",
            );
            None
        }
        Some(e) => unix_seconds(e, end_p.clone(), r).then_some(e),
    };
    let (s, e) = (s?, e?);
    if e < s {
        r.error(
            IssueCode::OutOfRange,
            end_p,
            format!("must not be before {start_p} ({e} < {s})"),
        );
        return None;
    }
    Some((s, e))
}

/// The CDR-style limits (DescribeTelCdr, DescribeSessionDetail): the window is shorter than 90 days
/// and starts at most 180 days before now ("最大支持近180天", "区间范围小于90天").
pub(crate) fn cdr_window_limits(
    (s, e): (i64, i64),
    now_ms: i64,
    (start_p, end_p): (Path, Path),
    r: &mut Report,
) {
    if e - s >= 90 * DAY_S {
        r.error(
            IssueCode::OutOfRange,
            end_p,
            format!(
                "the window must be shorter than 90 days, got {:.1} days",
                (e - s) as f64 / DAY_S as f64
            ),
        );
    }
    let now_s = now_ms.div_euclid(1000);
    if s < now_s - 180 * DAY_S {
        r.error(
            IssueCode::OutOfRange,
            start_p,
            "Tencent keeps records for 180 days; the window starts earlier than that",
        );
    } else if s > now_s {
        r.warning(
            IssueCode::OutOfRange,
            start_p,
            "the window starts in the future; nothing can match yet",
        );
    }
}

/// Reports every `extra` key that names a field the model already has (set or not): a modelled
/// field goes through validation, an `extra` entry would bypass it.
pub(crate) fn extra_keys(extra: &Extra, fields: &[&str], r: &mut Report) {
    for k in extra.keys() {
        if fields.contains(&k.as_str()) {
            r.error(
                IssueCode::ExtraShadowsField,
                Path::root().field("extra").field(k),
                format!("`{k}` is a modelled field; set it directly instead of through `extra`"),
            );
        }
    }
}

/// Case-insensitive match against a documented list, for "did you mean" hints.
pub(crate) fn suggest<'a>(v: &str, options: &[&'a str]) -> Option<&'a str> {
    options.iter().copied().find(|o| o.eq_ignore_ascii_case(v))
}

/// Prefixes the paths of issues found while reading a nested JSON value (`AppId` →
/// `CustomTTSConfig.AppId`).
pub(crate) fn nest(sub: Report, at: &Path, r: &mut Report) {
    for mut issue in sub.issues {
        issue.path = if issue.path.is_root() {
            at.clone()
        } else if issue.path.as_str().starts_with('[') {
            Path::from(format!("{at}{}", issue.path))
        } else {
            at.field(issue.path.as_str())
        };
        r.push(issue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreachable_hosts_are_the_loopback_unspecified_and_private_ones() {
        for (host, unreachable) in [
            ("localhost", true),
            ("api.localhost", true),
            ("127.0.0.1", true),
            ("[::1]", true),
            ("0.0.0.0", true),
            ("10.1.2.3", true),
            ("172.16.0.1", true),
            ("172.31.255.255", true),
            ("172.32.0.1", false),
            ("192.168.1.1", true),
            ("192.169.1.1", false),
            ("10.example.com", false),
            ("api.openai.com", false),
            ("8.8.8.8", false),
        ] {
            assert_eq!(unreachable_host(host).is_some(), unreachable, "{host}");
        }
    }

    #[test]
    fn timestamps_in_milliseconds_are_caught() {
        let mut r = Report::new();
        assert!(unix_seconds(1_750_000_000, Path::from("t"), &mut r));
        assert!(!unix_seconds(1_750_000_000_000, Path::from("t"), &mut r));
        assert_eq!(r.issues.len(), 1);
        assert!(
            r.issues[0].message.contains("1750000000"),
            "{}",
            r.issues[0].message
        );
    }

    #[test]
    fn nested_paths_are_prefixed() {
        let mut sub = Report::new();
        sub.error(IssueCode::Required, Path::root(), "a");
        sub.error(IssueCode::Required, Path::from("AppId"), "b");
        let mut r = Report::new();
        nest(sub, &Path::from("CustomTTSConfig"), &mut r);
        let paths: Vec<&str> = r.issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["CustomTTSConfig", "CustomTTSConfig.AppId"]);
    }
}
