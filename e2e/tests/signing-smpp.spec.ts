import { expect, request as pwRequest, test, type APIRequestContext } from '@playwright/test';
import { PHONE, SMPP_BASE_URL, SMSC_URL, shot, signIn, signInRequest } from './helpers';

// Mode 1 over a real SMPP exchange: the second instance of the product talks to the test SMSC (e2e/support/smsc.ts).
// Staff send an order for signing, the link and the one-time code arrive at the SMSC as submit_sm, the signer opens
// the link on a phone, and the SMSC delivers the customer's "KT" as deliver_sm, which signs the order.
test.use({ baseURL: SMPP_BASE_URL });
test.setTimeout(240_000);

const stamp = String(Date.now() % 10_000).padStart(4, '0');
const SIGNER_PHONE = `1390000${stamp}`;
const STRANGER_PHONE = `1390001${stamp}`;
const CUSTOMER = '上海浦江智造科技有限公司';
const RULE = '浏览器测试：订单一律短信回复签约';

interface SmscMessage {
  to: string;
  text: string;
  dataCoding: number;
}

/** The newest message the SMSC was given for a phone whose text matches. */
async function smscMessage(smsc: APIRequestContext, to: string, match: RegExp): Promise<SmscMessage> {
  let found: SmscMessage | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await smsc.get(`/messages?to=${to}`)).json()) as SmscMessage[];
        found = list.find((m) => match.test(m.text));
        return !!found;
      },
      { timeout: 30_000, message: `an SMS to ${to} matching ${match}` },
    )
    .toBe(true);
  return found!;
}

async function deliver(smsc: APIRequestContext, from: string, text: string) {
  const res = await smsc.post('/deliver', { data: { from, text } });
  expect(res.status(), await res.text()).toBe(200);
}

let admin: APIRequestContext;
let adminCsrf: string;
let smsc: APIRequestContext;

test.beforeAll(async () => {
  admin = await pwRequest.newContext({ baseURL: SMPP_BASE_URL });
  adminCsrf = await signInRequest(admin, 'admin');
  smsc = await pwRequest.newContext({ baseURL: SMSC_URL });
  // the instance binds to the SMSC as it starts
  await expect
    .poll(async () => ((await (await smsc.get('/health')).json()) as { bound: number }).bound, { timeout: 30_000 })
    .toBeGreaterThan(0);
});
test.afterAll(async () => {
  await admin?.dispose();
  await smsc?.dispose();
});

test('mode 1 over SMPP: an order is signed by the customer replying KT through the SMSC', async ({ page, browser }) => {
  // an existing order of the demo enterprise
  const customer = (await (await admin.get(`/api/customers?q=${encodeURIComponent('浦江智造')}`)).json()).items[0];
  expect(customer.name).toBe(CUSTOMER);
  const orders = (await (await admin.get(`/api/orders?customerId=${customer.id}&pageSize=20`)).json()).items as {
    number: string;
  }[];
  expect(orders.length).toBeGreaterThan(0);
  const orderNumber = orders[0]!.number;

  // table 1 is data: the administrator has every order signed by SMS reply for this test
  const before = await (await admin.get('/api/signing/rules')).json();
  const rules = [
    {
      priority: 0,
      name: RULE,
      kind: 'order',
      orderType: null,
      minAmountFen: null,
      maxAmountFen: null,
      anyProducts: [],
      noneProducts: [],
      mode: 'sms_reply',
      active: true,
    },
    ...before.rules.map(({ id: _id, ...r }: { id: number }) => r),
  ];
  const put = await admin.put('/api/signing/rules', {
    headers: { 'x-csrf-token': adminCsrf },
    data: { version: before.version, rules },
  });
  expect(put.status(), await put.text()).toBe(200);
  try {
    // staff send the order for signing from the signing screen
    await signIn(page, 'agent01');
    await page.goto('/signing');
    await page.getByTestId('signing-new').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('.ant-radio-button-wrapper', { hasText: '订单' }).click();
    await drawer.getByPlaceholder('DD…').fill(orderNumber);
    await drawer.getByTestId('signing-preview').click();
    await expect(drawer.getByText(RULE)).toBeVisible();
    await expect(drawer.getByText('模式1 短信回复签约')).toBeVisible();
    await drawer.getByTestId('signer-name').fill('赵经办');
    await drawer.getByTestId('signer-phone').fill(SIGNER_PHONE);
    await drawer.getByTestId('signing-send').click();
    await expect(page).toHaveURL(/\/signing\/\d+$/, { timeout: 60_000 });
    await expect(page.getByTestId('signing-status')).toHaveText('已发送');
    const id = Number(/\/signing\/(\d+)$/.exec(page.url())![1]);

    // the request SMS went out as submit_sm: Chinese text, so UCS-2
    const request = await smscMessage(smsc, SIGNER_PHONE, /回复 KT/);
    expect(request.dataCoding).toBe(8);
    expect(request.text).toContain(orderNumber);
    const link = /\/s\/[\w~.-]+/.exec(request.text)![0];

    // the signer on a phone: opens the link, asks for a code, reads it from the SMS that reached the SMSC
    const ctx = await browser.newContext({
      baseURL: SMPP_BASE_URL,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const signer = await ctx.newPage();
    await signer.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
    await signer.goto(link);
    await expect(signer.getByText(CUSTOMER).first()).toBeVisible();
    await signer.getByTestId('sign-get-code').click();
    const code = /验证码为 (\d{6})/.exec((await smscMessage(smsc, SIGNER_PHONE, /验证码为 \d{6}/)).text)![1]!;
    await signer.getByTestId('sign-code').locator('input').fill(code);
    await signer.getByTestId('sign-verify').click();
    await expect(signer.getByText('业务信息', { exact: true })).toBeVisible();
    await expect(signer.getByText(orderNumber).first()).toBeVisible();
    await expect(signer.getByText('确认办理请直接回复短信“KT”')).toBeVisible();
    await shot(signer, 'phone-sign-smpp-reply');

    // the customer replies KT: the SMSC hands it to the product as deliver_sm
    await deliver(smsc, SIGNER_PHONE, 'KT');
    await expect(async () => {
      await signer.getByTestId('sign-refresh').click();
      await expect(signer.getByText('签约成功')).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    const d = await (await admin.get(`/api/signing/requests/${id}`)).json();
    expect(d.status).toBe('signed');
    expect(d.mode).toBe('sms_reply');
    expect(d.subjectRef).toBe(orderNumber);
    expect(
      d.timeline.some(
        (e: { action: string; detail: { matched?: boolean } | null }) =>
          e.action === 'signing.sms_reply' && e.detail?.matched,
      ),
    ).toBe(true);
    // the confirmation goes back over SMPP as well
    await smscMessage(smsc, SIGNER_PHONE, /您已完成签约/);
    await ctx.close();

    // a reply from a phone with nothing to sign gets an SMS that says why
    await deliver(smsc, STRANGER_PHONE, 'KT');
    await smscMessage(smsc, STRANGER_PHONE, /未找到您名下待确认的业务/);
  } finally {
    const now = await (await admin.get('/api/signing/rules')).json();
    await admin.put('/api/signing/rules', {
      headers: { 'x-csrf-token': adminCsrf },
      data: { version: now.version, rules: before.rules.map(({ id: _id, ...r }: { id: number }) => r) },
    });
  }
});
