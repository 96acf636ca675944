// Differential test: random requests signed by the official Node SDKs' own signing functions and by
// callplane (through core/examples/sign_stdio.rs) must agree byte for byte at every step, and
// callplane's verifier must accept every SDK-signed request.
//
//   cd core/tests/signing/generate && npm ci && node differential.mjs [--count 1000] [--seed 20260310]
//
// SDK functions used: tencentcloud-sdk-nodejs `Sign.sign3` (TC3), @alicloud/openapi-util
// `getAuthorization` (ACS3) and `getRPCSignature` (RPC v1). Inputs are random Unicode (CJK, emoji,
// supplementary planes, JavaScript/Rust whitespace differences, reserved URL characters) in every
// parameter, header value and body, with random header order and random query/form encodings.
// The Rust side runs `cargo run -p callplane-core --example sign_stdio` unless SIGN_STDIO names a
// built binary. Exits non-zero on any mismatch; prints `<scheme>: N passed, M failed` per scheme.

import { spawn } from 'node:child_process';
import path from 'node:path';
import querystring from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { alibaba, captureCryptoSync, lastRecord, tencent } from './sdk.mjs';

const require = createRequire(import.meta.url);
const crypto = require('node:crypto');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const COUNT = arg('count', 1000);
const SEED = arg('seed', 20260310);

// ---------------------------------------------------------------------------------------------
// seeded randomness (mulberry32)

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const chance = (p) => next() < p;
  const shuffle = (xs) => {
    const a2 = [...xs];
    for (let i = a2.length - 1; i > 0; i--) {
      const j = int(0, i);
      [a2[i], a2[j]] = [a2[j], a2[i]];
    }
    return a2;
  };
  const SPECIAL = " ,*~+!'()/:=&%#?[]@$;\"\\<>{}|^`.-_";
  const SPACES = ['\t', '\u3000', '\u00a0', '\ufeff', '\u0085', '\u2028', '\u200b', ' '];
  const char = ({ noNewlines = false } = {}) => {
    const r = next();
    if (r < 0.3) return pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    if (r < 0.5) return pick(SPECIAL);
    if (r < 0.62) return String.fromCodePoint(int(0x4e00, 0x9fff));
    if (r < 0.72) return String.fromCodePoint(int(0x1f300, 0x1faff));
    if (r < 0.85) {
      // Other BMP, surrogates excluded (a lone surrogate is not a string either side can send).
      const cp = int(0xa0, 0xfffd - 0x800);
      return String.fromCodePoint(cp >= 0xd800 ? cp + 0x800 : cp);
    }
    if (r < 0.92) return String.fromCodePoint(int(0x10000, 0x10ffff));
    if (r < 0.97) return pick(SPACES);
    return noNewlines ? ' ' : pick(['\n', '\r\n', '\u0000']);
  };
  const str = (min, max, opts) => Array.from({ length: int(min, max) }, () => char(opts)).join('');
  const alnum = (min, max) => Array.from({ length: int(min, max) }, () => pick('abcdefghijklmnopqrstuvwxyz0123456789')).join('');
  return { next, int, pick, chance, shuffle, str, alnum };
}

const iso = (ts) => new Date(ts * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sha256hex = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

function randomTimestamp(r) {
  const lo = Date.UTC(2000, 0, 1) / 1000;
  const hi = Date.UTC(2099, 11, 31) / 1000;
  const ts = r.int(lo, hi);
  // One in five sits within a minute of a UTC midnight (Beijing is then mid-morning, and 16:00
  // UTC — Beijing's midnight — is covered by the uniform draw).
  return r.chance(0.2) ? ts - (ts % 86400) + r.int(-60, 60) : ts;
}

function randomJson(r, depth = 0) {
  const k = r.int(0, depth > 2 ? 3 : 6);
  if (k === 0) return r.str(0, 40);
  if (k === 1) return r.int(-1e9, 1e9);
  if (k === 2) return r.chance(0.5);
  if (k === 3) return null;
  if (k === 4) return JSON.stringify({ number: r.alnum(5, 11), params: [r.str(0, 10), r.str(0, 10)] });
  if (k === 5) return Array.from({ length: r.int(0, 4) }, () => randomJson(r, depth + 1));
  return Object.fromEntries(Array.from({ length: r.int(0, 5) }, () => [r.str(1, 12), randomJson(r, depth + 1)]));
}

// ---------------------------------------------------------------------------------------------
// TC3

function tc3Request(r, id) {
  const host = r.pick(['ccc.tencentcloudapi.com', 'ccc.intl.tencentcloudapi.com', 'cvm.tencentcloudapi.com', 'ccc.ap-guangzhou.tencentcloudapi.com']);
  const method = r.chance(0.7) ? 'POST' : 'GET';
  const timestamp = randomTimestamp(r);
  const secretId = `AKID${r.alnum(8, 32)}`;
  const secretKey = r.str(1, 40);
  const token = r.chance(0.2) ? r.alnum(20, 60) : null;
  let url = `https://${host}/`;
  let payload = '';
  let body = '';
  let contentType;
  if (method === 'POST') {
    payload = Object.fromEntries(Array.from({ length: r.int(0, 8) }, () => [r.str(1, 16), randomJson(r)]));
    // What HttpConnection sends: json-bigint's stringify (it escapes more than JSON.stringify).
    body = tencent.JSONbig.stringify(payload);
    contentType = r.pick(['application/json', 'application/json; charset=utf-8']);
  } else {
    const params = Object.fromEntries(Array.from({ length: r.int(0, 8) }, () => [r.str(1, 12), r.str(0, 30)]));
    url += `?${querystring.stringify(params)}`;
    contentType = 'application/x-www-form-urlencoded';
  }
  const service = host.split('.')[0];
  const [authorization, records] = captureCryptoSync(() => tencent.Sign.sign3({
    method, url, payload, timestamp, service, secretId, secretKey, headers: { 'Content-Type': contentType },
  }));
  const hashes = records.filter((x) => x.kind === 'hash');
  const sdk = {
    canonical_request: hashes[hashes.length - 1].input,
    string_to_sign: lastRecord(records, 'hmac', 'sha256').input,
    authorization,
  };
  // The request the SDK would send: the URL as `new URL` normalises it (that is what sign3 signs).
  const sentUrl = new URL(url).href;
  const headers = [
    [r.pick(['Host', 'host']), host],
    ['X-TC-Action', r.pick(['CreateAICall', 'DescribeTelCdr'])],
    ['X-TC-Timestamp', String(timestamp)],
    ['X-TC-Version', '2020-02-10'],
    [r.pick(['Content-Type', 'content-type', 'CONTENT-TYPE']), contentType],
    ...(token ? [['X-TC-Token', token]] : []),
    ...Array.from({ length: r.int(0, 3) }, () => [`X-Extra-${r.alnum(1, 6)}`, r.str(0, 20, { noNewlines: true })]),
  ];
  return {
    input: {
      id, scheme: 'tc3-hmac-sha256', method, url: sentUrl, headers: r.shuffle(headers), body,
      key_id: secretId, secret: secretKey, token, timestamp,
      sdk_authorization: authorization, verify_now: timestamp + r.int(-300, 300),
    },
    sdk,
  };
}

// ---------------------------------------------------------------------------------------------
// ACS3

const ACS3_STANDARD = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-security-token', 'x-acs-accesskey-id', 'authorization'];

function acs3Request(r, id) {
  const host = r.pick(['dyvmsapi.aliyuncs.com', 'ecs.cn-shanghai.aliyuncs.com', 'aiccs.aliyuncs.com']);
  const method = r.pick(['GET', 'POST', 'POST', 'PUT', 'DELETE']);
  const timestamp = randomTimestamp(r);
  const accessKeyId = `LTAI${r.alnum(8, 20)}`;
  const secret = r.str(1, 40);
  const token = r.chance(0.2) ? r.alnum(20, 80) : null;
  const segments = ['api', 'v1', 'a+b', 'x*y', '%7E', '%E4%B8%AD', 'c+d+e', '**', '%7Ez%7E', 'plain'];
  const pathname = r.chance(0.6) ? '/' : `/${Array.from({ length: r.int(1, 4) }, () => r.pick(segments)).join('/')}`;
  const query = {};
  for (let i = r.int(0, 8); i > 0; i--) query[r.chance(0.5) ? r.alnum(1, 10) : r.str(1, 10)] = r.str(0, 30);
  const body = r.chance(0.5) ? r.str(0, 200) : '';
  const bodyHash = sha256hex(Buffer.from(body, 'utf8'));
  const headerList = [
    ['host', host],
    ['x-acs-action', r.pick(['BatchRobotSmartCall', 'RunInstances'])],
    ['x-acs-version', r.pick(['2017-05-25', '2014-05-26'])],
    ['x-acs-date', iso(timestamp)],
    ['x-acs-signature-nonce', r.alnum(16, 32)],
    ['x-acs-content-sha256', bodyHash],
    ['user-agent', r.str(0, 20, { noNewlines: true })],
    ['accept', 'application/json'],
  ];
  if (r.chance(0.5)) headerList.push([r.pick(['content-type', 'Content-Type']), r.pick(['application/json; charset=utf-8', 'application/x-www-form-urlencoded', r.str(0, 20, { noNewlines: true })])]);
  if (token) headerList.push(['x-acs-accesskey-id', accessKeyId], ['x-acs-security-token', token]);
  for (let i = r.int(0, 5); i > 0; i--) {
    let name = `x-acs-${r.alnum(1, 8)}`;
    // A JavaScript object holds one value per exact name: skip collisions so both sides see the
    // same headers.
    if (ACS3_STANDARD.includes(name) || headerList.some(([n]) => n.toLowerCase() === name)) continue;
    headerList.push([name, r.str(0, 20, { noNewlines: true })]);
    // Same header under a different spelling: the SDK groups them, sorts the values, joins with ','.
    if (r.chance(0.3)) {
      name = name.toUpperCase();
      headerList.push([name, r.str(0, 20, { noNewlines: true })]);
    }
  }
  const shuffled = r.shuffle(headerList);
  const headers = Object.fromEntries(shuffled);
  const request = { method, pathname, query, headers };
  const [authorization, records] = captureCryptoSync(() => alibaba.OpenApiUtil.getAuthorization(
    request, 'ACS3-HMAC-SHA256', bodyHash, accessKeyId, secret,
  ));
  const hashes = records.filter((x) => x.kind === 'hash');
  const sdk = {
    canonical_request: hashes[hashes.length - 1].input,
    string_to_sign: lastRecord(records, 'hmac', 'sha256').input,
    authorization,
  };
  const qs = querystring.stringify(query);
  return {
    input: {
      id, scheme: 'aliyun-acs3-hmac-sha256', method, url: `https://${host}${pathname}${qs ? `?${qs}` : ''}`,
      headers: shuffled, body, key_id: accessKeyId, secret, token,
      sdk_authorization: authorization, verify_now: timestamp + r.int(-900, 900),
    },
    sdk,
  };
}

// ---------------------------------------------------------------------------------------------
// RPC v1

const ENCODERS = {
  encodeURIComponent,
  querystring: querystring.escape,
  rfc3986: (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  form: (s) => encodeURIComponent(s).replace(/%20/g, '+'),
  lowerHex: (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
};

function rpcRequest(r, id) {
  const host = 'dyvmsapi.aliyuncs.com';
  const timestamp = randomTimestamp(r);
  const accessKeyId = `LTAI${r.alnum(8, 20)}`;
  const secret = r.str(1, 40);
  const token = r.chance(0.2) ? r.alnum(20, 80) : null;
  const params = {
    AccessKeyId: accessKeyId,
    Action: r.pick(['BatchRobotSmartCall', 'QueryCallDetailByTaskId']),
    Format: r.pick(['JSON', 'json', 'XML']),
    Version: '2017-05-25',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: r.alnum(8, 36),
    Timestamp: iso(timestamp),
  };
  if (token) params.SecurityToken = token;
  for (let i = r.int(0, 10); i > 0; i--) params[r.chance(0.5) ? `P${r.alnum(1, 10)}` : r.str(1, 10)] = r.str(0, 40);
  if (r.chance(0.2)) for (let i = 1; i <= r.int(1, 12); i++) params[`Key.${i}`] = r.str(0, 10);
  const style = r.pick(['get', 'tea-post', 'pop-post', 'mixed-post']);
  const method = style === 'get' ? 'GET' : 'POST';
  const [signature, records] = captureCryptoSync(() => alibaba.OpenApiUtil.getRPCSignature(params, method, secret));
  const sts = lastRecord(records, 'hmac', 'sha1').input;
  const sdk = { canonical_request: decodeURIComponent(sts.split('&')[2]), string_to_sign: sts, signature };
  const enc = ENCODERS[r.pick(Object.keys(ENCODERS))];
  const pairs = r.shuffle([...Object.entries(params), ['Signature', signature]]);
  const encodePairs = (ps) => ps.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  let query = pairs;
  let form = [];
  if (style === 'pop-post') [query, form] = [[], pairs];
  if (style === 'mixed-post') {
    const cut = r.int(0, pairs.length);
    [query, form] = [pairs.slice(0, cut), pairs.slice(cut)];
  }
  const headers = [['Host', host], ['x-acs-action', params.Action]];
  if (form.length > 0) headers.push([r.pick(['content-type', 'Content-Type']), r.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8'])]);
  return {
    input: {
      id, scheme: 'aliyun-rpc-hmac-sha1', method, url: `https://${host}/${query.length ? `?${encodePairs(query)}` : ''}`,
      headers: r.shuffle(headers), body: encodePairs(form), key_id: accessKeyId, secret, token,
      sdk_signature: signature, verify_now: timestamp + r.int(-900, 900),
    },
    sdk,
  };
}

// ---------------------------------------------------------------------------------------------

async function runRust(lines) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const [cmd, cmdArgs] = process.env.SIGN_STDIO
    ? [process.env.SIGN_STDIO, []]
    : ['cargo', ['run', '--quiet', '-p', 'callplane-core', '--example', 'sign_stdio']];
  const child = spawn(cmd, cmdArgs, { cwd: repo, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; });
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sign_stdio exited with ${code}`))));
  });
  child.stdin.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await done;
  return new Map(out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((o) => [o.id, o]));
}

function compare(sdk, ours) {
  if (ours.error) return `callplane error: ${ours.error}`;
  for (const step of ['canonical_request', 'string_to_sign', 'signature', 'authorization']) {
    if (sdk[step] === undefined) continue;
    if (sdk[step] !== ours[step]) return `${step} differs\n  sdk:       ${JSON.stringify(sdk[step])}\n  callplane: ${JSON.stringify(ours[step])}`;
  }
  const fastWant = sdk.authorization ?? sdk.signature;
  if (ours.fast != null && ours.fast !== fastWant) {
    return `callplane's fast path differs: ${JSON.stringify(ours.fast)} (sdk ${JSON.stringify(fastWant)})`;
  }
  if (ours.verify !== 'ok') return `callplane's verifier refused the SDK-signed request: ${ours.verify}`;
  return null;
}

const schemes = [
  ['tc3-hmac-sha256', tc3Request],
  ['aliyun-acs3-hmac-sha256', acs3Request],
  ['aliyun-rpc-hmac-sha1', rpcRequest],
];
const cases = [];
let id = 0;
schemes.forEach(([scheme, make], s) => {
  const r = rng(SEED + s);
  for (let i = 0; i < COUNT; i++) {
    const { input, sdk } = make(r, ++id);
    cases.push({ scheme, input, sdk });
  }
});

const results = await runRust(cases.map((c) => c.input));
let totalFailed = 0;
for (const [scheme] of schemes) {
  const mine = cases.filter((c) => c.scheme === scheme);
  let failed = 0;
  for (const c of mine) {
    const ours = results.get(c.input.id);
    const problem = ours ? compare(c.sdk, ours) : 'no answer from sign_stdio';
    if (problem) {
      failed++;
      if (failed <= 5) console.error(`${scheme} #${c.input.id} (seed ${SEED}): ${problem}\n  request: ${JSON.stringify(c.input).slice(0, 2000)}`);
    }
  }
  totalFailed += failed;
  console.log(`${scheme}: ${mine.length - failed} passed, ${failed} failed`);
}
console.log(`differential: ${cases.length - totalFailed} passed, ${totalFailed} failed`);
process.exit(totalFailed === 0 ? 0 : 1);
