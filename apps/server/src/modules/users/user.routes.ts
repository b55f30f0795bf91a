import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateUserSchema,
  IdParamsSchema,
  OkSchema,
  pageOf,
  ResetPasswordSchema,
  UpdateUserSchema,
  UserListQuerySchema,
  UserSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { userService } from './user.service';

export async function userRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = userService(ctx);
  const tags = ['users'];
  const read = requirePerm('user.read');
  const write = requirePerm('user.write');

  r.get(
    '/users',
    {
      onRequest: read,
      schema: { tags, summary: '用户列表', querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema) } },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.get(
    '/users/:id',
    { onRequest: read, schema: { tags, summary: '用户详情', params: IdParamsSchema, response: { 200: UserSchema } } },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  r.post(
    '/users',
    { onRequest: write, schema: { tags, summary: '新建用户', body: CreateUserSchema, response: { 200: UserSchema } } },
    async (req) => svc.create(actorOf(req), req.body),
  );
  r.patch(
    '/users/:id',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '修改用户（角色、组织、停用）',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/users/:id/reset-password',
    {
      onRequest: write,
      schema: {
        tags,
        summary: '重置密码',
        params: IdParamsSchema,
        body: ResetPasswordSchema,
        response: { 200: OkSchema },
      },
    },
    async (req) => {
      await svc.resetPassword(actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
}
