//! Moves a core [`HttpRequest`] over HTTP(S) and returns a core [`HttpResponse`], classifying every
//! failure below HTTP the way the retry logic needs: `NotSent` when no byte can have reached the
//! vendor (DNS, connection refused, TLS handshake), `NoResponse` when it may have (a timeout or a
//! reset after sending). The operation's `creates_calls` then decides, in the core, whether a
//! `NoResponse` is safe to retry or ambiguous.

use callplane_core::Error;
use callplane_core::api::transport_error;
use callplane_core::http::{HttpRequest, HttpResponse};
use callplane_core::vendor_error::{RetryClass, TransportFailure};
use std::error::Error as _;
use std::time::Duration;

/// The largest response body read (a vendor's largest list page is a few MB).
const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// One connection pool per client; cheap to clone.
#[derive(Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    timeout: Duration,
}

impl Transport {
    pub(crate) fn new(timeout: Duration) -> Result<Transport, Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            // Idle connections are dropped well before common server keep-alive limits, so a
            // call-creating request is rarely written to a socket the server is closing (which
            // would make its outcome ambiguous for no reason).
            .pool_idle_timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| final_error(format!("the HTTP client could not start: {}", chain(&e))))?;
        Ok(Transport { http, timeout })
    }

    /// Send `req`; `creates_calls` is the operation's (see `Operation::creates_calls`).
    pub(crate) async fn send(
        &self,
        req: &HttpRequest,
        creates_calls: bool,
    ) -> Result<HttpResponse, Error> {
        let target = authority(&req.url);
        let method = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| final_error(format!("`{}` is not an HTTP method", req.method)))?;
        let mut builder = self.http.request(method, &req.url);
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if !req.body.is_empty() || req.method == "POST" {
            builder = builder.body(req.body.clone());
        }
        // A request that cannot be built (an invalid header value) never left: retrying cannot help.
        let request = builder.build().map_err(|e| {
            final_error(format!(
                "request to {target} could not be built: {}",
                chain(&e)
            ))
        })?;
        let mut resp = match self.http.execute(request).await {
            Ok(r) => r,
            Err(e) => return Err(self.classify(&e, creates_calls, &target)),
        };
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                        return Err(transport_error(
                            TransportFailure::NoResponse,
                            creates_calls,
                            format!(
                                "the answer from {target} (HTTP {status}) is larger than {} MB; it was not read",
                                MAX_RESPONSE_BYTES >> 20
                            ),
                        ));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(self.classify(&e, creates_calls, &target)),
            }
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    fn classify(&self, e: &reqwest::Error, creates_calls: bool, target: &str) -> Error {
        let detail = chain(e);
        if e.is_connect() {
            // DNS, refused, unreachable, TLS handshake: reqwest reports all of these as connect
            // errors, raised before the request is written.
            return transport_error(
                TransportFailure::NotSent,
                creates_calls,
                format!("could not connect to {target}: {detail}"),
            );
        }
        if e.is_timeout() {
            return transport_error(
                TransportFailure::NoResponse,
                creates_calls,
                format!(
                    "no answer from {target} within {} ms",
                    self.timeout.as_millis()
                ),
            );
        }
        transport_error(
            TransportFailure::NoResponse,
            creates_calls,
            format!("the connection to {target} failed after the request was sent: {detail}"),
        )
    }
}

/// A failure that no retry can fix.
fn final_error(message: String) -> Error {
    Error::Transport {
        failure: TransportFailure::NotSent,
        retry: RetryClass::Final,
        message,
    }
}

/// `host:port` of a URL, for messages (never the path or query, which could carry parameters).
fn authority(url: &str) -> String {
    callplane_core::http::UrlParts::parse(url)
        .map(|p| p.authority.to_owned())
        .unwrap_or_else(|_| "the endpoint".to_owned())
}

/// The error and its causes, without the URL (reqwest's `Display` would include it).
fn chain(e: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p == &text) {
            parts.push(text);
        }
        source = s.source();
    }
    if parts.is_empty() {
        parts.push(if e.is_timeout() {
            "timed out".into()
        } else {
            "error".into()
        });
    }
    parts.join(": ")
}
