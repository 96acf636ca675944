// @alicloud/openapi-client, unchanged but for the endpoint, against the simulator. The call is
// made the way the generated dyvms client (`@alicloud/dyvmsapi20170525`) makes it: `callApi` with
// RPC-style `Params` and the action's parameters in the query. `signatureAlgorithm: 'v2'` is the
// SDK's name for the RPC signature (HMAC-SHA1, `SignatureVersion=1.0`, the `Signature` parameter);
// unset it signs with V3 (`ACS3-HMAC-SHA256` in `Authorization`).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { startSim, CREDENTIALS } from './harness.mjs';

const require = createRequire(import.meta.url);
const OpenApi = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
// The tea-util instance openapi-client itself uses.
const TeaUtil = createRequire(require.resolve('@alicloud/openapi-client'))('@alicloud/tea-util');

const SIGNATURES = { v3: undefined, rpc: 'v2' };

let sim;
before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim?.stop();
});

function client(signature, { accessKeySecret = CREDENTIALS.aliyun.accessKeySecret } = {}) {
  return new OpenApi.default(
    new OpenApi.Config({
      accessKeyId: CREDENTIALS.aliyun.accessKeyId,
      accessKeySecret,
      endpoint: sim.host,
      protocol: 'http',
      signatureAlgorithm: SIGNATURES[signature],
    }),
  );
}

/** `callApi` as the generated dyvms client calls it. `headers`/`query` extras go on the request. */
async function call(c, action, query, { headers } = {}) {
  const params = new OpenApi.Params({
    action,
    version: '2017-05-25',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query), headers });
  const resp = await c.callApi(params, request, new TeaUtil.RuntimeOptions({}));
  return resp.body;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the SDK to throw');
}

const batch = (numbers) => ({
  CalledShowNumber: '057188773344',
  CorpName: 'Acme 科技',
  CalledNumber: numbers.join(','),
  DialogId: '100002970',
  TaskName: '回访',
  TtsParamHead: JSON.stringify(['name']),
  TtsParam: JSON.stringify(numbers.map((n, i) => ({ number: n, params: [`客户${i}`] }))),
});

for (const signature of Object.keys(SIGNATURES)) {
  test(`BatchRobotSmartCall and QueryCallDetailByTaskId with the ${signature} signature`, async () => {
    const c = client(signature);
    // A different number per signature: the per-number limit allows one call a minute.
    const callee = signature === 'v3' ? '13800138000' : '13800138001';
    const started = await call(c, 'BatchRobotSmartCall', batch([callee]));
    assert.equal(started.Code, 'OK');
    assert.equal(started.Message, 'OK');
    assert.match(started.TaskId, /^\d+$/);
    assert.ok(started.RequestId);

    await sim.advance(400);
    const q = await call(c, 'QueryCallDetailByTaskId', { TaskId: started.TaskId, Callee: callee, QueryDate: Date.now() });
    assert.equal(q.Code, 'OK');
    assert.equal(typeof q.Data, 'string', 'Data is JSON text');
    const data = JSON.parse(q.Data);
    assert.equal(data.state, '200000');
    assert.equal(data.callee, callee);
    assert.match(data.startDate, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(data.dialogDetail[0].content, /name：客户0/);
  });

  test(`a wrong secret is SignatureDoesNotMatch (${signature})`, async () => {
    const e = await rejection(call(client(signature, { accessKeySecret: 'wrong' }), 'BatchRobotSmartCall', batch(['13800138002'])));
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.equal(e.data.statusCode, 400);
    assert.match(e.data.Message, /server string to sign is:/);
  });

  test(`a reused nonce is SignatureNonceUsed (${signature})`, async () => {
    // The SDK lets a request set the nonce: V3 reads x-acs-signature-nonce from the request's
    // headers, RPC reads SignatureNonce from its query (both override the generated one).
    const nonce = randomUUID();
    const c = client(signature);
    const q = { TaskId: '1', Callee: '13800138000', QueryDate: Date.now() };
    const opts = signature === 'v3' ? { headers: { 'x-acs-signature-nonce': nonce } } : {};
    const query = signature === 'v3' ? q : { ...q, SignatureNonce: nonce };
    const first = await call(c, 'QueryCallDetailByTaskId', query, opts);
    assert.equal(first.Code, 'OK');
    const e = await rejection(call(c, 'QueryCallDetailByTaskId', query, opts));
    assert.equal(e.code, 'SignatureNonceUsed');
    assert.equal(e.data.statusCode, 400);
  });

  test(`an unknown action is InvalidApi.NotFound (${signature})`, async () => {
    const e = await rejection(call(client(signature), 'SingleCallByTts', { CalledNumber: '13800138000' }));
    assert.equal(e.code, 'InvalidApi.NotFound');
    assert.equal(e.data.statusCode, 404);
  });
}

test('business refusals come back as Code != OK with HTTP 200', async () => {
  const body = await call(client('v3'), 'BatchRobotSmartCall', batch(['13800138007']));
  assert.equal(body.Code, 'isv.BLACK_KEY_CONTROL_LIMIT');
  const many = Array.from({ length: 1001 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
  const limit = await call(client('rpc'), 'BatchRobotSmartCall', { ...batch(['13800138003']), CalledNumber: many.join(','), TtsParam: undefined, TtsParamHead: undefined });
  assert.equal(limit.Code, 'isv.VOICE_ROBOT_CALLEE_LIMIT');
});
