import { expect, test } from '@playwright/test';
import { PASSWORD, signInRequest } from './helpers';

test.describe('sign-in', () => {
  test('password sign-in lands on the workbench, and sign-out returns to sign-in', async ({ page }) => {
    await page.goto('/workbench');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('用户名', { exact: true }).fill('disp_pd');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByTestId('greeting')).toContainText('刘海燕');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/system/users');
    await expect(page).toHaveURL(/\/login\?from=%2Fsystem%2Fusers/);
  });

  test('a wrong password shows the error and keeps the user on the sign-in page', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('用户名', { exact: true }).fill('agent01');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password-1');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
    await expect(page).toHaveURL(/\/login/);
  });

  test('form fields validate before anything is sent', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('login-submit').click();
    await expect(page.getByText('请输入用户名')).toBeVisible();
    await expect(page.getByText('请输入密码')).toBeVisible();
  });

  test('after signing in, the user returns to the page they asked for', async ({ page }) => {
    await page.goto('/system/customers');
    await expect(page).toHaveURL(/\/login\?from=/);
    await page.getByLabel('用户名', { exact: true }).fill('am_pd01');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/system\/customers$/);
    await expect(page.getByRole('heading', { name: '客户管理' })).toBeVisible();
  });

  test('a session that ends mid-work sends the user to sign in and back', async ({ page, context }) => {
    await page.goto('/login');
    await page.getByLabel('用户名', { exact: true }).fill('sup_city');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/workbench$/);
    await page.goto('/system/customers');
    await expect(page.getByRole('heading', { name: '客户管理' })).toBeVisible();
    await context.clearCookies();
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await expect(page).toHaveURL(/\/login\?from=%2Fsystem%2Fcustomers/);
    await expect(page.getByText('登录已过期，请重新登录')).toBeVisible();
    await page.getByLabel('用户名', { exact: true }).fill('sup_city');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/system\/customers$/);
  });

  test('SMS sign-in for an enterprise user, with the code read from the SMS outbox', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const phone = '13916000002';
    await page.goto('/login');
    await page.getByRole('tab', { name: '短信验证码' }).click();
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByTestId('sms-send').click();
    await expect(page.getByTestId('sms-send')).toContainText(/秒后重发/);

    // The demo SMS adapter keeps messages in the outbox; an administrator reads the code there.
    const admin = await playwright.request.newContext({ baseURL });
    await signInRequest(admin, 'admin');
    let code = '';
    await expect
      .poll(
        async () => {
          const res = await admin.get('/api/sms-outbox', { params: { phone, page: 1, pageSize: 5 } });
          expect(res.status()).toBe(200);
          const body = (await res.json()) as { items: { body: string; template: string }[] };
          code = body.items.find((m) => /\d{6}/.test(m.body))?.body.match(/\d{6}/)?.[0] ?? '';
          return code;
        },
        { timeout: 15_000 },
      )
      .toMatch(/^\d{6}$/);
    await admin.dispose();

    await page.getByPlaceholder('6 位数字验证码').fill(code);
    await page.getByTestId('sms-submit').click();
    await expect(page).toHaveURL(/\/workbench$/);
    await expect(page.getByTestId('greeting')).toBeVisible();
    const me = await page.request.get('/api/me');
    expect(((await me.json()) as { role: string }).role).toBe('customer_user');
  });

  test('a wrong SMS code is refused with a clear message', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('tab', { name: '短信验证码' }).click();
    await page.getByLabel('手机号', { exact: true }).fill('13916000001');
    await page.getByPlaceholder('6 位数字验证码').fill('000000');
    await page.getByTestId('sms-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});
