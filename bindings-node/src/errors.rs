//! Errors across the boundary. Every failure reaches JS as a napi error whose message is
//! [`PAYLOAD_PREFIX`] followed by a JSON object: the shared JS error shape
//! (`callplane_core::js::error_to_js`, the same as `@callplane/wasm`'s) plus the client's
//! `operation` and `attempts`; the package's JS
//! shim (`callplane.js`) turns it into a `CallplaneError` with those properties. A Rust panic is
//! caught here — in synchronous exports by [`guard`], in futures by [`CatchUnwind`] — and becomes
//! an `internal_error`, never a crashed process.

use callplane_core::Error;
use callplane_core::api::registry::Operation;
use callplane_core::issue::{IssueCode, Path, Report};
use callplane_core::js;
use serde_json::{Map, Value};
use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Marks a message the JS shim decodes. Kept in sync with `callplane.js`.
pub(crate) const PAYLOAD_PREFIX: &str = "callplane-error:";

/// What the binding knows about a failure beyond the core error.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Extra {
    pub operation: Option<Operation>,
    /// Attempts made (1 = no retry); `None` when nothing was sent.
    pub attempts: Option<u32>,
}

/// A napi error carrying the JSON payload.
pub(crate) fn from_payload(payload: Map<String, Value>) -> napi::Error {
    let json = serde_json::to_string(&Value::Object(payload))
        .unwrap_or_else(|_| r#"{"code":"internal_error","message":"unserializable error"}"#.into());
    napi::Error::new(
        napi::Status::GenericFailure,
        format!("{PAYLOAD_PREFIX}{json}"),
    )
}

/// A core error (issue paths already in JS names), with what a client adds: the operation's
/// method name and vendor, the attempts made.
pub(crate) fn core(error: &Error, extra: Extra) -> napi::Error {
    let mut payload = match js::error_to_js(error) {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    if let Some(op) = extra.operation {
        if payload.get("vendor").is_none_or(Value::is_null) {
            payload.insert("vendor".into(), op.vendor().as_str().into());
        }
        payload.insert("operation".into(), crate::clients::method_name(op).into());
    }
    if let Some(n) = extra.attempts {
        payload.insert("attempts".into(), n.into());
        if n > 1
            && let Some(Value::String(m)) = payload.get_mut("message")
        {
            m.push_str(&format!(" (gave up after {n} attempts)"));
        }
    }
    from_payload(payload)
}

/// An error of a pure function (no client, no operation attached).
pub(crate) fn js(error: Error) -> napi::Error {
    core(&error, Extra::default())
}

/// Bad input or options: a validation error with these issues.
pub(crate) fn invalid(report: Report) -> napi::Error {
    core(&Error::Validation(report), Extra::default())
}

/// One invalid argument.
pub(crate) fn invalid_arg(path: &str, code: IssueCode, message: impl Into<String>) -> napi::Error {
    let mut r = Report::new();
    r.error(code, Path::from(path), message);
    invalid(r)
}

/// An error of the binding's own (`simulator_stopped`, ...), with no vendor or field attached.
pub(crate) fn coded(code: &str, message: impl Into<String>) -> napi::Error {
    let mut p = Map::new();
    p.insert("code".into(), code.into());
    p.insert("message".into(), message.into().into());
    from_payload(p)
}

/// A panic, as the JS error `internal_error`. Its message comes from callplane's own code, which
/// never formats a secret.
pub(crate) fn panic(payload: Box<dyn Any + Send>) -> napi::Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    let mut p = Map::new();
    p.insert("code".into(), "internal_error".into());
    p.insert(
        "message".into(),
        format!("internal error in callplane (a bug; please report it): {what}").into(),
    );
    from_payload(p)
}

/// Run a synchronous export, turning a panic into a JS error.
pub(crate) fn guard<T>(f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic(p)))
}

/// A future whose panic becomes `Err(internal_error)` instead of unwinding into the runtime.
pub(crate) struct CatchUnwind<F> {
    inner: Pin<Box<F>>,
}

impl<F> CatchUnwind<F> {
    pub(crate) fn new(inner: F) -> Self {
        CatchUnwind {
            inner: Box::pin(inner),
        }
    }
}

impl<T, F: Future<Output = napi::Result<T>>> Future for CatchUnwind<F> {
    type Output = napi::Result<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        match catch_unwind(AssertUnwindSafe(move || inner.poll(cx))) {
            Ok(p) => p,
            Err(payload) => Poll::Ready(Err(panic(payload))),
        }
    }
}
