// counsel.test.mjs - legal counsel through the API: the counsel's data scope (another
// counsel's request is 404, as if it did not exist), due dates in working days across a
// holiday, the per-firm-per-year letter numbering, return for material and
// resubmission, the figures on a known set of requests (a new firm's lawyer), and the
// 2023 of the demo: 152 letters, as the annual report says ("近150余份法律意见书").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

const PW = 'Fazhi@2026x';
let srv, admin, legal, counsel, counsel2, officer, viewer;
let users, newFirm, lawyer3;
const uid = (name) => users.find((u) => u.username === name).id;

before(async () => {
  srv = await startServer();
  [admin, legal, counsel, counsel2, officer, viewer] = await Promise.all(
    ['admin', 'legal', 'counsel', 'counsel2', 'officer1', 'viewer'].map((u) => loggedIn(srv.url, u)));
  users = (await admin.get('/api/v1/users?page_size=200')).body.items;
});
after(async () => {
  if (srv) {
    checkIntegrity(srv.db);
    const report = sanitizerReport(srv.stderr());
    await srv.stop();
    assert.equal(report, '', report);
  }
});

async function request(extra = {}) {
  const r = await legal.post('/api/v1/reviews', { title: '测试合同审查', kind: 'contract', material: '合同文本', counsel_id: uid('counsel'), ...extra });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('the 2023 demo has 152 legal opinion letters ("近150余份"), across kinds and both lawyers', async () => {
  const r = await legal.get('/api/v1/reviews/stats?from=2023-01-01&to=2023-12-31');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.totals.letters, 152);
  const kinds = Object.fromEntries(r.body.by_kind.map((k) => [k.kind, k.letters]));
  assert.equal(kinds.decision, 3);
  for (const k of ['contract', 'normative_document', 'enforcement_document', 'other']) assert.ok(kinds[k] > 0, k);
  assert.equal(r.body.by_counsel.filter((c) => c.letters > 0).length, 2);
  assert.equal(r.body.by_month.length, 12);
  assert.ok(r.body.totals.avg_workdays > 1 && r.body.totals.avg_workdays < 6, JSON.stringify(r.body.totals));
  assert.ok(r.body.totals.max_workdays >= 6);
  assert.ok(r.body.overdue.answered_late > 0);
  const list = await legal.get('/api/v1/reviews?from=2023-01-01&to=2023-12-31&page_size=1');
  assert.equal(list.body.total, 152);
  assert.match(list.body.items[0].letter_no, /^秦天法意〔2023〕第\d{3}号$/);
});

test('a counsel sees only the requests assigned to them: another counsel\'s request -> 404, also for acting on it', async () => {
  const mine = await counsel.get('/api/v1/reviews?page_size=200');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.total > 0);
  assert.ok(mine.body.items.every((x) => x.counsel_id === uid('counsel')));
  const other = (await legal.get(`/api/v1/reviews?counsel_id=${uid('counsel2')}&page_size=1`)).body.items[0];
  expectError(await counsel.get(`/api/v1/reviews/${other.id}`), 404, 'not_found');
  expectError(await counsel.post(`/api/v1/reviews/${other.id}/opinion`, { conclusion: 'lawful', reasoning: 'x' }), 404, 'not_found');
  expectError(await counsel.post(`/api/v1/reviews/${other.id}/return`, { reason: 'x' }), 404, 'not_found');
  expectError(await counsel.get(`/api/v1/reviews/${other.id}/letter.docx`), 404, 'not_found');
  const stats = (await counsel.get('/api/v1/reviews/stats?from=2023-01-01&to=2023-12-31')).body;
  assert.ok(stats.by_counsel.every((c) => c.counsel_id === uid('counsel')));
  expectError(await counsel.post('/api/v1/reviews', { title: 'x', kind: 'other' }), 403, 'forbidden');
});

test('a request is due 5 working days after submission: Fri 2024-09-27 -> 2024-10-10 across National Day', async () => {
  const r = await request({ submitted_on: '2024-09-27' });
  assert.equal(r.due_on, '2024-10-10');
  assert.equal(r.status, 'assigned');
  assert.match(r.no, /^SC2024-\d{4}$/);
});

test('letters are numbered per firm and year: the next 2024 letter of 秦天 is 第152号 after the demo\'s 151, then 第153号', async () => {
  const a = await request({ submitted_on: '2024-12-02' });
  const b = await request({ submitted_on: '2024-12-02' });
  const la = await counsel.post(`/api/v1/reviews/${a.id}/opinion`, { letter_on: '2024-12-05', conclusion: 'lawful', reasoning: '合法。' });
  assert.equal(la.status, 201, la.text);
  assert.equal(la.body.letter.no, '秦天法意〔2024〕第152号');
  assert.equal(la.body.turnaround_workdays, 3);
  const lb = await counsel.post(`/api/v1/reviews/${b.id}/opinion`, { letter_on: '2024-12-06', conclusion: 'lawful_with_changes', reasoning: '修改后合法。' });
  assert.equal(lb.body.letter.no, '秦天法意〔2024〕第153号');
  const again = await counsel.post(`/api/v1/reviews/${a.id}/opinion`, { conclusion: 'lawful', reasoning: 'x' });
  expectError(again, 409, 'already_answered');
  const doc = await fetch(`${srv.url}/api/v1/reviews/${a.id}/letter.docx`, { headers: { cookie: legal.cookie } });
  assert.equal(doc.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-letter-'));
  try {
    writeFileSync(join(dir, 'l.docx'), Buffer.from(await doc.arrayBuffer()));
    const xml = spawnSync('unzip', ['-p', join(dir, 'l.docx'), 'word/document.xml'], { encoding: 'utf8' });
    assert.equal(xml.status, 0, xml.stderr);
    assert.match(xml.stdout, /秦天法意〔2024〕第152号/);
    assert.equal(spawnSync('xmllint', ['--noout', '-'], { input: xml.stdout }).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('return for more material: the counsel returns with a reason, cannot answer meanwhile, the requester resubmits', async () => {
  const r = await request({ title: '需要补充材料的合同' });
  expectError(await counsel.post(`/api/v1/reviews/${r.id}/return`, {}), 422, 'invalid_field', 'reason');
  const back = await counsel.post(`/api/v1/reviews/${r.id}/return`, { reason: '请补充招标文件和中标通知书' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.status, 'returned');
  assert.equal(back.body.return_reason, '请补充招标文件和中标通知书');
  expectError(await counsel.post(`/api/v1/reviews/${r.id}/opinion`, { conclusion: 'lawful', reasoning: 'x' }), 409, 'awaiting_material');
  const again = await legal.post(`/api/v1/reviews/${r.id}/resubmit`, { material: '已补充招标文件', attachments: [{ name: '中标通知书.txt', text: '中标单位……' }] });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.status, 'assigned');
  assert.equal(again.body.returns, 1);
  assert.match(again.body.material, /【补充材料】已补充招标文件/);
  assert.equal(again.body.attachments.length, 1);
  assert.deepEqual(again.body.events.map((e) => e.action), ['submit', 'assign', 'return', 'resubmit']);
  const done = await counsel.post(`/api/v1/reviews/${r.id}/opinion`, { conclusion: 'lawful', reasoning: '合法。' });
  assert.equal(done.status, 201, done.text);
});

test('an officer requests a review of an enforcement document but may not assign a counsel (403)', async () => {
  const r = await officer.post('/api/v1/reviews', { title: '行政处罚决定书', kind: 'enforcement_document', counsel_id: uid('counsel') });
  expectError(r, 403, 'forbidden', 'counsel_id');
  const ok = await officer.post('/api/v1/reviews', { title: '行政处罚决定书', kind: 'enforcement_document' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.status, 'submitted');
  const assigned = await legal.post(`/api/v1/reviews/${ok.body.id}/assign`, { counsel_id: uid('counsel2') });
  assert.equal(assigned.status, 200, assigned.text);
  assert.equal(assigned.body.counsel_name, '郑一鸣');
  const mine = await counsel2.get('/api/v1/reviews?mine=1&status=open&page_size=200');
  assert.ok(mine.body.items.some((x) => x.id === ok.body.id));
});

test('a new firm: its lawyer cannot be assigned before an engagement; its letters start at 第001号 of its own sequence', async () => {
  const f = await legal.post('/api/v1/law-firms', { name: '天津明理律师事务所', letter_prefix: '明理法意', contact: '钱律师' });
  assert.equal(f.status, 201, f.text);
  newFirm = f.body.items.find((x) => x.name === '天津明理律师事务所');
  const u = await admin.post('/api/v1/users', { username: 'lawyer3', display_name: '钱律师', password: PW, roles: ['counsel'] });
  assert.equal(u.status, 201, u.text);
  const notCounsel = await legal.post(`/api/v1/law-firms/${newFirm.id}/lawyers`, { user_id: uid('viewer') });
  expectError(notCounsel, 422, 'invalid_field', 'user_id');
  const link = await legal.post(`/api/v1/law-firms/${newFirm.id}/lawyers`, { user_id: u.body.id, license_no: '11201202010000001' });
  assert.equal(link.status, 200, link.text);
  const early = await legal.post('/api/v1/reviews', { title: 'x', kind: 'other', counsel_id: u.body.id, submitted_on: '2024-12-02' });
  expectError(early, 422, 'invalid_field', 'counsel_id');
  const e = await legal.post('/api/v1/engagements', { firm_id: newFirm.id, start_on: '2024-12-01', end_on: '2026-12-31', scope: '合同审查' });
  assert.equal(e.status, 201, e.text);
  lawyer3 = await loggedIn(srv.url, 'lawyer3', PW);
  const pw = await lawyer3.post('/api/v1/auth/password', { old_password: PW, new_password: `${PW}y` });
  assert.equal(pw.status, 204, pw.text);
  lawyer3 = await loggedIn(srv.url, 'lawyer3', `${PW}y`);
  lawyer3.id = u.body.id;
});

test('the figures on a known set: requests and letters by kind and counsel, average and longest turnaround, overdue', async () => {
  assert.ok(lawyer3, 'needs the new firm of the previous test');
  const q = '/api/v1/reviews/stats?from=2024-12-01&to=2024-12-31';
  const before = (await legal.get(q)).body;
  const mk = async (kind, day) => (await legal.post('/api/v1/reviews', { title: `已知集合 ${kind}`, kind, counsel_id: lawyer3.id, submitted_on: day })).body;
  const a = await mk('contract', '2024-12-02');
  const b = await mk('normative_document', '2024-12-02');
  await mk('other', '2024-12-03');                               // left open: due 12-10, now overdue
  assert.equal((await lawyer3.post(`/api/v1/reviews/${a.id}/opinion`, { letter_on: '2024-12-05', conclusion: 'lawful', reasoning: '合法' })).body.letter.no, '明理法意〔2024〕第001号');
  const late = await lawyer3.post(`/api/v1/reviews/${b.id}/opinion`, { letter_on: '2024-12-11', conclusion: 'unlawful', reasoning: '与上位法抵触' });
  assert.equal(late.body.letter.no, '明理法意〔2024〕第002号');
  assert.equal(late.body.turnaround_workdays, 7);
  assert.equal(late.body.overdue, true);
  const after = (await legal.get(q)).body;
  assert.equal(after.totals.requests - before.totals.requests, 3);
  assert.equal(after.totals.letters - before.totals.letters, 2);
  assert.equal(after.overdue.answered_late - before.overdue.answered_late, 1);
  assert.equal(after.overdue.open_overdue - before.overdue.open_overdue, 1);
  const row = after.by_counsel.find((c) => c.counsel_id === lawyer3.id);
  assert.deepEqual({ requests: row.requests, letters: row.letters, avg: row.avg_workdays, max: row.max_workdays }, { requests: 3, letters: 2, avg: 5, max: 7 });
  const kind = (s, k) => s.by_kind.find((x) => x.kind === k) ?? { requests: 0, letters: 0 };
  assert.equal(kind(after, 'normative_document').letters - kind(before, 'normative_document').letters, 1);
  const concl = (s, c) => s.by_conclusion.find((x) => x.conclusion === c)?.letters ?? 0;
  assert.equal(concl(after, 'unlawful') - concl(before, 'unlawful'), 1);
  expectError(await legal.get('/api/v1/reviews/stats?from=2024-12-31&to=2024-12-01'), 422, 'invalid_field', 'to');
  expectError(await legal.get('/api/v1/reviews/stats?to=2024-12-01'), 422, 'invalid_field', 'from');
});

test('viewers read reviews of their department only; anonymous -> 401', async () => {
  const r = await viewer.get('/api/v1/reviews?page_size=200');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 0, 'the demo viewer (综合办公室) requested nothing');
  expectError(await new Client(srv.url).get('/api/v1/reviews'), 401, 'unauthorized');
});
