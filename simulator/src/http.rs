//! The simulator's view of one HTTP exchange, independent of hyper, so vendor handlers are plain
//! functions that tests can call without sockets.

use bytes::Bytes;
use callplane_core::sign::encode::{DecodeError, parse_query, percent_decode};
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

    /// Decoded query parameters, in order, by the core's decoder (`sign::encode::parse_query`):
    /// the verifiers read the same bytes the same way, so a parameter never means one thing to
    /// the signature check and another to the operation. A malformed escape is an error.
    pub fn query_params(&self) -> Result<Vec<(String, String)>, DecodeError> {
        parse_query(&self.query)
    }

    /// Decoded `application/x-www-form-urlencoded` body parameters (empty for other bodies), by
    /// the core's decoder; a body that is not UTF-8 or has a malformed escape is an error.
    pub fn form_params(&self) -> Result<Vec<(String, String)>, DecodeError> {
        if !self.is_form() {
            return Ok(Vec::new());
        }
        let text = std::str::from_utf8(&self.body).map_err(|_| DecodeError::NotUtf8)?;
        parse_query(text)
    }

    fn is_form(&self) -> bool {
        self.header("content-type").is_some_and(|c| {
            c.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
    }

    /// The first query or form parameter `name`, read leniently: each pair is decoded on its own
    /// (by the core's decoder) and a pair that does not decode is skipped. Only for routing: a
    /// request with a malformed parameter elsewhere still reaches the vendor, and the API, whose
    /// error shape must answer it.
    pub fn lenient_param(&self, name: &str) -> Option<String> {
        let find = |s: &str| {
            s.split('&').find_map(|seg| {
                let (k, v) = seg.split_once('=').unwrap_or((seg, ""));
                percent_decode(k)
                    .ok()
                    .filter(|k| k == name)
                    .and_then(|_| percent_decode(v).ok())
            })
        };
        find(&self.query).or_else(|| {
            self.is_form()
                .then(|| std::str::from_utf8(&self.body).ok().and_then(find))
                .flatten()
        })
    }
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

    fn incoming(query: &str, content_type: Option<&str>, body: &[u8]) -> Incoming {
        Incoming {
            method: "POST".into(),
            path: "/".into(),
            query: query.into(),
            headers: content_type
                .map(|c| vec![("Content-Type".to_owned(), c.to_owned())])
                .unwrap_or_default(),
            body: Bytes::copy_from_slice(body),
        }
    }

    #[test]
    fn parameters_are_decoded_strictly_by_the_cores_decoder() {
        let req = incoming(
            "Action=BatchRobotSmartCall&TaskName=%E6%89%B9%E9%87%8F+x&e=",
            None,
            b"",
        );
        let p = req.query_params().unwrap();
        assert_eq!(p[0], ("Action".into(), "BatchRobotSmartCall".into()));
        assert_eq!(p[1], ("TaskName".into(), "批量 x".into()));
        assert_eq!(p[2], ("e".into(), "".into()));
        for bad in ["bad=%zz", "a=%", "a=%4", "a=%FF"] {
            assert!(incoming(bad, None, b"").query_params().is_err(), "{bad}");
        }
        let form = "application/x-www-form-urlencoded; charset=UTF-8";
        assert_eq!(
            incoming("", Some(form), b"A=1%2B1").form_params().unwrap(),
            vec![("A".to_owned(), "1+1".to_owned())]
        );
        assert!(incoming("", Some(form), b"A=%zz").form_params().is_err());
        assert!(
            incoming("", Some(form), &[0x41, 0x3d, 0xff])
                .form_params()
                .is_err()
        );
        // Other bodies carry no parameters.
        assert!(
            incoming("", Some("application/json"), b"A=1")
                .form_params()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn routing_finds_a_parameter_next_to_a_malformed_one() {
        let action =
            |q: &str, ct: Option<&str>, body: &[u8]| incoming(q, ct, body).lenient_param("Action");
        assert_eq!(action("bad=%zz&Action=X", None, b"").as_deref(), Some("X"));
        assert_eq!(action("Act%69on=Y+Z", None, b"").as_deref(), Some("Y Z"));
        // A pair that does not decode is skipped, not half-decoded.
        assert_eq!(
            action("Action=%zz&Action=B", None, b"").as_deref(),
            Some("B")
        );
        assert_eq!(action("%zz=Action", None, b""), None);
        let form = "application/x-www-form-urlencoded";
        assert_eq!(
            action("", Some(form), b"x=%&Action=F").as_deref(),
            Some("F")
        );
        assert_eq!(action("", Some("text/plain"), b"Action=F"), None);
    }
}
