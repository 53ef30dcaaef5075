// backup.test.mjs - `fazhi backup --db PATH --out FILE` while the server runs and is
// being written to: the copy is consistent (integrity_check ok), its audit log verifies
// with the key copied beside it (FILE.audit-key), and a server started on FILE serves the
// data. An existing FILE is never overwritten; a missing --out is a usage error (exit 2).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi, freePort, BIN, ROOT } from '../lib/server.mjs';

// run(args): the CLI asynchronously, so the test's own writers keep going meanwhile
// (fazhi() from the harness is spawnSync and would stall the event loop)
function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

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

function integrity(db) {
  const r = spawnSync('sqlite3', [db], { input: 'PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n', encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'ok');
}

function sanitizerReport(stderr) {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => /ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: .*Sanitizer/.test(l));
  return i < 0 ? '' : lines.slice(i, i + 40).join('\n');
}

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

test('backup of a live, written-to database is consistent, verifies and restores', { timeout: 90_000 }, async (t) => {
  const srv = await startServer();
  cleanup.push(() => srv.stop());
  const c = await loggedIn(srv.url, 'admin');
  const out = join(srv.dir, 'backup.db');

  // four writers create departments until told to stop
  const acked = [];
  let stop = false;
  const writer = async (w) => {
    for (let n = 0; !stop; n++) {
      const code = `BK${w}-${n}`;
      const r = await c.post('/api/v1/departments', { parent_id: 1, name: `备份部门 ${code}`, code });
      assert.equal(r.status, 201, r.text);
      acked.push(code);
    }
  };
  const writers = Array.from({ length: 4 }, (_, w) => writer(w));
  try {
    for (let i = 0; acked.length < 20; i++) {
      assert.ok(i < 400, `only ${acked.length} creates acknowledged in 20 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = acked.slice();           // committed before the backup began
    const b = await run(['backup', '--db', srv.db, '--out', out]);
    const during = acked.length - before.length;
    assert.equal(b.status, 0, `backup: ${b.stdout}${b.stderr}`);
    assert.match(b.stdout, /backup written/);
    // keep writing a little after the backup too
    const target = acked.length + 10;
    for (let i = 0; acked.length < target; i++) {
      assert.ok(i < 400, 'writes stalled after the backup');
      await new Promise((r) => setTimeout(r, 50));
    }
    t.diagnostic(`${before.length} creates before the backup, ${during} while it ran`);
    stop = true;
    await Promise.all(writers);

    // the copy opens, is intact, and its audit log verifies with the copied key
    assert.ok(existsSync(out), 'no backup file');
    assert.ok(existsSync(`${out}.audit-key`), 'no audit key beside the backup');
    assert.equal(statSync(`${out}.audit-key`).mode & 0o077, 0, 'the copied audit key is readable by others');
    assert.deepEqual(readFileSync(`${out}.audit-key`), readFileSync(`${srv.db}.audit-key`));
    integrity(out);
    const v = fazhi(['audit', 'verify', '--db', out]);
    assert.equal(v.status, 0, `audit verify of the backup: ${v.stdout}${v.stderr}`);
    await srv.stop({ keep: true });

    // restore: a server on the backup serves the demo data and everything acknowledged
    // before the backup started, and takes new audited writes
    const rs = await serveOn(out);
    cleanup.push(() => rs.stop());
    const c2 = await loggedIn(rs.url, 'admin');
    const u = await c2.get('/api/v1/users/1');
    assert.equal(u.status, 200, u.text);
    assert.equal(u.body.username, 'admin');
    const list = await c2.get('/api/v1/departments');
    assert.equal(list.status, 200, list.text);
    const have = new Set(list.body.items.map((d) => d.code));
    const missing = before.filter((code) => !have.has(code));
    assert.deepEqual(missing, [], 'creates acknowledged before the backup are missing from it');
    const extra = [...have].filter((code) => code.startsWith('BK') && !acked.includes(code));
    assert.deepEqual(extra, [], 'the backup holds departments nobody created');
    const r = await c2.post('/api/v1/departments', { parent_id: 1, name: '恢复后部门', code: 'after-restore' });
    assert.equal(r.status, 201, r.text);
    await rs.stop();
    assert.equal(rs.proc.exitCode, 0, rs.stderr());
    assert.equal(sanitizerReport(rs.stderr()), '');
    const v2 = fazhi(['audit', 'verify', '--db', out]);
    assert.equal(v2.status, 0, `audit verify after writes on the restored copy: ${v2.stdout}${v2.stderr}`);
    integrity(out);
  } finally {
    stop = true;
    await Promise.allSettled(writers);
  }
});

test('backup refuses an existing FILE and leaves it untouched; missing --out is exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-backup-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'live.db');
  const d = fazhi(['demo', '--db', db]);
  assert.equal(d.status, 0, d.stderr);

  const file = join(dir, 'taken.db');
  writeFileSync(file, 'an earlier backup, not to be overwritten\n');
  const r = fazhi(['backup', '--db', db, '--out', file]);
  assert.notEqual(r.status, 0, `backup over an existing file succeeded: ${r.stdout}`);
  assert.match(r.stderr, /exists/);
  assert.equal(readFileSync(file, 'utf8'), 'an earlier backup, not to be overwritten\n');
  assert.ok(!existsSync(`${file}.audit-key`), 'an audit key was written beside the refused file');

  // a real earlier backup is not overwritten either
  const first = join(dir, 'first.db');
  assert.equal(fazhi(['backup', '--db', db, '--out', first]).status, 0);
  const bytes = readFileSync(first);
  const key = readFileSync(`${first}.audit-key`);
  const again = fazhi(['backup', '--db', db, '--out', first]);
  assert.notEqual(again.status, 0);
  assert.deepEqual(readFileSync(first), bytes);
  assert.deepEqual(readFileSync(`${first}.audit-key`), key);

  const noOut = fazhi(['backup', '--db', db]);
  assert.equal(noOut.status, 2, noOut.stderr);
  assert.match(noOut.stderr, /--out/);
  const dangling = fazhi(['backup', '--db', db, '--out']);
  assert.equal(dangling.status, 2, dangling.stderr);
});
