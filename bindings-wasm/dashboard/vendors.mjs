// What each vendor makes of a contact list: per-row issues, a preview per row, and the request
// plan. Every rule is the core's (through @callplane/wasm: preflightBlandBatch, validate,
// renderBatch, normalizePhone); this file only lays contacts out in each vendor's request shape
// and files the issues under the rows their paths name. `api` is the wasm module's exports, so
// the same code runs in the page and under Node.

/** Tencent ccc allows 20 requests per second per SdkAppId and action (VENDORS.md §3; the simulator enforces it). */
export const TENCENT_REQUESTS_PER_SECOND = 20;
/** Alibaba's BatchRobotSmartCall summary says 1–100 callees per task, the parameter doc 1–1000: 100 is the safe reading. */
export const ALIYUN_DEFAULT_CHUNK = 100;
export const ALIYUN_MAX_CHUNK = 1000;

/**
 * @typedef {{severity: 'error'|'warning', code: string, path: string, message: string}} Issue
 * @typedef {{line?: number, phone?: unknown, variables: Record<string, unknown>}} Contact
 * @typedef {{index: number, line?: number, phone: unknown, e164: string|null, wire: string|null,
 *   preview: string|null, previewLabel: string, issues: (Issue & {request?: number})[], status: 'ready'|'warning'|'error'}} RowCheck
 * @typedef {{operation: string, rows: number[], input: object}} PlannedRequest
 * @typedef {{vendor: string, requests: PlannedRequest[], excluded: number[], explanation: string[], estimatedSeconds: number|null}} Plan
 * @typedef {{rows: RowCheck[], issues: Issue[], summary: Record<string, number>, plan: Plan}} Check
 */

/**
 * Check `contacts` for `vendor` with `script` (the vendor's settings from the form).
 *
 * `campaign` (optional, campaign.mjs: the core's checkCampaign and planCampaign) adds issue 7's
 * rules: each contact's campaign issues (calling hours in its time zones, do-not-call, duplicates
 * after normalisation…) join the row's, except where the vendor check already reported the same
 * rule at the same severity; the campaign's plan replaces the per-vendor one; and a contact whose
 * calling window has not opened yet is not sent from the page.
 * @returns {Check}
 */
export function checkBatch(api, vendor, script, contacts, { nowMs, campaign = null, csv = null }) {
  const ctx = { nowMs, campaign, csv };
  if (vendor === 'bland') return checkBland(api, script, contacts, ctx);
  if (vendor === 'aliyun') return checkAliyun(api, script, contacts, ctx);
  if (vendor === 'tencent') return checkTencent(api, script, contacts, ctx);
  throw new Error(`unknown vendor ${vendor}`);
}

/** `add`'s issues that `have` does not already report (same rule, same severity). */
function newRules(have, add) {
  const seen = new Set(have.map((i) => `${i.severity}|${i.code}`));
  return add.filter((i) => !seen.has(`${i.severity}|${i.code}`));
}

/** Adds the campaign's findings to the rows, then settles each row's status. */
function settleRows(rows, ctx) {
  for (const r of rows) {
    const extra = ctx.campaign?.rows.get(r.index);
    if (extra) {
      r.issues.push(...newRules(r.issues, extra.issues));
      r.timeZones = extra.timeZones;
      r.sendAfterMs = extra.sendAfterMs;
    }
    r.status = rowStatus(r.issues);
  }
}

/** The settings' issues, with the campaign's own problems that are new. */
function withCampaignIssues(issues, ctx) {
  return ctx.campaign ? [...issues, ...newRules(issues, ctx.campaign.issues)] : issues;
}

/** Rows to send now: no error, and (with calling hours) inside the callee's window already. */
function sendNow(rows, ctx) {
  return rows.filter((r) => r.status !== 'error' && !(r.sendAfterMs && r.sendAfterMs > ctx.nowMs)).map((r) => r.index);
}

function rowStatus(issues) {
  if (issues.some((i) => i.severity === 'error')) return 'error';
  return issues.length > 0 ? 'warning' : 'ready';
}

/** E.164 and wire form for display; the core's issues already say what is wrong with a bad number. */
function phoneForms(api, vendor, phone) {
  if (typeof phone !== 'string') return { e164: null, wire: null };
  try {
    const p = api.normalizePhone(vendor, phone);
    return { e164: p.e164, wire: p.wire };
  } catch {
    return { e164: null, wire: null };
  }
}

function summarize(rows, issues, extra = {}) {
  const count = (list, sev) => list.filter((i) => i.severity === sev).length;
  let errors = count(issues, 'error');
  let warnings = count(issues, 'warning');
  for (const r of rows) {
    errors += count(r.issues, 'error');
    warnings += count(r.issues, 'warning');
  }
  return {
    rows: rows.length,
    ready: rows.filter((r) => r.status !== 'error').length,
    withErrors: rows.filter((r) => r.status === 'error').length,
    withWarnings: rows.filter((r) => r.status === 'warning').length,
    errors,
    warnings,
    ...extra,
  };
}

/** Adds an issue once (the same settings problem reported for every request is one problem). */
function addOnce(list, seen, issue) {
  const key = `${issue.severity}|${issue.code}|${issue.path}|${issue.message}`;
  if (!seen.has(key)) {
    seen.add(key);
    list.push(issue);
  }
}

function finishPlan(vendor, rows, batchIssues, requests, explanation, estimatedSeconds, ctx) {
  const excluded = rows.filter((r) => r.status === 'error').map((r) => r.index);
  const deferred = rows.filter((r) => r.status !== 'error' && r.sendAfterMs && r.sendAfterMs > ctx.nowMs);
  let plan = { requests, explanation, estimatedSeconds };
  if (ctx.campaign) plan = campaignPlan(vendor, rows, ctx);
  if (deferred.length > 0) {
    const first = Math.min(...deferred.map((r) => r.sendAfterMs));
    plan.explanation.push(`${deferred.length} contact(s) are outside their calling hours now and are not sent from this page; the earliest window opens ${new Date(first).toISOString()}.`);
  }
  if (batchIssues.some((i) => i.severity === 'error')) {
    return {
      vendor,
      requests: [],
      excluded,
      explanation: ['Nothing can be sent: the settings themselves have errors (listed above the rows).', ...plan.explanation],
      estimatedSeconds: null,
    };
  }
  if (excluded.length > 0) plan.explanation.push(`${excluded.length} row(s) with errors are left out of every request.`);
  return { vendor, excluded, ...plan };
}

/**
 * The core's campaign plan, as the page sends it: requests (JS names) whose contacts are all
 * inside their calling window now and none of which the vendor check refuses.
 */
function campaignPlan(vendor, rows, ctx) {
  const { plan, planError } = ctx.campaign;
  if (!plan) return { requests: [], explanation: [`The core's planCampaign refused the campaign: ${planError}`], estimatedSeconds: null };
  const now = [];
  let held = 0;
  let refused = 0;
  for (const r of plan.requests) {
    const own = r.contacts.map((i) => rows[i]);
    if (own.some((row) => !row || row.status === 'error')) refused += 1;
    else if (own.some((row) => row.sendAfterMs && row.sendAfterMs > ctx.nowMs)) held += 1;
    else now.push({ operation: r.operation, rows: r.contacts, input: r.input, key: r.key });
  }
  const explanation = [...plan.explanation, `(The plan is the core's planCampaign; ${now.length} of its ${plan.requests.length} request(s) can be sent now.)`];
  if (held > 0) explanation.push(`${held} request(s) wait for their contacts' calling window.`);
  if (refused > 0) explanation.push(`${refused} request(s) hold a row the vendor check refuses, so they are not sent.`);
  const seconds = vendor === 'tencent' && now.length > 1 ? (now.length - 1) / TENCENT_REQUESTS_PER_SECOND : vendor === 'tencent' ? 0 : null;
  return { requests: now, explanation, estimatedSeconds: seconds };
}

// ---- Bland: one POST /v1/batches, one base_prompt, one call_data entry per contact.

/**
 * Contacts read from a CSV file (`ctx.csv`: `{text, phoneColumn, known}`): the module reads the
 * file's text itself (`preflightBlandCsv`: the same rows as `toContacts` makes, the same checks,
 * without stringifying an object per contact). Its CSV problems that the page already lists from
 * `parseCsv` (same rules, same lines and messages: `known`) are left out; any other (a second
 * phone-number column) stays.
 */
function blandCsv(api, script, { nowMs, csv }) {
  const pf = api.preflightBlandCsv({ ...script.options, basePrompt: script.basePrompt }, csv.text, { nowMs, phoneColumn: csv.phoneColumn });
  const listed = new Set(csv.known.map((e) => `${e.line}|${e.message}`));
  return { ...pf, issues: pf.issues.filter((i) => i.line === undefined || !listed.has(`${i.line}|${i.message}`)) };
}

function checkBland(api, script, contacts, ctx) {
  const { nowMs } = ctx;
  const batch = {
    ...script.options,
    basePrompt: script.basePrompt,
    callData: contacts.map((c) => ({ ...c.variables, phoneNumber: c.phone })),
  };
  const pf = ctx.csv ? blandCsv(api, script, ctx) : api.preflightBlandBatch(batch, { nowMs });
  const rows = pf.rows.map((r) => {
    const c = contacts[r.index];
    return {
      index: r.index,
      line: c?.line,
      phone: c?.phone,
      e164: r.phoneNumber,
      wire: r.phoneNumber,
      preview: r.prompt,
      previewLabel: 'base_prompt',
      issues: [...r.issues],
      status: 'ready',
    };
  });
  settleRows(rows, ctx);
  const issues = withCampaignIssues(pf.issues, ctx);
  const ready = sendNow(rows, ctx);
  const requests = ready.length === 0 ? [] : [{
    operation: 'bland.createBatch',
    rows: ready,
    input: { ...batch, callData: ready.map((i) => batch.callData[i]) },
  }];
  const explanation = [
    `Bland takes the whole list in one request: POST /v1/batches with one base_prompt and ${ready.length} call_data row(s); Bland queues the calls and dials them at your account's concurrency.`,
  ];
  const { invalidPhoneNumbers, missingVariables, duplicates } = pf.summary;
  return {
    rows,
    issues,
    summary: summarize(rows, issues, { invalidPhoneNumbers, missingVariables, duplicates }),
    plan: finishPlan('bland', rows, issues, requests, explanation, null, ctx),
  };
}

// ---- Alibaba: BatchRobotSmartCall tasks of at most `chunkSize` callees, TTS variables per callee.

function aliyunInput(script, contacts, part, taskNumber) {
  const head = script.ttsVariables;
  const input = {
    ...script.options,
    calledShowNumber: script.calledShowNumber,
    calledNumber: part.map((i) => contacts[i].phone ?? null),
    dialogId: script.dialogId,
    taskName: `${script.taskName}-${taskNumber}`,
  };
  if (script.isSelfLine) input.isSelfLine = true;
  else if (script.corpName) input.corpName = script.corpName;
  if (head.length > 0) {
    input.ttsParamHead = head;
    // A missing value stays null so the core reports it (no empty string is invented).
    input.ttsParam = part.map((i) => ({
      number: contacts[i].phone ?? null,
      params: head.map((h) => contacts[i].variables[h] ?? null),
    }));
  }
  return input;
}

function chunks(indexes, size) {
  const out = [];
  for (let k = 0; k < indexes.length; k += size) out.push(indexes.slice(k, k + size));
  return out;
}

function checkAliyun(api, script, contacts, ctx) {
  const { nowMs } = ctx;
  const size = script.chunkSize;
  const rows = contacts.map((c, index) => ({
    index,
    line: c.line,
    phone: c.phone,
    ...phoneForms(api, 'aliyun', c.phone),
    preview: script.ttsVariables.length === 0
      ? null
      : script.ttsVariables.map((h) => `${h} = ${c.variables[h] ?? '(missing)'}`).join('\n'),
    previewLabel: 'TtsParam',
    issues: [],
    status: 'ready',
  }));
  const issues = [];
  const seen = new Set();
  // A TTS value a row lacks is the core's `missing_variable` (the same rule as a prompt's
  // {{placeholders}}): the TTS variables are rendered as a template. (validate only warns about an
  // empty TtsParam value — Alibaba accepts it — while a missing column is a mistake here.)
  if (script.ttsVariables.length > 0) {
    const template = script.ttsVariables.map((h) => `{{${h}}}`).join(' ');
    api.renderBatch(template, contacts.map((c) => c.variables)).forEach((r, i) => {
      if (!r.ok) rows[i].issues.push(...r.issues.map((x) => ({ ...x, path: `ttsParam ← ${x.path}` })));
    });
  }
  // Check the list as the tasks it would be sent in, so per-task rules (counts, TtsParam against
  // CalledNumber) apply exactly as they will.
  chunks(contacts.map((_, i) => i), size).forEach((part, k) => {
    const v = api.validate('aliyun.batchRobotSmartCall', aliyunInput(script, contacts, part, k + 1), { nowMs });
    for (const issue of v.issues) {
      const m = /^(?:calledNumber|ttsParam)\[(\d+)\]/.exec(issue.path);
      const row = m ? rows[part[Number(m[1])]] : undefined;
      // The core's empty-value warning restates a missing_variable the row already has.
      const restated = row && issue.code === 'required' && /\.params\[\d+\]$/.test(issue.path) &&
        row.issues.some((x) => x.code === 'missing_variable');
      if (restated) continue;
      if (row) row.issues.push({ ...issue, request: k + 1 });
      else addOnce(issues, seen, issue);
    }
  });
  settleRows(rows, ctx);
  issues.push(...withCampaignIssues(issues, ctx).slice(issues.length));
  const ready = sendNow(rows, ctx);
  const requests = chunks(ready, size).map((part, k) => ({
    operation: 'aliyun.batchRobotSmartCall',
    rows: part,
    input: aliyunInput(script, contacts, part, k + 1),
  }));
  const explanation = [
    `Alibaba: one BatchRobotSmartCall task per ${size} callees at most → ${requests.length} request(s) for ${ready.length} callee(s). ` +
      `The API summary allows 1–100 numbers per task while the parameter reference says 1–1000, so 100 is the safe default (configurable up to ${ALIYUN_MAX_CHUNK}).`,
    script.ttsVariables.length > 0
      ? `Each task carries TtsParamHead [${script.ttsVariables.join(', ')}] and one TtsParam entry per callee, filled from the columns of the same names.`
      : 'No TTS variables: the dialog is played as configured in the console.',
    'Callees are sent in mainland-China national form; Alibaba dials them at the task\'s own pace.',
  ];
  return { rows, issues, summary: summarize(rows, issues), plan: finishPlan('aliyun', rows, issues, requests, explanation, null, ctx) };
}

// ---- Tencent: one CreateAICall per contact, SystemPrompt rendered for that contact, ≤ 20/s.

/** Paths of a CreateAICall that differ from contact to contact. */
const TENCENT_ROW_FIELDS = /^(callee|systemPrompt|welcomeMessage|variables|promptVariables)(\b|\[|\.)/;

function tencentInput(script, contact, prompt) {
  const input = { ...script.options, ...script.settings, callee: contact.phone ?? null, systemPrompt: prompt };
  return input;
}

function checkTencent(api, script, contacts, ctx) {
  const { nowMs } = ctx;
  const rendered = api.renderBatch(script.systemPrompt, contacts.map((c) => c.variables));
  const issues = [];
  const seen = new Set();
  const rows = contacts.map((c, index) => {
    const r = rendered[index];
    const rowIssues = r.ok ? [] : r.issues.map((i) => ({ ...i, path: i.path ? `systemPrompt ← ${i.path}` : 'systemPrompt' }));
    const v = api.validate('tencent.createAICall', tencentInput(script, c, r.ok ? r.text : script.systemPrompt), { nowMs });
    for (const issue of v.issues) {
      if (TENCENT_ROW_FIELDS.test(issue.path)) rowIssues.push(issue);
      else addOnce(issues, seen, issue);
    }
    return {
      index,
      line: c.line,
      phone: c.phone,
      ...phoneForms(api, 'tencent', c.phone),
      preview: r.ok ? r.text : null,
      previewLabel: 'SystemPrompt',
      issues: rowIssues,
      status: 'ready',
    };
  });
  settleRows(rows, ctx);
  issues.push(...withCampaignIssues(issues, ctx).slice(issues.length));
  const ready = sendNow(rows, ctx);
  const requests = ready.map((i) => ({
    operation: 'tencent.createAICall',
    rows: [i],
    input: tencentInput(script, contacts[i], rendered[i].text),
  }));
  const seconds = requests.length <= 1 ? 0 : (requests.length - 1) / TENCENT_REQUESTS_PER_SECOND;
  const explanation = [
    `Tencent: CreateAICall places one call to one callee, so ${requests.length} request(s), one per contact, each with the SystemPrompt rendered for that contact.`,
    `ccc allows ${TENCENT_REQUESTS_PER_SECOND} requests per second per SdkAppId and action, so they are sent at most ${TENCENT_REQUESTS_PER_SECOND}/s: about ${seconds.toFixed(1)} s to send them all.`,
  ];
  return { rows, issues, summary: summarize(rows, issues), plan: finishPlan('tencent', rows, issues, requests, explanation, seconds, ctx) };
}
