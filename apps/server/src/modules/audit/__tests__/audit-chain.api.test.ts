import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyResult } from '@paidan/shared';
import type { DB } from '../../../db.types';
import type { Executor } from '../../../platform/db/database';
import { openDatabase } from '../../../platform/db/database';
import { migrate } from '../../../platform/db/migrate';
import { SERVER_ROOT } from '../../../platform/config';
import { systemActor } from '../../../platform/auth/context';
import { recordAudit } from '../../../platform/audit/audit.service';
import { auditHash } from '../../../platform/audit/audit-hash';
import { verifyAuditChain } from '../../../platform/audit/audit-verify';
import { appendAuditCheckpoint, auditDb } from '../../../platform/audit/audit-checkpoint';
import { runDueJobs, runDueSchedules } from '../../../platform/jobs/job-runner';
import { AUDIT_CHECKPOINT_JOB } from '../audit.jobs';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

type EventRow = Selectable<DB['audit_events']>;

let s: TestServer;
let admin: Client;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
});
afterAll(async () => {
  await s?.close();
});

const verify = (batchSize = 1000) => verifyAuditChain(s.ctx.db, { batchSize });
const kinds = (r: AuditVerifyResult) => r.problems.map((p) => [p.seq, p.kind]);

/** Writes as a privileged session that bypasses the append-only triggers, the way an intruder with superuser would. */
function bypassingTriggers(fn: (tx: Executor) => Promise<unknown>) {
  return s.ctx.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await fn(tx);
  });
}

async function eventRow(seq: number): Promise<EventRow> {
  return s.ctx.db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}
async function tailSeq(): Promise<number> {
  const r = await s.ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirstOrThrow();
  return Number(r.m);
}
/** Puts deleted events back exactly as they were. */
async function reinsert(rows: EventRow[]) {
  await bypassingTriggers((tx) =>
    tx
      .insertInto('audit_events')
      .values(
        rows.map((r) => ({
          ...r,
          occurred_at: r.occurred_at.toISOString(),
          before: r.before === null ? null : JSON.stringify(r.before),
          after: r.after === null ? null : JSON.stringify(r.after),
        })),
      )
      .execute(),
  );
}
async function restore(row: EventRow) {
  await bypassingTriggers(async (tx) => {
    await tx.deleteFrom('audit_events').where('seq', '=', row.seq).execute();
  });
  await reinsert([row]);
}

async function customerOf(username: string) {
  return s.ctx.db
    .selectFrom('customers as c')
    .innerJoin('users as u', 'u.id', 'c.account_manager_id')
    .select(['c.id', 'c.version', 'c.name'])
    .where('u.username', '=', username)
    .orderBy('c.id')
    .executeTakeFirstOrThrow();
}

let updatedSeq = 0;

describe('audit chain verification', () => {
  it('verifies after the demo seed and API writes, also with many writers at once', async () => {
    const seeded = await verify();
    expect(seeded.ok).toBe(true);
    expect(seeded.checked).toBeGreaterThan(0);

    const org = await s.ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', 'SH-PD-ZJ-FLD')
      .executeTakeFirstOrThrow();
    const created = await admin.post('/api/users', {
      username: 'audit_tech01',
      displayName: '审计测试装维',
      role: 'technician',
      orgId: org.id,
      phone: '13916999001',
      password: 'Audit12345',
    });
    expect(created.statusCode).toBe(200);
    const c = await customerOf('am_pd01');
    const patched = await admin.patch(`/api/customers/${c.id}`, {
      version: c.version,
      name: `${c.name}（审计）`,
      address: '上海市浦东新区博云路 2 号',
    });
    expect(patched.statusCode).toBe(200);

    // Concurrent writers still produce one unbroken chain (the chain lock orders them).
    const others = await s.ctx.db
      .selectFrom('customers')
      .select(['id', 'version'])
      .where('id', '!=', c.id)
      .orderBy('id')
      .limit(8)
      .execute();
    const results = await Promise.all(
      others.map((o) => admin.patch(`/api/customers/${o.id}`, { version: o.version, address: `并发地址 ${o.id} 号` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(others.map(() => 200));

    const r = await verify();
    expect(r).toMatchObject({ ok: true, problems: [], lastSeq: await tailSeq() });
    const count = await s.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(r.checked).toBe(Number(count.n));

    const ev = await s.ctx.db
      .selectFrom('audit_events')
      .select(['seq', 'before', 'after', 'actor_name', 'ip', 'user_agent', 'request_id'])
      .where('action', '=', 'customer.updated')
      .where('entity_id', '=', String(c.id))
      .executeTakeFirstOrThrow();
    updatedSeq = Number(ev.seq);
    expect(ev).toMatchObject({
      actor_name: '系统管理员',
      before: { name: c.name },
      after: { name: `${c.name}（审计）` },
    });
    expect(ev.request_id).toBeTruthy();
    // Millisecond instants only: the hash covers exactly what is stored.
    const micros = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where extract(microseconds from occurred_at)::bigint % 1000 <> 0`.execute(
      s.ctx.db,
    );
    expect(micros.rows[0]!.n).toBe(0);

    // Small batches see the same chain.
    expect(await verify(3)).toMatchObject({ ok: true, checked: r.checked, lastSeq: r.lastSeq, lastHash: r.lastHash });
  });

  it('answers GET /api/audit/verify for an administrator only', async () => {
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, problems: [] });
    const sup = await s.as('sup_pd');
    expect((await sup.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it("detects an edit of an event's after, with its seq (triggers disabled by ALTER TABLE)", async () => {
    const original = await eventRow(updatedSeq);
    await s.ctx.db.transaction().execute(async (tx) => {
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(tx);
      await sql`update audit_events set after = jsonb_set(after, '{name}', '"被篡改的名称"') where seq = ${updatedSeq}`.execute(
        tx,
      );
      await sql`alter table audit_events enable trigger audit_events_no_update`.execute(tx);
    });
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(kinds(r)).toEqual([[updatedSeq, 'hash_mismatch']]);
    const api = (await admin.get('/api/audit/verify')).json();
    expect(api.ok).toBe(false);
    expect(api.problems[0]).toMatchObject({ seq: updatedSeq, kind: 'hash_mismatch' });

    await restore(original);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an edit of any column, down to a microsecond of the timestamp', async () => {
    const seq = updatedSeq;
    const original = await eventRow(seq);
    const edits: [string, ReturnType<typeof sql>, [number, string][]][] = [
      ['occurred_at', sql`occurred_at = occurred_at + interval '1 microsecond'`, [[seq, 'hash_mismatch']]],
      ['occurred_at (ms)', sql`occurred_at = occurred_at - interval '1 second'`, [[seq, 'hash_mismatch']]],
      ['actor_id', sql`actor_id = actor_id + 1`, [[seq, 'hash_mismatch']]],
      ['actor_name', sql`actor_name = '他人'`, [[seq, 'hash_mismatch']]],
      ['action', sql`action = 'customer.viewed'`, [[seq, 'hash_mismatch']]],
      ['entity_type', sql`entity_type = 'org'`, [[seq, 'hash_mismatch']]],
      ['entity_id', sql`entity_id = '999999'`, [[seq, 'hash_mismatch']]],
      ['ip', sql`ip = '10.0.0.1'`, [[seq, 'hash_mismatch']]],
      ['user_agent', sql`user_agent = null`, [[seq, 'hash_mismatch']]],
      ['request_id', sql`request_id = 'forged'`, [[seq, 'hash_mismatch']]],
      ['before', sql`before = null`, [[seq, 'hash_mismatch']]],
      [
        'prev_hash',
        sql`prev_hash = repeat('a', 64)`,
        [
          [seq, 'broken_link'],
          [seq, 'hash_mismatch'],
        ],
      ],
      [
        'hash',
        sql`hash = repeat('b', 64)`,
        [
          [seq, 'hash_mismatch'],
          [seq + 1, 'broken_link'],
        ],
      ],
    ];
    for (const [column, set, expected] of edits) {
      await bypassingTriggers((tx) => sql`update audit_events set ${set} where seq = ${seq}`.execute(tx));
      const r = await verify();
      expect(r.ok, column).toBe(false);
      expect(kinds(r), column).toEqual(expected);
      await restore(original);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted event in the middle, and a deleted head', async () => {
    const mid = Math.floor((await tailSeq()) / 2) + 1;
    const row = await eventRow(mid);
    await bypassingTriggers((tx) => tx.deleteFrom('audit_events').where('seq', '=', mid).execute());
    const r = await verify();
    expect(kinds(r)).toEqual([[mid, 'gap']]);
    expect(r.problems[0]!.message).toContain(`event ${mid} is missing`);
    // A gap that falls between two batches is found too.
    expect(kinds(await verify(mid - 1))).toEqual([[mid, 'gap']]);
    await reinsert([row]);

    const first = await eventRow(1);
    await bypassingTriggers((tx) => tx.deleteFrom('audit_events').where('seq', '=', 1).execute());
    expect(kinds(await verify())).toEqual([[1, 'gap']]);
    await reinsert([first]);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a wrong genesis link', async () => {
    const first = await eventRow(1);
    // Consistent in itself (hash recomputed), but not anchored at the genesis hash.
    const forged = { ...first, prev_hash: 'c'.repeat(64) };
    const hash = auditHash({
      seq: 1,
      occurredAt: first.occurred_at,
      actorId: first.actor_id,
      actorName: first.actor_name,
      action: first.action,
      entityType: first.entity_type,
      entityId: first.entity_id,
      ip: first.ip,
      userAgent: first.user_agent,
      requestId: first.request_id,
      before: first.before,
      after: first.after,
      prevHash: forged.prev_hash,
    });
    await restore({ ...forged, hash });
    expect(kinds(await verify())).toEqual([
      [1, 'bad_genesis'],
      [2, 'broken_link'],
    ]);
    await restore(first);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted tail below a checkpoint, and a rewritten chain', async () => {
    const cp = await appendAuditCheckpoint(s.ctx.db);
    const tail = await tailSeq();
    expect(cp).toMatchObject({ lastSeq: tail });
    expect(await appendAuditCheckpoint(s.ctx.db)).toBeNull(); // nothing new since

    const removed = await s.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', tail - 3)
      .orderBy('seq')
      .execute();
    await bypassingTriggers((tx) =>
      tx
        .deleteFrom('audit_events')
        .where('seq', '>', tail - 3)
        .execute(),
    );
    const r = await verify();
    // The chain that is left is consistent in itself: only the checkpoint reveals the loss.
    expect(kinds(r)).toEqual([[tail - 2, 'missing_tail']]);
    expect(r.problems[0]!.message).toContain(`events ${tail - 2}–${tail} are missing`);
    // A later checkpoint cannot paper over it.
    expect(await appendAuditCheckpoint(s.ctx.db)).toBeNull();
    await reinsert(removed);
    expect((await verify()).ok).toBe(true);

    // Edit an event and recompute every hash after it: links and hashes agree again; the checkpoint does not.
    const seq = updatedSeq;
    const originals = await s.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', seq)
      .orderBy('seq')
      .execute();
    let prevHash = originals[0]!.prev_hash;
    const forged = originals.map((row, i) => {
      const after = i === 0 ? { ...(row.after as object), address: '伪造地址' } : row.after;
      const hash = auditHash({
        seq: Number(row.seq),
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        before: row.before,
        after,
        prevHash,
      });
      const out = { ...row, after, prev_hash: prevHash, hash };
      prevHash = hash;
      return out;
    });
    await bypassingTriggers((tx) => tx.deleteFrom('audit_events').where('seq', '>=', seq).execute());
    await reinsert(forged);
    expect(kinds(await verify())).toEqual([[tail, 'checkpoint_mismatch']]);
    await bypassingTriggers((tx) => tx.deleteFrom('audit_events').where('seq', '>=', seq).execute());
    await reinsert(originals);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the audit tables in a normal session', async () => {
    const db = s.ctx.db;
    await expect(
      db.updateTable('audit_events').set({ actor_name: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const cps = auditDb(db);
    await expect(cps.updateTable('audit_checkpoints').set({ last_seq: 1 }).execute()).rejects.toThrow(/append-only/);
    await expect(cps.deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });
});

describe('npm run audit:verify', () => {
  function runCli(env: Record<string, string>) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', '--no-checkpoint'], {
      cwd: SERVER_ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  // two command-line runs, each starting a process and opening its database: slow on a busy machine
  it('prints a summary and exits 0 when intact, 1 when not', async () => {
    // On PostgreSQL the CLI opens the test database itself; on PGlite it gets a data folder of its own.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paidan-audit-'));
    const pgliteDir = path.join(dir, 'pglite');
    const env: Record<string, string> = s.testDb.url
      ? { DATABASE_URL: s.testDb.url }
      : { DATABASE_URL: '', DATA_DIR: dir };
    const tamper = (db: Executor) =>
      db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`update audit_events set ip = '6.6.6.6' where seq = 2`.execute(tx);
      });
    const original = s.testDb.url ? await eventRow(2) : null;
    if (!s.testDb.url) {
      const local = await openDatabase({ url: null, dataDir: pgliteDir });
      await migrate(local);
      for (let i = 0; i < 5; i++)
        await recordAudit(local.db, systemActor, {
          action: 'test.event',
          entityType: 'test',
          entityId: i,
          after: { i },
        });
      await local.close();
    }
    try {
      const ok = runCli(env);
      expect(ok.out).toMatch(/Checked \d+ events/);
      expect(ok.out).toContain('OK');
      expect(ok.code).toBe(0);

      if (s.testDb.url) {
        await tamper(s.ctx.db);
      } else {
        const local = await openDatabase({ url: null, dataDir: pgliteDir });
        await tamper(local.db);
        await local.close();
      }
      const bad = runCli(env);
      expect(bad.out).toContain('NOT INTACT');
      expect(bad.out).toMatch(/seq\s+2\s+hash_mismatch/);
      expect(bad.code).toBe(1);
    } finally {
      if (original) await restore(original);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('periodic checkpoint job', () => {
  it('records the tail once per slot, and only when the chain has grown', async () => {
    const cps = () =>
      auditDb(s.ctx.db).selectFrom('audit_checkpoints').select(['last_seq', 'last_hash']).orderBy('id').execute();
    const before = await cps();
    const c = await customerOf('am_pd01');
    expect(
      (await admin.patch(`/api/customers/${c.id}`, { version: c.version, address: '检查点地址 1 号' })).statusCode,
    ).toBe(200);
    expect(await runDueSchedules(s.ctx)).toBeGreaterThanOrEqual(1);
    await runDueJobs(s.ctx, { types: [AUDIT_CHECKPOINT_JOB] });
    const after = await cps();
    expect(after).toHaveLength(before.length + 1);
    const tail = await eventRow(await tailSeq());
    expect(after.at(-1)).toEqual({ last_seq: tail.seq, last_hash: tail.hash });
    expect(await verify()).toMatchObject({ ok: true, checkpoints: after.length });
  });
});
