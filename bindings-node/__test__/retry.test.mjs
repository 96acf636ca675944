// Retry and ambiguity, proven against local servers this test controls: only the retryable class
// is retried, every attempt is signed anew, and a call-creating request that got no answer is
// never sent twice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Bland, Tencent, Aliyun, CallplaneError } from '../callplane.js'
import { startServer, json, closedPort, inputs, ok } from './helpers.mjs'

const fast = { max: 3, baseMs: 1, capMs: 5 }

test('Bland: 429 "Rate limit exceeded" twice, then 200 → success after 3 attempts', async (t) => {
  const server = await startServer((req, res, rec, all) => {
    if (all.length <= 2) json(res, 429, { status: 'error', message: 'Rate limit exceeded' })
    else json(res, 200, ok.bland)
  })
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, retries: fast })
  const result = await bland.sendCall(inputs.sendCall)
  assert.equal(result.attempts, 3)
  assert.equal(result.httpStatus, 200)
  assert.equal(result.data.callId, ok.bland.call_id)
  assert.equal(result.raw.call_id, ok.bland.call_id)
  assert.equal(server.requests.length, 3)
  for (const r of server.requests) {
    assert.equal(r.method, 'POST')
    assert.equal(r.url, '/v1/calls')
    assert.equal(r.headers.authorization, 'sk-test')
    assert.equal(JSON.parse(r.body).phone_number, '+12015550100')
  }
})

test('retries stop when the budget is spent, and the error says how many attempts were made', async (t) => {
  const server = await startServer((req, res) => json(res, 429, { status: 'error', message: 'Rate limit exceeded' }))
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, retries: { max: 2, baseMs: 1, capMs: 2 } })
  const e = await bland.sendCall(inputs.sendCall).then(() => assert.fail('resolved'), (e) => e)
  assert.ok(e instanceof CallplaneError)
  assert.equal(e.code, 'vendor_rate_limited')
  assert.equal(e.retryClass, 'retryable')
  assert.equal(e.httpStatus, 429)
  assert.equal(e.vendor, 'bland')
  assert.equal(e.operation, 'sendCall')
  assert.equal(e.attempts, 3)
  assert.match(e.message, /after 3 attempts/)
  assert.equal(server.requests.length, 3)
})

test('a final vendor error is not retried', async (t) => {
  const server = await startServer((req, res) => json(res, 401, { status: 'error', message: 'Invalid API key' }))
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-wrong', endpoint: server.url, retries: fast })
  const e = await bland.getCall(inputs.getCall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.retryClass, 'final')
  assert.equal(e.code, 'vendor_auth')
  assert.equal(e.attempts, 1)
  assert.equal(server.requests.length, 1)
})

test('ambiguous: a call-creating request accepted but never answered is sent exactly once', async (t) => {
  const server = await startServer(() => {
    /* accept, read the body, never answer */
  })
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, timeoutMs: 300, retries: { max: 5, baseMs: 1, capMs: 2 } })
  const e = await bland.sendCall(inputs.sendCall).then(() => assert.fail('resolved'), (e) => e)
  assert.ok(e instanceof CallplaneError)
  assert.equal(e.retryClass, 'ambiguous')
  assert.equal(e.code, 'ambiguous_outcome')
  assert.equal(e.transport, 'no_response')
  assert.equal(e.attempts, 1)
  assert.match(e.message, /not retried/)
  assert.equal(server.requests.length, 1)
})

test('ambiguous: a connection reset after a CreateAICall was sent is not retried', async (t) => {
  const server = await startServer((req) => req.socket.destroy())
  t.after(() => server.close())
  const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint: server.url, retries: fast })
  const e = await tencent.createAICall(inputs.createAICall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.retryClass, 'ambiguous')
  assert.equal(e.vendor, 'tencent')
  assert.equal(server.requests.length, 1)
})

test('the same silence on a read-only request is safe to retry', async (t) => {
  const server = await startServer(() => {})
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, timeoutMs: 200, retries: { max: 2, baseMs: 1, capMs: 2 } })
  const e = await bland.getCall(inputs.getCall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.retryClass, 'retryable')
  assert.equal(e.code, 'transport_no_response')
  assert.equal(e.attempts, 3)
  assert.equal(server.requests.length, 3)
})

test('connection refused: nothing was sent, so even a call-creating request is retried', async () => {
  const port = await closedPort()
  const bland = new Bland({ apiKey: 'sk-test', endpoint: `http://127.0.0.1:${port}`, retries: { max: 2, baseMs: 1, capMs: 2 } })
  const e = await bland.sendCall(inputs.sendCall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.code, 'transport_not_sent')
  assert.equal(e.transport, 'not_sent')
  assert.equal(e.retryClass, 'retryable')
  assert.equal(e.attempts, 3)
})

test('Alibaba: every attempt is signed anew with a fresh nonce', async (t) => {
  const server = await startServer((req, res, rec, all) => {
    if (all.length <= 2) json(res, 400, { RequestId: `r-${all.length}`, Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' })
    else json(res, 200, ok.aliyun)
  })
  t.after(() => server.close())
  const aliyun = new Aliyun({ accessKeyId: 'LTAItest', accessKeySecret: 'secret', endpoint: server.url, retries: fast })
  const result = await aliyun.batchRobotSmartCall(inputs.batchRobotSmartCall)
  assert.equal(result.attempts, 3)
  assert.equal(result.requestId, 'req-ok')
  const nonces = server.requests.map((r) => r.headers['x-acs-signature-nonce'])
  assert.equal(nonces.length, 3)
  assert.ok(nonces.every((n) => /^[0-9a-f-]{36}$/.test(n)), nonces.join(','))
  assert.equal(new Set(nonces).size, 3, 'a nonce was reused')
  const signatures = server.requests.map((r) => r.headers.authorization)
  assert.equal(new Set(signatures).size, 3, 'a signature was reused')
})

test('Tencent: each attempt carries the current timestamp (a stale signature would be refused)', async (t) => {
  const server = await startServer((req, res, rec, all) => {
    if (all.length === 1) json(res, 200, ok.tencent({ Error: { Code: 'RequestLimitExceeded', Message: 'too fast' } }))
    else json(res, 200, ok.tencent({ SessionId: 'sess-1' }))
  })
  t.after(() => server.close())
  const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint: server.url, retries: fast })
  const before = Math.floor(Date.now() / 1000)
  const result = await tencent.createAICall(inputs.createAICall)
  const after = Math.floor(Date.now() / 1000)
  assert.equal(result.attempts, 2)
  assert.equal(result.data.sessionId, 'sess-1')
  assert.equal(result.raw.Response.SessionId, 'sess-1')
  for (const r of server.requests) {
    const ts = Number(r.headers['x-tc-timestamp'])
    assert.ok(ts >= before && ts <= after, `timestamp ${ts} outside [${before}, ${after}]`)
    assert.match(r.headers.authorization, /^TC3-HMAC-SHA256 Credential=AKIDtest\//)
    assert.equal(r.headers['x-tc-action'], 'CreateAICall')
  }
})

test("a vendor's retry-after floor is reported (Bland: 10 s between calls to one number)", async (t) => {
  const server = await startServer((req, res) =>
    json(res, 429, { status: 'error', message: 'You can only call a number once every 10 seconds to the same number.' }),
  )
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, retries: { max: 0 } })
  const e = await bland.sendCall(inputs.sendCall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.retryAfterMs, 10000)
  assert.equal(e.retryClass, 'retryable')
  assert.equal(e.attempts, 1)
})
