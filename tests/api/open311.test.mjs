// open311.test.mjs - the public Open311 GeoReport v2 API at /open311/v2 (docs/open311.md):
// discovery, services and definitions in XML and JSON, POST with the api_key rule (403),
// unknown service (404), validation (400, several errors at once), the work order behind
// a request followed through the staff lifecycle to "closed" with the reply as
// status_notes, the GET requests filters and the 90-day limit, tokens, the Spark JSON
// mapping, no personal data in public output, the audit entry, and the key CLI.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, loggedIn, fazhi } from '../lib/server.mjs';
import { sqlite, checkIntegrity, sanitizerReport } from './helpers.mjs';

const B = '/open311/v2';
const PII = { first_name: '晓明', last_name: '欧阳', phone: '13911112222', email: 'ouyang@example.cn' };
const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
let srv, key, handler, leader, admin, svcDept;

before(async () => {
  srv = await startServer();
  const k = fazhi(['open311', 'key', 'add', 'test-app', '--db', srv.db]);
  assert.equal(k.status, 0, k.stderr);
  key = k.stdout.trim();
  [handler, leader, admin] = await Promise.all(['handler', 'leader', 'admin'].map((u) => loggedIn(srv.url, u)));
  svcDept = (await admin.get('/api/v1/departments')).body.items.find((d) => d.code === 'HMSC-SVC').id;
});
after(async () => { await srv?.stop(); });

async function get(path) {
  const r = await fetch(srv.url + path);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = null; }
  return { status: r.status, ct: r.headers.get('content-type'), text, json };
}

async function post(path, fields) {
  const r = await fetch(srv.url + path, { method: 'POST', body: new URLSearchParams(fields) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = null; }
  return { status: r.status, ct: r.headers.get('content-type'), text, json };
}

// xml(r): a well-formed UTF-8 XML document without a namespace (xmllint when installed)
function xml(r) {
  assert.equal(r.ct, 'text/xml; charset=utf-8');
  assert.ok(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n'), r.text.slice(0, 80));
  assert.ok(!/xmlns/.test(r.text), 'no namespace');
  if (HAS_XMLLINT) {
    const l = spawnSync('xmllint', ['--noout', '-'], { input: r.text, encoding: 'utf8' });
    assert.equal(l.status, 0, l.stderr);
  } else {
    const tags = [...r.text.matchAll(/<(\/?)([a-z_]+)(\/?)>/g)];
    const stack = [];
    for (const [, close, name, self] of tags) {
      if (self) continue;
      if (close) assert.equal(stack.pop(), name);
      else stack.push(name);
    }
    assert.equal(stack.length, 0);
  }
  return r.text;
}

const tagValues = (text, tag) => [...text.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

// xmlErrors(r, status): the response is <errors> with that status; returns the codes
function xmlErrors(r, status) {
  assert.equal(r.status, status, r.text);
  const t = xml(r);
  assert.match(t, /<errors>\s*<error>\s*<code>\d+<\/code>\s*<description>[^<]+<\/description>\s*<\/error>/);
  return tagValues(t, 'code').map(Number);
}

function jsonErrors(r, status) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.ct, 'application/json; charset=utf-8');
  assert.ok(Array.isArray(r.json), r.text);
  for (const e of r.json) {
    assert.equal(typeof e.code, 'number');
    assert.ok(typeof e.description === 'string' && e.description.length > 0);
  }
  return r.json.map((e) => e.code);
}

const good = (extra = {}) => ({
  api_key: key, jurisdiction_id: 'hmsc.gov.cn', service_code: 'help', lat: '39.1234567', long: '117.3456789',
  address_string: '华明街道华明大道 12 号', description: '小区门口路灯不亮\n已经三天了', ...PII, ...extra,
});

async function created(extra) {
  const r = await post(`${B}/requests.json`, good(extra));
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json));
  return r.json[0].service_request_id;
}

async function staffId(no) {
  const r = await handler.get(`/api/v1/workorders?q=${encodeURIComponent(no)}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 1);
  return r.body.items[0].id;
}

test('GET discovery.xml -> 200 text/xml <discovery> with changeset, contact, key_service and one GeoReport v2 endpoint in both formats', async () => {
  const t = xml(await get(`${B}/discovery.xml`));
  assert.match(t, /<discovery>/);
  for (const tag of ['changeset', 'contact', 'key_service']) assert.ok(tagValues(t, tag)[0], tag);
  assert.match(tagValues(t, 'changeset')[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  assert.deepEqual(tagValues(t, 'specification'), ['http://wiki.open311.org/GeoReport_v2']);
  assert.deepEqual(tagValues(t, 'format'), ['text/xml', 'application/json']);
  assert.match(tagValues(t, 'url')[0], /^http:\/\/127\.0\.0\.1:\d+\/open311\/v2$/);
  assert.match(t, /jurisdiction_id/);
});

test('GET discovery.json -> the same object in JSON: endpoints and formats are arrays', async () => {
  const r = await get(`${B}/discovery.json`);
  assert.equal(r.status, 200);
  assert.equal(r.ct, 'application/json; charset=utf-8');
  assert.ok(!Array.isArray(r.json));
  assert.ok(r.json.changeset && r.json.contact && r.json.key_service);
  assert.equal(r.json.endpoints.length, 1);
  assert.deepEqual(r.json.endpoints[0].formats, ['text/xml', 'application/json']);
  assert.equal(r.json.endpoints[0].type, 'production');
  assert.equal(r.json.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
});

test('GET services.xml -> well-formed <services> of the published categories, realtime, metadata true where attributes exist', async () => {
  const t = xml(await get(`${B}/services.xml?jurisdiction_id=`));
  assert.match(t, /^<\?xml[^>]*>\n<services>/);
  const codes = tagValues(t, 'service_code');
  for (const c of ['consult', 'help', 'complaint', 'report', 'suggestion']) assert.ok(codes.includes(c), c);
  assert.ok(tagValues(t, 'type').every((x) => x === 'realtime'));
  const j = (await get(`${B}/services.json`)).json;
  assert.ok(Array.isArray(j), 'services JSON is a top-level array');
  assert.equal(j.find((s) => s.service_code === 'complaint').metadata, true);
  assert.equal(j.find((s) => s.service_code === 'suggestion').metadata, false);
  const c = j.find((s) => s.service_code === 'complaint');
  assert.deepEqual(Object.keys(c), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  assert.equal(c.service_name, '投诉');
});

test('GET services/{code}: the definition lists attributes by order with datatypes, required flags and list values', async () => {
  const t = xml(await get(`${B}/services/complaint.xml`));
  assert.match(t, /<service_definition>\s*<service_code>complaint<\/service_code>\s*<attributes>/);
  assert.deepEqual(tagValues(t, 'code'), ['happened_at', 'location_detail']);
  assert.deepEqual(tagValues(t, 'datatype'), ['datetime', 'string']);
  assert.deepEqual(tagValues(t, 'required'), ['true', 'false']);
  const r = (await get(`${B}/services/report.json`)).json;
  assert.equal(r.service_code, 'report');
  const type = r.attributes.find((a) => a.code === 'report_type');
  assert.equal(type.datatype, 'singlevaluelist');
  assert.equal(type.required, true);
  assert.equal(type.variable, true);
  assert.equal(type.order, 1);
  assert.ok(type.values.some((v) => v.key === 'noise' && v.name === '噪声扰民'));
  const info = (await get(`${B}/services/consult.json`)).json.attributes[0];
  assert.equal(info.variable, false, 'an informational attribute');
  const none = (await get(`${B}/services/praise.json`)).json;
  assert.deepEqual(none.attributes, []);
});

test('GET services/{unknown}.xml -> 404 in the <errors> format; a bad suffix -> 400', async () => {
  assert.deepEqual(xmlErrors(await get(`${B}/services/nope.xml`), 404), [404]);
  assert.deepEqual(jsonErrors(await get(`${B}/services/nope.json`), 404), [404]);
  assert.deepEqual(xmlErrors(await get(`${B}/services/complaint.csv`), 400), [400]);
  assert.deepEqual(xmlErrors(await get(`${B}/services/complaint`), 400), [400]);
});

test('POST requests.xml without api_key -> 403 <errors><error><code>403</code>...; JSON -> [{"code":403,...}]', async () => {
  const { api_key: _, ...nokey } = good();
  assert.deepEqual(xmlErrors(await post(`${B}/requests.xml`, nokey), 403), [403]);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, nokey), 403), [403]);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, { ...nokey, api_key: '' }), 403), [403]);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, { ...nokey, api_key: 'f'.repeat(48) }), 403), [403]);
});

test('POST with a revoked key -> 403; fazhi open311 key revoke is audited', async () => {
  const k = fazhi(['open311', 'key', 'add', 'old-app', '--db', srv.db]);
  assert.equal(k.status, 0, k.stderr);
  const old = k.stdout.trim();
  assert.match(old, /^[0-9a-f]{48}$/);
  assert.equal((await post(`${B}/requests.json`, good({ api_key: old }))).status, 200);
  assert.equal(fazhi(['open311', 'key', 'revoke', 'old-app', '--db', srv.db]).status, 0);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, good({ api_key: old })), 403), [403]);
  assert.notEqual(fazhi(['open311', 'key', 'revoke', 'old-app', '--db', srv.db]).status, 0, 'twice');
  const list = fazhi(['open311', 'key', 'list', '--db', srv.db]);
  assert.match(list.stdout, /^old-app\s+revoked/m);
  assert.match(list.stdout, /^test-app\s+active/m);
  const a = await admin.get('/api/v1/audit?action=open311.key_revoke');
  assert.equal(a.status, 200, a.text);
  assert.ok(a.body.items.some((e) => e.summary.includes('old-app')), a.text);
});

test('fazhi open311 key add stores only the SHA-256 of the key and refuses a name in use', () => {
  const rows = sqlite(srv.db, "SELECT key_hash FROM open311_keys WHERE name = 'test-app';", { json: true }).rows;
  assert.equal(rows.length, 1);
  assert.match(rows[0].key_hash, /^[0-9a-f]{64}$/);
  assert.notEqual(rows[0].key_hash, key);
  const dump = sqlite(srv.db, '.dump open311_keys').stdout;
  assert.ok(!dump.includes(key), 'the key itself is not stored');
  const again = fazhi(['open311', 'key', 'add', 'test-app', '--db', srv.db]);
  assert.notEqual(again.status, 0);
  assert.equal(again.stdout, '');
  for (const flag of ['--help', '-h']) {
    const h = fazhi(['open311', flag]);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /^usage: fazhi open311/);
  }
});

test('POST with an unknown service_code -> 404; without service_code -> 400', async () => {
  assert.deepEqual(xmlErrors(await post(`${B}/requests.xml`, good({ service_code: 'potholes' })), 404), [404]);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, good({ service_code: '' })), 400), [400]);
});

test('POST without a location (no lat/long, address_string or address_id) -> 400', async () => {
  const r = await post(`${B}/requests.xml`, good({ lat: '', long: '', address_string: '' }));
  assert.deepEqual(xmlErrors(r, 400), [400]);
  assert.match(r.text, /lat 和 long，或 address_string，或 address_id/);
  const ok = await post(`${B}/requests.json`, good({ lat: '', long: '', address_string: '', address_id: 'A-1001' }));
  assert.equal(ok.status, 200, ok.text);
});

test('POST with several bad fields -> 400 listing every error at once', async () => {
  const r = await post(`${B}/requests.json`, good({
    service_code: 'complaint', lat: '91', description: 'x'.repeat(4001), email: 'not-an-email', media_url: 'javascript:alert(1)',
  }));
  const codes = jsonErrors(r, 400);
  assert.ok(codes.length >= 5, r.text);
  const text = r.json.map((e) => e.description).join('\n');
  for (const w of ['lat', 'description', 'email', 'media_url', 'attribute[happened_at]']) assert.ok(text.includes(w), `${w} in ${text}`);
  assert.deepEqual(jsonErrors(await post(`${B}/requests.json`, good({ long: '' })), 400), [400], 'lat without long');
});

test('attributes are validated: required, datatype, value in list; an accepted one lands in the work order', async () => {
  const base = good({ service_code: 'report', description: '夜间施工噪声' });
  let r = await post(`${B}/requests.json`, base);
  assert.equal(jsonErrors(r, 400).length, 2, r.text);
  r = await post(`${B}/requests.json`, { ...base, 'attribute[report_type]': 'ufo', 'attribute[location_detail]': '3 号楼' });
  assert.match(jsonErrors(r, 400).length && r.json[0].description, /attribute\[report_type\]/);
  r = await post(`${B}/requests.json`, { ...base, 'attribute[report_type]': 'noise', 'attribute[location_detail]': '3 号楼', 'attribute[happened_at]': '2026-11-20T23:00:00' });
  assert.match(jsonErrors(r, 400) && r.json[0].description, /attribute\[happened_at\]/, 'a date-time without zone');
  r = await post(`${B}/requests.json`, { ...base, 'attribute[report_type]': 'noise', 'attribute[location_detail]': '3 号楼 2 单元', 'attribute[happened_at]': '2026-11-20T23:00:00Z' });
  assert.equal(r.status, 200, r.text);
  const no = r.json[0].service_request_id;
  const w = (await handler.get(`/api/v1/workorders/${await staffId(no)}`)).body;
  assert.equal(w.channel, 'open311');
  assert.equal(w.category, 'report');
  assert.match(w.content, /举报事项类别：噪声扰民/);
  assert.match(w.content, /事发时间：2026-11-21T07:00:00\+08:00/);
  assert.match(w.address, /3 号楼 2 单元/);
  assert.equal(w.subject, '夜间施工噪声');
  const h = await post(`${B}/requests.json`, good({ 'attribute[urgency]': 'urgent' }));
  assert.equal(h.status, 200, h.text);
  const hw = (await handler.get(`/api/v1/workorders/${await staffId(h.json[0].service_request_id)}`)).body;
  assert.equal(hw.urgency, 'urgent', 'the urgency attribute maps to the order urgency');
  assert.equal(hw.citizen_phone, PII.phone, 'staff with workorder:pii see the citizen');
  assert.equal(hw.citizen_name, '欧阳晓明');
  assert.equal(hw.citizen_email, PII.email);
});

test('a multivaluelist attribute added by an admin: changeset moves, attribute[CODE][]= takes several listed keys', async () => {
  const before = (await get(`${B}/discovery.json`)).json.changeset;
  await new Promise((r) => setTimeout(r, 1100));
  const ins = sqlite(srv.db, `INSERT INTO open311_attributes(service_code, code, datatype, required, ord, description, label)
    VALUES ('suggestion', 'topics', 'multivaluelist', 1, 1, '建议涉及的方面', '涉及方面');
    INSERT INTO open311_attribute_values(attribute_id, key, name, sort)
    SELECT id, v.k, v.n, v.s FROM open311_attributes, (SELECT 'traffic' AS k, '交通' AS n, 1 AS s UNION ALL SELECT 'green', '绿化', 2) v
    WHERE service_code = 'suggestion' AND code = 'topics';`);
  assert.equal(ins.status, 0, ins.stderr);
  const after = (await get(`${B}/discovery.json`)).json.changeset;
  assert.ok(after > before, `${before} -> ${after}`);
  assert.equal((await get(`${B}/services.json`)).json.find((x) => x.service_code === 'suggestion').metadata, true);
  const base = Object.entries(good({ service_code: 'suggestion', description: '建议增设公交站' }));
  let r = await post(`${B}/requests.json`, [...base, ['attribute[topics][]', 'traffic'], ['attribute[topics][]', 'green']]);
  assert.equal(r.status, 200, r.text);
  const w = (await handler.get(`/api/v1/workorders/${await staffId(r.json[0].service_request_id)}`)).body;
  assert.match(w.content, /涉及方面：交通、绿化/);
  r = await post(`${B}/requests.json`, [...base, ['attribute[topics][]', 'traffic'], ['attribute[topics][]', 'traffic']]);
  assert.deepEqual(jsonErrors(r, 400), [400], 'a value twice');
  r = await post(`${B}/requests.json`, [...base, ['attribute[topics][]', 'sports']]);
  assert.deepEqual(jsonErrors(r, 400), [400], 'a key not in the list');
  r = await post(`${B}/requests.json`, base);
  assert.match(jsonErrors(r, 400) && r.json[0].description, /attribute\[topics\]/, 'required');
  r = await post(`${B}/requests.json`, [...base, ['attribute[topics][]', 'traffic'], ['description', 'again']]);
  assert.deepEqual(jsonErrors(r, 400), [400], 'only names ending in [] may repeat');
  assert.match(r.json[0].description, /description/);
  sqlite(srv.db, "PRAGMA foreign_keys = ON; DELETE FROM open311_attributes WHERE code = 'topics';");
});

test('a good POST -> 200 [{service_request_id}] at once (realtime); GET requests/{id} shows it open with expected_datetime', async () => {
  const r = await post(`${B}/requests.xml`, good());
  assert.equal(r.status, 200, r.text);
  const t = xml(r);
  assert.match(t, /<service_requests>\s*<request>\s*<service_request_id>GD\d{4}-\d{6}<\/service_request_id>/);
  assert.ok(!/<token>/.test(t), 'realtime: service_request_id, not a token');
  assert.ok(!/<account_id>/.test(t), 'no account_id when none was sent');
  const acc = await post(`${B}/requests.json`, good({ account_id: 'u-42' }));
  assert.equal(acc.json[0].account_id, 'u-42');
  assert.match(acc.json[0].service_notice, /GD\d{4}-\d{6}/);
  const no = tagValues(t, 'service_request_id')[0];
  const one = await get(`${B}/requests/${no}.json`);
  assert.equal(one.status, 200, one.text);
  assert.ok(Array.isArray(one.json) && one.json.length === 1);
  const q = one.json[0];
  assert.equal(q.service_request_id, no);
  assert.equal(q.status, 'open');
  assert.equal(q.status_notes, null);
  assert.equal(q.service_code, 'help');
  assert.equal(q.service_name, '求助');
  assert.equal(q.description, '小区门口路灯不亮\n已经三天了');
  assert.equal(q.address, '华明街道华明大道 12 号');
  assert.equal(q.lat, 39.1234567);
  assert.equal(q.long, 117.3456789);
  for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
    assert.match(q[f], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/, f);
  }
  assert.ok(q.expected_datetime > q.requested_datetime);
  const x = xml(await get(`${B}/requests/${no}.xml`));
  assert.deepEqual(tagValues(x, 'status'), ['open']);
  assert.match(x, /<status_notes><\/status_notes>/);
  assert.match(x, /<lat>39.1234567<\/lat>/);
  assert.deepEqual(xmlErrors(await get(`${B}/requests/GD1999-999999.xml`), 404), [404]);
  assert.deepEqual(xmlErrors(await get(`${B}/requests/${no}.txt`), 400), [400]);
});

test('staff act on the order (dispatch ... reply) and the Open311 status becomes closed with the reply as status_notes', async () => {
  const no = await created();
  const id = await staffId(no);
  const reply = '已安排维修人员更换路灯，当晚恢复照明。';
  const steps = [
    [handler, { action: 'dispatch', dept_id: svcDept }], [handler, { action: 'sign' }], [handler, { action: 'start' }],
    [handler, { action: 'draft', reply }], [leader, { action: 'review', approve: true }], [handler, { action: 'reply' }],
  ];
  for (const [c, body] of steps) {
    const r = await c.post(`/api/v1/workorders/${id}/actions`, body);
    assert.equal(r.status, 200, `${body.action}: ${r.text}`);
    if (body.action === 'sign') {
      const mid = (await get(`${B}/requests/${no}.json`)).json[0];
      assert.equal(mid.status, 'open');
      assert.equal(mid.agency_responsible, '企业服务部');
    }
  }
  const q = (await get(`${B}/requests/${no}.json`)).json[0];
  assert.equal(q.status, 'closed');
  assert.equal(q.status_notes, reply);
  const x = xml(await get(`${B}/requests/${no}.xml`));
  assert.deepEqual(tagValues(x, 'status'), ['closed']);
  assert.deepEqual(tagValues(x, 'status_notes'), [reply]);
});

test('GET requests filters: status, service_code, start_date/end_date, service_request_id overriding the rest', async () => {
  const open = await created({ service_code: 'consult', description: '筛选测试（咨询）' });
  const closed = await created({ description: '筛选测试（已答复）' });
  const id = await staffId(closed);
  for (const [c, body] of [[handler, { action: 'dispatch', dept_id: svcDept }], [handler, { action: 'sign' }], [handler, { action: 'start' }],
    [handler, { action: 'draft', reply: '已答复' }], [leader, { action: 'review', approve: true }], [handler, { action: 'reply' }]]) {
    assert.equal((await c.post(`/api/v1/workorders/${id}/actions`, body)).status, 200);
  }
  const ids = async (qs) => {
    const r = await get(`${B}/requests.json?${qs}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json));
    return r.json.map((x) => x.service_request_id);
  };
  let l = await ids('status=open');
  assert.ok(l.includes(open) && !l.includes(closed));
  l = await ids('status=closed');
  assert.ok(!l.includes(open) && l.includes(closed));
  l = await ids('status=open,closed');
  assert.ok(l.includes(open) && l.includes(closed));
  l = await ids('status=');
  assert.ok(l.includes(open) && l.includes(closed), 'an empty argument is absent');
  l = await ids('service_code=consult');
  assert.ok(l.includes(open) && !l.includes(closed));
  l = await ids('service_code=consult,help');
  assert.ok(l.includes(open) && l.includes(closed));
  const today = new Date();
  const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');
  const from = iso(new Date(today.getTime() - 86400000)), to = iso(new Date(today.getTime() + 86400000));
  l = await ids(`start_date=${from}&end_date=${to}`);
  assert.ok(l.includes(open) && l.includes(closed));
  l = await ids(`start_date=${encodeURIComponent('2020-01-01T00:00:00+08:00')}&end_date=${encodeURIComponent('2020-03-01T00:00:00+08:00')}`);
  assert.deepEqual(l, []);
  l = await ids(`service_request_id=${open},${closed}&status=open&service_code=report&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z`);
  assert.deepEqual(l.sort(), [open, closed].sort(), 'service_request_id overrides every other argument');
  const all = (await get(`${B}/requests.json`)).json;
  assert.ok(all.length >= 2 && all.length <= 1000);
  assert.ok(all.every((x) => x.requested_datetime >= iso(new Date(today.getTime() - 91 * 86400000)).slice(0, 10)));
});

test('GET requests with a range over 90 days, end before start, a bad date or a bad status -> 400', async () => {
  assert.deepEqual(xmlErrors(await get(`${B}/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`), 400), [400]);
  assert.deepEqual(jsonErrors(await get(`${B}/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`), 400), [400]);
  assert.deepEqual(jsonErrors(await get(`${B}/requests.json?start_date=yesterday`), 400), [400]);
  assert.deepEqual(jsonErrors(await get(`${B}/requests.json?start_date=2026-11-01T00:00:00`), 400), [400], 'no zone');
  assert.deepEqual(jsonErrors(await get(`${B}/requests.json?status=pending&end_date=x`), 400), [400, 400], 'both errors');
  const ok = await get(`${B}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-03-31T00:00:00Z`);
  assert.equal(ok.status, 200, '89 days is fine');
});

test('GET tokens/{token} -> [{service_request_id, token}]; an unknown token -> 404', async () => {
  const no = await created({ description: '令牌测试' });
  const rows = sqlite(srv.db, `SELECT r.token FROM open311_requests r JOIN workorders w ON w.id = r.wo_id WHERE w.no = '${no}';`, { json: true }).rows;
  assert.equal(rows.length, 1);
  const token = rows[0].token;
  assert.match(token, /^[0-9a-f]{32}$/);
  const j = await get(`${B}/tokens/${token}.json`);
  assert.equal(j.status, 200, j.text);
  assert.deepEqual(j.json, [{ service_request_id: no, token }]);
  const x = xml(await get(`${B}/tokens/${token}.xml`));
  assert.match(x, new RegExp(`<service_requests>\\s*<request>\\s*<service_request_id>${no}</service_request_id>\\s*<token>${token}</token>`));
  assert.deepEqual(xmlErrors(await get(`${B}/tokens/${'0'.repeat(32)}.xml`), 404), [404]);
});

test('JSON is the Spark mapping: lists are top-level arrays, discovery and service_definition objects', async () => {
  for (const p of ['services.json', 'requests.json', 'services/nope.json']) assert.ok(Array.isArray((await get(`${B}/${p}`)).json), p);
  for (const p of ['discovery.json', 'services/help.json']) {
    const j = (await get(`${B}/${p}`)).json;
    assert.ok(j && typeof j === 'object' && !Array.isArray(j), p);
  }
});

test('public output holds no citizen name, phone or e-mail (list and single request, XML and JSON)', async () => {
  const no = await created({ description: '隐私测试' });
  for (const p of [`requests/${no}.json`, `requests/${no}.xml`, 'requests.json', 'requests.xml', `requests.json?service_request_id=${no}`]) {
    const r = await get(`${B}/${p}`);
    assert.equal(r.status, 200, p);
    for (const v of Object.values(PII)) assert.ok(!r.text.includes(v), `${v} leaked in ${p}`);
    assert.ok(!/citizen|phone|email|first_name|last_name/.test(r.text), p);
  }
  const hotline = await handler.post('/api/v1/workorders', {
    channel: 'hotline', platform_no: 'TJ-O311-1', category: 'help', subject: '热线工单', content: '电话来电', citizen_phone: '13800009999',
  });
  assert.equal(hotline.status, 201, hotline.text);
  assert.deepEqual(xmlErrors(await get(`${B}/requests/${hotline.body.no}.xml`), 404), [404], 'hotline orders are not published');
});

test('unknown resources -> 404, a known one with a bad format or method -> 400, all in the <errors> format', async () => {
  assert.deepEqual(xmlErrors(await get(`${B}/potholes.xml`), 404), [404]);
  assert.deepEqual(jsonErrors(await get(`${B}/potholes.json`), 404), [404]);
  assert.deepEqual(xmlErrors(await get(`${B}/requests.csv`), 400), [400]);
  assert.deepEqual(xmlErrors(await get(`${B}/services`), 400), [400]);
  assert.deepEqual(xmlErrors(await post(`${B}/requests.csv`, good()), 400), [400]);
  assert.deepEqual(xmlErrors(await post(`${B}/services.xml`, good()), 400), [400]);
  assert.deepEqual(xmlErrors(await get(`${B}/foo/bar.xml`), 404), [404]);
  const r = await fetch(`${srv.url}${B}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good()) });
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  const bad = await fetch(`${srv.url}${B}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `api_key=${key}&description=%ZZ` });
  assert.equal(bad.status, 400);
});

test('a POST is audited with the key name; a refused POST writes nothing', async () => {
  const before = sqlite(srv.db, 'SELECT count(*) AS n FROM workorders;', { json: true }).rows[0].n;
  await post(`${B}/requests.json`, good({ api_key: 'nope' }));
  await post(`${B}/requests.json`, good({ lat: '100' }));
  assert.equal(sqlite(srv.db, 'SELECT count(*) AS n FROM workorders;', { json: true }).rows[0].n, before);
  const no = await created({ description: '审计测试' });
  const a = await admin.get('/api/v1/audit?action=open311.request&page_size=50');
  assert.equal(a.status, 200, a.text);
  const e = a.body.items.find((x) => x.summary.includes(no));
  assert.ok(e, a.text);
  assert.ok(e.summary.includes('test-app'));
  assert.equal(e.username, '');
  assert.equal(fazhi(['audit', 'verify', '--db', srv.db]).status, 0);
  const used = sqlite(srv.db, "SELECT last_used_at FROM open311_keys WHERE name = 'test-app';", { json: true }).rows[0];
  assert.ok(used.last_used_at);
});

test('the database is intact after the Open311 writes, and the server stops with no sanitizer report', async () => {
  checkIntegrity(srv.db);
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
