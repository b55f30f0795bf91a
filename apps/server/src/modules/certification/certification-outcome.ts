import { CERT_METHOD_LABELS, type CertMethod } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { notificationService } from '../notifications/notification.service';
import { completeClaim } from '../onboarding/enterprise-claims';
import { CERT_OPEN_STATUSES } from '@paidan/shared';
import type { AttemptRow } from './certification.repo';
import '../onboarding/onboarding-sms';

const NAME_CHECKED = new Set(['licence_photo', 'e_licence']);

/**
 * The enterprise is certified by this attempt, in the caller's transaction: the customer row holds the outcome,
 * the applicant becomes its customer_admin, other applicants' attempts end and they are told.
 */
export async function certifyEnterprise(ctx: AppContext, tx: Executor, actor: Actor, a: AttemptRow): Promise<void> {
  const now = new Date();
  const reviewer = actor.auth && actor.auth.user.id !== a.applicant_id ? actor.auth.user.id : null;
  await tx
    .updateTable('certification_attempts')
    .set((eb) => ({
      status: 'approved',
      reviewer_id: reviewer,
      reviewed_at: now,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', a.id)
    .execute();
  const before = await tx
    .selectFrom('customers')
    .select(['name', 'certification_status', 'legal_rep_name'])
    .where('id', '=', a.customer_id)
    .executeTakeFirstOrThrow();
  const finalName = NAME_CHECKED.has(a.method) ? a.company_name : before.name;
  await tx
    .updateTable('customers')
    .set((eb) => ({
      // The registered name changes only when someone checked it against the licence (staff, or the e-licence
      // provider); a name typed for a deposit or an SMS authorisation is not proof of anything.
      name: finalName,
      certification_status: 'certified',
      certification_method: a.method,
      certified_at: now,
      legal_rep_name: a.legal_rep_name ?? before.legal_rep_name,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', a.customer_id)
    .execute();
  const others = await tx
    .updateTable('certification_attempts')
    .set((eb) => ({ status: 'cancelled', updated_at: now, version: eb('version', '+', 1) }))
    .where('customer_id', '=', a.customer_id)
    .where('id', '!=', a.id)
    .where('status', 'in', CERT_OPEN_STATUSES)
    .returning('applicant_id')
    .execute();
  const lost = await completeClaim(tx, a.customer_id, a.applicant_id);
  await recordAudit(tx, actor, {
    action: 'customer.certified',
    entityType: 'customer',
    entityId: a.customer_id,
    before: { name: before.name, certificationStatus: before.certification_status, legalRep: before.legal_rep_name },
    after: {
      name: finalName,
      certificationStatus: 'certified',
      method: a.method,
      attemptId: a.id,
      legalRep: a.legal_rep_name,
      admin: a.applicant_id,
    },
  });
  const notes = notificationService(ctx);
  const method = CERT_METHOD_LABELS[a.method as CertMethod].zh;
  await notes.notify(tx, {
    userIds: [a.applicant_id],
    kind: 'certification.approved',
    title: `${finalName} 已通过企业认证`,
    body: `认证方式：${method}。您已成为企业管理员，可以邀请同事并在线订购。`,
    link: '/certification',
  });
  const losers = [...new Set([...lost, ...others.map((o) => o.applicant_id)])].filter((id) => id !== a.applicant_id);
  if (losers.length)
    await notes.notify(tx, {
      userIds: losers,
      kind: 'certification.superseded',
      title: `${finalName} 已由他人完成认证`,
      body: '如需使用该企业账号，请联系企业管理员邀请您加入。',
      link: '/onboarding',
    });
  if (a.applicant_phone)
    await enqueueSms(tx, {
      phone: a.applicant_phone,
      template: 'cert_approved',
      params: { enterprise: finalName, method },
      key: `cert-approved:${a.id}`,
    });
}
