// audit.test.mjs - the tamper-evident audit log (全过程记录): one entry per accepted
// state-changing request and none for a rejected one; who/where/what on each entry; no
// password in any entry; RFC 9162 leaf hashes, inclusion and consistency proofs and the
// Ed25519-signed heads re-verified here in JS; then tampering behind the server's back
// with the sqlite3 CLI (psql in the PostgreSQL run) on copies of the stopped database, each
// caught by `fazhi audit verify`.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, loggedIn, fazhi, copyDatabase, keyFile, DEMO_PASSWORD } from '../lib/server.mjs';
import { expectError, rawRequest, auditTotal, checkIntegrity, sanitizerReport, sqlite, userByName } from './helpers.mjs';

// ---- RFC 9162 §2.1 in JS ----

const sha = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (bytes) => sha(Buffer.from([0x00]), Buffer.from(bytes, 'utf8'));
const nodeHash = (l, r) => sha(Buffer.from([0x01]), l, r);
const hex = (b) => b.toString('hex');
const unhex = (s) => Buffer.from(s, 'hex');
const byBinary = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// mth: the Merkle Tree Hash of a list of leaf hashes (§2.1.1)
function mth(leaves) {
  if (leaves.length === 0) return sha(Buffer.alloc(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

// verifyInclusion: §2.1.3.2
function verifyInclusion(index, size, leaf, path, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

// verifyConsistency: §2.1.4.2
function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while ((fn & 1) === 1) { fn >>= 1; sn >>= 1; }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if ((fn & 1) === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

// canon: jansson's JSON_SORT_KEYS | JSON_COMPACT for the values the log holds
function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort(byBinary).map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

// entryLeaf: H(0x00 || canonical JSON of the entry's own fields); detail is the stored
// JSON text (the API returns it parsed, the database as text)
function entryLeaf(e) {
  const detail = typeof e.detail === 'string' ? e.detail : canon(e.detail);
  return leafHash(canon({
    seq: e.seq, ts: e.ts, user_id: e.user_id ?? 0, username: e.username, ip: e.ip, method: e.method,
    path: e.path, action: e.action, entity_type: e.entity_type, entity_id: e.entity_id,
    summary: e.summary, detail,
  }));
}

const ed25519Spki = (pk) => createPublicKey({
  key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), unhex(pk)]), format: 'der', type: 'spki',
});
const headMessage = (size, root) => Buffer.from(`fazhi-audit:v1:${size}:${root}`);

// ---- the server part ----

const PW = { initial: 'Initial#Aud2026', reset: 'Reset#Aud2026x', changed: 'Changed#Aud2026', nested: 'Nested#Secret77' };
let srv, admin, leader, viewer;
let head0;                  // the head before this file's writes, for the consistency test
let target;                 // a user created and edited here

before(async () => {
  srv = await startServer();
  admin = await loggedIn(srv.url, 'admin');
  leader = await loggedIn(srv.url, 'leader');
  viewer = await loggedIn(srv.url, 'viewer');
  head0 = (await admin.get('/api/v1/audit/head')).body;
});

after(async () => { await srv?.stop(); });

async function latest() {
  const r = await admin.get('/api/v1/audit?page_size=1');
  return r.body.items[0];
}

// oneEntry: run a request that must succeed and append exactly one entry; check its
// who/where/what and return it.
async function oneEntry(run, want) {
  const before = await auditTotal(admin);
  const r = await run();
  assert.ok(r.status >= 200 && r.status < 300, `${r.status} ${r.text}`);
  assert.equal(await auditTotal(admin), before + 1, 'exactly one new entry');
  const e = await latest();
  assert.equal(e.seq, before);
  assert.equal(e.ip, '127.0.0.1');
  for (const [k, v] of Object.entries(want)) assert.equal(e[k], v, `${k} of ${JSON.stringify(e)}`);
  return { r, e };
}

// noEntry: a rejected request adds nothing to the log
async function noEntry(run, status) {
  const before = await auditTotal(admin);
  const r = await run();
  assert.equal(r.status, status, r.text);
  assert.equal(await auditTotal(admin), before, `${status} must not be audited`);
}

test('POST /api/v1/auth/login appends auth.login naming the user who logged in', async () => {
  const lead = await userByName(admin, 'leader');
  const c = new Client(srv.url);
  const { e } = await oneEntry(() => c.login('leader'), {
    action: 'auth.login', entity_type: 'user', entity_id: String(lead.id), username: 'leader', user_id: lead.id,
    method: 'POST', path: '/api/v1/auth/login',
  });
  assert.deepEqual(e.detail, { username: 'leader' });
});

test('POST /api/v1/users appends user.create by the admin, with the password redacted', async () => {
  const { r, e } = await oneEntry(() => admin.post('/api/v1/users', {
    username: 'audited1', display_name: '审计对象', password: PW.initial, roles: ['viewer'],
  }), { action: 'user.create', entity_type: 'user', username: 'admin', user_id: 1, method: 'POST', path: '/api/v1/users' });
  target = r.body;
  assert.equal(e.entity_id, String(target.id));
  assert.match(e.summary, /audited1/);
  assert.equal(e.detail.password, '***');
  assert.equal(e.detail.username, 'audited1');
});

test('PUT /api/v1/users/{id} appends user.update with before and after', async () => {
  const { r, e } = await oneEntry(() => admin.put(`/api/v1/users/${target.id}`, { version: target.version, display_name: '改名' }), {
    action: 'user.update', entity_type: 'user', entity_id: String(target.id), method: 'PUT', path: `/api/v1/users/${target.id}`,
  });
  assert.equal(e.detail.before.display_name, '审计对象');
  assert.equal(e.detail.after.display_name, '改名');
  target = r.body;
});

test('POST /api/v1/users/{id}/reset-password appends user.reset_password', async () => {
  await oneEntry(() => admin.post(`/api/v1/users/${target.id}/reset-password`, { password: PW.reset }), {
    action: 'user.reset_password', entity_type: 'user', entity_id: String(target.id),
  });
});

test('POST /api/v1/auth/password appends user.password_change by the user itself', async () => {
  const c = await loggedIn(srv.url, 'audited1', PW.reset);
  await oneEntry(() => c.post('/api/v1/auth/password', { old_password: PW.reset, new_password: PW.changed }), {
    action: 'user.password_change', entity_type: 'user', entity_id: String(target.id), username: 'audited1', user_id: target.id,
  });
  await oneEntry(() => c.post('/api/v1/auth/logout'), {
    action: 'auth.logout', entity_type: 'user', entity_id: String(target.id), username: 'audited1',
  });
});

test('POST /api/v1/users/{id}/unlock appends user.unlock', async () => {
  await oneEntry(() => admin.post(`/api/v1/users/${target.id}/unlock`), { action: 'user.unlock', entity_id: String(target.id) });
});

test('POST, PUT, DELETE /api/v1/departments append dept.create, dept.update, dept.delete', async () => {
  const { r } = await oneEntry(() => admin.post('/api/v1/departments', { parent_id: 1, name: '审计部', code: 'AUD-1' }), {
    action: 'dept.create', entity_type: 'department',
  });
  const id = String(r.body.id);
  assert.equal((await latest()).entity_id, id);
  await oneEntry(() => admin.put(`/api/v1/departments/${id}`, { version: 1, name: '审计部二' }), { action: 'dept.update', entity_id: id });
  await oneEntry(() => admin.del(`/api/v1/departments/${id}`), { action: 'dept.delete', entity_id: id, method: 'DELETE' });
});

test('POST, PUT, DELETE /api/v1/roles append role.create, role.update, role.delete', async () => {
  const { r } = await oneEntry(() => admin.post('/api/v1/roles', { code: 'aud', name: '审计角色', permissions: ['system:audit:read'] }), {
    action: 'role.create', entity_type: 'role',
  });
  const id = String(r.body.id);
  await oneEntry(() => admin.put(`/api/v1/roles/${id}`, { version: 1, name: '审计角色二' }), { action: 'role.update', entity_id: id });
  await oneEntry(() => admin.del(`/api/v1/roles/${id}`), { action: 'role.delete', entity_id: id });
});

test('rejected requests (400, 401, 403, 404, 405, 409, 413, 422, failed login) append no entry', async () => {
  const anon = new Client(srv.url);
  await noEntry(() => admin.post('/api/v1/users', '{"x":', { raw: true }), 400);
  await noEntry(() => anon.post('/api/v1/departments', { parent_id: 1, name: 'x', code: 'X' }), 401);
  await noEntry(() => anon.login('admin', 'Wrong#2026'), 401);
  await noEntry(() => viewer.post('/api/v1/users', { username: 'nope1', display_name: 'x', password: PW.initial }), 403);
  await noEntry(() => admin.post('/api/v1/users', { username: 'nope2', display_name: 'x', password: PW.initial }, { csrf: false }), 403);
  await noEntry(() => admin.put('/api/v1/departments/999999', { version: 1, name: 'x' }), 404);
  await noEntry(() => admin.req('DELETE', '/api/v1/users', {}), 405);
  await noEntry(() => admin.post('/api/v1/users', { username: 'officer1', display_name: 'x', password: PW.initial }), 409);
  await noEntry(() => admin.put(`/api/v1/users/${target.id}`, { version: 1, display_name: 'stale' }), 409);
  await noEntry(() => admin.post('/api/v1/users', { username: 'nope3', display_name: 'x', password: 'weak' }), 422);
  await noEntry(() => rawRequest(srv.url, {
    path: '/api/v1/users', contentLength: (1 << 20) + 1, chunks: ['x'.repeat((1 << 20) + 1)],
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
  }), 413);
});

test('a write that fails after its first statement (role with an unknown permission) rolls back with no entry', async () => {
  await noEntry(() => admin.post('/api/v1/roles', { code: 'halfway', name: 'x', permissions: ['system:user:read', 'bogus'] }), 422);
  const n = sqlite(srv.db, "SELECT count(*) AS n FROM roles WHERE code = 'halfway';", { json: true }).rows[0].n;
  assert.equal(n, 0);
});

test('GET requests append no entry', async () => {
  const before = await auditTotal(admin);
  for (const p of ['/api/v1/me', '/api/v1/users', '/api/v1/audit/head', '/api/v1/login-log', '/api/v1/health']) {
    assert.equal((await admin.get(p)).status, 200, p);
  }
  assert.equal(await auditTotal(admin), before);
});

test('GET /api/v1/audit filters by username, action prefix, entity_type and entity_id', async () => {
  const byUser = await admin.get('/api/v1/audit?username=audited1&page_size=200');
  assert.deepEqual(byUser.body.items.map((e) => e.action).sort(), ['auth.login', 'auth.logout', 'user.password_change']);
  const byAction = await admin.get('/api/v1/audit?action=dept.&page_size=200');
  assert.ok(byAction.body.items.length >= 3);
  for (const e of byAction.body.items) assert.match(e.action, /^dept\./);
  const byEntity = await admin.get(`/api/v1/audit?entity_type=user&entity_id=${target.id}&page_size=200`);
  assert.ok(byEntity.body.items.every((e) => e.entity_type === 'user' && e.entity_id === String(target.id)));
  assert.ok(byEntity.body.items.length >= 6);
  expectError(await viewer.get('/api/v1/audit'), 403, 'forbidden', null);
});

// allAudit: every entry, newest first, fetched page by page
async function allAudit(client) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`/api/v1/audit?page_size=200&page=${page}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.body.items);
    if (out.length >= r.body.total || !r.body.items.length) return { total: r.body.total, items: out };
  }
}

test('no password (plain or hashed) appears in any audit entry', async () => {
  const r = { body: await allAudit(admin) };
  const text = JSON.stringify(r.body.items);
  for (const pw of [...Object.values(PW), DEMO_PASSWORD, 'Wrong#2026']) assert.ok(!text.includes(pw), `password ${pw} in the audit log`);
  assert.ok(!text.includes('$argon2'), 'a password hash in the audit log');
});

test('a password inside an unknown nested body field does not reach the audit detail', async () => {
  const r = await admin.post('/api/v1/users', {
    username: 'audited2', display_name: 'x', password: PW.initial, profile: { password: PW.nested },
  });
  assert.equal(r.status, 201, r.text);
  const e = await latest();
  assert.ok(!JSON.stringify(e).includes(PW.nested), 'nested password stored in the audit log');
});

// ---- proofs, re-verified in JS ----

let entries;        // every entry, seq ascending
let leaves;         // their leaf hashes, recomputed in JS
let head;

test('every leaf_hash = SHA-256(0x00 || canonical JSON of the entry) recomputed in JS', async () => {
  const r = { body: await allAudit(admin) };
  assert.equal(r.body.total, r.body.items.length);
  entries = r.body.items.reverse();
  entries.forEach((e, i) => assert.equal(e.seq, i, 'seq has no gaps'));
  leaves = entries.map(entryLeaf);
  entries.forEach((e, i) => assert.equal(hex(leaves[i]), e.leaf_hash, `leaf ${e.seq}`));
});

test('GET /api/v1/audit/head: size = total, root = the JS Merkle tree hash, Ed25519 signature verifies', async () => {
  head = (await admin.get('/api/v1/audit/head')).body;
  assert.equal(head.algorithm, 'sha256-rfc9162+ed25519');
  assert.equal(head.size, await auditTotal(admin));
  assert.equal(head.size, leaves.length);
  assert.equal(head.root, hex(mth(leaves)));
  const key = ed25519Spki(head.public_key);
  assert.ok(edVerify(null, headMessage(head.size, head.root), key, unhex(head.signature)));
  assert.ok(!edVerify(null, headMessage(head.size - 1, head.root), key, unhex(head.signature)), 'the size is signed too');
  assert.equal(head.public_key, head0.public_key, 'the key did not change');
});

test('the published head file beside the audit key holds the current head', () => {
  const [size, root, sig] = readFileSync(`${keyFile(srv.db)}.head`, 'utf8').trim().split(' ');
  assert.deepEqual([Number(size), root, sig], [head.size, head.root, head.signature]);
});

test('GET /api/v1/audit/{seq}/proof -> verified:true and the path verifies in JS for every seq', async () => {
  const root = unhex(head.root);
  // every entry of a small log; an even sample of at most 300 of a large one, ends included
  const step = Math.max(1, Math.ceil(entries.length / 300));
  const sample = entries.filter((e, i) => i % step === 0 || i === entries.length - 1);
  for (const e of sample) {
    const p = (await admin.get(`/api/v1/audit/${e.seq}/proof`)).body;
    assert.equal(p.verified, true);
    assert.equal(p.seq, e.seq);
    assert.equal(p.tree_size, head.size);
    assert.equal(p.root, head.root);
    assert.equal(p.leaf_hash, e.leaf_hash);
    const path = p.path.map(unhex);
    assert.ok(verifyInclusion(e.seq, head.size, leaves[e.seq], path, root), `inclusion of ${e.seq}`);
    // the JS verifier is not vacuous: a wrong leaf, index or path fails
    assert.ok(!verifyInclusion(e.seq, head.size, sha(Buffer.from('x')), path, root));
    if (path.length) {
      const bad = path.map((h, i) => (i === path.length - 1 ? sha(h) : h));
      assert.ok(!verifyInclusion(e.seq, head.size, leaves[e.seq], bad, root));
    }
    if (head.size > 1) assert.ok(!verifyInclusion((e.seq + 1) % head.size, head.size, leaves[e.seq], path, root));
  }
});

test('GET /api/v1/audit/consistency proves the head before this file is a prefix of the current head', async () => {
  const r = await admin.get(`/api/v1/audit/consistency?first=${head0.size}&second=${head.size}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.first_root, head0.root);
  assert.equal(r.body.second_root, head.root);
  const proof = r.body.proof.map(unhex);
  assert.ok(verifyConsistency(head0.size, head.size, unhex(head0.root), unhex(head.root), proof));
  assert.ok(!verifyConsistency(head0.size, head.size, sha(Buffer.from('forged')), unhex(head.root), proof));
  assert.ok(!verifyConsistency(head0.size, head.size, unhex(head0.root), unhex(head.root), proof.slice(1)));
});

test('consistency proofs between many sizes verify in JS against independently computed roots', async () => {
  const n = head.size;
  const roots = [null];
  for (let i = 1; i <= n; i++) roots.push(mth(leaves.slice(0, i)));
  const pairs = [];
  for (let first = 1; first <= n; first++) {
    for (const second of new Set([first, first + 1, n, Math.min(n, 2 * first)])) if (second <= n) pairs.push([first, second]);
  }
  for (const [first, second] of pairs) {
    const r = await admin.get(`/api/v1/audit/consistency?first=${first}&second=${second}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.first_root, hex(roots[first]), `root of size ${first}`);
    assert.equal(r.body.second_root, hex(roots[second]), `root of size ${second}`);
    assert.ok(verifyConsistency(first, second, roots[first], roots[second], r.body.proof.map(unhex)), `consistency ${first} -> ${second}`);
  }
});

test('GET /api/v1/audit/consistency with bad sizes -> 422 naming first or second; unknown seq proof -> 404', async () => {
  expectError(await admin.get('/api/v1/audit/consistency?first=0&second=3'), 422, 'invalid_field', 'first');
  expectError(await admin.get('/api/v1/audit/consistency?second=3'), 422, 'invalid_field', 'first');
  expectError(await admin.get('/api/v1/audit/consistency?first=5&second=4'), 422, 'invalid_field', 'second');
  expectError(await admin.get(`/api/v1/audit/consistency?first=1&second=${head.size + 1}`), 422, 'invalid_field', 'second');
  expectError(await admin.get(`/api/v1/audit/${head.size}/proof`), 404, 'not_found', null);
  expectError(await admin.get('/api/v1/audit/-1/proof'), 404, 'not_found', null);
  expectError(await viewer.get('/api/v1/audit/head'), 403, 'forbidden', null);
});

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});

// ---- tampering behind the stopped server's back, on copies ----

const COLS = 'seq, ts, user_id, username, ip, method, path, action, entity_type, entity_id, summary, detail, leaf_hash, root, signature';
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

// copyDb: a copy of the stopped database with its audit key, head and file store
function copyDb(name) {
  return copyDatabase(srv.db, srv.dir, name);
}

const rowsOf = (db) => sqlite(db, `SELECT ${COLS} FROM audit_log ORDER BY seq;`, { json: true }).rows;

function run(db, sql) {
  const r = sqlite(db, sql);
  assert.equal(r.status, 0, r.stderr);
}

// rebuildSql: recompute every leaf, subtree node and root from rows (their fields as
// given) and write them back; a row's signature becomes sign(size, rootHex, row) when that
// returns a string, else stays as it is.
function rebuildSql(rows, sign) {
  const lv = rows.map(entryLeaf);
  const sql = ['BEGIN;', 'DELETE FROM audit_nodes;'];
  let level = 0;
  let cur = lv;
  while (cur.length) {
    cur.forEach((h, idx) => sql.push(`INSERT INTO audit_nodes(level, idx, hash) VALUES (${level}, ${idx}, ${q(hex(h))});`));
    const next = [];
    for (let i = 0; i + 1 < cur.length; i += 2) next.push(nodeHash(cur[i], cur[i + 1]));
    cur = next;
    level++;
  }
  rows.forEach((r, i) => {
    const root = hex(mth(lv.slice(0, i + 1)));
    const sig = (sign && sign(i + 1, root, r)) || r.signature;
    sql.push(`UPDATE audit_log SET leaf_hash = ${q(hex(lv[i]))}, root = ${q(root)}, signature = ${q(sig)} WHERE seq = ${r.seq};`);
  });
  sql.push('COMMIT;');
  return { sql: sql.join('\n'), lastRoot: hex(mth(lv)) };
}

const verifyCli = (db, extra = []) => {
  const r = fazhi(['audit', 'verify', '--db', db, ...extra]);
  return { ...r, out: r.stdout + r.stderr };
};

test('untouched copy: fazhi audit verify exits 0; every stored root and signature verifies in JS', () => {
  const db = copyDb('intact');
  const v = verifyCli(db);
  assert.equal(v.status, 0, v.out);
  assert.match(v.stdout, new RegExp(`^OK: ${head.size} audit entries intact`));
  const rows = rowsOf(db);
  assert.equal(rows.length, head.size);
  const key = ed25519Spki(head.public_key);
  const lv = rows.map(entryLeaf);
  rows.forEach((r, i) => {
    assert.equal(r.leaf_hash, hex(lv[i]));
    assert.equal(r.root, hex(mth(lv.slice(0, i + 1))), `root after ${i}`);
    assert.ok(edVerify(null, headMessage(i + 1, r.root), key, unhex(r.signature)), `signature of head ${i + 1}`);
  });
  assert.equal(verifyCli(db, ['--public-key', head.public_key]).status, 0);
});

test('(a) UPDATE of one entry\'s summary -> verify exits non-zero naming that seq', () => {
  const db = copyDb('updated');
  const seq = Math.floor(head.size / 2);
  run(db, `UPDATE audit_log SET summary = 'nothing happened' WHERE seq = ${seq};`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${seq}:`));
});

test('(a2) UPDATE of one entry\'s username or detail -> verify exits non-zero naming that seq', () => {
  const db = copyDb('updated2');
  run(db, "UPDATE audit_log SET username = 'leader' WHERE seq = 3;");
  assert.match(verifyCli(db).stdout, /TAMPERED: audit entry 3:/);
  const db2 = copyDb('updated3');
  const seq = entries.find((e) => e.action === 'user.update').seq;
  run(db2, `UPDATE audit_log SET detail = '{}' WHERE seq = ${seq};`);
  const v = verifyCli(db2);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${seq}:`));
});

test('(b) DELETE of a middle row -> verify exits non-zero naming the missing seq', () => {
  const db = copyDb('gap');
  const seq = Math.floor(head.size / 3);
  run(db, `DELETE FROM audit_log WHERE seq = ${seq};`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${seq}: entry missing`));
});

test('(c) DELETE of the last row -> verify exits non-zero', () => {
  const db = copyDb('truncated');
  run(db, `DELETE FROM audit_log WHERE seq = ${head.size - 1};`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
  assert.match(v.stdout, /^TAMPERED: /);
});

test('(c2) DELETE of the last row with the subtree table rebuilt to match -> non-zero (the published head is missing)', () => {
  const db = copyDb('truncated2');
  const rows = rowsOf(db).slice(0, -1);
  run(db, `DELETE FROM audit_log WHERE seq = ${head.size - 1};\n${rebuildSql(rows, null).sql}`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${head.size - 1}: entries missing at the end`));
});

test('(d) INSERT of a forged last row with recomputed leaf, nodes and root but no valid signature -> non-zero', () => {
  const db = copyDb('forged');
  const rows = rowsOf(db);
  const last = rows.at(-1);
  const forged = {
    ...last, seq: rows.length, user_id: 1, username: 'admin', ip: '127.0.0.1', method: 'DELETE',
    path: '/api/v1/users/4', action: 'user.delete', entity_type: 'user', entity_id: '4', summary: '删除用户 officer1',
    detail: '{}', signature: randomBytes(64).toString('hex'),
  };
  const all = [...rows, forged];
  const insert = `INSERT INTO audit_log(${COLS}) VALUES (${[forged.seq, q(forged.ts), forged.user_id, q(forged.username), q(forged.ip),
    q(forged.method), q(forged.path), q(forged.action), q(forged.entity_type), q(forged.entity_id), q(forged.summary),
    q(forged.detail), "''", "''", q(forged.signature)].join(', ')});`;
  run(db, `${insert}\n${rebuildSql(all, null).sql}`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${forged.seq}: tree head signature`));
});

test('(e) an entry changed with every hash and root recomputed, only the signatures stale -> non-zero naming it', () => {
  const db = copyDb('rehashed');
  const rows = rowsOf(db);
  const seq = entries.find((e) => e.action === 'user.create' && e.username === 'admin').seq;
  rows[seq].summary = '创建用户 nobody';
  run(db, `UPDATE audit_log SET summary = ${q(rows[seq].summary)} WHERE seq = ${seq};\n${rebuildSql(rows, null).sql}`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${seq}: tree head signature`));
});

test('(e2) the same, re-signed with another Ed25519 key -> non-zero naming it', () => {
  const db = copyDb('resigned');
  const rows = rowsOf(db);
  const seq = 5;
  rows[seq].summary = 'rewritten';
  const { privateKey } = generateKeyPairSync('ed25519');
  // only the heads that changed are re-signed; the older ones keep their real signatures
  const sign = (size, root) => (size > seq ? hex(edSign(null, headMessage(size, root), privateKey)) : null);
  run(db, `UPDATE audit_log SET summary = 'rewritten' WHERE seq = ${seq};\n${rebuildSql(rows, sign).sql}`);
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${seq}: tree head signature`));
});

// writeKeyFile: an audit key file for privateKey in fazhi's format "ed25519-sk <hex seed||pk>"
function writeKeyFile(path, privateKey, publicKey) {
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pk = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  writeFileSync(path, `ed25519-sk ${hex(seed)}${hex(pk)}\n`);
  return hex(pk);
}

function forgeWithNewKey(name) {
  const db = copyDb(name);
  const rows = rowsOf(db);
  rows[2].summary = 'history rewritten';
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const sign = (size, root) => hex(edSign(null, headMessage(size, root), privateKey));
  const { sql, lastRoot } = rebuildSql(rows, sign);
  run(db, `UPDATE audit_log SET summary = 'history rewritten' WHERE seq = 2;\n${sql}`);
  writeKeyFile(keyFile(db), privateKey, publicKey);
  writeFileSync(`${keyFile(db)}.head`, `${rows.length} ${lastRoot} ${sign(rows.length, lastRoot)}\n`);
  return db;
}

test('(e3) history rewritten and re-signed with a swapped key file and head file -> --public-key with the real key catches it', () => {
  const db = forgeWithNewKey('swapped');
  const v = verifyCli(db, ['--public-key', head.public_key]);
  assert.notEqual(v.status, 0, v.out);
  // every head was re-signed with the forger's key, so the very first one fails
  assert.match(v.stdout, /TAMPERED: audit entry 0: tree head signature/);
});

test('(e4) a swapped key file that does not match the public key recorded in the database -> verify exits non-zero', () => {
  const db = forgeWithNewKey('swapped2');
  const v = verifyCli(db);
  assert.notEqual(v.status, 0, v.out);
});
