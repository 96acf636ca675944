// The 100k-row batch of core/benches/preflight.rs, generated identically (same LCG, same
// choices), in JS names. Runs in Node and in the browser.

export const ROWS = 100_000;
const PROMPT = 'Hi {{name}}, this is Jordan from {{business}}. Your {{service}} plan renews on '
  + '{{date}}. Would you like to keep it, change it, or cancel before then?';
const AREA_CODES = [201, 202, 206, 212, 213, 214, 305, 310, 312, 404, 408, 415, 503, 512, 602, 617, 646, 702, 713, 718, 773, 801, 917, 972];
const NAMES = ['Ann', 'Bo', 'Carmen', 'Dmitri', 'Esther', 'Farid', 'Grace', 'Hiro'];
const BUSINESSES = ['ABC co.', 'XYZ inc.', 'Acme Plumbing', 'Blue Bottle Cafe', 'Northwind'];
const SERVICES = ['Netflix', 'Window Cleaning', 'Lawn Care', 'Premium Support', 'Fiber 1G'];
const DATES = ['September 4th', 'December 20th', 'March 1st', 'June 30th'];

const MASK = (1n << 64n) - 1n;

function lcg(seed) {
  let s = BigInt(seed);
  const next = () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & MASK;
    return Number(s >> 33n);
  };
  return { next, pick: (xs) => xs[next() % xs.length] };
}

function number(rng) {
  const area = rng.pick(AREA_CODES);
  let exchange = 200 + (rng.next() % 800);
  if (exchange % 100 === 11) exchange += 1;
  const line = String(rng.next() % 10_000).padStart(4, '0');
  switch (rng.next() % 7) {
    case 0: return `+1${area}${exchange}${line}`;
    case 1: return `(${area}) ${exchange}-${line}`;
    case 2: return `${area}-${exchange}-${line}`;
    case 3: return `${area}${exchange}${line}`;
    case 4: return `+1 ${area} ${exchange} ${line}`;
    case 5: return `${area}.${exchange}.${line}`;
    default: return `1-${area}-${exchange}-${line}`;
  }
}

/** The bench batch: `basePrompt`, 100k `callData` rows, and the same options as the Rust bench. */
export function batch(rows = ROWS) {
  const rng = lcg(0x5eed);
  const callData = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const phoneNumber = number(rng);
    callData[i] = { phoneNumber, name: rng.pick(NAMES), business: rng.pick(BUSINESSES), service: rng.pick(SERVICES), date: rng.pick(DATES) };
  }
  return { basePrompt: PROMPT, callData, label: 'bench', maxDuration: 10, webhook: 'https://example.com/bland' };
}

/**
 * The same rows as CSV text (header `phone,name,business,service,date`, LF line ends, a field
 * quoted when it holds a comma, a quote or a line break): what core/benches/rows (`csv`) writes,
 * for `preflightBlandCsv`.
 */
export function csvText(rows = ROWS) {
  const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const { callData } = batch(rows);
  const lines = ['phone,name,business,service,date'];
  for (const r of callData) lines.push([r.phoneNumber, r.name, r.business, r.service, r.date].map(field).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Runs one preflight `runs` times after one warm-up and returns the figures. `now` is a monotonic
 * clock in ms; `cpu` (optional) returns this process's CPU time in ms. `variant`:
 * `preflightBlandBatch` on the batch (default), `preflightBlandCsv` on its rows as CSV text
 * (`csv`) or as that text's UTF-8 bytes (`bytes`), built here outside the timed region; `rows`
 * `'all'` (default) or `'problems'`.
 */
export function measure(api, { runs = 5, now, cpu, variant = 'batch', rows = 'all' } = {}) {
  const input = batch();
  const nowMs = 1_763_700_000_000;
  const { callData, ...head } = input;
  // `bytes`: the CSV as a file's UTF-8 bytes (`await file.arrayBuffer()`), not a string.
  const text = variant === 'csv' ? csvText() : variant === 'bytes' ? new TextEncoder().encode(csvText()) : null;
  const call = text !== null
    ? () => api.preflightBlandCsv(head, text, { nowMs, rows })
    : () => api.preflightBlandBatch(input, { nowMs, rows });
  const first = call();
  const check = { ready: first.summary.ready, warnings: first.summary.warnings, errors: first.summary.errors };
  if (first.summary.rows !== ROWS) throw new Error('wrong row count');
  const wall = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpu?.();
    const t0 = now();
    const out = call();
    wall.push(now() - t0);
    if (cpu) cpus.push(cpu() - c0);
    if (rows === 'all' && out.rows.length !== ROWS) throw new Error('wrong row count');
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // What a caller that already holds the batch as JSON text would not pay: `preflightBlandBatch`
  // starts with this `JSON.stringify` of its argument.
  const stringify = [];
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    if (JSON.stringify(input).length === 0) throw new Error('empty batch text');
    stringify.push(now() - t0);
  }
  const w = median(wall);
  // The minimum too: on a loaded machine it moves less than the median.
  const result = { variant, rowsMode: rows, rows: ROWS, runs, check, wallMs: w, minWallMs: Math.min(...wall), stringifyMs: median(stringify), rowsPerSecWall: Math.round(ROWS / (w / 1000)) };
  if (cpus.length) {
    const c = median(cpus);
    Object.assign(result, { cpuMs: c, minCpuMs: Math.min(...cpus), rowsPerSecCpu: Math.round(ROWS / (c / 1000)) });
  }
  return result;
}
