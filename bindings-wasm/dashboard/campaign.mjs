// Issue 7's campaign rules in the dashboard: calling hours in the callee's local time zone(s), a
// do-not-call list and a start time, checked by the core's `checkCampaign` and planned by
// `planCampaign` (both in @callplane/wasm when the build has them; the page works without them).
// This file only writes the form into the campaign JSON the core reads and picks out what the
// campaign adds to the vendor checks of vendors.mjs.

/** The issue codes only the campaign preflight produces (the vendor checks report the rest). */
export const CAMPAIGN_CODES = new Set(['suppressed', 'outside_calling_hours', 'unknown_time_zone']);

/** Whether this build of @callplane/wasm has the campaign functions. */
export function hasCampaign(api) {
  return typeof api.checkCampaign === 'function' && typeof api.planCampaign === 'function';
}

/** Fields a campaign fills itself; the core refuses them among the vendor options. */
const FILLED = {
  bland: ['basePrompt', 'callData', 'from', 'firstSentence'],
  aliyun: ['calledNumber', 'calledShowNumber', 'taskName', 'ttsParam', 'ttsParamHead', 'dialogId'],
  tencent: ['callee', 'systemPrompt', 'callers', 'welcomeMessage'],
};

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
    const options = without(script.options, FILLED.aliyun);
    if (script.isSelfLine) options.isSelfLine = true;
    else if (script.corpName) options.corpName = script.corpName;
    options.chunkSize = script.chunkSize;
    campaign.vendors = { aliyun: options };
  } else if (vendor === 'bland') {
    campaign.script = { prompt: { template: script.basePrompt } };
    campaign.callerIds = script.options.from ? [script.options.from] : [];
    campaign.vendors = { bland: without(script.options, FILLED.bland) };
  } else {
    campaign.script = { prompt: { template: script.systemPrompt } };
    campaign.callerIds = script.settings.callers ?? [];
    campaign.vendors = { tencent: without({ ...script.options, ...script.settings }, FILLED.tencent) };
  }
  if (rules.start || rules.end) {
    campaign.callingHours = { start: rules.start, end: rules.end };
    if (rules.days.length > 0 && rules.days.length < 7) campaign.callingHours.days = rules.days;
  }
  if (rules.startAt) campaign.schedule = { startAt: rules.startAt };
  return campaign;
}

/**
 * Run the campaign preflight and plan. Returns what the dashboard adds to its vendor checks:
 * per-row issues with CAMPAIGN_CODES, time zones and earliest send time; the campaign's own
 * problems with those rules; the core plan's explanation.
 */
export function campaignChecks(api, vendor, campaign, nowMs) {
  const pre = api.checkCampaign(campaign, vendor, { nowMs });
  const rows = new Map();
  for (const c of pre.contacts) {
    rows.set(c.index, {
      issues: c.issues.filter((i) => CAMPAIGN_CODES.has(i.code)),
      timeZones: c.timeZones ?? [],
      sendAfterMs: c.sendAfterMs ?? null,
    });
  }
  const issues = pre.issues.filter((i) => CAMPAIGN_CODES.has(i.code) || /^(callingHours|schedule|suppression)\b/.test(i.path));
  let explanation = [];
  try {
    explanation = api.planCampaign(campaign, vendor, { nowMs }).explanation ?? [];
  } catch (e) {
    // Campaign-level errors: the preflight's issues above already say them.
    explanation = [`The core's campaign plan: ${e.message}`];
  }
  return { rows, issues, explanation, summary: pre.summary };
}
