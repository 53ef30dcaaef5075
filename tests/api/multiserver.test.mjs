// multiserver.test.mjs - several `fazhi serve` processes on one database (issue 9): a
// session opened on one server is valid on the other, login lockout counts across both,
// concurrent writes through both give work-order and case document numbers that are never
// given twice, and the audit log stays one gapless Merkle sequence that `fazhi audit
// verify` accepts, whichever server wrote an entry. Runs on SQLite (two processes on one
// WAL file) and, in the api-pg run, on PostgreSQL.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, Client, fazhi } from '../lib/server.mjs';
import { sqlite } from './helpers.mjs';

let a, b;
before(async () => {
  a = await startServer();
  b = await startServer({ share: a });
});
after(async () => { await b?.stop(); await a?.stop(); });

test('a session opened on one server is accepted by the other (sessions live in the database)', async () => {
  const c = await loggedIn(a.url, 'handler');
  const other = new Client(b.url);
  other.cookie = c.cookie;
  other.csrf = c.csrf;
  const me = await other.get('/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.username, 'handler');
  const out = await other.post('/api/v1/auth/logout', {});
  assert.ok(out.status === 200 || out.status === 204, out.text);
  assert.equal((await c.get('/api/v1/me')).status, 401, 'logged out on b: gone on a too');
});

test('failed logins count across servers: the lockout holds on both', async () => {
  for (let i = 0; i < 5; i++) {        // alternately on a and b: the 5th locks (423)
    const srv = i % 2 ? b : a;
    const r = await new Client(srv.url).login('viewer', 'wrong-password');
    assert.equal(r.status, i < 4 ? 401 : 423, r.text);
  }
  for (const srv of [a, b]) {
    const r = await new Client(srv.url).login('viewer');
    assert.equal(r.status, 423, `locked on ${srv.url}: ${r.text}`);
  }
});

test('concurrent writes through both servers: every work-order number is given once', async () => {
  const [ha, hb] = await Promise.all([loggedIn(a.url, 'handler'), loggedIn(b.url, 'handler')]);
  const create = (c, i) => c.post('/api/v1/workorders', {
    channel: 'board', category: 'complaint', subject: `并发工单 ${i}`, content: '两台服务器同时写入',
    citizen_name: '测试', citizen_phone: `1390000${String(i).padStart(4, '0')}`,
  });
  const jobs = [];
  for (let i = 0; i < 40; i++) jobs.push(create(i % 2 ? hb : ha, i));
  const res = await Promise.all(jobs);
  for (const r of res) assert.equal(r.status, 201, r.text);
  const nos = res.map((r) => r.body.no);
  assert.equal(new Set(nos).size, nos.length, `duplicate numbers: ${nos.join(' ')}`);
  const ids = res.map((r) => r.body.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('after both stop: the audit log is one gapless sequence and verifies; no number twice', async () => {
  await b.stop();
  await a.stop({ keep: true });
  const seqs = sqlite(a.db, 'SELECT seq FROM audit_log ORDER BY seq;', { json: true }).rows.map((r) => Number(r.seq));
  seqs.forEach((s, i) => assert.equal(s, seqs[0] + i, `gap or fork at ${s}`));
  const dup = sqlite(a.db, 'SELECT no, count(*) AS n FROM workorders GROUP BY no HAVING count(*) > 1;', { json: true }).rows;
  assert.deepEqual(dup, []);
  const dupCases = sqlite(a.db, 'SELECT no, count(*) AS n FROM cases GROUP BY no HAVING count(*) > 1;', { json: true }).rows;
  assert.deepEqual(dupCases, []);
  const v = fazhi(['audit', 'verify', '--db', a.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});
