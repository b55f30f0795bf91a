import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DESKTOP, PHONE, signInRequest } from '../tests/helpers';

/**
 * A browser of its own for one person: a phone (375 px, touch) or a desk (1440 px), in Chinese whatever another test
 * left on a shared demo account; signed in as a demo user through the API, or not signed in when username is null.
 */
export async function openAs(
  browser: Browser,
  username: string | null,
  phone: boolean,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport: phone ? PHONE : DESKTOP,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await ctx.addInitScript(() => localStorage.setItem('paidan.lang', 'zh'));
  const page = await ctx.newPage();
  if (username) await signInRequest(page.request, username);
  return { ctx, page };
}
