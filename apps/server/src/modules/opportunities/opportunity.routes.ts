import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  ApprovalDecisionSchema,
  CallInputSchema,
  ClaimResultSchema,
  CreateOpportunitySchema,
  DispatchSchema,
  FeedbackSchema,
  IdParamsSchema,
  ImportResultSchema,
  IntakeResultSchema,
  MarkInvalidSchema,
  OpportunityDetailSchema,
  OpportunityListQuerySchema,
  OpportunitySettingsSchema,
  OpportunitySummarySchema,
  pageOf,
  ReassignSchema,
  StageActionSchema,
  VersionOnlySchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { opportunityService } from './opportunity.service';
import { bindOrderLinkBus } from './opportunity-orders';
import { importService, IMPORT_MAX_BYTES } from './opportunity-import';
import { opportunityReportRoutes } from './opportunity-report.routes';
import { agentScopeRoutes } from './opportunity-scope.routes';

export async function opportunityRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2 } });
  bindOrderLinkBus(ctx.events);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opportunityService(ctx, r.log);
  const imports = importService(ctx);
  const tags = ['opportunities'];
  const read = requirePerm('opportunity.read');
  const work = requirePerm('opportunity.work');
  const manage = requirePerm('opportunity.manage');
  const Detail = { 200: OpportunityDetailSchema };

  r.get(
    '/opportunities',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '商机列表：商机池（可抢）、我的商机、全部（按数据范围）',
        querystring: OpportunityListQuerySchema,
        response: { 200: pageOf(OpportunitySummarySchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.post(
    '/opportunities',
    {
      onRequest: work,
      schema: {
        tags,
        summary: '录入商机（热线、企业微信、营销活动、客户经理）；同企业同产品在窗口期内合并',
        body: CreateOpportunitySchema,
        response: { 200: IntakeResultSchema },
      },
    },
    async (req) => svc.create(actorOf(req), req.body),
  );

  r.get(
    '/opportunities/settings',
    { onRequest: read, schema: { tags, summary: '商机设置', response: { 200: OpportunitySettingsSchema } } },
    async () => svc.settings(),
  );
  r.put(
    '/opportunities/settings',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '修改认领超时、合并窗口、重大商机审批门槛（带上读到的 version，他人已先改则 409）',
        body: OpportunitySettingsSchema,
        response: { 200: OpportunitySettingsSchema },
      },
    },
    async (req) => svc.saveSettings(actorOf(req), req.body),
  );

  r.post(
    '/opportunities/import',
    {
      onRequest: work,
      schema: {
        tags,
        summary: '批量导入（CSV 或 Excel），逐行校验并返回错误报告；错误的行不导入',
        consumes: ['multipart/form-data'],
        response: { 200: ImportResultSchema },
      },
    },
    async (req) => {
      requireAuth(req);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'multipart/form-data expected' });
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: '请选择文件' }]);
      const data = await file.toBuffer();
      return imports.importFile(actorOf(req), file.filename, data);
    },
  );

  r.get(
    '/opportunities/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '商机详情：外呼记录、轨迹、审批、当前可执行操作',
        params: IdParamsSchema,
        response: Detail,
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );

  r.get(
    '/opportunities/:id/account-managers',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '可派的客户经理（按商机所在区局）',
        params: IdParamsSchema,
        response: { 200: z.array(z.object({ id: z.number().int(), name: z.string() })) },
      },
    },
    async (req) => svc.accountManagers(actorOf(req), req.params.id),
  );

  r.post(
    '/opportunities/:id/claim',
    {
      onRequest: work,
      schema: {
        tags,
        summary: '抢单：先到先得，其他人得到 409「已被认领」',
        description:
          'Hotline agents only. Exactly one agent wins an item, on any number of instances; the others get 409 ' +
          "`OPPORTUNITY_ALREADY_CLAIMED`. 403 `OPPORTUNITY_NOT_ENTITLED` for an item outside the agent's product groups " +
          'and districts (while it is in the pool), 404 for an item that does not exist. Claims that reach an ' +
          'instance together are decided by one statement; the earliest entitled request for an item wins, and an ' +
          'item another instance is deciding at that moment is answered 409 at once instead of waited for. The ' +
          'entitled agents hear on their live streams (`opportunity.changed`, status `claimed`) that the items ' +
          'vanished once the claims that overlapped are decided, in one event. The claim returns to the pool after ' +
          'the configured timeout unless a call is recorded.',
        params: IdParamsSchema,
        response: { 200: ClaimResultSchema },
      },
    },
    async (req) => svc.claim(actorOf(req), req.params.id),
  );

  const post = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: B,
    perm: typeof read,
    handler: (actor: ReturnType<typeof actorOf>, id: number, b: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/opportunities/:id/${path}`,
      { onRequest: perm, schema: { tags, summary, params: IdParamsSchema, body, response: Detail } },
      async (req) => handler(actorOf(req), req.params.id, req.body as z.infer<B>) as never,
    );

  post('release', '放回商机池', VersionOnlySchema, work, (a, id, b) => svc.release(a, id, b.version));
  post('calls', '记录外呼（时间、结果、备注）', CallInputSchema, work, (a, id, b) =>
    svc.call(a, id, b.version, { result: b.result, ...(b.note ? { note: b.note } : {}) }),
  );
  post('valid', '标记有效并生成预受理单号', VersionOnlySchema, work, (a, id, b) => svc.markValid(a, id, b.version));
  post('invalid', '标记无效（须选原因）', MarkInvalidSchema, work, (a, id, b) =>
    svc.markInvalid(a, id, b.version, { reason: b.reason, ...(b.note ? { note: b.note } : {}) }),
  );
  post('dispatch', '派给区局客户经理（按客户所属或指定）', DispatchSchema, read, (a, id, b) =>
    svc.dispatch(a, id, b.version, {
      ...(b.accountManagerId ? { accountManagerId: b.accountManagerId } : {}),
      ...(b.note ? { note: b.note } : {}),
    }),
  );
  post('stage', '阶段推进、回退一步或终止（须填原因）', StageActionSchema, work, (a, id, b) =>
    svc.stage(a, id, b.version, { action: b.action, ...(b.reason ? { reason: b.reason } : {}) }),
  );
  post('approval', '提交重大商机审批', VersionOnlySchema, work, (a, id, b) => svc.requestApproval(a, id, b.version));
  post('approval/decision', '审批重大商机（逐级）', ApprovalDecisionSchema, manage, (a, id, b) =>
    svc.decideApproval(a, id, b.version, { approve: b.approve, ...(b.comment ? { comment: b.comment } : {}) }),
  );
  post('feedback', '办结回填订单号', FeedbackSchema, work, (a, id, b) =>
    svc.feedback(a, id, b.version, { orderNumber: b.orderNumber }),
  );
  post('reassign', '改派给其他坐席', ReassignSchema, manage, (a, id, b) => svc.reassign(a, id, b.version, b.userId));

  await app.register(async (rep) => opportunityReportRoutes(rep, ctx));
  await app.register(async (scopes) => agentScopeRoutes(scopes, ctx));
}
