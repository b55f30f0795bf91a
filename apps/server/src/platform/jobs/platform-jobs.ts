import { SMS_SEND_JOB, handleSmsSend } from '../sms/sms-send.job';
import { WEBHOOK_DELIVER_JOB } from '../webhooks/webhook.service';
import { handleWebhookDeliver, WEBHOOK_TIMEOUT_MS } from '../webhooks/webhook-deliver.job';
import { registerJobHandler, registerSchedule } from './job-registry';
import { cleanupJobs } from './job-store';

export const JOBS_CLEANUP = 'jobs.cleanup';
// Finished jobs are kept this long for inspection; failed ones longer, someone may still look into them.
export const DONE_JOBS_RETENTION_DAYS = 7;
export const FAILED_JOBS_RETENTION_DAYS = 30;

let registered = false;

/** Registers the platform's job handlers and schedules. Idempotent; modules register their own likewise. */
export function registerPlatformJobs(): void {
  if (registered) return;
  registered = true;
  registerJobHandler(SMS_SEND_JOB, handleSmsSend, {
    timeoutMs: 30_000,
    backoff: { baseMs: 5_000, capMs: 10 * 60_000 },
  });
  registerJobHandler(WEBHOOK_DELIVER_JOB, handleWebhookDeliver, {
    timeoutMs: WEBHOOK_TIMEOUT_MS + 10_000,
    backoff: { baseMs: 10_000, capMs: 60 * 60_000 },
  });
  registerJobHandler(
    JOBS_CLEANUP,
    async (_job, { ctx, log }) => {
      const n = await cleanupJobs(ctx.db, {
        doneDays: DONE_JOBS_RETENTION_DAYS,
        failedDays: FAILED_JOBS_RETENTION_DAYS,
      });
      if (n > 0) log.info({ deleted: n }, 'old jobs cleaned up');
    },
    { timeoutMs: 10 * 60_000 },
  );
  registerSchedule({ name: JOBS_CLEANUP, intervalSeconds: 3600, maxAttempts: 1 });
}
