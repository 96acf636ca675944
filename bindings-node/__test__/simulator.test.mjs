// startSimulator: callplane-sim in this process. What works without the vendor endpoints: the
// handle (url, credentials, calls, advanceClock, reset, setFaults, stop) and the admin API.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startSimulator, Bland, CallplaneError } from '../callplane.js'

async function get(url) {
  const r = await fetch(url)
  return { status: r.status, body: await r.json() }
}

test('starts on a free loopback port, with the admin API answering', async (t) => {
  const sim = await startSimulator({ seed: 7, speed: 0 })
  t.after(() => sim.stop())
  assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const health = await get(`${sim.url}/_sim/health`)
  assert.equal(health.status, 200)
  assert.equal(health.body.status, 'ok')
  assert.equal(health.body.seed, 7)
  assert.equal(health.body.speed, 0)
  assert.deepEqual(sim.calls(), [])
})

test('two simulators are isolated (different ports, separate state)', async (t) => {
  const [a, b] = await Promise.all([startSimulator({ speed: 0 }), startSimulator({ speed: 0 })])
  t.after(() => Promise.all([a.stop(), b.stop()]))
  assert.notEqual(a.url, b.url)
  a.advanceClock(3600)
  assert.ok(a.nowMs() - b.nowMs() >= 3_600_000 - 1_000)
})

test('credentials plug straight into the clients', async (t) => {
  const sim = await startSimulator()
  t.after(() => sim.stop())
  const c = sim.credentials
  assert.deepEqual(Object.keys(c).sort(), ['aliyun', 'bland', 'tencent'])
  assert.equal(typeof sim.tencentSdkAppId, 'number')
  assert.equal(typeof sim.blandWebhookSecret, 'string')
  // Spreading them into the options is accepted as is (no unknown keys).
  assert.ok(new Bland({ ...c.bland, endpoint: sim.url }))
})

test('advanceClock moves the simulated clock by exactly that much when it is frozen', async (t) => {
  const sim = await startSimulator({ speed: 0 })
  t.after(() => sim.stop())
  const before = sim.nowMs()
  const after = sim.advanceClock(90)
  assert.equal(after - before, 90_000)
  assert.equal(sim.nowMs(), after)
  const viaAdmin = await get(`${sim.url}/_sim/clock`)
  assert.equal(viaAdmin.body.now_ms, after)
  assert.throws(() => sim.advanceClock(-1), (e) => e instanceof CallplaneError && e.issues[0].path === 'seconds')
  assert.throws(() => sim.advanceClock(NaN), (e) => e.code === 'validation_failed')
  assert.throws(() => sim.advanceClock('10'), (e) => e instanceof CallplaneError && e.code === 'invalid_argument')
})

test('setFaults and reset: rules appear in the admin API, reset clears them', async (t) => {
  const sim = await startSimulator({ speed: 0 })
  t.after(() => sim.stop())
  sim.setFaults({ rules: [{ vendor: 'tencent', operation: 'CreateAICall', error_rate: 1, error: 'InternalError' }] })
  let faults = await get(`${sim.url}/_sim/faults`)
  assert.equal(faults.body.rules.length, 1)
  assert.equal(faults.body.rules[0].vendor, 'tencent')
  sim.reset()
  faults = await get(`${sim.url}/_sim/faults`)
  assert.deepEqual(faults.body.rules, [])
  assert.deepEqual(sim.calls(), [])
  assert.throws(() => sim.setFaults({ rules: [{ error_rate: 2 }] }), (e) => e instanceof CallplaneError)
  assert.throws(() => sim.setFaults({ rulez: [] }), (e) => e.issues.some((i) => i.code === 'unknown_field'))
})

test('calls() filters are checked and name the bad one', async (t) => {
  const sim = await startSimulator({ speed: 0 })
  t.after(() => sim.stop())
  assert.deepEqual(sim.calls({ vendor: 'tencent', terminal: false }), [])
  for (const [filter, path] of [
    [{ vendor: 'twilio' }, 'filter.vendor'],
    [{ status: 'sleeping' }, 'filter.status'],
    [{ terminal: 'yes' }, 'filter.terminal'],
    [{ limit: 3 }, 'filter.limit'],
  ]) {
    assert.throws(() => sim.calls(filter), (e) => e instanceof CallplaneError && e.issues[0].path === path, JSON.stringify(filter))
  }
})

test('stop: the port closes and the handle refuses further use', async () => {
  const sim = await startSimulator()
  const url = sim.url
  await sim.stop()
  await assert.rejects(fetch(`${url}/_sim/health`))
  assert.throws(() => sim.calls(), (e) => e instanceof CallplaneError && e.code === 'simulator_stopped')
  assert.throws(() => sim.credentials, (e) => e.code === 'simulator_stopped')
  await sim.stop() // twice is harmless
})

test('bad simulator options are typed errors', async () => {
  await assert.rejects(startSimulator({ speed: -1 }), (e) => e instanceof CallplaneError && e.issues[0].path === 'speed')
  await assert.rejects(startSimulator({ seeed: 1 }), (e) => e.issues[0].code === 'unknown_field')
  await assert.rejects(startSimulator(null), (e) => e.code === 'validation_failed')
})
