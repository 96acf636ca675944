//! Simulator configuration: credentials (file or the documented built-in test values) and limits.

use serde::{Deserialize, Serialize};

/// `--credentials FILE` format, also the built-in default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub bland: BlandCredentials,
    pub aliyun: Vec<AliyunKey>,
    pub tencent: Vec<TencentKey>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlandCredentials {
    /// Accepted `authorization` header values.
    pub api_keys: Vec<String>,
    /// Org webhook signing secret (`X-Webhook-Signature` = hex HMAC-SHA256 of the raw body).
    pub webhook_secret: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliyunKey {
    pub access_key_id: String,
    pub access_key_secret: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TencentKey {
    pub secret_id: String,
    pub secret_key: String,
    /// Contact-center applications this key may use (`SdkAppId`).
    pub sdk_app_ids: Vec<u64>,
}

/// Built-in test credentials. They are public by design (printed at start, in the README); they
/// only open this simulator.
pub const DEFAULT_BLAND_API_KEY: &str = "sk-sim-bland-0001";
pub const DEFAULT_BLAND_WEBHOOK_SECRET: &str = "whsec-sim-bland-0001";
pub const DEFAULT_ALIYUN_ACCESS_KEY_ID: &str = "LTAI5tSimAccessKey0001";
pub const DEFAULT_ALIYUN_ACCESS_KEY_SECRET: &str = "sim-aliyun-secret-0001";
pub const DEFAULT_TENCENT_SECRET_ID: &str = "AKIDSimSecretId0001";
pub const DEFAULT_TENCENT_SECRET_KEY: &str = "sim-tencent-secret-0001";
pub const DEFAULT_TENCENT_SDK_APP_ID: u64 = 1_400_000_001;

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            bland: BlandCredentials {
                api_keys: vec![DEFAULT_BLAND_API_KEY.into()],
                webhook_secret: DEFAULT_BLAND_WEBHOOK_SECRET.into(),
            },
            aliyun: vec![AliyunKey {
                access_key_id: DEFAULT_ALIYUN_ACCESS_KEY_ID.into(),
                access_key_secret: DEFAULT_ALIYUN_ACCESS_KEY_SECRET.into(),
            }],
            tencent: vec![TencentKey {
                secret_id: DEFAULT_TENCENT_SECRET_ID.into(),
                secret_key: DEFAULT_TENCENT_SECRET_KEY.into(),
                sdk_app_ids: vec![DEFAULT_TENCENT_SDK_APP_ID],
            }],
        }
    }
}

impl Credentials {
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.bland.api_keys.iter().any(String::is_empty) {
            out.push("bland.api_keys: empty key".into());
        }
        for (i, k) in self.aliyun.iter().enumerate() {
            if k.access_key_id.is_empty() || k.access_key_secret.is_empty() {
                out.push(format!(
                    "aliyun[{i}]: access_key_id and access_key_secret are required"
                ));
            }
        }
        for (i, k) in self.tencent.iter().enumerate() {
            if k.secret_id.is_empty() || k.secret_key.is_empty() {
                out.push(format!(
                    "tencent[{i}]: secret_id and secret_key are required"
                ));
            }
        }
        out
    }
}

/// Documented vendor limits, each configurable and each can be turned off (`null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Tencent: requests per second per SdkAppId (CreateAICall documents 20/s).
    pub tencent_requests_per_second: Option<u32>,
    /// Bland: minimum seconds between two calls to the same number (documented 10 s).
    pub bland_same_number_seconds: Option<u32>,
    /// Bland: concurrent live calls per API key (plan caps: 10 Start, 50 Build, 100 Scale).
    pub bland_max_concurrent_calls: Option<u32>,
    /// Alibaba: calls to one number per minute / hour / day (isv.BUSINESS_LIMIT_CONTROL: 1/5/20).
    pub aliyun_per_number: Option<PerNumber>,
    /// Largest accepted request body; larger gets 413 in the vendor's shape.
    pub max_body_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerNumber {
    pub per_minute: u32,
    pub per_hour: u32,
    pub per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            tencent_requests_per_second: Some(20),
            bland_same_number_seconds: Some(10),
            bland_max_concurrent_calls: Some(100),
            aliyun_per_number: Some(PerNumber {
                per_minute: 1,
                per_hour: 5,
                per_day: 20,
            }),
            max_body_bytes: 8 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// Every limit off (body size aside): for load tests.
    pub fn off() -> Self {
        Limits {
            tencent_requests_per_second: None,
            bland_same_number_seconds: None,
            bland_max_concurrent_calls: None,
            aliyun_per_number: None,
            max_body_bytes: Limits::default().max_body_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_file_format_round_trips_and_rejects_unknown_fields() {
        let json = serde_json::json!({
            "bland": {"api_keys": ["k1"], "webhook_secret": "s"},
            "aliyun": [{"access_key_id": "id", "access_key_secret": "sec"}],
            "tencent": [{"secret_id": "AKID", "secret_key": "key", "sdk_app_ids": [1400000001]}]
        });
        let c: Credentials = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&c).unwrap(), json);
        assert!(c.problems().is_empty());
        let mut bad = json;
        bad["bland"]["apikeys"] = serde_json::json!([]);
        assert!(serde_json::from_value::<Credentials>(bad).is_err());
    }
}
