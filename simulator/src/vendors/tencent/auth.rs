//! TC3 verification with the core's verifier, against the configured keys and the real clock.

use crate::Inner;
use crate::http::Incoming;
use crate::vendors::common::with_core_request;
use callplane_core::sign::KeyRecord;
use callplane_core::sign::tc3::Tc3Verifier;

/// The SecretId that signed `req`, or (HTTP status, vendor code, vendor message) from the core.
///
/// The verifier accepts whatever service the credential scope names (`service: None`): the Node SDK
/// derives the service from its endpoint's first label, so pointed at `127.0.0.1` it signs for
/// service `127`, and callplane's own client signs for `ccc`. Both must pass, as each would at the
/// real endpoint.
pub fn verify(inner: &Inner, req: &mut Incoming) -> Result<String, (u16, &'static str, String)> {
    let keys = &inner.config.credentials.tencent;
    let lookup = |id: &str| {
        keys.iter()
            .find(|k| k.secret_id == id)
            .map(|k| KeyRecord::new(k.secret_key.as_str()))
    };
    let now = crate::clock::real_now_ms().div_euclid(1000);
    let verifier = Tc3Verifier {
        service: None,
        ..Tc3Verifier::default()
    };
    with_core_request(req, |r| verifier.verify(r, &lookup, now))
        .map(|v| v.key_id)
        .map_err(|e| (e.http_status(), e.vendor_code(), e.vendor_message()))
}
