// Crash test of the campaign dispatcher (issue 7 "Proof"): a 2,000-contact campaign against a
// callplane-sim process that outlives the runner, with faults on (10 % vendor errors, 5 % "commit
// then time out" on the call-creating operation). The runner (`callplane campaign run`, a separate
// Node process) is killed with SIGKILL at 20 seeded random points and resumed each time with the
// same journal; a last run finishes. Then, from the simulator's `/_sim/calls`: every contact was
// dialled exactly once, and nothing else was dialled; from the journal: every contact has an
// outcome and every request is resolved.
//
//   node scripts/crash-test.mjs [--vendor tencent|aliyun|bland ...] [--seed N] [--contacts N] [--kills N]
//
// Needs the simulator binary: `cargo build -p callplane-sim --release` (CALLPLANE_SIM overrides).

import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { campaignStatus } from '../callplane.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = resolve(here, '..')
const root = resolve(pkg, '..')

const { values: args } = parseArgs({
  options: {
    vendor: { type: 'string', multiple: true },
    seed: { type: 'string' },
    contacts: { type: 'string' },
    kills: { type: 'string' },
  },
})
const vendors = args.vendor ?? ['tencent', 'aliyun']
const seed = Number(args.seed ?? process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))
const CONTACTS = Number(args.contacts ?? 2000)
const KILLS = Number(args.kills ?? 20)
console.log(`crash test: seed ${seed} (rerun with --seed ${seed}), ${CONTACTS} contacts, ${KILLS} SIGKILLs, vendors ${vendors.join(', ')}`)

// mulberry32: a small seeded PRNG, so a failing run can be replayed.
function rng(s) {
  let a = s >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function simBinary() {
  const candidates = [process.env.CALLPLANE_SIM, join(root, 'target/release/callplane-sim'), join(root, 'target/debug/callplane-sim')]
  const found = candidates.find((p) => p && existsSync(p))
  if (!found) throw new Error('callplane-sim not built: cargo build -p callplane-sim --release')
  return found
}

/** Start callplane-sim on a free port; resolves with {url, child}. */
function startSim(simSeed) {
  const child = spawn(simBinary(), ['--addr', '127.0.0.1:0', '--seed', String(simSeed), '--speed', '1000', '--limits-off'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolveUrl, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/listening on (http:\/\/\S+)/)
      if (m) resolveUrl({ url: m[1], child })
    })
    child.on('exit', (code) => reject(new Error(`callplane-sim exited (${code}) before listening`)))
  })
}

async function admin(url, method, path, body) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`)
  return r.json()
}

/** Unique numbers outside the simulator's magic ranges (their outcomes are seeded, never refused). */
function numbers(vendor, n, rand) {
  const out = new Set()
  while (out.size < n) {
    const k = Math.floor(rand() * 1e8)
    if (vendor === 'bland') out.add(`+1${['212', '415', '646', '917'][k % 4]}${String(2000000 + (k % 7000000)).padStart(7, '0')}`)
    else out.add(`+86139${String(k).padStart(8, '0')}`)
  }
  return [...out]
}

function campaignFor(vendor, phones) {
  const contacts = phones.map((phone, i) => ({ phone, id: `c${i}`, variables: { name: `客户${i}` } }))
  const base = { id: `crash-${vendor}-${seed}`, contacts }
  if (vendor === 'tencent') {
    return {
      ...base,
      script: { prompt: { template: '你好{{name}}，这是一次回访。' } },
      callerIds: ['008602150000001'],
      vendors: { tencent: { sdkAppId: 1400000001, llmType: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test', apiUrl: 'https://api.openai.com/v1/' } },
    }
  }
  if (vendor === 'aliyun') {
    return {
      ...base,
      script: { aliyunDialog: { dialogId: '100002970' } },
      callerIds: ['057188773344'],
      // Small tasks: more requests, more chances to crash between intent and outcome.
      vendors: { aliyun: { corpName: 'Acme', chunkSize: 5 } },
    }
  }
  return { ...base, script: { prompt: { template: 'Hello {{name}}.' } }, vendors: { bland: { batchSize: 20 } } }
}

/** The longest one runner may take (the lookups' settle time and Tencent's record horizon included). */
const RUN_LIMIT_MS = Number(process.env.CRASH_RUN_LIMIT_MS ?? 120_000)

const CREATE_OP = { tencent: 'CreateAICall', aliyun: 'BatchRobotSmartCall', bland: 'POST /v1/batches' }
const ERROR = {
  tencent: { error: 'InternalError' },
  aliyun: { error: 'InternalError', error_status: 500 },
  bland: { error_status: 500, error_message: 'Internal server error' },
}

/** One runner process; resolves with its exit (code or signal). Kills it after `killAfterMs`. */
function runOnce(file, vendor, journal, url, killAfterMs) {
  const child = spawn(
    process.execPath,
    [join(pkg, 'cli/callplane.mjs'), 'campaign', 'run', file, '--vendor', vendor, '--journal', journal,
      '--sim-url', url, '--limits-off', '--no-track', '--concurrency', vendor === 'tencent' ? '8' : '4', '--json',
      // A lost request is settled after 1 s here (the faults hold answers 300 ms, add 40 ms).
      '--settle-ms', '1000', '--timeout-ms', '2000'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  child.stdout.resume()
  let timer = null
  if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  // A run that hangs is a failure, reported with what it printed.
  let hung = false
  const guard = setTimeout(() => {
    hung = true
    child.kill('SIGKILL')
  }, RUN_LIMIT_MS)
  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      clearTimeout(guard)
      if (hung) done({ code: -1, signal: null, err: `hung for ${RUN_LIMIT_MS} ms:\n${err.split('\n').slice(-5).join('\n')}` })
      else done({ code, signal, err })
    })
  })
}

async function crashTest(vendor, rand) {
  const dir = mkdtempSync(join(tmpdir(), `callplane-crash-${vendor}-`))
  const { url, child: sim } = await startSim(seed)
  try {
    await admin(url, 'PUT', '/_sim/faults', {
      // Latency keeps each run short of the whole campaign, so all the kills land mid-run.
      rules: [{ vendor, operation: CREATE_OP[vendor], error_rate: 0.1, ...ERROR[vendor], latency_ms: vendor === 'tencent' ? 40 : 150, commit_then_timeout_rate: 0.05, hang_ms: 300 }],
    })
    const phones = numbers(vendor, CONTACTS, rand)
    const file = join(dir, 'campaign.json')
    writeFileSync(file, JSON.stringify(campaignFor(vendor, phones)))
    const journal = join(dir, 'journal.db')
    const started = Date.now()
    let kills = 0
    let runs = 0
    while (kills < KILLS) {
      const delay = Math.floor(150 + rand() * 900)
      const r = await runOnce(file, vendor, journal, url, delay)
      runs++
      if (r.signal === 'SIGKILL') kills++
      else if (r.code !== 0) throw new Error(`runner failed (exit ${r.code}):\n${r.err}`)
      else break // finished before its kill point: the campaign is done
    }
    const last = await runOnce(file, vendor, journal, url, null)
    runs++
    if (last.code !== 0) throw new Error(`final run failed (exit ${last.code}):\n${last.err}`)
    // Every contact dialled exactly once, and no other number.
    const { calls } = await admin(url, 'GET', `/_sim/calls?vendor=${vendor}`)
    const perNumber = new Map()
    for (const c of calls) perNumber.set(c.to, (perNumber.get(c.to) ?? 0) + 1)
    const twice = [...perNumber].filter(([, n]) => n > 1)
    const missing = phones.filter((p) => !perNumber.has(p))
    const strangers = [...perNumber.keys()].filter((p) => !phones.includes(p))
    const status = await campaignStatus(journal)
    const problems = []
    if (twice.length) problems.push(`${twice.length} number(s) dialled more than once: ${twice.slice(0, 5).map(([p, n]) => `${p}×${n}`).join(', ')}`)
    if (missing.length) problems.push(`${missing.length} contact(s) never dialled: ${missing.slice(0, 5).join(', ')}`)
    if (strangers.length) problems.push(`${strangers.length} unexpected number(s) dialled`)
    if (calls.length !== CONTACTS) problems.push(`${calls.length} calls for ${CONTACTS} contacts`)
    const open = (status.byStatus.pending ?? 0) + (status.byStatus.excluded ?? 0)
    if (status.contacts !== CONTACTS || open !== 0) problems.push(`journal: ${open} of ${status.contacts} contacts without an outcome`)
    const unresolved = Object.entries(status.requests).filter(([s]) => s !== 'sent')
    if (unresolved.length) problems.push(`journal: requests not sent: ${JSON.stringify(status.requests)}`)
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `${vendor}: ${runs} runs, ${kills} SIGKILLs, ${calls.length} calls for ${CONTACTS} contacts in ${secs}s; ` +
        `requests ${JSON.stringify(status.requests)}, resolved by ${JSON.stringify(status.resolvedBy)}`,
    )
    if (kills < KILLS) problems.push(`only ${kills} of ${KILLS} kills landed before the campaign finished`)
    const lookups = (status.resolvedBy.lookup ?? 0) + (status.resolvedBy.resent ?? 0)
    if (lookups === 0) problems.push('no request went through the ambiguity lookup: the test did not exercise it')
    if (problems.length) throw new Error(`${vendor}: ${problems.join('; ')}`)
    rmSync(dir, { recursive: true, force: true })
  } finally {
    sim.kill('SIGTERM')
  }
}

const rand = rng(seed)
let failed = false
for (const vendor of vendors) {
  try {
    await crashTest(vendor, rand)
  } catch (e) {
    failed = true
    console.error(`FAIL ${e.message}`)
  }
}
if (failed) {
  console.error(`crash test failed; replay with --seed ${seed}`)
  process.exit(1)
}
console.log('crash test passed: every contact dialled exactly once, every contact has an outcome')
