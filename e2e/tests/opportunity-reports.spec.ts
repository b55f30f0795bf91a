import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { settle, signIn } from './helpers';

// Supervisor reports (SPEC M3 §5): funnel, rankings, the detail list with chosen columns (字段自选) saved as a view of
// the user's own, and the Excel export of exactly those columns.

test('a supervisor picks the report columns, saves them as a view, gets them back and exports them', async ({
  page,
}) => {
  await signIn(page, 'sup_city');
  await page.goto('/opportunities/reports');
  await settle(page);
  await expect(page.getByRole('heading', { name: '商机报表' })).toBeVisible();

  // the funnel and the rankings have the demo data in them
  const funnel = page.locator('.ant-card').filter({ hasText: '转化漏斗' });
  await expect(funnel.locator('canvas')).toBeVisible();
  await expect(funnel).toContainText(/转化率|%/);
  for (const title of ['按产品', '坐席排名', '区局排名']) {
    const card = page.locator('.ant-card').filter({ has: page.getByText(title, { exact: true }) });
    await expect(card.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  }

  // choose a column that is not in the default set: it appears in the table at once
  const detail = page.locator('.ant-card').filter({ hasText: '明细（字段自选）' });
  await expect(detail.locator('th', { hasText: '预计收入' })).toHaveCount(0);
  await page.getByTestId('opp-columns').click();
  await page.keyboard.type('预计');
  await page.locator('.ant-select-dropdown').getByText('预计收入', { exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(detail.locator('th', { hasText: '预计收入' })).toBeVisible();

  // and the closed-loop filter, which the view keeps too
  await page.getByTestId('opp-linked-only').check();

  // save it as a view of my own
  const name = `营收视图${Date.now() % 100_000}`;
  await page.getByRole('button', { name: '保存视图' }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByPlaceholder('视图名称').fill(name);
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();

  // a new visit starts from the default columns; the view brings the choice back
  await page.reload();
  await settle(page);
  await expect(detail.locator('th', { hasText: '预计收入' })).toHaveCount(0);
  await expect(page.getByTestId('opp-linked-only')).not.toBeChecked();
  await detail.locator('.ant-tag', { hasText: name }).click();
  await expect(detail.locator('th', { hasText: '预计收入' })).toBeVisible();
  // the filter form shows what the view filters by
  await expect(page.getByTestId('opp-linked-only')).toBeChecked();

  // the export has the chosen columns
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('opp-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  expect(head).toBe('PK');
  const res = await page.request.get(
    (await page.getByTestId('opp-export').getAttribute('href'))!.replace(/^https?:\/\/[^/]+/, ''),
  );
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('spreadsheetml');
  expect(decodeURIComponent(new URL(res.url()).search)).toContain('expectedRevenue');

  // a view is removed only after a confirmation
  await detail.getByTestId(`opp-view-${name}`).locator('.ant-tag-close-icon').click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText(name);
  await confirm.getByRole('button', { name: /删\s*除/ }).click();
  await expect(detail.locator('.ant-tag', { hasText: name })).toHaveCount(0);
});

test('the views are the user’s own: another supervisor does not see them', async ({ page }) => {
  await signIn(page, 'sup_pd');
  const res = await page.request.get('/api/opportunity-reports/views');
  expect(res.status()).toBe(200);
  const views = (await res.json()) as { name: string }[];
  expect(views.some((v) => v.name.startsWith('营收视图'))).toBe(false);
});
