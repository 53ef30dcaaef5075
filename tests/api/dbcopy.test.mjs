// dbcopy.test.mjs - `fazhi db copy --from FILE.db --to TARGET` (issue 9): the demo database
// copied into a new database (PostgreSQL in the api-pg run, a new SQLite file otherwise)
// reports equal row counts and the same audit root, the copy verifies with the source's
// audit key and serves the same data (full-text search included); a target that already
// holds data and a missing source are refused.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fazhi, newDatabase, dropDatabase, startServer, loggedIn, PG } from '../lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-copy-'));
const src = join(dir, 'src.db');
const target = PG ? newDatabase(dir) : join(dir, 'copy.db');
after(() => { if (PG) dropDatabase(target); rmSync(dir, { recursive: true, force: true }); });

test('the demo database copies into a new database with equal counts and audit root', async () => {
  assert.equal(fazhi(['demo', '--db', src]).status, 0);
  const r = fazhi(['db', 'copy', '--from', src, '--to', target]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^OK: copied and verified/m);
  assert.doesNotMatch(r.stdout, /DIFFERENT/);
  const roots = [...r.stdout.matchAll(/size (\d+) root ([0-9a-f]{64})/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.equal(roots.length, 2);
  assert.equal(roots[0], roots[1]);
  assert.match(r.stdout, /workorders\s+(\d+)\s+\1\n/);
  const env = { FAZHI_AUDIT_KEY: `${src}.audit-key`, FAZHI_FILES: `${src}.files` };
  const v = fazhi(['audit', 'verify', '--db', target], { env });
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('the copy serves the same records, and its full-text index was rebuilt', async () => {
  const env = { FAZHI_AUDIT_KEY: `${src}.audit-key`, FAZHI_FILES: `${src}.files` };
  const srv = await startServer({ share: { dir, db: target }, env });
  try {
    const c = await loggedIn(srv.url, 'admin');
    const w = await c.get('/api/v1/workorders?page_size=1');
    assert.equal(w.status, 200, w.text);
    assert.ok(w.body.total > 700);
    const s = await c.get(`/api/v1/regulations/search?q=${encodeURIComponent('行政处罚')}`);
    assert.equal(s.status, 200, s.text);
    assert.ok(s.body.total > 0, 'the search index answers on the copy');
  } finally {
    await srv.stop();
  }
});

test('a target that already holds data and a missing source are refused, the target unchanged', () => {
  const again = fazhi(['db', 'copy', '--from', src, '--to', target]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already holds data/);
  const none = fazhi(['db', 'copy', '--from', join(dir, 'missing.db'), '--to', target]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /--from must be an existing SQLite file/);
  assert.equal(fazhi(['db', 'copy', '--from', src]).status, 2);
});
