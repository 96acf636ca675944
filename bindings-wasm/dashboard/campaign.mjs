// Issue 7's campaign rules in the dashboard: calling hours in the callee's local time zone(s), a
// do-not-call list and a start time, checked by the core's `checkCampaign` and planned by
// `planCampaign` (both in @callplane/wasm when the build has them; the page works without them).
// This file only writes the form into the campaign JSON the core reads and picks out what the
// campaign adds to the vendor checks of vendors.mjs.

/** Whether this build of @callplane/wasm has the campaign functions. */
export function hasCampaign(api) {
  return typeof api.checkCampaign === 'function' && typeof api.planCampaign === 'function';
}

/**
 * Form fields that the campaign carries elsewhere (`from` → callerIds, a first sentence → the
 * script). Any other field the campaign owns is passed on, so the core names the conflict.
 */
const MOVED = { bland: ['from', 'firstSentence'], aliyun: [], tencent: ['callers', 'welcomeMessage'] };

function without(options, keys) {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !keys.includes(k)));
}

/**
 * The campaign JSON (`/work/wt/CAMPAIGN-INTERFACE.md`, core `campaign::model`) for the form:
 * `script` as in vendors.mjs, `rules` = `{start, end, days, suppression, startAt}` from the form.
 */
export function buildCampaign(vendor, script, contacts, rules) {
  const campaign = {
    id: 'dashboard',
    contacts: contacts.map((c) => ({ phone: typeof c.phone === 'string' ? c.phone : '', variables: c.variables })),
    suppression: rules.suppression,
  };
  if (vendor === 'aliyun') {
    campaign.script = { aliyunDialog: { dialogId: script.dialogId, ttsVariables: script.ttsVariables } };
    campaign.callerIds = script.calledShowNumber;
    const options = without(script.options, MOVED.aliyun);
    if (script.isSelfLine) options.isSelfLine = true;
    else if (script.corpName) options.corpName = script.corpName;
    options.chunkSize = script.chunkSize;
    campaign.vendors = { aliyun: options };
  } else if (vendor === 'bland') {
    campaign.script = { prompt: { template: script.basePrompt } };
    if (script.options.firstSentence !== undefined) campaign.script.prompt.firstSentence = script.options.firstSentence;
    campaign.callerIds = script.options.from ? [script.options.from] : [];
    campaign.vendors = { bland: without(script.options, MOVED.bland) };
  } else {
    campaign.script = { prompt: { template: script.systemPrompt } };
    if (script.options.welcomeMessage !== undefined) campaign.script.prompt.firstSentence = script.options.welcomeMessage;
    campaign.callerIds = script.settings.callers ?? [];
    campaign.vendors = { tencent: without({ ...script.options, ...script.settings }, MOVED.tencent) };
  }
  if (rules.start || rules.end) {
    campaign.callingHours = { start: rules.start, end: rules.end };
    if (rules.days.length > 0 && rules.days.length < 7) campaign.callingHours.days = rules.days;
  }
  if (rules.startAt) campaign.schedule = { startAt: rules.startAt };
  return campaign;
}

/**
 * Run the campaign preflight and plan: `{rows: Map(index → {issues, timeZones, sendAfterMs}),
 * issues, plan, planError}`. `plan` is planCampaign's (requests in JS names, ready for
 * buildRequest), or null when the campaign itself has errors (`planError` says which).
 */
export function campaignChecks(api, vendor, campaign, nowMs) {
  const pre = api.checkCampaign(campaign, vendor, { nowMs });
  const rows = new Map();
  for (const c of pre.contacts) {
    rows.set(c.index, { issues: c.issues, timeZones: c.timeZones ?? [], sendAfterMs: c.sendAfterMs ?? null });
  }
  let plan = null;
  let planError = null;
  try {
    plan = api.planCampaign(campaign, vendor, { nowMs });
  } catch (e) {
    // Campaign-level errors: checkCampaign's issues list each of them.
    planError = e.message;
  }
  return { rows, issues: pre.issues, plan, planError };
}
