import { sql } from 'kysely';
import type { CreateTicket, Role, TicketActionInput } from '@paidan/shared';
import type { AppContext } from '../platform/app-context';
import type { Actor } from '../platform/auth/context';
import { buildAuthContext } from '../platform/auth/scope';
import { ticketService } from '../modules/tickets/ticket.service';
import type { Rng } from './seed-random';

// A month of ticket history so every queue, timeline and chart has something true to show.
// Tickets go through the real service (routing, clocks, events, audit), then are moved back in time.

async function actorFor(ctx: AppContext, username: string): Promise<Actor> {
  const u = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const auth = buildAuthContext(
    {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role as Role,
      orgId: u.org_id,
      orgPath: u.org_path,
      customerId: u.customer_id,
      lang: 'zh',
    },
    null,
    null,
  );
  return { auth, ip: '10.20.30.40', userAgent: 'seed', requestId: null };
}

const TITLES: Record<string, string[]> = {
  new_install: ['新办公点开通商务宽带', '新增一条 IPRAN 互联网专线', '门店开通天翼云眼监控'],
  product_change: ['专线带宽 20M 升级到 50M', '宽带提速至 500M', '总机增加 10 个分机'],
  fault: ['专线中断', '宽带频繁掉线', '虚拟网分机无法外呼', '4008 热线呼入无声'],
  complaint: ['装机人员未按约上门', '故障处理太慢'],
  inquiry: ['咨询云电脑资费', '咨询发票开具方式'],
  terminal_repair: ['前台话机无拨号音', '光猫指示灯异常'],
  suggestion: ['建议增加微信进度提醒'],
};

export async function seedDemoHistory(ctx: AppContext, r: Rng, count = 60): Promise<void> {
  const svc = ticketService(ctx);
  const customers = await ctx.db
    .selectFrom('customers as c')
    .innerJoin('customer_contacts as cc', (j) => j.onRef('cc.customer_id', '=', 'c.id').on('cc.is_primary', '=', true))
    .select(['c.id', 'c.name', 'c.account_manager_id', 'cc.name as contact', 'cc.phone'])
    .where('c.account_manager_id', 'is not', null)
    .orderBy('c.id')
    .limit(60)
    .execute();
  const agent = await actorFor(ctx, 'agent01');
  const services = await ctx.db
    .selectFrom('customer_services')
    .select(['customer_id', 'service_number', 'business_category'])
    .where('status', '=', 'active')
    .execute();
  const handlerCache = new Map<number, Actor>();
  const asUser = async (id: number) => {
    if (!handlerCache.has(id)) {
      const u = await ctx.db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow();
      handlerCache.set(id, await actorFor(ctx, u.username));
    }
    return handlerCache.get(id)!;
  };
  const types = Object.keys(TITLES);
  for (let i = 0; i < count; i++) {
    const c = customers[i % customers.length]!;
    const type = r.pick(types);
    const svcOf = services.find(
      (s) =>
        s.customer_id === c.id &&
        (type !== 'fault' ||
          ['dedicated_line', 'broadband', 'virtual_network', 'number_4008'].includes(s.business_category)),
    );
    const base = {
      customerId: c.id,
      channel: 'hotline' as const,
      title: r.pick(TITLES[type]!),
      description: '',
      priority: r.pick(['normal', 'normal', 'high', 'urgent'] as const),
      contactName: c.contact,
      contactPhone: c.phone,
      attachmentIds: [],
    };
    let input: CreateTicket;
    if (type === 'fault')
      input = {
        ...base,
        type,
        businessCategory: (svcOf?.business_category ?? 'broadband') as 'broadband',
        productInstance: svcOf?.service_number ?? `KD021${1000 + i}`,
        symptom: '客户来电反映业务异常，已初步排查',
        faultLevel: r.pick(['major', 'minor'] as const),
      };
    else if (type === 'new_install')
      input = { ...base, type, productName: '商务宽带 300M', installAddress: '上海市浦东新区张江路 88 号' };
    else if (type === 'product_change')
      input = {
        ...base,
        type,
        productInstance: svcOf?.service_number ?? `SHZX${1000 + i}`,
        changeDescription: base.title,
      };
    else if (type === 'complaint') input = { ...base, type, category: 'service_quality', replyMethod: 'phone' };
    else if (type === 'terminal_repair')
      input = { ...base, type, terminalModel: '中兴 ZXV10 话机', symptom: base.title };
    else input = { ...base, type: type as 'inquiry' };
    let created;
    try {
      created = (await svc.create(agent, input)).ticket;
    } catch {
      continue; // a combination the current rules refuse is simply skipped
    }
    // How far along: most are closed, some still open so the queues are not empty.
    const depth = r.next();
    const steps: TicketActionInput['action'][] =
      depth < 0.25
        ? []
        : depth < 0.4
          ? ['accept']
          : depth < 0.5
            ? ['accept', 'start']
            : ['accept', 'start', 'resolve', 'confirm', 'rate'];
    let holder = created.assigneeUserId;
    for (const step of steps) {
      if (step === 'accept' && !holder) {
        const member = await ctx.db
          .selectFrom('users')
          .select('id')
          .where('org_id', '=', created.assigneeOrgId!)
          .where('status', '=', 'active')
          .orderBy('id')
          .executeTakeFirst();
        holder = member?.id ?? null;
      }
      if (!holder) break;
      const who = step === 'confirm' || step === 'rate' ? agent : await asUser(holder);
      const cur = await ctx.db
        .selectFrom('tickets')
        .select('version')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      const input2 = {
        action: step,
        attachmentIds: [],
        ...(step === 'resolve' ? { result: '已处理完毕，经客户确认业务恢复正常' } : {}),
        ...(step === 'rate' ? { rating: r.pick([5, 5, 5, 4, 4, 3, 2]) } : {}),
      } as TicketActionInput;
      try {
        await svc.act(who, created.id, cur.version, input2);
      } catch {
        break;
      }
    }
    // Closed ones spread over the past month; open ones are recent.
    const days = steps.length >= 4 ? r.int(1, 30) : r.int(0, 2);
    const hours = days * 24 + r.int(0, 8);
    const iv = sql.raw(`interval '${hours} hours'`);
    await sql`update tickets set created_at = created_at - ${iv}, updated_at = updated_at - ${iv}, resolved_at = resolved_at - ${iv},
      closed_at = closed_at - ${iv}, stage_deadline = stage_deadline - ${iv} where id = ${created.id}`.execute(ctx.db);
    await sql`update ticket_sla_checks set next_check_at = next_check_at - ${iv} where ticket_id = ${created.id}`.execute(
      ctx.db,
    );
    await sql`update ticket_events set at = at - ${iv} where ticket_id = ${created.id}`.execute(ctx.db);
    await sql`update ticket_stage_clocks set started_at = started_at - ${iv}, deadline = deadline - ${iv}, warn_at = warn_at - ${iv},
      ended_at = ended_at - ${iv} where ticket_id = ${created.id}`.execute(ctx.db);
  }
}
