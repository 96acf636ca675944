//! Field-level rules shared by every Bland operation. Each function checks one documented rule and
//! pushes issues with the field's wire path; none of them panics on any input.

use crate::Context;
use crate::datetime;
use crate::issue::{IssueCode, Path, Report};
use crate::phone::{self, PhoneError};

/// `max_duration` upper bound: "max_duration must be at most 12 hours" (Bland 400 catalogue).
pub const MAX_DURATION_MINUTES: u32 = 12 * 60;
/// `keywords` limit (docs.bland.ai/api-v1/post/calls: "up to 20").
pub const MAX_KEYWORDS: usize = 20;
/// `summary_prompt` must be shorter than this many characters.
pub const SUMMARY_PROMPT_LIMIT: usize = 2000;
/// `first_sentence` "must be less than 200 characters" (older /v1/calls page; warning only).
pub const FIRST_SENTENCE_LIMIT: usize = 200;
/// v2 batch `description` limit.
pub const DESCRIPTION_LIMIT: usize = 60;
/// Scheduled calls "must be scheduled at least 5 minutes in advance" (Bland 400 catalogue).
pub const MIN_SCHEDULE_LEAD_MS: i64 = 5 * 60 * 1000;
/// Recommended `interruption_threshold` range (inbound-update page: "推荐范围：50-200").
pub const INTERRUPTION_THRESHOLD_RANGE: (u32, u32) = (50, 200);

/// The eight language codes of the inbound-update page (and of older /v1/calls pages).
pub const LEGACY_LANGUAGES: &[&str] = &["ENG", "ESP", "FRE", "POL", "GER", "ITA", "PBR", "POR"];

/// Which language vocabulary an endpoint documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageScope {
    /// `POST /v1/inbound/{phone_number}`: only [`LEGACY_LANGUAGES`].
    Inbound,
    /// `/v1/calls`, batches: [`LEGACY_LANGUAGES`] plus the `babel` family (`babel`, `babel-en`,
    /// `babel-es`, …) that the current /v1/calls page documents (default `babel-en`).
    Call,
}

/// Decision (documented in the module docs): the current /v1/calls page uses `babel-xx` codes, the
/// inbound page the eight upper-case codes. A code outside the endpoint's vocabulary is a warning,
/// not an error, because Bland adds languages without notice.
pub fn check_language(lang: &str, scope: LanguageScope, at: &Path, report: &mut Report) {
    if LEGACY_LANGUAGES.contains(&lang) {
        return;
    }
    if scope == LanguageScope::Call && is_babel_code(lang) {
        return;
    }
    let documented = match scope {
        LanguageScope::Inbound => LEGACY_LANGUAGES.join(", "),
        LanguageScope::Call => format!("{} or `babel-<code>`", LEGACY_LANGUAGES.join(", ")),
    };
    report.warning(
        IssueCode::UnknownLanguage,
        at.clone(),
        format!("language `{lang}` is not documented for this endpoint (documented: {documented})"),
    );
}

/// `babel`, `babel-en`, `babel-pt-BR`: the multilingual engine, optionally pinned to a language.
fn is_babel_code(lang: &str) -> bool {
    let Some(rest) = lang.strip_prefix("babel") else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(code) = rest.strip_prefix('-') else {
        return false;
    };
    let mut parts = code.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    primary_ok
        && parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Webhook URLs: Bland refuses anything but `https://` ("webhook must be a string that starts with
/// https://"). A strict small check instead of a URL crate: scheme, a host of letters, digits, dots
/// and dashes (or a bracketed IPv6 literal), an optional port 1–65535, then a path/query without
/// whitespace or control characters.
pub fn check_https_url(url: &str, at: &Path, report: &mut Report) {
    match https_url_problem(url) {
        None => {}
        Some(UrlProblem::NotHttps) => report.error(
            IssueCode::NotHttps,
            at.clone(),
            format!("`{}` must be an https:// URL", truncate_for_message(url)),
        ),
        Some(UrlProblem::Invalid(why)) => report.error(
            IssueCode::InvalidUrl,
            at.clone(),
            format!(
                "`{}` is not a valid https URL: {why}",
                truncate_for_message(url)
            ),
        ),
    }
}

enum UrlProblem {
    NotHttps,
    Invalid(&'static str),
}

fn https_url_problem(url: &str) -> Option<UrlProblem> {
    let Some(colon) = url.find("://") else {
        return Some(UrlProblem::Invalid("no scheme (expected https://host/…)"));
    };
    let scheme = &url[..colon];
    if !scheme.eq_ignore_ascii_case("https") {
        return Some(if scheme.eq_ignore_ascii_case("http") {
            UrlProblem::NotHttps
        } else if scheme.is_empty()
            || !scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
        {
            UrlProblem::Invalid("malformed scheme")
        } else {
            UrlProblem::NotHttps
        });
    }
    let rest = &url[colon + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Some(UrlProblem::Invalid(
            "credentials in the URL are not allowed",
        ));
    }
    let (host, port) = if let Some(after_bracket) = authority.strip_prefix('[') {
        let Some(close) = after_bracket.find(']') else {
            return Some(UrlProblem::Invalid("unclosed IPv6 literal"));
        };
        let ip = &after_bracket[..close];
        if ip.is_empty()
            || !ip
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Some(UrlProblem::Invalid("malformed IPv6 literal"));
        }
        let after = &after_bracket[close + 1..];
        match after.strip_prefix(':') {
            Some(p) => (ip, Some(p)),
            None if after.is_empty() => (ip, None),
            None => {
                return Some(UrlProblem::Invalid(
                    "unexpected text after the IPv6 literal",
                ));
            }
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Some(UrlProblem::Invalid("no host"));
    }
    if !authority.starts_with('[') {
        let labels_ok = host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if !labels_ok || host.len() > 253 {
            return Some(UrlProblem::Invalid("malformed host name"));
        }
    }
    if let Some(p) = port
        && !(p.len() <= 5
            && !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n)))
    {
        return Some(UrlProblem::Invalid("port must be a number from 1 to 65535"));
    }
    if tail.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(UrlProblem::Invalid(
            "whitespace or control characters in the path",
        ));
    }
    None
}

/// Keep user text in messages bounded.
pub fn truncate_for_message(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A phone number in Bland's rules (`+`/`%2B` optional, US when no country code), normalised to
/// Bland's wire format. Pushes the phone error with its own code at `at`.
pub fn check_phone(input: &str, at: &Path, report: &mut Report) -> Option<String> {
    match normalise_phone(input) {
        Ok(wire) => Some(wire.into()),
        Err(e) => {
            report.error(e.issue_code(), at.clone(), e.message.clone());
            None
        }
    }
}

/// `phone::parse_bland` then `phone::to_wire(Bland)`, as an inline [`phone::E164`] (no
/// allocation: a preflight keeps one per row; `String::from` it where a `String` is needed).
pub fn normalise_phone(input: &str) -> Result<phone::E164, PhoneError> {
    // Bland's wire form is E.164 (`phone::to_wire(Vendor::Bland, _)` never refuses a number).
    phone::parse_bland(input).map(|n| n.wire_e164())
}

/// `from` numbers must carry a country code ("Country code is required, spaces or parentheses must
/// be excluded"). callplane normalises the number before sending, so a missing `+` is only a
/// warning saying which country was assumed.
pub fn check_from_number(input: &str, at: &Path, report: &mut Report) -> Option<String> {
    let wire = check_phone(input, at, report)?;
    let trimmed = input.trim();
    if !trimmed.starts_with('+') && !trimmed.starts_with("%2B") && !trimmed.starts_with("%2b") {
        report.warning(
            IssueCode::InvalidFormat,
            at.clone(),
            format!("`{trimmed}` has no country code; Bland requires one here, callplane sends {wire} (US assumed)"),
        );
    }
    Some(wire)
}

/// `max_duration` (minutes): > 0 and at most 12 hours.
pub fn check_max_duration(minutes: u32, at: &Path, report: &mut Report) {
    if minutes == 0 {
        report.error(
            IssueCode::OutOfRange,
            at.clone(),
            "max_duration must be greater than 0 minutes",
        );
    } else if minutes > MAX_DURATION_MINUTES {
        report.error(
            IssueCode::OutOfRange,
            at.clone(),
            format!("max_duration is {minutes} minutes; Bland allows at most 12 hours ({MAX_DURATION_MINUTES} minutes)"),
        );
    }
}

/// `interruption_threshold`: outside the recommended 50–200 is a warning.
pub fn check_interruption_threshold(v: u32, at: &Path, report: &mut Report) {
    let (lo, hi) = INTERRUPTION_THRESHOLD_RANGE;
    if v < lo || v > hi {
        report.warning(
            IssueCode::OutOfRange,
            at.clone(),
            format!("interruption_threshold {v} is outside the recommended range {lo}–{hi}"),
        );
    }
}

/// `timezone`: a real IANA zone (`America/Los_Angeles`).
pub fn check_timezone(tz: &str, at: &Path, report: &mut Report) {
    if !crate::campaign::timezones::is_iana_name(tz) {
        report.error(
            IssueCode::InvalidTimezone,
            at.clone(),
            format!(
                "`{}` is not an IANA time zone (e.g. America/New_York)",
                truncate_for_message(tz)
            ),
        );
    }
}

/// Parse Bland's `start_time`: `YYYY-MM-DD HH:MM:SS` with an optional ` ±HH:MM` offset (UTC when
/// absent; docs.bland.ai/api-v1/post/calls), or RFC 3339. Returns Unix milliseconds.
pub fn parse_start_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(dt) = datetime::parse_rfc3339(s) {
        return Some(dt.timestamp_millis());
    }
    if let Ok(dt) = datetime::parse_ymd_hms_offset(s) {
        return Some(dt.timestamp_millis());
    }
    datetime::parse_ymd_hms(s)
        .ok()
        .map(|dt| dt.and_utc().timestamp_millis())
}

/// `start_time` must parse and lie at least 5 minutes after `ctx.now_ms`.
pub fn check_start_time(s: &str, ctx: &Context, at: &Path, report: &mut Report) {
    match parse_start_time(s) {
        None => report.error(
            IssueCode::InvalidFormat,
            at.clone(),
            format!(
                "`{}` is not a start time (expected `YYYY-MM-DD HH:MM:SS -HH:MM`, e.g. `2025-01-01 12:00:00 -05:00`)",
                truncate_for_message(s)
            ),
        ),
        Some(ms) if ms < ctx.now_ms.saturating_add(MIN_SCHEDULE_LEAD_MS) => report.error(
            IssueCode::NotInFuture,
            at.clone(),
            "calls must be scheduled at least 5 minutes in advance",
        ),
        Some(_) => {}
    }
}

/// `precall_dtmf_sequence`: only `0-9`, `*`, `#` and `w` (a 0.5 s pause).
pub fn check_dtmf(seq: &str, at: &Path, report: &mut Report) {
    if let Some(bad) = seq
        .chars()
        .find(|c| !matches!(c, '0'..='9' | '*' | '#' | 'w'))
    {
        report.error(
            IssueCode::InvalidFormat,
            at.clone(),
            format!("`{bad}` is not allowed in precall_dtmf_sequence (only 0-9, *, # and w)"),
        );
    }
}

/// A string longer than `limit` characters (`strict`: `>= limit` is too long).
pub fn check_len(s: &str, limit: usize, strict: bool, at: &Path, report: &mut Report, warn: bool) {
    let n = s.chars().count();
    let too_long = if strict { n >= limit } else { n > limit };
    if too_long {
        let rule = if strict {
            format!("must be shorter than {limit} characters")
        } else {
            format!("must be at most {limit} characters")
        };
        let msg = format!("{n} characters; {rule}");
        if warn {
            report.warning(IssueCode::TooLong, at.clone(), msg);
        } else {
            report.error(IssueCode::TooLong, at.clone(), msg);
        }
    }
}

/// A required string: absent or blank is a `required` error.
pub fn require_text(value: Option<&String>, at: &Path, what: &str, report: &mut Report) -> bool {
    match value {
        Some(s) if !s.trim().is_empty() => true,
        _ => {
            report.error(
                IssueCode::Required,
                at.clone(),
                format!("{what} is required"),
            );
            false
        }
    }
}

/// A caller-supplied UUIDv7 (`b_cid`): 8-4-4-4-12 hex digits with version nibble 7.
pub fn check_uuid_v7(s: &str, at: &Path, report: &mut Report) {
    let b = s.as_bytes();
    let shape_ok = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    if !shape_ok {
        report.error(
            IssueCode::InvalidFormat,
            at.clone(),
            format!("`{}` is not a UUID", truncate_for_message(s)),
        );
    } else if b.get(14) != Some(&b'7') {
        report.error(
            IssueCode::InvalidFormat,
            at.clone(),
            "b_cid must be a UUIDv7 (version nibble 7)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls() {
        let cases: &[(&str, Option<IssueCode>)] = &[
            ("https://example.com/hook", None),
            ("https://example.com", None),
            ("HTTPS://api.example.co.uk:8443/a/b?x=1#f", None),
            ("https://[2001:db8::1]:443/x", None),
            ("http://example.com/hook", Some(IssueCode::NotHttps)),
            ("ftp://example.com", Some(IssueCode::NotHttps)),
            ("example.com/hook", Some(IssueCode::InvalidUrl)),
            ("https://", Some(IssueCode::InvalidUrl)),
            ("https:///path", Some(IssueCode::InvalidUrl)),
            ("https://exa mple.com", Some(IssueCode::InvalidUrl)),
            ("https://example.com/a b", Some(IssueCode::InvalidUrl)),
            ("https://example.com:0/", Some(IssueCode::InvalidUrl)),
            ("https://example.com:99999/", Some(IssueCode::InvalidUrl)),
            ("https://user:pw@example.com/", Some(IssueCode::InvalidUrl)),
            ("https://-bad.example.com/", Some(IssueCode::InvalidUrl)),
            ("https://[zz::1]/", Some(IssueCode::InvalidUrl)),
            ("://x", Some(IssueCode::InvalidUrl)),
        ];
        for (url, want) in cases {
            let mut r = Report::new();
            check_https_url(url, &Path::from("webhook"), &mut r);
            assert_eq!(r.issues.first().map(|i| i.code), *want, "{url}: {r}");
        }
    }

    #[test]
    fn languages_by_scope() {
        let cases: &[(&str, LanguageScope, bool)] = &[
            ("ENG", LanguageScope::Inbound, true),
            ("PBR", LanguageScope::Inbound, true),
            ("babel-en", LanguageScope::Inbound, false),
            ("babel-en", LanguageScope::Call, true),
            ("babel", LanguageScope::Call, true),
            ("babel-pt-BR", LanguageScope::Call, true),
            ("babel-", LanguageScope::Call, false),
            ("babelfish", LanguageScope::Call, false),
            ("en-US", LanguageScope::Call, false),
            ("eng", LanguageScope::Inbound, false),
        ];
        for (lang, scope, ok) in cases {
            let mut r = Report::new();
            check_language(lang, *scope, &Path::from("language"), &mut r);
            assert_eq!(r.issues.is_empty(), *ok, "{lang} {scope:?}: {r}");
            assert!(r.is_ok(), "language problems are warnings");
        }
    }

    #[test]
    fn start_time_formats() {
        let base = parse_start_time("2025-01-01 12:00:00").unwrap();
        assert_eq!(
            parse_start_time("2025-01-01 12:00:00 -05:00"),
            Some(base + 5 * 3600 * 1000)
        );
        assert_eq!(parse_start_time("2025-01-01T12:00:00Z"), Some(base));
        assert_eq!(parse_start_time("2025-01-01T07:00:00-05:00"), Some(base));
        for bad in ["tomorrow", "2025-13-01 00:00:00", "2025-01-01", ""] {
            assert_eq!(parse_start_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn uuid_v7() {
        for (s, ok) in [
            ("0190b3a2-7c1e-7d4a-9b2e-0123456789ab", true),
            ("0190b3a2-7c1e-4d4a-9b2e-0123456789ab", false),
            ("0190b3a27c1e7d4a9b2e0123456789ab", false),
            ("", false),
        ] {
            let mut r = Report::new();
            check_uuid_v7(s, &Path::from("b_cid"), &mut r);
            assert_eq!(r.issues.is_empty(), ok, "{s}");
        }
    }
}
