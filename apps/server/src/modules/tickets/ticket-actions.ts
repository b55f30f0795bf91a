import {
  applyAction,
  AUTOMATIC_TICKET_ACTIONS,
  FINAL_TICKET_STATUSES,
  SLA_STAGE_LABELS,
  TICKET_ACTION_LABELS,
  type SlaStage,
  type TicketActionInput,
  type TicketStatus,
} from '@paidan/shared';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import type { DB } from '../../db.types';
import { ticketRepo } from './ticket.repo';
import { transitionContext } from './ticket-mapper';
import { clockEnv } from './ticket-context';
import {
  endClocks,
  endStage,
  pauseOrResume,
  refreshTicketSla,
  startClocksOnEnter,
  type ClockEnv,
} from './ticket-clock';
import { holders, ladderRecipients, ticketNotifier } from './ticket-notify';
import { attachmentService } from './ticket-attachment.service';

type Full = NonNullable<Awaited<ReturnType<typeof ticketRepo.get>>>;
export interface Target {
  orgId: number;
  orgPath: string;
  userId: number | null;
}

const TICKET_TOPIC = 'ticket.changed';
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

export function ticketActions(ctx: AppContext) {
  const notifier = ticketNotifier(ctx);

  /** Resolves a chosen target (a person, or a unit's queue) to where the ticket will sit. */
  async function resolveTarget(ex: Executor, input: Partial<TicketActionInput>): Promise<Target> {
    if (input.targetUserId) {
      const u = await ex
        .selectFrom('users')
        .select(['id', 'org_id', 'org_path', 'role', 'status'])
        .where('id', '=', input.targetUserId)
        .executeTakeFirst();
      if (!u || u.status !== 'active' || !u.org_id || u.role.startsWith('customer')) {
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.targetUserId', message: '请选择在岗的内部人员' }]);
      }
      return { orgId: u.org_id, orgPath: u.org_path!, userId: u.id };
    }
    const o = input.targetOrgId
      ? await ex.selectFrom('orgs').select(['id', 'path']).where('id', '=', input.targetOrgId).executeTakeFirst()
      : null;
    if (!o) throw new AppError('VALIDATION_FAILED', [{ field: 'body.targetOrgId', message: '请选择处理单位或人员' }]);
    return { orgId: o.id, orgPath: o.path, userId: null };
  }

  /** Puts the ticket with a unit or person; status dispatched; the accept clock starts. */
  async function applyDispatch(
    ex: Executor,
    t: Full,
    target: Target,
    actor: Actor | null,
    env: ClockEnv,
    note: string,
  ) {
    const by = actor?.auth?.user ?? null;
    await ex
      .updateTable('tickets')
      .set({
        status: 'dispatched',
        assignee_org_id: target.orgId,
        assignee_org_path: target.orgPath,
        assignee_user_id: target.userId,
        dispatched_by: by?.id ?? null,
        updated_at: env.now,
      })
      .where('id', '=', t.id)
      .execute();
    await endClocks(ex, t.id, 'dispatch', env.now);
    await endStage(ex, t.id, 'accept', env.now);
    await startClocksOnEnter(ex, t.id, 'dispatched', env, { orgId: target.orgId, userId: target.userId });
    const org = await ex.selectFrom('orgs').select('name').where('id', '=', target.orgId).executeTakeFirst();
    const user = target.userId
      ? await ex
          .selectFrom('users')
          .select(['display_name', 'phone'])
          .where('id', '=', target.userId)
          .executeTakeFirst()
      : null;
    await ticketRepo.addEvent(ex, {
      ticket_id: t.id,
      actor_id: by?.id ?? null,
      actor_name: by?.displayName ?? '系统',
      actor_role: by?.role ?? 'system',
      action: 'dispatch',
      from_status: t.status,
      to_status: 'dispatched',
      note,
      data: JSON.stringify({
        orgId: target.orgId,
        orgName: org?.name,
        userId: target.userId,
        userName: user?.display_name ?? null,
      }),
    });
    const recipients = await holders(ex, { assignee_org_id: target.orgId, assignee_user_id: target.userId });
    const accept = await ex
      .selectFrom('ticket_stage_clocks')
      .select('deadline')
      .where('ticket_id', '=', t.id)
      .where('stage', '=', 'accept')
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    await notifier.notify(
      ex,
      recipients,
      'ticket.dispatched',
      `新工单 ${t.number}`,
      `${t.customer_name}：${t.title}`,
      t.id,
    );
    const deadline = accept ? fmt(accept.deadline) : '尽快';
    await notifier.sms(
      ex,
      user?.phone,
      'ticket_dispatched_staff',
      { number: t.number, title: t.title, customer: t.customer_name, deadline },
      `ticket:${t.id}:dispatch:${Date.now()}`,
    );
  }

  async function act(actor: Actor, id: number, version: number, input: TicketActionInput) {
    const auth = actor.auth!;
    const now = new Date();
    await withTx(ctx.db, async (tx) => {
      const t = await ticketRepo.get(tx, auth, id, true);
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      if (t.version !== version) throw new AppError('CONFLICT', { current: t.version });
      const from = t.status as TicketStatus;
      const check = applyAction(from, input.action, auth.user.role, { ...transitionContext(t, auth), input });
      if (!check.ok) throw new AppError(check.code);
      const to = check.to;
      const env = await clockEnv(tx, t, now);
      const set: Updateable<DB['tickets']> = {};
      const who = { actor_id: auth.user.id, actor_name: auth.user.displayName, actor_role: auth.user.role };
      let note = input.reason ?? input.result ?? input.comment ?? null;
      const data: Record<string, unknown> = {};
      let customerVisible = true;

      switch (input.action) {
        case 'dispatch':
        case 'transfer': {
          const target = await resolveTarget(tx, input);
          await applyDispatch(tx, t, target, actor, env, note ?? (input.action === 'transfer' ? '转派' : '人工派单'));
          break;
        }
        case 'accept':
          if (!t.assignee_user_id) Object.assign(set, { assignee_user_id: auth.user.id });
          break;
        case 'reject_back': {
          // Back to whoever dispatched it (or the district's dispatch queue).
          const back = t.dispatched_by
            ? await tx
                .selectFrom('users')
                .select(['org_id', 'org_path'])
                .where('id', '=', t.dispatched_by)
                .executeTakeFirst()
            : null;
          Object.assign(set, {
            assignee_user_id: t.dispatched_by,
            assignee_org_id: back?.org_id ?? null,
            assignee_org_path: back?.org_path ?? null,
          });
          await endStage(tx, t.id, 'accept', now);
          break;
        }
        case 'copy': {
          const ids = [
            ...new Set(input.copyOrgIds?.length ? input.copyOrgIds : input.targetOrgId ? [input.targetOrgId] : []),
          ];
          // A copy goes to units; a person alone names none.
          if (!ids.length)
            throw new AppError('VALIDATION_FAILED', [{ field: 'body.copyOrgIds', message: '请选择抄送单位' }]);
          const orgs = await tx.selectFrom('orgs').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
          if (orgs.length !== ids.length)
            throw new AppError('VALIDATION_FAILED', [{ field: 'body.copyOrgIds', message: '抄送单位不存在' }]);
          await ticketRepo.addCopies(tx, t.id, orgs);
          data.orgs = orgs.map((o) => o.name);
          const members = await tx
            .selectFrom('users')
            .select('id')
            .where('org_id', 'in', ids)
            .where('status', '=', 'active')
            .execute();
          await notifier.notify(
            tx,
            members.map((m) => m.id),
            'ticket.copied',
            `工单 ${t.number} 抄送贵单位`,
            t.title,
            t.id,
          );
          customerVisible = false;
          break;
        }
        case 'urge': {
          Object.assign(set, { urge_count: t.urge_count + 1 });
          await notifier.notify(
            tx,
            await holders(tx, t),
            'ticket.urged',
            `工单 ${t.number} 被催办（第 ${t.urge_count + 1} 次）`,
            note ?? t.title,
            t.id,
          );
          break;
        }
        case 'pull_back':
          Object.assign(set, { assignee_user_id: null, assignee_org_id: null, assignee_org_path: null });
          await endStage(tx, t.id, 'accept', now);
          break;
        case 'escalate': {
          const level = t.escalation_level;
          const rung = env.settings.escalationLadder[Math.min(level, env.settings.escalationLadder.length - 1)]!;
          const people = await ladderRecipients(tx, t, rung.level);
          await notifier.notify(
            tx,
            people.map((p) => p.id),
            'ticket.escalated',
            `工单 ${t.number} 升级督办`,
            note ?? t.title,
            t.id,
          );
          Object.assign(set, { escalation_level: level + 1 });
          data.level = rung.level;
          customerVisible = false;
          break;
        }
        case 'resolve':
          Object.assign(set, {
            resolution: input.result,
            resolved_at: now,
            resolved_org_id: t.assignee_org_id,
            resolved_user_id: t.assignee_user_id ?? auth.user.id,
          });
          break;
        case 'confirm':
        case 'archive':
          Object.assign(set, { closed_at: now });
          break;
        case 'rate':
          Object.assign(set, { rating: input.rating, rating_comment: input.comment ?? null });
          note = `${input.rating} 星${input.comment ? `：${input.comment}` : ''}`;
          break;
        case 'note':
          customerVisible = true;
          break;
      }

      if (input.attachmentIds?.length) {
        await attachmentService(ctx).attach(tx, auth, t.id, t.customer_id, input.attachmentIds);
        data.attachmentIds = input.attachmentIds;
      }

      // Clocks: the action meets some; a new status starts others, pauses or resumes them.
      if (input.action !== 'dispatch' && input.action !== 'transfer') {
        // Only a reply from the operator's side counts as first feedback; the customer's own notes do not.
        if (!(input.action === 'note' && (auth.user.customerId || !auth.user.orgId))) {
          await endClocks(tx, t.id, input.action, now);
        }
        if (check.changesStatus) {
          Object.assign(set, { status: to });
          await pauseOrResume(tx, t.id, from, to, env);
          if (FINAL_TICKET_STATUSES.includes(to)) await endClocks(tx, t.id, 'all', now);
          else
            await startClocksOnEnter(tx, t.id, to, env, {
              orgId: (set.assignee_org_id as number | null | undefined) ?? t.assignee_org_id,
              userId: (set.assignee_user_id as number | null | undefined) ?? t.assignee_user_id,
            });
        }
        if (Object.keys(set).length)
          await tx
            .updateTable('tickets')
            .set({ ...set, updated_at: now })
            .where('id', '=', t.id)
            .execute();
        await ticketRepo.addEvent(tx, {
          ticket_id: t.id,
          ...who,
          action: input.action,
          from_status: from,
          to_status: check.changesStatus ? to : null,
          note,
          data: JSON.stringify(data),
          customer_visible: customerVisible,
        });
      }
      await tx
        .updateTable('tickets')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', t.id)
        .execute();

      // A reopened ticket goes straight back to the unit that resolved it (003 8-38).
      if (to === 'reopened' && AUTOMATIC_TICKET_ACTIONS.reopened && t.resolved_org_id) {
        const org = await tx
          .selectFrom('orgs')
          .select(['id', 'path'])
          .where('id', '=', t.resolved_org_id)
          .executeTakeFirstOrThrow();
        const fresh = (await ticketRepo.get(tx, null, t.id, true))!;
        await applyDispatch(
          tx,
          fresh,
          { orgId: org.id, orgPath: org.path, userId: t.resolved_user_id },
          null,
          env,
          '客户不满意，退回原处理单位重新处理',
        );
      }

      await customerMessages(tx, t, input.action, input, auth.user.displayName);
      await refreshTicketSla(tx, t.id, env.settings);
      await recordAudit(tx, actor, {
        action: `ticket.${input.action}`,
        entityType: 'ticket',
        entityId: t.id,
        before: { status: from, version: t.version },
        after: { status: check.changesStatus ? to : from, ...data },
      });
      await ctx.events.publish(tx, {
        topic: TICKET_TOPIC,
        data: {
          id: t.id,
          orgPath: t.org_path,
          assigneeOrgPath: t.assignee_org_path,
          customerId: t.customer_id,
          // Everyone directly involved hears of it, whatever their scope.
          userIds: [
            ...new Set(
              [
                auth.user.id,
                t.created_by,
                t.assignee_user_id,
                (set.assignee_user_id as number | null | undefined) ?? null,
              ].filter((x): x is number => typeof x === 'number'),
            ),
          ],
        },
      });
    });
  }

  /** SMS to the customer contact on accepted, resolved (with the confirm link) and closed. */
  async function customerMessages(ex: Executor, t: Full, action: string, input: TicketActionInput, handler: string) {
    const key = `ticket:${t.id}:${action}:${t.version}`;
    if (action === 'accept')
      await notifier.sms(ex, t.contact_phone, 'ticket_accepted', { number: t.number, title: t.title, handler }, key);
    if (action === 'resolve') {
      const link = `${ctx.config.publicUrl}/my/tickets/${t.id}`;
      await notifier.sms(
        ex,
        t.contact_phone,
        'ticket_resolved',
        { number: t.number, result: (input.result ?? '').slice(0, 40), link },
        key,
      );
      const creator = t.created_by ? [t.created_by] : [];
      await notifier.notify(
        ex,
        creator,
        'ticket.resolved',
        `工单 ${t.number} 已处理完成，请确认`,
        input.result ?? '',
        t.id,
      );
    }
    if (action === 'confirm' || action === 'archive')
      await notifier.sms(ex, t.contact_phone, 'ticket_closed', { number: t.number }, key);
  }

  return {
    act,
    applyDispatch,
    resolveTarget,
    stageLabel: (s: string) => SLA_STAGE_LABELS[s as SlaStage]?.zh ?? s,
    actionLabel: (a: string) => TICKET_ACTION_LABELS[a as keyof typeof TICKET_ACTION_LABELS]?.zh ?? a,
  };
}
