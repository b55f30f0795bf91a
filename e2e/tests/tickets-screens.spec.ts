import zlib from 'node:zlib';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { capture, captureOverlay, closeOverlay, leaveApp, signInRequest, TOUR_VIEWPORTS, watchErrors } from './helpers';

// A tour of every ticket screen, each checked for sideways scrolling and script errors; with `npm run screenshots` also
// at desktop width, with pictures in e2e/screenshots/ (for people to look at). Tickets are set up through the API first.

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A small gradient picture, so attachment previews show something. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([30 + (x * 200) / width, 120 + (y * 100) / height, 230], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface Api {
  request: APIRequestContext;
  csrf: string;
}
async function as(request: APIRequestContext, username: string): Promise<Api> {
  return { request, csrf: await signInRequest(request, username) };
}
async function post<T>(a: Api, path: string, data: unknown): Promise<T> {
  const res = await a.request.post(path, { headers: { 'x-csrf-token': a.csrf }, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}
async function act(a: Api, id: number, body: Record<string, unknown>) {
  const cur = (await (await a.request.get(`/api/tickets/${id}`)).json()) as { version: number };
  return post(a, `/api/tickets/${id}/actions`, { version: cur.version, ...body });
}
async function upload(a: Api, name: string, mimeType: string, buffer: Buffer): Promise<number> {
  const res = await a.request.post('/api/tickets/attachments', {
    headers: { 'x-csrf-token': a.csrf },
    multipart: { file: { name, mimeType, buffer } },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

interface Created {
  ticket: { id: number; number: string };
}
/** A customer request with a picture and a PDF, accepted and started by the account manager. */
async function setUp(request: APIRequestContext, tag: string) {
  const cust = await as(request, 'cust_user');
  const me = (await (await request.get('/api/me')).json()) as { customerId: number };
  const pic = await upload(cust, '机房位置.png', 'image/png', png(320, 200));
  const doc = await upload(cust, '装机申请表.pdf', 'application/pdf', PDF);
  const install = await post<Created>(cust, '/api/tickets', {
    type: 'new_install',
    customerId: me.customerId,
    channel: 'h5',
    title: `5 号楼开通商务宽带 ${tag}`,
    description: '新租办公室，希望月底前开通，机房在 5 楼东侧。',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    productName: '商务宽带 300M',
    installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
    attachmentIds: [pic, doc],
  });
  const repair = await post<Created>(cust, '/api/tickets', {
    type: 'terminal_repair',
    customerId: me.customerId,
    channel: 'h5',
    title: `前台话机无法拨出 ${tag}`,
    description: '',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    terminalModel: '华为 eSpace 7910',
    symptom: '摘机无拨号音，重启无效',
  });
  const resolved = await post<Created>(cust, '/api/tickets', {
    type: 'product_change',
    customerId: me.customerId,
    channel: 'web',
    title: `总机增加 10 个分机 ${tag}`,
    description: '',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    productInstance: `021-5888${tag.slice(-4)}`,
    changeDescription: '新增 10 个分机号，分配给销售部。',
  });
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': cust.csrf } });
  const am = await as(request, 'am_pd01');
  for (const id of [install.ticket.id, resolved.ticket.id]) {
    await act(am, id, { action: 'accept' });
    await act(am, id, { action: 'start' });
  }
  await act(am, resolved.ticket.id, { action: 'resolve', result: '已增加 10 个分机（8801–8810），并完成呼叫测试。' });
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': am.csrf } });
  return { install: install.ticket, repair: repair.ticket, resolved: resolved.ticket };
}

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await signInRequest(page.request, username);
  await leaveApp(page);
}

for (const vp of TOUR_VIEWPORTS) {
  test.describe(`tickets ${vp.prefix}`, () => {
    test.use({ viewport: vp.viewport, isMobile: vp.phone, hasTouch: vp.phone });
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
    });
    const p = `tickets-${vp.prefix}`;

    test('customer screens', async ({ page }) => {
      const errors = watchErrors(page);
      const t = await setUp(page.request, `${vp.prefix}-${Date.now() % 100_000}`);
      await signInAs(page, 'cust_user');
      await capture(page, `${p}-customer-workbench`, '/workbench');
      await expect(page.getByTestId('wb-tickets')).toBeVisible();
      await capture(page, `${p}-customer-list`, '/my/tickets');
      await capture(page, `${p}-customer-new-types`, '/my/tickets/new');
      await page.getByTestId('type-fault').click();
      await page.getByTestId('ticket-submit').click();
      await expect(page.getByText('请描述故障现象')).toBeVisible();
      await capture(page, `${p}-customer-new-fault-errors`);
      await capture(page, `${p}-customer-detail-in-progress`, `/my/tickets/${t.install.id}`);
      await capture(page, `${p}-customer-detail-resolved`, `/my/tickets/${t.resolved.id}`);
      await page.getByTestId('action-reopen').click();
      await captureOverlay(page, `${p}-customer-reopen`);
      await closeOverlay(page);
      if (vp.phone) await page.goto(`/my/tickets/${t.resolved.id}`);
      await page.getByTestId('action-confirm').click();
      await captureOverlay(page, `${p}-customer-confirm`);
      await (
        vp.phone
          ? page.locator('.adm-dialog').getByText('确认完成', { exact: true })
          : page.getByTestId('action-confirm-ok')
      ).click();
      await expect(page.getByTestId('ticket-status').first()).toHaveText('已归档');
      await page.getByTestId('action-rate').click();
      await captureOverlay(page, `${p}-customer-rate`);
      await page.goto('/my/tickets');
      await page.getByTestId('lang-switch').click();
      await expect(page.getByText('My requests').first()).toBeVisible();
      await capture(page, `${p}-customer-list-en`);
      await page.getByTestId('lang-switch').click();
      expect(errors).toEqual([]);
    });

    test('account manager and dispatcher screens', async ({ page }) => {
      const errors = watchErrors(page);
      const t = await setUp(page.request, `${vp.prefix}-${Date.now() % 100_000}`);
      await signInAs(page, 'am_pd01');
      await capture(page, `${p}-am-workbench`, '/workbench');
      await capture(page, `${p}-am-queue`, '/tickets');
      await capture(page, `${p}-am-detail`, `/tickets/${t.install.id}`);
      await page.getByTestId('action-resolve').click();
      await page.getByTestId('action-submit').click();
      await captureOverlay(page, `${p}-am-resolve`);
      await closeOverlay(page);
      await page.getByTestId('ticket-regrade').click();
      await captureOverlay(page, `${p}-am-regrade`);
      await closeOverlay(page);
      await page.getByRole('tab', { name: '时限' }).click();
      await capture(page, `${p}-am-detail-clocks`);
      await page.getByRole('tab', { name: /附件/ }).click();
      await expect(page.getByTestId('ticket-attachments')).toContainText('装机申请表.pdf');
      await capture(page, `${p}-am-detail-attachments`);
      await page.getByRole('tab', { name: '流程图' }).click();
      await expect(page.getByTestId('ticket-flow')).toBeVisible();
      await page.waitForTimeout(500);
      await capture(page, `${p}-am-detail-flow`);
      await capture(page, `${p}-am-new`, '/tickets/new');
      await page.getByTestId('type-complaint').click();
      await capture(page, `${p}-am-new-complaint`);

      await signInAs(page, 'disp_pd');
      await capture(page, `${p}-dispatcher-queue-all`, '/tickets?view=all');
      await capture(page, `${p}-dispatcher-detail`, `/tickets/${t.install.id}`);
      await page.getByTestId('action-transfer').click();
      await captureOverlay(page, `${p}-dispatcher-transfer`);
      await closeOverlay(page);
      expect(errors).toEqual([]);
    });

    test('monitor, configuration and technician screens', async ({ page }) => {
      const errors = watchErrors(page);
      await signInAs(page, 'sup_city');
      await capture(page, `${p}-monitor`, '/tickets/monitor');
      await page.getByTestId('org-drill').first().click();
      await capture(page, `${p}-monitor-drilled`);

      await signInAs(page, 'admin');
      await capture(page, `${p}-config-sla`, '/tickets/config?tab=sla');
      await page.getByTestId('policy-edit').first().click();
      await captureOverlay(page, `${p}-config-sla-edit`);
      await closeOverlay(page);
      await capture(page, `${p}-config-calendar`, '/tickets/config?tab=calendar');
      await page.getByRole('button', { name: /添加假期/ }).click();
      await captureOverlay(page, `${p}-config-calendar-holiday`);
      await closeOverlay(page);
      await capture(page, `${p}-config-settings`, '/tickets/config?tab=settings');
      await capture(page, `${p}-config-rules`, '/tickets/config?tab=rules');
      await page.getByTestId('rule-create').click();
      await page.getByTestId('rule-save').click();
      await captureOverlay(page, `${p}-config-rules-new`);
      await closeOverlay(page);

      await signInAs(page, 'tech_pd01');
      await capture(page, `${p}-technician-workbench`, '/workbench');
      await capture(page, `${p}-technician-queue`, '/tickets');
      expect(errors).toEqual([]);
    });
  });
}
