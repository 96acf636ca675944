// JS names at the boundary: inputs in camelCase reach the vendor in its wire names, free-form data
// (call_data variables, request_data, metadata) keeps its keys both ways, issue paths come back in
// JS names, and a client method reports exactly what the pure `validate` reports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Bland, Tencent, validate, CallplaneError } from '../callplane.js'
import { startServer, json, closedPort, inputs, ok } from './helpers.mjs'

const rejection = (p) => p.then((v) => assert.fail(`resolved with ${JSON.stringify(v)}`), (e) => e)

test('camelCase in, wire names out; free-form data keeps its keys on the wire', async (t) => {
  const server = await startServer((req, res) => json(res, 200, { status: 'success', message: 'ok', batch_id: 'b-1' }))
  t.after(() => server.close())
  const bland = new Bland({ apiKey: 'k', endpoint: server.url })
  const r = await bland.createBatch({
    basePrompt: 'Hi {{first_name}} from {{OrderId}}',
    callData: [{ phoneNumber: '(201) 555-0100', first_name: 'Ann', OrderId: 7 }],
    maxDuration: 5,
  })
  assert.equal(r.data.batchId, 'b-1')
  assert.equal(r.raw.batch_id, 'b-1')
  const body = JSON.parse(server.requests[0].body)
  assert.equal(body.base_prompt, 'Hi {{first_name}} from {{OrderId}}')
  assert.equal(body.max_duration, 5)
  assert.deepEqual(body.call_data, [{ phone_number: '+12015550100', first_name: 'Ann', OrderId: 7 }])

  const sent = await startServer((req, res) => json(res, 200, ok.bland))
  t.after(() => sent.close())
  await new Bland({ apiKey: 'k', endpoint: sent.url }).sendCall({
    ...inputs.sendCall,
    requestData: { customer_name: 'Ann', OrderId: 7 },
    metadata: { row_no: 3 },
  })
  const wire = JSON.parse(sent.requests[0].body)
  assert.deepEqual(wire.request_data, { customer_name: 'Ann', OrderId: 7 })
  assert.deepEqual(wire.metadata, { row_no: 3 })
  assert.equal(wire.phone_number, '+12015550100')
})

test('answers come back in JS names; user data inside them keeps its keys; raw is the vendor body', async (t) => {
  const body = { call_id: 'c1', variables: { first_name: 'Ann' }, metadata: { row_no: 3 }, transcripts: [{ id: 1, text: 'hi', created_at: 't' }] }
  const server = await startServer((req, res) => json(res, 200, body, { 'x-request-id': 'rq-1' }))
  t.after(() => server.close())
  const r = await new Bland({ apiKey: 'k', endpoint: server.url }).getCall({ callId: 'c1' })
  assert.equal(r.data.callId, 'c1')
  assert.deepEqual(r.data.variables, { first_name: 'Ann' })
  assert.deepEqual(r.data.metadata, { row_no: 3 })
  assert.equal(r.data.transcripts[0].createdAt, 't')
  assert.deepEqual(r.raw, body)
  assert.equal(r.requestId, 'rq-1')
})

test('issue paths are JS names, down to batch rows; a wire name gets the JS name to write', async () => {
  const port = await closedPort()
  const bland = new Bland({ apiKey: 'k', endpoint: `http://127.0.0.1:${port}` })
  const e = await rejection(bland.createBatch({
    basePrompt: 'Hi {{name}}',
    callData: [{ phoneNumber: '+12015550100', name: 'A' }, { phoneNumber: '12', name: 'B' }],
    max_duration: 3,
  }))
  assert.ok(e instanceof CallplaneError)
  assert.equal(e.code, 'validation_failed')
  const at = (p) => e.issues.find((i) => i.path === p)
  assert.equal(at('callData[1].phoneNumber')?.code, 'phone_too_short', JSON.stringify(e.issues))
  assert.equal(at('max_duration')?.code, 'unknown_field')
  assert.match(at('max_duration').message, /write `maxDuration`/)
  assert.equal(e.operation, 'createBatch')
})

test('a client method refuses bad input with exactly the issues the pure validate reports', async () => {
  const port = await closedPort()
  const endpoint = `http://127.0.0.1:${port}`
  const cases = [
    [new Bland({ apiKey: 'k', endpoint }), 'sendCall', 'bland.sendCall', { phoneNumber: '12', task: 'x', voicemail: { action: 'shout' }, colour: 1 }],
    [new Tencent({ secretId: 'a', secretKey: 'b', endpoint }), 'createAICall', 'tencent.createAICall',
      { ...inputs.createAICall, llmType: 'gpt', customTtsConfig: { ttsType: 'tencent' }, SdkAppId: 1 }],
  ]
  for (const [client, method, operation, input] of cases) {
    const e = await rejection(client[method](input))
    const pure = validate(operation, input)
    assert.equal(pure.ok, false)
    const errors = pure.issues.filter((i) => i.severity === 'error')
    assert.ok(errors.length >= 3, JSON.stringify(errors))
    assert.deepEqual(e.issues.filter((i) => i.severity === 'error'), errors)
  }
})
