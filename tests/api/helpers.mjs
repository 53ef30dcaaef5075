// helpers.mjs - small shared helpers of the API tests (not a test file itself): the
// error-shape assertion of STYLE.md R6, raw HTTP requests (chunked bodies, early 413
// replies), the sqlite3 CLI runner with the R8 integrity check, and the sanitizer check.
// Everything here talks to the server only through HTTP, the CLI or a stopped database.
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';

// expectError(r, status, code, field): the response is the one error shape
// {"error":{"code","message","field"}} with that status and code; field is checked when
// given (null means "no field").
export function expectError(r, status, code, field) {
  assert.equal(r.status, status, `status ${r.status}, body ${r.text}`);
  assert.ok(r.body && r.body.error, `error body expected, got ${r.text}`);
  assert.equal(r.body.error.code, code, `code in ${r.text}`);
  assert.equal(typeof r.body.error.message, 'string');
  assert.ok(r.body.error.message.length > 0);
  if (field !== undefined) assert.equal(r.body.error.field, field, `field in ${r.text}`);
}

// rawRequest(base, {method, path, headers, chunks, contentLength}) sends chunks with
// node:http (chunked unless contentLength is set) and resolves {status, headers, body}
// as soon as the reply is complete, even if the server closed before reading it all.
export function rawRequest(base, { method = 'POST', path, headers = {}, chunks = [], contentLength } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const h = { ...headers };
    if (contentLength !== undefined) h['content-length'] = String(contentLength);
    else h['transfer-encoding'] = 'chunked';
    const req = http.request({ host: u.hostname, port: u.port, path, method, headers: h, agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => {
        answered = true;
        let json = null;
        try { json = data ? JSON.parse(data) : null; } catch { json = null; }
        resolve({ status: res.statusCode, headers: res.headers, body: json, text: data });
      });
    });
    req.on('error', (e) => { if (!answered) setTimeout(() => { if (!answered) reject(e); }, 500); });
    (async () => {
      for (const c of chunks) {
        if (req.destroyed) return;
        if (!req.write(c)) {
          await new Promise((r) => {
            const done = () => { req.off('drain', done); req.off('close', done); r(); };
            req.on('drain', done);
            req.on('close', done);
          });
        }
      }
      req.end();
    })().catch(() => {});
  });
}

// sqlite(db, sql, {json}) runs the sqlite3 CLI on a database file; on a PostgreSQL
// database (the suite's PostgreSQL run, FAZHI_TEST_PG) psql runs the same statements, a
// SELECT's rows come back as JSON the same way, and PRAGMAs (SQLite's own checks) are dropped.
export function sqlite(db, sql, { json = false } = {}) {
  if (/^postgres(ql)?:\/\//.test(db)) return psql(db, sql, { json });
  const args = json ? ['-json', db] : [db];
  const r = spawnSync('sqlite3', args, { input: sql, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rows: json ? JSON.parse(r.stdout || '[]') : null };
}

function psql(db, sql, { json }) {
  const body = sql.split('\n').filter((l) => !/^\s*PRAGMA/i.test(l)).join('\n')
    .replace(/PRAGMA[^;]*;/gi, '').trim().replace(/;\s*$/, '');
  const q = json ? `SELECT coalesce(json_agg(t), '[]') FROM (${body}) t` : body;
  const r = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db], { input: `${q || 'SELECT 1'};\n`, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rows: json ? JSON.parse(r.stdout || '[]') : null };
}

// checkIntegrity(db): STYLE.md R8 - after writes, integrity_check says ok and
// foreign_key_check reports nothing (SQLite; PostgreSQL checks constraints on each write).
export function checkIntegrity(db) {
  if (/^postgres(ql)?:\/\//.test(db)) return;
  const r = sqlite(db, 'PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'ok');
}

// sanitizerReport(stderr): the lines of an ASan/LSan/UBSan report, or '' when clean.
export function sanitizerReport(stderr) {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => /ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: .*Sanitizer/.test(l));
  return i < 0 ? '' : lines.slice(i, i + 40).join('\n');
}

// auditTotal(c): the size of the audit log as GET /api/v1/audit reports it.
export async function auditTotal(c) {
  const r = await c.get('/api/v1/audit?page_size=1');
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

// userByName(c, name): the user record of a demo user, through the admin's list.
export async function userByName(c, name) {
  const r = await c.get(`/api/v1/users?q=${encodeURIComponent(name)}&page_size=200`);
  assert.equal(r.status, 200, r.text);
  const u = r.body.items.find((x) => x.username === name);
  assert.ok(u, `user ${name} not found`);
  return u;
}
