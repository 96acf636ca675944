// Signatures per second of the official Node SDK signers on the payloads of
// core/benches/signing.rs (core/benches/data/*.json), for the ratio with callplane.
//
//   cd core/tests/signing/generate && npm ci && node bench-sdk.mjs [--seconds 3]
//
// Figures are per CPU-second of this process (process.cpuUsage, user + system), like the Rust
// benchmark's thread CPU clock, so a busy machine skews both sides alike; wall-clock rates are
// printed next to them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { alibaba, tencent } from './sdk.mjs';

const require = createRequire(import.meta.url);
const crypto = require('node:crypto');
const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1] || 3) || 3;

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../benches/data');
const createAICall = fs.readFileSync(path.join(data, 'createaicall.json'));
const createAICallSeed = fs.readFileSync(path.join(data, 'createaicall-seed.json'));
const batch = JSON.parse(fs.readFileSync(path.join(data, 'batchrobotsmartcall.json'), 'utf8'));
const TS = 1773130530;

function bench(name, fn) {
  for (let i = 0; i < 2000; i++) fn(); // warm up the JIT
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  const deadline = t0 + BigInt(SECONDS * 1e9);
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  console.log(`${name}: ${Math.round(n / cpuSec).toLocaleString('en-US')} signatures per CPU-second (${Math.round(n / wall).toLocaleString('en-US')}/s wall)`);
}

// TC3: Sign.sign3 with the body as bytes (the SDK's raw-payload path; passing the object would
// also count its JSON serialisation).
bench('tencentcloud-sdk-nodejs Sign.sign3, CreateAICall 1.5 KB', () => tencent.Sign.sign3({
  method: 'POST',
  url: 'https://ccc.tencentcloudapi.com/',
  payload: createAICall,
  timestamp: TS,
  service: 'ccc',
  secretId: 'AKIDcallplaneEXAMPLE',
  secretKey: 'callplaneSecretKeyEXAMPLE',
  headers: { 'Content-Type': 'application/json' },
}));

bench('tencentcloud-sdk-nodejs Sign.sign3, CreateAICall seed example', () => tencent.Sign.sign3({
  method: 'POST',
  url: 'https://ccc.tencentcloudapi.com/',
  payload: createAICallSeed,
  timestamp: TS,
  service: 'ccc',
  secretId: 'AKIDcallplaneEXAMPLE',
  secretKey: 'callplaneSecretKeyEXAMPLE',
  headers: { 'Content-Type': 'application/json' },
}));

const signedParams = {
  ...batch,
  AccessKeyId: 'LTAI5tCallplaneEXAMPLE',
  SignatureMethod: 'HMAC-SHA1',
  SignatureVersion: '1.0',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  Timestamp: '2026-03-10T08:15:30Z',
};
bench('@alicloud/openapi-util getRPCSignature, BatchRobotSmartCall 100 callees', () => alibaba.OpenApiUtil.getRPCSignature(signedParams, 'POST', 'CallplaneAccessKeySecretEXAMPLE'));

const emptyHash = crypto.createHash('sha256').update('').digest('hex');
bench('@alicloud/openapi-util getAuthorization, BatchRobotSmartCall 100 callees', () => alibaba.OpenApiUtil.getAuthorization({
  method: 'POST',
  pathname: '/',
  query: batch,
  headers: {
    host: 'dyvmsapi.aliyuncs.com',
    'x-acs-action': 'BatchRobotSmartCall',
    'x-acs-version': '2017-05-25',
    accept: 'application/json',
    'x-acs-date': '2026-03-10T08:15:30Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': emptyHash,
  },
}, 'ACS3-HMAC-SHA256', emptyHash, 'LTAI5tCallplaneEXAMPLE', 'CallplaneAccessKeySecretEXAMPLE'));

// Bland publishes no SDK signer; its documented recipe is a Node HMAC-SHA256 hex digest.
bench('node:crypto HMAC-SHA256 hex (Bland webhook recipe), 1.5 KB', () => crypto.createHmac('sha256', 'whsec_callplane_EXAMPLE').update(createAICall).digest('hex'));
