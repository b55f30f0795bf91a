import type { AuditEvent, AuditListQuery, AuditVerifyResult, Page } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { AppError } from '../../platform/http/app-error';
import { verifyAuditChain } from '../../platform/audit/audit-verify';
import { auditRepo, type AuditRow } from './audit.repo';

const toEvent = (r: AuditRow): AuditEvent => ({
  seq: Number(r.seq),
  occurredAt: r.occurred_at.toISOString(),
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  ip: r.ip,
  userAgent: r.user_agent,
  requestId: r.request_id,
  before: r.before ?? null,
  after: r.after ?? null,
  hash: r.hash,
  prevHash: r.prev_hash,
});

export function auditService(ctx: AppContext) {
  const { db } = ctx;
  return {
    async list(actor: Actor, q: AuditListQuery): Promise<Page<AuditEvent>> {
      const { items, total } = await auditRepo.list(db, actor.auth!.scope, q);
      return { items: items.map(toEvent), total, page: q.page, pageSize: q.pageSize };
    },

    /** Re-hashes the whole trail: an administrator's check, it reads every event. */
    async verify(actor: Actor): Promise<AuditVerifyResult> {
      if (actor.auth?.user.role !== 'admin') throw new AppError('FORBIDDEN', { reason: 'administrators only' });
      return verifyAuditChain(db, { batchSize: 2000 });
    },
  };
}
