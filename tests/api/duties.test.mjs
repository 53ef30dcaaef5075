// duties.test.mjs - issue 7's organisation registers through the API: the leading group
// with dated membership (the group on a past date), duty items (create/list/update,
// version conflict 409, done needs evidence 422, the overdue flag), the 谁执法谁普法
// list and its per-department progress, learning tasks fanned out per department and
// completed only by the assignee, tasks from a regulation, and permissions 401/403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, admin, legal, leader, viewer, officer1, officer2, handler2;
let depts, users;
const deptId = (code) => depts.find((d) => d.code === code).id;
const userId = (name) => users.find((u) => u.username === name).id;

before(async () => {
  srv = await startServer();
  [admin, legal, leader, viewer, officer1, officer2, handler2] = await Promise.all(
    ['admin', 'legal', 'leader', 'viewer', 'officer1', 'officer2', 'handler2'].map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
  users = (await admin.get('/api/v1/users?page_size=200')).body.items;
});
after(async () => { await srv?.stop(); });

// ---- leading group ----

test('GET /api/v1/leading-group/members?date=2023-06-01 -> the 2023 group, 组长 leader first', async () => {
  const r = await viewer.get('/api/v1/leading-group/members?date=2023-06-01');
  assert.equal(r.status, 200, r.text);
  const m = r.body.items;
  assert.equal(m[0].username, 'leader');
  assert.equal(m[0].role, 'leader');
  assert.equal(m[0].role_label, '组长');
  assert.deepEqual(m.filter((x) => x.role === 'deputy').map((x) => x.username).sort(),
    ['deputy1', 'deputy2', 'discipline']);
  assert.ok(m.some((x) => x.username === 'handler3'), 'handler3 was a member in 2023');
  assert.ok(!m.some((x) => x.username === 'officer3'), 'officer3 joined in 2024');
});

test('the group on a date after a member ended no longer lists that member', async () => {
  const r = await viewer.get('/api/v1/leading-group/members?date=2024-06-01');
  assert.ok(!r.body.items.some((x) => x.username === 'handler3'));
  assert.ok(r.body.items.some((x) => x.username === 'officer3'));
});

test('POST a member, end it with PUT until_on: it stays in history and leaves the group after that day', async () => {
  const c = await legal.post('/api/v1/leading-group/members',
    { user_id: userId('officer1'), role: 'member', title: '执法一中队队长', from_on: '2025-01-01' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.active, true);
  const u = await legal.put(`/api/v1/leading-group/members/${c.body.id}`, { until_on: '2025-06-30', version: c.body.version });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.until_on, '2025-06-30');
  assert.equal(u.body.active, false);
  const on = (await viewer.get('/api/v1/leading-group/members?date=2025-03-01')).body.items;
  assert.ok(on.some((x) => x.id === c.body.id));
  const off = (await viewer.get('/api/v1/leading-group/members?date=2025-07-01')).body.items;
  assert.ok(!off.some((x) => x.id === c.body.id));
  const all = (await viewer.get('/api/v1/leading-group/members')).body.items;
  assert.ok(all.some((x) => x.id === c.body.id));
  expectError(await legal.put(`/api/v1/leading-group/members/${c.body.id}`, { until_on: '2025-07-31', version: c.body.version }),
    409, 'version_conflict', 'version');
});

test('POST member with until_on before from_on -> 422 invalid_field until_on', async () => {
  expectError(await legal.post('/api/v1/leading-group/members',
    { user_id: userId('officer2'), role: 'member', from_on: '2025-05-01', until_on: '2025-04-01' }),
  422, 'invalid_field', 'until_on');
});

test('POST member with an unknown role -> 422 invalid_field role', async () => {
  expectError(await legal.post('/api/v1/leading-group/members',
    { user_id: userId('officer2'), role: 'boss', from_on: '2025-05-01' }), 422, 'invalid_field', 'role');
});

test('GET members?date=bad -> 422 invalid_field date', async () => {
  expectError(await viewer.get('/api/v1/leading-group/members?date=2023-13-45'), 422, 'invalid_field', 'date');
});

// ---- duty items ----

test('GET /api/v1/duties?year=2023 -> the 2023 work plan, all done with evidence', async () => {
  const r = await viewer.get('/api/v1/duties?year=2023');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 8);
  for (const d of r.body.items) {
    assert.equal(d.status, 'done');
    assert.ok(d.evidence.length > 0);
    assert.equal(d.overdue, false);
  }
});

test('GET /api/v1/duties?flag=overdue -> the demo item of the current year past due and not done', async () => {
  const r = await viewer.get('/api/v1/duties?flag=overdue');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.total >= 1);
  for (const d of r.body.items) { assert.equal(d.overdue, true); assert.notEqual(d.status, 'done'); }
  assert.equal(r.body.items[0].year, new Date().getFullYear());
});

test('POST, filter by dept and status, update: the duty lifecycle', async () => {
  const dept = deptId('HMSC-LEGAL');
  const c = await legal.post('/api/v1/duties', { year: 2026, title: '测试任务', owner_id: userId('legal'), dept_id: dept, due_on: '2099-12-31' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.status, 'not_started');
  assert.equal(c.body.owner_name, '李明华');
  const l = await viewer.get(`/api/v1/duties?year=2026&dept_id=${dept}&status=not_started`);
  assert.ok(l.body.items.some((d) => d.id === c.body.id));
  const u = await legal.put(`/api/v1/duties/${c.body.id}`, { status: 'in_progress', version: c.body.version });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.status, 'in_progress');
  assert.equal(u.body.version, c.body.version + 1);
  assert.equal(u.body.title, '测试任务', 'keys not sent are kept');
});

test('PUT /api/v1/duties/{id} with a stale version -> 409 version_conflict', async () => {
  const c = await leader.post('/api/v1/duties', { year: 2026, title: '版本测试', due_on: '2026-12-31' });
  assert.equal(c.status, 201, c.text);
  assert.equal((await leader.put(`/api/v1/duties/${c.body.id}`, { title: '改一', version: c.body.version })).status, 200);
  expectError(await leader.put(`/api/v1/duties/${c.body.id}`, { title: '改二', version: c.body.version }),
    409, 'version_conflict', 'version');
});

test('PUT /api/v1/duties/{id} status done without evidence -> 422 invalid_field evidence', async () => {
  const c = await legal.post('/api/v1/duties', { year: 2026, title: '佐证测试', due_on: '2026-12-31' });
  expectError(await legal.put(`/api/v1/duties/${c.body.id}`, { status: 'done', version: c.body.version }),
    422, 'invalid_field', 'evidence');
  expectError(await legal.post('/api/v1/duties', { year: 2026, title: 'x', due_on: '2026-12-31', status: 'done', evidence: '  ' }),
    422, 'invalid_field', 'evidence');
  const ok = await legal.put(`/api/v1/duties/${c.body.id}`, { status: 'done', evidence: '已印发文件', version: c.body.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status_label, '已完成');
});

test('POST /api/v1/duties without title -> 422 invalid_field title; bad due_on -> due_on', async () => {
  expectError(await legal.post('/api/v1/duties', { year: 2026, due_on: '2026-12-31' }), 422, 'invalid_field', 'title');
  expectError(await legal.post('/api/v1/duties', { year: 2026, title: 't', due_on: '2026-02-30' }), 422, 'invalid_field', 'due_on');
  expectError(await legal.post('/api/v1/duties', { year: 2026, title: 't', due_on: '2026-02-03', owner_id: 999999 }), 422, 'invalid_field', 'owner_id');
});

test('GET /api/v1/duties?flag=late -> 422 invalid_field flag; status=x -> status', async () => {
  expectError(await viewer.get('/api/v1/duties?flag=late'), 422, 'invalid_field', 'flag');
  expectError(await viewer.get('/api/v1/duties?status=x'), 422, 'invalid_field', 'status');
});

test('PUT /api/v1/duties/999999 -> 404 not_found', async () => {
  expectError(await legal.put('/api/v1/duties/999999', { title: 'x', version: 1 }), 404, 'not_found');
});

// ---- 谁执法谁普法 ----

test('GET /api/v1/pufa-duties?year=2023 -> the five district departments and 综合执法部', async () => {
  const r = await viewer.get('/api/v1/pufa-duties?year=2023');
  assert.equal(r.status, 200, r.text);
  const names = r.body.items.map((x) => x.dept_name);
  for (const n of ['东丽区城市管理委员会', '东丽区住房和城乡建设委员会', '东丽区市场监督管理局', '东丽区应急管理局', '东丽区消防救援支队', '综合执法部'])
    assert.ok(names.includes(n), n);
});

test('POST a 普法 duty, PUT progress with version; progress sums per department', async () => {
  const dept = deptId('EXT-YJ');
  const before = (await viewer.get('/api/v1/pufa-duties/progress?year=2025')).body.items;
  assert.ok(!before.some((x) => x.dept_id === dept));
  const c = await legal.post('/api/v1/pufa-duties', { year: 2025, dept_id: dept, content: '危化品安全普法', audience: '危化企业', planned_count: 4 });
  assert.equal(c.status, 201, c.text);
  const u = await legal.put(`/api/v1/pufa-duties/${c.body.id}`, { progress_count: 2, status: 'in_progress', version: c.body.version });
  assert.equal(u.status, 200, u.text);
  expectError(await legal.put(`/api/v1/pufa-duties/${c.body.id}`, { progress_count: 3, version: c.body.version }), 409, 'version_conflict', 'version');
  const p = (await viewer.get('/api/v1/pufa-duties/progress?year=2025')).body.items.find((x) => x.dept_id === dept);
  assert.deepEqual([p.items, p.planned, p.progress, p.done], [1, 4, 2, 0]);
});

test('POST a 普法 duty for a non-enforcement department -> 422 invalid_field dept_id', async () => {
  expectError(await legal.post('/api/v1/pufa-duties', { year: 2025, dept_id: deptId('HMSC-OFFICE'), content: 'x' }),
    422, 'invalid_field', 'dept_id');
  expectError(await legal.post('/api/v1/pufa-duties', { year: 2025, dept_id: deptId('EXT-CG'), content: 'x', planned_count: -1 }),
    422, 'invalid_field', 'planned_count');
});

// ---- learning tasks ----

test('POST /api/v1/learning-tasks fans out one task per active user of the departments (sub-departments included)', async () => {
  const r = await legal.post('/api/v1/learning-tasks',
    { title: '学习《行政强制法》', regulation_ref: '《中华人民共和国行政强制法》', dept_ids: [deptId('HMSC-ENF')], due_on: '2099-06-30' });
  assert.equal(r.status, 201, r.text);
  // 综合执法部: handler2; 执法一中队: officer1, officer2; 执法二中队: officer3
  assert.equal(r.body.created, 4);
  const all = await legal.get(`/api/v1/learning-tasks?batch_id=${r.body.batch_id}`);
  assert.equal(all.body.total, 4);
  assert.deepEqual(all.body.items.map((t) => t.user_id).sort((a, b) => a - b),
    ['handler2', 'officer1', 'officer2', 'officer3'].map(userId).sort((a, b) => a - b));
});

test('learning task completion: only the assignee may complete (others 403), with a score; counts follow', async () => {
  const r = await legal.post('/api/v1/learning-tasks', { title: '学习《安全生产法》', dept_ids: [deptId('HMSC-ENF-1')], due_on: '2099-06-30' });
  assert.equal(r.body.created, 2);
  const mine = await officer1.get('/api/v1/learning-tasks?mine=1');
  const task = mine.body.items.find((t) => t.batch_id === r.body.batch_id);
  assert.ok(task);
  assert.equal(task.completed, false);
  expectError(await officer2.post(`/api/v1/learning-tasks/${task.id}/complete`, {}), 403, 'forbidden');
  expectError(await legal.post(`/api/v1/learning-tasks/${task.id}/complete`, {}), 403, 'forbidden');
  expectError(await officer1.post(`/api/v1/learning-tasks/${task.id}/complete`, { score: 101 }), 422, 'invalid_field', 'score');
  const done = await officer1.post(`/api/v1/learning-tasks/${task.id}/complete`, { score: 92 });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.completed, true);
  assert.equal(done.body.score, 92);
  expectError(await officer1.post(`/api/v1/learning-tasks/${task.id}/complete`, {}), 409, 'conflict');
  const b = (await viewer.get('/api/v1/learning-tasks/batches')).body.items.find((x) => x.batch_id === r.body.batch_id);
  assert.deepEqual([b.total, b.completed], [2, 1]);
  expectError(await officer1.post('/api/v1/learning-tasks/999999/complete', {}), 404, 'not_found');
});

test('GET /api/v1/learning-tasks without duty:write lists only the caller\'s own tasks', async () => {
  const r = await officer2.get('/api/v1/learning-tasks?page_size=200');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.total > 0);
  for (const t of r.body.items) assert.equal(t.user_id, userId('officer2'));
});

test('GET /api/v1/learning-tasks?mine=1 by a duty:write user lists only that user\'s tasks', async () => {
  const all = await legal.get('/api/v1/learning-tasks?page_size=200');
  assert.ok(all.body.items.some((t) => t.user_id !== userId('legal')));
  const mine = await legal.get('/api/v1/learning-tasks?mine=1&page_size=200');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.body.total > 0);
  for (const t of mine.body.items) assert.equal(t.user_id, userId('legal'));
});

test('the demo 2023 learning tasks are mostly completed', async () => {
  const b = (await viewer.get('/api/v1/learning-tasks/batches?year=2023')).body.items;
  assert.equal(b.length, 2);
  for (const x of b) assert.ok(x.completed > x.total / 2, JSON.stringify(x));
});

test('POST /api/v1/learning-tasks with no departments -> 422 invalid_field dept_ids', async () => {
  expectError(await legal.post('/api/v1/learning-tasks', { title: 'x', dept_ids: [], due_on: '2099-01-01' }), 422, 'invalid_field', 'dept_ids');
  expectError(await legal.post('/api/v1/learning-tasks', { title: 'x', dept_ids: [deptId('HMSC-ENF')] }), 422, 'invalid_field', 'due_on');
});

test('POST /api/v1/learning-tasks/from-regulation/{id} assigns the departments that apply the regulation', async () => {
  const regs = (await legal.get('/api/v1/regulations?page_size=50')).body.items;
  const reg = regs.find((x) => x.title === '中华人民共和国消防法');
  assert.ok(reg, 'the demo has 消防法');
  const r = await legal.post(`/api/v1/learning-tasks/from-regulation/${reg.id}`, { due_on: '2099-09-30' });
  // 消防法 applies to 东丽区消防救援支队, which has no users in the demo
  if (r.status === 422) { expectError(r, 422, 'invalid_field', 'dept_ids'); }
  const reg1 = regs.find((x) => x.title === '中华人民共和国行政处罚法');
  const r1 = await legal.post(`/api/v1/learning-tasks/from-regulation/${reg1.id}`, { due_on: '2099-09-30' });
  assert.equal(r1.status, 201, r1.text);
  assert.ok(r1.body.created >= 4);
  const t = (await legal.get(`/api/v1/learning-tasks?batch_id=${r1.body.batch_id}`)).body.items[0];
  assert.equal(t.title, '学习《中华人民共和国行政处罚法》');
  assert.equal(t.regulation_id, reg1.id);
  expectError(await legal.post('/api/v1/learning-tasks/from-regulation/999999', { due_on: '2099-09-30' }), 404, 'not_found');
});

// ---- permissions ----

test('without a session every duties endpoint -> 401 unauthorized', async () => {
  const anon = new Client(srv.url);
  for (const p of ['/api/v1/duties', '/api/v1/leading-group/members', '/api/v1/pufa-duties', '/api/v1/learning-tasks'])
    expectError(await anon.get(p), 401, 'unauthorized');
});

test('viewer and officers read but may not write (duty:write) -> 403 forbidden', async () => {
  expectError(await viewer.post('/api/v1/duties', { year: 2026, title: 'x', due_on: '2026-12-31' }), 403, 'forbidden');
  expectError(await officer1.post('/api/v1/leading-group/members', { user_id: 1, role: 'member', from_on: '2026-01-01' }), 403, 'forbidden');
  expectError(await handler2.post('/api/v1/pufa-duties', { year: 2026, dept_id: deptId('EXT-CG'), content: 'x' }), 403, 'forbidden');
  expectError(await viewer.post('/api/v1/learning-tasks', { title: 'x', dept_ids: [1], due_on: '2099-01-01' }), 403, 'forbidden');
  assert.equal((await officer1.get('/api/v1/duties')).status, 200);
});

test('writes are audited with before/after on updates', async () => {
  const a = (await admin.get('/api/v1/audit?action=duty.update&page_size=1')).body.items[0];
  assert.ok(a, 'duty.update audited');
  assert.equal(a.detail.before.version + 1, a.detail.after.version);
  assert.ok((await admin.get('/api/v1/audit?action=learning.complete&page_size=1')).body.items.length);
});

// ---- afterwards ----

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
