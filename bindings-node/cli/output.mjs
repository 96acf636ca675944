// Terminal output: a progress bar on a TTY (redrawn in place), plain lines otherwise (CI logs),
// and aligned tables.

const BAR = 30

function line(p) {
  const total = Math.max(p.contacts, 1)
  const done = p.accepted + p.failed
  const pct = Math.min(100, Math.floor((100 * done) / total))
  const secs = (p.elapsedMs / 1000).toFixed(1)
  const rate = p.elapsedMs > 0 ? Math.round((1000 * done) / p.elapsedMs) : 0
  const extra = [
    p.ambiguous ? `${p.ambiguous} ambiguous` : '',
    p.foundByLookup ? `${p.foundByLookup} found by lookup` : '',
    p.waitingForLookup ? `${p.waitingForLookup} waiting for lookup` : '',
    p.waitingForLookup && p.lastLookupError ? `last lookup error: ${p.lastLookupError}` : '',
  ].filter(Boolean)
  return { pct, text: `${done}/${p.contacts} contacts (${p.accepted} accepted, ${p.failed} failed${extra.length ? ', ' + extra.join(', ') : ''}) ${secs}s ${rate}/s` }
}

/** `update(progress)` as often as you like; `done()` ends the line. */
export function progressReporter(stream) {
  const tty = Boolean(stream.isTTY)
  let lastPct = -1
  let lastPrint = 0
  let open = false
  return {
    update(p) {
      const { pct, text } = line(p)
      if (tty) {
        const filled = Math.round((BAR * pct) / 100)
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(pct).padStart(3)}% ${text}\x1b[K`)
        open = true
      } else {
        // Plain lines: every 10 % or every 2 s, whichever comes first, and the last one.
        const now = Date.now()
        if (pct >= lastPct + 10 || now - lastPrint > 2000 || (pct === 100 && lastPct !== 100)) {
          stream.write(`${String(pct).padStart(3)}% ${text}\n`)
          lastPct = pct
          lastPrint = now
        }
      }
    },
    done() {
      if (open) stream.write('\n')
      open = false
    },
  }
}

/** An aligned text table. */
export function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)))
  const fmt = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd()
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n')
}
