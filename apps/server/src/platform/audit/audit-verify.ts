import { sql } from 'kysely';
import type { AuditProblem, AuditProblemKind, AuditVerifyResult } from '@paidan/shared';
import type { Executor } from '../db/database';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { auditDb, latestAuditCheckpoint } from './audit-checkpoint';

export interface VerifyOptions {
  /** events read per query; memory stays bounded by this, not by the size of the trail */
  batchSize?: number;
  /** problems listed in the result; the rest are only counted */
  maxProblems?: number;
  onProgress?: (checked: number, lastSeq: number) => void;
}

// occurred_at as UTC text with all six fractional digits: both drivers cut timestamps to milliseconds,
// which would hide an edit of the microseconds.
const OCCURRED_AT_UTC = sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const UTC_MICROS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})(\d{3})Z$/;

/** The stored instant as a Date, or null when it holds more precision than the hash (written in ms) covers. */
export function parseStoredInstant(text: string): Date | null {
  const m = UTC_MICROS.exec(text);
  if (!m || m[2] !== '000') return null;
  const d = new Date(`${m[1]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * Re-hashes the audit trail in seq order, batch by batch, and checks every link and every checkpoint.
 * Events appended while it runs are left for the next run: it stops at the tail it saw when it started.
 */
export async function verifyAuditChain(ex: Executor, opts: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const started = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 1000);
  const maxProblems = Math.max(1, opts.maxProblems ?? 1000);
  const adb = auditDb(ex);
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (seq: number, kind: AuditProblemKind, message: string) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push({ seq, kind, message });
  };

  // Checkpoint first, then the tail: a checkpoint only ever names an event that already existed.
  const topCheckpoint = await latestAuditCheckpoint(ex);
  const upper = await ex
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  const upperSeq = upper?.m == null ? 0 : Number(upper.m);

  let prev: { seq: number; hash: string } | null = null;
  let checked = 0;
  let checkpoints = 0;
  let after = 0;
  while (after < upperSeq) {
    const rows = await ex
      .selectFrom('audit_events')
      .select([
        'seq',
        'actor_id',
        'actor_name',
        'action',
        'entity_type',
        'entity_id',
        'ip',
        'user_agent',
        'request_id',
        'before',
        'after',
        'prev_hash',
        'hash',
        OCCURRED_AT_UTC.as('occurred_at_utc'),
      ])
      .where('seq', '>', after)
      .where('seq', '<=', upperSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;

    const hashes = new Map<number, string>();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (prev === null) {
        if (seq !== 1) report(1, 'gap', `events 1–${seq - 1} are missing: the trail starts at ${seq}`);
        else if (r.prev_hash !== GENESIS_HASH) report(1, 'bad_genesis', 'event 1 does not start from the genesis hash');
      } else if (seq !== prev.seq + 1) {
        const range = seq - 1 === prev.seq + 1 ? `event ${prev.seq + 1} is` : `events ${prev.seq + 1}–${seq - 1} are`;
        report(prev.seq + 1, 'gap', `${range} missing (between ${prev.seq} and ${seq})`);
      } else if (r.prev_hash !== prev.hash) {
        report(seq, 'broken_link', `event ${seq} does not point to the hash of event ${prev.seq}`);
      }

      const occurredAt = parseStoredInstant(r.occurred_at_utc);
      if (!occurredAt) {
        report(
          seq,
          'hash_mismatch',
          `event ${seq}: occurred_at ${r.occurred_at_utc} is not the instant that was hashed`,
        );
      } else {
        const recomputed = auditHash({
          seq,
          occurredAt,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
          before: r.before,
          after: r.after,
          prevHash: r.prev_hash,
        });
        if (recomputed !== r.hash) report(seq, 'hash_mismatch', `event ${seq} was changed after it was written`);
      }
      hashes.set(seq, r.hash);
      prev = { seq, hash: r.hash };
      checked++;
    }

    // Checkpoints that point into this stretch, including into a gap just before it.
    const hi = prev!.seq;
    const cps = await adb
      .selectFrom('audit_checkpoints')
      .select(['id', 'last_seq', 'last_hash'])
      .where('last_seq', '>', after)
      .where('last_seq', '<=', hi)
      .orderBy('last_seq')
      .execute();
    for (const cp of cps) {
      checkpoints++;
      const h = hashes.get(Number(cp.last_seq));
      if (h === undefined) continue; // already reported as a gap
      if (h !== cp.last_hash) {
        report(
          Number(cp.last_seq),
          'checkpoint_mismatch',
          `event ${cp.last_seq} no longer has the hash checkpoint #${cp.id} recorded`,
        );
      }
    }
    after = hi;
    opts.onProgress?.(checked, hi);
  }

  const lastSeq: number = prev?.seq ?? 0;
  if (topCheckpoint && topCheckpoint.lastSeq > lastSeq) {
    report(
      lastSeq + 1,
      'missing_tail',
      `events ${lastSeq + 1}–${topCheckpoint.lastSeq} are missing: checkpoint #${topCheckpoint.id} ` +
        `(${topCheckpoint.createdAt.toISOString()}) recorded event ${topCheckpoint.lastSeq}, the trail now ends at ${lastSeq || 'nothing'}`,
    );
  }

  return {
    ok: problemCount === 0,
    checked,
    lastSeq: prev?.seq ?? null,
    lastHash: prev?.hash ?? null,
    checkpoints,
    problems,
    problemsTruncated: problemCount > problems.length,
    durationMs: Date.now() - started,
  };
}
