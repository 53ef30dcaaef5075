// regulations.test.mjs - the regulations library (政策法规库, issue 5): Chinese full-text
// search over articles (two-character terms, exact longer terms, absent terms, FTS5
// syntax in the query), the version in force on a day for citations, revision and
// repeal, permissions (401/403), validation (422 naming the field), the demo data with
// the powers list linked to its regulations, and the audit entries of every write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, Client } from '../lib/server.mjs';
import { expectError, checkIntegrity, sanitizerReport } from './helpers.mjs';

let srv, admin, legal, officer, viewer;

before(async () => {
  srv = await startServer();
  [admin, legal, officer, viewer] = await Promise.all(
    ['admin', 'legal', 'officer1', 'viewer'].map((u) => loggedIn(srv.url, u)));
});
after(async () => { await srv?.stop(); });

const search = (c, q, extra = '') =>
  c.get(`/api/v1/regulations/search?page_size=200&q=${encodeURIComponent(q)}${extra}`);
const cite = (c, id, article, date) =>
  c.get(`/api/v1/regulations/cite?id=${id}&article=${article}${date ? `&date=${date}` : ''}`);

let seq = 0;
async function create(body = {}) {
  seq += 1;
  const r = await legal.post('/api/v1/regulations', {
    title: `测试规定${seq}`, level: '规范性文件', issuer: '测试机关', effective_from: '2019-01-01',
    full_text: '第一条　为了测试，制定本规定。\n第二条　本规定自公布之日起施行。\n', ...body,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// every article of every version, through the API: the oracle for "exactly"
async function allArticles() {
  const list = await viewer.get('/api/v1/regulations?page_size=200');
  assert.equal(list.status, 200, list.text);
  const out = [];
  for (const reg of list.body.items) {
    const d = await viewer.get(`/api/v1/regulations/${reg.id}`);
    for (const v of d.body.versions) {
      const a = await viewer.get(`/api/v1/regulations/${reg.id}/articles?version=${v.no}`);
      for (const art of a.body.items) out.push({ citation: art.citation, text: art.text });
    }
  }
  return out;
}

// ---- search ----

test('GET /api/v1/regulations/search?q=处罚 (two characters) finds the articles that contain it', async () => {
  const r = await search(viewer, '处罚');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.total >= 10, `total ${r.body.total}`);
  for (const hit of r.body.items) {
    assert.match(hit.snippet, /<mark>处罚<\/mark>/);
    assert.match(hit.citation, /^reg\/\d+\/v\d+\/art\/\d+$/);
    assert.equal(typeof hit.title, 'string');
    assert.equal(typeof hit.label, 'string');
    assert.equal(typeof hit.rank, 'number');
  }
  assert.ok(r.body.items.some((h) => h.title === '中华人民共和国行政处罚法'));
});

test('a longer term finds exactly the articles whose text contains it (not its bigrams apart)', async () => {
  const reg = await create({
    full_text: '第一条　园区夜间施工扬尘应当受控。\n第二条　园区夜间，施工扬尘分开写。\n第三条　施工扬尘园区夜间倒过来写。\n',
  });
  const arts = await allArticles();
  for (const term of ['园区夜间施工扬尘', '行政处罚', '执法人员', '安全生产教育和培训', '罚']) {
    const r = await search(viewer, term);
    assert.equal(r.status, 200, r.text);
    const got = r.body.items.map((h) => h.citation).sort();
    const want = arts.filter((a) => a.text.includes(term)).map((a) => a.citation).sort();
    assert.deepEqual(got, want, term);
    assert.equal(r.body.total, want.length, term);
  }
  const one = await search(viewer, '园区夜间施工扬尘');
  assert.deepEqual(one.body.items.map((h) => h.citation), [`reg/${reg.id}/v1/art/1`]);
});

test('several terms separated by spaces must all occur in the article', async () => {
  const r = await search(viewer, '执法人员 两人');
  assert.equal(r.status, 200);
  assert.ok(r.body.total >= 1);
  for (const h of r.body.items) {
    assert.match(h.snippet, /执法人员/);
    assert.match(h.snippet, /两人/);
  }
});

test('mixed ASCII and Chinese (PM2.5) are found case-insensitively', async () => {
  const r = await search(viewer, 'pm2.5');
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 1);
  assert.match(r.body.items[0].snippet, /<mark>PM2\.5<\/mark>/);
});

test('a term that occurs nowhere -> 200 with 0 results', async () => {
  const r = await search(viewer, '量子纠缠通信卫星');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 0);
  assert.deepEqual(r.body.items, []);
});

test('FTS5 syntax in the query ("  *  AND (  NEAR(  col:x …) -> 200, never an FTS error', async () => {
  for (const q of ['"', '*', 'AND (', 'OR', 'NOT', 'NEAR(处罚 决定', '处罚"', '"处罚', 'terms:处罚',
    '^处罚', '-处罚', '处罚*', '{a b}', '(', ')', '+', '"" AND ""', '\\', "'", ';--', '%', '_']) {
    const r = await search(viewer, q);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    assert.ok(Array.isArray(r.body.items), q);
  }
  const quoted = await search(viewer, '"行政处罚"');
  assert.ok(quoted.body.total >= 1, 'quotes around a term are ignored');
});

test('search filters: status of the version, level and department', async () => {
  const all = await search(viewer, '行政处罚');
  const current = await search(viewer, '行政处罚', '&status=' + encodeURIComponent('现行有效'));
  const revised = await search(viewer, '行政处罚', '&status=' + encodeURIComponent('已修订'));
  assert.ok(current.body.items.every((h) => h.version_status === '现行有效'));
  assert.ok(revised.body.items.every((h) => h.version_status === '已修订'));
  assert.ok(revised.body.total >= 1, 'the 2017 text of 行政处罚法 is 已修订');
  assert.ok(current.body.total + revised.body.total <= all.body.total);
  const law = await search(viewer, '处罚', '&level=' + encodeURIComponent('法律'));
  assert.ok(law.body.items.every((h) => h.level === '法律'));
  const depts = (await admin.get('/api/v1/departments')).body.items;
  const xf = depts.find((d) => d.code === 'EXT-XF').id;
  const fire = await search(viewer, '处罚', `&dept=${xf}`);
  assert.ok(fire.body.total >= 1);
  assert.ok(fire.body.items.every((h) => ['中华人民共和国消防法', '中华人民共和国行政处罚法', '优化营商环境条例'].includes(h.title)),
    fire.body.items.map((h) => h.title).join());
});

test('search validation: no q -> 422 q; bad status -> 422 status; bad dept -> 422 dept', async () => {
  expectError(await viewer.get('/api/v1/regulations/search'), 422, 'invalid_field', 'q');
  expectError(await search(viewer, '处罚', '&status=x'), 422, 'invalid_field', 'status');
  expectError(await search(viewer, '处罚', '&dept=abc'), 422, 'invalid_field', 'dept');
  expectError(await search(viewer, '处'.repeat(101)), 422, 'invalid_field', 'q');
});

// ---- versions and citations ----

test('cite before and after a revision gives the text of the version in force on that day', async () => {
  const reg = await create({ full_text: '第一条　旧的第一条。\n第二条　第二条。\n' });
  const v = await legal.post(`/api/v1/regulations/${reg.id}/versions`, {
    doc_no: '测试〔2022〕1号', promulgated_on: '2021-12-01', effective_from: '2022-01-01',
    full_text: '第一条　新的第一条。\n第二条　第二条。\n第三条　新增的第三条。\n',
  });
  assert.equal(v.status, 201, v.text);
  assert.deepEqual(v.body.versions.map((x) => [x.no, x.status, x.effective_from, x.effective_to]), [
    [2, '现行有效', '2022-01-01', null], [1, '已修订', '2019-01-01', '2021-12-31']]);
  const before = await cite(viewer, reg.id, 1, '2021-12-31');
  assert.equal(before.status, 200, before.text);
  assert.equal(before.body.article.text, '旧的第一条。');
  assert.equal(before.body.citation, `reg/${reg.id}/v1/art/1`);
  const afterRev = await cite(viewer, reg.id, 1, '2022-01-01');
  assert.equal(afterRev.body.article.text, '新的第一条。');
  assert.equal(afterRev.body.citation, `reg/${reg.id}/v2/art/1`);
  assert.equal(afterRev.body.version.doc_no, '测试〔2022〕1号');
  expectError(await cite(viewer, reg.id, 1, '2018-12-31'), 404, 'not_in_force', 'date');
  expectError(await cite(viewer, reg.id, 3, '2021-06-01'), 404, 'no_such_article', 'article');
  const byRef = await viewer.get(`/api/v1/regulations/cite?ref=reg/${reg.id}/v1/art/2`);
  assert.equal(byRef.status, 200, byRef.text);
  assert.equal(byRef.body.article.label, '第二条');
});

test('the demo 行政处罚法 has its 2017 and 2021 texts: Art. 42 differs before and after 2021-07-15', async () => {
  const list = await viewer.get('/api/v1/regulations?q=' + encodeURIComponent('行政处罚法'));
  const law = list.body.items.find((x) => x.title === '中华人民共和国行政处罚法');
  assert.ok(law);
  assert.equal(law.version_count, 2);
  const old = await cite(viewer, law.id, 42, '2021-07-14');
  const now = await cite(viewer, law.id, 42, '2021-07-15');
  assert.match(old.body.article.text, /听证/);
  assert.match(now.body.article.text, /不得少于两人/);
  assert.match(old.body.version.doc_no, /第七十六号/);
});

test('GET /api/v1/regulations/:id/articles lists a version with anchors-ready numbers', async () => {
  const reg = await create();
  const r = await viewer.get(`/api/v1/regulations/${reg.id}/articles`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((a) => [a.no, a.label]), [[1, '第一条'], [2, '第二条']]);
  assert.equal(r.body.version.no, 1);
  assert.match(r.body.version.full_text, /第一条/);
  expectError(await viewer.get(`/api/v1/regulations/${reg.id}/articles?version=9`), 404, 'not_found');
  expectError(await viewer.get(`/api/v1/regulations/${reg.id}/articles?version=x`), 422, 'invalid_field', 'version');
  expectError(await viewer.get('/api/v1/regulations/999999'), 404, 'not_found');
});

test('an explicit articles array is accepted, labels made from the numbers (第一百零五条)', async () => {
  const reg = await create({
    full_text: undefined,
    articles: [{ no: 105, text: '第一百零五条的内容。' }, { no: 1, text: '第一条的内容。', chapter: '第一章 总则' }],
  });
  const r = await viewer.get(`/api/v1/regulations/${reg.id}/articles`);
  assert.deepEqual(r.body.items.map((a) => [a.no, a.label, a.chapter]),
    [[1, '第一条', '第一章 总则'], [105, '第一百零五条', '']]);
});

// ---- repeal ----

test('repeal: PUT status 已废止 closes the current version; citing afterwards -> 404; no new versions', async () => {
  const reg = await create();
  const r = await legal.put(`/api/v1/regulations/${reg.id}`, { version: reg.version, status: '已废止', repealed_on: '2024-01-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, '已废止');
  assert.equal(r.body.repealed_on, '2024-01-01');
  assert.equal(r.body.versions[0].status, '已废止');
  assert.equal(r.body.versions[0].effective_to, '2023-12-31');
  assert.equal((await cite(viewer, reg.id, 1, '2023-12-31')).status, 200);
  expectError(await cite(viewer, reg.id, 1, '2024-01-01'), 404, 'not_in_force', 'date');
  expectError(await legal.post(`/api/v1/regulations/${reg.id}/versions`, { effective_from: '2025-01-01', full_text: '第一条　新。' }),
    409, 'repealed');
  const listed = await viewer.get('/api/v1/regulations?page_size=200&status=' + encodeURIComponent('已废止'));
  assert.ok(listed.body.items.some((x) => x.id === reg.id));
  assert.ok(listed.body.items.every((x) => x.status === '已废止'));
  const current = await search(viewer, '为了测试', '&status=' + encodeURIComponent('现行有效'));
  assert.ok(!current.body.items.some((h) => h.regulation_id === reg.id));
  expectError(await legal.put(`/api/v1/regulations/${reg.id}`, { version: reg.version, title: 'x' }), 409, 'version_conflict', 'version');
  const back = await legal.put(`/api/v1/regulations/${reg.id}`, { version: r.body.version, status: '现行有效' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.versions[0].effective_to, null);
});

// ---- permissions ----

test('without a session -> 401; viewer and officer may read but not write (403); legal and admin write', async () => {
  const anon = new Client(srv.url);
  expectError(await anon.get('/api/v1/regulations'), 401, 'unauthorized');
  expectError(await anon.get('/api/v1/regulations/search?q=处罚'), 401, 'unauthorized');
  assert.equal((await officer.get('/api/v1/regulations')).status, 200);
  const body = { title: '越权', level: '规范性文件', effective_from: '2020-01-01', full_text: '第一条　x。' };
  expectError(await viewer.post('/api/v1/regulations', body), 403, 'forbidden');
  expectError(await officer.post('/api/v1/regulations', body), 403, 'forbidden');
  expectError(await viewer.put('/api/v1/regulations/1', { version: 1, title: 'x' }), 403, 'forbidden');
  expectError(await officer.post('/api/v1/regulations/1/versions', { effective_from: '2030-01-01', full_text: '第一条　x。' }), 403, 'forbidden');
  const made = await admin.post('/api/v1/regulations', { ...body, title: '管理员新增' });
  assert.equal(made.status, 201, made.text);
});

test('every write is audited with its action (regulation.create / revise / repeal)', async () => {
  const r = await admin.get('/api/v1/audit?action=regulation.&page_size=200');
  assert.equal(r.status, 200, r.text);
  const actions = new Set(r.body.items.map((e) => e.action));
  for (const a of ['regulation.create', 'regulation.revise', 'regulation.repeal', 'regulation.reinstate']) assert.ok(actions.has(a), a);
});

// ---- validation ----

test('POST /api/v1/regulations validation -> 422 naming the field', async () => {
  const ok = { title: '校验', level: '规范性文件', effective_from: '2020-01-01', full_text: '第一条　x。' };
  const cases = [
    [{ ...ok, title: undefined }, 'title'],
    [{ ...ok, title: '' }, 'title'],
    [{ ...ok, title: 5 }, 'title'],
    [{ ...ok, level: '通知' }, 'level'],
    [{ ...ok, effective_from: '2020-02-30' }, 'effective_from'],
    [{ ...ok, effective_from: undefined }, 'effective_from'],
    [{ ...ok, promulgated_on: '2020-05-01' }, 'promulgated_on'],
    [{ ...ok, full_text: '没有条文的文字' }, 'full_text'],
    [{ ...ok, full_text: undefined }, 'full_text'],
    [{ ...ok, full_text: undefined, articles: [{ no: 1, text: 'a' }, { no: 1, text: 'b' }] }, 'articles'],
    [{ ...ok, full_text: undefined, articles: [{ no: 0, text: 'a' }] }, 'articles'],
    [{ ...ok, full_text: undefined, articles: 'x' }, 'articles'],
    [{ ...ok, dept_ids: [999999] }, 'dept_ids'],
    [{ ...ok, dept_ids: 'x' }, 'dept_ids'],
  ];
  for (const [body, field] of cases) {
    expectError(await legal.post('/api/v1/regulations', body), 422, 'invalid_field', field);
  }
});

test('PUT and versions validation: 已修订 is not settable, dates checked, versions move forward', async () => {
  const reg = await create();
  expectError(await legal.put(`/api/v1/regulations/${reg.id}`, { version: reg.version, status: '已修订' }), 422, 'invalid_field', 'status');
  expectError(await legal.put(`/api/v1/regulations/${reg.id}`, { version: reg.version, status: '已废止', repealed_on: '2018-01-01' }), 422, 'invalid_field', 'repealed_on');
  expectError(await legal.put(`/api/v1/regulations/${reg.id}`, { version: reg.version, repealed_on: '2030-01-01' }), 422, 'invalid_field', 'repealed_on');
  expectError(await legal.put(`/api/v1/regulations/${reg.id}`, { title: 'x' }), 422, 'invalid_field', 'version');
  expectError(await legal.post(`/api/v1/regulations/${reg.id}/versions`, { effective_from: '2019-01-01', full_text: '第一条　x。' }),
    422, 'invalid_field', 'effective_from');
  expectError(await legal.post('/api/v1/regulations/999999/versions', { effective_from: '2030-01-01', full_text: '第一条　x。' }), 404, 'not_found');
  expectError(await cite(viewer, reg.id, 1, '2021-13-01'), 422, 'invalid_field', 'date');
  expectError(await viewer.get(`/api/v1/regulations/cite?id=${reg.id}`), 422, 'invalid_field', 'article');
  expectError(await viewer.get('/api/v1/regulations/cite?ref=reg/x'), 422, 'invalid_field', 'ref');
  expectError(await viewer.get('/api/v1/regulations?level=x'), 422, 'invalid_field', 'level');
});

// ---- demo data ----

test('demo: the enforcement departments have their regulations and the powers list is linked', async () => {
  const depts = (await admin.get('/api/v1/departments')).body.items;
  const cg = depts.find((d) => d.code === 'EXT-CG').id;
  const r = await viewer.get(`/api/v1/regulations?dept=${cg}&page_size=200`);
  const titles = r.body.items.map((x) => x.title);
  for (const t of ['天津市市容和环境卫生管理条例', '中华人民共和国大气污染防治法', '中华人民共和国行政处罚法']) assert.ok(titles.includes(t), t);
  assert.ok(r.body.items.every((x) => /示例文本/.test(x.note)));
  const all = (await viewer.get('/api/v1/regulations?page_size=200')).body.items;
  const powers = (await legal.get('/api/v1/powers')).body.items;
  const byTitle = Object.fromEntries(all.map((x) => [x.title, x.id]));
  const cgPower = powers.find((p) => p.code === 'CG-XZCF-001');
  assert.equal(cgPower.regulation_id, byTitle['天津市市容和环境卫生管理条例']);
  assert.equal(powers.find((p) => p.code === 'XF-XZCF-001').regulation_id, byTitle['中华人民共和国消防法']);
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
