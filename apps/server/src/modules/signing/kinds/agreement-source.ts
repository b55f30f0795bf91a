import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { SubjectAgreement } from '../signing-kinds';

// Agreement templates come from the agreements module (agreement_templates: code, version, title, body, status).

export async function agreementsInstalled(ex: Executor): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass('agreement_templates')::text as t`.execute(ex);
  return !!r.rows[0]?.t;
}

/** The published version of each code that has one, in the order asked. */
export async function currentAgreements(ex: Executor, codes: string[]): Promise<SubjectAgreement[]> {
  if (codes.length === 0 || !(await agreementsInstalled(ex))) return [];
  const out: SubjectAgreement[] = [];
  for (const code of codes) {
    const r = await sql<{ id: number; code: string; version: number; title: string; body: string }>`
      select id, code, version, title, body from agreement_templates
      where code = ${code} and status = 'published' order by version desc limit 1`.execute(ex);
    const row = r.rows[0];
    if (row) out.push({ code: row.code, id: row.id, version: row.version, title: row.title, body: row.body });
  }
  return out;
}
