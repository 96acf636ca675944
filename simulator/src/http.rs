//! The simulator's view of one HTTP exchange, independent of hyper, so vendor handlers are plain
//! functions that tests can call without sockets.

use bytes::Bytes;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Incoming {
    pub method: String,
    pub path: String,
    /// Raw query string, without `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Incoming {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Decoded query parameters, in order.
    pub fn query_params(&self) -> Vec<(String, String)> {
        parse_urlencoded(&self.query)
    }

    /// Decoded `application/x-www-form-urlencoded` body parameters (empty for other bodies).
    pub fn form_params(&self) -> Vec<(String, String)> {
        let is_form = self.header("content-type").is_some_and(|c| {
            c.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        if !is_form {
            return Vec::new();
        }
        match std::str::from_utf8(&self.body) {
            Ok(s) => parse_urlencoded(s),
            Err(_) => Vec::new(),
        }
    }

    /// A query or form parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_params()
            .into_iter()
            .chain(self.form_params())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// `a=1&b=%E4%B8%AD+x` → pairs. `+` means space in form encoding; invalid escapes are kept literally.
pub fn parse_urlencoded(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a handler answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// "Commit then time out": hold the answer this many real ms, then drop the connection.
    pub hang_ms: Option<u64>,
}

impl Reply {
    pub fn json(status: u16, value: &impl Serialize) -> Reply {
        let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
        Reply {
            status,
            headers: vec![(
                "content-type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: Bytes::from(body),
            hang_ms: None,
        }
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "text/plain; charset=utf-8".into())],
            body: Bytes::from(text.to_owned()),
            hang_ms: None,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_decoding() {
        let p =
            parse_urlencoded("Action=BatchRobotSmartCall&TaskName=%E6%89%B9%E9%87%8F+x&bad=%zz&e=");
        assert_eq!(p[0], ("Action".into(), "BatchRobotSmartCall".into()));
        assert_eq!(p[1], ("TaskName".into(), "批量 x".into()));
        assert_eq!(p[2], ("bad".into(), "%zz".into()));
        assert_eq!(p[3], ("e".into(), "".into()));
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%41"), "A");
    }
}
