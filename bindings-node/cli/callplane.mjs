#!/usr/bin/env node
// callplane CLI: `callplane campaign check | plan | run | status <contacts.csv|campaign.json>
// --vendor bland|aliyun|tencent [--journal f.db] [--sim | --sim-url URL]`.
//
// A campaign file is the campaign JSON; its `contacts` may be a CSV path (relative to the JSON).
// A CSV given directly takes the rest of the campaign from `campaign.json` beside it. CSV columns:
// `phone`, optional `id`, and one column per template variable.

import { readFileSync, existsSync } from 'node:fs'
import { dirname, resolve, basename } from 'node:path'
import { parseArgs } from 'node:util'
import {
  startSimulator,
  runCampaign,
  campaignStatus,
  campaignRecords,
  trackCampaign,
  checkCampaign,
  planCampaign,
  CallplaneError,
} from '../callplane.mjs'
import { parseCsv } from './csv.mjs'
import { progressReporter, table } from './output.mjs'

const USAGE = `usage: callplane campaign <check|plan|run|status> <contacts.csv|campaign.json> --vendor bland|aliyun|tencent
  [--journal FILE.db]   the dispatch journal (default: <campaign id>.<vendor>.db in the current directory)
  [--sim]               run against an embedded simulator with its test credentials (no real calls)
  [--sim-url URL]       run against a running callplane-sim (its built-in test credentials)
  [--speed N]           simulated seconds per real second for --sim (default 600)
  [--concurrency N]     requests in flight (default 64)
  [--settle-ms N]       wait this long after a lost answer before trusting "no trace" (default 60000)
  [--record-horizon-ms N]  Tencent: vendor ms until a call has ended and has its record (default 1800000)
  [--timeout-ms N]      per-attempt HTTP timeout (default 30000)
  [--no-track]          run: do not wait for the calls' final statuses
  [--json]              print JSON instead of tables
Credentials without --sim: BLAND_API_KEY; ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET;
TENCENTCLOUD_SECRET_ID + TENCENTCLOUD_SECRET_KEY (and --endpoint URL to override the vendor's).`

// callplane-sim's built-in test credentials (simulator/README.md): they open only a simulator.
const SIM_CREDENTIALS = {
  bland: { apiKey: 'sk-sim-bland-0001' },
  aliyun: { accessKeyId: 'LTAI5tSimAccessKey0001', accessKeySecret: 'sim-aliyun-secret-0001' },
  tencent: { secretId: 'AKIDSimSecretId0001', secretKey: 'sim-tencent-secret-0001' },
}

function fail(message, code = 2) {
  process.stderr.write(`callplane: ${message}\n`)
  process.exit(code)
}

function loadCampaign(file) {
  const path = resolve(file)
  if (!existsSync(path)) fail(`no such file: ${file}`)
  let campaign
  let base = dirname(path)
  if (path.endsWith('.csv')) {
    const beside = resolve(base, 'campaign.json')
    if (!existsSync(beside)) fail(`${file}: a CSV needs campaign.json beside it (script, caller ids, options)`)
    campaign = JSON.parse(readFileSync(beside, 'utf8'))
    campaign.contacts = path
  } else {
    try {
      campaign = JSON.parse(readFileSync(path, 'utf8'))
    } catch (e) {
      fail(`${file}: not JSON: ${e.message}`)
    }
  }
  if (typeof campaign.contacts === 'string') {
    const csvPath = resolve(base, campaign.contacts)
    if (!existsSync(csvPath)) fail(`contacts file not found: ${campaign.contacts}`)
    const { rows, problems } = parseCsv(readFileSync(csvPath, 'utf8'))
    if (problems.length) fail(`${basename(csvPath)}:\n  ${problems.join('\n  ')}`)
    campaign.contacts = rows
  }
  return campaign
}

function credentialsFromEnv(vendor) {
  const env = process.env
  const need = (names) => {
    const missing = names.filter((n) => !env[n])
    if (missing.length) fail(`set ${missing.join(' and ')} (or use --sim for the simulator)`)
  }
  if (vendor === 'bland') {
    need(['BLAND_API_KEY'])
    return { apiKey: env.BLAND_API_KEY }
  }
  if (vendor === 'aliyun') {
    need(['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'])
    return { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET }
  }
  need(['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'])
  return { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY }
}

// Exit status 1 when the campaign itself has an error (reading problems included: `ok` is false);
// contacts with errors are only excluded, as `plan` and `run` exclude them.
function check(campaign, vendor, json) {
  const p = checkCampaign(campaign, vendor)
  process.exitCode = p.ok ? 0 : 1
  if (json) return console.log(JSON.stringify(p, null, 2))
  for (const i of p.issues) console.log(`campaign  ${i.severity}  ${i.path}: ${i.message}`)
  const rows = p.contacts
    .filter((c) => c.issues.length)
    .map((c) => [String(c.index), c.key, c.status, c.issues.map((i) => `${i.code} at ${i.path}: ${i.message}`).join('; ')])
  if (rows.length) console.log(table(['#', 'contact', 'status', 'issues'], rows))
  const s = p.summary
  console.log(`${s.contacts} contacts: ${s.ready} ready, ${s.warning} with warnings, ${s.excluded} excluded`)
}

function plan(campaign, vendor, json) {
  const p = planCampaign(campaign, vendor)
  if (json) return console.log(JSON.stringify(p, null, 2))
  for (const line of p.explanation) console.log(line)
  const rows = p.requests.slice(0, 20).map((r) => [
    r.key,
    r.operation,
    String(r.contacts.length),
    r.notBeforeMs ? new Date(r.notBeforeMs).toISOString() : 'now',
  ])
  console.log(table(['request', 'operation', 'contacts', 'not before'], rows))
  if (p.requests.length > 20) console.log(`… and ${p.requests.length - 20} more request(s)`)
  if (p.excluded.length) console.log(`${p.excluded.length} contact(s) excluded: run \`callplane campaign check\` for why`)
}

function summary(status) {
  const rows = Object.entries(status.byStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => [s, String(n), `${((100 * n) / Math.max(status.contacts, 1)).toFixed(1)}%`])
  rows.push(['total', String(status.contacts), '100%'])
  return table(['status', 'contacts', 'share'], rows)
}

async function run(campaign, vendor, args) {
  const journal = args.journal ?? `${campaign.id ?? 'campaign'}.${vendor}.db`
  let sim = null
  let client
  let simulatorUrl = args['sim-url']
  if (args.sim) {
    sim = await startSimulator({ seed: 7, speed: Number(args.speed ?? 600) })
    simulatorUrl = sim.url
  }
  if (simulatorUrl) {
    client = { credentials: SIM_CREDENTIALS[vendor], endpoint: simulatorUrl }
  } else {
    client = { credentials: credentialsFromEnv(vendor), ...(args.endpoint ? { endpoint: args.endpoint } : {}) }
  }
  const progress = progressReporter(process.stderr)
  try {
    const result = await runCampaign(campaign, {
      vendor,
      journal,
      ...client,
      ...(simulatorUrl ? { simulator: simulatorUrl, rateLimit: args['limits-off'] ? false : undefined } : {}),
      concurrency: args.concurrency ? Number(args.concurrency) : undefined,
      settleMs: args['settle-ms'] ? Number(args['settle-ms']) : undefined,
      timeoutMs: args['timeout-ms'] ? Number(args['timeout-ms']) : undefined,
      recordHorizonMs: args['record-horizon-ms'] ? Number(args['record-horizon-ms']) : undefined,
      onProgress: progress.update,
    })
    progress.done()
    let status = result
    if (!args['no-track']) {
      process.stderr.write('waiting for the calls to end…\n')
      status = await trackCampaign(journal, {
        vendor,
        ...client,
        ...(simulatorUrl ? { simulator: simulatorUrl } : {}),
        intervalMs: simulatorUrl ? 250 : 5000,
        timeoutMs: simulatorUrl ? 60_000 : 3_600_000,
      })
    }
    if (args.json) {
      console.log(JSON.stringify(status, null, 2))
    } else {
      console.log(`campaign ${status.campaignId} on ${vendor}${result.resumed ? ' (resumed)' : ''} — journal ${journal}`)
      console.log(summary(status))
    }
  } finally {
    progress.done()
    if (sim) await sim.stop()
  }
}

async function status(journal, json) {
  const s = await campaignStatus(journal)
  if (json) return console.log(JSON.stringify(s, null, 2))
  console.log(`campaign ${s.campaignId} on ${s.vendor}: ${s.final ? 'final' : s.dispatched ? 'dispatched, calls in progress' : 'not fully dispatched'}`)
  console.log(summary(s))
  const failed = await campaignRecords(journal, { status: 'failed', limit: 10 })
  if (failed.length) {
    console.log(table(['#', 'contact', 'why'], failed.map((r) => [String(r.index), r.key, r.error?.message ?? r.raw?.error_message ?? 'the vendor reported the call as failed'])))
  }
}

async function main() {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        vendor: { type: 'string' },
        journal: { type: 'string' },
        sim: { type: 'boolean' },
        'sim-url': { type: 'string' },
        speed: { type: 'string' },
        concurrency: { type: 'string' },
        endpoint: { type: 'string' },
        'limits-off': { type: 'boolean' },
        'settle-ms': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'record-horizon-ms': { type: 'string' },
        'no-track': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (e) {
    fail(`${e.message}\n${USAGE}`)
  }
  const { values: args, positionals } = parsed
  if (args.help) return console.log(USAGE)
  const [group, command, file] = positionals
  if (group !== 'campaign' || !['check', 'plan', 'run', 'status'].includes(command) || !file) fail(USAGE)
  if (command === 'status' && file.endsWith('.db')) return status(file, args.json)
  const vendor = args.vendor
  if (!['bland', 'aliyun', 'tencent'].includes(vendor ?? '')) fail(`--vendor must be bland, aliyun or tencent\n${USAGE}`)
  const campaign = loadCampaign(file)
  if (command === 'check') return check(campaign, vendor, args.json)
  if (command === 'plan') return plan(campaign, vendor, args.json)
  if (command === 'status') return status(args.journal ?? `${campaign.id ?? 'campaign'}.${vendor}.db`, args.json)
  return run(campaign, vendor, args)
}

main().catch((e) => {
  if (e instanceof CallplaneError) {
    const issues = e.issues.map((i) => `\n  ${i.path}: ${i.message}`).join('')
    fail(`${e.code}: ${e.message}${issues}`, 1)
  }
  fail(e?.stack ?? String(e), 1)
})
