// export.js - 导出: fetches every page of a list (up to MAX_ROWS) and saves it as a CSV
// that Excel opens as UTF-8 (leading BOM). columns: [{label, value: row => text}].

const PAGE = 200
export const MAX_ROWS = 10000

/* fetchAll: every item of listFn(query) across pages, capped at MAX_ROWS. */
export async function fetchAll(listFn, query) {
  const items = []
  for (let page = 1; items.length < MAX_ROWS; page++) {
    const res = await listFn({ ...query, page, page_size: PAGE })
    const got = res.items || []
    items.push(...got)
    if (got.length < PAGE || items.length >= (res.total ?? 0)) break
  }
  return items.slice(0, MAX_ROWS)
}

function cell(v) {
  const s = v == null ? '' : String(v)
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

/* saveCsv: download rows as filename (a .csv). */
export function saveCsv(filename, columns, rows) {
  const lines = [columns.map((c) => cell(c.label)).join(',')]
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','))
  const blob = new Blob(['\ufeff' + lines.join('\r\n')], { type: 'text/csv;charset=utf-8' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}

/* stamp: 'YYYYMMDD_HHmmss' for file names. */
export function stamp() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_` +
    `${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}
