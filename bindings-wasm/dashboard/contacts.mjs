// Reading a contact list: CSV (RFC 4180) or JSON, pasted or from a file. Pure functions, no DOM,
// so the Node tests (`contacts.test.mjs`) run them as they are. Every problem is reported with its
// line; nothing is guessed silently (a row with the wrong number of fields is an error, not padded).

/**
 * Parse CSV text: quoted fields with `""` escapes, commas and line breaks inside quotes, a UTF-8
 * BOM, CRLF / LF / CR line ends. The delimiter is `,` unless the header line has tabs or semicolons
 * and no comma (spreadsheets export those in some locales).
 * @returns {{columns: string[], rows: {line: number, values: Record<string, string>}[], errors: {line: number, message: string}[]}}
 */
export function parseCsv(text) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(src);
  const errors = [];
  const records = []; // {line, fields}
  let fields = [];
  let field = '';
  let line = 1; // line of the current character
  let recordLine = 1; // line the current record started on
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (text after the closing quote is an error)
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (trailing newline, spacing between blocks).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i += 1;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // A line break inside quotes is part of the value, written as `\n` whatever the file used.
        field += '\n';
        i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (c === '"') {
      if (field === '' && !wasQuoted) {
        quoted = true;
        i += 1;
        continue;
      }
      errors.push({ line, message: 'a quote inside an unquoted field: quote the whole field and double the quote ("")' });
      field += c;
      i += 1;
      continue;
    }
    if (wasQuoted) {
      errors.push({ line, message: 'text after a closing quote: a quoted field must end at the delimiter or the line end' });
      wasQuoted = false;
    }
    field += c;
    i += 1;
  }
  if (quoted) errors.push({ line: recordLine, message: 'a quoted field is never closed (missing ")' });
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();

  if (records.length === 0) return { columns: [], rows: [], errors: [...errors, { line: 1, message: 'no header line: the first line names the columns' }] };
  const [header, ...body] = records;
  const columns = header.fields.map((h) => h.trim());
  const seen = new Set();
  columns.forEach((name, k) => {
    if (name === '') errors.push({ line: header.line, message: `column ${k + 1} has no name` });
    else if (seen.has(name)) errors.push({ line: header.line, message: `column \`${name}\` appears twice` });
    seen.add(name);
  });
  const rows = [];
  for (const r of body) {
    if (r.fields.length !== columns.length) {
      errors.push({ line: r.line, message: `${r.fields.length} fields, but the header has ${columns.length}` });
      continue;
    }
    const values = {};
    columns.forEach((name, k) => { values[name] = r.fields[k]; });
    rows.push({ line: r.line, values });
  }
  return { columns, rows, errors };
}

function detectDelimiter(src) {
  let end = 0;
  let quoted = false;
  while (end < src.length && (quoted || (src[end] !== '\n' && src[end] !== '\r'))) {
    if (src[end] === '"') quoted = !quoted;
    end += 1;
  }
  const head = src.slice(0, end);
  if (head.includes(',')) return ',';
  if (head.includes('\t')) return '\t';
  if (head.includes(';')) return ';';
  return ',';
}

/**
 * Parse pasted JSON: an array of objects, or an object with a `contacts` or `callData` array.
 * Values keep their JSON types (the vendor checks decide what a variable may be).
 */
export function parseJsonContacts(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { columns: [], rows: [], errors: [{ line: 1, message: `not valid JSON: ${e.message}` }] };
  }
  const list = Array.isArray(value) ? value : (value?.contacts ?? value?.callData);
  if (!Array.isArray(list)) {
    return { columns: [], rows: [], errors: [{ line: 1, message: 'expected an array of contacts, or an object with a `contacts` array' }] };
  }
  const columns = [];
  const errors = [];
  const rows = [];
  list.forEach((item, k) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ line: k + 1, message: `contact ${k} is not an object` });
      return;
    }
    for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
    rows.push({ line: k + 1, values: item });
  });
  return { columns, rows, errors };
}

/** CSV or JSON, by the first non-blank character. */
export function parseContacts(text) {
  const start = text.replace(/^\uFEFF/, '').trimStart()[0];
  return start === '[' || start === '{' ? parseJsonContacts(text.replace(/^\uFEFF/, '')) : parseCsv(text);
}

const PHONE_COLUMNS = ['phone', 'phonenumber', 'phone_number', 'number', 'mobile', 'callee', 'to', 'tel', 'telephone'];

/** The column that most likely holds the phone number, or the first column. */
export function guessPhoneColumn(columns) {
  const found = columns.find((c) => PHONE_COLUMNS.includes(c.toLowerCase().replace(/[\s-]/g, '')));
  return found ?? columns[0] ?? '';
}

/**
 * Contacts from parsed rows: `{phone, variables, line}`. An empty CSV cell is an absent value (so
 * the vendor checks report a missing variable instead of sending an empty one); JSON keeps `null`
 * and empty strings as written.
 */
export function toContacts(parsed, phoneColumn, { fromCsv }) {
  return parsed.rows.map((r) => {
    const variables = {};
    for (const [k, v] of Object.entries(r.values)) {
      if (k === phoneColumn) continue;
      if (fromCsv && v === '') continue;
      variables[k] = v;
    }
    const raw = r.values[phoneColumn];
    const phone = raw === undefined || (fromCsv && raw === '') ? undefined : raw;
    return { line: r.line, phone, variables };
  });
}
