import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateCustomerSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  IdParamsSchema,
  pageOf,
  UpdateCustomerSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { customerService } from './customer.service';

export async function customerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = customerService(ctx);
  const tags = ['customers'];
  const read = requirePerm('customer.read');
  const write = requirePerm('customer.write');

  r.get(
    '/customers',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '政企客户列表（数据范围内）',
        querystring: CustomerListQuerySchema,
        response: { 200: pageOf(CustomerSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.get(
    '/customers/:id',
    {
      onRequest: read,
      schema: { tags, summary: '客户详情', params: IdParamsSchema, response: { 200: CustomerSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  r.post(
    '/customers',
    {
      onRequest: write,
      schema: { tags, summary: '新建客户', body: CreateCustomerSchema, response: { 200: CustomerSchema } },
    },
    async (req) => svc.create(actorOf(req), req.body),
  );
  r.patch(
    '/customers/:id',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '修改客户',
        params: IdParamsSchema,
        body: UpdateCustomerSchema,
        response: { 200: CustomerSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );
}
