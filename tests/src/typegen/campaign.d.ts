// The types of `checkCampaign` / `planCampaign`, written once for both npm packages: typegen
// (tests/src/typegen/campaign.rs) copies this into typings/operations.d.ts, which both include.
// Their results are built as JSON by core/src/js/campaign.rs; tests/tests/typegen.rs checks the
// kinds and statuses named here against the core.

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
