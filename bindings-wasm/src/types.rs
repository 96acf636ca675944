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
export interface OperationInfo {
  name: OperationName;
  vendor: Vendor;
  /** True when the operation places calls: a lost answer is ambiguous and must not be retried blindly. */
  createsCalls: boolean;
}

export type Severity = "error" | "warning";

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

export interface PreflightOptions extends CheckOptions {
  /** Which rows to return: every row, only rows with something to fix, or none (summary only). @default "all" */
  rows?: "all" | "problems" | "none";
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

export interface ParsedResponse<T = unknown> {
  /** The typed answer in JS names; user data (variables, metadata…) keeps its keys. */
  data: T;
  requestId: string | null;
  httpStatus: number;
  /** The body exactly as the vendor sent it, parsed. */
  raw: unknown;
}

/** A Bland `POST /v1/batches` body in JS names (the input of `bland.createBatch`). */
export type BlandBatch = BlandCreateBatchInput;

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

/** `preflightBlandCsv`'s batch: a Bland batch whose rows come from the CSV text. */
export type BlandCsvBatch = Omit<BlandBatch, "callData">;

export interface PreflightCsvOptions extends PreflightOptions {
  /**
   * The header name of the phone column (exact, after trimming).
   * @default the first of "phone_number", "phoneNumber", "phone" that the header has
   */
  phoneColumn?: string;
}

export interface PreflightCsvRow extends PreflightRow {
  /** The CSV line the row's record starts on (1-based, BOM not counted). */
  line: number;
}

/**
 * An issue of `preflightBlandCsv`. The CSV's own problems (`csv_syntax`, `csv_field_count`,
 * `csv_header`, `csv_phone_column`) come first, each with the `line` it is on and the path
 * `callData[i]` (the record is row `i`) or `callData`; the others are `preflightBlandBatch`'s.
 */
export interface PreflightCsvIssue extends Issue {
  /** 1-based line in the CSV text (BOM not counted); only on the CSV's own problems. */
  line?: number;
}

export interface PreflightCsvResult {
  ok: boolean;
  summary: PreflightSummary;
  issues: PreflightCsvIssue[];
  rows: PreflightCsvRow[];
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

/** Check `input` for `operation` without building anything: every problem at once (paths in JS names). */
export function validate<Op extends OperationName>(operation: Op, input: OperationInput<Op>, options?: CheckOptions): ValidationResult;

/** Validate, map and sign the request for `operation`; send it with `fetch`. */
export function buildRequest<Op extends OperationName>(operation: Op, credentials: Credentials, input: OperationInput<Op>, options?: BuildOptions): BuiltRequest;

/** Read the vendor's answer to `operation`; vendor errors throw. `data` is typed by operation. */
export function parseResponse<Op extends OperationName>(operation: Op, response: VendorResponse): ParsedResponse<OperationOutput<Op>>;
"#;

/// Every operation's input and output types, generated from the core's models by
/// `cargo run -p callplane-tests --bin typegen` (shared with the Node package), with `Vendor`,
/// `IssueCode` and the campaign types of `checkCampaign` / `planCampaign`.
#[wasm_bindgen(typescript_custom_section)]
const OPERATIONS_TS: &str = OPERATIONS;

/// The generated declarations (also read by the tests below).
#[allow(dead_code)]
const OPERATIONS: &str = include_str!("../../typings/operations.d.ts");

#[cfg(test)]
mod tests {
    use super::{OPERATIONS, TYPES};
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
            assert!(
                OPERATIONS.contains(&quoted(n)),
                "{n} missing from OperationName"
            );
        }
        let union = OPERATIONS
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
        // `IssueCode` is written by typegen from the core's list; this catches a stale file.
        for c in IssueCode::ALL {
            assert!(
                OPERATIONS.contains(&quoted(c.as_str())),
                "{c} missing from IssueCode"
            );
        }
        let union = OPERATIONS
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
