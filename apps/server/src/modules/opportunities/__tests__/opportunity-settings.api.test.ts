import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import type { BusEvent } from '../../../platform/events/event-bus';

// The pool's configuration: the settings (claim timeout, merge window, approval thresholds) and each hotline agent's
// claim scope (product groups and districts), who may change them, what is refused, and what the pool does after.

let s: TestServer;
let agent: Client;
let supSh: Client;
let admin: Client;
let agentId: number;
const org = async (code: string) =>
  s.ctx.db.selectFrom('orgs').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
const userId = async (username: string) =>
  (await s.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const storedScope = (id: number) =>
  s.ctx.db.selectFrom('opportunity_agent_scopes').selectAll().where('user_id', '=', id).executeTakeFirst();
const auditOf = (action: string) =>
  s.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();

async function createInPool(extra: Record<string, unknown>) {
  const res = await agent.post('/api/opportunities', {
    source: 'hotline',
    customerName: `上海范围测试${Math.random().toString(36).slice(2, 8)}有限公司`,
    contactName: '张先生',
    contactPhone: '13912345678',
    need: '范围测试',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number };
}

async function poolIds(c: Client): Promise<number[]> {
  const res = await c.get('/api/opportunities?view=pool&pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: number }) => i.id);
}

beforeAll(async () => {
  s = await startTestServer();
  [agent, supSh, admin] = await Promise.all([s.as('agent01'), s.as('sup_sh'), s.as('admin')]);
  agentId = await userId('agent01');
}, 120_000);
afterAll(async () => s?.close());

describe('opportunity settings', () => {
  it('lets a supervisor save with the version it read, refuses a stale save, and audits the change', async () => {
    const read = await agent.get('/api/opportunities/settings');
    expect(read.statusCode).toBe(200);
    const before = read.json();
    expect(before).toEqual({
      claimTimeoutMinutes: 30,
      duplicateWindowDays: 7,
      approvalThresholds: [1_000_000, 5_000_000],
      version: 1,
    });
    // the agent reads, but may not change them
    const denied = await agent.put('/api/opportunities/settings', { ...before, claimTimeoutMinutes: 5 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');

    const saved = await supSh.put('/api/opportunities/settings', {
      ...before,
      claimTimeoutMinutes: 45,
      approvalThresholds: [500_000, 2_000_000, 8_000_000],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ claimTimeoutMinutes: 45, version: 2 });

    // a second screen still holding version 1 is told, and changes nothing
    const stale = await admin.put('/api/opportunities/settings', { ...before, claimTimeoutMinutes: 10 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const now = (await agent.get('/api/opportunities/settings')).json();
    expect(now).toMatchObject({ claimTimeoutMinutes: 45, approvalThresholds: [500_000, 2_000_000, 8_000_000] });
    expect(now.version).toBe(2);

    const [audit] = await auditOf('opportunity.settings');
    expect(audit!.actor_id).toBe(await userId('sup_sh'));
    expect(audit!.before).toMatchObject({ claimTimeoutMinutes: 30, version: 1 });
    expect(audit!.after).toMatchObject({ claimTimeoutMinutes: 45, version: 2 });
  });

  it('refuses thresholds out of order, a zero timeout and a missing version with field errors', async () => {
    const cur = (await supSh.get('/api/opportunities/settings')).json();
    const bad = await supSh.put('/api/opportunities/settings', { ...cur, approvalThresholds: [5_000_000, 1_000_000] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json().details[0].field).toBe('body.approvalThresholds');
    const zero = await supSh.put('/api/opportunities/settings', { ...cur, claimTimeoutMinutes: 0 });
    expect(zero.json().details[0].field).toBe('body.claimTimeoutMinutes');
    const { version: _v, ...noVersion } = cur;
    expect((await supSh.put('/api/opportunities/settings', noVersion)).statusCode).toBe(400);
    expect((await supSh.get('/api/opportunities/settings')).json()).toEqual(cur);
  });

  it('gives a new claim the saved timeout', async () => {
    const cur = (await supSh.get('/api/opportunities/settings')).json();
    expect((await supSh.put('/api/opportunities/settings', { ...cur, claimTimeoutMinutes: 90 })).statusCode).toBe(200);
    const o = await createInPool({ productCode: 'BIZ_BB' });
    const claimed = await agent.post(`/api/opportunities/${o.id}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(200);
    const d = (await agent.get(`/api/opportunities/${o.id}`)).json();
    const minutes = (new Date(d.claimExpiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(85);
    expect(minutes).toBeLessThanOrEqual(90);
  });
});

describe('agent claim scopes', () => {
  it('is refused to agents and customers, and to anyone signed out', async () => {
    const cust = await s.as('cust_user');
    for (const c of [agent, cust]) {
      for (const url of ['/api/opportunities/agent-scopes', '/api/opportunities/agent-scopes/options']) {
        const res = await c.get(url);
        expect(res.statusCode, `${c.username} ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      const put = await c.put(`/api/opportunities/agent-scopes/${agentId}`, { groups: ['cloud'], regionIds: [] });
      expect(put.statusCode).toBe(403);
    }
    expect((await s.anon.get('/api/opportunities/agent-scopes')).statusCode).toBe(401);
    expect(await storedScope(agentId)).toBeUndefined();
  });

  it('lists the hotline agents with their org and scope; search, org filter and pages', async () => {
    for (const c of [supSh, admin]) {
      const res = await c.get('/api/opportunities/agent-scopes?pageSize=100');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.total).toBe(6);
      const me = page.items.find((i: { username: string }) => i.username === 'agent01');
      expect(me).toMatchObject({
        userId: agentId,
        displayName: '孙佳怡',
        status: 'active',
        orgName: '10000号政企热线一班',
        groups: [],
        regions: [],
      });
    }
    const byName = (await supSh.get(`/api/opportunities/agent-scopes?q=${encodeURIComponent('孙佳')}`)).json();
    expect(byName.items.map((i: { username: string }) => i.username)).toEqual(['agent01']);
    const team2 = await org('SH-ZQ-HL-2');
    const inTeam2 = (await supSh.get(`/api/opportunities/agent-scopes?orgId=${team2.id}`)).json();
    expect(inTeam2.total).toBeGreaterThan(0);
    expect(inTeam2.items.every((i: { orgId: number }) => i.orgId === team2.id)).toBe(true);
    const first = (await supSh.get('/api/opportunities/agent-scopes?pageSize=4&page=1')).json();
    const second = (await supSh.get('/api/opportunities/agent-scopes?pageSize=4&page=2')).json();
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    expect(second.total).toBe(6);

    const options = (await supSh.get('/api/opportunities/agent-scopes/options')).json();
    expect(options.regions.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['SH-PD-ZJ']));
    expect(options.regions.find((r: { code: string }) => r.code === 'SH-PD-ZJ').parentName).toBe('浦东分公司');
    expect(options.orgs.map((o: { name: string }) => o.name)).toEqual(['10000号政企热线一班', '10000号政企热线二班']);
  });

  it('keeps a district supervisor to the agents inside its own subtree', async () => {
    const supPd = await s.as('sup_pd');
    const list = (await supPd.get('/api/opportunities/agent-scopes')).json();
    expect(list.total).toBe(0);
    const put = await supPd.put(`/api/opportunities/agent-scopes/${agentId}`, { groups: ['cloud'], regionIds: [] });
    expect(put.statusCode).toBe(404);
    expect(put.json().code).toBe('OPPORTUNITY_AGENT_NOT_FOUND');
    expect(await storedScope(agentId)).toBeUndefined();
  });

  it('refuses an unknown group, an unknown region and a user who is not an agent, changing nothing', async () => {
    const zj = await org('SH-PD-ZJ');
    const team = await org('SH-PD-ZJ-AM');
    const group = await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, {
      groups: ['cloud', 'satellite'],
      regionIds: [zj.id],
    });
    expect(group.statusCode).toBe(400);
    expect(group.json().code).toBe('VALIDATION_FAILED');
    expect(group.json().details).toEqual([
      expect.objectContaining({ field: 'body.groups.1', message: '未知的产品组 / Unknown product group' }),
    ]);
    // a team is not a district, and a made-up id is nothing
    for (const regionIds of [[zj.id, team.id], [999_999]]) {
      const region = await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, { groups: ['cloud'], regionIds });
      expect(region.statusCode).toBe(400);
      expect(region.json().code).toBe('OPPORTUNITY_UNKNOWN_REGION');
      expect(region.json().details[0].field).toBe('body.regionIds');
    }
    const notAgent = await supSh.put(`/api/opportunities/agent-scopes/${await userId('am_pd01')}`, {
      groups: ['cloud'],
      regionIds: [],
    });
    expect(notAgent.statusCode).toBe(400);
    expect(notAgent.json().code).toBe('OPPORTUNITY_NOT_AGENT');
    const nobody = await supSh.put('/api/opportunities/agent-scopes/999999', { groups: [], regionIds: [] });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().code).toBe('OPPORTUNITY_AGENT_NOT_FOUND');
    const dup = await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, {
      groups: ['cloud', 'cloud'],
      regionIds: [],
    });
    expect(dup.statusCode).toBe(400);

    expect(await storedScope(agentId)).toBeUndefined();
    expect(await storedScope(await userId('am_pd01'))).toBeUndefined();
    expect(await auditOf('opportunity.agent_scope')).toHaveLength(0);
  });

  it('narrows the live pool at once, tells the agent to reload, audits, and widening brings items back', async () => {
    const [zj, xh] = await Promise.all([org('SH-PD-ZJ'), org('SH-SN-XH')]);
    const zjBroadband = await createInPool({ productCode: 'BIZ_BB', districtOrgId: zj.id });
    const zjLine = await createInPool({ productCode: 'LINE_MSTP', districtOrgId: zj.id });
    const xhBroadband = await createInPool({ productCode: 'SHOP_BB', districtOrgId: xh.id });
    // no district named: the whole province
    const province = await createInPool({ productCode: 'CLOUD_PC' });
    const mine = [zjBroadband.id, zjLine.id, xhBroadband.id, province.id];
    expect(await poolIds(agent)).toEqual(expect.arrayContaining(mine));

    const events: BusEvent[] = [];
    const off = s.ctx.events.subscribe((e) => events.push(e));
    const res = await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, {
      groups: ['broadband'],
      regionIds: [zj.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      userId: agentId,
      groups: ['broadband'],
      regions: [{ id: zj.id, name: '张江区局' }],
    });
    await expect
      .poll(() => events.some((e) => e.topic === 'opportunity.changed' && e.userIds?.includes(agentId)))
      .toBe(true);
    off();

    const narrowed = await poolIds(agent);
    expect(narrowed).toContain(zjBroadband.id);
    expect(narrowed).not.toContain(zjLine.id);
    expect(narrowed).not.toContain(xhBroadband.id);
    expect(narrowed).not.toContain(province.id);
    // nor can it be claimed or opened
    const claim = await agent.post(`/api/opportunities/${xhBroadband.id}/claim`);
    expect(claim.statusCode).toBe(403);
    expect(claim.json().code).toBe('OPPORTUNITY_NOT_ENTITLED');
    expect((await agent.get(`/api/opportunities/${zjLine.id}`)).statusCode).toBe(404);
    // the list shows the new scope
    const listed = (await supSh.get(`/api/opportunities/agent-scopes?q=agent01`)).json().items[0];
    expect(listed).toMatchObject({ groups: ['broadband'], regions: [{ id: zj.id, name: '张江区局' }] });

    const [audit] = await auditOf('opportunity.agent_scope');
    expect(audit!.entity_id).toBe(String(agentId));
    expect(audit!.before).toEqual({ groups: [], regionPaths: [], regionNames: [] });
    expect(audit!.after).toEqual({ groups: ['broadband'], regionPaths: [zj.path], regionNames: ['张江区局'] });

    // a district without a group filter: every product of Xuhui, nothing of Zhangjiang, and what has no district
    // yet (the province's), which the agent may also claim
    await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, { groups: [], regionIds: [xh.id] });
    const xhOnly = await poolIds(agent);
    expect(xhOnly).toContain(xhBroadband.id);
    expect(xhOnly).toContain(province.id);
    expect(xhOnly).not.toContain(zjBroadband.id);
    expect((await agent.post(`/api/opportunities/${province.id}/claim`)).statusCode).toBe(200);

    // empty lists mean all again
    const widened = await supSh.put(`/api/opportunities/agent-scopes/${agentId}`, { groups: [], regionIds: [] });
    expect(widened.json()).toMatchObject({ groups: [], regions: [] });
    expect(await poolIds(agent)).toEqual(expect.arrayContaining(mine.filter((id) => id !== province.id)));
    expect((await agent.post(`/api/opportunities/${xhBroadband.id}/claim`)).statusCode).toBe(200);
  });
});
