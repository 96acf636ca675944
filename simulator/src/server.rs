//! The HTTP server: one listening address for all three vendors and the admin API.

use crate::http::{Incoming, Reply};
use crate::{Inner, admin, vendors};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming as HyperBody;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Accept connections until `shutdown` flips to true.
pub async fn serve(listener: TcpListener, inner: Arc<Inner>, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.changed() => break,
        };
        let Ok((stream, _peer)) = accepted else {
            // Out of file descriptors or similar: back off briefly instead of spinning.
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let inner = inner.clone();
        let mut conn_shutdown = shutdown.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| {
                let inner = inner.clone();
                async move { handle(inner, req).await }
            });
            let conn = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), svc);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = conn_shutdown.changed() => {}
            }
        });
    }
}

/// `Err` drops the connection without an answer (used for "commit then time out").
async fn handle(
    inner: Arc<Inner>,
    req: hyper::Request<HyperBody>,
) -> Result<hyper::Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = req.into_parts();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let origin = parts
        .headers
        .get("origin")
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let mut incoming = Incoming {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers,
        body: Bytes::new(),
    };
    let limit = inner.config.limits.max_body_bytes;
    let reply = match Limited::new(body, limit).collect().await {
        Ok(collected) => {
            incoming.body = collected.to_bytes();
            route(&inner, incoming).await
        }
        Err(e)
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            vendors::too_large(&incoming, limit)
        }
        Err(_) => Reply::text(400, "could not read the request body"),
    };
    if let Some(ms) = reply.hang_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        return Err(std::io::Error::other(
            "commit then time out: response withheld",
        ));
    }
    Ok(to_hyper(reply, origin.as_deref()))
}

pub(crate) async fn route(inner: &Arc<Inner>, req: Incoming) -> Reply {
    if req.method == "OPTIONS" {
        return Reply::text(204, "");
    }
    if req.path.starts_with("/_sim/") || req.path == "/_sim" {
        return admin::handle(inner, &req).await;
    }
    vendors::handle(inner, req).await
}

/// Browsers on this machine may call the simulator; nothing else gets CORS headers.
pub fn is_loopback_origin(origin: &str) -> bool {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    let Some(rest) = rest else { return false };
    let host = if let Some(v6) = rest.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        rest.split([':', '/']).next().unwrap_or("")
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn to_hyper(reply: Reply, origin: Option<&str>) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(reply.status);
    for (k, v) in &reply.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    if let Some(o) = origin.filter(|o| is_loopback_origin(o)) {
        builder = builder
            .header("access-control-allow-origin", o)
            .header("vary", "Origin")
            .header(
                "access-control-allow-methods",
                "GET, POST, PUT, DELETE, OPTIONS",
            )
            // `*` does not cover `Authorization` (Fetch standard, CORS-preflight): Bland's key, TC3
            // and Alibaba V3 signatures all travel in it, so it is named. Expose every response
            // header so `parseResponse` sees request ids.
            .header("access-control-allow-headers", "authorization, *")
            .header("access-control-expose-headers", "*")
            .header("access-control-max-age", "600");
    }
    builder.body(Full::new(reply.body)).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Full::new(Bytes::from_static(b"internal error")));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cors_names_authorization_which_the_wildcard_does_not_cover() {
        let r = to_hyper(Reply::text(204, ""), Some("http://127.0.0.1:8080"));
        let allow = r
            .headers()
            .get("access-control-allow-headers")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            allow
                .split(',')
                .any(|h| h.trim().eq_ignore_ascii_case("authorization")),
            "{allow}"
        );
        let other = to_hyper(Reply::text(204, ""), Some("http://example.com"));
        assert!(other.headers().get("access-control-allow-origin").is_none());
    }

    #[test]
    fn only_loopback_origins_get_cors() {
        for ok in [
            "http://localhost:5173",
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:3000",
            "https://localhost",
        ] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://localhost.evil.com",
            "http://10.0.0.1",
            "null",
            "file://",
            "http://127.0.0.1.evil.com",
        ] {
            assert!(!is_loopback_origin(bad), "{bad}");
        }
    }
}
