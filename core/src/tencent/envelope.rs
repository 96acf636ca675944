//! The API 3.0 response envelope. Success: `{"Response":{...fields, "RequestId"}}`; failure:
//! `{"Response":{"Error":{"Code","Message"},"RequestId"}}` (VENDORS.md §3.1; errors arrive in a
//! normal HTTP response body, detected by the presence of `Response.Error`). Model only: mapping
//! codes to callplane errors is done elsewhere, with [`crate::tencent::error_codes`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{"Response": …}` around an operation's output `T`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Response<T> {
    /// The body.
    #[serde(rename = "Response")]
    pub response: ResponseBody<T>,
}

/// The inside of the envelope: the error (if any), the request ID and the output fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseBody<T> {
    /// Present when the call failed.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ApiError>,
    /// Every response carries one; quote it to Tencent support.
    #[serde(rename = "RequestId", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The operation's output fields (all optional, so an error body still reads).
    #[serde(flatten)]
    pub data: T,
}

/// `Response.Error`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Dotted code, e.g. `FailedOperation.CallOutFailed` (see [`crate::tencent::error_codes`]).
    #[serde(rename = "Code", default)]
    pub code: String,
    /// Human message from the server.
    #[serde(rename = "Message", default)]
    pub message: String,
}

impl<T> Response<T> {
    /// The error, when the call failed.
    pub fn error(&self) -> Option<&ApiError> {
        self.response.error.as_ref()
    }
    /// The request ID.
    pub fn request_id(&self) -> Option<&str> {
        self.response.request_id.as_deref()
    }
    /// `Ok(output)` or `Err(error)`.
    pub fn into_result(self) -> Result<T, ApiError> {
        match self.response.error {
            Some(e) => Err(e),
            None => Ok(self.response.data),
        }
    }
}

/// Read a response body. Unknown fields are kept (each output struct has an `other` map); a field
/// of the wrong type, or a body without `Response`, is an [`crate::Error::Json`]. Its path is the
/// nearest enclosing object: the `other` maps use `#[serde(flatten)]`, behind which serde does not
/// report field names; the message still names the offending value and the expected type.
pub fn parse_response<T: DeserializeOwned>(body: Value) -> crate::Result<Response<T>> {
    crate::json::track::from_value::<Response<T>>(&body).map_err(|e| crate::Error::Json {
        message: format!("Tencent response at `{}`: {}", e.path(), e.inner()),
    })
}

/// Output of operations that return nothing but the RequestId (HangUpCall).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {
    /// Fields this version does not model.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}
