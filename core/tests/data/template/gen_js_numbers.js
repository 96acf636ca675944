// Regenerate js_numbers.json (the expected output of JavaScript's Number.prototype.toString for
// a fixed set of doubles) with:   node gen_js_numbers.js > js_numbers.json
// Inputs are carried as IEEE-754 bit patterns (hex) so no decimal parsing sits between JS and Rust.
'use strict';

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (x) => {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
};
const fromBits = (b) => {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
};

const values = [];
const add = (x) => {
  if (Number.isFinite(x)) values.push(x);
};

// Hand-picked: the examples users meet and the layout boundaries of Number::toString.
[
  0, -0, 1, -1, 1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 4.35, 100, 1234.5678, -123.456,
  1e21, 1e20, 123456789012345680000, 1.5e21, 1.5e-7, 1e-6, 1e-7, 0.000001234, 0.0000001234,
  5e-324, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 2 ** 53, 2 ** 53 + 2, 2 ** 64,
  2.2250738585072014e-308, 1e300, 1e-300, Math.PI, Math.E, 9.95, 19.99, 0.5, 0.25, 1e15, 1e16,
  1e17, 123e-20, 99.99999999999999, 4294967295, 4294967296, -2147483648,
].forEach(add);

// Every power of ten and 1.5x and 7x it, across the whole range.
for (let e = -324; e <= 308; e++) {
  const p = Number('1e' + e);
  add(p);
  add(Number('1.5e' + e));
  add(p * 7);
}
// Every power of two.
for (let e = -1074; e <= 1023; e++) add(2 ** e);

// Small odd multiples of powers of two have short exact decimal expansions, so some of them sit
// exactly halfway between two 17-digit decimals: the spec then picks the even digit.
for (let e = -90; e <= 90; e++) {
  for (const m of [3, 5, 7, 9, 11, 13, 15, 25, 125]) add(m * 2 ** e);
}

// Deterministic xorshift64* so the table is reproducible.
let state = 0x9e3779b97f4a7c15n;
const next = () => {
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
};
// Random bit patterns (any sign, exponent, mantissa).
for (let i = 0; i < 2000; i++) add(fromBits(next()));
// Random "money-like" and "measurement-like" decimals: integer / 10^k.
for (let i = 0; i < 1000; i++) {
  const int = Number(next() % 100000000n) - 50000000;
  const k = Number(next() % 12n);
  add(int / 10 ** k);
}

const cases = values.map((x) => ({ bits: bitsOf(x), js: String(x) }));
process.stdout.write(
  JSON.stringify({ generator: 'gen_js_numbers.js', node: process.version, cases }, null, 0)
    .replace(/\},\{/g, '},\n{') + '\n'
);
