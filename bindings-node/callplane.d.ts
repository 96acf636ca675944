// Public typings of the package `callplane`: the generated native typings (`index.d.ts`) plus the
// error class the JS entry adds.
export {
  Aliyun,
  AliyunOptions,
  Bland,
  BlandOptions,
  BuiltRequest,
  CallResult,
  checkCampaign,
  Issue,
  ParsedResponse,
  PreflightCsvIssue,
  PreflightCsvResult,
  PreflightCsvRow,
  PreflightResult,
  PreflightRow,
  PreflightSummary,
  ValidationResult,
  buildRequest,
  checkTemplate,
  normalizePhone,
  operations,
  parseResponse,
  planCampaign,
  preflightBlandBatch,
  preflightBlandCsv,
  renderBatch,
  renderTemplate,
  signBlandWebhook,
  signRequest,
  signRequests,
  templateVariables,
  validate,
  verifyBlandWebhook,
  RateLimitOptions,
  RequestSigner,
  RetryOptions,
  Simulator,
  SimulatorAliyunCredentials,
  SimulatorBlandCredentials,
  SimulatorCredentials,
  SimulatorOptions,
  SimulatorTencentCredentials,
  Tencent,
  TencentOptions,
  VERSION,
  startSimulator,
} from './index'
// Every generated input and output type (`typings/operations.d.ts`), for annotations.
export type * from './index'

export * from './campaign'
// The native campaign functions in `index` have the same names as their typed JS wrappers in
// `campaign`: name the wrappers explicitly so they win over both star re-exports.
export {
  runCampaign,
  campaignStatus,
  campaignRecords,
  trackCampaign,
  recordBlandWebhook,
} from './campaign'

import type { Issue } from './index'

/** What a caller may do after a failure. */
export type RetryClass = 'retryable' | 'final' | 'ambiguous'

/**
 * Every error callplane raises. Branch on `code` (stable), and on `retryClass`:
 * `ambiguous` means a call-creating request was sent and no answer came back — check with the
 * vendor whether the call exists before sending again (callplane never retries it).
 */
export declare class CallplaneError extends Error {
  readonly name: 'CallplaneError'
  /** Stable snake_case code: `validation_failed`, `vendor_rate_limited`, `ambiguous_outcome`, `transport_not_sent`, `internal_error`, ... */
  readonly code: string
  readonly vendor: 'bland' | 'aliyun' | 'tencent' | null
  /** The vendor's own error code (`AuthFailure.SignatureFailure`, `isv.BUSINESS_LIMIT_CONTROL`). */
  readonly vendorCode: string | null
  readonly httpStatus: number | null
  readonly requestId: string | null
  /** `null` for errors found before anything was sent (validation). */
  readonly retryClass: RetryClass | null
  /** The earliest retry the vendor asked for, in ms. */
  readonly retryAfterMs: number | null
  /** Every validation problem, with its field path in JS names (`callData[3].phoneNumber`). */
  readonly issues: Issue[]
  /** Extra detail lines from the vendor. */
  readonly details: string[] | null
  /** For failures below HTTP: `not_sent` (nothing reached the vendor) or `no_response`. */
  readonly transport: 'not_sent' | 'no_response' | null
  /** Template syntax errors (`template_syntax`): where the first one is. */
  readonly line?: number
  readonly column?: number
  /** The method that failed (`sendCall`, `createAICall`). */
  readonly operation: string | null
  /** Attempts made before giving up; `null` when nothing was sent. */
  readonly attempts: number | null
}
