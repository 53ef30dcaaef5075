// duties_learning.test.mjs - issue 7, 学法用法 and the duty list: a new version of a
// regulation gives the staff of the departments that apply it a learning task (exactly
// those users, sub-departments included, one per user and version, none without an
// applying department), completion with a quiz score is counted per batch, the origin
// filter, and the XLSX export of the duty list with its filters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, legal, viewer, officer1, officer3;
let depts, users;
const deptId = (code) => depts.find((d) => d.code === code).id;
const userId = (name) => users.find((u) => u.username === name).id;

before(async () => {
  srv = await startServer();
  [legal, viewer, officer1, officer3] = await Promise.all(
    ['legal', 'viewer', 'officer1', 'officer3'].map((u) => loggedIn(srv.url, u)));
  depts = (await legal.get('/api/v1/departments')).body.items;
  users = (await legal.get('/api/v1/users?page_size=200')).body.items;
});
after(async () => { await srv?.stop(); });

let seq = 0;
async function regulation(deptCodes) {
  seq += 1;
  const r = await legal.post('/api/v1/regulations', {
    title: `学法测试办法${seq}`, level: '规范性文件', issuer: '测试机关', effective_from: '2020-01-01',
    dept_ids: deptCodes.map(deptId), full_text: '第一条　为了测试，制定本办法。\n',
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

const revise = (id, from = '2030-01-01') => legal.post(`/api/v1/regulations/${id}/versions`,
  { effective_from: from, doc_no: '测试令第2号', full_text: '第一条　修订后的条文。\n' });

const versionTasks = async (regId) => (await legal.get(
  `/api/v1/learning-tasks?origin=version&page_size=200`)).body.items.filter((t) => t.regulation_id === regId);

test('creating a regulation (version 1) assigns nothing; its first revision assigns the staff of its departments', async () => {
  const reg = await regulation(['HMSC-ENF-1']);
  assert.equal((await versionTasks(reg.id)).length, 0);
  const r = await revise(reg.id);
  assert.equal(r.status, 201, r.text);
  const tasks = await versionTasks(reg.id);
  // 执法一中队: officer1 and officer2, nobody else
  assert.deepEqual(tasks.map((t) => t.user_id).sort((a, b) => a - b),
    ['officer1', 'officer2'].map(userId).sort((a, b) => a - b));
  for (const t of tasks) {
    assert.equal(t.origin, 'version');
    assert.equal(t.origin_label, '法规修订自动布置');
    assert.match(t.title, new RegExp(`学习新修订的《学法测试办法${seq}》（2030-01-01起施行）`));
    assert.match(t.regulation_ref, /第2版（测试令第2号）/);
    assert.equal(t.due_on, '2030-01-31', 'due 30 days after a future effective date');
    assert.ok(t.regulation_version_id > 0);
    assert.equal(t.completed, false);
  }
});

test('a department and its sub-department both applying it give each user one task, not two', async () => {
  const reg = await regulation(['HMSC-ENF', 'HMSC-ENF-1']);
  assert.equal((await revise(reg.id)).status, 201);
  const tasks = await versionTasks(reg.id);
  // 综合执法部 (handler2) with 执法一中队 (officer1, officer2) and 执法二中队 (officer3)
  assert.deepEqual(tasks.map((t) => t.user_id).sort((a, b) => a - b),
    ['handler2', 'officer1', 'officer2', 'officer3'].map(userId).sort((a, b) => a - b));
  assert.equal(new Set(tasks.map((t) => t.batch_id)).size, 1, 'one batch per version');
});

test('every new version is a new task: the second revision gives the same users a second task', async () => {
  const reg = await regulation(['HMSC-ENF-2']);
  assert.equal((await revise(reg.id, '2030-01-01')).status, 201);
  assert.equal((await revise(reg.id, '2031-01-01')).status, 201);
  const tasks = await versionTasks(reg.id);
  assert.equal(tasks.length, 2);
  assert.ok(tasks.every((t) => t.user_id === userId('officer3')));
  assert.equal(new Set(tasks.map((t) => t.regulation_version_id)).size, 2);
});

test('a revision in force in the past is due 30 days from today', async () => {
  const reg = await regulation(['HMSC-ENF-2']);
  assert.equal((await revise(reg.id, '2021-07-15')).status, 201);
  const [t] = await versionTasks(reg.id);
  const today = new Date(Date.now() + 8 * 3600e3);
  const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 30));
  assert.equal(t.due_on, due.toISOString().slice(0, 10));
});

test('a regulation that no department applies: its revision succeeds and assigns nobody', async () => {
  const reg = await regulation([]);
  const before = (await legal.get('/api/v1/learning-tasks?origin=version&page_size=1')).body.total;
  assert.equal((await revise(reg.id)).status, 201);
  assert.equal((await legal.get('/api/v1/learning-tasks?origin=version&page_size=1')).body.total, before);
});

test('the demo revision of 行政处罚法 (2021) assigned 综合执法部 and its squads automatically', async () => {
  const tasks = (await legal.get('/api/v1/learning-tasks?origin=version&page_size=200')).body.items
    .filter((t) => t.title.includes('中华人民共和国行政处罚法'));
  assert.equal(tasks.length, 4);
});

test('the assignee completes an automatic task with a quiz score; the batch counts it', async () => {
  const reg = await regulation(['HMSC-ENF-2']);
  assert.equal((await revise(reg.id)).status, 201);
  const mine = (await officer3.get('/api/v1/learning-tasks?mine=1&origin=version&page_size=200')).body.items;
  const t = mine.find((x) => x.regulation_id === reg.id);
  assert.ok(t, 'officer3 sees the task among their own');
  expectError(await officer1.post(`/api/v1/learning-tasks/${t.id}/complete`, { score: 90 }), 403, 'forbidden');
  const done = await officer3.post(`/api/v1/learning-tasks/${t.id}/complete`, { score: 85 });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.score, 85);
  const b = (await viewer.get('/api/v1/learning-tasks/batches')).body.items.find((x) => x.batch_id === t.batch_id);
  assert.deepEqual([b.total, b.completed, b.avg_score, b.origin], [1, 1, 85, 'version']);
});

test('GET /api/v1/learning-tasks?origin=x -> 422 invalid_field origin', async () => {
  expectError(await legal.get('/api/v1/learning-tasks?origin=x'), 422, 'invalid_field', 'origin');
});

test('manual tasks from a regulation keep origin manual and are not limited by the version rule', async () => {
  const reg = await regulation(['HMSC-ENF-2']);
  assert.equal((await revise(reg.id)).status, 201);
  const r = await legal.post(`/api/v1/learning-tasks/from-regulation/${reg.id}`, { due_on: '2099-01-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.created, 1);
  const t = (await legal.get(`/api/v1/learning-tasks?batch_id=${r.body.batch_id}`)).body.items[0];
  assert.equal(t.origin, 'manual');
});

// ---- the duty list as XLSX ----

function sheetRows(buf) {
  const file = join(srv.dir, `duties-${Date.now()}.xlsx`);
  writeFileSync(file, buf);
  const py = [
    'import sys, zipfile, json, re, xml.etree.ElementTree as E',
    "N = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'",
    'z = zipfile.ZipFile(sys.argv[1]); names = z.namelist()',
    "s = [''.join(t.text or '' for t in i.iter(N + 't')) for i in E.fromstring(z.read('xl/sharedStrings.xml')).iter(N + 'si')] if 'xl/sharedStrings.xml' in names else []",
    "val = lambda c: s[int(c.find(N + 'v').text)] if c.get('t') == 's' else ''.join(x.text or '' for x in c.iter(N + 't')) if c.get('t') == 'inlineStr' else (c.find(N + 'v').text if c.find(N + 'v') is not None else '')",
    "print(json.dumps([[val(c) for c in r.iter(N + 'c')] for r in E.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(N + 'row')], ensure_ascii=False))",
  ].join('\n');
  const r = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const download = async (c, path) => {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
};

test('GET /api/v1/duties/export.xlsx?year=2023 -> the 8 items of the 2023 plan with Chinese headers', async () => {
  const d = await download(viewer, '/api/v1/duties/export.xlsx?year=2023');
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(d.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const rows = sheetRows(d.buf);
  assert.deepEqual(rows[0], ['年度', '工作任务', '责任部门', '责任人', '完成时限', '状态', '逾期', '完成情况佐证']);
  assert.equal(rows.length, 1 + 8);
  assert.ok(rows.slice(1).every((r) => r[0] === '2023' && r[5] === '已完成' && r[6] === '否'));
});

test('the export follows flag=overdue: only overdue items, marked 逾期 是', async () => {
  const rows = sheetRows((await download(viewer, '/api/v1/duties/export.xlsx?flag=overdue')).buf);
  assert.ok(rows.length >= 2);
  assert.ok(rows.slice(1).every((r) => r[6] === '是' && r[5] !== '已完成'));
  assert.ok(rows.some((r) => r[1] === '修订中心行政规范性文件管理办法'));
});

test('export with a bad filter -> 422 naming it; without a session -> 401', async () => {
  expectError(await viewer.get('/api/v1/duties/export.xlsx?status=late'), 422, 'invalid_field', 'status');
  expectError(await viewer.get('/api/v1/duties/export.xlsx?year=1999'), 422, 'invalid_field', 'year');
  assert.equal((await fetch(srv.url + '/api/v1/duties/export.xlsx')).status, 401);
});

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
