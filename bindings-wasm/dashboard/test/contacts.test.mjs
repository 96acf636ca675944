// The contact-list reader: CSV edge cases (quotes, delimiters and line breaks inside quotes, BOM,
// CRLF) and the errors it must report instead of guessing.
//   node --test bindings-wasm/dashboard/test/contacts.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCsv, parseContacts, guessPhoneColumn, toContacts } from '../contacts.mjs';
import { fixtureText, FIXTURE } from '../../../core/tests/csv/generate.mjs';

const values = (p) => p.rows.map((r) => Object.values(r.values));

const CASES = [
  ['plain LF', 'a,b\n1,2\n3,4\n', [['1', '2'], ['3', '4']]],
  ['CRLF, no final newline', 'a,b\r\n1,2\r\n3,4', [['1', '2'], ['3', '4']]],
  ['old Mac CR', 'a,b\r1,2\r', [['1', '2']]],
  ['BOM before the header', '\uFEFFphone,name\n+1,Ann\n', [['+1', 'Ann']]],
  ['comma inside quotes', 'a,b\n"x, y",2\n', [['x, y', '2']]],
  ['doubled quote', 'a,b\n"say ""hi""",2\n', [['say "hi"', '2']]],
  ['CRLF inside quotes becomes \\n', 'a,b\r\n"l1\r\nl2",2\r\n', [['l1\nl2', '2']]],
  ['empty quoted and empty unquoted', 'a,b,c\n"",,x\n', [['', '', 'x']]],
  ['blank lines skipped', 'a,b\n\n1,2\n\n', [['1', '2']]],
  ['semicolon export', 'a;b\n1;"2;3"\n', [['1', '2;3']]],
  ['tab separated', 'a\tb\n1\t2\n', [['1', '2']]],
  ['comma wins over semicolon in the header', 'a,b;c\n1,2;3\n', [['1', '2;3']]],
  ['unicode kept', 'name,phone\n张三,13800138000\n', [['张三', '13800138000']]],
];

for (const [name, text, rows] of CASES) {
  test(`csv: ${name}`, () => {
    const p = parseCsv(text);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(values(p), rows);
  });
}

test('csv: header columns trimmed, record lines are the line each record starts on', () => {
  const p = parseCsv(' phone , name\n1,"a\nb"\n2,c\n');
  assert.deepEqual(p.columns, ['phone', 'name']);
  assert.deepEqual(p.rows.map((r) => r.line), [2, 4]);
});

const ERRORS = [
  ['wrong field count', 'a,b\n1,2,3\n4,5\n', [{ line: 2, message: '3 fields, but the header has 2' }], 1],
  ['unterminated quote', 'a,b\n1,"open\n', [{ line: 2, message: 'a quoted field is never closed (missing ")' }], 1],
  ['quote inside unquoted', 'a,b\n1,x"y\n', [{ line: 2, message: 'a quote inside an unquoted field: quote the whole field and double the quote ("")' }], 1],
  ['text after closing quote', 'a,b\n1,"x"y\n', [{ line: 2, message: 'text after a closing quote: a quoted field must end at the delimiter or the line end' }], 1],
  ['duplicate column', 'a,a\n1,2\n', [{ line: 1, message: 'column `a` appears twice' }], 1],
  ['unnamed column', 'a,\n1,2\n', [{ line: 1, message: 'column 2 has no name' }], 1],
  ['empty input', '', [{ line: 1, message: 'no header line: the first line names the columns' }], 0],
];

for (const [name, text, errors, rows] of ERRORS) {
  test(`csv error: ${name}`, () => {
    const p = parseCsv(text);
    assert.deepEqual(p.errors, errors);
    assert.equal(p.rows.length, rows);
  });
}

test('json: arrays, {contacts}, {callData}; non-objects reported; types kept', () => {
  assert.deepEqual(parseContacts('[{"phone":"+1","n":1},{"phone":"+2","x":null}]').columns, ['phone', 'n', 'x']);
  assert.equal(parseContacts('{"contacts":[{"phone":"+1"}]}').rows.length, 1);
  assert.equal(parseContacts('\uFEFF {"callData":[{"phoneNumber":"+1"}]}').rows.length, 1);
  const bad = parseContacts('[{"phone":"+1"}, 3]');
  assert.deepEqual(bad.errors, [{ line: 2, message: 'contact 1 is not an object' }]);
  assert.match(parseContacts('[{"phone":').errors[0].message, /^not valid JSON/);
  assert.deepEqual(parseContacts('{"x":1}').errors, [{ line: 1, message: 'expected an array of contacts, or an object with a `contacts` array' }]);
});

test('phone column guess and contacts: empty CSV cells are absent, JSON keeps what it has', () => {
  assert.equal(guessPhoneColumn(['name', 'Phone Number']), 'Phone Number');
  assert.equal(guessPhoneColumn(['name', 'callee']), 'callee');
  assert.equal(guessPhoneColumn(['a', 'b']), 'a');
  const csv = parseCsv('name,phone,topic\nAnn,,x\nBob,+1,\n');
  assert.deepEqual(toContacts(csv, 'phone', { fromCsv: true }), [
    { line: 2, phone: undefined, variables: { name: 'Ann', topic: 'x' } },
    { line: 3, phone: '+1', variables: { name: 'Bob' } },
  ]);
  const json = parseContacts('[{"phone":"","name":null,"n":2}]');
  assert.deepEqual(toContacts(json, 'phone', { fromCsv: false }), [{ line: 1, phone: '', variables: { name: null, n: 2 } }]);
});

// The core's CSV reader (core/src/csv, behind preflightBlandCsv) is tested against parseCsv's
// answers in this file; when parseCsv changes, the file must be regenerated (and the core follow).
test('core/tests/csv/parse_csv.json holds parseCsv\'s current answers', () => {
  assert.equal(readFileSync(FIXTURE, 'utf8'), fixtureText(),
    'stale: run node core/tests/csv/generate.mjs and make core/src/csv agree (cargo test -p callplane-core --lib csv)');
});
