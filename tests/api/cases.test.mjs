// cases.test.mjs - administrative enforcement under the Administrative Penalty Law: two
// certified officers for every on-site act (Art. 42) and what an expired or suspended
// certificate does, the stage order and its gates (Arts. 45, 51, 54, 57, 58, 60, 62, 63,
// 64), deadlines in working days (Art. 61, 85), legal review by someone outside the case,
// evidence uploads hashed with SHA-256 and SM3 and checked by `fazhi audit verify`, and
// the public publication pages with personal data masked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, fazhi, Client, filesDir } from '../lib/server.mjs';

let srv, officer, leader, legal, admin, viewer;
let ids; // officer ids by certificate number

before(async () => {
  srv = await startServer();
  [officer, leader, legal, admin, viewer] = await Promise.all(
    ['officer1', 'leader', 'legal', 'admin', 'viewer'].map((u) => loggedIn(srv.url, u)));
  const list = (await officer.get('/api/v1/officers')).body.items;
  ids = Object.fromEntries(list.map((o) => [o.cert_no, o.id]));
});
after(async () => { await srv?.stop(); });

const pair = () => [ids['津东执12010001'], ids['津东执12010002']];
const act = (c, id, body) => c.post(`/api/v1/cases/${id}/actions`, body);

async function newCase(extra = {}) {
  const r = await officer.post('/api/v1/cases', {
    kind: 'penalty', procedure: 'ordinary', title: '占道经营', party_name: '张某', party_kind: 'citizen',
    facts: '在园区道路旁占道经营', officers: pair(), ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('a case needs two officers with valid certificates: one -> 422 two_officers_required citing Art. 42', async () => {
  const r = await officer.post('/api/v1/cases', { title: 'x', party_name: 'y', party_kind: 'org', officers: [ids['津东执12010001']] });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'two_officers_required');
  assert.equal(r.body.error.field, 'officers');
  assert.match(r.body.error.message, /第四十二条/);
  const same = await officer.post('/api/v1/cases', { title: 'x', party_name: 'y', party_kind: 'org', officers: [ids['津东执12010001'], ids['津东执12010001']] });
  assert.equal(same.status, 422);
});

test('an expired or suspended certificate cannot be assigned to any enforcement act', async () => {
  const expired = await officer.post('/api/v1/cases', { title: 'x', party_name: 'y', party_kind: 'org', officers: [ids['津东执12010001'], ids['津东执12010005']] });
  assert.equal(expired.status, 422);
  assert.equal(expired.body.error.code, 'certificate_invalid');
  assert.match(expired.body.error.message, /过有效期/);
  const suspended = await officer.post('/api/v1/cases', { title: 'x', party_name: 'y', party_kind: 'org', officers: [ids['津东执12010001'], ids['津东执12010006']] });
  assert.equal(suspended.status, 422);
  assert.match(suspended.body.error.message, /暂扣/);
});

test('a certificate suspended mid-case blocks the next on-site act', async () => {
  const c = await newCase({ officers: [ids['津东执12010001'], ids['津东执12010004']] });
  assert.equal((await act(leader, c.id, { action: 'approve_filing' })).status, 200);
  const o = (await legal.get(`/api/v1/officers/${ids['津东执12010004']}`)).body;
  const s = await legal.put(`/api/v1/officers/${o.id}`, { version: o.version, status: 'suspended' });
  assert.equal(s.status, 200, s.text);
  const r = await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: [ids['津东执12010001'], ids['津东执12010004']] });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'certificate_invalid');
  const back = await legal.put(`/api/v1/officers/${o.id}`, { version: o.version + 1, status: 'valid' });
  assert.equal(back.status, 200, back.text);
});

test('an ordinary case runs filing -> investigation -> notice -> statement -> decision -> service -> publication -> execution -> closure', async () => {
  const c = await newCase({ title: '全流程案件', party_name: '天津某测试有限公司', party_kind: 'org' });
  assert.equal(c.stage, 'registered');
  let r = await act(leader, c.id, { action: 'approve_filing' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'investigating');
  assert.ok(r.body.decision_due);
  r = await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: pair(), place: '厂区', summary: '现场检查' });
  assert.equal(r.status, 201, r.text);
  r = await act(officer, c.id, { action: 'notify', intended: { kinds: ['fine'], fine: 2000 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'notified');
  r = await act(officer, c.id, { action: 'statement', statement: '对事实无异议' });
  assert.equal(r.body.stage, 'heard');
  r = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine'], fine: 2000 }, basis: '依据' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'decided');
  assert.match(r.body.decision_no, /罚决〔\d{4}〕第\d+号$/);
  r = await act(officer, c.id, { action: 'serve', method: 'direct', officers: pair() });
  assert.equal(r.status, 200, r.text);
  const early = await act(leader, c.id, { action: 'close' });
  assert.equal(early.status, 409);
  r = await act(leader, c.id, { action: 'publish' });
  assert.equal(r.status, 200, r.text);
  r = await act(officer, c.id, { action: 'execute', performed_on: r.body.served_at.slice(0, 10) });
  assert.equal(r.status, 200, r.text);
  r = await act(leader, c.id, { action: 'close', conclusion: '结案' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.stage, 'closed');
  const pub = await new Client(srv.url).get('/public/decisions.json');
  assert.ok(pub.body.items.some((x) => x.decision_no === r.body.decision_no));
});

test('a skipped step -> 409 procedure_violation naming what is missing', async () => {
  const c = await newCase();
  const early = await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  assert.equal(early.status, 409);
  assert.equal(early.body.error.code, 'invalid_transition');
  assert.ok(Array.isArray(early.body.error.allowed_actions));
  assert.ok(!early.body.error.allowed_actions.includes('notify'));
  await act(leader, c.id, { action: 'approve_filing' });
  const noInvestigation = await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  assert.equal(noInvestigation.status, 409);
  assert.equal(noInvestigation.body.error.code, 'procedure_violation');
  assert.match(noInvestigation.body.error.message, /第五十四条/);
  const decide = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  assert.equal(decide.status, 409);
});

test('Art. 45: the decision may not be heavier than what was notified', async () => {
  const c = await newCase();
  await act(leader, c.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inquiry', officers: pair() });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['fine'], fine: 1000 } });
  await act(officer, c.id, { action: 'statement', statement: '申辩' });
  const heavier = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine'], fine: 1500 } });
  assert.equal(heavier.status, 422);
  assert.equal(heavier.body.error.code, 'penalty_increased');
  const other = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine', 'suspend_license'], fine: 1000 } });
  assert.equal(other.status, 422);
  const ok = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine'], fine: 800 } });
  assert.equal(ok.status, 200, ok.text);
});

test('Art. 58: a case that needs legal review cannot be decided without a passed review, and no officer of the case may review it', async () => {
  const c = await newCase({ review_required: true });
  await act(leader, c.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'evidence', officers: pair() });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['fine'], fine: 3000 } });
  await act(officer, c.id, { action: 'waive', comment: '当事人书面放弃陈述申辩' });
  const noReview = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['fine'], fine: 3000 } });
  assert.equal(noReview.status, 409);
  assert.match(noReview.body.error.message, /第五十八条/);
  await act(officer, c.id, { action: 'submit_review' });
  // officer1 holds case:write but not case:review; admin has case:review but is not on the case
  const byOfficer = await act(officer, c.id, { action: 'review', result: 'agree', opinion: 'x' });
  assert.ok(byOfficer.status === 403, byOfficer.text);
  const ret = await act(legal, c.id, { action: 'review', result: 'return', opinion: '证据不足，补充调查' });
  assert.equal(ret.status, 200, ret.text);
  assert.equal(ret.body.stage, 'investigating');
});

test('Art. 57: a major case needs collective discussion before the decision', async () => {
  const c = await newCase({ major: true });
  await act(leader, c.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: pair() });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  await act(officer, c.id, { action: 'statement', statement: 'x' });
  const r = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /第五十七条/);
  assert.equal((await act(leader, c.id, { action: 'discuss', minutes: '集体讨论同意' })).status, 200);
  assert.equal((await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } })).status, 200);
});

test('Art. 63/64: hearing only for heavy penalties, requested within 5 working days, notified at least 7 working days before', async () => {
  const light = await newCase();
  await act(leader, light.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${light.id}/acts`, { kind: 'inspection', officers: pair() });
  await act(officer, light.id, { action: 'notify', intended: { kinds: ['warning'] } });
  const no = await act(officer, light.id, { action: 'request_hearing' });
  assert.equal(no.status, 409);
  assert.match(no.body.error.message, /第六十三条/);

  const heavy = await newCase({ party_name: '天津某公司', party_kind: 'org' });
  await act(leader, heavy.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${heavy.id}/acts`, { kind: 'inspection', officers: pair() });
  const n = await act(officer, heavy.id, { action: 'notify', intended: { kinds: ['suspend_business'] } });
  assert.equal(n.body.hearing_right, true);
  assert.ok(n.body.hearing_request_due);
  assert.equal((await act(officer, heavy.id, { action: 'request_hearing' })).status, 200);
  const tomorrow = new Date(Date.now() + 86400e3).toISOString();
  const soon = await act(officer, heavy.id, { action: 'schedule_hearing', hearing_at: tomorrow });
  assert.equal(soon.status, 422);
  assert.equal(soon.body.error.code, 'hearing_notice_too_short');
  assert.match(soon.body.error.message, /第六十四条/);
  const later = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 19) + 'Z';
  assert.equal((await act(officer, heavy.id, { action: 'schedule_hearing', hearing_at: later })).status, 200);
});

test('Art. 51: the simplified procedure allows only a warning or a fine up to 200 yuan (citizen) / 3000 yuan (org)', async () => {
  const mk = async (kind) => (await officer.post('/api/v1/cases', { procedure: 'simple', title: '当场处罚', party_name: kind === 'org' ? '某公司' : '赵某', party_kind: kind, officers: pair() })).body;
  const c1 = await mk('citizen');
  assert.equal(c1.stage, 'onsite');
  const over = await act(officer, c1.id, { action: 'decide_on_spot', facts: '乱扔垃圾', penalty: { kinds: ['fine'], fine: 201 }, officers: pair() });
  assert.equal(over.status, 422);
  assert.equal(over.body.error.code, 'simple_procedure_not_allowed');
  assert.match(over.body.error.message, /第五十一条/);
  const ok = await act(officer, c1.id, { action: 'decide_on_spot', facts: '乱扔垃圾', penalty: { kinds: ['fine'], fine: 200 }, officers: pair() });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.stage, 'served');
  const c2 = await mk('org');
  assert.equal((await act(officer, c2.id, { action: 'decide_on_spot', facts: 'x', penalty: { kinds: ['fine'], fine: 3000.01 }, officers: pair() })).status, 422);
  assert.equal((await act(officer, c2.id, { action: 'decide_on_spot', facts: 'x', penalty: { kinds: ['fine'], fine: 3000 }, officers: pair() })).status, 200);
  const c3 = await mk('org');
  assert.equal((await act(officer, c3.id, { action: 'decide_on_spot', facts: 'x', penalty: { kinds: ['suspend_business'] }, officers: pair() })).status, 422);
});

test('electronic service needs the party\'s consent (Art. 61)', async () => {
  const c = await newCase();
  await act(leader, c.id, { action: 'approve_filing' });
  await officer.post(`/api/v1/cases/${c.id}/acts`, { kind: 'inspection', officers: pair() });
  await act(officer, c.id, { action: 'notify', intended: { kinds: ['warning'] } });
  await act(officer, c.id, { action: 'statement', statement: 'x' });
  const d = await act(leader, c.id, { action: 'decide', decision: 'penalty', penalty: { kinds: ['warning'] } });
  assert.ok(d.body.service_due && d.body.publish_due);
  const r = await act(officer, c.id, { action: 'serve', method: 'electronic' });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'consent');
  assert.equal((await act(officer, c.id, { action: 'serve', method: 'electronic', consent: true })).status, 200);
});

test('evidence upload streams to the store and answers its SHA-256 and SM3; audit verify catches an altered file', async () => {
  const c = await newCase();
  await act(leader, c.id, { action: 'approve_filing' });
  const content = Buffer.from('现场检查笔录：当事人在园区道路旁占道经营。'.repeat(5000));
  const form = new FormData();
  form.append('record', 'inspection_record');
  form.append('description', '现场检查笔录');
  form.append('file', new Blob([content], { type: 'text/plain' }), '现场检查笔录.txt');
  const r = await fetch(`${srv.url}/api/v1/cases/${c.id}/evidence`, { method: 'POST', body: form, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf } });
  const ev = await r.json();
  assert.equal(r.status, 201, JSON.stringify(ev));
  assert.equal(ev.sha256, createHash('sha256').update(content).digest('hex'));
  assert.equal(ev.sm3, createHash('sm3').update(content).digest('hex'));
  assert.equal(ev.size, content.length);
  const file = await fetch(`${srv.url}/api/v1/evidence/${ev.id}/file`, { headers: { cookie: officer.cookie } });
  assert.equal(file.status, 200);
  assert.ok(Buffer.from(await file.arrayBuffer()).equals(content));
  const detail = (await officer.get(`/api/v1/cases/${c.id}`)).body;
  assert.ok(detail.checklist.find((x) => x.record === 'inspection_record').present);
  const audit = (await admin.get('/api/v1/audit?action=case.evidence&page_size=5')).body.items;
  assert.ok(audit.some((e) => e.detail.sha256 === ev.sha256 && e.detail.sm3 === ev.sm3));
  const noCsrf = await fetch(`${srv.url}/api/v1/cases/${c.id}/evidence`, { method: 'POST', body: form, headers: { cookie: officer.cookie } });
  assert.equal(noCsrf.status, 403);
  const byViewer = await fetch(`${srv.url}/api/v1/cases/${c.id}/evidence`, { method: 'POST', body: form, headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf } });
  assert.equal(byViewer.status, 403);
  const noFile = new FormData();
  noFile.append('record', 'inspection_record');
  const empty = await fetch(`${srv.url}/api/v1/cases/${c.id}/evidence`, { method: 'POST', body: noFile, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf } });
  assert.equal(empty.status, 422);

  // tamper with the stored file behind the server's back
  assert.equal(fazhi(['audit', 'verify', '--db', srv.db]).status, 0);
  const store = join(filesDir(srv.db), 'sha256', ev.sha256.slice(0, 2), ev.sha256);
  chmodSync(store, 0o644);
  writeFileSync(store, Buffer.concat([content.subarray(0, 100), Buffer.from('x'), content.subarray(101)]));
  const v = fazhi(['audit', 'verify', '--db', srv.db]);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout, new RegExp(`evidence #${ev.id}`));
});

test('the publication page needs no login and masks citizens\' names', async () => {
  const pub = new Client(srv.url);
  const html = await pub.get('/public/decisions');
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-type'), /text\/html/);
  assert.match(html.text, /行政处罚决定公示/);
  const json = await pub.get('/public/decisions.json');
  assert.ok(json.body.items.length >= 1);
  for (const x of json.body.items) if (x.party_kind === 'citizen') assert.match(x.party_name, /\*\*$/);
  assert.ok(!html.text.includes('王某'), 'a citizen name unmasked');
  const officers = await pub.get('/public/officers.json');
  assert.ok(officers.body.items.some((o) => o.cert_no === '津东执12010001'));
});

test('the demo has closed 2023 cases with full-process records', async () => {
  const list = await leader.get('/api/v1/cases?stage=closed&page_size=200');
  assert.ok(list.body.total >= 5);
  const c = (await leader.get(`/api/v1/cases/${list.body.items.at(-1).id}`)).body;
  assert.ok(c.checklist.filter((x) => x.due).every((x) => x.present), JSON.stringify(c.checklist));
});

test('the decision document is a valid DOCX with the 文号 and the contents Art. 59 requires, and filing it adds hashed evidence', async () => {
  const list = await leader.get('/api/v1/cases?stage=closed&page_size=1');
  const c = list.body.items[0];
  const r = await fetch(`${srv.url}/api/v1/cases/${c.id}/documents/decision_doc`, { headers: { cookie: leader.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /wordprocessingml/);
  const buf = Buffer.from(await r.arrayBuffer());
  const { execFileSync, spawnSync } = await import('node:child_process');
  const py = `import sys, zipfile, io, xml.dom.minidom
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
doc = z.read('word/document.xml').decode()
xml.dom.minidom.parseString(doc)
import re
print(''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', doc)))`;
  const text = execFileSync('python3', ['-c', py], { input: buf }).toString();
  assert.ok(text.includes(c.decision_no), 'the 文号');
  for (const must of ['行政处罚决定书', c.party_name, '行政复议', '行政诉讼', '印章']) assert.ok(text.includes(must), must);
  const soffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice']).stdout.toString().trim();
  if (soffice) {
    const { mkdtempSync, writeFileSync: wf, existsSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/fazhi-docx-');
    wf(join(dir, 'decision.docx'), buf);
    spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'decision.docx')], { timeout: 120000 });
    assert.ok(existsSync(join(dir, 'decision.pdf')), 'LibreOffice converts the DOCX to PDF');
  }
  const notYet = await fetch(`${srv.url}/api/v1/cases/${(await newCase()).id}/documents/decision_doc`, { headers: { cookie: leader.cookie } });
  assert.equal(notYet.status, 409);
  const filed = await officer.post(`/api/v1/cases/${c.id}/documents/notice_doc`);
  assert.equal(filed.status, 201, filed.text);
  assert.equal(filed.body.record, 'notice_doc');
  assert.match(filed.body.sha256, /^[0-9a-f]{64}$/);
});

test('a patrol needs two certified officers; a finding becomes an inspection carrying over the officers and the patrol as its first act', async () => {
  const one = await officer.post('/api/v1/patrols', { route: '园区东路', officers: [ids['津东执12010001']] });
  assert.equal(one.status, 422);
  assert.equal(one.body.error.code, 'two_officers_required');
  const p = await officer.post('/api/v1/patrols', { route: '华明大道—园区东路', officers: pair() });
  assert.equal(p.status, 201, p.text);
  assert.deepEqual(p.body.certs.sort(), ['津东执12010001', '津东执12010002']);
  const empty = await officer.post(`/api/v1/patrols/${p.body.id}/findings`, { place: 'x' });
  assert.equal(empty.status, 422);
  assert.equal(empty.body.error.field, 'description');
  const f = await officer.post(`/api/v1/patrols/${p.body.id}/findings`, { description: '工地围挡破损，裸土未苫盖', place: '华兴路' });
  assert.equal(f.status, 201, f.text);
  const finding = f.body.findings.at(-1);
  const c = await officer.post(`/api/v1/findings/${finding.id}/convert`, { kind: 'inspection', party_name: '天津某建设公司', party_kind: 'org' });
  assert.equal(c.status, 201, c.text);
  const kase = (await officer.get(`/api/v1/cases/${c.body.case_id}`)).body;
  assert.equal(kase.stage, 'inspecting');
  assert.equal(kase.source, '园区巡查发现');
  assert.equal(kase.facts, '工地围挡破损，裸土未苫盖');
  assert.equal(kase.officers.length, 2);
  assert.equal(kase.acts.length, 1);
  assert.deepEqual(kase.acts[0].certs.sort(), ['津东执12010001', '津东执12010002']);
  const again = await officer.post(`/api/v1/findings/${finding.id}/convert`, { kind: 'inspection', party_name: 'x', party_kind: 'org' });
  assert.equal(again.status, 409);
  assert.equal((await officer.post(`/api/v1/patrols/${p.body.id}/end`, { summary: '巡查结束' })).status, 200);
  assert.equal((await officer.post(`/api/v1/patrols/${p.body.id}/end`, {})).status, 409);
  const list = await leader.get('/api/v1/patrols?from=2023-01-01&to=2023-12-31');
  assert.equal(list.body.total, 12);
});

test('the powers list is published without login with its legal bases (事前公开)', async () => {
  const r = await new Client(srv.url).get('/public/powers.json');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.some((p) => /安全生产法/.test(p.basis)));
});
