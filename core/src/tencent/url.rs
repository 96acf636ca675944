//! A small, strict check for the absolute `http(s)://` URLs Tencent takes in request fields
//! (`APIUrl`, `CustomTTSConfig.APIUrl`). Tencent's servers fetch these URLs, so a relative path, a
//! missing host or a doc placeholder left in (`https://{your-resource-name}.openai.azure.com`) can
//! only fail at call time, after the call has been placed.
//!
//! Deliberately not a general URL parser (core takes no `url` dependency for one check): it splits
//! `scheme://authority/path?query#fragment`, checks the scheme, the host and the port, and gives
//! read access to query parameters.

/// The parts of an absolute http(s) URL that callplane checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpUrl<'a> {
    /// `http` or `https`, lower-cased by the caller's comparison (input may be any case).
    pub scheme: &'a str,
    /// Host name, IPv4 address or bracketed IPv6 address.
    pub host: &'a str,
    /// Explicit port, when given.
    pub port: Option<u16>,
    /// Everything after the authority up to `?` or `#` (may be empty).
    pub path: &'a str,
    /// The query without `?`, when present.
    pub query: Option<&'a str>,
}

impl HttpUrl<'_> {
    /// True for `https`.
    pub fn is_https(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("https")
    }

    /// The first value of query parameter `name` (no percent-decoding: Tencent's own examples
    /// use plain ASCII names such as `api-version`).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query?.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k == name).then_some(v)
        })
    }
}

/// Why a string is not an absolute http(s) URL. The message names the rule.
pub fn parse_http_url(input: &str) -> Result<HttpUrl<'_>, String> {
    if input.trim().is_empty() {
        return Err("URL is empty".into());
    }
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("URL contains whitespace or control characters".into());
    }
    if let (Some(open), Some(close)) = (input.find('{'), input.find('}'))
        && open < close
    {
        return Err(format!(
            "URL still contains the documentation placeholder `{}`; replace it with your value",
            &input[open..=close]
        ));
    }
    let Some((scheme, rest)) = input.split_once("://") else {
        return Err("not an absolute URL (expected `https://host/...`)".into());
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Err(format!("scheme `{scheme}` is not http or https"));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        // Credentials in the URL would be stored and logged by the vendor; Tencent's fields for
        // keys are separate (`APIKey`).
        return Err("URL must not carry user:password@; put the key in its own field".into());
    }
    let (host, port) = split_host_port(authority)?;
    let (before_fragment, _fragment) = tail.split_once('#').unwrap_or((tail, ""));
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    Ok(HttpUrl {
        scheme,
        host,
        port,
        path,
        query,
    })
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), String> {
    if authority.is_empty() {
        return Err("URL has no host".into());
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let Some(end) = rest.find(']') else {
            return Err("unterminated IPv6 address in URL".into());
        };
        let (inside, after) = rest.split_at(end);
        if inside.is_empty()
            || !inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(format!("`[{inside}]` is not an IPv6 address"));
        }
        let after = &after[1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err("unexpected text after the IPv6 address".into()),
        };
        (&authority[..end + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("URL has no host".into());
    }
    if !host.starts_with('[') {
        let ok = host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if !ok {
            return Err(format!("`{host}` is not a valid host name"));
        }
    }
    let port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err(format!("port `{p}` is not a number between 1 and 65535")),
        },
    };
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_vendor_documented_urls() {
        for (url, host, https) in [
            ("https://api.openai.com/v1/", "api.openai.com", true),
            (
                "https://api.hunyuan.cloud.tencent.com/v1",
                "api.hunyuan.cloud.tencent.com",
                true,
            ),
            ("https://api.deepseek.com/v1", "api.deepseek.com", true),
            ("https://api.minimax.chat/v1", "api.minimax.chat", true),
            (
                "https://res.openai.azure.com?api-version=2024-06-01",
                "res.openai.azure.com",
                true,
            ),
            ("http://0.0.0.0:8080/stream-audio", "0.0.0.0", false),
            ("http://[::1]:9000/tts", "[::1]", false),
        ] {
            let u = parse_http_url(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(u.host, host, "{url}");
            assert_eq!(u.is_https(), https, "{url}");
        }
    }

    #[test]
    fn rejects_each_malformed_shape_with_its_rule() {
        for (url, needle) in [
            ("", "empty"),
            ("api.openai.com/v1", "absolute"),
            ("/v1/chat", "absolute"),
            ("ftp://example.com", "scheme"),
            ("https://", "no host"),
            ("https:///path", "no host"),
            ("https://exa mple.com", "whitespace"),
            (
                "https://{your-resource-name}.openai.azure.com?api-version={api-version}",
                "placeholder",
            ),
            ("https://host:99999/", "port"),
            ("https://host:abc/", "port"),
            ("https://user:pw@host/", "user:password"),
            ("https://bad..host/", "host name"),
            ("https://[zz]/", "IPv6"),
            ("https://[::1/", "unterminated"),
        ] {
            let err = parse_http_url(url).expect_err(url);
            assert!(err.contains(needle), "{url}: {err}");
        }
    }

    #[test]
    fn query_params_are_found_by_exact_name() {
        let u =
            parse_http_url("https://r.openai.azure.com/x?a=1&api-version=2024-06-01#f").unwrap();
        assert_eq!(u.query_param("api-version"), Some("2024-06-01"));
        assert_eq!(u.query_param("api"), None);
        assert_eq!(u.path, "/x");
    }
}
