// Typings of the campaign runner (campaign.js over the native dispatcher, src/campaign/).
// `Campaign`, `Vendor` and the results of `checkCampaign` / `planCampaign` are the shared typings
// of both packages (typings/operations.d.ts, in `index.d.ts`).

import type { Campaign, Vendor } from './index'

/** Counters of a run in progress. */
export interface CampaignProgress {
  /** Vendor requests in the plan. */
  requests: number
  /** Contacts to call (excluded ones not counted). */
  contacts: number
  /** Contacts whose request the vendor accepted. */
  accepted: number
  /** Contacts whose request failed for good. */
  failed: number
  /** Requests answered by the vendor in this run. */
  sent: number
  /** Requests whose answer was lost (resolved by asking the vendor). */
  ambiguous: number
  foundByLookup: number
  resentAfterLookup: number
  /** Intents waiting until a lookup can decide (Tencent: until calls have ended). */
  waitingForLookup: number
  elapsedMs: number
  /** The last lookup that failed (retried on the next pass). */
  lastLookupError: string | null
}

/** The status of a contact: a call's status, `pending` (not yet accepted by the vendor) or `excluded` (preflight). */
export type CallStatus =
  | 'pending' | 'queued' | 'ringing' | 'in_progress' | 'completed' | 'no_answer' | 'busy' | 'failed'
  | 'voicemail' | 'canceled' | 'excluded'

/** Totals from a journal. */
export interface CampaignStatus {
  campaignId: string | null
  vendor: Vendor | null
  contacts: number
  byStatus: Record<CallStatus, number>
  /** Requests by state: planned, sending, sent, failed, ambiguous. */
  requests: Record<string, number>
  /** How requests got their outcome: answer, lookup (answer lost, found at the vendor), resent (no trace found, sent again). */
  resolvedBy: Record<string, number>
  /** Sends beyond one per request (refused with a retryable error, or proved absent after a lost answer). */
  extraSends: number
  /** Every request was sent or failed for good. */
  dispatched: boolean
  /** Every contact has a final status. */
  final: boolean
  /** `runCampaign` only: the journal already held this campaign. */
  resumed?: boolean
  explanation?: string[]
  progress?: CampaignProgress
}

/** One contact's call, the same shape for every vendor. */
export interface CallRecord {
  index: number
  key: string
  phone: string | null
  vendor: Vendor | null
  status: CallStatus
  /** Bland call_id, Tencent SessionId, Alibaba CallId. */
  callId: string | null
  /** Bland batch_id, Alibaba TaskId. */
  groupId: string | null
  /** Seconds. */
  duration: number | null
  transcript: string | null
  recordingUrl: string | null
  analysis: unknown
  /** The vendor's own record. */
  raw: unknown
  error: { code: string; message?: string; retryClass?: string | null } | null
  updatedAt: number
}

/** Options of `runCampaign`. The vendor client's credentials go in `credentials` (as for `new Bland(...)` etc.). */
export interface RunCampaignOptions {
  vendor: Vendor
  /** The journal file (SQLite). Reuse it to resume. */
  journal: string
  credentials: Record<string, unknown>
  endpoint?: string
  timeoutMs?: number
  retries?: { max?: number; baseMs?: number; capMs?: number }
  rateLimit?: { requests: number; perMs?: number } | false
  /** Requests in flight at once (default 64). */
  concurrency?: number
  onProgress?: (p: CampaignProgress) => void
  progressIntervalMs?: number
  /** The base URL of a callplane simulator: lookups use its clock. */
  simulator?: string
  /** Vendor ms after sending by which a Tencent call has ended and has its record (default 30 min). */
  recordHorizonMs?: number
  /** Wall ms after sending before a lost request's absence at the vendor is believed (default 60 000). */
  settleMs?: number
  recheckMs?: number
  /** `plan` (default): wait for each request's planned send time (schedule, calling hours, pacing). `ignore`: only for load tests against a simulator with its limits off. */
  notBefore?: 'plan' | 'ignore'
}

export function runCampaign(campaign: Campaign, options: RunCampaignOptions): Promise<CampaignStatus>
export function campaignStatus(journal: string): Promise<CampaignStatus>
export function campaignRecords(journal: string, filter?: { status?: CallStatus; limit?: number; offset?: number }): Promise<CallRecord[]>
export function trackCampaign(
  journal: string,
  options: { vendor: Vendor; credentials: Record<string, unknown>; endpoint?: string; simulator?: string; intervalMs?: number; timeoutMs?: number },
): Promise<CampaignStatus>
/** Verify a Bland post-call webhook and store it; the contact index, or null when not this campaign's. */
export function recordBlandWebhook(journal: string, body: string | Buffer, signature: string, secret: string): Promise<number | null>
