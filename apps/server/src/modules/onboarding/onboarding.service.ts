import {
  isCustomerRole,
  ROLE_LABELS,
  type CreateEnterprise,
  type EnterpriseBrief,
  type OnboardingState,
  type Role,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { createSession, type NewSession } from '../../platform/auth/session.store';
import { randomDigits, randomToken, safeEqual, sha256 } from '../../platform/util/crypto';
import { notificationService } from '../notifications/notification.service';
import { authRepo } from '../auth/auth.repo';
import { cancelOpenAttempts } from '../certification/certification.repo';
import { onboardingRepo } from './onboarding.repo';
import './onboarding-sms';

const CODE_MAX_ATTEMPTS = 5;
const CODE_MIN_INTERVAL_S = 60;
const CODE_PER_PHONE_HOUR = 5;
const CODE_PER_IP_HOUR = 20;
const codeHash = (phone: string, code: string) => sha256(`signup:${phone}:${code}`);

type BriefRow = NonNullable<Awaited<ReturnType<typeof onboardingRepo.enterpriseBrief>>>;
export const toBrief = (r: BriefRow): EnterpriseBrief => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  districtName: r.district_name,
  certificationStatus: r.certification_status,
  certificationMethod: r.certification_method,
  certifiedAt: r.certified_at ? r.certified_at.toISOString() : null,
  legalRepName: r.legal_rep_name,
});

/** A signed-in customer-side person (an enterprise user, or someone who signed up and has no enterprise yet). */
export function requirePortalUser(actor: Actor) {
  const auth = actor.auth;
  if (!auth) throw new AppError('UNAUTHENTICATED');
  if (!isCustomerRole(auth.user.role)) throw new AppError('FORBIDDEN', { reason: 'portal users only' });
  return auth.user;
}

export function onboardingService(ctx: AppContext) {
  const { db, config } = ctx;
  const notes = notificationService(ctx);

  return {
    /** Same answer whether or not the number has an account, so it cannot be used to find out who is registered. */
    async requestSignupCode(phone: string, actor: Actor) {
      const now = Date.now();
      const [minute, hour, ipHour] = await Promise.all([
        authRepo.countRecentCodes(db, 'phone', phone, new Date(now - CODE_MIN_INTERVAL_S * 1000)),
        authRepo.countRecentCodes(db, 'phone', phone, new Date(now - 3600_000)),
        actor.ip ? authRepo.countRecentCodes(db, 'ip', actor.ip, new Date(now - 3600_000)) : { n: 0 },
      ]);
      if (Number(minute.n) > 0 || Number(hour.n) >= CODE_PER_PHONE_HOUR || Number(ipHour.n) >= CODE_PER_IP_HOUR) {
        throw new AppError('SMS_CODE_TOO_FREQUENT', { retryAfterSeconds: CODE_MIN_INTERVAL_S });
      }
      const existing = await onboardingRepo.userByPhone(db, phone);
      const code = randomDigits(6);
      await withTx(db, async (tx) => {
        const row = await authRepo.insertCode(tx, {
          phone,
          purpose: 'signup',
          code_hash: existing ? sha256(randomToken(16)) : codeHash(phone, code),
          ip: actor.ip,
          expires_at: new Date(now + config.smsCodeTtlSeconds * 1000),
        });
        await enqueueSms(
          tx,
          existing
            ? {
                phone,
                template: 'signup_existing',
                params: { url: `${config.publicUrl}/login` },
                key: `signup:${row.id}`,
              }
            : {
                phone,
                template: 'signup_code',
                params: { code, minutes: Math.round(config.smsCodeTtlSeconds / 60) },
                key: `signup:${row.id}`,
              },
        );
      });
      return { ttlSeconds: config.smsCodeTtlSeconds, retryAfterSeconds: CODE_MIN_INTERVAL_S };
    },

    /** Creates the account (a customer user with no enterprise yet) and signs it in. */
    async signup(input: { phone: string; code: string; name: string }, actor: Actor): Promise<NewSession> {
      const row = await authRepo.latestOpenCode(db, input.phone, 'signup');
      if (!row || row.expires_at.getTime() <= Date.now() || row.attempts >= CODE_MAX_ATTEMPTS) {
        throw new AppError('SMS_CODE_INVALID');
      }
      if (!safeEqual(row.code_hash, codeHash(input.phone, input.code))) {
        await authRepo.bumpCodeAttempts(db, row.id);
        throw new AppError('SMS_CODE_INVALID');
      }
      return withTx(db, async (tx) => {
        if (!(await authRepo.consumeCode(tx, row.id))) throw new AppError('SMS_CODE_INVALID');
        if (await onboardingRepo.userByPhone(tx, input.phone)) throw new AppError('SIGNUP_PHONE_TAKEN');
        const user = await tx
          .insertInto('users')
          .values({
            username: `m${input.phone}`,
            display_name: input.name,
            role: 'customer_user',
            customer_id: null,
            phone: input.phone,
            password_hash: null,
            last_login_at: new Date(),
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        const s = await createSession(tx, user.id, config.sessionTtlHours, {
          ip: actor.ip,
          userAgent: actor.userAgent,
        });
        const self: Actor = {
          ...actor,
          auth: {
            user: {
              id: user.id,
              username: `m${input.phone}`,
              displayName: input.name,
              role: 'customer_user',
              orgId: null,
              orgPath: null,
              customerId: null,
              lang: 'zh',
            },
            sessionId: s.id,
            csrfToken: null,
            permissions: new Set(),
            scope: { kind: 'enterprise', customerId: -1 },
          },
        };
        await recordAudit(tx, self, {
          action: 'user.signed_up',
          entityType: 'user',
          entityId: user.id,
          after: { name: input.name, channel: 'portal' },
        });
        await notes.notify(tx, {
          userIds: [user.id],
          kind: 'onboarding.welcome',
          title: '欢迎注册政企派单',
          body: '下一步：创建或加入您的企业，完成企业认证后即可在线订购。',
          link: '/onboarding',
        });
        return s;
      });
    },

    async state(actor: Actor): Promise<OnboardingState> {
      const me = requirePortalUser(actor);
      const u = await onboardingRepo.userById(db, me.id);
      if (!u) throw new AppError('UNAUTHENTICATED');
      const [invitations, districts] = await Promise.all([
        u.customer_id || !u.phone ? [] : onboardingRepo.invitationsForPhone(db, u.phone),
        onboardingRepo.districts(db),
      ]);
      let stage: OnboardingState['stage'] = 'none';
      let enterprise: EnterpriseBrief | null = null;
      let matchedExisting = false;
      if (u.customer_id) {
        stage = 'member';
        const b = await onboardingRepo.enterpriseBrief(db, u.customer_id);
        enterprise = b ? toBrief(b) : null;
      } else {
        const claim = await onboardingRepo.openClaim(db, u.id);
        if (claim) {
          stage = 'applying';
          const b = await onboardingRepo.enterpriseBrief(db, claim.customer_id);
          enterprise = b ? toBrief(b) : null;
          matchedExisting = !claim.created_enterprise;
        }
      }
      return {
        stage,
        enterprise,
        matchedExisting,
        invitations: invitations.map((i) => ({
          id: i.id,
          enterpriseName: i.enterprise_name,
          role: i.role,
          invitedByName: i.invited_by_name,
          expiresAt: i.expires_at.toISOString(),
        })),
        districts: districts.map((d) => ({ id: d.id, name: d.name })),
      };
    },

    /**
     * Names the enterprise this person will certify. A credit code already on file (an enterprise staff imported)
     * is matched, never duplicated; an enterprise that is certified or has an administrator is joined by invitation only.
     */
    async createEnterprise(actor: Actor, input: CreateEnterprise): Promise<OnboardingState> {
      const me = requirePortalUser(actor);
      await withTx(db, async (tx) => {
        const u = await onboardingRepo.userById(tx, me.id);
        if (!u || u.customer_id) throw new AppError('ENTERPRISE_ALREADY_JOINED');
        const district = await tx
          .selectFrom('orgs')
          .select(['id', 'path', 'type'])
          .where('id', '=', input.districtOrgId)
          .executeTakeFirst();
        if (!district || district.type !== 'district') {
          throw new AppError('VALIDATION_FAILED', [
            { field: 'body.districtOrgId', message: '请选择所在区 / Choose a district' },
          ]);
        }
        await withdrawOpenClaim(tx, actor, me.id);
        const existing = await onboardingRepo.customerByCreditCode(tx, input.creditCode);
        let customerId: number;
        if (existing) {
          if (
            existing.certification_status === 'certified' ||
            (await onboardingRepo.activeAdminCount(tx, existing.id)) > 0
          ) {
            throw new AppError('ENTERPRISE_HAS_ADMIN', { enterpriseName: existing.name });
          }
          customerId = existing.id;
        } else {
          const c = await tx
            .insertInto('customers')
            .values({
              name: input.name,
              credit_code: input.creditCode,
              level: 'local_c',
              industry: input.industry,
              district_org_id: district.id,
              org_path: district.path,
              address: input.address ?? null,
              account_manager_id: null,
            })
            .returning(['id'])
            .executeTakeFirstOrThrow();
          customerId = c.id;
          await tx
            .insertInto('customer_contacts')
            .values({ customer_id: customerId, name: u.display_name, phone: u.phone ?? '', is_primary: true })
            .execute();
          await recordAudit(tx, actor, {
            action: 'customer.self_registered',
            entityType: 'customer',
            entityId: customerId,
            after: { name: input.name, creditCode: input.creditCode, districtOrgId: district.id },
          });
        }
        const claim = await tx
          .insertInto('enterprise_claims')
          .values({ customer_id: customerId, user_id: me.id, created_enterprise: !existing })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'enterprise.claimed',
          entityType: 'customer',
          entityId: customerId,
          after: { claimId: claim.id, matchedExisting: !!existing },
        });
        const b = await onboardingRepo.enterpriseBrief(tx, customerId);
        if (b?.account_manager_id) {
          await notes.notify(tx, {
            userIds: [b.account_manager_id],
            kind: 'onboarding.claimed',
            title: `${b.name} 有用户申请开通`,
            body: `${u.display_name} 注册并申请认证该企业，认证通过后成为企业管理员。`,
            link: '/certifications',
          });
        }
      });
      return this.state(actor);
    },

    async withdrawClaim(actor: Actor): Promise<OnboardingState> {
      const me = requirePortalUser(actor);
      await withTx(db, async (tx) => {
        if (!(await withdrawOpenClaim(tx, actor, me.id))) throw new AppError('ENTERPRISE_NO_CLAIM');
      });
      return this.state(actor);
    },

    async respondToInvitation(actor: Actor, id: number, accept: boolean): Promise<OnboardingState> {
      const me = requirePortalUser(actor);
      await withTx(db, async (tx) => {
        const u = await onboardingRepo.userById(tx, me.id);
        if (!u?.phone) throw new AppError('INVITATION_NOT_FOUND');
        const inv = await tx
          .selectFrom('enterprise_invitations as i')
          .innerJoin('customers as c', 'c.id', 'i.customer_id')
          .select(['i.id', 'i.customer_id', 'i.role', 'i.invited_by', 'i.expires_at', 'c.name as enterprise_name'])
          .where('i.id', '=', id)
          .where('i.phone', '=', u.phone)
          .where('i.status', '=', 'pending')
          .forUpdate()
          .executeTakeFirst();
        if (!inv || inv.expires_at.getTime() <= Date.now()) throw new AppError('INVITATION_NOT_FOUND');
        if (accept && u.customer_id) throw new AppError('ENTERPRISE_ALREADY_JOINED');
        await tx
          .updateTable('enterprise_invitations')
          .set({ status: accept ? 'accepted' : 'declined', accepted_by: accept ? u.id : null, closed_at: new Date() })
          .where('id', '=', inv.id)
          .execute();
        if (accept) {
          await withdrawOpenClaim(tx, actor, u.id);
          await tx
            .updateTable('users')
            .set((eb) => ({
              customer_id: inv.customer_id,
              role: inv.role,
              updated_at: new Date(),
              version: eb('version', '+', 1),
            }))
            .where('id', '=', u.id)
            .execute();
        }
        await recordAudit(tx, actor, {
          action: accept ? 'enterprise.invitation_accepted' : 'enterprise.invitation_declined',
          entityType: 'customer',
          entityId: inv.customer_id,
          after: { invitationId: inv.id, userId: u.id, role: inv.role },
        });
        await notes.notify(tx, {
          userIds: [inv.invited_by],
          kind: 'enterprise.invitation',
          title: accept ? `${u.display_name} 已加入${inv.enterprise_name}` : `${u.display_name} 谢绝了邀请`,
          body: accept ? `角色：${ROLE_LABELS[inv.role as Role].zh}` : '',
          link: '/enterprise/members',
        });
      });
      return this.state(actor);
    },
  };
}

/** Ends the user's open claim and whatever certification it had going. */
async function withdrawOpenClaim(tx: Executor, actor: Actor, userId: number): Promise<boolean> {
  const claim = await onboardingRepo.openClaim(tx, userId);
  if (!claim) return false;
  await tx
    .updateTable('enterprise_claims')
    .set({ status: 'withdrawn', closed_at: new Date() })
    .where('id', '=', claim.id)
    .execute();
  await cancelOpenAttempts(tx, claim.customer_id, userId);
  await recordAudit(tx, actor, {
    action: 'enterprise.claim_withdrawn',
    entityType: 'customer',
    entityId: claim.customer_id,
    after: { claimId: claim.id },
  });
  return true;
}
