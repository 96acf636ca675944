// A static file server for the dashboard, on loopback only: `/dashboard/…` and the wasm build in
// `/pkg/web/…` (the page imports `../pkg/web/callplane_wasm.js`). Used by serve.sh and the e2e test.
//   node bindings-wasm/dashboard/serve.mjs [--port 8080]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serve on 127.0.0.1:`port` (0: any free port); resolves to `{url, close}`. */
export async function startServer({ port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path === '/' || path === '/dashboard') {
      res.writeHead(302, { location: '/dashboard/' }).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    if (!path.startsWith('/dashboard/') && !path.startsWith('/pkg/web/')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}/dashboard/`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  const { url } = await startServer({ port });
  console.log(`callplane dashboard on ${url}  (Ctrl-C to stop)`);
}
