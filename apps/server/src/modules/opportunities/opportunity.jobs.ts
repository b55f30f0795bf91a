import { sql } from 'kysely';
import type { AppContext } from '../../platform/app-context';
import { withTx } from '../../platform/db/database';
import { registerJobHandler, registerSchedule } from '../../platform/jobs/job-registry';
import { notificationService } from '../notifications/notification.service';
import { opportunityRepo } from './opportunity.repo';
import { publishOpportunities } from './opportunity-live';

export const CLAIM_EXPIRY_JOB = 'opportunity.claim_expiry';
const BATCH = 500;

/**
 * Claims nobody worked in time go back to the pool. Runs as a schedule (one instance per slot); the rows are taken
 * with SKIP LOCKED so a claim being worked right now is left alone and looked at on the next run.
 */
export async function expireClaims(ctx: AppContext, now = new Date()): Promise<number> {
  const notices = notificationService(ctx);
  return withTx(ctx.db, async (tx) => {
    const rows = await sql<{
      id: number;
      number: string;
      customer_name: string;
      product_group: string;
      region_path: string;
      previous: number;
    }>`
      WITH due AS (
        SELECT id, claimed_by FROM opportunities
         WHERE status = 'claimed' AND claim_expires_at <= ${now}
         ORDER BY claim_expires_at
         LIMIT ${BATCH}
         FOR UPDATE SKIP LOCKED
      )
      UPDATE opportunities o
         SET status = 'pool', claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL,
             updated_at = now(), version = o.version + 1
        FROM due
       WHERE o.id = due.id
      RETURNING o.id, o.number, o.customer_name, o.product_group, o.region_path, due.claimed_by AS previous`.execute(
      tx,
    );
    for (const r of rows.rows) {
      await opportunityRepo.addEvent(tx, {
        opportunityId: r.id,
        actorId: null,
        actorName: '系统',
        actorRole: 'system',
        action: 'claim_expired',
        note: '认领后超时未处理，已退回商机池',
        data: { previousClaimant: r.previous },
      });
      await notices.notify(tx, {
        userIds: [r.previous],
        kind: 'opportunity.claim_expired',
        title: `认领超时，商机已退回池中：${r.customer_name}`,
        body: r.number,
        link: '/opportunities/pool',
      });
    }
    // every returned item reappears in the pools of the agents entitled to it, in one statement
    await publishOpportunities(
      tx,
      ctx.events,
      rows.rows.map((r) => ({
        o: { id: r.id, status: 'pool', product_group: r.product_group, region_path: r.region_path },
        pool: true,
        also: [r.previous],
      })),
    );
    return rows.rows.length;
  });
}

let registered = false;
export function registerOpportunityJobs(): void {
  if (registered) return;
  registered = true;
  registerJobHandler(
    CLAIM_EXPIRY_JOB,
    async (_job, { ctx, log }) => {
      const n = await expireClaims(ctx);
      if (n) log.info({ returned: n }, 'opportunity claims returned to the pool');
    },
    { timeoutMs: 2 * 60_000 },
  );
  registerSchedule({ name: CLAIM_EXPIRY_JOB, intervalSeconds: 60, maxAttempts: 1 });
}
