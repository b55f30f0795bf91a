import {
  cancelDecision,
  deriveStage,
  ORDER_STAGE_LABELS,
  orderStageIndex,
  TASK_LABELS,
  TASK_STAGE,
  workable,
  type OrderAction,
  type OrderActionInput,
  type OrderStage,
  type OrderState,
  type WorkOrderState,
  type WorkOrderTask,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor, AuthContext } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { orderStatusChanged } from '../../contracts/orders';
import { notificationService } from '../notifications/notification.service';
import { orderRepo } from './order.repo';
import { toRef } from './order-mapper';
import { ORDER_TOPIC } from './order-events';

type OrderRow = NonNullable<Awaited<ReturnType<typeof orderRepo.get>>>;
type WoRow = Awaited<ReturnType<typeof orderRepo.workOrders>>[number];

const STAFF_WORK_ROLES = ['dispatcher', 'supervisor', 'admin'];

/** Whether this user may start or finish this work order: its assignee, its team, or a dispatcher/supervisor above it. */
export function canWork(
  auth: AuthContext,
  w: { assignee_user_id: number | null; assignee_org_id: number | null; assignee_org_path: string | null },
) {
  if (!auth.permissions.has('order.work')) return false;
  const u = auth.user;
  if (u.role === 'admin') return true;
  if (w.assignee_user_id === u.id) return true;
  if (w.assignee_org_id !== null && w.assignee_org_id === u.orgId) return true;
  if (
    STAFF_WORK_ROLES.includes(u.role) &&
    auth.scope.kind === 'org' &&
    w.assignee_org_path?.startsWith(auth.scope.orgPath)
  )
    return true;
  return false;
}

export function workableIds(
  auth: AuthContext,
  o: { state: string },
  wos: Pick<WoRow, 'id' | 'state' | 'assignee_user_id' | 'assignee_org_id' | 'assignee_org_path'>[],
): number[] {
  if (!workable(o.state as OrderState)) return [];
  return wos.filter((w) => (w.state === 'ready' || w.state === 'in_progress') && canWork(auth, w)).map((w) => w.id);
}

/** The actions the viewer may take on this order now (others are hidden in the UI and refused by the API). */
export function allowedActions(
  auth: AuthContext,
  o: Pick<OrderRow, 'state' | 'stage' | 'contract_months'> & { contract_ends_at: Date | string | null },
  now = new Date(),
): OrderAction[] {
  const out: OrderAction[] = [];
  const state = o.state as OrderState;
  const open = ['acknowledged', 'in_progress', 'pending', 'held'].includes(state);
  const isCustomer = !!auth.user.customerId;
  const staffWorker = auth.permissions.has('order.work');
  const staffPlacer = auth.permissions.has('order.place') && !isCustomer;
  if (!isCustomer) out.push('note');
  if (open) out.push('urge');
  if (staffWorker && workable(state)) out.push('hold');
  if (staffWorker && state === 'held') out.push('resume');
  const d = cancelDecision({
    state,
    stage: o.stage as OrderStage,
    contractMonths: o.contract_months,
    contractEndsAt: o.contract_ends_at ? new Date(o.contract_ends_at) : null,
    now,
  });
  if ((isCustomer || staffWorker || staffPlacer) && state !== 'pending' && (d === 'approval' || d === 'direct'))
    out.push('cancel');
  if (state === 'pending' && ['supervisor', 'admin'].includes(auth.user.role))
    out.push('approve_cancel', 'reject_cancel');
  if (
    ['dispatcher', 'supervisor', 'admin'].includes(auth.user.role) &&
    workable(state) &&
    orderStageIndex(o.stage as OrderStage) <= orderStageIndex('resourcing')
  )
    out.push('fail');
  return out;
}

async function publish(
  ctx: AppContext,
  ex: Executor,
  o: { id: number; org_path: string; customer_id: number },
  userIds: number[] = [],
) {
  await ctx.events.publish(ex, {
    topic: ORDER_TOPIC,
    data: { id: o.id, orgPath: o.org_path, customerId: o.customer_id, userIds },
  });
}

interface Change {
  state?: OrderState;
  stage?: OrderStage;
  set?: Record<string, unknown>;
  kind: string;
  note: string | null;
  internal?: boolean;
}

/** Writes a state/stage change with its timeline event, the domain event and the live update. */
async function applyChange(ctx: AppContext, tx: Executor, actor: Actor, o: OrderRow, c: Change, now: Date) {
  const auth = actor.auth;
  const prevState = o.state as OrderState;
  const prevStage = o.stage as OrderStage;
  const state = c.state ?? prevState;
  const stage = c.stage ?? prevStage;
  const targets = (await orderRepo.settings(tx)).stageTargets;
  const stageChanged = stage !== prevStage;
  const closed = !['acknowledged', 'in_progress', 'pending', 'held'].includes(state);
  const set: Record<string, unknown> = { ...c.set, state, stage, updated_at: now, version: o.version + 1 };
  if (stageChanged) {
    set.stage_entered_at = now;
    set.stage_deadline =
      stage === 'billing_started' ? null : new Date(now.getTime() + (targets[stage] ?? 24) * 3600_000);
  }
  if (closed) set.stage_deadline = null;
  const res = await tx
    .updateTable('orders')
    .set(set)
    .where('id', '=', o.id)
    .where('version', '=', o.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
  await orderRepo.addEvent(tx, {
    order_id: o.id,
    kind: c.kind,
    from_state: state !== prevState ? prevState : null,
    to_state: state !== prevState ? state : null,
    from_stage: stageChanged ? prevStage : null,
    to_stage: stageChanged ? stage : null,
    note: c.note,
    internal: c.internal ?? false,
    actor_id: auth?.user.id ?? null,
    actor_name: auth?.user.displayName ?? '系统',
    created_at: now,
  });
  if (state !== prevState || stageChanged) {
    await orderStatusChanged.emit(tx, {
      order: toRef({ ...o, state, stage }),
      previousState: prevState,
      previousStage: prevStage,
      at: now,
      note: stageChanged ? `${ORDER_STAGE_LABELS[stage].zh}${c.note ? `：${c.note}` : ''}` : c.note,
    });
    if (stageChanged)
      await enqueueSms(tx, {
        phone: o.contact_phone,
        template: 'order_stage',
        params: { number: o.number, stage: ORDER_STAGE_LABELS[stage].zh },
        key: `order:${o.id}:stage:${stage}`,
      });
  }
  await publish(ctx, tx, o);
}

export function orderProgress(ctx: AppContext) {
  const { db } = ctx;

  async function loadForUpdate(tx: Executor, auth: AuthContext, id: number) {
    const o = await orderRepo.get(tx, auth, id);
    if (!o) throw new AppError('ORDER_NOT_FOUND');
    await tx.selectFrom('orders').select('id').where('id', '=', id).forUpdate().execute();
    return (await orderRepo.get(tx, auth, id))!;
  }

  return {
    /** Staff start or finish one work order; finishing the last of a stage moves the order to the next stage. */
    async workOrder(actor: Actor, woId: number, action: 'start' | 'finish', result: string) {
      const auth = actor.auth!;
      const now = new Date();
      return withTx(db, async (tx) => {
        const w0 = await tx
          .selectFrom('order_work_orders')
          .select('order_id')
          .where('id', '=', woId)
          .executeTakeFirst();
        if (!w0) throw new AppError('WORK_ORDER_NOT_FOUND');
        const o = await orderRepo.get(tx, auth, w0.order_id);
        if (!o) throw new AppError('WORK_ORDER_NOT_FOUND');
        await tx.selectFrom('orders').select('id').where('id', '=', o.id).forUpdate().execute();
        const order = (await orderRepo.get(tx, auth, o.id))!;
        const wos = await orderRepo.workOrders(tx, o.id);
        const w = wos.find((x) => x.id === woId)!;
        if (!canWork(auth, w)) throw new AppError('WORK_ORDER_NOT_FOUND');
        if (!workable(order.state as OrderState)) throw new AppError('WORK_ORDER_NOT_READY');
        if (action === 'start' && w.state !== 'ready') throw new AppError('WORK_ORDER_NOT_READY');
        if (action === 'finish' && w.state !== 'ready' && w.state !== 'in_progress')
          throw new AppError('WORK_ORDER_NOT_READY');
        const label = TASK_LABELS[w.task as WorkOrderTask].zh;
        if (action === 'start') {
          await tx
            .updateTable('order_work_orders')
            .set({ state: 'in_progress', started_at: now, assignee_user_id: w.assignee_user_id ?? auth.user.id })
            .where('id', '=', woId)
            .execute();
          await applyChange(
            ctx,
            tx,
            actor,
            order,
            {
              kind: 'work_started',
              state: order.state === 'acknowledged' ? 'in_progress' : undefined,
              note: `${label}（${w.org_name ?? ''}）已开始`,
            },
            now,
          );
          return order.id;
        }
        await tx
          .updateTable('order_work_orders')
          .set({
            state: 'done',
            started_at: w.started_at ?? now,
            done_at: now,
            done_by: auth.user.id,
            assignee_user_id: w.assignee_user_id ?? auth.user.id,
            result: result || null,
          })
          .where('id', '=', woId)
          .execute();
        const after = wos.map((x) => ({
          task: x.task as WorkOrderTask,
          state: (x.id === woId ? 'done' : x.state) as WorkOrderState,
        }));
        const stage = deriveStage(after);
        if (w.service_order_id) {
          const soOpen = wos.some(
            (x) =>
              x.service_order_id === w.service_order_id &&
              x.id !== woId &&
              x.state !== 'done' &&
              x.state !== 'cancelled',
          );
          if (!soOpen)
            await tx
              .updateTable('service_orders')
              .set({ state: 'done' })
              .where('id', '=', w.service_order_id)
              .execute();
        }
        const set: Record<string, unknown> = {};
        let state: OrderState = order.state === 'acknowledged' ? 'in_progress' : (order.state as OrderState);
        if (stage !== order.stage) {
          // The next stage's work becomes ready for its teams.
          const nextTasks = (Object.keys(TASK_STAGE) as WorkOrderTask[]).filter((t) => TASK_STAGE[t] === stage);
          if (nextTasks.length)
            await tx
              .updateTable('order_work_orders')
              .set({ state: 'ready' })
              .where('order_id', '=', order.id)
              .where('state', '=', 'waiting')
              .where('task', 'in', nextTasks)
              .execute();
          if (stage === 'billing_started') {
            state = 'completed';
            set.completed_at = now;
            if (order.contract_months > 0)
              set.contract_ends_at = new Date(new Date(now).setMonth(now.getMonth() + order.contract_months));
          }
        }
        await applyChange(
          ctx,
          tx,
          actor,
          order,
          {
            kind: stage !== order.stage ? 'stage' : 'work_done',
            state,
            stage,
            set,
            note: `${label}完成${result ? `：${result}` : ''}`,
          },
          now,
        );
        return order.id;
      });
    },

    async act(actor: Actor, id: number, input: OrderActionInput) {
      const auth = actor.auth!;
      const now = new Date();
      return withTx(db, async (tx) => {
        const o = await loadForUpdate(tx, auth, id);
        if (o.version !== input.version) throw new AppError('CONFLICT');
        if (!allowedActions(auth, o, now).includes(input.action)) {
          if (input.action === 'cancel') {
            const d = cancelDecision({
              state: o.state as OrderState,
              stage: o.stage as OrderStage,
              contractMonths: o.contract_months,
              contractEndsAt: o.contract_ends_at,
              now,
            });
            if (d === 'refused_signed_off') throw new AppError('ORDER_CANCEL_SIGNED_OFF');
          }
          throw new AppError('ORDER_ILLEGAL_ACTION', { action: input.action, state: o.state });
        }
        const note = input.note || null;
        const needsReason: OrderAction[] = ['hold', 'cancel', 'reject_cancel', 'fail', 'note'];
        if (needsReason.includes(input.action) && !note) throw new AppError('ORDER_REASON_REQUIRED');
        const state = o.state as OrderState;
        switch (input.action) {
          case 'note':
            await applyChange(ctx, tx, actor, o, { kind: 'note', note, internal: true }, now);
            break;
          case 'urge':
            await applyChange(
              ctx,
              tx,
              actor,
              o,
              { kind: 'urge', set: { urge_count: o.urge_count + 1 }, note: note ?? '催办' },
              now,
            );
            await notifyOpenWork(tx, o.id, `订单 ${o.number} 被催办${note ? `：${note}` : ''}`);
            break;
          case 'hold':
            await applyChange(
              ctx,
              tx,
              actor,
              o,
              { kind: 'hold', state: 'held', set: { hold_reason: note, resume_state: state }, note },
              now,
            );
            break;
          case 'resume':
            await applyChange(
              ctx,
              tx,
              actor,
              o,
              {
                kind: 'resume',
                state: (o.resume_state as OrderState) ?? 'in_progress',
                set: { hold_reason: null, resume_state: null },
                note,
              },
              now,
            );
            break;
          case 'cancel': {
            const d = cancelDecision({
              state,
              stage: o.stage as OrderStage,
              contractMonths: o.contract_months,
              contractEndsAt: o.contract_ends_at,
              now,
            });
            if (d === 'approval')
              await applyChange(
                ctx,
                tx,
                actor,
                o,
                {
                  kind: 'cancel_requested',
                  state: 'pending',
                  set: {
                    cancel_reason: note,
                    resume_state: state === 'held' ? (o.resume_state ?? 'in_progress') : state,
                  },
                  note: `申请撤单（合约期内，需审批）：${note}`,
                },
                now,
              );
            else await cancelNow(tx, actor, o, note!, now);
            break;
          }
          case 'approve_cancel':
            await cancelNow(
              tx,
              actor,
              o,
              `撤单审批通过${note ? `：${note}` : ''}（原因：${o.cancel_reason ?? ''}）`,
              now,
            );
            break;
          case 'reject_cancel':
            await applyChange(
              ctx,
              tx,
              actor,
              o,
              {
                kind: 'cancel_rejected',
                state: (o.resume_state as OrderState) ?? 'in_progress',
                set: { resume_state: null },
                note: `撤单申请未通过：${note}`,
              },
              now,
            );
            break;
          case 'fail':
            await closeWork(tx, o.id);
            await applyChange(
              ctx,
              tx,
              actor,
              o,
              { kind: 'failed', state: 'failed', set: { completed_at: now }, note: `无法开通：${note}` },
              now,
            );
            break;
        }
        await recordAudit(tx, actor, {
          action: `order.${input.action}`,
          entityType: 'order',
          entityId: o.id,
          before: { state: o.state, stage: o.stage },
          after: { note },
        });
        return o.id;
      });

      async function closeWork(tx: Executor, orderId: number) {
        await tx
          .updateTable('order_work_orders')
          .set({ state: 'cancelled' })
          .where('order_id', '=', orderId)
          .where('state', 'in', ['waiting', 'ready', 'in_progress'])
          .execute();
        await tx
          .updateTable('service_orders')
          .set({ state: 'cancelled' })
          .where('order_id', '=', orderId)
          .where('state', '=', 'open')
          .execute();
      }
      async function cancelNow(tx: Executor, a: Actor, o: OrderRow, note: string, at: Date) {
        await closeWork(tx, o.id);
        await applyChange(
          ctx,
          tx,
          a,
          o,
          { kind: 'cancelled', state: 'cancelled', set: { completed_at: at, resume_state: null }, note },
          at,
        );
        await enqueueSms(tx, {
          phone: o.contact_phone,
          template: 'order_cancelled',
          params: { number: o.number, note: '' },
          key: `order:${o.id}:cancelled`,
        });
      }
      async function notifyOpenWork(tx: Executor, orderId: number, text: string) {
        const rows = await tx
          .selectFrom('order_work_orders')
          .select(['assignee_user_id'])
          .where('order_id', '=', orderId)
          .where('state', 'in', ['ready', 'in_progress'])
          .where('assignee_user_id', 'is not', null)
          .execute();
        const ids = [...new Set(rows.map((r) => r.assignee_user_id!))];
        if (!ids.length) return;
        await notificationService(ctx).notify(tx, {
          userIds: ids,
          kind: 'order.urge',
          title: text,
          link: `/orders/${orderId}`,
        });
      }
    },
  };
}
