import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { agreementsRepo } from '../agreements/agreement.repo';

export interface AcceptedAgreement {
  code: 'marketing' | 'security';
  templateId: number | null;
  version: number | null;
}

export const REQUIRED_AGREEMENTS = ['marketing', 'security'] as const;

/**
 * Both agreements (营销协议, 通用安全协议) must be accepted in their current published version: the order records
 * exactly which template and version the customer saw. An outdated or missing acceptance refuses the order.
 */
export async function checkAgreements(ex: Executor, given: AcceptedAgreement[]) {
  const out: { code: string; templateId: number; version: number; title: string }[] = [];
  for (const code of REQUIRED_AGREEMENTS) {
    const a = given.find((g) => g.code === code);
    if (!a) throw new AppError('ORDER_AGREEMENTS_REQUIRED', [{ field: 'agreements', message: code }]);
    const cur = await agreementsRepo.current(ex, code);
    if (!cur) throw new AppError('AGREEMENT_NONE_PUBLISHED', { code });
    if (a.templateId !== cur.id || (a.version !== null && a.version !== cur.version))
      throw new AppError('ORDER_AGREEMENT_OUTDATED', { code, templateId: cur.id, version: cur.version });
    out.push({ code, templateId: cur.id, version: cur.version, title: cur.title });
  }
  return out;
}

/** For orders from integrated channels, which record the customer's acceptance themselves: the current versions. */
export async function currentAgreements(ex: Executor) {
  const out: { code: string; templateId: number; version: number; title: string; acceptedVia: string }[] = [];
  for (const code of REQUIRED_AGREEMENTS) {
    const cur = await agreementsRepo.current(ex, code);
    if (!cur) throw new AppError('AGREEMENT_NONE_PUBLISHED', { code });
    out.push({ code, templateId: cur.id, version: cur.version, title: cur.title, acceptedVia: 'api' });
  }
  return out;
}
