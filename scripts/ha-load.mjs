// ha-load.mjs - the write load of scripts/ha-test.sh, and its verdict. Node 20 built-ins only.
//   node scripts/ha-load.mjs run   (--url URL | --direct --uri URI) --log FILE [--workers N]
//   node scripts/ha-load.mjs check (--url URL | --direct --uri URI) --log FILE --kills FILE
// run writes records continuously until SIGTERM/SIGINT, one JSON line per attempt in FILE:
// {w, t0, t1, ok, id, no?, err?} (times in epoch ms; ok only for an acknowledged write).
//   --url: through fazhi: logs in (--user, default handler; --password, default the demo
//          password) and POSTs /api/v1/workorders; acknowledged = HTTP 2xx with an id.
//   --direct: straight to PostgreSQL with psql, one connection per write (like a client that
//          reconnects): INSERT INTO ha_load ... RETURNING id; acknowledged = psql exit 0
//          printing the id. The table is created if missing.
// check reads the log and the kill times (FILE: one "EPOCH_MS LABEL" line per kill) and
// prints, for each kill, the seconds until a write started after the kill was acknowledged
// and the longest pause between acknowledgements; then looks every acknowledged id up
// (fazhi: GET /api/v1/workorders/ID; direct: SELECT) and prints the acknowledged writes
// lost. Exit 0: nothing lost and writes resumed after every kill; 1: loss or no recovery;
// 2: usage or the check itself failed.
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, promisify } from 'node:util';
import { Client, DEMO_PASSWORD } from '../tests/lib/server.mjs';

const exec = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SYNC_WARNING = /canceling wait for synchronous replication/i;

const { positionals, values: opt } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' }, uri: { type: 'string' }, direct: { type: 'boolean', default: false },
    log: { type: 'string' }, kills: { type: 'string' }, workers: { type: 'string', default: '4' },
    user: { type: 'string', default: 'handler' }, password: { type: 'string', default: DEMO_PASSWORD },
  },
});

function usage(msg) {
  process.stderr.write(`ha-load: ${msg}\n`);
  process.exit(2);
}

// psql(sql): run one statement on --uri; resolves {ok, out, err}; never rejects
async function psql(sql, timeoutMs = 15000) {
  try {
    const r = await exec('psql', ['-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql, opt.uri], {
      timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, PGCONNECT_TIMEOUT: '3' },
    });
    return { ok: true, out: r.stdout.trim(), err: r.stderr.trim() };
  } catch (e) {
    return { ok: false, out: (e.stdout ?? '').trim(), err: (e.stderr || e.message || '').trim() };
  }
}

// ---- writers: each returns {ok, id, no?, err?} for one attempt ----

function directWriter(w) {
  return async () => {
    const r = await psql(`INSERT INTO ha_load (worker) VALUES (${w}) RETURNING id`, 10000);
    // a commit whose wait for the synchronous standby was cancelled is reported as success
    // with a warning, yet may exist on the primary only: that is no acknowledgement
    if (r.ok && SYNC_WARNING.test(r.err)) return { ok: false, err: `unsafe ack: ${r.err}` };
    if (r.ok && /^\d+$/.test(r.out)) return { ok: true, id: Number(r.out) };
    return { ok: false, err: r.err.split('\n')[0] || `psql printed ${JSON.stringify(r.out)}` };
  };
}

async function login(c) {
  const r = await c.login(opt.user, opt.password);
  if (r.status !== 200) throw new Error(`login ${opt.user}: ${r.status} ${r.text.slice(0, 200)}`);
}

function fazhiWriter(w) {
  const c = new Client(opt.url);
  let seq = 0;
  return async () => {
    try {
      if (!c.csrf) await login(c);
      seq++;
      const r = await c.post('/api/v1/workorders', {
        channel: 'board', category: 'complaint', subject: `高可用测试 ${w}-${seq}`,
        content: '故障切换期间的持续写入', citizen_name: '测试', citizen_phone: '13800001111',
      });
      if (r.status === 401) c.csrf = '';   // the session was lost: log in again next time
      if (r.status >= 200 && r.status < 300 && Number.isInteger(r.body?.id)) {
        return { ok: true, id: r.body.id, no: r.body.no };
      }
      return { ok: false, err: `HTTP ${r.status} ${r.text.slice(0, 160)}` };
    } catch (e) {
      c.csrf = '';
      return { ok: false, err: String(e.cause?.code ?? e.message) };
    }
  };
}

async function run() {
  if (!opt.log) usage('run needs --log FILE');
  const workers = Number(opt.workers);
  if (!(workers >= 1 && workers <= 64)) usage('--workers takes 1..64');
  if (opt.direct) {
    const r = await psql('CREATE TABLE IF NOT EXISTS ha_load (id bigserial PRIMARY KEY,'
      + ' worker int NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    if (!r.ok) usage(`cannot create ha_load: ${r.err}`);
  }
  writeFileSync(opt.log, '');
  let stop = false;
  for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => { stop = true; });
  const loop = async (w) => {
    const attempt = opt.direct ? directWriter(w) : fazhiWriter(w);
    while (!stop) {
      const t0 = Date.now();
      const r = await attempt();
      appendFileSync(opt.log, `${JSON.stringify({ w, t0, t1: Date.now(), ...r })}\n`);
      if (!r.ok) await sleep(100);   // refused connections fail at once: do not spin
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
}

// ---- check ----

function readLines(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
}

// present(ids): the subset of ids that exist now
async function present(ids) {
  if (opt.direct) {
    const r = await psql('SELECT id FROM ha_load', 60000);
    if (!r.ok) throw new Error(`SELECT failed: ${r.err}`);
    const have = new Set(r.out.split('\n').filter(Boolean).map(Number));
    return { found: new Set(ids.filter((id) => have.has(id))), rows: have.size };
  }
  const c = new Client(opt.url);
  await login(c);
  const found = new Set();
  const queue = [...ids];
  const one = async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      let status = 0;
      for (let i = 0; i < 5 && status !== 200 && status !== 404; i++) {
        status = (await c.get(`/api/v1/workorders/${id}`)).status;
      }
      if (status === 200) found.add(id);
      else if (status !== 404) throw new Error(`GET /api/v1/workorders/${id}: HTTP ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, one));
  return { found, rows: null };
}

function dupes(list) {
  const seen = new Set(), twice = new Set();
  for (const x of list) (seen.has(x) ? twice : seen).add(x);
  return [...twice];
}

async function check() {
  if (!opt.log || !opt.kills) usage('check needs --log FILE and --kills FILE');
  const log = readLines(opt.log).map((l) => JSON.parse(l)).sort((a, b) => a.t1 - b.t1);
  const kills = readLines(opt.kills).map((l) => {
    const [t, ...label] = l.trim().split(/\s+/);
    return { t: Number(t), label: label.join(' ') };
  }).sort((a, b) => a.t - b.t);
  const acked = log.filter((e) => e.ok);
  const fails = log.filter((e) => !e.ok);
  const out = { attempts: log.length, acknowledged: acked.length, failed: fails.length, kills: [] };
  let recovered = true;
  kills.forEach((k, i) => {
    const until = kills[i + 1]?.t ?? Infinity;
    const first = acked.find((e) => e.t0 >= k.t && e.t0 < until);
    const window = acked.filter((e) => e.t1 >= k.t - 1000 && e.t1 < until);
    let gap = 0;
    for (let j = 1; j < window.length; j++) gap = Math.max(gap, window[j].t1 - window[j - 1].t1);
    const after = first ? acked.filter((e) => e.t0 >= first.t0 && e.t0 < until).length : 0;
    const errs = fails.filter((e) => e.t1 >= k.t && e.t1 < until);
    out.kills.push({
      label: k.label, recovery_s: first ? (first.t1 - k.t) / 1000 : null,
      longest_pause_s: gap / 1000, failed_attempts: errs.length, acked_after: after,
      errors: [...new Set(errs.map((e) => e.err))].slice(0, 5),
    });
    if (!first) recovered = false;
  });
  const ids = acked.map((e) => e.id);
  const { found, rows } = await present([...new Set(ids)]);
  const lost = [...new Set(ids)].filter((id) => !found.has(id));
  out.lost = lost.length;
  out.lost_ids = lost.slice(0, 20);
  out.duplicate_ids = dupes(ids).slice(0, 20);
  out.duplicate_numbers = dupes(acked.map((e) => e.no).filter(Boolean)).slice(0, 20);
  out.unsafe_acks = fails.filter((e) => /^unsafe ack/.test(e.err)).length;
  if (rows !== null) out.rows_not_acknowledged = rows - found.size;   // in doubt, not lost

  for (const k of out.kills) {
    console.log(`kill ${k.label}: writes succeeded again after ${k.recovery_s ?? 'NEVER'} s`
      + ` (longest pause between acknowledged writes ${k.longest_pause_s} s,`
      + ` ${k.failed_attempts} writes failed until the next kill or the end,`
      + ` ${k.acked_after} acknowledged after)`);
    for (const e of k.errors) console.log(`    error seen: ${e}`);
  }
  console.log(`writes: ${out.attempts} attempts, ${out.acknowledged} acknowledged, ${out.failed} failed`
    + (rows !== null ? `, ${out.rows_not_acknowledged} rows written but not acknowledged (in doubt)` : ''));
  console.log(`acknowledged writes lost: ${out.lost}${lost.length ? ` (ids ${out.lost_ids.join(' ')})` : ''}`);
  if (out.duplicate_ids.length || out.duplicate_numbers.length) {
    console.log(`DUPLICATES: ids ${out.duplicate_ids.join(' ')} numbers ${out.duplicate_numbers.join(' ')}`);
  }
  console.log(`RESULT ${JSON.stringify(out)}`);
  const bad = out.lost > 0 || !recovered || out.duplicate_ids.length > 0
    || out.duplicate_numbers.length > 0 || acked.length === 0;
  process.exit(bad ? 1 : 0);
}

const mode = positionals[0];
if (opt.direct ? !opt.uri : !opt.url) usage('give --url URL (through fazhi) or --direct --uri URI');
if (mode === 'run') await run();
else if (mode === 'check') await check().catch((e) => usage(`check failed: ${e.message}`));
else usage('mode is run or check');
