//! Signature checks with the core's verifiers: V3 when the request carries an `Authorization`
//! header, RPC v1 otherwise (which then names a missing `Signature`). Both share one nonce store, so
//! a nonce used with one scheme cannot be replayed with the other.

use crate::Inner;
use crate::http::Incoming;
use crate::vendors::common::with_core_request;
use callplane_core::sign::KeyRecord;
use callplane_core::sign::acs3::Acs3Verifier;
use callplane_core::sign::aliyun_rpc::RpcVerifier;

/// The AccessKeyId that signed `req`, or (HTTP status, code, message) as the core words them:
/// `SignatureDoesNotMatch` carries the server's string to sign, `InvalidAccessKeyId.NotFound` is a
/// 404, the rest 400.
pub fn verify(inner: &Inner, req: &mut Incoming) -> Result<String, (u16, &'static str, String)> {
    let keys = &inner.config.credentials.aliyun;
    let lookup = |id: &str| {
        keys.iter()
            .find(|k| k.access_key_id == id)
            .map(|k| KeyRecord::new(k.access_key_secret.as_str()))
    };
    let now = crate::clock::real_now_ms().div_euclid(1000);
    let nonces = inner
        .vendors
        .aliyun
        .nonces
        .read()
        .unwrap_or_else(|p| p.into_inner());
    let v3 = req.header("authorization").is_some();
    let verified = with_core_request(req, |request| {
        if v3 {
            Acs3Verifier::default().verify(request, &lookup, &*nonces, now)
        } else {
            RpcVerifier::default().verify(request, &lookup, &*nonces, now)
        }
    });
    verified
        .map(|v| v.key_id)
        .map_err(|e| (e.http_status(), e.vendor_code(), e.vendor_message()))
}
