import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

let s: TestServer;
let admin: Client;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
});
afterAll(async () => {
  await s?.close();
});

describe('ticket configuration is data an administrator edits', () => {
  it('settings round-trip, and bad values are refused', async () => {
    const cur = (await admin.get('/api/ticket-config/settings')).json();
    expect(cur.warnShare).toBe(0.8);
    const saved = await admin.put('/api/ticket-config/settings', { ...cur, warnShare: 0.7 });
    expect(saved.statusCode).toBe(200);
    expect((await admin.get('/api/ticket-config/settings')).json().warnShare).toBe(0.7);
    const bad = await admin.put('/api/ticket-config/settings', { ...cur, warnShare: 5 });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get('/api/ticket-config/settings')).json().warnShare).toBe(0.7);
  });

  it('the calendar holds 2025 and 2026 and saves edits', async () => {
    const cal = (await admin.get('/api/ticket-config/calendar')).json();
    expect(cal.years.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const edited = { ...cal, workingHours: [{ start: '09:00', end: '17:00' }] };
    expect((await admin.put('/api/ticket-config/calendar', edited)).statusCode).toBe(200);
    expect((await admin.get('/api/ticket-config/calendar')).json().workingHours).toEqual([
      { start: '09:00', end: '17:00' },
    ]);
  });

  it('an edited SLA policy drives the next ticket’s deadlines', async () => {
    const policies = (await admin.get('/api/ticket-config/sla-policies')).json();
    const req = policies.find((p: { id: string }) => p.id === 'request.default');
    req.limits.accept = { amount: 3, unit: 'hours', clock: '24x7' };
    expect((await admin.put('/api/ticket-config/sla-policies', { policies })).statusCode).toBe(200);
    const cust = await s.as('cust_user');
    const me = (await cust.get('/api/me')).json();
    const t = (
      await cust.post('/api/tickets', {
        type: 'inquiry',
        customerId: me.customerId,
        channel: 'web',
        title: '咨询云电脑资费',
        description: '',
        contactName: '郑晓东',
        contactPhone: '13916000002',
      })
    ).json().ticket;
    const clock = await s.ctx.db
      .selectFrom('ticket_stage_clocks')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .where('stage', '=', 'accept')
      .executeTakeFirstOrThrow();
    expect(clock.deadline.getTime() - clock.started_at.getTime()).toBe(3 * 3600_000);
  });

  it('routing rules: create, stale edit refused, delete', async () => {
    const created = await admin.post('/api/ticket-config/routing-rules', {
      position: 5,
      name: '建议交区局调度',
      requestTypes: ['suggestion'],
      targetKind: 'district_function',
      targetFunction: 'dispatch',
    });
    expect(created.statusCode).toBe(200);
    const r = created.json();
    const ok = await admin.put(`/api/ticket-config/routing-rules/${r.id}`, {
      ...stripMeta(r),
      version: r.version,
      strategy: 'least_loaded',
    });
    expect(ok.json().strategy).toBe('least_loaded');
    const stale = await admin.put(`/api/ticket-config/routing-rules/${r.id}`, {
      ...stripMeta(r),
      version: r.version,
      name: '旧版本',
    });
    expect(stale.statusCode).toBe(409);
    const missingTarget = await admin.post('/api/ticket-config/routing-rules', {
      position: 6,
      name: '缺目标',
      targetKind: 'org',
    });
    expect(missingTarget.statusCode).toBe(400);
    expect((await admin.delete(`/api/ticket-config/routing-rules/${r.id}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/ticket-config/routing-rules/${r.id}`)).statusCode).toBe(404);
  });
});

function stripMeta(r: Record<string, unknown>) {
  const { id: _id, version: _v, ...rest } = r;
  return rest;
}
