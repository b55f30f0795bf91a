import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateOrgSchema, IdParamsSchema, OkSchema, OrgSchema, UpdateOrgSchema } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { orgService } from './org.service';

export async function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = orgService(ctx);
  const tags = ['orgs'];

  r.get(
    '/orgs',
    {
      onRequest: requirePerm('org.read'),
      schema: { tags, summary: '组织树（可见范围内）', response: { 200: z.array(OrgSchema) } },
    },
    async (req) => svc.list(actorOf(req)),
  );
  r.post(
    '/orgs',
    {
      onRequest: requirePerm('org.write'),
      schema: { tags, summary: '新建下级组织', body: CreateOrgSchema, response: { 200: OrgSchema } },
    },
    async (req) => svc.create(actorOf(req), req.body),
  );
  r.patch(
    '/orgs/:id',
    {
      onRequest: requirePerm('org.write'),
      schema: {
        tags,
        summary: '改名或调整上级',
        params: IdParamsSchema,
        body: UpdateOrgSchema,
        response: { 200: OrgSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/orgs/:id',
    {
      onRequest: requirePerm('org.write'),
      schema: { tags, summary: '删除空组织', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
