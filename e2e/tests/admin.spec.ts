import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './helpers';

// GB 32100 check character, to register a customer with a valid unified social credit code.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(seed: number): string {
  const body = `913101${String(seed).padStart(11, '0').slice(-11)}`;
  const sum = [...body].reduce((s, ch, i) => s + CHARSET.indexOf(ch) * WEIGHTS[i]!, 0);
  return body + CHARSET[(31 - (sum % 31)) % 31]!;
}

const stamp = Date.now() % 1_000_000;

/** Opens the antd Select labelled `label` inside `scope` and picks `option`. */
async function pick(page: Page, scope: Locator, label: string, option: string) {
  await scope
    .locator('.ant-form-item', { has: page.getByText(label, { exact: true }) })
    .locator('.ant-select')
    .click();
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
}

test('an administrator maintains the organisation tree', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/system/orgs');
  await page
    .getByRole('treeitem', { name: /张江区局/ })
    .first()
    .click();
  await expect(page.locator('.ant-card-head-title', { hasText: '张江区局' })).toBeVisible();

  await page.getByRole('button', { name: '新增下级' }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByLabel('名称').fill(`测试班组${stamp}`);
  await dialog.getByLabel('编码').fill(`e2e-${stamp}`);
  await expect(dialog.getByLabel('编码')).toHaveValue(`E2E-${stamp}`);
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByText('已创建')).toBeVisible();
  await expect(page.locator('.ant-card-head-title', { hasText: `测试班组${stamp}` })).toBeVisible();

  await page.getByRole('button', { name: '重命名' }).click();
  await dialog.getByLabel('名称').fill(`测试班组${stamp}改`);
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(page.locator('.ant-card-head-title', { hasText: `测试班组${stamp}改` })).toBeVisible();

  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText(`确定删除"测试班组${stamp}改"吗？`);
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '删 除' }).click();
  await expect(page.getByText('已删除')).toBeVisible();

  // a unit with people cannot go, and the reason is given
  await page
    .getByRole('treeitem', { name: /张江区局/ })
    .first()
    .click();
  await page.getByRole('button', { name: '删除' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '删 除' }).click();
  await expect(page.getByText(/下还有下级组织或人员，不能删除/)).toBeVisible();
});

test('an administrator creates, edits, disables and re-enables a user', async ({ page, playwright, baseURL }) => {
  await signIn(page, 'admin');
  await page.goto('/system/users');
  await page.getByTestId('user-create').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('用户名').fill(`e2e_user_${stamp}`);
  await drawer.getByLabel('姓名').fill('测试用户');
  await pick(page, drawer, '角色', '装维人员');
  await drawer
    .locator('.ant-form-item', { has: page.getByText('所属组织', { exact: true }) })
    .locator('.ant-select')
    .click();
  // the tree is virtualised: search, then pick
  await page.keyboard.type('张江装维');
  await page.locator('.ant-select-dropdown:visible').getByTitle('张江装维一班', { exact: true }).click();
  await drawer.getByLabel('手机号').fill(`1770${String(stamp).padStart(7, '0')}`);
  await drawer.getByLabel('初始密码').fill('weak');
  await expect(drawer.getByText('密码至少 8 位')).toBeVisible();
  await drawer.getByLabel('初始密码').fill('Welcome2026');
  await page.getByTestId('user-save').click();
  await expect(page.getByText('已创建')).toBeVisible();

  await page.getByLabel('关键字').fill(`e2e_user_${stamp}`);
  await page.getByRole('button', { name: /查\s?询/ }).click();
  const row = page.getByRole('row', { name: new RegExp(`e2e_user_${stamp}`) });
  await expect(row).toContainText('装维人员');
  await expect(row).toContainText('177****');

  await row.getByRole('button', { name: '编辑' }).click();
  await drawer.getByLabel('姓名').fill('测试用户乙');
  await page.getByTestId('user-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(row).toContainText('测试用户乙');

  await row.getByRole('button', { name: '停用' }).click();
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s?定/ })
    .click();
  await expect(row).toContainText('停用');
  await row.getByRole('button', { name: '启用' }).click();
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s?定/ })
    .click();
  await expect(row).toContainText('启用');

  await row.getByRole('button', { name: '重置密码' }).click();
  await page.locator('.ant-modal').getByLabel('新密码').fill('Another2026');
  await page.locator('.ant-modal').getByRole('button', { name: '重置密码' }).click();
  await expect(page.getByText('密码已重置')).toBeVisible();

  // the new password works
  const fresh = await playwright.request.newContext({ baseURL });
  const res = await fresh.post('/api/auth/login', { data: { username: `e2e_user_${stamp}`, password: 'Another2026' } });
  expect(res.status()).toBe(200);
  await fresh.dispose();
});

test('an edit based on a stale copy is refused and the latest data is loaded', async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, 'admin');
  await page.goto('/system/users');
  await page.getByLabel('关键字').fill('partner01');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  const row = page.getByRole('row', { name: /partner01/ });
  await row.getByRole('button', { name: '编辑' }).click();

  // someone else saves first
  const other = await playwright.request.newContext({ baseURL });
  const login = await other.post('/api/auth/login', { data: { username: 'admin', password: 'Paidan@2026' } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const list = await other.get('/api/users', { params: { q: 'partner01' } });
  const u = ((await list.json()) as { items: { id: number; version: number }[] }).items[0]!;
  const patched = await other.patch(`/api/users/${u.id}`, {
    data: { version: u.version, email: `p${stamp}@example.com` },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(patched.status()).toBe(200);
  await other.dispose();

  await page.locator('.ant-drawer').getByLabel('姓名').fill('天翼云眼厂家-李工（改）');
  await page.getByTestId('user-save').click();
  await expect(page.getByText('该用户刚被他人修改过')).toBeVisible();
  await expect(page.locator('.ant-drawer').getByLabel('邮箱')).toHaveValue(`p${stamp}@example.com`);
});

test('an administrator registers a customer; the credit code is checked while typing', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/system/customers');
  await page.getByTestId('customer-create').click();
  const drawer = page.locator('.ant-drawer');
  const name = `上海测试智能设备有限公司${stamp}`;
  await drawer.getByLabel('企业名称').fill(name);
  const code = creditCode(stamp + 12345);
  await page.getByTestId('credit-code').fill(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'));
  await expect(drawer.getByText('统一社会信用代码不正确')).toBeVisible();
  await page.getByTestId('credit-code').fill(code.toLowerCase());
  await expect(drawer.getByText('统一社会信用代码不正确')).toHaveCount(0);
  await pick(page, drawer, '客户等级', '本地B');
  await pick(page, drawer, '行业', '制造业');
  await drawer
    .locator('.ant-form-item', { has: page.getByText('所属区局', { exact: true }) })
    .locator('.ant-select')
    .click();
  await page.keyboard.type('张江');
  await page.locator('.ant-select-dropdown:visible').getByTitle('张江区局', { exact: true }).click();
  await drawer.getByLabel('地址').fill('上海市浦东新区测试路 1 号');
  await drawer.getByLabel('姓名').fill('测试联系人');
  await drawer.getByLabel('手机号').fill('13800138000');
  await expect(drawer.locator('.ant-form-item', { has: page.getByText('所属区局', { exact: true }) })).toContainText(
    '张江区局',
  );
  await page.getByTestId('customer-save').click();
  // Either the success toast or an error explaining why the save was refused; the latter fails with its text.
  const outcome = page
    .getByText('已创建')
    .or(drawer.locator('.ant-form-item-explain-error'))
    .or(page.locator('.ant-message-error'));
  await expect(outcome.first()).toBeVisible({ timeout: 20_000 });
  await expect(drawer.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await expect(page.locator('.ant-message-error')).toHaveCount(0);
  await expect(page.getByText('已创建')).toBeVisible();

  await page.getByLabel('关键字').fill(name);
  await page.getByRole('button', { name: /查\s?询/ }).click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(code);
  await expect(row).toContainText('138****8000');
  await row.getByRole('button', { name: '详情' }).click();
  await expect(page.locator('.ant-drawer .ant-descriptions')).toContainText('上海市浦东新区测试路 1 号');
});

test('the audit log shows what changed, and the chain verifies', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/system/audit');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('button', { name: '详情' }).first().click();
  await expect(page.locator('.ant-drawer')).toContainText('哈希');
  await page.keyboard.press('Escape');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByText(/校验通过：共检查 \d+ 条记录/)).toBeVisible();
});
