// The audit chain under concurrent writers: every audited change appends to one hash chain under one lock, so how long
// that lock is held bounds how many audited writes the whole system makes a second. Run: npm run bench:audit
// (BENCH_AUDIT_DATABASE_URL, default postgres://paidan:paidan@127.0.0.1:5432/paidan_bench_audit, dropped and recreated).
//   1. floor: the same transactions without an audit event (a read, commit)
//   2. recordAudit as the server does it: one round trip (audit_append, migration 0052)
//   3. the same append in three round trips (lock, read the last link, insert with the hash computed here), as it was
// Each phase runs BENCH_AUDIT_TX transactions, BENCH_AUDIT_CONCURRENCY at once; the chain is verified at the end.
import { sql } from 'kysely';
import { openDatabase, withTx, type Executor } from '../apps/server/src/platform/db/database';
import { migrate } from '../apps/server/src/platform/db/migrate';
import { recordAudit } from '../apps/server/src/platform/audit/audit.service';
import { auditHash, GENESIS_HASH } from '../apps/server/src/platform/audit/audit-hash';
import { verifyAuditChain } from '../apps/server/src/platform/audit/audit-verify';
import type { Actor } from '../apps/server/src/platform/auth/context';
import { ensureDatabase, parseDatabaseUrl, serverVersion } from './lib/postgres.mjs';

const env = process.env;
const url = env.BENCH_AUDIT_DATABASE_URL || 'postgres://paidan:paidan@127.0.0.1:5432/paidan_bench_audit';
const total = Number(env.BENCH_AUDIT_TX ?? 3000);
const concurrency = Number(env.BENCH_AUDIT_CONCURRENCY ?? 32);
const actor: Actor = { auth: null, ip: '127.0.0.1', userAgent: 'bench', requestId: 'bench' };

const db0 = parseDatabaseUrl(url);
ensureDatabase(db0, { fresh: true });
console.log(`[bench:audit] PostgreSQL ${serverVersion(db0.url)}, database ${db0.name} (fresh)`);
const database = await openDatabase({ url: db0.url });
await migrate(database);
const db = database.db;

/** The append as it was before audit_append: lock, read, insert — three round trips under the lock. */
async function appendInThreeTrips(tx: Executor, n: number) {
  await sql`select pg_advisory_xact_lock(727002)`.execute(tx);
  const last = await tx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date(),
    actorId: null,
    actorName: null,
    action: 'bench.write',
    entityType: 'bench',
    entityId: String(n),
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    before: null,
    after: { n },
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx
    .insertInto('audit_events')
    .values({
      seq: row.seq,
      occurred_at: row.occurredAt.toISOString(),
      actor_id: null,
      actor_name: null,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      ip: row.ip,
      user_agent: row.userAgent,
      request_id: row.requestId,
      before: null,
      after: JSON.stringify(row.after),
      prev_hash: row.prevHash,
      hash: auditHash(row),
    })
    .execute();
}

async function phase(name: string, append: ((tx: Executor, n: number) => Promise<void>) | null) {
  let next = 0;
  const ms: number[] = [];
  const worker = async () => {
    while (next < total) {
      const n = ++next;
      const t0 = performance.now();
      await withTx(db, async (tx) => {
        await tx.selectFrom('users').select('id').limit(1).execute();
        if (append) await append(tx, n);
      });
      ms.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - t0) / 1000;
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!.toFixed(1);
  console.log(
    `  ${name.padEnd(44)} ${String(Math.round(total / secs)).padStart(6)}/s   p50 ${at(50).padStart(6)} ms   p99 ${at(99).padStart(6)} ms`,
  );
}

try {
  console.log(`Audited transactions, ${total} per phase, ${concurrency} at once`);
  // a first pass warms the connections and the code up
  await phase('warm-up (recordAudit)', (tx, n) =>
    recordAudit(tx, actor, { action: 'bench.write', entityType: 'bench', entityId: n, after: { n } }),
  );
  await phase('floor: no audit event', null);
  await phase('recordAudit: one round trip (audit_append)', (tx, n) =>
    recordAudit(tx, actor, { action: 'bench.write', entityType: 'bench', entityId: n, after: { n } }),
  );
  await phase('three round trips (lock, read, insert)', appendInThreeTrips);
  await phase('recordAudit again', (tx, n) =>
    recordAudit(tx, actor, { action: 'bench.write', entityType: 'bench', entityId: n, after: { n } }),
  );
  const v = await verifyAuditChain(db);
  console.log(
    `  chain after the run: ${v.ok ? 'intact' : 'BROKEN'}, ${v.checked} events checked in ${v.durationMs} ms`,
  );
  if (!v.ok) process.exitCode = 1;
} finally {
  await database.close();
}
