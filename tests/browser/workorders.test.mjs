// workorders.test.mjs - the 12345工单 screens in a real browser: one order taken from receipt
// to closure through the UI (handler registers, dispatches, signs, starts, drafts; the
// leader reviews in a second context; the handler replies, records the callback, closes),
// with the status tag, the action panel and the timeline checked after every step; the
// statistics page against the API's figures; a stale page's 409; the list's filters and
// bulk dispatch; the masked phone for a user without workorder:pii; the deadline rules.
// One demo server and one Chromium for the file; screenshots in test-results/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';
import { launchBrowser, login, newPage, screenshot, t } from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (!server) return;
  await server.stop();
  assert.doesNotMatch(server.stderr(), /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr());
});

/* ui: a fresh context and page per test (more via newPage for a second user); a screenshot
 * at the end, also on failure; no uncaught page errors. */
function ui(name, fn) {
  test(name, { timeout: 120_000 }, async () => {
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

/* field: the input or textarea of an el-input by data-test. */
const field = (page, id) => page.locator(`input${t(id)}, textarea${t(id)}, ${t(id)} input, ${t(id)} textarea`).first();

const pathIs = (page, path) => page.waitForURL((u) => u.pathname === path);

/* thisYear: the stats period the page defaults to, in the server's zone (+08:00). */
function thisYear() {
  const y = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
  return { from: `${y}-01-01T00:00:00+08:00`, to: `${y}-12-31T23:59:59+08:00` };
}

/* openWoMenu: a menu item of the 12345工单 group (opening the group first). */
async function openWoMenu(page, id) {
  const item = page.locator(t(id));
  if (!(await item.isVisible())) await page.locator(`${t('menu-workorders')} > .el-sub-menu__title`).click();
  await item.click();
}

/* pick: choose an el-select option by the option's data-test. */
async function pick(page, selectId, optionId) {
  await page.locator(`${t(selectId)} .el-select__wrapper`).click();
  await page.locator(t(optionId)).filter({ visible: true }).click();
}

/* pickDept: choose a department in a DeptTreeSelect. */
async function pickDept(page, selectId, name) {
  await page.locator(`${t(selectId)} .el-select__wrapper`).click();
  await page.locator('.dept-tree-popper').filter({ visible: true }).getByText(name, { exact: true }).click();
  await page.locator(`${t(selectId)} .el-select__selected-item`).filter({ hasText: name }).waitFor();
}

const statusTag = (page, status) => page.locator(`${t('wo-detail-status')} .el-tag[data-value="${status}"]`);
const events = (page) => page.locator(`${t('wo-timeline')} [data-test^="wo-event-"]`);
const actionDialog = (page) => page.locator(`.el-dialog${t('wo-action-dialog')}`);

/* actionButtons: the data-test suffixes of the action panel's buttons. */
async function actionButtons(page) {
  const ids = await page.locator(`${t('wo-actions')} [data-test^="wo-action-"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-test').replace('wo-action-', '')));
  return ids.sort();
}

/* checkPanel: the panel shows exactly the server's allowed_actions (as this user). */
async function checkPanel(page, api, id) {
  const r = await api.get(`/api/v1/workorders/${id}`);
  assert.equal(r.status, 200, r.text);
  const allowed = r.body.allowed_actions.map((a) => a.action);
  const shown = await actionButtons(page);
  for (const a of shown) assert.ok(allowed.includes(a), `button ${a} not in allowed_actions ${allowed}`);
  // the page hides only what visibly cannot apply (resume when not paused, …)
  const hidden = allowed.filter((a) => !shown.includes(a));
  for (const a of hidden) assert.ok(['pause', 'resume', 'extend_request', 'extend_approve'].includes(a), `${a} hidden`);
  return shown;
}

/* act: run one action through its dialog; fill(dialog) fills the form; waits for the
 * status tag and the new timeline entry, and checks the entry's from → to. */
async function act(page, action, { fill, to, count, label }) {
  await page.locator(t(`wo-action-${action}`)).click();
  const dlg = actionDialog(page);
  await dlg.and(page.locator(`[data-action="${action}"]`)).waitFor({ state: 'visible' });
  if (fill) await fill(dlg);
  await page.locator(t('wo-act-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: `${label}成功` }).first().waitFor();
  await dlg.waitFor({ state: 'hidden' });
  await statusTag(page, to).waitFor();
  await events(page).nth(count - 1).waitFor();
  assert.equal(await events(page).count(), count, `timeline entries after ${action}`);
  const last = events(page).nth(count - 1);
  assert.equal(await last.getAttribute('data-action'), action);
  const tags = await last.locator('.el-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  // an entry shows from → to when the status changed (pause, comment … keep it)
  if (tags.length) assert.equal(tags[tags.length - 1], to, `${action} leads to ${to}`);
}

// the order test 1 takes through its life (test 2 checks it is counted)
let lifecycle = null;

ui('wo-1-lifecycle', async (page, more) => {
  const handlerApi = await loggedIn(server.url, 'handler');
  const before = (await handlerApi.get('/api/v1/workorders/stats?' + new URLSearchParams(thisYear()))).body.totals;

  await login(page, 'handler');
  await openWoMenu(page, 'menu-wo-list');
  await pathIs(page, '/workorders');
  const table = page.locator(t('wo-table'));
  await table.locator('.el-table__row').first().waitFor();

  // 登记工单: a 12345 hotline order, the 市平台编号 required
  const tag = Date.now().toString(36);
  const subject = `浏览器测试：厂区门前道路积水 ${tag}`;
  await page.locator(t('wo-add')).click();
  const reg = page.locator(`.el-dialog${t('wo-register-dialog')}`);
  await reg.waitFor({ state: 'visible' });
  await field(page, 'wo-reg-subject').fill(subject);
  await pick(page, 'wo-reg-category', 'wo-reg-category-help');
  await page.locator(t('wo-reg-submit')).click();
  // the client asks for the platform number before sending
  await reg.locator('.el-form-item.is-error').filter({ hasText: '市平台工单编号' }).waitFor();
  await field(page, 'wo-reg-platform-no').fill(`TJBR${tag}`.toUpperCase());
  await field(page, 'wo-reg-content').fill('园区东路厂区门前雨后严重积水，车辆和行人无法通行，请尽快处理。');
  await field(page, 'wo-reg-citizen-name').fill('刘先生');
  await field(page, 'wo-reg-citizen-phone').fill('13812345678');
  await field(page, 'wo-reg-address').fill('天津市东丽区华明高新区园区东路');
  await page.locator(t('wo-reg-urgency-urgent')).click();
  await screenshot(page, 'wo-1-lifecycle-01-register');
  await page.locator(t('wo-reg-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '登记成功' }).waitFor();
  await reg.waitFor({ state: 'hidden' });

  const row = table.locator('.el-table__row').filter({ hasText: subject });
  await row.waitFor();
  assert.match(await row.textContent(), /12345转办/);
  const link = row.locator('[data-test^="wo-row-link-"]');
  const id = Number((await link.getAttribute('data-test')).replace('wo-row-link-', ''));
  assert.ok(id > 0);
  assert.equal(await row.locator(`${t('wo-row-status-' + id)} .el-tag`).getAttribute('data-value'), 'received');
  await link.click();
  await pathIs(page, `/workorders/${id}`);
  await statusTag(page, 'received').waitFor();
  await events(page).first().waitFor();
  assert.equal(await events(page).count(), 1);
  assert.equal(await events(page).first().getAttribute('data-action'), 'create');
  assert.equal((await page.locator(t('wo-detail-phone')).textContent()).trim(), '13812345678', 'handler holds workorder:pii');
  assert.match(await page.locator(t('wo-info')).textContent(), /紧急/);
  assert.deepEqual(await checkPanel(page, handlerApi, id), ['comment', 'dispatch', 'merge']);

  await act(page, 'dispatch', {
    to: 'dispatched', count: 2, label: '派单',
    fill: () => pickDept(page, 'wo-act-dept', '企业服务部'),
  });
  await page.locator(t('wo-detail-dept')).filter({ hasText: '企业服务部' }).waitFor();
  assert.match(await events(page).nth(1).textContent(), /承办部门：企业服务部/);
  await screenshot(page, 'wo-1-lifecycle-02-dispatched');

  await act(page, 'sign', { to: 'signed', count: 3, label: '签收' });
  await act(page, 'start', { to: 'in_progress', count: 4, label: '开始办理' });
  assert.ok((await checkPanel(page, handlerApi, id)).includes('draft'));

  // 拟写答复: an empty reply comes back 422 and marks the field
  const reply = '经现场核查，积水系雨水井堵塞所致，已协调养护单位疏通，道路已恢复通行。';
  await act(page, 'draft', {
    to: 'drafted', count: 5, label: '拟写答复',
    fill: async (dlg) => {
      await page.locator(t('wo-act-submit')).click();
      await dlg.locator('.el-form-item.is-error').filter({ hasText: '答复内容不能为空' }).waitFor();
      await field(page, 'wo-act-reply').fill(reply);
    },
  });
  await page.locator(t('wo-detail-draft')).filter({ hasText: '雨水井堵塞' }).waitFor();
  await screenshot(page, 'wo-1-lifecycle-03-drafted');

  // the leader reviews in a second context
  const { page: lp } = await more();
  await login(lp, 'leader');
  await lp.goto(`/workorders/${id}`);
  await statusTag(lp, 'drafted').waitFor();
  const leaderApi = await loggedIn(server.url, 'leader');
  const leaderActions = await checkPanel(lp, leaderApi, id);
  assert.ok(leaderActions.includes('review'), leaderActions.join());
  assert.ok(!leaderActions.includes('reply') && !leaderActions.includes('draft'), 'the leader does not handle');
  await act(lp, 'review', {
    to: 'reviewed', count: 6, label: '审核答复',
    fill: async (dlg) => {
      await dlg.locator(t('wo-act-draft')).filter({ hasText: '雨水井堵塞' }).waitFor();
      await lp.locator(t('wo-act-approve-yes')).click();
      await field(lp, 'wo-act-comment').fill('同意答复。');
    },
  });
  assert.match(await events(lp).nth(5).textContent(), /审核通过/);
  assert.match(await events(lp).nth(5).textContent(), /leader/);
  await screenshot(lp, 'wo-1-lifecycle-04-reviewed-by-leader');

  // back to the handler: refresh, reply, callback, close
  await page.locator(t('wo-detail-refresh')).click();
  await statusTag(page, 'reviewed').waitFor();
  await events(page).nth(5).waitFor();
  await act(page, 'reply', { to: 'replied', count: 7, label: '答复群众' });
  await page.locator(t('wo-detail-reply')).filter({ hasText: '雨水井堵塞' }).waitFor();
  await act(page, 'callback', {
    to: 'visited', count: 8, label: '回访',
    fill: async () => {
      await page.locator(t('wo-act-result-satisfied')).click();
      await page.locator(t('wo-act-solved-yes')).click();
      await field(page, 'wo-act-comment').fill('群众表示满意。');
    },
  });
  assert.match(await events(page).nth(7).textContent(), /回访结果：满意/);
  assert.equal((await page.locator(t('wo-detail-solved')).textContent()).trim(), '已解决');
  await act(page, 'close', { to: 'closed', count: 9, label: '办结' });
  assert.deepEqual(
    await events(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ['create', 'dispatch', 'sign', 'start', 'draft', 'review', 'reply', 'callback', 'close'],
  );
  assert.deepEqual(await checkPanel(page, handlerApi, id), ['comment', 'reopen']);
  await screenshot(page, 'wo-1-lifecycle-05-closed');

  // the server agrees
  const w = (await handlerApi.get(`/api/v1/workorders/${id}`)).body;
  assert.equal(w.status, 'closed');
  assert.equal(w.callback_result, 'satisfied');
  assert.equal(w.solved, true);
  assert.equal(w.dept_name, '企业服务部');
  lifecycle = { id, before };
});

ui('wo-2-stats', async (page) => {
  const api = await loggedIn(server.url, 'handler');
  const stats = (await api.get('/api/v1/workorders/stats?' + new URLSearchParams(thisYear()))).body;
  if (lifecycle) {
    const b = lifecycle.before;
    assert.equal(stats.totals.received, b.received + 1, 'the new order is counted');
    assert.equal(stats.totals.replied, b.replied + 1);
    assert.equal(stats.totals.satisfied, b.satisfied + 1);
    assert.equal(stats.totals.solved, b.solved + 1);
  }
  await login(page, 'handler');
  await openWoMenu(page, 'menu-wo-stats');
  await pathIs(page, '/workorders/stats');
  const kpi = (k) => page.locator(t(`wo-kpi-${k}`));
  await kpi('received').and(page.locator(`[data-value="${stats.totals.received}"]`)).waitFor();
  for (const k of ['received', 'reply_rate', 'on_time_rate', 'sign_on_time_rate', 'resolution_rate',
    'satisfaction_rate', 'overdue', 'avg_handling_workdays']) {
    assert.equal(Number(await kpi(k).getAttribute('data-value')), stats.totals[k], k);
  }
  assert.equal((await kpi('received').locator('.kpi-value').textContent()).trim(), String(stats.totals.received));
  assert.equal((await kpi('reply_rate').locator('.kpi-value').textContent()).trim(), stats.totals.reply_rate.toFixed(2) + '%');
  // three charts drawn, and the department table lists the API's rows
  for (const c of ['month', 'category', 'dept']) {
    await page.locator(`${t('wo-chart-' + c)}[data-ready="1"] canvas`).first().waitFor();
  }
  const deptRows = page.locator(`${t('wo-stats-dept-table')} .el-table__body .el-table__row`);
  await deptRows.first().waitFor();
  assert.equal(await deptRows.count(), stats.by_dept.length);
  await screenshot(page, 'wo-2-stats-dashboard');

  // a chart as PNG
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(t('wo-chart-dept-export')).click(),
  ]);
  assert.match(download.suggestedFilename(), /^工单统计_按部门_.*\.png$/);

  // a department opens the list filtered by that department and period: first by its bar
  // (by_dept is ordered by volume, so 企业服务部's bar is the top one and the longest)
  const svc = stats.by_dept.find((d) => d.dept_name === '企业服务部');
  assert.ok(svc, 'handler sees 企业服务部');
  assert.equal(stats.by_dept[0].dept_id, svc.dept_id);
  const box = await page.locator(`${t('wo-chart-dept')} canvas`).first().boundingBox();
  const band = (box.height - 32) / stats.by_dept.length;
  await page.mouse.click(box.x + box.width * 0.5, box.y + 16 + band / 2);
  await page.waitForURL((u) => u.pathname === '/workorders' && u.searchParams.get('dept_id') === String(svc.dept_id));
  await page.locator('.el-pagination__total').filter({ hasText: String(svc.received) }).waitFor();
  await page.goBack();
  await pathIs(page, '/workorders/stats');
  // then by the department table's link
  await page.locator(t(`wo-stats-dept-link-${svc.dept_id}`)).click();
  await pathIs(page, '/workorders');
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('dept_id'), String(svc.dept_id));
  assert.match(q.get('from'), /^\d{4}-01-01$/);
  await page.locator(`${t('wo-search-dept')} .el-select__selected-item`).filter({ hasText: '企业服务部' }).waitFor();
  await page.locator('.el-pagination__total').filter({ hasText: String(svc.received) }).waitFor();
  const depts = await page.locator(`${t('wo-table')} .el-table__body .el-table__row td:nth-child(7)`)
    .evaluateAll((els) => els.map((e) => e.textContent.trim()));
  assert.ok(depts.length > 0 && depts.every((d) => d === '企业服务部'), depts.join());
});

ui('wo-3-conflict', async (page) => {
  const api = await loggedIn(server.url, 'handler');
  const r = await api.post('/api/v1/workorders', { channel: 'board', category: 'consult', subject: '冲突测试：咨询办事流程' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  await login(page, 'handler');
  await page.goto(`/workorders/${id}`);
  await statusTag(page, 'received').waitFor();
  // meanwhile someone else dispatches it
  const d = await api.post(`/api/v1/workorders/${id}/actions`, { action: 'dispatch', dept_id: await deptId(api, '企业服务部') });
  assert.equal(d.status, 200, d.text);
  // the stale page still offers 派单; the server answers 409
  await page.locator(t('wo-action-dispatch')).click();
  await actionDialog(page).waitFor({ state: 'visible' });
  await pickDept(page, 'wo-act-dept', '规划建设部');
  await page.locator(t('wo-act-submit')).click();
  const alert = page.locator(t('wo-conflict'));
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.textContent(), /不能执行“派单”/);
  const allowed = (await page.locator(t('wo-conflict-allowed')).textContent()).trim();
  assert.match(allowed, /签收/);
  assert.match(allowed, /退单/);
  // and the page now shows the order as it is
  await statusTag(page, 'dispatched').waitFor();
  await page.locator(t('wo-action-sign')).waitFor();
  assert.equal(await page.locator(t('wo-action-dispatch')).count(), 0);
  await screenshot(page, 'wo-3-conflict-409');
});

/* deptId: a department's id by name (handler holds system:dept:read). */
async function deptId(api, name) {
  const r = await api.get('/api/v1/departments');
  return r.body.items.find((d) => d.name === name).id;
}

ui('wo-4-list-filters-bulk-dispatch', async (page) => {
  const api = await loggedIn(server.url, 'handler');
  const tag = `批量${Date.now().toString(36)}`;
  const ids = [];
  for (let i = 0; i < 2; i++) {
    const r = await api.post('/api/v1/workorders', { channel: 'phone', category: 'suggestion', subject: `${tag} 建议增设公交站点 ${i}` });
    assert.equal(r.status, 201, r.text);
    ids.push(r.body.id);
  }
  await login(page, 'handler');
  await page.goto('/workorders');
  const rows = page.locator(`${t('wo-table')} .el-table__body .el-table__row`);
  await rows.first().waitFor();

  // 超期 filter: every row is flagged and highlighted red
  await pick(page, 'wo-search-flag', 'wo-search-flag-overdue');
  await page.locator(t('wo-search-submit')).click();
  await page.locator(`${t('wo-table')} .wo-row-overdue`).first().waitFor();
  const classes = await rows.evaluateAll((els) => els.map((e) => e.className));
  assert.ok(classes.length > 0 && classes.every((c) => c.includes('wo-row-overdue')), classes.join('|'));
  await screenshot(page, 'wo-4-list-overdue');
  await page.locator(t('wo-search-reset')).click();

  // keyword + 未办结, then 批量派单 both to 企业服务部
  await field(page, 'wo-search-q').fill(tag);
  await pick(page, 'wo-search-status', 'wo-search-status-open');
  await page.locator(t('wo-search-submit')).click();
  await page.locator('.el-pagination__total').filter({ hasText: '2' }).waitFor();
  await rows.filter({ hasText: `${tag} 建议增设公交站点 1` }).waitFor();
  assert.equal(await rows.count(), 2);
  await page.locator(`${t('wo-table')} .el-table__header .el-checkbox`).click();
  await page.locator(t('wo-bulk-dispatch')).filter({ hasText: '（2）' }).waitFor();
  await page.locator(t('wo-bulk-dispatch')).click();
  const dlg = page.locator(`.el-dialog${t('wo-bulk-dialog')}`);
  await dlg.waitFor({ state: 'visible' });
  await pickDept(page, 'wo-bulk-dept', '企业服务部');
  await page.locator(t('wo-bulk-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '已派单 2 件' }).waitFor();
  await dlg.waitFor({ state: 'hidden' });
  for (const id of ids) await page.locator(`${t('wo-row-status-' + id)} .el-tag[data-value="dispatched"]`).waitFor();
  await screenshot(page, 'wo-4-list-bulk-dispatched');
  for (const id of ids) assert.equal((await api.get(`/api/v1/workorders/${id}`)).body.dept_name, '企业服务部');
});

ui('wo-5-masked-phone', async (page) => {
  // 法务 (legal) reads every order but holds no workorder:pii
  await login(page, 'legal');
  await openWoMenu(page, 'menu-wo-list');
  await pathIs(page, '/workorders');
  assert.equal(await page.locator(t('menu-wo-rules')).count(), 0, 'legal has no workorder:admin');
  assert.equal(await page.locator(t('wo-add')).isVisible(), false, 'legal cannot register');
  // a closed demo order (these carry the citizen's phone)
  await page.locator(`${t('wo-table')} [data-test^="wo-row-link-"]`).first().waitFor();
  await pick(page, 'wo-search-status', 'wo-search-status-closed');
  await page.locator(t('wo-search-submit')).click();
  const link = page.locator(`${t('wo-table')} .el-table__row`).filter({ hasText: '已办结' }).first()
    .locator('[data-test^="wo-row-link-"]');
  await link.waitFor();
  await link.click();
  await page.locator(t('wo-detail-phone')).waitFor();
  const phone = (await page.locator(t('wo-detail-phone')).textContent()).trim();
  assert.match(phone, /^\d{3}\*{4}\d{4}$/, phone);
  assert.match((await page.locator(t('wo-detail-citizen-name')).textContent()).trim(), /^.\*$/u);
  await page.locator(t('wo-actions')).waitFor();
  for (const a of await actionButtons(page)) assert.equal(a, 'comment', 'legal may only comment');
  await screenshot(page, 'wo-5-masked-phone');
});

ui('wo-6-rules', async (page) => {
  await login(page, 'admin');
  await openWoMenu(page, 'menu-wo-rules');
  await pathIs(page, '/workorders/rules');
  const api = await loggedIn(server.url, 'admin');
  const rule = (await api.get('/api/v1/workorders/rules')).body.items.find((r) => r.category === 'consult');
  await page.locator(t(`wo-rule-edit-${rule.id}`)).click();
  const input = page.locator(`${t(`wo-rule-reply-workdays-${rule.id}`)} input`);
  await input.fill('2');
  await page.locator(t(`wo-rule-save-${rule.id}`)).click();
  await page.locator('.el-message--success').filter({ hasText: '修改成功' }).waitFor();
  await page.locator(t(`wo-rule-reply-workdays-value-${rule.id}`)).filter({ hasText: /^2$/ }).waitFor();
  const after = (await api.get('/api/v1/workorders/rules')).body.items.find((r) => r.id === rule.id);
  assert.equal(after.reply_workdays, 2);
  assert.equal(after.version, rule.version + 1);
  // both limits zero: the server's 422 is shown on the row
  await page.locator(t(`wo-rule-edit-${rule.id}`)).click();
  await page.locator(`${t(`wo-rule-reply-workdays-${rule.id}`)} input`).fill('0');
  await page.locator(`${t(`wo-rule-reply-minutes-${rule.id}`)} input`).fill('0');
  await page.locator(t(`wo-rule-save-${rule.id}`)).click();
  await page.locator(t('wo-rule-error')).filter({ hasText: '不能都为 0' }).waitFor();
  await screenshot(page, 'wo-6-rules-error');
  await page.locator(t(`wo-rule-cancel-${rule.id}`)).click();
});

ui('wo-7-other-actions', async (page, more) => {
  const api = await loggedIn(server.url, 'handler');
  const svc = await deptId(api, '企业服务部');
  const tag = Date.now().toString(36);
  const phone = '139' + String(Date.now()).slice(-8);
  const mk = async (subject) => {
    const r = await api.post('/api/v1/workorders', {
      channel: 'walkin', category: 'complaint', subject, content: '园区内某餐馆油烟扰民，夜间噪声大，多次反映未解决。',
      citizen_name: '赵女士', citizen_phone: phone, dept_id: svc,
    });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const a = await mk(`油烟噪声扰民投诉 ${tag}`);
  const b = await mk(`油烟噪声扰民投诉（再次来访） ${tag}`);
  assert.equal(b.duplicate_hint, a.id, 'the server flags the second visit as a likely duplicate');

  await login(page, 'handler');
  await page.goto(`/workorders/${b.id}`);
  await statusTag(page, 'dispatched').waitFor();
  // 疑似重复: the hint links to the first order; 合并 puts B into it
  await page.locator(`${t('wo-detail-flags')} [data-flag="duplicate"]`).waitFor();
  await page.locator(t('wo-duplicate-link')).click();
  await pathIs(page, `/workorders/${a.id}`);
  await page.locator(t('wo-detail-no')).filter({ hasText: a.no }).waitFor();
  await page.goBack();
  await pathIs(page, `/workorders/${b.id}`);
  await page.locator(t('wo-detail-no')).filter({ hasText: b.no }).waitFor();
  await page.locator(t('wo-action-merge')).click();
  assert.equal(await page.locator(`${t('wo-act-into')} input`).inputValue(), String(a.id), 'prefilled with the hint');
  await page.locator(t('wo-act-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '合并重复工单成功' }).waitFor();
  await page.locator(t('wo-merged')).waitFor();
  await statusTag(page, 'closed').waitFor();
  await page.locator(t('wo-no-actions')).waitFor();

  // A: 退单 (reason required: the server's 422 marks it), then dispatched again
  await page.goto(`/workorders/${a.id}`);
  await statusTag(page, 'dispatched').waitFor();
  await page.locator(`${t('wo-timeline')} [data-action="merged_from"]`).waitFor();
  let n = await events(page).count();
  await act(page, 'return', {
    to: 'received', count: ++n, label: '退单',
    fill: async (dlg) => {
      await page.locator(t('wo-act-submit')).click();
      await dlg.locator('.el-form-item.is-error').filter({ hasText: '退单理由不能为空' }).waitFor();
      await field(page, 'wo-act-reason').fill('不属于本部门职责，请重新派单。');
    },
  });
  await act(page, 'dispatch', { to: 'dispatched', count: ++n, label: '派单', fill: () => pickDept(page, 'wo-act-dept', '企业服务部') });
  await act(page, 'sign', { to: 'signed', count: ++n, label: '签收' });
  // 暂停计时 / 恢复计时
  await act(page, 'pause', { to: 'signed', count: ++n, label: '暂停计时', fill: () => field(page, 'wo-act-reason').fill('等待群众补充现场照片。') });
  await page.locator(`${t('wo-detail-flags')} [data-flag="paused"]`).waitFor();
  assert.equal(await page.locator(t('wo-action-pause')).count(), 0, 'no second pause offered');
  await act(page, 'resume', { to: 'signed', count: ++n, label: '恢复计时' });
  assert.equal(await page.locator(`${t('wo-detail-flags')} [data-flag="paused"]`).count(), 0);
  // 申请延期 (3 working days)
  const dueBefore = (await page.locator(t('wo-detail-reply-due')).textContent()).trim();
  await act(page, 'extend_request', {
    to: 'signed', count: ++n, label: '申请延期',
    fill: async () => {
      await page.locator(`${t('wo-act-days')} input`).fill('3');
      await field(page, 'wo-act-reason').fill('需协调环保部门联合检测。');
    },
  });
  assert.equal(await page.locator(t('wo-action-extend_request')).count(), 0, 'one request at a time');
  await screenshot(page, 'wo-7-extension-requested');

  // the leader approves the extension and supervises
  const { page: lp } = await more();
  await login(lp, 'leader');
  await lp.goto(`/workorders/${a.id}`);
  await statusTag(lp, 'signed').waitFor();
  await events(lp).nth(n - 1).waitFor();
  await act(lp, 'extend_approve', {
    to: 'signed', count: ++n, label: '审批延期',
    fill: async (dlg) => {
      await dlg.locator(t('wo-act-ext-request')).filter({ hasText: '3 个工作日' }).waitFor();
      await field(lp, 'wo-act-comment').fill('同意延期。');
    },
  });
  assert.match(await events(lp).nth(n - 1).textContent(), /批准延期 3 个工作日/);
  const dueAfter = (await lp.locator(t('wo-detail-reply-due')).textContent()).trim();
  assert.ok(dueAfter > dueBefore, `${dueAfter} after ${dueBefore}`);
  await act(lp, 'supervise', { to: 'signed', count: ++n, label: '督办', fill: () => field(lp, 'wo-act-comment').fill('请加快办理，周五前反馈。') });
  await lp.locator(`${t('wo-detail-flags')} [data-flag="supervised"]`).waitFor();
  await screenshot(lp, 'wo-7-supervised');

  // the handler adds a note; the list shows the 督 badge
  await page.locator(t('wo-detail-refresh')).click();
  await events(page).nth(n - 1).waitFor();
  await act(page, 'comment', { to: 'signed', count: ++n, label: '备注', fill: () => field(page, 'wo-act-comment').fill('已电话联系群众。') });
  await page.goto(`/workorders?q=${encodeURIComponent(tag)}`);
  await page.locator(t(`wo-row-supervised-${a.id}`)).waitFor();

  // 重新办理 of a closed order
  const closed = (await api.get('/api/v1/workorders?status=closed&page_size=20')).body.items.find((w) => !w.merged_into);
  await page.goto(`/workorders/${closed.id}`);
  await statusTag(page, 'closed').waitFor();
  n = await events(page).count();
  await act(page, 'reopen', { to: 'in_progress', count: n + 1, label: '重新办理', fill: () => field(page, 'wo-act-reason').fill('群众反映问题仍未解决。') });
  await page.locator(t('wo-action-draft')).waitFor();
});
