// reports.test.mjs - issue 8's annual rule-of-law report and its figures through the API:
// the 2023 demo report reproduces the seed report's figures (76 credit letters, 700余
// hotline and message-board orders answered 100 %, ~150 opinion letters, 秦天律师事务所,
// the district departments' publicity); every figure equals an independent count through
// the other modules' own APIs; the DOCX is a valid package holding the five mandatory
// headings (and converts to PDF when LibreOffice is installed); live fields render and an
// unknown one is 422 naming it; the flow keeps its order (409) and its permissions; a
// published report is frozen (409 on edits, the same bytes served, their SHA-256 in the
// audit log); and `fazhi report` writes md/docx with its exit codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

const Y = '2023';
const FROM = `${Y}-01-01`;
const TO = `${Y}-12-31`;
let srv, admin, leader, legal, viewer, officer;
let figs;                          // the 2023 figures by id (GET /reports/2023/figures)

before(async () => {
  srv = await startServer();
  [admin, leader, legal, viewer, officer] = await Promise.all(
    ['admin', 'leader', 'legal', 'viewer', 'officer1'].map((u) => loggedIn(srv.url, u)));
  const r = await leader.get(`/api/v1/reports/${Y}/figures`);
  assert.equal(r.status, 200, r.text);
  figs = Object.fromEntries(r.body.figures.map((f) => [f.id, f]));
});
after(async () => {
  await srv?.stop({ keep: true });
  assert.equal(sanitizerReport(srv?.stderr() ?? ''), '');
  await srv?.stop();
});

const val = (id) => {
  assert.ok(figs[id], `figure ${id} exists`);
  assert.equal(figs[id].error, undefined, `figure ${id}: ${figs[id].error}`);
  return figs[id].value;
};
const close = (a, b, what) => assert.ok(Math.abs((a ?? 0) - (b ?? 0)) < 1e-6, `${what}: ${a} vs ${b}`);
const inYear = (d) => typeof d === 'string' && d.slice(0, 10) >= FROM && d.slice(0, 10) <= TO;
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

// all(c, path): every item of a paged list (page_size 200)
async function all(c, path) {
  const items = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await c.get(`${path}${sep}page=${page}&page_size=200`);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    items.push(...r.body.items);
    if (r.body.items.length < 200 || items.length >= (r.body.total ?? items.length)) return items;
  }
}

// docxText(buf): the text of word/document.xml, every part parsed by python3's XML parser
// (and xmllint when installed) - an independent check that the package is well formed
function docxText(buf) {
  const file = join(srv.dir, `report-${Date.now()}.docx`);
  writeFileSync(file, buf);
  const py = `
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
for n in ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']:
    assert n in names, n
for n in names:
    ET.fromstring(z.read(n))
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
paras = []
for p in ET.fromstring(z.read('word/document.xml')).iter(W + 'p'):
    paras.append(''.join(t.text or '' for t in p.iter(W + 't')))
sys.stdout.write('\\n'.join(paras))
`;
  const r = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lint = spawnSync('sh', ['-c', `command -v xmllint >/dev/null || exit 0; cd "${srv.dir}" && rm -rf x && mkdir x && cd x && python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall('.')" "${file}" && find . -name '*.xml' -o -name '*.rels' | xargs xmllint --noout`]);
  assert.equal(lint.status, 0, String(lint.stderr));
  return r.stdout;
}

const HEADINGS = ['一、主要举措和成效', '二、存在的不足和原因',
  '三、党政主要负责人履行推进法治建设第一责任人职责情况', '四、下一年度主要安排', '五、其他需要报告的情况'];

// ---- the seed report's figures ----

test('the 2023 demo report reproduces the seed report: 76 letters, 700余 orders answered 100%, ~150 opinion letters', async () => {
  assert.equal(val('commitments_signed'), 76);
  assert.ok(val('wo_received') > 700 && val('wo_received') < 800, `wo_received ${val('wo_received')}`);
  assert.equal(val('wo_reply_rate'), 100);
  assert.ok(val('opinion_letters') >= 140 && val('opinion_letters') <= 160, `letters ${val('opinion_letters')}`);
  assert.ok(val('pufa_lectures') >= 2);
  assert.deepEqual(val('pufa_partners'), ['秦天律师事务所']);
  for (const law of ['《民法典》', '《合同法》', '《安全生产法》']) assert.ok(val('pufa_laws').includes(law), law);
  assert.ok(val('anti_fraud_activities') > 0 && val('anti_fraud_leaflets') > 0 && val('anti_fraud_app_installs') > 0);
  assert.deepEqual([...val('publicity_departments')].sort(),
    ['区城管委', '区住建委', '区市场监管局', '区应急管理局', '区消防支队'].sort());
  assert.ok(val('study_first_topic') > 0 && val('study_theory_group') > 0);
  // 保证双人执法，全过程记录执法，法务审核: every 2023 case
  assert.ok(val('cases_total') > 0);
  assert.equal(val('cases_two_officers'), val('cases_with_acts'));
  assert.equal(val('cases_full_record'), val('cases_total'));
});

test('the 2023 report text carries the seed figures through its live fields', async () => {
  const r = await download(leader, `/api/v1/reports/${Y}/document.md`);
  assert.equal(r.status, 200);
  const md = r.buf.toString('utf8');
  assert.match(md, /签订了76份信用承诺书/);
  assert.match(md, /办理工单700余件，答复率为100%/);
  assert.match(md, new RegExp(`累计出具${val('opinion_letters')}份法律意见书`));
  assert.match(md, /多次邀请秦天律师事务所律师/);
  assert.doesNotMatch(md, /\{\{fig:/);
  for (const h of HEADINGS) assert.ok(md.includes(`## ${h}`), h);
  assert.match(md, /## 附件：数据来源/);
  assert.match(md, /\| 签订信用承诺书 \| 76 份 \| 信用承诺书登记/);
});

// ---- every figure against the modules' own APIs ----

test('work-order figures equal GET /api/v1/workorders/stats and the list by channel', async () => {
  const s = (await admin.get(`/api/v1/workorders/stats?from=${FROM}&to=${TO}`)).body.totals;
  const hotline = (await admin.get(`/api/v1/workorders?from=${FROM}&to=${TO}&channel=hotline&page_size=1`)).body.total;
  const board = (await admin.get(`/api/v1/workorders?from=${FROM}&to=${TO}&channel=board&page_size=1`)).body.total;
  assert.equal(val('wo_hotline'), hotline);
  assert.equal(val('wo_board'), board);
  assert.equal(val('wo_received'), hotline + board);
  assert.equal(s.received, hotline + board, 'all 2023 orders came by hotline or message board');
  assert.equal(val('wo_replied'), s.replied);
  close(val('wo_reply_rate'), s.reply_rate, 'reply rate');
  close(val('wo_on_time_rate'), s.on_time_rate, 'on-time rate');
  close(val('wo_satisfaction_rate'), s.satisfaction_rate, 'satisfaction rate');
  assert.equal(val('wo_overdue'), s.overdue);
});

test('credit, outreach and study figures equal GET /api/v1/registries/stats and the activity list', async () => {
  const s = (await admin.get(`/api/v1/registries/stats?from=${FROM}&to=${TO}`)).body;
  assert.equal(val('enterprises_settled'), s.enterprises.settled);
  assert.equal(val('commitments_signed'), s.commitments.by_kind.credit);
  assert.equal(val('briefings_held'), s.briefings.count);
  assert.equal(val('briefing_enterprises'), s.briefings.enterprises);
  const a = s.activities;
  assert.equal(val('pufa_lectures'), a.pufa_lecture.count);
  assert.equal(val('pufa_onsite'), a.pufa_onsite.count);
  assert.equal(val('pufa_cases'), a.pufa_case.count);
  assert.equal(val('pufa_online_articles'), a.pufa_online.count);
  assert.equal(val('pufa_online_reads'), a.pufa_online.reads);
  assert.equal(val('pufa_audience'), s.activity_groups.pufa.audience);
  assert.equal(val('anti_fraud_activities'), a.anti_fraud.count);
  assert.equal(val('anti_fraud_leaflets'), a.anti_fraud.leaflets);
  assert.equal(val('anti_fraud_app_installs'), a.anti_fraud.app_installs);
  assert.equal(val('anti_fraud_audience'), a.anti_fraud.audience);
  assert.equal(val('anti_fraud_enterprises'), a.anti_fraud.enterprises_reached);
  assert.equal(val('study_first_topic'), s.study.first_topic);
  assert.equal(val('study_theory_group'), s.study.theory_group);
  assert.equal(val('enforcement_publicity'), a.enforcement_publicity.count);
  assert.deepEqual([...val('pufa_partners')].sort(), [...s.partners].sort());
  assert.deepEqual([...val('pufa_laws')].sort(), [...s.laws].sort());
  assert.deepEqual([...val('publicity_departments')].sort(), [...s.departments].sort());
  const lectures = await all(admin, `/api/v1/activities?kind=pufa_lecture&from=${FROM}&to=${TO}`);
  assert.equal(val('pufa_lectures_partner'), lectures.filter((x) => x.partner).length);
});

test('legality-review figures equal GET /api/v1/reviews/stats and the review list', async () => {
  const s = (await admin.get(`/api/v1/reviews/stats?from=${FROM}&to=${TO}`)).body;
  assert.equal(val('review_requests'), s.totals.requests);
  assert.equal(val('opinion_letters'), s.totals.letters);
  close(val('review_avg_workdays'), s.totals.avg_workdays, 'average turnaround');
  assert.equal(val('reviews_overdue'), s.overdue.total);
  const list = await all(admin, `/api/v1/reviews?from=${FROM}&to=${TO}`);
  assert.equal(val('review_requests'), list.length);
});

test('decision and meeting figures equal counts over GET /api/v1/decisions, /meetings and /matters', async () => {
  const decisions = await all(admin, '/api/v1/decisions');
  const decided = decisions.filter((d) => inYear(d.decided_on));
  assert.equal(val('decisions_decided'), decided.length);
  assert.equal(val('decisions_reviewed'),
    decided.filter((d) => ['lawful', 'exploratory_with_risk_statement'].includes(d.review_result)).length);
  assert.equal(val('decisions_published'), decisions.filter((d) => inYear(d.published_on)).length);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  let overdue = 0;
  for (const d of decisions.filter((x) => inYear(x.initiated_on) && x.status === 'under_review' && x.review_request_id)) {
    const rr = (await admin.get(`/api/v1/reviews/${d.review_request_id}`)).body;
    if (!rr.answered_on && rr.due_on < today) overdue++;
  }
  assert.equal(val('decisions_overdue'), overdue);
  const meetings = await all(admin, '/api/v1/meetings');
  assert.equal(val('meetings_held'),
    meetings.filter((m) => inYear(m.held_on) && ['held', 'closed'].includes(m.status)).length);
  const matters = await all(admin, '/api/v1/matters');
  assert.equal(val('matters_decided'), matters.filter((m) => inYear(m.decided_on)).length);
});

test('enforcement figures equal counts over GET /api/v1/cases, each case\'s acts and checklist, and /officers', async () => {
  const cases = (await all(admin, '/api/v1/cases')).filter((c) => inYear(c.created_at));
  assert.equal(val('cases_total'), cases.length);
  assert.equal(val('cases_ordinary'), cases.filter((c) => c.kind === 'penalty' && c.procedure === 'ordinary').length);
  assert.equal(val('cases_simple'), cases.filter((c) => c.kind === 'penalty' && c.procedure === 'simple').length);
  assert.equal(val('inspections'), cases.filter((c) => c.kind === 'inspection').length);
  assert.equal(val('cases_reviewed'), cases.filter((c) => c.review_result === 'agree').length);
  assert.equal(val('cases_overdue'), cases.filter((c) =>
    (c.flags || []).some((f) => ['decision_overdue', 'service_overdue', 'publish_overdue'].includes(f))).length);
  let withActs = 0, two = 0, complete = 0;
  for (const c of cases) {
    const d = (await admin.get(`/api/v1/cases/${c.id}`)).body;
    if (d.acts.length) {
      withActs++;
      if (d.acts.every((a) => new Set(a.certs).size >= 2)) two++;
    }
    if (d.checklist.every((x) => !x.due || x.present)) complete++;
  }
  assert.equal(val('cases_with_acts'), withActs);
  assert.equal(val('cases_two_officers'), two);
  assert.equal(val('cases_full_record'), complete);
  const everyCase = await all(admin, '/api/v1/cases');
  assert.equal(val('cases_decided'), everyCase.filter((c) => inYear(c.decided_at)).length);
  assert.equal(val('cases_published'), everyCase.filter((c) => inYear(c.published_at)).length);
  close(val('penalty_fines'), everyCase.filter((c) => inYear(c.decided_at) && c.decision === 'penalty')
    .reduce((s, c) => s + (c.fine_amount || 0), 0), 'fines');
  const officers = (await admin.get('/api/v1/officers')).body.items;
  assert.equal(val('officers_valid'),
    officers.filter((o) => o.status === 'valid' && o.valid_from <= TO && o.valid_until >= TO).length);
});

test('regulations figures equal the library read through GET /api/v1/regulations/:id versions', async () => {
  const list = await all(admin, '/api/v1/regulations');
  const byDept = new Map();
  let inForce = 0;
  for (const r of list) {
    const d = (await admin.get(`/api/v1/regulations/${r.id}`)).body;
    const live = d.versions.some((v) => v.effective_from <= TO && (!v.effective_to || v.effective_to >= TO));
    if (!live) continue;
    inForce++;
    for (const dep of d.depts) byDept.set(dep.name, (byDept.get(dep.name) || 0) + 1);
  }
  assert.equal(val('regulations_in_force'), inForce);
  assert.deepEqual([...val('regulations_by_dept')].sort(),
    [...byDept].map(([n, k]) => `${n}（${k}部）`).sort());
});

test('GET /api/v1/reports/figures for 2023 gives the same figures as the report year, plus the breakdowns', async () => {
  const r = await viewer.get(`/api/v1/reports/figures?from=${FROM}&to=${TO}`);
  assert.equal(r.status, 200, r.text);
  for (const f of r.body.figures) assert.deepEqual(f.value, figs[f.id].value, f.id);
  const months = r.body.series.wo_by_month;
  assert.equal(months.length, 12);
  assert.equal(months.reduce((s, m) => s + m.received, 0), val('wo_received'));
  assert.equal(r.body.series.wo_by_category.reduce((s, m) => s + m.received, 0), val('wo_received'));
  assert.equal(r.body.series.cases_by_stage.reduce((s, m) => s + m.n, 0), val('cases_total'));
  assert.equal(r.body.series.reviews_by_month.reduce((s, m) => s + m.letters, 0), val('opinion_letters'));
  for (const f of r.body.figures) {
    assert.equal(typeof f.label, 'string');
    assert.ok(f.source.length > 4, `${f.id} has a source`);
  }
});

test('GET /api/v1/reports/figures with a bad period -> 422 naming from or to', async () => {
  expectError(await leader.get('/api/v1/reports/figures?to=2023-12-31'), 422, 'invalid_field', 'from');
  expectError(await leader.get('/api/v1/reports/figures?from=2023-01-01'), 422, 'invalid_field', 'to');
  expectError(await leader.get('/api/v1/reports/figures?from=2023-13-01&to=2023-12-31'), 422, 'invalid_field', 'from');
  expectError(await leader.get('/api/v1/reports/figures?from=2023-12-31&to=2023-01-01'), 422, 'invalid_field', 'from');
});

// ---- the documents ----

test('the 2023 DOCX is a valid package with the title, the five headings, page numbers and the appendix', async () => {
  const r = await download(leader, `/api/v1/reports/${Y}/document.docx`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /wordprocessingml/);
  assert.equal(r.headers.get('x-report-frozen'), 'true');
  const text = docxText(r.buf);
  assert.match(text, /天津市东丽区华明高新技术产业区服务中心/);
  assert.match(text, /2023年法治政府建设年度报告/);
  let at = -1;
  for (const h of HEADINGS) {
    const i = text.indexOf(h);
    assert.ok(i > at, `${h} present and in order`);
    at = i;
  }
  assert.match(text, /数据来源/);
  writeFileSync(join(srv.dir, 'p.docx'), r.buf);
  const gb = spawnSync('python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
f = z.read('word/footer1.xml').decode()
assert 'PAGE' in f, f
d = z.read('word/document.xml').decode()
for face in ['仿宋_GB2312', '楷体_GB2312', '黑体', '方正小标宋简体']:
    assert face in d, face
`, join(srv.dir, 'p.docx')], { encoding: 'utf8' });
  assert.equal(gb.status, 0, gb.stderr);
});

test('the PDF comes from LibreOffice when it is installed (else 501 naming soffice)', { timeout: 180_000 }, async () => {
  const has = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice']).status === 0;
  const r = await download(leader, `/api/v1/reports/${Y}/document.pdf`);
  if (!has) {
    assert.equal(r.status, 501);
    assert.match(JSON.parse(r.buf.toString()).error.message, /soffice/);
    return;
  }
  assert.equal(r.status, 200, r.buf.toString().slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.buf.subarray(0, 5).toString(), '%PDF-');
  const txt = spawnSync('sh', ['-c', 'command -v pdftotext >/dev/null && pdftotext - -'], { input: r.buf });
  if (txt.status === 0) {
    const s = txt.stdout.toString().replace(/\s+/g, '');
    for (const h of HEADINGS) assert.ok(s.includes(h), h);
  }
});

test('the HTML preview is inline with a strict content policy; ?download=1 makes it an attachment', async () => {
  const r = await download(viewer, `/api/v1/reports/${Y}/document.html`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(r.headers.get('content-disposition'), /^inline/);
  assert.match(r.headers.get('content-security-policy'), /default-src 'none'/);
  const html = r.buf.toString();
  for (const h of HEADINGS) assert.ok(html.includes(h), h);
  assert.match(html, /<tr data-fig="commitments_signed"><td>\d+<\/td><td>签订信用承诺书<\/td><td class="v">76 份<\/td>/);
  const d = await download(viewer, `/api/v1/reports/${Y}/document.html?download=1`);
  assert.match(d.headers.get('content-disposition'), /^attachment/);
});

// ---- live fields ----

test('PUT a section with live fields -> the document shows the figures; {{fig:x|余}} rounds down', async () => {
  const rep = (await legal.get('/api/v1/reports/2024')).body;
  const sec = rep.sections.find((s) => s.n === 5);
  const r = await legal.put('/api/v1/reports/2024/sections/5', {
    version: sec.version,
    body: '全年受理工单{{fig:wo_received}}件（约{{fig:wo_received|余}}件），答复率{{fig:wo_reply_rate}}%；合作单位：{{fig:pufa_partners}}。',
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.sections.find((s) => s.n === 5).fields, ['wo_received', 'wo_reply_rate', 'pufa_partners']);
  const f24 = Object.fromEntries((await legal.get('/api/v1/reports/2024/figures')).body.figures.map((f) => [f.id, f.value]));
  const md = (await download(legal, '/api/v1/reports/2024/document.md')).buf.toString();
  const n = f24.wo_received;
  const about = `${Math.floor(n / 10 ** (String(n).length - 1)) * 10 ** (String(n).length - 1)}余`;
  assert.ok(md.includes(`全年受理工单${n}件（约${about}件），答复率${f24.wo_reply_rate}%；合作单位：${f24.pufa_partners.join('、')}。`), md);
});

test('PUT a section naming an unknown figure -> 422 unknown_field naming it; nothing is saved', async () => {
  const rep = (await legal.get('/api/v1/reports/2024')).body;
  const sec = rep.sections.find((s) => s.n === 4);
  const r = await legal.put('/api/v1/reports/2024/sections/4', { version: sec.version, body: '共有{{fig:no_such_figure}}件' });
  expectError(r, 422, 'unknown_field', 'body');
  assert.match(r.body.error.message, /no_such_figure/);
  expectError(await legal.put('/api/v1/reports/2024/sections/4', { version: sec.version, body: '共有{{fig:wo_received' }),
    422, 'unknown_field', 'body');
  expectError(await legal.put('/api/v1/reports/2024/sections/4', { version: sec.version, body: '{{fig:wo_received|万}}' }),
    422, 'unknown_field', 'body');
  const after = (await legal.get('/api/v1/reports/2024')).body.sections.find((s) => s.n === 4);
  assert.equal(after.version, sec.version);
  expectError(await legal.put('/api/v1/reports/2024/sections/4', { version: sec.version - 1 + 7, body: 'x' }),
    409, 'version_conflict', 'version');
  expectError(await legal.put('/api/v1/reports/2024/sections/9', { version: 1, body: 'x' }), 404, 'not_found');
});

// ---- the flow ----

async function fill(c, year, text = (n) => `第${n}部分的内容。`) {
  const rep = (await c.get(`/api/v1/reports/${year}`)).body;
  for (const s of rep.sections.filter((x) => x.n >= 1)) {
    const r = await c.put(`/api/v1/reports/${year}/sections/${s.n}`, { version: s.version, body: text(s.n) });
    assert.equal(r.status, 200, r.text);
  }
}
const act = (c, year, body) => c.post(`/api/v1/reports/${year}/actions`, body);

test('POST /api/v1/reports creates a draft once; a second one -> 409 duplicate year; a future year -> 422', async () => {
  const r = await legal.post('/api/v1/reports', { year: 2022 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'draft');
  assert.equal(r.body.sections.length, 6);
  assert.deepEqual(r.body.sections.filter((s) => s.mandatory).map((s) => s.heading), HEADINGS);
  assert.equal(r.body.validation.length, 5);
  assert.deepEqual(r.body.deadlines.map((d) => [d.kind, d.due, d.state]),
    [['submit', '2023-03-01', 'overdue'], ['publish', '2023-04-01', 'overdue']]);
  expectError(await legal.post('/api/v1/reports', { year: 2022 }), 409, 'duplicate', 'year');
  expectError(await legal.post('/api/v1/reports', { year: 2099 }), 422, 'invalid_field', 'year');
  expectError(await viewer.post('/api/v1/reports', { year: 2021 }), 403, 'forbidden');
});

test('an empty mandatory section blocks 提交审核 -> 422 empty_section naming the sections', async () => {
  const r = await act(legal, 2024, { action: 'submit_review' });
  expectError(r, 422, 'empty_section', 'sections');
  assert.match(r.body.error.message, /二、三、四/);
});

test('the flow runs draft -> review -> approved -> confidentiality_review -> submitted -> published, each out-of-order step -> 409', async () => {
  const y = 2022;
  expectError(await act(leader, y, { action: 'publish', url: 'https://x.example/r' }), 409, 'invalid_transition', 'action');
  const early = await act(leader, y, { action: 'approve' });
  expectError(early, 409, 'invalid_transition', 'action');
  assert.deepEqual(early.body.error.allowed_actions, []);
  await fill(legal, y);
  let r = await act(legal, y, { action: 'submit_review' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'review');
  expectError(await act(legal, y, { action: 'approve' }), 403, 'forbidden');
  const sec = r.body.sections.find((s) => s.n === 1);
  expectError(await legal.put(`/api/v1/reports/${y}/sections/1`, { version: sec.version, body: '改' }), 409, 'report_locked');
  expectError(await act(leader, y, { action: 'return' }), 422, 'invalid_field', 'comment');
  r = await act(leader, y, { action: 'return', comment: '请补充执法数据' });
  assert.equal(r.body.status, 'draft');
  r = await act(legal, y, { action: 'submit_review' });
  r = await act(leader, y, { action: 'approve' });
  assert.equal(r.body.status, 'approved');
  expectError(await act(leader, y, { action: 'submit', confidentiality_opinion: '同意', recipients: ['区政府'] }),
    409, 'invalid_transition', 'action');
  r = await act(leader, y, { action: 'confidentiality_review' });
  assert.equal(r.body.status, 'confidentiality_review');
  expectError(await act(leader, y, { action: 'submit', recipients: ['区政府'] }), 422, 'invalid_field', 'confidentiality_opinion');
  expectError(await act(leader, y, { action: 'submit', confidentiality_opinion: '同意' }), 422, 'invalid_field', 'recipients');
  r = await act(leader, y, {
    action: 'submit', confidentiality_opinion: '不涉密，同意公开', confidentiality_by: '保密员',
    recipients: ['中共天津市东丽区委员会', { name: '天津市东丽区人民政府', submitted_on: '2023-02-20' }],
    submitted_on: '2023-02-27',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'submitted');
  assert.deepEqual(r.body.recipients.map((x) => x.submitted_on), ['2023-02-27', '2023-02-20']);
  assert.equal(r.body.deadlines[0].state, 'on_time');
  expectError(await act(leader, y, { action: 'publish', published_on: '2023-04-10' }), 422, 'invalid_field', 'url');
  expectError(await act(leader, y, { action: 'publish', url: 'ftp://x' }), 422, 'invalid_field', 'url');
  expectError(await act(leader, y, { action: 'publish', url: 'https://x', published_on: '2023-02-01' }),
    422, 'invalid_field', 'published_on');
  r = await act(leader, y, { action: 'publish', url: 'https://www.example.gov.cn/fzzf/2022.html', published_on: '2023-04-10' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'published');
  assert.equal(r.body.deadlines[1].state, 'late');
  assert.equal(r.body.deadlines[1].flag, true);
  assert.deepEqual(r.body.files.map((f) => f.format).sort(), ['docx', 'html', 'md']);
  assert.deepEqual(r.body.events.map((e) => e.action).filter((a) => a !== 'edit'),
    ['create', 'submit_review', 'return', 'submit_review', 'approve', 'confidentiality_review', 'submit', 'publish']);
  expectError(await act(leader, y, { action: 'return', comment: 'x' }), 409, 'invalid_transition', 'action');
});

test('a published report cannot change (409 report_frozen) and serves its frozen bytes, whose SHA-256 is in the audit log', async () => {
  const y = 2022;
  const rep = (await legal.get(`/api/v1/reports/${y}`)).body;
  assert.equal(rep.frozen, true);
  const sec = rep.sections.find((s) => s.n === 2);
  expectError(await legal.put(`/api/v1/reports/${y}/sections/2`, { version: sec.version, body: '改动' }), 409, 'report_frozen');
  const a = await download(leader, `/api/v1/reports/${y}/document.docx`);
  const b = await download(viewer, `/api/v1/reports/${y}/document.docx`);
  assert.equal(a.headers.get('x-report-frozen'), 'true');
  assert.ok(a.buf.equals(b.buf), 'the same bytes every time');
  const files = Object.fromEntries(rep.files.map((f) => [f.format, f.sha256]));
  assert.equal(sha256(a.buf), files.docx);
  const html = await download(viewer, `/api/v1/reports/${y}/document.html`);
  assert.equal(sha256(html.buf), files.html);
  const log = await admin.get(`/api/v1/audit?action=report.publish&entity_type=report&entity_id=${rep.id}`);
  assert.equal(log.status, 200, log.text);
  assert.equal(log.body.items.length, 1);
  assert.equal(log.body.items[0].detail.docx_sha256, sha256(a.buf));
  assert.equal(log.body.items[0].detail.html_sha256, sha256(html.buf));
});

test('the demo 2023 report is published and frozen: its DOCX hash is the one in the audit log', async () => {
  const rep = (await viewer.get(`/api/v1/reports/${Y}`)).body;
  assert.equal(rep.status, 'published');
  assert.ok(rep.submitted_on < '2024-03-01' && rep.published_on < '2024-04-01');
  assert.deepEqual(rep.deadlines.map((d) => d.state), ['on_time', 'on_time']);
  const docx = await download(viewer, `/api/v1/reports/${Y}/document.docx`);
  const log = await admin.get(`/api/v1/audit?action=report.publish&entity_type=report&entity_id=${rep.id}`);
  assert.equal(log.body.items[0].detail.docx_sha256, sha256(docx.buf));
  const snap = (await viewer.get(`/api/v1/reports/${Y}/figures`)).body;
  const frozen = Object.fromEntries(snap.frozen_figures.map((f) => [f.id, f.value]));
  assert.equal(frozen.commitments_signed, 76);
  assert.equal(frozen.wo_received, val('wo_received'));
  expectError(await act(leader, Y, { action: 'publish', url: 'https://x' }), 409, 'invalid_transition', 'action');
});

test('permissions: viewer reads but cannot write or act; officer1 has no report access', async () => {
  assert.equal((await viewer.get('/api/v1/reports')).status, 200);
  expectError(await viewer.put('/api/v1/reports/2024/sections/1', { version: 1, body: 'x' }), 403, 'forbidden');
  expectError(await viewer.post('/api/v1/reports/2024/actions', { action: 'submit_review' }), 403, 'forbidden');
  expectError(await officer.get('/api/v1/reports'), 403, 'forbidden');
  expectError(await officer.get('/api/v1/reports/figures?from=2023-01-01&to=2023-12-31'), 403, 'forbidden');
  expectError(await officer.get(`/api/v1/reports/${Y}/document.docx`), 403, 'forbidden');
  expectError(await viewer.get('/api/v1/reports/2019'), 404, 'not_found');
});

// ---- the CLI ----

test('fazhi report writes md and docx with exit 0; the md equals the served bytes', async () => {
  const md = join(srv.dir, 'cli.md'), docx = join(srv.dir, 'cli.docx');
  let r = fazhi(['report', '--db', srv.db, '--year', Y, '--format', 'md', '--out', md]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(md, 'utf8'), /签订了76份信用承诺书/);
  const served = await download(viewer, `/api/v1/reports/${Y}/document.md`);
  assert.ok(readFileSync(md).equals(served.buf), 'the CLI writes the frozen bytes the API serves');
  r = fazhi(['report', '--db', srv.db, '--year', Y, '--out', docx]);
  assert.equal(r.status, 0, r.stderr);
  const text = docxText(readFileSync(docx));
  for (const h of HEADINGS) assert.ok(text.includes(h), h);
  r = fazhi(['report', '--db', srv.db, '--year', Y, '--figures']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.figures.find((f) => f.id === 'commitments_signed').value, 76);
});

test('fazhi report exit codes: 2 for usage errors, 1 for a missing report or a PDF without LibreOffice', () => {
  assert.equal(fazhi(['report', '--db', srv.db, '--out', 'x.md']).status, 2);
  assert.equal(fazhi(['report', '--db', srv.db, '--year', Y, '--format', 'odt', '--out', 'x.odt']).status, 2);
  assert.equal(fazhi(['report', '--db', srv.db, '--year', Y]).status, 2);
  assert.equal(fazhi(['report', '--db', srv.db, '--year', '23', '--out', 'x.md']).status, 2);
  const missing = fazhi(['report', '--db', srv.db, '--year', '2019', '--out', join(srv.dir, 'x.md')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no report for 2019/);
  const pdf = fazhi(['report', '--db', srv.db, '--year', Y, '--out', join(srv.dir, 'x.pdf')],
    { env: { PATH: '/nonexistent' } });
  assert.equal(pdf.status, 1);
  assert.match(pdf.stderr, /soffice/);
  assert.equal(fazhi(['report', '--help']).status, 0);
});

test('the database is intact after the report writes', () => {
  checkIntegrity(srv.db);
});
