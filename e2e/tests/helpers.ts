import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { creditCodeCheckChar, idCardCheckChar } from '@paidan/shared';

/** The second instance of the product (SMS over SMPP) and the control API of its test SMSC; see playwright.config.ts. */
export { SMPP_BASE_URL, SMSC_URL } from '../support/ports';
import { pick } from '../support/antd';
import { smsBody, smsCode } from '../support/sms-outbox';
export { pick, smsBody, smsCode };

export const PASSWORD = 'Paidan@2026';
export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS_DIR = path.resolve(here, '../screenshots');

/**
 * Pictures of the screens, for people to look at: `npm run screenshots` (E2E_SCREENSHOTS=1) writes them to
 * e2e/screenshots/. The test run itself only checks the screens (no sideways scrolling, no script errors).
 */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1';

/**
 * The widths the screen tours walk: the phone always (the layout most likely to break), the desktop as well when
 * taking pictures (every desktop screen is also opened by the journeys).
 */
export const TOUR_VIEWPORTS: { prefix: string; viewport: { width: number; height: number }; phone: boolean }[] = [
  ...(SCREENSHOTS ? [{ prefix: 'desktop', viewport: DESKTOP, phone: false }] : []),
  { prefix: 'phone', viewport: PHONE, phone: true },
];

/**
 * Signs in through the API; the session cookie lands in the page's browser context.
 * The browser starts in Chinese unless a test chose otherwise, whatever another test did to the shared demo account.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.addInitScript(() => {
    if (!localStorage.getItem('paidan.lang')) localStorage.setItem('paidan.lang', 'zh');
  });
  await signInRequest(page.request, username);
  await leaveApp(page);
}

/** After the session changed behind its back, the app in the page still shows the previous person: the next path is loaded afresh. */
export async function leaveApp(page: Page): Promise<void> {
  // a small page of the same server, not about:blank: the tests' start-up scripts use the origin's localStorage
  if (page.url().startsWith('http')) await page.goto(new URL('/healthz', page.url()).href);
}

/** Creates a user of its own for a test that changes account settings (as admin, through the API). */
export async function createUser(request: APIRequestContext, role: string, username: string): Promise<void> {
  const csrf = await signInRequest(request, 'admin');
  const orgs = (await (await request.get('/api/orgs')).json()) as { id: number; parentId: number | null }[];
  const root = orgs.find((o) => o.parentId === null)!;
  const res = await request.post('/api/users', {
    headers: { 'x-csrf-token': csrf },
    data: {
      username,
      displayName: '语言测试',
      role,
      orgId: root.id,
      phone: `1660${String(Date.now() % 10_000_000).padStart(7, '0')}`,
      password: PASSWORD,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf } });
}

export async function signInRequest(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status(), `sign-in as ${username}: ${await res.text()}`).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return body.csrfToken;
}

/** No page may scroll sideways: everything fits the viewport width. */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return [el.scrollWidth, el.clientWidth];
  });
  expect(scrollWidth, `${what}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/**
 * Waits until lazy chunks and first data have arrived: the network is quiet (a live event stream can keep it from
 * ever being idle, so that wait is bounded) and no spinner, skeleton or page placeholder is left on screen.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active, .page-fallback:visible')).toHaveCount(0);
}

/** With E2E_SCREENSHOTS=1: the whole page, or only the viewport when a drawer or dialog is open (overlays are fixed to the viewport). */
export async function shot(page: Page, name: string, opts: { overlay?: boolean } = {}): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  // let opening animations and validation messages finish
  await page.waitForTimeout(opts.overlay ? 600 : 150);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: !opts.overlay });
}

/** Collects uncaught script errors of the page; a screen tour expects none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Opens a path of the app the way its own links do: when the app is already running in the page, through the
 * browser history (the router follows it, nothing is loaded again); otherwise by loading the page. A cold load
 * costs the browser several times the CPU of an in-app navigation, and most users move through the app by its
 * links, so screen tours and journeys move this way. Data that another person changed since the page last showed
 * it may be the cached copy for a few seconds (as for a user): use page.goto where a test needs it fresh.
 */
export async function openPath(page: Page, path: string): Promise<void> {
  const current = page.url();
  const inApp =
    current.startsWith('http') &&
    new URL(path, current).origin === new URL(current).origin &&
    (await page.evaluate(() => !!document.querySelector('#root > *')).catch(() => false));
  if (!inApp) {
    await page.goto(path);
    return;
  }
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

/** A stop of a screen tour: opens the path (if given), waits for it, checks it fits the width, takes its picture. */
export async function capture(page: Page, name: string, path?: string): Promise<void> {
  if (path) await openPath(page, path);
  await settle(page);
  await expectNoHorizontalScroll(page, name);
  await shot(page, name);
}

/** The picture of an open drawer or dialog. */
export async function captureOverlay(page: Page, name: string): Promise<void> {
  await settle(page);
  await shot(page, name, { overlay: true });
}

/** Closes the open antd dialog or drawer with Escape, again if a busy page missed the key, until none is showing. */
export async function closeOverlay(page: Page): Promise<void> {
  const open = page.locator('.ant-modal-wrap:visible, .ant-drawer-open');
  await expect(async () => {
    if ((await open.count()) > 0) await page.keyboard.press('Escape');
    await expect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** A unified social credit code (GB 32100) from its first 17 characters, with the right check character. */
export function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not the start of a credit code: ${first17}`);
  return first17 + check;
}

/** A citizen ID number (GB 11643) from its first 17 digits, with the right check character. */
export function idNumber(first17: string): string {
  const check = idCardCheckChar(first17);
  if (!check) throw new Error(`not the start of an ID number: ${first17}`);
  return first17 + check;
}

/** The six-digit code in an SMS. */
export function codeIn(body: string): string {
  const m = /(\d{6})/.exec(body);
  if (!m) throw new Error(`no code in: ${body}`);
  return m[1]!;
}

/** Signs in by SMS code (the code read from the outbox as admin); the session lands in the page's browser context. */
export async function smsSignIn(page: Page, admin: APIRequestContext, phone: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
  expect((await page.request.post('/api/auth/sms-code', { data: { phone } })).status()).toBe(200);
  const code = await smsCode(admin, phone, 'login_code');
  const res = await page.request.post('/api/auth/sms-login', { data: { phone, code } });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * A new person signs up on the portal: phone, the code from the sign-up SMS (read from the outbox as admin), name.
 * Ends on 企业信息 (/onboarding). `beforeSubmit` runs with the form filled in.
 */
export async function signUp(
  page: Page,
  admin: APIRequestContext,
  p: { phone: string; name: string; beforeSubmit?: () => Promise<void> },
): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
  await page.goto('/login');
  await page.getByTestId('to-signup').click();
  await expect(page).toHaveURL(/\/signup$/);
  await settle(page);
  await page.getByTestId('signup-phone').fill(p.phone);
  await page.getByTestId('signup-send-code').click();
  await expect(page.getByText('验证码已发送')).toBeVisible();
  await page.getByTestId('signup-code').fill(await smsCode(admin, p.phone, 'signup_code'));
  await page.getByTestId('signup-name').fill(p.name);
  await p.beforeSubmit?.();
  await page.getByTestId('signup-submit').click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await settle(page);
}

/** On 企业信息: creates the enterprise (name, credit code, district, industry) and waits for 企业认证 (/certification). */
export async function createEnterprise(
  page: Page,
  e: { name: string; creditCode: string; district: string; industry: string; beforeSubmit?: () => Promise<void> },
): Promise<void> {
  await page.getByTestId('ent-name').fill(e.name);
  await page.getByTestId('ent-code').fill(e.creditCode);
  await pick(page, 'ent-district', e.district);
  await pick(page, 'ent-industry', e.industry);
  await e.beforeSubmit?.();
  await page.getByTestId('ent-submit').click();
  await expect(page).toHaveURL(/\/certification$/);
  await settle(page);
}

/** Confirms the open Popconfirm (确定). */
export async function confirmPopconfirm(page: Page): Promise<void> {
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
}

/** The error shown under a form item, found by the item's label. */
export function fieldError(scope: Page | Locator, label: string): Locator {
  return scope
    .locator('.ant-form-item')
    .filter({ has: scope.locator(`label:text-is("${label}")`) })
    .locator('.ant-form-item-explain-error');
}
