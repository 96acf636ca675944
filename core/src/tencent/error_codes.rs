//! Documented `Response.Error.Code` values with their meanings: the basis for mapping Tencent
//! errors to callplane errors and for the simulator's vendor-shaped failures.
//!
//! Sources: common codes, https://cloud.tencent.com/document/api/679/47722 (VENDORS.md §3.1); ccc
//! codes, TencentCloud/tencentcloud-sdk-go `tencentcloud/ccc/v20200210/errors.go`; the CreateAICall
//! page's own table (seed 003). `retryable` is callplane's reading: rate limits and transient server
//! faults succeed when sent again later, nothing else does.

/// Where a code is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorScope {
    /// API 3.0 common code, any product.
    Common,
    /// Contact Center (ccc) specific.
    Ccc,
}

/// One documented error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCodeInfo {
    /// `FailedOperation.CallOutFailed`.
    pub code: &'static str,
    /// English meaning (from the vendor's description).
    pub meaning: &'static str,
    /// Where documented.
    pub scope: ErrorScope,
    /// Sending the same request later can succeed.
    pub retryable: bool,
}

const fn c(
    code: &'static str,
    meaning: &'static str,
    scope: ErrorScope,
    retryable: bool,
) -> ErrorCodeInfo {
    ErrorCodeInfo {
        code,
        meaning,
        scope,
        retryable,
    }
}

use ErrorScope::{Ccc, Common};

/// Every documented code, common first, then ccc, each group sorted by code.
pub const ERROR_CODES: &[ErrorCodeInfo] = &[
    c(
        "ActionOffline",
        "The API has been taken offline.",
        Common,
        false,
    ),
    c(
        "AuthFailure.InvalidAuthorization",
        "The Authorization header is malformed.",
        Common,
        false,
    ),
    c(
        "AuthFailure.InvalidSecretId",
        "The SecretId is not a valid TencentCloud API key.",
        Common,
        false,
    ),
    c(
        "AuthFailure.MFAFailure",
        "MFA authentication failed.",
        Common,
        false,
    ),
    c(
        "AuthFailure.SecretIdNotFound",
        "The SecretId does not exist or is disabled.",
        Common,
        false,
    ),
    c(
        "AuthFailure.SignatureExpire",
        "Signature expired: the request timestamp differs from server time by more than five minutes.",
        Common,
        false,
    ),
    c(
        "AuthFailure.SignatureFailure",
        "The signature does not match; check the SecretKey and the signing steps.",
        Common,
        false,
    ),
    c(
        "AuthFailure.TokenFailure",
        "The temporary credential token is invalid or expired.",
        Common,
        false,
    ),
    c(
        "AuthFailure.UnauthorizedOperation",
        "The credentials are not authorized (CAM) for this operation.",
        Common,
        false,
    ),
    c(
        "DryRunOperation",
        "DryRun: the request would have succeeded.",
        Common,
        false,
    ),
    c("FailedOperation", "The operation failed.", Common, false),
    c("InternalError", "An internal error occurred.", Common, true),
    c(
        "InvalidAction",
        "The API (Action) does not exist.",
        Common,
        false,
    ),
    c(
        "InvalidParameter",
        "A parameter is wrong (name or type).",
        Common,
        false,
    ),
    c(
        "InvalidParameterValue",
        "A parameter value is invalid.",
        Common,
        false,
    ),
    c(
        "InvalidRequest",
        "The request body is malformed.",
        Common,
        false,
    ),
    c(
        "IpInBlacklist",
        "The caller's IP is on the blocklist.",
        Common,
        false,
    ),
    c(
        "IpNotInWhitelist",
        "The caller's IP is not on the allowlist.",
        Common,
        false,
    ),
    c(
        "LimitExceeded",
        "A quota limit was exceeded.",
        Common,
        false,
    ),
    c(
        "MissingParameter",
        "A required parameter is missing.",
        Common,
        false,
    ),
    c(
        "NoSuchProduct",
        "The product does not exist.",
        Common,
        false,
    ),
    c(
        "NoSuchVersion",
        "The API version does not exist.",
        Common,
        false,
    ),
    c(
        "RequestLimitExceeded",
        "Too many requests: the rate limit was exceeded.",
        Common,
        true,
    ),
    c(
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        "The account exceeded the rate limit across regions.",
        Common,
        true,
    ),
    c(
        "RequestLimitExceeded.IPLimitExceeded",
        "The caller's IP exceeded the rate limit.",
        Common,
        true,
    ),
    c(
        "RequestLimitExceeded.UinLimitExceeded",
        "The account (UIN) exceeded the rate limit.",
        Common,
        true,
    ),
    c(
        "RequestSizeLimitExceeded",
        "The request body is too large.",
        Common,
        false,
    ),
    c("ResourceInUse", "The resource is in use.", Common, false),
    c(
        "ResourceInsufficient",
        "Insufficient resources.",
        Common,
        false,
    ),
    c(
        "ResourceNotFound",
        "The resource does not exist.",
        Common,
        false,
    ),
    c(
        "ResourceUnavailable",
        "The resource is unavailable.",
        Common,
        false,
    ),
    c(
        "ResponseSizeLimitExceeded",
        "The response would be too large; narrow the query.",
        Common,
        false,
    ),
    c(
        "ServiceUnavailable",
        "The service is temporarily unavailable.",
        Common,
        true,
    ),
    c(
        "UnauthorizedOperation",
        "Unauthorized operation.",
        Common,
        false,
    ),
    c("UnknownParameter", "Unknown parameter.", Common, false),
    c(
        "UnsupportedOperation",
        "Unsupported operation.",
        Common,
        false,
    ),
    c(
        "UnsupportedProtocol",
        "Unsupported HTTP method or protocol.",
        Common,
        false,
    ),
    c(
        "UnsupportedRegion",
        "The API does not support this region.",
        Common,
        false,
    ),
    // --- ccc (errors.go, plus the CreateAICall table)
    c(
        "FailedOperation.CallOutFailed",
        "Outbound call failure.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.CalleeIsBlackUser",
        "High-risk callee; do not call.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.CalleeIsLimited",
        "Outbound calls to this callee are restricted.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.CallerOverFrequency",
        "The caller ID exceeded its outbound call limit.",
        Ccc,
        true,
    ),
    c(
        "FailedOperation.CalloutRuleBlindArea",
        "The number is in a restricted calling zone.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.CalloutRuleMaxCallCountCalleeIntervalTime",
        "Exceeded the call limit for this callee within the set interval.",
        Ccc,
        true,
    ),
    c(
        "FailedOperation.CalloutRuleMaxCallCountCalleePerDayAppID",
        "Exceeded the daily call limit for this callee.",
        Ccc,
        true,
    ),
    c(
        "FailedOperation.CalloutRuleNotWorkTime",
        "Calls are not allowed at this time.",
        Ccc,
        true,
    ),
    c(
        "FailedOperation.CurStateNotAllowModify",
        "The number's current state cannot be modified.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.DuplicatedAccount",
        "Duplicate account.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.NoCallOutNumber",
        "No outbound number is available.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.PermissionDenied",
        "Insufficient permissions.",
        Ccc,
        false,
    ),
    c(
        "FailedOperation.SeatStatusBusy",
        "The agent (seat) is busy.",
        Ccc,
        true,
    ),
    c(
        "InternalError.DBError",
        "Internal database access failed.",
        Ccc,
        true,
    ),
    c(
        "InvalidParameter.DuplicateAddress",
        "Duplicate address.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.DuplicatePhoneNumber",
        "Duplicate phone number.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.DuplicateSipAccount",
        "Duplicate SIP account.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.IllegalAddress",
        "Illegal address.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.IllegalPhoneNumber",
        "Illegal phone number.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.InstanceNotExist",
        "The instance does not exist.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.InvalidAddress",
        "Invalid address.",
        Ccc,
        false,
    ),
    c("InvalidParameter.InvalidIP", "Invalid IP.", Ccc, false),
    c(
        "InvalidParameter.InvalidPhoneNumber",
        "Invalid phone number.",
        Ccc,
        false,
    ),
    c("InvalidParameter.InvalidPort", "Invalid port.", Ccc, false),
    c(
        "InvalidParameter.SipAccountPasswordFormat",
        "SIP password must be at least 8 characters with upper case, lower case and digits.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.SipAccountUserFormat",
        "SIP user name may only contain A-Z, a-z and digits.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.SipTrunkInUsed",
        "The SIP trunk is still in use.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameter.SipTrunkNotFound",
        "SIP trunk not found.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.AccountNotExist",
        "The account does not exist.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.InstanceNotExist",
        "The SdkAppId does not exist.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.PhoneNumIsBoundOtherAccount",
        "The number is bound to another account.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.RecordNotExist",
        "The queried record does not exist.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.SkillGroupError",
        "Skill group error.",
        Ccc,
        false,
    ),
    c(
        "InvalidParameterValue.SkillGroupExist",
        "The skill group already exists.",
        Ccc,
        false,
    ),
    c(
        "LimitExceeded.BasePackageExpired",
        "Your call package is used up.",
        Ccc,
        false,
    ),
    c(
        "LimitExceeded.OutOfCountLimit",
        "Count limit exceeded.",
        Ccc,
        false,
    ),
    c(
        "OperationDenied.NotInWhiteList",
        "Not on the allowlist.",
        Ccc,
        false,
    ),
    c(
        "OperationDenied.UinDisabled",
        "The account is disabled.",
        Ccc,
        false,
    ),
];

/// The codes the CreateAICall page lists as its business errors (seed 003, "6. Error Code").
pub const CREATE_AI_CALL_ERROR_CODES: &[&str] = &[
    "FailedOperation.CallOutFailed",
    "FailedOperation.CalleeIsBlackUser",
    "FailedOperation.CallerOverFrequency",
    "FailedOperation.CalloutRuleBlindArea",
    "FailedOperation.CalloutRuleMaxCallCountCalleeIntervalTime",
    "FailedOperation.CalloutRuleMaxCallCountCalleePerDayAppID",
    "FailedOperation.CalloutRuleNotWorkTime",
    "FailedOperation.NoCallOutNumber",
    "FailedOperation.PermissionDenied",
    "InternalError",
    "InvalidParameterValue",
    "InvalidParameterValue.InstanceNotExist",
    "LimitExceeded.BasePackageExpired",
];

/// The entry for `code`, exact match.
pub fn lookup(code: &str) -> Option<&'static ErrorCodeInfo> {
    ERROR_CODES.iter().find(|e| e.code == code)
}

/// The entry for `code`, or for its nearest documented parent (`FailedOperation.NewThing` →
/// `FailedOperation`): Tencent adds sub-codes without notice, and the category still says what
/// kind of failure it is.
pub fn lookup_or_parent(code: &str) -> Option<&'static ErrorCodeInfo> {
    let mut c = code;
    loop {
        if let Some(e) = lookup(c) {
            return Some(e);
        }
        c = c.rsplit_once('.')?.0;
    }
}
