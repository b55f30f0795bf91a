import { registerTopicFilter } from '../../platform/events/sse';
import type { EventBus } from '../../platform/events/event-bus';
import type { Executor } from '../../platform/db/database';
import { opportunityRepo } from './opportunity.repo';

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

/**
 * Tells the browsers concerned that an opportunity changed, on commit. `pool` also reaches every agent entitled
 * to its product group and region: for a new or returned item (it appears) and for a claim (it vanishes).
 */
export async function publishOpportunity(
  ex: Executor,
  bus: EventBus,
  o: LiveTarget,
  opts: { pool?: boolean; also?: (number | null | undefined)[] } = {},
): Promise<void> {
  const ids = new Set<number>();
  if (opts.pool)
    for (const id of await opportunityRepo.entitledAgentIds(ex, o.product_group, o.region_path)) ids.add(id);
  for (const id of [o.claimed_by, o.account_manager_id, ...(opts.also ?? [])]) if (id) ids.add(id);
  if (ids.size === 0) return;
  await bus.publish(ex, {
    topic: OPPORTUNITY_TOPIC,
    userIds: [...ids],
    data: { id: o.id, status: o.status, pool: !!opts.pool },
  });
}

/** Tells agents that their pool as a whole changed (their scope did): their open pool pages load it again. */
export async function publishPoolReload(ex: Executor, bus: EventBus, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await bus.publish(ex, { topic: OPPORTUNITY_TOPIC, userIds, data: { id: null, pool: true } });
}
