// tencentcloud-sdk-nodejs, unchanged but for the endpoint, against the simulator: its ccc
// v20200210 client signs with TC3 for service `127` (the first label of `127.0.0.1`), sends the
// request with `Host: 127.0.0.1:PORT`, and reads the answers and errors with its own parser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSim, CREDENTIALS } from './harness.mjs';

const require = createRequire(import.meta.url);
const { Client: CccClient } = require('tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client.js');

let sim;
before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim?.stop();
});

function ccc({ secretId = CREDENTIALS.tencent.secretId, secretKey = CREDENTIALS.tencent.secretKey } = {}) {
  return new CccClient({
    credential: { secretId, secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: sim.host, protocol: 'http://' } },
  });
}

const createParams = (callee) => ({
  SdkAppId: CREDENTIALS.tencent.sdkAppId,
  Callee: callee,
  SystemPrompt: 'You are Mia from Acme. Confirm the delivery slot.',
  LLMType: 'openai',
  Model: 'gpt-4o-mini',
  APIKey: 'sk-test',
  APIUrl: 'https://api.openai.com/v1/',
  WelcomeMessage: '您好，我是 Acme 的 Mia。',
});

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the SDK to throw');
}

test('CreateAICall then DescribeTelSession through the official ccc client', async () => {
  const client = ccc();
  const created = await client.CreateAICall(createParams('008613800138000'));
  assert.match(created.SessionId, /^[0-9a-f]{32}$/);
  assert.ok(created.RequestId);

  const live = await client.DescribeTelSession({ SdkAppId: CREDENTIALS.tencent.sdkAppId, SessionId: created.SessionId });
  assert.equal(live.Session.SessionID, created.SessionId);
  assert.equal(live.Session.SessionStatus, 'ringing');
  assert.equal(live.Session.Callee, '008613800138000');

  await sim.advance(60);
  const done = await client.DescribeTelSession({ SdkAppId: CREDENTIALS.tencent.sdkAppId, SessionId: created.SessionId });
  assert.equal(done.Session.SessionStatus, 'finished');

  const now = Math.floor(Date.now() / 1000);
  const cdr = await client.DescribeTelCdr({
    SdkAppId: CREDENTIALS.tencent.sdkAppId,
    StartTimeStamp: now - 3600,
    EndTimeStamp: now + 86400,
    PageSize: 10,
    PageNumber: 0,
    SessionIds: [created.SessionId],
  });
  assert.equal(cdr.TotalCount, 1);
  assert.equal(cdr.TelCdrList[0].EndStatus, 1);
  assert.equal(cdr.TelCdrList[0].EndStatusString, 'ok');
  assert.equal(cdr.TelCdrList[0].Duration, 45);
});

test('a wrong secret key is AuthFailure.SignatureFailure', async () => {
  const e = await rejection(ccc({ secretKey: 'wrong' }).CreateAICall(createParams('008613800138000')));
  assert.equal(e.code, 'AuthFailure.SignatureFailure');
  assert.ok(e.requestId, 'the SDK reads the RequestId');
});

test('an unknown SecretId is AuthFailure.SecretIdNotFound', async () => {
  const e = await rejection(ccc({ secretId: 'AKIDNobody' }).CreateAICall(createParams('008613800138000')));
  assert.equal(e.code, 'AuthFailure.SecretIdNotFound');
});

test('the refused magic number is FailedOperation.CalleeIsBlackUser', async () => {
  const e = await rejection(ccc().CreateAICall(createParams('008613800138007')));
  assert.equal(e.code, 'FailedOperation.CalleeIsBlackUser');
});

test('a missing required parameter is MissingParameter', async () => {
  const params = createParams('008613800138000');
  delete params.Callee;
  const e = await rejection(ccc().CreateAICall(params));
  assert.equal(e.code, 'MissingParameter');
  assert.match(e.message, /Callee/);
});
