import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { buildAuthContext } from '../../../platform/auth/scope';
import { shouldDeliver } from '../../../platform/events/sse';
import { BY_ORG_HEADERS, BY_PERSON_HEADERS, SHEET_NAMES } from '../ticket-monitor.xlsx';

// A small, fully known set of tickets in 张江区局, one in another district, with clocks put where the
// figures can be checked by hand: on time, past the warning, past the deadline, paused.

let s: TestServer;
let cust: Client;
let am: Client;
let supPd: Client;
let supCity: Client;
let admin: Client;
let customerId: number;
const t: Record<string, number> = {};
let org: Record<string, { id: number; path: string }>;

const install = (title: string) => ({
  type: 'new_install',
  customerId,
  channel: 'web',
  title,
  description: '监控统计测试',
  contactName: '郑晓东',
  contactPhone: '13916000002',
  productName: '商务宽带 300M',
  installAddress: '上海市浦东新区张江路 1388 号',
});

async function act(c: Client, id: number, body: Record<string, unknown>) {
  const cur = (await c.get(`/api/tickets/${id}`)).json();
  const res = await c.post(`/api/tickets/${id}/actions`, { version: cur.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function create(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/tickets', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().ticket.id as number;
}

const clocks = (ticketId: number, stage: string) =>
  s.ctx.db
    .updateTable('ticket_stage_clocks')
    .where('ticket_id', '=', ticketId)
    .where('stage', '=', stage)
    .where('ended_at', 'is', null);
const minutes = (m: number) => new Date(Date.now() + m * 60_000);

beforeAll(async () => {
  s = await startTestServer();
  [cust, am, supPd, supCity, admin] = (await Promise.all(
    ['cust_user', 'am_pd01', 'sup_pd', 'sup_city', 'admin'].map((u) => s.as(u)),
  )) as [Client, Client, Client, Client, Client];
  customerId = (await cust.get('/api/me')).json().customerId;
  const orgs = await s.ctx.db.selectFrom('orgs').select(['id', 'code', 'path']).execute();
  org = Object.fromEntries(orgs.map((o) => [o.code, { id: o.id, path: o.path }]));

  // T1, T2: the whole loop, rated 5 and 3.
  for (const [name, stars] of [
    ['T1', 5],
    ['T2', 3],
  ] as const) {
    t[name] = await create(cust, install(`监控-${name}`));
    await act(am, t[name]!, { action: 'accept' });
    await act(am, t[name]!, { action: 'start' });
    await act(am, t[name]!, { action: 'resolve', result: '已开通' });
    await act(cust, t[name]!, { action: 'confirm' });
    await act(cust, t[name]!, { action: 'rate', rating: stars });
  }
  // T3: accepted. T4: still waiting to be accepted. T5: accepted late.
  t.T3 = await create(cust, install('监控-T3'));
  await act(am, t.T3, { action: 'accept' });
  t.T4 = await create(cust, install('监控-T4'));
  t.T5 = await create(cust, install('监控-T5'));
  await clocks(t.T5, 'accept')
    .set({ warn_at: minutes(-120), deadline: minutes(-60) })
    .execute();
  await act(am, t.T5, { action: 'accept' });
  // T6: withdrawn. T7: waiting for the customer (resolve clock paused).
  t.T6 = await create(cust, install('监控-T6'));
  await act(cust, t.T6, { action: 'withdraw', reason: '不需要了' });
  t.T7 = await create(cust, install('监控-T7'));
  await act(am, t.T7, { action: 'accept' });
  await act(am, t.T7, { action: 'start' });
  await act(am, t.T7, { action: 'suspend', reason: '等待客户确认机房' });
  // F: a fault, handled by the monitoring centre outside the district.
  const svc = await s.ctx.db
    .selectFrom('customer_services')
    .select(['service_number', 'business_category'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  t.F = await create(cust, {
    type: 'fault',
    customerId,
    channel: 'h5',
    title: '宽带中断',
    description: '',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    businessCategory: svc.business_category,
    productInstance: svc.service_number,
    symptom: '整层无法上网',
  });
  // O: a customer of 徐汇区局, raised by the hotline.
  const other = await s.ctx.db
    .selectFrom('customers')
    .select('id')
    .where('district_org_id', '=', org['SH-SN-XH']!.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const agent = await s.as('agent01');
  t.O = await create(agent, { ...install('监控-O'), customerId: other.id, channel: 'hotline' });

  // Running clocks: well within time, then the exceptions.
  const mine = Object.values(t);
  await s.ctx.db
    .updateTable('ticket_stage_clocks')
    .set({ warn_at: minutes(60), deadline: minutes(120) })
    .where('ticket_id', 'in', mine)
    .where('ended_at', 'is', null)
    .where(sql<boolean>`not exists (select 1 from jsonb_array_elements(pauses) p where p->>'to' is null)`)
    .execute();
  await clocks(t.T4, 'accept')
    .set({ warn_at: minutes(-120), deadline: minutes(-60) })
    .execute();
  await clocks(t.T3, 'feedback')
    .set({ warn_at: minutes(-5), deadline: minutes(60) })
    .execute();
  // A paused clock whose stored deadline has passed is neither backlog-breached nor a breach.
  await clocks(t.T7, 'resolve')
    .set({ warn_at: minutes(-60), deadline: minutes(-30) })
    .execute();
});
afterAll(async () => {
  await s?.close();
});

describe('summary', () => {
  it('counts volumes, backlog, breaches, timeliness and satisfaction of the district', async () => {
    const res = await supPd.get('/api/ticket-monitor/summary');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.org).toMatchObject({ id: org['SH-PD-ZJ']!.id, name: '张江区局', type: 'district' });
    expect(m.period.days).toBe(30);
    // T1–T7 and F; O belongs to another district.
    expect(m.totals).toEqual({ received: 8, resolved: 2, closed: 2, cancelled: 1, openBacklog: 5, breaches: 2 });
    const status = Object.fromEntries(
      m.backlogByStatus.map((b: { status: string; count: number }) => [b.status, b.count]),
    );
    expect(status).toMatchObject({
      dispatched: 2,
      accepted: 2,
      pending_customer: 1,
      submitted: 0,
      resolved: 0,
      in_progress: 0,
    });
    const stage = Object.fromEntries(m.backlogByStage.map((b: { stage: string }) => [b.stage, b]));
    expect(stage.accept).toEqual({ stage: 'accept', ok: 1, warning: 0, breached: 1, paused: 0, total: 2 });
    expect(stage.feedback).toEqual({ stage: 'feedback', ok: 2, warning: 1, breached: 0, paused: 0, total: 3 });
    expect(stage.resolve).toEqual({ stage: 'resolve', ok: 4, warning: 0, breached: 0, paused: 1, total: 5 });
    expect(stage.dispatch.total).toBe(0);
    expect(m.breachesByStage.find((b: { stage: string }) => b.stage === 'accept').count).toBe(2);
    expect(m.breachesByStage.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(2);
    // Ended clocks (cancelled T6 left out): dispatch 7/7, accept 5 with T5 late, feedback 3/3, resolve 2/2.
    expect(m.timeliness.ended).toBe(17);
    expect(m.timeliness.onTime).toBe(16);
    expect(m.timeliness.rate).toBeCloseTo(16 / 17, 4);
    const rate = Object.fromEntries(m.timelinessByStage.map((r: { stage: string }) => [r.stage, r]));
    expect(rate.dispatch).toMatchObject({ ended: 7, onTime: 7, rate: 1 });
    expect(rate.accept).toMatchObject({ ended: 5, onTime: 4, rate: 0.8 });
    expect(rate.feedback).toMatchObject({ ended: 3, onTime: 3 });
    expect(rate.resolve).toMatchObject({ ended: 2, onTime: 2 });
    expect(rate.recovery_confirm).toMatchObject({ ended: 0, onTime: 0, rate: null });
    expect(m.satisfaction).toEqual({ rated: 2, average: 4, goodShare: 0.5, distribution: [0, 0, 1, 0, 1] });
    expect(m.volumesByType).toEqual([
      { type: 'new_install', count: 7 },
      { type: 'fault', count: 1 },
    ]);
    expect(m.trend).toHaveLength(30);
    const sum = (k: string) => m.trend.reduce((n: number, d: Record<string, number>) => n + d[k]!, 0);
    expect([sum('received'), sum('closed'), sum('breaches')]).toEqual([8, 2, 2]);
    expect(m.trend.at(-1).day).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  });

  it('a dispatcher of the district sees the same; the administrator sees every district', async () => {
    const disp = await s.as('disp_pd');
    const d = (await disp.get('/api/ticket-monitor/summary')).json();
    expect(d.org.name).toBe('张江区局');
    expect(d.totals.received).toBe(8);
    const a = (await admin.get('/api/ticket-monitor/summary')).json();
    expect(a.totals.received).toBe(9);
    const aZj = (await admin.get(`/api/ticket-monitor/summary?orgId=${org['SH-PD-ZJ']!.id}`)).json();
    expect(aZj.totals).toEqual(d.totals);
  });

  it('a period with nothing in it has no rates, but the backlog is still now', async () => {
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    const m = (await supPd.get(`/api/ticket-monitor/summary?from=${tomorrow}&to=${tomorrow}`)).json();
    expect(m.period).toEqual({ from: tomorrow, to: tomorrow, days: 1 });
    expect(m.totals).toMatchObject({ received: 0, closed: 0, breaches: 0, openBacklog: 5 });
    expect(m.timeliness.rate).toBeNull();
    expect(m.satisfaction.average).toBeNull();
    expect(m.trend).toEqual([{ day: tomorrow, received: 0, closed: 0, breaches: 0 }]);
  });

  it('rejects a reversed or too long period', async () => {
    expect((await supPd.get('/api/ticket-monitor/summary?from=2026-02-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await supPd.get('/api/ticket-monitor/summary?from=2024-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await supPd.get('/api/ticket-monitor/summary?from=yesterday')).statusCode).toBe(400);
  });
});

describe('scope', () => {
  it('customers, technicians and account managers may not monitor', async () => {
    for (const u of ['cust_user', 'cust_admin', 'tech_pd01', 'am_pd01', 'partner01']) {
      const c = await s.as(u);
      for (const path of ['summary', 'by-org', 'by-person', 'export.xlsx']) {
        expect((await c.get(`/api/ticket-monitor/${path}`)).statusCode, `${u} ${path}`).toBe(403);
      }
    }
    expect((await s.anon.get('/api/ticket-monitor/summary')).statusCode).toBe(401);
  });

  it('a district supervisor cannot look at another district or upwards', async () => {
    expect((await supPd.get(`/api/ticket-monitor/summary?orgId=${org['SH-SN-XH']!.id}`)).statusCode).toBe(403);
    expect((await supPd.get(`/api/ticket-monitor/by-org?orgId=${org['SH-PD']!.id}`)).statusCode).toBe(403);
    expect((await supPd.get('/api/ticket-monitor/by-person?orgId=999999')).statusCode).toBe(404);
  });
});

describe('by org, drill-down and by person', () => {
  it('the branch sees one row per district; 张江 holds everything, the fault included', async () => {
    const res = await supCity.get('/api/ticket-monitor/by-org');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.org.name).toBe('浦东分公司');
    expect(b.path.map((p: { name: string }) => p.name)).toEqual(['浦东分公司']);
    expect(b.rows.map((r: { orgName: string }) => r.orgName)).toEqual([
      '陆家嘴区局',
      '张江区局',
      '川沙区局',
      '临港区局',
    ]);
    const zj = b.rows.find((r: { orgName: string }) => r.orgName === '张江区局');
    expect(zj).toMatchObject({
      orgId: org['SH-PD-ZJ']!.id,
      self: false,
      hasChildren: true,
      received: 8,
      closed: 2,
      openBacklog: 5,
      breaches: 2,
      ended: 17,
      onTime: 16,
      rated: 2,
      avgRating: 4,
    });
    expect(zj.rate).toBeCloseTo(16 / 17, 4);
    const others = b.rows.filter((r: { orgName: string }) => r.orgName !== '张江区局');
    expect(
      others.every((r: { received: number; openBacklog: number }) => r.received === 0 && r.openBacklog === 0),
    ).toBe(true);
    expect(b.total).toMatchObject({ received: 8, closed: 2, openBacklog: 5, breaches: 2, ended: 17, onTime: 16 });
  });

  it('drilling into 张江 shows its teams, and the fault held outside under 本级', async () => {
    const b = (await supCity.get(`/api/ticket-monitor/by-org?orgId=${org['SH-PD-ZJ']!.id}`)).json();
    expect(b.path.map((p: { name: string }) => p.name)).toEqual(['浦东分公司', '张江区局']);
    const byName = Object.fromEntries(b.rows.map((r: { orgName: string }) => [r.orgName, r]));
    expect(byName['张江政企客户经理组']).toMatchObject({
      received: 7,
      closed: 2,
      openBacklog: 4,
      breaches: 2,
      ended: 16,
      onTime: 15,
      hasChildren: false,
    });
    expect(byName['张江调度组']).toMatchObject({ received: 0, openBacklog: 0 });
    expect(byName['张江区局（本级）']).toMatchObject({ self: true, received: 1, openBacklog: 1, ended: 1, onTime: 1 });
    expect(b.total.received).toBe(8);
    // The district supervisor's default is its own district: the same rows.
    const own = (await supPd.get('/api/ticket-monitor/by-org')).json();
    expect(own.rows).toEqual(b.rows);
    expect(own.path.map((p: { name: string }) => p.name)).toEqual(['张江区局']);
  });

  it('by person: the account manager who handled them', async () => {
    const res = await supPd.get('/api/ticket-monitor/by-person');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userName: '王志强',
      role: 'account_manager',
      orgName: '张江政企客户经理组',
      received: 7,
      closed: 2,
      openBacklog: 4,
      breaches: 2,
      ended: 16,
      onTime: 15,
      rated: 2,
      avgRating: 4,
    });
    // Nobody of 陆家嘴 handled anything.
    const ljz = (await supCity.get(`/api/ticket-monitor/by-person?orgId=${org['SH-PD-LJZ']!.id}`)).json();
    expect(ljz.rows).toEqual([]);
  });
});

describe('Excel export', () => {
  it('is a workbook with the summary, by-org and by-person sheets and Chinese headers', async () => {
    const res = await supPd.get('/api/ticket-monitor/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(
      /^工单监控_张江区局_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES));
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(header(SHEET_NAMES.byOrg)).toEqual(BY_ORG_HEADERS);
    expect(header(SHEET_NAMES.byPerson)).toEqual(BY_PERSON_HEADERS);
    expect(header(SHEET_NAMES.summary)).toEqual(['指标', '数值']);
    const orgSheet = wb.getWorksheet(SHEET_NAMES.byOrg)!;
    const team = orgSheet.getRow(2);
    expect(team.getCell(1).value).toBe('张江政企客户经理组');
    expect(team.getCell(2).value).toBe(7);
    expect(team.getCell(8).numFmt).toBe('0.0%');
    expect(team.getCell(8).value).toBeCloseTo(15 / 16, 4);
    expect(team.getCell(10).numFmt).toBe('0.00');
    const person = wb.getWorksheet(SHEET_NAMES.byPerson)!.getRow(2);
    expect([person.getCell(1).value, person.getCell(2).value]).toEqual(['王志强', '客户经理']);
    const summary = wb.getWorksheet(SHEET_NAMES.summary)!;
    const received = summary.getColumn(1).values.findIndex((v) => v === '受理量');
    expect(summary.getRow(received).getCell(2).value).toBe(8);
  });
});

describe('live refresh', () => {
  it('ticket.changed reaches those whose scope covers the district or the handling unit', async () => {
    const users = await s.ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'org_id', 'org_path', 'customer_id'])
      .execute();
    const viewer = (username: string) => {
      const u = users.find((x) => x.username === username)!;
      return buildAuthContext(
        {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role as never,
          orgId: u.org_id,
          orgPath: u.org_path,
          customerId: u.customer_id,
          lang: 'zh',
        },
        null,
        null,
      );
    };
    const zj = org['SH-PD-ZJ']!.path;
    const noc = org['SH-ZQ-NOC-1']!.path;
    const fault = {
      topic: 'ticket.changed',
      data: { id: t.F, orgPath: zj, assigneeOrgPath: noc, customerId, userIds: [] },
    };
    expect(shouldDeliver(fault, viewer('sup_pd'))).toBe(true);
    expect(shouldDeliver(fault, viewer('noc01'))).toBe(true);
    expect(shouldDeliver(fault, viewer('cust_admin'))).toBe(true);
    expect(shouldDeliver(fault, viewer('sup_sn'))).toBe(false);
    expect(shouldDeliver(fault, viewer('tech_pd01'))).toBe(false);
    const tech = users.find((x) => x.username === 'tech_pd01')!;
    expect(shouldDeliver({ ...fault, data: { ...fault.data, userIds: [tech.id] } }, viewer('tech_pd01'))).toBe(true);
  });
});
