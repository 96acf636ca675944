// The error boundary: a Rust panic becomes a CallplaneError (the process lives on), every error
// has the documented shape, and no secret ever appears in an error or in a client's inspection.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import callplane, { Bland, Tencent, Aliyun, CallplaneError } from '../callplane.js'
import { startServer, json, closedPort, inputs } from './helpers.mjs'

test('a panic in a synchronous export becomes internal_error, not a crash', async () => {
  const e = await callplane.__panicForTest('sync').then(() => assert.fail('resolved'), (e) => e)
  assert.ok(e instanceof CallplaneError)
  assert.equal(e.code, 'internal_error')
  assert.match(e.message, /deliberate panic/)
})

test('a panic inside an async operation rejects its promise with internal_error', async () => {
  const e = await callplane.__panicForTest('async').then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.code, 'internal_error')
  assert.match(e.message, /deliberate panic.*async/)
  // The runtime survived: the next operation still works end to end.
  const port = await closedPort()
  const bland = new Bland({ apiKey: 'k', endpoint: `http://127.0.0.1:${port}`, retries: { max: 0 } })
  const next = await bland.getCall(inputs.getCall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(next.code, 'transport_not_sent')
})

test('every CallplaneError has the documented keys', async () => {
  const e = await new Bland({ apiKey: 'k' }).sendCall({}).then(() => assert.fail('resolved'), (e) => e)
  for (const key of ['code', 'message', 'vendor', 'vendorCode', 'httpStatus', 'requestId', 'retryClass', 'issues', 'operation', 'attempts']) {
    assert.ok(key in e, `missing ${key}`)
  }
  assert.equal(e.name, 'CallplaneError')
  assert.ok(e instanceof Error)
  assert.equal(e.vendor, 'bland')
  assert.equal(e.operation, 'sendCall')
  assert.ok(Array.isArray(e.issues) && e.issues.length > 0)
  assert.match(e.stack, /CallplaneError/)
})

test('vendor errors carry the vendor code, HTTP status and request id', async (t) => {
  const server = await startServer((req, res) =>
    json(res, 200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: 'req-7' } }),
  )
  t.after(() => server.close())
  const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint: server.url })
  const e = await tencent.createAICall(inputs.createAICall).then(() => assert.fail('resolved'), (e) => e)
  assert.equal(e.code, 'vendor_auth')
  assert.equal(e.vendor, 'tencent')
  assert.equal(e.vendorCode, 'AuthFailure.SignatureFailure')
  assert.equal(e.httpStatus, 200)
  assert.equal(e.requestId, 'req-7')
  assert.equal(e.retryClass, 'final')
})

const SECRETS = {
  apiKey: 'sk-SECRET-bland-4f9a',
  encryptedKey: 'enc-SECRET-twilio-77',
  accessKeySecret: 'SECRET-aliyun-secret-31',
  securityToken: 'SECRET-sts-token-88',
  secretKey: 'SECRET-tencent-key-12',
  token: 'SECRET-tc-token-55',
}

function assertNoSecret(value, where) {
  const text = typeof value === 'string' ? value : `${inspect(value, { depth: 10, showHidden: true })} ${JSON.stringify(value)} ${value?.message} ${value?.stack}`
  for (const s of Object.values(SECRETS)) assert.ok(!text.includes(s), `${where} contains a secret`)
}

test('secrets never appear in errors or in a client inspection', async (t) => {
  const silent = await startServer(() => {})
  const refusing = await startServer((req, res) => json(res, 401, { status: 'error', message: 'Invalid API key' }))
  t.after(() => Promise.all([silent.close(), refusing.close()]))
  const port = await closedPort()
  const clients = (endpoint) => [
    new Bland({ apiKey: SECRETS.apiKey, encryptedKey: SECRETS.encryptedKey, endpoint, timeoutMs: 200, retries: { max: 0 } }),
    new Aliyun({ accessKeyId: 'LTAIid', accessKeySecret: SECRETS.accessKeySecret, securityToken: SECRETS.securityToken, endpoint, timeoutMs: 200, retries: { max: 0 } }),
    new Tencent({ secretId: 'AKIDid', secretKey: SECRETS.secretKey, token: SECRETS.token, endpoint, timeoutMs: 200, retries: { max: 0 } }),
  ]
  const calls = ([bland, aliyun, tencent]) => [
    bland.sendCall(inputs.sendCall),
    bland.sendCall({}),
    aliyun.batchRobotSmartCall(inputs.batchRobotSmartCall),
    aliyun.batchRobotSmartCall({ calledNumber: 'x' }),
    tencent.createAICall(inputs.createAICall),
    tencent.createAICall({ sdkAppId: 'x' }),
  ]
  for (const endpoint of [`http://127.0.0.1:${port}`, silent.url, refusing.url]) {
    const cs = clients(endpoint)
    for (const c of cs) assertNoSecret(c, `inspect(${c.constructor.name})`)
    const outcomes = await Promise.allSettled(calls(cs))
    for (const o of outcomes) {
      assert.equal(o.status, 'rejected')
      assertNoSecret(o.reason, `error ${o.reason.code} from ${endpoint}`)
    }
  }
  // Options of the wrong type are named, never echoed (a misplaced secret could be the value).
  for (const make of [
    () => new Bland({ apiKey: 12345678, endpoint: `http://${SECRETS.apiKey}` }),
    () => new Tencent({ secretId: 'a', secretKey: { value: SECRETS.secretKey }, nope: SECRETS.token }),
  ]) {
    try {
      make()
      assert.fail('constructed')
    } catch (e) {
      assert.equal(e.code, 'validation_failed')
      assertNoSecret(e, 'an options error')
      assert.ok(!e.message.includes('12345678'))
    }
  }
})
