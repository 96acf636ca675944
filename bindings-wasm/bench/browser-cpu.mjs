// CPU time of headless Chromium's renderer per 100k-row preflight (the batch of rows.mjs), for
// one or several builds at once: one browser each, samples alternated. Read from
// /proc/<renderer>/task/*/schedstat (Linux), so it holds on a loaded machine where wall clock
// does not: "main" is the renderer's main thread (JS and wasm), "all" adds V8's helper threads
// (concurrent GC, compilers). The renderer is found with CDP's SystemInfo.getProcessInfo.
//   node bindings-wasm/bench/browser-cpu.mjs [name=<package dir with web/> ...]
// Default: this checkout's build (bindings-wasm/pkg). ROUNDS samples per build (default 5), PER
// calls per sample (default 3), after two warm-up calls. CALLS=batch:all,csv:problems,… (default
// batch:all) measures each of those calls in turn per build (`preflightBlandBatch` on the batch,
// `preflightBlandCsv` on its rows as CSV text, `bytes:` on that text's UTF-8 bytes; rows 'all' or
// 'problems'), alternated sample by sample.
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('..', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import init, * as api from '/pkg/web/callplane_wasm.js'; import { batch, csvText } from '/bench/rows.mjs';
await init(); const input = batch(); const nowMs = 1_763_700_000_000;
const { callData, ...head } = input; const text = csvText(); const bytes = new TextEncoder().encode(text);
const calls = {
  'batch:all': () => api.preflightBlandBatch(input, { nowMs }),
  'batch:problems': () => api.preflightBlandBatch(input, { nowMs, rows: 'problems' }),
  'csv:all': () => api.preflightBlandCsv(head, text, { nowMs }),
  'csv:problems': () => api.preflightBlandCsv(head, text, { nowMs, rows: 'problems' }),
  'bytes:all': () => api.preflightBlandCsv(head, bytes, { nowMs }),
  'bytes:problems': () => api.preflightBlandCsv(head, bytes, { nowMs, rows: 'problems' }),
};
window.run = (n, c = 'batch:all') => { let r = 0; for (let i = 0; i < n; i++) { const out = calls[c](); if (out.summary.rows !== 100000 || out.summary.ready !== 100000) throw new Error('bad'); r++; } return r; };
window.ready = true;</script>`;
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const args = process.argv.slice(2);
const CALLS = (process.env.CALLS ?? 'batch:all').split(',');
const variants = (args.length ? args : [`this=${join(repo, 'pkg')}`]).map((a) => {
  const at = a.indexOf('=');
  return { name: a.slice(0, at), dir: a.slice(at + 1) };
});
const servers = [];
for (const v of variants) {
  const s = createServer(async (req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    try {
      if (p === '/cpu.html') { res.writeHead(200, { 'content-type': 'text/html' }).end(page); return; }
      const file = p.startsWith('/pkg/web/') ? join(v.dir, 'web', p.slice(9)) : join(repo, p);
      res.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  servers.push(s);
  v.browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  v.page = await v.browser.newPage();
  await v.page.goto(`http://127.0.0.1:${s.address().port}/cpu.html`);
  await v.page.waitForFunction(() => window.ready === true, null, { timeout: 120000 });
  for (const c of CALLS) await v.page.evaluate((k) => window.run(2, k), c);
  const cdp = await v.browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  v.pid = processInfo.filter((p) => p.type === 'renderer').sort((a, b) => b.cpuTime - a.cpuTime)[0].id;
  v.m = Object.fromEntries(CALLS.map((c) => [c, { main: [], all: [], wall: [] }]));
}
const ns = (pid, tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
const allNs = async (pid) => { let t = 0; for (const tid of await readdir(`/proc/${pid}/task`)) { try { t += ns(pid, tid); } catch {} } return t; };
const PER = Number(process.env.PER ?? 3);
for (let r = 0; r < Number(process.env.ROUNDS ?? 5); r++) {
  for (const v of variants) {
    for (const c of CALLS) {
      const m0 = ns(v.pid, v.pid), a0 = await allNs(v.pid), w0 = performance.now();
      const n = await v.page.evaluate(([k, call]) => window.run(k, call), [PER, c]);
      const w1 = performance.now(), m1 = ns(v.pid, v.pid), a1 = await allNs(v.pid);
      const x = v.m[c];
      x.main.push((m1 - m0) / 1e6 / n); x.all.push((a1 - a0) / 1e6 / n); x.wall.push((w1 - w0) / n);
    }
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const v of variants) {
  for (const c of CALLS) {
    const x = v.m[c];
    const name = CALLS.length > 1 ? `${v.name} ${c}` : v.name;
    console.log(`${name.padEnd(8)} main-thread CPU ${med(x.main).toFixed(1)} ms (min ${Math.min(...x.main).toFixed(1)})  all threads ${med(x.all).toFixed(1)}  wall ${med(x.wall).toFixed(1)} (min ${Math.min(...x.wall).toFixed(1)})  [${x.main.map((y) => y.toFixed(0)).join(' ')}]`);
  }
  await v.browser.close();
}
for (const s of servers) s.close();
console.log(`load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}, ${process.env.ROUNDS ?? 5} rounds x ${PER} calls`);
