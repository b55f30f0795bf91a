import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db.types';
import { holdingTransaction, login, startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { loadConfig } from '../../../platform/config';
import { openDatabase, type Database } from '../../../platform/db/database';
import type { BusEvent } from '../../../platform/events/event-bus';
import { createServer, type Server } from '../../../platform/server';
import { claimLockKeys, opportunityRepo } from '../opportunity.repo';
import { expireClaims } from '../opportunity.jobs';
import { publishOpportunities } from '../opportunity-live';

// Claims that arrive together are answered from one statement (opportunity.repo claimMany). These tests fire
// them together and check every answer; on PostgreSQL a second instance on the same database joins the rush.
const PG = !!process.env.TEST_DATABASE_URL;
const AGENTS = 8;

let s: TestServer;
let b: Server | null = null;
let dbB: Database | null = null;
let agents: (Client & { id: number })[] = [];
let regionPath: string;

beforeAll(async () => {
  s = await startTestServer();
  const tmpl = await s.ctx.db
    .selectFrom('users')
    .select(['org_id', 'org_path', 'password_hash'])
    .where('username', '=', 'agent01')
    .executeTakeFirstOrThrow();
  const rows = await s.ctx.db
    .insertInto('users')
    .values(
      Array.from({ length: AGENTS }, (_, i) => ({
        username: `rush_agent_${i + 1}`,
        display_name: `抢单坐席${i + 1}`,
        role: 'hotline_agent',
        org_id: tmpl.org_id,
        org_path: tmpl.org_path,
        password_hash: tmpl.password_hash,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  if (PG) {
    dbB = await openDatabase({ url: s.testDb.url, dataDir: null });
    const config = loadConfig(
      { ...process.env, NODE_ENV: 'test' },
      { jobsEnabled: false, logLevel: 'silent', instanceId: 'b' },
    );
    b = await createServer({ config, database: dbB });
  }
  // on PostgreSQL every other agent works through the second instance
  agents = await Promise.all(
    rows.map(async (r, i) => Object.assign(await login(b && i % 2 ? b : s, r.username), { id: r.id })),
  );
  const zj = await s.ctx.db.selectFrom('orgs').select('path').where('code', '=', 'SH-PD-ZJ').executeTakeFirstOrThrow();
  regionPath = zj.path;
});

afterAll(async () => {
  await b?.close();
  await dbB?.close();
  await s?.close();
});

async function poolItems(n: number, productGroup = 'broadband'): Promise<number[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const rows = await s.ctx.db
    .insertInto('opportunities')
    .values(
      Array.from({ length: n }, (_, i) => ({
        number: `RUSH${tag}${i}`,
        source: 'hotline',
        customer_name: `抢单测试${tag}${i}有限公司`,
        contact_name: '张先生',
        contact_phone: '13912345678',
        product_code: productGroup === 'broadband' ? 'BIZ_BB' : 'CLOUD_PC',
        product_group: productGroup,
        region_path: regionPath,
        status: 'pool',
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The items an opportunity event is about: one (`id`) or several told together (`ids`). */
const idsOf = (e: BusEvent) => {
  const d = e.data as { id: number | null; ids?: number[] };
  return d.ids ?? (d.id === null ? [] : [d.id]);
};

const claim = (c: Client, id: number) => c.post(`/api/opportunities/${id}/claim`);

async function claimedEvents(ids: number[]) {
  return s.ctx.db
    .selectFrom('opportunity_events')
    .select(['opportunity_id', 'actor_id'])
    .where('action', '=', 'claimed')
    .where('opportunity_id', 'in', ids)
    .execute();
}

function expectLost(r: LightMyRequestResponse) {
  expect(r.statusCode, r.body).toBe(409);
  expect(r.json()).toMatchObject({ code: 'OPPORTUNITY_ALREADY_CLAIMED', message: '已被认领' });
}

describe('a rush of claims', () => {
  it('gives each item exactly one owner, tells every other agent 已被认领, and writes one timeline row each', async () => {
    for (let round = 0; round < 3; round++) {
      const ids = await poolItems(2);
      const missing = ids[1]! + 100_000;
      const asked = agents.map((a, i) => ({ a, id: ids[i % 2]! }));
      const [answers, gone] = await Promise.all([
        Promise.all(asked.map(({ a, id }) => claim(a, id))),
        claim(agents[0]!, missing),
      ]);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('OPPORTUNITY_NOT_FOUND');
      const won = answers.map((r, i) => ({ r, ...asked[i]! })).filter((x) => x.r.statusCode === 200);
      expect(won.map((w) => w.id).sort()).toEqual([...ids].sort());
      for (const x of answers.filter((r) => r.statusCode !== 200)) expectLost(x);
      const rows = await s.ctx.db
        .selectFrom('opportunities')
        .select(['id', 'status', 'claimed_by', 'claim_expires_at', 'version'])
        .where('id', 'in', ids)
        .execute();
      for (const w of won) {
        const row = rows.find((r) => r.id === w.id)!;
        expect(row).toMatchObject({ status: 'claimed', claimed_by: w.a.id, version: 2 });
        expect(w.r.json()).toMatchObject({ id: w.id, status: 'claimed', version: 2 });
        // the saved claim timeout (30 minutes by default) starts now
        const left = row.claim_expires_at!.getTime() - Date.now();
        expect(left).toBeGreaterThan(28 * 60_000);
        expect(left).toBeLessThanOrEqual(30 * 60_000 + 5_000);
      }
      const events = await claimedEvents(ids);
      expect(events).toHaveLength(2);
      for (const w of won) expect(events).toContainEqual({ opportunity_id: w.id, actor_id: w.a.id });
    }
  });

  it('answers 404 for any id that does not exist, however large, without failing the others of the rush', async () => {
    const [id] = await poolItems(1);
    const [huge, real, zero] = await Promise.all([
      claim(agents[0]!, Number.MAX_SAFE_INTEGER),
      claim(agents[1]!, id!),
      claim(agents[2]!, 0),
    ]);
    expect(huge.statusCode, huge.body).toBe(404);
    expect(huge.json().code).toBe('OPPORTUNITY_NOT_FOUND');
    expect(real.statusCode, real.body).toBe(200);
    expect(zero.statusCode).toBe(400);
  });

  it('lets the same agent win once when it asks twice at the same moment', async () => {
    const [id] = await poolItems(1);
    const answers = await Promise.all([claim(agents[2]!, id!), claim(agents[2]!, id!)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await claimedEvents([id!])).toHaveLength(1);
    // in one statement too
    const [id2] = await poolItems(1);
    const me = { id: agents[2]!.id, name: agents[2]!.username!, role: 'hotline_agent' };
    const outcomes = await opportunityRepo.claimMany(s.ctx.db, [
      { id: id2!, user: me },
      { id: id2!, user: me },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[1]).toEqual({ ok: false, reason: 'claimed' });
    expect(await claimedEvents([id2!])).toHaveLength(1);
  });

  it('never gives an item to an agent outside its scope, even first in the rush, and tells that agent so', async () => {
    const [narrow, other] = [agents[0]!, agents[1]!];
    await s.ctx.db
      .insertInto('opportunity_agent_scopes')
      .values({ user_id: narrow.id, product_groups: ['cloud'] })
      .execute();
    const who = (c: typeof narrow) => ({ id: c.id, name: c.username!, role: 'hotline_agent' });
    try {
      // one statement, the agent outside the scope asking first: it is told so, the next entitled asker wins
      const [id] = await poolItems(1, 'broadband');
      const outcomes = await opportunityRepo.claimMany(s.ctx.db, [
        { id: id!, user: who(narrow) },
        { id: id!, user: who(other) },
      ]);
      expect(outcomes[0]).toEqual({ ok: false, reason: 'not_entitled' });
      expect(outcomes[1]).toMatchObject({ ok: true, id });
      // through the API, in a rush (on PostgreSQL the two are on different instances): never the narrow agent
      const [id2] = await poolItems(1, 'broadband');
      const [a, b2] = await Promise.all([claim(narrow, id2!), claim(other, id2!)]);
      expect(b2.statusCode, b2.body).toBe(200);
      expect([403, 409]).toContain(a.statusCode);
      // alone, while the item is in the pool, it hears 403
      const [id3] = await poolItems(1, 'broadband');
      const alone = await claim(narrow, id3!);
      expect(alone.statusCode).toBe(403);
      expect(alone.json().code).toBe('OPPORTUNITY_NOT_ENTITLED');
      // within its scope the narrow agent claims as anyone does
      const [cloud] = await poolItems(1, 'cloud');
      expect((await claim(narrow, cloud!)).statusCode).toBe(200);
    } finally {
      await s.ctx.db.deleteFrom('opportunity_agent_scopes').where('user_id', '=', narrow.id).execute();
    }
  });

  it('answers a late claim on an item claimed earlier with 409, whoever asks', async () => {
    const [id] = await poolItems(1);
    expect((await claim(agents[3]!, id!)).statusCode).toBe(200);
    const late = await Promise.all(agents.slice(4).map((a) => claim(a, id!)));
    for (const r of late) expectLost(r);
    expect(await claimedEvents([id!])).toHaveLength(1);
  });

  it('tells the entitled agents that the claimed items vanished, in one go', async () => {
    const seen: BusEvent[] = [];
    const off = s.ctx.events.subscribe((e) => {
      if (e.topic === 'opportunity.changed') seen.push(e);
    });
    try {
      const ids = await poolItems(3);
      const answers = await Promise.all(ids.map((id, i) => claim(agents[i]!, id)));
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      const until = Date.now() + 5000;
      while (ids.some((id) => !seen.some((e) => idsOf(e).includes(id))) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      for (const id of ids) {
        const e = seen.find((x) => idsOf(x).includes(id));
        expect(e?.data).toMatchObject({ status: 'claimed', pool: true });
        // every agent in the rush is entitled (no scope rows), so every one of them is told
        for (const a of agents) expect(e?.userIds).toContain(a.id);
      }
    } finally {
      off();
    }
  });
});

describe.runIf(PG)('claims and other writers of the same item (PostgreSQL: a second connection holds locks)', () => {
  const holding = (hold: (tx: Kysely<DB>) => Promise<unknown>) => holdingTransaction(s.ctx.db, hold);

  it('answers 已被认领 at once for an item another claim is deciding, without waiting for it', async () => {
    const [id] = await poolItems(1);
    const [hi, lo] = claimLockKeys(id!);
    // what a claim statement on another instance holds while it gives the item away
    const release = await holding((tx) => sql`select pg_advisory_xact_lock(${hi}::int, ${lo}::int)`.execute(tx));
    try {
      const t0 = Date.now();
      expectLost(await claim(agents[0]!, id!));
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await release();
    }
    // that statement ended without taking it (here: it never meant to): the item is still in the pool
    expect((await claim(agents[1]!, id!)).statusCode).toBe(200);
  });

  it('waits for another kind of writer holding the item, then decides on what it left', async () => {
    const [kept, taken] = await poolItems(2);
    // a supervisor's change in progress on each item: one leaves it in the pool, the other assigns it
    const releaseKept = await holding((tx) =>
      tx.selectFrom('opportunities').select('id').where('id', '=', kept!).forUpdate().execute(),
    );
    const releaseTaken = await holding(async (tx) => {
      await tx.selectFrom('opportunities').select('id').where('id', '=', taken!).forUpdate().execute();
      await tx
        .updateTable('opportunities')
        .set({ status: 'claimed', claimed_by: agents[7]!.id, claimed_at: new Date() })
        .where('id', '=', taken!)
        .execute();
    });
    const pending = Promise.all([claim(agents[2]!, kept!), claim(agents[3]!, taken!)]);
    await new Promise((r) => setTimeout(r, 300));
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await releaseKept();
    await releaseTaken();
    const [a, b2] = await pending;
    expect(a.statusCode, a.body).toBe(200);
    expectLost(b2);
  });
});

describe('claims that time out', () => {
  it('put the items back in the pool and tell the entitled agents and the previous claimant, in one go', async () => {
    const ids = await poolItems(2);
    const answers = await Promise.all(ids.map((id, i) => claim(agents[i]!, id)));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const seen: BusEvent[] = [];
    const off = s.ctx.events.subscribe((e) => {
      if (e.topic === 'opportunity.changed' && (e.data as { status: string }).status === 'pool') seen.push(e);
    });
    try {
      expect(await expireClaims(s.ctx, new Date(Date.now() + 31 * 60_000))).toBeGreaterThanOrEqual(2);
      const until = Date.now() + 5000;
      while (ids.some((id) => !seen.some((e) => idsOf(e).includes(id))) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      // one expiry run, one event for the items returned together
      const e = seen.find((x) => ids.every((id) => idsOf(x).includes(id)));
      expect(e?.data).toMatchObject({ id: null, status: 'pool', pool: true });
      for (const a of agents) expect(e?.userIds).toContain(a.id);
      const back = await s.ctx.db
        .selectFrom('opportunities')
        .select(['status', 'claimed_by'])
        .where('id', 'in', ids)
        .execute();
      expect(back).toEqual([
        { status: 'pool', claimed_by: null },
        { status: 'pool', claimed_by: null },
      ]);
    } finally {
      off();
    }
  });
});

describe('live events for a large hotline', () => {
  it('tells changes of the same status to the same people in one event, and others apart', async () => {
    const [x, y, z] = await poolItems(3);
    const seen: BusEvent[] = [];
    const off = s.ctx.events.subscribe((e) => {
      if (e.topic === 'opportunity.changed' && idsOf(e).some((id) => [x, y, z].includes(id))) seen.push(e);
    });
    try {
      const target = (id: number, status: string) => ({
        id,
        status,
        product_group: 'broadband',
        region_path: regionPath,
      });
      await publishOpportunities(s.ctx.db, s.ctx.events, [
        { o: target(x!, 'claimed'), pool: true },
        { o: target(y!, 'claimed'), pool: true },
        { o: target(z!, 'pool'), pool: true },
        { o: { ...target(z!, 'claimed'), claimed_by: agents[0]!.id } },
      ]);
      const until = Date.now() + 5000;
      while (seen.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      const data = seen.map((e) => e.data);
      expect(data).toHaveLength(3);
      expect(data).toEqual(
        expect.arrayContaining([
          { id: null, ids: [x, y], status: 'claimed', pool: true },
          { id: z, status: 'claimed', pool: false },
          { id: z, status: 'pool', pool: true },
        ]),
      );
      expect(seen.find((e) => (e.data as { pool: boolean }).pool === false)?.userIds).toEqual([agents[0]!.id]);
    } finally {
      off();
    }
  });

  it('delivers an event addressed to thousands of agents (more than one NOTIFY holds)', async () => {
    const userIds = Array.from({ length: 3000 }, (_, i) => 100_000 + i);
    const got: number[] = [];
    const off = s.ctx.events.subscribe((e) => {
      if (e.topic === 'test.big') got.push(...(e.userIds ?? []));
    });
    try {
      await s.ctx.events.publish(s.ctx.db, { topic: 'test.big', userIds, data: { id: 1 } });
      const until = Date.now() + 5000;
      while (got.length < userIds.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(got.sort((x, y) => x - y)).toEqual(userIds);
    } finally {
      off();
    }
  });
});
