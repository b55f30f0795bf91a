import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { OPEN_TICKET_STATUSES } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import { inSubtree } from '../../platform/auth/scope';
import type { DB } from '../../db.types';
import { ticketScope } from '../tickets/ticket.repo';
import { prefixPattern } from '../../platform/db/like';

// Set-based figures for the supervisor monitor. Every query starts from the tickets the viewer may see
// (ticketScope) inside the chosen org's subtree, as the customer's district or as the handling unit.

type TEb = ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>;

export interface MonitorWindow {
  /** start of the first day, inclusive */
  from: Date;
  /** start of the day after the last, exclusive */
  to: Date;
  now: Date;
}

/** Which child of the chosen org a ticket counts for: none (null) = the org itself (本级). */
export type TicketKey = 'none' | { childrenOf: string } | 'assignee_user';

const likePrefix = prefixPattern;
const FINAL = ['closed', 'cancelled'];
// A clock standing still while the ticket waits for the customer: its stored deadline is not yet final.
const PAUSED = sql<boolean>`exists (select 1 from jsonb_array_elements(c.pauses) p where p->>'to' is null)`;
// Calendar day in China time (no daylight saving, so a fixed offset is exact).
const day = (col: RawBuilder<unknown>) =>
  sql<string>`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

function keyExpr(key: TicketKey): RawBuilder<number | null> {
  if (key === 'none') return sql<null>`null::int`;
  if (key === 'assignee_user') return sql<number | null>`t.assignee_user_id`;
  // The child whose subtree holds the handling unit, else the one holding the customer's district.
  const p = key.childrenOf;
  const from = p.length + 1;
  const child = (col: string) =>
    sql`case when ${sql.ref(col)} like ${likePrefix(p)} then nullif(split_part(substr(${sql.ref(col)}, ${from}::int), '/', 1), '') end`;
  return sql<number | null>`coalesce(${child('t.assignee_org_path')}, ${child('t.org_path')})::int`;
}

/** The viewer's tickets in `orgPath`'s subtree (customer district or handling unit), with a grouping key. */
function scopedTickets(ex: Executor, auth: AuthContext, orgPath: string, key: TicketKey) {
  let q = ex
    .selectFrom('tickets as t')
    .where((eb) => ticketScope(eb as unknown as TEb, auth))
    .where((eb) =>
      eb.or([inSubtree(sql.ref('t.org_path'), orgPath), inSubtree(sql.ref('t.assignee_org_path'), orgPath)]),
    );
  // Per person: the handlers sitting inside the org.
  if (key === 'assignee_user')
    q = q.where('t.assignee_user_id', 'is not', null).where(inSubtree(sql.ref('t.assignee_org_path'), orgPath));
  return q.select([
    't.id',
    't.type',
    't.status',
    't.rating',
    't.created_at',
    't.closed_at',
    't.resolved_at',
    keyExpr(key).as('key'),
  ]);
}

export interface TicketFigures {
  key: number | null;
  received: number;
  resolved: number;
  closed: number;
  cancelled: number;
  openBacklog: number;
  rated: number;
  ratingSum: number;
  good: number;
}

export interface ClockFigures {
  key: number | null;
  breaches: number;
  ended: number;
  onTime: number;
}

export const ticketMonitorRepo = {
  /** Volumes, backlog and satisfaction per key. */
  async ticketFigures(
    ex: Executor,
    auth: AuthContext,
    orgPath: string,
    key: TicketKey,
    w: MonitorWindow,
  ): Promise<TicketFigures[]> {
    const k = scopedTickets(ex, auth, orgPath, key);
    const closedIn = sql`k.status = 'closed' and k.closed_at >= ${w.from} and k.closed_at < ${w.to}`;
    const r = await sql<TicketFigures>`
      select k.key,
        count(*) filter (where k.created_at >= ${w.from} and k.created_at < ${w.to})::int as received,
        count(*) filter (where k.resolved_at >= ${w.from} and k.resolved_at < ${w.to})::int as resolved,
        count(*) filter (where ${closedIn})::int as closed,
        count(*) filter (where k.status = 'cancelled' and k.created_at >= ${w.from} and k.created_at < ${w.to})::int as cancelled,
        count(*) filter (where k.status in (${sql.join(OPEN_TICKET_STATUSES)}))::int as "openBacklog",
        count(*) filter (where ${closedIn} and k.rating is not null)::int as rated,
        coalesce(sum(k.rating) filter (where ${closedIn}), 0)::int as "ratingSum",
        count(*) filter (where ${closedIn} and k.rating >= 4)::int as good
      from (${k}) k
      group by k.key`.execute(ex);
    return r.rows;
  },

  /** Breaches (deadline in the period, missed) and timeliness (clocks ended in the period) per key. */
  async clockFigures(
    ex: Executor,
    auth: AuthContext,
    orgPath: string,
    key: TicketKey,
    w: MonitorWindow,
  ): Promise<ClockFigures[]> {
    const k = scopedTickets(ex, auth, orgPath, key);
    const upTo = w.to < w.now ? w.to : w.now;
    const r = await sql<ClockFigures>`
      select k.key,
        count(*) filter (where c.deadline >= ${w.from} and c.deadline < ${upTo}
          and ((c.ended_at is not null and c.breached) or (c.ended_at is null and not ${PAUSED})))::int as breaches,
        count(*) filter (where c.ended_at >= ${w.from} and c.ended_at < ${w.to} and k.status <> 'cancelled')::int as ended,
        count(*) filter (where c.ended_at >= ${w.from} and c.ended_at < ${w.to} and k.status <> 'cancelled' and not c.breached)::int as "onTime"
      from (${k}) k
      join ticket_stage_clocks c on c.ticket_id = k.id
      group by k.key`.execute(ex);
    return r.rows;
  },

  async byStatus(ex: Executor, auth: AuthContext, orgPath: string) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const r = await sql<{ status: string; count: number }>`
      select k.status, count(*)::int as count from (${k}) k
      where k.status not in (${sql.join(FINAL)}) group by k.status`.execute(ex);
    return r.rows;
  },

  async byType(ex: Executor, auth: AuthContext, orgPath: string, w: MonitorWindow) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const r = await sql<{ type: string; count: number }>`
      select k.type, count(*)::int as count from (${k}) k
      where k.created_at >= ${w.from} and k.created_at < ${w.to} group by k.type order by count desc, k.type`.execute(
      ex,
    );
    return r.rows;
  },

  /** Running clocks of open tickets now, by stage: within time, past the warning, past the deadline, paused. */
  async stageBacklog(ex: Executor, auth: AuthContext, orgPath: string, now: Date) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const r = await sql<{ stage: string; ok: number; warning: number; breached: number; paused: number }>`
      select x.stage,
        count(*) filter (where not x.paused and x.warn_at > ${now} and x.deadline > ${now})::int as ok,
        count(*) filter (where not x.paused and x.warn_at <= ${now} and x.deadline > ${now})::int as warning,
        count(*) filter (where not x.paused and x.deadline <= ${now})::int as breached,
        count(*) filter (where x.paused)::int as paused
      from (
        select c.stage, c.warn_at, c.deadline, ${PAUSED} as paused
        from (${k}) k join ticket_stage_clocks c on c.ticket_id = k.id
        where c.ended_at is null and k.status not in (${sql.join(FINAL)})
      ) x
      group by x.stage`.execute(ex);
    return r.rows;
  },

  /** Per SLA stage: clocks missed with a deadline in the period, and clocks ended in the period. */
  async stageFigures(ex: Executor, auth: AuthContext, orgPath: string, w: MonitorWindow) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const upTo = w.to < w.now ? w.to : w.now;
    const r = await sql<{ stage: string; breaches: number; ended: number; onTime: number }>`
      select c.stage,
        count(*) filter (where c.deadline >= ${w.from} and c.deadline < ${upTo}
          and ((c.ended_at is not null and c.breached) or (c.ended_at is null and not ${PAUSED})))::int as breaches,
        count(*) filter (where c.ended_at >= ${w.from} and c.ended_at < ${w.to} and k.status <> 'cancelled')::int as ended,
        count(*) filter (where c.ended_at >= ${w.from} and c.ended_at < ${w.to} and k.status <> 'cancelled' and not c.breached)::int as "onTime"
      from (${k}) k join ticket_stage_clocks c on c.ticket_id = k.id
      group by c.stage`.execute(ex);
    return r.rows;
  },

  async ratingDistribution(ex: Executor, auth: AuthContext, orgPath: string, w: MonitorWindow) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const r = await sql<{ rating: number; count: number }>`
      select k.rating, count(*)::int as count from (${k}) k
      where k.status = 'closed' and k.closed_at >= ${w.from} and k.closed_at < ${w.to} and k.rating is not null
      group by k.rating`.execute(ex);
    return r.rows;
  },

  /** Received, closed and breaches per China-time day of the period. */
  async trend(ex: Executor, auth: AuthContext, orgPath: string, w: MonitorWindow) {
    const k = scopedTickets(ex, auth, orgPath, 'none');
    const upTo = w.to < w.now ? w.to : w.now;
    const r = await sql<{ day: string; received: number; closed: number; breaches: number }>`
      select d.day, sum(d.received)::int as received, sum(d.closed)::int as closed, sum(d.breaches)::int as breaches from (
        select ${day(sql`k.created_at`)} as day, 1 as received, 0 as closed, 0 as breaches
          from (${k}) k where k.created_at >= ${w.from} and k.created_at < ${w.to}
        union all
        select ${day(sql`k.closed_at`)}, 0, 1, 0
          from (${k}) k where k.status = 'closed' and k.closed_at >= ${w.from} and k.closed_at < ${w.to}
        union all
        select ${day(sql`c.deadline`)}, 0, 0, 1
          from (${k}) k join ticket_stage_clocks c on c.ticket_id = k.id
          where c.deadline >= ${w.from} and c.deadline < ${upTo}
            and ((c.ended_at is not null and c.breached) or (c.ended_at is null and not ${PAUSED}))
      ) d group by d.day order by d.day`.execute(ex);
    return r.rows;
  },

  org(ex: Executor, id: number) {
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'type', 'path', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  orgByPath(ex: Executor, path: string) {
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'type', 'path', 'parent_id'])
      .where('path', '=', path)
      .executeTakeFirst();
  },

  rootOrg(ex: Executor) {
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'type', 'path', 'parent_id'])
      .where('parent_id', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },

  orgsByIds(ex: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return ex.selectFrom('orgs').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
  },

  /** The children of an org, each with whether it has children of its own. */
  children(ex: Executor, parentId: number) {
    return ex
      .selectFrom('orgs as o')
      .select(['o.id', 'o.name', 'o.type', 'o.path'])
      .select((eb) =>
        eb.exists(eb.selectFrom('orgs as c').select('c.id').whereRef('c.parent_id', '=', 'o.id')).as('has_children'),
      )
      .where('o.parent_id', '=', parentId)
      .orderBy('o.id')
      .execute();
  },

  users(ex: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return ex
      .selectFrom('users as u')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.display_name', 'u.role', 'u.org_id', 'o.name as org_name'])
      .where('u.id', 'in', ids)
      .execute();
  },
};
