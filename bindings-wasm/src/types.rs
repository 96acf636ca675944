//! TypeScript types of the API, emitted into the generated `.d.ts` next to the functions (whose
//! parameters and results name these types through `unchecked_param_type` /
//! `unchecked_return_type`). The unions of names and codes are checked against the core by the
//! tests below, so they cannot drift.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &str = TYPES;

/// The type declarations (also read by the tests below). The custom section reads it at compile
/// time, which the dead-code lint does not see.
#[allow(dead_code)]
const TYPES: &str = r#"
/** The three vendors. */
export type Vendor = "bland" | "aliyun" | "tencent";

/** Every operation, in JS names: Bland's in camelCase, Alibaba's and Tencent's the vendor's action with a lower-case first letter. */
export type OperationName =
  | "bland.sendCall" | "bland.getCall" | "bland.listCalls" | "bland.stopCall" | "bland.analyzeCall"
  | "bland.createBatch" | "bland.listBatches" | "bland.getBatch" | "bland.stopBatch" | "bland.analyzeBatch"
  | "bland.getBatchAnalysis" | "bland.createBatchV2" | "bland.listBatchesV2" | "bland.getBatchV2"
  | "bland.getBatchV2Logs" | "bland.stopBatchV2" | "bland.updateInbound" | "bland.getInbound" | "bland.listInbound"
  | "aliyun.batchRobotSmartCall" | "aliyun.queryCallDetailByTaskId" | "aliyun.queryCallDetailByCallId" | "aliyun.queryRobotTaskList"
  | "tencent.createAICall" | "tencent.describeTelSession" | "tencent.describeSessionDetail" | "tencent.describeTelCdr"
  | "tencent.describeAICallExtractResult" | "tencent.describeAIAnalysisResult"
  | "tencent.describeAICallInteractionRecords" | "tencent.describeAILatency" | "tencent.hangUpCall";

export interface OperationInfo {
  name: OperationName;
  vendor: Vendor;
  /** True when the operation places calls: a lost answer is ambiguous and must not be retried blindly. */
  createsCalls: boolean;
}

export type Severity = "error" | "warning";

/** Stable validation codes. */
export type IssueCode =
  | "required" | "invalid_type" | "unknown_field" | "extra_shadows_field" | "invalid_enum" | "out_of_range"
  | "too_long" | "too_many" | "too_few" | "duplicate" | "invalid_format" | "invalid_url" | "not_https"
  | "conflict" | "ignored" | "not_in_future" | "invalid_timezone" | "unknown_language"
  | "template_syntax" | "missing_variable" | "unused_variable" | "non_scalar_variable"
  | "phone_invalid_characters" | "phone_too_short" | "phone_too_long" | "phone_invalid_for_region"
  | "phone_not_supported_by_vendor" | "tts_param_mismatch" | "deprecated" | "phone_premium_rate"
  | "suppressed" | "outside_calling_hours" | "unknown_time_zone";

/** One problem. `path` is in JS names (`callData[3].phoneNumber`); "" is the whole input. */
export interface Issue {
  severity: Severity;
  code: IssueCode;
  path: string;
  message: string;
}

export interface ValidationResult {
  /** True when no issue is an error (warnings allowed). */
  ok: boolean;
  issues: Issue[];
}

export interface CheckOptions {
  /** "Now" in Unix milliseconds. @default Date.now() */
  nowMs?: number;
}

export interface BuildOptions extends CheckOptions {
  /** A fresh, unique nonce for this attempt (Alibaba refuses a reused one). @default a random UUID v4 */
  nonce?: string;
}

export interface BlandCredentials {
  vendor: "bland";
  apiKey: string;
  /** @default "https://api.bland.ai" */
  endpoint?: string;
  /** The `encrypted_key` header of bring-your-own-Twilio accounts. */
  encryptedKey?: string;
}

export interface AliyunCredentials {
  vendor: "aliyun";
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token of temporary credentials. */
  securityToken?: string;
  /** @default "https://dyvmsapi.aliyuncs.com" */
  endpoint?: string;
  /** @default "v3" (ACS3-HMAC-SHA256, what the current SDKs send) */
  signature?: "v3" | "rpc_v1";
  /** @default "cn-hangzhou" */
  regionId?: string;
}

export interface TencentCredentials {
  vendor: "tencent";
  secretId: string;
  secretKey: string;
  /** STS token of temporary credentials (`X-TC-Token`). */
  token?: string;
  /** @default "https://ccc.tencentcloudapi.com" */
  endpoint?: string;
  /** `X-TC-Region`. */
  region?: string;
  /** `X-TC-Language`: "zh-CN" or "en-US". */
  language?: string;
}

export type Credentials = BlandCredentials | AliyunCredentials | TencentCredentials;

/** A signed request, ready for `fetch(url, {method, headers, body})`. */
export interface BuiltRequest {
  method: "GET" | "POST";
  url: string;
  /** `[name, value]` pairs in order (`new Headers(headers)` takes them). */
  headers: [string, string][];
  /** The body text, or null for none. */
  body: string | null;
  /** Warnings of the validation (a request with errors is never built). */
  warnings: Issue[];
}

/** A vendor's HTTP answer. */
export interface VendorResponse {
  status: number;
  /** An object (`Object.fromEntries(res.headers)`) or `[name, value]` pairs. */
  headers?: Record<string, string> | [string, string][];
  /** The body text (`await res.text()`). */
  body?: string | null;
}

export interface ParsedResponse<T = Record<string, unknown>> {
  /** The typed answer in JS names; user data (variables, metadata…) keeps its keys. */
  data: T;
  requestId: string | null;
  httpStatus: number;
  /** The body exactly as the vendor sent it, parsed. */
  raw: unknown;
}

/** One `callData` row: `phoneNumber` plus the prompt's variables (their names are kept as written). */
export interface BlandCallDataRow {
  phoneNumber?: string;
  [variable: string]: unknown;
}

/** A Bland `POST /v1/batches` body in JS names (`basePrompt`, `callData`, and every `/v1/calls` option). */
export interface BlandBatch {
  basePrompt?: string;
  callData?: BlandCallDataRow[];
  [option: string]: unknown;
}

export interface PreflightRow {
  index: number;
  /** The number in E.164 (Bland's wire form), or null. */
  phoneNumber: string | null;
  phoneError: { code: ErrorCode; message: string } | null;
  /** The rendered `basePrompt`, or null. */
  prompt: string | null;
  /** Variables the row could not fill (absent, null, or an object/array). */
  missingVariables: string[];
  issues: Issue[];
}

export interface PreflightSummary {
  rows: number;
  ready: number;
  withErrors: number;
  invalidPhoneNumbers: number;
  missingVariables: number;
  duplicates: number;
  errors: number;
  warnings: number;
}

export interface PreflightResult {
  ok: boolean;
  summary: PreflightSummary;
  /** Problems of the batch itself, and one `unused_variable` warning per unused column. */
  issues: Issue[];
  rows: PreflightRow[];
}

export type RenderResult = { ok: true; text: string } | { ok: false; issues: Issue[] };

export interface TemplateSyntaxError {
  kind: "unclosed" | "empty" | "malformed";
  /** 1-based. */
  line: number;
  /** 1-based, in Unicode scalar values. */
  column: number;
  message: string;
}

export interface TemplateCheck {
  ok: boolean;
  variables: string[];
  errors: TemplateSyntaxError[];
}

export type NumberType =
  | "fixed_line" | "mobile" | "fixed_line_or_mobile" | "toll_free" | "premium_rate" | "shared_cost"
  | "voip" | "personal_number" | "pager" | "uan" | "voicemail";

export interface PhoneInfo {
  e164: string;
  /** The vendor's wire form (Bland `+1…`, Alibaba national digits, Tencent `0086…`). */
  wire: string;
  /** ISO 3166 region, or null for non-geographic numbers. */
  region: string | null;
  type: NumberType;
  countryCode: number;
  nationalNumber: string;
}

export type RetryClass = "retryable" | "final" | "ambiguous";

/** Stable error codes (`CallplaneError.code`). */
export type ErrorCode =
  | "validation_failed" | "template_syntax" | "invalid_json"
  | "required" | "phone_invalid_characters" | "phone_too_short" | "phone_too_long"
  | "phone_invalid_for_region" | "phone_not_supported_by_vendor"
  | "vendor_auth" | "vendor_permission" | "vendor_rate_limited" | "vendor_invalid_request"
  | "vendor_not_found" | "vendor_payment" | "vendor_blocked" | "vendor_rejected"
  | "vendor_server_error" | "vendor_error"
  | "ambiguous_outcome" | "transport_not_sent" | "transport_no_response"
  | "signing_invalid_url" | "signing_missing_header" | "signing_unsupported_method"
  | "signing_timestamp_out_of_range" | "signing_malformed_query" | "signing_no_service"
  | "signature_mismatch" | "signature_expired" | "invalid_timestamp" | "unknown_key" | "nonce_reused"
  | "missing_auth_field" | "malformed_auth_field" | "unsupported_algorithm" | "invalid_security_token"
  | "malformed_request";

/** What every function throws: a real `Error` with these properties. Never contains a credential. */
export interface CallplaneError extends Error {
  name: "CallplaneError";
  code: ErrorCode;
  /** validation_failed: every problem, paths in JS names. */
  issues?: Issue[];
  vendor?: Vendor;
  /** The vendor's own code (`AuthFailure.SignatureFailure`, `isv.BUSINESS_LIMIT_CONTROL`). */
  vendorCode?: string;
  httpStatus?: number;
  requestId?: string;
  retryClass?: RetryClass;
  retryAfterMs?: number;
  details?: string[];
  /** template_syntax: position of the first bad tag. */
  line?: number;
  column?: number;
}
"#;

#[cfg(test)]
mod tests {
    use super::TYPES;
    use callplane_core::IssueCode;
    use callplane_core::vendor_error::VendorErrorKind;

    fn quoted(s: &str) -> String {
        format!("\"{s}\"")
    }

    #[test]
    fn every_operation_name_is_typed() {
        let ops = callplane_core::js::operations();
        let names: Vec<&str> = ops
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["name"].as_str())
            .collect();
        assert_eq!(
            names.len(),
            callplane_core::api::registry::Operation::ALL.len()
        );
        for n in &names {
            assert!(TYPES.contains(&quoted(n)), "{n} missing from OperationName");
        }
        let union = TYPES
            .split("export type OperationName =")
            .nth(1)
            .and_then(|s| s.split(';').next())
            .unwrap_or("");
        assert_eq!(
            union.matches('"').count(),
            2 * names.len(),
            "extra names in OperationName"
        );
    }

    #[test]
    fn every_issue_code_and_vendor_code_is_typed() {
        for c in IssueCode::ALL {
            assert!(
                TYPES.contains(&quoted(c.as_str())),
                "{c} missing from IssueCode"
            );
        }
        let union = TYPES
            .split("export type IssueCode =")
            .nth(1)
            .and_then(|s| s.split(';').next())
            .unwrap_or("");
        assert_eq!(union.matches('"').count(), 2 * IssueCode::ALL.len());
        for k in [
            VendorErrorKind::Auth,
            VendorErrorKind::Permission,
            VendorErrorKind::RateLimited,
            VendorErrorKind::InvalidRequest,
            VendorErrorKind::NotFound,
            VendorErrorKind::Payment,
            VendorErrorKind::Blocked,
            VendorErrorKind::Rejected,
            VendorErrorKind::Server,
            VendorErrorKind::Unknown,
        ] {
            assert!(TYPES.contains(&quoted(k.code())), "{} missing", k.code());
        }
    }
}

// --- campaign: `checkCampaign` / `planCampaign` (kept as a separate block; see core/src/js/campaign.rs)

#[wasm_bindgen(typescript_custom_section)]
const CAMPAIGN_TYPESCRIPT: &str = CAMPAIGN_TYPES;

/// The campaign declarations (also read by the test below).
#[allow(dead_code)]
const CAMPAIGN_TYPES: &str = r#"
/** One person to call. */
export interface CampaignContact {
  /** Any spelling the vendor's rules accept (Bland: US by default; Alibaba, Tencent: China by default). */
  phone: string;
  /** The script's variables (`{{name}}` reads `variables.name`); `phone_number` is reserved. */
  variables?: Record<string, unknown>;
  /** Stable id: the contact's key in the dispatch journal. @default its E.164 number */
  id?: string;
}

export type CampaignScript =
  | { prompt: { template: string; firstSentence?: string } }
  | { aliyunDialog: { dialogId: string; ttsVariables?: string[] } };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** A vendor-neutral campaign: callplane's own format (camelCase). */
export interface Campaign {
  id: string;
  script: CampaignScript;
  contacts: CampaignContact[];
  /** Bland `from` (round robin over batches), Alibaba `CalledShowNumber`, Tencent `Callers`. */
  callerIds?: string[];
  /** RFC 3339 instants. */
  schedule?: { startAt?: string; endAt?: string };
  /** `HH:MM` 24-hour, in the callee's local time (in every zone its number may be in). */
  callingHours?: { start: string; end: string; days?: Weekday[] };
  /** Do-not-call numbers in any spelling. */
  suppression?: string[];
  /** Vendor request fields in JS names, plus `batchSize` (Bland) and `chunkSize` (Alibaba, 1–1000, default 100). */
  vendors?: {
    bland?: Record<string, unknown> & { batchSize?: number };
    aliyun?: Record<string, unknown> & { chunkSize?: number; dialogId?: string };
    tencent?: Record<string, unknown> & { sdkAppId?: number };
  };
}

export type ContactStatus = "ready" | "warning" | "excluded";

export interface ContactCheck {
  index: number;
  /** `id`, else the E.164 number, else `#<index>`. */
  key: string;
  e164: string | null;
  /** IANA zones the number may be in (libphonenumber's prefix table). */
  timeZones: string[];
  /** Earliest instant (Unix ms) the calling window holds in every zone; null without calling hours. */
  sendAfterMs: number | null;
  status: ContactStatus;
  issues: Issue[];
}

export interface CampaignCheck {
  /** The campaign itself has no error (contacts may still be excluded). */
  ok: boolean;
  /** Problems of the campaign itself. */
  issues: Issue[];
  contacts: ContactCheck[];
  summary: { contacts: number; ready: number; warning: number; excluded: number; byCode: Partial<Record<IssueCode, number>> };
}

export type Correlation =
  | { kind: "bland_batch_label"; label: string }
  | { kind: "bland_call"; to: string; marker: string }
  | { kind: "aliyun_task"; taskName: string }
  | { kind: "tencent_callee"; callee: string; sdkAppId: number };

export interface PlannedRequest {
  /** Deterministic intent key, unique within the campaign. */
  key: string;
  operation: OperationName;
  /** JS names: `buildRequest(operation, credentials, input)` takes it as it is. */
  input: Record<string, unknown>;
  /** The same request in the vendor's wire names. */
  wireInput: Record<string, unknown>;
  /** Indexes into `campaign.contacts`. */
  contacts: number[];
  /** E.164 numbers of those contacts. */
  callees: string[];
  /** Earliest send time (Unix ms); null = now. */
  notBeforeMs: number | null;
  correlation: Correlation;
}

export interface CampaignPlan {
  vendor: Vendor;
  requests: PlannedRequest[];
  /** Contacts not called (preflight errors). */
  excluded: number[];
  explanation: string[];
}
"#;

#[cfg(test)]
mod campaign_tests {
    use super::CAMPAIGN_TYPES;

    #[test]
    fn every_correlation_kind_and_contact_status_is_typed() {
        for kind in [
            "bland_batch_label",
            "bland_call",
            "aliyun_task",
            "tencent_callee",
        ] {
            assert!(CAMPAIGN_TYPES.contains(&format!("\"{kind}\"")), "{kind}");
        }
        for s in [
            callplane_core::campaign::ContactStatus::Ready,
            callplane_core::campaign::ContactStatus::Warning,
            callplane_core::campaign::ContactStatus::Excluded,
        ] {
            assert!(
                CAMPAIGN_TYPES.contains(&format!("\"{}\"", s.as_str())),
                "{}",
                s.as_str()
            );
        }
    }
}
