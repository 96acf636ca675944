// 100k-row Bland preflight through @callplane/wasm in Node (the `nodejs` build):
// JS objects in, JS objects out, as a dashboard or back-end calls it.
//   node bindings-wasm/bench/preflight.mjs        (after bindings-wasm/build.sh)
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { measure } from './rows.mjs';

const require = createRequire(import.meta.url);
const api = require(process.env.CALLPLANE_WASM_NODE ?? '../pkg/node/callplane_wasm.js');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const r = measure(api, { runs: Number(process.env.RUNS ?? 5), now: () => performance.now(), cpu });
console.log(JSON.stringify({ runtime: `node ${process.version}`, ...r }));
