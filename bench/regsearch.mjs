// regsearch.mjs - search latency of the regulations library (政策法规库) through the HTTP
// API on loopback: `node bench/regsearch.mjs` (bench/run.sh calls it; B picks the build).
// Starts the optimized ${B:-build}/fazhi on a fresh demo database in a temp folder, loads
// 20,000 generated articles through POST /api/v1/regulations (outside the timing), then
// times GET /api/v1/regulations/search for a fixed set of 2-, 3- and 4-character queries
// (plus the filtered path and the 1-character scan fallback, for reference) one request at
// a time and prints p50/p99 per group. Asserts nothing. Knobs: REGBENCH_ARTICLES (20000),
// REGBENCH_ROUNDS (25), REGBENCH_KEEP (keep the temp folder with the database).
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.FAZHI_BIN ??= join(ROOT, process.env.B || 'build', 'fazhi');
const { startServer, loggedIn } = await import('../tests/lib/server.mjs');

const ARTICLES = Number(process.env.REGBENCH_ARTICLES || 20000);
const ROUNDS = Number(process.env.REGBENCH_ROUNDS || 25);
const PER_REG = 200;

// the fixed query set: each occurs in the generated text with a different frequency; the
// last two groups show the substring-scan fallback and the filtered (joined) path
const CUR = '&status=' + encodeURIComponent('现行有效');
const GROUPS = [
  { label: '2 chars (FTS5 bigrams)', queries: ['处罚', '罚款', '消防', '扬尘'] },
  { label: '3 chars (FTS5 bigrams)', queries: ['许可证', '责任制', '执法人', '危险品'] },
  { label: '4 chars (FTS5 bigrams)', queries: ['行政处罚', '安全生产', '城市道路', '营业执照'] },
  { label: 'rare terms (~1% of arts)', queries: ['仓储', '仓储场', '专项检查', '危险化学品仓储'] },
  { label: '2-4 chars + status filter', queries: ['处罚', '许可证', '行政处罚', '营业执照'], extra: CUR },
  { label: '1 char (scan fallback)', queries: ['罚'], few: true },
];

// ---- deterministic text ----
let seed = 20261126;
function rand() {                      // mulberry32
  seed = (seed + 0x6D2B79F5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const SUBJECTS = ['生产经营单位', '施工单位', '建设单位', '行政机关', '执法人员', '当事人', '市场主体',
  '物业服务企业', '经营者', '消防救援机构', '城市管理部门', '危险品运输企业'];
const CLAUSES = ['应当建立健全安全生产责任制', '不得擅自占用城市道路从事经营活动', '应当依法申请领取施工许可证',
  '未按照规定进行安全生产教育和培训', '应当保障疏散通道和安全出口畅通', '处五千元以上五万元以下罚款',
  '责令限期改正', '依法给予行政处罚', '应当按时公示企业年度报告', '采取覆盖、洒水等有效防尘降尘措施',
  '对危险品的储存和运输实施重点监管', '不得损坏、挪用消防设施和器材', '应当亮证执法并全过程记录',
  '由执法人员当场作出处罚决定', '吊销营业执照或者许可证件', '没收违法所得', '予以警告并通报批评',
  '应当告知当事人陈述、申辩的权利', '对施工现场扬尘污染实施监督检查', '落实网格化巡查责任制'];

function article() {
  const n = 2 + Math.floor(rand() * 3);
  let s = pick(SUBJECTS) + pick(CLAUSES);
  for (let i = 1; i < n; i++) s += (i === n - 1 ? '；' : '，') + pick(CLAUSES);
  if (rand() < 0.01) s += '；对危险化学品仓储场所开展专项检查';     // a rare clause: ~1% of articles
  return s + '。';
}

// ---- measurement ----
function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(client, q, extra = '') {
  const t0 = performance.now();
  const r = await client.get(`/api/v1/regulations/search?q=${encodeURIComponent(q)}${extra}`);
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`search ${q}: ${r.status} ${r.text}`);
  return { ms, total: r.body.total };
}

async function load(legal) {
  const t0 = performance.now();
  for (let made = 0, k = 1; made < ARTICLES; k++) {
    const n = Math.min(PER_REG, ARTICLES - made);
    const articles = Array.from({ length: n }, (_, i) => ({ no: i + 1, text: article() }));
    const r = await legal.post('/api/v1/regulations', {
      title: `压力测试规定${k}`, level: '规范性文件', issuer: '基准测试', effective_from: '2020-01-01',
      note: '基准测试生成的文本', articles,
    });
    if (r.status !== 201) throw new Error(`load: ${r.status} ${r.text}`);
    made += n;
  }
  return (performance.now() - t0) / 1000;
}

const srv = await startServer();
try {
  const legal = await loggedIn(srv.url, 'legal');
  const loadSecs = await load(legal);
  const viewer = await loggedIn(srv.url, 'viewer');
  for (const g of GROUPS) for (const q of g.queries) await timed(viewer, q, g.extra);   // warm-up
  const rows = [];
  for (const g of GROUPS) {
    const samples = [];
    const hits = [];
    for (const q of g.queries) hits.push(`${q} ${(await timed(viewer, q, g.extra)).total}`);
    const rounds = g.few ? Math.max(3, Math.floor(ROUNDS / 5)) : ROUNDS;
    for (let r = 0; r < rounds; r++) for (const q of g.queries) samples.push((await timed(viewer, q, g.extra)).ms);
    samples.sort((a, b) => a - b);
    rows.push({ label: g.label, n: samples.length, p50: pct(samples, 50), p99: pct(samples, 99), max: samples[samples.length - 1], hits });
  }
  const size = statSync(srv.db).size + (() => { try { return statSync(srv.db + '-wal').size; } catch { return 0; } })();
  console.log('== fazhi regulations search bench');
  console.log(`date     ${new Date().toISOString()}`);
  console.log(`machine  ${process.platform} ${process.arch}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`binary   ${process.env.FAZHI_BIN}; node ${process.version}`);
  console.log(`data     ${ARTICLES} generated articles in ${Math.ceil(ARTICLES / PER_REG)} regulations (+ demo data),` +
    ` loaded through POST /api/v1/regulations in ${loadSecs.toFixed(1)} s; database ${(size / 2 ** 20).toFixed(1)} MiB`);
  console.log('load     one request at a time over a keep-alive connection, page_size 20, client on the same machine');
  console.log('');
  console.log('query                      requests    p50 ms    p99 ms    max ms   hits per query');
  for (const r of rows) {
    console.log(`${r.label.padEnd(27)}${String(r.n).padStart(8)}${r.p50.toFixed(2).padStart(10)}` +
      `${r.p99.toFixed(2).padStart(10)}${r.max.toFixed(2).padStart(10)}   ${r.hits.join(', ')}`);
  }
} finally {
  await srv.stop({ keep: !!process.env.REGBENCH_KEEP });
  if (process.env.REGBENCH_KEEP) console.log(`kept ${srv.dir}`);
}
