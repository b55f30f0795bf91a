import { z } from 'zod';
import { maskPhone, maskPhonesInText } from '@paidan/shared';
import type { AppContext } from '../app-context';
import { PermanentJobError, type JobHandler } from '../jobs/job-registry';
import { createHttpGatewayAdapter } from './http-gateway.adapter';
import { createOutboxAdapter } from './outbox.adapter';
import { createSmppAdapter } from './smpp.adapter';
import type { SmsAdapter } from './sms.port';

export const SMS_SEND_JOB = 'sms.send';

// What enqueueSms puts in the job.
const SmsJobPayloadSchema = z.object({
  key: z.string().min(1),
  phone: z.string().min(1),
  template: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  body: z.string(),
});

/** The adapter chosen by SMS_ADAPTER. */
export function smsAdapterFor(ctx: AppContext): SmsAdapter {
  if (ctx.config.smsAdapter === 'smpp') return createSmppAdapter(ctx);
  if (ctx.config.smsAdapter === 'http') {
    // Not permanent: fixing the configuration and restarting lets the queued messages go out.
    if (!ctx.config.smsHttp) throw new Error('SMS_ADAPTER=http but the SMS gateway is not configured');
    return createHttpGatewayAdapter(ctx.db, ctx.config.smsHttp);
  }
  return createOutboxAdapter(ctx.db);
}

/** Hands one queued SMS to the adapter. Logs carry the masked number and never the text. */
export const handleSmsSend: JobHandler = async (job, { ctx, signal, log }) => {
  const parsed = SmsJobPayloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError('sms.send payload is invalid');
  const msg = parsed.data;
  const adapter = smsAdapterFor(ctx);
  const res = await adapter.send(msg, { signal });
  log.info(
    {
      sms: {
        key: maskPhonesInText(msg.key),
        phone: maskPhone(msg.phone),
        template: msg.template,
        adapter: adapter.name,
        status: res.status,
        ...(res.providerId ? { providerId: res.providerId } : {}),
      },
      job: { id: job.id, attempt: job.attempt },
    },
    'sms handed over',
  );
};
