// Writes parse_csv.json: the answers of the dashboard's CSV reader (`parseCsv` in
// bindings-wasm/dashboard/contacts.mjs) on hand-picked and seeded random texts. The core's reader
// (core/src/csv) must give the same answers on the same texts (its test `agrees_with_parse_csv`);
// bindings-wasm/dashboard/test/contacts.test.mjs fails when this file is stale.
//
//   node core/tests/csv/generate.mjs          (writes core/tests/csv/parse_csv.json)
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCsv } from '../../../bindings-wasm/dashboard/contacts.mjs'

/** Hand-picked texts: every rule of parseCsv and its neighbours. */
const PICKED = [
  '',
  '\ufeff',
  '\n\n',
  'phone',
  'phone\n',
  'phone,name\n+1 201 555 0100,Ann\n',
  '\ufeffphone,name\r\n1,a\r\n2,b\r\n',
  'phone,name\r1,a\r2,b',
  'phone;name\n1;a,b\n',
  'phone\tname;x\n1\t2;3\n',
  'a;b,c\n1;2,3\n',
  '"a,b";c\n1;2\n',
  '"a\nb",c\n1,2\n',
  'a,b\n"x, y","line one\r\nline two"\n',
  'a,b\n"say ""hi""",2\n',
  'a,b\n"",""\n',
  'a\n""\n\nx\n',
  'a,b\nx"y,2\n',
  'a,b\n"x"y,2\n',
  'a,b\n"x" ,2\n',
  'a,b\n"x""\n',
  'a,b\n1,"never closed\nsecond line',
  'a,b\n"',
  'a,b\n1,2,3\n4\n5,6\n',
  ' a , b ,\u00a0c\u3000\n1,2,3\n',
  'a,,a\n1,2,3\n',
  'a,a,b\n1,,3\n',
  '\n\na,b\n\n1,2\n\n',
  'a,b\n1,2\n\r\n3,4',
  'a,b\n1,2,\n',
  'a,b\nÄ,😀\n',
  'a\u0085,b\n1,2\n',
  '\ufeffa\ufeff,b\n1,2\n',
  'a,b\n"multi\n\nline",x\ny,"z\r\rw"\n',
]

/** A seeded generator (mulberry32), so the file is the same on every run. */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = ['a', 'b', 'phone', 'é', '😀', ',', ',', ';', '\t', '"', '"', '""', '\n', '\n', '\r', '\r\n', ' ', '\u00a0', 'x y', '1']

function randomText(next) {
  let s = next() < 0.1 ? '\ufeff' : ''
  const n = Math.floor(next() * 40)
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]
  return s
}

/** The file's text: every case with parseCsv's answer. */
export function fixtureText() {
  const next = rng(20261121)
  const texts = [...PICKED]
  for (let i = 0; i < 500; i++) texts.push(randomText(next))
  const cases = texts.map((text) => ({ text, ...parseCsv(text) }))
  // One case a line: a readable diff when parseCsv changes.
  return `[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`
}

export const FIXTURE = fileURLToPath(new URL('parse_csv.json', import.meta.url))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FIXTURE, fixtureText())
  console.log(`written: ${FIXTURE}`)
}
