// teaching.test.mjs - 以案说法 teaching material from closed enforcement cases (issue 7):
// only a closed case yields a draft (else 409), once per case; the party is anonymised
// (the leak check: the party's name, given name, phone, ID number, address and plate never
// appear in any text of the material, also after staff edit it); drafts are edited with a
// version, submitted with a lesson, returned or published, and frozen once published;
// read-only users see only published material; the 以案说法 activity link and learning
// tasks on a published material; permissions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, officer, leader, legal, viewer, handler;
let ids;

before(async () => {
  srv = await startServer();
  [officer, leader, legal, viewer, handler] = await Promise.all(
    ['officer1', 'leader', 'legal', 'viewer', 'handler'].map((u) => loggedIn(srv.url, u)));
  const list = (await officer.get('/api/v1/officers')).body.items;
  ids = Object.fromEntries(list.map((o) => [o.cert_no, o.id]));
});
after(async () => { await srv?.stop(); });

const pair = () => [ids['津东执12010001'], ids['津东执12010002']];
const act = (c, id, body) => c.post(`/api/v1/cases/${id}/actions`, body);

const PARTY = {
  name: '欧阳明华', id: '12011019800101123X', phone: '13812345678',
  address: '天津市东丽区华明街道弘顺道18号', plate: '津A12345', landline: '022-24391234',
};
const FACTS = `当事人${PARTY.name}（身份证号${PARTY.id}，联系电话${PARTY.phone}，座机${PARTY.landline}，`
  + `住${PARTY.address}）驾驶${PARTY.plate}号货车在华兴路7号门前占道经营，明华称不知情。`;

// a simple-procedure case decided on the spot (Art. 51) and closed
async function closedCase(extra = {}) {
  const c = await officer.post('/api/v1/cases', {
    procedure: 'simple', title: `${PARTY.name}占道经营`, party_name: PARTY.name, party_kind: 'citizen',
    party_id_no: PARTY.id, party_address: PARTY.address, officers: pair(), ...extra,
  });
  assert.equal(c.status, 201, c.text);
  const d = await act(officer, c.body.id, { action: 'decide_on_spot', facts: FACTS, penalty: { kinds: ['fine'], fine: 200 }, officers: pair() });
  assert.equal(d.status, 200, d.text);
  assert.equal((await act(leader, c.body.id, { action: 'publish' })).status, 200);
  const x = await act(officer, c.body.id, { action: 'execute', performed_on: d.body.served_at.slice(0, 10) });
  assert.equal(x.status, 200, x.text);
  const z = await act(leader, c.body.id, { action: 'close', conclusion: `${PARTY.name}已缴纳罚款，予以结案` });
  assert.equal(z.status, 200, z.text);
  assert.equal(z.body.stage, 'closed');
  return z.body;
}

const TEXTS = ['title', 'party', 'facts', 'basis', 'outcome', 'lesson'];
function assertNoLeak(m) {
  const all = TEXTS.map((k) => m[k] || '').join('\n');
  for (const secret of [PARTY.name, '明华', PARTY.id, PARTY.phone, '24391234', PARTY.address, PARTY.plate, '12345'])
    assert.ok(!all.includes(secret), `"${secret}" leaked into: ${all}`);
}

let material; // the draft made from the closed case

test('POST /api/v1/cases/{id}/teaching on a closed case -> 201 a draft with the party anonymised (leak check)', async () => {
  const c = await closedCase();
  const r = await officer.post(`/api/v1/cases/${c.id}/teaching`, {});
  assert.equal(r.status, 201, r.text);
  material = r.body;
  assert.equal(material.status, 'draft');
  assert.equal(material.status_label, '草稿');
  assert.equal(material.case_id, c.id);
  assert.equal(material.party, '欧阳某', 'compound surname kept, given name dropped');
  assert.equal(material.title, '以案说法：欧阳某占道经营');
  assertNoLeak(material);
  assert.match(material.facts, /身份证号\[证件号码\]/);
  assert.match(material.facts, /联系电话\[电话\]，座机\[电话\]/);
  assert.match(material.facts, /住\[地址\]/);
  assert.match(material.facts, /驾驶津A·\*\*\*\*\*号货车/);
  assert.match(material.facts, /华兴路某号门前/);
  assert.match(material.facts, /某称不知情/);
  assert.match(material.outcome, /罚款 200\.00 元/);
  assert.match(material.outcome, /欧阳某已缴纳罚款/);
});

test('a second material from the same case -> 409 teaching_exists', async () => {
  expectError(await officer.post(`/api/v1/cases/${material.case_id}/teaching`, {}), 409, 'teaching_exists');
});

test('a case that is not closed -> 409 case_not_closed; an unknown case -> 404', async () => {
  const open = (await legal.get('/api/v1/cases?stage=open&page_size=1')).body.items[0];
  assert.ok(open, 'the demo has open cases');
  const r = await legal.post(`/api/v1/cases/${open.id}/teaching`, {});
  expectError(r, 409, 'case_not_closed');
  assert.match(r.body.error.message, /已结案/);
  expectError(await legal.post('/api/v1/cases/999999/teaching', {}), 404, 'not_found');
});

test('an organisation party becomes 某公司 and its USCC is masked', async () => {
  const name = '天津欧华测试贸易有限公司', uscc = '91120110MA05L2B18U';
  const c = await officer.post('/api/v1/cases', {
    procedure: 'simple', title: `${name}违规经营`, party_name: name, party_kind: 'org', party_id_no: uscc, officers: pair(),
  });
  const d = await act(officer, c.body.id, { action: 'decide_on_spot', facts: `${name}（统一社会信用代码${uscc}）店外堆放货物`, penalty: { kinds: ['warning'] }, officers: pair() });
  assert.equal(d.status, 200, d.text);
  assert.equal((await act(leader, c.body.id, { action: 'publish' })).status, 200);
  assert.equal((await act(officer, c.body.id, { action: 'execute', performed_on: d.body.served_at.slice(0, 10) })).status, 200);
  const z = await act(leader, c.body.id, { action: 'close', conclusion: '结案' });
  assert.equal(z.status, 200, z.text);
  const r = await legal.post(`/api/v1/cases/${c.body.id}/teaching`, {});
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.party, '某公司');
  assert.equal(r.body.facts, '某公司（统一社会信用代码[证件号码]）店外堆放货物');
  assert.ok(!JSON.stringify(r.body).includes(name) && !JSON.stringify(r.body).includes(uscc));
  assert.match(r.body.outcome, /警告/);
});

test('PUT edits a draft with its version and anonymises what staff write', async () => {
  const r = await officer.put(`/api/v1/teaching/${material.id}`, {
    version: material.version,
    lesson: `本案当事人${PARTY.name}（电话${PARTY.phone}）占道经营，提醒经营者依法经营。`,
    basis: '《天津市市容和环境卫生管理条例》第二十二条、第五十二条',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.version, material.version + 1);
  assert.equal(r.body.lesson, '本案当事人欧阳某（电话[电话]）占道经营，提醒经营者依法经营。');
  assert.equal(r.body.basis, '《天津市市容和环境卫生管理条例》第二十二条、第五十二条', 'article numbers are kept');
  assert.equal(r.body.facts, material.facts, 'keys not sent are kept');
  assertNoLeak(r.body);
  expectError(await officer.put(`/api/v1/teaching/${material.id}`, { version: material.version, lesson: 'x' }),
    409, 'version_conflict', 'version');
  expectError(await officer.put(`/api/v1/teaching/${material.id}`, { version: r.body.version, title: ' ' }),
    422, 'invalid_field', 'title');
  expectError(await officer.put(`/api/v1/teaching/${material.id}`, { version: r.body.version, lesson: 7 }),
    422, 'invalid_field', 'lesson');
  material = r.body;
});

test('read-only users do not see drafts: list filtered to published, draft detail 404', async () => {
  const list = (await viewer.get('/api/v1/teaching?page_size=200')).body.items;
  assert.ok(list.length > 0, 'the demo has a published material');
  assert.ok(list.every((m) => m.status === 'published'));
  expectError(await viewer.get(`/api/v1/teaching/${material.id}`), 404, 'not_found');
  assert.equal((await officer.get(`/api/v1/teaching/${material.id}`)).status, 200);
});

test('submit needs a lesson; return goes back to draft with a comment; publish freezes it', async () => {
  const other = (await legal.get('/api/v1/teaching?status=draft&page_size=200')).body.items
    .find((m) => !m.lesson && m.id !== material.id);
  assert.ok(other, 'a draft without a lesson');
  expectError(await legal.post(`/api/v1/teaching/${other.id}/submit`, {}), 422, 'invalid_field', 'lesson');
  expectError(await legal.post(`/api/v1/teaching/${material.id}/publish`, {}), 409, 'wrong_status');
  let r = await officer.post(`/api/v1/teaching/${material.id}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'submitted');
  expectError(await officer.put(`/api/v1/teaching/${material.id}`, { version: r.body.version, lesson: 'x' }), 409, 'frozen');
  expectError(await officer.post(`/api/v1/teaching/${material.id}/publish`, {}), 403, 'forbidden');
  r = await legal.post(`/api/v1/teaching/${material.id}/return`, { comment: '请补充法律依据的条文内容' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'draft');
  assert.equal(r.body.review_comment, '请补充法律依据的条文内容');
  assert.equal((await officer.post(`/api/v1/teaching/${material.id}/submit`, {})).status, 200);
  r = await leader.post(`/api/v1/teaching/${material.id}/publish`, { comment: '同意发布' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'published');
  assert.ok(r.body.published_at);
  assert.equal(r.body.reviewer_name, '王建国');
  assertNoLeak(r.body);
  const frozen = await legal.put(`/api/v1/teaching/${material.id}`, { version: r.body.version, lesson: '改' });
  expectError(frozen, 409, 'frozen');
  assert.match(frozen.body.error.message, /已发布/);
  expectError(await leader.post(`/api/v1/teaching/${material.id}/return`, {}), 409, 'wrong_status');
  assert.equal((await viewer.get(`/api/v1/teaching/${material.id}`)).status, 200);
  material = r.body;
});

test('GET /api/v1/teaching?q= searches the texts; ?status=x -> 422; ?case_id filters', async () => {
  const r = await viewer.get(`/api/v1/teaching?q=${encodeURIComponent('欧阳某')}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((m) => m.id === material.id));
  assert.equal((await viewer.get(`/api/v1/teaching?q=${encodeURIComponent(PARTY.name)}`)).body.total, 0);
  const byCase = await legal.get(`/api/v1/teaching?case_id=${material.case_id}`);
  assert.deepEqual(byCase.body.items.map((m) => m.id), [material.id]);
  expectError(await viewer.get('/api/v1/teaching?status=x'), 422, 'invalid_field', 'status');
});

test('PUT /teaching/{id}/activity links a 以案说法 activity, refuses another kind, null unlinks', async () => {
  const mk = async (kind, title) => {
    const a = await legal.post('/api/v1/activities', { kind, title, held_on: '2026-06-18', laws: ['中华人民共和国行政处罚法'] });
    assert.equal(a.status, 201, a.text);
    return a.body;
  };
  const pufaCase = await mk('pufa_case', '以案说法进企业：占道经营典型案例');
  const lecture = await mk('pufa_lecture', '民法典专题讲座');
  let r = await legal.put(`/api/v1/teaching/${material.id}/activity`, { activity_id: pufaCase.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.activity_id, pufaCase.id);
  assert.equal(r.body.activity_title, pufaCase.title);
  expectError(await legal.put(`/api/v1/teaching/${material.id}/activity`, { activity_id: lecture.id }), 422, 'invalid_field', 'activity_id');
  expectError(await legal.put(`/api/v1/teaching/${material.id}/activity`, { activity_id: 999999 }), 422, 'invalid_field', 'activity_id');
  r = await legal.put(`/api/v1/teaching/${material.id}/activity`, { activity_id: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.activity_id, null);
});

test('learning tasks on a published material: one per user of the departments, counted on the material', async () => {
  const depts = (await legal.get('/api/v1/departments')).body.items;
  const enf1 = depts.find((d) => d.code === 'HMSC-ENF-1').id;
  const r = await legal.post(`/api/v1/teaching/${material.id}/learning-tasks`, { dept_ids: [enf1], due_on: '2099-03-31' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.created, 2);
  const tasks = (await legal.get(`/api/v1/learning-tasks?batch_id=${r.body.batch_id}`)).body.items;
  assert.ok(tasks.every((t) => t.origin === 'teaching' && t.teaching_id === material.id));
  assert.equal(tasks[0].title, '以案说法学习：以案说法：欧阳某占道经营');
  const mine = (await officer.get('/api/v1/learning-tasks?mine=1&origin=teaching')).body.items[0];
  assert.equal((await officer.post(`/api/v1/learning-tasks/${mine.id}/complete`, { score: 95 })).status, 200);
  const m = (await viewer.get(`/api/v1/teaching/${material.id}`)).body;
  assert.deepEqual([m.learners, m.learned], [2, 1]);
  const draft = (await legal.get('/api/v1/teaching?status=draft&page_size=1')).body.items[0];
  expectError(await legal.post(`/api/v1/teaching/${draft.id}/learning-tasks`, { dept_ids: [enf1], due_on: '2099-03-31' }), 409, 'conflict');
  expectError(await legal.post(`/api/v1/teaching/${material.id}/learning-tasks`, { dept_ids: [], due_on: '2099-03-31' }), 422, 'invalid_field', 'dept_ids');
});

test('the demo has a published material from a closed demo case, linked to a 以案说法 activity', async () => {
  const list = (await viewer.get('/api/v1/teaching?status=published&page_size=200')).body.items;
  const demo = list.find((m) => m.title === '以案说法：厂区消防通道堆放杂物');
  assert.ok(demo);
  assert.equal(demo.party, '某公司');
  assert.ok(demo.activity_id);
  assert.match(demo.basis, /消防法/);
});

test('permissions: without a session 401; viewer and handler may not create or edit (403)', async () => {
  expectError(await new Client(srv.url).get('/api/v1/teaching'), 401, 'unauthorized');
  expectError(await viewer.post(`/api/v1/cases/${material.case_id}/teaching`, {}), 403, 'forbidden');
  expectError(await handler.put(`/api/v1/teaching/${material.id}`, { version: 1, lesson: 'x' }), 403, 'forbidden');
  expectError(await viewer.post(`/api/v1/teaching/${material.id}/publish`, {}), 403, 'forbidden');
  assert.equal((await handler.get('/api/v1/teaching')).status, 200);
});

test('writes are audited: create, update with before/after, publish', async () => {
  const admin = await loggedIn(srv.url, 'admin');
  for (const a of ['teaching.create', 'teaching.update', 'teaching.publish'])
    assert.ok((await admin.get(`/api/v1/audit?action=${a}&page_size=1`)).body.items.length, a);
  const u = (await admin.get('/api/v1/audit?action=teaching.update&page_size=1')).body.items[0];
  assert.equal(u.detail.before.version + 1, u.detail.after.version);
});

test('the database passes integrity_check and foreign_key_check after these writes', () => {
  checkIntegrity(srv.db);
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
