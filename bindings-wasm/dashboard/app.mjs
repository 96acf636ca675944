// The dashboard page: reads the form, runs the vendor checks (vendors.mjs, all rules in wasm),
// draws rows, plan and live calls. DOM only; the logic lives in the modules it imports.

import init, * as api from '../pkg/web/callplane_wasm.js';
import { parseContacts, guessPhoneColumn, toContacts } from './contacts.mjs';
import { checkBatch, ALIYUN_DEFAULT_CHUNK } from './vendors.mjs';
import { sendPlan, fetchCalls, credentialsFor, tally, STATUSES, TERMINAL } from './live.mjs';
import { drawChart } from './chart.mjs';
import { refreshVendorView } from './lookups.mjs';
import { hasCampaign, buildCampaign, campaignChecks } from './campaign.mjs';

const $ = (id) => document.getElementById(id);
/** What each vendor calls the id its create answer returns. */
const HANDLE = { bland: 'batch_id', aliyun: 'TaskId', tencent: 'SessionId' };
const MAX_ROWS_SHOWN = 500;
const POLL_MS = 400;
const VENDOR_VIEW_POLLS = 10;

const state = { parsed: null, fromCsv: true, text: '', source: '', check: null, watch: null, ready: false, campaign: false };

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.includes('-')) e.setAttribute(k, v); // data-*, aria-*
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const vendor = () => document.querySelector('input[name="vendor"]:checked').value;
const list = (s) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

/** A JSON options field; a parse problem is reported like an issue of the form. */
function jsonOptions(id, problems, name = 'more options (JSON)') {
  const text = $(id).value.trim();
  if (text === '') return {};
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
    problems.push({ severity: 'error', code: 'invalid_type', path: `(${name})`, message: 'must be a JSON object' });
  } catch (e) {
    problems.push({ severity: 'error', code: 'invalid_json', path: `(${name})`, message: e.message });
  }
  return {};
}

/** A number field: empty is absent; anything else is sent as typed, for the core to judge. */
function numberOr(id, text = $(id).value.trim()) {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function readScript(v, problems) {
  if (v === 'bland') {
    const options = { ...jsonOptions('bland-options', problems) };
    if ($('bland-voice').value.trim()) options.voice = $('bland-voice').value.trim();
    const max = numberOr('bland-max-duration');
    if (max !== undefined) options.maxDuration = max;
    if ($('bland-from').value.trim()) options.from = $('bland-from').value.trim();
    return { basePrompt: $('bland-prompt').value, options };
  }
  if (v === 'aliyun') {
    const chunk = Number($('ali-chunk').value);
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > 1000) {
      problems.push({ severity: 'error', code: 'out_of_range', path: '(Callees per task)', message: 'must be a whole number from 1 to 1000' });
    }
    return {
      dialogId: $('ali-dialog').value.trim(),
      ttsVariables: list($('ali-tts').value),
      calledShowNumber: list($('ali-show').value),
      taskName: $('ali-task').value.trim(),
      chunkSize: Number.isInteger(chunk) && chunk >= 1 && chunk <= 1000 ? chunk : ALIYUN_DEFAULT_CHUNK,
      isSelfLine: $('ali-self').checked,
      corpName: $('ali-corp').value.trim(),
      options: jsonOptions('ali-options', problems),
    };
  }
  const settings = {
    sdkAppId: numberOr('tc-app'),
    llmType: $('tc-llm').value.trim(),
    model: $('tc-model').value.trim(),
    apiKey: $('tc-apikey').value,
    apiUrl: $('tc-apiurl').value.trim(),
  };
  const callers = list($('tc-callers').value);
  if (callers.length > 0) settings.callers = callers;
  return { systemPrompt: $('tc-prompt').value, settings, options: jsonOptions('tc-options', problems) };
}

/** The campaign rules fieldset (shown only when the wasm build has checkCampaign). */
function readRules() {
  const startAt = $('start-at').value;
  return {
    start: $('hours-start').value,
    end: $('hours-end').value,
    days: [...document.querySelectorAll('input[name="day"]:checked')].map((d) => d.value),
    suppression: $('suppression').value.split(/\r?\n/).map((x) => x.trim()).filter((x) => x !== ''),
    // datetime-local is the user's wall clock; the campaign wants an instant (RFC 3339).
    startAt: startAt ? new Date(startAt).toISOString() : '',
  };
}

// ---- Contacts

function loadText(text, source) {
  state.parsed = parseContacts(text);
  state.fromCsv = !/^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
  state.text = text;
  state.source = source;
  const select = $('phone-column');
  select.replaceChildren(...state.parsed.columns.map((c) => h('option', { value: c, textContent: c })));
  select.value = guessPhoneColumn(state.parsed.columns);
  const errs = state.parsed.errors;
  $('source').textContent = `${source}: ${state.parsed.rows.length} contact(s), columns ${state.parsed.columns.join(', ') || '(none)'}` +
    (errs.length ? `; ${errs.length} line(s) could not be read` : '');
  $('parse-errors').replaceChildren(...errs.map((e) => h('li', { class: 'issue error', 'data-line': String(e.line) }, `line ${e.line}: ${e.message}`)));
  recheck();
}

async function loadFile(file) {
  if (!file) return;
  try {
    loadText(await file.text(), file.name);
  } catch (e) {
    $('source').textContent = `${file.name} could not be read: ${e.message}`;
  }
}

// ---- Check

function issueItem(i) {
  return h('li', { class: `issue ${i.severity}`, 'data-path': i.path, 'data-code': i.code, 'data-severity': i.severity },
    h('span', { class: 'sev', textContent: i.severity }), ' ',
    h('code', { class: 'path', textContent: i.path || '(input)' }), ' ',
    h('span', { class: 'rule', textContent: i.code }), ': ',
    h('span', { class: 'msg', textContent: i.message }),
    i.request ? h('span', { class: 'hint', textContent: ` (task ${i.request})` }) : null);
}

/** Under a prompt: its {{variables}} (templateVariables' rules, via checkTemplate), or its syntax errors. */
function describeTemplate(id) {
  const t = api.checkTemplate($(id).value);
  const columns = state.parsed?.columns ?? [];
  const unknown = t.variables.filter((x) => !columns.includes(x));
  $(`${id}-vars`).textContent = !t.ok
    ? t.errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('; ')
    : t.variables.length === 0
      ? 'No {{placeholders}}: every contact hears the same text.'
      : `Placeholders: ${t.variables.join(', ')}${columns.length && unknown.length ? ` (not a column: ${unknown.join(', ')})` : ''}.`;
}

function recheck() {
  if (!state.ready) return;
  const v = vendor();
  if (v === 'bland') describeTemplate('bland-prompt');
  if (v === 'tencent') describeTemplate('tc-prompt');
  const problems = [];
  const script = readScript(v, problems);
  const contacts = state.parsed ? toContacts(state.parsed, $('phone-column').value, { fromCsv: state.fromCsv }) : [];
  let check;
  const nowMs = Date.now();
  try {
    const campaign = state.campaign && problems.length === 0
      ? campaignChecks(api, v, buildCampaign(v, script, contacts, readRules()), nowMs)
      : null;
    // A CSV file goes to the module as text (Bland: preflightBlandCsv reads it, BENCHMARKS.md § wasm).
    const csv = state.fromCsv && state.parsed
      ? { text: state.text, phoneColumn: $('phone-column').value, known: state.parsed.errors } : null;
    check = checkBatch(api, v, script, contacts, { nowMs, campaign, csv });
  } catch (e) {
    // Only malformed arguments throw (the checks return issues); show what the core said.
    problems.push({ severity: 'error', code: e.code ?? 'error', path: '', message: e.message });
    check = { rows: [], issues: [], summary: { rows: contacts.length, ready: 0, withErrors: 0, withWarnings: 0, errors: 0, warnings: 0 }, plan: { vendor: v, requests: [], excluded: [], explanation: [], estimatedSeconds: null } };
  }
  if (problems.length > 0) {
    check.issues = [...problems, ...check.issues];
    check.plan = { ...check.plan, requests: [], explanation: ['Nothing can be sent until the form problems above are fixed.', ...check.plan.explanation] };
  }
  state.check = check;
  renderSummary(check, contacts.length);
  $('batch-issues').replaceChildren(...check.issues.map(issueItem));
  renderPlan(check.plan);
  renderRows();
  $('send').disabled = check.plan.requests.length === 0 || state.watch?.running === true;
}

function renderSummary(check, n) {
  const s = check.summary;
  if (n === 0) {
    $('summary').replaceChildren(h('p', { textContent: 'No contacts yet: load a CSV or JSON list above.' }));
    return;
  }
  const items = [
    ['rows', 'Rows'], ['ready', 'Ready'], ['withErrors', 'With errors'], ['withWarnings', 'With warnings'],
    ['errors', 'Errors'], ['warnings', 'Warnings'], ['invalidPhoneNumbers', 'Invalid numbers'],
    ['missingVariables', 'Missing variables'], ['duplicates', 'Duplicates'],
  ].filter(([k]) => s[k] !== undefined);
  $('summary').replaceChildren(h('dl', { class: 'counts' }, ...items.flatMap(([k, label]) => [
    h('div', { 'data-count': k }, h('dt', { textContent: label }), h('dd', { textContent: String(s[k]) })),
  ])));
}

function renderPlan(plan) {
  const n = plan.requests.length;
  const head = h('p', { class: 'plan-head', 'data-requests': String(n) },
    h('strong', { textContent: `${n} request(s)` }),
    plan.estimatedSeconds !== null && n > 0 ? ` · about ${plan.estimatedSeconds.toFixed(1)} s to send` : '');
  const why = h('ul', {}, ...plan.explanation.map((t) => h('li', { textContent: t })));
  const shown = plan.requests.slice(0, 20);
  const rows = shown.map((r, k) => h('li', {},
    h('code', { textContent: r.operation }), ` #${k + 1}: ${r.rows.length} contact(s) (${rowList(r.rows)})`));
  const more = n > shown.length ? h('li', { textContent: `… and ${n - shown.length} more` }) : null;
  $('plan').replaceChildren(head, why, h('ol', { class: 'requests' }, ...rows, more));
}

/** `rows 0, 1, 3` or, for long lists, `rows 0, 1, 3 … 250`. */
function rowList(rows) {
  const name = rows.length === 1 ? 'row' : 'rows';
  return rows.length <= 8 ? `${name} ${rows.join(', ')}` : `${name} ${rows.slice(0, 6).join(', ')} … ${rows[rows.length - 1]}`;
}

function renderRows() {
  const check = state.check;
  if (!check) return;
  const filter = $('row-filter').value;
  const pick = (r) => filter === 'all' || (filter === 'error' ? r.status === 'error' : r.status !== 'ready');
  const matching = check.rows.filter(pick);
  const shown = matching.slice(0, MAX_ROWS_SHOWN);
  $('rows').tBodies[0].replaceChildren(...shown.map((r) => {
    const phone = r.phone === undefined ? '(none)' : String(r.phone);
    return h('tr', { 'data-row': String(r.index), class: r.status },
      h('th', { scope: 'row', textContent: String(r.index) }, r.line ? h('span', { class: 'hint', textContent: ` line ${r.line}` }) : null),
      h('td', { class: 'phone' }, phone, r.wire && r.wire !== phone ? h('span', { class: 'hint', textContent: ` → ${r.wire}` }) : null,
        r.timeZones?.length ? h('span', { class: 'hint tz', textContent: ` (${r.timeZones.join(', ')})` }) : null,
        r.sendAfterMs && r.sendAfterMs > Date.now() ? h('span', { class: 'hint', textContent: ` not before ${new Date(r.sendAfterMs).toISOString()}` }) : null),
      h('td', {}, h('span', { class: `badge ${r.status}`, textContent: r.status })),
      h('td', {}, r.issues.length ? h('ul', { class: 'issues' }, ...r.issues.map(issueItem)) : '—'),
      h('td', { class: 'preview' }, r.preview === null ? '—' : h('span', { 'aria-label': r.previewLabel, textContent: r.preview })));
  }));
  $('rows-more').textContent = matching.length > shown.length
    ? `Showing ${shown.length} of ${matching.length} rows; choose "rows with errors" to see the problems first.`
    : `${matching.length} row(s) shown.`;
}

// ---- Send and watch

function renderCalls(calls, rowOf, view) {
  $('calls').tBodies[0].replaceChildren(...calls.map((c) => h('tr', { 'data-call': c.id, 'data-status': c.status },
    h('td', { 'data-label': 'Row', textContent: rowOf(c) }),
    h('td', { 'data-label': 'To', textContent: c.to }),
    h('td', { 'data-label': 'Call' }, h('code', { textContent: c.id })),
    h('td', { 'data-label': 'Status' }, h('span', { class: `badge s-${c.status}`, textContent: c.status.replace('_', ' ') })),
    h('td', { 'data-label': "The vendor's view", class: 'vendor-view', textContent: view.get(c.id)?.text ?? '…' }),
    h('td', { 'data-label': 'Talk (s)', textContent: c.duration_seconds.toFixed(0) }))));
}

function legend() {
  $('legend').replaceChildren(...STATUSES.map((s) => h('li', {}, h('span', { class: `swatch s-${s}`, 'aria-hidden': 'true' }), s.replace('_', ' '))));
}

function say(text) {
  if ($('live-status').textContent !== text) $('live-status').textContent = text;
}

async function send() {
  const check = state.check;
  if (!check || check.plan.requests.length === 0) return;
  const v = check.plan.vendor;
  const simUrl = $('sim-url').value.trim().replace(/\/+$/, '');
  const creds = credentialsFor(v, {
    blandApiKey: $('bland-key').value,
    aliyunAccessKeyId: $('ali-key-id').value.trim(),
    aliyunAccessKeySecret: $('ali-key-secret').value,
    tencentSecretId: $('tc-secret-id').value.trim(),
    tencentSecretKey: $('tc-secret-key').value,
  }, simUrl);
  const watch = { running: true, samples: [], t0: performance.now(), results: [] };
  state.watch?.stop?.();
  state.watch = watch;
  $('send').disabled = true;
  $('stop-watch').disabled = false;
  $('send-log').replaceChildren();
  $('calls').tBodies[0].replaceChildren();
  drawChart($('chart'), [], 0);
  say(`Sending ${check.plan.requests.length} request(s)…`);

  // Which row a call belongs to: by call id (Tencent) or by number within the sent requests.
  // A number listed twice (a duplicate warning) names both rows on each of its calls.
  const sent = new Set(check.plan.requests.flatMap((r) => r.rows));
  const byE164 = new Map();
  for (const r of check.rows) {
    if (r.e164 && sent.has(r.index)) byE164.set(r.e164, [...(byE164.get(r.e164) ?? []), r.index]);
  }
  const byCallId = new Map();
  const rowOf = (c) => {
    if (byCallId.has(c.id)) return String(byCallId.get(c.id));
    try {
      const e164 = api.normalizePhone(v, c.to).e164;
      return byE164.has(e164) ? byE164.get(e164).join(', ') : '?';
    } catch {
      return '?';
    }
  };

  let timer = null;
  watch.stop = () => {
    watch.running = false;
    if (timer !== null) clearTimeout(timer);
    $('stop-watch').disabled = true;
    $('send').disabled = state.check.plan.requests.length === 0;
  };

  let sending = true;
  // The vendor's own words per call id (lookups.mjs), and how many polls have waited for them
  // after every call ended.
  const view = new Map();
  let lookupSource = '';
  let lookupProblem = '';
  let waitedForVendor = 0;
  const sdkAppId = check.plan.requests[0]?.input.sdkAppId;
  const poll = async () => {
    if (!watch.running) return;
    try {
      const { calls, nowMs } = await fetchCalls(simUrl, v, watch.results);
      if (!watch.running) return;
      try {
        lookupSource = await refreshVendorView(api, v, creds, { results: watch.results, calls, view, sdkAppId, simNowMs: nowMs });
        lookupProblem = '';
      } catch (e) {
        lookupProblem = ` The vendor's lookup failed: ${e.code ?? 'error'}: ${e.message}`;
      }
      const counts = tally(calls);
      watch.samples.push({ t: (performance.now() - watch.t0) / 1000, counts });
      const expected = watch.results.filter((r) => r.ok).reduce((n, r) => n + r.rows.length, 0);
      drawChart($('chart'), watch.samples, Math.max(expected, calls.length));
      renderCalls(calls, rowOf, view);
      $('calls-source').textContent = `Status: GET /_sim/calls (the simulator's unified status). Vendor's view: ${lookupSource || '…'}.${lookupProblem}`;
      const ended = calls.filter((c) => TERMINAL.has(c.status)).length;
      const outcome = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s.replace('_', ' ')}`).join(', ');
      const allEnded = !sending && calls.length >= expected && ended === calls.length;
      if (allEnded && !calls.every((c) => view.get(c.id)?.final) && waitedForVendor < VENDOR_VIEW_POLLS) {
        // Every call ended; give the vendor's lookups a few more polls to report it too.
        waitedForVendor += 1;
      } else if (allEnded) {
        say(calls.length === 0 ? 'No call was created (see the request errors above).' : `All ${calls.length} call(s) ended: ${outcome}.`);
        $('live-status').dataset.done = 'true';
        watch.stop();
        return;
      }
      say(`${sending ? 'Sending… ' : ''}${ended} of ${Math.max(expected, calls.length)} call(s) ended${outcome ? ` (${outcome})` : ''}. Watching GET /_sim/calls.`);
    } catch (e) {
      say(`Could not read the calls: ${e.message}`);
    }
    timer = setTimeout(poll, POLL_MS);
  };

  $('live-status').dataset.done = 'false';
  timer = setTimeout(poll, POLL_MS);
  await sendPlan(api, check.plan, creds, {
    onSent: (r) => {
      watch.results.push(r);
      if (r.ok && r.handle.callId) byCallId.set(r.handle.callId, r.rows[0]);
      const text = r.ok
        ? `request ${r.request + 1}: ok, ${HANDLE[v]} ${r.handle.batchId ?? r.handle.callId} (${rowList(r.rows)})`
        : `request ${r.request + 1} (${rowList(r.rows)}): ${r.error}`;
      // Tencent sends one request per contact: log failures, and successes only for small plans.
      if (!r.ok || check.plan.requests.length <= 20) {
        $('send-log').append(h('li', { class: `issue ${r.ok ? 'ok' : 'error'}`, 'data-request': String(r.request) }, text));
      }
    },
  });
  sending = false;
  const failed = watch.results.filter((r) => !r.ok).length;
  if (failed > 0 && check.plan.requests.length > 20) {
    $('send-log').prepend(h('li', { class: 'issue error' }, `${failed} of ${check.plan.requests.length} requests failed.`));
  }
}

// ---- Wiring

function showVendor() {
  const v = vendor();
  for (const el of document.querySelectorAll('[data-vendor]')) el.hidden = el.dataset.vendor !== v;
  recheck();
}

let debounce = null;
function recheckSoon() {
  clearTimeout(debounce);
  debounce = setTimeout(recheck, 200);
}

function wire() {
  $('file').addEventListener('change', (e) => loadFile(e.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    loadFile(e.dataTransfer.files[0]);
  });
  $('use-paste').addEventListener('click', () => loadText($('paste').value, 'pasted text'));
  $('sample').addEventListener('click', async () => {
    const name = `samples/${vendor()}.csv`;
    try {
      const res = await fetch(name);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      loadText(await res.text(), name);
    } catch (e) {
      $('source').textContent = `${name} could not be loaded: ${e.message}`;
    }
  });
  $('phone-column').addEventListener('change', recheck);
  $('row-filter').addEventListener('change', renderRows);
  for (const r of document.querySelectorAll('input[name="vendor"]')) r.addEventListener('change', showVendor);
  for (const fs of document.querySelectorAll('fieldset.script')) fs.addEventListener('input', recheckSoon);
  // Enter in a field must not submit (and reload) the page, nor send calls by accident.
  for (const f of document.forms) f.addEventListener('submit', (e) => e.preventDefault());
  $('send').addEventListener('click', send);
  $('stop-watch').addEventListener('click', () => {
    state.watch?.stop?.();
    say('Stopped watching.');
  });
}

async function main() {
  wire();
  legend();
  drawChart($('chart'), [], 0);
  try {
    await init();
  } catch (e) {
    $('engine').textContent = `The checker (WebAssembly) could not load: ${e.message}. Build it with bindings-wasm/build.sh.`;
    return;
  }
  state.ready = true;
  state.campaign = hasCampaign(api);
  $('campaign-rules').hidden = !state.campaign;
  $('engine').textContent = 'Checker ready: every rule below runs in @callplane/wasm, in this page.';
  showVendor();
  document.body.dataset.ready = 'true';
}

main();
