import type { Generated, Kysely } from 'kysely';
import type { DB } from '../../db.types';
import type { Executor } from '../db/database';

export interface AuditCheckpointsTable {
  id: Generated<number>;
  last_seq: number;
  last_hash: string;
  created_at: Generated<Date>;
}

export type AuditDb = Kysely<DB & { audit_checkpoints: AuditCheckpointsTable }>;

/** The executor, typed with the checkpoint table (migration 0003) as well. */
export const auditDb = (ex: Executor): AuditDb => ex.withTables<{ audit_checkpoints: AuditCheckpointsTable }>();

export interface AuditCheckpoint {
  id: number;
  lastSeq: number;
  lastHash: string;
  createdAt: Date;
}

/** The checkpoint that reaches furthest into the chain, or null. */
export async function latestAuditCheckpoint(ex: Executor): Promise<AuditCheckpoint | null> {
  const row = await auditDb(ex)
    .selectFrom('audit_checkpoints')
    .select(['id', 'last_seq', 'last_hash', 'created_at'])
    .orderBy('last_seq', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, lastSeq: row.last_seq, lastHash: row.last_hash, createdAt: row.created_at } : null;
}

/**
 * Records the chain's current tail (or `at`, a tail just verified) so that deleting events up to it is detected.
 * Writes nothing when the trail is empty or no event was appended since the last checkpoint;
 * never writes below an existing checkpoint, so a truncated tail cannot be blessed by a later one.
 */
export async function appendAuditCheckpoint(
  ex: Executor,
  at?: { seq: number; hash: string },
): Promise<AuditCheckpoint | null> {
  const adb = auditDb(ex);
  const tail =
    at ??
    (await adb.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst());
  if (!tail) return null;
  const latest = await latestAuditCheckpoint(ex);
  if (latest && latest.lastSeq >= tail.seq) return null;
  const row = await adb
    .insertInto('audit_checkpoints')
    .values({ last_seq: tail.seq, last_hash: tail.hash })
    .returning(['id', 'last_seq', 'last_hash', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, lastSeq: row.last_seq, lastHash: row.last_hash, createdAt: row.created_at };
}
