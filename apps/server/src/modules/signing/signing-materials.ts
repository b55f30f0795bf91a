import { maskIdNumber, matchSigningMaterials, type OcrEvidence } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { FileStorage } from '../../platform/storage/storage';
import { signingRepo } from './signing.repo';
import type { RequestRow } from './signing-finalize';
import type { SigningSnapshot } from './signing-document';
import { livenessProvider, type IdCardOcr, type LicenceOcr } from './signing-ports';

/**
 * Compares what OCR read on the uploaded licence and ID card with the order's enterprise, its legal representative
 * and the agents named in signed 委托书, and runs the liveness port once both match.
 */
export async function evaluateMaterials(ex: Executor, storage: FileStorage, row: RequestRow): Promise<OcrEvidence> {
  const mats = await signingRepo.materials(ex, row.id);
  const lic = mats.find((m) => m.kind === 'licence')?.ocr as unknown as LicenceOcr | null | undefined;
  const front = mats.find((m) => m.kind === 'id_front');
  const idc = front?.ocr as unknown as IdCardOcr | null | undefined;
  const snap = row.snapshot as unknown as SigningSnapshot;
  const legal = await ex
    .selectFrom('customers')
    .select('legal_rep_name')
    .where('id', '=', row.customer_id)
    .executeTakeFirst();
  const agents = (await signingRepo.authorisedAgents(ex, row.customer_id)).map((a) => a.agent_name);
  const match = matchSigningMaterials(
    {
      companyName: snap.customerName,
      creditCode: snap.customerCreditCode,
      legalRepName: legal?.legal_rep_name ?? snap.legalRepName,
      agentNames: agents,
    },
    {
      licence:
        lic?.companyName && lic.creditCode
          ? { companyName: lic.companyName, creditCode: lic.creditCode, legalRep: lic.legalRep ?? '' }
          : null,
      idCard: idc?.name ? { name: idc.name, idNumber: idc.idNumber ?? '' } : null,
    },
  );
  let liveness: OcrEvidence['liveness'] = null;
  if (!match.mismatches.length && front && idc?.name) {
    liveness = await livenessProvider().check({
      requestId: row.id,
      idFront: await storage.get(front.storage_key),
      idName: idc.name,
    });
  }
  return {
    licence: lic
      ? {
          companyName: lic.companyName ?? '（未识别）',
          creditCode: lic.creditCode ?? '（未识别）',
          legalRep: lic.legalRep ?? '（未识别）',
          confidence: lic.confidence,
        }
      : null,
    idCard: idc
      ? { name: idc.name ?? '（未识别）', idNumberMasked: maskIdNumber(idc.idNumber ?? ''), confidence: idc.confidence }
      : null,
    mismatches: match.mismatches,
    matchedAs: match.matchedAs,
    liveness,
  };
}
