//! Reading the suite's case folders (format: shared/SIGNING-SUITE.md).

use callplane_core::http::HttpRequest;
use std::fs;
use std::path::{Path, PathBuf};

/// Parses `request.txt`: request line, `Name: value` header lines (CRLF), an empty line, then the
/// body bytes exactly. The URL becomes `https://<Host><target>`.
pub fn parse_request_txt(bytes: &[u8]) -> Result<HttpRequest, String> {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no empty CRLF line after the headers")?;
    let head =
        std::str::from_utf8(&bytes[..split]).map_err(|e| format!("head is not UTF-8: {e}"))?;
    let body = bytes[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().ok_or("empty request")?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("bad request line {request_line:?}"));
    };
    if version != "HTTP/1.1" || !target.starts_with('/') {
        return Err(format!("bad request line {request_line:?}"));
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        if name.is_empty() || name.contains(' ') {
            return Err(format!("bad header name in {line:?}"));
        }
        // RFC 9112 §5: optional whitespace around the value is not part of it.
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .ok_or("no Host header")?;
    Ok(HttpRequest {
        method: method.to_owned(),
        url: format!("https://{host}{target}"),
        headers,
        body,
    })
}

/// One case folder.
pub struct Case {
    /// `<scheme>/<case>`, for messages.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// The parsed `request.txt`.
    pub request: HttpRequest,
    /// The parsed `context.json`.
    pub context: serde_json::Value,
}

impl Case {
    /// An expected file (no trailing newline by the format), if present.
    pub fn expected(&self, file: &str) -> Option<String> {
        fs::read_to_string(self.dir.join(file)).ok()
    }

    /// A string field of `context.json`.
    pub fn ctx_str(&self, key: &str) -> Result<&str, String> {
        self.context
            .get(key)
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{}: context.json has no string {key:?}", self.id))
    }
}

/// Every case folder of `scheme`, sorted by name.
pub fn cases(root: &Path, scheme: &str) -> Result<Vec<Case>, String> {
    let dir = root.join(scheme);
    let mut dirs: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = format!("{scheme}/{name}");
            let raw =
                fs::read(dir.join("request.txt")).map_err(|e| format!("{id}: request.txt: {e}"))?;
            let request = parse_request_txt(&raw).map_err(|e| format!("{id}: request.txt: {e}"))?;
            let ctx = fs::read_to_string(dir.join("context.json"))
                .map_err(|e| format!("{id}: context.json: {e}"))?;
            let context =
                serde_json::from_str(&ctx).map_err(|e| format!("{id}: context.json: {e}"))?;
            Ok(Case {
                id,
                dir,
                request,
                context,
            })
        })
        .collect()
}

/// Changes one byte of `s`: the first ASCII letter or digit at or after `from` that is not part of
/// a `%XX` escape becomes the next one of its kind (`a`→`b`, `z`→`a`, `9`→`0`). If there is none,
/// an `x` is inserted at `from` (also a one-byte change). Returns the new string.
pub fn mutate_one_byte(s: &str, from: usize) -> String {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            i += 3;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            let next = match b {
                b'z' => b'a',
                b'Z' => b'A',
                b'9' => b'0',
                _ => b + 1,
            };
            let mut out = bytes.to_vec();
            out[i] = next;
            return String::from_utf8(out).unwrap_or_default();
        }
        i += 1;
    }
    let at = from.min(s.len());
    let mut out = s.to_owned();
    if s.is_char_boundary(at) {
        out.insert(at, 'x');
    } else {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_txt_round_trip() {
        let raw = b"POST /?a=1 HTTP/1.1\r\nHost: h.example\r\nX-A:  v \r\n\r\n{\"k\":1}\r\n";
        let r = parse_request_txt(raw).unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "https://h.example/?a=1");
        assert_eq!(r.header("x-a"), Some("v"));
        assert_eq!(r.body, b"{\"k\":1}\r\n");
        assert!(parse_request_txt(b"GET / HTTP/1.1\r\nX: y\r\n\r\n").is_err());
        assert!(parse_request_txt(b"GET / HTTP/1.1\r\nHost: h\r\n").is_err());
    }

    #[test]
    fn mutation_changes_exactly_one_byte_outside_escapes() {
        assert_eq!(mutate_one_byte("%E4%B8a", 0), "%E4%B8b");
        assert_eq!(mutate_one_byte("z9", 0), "a9");
        assert_eq!(mutate_one_byte("x=9", 2), "x=0");
        assert_eq!(mutate_one_byte("", 0), "x");
        assert_eq!(mutate_one_byte("%20", 0), "x%20");
    }
}
