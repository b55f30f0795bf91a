import { expect, test } from '@playwright/test';
import { DESKTOP, expectNoHorizontalScroll, PHONE, settle, shot, signIn } from './helpers';

test('an administrator drafts a new version of an agreement, previews it and publishes it', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, 'admin');
  await page.goto('/system/agreements');
  const rowOf = (text: string) => page.locator('tr.ant-table-row', { hasText: text });
  const row = rowOf('marketing').filter({ hasText: '已发布' });
  await expect(row).toContainText('v1', { timeout: 30_000 });
  await settle(page);
  await shot(page, 'desktop-agreements');

  await row.getByRole('button', { name: '新版本' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByLabel('编码')).toHaveValue('marketing');
  await expect(drawer.getByLabel('编码')).toBeDisabled();
  const body = drawer.getByLabel('正文');
  await body.fill('短');
  await drawer.getByLabel('标题').click();
  await expect(drawer.getByText('正文至少 20 个字')).toBeVisible();
  await body.fill(
    '# 营销活动协议（测试版）\n\n甲方：{{customerName}}\n\n一、优惠以订单确认页所列资费为准，期限自起租之日起计算。',
  );
  // the preview renders the heading as the reader will see it
  await expect(drawer.locator('.agreement-text h5')).toHaveText('营销活动协议（测试版）');
  await drawer.getByLabel('标题').fill('营销活动协议（测试版）');
  await shot(page, 'desktop-agreement-editor');
  await page.getByTestId('agreement-save').click();
  await expect(page.getByText('已创建')).toBeVisible();
  await expect(drawer.getByText('{{customerName}}').first()).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();

  const draft = rowOf('营销活动协议（测试版）');
  await expect(draft).toContainText('草稿');
  await draft.getByRole('button', { name: '发布' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('当前发布的版本将随之停用');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /发\s?布/ })
    .click();
  await expect(page.getByText('已发布').first()).toBeVisible();
  await expect(rowOf('营销活动协议（测试版）')).toContainText('已发布');
  await expect(rowOf('marketing').filter({ hasText: 'v1' })).toContainText('已停用');

  // a customer reads the new version as the current one
  const res = await page.request.get('/api/agreements/current?codes=marketing');
  expect(((await res.json()) as { version: number }[])[0]!.version).toBe(2);
});

test('the agreement list fits a phone', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'admin');
  await page.goto('/system/agreements');
  await expect(page.locator('tr.ant-table-row', { hasText: '网络与信息安全责任书' })).toBeVisible({
    timeout: 30_000,
  });
  await expectNoHorizontalScroll(page, 'agreement list');
  await settle(page);
  await shot(page, 'phone-agreements');
});
