import {
  applyAction,
  maskPhone,
  isCustomerRole,
  type CreateTicket,
  type TicketAssignee,
  type Page,
  type TicketDetail,
  type TicketListQuery,
  type TicketSummary,
  type UpdateTicket,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { createOnce } from '../../platform/db/once';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { customerService } from '../customers/customer.service';
import { ticketRepo } from './ticket.repo';
import { toDetail, toSummary, transitionContext } from './ticket-mapper';
import { clockEnv } from './ticket-context';
import { recomputeClocks, refreshTicketSla, startClocksOnEnter } from './ticket-clock';
import { routeTicket } from './ticket-routing';
import { ticketConfigRepo } from './ticket-config.repo';
import { districtSupervisors, ticketNotifier } from './ticket-notify';
import { ticketActions } from './ticket-actions';
import { attachmentService } from './ticket-attachment.service';

export const TICKET_TOPIC = 'ticket.changed';

// Per-type fields go to `details`; the common ones have columns.
const COMMON = new Set([
  'customerId',
  'channel',
  'title',
  'description',
  'priority',
  'contactName',
  'contactPhone',
  'businessCategory',
  'productInstance',
  'attachmentIds',
  'type',
]);

export function actorName(auth: AuthContext | null) {
  return auth ? auth.user.displayName : '系统';
}

export function ticketService(ctx: AppContext) {
  const { db } = ctx;
  const customers = customerService(ctx);
  const notifier = ticketNotifier(ctx);
  const actions = ticketActions(ctx);
  const attachments = attachmentService(ctx);

  async function detail(ex: Executor, auth: AuthContext | null, id: number): Promise<TicketDetail> {
    const t = await ticketRepo.get(ex, auth, id);
    if (!t) throw new AppError('TICKET_NOT_FOUND');
    const customerView = !!auth?.user.customerId;
    const [events, clocks, atts, copies] = await Promise.all([
      ticketRepo.events(ex, id, customerView),
      ticketRepo.clocks(ex, id),
      ticketRepo.attachments(ex, id),
      ticketRepo.copies(ex, id),
    ]);
    const dup = t.duplicate_of
      ? await ex.selectFrom('tickets').select('number').where('id', '=', t.duplicate_of).executeTakeFirst()
      : null;
    return toDetail(t, { events, clocks, attachments: atts, copies, duplicateOfNumber: dup?.number ?? null }, auth);
  }

  const service = {
    detail: (actor: Actor, id: number) => detail(db, actor.auth!, id),

    /**
     * The people of one unit a ticket can go to, least loaded first. Open to staff who can see the ticket, whatever
     * their user-directory rights: an account manager transferring a ticket must be able to pick a technician.
     */
    async assignees(actor: Actor, id: number, orgId: number): Promise<TicketAssignee[]> {
      const auth = actor.auth!;
      if (isCustomerRole(auth.user.role)) throw new AppError('FORBIDDEN');
      if (!(await ticketRepo.get(db, auth, id))) throw new AppError('TICKET_NOT_FOUND');
      const rows = await db
        .selectFrom('users as u')
        .select([
          'u.id',
          'u.display_name',
          'u.role',
          (eb) =>
            eb
              .selectFrom('tickets as t')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('t.assignee_user_id', '=', 'u.id')
              .where('t.status', 'in', ['dispatched', 'accepted', 'in_progress', 'pending_customer', 'reopened'])
              .as('open_tickets'),
        ])
        .where('u.org_id', '=', orgId)
        .where('u.status', '=', 'active')
        .where('u.role', 'in', [
          'account_manager',
          'hotline_agent',
          'dispatcher',
          'technician',
          'supervisor',
          'partner',
        ])
        .orderBy('open_tickets')
        .orderBy('u.display_name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        role: r.role,
        openTickets: Number(r.open_tickets ?? 0),
      }));
    },

    async list(actor: Actor, q: TicketListQuery): Promise<Page<TicketSummary>> {
      const { items, total } = await ticketRepo.list(db, actor.auth!, q, new Date());
      return { items: items.map(toSummary), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Creates the request once per request key of the user who sends it (see createOnce): a repeat with the key of one
     * already created answers with that one, as it was answered then.
     */
    async createOnce(actor: Actor, input: CreateTicket, requestKey: string) {
      const auth = actor.auth!;
      const { value, replayed } = await createOnce({
        find: async () => {
          const r = await db
            .selectFrom('tickets as t')
            .leftJoin('tickets as d', 'd.id', 't.duplicate_of')
            .select(['t.id', 'd.id as dup_id', 'd.number as dup_number', 't.reclassified_from'])
            .where('t.created_by', '=', auth.user.id)
            .where('t.request_key', '=', requestKey)
            .executeTakeFirst();
          if (!r) return undefined;
          return {
            ticket: await detail(db, auth, r.id),
            duplicateOf: r.dup_id != null && r.dup_number != null ? { id: r.dup_id, number: r.dup_number } : null,
            reclassified: r.reclassified_from != null,
          };
        },
        create: () => service.create(actor, input, requestKey),
        constraint: 'tickets_request_key_idx',
      });
      return { ...value, replayed };
    },

    async create(actor: Actor, input: CreateTicket, requestKey: string | null = null) {
      const auth = actor.auth!;
      if (auth.user.customerId && !['web', 'h5'].includes(input.channel)) {
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.channel', message: '企业用户只能通过门户或手机提交' }]);
      }
      const now = new Date();
      const result = await withTx(db, async (tx) => {
        // The customer must be inside the actor's scope: a customer raises only for its own enterprise.
        const customer = await customers.getRow(tx, actor, input.customerId);
        const settings = await ticketConfigRepo.settings(tx);
        let type: string = input.type;
        let reclassifiedFrom: string | null = null;
        let reclassReason: string | null = null;
        // 003 7-8: a "fault" on a line suspended for arrears or at the customer's request is a query.
        if (input.type === 'fault' && input.productInstance) {
          const svc = await ticketRepo.service(tx, customer.id, input.productInstance);
          if (svc && (svc.status === 'suspended_arrears' || svc.status === 'suspended_request')) {
            type = 'inquiry';
            reclassifiedFrom = 'fault';
            reclassReason = svc.status === 'suspended_arrears' ? '欠费停机' : '客户申请停机';
          }
        }
        const dup = await ticketRepo.findOpenDuplicate(
          tx,
          customer.id,
          type,
          input.productInstance ?? null,
          input.title,
          new Date(now.getTime() - settings.duplicateWindowHours * 3600_000),
        );
        const details: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(input)) if (!COMMON.has(k) && v !== undefined) details[k] = v;
        const circuitLevel = input.type === 'fault' ? (input.circuit?.level ?? null) : null;
        const row = {
          type,
          customer_level: customer.level,
          business_category: input.businessCategory ?? null,
          circuit_level: circuitLevel,
          priority: input.priority,
        };
        const env = await clockEnv(tx, row, now);
        const number = await ticketRepo.nextNumber(tx, now);
        const { id } = await ticketRepo.insert(tx, {
          number,
          ...row,
          channel: input.channel,
          status: 'submitted',
          title: input.title,
          description: input.description,
          details: JSON.stringify(details),
          customer_id: customer.id,
          org_path: customer.org_path,
          product_instance: input.productInstance ?? null,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          created_by: auth.user.id,
          duplicate_of: dup?.id ?? null,
          reclassified_from: reclassifiedFrom,
          sla_policy_id: env.policy.id,
          request_key: requestKey,
        });
        const who = { actor_id: auth.user.id, actor_name: auth.user.displayName, actor_role: auth.user.role };
        await ticketRepo.addEvent(tx, {
          ticket_id: id,
          ...who,
          action: 'submit',
          to_status: 'submitted',
          note: input.title,
          data: JSON.stringify({ channel: input.channel, type }),
        });
        if (input.attachmentIds.length) await attachments.attach(tx, auth, id, customer.id, input.attachmentIds);
        if (reclassifiedFrom) {
          await ticketRepo.addEvent(tx, {
            ticket_id: id,
            actor_id: null,
            actor_name: '系统',
            actor_role: 'system',
            action: 'reclassify',
            note: `号码 ${input.productInstance} 当前为${reclassReason}状态，故障申告已转为咨询处理`,
            data: JSON.stringify({ from: 'fault', to: 'inquiry', reason: reclassReason }),
          });
          await notifier.sms(
            tx,
            input.contactPhone,
            'ticket_reclassified',
            { product: input.productInstance, reason: reclassReason, number },
            `ticket:${id}:reclassified`,
          );
        }
        if (dup) {
          await ticketRepo.addEvent(tx, {
            ticket_id: id,
            actor_id: null,
            actor_name: '系统',
            actor_role: 'system',
            action: 'link_duplicate',
            note: `与处理中的工单 ${dup.number} 重复，已关联并交由同一处理人`,
            data: JSON.stringify({ duplicateOf: dup.id, number: dup.number }),
          });
        }
        await startClocksOnEnter(tx, id, 'submitted', env, { orgId: null, userId: null });

        // Routing: a duplicate follows its original; otherwise the first matching rule.
        let target: { orgId: number; orgPath: string; userId: number | null; ruleName: string } | null = null;
        if (dup) {
          const orig = await tx
            .selectFrom('tickets')
            .select(['assignee_org_id', 'assignee_org_path', 'assignee_user_id'])
            .where('id', '=', dup.id)
            .executeTakeFirstOrThrow();
          if (orig.assignee_org_id)
            target = {
              orgId: orig.assignee_org_id,
              orgPath: orig.assignee_org_path!,
              userId: orig.assignee_user_id,
              ruleName: `关联工单 ${dup.number}`,
            };
        }
        target ??= await routeTicket(tx, {
          type,
          businessCategory: input.businessCategory ?? null,
          product:
            [input.productInstance, 'productName' in input ? input.productName : null].filter(Boolean).join(' ') ||
            null,
          customerLevel: customer.level,
          districtOrgId: customer.district_org_id,
          districtPath: customer.org_path,
          accountManagerId: customer.account_manager_id,
        });
        const t = (await ticketRepo.get(tx, null, id, true))!;
        if (target) {
          const check = applyAction('submitted', 'dispatch', 'system', { input: { targetOrgId: target.orgId } });
          if (!check.ok) throw new AppError(check.code);
          await actions.applyDispatch(
            tx,
            t,
            { orgId: target.orgId, orgPath: target.orgPath, userId: target.userId },
            null,
            env,
            `按规则「${target.ruleName}」自动派单`,
          );
        } else {
          const sup = await districtSupervisors(tx, customer.org_path);
          await notifier.notify(
            tx,
            sup,
            'ticket.unrouted',
            `工单 ${number} 无人可派`,
            `${customer.name}：${input.title}。没有匹配的派单规则或接单人，请人工派单。`,
            id,
          );
          await ticketRepo.addEvent(tx, {
            ticket_id: id,
            actor_id: null,
            actor_name: '系统',
            actor_role: 'system',
            action: 'unrouted',
            note: '没有可派的处理单位，已留在待派队列并通知区局领导',
            data: '{}',
            customer_visible: false,
          });
        }
        await refreshTicketSla(tx, id, env.settings);
        if (dup)
          await notifier.notify(
            tx,
            [auth.user.id],
            'ticket.duplicate',
            `工单 ${number} 与 ${dup.number} 重复`,
            '已关联到处理中的工单，由同一处理人一并处理。',
            id,
          );
        const created = await detail(tx, null, id);
        await recordAudit(tx, actor, {
          action: 'ticket.created',
          entityType: 'ticket',
          entityId: id,
          after: {
            number,
            type,
            customerId: customer.id,
            contactPhone: maskPhone(input.contactPhone),
            assigneeOrgId: created.assigneeOrgId,
          },
        });
        await ctx.events.publish(tx, {
          topic: TICKET_TOPIC,
          data: {
            id,
            orgPath: customer.org_path,
            assigneeOrgPath: target?.orgPath ?? null,
            customerId: customer.id,
            userIds: [auth.user.id, ...(target?.userId ? [target.userId] : [])],
          },
        });
        return { id, dup, reclassified: !!reclassifiedFrom };
      });
      return {
        ticket: await detail(db, actor.auth!, result.id),
        duplicateOf: result.dup ? { id: result.dup.id, number: result.dup.number } : null,
        reclassified: result.reclassified,
      };
    },

    act: actions.act,

    /** Priority, category or circuit level changed by staff: deadlines move, time already spent still counts. */
    async update(actor: Actor, id: number, input: UpdateTicket) {
      const auth = actor.auth!;
      const now = new Date();
      await withTx(db, async (tx) => {
        const t = await ticketRepo.get(tx, auth, id, true);
        if (!t) throw new AppError('TICKET_NOT_FOUND');
        if (t.version !== input.version) throw new AppError('CONFLICT', { current: t.version });
        const ctxGuards = transitionContext(t, auth);
        const desk = ['dispatcher', 'supervisor', 'admin'].includes(auth.user.role);
        if (!desk && !ctxGuards.isAssignee) throw new AppError('TICKET_NOT_ASSIGNEE');
        if (['closed', 'cancelled'].includes(t.status)) throw new AppError('TICKET_ILLEGAL_TRANSITION');
        const before = { priority: t.priority, businessCategory: t.business_category, circuitLevel: t.circuit_level };
        const after = {
          priority: input.priority ?? t.priority,
          businessCategory: input.businessCategory ?? t.business_category,
          circuitLevel: input.circuitLevel ?? t.circuit_level,
        };
        const env = await clockEnv(
          tx,
          {
            type: t.type,
            customer_level: t.customer_level,
            business_category: after.businessCategory,
            circuit_level: after.circuitLevel,
            priority: after.priority,
          },
          now,
        );
        await tx
          .updateTable('tickets')
          .set((eb) => ({
            priority: after.priority,
            business_category: after.businessCategory,
            circuit_level: after.circuitLevel,
            sla_policy_id: env.policy.id,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', t.id)
          .execute();
        await recomputeClocks(tx, t.id, env);
        await refreshTicketSla(tx, t.id, env.settings);
        await ticketRepo.addEvent(tx, {
          ticket_id: t.id,
          actor_id: auth.user.id,
          actor_name: auth.user.displayName,
          actor_role: auth.user.role,
          action: 'regrade',
          note: input.reason,
          data: JSON.stringify({ before, after, policy: env.policy.id }),
          customer_visible: false,
        });
        await recordAudit(tx, actor, {
          action: 'ticket.regraded',
          entityType: 'ticket',
          entityId: t.id,
          before,
          after,
        });
      });
      return detail(db, auth, id);
    },
  };
  return service;
}
