// registries.test.mjs - issue 7's registers through the API: the enterprise registry
// (GB 32100 codes checked with the expected check character named, duplicates, versions,
// filters), CSV/XLSX import with its per-row error report and idempotence, the XLSX export
// re-read independently (python3 zipfile), commitment letters, breaches and the credit
// page, per-kind validation of outreach and study activities, data scope, the period
// statistics on the 2023 demo figures and on a known set, and the permissions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, admin, handler, legal, viewer, officer, leader;
let depts;
const deptId = (code) => depts.find((d) => d.code === code).id;

before(async () => {
  srv = await startServer();
  [admin, handler, legal, viewer, officer, leader] = await Promise.all(
    ['admin', 'handler', 'legal', 'viewer', 'officer1', 'leader'].map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
});
after(async () => { await srv?.stop(); });

// an independent GB 32100 check character (DOMAIN.md §7.2), to build test codes
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(body17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHA.indexOf(body17[i]) * (3 ** i % 31);
  return body17 + ALPHA[(31 - (sum % 31)) % 31];
}
const code = (n) => uscc(`91120110QA${String(n).padStart(7, '0')}`);

async function enterprise(c, extra = {}) {
  const r = await c.post('/api/v1/enterprises', extra);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// readXlsx(buffer): the first sheet's rows as [{A: text, B: text, ...}], read by python3's
// zipfile and ElementTree, not by fazhi's own table.c
function readXlsx(buf) {
  const file = join(srv.dir, `export-${Date.now()}.xlsx`);
  writeFileSync(file, buf);
  const py = `
import sys, zipfile, json, re, xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
sst = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(M + 'si'):
        sst.append(''.join(t.text or '' for t in si.iter(M + 't')))
rows = []
for row in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(M + 'row'):
    cells = {}
    for c in row.iter(M + 'c'):
        col = re.match('[A-Z]+', c.get('r')).group(0)
        v = c.find(M + 'v')
        t = c.get('t')
        if t == 's':
            cells[col] = sst[int(v.text)]
        elif t == 'inlineStr':
            cells[col] = ''.join(x.text or '' for x in c.iter(M + 't'))
        else:
            cells[col] = v.text if v is not None else ''
    rows.append(cells)
print(json.dumps(rows, ensure_ascii=False))
`;
  const r = spawnSync('python3', ['-c', py, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function download(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

const upload = (c, body, type) =>
  c.post('/api/v1/enterprises/import', body, { raw: true, headers: { 'content-type': type } });

// ---- the 2023 demo figures (run first: later tests add records) ----

test('GET /api/v1/registries/stats for 2023 gives the report figures: 76 letters from 80 newcomers', async () => {
  const r = await leader.get('/api/v1/registries/stats?from=2023-01-01&to=2023-12-31');
  assert.equal(r.status, 200, r.text);
  const s = r.body;
  assert.equal(s.enterprises.settled, 80);
  assert.equal(s.commitments.signed, 76);
  assert.equal(s.commitments.by_kind.credit, 76);
  assert.equal(s.commitments.signed_by_new_enterprises, 76);
  assert.ok(s.briefings.count >= 2 && s.briefings.enterprises === 76, r.text);
  assert.ok(s.activities.pufa_lecture.count >= 3);
  assert.ok(s.activities.pufa_online.count >= 1 && s.activities.pufa_online.reads > 0);
  assert.ok(s.activities.anti_fraud.leaflets > 0 && s.activities.anti_fraud.app_installs > 0);
  assert.ok(s.study.first_topic > 0 && s.study.theory_group > 0);
  assert.deepEqual(s.partners, ['秦天律师事务所']);
  for (const law of ['《民法典》', '《合同法》', '《安全生产法》']) assert.ok(s.laws.includes(law), law);
  assert.deepEqual([...s.departments].sort(),
    ['区城管委', '区住建委', '区市场监管局', '区应急管理局', '区消防支队'].sort());
});

test('the demo enterprises carry valid Dongli codes 91120110... and the registry is about 90 strong', async () => {
  const r = await admin.get('/api/v1/enterprises?page_size=200');
  assert.equal(r.status, 200);
  assert.ok(r.body.total >= 85 && r.body.total <= 100, `total ${r.body.total}`);
  for (const e of r.body.items) {
    assert.match(e.uscc, /^91120110[0-9A-HJ-NPQRTUWXY]{10}$/);
    assert.equal(uscc(e.uscc.slice(0, 17)), e.uscc, e.uscc);
  }
});

test('GET /api/v1/enterprises filters by settled year, industry and q, pages and sorts', async () => {
  const y = await admin.get('/api/v1/enterprises?year=2023&page_size=5&sort=-settled_on');
  assert.equal(y.status, 200);
  assert.equal(y.body.total, 80);
  assert.equal(y.body.items.length, 5);
  assert.ok(y.body.items[0].settled_on >= y.body.items[4].settled_on);
  assert.ok(y.body.items.every((e) => e.settled_on.startsWith('2023')));
  const ind = await admin.get(`/api/v1/enterprises?industry=${encodeURIComponent('生物医药')}&page_size=200`);
  assert.ok(ind.body.total > 0 && ind.body.items.every((e) => e.industry === '生物医药'));
  const first = y.body.items[0];
  const q = await admin.get(`/api/v1/enterprises?q=${encodeURIComponent(first.uscc.toLowerCase())}`);
  assert.deepEqual(q.body.items.map((e) => e.id), [first.id]);
  expectError(await admin.get('/api/v1/enterprises?sort=password'), 422, 'invalid_field', 'sort');
  expectError(await admin.get('/api/v1/enterprises?year=23'), 422, 'invalid_field', 'year');
});

test('a department-scoped viewer counts only its department\'s activities; the zone-wide registers stay whole', async () => {
  const r = await viewer.get('/api/v1/registries/stats?from=2023-01-01&to=2023-12-31');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.commitments.signed, 76);                 // zone-wide register
  assert.equal(r.body.activities.pufa_lecture.count, 0);       // 法务部's, outside the scope
  assert.equal(r.body.activities.pufa_online.count, 8);        // 综合办公室's own articles
});

// ---- enterprises ----

test('POST /api/v1/enterprises with name and uscc only -> 201, the other fields default', async () => {
  const e = await enterprise(handler, { name: '天津测试最小字段有限公司', uscc: code(1) });
  assert.equal(e.uscc, code(1));
  assert.equal(e.status, 'active');
  assert.equal(e.settled_on, null);
  assert.deepEqual(e.contacts, []);
  assert.equal(e.version, 1);
});

test('POST /api/v1/enterprises with a wrong check character -> 422 invalid_field uscc naming the due one', async () => {
  const r = await admin.post('/api/v1/enterprises', { name: '错误代码', uscc: '91350100M000100Y44' });
  expectError(r, 422, 'invalid_field', 'uscc');
  assert.equal(r.body.error.message, '校验码应为 3');
  const bad = await admin.post('/api/v1/enterprises', { name: '非法字母', uscc: '91350100M000100I43' });
  expectError(bad, 422, 'invalid_field', 'uscc');
  expectError(await admin.post('/api/v1/enterprises', { name: '缺代码' }), 422, 'invalid_field', 'uscc');
  expectError(await admin.post('/api/v1/enterprises', { uscc: code(2) }), 422, 'invalid_field', 'name');
});

test('POST /api/v1/enterprises stores a lower-case code upper-cased; the same code again -> 409 duplicate uscc', async () => {
  const e = await enterprise(admin, { name: '天津小写代码有限公司', uscc: ` ${code(3).toLowerCase()} ` });
  assert.equal(e.uscc, code(3));
  const r = await admin.post('/api/v1/enterprises', { name: '重复', uscc: code(3) });
  expectError(r, 409, 'duplicate', 'uscc');
});

test('an enterprise whose embedded organisation code fails GB 11714 is kept, with a warning', async () => {
  const e = await enterprise(admin, { name: '天津组织机构代码提示有限公司', uscc: code(4) });
  assert.ok(Array.isArray(e.warnings) && e.warnings[0].field === 'uscc', JSON.stringify(e));
  assert.match(e.warnings[0].message, /仅提示/);
  const ok = await enterprise(admin, { name: '天津规范代码有限公司', uscc: '91120000MA05L6K269' });
  assert.equal(ok.warnings, undefined);
});

test('PUT /api/v1/enterprises/:id changes the fields given; a stale version -> 409 version_conflict', async () => {
  const e = await enterprise(admin, { name: '天津版本测试有限公司', uscc: code(5) });
  const r = await admin.put(`/api/v1/enterprises/${e.id}`, {
    version: 1, industry: '新材料', settled_on: '2024/3/5',
    contacts: [{ name: '王经理', phone: '022-12345678' }],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.name, '天津版本测试有限公司');
  assert.equal(r.body.settled_on, '2024-03-05');
  assert.deepEqual(r.body.contacts, [{ name: '王经理', phone: '022-12345678' }]);
  expectError(await admin.put(`/api/v1/enterprises/${e.id}`, { version: 1, remark: 'x' }),
    409, 'version_conflict', 'version');
  expectError(await admin.put(`/api/v1/enterprises/${e.id}`, { version: 2, settled_on: '2024-02-30' }),
    422, 'invalid_field', 'settled_on');
  expectError(await admin.put(`/api/v1/enterprises/${e.id}`, { version: 2, status: 'gone' }),
    422, 'invalid_field', 'status');
  expectError(await admin.put(`/api/v1/enterprises/${e.id}`,
    { version: 2, contacts: [{ name: '', phone: '1' }] }), 422, 'invalid_field', 'contacts');
  expectError(await admin.get('/api/v1/enterprises/999999'), 404, 'not_found');
});

// ---- import ----

const CSV = [
  '企业名称,统一社会信用代码,法定代表人,入驻日期,联系人,联系电话',
  `"天津导入甲, 有限公司",${code(11)},张三,2023/5/8,李四,13800000000`,
  '天津导入乙有限公司,91350100M000100Y44,王五,2023-05-09,,',
  `天津导入丙有限公司,${code(12).toLowerCase()},,45000,,`,
  `天津导入丁有限公司,${code(11)},,,,`,
  `,${code(13)},,,,`,
  `天津导入己有限公司,${code(14)},,2023-02-30,,`,
].join('\r\n') + '\r\n';

test('POST /api/v1/enterprises/import (CSV) creates good rows and reports each bad one by row, column and reason', async () => {
  const r = await upload(handler, '\ufeff' + CSV, 'text/csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.updated, 0);
  assert.deepEqual(r.body.rejected.map(({ row, column, reason }) => ({ row, column, reason })), [
    { row: 3, column: '统一社会信用代码', reason: '校验码应为 3' },
    { row: 5, column: '统一社会信用代码', reason: '与第 2 行的统一社会信用代码重复' },
    { row: 6, column: '企业名称', reason: '企业名称不能为空' },
    { row: 7, column: '入驻日期', reason: '入驻日期应为有效日期，如 2023-05-08' },
  ]);
  const a = (await handler.get(`/api/v1/enterprises?q=${code(11)}`)).body.items[0];
  assert.equal(a.name, '天津导入甲, 有限公司');
  assert.equal(a.settled_on, '2023-05-08');
  assert.deepEqual(a.contacts, [{ name: '李四', phone: '13800000000' }]);
  const c = (await handler.get(`/api/v1/enterprises?q=${code(12)}`)).body.items[0];
  assert.equal(c.settled_on, '2023-03-15');        // the Excel serial 45000
});

test('importing the same file twice creates nothing new and updates nothing', async () => {
  const before = (await admin.get('/api/v1/enterprises?page_size=1')).body.total;
  const r = await upload(handler, CSV, 'text/csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 0);
  assert.equal(r.body.updated, 0);
  assert.equal(r.body.unchanged, 2);
  assert.equal(r.body.rejected.length, 4);
  assert.equal((await admin.get('/api/v1/enterprises?page_size=1')).body.total, before);
});

test('an import row with changed cells updates the enterprise keyed by uscc; empty cells keep the stored value', async () => {
  const csv = `name,uscc,industry\n天津导入甲改名有限公司,${code(11)},新材料\n`;
  const r = await upload(handler, csv, 'text/csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.updated, 1);
  const a = (await handler.get(`/api/v1/enterprises?q=${code(11)}`)).body.items[0];
  assert.equal(a.name, '天津导入甲改名有限公司');
  assert.equal(a.industry, '新材料');
  assert.equal(a.settled_on, '2023-05-08');
  assert.equal(a.version, 2);
});

test('an import without the 统一社会信用代码 column -> 422 field file; a non-spreadsheet -> 400 field file', async () => {
  expectError(await upload(admin, '企业名称,地址\n甲,乙\n', 'text/csv'), 422, 'invalid_field', 'file');
  expectError(await upload(admin, '企业名称,统一社会信用代码\n', 'text/csv'), 422, 'invalid_field', 'file');
  expectError(await upload(admin, 'not a workbook', XLSX), 400, 'bad_request', 'file');
  expectError(await upload(admin, '{"name":"x"}', 'application/json'), 400, 'bad_request', 'file');
});

// ---- export ----

test('GET /api/v1/enterprises/export.xlsx is a real XLSX: Chinese headers and the filtered rows', async () => {
  const d = await download(admin, `/api/v1/enterprises/export.xlsx?q=${encodeURIComponent('天津导入')}&sort=name`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), XLSX);
  assert.match(d.headers.get('content-disposition'), /attachment; .*filename\*=UTF-8''/);
  assert.equal(d.buf.subarray(0, 4).toString('binary'), 'PK\x03\x04');
  const rows = readXlsx(d.buf);
  assert.equal(rows[0].A, '企业名称');
  assert.equal(rows[0].B, '统一社会信用代码');
  assert.equal(rows[0].F, '入驻日期');
  const names = rows.slice(1).map((r) => r.A).sort();
  assert.deepEqual(names, ['天津导入丙有限公司', '天津导入甲改名有限公司']);
  const jia = rows.find((r) => r.A === '天津导入甲改名有限公司');
  assert.equal(jia.B, code(11));
  assert.equal(jia.F, '2023-05-08');
  assert.equal(jia.G, '李四');
});

test('an exported XLSX imported again changes nothing (the export uses the import headers)', async () => {
  const d = await download(admin, '/api/v1/enterprises/export.xlsx?year=2023');
  const r = await upload(admin, d.buf, XLSX);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 0);
  assert.equal(r.body.updated, 0);
  assert.deepEqual(r.body.rejected, []);
  assert.equal(r.body.unchanged, r.body.total);
  assert.ok(r.body.total >= 80);
});

// ---- commitments, breaches, credit page ----

test('POST /api/v1/commitments creates a letter; bad date, order of dates, kind and enterprise -> 422 naming the field', async () => {
  const e = await enterprise(handler, { name: '天津承诺测试有限公司', uscc: code(21), settled_on: '2030-01-05' });
  const base = { enterprise_id: e.id, kind: 'credit', signed_on: '2030-01-10', signer: '张三' };
  const r = await handler.post('/api/v1/commitments', { ...base, valid_until: '2033-01-09' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.enterprise_name, '天津承诺测试有限公司');
  assert.equal(r.body.status, 'valid');
  assert.equal(r.body.kind_label, '信用承诺');
  assert.equal(r.body.expired, false);
  expectError(await handler.post('/api/v1/commitments', { ...base, signed_on: '2030-02-30' }),
    422, 'invalid_field', 'signed_on');
  expectError(await handler.post('/api/v1/commitments', { ...base, valid_until: '2029-12-31' }),
    422, 'invalid_field', 'valid_until');
  expectError(await handler.post('/api/v1/commitments', { ...base, kind: 'promise' }),
    422, 'invalid_field', 'kind');
  expectError(await handler.post('/api/v1/commitments', { ...base, enterprise_id: 999999 }),
    422, 'invalid_field', 'enterprise_id');
  const old = await handler.post('/api/v1/commitments', { ...base, signed_on: '2020-01-01', valid_until: '2021-01-01' });
  assert.equal(old.body.expired, true);
  const upd = await handler.put(`/api/v1/commitments/${r.body.id}`, { version: 1, status: 'revoked' });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.body.status_label, '已撤销');
});

test('a breach of a letter marks the letter breached and shows on the enterprise credit page', async () => {
  const e = await enterprise(handler, { name: '天津违诺测试有限公司', uscc: code(22), settled_on: '2030-03-01' });
  const c = (await handler.post('/api/v1/commitments',
    { enterprise_id: e.id, kind: 'notification', signed_on: '2030-03-02' })).body;
  const other = await enterprise(handler, { name: '天津他人有限公司', uscc: code(23) });
  expectError(await handler.post('/api/v1/breaches', {
    enterprise_id: other.id, commitment_id: c.id, found_on: '2030-06-01', description: 'x',
  }), 422, 'invalid_field', 'commitment_id');
  expectError(await handler.post('/api/v1/breaches', {
    enterprise_id: e.id, found_on: '2030-06-01', description: '逾期', status: 'handled',
  }), 422, 'invalid_field', 'handling');
  const b = await handler.post('/api/v1/breaches', {
    enterprise_id: e.id, commitment_id: c.id, found_on: '2030-06-01',
    description: '承诺事项逾期未履行', evidence: '核查记录',
  });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.status, 'open');
  assert.equal((await handler.get(`/api/v1/commitments/${c.id}`)).body.status, 'breached');
  const br = await handler.post('/api/v1/briefings', {
    title: '诚信经营宣讲（测试）', held_on: '2030-03-05', enterprise_ids: [e.id, other.id], people_count: 4,
  });
  assert.equal(br.status, 201, br.text);
  assert.equal(br.body.enterprises_count, 2);
  assert.equal(br.body.dept_id, deptId('HMSC-SVC'));          // the handler's department
  const credit = await viewer.get(`/api/v1/enterprises/${e.id}/credit`);
  assert.equal(credit.status, 200, credit.text);
  assert.equal(credit.body.enterprise.id, e.id);
  assert.deepEqual(credit.body.commitments.map((x) => x.id), [c.id]);
  assert.deepEqual(credit.body.breaches.map((x) => x.id), [b.body.id]);
  assert.deepEqual(credit.body.briefings.map((x) => x.id), [br.body.id]);
  assert.deepEqual(credit.body.summary,
    { commitments: 1, valid_commitments: 0, briefings: 1, breaches: 1, open_breaches: 1 });
  expectError(await handler.post('/api/v1/briefings', { title: 'x', held_on: '2030-03-05', enterprise_ids: [999999] }),
    422, 'invalid_field', 'enterprise_ids');
});

// ---- activities ----

test('POST /api/v1/activities validates per kind, naming the field', async () => {
  const base = { title: '测试活动', held_on: '2030-04-01' };
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'anti_fraud', leaflets: 10 }),
    422, 'invalid_field', 'audience');
  expectError(await legal.post('/api/v1/activities',
    { ...base, kind: 'study_first_topic', attendees: ['甲'], leaflets: 5 }), 422, 'invalid_field', 'leaflets');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'study_theory_group' }),
    422, 'invalid_field', 'attendees');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'pufa_online', reads: 10 }),
    422, 'invalid_field', 'channel');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'pufa_online', channel: '微信公众号', link: 'ftp://x' }),
    422, 'invalid_field', 'link');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'pufa_lecture' }),
    422, 'invalid_field', 'laws');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'enforcement_publicity', laws: ['《消防法》'] }),
    422, 'invalid_field', 'departments');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'party' }), 422, 'invalid_field', 'kind');
  expectError(await legal.post('/api/v1/activities', { ...base, kind: 'anti_fraud', audience: -1 }),
    422, 'invalid_field', 'audience');
  expectError(await legal.post('/api/v1/activities', { kind: 'anti_fraud', title: 'x', audience: 5 }),
    422, 'invalid_field', 'held_on');
});

test('a lecture takes its laws as a list or as one 、-separated text; a study session counts its attendees', async () => {
  const r = await legal.post('/api/v1/activities', {
    kind: 'pufa_lecture', title: '民法典讲座', held_on: '2030-04-02', partner: '秦天律师事务所',
    laws: '《民法典》、《合同法》，《民法典》', audience: 40,
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.laws, ['《民法典》', '《合同法》']);
  assert.equal(r.body.dept_id, deptId('HMSC-LEGAL'));
  assert.equal(r.body.kind_label, '普法讲座');
  const s = await legal.post('/api/v1/activities', {
    kind: 'study_first_topic', title: '第一议题', held_on: '2030-04-03', attendees: ['甲', '乙', '丙'],
    absentees: ['丁（公出）'], dept_id: deptId('HMSC-PARTY'),
  });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.body.audience, 3);
  assert.equal(s.body.group, 'study');
});

test('PUT /api/v1/activities/:id keeps the kind fixed and checks the version', async () => {
  const a = (await legal.post('/api/v1/activities', {
    kind: 'anti_fraud', title: '反诈宣传', held_on: '2030-04-04', audience: 50, leaflets: 100,
  })).body;
  const r = await legal.put(`/api/v1/activities/${a.id}`, { version: 1, app_installs: 30 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.app_installs, 30);
  assert.equal(r.body.leaflets, 100);
  expectError(await legal.put(`/api/v1/activities/${a.id}`, { version: 2, kind: 'pufa_lecture' }),
    422, 'invalid_field', 'kind');
  expectError(await legal.put(`/api/v1/activities/${a.id}`, { version: 1, title: 'x' }),
    409, 'version_conflict', 'version');
  const list = await legal.get('/api/v1/activities?group=anti_fraud&from=2030-01-01&to=2030-12-31');
  assert.deepEqual(list.body.items.map((x) => x.id), [a.id]);
  expectError(await legal.get('/api/v1/activities?group=party'), 422, 'invalid_field', 'group');
});

test('activities follow the data scope: a department-scoped handler sees and files only its department\'s', async () => {
  const mine = await handler.post('/api/v1/activities', {
    kind: 'pufa_onsite', title: '企业服务部现场普法', held_on: '2030-05-01', laws: ['《民法典》'], audience: 20,
  });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.body.dept_id, deptId('HMSC-SVC'));
  const study = (await legal.get('/api/v1/activities?group=study&page_size=1')).body;
  assert.ok(study.total > 0);
  expectError(await handler.get(`/api/v1/activities/${study.items[0].id}`), 404, 'not_found');
  assert.equal((await handler.get('/api/v1/activities?group=study')).body.total, 0);
  expectError(await handler.post('/api/v1/activities', {
    kind: 'pufa_onsite', title: 'x', held_on: '2030-05-01', laws: ['《民法典》'], dept_id: deptId('HMSC-PARTY'),
  }), 422, 'invalid_field', 'dept_id');
  const seen = (await handler.get('/api/v1/activities?from=2030-01-01&to=2030-12-31')).body.items;
  assert.deepEqual(seen.map((x) => x.id), [mine.body.id]);
});

// ---- statistics on a known set ----

test('GET /api/v1/registries/stats counts a known set by register and kind, within the period only', async () => {
  const P = (d) => `2031-${d}`;
  const e1 = await enterprise(admin, { name: '天津统计一有限公司', uscc: code(31), settled_on: P('03-01') });
  const e2 = await enterprise(admin, { name: '天津统计二有限公司', uscc: code(32), settled_on: P('06-01') });
  await enterprise(admin, { name: '天津统计期外有限公司', uscc: code(33), settled_on: '2030-12-31' });
  const post = async (path, body) => {
    const r = await admin.post(path, body);
    assert.equal(r.status, 201, `${path}: ${r.text}`);
    return r.body;
  };
  const l1 = await post('/api/v1/commitments', { enterprise_id: e1.id, kind: 'credit', signed_on: P('03-05') });
  await post('/api/v1/commitments', { enterprise_id: e2.id, kind: 'credit', signed_on: P('06-10') });
  await post('/api/v1/commitments', { enterprise_id: e1.id, kind: 'integrity', signed_on: P('07-01') });
  await post('/api/v1/commitments', { enterprise_id: e2.id, kind: 'credit', signed_on: '2030-12-31' });
  await post('/api/v1/briefings', { title: '宣讲', held_on: P('03-10'), people_count: 5, enterprise_ids: [e1.id, e2.id] });
  await post('/api/v1/breaches', { enterprise_id: e1.id, commitment_id: l1.id, found_on: P('08-01'), description: '违诺' });
  await post('/api/v1/activities', { kind: 'anti_fraud', title: '反诈一', held_on: P('04-01'), audience: 100,
    leaflets: 200, app_installs: 50, enterprises_reached: 10, warnings: 1 });
  await post('/api/v1/activities', { kind: 'anti_fraud', title: '反诈二', held_on: P('05-01'), audience: 50,
    leaflets: 100, app_installs: 20 });
  await post('/api/v1/activities', { kind: 'study_first_topic', title: '第一议题', held_on: P('02-01'),
    attendees: ['甲', '乙', '丙'] });
  await post('/api/v1/activities', { kind: 'pufa_lecture', title: '讲座', held_on: P('09-01'),
    partner: '秦天律师事务所', laws: ['《民法典》'], audience: 30 });
  await post('/api/v1/activities', { kind: 'enforcement_publicity', title: '执法宣传', held_on: P('10-01'),
    departments: ['区消防支队'], laws: ['《消防法》'] });
  await post('/api/v1/activities', { kind: 'pufa_online', title: '期外文章', held_on: '2032-01-01',
    channel: '微信公众号', reads: 999 });
  const r = await admin.get('/api/v1/registries/stats?from=2031-01-01&to=2031-12-31');
  assert.equal(r.status, 200, r.text);
  const s = r.body;
  assert.equal(s.enterprises.settled, 2);
  assert.deepEqual(s.commitments, { signed: 3, signed_by_new_enterprises: 3,
    by_kind: { credit: 2, integrity: 1, notification: 0 } });
  assert.deepEqual(s.briefings, { count: 1, people: 5, enterprises: 2 });
  assert.deepEqual(s.breaches, { count: 1, handled: 0 });
  const af = s.activities.anti_fraud;
  assert.deepEqual([af.count, af.audience, af.leaflets, af.app_installs, af.enterprises_reached, af.warnings],
    [2, 150, 300, 70, 10, 1]);
  assert.equal(s.activities.pufa_online.count, 0);
  assert.equal(s.activities.pufa_lecture.audience, 30);
  assert.deepEqual(s.study, { sessions: 1, first_topic: 1, theory_group: 0, attendance: 3 });
  assert.equal(s.activity_groups.pufa.count, 2);
  assert.deepEqual(s.laws, ['《民法典》', '《消防法》']);
  assert.deepEqual(s.partners, ['秦天律师事务所']);
  assert.deepEqual(s.departments, ['区消防支队']);
  expectError(await admin.get('/api/v1/registries/stats?from=2031-12-31&to=2031-01-01'), 422, 'invalid_field', 'to');
  expectError(await admin.get('/api/v1/registries/stats?from=2031-13-01'), 422, 'invalid_field', 'from');
});

// ---- permissions ----

test('without a session the registers answer 401', async () => {
  const anon = new Client(srv.url);
  expectError(await anon.get('/api/v1/enterprises'), 401, 'unauthorized');
  expectError(await anon.get('/api/v1/registries/stats'), 401, 'unauthorized');
  expectError(await anon.post('/api/v1/enterprises/import', 'a,b', { raw: true, headers: { 'content-type': 'text/csv' } }),
    401, 'unauthorized');
});

test('registry:read lets viewer and leader read but not write (403); officer without it cannot read (403)', async () => {
  assert.equal((await viewer.get('/api/v1/enterprises')).status, 200);
  assert.equal((await leader.get('/api/v1/activities')).status, 200);
  expectError(await viewer.post('/api/v1/enterprises', { name: 'x', uscc: code(41) }), 403, 'forbidden');
  expectError(await leader.post('/api/v1/activities', { kind: 'anti_fraud', title: 'x', held_on: '2030-01-01', audience: 1 }),
    403, 'forbidden');
  expectError(await viewer.post('/api/v1/enterprises/import', CSV, { raw: true, headers: { 'content-type': 'text/csv' } }),
    403, 'forbidden');
  expectError(await officer.get('/api/v1/enterprises'), 403, 'forbidden');
  expectError(await officer.get('/api/v1/registries/stats'), 403, 'forbidden');
  const perms = (await admin.get('/api/v1/roles')).body.items;
  const has = (role, p) => perms.find((r) => r.code === role).permissions.includes(p);
  assert.ok(has('admin', 'registry:write') && has('handler', 'registry:write') && has('legal', 'registry:write'));
  assert.ok(!has('leader', 'registry:write') && !has('viewer', 'registry:write'));
  assert.ok(['leader', 'legal', 'viewer', 'handler'].every((r) => has(r, 'registry:read')));
});

test('every write above is in the audit log under its action; updates keep before/after, imports the report', async () => {
  for (const a of ['enterprise.create', 'enterprise.update', 'enterprise.import', 'commitment.create',
    'commitment.update', 'breach.create', 'briefing.create', 'activity.create', 'activity.update']) {
    const r = await admin.get(`/api/v1/audit?action=${a}&page_size=50`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.some((x) => x.username !== 'demo' && x.action === a), a);
  }
  const imp = (await admin.get('/api/v1/audit?action=enterprise.import&page_size=1')).body.items[0];
  assert.ok(Array.isArray(imp.detail.rejected), JSON.stringify(imp.detail));
  const upd = (await admin.get('/api/v1/audit?action=activity.update&page_size=1')).body.items[0];
  assert.equal(upd.detail.before.version + 1, upd.detail.after.version);
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
