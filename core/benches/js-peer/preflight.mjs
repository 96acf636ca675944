// The same preflight the Rust bench measures (core/benches/preflight.rs), done the usual JS way:
// libphonenumber-js for each number (parse with default region US, validity, E.164), mustache to
// render the prompt, a Set for duplicates, and a missing-variable check per row. Same rows
// (dumped by the Rust bench with CALLPLANE_DUMP_ROWS), same machine, reported as rows per
// CPU-second like the Rust figure.
//
// Usage: node preflight.mjs ROWS.json
import fs from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import Mustache from 'mustache';

const file = process.argv[2];
const { base_prompt: prompt, call_data: rows } = JSON.parse(fs.readFileSync(file, 'utf8'));
Mustache.escape = (s) => s; // plain text, as callplane renders
const vars = [...prompt.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);

function preflight() {
  const seen = new Set();
  let ready = 0, errors = 0, dups = 0;
  const out = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const n = parsePhoneNumberFromString(String(row.phone_number), 'US');
    const e164 = n && n.isValid() ? n.number : null;
    const missing = vars.filter((v) => row[v] === undefined || row[v] === null);
    if (e164 && seen.has(e164)) dups++;
    if (e164) seen.add(e164);
    if (!e164 || missing.length) { errors++; out[i] = null; continue; }
    out[i] = Mustache.render(prompt, row);
    ready++;
  }
  return { ready, errors, dups, out };
}

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
