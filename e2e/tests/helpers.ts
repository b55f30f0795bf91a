import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The second instance of the product (SMS over SMPP) and the control API of its test SMSC; see playwright.config.ts. */
export { SMPP_BASE_URL, SMSC_URL } from '../support/ports';

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

/** A stop of a screen tour: opens the path (if given), waits for it, checks it fits the width, takes its picture. */
export async function capture(page: Page, name: string, path?: string): Promise<void> {
  if (path) await page.goto(path);
  await settle(page);
  await expectNoHorizontalScroll(page, name);
  await shot(page, name);
}

/** The picture of an open drawer or dialog. */
export async function captureOverlay(page: Page, name: string): Promise<void> {
  await settle(page);
  await shot(page, name, { overlay: true });
}
