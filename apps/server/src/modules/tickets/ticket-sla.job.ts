import { sql } from 'kysely';
import { SLA_STAGE_LABELS, type SlaStage } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { withTx } from '../../platform/db/database';
import { registerJobHandler, registerSchedule } from '../../platform/jobs/job-registry';
import { recordAudit } from '../../platform/audit/audit.service';
import { systemActor } from '../../platform/auth/context';
import { ticketConfigRepo } from './ticket-config.repo';
import { refreshTicketSla } from './ticket-clock';
import { holders, ladderRecipients, ticketNotifier } from './ticket-notify';
import { ticketRepo } from './ticket.repo';

export const SLA_SWEEP_JOB = 'tickets.sla_sweep';

export interface SweepResult {
  checked: number;
  warned: number;
  escalated: number;
  autoClosed: number;
}

/**
 * Warns owners at the warning share and walks the escalation ladder after a breach, once per rung.
 * Reads only tickets whose next check time has come (partial index); rows are locked with SKIP LOCKED,
 * so several instances sweeping at once never handle the same ticket twice.
 */
export async function slaSweep(ctx: AppContext, now = new Date(), batch = 500): Promise<SweepResult> {
  const out: SweepResult = { checked: 0, warned: 0, escalated: 0, autoClosed: 0 };
  const notifier = ticketNotifier(ctx);
  for (;;) {
    const n = await withTx(ctx.db, async (tx) => {
      const due = await tx
        .selectFrom('tickets')
        .select(['id', 'number', 'title', 'org_path', 'assignee_org_id', 'assignee_org_path', 'assignee_user_id'])
        .where('sla_next_check_at', '<=', now)
        .orderBy('sla_next_check_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      if (!due.length) return 0;
      const settings = await ticketConfigRepo.settings(tx);
      const clocks = await tx
        .selectFrom('ticket_stage_clocks')
        .selectAll()
        .where('ticket_id', 'in', due.map((d) => d.id))
        .where('ended_at', 'is', null)
        .execute();
      for (const t of due) {
        for (const c of clocks.filter((x) => x.ticket_id === t.id)) {
          if (((c.pauses as { to: string | null }[]) ?? []).some((p) => p.to === null)) continue;
          const stage = SLA_STAGE_LABELS[c.stage as SlaStage]?.zh ?? c.stage;
          let warned = c.warned_at;
          let level = c.escalation_level;
          if (!warned && now >= c.warn_at && now < c.deadline) {
            await notifier.notify(tx, await holders(tx, t), 'ticket.sla_warning', `工单 ${t.number} ${stage}即将超时`, `${t.title}，时限 ${c.deadline.toISOString()}`, t.id);
            warned = now;
            out.warned++;
          }
          for (;;) {
            const rung = settings.escalationLadder[level];
            if (!rung || now.getTime() < c.deadline.getTime() + rung.afterMinutes * 60_000) break;
            const people = await ladderRecipients(tx, t, rung.level);
            await notifier.notify(tx, people.map((p) => p.id), 'ticket.escalated', `工单 ${t.number} ${stage}超时，升级督办`, t.title, t.id);
            for (const p of people) {
              await notifier.sms(tx, p.phone, 'ticket_escalated', { number: t.number, title: t.title, stage }, `ticket:${t.id}:esc:${c.id}:${level}:${p.id}`);
            }
            await ticketRepo.addEvent(tx, {
              ticket_id: t.id,
              actor_id: null,
              actor_name: '系统',
              actor_role: 'system',
              action: 'sla_escalate',
              note: `${stage}超时，升级至${rung.level === 'team' ? '班组长' : rung.level === 'district' ? '区局领导' : rung.level === 'city' ? '市公司领导' : '省公司领导'}`,
              data: JSON.stringify({ stage: c.stage, level: rung.level, recipients: people.map((p) => p.id) }),
              customer_visible: false,
            });
            level++;
            warned ??= now;
            out.escalated++;
          }
          if (warned !== c.warned_at || level !== c.escalation_level) {
            await tx.updateTable('ticket_stage_clocks').set({ warned_at: warned, escalation_level: level }).where('id', '=', c.id).execute();
          }
        }
        await refreshTicketSla(tx, t.id, settings);
      }
      return due.length;
    });
    out.checked += n;
    if (n < batch) break;
  }
  out.autoClosed = await autoClose(ctx, now);
  return out;
}

/** Resolved tickets the customer never confirmed are closed after the configured time. */
async function autoClose(ctx: AppContext, now: Date): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const settings = await ticketConfigRepo.settings(tx);
    const cutoff = new Date(now.getTime() - settings.autoCloseResolvedHours * 3600_000);
    const rows = await tx
      .updateTable('tickets')
      .set((eb) => ({ status: 'closed', closed_at: now, updated_at: now, version: eb('version', '+', 1), sla_next_check_at: null }))
      .where('status', '=', 'resolved')
      .where('resolved_at', '<', cutoff)
      .returning(['id', 'number'])
      .execute();
    if (!rows.length) return 0;
    await tx
      .insertInto('ticket_events')
      .values(rows.map((r) => ({ ticket_id: r.id, actor_id: null, actor_name: '系统', actor_role: 'system', action: 'archive', from_status: 'resolved', to_status: 'closed', note: `客户 ${settings.autoCloseResolvedHours} 小时未确认，系统自动归档`, data: '{}' })))
      .execute();
    await sql`update ticket_stage_clocks set ended_at = ${now}, breached = deadline < ${now} where ended_at is null and ticket_id in (${sql.join(rows.map((r) => r.id))})`.execute(tx);
    await recordAudit(tx, systemActor, { action: 'ticket.auto_closed', entityType: 'ticket', after: { ids: rows.map((r) => r.id) } });
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
