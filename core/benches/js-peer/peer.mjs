// The JS peer of callplane's Bland preflight, done the usual JS way: libphonenumber-js for each
// number (parse with default region US, validity, E.164), mustache to render the prompt, a Set
// for duplicates, and a missing-variable check per row. Rows are in Bland's wire names
// (`phone_number` plus the variables). Used by preflight.mjs (vs the Rust bench) and by
// bindings-node/bench (vs the Node addon, same process).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import Mustache from 'mustache';

Mustache.escape = (s) => s; // plain text, as callplane renders

/** Preflight `rows` against `prompt`: `{ready, errors, dups, out}` (`out[i]`: the prompt or null). */
export function preflightPeer(prompt, rows) {
  const vars = [...prompt.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);
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
