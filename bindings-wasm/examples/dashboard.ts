// A dashboard's use of @callplane/wasm, type-checked in CI (`tsc -p tsconfig.json`, strict) against
// the generated typings: it must compile, and the `@ts-expect-error` lines must stay errors.
import init, {
  buildRequest,
  checkTemplate,
  normalizePhone,
  operations,
  parseResponse,
  preflightBlandBatch,
  preflightBlandCsv,
  renderBatch,
  validate,
  verifyBlandWebhook,
  type BlandBatch,
  type CallplaneError,
  type Issue,
  type OperationInput,
  type OperationName,
  type PreflightCsvResult,
  type PreflightResult,
  type TencentCreateAICallOutput,
  type VendorResponse,
} from '@callplane/wasm/web';

function isCallplaneError(e: unknown): e is CallplaneError {
  return e instanceof Error && e.name === 'CallplaneError';
}

function describe(issues: Issue[]): string[] {
  return issues.map((i) => `${i.severity} ${i.code} at ${i.path || '(input)'}: ${i.message}`);
}

export async function preview(rows: Array<Record<string, string>>, prompt: string): Promise<string[]> {
  await init();
  const template = checkTemplate(prompt);
  if (!template.ok) {
    return template.errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`);
  }
  const batch: BlandBatch = {
    basePrompt: prompt,
    callData: rows.map((r) => ({ ...r, phoneNumber: r['phone'] ?? '' })),
    maxDuration: 10,
  };
  const result: PreflightResult = preflightBlandBatch(batch, { nowMs: Date.now() });
  const lines = describe(result.issues);
  for (const row of result.rows) {
    if (row.phoneError) lines.push(`row ${row.index}: ${row.phoneError.code}`);
    if (row.prompt === null && row.missingVariables.length > 0) {
      lines.push(`row ${row.index}: missing ${row.missingVariables.join(', ')}`);
    }
  }
  lines.push(`${result.summary.ready} of ${result.summary.rows} rows ready`);
  const rendered = renderBatch(prompt, rows);
  for (const r of rendered) lines.push(r.ok ? r.text : describe(r.issues).join('; '));
  return lines;
}

/** A CSV file straight into the checks: problems by CSV line. */
export async function previewCsv(file: File, prompt: string): Promise<string[]> {
  await init();
  const result: PreflightCsvResult = preflightBlandCsv({ basePrompt: prompt, maxDuration: 10 }, await file.text(), {
    rows: 'problems',
    phoneColumn: 'phone',
  });
  const lines = result.issues.map((i) => (i.line === undefined ? `${i.code} at ${i.path}` : `line ${i.line}: ${i.message}`));
  for (const row of result.rows) lines.push(`line ${row.line}: ${row.issues.map((i) => i.code).join(', ')}`);
  // @ts-expect-error the rows come from the CSV text, not from `callData`
  preflightBlandCsv({ basePrompt: prompt, callData: [] }, '');
  return lines;
}

export async function send(apiKey: string, phone: string): Promise<string | null> {
  await init();
  // A literal operation name types `input` and the answer's `data` (its generated interfaces).
  const op = 'bland.sendCall' satisfies OperationName;
  const check = validate(op, { phoneNumber: phone, task: 'Say hello' });
  if (!check.ok) throw new Error(describe(check.issues).join('\n'));
  const e164: string = normalizePhone('bland', phone).e164;
  try {
    const req = buildRequest(op, { vendor: 'bland', apiKey }, { phoneNumber: e164, task: 'Say hello' });
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
    const parsed = parseResponse(op, { status: res.status, headers: [...res.headers], body: await res.text() });
    const callId: string | null = parsed.data.callId;
    return callId;
  } catch (e) {
    if (isCallplaneError(e) && e.retryClass === 'ambiguous') {
      // The call may exist: look it up before sending again.
      return null;
    }
    throw e;
  }
}

export function webhookOk(secret: string, body: string, signature: string): boolean {
  return verifyBlandWebhook(secret, body, signature);
}

export function callCreators(): OperationName[] {
  return operations().filter((o) => o.createsCalls).map((o) => o.name);
}

// The typings refuse what the runtime would refuse.
// @ts-expect-error registry spelling, not the JS name
validate('bland.send_call', {});
// @ts-expect-error credentials need a known vendor
buildRequest('bland.sendCall', { vendor: 'twilio', apiKey: 'k' }, {});
// @ts-expect-error nowMs is a number
validate('bland.sendCall', {}, { nowMs: '2025-01-01' });

// Inputs are typed by operation (camelCase keys, documented): a misspelled field, the vendor's
// wire name or a wrong type does not compile.
// @ts-expect-error misspelled field
validate('bland.sendCall', { phoneNumbr: '+12015550100', task: 'x' });
// @ts-expect-error the vendor's wire name, not the JS name
validate('tencent.hangUpCall', { SessionId: 's' });
// @ts-expect-error `limit` is a number
validate('bland.listCalls', { limit: 'ten' });
// @ts-expect-error `llmType` is one of the documented protocols
validate('tencent.createAICall', { callee: '+8613800138000', systemPrompt: 'x', llmType: 'gpt', model: 'm', apiKey: 'k', apiUrl: 'https://x' });

/** The answer's `data` is typed by operation too. */
export function sessionOf(res: VendorResponse): string | undefined {
  const session: TencentCreateAICallOutput = parseResponse('tencent.createAICall', res).data;
  return session.sessionId;
}

export function checkTts(): boolean {
  const input: OperationInput<'tencent.createAICall'> = {
    callee: '+8613800138000',
    systemPrompt: 'Confirm the appointment.',
    model: 'gpt-4o-mini',
    apiKey: 'sk-llm',
    apiUrl: 'https://api.openai.com/v1',
    customTtsConfig: { ttsType: 'tencent', appId: 1300000000, secretId: 'id', secretKey: 'key', voiceType: 101001 },
  };
  return validate('tencent.createAICall', input).ok;
}
