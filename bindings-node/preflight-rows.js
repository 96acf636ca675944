'use strict'
// `preflightBlandBatch`'s result from the native columns `[head, text, ends]`
// (callplane_core::js::PreflightColumns): `head` is the JSON of `{ok, summary, issues, rows}` where
// `rows` holds only the rows that are not clean; every clean row (valid number, rendered prompt,
// no issue) is two pieces of `text`, ending at `ends[2k]` (number) and `ends[2k + 1]` (prompt), in
// UTF-16 units. Building those rows here with `slice` is several times cheaper than `JSON.parse`
// of the whole result (BENCHMARKS.md § npm package). Kept identical to
// bindings-wasm/js/preflight-rows.js; the shared suite (tests/js) runs against both packages.

function preflightRows(head, text, ends) {
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

module.exports = { preflightRows }
