import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';
import { ticketConfigRepo } from './ticket-config.repo';

// Who may be handed a ticket inside a team.
const HANDLER_ROLES = ['technician', 'partner', 'account_manager', 'hotline_agent', 'dispatcher'];
const OPEN = ['dispatched', 'accepted', 'in_progress', 'pending_customer'];

export interface RoutingInput {
  type: string;
  businessCategory: string | null;
  product: string | null;
  customerLevel: string;
  districtOrgId: number;
  districtPath: string;
  accountManagerId: number | null;
}

export interface RouteTarget {
  orgId: number;
  orgPath: string;
  userId: number | null;
  ruleId: number | null;
  ruleName: string;
}

type Rule = Awaited<ReturnType<typeof ticketConfigRepo.rules>>[number];

export function ruleMatches(r: Rule, t: RoutingInput): boolean {
  if (r.request_types.length && !r.request_types.includes(t.type)) return false;
  if (r.business_categories.length && (!t.businessCategory || !r.business_categories.includes(t.businessCategory)))
    return false;
  if (r.customer_levels.length && !r.customer_levels.includes(t.customerLevel)) return false;
  if (r.district_org_id && r.district_org_id !== t.districtOrgId) return false;
  if (r.product_pattern && !(t.product ?? '').includes(r.product_pattern)) return false;
  return true;
}

async function activeUser(ex: Executor, id: number | null) {
  if (!id) return null;
  return ex
    .selectFrom('users')
    .select(['id', 'org_id', 'org_path'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('org_id', 'is not', null)
    .executeTakeFirst();
}

/** Picks a person inside a team by the rule's strategy; null leaves the ticket in the team's queue. */
async function pickMember(ex: Executor, orgId: number, strategy: string): Promise<number | null> {
  if (strategy === 'queue') return null;
  const members = await ex
    .selectFrom('users as u')
    .select(['u.id'])
    .select((eb) =>
      eb
        .selectFrom('tickets as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.assignee_user_id', '=', 'u.id')
        .where('t.status', 'in', OPEN)
        .as('load'),
    )
    .where('u.org_id', '=', orgId)
    .where('u.status', '=', 'active')
    .where('u.role', 'in', HANDLER_ROLES)
    .orderBy('u.id')
    .execute();
  if (members.length === 0) return null;
  if (strategy === 'least_loaded') {
    return [...members].sort((a, b) => Number(a.load) - Number(b.load) || a.id - b.id)[0]!.id;
  }
  // Round robin: the cursor row is locked so two instances never hand out the same turn.
  await ex
    .insertInto('ticket_routing_cursors')
    .values({ org_id: orgId, last_user_id: null })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  const cur = await ex
    .selectFrom('ticket_routing_cursors')
    .select('last_user_id')
    .where('org_id', '=', orgId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const next = members.find((m) => m.id > (cur.last_user_id ?? 0)) ?? members[0]!;
  await ex.updateTable('ticket_routing_cursors').set({ last_user_id: next.id }).where('org_id', '=', orgId).execute();
  return next.id;
}

async function orgById(ex: Executor, id: number | null) {
  if (!id) return null;
  return ex.selectFrom('orgs').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The first active rule that matches and has someone to receive the ticket; null when nobody is eligible. */
export async function routeTicket(ex: Executor, t: RoutingInput): Promise<RouteTarget | null> {
  for (const r of await ticketConfigRepo.rules(ex)) {
    if (!ruleMatches(r, t)) continue;
    const hit = { ruleId: r.id, ruleName: r.name };
    switch (r.target_kind) {
      case 'account_manager': {
        const u = await activeUser(ex, t.accountManagerId);
        if (u) return { orgId: u.org_id!, orgPath: u.org_path!, userId: u.id, ...hit };
        break;
      }
      case 'user': {
        const u = await activeUser(ex, r.target_user_id);
        if (u) return { orgId: u.org_id!, orgPath: u.org_path!, userId: u.id, ...hit };
        break;
      }
      case 'org': {
        const o = await orgById(ex, r.target_org_id);
        if (o) return { orgId: o.id, orgPath: o.path, userId: await pickMember(ex, o.id, r.strategy), ...hit };
        break;
      }
      case 'district_function': {
        const o = await ex
          .selectFrom('orgs')
          .select(['id', 'path'])
          .where('function', '=', r.target_function)
          .where(sql<boolean>`path like ${t.districtPath + '%'}`)
          .orderBy('id')
          .executeTakeFirst();
        if (o) return { orgId: o.id, orgPath: o.path, userId: await pickMember(ex, o.id, r.strategy), ...hit };
        break;
      }
    }
  }
  return null;
}
