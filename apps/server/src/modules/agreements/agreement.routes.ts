import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgreementListQuerySchema,
  AgreementTemplateSchema,
  CreateAgreementSchema,
  CurrentAgreementsQuerySchema,
  IdParamsSchema,
  OkSchema,
  pageOf,
  UpdateAgreementSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, requirePerm } from '../../platform/auth/auth.plugin';
import { agreementService } from './agreement.service';

export async function agreementRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = agreementService(ctx);
  const tags = ['agreements'];
  const manage = requirePerm('agreement.manage');
  const signedIn = async (req: import('fastify').FastifyRequest) => {
    requireAuth(req);
  };

  r.get(
    '/agreements/current',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '当前生效的协议文本',
        description:
          'The published version of each listed code (`codes=marketing,security`), in the order asked. A code with no published version answers 404 AGREEMENT_NONE_PUBLISHED: nothing may be accepted or signed against it.',
        querystring: CurrentAgreementsQuerySchema,
        response: { 200: z.array(AgreementTemplateSchema) },
      },
    },
    async (req) => svc.current(req.query.codes),
  );
  r.get(
    '/agreements',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '协议模板（全部版本）',
        querystring: AgreementListQuerySchema,
        response: { 200: pageOf(AgreementTemplateSchema) },
      },
    },
    async (req) => svc.list(req.query),
  );
  r.get(
    '/agreements/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '协议模板的一个版本',
        description:
          'Published and retired versions are readable by anyone signed in (an order or a signed document names the version it used); drafts only by administrators.',
        params: IdParamsSchema,
        response: { 200: AgreementTemplateSchema },
      },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );
  r.post(
    '/agreements',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '新建协议草稿（新编码为第 1 版，已有编码为下一版）',
        body: CreateAgreementSchema,
        response: { 200: AgreementTemplateSchema },
      },
    },
    async (req) => svc.create(actorOf(req), req.body),
  );
  r.patch(
    '/agreements/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '修改协议草稿',
        params: IdParamsSchema,
        body: UpdateAgreementSchema,
        response: { 200: AgreementTemplateSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/agreements/:id/publish',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '发布（同编码的上一发布版本随之停用）',
        params: IdParamsSchema,
        response: { 200: AgreementTemplateSchema },
      },
    },
    async (req) => svc.publish(actorOf(req), req.params.id),
  );
  r.post(
    '/agreements/:id/retire',
    {
      onRequest: manage,
      schema: { tags, summary: '停用已发布版本', params: IdParamsSchema, response: { 200: AgreementTemplateSchema } },
    },
    async (req) => svc.retire(actorOf(req), req.params.id),
  );
  r.delete(
    '/agreements/:id',
    {
      onRequest: manage,
      schema: { tags, summary: '删除草稿', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
