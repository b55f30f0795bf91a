import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdempotencyHeadersSchema,
  IdParamsSchema,
  OrderActionSchema,
  OrderChangeSchema,
  OrderDetailSchema,
  OrderListQuerySchema,
  OrderLookupQuerySchema,
  OrderSettingsSchema,
  OrderSummarySchema,
  pageOf,
  PlaceOrderSchema,
  PromoLinkSchema,
  QuoteResultSchema,
  QuoteSchema,
  RefCheckSchema,
  TowerQuerySchema,
  TowerSchema,
  WorkOrderActionSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { orderService } from './order.service';
import { orderProgress } from './order-progress';
import { placeOrder, placeOrderOnce, priceCart, toQuote } from './order-place';
import { bindOrderSigningBus } from './order-signing';
import './order-lookup';

export async function orderRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  bindOrderSigningBus(ctx.events);
  const svc = orderService(ctx);
  const progress = orderProgress(ctx);
  const tags = ['orders'];
  const read = requirePerm('order.read');

  r.post(
    '/orders/quote',
    {
      onRequest: requirePerm('order.place'),
      schema: {
        tags,
        summary: '购物车试算：服务端按目录重新计价并校验规格、依赖与互斥',
        body: QuoteSchema,
        response: { 200: QuoteResultSchema },
      },
    },
    async (req) => {
      const auth = actorOf(req).auth!;
      return toQuote(await priceCart(ctx.db, req.body.items, auth.user.customerId ?? req.body.customerId ?? null));
    },
  );

  r.post(
    '/orders',
    {
      onRequest: requirePerm('order.place'),
      schema: {
        tags,
        summary: '下单：仅限已认证企业；服务端重新计价（与所见价格不符则拒绝）；分解为服务定单与工单',
        description:
          'Send an `Idempotency-Key` (8–100 characters, new for each order the user means to place, the same when ' +
          'a submission is retried): a key that already placed an order answers with that order and ' +
          '`idempotent-replayed: true` instead of placing another. Keys belong to the signed-in user.',
        headers: IdempotencyHeadersSchema,
        body: PlaceOrderSchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') return svc.detail(actor, await placeOrder(ctx, actor, req.body));
      const placed = await placeOrderOnce(ctx, actor, req.body, key.trim());
      reply.header('idempotent-replayed', String(placed.replayed));
      return svc.detail(actor, placed.id);
    },
  );

  r.get(
    '/orders',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '订单列表（我的订单、本班组、全部）',
        querystring: OrderListQuerySchema,
        response: { 200: pageOf(OrderSummarySchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.get(
    '/orders/lookup',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '按订单号查询（仅本企业/本人范围内；查无与无权返回相同结果）',
        querystring: OrderLookupQuerySchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req) => svc.lookup(actorOf(req), req.query.number),
  );

  r.get(
    '/orders/tower',
    {
      onRequest: requirePerm('order.tower'),
      schema: {
        tags,
        summary: '塔台：各区局各环节滞留（超过目标时长）的订单',
        querystring: TowerQuerySchema,
        response: { 200: TowerSchema },
      },
    },
    async (req) => svc.tower(actorOf(req), req.query),
  );

  r.get(
    '/orders/settings',
    {
      onRequest: read,
      schema: { tags, summary: '订单号格式与各环节目标时长', response: { 200: OrderSettingsSchema } },
    },
    async () => svc.settings(),
  );
  r.put(
    '/orders/settings',
    {
      onRequest: requirePerm('order.config'),
      schema: {
        tags,
        summary: '修改订单号格式与各环节目标时长',
        body: OrderSettingsSchema,
        response: { 200: OrderSettingsSchema },
      },
    },
    async (req) => svc.saveSettings(actorOf(req), req.body),
  );

  r.get(
    '/orders/promo-link',
    {
      onRequest: read,
      schema: { tags, summary: '客户经理的推广二维码链接（一人一码，签名防伪）', response: { 200: PromoLinkSchema } },
    },
    async (req) => svc.promoLink(actorOf(req)),
  );
  r.get(
    '/orders/ref-check',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '校验推广参数 ref',
        querystring: z.strictObject({ ref: z.string().max(200) }),
        response: { 200: RefCheckSchema },
      },
    },
    async (req) => svc.checkRef(req.query.ref),
  );

  r.get(
    '/orders/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '订单详情：明细、服务定单、工单、环节时间线、客户签约（已签约时的签约单号与时间）',
        params: IdParamsSchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );

  r.patch(
    '/orders/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '变更联系人、电话、备注；施工前可改装机地址',
        params: IdParamsSchema,
        body: OrderChangeSchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req) => svc.change(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/orders/:id/actions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '订单干预：备注、催办、挂起、恢复、撤单（合约期内需审批；竣工后拒绝）、审批撤单、无法开通',
        params: IdParamsSchema,
        body: OrderActionSchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await progress.act(actor, req.params.id, req.body);
      return svc.detail(actor, req.params.id);
    },
  );

  r.post(
    '/orders/work-orders/:id',
    {
      onRequest: requirePerm('order.work'),
      schema: {
        tags,
        summary: '工单开始或完成；一个环节的工单全部完成后订单进入下一环节',
        params: IdParamsSchema,
        body: WorkOrderActionSchema,
        response: { 200: OrderDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const orderId = await progress.workOrder(actor, req.params.id, req.body.action, req.body.result);
      if (!orderId) throw new AppError('WORK_ORDER_NOT_FOUND');
      return svc.detail(actor, orderId);
    },
  );
}
