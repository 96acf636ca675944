// Every client of the package, as a TypeScript user writes it. Type-checked in CI with
// `tsc --noEmit --strict -p examples/tsconfig.json`; it imports the package by its own name, so
// the `exports` map and the published typings are what is checked.
import {
  Aliyun,
  Bland,
  CallplaneError,
  RequestSigner,
  Tencent,
  startSimulator,
  preflightBlandBatch,
  preflightBlandCsv,
  validate,
  checkCampaign,
  planCampaign,
  type Campaign,
  type CampaignPlan,
  type CallResult,
  type Issue,
  type RetryClass,
} from 'callplane'

// Signing requests you build yourself, many per call: strings in, one string per request out.
function signBatches(): string[] {
  const ali = new RequestSigner({ vendor: 'aliyun', accessKeyId: 'LTAI', accessKeySecret: 'secret' })
  const shared = ['Action', 'BatchRobotSmartCall', 'Version', '2017-05-25', 'AccessKeyId', 'LTAI', 'SignatureMethod', 'HMAC-SHA1', 'SignatureVersion', '1.0']
  // One row of values per request, in the order of the names.
  const rpc: string[] = ali.rpcSignatures('POST', shared, ['SignatureNonce', 'Timestamp', 'CalledNumber'],
    ['n-1', '2026-03-10T08:15:30Z', '13900000000', 'n-2', '2026-03-10T08:15:31Z', '13900000001'])
  const emptyBodyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
  const v3: string[] = ali.acs3Authorizations('POST', '/', ['TaskName', 'demo'], ['host', 'dyvmsapi.aliyuncs.com'],
    ['CalledNumber'], ['x-acs-date', 'x-acs-signature-nonce'], ['13900000000', '2026-03-10T08:15:30Z', 'n-1', emptyBodyHash])
  const tc3 = new RequestSigner({ vendor: 'tencent', secretId: 'AKID', secretKey: 'key' })
  const bodies: Array<string | Uint8Array> = ['{"Callee":"+8613900000000"}', Buffer.from('{}')]
  return [...rpc, ...v3, ...tc3.authorizations('POST', 'https://ccc.tencentcloudapi.com/', ['Content-Type', 'application/json'], bodies)]
}

async function main(): Promise<void> {
  console.log(signBatches().length)
  const sim = await startSimulator({ seed: 7, speed: 0 })
  try {
    const bland = new Bland({
      ...sim.credentials.bland,
      endpoint: sim.url,
      timeoutMs: 10_000,
      retries: { max: 3, baseMs: 250, capMs: 5_000 },
      rateLimit: { requests: 5, perMs: 1_000 },
    })
    const aliyun = new Aliyun({ ...sim.credentials.aliyun, endpoint: sim.url, signature: 'v3' })
    const tencent = new Tencent({ ...sim.credentials.tencent, endpoint: sim.url, rateLimit: false })

    const results: CallResult[] = await Promise.all([
      bland.sendCall({ phoneNumber: '+12015550100', task: 'Confirm the appointment.' }),
      bland.createBatchV2({
        global: { task: 'Remind {{name}} of the appointment.' },
        callObjects: [{ phoneNumber: '+12015550101', requestData: { name: 'Ada' } }],
      }),
      bland.call('listCalls', {}),
      aliyun.batchRobotSmartCall({
        calledShowNumber: '057188773344',
        calledNumber: '13800138000',
        corpName: 'Callplane Test Co',
        dialogId: '100001',
        taskName: 'reminders',
      }),
      tencent.createAICall({
        sdkAppId: sim.tencentSdkAppId,
        callee: '+8613800138000',
        systemPrompt: 'Confirm the appointment.',
        llmType: 'openai',
        model: 'gpt-4o-mini',
        apiKey: 'sk-llm',
        apiUrl: 'https://api.openai.com/v1',
      }),
    ])
    for (const r of results) {
      const warnings: Issue[] = r.warnings
      console.log(r.httpStatus, r.requestId ?? '-', r.attempts, warnings.length, r.raw)
    }
    // The pure functions: check before spending money.
    const check = validate('bland.sendCall', { phoneNumber: '12', task: 'x' })
    for (const issue of check.issues) console.log(`${issue.path}: ${issue.message}`)
    const preflight = preflightBlandBatch({
      basePrompt: 'Hi {{name}}',
      callData: [{ phoneNumber: '(415) 555-2671', name: 'Ann' }],
    })
    const firstPrompt: string | null = preflight.rows[0]?.prompt ?? null
    console.log(preflight.ok, preflight.summary.ready, firstPrompt)
    const fromCsv = preflightBlandCsv({ basePrompt: 'Hi {{name}}' }, 'phone,name\n(415) 555-2671,Ann\n', { phoneColumn: 'phone' })
    const firstLine: number | undefined = fromCsv.rows[0]?.line
    console.log(fromCsv.ok, firstLine, fromCsv.issues.map((i) => i.line ?? 0))
    sim.advanceClock(600)
    console.log(sim.calls({ vendor: 'bland', terminal: true }).length)
  } catch (e) {
    if (e instanceof CallplaneError) {
      const retry: RetryClass | null = e.retryClass
      if (retry === 'ambiguous') console.error(`${e.operation}: check with ${e.vendor} before sending again`)
      for (const issue of e.issues) console.error(`${issue.path}: ${issue.message}`)
      console.error(e.code, e.vendorCode, e.httpStatus, e.requestId, e.attempts)
    } else {
      throw e
    }
  } finally {
    await sim.stop()
  }
}

// Campaigns: the same check and plan as `@callplane/wasm` (typings shared through
// typings/operations.d.ts).
function campaignPreview(): CampaignPlan | null {
  const campaign: Campaign = {
    id: 'renewals',
    script: { prompt: { template: 'Hi {{name}}' } },
    contacts: [{ phone: '+1 415 555 2671', variables: { name: 'Ann' } }],
    callingHours: { start: '09:00', end: '20:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    vendors: { bland: { batchSize: 500 } },
  }
  const check = checkCampaign(campaign, 'bland', { nowMs: Date.now() })
  const suppressed: number = check.summary.byCode.suppressed ?? 0
  for (const c of check.contacts) if (c.status === 'excluded') console.log(c.key, c.issues.map((i) => i.code))
  if (!check.ok || suppressed > 0) return null
  const plan = planCampaign(campaign, 'bland')
  for (const r of plan.requests) {
    if (r.correlation.kind === 'bland_batch_label') console.log(r.key, r.correlation.label, r.notBeforeMs)
  }
  // @ts-expect-error: `campaignPlan` is gone; the wasm names are the API.
  void import('callplane').then((m) => m.campaignPlan)
  return plan
}

campaignPreview()
await main()
