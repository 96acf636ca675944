// The same 100k-row preflight in headless Chromium (the `web` build), driven by playwright-core
// with the system browser (no browser download): a static server for bindings-wasm/, one page.
//   node bindings-wasm/bench/browser.mjs          (after bindings-wasm/build.sh and npm ci)
// CALLPLANE_WASM_WEB=<dir> serves another build's `web` folder as /pkg/web/ (to alternate two
// builds in one sitting); CPU_PROFILE=<file> writes Chromium's CPU profile of the page
// (.cpuprofile, DevTools format) taken through CDP; RUNS=<n> timed runs (default 5).
// VARIANTS=batch:all,batch:problems,csv:all,csv:problems measures each in turn in the same page
// (`preflightBlandBatch` on the batch, `preflightBlandCsv` on the same rows as CSV text; see
// rows.mjs `measure`), printing one line each.
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = process.env.CALLPLANE_WASM_WEB;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!path.startsWith('/pkg/web/') && !path.startsWith('/bench/')) { res.writeHead(404).end(); return; }
  try {
    const file = webDir && path.startsWith('/pkg/web/')
      ? join(webDir, path.slice('/pkg/web/'.length)) : join(root, path);
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const cdp = process.env.CPU_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const variants = process.env.VARIANTS ? `&variants=${encodeURIComponent(process.env.VARIANTS)}` : '';
  await page.goto(`http://127.0.0.1:${port}/bench/page.html?runs=${Number(process.env.RUNS ?? 5)}${variants}`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 600_000 });
  const result = await page.evaluate(() => window.result);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(process.env.CPU_PROFILE, JSON.stringify(profile));
  }
  if (result.error || errors.length) throw new Error(result.error ?? errors.join('\n'));
  for (const r of Array.isArray(result) ? result : [result]) {
    console.log(JSON.stringify({ runtime: `chromium ${browser.version()} (headless)`, ...r }));
  }
} finally {
  await browser.close();
  server.close();
}
