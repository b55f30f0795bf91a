import { registerTopicFilter } from '../../platform/events/sse';
import type { BusEvent, EventBus } from '../../platform/events/event-bus';
import type { Executor } from '../../platform/db/database';
import { opportunityRepo, scopeCovers } from './opportunity.repo';

export const OPPORTUNITY_TOPIC = 'opportunity.changed';

// Events are always addressed (userIds): the entitled agents for pool changes, the people working the item.
// The filter only admits holders of opportunity.read, so an address list can never leak to another role.
registerTopicFilter(OPPORTUNITY_TOPIC, (_e, viewer) => viewer.permissions.has('opportunity.read'));

export interface LiveTarget {
  id: number;
  status: string;
  product_group: string;
  region_path: string;
  claimed_by?: number | null;
  account_manager_id?: number | null;
}

export interface LiveChange {
  o: LiveTarget;
  /** also every agent entitled to its product group and region: a new or returned item appears, a claimed one vanishes */
  pool?: boolean;
  also?: (number | null | undefined)[];
}

/**
 * Tells the browsers concerned that opportunities changed, on commit: the people working each item, and with `pool`
 * the agents entitled to it. The agents are read once for all the changes. Changes of the same status told to the
 * same people travel as one event `{ id: null, ids, status, pool }` (a rush of claims is one event per statement,
 * and a pool page reloads once for it); a single change is `{ id, status, pool }`.
 */
export async function publishOpportunities(ex: Executor, bus: EventBus, changes: LiveChange[]): Promise<void> {
  const agents = changes.some((c) => c.pool) ? await opportunityRepo.poolAgents(ex) : [];
  // the entitled agents of a product group and region (sorted, with their list as a key), worked out once however many
  // changes share them: a rush of claims is dozens of changes of the same product and district
  const entitledTo = new Map<string, { userIds: number[]; key: string }>();
  const entitledAgents = (o: LiveTarget) => {
    const at = `${o.product_group}|${o.region_path}`;
    let e = entitledTo.get(at);
    if (!e) {
      const userIds = agents.filter((a) => scopeCovers(a.scope, o.product_group, o.region_path)).map((a) => a.id);
      userIds.sort((x, y) => x - y);
      e = { userIds, key: userIds.join(',') };
      entitledTo.set(at, e);
    }
    return e;
  };
  const groups = new Map<string, { userIds: number[]; ids: number[]; status: string; pool: boolean }>();
  for (const { o, pool, also } of changes) {
    const extra = [o.claimed_by, o.account_manager_id, ...(also ?? [])].filter((id): id is number => !!id);
    let to = pool ? entitledAgents(o) : { userIds: [], key: '' };
    if (extra.length) {
      const userIds = [...new Set([...to.userIds, ...extra])].sort((x, y) => x - y);
      to = { userIds, key: userIds.join(',') };
    }
    if (!to.userIds.length) continue;
    const key = `${o.status}|${!!pool}|${to.key}`;
    const g = groups.get(key);
    if (g) g.ids.push(o.id);
    else groups.set(key, { userIds: to.userIds, ids: [o.id], status: o.status, pool: !!pool });
  }
  const events: BusEvent[] = [...groups.values()].map((g) => ({
    topic: OPPORTUNITY_TOPIC,
    userIds: g.userIds,
    data:
      g.ids.length === 1
        ? { id: g.ids[0], status: g.status, pool: g.pool }
        : { id: null, ids: g.ids, status: g.status, pool: g.pool },
  }));
  await bus.publishMany(ex, events);
}

/** One change (see publishOpportunities). */
export function publishOpportunity(
  ex: Executor,
  bus: EventBus,
  o: LiveTarget,
  opts: Omit<LiveChange, 'o'> = {},
): Promise<void> {
  return publishOpportunities(ex, bus, [{ o, ...opts }]);
}

/** Tells agents that their pool as a whole changed (their scope did): their open pool pages load it again. */
export async function publishPoolReload(ex: Executor, bus: EventBus, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await bus.publish(ex, { topic: OPPORTUNITY_TOPIC, userIds, data: { id: null, pool: true } });
}
