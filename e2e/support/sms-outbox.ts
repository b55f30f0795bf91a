import { expect, type APIRequestContext } from '@playwright/test';

// The product's default SMS adapter keeps every message in the 短信发件箱; an administrator reads it there, which is
// how a browser test receives a code sent to a phone.

/**
 * The newest SMS of a template to a number, read as admin from the outbox (delivery is a job, so it may take a moment
 * to appear; waits up to 30 s). `admin` is signed in as admin.
 */
export async function smsBody(admin: APIRequestContext, phone: string, template: string): Promise<string> {
  let body: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await admin.get(`/api/sms-outbox?phone=${phone}&q=${template}`);
        const items = ((await res.json()) as { items: { template: string; body: string }[] }).items;
        body = items.find((x) => x.template === template)?.body;
        return body !== undefined;
      },
      { message: `no ${template} SMS to ${phone}`, timeout: 30_000 },
    )
    .toBe(true);
  return body!;
}

/** The six-digit code of the newest SMS of a template to a number (验证码为 123456 / 验证码 123456). */
export async function smsCode(admin: APIRequestContext, phone: string, template: string): Promise<string> {
  const body = await smsBody(admin, phone, template);
  const code = /验证码为?\s*(\d{6})/.exec(body)?.[1];
  if (!code) throw new Error(`no code in the ${template} SMS to ${phone}: ${body}`);
  return code;
}
