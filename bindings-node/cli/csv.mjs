// A small RFC 4180 CSV reader for contact lists: quoted fields, doubled quotes, CRLF or LF, a
// header row. Columns: `phone` (required), `id` (optional), every other column a variable.

/** Split CSV text into rows of fields; `problems` names what could not be read. */
export function readRows(text) {
  const rows = []
  const problems = []
  let row = []
  let field = ''
  let quoted = false
  let line = 1
  let i = 0
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text // a BOM from spreadsheets
  while (i < src.length) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        field += c
      }
      i++
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push({ line, fields: row })
      row = []
      field = ''
      line++
    } else field += c
    i++
  }
  if (quoted) problems.push(`line ${line}: unterminated quoted field`)
  if (field !== '' || row.length) {
    row.push(field)
    rows.push({ line, fields: row })
  }
  return { rows: rows.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === '')), problems }
}

/** Contacts from CSV text: `{rows: [{phone, id?, variables}], problems: [...]}`. */
export function parseCsv(text) {
  const { rows, problems } = readRows(text)
  if (!rows.length) return { rows: [], problems: [...problems, 'no header row'] }
  const header = rows[0].fields.map((h) => h.trim())
  const phone = header.indexOf('phone')
  if (phone < 0) problems.push(`line 1: no \`phone\` column (columns: ${header.join(', ')})`)
  const id = header.indexOf('id')
  const seen = new Set()
  for (const h of header) {
    if (seen.has(h)) problems.push(`line 1: column \`${h}\` appears twice`)
    seen.add(h)
  }
  const out = []
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length !== header.length) {
      problems.push(`line ${line}: ${fields.length} field(s), the header has ${header.length}`)
      continue
    }
    const variables = {}
    header.forEach((h, k) => {
      if (k !== phone && k !== id) variables[h] = fields[k]
    })
    const contact = { phone: phone >= 0 ? fields[phone] : '', variables }
    if (id >= 0 && fields[id] !== '') contact.id = fields[id]
    out.push(contact)
  }
  return { rows: out, problems }
}
