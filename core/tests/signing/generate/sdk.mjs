// Drives the vendors' official Node SDKs offline and records what they sign.
//
// - `crypto.createHash` / `crypto.createHmac` are wrapped (before any SDK module loads) so the exact
//   strings the SDK hashes and HMACs are recorded: the canonical request is the input of the SDK's
//   canonical-request hash, the string to sign is the input of its final HMAC. Nothing is recomputed
//   by us: every expected file comes out of the SDK.
// - The SDKs' transports are replaced by stubs that record the outgoing request and answer 200, and
//   the clock is pinned, so cases are reproducible.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const crypto = require('node:crypto');

// ---------------------------------------------------------------------------------------------
// crypto capture (must run before the SDKs are required: some copy `crypto`'s functions at load)

const realCreateHash = crypto.createHash;
const realCreateHmac = crypto.createHmac;
let log = null;

function recorder(kind, alg, obj) {
  if (!log) return obj;
  const entry = { kind, alg, chunks: [] };
  log.push(entry);
  const update = obj.update.bind(obj);
  obj.update = (data, enc) => {
    entry.chunks.push(Buffer.isBuffer(data) ? Buffer.from(data) : Buffer.from(data, enc || 'utf8'));
    update(data, enc);
    return obj;
  };
  return obj;
}

crypto.createHash = function createHash(alg, ...rest) {
  return recorder('hash', alg, realCreateHash.call(crypto, alg, ...rest));
};
crypto.createHmac = function createHmac(alg, key, ...rest) {
  return recorder('hmac', alg, realCreateHmac.call(crypto, alg, key, ...rest));
};

/** Runs `fn` and returns [result, records of every hash/HMAC input made meanwhile]. */
export async function captureCrypto(fn) {
  const outer = log;
  log = [];
  try {
    const result = await fn();
    return [result, log.map((e) => ({ ...e, input: Buffer.concat(e.chunks).toString('utf8') }))];
  } finally {
    log = outer;
  }
}

/** `captureCrypto` for synchronous SDK functions (`Sign.sign3`, `getAuthorization`, …). */
export function captureCryptoSync(fn) {
  const outer = log;
  log = [];
  try {
    const result = fn();
    return [result, log.map((e) => ({ ...e, input: Buffer.concat(e.chunks).toString('utf8') }))];
  } finally {
    log = outer;
  }
}

// ---------------------------------------------------------------------------------------------
// pinned clock

const RealDate = Date;

/** Runs `fn` with `new Date()` / `Date.now()` pinned to `ms`. */
export async function atTime(ms, fn) {
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
    static now() {
      return ms;
    }
  }
  globalThis.Date = PinnedDate;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ---------------------------------------------------------------------------------------------
// SDK modules (loaded after the crypto wrapper)

export const tencent = {
  Sign: require('tencentcloud-sdk-nodejs/tencentcloud/common/sign.js').default,
  CccClient: require('tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client.js').Client,
  CommonClient: require('tencentcloud-sdk-nodejs/tencentcloud/common/common_client.js').CommonClient,
  fetchModule: require('tencentcloud-sdk-nodejs/tencentcloud/common/http/fetch.js'),
  // The serialiser the SDK uses for JSON bodies (json-bigint escapes more than JSON.stringify).
  JSONbig: createRequire(require.resolve('tencentcloud-sdk-nodejs'))('json-bigint')({ useNativeBigInt: true }),
  version: require('tencentcloud-sdk-nodejs/package.json').version,
};

// Resolved from openapi-client's own location, so these are the instances it uses.
const fromOpenApi = createRequire(require.resolve('@alicloud/openapi-client'));
const teaModule = fromOpenApi('@alicloud/tea-typescript');
const teaUtil = fromOpenApi('@alicloud/tea-util').default;
export const alibaba = {
  OpenApi: require('@alicloud/openapi-client'),
  OpenApiUtil: require('@alicloud/openapi-util').default,
  Util: fromOpenApi('@alicloud/tea-util'),
  RPCClient: require('@alicloud/pop-core').RPCClient,
  popHttpx: createRequire(require.resolve('@alicloud/pop-core'))('httpx'),
  popKitx: createRequire(require.resolve('@alicloud/pop-core'))('kitx'),
  versions: {
    'openapi-util': require('@alicloud/openapi-util/package.json').version,
    'openapi-client': require('@alicloud/openapi-client/package.json').version,
    'pop-core': require('@alicloud/pop-core/package.json').version,
  },
};

// ---------------------------------------------------------------------------------------------
// Tencent: a real ccc client call, transport stubbed

/**
 * Calls `action` through `tencentcloud-sdk-nodejs`'s ccc client (the full request path:
 * AbstractClient → HttpConnection.doRequestWithSign3 → Sign.sign3) at `timestamp` and returns the
 * request it would send plus what it hashed.
 */
export async function tencentCall({ endpoint, action, params, timestamp, secretId, secretKey, token, method = 'POST', region, language }) {
  let sent = null;
  const realFetch = tencent.fetchModule.default;
  tencent.fetchModule.default = async (url, config) => {
    sent = { url, config };
    return {
      status: 200,
      headers: { get: (k) => (k.toLowerCase() === 'content-type' ? 'application/json' : null) },
      json: async () => ({ Response: { RequestId: 'generated' } }),
    };
  };
  try {
    const client = new tencent.CccClient({
      credential: { secretId, secretKey, token },
      region,
      profile: {
        language,
        httpProfile: {
          endpoint,
          reqMethod: method,
          // A fixed trace id instead of a random uuid keeps cases reproducible.
          headers: { 'X-TC-TraceId': '00000000-0000-4000-8000-000000000000' },
        },
      },
    });
    const [, records] = await captureCrypto(() => atTime(timestamp * 1000, () => client.request(action, params)));
    return { sent, records };
  } finally {
    tencent.fetchModule.default = realFetch;
  }
}

// ---------------------------------------------------------------------------------------------
// Alibaba: openapi-client (V3 by default, RPC v1 with signatureAlgorithm "v2"), transport stubbed

const FIXED_UA = 'AlibabaCloud (callplane-generate) TeaDSL/1';

/**
 * Calls `action` through `@alicloud/openapi-client`'s `callApi` (RPC style, as the dyvms client
 * does) and returns the `$tea.Request` it would send plus what it hashed.
 * `signature`: 'v3' → doRequest (ACS3-HMAC-SHA256), 'v1' → doRPCRequest (HMAC-SHA1).
 */
export async function aliyunCall({ signature, endpoint, action, version, method = 'POST', query = {}, body, reqBodyType = 'formData', timestamp, nonce, accessKeyId, accessKeySecret, securityToken }) {
  const { OpenApi, OpenApiUtil } = alibaba;
  let sent = null;
  const realDoAction = teaModule.doAction;
  const realNonce = teaUtil.getNonce;
  teaModule.doAction = async (request) => {
    sent = request;
    return { statusCode: 200, headers: {}, body: null };
  };
  teaUtil.getNonce = () => nonce;
  try {
    const config = new OpenApi.Config({
      accessKeyId,
      accessKeySecret,
      securityToken,
      endpoint,
      protocol: 'https',
      signatureAlgorithm: signature === 'v1' ? 'v2' : undefined,
    });
    const client = new OpenApi.default(config);
    client.getUserAgent = () => FIXED_UA;
    const params = new OpenApi.Params({
      action,
      version,
      protocol: 'HTTPS',
      pathname: '/',
      method,
      authType: 'AK',
      style: 'RPC',
      reqBodyType,
      bodyType: 'binary',
    });
    const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query), body });
    const runtime = new alibaba.Util.RuntimeOptions({});
    const [, records] = await captureCrypto(() => atTime(timestamp * 1000, () => client.callApi(params, request, runtime)));
    return { sent, records };
  } finally {
    teaModule.doAction = realDoAction;
    teaUtil.getNonce = realNonce;
  }
}

/** The URL `$tea.doAction` builds for a request (tea-typescript's buildURL). */
export function teaUrl(request) {
  const qs = require('node:querystring');
  let url = `${request.protocol}://${request.headers.host}${request.pathname}`;
  if (request.query && Object.keys(request.query).length > 0) url += `?${qs.stringify(request.query)}`;
  return url;
}

/** The body bytes of a `$tea.Request` (a BytesReadable), or an empty buffer. */
export function teaBody(request) {
  return request.body && request.body.value ? Buffer.from(request.body.value) : Buffer.alloc(0);
}

/**
 * Calls `action` through `@alicloud/pop-core`'s RPCClient (GET with every parameter in the query,
 * or POST with every parameter in a form body), transport stubbed.
 */
export async function popCoreCall({ endpoint, apiVersion, action, params, method = 'GET', timestamp, nonce, accessKeyId, accessKeySecret, securityToken }) {
  const { RPCClient, popHttpx, popKitx } = alibaba;
  let sent = null;
  const realRequest = popHttpx.request;
  const realRead = popHttpx.read;
  const realNonce = popKitx.makeNonce;
  popHttpx.request = async (url, opts) => {
    sent = { url, opts };
    return { statusCode: 200, headers: {}, req: { getHeaders: () => opts.headers } };
  };
  popHttpx.read = async () => Buffer.from('{"RequestId":"generated","Code":"OK"}');
  popKitx.makeNonce = () => nonce;
  try {
    const client = new RPCClient({ accessKeyId, accessKeySecret, securityToken, endpoint, apiVersion });
    const [, records] = await captureCrypto(() => atTime(timestamp * 1000, () => client.request(action, params, { method, formatParams: false })));
    return { sent, records };
  } finally {
    popHttpx.request = realRequest;
    popHttpx.read = realRead;
    popKitx.makeNonce = realNonce;
  }
}

// ---------------------------------------------------------------------------------------------
// reading the records

/** The last record of `kind`/`alg` (case-insensitive alg). */
export function lastRecord(records, kind, alg) {
  const matching = records.filter((r) => r.kind === kind && r.alg.toLowerCase() === alg);
  if (matching.length === 0) throw new Error(`no ${kind} ${alg} recorded`);
  return matching[matching.length - 1];
}

/** HTTP/1.1 request text in the suite's format (CRLF lines, blank line, raw body). */
export function requestText(method, target, headers, body) {
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)];
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), Buffer.from(body)]);
}
