import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  SignerAccessSchema,
  SignerCodeResultSchema,
  SignerDeclineSchema,
  SignerLinkSchema,
  SignerMaterialKindSchema,
  SignerSignSchema,
  SignerVerifySchema,
  SignerViewSchema,
  VerifyResultSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { signerService } from './signer.service';
import { signingVerifyService } from './signing-verify.service';
import { signingTemplates } from './signing-templates';

const TokenParams = z.strictObject({ token: z.string().min(10).max(120) });
const ACCESS_HEADER = 'x-sign-access';
const pdfHeaders = (name: string, inline: boolean) => ({
  'content-type': 'application/pdf',
  'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
});

/**
 * The signer's side, public: the link opens nothing until a one-time code sent to the signer's phone is entered;
 * the code gives a short-lived access token (header x-sign-access) for this one request. Also the public verify
 * page and the downloadable templates.
 */
export async function signerRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 2 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = signerService(ctx);
  const verify = signingVerifyService(ctx);
  const templates = signingTemplates(ctx);
  const tags = ['signing-public'];
  // Public endpoints: no session, no CSRF (there is no cookie to ride on); limits per client IP.
  const open = { skipCsrf: true, rateLimit: { max: 60, timeWindow: '1 minute' } };
  const tight = { skipCsrf: true, rateLimit: { max: 10, timeWindow: '1 minute' } };
  const access = (h: unknown) => (typeof h === 'string' ? h : undefined);

  r.get(
    '/sign/link/:token',
    {
      config: open,
      schema: {
        tags,
        summary: '打开签约链接（记录打开时间）',
        params: TokenParams,
        response: { 200: SignerLinkSchema },
      },
    },
    async (req) => svc.open(req.params.token, actorOf(req)),
  );
  r.post(
    '/sign/link/:token/code',
    {
      config: tight,
      schema: {
        tags,
        summary: '向签约人手机发送验证码',
        params: TokenParams,
        response: { 200: SignerCodeResultSchema },
      },
    },
    async (req) => svc.requestCode(req.params.token, actorOf(req)),
  );
  r.post(
    '/sign/link/:token/verify',
    {
      config: tight,
      schema: {
        tags,
        summary: '校验验证码（5 次错误锁定），换取本次签约的访问令牌',
        params: TokenParams,
        body: SignerVerifySchema,
        response: { 200: SignerAccessSchema },
      },
    },
    async (req) => svc.verifyCode(req.params.token, req.body.code, actorOf(req)),
  );
  r.get(
    '/sign/session',
    { config: open, schema: { tags, summary: '签约内容（需访问令牌）', response: { 200: SignerViewSchema } } },
    async (req) => svc.view(access(req.headers[ACCESS_HEADER]), actorOf(req)),
  );
  r.get(
    '/sign/session/document.pdf',
    { config: open, schema: { tags, summary: '下载文件：签署前为待签文件，签署后为已签章文件' } },
    async (req, reply) => {
      const tok = access(req.headers[ACCESS_HEADER]) ?? (req.query as { access?: string }).access;
      const f = await svc.document(tok, actorOf(req));
      return reply.headers(pdfHeaders(f.name, true)).send(f.data);
    },
  );
  r.post(
    '/sign/session/materials/:kind',
    {
      config: tight,
      schema: {
        tags,
        summary: '模式3：上传营业执照、身份证人像面或国徽面照片（自动识别并比对）',
        params: z.strictObject({ kind: SignerMaterialKindSchema }),
        consumes: ['multipart/form-data'],
        response: { 200: SignerViewSchema },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'multipart/form-data expected' });
      const file = await req.file();
      if (!file) throw new AppError('SIGNING_FILE_INVALID');
      return svc.uploadMaterial(
        access(req.headers[ACCESS_HEADER]),
        req.params.kind,
        await file.toBuffer(),
        actorOf(req),
      );
    },
  );
  r.post(
    '/sign/session/sign',
    {
      config: { ...tight, rateLimit: { max: 20, timeWindow: '1 minute' } },
      bodyLimit: 3 * 1024 * 1024,
      schema: { tags, summary: '提交手写签名完成签约', body: SignerSignSchema, response: { 200: SignerViewSchema } },
    },
    async (req) => svc.sign(access(req.headers[ACCESS_HEADER]), req.body, actorOf(req)),
  );
  r.post(
    '/sign/session/decline',
    {
      config: tight,
      schema: { tags, summary: '拒绝签约', body: SignerDeclineSchema, response: { 200: SignerViewSchema } },
    },
    async (req) => svc.decline(access(req.headers[ACCESS_HEADER]), req.body.reason, actorOf(req)),
  );

  r.post(
    '/verify',
    {
      config: { skipCsrf: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '验证 PDF：是否本平台签章、是否未被修改、由谁何时签署',
        consumes: ['multipart/form-data'],
        response: { 200: VerifyResultSchema },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: 'multipart/form-data expected' });
      const file = await req.file();
      if (!file) throw new AppError('SIGNING_VERIFY_NOT_PDF');
      return verify.verify(await file.toBuffer());
    },
  );

  r.get(
    '/sign/templates',
    {
      config: open,
      schema: {
        tags,
        summary: '可下载的模板（委托书、用途说明）',
        response: { 200: z.array(z.object({ code: z.string(), title: z.string(), version: z.number().int() })) },
      },
    },
    async () => templates.list(),
  );
  r.get(
    '/sign/templates/:code',
    {
      config: open,
      schema: {
        tags,
        summary: '下载模板 PDF（当前发布版本）',
        params: z.strictObject({ code: z.string().regex(/^[\w-]{1,60}(\.pdf)?$/) }),
      },
    },
    async (req, reply) => {
      const f = await templates.pdf(req.params.code.replace(/\.pdf$/, ''));
      return reply.headers(pdfHeaders(f.name, false)).send(f.data);
    },
  );
}
