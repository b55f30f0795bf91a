import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import type { DB } from '../../db.types';
import { ticketScope } from '../tickets/ticket.repo';
import { SEVERITY_OF_PRIORITY, TMF_STATUS_OF } from './tmf621-mapping';

// Tickets as TMF621 sees them: the TMF attributes are computed in SQL so that filters and responses agree.

type TEb = ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>;

const caseOf = (col: string, map: Record<string, string>) =>
  sql<string>`case ${sql.ref(col)} ${sql.join(
    Object.entries(map).map(([k, v]) => sql`when ${sql.lit(k)} then ${sql.lit(v)}`),
    sql` `,
  )} end`;

// Attributes sent on create are kept in details.tmf and returned as sent; otherwise they derive from our columns.
export const TMF_EXPR = {
  status: sql<string>`case when t.status = 'closed' and t.resolved_at is null then 'rejected' else ${caseOf('t.status', TMF_STATUS_OF)} end`,
  severity: sql<string>`coalesce(t.details->'tmf'->>'severity', ${caseOf('t.priority', SEVERITY_OF_PRIORITY)})`,
  ticketType: sql<string>`coalesce(t.details->'tmf'->>'ticketType', t.type)`,
  priority: sql<string>`coalesce(t.details->'tmf'->>'priority', t.priority)`,
  externalId: sql<string | null>`t.details->'tmf'->>'externalId'`,
} as const;

export type TmfFilterKey = keyof typeof TMF_EXPR | 'channel' | 'customer' | 'id';
export interface TmfListFilter {
  /** attribute → accepted values (any of them), compared without case for the TMF attributes */
  equals: Partial<Record<TmfFilterKey, string[]>>;
  dates: { attr: 'created_at' | 'updated_at'; op: '>' | '>=' | '<' | '<='; value: Date }[];
  sort: { attr: 'id' | 'created_at' | 'updated_at'; desc: boolean };
  offset: number;
  limit: number;
}

function base(ex: Executor, auth: AuthContext) {
  return ex
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .where((eb) => ticketScope(eb as unknown as TEb, auth));
}

function filtered(ex: Executor, auth: AuthContext, f: Pick<TmfListFilter, 'equals' | 'dates'>) {
  let q = base(ex, auth);
  for (const [key, values] of Object.entries(f.equals) as [TmfFilterKey, string[]][]) {
    if (!values.length) continue;
    if (key === 'id') {
      q = q.where('t.id', 'in', values.map(Number));
    } else if (key === 'channel') {
      q = q.where('t.channel', 'in', values);
    } else if (key === 'customer') {
      const ids = values.filter((v) => /^\d{1,9}$/.test(v)).map(Number);
      q = q.where((eb) =>
        eb.or([eb('t.customer_id', 'in', ids.length ? ids : [-1]), eb('c.credit_code', 'in', values)]),
      );
    } else {
      const expr: RawBuilder<unknown> = TMF_EXPR[key];
      q = q.where(sql<boolean>`lower(${expr}) in (${sql.join(values.map((v) => v.toLowerCase()))})`);
    }
  }
  for (const d of f.dates) q = q.where(`t.${d.attr}`, d.op, d.value);
  return q;
}

const columns = (q: ReturnType<typeof base>) =>
  q.select([
    't.id',
    't.number',
    't.type',
    't.channel',
    't.status',
    't.priority',
    't.title',
    't.description',
    't.details',
    't.customer_id',
    'c.name as customer_name',
    't.product_instance',
    't.created_at',
    't.updated_at',
    't.resolved_at',
    't.closed_at',
    't.duplicate_of',
    't.resolution',
    TMF_EXPR.status.as('tmf_status'),
    TMF_EXPR.severity.as('tmf_severity'),
    TMF_EXPR.ticketType.as('tmf_ticket_type'),
    TMF_EXPR.priority.as('tmf_priority'),
    // The restore deadline our SLA computed: TMF's expectedResolutionDate.
    sql<Date | null>`(select c2.deadline from ticket_stage_clocks c2 where c2.ticket_id = t.id and c2.stage = 'resolve' order by c2.id desc limit 1)`.as(
      'expected_resolution',
    ),
  ]);

export type TmfTicketRow = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

export const tmf621Repo = {
  async list(ex: Executor, auth: AuthContext, f: TmfListFilter): Promise<{ rows: TmfTicketRow[]; total: number }> {
    const q = filtered(ex, auth, f);
    const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await columns(q)
      .orderBy(`t.${f.sort.attr}`, f.sort.desc ? 'desc' : 'asc')
      .orderBy('t.id', f.sort.desc ? 'desc' : 'asc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { rows, total: Number(count.n) };
  },

  get(ex: Executor, auth: AuthContext, id: number): Promise<TmfTicketRow | undefined> {
    return columns(base(ex, auth)).where('t.id', '=', id).executeTakeFirst();
  },

  /** Customer-visible notes and status changes of the given tickets, in order. */
  timeline(ex: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return ex
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'at', 'actor_name', 'action', 'from_status', 'to_status', 'note'])
      .where('ticket_id', 'in', ids)
      .where('customer_visible', '=', true)
      .where((eb) => eb.or([eb('action', '=', 'note'), eb('to_status', 'is not', null)]))
      .orderBy('id')
      .execute();
  },

  attachments(ex: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return ex
      .selectFrom('ticket_attachments')
      .select(['id', 'ticket_id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
      .where('ticket_id', 'in', ids)
      .orderBy('id')
      .execute();
  },

  customerIdByCreditCode(ex: Executor, code: string) {
    return ex.selectFrom('customers').select('id').where('credit_code', '=', code).executeTakeFirst();
  },

  /** Whom to call back about a ticket raised by a system: the customer's primary contact. */
  primaryContact(ex: Executor, customerId: number) {
    return ex
      .selectFrom('customer_contacts')
      .select(['name', 'phone'])
      .where('customer_id', '=', customerId)
      .orderBy('is_primary', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },
};
