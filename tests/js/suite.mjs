// The one JS test suite of callplane's pure API. It is written against an abstract `api` object
// (the module's exports), so the same tests run against every binding: `wasm.test.mjs` passes the
// wasm `nodejs` build, `node.test.mjs` the Node addon (the npm package `callplane`).
//
// Peers: Tencent's official Node SDK (`Sign.sign3`) re-signs what buildRequest produced, and
// node:crypto recomputes Bland's webhook HMAC.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TencentSign = require('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js').default;

const NOW_MS = 1_763_700_000_000; // 2025-11-21T04:40:00Z

/** Asserts that `fn` throws a CallplaneError with `code`; returns the error. */
function throwsCode(fn, code) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    assert.ok(e instanceof Error, 'a real Error');
    assert.equal(e.name, 'CallplaneError');
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    assert.equal(typeof e.message, 'string');
    return true;
  });
  return caught;
}

const pairs = (issues) => issues.map((i) => [i.code, i.path]);
const hasIssue = (issues, code, path) => issues.some((i) => i.code === code && i.path === path);

function createAICall() {
  return {
    sdkAppId: 1400000001,
    callee: '+86 138 0013 8000',
    systemPrompt: '你是人民医院的李医生，回访{{name}}。',
    llmType: 'openai',
    model: 'gpt-4o-mini',
    apiKey: 'sk-proj-secret-value',
    apiUrl: 'https://api.openai.com/v1/',
    variables: [{ key: 'name', value: '小明' }],
    customTtsConfig: { ttsType: 'tencent', appId: 1300000000, secretId: 'AKIDtts', secretKey: 'tts-secret', voiceType: 101001 },
    llmExtraBody: { max_tokens: 256 },
  };
}

// A campaign (callplane's own format) with one contact of each kind: ready, outside its calling
// hours at NOW_MS (deferred, a warning), a bad number and a do-not-call number (both excluded).
// Bland takes US numbers (New York is at 23:40 Thursday at NOW_MS, Los Angeles at 20:40); Alibaba
// and Tencent mainland numbers (Shanghai at 12:40, before a 13:00 window).
const NY_9AM = Date.UTC(2025, 10, 21, 14); // 2025-11-21 09:00 America/New_York
const SHANGHAI_1PM = Date.UTC(2025, 10, 21, 5); // 2025-11-21 13:00 Asia/Shanghai
function campaignFor(vendor) {
  const us = vendor === 'bland';
  const phones = us
    ? ['+1 212 201 0000', '12', '(212) 201-0002', '+1 415 555 2671', '415-555-2672']
    : ['139 0000 0000', '12345', '13900000002', '+86 139 0000 0003', '13900000004'];
  return {
    id: 'suite-1',
    script: { prompt: { template: 'Hi {{name}}' } },
    contacts: [
      { phone: phones[0], variables: { name: 'Ann' } },
      { phone: phones[1], variables: { name: 'Bad' } },
      { phone: phones[2], variables: { name: 'Dnc' } },
      { phone: phones[3], variables: { name: 'Bo' }, id: 'crm-3' },
      { phone: phones[4], variables: { name: 'Cy' } },
    ],
    callerIds: vendor === 'aliyun' ? ['057188773344'] : [],
    callingHours: us ? { start: '09:00', end: '21:00' } : { start: '13:00', end: '18:00' },
    // Another spelling of contact 2's number.
    suppression: [us ? '+12122010002' : '+86 139 0000 0002'],
    vendors: {
      bland: { maxDuration: 5, batchSize: 2 },
      aliyun: { dialogId: '1234567', corpName: 'Acme', chunkSize: 2 },
      tencent: { sdkAppId: 1400000001, llmType: 'openai', model: 'm', apiKey: 'sk', apiUrl: 'https://api.openai.com/v1/' },
    },
  };
}

export function suite(api, { name }) {
  describe(`callplane pure API: ${name}`, () => {
    test('operations: every name once, with vendor and createsCalls', () => {
      const ops = api.operations();
      // Exactly the names of the generated typings' OperationName union (typings/operations.d.ts).
      const dts = readFileSync(new URL('../../typings/operations.d.ts', import.meta.url), 'utf8');
      const union = dts.split('export type OperationName =')[1].split(';')[0];
      const typed = [...union.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
      assert.ok(typed.length >= 32, `${typed.length} names in the typings`);
      assert.deepEqual(ops.map((o) => o.name).sort(), typed);
      assert.ok(ops.some((o) => o.name === 'aliyun.queryRobotTaskList' && !o.createsCalls));
      const create = ops.find((o) => o.name === 'tencent.createAICall');
      assert.deepEqual(create, { name: 'tencent.createAICall', vendor: 'tencent', createsCalls: true });
      assert.ok(ops.some((o) => o.name === 'bland.sendCall' && o.createsCalls));
      assert.ok(ops.some((o) => o.name === 'aliyun.batchRobotSmartCall' && o.vendor === 'aliyun'));
      assert.ok(ops.some((o) => o.name === 'bland.getBatchV2Logs' && !o.createsCalls));
    });

    test('validate: every problem at once, paths in JS names, variables keep their names', () => {
      const r = api.validate('bland.createBatch', {
        basePrompt: 'Call {{first_name}} about {{business}}',
        callData: [
          { phoneNumber: '(415) 555-2671', first_name: 'Ann', business: 'Acme' },
          { phoneNumber: '12', first_name: 'Bob', business: 'Acme' },
          { phone_number: '+14155552672', first_name: 'Cy' },
        ],
        maxDuration: 12,
        colour: 'blue',
      }, { nowMs: NOW_MS });
      assert.equal(r.ok, false);
      assert.ok(hasIssue(r.issues, 'phone_too_short', 'callData[1].phoneNumber'), JSON.stringify(pairs(r.issues)));
      assert.ok(hasIssue(r.issues, 'missing_variable', 'callData[2].business'));
      assert.ok(hasIssue(r.issues, 'unknown_field', 'colour'));
      const wireName = r.issues.find((i) => i.path === 'callData[2].phone_number');
      assert.equal(wireName.code, 'unknown_field');
      assert.match(wireName.message, /write `phoneNumber`/);
      for (const i of r.issues) {
        assert.deepEqual(Object.keys(i).sort(), ['code', 'message', 'path', 'severity']);
        assert.ok(i.severity === 'error' || i.severity === 'warning');
      }

      const t = api.validate('tencent.createAICall', { ...createAICall(), llmType: 'gpt', customTtsConfig: { ttsType: 'tencent' } });
      assert.ok(hasIssue(t.issues, 'invalid_enum', 'llmType'), JSON.stringify(pairs(t.issues)));
      assert.ok(hasIssue(t.issues, 'required', 'customTtsConfig.appId'));
      assert.deepEqual(api.validate('tencent.createAICall', createAICall()), { ok: true, issues: [] });
    });

    test('templates: variables, rendering, per-row results, every syntax error with its position', () => {
      const tpl = 'Hi {{name}}, order {{ order.id }} for {{name}}';
      assert.deepEqual(api.templateVariables(tpl), ['name', 'order.id']);
      assert.equal(api.renderTemplate(tpl, { name: 'Ann', order: { id: 42 } }), 'Hi Ann, order 42 for Ann');
      assert.equal(api.renderTemplate('{{x}}', { x: 0.1 + 0.2 }), '0.30000000000000004');
      const e = throwsCode(() => api.renderTemplate(tpl, { order: { id: [1] } }), 'validation_failed');
      assert.deepEqual(pairs(e.issues), [['missing_variable', 'name'], ['non_scalar_variable', 'order.id']]);
      const rows = api.renderBatch('Dear {{n}}', [{ n: 'A' }, {}, { n: true }]);
      assert.deepEqual(rows[0], { ok: true, text: 'Dear A' });
      assert.equal(rows[1].ok, false);
      assert.deepEqual(pairs(rows[1].issues), [['missing_variable', 'n']]);
      assert.deepEqual(rows[2], { ok: true, text: 'Dear true' });
      const check = api.checkTemplate('ok {{ a\nthen {{}} and {{b}}');
      assert.equal(check.ok, false);
      assert.deepEqual(check.errors.map((x) => [x.kind, x.line, x.column]), [['unclosed', 1, 4], ['empty', 2, 6]]);
      const syntax = throwsCode(() => api.templateVariables('x {{'), 'template_syntax');
      assert.deepEqual([syntax.line, syntax.column], [1, 3]);
    });

    test('phone numbers: each vendor\'s rules and wire form, typed errors', () => {
      assert.deepEqual(api.normalizePhone('bland', '(415) 555-2671'), {
        e164: '+14155552671', wire: '+14155552671', region: 'US', type: 'fixed_line_or_mobile', countryCode: 1, nationalNumber: '4155552671',
      });
      assert.equal(api.normalizePhone('bland', '%2B14155552671').e164, api.normalizePhone('bland', '4155552671').e164);
      assert.equal(api.normalizePhone('tencent', '13800138000').wire, '008613800138000');
      assert.equal(api.normalizePhone('aliyun', '+86 138-0013-8000').wire, '13800138000');
      throwsCode(() => api.normalizePhone('aliyun', '+1 415 555 2671'), 'phone_not_supported_by_vendor');
      throwsCode(() => api.normalizePhone('bland', '2223334444 ext. 123'), 'phone_invalid_characters');
      throwsCode(() => api.normalizePhone('bland', '12'), 'phone_too_short');
      const v = throwsCode(() => api.normalizePhone('twilio', '1'), 'validation_failed');
      assert.equal(v.issues[0].path, 'vendor');
    });

    test('buildRequest (Tencent): the official SDK\'s Sign.sign3 computes the same Authorization', () => {
      const creds = { vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret', endpoint: 'https://ccc.tencentcloudapi.com' };
      const built = api.buildRequest('tencent.createAICall', creds, createAICall(), { nowMs: NOW_MS, nonce: 'n-1' });
      assert.equal(built.method, 'POST');
      assert.equal(built.url, 'https://ccc.tencentcloudapi.com/');
      assert.deepEqual(built.warnings, []);
      const headers = new Map(built.headers.map(([k, v]) => [k.toLowerCase(), v]));
      assert.equal(headers.get('x-tc-action'), 'CreateAICall');
      assert.equal(headers.get('x-tc-timestamp'), String(NOW_MS / 1000));
      const body = JSON.parse(built.body);
      assert.equal(body.LLMType, 'openai');
      assert.equal(body.Callee, '008613800138000');
      assert.deepEqual(body.Variables, [{ Key: 'name', Value: '小明' }]);
      assert.deepEqual(JSON.parse(body.LLMExtraBody), { max_tokens: 256 });
      const authorization = TencentSign.sign3({
        method: 'POST',
        url: built.url,
        payload: Buffer.from(built.body, 'utf8'),
        timestamp: NOW_MS / 1000,
        service: 'ccc',
        secretId: creds.secretId,
        secretKey: creds.secretKey,
        headers: { 'Content-Type': headers.get('content-type') },
      });
      assert.equal(headers.get('authorization'), authorization);
      // A different secret gives a different signature (the comparison above is not vacuous).
      const other = TencentSign.sign3({ method: 'POST', url: built.url, payload: Buffer.from(built.body), timestamp: NOW_MS / 1000,
        service: 'ccc', secretId: creds.secretId, secretKey: 'other', headers: { 'Content-Type': headers.get('content-type') } });
      assert.notEqual(headers.get('authorization'), other);
    });

    test('signRequest / signRequests: the official SDK\'s Sign.sign3 agrees; Alibaba as buildRequest signs; fresh nonces per request', () => {
      const tc = { vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret' };
      const body = JSON.stringify({ SdkAppId: 1400000001, Callee: '008613800138000', SystemPrompt: 'hi' });
      const request = (b) => ({
        method: 'POST', url: 'https://ccc.tencentcloudapi.com/', body: b,
        headers: [['Content-Type', 'application/json'], ['X-TC-Action', 'CreateAICall'], ['X-TC-Version', '2020-02-10']],
      });
      const signed = api.signRequest(tc, request(body), { nowMs: NOW_MS });
      assert.equal(signed.body, body);
      const headers = new Map(signed.headers.map(([k, v]) => [k.toLowerCase(), v]));
      assert.equal(headers.get('x-tc-timestamp'), String(NOW_MS / 1000));
      const sdk = (b) => TencentSign.sign3({ method: 'POST', url: signed.url, payload: Buffer.from(b, 'utf8'), timestamp: NOW_MS / 1000,
        service: 'ccc', secretId: tc.secretId, secretKey: tc.secretKey, headers: { 'Content-Type': 'application/json' } });
      assert.equal(headers.get('authorization'), sdk(body));
      const bodies = [body, body.replace('hi', 'hello'), '{}'];
      const many = api.signRequests(tc, bodies.map(request), { nowMs: NOW_MS });
      assert.equal(many.length, 3);
      many.forEach((r, i) => assert.equal(new Map(r.headers).get('Authorization'), sdk(bodies[i]), `request ${i}`));
      assert.equal(new Set(many.map((r) => new Map(r.headers).get('Authorization'))).size, 3);

      // Alibaba V3: re-signing what buildRequest produced (signing headers removed) with the same
      // time and nonce gives the same Authorization.
      const ali = { vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 'ali-secret' };
      const input = { calledShowNumber: ['057188773344'], calledNumber: ['13900001111'], dialogId: '1000029701', taskName: 't', isSelfLine: true };
      const built = api.buildRequest('aliyun.batchRobotSmartCall', ali, input, { nowMs: NOW_MS, nonce: 'nonce-9' });
      const unsigned = built.headers.filter(([k]) => !/^(authorization|x-acs-date|x-acs-signature-nonce|x-acs-content-sha256)$/i.test(k));
      const again = api.signRequest(ali, { method: built.method, url: built.url, headers: unsigned, body: built.body }, { nowMs: NOW_MS, nonce: 'nonce-9' });
      assert.equal(new Map(again.headers).get('Authorization'), new Map(built.headers).get('Authorization'));
      const batch = api.signRequests(ali, [1, 2, 3].map(() => ({ method: built.method, url: built.url, headers: unsigned, body: built.body })));
      assert.equal(new Set(batch.map((r) => new Map(r.headers).get('x-acs-signature-nonce'))).size, 3, 'a nonce was reused');

      const bland = api.signRequest({ vendor: 'bland', apiKey: 'sk-b' }, { method: 'GET', url: 'https://api.bland.ai/v1/calls' });
      assert.deepEqual(bland.headers, [['authorization', 'sk-b']]);
      const bad = throwsCode(() => api.signRequests(tc, [{ method: 'POST' }, { url: 'x', method: 'GET', colour: 1 }]), 'validation_failed');
      assert.deepEqual(pairs(bad.issues), [['required', 'requests[0].url'], ['unknown_field', 'requests[1].colour']]);
      throwsCode(() => api.signRequests(tc, [], { nonce: 'n' }), 'validation_failed');
      throwsCode(() => api.signRequest({ vendor: 'twilio' }, request(body)), 'validation_failed');
    });

    test('buildRequest (Bland, Alibaba): wire names, free-form data as given, refused input throws every issue', () => {
      const bland = api.buildRequest('bland.sendCall', { vendor: 'bland', apiKey: 'sk-bland', endpoint: 'http://127.0.0.1:4010' }, {
        phoneNumber: '(415) 555-2671', task: 'Say hi', requestData: { customer_name: 'Ann', OrderId: 7 }, metadata: { row_no: 3 },
        voicemail: { action: 'leave_message', message: 'hi' },
      }, { nowMs: NOW_MS });
      assert.equal(bland.url, 'http://127.0.0.1:4010/v1/calls');
      assert.deepEqual(bland.headers.find(([k]) => k === 'authorization'), ['authorization', 'sk-bland']);
      assert.deepEqual(JSON.parse(bland.body), {
        phone_number: '+14155552671', task: 'Say hi', voicemail: { action: 'leave_message', message: 'hi' },
        request_data: { customer_name: 'Ann', OrderId: 7 }, metadata: { row_no: 3 },
      });
      const get = api.buildRequest('bland.getCall', { vendor: 'bland', apiKey: 'k' }, { callId: 'c/1' });
      assert.deepEqual([get.method, get.url, get.body], ['GET', 'https://api.bland.ai/v1/calls/c%2F1', null]);

      const ali = api.buildRequest('aliyun.batchRobotSmartCall', { vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 'ali-secret' }, {
        calledShowNumber: ['057188773344'], calledNumber: ['13900001111'], dialogId: '1000029701', taskName: 't', isSelfLine: true,
      }, { nowMs: NOW_MS, nonce: 'nonce-9' });
      assert.match(ali.body, /CalledNumber=13900001111/);
      assert.equal(new Map(ali.headers).get('x-acs-signature-nonce'), 'nonce-9');
      const random = api.buildRequest('aliyun.batchRobotSmartCall', { vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 'ali-secret' }, {
        calledShowNumber: ['057188773344'], calledNumber: ['13900001111'], dialogId: '1000029701', taskName: 't', isSelfLine: true,
      });
      assert.match(new Map(random.headers).get('x-acs-signature-nonce'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      const refused = throwsCode(() => api.buildRequest('tencent.createAICall', { vendor: 'tencent', secretId: 'AKID', secretKey: 'tc-secret' },
        { ...createAICall(), callee: '12', colour: 'x' }), 'validation_failed');
      assert.ok(hasIssue(refused.issues, 'unknown_field', 'colour'));
      assert.ok(refused.issues.some((i) => i.path === 'callee'));
      const text = JSON.stringify({ message: refused.message, issues: refused.issues });
      for (const secret of ['sk-proj-secret-value', 'tc-secret', 'tts-secret']) assert.ok(!text.includes(secret), secret);

      const creds = throwsCode(() => api.buildRequest('bland.sendCall', { vendor: 'bland', apiKey: 12345, tok: 'x' }, {}), 'validation_failed');
      assert.deepEqual(pairs(creds.issues), [['invalid_type', 'credentials.apiKey'], ['unknown_field', 'credentials.tok']]);
      assert.ok(!creds.message.includes('12345'));
      const vendor = throwsCode(() => api.buildRequest('bland.sendCall', { vendor: 'tencent', secretId: 'a', secretKey: 'b' }, {}), 'validation_failed');
      assert.equal(vendor.issues[0].path, 'credentials.vendor');
    });

    test('parseResponse: data in JS names with user data kept, raw kept, vendor errors typed', () => {
      const body = { call_id: 'c1', variables: { first_name: 'Ann' }, metadata: { row_no: 3 }, transcripts: [{ id: 1, text: 'hi', created_at: 't' }] };
      const ok = api.parseResponse('bland.getCall', { status: 200, headers: { 'x-request-id': 'rq-1' }, body: JSON.stringify(body) });
      assert.equal(ok.data.callId, 'c1');
      assert.deepEqual(ok.data.variables, { first_name: 'Ann' });
      assert.deepEqual(ok.data.metadata, { row_no: 3 });
      assert.equal(ok.data.transcripts[0].createdAt, 't');
      assert.deepEqual(ok.raw, body);
      assert.deepEqual([ok.requestId, ok.httpStatus], ['rq-1', 200]);

      const t = throwsCode(() => api.parseResponse('tencent.createAICall', {
        status: 200, headers: [['content-type', 'application/json']],
        body: '{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad signature"},"RequestId":"r-9"}}',
      }), 'vendor_auth');
      assert.deepEqual([t.vendor, t.vendorCode, t.requestId, t.retryClass, t.httpStatus], ['tencent', 'AuthFailure.SignatureFailure', 'r-9', 'final', 200]);
      const limited = throwsCode(() => api.parseResponse('aliyun.batchRobotSmartCall', {
        status: 200, body: '{"RequestId":"R1","Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"flow control"}',
      }), 'vendor_rate_limited');
      assert.deepEqual([limited.vendor, limited.retryClass, limited.requestId], ['aliyun', 'retryable', 'R1']);
      const bland = throwsCode(() => api.parseResponse('bland.sendCall', { status: 401, body: '{"status":"error","message":"Invalid API key"}' }), 'vendor_auth');
      assert.equal(bland.httpStatus, 401);
      throwsCode(() => api.parseResponse('bland.sendCall', { status: 200, body: '<html>' }), 'invalid_json');
      const args = throwsCode(() => api.parseResponse('bland.sendCall', { status: 'x' }), 'validation_failed');
      assert.equal(args.issues[0].path, 'response.status');
    });

    test('webhooks: signature agrees with node:crypto HMAC-SHA256, verify is constant-time boolean', () => {
      const secret = 'whsec_test';
      const body = JSON.stringify({ call_id: 'c1', status: 'completed', summary: '通话完成 ✓' });
      const sig = api.signBlandWebhook(secret, body);
      assert.equal(sig, createHmac('sha256', secret).update(body, 'utf8').digest('hex'));
      assert.equal(api.verifyBlandWebhook(secret, body, sig), true);
      assert.equal(api.verifyBlandWebhook(secret, body, sig.toUpperCase()), true);
      assert.equal(api.verifyBlandWebhook(secret, body + ' ', sig), false);
      assert.equal(api.verifyBlandWebhook('other', body, sig), false);
      assert.equal(api.verifyBlandWebhook(secret, body, 'not-hex'), false);
    });

    test('preflightBlandBatch: per-row number, prompt, missing variables, issues and summary', () => {
      const r = api.preflightBlandBatch({
        basePrompt: 'Hi {{name}}, this is {{business}}.',
        callData: [
          { phoneNumber: '(415) 555-2671', name: 'Ann', business: 'Acme', note: 'vip' },
          { phoneNumber: '12', name: 'Bob', business: 'Acme' },
          { phoneNumber: '+1 415 555 2671', name: 'Cy' },
        ],
      }, { nowMs: NOW_MS });
      assert.equal(r.ok, false);
      assert.deepEqual(r.rows[0], { index: 0, phoneNumber: '+14155552671', phoneError: null, prompt: 'Hi Ann, this is Acme.', missingVariables: [], issues: [] });
      assert.equal(r.rows[1].phoneError.code, 'phone_too_short');
      assert.deepEqual(r.rows[2].missingVariables, ['business']);
      assert.ok(hasIssue(r.rows[2].issues, 'duplicate', 'callData[2].phoneNumber'));
      assert.ok(hasIssue(r.issues, 'unused_variable', 'callData[0].note'));
      assert.deepEqual(r.summary, { rows: 3, ready: 1, withErrors: 2, invalidPhoneNumbers: 1, missingVariables: 1, duplicates: 1, errors: 2, warnings: 2 });

      // Only the rows with something to fix, or none: the same summary and batch issues.
      const input = {
        basePrompt: 'Hi {{name}}, this is {{business}}.',
        callData: [
          { phoneNumber: '(415) 555-2671', name: 'Ann', business: 'Acme' },
          { phoneNumber: '12', name: 'Bob', business: 'Acme' },
          { phoneNumber: '+1 415 555 2672', name: 'Cy' },
          { phoneNumber: '+1 415 555 2673', name: 'Di', business: 'Acme' },
        ],
      };
      const all = api.preflightBlandBatch(input, { nowMs: NOW_MS });
      const problems = api.preflightBlandBatch(input, { nowMs: NOW_MS, rows: 'problems' });
      assert.deepEqual(problems.rows.map((row) => row.index), [1, 2]);
      assert.deepEqual(problems.rows, [all.rows[1], all.rows[2]]);
      assert.deepEqual([problems.summary, problems.issues, problems.ok], [all.summary, all.issues, all.ok]);
      const none = api.preflightBlandBatch(input, { nowMs: NOW_MS, rows: 'none' });
      assert.deepEqual([none.rows, none.summary], [[], all.summary]);
      assert.equal(throwsCode(() => api.preflightBlandBatch(input, { rows: 'some' }), 'validation_failed').issues[0].path, 'options.rows');

      const big = { basePrompt: 'Hi {{name}}', callData: Array.from({ length: 5000 }, (_, i) => ({ phoneNumber: `+1415555${String(i).padStart(4, '0')}`, name: `N${i}` })) };
      const out = api.preflightBlandBatch(big);
      assert.equal(out.rows.length, 5000);
      assert.equal(out.rows[4999].prompt, 'Hi N4999');
    });

    test('checkCampaign: a bad contact and a do-not-call number are excluded, calling hours defer, every problem at once', () => {
      const bland = api.checkCampaign(campaignFor('bland'), 'bland', { nowMs: NOW_MS });
      assert.equal(bland.ok, true);
      assert.deepEqual(bland.issues, []);
      assert.deepEqual(
        bland.contacts.map((c) => [c.index, c.key, c.e164, c.timeZones, c.sendAfterMs, c.status, pairs(c.issues)]),
        [
          [0, '+12122010000', '+12122010000', ['America/New_York'], NY_9AM, 'warning', [['outside_calling_hours', 'contacts[0].phone']]],
          [1, '#1', null, [], null, 'excluded', [['phone_too_short', 'contacts[1].phone']]],
          [2, '+12122010002', '+12122010002', ['America/New_York'], NY_9AM, 'excluded',
            [['suppressed', 'contacts[2].phone'], ['outside_calling_hours', 'contacts[2].phone']]],
          [3, 'crm-3', '+14155552671', ['America/Los_Angeles'], NOW_MS, 'ready', []],
          [4, '+14155552672', '+14155552672', ['America/Los_Angeles'], NOW_MS, 'ready', []],
        ],
      );
      assert.equal(bland.contacts[0].issues[0].severity, 'warning');
      assert.match(bland.contacts[0].issues[0].message, /09:00–21:00.*deferred to 2025-11-21 09:00 America\/New_York/);
      assert.match(bland.contacts[2].issues[0].message, /\+12122010002 is on the suppression \(do-not-call\) list/);
      assert.deepEqual(bland.summary, {
        contacts: 5, ready: 2, warning: 1, excluded: 2,
        byCode: { outside_calling_hours: 2, phone_too_short: 1, suppressed: 1 },
      });

      // Mainland numbers under Alibaba's and Tencent's rules: all before the 13:00 window.
      for (const vendor of ['aliyun', 'tencent']) {
        const r = api.checkCampaign(campaignFor(vendor), vendor, { nowMs: NOW_MS });
        assert.equal(r.ok, true, vendor);
        assert.deepEqual(r.contacts.map((c) => c.status), ['warning', 'excluded', 'excluded', 'warning', 'warning'], vendor);
        assert.deepEqual(r.contacts.map((c) => c.sendAfterMs), [SHANGHAI_1PM, null, SHANGHAI_1PM, SHANGHAI_1PM, SHANGHAI_1PM], vendor);
        assert.deepEqual(r.contacts[3].timeZones, ['Asia/Shanghai']);
        assert.equal(r.contacts[3].e164, '+8613900000003');
        assert.ok(hasIssue(r.contacts[2].issues, 'suppressed', 'contacts[2].phone'), vendor);
        assert.ok(r.contacts[1].issues.some((i) => i.severity === 'error' && i.path === 'contacts[1].phone'), vendor);
      }

      // Inside the window nothing is deferred.
      const inside = api.checkCampaign({ ...campaignFor('tencent'), callingHours: { start: '12:00', end: '18:00' } }, 'tencent', { nowMs: NOW_MS });
      assert.deepEqual(inside.contacts.map((c) => c.sendAfterMs), [NOW_MS, null, NOW_MS, NOW_MS, NOW_MS]);
      assert.equal(inside.summary.byCode.outside_calling_hours, undefined);
    });

    test('checkCampaign reports campaign and reading problems as issues; planCampaign throws them', () => {
      // A window that never opens before the campaign ends, a malformed hour, an unknown field.
      const c = campaignFor('bland');
      c.callingHours = { start: '9', end: '21:00' };
      c.colour = 'red';
      const r = api.checkCampaign(c, 'bland', { nowMs: NOW_MS });
      assert.equal(r.ok, false);
      assert.ok(hasIssue(r.issues, 'unknown_field', 'colour'), JSON.stringify(pairs(r.issues)));
      assert.equal(r.summary.byCode.unknown_field, 1);
      const e = throwsCode(() => api.planCampaign(c, 'bland', { nowMs: NOW_MS }), 'validation_failed');
      assert.ok(hasIssue(e.issues, 'unknown_field', 'colour'), JSON.stringify(pairs(e.issues)));

      delete c.colour;
      const hours = api.checkCampaign(c, 'bland', { nowMs: NOW_MS });
      assert.equal(hours.ok, false);
      assert.deepEqual(pairs(hours.issues), [['invalid_format', 'callingHours.start']]);
      const e2 = throwsCode(() => api.planCampaign(c, 'bland', { nowMs: NOW_MS }), 'validation_failed');
      assert.deepEqual(pairs(e2.issues), [['invalid_format', 'callingHours.start']]);

      const ended = { ...campaignFor('bland'), schedule: { endAt: '2025-11-21T06:00:00Z' } };
      const late = api.checkCampaign(ended, 'bland', { nowMs: NOW_MS });
      assert.deepEqual(late.contacts.map((x) => x.status), ['excluded', 'excluded', 'excluded', 'ready', 'ready']);
      assert.ok(late.contacts[0].issues.some((i) => i.code === 'outside_calling_hours' && i.severity === 'error'));
      assert.deepEqual(api.planCampaign(ended, 'bland', { nowMs: NOW_MS }).excluded, [0, 1, 2]);

      // Not a campaign at all: issues, no contacts.
      const none = api.checkCampaign([1], 'bland', { nowMs: NOW_MS });
      assert.deepEqual([none.ok, none.contacts, none.summary.contacts], [false, [], 0]);
      // Only a bad vendor or bad options throw.
      assert.equal(throwsCode(() => api.checkCampaign(campaignFor('bland'), 'twilio'), 'validation_failed').issues[0].path, 'vendor');
      throwsCode(() => api.planCampaign(campaignFor('bland'), 'twilio'), 'validation_failed');
      throwsCode(() => api.checkCampaign(campaignFor('bland'), 'bland', { nowMs: 'now' }), 'validation_failed');
    });

    test('planCampaign: Bland batches by send time and batchSize, Alibaba tasks by chunkSize, one Tencent call per contact', () => {
      const plan = (vendor) => api.planCampaign(campaignFor(vendor), vendor, { nowMs: NOW_MS });
      const shape = (p) => p.requests.map((r) => [r.operation, r.contacts, r.callees, r.notBeforeMs]);

      const bland = plan('bland');
      assert.equal(bland.vendor, 'bland');
      assert.deepEqual(bland.excluded, [1, 2]);
      // Los Angeles is called now, New York when its window opens: two batches.
      assert.deepEqual(shape(bland), [
        ['bland.createBatch', [3, 4], ['+14155552671', '+14155552672'], null],
        ['bland.createBatch', [0], ['+12122010000'], NY_9AM],
      ]);
      for (const [i, r] of bland.requests.entries()) {
        assert.match(r.key, new RegExp(`^bland:batch:${i}:[0-9a-f]{16}$`));
        assert.equal(r.input.label, `callplane/suite-1/${r.key}`);
        assert.deepEqual(r.correlation, { kind: 'bland_batch_label', label: r.input.label });
        assert.equal(r.input.basePrompt, 'Hi {{name}}');
        assert.equal(r.wireInput.base_prompt, 'Hi {{name}}');
      }
      assert.deepEqual(bland.requests[0].input.callData, [{ phoneNumber: '+14155552671', name: 'Bo' }, { phoneNumber: '+14155552672', name: 'Cy' }]);
      assert.deepEqual(bland.requests[1].wireInput.call_data, [{ phone_number: '+12122010000', name: 'Ann' }]);
      // Smaller batches: one contact each.
      const small = campaignFor('bland');
      small.vendors.bland.batchSize = 1;
      assert.deepEqual(api.planCampaign(small, 'bland', { nowMs: NOW_MS }).requests.map((r) => r.contacts), [[3], [4], [0]]);

      const aliyun = plan('aliyun');
      assert.deepEqual(aliyun.excluded, [1, 2]);
      assert.deepEqual(shape(aliyun), [
        ['aliyun.batchRobotSmartCall', [0, 3], ['+8613900000000', '+8613900000003'], SHANGHAI_1PM],
        ['aliyun.batchRobotSmartCall', [4], ['+8613900000004'], SHANGHAI_1PM],
      ]);
      for (const [i, r] of aliyun.requests.entries()) {
        assert.match(r.key, new RegExp(`^aliyun:chunk:${i}:[0-9a-f]{16}$`));
        assert.match(r.input.taskName, /^suite-1-[0-9a-f]{16}$/);
        assert.deepEqual(r.correlation, { kind: 'aliyun_task', taskName: r.input.taskName });
        assert.equal(r.wireInput.TaskName, r.input.taskName);
        assert.deepEqual(r.input.calledShowNumber, ['057188773344']);
        assert.deepEqual(r.input.ttsParamHead, ['name']);
      }
      assert.deepEqual(aliyun.requests[0].input.calledNumber, ['13900000000', '13900000003']);
      assert.deepEqual(aliyun.requests[0].input.ttsParam, [{ number: '13900000000', params: ['Ann'] }, { number: '13900000003', params: ['Bo'] }]);
      assert.notEqual(aliyun.requests[0].input.taskName, aliyun.requests[1].input.taskName);

      const tencent = plan('tencent');
      assert.deepEqual(tencent.excluded, [1, 2]);
      assert.deepEqual(tencent.requests.map((r) => [r.key, r.operation, r.contacts, r.input.callee, r.input.systemPrompt]), [
        ['tencent:c:+8613900000000', 'tencent.createAICall', [0], '008613900000000', 'Hi Ann'],
        ['tencent:c:crm-3', 'tencent.createAICall', [3], '008613900000003', 'Hi Bo'],
        ['tencent:c:+8613900000004', 'tencent.createAICall', [4], '008613900000004', 'Hi Cy'],
      ]);
      assert.deepEqual(tencent.requests[1].correlation, { kind: 'tencent_callee', callee: '008613900000003', sdkAppId: 1400000001 });
      assert.equal(tencent.requests[1].wireInput.SystemPrompt, 'Hi Bo');
      assert.ok(tencent.requests.every((r) => r.notBeforeMs >= SHANGHAI_1PM));

      // Deterministic: the same campaign plans to the same keys; every key is unique; the explanation says why.
      for (const vendor of ['bland', 'aliyun', 'tencent']) {
        const p = plan(vendor);
        assert.deepEqual(plan(vendor), p, vendor);
        assert.equal(new Set(p.requests.map((r) => r.key)).size, p.requests.length, vendor);
        assert.match(p.explanation[0], /^5 contact\(s\): .*2 excluded by preflight errors\.$/, vendor);
        // Every planned input is one buildRequest accepts as it is.
        const creds = {
          bland: { vendor: 'bland', apiKey: 'sk' },
          aliyun: { vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 's' },
          tencent: { vendor: 'tencent', secretId: 'AKID', secretKey: 's' },
        }[vendor];
        for (const r of p.requests) {
          const built = api.buildRequest(r.operation, creds, r.input, { nowMs: NOW_MS, nonce: 'n-1' });
          assert.equal(built.method, 'POST', `${vendor} ${r.key}`);
        }
      }
    });

    test('preflightBlandBatch: clean and problem rows interleaved, non-ASCII prompts, unusual rows and bad values', () => {
      // Clean rows (valid number, rendered prompt, no issue) and the others, in order; prompts
      // with accents and astral characters (the rows' text is sliced in UTF-16 units).
      const input = {
        basePrompt: 'Salut {{prénom}} {{e}} 🎉',
        callData: [
          { phoneNumber: '4155552671', prénom: 'Zoë', e: '😀' },
          { phoneNumber: '12', prénom: 'Bo', e: 'x' },
          { prénom: 'Cy', e: 'y', phoneNumber: '+1 415 555 2672' },
          { phoneNumber: '4155552673', prénom: { first: 'D' }, e: 'z' },
          null,
          { phoneNumber: '4155552674', prénom: 'Eve', e: 1.5, prénom2: 1 },
          { phoneNumber: '4155552675', prénom: 'Fa', e: true, phoneNumber: '4155552676' },
        ],
        label: 'after the rows',
      };
      const r = api.preflightBlandBatch(input, { nowMs: NOW_MS });
      assert.deepEqual(r.rows.map((row) => [row.index, row.phoneNumber, row.prompt]), [
        [0, '+14155552671', 'Salut Zoë 😀 🎉'],
        [1, null, 'Salut Bo x 🎉'],
        [2, '+14155552672', 'Salut Cy y 🎉'],
        [3, '+14155552673', null],
        [4, null, null],
        [5, '+14155552674', 'Salut Eve 1.5 🎉'],
        [6, '+14155552676', 'Salut Fa true 🎉'],
      ]);
      assert.deepEqual(r.rows[0], { index: 0, phoneNumber: '+14155552671', phoneError: null, prompt: 'Salut Zoë 😀 🎉', missingVariables: [], issues: [] });
      assert.deepEqual(r.rows[3].missingVariables, ['prénom']);
      assert.deepEqual(pairs(r.rows[3].issues), [['non_scalar_variable', 'callData[3].prénom']]);
      assert.deepEqual(pairs(r.rows[4].issues), [['required', 'callData[4]']]);
      assert.ok(hasIssue(r.issues, 'unused_variable', 'callData[5].prénom2'));
      // Every row is its own object with its own arrays.
      assert.notEqual(r.rows[0].issues, r.rows[2].issues);
      r.rows[0].issues.push('mine');
      assert.deepEqual(r.rows[2].issues, []);
      const problems = api.preflightBlandBatch(input, { nowMs: NOW_MS, rows: 'problems' });
      assert.deepEqual(problems.rows, [r.rows[1], r.rows[3], r.rows[4]]);

      // The wire name in a row, rows that are not objects: reported at their JS paths.
      const odd = api.preflightBlandBatch({ basePrompt: 'Hi', callData: [{ phone_number: '4155552671' }, 7, { phoneNumber: '4155552671' }] }, { nowMs: NOW_MS });
      assert.deepEqual(pairs(odd.issues).filter(([code]) => code !== 'required'), [
        ['unknown_field', 'callData[0].phone_number'],
        ['invalid_type', 'callData[1]'],
      ]);
      assert.equal(odd.rows[2].phoneNumber, '+14155552671');
      assert.deepEqual(pairs(api.preflightBlandBatch({ basePrompt: 'Hi', callData: {} }, { nowMs: NOW_MS }).issues), [['invalid_type', 'callData'], ['too_few', 'callData']]);
      assert.deepEqual(pairs(api.preflightBlandBatch({ basePrompt: 'Hi', callData: [] }, { nowMs: NOW_MS }).issues), [['too_few', 'callData']]);

      // Values JSON cannot carry, inside a row.
      assert.match(throwsCode(() => api.preflightBlandBatch({ basePrompt: 'Hi', callData: [{ phoneNumber: '4155552671', n: '\uD800' }] }), 'invalid_json').message, /surrogate/);
      throwsCode(() => api.preflightBlandBatch({ basePrompt: 'Hi', callData: [{ phoneNumber: '4155552671', n: 1n }] }), 'invalid_json');
      throwsCode(() => api.preflightBlandBatch(() => 1), 'invalid_json');
      throwsCode(() => api.preflightBlandBatch({ callData: [] }, { rows: 'some' }), 'validation_failed');
    });

    test('preflightBlandBatch: a batch whose rows cross in chunks gives the result of its text in one piece', () => {
      // Both packages stringify `callData` 1,000 rows at a time. The reference is the same text
      // in one piece: a wrapper whose `toJSON` returns a plain copy is never chunked.
      const rowsOf = (n, f = (r) => r) => Array.from({ length: n }, (_, i) => f({ phoneNumber: `+1415${String(2_000_000 + (i % 1500)).padStart(7, '0')}`, name: `N${i}` }, i));
      const whole = (batch) => ({ toJSON: () => JSON.parse(JSON.stringify(batch)) });
      const cases = [
        ['duplicates across chunks', { basePrompt: 'Hi {{name}}', callData: rowsOf(2001) }],
        ['problems at the chunk edges', { basePrompt: 'Hi {{name}}', callData: rowsOf(2500, (r, i) => (i % 1000 === 999 || i % 1000 === 0 ? { name: 'x' } : r)) }],
        ['non-ASCII and astral text', { basePrompt: 'Szia {{name}} 😀', label: 'é', callData: rowsOf(1200, (r, i) => ({ ...r, name: `Ő${i}🎉` })) }],
        ['holes, undefined and values that are not rows', { basePrompt: 'Hi', callData: [, undefined, 7, ...rowsOf(1000)] }],
        ['fields after callData', { callData: rowsOf(1001), basePrompt: 'Hi {{name}}', maxDuration: 5 }],
      ];
      for (const [name, batch] of cases) {
        for (const rows of ['all', 'problems']) {
          const options = { nowMs: NOW_MS, rows };
          assert.deepEqual(api.preflightBlandBatch(batch, options), api.preflightBlandBatch(whole(batch), options), `${name}, rows: ${rows}`);
        }
      }
      // A row that cannot be stringified in a later chunk: the error of the batch in one piece.
      const bad = rowsOf(1500);
      bad[1200] = { phoneNumber: 1n };
      const e = throwsCode(() => api.preflightBlandBatch({ basePrompt: 'Hi', callData: bad }), 'invalid_json');
      assert.match(e.message, /BigInt/);
    });

    test('preflightBlandCsv: the rows of a CSV text, as preflightBlandBatch checks the same rows as objects', () => {
      const batch = { basePrompt: 'Hi {{name}}, about {{topic}}.', label: 'csv' };
      // BOM, CRLF, quoted delimiters, doubled quotes, a line break in quotes, unicode, an empty
      // cell, a blank line, a duplicate, a bad number, a short record, a stray quote.
      const csv = '\uFEFFphone,name,topic\r\n'
        + '(415) 555-2671,Ann,"renewal, annual"\r\n'
        + '+1 212 555 0100,"Zoë ""Z""","line one\r\nline two"\r\n'
        + '\r\n'
        + '4155552671,名前,\r\n'
        + '12,Bo,x\r\n'
        + '2125550101,Cy\r\n'
        + '2125550102,D"i,y\r\n';
      const objects = [
        { phoneNumber: '(415) 555-2671', name: 'Ann', topic: 'renewal, annual' },
        { phoneNumber: '+1 212 555 0100', name: 'Zoë "Z"', topic: 'line one\nline two' },
        { phoneNumber: '4155552671', name: '名前' },
        { phoneNumber: '12', name: 'Bo', topic: 'x' },
        { phoneNumber: '2125550102', name: 'D"i', topic: 'y' },
      ];
      for (const rows of ['all', 'problems', 'none']) {
        const got = api.preflightBlandCsv(batch, csv, { nowMs: NOW_MS, rows });
        const want = api.preflightBlandBatch({ ...batch, callData: objects }, { nowMs: NOW_MS, rows });
        assert.deepEqual(got.rows.map(({ line, ...r }) => r), want.rows, rows);
        const lines = [2, 3, 6, 7, 9];
        assert.deepEqual(got.rows.map((r) => r.line), want.rows.map((r) => lines[r.index]), rows);
        const csvIssues = got.issues.filter((i) => i.line !== undefined);
        assert.deepEqual(csvIssues.map((i) => [i.code, i.path, i.line]), [['csv_syntax', 'callData[4]', 9], ['csv_field_count', 'callData', 8]], rows);
        assert.deepEqual(got.issues.slice(csvIssues.length), want.issues, rows);
        assert.deepEqual(got.summary, { ...want.summary, errors: want.summary.errors + 2 }, rows);
        assert.equal(got.ok, false);
      }
      const all = api.preflightBlandCsv(batch, csv, { nowMs: NOW_MS });
      assert.deepEqual(all.rows[1], { index: 1, phoneNumber: '+12125550100', phoneError: null, prompt: 'Hi Zoë "Z", about line one\nline two.', missingVariables: [], issues: [], line: 3 });
      assert.deepEqual(all.rows[2].missingVariables, ['topic']);
      assert.equal(all.issues[1].message, '2 fields, but the header has 3');
      // The file's UTF-8 bytes (a Uint8Array, a Buffer, a view at an offset) give the same answer;
      // bytes that are not UTF-8 are refused, never replaced.
      const bytes = new TextEncoder().encode(csv);
      assert.deepEqual(api.preflightBlandCsv(batch, bytes, { nowMs: NOW_MS }), all);
      assert.deepEqual(api.preflightBlandCsv(batch, Buffer.concat([Buffer.from('xx'), Buffer.from(csv)]).subarray(2), { nowMs: NOW_MS }), all);
      assert.deepEqual(pairs(api.preflightBlandCsv(batch, new Uint8Array(0)).issues), [['csv_header', 'callData'], ['too_few', 'callData']]);
      const notUtf8 = throwsCode(() => api.preflightBlandCsv(batch, new Uint8Array([0x70, 0x68, 0xff, 0x0a])), 'validation_failed');
      assert.deepEqual([notUtf8.issues[0].path, notUtf8.issues[0].code], ['csvText', 'invalid_format']);
      assert.match(notUtf8.issues[0].message, /byte 2/);

      // Semicolons, the phone column chosen by name, a clean file.
      const semi = api.preflightBlandCsv(batch, 'tel;name;topic\n4155552671;Ann;x,y\n', { nowMs: NOW_MS, phoneColumn: 'tel' });
      assert.equal(semi.ok, true);
      assert.deepEqual(semi.rows, [{ index: 0, phoneNumber: '+14155552671', phoneError: null, prompt: 'Hi Ann, about x,y.', missingVariables: [], issues: [], line: 2 }]);
      // No phone column: one clear issue, and every row lacks its number.
      const none = api.preflightBlandCsv(batch, 'tel,name,topic\n4155552671,Ann,x\n', { nowMs: NOW_MS });
      assert.deepEqual(none.issues.filter((i) => i.line).map((i) => [i.code, i.path, i.line]), [['csv_phone_column', 'callData', 1]]);
      assert.ok(hasIssue(none.rows[0].issues, 'required', 'callData[0].phoneNumber'));
      // No header, callData given anyway, bad arguments.
      assert.deepEqual(pairs(api.preflightBlandCsv(batch, '').issues), [['csv_header', 'callData'], ['too_few', 'callData']]);
      assert.ok(hasIssue(api.preflightBlandCsv({ ...batch, callData: [] }, 'phone\n4155552671\n').issues, 'conflict', 'callData'));
      assert.equal(throwsCode(() => api.preflightBlandCsv(batch, 42), 'validation_failed').issues[0].path, 'csvText');
      assert.equal(throwsCode(() => api.preflightBlandCsv(batch, 'phone\n1\n', { phoneColumn: 1 }), 'validation_failed').issues[0].path, 'options.phoneColumn');
      assert.equal(throwsCode(() => api.preflightBlandCsv(batch, 'phone\n1\n', { rows: 'some' }), 'validation_failed').issues[0].path, 'options.rows');
      // A lone surrogate is refused, U+FFFD itself is text.
      assert.equal(throwsCode(() => api.preflightBlandCsv(batch, 'phone,name\n4155552671,\uD800\n'), 'validation_failed').issues[0].path, 'csvText');
      assert.equal(api.preflightBlandCsv(batch, 'phone,name,topic\n4155552671,\uFFFD,x\n', { nowMs: NOW_MS }).rows[0].prompt, 'Hi \uFFFD, about x.');
      // 5,000 rows: every one read, in order.
      const big = 'phone,name,topic\n' + Array.from({ length: 5000 }, (_, i) => `+1415555${String(i).padStart(4, '0')},N${i},t`).join('\n');
      const out = api.preflightBlandCsv(batch, big, { nowMs: NOW_MS });
      assert.equal(out.rows.length, 5000);
      assert.deepEqual([out.rows[4999].prompt, out.rows[4999].line, out.ok], ['Hi N4999, about t.', 5001, true]);
    });

    test('bad input is a typed error, never a crash: null, wrong types, lone surrogates, BigInt, cycles, megabytes', () => {
      // `null`/`undefined` where an object or a string is expected.
      throwsCode(() => api.renderTemplate(null, {}), 'validation_failed');
      throwsCode(() => api.renderTemplate('x', null), 'validation_failed');
      throwsCode(() => api.renderBatch('x', null), 'validation_failed');
      throwsCode(() => api.normalizePhone('bland', undefined), 'validation_failed');
      throwsCode(() => api.buildRequest('bland.sendCall', null, {}), 'validation_failed');
      throwsCode(() => api.parseResponse('bland.sendCall', null), 'validation_failed');
      throwsCode(() => api.validate(null, {}), 'validation_failed');
      throwsCode(() => api.validate('bland.sendCall', {}, { nowMs: 'now' }), 'validation_failed');
      throwsCode(() => api.signBlandWebhook(undefined, ''), 'validation_failed');
      assert.deepEqual(pairs(api.validate('bland.sendCall', null).issues), [['invalid_type', '']]);
      assert.equal(api.preflightBlandBatch(null).ok, false);
      assert.equal(api.validate('tencent.createAICall', []).ok, false);

      // Values JSON cannot carry.
      const lone = throwsCode(() => api.validate('bland.sendCall', { phoneNumber: '+1415\uD800555' }), 'invalid_json');
      assert.match(lone.message, /surrogate/);
      throwsCode(() => api.renderTemplate('{{a}}', { a: '\uDC00' }), 'invalid_json');
      throwsCode(() => api.validate('bland.sendCall', { maxDuration: 10n }), 'invalid_json');
      const cyclic = { task: 'x' };
      cyclic.self = cyclic;
      throwsCode(() => api.validate('bland.sendCall', cyclic), 'invalid_json');
      let deep = {};
      for (let i = 0; i < 10_000; i++) deep = { a: deep };
      throwsCode(() => api.validate('bland.sendCall', { metadata: deep }), 'invalid_json');

      // Megabyte strings.
      const mega = 'x'.repeat(1 << 20);
      assert.equal(api.renderTemplate('{{v}}!', { v: mega }).length, (1 << 20) + 1);
      throwsCode(() => api.normalizePhone('bland', '9'.repeat(1 << 20)), 'phone_too_long');
      const tooLong = api.validate('bland.sendCall', { phoneNumber: '+14155552671', task: mega, summaryPrompt: mega });
      assert.ok(tooLong.issues.some((i) => i.path === 'summaryPrompt'), JSON.stringify(pairs(tooLong.issues)));
      throwsCode(() => api.templateVariables(`{{${'a'.repeat(1 << 20)}`), 'template_syntax');
      // Astral characters and U+FFFD are ordinary text.
      assert.equal(api.renderTemplate('{{v}}', { v: '😀\uFFFD' }), '😀\uFFFD');

      // After all of that the module still works.
      assert.equal(api.normalizePhone('bland', '4155552671').e164, '+14155552671');
    });
  });
}
