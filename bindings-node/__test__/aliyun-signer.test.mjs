// RequestSigner.rpcSignatures / acs3Authorizations answer exactly what Alibaba's own Node SDK
// (@alicloud/openapi-util: getRPCSignature, getAuthorization) answers for the same requests, many
// at a time. The SDK is installed by core/tests/signing/generate (scripts/ci.sh runs `npm ci` there).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { RequestSigner, CallplaneError } from '../callplane.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OpenApiUtil = createRequire(path.join(root, 'core/tests/signing/generate/package.json'))('@alicloud/openapi-util').default

const ID = 'LTAI5tCallplaneEXAMPLE'
const SECRET = 'CallplaneAccessKeySecretEXAMPLE'
const signer = new RequestSigner({ vendor: 'aliyun', accessKeyId: ID, accessKeySecret: SECRET })
const flat = (obj) => Object.entries(obj).flat()
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex')

// The seed's BatchRobotSmartCall example (core/benches/data), and values that stress encoding.
const seed = JSON.parse(fs.readFileSync(path.join(root, 'core/benches/data/batchrobotsmartcall-seed.json'), 'utf8'))
const common = { AccessKeyId: ID, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Format: 'JSON' }
const perRequest = [
  { SignatureNonce: 'n-1', Timestamp: '2026-03-10T08:15:30Z', ...seed },
  { SignatureNonce: 'n-2', Timestamp: '2026-03-10T08:15:31Z', TaskName: "reserved *~'()! and space +&=%/?#", TtsParam: '' },
  { SignatureNonce: 'n-3', Timestamp: '2026-03-10T08:15:32Z', '中文名': '值 😀', 'a.b': '\u00e9\u0301', Empty: '' },
  { SignatureNonce: 'n-4', Timestamp: '2026-03-10T08:15:33Z', '\uff01': 'fullwidth', '\u{1f600}': 'above the BMP' },
  {},
]

test('rpcSignatures equals getRPCSignature for every request of a batch', () => {
  for (const method of ['POST', 'GET', 'post']) {
    const got = signer.rpcSignatures(method, flat(common), perRequest.map(flat))
    assert.equal(got.length, perRequest.length)
    perRequest.forEach((own, i) => {
      assert.equal(got[i], OpenApiUtil.getRPCSignature({ ...common, ...own }, method, SECRET), `${method} request ${i}`)
    })
    assert.equal(new Set(got).size, got.length, 'different requests, different signatures')
  }
  // No shared part, or everything shared: the same signatures.
  const alone = signer.rpcSignatures('POST', null, perRequest.map((own) => flat({ ...common, ...own })))
  assert.deepEqual(alone, signer.rpcSignatures('POST', flat(common), perRequest.map(flat)))
  assert.deepEqual(signer.rpcSignatures('POST', null, []), [])
})

test('rpcSignatures: a repeated name keeps its last value, as the SDK object does; lists go flattened', () => {
  const got = signer.rpcSignatures('POST', ['Action', 'Old', 'TaskName', 'shared'], [['Action', 'BatchRobotSmartCall', 'TaskName', 'a', 'TaskName', 'b']])
  assert.equal(got[0], OpenApiUtil.getRPCSignature({ Action: 'BatchRobotSmartCall', TaskName: 'b' }, 'POST', SECRET))
  // The SDK flattens a list into Name.1, Name.2, … (its `repeatList` style) before signing.
  const list = signer.rpcSignatures('POST', null, [['CalledNumber.1', '13900000000', 'CalledNumber.2', '13900000001', 'CalledNumber.10', 'x']])
  const sdkList = ['13900000000', '13900000001', '', '', '', '', '', '', '', 'x']
  const sdk = OpenApiUtil.getRPCSignature({ CalledNumber: sdkList.map((v) => v || null) }, 'POST', SECRET)
  assert.equal(list[0], sdk)
})

const baseHeaders = {
  host: 'dyvmsapi.aliyuncs.com',
  'x-acs-action': 'BatchRobotSmartCall',
  'x-acs-version': '2017-05-25',
  accept: 'application/json',
  'content-type': 'application/x-www-form-urlencoded',
}
const v3Requests = [
  { query: seed, headers: { 'x-acs-date': '2026-03-10T08:15:30Z', 'x-acs-signature-nonce': 'n-1' }, body: '' },
  { query: { TaskName: "reserved *~'()! +&=%", Empty: '', '中文': '值 😀' }, headers: { 'x-acs-date': '2026-03-10T08:15:31Z', 'x-acs-signature-nonce': 'n-2', 'X-Acs-Extra': ' padded\t' }, body: 'CalledNumber=13900000000' },
  { query: { '\uff01': 'a', '\u{1f600}': 'b', b: '2', a: '1' }, headers: { 'x-acs-date': '2026-03-10T08:15:32Z', 'x-acs-signature-nonce': 'n-3', 'x-acs-multi': '2', 'X-ACS-MULTI': '\ufeff1 ', 'user-agent': 'not signed' }, body: '{"a":1}' },
  { query: {}, headers: {}, body: '' },
]

test('acs3Authorizations equals getAuthorization for every request of a batch', () => {
  for (const [method, pathname] of [['POST', '/'], ['GET', '/a+b*c%7E/d'], ['post', '']]) {
    const payloads = v3Requests.map((r) => sha256(r.body))
    const got = signer.acs3Authorizations(method, pathname, null, flat(baseHeaders),
      v3Requests.map((r) => flat(r.query)), v3Requests.map((r) => flat(r.headers)), payloads)
    assert.equal(got.length, v3Requests.length)
    v3Requests.forEach((r, i) => {
      const sdk = OpenApiUtil.getAuthorization({ method, pathname, query: r.query, headers: { ...baseHeaders, ...r.headers } },
        'ACS3-HMAC-SHA256', payloads[i], ID, SECRET)
      assert.equal(got[i], sdk, `${method} ${pathname} request ${i}`)
    })
  }
})

test('acs3Authorizations: shared and own parts merge as an object spread; queries and headers may be null', () => {
  const payload = sha256('')
  const [merged] = signer.acs3Authorizations('POST', '/', ['RegionId', 'cn-hangzhou', 'TaskName', 'old'], ['host', 'h', 'x-acs-a', 'old'],
    [['TaskName', 'new']], [['x-acs-a', 'new']], [payload])
  assert.equal(merged, OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query: { RegionId: 'cn-hangzhou', TaskName: 'new' }, headers: { host: 'h', 'x-acs-a': 'new' } },
    'ACS3-HMAC-SHA256', payload, ID, SECRET))
  const bare = signer.acs3Authorizations('POST', '/', null, null, null, null, [payload, sha256('x')])
  assert.equal(bare[0], OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query: {}, headers: {} }, 'ACS3-HMAC-SHA256', payload, ID, SECRET))
  assert.notEqual(bare[0], bare[1])
  assert.deepEqual(signer.acs3Authorizations('POST', '/', null, null, null, null, []), [])
})

test('the Alibaba batch entry points refuse malformed input and other vendors with a typed error', () => {
  const refused = (fn, path) => assert.throws(fn, (e) => {
    assert.ok(e instanceof CallplaneError, String(e))
    assert.equal(e.code, 'validation_failed')
    assert.equal(e.issues[0].path, path)
    return true
  })
  refused(() => signer.rpcSignatures('POST', ['odd'], []), 'shared')
  refused(() => signer.rpcSignatures('POST', null, [['a', '1'], ['b']]), 'requests[1]')
  refused(() => signer.acs3Authorizations('POST', '/', null, null, [[]], null, ['h', 'h']), 'queries')
  refused(() => signer.acs3Authorizations('POST', '/', null, null, null, [['x-acs-a']], ['h']), 'headers[0]')
  refused(() => signer.acs3Authorizations('POST', '/', ['a'], null, null, null, ['h']), 'sharedQuery')
  const tencent = new RequestSigner({ vendor: 'tencent', secretId: 'AKID', secretKey: 'k' })
  refused(() => tencent.rpcSignatures('POST', null, [[]]), 'credentials.vendor')
  refused(() => tencent.acs3Authorizations('POST', '/', null, null, null, null, ['h']), 'credentials.vendor')
  // The scheme of the signer's credentials does not matter: both entry points use its key.
  const rpcOnly = new RequestSigner({ vendor: 'aliyun', accessKeyId: ID, accessKeySecret: SECRET, signature: 'rpc_v1' })
  assert.deepEqual(rpcOnly.acs3Authorizations('POST', '/', null, null, null, null, ['h']), signer.acs3Authorizations('POST', '/', null, null, null, null, ['h']))
})
