// Benchmarks of the npm package `callplane` against its peers, each pair in this one process and
// run back to back, so the ratios hold on a shared machine (BENCHMARKS.md § npm package).
//
//   bindings-node/bench/run.sh [signing] [preflight] [simulator]     (installs the peers first)
//
// - signing: the batch entry points (`RequestSigner.authorizations` for TC3, `rpcSignatures` and
//   `acs3Authorizations` for Alibaba: strings in, one string per request out, many per call),
//   `RequestSigner.sign` (strings in, the signature headers out), `signRequest` (the pure API's
//   shape, one request per call) and `signRequests` (a batch per call) vs the official SDK
//   signers, tencentcloud-sdk-nodejs `Sign.sign3` (TC3) and @alicloud/openapi-util
//   `getAuthorization` (ACS3) / `getRPCSignature` (RPC v1), on the payloads of
//   core/benches/signing.rs (each vendor's seed example and a larger one). Every answer is checked
//   to equal the SDK's first.
// - preflight: `preflightBlandBatch` on the 100k-row batch of core/benches/preflight.rs (generated
//   by bindings-wasm/bench/rows.mjs) vs libphonenumber-js + mustache (core/benches/js-peer/peer.mjs)
//   on the same rows; both must agree on ready rows and duplicates.
// - simulator: requests/s and latency of `Tencent.createAICall` and `Bland.sendCall` with 256 in
//   flight against the in-process simulator (limits off), client and simulator in this process.
//
// Rates are per CPU-second of this process (process.cpuUsage) and per wall second; the ratio uses
// CPU time, which a busy machine skews alike for both sides.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import * as callplane from '../callplane.js'
import { batch } from '../../bindings-wasm/bench/rows.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const sdkRequire = createRequire(path.join(root, 'core/tests/signing/generate/package.json'))
const args = process.argv.slice(2)
const want = (name) => args.length === 0 || args.includes(name)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const fmt = (n) => Math.round(n).toLocaleString('en-US')

/** Run `fn` (doing `per` operations each call) for SECONDS after a warm-up: ops per CPU-s and wall-s. */
function rate(fn, per = 1) {
  const warm = performance.now()
  while (performance.now() - warm < 200) fn()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let n = 0
  while (performance.now() - t0 < SECONDS * 1000) {
    fn()
    n += per
  }
  const wall = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  return { cpu: n / ((cpu.user + cpu.system) / 1e6), wall: n / wall }
}

function report(title, rows) {
  console.log(`\n## ${title}`)
  const base = rows[rows.length - 1]
  for (const [name, r] of rows) {
    const ratio = r === base[1] ? '' : `  ${(r.cpu / base[1].cpu).toFixed(1)}x`
    console.log(`${name.padEnd(64)} ${fmt(r.cpu).padStart(10)} /CPU-s ${fmt(r.wall).padStart(10)} /s wall${ratio}`)
  }
}

const pairsOf = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]])
const headerOf = (headers, name) => headers.find(([k]) => k.toLowerCase() === name)?.[1]

function signing() {
  const { default: TencentSign } = sdkRequire('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js')
  const OpenApiUtil = sdkRequire('@alicloud/openapi-util').default
  const data = path.join(root, 'core/benches/data')
  const TS = 1773130530
  const nowMs = TS * 1000
  const tc = { vendor: 'tencent', secretId: 'AKIDcallplaneEXAMPLE', secretKey: 'callplaneSecretKeyEXAMPLE' }
  const url = 'https://ccc.tencentcloudapi.com/'
  for (const [label, file] of [['CreateAICall seed example (362 B)', 'createaicall-seed.json'], ['CreateAICall 1.5 KB', 'createaicall.json']]) {
    const body = fs.readFileSync(path.join(data, file), 'utf8')
    const payload = Buffer.from(body, 'utf8')
    const request = { method: 'POST', url, headers: [['Content-Type', 'application/json']], body }
    const sdk = () => TencentSign.sign3({ method: 'POST', url, payload, timestamp: TS, service: 'ccc',
      secretId: tc.secretId, secretKey: tc.secretKey, headers: { 'Content-Type': 'application/json' } })
    const one = () => callplane.signRequest(tc, request, { nowMs })
    const N = 256
    const many = Array.from({ length: N }, () => request)
    const batchSign = () => callplane.signRequests(tc, many, { nowMs })
    const signer = new callplane.RequestSigner(tc)
    const flat = ['Content-Type', 'application/json']
    const handle = () => signer.sign('POST', url, flat, body, nowMs)
    const bodies = Array.from({ length: 256 }, () => body)
    // The bytes to be sent, as the SDK gets them (`payload`): hashed where they lie.
    const buffers = Array.from({ length: 256 }, () => Buffer.from(body, 'utf8'))
    const expected = sdk()
    if (signer.authorizations('POST', url, flat, buffers, nowMs).some((a) => a !== expected)) throw new Error(`TC3 ${label}: authorizations (Buffer bodies) disagrees`)
    if (handle()[3] !== expected) throw new Error(`TC3 ${label}: RequestSigner disagrees with Sign.sign3`)
    if (signer.authorizations('POST', url, flat, bodies, nowMs).some((a) => a !== expected)) throw new Error(`TC3 ${label}: authorizations disagrees`)
    if (headerOf(one().headers, 'authorization') !== expected) throw new Error(`TC3 ${label}: signRequest disagrees with Sign.sign3`)
    if (batchSign().some((r) => headerOf(r.headers, 'authorization') !== expected)) throw new Error(`TC3 ${label}: signRequests disagrees`)
    report(`TC3, ${label}`, [
      ['callplane RequestSigner.sign (strings in, signature headers out)', rate(handle)],
      [`callplane RequestSigner.authorizations (${N} string bodies per call)`, rate(() => signer.authorizations('POST', url, flat, bodies, nowMs), N)],
      [`callplane RequestSigner.authorizations (${N} Buffer bodies per call)`, rate(() => signer.authorizations('POST', url, flat, buffers, nowMs), N)],
      ['callplane signRequest (one request per call)', rate(one)],
      [`callplane signRequests (${N} requests per call)`, rate(batchSign, N)],
      ['tencentcloud-sdk-nodejs Sign.sign3', rate(sdk)],
    ])
  }

  for (const [label, file, own] of [
    ['BatchRobotSmartCall seed example (0.7 KB)', 'batchrobotsmartcall-seed.json', ['CalledNumber', 'TtsParam', 'TaskName']],
    ['BatchRobotSmartCall 100 callees (16 KB)', 'batchrobotsmartcall.json', ['CalledNumber', 'TtsParam']],
  ]) alibaba(label, JSON.parse(fs.readFileSync(path.join(data, file), 'utf8')), own, OpenApiUtil, nowMs)
}

// Alibaba, one payload. The batch entry points get what a caller has: the parameters every request
// of a task shares once per call, and per request its own (nonce, time, callees, TtsParam); the SDK
// gets the same requests as the objects it takes. Every answer is checked against the SDK first.
function alibaba(label, params, ownNames, OpenApiUtil, nowMs) {
  const ali = { vendor: 'aliyun', accessKeyId: 'LTAI5tCallplaneEXAMPLE', accessKeySecret: 'CallplaneAccessKeySecretEXAMPLE' }
  const N = 64
  const pick = (names, keep) => Object.fromEntries(Object.entries(params).filter(([k]) => names.includes(k) === keep))
  const shared = pick(ownNames, false)
  const ownOf = (i) => ({ ...pick(ownNames, true), SignatureNonce: `nonce-${i}`, Timestamp: `2026-03-10T08:15:${String(i % 60).padStart(2, '0')}Z` })
  const batchSigner = new callplane.RequestSigner(ali)

  // RPC v1: getRPCSignature(signedParams, method, secret).
  const rpcShared = { ...shared, AccessKeyId: ali.accessKeyId, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0' }
  const rpcSdkParams = Array.from({ length: N }, (_, i) => ({ ...rpcShared, ...ownOf(i) }))
  const rpcSharedFlat = Object.entries(rpcShared).flat()
  const rpcNames = Object.keys(ownOf(0))
  const rpcValues = Array.from({ length: N }, (_, i) => Object.values(ownOf(i))).flat()
  const sdkRpcAll = () => rpcSdkParams.map((p) => OpenApiUtil.getRPCSignature(p, 'POST', ali.accessKeySecret))
  const oursRpcAll = () => batchSigner.rpcSignatures('POST', rpcSharedFlat, rpcNames, rpcValues)
  const expectedRpc = sdkRpcAll()
  if (new Set(expectedRpc).size !== N) throw new Error(`RPC v1 ${label}: the requests should differ`)
  oursRpcAll().forEach((sig, i) => { if (sig !== expectedRpc[i]) throw new Error(`RPC v1 ${label}: rpcSignatures[${i}] disagrees with getRPCSignature`) })
  // signRequest (the pure API's shape) signs a URL holding the request's parameters.
  const rfc3986 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const aliUrl = `https://dyvmsapi.aliyuncs.com/?${Object.entries(params).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&')}`
  const nonce = '3156853299f313e23d1673dc12e1703d'
  const rpc = () => callplane.signRequest({ ...ali, signature: 'rpc_v1' }, { method: 'POST', url: aliUrl }, { nowMs, nonce })
  const rpcSigned = new URL(rpc().url)
  const signedParams = Object.fromEntries([...rpcSigned.searchParams].filter(([k]) => k !== 'Signature'))
  if (rpcSigned.searchParams.get('Signature') !== OpenApiUtil.getRPCSignature(signedParams, 'POST', ali.accessKeySecret)) throw new Error(`RPC v1 ${label}: signRequest disagrees with getRPCSignature`)
  // The floor in Node: HMAC-SHA1 (node:crypto, OpenSSL) of the finished string to sign, which
  // every signature of this request hashes; getRPCSignature's own share of its time.
  const rpcStringToSign = (p) => `POST&%2F&${rfc3986(Object.keys(p).sort().map((k) => `${rfc3986(k)}=${rfc3986(p[k])}`).join('&'))}`
  const rpcSts = rpcSdkParams.map(rpcStringToSign)
  const hmacSha1 = (sts) => crypto.createHmac('sha1', `${ali.accessKeySecret}&`).update(sts).digest('base64')
  if (hmacSha1(rpcSts[0]) !== expectedRpc[0]) throw new Error(`RPC v1 ${label}: the floor's string to sign is not the signed one`)
  report(`RPC v1, ${label}`, [
    [`floor: node:crypto HMAC-SHA1 of the string to sign alone (${fmt(rpcSts[0].length)} B)`, rate(() => rpcSts.map(hmacSha1), N)],
    [`callplane RequestSigner.rpcSignatures (${N} per call, a table of strings)`, rate(oursRpcAll, N)],
    ['callplane signRequest (returns the re-encoded URL)', rate(rpc)],
    ['@alicloud/openapi-util getRPCSignature', rate(sdkRpcAll, N)],
  ])

  // ACS3 (V3): getAuthorization(request, 'ACS3-HMAC-SHA256', hashedPayload, id, secret), the
  // parameters in the query (as openapi-client sends an RPC-style action) and an empty body.
  const emptyHash = crypto.createHash('sha256').update('').digest('hex')
  const sharedHeaders = { host: 'dyvmsapi.aliyuncs.com', 'x-acs-action': 'BatchRobotSmartCall', 'x-acs-version': '2017-05-25', accept: 'application/json', 'x-acs-content-sha256': emptyHash }
  const ownQuery = () => pick(ownNames, true)
  const ownHeaders = (i) => ({ 'x-acs-date': `2026-03-10T08:15:${String(i % 60).padStart(2, '0')}Z`, 'x-acs-signature-nonce': `nonce-${i}` })
  const v3Sdk = Array.from({ length: N }, (_, i) => ({ method: 'POST', pathname: '/', query: { ...shared, ...ownQuery(i) }, headers: { ...sharedHeaders, ...ownHeaders(i) } }))
  const sdkV3All = () => v3Sdk.map((r) => OpenApiUtil.getAuthorization(r, 'ACS3-HMAC-SHA256', emptyHash, ali.accessKeyId, ali.accessKeySecret))
  const sharedQueryFlat = Object.entries(shared).flat()
  const sharedHeadersFlat = Object.entries(sharedHeaders).flat()
  const queryNames = Object.keys(ownQuery(0))
  const headerNames = Object.keys(ownHeaders(0))
  const v3Values = Array.from({ length: N }, (_, i) => [...Object.values(ownQuery(i)), ...Object.values(ownHeaders(i)), emptyHash]).flat()
  const oursV3All = () => batchSigner.acs3Authorizations('POST', '/', sharedQueryFlat, sharedHeadersFlat, queryNames, headerNames, v3Values)
  // Every request has the same (empty) body: its hash given once, rows without it.
  const v3Own = Array.from({ length: N }, (_, i) => [...Object.values(ownQuery(i)), ...Object.values(ownHeaders(i))]).flat()
  const oursV3Hashed = () => batchSigner.acs3Authorizations('POST', '/', sharedQueryFlat, sharedHeadersFlat, queryNames, headerNames, v3Own, emptyHash)
  const expectedV3 = sdkV3All()
  if (new Set(expectedV3).size !== N) throw new Error(`ACS3 ${label}: the requests should differ`)
  oursV3All().forEach((a, i) => { if (a !== expectedV3[i]) throw new Error(`ACS3 ${label}: acs3Authorizations[${i}] disagrees with getAuthorization`) })
  oursV3Hashed().forEach((a, i) => { if (a !== expectedV3[i]) throw new Error(`ACS3 ${label}: acs3Authorizations(…, payloadHash)[${i}] disagrees with getAuthorization`) })
  const v3Request = { method: 'POST', url: aliUrl, headers: [['host', 'dyvmsapi.aliyuncs.com'], ['x-acs-action', 'BatchRobotSmartCall'], ['x-acs-version', '2017-05-25'], ['accept', 'application/json']] }
  const v3 = () => callplane.signRequest({ ...ali, signature: 'v3' }, v3Request, { nowMs, nonce })
  const signed = v3()
  const sdkV3 = () => OpenApiUtil.getAuthorization({
    method: 'POST', pathname: '/', query: params,
    headers: Object.fromEntries(signed.headers.filter(([k]) => k !== 'Authorization')),
  }, 'ACS3-HMAC-SHA256', emptyHash, ali.accessKeyId, ali.accessKeySecret)
  if (headerOf(signed.headers, 'authorization') !== sdkV3()) throw new Error(`ACS3 ${label}: signRequest disagrees with getAuthorization`)
  const v3Signer = new callplane.RequestSigner({ ...ali, signature: 'v3' })
  const v3Flat = v3Request.headers.flat()
  const v3Handle = () => v3Signer.sign('POST', aliUrl, v3Flat, null, nowMs, nonce)
  if (headerOf(pairsOf(v3Handle()), 'authorization') !== sdkV3()) throw new Error(`ACS3 ${label}: RequestSigner disagrees with getAuthorization`)
  // The floor in Node: SHA-256 of the finished canonical request (node:crypto), which every
  // signature of this request hashes; getAuthorization's own share of its time.
  const signedHeaderNames = (h) => Object.keys(h).filter((k) => k === 'host' || k.startsWith('x-acs-')).sort()
  const canonicalOf = (r) => ['POST', '/', Object.keys(r.query).sort().map((k) => `${k}=${rfc3986(r.query[k])}`).join('&'),
    `${signedHeaderNames(r.headers).map((k) => `${k}:${r.headers[k].trim()}`).join('\n')}\n`, signedHeaderNames(r.headers).join(';'), emptyHash].join('\n')
  const canonicals = v3Sdk.map(canonicalOf)
  const sha256Hex = (text) => crypto.createHash('sha256').update(text).digest('hex')
  const check = crypto.createHmac('sha256', ali.accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha256Hex(canonicals[0])}`).digest('hex')
  if (!expectedV3[0].endsWith(`Signature=${check}`)) throw new Error(`ACS3 ${label}: the floor's canonical request is not the signed one`)
  report(`ACS3 (V3), ${label}`, [
    [`floor: node:crypto SHA-256 of the canonical request alone (${fmt(canonicals[0].length)} B)`, rate(() => canonicals.map(sha256Hex), N)],
    [`callplane RequestSigner.acs3Authorizations (${N} per call, a table of strings)`, rate(oursV3All, N)],
    [`callplane RequestSigner.acs3Authorizations (${N} per call, one payloadHash)`, rate(oursV3Hashed, N)],
    ['callplane RequestSigner.sign (URL in, signature headers out)', rate(v3Handle)],
    ['callplane signRequest', rate(v3)],
    ['@alicloud/openapi-util getAuthorization', rate(sdkV3All, N)],
  ])
}

async function preflight() {
  const { preflightPeer } = await import(path.join(root, 'core/benches/js-peer/peer.mjs'))
  const input = batch()
  const wireRows = input.callData.map(({ phoneNumber, ...vars }) => ({ phone_number: phoneNumber, ...vars }))
  const nowMs = 1_763_700_000_000
  const ours = callplane.preflightBlandBatch(input, { nowMs })
  const peer = preflightPeer(input.basePrompt, wireRows)
  if (ours.summary.ready !== peer.ready || ours.summary.duplicates !== peer.dups) {
    throw new Error(`disagreement: callplane ready=${ours.summary.ready} dups=${ours.summary.duplicates}, peer ready=${peer.ready} dups=${peer.dups}`)
  }
  const runs = Number(process.env.RUNS ?? 5)
  const time = (fn) => {
    fn()
    const cpu = []
    const wall = []
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      fn()
      wall.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu.push((c.user + c.system) / 1000)
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    return { cpuMs: median(cpu), wallMs: median(wall) }
  }
  const a = time(() => callplane.preflightBlandBatch(input, { nowMs }))
  const p = time(() => callplane.preflightBlandBatch(input, { nowMs, rows: 'problems' }))
  const b = time(() => preflightPeer(input.basePrompt, wireRows))
  const rows = input.callData.length
  console.log(`\n## Preflight, ${fmt(rows)} Bland rows (both: ready=${peer.ready}, duplicates=${peer.dups}; median of ${runs})`)
  const problemRows = callplane.preflightBlandBatch(input, { nowMs, rows: 'problems' }).rows.length
  for (const [name, t] of [['callplane preflightBlandBatch (JS objects in and out)', a], [`same, rows: 'problems' (${problemRows} rows back)`, p], ['libphonenumber-js + mustache', b]]) {
    console.log(`${name.padEnd(56)} ${t.cpuMs.toFixed(0).padStart(6)} ms CPU ${fmt(rows / (t.cpuMs / 1000)).padStart(10)} rows/CPU-s  ${t.wallMs.toFixed(0).padStart(6)} ms wall`)
  }
  console.log(`ratio (CPU): ${(b.cpuMs / a.cpuMs).toFixed(1)}x, (wall): ${(b.wallMs / a.wallMs).toFixed(1)}x; rows: 'problems': ${(b.cpuMs / p.cpuMs).toFixed(1)}x, ${(b.wallMs / p.wallMs).toFixed(1)}x`)
}

async function simulator() {
  const sim = await callplane.startSimulator({ seed: 7, speed: 0, limits: false })
  const IN_FLIGHT = 256
  const seconds = Number(process.env.SIM_SECONDS ?? 5)
  const tencent = new callplane.Tencent({ ...sim.credentials.tencent, endpoint: sim.url, rateLimit: false, retries: { max: 0 } })
  const bland = new callplane.Bland({ ...sim.credentials.bland, endpoint: sim.url, rateLimit: false, retries: { max: 0 } })
  const sdkAppId = sim.tencentSdkAppId
  let seq = 0
  const cases = [
    ['Tencent createAICall', () => tencent.createAICall({ sdkAppId, callee: `+86139${10000000 + (seq++ % 80000000)}`,
      systemPrompt: 'Confirm the appointment.', llmType: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-llm', apiUrl: 'https://api.openai.com/v1' })],
    ['Bland sendCall', () => bland.sendCall({ phoneNumber: `+1415${2000000 + (seq++ % 7000000)}`, task: 'Confirm the appointment.' })],
  ]
  console.log(`\n## Requests against the in-process simulator (limits off), ${IN_FLIGHT} in flight, ${seconds} s each`)
  for (const [name, send] of cases) {
    await Promise.all(Array.from({ length: IN_FLIGHT }, () => send())) // warm up connections
    sim.reset()
    const latencies = []
    let failures = 0
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const end = t0 + seconds * 1000
    const worker = async () => {
      while (performance.now() < end) {
        const s = performance.now()
        try {
          await send()
          latencies.push(performance.now() - s)
        } catch {
          failures++
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    const wall = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    latencies.sort((a, b) => a - b)
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]
    console.log(`${name.padEnd(24)} ${fmt(latencies.length / wall).padStart(7)} requests/s  p50 ${pct(0.5).toFixed(1)} ms  p99 ${pct(0.99).toFixed(1)} ms  `
      + `(${latencies.length} ok, ${failures} failed, process CPU ${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)} cores)`)
    sim.reset()
  }
  await sim.stop()
}

console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`)
if (want('signing')) signing()
if (want('preflight')) await preflight()
if (want('simulator')) await simulator()
