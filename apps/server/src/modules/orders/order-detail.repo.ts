import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database';
import type { AuthContext } from '../../platform/auth/context';
import { orderScope, ordersWithNames, summaryCols } from './order.repo';

// Rows nested as JSON arrive with their timestamps as ISO strings.
type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** `(select coalesce(json_agg(x order by x.id), '[]') from (…) x)`: the rows of a subquery as one JSON array. */
function jsonRows<O extends { id: unknown }>(q: Expression<O>): RawBuilder<Jsonified<O>[]> {
  return sql<Jsonified<O>[]>`(select coalesce(json_agg(x order by x.id), '[]') from ${q} as x)`;
}

export type OrderKey = { id: number } | { number: string };

/**
 * An order with everything its detail page shows — customer, district, promoter and creator names, items, service
 * orders, work orders with their team and person, timeline — in one statement, inside the viewer's scope (null when
 * missing or foreign: both look the same). Customers do not get internal timeline entries.
 * By number: the number as typed first, then upper-cased (order numbers are printed in capitals).
 */
export async function orderDetailRow(ex: Executor, auth: AuthContext | null, key: OrderKey, customerView: boolean) {
  let q = ordersWithNames(ex)
    .leftJoin('users as pu', 'pu.id', 'o.promoter_id')
    .leftJoin('users as cu', 'cu.id', 'o.created_by')
    .select([
      ...summaryCols,
      'o.org_path',
      'o.contact_name',
      'o.contact_phone',
      'o.install_address',
      'o.note',
      'o.contract_months',
      'o.contract_ends_at',
      'o.agreements',
      'o.hold_reason',
      'o.cancel_reason',
      'o.signed_at',
      'o.signing_number',
      'o.signing_request_id',
      'o.signer_name',
      'c.credit_code as customer_credit_code',
      'pu.display_name as promoter_name',
      'cu.display_name as created_by_name',
    ])
    .select((eb) => [
      jsonRows(
        eb
          .selectFrom('order_items as i')
          .select([
            'i.id',
            'i.offer_id',
            'i.product_code',
            'i.product_name',
            'i.offer_name',
            'i.specs',
            'i.spec_text',
            'i.quantity',
            'i.one_time_fen',
            'i.monthly_fen',
            'i.contract_months',
          ])
          .whereRef('i.order_id', '=', 'o.id'),
      ).as('items'),
      jsonRows(
        eb
          .selectFrom('service_orders as s')
          .select(['s.id', 's.number', 's.order_item_id', 's.product_name', 's.end_label', 's.state'])
          .whereRef('s.order_id', '=', 'o.id'),
      ).as('service_orders'),
      jsonRows(
        eb
          .selectFrom('order_work_orders as w')
          .leftJoin('orgs as g', 'g.id', 'w.assignee_org_id')
          .leftJoin('users as u', 'u.id', 'w.assignee_user_id')
          .select([
            'w.id',
            'w.number',
            'w.service_order_id',
            'w.task',
            'w.state',
            'w.assignee_org_id',
            'w.assignee_org_path',
            'w.assignee_user_id',
            'w.started_at',
            'w.done_at',
            'w.result',
            'g.name as org_name',
            'u.display_name as user_name',
          ])
          .whereRef('w.order_id', '=', 'o.id'),
      ).as('work_orders'),
      jsonRows(
        eb
          .selectFrom('order_events as e')
          .select([
            'e.id',
            'e.kind',
            'e.from_state',
            'e.to_state',
            'e.from_stage',
            'e.to_stage',
            'e.note',
            'e.actor_name',
            'e.created_at',
          ])
          .whereRef('e.order_id', '=', 'o.id')
          .$if(customerView, (s) => s.where('e.internal', '=', false)),
      ).as('events'),
    ]);
  if ('id' in key) q = q.where('o.id', '=', key.id);
  else {
    const upper = key.number.toUpperCase();
    q =
      upper === key.number
        ? q.where('o.number', '=', key.number)
        : q
            .where('o.number', 'in', [key.number, upper])
            .orderBy(sql`o.number = ${key.number}`, 'desc')
            .limit(1);
  }
  if (auth) q = q.where((eb) => orderScope(eb as never, auth));
  return q.executeTakeFirst();
}

export type OrderDetailRow = NonNullable<Awaited<ReturnType<typeof orderDetailRow>>>;
