import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { ORDER_STAGE_LABELS, type OrderStage, type OrderState } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { AuthContext } from '../../platform/auth/context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import type { Executor } from '../../platform/db/database';
import { orderRepo, orderScope } from '../orders/order.repo';
import { placeOrder } from '../orders/order-place';
import { orderProgress } from '../orders/order-progress';
import { tmfBadRequest, tmfNotFound, zodMessage } from '../tmf621/tmf621.errors';
import { installTmfBase, listValues, money, paging, parseFields, pick } from '../tmf621/tmf-base';

// TMF622 Product Ordering v4 at its standard path, mapped onto the same orders (one transaction, same rules,
// same price computed by the server). The customer-visible stages come as v5-style productOrderMilestone entries.

export const TMF622_PREFIX = '/tmf-api/productOrderingManagement/v4';

/** Our order states in TMF622 v4 names. */
export const TMF622_STATE: Record<OrderState, string> = {
  acknowledged: 'acknowledged',
  in_progress: 'inProgress',
  pending: 'assessingCancellation',
  held: 'held',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'failed',
};
const FROM_TMF_STATE = Object.fromEntries(Object.entries(TMF622_STATE).map(([k, v]) => [v, k]));

const Ref = z.object({ id: z.string().min(1).max(60) }).passthrough();
const CreateSchema = z
  .object({
    externalId: z.string().max(60).optional(),
    description: z.string().max(500).optional(),
    requestedStartDate: z.string().datetime({ offset: true }).optional(),
    productOrderItem: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            action: z.literal('add', { message: 'only action "add" is supported for new orders' }),
            quantity: z.number().int().min(1).max(99).optional(),
            productOffering: Ref.optional(),
            product: z
              .object({
                productCharacteristic: z
                  .array(z.object({ name: z.string().max(32), value: z.union([z.string(), z.number()]) }))
                  .max(10)
                  .optional(),
                place: z
                  .array(z.object({ name: z.string().max(200).optional() }).passthrough())
                  .max(2)
                  .optional(),
              })
              .passthrough()
              .optional(),
          })
          .passthrough(),
      )
      .min(1)
      .max(20),
    relatedParty: z
      .array(
        z
          .object({
            id: z.string().max(60),
            role: z.string().max(40).optional(),
            '@referredType': z.string().max(40).optional(),
            name: z.string().max(60).optional(),
          })
          .passthrough(),
      )
      .min(1),
    note: z
      .array(z.object({ text: z.string().max(500) }).passthrough())
      .max(5)
      .optional(),
  })
  .passthrough();

const CUSTOMER_ROLES = /^(customer|buyer|organi[sz]ation)$/i;

async function represent(ex: Executor, ids: number[], base: string) {
  if (!ids.length) return [];
  const orders = await ex
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('users as p', 'p.id', 'o.promoter_id')
    .select([
      'o.id',
      'o.number',
      'o.state',
      'o.stage',
      'o.title',
      'o.external_id',
      'o.created_at',
      'o.completed_at',
      'o.requested_start',
      'o.updated_at',
      'o.total_one_time_fen',
      'o.total_monthly_fen',
      'o.customer_id',
      'o.note',
      'c.name as customer_name',
      'o.promoter_id',
      'p.display_name as promoter_name',
    ])
    .where('o.id', 'in', ids)
    .execute();
  const items = await ex.selectFrom('order_items').selectAll().where('order_id', 'in', ids).orderBy('id').execute();
  const events = await ex
    .selectFrom('order_events')
    .select(['order_id', 'to_stage', 'created_at'])
    .where('order_id', 'in', ids)
    .where('to_stage', 'is not', null)
    .orderBy('id')
    .execute();
  const byId = new Map(orders.map((o) => [o.id, o]));
  return ids
    .map((id) => byId.get(id))
    .filter((o): o is NonNullable<typeof o> => !!o)
    .map((o) => {
      const reached = new Map<string, Date>();
      for (const e of events)
        if (e.order_id === o.id && !reached.has(e.to_stage!)) reached.set(e.to_stage!, e.created_at);
      const stages = Object.keys(ORDER_STAGE_LABELS) as OrderStage[];
      return {
        id: String(o.id),
        href: `${base}/productOrder/${o.id}`,
        externalId: o.external_id ?? o.number,
        description: o.title,
        category: 'B2B',
        orderDate: o.created_at.toISOString(),
        requestedStartDate: o.requested_start?.toISOString(),
        completionDate: o.completed_at?.toISOString(),
        lastUpdate: o.updated_at.toISOString(),
        state: TMF622_STATE[o.state as OrderState],
        productOrderItem: items
          .filter((i) => i.order_id === o.id)
          .map((i) => ({
            id: String(i.id),
            action: 'add',
            quantity: i.quantity,
            state: TMF622_STATE[o.state as OrderState],
            productOffering: {
              id: String(i.offer_id),
              name: i.offer_name,
              href: `${base.replace('productOrderingManagement', 'productCatalogManagement')}/productOffering/${i.offer_id}`,
            },
            product: {
              name: i.product_name,
              productCharacteristic: Object.entries(i.specs).map(([name, value]) => ({ name, value })),
            },
            itemPrice: [
              {
                priceType: 'recurring',
                recurringChargePeriod: 'month',
                price: { taxIncludedAmount: money(Number(i.monthly_fen)) },
              },
              { priceType: 'oneTime', price: { taxIncludedAmount: money(Number(i.one_time_fen)) } },
            ],
            '@type': 'ProductOrderItem',
          })),
        orderTotalPrice: [
          {
            priceType: 'recurring',
            recurringChargePeriod: 'month',
            price: { taxIncludedAmount: money(Number(o.total_monthly_fen)) },
          },
          { priceType: 'oneTime', price: { taxIncludedAmount: money(Number(o.total_one_time_fen)) } },
        ],
        relatedParty: [
          { id: String(o.customer_id), name: o.customer_name, role: 'customer', '@referredType': 'Organization' },
          ...(o.promoter_id
            ? [
                {
                  id: String(o.promoter_id),
                  name: o.promoter_name ?? '',
                  role: 'accountManager',
                  '@referredType': 'Individual',
                },
              ]
            : []),
        ],
        // TMF622 v5 milestones: 业务受理 → 资源调配 → 施工安装 → 业务完工 → 起租
        productOrderMilestone: stages.map((s) => ({
          id: s,
          name: ORDER_STAGE_LABELS[s].zh,
          description: ORDER_STAGE_LABELS[s].en,
          status: reached.has(s) ? 'reached' : 'pending',
          ...(reached.has(s) ? { milestoneDate: reached.get(s)!.toISOString() } : {}),
          '@type': 'ProductOrderMilestone',
        })),
        ...(o.note ? { note: [{ text: o.note }] } : {}),
        '@type': 'ProductOrder',
      };
    });
}

async function listIds(ex: Executor, auth: AuthContext, q: Record<string, unknown>) {
  let b = ex.selectFrom('orders as o').where((eb) => orderScope(eb as never, auth));
  for (const [key, raw] of Object.entries(q)) {
    if (['fields', 'offset', 'limit'].includes(key)) continue;
    const vs = listValues(raw);
    switch (key) {
      case 'id':
        if (vs.some((v) => !/^\d{1,9}$/.test(v))) return [];
        b = b.where('o.id', 'in', vs.map(Number));
        break;
      case 'state': {
        const states = vs.map((v) => FROM_TMF_STATE[v]).filter(Boolean) as string[];
        if (!states.length) return [];
        b = b.where('o.state', 'in', states);
        break;
      }
      case 'externalId':
        b = b.where((eb) => eb.or([eb('o.external_id', 'in', vs), eb('o.number', 'in', vs)]));
        break;
      case 'relatedParty.id':
        if (vs.some((v) => !/^\d{1,9}$/.test(v))) return [];
        b = b.where('o.customer_id', 'in', vs.map(Number));
        break;
      case 'orderDate': {
        const ds = vs.map((v) => new Date(v));
        if (ds.some((d) => Number.isNaN(d.getTime()))) throw tmfBadRequest('orderDate must be a date-time');
        b = b.where('o.created_at', 'in', ds);
        break;
      }
      case 'orderDate.gte':
      case 'orderDate.lt': {
        const d = new Date(vs[0] ?? '');
        if (Number.isNaN(d.getTime())) throw tmfBadRequest(`${key} must be a date-time`);
        b = b.where('o.created_at', key.endsWith('gte') ? '>=' : '<', d);
        break;
      }
      default:
        throw tmfBadRequest(
          `Filtering on "${key}" is not supported; use id, state, externalId, relatedParty.id, orderDate, orderDate.gte, orderDate.lt`,
          'UNSUPPORTED_FILTER',
        );
    }
  }
  const { offset, limit } = paging(q);
  const { total } = await b.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await b.select('o.id').orderBy('o.id', 'desc').offset(offset).limit(limit).execute();
  return { ids: rows.map((r) => r.id), total: Number(total) };
}

export async function tmf622Routes(app: FastifyInstance, ctx: AppContext) {
  installTmfBase(app, ctx);
  const base = `${ctx.config.publicUrl.replace(/\/$/, '')}${TMF622_PREFIX}`;
  const tags = ['TMF622 Product Ordering'];
  const read = requirePerm('order.read');
  const progress = orderProgress(ctx);

  const one = async (auth: AuthContext, raw: string) => {
    if (!/^\d{1,9}$/.test(raw)) throw tmfNotFound('ProductOrder', raw);
    const o = await orderRepo.get(ctx.db, auth, Number(raw));
    if (!o) throw tmfNotFound('ProductOrder', raw);
    return (await represent(ctx.db, [o.id], base))[0]!;
  };

  for (const path of ['/productOrder', '/productOrder/']) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find ProductOrder objects' } },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        const r = await listIds(ctx.db, actorOf(req).auth!, q);
        if (Array.isArray(r)) return reply.header('x-total-count', '0').header('x-result-count', '0').send([]);
        const items = (await represent(ctx.db, r.ids, base)).map((o) => pick(o, parseFields(q.fields)));
        return reply
          .header('x-total-count', String(r.total))
          .header('x-result-count', String(items.length))
          .send(items);
      },
    );

    app.post(
      path,
      {
        onRequest: requirePerm('order.place'),
        schema: { tags, summary: 'Creates a ProductOrder (priced and decomposed like a shop order)' },
      },
      async (req, reply) => {
        const parsed = CreateSchema.safeParse(req.body);
        if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
        const body = parsed.data;
        const actor = actorOf(req);
        const auth = actor.auth!;
        const party = body.relatedParty.find(
          (p) => CUSTOMER_ROLES.test(p.role ?? '') || CUSTOMER_ROLES.test(p['@referredType'] ?? ''),
        );
        let customerId: number | null = auth.user.customerId ?? null;
        if (!customerId && party) {
          if (/^\d{1,9}$/.test(party.id)) customerId = Number(party.id);
          else {
            const c = await ctx.db
              .selectFrom('customers')
              .select('id')
              .where('credit_code', '=', party.id)
              .executeTakeFirst();
            customerId = c?.id ?? null;
          }
        }
        if (!customerId && 'client' in auth)
          customerId = (auth as { client: { defaultCustomerId: number | null } }).client.defaultCustomerId;
        if (!customerId)
          throw tmfBadRequest(
            'Name the customer: relatedParty [{"id": <customer id or credit code>, "role": "customer"}]',
            'CUSTOMER_REQUIRED',
          );
        const missing = body.productOrderItem.filter(
          (i) => !i.productOffering || !/^\d{1,9}$/.test(i.productOffering.id),
        );
        if (missing.length)
          throw tmfBadRequest(
            `productOrderItem ${missing.map((i) => i.id).join(', ')}: productOffering.id must name a published offering of our catalogue`,
            'OFFERING_REQUIRED',
          );
        const customer = await ctx.db
          .selectFrom('customers as c')
          .leftJoin('customer_contacts as k', (j) =>
            j.onRef('k.customer_id', '=', 'c.id').on('k.is_primary', '=', true),
          )
          .select(['c.id', 'c.address', 'k.name as contact_name', 'k.phone as contact_phone'])
          .where('c.id', '=', customerId)
          .executeTakeFirst();
        if (!customer)
          throw tmfBadRequest(`relatedParty customer "${party?.id ?? customerId}" is unknown`, 'UNKNOWN_CUSTOMER');
        const place = body.productOrderItem.flatMap((i) => i.product?.place ?? []).find((p) => p.name)?.name;
        const id = await placeOrder(
          ctx,
          actor,
          {
            customerId: customer.id,
            items: body.productOrderItem.map((i) => ({
              offerId: Number(i.productOffering!.id),
              quantity: i.quantity ?? 1,
              specs: Object.fromEntries((i.product?.productCharacteristic ?? []).map((c) => [c.name, String(c.value)])),
            })),
            contactName: customer.contact_name ?? '企业联系人',
            contactPhone: customer.contact_phone ?? '13900000000',
            installAddress: place ?? customer.address ?? '以客户登记地址为准',
            note: [body.description, ...(body.note ?? []).map((n) => n.text)].filter(Boolean).join('；').slice(0, 500),
            expectedOneTimeFen: 0,
            expectedMonthlyFen: 0,
            agreements: [],
          },
          { channel: 'api', externalId: body.externalId ?? null, integrated: true },
        );
        const o = (await represent(ctx.db, [id], base))[0]!;
        return reply.status(201).header('location', o.href).send(o);
      },
    );
  }

  app.get(
    '/productOrder/:id',
    { onRequest: read, schema: { tags, summary: 'Retrieves a ProductOrder by ID' } },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      return pick(await one(actorOf(req).auth!, (req.params as { id: string }).id), parseFields(q.fields));
    },
  );

  // Cancellation through the order's own rules (approval within a contract term; refused after sign-off).
  app.post(
    '/cancelProductOrder',
    { onRequest: requirePerm('order.place'), schema: { tags, summary: 'Requests cancellation of a ProductOrder' } },
    async (req, reply) => {
      const b = z
        .object({ productOrder: Ref, cancellationReason: z.string().min(1).max(500) })
        .passthrough()
        .safeParse(req.body);
      if (!b.success) throw tmfBadRequest(zodMessage(b.error));
      const actor = actorOf(req);
      const cur = await one(actor.auth!, b.data.productOrder.id);
      const row = await orderRepo.get(ctx.db, actor.auth!, Number(cur.id));
      await progress.act(actor, row!.id, { action: 'cancel', note: b.data.cancellationReason, version: row!.version });
      const after = await one(actor.auth!, cur.id);
      return reply.status(201).send({
        id: `${after.id}-cancel`,
        href: `${base}/cancelProductOrder/${after.id}-cancel`,
        cancellationReason: b.data.cancellationReason,
        state: after.state === 'cancelled' ? 'done' : 'inProgress',
        productOrder: { id: after.id, href: after.href },
        '@type': 'CancelProductOrder',
      });
    },
  );
}
