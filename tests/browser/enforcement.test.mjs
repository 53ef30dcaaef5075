// enforcement.test.mjs - the 行政执法 screens in a real browser: one ordinary penalty case
// taken from registration to closure through the UI (officer1 registers it with two
// officers, the expired and the suspended certificate not selectable; the leader approves
// the filing in a second context; officer1 records an inspection and uploads evidence whose
// SHA-256 and SM3 the page shows; notice with a 2000 yuan fine, the party's statement; the
// leader decides and a 文号 appears; officer1 serves directly with two officers; the leader
// publishes; officer1 records the payment; the leader closes), with the stage tag, the
// stage bar, the action panel and the timeline checked as it goes, and the public page
// (opened from the menu in a new tab) listing the decision. Then the gates: the server's
// 409 with the article it cites shown in the dialog (notice before any investigation,
// Arts. 54/55; a decision before the legal review the case needs, Art. 58), and a stale
// page's 409 after the case went back to investigation. Then the cards of the case page:
// 法律依据 cited from a library search in the version in force on the violation day,
// 先行登记保存 (Art. 56) requested, approved by the leader, carried out by two officers and
// handled, the decision refused while it is pending, and 回避 (Art. 43) applied for and
// granted with a replacement. Last, officers and the powers list. One demo server and one Chromium for the file; screenshots in
// test-results/browser/enf-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, loggedIn } from '../lib/server.mjs';
import { launchBrowser, login, newPage, screenshot, t } from './lib.mjs';

let server;
let browser;
let ids; // officer ids by certificate number

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await loggedIn(server.url, 'officer1');
  const list = (await api.get('/api/v1/officers')).body.items;
  ids = Object.fromEntries(list.map((o) => [o.cert_no, o.id]));
});

after(async () => {
  await browser?.close();
  if (!server) return;
  await server.stop();
  assert.doesNotMatch(server.stderr(), /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr());
});

/* ui: a fresh context and page per test (more via more() for a second user); a screenshot
 * enf-<name>.png at the end, also on failure; no uncaught page errors. */
function ui(name, fn) {
  test(name, { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, server.url);
    const extra = [];
    const more = async () => { const p = await newPage(browser, server.url); extra.push(p); return p; };
    let ok = false;
    try {
      await fn(page, more);
      ok = true;
    } finally {
      await screenshot(page, name).catch(() => {});
      for (const p of extra) await p.context.close();
      await context.close();
    }
    if (ok) {
      assert.deepEqual(page.errors, [], 'uncaught errors in the page');
      for (const p of extra) assert.deepEqual(p.page.errors, [], 'uncaught errors in the second page');
    }
  });
}

/* field: the input or textarea of an el-input (or el-input-number) by data-test. */
const field = (page, id) => page.locator(`input${t(id)}, textarea${t(id)}, ${t(id)} input, ${t(id)} textarea`).first();

const pathIs = (page, path) => page.waitForURL((u) => u.pathname === path);

/* openEnfMenu: a menu item of the 行政执法 group (opening the group first). */
async function openEnfMenu(page, id) {
  const item = page.locator(t(id));
  if (!(await item.isVisible())) await page.locator(`${t('menu-enforcement')} > .el-sub-menu__title`).click();
  await item.click();
}

/* openSelect: open an el-select's dropdown by its data-test. */
const openSelect = (page, selectId) => page.locator(`${t(selectId)} .el-select__wrapper`).click();
/* option: the visible option with data-test id. */
const option = (page, id) => page.locator(t(id)).filter({ visible: true });

/* pick: choose an el-select option by the option's data-test. */
async function pick(page, selectId, optionId) {
  await openSelect(page, selectId);
  await option(page, optionId).click();
}

const stageTag = (page, stage) => page.locator(`${t('enf-detail-stage')} .el-tag[data-value="${stage}"]`);
const step = (page, key) => page.locator(t(`enf-step-${key}`));
const events = (page) => page.locator(`${t('enf-timeline')} [data-test^="enf-event-"]`);
const actionDialog = (page) => page.locator(`.el-dialog${t('enf-action-dialog')}`);

/* actionButtons: the action names the panel shows. */
async function actionButtons(page) {
  const names = await page.locator(`${t('enf-actions')} [data-test^="enf-action-"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-test').replace('enf-action-', '')));
  return names.sort();
}

/* the actions the 法律依据, 先行登记保存 and 回避 cards offer instead of the panel */
const CARD_ACTIONS = ['cite', 'request_preservation', 'approve_preservation', 'preserve', 'handle_preservation',
  'apply_recusal', 'decide_recusal'];

/* checkPanel: the panel shows the server's allowed_actions for this user, less only what
 * visibly cannot apply (公示 once published, 撤回公示 with nothing published) and what the
 * cards offer; returns the buttons shown. */
async function checkPanel(page, api, id) {
  const r = await api.get(`/api/v1/cases/${id}`);
  assert.equal(r.status, 200, r.text);
  const c = r.body;
  const allowed = c.allowed_actions.map((a) => a.action).sort();
  await page.locator(t('enf-actions')).waitFor();
  const shown = await actionButtons(page);
  for (const a of shown) assert.ok(allowed.includes(a), `button ${a} not in allowed_actions ${allowed}`);
  for (const a of allowed.filter((x) => !shown.includes(x))) {
    const inapplicable = (a === 'publish' && (c.published_at || !c.publish_required)) ||
      (a === 'withdraw_publication' && (!c.published_at || c.withdrawn_at)) || CARD_ACTIONS.includes(a);
    assert.ok(inapplicable, `${a} hidden`);
  }
  return shown;
}

/* act: run one lifecycle action through its dialog; fill(dlg) fills the form; waits for
 * the success toast, the stage tag and the timeline entry of the action. */
async function act(page, action, { fill, to, label }) {
  await page.locator(t(`enf-action-${action}`)).click();
  const dlg = actionDialog(page);
  await dlg.and(page.locator(`[data-action="${action}"]`)).waitFor({ state: 'visible' });
  if (fill) await fill(dlg);
  await page.locator(t('enf-act-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: `${label}成功` }).first().waitFor();
  await dlg.waitFor({ state: 'hidden' });
  await stageTag(page, to).waitFor();
  await page.locator(`${t('enf-timeline')} [data-action="${action}"]`).last().waitFor();
}

/* refresh: reload the case on a page and wait for its stage. */
async function refresh(page, stage) {
  await page.locator(t('enf-detail-refresh')).click();
  await stageTag(page, stage).waitFor();
}

/* closeDropdown: click the dialog's title so an open select closes (Escape would close
 * the dialog). */
const closeDropdown = (dlg) => dlg.locator('.el-dialog__title').click();

ui('enf-1-lifecycle', async (page, more) => {
  const officerApi = await loggedIn(server.url, 'officer1');
  const leaderApi = await loggedIn(server.url, 'leader');
  const o1 = ids['津东执12010001'];
  const o2 = ids['津东执12010002'];
  const expired = ids['津东执12010005'];
  const suspended = ids['津东执12010006'];

  await login(page, 'officer1');
  await openEnfMenu(page, 'menu-enf-cases');
  await pathIs(page, '/enforcement/cases');
  await page.locator(`${t('enf-case-table')} .el-table__row`).first().waitFor();

  // 登记案件: the expired and the suspended certificates are listed but not selectable
  const tag = Date.now().toString(36);
  const title = `浏览器测试：占用园区道路堆放建材 ${tag}`;
  await page.locator(t('enf-case-add')).click();
  const reg = page.locator(`.el-dialog${t('enf-register-dialog')}`);
  await reg.waitFor({ state: 'visible' });
  await field(page, 'enf-reg-title').fill(title);
  await field(page, 'enf-reg-party-name').fill('天津某建材贸易有限公司');
  await page.locator(t('enf-reg-party-kind-org')).click();
  await field(page, 'enf-reg-party-id-no').fill('91120110MA05XXXX1X');
  await field(page, 'enf-reg-party-address').fill('天津市东丽区华明高新区园区东路 8 号');
  await field(page, 'enf-reg-facts').fill('当事人在园区东路人行道上堆放建筑材料，占用道路约 30 平方米。');
  await openSelect(page, 'enf-reg-officers');
  const exp = option(page, `enf-reg-officers-${expired}`);
  await exp.waitFor();
  assert.match(await exp.getAttribute('class'), /is-disabled/, 'the expired certificate is disabled');
  assert.match(await exp.textContent(), /已过期/);
  assert.equal(await exp.getAttribute('data-validity'), 'expired');
  const sus = option(page, `enf-reg-officers-${suspended}`);
  assert.match(await sus.getAttribute('class'), /is-disabled/, 'the suspended certificate is disabled');
  assert.match(await sus.textContent(), /已暂扣/);
  await exp.click({ force: true }); // clicking a disabled option selects nothing
  await option(page, `enf-reg-officers-${o1}`).click();
  await option(page, `enf-reg-officers-${o2}`).click();
  await closeDropdown(reg);
  const chosen = await reg.locator(`${t('enf-reg-officers')} .el-select__selected-item .el-tag`).allTextContents();
  assert.equal(chosen.length, 2, chosen.join('|'));
  assert.ok(chosen.some((s) => s.includes('津东执12010001')) && chosen.some((s) => s.includes('津东执12010002')), chosen.join('|'));
  await screenshot(page, 'enf-1-lifecycle-01-register');
  await page.locator(t('enf-reg-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '登记成功' }).waitFor();
  await page.waitForURL((u) => /^\/enforcement\/cases\/\d+$/.test(u.pathname));
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await stageTag(page, 'registered').waitFor();
  assert.equal(await step(page, 'file').getAttribute('data-status'), 'process');
  assert.equal((await page.locator(t('enf-detail-title')).textContent()).trim(), title);
  assert.deepEqual(await checkPanel(page, officerApi, id), [], 'officer1 cannot approve the filing');
  await page.locator(t('enf-no-actions')).waitFor();
  // the full-process record: the filing form is not due before the filing is approved
  assert.equal(await page.locator(t('enf-check-filing_form')).getAttribute('data-due'), '0');

  // the leader approves the filing in a second context
  const { page: lp } = await more();
  await login(lp, 'leader');
  await lp.goto(`/enforcement/cases/${id}`);
  await stageTag(lp, 'registered').waitFor();
  assert.deepEqual(await checkPanel(lp, leaderApi, id), ['approve_filing']);
  await act(lp, 'approve_filing', { to: 'investigating', label: '批准立案' });
  assert.equal(await step(lp, 'file').getAttribute('data-status'), 'finish');
  assert.equal(await step(lp, 'investigate').getAttribute('data-status'), 'process');
  await lp.locator(t('enf-due-decision')).waitFor();

  // officer1: an inspection with both officers, then the evidence file
  await refresh(page, 'investigating');
  await page.locator(t('enf-act-add')).click();
  const actDlg = page.locator(`.el-dialog${t('enf-act-dialog')}`);
  await actDlg.waitFor({ state: 'visible' });
  assert.equal(await actDlg.locator(`${t('enf-actrec-officers')} .el-select__selected-item .el-tag`).count(), 2,
    'the case officers are preselected');
  await page.locator(t('enf-actrec-kind-inspection')).click();
  await field(page, 'enf-actrec-place').fill('园区东路 8 号门前');
  await field(page, 'enf-actrec-summary').fill('现场检查：人行道堆放建材约 30 平方米，制作现场检查笔录，全程执法记录仪记录。');
  await page.locator(t('enf-actrec-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '记录执法活动成功' }).first().waitFor();
  await actDlg.waitFor({ state: 'hidden' });
  const actRow = page.locator(`${t('enf-acts-table')} .el-table__row`).first();
  await actRow.waitFor();
  assert.match(await actRow.textContent(), /津东执12010001/);
  assert.match(await actRow.textContent(), /津东执12010002/);
  assert.match(await actRow.textContent(), /现场检查/);

  const content = Buffer.from('现场检查笔录：当事人在园区东路人行道上堆放建筑材料。\n'.repeat(4000));
  const sha256 = createHash('sha256').update(content).digest('hex');
  const sm3 = createHash('sm3').update(content).digest('hex');
  await page.locator(t('enf-ev-add')).click();
  const evDlg = page.locator(`.el-dialog${t('enf-evidence-dialog')}`);
  await evDlg.waitFor({ state: 'visible' });
  await pick(page, 'enf-ev-record', 'enf-ev-record-inspection_record');
  await field(page, 'enf-ev-description').fill('现场检查笔录（扫描件）');
  await evDlg.locator(`${t('enf-ev-file')} input[type="file"]`)
    .setInputFiles({ name: '现场检查笔录.txt', mimeType: 'text/plain', buffer: content });
  await evDlg.locator('.el-upload-list__item').filter({ hasText: '现场检查笔录.txt' }).waitFor();
  await page.locator(t('enf-ev-submit')).click();
  const shownSha = page.locator(t('enf-ev-result-sha256'));
  await shownSha.waitFor();
  assert.equal((await shownSha.textContent()).trim(), sha256, 'the SHA-256 shown is the file\'s');
  assert.equal((await page.locator(t('enf-ev-result-sm3')).textContent()).trim(), sm3, 'the SM3 shown is the file\'s');
  assert.equal(await page.locator(t('enf-ev-progress')).getAttribute('data-value'), '100');
  await screenshot(page, 'enf-1-lifecycle-02-evidence');
  await page.locator(t('enf-ev-done')).click();
  await evDlg.waitFor({ state: 'hidden' });
  const evId = (await officerApi.get(`/api/v1/cases/${id}`)).body.evidence.find((e) => e.sha256 === sha256).id;
  const listed = page.locator(t(`enf-ev-sha256-${evId}`));
  await listed.waitFor();
  assert.equal(await listed.getAttribute('data-full'), sha256);
  assert.equal((await listed.textContent()).trim(), `${sha256.slice(0, 8)}…${sha256.slice(-8)}`);
  assert.equal(await page.locator(t(`enf-ev-download-${evId}`)).getAttribute('href'), `/api/v1/evidence/${evId}/file`);
  await page.locator(`${t('enf-check-inspection_record')}[data-present="1"]`).waitFor();
  // the download link serves the same bytes
  const served = await page.evaluate(async (href) => {
    const r = await fetch(href, { credentials: 'same-origin' });
    const buf = await crypto.subtle.digest('SHA-256', await r.arrayBuffer());
    return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, `/api/v1/evidence/${evId}/file`);
  assert.equal(served, sha256);

  // 告知: a fine of 2000 yuan
  await act(page, 'notify', {
    to: 'notified', label: '告知拟处罚',
    fill: async (dlg) => {
      await pick(page, 'enf-act-intended-kinds', 'enf-act-intended-kind-fine');
      await closeDropdown(dlg);
      const fine = field(page, 'enf-act-intended-fine');
      await fine.fill('2000');
      await fine.press('Tab');
    },
  });
  assert.match(await page.locator(t('enf-detail-intended')).textContent(), /罚款（2,000\.00 元）/);
  assert.equal(await step(page, 'notify').getAttribute('data-status'), 'finish');
  assert.equal(await step(page, 'statement').getAttribute('data-status'), 'process');
  await act(page, 'statement', {
    to: 'heard', label: '记录陈述申辩',
    fill: () => field(page, 'enf-act-statement').fill('当事人对违法事实无异议，请求从轻处罚。'),
  });
  await screenshot(page, 'enf-1-lifecycle-03-heard');

  // the leader decides: the penalty is prefilled from the notice; a 文号 appears
  await refresh(lp, 'heard');
  assert.ok((await checkPanel(lp, leaderApi, id)).includes('decide'));
  await act(lp, 'decide', {
    to: 'decided', label: '作出决定',
    fill: async (dlg) => {
      await dlg.locator(t('enf-act-intended-readonly')).filter({ hasText: '2,000.00' }).waitFor();
      assert.equal(await field(lp, 'enf-act-penalty-fine').inputValue(), '2000.00');
      await field(lp, 'enf-act-basis').fill('《天津市市容和环境卫生管理条例》第五十二条');
    },
  });
  const decisionNo = (await lp.locator(t('enf-detail-decision-no')).textContent()).trim();
  assert.match(decisionNo, /罚决〔\d{4}〕第\d+号$/);
  assert.match(await events(lp).last().textContent(), new RegExp(decisionNo.replace(/[〔〕]/g, '.')));
  await screenshot(lp, 'enf-1-lifecycle-04-decided');

  // officer1 serves directly, with two officers
  await refresh(page, 'decided');
  await act(page, 'serve', {
    to: 'served', label: '送达决定书',
    fill: async (dlg) => {
      await page.locator(t('enf-act-method-direct')).click();
      assert.equal(await dlg.locator(`${t('enf-act-officers')} .el-select__selected-item .el-tag`).count(), 2);
    },
  });
  assert.equal(await step(page, 'serve').getAttribute('data-status'), 'finish');
  await page.locator(t('enf-due-payment')).waitFor();

  // the leader publishes
  await refresh(lp, 'served');
  await act(lp, 'publish', { to: 'served', label: '公示' });
  await lp.locator(`${t('enf-step-publish')}[data-status="finish"]`).waitFor();
  assert.notEqual((await lp.locator(t('enf-detail-published')).textContent()).trim(), '待公示');

  // officer1 records the payment, the leader closes
  await refresh(page, 'served');
  await act(page, 'execute', { to: 'executed', label: '执行（履行）' });
  await refresh(lp, 'executed');
  await act(lp, 'close', {
    to: 'closed', label: '结案',
    fill: () => field(lp, 'enf-act-conclusion').fill('罚款已缴清，案件办结。'),
  });
  const statuses = await lp.locator(`${t('enf-stage-bar')} [data-test^="enf-step-"]`)
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-test').slice(9)}:${e.getAttribute('data-status')}`));
  assert.deepEqual(statuses, ['file:finish', 'investigate:finish', 'notify:finish', 'statement:finish', 'review:skip',
    'decide:finish', 'serve:finish', 'publish:finish', 'execute:finish', 'close:finish']);
  const acts = await events(lp).evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  assert.deepEqual(acts.filter((a) => !['act', 'evidence'].includes(a)),
    ['create', 'approve_filing', 'notify', 'statement', 'decide', 'serve', 'publish', 'execute', 'close']);
  assert.ok(acts.includes('act') && acts.includes('evidence'));
  assert.deepEqual(await checkPanel(lp, leaderApi, id), ['revoke'], 'published already: only 撤销决定');
  await screenshot(lp, 'enf-1-lifecycle-05-closed');

  // the list shows the case closed with its number
  await lp.goto(`/enforcement/cases?q=${encodeURIComponent(tag)}`);
  await lp.locator(`${t('enf-row-stage-' + id)} .el-tag[data-value="closed"]`).waitFor();
  assert.equal((await lp.locator(t('enf-row-decision-no-' + id)).textContent()).trim(), decisionNo);
  await screenshot(lp, 'enf-1-lifecycle-07-list');

  // 公示 in the menu opens the server's public page in a new tab; the app stays put
  const before = lp.url();
  const [pub] = await Promise.all([
    lp.context().waitForEvent('page'),
    openEnfMenu(lp, 'menu-enf-public'),
  ]);
  await pub.waitForLoadState('domcontentloaded');
  await pub.getByText(decisionNo).first().waitFor();
  assert.match(new URL(pub.url()).pathname, /^\/public\/decisions$/);
  assert.match(await pub.title(), /行政处罚决定公示/);
  await screenshot(pub, 'enf-1-lifecycle-06-public');
  assert.equal(lp.url(), before);

  // the server agrees
  const c = (await officerApi.get(`/api/v1/cases/${id}`)).body;
  assert.equal(c.stage, 'closed');
  assert.equal(c.fine_amount, 2000);
  assert.equal(c.service_method, 'direct');
  assert.equal(c.decision_no, decisionNo);
});

ui('enf-2-gates', async (page, more) => {
  const officerApi = await loggedIn(server.url, 'officer1');
  const leaderApi = await loggedIn(server.url, 'leader');
  const legalApi = await loggedIn(server.url, 'legal');
  const pair = [ids['津东执12010001'], ids['津东执12010002']];
  const mk = await officerApi.post('/api/v1/cases', {
    title: '浏览器测试：程序关口', party_name: '天津某物流有限公司', party_kind: 'org', review_required: true,
    facts: '货车占道装卸', officers: pair,
  });
  assert.equal(mk.status, 201, mk.text);
  const id = mk.body.id;
  assert.equal((await leaderApi.post(`/api/v1/cases/${id}/actions`, { action: 'approve_filing' })).status, 200);

  // notice before any investigation: the server refuses with Arts. 54/55; the dialog says so
  await login(page, 'officer1');
  await page.goto(`/enforcement/cases/${id}`);
  await stageTag(page, 'investigating').waitFor();
  await page.locator(t('enf-action-notify')).click();
  const dlg = actionDialog(page);
  await dlg.waitFor({ state: 'visible' });
  await pick(page, 'enf-act-intended-kinds', 'enf-act-intended-kind-warning');
  await closeDropdown(dlg);
  await page.locator(t('enf-act-submit')).click();
  const err = dlg.locator(t('enf-act-error'));
  await err.waitFor();
  assert.match(await err.textContent(), /尚未调查取证.*第五十四条/);
  assert.equal(await err.getAttribute('data-code'), 'procedure_violation');
  await screenshot(page, 'enf-2-gates-01-notice-before-investigation');
  await page.locator(t('enf-act-cancel')).click();
  await dlg.waitFor({ state: 'hidden' });
  await stageTag(page, 'investigating').waitFor();

  // carry it to "heard" (the API), then the leader tries to decide before the legal review
  assert.equal((await officerApi.post(`/api/v1/cases/${id}/acts`, { kind: 'inquiry', officers: pair })).status, 201);
  for (const body of [{ action: 'notify', intended: { kinds: ['fine'], fine: 1000 } }, { action: 'statement', statement: '无异议' }]) {
    const r = await officerApi.post(`/api/v1/cases/${id}/actions`, body);
    assert.equal(r.status, 200, r.text);
  }
  const { page: lp } = await more();
  await login(lp, 'leader');
  await lp.goto(`/enforcement/cases/${id}`);
  await stageTag(lp, 'heard').waitFor();
  assert.ok((await checkPanel(lp, leaderApi, id)).includes('decide'), 'the stage allows a decision');
  assert.equal(await step(lp, 'review').getAttribute('data-status'), 'process', 'the review is due');
  await lp.locator(t('enf-action-decide')).click();
  const ldlg = actionDialog(lp);
  await ldlg.waitFor({ state: 'visible' });
  await lp.locator(t('enf-act-submit')).click();
  const lerr = ldlg.locator(t('enf-act-error'));
  await lerr.waitFor();
  assert.match(await lerr.textContent(), /法制审核.*第五十八条/);
  assert.equal(await lerr.getAttribute('data-code'), 'procedure_violation');
  await screenshot(lp, 'enf-2-gates-02-decide-before-review');
  await lp.locator(t('enf-act-cancel')).click();
  await ldlg.waitFor({ state: 'hidden' });

  // meanwhile the review sends the case back to investigation: the stale page's 409
  assert.equal((await officerApi.post(`/api/v1/cases/${id}/actions`, { action: 'submit_review' })).status, 200);
  const back = await legalApi.post(`/api/v1/cases/${id}/actions`, { action: 'review', result: 'return', opinion: '证据不足，补充调查' });
  assert.equal(back.status, 200, back.text);
  await lp.locator(t('enf-action-decide')).click();
  await ldlg.waitFor({ state: 'visible' });
  await lp.locator(t('enf-act-submit')).click();
  const conflict = lp.locator(t('enf-conflict'));
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /不能执行“作出决定”/);
  await stageTag(lp, 'investigating').waitFor();
  assert.equal(await lp.locator(t('enf-action-decide')).count(), 0);
  assert.match(await lp.locator(t('enf-conflict-allowed')).textContent(), /延长办案期限/);
  await screenshot(lp, 'enf-2-gates-03-stale-409');

  // a hearing notified too late: 422 on hearing_at, the field marked (Art. 64)
  const heavy = await officerApi.post('/api/v1/cases', {
    title: '浏览器测试：听证', party_name: '天津某制造有限公司', party_kind: 'org', officers: pair,
  });
  assert.equal(heavy.status, 201, heavy.text);
  const hid = heavy.body.id;
  assert.equal((await leaderApi.post(`/api/v1/cases/${hid}/actions`, { action: 'approve_filing' })).status, 200);
  assert.equal((await officerApi.post(`/api/v1/cases/${hid}/acts`, { kind: 'inspection', officers: pair })).status, 201);
  const n = await officerApi.post(`/api/v1/cases/${hid}/actions`, { action: 'notify', intended: { kinds: ['suspend_business'] } });
  assert.equal(n.body.hearing_right, true, n.text);
  await page.goto(`/enforcement/cases/${hid}`);
  await stageTag(page, 'notified').waitFor();
  await act(page, 'request_hearing', { to: 'hearing', label: '申请听证' });
  await page.locator(t('enf-action-schedule_hearing')).click();
  await dlg.and(page.locator('[data-action="schedule_hearing"]')).waitFor({ state: 'visible' });
  const when = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10) + ' 09:30';
  const at = field(page, 'enf-act-hearing-at');
  await at.fill(when(1));
  await at.press('Enter');
  await field(page, 'enf-act-place').fill('区综合执法局听证室');
  await page.locator(t('enf-act-submit')).click();
  await dlg.locator(t('enf-act-error')).filter({ hasText: '第六十四条' }).waitFor();
  await dlg.locator('.el-form-item.is-error .el-form-item__error').filter({ hasText: '最早可定于' }).waitFor();
  await screenshot(page, 'enf-2-gates-04-hearing-too-soon');
  await at.fill(when(30));
  await at.press('Enter');
  await page.locator(t('enf-act-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '确定听证时间成功' }).first().waitFor();
  await dlg.waitFor({ state: 'hidden' });
  const scheduled = (await officerApi.get(`/api/v1/cases/${hid}`)).body;
  assert.equal(scheduled.stage, 'hearing');
  assert.equal(scheduled.hearing_at.slice(0, 16), when(30).replace(' ', 'T'));
});

ui('enf-3-officers-powers', async (page) => {
  const legalApi = await loggedIn(server.url, 'legal');
  await login(page, 'legal');
  await openEnfMenu(page, 'menu-enf-officers');
  await pathIs(page, '/enforcement/officers');
  const expired = ids['津东执12010005'];
  const suspended = ids['津东执12010006'];
  await page.locator(`${t('enf-off-state-' + expired)} .el-tag[data-value="expired"]`).waitFor();
  await page.locator(`${t('enf-off-state-' + suspended)} .el-tag[data-value="suspended"]`).waitFor();
  await page.locator(`${t('enf-off-state-' + ids['津东执12010001'])} .el-tag[data-value="valid"]`).waitFor();

  // 新增 an officer, suspend the certificate, restore it, renew it
  const cert = `津东执99${Date.now().toString().slice(-6)}`;
  await page.locator(t('enf-off-add')).click();
  const dlg = page.locator(`.el-dialog${t('enf-off-dialog')}`);
  await dlg.waitFor({ state: 'visible' });
  await field(page, 'enf-off-name').fill('测试执法员');
  await page.locator(`${t('enf-off-dept')} .el-select__wrapper`).click();
  await page.locator('.dept-tree-popper').filter({ visible: true }).getByText('执法一中队', { exact: true }).click();
  await field(page, 'enf-off-cert-no').fill(cert);
  await field(page, 'enf-off-issuer').fill('天津市人民政府');
  await field(page, 'enf-off-valid-from').fill('2024-01-01');
  await field(page, 'enf-off-valid-from').press('Enter');
  await field(page, 'enf-off-valid-until').fill('2025-12-31');
  await field(page, 'enf-off-valid-until').press('Enter');
  await page.locator(t('enf-off-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '新增成功' }).waitFor();
  await dlg.waitFor({ state: 'hidden' });
  const created = (await legalApi.get(`/api/v1/officers?q=${encodeURIComponent(cert)}`)).body.items[0];
  assert.ok(created, 'the officer was created');
  const state = (v) => page.locator(`${t('enf-off-state-' + created.id)} .el-tag[data-value="${v}"]`);
  await state('expired').waitFor();

  await page.locator(t('enf-off-renew-' + created.id)).click();
  const rdlg = page.locator(`.el-dialog${t('enf-off-renew-dialog')}`);
  await rdlg.waitFor({ state: 'visible' });
  await field(page, 'enf-off-renew-until').fill('2031-12-31');
  await field(page, 'enf-off-renew-until').press('Enter');
  await page.locator(t('enf-off-renew-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '续期成功' }).waitFor();
  await state('valid').waitFor();
  assert.match(await page.locator(t('enf-off-period-' + created.id)).textContent(), /2031-12-31/);

  await page.locator(t('enf-off-suspend-' + created.id)).click();
  await page.locator('.msgbox-confirm').click();
  await state('suspended').waitFor();
  await page.locator(t('enf-off-restore-' + created.id)).click();
  await page.locator('.msgbox-confirm').click();
  await state('valid').waitFor();
  const after = (await legalApi.get(`/api/v1/officers/${created.id}`)).body;
  assert.equal(after.status, 'valid');
  assert.equal(after.valid_until, '2031-12-31');
  assert.equal(after.version, created.version + 3, 'each change was a PUT with the version');
  await screenshot(page, 'enf-3-officers');

  // 权责清单: 新增
  await openEnfMenu(page, 'menu-enf-powers');
  await pathIs(page, '/enforcement/powers');
  await page.locator(`${t('enf-pow-table')} .el-table__row`).first().waitFor();
  const code = `TEST-${Date.now().toString(36).toUpperCase()}`;
  await page.locator(t('enf-pow-add')).click();
  const pdlg = page.locator(`.el-dialog${t('enf-pow-dialog')}`);
  await pdlg.waitFor({ state: 'visible' });
  await field(page, 'enf-pow-code').fill(code);
  await pick(page, 'enf-pow-kind', 'enf-pow-kind-inspection');
  await field(page, 'enf-pow-name').fill('对园区企业消防安全的行政检查（测试）');
  await page.locator(`${t('enf-pow-dept')} .el-select__wrapper`).click();
  await page.locator('.dept-tree-popper').filter({ visible: true }).getByText('执法一中队', { exact: true }).click();
  await field(page, 'enf-pow-basis').fill('《中华人民共和国消防法》第五十三条');
  await page.locator(t('enf-pow-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '新增成功' }).waitFor();
  await field(page, 'enf-pow-search-q').fill(code);
  await page.locator(`${t('enf-pow-table')} .el-table__row`).filter({ hasText: code }).waitFor();
  await screenshot(page, 'enf-3-powers');
  assert.ok((await legalApi.get('/api/v1/powers')).body.items.some((p) => p.code === code));
});

ui('enf-4-basis-preservation-recusal', async (page, more) => {
  const officerApi = await loggedIn(server.url, 'officer1');
  const pair = [ids['津东执12010001'], ids['津东执12010002']];
  const repl = ids['津东执12010004'];
  const mk = await officerApi.post('/api/v1/cases', {
    title: `浏览器测试：占道经营 ${Date.now().toString(36)}`, party_name: '张某', party_kind: 'citizen',
    facts: '在园区道路旁占道经营', violation_at: '2024-06-03', officers: pair,
  });
  assert.equal(mk.status, 201, mk.text);
  const id = mk.body.id;
  const leaderApi = await loggedIn(server.url, 'leader');
  assert.equal((await leaderApi.post(`/api/v1/cases/${id}/actions`, { action: 'approve_filing' })).status, 200);
  assert.equal((await officerApi.post(`/api/v1/cases/${id}/acts`, { kind: 'inquiry', officers: pair })).status, 201);

  await login(page, 'officer1');
  await page.goto(`/enforcement/cases/${id}`);
  await stageTag(page, 'investigating').waitFor();
  assert.ok(!(await actionButtons(page)).some((a) => CARD_ACTIONS.includes(a)), 'card actions stay off the panel');

  // 法律依据: search the library (a two-character term), pick the article, cite it
  await page.locator(t('enf-cite-add')).click();
  const cdlg = page.locator(`.el-dialog${t('enf-cite-dialog')}`);
  await cdlg.waitFor({ state: 'visible' });
  await field(page, 'enf-cite-q').fill('占用');
  await page.locator(t('enf-cite-search')).click();
  await cdlg.locator('[data-test^="enf-cite-hit-"]').filter({ hasText: '天津市市容和环境卫生管理条例' })
    .filter({ hasText: '第五十二条' }).first().click();
  await cdlg.locator(t('enf-cite-picked')).filter({ hasText: '天津市市容和环境卫生管理条例' }).waitFor();
  await page.locator(t('enf-cite-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '引用法律依据成功' }).first().waitFor();
  const cite = page.locator(t('enf-cite-0'));
  await cite.waitFor();
  assert.match(await page.locator(t('enf-cite-quote-0')).textContent(), /《天津市市容和环境卫生管理条例》第五十二条/);
  assert.match(await cite.textContent(), /按 2024-06-03 施行的版本引用/);
  const stored = (await officerApi.get(`/api/v1/cases/${id}`)).body.citations[0];
  assert.equal((await page.locator(t('enf-cite-text-0')).textContent()).trim(), stored.text);

  // 先行登记保存: request with the items
  await page.locator(t('enf-pres-add')).click();
  const pdlg = page.locator(`.el-dialog${t('enf-pres-dialog')}`);
  await pdlg.and(page.locator('[data-action="request_preservation"]')).waitFor({ state: 'visible' });
  await field(page, 'enf-pres-item-name-0').fill('流动售货车');
  await field(page, 'enf-pres-item-qty-0').fill('1');
  await field(page, 'enf-pres-item-unit-0').fill('辆');
  await field(page, 'enf-pres-reason').fill('当事人可能转移物品，证据可能灭失');
  await page.locator(t('enf-pres-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '申请先行登记保存成功' }).first().waitFor();
  const pid = (await officerApi.get(`/api/v1/cases/${id}`)).body.preservations[0].id;
  await page.locator(`${t('enf-pres-status-' + pid)}[data-status="requested"]`).waitFor();
  assert.match(await page.locator(t('enf-pres-items-' + pid)).textContent(), /流动售货车 1辆/);
  assert.equal(await page.locator(t('enf-pres-approve-' + pid)).count(), 0, 'officer1 cannot approve');

  // the leader approves in a second context
  const { page: lp } = await more();
  await login(lp, 'leader');
  await lp.goto(`/enforcement/cases/${id}`);
  await lp.locator(t('enf-pres-approve-' + pid)).click();
  const ldlg = lp.locator(`.el-dialog${t('enf-pres-dialog')}`);
  await ldlg.waitFor({ state: 'visible' });
  await lp.locator(t('enf-pres-approved-yes')).click();
  await field(lp, 'enf-pres-opinion').fill('同意先行登记保存');
  await lp.locator(t('enf-pres-submit')).click();
  await lp.locator(`${t('enf-pres-status-' + pid)}[data-status="approved"]`).waitFor();

  // officer1 carries it out with the two officers preselected; the deadline appears
  await refresh(page, 'investigating');
  await page.locator(t('enf-pres-do-' + pid)).click();
  await pdlg.and(page.locator('[data-action="preserve"]')).waitFor({ state: 'visible' });
  const chosen = await pdlg.locator(`${t('enf-pres-officers')} .el-select__selected-item .el-tag`).allTextContents();
  assert.equal(chosen.length, 2, chosen.join('|'));
  await field(page, 'enf-pres-place').fill('园区东路');
  await page.locator(t('enf-pres-submit')).click();
  await page.locator(`${t('enf-pres-status-' + pid)}[data-status="preserved"]`).waitFor();
  await page.locator(t('enf-due-preservation')).waitFor();
  const due = (await officerApi.get(`/api/v1/cases/${id}`)).body.preservations[0].handling_due;
  assert.ok(due);
  await screenshot(page, 'enf-4-preserved');

  // the decision waits for the handling decision: the leader's dialog shows the 409
  await officerApi.post(`/api/v1/cases/${id}/actions`, { action: 'notify', intended: { kinds: ['warning'] } });
  await officerApi.post(`/api/v1/cases/${id}/actions`, { action: 'waive', comment: '当事人书面放弃' });
  await lp.locator(t('enf-detail-refresh')).click();
  await stageTag(lp, 'heard').waitFor();
  await lp.locator(t('enf-action-decide')).click();
  const adlg = actionDialog(lp);
  await adlg.and(lp.locator('[data-action="decide"]')).waitFor({ state: 'visible' });
  await lp.locator(t('enf-act-submit')).click();
  await adlg.locator(t('enf-act-error')).filter({ hasText: `先行登记保存 #${pid} 尚未作出处理决定` })
    .filter({ hasText: '第五十六条' }).waitFor();
  await lp.locator(t('enf-act-cancel')).click();
  await lp.locator(t('enf-pres-handle-' + pid)).click();
  await ldlg.and(lp.locator('[data-action="handle_preservation"]')).waitFor({ state: 'visible' });
  await pick(lp, 'enf-pres-handling', 'enf-pres-handling-release');
  await lp.locator(t('enf-pres-submit')).click();
  await lp.locator(`${t('enf-pres-status-' + pid)}[data-status="handled"]`).waitFor();
  assert.match(await lp.locator(t('enf-pres-handling-' + pid)).textContent(), /解除保存/);

  // 回避: the party applies against 赵立新; the leader grants it with a replacement
  await refresh(page, 'heard');
  await page.locator(t('enf-rec-add')).click();
  const rdlg = page.locator(`.el-dialog${t('enf-rec-dialog')}`);
  await rdlg.waitFor({ state: 'visible' });
  await pick(page, 'enf-rec-officer', `enf-rec-officer-opt-${pair[0]}`);
  await page.locator(t('enf-rec-applicant-party')).click();
  await field(page, 'enf-rec-reason').fill('当事人称执法人员与其有利害关系');
  await page.locator(t('enf-rec-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '申请回避成功' }).first().waitFor();
  const rid = (await officerApi.get(`/api/v1/cases/${id}`)).body.recusals[0].id;
  await page.locator(`${t('enf-rec-status-' + rid)}[data-status="pending"]`).waitFor();
  await stageTag(page, 'heard').waitFor();

  await lp.locator(t('enf-detail-refresh')).click();
  await lp.locator(t('enf-rec-decide-' + rid)).click();
  const lrdlg = lp.locator(`.el-dialog${t('enf-rec-dialog')}`);
  await lrdlg.waitFor({ state: 'visible' });
  await lp.locator(t('enf-rec-granted-yes')).click();
  await pick(lp, 'enf-rec-replacement', `enf-rec-replacement-${repl}`);
  await field(lp, 'enf-rec-opinion').fill('存在利害关系，决定回避');
  await lp.locator(t('enf-rec-submit')).click();
  await lp.locator(`${t('enf-rec-status-' + rid)}[data-status="granted"]`).waitFor();
  await lp.locator(`${t('enf-officers')} .el-table__row`).filter({ hasText: '李国庆' }).waitFor();
  assert.equal(await lp.locator(`${t('enf-officers')} .el-table__row`).filter({ hasText: '赵立新' }).count(), 0);
  await lp.locator(`${t('enf-timeline')} [data-action="decide_recusal"]`).filter({ hasText: '由 李国庆 接替' }).waitFor();
  await screenshot(lp, 'enf-4-recusal');
});
