// decisions_links.test.mjs - the leaders' dashboard links into the decision and legality
// review lists with the filters behind its figures: a click on 法律顾问出具法律意见书 (2023)
// lands on 合法性审查 filtered by the letter dates and lists exactly as many requests as
// the figure counts; a click on 经集体讨论决定的重大行政决策 lands on 重大行政决策 filtered
// by the decision dates with as many rows as the figure; removing a filter tag widens
// the list again. Also: the demo's hearing (Art. 16-17) shows on its decision's page, and
// the adjustment form (Art. 37) opens for the leader on a published decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
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

/* total: the "共 N 条" of the list's pagination */
async function total(page) {
  const el = page.locator('.el-pagination__total').first();
  await el.waitFor();
  return Number((await el.innerText()).replace(/\D/g, ''));
}

/* kpi: open the dashboard for 2023 and return the figure's value */
async function kpi(page, id) {
  await page.goto('/dashboard');
  await page.locator(t('dash-year-2023')).click();
  await page.locator(`${t('dash-kpi-commitments_signed')}[data-value="76"]`).waitFor();
  return Number(await page.locator(t('dash-kpi-' + id)).getAttribute('data-value'));
}

test('the dashboard\'s opinion-letter and decided-decision figures link to lists filtered to exactly their records', { timeout: 120_000 }, async () => {
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'leader');
    const letters = await kpi(page, 'opinion_letters');
    assert.ok(letters >= 150, `${letters}`);
    await page.locator(t('dash-kpi-opinion_letters')).click();
    await page.waitForURL((u) => u.pathname === '/decision/reviews' &&
      u.searchParams.get('letter_from') === '2023-01-01' && u.searchParams.get('letter_to') === '2023-12-31');
    await page.locator(t('rev-filter-letter_from')).waitFor();
    await page.waitForFunction((n) => {
      const el = document.querySelector('.el-pagination__total');
      return el && Number(el.innerText.replace(/\D/g, '')) === n;
    }, letters);
    assert.equal(await total(page), letters);

    const decided = await kpi(page, 'decisions_decided');
    assert.ok(decided >= 1);
    await page.locator(t('dash-kpi-decisions_decided')).click();
    await page.waitForURL((u) => u.pathname === '/decision/decisions' && u.searchParams.get('decided_from') === '2023-01-01');
    await page.locator(t('dec-filter-decided_to')).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-test="dec-table"] tbody tr').length === n, decided);
    assert.equal(await total(page), decided);
    // removing the filters shows the decisions of every year again
    await page.locator(`${t('dec-filter-decided_from')} .el-tag__close`).click();
    await page.locator(`${t('dec-filter-decided_to')} .el-tag__close`).click();
    await page.waitForFunction((n) => {
      const el = document.querySelector('.el-pagination__total');
      return el && Number(el.innerText.replace(/\D/g, '')) > n;
    }, decided);
    assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  } finally {
    await screenshot(page, 'decisions-dashboard-links').catch(() => {});
    await context.close();
  }
});

test('a decision page shows its hearing as a done step with participants, and the leader can open the Art. 37 adjustment form', { timeout: 120_000 }, async () => {
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'leader');
    await page.goto('/decision/decisions?q=' + encodeURIComponent('园区道路停车管理办法'));
    await page.locator(`${t('dec-table')} tbody tr a`).first().click();
    await page.locator(t('dec-hearings')).waitFor();
    assert.equal(await page.locator(t('dec-step-hearing')).getAttribute('data-state'), 'done');
    assert.match(await page.locator(t('dec-hearings')).innerText(), /刘芳（周边居民）/);
    assert.match(await page.locator(t('dec-hearings')).innerText(), /提前 8 日/);
    // a published decision in force: 智慧停车项目
    await page.goto('/decision/decisions?q=' + encodeURIComponent('智慧停车'));
    await page.locator(`${t('dec-table')} tbody tr a`).first().click();
    await page.locator(t('dec-impl-state')).waitFor();
    assert.equal((await page.locator(t('dec-impl-state')).innerText()).trim(), '执行中');
    await page.locator(t('dec-action-adjust')).click();
    await page.locator(t('act-adjust-kind')).waitFor();
    await page.locator(t('act-submit')).click();
    await page.locator(t('act-error')).waitFor();
    assert.match(await page.locator(t('act-error')).innerText(), /提出调整的单位或人员不能为空/);
    assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  } finally {
    await screenshot(page, 'decisions-hearing-adjust').catch(() => {});
    await context.close();
  }
});
