import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';

export interface AcceptedAgreement {
  code: 'marketing' | 'security';
  templateId: number | null;
  version: number | null;
}

const REQUIRED = ['marketing', 'security'] as const;

/** Both agreements (营销协议, 通用安全协议) must be accepted; what was accepted is recorded on the order. */
export async function checkAgreements(_ex: Executor, given: AcceptedAgreement[]): Promise<AcceptedAgreement[]> {
  const out: AcceptedAgreement[] = [];
  for (const code of REQUIRED) {
    const a = given.find((g) => g.code === code);
    if (!a) throw new AppError('ORDER_AGREEMENTS_REQUIRED', [{ field: 'agreements', message: code }]);
    out.push({ code, templateId: a.templateId, version: a.version });
  }
  return out;
}
