import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/database';
import { randomToken, sha256 } from '../util/crypto';
import type { AuthUser } from './context';
import type { Role } from '@paidan/shared';

export interface NewSession {
  token: string;
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  ex: Executor,
  userId: number,
  ttlHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomToken(32);
  const id = sha256(token);
  const csrfToken = randomToken(18);
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await ex
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent,
      expires_at: expiresAt,
    })
    .execute();
  return { token, id, csrfToken, expiresAt };
}

export interface SessionRow {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: AuthUser;
}

export async function findSession(ex: Executor, token: string): Promise<SessionRow | null> {
  return (await findSessions(ex, [token]))[0] ?? null;
}

/** The sessions of several cookies in one statement, in the order given (null: unknown, expired or disabled). */
export async function findSessions(ex: Executor, tokens: string[]): Promise<(SessionRow | null)[]> {
  const ids = tokens.map(sha256);
  const rows = await ex
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sid',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.org_path',
      'u.customer_id',
      'u.lang',
      'u.status',
    ])
    .where(sql<SqlBool>`s.id = any(${ids}::text[])`)
    .execute();
  const byId = new Map(rows.map((r) => [r.sid, r]));
  const now = Date.now();
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row || row.status !== 'active' || row.expires_at.getTime() <= now) return null;
    return {
      sessionId: row.sid,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role as Role,
        orgId: row.org_id,
        orgPath: row.org_path,
        customerId: row.customer_id,
        lang: row.lang === 'en' ? 'en' : 'zh',
      },
    };
  });
}

/** A session's sliding expiry is renewed by its first request after this long. */
const SESSION_RENEW_AFTER_MS = 60_000;

export function sessionDueForRenewal(s: SessionRow, now = Date.now()): boolean {
  return now - s.lastSeenAt.getTime() >= SESSION_RENEW_AFTER_MS;
}

/**
 * Sliding expiry for several sessions in one statement. A session another statement is renewing at this moment is
 * skipped (it is being renewed), so renewals never wait for each other nor deadlock; a session deleted meanwhile
 * (signed out) is simply not found.
 */
export async function renewSessions(ex: Executor, sessionIds: string[], ttlHours: number): Promise<void> {
  const ids = [...new Set(sessionIds)];
  await sql`
    UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(secs => ${ttlHours * 3600})
     WHERE id IN (SELECT id FROM sessions WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE SKIP LOCKED)`.execute(
    ex,
  );
}

export async function deleteSession(ex: Executor, sessionId: string): Promise<void> {
  await ex.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(ex: Executor, userId: number): Promise<void> {
  await ex.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
