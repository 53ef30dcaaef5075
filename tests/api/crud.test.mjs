// crud.test.mjs - users, departments and roles through the API: pagination (page_size
// <= 200), filters, the sort whitelist, optimistic locking (409 version_conflict), the
// department tree rules (children, cycles), built-in role protection, duplicates, and the
// 404/405 answers. Role ids are read from the database with the sqlite3 CLI (read only).
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport, sqlite, userByName } from './helpers.mjs';

const PW = 'Crud#Pass2026';
let srv, admin;
let enf1, enf2, o1, o3;
let roleIds;                  // code -> {id, version}
let everyone;                 // every user, as the admin's unfiltered list shows them

before(async () => {
  srv = await startServer();
  admin = await loggedIn(srv.url, 'admin');
  o1 = await userByName(admin, 'officer1');
  o3 = await userByName(admin, 'officer3');
  enf1 = o1.dept_id;
  enf2 = o3.dept_id;
  const rows = sqlite(srv.db, 'SELECT id, code, version FROM roles;', { json: true }).rows;
  roleIds = Object.fromEntries(rows.map((r) => [r.code, r]));
  everyone = (await admin.get('/api/v1/users?page_size=200')).body.items;
  assert.ok(everyone.length >= 9);
});

after(async () => { await srv?.stop(); });

const byBinary = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---- pagination ----

test('GET /api/v1/users?page_size=3 pages through every user exactly once; total is the count', async () => {
  const first = await admin.get('/api/v1/users?page_size=3');
  assert.equal(first.status, 200);
  const total = first.body.total;
  assert.equal(total, everyone.length);
  const seen = [];
  for (let page = 1; page <= Math.ceil(total / 3); page++) {
    const r = await admin.get(`/api/v1/users?page_size=3&page=${page}`);
    assert.equal(r.body.page, page);
    assert.equal(r.body.page_size, 3);
    assert.equal(r.body.total, total);
    assert.ok(r.body.items.length <= 3);
    seen.push(...r.body.items.map((u) => u.id));
  }
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
});

test('GET /api/v1/users defaults to page 1 and page_size 20', async () => {
  const r = await admin.get('/api/v1/users');
  assert.equal(r.body.page, 1);
  assert.equal(r.body.page_size, 20);
});

test('GET /api/v1/users?page_size=200 -> 200; page_size=201 -> 422 invalid_field page_size', async () => {
  const ok = await admin.get('/api/v1/users?page_size=200');
  assert.equal(ok.status, 200);
  assert.equal(ok.body.page_size, 200);
  assert.equal(ok.body.items.length, ok.body.total);
  for (const bad of ['201', '0', '-1', 'abc', '20x', '1e2']) {
    expectError(await admin.get(`/api/v1/users?page_size=${bad}`), 422, 'invalid_field', 'page_size');
  }
});

test('GET /api/v1/users?page=0 (or not a number) -> 422 invalid_field page', async () => {
  for (const bad of ['0', '-3', 'x']) {
    expectError(await admin.get(`/api/v1/users?page=${bad}`), 422, 'invalid_field', 'page');
  }
});

test('a page past the end -> 200 with no items and the same total', async () => {
  const r = await admin.get('/api/v1/users?page=99&page_size=5');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items, []);
  assert.equal(r.body.total, everyone.length);
});

test('GET /api/v1/audit and /api/v1/login-log paginate with the same rules', async () => {
  for (const p of ['/api/v1/audit', '/api/v1/login-log']) {
    const r = await admin.get(`${p}?page_size=2`);
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= 2);
    assert.equal(typeof r.body.total, 'number');
    expectError(await admin.get(`${p}?page_size=201`), 422, 'invalid_field', 'page_size');
  }
});

// ---- filters ----

const names = (r) => r.body.items.map((u) => u.username).sort();
const expected = (pred) => everyone.filter(pred).map((u) => u.username).sort();
const hasRole = (u, code) => u.roles.some((x) => x.code === code);

test('GET /api/v1/users?q= matches username or display name substrings', async () => {
  for (const q of ['officer', '赵立', 'e', 'zzzz']) {
    const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}&page_size=200`);
    assert.deepEqual(names(r), expected((u) => u.username.includes(q) || u.display_name.includes(q)), `q=${q}`);
    assert.equal(r.body.total, r.body.items.length);
  }
  assert.ok(names(await admin.get('/api/v1/users?q=officer')).includes('officer3'));
  assert.equal((await admin.get('/api/v1/users?q=zzzz')).body.total, 0);
});

test('GET /api/v1/users?dept_id= keeps that department; a non-positive dept_id -> 422 invalid_field dept_id', async () => {
  assert.deepEqual(names(await admin.get(`/api/v1/users?dept_id=${enf1}&page_size=200`)), expected((u) => u.dept_id === enf1));
  assert.ok(names(await admin.get(`/api/v1/users?dept_id=${enf1}`)).includes('officer2'));
  assert.equal((await admin.get('/api/v1/users?dept_id=999999')).body.total, 0);
  for (const bad of ['0', '-2', 'abc']) {
    expectError(await admin.get(`/api/v1/users?dept_id=${bad}`), 422, 'invalid_field', 'dept_id');
  }
});

test('GET /api/v1/users?role= keeps holders of that role; filters combine', async () => {
  assert.deepEqual(names(await admin.get('/api/v1/users?role=officer&page_size=200')), expected((u) => hasRole(u, 'officer')));
  assert.ok(names(await admin.get('/api/v1/users?role=officer')).includes('officer1'));
  assert.equal((await admin.get('/api/v1/users?role=no-such-role')).body.total, 0);
  assert.deepEqual(names(await admin.get(`/api/v1/users?role=officer&dept_id=${enf2}&page_size=200`)),
    expected((u) => hasRole(u, 'officer') && u.dept_id === enf2));
  assert.deepEqual(names(await admin.get('/api/v1/users?role=officer&q=officer2')), ['officer2']);
});

test('GET /api/v1/users?status= filters active/disabled/locked; another value -> 422 invalid_field status', async () => {
  const handler = await userByName(admin, 'handler');
  const d = await admin.put(`/api/v1/users/${handler.id}`, { version: handler.version, status: 'disabled' });
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(names(await admin.get('/api/v1/users?status=disabled')), ['handler']);
  assert.equal((await admin.get('/api/v1/users?status=active')).body.total, everyone.length - 1);
  assert.equal((await admin.get('/api/v1/users?status=locked')).body.total, 0);
  expectError(await admin.get('/api/v1/users?status=frozen'), 422, 'invalid_field', 'status');
  const back = await admin.put(`/api/v1/users/${handler.id}`, { version: d.body.version, status: 'active' });
  assert.equal(back.status, 200);
});

// ---- sort ----

test('GET /api/v1/users?sort=-username sorts descending, sort=username ascending', async () => {
  const desc = (await admin.get('/api/v1/users?sort=-username&page_size=200')).body.items.map((u) => u.username);
  assert.deepEqual(desc, [...desc].sort(byBinary).reverse());
  const asc = (await admin.get('/api/v1/users?sort=username&page_size=200')).body.items.map((u) => u.username);
  assert.deepEqual(asc, [...desc].reverse());
  const ids = (await admin.get('/api/v1/users?page_size=200')).body.items.map((u) => u.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'default order is by id');
  const idDesc = (await admin.get('/api/v1/users?sort=-id&page_size=200')).body.items.map((u) => u.id);
  assert.deepEqual(idDesc, [...ids].reverse());
});

test('GET /api/v1/users?sort= outside the whitelist (password_hash) -> 422 invalid_field sort', async () => {
  for (const bad of ['password_hash', '-password_hash', 'dept_name', 'username desc', '1', '--username']) {
    expectError(await admin.get(`/api/v1/users?sort=${encodeURIComponent(bad)}`), 422, 'invalid_field', 'sort');
  }
});

// ---- users: create, update, versions ----

test('POST /api/v1/users with a taken username -> 409 duplicate field username', async () => {
  const r = await admin.post('/api/v1/users', { username: 'officer1', display_name: 'x', password: PW });
  expectError(r, 409, 'duplicate', 'username');
  assert.equal((await admin.get('/api/v1/users?q=officer1')).body.total, 1);
});

test('POST /api/v1/users validates username, display_name, email and dept_id -> 422 naming the field', async () => {
  const ok = { username: 'valid1', display_name: 'V', password: PW };
  const cases = [
    [{ ...ok, username: 'a' }, 'username'],
    [{ ...ok, username: 'has space' }, 'username'],
    [{ ...ok, username: 'x'.repeat(33) }, 'username'],
    [{ ...ok, display_name: '' }, 'display_name'],
    [{ ...ok, display_name: '名'.repeat(65) }, 'display_name'],
    [{ ...ok, email: 'no-at-sign' }, 'email'],
    [{ ...ok, dept_id: 999999 }, 'dept_id'],
    [{ username: 'valid1', display_name: 'V' }, 'password'],
    [{ username: 'valid1', password: PW }, 'display_name'],
  ];
  for (const [body, field] of cases) expectError(await admin.post('/api/v1/users', body), 422, 'invalid_field', field);
  assert.equal((await admin.get('/api/v1/users?q=valid1')).body.total, 0);
});

let temp;   // a user created here and edited by the version tests

test('PUT /api/v1/users/{id} with the current version -> 200 and version + 1', async () => {
  const c = await admin.post('/api/v1/users', { username: 'crud1', display_name: '旧名', password: PW, dept_id: enf1, roles: ['viewer'] });
  assert.equal(c.status, 201, c.text);
  const r = await admin.put(`/api/v1/users/${c.body.id}`, {
    version: c.body.version, display_name: '新名', dept_id: enf2, roles: ['officer', 'viewer'], email: 'a@b.cn',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, c.body.version + 1);
  assert.equal(r.body.display_name, '新名');
  assert.equal(r.body.dept_id, enf2);
  assert.equal(r.body.email, 'a@b.cn');
  assert.deepEqual(r.body.roles.map((x) => x.code).sort(), ['officer', 'viewer']);
  temp = r.body;
});

test('PUT /api/v1/users/{id} with a stale version -> 409 version_conflict field version, nothing changed', async () => {
  const r = await admin.put(`/api/v1/users/${temp.id}`, { version: temp.version - 1, display_name: '覆盖' });
  expectError(r, 409, 'version_conflict', 'version');
  const g = await admin.get(`/api/v1/users/${temp.id}`);
  assert.equal(g.body.display_name, '新名');
  assert.equal(g.body.version, temp.version);
});

test('PUT /api/v1/users/{id} without a positive version -> 422 invalid_field version', async () => {
  expectError(await admin.put(`/api/v1/users/${temp.id}`, { display_name: 'x' }), 422, 'invalid_field', 'version');
  expectError(await admin.put(`/api/v1/users/${temp.id}`, { version: 0, display_name: 'x' }), 422, 'invalid_field', 'version');
});

test('PUT /api/v1/users/{id} rejects a bad status, unknown role or dept -> 422 naming the field, version unchanged', async () => {
  const v = temp.version;
  expectError(await admin.put(`/api/v1/users/${temp.id}`, { version: v, status: 'frozen' }), 422, 'invalid_field', 'status');
  expectError(await admin.put(`/api/v1/users/${temp.id}`, { version: v, roles: ['ghost'] }), 422, 'invalid_field', 'roles');
  expectError(await admin.put(`/api/v1/users/${temp.id}`, { version: v, dept_id: 999999 }), 422, 'invalid_field', 'dept_id');
  const g = await admin.get(`/api/v1/users/${temp.id}`);
  assert.equal(g.body.version, v);
  assert.deepEqual(g.body.roles.map((x) => x.code).sort(), ['officer', 'viewer'], 'the failed update rolled back');
});

test('PUT /api/v1/users/{own id} with status disabled -> 422 invalid_field status', async () => {
  const me = (await admin.get('/api/v1/me')).body;
  expectError(await admin.put(`/api/v1/users/${me.id}`, { version: me.version, status: 'disabled' }), 422, 'invalid_field', 'status');
});

// ---- departments ----

let dA, dB;     // dA under the root, dB under dA

test('POST /api/v1/departments -> 201; a duplicate code -> 409 duplicate field code', async () => {
  const a = await admin.post('/api/v1/departments', { parent_id: 1, name: '测试部', code: 'CRUD-A', kind: 'internal', sort: 5 });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.parent_id, 1);
  assert.equal(a.body.sort, 5);
  assert.equal(a.body.version, 1);
  dA = a.body;
  const b = await admin.post('/api/v1/departments', { parent_id: dA.id, name: '测试组', code: 'CRUD-B' });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.kind, 'internal');
  dB = b.body;
  expectError(await admin.post('/api/v1/departments', { parent_id: 1, name: '又一个', code: 'CRUD-A' }), 409, 'duplicate', 'code');
});

test('POST /api/v1/departments validates parent_id, name, code and kind -> 422 naming the field', async () => {
  const cases = [
    [{ name: 'x', code: 'CRUD-X' }, 'parent_id'],
    [{ parent_id: 999999, name: 'x', code: 'CRUD-X' }, 'parent_id'],
    [{ parent_id: 0, name: 'x', code: 'CRUD-X' }, 'parent_id'],
    [{ parent_id: 1, name: '', code: 'CRUD-X' }, 'name'],
    [{ parent_id: 1, name: 'x', code: '' }, 'code'],
    [{ parent_id: 1, name: 'x', code: 'CRUD-X', kind: 'alien' }, 'kind'],
  ];
  for (const [body, field] of cases) expectError(await admin.post('/api/v1/departments', body), 422, 'invalid_field', field);
});

test('PUT /api/v1/departments/{id} with the current version -> 200; a stale one -> 409 version_conflict', async () => {
  const r = await admin.put(`/api/v1/departments/${dA.id}`, { version: dA.version, name: '测试部（改）' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, dA.version + 1);
  assert.equal(r.body.name, '测试部（改）');
  expectError(await admin.put(`/api/v1/departments/${dA.id}`, { version: dA.version, name: 'stale' }), 409, 'version_conflict', 'version');
  dA = r.body;
});

test('PUT /api/v1/departments/{id} making a cycle (parent = itself or a descendant) -> 422 invalid_field parent_id', async () => {
  expectError(await admin.put(`/api/v1/departments/${dA.id}`, { version: dA.version, parent_id: dB.id }), 422, 'invalid_field', 'parent_id');
  expectError(await admin.put(`/api/v1/departments/${dA.id}`, { version: dA.version, parent_id: dA.id }), 422, 'invalid_field', 'parent_id');
  expectError(await admin.put('/api/v1/departments/1', { version: 1, parent_id: dA.id }), 422, 'invalid_field', 'parent_id');
  const moved = await admin.put(`/api/v1/departments/${dB.id}`, { version: dB.version, parent_id: enf1 });
  assert.equal(moved.status, 200, 'a move that is not a cycle is allowed');
  assert.equal(moved.body.parent_id, enf1);
  const back = await admin.put(`/api/v1/departments/${dB.id}`, { version: moved.body.version, parent_id: dA.id });
  assert.equal(back.status, 200);
  dB = back.body;
});

test('DELETE /api/v1/departments/{id} with children or users -> 409 in_use', async () => {
  expectError(await admin.del(`/api/v1/departments/${dA.id}`), 409, 'in_use', null);
  expectError(await admin.del(`/api/v1/departments/${enf1}`), 409, 'in_use', null);
  expectError(await admin.del('/api/v1/departments/1'), 409, 'in_use', null);
});

test('DELETE /api/v1/departments/{id} of an empty leaf -> 204, then 404 not_found', async () => {
  assert.equal((await admin.del(`/api/v1/departments/${dB.id}`)).status, 204);
  expectError(await admin.del(`/api/v1/departments/${dB.id}`), 404, 'not_found', null);
  assert.equal((await admin.del(`/api/v1/departments/${dA.id}`)).status, 204, 'the parent is deletable once empty');
});

test('GET /api/v1/departments -> 200 with the flat tree (parent_id) and total', async () => {
  const r = await admin.get('/api/v1/departments');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, r.body.items.length);
  assert.ok(r.body.items.some((d) => d.id === enf1 && d.name === '执法一中队'));
  assert.equal(r.body.items.find((d) => d.id === 1).parent_id, null);
});

// ---- roles ----

let role;

test('POST /api/v1/roles -> 201 with its permissions; duplicate code -> 409 duplicate field code', async () => {
  const r = await admin.post('/api/v1/roles', {
    code: 'auditor', name: '审计员', data_scope: 'all', permissions: ['system:audit:read', 'system:loginlog:read'],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.builtin, false);
  assert.equal(r.body.data_scope, 'all');
  assert.deepEqual(r.body.permissions, ['system:audit:read', 'system:loginlog:read']);
  role = r.body;
  expectError(await admin.post('/api/v1/roles', { code: 'auditor', name: 'again' }), 409, 'duplicate', 'code');
  expectError(await admin.post('/api/v1/roles', { code: 'viewer', name: 'again' }), 409, 'duplicate', 'code');
});

test('POST /api/v1/roles with an unknown permission -> 422 invalid_field permissions, nothing created', async () => {
  const r = await admin.post('/api/v1/roles', { code: 'ghostly', name: '幽灵', permissions: ['system:user:read', 'system:everything'] });
  expectError(r, 422, 'invalid_field', 'permissions');
  const n = sqlite(srv.db, "SELECT count(*) AS n FROM roles WHERE code = 'ghostly';", { json: true }).rows[0].n;
  assert.equal(n, 0);
});

test('POST /api/v1/roles validates code, name and data_scope -> 422 naming the field', async () => {
  expectError(await admin.post('/api/v1/roles', { name: 'x' }), 422, 'invalid_field', 'code');
  expectError(await admin.post('/api/v1/roles', { code: 'r2' }), 422, 'invalid_field', 'name');
  expectError(await admin.post('/api/v1/roles', { code: 'r2', name: 'x', data_scope: 'galaxy' }), 422, 'invalid_field', 'data_scope');
});

test('PUT /api/v1/roles/{id} -> 200 replacing permissions; stale version -> 409 version_conflict', async () => {
  const r = await admin.put(`/api/v1/roles/${role.id}`, { version: role.version, name: '审计员（改）', permissions: ['system:audit:read'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, role.version + 1);
  assert.deepEqual(r.body.permissions, ['system:audit:read']);
  expectError(await admin.put(`/api/v1/roles/${role.id}`, { version: role.version, name: 'stale' }), 409, 'version_conflict', 'version');
  role = r.body;
});

test('PUT /api/v1/roles/{id} with an unknown permission -> 422 permissions and the role is unchanged', async () => {
  expectError(await admin.put(`/api/v1/roles/${role.id}`, { version: role.version, name: 'changed', permissions: ['nope'] }), 422, 'invalid_field', 'permissions');
  const row = sqlite(srv.db, `SELECT name, version FROM roles WHERE id = ${role.id};`, { json: true }).rows[0];
  assert.deepEqual(row, { name: role.name, version: role.version });
});

test('PUT /api/v1/roles/{admin} changing permissions -> 409 builtin_role', async () => {
  const a = roleIds.admin;
  const r = await admin.put(`/api/v1/roles/${a.id}`, { version: a.version, permissions: ['system:user:read'] });
  expectError(r, 409, 'builtin_role', 'permissions');
  const me = (await admin.get('/api/v1/me')).body;
  assert.ok(me.permissions.includes('system:role:write'), 'admin kept its permissions');
});

test('PUT /api/v1/roles/{admin} changing data_scope -> 409 builtin_role field data_scope', async () => {
  const a = roleIds.admin;
  const r = await admin.put(`/api/v1/roles/${a.id}`, { version: a.version, data_scope: 'own' });
  expectError(r, 409, 'builtin_role', 'data_scope');
});

test('DELETE /api/v1/roles/{builtin} -> 409 builtin_role', async () => {
  for (const code of ['admin', 'viewer', 'officer']) {
    expectError(await admin.del(`/api/v1/roles/${roleIds[code].id}`), 409, 'builtin_role', null);
  }
});

test('DELETE /api/v1/roles/{id} still held by a user -> 409 in_use; once unused -> 204, then 404', async () => {
  const u = await admin.post('/api/v1/users', { username: 'auditor1', display_name: '审计', password: PW, roles: ['auditor'] });
  assert.equal(u.status, 201, u.text);
  expectError(await admin.del(`/api/v1/roles/${role.id}`), 409, 'in_use', null);
  const cleared = await admin.put(`/api/v1/users/${u.body.id}`, { version: u.body.version, roles: [] });
  assert.equal(cleared.status, 200);
  assert.deepEqual(cleared.body.roles, []);
  assert.equal((await admin.del(`/api/v1/roles/${role.id}`)).status, 204);
  expectError(await admin.del(`/api/v1/roles/${role.id}`), 404, 'not_found', null);
});

test('GET /api/v1/roles -> 200 with every role and its permissions', async () => {
  const r = await admin.get('/api/v1/roles');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.find((x) => x.code === 'admin').builtin);
});

test('GET /api/v1/permissions -> 200 with the permission catalogue', async () => {
  const r = await admin.get('/api/v1/permissions');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((p) => p.code === 'system:user:read'));
});

// ---- 404 and 405 ----

test('unknown ids -> 404 not_found on every item route', async () => {
  const cases = [
    ['GET', '/api/v1/users/999999'], ['GET', '/api/v1/users/0'], ['GET', '/api/v1/users/-1'],
    ['GET', '/api/v1/users/abc'], ['GET', '/api/v1/users/1x'],
    ['PUT', '/api/v1/users/999999', { version: 1, display_name: 'x' }],
    ['POST', '/api/v1/users/999999/reset-password', { password: PW }],
    ['POST', '/api/v1/users/999999/unlock'],
    ['PUT', '/api/v1/departments/999999', { version: 1, name: 'x' }],
    ['DELETE', '/api/v1/departments/999999'],
    ['PUT', '/api/v1/roles/999999', { version: 1, name: 'x' }],
    ['DELETE', '/api/v1/roles/999999'],
    ['GET', '/api/v1/audit/999999/proof'],
  ];
  for (const [m, p, body] of cases) expectError(await admin.req(m, p, body), 404, 'not_found', null);
});

test('an unknown API path -> 404 not_found', async () => {
  expectError(await admin.get('/api/v1/nothing-here'), 404, 'not_found', null);
  expectError(await admin.get('/api/v1/users/1/nothing'), 404, 'not_found', null);
});

test('a wrong method on a known path -> 405 method_not_allowed', async () => {
  const cases = [
    ['DELETE', '/api/v1/users'], ['PATCH', `/api/v1/users/${o1.id}`], ['DELETE', `/api/v1/users/${o1.id}`],
    ['GET', '/api/v1/auth/login'], ['PUT', '/api/v1/departments'], ['POST', '/api/v1/health'],
    ['DELETE', '/api/v1/me'], ['GET', `/api/v1/users/${o1.id}/unlock`],
  ];
  for (const [m, p] of cases) expectError(await admin.req(m, p, m === 'GET' ? undefined : {}), 405, 'method_not_allowed', null);
});

test('a 405 response carries an Allow header naming the allowed methods (RFC 9110 §15.5.6)', async () => {
  const r = await admin.req('DELETE', '/api/v1/users', {});
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow') ?? '', /GET/);
  assert.match(r.headers.get('allow') ?? '', /POST/);
});

// ---- afterwards ----

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  const report = sanitizerReport(srv.stderr());
  assert.equal(report, '');
  assert.equal(srv.proc.exitCode, 0);
});
