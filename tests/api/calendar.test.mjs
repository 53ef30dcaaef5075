// calendar.test.mjs - the working-day calendar through the API (DOMAIN.md §1, §2.2):
// the workdays/add contract with the yearly and hearing oracles, 401/403, the 422 errors
// (field from/to/date/days, calendar_year_missing naming the year), and an admin loading
// a 2027 notice (201, audited) after which 2027 dates compute; duplicates are 409
// year_loaded, weekday WORK dates 422. The 2027 lists are a TEST FIXTURE, not the notice.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, admin, officer, viewer;

before(async () => {
  srv = await startServer();
  admin = await loggedIn(srv.url, 'admin');
  officer = await loggedIn(srv.url, 'officer1');
  viewer = await loggedIn(srv.url, 'viewer');
});

after(async () => {
  await srv?.stop({ keep: true });
  if (srv) rmSync(srv.dir, { recursive: true, force: true });
});

const workdays = (c, from, to) => c.get(`/api/v1/calendar/workdays?from=${from}&to=${to}`);
const add = (c, date, days) => c.get(`/api/v1/calendar/add?date=${date}&days=${days}`);

// fixture for 2027 (made up for the test: 元旦 Fri 01-01, a 7-day block Sat 02-06 ..
// Fri 02-12, make-up Sun 02-14); 2027 then has 261 - 6 + 1 = 256 working days
const Y2027 = {
  year: 2027,
  notice: '测试用通知（非真实文件）',
  issued: '2026-11-01',
  source: 'calendar.test.mjs fixture',
  off: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
    '2027-02-11', '2027-02-12'],
  work: ['2027-02-14'],
  names: { '2027-01-01': '元旦', '2027-02-14': '春节' },
};

// ---- the contract endpoints ----

test('GET /calendar/workdays counts 2023=249, 2024=251, 2025=248, 2026=248 (DOMAIN §1.2)', async () => {
  for (const [y, n] of [[2023, 249], [2024, 251], [2025, 248], [2026, 248]]) {
    const r = await workdays(viewer, `${y}-01-01`, `${y}-12-31`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { from: `${y}-01-01`, to: `${y}-12-31`, workdays: n });
  }
});

test('GET /calendar/workdays is a closed interval: Spring Festival 2024 02-10..02-18 has 1', async () => {
  assert.equal((await workdays(officer, '2024-02-10', '2024-02-18')).body.workdays, 1);
  assert.equal((await workdays(officer, '2024-02-18', '2024-02-18')).body.workdays, 1);
  assert.equal((await workdays(officer, '2024-02-17', '2024-02-17')).body.workdays, 0);
});

test('GET /calendar/workdays counts 2022-12-31 as covered by the 2023 notice (off)', async () => {
  const r = await workdays(officer, '2022-12-31', '2023-01-03');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.workdays, 1);
});

test('GET /calendar/add: 5 working days after Fri 2025-09-26 is 2025-10-10 (DOMAIN §2.2)', async () => {
  const r = await add(officer, '2025-09-26', 5);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { date: '2025-09-26', days: 5, result: '2025-10-10' });
});

test('GET /calendar/add crosses the year boundary: 2023-12-29 + 2 = 2024-01-03', async () => {
  assert.equal((await add(viewer, '2023-12-29', 2)).body.result, '2024-01-03');
});

test('GET /calendar/add with days=0 returns the date itself', async () => {
  assert.equal((await add(viewer, '2024-02-10', 0)).body.result, '2024-02-10');
});

// ---- authentication and errors ----

test('GET /calendar/workdays without a session -> 401 unauthorized', async () => {
  const anon = new Client(srv.url);
  expectError(await workdays(anon, '2024-01-01', '2024-12-31'), 401, 'unauthorized');
  expectError(await add(anon, '2024-01-01', 1), 401, 'unauthorized');
});

test('GET /calendar/workdays with from missing or not a date -> 422 invalid_field from', async () => {
  expectError(await viewer.get('/api/v1/calendar/workdays?to=2024-01-01'), 422, 'invalid_field', 'from');
  expectError(await workdays(viewer, '2024-02-30', '2024-03-01'), 422, 'invalid_field', 'from');
  expectError(await workdays(viewer, '2024-1-01', '2024-03-01'), 422, 'invalid_field', 'from');
});

test('GET /calendar/workdays with to missing, bad, or before from -> 422 invalid_field to', async () => {
  expectError(await viewer.get('/api/v1/calendar/workdays?from=2024-01-01'), 422, 'invalid_field', 'to');
  expectError(await workdays(viewer, '2024-01-01', 'tomorrow'), 422, 'invalid_field', 'to');
  expectError(await workdays(viewer, '2024-01-02', '2024-01-01'), 422, 'invalid_field', 'to');
});

test('GET /calendar/workdays from an unloaded year -> 422 calendar_year_missing from naming 2022', async () => {
  const r = await workdays(viewer, '2022-06-01', '2023-01-05');
  expectError(r, 422, 'calendar_year_missing', 'from');
  assert.match(r.body.error.message, /2022/);
});

test('GET /calendar/workdays into an unloaded year -> 422 calendar_year_missing to naming 2027', async () => {
  const r = await workdays(viewer, '2026-12-01', '2027-01-05');
  expectError(r, 422, 'calendar_year_missing', 'to');
  assert.match(r.body.error.message, /2027/);
});

test('GET /calendar/add with days missing, negative, over 1000 or junk -> 422 invalid_field days', async () => {
  expectError(await viewer.get('/api/v1/calendar/add?date=2024-01-01'), 422, 'invalid_field', 'days');
  for (const d of ['-1', '1001', 'abc', '1.5']) {
    expectError(await add(viewer, '2024-01-01', d), 422, 'invalid_field', 'days');
  }
  assert.equal((await add(viewer, '2024-01-01', 200)).status, 200);
});

test('GET /calendar/add with a bad date -> 422 invalid_field date; from an unloaded year -> calendar_year_missing date', async () => {
  expectError(await add(viewer, '2024-02-30', 1), 422, 'invalid_field', 'date');
  const r = await add(viewer, '2022-06-01', 1);
  expectError(r, 422, 'calendar_year_missing', 'date');
  assert.match(r.body.error.message, /2022/);
});

test('GET /calendar/add walking into unloaded 2027 -> 422 calendar_year_missing days naming 2027', async () => {
  assert.equal((await add(viewer, '2026-12-30', 1)).body.result, '2026-12-31');
  const r = await add(viewer, '2026-12-30', 3);
  expectError(r, 422, 'calendar_year_missing', 'days');
  assert.match(r.body.error.message, /2027/);
});

// ---- the loaded notices ----

test('GET /calendar/years lists the four seeded notices with their counts', async () => {
  const r = await viewer.get('/api/v1/calendar/years');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 4);
  const by = Object.fromEntries(r.body.items.map((y) => [y.year, y]));
  assert.equal(by[2023].notice, '国办发明电〔2022〕16号');
  assert.equal(by[2026].issued, '2025-11-04');
  assert.deepEqual([2023, 2024, 2025, 2026].map((y) => [by[y].off, by[y].work, by[y].workdays]),
    [[27, 7, 249], [28, 8, 251], [28, 5, 248], [33, 6, 248]]);
});

test('GET /calendar/days?year=2024 lists its off and work days with names', async () => {
  const r = await viewer.get('/api/v1/calendar/days?year=2024');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.notice, '国办发明电〔2023〕7号');
  assert.equal(r.body.total, 36);
  assert.deepEqual(r.body.items.find((d) => d.day === '2024-02-18'),
    { day: '2024-02-18', kind: 'work', name: '春节' });
  assert.deepEqual(r.body.items.find((d) => d.day === '2024-10-01'),
    { day: '2024-10-01', kind: 'off', name: '国庆节' });
});

test('GET /calendar/days with a bad year -> 422 year; an unloaded year -> 404 calendar_year_missing', async () => {
  expectError(await viewer.get('/api/v1/calendar/days'), 422, 'invalid_field', 'year');
  expectError(await viewer.get('/api/v1/calendar/days?year=20x4'), 422, 'invalid_field', 'year');
  expectError(await viewer.get('/api/v1/calendar/days?year=2030'), 404, 'calendar_year_missing', 'year');
});

// ---- loading a year ----

test('POST /calendar/years as a non-admin (officer, viewer) -> 403 forbidden, nothing stored', async () => {
  expectError(await officer.post('/api/v1/calendar/years', Y2027), 403, 'forbidden');
  expectError(await viewer.post('/api/v1/calendar/years', Y2027), 403, 'forbidden');
  expectError(await viewer.get('/api/v1/calendar/days?year=2027'), 404, 'calendar_year_missing');
});

test('POST /calendar/years with a WORK date on a weekday (Mon 2027-01-04) -> 422 invalid_field work', async () => {
  const r = await admin.post('/api/v1/calendar/years', { ...Y2027, work: ['2027-01-04'] });
  expectError(r, 422, 'invalid_field', 'work');
  assert.match(r.body.error.message, /2027-01-04/);
});

test('POST /calendar/years with a date both off and work -> 422 invalid_field work', async () => {
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, work: ['2027-02-06'] }),
    422, 'invalid_field', 'work');
});

test('POST /calendar/years with an impossible or foreign date -> 422 off naming the value', async () => {
  let r = await admin.post('/api/v1/calendar/years', { ...Y2027, off: ['2027-02-30'] });
  expectError(r, 422, 'invalid_field', 'off');
  assert.match(r.body.error.message, /2027-02-30/);
  r = await admin.post('/api/v1/calendar/years', { ...Y2027, off: ['2025-05-01'] });
  expectError(r, 422, 'invalid_field', 'off');
  assert.match(r.body.error.message, /2025-05-01/);
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, off: [] }), 422, 'invalid_field', 'off');
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, off: ['2027-01-01', '2027-01-01'] }),
    422, 'invalid_field', 'off');
});

test('POST /calendar/years with a missing notice or a bad issued date -> 422 naming the field', async () => {
  const { notice, ...noNotice } = Y2027;
  assert.ok(notice);
  expectError(await admin.post('/api/v1/calendar/years', noNotice), 422, 'invalid_field', 'notice');
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, issued: '2026-13-01' }),
    422, 'invalid_field', 'issued');
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, names: { '2027-03-01': 'x' } }),
    422, 'invalid_field', 'names');
});

test('POST /calendar/years for 2027 as admin -> 201 with counts, no warnings, and it is audited', async () => {
  const r = await admin.post('/api/v1/calendar/years', Y2027);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.year, 2027);
  assert.equal(r.body.notice, Y2027.notice);
  assert.equal(r.body.loaded_by, 'admin');
  assert.equal(r.body.off, 8);
  assert.equal(r.body.work, 1);
  assert.equal(r.body.workdays, 256);
  assert.deepEqual(r.body.warnings, []);
  const a = await admin.get('/api/v1/audit?action=calendar.load_year');
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.total, 1);
  assert.equal(a.body.items[0].entity_type, 'calendar_year');
  assert.equal(String(a.body.items[0].entity_id), '2027');
});

test('after loading 2027, add and workdays compute into 2027', async () => {
  assert.equal((await add(officer, '2026-12-30', 3)).body.result, '2027-01-05');
  assert.equal((await add(officer, '2027-02-05', 1)).body.result, '2027-02-14');
  assert.equal((await workdays(officer, '2027-01-01', '2027-12-31')).body.workdays, 256);
  const d = await viewer.get('/api/v1/calendar/days?year=2027');
  assert.equal(d.body.total, 9);
  assert.deepEqual(d.body.items[0], { day: '2027-01-01', kind: 'off', name: '元旦' });
});

test('POST /calendar/years for 2027 again -> 409 year_loaded year', async () => {
  expectError(await admin.post('/api/v1/calendar/years', Y2027), 409, 'year_loaded', 'year');
  expectError(await admin.post('/api/v1/calendar/years', { ...Y2027, year: 2024 }), 409, 'year_loaded', 'year');
});

test('PUT /calendar/years/2027 replaces its days and warns of a 7-day working run (Art. 7)', async () => {
  const body = { ...Y2027, work: ['2027-01-02', '2027-01-03', '2027-02-14'] };
  delete body.year;
  const r = await admin.put('/api/v1/calendar/years/2027', body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.work, 3);
  assert.equal(r.body.workdays, 258);
  assert.equal(r.body.warnings.length, 1);
  assert.match(r.body.warnings[0], /2027-01-02 至 2027-01-08 连续工作 7 天/);
  assert.equal((await workdays(viewer, '2027-01-01', '2027-01-03')).body.workdays, 2);
  const a = await admin.get('/api/v1/audit?action=calendar.replace_year');
  assert.equal(a.body.total, 1);
});

test('PUT /calendar/years/:year with another body year -> 422 year; unloaded year -> 404', async () => {
  expectError(await admin.put('/api/v1/calendar/years/2027', { ...Y2027, year: 2028 }), 422, 'invalid_field', 'year');
  expectError(await admin.put('/api/v1/calendar/years/2030', { ...Y2027, year: 2030, off: ['2030-01-01'], work: [] }),
    404, 'calendar_year_missing', 'year');
  expectError(await officer.put('/api/v1/calendar/years/2027', Y2027), 403, 'forbidden');
});

test('GET /api/v1/openapi.json documents the calendar routes with the notice body schema', async () => {
  const r = await viewer.get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  const op = r.body.paths['/api/v1/calendar/years'].post;
  const schema = op.requestBody.content['application/json'].schema;
  assert.deepEqual(schema.required, ['year', 'notice', 'off']);
  assert.ok(r.body.paths['/api/v1/calendar/workdays'].get);
  assert.ok(r.body.paths['/api/v1/calendar/add'].get);
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
