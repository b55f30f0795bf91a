import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEnterpriseSchema,
  IdParamsSchema,
  InvitationSchema,
  InviteMemberSchema,
  isCustomerRole,
  MemberListQuerySchema,
  MemberSchema,
  OkSchema,
  OnboardingStateSchema,
  pageOf,
  SignupCodeRequestSchema,
  SignupSchema,
  UpdateMemberSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, SESSION_COOKIE } from '../../platform/auth/auth.plugin';
import { deleteSession } from '../../platform/auth/session.store';
import { AppError } from '../../platform/http/app-error';
import { onboardingService } from './onboarding.service';
import { enterpriseMembersService } from './enterprise-members.service';

/** Route hook: a signed-in customer-side person (with or without an enterprise); staff are refused before the body is read. */
export async function requirePortal(req: FastifyRequest): Promise<void> {
  const auth = requireAuth(req);
  if (!isCustomerRole(auth.user.role)) throw new AppError('FORBIDDEN', { reason: 'enterprise portal users only' });
}

export async function onboardingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = onboardingService(ctx);
  const members = enterpriseMembersService(ctx);
  const tags = ['onboarding'];
  // Members belong to the admin's own enterprise: staff (even an administrator) manage users elsewhere.
  const manage = async (req: FastifyRequest) => {
    await requirePortal(req);
    if (!req.auth!.permissions.has('enterprise_users.manage'))
      throw new AppError('FORBIDDEN', { permission: 'enterprise_users.manage' });
  };
  const signedIn = requirePortal;

  r.post(
    '/onboarding/sms-code',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, skipCsrf: true },
      schema: {
        tags,
        summary: '发送注册验证码',
        body: SignupCodeRequestSchema,
        response: { 200: z.object({ ok: z.literal(true), ttlSeconds: z.number(), retryAfterSeconds: z.number() }) },
      },
    },
    async (req) => ({ ok: true as const, ...(await svc.requestSignupCode(req.body.phone, actorOf(req))) }),
  );

  r.post(
    '/onboarding/signup',
    {
      config: { rateLimit: { max: ctx.config.loginRateLimitPerMin, timeWindow: '1 minute' }, skipCsrf: true },
      schema: {
        tags,
        summary: '手机号注册（注册后即登录）',
        body: SignupSchema,
        response: { 200: z.object({ csrfToken: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const s = await svc.signup(req.body, actorOf(req));
      if (req.auth?.sessionId) await deleteSession(ctx.db, req.auth.sessionId);
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        expires: s.expiresAt,
      });
      return { csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.get(
    '/onboarding/state',
    { onRequest: signedIn, schema: { tags, summary: '开通进度', response: { 200: OnboardingStateSchema } } },
    async (req) => svc.state(actorOf(req)),
  );
  r.post(
    '/onboarding/enterprise',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '创建企业（已有同一信用代码的企业时匹配，不重复创建）',
        body: CreateEnterpriseSchema,
        response: { 200: OnboardingStateSchema },
      },
    },
    async (req) => svc.createEnterprise(actorOf(req), req.body),
  );
  r.delete(
    '/onboarding/enterprise',
    { onRequest: signedIn, schema: { tags, summary: '撤回开通申请', response: { 200: OnboardingStateSchema } } },
    async (req) => svc.withdrawClaim(actorOf(req)),
  );
  r.post(
    '/onboarding/invitations/:id/accept',
    {
      onRequest: signedIn,
      schema: { tags, summary: '接受邀请', params: IdParamsSchema, response: { 200: OnboardingStateSchema } },
    },
    async (req) => svc.respondToInvitation(actorOf(req), req.params.id, true),
  );
  r.post(
    '/onboarding/invitations/:id/decline',
    {
      onRequest: signedIn,
      schema: { tags, summary: '谢绝邀请', params: IdParamsSchema, response: { 200: OnboardingStateSchema } },
    },
    async (req) => svc.respondToInvitation(actorOf(req), req.params.id, false),
  );

  // ---- members of the admin's own enterprise ----
  r.get(
    '/enterprise/members',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '本企业成员',
        querystring: MemberListQuerySchema,
        response: { 200: pageOf(MemberSchema) },
      },
    },
    async (req) => members.list(actorOf(req), req.query),
  );
  r.patch(
    '/enterprise/members/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        summary: '停用/启用成员或设置角色',
        params: IdParamsSchema,
        body: UpdateMemberSchema,
        response: { 200: MemberSchema },
      },
    },
    async (req) => members.update(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/enterprise/invitations',
    {
      onRequest: manage,
      schema: { tags, summary: '待接受的邀请', response: { 200: z.object({ items: z.array(InvitationSchema) }) } },
    },
    async (req) => ({ items: await members.invitations(actorOf(req)) }),
  );
  r.post(
    '/enterprise/invitations',
    {
      onRequest: manage,
      schema: { tags, summary: '按手机号邀请同事', body: InviteMemberSchema, response: { 200: InvitationSchema } },
    },
    async (req) => members.invite(actorOf(req), req.body),
  );
  r.delete(
    '/enterprise/invitations/:id',
    { onRequest: manage, schema: { tags, summary: '撤销邀请', params: IdParamsSchema, response: { 200: OkSchema } } },
    async (req) => {
      await members.revokeInvitation(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
