import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { DataScope, SigningListQuery, SigningModeRule } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';
import { inSubtree } from '../../platform/auth/scope';
import { containsPattern } from '../../platform/db/like';

type Q<O> = SelectQueryBuilder<DB & { r: DB['signing_requests'] }, 'r', O>;

/** Data scope for signing requests: the customer's org subtree, an account manager's customers, or what one sent. */
function scoped<O>(q: Q<O>, scope: DataScope): Q<O> {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'org':
      return q.where(inSubtree(sql.ref('r.org_path'), scope.orgPath));
    case 'own_customers':
      return q.where((eb) =>
        eb.or([eb('r.account_manager_id', '=', scope.userId), eb('r.created_by', '=', scope.userId)]),
      );
    case 'enterprise':
      return q.where('r.customer_id', '=', scope.customerId);
    case 'self':
      return q.where('r.created_by', '=', scope.userId);
  }
}

const base = (ex: Executor) =>
  ex
    .selectFrom('signing_requests as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select(['c.name as customer_name', 'u.display_name as created_by_name']);

export type SigningRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export const signingRepo = {
  async list(ex: Executor, scope: DataScope, f: SigningListQuery) {
    let q = scoped(base(ex) as unknown as Q<SigningRow>, scope);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.mode) q = q.where('r.mode', '=', f.mode);
    if (f.kind) q = q.where('r.kind', '=', f.kind);
    if (f.customerId) q = q.where('r.customer_id', '=', f.customerId);
    if (f.subjectRef) q = q.where('r.subject_ref', '=', f.subjectRef);
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) =>
        eb.or([
          eb('r.number', 'ilike', like),
          eb('r.subject_ref', 'ilike', like),
          eb('r.title', 'ilike', like),
          eb('r.signer_name', 'ilike', like),
          sql<boolean>`c.name ilike ${like}`,
        ]),
      );
    }
    const [{ n }] = (await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute()) as [{ n: number }];
    const items = await q
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },

  byId(ex: Executor, scope: DataScope | null, id: number) {
    const q = base(ex) as unknown as Q<SigningRow>;
    return (scope ? scoped(q, scope) : q).where('r.id', '=', id).executeTakeFirst();
  },

  bySignedSha(ex: Executor, sha: string) {
    return (base(ex) as unknown as Q<SigningRow>).where('r.signed_sha256', '=', sha).executeTakeFirst();
  },

  /** Locks the row for the rest of the transaction: one signature, one state change at a time. */
  lock(ex: Executor, id: number) {
    return ex.selectFrom('signing_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async nextNumber(ex: Executor, now: Date): Promise<string> {
    const r = await sql<{ n: number }>`select nextval('signing_number_seq')::int as n`.execute(ex);
    const d = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return `QY${d}${String(r.rows[0]!.n).padStart(5, '0')}`;
  },

  insert(ex: Executor, v: Insertable<DB['signing_requests']>) {
    return ex.insertInto('signing_requests').values(v).returning(['id', 'number']).executeTakeFirstOrThrow();
  },

  async update(ex: Executor, id: number, set: Updateable<DB['signing_requests']>, version?: number) {
    let q = ex
      .updateTable('signing_requests')
      .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** The newest open request for a phone: replies are matched to it. */
  newestOpenForPhone(ex: Executor, phone: string) {
    return ex
      .selectFrom('signing_requests')
      .selectAll()
      .where('signer_phone', '=', phone)
      .where('status', 'in', ['sent', 'opened'])
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  newestForPhone(ex: Executor, phone: string) {
    return ex
      .selectFrom('signing_requests')
      .selectAll()
      .where('signer_phone', '=', phone)
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  dueToExpire(ex: Executor, now: Date, limit = 200) {
    return ex
      .selectFrom('signing_requests')
      .select(['id'])
      .where('status', 'in', ['sent', 'opened'])
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  },

  // ---- codes ----
  countCodes(ex: Executor, col: 'phone' | 'ip' | 'request_id', v: string | number, since: Date) {
    return ex
      .selectFrom('signing_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(col, '=', v as never)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
  },
  insertCode(ex: Executor, v: Insertable<DB['signing_codes']>) {
    return ex.insertInto('signing_codes').values(v).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  },
  latestCode(ex: Executor, requestId: number) {
    return ex
      .selectFrom('signing_codes')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  firstCodeAt(ex: Executor, requestId: number) {
    return ex
      .selectFrom('signing_codes')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('request_id', '=', requestId)
      .executeTakeFirst();
  },
  async bumpCodeAttempts(ex: Executor, id: number): Promise<number> {
    const r = await ex
      .updateTable('signing_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .returning('attempts')
      .executeTakeFirstOrThrow();
    return r.attempts;
  },
  async consumeCode(ex: Executor, id: number): Promise<boolean> {
    const r = await ex
      .updateTable('signing_codes')
      .set({ consumed_at: new Date() })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  // ---- materials ----
  materials(ex: Executor, requestId: number) {
    return ex.selectFrom('signing_materials').selectAll().where('request_id', '=', requestId).execute();
  },
  async upsertMaterial(ex: Executor, v: Insertable<DB['signing_materials']>) {
    await ex
      .insertInto('signing_materials')
      .values(v)
      .onConflict((oc) =>
        oc.columns(['request_id', 'kind']).doUpdateSet({
          storage_key: v.storage_key,
          sha256: v.sha256,
          mime: v.mime,
          ocr: v.ocr ?? null,
          created_at: new Date(),
        }),
      )
      .execute();
  },

  authorisedAgents(ex: Executor, customerId: number) {
    return ex
      .selectFrom('signing_authorisations')
      .select(['agent_name'])
      .where('customer_id', '=', customerId)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', new Date())]))
      .execute();
  },

  timeline(ex: Executor, id: number) {
    return ex
      .selectFrom('audit_events')
      .select(['occurred_at', 'action', 'actor_name', 'ip', 'after'])
      .where('entity_type', '=', 'signing_request')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
  },

  // ---- rules ----
  async rules(ex: Executor): Promise<{ rules: SigningModeRule[]; version: number }> {
    const rows = await ex.selectFrom('signing_mode_rules').selectAll().orderBy('priority').orderBy('id').execute();
    const s = await ex.selectFrom('signing_settings').select('rules_version').where('id', '=', 1).executeTakeFirst();
    return {
      version: s?.rules_version ?? 1,
      rules: rows.map((r) => ({
        id: r.id,
        priority: r.priority,
        name: r.name,
        kind: r.kind,
        orderType: r.order_type,
        minAmountFen: r.min_amount_fen === null ? null : Number(r.min_amount_fen),
        maxAmountFen: r.max_amount_fen === null ? null : Number(r.max_amount_fen),
        anyProducts: r.any_products,
        noneProducts: r.none_products,
        mode: r.mode,
        active: r.active,
      })),
    };
  },
  async replaceRules(ex: Executor, version: number, rules: SigningModeRule[]): Promise<boolean> {
    const r = await ex
      .updateTable('signing_settings')
      .set((eb) => ({ rules_version: eb('rules_version', '+', 1), updated_at: new Date() }))
      .where('id', '=', 1)
      .where('rules_version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await ex.deleteFrom('signing_mode_rules').execute();
    if (rules.length)
      await ex
        .insertInto('signing_mode_rules')
        .values(
          rules.map((x) => ({
            priority: x.priority,
            name: x.name,
            kind: x.kind,
            order_type: x.orderType,
            min_amount_fen: x.minAmountFen,
            max_amount_fen: x.maxAmountFen,
            any_products: x.anyProducts,
            none_products: x.noneProducts,
            mode: x.mode,
            active: x.active,
          })),
        )
        .execute();
    return true;
  },
};
