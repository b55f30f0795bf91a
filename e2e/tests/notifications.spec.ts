import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('notifications: live stream connected, unread badge, mark all read', async ({ page }) => {
  await signIn(page, 'tech_pd01');
  const unread = async () =>
    ((await (await page.request.get('/api/notifications/unread-count')).json()) as { count: number }).count;
  const before = await unread();

  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
  await page.goto('/workbench');
  const res = await stream;
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/event-stream');

  // The demo history leaves this technician with unread notices.
  expect(before).toBeGreaterThan(0);
  const bell = page.getByTestId('notification-bell');
  await expect(bell.locator('.ant-badge-count')).toHaveText(String(before));
  await expect(page.getByTestId('workbench-unread').locator('.ant-list-item').first()).toBeVisible();

  await page.goto('/notifications');
  await page.locator('.ant-segmented-item', { hasText: '未读' }).click();
  await expect(page.locator('.notif-row').first()).toBeVisible();
  await page.getByRole('button', { name: '全部已读' }).click();
  await expect(page.getByText('已全部标为已读')).toBeVisible();
  await expect(page.getByText('没有未读消息，所有通知都已读过。')).toBeVisible();
  await expect(bell.locator('.ant-badge-count')).toHaveCount(0);
  expect(await unread()).toBe(0);
});
