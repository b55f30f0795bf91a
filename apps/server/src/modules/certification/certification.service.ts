import path from 'node:path';
import crypto from 'node:crypto';
import {
  CERT_METHOD_LABELS,
  type Certification,
  type EnterpriseBrief,
  type StartBankTransfer,
  type StartELicence,
  type StartLegalRepSms,
  type SubmitLicence,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError, conflict } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { localStorage, sniffMime } from '../../platform/storage/storage';
import { randomDigits, safeEqual, sha256 } from '../../platform/util/crypto';
import { ocrLicence, OcrInputError, OCR_IMAGE_TYPES, OCR_MAX_BYTES } from '../../platform/ocr/ocr';
import { notificationService } from '../notifications/notification.service';
import { certificationTarget } from '../onboarding/enterprise-claims';
import { onboardingRepo } from '../onboarding/onboarding.repo';
import { requirePortalUser, toBrief } from '../onboarding/onboarding.service';
import { certificationRepo, refreshCertificationStatus, type AttemptRow } from './certification.repo';
import { CERT_MAX_TRIES, toCertification } from './certification-mapper';
import { certifyEnterprise } from './certification-outcome';
import { portsFromEnv, type CertificationPorts } from './certification.ports';
import '../onboarding/onboarding-sms';

const CODE_TTL_MS = 10 * 60_000;
const codeHash = (attemptId: number, code: string) => sha256(`cert:${attemptId}:${code}`);

export interface CertificationCurrent {
  enterprise: EnterpriseBrief | null;
  attempt: Certification | null;
  eLicenceConfigured: boolean;
  bankAdapter: string;
}

export function certificationService(ctx: AppContext, ports: CertificationPorts = portsFromEnv()) {
  const { db, config } = ctx;
  const storage = localStorage(path.join(config.dataDir, 'files'));
  const notes = notificationService(ctx);

  /** The enterprise this applicant is certifying, locked, and checked not yet certified. */
  async function target(tx: Executor, actor: Actor) {
    const me = requirePortalUser(actor);
    const t = await certificationTarget(tx, me);
    if (!t) throw new AppError('ENTERPRISE_NO_CLAIM');
    const c = await tx
      .selectFrom('customers')
      .select([
        'id',
        'name',
        'credit_code',
        'org_path',
        'certification_status',
        'account_manager_id',
        'district_org_id',
      ])
      .where('id', '=', t.customerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (c.certification_status === 'certified') throw new AppError('CERT_ALREADY_CERTIFIED');
    return { me, c };
  }

  async function ensureNoOpen(tx: Executor, customerId: number, userId: number, replaceDrafts = false) {
    const open = await certificationRepo.openOf(tx, customerId, userId);
    const blocking = open.filter((o) => !(replaceDrafts && o.status === 'draft'));
    if (blocking.length) throw new AppError('CERT_IN_PROGRESS', { attemptId: blocking[0]!.id });
    if (open.length)
      await tx
        .updateTable('certification_attempts')
        .set({ status: 'cancelled', updated_at: new Date() })
        .where(
          'id',
          'in',
          open.map((o) => o.id),
        )
        .execute();
  }

  function checkCode(c: { credit_code: string }, creditCode: string) {
    if (c.credit_code !== creditCode)
      throw new AppError('CERT_CREDIT_CODE_MISMATCH', { expected: c.credit_code, given: creditCode });
  }

  /** Staff who should hear of a step that waits for them: the account manager and the district's supervisors. */
  async function reviewers(tx: Executor, c: { account_manager_id: number | null; district_org_id: number }) {
    const sups = await tx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'supervisor')
      .where('org_id', '=', c.district_org_id)
      .where('status', '=', 'active')
      .execute();
    return [...(c.account_manager_id ? [c.account_manager_id] : []), ...sups.map((s) => s.id)];
  }

  async function own(tx: Executor, actor: Actor, id: number): Promise<AttemptRow> {
    const me = requirePortalUser(actor);
    const a = await certificationRepo.get(tx, id);
    if (!a || a.applicant_id !== me.id) throw new AppError('CERT_NOT_FOUND');
    return a;
  }

  async function view(id: number): Promise<Certification> {
    return toCertification((await certificationRepo.get(db, id))!, 'applicant');
  }

  async function audit(
    tx: Executor,
    actor: Actor,
    action: string,
    a: { id: number; customer_id: number },
    after: object,
  ) {
    await recordAudit(tx, actor, {
      action,
      entityType: 'certification',
      entityId: a.id,
      after: { customerId: a.customer_id, ...after },
    });
  }

  return {
    async current(actor: Actor): Promise<CertificationCurrent> {
      const me = requirePortalUser(actor);
      const t = await certificationTarget(db, me);
      const base = { eLicenceConfigured: ports.eLicence.configured, bankAdapter: ports.bank.name };
      if (!t) return { enterprise: null, attempt: null, ...base };
      const b = await onboardingRepo.enterpriseBrief(db, t.customerId);
      // A member sees the enterprise's latest attempt (whoever made it); an applicant only their own.
      const a = await certificationRepo.latestFor(db, t.customerId, t.member ? null : me.id);
      return { enterprise: b ? toBrief(b) : null, attempt: a ? toCertification(a, 'applicant') : null, ...base };
    },

    async startBankTransfer(actor: Actor, input: StartBankTransfer): Promise<Certification> {
      const id = await withTx(db, async (tx) => {
        const { me, c } = await target(tx, actor);
        checkCode(c, input.creditCode);
        await ensureNoOpen(tx, c.id, me.id, true);
        const cents = crypto.randomInt(1, 100);
        const reference = `PD${randomDigits(6)}`;
        const a = await tx
          .insertInto('certification_attempts')
          .values({
            customer_id: c.id,
            applicant_id: me.id,
            org_path: c.org_path,
            method: 'bank_transfer',
            status: 'awaiting_deposit',
            company_name: input.companyName,
            credit_code: input.creditCode,
            bank_name: input.bankName,
            bank_account: input.bankAccount,
            deposit_cents: cents,
            deposit_reference: reference,
          })
          .returning(['id', 'customer_id'])
          .executeTakeFirstOrThrow();
        const sent = await ports.bank.send({
          attemptId: a.id,
          bankName: input.bankName,
          account: input.bankAccount,
          accountName: input.companyName,
          amountCents: cents,
          reference,
        });
        if (sent.outcome === 'sent')
          await tx
            .updateTable('certification_attempts')
            .set({ status: 'awaiting_amount', deposit_sent_at: new Date(), provider_result: { bank: sent } })
            .where('id', '=', a.id)
            .execute();
        await refreshCertificationStatus(tx, c.id);
        await audit(tx, actor, 'certification.started', a, {
          method: 'bank_transfer',
          bankName: input.bankName,
          accountTail: input.bankAccount.slice(-4),
          reference,
          bankAdapter: ports.bank.name,
        });
        await notes.notify(tx, {
          userIds: await reviewers(tx, c),
          kind: 'certification.deposit',
          title: `${input.companyName} 申请对公打款认证`,
          body: `请向 ${input.bankName} 尾号 ${input.bankAccount.slice(-4)} 打款并在认证审核中确认（备注 ${reference}）。`,
          link: `/certifications?id=${a.id}`,
        });
        return a.id;
      });
      return view(id);
    },

    async confirmAmount(actor: Actor, id: number, amount: string): Promise<Certification> {
      const cents = Math.round(Number(amount) * 100);
      const result = await withTx(db, async (tx) => {
        const a = await own(tx, actor, id);
        if (a.status !== 'awaiting_amount') throw new AppError('CERT_WRONG_STATE', { status: a.status });
        if (cents === a.deposit_cents) {
          await certifyEnterprise(ctx, tx, actor, a);
          await audit(tx, actor, 'certification.amount_confirmed', a, { method: 'bank_transfer' });
          return 'ok' as const;
        }
        return wrongTry(tx, actor, a);
      });
      if (result === 'failed') throw new AppError('CERT_TOO_MANY_TRIES');
      if (typeof result === 'number') throw new AppError('CERT_AMOUNT_WRONG', { triesLeft: result });
      return view(id);
    },

    async startLegalRepSms(actor: Actor, input: StartLegalRepSms): Promise<Certification> {
      const id = await withTx(db, async (tx) => {
        const { me, c } = await target(tx, actor);
        checkCode(c, input.creditCode);
        await ensureNoOpen(tx, c.id, me.id, true);
        const a = await tx
          .insertInto('certification_attempts')
          .values({
            customer_id: c.id,
            applicant_id: me.id,
            org_path: c.org_path,
            method: 'legal_rep_sms',
            status: 'awaiting_code',
            company_name: input.companyName,
            credit_code: input.creditCode,
            legal_rep_name: input.legalRepName,
            legal_rep_phone: input.legalRepPhone,
            legal_rep_id_number: input.legalRepIdNumber,
            code_expires_at: new Date(Date.now() + CODE_TTL_MS),
          })
          .returning(['id', 'customer_id'])
          .executeTakeFirstOrThrow();
        const code = randomDigits(6);
        await tx
          .updateTable('certification_attempts')
          .set({ code_hash: codeHash(a.id, code) })
          .where('id', '=', a.id)
          .execute();
        await enqueueSms(tx, {
          phone: input.legalRepPhone,
          template: 'cert_legal_rep_code',
          params: {
            applicant: me.displayName,
            enterprise: input.companyName,
            legalRep: input.legalRepName,
            code,
            minutes: CODE_TTL_MS / 60_000,
          },
          key: `cert-code:${a.id}`,
        });
        await refreshCertificationStatus(tx, c.id);
        await audit(tx, actor, 'certification.started', a, {
          method: 'legal_rep_sms',
          legalRep: input.legalRepName,
          legalRepPhoneTail: input.legalRepPhone.slice(-4),
        });
        return a.id;
      });
      return view(id);
    },

    async confirmCode(actor: Actor, id: number, code: string): Promise<Certification> {
      const result = await withTx(db, async (tx) => {
        const a = await own(tx, actor, id);
        if (a.status !== 'awaiting_code') throw new AppError('CERT_WRONG_STATE', { status: a.status });
        const fresh = a.code_expires_at && a.code_expires_at.getTime() > Date.now();
        if (fresh && a.code_hash && safeEqual(a.code_hash, codeHash(a.id, code))) {
          await tx.updateTable('certification_attempts').set({ code_hash: null }).where('id', '=', a.id).execute();
          await certifyEnterprise(ctx, tx, actor, a);
          await audit(tx, actor, 'certification.code_confirmed', a, { method: 'legal_rep_sms' });
          return 'ok' as const;
        }
        return wrongTry(tx, actor, a);
      });
      if (result === 'failed') throw new AppError('CERT_TOO_MANY_TRIES');
      if (typeof result === 'number') throw new AppError('CERT_CODE_WRONG', { triesLeft: result });
      return view(id);
    },

    /** Reads the photo (checked by content), keeps it as evidence and returns the OCR pre-fill as a draft. */
    async uploadLicence(actor: Actor, data: Buffer): Promise<Certification> {
      if (!data.length) throw new AppError('CERT_FILE_MISSING');
      const mime = sniffMime(data);
      if (data.length > OCR_MAX_BYTES || !mime || !(OCR_IMAGE_TYPES as readonly string[]).includes(mime))
        throw new AppError('CERT_NOT_IMAGE', { detected: mime });
      // Check the applicant before spending a second of OCR on the photo.
      await withTx(db, (tx) => target(tx, actor));
      let ocr;
      try {
        ocr = await ocrLicence(data);
      } catch (e) {
        if (e instanceof OcrInputError) throw new AppError('CERT_NOT_IMAGE', { reason: e.reason });
        throw new AppError('CERT_OCR_FAILED', { reason: (e as Error).message });
      }
      const { key, sha256: hash } = await storage.put(data);
      const id = await withTx(db, async (tx) => {
        const { me, c } = await target(tx, actor);
        await ensureNoOpen(tx, c.id, me.id, true);
        const a = await tx
          .insertInto('certification_attempts')
          .values({
            customer_id: c.id,
            applicant_id: me.id,
            org_path: c.org_path,
            method: 'licence_photo',
            status: 'draft',
            company_name: ocr.companyName ?? c.name,
            credit_code: ocr.creditCode ?? c.credit_code,
            legal_rep_name: ocr.legalRep,
            address: ocr.address ?? null,
            licence_file_key: key,
            licence_mime: mime,
            licence_sha256: hash,
            ocr: {
              companyName: ocr.companyName,
              creditCode: ocr.creditCode,
              creditCodeChecked: ocr.creditCodeChecked,
              legalRep: ocr.legalRep,
              address: ocr.address ?? null,
              confidence: ocr.confidence,
              rawText: ocr.rawText.slice(0, 4000),
            },
          })
          .returning(['id', 'customer_id'])
          .executeTakeFirstOrThrow();
        await refreshCertificationStatus(tx, c.id);
        await audit(tx, actor, 'certification.licence_uploaded', a, {
          sha256: hash,
          mime,
          ocrConfidence: ocr.confidence,
          ocrCreditCode: ocr.creditCode,
        });
        return a.id;
      });
      return view(id);
    },

    /** The applicant confirms (or corrects) the pre-filled fields; the attempt goes to the staff review queue. */
    async submitLicence(actor: Actor, id: number, input: SubmitLicence): Promise<Certification> {
      await withTx(db, async (tx) => {
        const a = await own(tx, actor, id);
        if (a.status !== 'draft') throw new AppError('CERT_WRONG_STATE', { status: a.status });
        if (a.version !== input.version) throw conflict({ currentVersion: a.version });
        const { c } = await target(tx, actor);
        checkCode(c, input.creditCode);
        await tx
          .updateTable('certification_attempts')
          .set((eb) => ({
            status: 'submitted',
            company_name: input.companyName,
            credit_code: input.creditCode,
            legal_rep_name: input.legalRepName,
            address: input.address ?? a.address,
            updated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', a.id)
          .execute();
        await refreshCertificationStatus(tx, c.id);
        const ocr = (a.ocr ?? {}) as Record<string, unknown>;
        await audit(tx, actor, 'certification.submitted', a, {
          method: 'licence_photo',
          companyName: input.companyName,
          creditCode: input.creditCode,
          legalRep: input.legalRepName,
          editedAfterOcr:
            ocr.companyName !== input.companyName ||
            ocr.creditCode !== input.creditCode ||
            ocr.legalRep !== input.legalRepName,
        });
        await notes.notify(tx, {
          userIds: await reviewers(tx, c),
          kind: 'certification.review',
          title: `${input.companyName} 提交了营业执照认证`,
          body: '请在企业认证审核中核对照片与填写信息。',
          link: `/certifications?id=${a.id}`,
        });
      });
      return view(id);
    },

    async startELicence(actor: Actor, input: StartELicence): Promise<Certification> {
      if (!ports.eLicence.configured) throw new AppError('CERT_ELICENCE_NOT_CONFIGURED');
      await withTx(db, async (tx) => {
        const { me, c } = await target(tx, actor);
        checkCode(c, input.creditCode);
        await ensureNoOpen(tx, c.id, me.id, true);
      });
      const res = await ports.eLicence.verify(input);
      const matches =
        res.verified &&
        res.creditCode === input.creditCode &&
        (!res.companyName || res.companyName === input.companyName);
      const id = await withTx(db, async (tx) => {
        const { me, c } = await target(tx, actor);
        const a = await tx
          .insertInto('certification_attempts')
          .values({
            customer_id: c.id,
            applicant_id: me.id,
            org_path: c.org_path,
            method: 'e_licence',
            status: matches ? 'submitted' : 'failed',
            company_name: res.companyName ?? input.companyName,
            credit_code: input.creditCode,
            legal_rep_name: res.legalRepName ?? input.legalRepName,
            provider_result: { provider: ports.eLicence.name, ...res.raw },
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        await audit(
          tx,
          actor,
          'certification.e_licence_checked',
          { id: a.id, customer_id: c.id },
          {
            provider: ports.eLicence.name,
            verified: res.verified,
            matches,
          },
        );
        if (matches) await certifyEnterprise(ctx, tx, actor, (await certificationRepo.get(tx, a.id))!);
        else await refreshCertificationStatus(tx, c.id);
        return { id: a.id, matches };
      });
      if (!id.matches) throw new AppError('CERT_ELICENCE_FAILED', { attemptId: id.id });
      return view(id.id);
    },

    async cancel(actor: Actor, id: number): Promise<Certification> {
      await withTx(db, async (tx) => {
        const a = await own(tx, actor, id);
        if (!['draft', 'awaiting_deposit', 'awaiting_amount', 'awaiting_code', 'submitted'].includes(a.status))
          throw new AppError('CERT_WRONG_STATE', { status: a.status });
        await tx
          .updateTable('certification_attempts')
          .set((eb) => ({ status: 'cancelled', updated_at: new Date(), version: eb('version', '+', 1) }))
          .where('id', '=', a.id)
          .execute();
        await refreshCertificationStatus(tx, a.customer_id);
        await audit(tx, actor, 'certification.cancelled', a, { method: a.method });
      });
      return view(id);
    },

    async licenceImage(actor: Actor, id: number) {
      const a = await own(db, actor, id);
      if (!a.licence_file_key) throw new AppError('CERT_NOT_FOUND');
      return { mime: a.licence_mime ?? 'application/octet-stream', data: await storage.get(a.licence_file_key) };
    },
  };

  /** A wrong amount or code: counts the try; the third ends the attempt. Returns tries left, or 'failed'. */
  async function wrongTry(tx: Executor, actor: Actor, a: AttemptRow): Promise<number | 'failed'> {
    const tries = a.tries + 1;
    const failed = tries >= CERT_MAX_TRIES;
    await tx
      .updateTable('certification_attempts')
      .set((eb) => ({
        tries,
        status: failed ? 'failed' : a.status,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', a.id)
      .execute();
    if (failed) await refreshCertificationStatus(tx, a.customer_id);
    await recordAudit(tx, actor, {
      action: failed ? 'certification.failed' : 'certification.wrong_try',
      entityType: 'certification',
      entityId: a.id,
      after: { customerId: a.customer_id, method: CERT_METHOD_LABELS[a.method].en, tries },
    });
    return failed ? 'failed' : CERT_MAX_TRIES - tries;
  }
}
