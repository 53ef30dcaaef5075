// pg_syncrep.test.mjs - PostgreSQL only (the api-pg run): a COMMIT whose wait for the
// synchronous standby is cancelled comes back from PostgreSQL as done, with a WARNING, yet
// it may exist only on a primary about to be lost (issue 9, no acknowledged write lost).
// fazhi must not answer 2xx for it. In a cluster of its own (synchronous_standby_names is
// cluster-wide), the test makes every commit wait for a standby that never comes, cancels
// the waiting backend, and expects an error answer; with the setting reset, writes succeed.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi, PG, ROOT } from '../lib/server.mjs';

const skip = !PG && 'PostgreSQL only (the api-pg run)';
const cluster = join(tmpdir(), `fazhi-syncrep-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), 'fazhi-syncrep-files-'));
let base = '';
let db = '';
let srv = null;
const env = { FAZHI_AUDIT_KEY: join(dir, 't.audit-key'), FAZHI_FILES: join(dir, 't.files') };

function psql(sql, target = `${base}/postgres`) {
  const r = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', target], { input: sql, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

before(async () => {
  if (skip) return;
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'start', cluster], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const port = r.stdout.trim().replace(/.*:(\d+)\/.*/s, '$1');
  base = `postgresql://postgres@127.0.0.1:${port}`;
  psql('CREATE DATABASE syncrep;');
  db = `${base}/syncrep`;
  const u = fazhi(['user', 'add', 'boss', '--role', 'admin', '--db', db, '--password-stdin'], { input: 'Boss#Pass2026\n', env });
  assert.equal(u.status, 0, u.stderr);
  srv = await startServer({ share: { dir, db }, env });
});

after(async () => {
  if (skip) return;
  await srv?.stop();
  spawnSync('bash', [join(ROOT, 'scripts', 'pg-test-cluster.sh'), 'stop', cluster]);
  rmSync(dir, { recursive: true, force: true });
});

test('a commit whose wait for the synchronous standby is cancelled is not acknowledged', { skip, timeout: 60_000 }, async () => {
  const c = await loggedIn(srv.url, 'boss', 'Boss#Pass2026');
  psql("ALTER SYSTEM SET synchronous_standby_names = 'fz_no_such_standby'; SELECT pg_reload_conf();");
  try {
    const pending = c.post('/api/v1/departments', { parent_id: 1, name: '未确认部门', code: 'unsure' });
    let cancelled = '';
    for (let i = 0; i < 100 && cancelled !== 't'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      cancelled = psql("SELECT coalesce(bool_or(pg_cancel_backend(pid)), false) FROM pg_stat_activity WHERE wait_event = 'SyncRep';");
    }
    assert.equal(cancelled, 't', 'no backend waited for the synchronous standby');
    const r = await pending;
    assert.ok(r.status >= 500, `answered ${r.status} for a commit the standby never confirmed: ${r.text}`);
    // the row is there on this primary (committed locally) - which is why it must not be acknowledged
    assert.equal(psql("SELECT count(*) FROM departments WHERE code = 'unsure';", db), '1');
  } finally {
    psql('ALTER SYSTEM RESET synchronous_standby_names; SELECT pg_reload_conf();');
  }
  const ok = await c.post('/api/v1/departments', { parent_id: 1, name: '确认部门', code: 'sure' });
  assert.equal(ok.status, 201, ok.text);
});
