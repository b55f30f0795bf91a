import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely';
import { POOL_COUNT_CAP, type OpportunityListQuery, type OpportunitySettings } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import { inSubtree } from '../../platform/auth/scope';
import { containsPattern } from '../../platform/db/like';
import type { DB } from '../../db.types';

type OEb = ExpressionBuilder<DB & { o: DB['opportunities'] }, 'o'>;

export interface ClaimRequest {
  id: number;
  user: { id: number; name: string; role: string };
}

export type ClaimOutcome =
  | { ok: true; id: number; number: string; product_group: string; region_path: string; version: number }
  | { ok: false; reason: 'not_found' | 'not_entitled' | 'claimed' };

/** What an agent grabs: product groups and region paths (empty = all). */
export interface AgentScope {
  groups: string[];
  regions: string[];
}

export function isApiClient(auth: AuthContext): auth is AuthContext & { client: { id: number } } {
  return 'client' in auth;
}

/**
 * The org paths above an agent's districts (its branch, the province). An opportunity not yet narrowed to a district
 * is stored there (a lead without an address is the whole province's), and every agent whose districts lie under it
 * may take it: a district limit narrows what is known to be elsewhere, it never hides what nobody has placed yet.
 */
export function regionAncestors(regions: string[]): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    const ids = r.split('/').filter(Boolean);
    for (let i = 1; i < ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/** Whether an agent's scope covers an opportunity of this product group and region (see regionAncestors). */
export function scopeCovers(scope: AgentScope, productGroup: string, regionPath: string): boolean {
  if (scope.groups.length && !scope.groups.includes(productGroup)) return false;
  return !scope.regions.length || scope.regions.some((p) => regionPath.startsWith(p) || p.startsWith(regionPath));
}

/** The pool items an agent is entitled to (product group and region), as SQL; the same rule as scopeCovers. */
export function entitled(eb: OEb, scope: AgentScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.groups.length) parts.push(eb('o.product_group', 'in', scope.groups));
  if (scope.regions.length) {
    const above = regionAncestors(scope.regions);
    parts.push(
      eb.or([
        ...scope.regions.map((r) => inSubtree(sql.ref('o.region_path'), r)),
        ...(above.length ? [eb('o.region_path', 'in', above)] : []),
      ]),
    );
  }
  return parts.length ? eb.and(parts) : sql<SqlBool>`true`;
}

/**
 * Which opportunities an actor may see; every read goes through it. An agent sees the pool it is entitled to and
 * what it claimed, never what someone else claimed; an account manager what was dispatched to it; a supervisor
 * its region; an API client what it sent.
 */
export function opportunityScope(eb: OEb, auth: AuthContext, agent: AgentScope | null): Expression<SqlBool> {
  const me = auth.user.id;
  if (isApiClient(auth)) return eb('o.api_client_id', '=', auth.client.id);
  if (auth.scope.kind === 'all') return sql<SqlBool>`true`;
  switch (auth.user.role) {
    case 'hotline_agent':
      return eb.or([
        eb.and([eb('o.status', '=', 'pool'), entitled(eb, agent ?? { groups: [], regions: [] })]),
        eb('o.claimed_by', '=', me),
      ]);
    case 'account_manager':
      return eb('o.account_manager_id', '=', me);
    case 'supervisor':
      return auth.scope.kind === 'org' ? inSubtree(sql.ref('o.region_path'), auth.scope.orgPath) : sql<SqlBool>`false`;
    default:
      return sql<SqlBool>`false`;
  }
}

const cols = [
  'o.id',
  'o.number',
  'o.source',
  'o.source_channel',
  'o.external_id',
  'o.api_client_id',
  'o.customer_id',
  'o.customer_name',
  'o.credit_code',
  'o.contact_name',
  'o.contact_phone',
  'o.product_code',
  'o.product_group',
  'o.need',
  'o.expected_revenue',
  'o.deadline',
  'o.district_org_id',
  'd.name as district_name',
  'o.region_path',
  'o.status',
  'o.claimed_by',
  'cu.display_name as claimed_by_name',
  'o.claimed_at',
  'o.claim_expires_at',
  'o.first_call_at',
  'o.invalid_reason',
  'o.pre_acceptance_no',
  'o.account_manager_id',
  'am.display_name as account_manager_name',
  'o.dispatched_at',
  'o.stage',
  'o.terminated_reason',
  'o.approval_levels',
  'o.approval_level',
  'o.approval_status',
  'o.approval_round',
  'o.order_id',
  'o.order_number',
  'o.order_state',
  'o.order_stage',
  'o.converted_at',
  'o.merged_count',
  'o.created_by',
  'o.created_at',
  'o.updated_at',
  'o.closed_at',
  'o.version',
] as const;

const base = (ex: Executor) =>
  ex
    .selectFrom('opportunities as o')
    .leftJoin('orgs as d', 'd.id', 'o.district_org_id')
    .leftJoin('users as cu', 'cu.id', 'o.claimed_by')
    .leftJoin('users as am', 'am.id', 'o.account_manager_id');

export type OpportunityRow = Awaited<ReturnType<typeof opportunityRepo.get>> & object;

/** Whether the agent of scope row `s` may claim opportunity `o` (SQL, over `o` and `s`): the rule of scopeCovers. */
const ENTITLED_SQL = sql<boolean>`(coalesce(cardinality(s.product_groups), 0) = 0 OR o.product_group = ANY(s.product_groups))
  AND (coalesce(cardinality(s.region_paths), 0) = 0
       OR EXISTS (SELECT 1 FROM unnest(s.region_paths) AS rp(path)
                   WHERE starts_with(o.region_path, rp.path) OR starts_with(rp.path, o.region_path)))`;
/** Advisory locks (two-key form) "this claim statement is deciding opportunity n": keys (space + n / 2^31, n % 2^31). */
const CLAIM_LOCK_BASE = 0x4f50_0000;
const CLAIM_LOCK_SPACE = sql.lit(CLAIM_LOCK_BASE);
/** The advisory lock keys claimMany uses for opportunity `id`. */
export const claimLockKeys = (id: number): [number, number] => [
  CLAIM_LOCK_BASE + Math.floor(id / 2 ** 31),
  id % 2 ** 31,
];

export const opportunityRepo = {
  async agentScope(ex: Executor, userId: number): Promise<AgentScope> {
    const r = await ex
      .selectFrom('opportunity_agent_scopes')
      .select(['product_groups', 'region_paths'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return { groups: r?.product_groups ?? [], regions: r?.region_paths ?? [] };
  },

  /** Active hotline agents with their claim scope: who may see a pool item appear or vanish live (scopeCovers). */
  async poolAgents(ex: Executor): Promise<{ id: number; scope: AgentScope }[]> {
    const rows = await ex
      .selectFrom('users as u')
      .leftJoin('opportunity_agent_scopes as s', 's.user_id', 'u.id')
      .select(['u.id', 's.product_groups', 's.region_paths'])
      .where('u.role', '=', 'hotline_agent')
      .where('u.status', '=', 'active')
      .where('u.org_id', 'is not', null)
      .execute();
    return rows.map((r) => ({ id: r.id, scope: { groups: r.product_groups ?? [], regions: r.region_paths ?? [] } }));
  },

  async list(ex: Executor, auth: AuthContext, agent: AgentScope | null, q: OpportunityListQuery) {
    const me = auth.user.id;
    let query = base(ex).where((eb) => opportunityScope(eb, auth, agent));
    if (q.view === 'pool') query = query.where('o.status', '=', 'pool');
    if (q.view === 'mine')
      query = query.where((eb) =>
        eb.and([
          eb.or([eb('o.claimed_by', '=', me), eb('o.account_manager_id', '=', me)]),
          eb('o.status', '!=', 'pool'),
        ]),
      );
    if (q.status) query = query.where('o.status', '=', q.status);
    if (q.source) query = query.where('o.source', '=', q.source);
    if (q.productGroup) query = query.where('o.product_group', '=', q.productGroup);
    if (q.stage) query = query.where('o.stage', '=', q.stage);
    if (q.q) {
      const p = containsPattern(q.q);
      query = query.where((eb) =>
        eb.or([eb('o.number', 'like', p), eb('o.customer_name', 'like', p), eb('o.pre_acceptance_no', 'like', p)]),
      );
    }
    const [items, total] = await Promise.all([
      query
        .select(cols)
        .orderBy('o.created_at', 'desc')
        .orderBy('o.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      // The pool can hold 100,000 open items: its total is counted up to a cap (the page says "1000+").
      q.view === 'pool'
        ? ex
            .selectFrom(query.select('o.id').limit(POOL_COUNT_CAP).as('x'))
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        : query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  get(ex: Executor, auth: AuthContext | null, id: number, agent: AgentScope | null = null) {
    let q = base(ex).select(cols).where('o.id', '=', id);
    if (auth) q = q.where((eb) => opportunityScope(eb, auth, agent));
    return q.executeTakeFirst();
  },

  /** Locks the row for a change (callers then re-check scope and state on the locked row). */
  lock(ex: Executor, id: number) {
    return ex.selectFrom('opportunities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /**
   * Claims, any number in one statement (the requests that arrived together). The scope rule is the one of
   * scopeCovers (opportunity_agent_scopes, no row = all); the claim timeout is read here too; the timeline row is
   * written by the same statement, so a claim never exists without it.
   *
   * Contention: the statement first marks each pool item it has an entitled asker for as "being decided here", with a
   * transaction-scoped advisory lock that it only tries (never waits for). An item another claim statement is deciding
   * at that moment, on this instance or any other, is answered "claimed" at once: that statement holds an entitled
   * asker for it and is about to give it away. So claim statements never queue behind each other; before, every
   * statement of a rush waited for the previous one's row locks and a rush of 400 was a chain of them. The items it
   * marked are then locked in id order (waiting only for other kinds of writers: release, expiry, reassignment,
   * edits) and re-checked, and each goes to its earliest entitled asker on the locked row. A request the agent is not
   * entitled to is told so while the item is in the pool (an item no longer in it is "claimed" for anyone).
   */
  async claimMany(ex: Executor, reqs: ClaimRequest[]): Promise<ClaimOutcome[]> {
    const r = await sql<{
      ord: string;
      won_id: number | null;
      number: string | null;
      product_group: string | null;
      region_path: string | null;
      version: number | null;
      in_pool: boolean;
      entitled: boolean;
      found: boolean;
    }>`/* prepared:opportunity_claim_many */
      WITH req AS MATERIALIZED (
        SELECT * FROM unnest(${reqs.map((q) => q.id)}::bigint[], ${reqs.map((q) => q.user.id)}::int[],
                             ${reqs.map((q) => q.user.name)}::text[], ${reqs.map((q) => q.user.role)}::text[])
                 WITH ORDINALITY AS r(opp_id, user_id, user_name, user_role, ord)
      ), known AS MATERIALIZED (
        -- the items asked for, read once through the primary key (a join with req let the planner scan the pool)
        SELECT o.id, o.status, o.product_group, o.region_path FROM opportunities o
         WHERE o.id = ANY(ARRAY(SELECT opp_id FROM req))
      ), asked AS MATERIALIZED (
        SELECT r.ord, o.id, ${ENTITLED_SQL} AS ok
          FROM req r
          JOIN known o ON o.id = r.opp_id AND o.status = 'pool'
          LEFT JOIN opportunity_agent_scopes s ON s.user_id = r.user_id
      ), mine AS MATERIALIZED (
        SELECT id FROM (SELECT DISTINCT id FROM asked WHERE ok) x
         WHERE pg_try_advisory_xact_lock(${CLAIM_LOCK_SPACE} + (id >> 31)::int, (id & 2147483647)::int)
      ), pool AS MATERIALIZED (
        SELECT o.id, o.product_group, o.region_path FROM opportunities o
         WHERE o.id IN (SELECT id FROM mine) AND o.status = 'pool'
         ORDER BY o.id
           FOR UPDATE
      ), eligible AS MATERIALIZED (
        SELECT r.ord, o.id, r.user_id, r.user_name, r.user_role, ${ENTITLED_SQL} AS ok
          FROM pool o
          JOIN req r ON r.opp_id = o.id
          LEFT JOIN opportunity_agent_scopes s ON s.user_id = r.user_id
      ), winner AS MATERIALIZED (
        SELECT DISTINCT ON (id) id, ord, user_id, user_name, user_role FROM eligible WHERE ok ORDER BY id, ord
      ), claimed AS (
        UPDATE opportunities o
           SET status = 'claimed', claimed_by = w.user_id, claimed_at = now(), updated_at = now(),
               claim_expires_at = now() + make_interval(mins => coalesce(
                 (SELECT (doc->>'claimTimeoutMinutes')::int FROM opportunity_settings WHERE id = 1), 30)),
               version = o.version + 1
          FROM winner w
         WHERE o.id = w.id
        RETURNING o.id, o.number, o.product_group, o.region_path, o.version
      ), e AS (
        INSERT INTO opportunity_events (opportunity_id, actor_id, actor_name, actor_role, action)
        SELECT w.id, w.user_id, w.user_name, w.user_role, 'claimed' FROM winner w JOIN claimed c ON c.id = w.id
      )
      SELECT r.ord, c.id AS won_id, c.number, c.product_group, c.region_path, c.version,
             a.ord IS NOT NULL AS in_pool, coalesce(a.ok, false) AS entitled, o.id IS NOT NULL AS found
        FROM req r
        LEFT JOIN winner w ON w.ord = r.ord
        LEFT JOIN claimed c ON c.id = w.id
        LEFT JOIN asked a ON a.ord = r.ord
        LEFT JOIN known o ON o.id = r.opp_id
       ORDER BY r.ord`.execute(ex);
    return r.rows.map((x): ClaimOutcome => {
      if (x.won_id != null)
        return {
          ok: true,
          id: x.won_id,
          number: x.number!,
          product_group: x.product_group!,
          region_path: x.region_path!,
          version: x.version!,
        };
      if (!x.found) return { ok: false, reason: 'not_found' };
      if (x.in_pool && !x.entitled) return { ok: false, reason: 'not_entitled' };
      return { ok: false, reason: 'claimed' };
    });
  },

  async insert(ex: Executor, row: Insertable<DB['opportunities']>) {
    return ex.insertInto('opportunities').values(row).returning(['id', 'number', 'status']).executeTakeFirstOrThrow();
  },

  async nextNumber(ex: Executor, now: Date): Promise<string> {
    const r = await sql<{ n: number }>`select nextval('opportunity_number_seq')::int as n`.execute(ex);
    return `SJ${ymd(now)}${String(r.rows[0]!.n).padStart(6, '0')}`;
  },

  /** 预受理单号: YS + date + sequence, unique for ever. */
  async nextPreAcceptanceNo(ex: Executor, now: Date): Promise<string> {
    const r = await sql<{ n: number }>`select nextval('opportunity_pre_acceptance_seq')::int as n`.execute(ex);
    return `YS${ymd(now)}${String(r.rows[0]!.n).padStart(6, '0')}`;
  },

  /** An open opportunity of the same enterprise and product created within the window. */
  findDuplicate(
    ex: Executor,
    m: { customerId: number | null; customerName: string; productCode: string },
    since: Date,
  ) {
    return ex
      .selectFrom('opportunities')
      .select(['id', 'number', 'status'])
      .where('product_code', '=', m.productCode)
      .where('status', 'in', ['pool', 'claimed', 'valid', 'dispatched'])
      .where('created_at', '>=', since)
      .where((eb) =>
        m.customerId
          ? eb.or([eb('customer_id', '=', m.customerId), eb('customer_name', '=', m.customerName)])
          : eb('customer_name', '=', m.customerName),
      )
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  },

  async addEvent(
    ex: Executor,
    e: {
      opportunityId: number;
      actorId: number | null;
      actorName: string;
      actorRole: string;
      action: string;
      note?: string | null;
      data?: Record<string, unknown>;
      at?: Date;
    },
  ) {
    await ex
      .insertInto('opportunity_events')
      .values({
        opportunity_id: e.opportunityId,
        actor_id: e.actorId,
        actor_name: e.actorName,
        actor_role: e.actorRole,
        action: e.action,
        note: e.note ?? null,
        data: JSON.stringify(e.data ?? {}),
        ...(e.at ? { at: e.at } : {}),
      })
      .execute();
  },

  events(ex: Executor, id: number) {
    return ex.selectFrom('opportunity_events').selectAll().where('opportunity_id', '=', id).orderBy('id').execute();
  },

  calls(ex: Executor, id: number) {
    return ex
      .selectFrom('opportunity_calls as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.called_at', 'c.result', 'c.note', 'u.display_name as user_name'])
      .where('c.opportunity_id', '=', id)
      .orderBy('c.id', 'desc')
      .execute();
  },

  approvals(ex: Executor, id: number, round: number) {
    return ex
      .selectFrom('opportunity_approvals as a')
      .innerJoin('users as u', 'u.id', 'a.decided_by')
      .select(['a.level', 'a.decision', 'a.comment', 'a.at', 'a.decided_by', 'u.display_name as decider_name'])
      .where('a.opportunity_id', '=', id)
      .where('a.round', '=', round)
      .orderBy('a.level')
      .execute();
  },

  async settings(ex: Executor): Promise<OpportunitySettings> {
    const r = await ex.selectFrom('opportunity_settings').select('doc').where('id', '=', 1).executeTakeFirst();
    const d = (r?.doc ?? {}) as Partial<OpportunitySettings>;
    return {
      claimTimeoutMinutes: d.claimTimeoutMinutes ?? 30,
      duplicateWindowDays: d.duplicateWindowDays ?? 7,
      approvalThresholds: d.approvalThresholds ?? [1_000_000, 5_000_000],
      version: d.version ?? 1,
    };
  },

  /** Writes the next version, only over the version the change was made from; false when someone saved first. */
  async saveSettings(ex: Executor, s: OpportunitySettings): Promise<boolean> {
    const doc = JSON.stringify({ ...s, version: s.version + 1 });
    const r = await ex
      .insertInto('opportunity_settings')
      .values({ id: 1, doc })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ doc, updated_at: new Date() })
          .where(sql<number>`coalesce((opportunity_settings.doc->>'version')::int, 1)`, '=', s.version),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
};

function ymd(d: Date): string {
  // Numbers carry the Shanghai date.
  const t = new Date(d.getTime() + 8 * 3600_000);
  return `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
}
