// durability.test.mjs - an acknowledged write survives kill -9: creates run with
// concurrency 8, the server is killed with SIGKILL in the middle of the load, and a new
// server on the same database must still hold every department whose create got a 201.
// After the crash the audit log verifies and the database passes integrity_check. Runs on
// SQLite (a hot WAL after the kill) and, in the api-pg run, on PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, fazhi } from '../lib/server.mjs';
import { checkIntegrity, sanitizerReport, sqlite } from './helpers.mjs';

const LOAD_MS = 2000;      // creates run this long before the kill
const WORKERS = 8;

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

test('an acknowledged write survives kill -9', { timeout: 60_000 }, async (t) => {
  const srv = await startServer();
  // stop() after the SIGKILL only removes the folder and the database
  cleanup.push(async () => {
    if (srv.proc.exitCode === null && srv.proc.signalCode === null) srv.proc.kill('SIGKILL');
    await srv.stop();
  });
  const c = await loggedIn(srv.url, 'admin');

  const acked = [];          // codes whose create was answered 201
  const other = new Map();   // status -> count of non-201 answers before the kill
  let stop = false;
  let killed = false;
  const worker = async (w) => {
    for (let n = 0; !stop; n++) {
      const code = `K${w}-${n}`;
      let r;
      try {
        r = await c.post('/api/v1/departments', { parent_id: 1, name: `断电部门 ${code}`, code });
      } catch {
        if (killed) return;  // connection refused/reset: the server is gone
        throw new Error(`create ${code} failed before the kill`);
      }
      if (r.status === 201) {
        assert.equal(r.body.code, code);
        acked.push(code);
      } else if (!killed) {
        other.set(r.status, (other.get(r.status) ?? 0) + 1);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  const deadline = new Promise((r) => setTimeout(r, LOAD_MS));
  await deadline;
  const died = new Promise((r) => srv.proc.once('exit', (code, sig) => r(sig)));
  killed = true;
  srv.proc.kill('SIGKILL');    // mid-load: the workers still have requests in flight
  assert.equal(await died, 'SIGKILL');
  stop = true;
  await Promise.all(workers);
  assert.ok(acked.length > 0, 'no create was acknowledged before the kill');
  t.diagnostic(`${acked.length} creates acknowledged before kill -9`);
  assert.deepEqual([...other], [], `creates answered other than 201: ${JSON.stringify([...other])}`);

  // the crashed database (hot WAL) verifies and is intact, before any server touches it
  const v = fazhi(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, `audit verify after kill -9: ${v.stdout}${v.stderr}`);
  checkIntegrity(srv.db);

  // a new server on the same database has every acknowledged department
  const again = await startServer({ share: srv });
  cleanup.push(() => again.stop());
  const c2 = await loggedIn(again.url, 'admin');
  const list = await c2.get('/api/v1/departments');
  assert.equal(list.status, 200, list.text);
  const have = new Set(list.body.items.map((d) => d.code));
  const lost = acked.filter((code) => !have.has(code));
  assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged creates lost`);
  // and it takes writes again after recovery
  const more = await c2.post('/api/v1/departments', { parent_id: 1, name: '恢复后部门', code: 'after-crash' });
  assert.equal(more.status, 201, more.text);
  await again.stop();
  assert.equal(again.proc.exitCode, 0, again.stderr());
  assert.equal(sanitizerReport(again.stderr()), '');

  const v2 = fazhi(['audit', 'verify', '--db', srv.db]);
  assert.equal(v2.status, 0, `audit verify after restart: ${v2.stdout}${v2.stderr}`);
  checkIntegrity(srv.db);
  const rows = Number(sqlite(srv.db, "SELECT count(*) AS n FROM departments WHERE code LIKE 'K%';", { json: true }).rows[0].n);
  assert.ok(rows >= acked.length, `rows ${rows} < acknowledged ${acked.length}`);
});
