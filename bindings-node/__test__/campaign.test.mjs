// Campaign dispatch against the in-process simulator: every vendor's sample campaign dispatched
// once and tracked to final statuses; a resumed journal sends nothing again; lost answers
// ("commit then time out" on every request) are resolved by asking the vendor, never re-sent;
// Bland webhooks verified and recorded; the CLI's CSV reader.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:http'
import {
  startSimulator,
  runCampaign,
  campaignStatus,
  campaignRecords,
  trackCampaign,
  recordBlandWebhook,
  checkCampaign,
  planCampaign,
  CallplaneError,
} from '../callplane.mjs'
import { parseCsv } from '../cli/csv.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'callplane-campaign-test-'))
let n = 0
const journal = () => join(dir, `j${n++}.db`)

/** A sample campaign with its CSV read (as the CLI does). */
function sample(vendor) {
  const base = join(here, '..', 'examples', 'campaigns', vendor)
  const c = JSON.parse(readFileSync(join(base, 'campaign.json'), 'utf8'))
  const { rows, problems } = parseCsv(readFileSync(join(base, c.contacts), 'utf8'))
  assert.deepEqual(problems, [])
  c.contacts = rows
  return c
}

function client(sim, vendor) {
  return { credentials: sim.credentials[vendor], endpoint: sim.url, simulator: sim.url }
}

const FINAL = ['completed', 'no_answer', 'busy', 'failed', 'voicemail', 'canceled', 'excluded']

for (const vendor of ['bland', 'aliyun', 'tencent']) {
  test(`${vendor}: the sample campaign is dispatched once, tracked to final statuses, and a resume sends nothing`, async () => {
    const sim = await startSimulator({ seed: 7, speed: 600 })
    try {
      const c = sample(vendor)
      const j = journal()
      const first = await runCampaign(c, { vendor, journal: j, ...client(sim, vendor) })
      assert.equal(first.resumed, false)
      assert.equal(first.dispatched, true)
      assert.equal(first.contacts, c.contacts.length)
      assert.equal(first.byStatus.pending, 0)
      const plan = planCampaign(c, vendor)
      const excluded = plan.excluded.length
      assert.equal(first.byStatus.excluded, excluded)
      const calls = sim.calls({ vendor })
      // One call per dialled contact: the plan's callees, each once.
      const callees = plan.requests.flatMap((r) => r.callees).sort()
      assert.deepEqual(calls.map((x) => x.to).sort(), callees.filter((p) => calls.some((x) => x.to === p)).sort())
      assert.equal(new Set(calls.map((x) => x.to)).size, calls.length)
      const tracked = await trackCampaign(j, { vendor, ...client(sim, vendor), intervalMs: 200, timeoutMs: 30_000 })
      assert.equal(tracked.final, true, JSON.stringify(tracked.byStatus))
      for (const r of await campaignRecords(j)) {
        assert.ok(FINAL.includes(r.status), `${r.key}: ${r.status}`)
        if (r.status === 'excluded') assert.ok(r.error, 'an excluded contact says why')
        // Every answered call's record carries what was said (Tencent: from its conversation
        // record; Alibaba: DialogDetail; Bland: the call's transcript).
        if (r.status === 'completed') assert.match(r.transcript ?? '', /\S/, `${r.key}: completed without a transcript`)
      }
      // The simulator's magic numbers give varied outcomes; the journal agrees with its calls.
      const sims = new Map(sim.calls({ vendor }).map((x) => [x.to, x.status]))
      const records = await campaignRecords(j)
      const reached = records.filter((r) => r.callId || r.groupId)
      assert.ok(new Set(reached.map((r) => r.status)).size >= 3, 'outcomes vary')
      // dyvms has no voicemail code: a mailbox answers like a person (simulator README).
      const seenAs = vendor === 'aliyun' ? { voicemail: 'completed' } : {}
      for (const r of reached) {
        const s = sims.get(r.phone)
        if (s === undefined) continue // refused at creation (magic 07): no call exists
        assert.equal(r.status, seenAs[s] ?? s, `${r.phone}: journal ${r.status}, simulator ${s}`)
      }
      // Resume with the same journal: nothing is sent again.
      const again = await runCampaign(c, { vendor, journal: j, ...client(sim, vendor) })
      assert.equal(again.resumed, true)
      assert.equal(sim.calls({ vendor }).length, calls.length)
      assert.deepEqual((await campaignStatus(j)).byStatus, tracked.byStatus)
    } finally {
      await sim.stop()
    }
  })
}

test('a journal refuses another campaign, naming it', async () => {
  const sim = await startSimulator({ seed: 1, speed: 0 })
  try {
    const c = sample('tencent')
    c.contacts = c.contacts.slice(0, 2)
    const j = journal()
    await runCampaign(c, { vendor: 'tencent', journal: j, ...client(sim, 'tencent') })
    const other = { ...c, contacts: c.contacts.slice(0, 1) }
    await assert.rejects(runCampaign(other, { vendor: 'tencent', journal: j, ...client(sim, 'tencent') }), (e) => {
      assert.ok(e instanceof CallplaneError)
      assert.equal(e.code, 'campaign_error')
      assert.match(e.message, /campaign changed since it was planned/)
      return true
    })
  } finally {
    await sim.stop()
  }
})

for (const vendor of ['tencent', 'aliyun', 'bland']) {
  test(`${vendor}: every answer lost after the vendor committed: each request is found by a lookup, none re-sent`, async () => {
    const sim = await startSimulator({ seed: 3, speed: 1000 })
    try {
      const operation = { tencent: 'CreateAICall', aliyun: 'BatchRobotSmartCall', bland: 'POST /v1/batches' }[vendor]
      sim.setFaults({ rules: [{ vendor, operation, commit_then_timeout_rate: 1, hang_ms: 50 }] })
      const c = sample(vendor)
      // A Tencent call the vendor refuses (magic …07) leaves no trace: with every answer lost it
      // is sent again until the send limit, as it should be (nothing was placed). Leave it out.
      if (vendor === 'tencent') c.contacts = c.contacts.filter((x) => !x.phone.endsWith('07'))
      const j = journal()
      const r = await runCampaign(c, {
        vendor,
        journal: j,
        ...client(sim, vendor),
        settleMs: 200,
        timeoutMs: 2000,
        // Simulated ms: the longest simulated call (5 min) plus ringing.
        recordHorizonMs: 10 * 60_000,
        recheckMs: 100,
      })
      const plan = planCampaign(c, vendor)
      assert.equal(r.requests.sent, plan.requests.length, JSON.stringify(r.requests))
      assert.equal(r.resolvedBy.lookup, plan.requests.length, JSON.stringify(r.resolvedBy))
      assert.equal(r.extraSends, 0)
      assert.ok(r.progress.ambiguous >= plan.requests.length)
      const calls = sim.calls({ vendor })
      assert.equal(new Set(calls.map((x) => x.to)).size, calls.length, 'no number dialled twice')
      assert.equal(r.byStatus.pending, 0)
    } finally {
      await sim.stop()
    }
  })
}

test('a Bland webhook is verified with the core verifier and fills the record; a forged one is refused', async () => {
  const received = []
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (d) => chunks.push(d))
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), signature: req.headers['x-webhook-signature'] })
      res.end('ok')
    })
  })
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
  const sim = await startSimulator({ seed: 5, speed: 0 })
  try {
    const c = sample('bland')
    c.vendors.bland.webhook = `https://127.0.0.1:${server.address().port}/hook`
    const j = journal()
    await runCampaign(c, { vendor: 'bland', journal: j, ...client(sim, 'bland') })
    sim.advanceClock(3600)
    for (let i = 0; i < 100 && received.length < 5; i++) await new Promise((ok) => setTimeout(ok, 50))
    assert.ok(received.length >= 5, `webhooks received: ${received.length}`)
    const secret = sim.blandWebhookSecret
    const updated = []
    for (const w of received) updated.push(await recordBlandWebhook(j, w.body, w.signature, secret))
    assert.ok(updated.every((i) => Number.isInteger(i)), JSON.stringify(updated))
    const records = await campaignRecords(j)
    for (const i of updated) assert.ok(FINAL.includes(records[i].status), records[i].status)
    assert.ok(updated.some((i) => records[i].transcript), 'a transcript arrived with the webhook')
    const w = received[0]
    await assert.rejects(recordBlandWebhook(j, Buffer.concat([w.body, Buffer.from(' ')]), w.signature, secret), (e) => e.code === 'webhook_signature_invalid')
  } finally {
    await sim.stop()
    server.close()
  }
})

test('the CSV reader handles quotes, CRLF and a BOM, and names every bad line', () => {
  const ok = parseCsv('\ufeffphone,id,name\r\n"+1 201 555 0100",a,"Smith, ""Jo"""\r\n+12015550101,,Ann\n')
  assert.deepEqual(ok.problems, [])
  assert.deepEqual(ok.rows, [
    { phone: '+1 201 555 0100', id: 'a', variables: { name: 'Smith, "Jo"' } },
    { phone: '+12015550101', variables: { name: 'Ann' } },
  ])
  const bad = parseCsv('name,name\nx\n"open')
  assert.deepEqual(bad.problems, [
    'line 3: unterminated quoted field',
    'line 1: no `phone` column (columns: name, name)',
    'line 1: column `name` appears twice',
    'line 2: 1 field(s), the header has 2',
    'line 3: 1 field(s), the header has 2',
  ])
})

test('onProgress reports the run, ending with every planned contact accounted for', async () => {
  const sim = await startSimulator({ seed: 3, speed: 600 })
  try {
    const c = sample('aliyun')
    const seen = []
    const r = await runCampaign(c, { vendor: 'aliyun', journal: journal(), ...client(sim, 'aliyun'), onProgress: (p) => seen.push(p), progressIntervalMs: 5 })
    assert.ok(seen.length >= 1, 'at least the final report')
    const last = seen[seen.length - 1]
    const planned = planCampaign(c, 'aliyun')
    assert.equal(last.requests, planned.requests.length)
    assert.equal(last.accepted + last.failed, last.contacts)
    assert.equal(last.contacts, planned.requests.reduce((n, q) => n + q.callees.length, 0))
    // Counts only grow.
    for (let k = 1; k < seen.length; k++) assert.ok(seen[k].accepted >= seen[k - 1].accepted)
    assert.equal(r.contacts, c.contacts.length)
    await assert.rejects(
      runCampaign(c, { vendor: 'aliyun', journal: journal(), ...client(sim, 'aliyun'), onProgress: 3 }),
      /onProgress must be a function/,
    )
  } finally {
    await sim.stop()
  }
})

test('the CLI checks and plans with checkCampaign / planCampaign: unreadable campaigns exit 1, excluded contacts do not', () => {
  const cli = join(here, '..', 'cli', 'callplane.mjs')
  const run = (file, ...args) => spawnSync(process.execPath, [cli, 'campaign', ...args.slice(0, 1), file, '--vendor', 'bland', ...args.slice(1)], { encoding: 'utf8' })
  const c = sample('bland')
  c.contacts.push({ phone: '12', variables: { name: 'Bad', appointment: 'Monday' } })
  const file = join(dir, 'cli-campaign.json')
  writeFileSync(file, JSON.stringify(c))

  const check = run(file, 'check')
  assert.equal(check.status, 0, check.stderr)
  const bad = c.contacts.length - 1
  assert.match(check.stdout, new RegExp(`${bad} +#${bad} +excluded +phone_too_short at contacts\\[${bad}\\]\\.phone`))
  const json = JSON.parse(run(file, 'check', '--json').stdout)
  assert.deepEqual(json, checkCampaign(c, 'bland', { nowMs: Date.now() }))

  const planned = JSON.parse(run(file, 'plan', '--json').stdout)
  assert.deepEqual(planned, planCampaign(c, 'bland'))
  assert.ok(planned.excluded.includes(bad))
  assert.match(run(file, 'plan').stdout, /contact\(s\) excluded: run `callplane campaign check` for why/)

  // A campaign it cannot read: the problem is printed by `check` (exit 1) and refused by `plan`.
  writeFileSync(file, JSON.stringify({ ...c, colour: 'red' }))
  const unreadable = run(file, 'check')
  assert.equal(unreadable.status, 1)
  assert.match(unreadable.stdout, /campaign {2}error {2}colour: /)
  const refused = run(file, 'plan')
  assert.equal(refused.status, 1)
  assert.match(refused.stderr, /validation_failed: .*\n {2}colour: /)
})
