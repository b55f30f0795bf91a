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

/** The text that is hashed: the event's canonical JSON. */
function auditText(e: Omit<AuditHashInput, 'seq' | 'prevHash'> & { seq: number | string; prevHash: string }): string {
  return canonicalJson({
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
  });
}

export function auditHash(e: AuditHashInput): string {
  return sha256(auditText(e));
}

// Stand-ins for the two values only the chain knows, and how they read in the text. No stored value can hold NUL
// (text and jsonb refuse it), so neither can occur elsewhere in the text.
const PREV_HASH_STAND_IN = '\u0000prevHash\u0000';
const SEQ_STAND_IN = '\u0000seq\u0000';
const PREV_HASH_SLOT = JSON.stringify(PREV_HASH_STAND_IN);
const SEQ_SLOT = JSON.stringify(SEQ_STAND_IN);

/**
 * The hashed text of an event in three pieces around its prevHash and seq, for the database to complete
 * (audit_append): `pre + JSON(prevHash) + mid + seq + post` is the text auditHash hashes.
 */
export function auditHashPieces(e: Omit<AuditHashInput, 'seq' | 'prevHash'>): {
  pre: string;
  mid: string;
  post: string;
} {
  const text = auditText({ ...e, seq: SEQ_STAND_IN, prevHash: PREV_HASH_STAND_IN });
  const p = text.indexOf(PREV_HASH_SLOT);
  const q = text.indexOf(SEQ_SLOT);
  if (p < 0 || q < p || text.indexOf(PREV_HASH_SLOT, p + 1) >= 0 || text.indexOf(SEQ_SLOT, q + 1) >= 0)
    throw new Error('audit text: the chain slots are not where they belong');
  return {
    pre: text.slice(0, p),
    mid: text.slice(p + PREV_HASH_SLOT.length, q),
    post: text.slice(q + SEQ_SLOT.length),
  };
}
