// dashboard.test.mjs - the 领导驾驶舱 and the annual report pages in a real browser: the
// leader reaches the dashboard from the home page, picks 2023, every chart finishes
// drawing, the KPI cards show the same figures as GET /api/v1/reports/figures (76 credit
// letters, the 12345 orders), a card opens the records behind it, a chart exports as PNG;
// the 2023 report page shows the published, frozen report with its deadlines met; a user
// without report:read is kept out. Screenshots go to test-results/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';
import { launchBrowser, login, newPage, screenshot, t } from './lib.mjs';

let server;
let browser;
let figures;                     // the 2023 figures by id, from the API

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const c = await loggedIn(server.url, 'leader');
  const r = await c.get('/api/v1/reports/figures?from=2023-01-01&to=2023-12-31');
  assert.equal(r.status, 200, r.text);
  figures = Object.fromEntries(r.body.figures.map((f) => [f.id, f]));
});

after(async () => {
  await browser?.close();
  if (!server) return;
  await server.stop();
  assert.doesNotMatch(server.stderr(), /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr());
});

/* ui: a fresh context and page per test; a screenshot at the end, also on failure; no
 * uncaught page errors. */
function ui(name, fn) {
  test(name, { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser, server.url);
    let ok = false;
    try {
      await fn(page, context);
      ok = true;
    } finally {
      await screenshot(page, name).catch(() => {});
      await context.close();
    }
    if (ok) assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  });
}

const CHARTS = ['wo_month', 'wo_category', 'overdue', 'case_stage', 'case_dept', 'decisions', 'reviews',
  'outreach', 'regulations'];

/* chartsReady: every chart has drawn (data-ready="1" after echarts' 'finished') */
async function chartsReady(page) {
  for (const k of CHARTS) {
    await page.locator(`${t('dash-chart-' + k)}[data-ready="1"]`).waitFor({ state: 'attached' });
  }
}

ui('the leader opens 领导驾驶舱 from the home page, picks 2023 and every chart draws with the API\'s figures', async (page) => {
  await login(page, 'leader');
  await page.goto('/index');
  await page.locator(t('home-dashboard-link')).click();
  await page.waitForURL((u) => u.pathname === '/dashboard');
  await page.locator(t('dash-year-2023')).click();
  await page.locator(`${t('dash-kpi-commitments_signed')}[data-value="76"]`).waitFor();
  await chartsReady(page);
  for (const id of ['wo_received', 'commitments_signed', 'opinion_letters', 'cases_total', 'pufa_lectures']) {
    const v = await page.locator(t('dash-kpi-' + id)).getAttribute('data-value');
    assert.equal(Number(v), figures[id].value, id);
  }
  assert.equal(await page.locator(t('dash-kpi-wo_reply_rate')).getAttribute('data-value'), '100');
  assert.match(await page.locator(t('dash-fig-commitments_signed')).innerText(), /^76\s*份$/);
  const rows = await page.locator(`${t('dash-figures')} tbody tr`).count();
  assert.equal(rows, Object.keys(figures).length, 'the full figure table, as in the report appendix');
  await page.locator(t('dash-chart-wo_month')).scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-2023');
});

ui('a KPI card opens the records behind it: 12345 orders of the period', async (page) => {
  await login(page, 'leader');
  await page.goto('/dashboard');
  await page.locator(t('dash-year-2023')).click();
  await page.locator(`${t('dash-kpi-wo_received')}[data-value="${figures.wo_received.value}"]`).waitFor();
  await page.locator(t('dash-kpi-wo_received')).click();
  await page.waitForURL((u) => u.pathname === '/workorders' && u.searchParams.get('from') === '2023-01-01' &&
    u.searchParams.get('to') === '2023-12-31');
});

ui('each chart exports as a PNG', async (page) => {
  await login(page, 'leader');
  await page.goto('/dashboard');
  await page.locator(t('dash-year-2023')).click();
  await chartsReady(page);
  for (const k of ['wo_month', 'overdue']) {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(t(`dash-chart-${k}-export`)).click(),
    ]);
    assert.match(dl.suggestedFilename(), /^领导驾驶舱_.*_2023-01-01_2023-12-31_.*\.png$/);
  }
});

ui('the 2023 report page shows the published, frozen report with both deadlines met', async (page) => {
  await login(page, 'leader');
  await page.goto('/reports?year=2023');
  await page.locator(t('rep-frozen')).waitFor();
  assert.match(await page.locator(t('rep-status')).innerText(), /已公开发布/);
  assert.equal(await page.locator(t('rep-deadline-submit')).getAttribute('data-state'), 'on_time');
  assert.equal(await page.locator(t('rep-deadline-publish')).getAttribute('data-state'), 'on_time');
  assert.equal(await page.locator(t('rep-section-save-1')).count(), 0, 'no editing once published');
  assert.match(await page.locator(`${t('rep-section-text-1')}`).inputValue(), /\{\{fig:commitments_signed\}\}/);
});

ui('a user without report:read is kept away from the dashboard (403 page)', async (page) => {
  await login(page, 'officer1');
  await page.goto('/dashboard');
  await page.waitForURL((u) => u.pathname === '/403');
  assert.equal(await page.locator(t('home-dashboard')).count(), 0);
});
