import type { Executor } from '../db/database';
import { randomToken } from '../util/crypto';
import { enqueueJob, enqueueJobs } from '../jobs/enqueue';
import { renderSms } from './sms-templates';

export interface SmsRequest {
  phone: string;
  template: string;
  params?: Record<string, unknown>;
  /** Idempotency key: the same key is sent once, however often it is enqueued. */
  key?: string;
}

/** Queues an SMS in the caller's transaction; the jobs runner hands it to the configured adapter. */
export async function enqueueSms(ex: Executor, req: SmsRequest): Promise<string> {
  const key = req.key ?? `sms:${randomToken(12)}`;
  const params = req.params ?? {};
  const body = renderSms(req.template, params);
  await enqueueJob(ex, 'sms.send', { key, phone: req.phone, template: req.template, params, body }, { dedupeKey: key });
  return key;
}

/** Queues many messages in one statement; each still needs its own idempotency key. */
export async function enqueueSmsMany(ex: Executor, reqs: (SmsRequest & { key: string })[]): Promise<number> {
  return enqueueJobs(
    ex,
    reqs.map((r) => {
      const params = r.params ?? {};
      return {
        type: 'sms.send',
        dedupeKey: r.key,
        payload: { key: r.key, phone: r.phone, template: r.template, params, body: renderSms(r.template, params) },
      };
    }),
  );
}
