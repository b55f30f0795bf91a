import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { expectNoHorizontalScroll, PHONE, settle, shot, signIn, signInRequest } from './helpers';

// Several browsers at once on a shared machine: first loads of a page can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

// The opportunity journeys (SPEC M3): a customer leaves details on the public page, an agent grabs it from the live
// pool, calls, marks it valid (pre-acceptance number, order link) and reports the order; a complex need is dispatched
// to the district account manager, who walks it through the stages on the board. A supervisor sets the pool's rules
// and which product groups and districts each agent grabs from.

async function pageAs(browser: Browser, username: string | null, viewport = { width: 1440, height: 900 }) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  if (username) await signIn(page, username);
  else await page.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
  return page;
}

async function otherAgent(page: Page): Promise<string> {
  const csrf = await signInRequest(page.request, 'admin');
  const res = await page.request.get('/api/users', { params: { role: 'hotline_agent', pageSize: 50 } });
  const users = ((await res.json()) as { items: { username: string }[] }).items;
  await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf } });
  return users.find((u) => u.username !== 'agent01' && !u.username.startsWith('integration'))!.username;
}

async function latestCode(page: Page, phone: string): Promise<string> {
  const admin = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin });
  await signInRequest(admin.request, 'admin');
  let code = '';
  await expect
    .poll(
      async () => {
        const res = await admin.request.get('/api/sms-outbox', { params: { phone, page: 1, pageSize: 5 } });
        const body = (await res.json()) as { items: { body: string }[] };
        code = body.items.find((m) => /\d{6}/.test(m.body))?.body.match(/\d{6}/)?.[0] ?? '';
        return code;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^\d{6}$/);
  await admin.close();
  return code;
}

test.describe('opportunities', () => {
  test('a lead from the public page is grabbed live, called, made valid and closed with the order number', async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const stamp = String(Date.now()).slice(-6);
    const company = `上海留资演示${stamp}科技有限公司`;
    const phone = `1391${stamp}9`.slice(0, 11);

    const agent = await pageAs(browser, 'agent01');
    await agent.goto('/opportunities/pool');
    await expect(agent.getByTestId('opp-pool-table')).toBeVisible({ timeout: 30_000 });
    const rival = await pageAs(browser, null);
    await signIn(rival, await otherAgent(rival));
    await rival.goto('/opportunities/pool');

    // The customer, on a phone, with no account.
    const customer = await pageAs(browser, null, PHONE);
    await customer.goto('/lead?product=CLOUD_PC');
    await expect(customer.getByTestId('lead-product')).toHaveText('云电脑');
    await customer.getByTestId('lead-company').locator('input').fill(company);
    await customer.getByTestId('lead-name').locator('input').fill('林女士');
    await customer.getByTestId('lead-phone').locator('input').fill(phone);
    await customer.getByTestId('lead-get-code').click();
    await expect(customer.getByTestId('lead-get-code')).toContainText('秒后重发');
    // A wrong code is told on the page (a toast), and the form stays as filled.
    await customer.getByTestId('lead-code').locator('input').fill('000000');
    await customer.getByTestId('lead-submit').click();
    await expect(customer.locator('.adm-toast-main')).toContainText('验证码');
    await expect(customer.getByTestId('lead-company').locator('input')).toHaveValue(company);
    await customer
      .getByTestId('lead-code')
      .locator('input')
      .fill(await latestCode(customer, phone));
    await customer.getByTestId('lead-submit').click();
    await expect(customer.getByText('提交成功')).toBeVisible();

    // It appears in both agents' pools without a reload; the phone is masked there.
    const row = agent.getByRole('row', { name: new RegExp(company) });
    await expect(row).toBeVisible({ timeout: 60_000 });
    await expect(row).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const rivalRow = rival.getByRole('row', { name: new RegExp(company) });
    await expect(rivalRow).toBeVisible({ timeout: 60_000 });

    await row.getByRole('button', { name: /抢\s*单/ }).click();
    await expect(agent).toHaveURL(/\/opportunities\/\d+$/);
    await expect(agent.getByTestId('opp-number')).toBeVisible();
    const url = agent.url();
    await expect(agent.getByTestId('opp-status')).toHaveText('已认领');
    await expect(agent.getByTestId('opp-phone')).toContainText(phone);
    // …and vanishes from the other agent's pool; the other agent cannot open it.
    await expect(rivalRow).toHaveCount(0, { timeout: 20_000 });
    await rival.goto(url);
    await expect(rival.getByText('商机不存在或无权查看')).toBeVisible();

    await agent.getByTestId('opp-act-call').click();
    await agent.getByRole('dialog').getByLabel('备注').fill('客户需要 20 台云电脑，下周上门');
    await agent.getByTestId('opp-modal-ok').click();
    await expect(agent.getByTestId('opp-ev-called')).toBeVisible();

    await agent.getByTestId('opp-act-mark_valid').click();
    await agent
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect(agent.getByTestId('opp-status')).toHaveText('有效待下单');
    const preNo = (await agent.getByTestId('opp-preno').textContent())!.trim();
    expect(preNo).toMatch(/^YS\d{14}$/);
    await expect(agent.getByTestId('opp-order-link')).toHaveAttribute('href', new RegExp(`preAcceptanceNo=${preNo}`));
    // 去下单 opens the order form with the opportunity's contact, product and pre-acceptance number filled in
    await agent.getByTestId('opp-order-link').click();
    await expect(agent).toHaveURL(/\/orders\/new\?/);
    await expect(agent.getByTestId('new-contact')).toHaveValue('林女士');
    await expect(agent.getByTestId('new-phone')).toHaveValue(phone);
    await expect(agent.getByText('云电脑 · 云电脑 办公版')).toBeVisible();
    await expect(agent.getByLabel('预受理单号')).toHaveValue(preNo);
    await agent.goBack();
    await expect(agent.getByTestId('opp-preno')).toHaveText(preNo);

    await agent.getByTestId('opp-act-feedback').click();
    await agent.getByTestId('opp-order-number').fill(`DD${stamp}0001`);
    await agent.getByTestId('opp-modal-ok').click();
    await expect(agent.getByTestId('opp-status')).toHaveText('已转化');
    await expect(agent.getByTestId('opp-order')).toContainText(`DD${stamp}0001`);
    await expect(agent.getByTestId('opp-ev-feedback')).toBeVisible();
    await expect(agent.getByTestId('opp-ev-marked_valid')).toContainText(preNo);
  });

  test('a complex need is dispatched to the account manager, who walks the stages on the board', async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const agent = await pageAs(browser, 'agent01');
    await agent.goto('/opportunities');
    await agent.getByTestId('opp-create').click();
    const drawer = agent.locator('.ant-drawer');
    await drawer.getByTestId('opp-f-customer').fill('上海浦江智造科技有限公司');
    await drawer.getByTestId('opp-f-contact').fill('王浦江');
    await drawer.getByTestId('opp-f-phone').fill('13916000001');
    await drawer.getByTestId('opp-f-product').click();
    await agent.keyboard.type('视频彩铃');
    await agent.keyboard.press('Enter');
    await drawer.getByLabel('需求描述').fill('全员视频彩铃与 3 个门店宣传片，需客户经理上门出方案');
    await drawer.getByText('由我直接跟进').click();
    await drawer.getByTestId('opp-create-submit').click();
    await expect(agent).toHaveURL(/\/opportunities\/\d+$/);
    await expect(agent.getByTestId('opp-number')).toBeVisible();
    const url = new URL(agent.url()).pathname;
    await expect(agent.getByTestId('opp-status')).toHaveText('已认领');

    await agent.getByTestId('opp-act-dispatch').click();
    await agent.getByTestId('opp-modal-ok').click();
    await expect(agent.getByTestId('opp-status')).toHaveText('客户经理跟进');
    const number = (await agent.getByTestId('opp-number').textContent())!.trim();

    const am = await pageAs(browser, 'am_pd01');
    await am.goto('/opportunities/board');
    const card = am.getByTestId(`board-card-${number}`);
    await expect(am.getByTestId('board-col-discovery').getByTestId(`board-card-${number}`)).toBeVisible({
      timeout: 30_000,
    });
    await card.click();
    await expect(am).toHaveURL(new RegExp(`${url}$`));
    await expect(am.getByTestId('opp-number')).toHaveText(number);

    for (const stage of ['需求确认', '方案制定', '合同签订', '订单受理']) {
      await am.getByTestId('opp-act-advance').click();
      await expect(
        am.getByTestId('opp-stages').locator('.ant-steps-item-process, .ant-steps-item-active'),
      ).toContainText(stage);
    }
    await expect(am.getByTestId('opp-preno')).toHaveText(/^YS\d{14}$/);
    await am.getByTestId('opp-act-rollback').click();
    await am
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect(am.getByTestId('opp-ev-stage_rolled_back')).toBeVisible();
    const advanced = await am.getByTestId('opp-ev-stage_advanced').count();
    await am.getByTestId('opp-act-advance').click();
    await expect(am.getByTestId('opp-ev-stage_advanced')).toHaveCount(advanced + 1);

    await am.getByTestId('opp-act-feedback').click();
    await am.getByTestId('opp-order-number').fill('DD202612990001');
    await am.getByTestId('opp-modal-ok').click();
    await expect(am.getByTestId('opp-status')).toHaveText('已转化');
    await am.goto('/opportunities/board');
    await expect(am.getByTestId(`board-card-${number}`)).toHaveCount(0);
  });

  test("a supervisor changes the claim timeout and an agent's scope; both persist, and the screen fits a phone", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const page = await pageAs(browser, 'sup_sh');
    const csrf = await signInRequest(page.request, 'sup_sh');
    const before = (await (await page.request.get('/api/opportunities/settings')).json()) as {
      claimTimeoutMinutes: number;
      duplicateWindowDays: number;
      approvalThresholds: number[];
      version: number;
    };
    // an agent no other journey signs in as, so its scope can change under no one's feet
    type Entry = {
      userId: number;
      username: string;
      displayName: string;
      groups: string[];
      regions: { id: number; name: string }[];
    };
    const agents = (
      await (await page.request.get('/api/opportunities/agent-scopes', { params: { pageSize: 100 } })).json()
    ).items as Entry[];
    const target = agents.filter((a) => a.username !== 'agent01' && !a.username.startsWith('integration')).at(-1)!;
    const timeout = before.claimTimeoutMinutes === 45 ? 50 : 45;
    // a group and a district it does not have yet (choosing a chosen one again would take it away)
    const group = target.groups.includes('cloud') ? '宽带' : '云与视频';
    const district = target.regions.some((r) => r.name === '张江区局') ? '徐汇区局' : '张江区局';

    try {
      await page.goto('/opportunities/settings');
      await expect(page.getByRole('heading', { name: '商机池设置' })).toBeVisible();
      const timeoutInput = page.getByTestId('opp-claim-timeout');
      await expect(timeoutInput).toHaveValue(String(before.claimTimeoutMinutes));
      await timeoutInput.fill(String(timeout));
      await page.getByTestId('opp-settings-save').click();
      const confirm = page.getByTestId('opp-settings-confirm');
      await expect(confirm).toContainText(`认领超时：${before.claimTimeoutMinutes} 分钟 → ${timeout} 分钟`);
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await expect(page.getByText('商机池规则已保存')).toBeVisible();
      await expect(page.getByTestId('opp-settings-version')).toHaveText(`版本 ${before.version + 1}`);

      // the agent's scope: one more product group and one more district
      await page.getByPlaceholder('坐席姓名或用户名').fill(target.username);
      await page.getByPlaceholder('坐席姓名或用户名').press('Enter');
      const row = page.getByTestId('scope-table').getByRole('row', { name: new RegExp(target.username) });
      await expect(row).toBeVisible();
      await expect(page.getByTestId('scope-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
      await page.getByTestId(`scope-edit-${target.username}`).click();
      const drawer = page.locator('.ant-drawer');
      await expect(drawer).toContainText(`设置认领范围 · ${target.displayName}`);
      const groups = drawer.getByTestId('scope-groups');
      await groups.click();
      await page.keyboard.type(group);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await drawer.getByTestId('scope-regions').click();
      await page.keyboard.type(district);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await expect(drawer.getByTestId('scope-preview')).toContainText(group);
      await expect(drawer.getByTestId('scope-preview')).toContainText(district);
      await drawer.getByTestId('scope-save').click();
      await expect(page.getByText(`${target.displayName} 的认领范围已保存，立即生效`)).toBeVisible();
      await expect(row).toContainText(group);
      await expect(row).toContainText(district);

      // both are stored: a fresh load shows them
      await page.reload();
      await expect(page.getByTestId('opp-claim-timeout')).toHaveValue(String(timeout));
      await page.getByPlaceholder('坐席姓名或用户名').fill(target.username);
      await page.getByPlaceholder('坐席姓名或用户名').press('Enter');
      const reloaded = page.getByTestId('scope-table').getByRole('row', { name: new RegExp(target.username) });
      await expect(reloaded).toContainText(group);
      await expect(reloaded).toContainText(district);
      await settle(page);
      await shot(page, 'desktop-opportunity-settings');

      // a phone: nothing scrolls sideways (the table scrolls inside its card); the editor fills the screen
      const phone = await pageAs(browser, 'sup_sh', PHONE);
      await phone.goto('/opportunities/settings');
      await expect(phone.getByTestId('opp-claim-timeout')).toHaveValue(String(timeout));
      await expect(phone.getByTestId('scope-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
      await settle(phone);
      await expectNoHorizontalScroll(phone, '/opportunities/settings');
      await shot(phone, 'phone-opportunity-settings');
      await phone.getByTestId(`scope-edit-${target.username}`).scrollIntoViewIfNeeded();
      await phone.getByTestId(`scope-edit-${target.username}`).click();
      await expect(phone.locator('.ant-drawer').getByTestId('scope-preview')).toContainText(district);
      await expectNoHorizontalScroll(phone, 'agent scope editor');
      await shot(phone, 'phone-opportunity-scope-editor', { overlay: true });
      await phone.context().close();
    } finally {
      // leave the shared demo data as it was for the other journeys
      const now = (await (await page.request.get('/api/opportunities/settings')).json()) as { version: number };
      const { version: _v, ...values } = before;
      await page.request.put('/api/opportunities/settings', {
        headers: { 'x-csrf-token': csrf },
        data: { ...values, version: now.version },
      });
      await page.request.put(`/api/opportunities/agent-scopes/${target.userId}`, {
        headers: { 'x-csrf-token': csrf },
        data: { groups: target.groups, regionIds: target.regions.map((r) => r.id) },
      });
    }
  });
});
