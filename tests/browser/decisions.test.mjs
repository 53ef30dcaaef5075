// decisions.test.mjs - one major decision from initiation to archive through the UI: the
// legal office initiates it and records public participation (a 29-day comment period is
// refused citing Art. 15 until a reason is given), expert argumentation and risk
// assessment as not applicable, submits it for legality review and records the review
// (refused under 7 working days citing Art. 26 until an override reason is given); the
// leader organises a 党组会 meeting for it, records attendance (quorum), opinions and the
// decision, and publishes it; the legal office archives it and the archive package can
// be downloaded. Blocked steps show the server's reason on the way.
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

const field = (page, id) => page.locator(`input${t(id)}, textarea${t(id)}, ${t(id)} input, ${t(id)} textarea`).first();

/* day(n): the date n days from today in +08:00, YYYY-MM-DD */
const day = (n) => new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

async function typeDate(page, id, value) {
  const input = field(page, id);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function pick(page, selectId, optionId) {
  await page.locator(`${t(selectId)} .el-select__wrapper`).click();
  await page.locator(t(optionId)).filter({ visible: true }).click();
}

/* act: open an action dialog on the decision page, let fill() fill it, submit */
async function act(page, action, fill) {
  await page.locator(t(`dec-action-${action}`)).click();
  const dialog = page.locator(`.el-dialog${t('dec-action-dialog')}`);
  await dialog.waitFor({ state: 'visible' });
  if (fill) await fill(dialog);
  await page.locator(t('act-submit')).click();
}

async function actDone(page, action, fill) {
  await act(page, action, fill);
  await page.locator(`.el-dialog${t('dec-action-dialog')}`).waitFor({ state: 'hidden' });
}

const status = (page, text) => page.locator(t('dec-status')).filter({ hasText: text }).waitFor();

test('a decision from initiation to archive through the UI', { timeout: 240_000 }, async () => {
  const legal = await newPage(browser, server.url);
  const leader = await newPage(browser, server.url);
  const title = `浏览器测试决策 ${Date.now().toString(36)}`;
  try {
    const page = legal.page;
    await login(page, 'legal');
    await page.goto('/decision/decisions');
    await page.locator(t('dec-table')).locator('.el-table__row').first().waitFor();
    await page.locator(t('dec-add')).click();
    await field(page, 'dec-form-title').fill(title);
    await page.locator(`${t('dec-form-dept')} .el-select__wrapper`).click();
    await page.locator('.dept-tree-popper').filter({ visible: true }).getByText('企业服务部', { exact: true }).click();
    await typeDate(page, 'dec-form-date', day(-60));
    await page.locator(t('dec-form-submit')).click();
    await page.waitForURL(/\/decision\/decisions\/\d+$/);
    await status(page, '起草中');
    // the review step says what blocks it, citing the article
    assert.match(await page.locator(t('dec-step-blocked-review')).textContent(), /尚未完成公众参与.*第十四条/);

    // 公众参与: 29 days without a reason is refused (Art. 15), then a reason is given
    await act(page, 'participation', async () => {
      await field(page, 'act-method').fill('网上公开征求意见');
      await typeDate(page, 'act-comment-start', day(-49));
      await typeDate(page, 'act-comment-end', day(-20));
    });
    const err = page.locator(t('act-error'));
    await err.waitFor({ state: 'visible' });
    assert.match(await err.textContent(), /不足30日.*第十五条/);
    await field(page, 'act-shortening').fill('上级部署时间紧，缩短征求意见期');
    await page.locator(t('act-submit')).click();
    await page.locator(`.el-dialog${t('dec-action-dialog')}`).waitFor({ state: 'hidden' });
    await page.locator(`${t('dec-step-participation')}[data-state="done"]`).waitFor();

    for (const a of ['expert', 'risk']) {
      await actDone(page, a, async () => {
        await page.locator(t('act-state-na')).click();
        await field(page, 'act-reason').fill('经研判不适用');
      });
      await page.locator(`${t(`dec-step-${a}`)}[data-state="na"]`).waitFor();
    }
    await actDone(page, 'submit_review', async () => field(page, 'act-material').fill('决策草案及起草说明'));
    await status(page, '合法性审查中');
    assert.match(await page.locator(t('dec-blocked-decide')).textContent(), /尚未完成合法性审查（《重大行政决策程序暂行条例》第二十五条）/);

    // the review the same day: under 7 working days is refused (Art. 26) until overridden
    await act(page, 'review', async () => {
      await pick(page, 'act-result', 'act-result-lawful');
      await field(page, 'act-opinion').fill('决策草案合法');
    });
    await err.waitFor({ state: 'visible' });
    assert.match(await err.textContent(), /第二十六条/);
    await field(page, 'act-override').fill('防汛应急，经主要负责人批准缩短审查时间');
    await page.locator(t('act-submit')).click();
    await page.locator(`.el-dialog${t('dec-action-dialog')}`).waitFor({ state: 'hidden' });
    await status(page, '待集体讨论');
    assert.equal(await page.locator(t('dec-action-decide')).count(), 0, 'the legal office cannot decide');
    const decisionPath = new URL(page.url()).pathname;
    const id = decisionPath.split('/').pop();

    // the leader organises a 党组会 for it, records attendance, opinions and the decision
    const lp = leader.page;
    await login(lp, 'leader');
    await lp.goto(`/decision/meetings?decision_id=${id}`);
    const md = lp.locator(`.el-dialog${t('mtg-dialog')}`);
    await md.waitFor({ state: 'visible' });
    await pick(lp, 'mtg-form-body', 'mtg-form-body-party_group');
    await field(lp, 'mtg-form-title').fill('党组会议（浏览器测试）');
    await typeDate(lp, 'mtg-form-date', day(0));
    await lp.locator(`${t('mtg-form-decisions')} .el-select__selected-item`).first().waitFor();
    await lp.locator(t('mtg-form-submit')).click();
    await lp.waitForURL(/\/decision\/meetings\/\d+$/);
    await lp.locator(t('mtg-attendance-save')).click();
    await lp.locator(t('mtg-quorum')).filter({ hasText: '达到法定人数' }).waitFor();
    const agree = lp.locator('[data-test^="mtg-item-0-op-"][data-test$="-agree"]');
    await agree.first().waitFor();
    for (let i = 0; i < await agree.count(); i++) await agree.nth(i).click();
    await lp.locator(t('mtg-item-0-opinions-save')).click();
    await lp.locator(t('mtg-item-0-decide')).click();
    await lp.locator(t('mtg-item-0-outcome')).filter({ hasText: '通过' }).waitFor();

    await lp.goto(decisionPath);
    await status(lp, '已决定');
    await actDone(lp, 'publish', async () => field(lp, 'act-channel').fill('华明高新区门户网站'));
    await status(lp, '已公布');
    await screenshot(lp, 'decision-published');

    // the legal office archives it: sealed, the package downloads
    await page.reload();
    await status(page, '已公布');
    await actDone(page, 'archive');
    await status(page, '已归档');
    await page.locator(t('dec-archive-download')).waitFor();
    assert.match(await page.locator(t('dec-archive-sha')).textContent(), /^[0-9a-f]{64}$/);
    const zip = await page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'same-origin' });
      return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
    }, `/api/v1/decisions/${id}/archive.zip`);
    assert.equal(zip.status, 200);
    assert.equal(zip.type, 'application/zip');
    assert.ok(zip.size > 500);
    assert.equal(await page.locator(t('dec-actions')).locator('button').count(), 0, 'nothing can be done after archiving');
    await screenshot(page, 'decision-archived');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(lp.errors, []);
  } finally {
    await legal.context.close();
    await leader.context.close();
  }
});
