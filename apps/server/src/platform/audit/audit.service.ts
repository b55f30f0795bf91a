import { sql } from 'kysely';
import type { Executor } from '../db/database';
import type { Actor } from '../auth/context';
import { auditHash, GENESIS_HASH, canonicalJson } from './audit-hash';

// Serialises appends so the chain has one order; held only until the surrounding transaction commits.
const AUDIT_CHAIN_LOCK = 727002;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never enter the audit trail.
const SECRET_KEYS = /^(password|password_hash|passwordHash|code|code_hash|token|secret|csrf_token)$/i;
function redact(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(redact);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(x);
    }
    return out;
  }
  return v;
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change,
 * as late as possible: the chain lock is held until that transaction ends.
 */
export async function recordAudit(ex: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(ex);
  const last = await ex
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Round-trip through canonical JSON so what is hashed is exactly what jsonb gives back.
  const before = entry.before === undefined ? null : JSON.parse(canonicalJson(redact(entry.before)));
  const after = entry.after === undefined ? null : JSON.parse(canonicalJson(redact(entry.after)));
  const row = {
    seq,
    occurredAt: new Date(),
    actorId: actor.auth?.user.id ?? null,
    actorName: actor.auth?.user.displayName ?? (actor.userAgent === 'system' ? 'system' : null),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    before,
    after,
    prevHash,
  };
  const hash = auditHash(row);
  await ex
    .insertInto('audit_events')
    .values({
      seq,
      // ISO text in UTC, not a Date: what is stored is then exactly the millisecond instant that was hashed,
      // whatever the driver or the session time zone (verification re-reads it with microseconds).
      occurred_at: row.occurredAt.toISOString(),
      actor_id: row.actorId,
      actor_name: row.actorName,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      ip: row.ip,
      user_agent: row.userAgent,
      request_id: row.requestId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
