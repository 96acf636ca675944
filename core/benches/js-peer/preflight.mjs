// The same preflight the Rust bench measures (core/benches/preflight.rs), done the usual JS way
// (peer.mjs: libphonenumber-js + mustache). Same rows
// (dumped by the Rust bench with CALLPLANE_DUMP_ROWS), same machine, reported as rows per
// CPU-second like the Rust figure.
//
// Usage: node preflight.mjs ROWS.json
import fs from 'node:fs';
import { preflightPeer } from './peer.mjs';

const file = process.argv[2];
const { base_prompt: prompt, call_data: rows } = JSON.parse(fs.readFileSync(file, 'utf8'));
const preflight = () => preflightPeer(prompt, rows);

preflight(); // warm up the JIT
const runs = 5;
let best = Infinity, result;
for (let r = 0; r < runs; r++) {
  const cpu0 = process.cpuUsage();
  result = preflight();
  const cpu = process.cpuUsage(cpu0);
  best = Math.min(best, (cpu.user + cpu.system) / 1e6);
}
const rate = rows.length / best;
console.log(`libphonenumber-js + mustache: ${rows.length} rows, ready=${result.ready} errors=${result.errors} duplicates=${result.dups}`);
console.log(`best of ${runs}: ${best.toFixed(3)} CPU-s = ${Math.round(rate).toLocaleString('en-US')} rows per CPU-second`);
