import {
  computeStageDeadline,
  SLA_STAGE_RULES,
  SLA_STAGES,
  type BusinessCalendar,
  type SlaLimit,
  type SlaPolicy,
  type SlaStage,
  type TicketAction,
  type TicketPriority,
  type TicketSettings,
  type TicketStatus,
} from '@paidan/shared';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';

// SLA stage clocks: started when a ticket enters a stage, stored with their deadline, met by an action,
// paused while the ticket waits for the customer. The ticket row carries the most urgent one for sorting.

export interface ClockEnv {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  settings: TicketSettings;
  priority: TicketPriority;
  now: Date;
}

interface Pause {
  from: string;
  to: string | null;
}

/** A priority shortens (or relaxes) the policy's limit by its configured factor. */
export function scaledLimit(limit: SlaLimit, priority: TicketPriority, settings: TicketSettings): SlaLimit {
  const f = settings.priorityFactors[priority];
  return f === 1 ? limit : { ...limit, amount: limit.amount * f };
}

function deadlines(
  start: Date,
  limit: SlaLimit,
  pauses: Pause[],
  env: Pick<ClockEnv, 'calendar' | 'settings' | 'now'>,
) {
  const ps = pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
  const deadline = computeStageDeadline({ start, limit, pauses: ps, calendar: env.calendar, now: env.now });
  // The warning comes at the configured share of the stage's own budget, moved out by the same pauses.
  const plain = computeStageDeadline({ start, limit, calendar: env.calendar });
  const budget = plain.getTime() - start.getTime();
  const warnAt = new Date(deadline.getTime() - (1 - env.settings.warnShare) * budget);
  return { deadline, warnAt };
}

export async function startClocksOnEnter(
  ex: Executor,
  ticketId: number,
  status: TicketStatus,
  env: ClockEnv,
  holder: { orgId: number | null; userId: number | null },
): Promise<void> {
  const running = await ex
    .selectFrom('ticket_stage_clocks')
    .select('stage')
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .execute();
  for (const stage of SLA_STAGES) {
    if (!SLA_STAGE_RULES[stage].startsOnEnter.includes(status)) continue;
    if (running.some((r) => r.stage === stage)) continue;
    const base = env.policy.limits[stage];
    if (!base) continue;
    const limit = scaledLimit(base, env.priority, env.settings);
    const { deadline, warnAt } = deadlines(env.now, limit, [], env);
    await ex
      .insertInto('ticket_stage_clocks')
      .values({
        ticket_id: ticketId,
        stage,
        org_id: holder.orgId,
        user_id: holder.userId,
        policy_id: env.policy.id,
        sla_limit: JSON.stringify(limit),
        started_at: env.now,
        deadline,
        warn_at: warnAt,
      })
      .execute();
  }
}

/** Ends the clocks an action meets; `all` ends every running clock (cancelled, closed). */
export async function endClocks(
  ex: Executor,
  ticketId: number,
  action: TicketAction | 'all',
  now: Date,
): Promise<SlaStage[]> {
  const stages =
    action === 'all' ? [...SLA_STAGES] : SLA_STAGES.filter((s) => SLA_STAGE_RULES[s].metOnActions.includes(action));
  if (!stages.length) return [];
  const rows = await ex
    .updateTable('ticket_stage_clocks')
    .set({ ended_at: now, breached: sql<boolean>`deadline < ${now}` })
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .where('stage', 'in', stages)
    .returning('stage')
    .execute();
  return rows.map((r) => r.stage as SlaStage);
}

/** Ends one stage's running clock whatever the action (a pull-back or a transfer ends the accept clock). */
export async function endStage(ex: Executor, ticketId: number, stage: SlaStage, now: Date): Promise<void> {
  await ex
    .updateTable('ticket_stage_clocks')
    .set({ ended_at: now, breached: sql<boolean>`deadline < ${now}` })
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .where('stage', '=', stage)
    .execute();
}

/** Entering a waiting status opens a pause on the clocks that stop there; leaving it closes the pause. */
export async function pauseOrResume(
  ex: Executor,
  ticketId: number,
  from: TicketStatus,
  to: TicketStatus,
  env: ClockEnv,
) {
  const clocks = await ex
    .selectFrom('ticket_stage_clocks')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .execute();
  for (const c of clocks) {
    const rule = SLA_STAGE_RULES[c.stage as SlaStage];
    const pauses = (c.pauses as Pause[]) ?? [];
    const enters = rule.pausedIn.includes(to) && !rule.pausedIn.includes(from);
    const leaves = rule.pausedIn.includes(from) && !rule.pausedIn.includes(to);
    if (enters) {
      pauses.push({ from: env.now.toISOString(), to: null });
      await ex
        .updateTable('ticket_stage_clocks')
        .set({ pauses: JSON.stringify(pauses) })
        .where('id', '=', c.id)
        .execute();
    } else if (leaves) {
      const open = pauses.find((p) => p.to === null);
      if (open) open.to = env.now.toISOString();
      const { deadline, warnAt } = deadlines(c.started_at, c.sla_limit as SlaLimit, pauses, env);
      await ex
        .updateTable('ticket_stage_clocks')
        .set({ pauses: JSON.stringify(pauses), deadline, warn_at: warnAt })
        .where('id', '=', c.id)
        .execute();
    }
  }
}

/**
 * After a change of priority, level or category: running clocks get the new limit from their original start,
 * so elapsed time still counts; a deadline already passed stays (a breach stays a breach).
 */
export async function recomputeClocks(ex: Executor, ticketId: number, env: ClockEnv) {
  const clocks = await ex
    .selectFrom('ticket_stage_clocks')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .execute();
  for (const c of clocks) {
    const base = env.policy.limits[c.stage as SlaStage];
    if (!base || c.deadline.getTime() < env.now.getTime()) continue;
    const limit = scaledLimit(base, env.priority, env.settings);
    const { deadline, warnAt } = deadlines(c.started_at, limit, (c.pauses as Pause[]) ?? [], env);
    await ex
      .updateTable('ticket_stage_clocks')
      .set({ sla_limit: JSON.stringify(limit), policy_id: env.policy.id, deadline, warn_at: warnAt })
      .where('id', '=', c.id)
      .execute();
  }
}

/**
 * Derives, for any number of tickets in one statement, what their running clocks imply: the most urgent live clock
 * (stage, deadline), the escalation level and the pause, copied onto the ticket row for queue sorting, and the next
 * time the SLA sweep must look at the ticket, kept in ticket_sla_checks (no row when there is nothing to check).
 * Paused clocks neither count as urgent nor need sweeping. Rows whose values would not change are not written:
 * the sweep refreshes every ticket it looks at, and rewriting a ticket row means re-indexing it.
 */
export async function refreshTicketsSla(ex: Executor, ticketIds: number[], settings: TicketSettings) {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return;
  const ladder = settings.escalationLadder.map((r) => r.afterMinutes);
  await sql`
    with x as materialized (
      select tk.id, a.stage, a.deadline, a.next_check, coalesce(a.level, 0) as level,
        coalesce(a.any_paused, false) as any_paused
      from unnest(${ids}::bigint[]) as tk(id)
      cross join lateral (
        select
          (array_agg(c.stage order by c.deadline) filter (where c.live))[1] as stage,
          min(c.deadline) filter (where c.live) as deadline,
          min(case when c.warned_at is null and c.warn_at < c.deadline then c.warn_at
                   else c.deadline + make_interval(mins => (${ladder}::int[])[c.escalation_level + 1]) end)
            filter (where c.live) as next_check,
          max(c.escalation_level) as level,
          bool_or(not c.live) as any_paused
        from (
          select c.stage, c.deadline, c.warn_at, c.warned_at, c.escalation_level,
            not jsonb_path_exists(c.pauses, '$[*] ? (@.to == null)') as live
          from ticket_stage_clocks c
          where c.ticket_id = tk.id and c.ended_at is null
        ) c
      ) a
    ),
    tickets_changed as (
      update tickets t set
        stage = x.stage,
        stage_deadline = x.deadline,
        escalation_level = greatest(t.escalation_level, x.level),
        paused_at = case when x.any_paused then coalesce(t.paused_at, now()) else null end
      from x
      where t.id = x.id
        and (t.stage is distinct from x.stage
          or t.stage_deadline is distinct from x.deadline
          or t.escalation_level < x.level
          or (t.paused_at is not null) <> x.any_paused)
    ),
    checks_ended as (
      delete from ticket_sla_checks s using x where s.ticket_id = x.id and x.next_check is null
    ),
    checks_set as (
      insert into ticket_sla_checks (ticket_id, next_check_at)
      select x.id, x.next_check from x where x.next_check is not null
      on conflict (ticket_id) do update set next_check_at = excluded.next_check_at
        where ticket_sla_checks.next_check_at <> excluded.next_check_at
    )
    select count(*) from x`.execute(ex);
}

export const refreshTicketSla = (ex: Executor, ticketId: number, settings: TicketSettings) =>
  refreshTicketsSla(ex, [ticketId], settings);
