//! Bland's two response envelopes (VENDORS.md §1.0): the legacy v1 `{status, message, errors}` and
//! the newer `{data, errors: [{error, message}]}` used by v2 batches and 401s. Mapping them to
//! callplane errors is a separate step; these are just the shapes, read leniently (unknown fields
//! are kept in `extra`, never an error).

use super::enums::ResponseStatus;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{"status": "success"|"error", "message": "...", "errors": [...]}`. 400s carry `errors` as a
/// list of strings ("Missing required parameter: phone_number."); one documented variant is just
/// `{"error": "Invalid phone number format"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusEnvelope {
    /// `success` or `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ResponseStatus>,
    /// Human message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Validation errors (usually strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<Value>>,
    /// The bare `{"error": "..."}` variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    /// Every other field of the response.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl StatusEnvelope {
    /// True when `status` is `success`.
    pub fn is_success(&self) -> bool {
        self.status == Some(ResponseStatus::Success)
    }
}

/// `{"data": <T|null>, "errors": null | [{"error": "CODE", "message": "..."}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct DataEnvelope<T> {
    /// The payload; `null` on errors and for endpoints with nothing to return (v2 stop).
    #[serde(default = "none")]
    pub data: Option<T>,
    /// `null` on success.
    #[serde(default)]
    pub errors: Option<Vec<ApiError>>,
    /// Every other field of the response.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> DataEnvelope<T> {
    /// The errors, empty when there are none.
    pub fn errors(&self) -> &[ApiError] {
        self.errors.as_deref().unwrap_or(&[])
    }
    /// True when `errors` is null or empty.
    pub fn is_success(&self) -> bool {
        self.errors().is_empty()
    }
}

/// One entry of `errors` in the `{data, errors}` envelope.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    /// Machine code (`AUTH_FAILURE`, `INVALID_INPUT`, …).
    #[serde(default)]
    pub error: String,
    /// Human message.
    #[serde(default)]
    pub message: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn legacy_envelope_shapes_from_the_error_catalogue() {
        let e: StatusEnvelope = serde_json::from_value(json!({
            "status": "error", "message": "Invalid parameters",
            "errors": ["Missing required parameter: phone_number."]
        }))
        .unwrap();
        assert!(!e.is_success());
        assert_eq!(e.errors.as_ref().map(Vec::len), Some(1));

        let bare: StatusEnvelope =
            serde_json::from_value(json!({"error": "Invalid phone number format"})).unwrap();
        assert_eq!(bare.error, Some(json!("Invalid phone number format")));
        assert_eq!(bare.status, None);

        let ok: StatusEnvelope = serde_json::from_value(json!({
            "status": "success", "message": "Call ended successfully.", "num_calls": 3
        }))
        .unwrap();
        assert!(ok.is_success());
        assert_eq!(ok.extra.get("num_calls"), Some(&json!(3)));
    }

    #[test]
    fn data_envelope_success_and_auth_failure() {
        let auth: DataEnvelope<Value> = serde_json::from_value(json!({
            "data": null, "errors": [{"error": "AUTH_FAILURE", "message": "Unauthorized"}]
        }))
        .unwrap();
        assert!(!auth.is_success());
        assert_eq!(auth.errors()[0].error, "AUTH_FAILURE");
        assert_eq!(auth.data, None);

        let stop: DataEnvelope<Value> =
            serde_json::from_value(json!({"data": null, "errors": null})).unwrap();
        assert!(stop.is_success());
    }
}
