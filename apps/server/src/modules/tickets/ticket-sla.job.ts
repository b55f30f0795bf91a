import { sql } from 'kysely';
import { SLA_STAGE_LABELS, type SlaStage } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { withTx } from '../../platform/db/database';
import { registerJobHandler, registerSchedule } from '../../platform/jobs/job-registry';
import { recordAudit } from '../../platform/audit/audit.service';
import { systemActor } from '../../platform/auth/context';
import { ticketConfigRepo } from './ticket-config.repo';
import { refreshTicketsSla } from './ticket-clock';
import { planSweep, type ClockPlan } from './sla-sweep-plan';
// The sweep sends the escalation SMS templates defined with the other ticket messages.
import './ticket-notify';
import { notificationService, type NotifyInput } from '../notifications/notification.service';
import { enqueueSmsMany } from '../../platform/sms/enqueue-sms';
import type { Executor } from '../../platform/db/database';

export const SLA_SWEEP_JOB = 'tickets.sla_sweep';

export interface SweepResult {
  checked: number;
  warned: number;
  escalated: number;
  autoClosed: number;
}

const LEVEL_NAMES: Record<string, string> = {
  team: '班组长',
  district: '区局领导',
  city: '市公司领导',
  province: '省公司领导',
};
const prefix = (path: string, depth: number) => {
  const parts = path.split('/').filter(Boolean);
  return parts.length >= depth ? `/${parts.slice(0, depth).join('/')}/` : null;
};

/**
 * The next batch of tickets whose check time has come: an index range of ticket_sla_checks (only due rows are read),
 * joined to the ticket for who to tell. Both rows are locked with SKIP LOCKED: instances sweeping at once never share
 * a ticket (a check row another sweep has just moved is re-read and no longer due), and a ticket locked by a user's
 * action is left to the next sweep (locking the ticket too keeps the lock order of actions: ticket, clocks, check).
 * No ORDER BY: every due row is swept before the sweep ends, and without a sort no plan reads all due rows and
 * joins them to their tickets for every batch (a plan the planner picks when its estimate of due rows is low).
 * Exported for the benchmark, which prints its plan.
 */
export function dueTickets(ex: Executor, now: Date, batch: number) {
  return ex
    .selectFrom('ticket_sla_checks as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['t.id', 't.number', 't.title', 't.org_path', 't.assignee_org_id', 't.assignee_user_id'])
    .where('s.next_check_at', '<=', now)
    .limit(batch)
    .forUpdate(['s', 't'])
    .skipLocked();
}

/**
 * Warns owners at the warning share and walks the escalation ladder after a breach, once per rung.
 * Reads only tickets whose next check time has come and works a batch at a time with set-based statements;
 * refreshTicketsSla then moves each ticket's next check time in the narrow ticket_sla_checks table, and rewrites
 * a ticket row only when what it shows changes (its escalation level).
 * `workers` batches run at once, each in its own transaction, kept apart by the same row locks that keep instances
 * apart: while one waits for PostgreSQL another prepares its notices (PGlite's one connection takes them in turn).
 */
export async function slaSweep(ctx: AppContext, now = new Date(), batch = 1000, workers = 2): Promise<SweepResult> {
  const out: SweepResult = { checked: 0, warned: 0, escalated: 0, autoClosed: 0 };
  const notifications = notificationService(ctx);
  const work = async () => {
    for (;;) {
      const n = await withTx(ctx.db, (tx) => sweepBatch(tx, notifications, now, batch, out));
      out.checked += n;
      if (n < batch) return;
    }
  };
  const done = await Promise.allSettled(Array.from({ length: Math.max(1, workers) }, work));
  const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
  if (failed) throw failed.reason;
  out.autoClosed = await autoClose(ctx, now);
  return out;
}

/** One batch in the caller's transaction; returns how many due tickets it took. */
async function sweepBatch(
  tx: Executor,
  notifications: ReturnType<typeof notificationService>,
  now: Date,
  batch: number,
  out: SweepResult,
): Promise<number> {
  const due = await dueTickets(tx, now, batch).execute();
  if (!due.length) return 0;
  const ids = due.map((d) => d.id);
  const settings = await ticketConfigRepo.settings(tx);
  const clocks = await tx
    .selectFrom('ticket_stage_clocks')
    .select(['id', 'ticket_id', 'stage', 'warn_at', 'deadline', 'warned_at', 'escalation_level'])
    .select(sql<boolean>`jsonb_path_exists(pauses, '$[*] ? (@.to == null)')`.as('paused'))
    .where(sql<boolean>`ticket_id = any(${ids}::bigint[])`)
    .where('ended_at', 'is', null)
    .execute();
  const plans = planSweep(
    clocks.map((c) => ({
      id: c.id,
      ticketId: c.ticket_id,
      stage: c.stage,
      warnAt: c.warn_at,
      deadline: c.deadline,
      warnedAt: c.warned_at,
      escalationLevel: c.escalation_level,
      paused: c.paused,
    })),
    settings,
    now,
  );
  if (plans.length) {
    const byId = new Map(due.map((d) => [d.id, d]));
    const rec = await recipientsIndex(tx, due);
    const notes: NotifyInput[] = [];
    const sms: Parameters<typeof enqueueSmsMany>[1] = [];
    const events: EscalationEvent[] = [];
    for (const p of plans) {
      const t = byId.get(p.clock.ticketId)!;
      const stage = SLA_STAGE_LABELS[p.clock.stage as SlaStage]?.zh ?? p.clock.stage;
      const link = `/tickets/${t.id}`;
      if (p.warn) {
        notes.push({
          userIds: rec.holders(t),
          kind: 'ticket.sla_warning',
          title: `工单 ${t.number} ${stage}即将超时`,
          body: t.title,
          link,
        });
        out.warned++;
      }
      for (const i of p.rungs) {
        const level = settings.escalationLadder[i]!.level;
        const people = rec.ladder(t, level);
        notes.push({
          userIds: people.map((x) => x.id),
          kind: 'ticket.escalated',
          title: `工单 ${t.number} ${stage}超时，升级督办`,
          body: t.title,
          link,
        });
        for (const x of people) {
          if (x.phone)
            sms.push({
              phone: x.phone,
              template: 'ticket_escalated',
              params: { number: t.number, title: t.title, stage },
              key: `ticket:${t.id}:esc:${p.clock.id}:${i}:${x.id}`,
            });
        }
        events.push({
          ticketId: t.id,
          note: `${stage}超时，升级至${LEVEL_NAMES[level] ?? level}`,
          data: { stage: p.clock.stage, level, recipients: people.map((x) => x.id) },
        });
        out.escalated++;
      }
    }
    await saveClockPlans(tx, plans);
    await notifications.notifyMany(tx, notes);
    await enqueueSmsMany(tx, sms);
    await addEscalationEvents(tx, events);
  }
  await refreshTicketsSla(tx, ids, settings);
  return due.length;
}

// The batch's writes pass their rows as arrays or one JSON document: a VALUES list of thousands of rows costs
// PostgreSQL more to parse and bind than the writes themselves.

/** Stores what the sweep did to each clock (warned, rungs reached). */
async function saveClockPlans(tx: Executor, plans: ClockPlan[]) {
  const col = <T>(f: (p: ClockPlan) => T) => plans.map(f);
  // Found by ticket through the running-clocks index the select before just read, not by primary key: that would
  // read another index page per clock.
  await sql`update ticket_stage_clocks c set warned_at = v.w, escalation_level = v.l
    from unnest(${col((p) => p.clock.ticketId)}::bigint[], ${col((p) => p.clock.id)}::bigint[],
      ${col((p) => p.newWarnedAt?.toISOString() ?? null)}::timestamptz[], ${col((p) => p.newLevel)}::int[])
      as v(ticket_id, id, w, l)
    where c.ticket_id = v.ticket_id and c.ended_at is null and c.id = v.id`.execute(tx);
}

interface EscalationEvent {
  ticketId: number;
  note: string;
  data: Record<string, unknown>;
}

/** The timeline rows of the rungs reached, by the system and hidden from the customer. */
async function addEscalationEvents(tx: Executor, events: EscalationEvent[]) {
  if (!events.length) return;
  const doc = JSON.stringify(events.map((e) => ({ ticket_id: e.ticketId, note: e.note, data: e.data })));
  await tx
    .insertInto('ticket_events')
    .columns(['ticket_id', 'actor_id', 'actor_name', 'actor_role', 'action', 'note', 'data', 'customer_visible'])
    .expression(
      sql`select e.ticket_id, null::int, '系统', 'system', 'sla_escalate', e.note, e.data, false
        from jsonb_to_recordset(${doc}::jsonb) as e(ticket_id bigint, note text, data jsonb)`,
    )
    .execute();
}

type DueTicket = { id: number; org_path: string; assignee_org_id: number | null; assignee_user_id: number | null };

/** Everyone a batch may need to tell, fetched in three queries and matched in memory. */
async function recipientsIndex(tx: Executor, due: DueTicket[]) {
  const orgIds = [...new Set(due.map((d) => d.assignee_org_id).filter((x): x is number => !!x))];
  const members = orgIds.length
    ? await tx
        .selectFrom('users')
        .select(['id', 'phone', 'org_id', 'role'])
        .where('org_id', 'in', orgIds)
        .where('status', '=', 'active')
        .execute()
    : [];
  const supervisors = await tx
    .selectFrom('users')
    .select(['id', 'phone', 'org_path'])
    .where('role', '=', 'supervisor')
    .where('status', '=', 'active')
    .execute();
  const dispatchDesks = await tx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.phone', 'o.path'])
    .where('o.function', '=', 'dispatch')
    .where('u.status', '=', 'active')
    .execute();
  return {
    holders(t: DueTicket): number[] {
      if (t.assignee_user_id) return [t.assignee_user_id];
      return members.filter((m) => m.org_id === t.assignee_org_id).map((m) => m.id);
    },
    ladder(t: DueTicket, level: string): { id: number; phone: string | null }[] {
      if (level === 'team') {
        const leads = members.filter(
          (m) => m.org_id === t.assignee_org_id && (m.role === 'dispatcher' || m.role === 'supervisor'),
        );
        if (leads.length) return leads;
        const district = prefix(t.org_path, 3) ?? t.org_path;
        return dispatchDesks.filter((d) => d.path.startsWith(district));
      }
      const path = prefix(t.org_path, level === 'district' ? 3 : level === 'city' ? 2 : 1);
      return path ? supervisors.filter((x) => x.org_path === path) : [];
    },
  };
}

/** Resolved tickets the customer never confirmed are closed after the configured time. */
async function autoClose(ctx: AppContext, now: Date): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const settings = await ticketConfigRepo.settings(tx);
    const cutoff = new Date(now.getTime() - settings.autoCloseResolvedHours * 3600_000);
    const rows = await tx
      .updateTable('tickets')
      .set((eb) => ({
        status: 'closed',
        closed_at: now,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('status', '=', 'resolved')
      .where('resolved_at', '<', cutoff)
      .returning(['id', 'number'])
      .execute();
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    await tx.deleteFrom('ticket_sla_checks').where('ticket_id', 'in', ids).execute();
    await tx
      .insertInto('ticket_events')
      .values(
        rows.map((r) => ({
          ticket_id: r.id,
          actor_id: null,
          actor_name: '系统',
          actor_role: 'system',
          action: 'archive',
          from_status: 'resolved',
          to_status: 'closed',
          note: `客户 ${settings.autoCloseResolvedHours} 小时未确认，系统自动归档`,
          data: '{}',
        })),
      )
      .execute();
    await sql`update ticket_stage_clocks set ended_at = ${now}, breached = deadline < ${now} where ended_at is null and ticket_id in (${sql.join(ids)})`.execute(
      tx,
    );
    await recordAudit(tx, systemActor, {
      action: 'ticket.auto_closed',
      entityType: 'ticket',
      after: { ids },
    });
    return rows.length;
  });
}

let registered = false;
export function registerTicketJobs(): void {
  if (registered) return;
  registered = true;
  registerJobHandler(
    SLA_SWEEP_JOB,
    async (_job, { ctx, log }) => {
      const r = await slaSweep(ctx);
      if (r.warned || r.escalated || r.autoClosed) log.info(r, 'SLA sweep');
    },
    { timeoutMs: 5 * 60_000 },
  );
  registerSchedule({ name: SLA_SWEEP_JOB, intervalSeconds: 60, maxAttempts: 1 });
}
