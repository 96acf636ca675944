// `npm pack` → install the tarball into an empty folder → use it with `require` and with `import`.
// Proves the published file list, the `exports` map and both entry points work outside the repo.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const pkgDir = resolve(import.meta.dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

const work = mkdtempSync(join(tmpdir(), 'callplane-pack-'))
let passed = 0
let failed = 0
try {
  const [{ filename, files }] = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], pkgDir))
  const names = files.map((f) => f.path).sort()
  console.log(`packed ${filename}: ${names.join(', ')}`)
  for (const required of ['callplane.js', 'callplane.mjs', 'callplane.d.ts', 'index.js', 'index.d.ts', 'package.json']) {
    if (!names.includes(required)) throw new Error(`the package lacks ${required}`)
  }
  if (!names.some((n) => n.endsWith('.node'))) throw new Error('the package lacks the native module')
  if (names.some((n) => n.startsWith('src/') || n.startsWith('__test__/'))) throw new Error('sources or tests were packed')

  const app = join(work, 'app')
  run('mkdir', ['-p', app], work)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
  run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, filename)], app)

  // The same checks from both module systems: construct every client, get a typed error, run the
  // simulator in-process.
  const body = `
    const bad = await new Bland({ apiKey: 'k' }).sendCall({ phoneNumber: 42 }).then(() => null, (e) => e)
    if (!(bad instanceof CallplaneError) || bad.code !== 'validation_failed' || bad.issues[0].path !== 'phoneNumber') throw new Error('no typed error')
    if (normalizePhone('bland', '(415) 555-2671').e164 !== '+14155552671') throw new Error('no pure functions')
    new Aliyun({ accessKeyId: 'a', accessKeySecret: 'b' })
    new Tencent({ secretId: 'a', secretKey: 'b' })
    const sim = await startSimulator({ speed: 0 })
    const health = await (await fetch(sim.url + '/_sim/health')).json()
    if (health.status !== 'ok') throw new Error('simulator not healthy')
    await sim.stop()
    if (typeof VERSION !== 'string') throw new Error('no VERSION')
  `
  writeFileSync(
    join(app, 'use.cjs'),
    `const { Bland, Aliyun, Tencent, CallplaneError, startSimulator, normalizePhone, VERSION } = require('callplane')\n;(async () => {${body}\nconsole.log('require: ok')})().catch((e) => { console.error(e); process.exit(1) })\n`,
  )
  writeFileSync(
    join(app, 'use.mjs'),
    `import { Bland, Aliyun, Tencent, CallplaneError, startSimulator, normalizePhone, VERSION } from 'callplane'\nimport callplane from 'callplane'\nimport { createRequire } from 'node:module'\n${body}\nconst cjs = createRequire(import.meta.url)('callplane')\nif (cjs.Bland !== Bland || callplane.CallplaneError !== CallplaneError) throw new Error('import and require see different objects')\nconsole.log('import: ok')\n`,
  )
  for (const file of ['use.cjs', 'use.mjs']) {
    try {
      process.stdout.write(run(process.execPath, [file], app))
      passed++
    } catch (e) {
      console.error(`${file} failed`)
      failed++
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`pack: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 && passed === 2 ? 0 : 1)
