// Pacing and concurrency against local servers: a burst is spread under the rate limit (per
// Tencent SdkAppId) instead of being sent at once, and hundreds of requests can be in flight.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Bland, Tencent } from '../callplane.js'
import { startServer, json, busiestWindow, inputs, ok, SDK_APP_ID } from './helpers.mjs'

// Arrivals are measured at the server, after loopback and scheduling delays the pacer cannot
// control: allow this much skew between two requests' delays (a pacing bug is off by a whole
// window, not by a few ms).
const SKEW_MS = 100

test('a burst to Tencent is paced: never more than the limit in any window, per SdkAppId', async (t) => {
  const server = await startServer((req, res, rec) => {
    const body = JSON.parse(rec.body)
    json(res, 200, ok.tencent({ Session: { SessionId: body.SessionId } }))
  })
  t.after(() => server.close())
  const limit = { requests: 5, perMs: 400 }
  const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint: server.url, rateLimit: limit })
  const apps = [SDK_APP_ID, SDK_APP_ID + 1]
  const burst = []
  for (let i = 0; i < 20; i++) {
    for (const app of apps) burst.push(tencent.describeTelSession({ sdkAppId: app, sessionId: `s-${app}-${i}` }))
  }
  const results = await Promise.all(burst)
  assert.equal(results.length, 40)
  assert.ok(results.every((r) => r.attempts === 1))
  for (const app of apps) {
    const times = server.requests.filter((r) => JSON.parse(r.body).SdkAppId === app).map((r) => r.at)
    assert.equal(times.length, 20)
    assert.ok(
      busiestWindow(times, limit.perMs - SKEW_MS) <= limit.requests,
      `SdkAppId ${app}: ${busiestWindow(times, limit.perMs - SKEW_MS)} requests inside ${limit.perMs - SKEW_MS} ms`,
    )
    // 20 requests at 5 per 400 ms: the last goes at least 3 windows after the first.
    const span = Math.max(...times) - Math.min(...times)
    assert.ok(span >= 3 * limit.perMs - SKEW_MS, `SdkAppId ${app}: the burst took only ${span} ms`)
  }
  // Two applications are paced independently: their requests interleave, rather than one
  // application's burst waiting behind the other's.
  const firstOfSecond = server.requests.findIndex((r) => JSON.parse(r.body).SdkAppId === apps[1])
  assert.ok(firstOfSecond < 10, `the second SdkAppId started only at request ${firstOfSecond}`)
})

test('without pacing (rateLimit: false) the same burst is sent at once', async (t) => {
  const server = await startServer((req, res) => json(res, 200, ok.tencent({ Session: {} })))
  t.after(() => server.close())
  const tencent = new Tencent({ secretId: 'AKIDtest', secretKey: 'secret', endpoint: server.url, rateLimit: false })
  await Promise.all(Array.from({ length: 20 }, (_, i) => tencent.describeTelSession({ sdkAppId: SDK_APP_ID, sessionId: `s-${i}` })))
  // The control for the test above: with no pacer, far more than 5 land inside 300 ms.
  assert.ok(busiestWindow(server.requests.map((r) => r.at), 300) > 5)
})

test('256 requests are in flight at once', async (t) => {
  const N = 256
  const waiting = []
  // The server answers nobody until all N requests are open at the same time: a client that
  // serialised or capped its concurrency would never get an answer (and the test would time out).
  const server = await startServer((req, res) => {
    waiting.push(res)
    if (waiting.length === N) for (const r of waiting) json(r, 200, ok.bland)
  })
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'sk-test', endpoint: server.url, timeoutMs: 60000 })
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) => bland.getCall({ callId: `c-${i}` })),
  )
  assert.equal(results.length, N)
  assert.ok(results.every((r) => r.httpStatus === 200 && r.attempts === 1))
  const ids = new Set(server.requests.map((r) => r.url))
  assert.equal(ids.size, N, 'every request reached the server once')
})
