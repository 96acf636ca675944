'use strict'
// The batch of `preflightBlandBatch` as UTF-8 JSON text in a reused Buffer, for the native
// `preflightBlandBatchColumnsBytes`. The text is what `JSON.stringify(batch)` gives, but
// `callData` is stringified a chunk of rows at a time and each chunk written with `Buffer.write`:
// V8 never builds (and then flattens) one 11.6 MB string for a 100k-row batch, and the native side
// reads the bytes where they lie instead of transcoding a fresh copy with
// `napi_get_value_string_utf8` (≈ 15 ms of ≈ 165, BENCHMARKS.md § npm package).
//
// Anything unusual answers `null` and the caller passes the batch itself (the native side
// stringifies it, reporting errors as before): a `JSON.stringify` that throws (BigInt, a cycle,
// a throwing getter), a row with a `toJSON` (it would see its index within the chunk, not in
// `callData`), a `callData` that is not a plain array, or a buffer in use (re-entered from a getter).

/** Rows per `JSON.stringify` call: ≈ 116 KB of text for the bench rows, measured best (500–1000). */
const CHUNK = 1000
/** Buffers up to this size are kept for the next call; a larger one is dropped after use. */
const KEEP = 64 << 20
/** Stands for `callData` in the batch's own text; must occur exactly once there. */
const MARK = '\u0001callplane:callData\u0001'
const MARK_TEXT = JSON.stringify(MARK)

let kept = Buffer.allocUnsafeSlow(1 << 20)
/** `kept` is being written or read (a getter re-entered the package). */
let busy = false

/** A buffer holding `used` bytes of `buf` with room for `more`. */
function room(buf, used, more) {
  if (buf.length - used >= more) return buf
  const bigger = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, used + more))
  buf.copy(bigger, 0, 0, used)
  return bigger
}

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
 * `use(bytes)` with `batch` as JSON text in a Buffer (a view of its first bytes), or `use(null)`
 * (see the top). The buffer is reused: it stays reserved until `use` returns, so a getter that
 * calls back into the package while the native side reads it gets the `null` path.
 */
function withBatchText(batch, use) {
  if (busy || batch === null || typeof batch !== 'object') return use(null)
  busy = true
  try {
    const bytes = batchText(batch)
    return use(bytes)
  } finally {
    busy = false
  }
}

function batchText(batch) {
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
  const at = marked ? head.indexOf(MARK_TEXT) : -1
  if (marked && (at < 0 || head.lastIndexOf(MARK_TEXT) !== at)) return null
  let buf = kept
  let used = 0
  const write = (text) => {
    buf = room(buf, used, text.length * 3)
    used += buf.write(text, used)
  }
  try {
    if (!marked) {
      write(head)
    } else {
      write(head.slice(0, at))
      if (rows.length === 0) write('[]')
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = JSON.stringify(rows.slice(i, i + CHUNK))
        if (i > 0) used -= 1 // this part's `[` replaces the last one's `]`, then becomes a `,`
        const start = used
        write(part)
        if (i > 0) buf[start] = 0x2c
      }
      write(head.slice(at + MARK_TEXT.length))
    }
  } catch {
    return null
  }
  if (buf.length <= KEEP) kept = buf
  return buf.subarray(0, used)
}

module.exports = { withBatchText }
