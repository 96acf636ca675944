//! What the server side provides to verifiers: the keys it knows (a [`CredentialLookup`]) and the
//! nonces it has seen (a [`NonceStore`], with an in-memory implementation).

use crate::secret::Secret;
use std::collections::HashMap;
use std::sync::Mutex;

/// A key the server knows: its secret and, for temporary (STS) credentials, the session token the
/// request must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// SecretKey / AccessKeySecret / API key.
    pub secret: Secret,
    /// For temporary credentials: the token that must arrive as `X-TC-Token`, `SecurityToken` or
    /// `x-acs-security-token`. `None` for long-term keys, which must then come without a token.
    pub security_token: Option<Secret>,
}

impl KeyRecord {
    /// A long-term key.
    pub fn new(secret: impl Into<Secret>) -> Self {
        KeyRecord {
            secret: secret.into(),
            security_token: None,
        }
    }

    /// A temporary key that is valid only together with `token`.
    pub fn with_token(secret: impl Into<Secret>, token: impl Into<Secret>) -> Self {
        KeyRecord {
            secret: secret.into(),
            security_token: Some(token.into()),
        }
    }
}

/// Finds the secret of a key id (SecretId, AccessKeyId, or for Bland the API key itself). `None`
/// means "unknown key". Implemented for closures and for `HashMap<String, KeyRecord>`.
pub trait CredentialLookup {
    /// The record of `key_id`, if the key exists.
    fn lookup(&self, key_id: &str) -> Option<KeyRecord>;
}

impl<F: Fn(&str) -> Option<KeyRecord>> CredentialLookup for F {
    fn lookup(&self, key_id: &str) -> Option<KeyRecord> {
        self(key_id)
    }
}

impl CredentialLookup for HashMap<String, KeyRecord> {
    fn lookup(&self, key_id: &str) -> Option<KeyRecord> {
        self.get(key_id).cloned()
    }
}

/// Remembers nonces to refuse replays (Alibaba's `SignatureNonce` / `x-acs-signature-nonce`).
/// Verifiers call it only after the signature has checked out, so a forged request cannot burn a
/// legitimate client's nonce.
pub trait NonceStore {
    /// Records `nonce` as used at `now` (Unix seconds). Returns `false` if it was already used within
    /// the store's window (a replay), `true` otherwise.
    fn check_and_insert(&self, nonce: &str, now: i64) -> bool;
}

/// A [`NonceStore`] in memory: a nonce is refused when seen again within `window_secs` (Alibaba:
/// 15 minutes, VENDORS.md §2.1). Expired entries are purged as the store grows, so memory stays
/// bounded by the request rate times the window.
#[derive(Debug)]
pub struct InMemoryNonceStore {
    window_secs: i64,
    seen: Mutex<NonceMap>,
}

#[derive(Debug, Default)]
struct NonceMap {
    entries: HashMap<String, i64>,
    purge_at_len: usize,
}

impl InMemoryNonceStore {
    /// A store that refuses a nonce reused within `window_secs`.
    pub fn new(window_secs: i64) -> Self {
        InMemoryNonceStore {
            window_secs,
            seen: Mutex::new(NonceMap {
                entries: HashMap::new(),
                purge_at_len: 1024,
            }),
        }
    }

    /// How many nonces are currently remembered.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// True when no nonce is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, NonceMap> {
        // A panic while holding the lock cannot leave the map inconsistent (single inserts), so a
        // poisoned lock is still usable.
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for InMemoryNonceStore {
    /// Alibaba's 15-minute window.
    fn default() -> Self {
        InMemoryNonceStore::new(super::ALIYUN_WINDOW_SECS)
    }
}

impl NonceStore for InMemoryNonceStore {
    fn check_and_insert(&self, nonce: &str, now: i64) -> bool {
        let window = self.window_secs;
        let mut map = self.lock();
        if map
            .entries
            .get(nonce)
            .is_some_and(|&at| now.saturating_sub(at) < window)
        {
            return false;
        }
        map.entries.insert(nonce.to_owned(), now);
        if map.entries.len() >= map.purge_at_len {
            map.entries.retain(|_, at| now.saturating_sub(*at) < window);
            map.purge_at_len = (map.entries.len() * 2).max(1024);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_store_refuses_replays_within_the_window_only() {
        let store = InMemoryNonceStore::new(900);
        assert!(store.check_and_insert("n1", 1000));
        assert!(!store.check_and_insert("n1", 1899));
        assert!(store.check_and_insert("n2", 1899));
        // After the window the nonce may be reused (the timestamp check refuses old requests).
        assert!(store.check_and_insert("n1", 1900));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn nonce_store_purges_expired_entries() {
        let store = InMemoryNonceStore::new(10);
        for i in 0..5000 {
            assert!(store.check_and_insert(&format!("n{i}"), i));
        }
        assert!(store.len() < 2100, "{}", store.len());
    }
}
