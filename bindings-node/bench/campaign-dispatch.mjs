// Campaign dispatch benchmarks (BENCHMARKS.md "Campaigns"), against a callplane-sim process:
//
// 1. Limits off: calls created per second by `runCampaign` (plan + journal + send + journal),
//    per vendor — Tencent one CreateAICall per call, Alibaba 100 callees per task, Bland batches
//    of 1,000. Target ≥ 5,000 calls created per second.
// 2. Tencent's 20 requests/s on (the simulator enforces it per SdkAppId and action, the client
//    paces at its default 20/s): the observed creation rate from the simulator's own call times,
//    and the number of refused requests — with `retries: {max: 0}` any RequestLimitExceeded would
//    show as an extra send in the journal, so "extra sends = 0" means none happened.
//
//   cargo build -p callplane-sim --release && (cd bindings-node && npm run build)
//   node bench/campaign-dispatch.mjs [--contacts N] [--paced N] [--concurrency N]

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runCampaign } from '../callplane.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const { values: args } = parseArgs({
  options: { contacts: { type: 'string' }, paced: { type: 'string' }, concurrency: { type: 'string' } },
})
const N = Number(args.contacts ?? 20000)
const PACED = Number(args.paced ?? 400)
const CONCURRENCY = Number(args.concurrency ?? 256)

function startSim(extra) {
  const bin = [process.env.CALLPLANE_SIM, join(root, 'target/release/callplane-sim')].find((p) => p && existsSync(p))
  if (!bin) throw new Error('build the simulator first: cargo build -p callplane-sim --release')
  const child = spawn(bin, ['--addr', '127.0.0.1:0', '--seed', '1', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((ok, fail) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/listening on (http:\/\/\S+)/)
      if (m) ok({ url: m[1], child })
    })
    child.on('exit', (c) => fail(new Error(`callplane-sim exited ${c}`)))
  })
}

const CREDS = {
  bland: { apiKey: 'sk-sim-bland-0001' },
  aliyun: { accessKeyId: 'LTAI5tSimAccessKey0001', accessKeySecret: 'sim-aliyun-secret-0001' },
  tencent: { secretId: 'AKIDSimSecretId0001', secretKey: 'sim-tencent-secret-0001' },
}

function campaign(vendor, n, tag) {
  const contacts = []
  for (let i = 0; i < n; i++) {
    const phone = vendor === 'bland' ? `+1212${String(2000000 + i).padStart(7, '0')}` : `+86139${String(10000000 + i).padStart(8, '0')}`
    contacts.push({ phone, variables: { name: `n${i}` } })
  }
  const base = { id: `bench-${vendor}-${tag}`, contacts }
  if (vendor === 'tencent') {
    return {
      ...base,
      script: { prompt: { template: 'Hello {{name}}.' } },
      callerIds: ['008602150000001'],
      vendors: { tencent: { sdkAppId: 1400000001, llmType: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-x', apiUrl: 'https://api.openai.com/v1/' } },
    }
  }
  if (vendor === 'aliyun') {
    return { ...base, script: { aliyunDialog: { dialogId: '100002970' } }, callerIds: ['057188773344'], vendors: { aliyun: { corpName: 'Acme' } } }
  }
  return { ...base, script: { prompt: { template: 'Hello {{name}}.' } }, vendors: { bland: { batchSize: 1000 } } }
}

async function simCalls(url, vendor) {
  const r = await fetch(`${url}/_sim/calls?vendor=${vendor}`)
  return (await r.json()).calls
}

const dir = mkdtempSync(join(tmpdir(), 'callplane-bench-'))
const results = []
{
  const { url, child } = await startSim(['--speed', '1', '--limits-off'])
  try {
    for (const vendor of ['tencent', 'aliyun', 'bland']) {
      const c = campaign(vendor, N, 'free')
      const t0 = performance.now()
      const r = await runCampaign(c, {
        vendor,
        journal: join(dir, `${vendor}-free.db`),
        credentials: CREDS[vendor],
        endpoint: url,
        rateLimit: false,
        // Limits off on both sides: the plan's Tencent pacing (its send times) is not waited for.
        notBefore: 'ignore',
        concurrency: CONCURRENCY,
        simulator: url,
      })
      const secs = (performance.now() - t0) / 1000
      const created = (await simCalls(url, vendor)).length
      const accepted = r.contacts - (r.byStatus.failed ?? 0)
      const line = `limits off  ${vendor.padEnd(7)} ${created} calls created (${accepted} accepted in the journal) in ${secs.toFixed(2)} s = ${Math.round(created / secs)} calls/s (${r.progress.requests} requests, concurrency ${CONCURRENCY})`
      console.log(line)
      results.push(line)
    }
  } finally {
    child.kill('SIGTERM')
  }
}
// Limits on: Tencent 20/s per SdkAppId and action in any sliding real second (the simulator's
// default); no retries, so any refusal shows as an extra send. Two client pacings: the default
// (20 per 1,000 ms: bursts of 20) and 2 per 101 ms (19.8/s, evenly spread, 10 ms of margin).
for (const [label, rateLimit] of [['default pacing 20/1000ms', undefined], ['pacing 2/101ms', { requests: 2, perMs: 101 }], ['pacing 1/51ms', { requests: 1, perMs: 51 }]].filter(([l]) => !process.env.BENCH_PACING || l.includes(process.env.BENCH_PACING))) {
  const { url, child } = await startSim(['--speed', '1'])
  try {
    const c = campaign('tencent', PACED, `paced-${results.length}`)
    const t0 = performance.now()
    const r = await runCampaign(c, {
      vendor: 'tencent',
      journal: join(dir, `tencent-paced-${results.length}.db`),
      credentials: CREDS.tencent,
      endpoint: url,
      retries: { max: 0 },
      ...(rateLimit ? { rateLimit } : {}),
      concurrency: 64,
      simulator: url,
    })
    const secs = (performance.now() - t0) / 1000
    const times = (await simCalls(url, 'tencent')).map((x) => x.created_at).sort((a, b) => a - b)
    const span = (times[times.length - 1] - times[0]) / 1000
    // Long-run rate: a pacer allowing k per window sends the first k at once, so the span from
    // the first creation to the last covers n - k calls (exactly 20/s for a perfect 20-per-second
    // schedule; (n - 1) / span would count the opening burst as if it were spread).
    const k = rateLimit ? rateLimit.requests : 20
    const rate = (times.length - k) / span
    // The busiest sliding second the simulator saw (what its limit counts).
    let busiest = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++
      busiest = Math.max(busiest, i - j + 1)
    }
    const line = `20/s on     tencent ${label}: ${times.length} calls, first to last creation ${span.toFixed(2)} s (simulator clock) = ${rate.toFixed(2)} calls/s long-run (${((100 * (rate - 20)) / 20).toFixed(1)} % from 20/s); busiest second ${busiest}; refused sends (RequestLimitExceeded): ${r.extraSends}; wall ${secs.toFixed(1)} s; journal ${JSON.stringify(r.requests)}`
    console.log(line)
    results.push(line)
  } finally {
    child.kill('SIGTERM')
  }
}
rmSync(dir, { recursive: true, force: true })
