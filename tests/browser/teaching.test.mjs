// teaching.test.mjs - 以案说法 through the UI (issue 7): legal opens 组织领导 → 以案说法,
// 从已结案件生成 → picks a closed demo case → lands on the draft with the party shown as
// 某公司 and the party's name nowhere on the page → writes the lesson → 提交审核 → the
// reviewer (leader) publishes it → it is listed as 已发布; then the learning-task list
// shows the automatic task of the demo 行政处罚法 revision with its origin.
// Screenshots go to test-results/browser/; every wait is on a selector.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';
import { field, launchBrowser, login, newPage, screenshot, t } from './lib.mjs';

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

/* text: the textarea (or input) of an el-input whose data-test is id */
const text = (page, id) => page.locator(`textarea${t(id)}, ${t(id)} textarea, input${t(id)}, ${t(id)} input`).first();

async function menu(page, group, item) {
  await page.locator('.el-sub-menu__title').filter({ hasText: group }).first().click();
  await page.locator(t(item)).filter({ visible: true }).first().click();
}

test('a teaching material made from a closed demo case is anonymised, submitted and published', { timeout: 180_000 }, async () => {
  const api = await loggedIn(server.url, 'legal');
  const closed = (await api.get('/api/v1/cases?stage=closed&page_size=100')).body.items;
  const taken = new Set((await api.get('/api/v1/teaching?page_size=200')).body.items.map((m) => m.case_id));
  const kase = closed.find((c) => c.party_kind === 'org' && !taken.has(c.id));
  assert.ok(kase, 'a closed demo case of an organisation without a material');
  const lesson = `企业应当依法落实主体责任（${Date.now().toString(36).slice(-4)}）`;
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'legal');
    await menu(page, '组织领导', 'menu-duty-teaching');
    await page.waitForURL(/\/org-lead\/teaching$/);
    await page.locator(t('teaching-table')).locator('.el-table__row, .el-table__empty-block').first().waitFor();
    await page.locator(t('teaching-from-case')).click();
    const picker = page.locator(`.el-dialog${t('teaching-case-picker')}`);
    await picker.waitFor({ state: 'visible' });
    await page.locator(t(`teaching-case-pick-${kase.id}`)).filter({ visible: true }).click();
    await page.waitForURL(/\/org-lead\/teaching\/\d+$/);
    await page.locator(t('teaching-form-lesson')).first().waitFor();
    assert.match(await page.locator(t('teaching-detail')).textContent(), /某公司/);
    const html = await page.content();
    assert.ok(!html.includes(kase.party_name), `the party's name ${kase.party_name} is on the page`);
    await screenshot(page, 'teaching-draft');
    await text(page, 'teaching-form-lesson').fill(lesson);
    await page.locator(t('teaching-submit')).click();
    await page.locator(`${t('teaching-status')}[data-value="submitted"]`).waitFor();
    const id = Number(page.url().split('/').pop());
    await context.clearCookies();

    await login(page, 'leader');
    await page.goto(`${server.url}/org-lead/teaching/${id}`);
    await page.locator(t('teaching-publish')).waitFor();
    await field(page, 'teaching-comment').fill('案情已脱敏，同意发布');
    await page.locator(t('teaching-publish')).click();
    await page.locator('.msgbox-confirm').click();
    await page.locator(`${t('teaching-status')}[data-value="published"]`).waitFor();
    assert.equal(await page.locator(t('teaching-form-lesson')).count(), 0, 'published: no edit fields');
    assert.match(await page.locator(t('teaching-text-lesson')).textContent(), new RegExp(lesson.slice(0, 8)));
    await screenshot(page, 'teaching-published');
    await page.locator(t('teaching-back')).click();
    const row = page.locator(t('teaching-table')).locator('.el-table__row').filter({ has: page.locator(t(`teaching-row-${id}`)) });
    await row.first().waitFor();
    assert.match(await row.first().textContent(), /已发布/);
    const m = (await api.get(`/api/v1/teaching/${id}`)).body;
    assert.equal(m.status, 'published');
    assert.equal(m.case_id, kase.id);
    assert.equal(m.lesson, lesson);
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `teaching-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }
});

test('the learning-task list shows the task the 行政处罚法 revision assigned automatically', { timeout: 120_000 }, async () => {
  const { context, page } = await newPage(browser, server.url);
  try {
    await login(page, 'officer1');
    await menu(page, '组织领导', 'menu-duty-learning');
    await page.waitForURL(/\/org-lead\/learning$/);
    const row = page.locator(t('learning-table')).locator('.el-table__row').filter({ hasText: '学习新修订的《中华人民共和国行政处罚法》' });
    await row.first().waitFor();
    assert.match(await row.first().textContent(), /法规修订自动布置/);
    await screenshot(page, 'learning-automatic');
    assert.deepEqual(page.errors, []);
  } catch (e) {
    await screenshot(page, `learning-failed-${Date.now()}`);
    throw e;
  } finally {
    await context.close();
  }
});
