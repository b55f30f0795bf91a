import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateSigningRequestSchema,
  IdParamsSchema,
  pageOf,
  PutSigningRulesSchema,
  SigningDetailSchema,
  SigningListQuerySchema,
  SigningPreviewQuerySchema,
  SigningPreviewSchema,
  SigningRulesSchema,
  SigningStaffActionSchema,
  SigningStatsQuerySchema,
  SigningStatsSchema,
  SigningSummarySchema,
  SimulateReplySchema,
} from '@paidan/shared';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { receiveInboundSms } from '../../platform/sms/sms-inbound';
import { signingService } from './signing.service';
import { signingStats } from './signing-stats';

const pdfReply = (name: string, inline: boolean) => ({
  'content-type': 'application/pdf',
  'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
});

/** Staff: send and follow signing requests, review mode-3 requests, edit the mode rules, see the figures. */
export async function signingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = signingService(ctx);
  const tags = ['signing'];
  const read = requirePerm('signing.read');

  r.get(
    '/signing/requests',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '签约请求列表（可按状态、模式、文件类型、客户筛选；subjectRef 只看某一订单号或协议的签约）',
        querystring: SigningListQuerySchema,
        response: { 200: pageOf(SigningSummarySchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.get(
    '/signing/preview',
    {
      onRequest: requirePerm('signing.send'),
      schema: {
        tags,
        summary: '发起前预览：要签的内容、按规则（表1）确定的签约模式、需要填写的模板字段',
        querystring: SigningPreviewQuerySchema,
        response: { 200: SigningPreviewSchema },
      },
    },
    async (req) => svc.preview(actorOf(req), req.query),
  );

  r.post(
    '/signing/requests',
    {
      onRequest: requirePerm('signing.send'),
      schema: {
        tags,
        summary: '发起签约：固定文件并计算摘要，向签约人发送签约短信（含签名链接）',
        body: CreateSigningRequestSchema,
        response: { 200: SigningDetailSchema },
      },
    },
    async (req) => svc.create(actorOf(req), req.body),
  );

  r.get(
    '/signing/requests/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '签约详情：状态、表2技防核验、证据时间线',
        params: IdParamsSchema,
        response: { 200: SigningDetailSchema },
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );

  r.post(
    '/signing/requests/:id/actions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '催签、重发链接、撤销；人工审核通过/不通过（模式3）',
        params: IdParamsSchema,
        body: SigningStaffActionSchema,
        response: { 200: SigningDetailSchema },
      },
    },
    async (req) => svc.act(actorOf(req), req.params.id, req.body),
  );

  for (const which of ['document', 'signed'] as const) {
    r.get(
      `/signing/requests/:id/${which}.pdf`,
      {
        onRequest: read,
        schema: {
          tags,
          summary: which === 'document' ? '签署前固定的文件（PDF）' : '已签署并签章的文件（PDF，含证据页）',
          params: IdParamsSchema,
        },
      },
      async (req, reply) => {
        const f = await svc.file(actorOf(req), req.params.id, which);
        return reply.headers(pdfReply(f.name, true)).send(f.data);
      },
    );
  }

  r.get(
    '/signing/rules',
    { onRequest: read, schema: { tags, summary: '签约模式规则（表1）', response: { 200: SigningRulesSchema } } },
    async () => svc.rules(),
  );

  r.put(
    '/signing/rules',
    {
      onRequest: requirePerm('signing.config'),
      schema: { tags, summary: '修改签约模式规则', body: PutSigningRulesSchema, response: { 200: SigningRulesSchema } },
    },
    async (req) => svc.putRules(actorOf(req), req.body.version, req.body.rules),
  );

  r.get(
    '/signing/stats',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '签约成效：各模式成功率、发送到签署用时、拒签与过期',
        querystring: SigningStatsQuerySchema,
        response: { 200: SigningStatsSchema },
      },
    },
    async (req) => signingStats(ctx.db, req.auth!.scope, req.query.days),
  );

  r.post(
    '/sms-outbox/:id/simulate-reply',
    {
      onRequest: requirePerm('sms_outbox.read'),
      schema: {
        tags: ['sms'],
        summary: '模拟客户回复这条短信（仅发件箱通道，用于本机测试“回复 KT 签约”）',
        params: IdParamsSchema,
        body: SimulateReplySchema,
        response: { 200: z.object({ inboundId: z.number().int(), handled: z.boolean() }) },
      },
    },
    async (req) => {
      if (ctx.config.smsAdapter !== 'outbox') throw new AppError('SMS_REPLY_NOT_OUTBOX');
      const out = await ctx.db
        .selectFrom('sms_messages')
        .select(['phone', 'direction'])
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!out) throw new AppError('NOT_FOUND');
      if (out.direction !== 'out') throw new AppError('SMS_REPLY_NOT_OUTGOING');
      const res = await receiveInboundSms(ctx, { phone: out.phone, text: req.body.text, adapter: 'outbox' });
      return { inboundId: res.id, handled: res.handled };
    },
  );
}
