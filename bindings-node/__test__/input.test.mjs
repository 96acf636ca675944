// Bad JS input becomes a typed CallplaneError naming the field — never a crash, never silently
// changed data. Inputs and issue paths use the package's JS names (camelCase).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Bland, Tencent, Aliyun, CallplaneError } from '../callplane.js'
import { startServer, json, closedPort, inputs, ok } from './helpers.mjs'

const port = await closedPort()
const endpoint = `http://127.0.0.1:${port}`
const bland = new Bland({ apiKey: 'sk-test', endpoint, retries: { max: 0 } })
const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint, retries: { max: 0 } })

async function rejection(promise) {
  return promise.then(
    (v) => assert.fail(`resolved with ${JSON.stringify(v)}`),
    (e) => {
      assert.ok(e instanceof CallplaneError, `not a CallplaneError: ${e}`)
      return e
    },
  )
}

function issueAt(e, path) {
  const i = e.issues.find((x) => x.path === path)
  assert.ok(i, `no issue at ${JSON.stringify(path)}; issues: ${JSON.stringify(e.issues)}`)
  return i
}

// [case, call, path of the issue, issue code, message pattern]
const cases = [
  ['wrong type', () => bland.sendCall({ phoneNumber: 42, task: 'x' }), 'phoneNumber', 'invalid_type', /string/],
  ['missing field', () => bland.sendCall({ task: 'hello' }), 'phoneNumber', 'required', /./],
  ['null where an object is expected', () => bland.sendCall(null), '', 'invalid_type', /object.*null/],
  ['undefined input', () => bland.sendCall(undefined), '', 'invalid_type', /undefined/],
  ['an array where an object is expected', () => bland.sendCall([]), '', 'invalid_type', /array/],
  ['lone surrogate', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'hi \uD800 there' }), 'task', 'invalid_format', /surrogate \(U\+D800\) at character 3/],
  ['lone surrogate in a key', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'x', ['\uDC00']: 1 }), '', 'invalid_format', /surrogate/],
  ['megabyte string', () => bland.sendCall({ phoneNumber: '1'.repeat(1 << 20), task: 'x' }), 'phoneNumber', 'phone_too_long', /./],
  ['NaN', () => tencent.describeTelSession({ sdkAppId: NaN, sessionId: 's' }), 'sdkAppId', 'invalid_type', /NaN is not a finite number/],
  ['Infinity', () => tencent.describeTelSession({ sdkAppId: Infinity, sessionId: 's' }), 'sdkAppId', 'invalid_type', /finite/],
  ['a function', () => bland.sendCall({ phoneNumber: '+12015550100', task: () => 'x' }), 'task', 'invalid_type', /function is not a JSON value/],
  ['a symbol', () => bland.sendCall({ phoneNumber: '+12015550100', task: Symbol('x') }), 'task', 'invalid_type', /symbol/],
  ['a Date', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'x', startTime: new Date() }), 'startTime', 'invalid_type', /Date.*getTime/],
  ['a Map', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'x', requestData: new Map() }), 'requestData', 'invalid_type', /Map/],
  ['a class instance', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'x', requestData: new (class Foo {})() }), 'requestData', 'invalid_type', /instance of Foo/],
  ['undefined in an array', () => bland.createBatchV2({ global: { task: 'x' }, callObjects: [undefined] }), 'callObjects[0]', 'invalid_type', /undefined/],
  ['a hole in an array', () => bland.createBatchV2({ global: { task: 'x' }, callObjects: [, { phoneNumber: '+12015550100' }] }), 'callObjects[0]', 'invalid_type', /hole/],
  ['an out-of-range bigint', () => tencent.describeTelSession({ sdkAppId: 2n ** 70n, sessionId: 's' }), 'sdkAppId', 'out_of_range', /64-bit/],
  ['unknown field', () => bland.sendCall({ phoneNumber: '+12015550100', task: 'x', phone: '1' }), 'phone', 'unknown_field', /unknown field/],
  ['a throwing getter', () => bland.sendCall({ phoneNumber: '+12015550100', get task() { throw new Error('boom') } }), 'task', 'invalid_type', /getter or Proxy threw/],
]

for (const [name, call, path, code, message] of cases) {
  test(`bad input: ${name} → validation_failed at ${JSON.stringify(path)}`, async () => {
    const e = await rejection(call())
    assert.equal(e.code, 'validation_failed')
    assert.equal(e.retryClass, null, 'nothing was sent')
    assert.equal(e.attempts, null, 'nothing was sent')
    const issue = issueAt(e, path)
    assert.equal(issue.code, code)
    assert.match(issue.message, message)
    assert.equal(issue.severity, 'error')
  })
}

test('a cycle is refused at the path where it recurs, without overflowing the stack', async () => {
  const data = { phoneNumber: '+12015550100', task: 'x', requestData: {} }
  data.requestData.self = data.requestData
  const e = await rejection(bland.sendCall(data))
  const issue = e.issues[0]
  assert.match(issue.path, /^requestData(\.self)+$/)
  assert.match(issue.message, /circular/)
})

test('every problem is reported at once', async () => {
  const e = await rejection(bland.sendCall({ phoneNumber: 42, task: NaN, voice: () => 1 }))
  const paths = e.issues.map((i) => i.path).sort()
  assert.deepEqual(paths, ['phoneNumber', 'task', 'voice'].sort())
  assert.match(e.message, /^3 validation errors/)
})

test('the operation name of call() is checked and listed', async () => {
  let e = await rejection(bland.call('createAICall', inputs.sendCall))
  assert.equal(issueAt(e, 'operation').code, 'invalid_enum')
  assert.match(e.issues[0].message, /not a bland operation.*sendCall/)
  e = await rejection(bland.call(42, inputs.sendCall))
  assert.equal(issueAt(e, 'operation').code, 'invalid_type')
})

test('integers beyond 2^32 reach the vendor exactly (Alibaba QueryDate, Unix ms)', async (t) => {
  const server = await startServer((req, res) => json(res, 200, { RequestId: 'r', Code: 'OK', Message: 'OK', Data: '{}' }))
  t.after(() => server.close())
  const aliyun = new Aliyun({ accessKeyId: 'LTAItest', accessKeySecret: 'secret', endpoint: server.url })
  await aliyun.queryCallDetailByTaskId({ ...inputs.queryCallDetailByTaskId, queryDate: 1767225600123 })
  await aliyun.queryCallDetailByTaskId({ ...inputs.queryCallDetailByTaskId, queryDate: 1767225600123n })
  for (const r of server.requests) {
    assert.equal(new URLSearchParams(r.body).get('QueryDate'), '1767225600123')
  }
})

test('bad constructor options name the option, and unknown options are refused', () => {
  const cases = [
    [() => new Bland({}), 'apiKey', 'required'],
    [() => new Bland({ apiKey: '' }), 'apiKey', 'required'],
    [() => new Bland({ apiKey: 'k', retries: { max: -1 } }), 'retries.max', 'out_of_range'],
    [() => new Bland({ apiKey: 'k', retries: { max: 1000 } }), 'retries.max', 'out_of_range'],
    [() => new Bland({ apiKey: 'k', retries: { baseMs: 50, capMs: 10 } }), 'retries.baseMs', 'conflict'],
    [() => new Bland({ apiKey: 'k', retries: null }), 'retries', 'invalid_type'],
    [() => new Bland({ apiKey: 'k', timeoutMs: 'fast' }), 'timeoutMs', 'invalid_type'],
    [() => new Bland({ apiKey: 'k', timeoutMs: 0 }), 'timeoutMs', 'out_of_range'],
    [() => new Bland({ apiKey: 'k', endpoint: 'http://bland.example.com' }), 'endpoint', 'invalid_url'],
    [() => new Bland({ apiKey: 'k', endpoint: 'ftp://127.0.0.1' }), 'endpoint', 'invalid_url'],
    [() => new Bland({ apiKey: 'k', endpoint: 'not a url' }), 'endpoint', 'invalid_url'],
    [() => new Bland({ apiKey: 'k', rateLimit: true }), 'rateLimit', 'invalid_type'],
    [() => new Bland({ apiKey: 'k', rateLimit: {} }), 'rateLimit.requests', 'required'],
    [() => new Bland({ apiKey: 'k', rateLimit: { requests: 0 } }), 'rateLimit.requests', 'out_of_range'],
    [() => new Bland({ apiKey: 'k', apikey: 'typo' }), 'apikey', 'unknown_field'],
    [() => new Tencent({ secretId: 'a', secretKey: 'b', language: 'fr' }), 'language', 'invalid_enum'],
    [() => new Aliyun({ accessKeyId: 'a', accessKeySecret: 'b', signature: 'v2' }), 'signature', 'invalid_enum'],
    [() => new Bland(null), '', 'invalid_type'],
    [() => new Bland(), '', 'invalid_type'],
  ]
  for (const [make, path, code] of cases) {
    let error
    try {
      make()
    } catch (e) {
      error = e
    }
    assert.ok(error instanceof CallplaneError, `${make}: did not throw a CallplaneError`)
    assert.equal(error.code, 'validation_failed', `${make}`)
    assert.equal(issueAt(error, path).code, code, `${make}`)
  }
  // https endpoints anywhere, http only on loopback.
  assert.ok(new Bland({ apiKey: 'k', endpoint: 'https://bland.example.com' }))
  assert.ok(new Bland({ apiKey: 'k', endpoint: 'http://localhost:4010' }))
  assert.ok(new Bland({ apiKey: 'k', endpoint: 'http://[::1]:4010' }))
})
