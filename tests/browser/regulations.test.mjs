// regulations.test.mjs - the 政策法规 screens in a real browser: an officer opens 法规检索
// from the menu, searches the library for the two-character term 听证 (found through the
// CJK bigram index, every snippet marking the term), opens the hit in the Administrative
// Penalty Law and sees its two versions - the 2017 text 已修订 and the 2021 text 当前施行 -
// with the article anchored, then switches to the old version and reads its article on
// hearings (第四十二条 there, 第六十三条 now). Then the library list: the search box finds
// the regulation by title and its row opens the same page. One demo server and one
// Chromium for the file; screenshots in test-results/browser/reg-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';
import { field, launchBrowser, login, newPage, screenshot, t } from './lib.mjs';

let server;
let browser;
let lawId; // 中华人民共和国行政处罚法

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await loggedIn(server.url, 'officer1');
  const r = await api.get(`/api/v1/regulations?q=${encodeURIComponent('中华人民共和国行政处罚法')}`);
  lawId = r.body.items.find((x) => x.title === '中华人民共和国行政处罚法').id;
});

after(async () => {
  await browser?.close();
  if (!server) return;
  await server.stop();
  assert.doesNotMatch(server.stderr(), /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr());
});

/* ui: a fresh context and page per test, a screenshot reg-<name>.png at the end (also on
 * failure), and no uncaught page errors. */
function ui(name, fn) {
  test(name, { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser, server.url);
    let ok = false;
    try {
      await fn(page);
      ok = true;
    } finally {
      await screenshot(page, name).catch(() => {});
      await context.close();
    }
    if (ok) assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  });
}

/* openRegMenu: a menu item of the 政策法规 group (opening the group first). */
async function openRegMenu(page, id) {
  const item = page.locator(t(id));
  if (!(await item.isVisible())) await page.locator(`${t('menu-regulations')} > .el-sub-menu__title`).click();
  await item.click();
}

const versionTag = (page, no) => page.locator(t(`reg-version-status-${no}`));

ui('reg-1-search-two-characters-then-versions', async (page) => {
  await login(page, 'officer1');
  await openRegMenu(page, 'menu-regulations-search');
  await page.waitForURL((u) => u.pathname === '/regulations/search');

  // a two-character term: one bigram of the index
  await field(page, 'reg-search-q').fill('听证');
  await page.locator(t('reg-search-submit')).click();
  await page.waitForURL((u) => u.searchParams.get('q') === '听证');
  const total = page.locator(t('reg-search-total'));
  await total.waitFor();
  await page.locator(t('reg-search-hit-0')).waitFor();
  const n = Number((await total.locator('b').textContent()).trim());
  assert.ok(n >= 1, `hits: ${n}`);
  const hits = page.locator('[data-test^="reg-search-hit-"][data-citation]');
  assert.equal(await hits.count(), n);
  for (const snippet of await page.locator('[data-test^="reg-search-hit-snippet-"]').all()) {
    assert.equal((await snippet.locator('mark').first().textContent()).trim(), '听证', 'the term is marked');
  }
  await screenshot(page, 'reg-1-search-results');

  // the hit in the version in force of the Administrative Penalty Law
  const hit = page.locator(`[data-citation^="reg/${lawId}/v2/"]`).first();
  await hit.waitFor();
  const citation = await hit.getAttribute('data-citation');
  const article = Number(citation.split('/').pop());
  assert.equal(article, 63);
  await hit.locator('[data-test^="reg-search-hit-link-"]').click();
  await page.waitForURL((u) => u.pathname === `/regulations/${lawId}` && u.searchParams.get('version') === '2' &&
    u.hash === `#art-${article}`);
  await page.locator(t('reg-detail-title')).filter({ hasText: '《中华人民共和国行政处罚法》' }).waitFor();

  // both versions with their states, the current one marked
  await page.locator(t('reg-version-1')).waitFor();
  await page.locator(t('reg-version-2')).waitFor();
  assert.equal((await versionTag(page, 1).textContent()).trim(), '已修订');
  assert.equal((await versionTag(page, 2).textContent()).trim(), '现行有效');
  await page.locator(t('reg-version-in-force-2')).waitFor();
  assert.equal(await page.locator(t('reg-version-in-force-1')).count(), 0);
  const art = page.locator(t(`reg-article-${article}`));
  await art.waitFor();
  assert.match(await art.textContent(), /听证/);
  assert.match(await art.textContent(), new RegExp(`reg/${lawId}/v2/art/${article}`));
  await screenshot(page, 'reg-1-detail-v2');

  // the 2017 text: its article on hearings is 第四十二条
  await page.locator(t('reg-version-1')).click();
  await page.waitForURL((u) => u.searchParams.get('version') === '1');
  const old = page.locator(t('reg-article-42'));
  await old.waitFor();
  assert.match(await old.textContent(), /听证/);
  assert.match(await old.textContent(), new RegExp(`reg/${lawId}/v1/art/42`));
  assert.equal(await page.locator(t(`reg-article-${article}`)).count(), 0, 'the old version has no 第六十三条');
});

ui('reg-2-library-list-opens-the-regulation', async (page) => {
  await login(page, 'officer1');
  await openRegMenu(page, 'menu-regulations-list');
  await page.waitForURL((u) => u.pathname === '/regulations');
  await page.locator(`${t('reg-table')} .el-table__row`).first().waitFor();
  await field(page, 'reg-list-q').fill('行政处罚法');
  await page.locator(t('reg-list-submit')).click();
  const link = page.locator(t(`reg-row-link-${lawId}`));
  await link.waitFor();
  await page.locator(`${t('reg-table')} .el-table__row`).filter({ hasNotText: '行政处罚法' }).first()
    .waitFor({ state: 'detached' });
  assert.match((await page.locator(t(`reg-row-version-${lawId}`)).textContent()), /2/);
  await link.click();
  await page.waitForURL((u) => u.pathname === `/regulations/${lawId}`);
  await page.locator(t('reg-version-2')).waitFor();
  await page.locator(t('reg-version-1')).waitFor();
});
