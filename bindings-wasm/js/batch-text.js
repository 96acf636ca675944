// The batch of `preflightBlandBatch` as JSON text, a piece at a time. The pieces make what
// `JSON.stringify(batch)` gives, but `callData` is stringified 1,000 rows at a time: V8 never
// builds (and then flattens and collects) one 11.6 MB string for a 100k-row batch (BENCHMARKS.md
// § wasm and § npm package). The one source for both packages: src/lib.rs (`batch_text`) writes
// each piece into the module's memory with `utf8At` (preflight-rows.js); the Node package writes
// them into a reused Buffer (bindings-node/preflight-text.js) from the CommonJS copy that
// bindings-node/scripts/preflight-rows.mjs makes of this file.
//
// Anything unusual makes `batchTextStart` or `batchTextNext` answer `null`, and the batch is then
// stringified whole as before (errors included): a `JSON.stringify` that throws (BigInt, a cycle,
// a throwing getter), a row with a `toJSON` (it would see its index within the chunk, not in
// `callData`: such a batch is one piece), a `callData` that is not a plain array (one piece).

/** Rows per `JSON.stringify` call (the Node package measured 500–1,000 best). */
const CHUNK = 1000
/** Stands for `callData` in the batch's own text; must occur exactly once there. */
const MARK = '\u0001callplane:callData\u0001'
const MARK_TEXT = JSON.stringify(MARK)
/** Whether `rows` can be stringified in chunks with the same text as in one piece. */
function chunkable(rows) {
  if (!Array.isArray(rows) || Object.getPrototypeOf(rows) !== Array.prototype) return false
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    if (row !== null && typeof row === 'object' && typeof row.toJSON === 'function') return false
  }
  return true
}

/**
 * The state `batchTextNext` reads the pieces of `batch`'s JSON text from, or `null` (see the top).
 * `batch` is stringified here with `callData` replaced by a marker; the rows wait for
 * `batchTextNext`.
 */
export function batchTextStart(batch) {
  if (batch === null || typeof batch !== 'object') return null
  let rows
  let found = false
  let marked = false
  let head
  try {
    // The replacer sees `callData` after its `toJSON` (as `JSON.stringify` would write it).
    head = JSON.stringify(batch, function (key, value) {
      if (this === batch && key === 'callData' && !found) {
        found = true
        rows = value
        marked = chunkable(value)
        return marked ? MARK : value
      }
      return value
    })
  } catch {
    return null
  }
  if (typeof head !== 'string') return null
  if (!marked) return { head, rows: null, at: -1, next: -1 }
  const at = head.indexOf(MARK_TEXT)
  if (at < 0 || head.lastIndexOf(MARK_TEXT) !== at) return null
  return { head, rows, at, next: -1 }
}

/**
 * The next piece of the text: a string, `undefined` after the last one, or `null` when a chunk of
 * rows cannot be stringified (the module then passes the batch whole). The pieces, concatenated,
 * are `JSON.stringify(batch)`: the text before `callData`'s value and `[`, each chunk's rows
 * without their brackets, with a `,` piece between chunks, then `]` and the rest.
 */
export function batchTextNext(state) {
  const { head, rows, at } = state
  if (rows === null) {
    // Not chunked: the whole text is the head, one piece.
    if (state.next === -1) {
      state.next = 0
      return head
    }
    return undefined
  }
  if (state.next === -1) {
    state.next = 0
    state.comma = false
    return head.slice(0, at) + '['
  }
  if (state.next < rows.length) {
    if (state.comma) {
      state.comma = false
      return ','
    }
    const i = state.next
    let part
    try {
      part = JSON.stringify(rows.slice(i, i + CHUNK))
    } catch {
      return null
    }
    // An array's text (not so if `callData.constructor` made `slice` return something else).
    if (typeof part !== 'string' || part.charCodeAt(0) !== 0x5b) return null
    state.next = i + CHUNK
    state.comma = true
    return part.slice(1, -1)
  }
  if (state.next !== Infinity) {
    state.next = Infinity
    return ']' + head.slice(at + MARK_TEXT.length)
  }
  return undefined
}
