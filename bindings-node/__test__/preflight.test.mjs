// `preflightBlandBatch` of the package builds its rows in JS from the native columns
// (preflight-rows.js); the native export of index.js writes the whole result as JSON text. Both
// must give the same result for every batch, so the JS row builder cannot drift from the core's
// JSON writer (the core's own tests compare its forms with the generic path).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { preflightBlandBatch, preflightBlandCsv, CallplaneError } from '../callplane.js'

const native = createRequire(import.meta.url)('../index.js')
const NOW_MS = 1_763_700_000_000

const many = Array.from({ length: 300 }, (_, i) => ({
  phoneNumber: i % 7 === 3 ? 'nope' : `+1415555${String(i % 250).padStart(4, '0')}`,
  name: i % 11 === 5 ? null : `Név ${i} 😀`,
  business: i % 13 === 0 ? { nested: true } : 'Acme',
}))

const batches = [
  ['ordinary', { basePrompt: 'Hi {{name}} from {{business}}', callData: [{ phoneNumber: '4155552671', name: 'A', business: 'B' }] }],
  ['clean and problem rows interleaved, duplicates, astral characters', { basePrompt: 'Hi {{name}} from {{business}} 🎉', callData: many, label: 'x' }],
  ['every row a problem', { basePrompt: 'Hi {{name}}', callData: [{ phoneNumber: '1' }, {}, null] }],
  ['no template', { pathwayId: 'p', callData: [{ phoneNumber: '4155552671', x: 1 }] }],
  ['rows that are not objects, the wire name', { basePrompt: 'Hi', callData: [7, { phone_number: '4155552671' }, { phoneNumber: '4155552671' }] }],
  ['callData not a list', { basePrompt: 'Hi', callData: 'x' }],
  ['empty callData', { basePrompt: 'Hi', callData: [] }],
  ['not an object', [1, 2]],
  ['null', null],
]

test('the JS row builder answers as the native JSON writer, in every rows mode', () => {
  for (const [name, batch] of batches) {
    for (const rows of ['all', 'problems', 'none']) {
      const options = { nowMs: NOW_MS, rows }
      assert.deepEqual(preflightBlandBatch(batch, options), native.preflightBlandBatch(batch, options), `${name}, rows: ${rows}`)
    }
  }
})

test('preflightBlandCsv: the JS row builder (columns + lines) answers as the native JSON writer', () => {
  const batch = { basePrompt: 'Hi {{name}}, about {{topic}}.' }
  const csv = '\uFEFFphone;name;topic\r\n4155552671;Ann;"a;b"\r\n12;Bo;x\r\n1;2\r\n2125550100;Ré"e;\r\n'
    + Array.from({ length: 300 }, (_, i) => `+1415555${String(i).padStart(4, '0')};N${i};t`).join('\n')
  for (const rows of ['all', 'problems', 'none']) {
    const options = { nowMs: 1_763_700_000_000, rows }
    assert.deepEqual(preflightBlandCsv(batch, csv, options), native.preflightBlandCsv(batch, csv, options), rows)
  }
})

test('errors are the same CallplaneErrors', () => {
  for (const [batch, options] of [
    [{ callData: [{ phoneNumber: '\uD800' }] }, undefined],
    [{ callData: [{ phoneNumber: 1n }] }, undefined],
    [{ callData: [] }, { rows: 'some' }],
    [{ callData: [] }, { nowMs: 'now' }],
  ]) {
    let ours
    try {
      preflightBlandBatch(batch, options)
    } catch (e) {
      ours = e
    }
    assert.ok(ours instanceof CallplaneError, `not a CallplaneError: ${ours}`)
    assert.throws(() => native.preflightBlandBatch(batch, options), (e) => e.message.includes(ours.message))
  }
})

test('the rows stay intact after the text column they came from is collected', async () => {
  // The clean rows' text crosses as an external string over Rust memory (bindings-node/src/
  // columns.rs) that a finalizer frees when V8 collects it: rows sliced from it, and results of
  // later calls that reuse freed memory, must keep their values through collections.
  const { setFlagsFromString } = await import('node:v8')
  const { runInNewContext } = await import('node:vm')
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc')
  const batchOf = (tag) => ({
    basePrompt: 'Hello {{name}}, about {{thing}}',
    callData: Array.from({ length: 2000 }, (_, i) => ({
      phoneNumber: `+1415${String(2_000_000 + i).padStart(7, '0')}`,
      name: `${tag}${i}`,
      thing: 'x'.repeat(i % 50),
    })),
  })
  const expected = (tag, i) => `Hello ${tag}${i}, about ${'x'.repeat(i % 50)}`
  const kept = preflightBlandBatch(batchOf('a'), { nowMs: NOW_MS })
  for (let round = 0; round < 5; round++) {
    preflightBlandBatch(batchOf(`b${round}`), { nowMs: NOW_MS })
    gc()
  }
  assert.equal(kept.rows.length, 2000)
  kept.rows.forEach((row, i) => {
    assert.equal(row.prompt, expected('a', i))
    assert.equal(row.phoneNumber, `+1415${String(2_000_000 + i).padStart(7, '0')}`)
  })
})

// The batch crosses as text that preflight-text.js writes into a reused Buffer, `callData` a chunk
// of 1,000 rows at a time: the result must be the one of the batch itself, whatever the batch.
const MARK = '\u0001callplane:callData\u0001'
const rowsOf = (n, f = (r) => r) => Array.from({ length: n }, (_, i) => f({ phoneNumber: `+1415${String(2_000_000 + (i % 1500)).padStart(7, '0')}`, name: `N${i}` }, i))
const textCases = [
  ['999 rows', { basePrompt: 'Hi {{name}}', callData: rowsOf(999) }],
  ['exactly one chunk', { basePrompt: 'Hi {{name}}', callData: rowsOf(1000) }],
  ['one chunk and one row, duplicates across chunks', { basePrompt: 'Hi {{name}}', callData: rowsOf(1001) }],
  ['2,500 rows, problems around the chunk edges', { basePrompt: 'Hi {{name}}', callData: rowsOf(2500, (r, i) => (i % 1000 === 999 || i % 1000 === 0 ? { name: 'x' } : r)) }],
  ['non-ASCII and astral text in rows and batch', { basePrompt: 'Szia {{name}} 😀', label: 'é', callData: rowsOf(1200, (r, i) => ({ ...r, name: `Ő${i}🎉` })) }],
  ['fields after callData, callData first', { callData: rowsOf(3), basePrompt: 'Hi {{name}}', maxDuration: 5 }],
  ['the marker text in a field before callData', { basePrompt: `Hi {{name}} ${MARK}`, callData: rowsOf(3) }],
  ['the marker text in a row and a nested callData', { basePrompt: 'Hi {{name}}', metadata: { callData: [1] }, callData: rowsOf(3, (r) => ({ ...r, name: MARK })) }],
  ['a row with toJSON (sees its index)', { basePrompt: 'Hi {{name}}', callData: rowsOf(1003, (r, i) => (i === 1002 ? { toJSON: (k) => ({ ...r, name: `key ${k}` }) } : r)) }],
  ['a field that is the marker, before callData', { label: MARK, basePrompt: 'Hi {{name}}', callData: rowsOf(3) }],
  ['a field that is the marker, rows not chunked', { label: MARK, basePrompt: 'Hi {{name}}', callData: rowsOf(3, (r, i) => (i === 1 ? { toJSON: () => r } : r)) }],
  ['callData with toJSON', { basePrompt: 'Hi {{name}}', callData: { toJSON: () => rowsOf(2) } }],
  ['batch with toJSON', { toJSON: () => ({ basePrompt: 'Hi {{name}}', callData: rowsOf(2) }) }],
  ['holes and undefined rows', { basePrompt: 'Hi', callData: [, undefined, { phoneNumber: '4155552671' }] }],
  ['a Date row, an array subclass', { basePrompt: 'Hi', callData: Object.assign(new (class extends Array {})(), [new Date(0)]) }],
  ['undefined and function fields', { basePrompt: 'Hi', callData: rowsOf(2), webhook: undefined, f() {} }],
]

test('the batch text written in chunks gives the result of the batch itself', () => {
  for (const [name, batch] of textCases) {
    for (const rows of ['all', 'problems']) {
      const options = { nowMs: NOW_MS, rows }
      assert.deepEqual(preflightBlandBatch(batch, options), native.preflightBlandBatch(batch, options), `${name}, rows: ${rows}`)
    }
  }
})

test('a getter calling preflightBlandBatch again while the batch text is in use', () => {
  const inner = { basePrompt: 'Inner {{name}}', callData: rowsOf(1500) }
  let innerResult
  const batch = {
    basePrompt: 'Hi {{name}}',
    callData: rowsOf(2),
    get label() {
      innerResult = preflightBlandBatch(inner, { nowMs: NOW_MS })
      return 'x'
    },
  }
  const options = {
    nowMs: NOW_MS,
    get rows() {
      // Runs while the native side holds the outer batch text (it reads the options second).
      preflightBlandBatch(inner, { nowMs: NOW_MS })
      return 'all'
    },
  }
  const ours = preflightBlandBatch(batch, options)
  assert.deepEqual(innerResult, native.preflightBlandBatch(inner, { nowMs: NOW_MS }))
  assert.deepEqual(ours, native.preflightBlandBatch(batch, { nowMs: NOW_MS }))
})

test('a batch whose stringify throws part way reports what the native path reports', () => {
  const callData = rowsOf(1500)
  callData[1200] = { phoneNumber: 1n }
  assert.throws(() => preflightBlandBatch({ basePrompt: 'Hi', callData }), (e) => {
    assert.ok(e instanceof CallplaneError)
    assert.throws(() => native.preflightBlandBatch({ basePrompt: 'Hi', callData }), (n) => n.message.includes(e.message))
    return true
  })
})
