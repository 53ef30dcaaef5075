// durability.test.mjs - an acknowledged write survives kill -9: creates run with
// concurrency 8, the server is killed with SIGKILL in the middle of the load, and a new
// server on the same database must still hold every department whose create got a 201.
// After the crash the audit log verifies and the database passes integrity_check.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi, freePort, BIN, ROOT } from '../lib/server.mjs';

const LOAD_MS = 2000;      // creates run this long before the kill
const WORKERS = 8;

// serveOn(db): `fazhi serve` on an existing database (startServer always makes a new one)
async function serveOn(db) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--web', join(ROOT, 'web', 'dist')],
    { env: { ...process.env, FAZHI_ACCESS_LOG: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((r) => proc.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`fazhi serve exited: ${stderr}`);
    try { if ((await fetch(`${url}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
    if (i >= 200) { proc.kill('SIGKILL'); throw new Error(`fazhi serve did not start: ${stderr}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, proc,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

function sanitizerReport(stderr) {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => /ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: .*Sanitizer/.test(l));
  return i < 0 ? '' : lines.slice(i, i + 40).join('\n');
}

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

test('an acknowledged write survives kill -9', { timeout: 60_000 }, async (t) => {
  const srv = await startServer();
  // the harness's stop() waits for an exit that a SIGKILL'd process already had, so the
  // killed server is cleaned up here instead
  cleanup.push(async () => {
    if (srv.proc.exitCode === null && srv.proc.signalCode === null) srv.proc.kill('SIGKILL');
    rmSync(srv.dir, { recursive: true, force: true });
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
  const ic = sqlite(srv.db, 'PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n');
  assert.equal(ic.status, 0, ic.stderr);
  assert.equal(ic.stdout.trim(), 'ok');

  // a new server on the same database has every acknowledged department
  const again = await serveOn(srv.db);
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
  const ic2 = sqlite(srv.db, 'PRAGMA integrity_check;\n');
  assert.equal(ic2.stdout.trim(), 'ok');
  const rows = sqlite(srv.db, "SELECT count(*) FROM departments WHERE code LIKE 'K%';\n");
  assert.ok(Number(rows.stdout) >= acked.length, `rows ${rows.stdout} < acknowledged ${acked.length}`);
});
