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
]

test('rpcSignatures equals getRPCSignature, request by request and for a table of requests', () => {
  for (const method of ['POST', 'GET', 'post']) {
    const got = perRequest.map((own) => signer.rpcSignatures(method, flat(common), Object.keys(own), Object.values(own)))
    perRequest.forEach((own, i) => {
      assert.equal(got[i].length, 1)
      assert.equal(got[i][0], OpenApiUtil.getRPCSignature({ ...common, ...own }, method, SECRET), `${method} request ${i}`)
    })
    assert.equal(new Set(got.flat()).size, got.length, 'different requests, different signatures')
  }
  // A table: the same own names, one row of values per request.
  const names = ['SignatureNonce', 'Timestamp', 'TaskName']
  const rows = Array.from({ length: 5 }, (_, i) => [`n-${i}`, `2026-03-10T08:15:3${i}Z`, i % 2 ? '任务 *~\'()!' : ''])
  const table = signer.rpcSignatures('POST', flat({ ...common, ...seed }), names, rows.flat())
  assert.equal(table.length, rows.length)
  rows.forEach((row, i) => {
    const own = Object.fromEntries(names.map((n, j) => [n, row[j]]))
    assert.equal(table[i], OpenApiUtil.getRPCSignature({ ...common, ...seed, ...own }, 'POST', SECRET), `row ${i}`)
  })
  // Everything in the rows, nothing shared: the same signatures.
  const allNames = [...Object.keys({ ...common, ...seed }), ...names]
  const wide = rows.flatMap((row) => [...Object.values({ ...common, ...seed }), ...row])
  assert.deepEqual(signer.rpcSignatures('POST', null, allNames, wide), table)
  assert.deepEqual(signer.rpcSignatures('POST', null, names, []), [])
})

test('rpcSignatures: a repeated name keeps its last value, as the SDK object does; lists go flattened', () => {
  const got = signer.rpcSignatures('POST', ['Action', 'Old', 'TaskName', 'shared'], ['Action', 'TaskName', 'TaskName'], ['BatchRobotSmartCall', 'a', 'b'])
  assert.equal(got[0], OpenApiUtil.getRPCSignature({ Action: 'BatchRobotSmartCall', TaskName: 'b' }, 'POST', SECRET))
  // The SDK flattens a list into Name.1, Name.2, … (its `repeatList` style) before signing.
  const list = signer.rpcSignatures('POST', null, ['CalledNumber.1', 'CalledNumber.2', 'CalledNumber.10'], ['13900000000', '13900000001', 'x'])
  const sdkList = ['13900000000', '13900000001', '', '', '', '', '', '', '', 'x']
  assert.equal(list[0], OpenApiUtil.getRPCSignature({ CalledNumber: sdkList.map((v) => v || null) }, 'POST', SECRET))
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
  { query: {}, headers: { 'x-acs-signature-nonce': 'n-4' }, body: '' },
]
const v3Values = (r) => [...Object.values(r.query), ...Object.values(r.headers), sha256(r.body)]

test('acs3Authorizations equals getAuthorization, request by request and for a table of requests', () => {
  for (const [method, pathname] of [['POST', '/'], ['GET', '/a+b*c%7E/d'], ['post', '']]) {
    v3Requests.forEach((r, i) => {
      const got = signer.acs3Authorizations(method, pathname, null, flat(baseHeaders), Object.keys(r.query), Object.keys(r.headers), v3Values(r))
      const sdk = OpenApiUtil.getAuthorization({ method, pathname, query: r.query, headers: { ...baseHeaders, ...r.headers } },
        'ACS3-HMAC-SHA256', sha256(r.body), ID, SECRET)
      assert.deepEqual(got, [sdk], `${method} ${pathname} request ${i}`)
    })
  }
  // A table: the seed's parameters shared, the callees and the per-request headers in rows.
  const queryNames = ['CalledNumber', 'TaskName']
  const headerNames = ['x-acs-date', 'x-acs-signature-nonce']
  const rows = Array.from({ length: 4 }, (_, i) => ({ query: { CalledNumber: `1390000000${i}`, TaskName: `任务 ${i}` }, headers: { 'x-acs-date': '2026-03-10T08:15:30Z', 'x-acs-signature-nonce': `n-${i}` }, body: `b${i}` }))
  const got = signer.acs3Authorizations('POST', '/', flat(seed), flat(baseHeaders), queryNames, headerNames, rows.flatMap(v3Values))
  assert.equal(got.length, rows.length)
  rows.forEach((r, i) => {
    const sdk = OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query: { ...seed, ...r.query }, headers: { ...baseHeaders, ...r.headers } },
      'ACS3-HMAC-SHA256', sha256(r.body), ID, SECRET)
    assert.equal(got[i], sdk, `row ${i}`)
  })
  assert.equal(new Set(got).size, rows.length)
  assert.deepEqual(signer.acs3Authorizations('POST', '/', null, null, [], headerNames, []), [])
})

test('acs3Authorizations: own values override shared ones of the same name, as an object spread does', () => {
  const payload = sha256('')
  const [merged] = signer.acs3Authorizations('POST', '/', ['RegionId', 'cn-hangzhou', 'TaskName', 'old'], ['host', 'h', 'x-acs-a', 'old'],
    ['TaskName'], ['x-acs-a', 'x-acs-signature-nonce'], ['new', 'new', 'n', payload])
  assert.equal(merged, OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query: { RegionId: 'cn-hangzhou', TaskName: 'new' }, headers: { host: 'h', 'x-acs-a': 'new', 'x-acs-signature-nonce': 'n' } },
    'ACS3-HMAC-SHA256', payload, ID, SECRET))
})

test('acs3Authorizations with one payloadHash for the table: rows end without it, answers unchanged', () => {
  // The interleaving, repeated and non-ASCII own names of the table below, empty values, a value
  // long enough to outgrow the read buffer with a multi-byte character at its edge, and a lone
  // surrogate in a header value (both read as U+FFFD, as the SDK's hash reads it).
  const sharedQuery = { ...seed, TaskName: 'shared, overridden' }
  const queryNames = ['AAA', 'TaskName', 'Zeta', 'TaskName', '中文']
  const headerNames = ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-extra']
  const body = '{"same":"body"}'
  const rows = Array.from({ length: 12 }, (_, i) => ({
    query: [`a${i}`, 'ignored', i % 3 ? '' : "*~'()! +&=%", i === 5 ? `${'a'.repeat(4093)}值${'😀'.repeat(i)}` : `任务 ${i}`, '值 😀'.repeat(i % 4)],
    headers: [`2026-03-10T08:15:${String(i).padStart(2, '0')}Z`, `n-${i}`, ['', 'x\ud800y', '值', ' padded '][i % 4]],
  }))
  const own = rows.flatMap((r) => [...r.query, ...r.headers])
  const got = signer.acs3Authorizations('POST', '/', flat(sharedQuery), flat(baseHeaders), queryNames, headerNames, own, sha256(body))
  assert.equal(got.length, rows.length)
  rows.forEach((r, i) => {
    const query = { ...sharedQuery, ...Object.fromEntries(queryNames.map((n, j) => [n, r.query[j]])) }
    const headers = { ...baseHeaders, ...Object.fromEntries(headerNames.map((n, j) => [n, r.headers[j]])) }
    assert.equal(got[i], OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query, headers }, 'ACS3-HMAC-SHA256', sha256(body), ID, SECRET), `row ${i}`)
  })
  assert.equal(new Set(got).size, rows.length)
  // The same table with the hash in every row, and payloadHash null or left out: the same answers.
  const withHash = rows.flatMap((r) => [...r.query, ...r.headers, sha256(body)])
  assert.deepEqual(signer.acs3Authorizations('POST', '/', flat(sharedQuery), flat(baseHeaders), queryNames, headerNames, withHash, null), got)
  assert.deepEqual(signer.acs3Authorizations('POST', '/', flat(sharedQuery), flat(baseHeaders), queryNames, headerNames, withHash), got)
  // A row of the wrong width for the form chosen is refused, not misread.
  assert.throws(() => signer.acs3Authorizations('POST', '/', null, null, ['q'], ['x-acs-signature-nonce'], ['1', 'n', sha256('')], sha256('')),
    (e) => e instanceof CallplaneError && e.issues[0].path === 'values')
})

test('a table whose own names interleave, repeat and override shared ones signs every row as the SDK does', () => {
  // Own names sorting before, between and after the shared ones (each request's key order is
  // worked out once per call), a repeated own name (the last counts), own values overriding
  // shared ones, and header names differing only in case joined across shared and own values.
  const sharedQuery = { ...seed, TaskName: 'shared, overridden' }
  const queryNames = ['AAA', 'TaskName', 'Zeta', 'TaskName', '中文']
  const headerNames = ['x-acs-date', 'x-acs-signature-nonce', 'X-Acs-Multi', 'x-acs-version']
  const sharedHeaders = { ...baseHeaders, 'x-acs-multi': ' shared ', 'X-ACS-ALL': 'b', 'x-acs-all': 'a' }
  const rows = Array.from({ length: 20 }, (_, i) => ({
    query: [`a${i}`, 'ignored', i % 3 ? '' : "*~'()! +&=%", `任务 ${i}`, '值 😀'.repeat(i % 4)],
    headers: [`2026-03-10T08:15:${String(i).padStart(2, '0')}Z`, `n-${i}`, i % 2 ? '\t0 first' : 'z last\ufeff', `v${i % 5}`],
    body: `b${i}`,
  }))
  const values = rows.flatMap((r) => [...r.query, ...r.headers, sha256(r.body)])
  const got = signer.acs3Authorizations('POST', '/', flat(sharedQuery), flat(sharedHeaders), queryNames, headerNames, values)
  rows.forEach((r, i) => {
    const query = { ...sharedQuery, ...Object.fromEntries(queryNames.map((n, j) => [n, r.query[j]])) }
    const headers = { ...sharedHeaders, ...Object.fromEntries(headerNames.map((n, j) => [n, r.headers[j]])) }
    assert.equal(got[i], OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/', query, headers }, 'ACS3-HMAC-SHA256', sha256(r.body), ID, SECRET), `row ${i}`)
  })
  assert.equal(new Set(got).size, rows.length)
  const rpcShared = { ...common, ...sharedQuery }
  const rpcNames = ['SignatureNonce', 'Timestamp', ...queryNames]
  const rpc = signer.rpcSignatures('POST', flat(rpcShared), rpcNames, rows.flatMap((r) => [r.headers[1], r.headers[0], ...r.query]))
  rows.forEach((r, i) => {
    const own = Object.fromEntries(rpcNames.map((n, j) => [n, [r.headers[1], r.headers[0], ...r.query][j]]))
    assert.equal(rpc[i], OpenApiUtil.getRPCSignature({ ...rpcShared, ...own }, 'POST', SECRET), `rpc row ${i}`)
  })
  assert.equal(new Set(rpc).size, rows.length)
})

test('the Alibaba batch entry points refuse malformed input and other vendors with a typed error', () => {
  const refused = (fn, path) => assert.throws(fn, (e) => {
    assert.ok(e instanceof CallplaneError, String(e))
    assert.equal(e.code, 'validation_failed')
    assert.equal(e.issues[0].path, path)
    return true
  })
  refused(() => signer.rpcSignatures('POST', ['odd'], ['SignatureNonce'], []), 'shared')
  refused(() => signer.rpcSignatures('POST', null, [], []), 'names')
  refused(() => signer.rpcSignatures('POST', null, ['a', 'b'], ['1', '2', '3']), 'values')
  refused(() => signer.rpcSignatures('POST', null, ['a'], ['1', 2]), 'values[1]')
  refused(() => signer.rpcSignatures('POST', null, 'a', ['1']), 'names')
  refused(() => signer.acs3Authorizations('POST', '/', null, null, [], [], ['h']), 'headerNames')
  refused(() => signer.acs3Authorizations('POST', '/', null, null, ['q'], ['x-acs-signature-nonce'], ['1', 'n']), 'values')
  refused(() => signer.acs3Authorizations('POST', '/', ['a'], null, [], ['x-acs-signature-nonce'], ['n', 'h']), 'sharedQuery')
  const tencent = new RequestSigner({ vendor: 'tencent', secretId: 'AKID', secretKey: 'k' })
  refused(() => tencent.rpcSignatures('POST', null, ['SignatureNonce'], ['n']), 'credentials.vendor')
  refused(() => tencent.acs3Authorizations('POST', '/', null, null, [], ['x-acs-signature-nonce'], ['n', 'h']), 'credentials.vendor')
  // The scheme of the signer's credentials does not matter: both entry points use its key.
  const rpcOnly = new RequestSigner({ vendor: 'aliyun', accessKeyId: ID, accessKeySecret: SECRET, signature: 'rpc_v1' })
  const args = ['POST', '/', null, null, [], ['x-acs-signature-nonce'], ['n', 'h']]
  assert.deepEqual(rpcOnly.acs3Authorizations(...args), signer.acs3Authorizations(...args))
})

test('long strings cross whole (the reader grows past its first block)', () => {
  const long = `${'中'.repeat(3000)}${'x'.repeat(5000)}😀`
  const own = { SignatureNonce: 'n', TtsParam: long, Short: 'y' }
  const [sig] = signer.rpcSignatures('POST', ['Big', long], Object.keys(own), Object.values(own))
  assert.equal(sig, OpenApiUtil.getRPCSignature({ Big: long, ...own }, 'POST', SECRET))
})

// Tables of 24 strings or more cross as one string (each value followed by a NUL) and 24 answers
// or more come back as one string split on line breaks (src/strings/joined.rs); whatever that
// one piece could misread goes element by element. Both paths must answer what the SDK answers.
test('long tables and many answers cross in one piece, and every case that piece cannot carry takes the element path', () => {
  const queryNames = ['CalledNumber', 'TtsParam', 'TaskName']
  const headerNames = ['x-acs-date', 'x-acs-signature-nonce']
  const odd = ['', 'a\u0000b', '\u0000', 'line\nbreak', '😀', '值 *~\'()!', '\ufeff pad \t']
  // `split`: a header value ending with a high surrogate, the next one starting with a low one
  // (query values cannot: the SDK's encodeURIComponent throws on a lone surrogate).
  const rowsOf = (n, pick, split = false) => Array.from({ length: n }, (_, i) => ({
    query: [`1390000${String(i).padStart(4, '0')}`, pick(i), `任务 ${i}`],
    headers: [`2026-03-10T08:15:${String(i % 60).padStart(2, '0')}Z${split ? '\ud83d' : ''}`, `${split ? '\ude00' : ''}n-${i}`],
  }))
  const sdkOf = (r, sharedHeaders = baseHeaders) => OpenApiUtil.getAuthorization({ method: 'POST', pathname: '/',
    query: { ...seed, ...Object.fromEntries(queryNames.map((n, j) => [n, r.query[j]])) },
    headers: { ...sharedHeaders, ...Object.fromEntries(headerNames.map((n, j) => [n, r.headers[j]])) } }, 'ACS3-HMAC-SHA256', sha256(''), ID, SECRET)
  const check = (rows, label, sharedHeaders = baseHeaders) => {
    const got = signer.acs3Authorizations('POST', '/', flat(seed), flat(sharedHeaders), queryNames, headerNames,
      rows.flatMap((r) => [...r.query, ...r.headers]), sha256(''))
    assert.equal(got.length, rows.length, label)
    rows.forEach((r, i) => assert.equal(got[i], sdkOf(r, sharedHeaders), `${label}: row ${i}`))
    assert.equal(new Set(got).size, rows.length, label)
  }
  // Around the one-piece threshold (24 strings, 24 answers), ASCII and two-byte values.
  for (const n of [4, 5, 23, 24, 25, 64]) check(rowsOf(n, (i) => (i % 2 ? `[{"n":"${i}"}]` : `值${i}`)), `${n} rows`)
  // A NUL or a line break inside a value, lone surrogates at a value's end and the next one's
  // start (each its own U+FFFD, never a pair), in a long table.
  check(rowsOf(40, (i) => `${odd[i % odd.length]}${i}`, true), 'odd values')
  check(rowsOf(40, (i) => odd[i % odd.length]), 'odd values alone')
  // More than one chunk (16 K UTF-16 units each), and values of 2 K units or more, which cross
  // alone, among short ones.
  check(rowsOf(300, (i) => `${'x'.repeat(i % 90)}${odd[i % odd.length]}`, true), 'several chunks')
  check(rowsOf(30, (i) => (i % 7 === 3 ? `值${'😀'.repeat(1100 + i)}\u0000${'a'.repeat(i)}` : `v${i}`), true), 'long values alone')
  // An answer holding the answers' separator (a signed header name with a line break) comes back
  // element by element, unchanged.
  check(rowsOf(30, (i) => `v${i}`), 'a line break in an answer', { ...baseHeaders, 'x-acs-odd\nname': 'v' })
  // The same for RPC v1 (base64 answers; TC3's many answers: signer.test.mjs).
  const rpcNames = ['SignatureNonce', 'Timestamp', 'TtsParam']
  const rpcRows = Array.from({ length: 30 }, (_, i) => [`n-${i}`, '2026-03-10T08:15:30Z', odd[i % odd.length]])
  const rpc = signer.rpcSignatures('POST', flat({ ...common, ...seed }), rpcNames, rpcRows.flat())
  rpcRows.forEach((row, i) => assert.equal(rpc[i], OpenApiUtil.getRPCSignature({ ...common, ...seed, ...Object.fromEntries(rpcNames.map((n, j) => [n, row[j]])) }, 'POST', SECRET), `rpc row ${i}`))
  // Anything but a dense array of strings is refused naming the element, however long the table.
  const values = rowsOf(30, (i) => `v${i}`).flatMap((r) => [...r.query, ...r.headers])
  const refusedAt = (bad, at) => assert.throws(() => signer.acs3Authorizations('POST', '/', flat(seed), flat(baseHeaders), queryNames, headerNames, bad, sha256('')),
    (e) => e instanceof CallplaneError && e.code === 'validation_failed' && e.issues[0].path === `values[${at}]`)
  for (const [at, v] of [[0, 7], [31, null], [77, undefined], [149, {}], [100, Symbol('s')]]) {
    const bad = values.slice()
    bad[at] = v
    refusedAt(bad, at)
  }
  const holey = values.slice()
  delete holey[63]
  refusedAt(holey, 63)
  // A getter runs, and its string counts, as any element's value.
  const gotten = values.slice()
  let reads = 0
  Object.defineProperty(gotten, 12, { get: () => { reads++; return values[12] } })
  assert.deepEqual(signer.acs3Authorizations('POST', '/', flat(seed), flat(baseHeaders), queryNames, headerNames, gotten, sha256('')),
    signer.acs3Authorizations('POST', '/', flat(seed), flat(baseHeaders), queryNames, headerNames, values, sha256('')))
  assert.ok(reads >= 1)
})

// The signer keeps the last batch (key order, encoded shared values) and reuses it when the next
// call has the same shared inputs: every input it is made from must count.
test('acs3Authorizations reuses a batch only for the same shared inputs', () => {
  const payload = sha256('')
  const row = ['v', '2026-03-10T08:15:30Z', 'n-1']
  const base = ['POST', '/', flat(seed), flat(baseHeaders), ['TaskName'], ['x-acs-date', 'x-acs-signature-nonce'], row, payload]
  const variants = [
    base,
    base, // the same again: the kept batch
    ['GET', ...base.slice(1)],
    ['POST', '/other', ...base.slice(2)],
    [...base.slice(0, 2), flat({ ...seed, TaskName: 'shared' }), ...base.slice(3)],
    [...base.slice(0, 2), [...flat(seed), 'Extra', ''], ...base.slice(3)],
    [...base.slice(0, 3), flat({ ...baseHeaders, 'x-acs-extra': 'e' }), ...base.slice(4)],
    [...base.slice(0, 4), ['CalledNumber'], ...base.slice(5)],
    [...base.slice(0, 5), ['x-acs-signature-nonce', 'x-acs-date'], ['v', 'n-1', '2026-03-10T08:15:30Z'], payload],
    [...base.slice(0, 6), [...row, sha256('x')]], // the hash in the row instead
    [...base.slice(0, 7), sha256('x')],
    base,
  ]
  for (const [i, args] of variants.entries()) {
    const [method, pathname, sq, sh, qn, hn, values, hash] = args
    const pairs = (f) => Object.fromEntries(Array.from({ length: f.length / 2 }, (_, j) => [f[2 * j], f[2 * j + 1]]))
    const width = qn.length + hn.length
    const sdk = OpenApiUtil.getAuthorization({ method, pathname,
      query: { ...pairs(sq), ...Object.fromEntries(qn.map((n, j) => [n, values[j]])) },
      headers: { ...pairs(sh), ...Object.fromEntries(hn.map((n, j) => [n, values[qn.length + j]])) } },
    'ACS3-HMAC-SHA256', hash ?? values[width], ID, SECRET)
    assert.deepEqual(signer.acs3Authorizations(...args), [sdk], `variant ${i}`)
  }
})

// The one-piece helper is compiled per env (per thread) and forgotten when the env goes: a worker
// signs the same long table, ends, and the main thread still signs with its own.
test('long tables sign the same in a worker thread, before and after it ends', async () => {
  const { Worker } = await import('node:worker_threads')
  const names = ['SignatureNonce', 'Timestamp', 'TtsParam']
  const values = Array.from({ length: 40 }, (_, i) => [`n-${i}`, '2026-03-10T08:15:30Z', `值 ${i}`]).flat()
  const args = ['POST', flat({ ...common, ...seed }), names, values]
  const here = signer.rpcSignatures(...args)
  const code = `const { parentPort, workerData } = require('node:worker_threads')
    const { RequestSigner } = require(workerData.lib)
    const s = new RequestSigner({ vendor: 'aliyun', accessKeyId: workerData.id, accessKeySecret: workerData.secret })
    parentPort.postMessage([s.rpcSignatures(...workerData.args), s.rpcSignatures(...workerData.args)])`
  for (let round = 0; round < 2; round++) {
    const worker = new Worker(code, { eval: true, workerData: { lib: path.join(root, 'bindings-node/callplane.js'), id: ID, secret: SECRET, args } })
    const [first, again] = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
    await worker.terminate()
    assert.deepEqual(first, here, `worker ${round}`)
    assert.deepEqual(again, here, `worker ${round}, helper kept`)
    assert.deepEqual(signer.rpcSignatures(...args), here, `main thread after worker ${round}`)
  }
})
