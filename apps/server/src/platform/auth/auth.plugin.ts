import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '@paidan/shared';
import type { Db } from '../db/database';
import { AppError } from '../http/app-error';
import type { Actor, AuthContext } from './context';
import { buildAuthContext } from './scope';
import { findSessions, renewSessions, sessionDueForRenewal } from './session.store';
import { batchByTurn, gatherWhileBusy } from '../util/batch';
import { safeEqual } from '../util/crypto';

export const SESSION_COOKIE = 'paidan_sid';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RENEW_QUIET_MS = 250;
const RENEW_MAX_WAIT_MS = 2000;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Sign-in routes: they replace the session, so a stale cookie must not block them. */
    skipCsrf?: boolean;
  }
}

export interface AuthPluginOptions {
  db: Db;
  sessionTtlHours: number;
}

/** Loads the session from the cookie; checks the CSRF header on every state-changing cookie request. */
export const authPlugin = fp<AuthPluginOptions>(async (app: FastifyInstance, opts) => {
  app.decorateRequest('auth', null);
  // Requests that arrive together are signed in with one statement.
  const loadSession = batchByTurn((tokens: string[]) => findSessions(opts.db, tokens));
  // The sliding expiry (at most once a minute per session) is bookkeeping: no request waits for it, and it waits for
  // a quiet spell (RENEW_QUIET_MS since the last session came due, RENEW_MAX_WAIT_MS at most), so a rush of requests
  // is answered before the database renews its sessions, in one statement. A renewal that fails only leaves the
  // sessions' end where it was; the ones waiting when the server stops are renewed before it closes.
  const renewals = gatherWhileBusy<string>(
    (ids) =>
      renewSessions(opts.db, ids, opts.sessionTtlHours).catch((err: unknown) =>
        app.log.warn({ err, sessions: ids.length }, 'session expiry not renewed'),
      ),
    { quietMs: RENEW_QUIET_MS, maxWaitMs: RENEW_MAX_WAIT_MS },
  );
  app.addHook('onClose', () => renewals.flushNow());
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const s = await loadSession(token);
    if (!s) return;
    req.auth = buildAuthContext(s.user, s.sessionId, s.csrfToken);
    if (sessionDueForRenewal(s)) renewals.add([s.sessionId]);
  });
  app.addHook('preHandler', async (req) => {
    if (!req.auth?.sessionId || !UNSAFE.has(req.method) || req.routeOptions.config.skipCsrf) return;
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !req.auth.csrfToken || !safeEqual(sent, req.auth.csrfToken)) {
      throw new AppError('CSRF_FAILED');
    }
  });
});

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  return req.auth;
}

/**
 * Route `onRequest` hook: signed in and holding every listed permission. Runs before the body is parsed
 * or validated, so a caller without the right learns nothing about the endpoint.
 */
export function requirePerm(...perms: Permission[]): onRequestHookHandler {
  return async (req) => {
    const auth = requireAuth(req);
    for (const p of perms) if (!auth.permissions.has(p)) throw new AppError('FORBIDDEN', { permission: p });
  };
}

export function actorOf(req: FastifyRequest): Actor {
  const ua = req.headers['user-agent'];
  return {
    auth: req.auth,
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    requestId: req.id,
  };
}
