// The vendor's own view of each call, asked through its lookup operations (buildRequest → fetch →
// parseResponse), shown beside the unified status. Costs are bounded so watching never competes
// with sending: Bland answers a whole batch in one GET /v1/calls?batch_id=; Tencent's
// DescribeTelCdr takes up to 100 SessionIds per request (at most 4 requests a poll, well under
// ccc's 20/s per action); Alibaba's QueryCallDetailByTaskId is one request per callee, so it is
// asked once per call, after the call has ended, 10 per poll at most.

const ALIYUN_LOOKUPS_PER_POLL = 10;
const TENCENT_CDR_PAGE = 100;
/** At one poll per 400 ms, 4 requests a poll is 10/s: half of ccc's 20/s per action. */
const TENCENT_CDR_REQUESTS_PER_POLL = 4;

async function ask(api, operation, credentials, input) {
  const built = api.buildRequest(operation, credentials, input);
  const res = await fetch(built.url, { method: built.method, headers: built.headers, body: built.body ?? undefined });
  return api.parseResponse(operation, { status: res.status, headers: [...res.headers], body: await res.text() }).data;
}

/**
 * Update `view` (call id → the vendor's words) for `calls` (from GET /_sim/calls). `results` are
 * the send results (batch / task ids). Errors are recorded per call, never thrown.
 */
export async function refreshVendorView(api, vendor, credentials, { results, calls, view, sdkAppId, simNowMs }) {
  if (vendor === 'bland') {
    for (const r of results) {
      if (!r.ok || !r.handle.batchId) continue;
      const data = await ask(api, 'bland.listCalls', credentials, { batchId: r.handle.batchId });
      for (const c of data.calls ?? []) {
        const words = [`queue_status ${c.queueStatus ?? '?'}`, `status ${c.status ?? '?'}`];
        if (c.answeredBy) words.push(`answered_by ${c.answeredBy}`);
        if (c.errorMessage) words.push(c.errorMessage);
        view.set(c.callId, { text: words.join(' · '), final: c.completed === true });
      }
    }
    return 'GET /v1/calls?batch_id= (bland.listCalls), one request per batch';
  }
  const ended = calls.filter((c) => c.ended_at !== null && !view.get(c.id)?.final);
  if (vendor === 'aliyun') {
    for (const c of ended.slice(0, ALIYUN_LOOKUPS_PER_POLL)) {
      try {
        const data = await ask(api, 'aliyun.queryCallDetailByTaskId', credentials, { taskId: c.batch_id, callee: c.to, queryDate: Math.min(c.created_at, Date.now()) });
        const d = data.data;
        view.set(c.id, d && typeof d === 'object'
          ? { text: `state ${d.state} ${d.stateDesc ?? ''}`.trim(), final: true }
          // Alibaba answers Data "" until it has a record for that callee on QueryDate's day.
          : { text: 'no record (Data is empty)', final: false });
      } catch (e) {
        view.set(c.id, { text: `${e.code ?? 'error'}: ${e.message}`, final: false });
      }
    }
    return 'QueryCallDetailByTaskId, once per ended call';
  }
  if (ended.length === 0) return 'DescribeTelCdr by SessionIds';
  // The window is on the vendor's clock (the simulator's, which may run fast): from the earliest
  // call's creation to its "now", a minute of margin either side.
  const start = Math.floor(Math.min(...ended.map((c) => c.created_at)) / 1000) - 60;
  const end = Math.floor(simNowMs / 1000) + 60;
  for (let k = 0; k < Math.min(ended.length, TENCENT_CDR_PAGE * TENCENT_CDR_REQUESTS_PER_POLL); k += TENCENT_CDR_PAGE) {
    const page = ended.slice(k, k + TENCENT_CDR_PAGE);
    const data = await ask(api, 'tencent.describeTelCdr', credentials, {
      sdkAppId, startTimeStamp: start, endTimeStamp: end, pageSize: TENCENT_CDR_PAGE, pageNumber: 0, sessionIds: page.map((c) => c.id),
    });
    for (const r of data.telCdrList ?? []) {
      view.set(r.sessionId, { text: `EndStatus ${r.endStatus}${r.endStatusString ? ` ${r.endStatusString}` : ''}`, final: true });
    }
  }
  return 'DescribeTelCdr by SessionIds, up to 100 per request';
}
