import crypto from 'node:crypto';
import {
  chooseSigningMode,
  maskPhone,
  SIGNING_AUDIT_ACTIONS,
  SIGNING_MODE_LABELS,
  SIGNING_MODE_STRENGTH,
  SIGNING_TRANSITIONS,
  type CreateSigningRequest,
  type OcrEvidence,
  type Page,
  type SigningAction,
  type SigningAuditAction,
  type SigningCheck,
  type SigningDetail,
  type SigningListQuery,
  type SigningModeRule,
  type SigningPreview,
  type SigningPreviewQuery,
  type SigningStaffAction,
  type SigningSummary,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { renderPdf } from '../../platform/pdf/pdf-render';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { signingRepo, type SigningRow } from './signing.repo';
import { documentSpec, type SigningSnapshot } from './signing-document';
import { signableKind, type SignableSubject } from './signing-kinds';
import { linkSecret, mintToken } from './signing-keys';
import { audit, finalizeSigning, transition } from './signing-finalize';
import { smsTime } from './signing-sms';
import {
  LINK_RETENTION_DAYS,
  linkUrl,
  PROVIDER_NAME,
  REMIND_MAX,
  REMIND_MIN_INTERVAL_MIN,
  signingStorage,
} from './signing-context';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
/** 2026-12-02 05:01 (Beijing time) */
const beijing = (d: Date) =>
  new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export const toSummary = (r: SigningRow): SigningSummary => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  subjectRef: r.subject_ref,
  title: r.title,
  customerId: r.customer_id,
  customerName: r.customer_name,
  signerName: r.signer_name,
  signerPhoneMasked: maskPhone(r.signer_phone),
  mode: r.mode,
  status: r.status,
  createdAt: iso(r.created_at)!,
  sentAt: iso(r.sent_at)!,
  openedAt: iso(r.opened_at),
  signedAt: iso(r.signed_at),
  expiresAt: iso(r.expires_at)!,
  reminders: r.reminders,
  createdByName: r.created_by_name,
});

/** The link the signer gets: valid until the request expires plus the period the signed copy stays downloadable. */
export async function requestLink(
  ctx: AppContext,
  ex: Executor,
  id: number,
  nonce: string,
  expiresAt: Date,
): Promise<string> {
  const exp = new Date(expiresAt.getTime() + LINK_RETENTION_DAYS * 86400_000);
  return linkUrl(ctx, mintToken(await linkSecret(ctx, ex), 'link', id, nonce, exp));
}

/** Seed 000 table 2 as it applies to one request. */
function checksOf(r: SigningRow): SigningCheck[] {
  const ocr = r.ocr as unknown as OcrEvidence | null;
  const online = r.mode === 'online';
  const done = r.status === 'signed';
  const checks: SigningCheck[] = [
    {
      key: 'phone',
      label: '签约短信发送至订单联系人手机',
      state: 'passed',
      detail: maskPhone(r.signer_phone),
    },
    {
      key: 'code',
      label: '打开链接须短信验证码',
      state: r.code_verified_at ? 'passed' : r.mode === 'sms_reply' && done ? 'not_required' : 'pending',
      detail: r.code_verified_at ? beijing(r.code_verified_at) : null,
    },
    {
      key: 'licence',
      label: '营业执照 OCR 识别企业名、信用代码并与订单企业比对',
      state: !online
        ? 'not_required'
        : !ocr?.licence
          ? 'pending'
          : ocr.mismatches.some((m) => m.includes('营业执照'))
            ? 'failed'
            : 'passed',
      detail: ocr?.licence ? `${ocr.licence.companyName} / ${ocr.licence.creditCode}` : null,
    },
    {
      key: 'id_card',
      label: '身份证正反面单独上传',
      state: !online ? 'not_required' : ocr?.idCard ? 'passed' : 'pending',
      detail: ocr?.idCard ? ocr.idCard.idNumberMasked : null,
    },
    {
      key: 'id_name',
      label: '身份证姓名与法定代表人或委托书经办人一致',
      state: !online ? 'not_required' : !ocr?.idCard ? 'pending' : ocr.matchedAs ? 'passed' : 'failed',
      detail: ocr?.idCard ? `${ocr.idCard.name}${ocr.matchedAs === 'agent' ? '（委托经办人）' : ''}` : null,
    },
    {
      key: 'signature',
      label: '手写电子签名',
      state: r.mode === 'sms_reply' ? 'not_required' : r.signature_key ? 'passed' : 'pending',
      detail: null,
    },
    {
      key: 'liveness',
      label: '经办人活体认证',
      state: !online
        ? 'not_required'
        : !ocr?.liveness
          ? 'pending'
          : ocr.liveness.status === 'passed'
            ? 'passed'
            : ocr.liveness.status === 'failed'
              ? 'failed'
              : r.status === 'signed'
                ? 'review'
                : 'not_configured',
      detail: ocr?.liveness ? `${ocr.liveness.provider}${ocr.liveness.detail ? `：${ocr.liveness.detail}` : ''}` : null,
    },
    {
      key: 'templates',
      label: '委托书、用途说明模板可下载',
      state: 'passed',
      detail: '/api/sign/templates',
    },
  ];
  return checks;
}

const STAFF_ACTIONS: SigningAction[] = ['remind', 'resend', 'cancel', 'approve', 'reject'];

export function signingService(ctx: AppContext) {
  const { db } = ctx;
  const storage = signingStorage(ctx);

  async function loadSubject(ex: Executor, actor: Actor, q: SigningPreviewQuery & { params?: Record<string, string> }) {
    const kind = signableKind(q.kind);
    if (!kind || !kind.available()) throw new AppError('SIGNING_KIND_UNAVAILABLE', { kind: q.kind });
    const subject = await kind.load(ctx, ex, actor, { ref: q.ref, customerId: q.customerId, params: q.params ?? {} });
    if (!subject)
      throw new AppError(q.kind === 'agreement' ? 'SIGNING_TEMPLATE_NOT_FOUND' : 'SIGNING_SUBJECT_NOT_FOUND');
    return subject;
  }

  async function modeFor(ex: Executor, subject: SignableSubject) {
    const { rules } = await signingRepo.rules(ex);
    return chooseSigningMode(rules, subject.ruleInputs);
  }

  async function getRow(ex: Executor, actor: Actor, id: number) {
    const row = await signingRepo.byId(ex, actor.auth!.scope, id);
    if (!row) throw new AppError('SIGNING_NOT_FOUND');
    return row;
  }

  async function detail(actor: Actor, id: number): Promise<SigningDetail> {
    const r = await getRow(db, actor, id);
    const snap = r.snapshot as unknown as SigningSnapshot;
    const events = await signingRepo.timeline(db, id);
    const perms = actor.auth!.permissions;
    const actions = STAFF_ACTIONS.filter((a) => {
      if (!SIGNING_TRANSITIONS[r.status][a]) return false;
      if (a === 'approve' || a === 'reject') return perms.has('signing.review');
      return perms.has('signing.send');
    });
    return {
      ...toSummary(r),
      ruleName: r.rule_name,
      documentSha256: r.document_sha256,
      signedSha256: r.signed_sha256,
      templateCode: r.template_code,
      templateId: r.template_id,
      templateVersion: r.template_version,
      lines: snap.lines ?? [],
      declineReason: r.decline_reason,
      reviewNote: r.review_note,
      checks: checksOf(r),
      ocr: (r.ocr as unknown as OcrEvidence | null) ?? null,
      timeline: events
        .filter((e) => (SIGNING_AUDIT_ACTIONS as readonly string[]).includes(e.action))
        .map((e) => ({
          at: new Date(e.occurred_at).toISOString(),
          action: e.action as SigningAuditAction,
          actorName: e.actor_name,
          ip: e.ip,
          detail: (e.after as Record<string, unknown> | null) ?? null,
        })),
      actions,
      version: r.version,
    };
  }

  return {
    detail,
    getRow,

    async list(actor: Actor, q: SigningListQuery): Promise<Page<SigningSummary>> {
      const { items, total } = await signingRepo.list(db, actor.auth!.scope, q);
      return { items: items.map(toSummary), total, page: q.page, pageSize: q.pageSize };
    },

    async preview(actor: Actor, q: SigningPreviewQuery): Promise<SigningPreview> {
      const subject = await loadSubject(db, actor, q);
      const choice = await modeFor(db, subject);
      return {
        kind: subject.kind,
        title: subject.title,
        customerId: subject.customerId,
        customerName: subject.customerName,
        lines: subject.lines,
        suggestedSignerName: subject.suggestedSigner?.name ?? null,
        suggestedSignerPhone: subject.suggestedSigner?.phone ?? null,
        mode: choice.mode,
        ruleName: choice.rule?.name ?? null,
        templateParams: subject.templateParams,
      };
    },

    async create(actor: Actor, input: CreateSigningRequest): Promise<SigningDetail> {
      const now = new Date();
      const id = await withTx(db, async (tx) => {
        const subject = await loadSubject(tx, actor, { ...input, params: input.params });
        const missing = subject.templateParams.filter((p) => p.required && !input.params[p.key]?.trim());
        if (missing.length)
          throw new AppError(
            'VALIDATION_FAILED',
            missing.map((p) => ({ field: `body.params.${p.key}`, message: `请填写${p.label}` })),
          );
        const choice = await modeFor(tx, subject);
        const mode = input.mode ?? choice.mode;
        if (SIGNING_MODE_STRENGTH[mode] < SIGNING_MODE_STRENGTH[choice.mode])
          throw new AppError('SIGNING_MODE_LOWER', { required: choice.mode, rule: choice.rule?.name ?? null });
        const number = await signingRepo.nextNumber(tx, now);
        const customer = await tx
          .selectFrom('customers')
          .select(['legal_rep_name'])
          .where('id', '=', subject.customerId)
          .executeTakeFirst();
        const snapshot: SigningSnapshot = {
          title: subject.title,
          customerName: subject.customerName,
          customerCreditCode: subject.customerCreditCode,
          legalRepName: customer?.legal_rep_name ?? null,
          lines: subject.lines,
          sections: subject.sections,
          agreement: subject.agreement,
          params: input.params,
          ruleInputs: subject.ruleInputs,
          provider: PROVIDER_NAME,
          createdAt: now.toISOString(),
        };
        // The document is fixed (rendered, hashed, stored) before anyone can sign it.
        const pdf = await renderPdf(documentSpec(snapshot, number));
        const stored = await storage.put(pdf);
        const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000);
        const nonce = crypto.randomBytes(6).toString('base64url');
        const row = await signingRepo.insert(tx, {
          number,
          kind: subject.kind,
          subject_ref: subject.ref,
          title: subject.title,
          customer_id: subject.customerId,
          org_path: subject.orgPath,
          account_manager_id: subject.accountManagerId,
          signer_name: input.signerName,
          signer_phone: input.signerPhone,
          mode,
          rule_name:
            input.mode && input.mode !== choice.mode
              ? `${choice.rule?.name ?? '默认'}（已提高为${SIGNING_MODE_LABELS[mode].zh}）`
              : (choice.rule?.name ?? null),
          status: 'sent',
          snapshot: JSON.stringify(snapshot),
          document_key: stored.key,
          document_sha256: stored.sha256,
          template_code: subject.agreement?.code ?? null,
          template_id: subject.agreement?.id ?? null,
          template_version: subject.agreement?.version ?? null,
          link_nonce: nonce,
          expires_at: expiresAt,
          sent_at: now,
          created_by: actor.auth!.user.id,
        });
        const link = await requestLink(ctx, tx, row.id, nonce, expiresAt);
        await enqueueSms(tx, {
          phone: input.signerPhone,
          template: `signing_request_${mode}`,
          params: { customer: subject.customerName, title: subject.title, link, expires: smsTime(expiresAt) },
          key: `signing-request:${row.id}:${nonce}`,
        });
        await audit(tx, actor, 'signing.sent', row.id, {
          number,
          kind: subject.kind,
          ref: subject.ref,
          mode,
          rule: choice.rule?.name ?? null,
          documentSha256: stored.sha256,
          phone: maskPhone(input.signerPhone),
          template: subject.agreement ? { code: subject.agreement.code, version: subject.agreement.version } : null,
        });
        return row.id;
      });
      return detail(actor, id);
    },

    async act(actor: Actor, id: number, input: SigningStaffAction): Promise<SigningDetail> {
      const perms = actor.auth!.permissions;
      const needs = input.action === 'approve' || input.action === 'reject' ? 'signing.review' : 'signing.send';
      if (!perms.has(needs)) throw new AppError('FORBIDDEN', { permission: needs });
      await withTx(db, async (tx) => {
        const visible = await getRow(tx, actor, id);
        const row = (await signingRepo.lock(tx, visible.id))!;
        if (row.version !== input.version) throw new AppError('CONFLICT');
        const now = new Date();
        switch (input.action) {
          case 'remind': {
            transition(row, 'remind');
            if (row.expires_at.getTime() <= now.getTime()) throw new AppError('SIGNING_EXPIRED');
            if (row.reminders >= REMIND_MAX) throw new AppError('SIGNING_REMIND_LIMIT');
            const last = row.last_reminded_at ?? row.sent_at;
            if (now.getTime() - last.getTime() < REMIND_MIN_INTERVAL_MIN * 60_000)
              throw new AppError('SIGNING_REMIND_TOO_SOON', { minutes: REMIND_MIN_INTERVAL_MIN });
            const link = await requestLink(ctx, tx, row.id, row.link_nonce, row.expires_at);
            await signingRepo.update(tx, row.id, { reminders: row.reminders + 1, last_reminded_at: now });
            await enqueueSms(tx, {
              phone: row.signer_phone,
              template: 'signing_reminder',
              params: { title: row.title, link, expires: smsTime(row.expires_at) },
              key: `signing-remind:${row.id}:${row.reminders + 1}`,
            });
            await audit(tx, actor, 'signing.reminded', row.id, { count: row.reminders + 1 });
            break;
          }
          case 'resend': {
            transition(row, 'resend');
            // A new link: the old one stops working; the validity starts again.
            const nonce = crypto.randomBytes(6).toString('base64url');
            const span = Math.max(row.expires_at.getTime() - row.created_at.getTime(), 3600_000);
            const expiresAt = new Date(now.getTime() + span);
            await signingRepo.update(tx, row.id, { link_nonce: nonce, expires_at: expiresAt });
            const link = await requestLink(ctx, tx, row.id, nonce, expiresAt);
            const snap = row.snapshot as unknown as SigningSnapshot;
            await enqueueSms(tx, {
              phone: row.signer_phone,
              template: `signing_request_${row.mode}`,
              params: { customer: snap.customerName, title: row.title, link, expires: smsTime(expiresAt) },
              key: `signing-request:${row.id}:${nonce}`,
            });
            await audit(tx, actor, 'signing.resent', row.id, { expiresAt: expiresAt.toISOString() });
            break;
          }
          case 'cancel': {
            const to = transition(row, 'cancel');
            await signingRepo.update(tx, row.id, { status: to, closed_at: now, decline_reason: input.note ?? null });
            await enqueueSms(tx, {
              phone: row.signer_phone,
              template: 'signing_cancelled',
              params: { title: row.title },
              key: `signing-cancel:${row.id}`,
            });
            await audit(tx, actor, 'signing.cancelled', row.id, { note: input.note ?? null });
            break;
          }
          case 'approve': {
            await finalizeSigning(ctx, tx, actor, row, {
              channel: row.sign_channel ?? 'web',
              ip: row.sign_ip,
              userAgent: row.sign_user_agent,
              signaturePng: null,
              review: { by: actor.auth!.user.displayName, byId: actor.auth!.user.id, note: input.note ?? null },
            });
            break;
          }
          case 'reject': {
            const to = transition(row, 'reject');
            if (!input.note)
              throw new AppError('VALIDATION_FAILED', [{ field: 'body.note', message: '请填写不通过的原因' }]);
            await signingRepo.update(tx, row.id, {
              status: to,
              closed_at: now,
              review_note: input.note,
              reviewed_by: actor.auth!.user.id,
            });
            await enqueueSms(tx, {
              phone: row.signer_phone,
              template: 'signing_rejected',
              params: { title: row.title, note: input.note },
              key: `signing-reject:${row.id}`,
            });
            await audit(tx, actor, 'signing.rejected', row.id, { note: input.note });
            break;
          }
        }
      });
      return detail(actor, id);
    },

    async file(actor: Actor, id: number, which: 'document' | 'signed'): Promise<{ name: string; data: Buffer }> {
      const r = await getRow(db, actor, id);
      const key = which === 'document' ? r.document_key : r.signed_key;
      if (!key) throw new AppError('SIGNING_NOT_FOUND');
      return { name: `${r.number}${which === 'signed' ? '-signed' : ''}.pdf`, data: await storage.get(key) };
    },

    async rules() {
      return signingRepo.rules(db);
    },

    async putRules(actor: Actor, version: number, rules: SigningModeRule[]) {
      for (const r of rules)
        if (r.minAmountFen !== null && r.maxAmountFen !== null && r.minAmountFen > r.maxAmountFen)
          throw new AppError('SIGNING_RULES_INVALID', { rule: r.name, reason: '最低金额大于最高金额' });
      await withTx(db, async (tx) => {
        const before = await signingRepo.rules(tx);
        if (!(await signingRepo.replaceRules(tx, version, rules))) throw new AppError('CONFLICT');
        await recordAudit(tx, actor, {
          action: 'signing.rules_changed',
          entityType: 'signing_rules',
          entityId: 1,
          before: before.rules,
          after: rules,
        });
      });
      return signingRepo.rules(db);
    },
  };
}
