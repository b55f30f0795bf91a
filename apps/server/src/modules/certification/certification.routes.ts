import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  ApproveCertificationSchema,
  CertificationQueueQuerySchema,
  CertificationSchema,
  ConfirmAmountSchema,
  ConfirmCodeSchema,
  EnterpriseBriefSchema,
  IdParamsSchema,
  pageOf,
  RejectCertificationSchema,
  StartBankTransferSchema,
  StartELicenceSchema,
  StartLegalRepSmsSchema,
  SubmitLicenceSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { OCR_MAX_BYTES } from '../../platform/ocr/ocr';
import { certificationService } from './certification.service';
import { certificationReviewService } from './certification-review.service';
import type { CertificationPorts } from './certification.ports';
import { requirePortal } from '../onboarding/onboarding.routes';

const CurrentSchema = z.object({
  enterprise: EnterpriseBriefSchema.nullable(),
  attempt: CertificationSchema.nullable(),
  eLicenceConfigured: z.boolean(),
  bankAdapter: z.string(),
});

const image = (reply: FastifyReply, f: { mime: string; data: Buffer }) =>
  reply
    .type(f.mime)
    .header('cache-control', 'private, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .send(f.data);

export async function certificationRoutes(app: FastifyInstance, ctx: AppContext, ports?: CertificationPorts) {
  await app.register(multipart, { limits: { fileSize: OCR_MAX_BYTES + 1, files: 1, fields: 2 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = certificationService(ctx, ports);
  const review = certificationReviewService(ctx);
  const tags = ['certification'];
  const signedIn = requirePortal;
  const staff = requirePerm('certification.review');

  // ---- the enterprise's side ----
  r.get(
    '/certification/current',
    {
      onRequest: signedIn,
      schema: { tags, summary: '本企业认证状态与进行中的申请', response: { 200: CurrentSchema } },
    },
    async (req) => svc.current(actorOf(req)),
  );
  r.post(
    '/certification/bank-transfer',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '对公打款认证：登记对公账户',
        body: StartBankTransferSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => svc.startBankTransfer(actorOf(req), req.body),
  );
  r.post(
    '/certification/attempts/:id/amount',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '对公打款认证：回填收到的金额',
        params: IdParamsSchema,
        body: ConfirmAmountSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => svc.confirmAmount(actorOf(req), req.params.id, req.body.amount),
  );
  r.post(
    '/certification/legal-rep-sms',
    {
      onRequest: signedIn,
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '法人短信认证：向法定代表人手机发送验证码',
        body: StartLegalRepSmsSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => svc.startLegalRepSms(actorOf(req), req.body),
  );
  r.post(
    '/certification/attempts/:id/code',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '法人短信认证：输入验证码',
        params: IdParamsSchema,
        body: ConfirmCodeSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => svc.confirmCode(actorOf(req), req.params.id, req.body.code),
  );
  r.post(
    '/certification/licence',
    {
      onRequest: signedIn,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '拍照上传认证：上传营业执照照片（按内容校验为图片），返回识别出的字段',
        consumes: ['multipart/form-data'],
        response: { 200: CertificationSchema },
      },
    },
    async (req) => {
      requireAuth(req);
      if (!req.isMultipart()) throw new AppError('CERT_FILE_MISSING');
      const file = await req.file();
      if (!file) throw new AppError('CERT_FILE_MISSING');
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch {
        throw new AppError('CERT_NOT_IMAGE', { reason: 'too large' });
      }
      return svc.uploadLicence(actorOf(req), data);
    },
  );
  r.put(
    '/certification/attempts/:id/licence',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '拍照上传认证：确认识别结果并提交审核',
        params: IdParamsSchema,
        body: SubmitLicenceSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => svc.submitLicence(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/certification/e-licence',
    {
      onRequest: signedIn,
      schema: { tags, summary: '电子营业执照认证', body: StartELicenceSchema, response: { 200: CertificationSchema } },
    },
    async (req) => svc.startELicence(actorOf(req), req.body),
  );
  r.post(
    '/certification/attempts/:id/cancel',
    {
      onRequest: signedIn,
      schema: { tags, summary: '撤回认证申请', params: IdParamsSchema, response: { 200: CertificationSchema } },
    },
    async (req) => svc.cancel(actorOf(req), req.params.id),
  );
  r.get(
    '/certification/attempts/:id/licence-image',
    { onRequest: signedIn, schema: { tags, summary: '我上传的营业执照照片', params: IdParamsSchema } },
    async (req, reply) => image(reply, await svc.licenceImage(actorOf(req), req.params.id)),
  );

  // ---- staff review ----
  r.get(
    '/certifications',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: '企业认证审核队列（数据范围内）',
        querystring: CertificationQueueQuerySchema,
        response: { 200: pageOf(CertificationSchema) },
      },
    },
    async (req) => review.queue(actorOf(req), req.query),
  );
  r.get(
    '/certifications/:id',
    {
      onRequest: staff,
      schema: { tags, summary: '认证申请详情', params: IdParamsSchema, response: { 200: CertificationSchema } },
    },
    async (req) => review.get(actorOf(req), req.params.id),
  );
  r.get(
    '/certifications/:id/licence-image',
    { onRequest: staff, schema: { tags, summary: '营业执照照片', params: IdParamsSchema } },
    async (req, reply) => image(reply, await review.licenceImage(actorOf(req), req.params.id)),
  );
  r.post(
    '/certifications/:id/approve',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: '审核通过',
        params: IdParamsSchema,
        body: ApproveCertificationSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => review.approve(actorOf(req), req.params.id, req.body.version),
  );
  r.post(
    '/certifications/:id/reject',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: '驳回（须填写原因）',
        params: IdParamsSchema,
        body: RejectCertificationSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => review.reject(actorOf(req), req.params.id, req.body.reason, req.body.version),
  );
  r.post(
    '/certifications/:id/deposit-sent',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: '对公打款已由财务发出（人工确认）',
        params: IdParamsSchema,
        body: ApproveCertificationSchema,
        response: { 200: CertificationSchema },
      },
    },
    async (req) => review.depositSent(actorOf(req), req.params.id, req.body.version),
  );
}
