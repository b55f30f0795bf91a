import { expect, test } from '@playwright/test';
import { finishWorkOrder, stageStep, ZHANGJIANG_STEPS } from '../support/orders';
import { openAs } from '../support/screens';
import { expectNoHorizontalScroll, settle, signIn } from './helpers';

const CART_EMPTY = '购物车是空的';

// The order journey of SPEC M4 in real browsers: an authenticated enterprise orders from the shop on a phone,
// the district's teams work their work orders at a desk, and the customer's open order page follows every stage live.

test('an enterprise orders from the shop on a phone, staff progress it, the customer watches each stage', async ({
  browser,
}) => {
  test.setTimeout(900_000);
  const errors: string[] = [];

  // 1. The customer browses the shop on a phone and chooses 300M business broadband with 8 fixed IPs.
  const cust = await openAs(browser, 'cust_admin', true);
  cust.page.on('pageerror', (e) => errors.push(e.message));
  await cust.page.goto('/shop');
  await settle(cust.page);
  await expect(cust.page.locator('.m-tabbar')).toBeVisible();
  await expect(cust.page.getByTestId('shop-product')).not.toHaveCount(0);
  await expectNoHorizontalScroll(cust.page, 'shop');
  await cust.page.getByTestId('shop-product-BIZ_BB').click();
  await cust.page.getByTestId('offer-BIZ_BB_300').click();
  await cust.page.getByTestId('spec-fixedIp').getByText('8 个（/29）').click();
  await expect(cust.page.getByTestId('product-price')).toContainText('¥699.00');
  await expectNoHorizontalScroll(cust.page, 'product');
  await cust.page.getByTestId('buy-now').click();

  // 2. Cart: the server's price, contact and address, both agreements read in full and accepted.
  await expect(cust.page).toHaveURL(/\/shop\/cart$/);
  await expect(cust.page.getByTestId('cart-total')).toContainText('¥699.00');
  await cust.page.getByTestId('cart-phone').fill('13916000001');
  await cust.page.getByTestId('cart-address').fill('上海市浦东新区张江路 1388 号 5 号楼 3 层');
  await expect(cust.page.getByTestId('agreement-marketing')).toContainText('营销');
  await expect(cust.page.getByTestId('agreement-security')).toContainText('安全');
  await expect(cust.page.getByTestId('cart-submit')).toBeDisabled();
  await cust.page.getByTestId('agree-marketing').click();
  await cust.page.getByTestId('agree-security').click();
  await expectNoHorizontalScroll(cust.page, 'cart');
  await cust.page.getByTestId('cart-submit').click();

  // 3. The order page: 业务受理 reached, the rest ahead.
  await expect(cust.page).toHaveURL(/\/my\/orders\/\d+$/);
  const orderId = Number(cust.page.url().split('/').pop());
  const number = (await cust.page.getByTestId('order-number').textContent())!.trim();
  expect(number).toMatch(/^SO\d{14}$/);
  await expect(stageStep(cust.page, 'accepted')).toHaveAttribute('data-reached', 'yes');
  await expect(stageStep(cust.page, 'resourcing')).toHaveAttribute('data-reached', 'no');
  await expectNoHorizontalScroll(cust.page, 'order detail');

  // 4. Staff at a desk finish their work orders; the customer's page follows live, without reloading.
  for (const [user, task, next] of ZHANGJIANG_STEPS) {
    const staff = await openAs(browser, user, false);
    staff.page.on('pageerror', (e) => errors.push(e.message));
    await staff.page.goto(`/orders/${orderId}`);
    await settle(staff.page);
    await finishWorkOrder(staff.page, task, next);
    await staff.ctx.close();
    await expect(stageStep(cust.page, next)).toHaveAttribute('data-reached', 'yes', { timeout: 60_000 });
  }
  await expect(cust.page.getByTestId('order-state').first()).toHaveText('已完成');
  await expect(cust.page.getByTestId('order-event')).not.toHaveCount(0);

  // 5. The customer finds it again by number; another number gives the same "not found" as a foreign one.
  await cust.page.goto('/my/orders');
  await settle(cust.page);
  await cust.page.getByTestId('order-lookup').locator('input').fill('SO20990101999999');
  await cust.page.getByTestId('order-lookup').locator('input').press('Enter');
  await expect(cust.page.getByTestId('order-lookup-miss')).toBeVisible({ timeout: 20_000 });
  await cust.page.getByTestId('order-lookup').locator('input').fill(number);
  await cust.page.getByTestId('order-lookup').locator('input').press('Enter');
  await expect(cust.page).toHaveURL(new RegExp(`/my/orders/${orderId}$`));
  await cust.ctx.close();
  expect(errors).toEqual([]);
});

test('a forged promotion link is shown as invalid and the order is refused with a clear message', async ({
  browser,
}) => {
  const cust = await openAs(browser, 'cust_user', true);
  test.setTimeout(180_000);
  await cust.page.goto('/shop?ref=12.AAAAAAAAAAAAAAAAAAAAAA');
  await settle(cust.page);
  await expect(cust.page.getByTestId('promo-invalid')).toBeVisible({ timeout: 20_000 });
  await cust.page.getByTestId('shop-product-CLOUD_MEET').click();
  await cust.page.getByTestId('buy-now').click();
  await cust.page.getByTestId('cart-phone').fill('13916000002');
  await cust.page.getByTestId('cart-address').fill('上海市浦东新区张江路 1388 号 5 号楼 3 层');
  await cust.page.getByTestId('agree-marketing').click();
  await cust.page.getByTestId('agree-security').click();
  await cust.page.getByTestId('cart-submit').click();
  await expect(cust.page.getByTestId('order-problem')).toContainText('推广链接无效', { timeout: 20_000 });
  await expect(cust.page).toHaveURL(/\/shop\/cart$/);
  // the cart is the user's own: someone else signing in on this browser starts with an empty one; the first user's
  // is there again when they come back
  await signIn(cust.page, 'cust_admin');
  await cust.page.goto('/shop/cart');
  await expect(cust.page.getByText(CART_EMPTY)).toBeVisible();
  await signIn(cust.page, 'cust_user');
  await cust.page.goto('/shop/cart');
  await expect(cust.page.getByTestId('cart-phone')).toBeVisible();
  await expect(cust.page.getByText(CART_EMPTY)).toHaveCount(0);
  await cust.ctx.close();
});

test('a supervisor sees stuck orders by district on the tower', async ({ browser }) => {
  test.setTimeout(240_000);
  const sup = await openAs(browser, 'sup_sh', false);
  await sup.page.goto('/orders/tower');
  await settle(sup.page);
  await expect(sup.page.getByTestId('tower-kpi-resourcing')).toBeVisible();
  await expect(sup.page.getByTestId('tower-order')).not.toHaveCount(0);
  await sup.page.getByTestId('tower-order').first().click();
  await expect(sup.page).toHaveURL(/\/orders\/\d+$/);
  await expect(sup.page.getByTestId('order-detail')).toBeVisible();
  await sup.ctx.close();
});
