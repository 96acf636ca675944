// `preflightBlandBatch`'s result from the columns the module writes (callplane_core::js::
// PreflightColumns, imported by src/lib.rs as a wasm-bindgen snippet): `head` is the JSON of
// `{ok, summary, issues, rows}` where `rows` holds only the rows that are not clean; every clean
// row (valid number, rendered prompt, no issue) is two pieces of `text`, ending at `ends[2k]`
// (number) and `ends[2k + 1]` (prompt), in UTF-16 units. `ends` is a view into the module's
// memory, read before this function returns. Building those rows here with `slice` is several
// times cheaper than `JSON.parse` of the whole result (BENCHMARKS.md § wasm). The one source of
// `preflightRows`: bindings-node/scripts/preflight-rows.mjs writes the Node package's CommonJS
// copy from it (its CI fails when that copy is stale).

export function preflightRows(head, text, ends) {
  const out = JSON.parse(head)
  const clean = ends.length >>> 1
  if (clean === 0) return out
  const others = out.rows
  const total = others.length + clean
  const rows = []
  let o = 0
  let nextOther = others.length > 0 ? others[0].index : total
  let k = 0
  let at = 0
  for (let i = 0; i < total; i++) {
    if (i === nextOther) {
      rows.push(others[o++])
      nextOther = o < others.length ? others[o].index : total
      continue
    }
    const numberEnd = ends[k++]
    const promptEnd = ends[k++]
    rows.push({
      index: i,
      phoneNumber: text.slice(at, numberEnd),
      phoneError: null,
      prompt: text.slice(numberEnd, promptEnd),
      missingVariables: [],
      issues: [],
    })
    at = promptEnd
  }
  out.rows = rows
  return out
}

// `preflightBlandCsv`'s result: `preflightRows`'s, each row with the CSV `line` of its record
// (`lines[index]`; `lines` is a view of the module's memory, read before this returns). The one
// source for both packages, as `preflightRows`.
export function withLines(out, lines) {
  const rows = out.rows
  for (let i = 0; i < rows.length; i++) rows[i].line = lines[rows[i].index]
  return out
}

const encoder = new TextEncoder()
// Not `fatal` (wasm-bindgen's own decoder for `&str` is): the bytes come from a Rust `String`, so
// they are valid UTF-8 and there is nothing to reject, and the validating decoder is the slower
// one. `ignoreBOM` keeps a leading U+FEFF as text, as wasm-bindgen's does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

// `preflightRows` with the columns' text as UTF-8 bytes (a view of the module's memory, read
// before this returns): the module passes the 15 MB of a 100k-row result this way.
export function preflightRowsUtf8(head, bytes, ends) {
  return preflightRows(head, decoder.decode(bytes), ends)
}

// The JSON text of an argument into the module's memory (`buf` is a view of it): one native
// copy, where wasm-bindgen's string passing loops over ASCII characters in JS. 0xffffffff (the
// caller's u32::MAX) when `buf` is too small for the whole text.
export function utf8Into(text, buf) {
  const { read, written } = encoder.encodeInto(text, buf)
  return read === text.length ? written : 0xffffffff
}

/**
 * `text` as UTF-8 into `memory` (the module's `WebAssembly.Memory`) at byte `at`, where `room`
 * bytes are free: the number of bytes written, or 0xffffffff (the caller's u32::MAX) when they
 * were too few. The module passes spare capacity it has reserved, not a slice, so that nothing
 * has to be zeroed first.
 */
export function utf8At(text, memory, at, room) {
  const { read, written } = encoder.encodeInto(text, new Uint8Array(memory.buffer, at, room))
  return read === text.length ? written : 0xffffffff
}

// `preflightRowsUtf8` with each row's CSV line (`withLines`).
export function preflightCsvRowsUtf8(head, bytes, ends, lines) {
  return withLines(preflightRows(head, decoder.decode(bytes), ends), lines)
}
