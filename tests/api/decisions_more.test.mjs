// decisions_more.test.mjs - what migration 014 added to the 重大行政决策程序暂行条例 through
// the API: hearings (Art. 16-17: materials at least 7 days before, the notice in advance,
// signed minutes), the report to the Party committee before issuing (Art. 31), adjustment
// / suspension / resumption / termination in implementation (Art. 37), documents in the
// content-addressed file store (a 2.5 MiB upload, byte-identical download, an archive
// that verifies offline and a changed file detected; old in-database documents still
// readable), and the list filters the leaders' dashboard links carry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startServer, loggedIn, fazhi, filesDir, PG } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport, sqlite } from './helpers.mjs';

let srv, admin, legal, leader, counsel;
let depts, bodies;
const dept = (code) => depts.find((d) => d.code === code).id;
const body = (code) => bodies.find((b) => b.code === code);
const act = (c, id, b) => c.post(`/api/v1/decisions/${id}/actions`, b);
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

before(async () => {
  srv = await startServer();
  [admin, legal, leader, counsel] = await Promise.all(
    ['admin', 'legal', 'leader', 'counsel'].map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
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

async function ok(c, id, b) {
  const r = await act(c, id, b);
  assert.equal(r.status, 200, `${b.action}: ${r.text}`);
  return r.body;
}

async function newDecision(title, extra = {}) {
  const r = await legal.post('/api/v1/decisions', {
    title, category: 'public_policy', lead_dept_id: dept('HMSC-SVC'), initiated_on: '2024-03-01', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// meeting(items): a held 党组会 with every member present
async function meeting(date, items) {
  const b = body('party_group');
  const m = await leader.post('/api/v1/meetings', { body_id: b.id, title: '测试党组会', held_on: date, items });
  assert.equal(m.status, 201, m.text);
  const r = await leader.post(`/api/v1/meetings/${m.body.id}/attendance`, {
    attendees: b.members.map((x) => ({ user_id: x.user_id, present: true })),
  });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

// decided(title): a decision through review and a 党组会 decision (adopted)
async function decided(title, extra) {
  const d = await newDecision(title, extra);
  await ok(legal, d.id, { action: 'participation', state: 'done', method: '网上公开征求意见', comment_start: '2024-03-04', comment_end: '2024-04-03', date: '2024-04-08' });
  await ok(legal, d.id, { action: 'expert', state: 'na', reason: '不属于专业性事项', date: '2024-04-08' });
  await ok(legal, d.id, { action: 'risk', state: 'na', reason: '无社会稳定风险', date: '2024-04-08' });
  await ok(legal, d.id, { action: 'submit_review', date: '2024-09-02' });
  await ok(legal, d.id, { action: 'review', result: 'lawful', opinion: '合法', date: '2024-09-11' });
  const m = await meeting('2024-09-20', [{ decision_id: d.id }]);
  const r = await ok(leader, d.id, { action: 'decide', outcome: 'adopted', meeting_item_id: m.items[0].id, resolution: '通过' });
  assert.equal(r.status, 'decided');
  return r;
}

// adopted item: a held meeting that adopts an item not tied to a decision (for Art. 37)
async function adoptedItem(date, title) {
  const m = await meeting(date, [{ title }]);
  const r = await leader.post(`/api/v1/meetings/${m.id}/items/${m.items[0].id}/decide`, { outcome: 'adopted', resolution: '同意' });
  assert.equal(r.status, 200, r.text);
  return m.items[0].id;
}

const hearing = (extra = {}) => ({
  action: 'hearing', held_on: '2024-04-20', place: '服务中心三楼会议室', presider: '李明华',
  notice_on: '2024-04-05', selection_method: '公开报名、随机抽取，保证利益相关各方均有代表',
  materials_sent_on: '2024-04-13',
  participants: [{ name: '张某', represents: '园区企业', chosen_by: '报名抽取' }, { name: '王某', represents: '周边居民', chosen_by: '报名抽取' }],
  minutes: '听证笔录：……', minutes_signed: true, adoption: '采纳两条意见', ...extra,
});

test('a hearing whose materials reached the participants 6 days before -> 409 procedure_violation citing Art. 17; 7 days before -> recorded with its participants', async () => {
  const d = await newDecision('听证测试');
  const late = await act(legal, d.id, hearing({ materials_sent_on: '2024-04-14' }));
  expectError(late, 409, 'procedure_violation', 'materials_sent_on');
  assert.match(late.body.error.message, /7日前.*第十七条/);
  const noPresider = await act(legal, d.id, hearing({ presider: '' }));
  expectError(noPresider, 422, 'invalid_field', 'presider');
  const noPeople = await act(legal, d.id, hearing({ participants: [] }));
  expectError(noPeople, 422, 'invalid_field', 'participants');
  const noNotice = await act(legal, d.id, hearing({ notice_on: '2024-04-20' }));
  expectError(noNotice, 409, 'procedure_violation', 'notice_on');
  const unsigned = await act(legal, d.id, hearing({ minutes_signed: false }));
  expectError(unsigned, 409, 'procedure_violation', 'minutes_signed');
  assert.equal((await legal.get(`/api/v1/decisions/${d.id}`)).body.hearings.length, 0);

  const r = await ok(legal, d.id, hearing());
  assert.equal(r.hearings.length, 1);
  const h = r.hearings[0];
  assert.equal(h.notice_days, 7);
  assert.equal(h.presider, '李明华');
  assert.deepEqual(h.participants.map((p) => p.name), ['张某', '王某']);
  assert.equal(h.participants[1].represents, '周边居民');
  const step = r.procedure.find((s) => s.key === 'hearing');
  assert.equal(step.state, 'done');
  assert.equal(step.on_date, '2024-04-20');
  assert.equal(r.steps.at(-1).action, 'hearing');
  assert.equal(r.steps.at(-1).data.materials_sent_on, '2024-04-13');
});

test('a hearing after submission for legality review -> 409 citing Art. 26, and the procedure says why the hearing step is blocked', async () => {
  const d = await newDecision('提请审查后听证');
  await ok(legal, d.id, { action: 'participation', state: 'na', reason: '依法不予公开' });
  await ok(legal, d.id, { action: 'expert', state: 'na', reason: '不适用' });
  await ok(legal, d.id, { action: 'risk', state: 'na', reason: '不适用' });
  const sub = await ok(legal, d.id, { action: 'submit_review' });
  assert.match(sub.procedure.find((s) => s.key === 'hearing').blocked, /第二十六条/);
  const r = await act(legal, d.id, hearing({ held_on: undefined, notice_on: '2024-03-05', materials_sent_on: '2024-03-06' }));
  expectError(r, 409, 'procedure_violation');
  assert.match(r.body.error.message, /第二十六条/);
});

test('publication of a decision that must be reported to the Party committee, without the report -> 409 citing Art. 31; after the committee agreed -> published', async () => {
  const d = await decided('党委请示报告测试', { party_report_required: true });
  assert.equal(d.party_report_required, 1);
  const step = d.procedure.find((s) => s.key === 'party_report');
  assert.equal(step.state, 'pending');
  assert.equal(step.optional, false);
  const early = await act(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-25' });
  expectError(early, 409, 'procedure_violation');
  assert.match(early.body.error.message, /同级党委请示报告.*第三十一条/);
  assert.ok(!early.body.error.allowed_actions.includes('publish'));
  const noOutcome = await act(legal, d.id, { action: 'party_report', committee: '中共华明高新区工作委员会', date: '2024-09-23' });
  expectError(noOutcome, 422, 'invalid_field', 'outcome');
  const no = await ok(legal, d.id, { action: 'party_report', committee: '中共华明高新区工作委员会', outcome: 'disagreed', opinion: '暂缓出台', date: '2024-09-23' });
  assert.equal(no.procedure.find((s) => s.key === 'party_report').state, 'failed');
  const refused = await act(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-25' });
  expectError(refused, 409, 'procedure_violation');
  assert.match(refused.body.error.message, /党委未同意.*第三十一条/);
  await ok(legal, d.id, { action: 'party_report', committee: '中共华明高新区工作委员会', outcome: 'agreed', date: '2024-09-24' });
  const pub = await ok(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-25' });
  assert.equal(pub.status, 'published');
  assert.equal(pub.party_reported_on, '2024-09-24');
  assert.equal(pub.impl_state, 'in_force');
});

test('the Party report before the collective decision -> 409 citing Art. 30; marking a decided decision as needing it blocks publication', async () => {
  const d0 = await newDecision('尚未决定');
  const r0 = await act(legal, d0.id, { action: 'party_report', committee: '党工委', outcome: 'agreed' });
  expectError(r0, 409, 'procedure_violation');
  assert.match(r0.body.error.message, /第三十条/);
  const d = await decided('事后标记须请示报告');
  assert.equal(d.procedure.find((s) => s.key === 'party_report').state, 'na');
  const bad = await act(legal, d.id, { action: 'party_report_required', required: 'yes' });
  expectError(bad, 422, 'invalid_field', 'required');
  await ok(legal, d.id, { action: 'party_report_required', required: true, reason: '涉及重大公共利益，按规定须请示' });
  const r = await act(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-25' });
  expectError(r, 409, 'procedure_violation');
  assert.match(r.body.error.message, /第三十一条/);
});

test('Art. 37: suspension, resumption, adjustment and termination move only along the allowed transitions (409 otherwise) and are kept in the history', async () => {
  const d = await decided('调整中止测试');
  const before = await act(leader, d.id, { action: 'adjust', kind: 'suspend', proposer: '企业服务部', reasons: '情况变化', emergency: true, head: '王建国' });
  expectError(before, 409, 'procedure_violation');
  assert.match(before.body.error.message, /第三十七条/);
  await ok(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-27' });

  const noMeeting = await act(leader, d.id, { action: 'adjust', kind: 'adjust', proposer: '企业服务部', reasons: '执行中发现问题', content: '修改第三条' });
  expectError(noMeeting, 409, 'procedure_violation', 'meeting_item_id');
  assert.match(noMeeting.body.error.message, /未经法定程序不得随意变更或者停止执行/);
  const byLegal = await act(legal, d.id, { action: 'adjust', kind: 'suspend', proposer: '法务部', reasons: '紧急', emergency: true, head: '王建国' });
  assert.equal(byLegal.status, 403);
  const badKind = await act(leader, d.id, { action: 'adjust', kind: 'pause', proposer: 'x', reasons: 'y' });
  expectError(badKind, 422, 'invalid_field', 'kind');
  const resumeFirst = await act(leader, d.id, { action: 'adjust', kind: 'resume', proposer: 'x', reasons: 'y', emergency: false });
  expectError(resumeFirst, 409, 'procedure_violation', 'kind');

  const s = await ok(leader, d.id, { action: 'adjust', kind: 'suspend', proposer: '企业服务部', reasons: '发生不可抗力，情况紧急', emergency: true, head: '王建国', date: '2024-10-08' });
  assert.equal(s.impl_state, 'suspended');
  assert.equal(s.impl_state_name, '已中止执行');
  const impl = await act(legal, d.id, { action: 'implement', unit: '企业服务部', report: '执行' });
  expectError(impl, 409, 'procedure_violation');
  assert.match(impl.body.error.message, /中止执行.*第三十七条/);
  const again = await act(leader, d.id, { action: 'adjust', kind: 'suspend', proposer: 'x', reasons: 'y', emergency: true, head: '王建国' });
  expectError(again, 409, 'procedure_violation', 'kind');
  const emergencyEnd = await act(leader, d.id, { action: 'adjust', kind: 'terminate', proposer: 'x', reasons: 'y', emergency: true, head: '王建国' });
  expectError(emergencyEnd, 409, 'procedure_violation', 'emergency');

  const item1 = await adoptedItem('2024-10-15', '关于恢复执行的议题');
  const res = await ok(leader, d.id, { action: 'adjust', kind: 'resume', proposer: '企业服务部', reasons: '情况已消除', meeting_item_id: item1, date: '2024-10-15' });
  assert.equal(res.impl_state, 'resumed');
  const item2 = await adoptedItem('2024-11-05', '关于调整决策的议题');
  const major = await act(leader, d.id, { action: 'adjust', kind: 'adjust', proposer: '企业服务部', reasons: '评估建议', content: '扩大扶持范围', major: true, meeting_item_id: item2, date: '2024-11-05' });
  expectError(major, 409, 'procedure_violation', 'procedures');
  const adj = await ok(leader, d.id, { action: 'adjust', kind: 'adjust', proposer: '企业服务部', reasons: '评估建议', content: '扩大扶持范围', major: true, procedures: '重新公开征求意见并经合法性审查', meeting_item_id: item2, date: '2024-11-05' });
  assert.equal(adj.impl_state, 'adjusted');
  const item3 = await adoptedItem('2024-12-02', '关于停止执行的议题');
  const end = await ok(leader, d.id, { action: 'adjust', kind: 'terminate', proposer: '企业服务部', reasons: '政策到期', meeting_item_id: item3, date: '2024-12-02' });
  assert.equal(end.impl_state, 'terminated');
  const after = await act(leader, d.id, { action: 'adjust', kind: 'resume', proposer: 'x', reasons: 'y', meeting_item_id: item3 });
  expectError(after, 409, 'procedure_violation');
  assert.match(after.body.error.message, /已停止执行/);

  assert.deepEqual(end.adjustments.map((a) => [a.kind, a.from_state, a.to_state]), [
    ['suspend', 'in_force', 'suspended'], ['resume', 'suspended', 'resumed'],
    ['adjust', 'resumed', 'adjusted'], ['terminate', 'adjusted', 'terminated']]);
  assert.equal(end.adjustments[0].head, '王建国');
  assert.equal(end.adjustments[1].item_title, '关于恢复执行的议题');
  assert.equal(end.procedure.find((x) => x.key === 'adjust').state, 'done');
});

test('an adjustment cannot cite the meeting item that decided the decision itself, nor an item not adopted', async () => {
  const d = await decided('议题校验');
  await ok(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-27' });
  const own = await act(leader, d.id, { action: 'adjust', kind: 'terminate', proposer: 'x', reasons: 'y', meeting_item_id: d.meeting_item_id });
  expectError(own, 409, 'procedure_violation', 'meeting_item_id');
  const m = await meeting('2024-10-10', [{ title: '未决议题' }]);
  const open = await act(leader, d.id, { action: 'adjust', kind: 'terminate', proposer: 'x', reasons: 'y', meeting_item_id: m.items[0].id });
  expectError(open, 409, 'procedure_violation', 'meeting_item_id');
  assert.match(open.body.error.message, /第三十七条/);
});

async function upload(c, id, step, name, content, type = 'application/pdf') {
  const form = new FormData();
  form.append('step', step);
  form.append('file', new Blob([content], { type }), name);
  const r = await fetch(`${srv.url}/api/v1/decisions/${id}/files`, { method: 'POST', body: form, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
  return { status: r.status, body: await r.json() };
}

test('a 2.5 MiB document uploads into the file store, downloads byte-identical, its hash is in the audit log, and the archive verifies offline and detects a changed file', async () => {
  const d = await decided('大文件归档测试');
  const big = Buffer.alloc(2.5 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
  const up = await upload(legal, d.id, 'decide', '会议材料汇编.pdf', big);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.store, 'files');
  assert.equal(up.body.size, big.length);
  assert.equal(up.body.sha256, sha256(big));
  assert.equal(up.body.sm3, createHash('sm3').update(big).digest('hex'));
  const stored = join(filesDir(srv.db), 'sha256', up.body.sha256.slice(0, 2), up.body.sha256);
  assert.ok(readFileSync(stored).equals(big));
  assert.equal(sqlite(srv.db, `SELECT length(content) FROM decision_documents WHERE id = ${up.body.id};`).stdout.trim(), '0');
  const dl = await fetch(`${srv.url}/api/v1/decisions/${d.id}/documents/${up.body.id}`, { headers: { cookie: legal.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('x-content-sha256'), sha256(big));
  assert.ok(Buffer.from(await dl.arrayBuffer()).equals(big));
  const audit = (await admin.get(`/api/v1/audit?action=decision.attach&entity_id=${d.id}&entity_type=decision`)).body.items;
  assert.ok(audit.some((e) => e.detail.sha256 === sha256(big) && e.detail.sm3 === up.body.sm3), JSON.stringify(audit));

  const noStep = new FormData();
  noStep.append('file', new Blob([Buffer.from('x')]), 'x.txt');
  const r422 = await fetch(`${srv.url}/api/v1/decisions/${d.id}/files`, { method: 'POST', body: noStep, headers: { cookie: legal.cookie, 'x-csrf-token': legal.csrf } });
  assert.equal(r422.status, 422);
  assert.equal((await r422.json()).error.field, 'step');

  // JSON documents go to the store too
  const txt = await legal.post(`/api/v1/decisions/${d.id}/documents`, { step: 'decide', name: '决议.txt', text: '决议全文' });
  assert.equal(txt.status, 201, txt.text);
  assert.equal(sqlite(srv.db, `SELECT store FROM decision_documents WHERE id = ${txt.body.id};`).stdout.trim(), 'files');

  await ok(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-27' });
  const done = await ok(legal, d.id, { action: 'archive' });
  const sealedAudit = (await admin.get(`/api/v1/audit?action=decision.archive&entity_id=${d.id}&entity_type=decision`)).body.items[0].detail;
  assert.ok(sealedAudit.documents.some((x) => x.sha256 === sha256(big)));

  const dir = mkdtempSync(join(tmpdir(), 'fazhi-archive-big-'));
  try {
    const r = await fetch(`${srv.url}/api/v1/decisions/${d.id}/archive.zip`, { headers: { cookie: legal.cookie } });
    assert.equal(r.status, 200);
    writeFileSync(join(dir, 'a.zip'), Buffer.from(await r.arrayBuffer()));
    assert.equal(spawnSync('unzip', ['-q', 'a.zip', '-d', 'x'], { cwd: dir }).status, 0);
    const check = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: join(dir, 'x'), encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const manifest = JSON.parse(readFileSync(join(dir, 'x', 'manifest.json'), 'utf8'));
    assert.equal(sha256(readFileSync(join(dir, 'x', 'manifest.json'))), done.archive_sha256);
    const path = manifest.documents.find((x) => x.sha256 === sha256(big)).path;
    assert.ok(readFileSync(join(dir, 'x', path)).equals(big));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // a changed file in the store: the server refuses to hand out the package
  chmodSync(stored, 0o644);
  const changed = Buffer.from(big);
  changed[1000] ^= 0xff;
  writeFileSync(stored, changed);
  const bad = await legal.get(`/api/v1/decisions/${d.id}/archive.zip`);
  expectError(bad, 409, 'integrity_failure');
  assert.match(bad.body.error.message, /会议材料汇编\.pdf/);
  writeFileSync(stored, big);
  assert.equal((await fetch(`${srv.url}/api/v1/decisions/${d.id}/archive.zip`, { headers: { cookie: legal.cookie } })).status, 200);
});

// `fazhi audit verify` checks the evidence files (cases_verify_files) and the decision
// documents and review attachments in the store (dec_verify_files).
test('fazhi audit verify names a changed decision document of the file store', async () => {
  const d = await newDecision('审计核验材料');
  const content = Buffer.from('待核验的材料'.repeat(1000));
  const up = await upload(legal, d.id, 'initiate', '核验.txt', content, 'text/plain');
  assert.equal(up.status, 201);
  const stored = join(filesDir(srv.db), 'sha256', up.body.sha256.slice(0, 2), up.body.sha256);
  chmodSync(stored, 0o644);
  writeFileSync(stored, Buffer.concat([content, Buffer.from('x')]));
  const v = fazhi(['audit', 'verify', '--db', srv.db]);
  writeFileSync(stored, content);
  assert.notEqual(v.status, 0, v.stdout);
  assert.match(v.stdout, /decision_documents|决策/);
});

// blobSql: a blob literal for the sqlite3 CLI, or for psql in the PostgreSQL run
const blobSql = (b) => (PG ? `decode('${b.toString('hex')}', 'hex')` : `X'${b.toString('hex')}'`);

test('a document stored in the database before 014 (store db) still downloads and still seals into the archive', async () => {
  const d = await decided('旧材料兼容');
  const old = Buffer.from('014 之前保存在数据库中的材料');
  sqlite(srv.db, `INSERT INTO decision_documents(decision_id, step, name, mime, size, sha256, content, uploader, uploaded_at)
    VALUES (${d.id}, 'decide', '旧材料.txt', 'text/plain; charset=utf-8', ${old.length}, '${sha256(old)}', ${blobSql(old)}, '系统', '2024-09-20T10:00:00+08:00');`);
  const det = (await legal.get(`/api/v1/decisions/${d.id}`)).body;
  const doc = det.documents.find((x) => x.name === '旧材料.txt');
  assert.equal(doc.store, 'db');
  const dl = await fetch(`${srv.url}/api/v1/decisions/${d.id}/documents/${doc.id}`, { headers: { cookie: legal.cookie } });
  assert.ok(Buffer.from(await dl.arrayBuffer()).equals(old));
  await ok(leader, d.id, { action: 'publish', channel: '门户网站', date: '2024-09-27' });
  await ok(legal, d.id, { action: 'archive' });
  const zip = await fetch(`${srv.url}/api/v1/decisions/${d.id}/archive.zip`, { headers: { cookie: legal.cookie } });
  assert.equal(zip.status, 200);
  sqlite(srv.db, `UPDATE decision_documents SET content = ${blobSql(Buffer.from('改动'))} WHERE id = ${doc.id};`);
  expectError(await legal.get(`/api/v1/decisions/${d.id}/archive.zip`), 409, 'integrity_failure');
});

test('the list filters the dashboard links carry: status + initiation dates, decision dates, review_overdue; a bad date -> 422 naming the field', async () => {
  const all = (await legal.get('/api/v1/decisions?page_size=200')).body.items;
  const y23 = (await legal.get('/api/v1/decisions?from=2023-01-01&to=2023-12-31&page_size=200')).body;
  assert.deepEqual(y23.items.map((x) => x.no).sort(), all.filter((x) => x.initiated_on.startsWith('2023')).map((x) => x.no).sort());
  assert.ok(y23.total >= 1);
  const dec = (await legal.get('/api/v1/decisions?decided_from=2023-01-01&decided_to=2023-12-31&page_size=200')).body;
  assert.ok(dec.total >= 1);
  for (const x of dec.items) assert.match(x.decided_on, /^2023-/);
  const st = (await legal.get('/api/v1/decisions?status=published&page_size=200')).body.items;
  assert.ok(st.every((x) => x.status === 'published'));
  const bad = await legal.get('/api/v1/decisions?decided_from=2023-13-01');
  expectError(bad, 422, 'invalid_field', 'decided_from');
  // review_overdue: under review and the counsel's request past its due date
  const od = (await legal.get('/api/v1/decisions?review_overdue=1&page_size=200')).body.items;
  for (const x of od) assert.equal(x.status, 'under_review');
  const ur = all.filter((x) => x.status === 'under_review');
  assert.ok(od.length <= ur.length);
});

test('the review list filters by the letter date (the dashboard\'s opinion-letter figure)', async () => {
  const r = (await legal.get('/api/v1/reviews?letter_from=2023-01-01&letter_to=2023-12-31&page_size=1')).body;
  const stats = (await legal.get('/api/v1/reviews/stats?from=2023-01-01&to=2023-12-31')).body;
  assert.equal(r.total, stats.totals.letters);      // exactly the letters the figure counts
  assert.ok(r.total >= 150, `${r.total}`);
  const bad = await legal.get('/api/v1/reviews?letter_to=2023-02-30');
  expectError(bad, 422, 'invalid_field', 'letter_to');
  const mine = (await counsel.get('/api/v1/reviews?letter_from=2023-01-01&letter_to=2023-12-31&page_size=1')).body;
  assert.ok(mine.total <= r.total);
});
