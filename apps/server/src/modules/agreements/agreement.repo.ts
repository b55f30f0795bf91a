import { sql, type Selectable } from 'kysely';
import type { AgreementListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/like';
import type { AgreementTemplatesTable } from './agreement.tables';

export type AgreementRow = Selectable<AgreementTemplatesTable> & { created_by_name: string | null };

const base = (ex: Executor) =>
  ex
    .selectFrom('agreement_templates as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.display_name as created_by_name');

/** Agreement templates are platform configuration: every signed-in user may read published ones, admins manage. */
export const agreementsRepo = {
  async byId(ex: Executor, id: number): Promise<AgreementRow | null> {
    return (await base(ex).where('a.id', '=', id).executeTakeFirst()) ?? null;
  },

  /** The published version of a code, or null when none is published. */
  async current(ex: Executor, code: string): Promise<AgreementRow | null> {
    return (await base(ex).where('a.code', '=', code).where('a.status', '=', 'published').executeTakeFirst()) ?? null;
  },

  async currentMany(ex: Executor, codes: readonly string[]): Promise<AgreementRow[]> {
    if (codes.length === 0) return [];
    return base(ex)
      .where('a.code', 'in', [...codes])
      .where('a.status', '=', 'published')
      .orderBy('a.code')
      .execute();
  },

  async list(ex: Executor, q: AgreementListQuery): Promise<{ items: AgreementRow[]; total: number }> {
    let w = base(ex);
    if (q.code) w = w.where('a.code', '=', q.code);
    if (q.status) w = w.where('a.status', '=', q.status);
    if (q.usage) w = w.where('a.usage', '=', q.usage);
    if (q.q) {
      const pat = containsPattern(q.q);
      w = w.where((eb) => eb.or([eb('a.title', 'ilike', pat), eb('a.body', 'ilike', pat)]));
    }
    const [items, total] = await Promise.all([
      w
        .orderBy('a.code')
        .orderBy('a.version', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      w
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => r.n),
    ]);
    return { items, total };
  },

  async nextVersion(ex: Executor, code: string): Promise<{ version: number; usage: string | null }> {
    const r = await ex
      .selectFrom('agreement_templates')
      .select([sql<number>`coalesce(max(version), 0) + 1`.as('v'), sql<string | null>`max(usage)`.as('usage')])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return { version: r.v, usage: r.usage };
  },
};
