import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParamsSchema,
  LifecycleActionSchema,
  OfferInputSchema,
  OfferUpdateSchema,
  OkSchema,
  pageOf,
  ProductInputSchema,
  ProductLineSchema,
  ProductListQuerySchema,
  ProductSchema,
  ProductUpdateSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { catalogService } from './catalog.service';

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = catalogService(ctx);
  const tags = ['catalog'];
  const read = requirePerm('order.read');
  const manage = requirePerm('catalog.manage');

  r.get(
    '/catalog/lines',
    { onRequest: read, schema: { tags, summary: '产品线', response: { 200: z.array(ProductLineSchema) } } },
    async (req) => svc.lines(actorOf(req)),
  );
  r.get(
    '/catalog/products',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '产品列表（商城只见已发布的产品和销售品；目录管理员可见草稿和已下架）',
        querystring: ProductListQuerySchema,
        response: { 200: pageOf(ProductSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.get(
    '/catalog/products/:id',
    {
      onRequest: read,
      schema: { tags, summary: '产品详情：规格模板与销售品', params: IdParamsSchema, response: { 200: ProductSchema } },
    },
    async (req) => svc.product(actorOf(req), req.params.id),
  );
  r.post(
    '/catalog/products',
    {
      onRequest: manage,
      schema: { tags, summary: '新建产品（草稿）', body: ProductInputSchema, response: { 200: ProductSchema } },
    },
    async (req) => svc.createProduct(actorOf(req), req.body),
  );
  r.patch(
    '/catalog/products/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '修改产品与规格模板（乐观锁 version）',
        params: IdParamsSchema,
        body: ProductUpdateSchema,
        response: { 200: ProductSchema },
      },
    },
    async (req) => svc.updateProduct(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/catalog/products/:id/lifecycle',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '发布或下架产品（下架同时下架其销售品）',
        params: IdParamsSchema,
        body: LifecycleActionSchema,
        response: { 200: ProductSchema },
      },
    },
    async (req) => svc.productLifecycle(actorOf(req), req.params.id, req.body.action),
  );
  r.post(
    '/catalog/offers',
    {
      onRequest: manage,
      schema: { tags, summary: '新建销售品（草稿）', body: OfferInputSchema, response: { 200: ProductSchema } },
    },
    async (req) => svc.createOffer(actorOf(req), req.body),
  );
  r.patch(
    '/catalog/offers/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '修改销售品：草稿直接修改；已发布的生成新版本草稿',
        params: IdParamsSchema,
        body: OfferUpdateSchema,
        response: { 200: ProductSchema },
      },
    },
    async (req) => svc.updateOffer(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/catalog/offers/:id/lifecycle',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '发布（替换同编码的已发布版本）或下架销售品',
        params: IdParamsSchema,
        body: LifecycleActionSchema,
        response: { 200: ProductSchema },
      },
    },
    async (req) => svc.offerLifecycle(actorOf(req), req.params.id, req.body.action),
  );
  r.delete(
    '/catalog/offers/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '删除销售品（已有订单的不能删除，只能下架）',
        params: IdParamsSchema,
        response: { 200: OkSchema },
      },
    },
    async (req) => {
      await svc.deleteOffer(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
