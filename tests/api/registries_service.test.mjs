// registries_service.test.mjs - issue 7's enterprise service registers through the API:
// 双万双服 requests (validation naming the field, time taken in working days by the
// official calendar across the 2023 National Day holiday, data scope of the receiving and
// the responsible department), visits with the requests that follow from them, 信易贷
// promotion contacts (outcome and amount rules), the XLSX exports re-read with python3,
// the period statistics, the enterprise's service page, and the scanned commitment letter
// stored in the content-addressed file store with its hashes in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi, filesDir } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport, sqlite } from './helpers.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, admin, handler, handler2, handler3, viewer, leader, legal, officer;
let depts, ents;
const deptId = (code) => depts.find((d) => d.code === code).id;

before(async () => {
  srv = await startServer();
  [admin, handler, handler2, handler3, viewer, leader, legal, officer] = await Promise.all(
    ['admin', 'handler', 'handler2', 'handler3', 'viewer', 'leader', 'legal', 'officer1']
      .map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
  ents = (await admin.get('/api/v1/enterprises?page_size=5&sort=id')).body.items;
});
after(async () => { await srv?.stop(); });

// a request body: enterprise ents[0], responsible 规划建设部, received 2030 (no calendar)
function request(extra = {}) {
  return {
    enterprise_id: ents[0].id, category: 'premises', problem: '厂房消防验收需协调',
    dept_id: deptId('HMSC-PLAN'), received_on: '2030-03-04', ...extra,
  };
}

async function created(r) {
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// readXlsx(buffer): the first sheet as rows of {A: text, ...}, read by python3's zipfile
// and ElementTree, not by fazhi
function readXlsx(buf) {
  const file = join(srv.dir, `svc-${Date.now()}-${Math.random()}.xlsx`);
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
        if c.get('t') == 's':
            cells[col] = sst[int(v.text)]
        elif c.get('t') == 'inlineStr':
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

// ---- 双万双服 requests: validation ----

test('POST /api/v1/service-requests with an unknown enterprise -> 422 invalid_field enterprise_id', async () => {
  expectError(await handler.post('/api/v1/service-requests', request({ enterprise_id: 999999 })),
    422, 'invalid_field', 'enterprise_id');
  expectError(await handler.post('/api/v1/service-requests', request({ enterprise_id: 'x' })),
    422, 'invalid_field', 'enterprise_id');
});

for (const field of ['enterprise_id', 'category', 'problem', 'dept_id', 'received_on']) {
  test(`POST /api/v1/service-requests without ${field} -> 422 naming ${field}`, async () => {
    const body = request();
    delete body[field];
    expectError(await handler.post('/api/v1/service-requests', body), 422, 'invalid_field', field);
  });
}

test('a request with an unknown category, responsible department or date is refused naming the field', async () => {
  expectError(await handler.post('/api/v1/service-requests', request({ category: 'bribery' })),
    422, 'invalid_field', 'category');
  expectError(await handler.post('/api/v1/service-requests', request({ dept_id: 999999 })),
    422, 'invalid_field', 'dept_id');
  expectError(await handler.post('/api/v1/service-requests', request({ received_on: '2030-02-30' })),
    422, 'invalid_field', 'received_on');
});

test('a resolved request needs its resolution and date, not before the receipt; an open one has no date', async () => {
  expectError(await handler.post('/api/v1/service-requests',
    request({ status: 'resolved', resolved_on: '2030-03-08' })), 422, 'invalid_field', 'resolution');
  expectError(await handler.post('/api/v1/service-requests',
    request({ status: 'resolved', resolution: '已协调' })), 422, 'invalid_field', 'resolved_on');
  expectError(await handler.post('/api/v1/service-requests',
    request({ status: 'resolved', resolution: '已协调', resolved_on: '2030-03-01' })), 422, 'invalid_field', 'resolved_on');
  expectError(await handler.post('/api/v1/service-requests',
    request({ status: 'in_progress', resolved_on: '2030-03-08' })), 422, 'invalid_field', 'resolved_on');
});

// ---- time taken in working days (calendar module, DOMAIN.md §1-2) ----

test('time taken counts working days after receipt: 2023-09-28 -> 2023-10-09 across 中秋国庆 is 3, not 11 days', async () => {
  // State Council notice 2023: 9-29..10-06 off, Sat 10-07 and Sun 10-08 are make-up
  // working days. After Thu 9-28: 10-07, 10-08, 10-09 -> 3 (weekdays alone would give 7).
  const r = await created(await handler.post('/api/v1/service-requests', request({
    received_on: '2023-09-28', status: 'resolved', resolution: '协调供电公司完成增容', resolved_on: '2023-10-09',
  })));
  assert.equal(r.working_days, 3);
  assert.equal(r.status_label, '已办结');
  assert.equal(r.source, 'shuangwan');
  // an ordinary week: Mon 2023-09-18 -> Wed 09-20 is 2; resolved the same day is 0
  const w = await created(await handler.post('/api/v1/service-requests', request({
    received_on: '2023-09-18', status: 'resolved', resolution: '当面解答', resolved_on: '2023-09-20',
  })));
  assert.equal(w.working_days, 2);
  const same = await created(await handler.post('/api/v1/service-requests', request({
    received_on: '2023-09-18', status: 'resolved', resolution: '当面解答', resolved_on: '2023-09-18',
  })));
  assert.equal(same.working_days, 0);
});

test('the time taken is computed by the server, is empty while open, and is not guessed for a year without a calendar', async () => {
  const open = await created(await handler.post('/api/v1/service-requests', request({ working_days: 99 })));
  assert.equal(open.working_days, null);
  assert.equal(open.status, 'received');
  const done = await handler.put(`/api/v1/service-requests/${open.id}`, {
    version: open.version, status: 'resolved', resolution: '已解决', resolved_on: '2030-03-20', working_days: 1,
  });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.working_days, null, '2030 has no calendar loaded: no weekend-only guess');
  const stale = await handler.put(`/api/v1/service-requests/${open.id}`, { version: open.version, problem: 'x' });
  expectError(stale, 409, 'version_conflict', 'version');
  // resolving in a loaded year computes it on update
  const r = await created(await handler.post('/api/v1/service-requests', request({ received_on: '2024-09-30' })));
  const u = await handler.put(`/api/v1/service-requests/${r.id}`, {
    version: r.version, status: 'resolved', resolution: '已解决', resolved_on: '2024-10-08',
  });
  assert.equal(u.status, 200, u.text);
  // 2024: 10-01..10-07 off; after Mon 09-30: 10-08 -> 1
  assert.equal(u.body.working_days, 1);
});

// ---- data scope ----

test('a request is seen by its receiving and its responsible department, not by others', async () => {
  const r = await created(await handler.post('/api/v1/service-requests',
    request({ problem: '范围测试：规划建设部负责的诉求' })));
  assert.equal(r.recv_dept_id, deptId('HMSC-SVC'), 'received by the writer\'s department');
  const q = `/api/v1/service-requests?q=${encodeURIComponent('范围测试')}`;
  for (const [who, c, n] of [['handler (企业服务部, receiving)', handler, 1], ['handler3 (规划建设部, responsible)', handler3, 1],
    ['handler2 (综合执法部)', handler2, 0], ['viewer (综合办公室)', viewer, 0], ['leader (all)', leader, 1]]) {
    const l = await c.get(q);
    assert.equal(l.status, 200, l.text);
    assert.equal(l.body.total, n, who);
  }
  expectError(await handler2.get(`/api/v1/service-requests/${r.id}`), 404, 'not_found');
  expectError(await handler2.put(`/api/v1/service-requests/${r.id}`, { version: r.version, status: 'in_progress' }), 404, 'not_found');
  // the responsible department resolves it although the receiving one is outside its scope
  const done = await handler3.put(`/api/v1/service-requests/${r.id}`, {
    version: r.version, status: 'resolved', resolution: '已完成消防验收协调', resolved_on: '2030-03-05',
  });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.recv_dept_id, deptId('HMSC-SVC'));
  // a request cannot be filed as received by a department outside the writer's scope
  expectError(await handler.post('/api/v1/service-requests', request({ recv_dept_id: deptId('HMSC-ENF') })),
    422, 'invalid_field', 'recv_dept_id');
  expectError(await viewer.post('/api/v1/service-requests', request()), 403, 'forbidden');
  expectError(await officer.get('/api/v1/service-requests'), 403, 'forbidden');
});

// ---- visits and their follow-up requests ----

test('a visit needs its visitors and purpose; a follow-up request names a visit of the same enterprise', async () => {
  const base = { enterprise_id: ents[1].id, visited_on: '2030-04-02', visitors: '周晓燕、王建国', purpose: '走访了解用工需求' };
  for (const field of ['enterprise_id', 'visited_on', 'visitors', 'purpose']) {
    const b = { ...base };
    delete b[field];
    expectError(await handler.post('/api/v1/service-visits', b), 422, 'invalid_field', field);
  }
  expectError(await handler.post('/api/v1/service-visits', { ...base, enterprise_id: 999999 }), 422, 'invalid_field', 'enterprise_id');
  const v = await created(await handler.post('/api/v1/service-visits', { ...base, findings: '企业反映招工难' }));
  assert.deepEqual(v.visitors, ['周晓燕', '王建国']);
  assert.equal(v.dept_id, deptId('HMSC-SVC'));
  expectError(await handler.post('/api/v1/service-requests', request({ visit_id: v.id })), 422, 'invalid_field', 'visit_id');
  const fu = await created(await handler.post('/api/v1/service-requests', request({
    enterprise_id: ents[1].id, visit_id: v.id, category: 'talent', problem: '招工难，需对接人社部门', dept_id: deptId('HMSC-SVC'),
  })));
  assert.equal(fu.source, 'visit');
  assert.equal(fu.source_label, '走访发现');
  const again = (await handler.get(`/api/v1/service-visits/${v.id}`)).body;
  assert.equal(again.requests_count, 1);
  assert.deepEqual(again.requests.map((x) => x.id), [fu.id]);
  const list = (await handler.get(`/api/v1/service-requests?visit_id=${v.id}`)).body;
  assert.deepEqual(list.items.map((x) => x.id), [fu.id]);
  // visits follow the organiser's department
  expectError(await handler2.get(`/api/v1/service-visits/${v.id}`), 404, 'not_found');
});

// ---- 信易贷 promotion ----

test('信易贷 contacts: channel required, application amount only once applied, granted amount exactly when granted', async () => {
  const base = { enterprise_id: ents[2].id, contacted_on: '2030-05-06', channel: 'visit', staff: ['周晓燕'] };
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, channel: undefined }), 422, 'invalid_field', 'channel');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, channel: 'fax' }), 422, 'invalid_field', 'channel');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, enterprise_id: 999999 }), 422, 'invalid_field', 'enterprise_id');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, outcome: 'informed', applied_amount: 100 }),
    422, 'invalid_field', 'applied_amount');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, outcome: 'granted', applied_amount: 100 }),
    422, 'invalid_field', 'granted_amount');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, outcome: 'applied', granted_amount: 50 }),
    422, 'invalid_field', 'granted_amount');
  expectError(await handler.post('/api/v1/financing-contacts', { ...base, need_amount: -1 }), 422, 'invalid_field', 'need_amount');
  const g = await created(await handler.post('/api/v1/financing-contacts', {
    ...base, financing_need: '流动资金', need_amount: 300, outcome: 'granted', applied_amount: 300, granted_amount: 199.999, lender: '天津农商银行',
  }));
  assert.equal(g.granted_amount, 200);
  assert.equal(g.outcome_label, '已获得贷款');
  assert.equal(g.channel_label, '上门走访');
  expectError(await handler2.get(`/api/v1/financing-contacts/${g.id}`), 404, 'not_found');
});

// ---- exports ----

test('the three exports are real XLSX files with Chinese headers, the filtered rows, and the actor\'s scope', async () => {
  await created(await handler.post('/api/v1/service-requests', request({ problem: '导出测试：道路照明' })));
  const d = await download(handler, `/api/v1/service-requests/export.xlsx?q=${encodeURIComponent('导出测试')}`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), XLSX);
  let rows = readXlsx(d.buf);
  assert.equal(rows[0].A, '企业名称');
  assert.ok(Object.values(rows[0]).includes('办理用时（工作日）'));
  assert.equal(rows.length, 2);
  assert.equal(rows[1].E, '导出测试：道路照明');
  assert.equal(readXlsx((await download(handler2, `/api/v1/service-requests/export.xlsx?q=${encodeURIComponent('导出测试')}`)).buf).length, 1,
    'handler2 exports only its scope');
  rows = readXlsx((await download(handler, '/api/v1/service-visits/export.xlsx?from=2030-01-01')).buf);
  assert.equal(rows[0].C, '走访日期');
  assert.ok(rows.some((x) => x.F === '走访了解用工需求'));
  rows = readXlsx((await download(handler, '/api/v1/financing-contacts/export.xlsx?outcome=granted&from=2030-01-01')).buf);
  assert.equal(rows[0].I, '对接结果');
  assert.equal(rows.length, 2);
  assert.equal(rows[1].K, '200');
  expectError(await handler.get('/api/v1/service-requests/export.xlsx?from=2030-13-01'), 422, 'invalid_field', 'from');
});

// ---- statistics and the enterprise's page ----

test('GET /api/v1/registries/stats counts the service registers of the period by kind and status, within the scope', async () => {
  const from = '2031-01-01', to = '2031-12-31';
  const e = ents[3].id;
  const mk = (c, extra) => c.post('/api/v1/service-requests', request({ enterprise_id: e, received_on: '2031-02-03', ...extra }));
  await created(await mk(handler, { category: 'policy' }));
  await created(await mk(handler, { category: 'policy', status: 'in_progress' }));
  await created(await mk(handler, { category: 'financing', status: 'resolved', resolution: '已对接银行', resolved_on: '2031-02-10' }));
  await created(await mk(handler2, { category: 'safety', dept_id: deptId('HMSC-ENF') }));
  const v = await created(await handler.post('/api/v1/service-visits', { enterprise_id: e, visited_on: '2031-03-01', visitors: ['周晓燕'], purpose: '回访' }));
  await created(await mk(handler, { category: 'other', visit_id: v.id }));
  await created(await handler.post('/api/v1/financing-contacts', { enterprise_id: e, contacted_on: '2031-03-02', channel: 'lecture', outcome: 'registered' }));
  await created(await handler.post('/api/v1/financing-contacts', { enterprise_id: e, contacted_on: '2031-04-02', channel: 'visit', outcome: 'granted', applied_amount: 100, granted_amount: 80.5 }));

  const s = (await leader.get(`/api/v1/registries/stats?from=${from}&to=${to}`)).body;
  assert.equal(s.service_requests.received, 5);
  assert.deepEqual(s.service_requests.by_status, { received: 3, in_progress: 1, resolved: 1 });
  assert.equal(s.service_requests.by_category.policy, 2);
  assert.equal(s.service_requests.by_category.safety, 1);
  assert.equal(s.service_requests.by_source.visit, 1);
  assert.equal(s.service_requests.by_source.shuangwan, 4);
  assert.equal(s.service_requests.resolved, 1);
  assert.equal(s.service_requests.working_days_avg, null, '2031 has no calendar');
  assert.equal(s.service_requests.by_dept.find((d) => d.dept_id === deptId('HMSC-ENF')).count, 1);
  assert.deepEqual([s.service_visits.count, s.service_visits.enterprises, s.service_visits.follow_up_requests], [1, 1, 1]);
  assert.equal(s.financing.count, 2);
  assert.equal(s.financing.granted_enterprises, 1);
  assert.equal(s.financing.granted_amount, 80.5);
  assert.equal(s.financing.by_channel.lecture, 1);
  assert.equal(s.financing.by_outcome.granted, 1);
  // handler2 (综合执法部) sees only the request it received
  const s2 = (await handler2.get(`/api/v1/registries/stats?from=${from}&to=${to}`)).body;
  assert.equal(s2.service_requests.received, 1);
  assert.equal(s2.financing.count, 0);
  // the 2023 average of the demo is computed from the stored working days
  const y = (await leader.get('/api/v1/registries/stats?from=2023-01-01&to=2023-12-31')).body.service_requests;
  const items = (await leader.get('/api/v1/service-requests?from=2023-01-01&to=2023-12-31&status=resolved&page_size=200')).body.items;
  const timed = items.filter((x) => x.working_days !== null);
  assert.equal(y.resolved, items.length);
  assert.equal(y.working_days_total, timed.reduce((a, x) => a + x.working_days, 0));
});

test('demo 2023 follows the report: every enterprise briefed on the 双万双服 platform heard the 信易贷 presentation', async () => {
  // report 一(五): briefings for newcomers, 76 credit letters, "同步开展企业信易贷平台宣传工作"
  const s = (await leader.get('/api/v1/registries/stats?from=2023-01-01&to=2023-12-31')).body;
  assert.equal(s.commitments.signed_by_new_enterprises, 76);
  assert.equal(s.briefings.enterprises, 76);
  assert.equal(s.financing.by_channel.lecture, 76);
  assert.equal(s.financing.enterprises, 76, 'the loan follow-ups are enterprises that were briefed');
  assert.ok(s.service_requests.received > 0 && s.service_requests.resolved === s.service_requests.received,
    '2023 requests are all resolved');
  assert.ok(s.service_visits.follow_up_requests >= 1);
});

test('GET /api/v1/enterprises/:id/service lists the enterprise\'s requests, visits and 信易贷 contacts', async () => {
  const e = ents[3].id;
  const p = (await handler.get(`/api/v1/enterprises/${e}/service`)).body;
  assert.equal(p.enterprise.id, e);
  assert.ok(p.requests.length >= 4);
  assert.ok(p.requests.every((x) => x.enterprise_id === e));
  assert.ok(p.visits.length >= 1);
  assert.ok(p.financing.length >= 2);
  const p2 = (await handler2.get(`/api/v1/enterprises/${e}/service`)).body;
  assert.ok(p2.requests.length < p.requests.length, 'scope applies on the enterprise page too');
  expectError(await handler.get('/api/v1/enterprises/999999/service'), 404, 'not_found');
});

// ---- scanned commitment letters ----

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj<</Type/Catalog>>endobj\n', 'latin1'),
  Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 31 + 7) % 256)), Buffer.from('\n%%EOF\n')]);

async function postScan(c, id, content, name = '承诺书扫描件.pdf', type = 'application/pdf') {
  const form = new FormData();
  if (content) form.append('file', new Blob([content], { type }), name);
  else form.append('note', 'no file');
  const r = await fetch(`${srv.url}/api/v1/commitments/${id}/scan`, {
    method: 'POST', body: form, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
  });
  const text = await r.text();
  let body = null;
  try { body = JSON.parse(text); } catch { body = null; }
  return { status: r.status, body, text };
}

test('a commitment scan uploads into the file store, downloads byte-identical, and its hashes enter the audit log', async () => {
  const cm = (await handler.get('/api/v1/commitments?page_size=1')).body.items[0];
  const r = await postScan(handler, cm.id, PDF);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.sha256, createHash('sha256').update(PDF).digest('hex'));
  assert.equal(r.body.sm3, createHash('sm3').update(PDF).digest('hex'));
  assert.equal(r.body.size, PDF.length);
  assert.equal(r.body.content_type, 'application/pdf');
  const f = await fetch(`${srv.url}/api/v1/commitments/${cm.id}/scan`, { headers: { cookie: viewer.cookie } });
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.ok(Buffer.from(await f.arrayBuffer()).equals(PDF), 'byte-identical round trip');
  const letter = (await handler.get(`/api/v1/commitments/${cm.id}`)).body;
  assert.equal(letter.scan.sha256, r.body.sha256);
  assert.equal(letter.scan.filename, '承诺书扫描件.pdf');
  const audit = (await admin.get('/api/v1/audit?action=commitment.scan&page_size=5')).body.items;
  assert.ok(audit.some((e) => e.detail.sha256 === r.body.sha256 && e.detail.sm3 === r.body.sm3 && e.detail.commitment_id === cm.id));
  assert.equal(fazhi(['audit', 'verify', '--db', srv.db]).status, 0);
});

test('a scan must be a PDF or an image: text, an empty form, an unknown letter and a read-only user are refused', async () => {
  const cm = (await handler.get('/api/v1/commitments?page_size=2')).body.items[1];
  expectError(await postScan(handler, cm.id, Buffer.from('not a scan'), 'a.txt', 'text/plain'), 422, 'invalid_field', 'file');
  expectError(await postScan(handler, cm.id, null), 422, 'invalid_field', 'file');
  expectError(await postScan(handler, 999999, PDF), 404, 'not_found');
  assert.equal((await postScan(viewer, cm.id, PDF)).status, 403);
  expectError(await handler.get(`/api/v1/commitments/${cm.id}/scan`), 404, 'not_found');
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('rest of the image')]);
  const r = await postScan(handler, cm.id, png, 'scan.png', 'application/octet-stream');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.content_type, 'image/png', 'the type comes from the content');
});

test('fazhi audit verify re-hashes the stored scans: a scan altered on disk is named', () => {
  const cm = sqlite(srv.db, 'SELECT id, commitment_id, sha256 FROM commitment_scans ORDER BY id LIMIT 1;', { json: true }).rows[0];
  assert.ok(cm, 'a scan was uploaded above');
  const stored = join(filesDir(srv.db), 'sha256', cm.sha256.slice(0, 2), cm.sha256);
  const before = readFileSync(stored);
  chmodSync(stored, 0o644);
  writeFileSync(stored, Buffer.concat([before.subarray(0, 10), Buffer.from('x'), before.subarray(11)]));
  const v = fazhi(['audit', 'verify', '--db', srv.db]);
  writeFileSync(stored, before);
  assert.notEqual(v.status, 0, v.stdout);
  assert.match(v.stdout, new RegExp(`TAMPERED: commitment scan #${cm.id} of letter #${cm.commitment_id}`));
  assert.equal(fazhi(['audit', 'verify', '--db', srv.db]).status, 0, 'restored: verifies again');
});

test('every write left the database consistent and the server clean', () => {
  checkIntegrity(srv.db);
  assert.equal(sanitizerReport(srv.stderr()), '');
});

test('the scan hash is protected by the Merkle log: altering the recorded hash fails audit verify', async () => {
  await srv.stop({ keep: true });
  const rows = sqlite(srv.db, "SELECT seq, detail FROM audit_log WHERE action = 'commitment.scan' ORDER BY seq LIMIT 1;", { json: true }).rows;
  assert.equal(rows.length, 1);
  assert.equal(fazhi(['audit', 'verify', '--db', srv.db]).status, 0);
  const sha = JSON.parse(rows[0].detail).sha256;
  sqlite(srv.db, `UPDATE audit_log SET detail = replace(detail, '${sha}', '${'0'.repeat(64)}') WHERE seq = ${rows[0].seq};`);
  const v = fazhi(['audit', 'verify', '--db', srv.db]);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout, new RegExp(`TAMPERED: audit entry ${rows[0].seq}`));
});
