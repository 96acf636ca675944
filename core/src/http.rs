//! Sans-IO HTTP messages. The core builds [`HttpRequest`]s and reads [`HttpResponse`]s; the bindings and
//! the simulator move them over a real transport. Nothing here opens a socket.
//!
//! Headers are an ordered list of `(name, value)` pairs: order is preserved exactly as built or as
//! received (some vendors' signatures depend on which headers exist, never on their order, but logs and
//! tests read better when order is kept), and names are compared ASCII-case-insensitively on lookup,
//! as HTTP requires (RFC 9110 §5.1).

use std::fmt;

/// An HTTP request, before it is sent (client side) or after it was received (server side).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method, upper case as sent on the wire (`GET`, `POST`).
    pub method: String,
    /// The absolute target: `scheme://host[:port]/path[?query]`. The path and query are kept exactly
    /// as they go on the wire (already percent-encoded): signers read them byte for byte.
    pub url: String,
    /// Header fields in order. Names keep their spelling; lookups ignore ASCII case.
    pub headers: Vec<(String, String)>,
    /// The body bytes exactly as sent (never re-serialised: signatures cover these bytes).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request with no headers and an empty body.
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        HttpRequest {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Builder form of [`HttpRequest::push_header`].
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.push_header(name, value);
        self
    }

    /// Builder form: replaces the body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The first value of header `name` (ASCII-case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// Every value of header `name`, in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        headers_named(&self.headers, name)
    }

    /// Appends a header, keeping any existing header of the same name.
    pub fn push_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Sets header `name` to exactly one value: the first existing header of that name (any case) is
    /// overwritten in place (keeping its position and spelling), later duplicates are removed; if
    /// there was none, the header is appended.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        set_header_in(&mut self.headers, name, value.into());
    }

    /// Removes every header called `name`; returns how many were removed.
    pub fn remove_header(&mut self, name: &str) -> usize {
        let before = self.headers.len();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        before - self.headers.len()
    }

    /// The URL split into scheme, authority, path and query, borrowed from [`HttpRequest::url`].
    pub fn url_parts(&self) -> Result<UrlParts<'_>, UrlError> {
        UrlParts::parse(&self.url)
    }
}

impl fmt::Debug for HttpRequest {
    /// Header values are shown, except those that carry credentials; the body is summarised. A
    /// request's `Debug` therefore never prints an API key, a signature or a session token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodySummary(&self.body))
            .finish()
    }
}

/// An HTTP response as received (client side) or about to be sent (server side).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (`200`, `400`).
    pub status: u16,
    /// Header fields in order; lookups ignore ASCII case.
    pub headers: Vec<(String, String)>,
    /// The body bytes exactly as received.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with no headers and an empty body.
    pub fn new(status: u16) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The first value of header `name` (ASCII-case-insensitive), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// Every value of header `name`, in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        headers_named(&self.headers, name)
    }

    /// Sets header `name` to exactly one value (see [`HttpRequest::set_header`]).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        set_header_in(&mut self.headers, name, value.into());
    }

    /// True for 2xx statuses.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodySummary(&self.body))
            .finish()
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn headers_named<'a>(
    headers: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .iter()
        .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn set_header_in(headers: &mut Vec<(String, String)>, name: &str, value: String) {
    let mut value = Some(value);
    headers.retain_mut(|(n, v)| {
        if !n.eq_ignore_ascii_case(name) {
            return true;
        }
        match value.take() {
            Some(new) => {
                *v = new;
                true
            }
            None => false,
        }
    });
    if let Some(v) = value {
        headers.push((name.to_owned(), v));
    }
}

/// Headers whose values are credentials: never printed by `Debug`.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "x-tc-token",
    "x-acs-security-token",
    "x-acs-bearer-token",
    "encrypted_key",
    "cookie",
    "set-cookie",
];

struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (n, v) in self.0 {
            if SENSITIVE_HEADERS.iter().any(|s| n.eq_ignore_ascii_case(s)) {
                list.entry(&(n, crate::secret::REDACTED));
            } else {
                list.entry(&(n, v));
            }
        }
        list.finish()
    }
}

struct BodySummary<'a>(&'a [u8]);

impl fmt::Debug for BodySummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies can carry secrets too (Tencent CreateAICall.APIKey), so only the size is shown.
        write!(f, "<{} bytes>", self.0.len())
    }
}

/// An absolute URL split into its parts, borrowed from the original string. No decoding happens:
/// signers need the bytes exactly as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// `https`, `http`.
    pub scheme: &'a str,
    /// `host` or `host:port` (or `[v6]:port`).
    pub authority: &'a str,
    /// The path as sent; `/` when the URL has none (as WHATWG URL parsing gives for http(s)).
    pub path: &'a str,
    /// The query without its `?`; empty when there is none. A `#fragment` is never part of it.
    pub query: &'a str,
}

impl<'a> UrlParts<'a> {
    /// Splits `scheme://authority/path?query#fragment`. Rejects relative URLs, an empty host and
    /// userinfo (`user:pass@host`), which no vendor API uses and which would put a credential in logs.
    pub fn parse(url: &'a str) -> Result<Self, UrlError> {
        // Byte scans only: this runs on every signature.
        let bytes = url.as_bytes();
        let scheme_len = bytes
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .unwrap_or(bytes.len());
        if scheme_len == 0 || bytes.get(scheme_len..scheme_len + 3) != Some(b"://".as_slice()) {
            return Err(UrlError::NotAbsolute);
        }
        let (scheme, rest) = (&url[..scheme_len], &url[scheme_len + 3..]);
        let rest_bytes = rest.as_bytes();
        let mut auth_end = rest_bytes.len();
        for (i, &b) in rest_bytes.iter().enumerate() {
            match b {
                b'/' | b'?' | b'#' => {
                    auth_end = i;
                    break;
                }
                b'@' => return Err(UrlError::Userinfo),
                _ if b.is_ascii_whitespace() || b.is_ascii_control() => {
                    return Err(UrlError::InvalidHost);
                }
                _ => {}
            }
        }
        if auth_end == 0 {
            return Err(UrlError::EmptyHost);
        }
        let (authority, rest) = rest.split_at(auth_end);
        let rest = match rest.find('#') {
            Some(i) => &rest[..i],
            None => rest,
        };
        let (path, query) = match rest.find('?') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        Ok(UrlParts {
            scheme,
            authority,
            path: if path.is_empty() { "/" } else { path },
            query,
        })
    }

    /// The host without a port (`ccc.tencentcloudapi.com`, `127.0.0.1`, `[::1]`).
    pub fn host(&self) -> &'a str {
        strip_port(self.authority)
    }
}

/// `host:port` → `host`; leaves `host`, `[v6]` alone.
pub fn strip_port(authority: &str) -> &str {
    if let Some(end) = authority.strip_prefix('[').and_then(|r| r.find(']')) {
        return &authority[..end + 2];
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// Why a URL could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// Not of the form `scheme://…`.
    NotAbsolute,
    /// `scheme://` is followed by no host.
    EmptyHost,
    /// The host part contains whitespace or control characters.
    InvalidHost,
    /// `user:pass@host` is not supported.
    Userinfo,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::NotAbsolute => "the URL is not absolute (scheme://host/path)",
            UrlError::EmptyHost => "the URL has no host",
            UrlError::InvalidHost => "the URL's host contains whitespace or control characters",
            UrlError::Userinfo => "user:password@ in a URL is not supported",
        })
    }
}

impl std::error::Error for UrlError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts_split_without_decoding() {
        type Parts<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);
        let cases: &[(&str, Parts)] = &[
            (
                "https://ccc.tencentcloudapi.com/",
                (
                    "https",
                    "ccc.tencentcloudapi.com",
                    "ccc.tencentcloudapi.com",
                    "/",
                    "",
                ),
            ),
            (
                "https://ecs.aliyuncs.com/?A=%20b&C=d#frag",
                (
                    "https",
                    "ecs.aliyuncs.com",
                    "ecs.aliyuncs.com",
                    "/",
                    "A=%20b&C=d",
                ),
            ),
            (
                "http://127.0.0.1:8080?x=1",
                ("http", "127.0.0.1:8080", "127.0.0.1", "/", "x=1"),
            ),
            (
                "http://[::1]:9/a/b%2F?",
                ("http", "[::1]:9", "[::1]", "/a/b%2F", ""),
            ),
        ];
        for (url, (scheme, authority, host, path, query)) in cases {
            let p = UrlParts::parse(url).unwrap();
            assert_eq!(
                (p.scheme, p.authority, p.host(), p.path, p.query),
                (*scheme, *authority, *host, *path, *query),
                "{url}"
            );
        }
    }

    #[test]
    fn url_parts_rejects_what_cannot_be_signed() {
        assert_eq!(UrlParts::parse("/relative"), Err(UrlError::NotAbsolute));
        assert_eq!(UrlParts::parse("https:///x"), Err(UrlError::EmptyHost));
        assert_eq!(UrlParts::parse("https://u:p@h/"), Err(UrlError::Userinfo));
        assert_eq!(UrlParts::parse("https://a b/"), Err(UrlError::InvalidHost));
    }

    #[test]
    fn headers_are_case_insensitive_and_ordered() {
        let mut r = HttpRequest::new("POST", "https://h/")
            .with_header("Content-Type", "a")
            .with_header("X-One", "1")
            .with_header("content-type", "b");
        assert_eq!(r.header("CONTENT-TYPE"), Some("a"));
        assert_eq!(
            r.header_values("content-type").collect::<Vec<_>>(),
            ["a", "b"]
        );
        r.set_header("content-TYPE", "c");
        assert_eq!(
            r.headers,
            vec![
                ("Content-Type".to_owned(), "c".to_owned()),
                ("X-One".to_owned(), "1".to_owned())
            ]
        );
        r.set_header("X-Two", "2");
        assert_eq!(r.headers.last().map(|(n, _)| n.as_str()), Some("X-Two"));
        assert_eq!(r.remove_header("x-one"), 1);
        assert_eq!(r.header("X-One"), None);
    }

    #[test]
    fn debug_redacts_credentials_and_bodies() {
        let r = HttpRequest::new("POST", "https://h/")
            .with_header("Authorization", "TC3-HMAC-SHA256 Credential=AKID/…")
            .with_header("X-TC-Token", "sts-token-value")
            .with_header("Host", "h")
            .with_body(&b"{\"APIKey\":\"sk-live\"}"[..]);
        let dbg = format!("{r:?}");
        assert!(!dbg.contains("AKID"), "{dbg}");
        assert!(!dbg.contains("sts-token"), "{dbg}");
        assert!(!dbg.contains("sk-live"), "{dbg}");
        assert!(dbg.contains("\"Host\", \"h\""), "{dbg}");
    }
}
