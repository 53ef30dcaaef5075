// contract.test.mjs - the contract outside checks rely on: health, login (cookie + CSRF
// token), /me, user creation by an administrator, and the CLI: `fazhi user add` on a new
// database, `fazhi audit verify`, `fazhi demo` (once only), every `--help`, and unknown
// commands. One demo server for the HTTP part; a second one only for the CLI-made database.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, loggedIn, fazhi, DEMO_PASSWORD, PG } from '../lib/server.mjs';
import { expectError, sanitizerReport } from './helpers.mjs';

let srv, admin, leader, scratch;

before(async () => {
  srv = await startServer();
  admin = await loggedIn(srv.url, 'admin');
  leader = await loggedIn(srv.url, 'leader');
  scratch = mkdtempSync(join(tmpdir(), 'fazhi-contract-'));
});

after(async () => {
  await srv?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('GET /api/v1/health -> 200 {"status":"ok"} as JSON, no session needed', async () => {
  const r = await new Client(srv.url).get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok' });
  assert.match(r.headers.get('content-type'), /^application\/json/);
});

test('POST /api/v1/auth/login -> 200 with csrf_token in the body and an HttpOnly SameSite=Strict session cookie', async () => {
  const c = new Client(srv.url);
  const r = await c.post('/api/v1/auth/login', { username: 'viewer', password: DEMO_PASSWORD });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.csrf_token, /^[0-9a-f]{64}$/);
  assert.equal(r.body.user.username, 'viewer');
  assert.equal(r.body.must_change_password, false);
  const sc = r.headers.get('set-cookie');
  assert.match(sc, /^fazhi_session=[0-9a-f]{64};/);
  assert.match(sc, /;\s*HttpOnly(;|$)/i);
  assert.match(sc, /;\s*SameSite=Strict(;|$)/i);
  assert.match(sc, /;\s*Path=\/(;|$)/);
});

test('POST /api/v1/auth/login with a wrong password -> 401 bad_credentials and no cookie', async () => {
  const r = await new Client(srv.url).post('/api/v1/auth/login', { username: 'viewer', password: 'Wrong@2026' });
  expectError(r, 401, 'bad_credentials', null);
  assert.equal(r.headers.get('set-cookie'), null);
});

test('POST /api/v1/auth/login with an unknown user -> the same 401 bad_credentials (no user enumeration)', async () => {
  const r = await new Client(srv.url).post('/api/v1/auth/login', { username: 'nobody', password: DEMO_PASSWORD });
  expectError(r, 401, 'bad_credentials', null);
});

test('GET /api/v1/me -> the logged-in user with permissions, data scope and the session CSRF token', async () => {
  const r = await admin.get('/api/v1/me');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.username, 'admin');
  assert.equal(r.body.data_scope, 'all');
  assert.equal(r.body.csrf_token, admin.csrf);
  assert.ok(r.body.permissions.includes('system:user:write'));
  assert.deepEqual(r.body.roles.map((x) => x.code), ['admin']);
  assert.equal(r.body.password_hash, undefined);
  const l = await leader.get('/api/v1/me');
  assert.equal(l.body.username, 'leader');
  assert.ok(!l.body.permissions.includes('system:user:write'));
});

test('POST /api/v1/users by admin -> 201 with the new user, readable by GET /api/v1/users/{id}', async () => {
  const r = await admin.post('/api/v1/users', {
    username: 'contract1', display_name: '合同测试', password: 'Contract#2026', roles: ['viewer'],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, 'contract1');
  assert.equal(r.body.must_change_password, true);
  assert.ok(Number.isInteger(r.body.id));
  const g = await admin.get(`/api/v1/users/${r.body.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.display_name, '合同测试');
  assert.deepEqual(g.body.roles.map((x) => x.code), ['viewer']);
});

test('POST /api/v1/users by a non-admin (leader) -> 403 forbidden, nothing created', async () => {
  const r = await leader.post('/api/v1/users', { username: 'contract2', display_name: 'x', password: 'Contract#2026' });
  expectError(r, 403, 'forbidden', null);
  const l = await admin.get('/api/v1/users?q=contract2');
  assert.equal(l.body.total, 0);
});

test('fazhi user add on a new --db path creates and migrates it; that user logs in without a forced change', { skip: PG && 'a new SQLite file' }, async () => {
  const db = join(scratch, 'fresh.db');
  assert.equal(existsSync(db), false);
  const r = fazhi(['user', 'add', 'boss', '--role', 'admin', '--db', db, '--password-stdin'], { input: 'Boss#Pass2026\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(db));
  assert.ok(existsSync(`${db}.audit-key`));
  const v = fazhi(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const s2 = await startServer({ demo: false, args: ['--db', db] });
  try {
    const c = new Client(s2.url);
    const l = await c.login('boss', 'Boss#Pass2026');
    assert.equal(l.status, 200, l.text);
    assert.equal(l.body.must_change_password, false);
    const u = await c.get('/api/v1/users');
    assert.equal(u.status, 200, u.text);
    assert.deepEqual(u.body.items.map((x) => x.username), ['boss']);
  } finally {
    await s2.stop();
  }
});

test('fazhi audit verify --db PATH exits 0 and says OK on an intact database', async () => {
  const r = fazhi(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK: \d+ audit entries intact/);
});

test('fazhi audit verify on a database that does not exist exits non-zero and does not create it', () => {
  const db = join(scratch, 'missing.db');
  const r = fazhi(['audit', 'verify', '--db', db]);
  assert.notEqual(r.status, 0);
  assert.equal(existsSync(db), false);
});

test('fazhi demo --db PATH creates the demo database; a second run refuses with a non-zero exit', () => {
  const db = join(scratch, 'demo.db');
  const r = fazhi(['demo', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /officer3/);
  assert.ok(existsSync(db));
  const again = fazhi(['demo', '--db', db]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /already has users/);
  assert.equal(fazhi(['audit', 'verify', '--db', db]).status, 0);
});

for (const cmd of ['serve', 'user', 'audit', 'backup', 'demo', 'routes', 'help']) {
  test(`fazhi ${cmd} --help exits 0 and prints its usage`, () => {
    for (const flag of ['--help', '-h']) {
      const r = fazhi([cmd, flag]);
      assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
      assert.match(r.stdout, /^usage: fazhi/);
    }
  });
}

test('fazhi --help exits 0 and lists every command', () => {
  const r = fazhi(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['serve', 'user', 'audit', 'backup', 'demo', 'routes', 'help']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
});

test('fazhi with an unknown command exits non-zero and says so on stderr', () => {
  const r = fazhi(['frobnicate']);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /'frobnicate' is not a command/);
});

test('fazhi user / fazhi audit with an unknown subcommand exit non-zero', () => {
  const db = join(scratch, 'demo.db');
  assert.notEqual(fazhi(['user', 'frobnicate', '--db', db]).status, 0);
  assert.notEqual(fazhi(['audit', 'frobnicate', '--db', db]).status, 0);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
