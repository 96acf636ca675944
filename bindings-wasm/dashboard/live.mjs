// Sending a plan to a vendor (here: a callplane-sim) from the browser, and watching the calls.
// Requests are built and signed by the wasm `buildRequest`, moved by `fetch`, and read back by
// `parseResponse`; nothing here knows a vendor's wire format.

import { TENCENT_REQUESTS_PER_SECOND } from './vendors.mjs';

/** Every status of a call, in the order the chart stacks them (finished outcomes first). */
export const STATUSES = ['completed', 'voicemail', 'no_answer', 'busy', 'failed', 'canceled', 'in_progress', 'ringing', 'queued'];
export const TERMINAL = new Set(['completed', 'voicemail', 'no_answer', 'busy', 'failed', 'canceled']);

/**
 * At most `perSecond` requests in any 1000 ms *as the server counts them* (ccc counts arrivals
 * in any sliding second). The server stamps a request somewhere between our send and our receipt
 * of its answer, so a request may start only 1000 ms after the answer to the `perSecond`-th
 * previous one arrived: then no two requests `perSecond` apart can land within one second,
 * whatever the network did. (Spacing the *starts* is not enough: found by the e2e test, where a
 * slow request followed by fast ones put 21 in one second.) Requests are sent one at a time.
 */
export class RateLimiter {
  constructor(perSecond, { now = () => performance.now(), sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
    this.perSecond = perSecond;
    this.ends = []; // when the answers to the last `perSecond` requests arrived
    this.now = now;
    this.sleep = sleep;
  }

  /** Resolves when the next request may start. */
  async wait() {
    while (this.ends.length >= this.perSecond) {
      const ms = this.ends[0] + 1000 + 2 - this.now();
      if (ms <= 0) return;
      await this.sleep(ms);
    }
  }

  /** Records that the answer to a request (or its failure) has arrived. */
  done() {
    this.ends.push(this.now());
    if (this.ends.length > this.perSecond) this.ends.shift();
  }
}

/** Vendor credentials for `buildRequest`, pointed at `endpoint`. */
export function credentialsFor(vendor, form, endpoint) {
  if (vendor === 'bland') return { vendor, apiKey: form.blandApiKey, endpoint };
  if (vendor === 'aliyun') return { vendor, accessKeyId: form.aliyunAccessKeyId, accessKeySecret: form.aliyunAccessKeySecret, endpoint };
  return { vendor, secretId: form.tencentSecretId, secretKey: form.tencentSecretKey, endpoint };
}

/** What a vendor's answer gives to find its calls again. */
function handleOf(operation, data) {
  if (operation === 'bland.createBatch') return { batchId: data.batchId ?? null };
  if (operation === 'aliyun.batchRobotSmartCall') return { batchId: data.taskId ?? null };
  return { callId: data.sessionId ?? null };
}

function describeError(e) {
  if (e && e.name === 'CallplaneError') {
    const parts = [e.code];
    if (e.vendorCode) parts.push(e.vendorCode);
    const issues = (e.issues ?? []).map((i) => `${i.path}: ${i.message}`);
    return `${parts.join(' / ')}: ${e.message}${issues.length ? ` (${issues.join('; ')})` : ''}`;
  }
  if (e instanceof TypeError) return `network error: ${e.message} (is the simulator running at this address?)`;
  return String(e?.message ?? e);
}

/**
 * Send every request of `plan`, Tencent's paced at 20/s. `onSent({request, ok, handle, error})`
 * is called after each. Returns the results in plan order.
 */
export async function sendPlan(api, plan, credentials, { onSent = () => {} } = {}) {
  const limiter = plan.vendor === 'tencent' ? new RateLimiter(TENCENT_REQUESTS_PER_SECOND) : null;
  const results = [];
  for (const [k, request] of plan.requests.entries()) {
    if (limiter) await limiter.wait();
    let result;
    try {
      const built = api.buildRequest(request.operation, credentials, request.input);
      let res;
      let body;
      try {
        res = await fetch(built.url, { method: built.method, headers: built.headers, body: built.body ?? undefined });
        body = await res.text();
      } finally {
        limiter?.done();
      }
      const parsed = api.parseResponse(request.operation, { status: res.status, headers: [...res.headers], body });
      result = { request: k, rows: request.rows, ok: true, handle: handleOf(request.operation, parsed.data), requestId: parsed.requestId };
    } catch (e) {
      result = { request: k, rows: request.rows, ok: false, error: describeError(e), code: e?.code ?? null };
    }
    results.push(result);
    onSent(result);
  }
  return results;
}

/**
 * The calls the sent requests created, from the simulator's `GET /_sim/calls` (every vendor in one
 * shape; see the README for why this and not each vendor's lookups). Calls are matched by batch /
 * task id, or by call id for Tencent's one-call requests. `nowMs` is the simulator's clock.
 */
export async function fetchCalls(simUrl, vendor, results) {
  const batchIds = new Set(results.filter((r) => r.ok && r.handle.batchId).map((r) => r.handle.batchId));
  const callIds = new Set(results.filter((r) => r.ok && r.handle.callId).map((r) => r.handle.callId));
  const res = await fetch(`${simUrl.replace(/\/+$/, '')}/_sim/calls?vendor=${vendor}`);
  if (!res.ok) throw new Error(`GET /_sim/calls: HTTP ${res.status}`);
  const body = await res.json();
  return { nowMs: body.now_ms, calls: body.calls.filter((c) => batchIds.has(c.batch_id) || callIds.has(c.id)) };
}

/** Counts by status. */
export function tally(calls) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const c of calls) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}
