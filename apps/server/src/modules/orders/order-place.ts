import {
  checkCombination,
  priceItem,
  TASK_STAGE,
  TASK_TEAM,
  type CartItem,
  type PlaceOrder,
  type QuoteResult,
  type WorkOrderTask,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { customerService } from '../customers/customer.service';
import { catalogRepo } from '../catalog/catalog.repo';
import { orderStatusChanged } from '../../contracts/orders';
import { nextOrderNumber } from './order-number';
import { verifyPromoRef } from './order-ref';
import { orderRepo } from './order.repo';
import { toRef } from './order-mapper';
import { checkAgreements, currentAgreements } from './order-agreements';
import { ORDER_TOPIC } from './order-events';
import { createOnce } from '../../platform/db/once';

interface Priced {
  offer: NonNullable<Awaited<ReturnType<typeof catalogRepo.pricedOffers>> extends Map<number, infer V> ? V : never>;
  item: CartItem;
  oneTimeFen: number;
  monthlyFen: number;
  specs: Record<string, string>;
  specText: string;
}

/** Server-side pricing of a cart: the only prices that count. Throws the first kind of problem found. */
export async function priceCart(ex: Executor, items: CartItem[], customerId: number | null): Promise<Priced[]> {
  const offers = await catalogRepo.pricedOffers(
    ex,
    items.map((i) => i.offerId),
  );
  const priced: Priced[] = [];
  const specProblems: { field: string; message: string }[] = [];
  for (const [idx, item] of items.entries()) {
    const offer = offers.get(item.offerId);
    if (!offer)
      throw new AppError('ORDER_OFFER_UNAVAILABLE', [{ field: `items.${idx}.offerId`, message: '销售品不存在' }]);
    const r = priceItem(offer, item.specs, item.quantity);
    if (!r.ok) {
      if (r.problems.some((p) => p.kind === 'not_orderable'))
        throw new AppError('ORDER_OFFER_UNAVAILABLE', [
          { field: `items.${idx}.offerId`, message: `「${offer.name}」未发布或已下架` },
        ]);
      for (const p of r.problems)
        if (p.kind !== 'not_orderable')
          specProblems.push({
            field: `items.${idx}.specs.${p.key}`,
            message:
              p.kind === 'spec_missing'
                ? `请选择${offer.productName}的规格「${offer.attributes.find((a) => a.key === p.key)?.label ?? p.key}」`
                : `规格取值「${p.value}」不可选`,
          });
      continue;
    }
    priced.push({ offer, item, ...r.item });
  }
  if (specProblems.length) throw new AppError('ORDER_SPEC_INVALID', specProblems);
  // Only dependencies the cart itself does not bring are looked for among what the enterprise already has.
  const inCart = new Set(priced.map((p) => p.offer.productCode));
  const wanted = [
    ...new Set(priced.flatMap((p) => (p.offer.requires.some((r) => inCart.has(r)) ? [] : p.offer.requires))),
  ];
  const inService = customerId && wanted.length ? await orderRepo.productsInService(ex, customerId, wanted) : [];
  const combo = checkCombination(
    priced.map((p) => ({ productCode: p.offer.productCode, requires: p.offer.requires, excludes: p.offer.excludes })),
    inService,
  );
  const name = (code: string) => priced.find((p) => p.offer.productCode === code)?.offer.productName ?? code;
  const excluded = combo.filter((c) => c.kind === 'excluded');
  if (excluded.length)
    throw new AppError(
      'ORDER_COMBINATION_EXCLUDED',
      excluded.map((c) => ({
        field: 'items',
        message: `「${name(c.productCode)}」与「${name(c.kind === 'excluded' ? c.otherCode : '')}」不能同时订购`,
      })),
    );
  const missing = combo.filter((c) => c.kind === 'requires');
  if (missing.length) {
    const names = await ex
      .selectFrom('products')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        missing.flatMap((m) => (m.kind === 'requires' ? m.anyOf : [])),
      )
      .execute();
    const label = (c: string) => names.find((n) => n.code === c)?.name ?? c;
    throw new AppError(
      'ORDER_DEPENDENCY_MISSING',
      missing.map((m) => ({
        field: 'items',
        message: `「${name(m.productCode)}」需同时订购或已开通：${m.kind === 'requires' ? m.anyOf.map(label).join(' 或 ') : ''}`,
      })),
    );
  }
  return priced;
}

export function toQuote(priced: Priced[]): QuoteResult {
  return {
    items: priced.map((p) => ({
      offerId: p.offer.id,
      productCode: p.offer.productCode,
      productName: p.offer.productName,
      offerName: p.offer.name,
      specText: p.specText,
      quantity: p.item.quantity,
      oneTimeFen: p.oneTimeFen,
      monthlyFen: p.monthlyFen,
    })),
    totalOneTimeFen: priced.reduce((s, p) => s + p.oneTimeFen, 0),
    totalMonthlyFen: priced.reduce((s, p) => s + p.monthlyFen, 0),
  };
}

const END_LABELS: Record<number, string[]> = { 1: ['本端'], 2: ['A端', 'Z端'] };

/** Validates, prices, decomposes and stores one order in one transaction. */
export async function placeOrder(
  ctx: AppContext,
  actor: Actor,
  input: PlaceOrder,
  opts: {
    channel?: 'shop' | 'staff' | 'api';
    now?: Date;
    externalId?: string | null;
    /** an integrated channel (TMF622) that recorded the agreements itself and takes the server's price */
    integrated?: boolean;
    /** the client's key for this submission (Idempotency-Key): see placeOrderOnce */
    requestKey?: string | null;
  } = {},
): Promise<number> {
  const auth = actor.auth!;
  const now = opts.now ?? new Date();
  const customers = customerService(ctx);
  const isCustomer = !!auth.user.customerId;
  const channel = opts.channel ?? (isCustomer ? 'shop' : 'staff');
  return withTx(ctx.db, async (tx) => {
    const customerId = isCustomer ? auth.user.customerId! : input.customerId;
    if (!customerId) throw new AppError('ORDER_CUSTOMER_REQUIRED');
    // Inside the actor's scope: a customer orders for its own enterprise only.
    if (isCustomer && input.customerId && input.customerId !== customerId) throw new AppError('NOT_FOUND');
    const customer = await customers.getRow(tx, actor, customerId);
    const cert = await tx
      .selectFrom('customers')
      .select(['certification_status', 'district_org_id', 'org_path', 'account_manager_id'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    if (cert.certification_status !== 'certified')
      throw new AppError('ORDER_NOT_CERTIFIED', { certificationStatus: cert.certification_status });

    const agreements = opts.integrated ? await currentAgreements(tx) : await checkAgreements(tx, input.agreements);

    let promoter: { id: number; displayName: string } | null = null;
    if (input.ref) {
      promoter = await verifyPromoRef(ctx, tx, input.ref);
      if (!promoter) throw new AppError('ORDER_REF_INVALID');
    } else if (auth.user.role === 'account_manager')
      promoter = { id: auth.user.id, displayName: auth.user.displayName };

    const priced = await priceCart(tx, input.items, customer.id);
    const quote = toQuote(priced);
    if (
      !opts.integrated &&
      (quote.totalOneTimeFen !== input.expectedOneTimeFen || quote.totalMonthlyFen !== input.expectedMonthlyFen)
    )
      throw new AppError('ORDER_PRICE_CHANGED', {
        oneTimeFen: quote.totalOneTimeFen,
        monthlyFen: quote.totalMonthlyFen,
      });

    const settings = await orderRepo.settings(tx);
    const number = await nextOrderNumber(tx, now);
    const contractMonths = Math.max(0, ...priced.map((p) => p.offer.contractMonths));
    const title =
      priced.length === 1
        ? `${priced[0]!.offer.productName}（${priced[0]!.offer.name}）`
        : `${priced[0]!.offer.productName} 等 ${priced.length} 项`;
    const targetH = settings.stageTargets.accepted ?? 4;
    const order = await tx
      .insertInto('orders')
      .values({
        number,
        channel,
        state: 'acknowledged',
        stage: 'accepted',
        stage_entered_at: now,
        stage_deadline: new Date(now.getTime() + targetH * 3600_000),
        customer_id: customer.id,
        district_org_id: cert.district_org_id,
        org_path: cert.org_path,
        title,
        contact_name: input.contactName,
        contact_phone: input.contactPhone,
        install_address: input.installAddress,
        note: input.note,
        total_one_time_fen: quote.totalOneTimeFen,
        total_monthly_fen: quote.totalMonthlyFen,
        contract_months: contractMonths,
        pre_acceptance_no: input.preAcceptanceNo ?? null,
        promoter_id: promoter?.id ?? null,
        created_by: auth.user.id,
        agreements: JSON.stringify(agreements),
        external_id: opts.externalId ?? null,
        request_key: opts.requestKey ?? null,
        created_at: now,
      })
      .returning([
        'id',
        'number',
        'customer_id',
        'state',
        'stage',
        'pre_acceptance_no',
        'total_one_time_fen',
        'total_monthly_fen',
      ])
      .executeTakeFirstOrThrow();

    // Layer 2: items; layer 3: a service order per product and end; work orders for the district's teams.
    const items = await tx
      .insertInto('order_items')
      .values(
        priced.map((p) => ({
          order_id: order.id,
          offer_id: p.offer.id,
          product_id: p.offer.productId,
          product_code: p.offer.productCode,
          product_name: p.offer.productName,
          offer_name: p.offer.name,
          specs: JSON.stringify(p.specs),
          spec_text: p.specText,
          quantity: p.item.quantity,
          one_time_fen: p.oneTimeFen,
          monthly_fen: p.monthlyFen,
          contract_months: p.offer.contractMonths,
        })),
      )
      .returning(['id'])
      .execute();
    const soRows = priced.flatMap((p, i) =>
      (END_LABELS[p.offer.ends] ?? END_LABELS[1]!).map((end) => ({
        order_item_id: items[i]!.id,
        product_name: p.offer.productName,
        end_label: end,
      })),
    );
    const sos = await tx
      .insertInto('service_orders')
      .values(
        soRows.map((s, k) => ({
          order_id: order.id,
          order_item_id: s.order_item_id,
          number: `${number}-S${String(k + 1).padStart(2, '0')}`,
          product_name: s.product_name,
          end_label: s.end_label,
        })),
      )
      .returning(['id'])
      .execute();
    const teams = {
      account: await orderRepo.districtTeam(tx, cert.district_org_id, 'account'),
      dispatch: await orderRepo.districtTeam(tx, cert.district_org_id, 'dispatch'),
      field: await orderRepo.districtTeam(tx, cert.district_org_id, 'field'),
    };
    let w = 0;
    const wo = (task: WorkOrderTask, soId: number | null) => {
      const team = teams[TASK_TEAM[task]];
      return {
        order_id: order.id,
        service_order_id: soId,
        number: `${number}-W${String(++w).padStart(2, '0')}`,
        task,
        state: (TASK_STAGE[task] === 'accepted' ? 'ready' : 'waiting') as 'ready' | 'waiting',
        assignee_org_id: team?.id ?? null,
        assignee_org_path: team?.path ?? null,
        // review and billing go to the customer's own account manager when it has one
        assignee_user_id: TASK_TEAM[task] === 'account' ? cert.account_manager_id : null,
        created_at: now,
      };
    };
    await tx
      .insertInto('order_work_orders')
      .values([
        wo('review', null),
        ...sos.flatMap((s) => [wo('resource', s.id), wo('install', s.id)]),
        wo('billing', null),
      ])
      .execute();

    await orderRepo.addEvent(tx, {
      order_id: order.id,
      kind: 'created',
      to_state: 'acknowledged',
      to_stage: 'accepted',
      note:
        channel === 'shop'
          ? `企业在线下单${promoter ? `（推广客户经理：${promoter.displayName}）` : ''}`
          : `${auth.user.displayName}代客下单${input.preAcceptanceNo ? `，预受理单号 ${input.preAcceptanceNo}` : ''}`,
      actor_id: auth.user.id,
      actor_name: auth.user.displayName,
      created_at: now,
    });
    await enqueueSms(tx, {
      phone: input.contactPhone,
      template: 'order_accepted',
      params: { number, title },
      key: `order:${order.id}:accepted`,
    });
    await recordAudit(tx, actor, {
      action: 'order.create',
      entityType: 'order',
      entityId: order.id,
      after: {
        number,
        customerId: customer.id,
        channel,
        totalOneTimeFen: quote.totalOneTimeFen,
        totalMonthlyFen: quote.totalMonthlyFen,
        items: quote.items.map((i) => ({ offerId: i.offerId, quantity: i.quantity })),
        promoterId: promoter?.id ?? null,
        preAcceptanceNo: input.preAcceptanceNo ?? null,
        agreements,
      },
    });
    await orderStatusChanged.emit(tx, {
      order: toRef(order),
      previousState: null,
      previousStage: null,
      at: now,
      note: '业务受理：订单已生成',
    });
    await ctx.events.publish(tx, {
      topic: ORDER_TOPIC,
      data: { id: order.id, orgPath: cert.org_path, customerId: customer.id, userIds: [auth.user.id] },
    });
    return order.id;
  });
}

/** Places an order once per request key of the placing user (see createOnce). */
export async function placeOrderOnce(
  ctx: AppContext,
  actor: Actor,
  input: PlaceOrder,
  requestKey: string,
): Promise<{ id: number; replayed: boolean }> {
  const { value, replayed } = await createOnce({
    find: async () =>
      (
        await ctx.db
          .selectFrom('orders')
          .select('id')
          .where('created_by', '=', actor.auth!.user.id)
          .where('request_key', '=', requestKey)
          .executeTakeFirst()
      )?.id,
    create: () => placeOrder(ctx, actor, input, { requestKey }),
    constraint: 'orders_request_key_idx',
  });
  return { id: value, replayed };
}
