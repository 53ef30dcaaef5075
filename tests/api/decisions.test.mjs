// decisions.test.mjs - major administrative decisions (重大行政决策程序暂行条例) through the
// API: each gate refuses without its rule (409 procedure_violation naming the step and
// the article, with allowed_actions), the comment period (Art. 15) and the review time
// across the 2024 National Day (Art. 26), collective decisions in meetings with a quorum
// (Art. 30), major matters only in meetings, a whole decision to a sealed archive that
// `sha256sum -c` verifies offline and that detects a changed file, the minutes as DOCX,
// and the catalogue's visibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, appendFileSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, admin, legal, leader, viewer, counsel, gm;
let depts, users, bodies;
const dept = (code) => depts.find((d) => d.code === code).id;
const uid = (name) => users.find((u) => u.username === name).id;
const body = (code) => bodies.find((b) => b.code === code);
const act = (c, id, b) => c.post(`/api/v1/decisions/${id}/actions`, b);
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

before(async () => {
  srv = await startServer();
  [admin, legal, leader, viewer, counsel, gm] = await Promise.all(
    ['admin', 'legal', 'leader', 'viewer', 'counsel', 'gm'].map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
  users = (await admin.get('/api/v1/users?page_size=200')).body.items;
  bodies = (await leader.get('/api/v1/meeting-bodies')).body.items;
});
after(async () => {
  if (srv) {
    checkIntegrity(srv.db);
    const report = sanitizerReport(srv.stderr());
    await srv.stop();
    assert.equal(report, '', report);
  }
});

async function newDecision(title, extra = {}) {
  const r = await legal.post('/api/v1/decisions', {
    title, category: 'public_policy', lead_dept_id: dept('HMSC-SVC'), initiated_on: '2024-03-01', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'drafting');
  return r.body;
}

async function ok(c, id, b) {
  const r = await act(c, id, b);
  assert.equal(r.status, 200, `${b.action}: ${r.text}`);
  return r.body;
}

const participation = { action: 'participation', state: 'done', method: '网上公开征求意见', comment_start: '2024-03-04', comment_end: '2024-04-03', date: '2024-04-08' };

async function prepared(title, extra) {
  const d = await newDecision(title, extra);
  await ok(legal, d.id, participation);
  await ok(legal, d.id, { action: 'expert', state: 'na', reason: '不属于专业性、技术性较强的事项', date: '2024-04-08' });
  await ok(legal, d.id, { action: 'risk', state: 'na', reason: '经研判无社会稳定风险', date: '2024-04-08' });
  return d;
}

async function reviewed(title, extra) {
  const d = await prepared(title, extra);
  await ok(legal, d.id, { action: 'submit_review', date: '2024-09-02' });
  // 09-03 .. 09-11 are 7 working days
  const r = await ok(legal, d.id, { action: 'review', result: 'lawful', opinion: '合法', date: '2024-09-11' });
  assert.equal(r.status, 'reviewed');
  assert.equal(r.review_workdays, 7);
  return d;
}

// meeting(code, date, items, present): a held meeting of that body with the items
async function meeting(code, date, items, present = null) {
  const b = body(code);
  const c = code === 'gm_office' ? gm : leader;
  const m = await c.post('/api/v1/meetings', { body_id: b.id, title: `测试${b.name}`, held_on: date, items });
  assert.equal(m.status, 201, m.text);
  const members = b.members.map((x) => x.user_id);
  const here = present ?? members;
  const r = await c.post(`/api/v1/meetings/${m.body.id}/attendance`, {
    attendees: members.map((u) => (here.includes(u) ? { user_id: u, present: true } : { user_id: u, present: false, absence_reason: '出差' })),
  });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('the demo: JC2026-001 waits for its legality review and says why it cannot be decided yet', async () => {
  const r = await viewer.get('/api/v1/decisions?year=2026');
  assert.equal(r.status, 200, r.text);
  const d = r.body.items.find((x) => x.no === 'JC2026-001');
  assert.ok(d, r.text);
  assert.equal(d.status, 'under_review');
  const why = d.blocked_actions.find((a) => a.action === 'decide');
  assert.equal(why.reason, '尚未完成合法性审查（《重大行政决策程序暂行条例》第二十五条）');
  const full = (await viewer.get(`/api/v1/decisions/${d.id}`)).body;
  assert.equal(full.procedure.find((s) => s.key === 'review').state, 'in_progress');
  assert.equal(full.procedure.find((s) => s.key === 'participation').state, 'done');
  const all = (await viewer.get('/api/v1/decisions?page_size=50')).body.items;
  assert.ok(all.filter((x) => x.year === 2023 && x.status === 'archived').length >= 4);
  assert.ok(all.some((x) => x.org === 'company' && /道路/.test(x.title) && x.status === 'archived'));
});

test('POST /api/v1/decisions by a viewer -> 403; with an unknown category -> 422 invalid_field category', async () => {
  const r = await viewer.post('/api/v1/decisions', { title: 'x', category: 'plan', lead_dept_id: 1 });
  expectError(r, 403, 'forbidden');
  const bad = await legal.post('/api/v1/decisions', { title: 'x', category: 'nonsense', lead_dept_id: 1 });
  expectError(bad, 422, 'invalid_field', 'category');
});

test('collective discussion before the legality review -> 409 procedure_violation citing Art. 25, also inside a meeting', async () => {
  const d = await prepared('集体讨论先于合法性审查');
  const r = await act(legal, d.id, { action: 'decide', outcome: 'adopted' });
  expectError(r, 409, 'procedure_violation', 'action');
  assert.equal(r.body.error.message, '尚未完成合法性审查（《重大行政决策程序暂行条例》第二十五条）');
  assert.ok(r.body.error.allowed_actions.includes('submit_review'));
  assert.ok(!r.body.error.allowed_actions.includes('decide'));
  const m = await meeting('party_group', '2024-10-10', [{ decision_id: d.id }]);
  const item = m.items[0].id;
  const inMeeting = await leader.post(`/api/v1/meetings/${m.id}/items/${item}/decide`, { outcome: 'adopted' });
  expectError(inMeeting, 409, 'procedure_violation');
  assert.match(inMeeting.body.error.message, /第二十五条/);
  assert.equal((await viewer.get(`/api/v1/decisions/${d.id}`)).body.status, 'drafting');
});

test('submission for legality review before public participation -> 409 citing Art. 14/15', async () => {
  const d = await newDecision('未经公众参与即提请审查');
  const r = await act(legal, d.id, { action: 'submit_review' });
  expectError(r, 409, 'procedure_violation', 'action');
  assert.match(r.body.error.message, /尚未完成公众参与.*第十四条、第十五条/);
  assert.deepEqual(r.body.error.allowed_actions.sort(),
    ['comment', 'expert', 'hearing', 'participation', 'party_report_required', 'risk']);
});

test('a 29-day comment period without a reason -> 409 citing Art. 15 on shortening_reason; with a reason -> 200', async () => {
  const d = await newDecision('征求意见期29日');
  const short = { ...participation, comment_end: '2024-04-02' };
  const r = await act(legal, d.id, short);
  expectError(r, 409, 'procedure_violation', 'shortening_reason');
  assert.match(r.body.error.message, /不足30日.*第十五条/);
  const fine = await ok(legal, d.id, { ...short, shortening_reason: '上位政策调整，须在4月上旬前完成，情况紧急' });
  assert.equal(fine.participation, 'done');
  assert.equal(fine.shortening_reason, '上位政策调整，须在4月上旬前完成，情况紧急');
  const na = await newDecision('依法不公开事项');
  const noReason = await act(legal, na.id, { action: 'participation', state: 'na' });
  expectError(noReason, 422, 'invalid_field', 'reason');
  await ok(legal, na.id, { action: 'participation', state: 'na', reason: '涉及国家秘密，依法不予公开' });
});

test('a legality review 6 working days after submission across the 2024 National Day -> 409 citing Art. 26; the 7th working day (make-up Sat 10-12) -> 200', async () => {
  const d = await prepared('审查时间跨国庆');
  await ok(legal, d.id, { action: 'submit_review', date: '2024-09-27' });
  // working days after Fri 09-27: 09-29 (Sun, 调休), 09-30, 10-08, 10-09, 10-10, 10-11 = 6
  const r = await act(legal, d.id, { action: 'review', result: 'lawful', opinion: '合法', date: '2024-10-11' });
  expectError(r, 409, 'procedure_violation', 'override_reason');
  assert.match(r.body.error.message, /仅 6 个工作日.*第二十六条/);
  const good = await ok(legal, d.id, { action: 'review', result: 'lawful', opinion: '合法', date: '2024-10-12' });
  assert.equal(good.review_workdays, 7);
  assert.equal(good.status, 'reviewed');
  const urgent = await prepared('紧急缩短审查时间');
  await ok(legal, urgent.id, { action: 'submit_review', date: '2024-09-27' });
  const o = await ok(legal, urgent.id, { action: 'review', result: 'lawful', opinion: '合法', date: '2024-10-08', override_reason: '防汛应急需要，经主要负责人批准' });
  assert.equal(o.review_workdays, 3);
  assert.equal(o.review_override_reason, '防汛应急需要，经主要负责人批准');
});

test('an unlawful review sends the draft back; it may not be discussed until reviewed again', async () => {
  const d = await prepared('审查不合法');
  await ok(legal, d.id, { action: 'submit_review', date: '2024-09-02' });
  const back = await ok(legal, d.id, { action: 'review', result: 'unlawful', opinion: '越权', date: '2024-09-11' });
  assert.equal(back.status, 'drafting');
  const r = await act(leader, d.id, { action: 'decide' });
  expectError(r, 409, 'procedure_violation');
  assert.match(r.body.error.message, /不合法，不得提交集体讨论/);
  const exploratory = await prepared('探索性改革');
  await ok(legal, exploratory.id, { action: 'submit_review', date: '2024-09-02' });
  const noRisk = await act(legal, exploratory.id, { action: 'review', result: 'exploratory_with_risk_statement', opinion: '无明确规定', date: '2024-09-11' });
  expectError(noRisk, 422, 'invalid_field', 'risk_statement');
});

test('publication before the collective decision -> 409 citing Art. 30 and 32', async () => {
  const d = await reviewed('未决先公布');
  const r = await act(leader, d.id, { action: 'publish', channel: '门户网站' });
  expectError(r, 409, 'procedure_violation', 'action');
  assert.equal(r.body.error.message, '尚未经集体讨论决定（《重大行政决策程序暂行条例》第三十条），不得公布（第三十二条）');
  assert.ok(r.body.error.allowed_actions.includes('decide'));
});

test('the decide action outside a meeting -> 409 citing Art. 30; a legal officer may not decide at all (403)', async () => {
  const d = await reviewed('会外决定');
  const r = await act(leader, d.id, { action: 'decide', outcome: 'adopted' });
  expectError(r, 409, 'procedure_violation', 'meeting_item_id');
  assert.match(r.body.error.message, /应当经集体讨论决定（《重大行政决策程序暂行条例》第三十条）/);
  const m = await meeting('director_office', '2024-10-10', [{ decision_id: d.id }]);
  const byLegal = await act(legal, d.id, { action: 'decide', outcome: 'adopted', meeting_item_id: m.items[0].id });
  expectError(byLegal, 403, 'forbidden');
});

test('a company decision cannot be decided by the center\'s bodies', async () => {
  const d = await reviewed('公司决策', { org: 'company', lead_dept_id: dept('HMDC') });
  const b = body('party_group');
  const r = await leader.post('/api/v1/meetings', { body_id: b.id, title: '错误机构', held_on: '2024-10-10', items: [{ decision_id: d.id }] });
  expectError(r, 422, 'invalid_field', 'decision_id');
});

test('a meeting without a quorum (2 of 4 party group members) cannot decide -> 409', async () => {
  const d = await reviewed('法定人数不足');
  const members = body('party_group').members.map((x) => x.user_id);
  const m = await meeting('party_group', '2024-10-10', [{ decision_id: d.id }], members.slice(0, 2));
  assert.equal(m.quorum_held, false);
  assert.equal(m.members_present, 2);
  const r = await leader.post(`/api/v1/meetings/${m.id}/items/${m.items[0].id}/decide`, { outcome: 'adopted' });
  expectError(r, 409, 'procedure_violation');
  assert.match(r.body.error.message, /未达到法定人数（应到成员 4 人，实到 2 人/);
});

test('a major matter decided outside a meeting -> 409 citing the rule; under its threshold it is decided directly; in a meeting it is decided', async () => {
  const big = await leader.post('/api/v1/matters', { title: '采购执法车辆', kind: 'large_expense', amount: 600000 });
  assert.equal(big.status, 201, big.text);
  assert.equal(big.body.major, true);
  const r = await leader.post(`/api/v1/matters/${big.body.id}/decide`, { outcome: 'adopted' });
  expectError(r, 409, 'procedure_violation', 'meeting_item_id');
  assert.match(r.body.error.message, /重大事项须经集体讨论决定.*三重一大/);
  const small = await leader.post('/api/v1/matters', { title: '购置打印机', kind: 'large_expense', amount: 8000 });
  assert.equal(small.body.major, false);
  const direct = await leader.post(`/api/v1/matters/${small.body.id}/decide`, { outcome: 'adopted' });
  assert.equal(direct.status, 200, direct.text);
  assert.equal(direct.body.status, 'decided');
  const m = await meeting('director_office', '2024-11-05', [{ matter_id: big.body.id }]);
  const inMeeting = await leader.post(`/api/v1/matters/${big.body.id}/decide`, { outcome: 'adopted', meeting_item_id: m.items[0].id });
  assert.equal(inMeeting.status, 200, inMeeting.text);
  assert.equal(inMeeting.body.status, 'decided');
  assert.equal(inMeeting.body.meeting_no, m.no);
});

test('deciding against the majority of stated opinions without the chair\'s explanation -> 409 citing Art. 30', async () => {
  const x = await leader.post('/api/v1/matters', { title: '人事任免测试', kind: 'personnel' });
  const m = await meeting('director_office', '2024-11-06', [{ matter_id: x.body.id }]);
  const [a, b, c] = body('director_office').members.map((u) => u.user_id);
  const item = m.items[0].id;
  const o = await leader.post(`/api/v1/meetings/${m.id}/items/${item}/opinions`, {
    opinions: [{ user_id: a, opinion: 'agree' }, { user_id: b, opinion: 'disagree', statement: '人选资历不足' }, { user_id: c, opinion: 'disagree' }],
  });
  assert.equal(o.status, 200, o.text);
  const r = await leader.post(`/api/v1/meetings/${m.id}/items/${item}/decide`, { outcome: 'adopted' });
  expectError(r, 409, 'procedure_violation', 'against_majority_reason');
  assert.match(r.body.error.message, /第三十条/);
  const fine = await leader.post(`/api/v1/meetings/${m.id}/items/${item}/decide`, { outcome: 'adopted', against_majority_reason: '工作急需，试用期一年' });
  assert.equal(fine.status, 200, fine.text);
  const it = fine.body.items[0];
  assert.match(it.dissent, /人选资历不足/);
  assert.equal(it.against_majority_reason, '工作急需，试用期一年');
});

test('a decision from initiation to archive: archive.zip verifies with sha256sum -c and detects a changed file; the audit log holds every hash', async () => {
  const d = await newDecision('全流程归档测试', { initiated_on: '2024-06-03' });
  const pdf = Buffer.from('%PDF-1.4 送审稿\n');
  await ok(legal, d.id, { action: 'participation', state: 'done', method: '网上公开征求意见、座谈会', comment_start: '2024-06-05', comment_end: '2024-07-05', date: '2024-07-08', documents: [{ name: '征求意见稿.txt', text: '草案全文……' }] });
  await ok(legal, d.id, { action: 'expert', state: 'done', experts: '专家甲、专家乙', date: '2024-07-10', documents: [{ name: '专家论证意见.txt', text: '可行' }] });
  await ok(legal, d.id, { action: 'risk', state: 'done', level: 'low', summary: '风险低', date: '2024-07-10' });
  const sub = await ok(legal, d.id, { action: 'submit_review', date: '2024-09-02', counsel_id: uid('counsel'), material: '草案及说明', documents: [{ name: '送审稿.pdf', content_base64: pdf.toString('base64'), mime: 'application/pdf' }] });
  const reqNo = sub.steps.at(-1).data.review_request_no;
  assert.match(reqNo, /^SC2024-\d{4}$/);
  const req = (await legal.get(`/api/v1/reviews?decision_id=${d.id}`)).body.items[0];
  const letter = await counsel.post(`/api/v1/reviews/${req.id}/opinion`, { letter_on: '2024-09-11', conclusion: 'lawful_with_changes', reasoning: '修改第三条后合法。' });
  assert.equal(letter.status, 201, letter.text);
  const rv = await ok(legal, d.id, { action: 'review', review_id: req.id });
  assert.equal(rv.review_result, 'lawful');
  assert.equal(rv.reviewed_on, '2024-09-11');
  const m = await meeting('party_group', '2024-09-20', [{ decision_id: d.id }]);
  const members = body('party_group').members.map((x) => x.user_id);
  await leader.post(`/api/v1/meetings/${m.id}/items/${m.items[0].id}/opinions`, {
    opinions: members.map((u, i) => ({ user_id: u, opinion: i === 3 ? 'disagree' : 'agree', statement: i === 3 ? '建议再论证' : '同意' })),
  });
  const decided = await ok(leader, d.id, { action: 'decide', outcome: 'adopted', meeting_item_id: m.items[0].id, resolution: '通过' });
  assert.equal(decided.status, 'decided');
  assert.equal(decided.meeting.meeting_no, m.no);
  await ok(leader, d.id, { action: 'publish', channel: '华明高新区门户网站', date: '2024-09-27' });
  const up = await legal.post(`/api/v1/decisions/${d.id}/documents`, { step: 'publish', name: '公布文本.txt', text: '全文' });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.body.sha256, sha256('全文'));
  await ok(legal, d.id, { action: 'implement', unit: '企业服务部', report: '已实施' });
  const done = await ok(legal, d.id, { action: 'archive' });
  assert.equal(done.status, 'archived');
  assert.equal(done.documents.length, 4);

  const audit = await admin.get(`/api/v1/audit?action=decision.archive&entity_id=${d.id}&entity_type=decision`);
  assert.equal(audit.status, 200, audit.text);
  const detail = audit.body.items[0].detail;
  assert.equal(detail.manifest_sha256, done.archive_sha256);
  assert.deepEqual(detail.documents.map((x) => x.sha256).sort(), done.documents.map((x) => x.sha256).sort());
  assert.ok(detail.documents.some((x) => x.sha256 === sha256(pdf)));

  const r = await fetch(`${srv.url}/api/v1/decisions/${d.id}/archive.zip`, { headers: { cookie: viewer.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/zip');
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-archive-'));
  try {
    writeFileSync(join(dir, 'a.zip'), Buffer.from(await r.arrayBuffer()));
    const unz = spawnSync('unzip', ['-q', 'a.zip', '-d', 'x'], { cwd: dir, encoding: 'utf8' });
    assert.equal(unz.status, 0, unz.stderr);
    const x = join(dir, 'x');
    const check = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: x, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(check.stdout.trim().split('\n').length, 6, check.stdout);   // 4 documents + manifest + README
    assert.equal(sha256(readFileSync(join(x, 'manifest.json'))), done.archive_sha256);
    const manifest = JSON.parse(readFileSync(join(x, 'manifest.json'), 'utf8'));
    assert.equal(manifest.decision.no, d.no);
    assert.ok(manifest.steps.some((s) => s.action === 'decide' && s.by === 'leader'));
    assert.match(readFileSync(join(x, 'README.txt'), 'utf8'), /sha256sum -c manifest\.sha256/);
    const pdfPath = manifest.documents.find((x2) => x2.name === '送审稿.pdf').path;
    assert.deepEqual(readFileSync(join(x, pdfPath)), pdf);
    const victim = readdirSync(join(x, 'documents'))[0];
    appendFileSync(join(x, 'documents', victim), '改动');
    const bad = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: x, encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, new RegExp(`documents/${victim}: FAILED`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const sealed = await act(legal, d.id, { action: 'comment', comment: '补充' });
  expectError(sealed, 409, 'procedure_violation');
  assert.match(sealed.body.error.message, /已归档封存.*第三十三条/);
  const late = await legal.post(`/api/v1/decisions/${d.id}/documents`, { step: 'other', name: 'x.txt', text: 'x' });
  expectError(late, 409, 'procedure_violation');
});

test('GET archive.zip of a decision not yet archived -> 409 not_archived', async () => {
  const d = await newDecision('未归档');
  const r = await viewer.get(`/api/v1/decisions/${d.id}/archive.zip`);
  expectError(r, 409, 'not_archived');
});

test('the minutes export as a DOCX whose document.xml is well-formed (and converts with LibreOffice when installed)', async () => {
  const list = (await viewer.get('/api/v1/meetings?year=2023&page_size=50')).body.items;
  const board = list.find((x) => x.body_code === 'board');
  assert.ok(board, 'the 2023 board meeting of the demo');
  const r = await fetch(`${srv.url}/api/v1/meetings/${board.id}/minutes.docx`, { headers: { cookie: viewer.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /wordprocessingml/);
  assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-docx-'));
  try {
    const file = join(dir, 'minutes.docx');
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const xml = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    assert.equal(xml.status, 0, xml.stderr);
    assert.match(xml.stdout, /董事会会议纪要/);
    assert.match(xml.stdout, /赵敏：不同意/);        // the recorded dissent
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: xml.stdout, encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
    const office = ['soffice', 'libreoffice'].find((b) => spawnSync('which', [b]).status === 0);
    if (office) {
      const conv = spawnSync(office, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 120000 });
      assert.equal(conv.status, 0, conv.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the catalogue: readers see published years only, the public sees a published year, publication needs party approval (Art. 3)', async () => {
  const v = (await viewer.get('/api/v1/decision-catalogues')).body.items.map((c) => c.year);
  assert.ok(v.includes(2023) && v.includes(2026));
  assert.ok(!v.includes(2027), 'the 2027 draft is hidden from readers');
  const all = (await legal.get('/api/v1/decision-catalogues')).body.items;
  const draft = all.find((c) => c.year === 2027);
  assert.equal(draft.status, 'draft');
  const pub = await new Client(srv.url).get('/api/v1/public/decision-catalogues/2023');
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.body.items.length, 3);
  assert.ok(pub.body.items.every((i) => i.decision_no));
  expectError(await new Client(srv.url).get('/api/v1/public/decision-catalogues/2027'), 404, 'not_found');
  const early = await leader.post(`/api/v1/decision-catalogues/${draft.id}/actions`, { action: 'publish' });
  expectError(early, 409, 'procedure_violation', 'action');
  assert.match(early.body.error.message, /第三条第三款/);
});

test('a viewer can read decisions and meetings but not act (403)', async () => {
  const d = (await viewer.get('/api/v1/decisions?status=drafting')).body.items[0];
  const r = await act(viewer, d.id, { action: 'comment', comment: 'x' });
  expectError(r, 403, 'forbidden');
  expectError(await viewer.post('/api/v1/meetings', { body_id: 1, title: 'x', held_on: '2024-01-01' }), 403, 'forbidden');
});
