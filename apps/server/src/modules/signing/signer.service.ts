import {
  maskName,
  maskPhone,
  type OcrEvidence,
  type SignerLink,
  type SignerSign,
  type SignerView,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { sniffMime } from '../../platform/storage/storage';
import { randomDigits, safeEqual, sha256 } from '../../platform/util/crypto';
import { signingRepo } from './signing.repo';
import { linkSecret, mintToken, readToken } from './signing-keys';
import { audit, finalizeSigning, transition, type RequestRow } from './signing-finalize';
import type { SigningSnapshot } from './signing-document';
import { evaluateMaterials } from './signing-materials';
import { signingOcrEngine } from './signing-ports';
import { parseSignature } from './signature-image';
import {
  ACCESS_TTL_S,
  CODE_MAX_ATTEMPTS,
  CODE_MIN_INTERVAL_S,
  CODE_PER_IP_HOUR,
  CODE_PER_PHONE_HOUR,
  signingStorage,
} from './signing-context';

const codeHash = (requestId: number, code: string) => sha256(`signing:${requestId}:${code}`);
const MATERIAL_MAX_BYTES = 8 * 1024 * 1024;

/** What the customer does behind a signing link: everything here is public, gated by the link and the code. */
export function signerService(ctx: AppContext) {
  const { db } = ctx;
  const storage = signingStorage(ctx);
  const ttl = ctx.config.smsCodeTtlSeconds;

  async function fromLink(token: string): Promise<RequestRow> {
    const t = readToken(await linkSecret(ctx), 'link', token);
    if (!t.ok) throw new AppError(t.reason === 'expired' ? 'SIGNING_LINK_EXPIRED' : 'SIGNING_LINK_INVALID');
    const row = await db.selectFrom('signing_requests').selectAll().where('id', '=', t.id).executeTakeFirst();
    if (!row) throw new AppError('SIGNING_LINK_INVALID');
    if (row.link_nonce !== t.nonce) throw new AppError('SIGNING_LINK_REPLACED');
    return row;
  }

  async function fromAccess(token: string | undefined): Promise<RequestRow> {
    if (!token) throw new AppError('SIGNING_ACCESS_INVALID');
    const t = readToken(await linkSecret(ctx), 'access', token);
    if (!t.ok) throw new AppError('SIGNING_ACCESS_INVALID');
    const row = await db.selectFrom('signing_requests').selectAll().where('id', '=', t.id).executeTakeFirst();
    if (!row || row.link_nonce !== t.nonce) throw new AppError('SIGNING_ACCESS_INVALID');
    return row;
  }

  const linkInfo = (r: RequestRow): SignerLink => {
    const snap = r.snapshot as unknown as SigningSnapshot;
    return {
      number: r.number,
      status: r.status,
      mode: r.mode,
      kind: r.kind,
      title: r.title,
      customerName: snap.customerName,
      signerNameMasked: maskName(r.signer_name),
      phoneMasked: maskPhone(r.signer_phone),
      expiresAt: r.expires_at.toISOString(),
      codeTtlSeconds: ttl,
    };
  };

  /** Expires a request whose time is up, the moment anyone touches it (the sweep does the rest). */
  async function expireIfDue(r: RequestRow, actor: Actor): Promise<RequestRow> {
    if (!['sent', 'opened'].includes(r.status) || r.expires_at.getTime() > Date.now()) return r;
    await withTx(db, async (tx) => {
      const row = await signingRepo.lock(tx, r.id);
      if (!row || !['sent', 'opened'].includes(row.status)) return;
      await signingRepo.update(tx, row.id, { status: 'expired', closed_at: new Date() });
      await audit(tx, actor, 'signing.expired', row.id, { expiresAt: row.expires_at.toISOString() });
    });
    return { ...r, status: 'expired' };
  }

  async function materialsState(id: number) {
    const mats = await signingRepo.materials(db, id);
    return {
      licence: mats.some((m) => m.kind === 'licence'),
      idFront: mats.some((m) => m.kind === 'id_front'),
      idBack: mats.some((m) => m.kind === 'id_back'),
    };
  }

  return {
    async open(token: string, actor: Actor): Promise<SignerLink> {
      const r = await expireIfDue(await fromLink(token), actor);
      if (!r.opened_at) {
        await withTx(db, async (tx) => {
          const row = await signingRepo.lock(tx, r.id);
          if (!row || row.opened_at) return;
          const to = row.status === 'sent' ? transition(row, 'open') : row.status;
          await signingRepo.update(tx, row.id, { opened_at: new Date(), status: to });
          await audit(tx, actor, 'signing.opened', row.id, { userAgent: actor.userAgent });
        });
        return linkInfo({ ...r, status: r.status === 'sent' ? 'opened' : r.status });
      }
      return linkInfo(r);
    },

    async requestCode(token: string, actor: Actor) {
      const r = await expireIfDue(await fromLink(token), actor);
      if (r.status === 'expired') throw new AppError('SIGNING_EXPIRED');
      if (['cancelled', 'declined', 'rejected'].includes(r.status))
        throw new AppError('SIGNING_CLOSED', { status: r.status });
      const now = Date.now();
      const [recent, phoneHour, ipHour] = await Promise.all([
        signingRepo.countCodes(db, 'request_id', r.id, new Date(now - CODE_MIN_INTERVAL_S * 1000)),
        signingRepo.countCodes(db, 'phone', r.signer_phone, new Date(now - 3600_000)),
        actor.ip ? signingRepo.countCodes(db, 'ip', actor.ip, new Date(now - 3600_000)) : Promise.resolve({ n: 0 }),
      ]);
      if (Number(recent.n) > 0 || Number(phoneHour.n) >= CODE_PER_PHONE_HOUR || Number(ipHour.n) >= CODE_PER_IP_HOUR)
        throw new AppError('SIGNING_CODE_TOO_FREQUENT', { retryAfterSeconds: CODE_MIN_INTERVAL_S });
      const code = randomDigits(6);
      await withTx(db, async (tx) => {
        const c = await signingRepo.insertCode(tx, {
          request_id: r.id,
          phone: r.signer_phone,
          code_hash: codeHash(r.id, code),
          ip: actor.ip,
          expires_at: new Date(now + ttl * 1000),
        });
        await enqueueSms(tx, {
          phone: r.signer_phone,
          template: 'signing_code',
          params: { code, minutes: Math.round(ttl / 60), number: r.number },
          key: `signing-code:${c.id}`,
        });
        await audit(tx, actor, 'signing.code_requested', r.id, { phone: maskPhone(r.signer_phone) });
      });
      return { ttlSeconds: ttl, retryAfterSeconds: CODE_MIN_INTERVAL_S };
    },

    async verifyCode(token: string, code: string, actor: Actor) {
      const r = await fromLink(token);
      const c = await signingRepo.latestCode(db, r.id);
      if (!c || c.consumed_at || c.expires_at.getTime() <= Date.now()) throw new AppError('SIGNING_CODE_INVALID');
      if (c.attempts >= CODE_MAX_ATTEMPTS) throw new AppError('SIGNING_CODE_LOCKED');
      if (!safeEqual(c.code_hash, codeHash(r.id, code))) {
        const attempts = await withTx(db, async (tx) => {
          const n = await signingRepo.bumpCodeAttempts(tx, c.id);
          await audit(tx, actor, n >= CODE_MAX_ATTEMPTS ? 'signing.code_locked' : 'signing.code_failed', r.id, {
            attempts: n,
          });
          return n;
        });
        if (attempts >= CODE_MAX_ATTEMPTS) throw new AppError('SIGNING_CODE_LOCKED');
        throw new AppError('SIGNING_CODE_INVALID', { attemptsLeft: CODE_MAX_ATTEMPTS - attempts });
      }
      await withTx(db, async (tx) => {
        if (!(await signingRepo.consumeCode(tx, c.id))) throw new AppError('SIGNING_CODE_INVALID');
        if (!r.code_verified_at) await signingRepo.update(tx, r.id, { code_verified_at: new Date() });
        await audit(tx, actor, 'signing.code_validated', r.id, {});
      });
      const exp = new Date(Date.now() + ACCESS_TTL_S * 1000);
      return {
        accessToken: mintToken(await linkSecret(ctx), 'access', r.id, r.link_nonce, exp),
        expiresInSeconds: ACCESS_TTL_S,
      };
    },

    async view(access: string | undefined, actor: Actor): Promise<SignerView> {
      const r = await expireIfDue(await fromAccess(access), actor);
      const snap = r.snapshot as unknown as SigningSnapshot;
      return {
        ...linkInfo(r),
        lines: snap.lines,
        agreementTitle: snap.agreement?.title ?? null,
        agreementBody: snap.agreement?.body ?? null,
        templateVersion: r.template_version,
        documentSha256: r.document_sha256,
        signedAt: r.signed_at ? r.signed_at.toISOString() : null,
        signedSha256: r.signed_sha256,
        ocr: (r.ocr as unknown as OcrEvidence | null) ?? null,
        materials: await materialsState(r.id),
        replyHint: r.mode === 'sms_reply' ? '确认办理请直接回复短信 KT' : null,
      };
    },

    async document(access: string | undefined, actor: Actor) {
      const r = await fromAccess(access);
      const signed = r.status === 'signed' && r.signed_key;
      if (signed) await withTx(db, (tx) => audit(tx, actor, 'signing.viewed_signed', r.id, {}));
      return {
        name: `${r.number}${signed ? '-signed' : ''}.pdf`,
        data: await storage.get(signed ? r.signed_key! : r.document_key),
      };
    },

    async uploadMaterial(
      access: string | undefined,
      kind: 'licence' | 'id_front' | 'id_back',
      data: Buffer,
      actor: Actor,
    ) {
      const r = await expireIfDue(await fromAccess(access), actor);
      transition(r, 'sign');
      if (r.mode !== 'online') throw new AppError('SIGNING_MODE_MISMATCH', { mode: r.mode });
      const mime = sniffMime(data);
      if (!mime || !['image/png', 'image/jpeg', 'image/webp'].includes(mime) || data.length > MATERIAL_MAX_BYTES)
        throw new AppError('SIGNING_FILE_INVALID');
      const engine = signingOcrEngine();
      let ocr: Record<string, unknown> | null = null;
      if (kind !== 'id_back') {
        if (!engine) throw new AppError('SIGNING_OCR_UNAVAILABLE');
        try {
          ocr = kind === 'licence' ? { ...(await engine.ocrLicence(data)) } : { ...(await engine.ocrIdCard(data)) };
        } catch {
          throw new AppError('SIGNING_OCR_UNAVAILABLE');
        }
      }
      const stored = await storage.put(data);
      await withTx(db, async (tx) => {
        const row = (await signingRepo.lock(tx, r.id))!;
        await signingRepo.upsertMaterial(tx, {
          request_id: row.id,
          kind,
          storage_key: stored.key,
          sha256: stored.sha256,
          mime,
          ocr: ocr ? JSON.stringify(ocr) : null,
        });
        const ev = await evaluateMaterials(tx, storage, row);
        await signingRepo.update(tx, row.id, { ocr: JSON.stringify(ev) });
        await audit(tx, actor, 'signing.materials_checked', row.id, {
          uploaded: kind,
          mismatches: ev.mismatches,
          matchedAs: ev.matchedAs,
          liveness: ev.liveness?.status ?? null,
        });
      });
      return this.view(access, actor);
    },

    async sign(access: string | undefined, input: SignerSign, actor: Actor): Promise<SignerView> {
      const first = await expireIfDue(await fromAccess(access), actor);
      transition(first, 'sign');
      if (first.mode === 'sms_reply')
        throw new AppError('SIGNING_MODE_MISMATCH', { mode: first.mode, how: 'reply KT' });
      const sig = await parseSignature(input.signaturePng);
      if (!sig) throw new AppError('SIGNING_SIGNATURE_INVALID');
      if (!sig.ink) throw new AppError('SIGNING_SIGNATURE_EMPTY');
      await withTx(db, async (tx) => {
        const row = (await signingRepo.lock(tx, first.id))!;
        // Re-checked under the lock: two tabs submitting at once sign once.
        transition(row, 'sign');
        if (row.mode === 'online') {
          const mats = await signingRepo.materials(tx, row.id);
          if (!['licence', 'id_front', 'id_back'].every((k) => mats.some((m) => m.kind === k)))
            throw new AppError('SIGNING_MATERIALS_MISSING');
          const ev = await evaluateMaterials(tx, storage, row);
          const needsReview = ev.mismatches.length > 0 || ev.liveness?.status !== 'passed';
          if (ev.mismatches.length && !input.requestReview)
            throw new AppError('SIGNING_MATERIALS_MISMATCH', { reasons: ev.mismatches });
          if (ev.liveness?.status === 'failed' && !input.requestReview)
            throw new AppError('SIGNING_MATERIALS_MISMATCH', { reasons: ['活体检测未通过'] });
          if (needsReview) {
            const to = transition(row, 'submit_review');
            const stored = await storage.put(sig.png);
            await signingRepo.update(tx, row.id, {
              status: to,
              ocr: JSON.stringify(ev),
              signature_key: stored.key,
              signed_at: new Date(),
              sign_ip: actor.ip,
              sign_user_agent: actor.userAgent,
              sign_channel: 'web',
            });
            await audit(tx, actor, 'signing.review_requested', row.id, {
              reasons: ev.mismatches.length ? ev.mismatches : [ev.liveness?.provider ?? '活体检测未完成'],
            });
            await enqueueSms(tx, {
              phone: row.signer_phone,
              template: 'signing_review',
              params: { title: row.title },
              key: `signing-review:${row.id}`,
            });
            return;
          }
          await signingRepo.update(tx, row.id, { ocr: JSON.stringify(ev) });
          row.ocr = ev as never;
        }
        await finalizeSigning(ctx, tx, actor, row, {
          channel: 'web',
          ip: actor.ip,
          userAgent: actor.userAgent,
          signaturePng: sig.png,
          review: null,
        });
      });
      return this.view(access, actor);
    },

    async decline(access: string | undefined, reason: string, actor: Actor): Promise<SignerView> {
      const first = await fromAccess(access);
      await withTx(db, async (tx) => {
        const row = (await signingRepo.lock(tx, first.id))!;
        const to = transition(row, 'decline');
        await signingRepo.update(tx, row.id, { status: to, closed_at: new Date(), decline_reason: reason || null });
        await audit(tx, actor, 'signing.declined', row.id, { reason: reason || null });
      });
      return this.view(access, actor);
    },
  };
}
