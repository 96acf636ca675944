//! Every error code VENDORS.md §2.2 (POP gateway) and §2.3 (dyvms business `isv.*`/`isp.*`)
//! documents, as data: later used to map vendor errors onto callplane errors and by the simulator
//! to answer like Alibaba.
//!
//! Sources: developer.aliyun.com/ask/278265 (gateway client codes and HTTP statuses),
//! help.aliyun.com/document_detail/178344.html and help.aliyun.com/en/vms/developer-reference/api-error-code
//! (business codes), developer.aliyun.com/ask/636131 (`isv.HIT_VOICE_SECURITY_RULE`).

/// Which layer answers with the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeLayer {
    /// The POP API gateway, before the product sees the request (signature, throttling, …). Body
    /// `{RequestId, HostId, Code, Message, Recommend}`.
    Gateway,
    /// dyvms itself (`isv.*` for caller problems, `isp.*` for the platform). Body
    /// `{RequestId, Code, Message}`.
    Business,
}

/// One documented code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedCode {
    /// The `Code` value; `Missing{Param}` stands for the family `MissingCalledNumber`, ….
    pub code: &'static str,
    /// Who answers with it.
    pub layer: CodeLayer,
    /// The HTTP status it comes with.
    pub http_status: u16,
    /// False where the status is an assumption: business codes are assumed to come with 200
    /// (common practice for Alibaba communication products, UNCONFIRMED for dyvms), and some
    /// throttling statuses are unverified.
    pub http_status_confirmed: bool,
    /// The vendor's `Message` text where documented (`{Param}` is substituted), else a summary.
    pub message: &'static str,
    /// What it means for a callplane user.
    pub meaning: &'static str,
    /// True when repeating the same request later (with a fresh nonce and timestamp) may succeed.
    pub retryable: bool,
}

impl DocumentedCode {
    /// `message` with `{Param}` replaced (`MissingCalledNumber` → `CalledNumber is mandatory for
    /// this action.`).
    pub fn render_message(&self, param: &str) -> String {
        self.message.replace("{Param}", param)
    }
}

const fn gw(
    code: &'static str,
    http_status: u16,
    confirmed: bool,
    message: &'static str,
    meaning: &'static str,
    retryable: bool,
) -> DocumentedCode {
    DocumentedCode {
        code,
        layer: CodeLayer::Gateway,
        http_status,
        http_status_confirmed: confirmed,
        message,
        meaning,
        retryable,
    }
}

const fn biz(code: &'static str, meaning: &'static str, retryable: bool) -> DocumentedCode {
    DocumentedCode {
        code,
        layer: CodeLayer::Business,
        http_status: 200,
        http_status_confirmed: false,
        message: meaning,
        meaning,
        retryable,
    }
}

/// The success code of every dyvms response.
pub const OK: &str = "OK";

/// The family code for a missing required parameter.
pub const MISSING_PARAM: &str = "Missing{Param}";

/// Every documented error code. Order: gateway (§2.2), then business (§2.3).
#[rustfmt::skip]
pub const DOCUMENTED_CODES: &[DocumentedCode] = &[
    // --- §2.2 gateway
    gw("InvalidApi.NotFound", 404, true, "Specified api is not found, please check your url and method.", "the Action/Version pair does not exist", false),
    gw(MISSING_PARAM, 400, true, "{Param} is mandatory for this action.", "a required parameter is absent", false),
    gw("InvalidAccessKeyId.NotFound", 404, true, "Specified access key is not found.", "the AccessKeyId does not exist (some product docs say 400)", false),
    gw("InvalidAccessKeyId.Inactive", 400, true, "Specified access key is disabled.", "the AccessKeyId is disabled", false),
    gw("InvalidTimeStamp.Format", 400, true, "Specified time stamp or date value is not well formatted.", "Timestamp is not yyyy-MM-ddTHH:mm:ssZ", false),
    gw("InvalidTimeStamp.Expired", 400, true, "Specified time stamp or date value is expired.", "the client clock differs from the server's by more than the allowed window", false),
    gw("SignatureNonceUsed", 400, true, "Specified signature nonce was used already.", "the SignatureNonce was seen within 15 minutes; retry with a fresh nonce", true),
    gw("InvalidParameter.Format", 400, true, "Specified parameter format is not valid.", "a parameter has the wrong format", false),
    gw("UnsupportedHTTPMethod", 400, true, "Specified http method is not supported.", "the HTTP method is not allowed for RPC calls", false),
    gw("InvalidSignatureMethod", 400, true, "Specified signature method is not valid.", "SignatureMethod is not HMAC-SHA1", false),
    gw("SignatureDoesNotMatch", 400, true, "Specified signature is not matched with our calculation.", "the signature is wrong (secret, canonicalisation or encoding)", false),
    gw("Throttling.User", 400, true, "Request was denied due to user flow control.", "the account's request rate is too high", true),
    gw("Throttling.Api", 400, false, "Request was denied due to api flow control.", "the API's overall request rate is too high (exact text and status UNCONFIRMED)", true),
    gw("Throttling", 503, false, "Request was denied due to flow control.", "generic flow control (status 400 or 503 UNCONFIRMED)", true),
    gw("InternalError", 500, true, "The request processing has failed due to some unknown error.", "a server-side error", true),
    gw("ServiceUnavailable", 503, true, "The request has failed due to a temporary failure of the server.", "the service is temporarily unavailable", true),
    // --- §2.3 business (isv.* caller problems, isp.* platform problems)
    biz("isp.RAM_PERMISSION_DENY", "the RAM user or role lacks permission for this action", false),
    biz("isv.OUT_OF_SERVICE", "the service is suspended because the account is in arrears", false),
    biz("isv.PRODUCT_UN_SUBSCRIPT", "the voice product is not activated for this account", false),
    biz("isv.PRODUCT_UNSUBSCRIBE", "the voice product is not activated (or was unsubscribed)", false),
    biz("isv.TTS_TEMPLATE_ILLEGAL", "the TTS template is invalid or not approved", false),
    biz("isv.VOICE_ROBOT_CALLEE_LIMIT", "more than 1000 called numbers in one robot task", false),
    biz("isv.BUSINESS_LIMIT_CONTROL", "business flow control: per qualification and purpose a callee may be called 1/min, 5/hour, 20/24 h", true),
    biz("isv.VOICE_ROBOT_NOT_PERIOD", "robot calls are not allowed in this time window", true),
    biz("isv.MOBILE_COUNT_OVER_LIMIT", "too many numbers in one request", false),
    biz("isv.VOICE_CALL_PERIOD_ERROR", "calls are not allowed at this time of day", true),
    biz("isv.VOICE_CALL_FAIL", "the call could not be placed", true),
    biz("isv.BILLID_NOT_EXIST", "the call/bill id does not exist", false),
    biz("isv.BLACK_KEY_CONTROL_LIMIT", "the number is blacklisted", false),
    biz("isv.COMPLAINT_REJECT", "refused because of complaints against the number or content", false),
    biz("isv.TEMPLATE_ILLEGAL", "the template is invalid", false),
    biz("isv.TEMPLATE_PARAMS_ILLEGAL", "the template variables are invalid", false),
    biz("isv.AMOUNT_NOT_ENOUGH", "the account balance is insufficient", false),
    biz("isv.ACCOUNT_NOT_EXISTS", "the account does not exist", false),
    biz("isv.ACCOUNT_ABNORMAL", "the account is abnormal", false),
    biz("isv.DISPLAY_NUMBER_ILLEGAL", "the display number (CalledShowNumber) is not a valid purchased number", false),
    biz("isv.INVALID_PARAMETERS", "the parameters are invalid", false),
    biz("isv.MOBILE_NUMBER_ILLEGAL", "a called number is invalid", false),
    biz("isv.PARAM_LENGTH_LIMIT", "a parameter value is too long", false),
    biz("isv.PARAM_NOT_SUPPORT_URL", "variables may not contain URLs", false),
    biz("isv.TEMPLATE_MISSING_PARAMETERS", "the template's variables are missing", false),
    biz("isp.SYSTEM_ERROR", "a platform error", true),
    biz("isv.HIT_VOICE_SECURITY_RULE", "the number was shut down by the voice security rules after complaints", false),
];

/// The documented entry for `code`. `MissingCalledNumber` finds the `Missing{Param}` family;
/// `OK` and unknown codes give `None`.
pub fn lookup(code: &str) -> Option<&'static DocumentedCode> {
    if let Some(hit) = DOCUMENTED_CODES.iter().find(|c| c.code == code) {
        return Some(hit);
    }
    let param = code.strip_prefix("Missing")?;
    if param.is_empty() || !param.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    DOCUMENTED_CODES.iter().find(|c| c.code == MISSING_PARAM)
}

/// `MissingCalledNumber`: the code the gateway uses for an absent required parameter.
pub fn missing_param_code(param: &str) -> String {
    format!("Missing{param}")
}
