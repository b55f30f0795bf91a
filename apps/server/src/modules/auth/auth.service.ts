import { isCustomerRole, maskPhone, ROLE_PERMISSIONS, type Me, type Role } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { AppError } from '../../platform/http/app-error';
import { withTx } from '../../platform/db/database';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/auth/password';
import { createSession, deleteSession, findSession, type NewSession } from '../../platform/auth/session.store';
import { buildAuthContext } from '../../platform/auth/scope';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { randomDigits, sha256, safeEqual } from '../../platform/util/crypto';
import { authRepo } from './auth.repo';

const CODE_MAX_ATTEMPTS = 5;
const CODE_MIN_INTERVAL_S = 60;
const CODE_PER_PHONE_HOUR = 5;
const CODE_PER_IP_HOUR = 20;

const codeHash = (phone: string, code: string) => sha256(`${phone}:${code}`);

export function authService(ctx: AppContext) {
  const { db, config } = ctx;

  async function startSession(userId: number, actor: Actor, method: string): Promise<NewSession> {
    return withTx(db, async (tx) => {
      await authRepo.recordSuccess(tx, userId);
      const s = await createSession(tx, userId, config.sessionTtlHours, { ip: actor.ip, userAgent: actor.userAgent });
      // The event's actor is the user who just signed in, so supervisors see it in their scope.
      const found = await findSession(tx, s.token);
      const signedIn = found ? { ...actor, auth: buildAuthContext(found.user, found.sessionId, null) } : actor;
      await recordAudit(tx, signedIn, {
        action: 'auth.login',
        entityType: 'user',
        entityId: userId,
        after: { method },
      });
      return s;
    });
  }

  return {
    async loginWithPassword(username: string, password: string, actor: Actor): Promise<NewSession> {
      const user = await authRepo.findByUsername(db, username);
      if (!user) {
        await burnPasswordCheck(password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.locked_until && user.locked_until.getTime() > Date.now()) {
        throw new AppError('ACCOUNT_LOCKED', { until: user.locked_until.toISOString() });
      }
      const ok = await verifyPassword(user.password_hash, password);
      if (!ok) {
        const locked = await withTx(db, async (tx) => {
          const r = await authRepo.recordFailure(tx, user.id, config.loginMaxFailures, config.loginLockMinutes);
          await recordAudit(tx, actor, {
            action: r.locked ? 'auth.locked' : 'auth.login_failed',
            entityType: 'user',
            entityId: user.id,
          });
          if (r.locked && user.phone) {
            await enqueueSms(tx, {
              phone: user.phone,
              template: 'account_locked',
              params: { minutes: config.loginLockMinutes },
            });
          }
          return r.locked;
        });
        throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
      }
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      return startSession(user.id, actor, 'password');
    },

    /** Always answers the same way, so it cannot be used to find out which numbers have accounts. */
    async requestLoginCode(phone: string, actor: Actor): Promise<{ ttlSeconds: number; retryAfterSeconds: number }> {
      const now = Date.now();
      const lastMinute = await authRepo.countRecentCodes(
        db,
        'phone',
        phone,
        new Date(now - CODE_MIN_INTERVAL_S * 1000),
      );
      const lastHour = await authRepo.countRecentCodes(db, 'phone', phone, new Date(now - 3600_000));
      const ipHour = actor.ip
        ? await authRepo.countRecentCodes(db, 'ip', actor.ip, new Date(now - 3600_000))
        : { n: 0 };
      if (
        Number(lastMinute.n) > 0 ||
        Number(lastHour.n) >= CODE_PER_PHONE_HOUR ||
        Number(ipHour.n) >= CODE_PER_IP_HOUR
      ) {
        throw new AppError('SMS_CODE_TOO_FREQUENT', { retryAfterSeconds: CODE_MIN_INTERVAL_S });
      }
      const user = await authRepo.findByPhone(db, phone);
      const code = randomDigits(6);
      const minutes = Math.round(config.smsCodeTtlSeconds / 60);
      await withTx(db, async (tx) => {
        // The row is written even for unknown numbers: the rate limit must hold for them too.
        const row = await authRepo.insertCode(tx, {
          phone,
          purpose: 'login',
          code_hash: codeHash(phone, code),
          ip: actor.ip,
          expires_at: new Date(now + config.smsCodeTtlSeconds * 1000),
        });
        if (user && user.status === 'active' && isCustomerRole(user.role as Role)) {
          await enqueueSms(tx, {
            phone,
            template: 'login_code',
            params: { code, minutes },
            key: `login-code:${row.id}`,
          });
        }
      });
      return { ttlSeconds: config.smsCodeTtlSeconds, retryAfterSeconds: CODE_MIN_INTERVAL_S };
    },

    async loginWithCode(phone: string, code: string, actor: Actor): Promise<NewSession> {
      const row = await authRepo.latestOpenCode(db, phone, 'login');
      if (!row || row.expires_at.getTime() <= Date.now() || row.attempts >= CODE_MAX_ATTEMPTS) {
        throw new AppError('SMS_CODE_INVALID');
      }
      if (!safeEqual(row.code_hash, codeHash(phone, code))) {
        await authRepo.bumpCodeAttempts(db, row.id);
        throw new AppError('SMS_CODE_INVALID');
      }
      const user = await authRepo.findByPhone(db, phone);
      if (!user || !isCustomerRole(user.role as Role)) throw new AppError('SMS_CODE_INVALID');
      if (!(await authRepo.consumeCode(db, row.id))) throw new AppError('SMS_CODE_INVALID');
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      if (user.locked_until && user.locked_until.getTime() > Date.now()) throw new AppError('ACCOUNT_LOCKED');
      return startSession(user.id, actor, 'sms');
    },

    async logout(actor: Actor): Promise<void> {
      const auth = actor.auth;
      if (!auth?.sessionId) return;
      await withTx(db, async (tx) => {
        await deleteSession(tx, auth.sessionId!);
        await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
      });
    },

    async me(actor: Actor): Promise<Me> {
      const auth = actor.auth!;
      const u = await authRepo.me(db, auth.user.id);
      if (!u) throw new AppError('UNAUTHENTICATED');
      return {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        orgId: u.org_id,
        orgName: u.org_name,
        customerId: u.customer_id,
        customerName: u.customer_name,
        phoneMasked: maskPhone(u.phone),
        permissions: [...ROLE_PERMISSIONS[u.role as Role]],
        csrfToken: auth.csrfToken ?? '',
        lang: u.lang === 'en' ? 'en' : 'zh',
      };
    },

    async setLang(actor: Actor, lang: 'zh' | 'en'): Promise<void> {
      await authRepo.setLang(db, actor.auth!.user.id, lang);
    },

    async changePassword(actor: Actor, oldPassword: string, newPassword: string): Promise<void> {
      const auth = actor.auth!;
      const u = await authRepo.me(db, auth.user.id);
      if (!u || !(await verifyPassword(u.password_hash, oldPassword))) {
        throw new AppError('VALIDATION_FAILED', [
          { field: 'body.oldPassword', message: '原密码不正确 / The current password is wrong' },
        ]);
      }
      if (!/[A-Za-z]/.test(newPassword) || !/\d/.test(newPassword)) {
        throw new AppError('WEAK_PASSWORD', [
          { field: 'body.newPassword', message: '密码至少 8 位，且包含字母和数字' },
        ]);
      }
      const hash = await hashPassword(newPassword);
      await withTx(db, async (tx) => {
        await authRepo.setPassword(tx, auth.user.id, hash);
        await recordAudit(tx, actor, { action: 'user.password_changed', entityType: 'user', entityId: auth.user.id });
      });
    },
  };
}
