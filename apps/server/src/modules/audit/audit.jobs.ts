import { registerJobHandler, registerSchedule } from '../../platform/jobs/job-registry';
import { appendAuditCheckpoint } from '../../platform/audit/audit-checkpoint';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';
// How much of the newest history a deleted tail can take with it unnoticed, at most.
export const AUDIT_CHECKPOINT_INTERVAL_S = 600;

let registered = false;

/** The periodic checkpoint of the audit chain's tail. Idempotent. */
export function registerAuditJobs(): void {
  if (registered) return;
  registered = true;
  registerJobHandler(
    AUDIT_CHECKPOINT_JOB,
    async (_job, { ctx, log }) => {
      const cp = await appendAuditCheckpoint(ctx.db);
      if (cp) log.debug({ checkpoint: cp.id, seq: cp.lastSeq }, 'audit checkpoint recorded');
    },
    { timeoutMs: 60_000 },
  );
  registerSchedule({ name: AUDIT_CHECKPOINT_JOB, intervalSeconds: AUDIT_CHECKPOINT_INTERVAL_S, maxAttempts: 1 });
}
