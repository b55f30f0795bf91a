import { expect, test } from '@playwright/test';
import { signIn, signInRequest } from './helpers';

// menu items carry an icon whose label comes first in the accessible name
const menuName = (text: string) => new RegExp(`(^|\\s)${text}$`);

const SYSTEM_PAGES = ['组织机构', '用户管理', '客户管理', '审计日志', '短信发件箱', '协议模板'] as const;

// What each demo role finds in the side menu: the pages it can use, and none of the others.
const ROLES: { username: string; name: string; sees: string[] }[] = [
  {
    username: 'admin',
    name: '系统管理员',
    sees: ['组织机构', '用户管理', '客户管理', '审计日志', '短信发件箱', '协议模板'],
  },
  { username: 'sup_city', name: '各级领导', sees: ['组织机构', '用户管理', '客户管理', '审计日志'] },
  { username: 'sup_pd', name: '各级领导', sees: ['组织机构', '用户管理', '客户管理', '审计日志'] },
  { username: 'disp_pd', name: '调度/监控中心', sees: ['组织机构', '用户管理', '客户管理'] },
  { username: 'agent01', name: '政企热线', sees: ['组织机构', '客户管理'] },
  { username: 'am_pd01', name: '客户经理', sees: ['组织机构', '客户管理'] },
  { username: 'tech_pd01', name: '装维人员', sees: [] },
  { username: 'partner01', name: '应用厂家/SI', sees: [] },
  { username: 'cust_admin', name: '企业管理员', sees: ['我的企业'] },
  { username: 'cust_user', name: '企业经办人', sees: ['我的企业'] },
];

for (const role of ROLES) {
  test(`${role.username} sees the navigation of a ${role.name}`, async ({ page }) => {
    await signIn(page, role.username);
    await page.goto('/workbench');
    const menu = page.locator('.shell-sider');
    await expect(menu.getByRole('menuitem', { name: '我的工作台' })).toBeVisible();
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expect(page.getByTestId('user-menu')).toContainText(role.name);
    for (const item of [...SYSTEM_PAGES, '我的企业']) {
      const shown = menu.getByRole('menuitem', { name: menuName(item) });
      if (role.sees.includes(item)) await expect(shown).toBeVisible();
      else await expect(shown).toHaveCount(0);
    }
    // the 系统 group only when one of its pages is there
    const hasSystem = role.sees.some((s) => (SYSTEM_PAGES as readonly string[]).includes(s));
    await expect(menu.getByText('系统', { exact: true })).toHaveCount(hasSystem ? 1 : 0);
    // every visible menu page opens without an error page
    for (const item of role.sees) {
      await menu.getByRole('menuitem', { name: menuName(item) }).click();
      await expect(page.locator('.page-head h4')).toContainText(item === '我的企业' ? '上海浦江智造' : item);
      await expect(page.getByText('无权访问', { exact: true })).toHaveCount(0);
    }
  });
}

test('a customer cannot open staff pages, and the API refuses them too', async ({ page }) => {
  await signIn(page, 'cust_user');
  for (const path of ['/system/users', '/system/orgs', '/system/customers', '/system/audit', '/system/sms-outbox']) {
    await page.goto(path);
    await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
  }
  for (const api of ['/api/users', '/api/orgs', '/api/audit', '/api/sms-outbox']) {
    const res = await page.request.get(api);
    expect(res.status(), api).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
  }
  // a customer sees only its own enterprise
  const list = await page.request.get('/api/customers');
  const body = (await list.json()) as { items: { name: string }[] };
  expect(body.items.every((c) => c.name === '上海浦江智造科技有限公司')).toBe(true);
});

test('a read-only supervisor sees users but no way to change them', async ({ page }) => {
  await signIn(page, 'sup_pd');
  await page.goto('/system/users');
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('user-create')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '停用' })).toHaveCount(0);
});

test('unknown pages show the 404 page inside the app', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/no/such/page');
  await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '返回工作台' }).click();
  await expect(page).toHaveURL(/\/workbench$/);
});

test('the API refuses writes without the CSRF token', async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  await signInRequest(ctx, 'admin');
  const res = await ctx.post('/api/orgs', { data: { parentId: 1, name: '测试组织', code: 'E2E-CSRF' } });
  expect(res.status()).toBe(403);
  await ctx.dispose();
});
