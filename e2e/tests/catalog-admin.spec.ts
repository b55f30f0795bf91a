import { expect, test, type Page } from '@playwright/test';
import { confirmPopconfirm, DESKTOP, expectNoHorizontalScroll, PHONE, settle, shot, signIn } from './helpers';

// 产品目录 at a desk: an administrator creates a product with a specification attribute and an offer, publishes
// both and later retires the offer, while an enterprise customer looks at the shop on a phone after each step.

test.use({ viewport: DESKTOP });

/** The toasts that say `text` (a failure must be told once, not once per handler). */
function toast(page: Page, text: string) {
  return page.locator('.ant-message-notice').filter({ hasText: text });
}

/** Narrows the catalogue list to one product by its code and returns its row. */
async function findProduct(page: Page, code: string) {
  const q = page.getByPlaceholder('产品名称或编码');
  await q.fill(code);
  await q.press('Enter');
  const row = page.getByTestId(`product-${code}`);
  await expect(row).toBeVisible();
  await expect(page.locator('.ant-table-tbody').first().locator('> tr.ant-table-row')).toHaveCount(1);
  return row;
}

/** Opens a product row's offers (once). */
async function expand(page: Page, code: string) {
  const button = page.getByTestId(`product-${code}`).locator('.ant-table-row-expand-icon');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/** The shop on a phone, searched for `q`. */
async function searchShop(shop: Page, q: string) {
  await shop.goto('/shop');
  await settle(shop);
  await shop.getByTestId('shop-search').locator('input').fill(q);
  await shop.getByTestId('shop-search').locator('input').press('Enter');
  await settle(shop);
}

test('a new product and offer: draft → published, sold at the right price on a phone → the offer retired', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const stamp = String(Date.now()).slice(-8);
  const productCode = `E2E_P${stamp}`;
  const offerCode = `E2E_O${stamp}`;
  const productName = `园区边缘云 ${stamp}`;
  const offerName = `边缘云 标准版 ${stamp}`;

  await signIn(page, 'admin');
  await page.goto('/orders/catalog');
  await settle(page);

  // 1. a lower-case code is refused in the form, and nothing is saved
  await page.getByTestId('cat-new-product').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('产品线').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '云与视频应用' })
    .click();
  await drawer.getByLabel('编码').fill(productCode.toLowerCase());
  await drawer.getByLabel('名称').fill(productName);
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  const codeError = drawer.locator('.ant-form-item').filter({ has: page.getByTestId('cat-product-code') });
  await expect(codeError.locator('.ant-form-item-explain-error')).toHaveText('编码用大写字母、数字、- 和 _');
  await shot(page, 'catalog-product-bad-code-1440', { overlay: true });
  await expect(drawer).toBeVisible();
  const saved = await page.request.get(`/api/catalog/products?q=${stamp}`);
  expect(((await saved.json()) as { total: number }).total).toBe(0);

  // 2. the product with a specification attribute (带宽: 100M, or 300M for ¥200 more a month)
  await drawer.getByLabel('编码').fill(productCode);
  await expect(codeError.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await drawer.getByLabel('卖点').fill('园区就近算力，低时延');
  await drawer.getByRole('button', { name: '添加属性' }).click();
  await drawer.getByLabel('属性编码').fill('bandwidth');
  await drawer.getByLabel('属性名称').fill('带宽');
  await drawer.getByPlaceholder('值', { exact: true }).nth(0).fill('100M');
  await drawer.getByPlaceholder('显示', { exact: true }).nth(0).fill('100M');
  await drawer.getByRole('button', { name: '添加可选值' }).click();
  await drawer.getByPlaceholder('值', { exact: true }).nth(1).fill('300M');
  await drawer.getByPlaceholder('显示', { exact: true }).nth(1).fill('300M');
  await drawer.getByPlaceholder('加价（月，元）').nth(1).fill('200');
  await shot(page, 'catalog-product-new-1440', { overlay: true });
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.locator('.ant-message')).toContainText('已保存');
  await expect(drawer).toBeHidden();
  const product = await findProduct(page, productCode);
  await expect(product).toContainText('草稿');
  await expect(product).toContainText('带宽');

  // 3. an offer: ¥399 a month and ¥1,200 once, a 12-month contract; the bandwidth is the customer's choice
  await expand(page, productCode);
  await page.getByRole('button', { name: '新建销售品' }).click();
  await expect(drawer).toContainText(`新建销售品 · ${productName}`);
  await drawer.getByLabel('编码').fill(offerCode);
  await drawer.getByLabel('名称').fill(offerName);
  await drawer.getByLabel('月租（元）').fill('399');
  await drawer.getByLabel('一次性费用（元）').fill('1200');
  await drawer.getByLabel('合约期（月）').fill('12');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer).toBeHidden();
  const offer = page.getByTestId(`offer-${offerCode}-v1`);
  await expect(offer).toContainText('草稿');
  await expect(offer).toContainText('¥399.00');
  await expect(offer).toContainText('¥1,200.00');
  await shot(page, 'catalog-drafts-1440');

  // 4. drafts are not in the shop
  const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL });
  const shop = await phone.newPage();
  await signIn(shop, 'cust_admin');
  await searchShop(shop, stamp);
  await expect(shop.getByText('没有符合条件的产品')).toBeVisible();
  await expect(shop.getByTestId(`shop-product-${productCode}`)).toHaveCount(0);

  // 5. publish: the offer waits for its product
  await offer.getByRole('button', { name: '发布' }).click();
  await confirmPopconfirm(page);
  await expect(toast(page, '请先发布产品，再发布其销售品')).toHaveCount(1);
  await expect(offer).toContainText('草稿');
  await product.getByRole('button', { name: '发布' }).click();
  await confirmPopconfirm(page);
  await expect(product).toContainText('已发布');
  await expand(page, productCode);
  await offer.getByRole('button', { name: '发布' }).click();
  await confirmPopconfirm(page);
  await expect(offer).toContainText('已发布');
  await expect(offer.getByRole('button', { name: '下架' })).toBeVisible();

  // 6. the customer finds it on the phone, at the offer's price, and the chosen bandwidth adds to it
  await searchShop(shop, stamp);
  const card = shop.getByTestId('shop-product').filter({ has: shop.getByTestId(`shop-product-${productCode}`) });
  await expect(card).toContainText('¥399.00 起/月');
  await expectNoHorizontalScroll(shop, 'shop at 375');
  await shot(shop, 'catalog-shop-375');
  await shop.getByTestId(`shop-product-${productCode}`).click();
  await settle(shop);
  const choice = shop.getByTestId(`offer-${offerCode}`);
  await expect(choice).toContainText(offerName);
  await expect(choice).toContainText('¥399.00/月');
  await expect(choice).toContainText('+ ¥1,200.00 一次性');
  await expect(choice).toContainText('合约 12 个月');
  await expect(shop.getByTestId('product-price')).toHaveText('¥399.00/月');
  await shop.getByTestId('spec-bandwidth').getByText('300M').click();
  await expect(shop.getByTestId('product-price')).toHaveText('¥599.00/月');
  await expectNoHorizontalScroll(shop, 'product at 375');
  await shot(shop, 'catalog-product-375');
  await shop.getByTestId('add-cart').click();
  await expect(shop.locator('.ant-message')).toContainText('已加入购物车');
  await shop.goto('/shop/cart');
  await settle(shop);
  await expect(shop.getByTestId('cart-total')).toContainText('¥599.00/月');
  await expect(shop.getByTestId('cart-total')).toContainText('¥1,200.00');

  // 7. the offer retired: the product leaves the shop, and the cart that holds it cannot be ordered
  await offer.getByRole('button', { name: '下架' }).click();
  await confirmPopconfirm(page);
  await expect(offer).toContainText('已下架');
  await expect(offer.getByRole('button', { name: '删除' })).toBeVisible();
  await shop.reload();
  await settle(shop);
  await expect(shop.getByTestId('quote-problem')).toContainText('所选销售品未发布或已下架，不能订购');
  await expect(shop.getByTestId('quote-problem')).toContainText(`「${offerName}」未发布或已下架`);
  await expect(shop.getByTestId('cart-submit')).toBeDisabled();
  await shot(shop, 'catalog-cart-retired-375');
  await searchShop(shop, stamp);
  await expect(shop.getByText('没有符合条件的产品')).toBeVisible();
  // a link kept from before opens the product, which says there is nothing to order
  const listed = await page.request.get(`/api/catalog/products?q=${productCode}`);
  const id = ((await listed.json()) as { items: { id: number }[] }).items[0]!.id;
  await shop.goto(`/shop/products/${id}`);
  await settle(shop);
  await expect(shop.getByTestId('no-offers')).toContainText('该产品暂无可订购的套餐');
  await expect(shop.getByTestId('add-cart')).toHaveCount(0);
  await shot(shop, 'catalog-product-no-offers-375');
  await phone.close();
});

test('an offer with orders cannot be deleted: the refusal says to retire it instead', async ({ page }) => {
  await signIn(page, 'admin');
  // a seeded offer that live orders were placed on
  const res = await page.request.get('/api/catalog/products?pageSize=100');
  const products = (
    (await res.json()) as { items: { code: string; offers: { code: string; version: number; liveOrders: number }[] }[] }
  ).items;
  const p = products.find((x) => x.offers.some((o) => o.liveOrders > 0))!;
  const o = p.offers.find((x) => x.liveOrders > 0)!;

  await page.goto('/orders/catalog');
  await settle(page);
  await findProduct(page, p.code);
  await expand(page, p.code);
  const row = page.getByTestId(`offer-${o.code}-v${o.version}`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '删除' }).click();
  await expect(page.locator('.ant-popconfirm')).toContainText('已有订单的销售品不能删除，只能下架');
  await confirmPopconfirm(page);
  // told once, in words that say what to do instead
  await expect(toast(page, '该销售品已有订单，不能删除，请改为下架')).toHaveCount(1);
  await expect(row).toBeVisible();
  const after = await page.request.get(`/api/catalog/products?q=${p.code}`);
  const still = ((await after.json()) as { items: { offers: { code: string }[] }[] }).items[0]!.offers;
  expect(still.map((x) => x.code)).toContain(o.code);
});
