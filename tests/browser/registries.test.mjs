// registries.test.mjs - entering issue 7's registers through the UI: a credit commitment
// letter (企业与信用 → 信用承诺 → 新增 → enterprise, date, signer → save → it is listed)
// and a 普法 lecture with 秦天律师事务所 as partner (普法与学习 → 普法宣传 → 新增 → save
// → it is listed). Screenshots go to test-results/browser/; every wait is on a selector.
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

const field = (page, id) => page.locator(`input${t(id)}, textarea${t(id)}, ${t(id)} input, ${t(id)} textarea`).first();

/* typeDate: the date input of the dialog's form item labelled label (el-date-picker does
 * not pass data-test on to its input) */
async function typeDate(dialog, label, value) {
  const input = dialog.locator('.el-form-item').filter({ hasText: label }).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/* menu: open the sub-menu titled group and click the item with data-test item */
async function menu(page, group, item) {
  await page.locator('.el-sub-menu__title').filter({ hasText: group }).first().click();
  await page.locator(t(item)).filter({ visible: true }).first().click();
}

test('a credit commitment letter entered through 企业与信用 → 信用承诺 → 新增 is listed', { timeout: 120_000 }, async () => {
  const api = await loggedIn(server.url, 'handler');
  const ent = (await api.get('/api/v1/enterprises?page_size=1&sort=name')).body.items[0];
  const signer = `测试签署人${Date.now().toString(36).slice(-4)}`;
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'handler');
    await menu(page, '企业与信用', 'menu-reg-commitments');
    await page.waitForURL(/\/registries\/commitment$/);
    await page.locator(t('cm-table')).locator('.el-table__row, .el-table__empty-block').first().waitFor();
    await page.locator(t('cm-add')).click();
    const dialog = page.locator(`.el-dialog${t('cm-dialog')}`);
    await dialog.waitFor({ state: 'visible' });
    await field(page, 'cm-form-enterprise').click();
    await field(page, 'cm-form-enterprise').fill(ent.name.slice(0, 6));
    await page.locator(t(`enterprise-option-${ent.id}`)).filter({ visible: true }).click();
    await typeDate(dialog, '签署日期', '2026-03-02');
    await field(page, 'cm-form-signer').fill(signer);
    await field(page, 'cm-form-content').fill('本企业承诺依法诚信经营。');
    await screenshot(page, 'registries-commitment-form');
    await page.locator(t('cm-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator(t('cm-table')).locator('.el-table__row').filter({ hasText: signer });
    await row.first().waitFor();
    assert.match(await row.first().textContent(), new RegExp(ent.name));
    await screenshot(page, 'registries-commitment-listed');
    const listed = (await api.get(`/api/v1/commitments?enterprise_id=${ent.id}`)).body.items;
    assert.ok(listed.some((c) => c.signer === signer && c.signed_on === '2026-03-02' && c.kind === 'credit'));
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `registries-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }
});

test('a 普法 lecture with partner 秦天律师事务所 entered through 普法与学习 → 普法宣传 is listed', { timeout: 120_000 }, async () => {
  const title = `民法典进企业讲座 ${Date.now().toString(36).slice(-4)}`;
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'handler');
    await menu(page, '普法与学习', 'menu-out-pufa');
    await page.waitForURL(/\/outreach\/pufa$/);
    await page.locator(t('pufa-table')).locator('.el-table__row, .el-table__empty-block').first().waitFor();
    await page.locator(t('pufa-add')).click();
    const dialog = page.locator(`.el-dialog${t('pufa-dialog')}`);
    await dialog.waitFor({ state: 'visible' });
    await page.locator(`${t('pufa-form-kind')} .el-select__wrapper`).click();
    await page.locator(t('pufa-form-kind-pufa_lecture')).filter({ visible: true }).click();
    await field(page, 'pufa-form-title').fill(title);
    await typeDate(dialog, '日期', '2026-04-15');
    await field(page, 'pufa-form-partner').fill('秦天律师事务所');
    await page.locator(`${t('pufa-form-laws')} .el-select__wrapper`).click();
    await page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: '《民法典》' }).first().click();
    await dialog.locator('.el-dialog__title').click();
    await field(page, 'pufa-form-audience').fill('120');
    await screenshot(page, 'registries-pufa-form');
    await page.locator(t('pufa-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator(t('pufa-table')).locator('.el-table__row').filter({ hasText: title });
    await row.first().waitFor();
    const text = await row.first().textContent();
    assert.match(text, /秦天律师事务所/);
    assert.match(text, /《民法典》/);
    await screenshot(page, 'registries-pufa-listed');
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `registries-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }
});

test('组织领导: the leading group on a past date, an overdue duty refused as done without evidence, 我的任务 completed', { timeout: 180_000 }, async () => {
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'legal');
    await menu(page, '组织领导', 'menu-duty-group');
    await page.waitForURL(/\/org-lead\/group$/);
    await page.locator(t('group-table')).locator('.el-table__row').filter({ hasText: '王建国' }).first().waitFor();
    const dateInput = page.locator(`${t('group-search-date')} input`);
    await dateInput.click();
    await dateInput.fill('2023-06-01');
    await dateInput.press('Enter');
    await page.locator(t('group-search-submit')).click();
    await page.locator(t('group-table')).locator('.el-table__row').filter({ hasText: '陈思雨' }).first().waitFor();
    await screenshot(page, 'duties-group-2023');

    await page.locator(t('menu-duty-plan')).filter({ visible: true }).first().click();
    await page.waitForURL(/\/org-lead\/duties$/);
    const overdue = page.locator(t('duty-table')).locator('.el-table__row').filter({ hasText: '逾期' }).first();
    await overdue.waitFor();
    await screenshot(page, 'duties-plan');
    await overdue.locator('button').filter({ hasText: '修改' }).click();
    const dialog = page.locator(`.el-dialog${t('duty-dialog')}`);
    await dialog.waitFor({ state: 'visible' });
    await page.locator(`${t('duty-form-status-done')}`).click();
    await page.locator(t('duty-form-submit')).click();
    await dialog.locator('.el-form-item__error').filter({ hasText: '佐证' }).waitFor();
    await field(page, 'duty-form-evidence').fill('管理办法已修订印发');
    await page.locator(t('duty-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(t('duty-table')).locator('.el-table__row').filter({ hasText: '管理办法已修订印发' }).first().waitFor();

    await page.locator(t('menu-duty-pufa')).filter({ visible: true }).first().click();
    await page.locator(t('pufa-duty-table')).locator('.el-table__row').filter({ hasText: '东丽区应急管理局' }).first().waitFor();
    await screenshot(page, 'duties-pufa');
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `duties-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }

  const api = await loggedIn(server.url, 'legal');
  const depts = (await api.get('/api/v1/departments')).body.items;
  const enf1 = depts.find((d) => d.code === 'HMSC-ENF-1').id;
  const r = await api.post('/api/v1/learning-tasks', { title: '浏览器测试学法任务', dept_ids: [enf1], due_on: '2099-12-31' });
  assert.equal(r.status, 201, r.text);
  const o = await newPage(browser, server.url);
  try {
    await login(o.page, 'officer1');
    await menu(o.page, '组织领导', 'menu-duty-learning');
    const row = o.page.locator(t('learning-table')).locator('.el-table__row').filter({ hasText: '浏览器测试学法任务' }).first();
    await row.waitFor();
    await row.locator('button').filter({ hasText: '完成' }).click();
    await o.page.locator(`.el-dialog${t('learning-done-dialog')}`).waitFor({ state: 'visible' });
    await o.page.locator(`${t('learning-done-score')} input`).fill('95');
    await o.page.locator(t('learning-done-submit')).click();
    await row.filter({ hasText: '已完成' }).waitFor();
    await screenshot(o.page, 'duties-learning-mine');
    assert.deepEqual(o.page.errors, []);
  } catch (e) {
    await screenshot(o.page, `duties-failed-${Date.now()}`);
    throw e;
  } finally {
    await o.context.close();
  }
});
