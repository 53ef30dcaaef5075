// shell.test.mjs - the application shell in a real browser: login (good and bad password),
// the user dialog, the forced password change, the permission-filtered menu, the audit
// log's inclusion check, and logout. One demo server and one Chromium for the file, a new
// browser context (own cookies) per test; every test saves test-results/browser/<name>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loggedIn, ROOT } from '../lib/server.mjs';
import {
  field, launchBrowser, login, me, newPage, screenshot, sessionCookie, submitLogin, t, waitHealthy,
} from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  await waitHealthy(server.url);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (!server) return;
  await server.stop();
  // the ASan/UBSan build reports on stderr; a report there is a server bug
  assert.doesNotMatch(server.stderr(), /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr());
});

/* ui: a fresh context and page for one test; saves <name>.png at the end (also when the
 * test fails, to show where it stopped), checks the page threw nothing, closes the context. */
function ui(name, fn) {
  test(name, { timeout: 45_000 }, async () => {
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

/* openSystemMenu: click a menu item inside the 系统管理 group (opening the group first). */
async function openSystemMenu(page, id) {
  const item = page.locator(t(id));
  if (!(await item.isVisible())) await page.locator(`${t('menu-system')} > .el-sub-menu__title`).click();
  await item.click();
}

/* pathIs: waits until the page is on exactly this path (query ignored). */
const pathIs = (page, path) => page.waitForURL((u) => u.pathname === path);

/* menuTable: every menu row of the router table that needs a permission, read from
 * web/src/router/index.js so new modules are covered: [{id, title, perms: [...]}]. */
function menuTable() {
  const src = readFileSync(join(ROOT, 'web', 'src', 'router', 'index.js'), 'utf8');
  const rows = [];
  for (const [, body] of src.matchAll(/meta:\s*\{([^}]*)\}/g)) {
    const id = /testId:\s*'([^']+)'/.exec(body)?.[1];
    const perm = /perm:\s*(\[[^\]]*\]|'[^']+')/.exec(body)?.[1];
    if (!id || !perm) continue;
    rows.push({
      id,
      title: /title:\s*'([^']+)'/.exec(body)?.[1],
      perms: [...perm.matchAll(/'([^']+)'/g)].map((m) => m[1]),
    });
  }
  return rows;
}

const holds = (own, perms) => own.includes('*') || own.includes('*:*:*') || perms.some((p) => own.includes(p));

// the user test 3 creates through the UI, logged in by test 4
const NEW_PASSWORD = 'Changed#2026x';
let created = null;

ui('1-login-admin', async (page) => {
  await page.goto('/system/user');
  // not signed in: the guard sends to /login and remembers where we were going
  await pathIs(page, '/login');
  assert.equal(new URL(page.url()).searchParams.get('redirect'), '/system/user');
  await page.goto('/login');
  await submitLogin(page, 'admin');
  await pathIs(page, '/index');
  await page.locator(t('nav-user')).filter({ hasText: '系统管理员' }).waitFor();
  assert.equal((await page.locator(t('nav-user')).textContent()).trim(), '系统管理员');
  assert.equal((await page.locator(t('home-user')).textContent()).trim(), '系统管理员');
  const sys = page.locator(t('menu-system'));
  await sys.waitFor({ state: 'visible' });
  assert.match(await sys.locator('.el-sub-menu__title').textContent(), /系统管理/);
  await page.locator(`${t('menu-system')} > .el-sub-menu__title`).click();
  await page.locator(t('menu-users')).waitFor({ state: 'visible' });
  assert.equal((await page.locator(t('nav-dept')).textContent()).trim(), '综合办公室');
});

ui('2-login-wrong-password', async (page) => {
  await page.goto('/login');
  await submitLogin(page, 'admin', 'Wrong#Pass2026');
  const err = page.locator(t('login-error'));
  await err.waitFor({ state: 'visible' });
  assert.match(await err.textContent(), /用户名或密码错误/);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await field(page, 'login-password').inputValue(), '', 'the password field is cleared');
  assert.equal(await page.locator(t('nav-user')).count(), 0);
  assert.equal((await me(page)).status, 401, 'no session was created');
});

ui('3-admin-creates-user', async (page) => {
  await login(page, 'admin');
  await openSystemMenu(page, 'menu-users');
  await pathIs(page, '/system/user');
  const table = page.locator(t('user-table'));
  await table.locator('.el-table__row').first().waitFor();

  const username = `br_${Date.now().toString(36)}`;
  const user = { username, display_name: '浏览器测试员', password: 'Init#Pass2026', dept: '法务部', role: 'legal' };
  await page.locator(t('user-add')).click();
  const dialog = page.locator(`.el-dialog${t('user-dialog')}`);
  await dialog.waitFor({ state: 'visible' });
  await field(page, 'user-form-username').fill(user.username);
  await field(page, 'user-form-display-name').fill(user.display_name);
  await field(page, 'user-form-password').fill(user.password);

  // 部门: the tree select's popper, then the node
  await page.locator(`${t('user-form-dept')} .el-select__wrapper`).click();
  const tree = page.locator('.dept-tree-popper').filter({ visible: true });
  await tree.getByText(user.dept, { exact: true }).click();
  await page.locator(`${t('user-form-dept')} .el-select__selected-item`).filter({ hasText: user.dept }).waitFor();

  // 角色: open the multi-select, pick the role, close it by clicking the dialog title
  await page.locator(`${t('user-form-roles')} .el-select__wrapper`).click();
  const opt = page.locator(t(`user-form-role-${user.role}`)).filter({ visible: true });
  const roleName = (await opt.textContent()).trim();
  await opt.click();
  await page.locator(`${t('user-form-roles')} .el-tag`).filter({ hasText: roleName }).waitFor();
  await dialog.locator('.el-dialog__title').click();

  await page.locator(t('user-form-submit')).click();
  await page.locator('.el-message--success').filter({ hasText: '新增成功' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  const row = table.locator('.el-table__row').filter({ hasText: user.username });
  await row.waitFor({ state: 'visible' });
  const text = await row.textContent();
  assert.ok(text.includes(user.display_name), text);
  assert.ok(text.includes(user.dept), text);
  assert.ok(text.includes(roleName), text);
  created = user;
});

ui('4-forced-password-change', async (page) => {
  // the user from test 3; if that test failed, make one through the API so this still runs
  let user = created;
  if (!user) {
    const admin = await loggedIn(server.url, 'admin');
    user = { username: `br_api_${Date.now().toString(36)}`, display_name: '接口测试员', password: 'Init#Pass2026' };
    const r = await admin.post('/api/v1/users', { ...user, roles: ['legal'] });
    assert.equal(r.status, 201, r.text);
  }
  await page.goto('/login');
  await submitLogin(page, user.username, user.password);
  await pathIs(page, '/change-password');
  await page.locator(t('pwd-forced')).waitFor({ state: 'visible' });
  assert.equal(await page.locator(t('pwd-back')).count(), 0, 'no way back while forced');
  await screenshot(page, '4-forced-password-change-notice');

  // typing another address does not get past the guard
  for (const to of ['/system/user', '/index']) {
    await page.goto(to);
    await pathIs(page, '/change-password');
    await page.locator(t('pwd-forced')).waitFor({ state: 'visible' });
    assert.equal(await page.locator(t('user-table')).count(), 0);
  }

  await field(page, 'pwd-old').fill(user.password);
  await field(page, 'pwd-new').fill(NEW_PASSWORD);
  await field(page, 'pwd-confirm').fill(NEW_PASSWORD);
  await page.locator(t('pwd-submit')).click();
  await pathIs(page, '/index');
  await page.locator(t('nav-user')).filter({ hasText: user.display_name }).waitFor();
  const m = await me(page);
  assert.equal(m.status, 200);
  assert.equal(m.body.must_change_password, false);
  // and the app now opens normally
  await page.goto('/system/user');
  await pathIs(page, '/system/user');
  await page.locator(t('user-table')).waitFor({ state: 'visible' });
  // the new password is the one that works now
  const api = await loggedIn(server.url, user.username, NEW_PASSWORD);
  assert.equal((await api.get('/api/v1/me')).status, 200);
});

ui('5-menu-follows-permissions', async (page, context) => {
  const table = menuTable();
  // sanity: the router table was read (else the check below would prove nothing)
  for (const id of ['menu-users', 'menu-depts', 'menu-roles', 'menu-audit', 'menu-loginlog']) {
    assert.ok(table.some((r) => r.id === id), `router table row ${id} not found`);
  }
  for (const username of ['viewer', 'officer1', 'counsel']) {
    await context.clearCookies();
    await page.goto('/login');
    await login(page, username);
    const m = await me(page);
    assert.equal(m.status, 200);
    const own = m.body.permissions;
    const expected = table.filter((r) => holds(own, r.perms)).map((r) => r.id).sort();
    const shown = (await page.locator('.el-aside .el-menu-item[data-test]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-test'))))
      .filter((id) => table.some((r) => r.id === id)).sort();
    assert.deepEqual(shown, expected, `${username} (${own.join(',') || 'no permissions'}): menu items`);
    // the group shows exactly when something in it does
    const sysKids = ['menu-users', 'menu-depts', 'menu-roles', 'menu-audit', 'menu-loginlog'];
    assert.equal(await page.locator(t('menu-system')).count(), expected.some((id) => sysKids.includes(id)) ? 1 : 0,
      `${username}: 系统管理 group`);
    // and no group (of any module) is shown empty
    const emptyGroups = await page.locator('.el-aside .el-sub-menu').evaluateAll((els) =>
      els.filter((e) => !e.querySelector('.el-menu-item')).map((e) => e.getAttribute('data-test')));
    assert.deepEqual(emptyGroups, [], `${username}: empty menu groups`);
    // each expected item can be reached: open its group (unique-opened closes the others)
    for (const id of expected) {
      const item = page.locator(t(id));
      if (!(await item.isVisible())) await page.locator(`.el-aside .el-sub-menu:has(${t(id)}) > .el-sub-menu__title`).click();
      await item.waitFor({ state: 'visible' });
    }
    if (username === 'viewer') {
      // the brief's fixed expectation for the demo 只读用户
      for (const id of ['menu-users', 'menu-roles', 'menu-audit']) {
        assert.equal(await page.locator(t(id)).count(), 0, `viewer must not see ${id}`);
      }
      // show the 系统管理 group open in the picture when the viewer has anything in it
      const sysItem = expected.find((id) => sysKids.includes(id));
      if (sysItem && !(await page.locator(t(sysItem)).isVisible())) {
        await page.locator(`${t('menu-system')} > .el-sub-menu__title`).click();
        await page.locator(t(sysItem)).waitFor({ state: 'visible' });
      }
      await screenshot(page, '5-menu-follows-permissions-viewer');
      // and the guard refuses the page when the address is typed
      await page.goto('/system/user');
      await pathIs(page, '/403');
      await page.locator(t('page-403')).waitFor({ state: 'visible' });
    }
  }
});

ui('6-audit-verify', async (page) => {
  await login(page, 'admin');
  await openSystemMenu(page, 'menu-audit');
  await pathIs(page, '/system/audit');
  const rows = page.locator(`${t('audit-table')} .el-table__body .el-table__row`);
  await rows.first().waitFor({ state: 'visible' });
  assert.ok((await rows.count()) > 1, 'the demo data set and the logins leave several entries');
  await page.locator(t('audit-head')).waitFor({ state: 'visible' });
  await rows.filter({ hasText: 'admin 登录' }).first().waitFor();

  // verify the newest and the oldest entry on the page (different proof paths)
  for (const row of [rows.first(), rows.last()]) {
    const btn = row.locator('[data-test^="audit-row-verify-"]');
    const seq = (await btn.getAttribute('data-test')).replace('audit-row-verify-', '');
    assert.match(seq, /^\d+$/);
    await btn.click();
    const res = page.locator(t(`audit-row-result-${seq}`));
    await res.waitFor({ state: 'visible' });
    assert.equal(await res.getAttribute('data-result'), 'ok', `entry ${seq}`);
    assert.equal((await res.textContent()).trim(), '已验证');
  }
  // the proof dialog: server and browser agree
  await rows.first().locator('[data-test^="audit-row-result-"]').click();
  const dlg = page.locator(`.el-dialog${t('audit-proof-dialog')}`);
  await dlg.waitFor({ state: 'visible' });
  const body = await dlg.textContent();
  assert.match(body, /服务器验证\s*通过/);
  assert.match(body, /浏览器复核\s*一致/);
});

ui('7-logout', async (page, context) => {
  await login(page, 'admin');
  const cookie = await sessionCookie(context);
  assert.ok(cookie, 'a session cookie is set after login');
  const meWith = (c) => fetch(`${server.url}/api/v1/me`, { headers: { cookie: c } }).then((r) => r.status);
  assert.equal(await meWith(cookie), 200);

  await page.locator(t('nav-logout')).click();
  await page.locator('.msgbox-confirm').click();
  await pathIs(page, '/login');
  await field(page, 'login-username').waitFor({ state: 'visible' });

  // the old session is gone on the server, not just in the browser
  assert.equal(await meWith(cookie), 401);
  assert.equal((await me(page)).status, 401);
  await page.goto('/system/user');
  await pathIs(page, '/login');
  assert.equal(new URL(page.url()).searchParams.get('redirect'), '/system/user');
});
