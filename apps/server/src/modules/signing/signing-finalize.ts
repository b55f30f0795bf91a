import {
  maskPhone,
  nextSigningStatus,
  type OcrEvidence,
  type SigningAction,
  type SigningAuditAction,
  type SigningStatus,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { recordAudit } from '../../platform/audit/audit.service';
import { AppError } from '../../platform/http/app-error';
import { renderPdf } from '../../platform/pdf/pdf-render';
import { sealPdf } from '../../platform/pdf/pdf-seal';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { notificationService } from '../notifications/notification.service';
import { signingRepo } from './signing.repo';
import type { DB } from '../../db.types';
import type { Selectable } from 'kysely';
import { signedDocumentSpec, type SigningSnapshot } from './signing-document';
import { sealingKey } from './signing-keys';
import { signableKind } from './signing-kinds';
import { signingStorage, verifyUrl } from './signing-context';

export type RequestRow = Selectable<DB['signing_requests']>;

/** Checks the life-cycle table; the one place a status changes is allowed or refused. */
export function transition(row: { status: SigningStatus }, action: SigningAction): SigningStatus {
  const to = nextSigningStatus(row.status, action);
  if (!to) {
    if (row.status === 'expired') throw new AppError('SIGNING_EXPIRED');
    if (['signed', 'declined', 'cancelled', 'rejected'].includes(row.status) && action !== 'cancel')
      throw new AppError('SIGNING_CLOSED', { status: row.status });
    throw new AppError('SIGNING_ILLEGAL_TRANSITION', { status: row.status, action });
  }
  return to;
}

export function audit(
  ex: Executor,
  actor: Actor,
  action: SigningAuditAction,
  id: number,
  after: Record<string, unknown> = {},
) {
  return recordAudit(ex, actor, { action, entityType: 'signing_request', entityId: id, after });
}

export interface FinalizeInput {
  channel: 'web' | 'sms';
  ip: string | null;
  userAgent: string | null;
  signaturePng: Buffer | null;
  review: { by: string; byId: number; note: string | null } | null;
}

/**
 * Records the signature: renders the signed copy (body + signature + evidence page) from the frozen snapshot, seals
 * it with the platform certificate, stores it, moves the request to `signed`, writes the audit event and tells the
 * kind — all in the caller's transaction, on a row it has locked.
 */
export async function finalizeSigning(
  ctx: AppContext,
  tx: Executor,
  actor: Actor,
  row: RequestRow,
  input: FinalizeInput,
): Promise<void> {
  const to = transition(row, input.review ? 'approve' : 'sign');
  const now = new Date();
  // a reviewed request was signed when the signer signed, not when it was approved
  const signedAt = input.review ? (row.signed_at ?? now) : now;
  const seal = await sealingKey(ctx, tx);
  const storage = signingStorage(ctx);
  const snap = row.snapshot as unknown as SigningSnapshot;
  const signaturePng = input.signaturePng ?? (row.signature_key ? await storage.get(row.signature_key) : null);
  const codeAt = await signingRepo.firstCodeAt(tx, row.id);
  const spec = signedDocumentSpec(
    snap,
    {
      number: row.number,
      documentSha256: row.document_sha256,
      signerName: row.signer_name,
      signerPhone: row.signer_phone,
      mode: row.mode,
      channel: input.channel,
      sentAt: row.sent_at,
      openedAt: row.opened_at,
      codeRequestedAt: (codeAt?.at as Date | null | undefined) ?? null,
      codeVerifiedAt: row.code_verified_at,
      signedAt,
      ip: input.review ? row.sign_ip : input.ip,
      userAgent: input.review ? row.sign_user_agent : input.userAgent,
      template: row.template_code
        ? { code: row.template_code, id: row.template_id, version: row.template_version }
        : null,
      ocr: (row.ocr as unknown as OcrEvidence | null) ?? null,
      review: input.review ? { by: input.review.by, note: input.review.note, at: now } : null,
      certificateSubject: seal.subject,
      verifyUrl: verifyUrl(ctx),
    },
    signaturePng,
  );
  const pdf = await renderPdf(spec);
  const sealed = await sealPdf(pdf, seal.bundle, {
    reason: `Signed ${row.number}`,
    name: 'Paidan E-Signing Platform',
    location: 'Shanghai, CN',
    contactInfo: verifyUrl(ctx),
    signingTime: now,
  });
  const stored = await storage.put(sealed);
  const signatureKey = input.signaturePng ? (await storage.put(input.signaturePng)).key : row.signature_key;
  await signingRepo.update(tx, row.id, {
    status: to,
    signed_at: signedAt,
    closed_at: now,
    signed_key: stored.key,
    signed_sha256: stored.sha256,
    signature_key: signatureKey,
    sign_channel: input.review ? row.sign_channel : input.channel,
    sign_ip: input.review ? row.sign_ip : input.ip,
    sign_user_agent: input.review ? row.sign_user_agent : input.userAgent,
    ...(input.review ? { reviewed_by: input.review.byId, review_note: input.review.note } : {}),
  });
  if (input.review) await audit(tx, actor, 'signing.approved', row.id, { note: input.review.note });
  await audit(tx, actor, 'signing.signed', row.id, {
    channel: input.review ? row.sign_channel : input.channel,
    mode: row.mode,
    documentSha256: row.document_sha256,
    signedSha256: stored.sha256,
    phone: maskPhone(row.signer_phone),
  });
  await signableKind(row.kind)?.onSigned(tx, {
    requestId: row.id,
    number: row.number,
    signerName: row.signer_name,
    signedAt,
    params: ((snap.params ?? {}) as Record<string, string>) || {},
    customerId: row.customer_id,
    subjectRef: row.subject_ref,
  });
  await enqueueSms(tx, {
    phone: row.signer_phone,
    template: 'signing_done',
    params: { title: row.title, number: row.number },
    key: `signing-done:${row.id}`,
  });
  if (row.created_by)
    await notificationService(ctx).notify(tx, {
      userIds: [row.created_by],
      kind: 'signing.signed',
      title: `${row.signer_name} 已完成签约：${row.title}`,
      body: `签约编号 ${row.number}`,
      link: `/signing/${row.id}`,
    });
}
