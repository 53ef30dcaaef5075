// lib.mjs - shared helpers for the browser tests: launch Debian's Chromium through
// playwright-core (no downloaded browsers), open a fresh context per test, log in through
// the login page, and save a screenshot per test into test-results/browser/<name>.png.
// Every wait is on a specific selector, URL or text; nothing sleeps.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, DEMO_PASSWORD } from '../lib/server.mjs';

export { DEMO_PASSWORD };
export const RESULTS = join(ROOT, 'test-results', 'browser');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// the ASan server hashes passwords with argon2 on a 2-core box: allow a few seconds
export const TIMEOUT = 15_000;

/* launchBrowser: one headless Chromium per test file. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/* waitHealthy: polls GET /api/v1/health until it answers 200 (startServer gives up after
 * ~10 s, which a loaded 2-core box running the ASan build can exceed); throws after ms. */
export async function waitHealthy(url, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > end) throw new Error(`server at ${url} never became healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/* newPage: a fresh context (own cookies) and page on baseURL. page.errors collects uncaught
 * page exceptions so a test can assert the UI did not throw. */
export async function newPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  return { context, page };
}

/* t(id): the CSS selector of a data-test attribute. */
export const t = (id) => `[data-test="${id}"]`;

/* field: the <input> of an el-input whose data-test is id (Element Plus puts non-class
 * attrs on the native input; the wrapper form is accepted too). */
export function field(page, id) {
  return page.locator(`input${t(id)}, ${t(id)} input`).first();
}

/* submitLogin: fill and submit the login form; waits for nothing afterwards. */
export async function submitLogin(page, username, password = DEMO_PASSWORD) {
  if (!/^https?:\/\/[^/]+\/login(\?|$)/.test(page.url())) await page.goto('/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await page.locator(t('login-submit')).click();
}

/* login: log in and wait for the main layout (the navbar's user name). */
export async function login(page, username, password = DEMO_PASSWORD) {
  await submitLogin(page, username, password);
  await page.locator(t('nav-user')).waitFor({ state: 'visible' });
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/* screenshot: test-results/browser/<name>.png (name sanitised); returns the path. Finite
 * CSS animations (dialog fade, menu collapse) are fast-forwarded so the picture shows the
 * settled page rather than a half-open dialog. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, name.replace(/[^A-Za-z0-9_.\-\u4e00-\u9fff]+/g, '-') + '.png');
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

/* me: GET /api/v1/me from inside the page (same cookies), or {status} on failure. */
export function me(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return { status: r.status, body: r.ok ? await r.json() : null };
  });
}

/* sessionCookie: the fazhi_session cookie header value of a context, or ''. */
export async function sessionCookie(context) {
  const c = (await context.cookies()).find((k) => k.name === 'fazhi_session');
  return c ? `fazhi_session=${c.value}` : '';
}
