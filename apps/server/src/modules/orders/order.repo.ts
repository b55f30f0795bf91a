import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { OrderListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import { inSubtree } from '../../platform/auth/scope';
import type { DB } from '../../db.types';
import { containsPattern } from '../../platform/db/like';

type OEb = ExpressionBuilder<DB & { o: DB['orders'] }, 'o'>;

const woWhere = (
  eb: OEb,
  cond: (w: ExpressionBuilder<DB & { w: DB['order_work_orders'] }, 'w'>) => Expression<SqlBool>,
) =>
  eb.exists(
    eb
      .selectFrom('order_work_orders as w')
      .select('w.id')
      .whereRef('w.order_id', '=', 'o.id')
      .where((w) => cond(w as never)),
  );

/** A work order assigned to a team and not yet to one of its people. */
const teamPool = (w: ExpressionBuilder<DB & { w: DB['order_work_orders'] }, 'w'>, orgId: number) =>
  w.and([w('w.assignee_user_id', 'is', null), w('w.assignee_org_id', '=', orgId)]);

/** Which orders an actor may see. Every read of orders goes through it. */
export function orderScope(eb: OEb, auth: AuthContext): Expression<SqlBool> {
  const me = auth.user.id;
  const s = auth.scope;
  switch (s.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'enterprise':
      return eb('o.customer_id', '=', s.customerId);
    case 'own_customers':
      return eb.or([
        eb('o.customer_id', 'in', eb.selectFrom('customers').select('id').where('account_manager_id', '=', me)),
        eb('o.promoter_id', '=', me),
        eb('o.created_by', '=', me),
        woWhere(eb, (w) => w('w.assignee_user_id', '=', me)),
        // work waiting for my team with nobody on it yet (an enterprise without an account manager)
        ...(auth.user.orgId ? [woWhere(eb, (w) => teamPool(w, auth.user.orgId!))] : []),
      ]);
    case 'org':
      return eb.or([
        inSubtree(sql.ref('o.org_path'), s.orgPath),
        eb('o.created_by', '=', me),
        woWhere(eb, () => inSubtree(sql.ref('w.assignee_org_path'), s.orgPath)),
      ]);
    case 'self':
      return woWhere(eb, (w) =>
        w.or([w('w.assignee_user_id', '=', me), auth.user.orgId ? teamPool(w, auth.user.orgId) : sql<SqlBool>`false`]),
      );
  }
}

/** The columns of an order's summary (lists, the tower), on orders o joined to customers c and districts d. */
export const summaryCols = [
  'o.id',
  'o.number',
  'o.order_type',
  'o.channel',
  'o.state',
  'o.stage',
  'o.stage_entered_at',
  'o.stage_deadline',
  'o.customer_id',
  'c.name as customer_name',
  'd.name as district_name',
  'o.title',
  'o.total_one_time_fen',
  'o.total_monthly_fen',
  'o.pre_acceptance_no',
  'o.urge_count',
  'o.created_at',
  'o.version',
] as const;

/** Orders o with their customer c and district d: what every order query starts from. */
export const ordersWithNames = (ex: Executor) =>
  ex
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .innerJoin('orgs as d', 'd.id', 'o.district_org_id');

// the row of a summary: a type only, the queries select summaryCols on ordersWithNames()
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const summaryQuery = (ex: Executor) => ordersWithNames(ex).select(summaryCols);
export type OrderSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export const OPEN_STATES = ['acknowledged', 'in_progress', 'pending', 'held'];

export const orderRepo = {
  async list(ex: Executor, auth: AuthContext, f: OrderListQuery, now: Date) {
    let q = ordersWithNames(ex).where((eb) => orderScope(eb as unknown as OEb, auth));
    const me = auth.user;
    switch (f.view) {
      case 'mine':
        // my work: orders with an open work order on me, or that I placed or promoted
        q = q.where((eb) =>
          eb.or([
            woWhere(eb as unknown as OEb, (w) =>
              w.and([w('w.assignee_user_id', '=', me.id), w('w.state', 'in', ['ready', 'in_progress'])]),
            ),
            eb('o.created_by', '=', me.id),
            eb('o.promoter_id', '=', me.id),
          ]),
        );
        break;
      case 'team':
        q = q.where((eb) =>
          woWhere(eb as unknown as OEb, (w) =>
            w.and([w('w.assignee_org_id', '=', me.orgId ?? -1), w('w.state', 'in', ['ready', 'in_progress'])]),
          ),
        );
        break;
      case 'created':
        q = q.where('o.created_by', '=', me.id);
        break;
    }
    if (f.state) q = q.where('o.state', '=', f.state);
    if (f.stage) q = q.where('o.stage', '=', f.stage);
    if (f.open === 'true') q = q.where('o.state', 'in', OPEN_STATES);
    if (f.open === 'false') q = q.where('o.state', 'not in', OPEN_STATES);
    if (f.overdue === 'true') q = q.where('o.state', 'in', OPEN_STATES).where('o.stage_deadline', '<', now);
    if (f.districtId) q = q.where('o.district_org_id', '=', f.districtId);
    if (f.customerId) q = q.where('o.customer_id', '=', f.customerId);
    if (f.preAcceptanceNo) q = q.where('o.pre_acceptance_no', '=', f.preAcceptanceNo);
    if (f.q) {
      const pat = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('o.number', 'like', pat), eb('c.name', 'like', pat), eb('o.title', 'like', pat)]));
    }
    const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    let rq = q.select(summaryCols);
    rq =
      f.sort === 'deadline'
        ? rq.orderBy(sql`o.stage_deadline asc nulls last`).orderBy('o.id')
        : rq.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc');
    const items = await rq
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(total) };
  },

  /** One order the actor may see, or null (a foreign order looks exactly like a missing one). */
  get(ex: Executor, auth: AuthContext | null, id: number) {
    let q = ordersWithNames(ex)
      .leftJoin('users as pu', 'pu.id', 'o.promoter_id')
      .leftJoin('users as cu', 'cu.id', 'o.created_by')
      .selectAll('o')
      .select([
        'c.name as customer_name',
        'c.credit_code as customer_credit_code',
        'c.account_manager_id',
        'd.name as district_name',
        'pu.display_name as promoter_name',
        'cu.display_name as created_by_name',
      ])
      .where('o.id', '=', id);
    if (auth) q = q.where((eb) => orderScope(eb as unknown as OEb, auth));
    return q.executeTakeFirst();
  },

  items: (ex: Executor, orderId: number) =>
    ex.selectFrom('order_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),

  workOrders: (ex: Executor, orderId: number) =>
    ex
      .selectFrom('order_work_orders as w')
      .leftJoin('orgs as g', 'g.id', 'w.assignee_org_id')
      .leftJoin('users as u', 'u.id', 'w.assignee_user_id')
      .selectAll('w')
      .select(['g.name as org_name', 'u.display_name as user_name'])
      .where('w.order_id', '=', orderId)
      .orderBy('w.id')
      .execute(),

  /** Which of these products the enterprise already has in service (an order of it billing): one probe each. */
  async productsInService(ex: Executor, customerId: number, codes: string[]): Promise<string[]> {
    const rows = await ex
      .selectFrom('products as p')
      .select('p.code')
      .where('p.code', 'in', codes)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('order_items as i')
            .innerJoin('orders as o', 'o.id', 'i.order_id')
            .select('i.id')
            .whereRef('i.product_code', '=', 'p.code')
            .where('o.customer_id', '=', customerId)
            .where('o.stage', '=', 'billing_started')
            .where('o.state', '=', 'completed'),
        ),
      )
      .execute();
    return rows.map((r) => r.code);
  },

  async addEvent(
    ex: Executor,
    e: {
      order_id: number;
      kind: string;
      from_state?: string | null;
      to_state?: string | null;
      from_stage?: string | null;
      to_stage?: string | null;
      note?: string | null;
      internal?: boolean;
      actor_id: number | null;
      actor_name: string;
      created_at?: Date;
    },
  ) {
    await ex.insertInto('order_events').values(e).execute();
  },

  async settings(ex: Executor) {
    const s = await ex
      .selectFrom('order_settings')
      .select(['number_format', 'stage_targets'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { numberFormat: s.number_format, stageTargets: s.stage_targets };
  },

  /** The district's team with a given function (account, dispatch, field). */
  async districtTeam(ex: Executor, districtOrgId: number, fn: 'account' | 'dispatch' | 'field') {
    return ex
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where('parent_id', '=', districtOrgId)
      .where('function', '=', fn)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },
};
