// enterprise-service.test.mjs - entering a 双万双服 request through the UI: 企业与信用 →
// 企业服务 → 企业诉求 → 新增 → enterprise, category, problem, responsible department,
// received 2023-09-28, resolved 2023-10-09 → save → it is listed with the time taken the
// server computed by the official calendar (3 working days across 中秋国庆). Then the 走访企业
// tab lists the demo visits. Screenshots go to test-results/browser/; waits are on selectors.
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

/* typeDate: the date input of the dialog's form item labelled label */
async function typeDate(dialog, label, value) {
  const input = dialog.locator('.el-form-item').filter({ hasText: label }).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/* pick: open the select whose data-test is id and click the option with data-test option */
async function pick(page, id, option) {
  // the select's placeholder overlays its read-only input; the click bubbles to the select
  await field(page, id).click({ force: true });
  await page.locator(t(option)).filter({ visible: true }).first().click();
}

test('a 双万双服 request entered through 企业与信用 → 企业服务 → 新增 is listed with its working days', { timeout: 120_000 }, async () => {
  const api = await loggedIn(server.url, 'handler');
  const ent = (await api.get('/api/v1/enterprises?page_size=1&sort=name')).body.items[0];
  const plan = (await api.get('/api/v1/departments')).body.items.find((d) => d.code === 'HMSC-PLAN');
  const problem = `厂区路灯不亮，影响夜班通行 ${Date.now().toString(36).slice(-4)}`;
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'handler');
    await page.locator('.el-sub-menu__title').filter({ hasText: '企业与信用' }).first().click();
    await page.locator(t('menu-reg-service')).filter({ visible: true }).first().click();
    await page.waitForURL(/\/registries\/service$/);
    await page.locator(t('sr-table')).locator('.el-table__row, .el-table__empty-block').first().waitFor();
    await page.locator(t('sr-add')).click();
    const dialog = page.locator(`.el-dialog${t('sr-dialog')}`);
    await dialog.waitFor({ state: 'visible' });
    await field(page, 'sr-form-enterprise').click();
    await field(page, 'sr-form-enterprise').fill(ent.name.slice(0, 6));
    await page.locator(t(`enterprise-option-${ent.id}`)).filter({ visible: true }).click();
    await pick(page, 'sr-form-category', 'sr-category-infrastructure');
    await field(page, 'sr-form-problem').fill(problem);
    await pick(page, 'sr-form-dept', `dept-option-${plan.id}`);
    await typeDate(dialog, '受理日期', '2023-09-28');
    await dialog.locator('.el-radio').filter({ hasText: '已办结' }).click();
    await field(page, 'sr-form-resolution').fill('协调完成路灯维修');
    await typeDate(dialog, '办结日期', '2023-10-09');
    await screenshot(page, 'enterprise-service-request-form');
    await page.locator(t('sr-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await field(page, 'sr-search-q').fill(problem.slice(-4));
    await page.locator(t('sr-search-submit')).click();
    const row = page.locator(t('sr-table')).locator('.el-table__row').filter({ hasText: problem });
    await row.first().waitFor();
    const text = await row.first().textContent();
    assert.match(text, new RegExp(ent.name));
    assert.match(text, /规划建设部/);
    assert.match(text, /已办结/);
    await screenshot(page, 'enterprise-service-request-listed');
    const listed = (await api.get(`/api/v1/service-requests?q=${encodeURIComponent(problem)}`)).body.items;
    assert.equal(listed.length, 1);
    assert.deepEqual([listed[0].received_on, listed[0].resolved_on, listed[0].working_days, listed[0].source, listed[0].dept_id],
      ['2023-09-28', '2023-10-09', 3, 'shuangwan', plan.id]);
    // the time taken column shows the server's figure
    const cells = await row.first().locator('td').allTextContents();
    assert.ok(cells.some((c) => c.trim() === '3'), `cells: ${cells.join('|')}`);

    await page.locator(`${t('svc-tabs')} .el-tabs__item`).filter({ hasText: '走访企业' }).click();
    await page.locator(t('sv-table')).locator('.el-table__row').first().waitFor();
    await screenshot(page, 'enterprise-service-visits');
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `enterprise-service-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }
});
