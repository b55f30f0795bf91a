import { sha256 } from '../util/crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHashInput {
  seq: number;
  occurredAt: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so jsonb's reordering does not change the hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function auditHash(e: AuditHashInput): string {
  return sha256(
    canonicalJson({
      seq: e.seq,
      occurredAt: e.occurredAt.toISOString(),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      ip: e.ip,
      userAgent: e.userAgent,
      requestId: e.requestId,
      before: e.before ?? null,
      after: e.after ?? null,
      prevHash: e.prevHash,
    }),
  );
}
