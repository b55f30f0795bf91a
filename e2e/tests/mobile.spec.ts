import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, openPath, PHONE, settle, signIn } from './helpers';

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

test('the sign-in page fits a phone', async ({ page }) => {
  await page.goto('/login');
  await settle(page);
  await expectNoHorizontalScroll(page, '/login');
  await page.getByRole('tab', { name: '短信验证码' }).click();
  await expectNoHorizontalScroll(page, '/login (SMS)');
});

for (const username of ['cust_user', 'cust_admin', 'tech_pd01']) {
  test(`${username} gets the phone layout with a bottom tab bar and no sideways scrolling`, async ({ page }) => {
    await signIn(page, username);
    await page.goto('/workbench');
    const tabs = page.locator('.m-tabbar');
    await expect(tabs).toBeVisible();
    await expect(page.locator('.shell-sider')).toHaveCount(0);
    const paths = username.startsWith('cust')
      ? ['/workbench', '/enterprise', '/notifications', '/profile']
      : ['/workbench', '/notifications', '/profile'];
    for (const path of paths) {
      await openPath(page, path);
      await settle(page);
      await expect(tabs).toBeVisible();
      await expectNoHorizontalScroll(page, `${username} ${path}`);
    }
    // the tab bar navigates
    await tabs.getByText('我的', { exact: true }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await tabs.getByText('工作台', { exact: true }).click();
    await expect(page).toHaveURL(/\/workbench$/);
  });
}

test('staff pages collapse to a drawer menu on a phone without sideways scrolling', async ({ page }) => {
  await signIn(page, 'admin');
  for (const path of [
    '/workbench',
    '/system/orgs',
    '/system/users',
    '/system/customers',
    '/system/audit',
    '/system/sms-outbox',
    '/notifications',
    '/profile',
  ]) {
    await openPath(page, path);
    await settle(page);
    await expectNoHorizontalScroll(page, path);
  }
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page).toHaveURL(/\/system\/users$/);
});
