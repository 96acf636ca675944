// RequestSigner: the high-rate signing entry point answers exactly the headers `signRequest` sets
// (which the shared suite checks against Tencent's own Sign.sign3), for every scheme it supports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RequestSigner, signRequest, CallplaneError } from '../callplane.js'

const NOW_MS = 1_773_130_530_000
const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]])

const cases = [
  ['tencent TC3', { vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret' },
    { method: 'POST', url: 'https://ccc.tencentcloudapi.com/', headers: [['Content-Type', 'application/json'], ['X-TC-Action', 'CreateAICall']], body: '{"SdkAppId":1400000001,"Callee":"小明"}' },
    ['X-TC-Timestamp', 'Authorization']],
  ['tencent TC3 with a session token', { vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret', token: 'tok' },
    { method: 'POST', url: 'https://ccc.tencentcloudapi.com/', headers: [['Content-Type', 'application/json']], body: '{}' },
    ['X-TC-Timestamp', 'X-TC-Token', 'Authorization']],
  ['aliyun ACS3', { vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 'ali-secret', signature: 'v3' },
    { method: 'POST', url: 'https://dyvmsapi.aliyuncs.com/', headers: [['x-acs-action', 'BatchRobotSmartCall'], ['x-acs-version', '2017-05-25'], ['content-type', 'application/x-www-form-urlencoded']], body: 'CalledNumber=13900001111&TaskName=t' },
    ['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'Authorization']],
  ['bland', { vendor: 'bland', apiKey: 'sk-b' }, { method: 'GET', url: 'https://api.bland.ai/v1/calls' }, ['authorization']],
]

for (const [name, credentials, request, names] of cases) {
  test(`RequestSigner.sign (${name}) sets exactly what signRequest sets`, () => {
    const signer = new RequestSigner(credentials)
    const flat = (request.headers ?? []).flat()
    const set = pairs(signer.sign(request.method, request.url, flat, request.body ?? null, NOW_MS, 'nonce-1'))
    assert.deepEqual(set.map(([k]) => k), names)
    const full = signRequest(credentials, request, { nowMs: NOW_MS, nonce: 'nonce-1' })
    for (const [k, v] of set) assert.deepEqual(full.headers.find(([n]) => n === k), [k, v], k)
    // Signing again gives the same answer (the cached key changes nothing), another body another one.
    assert.deepEqual(pairs(signer.sign(request.method, request.url, flat, request.body ?? null, NOW_MS, 'nonce-1')), set)
    if (request.body) {
      const other = pairs(signer.sign(request.method, request.url, flat, `${request.body} `, NOW_MS, 'nonce-1'))
      assert.notDeepEqual(other.find(([k]) => /^authorization$/i.test(k)), set.find(([k]) => /^authorization$/i.test(k)))
    }
  })
}

test('RequestSigner.authorizations signs many bodies in one call, each as sign() does', () => {
  for (const credentials of [{ vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret' }, { vendor: 'bland', apiKey: 'sk-b' }]) {
    const signer = new RequestSigner(credentials)
    const url = 'https://ccc.tencentcloudapi.com/'
    const headers = ['Content-Type', 'application/json']
    // 30 bodies: 24 answers or more come back as one string split in JS (src/strings/joined.rs).
    const bodies = Array.from({ length: 30 }, (_, i) => `${['{}', '{"a":1}', '{"Callee":"小明"}', ''][i % 4]}${' '.repeat(i >> 2)}`)
    const auths = signer.authorizations('POST', url, headers, bodies, NOW_MS)
    assert.equal(auths.length, bodies.length)
    bodies.forEach((b, i) => {
      const one = pairs(signer.sign('POST', url, headers, b, NOW_MS))
      assert.equal(auths[i], one.find(([k]) => /^authorization$/i.test(k))[1], `body ${i}`)
    })
    if (credentials.vendor === 'tencent') assert.equal(new Set(auths).size, bodies.length)
    assert.deepEqual(signer.authorizations('POST', url, headers, [], NOW_MS), [])
  }
  assert.throws(() => new RequestSigner({ vendor: 'aliyun', accessKeyId: 'a', accessKeySecret: 'b' }).authorizations('POST', 'https://x/', [], ['{}']),
    (e) => e instanceof CallplaneError && e.issues[0].path === 'credentials.vendor')
})

test('RequestSigner.authorizations takes bodies as bytes too (Buffer, Uint8Array), hashed as sent', () => {
  const signer = new RequestSigner({ vendor: 'tencent', secretId: 'AKIDexample', secretKey: 'tc-secret' })
  const url = 'https://ccc.tencentcloudapi.com/'
  const headers = ['Content-Type', 'application/json']
  const texts = ['{"Callee":"小明 😀"}', '', '{"a":1}'.repeat(300)]
  const fromText = signer.authorizations('POST', url, headers, texts, NOW_MS)
  const bytes = texts.map((t, i) => (i % 2 ? new TextEncoder().encode(t) : Buffer.from(t, 'utf8')))
  assert.deepEqual(signer.authorizations('POST', url, headers, bytes, NOW_MS), fromText)
  // A view into a larger buffer signs only its own bytes.
  const big = Buffer.from(`xx${texts[0]}yy`, 'utf8')
  assert.equal(signer.authorizations('POST', url, headers, [big.subarray(2, big.length - 2)], NOW_MS)[0], fromText[0])
  // Bytes that are not UTF-8 are signed as they are (a string cannot carry them).
  const raw = Buffer.from([0xff, 0xfe, 0x00])
  assert.notEqual(signer.authorizations('POST', url, headers, [raw], NOW_MS)[0], signer.authorizations('POST', url, headers, ['\ufffd\ufffd\u0000'], NOW_MS)[0])
  const bland = new RequestSigner({ vendor: 'bland', apiKey: 'sk-b' })
  assert.deepEqual(bland.authorizations('GET', url, null, [Buffer.from('x')]), ['sk-b'])
})

test('RequestSigner refuses what it cannot do, with a typed error', () => {
  const refused = (fn, code, path) => {
    assert.throws(fn, (e) => {
      assert.ok(e instanceof CallplaneError, String(e))
      assert.equal(e.code, code)
      if (path) assert.equal(e.issues[0].path, path)
      return true
    })
  }
  refused(() => new RequestSigner({ vendor: 'aliyun', accessKeyId: 'a', accessKeySecret: 'b', signature: 'rpc_v1' })
    .sign('POST', 'https://dyvmsapi.aliyuncs.com/', [], ''), 'validation_failed', 'credentials.signature')
  refused(() => new RequestSigner({ vendor: 'twilio' }), 'validation_failed', 'credentials.vendor')
  refused(() => new RequestSigner({ vendor: 'tencent', secretId: 'a' }), 'validation_failed', 'credentials.secretKey')
  const tc = new RequestSigner({ vendor: 'tencent', secretId: 'a', secretKey: 'b' })
  refused(() => tc.sign('POST', 'https://ccc.tencentcloudapi.com/', ['Content-Type'], '{}'), 'validation_failed', 'headers')
  refused(() => tc.sign('POST', 'https://ccc.tencentcloudapi.com/', [], '{}', 1.5), 'validation_failed', 'nowMs')
  refused(() => tc.sign('POST', 'not a url', [], '{}'), 'signing_invalid_url')
  refused(() => tc.sign('POST', 'https://ccc.tencentcloudapi.com/', [1, 2], '{}'), 'invalid_argument')
})

test('RequestSigner.authorizations equals Sign.sign3 across UTC days, keys and URLs, in one signer', async () => {
  const { createRequire } = await import('node:module')
  const path = await import('node:path')
  const { fileURLToPath } = await import('node:url')
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const { default: Sign } = createRequire(path.join(root, 'core/tests/signing/generate/package.json'))('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js')
  const bodies = ['', '{"Callee":"小明 😀"}', 'x'.repeat(200)]
  // 2024-03-01T23:59:59Z and the next second (another credential date), then back: the signer's
  // cached day key must follow; a second key must never share it.
  const times = [1_709_337_599, 1_709_337_600, 1_709_337_599, 1_773_130_530]
  for (const secretKey of ['tc-secret', 'another-secret']) {
    const signer = new RequestSigner({ vendor: 'tencent', secretId: 'AKIDexample', secretKey })
    // (The signer signs for ccc, the service of its client, whatever the host.)
    for (const url of ['https://ccc.tencentcloudapi.com/', 'https://ccc.intl.tencentcloudapi.com/?b=2&a=1']) {
      for (const ts of times) {
        const got = signer.authorizations('POST', url, ['Content-Type', 'application/json'], bodies.map((b, i) => (i % 2 ? b : Buffer.from(b))), ts * 1000)
        // Sign.sign3 hashes a Buffer payload as sent (anything else it JSON-stringifies first).
        const want = bodies.map((b) => Sign.sign3({ method: 'POST', url, payload: Buffer.from(b), timestamp: ts, service: new URL(url).hostname.split('.')[0],
          secretId: 'AKIDexample', secretKey, headers: { 'Content-Type': 'application/json' } }))
        assert.deepEqual(got, want, `${secretKey} ${url} ${ts}`)
      }
    }
  }
  // Something other than a string or bytes is refused, naming the element.
  const signer = new RequestSigner({ vendor: 'tencent', secretId: 'a', secretKey: 'b' })
  for (const bad of [[{}], ['{}', 1], [null]]) {
    assert.throws(() => signer.authorizations('POST', 'https://ccc.tencentcloudapi.com/', [], bad, NOW_MS),
      (e) => e instanceof CallplaneError && e.issues[0].path === `bodies[${bad.length - 1}]`, JSON.stringify(bad))
  }
  assert.throws(() => signer.authorizations('POST', 'https://ccc.tencentcloudapi.com/', [], 'not an array', NOW_MS),
    (e) => e instanceof CallplaneError && e.issues[0].path === 'bodies')
})
