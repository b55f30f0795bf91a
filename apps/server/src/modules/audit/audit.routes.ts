import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEventSchema, AuditListQuerySchema, AuditVerifyResultSchema, pageOf } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { auditService } from './audit.service';
import { registerAuditJobs } from './audit.jobs';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = auditService(ctx);
  const tags = ['audit'];
  const read = requirePerm('audit.read');
  // The module's entry point: its periodic checkpoint job is declared here, before the runner starts.
  registerAuditJobs();

  r.get(
    '/audit',
    {
      preHandler: read,
      schema: {
        tags,
        summary: '审计日志（最新在前；领导只看本组织范围内人员的操作）',
        querystring: AuditListQuerySchema,
        response: { 200: pageOf(AuditEventSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.get(
    '/audit/verify',
    {
      preHandler: read,
      schema: { tags, summary: '校验审计哈希链（仅系统管理员）', response: { 200: AuditVerifyResultSchema } },
    },
    async (req) => svc.verify(actorOf(req)),
  );
}
