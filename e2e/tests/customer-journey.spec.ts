import { expect, request as apiRequest, test } from '@playwright/test';
import { creditCodeCheckChar, idCardCheckChar } from '@paidan/shared';
import { pick } from '../support/antd';
import { finishWorkOrder, stageStep, ZHANGJIANG_STEPS } from '../support/orders';
import { openAs } from '../support/screens';
import { smsBody, smsCode } from '../support/sms-outbox';
import { expectNoHorizontalScroll, settle, signInRequest } from './helpers';

// The done-when of issue 5 as one walk: a new person signs up on a phone → creates the enterprise → certifies it
// (法人短信: the legal representative's code, read from the SMS outbox) → orders from the shop → the district's teams
// progress the order at their desks → the customer, still on the phone, sees each stage appear with its time.

const TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

test('a new person signs up, certifies a new enterprise, orders from the shop and watches every stage at 375 px', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(900_000);
  const admin = await apiRequest.newContext({ baseURL });
  await signInRequest(admin, 'admin');
  const errors: string[] = [];
  const stamp = String(Date.now()).slice(-7);
  const phone = `1773${stamp}`;
  const repPhone = `1774${stamp}`;
  const company = `上海翼企购旅程${stamp}科技有限公司`;
  const first17 = `91310115${stamp}01`;
  const creditCode = first17 + creditCodeCheckChar(first17);
  const idFirst17 = `31011519800618${stamp.slice(-3)}`;
  const repId = idFirst17 + idCardCheckChar(idFirst17);

  const cust = await openAs(browser, null, true);
  const page = cust.page;
  page.on('pageerror', (e) => errors.push(e.message));

  // 1. Sign-up with a phone number nobody uses yet.
  await page.goto('/login');
  await page.getByTestId('to-signup').click();
  await expect(page).toHaveURL(/\/signup$/);
  await settle(page);
  await page.getByTestId('signup-phone').fill(phone);
  await page.getByTestId('signup-send-code').click();
  await expect(page.getByText('验证码已发送')).toBeVisible();
  await page.getByTestId('signup-code').fill(await smsCode(admin, phone, 'signup_code'));
  await page.getByTestId('signup-name').fill('许嘉禾');
  await page.getByTestId('signup-submit').click();

  // 2. The enterprise, new to the platform, in the 张江 district.
  await expect(page).toHaveURL(/\/onboarding$/);
  await settle(page);
  await page.getByTestId('ent-name').fill(company);
  await page.getByTestId('ent-code').fill(creditCode);
  await pick(page, 'ent-district', '张江');
  await pick(page, 'ent-industry', '信息技术');
  await expectNoHorizontalScroll(page, 'onboarding');
  await page.getByTestId('ent-submit').click();

  // 3. 企业认证 by 法人短信: the legal representative authorises with the code sent to their phone.
  await expect(page).toHaveURL(/\/certification$/);
  await settle(page);
  await page.getByTestId('method-legal_rep_sms').click();
  await page.getByTestId('rep-name').fill('许国平');
  await page.getByTestId('rep-id').fill(repId);
  await page.getByTestId('rep-phone').fill(repPhone);
  await page.getByTestId('rep-submit').click();
  await expect(page.getByTestId('cert-code')).toBeVisible();
  const sms = await smsBody(admin, repPhone, 'cert_legal_rep_code');
  expect(sms).toContain(company);
  expect(sms).toContain('许国平');
  await page.getByTestId('cert-code').fill(await smsCode(admin, repPhone, 'cert_legal_rep_code'));
  await page.getByTestId('cert-code-submit').click();
  await expect(page.getByTestId('cert-done')).toHaveText('企业已认证', { timeout: 60_000 });
  await expectNoHorizontalScroll(page, 'certification');

  // 4. The shop at 375 px: FTTR 千兆 with three satellite units, the server's price, both agreements.
  await page.goto('/shop');
  await settle(page);
  await expect(page.locator('.m-tabbar')).toBeVisible();
  await expectNoHorizontalScroll(page, 'shop');
  await page.getByTestId('shop-product-FTTR').click();
  await page.getByTestId('offer-FTTR_1000').click();
  await page.getByTestId('spec-rooms').getByText('3 个').click();
  await expect(page.getByTestId('product-price')).toContainText('¥419.00');
  await expectNoHorizontalScroll(page, 'product');
  await page.getByTestId('buy-now').click();
  await expect(page).toHaveURL(/\/shop\/cart$/);
  await expect(page.getByTestId('cart-total')).toContainText('¥419.00');
  await expect(page.getByTestId('cart-total')).toContainText('¥300.00');
  await expect(page.getByTestId('cart-contact')).toHaveValue('许嘉禾');
  await page.getByTestId('cart-phone').fill(phone);
  await page.getByTestId('cart-address').fill('上海市浦东新区张江高科技园区碧波路 690 号 2 号楼');
  await page.getByTestId('agree-marketing').click();
  await page.getByTestId('agree-security').click();
  await expectNoHorizontalScroll(page, 'cart');
  await page.getByTestId('cart-submit').click();

  // 5. The order page: 业务受理 reached with its time, nothing else yet.
  await expect(page).toHaveURL(/\/my\/orders\/\d+$/);
  const orderId = Number(page.url().split('/').pop());
  const number = (await page.getByTestId('order-number').textContent())!.trim();
  await expect(page.getByTestId('order-detail')).toContainText(company);
  await expect(stageStep(page, 'accepted')).toHaveAttribute('data-reached', 'yes');
  await expect(stageStep(page, 'accepted')).toContainText(TIME);
  for (const [, , next] of ZHANGJIANG_STEPS) {
    await expect(stageStep(page, next)).toHaveAttribute('data-reached', 'no');
    await expect(stageStep(page, next)).not.toContainText(TIME);
  }
  await expectNoHorizontalScroll(page, 'order');

  // 6. The district's teams at their desks: the account team finds the new enterprise's order in its own list (it has
  //    no account manager yet), then each team finishes its work order. The customer's page follows without reloading.
  for (const [i, [user, task, next]] of ZHANGJIANG_STEPS.entries()) {
    const staff = await openAs(browser, user, false);
    staff.page.on('pageerror', (e) => errors.push(e.message));
    if (i === 0) {
      await staff.page.goto('/orders');
      await settle(staff.page);
      await staff.page.getByText('本班组', { exact: true }).click();
      await staff.page.getByPlaceholder('订单号、企业或产品').fill(number);
      await staff.page.getByTestId('order-search').click();
      const row = staff.page.getByTestId('order-link').filter({ hasText: number });
      await expect(row).toBeVisible();
      await row.click();
      await expect(staff.page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    } else await staff.page.goto(`/orders/${orderId}`);
    await settle(staff.page);
    await finishWorkOrder(staff.page, task, next);
    await staff.ctx.close();
    await expect(stageStep(page, next)).toHaveAttribute('data-reached', 'yes', { timeout: 60_000 });
    await expect(stageStep(page, next)).toContainText(TIME);
  }
  await expect(page.getByTestId('order-state').first()).toHaveText('已完成');
  await expect(page.getByTestId('order-event')).not.toHaveCount(0);
  await expectNoHorizontalScroll(page, 'order, billing started');

  // 7. Looked up again by number: every stage with the time it was reached.
  await page.goto('/my/orders');
  await settle(page);
  await page.getByTestId('order-lookup').locator('input').fill(number);
  await page.getByTestId('order-lookup').locator('input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/my/orders/${orderId}$`));
  await settle(page);
  await expect(stageStep(page, 'accepted')).toContainText(TIME);
  for (const [, , next] of ZHANGJIANG_STEPS) await expect(stageStep(page, next)).toContainText(TIME);

  await cust.ctx.close();
  await admin.dispose();
  expect(errors).toEqual([]);
});
