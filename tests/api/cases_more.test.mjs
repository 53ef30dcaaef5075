// cases_more.test.mjs - more of administrative enforcement: the legal basis a case cites is
// the regulation version in force on the day of the violation (a later revision leaves the
// old case's text alone), evidence preserved in advance (先行登记保存, Art. 56: the agency
// head's approval, two certified officers, a handling decision within 7 working days that
// the decision waits for), and recusal (回避, Art. 43: decided by the head, the officer
// leaves the case and no further act of it may name him, the investigation goes on).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, loggedIn } from '../lib/server.mjs';
import { expectError, sqlite, checkIntegrity, userByName, sanitizerReport } from './helpers.mjs';

let srv, officer, leader, legal, admin;
let ids; // officer ids by certificate number
let seq = 0;

before(async () => {
  srv = await startServer();
  [officer, leader, legal, admin] = await Promise.all(
    ['officer1', 'leader', 'legal', 'admin'].map((u) => loggedIn(srv.url, u)));
  const list = (await officer.get('/api/v1/officers')).body.items;
  ids = Object.fromEntries(list.map((o) => [o.cert_no, o.id]));
});
after(async () => { await srv?.stop(); });

const A = () => ids['津东执12010001'];
const B = () => ids['津东执12010002'];
const C = () => ids['津东执12010004'];
const act = (c, id, body) => c.post(`/api/v1/cases/${id}/actions`, body);
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function newCase(extra = {}) {
  const r = await officer.post('/api/v1/cases', {
    kind: 'penalty', procedure: 'ordinary', title: '违规堆放建筑材料', party_name: '天津某建材有限公司',
    party_kind: 'org', facts: '在园区道路两侧堆放建筑材料', officers: [A(), B()], ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function investigating(extra) {
  const c = await newCase(extra);
  const r = await act(leader, c.id, { action: 'approve_filing' });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function regulation(articles, effective = '2020-01-01') {
  seq += 1;
  const r = await legal.post('/api/v1/regulations', {
    title: `华明园区市容管理测试规定${seq}`, level: '规范性文件', issuer: '测试机关',
    effective_from: effective, articles,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// an officer linked to the user `username`, so that user is an officer of cases naming it
async function officerOf(username) {
  const u = await userByName(admin, username);
  seq += 1;
  const r = await legal.post('/api/v1/officers', {
    name: `${u.display_name}（兼）`, cert_no: `津东执测${Date.now()}${seq}`, dept_id: 1, user_id: u.id,
    valid_from: '2020-01-01', valid_until: '2099-12-31',
  });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

function docText(buf) {
  const py = `import sys, zipfile, io, re
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
doc = z.read('word/document.xml').decode()
print(''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', doc)))`;
  return execFileSync('python3', ['-c', py], { input: buf }).toString();
}

// ---- the legal basis: the version in force on the day ----

test('a case cites the article of the version in force on the day of the violation; a revision keeps the old case\'s text and a later case cites the new one', async () => {
  const reg = await regulation([
    { no: 1, text: '为了加强园区市容管理，制定本规定。' },
    { no: 2, text: '在道路两侧堆放物料的，处五百元以上二千元以下罚款。' },
  ]);
  const old = await newCase({ violation_at: '2024-05-01', citations: [{ regulation_id: reg.id, article: 2 }] });
  assert.equal(old.citations.length, 1);
  assert.equal(old.citations[0].version_no, 1);
  assert.equal(old.citations[0].on_date, '2024-05-01');
  assert.match(old.citations[0].text, /五百元以上二千元以下/);
  assert.match(old.citations[0].text_sha256, /^[0-9a-f]{64}$/);
  assert.equal(old.citations[0].quote, `《${reg.title}》第二条`);

  const v = await legal.post(`/api/v1/regulations/${reg.id}/versions`, {
    effective_from: '2025-01-01', doc_no: '测试〔2024〕2号', articles: [
      { no: 1, text: '为了加强园区市容管理，制定本规定。' },
      { no: 2, text: '在道路两侧堆放物料的，处一千元以上五千元以下罚款。' },
    ],
  });
  assert.equal(v.status, 201, v.text);

  const again = (await officer.get(`/api/v1/cases/${old.id}`)).body;
  assert.equal(again.citations[0].version_no, 1, 'the old case keeps the version of its day');
  assert.match(again.citations[0].text, /五百元以上二千元以下/);
  assert.equal(again.citations[0].version_status, '已修订');

  const later = await newCase({ violation_at: '2025-03-01', citations: [{ regulation_id: reg.id, article: 2 }] });
  assert.equal(later.citations[0].version_no, 2);
  assert.match(later.citations[0].text, /一千元以上五千元以下/);
  assert.equal(later.citations[0].doc_no, '测试〔2024〕2号');
  // no violation date: the day of filing (registration) decides
  const undated = await newCase({ citations: [{ regulation_id: reg.id, article: 1 }] });
  assert.equal(undated.citations[0].version_no, 2);
  assert.equal(undated.citations[0].on_date, today());
});

test('a citation of an unknown regulation or article, or of a day with no version in force -> 422 naming the field, and no case is left behind', async () => {
  const reg = await regulation([{ no: 1, text: '第一条的内容。' }], '2022-01-01');
  const title = `引用错误测试${Date.now()}`;
  let r = await officer.post('/api/v1/cases', { title, party_name: '某公司', party_kind: 'org', officers: [A(), B()],
    citations: [{ regulation_id: 99999999, article: 1 }] });
  expectError(r, 422, 'invalid_field', 'citations[0].regulation_id');
  r = await officer.post('/api/v1/cases', { title, party_name: '某公司', party_kind: 'org', officers: [A(), B()],
    citations: [{ regulation_id: reg.id, article: 1 }, { regulation_id: reg.id, article: 7 }] });
  expectError(r, 422, 'no_such_article', 'citations[1].article');
  r = await officer.post('/api/v1/cases', { title, party_name: '某公司', party_kind: 'org', officers: [A(), B()],
    violation_at: '2021-06-30', citations: [{ regulation_id: reg.id, article: 1 }] });
  expectError(r, 422, 'not_in_force', 'citations[0].regulation_id');
  assert.match(r.body.error.message, /2021-06-30/);
  r = await officer.post('/api/v1/cases', { title, party_name: '某公司', party_kind: 'org', officers: [A(), B()],
    citations: [{ regulation_id: reg.id }] });
  expectError(r, 422, 'invalid_field', 'citations[0].article');
  // repealed: no version in force after the repeal
  const cur = (await legal.get(`/api/v1/regulations/${reg.id}`)).body;
  const rep = await legal.put(`/api/v1/regulations/${reg.id}`, { version: cur.version, status: '已废止', repealed_on: today() });
  assert.equal(rep.status, 200, rep.text);
  r = await officer.post('/api/v1/cases', { title, party_name: '某公司', party_kind: 'org', officers: [A(), B()],
    citations: [{ regulation_id: reg.id, article: 1 }] });
  expectError(r, 422, 'not_in_force', 'citations[0].regulation_id');
  const left = await officer.get(`/api/v1/cases?q=${encodeURIComponent(title)}`);
  assert.equal(left.body.total, 0);
});

test('the cite action adds a basis later; the same article twice -> 422 duplicate', async () => {
  const reg = await regulation([{ no: 1, text: '甲。' }, { no: 2, text: '乙。' }]);
  const c = await investigating({ citations: [{ regulation_id: reg.id, article: 1 }] });
  let r = await act(officer, c.id, { action: 'cite', citations: [{ regulation_id: reg.id, article: 2 }] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.citations.map((x) => x.article_no), [1, 2]);
  r = await act(officer, c.id, { action: 'cite', citations: [{ regulation_id: reg.id, article: 1 }] });
  expectError(r, 422, 'duplicate', 'citations[0].article');
  expectError(await act(officer, c.id, { action: 'cite', citations: [] }), 422, 'invalid_field', 'citations');
});

test('the notice and the decision document print the cited articles in the version of the day (Art. 59)', async () => {
  const reg = await regulation([{ no: 3, text: '违反本规定堆放物料的，责令改正，处二百元罚款。' }]);
  const c = await investigating({ violation_at: '2024-02-01', citations: [{ regulation_id: reg.id, article: 3 }] });
  await legal.post(`/api/v1/regulations/${reg.id}/versions`, { effective_from: '2025-02-01',
    articles: [{ no: 3, text: '违反本规定堆放物料的，处三百元罚款。' }] });
  assert.equal((await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: [A(), B()] })).status, 201);
  let r = await act(officer, c.id, { action: 'notify', intended: { kinds: ['fine'], fine: 200 } });
  assert.equal(r.status, 200, r.text);
  const get = async (kind) => Buffer.from(await (await fetch(`${srv.url}/api/v1/cases/${c.id}/documents/${kind}`,
    { headers: { cookie: leader.cookie } })).arrayBuffer());
  const notice = docText(await get('notice_doc'));
  assert.ok(notice.includes(`《${reg.title}》第三条`), notice);
  assert.ok(notice.includes('处二百元罚款'));
  await act(officer, c.id, { action: 'statement', statement: '无异议' });
  r = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine'], fine: 200 } });
  assert.equal(r.status, 200, r.text);
  const decision = docText(await get('decision_doc'));
  assert.ok(decision.includes('处罚依据'), decision);
  assert.ok(decision.includes('处二百元罚款'), 'the text of the version in force on the day');
  assert.ok(!decision.includes('处三百元罚款'), 'not the later revision');
});

// ---- 先行登记保存 (Art. 56) ----

const items = [{ name: '钢管', quantity: 120, unit: '根' }, { name: '扣件', quantity: 3, unit: '箱' }];

async function requested(c) {
  const r = await act(officer, c.id, { action: 'request_preservation', items, reason: '物料可能被转移，证据可能灭失' });
  assert.equal(r.status, 200, r.text);
  return r.body.preservations.at(-1).id;
}

test('Art. 56: a preservation needs the list of items and a reason, only during investigation', async () => {
  const reg = await newCase();
  expectError(await act(officer, reg.id, { action: 'request_preservation', items, reason: 'x' }), 409, 'invalid_transition');
  const c = await investigating();
  expectError(await act(officer, c.id, { action: 'request_preservation', items: [], reason: 'x' }), 422, 'invalid_field', 'items');
  expectError(await act(officer, c.id, { action: 'request_preservation', items: [{ quantity: 2 }], reason: 'x' }), 422, 'invalid_field', 'items');
  expectError(await act(officer, c.id, { action: 'request_preservation', items }), 422, 'invalid_field', 'reason');
  const pid = await requested(c);
  const got = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  assert.equal(got.preservations[0].id, pid);
  assert.equal(got.preservations[0].status, 'requested');
  assert.deepEqual(got.preservations[0].items.map((x) => x.name), ['钢管', '扣件']);
});

test('Art. 56: nothing is preserved before the agency head approves, and no officer of the case may approve', async () => {
  const mine = await officerOf('leader');
  const c = await investigating({ officers: [A(), mine] });
  const pid = await requested(c);
  const early = await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), B()] });
  expectError(early, 409, 'procedure_violation', 'action');
  assert.match(early.body.error.message, /第五十六条/);
  const self = await act(leader, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  expectError(self, 403, 'approver_conflict');
  expectError(await act(officer, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true }), 403, 'forbidden');
  expectError(await act(admin, c.id, { action: 'approve_preservation', preservation_id: pid }), 422, 'invalid_field', 'approved');
  expectError(await act(admin, c.id, { action: 'approve_preservation', preservation_id: 99999999, approved: true }), 422, 'invalid_field', 'preservation_id');
  const ok = await act(admin, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true, opinion: '同意' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.preservations[0].status, 'approved');
  assert.equal(ok.body.preservations[0].approved_by_name, '系统管理员');
  // a refusal needs its reason and leaves nothing to handle
  const p2 = await requested(c);
  expectError(await act(admin, c.id, { action: 'approve_preservation', preservation_id: p2, approved: false }), 422, 'invalid_field', 'opinion');
  const no = await act(admin, c.id, { action: 'approve_preservation', preservation_id: p2, approved: false, opinion: '不符合条件' });
  assert.equal(no.body.preservations[1].status, 'rejected');
  expectError(await act(officer, c.id, { action: 'preserve', preservation_id: p2, officers: [A(), B()] }), 409, 'procedure_violation');
});

test('Art. 56 + Art. 42: the preservation is carried out by at least two officers with valid certificates', async () => {
  const c = await investigating();
  const pid = await requested(c);
  await act(leader, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  expectError(await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A()] }), 422, 'two_officers_required', 'officers');
  expectError(await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), ids['津东执12010005']] }),
    422, 'certificate_invalid', 'officers');
  const r = await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), B()], place: '园区道路' });
  assert.equal(r.status, 200, r.text);
  const p = r.body.preservations[0];
  assert.equal(p.status, 'preserved');
  const a = r.body.acts.find((x) => x.id === p.act_id);
  assert.ok(a, 'the on-site act is recorded');
  assert.deepEqual(a.certs, ['津东执12010001', '津东执12010002']);
});

test('Art. 56: the handling decision is due 7 working days after the preservation, counted on the calendar across a holiday', async () => {
  const day = today();
  const year = Number(day.slice(0, 4));
  const add = async (n) => (await admin.get(`/api/v1/calendar/add?date=${day}&days=${n}`)).body;
  const before = await add(7);
  const third = (await add(3)).result;
  assert.ok(before.result, JSON.stringify(before));
  // declare the third working day from today a holiday (a 调休 notice changed)
  const days = (await admin.get(`/api/v1/calendar/days?year=${year}`)).body;
  const off = days.items.filter((d) => d.kind === 'off').map((d) => d.day);
  const work = days.items.filter((d) => d.kind === 'work').map((d) => d.day);
  const names = Object.fromEntries(days.items.filter((d) => d.name).map((d) => [d.day, d.name]));
  names[third] = '测试假日';
  const put = await admin.put(`/api/v1/calendar/years/${year}`, { notice: days.notice, off: [...off, third], work, names });
  assert.equal(put.status, 200, put.text);
  const after = await add(7);
  assert.notEqual(after.result, before.result, 'the holiday moves the 7th working day');

  const c = await investigating();
  const pid = await requested(c);
  await act(leader, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  const r = await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), B()] });
  assert.equal(r.status, 200, r.text);
  const due = r.body.preservations[0].handling_due;
  assert.equal(due.slice(0, 10), after.result, `due ${due}, 7 working days after ${day} skipping ${third}`);
  assert.match(due, /T23:59:59/);
  assert.equal(r.body.preservation_due, due);
});

test('Art. 56: near-due and overdue preservations are flagged in the case\'s deadlines', async () => {
  const c = await investigating();
  const pid = await requested(c);
  await act(leader, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), B()] });
  let got = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  assert.ok(!got.flags.includes('preservation_overdue'));
  assert.equal(got.preservations[0].due_state, '');
  // the clock cannot be moved, so the due time is: an hour from now, then an hour ago
  const set = (ms) => {
    const ts = new Date(Date.now() + ms + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
    const r = sqlite(srv.db, `UPDATE case_preservations SET handling_due = '${ts}' WHERE id = ${pid};`);
    assert.equal(r.status, 0, r.stderr);
  };
  set(3600e3);
  got = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  assert.ok(got.flags.includes('near_due'), JSON.stringify(got.flags));
  assert.equal(got.preservations[0].due_state, 'near_due');
  set(-3600e3);
  got = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  assert.ok(got.flags.includes('preservation_overdue'), JSON.stringify(got.flags));
  assert.equal(got.preservations[0].due_state, 'overdue');
  const listed = (await officer.get(`/api/v1/cases?q=${encodeURIComponent(got.no)}`)).body.items[0];
  assert.ok(listed.flags.includes('preservation_overdue'));
  const filtered = (await officer.get('/api/v1/cases?flag=preservation_overdue&page_size=200')).body.items;
  assert.ok(filtered.some((x) => x.id === c.id));
  assert.ok(filtered.every((x) => x.flags.includes('preservation_overdue')));
  const h = await act(leader, c.id, { action: 'handle_preservation', preservation_id: pid, handling: 'release' });
  assert.equal(h.status, 200, h.text);
  assert.ok(!h.body.flags.includes('preservation_overdue'));
  assert.equal(h.body.events.at(-1).data.late, true);
});

test('Art. 56: no decision while preserved evidence waits for its handling decision -> 409 naming it; the legal options only', async () => {
  const c = await investigating();
  const pid = await requested(c);
  await act(leader, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), B()] });
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: [A(), B()] });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  await act(officer, c.id, { action: 'waive', comment: '当事人书面放弃' });
  const d = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  expectError(d, 409, 'procedure_violation', 'action');
  assert.match(d.body.error.message, new RegExp(`先行登记保存 #${pid} 尚未作出处理决定`));
  assert.match(d.body.error.message, /第五十六条/);
  expectError(await act(leader, c.id, { action: 'handle_preservation', preservation_id: pid, handling: 'burn' }), 422, 'invalid_field', 'handling');
  expectError(await act(officer, c.id, { action: 'handle_preservation', preservation_id: pid, handling: 'release' }), 403, 'forbidden');
  const h = await act(leader, c.id, { action: 'handle_preservation', preservation_id: pid, handling: 'confiscate', comment: '依法没收' });
  assert.equal(h.status, 200, h.text);
  assert.equal(h.body.preservations[0].status, 'handled');
  assert.equal(h.body.preservations[0].handling, 'confiscate');
  expectError(await act(leader, c.id, { action: 'handle_preservation', preservation_id: pid, handling: 'release' }), 409, 'procedure_violation');
  const ok = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  assert.equal(ok.status, 200, ok.text);
});

test('Art. 56: a request still waiting for approval also blocks the decision', async () => {
  const c = await investigating();
  const pid = await requested(c);
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: [A(), B()] });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  await act(officer, c.id, { action: 'waive', comment: '放弃' });
  const d = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  expectError(d, 409, 'procedure_violation');
  assert.match(d.body.error.message, new RegExp(`#${pid} 尚待行政机关负责人审批`));
});

// ---- 回避 (Art. 43) ----

test('Art. 43: a recusal application does not stop the investigation; a granted one removes the officer, who may join no further act', async () => {
  const c = await investigating();
  expectError(await act(officer, c.id, { action: 'apply_recusal', officer_id: C(), applicant: 'party', reason: 'x' }), 422, 'invalid_field', 'officer_id');
  expectError(await act(officer, c.id, { action: 'apply_recusal', officer_id: A(), applicant: 'boss', reason: 'x' }), 422, 'invalid_field', 'applicant');
  expectError(await act(officer, c.id, { action: 'apply_recusal', officer_id: A(), applicant: 'party' }), 422, 'invalid_field', 'reason');
  let r = await act(officer, c.id, { action: 'apply_recusal', officer_id: A(), applicant: 'party', reason: '执法人员与当事人法定代表人系近亲属' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'investigating');
  const rid = r.body.recusals[0].id;
  assert.equal(r.body.recusals[0].status, 'pending');
  expectError(await act(officer, c.id, { action: 'apply_recusal', officer_id: A(), applicant: 'self', reason: 'again' }), 409, 'duplicate', 'officer_id');
  // meanwhile the investigation continues, with him
  assert.equal((await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: [A(), B()] })).status, 201);
  expectError(await act(officer, c.id, { action: 'decide_recusal', recusal_id: rid, granted: true, opinion: 'x' }), 403, 'forbidden');
  expectError(await act(leader, c.id, { action: 'decide_recusal', recusal_id: rid, granted: true }), 422, 'invalid_field', 'opinion');
  expectError(await act(leader, c.id, { action: 'decide_recusal', recusal_id: rid, granted: true, opinion: '同意', replacement_id: ids['津东执12010005'] }),
    422, 'certificate_invalid', 'replacement_id');
  r = await act(leader, c.id, { action: 'decide_recusal', recusal_id: rid, granted: true, opinion: '存在利害关系，同意回避', replacement_id: C() });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.recusals[0].status, 'granted');
  assert.deepEqual(r.body.officers.map((o) => o.id).sort(), [B(), C()].sort());
  assert.equal(r.body.officers.filter((o) => o.role === 'lead').length, 1);
  expectError(await act(leader, c.id, { action: 'decide_recusal', recusal_id: rid, granted: false, opinion: 'x' }), 409, 'procedure_violation');
  const again = await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: [A(), B()] });
  expectError(again, 422, 'officer_recused', 'officers');
  assert.match(again.body.error.message, /第四十三条/);
  const pid = await requested(c);
  await act(admin, c.id, { action: 'approve_preservation', preservation_id: pid, approved: true });
  expectError(await act(officer, c.id, { action: 'preserve', preservation_id: pid, officers: [A(), C()] }), 422, 'officer_recused', 'officers');
  assert.equal((await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: [B(), C()] })).status, 201);
});

test('Art. 43: the officer concerned or another officer of the case cannot decide the recusal; a refusal keeps the officer', async () => {
  const mine = await officerOf('leader');
  const c = await investigating({ officers: [mine, A(), B()] });
  const r = await act(officer, c.id, { action: 'apply_recusal', officer_id: mine, applicant: 'self', reason: '自行申请回避' });
  assert.equal(r.status, 200, r.text);
  const rid = r.body.recusals[0].id;
  const self = await act(leader, c.id, { action: 'decide_recusal', recusal_id: rid, granted: true, opinion: '同意' });
  expectError(self, 403, 'recusal_conflict');
  assert.match(self.body.error.message, /第四十三条/);
  const no = await act(admin, c.id, { action: 'decide_recusal', recusal_id: rid, granted: false, opinion: '理由不成立' });
  assert.equal(no.status, 200, no.text);
  assert.equal(no.body.recusals[0].status, 'rejected');
  assert.ok(no.body.officers.some((o) => o.id === mine));
  assert.equal((await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: [mine, A()] })).status, 201);
});

test('the database stays consistent after these writes, and the server exits without a sanitizer report', async () => {
  checkIntegrity(srv.db);
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
});
