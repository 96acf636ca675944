// Typed inputs and outputs: each method takes its operation's generated input interface (JS
// names, every field documented) and resolves with `CallResult<Output>`. Type-checked in CI with
// `tsc --noEmit --strict -p examples/tsconfig.json` (never run): it must compile, and every
// `@ts-expect-error` line must stay an error — a misspelled field or a wrong type is refused.
import {
  Aliyun,
  Bland,
  Tencent,
  type BlandSendCallInput,
  type BlandSendCallOutput,
  type CallResult,
  type OperationInput,
  type TencentCreateAICallInput,
} from 'callplane'

export async function typed(bland: Bland, aliyun: Aliyun, tencent: Tencent): Promise<string[]> {
  const input: BlandSendCallInput = {
    phoneNumber: '+12015550100',
    task: 'Confirm the appointment with {{first_name}}.',
    voicemail: { action: 'leave_message', message: 'Please call us back.' },
    // Free-form data keeps its keys as written.
    requestData: { first_name: 'Ada' },
    maxDuration: 10,
  }
  const sent: CallResult<BlandSendCallOutput> = await bland.sendCall(input)
  const callId: string | null = sent.data.callId

  // @ts-expect-error a misspelled field is refused
  await bland.sendCall({ phoneNumbr: '+12015550100', task: 'x' })
  // @ts-expect-error the vendor's wire name is not the JS name
  await bland.sendCall({ phone_number: '+12015550100', task: 'x' })
  // @ts-expect-error a wrong type is refused
  await bland.sendCall({ phoneNumber: '+12015550100', maxDuration: 'ten' })
  // @ts-expect-error a value outside a documented enumeration is refused
  await bland.sendCall({ phoneNumber: '+12015550100', voicemail: { action: 'shout' } })

  // The generic form is typed by the method name.
  const listed = await bland.call('listCalls', { limit: 10, ascending: true })
  const calls: unknown = listed.data.calls
  // @ts-expect-error `listCalls` has no `phoneNumber`
  await bland.call('listCalls', { phoneNumber: '+12015550100' })
  // @ts-expect-error not an operation of this client
  await bland.call('createAICall', {})

  const batch = await bland.createBatch({
    basePrompt: 'Remind {{name}} of the appointment.',
    callData: [{ phoneNumber: '+12015550101', name: 'Ada' }],
    label: 'reminders',
  })
  const batchId: string | null = batch.data.batchId

  const task = await aliyun.batchRobotSmartCall({
    calledShowNumber: ['057188773344'],
    calledNumber: '13800138000,13800138001',
    dialogId: '100001',
    taskName: 'reminders',
  })
  const taskId: string | undefined = task.data.taskId

  const ai: TencentCreateAICallInput = {
    sdkAppId: 1400000000,
    callee: '+8613800138000',
    systemPrompt: 'Confirm the appointment.',
    llmType: 'openai',
    model: 'gpt-4o-mini',
    apiKey: 'sk-llm',
    apiUrl: 'https://api.openai.com/v1',
    customTtsConfig: { ttsType: 'azure', subscriptionKey: 'k', region: 'eastus', voiceName: 'en-US-JennyNeural', language: 'en-US' },
    variables: [{ key: 'name', value: 'Ada' }],
  }
  const created = await tencent.createAICall(ai)
  const sessionId: string | undefined = created.data.sessionId
  // @ts-expect-error `llmType` is one of the documented protocols
  const badLlm: TencentCreateAICallInput = { ...ai, llmType: 'gpt' }
  // @ts-expect-error required fields (`callee`, `systemPrompt`, …) cannot be left out
  const missing: OperationInput<'tencent.createAICall'> = { model: 'gpt-4o-mini', apiKey: 'k', apiUrl: 'https://x' }

  return [callId ?? '-', String(calls), batchId ?? '-', taskId ?? '-', sessionId ?? '-', String(badLlm), String(missing)]
}
