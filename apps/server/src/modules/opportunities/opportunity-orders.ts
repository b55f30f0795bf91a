import { maskPhone } from '@paidan/shared';
import { orderLookup, orderStatusChanged, type OrderRef, type OrderStatusChanged } from '../../contracts/orders';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import type { EventBus } from '../../platform/events/event-bus';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueWebhook } from '../../platform/webhooks/webhook.service';
import { opportunityRepo, type OpportunityRow } from './opportunity.repo';
import { publishOpportunity } from './opportunity-live';
import { actorLabel } from './opportunity-intake';

// The order side of an opportunity. From the moment an order is placed with the opportunity's 预受理单号 (or
// linked by 办结回填), every state or stage change of that order lands on the opportunity's timeline and is pushed
// to the platform the opportunity came from, through the signed, retried webhook outbox — not only completion.

/** Webhook events receivers subscribe to (webhook_subscriptions.events). */
export const OPPORTUNITY_STATUS_EVENT = 'opportunity.status';
export const OPPORTUNITY_ORDER_EVENT = 'opportunity.order_status';

const ORDER_STATE_ZH: Record<string, string> = {
  acknowledged: '已受理',
  in_progress: '处理中',
  pending: '待处理',
  held: '挂起',
  completed: '已完成',
  cancelled: '已撤销',
  failed: '失败',
};
const ORDER_STAGE_ZH: Record<string, string> = {
  accepted: '业务受理',
  resourcing: '资源调配',
  installing: '施工安装',
  completed: '业务完工',
  billing_started: '起租',
};

function reference(
  r: Pick<OpportunityRow, 'number' | 'external_id' | 'source' | 'source_channel' | 'pre_acceptance_no'>,
) {
  return {
    number: r.number,
    externalId: r.external_id,
    source: r.source,
    sourceChannel: r.source_channel,
    preAcceptanceNo: r.pre_acceptance_no,
  };
}

/** Opportunities that came from another platform report back to it. */
const fromOutside = (r: Pick<OpportunityRow, 'source' | 'api_client_id' | 'external_id'>) =>
  r.api_client_id !== null || r.external_id !== null || r.source === 'group_oao' || r.source === 'lead_page';

/** Pushes an opportunity status change to the originating platform (in the caller's transaction). */
export async function pushStatus(
  ex: Executor,
  r: OpportunityRow,
  status: string,
  extra: Record<string, unknown>,
): Promise<void> {
  if (!fromOutside(r)) return;
  await enqueueWebhook(
    ex,
    OPPORTUNITY_STATUS_EVENT,
    { opportunity: { ...reference(r), status }, ...extra },
    { key: `opportunity.status:${r.id}:${status}:${r.version + 1}` },
  );
}

let bus: EventBus | null = null;
/** The event bus live updates go out on (set when the routes load). */
export function bindOrderLinkBus(b: EventBus): void {
  bus = b;
}

async function applyOrder(
  ex: Executor,
  r: OpportunityRow,
  order: OrderRef,
  change: { previousState: string | null; previousStage: string | null; at: Date; note: string | null },
  actor: { id: number | null; name: string; role: string },
): Promise<void> {
  const converting = r.status === 'valid' || r.status === 'dispatched';
  await ex
    .updateTable('opportunities')
    .set((eb) => ({
      order_id: order.id,
      order_number: order.number,
      order_state: order.state,
      order_stage: order.stage,
      ...(converting
        ? { status: 'converted', converted_at: change.at, stage: r.stage ? 'order' : null, closed_at: change.at }
        : {}),
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', r.id)
    .execute();
  const text = `${ORDER_STAGE_ZH[order.stage] ?? order.stage}（${ORDER_STATE_ZH[order.state] ?? order.state}）`;
  await opportunityRepo.addEvent(ex, {
    opportunityId: r.id,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: r.order_id === order.id ? 'order_status' : 'order_linked',
    note: change.note ? `${text}：${change.note}` : text,
    data: {
      orderNumber: order.number,
      state: order.state,
      stage: order.stage,
      previousState: change.previousState,
      previousStage: change.previousStage,
    },
    at: change.at,
  });
  if (fromOutside(r)) {
    await enqueueWebhook(
      ex,
      OPPORTUNITY_ORDER_EVENT,
      {
        opportunity: { ...reference(r), status: converting ? 'converted' : r.status },
        order: {
          number: order.number,
          state: order.state,
          stage: order.stage,
          previousState: change.previousState,
          previousStage: change.previousStage,
          note: change.note,
        },
        at: change.at.toISOString(),
      },
      { key: `opportunity.order:${r.id}:${order.id}:${order.state}:${order.stage}` },
    );
  }
  if (bus) await publishOpportunity(ex, bus, { ...r, status: converting ? 'converted' : r.status });
}

/** The ordering module tells us of every order change inside its transaction. */
export async function onOrderStatusChanged(ex: Executor, p: OrderStatusChanged): Promise<void> {
  const no = p.order.preAcceptanceNo;
  const hit = await ex
    .selectFrom('opportunities')
    .select('id')
    .where((eb) => eb.or([...(no ? [eb('pre_acceptance_no', '=', no)] : []), eb('order_id', '=', p.order.id)]))
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!hit) return;
  const r = await opportunityRepo.get(ex, null, hit.id);
  if (!r) return;
  await applyOrder(
    ex,
    r,
    p.order,
    { previousState: p.previousState, previousStage: p.previousStage, at: p.at, note: p.note },
    { id: null, name: '订单系统', role: 'system' },
  );
}

orderStatusChanged.subscribe(onOrderStatusChanged);

/**
 * 办结回填: the agent or account manager reports the order number. A number of an order in this system is verified
 * (same customer, same pre-acceptance number) and the order linked; a number this system does not know — an order
 * placed in the operator's own ordering system with the 预受理单号 — is kept as an external reference.
 */
export async function linkOrderByNumber(ex: Executor, actor: Actor, r: OpportunityRow, orderNumber: string) {
  const lookup = orderLookup();
  const who = actorLabel(actor);
  const order = lookup ? await lookup.byNumber(ex, orderNumber) : null;
  if (order) {
    // another enterprise's order is not named to the caller: the same answer as a number that matches nothing here
    if (r.customer_id !== null && order.customerId !== r.customer_id)
      throw new AppError('OPPORTUNITY_ORDER_NOT_FOUND', { orderNumber });
    if (order.preAcceptanceNo && order.preAcceptanceNo !== r.pre_acceptance_no)
      throw new AppError('OPPORTUNITY_ORDER_MISMATCH');
    await applyOrder(ex, r, order, { previousState: null, previousStage: null, at: new Date(), note: '办结回填' }, who);
  } else {
    const now = new Date();
    await ex
      .updateTable('opportunities')
      .set((eb) => ({
        order_number: orderNumber,
        status: 'converted',
        converted_at: now,
        closed_at: now,
        stage: r.stage ? 'order' : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', r.id)
      .execute();
    await opportunityRepo.addEvent(ex, {
      opportunityId: r.id,
      actorId: who.id,
      actorName: who.name,
      actorRole: who.role,
      action: 'feedback',
      note: `办结回填订单号 ${orderNumber}`,
      data: { orderNumber, verified: false },
    });
    await pushStatus(ex, r, 'converted', { orderNumber });
  }
  await recordAudit(ex, actor, {
    action: 'opportunity.feedback',
    entityType: 'opportunity',
    entityId: r.id,
    after: { orderNumber, verified: !!order, contact: maskPhone(r.contact_phone) },
  });
}
