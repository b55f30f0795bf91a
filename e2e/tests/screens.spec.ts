import { expect, test, type Page } from '@playwright/test';
import { capture, captureOverlay, signIn, TOUR_VIEWPORTS, watchErrors } from './helpers';

// A tour of every screen, each checked for sideways scrolling and for script errors; with `npm run screenshots` also
// at desktop width, with pictures in e2e/screenshots/ (for people to look at).

for (const vp of TOUR_VIEWPORTS) {
  test.describe(vp.prefix, () => {
    test.use({ viewport: vp.viewport, isMobile: vp.phone, hasTouch: vp.phone });
    const p = vp.prefix;
    const phone = vp.phone;

    test('sign-in screens', async ({ page }) => {
      const errors = watchErrors(page);
      await capture(page, `${p}-login`, '/login');
      await page.getByLabel('用户名', { exact: true }).fill('partner01');
      await page.getByLabel('密码', { exact: true }).fill('wrong-password-9');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error')).toBeVisible();
      await capture(page, `${p}-login-error`);
      await page.getByRole('tab', { name: '短信验证码' }).click();
      await capture(page, `${p}-login-sms`);
      await page.getByTestId('lang-switch').click();
      await page.getByRole('tab', { name: 'Password' }).click();
      await capture(page, `${p}-login-en`);
      expect(errors).toEqual([]);
    });

    test('administrator screens', async ({ page }) => {
      const errors = watchErrors(page);
      await signIn(page, 'admin');
      await capture(page, `${p}-admin-workbench`, '/workbench');
      if (phone) {
        await page.getByRole('button', { name: '打开菜单' }).click();
        await expect(page.locator('.ant-drawer .ant-menu-root')).toBeVisible();
        await captureOverlay(page, `${p}-admin-menu-drawer`);
        await page.keyboard.press('Escape');
      }
      if (!phone) {
        await page.getByTestId('notification-bell').click();
        await expect(page.locator('.notif-pop')).toBeVisible();
        await captureOverlay(page, `${p}-admin-notification-bell`);
        await page.keyboard.press('Escape');
      }

      await capture(page, `${p}-admin-orgs`, '/system/orgs');
      await page.getByRole('button', { name: '新增下级' }).click();
      await expect(page.locator('.ant-modal')).toBeVisible();
      await page.locator('.ant-modal').getByLabel('编码').fill('bad code');
      await captureOverlay(page, `${p}-admin-orgs-add`);
      await page.keyboard.press('Escape');

      await capture(page, `${p}-admin-users`, '/system/users');
      await page.getByTestId('user-create').click();
      await expect(page.locator('.ant-drawer-open')).toBeVisible();
      await page.getByTestId('user-save').click();
      await captureOverlay(page, `${p}-admin-users-create`);
      await page.keyboard.press('Escape');

      await capture(page, `${p}-admin-customers`, '/system/customers');
      await page.getByRole('button', { name: '详情' }).first().click();
      await expect(page.locator('.ant-drawer .ant-descriptions')).toBeVisible();
      await captureOverlay(page, `${p}-admin-customers-detail`);
      await page.keyboard.press('Escape');
      await page.getByTestId('customer-create').click();
      await page.getByTestId('credit-code').fill('91310115164028431A');
      await expect(page.getByText('统一社会信用代码不正确')).toBeVisible();
      await captureOverlay(page, `${p}-admin-customers-create`);
      await page.keyboard.press('Escape');

      await capture(page, `${p}-admin-audit`, '/system/audit');
      // seen once in a full run: the click left no drawer (other tests were writing audit rows); the click is repeated
      await expect(async () => {
        await page.getByRole('button', { name: '详情' }).first().click();
        await expect(page.locator('.ant-drawer .ant-descriptions')).toBeVisible({ timeout: 5_000 });
      }).toPass({ timeout: 30_000 });
      await captureOverlay(page, `${p}-admin-audit-detail`);
      await page.keyboard.press('Escape');
      await page.getByTestId('audit-verify').click();
      await expect(page.locator('.ant-modal-confirm')).toBeVisible();
      await captureOverlay(page, `${p}-admin-audit-verify`);
      await page.locator('.ant-modal-confirm').getByRole('button').click();

      await capture(page, `${p}-admin-sms-outbox`, '/system/sms-outbox');
      await capture(page, `${p}-admin-notifications`, '/notifications');
      await capture(page, `${p}-admin-profile`, '/profile');
      await capture(page, `${p}-admin-not-found`, '/no/such/page');
      expect(errors).toEqual([]);
    });

    test('supervisor and account manager screens', async ({ page }) => {
      const errors = watchErrors(page);
      await signIn(page, 'sup_pd');
      await capture(page, `${p}-supervisor-workbench`, '/workbench');
      await capture(page, `${p}-supervisor-users`, '/system/users');
      await capture(page, `${p}-supervisor-orgs`, '/system/orgs');
      await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': await csrf(page) } });
      await signIn(page, 'am_pd01');
      await capture(page, `${p}-account-manager-customers`, '/system/customers');
      expect(errors).toEqual([]);
    });

    test('customer and technician screens', async ({ page }) => {
      const errors = watchErrors(page);
      await signIn(page, 'cust_admin');
      await capture(page, `${p}-customer-workbench`, '/workbench');
      await capture(page, `${p}-customer-enterprise`, '/enterprise');
      await capture(page, `${p}-customer-notifications`, '/notifications');
      await capture(page, `${p}-customer-profile`, '/profile');
      await capture(page, `${p}-customer-forbidden`, '/system/users');
      await page.getByTestId('lang-switch').click();
      await capture(page, `${p}-customer-workbench-en`, '/workbench');
      await page.getByTestId('lang-switch').click();

      await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': await csrf(page) } });
      await signIn(page, 'tech_pd01');
      await capture(page, `${p}-technician-workbench`, '/workbench');
      await capture(page, `${p}-technician-notifications`, '/notifications');
      await capture(page, `${p}-technician-profile`, '/profile');
      expect(errors).toEqual([]);
    });
  });
}

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
