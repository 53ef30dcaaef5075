// security.test.mjs - each access control, proved by a request it must reject (with the
// exact error code and field) next to the same request passing with the control met:
// session (401), permission (403), department data scope (404), CSRF, SQL injection, body
// limits (413), JSON and field types, logout, forced password change, lockout, login log.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, DEMO_PASSWORD } from '../lib/server.mjs';
import { expectError, rawRequest, checkIntegrity, sanitizerReport, userByName } from './helpers.mjs';

const PW = 'Secur1ty#2026';
let srv, admin, viewer, leader;
let enf1, enf2;             // department ids of 执法一中队 / 执法二中队
let officer1, officer3;     // their user records

before(async () => {
  srv = await startServer();
  admin = await loggedIn(srv.url, 'admin');
  viewer = await loggedIn(srv.url, 'viewer');
  leader = await loggedIn(srv.url, 'leader');
  officer1 = await userByName(admin, 'officer1');
  officer3 = await userByName(admin, 'officer3');
  enf1 = officer1.dept_id;
  enf2 = officer3.dept_id;
  assert.equal(officer1.dept_name, '执法一中队');
  assert.equal(officer3.dept_name, '执法二中队');
});

after(async () => { await srv?.stop(); });

// newUser: create a user through the admin API and log in with its password changed, so
// it is usable on every route.
async function newUser(username, fields) {
  const r = await admin.post('/api/v1/users', { username, display_name: username, password: PW, ...fields });
  assert.equal(r.status, 201, r.text);
  const c = await loggedIn(srv.url, username, PW);
  const p = await c.post('/api/v1/auth/password', { old_password: PW, new_password: `${PW}x` });
  assert.equal(p.status, 204, p.text);
  return { c, user: r.body };
}

// ---- authentication and permission ----

test('GET /api/v1/users without a session -> 401 unauthorized', async () => {
  const anon = new Client(srv.url);
  expectError(await anon.get('/api/v1/users'), 401, 'unauthorized', null);
  expectError(await anon.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError(await anon.get('/api/v1/audit'), 401, 'unauthorized', null);
});

test('POST /api/v1/users without a session -> 401 unauthorized (not a CSRF or validation error)', async () => {
  const anon = new Client(srv.url);
  expectError(await anon.post('/api/v1/users', { username: 'anon1' }), 401, 'unauthorized', null);
});

test('a forged session cookie of the right shape -> 401 unauthorized', async () => {
  const c = new Client(srv.url);
  c.cookie = `fazhi_session=${'ab'.repeat(32)}`;
  expectError(await c.get('/api/v1/me'), 401, 'unauthorized', null);
});

test('POST /api/v1/users as viewer (no system:user:write) -> 403 forbidden, with a valid CSRF token', async () => {
  const r = await viewer.post('/api/v1/users', { username: 'byviewer', display_name: 'x', password: PW });
  expectError(r, 403, 'forbidden', null);
  assert.equal((await admin.get('/api/v1/users?q=byviewer')).body.total, 0);
});

test('GET /api/v1/users as viewer (no system:user:read) -> 403 forbidden', async () => {
  expectError(await viewer.get('/api/v1/users'), 403, 'forbidden', null);
});

test('GET /api/v1/login-log as leader (no system:loginlog:read) -> 403 forbidden; admin -> 200', async () => {
  expectError(await leader.get('/api/v1/login-log'), 403, 'forbidden', null);
  assert.equal((await admin.get('/api/v1/login-log')).status, 200);
});

test('the officer role has data scope dept and no user list permission', async () => {
  const o = await loggedIn(srv.url, 'officer1');
  const me = await o.get('/api/v1/me');
  assert.equal(me.body.data_scope, 'dept');
  assert.ok(!me.body.permissions.includes('system:user:read'));
  expectError(await o.get('/api/v1/users'), 403, 'forbidden', null);
});

// ---- department data scope ----

let reader, subDept;

test('a dept-scoped role with system:user:read lists only users of its department subtree', async () => {
  const role = await admin.post('/api/v1/roles', {
    code: 'deptreader', name: '部门用户查看', data_scope: 'dept', permissions: ['system:user:read'],
  });
  assert.equal(role.status, 201, role.text);
  const d = await admin.post('/api/v1/departments', { parent_id: enf2, name: '二中队一组', code: 'SEC-ENF-2-1' });
  assert.equal(d.status, 201, d.text);
  subDept = d.body.id;
  const sub = await admin.post('/api/v1/users', { username: 'subuser', display_name: '组员', password: PW, dept_id: subDept, roles: ['viewer'] });
  assert.equal(sub.status, 201, sub.text);
  reader = (await newUser('deptreader1', { dept_id: enf2, roles: ['deptreader'] })).c;

  const me = await reader.get('/api/v1/me');
  assert.equal(me.body.data_scope, 'dept');
  const r = await reader.get('/api/v1/users?page_size=200');
  assert.equal(r.status, 200, r.text);
  const names = r.body.items.map((u) => u.username).sort();
  const all = (await admin.get('/api/v1/users?page_size=200')).body.items;
  const want = all.filter((u) => [enf2, subDept].includes(u.dept_id)).map((u) => u.username).sort();
  assert.deepEqual(names, want);
  for (const n of ['deptreader1', 'officer3', 'subuser']) assert.ok(names.includes(n), n);
  assert.equal(r.body.total, names.length);
  for (const u of r.body.items) assert.ok([enf2, subDept].includes(u.dept_id), `${u.username} outside scope`);
  assert.ok(all.length > r.body.total);
});

test('GET /api/v1/users/{id} of a user in another department -> 404 not_found for a dept-scoped reader', async () => {
  expectError(await reader.get(`/api/v1/users/${officer1.id}`), 404, 'not_found', null);
  expectError(await reader.get('/api/v1/users/1'), 404, 'not_found', null);
  const own = await reader.get(`/api/v1/users/${officer3.id}`);
  assert.equal(own.status, 200);
  assert.equal((await admin.get(`/api/v1/users/${officer1.id}`)).status, 200);
});

test('filters cannot widen the data scope: dept_id or q of another department -> total 0', async () => {
  const byDept = await reader.get(`/api/v1/users?dept_id=${enf1}`);
  assert.equal(byDept.status, 200);
  assert.equal(byDept.body.total, 0);
  assert.deepEqual(byDept.body.items, []);
  assert.equal((await reader.get('/api/v1/users?q=officer1')).body.total, 0);
  assert.equal((await reader.get('/api/v1/users?role=admin')).body.total, 0);
});

test('a dept-scoped user manager cannot grant itself a role with a wider scope (admin)', async () => {
  const role = await admin.post('/api/v1/roles', {
    code: 'deptwriter', name: '部门用户管理', data_scope: 'dept', permissions: ['system:user:read', 'system:user:write'],
  });
  assert.equal(role.status, 201, role.text);
  const { c, user } = await newUser('deptwriter1', { dept_id: enf2, roles: ['deptwriter'] });
  const me = (await c.get('/api/v1/me')).body;
  const r = await c.put(`/api/v1/users/${user.id}`, { version: me.version, roles: ['admin'] });
  const after = (await c.get('/api/v1/me')).body;
  const created = await c.post('/api/v1/users', { username: 'madeadmin', display_name: 'x', password: PW, dept_id: enf2, roles: ['admin'] });
  assert.equal(after.data_scope, 'dept', 'the user became admin');
  assert.ok([403, 422].includes(r.status), `PUT roles [admin] -> ${r.status}`);
  assert.ok([403, 422].includes(created.status), `POST roles [admin] -> ${created.status}`);
});

// ---- CSRF ----

const csrfBody = { username: 'csrfuser', display_name: 'CSRF', password: PW };

test('POST /api/v1/users without X-CSRF-Token -> 403 csrf_failed', async () => {
  expectError(await admin.post('/api/v1/users', csrfBody, { csrf: false }), 403, 'csrf_failed', null);
});

test('POST /api/v1/users with a wrong X-CSRF-Token -> 403 csrf_failed', async () => {
  for (const t of ['0'.repeat(64), admin.csrf.slice(0, 63), `${admin.csrf}0`, 'x']) {
    const r = await admin.post('/api/v1/users', csrfBody, { csrf: false, headers: { 'x-csrf-token': t } });
    expectError(r, 403, 'csrf_failed', null);
  }
});

test("POST /api/v1/users with another session's CSRF token -> 403 csrf_failed", async () => {
  const r = await admin.post('/api/v1/users', csrfBody, { csrf: false, headers: { 'x-csrf-token': leader.csrf } });
  expectError(r, 403, 'csrf_failed', null);
  assert.equal((await admin.get('/api/v1/users?q=csrfuser')).body.total, 0);
});

test('DELETE and PUT without X-CSRF-Token -> 403 csrf_failed; logout without it too', async () => {
  expectError(await admin.del(`/api/v1/departments/${subDept}`, { csrf: false }), 403, 'csrf_failed', null);
  expectError(await admin.put(`/api/v1/users/${officer3.id}`, { version: 1, display_name: 'x' }, { csrf: false }), 403, 'csrf_failed', null);
  expectError(await viewer.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed', null);
  assert.equal((await viewer.get('/api/v1/me')).status, 200);
});

test('the same POST /api/v1/users with the session CSRF token -> 201', async () => {
  const r = await admin.post('/api/v1/users', csrfBody);
  assert.equal(r.status, 201, r.text);
});

// ---- SQL injection ----

const INJ1 = "x'); DROP TABLE users;--";
const INJ2 = "' OR '1'='1";

test('SQL injection strings are stored literally in display_name', async () => {
  for (const [username, display_name] of [['inj1', INJ1], ['inj2', INJ2]]) {
    const r = await admin.post('/api/v1/users', { username, display_name, password: PW });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.display_name, display_name);
    assert.equal((await admin.get(`/api/v1/users/${r.body.id}`)).body.display_name, display_name);
  }
});

test('GET /api/v1/users?q=<injection string> finds exactly the user holding it literally', async () => {
  for (const [q, username] of [[INJ1, 'inj1'], [INJ2, 'inj2'], ["'", 'inj1']]) {
    const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}&page_size=200`);
    assert.equal(r.status, 200, r.text);
    if (q === "'") {
      assert.deepEqual(r.body.items.map((u) => u.username).sort(), ['inj1', 'inj2']);
    } else {
      assert.equal(r.body.total, 1, `q=${q}`);
      assert.equal(r.body.items[0].username, username);
    }
  }
  const all = await admin.get('/api/v1/users?page_size=200');
  assert.ok(all.body.items.some((u) => u.username === 'admin'), 'users table intact');
});

test('injection strings in role, dept_id, status and sort filters match nothing or are rejected', async () => {
  const role = await admin.get(`/api/v1/users?role=${encodeURIComponent(INJ2)}`);
  assert.equal(role.status, 200);
  assert.equal(role.body.total, 0);
  expectError(await admin.get(`/api/v1/users?dept_id=${encodeURIComponent('1 OR 1=1')}`), 422, 'invalid_field', 'dept_id');
  expectError(await admin.get(`/api/v1/users?status=${encodeURIComponent(INJ2)}`), 422, 'invalid_field', 'status');
  expectError(await admin.get(`/api/v1/users?sort=${encodeURIComponent('username; DROP TABLE users')}`), 422, 'invalid_field', 'sort');
  const ll = await admin.get(`/api/v1/login-log?username=${encodeURIComponent(INJ2)}`);
  assert.equal(ll.body.total, 0);
});

test('POST /api/v1/auth/login with an injection string as username -> 401 bad_credentials', async () => {
  const r = await new Client(srv.url).post('/api/v1/auth/login', { username: INJ2, password: INJ2 });
  expectError(r, 401, 'bad_credentials', null);
});

test('POST /api/v1/users with quotes in username -> 422 invalid_field username', async () => {
  const r = await admin.post('/api/v1/users', { username: INJ1, display_name: 'x', password: PW });
  expectError(r, 422, 'invalid_field', 'username');
});

test('GET /api/v1/users?q=% or q=_ matches only names containing that character literally', async () => {
  const all = (await admin.get('/api/v1/users?page_size=200')).body.items;
  for (const ch of ['%', '_']) {
    const want = all.filter((u) => u.username.includes(ch) || u.display_name.includes(ch)).length;
    const r = await admin.get(`/api/v1/users?q=${encodeURIComponent(ch)}`);
    assert.equal(r.body.total, want, `q=${ch}`);
  }
});

// ---- body size and shape ----

const MIB = 1 << 20;

function paddedBody(size) {
  const head = '{"username":"big","display_name":"';
  const tail = '"}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

test('POST with a Content-Length over 1 MiB -> 413 too_large before the body is read', async () => {
  const body = paddedBody(MIB + 1);
  const r = await rawRequest(srv.url, {
    path: '/api/v1/users', contentLength: body.length, chunks: [body],
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
  });
  expectError(r, 413, 'too_large', null);
});

test('POST with a chunked body over 1 MiB -> 413 too_large', async () => {
  const chunk = 'y'.repeat(64 * 1024);
  const r = await rawRequest(srv.url, {
    path: '/api/v1/users', chunks: Array(17).fill(chunk),
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
  });
  expectError(r, 413, 'too_large', null);
});

test('a body of exactly 1 MiB is not too large: it reaches validation (422 invalid_field password)', async () => {
  const body = paddedBody(MIB);
  assert.equal(Buffer.byteLength(body), MIB);
  const r = await admin.post('/api/v1/users', body, { raw: true });
  expectError(r, 422, 'invalid_field', 'password');
  const r2 = await rawRequest(srv.url, {
    path: '/api/v1/users', chunks: [body.slice(0, MIB / 2), body.slice(MIB / 2)],
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
  });
  expectError(r2, 422, 'invalid_field', 'password');
  assert.equal((await admin.get('/api/v1/health')).status, 200);
});

test('malformed JSON -> 400 malformed_json field body', async () => {
  for (const raw of ['{"username":', 'not json', '{"a":1} trailing', '{"a":1,"a":2}']) {
    const r = await admin.post('/api/v1/users', raw, { raw: true });
    expectError(r, 400, 'malformed_json', 'body');
  }
});

test('a JSON body that is not an object -> 400 malformed_json field body', async () => {
  for (const raw of ['[1,2]', '"text"', '42', 'null']) {
    const r = await admin.post('/api/v1/departments', raw, { raw: true });
    expectError(r, 400, 'malformed_json', 'body');
  }
});

test('wrong-type fields -> 422 invalid_field naming the field', async () => {
  const ok = { username: 'typed', display_name: 'T', password: PW };
  const cases = [
    ['POST', '/api/v1/users', { ...ok, dept_id: String(enf1) }, 'dept_id'],
    ['POST', '/api/v1/users', { ...ok, roles: 'viewer' }, 'roles'],
    ['POST', '/api/v1/users', { ...ok, username: 12345 }, 'username'],
    ['POST', '/api/v1/users', { ...ok, display_name: ['T'] }, 'display_name'],
    ['POST', '/api/v1/users', { ...ok, password: true }, 'password'],
    ['POST', '/api/v1/users', { ...ok, dept_id: 1.5 }, 'dept_id'],
    ['POST', '/api/v1/users', { ...ok, roles: ['no-such-role'] }, 'roles'],
    ['PUT', `/api/v1/users/${officer3.id}`, { version: '1' }, 'version'],
    ['PUT', `/api/v1/users/${officer3.id}`, { version: 1, status: 1 }, 'status'],
    ['POST', '/api/v1/departments', { parent_id: '1', name: 'x', code: 'x' }, 'parent_id'],
    ['POST', '/api/v1/departments', { parent_id: 1, name: 'x', code: 'x', sort: 'first' }, 'sort'],
    ['POST', '/api/v1/roles', { code: 'r1', name: 'x', permissions: 'system:user:read' }, 'permissions'],
    ['POST', '/api/v1/roles', { code: 7, name: 'x' }, 'code'],
    ['POST', '/api/v1/auth/password', { old_password: 1, new_password: PW }, 'old_password'],
  ];
  for (const [m, p, body, field] of cases) {
    const r = await admin.req(m, p, body);
    expectError(r, 422, 'invalid_field', field);
  }
  assert.equal((await admin.get('/api/v1/users?q=typed')).body.total, 0);
});

// ---- sessions ----

let second;                 // a second admin session, ended by the logout test

test('the session cookie is HttpOnly, SameSite=Strict, Path=/ with a positive Max-Age', async () => {
  second = new Client(srv.url);
  const r = await second.login('admin');
  assert.equal(r.status, 200, r.text);
  const parts = r.headers.get('set-cookie').split(';').map((s) => s.trim());
  assert.match(parts[0], /^fazhi_session=[0-9a-f]{64}$/);
  assert.ok(parts.includes('HttpOnly'));
  assert.ok(parts.includes('SameSite=Strict'));
  assert.ok(parts.includes('Path=/'));
  const age = parts.find((p) => p.startsWith('Max-Age='));
  assert.ok(Number(age.slice(8)) > 0);
  assert.notEqual(parts[0].slice('fazhi_session='.length), r.body.csrf_token, 'CSRF token differs from the session token');
});

test('POST /api/v1/auth/logout -> 204 clearing the cookie; the old cookie then gets 401 unauthorized', async () => {
  const oldCookie = second.cookie;
  const oldCsrf = second.csrf;
  const out = await second.post('/api/v1/auth/logout');
  assert.equal(out.status, 204, out.text);
  assert.match(out.headers.get('set-cookie'), /^fazhi_session=;.*Max-Age=0/);
  const stale = new Client(srv.url);
  stale.cookie = oldCookie;
  stale.csrf = oldCsrf;
  expectError(await stale.get('/api/v1/me'), 401, 'unauthorized', null);
  expectError(await stale.post('/api/v1/departments', { parent_id: 1, name: 'x', code: 'AFTER-LOGOUT' }), 401, 'unauthorized', null);
});

test('logout ends only that session: the other sessions of the user stay valid', async () => {
  assert.equal((await admin.get('/api/v1/me')).status, 200);
});

// ---- forced password change and password policy ----

let newcomer;

test('a user created by an admin gets 403 password_change_required until it changes the password; /me works', async () => {
  const r = await admin.post('/api/v1/users', { username: 'newcomer', display_name: '新同事', password: PW, roles: ['leader'] });
  assert.equal(r.status, 201, r.text);
  newcomer = await loggedIn(srv.url, 'newcomer', PW);
  const me = await newcomer.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.must_change_password, true);
  expectError(await newcomer.get('/api/v1/users'), 403, 'password_change_required', null);
  expectError(await newcomer.get(`/api/v1/users/${officer1.id}`), 403, 'password_change_required', null);
  expectError(await newcomer.get('/api/v1/audit'), 403, 'password_change_required', null);
});

test('POST /api/v1/auth/password with a wrong old password -> 422 wrong_password field old_password', async () => {
  const r = await newcomer.post('/api/v1/auth/password', { old_password: 'Wrong#2026', new_password: 'Better#2026' });
  expectError(r, 422, 'wrong_password', 'old_password');
});

test('POST /api/v1/auth/password with a weak new password -> 422 weak_password field new_password', async () => {
  for (const np of ['Ab1!', 'abcdefghij', 'abcdefgh12', PW, `A1!${'a'.repeat(126)}`]) {
    const r = await newcomer.post('/api/v1/auth/password', { old_password: PW, new_password: np });
    expectError(r, 422, 'weak_password', 'new_password');
  }
  expectError(await newcomer.get('/api/v1/users'), 403, 'password_change_required', null);
});

test('after POST /api/v1/auth/password succeeds the same session may use the routes', async () => {
  const r = await newcomer.post('/api/v1/auth/password', { old_password: PW, new_password: 'Better#2026' });
  assert.equal(r.status, 204, r.text);
  assert.equal((await newcomer.get('/api/v1/users')).status, 200);
  assert.equal((await newcomer.get('/api/v1/me')).body.must_change_password, false);
});

test('POST /api/v1/users and reset-password enforce the policy too -> 422 weak_password field password', async () => {
  expectError(await admin.post('/api/v1/users', { username: 'weakling', display_name: 'w', password: 'password' }), 422, 'weak_password', 'password');
  expectError(await admin.post(`/api/v1/users/${officer3.id}/reset-password`, { password: 'short' }), 422, 'weak_password', 'password');
});

// ---- lockout and the login log ----

test('5 wrong passwords in a row -> the 5th is 423 account_locked', async () => {
  const c = new Client(srv.url);
  for (let i = 1; i <= 4; i++) expectError(await c.login('officer2', `Wrong#${i}x`), 401, 'bad_credentials', null);
  expectError(await c.login('officer2', 'Wrong#5x'), 423, 'account_locked', null);
});

test('a locked account -> 423 account_locked even with the right password', async () => {
  const r = await new Client(srv.url).login('officer2', DEMO_PASSWORD);
  expectError(r, 423, 'account_locked', null);
  assert.equal(r.headers.get('set-cookie'), null);
  const locked = await admin.get('/api/v1/users?status=locked');
  assert.deepEqual(locked.body.items.map((u) => u.username), ['officer2']);
  assert.equal(locked.body.items[0].locked, true);
});

test('POST /api/v1/users/{id}/unlock by admin -> 204, then the right password logs in', async () => {
  const o2 = await userByName(admin, 'officer2');
  expectError(await viewer.post(`/api/v1/users/${o2.id}/unlock`), 403, 'forbidden', null);
  assert.equal((await admin.post(`/api/v1/users/${o2.id}/unlock`)).status, 204);
  const r = await new Client(srv.url).login('officer2', DEMO_PASSWORD);
  assert.equal(r.status, 200, r.text);
  assert.equal((await admin.get('/api/v1/users?status=locked')).body.total, 0);
});

test('GET /api/v1/login-log shows success, failure and locked rows, filtered by username and result', async () => {
  const all = await admin.get('/api/v1/login-log?username=officer2&page_size=200');
  assert.equal(all.status, 200);
  assert.equal(all.body.total, 7);
  assert.deepEqual(all.body.items.map((x) => x.result), ['success', 'locked', 'locked', 'failure', 'failure', 'failure', 'failure']);
  for (const row of all.body.items) {
    assert.equal(row.username, 'officer2');
    assert.equal(row.ip, '127.0.0.1');
    assert.equal(typeof row.ts, 'string');
  }
  const byResult = async (res) => (await admin.get(`/api/v1/login-log?username=officer2&result=${res}`)).body;
  assert.equal((await byResult('failure')).total, 4);
  assert.equal((await byResult('locked')).total, 2);
  assert.equal((await byResult('success')).total, 1);
  const unknown = await admin.get('/api/v1/login-log?username=nobody');
  assert.equal(unknown.body.total, 0);
  const bad = await admin.get(`/api/v1/login-log?username=${encodeURIComponent(INJ2)}`);
  assert.equal(bad.body.total, 1, 'the injection login attempt is logged under its literal name');
  assert.equal(bad.body.items[0].result, 'failure');
});

test('GET /api/v1/login-log?from=&to= filters by day; a bad date -> 422 invalid_field from', async () => {
  const rows = (await admin.get('/api/v1/login-log?page_size=200')).body.items;
  const first = rows.at(-1).ts.slice(0, 10);
  const last = rows[0].ts.slice(0, 10);
  const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10);
  const span = await admin.get(`/api/v1/login-log?from=${first}&to=${last}`);
  assert.equal(span.body.total, rows.length);
  assert.equal((await admin.get(`/api/v1/login-log?from=${next}`)).body.total, 0);
  assert.equal((await admin.get('/api/v1/login-log?to=2000-01-01')).body.total, 0);
  expectError(await admin.get('/api/v1/login-log?from=yesterday'), 422, 'invalid_field', 'from');
  expectError(await admin.get('/api/v1/login-log?to=2026-13-45'), 422, 'invalid_field', 'to');
});

// ---- afterwards ----

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
