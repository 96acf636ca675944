#![no_main]
//! Any request — method, path, query, headers, body, including invalid UTF-8 — gets an answer in a
//! vendor's or the admin API's shape, never a panic and never a 500.
//!
//! Input layout: byte 0 picks the method; then the target (`/path?query`) up to `\n`; then header
//! lines `name: value` up to an empty line; the rest is the body. A few prefixes steer inputs toward
//! each vendor's router so coverage reaches past routing.
use bytes::Bytes;
use callplane_sim::http::Incoming;
use callplane_sim::{SimConfig, offline, respond};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&m, rest)) = data.split_first() else { return };
    let method = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"][usize::from(m) % 6];
    let (target, rest) = match rest.iter().position(|b| *b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let target = String::from_utf8_lossy(target);
    let target = match m / 6 % 4 {
        0 => format!("/v1/{target}"),
        1 => format!("/v2/{target}"),
        2 => format!("/?Action={target}"),
        _ => target.into_owned(),
    };
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let mut headers = Vec::new();
    let mut body = rest;
    while let Some(i) = body.iter().position(|b| *b == b'\n') {
        let line = &body[..i];
        body = &body[i + 1..];
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    if m % 5 == 0 {
        headers.push(("X-TC-Action".into(), "CreateAICall".into()));
    }
    let req = Incoming {
        method: method.to_owned(),
        path: if path.starts_with('/') { path.to_owned() } else { format!("/{path}") },
        query: query.to_owned(),
        headers,
        body: Bytes::copy_from_slice(body),
    };
    let inner = offline(SimConfig::default());
    let reply = runtime().block_on(respond(&inner, req));
    assert_ne!(reply.status, 500, "a 500 answer");
});
