// Outcomes over time as a stacked area chart in plain SVG (no chart library): x = seconds since
// the first request, y = calls; one band per status, finished outcomes at the bottom.

import { STATUSES } from './live.mjs';

const NS = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 220;
const PAD = { left: 40, right: 12, top: 10, bottom: 28 };

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Redraw `svg` from `samples` (`[{t, counts}]`, t in seconds, ascending). */
export function drawChart(svg, samples, total) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const tMax = Math.max(1, samples.length ? samples[samples.length - 1].t : 1);
  const yMax = Math.max(1, total);
  const x = (t) => PAD.left + (t / tMax) * plotW;
  const y = (n) => PAD.top + plotH - (n / yMax) * plotH;

  // Axes and gridlines: 0, half, all calls; 0 and the last time.
  for (const n of [0, Math.round(yMax / 2), yMax]) {
    svg.append(el('line', { x1: PAD.left, x2: W - PAD.right, y1: y(n), y2: y(n), class: 'grid' }));
    svg.append(el('text', { x: PAD.left - 6, y: y(n) + 4, 'text-anchor': 'end', class: 'tick' }, String(n)));
  }
  svg.append(el('text', { x: PAD.left, y: H - 8, class: 'tick' }, '0 s'));
  svg.append(el('text', { x: W - PAD.right, y: H - 8, 'text-anchor': 'end', class: 'tick' }, `${tMax.toFixed(1)} s`));
  if (samples.length === 0) return;

  // Bands: each status between the running sum below it and the sum including it.
  const below = samples.map(() => 0);
  for (const status of STATUSES) {
    const top = samples.map((s, k) => below[k] + (s.counts[status] ?? 0));
    if (top.every((v, k) => v === below[k])) continue;
    const pts = samples.map((s, k) => `${x(s.t).toFixed(1)},${y(top[k]).toFixed(1)}`);
    const back = samples.map((s, k) => `${x(s.t).toFixed(1)},${y(below[k]).toFixed(1)}`).reverse();
    // One sample is a vertical line; draw it as a thin band so it stays visible.
    if (samples.length === 1) {
      pts.push(`${(x(samples[0].t) + 4).toFixed(1)},${y(top[0]).toFixed(1)}`);
      back.unshift(`${(x(samples[0].t) + 4).toFixed(1)},${y(below[0]).toFixed(1)}`);
    }
    const band = el('polygon', { points: [...pts, ...back].join(' '), class: `band s-${status}` });
    band.append(el('title', {}, status.replace('_', ' ')));
    svg.append(band);
    top.forEach((v, k) => { below[k] = v; });
  }
}
