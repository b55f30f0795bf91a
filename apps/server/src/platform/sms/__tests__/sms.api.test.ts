import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../../test/harness';
import type { AppContext } from '../../app-context';
import { runDueJobs } from '../../jobs/job-runner';
import type { JobLogger } from '../../jobs/job-logger';
import { closedPortUrl, startReceiver, type LocalReceiver } from '../../jobs/__tests__/local-receiver';
import { enqueueSms } from '../enqueue-sms';
import { createOutboxAdapter } from '../outbox.adapter';

let s: TestServer;
let gw: LocalReceiver;
beforeAll(async () => {
  s = await startTestServer();
  gw = await startReceiver();
});
afterAll(async () => {
  await gw?.close();
  await s?.close();
});

const PHONE = '13800138000';

/** A logger that keeps every line as the JSON pino would write. */
function captureLog(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const put = (obj: object, msg?: string) => lines.push(JSON.stringify({ ...obj, msg }));
  return { lines, debug: put, info: put, warn: put, error: put };
}

async function smsRows(key: string) {
  return s.ctx.db.selectFrom('sms_messages').selectAll().where('message_key', '=', key).execute();
}
async function jobOf(key: string) {
  return s.ctx.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
}
async function rerun(key: string) {
  await s.ctx.db
    .updateTable('jobs')
    .set({ status: 'pending', run_at: sql<Date>`now()`, finished_at: null })
    .where('dedupe_key', '=', key)
    .execute();
}

describe('SMS through the outbox adapter (default)', () => {
  it('stores the message in sms_messages once, even when the job runs twice', async () => {
    const key = await enqueueSms(s.ctx.db, {
      phone: PHONE,
      template: 'login_code',
      params: { code: '482913', minutes: 5 },
    });
    const log = captureLog();
    expect((await runDueJobs(s.ctx, { types: ['sms.send'], log })).done).toBeGreaterThanOrEqual(1);
    await rerun(key);
    expect((await runDueJobs(s.ctx, { types: ['sms.send'], log })).done).toBe(1);

    const rows = await smsRows(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      phone: PHONE,
      template: 'login_code',
      status: 'stored',
      adapter: 'outbox',
      direction: 'out',
    });
    expect(rows[0]!.body).toContain('482913');
    expect(rows[0]!.sent_at).toBeInstanceOf(Date);

    // logs name the masked number, never the number itself or the code
    const all = log.lines.join('\n');
    expect(all).toContain('138****8000');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain('482913');
  });

  it('queues one job per key however often it is enqueued', async () => {
    const key = `test-once:${crypto.randomUUID()}`;
    for (let i = 0; i < 3; i++) await enqueueSms(s.ctx.db, { phone: PHONE, template: 'password_reset', key });
    const jobs = await s.ctx.db.selectFrom('jobs').select('id').where('dedupe_key', '=', key).execute();
    expect(jobs).toHaveLength(1);
  });

  it('the adapter itself is idempotent on the key', async () => {
    const a = createOutboxAdapter(s.ctx.db);
    const msg = {
      key: `direct:${crypto.randomUUID()}`,
      phone: PHONE,
      body: 'x',
      template: 'password_reset',
      params: {},
    };
    await a.send(msg);
    await a.send({ ...msg, body: 'changed' });
    const rows = await smsRows(msg.key);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toBe('x');
  });
});

describe('SMS through the HTTP gateway adapter', () => {
  const secret = 'gw-secret-0123456789';
  let httpCtx: AppContext;
  beforeEach(async () => {
    // messages left by earlier tests go to the outbox, so each test here sees only its own
    await runDueJobs(s.ctx, { types: ['sms.send'] });
    gw.received.length = 0;
    gw.answers = [];
    gw.responseBody = '{"messageId":"gw-778899"}';
    httpCtx = {
      ...s.ctx,
      config: {
        ...s.ctx.config,
        smsAdapter: 'http',
        smsHttp: { url: gw.url, secret, templates: { login_code: 'SMS_100200' } },
      },
    };
  });

  it('posts a signed request, retries on 500 with the same idempotency key, and sends once', async () => {
    gw.answers = [500];
    const key = await enqueueSms(s.ctx.db, {
      phone: PHONE,
      template: 'login_code',
      params: { code: '905511', minutes: 5 },
    });
    const log = captureLog();

    expect((await runDueJobs(httpCtx, { types: ['sms.send'], log })).retried).toBe(1);
    let rows = await smsRows(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', adapter: 'http', error: 'HTTP 500' });
    const job = await jobOf(key);
    expect(job.status).toBe('pending');
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now());

    await rerun(key);
    expect((await runDueJobs(httpCtx, { types: ['sms.send'], log })).done).toBe(1);
    rows = await smsRows(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', provider_id: 'gw-778899', error: null });

    expect(gw.received).toHaveLength(2);
    for (const r of gw.received) {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.headers['idempotency-key']).toBe(key);
      const ts = String(r.headers['x-paidan-timestamp']);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
      const expected = crypto.createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex');
      expect(r.headers['x-paidan-signature']).toBe(expected);
      expect(JSON.parse(r.body)).toEqual({
        phone: PHONE,
        templateId: 'SMS_100200',
        params: { code: '905511', minutes: 5 },
        content: expect.stringContaining('905511'),
        messageId: key,
      });
    }

    // the job running again (say, its instance died before marking it done) does not send again
    await rerun(key);
    expect((await runDueJobs(httpCtx, { types: ['sms.send'] })).done).toBe(1);
    expect(gw.received).toHaveLength(2);

    const all = log.lines.join('\n');
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain('905511');
  });

  it('uses the template name when no gateway template id is mapped', async () => {
    const key = await enqueueSms(s.ctx.db, { phone: PHONE, template: 'password_reset' });
    await runDueJobs(httpCtx, { types: ['sms.send'] });
    expect(gw.received).toHaveLength(1);
    expect(JSON.parse(gw.received[0]!.body).templateId).toBe('password_reset');
    expect((await smsRows(key))[0]!.status).toBe('sent');
  });

  it('retries when the gateway cannot be reached', async () => {
    const url = await closedPortUrl();
    const down: AppContext = { ...httpCtx, config: { ...httpCtx.config, smsHttp: { url, secret, templates: {} } } };
    const key = await enqueueSms(s.ctx.db, { phone: PHONE, template: 'password_reset' });
    expect((await runDueJobs(down, { types: ['sms.send'] })).retried).toBe(1);
    const rows = await smsRows(key);
    expect(rows[0]!.status).toBe('failed');
    expect(rows[0]!.error).toMatch(/^network: /);
    expect((await jobOf(key)).last_error).toMatch(/unreachable/);
    expect((await jobOf(key)).last_error).not.toContain(PHONE);
  });
});
