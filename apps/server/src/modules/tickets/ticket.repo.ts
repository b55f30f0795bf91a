import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { TicketListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import { inSubtree } from '../../platform/auth/scope';
import type { DB } from '../../db.types';
import { containsPattern } from '../../platform/db/like';

type TEb = ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>;

/** Which tickets an actor may see. Every read of tickets in this module goes through it. */
export function ticketScope(eb: TEb, auth: AuthContext): Expression<SqlBool> {
  const me = auth.user.id;
  const s = auth.scope;
  switch (s.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'enterprise':
      // The enterprise administrator sees all of its requests; a staff member of it, those it raised.
      return auth.user.role === 'customer_admin'
        ? eb('t.customer_id', '=', s.customerId)
        : eb.and([eb('t.customer_id', '=', s.customerId), eb('t.created_by', '=', me)]);
    case 'own_customers':
      return eb.or([
        eb('t.customer_id', 'in', eb.selectFrom('customers').select('id').where('account_manager_id', '=', me)),
        eb('t.assignee_user_id', '=', me),
        eb('t.created_by', '=', me),
      ]);
    case 'org':
      return eb.or([
        inSubtree(sql.ref('t.org_path'), s.orgPath),
        inSubtree(sql.ref('t.assignee_org_path'), s.orgPath),
        eb('t.created_by', '=', me),
        eb.exists(
          eb
            .selectFrom('ticket_copies as tc')
            .select('tc.ticket_id')
            .whereRef('tc.ticket_id', '=', 't.id')
            .where(inSubtree(sql.ref('tc.org_path'), s.orgPath)),
        ),
      ]);
    case 'self':
      return eb.or([
        eb('t.assignee_user_id', '=', me),
        eb('t.resolved_user_id', '=', me),
        auth.user.orgId
          ? eb.and([eb('t.assignee_user_id', 'is', null), eb('t.assignee_org_id', '=', auth.user.orgId)])
          : sql<SqlBool>`false`,
      ]);
  }
}

const summaryCols = [
  't.id',
  't.number',
  't.type',
  't.channel',
  't.status',
  't.priority',
  't.title',
  't.customer_id',
  'c.name as customer_name',
  't.customer_level',
  't.business_category',
  't.product_instance',
  't.assignee_org_id',
  'ao.name as assignee_org_name',
  't.assignee_user_id',
  'au.display_name as assignee_user_name',
  't.stage',
  't.stage_deadline',
  't.escalation_level',
  't.urge_count',
  't.rating',
  't.created_at',
  't.updated_at',
  't.version',
] as const;

const base = (ex: Executor) =>
  ex
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('orgs as ao', 'ao.id', 't.assignee_org_id')
    .leftJoin('users as au', 'au.id', 't.assignee_user_id');

export type TicketSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;
const summaryQuery = (ex: Executor) => base(ex).select(summaryCols);

const OPEN = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'pending_customer',
  'rejected',
  'reopened',
  'resolved',
];

export const ticketRepo = {
  async list(ex: Executor, auth: AuthContext, f: TicketListQuery, now: Date) {
    const filterPath = f.orgId
      ? ((await ex.selectFrom('orgs').select('path').where('id', '=', f.orgId).executeTakeFirst())?.path ?? '/none/')
      : null;
    // An org filter inside the actor's own subtree already implies its scope (both match the same two path columns
    // by prefix), so the query is left with conditions the status + path indexes answer.
    const implied =
      filterPath !== null &&
      (auth.scope.kind === 'all' || (auth.scope.kind === 'org' && filterPath.startsWith(auth.scope.orgPath)));
    const me = auth.user;

    /**
     * Every filter of the queue as one condition on `t`. `org` says how the org filter matches: tickets the unit
     * owns or holds ('any'), only those it owns ('own'), or only those it holds without owning them ('held') —
     * 'own' + 'held' partition 'any', which lets the count use two index-only scans instead of one heap scan.
     */
    const where = (eb: TEb, org: 'any' | 'own' | 'held'): Expression<SqlBool> => {
      const all: Expression<SqlBool>[] = [];
      if (!implied) all.push(ticketScope(eb, auth));
      switch (f.view) {
        case 'mine':
          all.push(eb('t.assignee_user_id', '=', me.id));
          break;
        case 'team':
          all.push(eb('t.assignee_org_id', '=', me.orgId ?? -1));
          break;
        case 'unassigned':
          all.push(eb('t.assignee_user_id', 'is', null));
          all.push(eb('t.status', 'in', ['submitted', 'dispatched', 'rejected', 'reopened']));
          break;
        case 'created':
          all.push(eb('t.created_by', '=', me.id));
          break;
      }
      if (f.status?.length) all.push(eb('t.status', 'in', f.status));
      if (f.open === 'true') all.push(eb('t.status', 'in', OPEN));
      if (f.open === 'false') all.push(eb('t.status', 'not in', OPEN));
      if (f.type) all.push(eb('t.type', '=', f.type));
      if (f.priority) all.push(eb('t.priority', '=', f.priority));
      if (f.customerId) all.push(eb('t.customer_id', '=', f.customerId));
      if (filterPath !== null) {
        const own = inSubtree(sql.ref('t.org_path'), filterPath);
        const held = inSubtree(sql.ref('t.assignee_org_path'), filterPath);
        if (org === 'any') all.push(eb.or([own, held]));
        else if (org === 'own') all.push(own);
        else all.push(held, eb.not(own));
      }
      if (f.sla === 'breached') all.push(eb('t.stage_deadline', '<', now));
      if (f.sla === 'ok' || f.sla === 'warning') {
        // warning: a running clock has passed its warning point but not its deadline; ok: none has
        const warned = eb.exists(
          eb
            .selectFrom('ticket_stage_clocks as c')
            .select('c.id')
            .whereRef('c.ticket_id', '=', 't.id')
            .where('c.ended_at', 'is', null)
            .where('c.warn_at', '<=', now)
            .where('c.deadline', '>=', now),
        );
        all.push(eb('t.stage_deadline', '>=', now));
        all.push(f.sla === 'warning' ? warned : eb.not(warned));
      }
      if (f.q) {
        const like = containsPattern(f.q);
        all.push(
          eb.or([
            eb('t.number', 'ilike', like),
            eb('t.title', 'ilike', like),
            eb('t.customer_id', 'in', eb.selectFrom('customers as cq').select('cq.id').where('cq.name', 'ilike', like)),
            eb('t.product_instance', 'ilike', like),
          ]),
        );
      }
      return eb.and(all);
    };

    const count = (org: 'any' | 'own' | 'held') =>
      ex
        .selectFrom('tickets as t')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => where(eb as unknown as TEb, org))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const total = filterPath !== null ? (await count('own')) + (await count('held')) : await count('any');

    let q = summaryQuery(ex).where((eb) => where(eb as unknown as TEb, 'any'));
    if (f.sort === 'deadline') q = q.orderBy(sql`t.stage_deadline asc nulls last`).orderBy('t.id', 'desc');
    else if (f.sort === 'created') q = q.orderBy('t.id', 'asc');
    else q = q.orderBy('t.id', 'desc');
    const items = await q
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total };
  },

  /** The row, if the actor may see it. `forUpdate` locks it for the rest of the transaction. */
  async get(ex: Executor, auth: AuthContext | null, id: number, forUpdate = false) {
    let q = base(ex)
      .selectAll('t')
      .select(['c.name as customer_name', 'ao.name as assignee_org_name', 'au.display_name as assignee_user_name'])
      .where('t.id', '=', id);
    if (auth) q = q.where((eb) => ticketScope(eb as unknown as TEb, auth));
    if (forUpdate) q = q.forUpdate('t');
    return q.executeTakeFirst();
  },

  byNumber(ex: Executor, number: string) {
    return ex.selectFrom('tickets').select(['id', 'number']).where('number', '=', number).executeTakeFirst();
  },

  async nextNumber(ex: Executor, now: Date): Promise<string> {
    const r = await sql<{ n: number }>`select nextval('ticket_number_seq')::int as n`.execute(ex);
    const d = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return `GD${d}${String(r.rows[0]!.n).padStart(6, '0')}`;
  },

  insert(ex: Executor, v: Insertable<DB['tickets']>) {
    return ex.insertInto('tickets').values(v).returning(['id', 'number']).executeTakeFirstOrThrow();
  },

  /** Optimistic write: only if nobody changed the ticket since `version`. */
  async update(ex: Executor, id: number, version: number, set: Updateable<DB['tickets']>): Promise<boolean> {
    const r = await ex
      .updateTable('tickets')
      .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async addEvent(ex: Executor, v: Insertable<DB['ticket_events']>) {
    await ex.insertInto('ticket_events').values(v).execute();
  },

  events(ex: Executor, ticketId: number, customerView: boolean) {
    let q = ex.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id');
    if (customerView) q = q.where('customer_visible', '=', true);
    return q.execute();
  },

  clocks(ex: Executor, ticketId: number) {
    return ex.selectFrom('ticket_stage_clocks').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  },

  copies(ex: Executor, ticketId: number) {
    return ex
      .selectFrom('ticket_copies as tc')
      .innerJoin('orgs as o', 'o.id', 'tc.org_id')
      .select(['o.id', 'o.name'])
      .where('tc.ticket_id', '=', ticketId)
      .execute();
  },

  async addCopies(ex: Executor, ticketId: number, orgs: { id: number; path: string }[]) {
    if (!orgs.length) return;
    await ex
      .insertInto('ticket_copies')
      .values(orgs.map((o) => ({ ticket_id: ticketId, org_id: o.id, org_path: o.path })))
      .onConflict((oc) => oc.columns(['ticket_id', 'org_id']).doNothing())
      .execute();
  },

  attachments(ex: Executor, ticketId: number) {
    return ex
      .selectFrom('ticket_attachments')
      .select(['id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
  },

  /** An open ticket of the same customer about the same thing, inside the window. */
  findOpenDuplicate(
    ex: Executor,
    customerId: number,
    type: string,
    productInstance: string | null,
    title: string,
    since: Date,
  ) {
    let q = ex
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('customer_id', '=', customerId)
      .where('type', '=', type)
      .where('status', 'not in', ['closed', 'cancelled'])
      .where('created_at', '>', since)
      .where('duplicate_of', 'is', null);
    q = productInstance ? q.where('product_instance', '=', productInstance) : q.where('title', '=', title);
    return q.orderBy('id').limit(1).executeTakeFirst();
  },

  service(ex: Executor, customerId: number, number: string) {
    return ex
      .selectFrom('customer_services')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('service_number', '=', number)
      .executeTakeFirst();
  },
};
