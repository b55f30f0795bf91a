import { expect, test, type Page } from '@playwright/test';
import { openAs } from '../support/screens';
import { expectNoHorizontalScroll, settle } from './helpers';

// The closed loop of a request in real browsers: the customer on a phone, the account manager at a desk,
// then a supervisor on the monitor. Every step must be on the ticket's timeline.

const status = (page: Page) => page.getByTestId('ticket-status').first();

test('a request goes round the loop: submit on a phone, handle at a desk, confirm and rate, see it on the monitor', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `张江新办公室开通商务宽带 ${Date.now() % 100_000}`;
  const errors: string[] = [];

  // 1. The customer submits a 新装 request on a phone.
  const cust = await openAs(browser, 'cust_user', true);
  cust.page.on('pageerror', (e) => errors.push(e.message));
  await cust.page.goto('/my/tickets');
  await settle(cust.page);
  await expect(cust.page.locator('.m-tabbar')).toBeVisible();
  await expectNoHorizontalScroll(cust.page, 'my requests');
  await cust.page.getByTestId('my-ticket-create').click();
  await expect(cust.page).toHaveURL(/\/my\/tickets\/new$/);
  await cust.page.getByTestId('type-new_install').click();
  await expectNoHorizontalScroll(cust.page, 'request form');

  // the shared schema speaks as one types: empty required fields and a bad phone number are told at once
  await cust.page.getByTestId('ticket-submit').click();
  await expect(cust.page.getByText('请填写标题')).toBeVisible();
  await expect(cust.page.getByText('请填写装机地址')).toBeVisible();
  await cust.page.getByTestId('field-contactPhone').locator('input').fill('12345');
  await expect(cust.page.getByText('请输入手机或固话号码')).toBeVisible();

  await cust.page.getByTestId('field-title').locator('input').fill(title);
  await cust.page.getByTestId('field-productName').locator('input').fill('商务宽带 300M');
  await cust.page.getByTestId('field-installAddress').locator('input').fill('上海市浦东新区张江路 1388 号 5 号楼');
  await cust.page.getByTestId('field-contactPhone').locator('input').fill('13916000002');
  await expect(cust.page.getByText('请输入手机或固话号码')).toHaveCount(0);
  await cust.page.getByTestId('ticket-submit').click();
  await expect(cust.page.getByText('提交成功')).toBeVisible();
  await expect(cust.page.getByText('已分派给：张江政企客户经理组 · 王志强')).toBeVisible();
  await expect(cust.page.getByTestId('duplicate-notice')).toHaveCount(0);
  await cust.page.getByTestId('open-created').click();
  await expect(cust.page).toHaveURL(/\/my\/tickets\/\d+$/);
  const id = Number(cust.page.url().split('/').pop());
  const number = (await cust.page.getByTestId('ticket-number').textContent())!.trim();
  expect(number).toMatch(/^GD\d{14}$/);
  await expect(status(cust.page)).toHaveText('已派单');
  await settle(cust.page);
  await expectNoHorizontalScroll(cust.page, 'request detail');

  // 2. The account manager finds it in 我的, accepts, starts and resolves it with a result.
  const am = await openAs(browser, 'am_pd01', false);
  am.page.on('pageerror', (e) => errors.push(e.message));
  await am.page.goto('/tickets');
  await expect(am.page.getByTestId('view-mine')).toBeVisible();
  const row = am.page.locator('.ant-table-row', { hasText: number });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('sla-countdown')).toContainText('剩余');
  await row.getByTestId('ticket-link').click();
  await expect(am.page).toHaveURL(new RegExp(`/tickets/${id}$`));
  await expect(status(am.page)).toHaveText('已派单');
  await am.page.getByTestId('action-accept').click();
  await expect(status(am.page)).toHaveText('已接单');
  await am.page.getByTestId('action-start').click();
  await expect(status(am.page)).toHaveText('处理中');
  await am.page.getByTestId('action-resolve').click();
  const dialog = am.page.locator('.ant-modal');
  await expect(dialog).toBeVisible();
  // a result is required
  await am.page.getByTestId('action-submit').click();
  await expect(dialog.getByText('请填写此项')).toBeVisible();
  await am.page.getByTestId('action-text').fill('已开通 300M 商务宽带，现场测速 310M，客户网络正常。');
  await am.page.getByTestId('action-submit').click();
  await expect(status(am.page)).toHaveText('待确认');
  await am.page.getByRole('tab', { name: '时限' }).click();
  await expect(am.page.getByTestId('ticket-clocks')).toContainText('接单');
  await am.page.getByRole('tab', { name: '流程图' }).click();
  await expect(am.page.getByTestId('ticket-flow')).toContainText('待确认');

  // 3. The customer sees the result, confirms and gives five stars.
  await cust.page.goto(`/my/tickets/${id}`);
  await expect(status(cust.page)).toHaveText('待确认');
  await expect(cust.page.getByTestId('ticket-result')).toContainText('现场测速 310M');
  await expect(cust.page.getByTestId('customer-prompt')).toBeVisible();
  await cust.page.getByTestId('action-confirm').click();
  await cust.page.locator('.adm-dialog').getByText('确认完成', { exact: true }).click();
  await expect(status(cust.page)).toHaveText('已归档');
  await cust.page.getByTestId('action-rate').click();
  await expect(cust.page.getByTestId('action-sheet')).toBeVisible();
  await cust.page.getByTestId('rating').getByRole('radio', { name: '5' }).tap();
  await expect(cust.page.getByTestId('rating')).toContainText('非常满意');
  await cust.page.getByTestId('action-sheet').locator('textarea').fill('装机及时，服务专业。');
  await cust.page.getByTestId('action-submit').click();
  await expect(cust.page.getByTestId('action-rate')).toHaveCount(0);
  await expect(cust.page.getByTestId('ticket-result')).toContainText('装机及时，服务专业。');
  await expect(cust.page.getByTestId('ticket-result').locator('.ant-rate-star-full')).toHaveCount(5);

  // every step is on the timeline, in order, with who did it
  const timeline = cust.page.getByTestId('ticket-timeline');
  for (const action of ['submit', 'dispatch', 'accept', 'start', 'resolve', 'confirm', 'rate']) {
    await expect(timeline.getByTestId(`event-${action}`)).toHaveCount(1);
  }
  await expect(timeline).toContainText('郑晓东（企业经办人）');
  await expect(timeline).toContainText('王志强（客户经理）');
  await expect(timeline).toContainText('现场测速 310M');
  await settle(cust.page);
  await expectNoHorizontalScroll(cust.page, 'closed request');
  await cust.page.goto('/my/tickets');
  await expect(cust.page.getByTestId('m-ticket-card').filter({ hasText: title })).toContainText('已归档');
  await expectNoHorizontalScroll(cust.page, 'my requests after closing');

  // the staff view has the same story
  await am.page.goto(`/tickets/${id}`);
  await expect(status(am.page)).toHaveText('已归档');
  await expect(am.page.getByTestId('ticket-timeline').getByTestId('event-rate')).toBeVisible();

  // 4. A supervisor of the district sees figures on the monitor and can export them.
  const sup = await openAs(browser, 'sup_pd', false);
  sup.page.on('pageerror', (e) => errors.push(e.message));
  await sup.page.goto('/tickets/monitor');
  const kpis = sup.page.getByTestId('monitor-kpis');
  await expect(kpis).toContainText('受理量');
  await expect(kpis.locator('.ant-statistic-content-value').first()).not.toHaveText('0');
  await expect(sup.page.getByTestId('chart-backlog')).toBeVisible();
  await expect(sup.page.getByTestId('chart-trend')).toBeVisible();
  await expect(sup.page.getByTestId('monitor-by-person')).toContainText('王志强');
  const href = await sup.page.getByTestId('monitor-export').getAttribute('href');
  expect(href).toContain('/api/ticket-monitor/export.xlsx');
  const xlsx = await sup.page.request.get(href!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  expect(errors).toEqual([]);
  await Promise.all([cust.ctx.close(), am.ctx.close(), sup.ctx.close()]);
});

test('staff queue: tabs by whose tickets they are, filters, and the monitoring centre gets faults', async ({
  browser,
}) => {
  // A fault reported by the customer goes to the monitoring centre's queue (集中监控班).
  const cust = await openAs(browser, 'cust_user', false);
  const csrf = (await (await cust.page.request.get('/api/me')).json()) as { csrfToken: string; customerId: number };
  const res = await cust.page.request.post('/api/tickets', {
    headers: { 'x-csrf-token': csrf.csrfToken },
    data: {
      type: 'fault',
      customerId: csrf.customerId,
      channel: 'web',
      title: `专线中断 ${Date.now() % 100_000}`,
      description: '',
      contactName: '郑晓东',
      contactPhone: '13916000002',
      businessCategory: 'dedicated_line',
      productInstance: `MSTP-${Date.now() % 100_000}`,
      symptom: '上午 9 点起专线无法访问外网',
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const created = (await res.json()) as { ticket: { id: number; number: string; assigneeOrgName: string } };
  expect(created.ticket.assigneeOrgName).toBe('集中监控班');
  await cust.ctx.close();

  const noc = await openAs(browser, 'noc01', false);
  await noc.page.goto('/tickets?view=team');
  await expect(noc.page.locator('.ant-table-row', { hasText: created.ticket.number })).toBeVisible();
  // keyword filter
  await noc.page.getByPlaceholder('工单号、标题、客户或业务号码').fill(created.ticket.number);
  await noc.page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(noc.page.locator('.ant-table-row')).toHaveCount(1);
  await expect(noc.page.getByText('共 1 条')).toBeVisible();
  // someone in the team accepts it from the queue
  await noc.page.getByTestId('ticket-link').click();
  await noc.page.getByTestId('action-accept').click();
  await expect(status(noc.page)).toHaveText('已接单');
  await noc.ctx.close();
});
