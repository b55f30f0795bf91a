import { maskPhone, type VerifyResult } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { AppError } from '../../platform/http/app-error';
import { checkPdfSeal } from '../../platform/pdf/pdf-verify';
import { sniffMime } from '../../platform/storage/storage';
import { sha256 } from '../../platform/util/crypto';
import { signingRepo } from './signing.repo';
import { sealingKey } from './signing-keys';

/** The public verify page: is this a PDF we sealed, is it unchanged, who signed it and when. */
export function signingVerifyService(ctx: AppContext) {
  return {
    async verify(data: Buffer): Promise<VerifyResult> {
      if (sniffMime(data) !== 'application/pdf') throw new AppError('SIGNING_VERIFY_NOT_PDF');
      const fileSha256 = sha256(data);
      const check = checkPdfSeal(data);
      const ours = await sealingKey(ctx);
      const row = await signingRepo.bySignedSha(ctx.db, fileSha256);
      const empty = {
        signer: null,
        signerPhoneMasked: null,
        number: null,
        signedAt: null,
        sealedAt: check.signingTime ? check.signingTime.toISOString() : null,
        certificateSubject: check.certificateSubject,
        documentSha256: null,
        fileSha256,
      };
      if (!check.sealed)
        return {
          ...empty,
          verdict: 'not_sealed',
          sealedByUs: false,
          unchanged: false,
          detail: '该文件没有电子签章，不是本平台签署的文件。',
        };
      const byUs = check.certificateFingerprint === ours.fingerprint;
      if (!check.intact)
        return {
          ...empty,
          verdict: 'modified',
          sealedByUs: byUs,
          unchanged: false,
          detail: byUs
            ? '该文件曾由本平台签章，但签章后已被修改，内容不可信。请向签约方索取原始文件。'
            : '该文件的签章已失效：签章后内容被修改。',
        };
      if (!byUs)
        return {
          ...empty,
          verdict: 'foreign_seal',
          sealedByUs: false,
          unchanged: true,
          detail: '该文件的签章完整，但不是本平台的签章证书。',
        };
      return {
        ...empty,
        verdict: 'valid',
        sealedByUs: true,
        unchanged: true,
        signer: row?.signer_name ?? null,
        signerPhoneMasked: row ? maskPhone(row.signer_phone) : null,
        number: row?.number ?? null,
        signedAt: row?.signed_at ? row.signed_at.toISOString() : null,
        documentSha256: row?.document_sha256 ?? null,
        detail: row
          ? `本文件由本平台签章且未被修改：${row.signer_name} 于签约编号 ${row.number} 中签署。`
          : '本文件由本平台签章且未被修改。',
      };
    },
  };
}
