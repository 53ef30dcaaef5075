// server.mjs - starts a throwaway `fazhi serve` on a temp database for API and browser
// tests, and gives a small client that keeps the session cookie and the CSRF token.
// FAZHI_BIN picks the binary (make test passes the ASan build); each server gets its own
// temp folder, a free loopback port, and is killed when the test file ends.
// FAZHI_TEST_PG=postgresql://USER@HOST:PORT (set by scripts/test.sh for the PostgreSQL run)
// gives each server a fresh PostgreSQL database instead of a SQLite file, with the audit
// key and the file store in the temp folder; it is dropped when the server stops.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const BIN = process.env.FAZHI_BIN ? resolve(process.env.FAZHI_BIN) : join(ROOT, 'build', 'fazhi');
export const DEMO_PASSWORD = 'Fazhi@2026';

export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

export const PG = process.env.FAZHI_TEST_PG || '';
// FAZHI_TEST_PG_TEMPLATE: a database `fazhi demo` filled once for the run (its audit key and
// file store as FAZHI_TEST_PG_TEMPLATE_DIR/t.audit-key and t.files): servers with demo data
// start from a copy of it instead of replaying the demo each time.
const TEMPLATE = process.env.FAZHI_TEST_PG_TEMPLATE || '';
// FAZHI_TEST_SQLITE_TEMPLATE: the same for SQLite, a demo database file (with its audit key,
// head and file store beside it) that servers with demo data start from a copy of.
const SQLITE_TEMPLATE = process.env.FAZHI_TEST_SQLITE_TEMPLATE || '';
const pgFiles = new Map();   // database URI -> the env giving its audit key and file store

function pgEnv(args) {
  const i = args.indexOf('--db');
  return (i >= 0 && pgFiles.get(args[i + 1])) || {};
}

function psqlAdmin(sql) {
  const r = spawnSync('psql', ['-X', '-q', '-d', `${PG}/postgres`, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
}

// newDatabase(dir): a SQLite file in dir, or a fresh PostgreSQL database in the PG run
export function newDatabase(dir) {
  if (!PG) return join(dir, 'test.db');
  const name = `fz_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  psqlAdmin(`CREATE DATABASE ${name}`);
  const db = `${PG}/${name}`;
  pgFiles.set(db, { FAZHI_AUDIT_KEY: join(dir, 'test.db.audit-key'), FAZHI_FILES: join(dir, 'test.db.files') });
  return db;
}

// copyDatabase(db, dir, name): a copy of a stopped server's database with its audit key,
// published head and file store, as NAME.db in dir (SQLite) or a new PostgreSQL database
// made from it as a template; returns the copy's --db argument.
export function copyDatabase(db, dir, name) {
  const key = pgFiles.get(db)?.FAZHI_AUDIT_KEY ?? `${db}.audit-key`;
  const files = pgFiles.get(db)?.FAZHI_FILES ?? `${db}.files`;
  const to = join(dir, `${name}.db`);
  let copy = to;
  if (PG) {
    copy = `${PG}/${db.slice(db.lastIndexOf('/') + 1)}_${name}`;
    psqlAdmin(`CREATE DATABASE ${copy.slice(copy.lastIndexOf('/') + 1)} TEMPLATE ${db.slice(db.lastIndexOf('/') + 1)}`);
    pgFiles.set(copy, { FAZHI_AUDIT_KEY: `${to}.audit-key`, FAZHI_FILES: `${to}.files` });
  } else {
    copyFileSync(db, to);
    if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${to}-wal`);
  }
  copyFileSync(key, `${to}.audit-key`);
  copyFileSync(`${key}.head`, `${to}.audit-key.head`);
  if (existsSync(files)) cpSync(files, `${to}.files`, { recursive: true });
  return copy;
}

// filesDir(db): the evidence and document store the server of db uses
export function filesDir(db) {
  return pgFiles.get(db)?.FAZHI_FILES ?? `${db}.files`;
}

function fromTemplate(dir) {
  const t = process.env.FAZHI_TEST_PG_TEMPLATE_DIR;
  pgFiles.set(TEMPLATE, { FAZHI_AUDIT_KEY: join(t, 't.audit-key'), FAZHI_FILES: join(t, 't.files') });
  const name = `fz_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  psqlAdmin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE.slice(TEMPLATE.lastIndexOf('/') + 1)}`);
  const db = `${PG}/${name}`;
  const to = join(dir, 'test.db');
  pgFiles.set(db, { FAZHI_AUDIT_KEY: `${to}.audit-key`, FAZHI_FILES: `${to}.files` });
  copyFileSync(join(t, 't.audit-key'), `${to}.audit-key`);
  copyFileSync(join(t, 't.audit-key.head'), `${to}.audit-key.head`);
  if (existsSync(join(t, 't.files'))) cpSync(join(t, 't.files'), `${to}.files`, { recursive: true });
  return db;
}

// keyFile(db): the audit key file the server of db uses
export function keyFile(db) {
  return pgFiles.get(db)?.FAZHI_AUDIT_KEY ?? `${db}.audit-key`;
}

export function dropDatabase(db) {
  if (!pgFiles.has(db)) return;
  pgFiles.delete(db);
  psqlAdmin(`DROP DATABASE IF EXISTS ${db.slice(db.lastIndexOf('/') + 1)} WITH (FORCE)`);
}

// fazhi(args, {input}) runs the CLI synchronously and returns {status, stdout, stderr}
export function fazhi(args, opts = {}) {
  const r = spawnSync(BIN, args, { input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, ...pgEnv(args), ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// startServer({demo: true}) -> {url, dir, db, stop()}
// startServer({share: other}) starts a second server on other's database (several servers
// on one database); its stop() leaves the database to the first.
export async function startServer({ demo = true, env = {}, args = [], share = null } = {}) {
  const dir = share ? share.dir : mkdtempSync(join(tmpdir(), 'fazhi-test-'));
  const copied = !share && demo && (PG ? TEMPLATE : SQLITE_TEMPLATE);
  const db = share ? share.db
    : !copied ? newDatabase(dir)
      : PG ? fromTemplate(dir) : copyDatabase(SQLITE_TEMPLATE, dir, 'test');
  if (!share && demo && !copied) {
    const r = fazhi(['demo', '--db', db]);
    if (r.status !== 0) throw new Error(`fazhi demo failed: ${r.stderr}`);
  }
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--web', join(ROOT, 'web', 'dist'), ...args],
    { env: { ...process.env, FAZHI_ACCESS_LOG: 'false', ...(pgFiles.get(db) || {}), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (process.env.FAZHI_TEST_STDERR) process.stderr.write(d); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { const r = await fetch(`${url}/api/v1/health`); if (r.ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`fazhi serve exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, dir, db, port, proc,
    stderr: () => stderr,
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await done;
      }
      if (!keep && !share) {
        rmSync(dir, { recursive: true, force: true });
        dropDatabase(db);
      }
    },
  };
}

// Client: fetch with the session cookie and CSRF header; json() helpers return
// {status, body, headers}.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async req(method, path, body, { headers = {}, raw = false, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) { payload = raw ? body : JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const r = await fetch(this.base + path, { method, headers: h, body: payload });
    const sc = r.headers.get('set-cookie');
    if (sc) { const m = /fazhi_session=([^;]*)/.exec(sc); if (m) this.cookie = m[1] ? `fazhi_session=${m[1]}` : ''; }
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: r.status, body: json, text, headers: r.headers };
  }
  get(p, o) { return this.req('GET', p, undefined, o); }
  post(p, b, o) { return this.req('POST', p, b, o); }
  put(p, b, o) { return this.req('PUT', p, b, o); }
  del(p, o) { return this.req('DELETE', p, undefined, o); }
  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.csrf_token;
    return r;
  }
}

export async function loggedIn(url, username, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const r = await c.login(username, password);
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
  return c;
}
