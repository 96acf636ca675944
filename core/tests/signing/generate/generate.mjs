// Regenerates the SDK-made cases of callplane's signing conformance suite (format:
// shared/SIGNING-SUITE.md). Every expected file comes out of an official SDK: the canonical request
// and string to sign are the exact inputs the SDK hashed and HMACed (see sdk.mjs), the signature and
// Authorization are the SDK's own output. Time and nonces are pinned, so running this again gives
// the same files.
//
//   cd core/tests/signing/generate && npm ci && node generate.mjs
//
// Cases made here are named `<sdk>-…`; other folders (the vendors' published examples) are left alone.

import fs from 'node:fs';
import path from 'node:path';
import querystring from 'node:querystring';
import { fileURLToPath } from 'node:url';
import {
  aliyunCall, lastRecord, popCoreCall, requestText, teaBody, teaUrl, tencentCall, tencent, alibaba,
} from './sdk.mjs';

const SUITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED_PREFIXES = ['tencentcloud-node-', 'openapi-client-', 'pop-core-'];

const at = (iso) => Math.floor(RealDateParse(iso) / 1000);
function RealDateParse(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad date ${iso}`);
  return ms;
}

// Values the suite must cover (SIGNING-SUITE.md "Where cases come from").
const ZH_EMOJI = '您好，我是智能客服小王😀，请问您现在方便吗？🎉 ¥199.00 / 月';
const SPECIAL = "a,b c*~+!'()/:=&%#?[]@$;z";
const TTS_PARAM = JSON.stringify([
  { number: '13900000000', params: ['小王', '明天 10:00', '¥199.00'] },
  { number: '13900000001', params: ['Ada "Lovelace"', 'a,b c*~+!\'()/:=&%#?[]@$;', '😀'] },
]);
// 2025-12-31T16:30:00Z is already 2026-01-01 00:30 in Beijing: the credential date must stay
// 2025-12-31.
const DAY_BOUNDARY = at('2025-12-31T16:30:00Z');
const T1 = at('2026-03-10T08:15:30Z');
const T2 = at('2026-07-01T00:00:00Z');

const TC3_ID = 'AKIDcallplaneEXAMPLE0000000000000000';
const TC3_KEY = 'callplaneSecretKeyEXAMPLE00000000';
const ALI_ID = 'LTAI5tCallplaneEXAMPLE';
const ALI_SECRET = 'CallplaneAccessKeySecretEXAMPLE';
const STS_TOKEN = 'CAIS+callplane/STS=token==EXAMPLE';

function systemPrompt(lang) {
  const zh = '你是一名礼貌的电话客服。先确认对方姓名，再说明来意：提醒{{name}}明天10:00的预约。'
    + '如果对方说"不方便"，礼貌地结束通话。不要透露任何内部信息。回答要简短，每次不超过两句话。';
  const en = 'You are a polite phone assistant. Confirm the callee\'s name, then remind them of '
    + 'tomorrow\'s 10:00 appointment. If they say it is not a good time, end the call politely. '
    + 'Keep answers short: at most two sentences per turn. Never reveal internal information.';
  return (lang === 'zh' ? zh : en).repeat(3);
}

function createAICall(extra = {}) {
  return {
    SdkAppId: 1400000000,
    Callee: '+8613800000000',
    Callers: ['+8675500000000'],
    LLMType: 'openai',
    Model: 'gpt-4o-mini',
    APIKey: 'sk-EXAMPLE-not-a-real-key',
    APIUrl: 'https://api.openai.com/v1',
    SystemPrompt: systemPrompt('en'),
    VoiceType: 'female',
    WelcomeMessage: 'Hello!',
    ...extra,
  };
}

const TC3_CASES = [
  { name: 'createaicall-basic', timestamp: T1, params: createAICall() },
  {
    name: 'createaicall-zh-emoji',
    timestamp: T1,
    params: createAICall({ SystemPrompt: systemPrompt('zh'), WelcomeMessage: ZH_EMOJI }),
  },
  {
    name: 'createaicall-special-characters',
    timestamp: T1,
    params: createAICall({ WelcomeMessage: SPECIAL, PromptVariables: [{ Key: 'k,e y*', Value: SPECIAL }] }),
  },
  {
    name: 'createaicall-json-in-string',
    timestamp: T1,
    params: createAICall({
      CustomTTSConfig: JSON.stringify({ TTSType: 'tencent', AppId: '1300000000', VoiceType: 101001, Text: '你好 "quoted" \\ 😀' }),
      TtsParam: TTS_PARAM,
    }),
  },
  { name: 'createaicall-utc-day-boundary', timestamp: DAY_BOUNDARY, params: createAICall({ WelcomeMessage: '新年快乐🎆' }) },
  { name: 'createaicall-utc-midnight', timestamp: T2, params: createAICall() },
  { name: 'createaicall-intl-host', timestamp: T1, endpoint: 'ccc.intl.tencentcloudapi.com', params: createAICall({ WelcomeMessage: 'Bonjour, ça va ?' }) },
  { name: 'createaicall-sts-token', timestamp: T1, token: STS_TOKEN, params: createAICall() },
  {
    name: 'createaicall-intl-sts-day-boundary',
    timestamp: DAY_BOUNDARY,
    endpoint: 'ccc.intl.tencentcloudapi.com',
    token: STS_TOKEN,
    region: 'ap-singapore',
    language: 'en-US',
    params: createAICall({ SystemPrompt: systemPrompt('zh') }),
  },
  {
    name: 'describeaicallextractresult-get',
    timestamp: T1,
    method: 'GET',
    action: 'DescribeAICallExtractResult',
    params: { SdkAppId: 1400000000, SessionId: 'session-你好-😀', StartTime: 1773129600, EndTime: 1773216000 },
  },
  {
    name: 'describetelcdr-get-special-characters',
    timestamp: T1,
    method: 'GET',
    action: 'DescribeTelCdr',
    params: { SdkAppId: 1400000000, Phones: ['+86 138 0000 0000', SPECIAL], PageSize: 10, PageNumber: 0 },
  },
  { name: 'empty-body', timestamp: T1, action: 'DescribeNumbers', params: {} },
];

const DYVMS = { endpoint: 'dyvmsapi.aliyuncs.com', version: '2017-05-25' };

function batchRobotSmartCall(extra = {}) {
  return {
    CalledShowNumber: '057100000000',
    CorpName: '示例科技有限公司',
    CalledNumber: '13900000000,13900000001',
    DialogId: '10001',
    TaskName: 'callplane-test',
    EarlyMediaAsr: false,
    TtsParam: TTS_PARAM,
    ...extra,
  };
}

const callees = Array.from({ length: 100 }, (_, i) => `139${String(i).padStart(8, '0')}`);
const bigTts = JSON.stringify(callees.map((n, i) => ({ number: n, params: [`客户${i}`, '明天 10:00', '😀'] })));

const ACS3_CASES = [
  { name: 'batchrobotsmartcall', timestamp: T1, query: batchRobotSmartCall() },
  { name: 'batchrobotsmartcall-zh-emoji', timestamp: T1, query: batchRobotSmartCall({ TaskName: ZH_EMOJI }) },
  { name: 'batchrobotsmartcall-special-characters', timestamp: T1, query: batchRobotSmartCall({ TaskName: SPECIAL, CorpName: SPECIAL }) },
  { name: 'batchrobotsmartcall-100-callees', timestamp: T1, query: batchRobotSmartCall({ CalledNumber: callees.join(','), TtsParam: bigTts }) },
  { name: 'batchrobotsmartcall-utc-day-boundary', timestamp: DAY_BOUNDARY, query: batchRobotSmartCall() },
  { name: 'batchrobotsmartcall-sts-token', timestamp: T1, securityToken: STS_TOKEN, query: batchRobotSmartCall() },
  {
    name: 'batchrobotsmartcall-form-body',
    timestamp: T1,
    query: { DialogId: '10001' },
    body: batchRobotSmartCall({ TaskName: ZH_EMOJI }),
  },
  {
    name: 'batchrobotsmartcall-json-body',
    timestamp: T2,
    reqBodyType: 'json',
    query: {},
    body: batchRobotSmartCall({ TaskName: SPECIAL }),
  },
  { name: 'querycalldetailbytaskid-get', timestamp: T1, method: 'GET', action: 'QueryCallDetailByTaskId', query: { TaskId: '4001112222', Callee: '13900000000', QueryDate: 1773129600000 } },
  { name: 'querycalldetailbytaskid-get-sts', timestamp: DAY_BOUNDARY, method: 'GET', securityToken: STS_TOKEN, action: 'QueryCallDetailByTaskId', query: { TaskId: '4001112222', Callee: '13900000000' } },
  { name: 'no-parameters', timestamp: T2, action: 'QueryRobotv2AllList', query: {} },
];

const RPC_CASES = [
  { sdk: 'tea', name: 'batchrobotsmartcall', timestamp: T1, query: batchRobotSmartCall() },
  { sdk: 'tea', name: 'batchrobotsmartcall-zh-emoji', timestamp: T1, query: batchRobotSmartCall({ TaskName: ZH_EMOJI, CorpName: ZH_EMOJI }) },
  { sdk: 'tea', name: 'batchrobotsmartcall-special-characters', timestamp: T1, query: batchRobotSmartCall({ TaskName: SPECIAL }) },
  { sdk: 'tea', name: 'batchrobotsmartcall-100-callees', timestamp: T1, query: batchRobotSmartCall({ CalledNumber: callees.join(','), TtsParam: bigTts }) },
  { sdk: 'tea', name: 'batchrobotsmartcall-utc-day-boundary', timestamp: DAY_BOUNDARY, query: batchRobotSmartCall() },
  { sdk: 'tea', name: 'batchrobotsmartcall-sts-securitytoken', timestamp: T1, securityToken: STS_TOKEN, query: batchRobotSmartCall() },
  { sdk: 'tea', name: 'querycalldetailbytaskid-get', timestamp: T2, method: 'GET', action: 'QueryCallDetailByTaskId', query: { TaskId: '4001112222', Callee: '13900000000', QueryDate: 1773129600000 } },
  { sdk: 'pop', name: 'querycalldetailbytaskid-get', timestamp: T1, action: 'QueryCallDetailByTaskId', params: { TaskId: '4001112222', Callee: '13900000000', QueryDate: 1773129600000 } },
  { sdk: 'pop', name: 'batchrobotsmartcall-get-zh-special', timestamp: T1, action: 'BatchRobotSmartCall', params: batchRobotSmartCall({ TaskName: ZH_EMOJI, CorpName: SPECIAL }) },
  { sdk: 'pop', name: 'get-sts-securitytoken-day-boundary', timestamp: DAY_BOUNDARY, securityToken: STS_TOKEN, action: 'QueryCallDetailByTaskId', params: { TaskId: '1', Callee: '13900000000' } },
  // pop-core flattens arrays as Name.1, Name.2, … ; "Key.10" sorts before "Key.2".
  { sdk: 'pop', name: 'get-repeat-list', timestamp: T2, action: 'QueryRobotTaskCallList', params: { Key: Array.from({ length: 11 }, (_, i) => `v${i + 1} ${SPECIAL.slice(i, i + 2)}`), Empty: '' } },
];

// ---------------------------------------------------------------------------------------------

function writeCase(scheme, name, files) {
  const dir = path.join(SUITE, scheme, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), content);
  }
}

function cleanGenerated() {
  for (const scheme of ['tc3-hmac-sha256', 'aliyun-acs3-hmac-sha256', 'aliyun-rpc-hmac-sha1']) {
    const dir = path.join(SUITE, scheme);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir)) {
      if (GENERATED_PREFIXES.some((p) => entry.startsWith(p))) fs.rmSync(path.join(dir, entry), { recursive: true });
    }
  }
}

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

function check(cond, what) {
  if (!cond) throw new Error(`generator self-check failed: ${what}`);
}

async function tc3Case(c) {
  const endpoint = c.endpoint || 'ccc.tencentcloudapi.com';
  const { sent, records } = await tencentCall({
    endpoint,
    action: c.action || 'CreateAICall',
    params: c.params,
    timestamp: c.timestamp,
    secretId: TC3_ID,
    secretKey: TC3_KEY,
    token: c.token,
    method: c.method || 'POST',
    region: c.region,
    language: c.language,
  });
  const headers = Object.entries(sent.config.headers)
    .filter(([n]) => n !== 'Authorization')
    .map(([n, v]) => [n, String(v)]);
  const url = new URL(sent.url);
  const body = sent.config.body === undefined ? '' : sent.config.body;
  const authorization = sent.config.headers.Authorization;
  // sign3 hashes the payload, then the canonical request; its last HMAC takes the string to sign.
  const hashes = records.filter((r) => r.kind === 'hash' && r.alg === 'sha256');
  const canonical = hashes[hashes.length - 1].input;
  const sts = lastRecord(records, 'hmac', 'sha256').input;
  const signature = authorization.split('Signature=')[1];
  check(hashes.length >= 2 && canonical.split('\n').length === 8, 'canonical request shape');
  check(sts.startsWith('TC3-HMAC-SHA256\n'), 'string to sign');
  writeCase('tc3-hmac-sha256', `tencentcloud-node-${c.name}`, {
    'request.txt': requestText(sent.config.method, url.pathname + url.search, headers, body),
    'context.json': json({ secret_id: TC3_ID, secret_key: TC3_KEY, timestamp: c.timestamp }),
    'canonical-request.txt': canonical,
    'string-to-sign.txt': sts,
    'signature.txt': signature,
    'authorization.txt': authorization,
  });
}

async function acs3Case(c) {
  const { sent, records } = await aliyunCall({
    signature: 'v3',
    endpoint: DYVMS.endpoint,
    action: c.action || 'BatchRobotSmartCall',
    version: DYVMS.version,
    method: c.method || 'POST',
    query: c.query,
    body: c.body,
    reqBodyType: c.reqBodyType || 'formData',
    timestamp: c.timestamp,
    nonce: `callplane-nonce-${c.name}`,
    accessKeyId: ALI_ID,
    accessKeySecret: ALI_SECRET,
    securityToken: c.securityToken,
  });
  const authorization = sent.headers.Authorization;
  const headers = Object.entries(sent.headers).filter(([n]) => n !== 'Authorization');
  const url = new URL(teaUrl(sent));
  const target = teaUrl(sent).slice(`${url.protocol}//${url.host}`.length);
  const body = teaBody(sent);
  const hashes = records.filter((r) => r.kind === 'hash' && r.alg === 'sha256');
  const canonical = hashes[hashes.length - 1].input;
  const sts = lastRecord(records, 'hmac', 'sha256').input;
  const signedHeaders = /SignedHeaders=([^,]*)/.exec(authorization)[1].split(';');
  check(sts.startsWith('ACS3-HMAC-SHA256\n'), 'string to sign');
  writeCase('aliyun-acs3-hmac-sha256', `openapi-client-${c.name}`, {
    'request.txt': requestText(sent.method, target, headers, body),
    'context.json': json({ access_key_id: ALI_ID, access_key_secret: ALI_SECRET, signed_headers: signedHeaders }),
    'canonical-request.txt': canonical,
    'string-to-sign.txt': sts,
    'signature.txt': /Signature=([0-9a-f]{64})$/.exec(authorization)[1],
    'authorization.txt': authorization,
  });
}

function withoutSignature(query) {
  return query.split('&').filter((kv) => !kv.startsWith('Signature=')).join('&');
}

async function rpcCase(c) {
  let method;
  let target;
  let headers;
  let records;
  let sentSignature;
  let name;
  if (c.sdk === 'tea') {
    const r = await aliyunCall({
      signature: 'v1',
      endpoint: DYVMS.endpoint,
      action: c.action || 'BatchRobotSmartCall',
      version: DYVMS.version,
      method: c.method || 'POST',
      query: c.query,
      timestamp: c.timestamp,
      nonce: `callplane-nonce-${c.name}`,
      accessKeyId: ALI_ID,
      accessKeySecret: ALI_SECRET,
      securityToken: c.securityToken,
    });
    check(teaBody(r.sent).length === 0, 'RPC cases keep every parameter in the query');
    method = r.sent.method;
    const { Signature, ...rest } = r.sent.query;
    sentSignature = Signature;
    target = `/?${querystring.stringify(rest)}`;
    headers = Object.entries(r.sent.headers);
    records = r.records;
    name = `openapi-client-${c.name}`;
  } else {
    const r = await popCoreCall({
      endpoint: `https://${DYVMS.endpoint}`,
      apiVersion: DYVMS.version,
      action: c.action,
      params: c.params,
      timestamp: c.timestamp,
      nonce: `callplane-nonce-${c.name}`,
      accessKeyId: ALI_ID,
      accessKeySecret: ALI_SECRET,
      securityToken: c.securityToken,
    });
    method = 'GET';
    const url = new URL(r.sent.url);
    sentSignature = decodeURIComponent(/[?&]Signature=([^&]*)/.exec(r.sent.url)[1]);
    target = `/?${withoutSignature(url.search.slice(1))}`;
    // pop-core's x-sdk-client and user-agent name the local Node version and OS; they are not
    // signed, so they are pinned here to keep regenerated files identical across machines.
    headers = [['Host', DYVMS.endpoint], ...Object.entries(r.sent.opts.headers).map(([n, v]) => [
      n,
      n === 'x-sdk-client' ? `Node.js, @alicloud/pop-core: ${alibaba.versions['pop-core']}`
        : n === 'user-agent' ? `AlibabaCloud Core/${alibaba.versions['pop-core']}` : v,
    ])];
    records = r.records;
    name = `pop-core-${c.name}`;
  }
  const hmac = lastRecord(records, 'hmac', 'sha1');
  const sts = hmac.input;
  const parts = sts.split('&');
  check(parts.length === 3 && parts[1] === '%2F', 'RPC string to sign shape');
  // The SDK's canonicalized query is the third part of its string to sign, percent-encoded once
  // more; decoding that layer gives it back exactly.
  const canonical = decodeURIComponent(parts[2]);
  writeCase('aliyun-rpc-hmac-sha1', name, {
    'request.txt': requestText(method, target, headers, ''),
    'context.json': json({ access_key_secret: ALI_SECRET }),
    'canonical-request.txt': canonical,
    'string-to-sign.txt': sts,
    'signature.txt': sentSignature,
  });
}

cleanGenerated();
for (const c of TC3_CASES) await tc3Case(c);
for (const c of ACS3_CASES) await acs3Case(c);
for (const c of RPC_CASES) await rpcCase(c);
console.log(
  `generated ${TC3_CASES.length} tc3 (tencentcloud-sdk-nodejs ${tencent.version}), `
  + `${ACS3_CASES.length} acs3 (@alicloud/openapi-client ${alibaba.versions['openapi-client']} + openapi-util ${alibaba.versions['openapi-util']}), `
  + `${RPC_CASES.length} rpc (openapi-client, @alicloud/pop-core ${alibaba.versions['pop-core']}) cases`,
);
