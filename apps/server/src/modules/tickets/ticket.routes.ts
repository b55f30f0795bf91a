import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  CreateTicketResultSchema,
  CreateTicketSchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  pageOf,
  TicketActionInputSchema,
  TicketAssigneeQuerySchema,
  TicketAssigneeSchema,
  TicketAttachmentSchema,
  TicketDetailSchema,
  TicketListQuerySchema,
  TicketSummarySchema,
  UpdateTicketSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { ticketService } from './ticket.service';
import { attachmentService, ATTACHMENT_MAX_BYTES } from './ticket-attachment.service';
import { ticketRepo } from './ticket.repo';

export async function ticketRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = ticketService(ctx);
  const files = attachmentService(ctx);
  const tags = ['tickets'];
  const read = requirePerm('ticket.read');

  r.get(
    '/tickets',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '工单列表：我的、本班组、待派、我提交的；按时限排序',
        querystring: TicketListQuerySchema,
        response: { 200: pageOf(TicketSummarySchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  r.post(
    '/tickets',
    {
      onRequest: requirePerm('ticket.create'),
      schema: {
        tags,
        summary: '提交申请或报障（自动路由、派单、计算时限）',
        description:
          'Send an `Idempotency-Key` (8–100 characters, new for each request the user means to raise, the same when ' +
          'a submission is retried): a key that already raised one answers with it and `idempotent-replayed: true` ' +
          'instead of raising another. Keys belong to the signed-in user.',
        headers: IdempotencyHeadersSchema,
        body: CreateTicketSchema,
        response: { 200: CreateTicketResultSchema },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') return svc.create(actorOf(req), req.body);
      const { replayed, ...created } = await svc.createOnce(actorOf(req), req.body, key.trim());
      reply.header('idempotent-replayed', String(replayed));
      return created;
    },
  );

  r.get(
    '/tickets/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '工单详情：时间线、时限、当前可执行的操作',
        params: IdParamsSchema,
        response: { 200: TicketDetailSchema },
      },
    },
    async (req) => svc.detail(actorOf(req), req.params.id),
  );

  r.get(
    '/tickets/:id/assignees',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '可派/转派的人员（某一单位内，按在手工单数从少到多）',
        description:
          'Active staff of `orgId` who can take the ticket, each with the open tickets it holds now. For staff who can see the ticket; customers get 403.',
        params: IdParamsSchema,
        querystring: TicketAssigneeQuerySchema,
        response: { 200: z.array(TicketAssigneeSchema) },
      },
    },
    async (req) => svc.assignees(actorOf(req), req.params.id, req.query.orgId),
  );

  r.post(
    '/tickets/:id/actions',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '执行工单操作（受理、转派、退回、抄送、催单、撤单、拉回、挂起、升级、回单、确认、评价、归档）',
        params: IdParamsSchema,
        body: TicketActionInputSchema.extend({ version: z.number().int() }).strict(),
        response: { 200: TicketDetailSchema },
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      await svc.act(actorOf(req), req.params.id, version, input);
      return svc.detail(actorOf(req), req.params.id);
    },
  );

  r.patch(
    '/tickets/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '调整优先级、业务类别或电路等级（时限按原起点重算，已用时间不清零）',
        params: IdParamsSchema,
        body: UpdateTicketSchema,
        response: { 200: TicketDetailSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/tickets/attachments',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '上传附件（图片或 PDF，≤ 10 MB，按内容校验类型）；提交工单时引用返回的 id',
        consumes: ['multipart/form-data'],
        response: { 200: TicketAttachmentSchema },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'multipart/form-data expected' });
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: '请选择文件' }]);
      const data = await file.toBuffer();
      return files.upload(auth, file.filename, data);
    },
  );

  r.get(
    '/tickets/:id/attachments/:attachmentId',
    {
      onRequest: read,
      schema: {
        tags,
        summary: '下载附件',
        params: z.strictObject({
          id: z.coerce.number().int().positive(),
          attachmentId: z.coerce.number().int().positive(),
        }),
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const t = await ticketRepo.get(ctx.db, auth, req.params.id);
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      const { meta, data } = await files.read(ctx.db, t.id, req.params.attachmentId);
      return reply
        .type(meta.mime_type)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(meta.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
}
