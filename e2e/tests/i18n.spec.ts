import { expect, test } from '@playwright/test';
import { createUser, PASSWORD } from './helpers';

test('the language switch turns the interface into English and back, and is remembered', async ({
  page,
  playwright,
  baseURL,
}) => {
  // an account of its own: the language is saved on the account, and other tests share the demo ones
  const username = `e2e_lang_${Date.now() % 1_000_000}`;
  const admin = await playwright.request.newContext({ baseURL });
  await createUser(admin, 'admin', username);
  await admin.dispose();
  const login = await page.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  await page.goto('/system/users');
  const menu = page.locator('.shell-sider');
  await expect(menu.getByRole('menuitem', { name: /用户管理$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();

  await page.getByTestId('lang-switch').click();
  await expect(menu.getByRole('menuitem', { name: /Users$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('button', { name: /New user/ })).toBeVisible();
  // antd's own texts follow (pagination)
  await expect(page.getByText(/in total/)).toBeVisible();
  await expect(page.getByText('用户管理')).toHaveCount(0);

  // saved on the account and in this browser
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as { lang: string }).lang)
    .toBe('en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  // server messages follow the language too
  const res = await page.request.get('/api/no-such-endpoint', { headers: { 'x-lang': 'en' } });
  expect(((await res.json()) as { message: string }).message).not.toMatch(/[\u4e00-\u9fff]/);

  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /组织机构$/ })).toBeVisible();
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as { lang: string }).lang)
    .toBe('zh');
});

test('the sign-in page can be switched before signing in', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('tab', { name: '账号密码' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('tab', { name: 'Password' })).toBeVisible();
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('tab', { name: '账号密码' })).toBeVisible();
});
