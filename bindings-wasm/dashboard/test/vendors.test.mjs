// The dashboard's vendor layer against the real checker (the wasm `nodejs` build): issues filed
// under the rows their paths name, settings problems reported once, and request plans that follow
// each vendor's rules. Needs bindings-wasm/build.sh first.
//   node --test bindings-wasm/dashboard/test/vendors.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { checkBatch, TENCENT_REQUESTS_PER_SECOND } from '../vendors.mjs';
import { parseCsv, toContacts } from '../contacts.mjs';
import { RateLimiter } from '../live.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/callplane_wasm.js');
const NOW_MS = 1_763_700_000_000;
const codes = (row) => row.issues.map((i) => [i.severity, i.code, i.path]);
const china = (i) => `1390000${String(i).padStart(4, '0')}`;

test('bland: row issues by row, bad rows left out of the one batch request', () => {
  const contacts = [
    { phone: '+1 201 555 0100', variables: { name: 'Ann', topic: 'x' } },
    { phone: '12', variables: { name: 'Bob', topic: 'x' } },
    { phone: '+1 201 555 0102', variables: { name: 'Cy' } },
    { phone: '(201) 555-0100', variables: { name: 'Ann again', topic: 'x' } },
  ];
  const c = checkBatch(api, 'bland', { basePrompt: 'Hi {{name}} about {{topic}}', options: { maxDuration: 5 } }, contacts, { nowMs: NOW_MS });
  // Bland would call a repeated number twice: the core warns, the row stays in the batch.
  assert.deepEqual(c.rows.map((r) => r.status), ['ready', 'error', 'error', 'warning']);
  assert.ok(codes(c.rows[1]).some(([s, code, path]) => s === 'error' && code === 'phone_too_short' && path === 'callData[1].phoneNumber'), JSON.stringify(c.rows[1].issues));
  assert.ok(codes(c.rows[2]).some(([, code, path]) => code === 'missing_variable' && path === 'callData[2].topic'));
  assert.ok(codes(c.rows[3]).some(([s, code]) => s === 'warning' && code === 'duplicate'));
  assert.equal(c.rows[0].preview, 'Hi Ann about x');
  assert.equal(c.rows[0].e164, '+12015550100');
  assert.equal(c.plan.requests.length, 1);
  assert.deepEqual(c.plan.requests[0].rows, [0, 3]);
  assert.deepEqual(c.plan.requests[0].input.callData.map((r) => r.name), ['Ann', 'Ann again']);
  assert.deepEqual(c.plan.excluded, [1, 2]);
  assert.equal(c.summary.withErrors, 2);
  assert.equal(c.summary.duplicates, c.rows.filter((r) => r.issues.some((i) => i.code === 'duplicate')).length);
});

test('bland: contacts from a CSV file checked from its text (preflightBlandCsv) as from the contacts', () => {
  const text = readFileSync(new URL('bad-rows.csv', import.meta.url), 'utf8')
    + '+12015550109,Jo\n"+12015550110",Kim,x"y,z\n';
  const parsed = parseCsv(text);
  assert.ok(parsed.errors.length >= 2, JSON.stringify(parsed.errors));
  const contacts = toContacts(parsed, 'phone', { fromCsv: true });
  const script = { basePrompt: 'Hi {{name}}, about {{topic}}.', options: { maxDuration: 5 } };
  const csv = { text, phoneColumn: 'phone', known: parsed.errors };
  assert.deepEqual(checkBatch(api, 'bland', script, contacts, { nowMs: NOW_MS, csv }), checkBatch(api, 'bland', script, contacts, { nowMs: NOW_MS }));
  // A problem parseCsv does not list stays: a second phone-number column.
  const two = 'phone,phoneNumber,name,topic\n+12015550100,+12015550101,Ann,x\n';
  const p2 = parseCsv(two);
  const c = checkBatch(api, 'bland', script, toContacts(p2, 'phone', { fromCsv: true }), { nowMs: NOW_MS, csv: { text: two, phoneColumn: 'phone', known: p2.errors } });
  assert.deepEqual(c.issues.map((i) => [i.code, i.line]), [['csv_header', 1]]);
});

test('bland: a bad option blocks the plan and is not a row problem', () => {
  const c = checkBatch(api, 'bland', { basePrompt: 'Hi {{name}}', options: { maxDuration: 'long' } }, [{ phone: '+12015550100', variables: { name: 'A' } }], { nowMs: NOW_MS });
  assert.ok(c.issues.some((i) => i.path === 'maxDuration' && i.severity === 'error'), JSON.stringify(c.issues));
  assert.deepEqual(c.rows[0].issues, []);
  assert.equal(c.plan.requests.length, 0);
});

const aliyunScript = (chunkSize) => ({
  dialogId: '1000029701', ttsVariables: ['name'], calledShowNumber: ['057188773344'], taskName: 't',
  chunkSize, isSelfLine: true, corpName: '', options: {},
});

for (const [n, size, bad, sizes] of [
  [250, 100, null, [100, 100, 50]],
  [250, 100, 150, [100, 100, 49]],
  [250, 1000, null, [250]],
  [100, 100, null, [100]],
  [101, 100, null, [100, 1]],
]) {
  test(`aliyun: ${n} callees in tasks of ${size}${bad === null ? '' : `, row ${bad} bad`} → ${sizes.join('+')}`, () => {
    const contacts = Array.from({ length: n }, (_, i) => ({ phone: i === bad ? '+1 201 555 0100' : china(i), variables: { name: `n${i}` } }));
    const c = checkBatch(api, 'aliyun', aliyunScript(size), contacts, { nowMs: NOW_MS });
    assert.deepEqual(c.plan.requests.map((r) => r.rows.length), sizes);
    assert.deepEqual(c.plan.requests.map((r) => r.input.taskName), sizes.map((_, k) => `t-${k + 1}`));
    for (const r of c.plan.requests) {
      assert.equal(r.input.calledNumber.length, r.rows.length);
      assert.deepEqual(r.input.ttsParam.map((p) => p.params[0]), r.rows.map((i) => `n${i}`));
    }
    if (bad !== null) {
      const row = c.rows[bad];
      assert.equal(row.status, 'error');
      // The issue's path is the task's own index; the row and task number say where it belongs.
      assert.ok(row.issues.every((i) => i.request === Math.floor(bad / size) + 1), JSON.stringify(row.issues));
      assert.ok(row.issues.some((i) => i.path === `calledNumber[${bad % size}]`), JSON.stringify(row.issues));
      assert.equal(c.rows.filter((r) => r.status === 'error').length, 1);
    }
    // Above 100 callees per task the core warns (the vendor's summary says 1–100).
    assert.deepEqual(c.issues.map((i) => [i.severity, i.code, i.path]), size > 100 ? [['warning', 'too_many', 'calledNumber']] : []);
  });
}

test('aliyun: a missing TTS value is the core\'s error on that row; settings problems reported once', () => {
  const contacts = [0, 1, 2].map((i) => ({ phone: china(i), variables: i === 1 ? {} : { name: 'x' } }));
  const c = checkBatch(api, 'aliyun', aliyunScript(2), contacts, { nowMs: NOW_MS });
  assert.deepEqual(c.rows.map((r) => r.status), ['ready', 'error', 'ready']);
  assert.deepEqual(c.rows[1].issues.map((i) => [i.severity, i.code, i.path]), [['error', 'missing_variable', 'ttsParam ← name']]);
  const noDialog = checkBatch(api, 'aliyun', { ...aliyunScript(2), dialogId: '' }, contacts, { nowMs: NOW_MS });
  // Two tasks, one missing DialogId: one issue.
  assert.equal(noDialog.issues.filter((i) => i.path === 'dialogId').length, 1, JSON.stringify(noDialog.issues));
  assert.equal(noDialog.plan.requests.length, 0);
});

const tencentScript = (settings = {}) => ({
  systemPrompt: '回访{{name}}。',
  settings: { sdkAppId: 1400000001, llmType: 'openai', model: 'gpt-4o-mini', apiKey: 'k', apiUrl: 'https://api.openai.com/v1/', ...settings },
  options: {},
});

test('tencent: one request per ready contact with its own prompt, paced at 20/s', () => {
  const contacts = Array.from({ length: 41 }, (_, i) => ({ phone: `+86 ${china(i)}`, variables: i === 7 ? {} : { name: `客户${i}` } }));
  const c = checkBatch(api, 'tencent', tencentScript(), contacts, { nowMs: NOW_MS });
  assert.equal(c.rows[7].status, 'error');
  assert.ok(c.rows[7].issues.some((i) => i.code === 'missing_variable'), JSON.stringify(c.rows[7].issues));
  assert.equal(c.plan.requests.length, 40);
  assert.equal(c.plan.requests[0].input.systemPrompt, '回访客户0。');
  assert.equal(c.plan.requests[0].input.callee, `+86 ${china(0)}`);
  assert.equal(c.plan.estimatedSeconds, 39 / TENCENT_REQUESTS_PER_SECOND);
  assert.equal(c.rows[0].wire, `0086${china(0)}`);
});

test('tencent: a settings error is one batch issue, not one per row, and blocks sending', () => {
  const contacts = [0, 1, 2].map((i) => ({ phone: `+86 ${china(i)}`, variables: { name: 'x' } }));
  const c = checkBatch(api, 'tencent', tencentScript({ llmType: 'gpt' }), contacts, { nowMs: NOW_MS });
  assert.equal(c.issues.filter((i) => i.path === 'llmType').length, 1, JSON.stringify(c.issues));
  assert.ok(c.rows.every((r) => r.issues.length === 0));
  assert.equal(c.plan.requests.length, 0);
  const bad = checkBatch(api, 'tencent', tencentScript(), [{ phone: '12', variables: { name: 'x' } }], { nowMs: NOW_MS });
  assert.ok(bad.rows[0].issues.some((i) => i.path === 'callee' && i.severity === 'error'), JSON.stringify(bad.rows[0].issues));
});

test('rate limiter: however long each request takes, no 21 can land in one second, and no slower than needed', async () => {
  let now = 0;
  const limiter = new RateLimiter(20, { now: () => now, sleep: async (ms) => { now += ms; } });
  const starts = [];
  const ends = [];
  // Latencies from 1 to 250 ms in a fixed irregular order: a slow request then fast ones is the
  // case that defeats spacing the starts.
  const latency = (k) => 1 + ((k * 97) % 250);
  for (let k = 0; k < 95; k += 1) {
    await limiter.wait();
    starts.push(now);
    now += latency(k);
    ends.push(now);
    limiter.done();
  }
  // The server stamps request k somewhere in [starts[k], ends[k]]: even the latest stamp of k-20
  // and the earliest of k are a second apart.
  for (let k = 20; k < starts.length; k += 1) assert.ok(starts[k] - ends[k - 20] >= 1000, `request ${k}`);
  // Never idle when the window allows: each wait ends exactly when the 20th previous answer is 1 s old.
  for (let k = 20; k < starts.length; k += 1) {
    assert.ok(starts[k] === ends[k - 1] || starts[k] === ends[k - 20] + 1002, `request ${k} waited too long`);
  }
});

test('campaign findings: new rules join the rows, the core plan is sent only where every row may go now', () => {
  const contacts = [0, 1, 2].map((i) => ({ phone: `+1 201 555 010${i}`, variables: { name: 'x' } }));
  const tz = ['America/New_York'];
  const rows = new Map([
    [0, { issues: [], timeZones: tz, sendAfterMs: null }],
    [1, { issues: [{ severity: 'error', code: 'suppressed', path: 'contacts[1].phone', message: 'on the do-not-call list' }], timeZones: tz, sendAfterMs: null }],
    [2, { issues: [{ severity: 'warning', code: 'outside_calling_hours', path: 'contacts[2].phone', message: 'deferred' }], timeZones: tz, sendAfterMs: NOW_MS + 3_600_000 }],
  ]);
  const request = (op, contacts) => ({ key: `k${contacts}`, operation: op, input: { marker: contacts.join() }, contacts });
  for (const [vendor, script, planned, sent, why] of [
    ['bland', { basePrompt: 'Hi {{name}}', options: {} }, [[0, 2]], [], '1 request(s) wait for their contacts\' calling window.'],
    ['tencent', tencentScript(), [[0], [1], [2]], [[0]], '1 request(s) hold a row the vendor check refuses, so they are not sent.'],
  ]) {
    const op = vendor === 'bland' ? 'bland.createBatch' : 'tencent.createAICall';
    const campaign = { rows, issues: [], plan: { requests: planned.map((c) => request(op, c)), explanation: ['core says'] }, planError: null };
    const c = checkBatch(api, vendor, script, contacts, { nowMs: NOW_MS, campaign });
    assert.deepEqual(c.rows.map((r) => r.status), ['ready', 'error', 'warning'], vendor);
    assert.deepEqual(c.rows[1].timeZones, tz);
    assert.deepEqual(c.rows[1].issues.map((i) => i.code), ['suppressed']);
    assert.deepEqual(c.plan.requests.map((r) => r.rows), sent, vendor);
    assert.deepEqual(c.plan.requests.map((r) => r.input), sent.map((x) => ({ marker: x.join() })), 'the core\'s input is sent as it is');
    assert.equal(c.plan.explanation[0], 'core says');
    assert.ok(c.plan.explanation.includes(why), JSON.stringify(c.plan.explanation));
    assert.ok(c.plan.explanation.some((t) => t.startsWith('1 contact(s) are outside their calling hours now')));
    assert.equal(c.summary.withErrors, 1);
  }
});

test('campaign findings: a rule the vendor check already reported is not repeated', () => {
  const contacts = [{ phone: '12', variables: { name: 'x' } }];
  const campaign = {
    rows: new Map([[0, { issues: [{ severity: 'error', code: 'phone_too_short', path: 'contacts[0].phone', message: 'too short' }], timeZones: [], sendAfterMs: null }]]),
    issues: [],
    plan: null,
    planError: 'no contact can be called',
  };
  const c = checkBatch(api, 'bland', { basePrompt: 'Hi {{name}}', options: {} }, contacts, { nowMs: NOW_MS, campaign });
  assert.deepEqual(c.rows[0].issues.map((i) => [i.code, i.path]), [['phone_too_short', 'callData[0].phoneNumber']]);
  assert.deepEqual(c.plan.requests, []);
  assert.ok(c.plan.explanation[0].endsWith('no contact can be called'));
});

test('with the real checkCampaign/planCampaign: the plan the page sends validates, per vendor', async () => {
  const { buildCampaign, campaignChecks, hasCampaign } = await import('../campaign.mjs');
  assert.ok(hasCampaign(api), 'this wasm build has the campaign functions');
  const rules = { start: '', end: '', days: [], suppression: [], startAt: '' };
  const cases = [
    ['aliyun', aliyunScript(100), Array.from({ length: 250 }, (_, i) => ({ phone: china(i), variables: { name: `n${i}` } })), [100, 100, 50]],
    ['tencent', tencentScript(), Array.from({ length: 3 }, (_, i) => ({ phone: `+86 ${china(i)}`, variables: { name: `n${i}` } })), [1, 1, 1]],
    ['bland', { basePrompt: 'Hi {{name}}', options: { maxDuration: 5 } }, [0, 1, 2].map((i) => ({ phone: `+1 201 555 010${i}`, variables: { name: 'x' } })), [3]],
  ];
  for (const [vendor, script, contacts, sizes] of cases) {
    const campaign = campaignChecks(api, vendor, buildCampaign(vendor, script, contacts, rules), NOW_MS);
    assert.equal(campaign.planError, null, vendor);
    const c = checkBatch(api, vendor, script, contacts, { nowMs: NOW_MS, campaign });
    assert.deepEqual(c.plan.requests.map((r) => r.rows.length), sizes, vendor);
    for (const r of c.plan.requests) {
      const v = api.validate(r.operation, r.input, { nowMs: NOW_MS });
      assert.equal(v.ok, true, `${vendor}: ${JSON.stringify(v.issues)}`);
    }
  }
});

test('with the real checkCampaign: a suppressed number is an error on its row, in any spelling', async () => {
  const { buildCampaign, campaignChecks } = await import('../campaign.mjs');
  const contacts = [0, 1].map((i) => ({ phone: `+1 201 555 010${i}`, variables: { name: 'x' } }));
  const rules = { start: '', end: '', days: [], suppression: ['(201) 555-0101'], startAt: '' };
  const script = { basePrompt: 'Hi {{name}}', options: {} };
  const campaign = campaignChecks(api, 'bland', buildCampaign('bland', script, contacts, rules), NOW_MS);
  const c = checkBatch(api, 'bland', script, contacts, { nowMs: NOW_MS, campaign });
  assert.deepEqual(c.rows[1].issues.map((i) => [i.severity, i.code, i.path]), [['error', 'suppressed', 'contacts[1].phone']]);
  assert.deepEqual(c.plan.requests.map((r) => r.rows), [[0]]);
});
