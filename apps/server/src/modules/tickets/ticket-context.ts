import {
  DEFAULT_SLA_POLICIES,
  matchPolicy,
  slaKindOf,
  type BusinessCategory,
  type CircuitLevel,
  type CustomerLevel,
  type RequestType,
  type TicketPriority,
} from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { ticketConfigRepo } from './ticket-config.repo';
import type { ClockEnv } from './ticket-clock';

/** Policy, calendar and settings in force for a ticket, read in the caller's transaction. */
export async function clockEnv(
  ex: Executor,
  t: {
    type: string;
    customer_level: string;
    business_category: string | null;
    circuit_level: string | null;
    priority: string;
  },
  now: Date,
): Promise<ClockEnv> {
  const [policies, calendar, settings] = await Promise.all([
    ticketConfigRepo.policies(ex),
    ticketConfigRepo.calendar(ex),
    ticketConfigRepo.settings(ex),
  ]);
  const policy =
    matchPolicy(policies, {
      kind: slaKindOf(t.type as RequestType),
      level: t.customer_level as CustomerLevel,
      category: (t.business_category ?? 'other') as BusinessCategory,
      circuitLevel: (t.circuit_level ?? 'normal') as CircuitLevel,
    }) ??
    // A policy table without a catch-all row still gets the built-in limits rather than none.
    matchPolicy(DEFAULT_SLA_POLICIES, {
      kind: slaKindOf(t.type as RequestType),
      level: t.customer_level as CustomerLevel,
      category: 'other',
    })!;
  return { policy, calendar, settings, priority: t.priority as TicketPriority, now };
}
