import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AgentScopeEntrySchema,
  AgentScopeListQuerySchema,
  AgentScopeOptionsSchema,
  AgentScopeParamsSchema,
  pageOf,
  PutAgentScopeSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { agentScopeService } from './opportunity-scope.service';

export async function agentScopeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = agentScopeService(ctx);
  const tags = ['opportunities'];
  const manage = requirePerm('opportunity.manage');

  r.get(
    '/opportunities/agent-scopes',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '热线坐席的认领范围（产品组、区局，空为不限）：按姓名搜索、按组织筛选',
        querystring: AgentScopeListQuerySchema,
        response: { 200: pageOf(AgentScopeEntrySchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.get(
    '/opportunities/agent-scopes/options',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '认领范围可选的区局，以及坐席所属的组织',
        response: { 200: AgentScopeOptionsSchema },
      },
    },
    async (req) => svc.options(actorOf(req)),
  );

  r.put(
    '/opportunities/agent-scopes/:userId',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '设置坐席的认领范围（产品组、区局，空为不限），立即作用于其商机池',
        params: AgentScopeParamsSchema,
        body: PutAgentScopeSchema,
        response: { 200: AgentScopeEntrySchema },
      },
    },
    async (req) => svc.save(actorOf(req), req.params.userId, req.body),
  );
}
