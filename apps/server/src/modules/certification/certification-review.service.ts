import path from 'node:path';
import type { Certification, CertificationQueueQuery, Page } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError, conflict } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { localStorage } from '../../platform/storage/storage';
import { notificationService } from '../notifications/notification.service';
import { certificationRepo, refreshCertificationStatus, type AttemptRow } from './certification.repo';
import { toCertification } from './certification-mapper';
import { certifyEnterprise } from './certification-outcome';
import '../onboarding/onboarding-sms';

/** Staff side of 企业认证: the review queue, approve/reject of licence photos, manual confirmation of deposits. */
export function certificationReviewService(ctx: AppContext) {
  const { db, config } = ctx;
  const storage = localStorage(path.join(config.dataDir, 'files'));
  const notes = notificationService(ctx);

  /** An attempt inside the actor's data scope (org subtree, or an account manager's own customers). */
  async function scoped(ex: Executor, actor: Actor, id: number): Promise<AttemptRow> {
    const a = await certificationRepo.get(ex, id);
    const scope = actor.auth!.scope;
    const visible =
      a &&
      (scope.kind === 'all' ||
        (scope.kind === 'org' && a.org_path.startsWith(scope.orgPath)) ||
        (scope.kind === 'own_customers' && a.account_manager_id === scope.userId));
    if (!visible) throw new AppError('CERT_NOT_FOUND');
    return a;
  }

  async function locked(tx: Executor, actor: Actor, id: number, version: number, status: string) {
    await tx.selectFrom('certification_attempts').select('id').where('id', '=', id).forUpdate().execute();
    const a = await scoped(tx, actor, id);
    if (a.status !== status) throw new AppError('CERT_WRONG_STATE', { status: a.status });
    if (a.version !== version) throw conflict({ currentVersion: a.version });
    return a;
  }

  const view = async (actor: Actor, id: number) => toCertification(await scoped(db, actor, id), 'staff');

  return {
    async queue(actor: Actor, q: CertificationQueueQuery): Promise<Page<Certification>> {
      const { rows, total } = await certificationRepo.queue(db, actor.auth!.scope, q);
      return { items: rows.map((r) => toCertification(r, 'staff')), total, page: q.page, pageSize: q.pageSize };
    },

    get: view,

    async approve(actor: Actor, id: number, version: number): Promise<Certification> {
      await withTx(db, async (tx) => {
        const a = await locked(tx, actor, id, version, 'submitted');
        const c = await tx
          .selectFrom('customers')
          .select('certification_status')
          .where('id', '=', a.customer_id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (c.certification_status === 'certified') throw new AppError('CERT_ALREADY_CERTIFIED');
        await certifyEnterprise(ctx, tx, actor, a);
        await recordAudit(tx, actor, {
          action: 'certification.approved',
          entityType: 'certification',
          entityId: a.id,
          after: { customerId: a.customer_id, method: a.method },
        });
      });
      return view(actor, id);
    },

    async reject(actor: Actor, id: number, reason: string, version: number): Promise<Certification> {
      await withTx(db, async (tx) => {
        const a = await locked(tx, actor, id, version, 'submitted');
        await tx
          .updateTable('certification_attempts')
          .set((eb) => ({
            status: 'rejected',
            reject_reason: reason,
            reviewer_id: actor.auth!.user.id,
            reviewed_at: new Date(),
            updated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', a.id)
          .execute();
        await refreshCertificationStatus(tx, a.customer_id);
        await recordAudit(tx, actor, {
          action: 'certification.rejected',
          entityType: 'certification',
          entityId: a.id,
          after: { customerId: a.customer_id, method: a.method, reason },
        });
        await notes.notify(tx, {
          userIds: [a.applicant_id],
          kind: 'certification.rejected',
          title: `${a.company_name} 企业认证未通过`,
          body: `原因：${reason}`,
          link: '/certification',
        });
        if (a.applicant_phone)
          await enqueueSms(tx, {
            phone: a.applicant_phone,
            template: 'cert_rejected',
            params: {
              enterprise: a.company_name,
              reason: reason.slice(0, 60),
              url: `${config.publicUrl}/certification`,
            },
            key: `cert-rejected:${a.id}`,
          });
      });
      return view(actor, id);
    },

    /** Manual bank port: finance sent the deposit from the bank's own system; the enterprise can now confirm it. */
    async depositSent(actor: Actor, id: number, version: number): Promise<Certification> {
      await withTx(db, async (tx) => {
        const a = await locked(tx, actor, id, version, 'awaiting_deposit');
        await tx
          .updateTable('certification_attempts')
          .set((eb) => ({
            status: 'awaiting_amount',
            deposit_sent_at: new Date(),
            deposit_sent_by: actor.auth!.user.id,
            updated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', a.id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'certification.deposit_sent',
          entityType: 'certification',
          entityId: a.id,
          after: { customerId: a.customer_id, reference: a.deposit_reference, cents: a.deposit_cents },
        });
        await notes.notify(tx, {
          userIds: [a.applicant_id],
          kind: 'certification.deposit',
          title: '对公打款已发出',
          body: `请查询 ${a.bank_name ?? ''} 尾号 ${(a.bank_account ?? '').slice(-4)} 的入账（备注 ${a.deposit_reference}），回填金额完成认证。`,
          link: '/certification',
        });
        if (a.applicant_phone)
          await enqueueSms(tx, {
            phone: a.applicant_phone,
            template: 'cert_deposit_sent',
            params: {
              enterprise: a.company_name,
              accountTail: (a.bank_account ?? '').slice(-4),
              reference: a.deposit_reference,
              url: `${config.publicUrl}/certification`,
            },
            key: `cert-deposit:${a.id}`,
          });
      });
      return view(actor, id);
    },

    async licenceImage(actor: Actor, id: number) {
      const a = await scoped(db, actor, id);
      if (!a.licence_file_key) throw new AppError('CERT_NOT_FOUND');
      return { mime: a.licence_mime ?? 'application/octet-stream', data: await storage.get(a.licence_file_key) };
    },
  };
}
