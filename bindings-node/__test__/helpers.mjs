// Shared test helpers: tiny local HTTP servers whose behaviour each test controls, and a few
// valid inputs per vendor, in the package's JS names (camelCase).
import http from 'node:http'
import { performance } from 'node:perf_hooks'

/**
 * Start a loopback HTTP server. `handler(req, res, record)` answers (or not); every request is
 * recorded with its body and arrival time (ms, monotonic) before the handler runs.
 */
export async function startServer(handler) {
  const requests = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const record = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      }
      requests.push(record)
      handler(req, res, record, requests)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort() {
  const s = http.createServer()
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address()
  await new Promise((resolve) => s.close(resolve))
  return port
}

/** The largest number of `times` (ms) inside any half-open window of `windowMs`. */
export function busiestWindow(times, windowMs) {
  const t = [...times].sort((a, b) => a - b)
  let start = 0
  let best = 0
  for (let end = 0; end < t.length; end++) {
    while (t[end] - t[start] >= windowMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

export const SDK_APP_ID = 1400000001

export const inputs = {
  sendCall: { phoneNumber: '+12015550100', task: 'Say hello and confirm the appointment.' },
  getCall: { callId: 'c-1' },
  createAICall: {
    sdkAppId: SDK_APP_ID,
    callee: '+8613800138000',
    systemPrompt: 'You are a polite assistant confirming an appointment.',
    llmType: 'openai',
    model: 'gpt-4o-mini',
    apiKey: 'sk-llm-test',
    apiUrl: 'https://api.openai.com/v1',
  },
  describeTelSession: { sdkAppId: SDK_APP_ID, sessionId: 's-1' },
  batchRobotSmartCall: {
    calledShowNumber: '057188773344',
    calledNumber: '13800138000',
    corpName: 'Callplane Test Co',
    dialogId: '100001',
    taskName: 'reminders',
  },
  queryCallDetailByTaskId: { taskId: '4001112222', queryDate: 1767225600000, callee: '13800138000' },
}

/** Vendor-shaped success bodies (as documented, in the vendors' wire names). */
export const ok = {
  bland: { status: 'success', message: 'Call successfully queued.', call_id: '9d404c1b-6a23-4426-953a-a52c392ff8f1', batch_id: null },
  tencent: (extra = {}) => ({ Response: { RequestId: 'req-ok', ...extra } }),
  aliyun: { RequestId: 'req-ok', Code: 'OK', Message: 'OK', TaskId: '4001112222' },
}
