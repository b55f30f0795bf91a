import type { Executor } from '../../../platform/db/database';
import { agreementsRepo } from '../../agreements/agreement.repo';
import type { SubjectAgreement } from '../signing-kinds';

// Agreement templates come from the agreements module: the published version of a code is what gets signed, and
// the request records that row (id + version).

/** The published version of each code that has one, in the order asked. */
export async function currentAgreements(ex: Executor, codes: string[]): Promise<SubjectAgreement[]> {
  const rows = await agreementsRepo.currentMany(ex, codes);
  return codes
    .map((c) => rows.find((r) => r.code === c))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({ code: r.code, id: r.id, version: r.version, title: r.title, body: r.body }));
}

/** Body text as paragraphs for the PDF: the markdown title line is the document's own heading. */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l && !/^#\s/.test(l));
}
