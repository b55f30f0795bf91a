import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCount, startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { slaSweep } from '../ticket-sla.job';

let s: TestServer;
let cust: Client;
let am: Client;
let ownCustomerId: number;

beforeAll(async () => {
  s = await startTestServer();
  cust = await s.as('cust_user');
  am = await s.as('am_pd01');
  ownCustomerId = (await cust.get('/api/me')).json().customerId;
});
afterAll(async () => {
  await s?.close();
});

const install = () => ({
  type: 'new_install',
  customerId: ownCustomerId,
  channel: 'web',
  title: '新办公室开通商务宽带',
  description: '张江新办公室需要 300M 商务宽带一条',
  contactName: '郑晓东',
  contactPhone: '13916000002',
  productName: '商务宽带 300M',
  installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
});

async function act(c: Client, id: number, body: Record<string, unknown>) {
  const cur = (await c.get(`/api/tickets/${id}`)).json();
  return c.post(`/api/tickets/${id}/actions`, { version: cur.version, ...body });
}

const nextCheck = async (id: number) =>
  (
    await s.ctx.db
      .selectFrom('ticket_sla_checks')
      .select('next_check_at')
      .where('ticket_id', '=', id)
      .executeTakeFirst()
  )?.next_check_at ?? null;

async function smsTemplates(phone: string) {
  const jobs = await s.ctx.db
    .selectFrom('jobs')
    .select('payload')
    .where('type', '=', 'sms.send')
    .orderBy('id')
    .execute();
  return jobs
    .map((j) => j.payload as { phone: string; template: string; body: string })
    .filter((p) => p.phone === phone);
}

describe('the closed loop: request → dispatch → accept → resolve → reopen → confirm → rate', () => {
  let id: number;

  it('a customer submits; the rules dispatch it to its account manager with stored deadlines', async () => {
    const res = await cust.post('/api/tickets', install());
    expect(res.statusCode).toBe(200);
    const t = res.json().ticket;
    id = t.id;
    expect(t.number).toMatch(/^GD\d{8}\d{6}$/);
    expect(t.status).toBe('dispatched');
    expect(t.assigneeUserName).toBe('王志强');
    // Staff see the clocks; the customer does not.
    expect(t.clocks).toEqual([]);
    const staffView = (await am.get(`/api/tickets/${id}`)).json();
    const stages = staffView.clocks.map(
      (c: { stage: string; endedAt: string | null }) => `${c.stage}:${c.endedAt ? 'ended' : 'running'}`,
    );
    expect(stages).toEqual(
      expect.arrayContaining(['dispatch:ended', 'feedback:running', 'resolve:running', 'accept:running']),
    );
    expect(staffView.allowedActions).toContain('accept');
    expect(staffView.stageDeadline).not.toBeNull();
    const notes = await s.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', staffView.assigneeUserId)
      .execute();
    expect(notes.map((n) => n.kind)).toContain('ticket.dispatched');
  });

  it('refuses an action the state machine does not allow, and changes nothing', async () => {
    const before = (await am.get(`/api/tickets/${id}`)).json();
    const res = await act(cust, id, { action: 'confirm' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TICKET_ILLEGAL_TRANSITION');
    const after = (await am.get(`/api/tickets/${id}`)).json();
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version);
  });

  it('detects a stale version (409) instead of overwriting', async () => {
    const cur = (await am.get(`/api/tickets/${id}`)).json();
    const res = await am.post(`/api/tickets/${id}/actions`, { version: cur.version - 1, action: 'accept' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
  });

  it('the account manager accepts; the customer gets an SMS', async () => {
    const res = await act(am, id, { action: 'accept' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('accepted');
    expect((await smsTemplates('13916000002')).map((m) => m.template)).toContain('ticket_accepted');
  });

  it('waiting for the customer pauses the resolve clock and moves its deadline out', async () => {
    expect((await act(am, id, { action: 'start' })).json().status).toBe('in_progress');
    const before = (await am.get(`/api/tickets/${id}`))
      .json()
      .clocks.find((c: { stage: string }) => c.stage === 'resolve');
    expect((await act(am, id, { action: 'suspend', reason: '等待客户确认机房位置' })).json().status).toBe(
      'pending_customer',
    );
    await new Promise((r) => setTimeout(r, 50));
    const resumed = await act(cust, id, { action: 'resume' });
    expect(resumed.json().status).toBe('in_progress');
    const after = (await am.get(`/api/tickets/${id}`))
      .json()
      .clocks.find((c: { stage: string }) => c.stage === 'resolve');
    expect(after.pausedMs).toBeGreaterThan(0);
    expect(Date.parse(after.deadline)).toBeGreaterThanOrEqual(Date.parse(before.deadline));
  });

  it('resolves with a result; the customer gets the confirm link', async () => {
    const missing = await act(am, id, { action: 'resolve' });
    expect(missing.json().code).toBe('TICKET_RESULT_REQUIRED');
    const res = await act(am, id, { action: 'resolve', result: '宽带已开通，测速 300M 达标' });
    expect(res.json().status).toBe('resolved');
    const sms = (await smsTemplates('13916000002')).find((m) => m.template === 'ticket_resolved');
    expect(sms?.body).toContain(`/my/tickets/${id}`);
  });

  it('an unsatisfied customer reopens; it goes straight back to the same unit', async () => {
    const res = await act(cust, id, { action: 'reopen', reason: '楼层交换机没有信号' });
    expect(res.statusCode).toBe(200);
    const t = (await am.get(`/api/tickets/${id}`)).json();
    expect(t.status).toBe('dispatched');
    expect(t.assigneeUserName).toBe('王志强');
    expect(t.events.map((e: { action: string }) => e.action)).toContain('reopen');
  });

  it('handled again, the customer confirms and rates; the timeline tells the whole story', async () => {
    await act(am, id, { action: 'accept' });
    await act(am, id, { action: 'start' });
    await act(am, id, { action: 'resolve', result: '更换楼层交换机端口，已恢复' });
    expect((await act(cust, id, { action: 'confirm' })).json().status).toBe('closed');
    const rated = await act(cust, id, { action: 'rate', rating: 5, comment: '处理及时' });
    expect(rated.json().rating).toBe(5);
    expect((await act(cust, id, { action: 'rate', rating: 1 })).json().code).toBe('TICKET_ALREADY_RATED');
    const t = (await cust.get(`/api/tickets/${id}`)).json();
    const actions = t.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'submit',
      'dispatch',
      'accept',
      'start',
      'suspend',
      'resume',
      'resolve',
      'reopen',
      'dispatch',
      'accept',
      'start',
      'resolve',
      'confirm',
      'rate',
    ]);
    expect(t.events.every((e: { actorName: string; at: string }) => e.actorName && e.at)).toBe(true);
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'ticket')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('ticket.created');
    expect(audit).toHaveLength(12); // created + 11 actions
  });
});

describe('routing, duplicates and reclassification', () => {
  it('a fault goes to the monitoring centre queue; a member of that team takes it', async () => {
    const svc = await s.ctx.db
      .selectFrom('customer_services')
      .selectAll()
      .where('customer_id', '=', ownCustomerId)
      .where('status', '=', 'active')
      .where('business_category', '=', 'dedicated_line')
      .executeTakeFirstOrThrow();
    const res = await cust.post('/api/tickets', {
      type: 'fault',
      customerId: ownCustomerId,
      channel: 'h5',
      title: '专线中断',
      description: '',
      contactName: '郑晓东',
      contactPhone: '13916000002',
      businessCategory: 'dedicated_line',
      productInstance: svc.service_number,
      symptom: '专线全部中断，光猫 LOS 红灯',
      faultLevel: 'critical',
      circuit: { code: 'SH-ZJ-0001', level: 'AAA' },
    });
    expect(res.statusCode).toBe(200);
    const t = res.json().ticket;
    expect(t.assigneeOrgName).toBe('集中监控班');
    expect(t.assigneeUserId).toBeNull();
    const noc = await s.as('noc01');
    const accepted = await act(noc, t.id, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().assigneeUserName).not.toBeNull();

    const again = await cust.post('/api/tickets', {
      type: 'fault',
      customerId: ownCustomerId,
      channel: 'h5',
      title: '专线又断了',
      description: '',
      contactName: '郑晓东',
      contactPhone: '13916000002',
      businessCategory: 'dedicated_line',
      productInstance: svc.service_number,
      symptom: '还是中断',
    });
    expect(again.json().duplicateOf).toMatchObject({ id: t.id });
    expect(again.json().ticket.duplicateOfNumber).toBe(t.number);
  });

  it('raises one request per Idempotency-Key, and a repeat is answered as the first was', async () => {
    const count = () => rowCount(s.ctx.db, 'tickets');
    const body = { ...install(), title: '会议室加装无线网络' };
    const send = (key: string) =>
      cust.inject({ method: 'POST', url: '/api/tickets', payload: body, headers: { 'idempotency-key': key } });
    const before = await count();
    const [a, b] = await Promise.all([send('req-5d1e88a0'), send('req-5d1e88a0')]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
    expect(a.json().ticket.id).toBe(b.json().ticket.id);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].sort()).toEqual(['false', 'true']);
    expect(await count()).toBe(before + 1);
    // a second key with the same content is a new request, linked as a duplicate; its repeat says so too
    const second = await send('req-9c04b7f2');
    expect(second.json().duplicateOf).toMatchObject({ id: a.json().ticket.id });
    const repeat = await send('req-9c04b7f2');
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json()).toMatchObject({
      ticket: { id: second.json().ticket.id, number: second.json().ticket.number },
      duplicateOf: second.json().duplicateOf,
      reclassified: false,
    });
    expect(await count()).toBe(before + 2);
    expect((await send('short')).statusCode).toBe(400);
  });

  it('a fault on a line suspended for arrears becomes an inquiry and the customer is told', async () => {
    const svc = await s.ctx.db
      .selectFrom('customer_services')
      .select(['id', 'service_number'])
      .where('customer_id', '=', ownCustomerId)
      .executeTakeFirstOrThrow();
    await s.ctx.db
      .updateTable('customer_services')
      .set({ status: 'suspended_arrears' })
      .where('id', '=', svc.id)
      .execute();
    const res = await cust.post('/api/tickets', {
      type: 'fault',
      customerId: ownCustomerId,
      channel: 'web',
      title: '电话打不出去',
      description: '',
      contactName: '郑晓东',
      contactPhone: '13916000002',
      businessCategory: 'virtual_network',
      productInstance: svc.service_number,
      symptom: '所有分机无法外呼',
    });
    expect(res.json().reclassified).toBe(true);
    expect(res.json().ticket.type).toBe('inquiry');
    expect(res.json().ticket.reclassifiedFrom).toBe('fault');
    expect((await smsTemplates('13916000002')).map((m) => m.template)).toContain('ticket_reclassified');
  });
});

describe('bad input and foreign data', () => {
  it('rejects an unknown type and a missing per-type field', async () => {
    expect((await cust.post('/api/tickets', { ...install(), type: 'teleport' })).statusCode).toBe(400);
    const { installAddress: _drop, ...noAddress } = install();
    const res = await cust.post('/api/tickets', noAddress);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain('installAddress');
  });

  it('a customer cannot raise for, see or act on another enterprise', async () => {
    const other = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('id', '!=', ownCustomerId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const before = await s.ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await cust.post('/api/tickets', { ...install(), customerId: other.id });
    expect(res.statusCode).toBe(404);
    const after = await s.ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // A ticket of another enterprise, raised by the hotline.
    const agent = await s.as('agent01');
    const foreign = await agent.post('/api/tickets', { ...install(), customerId: other.id, channel: 'hotline' });
    expect(foreign.statusCode).toBe(200);
    const fid = foreign.json().ticket.id;
    expect((await cust.get(`/api/tickets/${fid}`)).statusCode).toBe(404);
    expect((await cust.post(`/api/tickets/${fid}/actions`, { version: 1, action: 'urge' })).statusCode).toBe(404);
    const list = (await cust.get('/api/tickets?pageSize=200')).json();
    expect(list.items.some((i: { id: number }) => i.id === fid)).toBe(false);
  });

  it("an org filter narrows a supervisor's queue and never widens it", async () => {
    const sup = await s.as('sup_pd');
    const admin = await s.as('admin');
    const ids = async (c: Client, q: string) => {
      const page = (await c.get(`/api/tickets?view=all&pageSize=200${q}`)).json() as {
        items: { id: number }[];
        total: number;
      };
      // the total is counted apart from the page (owned + held-only halves): it must agree with the rows
      expect(page.total).toBe(page.items.length);
      return page.items.map((i) => i.id).sort((a, b) => a - b);
    };
    const supOrg = await s.ctx.db
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select(['orgs.id', 'orgs.path'])
      .where('username', '=', 'sup_pd')
      .executeTakeFirstOrThrow();
    const root = await s.ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    // a ticket of an enterprise in another district, raised by the hotline
    const other = await s.ctx.db
      .selectFrom('customers')
      .select(['id', 'district_org_id'])
      .where('org_path', 'not like', `${supOrg.path}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const raised = await (
      await s.as('agent01')
    ).post('/api/tickets', {
      ...install(),
      customerId: other.id,
      channel: 'hotline',
      title: '外区工单',
    });
    expect(raised.statusCode).toBe(200);
    const foreign = { id: raised.json().ticket.id as number, orgId: other.district_org_id };
    const held = await s.ctx.db
      .selectFrom('tickets')
      .select('assignee_org_path')
      .where('id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    expect(held.assignee_org_path ?? '').not.toMatch(new RegExp(`^${supOrg.path}`));

    const all = await ids(sup, '');
    expect(all).not.toContain(foreign.id);
    // the whole tree as a filter is still only what the supervisor may see
    expect(await ids(sup, `&orgId=${root.id}`)).toEqual(all);
    expect(await ids(sup, `&orgId=${foreign.orgId}`)).not.toContain(foreign.id);
    expect(await ids(admin, `&orgId=${foreign.orgId}`)).toContain(foreign.id);
    // inside its own subtree the supervisor sees exactly what the administrator sees there
    const own = await ids(sup, `&orgId=${supOrg.id}`);
    expect(own.length).toBeGreaterThan(0);
    expect(own).toEqual(await ids(admin, `&orgId=${supOrg.id}`));
  });

  it('an account manager can pick a person to transfer to, least loaded first; a customer cannot list them', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '转派候选测试' })).json().ticket;
    const team = await s.ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('function', '=', 'field')
      .where('path', 'like', `${t.orgPath ?? ''}%`)
      .executeTakeFirst();
    const orgId =
      team?.id ??
      (await s.ctx.db.selectFrom('orgs').select('id').where('function', '=', 'field').executeTakeFirstOrThrow()).id;
    const res = await am.get(`/api/tickets/${t.id}/assignees?orgId=${orgId}`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: number; openTickets: number; role: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((p) => p.openTickets)).toEqual([...list.map((p) => p.openTickets)].sort((a, b) => a - b));
    expect((await cust.get(`/api/tickets/${t.id}/assignees?orgId=${orgId}`)).statusCode).toBe(403);
    expect((await am.get(`/api/tickets/${t.id}/assignees?orgId=abc`)).statusCode).toBe(400);
    // a ticket the technician cannot see tells it nothing about who could take it
    const tech = await s.as('tech_pd01');
    expect((await tech.get(`/api/tickets/${t.id}/assignees?orgId=${orgId}`)).json().code).toBe('TICKET_NOT_FOUND');
  });

  it('a copy needs a unit: a person alone is a form error, the same unit twice is one copy', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '抄送单位测试' })).json().ticket;
    const amUser = (await am.get('/api/me')).json();
    const personOnly = await act(am, t.id, { action: 'copy', targetUserId: amUser.id });
    expect(personOnly.statusCode).toBe(400);
    expect(personOnly.json().code).toBe('VALIDATION_FAILED');
    expect(personOnly.json().details[0].field).toBe('body.copyOrgIds');
    const twice = await act(am, t.id, { action: 'copy', copyOrgIds: [amUser.orgId, amUser.orgId] });
    expect(twice.statusCode).toBe(200);
    const copies = await s.ctx.db.selectFrom('ticket_copies').select('org_id').where('ticket_id', '=', t.id).execute();
    expect(copies).toEqual([{ org_id: amUser.orgId }]);
  });

  it('a technician sees only what it holds', async () => {
    const tech = await s.as('tech_pd01');
    const list = (await tech.get('/api/tickets?pageSize=200')).json();
    expect(list.total).toBe(0);
  });

  it('closed tickets refuse further work', async () => {
    const closed = await s.ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const res = await act(am, closed.id, { action: 'resolve', result: 'x' });
    expect(res.statusCode).toBe(409);
  });

  it('checks attachments by content, not by name', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const upload = (name: string, data: Buffer, type: string) => {
      const boundary = '----paidan';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return cust.inject({
        method: 'POST',
        url: '/api/tickets/attachments',
        payload: body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const ok = await upload('机房.png', png, 'image/png');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mimeType).toBe('image/png');
    const fake = await upload('invoice.png', Buffer.from('MZ this is an exe'), 'image/png');
    expect(fake.statusCode).toBe(415);
    const huge = await upload('big.png', Buffer.concat([png, Buffer.alloc(20 * 1024 * 1024)]), 'image/png');
    expect(huge.statusCode).toBe(413);
    const withFile = await cust.post('/api/tickets', {
      ...install(),
      title: '附件测试',
      attachmentIds: [ok.json().id],
    });
    expect(withFile.json().ticket.attachments).toHaveLength(1);
    const dl = await cust.get(`/api/tickets/${withFile.json().ticket.id}/attachments/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
  });
});

describe('re-grading a ticket', () => {
  it('a higher priority shortens running deadlines from their original start; a breach stays a breach', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '调整优先级' })).json().ticket;
    const accept = async () =>
      s.ctx.db
        .selectFrom('ticket_stage_clocks')
        .selectAll()
        .where('ticket_id', '=', t.id)
        .where('stage', '=', 'accept')
        .executeTakeFirstOrThrow();
    const before = await accept();
    const cur = (await am.get(`/api/tickets/${t.id}`)).json();
    const res = await am.patch(`/api/tickets/${t.id}`, {
      version: cur.version,
      priority: 'urgent',
      reason: '客户开业在即',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().priority).toBe('urgent');
    const after = await accept();
    expect(after.started_at.getTime()).toBe(before.started_at.getTime());
    expect(after.deadline.getTime()).toBeLessThan(before.deadline.getTime());
    expect((after.sla_limit as { amount: number }).amount).toBe(15);

    // Once the deadline has passed, relaxing the priority does not give the time back.
    const past = new Date(Date.now() - 60_000);
    await s.ctx.db.updateTable('ticket_stage_clocks').set({ deadline: past }).where('id', '=', after.id).execute();
    const cur2 = (await am.get(`/api/tickets/${t.id}`)).json();
    await am.patch(`/api/tickets/${t.id}`, { version: cur2.version, priority: 'low', reason: '客户说不急' });
    expect((await accept()).deadline.getTime()).toBe(past.getTime());
  });

  it('the customer cannot re-grade, and a reason is required', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '客户不能调整' })).json().ticket;
    const cur = (await cust.get(`/api/tickets/${t.id}`)).json();
    expect(
      (await cust.patch(`/api/tickets/${t.id}`, { version: cur.version, priority: 'urgent', reason: '我很急' }))
        .statusCode,
    ).toBe(403);
    expect((await am.patch(`/api/tickets/${t.id}`, { version: cur.version, priority: 'urgent' })).statusCode).toBe(400);
  });
});

describe('SLA sweep', () => {
  it('warns the holder once the warning share of a stage has passed', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '预警测试' })).json().ticket;
    const clock = await s.ctx.db
      .selectFrom('ticket_stage_clocks')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .where('stage', '=', 'accept')
      .executeTakeFirstOrThrow();
    const between = new Date((clock.warn_at.getTime() + clock.deadline.getTime()) / 2);
    const r = await slaSweep(s.ctx, between);
    expect(r.warned).toBeGreaterThan(0);
    const notes = await s.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', t.assigneeUserId)
      .where('kind', '=', 'ticket.sla_warning')
      .execute();
    expect(notes.map((n) => n.link)).toContain(`/tickets/${t.id}`);
    const again = await slaSweep(s.ctx, between);
    expect(again.warned).toBe(0);
  });

  it('the queue tells tickets past their warning point from those on time', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '预警筛选测试' })).json().ticket;
    const ids = async (sla: string) =>
      ((await am.get(`/api/tickets?sla=${sla}&pageSize=200`)).json() as { items: { id: number }[] }).items.map(
        (i) => i.id,
      );
    expect(await ids('ok')).toContain(t.id);
    expect(await ids('warning')).not.toContain(t.id);
    await s.ctx.db
      .updateTable('ticket_stage_clocks')
      .set({ warn_at: new Date(Date.now() - 60_000) })
      .where('ticket_id', '=', t.id)
      .where('ended_at', 'is', null)
      .execute();
    expect(await ids('warning')).toContain(t.id);
    expect(await ids('ok')).not.toContain(t.id);
    expect(await ids('breached')).not.toContain(t.id);
  });

  it('warns, then escalates once per rung, and never twice', async () => {
    const t = (await cust.post('/api/tickets', { ...install(), title: '超时测试' })).json().ticket;
    const far = new Date(Date.now() + 30 * 24 * 3600_000);
    const first = await slaSweep(s.ctx, far);
    expect(first.escalated).toBeGreaterThan(0);
    const events = await s.ctx.db
      .selectFrom('ticket_events')
      .select(['action', 'data'])
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'sla_escalate')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    const second = await slaSweep(s.ctx, far);
    const events2 = await s.ctx.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'sla_escalate')
      .execute();
    expect(events2.length).toBe(events.length);
    expect(second.escalated).toBe(0);
    const row = await s.ctx.db
      .selectFrom('tickets')
      .select('escalation_level')
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row.escalation_level).toBe(3);
    // The ladder is exhausted: nothing left to check.
    expect(await nextCheck(t.id)).toBeNull();
  });
});
