import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_SETTINGS } from '@paidan/shared';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { withTx } from '../../../platform/db/database';
import type { BusEvent } from '../../../platform/events/event-bus';
import { slaSweep } from '../ticket-sla.job';

// The sweep works from ticket_sla_checks, one row per ticket with the time it must next be looked at. These tests
// check that every change of the clocks moves that row in the same transaction, and that the sweep acts on each
// due ticket exactly once, also when two sweeps run at the same time.
const PG = !!process.env.TEST_DATABASE_URL;

let s: TestServer;
let cust: Client;
let am: Client;
let customerId: number;

beforeAll(async () => {
  s = await startTestServer();
  cust = await s.as('cust_user');
  am = await s.as('am_pd01');
  customerId = (await cust.get('/api/me')).json().customerId;
});
afterAll(async () => {
  await s?.close();
});

async function create(title: string): Promise<{ id: number; assigneeUserId: number }> {
  const res = await cust.post('/api/tickets', {
    type: 'new_install',
    customerId,
    channel: 'web',
    title,
    description: '新办公室需要 300M 商务宽带一条',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    productName: '商务宽带 300M',
    installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
  });
  expect(res.statusCode).toBe(200);
  return res.json().ticket;
}

async function act(c: Client, id: number, body: Record<string, unknown>) {
  const cur = (await c.get(`/api/tickets/${id}`)).json();
  const res = await c.post(`/api/tickets/${id}/actions`, { version: cur.version, ...body });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const nextCheck = async (id: number) =>
  (
    await s.ctx.db
      .selectFrom('ticket_sla_checks')
      .select('next_check_at')
      .where('ticket_id', '=', id)
      .executeTakeFirst()
  )?.next_check_at ?? null;

const clock = (id: number, stage: string) =>
  s.ctx.db
    .selectFrom('ticket_stage_clocks')
    .selectAll()
    .where('ticket_id', '=', id)
    .where('stage', '=', stage)
    .where('ended_at', 'is', null)
    .executeTakeFirstOrThrow();

const sent = async (id: number, kind: 'ticket.sla_warning' | 'ticket.escalated') =>
  Number(
    (
      await s.ctx.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('link', '=', `/tickets/${id}`)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow()
    ).n,
  );

const midway = (a: Date, b: Date) => new Date((a.getTime() + b.getTime()) / 2);
const minutes = (n: number) => n * 60_000;

describe('the next check follows the clocks', () => {
  it('is the earliest warning time of the running clocks when a ticket is created', async () => {
    const t = await create('下次检查：新建');
    const accept = await clock(t.id, 'accept');
    expect(await nextCheck(t.id)).toEqual(accept.warn_at);
  });

  it('a pause takes the ticket off the sweep; resuming puts it back with the moved time', async () => {
    const t = await create('下次检查：暂停与恢复');
    await act(am, t.id, { action: 'accept' });
    await act(am, t.id, { action: 'start' });
    const before = await clock(t.id, 'resolve');
    // The feedback clock is met by the suspension, the resolve clock stops: nothing is left to check.
    await act(am, t.id, { action: 'suspend', reason: '等待客户提供机房钥匙' });
    expect(await nextCheck(t.id)).toBeNull();
    const at = midway(before.warn_at, before.deadline);
    await slaSweep(s.ctx, at);
    expect(await sent(t.id, 'ticket.sla_warning')).toBe(0);

    await new Promise((r) => setTimeout(r, 20));
    await act(cust, t.id, { action: 'resume' });
    const after = await clock(t.id, 'resolve');
    // the pause moves the times by the working time it lasted: none when it falls outside working hours
    expect(after.warn_at.getTime()).toBeGreaterThanOrEqual(before.warn_at.getTime());
    expect(await nextCheck(t.id)).toEqual(after.warn_at);
    // The warning also goes out live on the event bus once the batch commits, to the ticket's holder.
    const live: BusEvent[] = [];
    const unsubscribe = s.ctx.events.subscribe((e) => live.push(e));
    const r = await slaSweep(s.ctx, at);
    expect(r.warned).toBeGreaterThan(0);
    expect(await sent(t.id, 'ticket.sla_warning')).toBe(1);
    const isMine = (e: BusEvent) =>
      e.topic === 'notification' && (e.data as { link: string | null }).link === `/tickets/${t.id}`;
    for (let i = 0; i < 50 && !live.some(isMine); i++) await new Promise((res) => setTimeout(res, 20));
    unsubscribe();
    const mine = live.filter(isMine);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ userIds: [t.assigneeUserId], data: { kind: 'ticket.sla_warning', readAt: null } });
    expect(typeof (mine[0]!.data as { id: unknown }).id).toBe('number');
    // Warned: the next look is the first escalation rung after the deadline.
    const rung = DEFAULT_TICKET_SETTINGS.escalationLadder[0]!.afterMinutes;
    expect(await nextCheck(t.id)).toEqual(new Date(after.deadline.getTime() + minutes(rung)));
  });

  it('a higher priority brings the next check forward, and the sweep finds the ticket then', async () => {
    const t = await create('下次检查：调整优先级');
    const before = await clock(t.id, 'accept');
    expect(await nextCheck(t.id)).toEqual(before.warn_at);
    const cur = (await am.get(`/api/tickets/${t.id}`)).json();
    const res = await am.patch(`/api/tickets/${t.id}`, {
      version: cur.version,
      priority: 'urgent',
      reason: '客户开业在即',
    });
    expect(res.statusCode).toBe(200);
    const after = await clock(t.id, 'accept');
    expect(after.warn_at.getTime()).toBeLessThan(before.warn_at.getTime());
    expect(await nextCheck(t.id)).toEqual(after.warn_at);
    // Between the new and the old warning time: only the new check time finds it.
    const until = Math.min(after.deadline.getTime(), before.warn_at.getTime());
    await slaSweep(s.ctx, midway(after.warn_at, new Date(until)));
    expect(await sent(t.id, 'ticket.sla_warning')).toBe(1);
  });

  it('meeting the last running clock ends the checks, and so does withdrawing', async () => {
    const t = await create('下次检查：办结');
    await act(am, t.id, { action: 'accept' });
    await act(am, t.id, { action: 'start' });
    await act(am, t.id, { action: 'resolve', result: '已开通，测速正常' });
    // Resolved: a fault would now wait for the recovery confirmation; a request has nothing left to check.
    expect(await nextCheck(t.id)).toBeNull();
    const other = await create('下次检查：撤销');
    expect(await nextCheck(other.id)).not.toBeNull();
    await act(cust, other.id, { action: 'withdraw', reason: '不需要了' });
    expect(await nextCheck(other.id)).toBeNull();
  });
});

describe('each due ticket is swept exactly once', () => {
  it('two sweeps at the same moment warn every due ticket once between them', async () => {
    const ts = [];
    for (let i = 0; i < 6; i++) ts.push(await create(`并发扫描 ${i}`));
    const clocks = await Promise.all(ts.map((t) => clock(t.id, 'accept')));
    const lo = Math.max(...clocks.map((c) => c.warn_at.getTime()));
    const hi = Math.min(...clocks.map((c) => c.deadline.getTime()));
    expect(lo).toBeLessThan(hi);
    const at = new Date((lo + hi) / 2);
    const [a, b] = await Promise.all([slaSweep(s.ctx, at, 1), slaSweep(s.ctx, at, 1)]);
    expect(a.warned + b.warned).toBeGreaterThanOrEqual(ts.length);
    for (const t of ts) expect(await sent(t.id, 'ticket.sla_warning')).toBe(1);
    const again = await slaSweep(s.ctx, at);
    expect(again.checked).toBe(0);
  });

  it.skipIf(!PG)('a ticket locked by an action is skipped, not waited for, and swept the next time', async () => {
    const t = await create('并发扫描：处理中');
    const accept = await clock(t.id, 'accept');
    const at = midway(accept.warn_at, accept.deadline);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const held = withTx(s.ctx.db, async (tx) => {
      await tx.selectFrom('tickets').select('id').where('id', '=', t.id).forUpdate().execute();
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;
    await slaSweep(s.ctx, at);
    expect(await sent(t.id, 'ticket.sla_warning')).toBe(0);
    expect(await nextCheck(t.id)).toEqual(accept.warn_at);
    release();
    await held;
    await slaSweep(s.ctx, at);
    expect(await sent(t.id, 'ticket.sla_warning')).toBe(1);
  });
});

describe('escalation through the outbox', () => {
  it('each rung reached tells its people in the app and by SMS, writes the timeline, and never repeats', async () => {
    const t = await create('升级督办：发件箱');
    const running = await s.ctx.db
      .selectFrom('ticket_stage_clocks')
      .select('stage')
      .where('ticket_id', '=', t.id)
      .where('ended_at', 'is', null)
      .execute();
    const far = new Date(Date.now() + 30 * 24 * 3600_000);
    const first = await slaSweep(s.ctx, far);
    expect(first.escalated).toBeGreaterThan(0);

    const events = await s.ctx.db
      .selectFrom('ticket_events')
      .select(['actor_id', 'actor_name', 'actor_role', 'note', 'data', 'customer_visible'])
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'sla_escalate')
      .orderBy('id')
      .execute();
    // Every running clock walks the whole ladder, once per rung.
    const ladder = DEFAULT_TICKET_SETTINGS.escalationLadder;
    expect(running.length).toBeGreaterThan(1);
    expect(events.length).toBe(running.length * ladder.length);
    for (const e of events) {
      expect(e).toMatchObject({ actor_id: null, actor_name: '系统', actor_role: 'system', customer_visible: false });
      expect(e.note).toMatch(/超时，升级至/);
    }
    const data = events.map((e) => e.data as { stage: string; level: string; recipients: number[] });
    expect(new Set(data.map((d) => d.stage))).toEqual(new Set(running.map((c) => c.stage)));
    expect(data.filter((d) => d.stage === 'accept').map((d) => d.level)).toEqual(ladder.map((r) => r.level));

    // One SMS per rung and recipient with a phone, rendered from its template, each under its own key.
    const withPhone = new Set(
      (
        await s.ctx.db
          .selectFrom('users')
          .select('id')
          .where('id', 'in', [...new Set(data.flatMap((d) => d.recipients)), -1])
          .where('phone', 'is not', null)
          .execute()
      ).map((u) => u.id),
    );
    const expected = data.reduce((n, d) => n + d.recipients.filter((id) => withPhone.has(id)).length, 0);
    expect(expected).toBeGreaterThan(0);
    const sms = await s.ctx.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'payload'])
      .where('type', '=', 'sms.send')
      .where('dedupe_key', 'like', `ticket:${t.id}:esc:%`)
      .execute();
    expect(sms.length).toBe(expected);
    for (const j of sms) {
      const p = j.payload as { template: string; body: string; params: { number: string } };
      expect(p.template).toBe('ticket_escalated');
      expect(p.body).toContain(p.params.number);
    }
    // One in-app notice per rung and recipient.
    expect(await sent(t.id, 'ticket.escalated')).toBe(data.reduce((n, d) => n + new Set(d.recipients).size, 0));
    const row = await s.ctx.db
      .selectFrom('tickets')
      .select('escalation_level')
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row.escalation_level).toBe(ladder.length);
    expect(await nextCheck(t.id)).toBeNull();

    const second = await slaSweep(s.ctx, far);
    expect(second.escalated).toBe(0);
    const events2 = await s.ctx.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'sla_escalate')
      .execute();
    expect(events2.length).toBe(events.length);
    const sms2 = await s.ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', 'like', `ticket:${t.id}:esc:%`)
      .execute();
    expect(sms2.length).toBe(sms.length);
  });
});
