'use strict'
// The batch of `preflightBlandBatch` as UTF-8 JSON text in a reused Buffer, for the native
// `preflightBlandBatchColumnsBytes`: the pieces of batch-text.js (generated from
// bindings-wasm/js/batch-text.js, which documents them; `callData` a chunk of rows at a time)
// written with `Buffer.write`. V8 never builds (and then flattens) one 11.6 MB string for a
// 100k-row batch, and the native side reads the bytes where they lie instead of transcoding a
// fresh copy with `napi_get_value_string_utf8` (≈ 15 ms of ≈ 165, BENCHMARKS.md § npm package).
//
// `null` (the caller passes the batch itself: the native side stringifies it, reporting errors as
// before) where batch-text.js declines, and while the buffer is in use (re-entered from a getter).

const { batchTextStart, batchTextNext } = require('./batch-text.js')

/** Buffers up to this size are kept for the next call; a larger one is dropped after use. */
const KEEP = 64 << 20

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

/**
 * `use(bytes)` with `batch` as JSON text in a Buffer (a view of its first bytes), or `use(null)`
 * (see the top). The buffer is reused: it stays reserved until `use` returns, so a getter that
 * calls back into the package while the native side reads it gets the `null` path.
 */
function withBatchText(batch, use) {
  // A batch that is not an object: `batchTextStart` declines it.
  if (busy) return use(null)
  busy = true
  try {
    const bytes = batchText(batch)
    return use(bytes)
  } finally {
    busy = false
  }
}

function batchText(batch) {
  const state = batchTextStart(batch)
  if (state === null) return null
  let buf = kept
  let used = 0
  for (;;) {
    const piece = batchTextNext(state)
    if (piece === undefined) break
    if (piece === null) return null
    // Each UTF-16 unit is at most three UTF-8 bytes.
    buf = room(buf, used, piece.length * 3)
    used += buf.write(piece, used)
  }
  if (buf.length <= KEEP) kept = buf
  return buf.subarray(0, used)
}

module.exports = { withBatchText }
