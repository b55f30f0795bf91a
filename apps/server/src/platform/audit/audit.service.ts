import { sql } from 'kysely';
import type { Executor } from '../db/database';
import type { Actor } from '../auth/context';
import { auditHashPieces, canonicalJson } from './audit-hash';

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
 * Appends one event to the hash chain. Call it inside the transaction that makes the change, as late as possible: the
 * chain lock is held until that transaction ends. One round trip (audit_append, migration 0052): the database takes the
 * lock, reads the last link and writes the next, hashed as auditHash would.
 */
export async function recordAudit(ex: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  // Round-trip through canonical JSON so what is hashed is exactly what jsonb gives back.
  const before = entry.before === undefined ? null : JSON.parse(canonicalJson(redact(entry.before)));
  const after = entry.after === undefined ? null : JSON.parse(canonicalJson(redact(entry.after)));
  const row = {
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
  };
  const { pre, mid, post } = auditHashPieces(row);
  // occurred_at as ISO text in UTC, not a Date: what is stored is then exactly the millisecond instant that was
  // hashed, whatever the driver or the session time zone (verification re-reads it with microseconds).
  await sql`select audit_append(${AUDIT_CHAIN_LOCK}::bigint, ${pre}::text, ${mid}::text, ${post}::text,
    ${row.occurredAt.toISOString()}::timestamptz, ${row.actorId}::int, ${row.actorName}::text, ${row.action}::text,
    ${row.entityType}::text, ${row.entityId}::text, ${row.ip}::text, ${row.userAgent}::text, ${row.requestId}::text,
    ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb)`.execute(
    ex,
  );
}
