import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordSchema,
  LoginSchema,
  MeSchema,
  OkSchema,
  SmsCodeRequestSchema,
  SmsLoginSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, SESSION_COOKIE } from '../../platform/auth/auth.plugin';
import { deleteSession, type NewSession } from '../../platform/auth/session.store';
import { authService } from './auth.service';

const LoginResultSchema = z.object({ csrfToken: z.string(), expiresAt: z.string() });

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = authService(ctx);
  const tags = ['auth'];
  // Signing in replaces whatever session the cookie holds, so it needs no CSRF token from that session.
  const passwordLimit = { rateLimit: { max: ctx.config.loginRateLimitPerMin, timeWindow: '1 minute' } };
  const loginLimit = { ...passwordLimit, skipCsrf: true };

  const setCookie = async (req: FastifyRequest, reply: FastifyReply, s: NewSession) => {
    // The session the browser held before signing in ends here: one cookie, one session.
    if (req.auth?.sessionId) await deleteSession(ctx.db, req.auth.sessionId);
    reply.setCookie(SESSION_COOKIE, s.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      expires: s.expiresAt,
    });
  };

  r.post(
    '/auth/login',
    {
      config: loginLimit,
      schema: { tags, summary: '账号密码登录', body: LoginSchema, response: { 200: LoginResultSchema } },
    },
    async (req, reply) => {
      const s = await svc.loginWithPassword(req.body.username, req.body.password, actorOf(req));
      await setCookie(req, reply, s);
      return { csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.post(
    '/auth/sms-code',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, skipCsrf: true },
      schema: {
        tags,
        summary: '发送短信验证码（企业用户登录）',
        body: SmsCodeRequestSchema,
        response: { 200: z.object({ ok: z.literal(true), ttlSeconds: z.number(), retryAfterSeconds: z.number() }) },
      },
    },
    async (req) => {
      const r2 = await svc.requestLoginCode(req.body.phone, actorOf(req));
      return { ok: true as const, ...r2 };
    },
  );

  r.post(
    '/auth/sms-login',
    {
      config: loginLimit,
      schema: { tags, summary: '短信验证码登录', body: SmsLoginSchema, response: { 200: LoginResultSchema } },
    },
    async (req, reply) => {
      const s = await svc.loginWithCode(req.body.phone, req.body.code, actorOf(req));
      await setCookie(req, reply, s);
      return { csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.post('/auth/logout', { schema: { tags, summary: '退出登录', response: { 200: OkSchema } } }, async (req, reply) => {
    await svc.logout(actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/me', { schema: { tags, summary: '当前用户', response: { 200: MeSchema } } }, async (req) => {
    requireAuth(req);
    return svc.me(actorOf(req));
  });

  r.put(
    '/me/lang',
    {
      schema: {
        tags,
        summary: '界面语言',
        body: z.strictObject({ lang: z.enum(['zh', 'en']) }),
        response: { 200: OkSchema },
      },
    },
    async (req) => {
      requireAuth(req);
      await svc.setLang(actorOf(req), req.body.lang);
      return { ok: true as const };
    },
  );

  r.put(
    '/me/password',
    {
      config: passwordLimit,
      schema: { tags, summary: '修改密码', body: ChangePasswordSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      requireAuth(req);
      await svc.changePassword(actorOf(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
}
